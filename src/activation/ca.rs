//! The CA object as ShowCertificateAuthority and ListCertificateAuthority answer it, read into typed data.
//! Lenient on purpose: a field the reader does not need never makes a CA unreadable.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a CA stands. `ACTIVED` is CCM's own spelling and the only status that issues certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaStatus {
    /// Bought, waiting for activation.
    Pending,
    /// Activated (CCM spells it `ACTIVED`).
    Actived,
    /// Disabled by the user.
    Disabled,
    /// Scheduled for deletion.
    Deleted,
    /// Its certificate has expired.
    Expired,
    /// A status this version does not know, kept verbatim so it can still be shown.
    Other(String),
}

impl Serialize for CaStatus {
    /// As CCM spells it, so `--output json` shows the same word as the API.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl CaStatus {
    /// Reads CCM's status word.
    pub fn parse(s: &str) -> CaStatus {
        match s {
            "PENDING" => CaStatus::Pending,
            "ACTIVED" => CaStatus::Actived,
            "DISABLED" => CaStatus::Disabled,
            "DELETED" => CaStatus::Deleted,
            "EXPIRED" => CaStatus::Expired,
            other => CaStatus::Other(other.to_string()),
        }
    }

    /// The word on the wire (and in `--status`).
    pub fn as_str(&self) -> &str {
        match self {
            CaStatus::Pending => "PENDING",
            CaStatus::Actived => "ACTIVED",
            CaStatus::Disabled => "DISABLED",
            CaStatus::Deleted => "DELETED",
            CaStatus::Expired => "EXPIRED",
            CaStatus::Other(s) => s,
        }
    }

    /// Whether a CA in this status can export its certificate (LIFECYCLE.md 2.1: ACTIVED or EXPIRED per
    /// the SDK, DISABLED per the status table). A status this version does not know is left to the
    /// service to judge. The command line and the wizard ask the same question here.
    pub fn can_export(&self) -> bool {
        !matches!(self, CaStatus::Pending | CaStatus::Deleted)
    }

    /// The five documented status words, for filters and their error messages.
    pub const DOCUMENTED: [&'static str; 5] =
        ["PENDING", "ACTIVED", "DISABLED", "DELETED", "EXPIRED"];
}

/// The most characters kept of any text field of a CA object (ours; the longest documented, a state or
/// locality, is 128).
pub const MAX_FIELD_CHARS: usize = 256;

/// The subject as CCM reports it (every part may be missing before activation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaSubject {
    /// `common_name`.
    #[serde(default)]
    pub common_name: Option<String>,
    /// `country`.
    #[serde(default)]
    pub country: Option<String>,
    /// `state`.
    #[serde(default)]
    pub state: Option<String>,
    /// `locality`.
    #[serde(default)]
    pub locality: Option<String>,
    /// `organization`.
    #[serde(default)]
    pub organization: Option<String>,
    /// `organizational_unit`.
    #[serde(default)]
    pub organizational_unit: Option<String>,
}

/// One CA as read from CCM: what `pca-order ca` shows and what decides whether activation worked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaInfo {
    /// `ca_id` (36 characters).
    pub ca_id: String,
    /// `ROOT` or `SUBORDINATE` (kept as text: a PENDING CA may report either).
    #[serde(rename = "type")]
    pub ca_type: Option<String>,
    /// `status`.
    pub status: CaStatus,
    /// `distinguished_name` (empty before activation).
    pub subject: CaSubject,
    /// `key_algorithm`.
    pub key_algorithm: Option<String>,
    /// `signature_algorithm`.
    pub signature_algorithm: Option<String>,
    /// `issuer_id` (none for a root).
    pub issuer_id: Option<String>,
    /// `path_length`.
    pub path_length: Option<i64>,
    /// `serial_number` (set on activation).
    pub serial_number: Option<String>,
    /// `create_time`, ms since the epoch.
    pub create_time: Option<i64>,
    /// `not_before`, ms since the epoch.
    pub not_before: Option<i64>,
    /// `not_after`, ms since the epoch.
    pub not_after: Option<i64>,
}

/// A text field of a CA object, cleaned of hidden characters and capped at [`MAX_FIELD_CHARS`].
fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key) {
        Some(Value::String(s)) => Some(crate::sanitize::cut(
            &crate::sanitize::clean(s),
            MAX_FIELD_CHARS,
        )),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn millis(v: &Value, key: &str) -> Option<i64> {
    match v.get(key) {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

impl CaInfo {
    /// Reads one CA object; `Err` names what is missing (only `ca_id` and `status` are needed).
    pub fn from_json(v: &Value) -> Result<CaInfo, String> {
        let ca_id = text(v, "ca_id").ok_or("the CA object has no ca_id")?;
        let status = text(v, "status").ok_or("the CA object has no status")?;
        // Each part cleaned and capped like every other text field: a subject (an imported CA's, or a
        // hostile endpoint's) may carry terminal escapes that retitle, write the clipboard or erase lines.
        let subject = v
            .get("distinguished_name")
            .filter(|d| d.is_object())
            .map(|d| CaSubject {
                common_name: text(d, "common_name"),
                country: text(d, "country"),
                state: text(d, "state"),
                locality: text(d, "locality"),
                organization: text(d, "organization"),
                organizational_unit: text(d, "organizational_unit"),
            })
            .unwrap_or_default();
        Ok(CaInfo {
            ca_id,
            ca_type: text(v, "type"),
            status: CaStatus::parse(&status),
            subject,
            key_algorithm: text(v, "key_algorithm"),
            signature_algorithm: text(v, "signature_algorithm"),
            issuer_id: text(v, "issuer_id"),
            path_length: millis(v, "path_length"),
            serial_number: text(v, "serial_number"),
            create_time: millis(v, "create_time"),
            not_before: millis(v, "not_before"),
            not_after: millis(v, "not_after"),
        })
    }
}

/// One page of ListCertificateAuthority: the CAs and the total the filters match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaList {
    /// `total`: how many CAs match over all pages.
    pub total: u64,
    /// `certificate_authorities` on this page.
    pub cas: Vec<CaInfo>,
}

impl CaList {
    /// Reads a list answer; `Err` says which part is not in the documented shape.
    pub fn from_json(v: &Value) -> Result<CaList, String> {
        let items = v
            .get("certificate_authorities")
            .and_then(Value::as_array)
            .ok_or("the list has no certificate_authorities array")?;
        let cas = items
            .iter()
            .map(CaInfo::from_json)
            .collect::<Result<Vec<_>, _>>()?;
        let total = v
            .get("total")
            .and_then(Value::as_u64)
            .unwrap_or(cas.len() as u64);
        Ok(CaList { total, cas })
    }
}

/// A time in ms since the epoch as `YYYY-MM-DD HH:MM:SS UTC`, or the number if it is out of range.
pub fn format_millis(ms: i64) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_else(|| ms.to_string())
}

#[cfg(test)]
mod export_tests {
    use super::*;

    #[test]
    fn which_states_export() {
        assert!(CaStatus::Actived.can_export());
        assert!(CaStatus::Expired.can_export());
        assert!(CaStatus::Disabled.can_export());
        assert!(CaStatus::Other("REVOKED".into()).can_export());
        assert!(!CaStatus::Pending.can_export());
        assert!(!CaStatus::Deleted.can_export());
    }
}

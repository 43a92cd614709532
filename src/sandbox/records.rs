//! The records the sandbox keeps about what it sold — a CA and what activation set on it — and the random
//! ids it hands out. They sit below both the in-memory state (`state.rs`) and the file store (`store.rs`),
//! so the state uses the store and the store uses these records, without a circle.

use super::issue::Issued;
use time::OffsetDateTime;

use crate::activation::rules::ActivateRequest;
use crate::activation::subordinate::SaveSubjectRequest;

/// A CA bought through the sandbox.
#[derive(Debug, Clone)]
pub(crate) struct CaRecord {
    pub ca_id: String,
    pub order_id: String,
    pub enterprise_project_id: String,
    /// Unix milliseconds, as CCM reports `create_time`.
    pub create_time: i64,
    /// Set by activation (type, subject, algorithms, serial, validity); `None` while PENDING.
    pub activation: Option<Activation>,
    /// A bought subordinate's saved subject and key (CreateCertificateAuthority with its `ca_id`).
    pub subject: Option<SavedSubject>,
    /// The certificate imported for it, signed outside: the CA then reads ACTIVED.
    pub imported: Option<Imported>,
    /// Whether its subscription renews itself (BSS `expire_policy` 3): the order's `is_auto_renew`.
    pub auto_renew: bool,
    /// Unsubscribed (type 1) at this Unix millisecond: the CA reads DELETED, its subscription closed.
    pub closed_ms: Option<i64>,
    /// Renewal orders whose periods were unsubscribed (type 2) for this CA: they no longer extend it.
    pub cut_renewals: Vec<String>,
    /// The unsubscribe orders made for this CA and their refund lines.
    pub refunds: Vec<Refund>,
}

/// An unsubscribe order the sandbox made, and what it refunds (ours: see `sandbox/bss.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refund {
    /// The unsubscribe order's id.
    pub order_id: String,
    /// The refund line's amount, as BSS writes it (negative = refunded).
    pub amount: String,
}

/// What saving a subordinate's subject set: the subject, the key algorithm, the key made for it.
#[derive(Clone)]
pub(crate) struct SavedSubject {
    pub request: SaveSubjectRequest,
    /// PKCS#8 PEM; `None` when the sandbox cannot make the kind (SM2).
    pub key_pem: Option<String>,
    /// Fault words kept for the CA's later CSR and import (`sandbox-csr_html`, `sandbox-import_drop`, …).
    pub faults: String,
}

/// The key is left out.
impl std::fmt::Debug for SavedSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedSubject")
            .field("request", &self.request)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

/// A certificate imported for a subordinate (and its chain), with what the CA shows from it.
#[derive(Debug, Clone)]
pub(crate) struct Imported {
    pub certificate_pem: String,
    pub chain_pem: Option<String>,
    pub serial_number: String,
    pub issuer_name: String,
    pub not_before: i64,
    pub not_after: i64,
    pub path_length: Option<u32>,
}

/// What activation set on a CA: held here, with the CA it belongs to, so the state needs nothing from
/// the CCM routes (`cas.rs`) that read and write it.
#[derive(Debug, Clone)]
pub(crate) struct Activation {
    pub request: ActivateRequest,
    pub issuer_name: Option<String>,
    pub serial_number: String,
    pub not_before: i64,
    pub not_after: i64,
    /// Its key and certificate; `None` for a CA activated by a version that made none (made when
    /// first exported) or one the sandbox cannot make (SM2, SM3).
    pub issued: Option<Issued>,
    /// Fault words from the activation's unit kept for the CA's export (`sandbox-export_html`, …).
    pub export_faults: String,
}

/// Mutable state behind the lock.
/// 32 lowercase hex characters: request ids, trace ids.
pub(crate) fn hex_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// `CS` + `yyMMddHHmm` + 5 of `A-Z0-9`, like the documented `CS1803192259ROA8U`.
pub(crate) fn new_order_id(now: OffsetDateTime) -> String {
    let stamp = now
        .format(time::macros::format_description!(
            "[year repr:last_two][month][day][hour][minute]"
        ))
        .unwrap_or_default();
    format!("CS{stamp}{}", upper_alnum(5))
}

/// `n` random characters from `A-Z0-9`, for order ids.
pub(crate) fn upper_alnum(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut out = String::with_capacity(n);
    while out.len() < n {
        // Bytes 6 and 8 carry the UUID version and variant bits: not random, so skipped.
        for (i, b) in uuid::Uuid::new_v4().into_bytes().into_iter().enumerate() {
            if out.len() == n {
                break;
            }
            if i == 6 || i == 8 {
                continue;
            }
            // 252 = 7 * 36: drop the top values so every character is equally likely.
            if b < 252 {
                out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_alnum_has_the_asked_length_and_alphabet() {
        let s = upper_alnum(5);
        assert_eq!(s.len(), 5);
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        );
    }
}

//! The CAs the sandbox sold, after the purchase: show, list (filters, sorting, paging), activation and
//! export. Activation issues a real certificate (`issue.rs`); export returns it as CCM does.
//!
//! A bought CA is PENDING and belongs to its order. Activation is accepted only for a PENDING CA whose order
//! is complete (BSS status 5); the body is checked with the same pure rules as the CLI and the wizard
//! (`activation::rules::wire_body`), answered with the documented codes, and the CA then reads ACTIVED with
//! a serial number and validity dates. SM2/SM3 are accepted where the sandbox's region offers them (its console configuration).
//!
//! Fault directives reach activation through `distinguished_name.organizational_unit`, spelled with the
//! characters a subject allows: `sandbox-status-503`, `sandbox-delay_ms-3000` (activates, then holds the
//! answer back), `sandbox-drop` (activates, then closes the connection without an answer), `sandbox-html`. They are kept out of the stored subject.

use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::directives::{self, Directives};
use super::issue::{IssueError, IssuerCa, issue};
use super::orders::status;
use super::records::{Activation, CaRecord, hex_id};
use super::state::App;
use super::{ConnDrop, reply};
use crate::activation::rules::{self, Field, Site};

/// What a request under `/v1/private-certificate-authorities/{ca_id}` asks of the CA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaAction {
    /// `GET …/{ca_id}`: ShowCertificateAuthority.
    Show,
    /// `POST …/{ca_id}/activate`: IssueCertificateAuthorityCertificate.
    Activate,
    /// `POST …/{ca_id}/export`: ExportCertificateAuthorityCertificate.
    Export,
    /// `GET …/{ca_id}/csr`: ExportCertificateAuthorityCsr.
    Csr,
    /// `POST …/{ca_id}/import`: ImportCertificateAuthorityCertificate.
    Import,
}

impl CaAction {
    /// The method the action is served on.
    pub(crate) fn method(self) -> axum::http::Method {
        match self {
            CaAction::Show | CaAction::Csr => axum::http::Method::GET,
            CaAction::Activate | CaAction::Export | CaAction::Import => axum::http::Method::POST,
        }
    }
}

/// The CA id in a `/v1/private-certificate-authorities/{ca_id}[/activate|/export]` path, and what is
/// asked of it. `order` and `quotas` are other APIs, not CA ids.
pub(crate) fn ca_path(path: &str) -> Option<(String, CaAction)> {
    let rest = path.strip_prefix("/v1/private-certificate-authorities/")?;
    let (id, action) = match rest.split_once('/') {
        None => (rest, CaAction::Show),
        Some((id, "activate")) => (id, CaAction::Activate),
        Some((id, "export")) => (id, CaAction::Export),
        Some((id, "csr")) => (id, CaAction::Csr),
        Some((id, "import")) => (id, CaAction::Import),
        Some(_) => return None,
    };
    if id.is_empty() || id.contains('/') || id == "order" || id == "quotas" {
        return None;
    }
    Some((id.to_string(), action))
}

/// Milliseconds since the epoch, rounded down to a whole second.
pub(crate) fn whole_seconds(t: OffsetDateTime) -> i64 {
    rules::to_millis(t).div_euclid(1000) * 1000
}

/// A new serial number: 32 hex characters (16 random bytes) whose first byte is not zero, so the
/// certificate's serial (DER drops leading zeros) reads exactly as CCM's `serial_number`.
fn serial_number() -> String {
    loop {
        let s = hex_id();
        if !s.starts_with("00") {
            return s;
        }
    }
}

/// Gives the CA at `index` its key and certificate if it has none yet (a CA activated by an older
/// sandbox, or its issuer's), issuing its issuers first. Errors when the sandbox cannot make it.
fn ensure_issued(cas: &mut [CaRecord], index: usize) -> Result<(), IssueError> {
    // The issuers above `index`, nearest first, each position once (a loop in old data ends it).
    let mut line = vec![index];
    loop {
        let last = line[line.len() - 1];
        let Some(a) = cas[last].activation.as_ref() else {
            return Err(IssueError::IssuerWithout);
        };
        if a.issued.is_some() {
            break;
        }
        let Some(id) = a.request.issuer_id.as_deref() else {
            break;
        };
        match cas.iter().position(|c| c.ca_id == id) {
            Some(p) if !line.contains(&p) => line.push(p),
            _ => return Err(IssueError::IssuerWithout),
        }
    }
    // Issue from the top down: each one's issuer has its certificate by then.
    for (n, &at) in line.iter().enumerate().rev() {
        let Some(a) = cas[at].activation.as_ref() else {
            return Err(IssueError::IssuerWithout);
        };
        if a.issued.is_some() {
            continue;
        }
        let issuer = match line.get(n + 1) {
            None => None,
            Some(&p) => match cas[p].activation.as_ref() {
                Some(pa) => match &pa.issued {
                    Some(issued) => Some(IssuerCa {
                        key_algorithm: pa.request.key_algorithm,
                        issued,
                    }),
                    None => return Err(IssueError::IssuerWithout),
                },
                None => return Err(IssueError::IssuerWithout),
            },
        };
        let made = issue(
            &a.request,
            &a.serial_number,
            a.not_before,
            a.not_after,
            issuer,
        )
        .map_err(|e| match (n, e) {
            (0, e) => e,
            (_, IssueError::Unsupported(_)) => IssueError::IssuerWithout,
            (_, e) => e,
        })?;
        if let Some(a) = cas[at].activation.as_mut() {
            a.issued = Some(made);
        }
    }
    Ok(())
}

/// PEM text as CCM's export sends it: line breaks written as the text `\r\n` (LIFECYCLE.md section 2.1;
/// whether the service means the escaped text or CR LF is not documented: the sandbox sends the
/// escaped text, the harder of the two for a client), no line break at the end.
pub(crate) fn wire_pem(pem: &str) -> String {
    pem.trim_end().replace('\n', "\\r\\n")
}

/// ExportCertificateAuthorityCertificate: `{certificate, certificate_chain}` for an ACTIVED or EXPIRED
/// CA (DISABLED would export too; the sandbox cannot disable). The chain is the issuers', nearest first
/// up to the root; a root's is null.
pub(crate) fn export(app: &App, ca_id: &str) -> Response {
    if let Some(r) = bad_ca_id(ca_id) {
        return r;
    }
    let now = millis(OffsetDateTime::now_utc());
    let mut state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(index) = state.cas.iter().position(|c| c.ca_id == ca_id) else {
        return not_found(ca_id);
    };
    let status = state.cas[index].status(now);
    if !["ACTIVED", "EXPIRED", "DISABLED"].contains(&status) {
        return reply::invalid_parameter(&format!(
            "(sandbox) the CA is {status}; only an ACTIVED, EXPIRED or DISABLED CA can be exported. \
             The real service's code for this case is not documented"
        ));
    }
    if let Some(i) = &state.cas[index].imported {
        return reply::json(
            StatusCode::OK,
            json!({"certificate": wire_pem(&i.certificate_pem),
                   "certificate_chain": i.chain_pem.as_deref().map(wire_pem)}),
        );
    }
    let had = state.cas[index]
        .activation
        .as_ref()
        .is_some_and(|a| a.issued.is_some());
    if let Err(e) = ensure_issued(&mut state.cas, index) {
        return reply::invalid_parameter(&e.to_string());
    }
    // Certificates made on demand (a CA activated before the sandbox made them) are kept.
    if !had && let Err(r) = state.save() {
        return r;
    }
    let pem_of = |i: usize| {
        state.cas[i]
            .activation
            .as_ref()
            .and_then(|a| a.issued.as_ref())
            .map(|x| x.certificate_pem.clone())
    };
    let Some(certificate) = pem_of(index) else {
        return reply::invalid_parameter("(sandbox) the CA has no certificate");
    };
    let mut chain = String::new();
    let mut at = index;
    for _ in 0..state.cas.len() {
        let issuer = state.cas[at]
            .activation
            .as_ref()
            .and_then(|a| a.request.issuer_id.as_deref())
            .and_then(|id| state.cas.iter().position(|c| c.ca_id == id));
        let Some(p) = issuer else { break };
        if let Some(pem) = pem_of(p) {
            chain.push_str(&pem);
        }
        at = p;
    }
    let chain = (!chain.is_empty()).then(|| wire_pem(&chain));
    reply::json(
        StatusCode::OK,
        json!({"certificate": wire_pem(&certificate), "certificate_chain": chain}),
    )
}

pub(crate) fn millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

impl CaRecord {
    /// PENDING until activated; ACTIVED after, EXPIRED once `not_after` has passed; DELETED once
    /// unsubscribed.
    pub(crate) fn status(&self, now_ms: i64) -> &'static str {
        // Unsubscribed (type 1): deleted, as Terraform waits for after an unsubscribe.
        if self.closed_ms.is_some() {
            return "DELETED";
        }
        let not_after = match (&self.activation, &self.imported) {
            (Some(a), _) => a.not_after,
            (None, Some(i)) => i.not_after,
            (None, None) => return "PENDING",
        };
        if not_after <= now_ms {
            "EXPIRED"
        } else {
            "ACTIVED"
        }
    }

    fn ca_type(&self) -> &'static str {
        match (&self.activation, &self.subject) {
            (Some(a), _) => a.request.ca_type.as_str(),
            (None, Some(_)) => "SUBORDINATE",
            (None, None) => "ROOT",
        }
    }

    fn common_name(&self) -> &str {
        match (&self.activation, &self.subject) {
            (Some(a), _) => a.request.distinguished_name.common_name.as_str(),
            (None, Some(s)) => s.request.distinguished_name.common_name.as_str(),
            (None, None) => "",
        }
    }

    /// `path_length` as shown: 7 for a root (documented), the one sent (or the default) for a
    /// subordinate, none before activation.
    fn path_length(&self) -> Option<u64> {
        if let Some(i) = &self.imported {
            return i.path_length.map(u64::from);
        }
        self.activation.as_ref().map(|a| match a.request.ca_type {
            rules::CaType::Root => 7,
            rules::CaType::Subordinate => {
                a.request.path_length.unwrap_or(rules::DEFAULT_PATH_LENGTH)
            }
        })
    }

    fn not_after(&self) -> Option<i64> {
        self.activation
            .as_ref()
            .map(|a| a.not_after)
            .or(self.imported.as_ref().map(|i| i.not_after))
    }
}

/// A CA as CCM shows and lists it.
fn ca_json(ca: &CaRecord, domain_id: &str, now_ms: i64) -> Value {
    let a = ca.activation.as_ref();
    let req = a.map(|a| &a.request);
    let saved = ca.subject.as_ref().map(|s| &s.request);
    let imported = ca.imported.as_ref();
    json!({
        "ca_id": ca.ca_id,
        "type": ca.ca_type(),
        "status": ca.status(now_ms),
        // Documented: 7 is stored for a root.
        "path_length": ca.path_length(),
        "issuer_id": req.and_then(|r| r.issuer_id.clone()),
        "issuer_name": a.and_then(|a| a.issuer_name.clone())
            .or(imported.map(|i| i.issuer_name.clone())),
        "key_algorithm": req.map(|r| r.key_algorithm.as_str())
            .or(saved.map(|s| s.key_algorithm.as_str())),
        "signature_algorithm": req.map(|r| r.signature_algorithm.as_str()),
        "freeze_flag": 0,
        "gen_mode": "GENERATE",
        "serial_number": a.map(|a| a.serial_number.clone())
            .or(imported.map(|i| i.serial_number.clone())),
        "create_time": ca.create_time,
        "delete_time": null,
        "not_before": a.map(|a| a.not_before).or(imported.map(|i| i.not_before)),
        "not_after": ca.not_after(),
        "distinguished_name": req.map(|r| &r.distinguished_name)
            .or(saved.map(|s| &s.distinguished_name)),
        "crl_configuration": {"enabled": false, "crl_name": null, "obs_bucket_name": null,
                              "valid_days": null, "crl_dis_point": null},
        "enterprise_project_id": ca.enterprise_project_id,
        "free_quota": 0,
        "charging_mode": 0,
        "order_id": ca.order_id,
        "domain_id": domain_id,
    })
}

pub(crate) fn bad_ca_id(id: &str) -> Option<Response> {
    rules::ca_id(Field::CaId, id).err().map(|e| {
        reply::ccm(
            StatusCode::BAD_REQUEST,
            e.field.error_code(),
            &format!(
                "Invalid CA id \"{}\": {}",
                crate::sanitize::cut(id, 64),
                e.rule
            ),
        )
    })
}

pub(crate) fn not_found(id: &str) -> Response {
    reply::ccm(
        StatusCode::BAD_REQUEST,
        "PCA.10010002",
        &format!("Resource not found: CA {id} does not exist"),
    )
}

/// ShowCertificateAuthority.
pub(crate) fn show(app: &App, ca_id: &str) -> Response {
    if let Some(r) = bad_ca_id(ca_id) {
        return r;
    }
    let now = millis(OffsetDateTime::now_utc());
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    match state.cas.iter().find(|c| c.ca_id == ca_id) {
        Some(ca) => reply::json(StatusCode::OK, ca_json(ca, &app.config.domain_id, now)),
        None => not_found(ca_id),
    }
}

/// ListCertificateAuthority with `status`, `type`, `name`, `sort_key`, `sort_dir`, `limit`, `offset`.
pub(crate) fn list(app: &App, parts: &Parts) -> Response {
    let pairs = super::query::query_pairs(parts);
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let number = |k: &str, default: u64, max: u64| -> Result<u64, String> {
        match get(k) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{k} must be a whole number from 0 to {max}, got \"{v}\"")),
        }
    };
    let limit = match number("limit", 10, 1000) {
        Ok(v) => v,
        Err(e) => return reply::invalid_parameter(&e),
    };
    let offset = match number("offset", 0, u64::from(u32::MAX)) {
        Ok(v) => v,
        Err(e) => return reply::invalid_parameter(&e),
    };
    let status = get("status");
    if let Some(s) = status
        && !crate::activation::CaStatus::DOCUMENTED.contains(&s)
    {
        return reply::invalid_parameter(&format!(
            "status must be one of {}",
            crate::activation::CaStatus::DOCUMENTED.join(", ")
        ));
    }
    let kind = get("type");
    if kind.is_some_and(|t| !rules::CA_TYPES.contains(&t)) {
        return reply::invalid_parameter("type must be ROOT or SUBORDINATE");
    }
    let name = get("name");
    if name.is_some_and(|n| n.is_empty() || n.chars().count() > 64) {
        return reply::invalid_parameter("name must be 1 to 64 characters");
    }
    let sort_key = get("sort_key").unwrap_or("create_time");
    if !["create_time", "common_name", "type", "not_after"].contains(&sort_key) {
        return reply::invalid_parameter(
            "sort_key must be create_time, common_name, type or not_after",
        );
    }
    let descending = match get("sort_dir").unwrap_or("DESC") {
        "DESC" => true,
        "ASC" => false,
        _ => return reply::invalid_parameter("sort_dir must be DESC or ASC"),
    };
    let now = millis(OffsetDateTime::now_utc());
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut found: Vec<&CaRecord> = state
        .cas
        .iter()
        .filter(|c| status.is_none_or(|s| c.status(now) == s))
        .filter(|c| kind.is_none_or(|k| c.ca_type() == k))
        .filter(|c| name.is_none_or(|n| c.common_name().to_lowercase().contains(&n.to_lowercase())))
        .collect();
    // Stable ascending sort, then reversed for DESC: equal keys come newest-bought first.
    match sort_key {
        "common_name" => found.sort_by(|a, b| a.common_name().cmp(b.common_name())),
        "type" => found.sort_by_key(|c| c.ca_type()),
        "not_after" => found.sort_by_key(|c| c.not_after()),
        _ => found.sort_by_key(|c| c.create_time),
    }
    if descending {
        found.reverse();
    }
    let page: Vec<Value> = found
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|c| ca_json(c, &app.config.domain_id, now))
        .collect();
    reply::json(
        StatusCode::OK,
        json!({"certificate_authorities": page, "total": found.len()}),
    )
}

/// Reads the `sandbox-…` words of an organizational unit as fault directives, and the unit without them.
pub(crate) fn unit_directives(unit: &str) -> Result<(Directives, String), String> {
    let mut translated = Vec::new();
    let mut kept = Vec::new();
    for word in unit.split(' ').filter(|w| !w.is_empty()) {
        match word.strip_prefix("sandbox-") {
            Some(rest) => translated.push(match rest.split_once('-') {
                Some((name, value)) => format!("sandbox:{name}={value}"),
                None => format!("sandbox:{rest}"),
            }),
            None => kept.push(word),
        }
    }
    let d = directives::parse(&translated.join(" "))
        .map_err(|e| e.replace("sandbox:", "sandbox-").replace('=', "-"))?;
    Ok((d, kept.join(" ")))
}

/// The prefix of a fault word kept with a CA for its export (`sandbox-export_status-503`).
pub(crate) const EXPORT_FAULT: &str = "sandbox-export_";

/// Splits an organizational unit into the words kept for the CA's export (`sandbox-export_html`, each
/// checked as the directive it will be) and the rest of the unit.
pub(crate) fn export_words(unit: &str) -> Result<(String, String), String> {
    let (export, rest): (Vec<&str>, Vec<&str>) = unit
        .split(' ')
        .filter(|w| !w.is_empty())
        .partition(|w| w.starts_with(EXPORT_FAULT));
    for w in &export {
        unit_directives(&w.replacen(EXPORT_FAULT, "sandbox-", 1))?;
    }
    Ok((export.join(" "), rest.join(" ")))
}

/// IssueCertificateAuthorityCertificate: activates a PENDING CA of a completed order; 204.
pub(crate) async fn activate(
    app: &App,
    parts: &Parts,
    ca_id: &str,
    body: &[u8],
    request_id: &str,
) -> Response {
    if let Some(r) = bad_ca_id(ca_id) {
        return r;
    }
    match app.state() {
        Ok(state) if state.cas.iter().any(|c| c.ca_id == ca_id) => {}
        Ok(_) => return not_found(ca_id),
        Err(r) => return r,
    }
    let mut value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return reply::ccm(
                StatusCode::BAD_REQUEST,
                "PCA.10010105",
                &format!("Invalid parameter format: the request body is not valid JSON ({e})"),
            );
        }
    };
    let unit_ptr = "/distinguished_name/organizational_unit";
    let unit = value
        .pointer(unit_ptr)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // `sandbox-export_*` words are kept with the CA for its export (checked now, so a typo is
    // refused when it is typed); the rest act on this activation.
    let (export_faults, unit) = match export_words(&unit) {
        Ok(split) => split,
        Err(msg) => {
            return reply::invalid_parameter(&format!(
                "distinguished_name.organizational_unit: {msg}"
            ));
        }
    };
    let faults = match unit_directives(&unit) {
        Ok((d, kept)) => {
            if let Some(slot) = value.pointer_mut(unit_ptr) {
                *slot = if kept.is_empty() {
                    Value::Null
                } else {
                    Value::String(kept)
                };
            }
            d
        }
        Err(msg) => {
            return reply::invalid_parameter(&format!(
                "distinguished_name.organizational_unit: {msg}"
            ));
        }
    };
    // The delay holds back the answer, never the work: an accepted activation takes effect before the
    // wait, so a client that gives up (dropping the connection, and with it this handler) still leaves the
    // CA ACTIVED, as the real service would (orders and pays do the same).
    let answer = activate_now(app, ca_id, &value, (&faults, export_faults), request_id);
    if let Some(delay) = faults.delay {
        tokio::time::sleep(delay).await;
    }
    if let Some(refused) = answer {
        return refused;
    }
    if faults.drop
        && let Some(conn) = parts.extensions.get::<ConnDrop>()
    {
        conn.drop_connection();
        return std::future::pending().await;
    }
    reply::empty(StatusCode::NO_CONTENT)
}

/// Checks and applies an activation at once (no waiting): `None` when the CA is now ACTIVED, else the
/// answer that refuses it (a status or html directive, a bad body, a CA or order in the wrong state).
fn activate_now(
    app: &App,
    ca_id: &str,
    value: &Value,
    (faults, export_faults): (&Directives, String),
    request_id: &str,
) -> Option<Response> {
    if let Some(s) = faults.status {
        return Some(reply::for_status(s, request_id));
    }
    if faults.html {
        return Some(reply::html_bad_gateway());
    }
    let word = |k: &str| value.get(k).and_then(Value::as_str);
    if let Some(refused) =
        super::console::refuse_sm(app, word("key_algorithm"), word("signature_algorithm"))
    {
        return Some(refused);
    }
    let now = OffsetDateTime::now_utc();
    let now_ms = millis(now);
    let request = match rules::wire_body(ca_id, value, Site::China, now_ms) {
        Ok(r) => r,
        Err(e) => {
            return Some(reply::ccm(
                StatusCode::BAD_REQUEST,
                e.field.error_code(),
                &format!("Invalid parameter: {e}"),
            ));
        }
    };
    {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return Some(r),
        };
        let settle = app.config.settle;
        let Some(index) = state.cas.iter().position(|c| c.ca_id == ca_id) else {
            return Some(not_found(ca_id));
        };
        let ca = &state.cas[index];
        let ca_status = ca.status(now_ms);
        if ca.subject.is_some() && ca_status == "PENDING" {
            return Some(reply::invalid_parameter(
                "(sandbox) the CA's subject was saved for a CSR signed outside; import its \
                 certificate instead. The real service's answer for this case is not documented",
            ));
        }
        if ca_status != "PENDING" {
            return Some(reply::invalid_parameter(&format!(
                "the CA is {ca_status}; only a PENDING CA can be activated"
            )));
        }
        let order_status = state
            .orders
            .iter()
            .find(|o| o.order_id == ca.order_id)
            .map(|o| o.status_at(now, settle));
        if order_status != Some(status::COMPLETED) {
            let why = match order_status {
                Some(status::PENDING_PAYMENT) => "is waiting for payment (status 6)",
                Some(status::PROCESSING) => "is still being processed (status 3)",
                Some(status::CANCELLED) => "was cancelled (status 4)",
                _ => "is not complete",
            };
            return Some(reply::invalid_parameter(&format!(
                "(sandbox) the CA's order {} {why}; a CA can be activated once its order is complete \
                 (status 5). The real service's answer for this case is not documented",
                ca.order_id
            )));
        }
        let issuer_name = match &request.issuer_id {
            None => None,
            Some(issuer) => match state.cas.iter().find(|c| &c.ca_id == issuer) {
                None => {
                    return Some(reply::ccm(
                        StatusCode::BAD_REQUEST,
                        "PCA.10010002",
                        &format!("Resource not found: issuer CA {issuer} does not exist"),
                    ));
                }
                Some(i) if i.status(now_ms) != "ACTIVED" => {
                    return Some(reply::invalid_parameter(&format!(
                        "issuer_id: the issuing CA {issuer} is {}; it must be ACTIVED",
                        i.status(now_ms)
                    )));
                }
                // A path length of 0 allows no CA below: the issuer can sign end-entity certificates
                // only. Refused with the documented "incorrect parameter" code naming the field (the
                // sandbox's rule; the real service's answer for it is not documented).
                Some(i) if i.path_length() == Some(0) => {
                    return Some(reply::invalid_parameter(&format!(
                        "issuer_id: the issuing CA {issuer} has path_length 0, so it cannot sign a \
                         CA (sandbox's rule; the real service's answer is not documented)"
                    )));
                }
                Some(i) => Some(i.common_name().to_string()),
            },
        };
        // Calendar months and years (31 January + 1 month = the end of February), as a person reads
        // the validity: the same dates the wizard shows before asking.
        let Some((not_before, not_after)) = rules::validity_dates(&request.validity, now) else {
            return Some(reply::ccm(
                StatusCode::BAD_REQUEST,
                Field::Validity.error_code(),
                "Invalid parameter: validity: the dates fall outside the calendar",
            ));
        };
        // Whole seconds: an X.509 certificate holds its validity to the second, and the CA's
        // not_before/not_after must be the certificate's (sandbox's rule).
        let (not_before, not_after) = (whole_seconds(not_before), whole_seconds(not_after));
        state.cas[index].activation = Some(Activation {
            request,
            issuer_name,
            serial_number: serial_number(),
            not_before,
            not_after,
            issued: None,
            export_faults,
        });
        // A CA the sandbox cannot make a certificate for (SM2, SM3) is activated all the same; its
        // export says why it has none.
        let _ = ensure_issued(&mut state.cas, index);
        if let Err(r) = state.save() {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ca_paths() {
        let id = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
        assert_eq!(
            ca_path(&format!("/v1/private-certificate-authorities/{id}")),
            Some((id.into(), CaAction::Show))
        );
        assert_eq!(
            ca_path(&format!(
                "/v1/private-certificate-authorities/{id}/activate"
            )),
            Some((id.into(), CaAction::Activate))
        );
        assert_eq!(
            ca_path(&format!("/v1/private-certificate-authorities/{id}/export")),
            Some((id.into(), CaAction::Export))
        );
        assert_eq!(
            ca_path(&format!("/v1/private-certificate-authorities/{id}/explode")),
            None
        );
        assert_eq!(
            ca_path(&format!(
                "/v1/private-certificate-authorities/{id}/export/x"
            )),
            None
        );
        assert_eq!(ca_path("/v1/private-certificate-authorities/order"), None);
        assert_eq!(ca_path("/v1/private-certificate-authorities/quotas"), None);
        assert_eq!(ca_path("/v1/private-certificate-authorities/"), None);
    }

    /// Export words are split off the unit (checked as the directive they will be); other words,
    /// directives for now included, stay.
    #[test]
    fn export_words_are_kept_apart_and_checked_when_typed() {
        let (export, rest) =
            export_words("Ops sandbox-export_status-503 sandbox-drop sandbox-export_html")
                .expect("ok");
        assert_eq!(export, "sandbox-export_status-503 sandbox-export_html");
        assert_eq!(rest, "Ops sandbox-drop");
        assert_eq!(
            export_words("Ops").expect("ok"),
            (String::new(), "Ops".into())
        );
        let e = export_words("sandbox-export_explode").unwrap_err();
        assert!(e.contains("explode"), "{e}");
    }

    #[test]
    fn unit_directives_are_typable_subject_words() {
        let (d, kept) = unit_directives("Ops sandbox-status-503").expect("ok");
        assert_eq!(d.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(kept, "Ops");
        let (d, kept) = unit_directives("sandbox-drop sandbox-delay_ms-10").expect("ok");
        assert!(d.drop);
        assert_eq!(d.delay, Some(std::time::Duration::from_millis(10)));
        assert_eq!(kept, "");
        assert!(
            unit_directives("sandbox-explode")
                .unwrap_err()
                .contains("sandbox-explode")
        );
        for w in [
            "sandbox-status-503",
            "sandbox-delay_ms-3000",
            "sandbox-drop",
            "sandbox-html",
        ] {
            assert!(
                rules::subject_part(Field::OrganizationalUnit, w, false).is_ok(),
                "{w}"
            );
        }
    }
}

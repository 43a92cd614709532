//! A bought subordinate signed by an outside root (issue 21, LIFECYCLE.md section 2.2), as the sandbox
//! plays it: CreateCertificateAuthority with the CA's `ca_id` saves its subject and key algorithm and
//! makes its key (the flow is **inferred** from the SDK's field description, not verified live);
//! ExportCertificateAuthorityCsr returns a real CSR for them (line breaks as the text `\r\n`, as export);
//! ImportCertificateAuthorityCertificate accepts a CA certificate whose public key is the CSR's, and the
//! CA then reads ACTIVED with the certificate's dates, serial and issuer.
//!
//! The sandbox's own rules, where the reference is silent: the CA's order must be complete, the subject
//! is saved once, a foreign key is refused with the documented text "Certificate public key and private
//! key does not match" under the code `PCA.10010004` (the real code was not captured: ours), and a
//! certificate that is not a CA's is refused as an invalid parameter.
//!
//! Fault directives reach all three through the subject's organizational unit, as for activation:
//! `sandbox-status-503` (and `-delay_ms-N`, `-drop`, `-html`) act on the save itself; the same words
//! with `csr_` or `import_` after `sandbox-` (`sandbox-csr_html`, `sandbox-import_delay_ms-3000`) are
//! kept with the CA and act on its later CSR or import; `sandbox-readback_*` words act on reading the
//! CA (ShowCertificateAuthority) once its certificate is imported — the import stands, only reading it
//! back fails, so `import`'s unconfirmed end can be seen on purpose; `sandbox-export_*` words (here, or
//! in an activation's unit) act on its export. Unlike activation's, the words stay in the saved
//! subject, so the CSR names exactly the subject the client asked for (and the client's check that the
//! CSR is for the saved subject holds against the sandbox too).

use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::cas::{EXPORT_FAULT, bad_ca_id, millis, not_found, unit_directives, wire_pem};
use super::directives::Directives;
use super::issue::{csr_pem, subject_key};
use super::orders::status;
use super::records::{Imported, SavedSubject};
use super::state::App;
use super::{ConnDrop, reply};
use crate::activation::subordinate::wire_save_subject;
use crate::certificate::import::{CERTIFICATE_MAX, CHAIN_MAX};
use crate::certificate::{parse_csr, parse_pem};

/// The documented error text of an import whose key is not the CSR's (LIFECYCLE.md section 2.1).
pub(crate) const KEY_MISMATCH: &str = "Certificate public key and private key does not match";
/// The code the sandbox answers it with (ours: the real one is not documented).
pub(crate) const KEY_MISMATCH_CODE: &str = "PCA.10010004";

/// Splits an organizational unit into the directives for now, the words kept for the CSR and the
/// import, and the unit without any of them.
fn split_faults(unit: &str) -> Result<(Directives, String, String), String> {
    let (mut now, mut kept, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    for word in unit.split(' ').filter(|w| !w.is_empty()) {
        if word.starts_with("sandbox-csr_")
            || word.starts_with("sandbox-import_")
            || word.starts_with(READBACK_FAULT)
            || word.starts_with(EXPORT_FAULT)
        {
            kept.push(word);
        } else if word.starts_with("sandbox-") {
            now.push(word);
        } else {
            plain.push(word);
        }
    }
    let (d, _) = unit_directives(&now.join(" "))?;
    // The kept words are checked now too, so a typo is refused when it is typed.
    for w in &kept {
        unit_directives(&later(w))?;
    }
    Ok((d, kept.join(" "), plain.join(" ")))
}

/// The prefix of a fault word kept with a CA for reading it back after its import
/// (`sandbox-readback_status-503`).
const READBACK_FAULT: &str = "sandbox-readback_";

/// A kept word as the directive it is later (`sandbox-csr_html` → `sandbox-html`).
fn later(word: &str) -> String {
    word.replacen("sandbox-csr_", "sandbox-", 1)
        .replacen("sandbox-import_", "sandbox-", 1)
        .replacen(READBACK_FAULT, "sandbox-", 1)
        .replacen(EXPORT_FAULT, "sandbox-", 1)
}

/// ShowCertificateAuthority, with the CA's kept read-back directives once its certificate is imported
/// (a status or html answer, the answer held back, or the connection dropped). Before the import, and
/// for every other CA, the plain read: `import`'s own check that the CA is PENDING still reads it.
/// A read changes nothing, so the imported CA stays ACTIVED (the list shows it so).
pub(crate) async fn show(app: &App, parts: &Parts, ca_id: &str, request_id: &str) -> Response {
    let kept = match app.state() {
        Ok(state) => state
            .cas
            .iter()
            .find(|c| c.ca_id == ca_id && c.imported.is_some())
            .and_then(|c| c.subject.as_ref())
            .map(|s| s.faults.clone())
            .unwrap_or_default(),
        Err(r) => return r,
    };
    let faults = kept_for(&kept, "readback");
    if let Some(refused) = refused_by(&faults, request_id) {
        return deliver(parts, &faults, refused).await;
    }
    let answer = super::cas::show(app, ca_id);
    deliver(parts, &faults, answer).await
}

/// ExportCertificateAuthorityCertificate with the CA's kept export directives (from its activation's
/// unit, or a subordinate's saved subject): a status or html answer instead of the certificate, or the
/// certificate held back (`delay_ms`) or its connection dropped. An export changes nothing, so a
/// refusal leaves the CA as it was.
pub(crate) async fn export(app: &App, parts: &Parts, ca_id: &str, request_id: &str) -> Response {
    let kept = match app.state() {
        Ok(state) => state
            .cas
            .iter()
            .find(|c| c.ca_id == ca_id)
            .map(|c| {
                let from_activation = c.activation.as_ref().map(|a| a.export_faults.as_str());
                let from_subject = c.subject.as_ref().map(|s| s.faults.as_str());
                [from_activation, from_subject]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        Err(r) => return r,
    };
    let faults = kept_for(&kept, "export");
    if let Some(refused) = refused_by(&faults, request_id) {
        return deliver(parts, &faults, refused).await;
    }
    let answer = super::cas::export(app, ca_id);
    deliver(parts, &faults, answer).await
}

/// The kept directives for `step` (`csr`, `import`, `readback` or `export`).
fn kept_for(faults: &str, step: &str) -> Directives {
    let prefix = format!("sandbox-{step}_");
    let words: Vec<String> = faults
        .split(' ')
        .filter(|w| w.starts_with(&prefix))
        .map(later)
        .collect();
    unit_directives(&words.join(" "))
        .map(|(d, _)| d)
        .unwrap_or_default()
}

/// The answer for a status or html directive, if there is one.
fn refused_by(faults: &Directives, request_id: &str) -> Option<Response> {
    if let Some(s) = faults.status {
        return Some(reply::for_status(s, request_id));
    }
    faults.html.then(reply::html_bad_gateway)
}

/// Holds the answer back and drops the connection when asked, after the work is done (an accepted
/// request takes effect whatever the client does next).
async fn deliver(parts: &Parts, faults: &Directives, answer: Response) -> Response {
    if let Some(delay) = faults.delay {
        tokio::time::sleep(delay).await;
    }
    if faults.drop
        && let Some(conn) = parts.extensions.get::<ConnDrop>()
    {
        conn.drop_connection();
        return std::future::pending().await;
    }
    answer
}

fn bad_json(e: &serde_json::Error) -> Response {
    reply::ccm(
        StatusCode::BAD_REQUEST,
        "PCA.10010105",
        &format!("Invalid parameter format: the request body is not valid JSON ({e})"),
    )
}

/// CreateCertificateAuthority. Only its yearly/monthly form (a `ca_id` of a bought subordinate) is
/// played; 200 `{ca_id}`.
pub(crate) async fn create(app: &App, parts: &Parts, body: &[u8], request_id: &str) -> Response {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return bad_json(&e),
    };
    let Some(obj) = value.as_object() else {
        return reply::invalid_parameter("the request body must be a JSON object");
    };
    if obj.get("ca_id").is_none_or(Value::is_null) {
        return reply::invalid_parameter(
            "(sandbox) creating a pay-per-use CA is not played by the sandbox: buy one with an order",
        );
    }
    if ["issuer_id", "validity", "signature_algorithm"]
        .iter()
        .any(|k| obj.get(*k).is_some_and(|v| !v.is_null()))
    {
        return reply::invalid_parameter(
            "(sandbox) with a ca_id the sandbox saves a subordinate's subject and key only; activate \
             a bought CA with POST .../CA_ID/activate",
        );
    }
    let unit = obj
        .get("distinguished_name")
        .and_then(|d| d.get("organizational_unit"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let (now_faults, kept, _plain) = match split_faults(&unit) {
        Ok(x) => x,
        Err(msg) => {
            return reply::invalid_parameter(&format!(
                "distinguished_name.organizational_unit: {msg}"
            ));
        }
    };
    if let Some(r) = refused_by(&now_faults, request_id) {
        return r;
    }
    if let Some(refused) =
        super::console::refuse_sm(app, obj.get("key_algorithm").and_then(Value::as_str), None)
    {
        return refused;
    }
    let request = match wire_save_subject(obj) {
        Ok(r) => r,
        Err(e) => {
            return reply::ccm(
                StatusCode::BAD_REQUEST,
                e.field.error_code(),
                &format!("Invalid parameter: {e}"),
            );
        }
    };
    let answer = save_now(app, request, kept);
    deliver(parts, &now_faults, answer).await
}

fn save_now(app: &App, request: crate::activation::SaveSubjectRequest, faults: String) -> Response {
    let now = OffsetDateTime::now_utc();
    let now_ms = millis(now);
    let ca_id = request.ca_id.clone();
    // The key is made before the state is locked: an RSA 4096 key takes a while.
    let key_pem = subject_key(request.key_algorithm).ok();
    let mut state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let settle = app.config.settle;
    let Some(index) = state.cas.iter().position(|c| c.ca_id == ca_id) else {
        return not_found(&ca_id);
    };
    let ca = &state.cas[index];
    let ca_status = ca.status(now_ms);
    if ca_status != "PENDING" || ca.subject.is_some() {
        let what = if ca.subject.is_some() {
            "its subject is already saved"
        } else {
            ca_status
        };
        return reply::invalid_parameter(&format!(
            "(sandbox) the CA is {what}; a subject is saved once, for a PENDING CA. The real service's \
             answer for this case is not documented"
        ));
    }
    let order_status = state
        .orders
        .iter()
        .find(|o| o.order_id == ca.order_id)
        .map(|o| o.status_at(now, settle));
    if order_status != Some(status::COMPLETED) {
        return reply::invalid_parameter(&format!(
            "(sandbox) the CA's order {} is not complete (status 5); pay it first. The real \
             service's answer for this case is not documented",
            ca.order_id
        ));
    }
    state.cas[index].subject = Some(SavedSubject {
        request,
        key_pem,
        faults,
    });
    if let Err(r) = state.save() {
        return r;
    }
    reply::json(StatusCode::OK, json!({ "ca_id": ca_id }))
}

/// The CSR of a PENDING subordinate with a saved key, as PEM, or the answer refusing it.
#[allow(clippy::result_large_err)] // the refusal is the response itself, built once and returned
fn csr_of(app: &App, ca_id: &str) -> Result<(String, String), Response> {
    if let Some(r) = bad_ca_id(ca_id) {
        return Err(r);
    }
    let now_ms = millis(OffsetDateTime::now_utc());
    let state = app.state()?;
    let Some(ca) = state.cas.iter().find(|c| c.ca_id == ca_id) else {
        return Err(not_found(ca_id));
    };
    let status = ca.status(now_ms);
    let saved = match (&ca.subject, status) {
        (Some(s), "PENDING") => s,
        _ => {
            return Err(reply::invalid_parameter(&format!(
                "(sandbox) the CA is {status}{}; only a PENDING subordinate whose subject and key are \
                 saved has a CSR. The real service's code for this case is not documented",
                if ca.subject.is_none() && status == "PENDING" {
                    " with no subject saved"
                } else {
                    ""
                }
            )));
        }
    };
    let Some(key) = &saved.key_pem else {
        return Err(reply::invalid_parameter(
            "(sandbox) the sandbox cannot make SM2 keys, so this CA has no CSR; the real service can",
        ));
    };
    let pem = csr_pem(
        &saved.request.distinguished_name,
        saved.request.key_algorithm,
        key,
    )
    .map_err(|e| reply::invalid_parameter(&e.to_string()))?;
    Ok((pem, saved.faults.clone()))
}

/// ExportCertificateAuthorityCsr: 200 `{csr}`.
pub(crate) async fn csr(app: &App, parts: &Parts, ca_id: &str, request_id: &str) -> Response {
    let (pem, faults) = match csr_of(app, ca_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let faults = kept_for(&faults, "csr");
    if let Some(r) = refused_by(&faults, request_id) {
        return r;
    }
    let answer = reply::json(StatusCode::OK, json!({ "csr": wire_pem(&pem) }));
    deliver(parts, &faults, answer).await
}

/// A string field of the import body within `min..=max` characters, or the answer refusing it.
#[allow(clippy::result_large_err)] // the refusal is the response itself, built once and returned
fn text_field(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    min: usize,
    max: usize,
) -> Result<Option<String>, Response> {
    match obj.get(key) {
        None | Some(Value::Null) if min == 0 => Ok(None),
        Some(Value::String(s)) if (min..=max).contains(&s.chars().count()) => Ok(Some(s.clone())),
        _ => Err(reply::invalid_parameter(&format!(
            "{key} must be a string of {min} to {max} characters"
        ))),
    }
}

/// ImportCertificateAuthorityCertificate: 204.
pub(crate) async fn import(
    app: &App,
    parts: &Parts,
    ca_id: &str,
    body: &[u8],
    request_id: &str,
) -> Response {
    let (csr, faults) = match csr_of(app, ca_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let faults = kept_for(&faults, "import");
    if let Some(r) = refused_by(&faults, request_id) {
        return r;
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return bad_json(&e),
    };
    let Some(obj) = value.as_object() else {
        return reply::invalid_parameter("the request body must be a JSON object");
    };
    let certificate = match text_field(obj, "certificate", 1, CERTIFICATE_MAX) {
        Ok(Some(c)) => c,
        Ok(None) => return reply::invalid_parameter("certificate is required"),
        Err(r) => return r,
    };
    let chain = match text_field(obj, "certificate_chain", 0, CHAIN_MAX) {
        Ok(c) => c.filter(|c| !c.trim().is_empty()),
        Err(r) => return r,
    };
    let cert = match parse_pem(&certificate) {
        Ok(mut c) if c.len() == 1 => c.remove(0),
        Ok(_) => return reply::invalid_parameter("certificate must hold exactly one certificate"),
        Err(e) => return reply::invalid_parameter(&format!("certificate: {e}")),
    };
    let chain_pem = match chain.as_deref().map(parse_pem) {
        None => None,
        Some(Ok(certs)) => Some(certs.iter().map(|c| c.pem()).collect::<String>()),
        Some(Err(e)) => return reply::invalid_parameter(&format!("certificate_chain: {e}")),
    };
    let spki = match parse_csr(&csr) {
        Ok(c) => c.spki().to_vec(),
        Err(e) => return reply::invalid_parameter(&format!("(sandbox) its own CSR: {e}")),
    };
    if cert.spki() != spki.as_slice() {
        return reply::ccm(StatusCode::BAD_REQUEST, KEY_MISMATCH_CODE, KEY_MISMATCH);
    }
    let s = cert.summary();
    if !s.is_ca {
        return reply::invalid_parameter(
            "(sandbox) certificate is not a CA certificate (basic constraints CA:TRUE)",
        );
    }
    let imported = Imported {
        certificate_pem: cert.pem(),
        chain_pem,
        serial_number: s.serial.clone(),
        issuer_name: s.issuer.clone(),
        not_before: crate::activation::rules::to_millis(s.not_before),
        not_after: crate::activation::rules::to_millis(s.not_after),
        path_length: s.path_length,
    };
    {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return r,
        };
        let Some(ca) = state.cas.iter_mut().find(|c| c.ca_id == ca_id) else {
            return not_found(ca_id);
        };
        ca.imported = Some(imported);
        if let Err(r) = state.save() {
            return r;
        }
    }
    deliver(parts, &faults, reply::empty(StatusCode::NO_CONTENT)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_words_are_split_by_step() {
        let (now, kept, plain) =
            split_faults("Ops sandbox-status-503 sandbox-csr_html sandbox-import_delay_ms-10")
                .expect("ok");
        assert_eq!(now.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(plain, "Ops");
        assert_eq!(kept, "sandbox-csr_html sandbox-import_delay_ms-10");
        assert!(kept_for(&kept, "csr").html);
        assert_eq!(
            kept_for(&kept, "import").delay,
            Some(std::time::Duration::from_millis(10))
        );
        assert_eq!(kept_for(&kept, "import").status, None);
        assert!(split_faults("sandbox-csr_explode").is_err());
        // Read-back words are kept too, apart from the import's.
        let (now, kept, _) =
            split_faults("sandbox-readback_status-503 sandbox-import_html").expect("ok");
        assert_eq!(now, Directives::default());
        let readback = kept_for(&kept, "readback");
        assert_eq!(readback.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert!(!readback.html);
        assert_eq!(kept_for(&kept, "import").status, None);
        assert!(split_faults("sandbox-readback_explode").is_err());
    }
}

//! CCM calls for a bought subordinate signed by an outside root (issue 21, LIFECYCLE.md section 2.2):
//! saving its subject and key algorithm (CreateCertificateAuthority with its `ca_id` — inferred, not
//! verified live), reading its CSR, and importing its certificate. The save and the import change
//! state: each builds an [`Operation`] and goes through [`Transport::send_journaled`], never retried.

use reqwest::Method;
use serde_json::{Value, json};

use super::CcmClient;
use super::activation::checked_ca_id;
use crate::activation::SaveSubjectRequest;
use crate::api::error::{CallError, Outcome, Reason, SubjectSaved};
use crate::api::transport::{
    Journaled, Operation, Response, Success, endpoint_url, unexpected_answer,
};
use crate::journal::{Journal, Kind};
use crate::sanitize::{clean, cut};

/// What became of saving a subordinate's subject (its success carries the answered `ca_id`).
pub type Saved = Journaled<SubjectSaved>;
/// What became of an import.
pub type Imported = Journaled<()>;

/// The most characters of a `csr` answer read (ours: the documented CSR limit elsewhere is 5120; a
/// 4096-bit RSA request is under 2000).
pub const MAX_CSR_CHARS: usize = 65_536;

/// The documented answer to CreateCertificateAuthority: 200 `{ca_id}`. Any other success status, or no
/// string `ca_id`, is unknown with the answer kept (the subject may be saved).
fn parse_saved(resp: &Response) -> Outcome<SubjectSaved> {
    if resp.status != 200 {
        return Outcome::Unknown(unexpected_answer(resp));
    }
    let id = serde_json::from_slice::<Value>(&resp.body)
        .ok()
        .and_then(|v| {
            v.get("ca_id")
                .and_then(Value::as_str)
                .map(|s| cut(&clean(s), 64))
        })
        .filter(|s| !s.is_empty());
    match id {
        Some(ca_id) => Outcome::Done(SubjectSaved { ca_id }),
        None => Outcome::Unknown(unexpected_answer(resp)),
    }
}

impl CcmClient {
    /// `POST /v1/private-certificate-authorities` with the CA's `ca_id`: saves a bought subordinate's
    /// subject and key algorithm. Journaled (`sending` on disk first, the outcome after); never retried.
    pub async fn save_subject_until(
        &self,
        req: &SaveSubjectRequest,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Saved {
        let op = Operation {
            kind: Kind::SaveSubject,
            subject: req.ca_id.clone(),
            method: Method::POST,
            url: endpoint_url(&self.transport.endpoints().ccm, super::CA_LIST_PATH, &[]),
            body: req.to_value(),
            journal_request: true,
            sandbox: self.transport.sandbox(),
            done: parse_saved,
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }

    /// ExportCertificateAuthorityCsr: the `csr` text as answered (line breaks still encoded), cleaned
    /// of nothing yet — the caller normalises and parses it — but capped at [`MAX_CSR_CHARS`].
    pub async fn ca_csr(&self, ca_id: &str) -> Result<String, CallError> {
        checked_ca_id(ca_id)?;
        let url = endpoint_url(
            &self.transport.endpoints().ccm,
            &format!("{}/{ca_id}/csr", super::CA_LIST_PATH),
            &[],
        );
        let domain_id = self.transport.signing_domain().await?;
        let v = self.transport.get_json(url, domain_id.as_deref()).await?;
        match v.get("csr").and_then(Value::as_str) {
            Some(s) if s.len() <= MAX_CSR_CHARS => Ok(s.to_string()),
            Some(s) => Err(CallError::Network(format!(
                "the csr answer is {} characters, more than {MAX_CSR_CHARS}",
                s.len()
            ))),
            None => Err(CallError::Network(
                "the answer has no csr text (not the documented {csr})".to_string(),
            )),
        }
    }

    /// ImportCertificateAuthorityCertificate: `{certificate, certificate_chain?}` (normalised PEM);
    /// success is 204 only. Journaled without the certificates (they are the user's files); never
    /// retried.
    pub async fn import_until(
        &self,
        ca_id: &str,
        certificate: &str,
        chain: Option<&str>,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Imported {
        // The id goes into the path: only the documented shape, never `../` (checked here, where the URL
        // is built, not left to every caller).
        if let Err(e) = checked_ca_id(ca_id) {
            return Outcome::NotSent(Reason::HttpSetup {
                detail: e.to_string(),
            })
            .into();
        }
        let mut body = json!({ "certificate": certificate });
        if let Some(c) = chain {
            body["certificate_chain"] = json!(c);
        }
        let op = Operation {
            kind: Kind::Import,
            subject: ca_id.to_string(),
            method: Method::POST,
            url: endpoint_url(
                &self.transport.endpoints().ccm,
                &format!("{}/{ca_id}/import", super::CA_LIST_PATH),
                &[],
            ),
            body,
            journal_request: false,
            sandbox: self.transport.sandbox(),
            done: Success::NoContent.done(),
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }
}

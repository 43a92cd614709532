//! ExportCertificateAuthorityCertificate: `POST …/{ca_id}/export` → `{certificate, certificate_chain}`.
//! A read (it changes nothing): not journaled, retried once when it never left, like every read. The
//! answer is refused unless it is what it claims: one certificate, and a chain (when there is one)
//! whose every link checks (issuer name, CA flag, signature — `certificate::check_chain`).

use reqwest::Method;
use serde_json::Value;

use super::CcmClient;
use super::activation::checked_ca_id;
use crate::api::error::CallError;
use crate::api::transport::endpoint_url;
use crate::certificate::{Certificate, Link, check_chain, parse_pem};

/// What an export brought: the CA's certificate, its chain (nearest issuer first, empty for a root)
/// and how each link was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The CA's own certificate.
    pub certificate: Certificate,
    /// The issuers' certificates, nearest first; empty for a root (CCM sends null).
    pub chain: Vec<Certificate>,
    /// How each link of certificate + chain was checked.
    pub links: Vec<Link>,
}

/// Reads an export answer's body; what is wrong with it otherwise (English, the parser's words).
pub fn parse_export(body: &[u8]) -> Result<Exported, String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("the answer is not JSON ({e})"))?;
    let text = v
        .get("certificate")
        .and_then(Value::as_str)
        .ok_or("the answer has no certificate")?;
    let mut certs =
        parse_pem(text).map_err(|e| format!("the certificate is not a certificate: {e}"))?;
    if certs.len() != 1 {
        return Err(format!(
            "the certificate field holds {} certificates, not one",
            certs.len()
        ));
    }
    let certificate = certs.remove(0);
    let chain = match v.get("certificate_chain") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.trim().is_empty() => Vec::new(),
        Some(Value::String(s)) => {
            parse_pem(s).map_err(|e| format!("the certificate chain is not certificates: {e}"))?
        }
        Some(_) => return Err("the certificate chain is not text".to_string()),
    };
    let mut all = vec![certificate.clone()];
    all.extend(chain.iter().cloned());
    let links =
        check_chain(&all).map_err(|e| format!("the certificate chain does not link: {e}"))?;
    Ok(Exported {
        certificate,
        chain,
        links,
    })
}

impl CcmClient {
    /// The export URL for a CA.
    pub fn export_url(&self, ca_id: &str) -> reqwest::Url {
        endpoint_url(
            &self.transport.endpoints().ccm,
            &format!("{}/{ca_id}/export", super::CA_LIST_PATH),
            &[],
        )
    }

    /// ExportCertificateAuthorityCertificate, its answer checked (see [`parse_export`]).
    pub async fn export_ca(&self, ca_id: &str) -> Result<Exported, CallError> {
        checked_ca_id(ca_id)?;
        let body = self
            .transport
            .read(Method::POST, self.export_url(ca_id), None, true)
            .await?;
        parse_export(&body).map_err(CallError::Network)
    }
}

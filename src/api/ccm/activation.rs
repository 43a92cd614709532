//! CCM calls after the purchase: show one CA, list CAs (following pages) and activate a CA. Activation
//! changes state, so it follows the order's rules exactly: journaled (`sending` on disk before it leaves,
//! the outcome after), sent once on a fresh connection, never retried, four outcomes.

use reqwest::Method;
use time::OffsetDateTime;

use super::CcmClient;
use crate::activation::{ActivateRequest, CaInfo, CaList};
use crate::api::error::{CallError, Reason};
use crate::api::transport::{
    Activated, Operation, PreparedRequest, Success, build_request, endpoint_url,
};
use crate::journal::{Journal, Kind};

/// The most CAs `list_cas` reads (the default quota is 100; ours, against a server that pages forever).
const MAX_LISTED: usize = 10_000;
/// Page size used when following the list (the documented maximum).
const PAGE: usize = 1000;
/// The most pages `list_cas` asks for (ours): 20 pages hold every CA of the largest documented quota
/// (1000) even from a server that pages by 50, and a server that pages forever costs 20 GETs, not 10,000.
pub const MAX_PAGES: usize = 20;

/// The documented filters of ListCertificateAuthority that pca-order uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaFilter {
    /// `status`: one of the five documented words.
    pub status: Option<String>,
    /// `type`: `ROOT` or `SUBORDINATE`.
    pub ca_type: Option<String>,
    /// `name`: a common-name substring.
    pub name: Option<String>,
}

/// Refuses to put into a URL path a CA id that is not in the documented shape (36 characters, a UUID).
/// Ids come from answers too (an order's `ca_ids`, BSS's `resource_id`, a list): one such as
/// `../../../v3/orders/customer-orders/pay` would otherwise send a signed request to another path.
pub fn checked_ca_id(ca_id: &str) -> Result<(), CallError> {
    crate::activation::rules::ca_id(crate::activation::rules::Field::CaId, ca_id).map_err(|_| {
        CallError::Network(format!(
            "the CA id \"{}\" is not in the documented shape (36 characters, a UUID), so it was not read",
            crate::sanitize::cut(&crate::sanitize::clean(ca_id), 70)
        ))
    })
}

impl CcmClient {
    /// The activate URL for a CA.
    pub fn activate_url(&self, ca_id: &str) -> reqwest::Url {
        endpoint_url(
            &self.transport.endpoints().ccm,
            &format!("{}/{ca_id}/activate", super::CA_LIST_PATH),
            &[],
        )
    }

    fn activate_request(&self, req: &ActivateRequest, domain_id: Option<&str>) -> PreparedRequest {
        build_request(
            Method::POST,
            self.activate_url(&req.ca_id),
            Some(req.to_json().into_bytes()),
            &self.transport.credentials(),
            domain_id,
            OffsetDateTime::now_utc(),
        )
    }

    /// The activate request as it would be sent now (for `--dry-run`: no lookup, no network).
    pub fn prepare_activate(&self, req: &ActivateRequest) -> PreparedRequest {
        let domain = self.transport.dry_run_domain();
        self.activate_request(req, domain.as_deref())
    }

    /// Activates a CA. Journals `sending` (fsynced before the request leaves) and the outcome; never retried.
    pub async fn activate_ca(&self, req: &ActivateRequest, journal: &Journal) -> Activated {
        self.activate_ca_until(req, journal, std::future::pending())
            .await
    }

    /// [`CcmClient::activate_ca`] that stops waiting for the answer when `stop` completes (a second
    /// signal): the activation is then journaled as unknown with `stop`'s reason, as an order would be.
    pub async fn activate_ca_until(
        &self,
        req: &ActivateRequest,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Activated {
        let op = Operation {
            kind: Kind::Activate,
            subject: req.ca_id.clone(),
            method: Method::POST,
            url: self.activate_url(&req.ca_id),
            body: req.to_value(),
            journal_request: true,
            sandbox: self.transport.sandbox(),
            done: Success::NoContent.done(),
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }

    /// ShowCertificateAuthority.
    pub async fn show_ca(&self, ca_id: &str) -> Result<CaInfo, CallError> {
        checked_ca_id(ca_id)?;
        let url = endpoint_url(
            &self.transport.endpoints().ccm,
            &format!("{}/{ca_id}", super::CA_LIST_PATH),
            &[],
        );
        let domain_id = self.transport.signing_domain().await?;
        let v = self.transport.get_json(url, domain_id.as_deref()).await?;
        CaInfo::from_json(&v)
            .map_err(|e| CallError::Network(format!("the CA is not in the documented shape: {e}")))
    }

    /// ListCertificateAuthority, following `limit`/`offset` until `total` is read. Each CA is listed
    /// once (by `ca_id`), and the paging stops at the first page that brings nothing new, at `total`, at
    /// [`MAX_LISTED`] CAs or after [`MAX_PAGES`] pages: a server that repeats a page, or claims a
    /// `total` it never delivers, cannot make it loop.
    pub async fn list_cas(&self, filter: &CaFilter) -> Result<Vec<CaInfo>, CallError> {
        let domain_id = self.transport.signing_domain().await?;
        let mut all: Vec<CaInfo> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut offset = 0usize;
        for _ in 0..MAX_PAGES {
            let mut query = vec![
                ("limit".to_string(), PAGE.to_string()),
                ("offset".to_string(), offset.to_string()),
            ];
            for (k, v) in [
                ("status", &filter.status),
                ("type", &filter.ca_type),
                ("name", &filter.name),
            ] {
                if let Some(v) = v {
                    query.push((k.to_string(), v.clone()));
                }
            }
            let url = endpoint_url(&self.transport.endpoints().ccm, super::CA_LIST_PATH, &query);
            let v = self.transport.get_json(url, domain_id.as_deref()).await?;
            let page = CaList::from_json(&v).map_err(|e| {
                CallError::Network(format!("the CA list is not in the documented shape: {e}"))
            })?;
            offset = offset.saturating_add(page.cas.len());
            let before = all.len();
            for ca in page.cas {
                if all.len() < MAX_LISTED && seen.insert(ca.ca_id.clone()) {
                    all.push(ca);
                }
            }
            if all.len() == before || all.len() as u64 >= page.total || all.len() >= MAX_LISTED {
                break;
            }
        }
        Ok(all)
    }
}

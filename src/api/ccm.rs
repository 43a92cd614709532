//! `CcmClient`: the CCM calls (order, quota, CAs, activate) over the shared [`Transport`]. The order and
//! the activation change state: each builds an [`Operation`] and goes through
//! [`Transport::send_journaled`], never retried.

use reqwest::{Method, Url};
use serde_json::Value;
use time::OffsetDateTime;

mod activation;
mod export;

pub use activation::CaFilter;
pub use export::{Exported, parse_export};
mod subordinate;

pub(crate) use activation::checked_ca_id;
pub use subordinate::{Imported, MAX_CSR_CHARS, Saved};

use super::error::{CallError, Created, Outcome, Reason};
use super::iam::{EnterpriseProject, IamClient};
use super::target::Config;
use super::transport::{
    Operation, Placed, PreparedRequest, Response, Transport, build_request, endpoint_url,
    unexpected_answer,
};
use crate::journal::{Journal, Kind};
use crate::order::console::CONSOLE_CONFIG_PATH;
use crate::order::limits::ORDER_ID_CHARS;
use crate::order::{ConsoleConfig, OrderRequest, QuotaLeft};
use crate::sanitize::{clean, cut};

/// Path of CreateCertificateAuthorityOrder.
pub const ORDER_PATH: &str = "/v1/private-certificate-authorities/order";
/// Path of ShowCertificateAuthorityQuota.
pub const QUOTA_PATH: &str = "/v1/private-certificate-authorities/quotas";
/// Path of ListCertificateAuthority.
pub const CA_LIST_PATH: &str = "/v1/private-certificate-authorities";

/// Talks to CCM over one [`Transport`] (and, for the wizard's project list, to EPS through
/// [`IamClient`] on the same transport). Cheap to clone, so the wizard can hand it to background tasks.
#[derive(Clone)]
pub struct CcmClient {
    transport: Transport,
}

impl std::fmt::Debug for CcmClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CcmClient")
            .field("region", &self.transport.region())
            .field("endpoints", self.transport.endpoints())
            .field("credentials", &self.transport.credentials())
            .finish()
    }
}

impl CcmClient {
    /// A client for the config's endpoints and credentials; TLS is always verified, proxies come from
    /// `HTTPS_PROXY`/`NO_PROXY`. Cheap: nothing is built before first use (see [`Transport::new`]).
    pub fn new(config: &Config) -> Result<Self, String> {
        Transport::new(config).map(CcmClient::on)
    }

    /// A CCM client on an existing transport (BSS reads an order's CAs on its own).
    pub fn on(transport: Transport) -> CcmClient {
        CcmClient { transport }
    }

    /// The transport this client speaks through, for a client of another service on the same
    /// credentials and connections.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Every enterprise project of the account, from EPS (see [`IamClient::list_enterprise_projects`]);
    /// here because the order form asks it of the client it orders with.
    pub async fn list_enterprise_projects(&self) -> Result<Vec<EnterpriseProject>, CallError> {
        IamClient::on(self.transport.clone())
            .list_enterprise_projects()
            .await
    }

    /// The account (domain) id for these AK/SK (see [`Transport::lookup_domain_id`]).
    pub async fn lookup_domain_id(&self) -> Result<String, CallError> {
        self.transport.lookup_domain_id().await
    }

    /// The full URL an order goes to.
    pub fn order_url(&self) -> Url {
        endpoint_url(&self.transport.endpoints().ccm, ORDER_PATH, &[])
    }

    /// The order request exactly as it would be sent now (for `--dry-run`; no lookup, no network: a
    /// missing account id is shown as a placeholder).
    pub fn prepare_order(&self, req: &OrderRequest) -> PreparedRequest {
        let domain = self.transport.dry_run_domain();
        self.order_request(req, domain.as_deref())
    }

    /// The one place the order request is built, for `--dry-run` and for sending alike.
    fn order_request(&self, req: &OrderRequest, domain_id: Option<&str>) -> PreparedRequest {
        build_request(
            Method::POST,
            self.order_url(),
            Some(req.to_json().into_bytes()),
            &self.transport.credentials(),
            domain_id,
            OffsetDateTime::now_utc(),
        )
    }

    /// Buys CAs. Journals a `sending` line (on disk before the request leaves) and the outcome. Never
    /// retried: after [`Outcome::Unknown`] the order may exist.
    pub async fn create_ca_order(&self, req: &OrderRequest, journal: &Journal) -> Placed {
        self.create_ca_order_until(req, journal, std::future::pending())
            .await
    }

    /// [`CcmClient::create_ca_order`] that stops waiting for the answer when `stop` completes (the
    /// user insists on leaving): the order is then journaled as unknown with `stop`'s reason, since it
    /// may have reached the server. Only the wait for the answer is cut short; the journal is never.
    pub async fn create_ca_order_until(
        &self,
        req: &OrderRequest,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Placed {
        let op = Operation {
            kind: Kind::Order,
            subject: String::new(),
            method: Method::POST,
            url: self.order_url(),
            // Serializing plain strings and integers cannot fail (as `OrderRequest::to_json`).
            body: serde_json::to_value(req).unwrap_or_default(),
            journal_request: true,
            sandbox: self.transport.sandbox(),
            done: parse_created,
            server_error: Reason::ServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }

    /// The account's CA quota (`quota` and `used` of type CERTIFICATE_AUTHORITY).
    pub async fn show_ca_quota(&self) -> Result<QuotaLeft, CallError> {
        let url = endpoint_url(&self.transport.endpoints().ccm, QUOTA_PATH, &[]);
        let domain_id = self.transport.signing_domain().await?;
        let v = self.transport.get_json(url, domain_id.as_deref()).await?;
        let resources = v.pointer("/quotas/resources").and_then(Value::as_array);
        let ca = resources.and_then(|r| {
            r.iter().find(|item| {
                item.get("type").and_then(Value::as_str) == Some("CERTIFICATE_AUTHORITY")
            })
        });
        let field = |k: &str| ca.and_then(|c| c.get(k)).and_then(Value::as_u64);
        match (field("quota"), field("used")) {
            (Some(quota), Some(used)) => Ok(QuotaLeft { quota, used }),
            _ => Err(CallError::Network(
                "the quota answer has no CERTIFICATE_AUTHORITY entry with numeric quota and used"
                    .to_string(),
            )),
        }
    }
}

impl CcmClient {
    /// What the region sells (ShowConsoleConfig): read before buying. A read: nothing changes, and a
    /// failure only means the configuration is unknown (callers block nothing on it).
    pub async fn show_console_config(&self) -> Result<ConsoleConfig, CallError> {
        let url = endpoint_url(&self.transport.endpoints().ccm, CONSOLE_CONFIG_PATH, &[]);
        let domain_id = self.transport.signing_domain().await?;
        let v = self.transport.get_json(url, domain_id.as_deref()).await?;
        ConsoleConfig::parse(&v).map_err(|_| {
            CallError::Network("the console configuration answer is not a JSON object".to_string())
        })
    }
}

/// A 200 answer to an order: an order id and CA ids. The order id is taken on its own, so an odd
/// `ca_ids` never costs it; when no usable id is there, the outcome is Unknown (the order may exist) and
/// the reason carries an excerpt of the body, so whatever the server said is kept in the journal.
fn parse_created(resp: &Response) -> Outcome {
    // The documented success is 200: another success status (201, 202, 204) is not read as an order
    // made, though an id in it is kept in the reason's excerpt.
    if resp.status != 200 {
        return Outcome::Unknown(unexpected_answer(resp));
    }
    let body: Option<Value> = serde_json::from_slice(&resp.body).ok();
    let order_id = body
        .as_ref()
        .and_then(|b| b.get("order_id"))
        .and_then(|v| match v {
            Value::String(s) => Some(clean(s)),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|id| {
            let n = id.chars().count();
            n >= ORDER_ID_CHARS.0 && n <= ORDER_ID_CHARS.1
        });
    let Some(order_id) = order_id else {
        let excerpt = cut(&clean(&String::from_utf8_lossy(&resp.body)), 2048);
        return Outcome::Unknown(Reason::NoOrderId {
            status: resp.status,
            request_id: resp.request_id.clone(),
            excerpt,
        });
    };
    let ca_ids = body
        .as_ref()
        .and_then(|b| b.get("ca_ids"))
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(|c| cut(&clean(c), 64))
                .collect()
        })
        .unwrap_or_default();
    Outcome::Done(Created { order_id, ca_ids })
}

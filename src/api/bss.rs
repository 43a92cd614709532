//! `BssClient`: billing calls (price, order details, order resources, pay, cancel) over the same
//! [`Transport`] as [`CcmClient`] (one signing, credentials and HTTP path), plus the two look-ups they need
//! once per run: the IAM project id (the price API wants one; `iam.rs` looks it up) and which website
//! (China or international) the account is on.
//!
//! Pay and cancel change state, so they follow the order's rules: journaled (`action_sending` on disk
//! before the request leaves, the outcome after), sent on a fresh connection, never retried, and read as
//! one of four outcomes — any 5xx or lost answer is Unknown.

use reqwest::{Method, Url};
use tokio::sync::OnceCell;

use super::ccm::CcmClient;
use super::error::{CallError, Outcome, Reason};
use super::iam::ProjectId;
use super::transport::{
    Journaled, Operation, Response, Success, Transport, endpoint_url, unexpected_answer,
};
use crate::billing::renew::{self, RenewRate, RenewRequest, Renewed};
use crate::billing::subscription::{self, Subscription};
use crate::billing::{self, OrderDetails, OrderResource, Price, Website};
use crate::journal::{ActionKind, Journal, Kind};
use crate::order::OrderRequest;

pub use super::transport::Acted;

/// Talks to BSS (and IAM for the project id) over one [`Transport`]. Cheap to clone.
#[derive(Clone, Debug)]
pub struct BssClient {
    transport: Transport,
    project_id: ProjectId,
    endpoint: Option<Url>,
    website: std::sync::Arc<OnceCell<Website>>,
}

impl BssClient {
    /// A BSS client on `ccm`'s credentials, at `endpoint`, else at the config's `Endpoints::bss`; a
    /// known endpoint skips the website detection.
    pub fn new(ccm: CcmClient, endpoint: Option<Url>) -> BssClient {
        BssClient::on(ccm.transport().clone(), endpoint)
    }

    /// [`BssClient::new`] on a transport: the same credentials and connections as every other client.
    pub fn on(transport: Transport, endpoint: Option<Url>) -> BssClient {
        let endpoint = endpoint.or_else(|| transport.endpoints().bss.clone());
        BssClient {
            transport,
            endpoint,
            website: Default::default(),
            project_id: ProjectId::default(),
        }
    }

    /// A CCM client on this client's transport, so a billing command can read the CAs an order bought
    /// (`status` shows each CA's own status) on the same credentials and connections.
    pub fn ccm(&self) -> CcmClient {
        CcmClient::on(self.transport.clone())
    }

    /// Whether a pay or cancel through this client is a pretend one: it goes to a plain-http (loopback
    /// only) endpoint such as a sandbox. Decided by BSS's own endpoint, never CCM's: the detected website is
    /// always a real (https) one. The journal and the SANDBOX words follow it.
    pub fn is_pretend(&self) -> bool {
        self.endpoint
            .as_ref()
            .is_some_and(crate::endpoint::is_pretend_endpoint)
    }

    /// Whether the BSS endpoint is on loopback (a sandbox or emulator), so waits can poll faster.
    pub fn is_loopback(&self) -> bool {
        self.endpoint
            .as_ref()
            .is_some_and(super::target::is_loopback)
    }

    /// The account's website, detected once per run on the China endpoint (`None` with `--bss-endpoint`).
    pub async fn website(&self) -> Result<Option<Website>, CallError> {
        if self.endpoint.is_some() {
            return Ok(None);
        }
        let w = self
            .website
            .get_or_try_init(|| Box::pin(self.detect_website()))
            .await?;
        Ok(Some(*w))
    }

    async fn detect_website(&self) -> Result<Website, CallError> {
        let base = Url::parse(billing::BSS_CHINA)
            .map_err(|e| CallError::Network(format!("BSS endpoint: {e}")))?;
        let url = endpoint_url(
            &base,
            billing::WEBSITE_PROBE_PATH,
            &[("limit".to_string(), "1".to_string())],
        );
        match self.transport.read(Method::GET, url, None, true).await {
            Ok(_) => Ok(Website::China),
            Err(CallError::Api(e)) => Ok(Website::from_china_probe(e.status, &e.code)),
            Err(e) => Err(e),
        }
    }

    /// The BSS base URL: the override, else the detected website's.
    async fn base(&self) -> Result<Url, CallError> {
        if let Some(u) = &self.endpoint {
            return Ok(u.clone());
        }
        let w = self.website().await?.unwrap_or(Website::China);
        Url::parse(w.endpoint()).map_err(|e| CallError::Network(format!("BSS endpoint: {e}")))
    }

    /// The currency an empty `currency` stands for.
    async fn default_currency(&self) -> &'static str {
        match (&self.endpoint, self.website().await) {
            (Some(u), _) if u.host_str().unwrap_or_default().contains("intl") => "USD",
            (None, Ok(Some(w))) => w.default_currency(),
            _ => "CNY",
        }
    }

    /// The IAM project id of the configured region (`GET /v3/projects?name=REGION`), looked up once.
    pub async fn project_id(&self) -> Result<String, CallError> {
        self.project_id.get(&self.transport).await
    }

    /// The price of `order` in the configured region.
    pub async fn price(&self, order: &OrderRequest) -> Result<Price, CallError> {
        let project = self.project_id().await?;
        let base = self.base().await?;
        let url = endpoint_url(&base, billing::PRICE_PATH, &[]);
        let body = billing::price_body(&project, self.transport.region(), order);
        let answer = self
            .transport
            .read(Method::POST, url, Some(body), true)
            .await?;
        let currency = self.default_currency().await;
        billing::parse_price(&answer, currency, billing::describe_order(order))
            .map_err(CallError::Network)
    }

    /// An order's status, amounts and times.
    pub async fn order_details(&self, order_id: &str) -> Result<OrderDetails, CallError> {
        // The id may come from an answer (an order just created): only the documented shape goes into
        // the path, never `../` or a query.
        let order_id = billing::check_order_id(order_id).map_err(|_| {
            CallError::Network(format!(
                "the order id \"{}\" is not in the documented shape (1-64 letters, digits, - or _), so it was not read",
                crate::sanitize::cut(&crate::sanitize::clean(order_id), 70)
            ))
        })?;
        let base = self.base().await?;
        let url = endpoint_url(
            &base,
            &format!("{}{order_id}", billing::ORDER_DETAILS_PATH),
            &[],
        );
        let body = self.transport.read(Method::GET, url, None, true).await?;
        billing::parse_order_details(&body).map_err(CallError::Network)
    }

    /// The resources (CAs) an order made.
    pub async fn order_resources(&self, order_id: &str) -> Result<Vec<OrderResource>, CallError> {
        let base = self.base().await?;
        let url = endpoint_url(&base, billing::RESOURCES_PATH, &[]);
        // Page by page: without `limit` BSS lists 10, and an order of more CAs lost the rest.
        let mut all: Vec<OrderResource> = Vec::new();
        for _ in 0..billing::RESOURCES_MAX_PAGES {
            let body = self
                .transport
                .read(
                    Method::POST,
                    url.clone(),
                    Some(billing::resources_body(order_id, all.len())),
                    true,
                )
                .await?;
            let page = billing::parse_resources(&body).map_err(CallError::Network)?;
            let full = page.len() >= billing::RESOURCES_PAGE;
            all.extend(page);
            if !full {
                break;
            }
        }
        Ok(all)
    }

    /// The subscriptions (BSS yearly/monthly resources) of these CA ids: one resources query per 50 ids
    /// (never one per CA), each followed across pages. A read: it changes nothing, is not journaled, and
    /// is retried once only when it never left. Ids BSS does not list (pay-per-use CAs, CAs not yet
    /// provisioned) are simply absent from the answer; no ids, no request.
    pub async fn subscriptions(&self, ids: &[String]) -> Result<Vec<Subscription>, CallError> {
        let chunks = subscription::id_chunks(ids);
        if chunks.is_empty() {
            return Ok(Vec::new());
        }
        let base = self.base().await?;
        let url = endpoint_url(&base, subscription::SUBSCRIPTIONS_PATH, &[]);
        let mut all: Vec<Subscription> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for chunk in &chunks {
            let mut offset = 0u64;
            for _ in 0..subscription::MAX_PAGES {
                let body = subscription::SubscriptionQuery::for_ids(chunk, offset)
                    .body()
                    .map_err(CallError::Network)?;
                let answer = self
                    .transport
                    .read(Method::POST, url.clone(), Some(body), true)
                    .await?;
                let page = subscription::parse_subscriptions(&answer).map_err(|e| {
                    CallError::Network(format!("the subscriptions could not be read: {e}"))
                })?;
                let got = page.items.len() as u64;
                offset = offset.saturating_add(got);
                let before = all.len();
                for s in page.items {
                    if seen.insert(s.resource_id.to_ascii_lowercase()) {
                        all.push(s);
                    }
                }
                // Stop at the total, at an empty page, or at a page that brought nothing new: a server
                // that repeats itself cannot make this loop.
                if got == 0 || all.len() == before || offset >= page.total_count {
                    break;
                }
            }
        }
        Ok(all)
    }

    /// The price of renewing these CAs (ListRenewRateOnPeriod). A read: nothing is ordered, so it is
    /// not journaled, and it is retried once only when it never left. Per-CA failures come back inside
    /// the 200 ([`RenewRate::failures`]).
    pub async fn renew_rate(&self, req: &RenewRequest) -> Result<RenewRate, CallError> {
        let base = self.base().await?;
        let url = endpoint_url(&base, renew::RENEW_RATE_PATH, &[]);
        let answer = self
            .transport
            .read(Method::POST, url, Some(req.rate_body()), true)
            .await?;
        let currency = self.default_currency().await;
        renew::parse_rate(&answer, currency).map_err(CallError::Network)
    }

    /// Renews these CAs (of `req`, those whose price came back) by `req`'s period: a renewal order,
    /// paid at once with `auto_pay`, else waiting for `pay`. Moves money: the `sending` line (with the
    /// exact body) is on disk before it leaves, it is sent once and never retried, and the answer is
    /// waited for until `stop` completes (then unknown: an order may exist).
    pub async fn renew_until(
        &self,
        req: &RenewRequest,
        ids: &[String],
        auto_pay: bool,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Journaled<Renewed> {
        let base = match self.base().await {
            Ok(b) => b,
            Err(e) => {
                return Outcome::NotSent(Reason::HttpSetup {
                    detail: format!("could not tell which BSS website to use: {e}"),
                })
                .into();
            }
        };
        let op = Operation {
            kind: Kind::Renew,
            subject: ids.join(","),
            method: Method::POST,
            url: endpoint_url(&base, renew::RENEW_PATH, &[]),
            body: req.renew_body(ids, auto_pay),
            journal_request: true,
            sandbox: crate::endpoint::is_pretend_endpoint(&base),
            done: renewed,
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }

    /// Pays an order (status 6). Moves money: journaled, never retried.
    pub async fn pay(&self, order_id: &str, journal: &Journal) -> Acted {
        let never = std::future::pending();
        self.act_until(ActionKind::Pay, order_id, journal, never)
            .await
    }

    /// Cancels an unpaid order (status 6). Journaled, never retried.
    pub async fn cancel(&self, order_id: &str, journal: &Journal) -> Acted {
        let never = std::future::pending();
        self.act_until(ActionKind::Cancel, order_id, journal, never)
            .await
    }

    /// Pays or cancels, waiting for the answer until `stop` completes (a second signal): the attempt is
    /// then journaled as unknown with `stop`'s reason, since the request may have reached BSS.
    pub async fn act_until(
        &self,
        kind: ActionKind,
        order_id: &str,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Acted {
        // The account is looked up first, then the website (reads, both before anything is journaled:
        // either failing sent nothing); the lookup is cached, so the journaled send reuses it.
        if let Err(e) = self.transport.signing_domain().await {
            return Outcome::NotSent(Reason::AccountLookup {
                detail: e.to_string(),
            })
            .into();
        }
        let base = match self.base().await {
            Ok(b) => b,
            Err(e) => {
                return Outcome::NotSent(Reason::HttpSetup {
                    detail: format!("could not tell which BSS website to use: {e}"),
                })
                .into();
            }
        };
        let (method, path, body, success) = match kind {
            ActionKind::Pay => (
                Method::POST,
                billing::PAY_PATH,
                billing::pay_body(order_id),
                Success::NoContent,
            ),
            ActionKind::Cancel => (
                Method::PUT,
                billing::CANCEL_PATH,
                billing::cancel_body(order_id),
                Success::Empty,
            ),
        };
        let op = Operation {
            kind: kind.into(),
            subject: order_id.to_string(),
            method,
            url: endpoint_url(&base, path, &[]),
            body,
            journal_request: false,
            // Where this request goes decides it, not where the orders went.
            sandbox: crate::endpoint::is_pretend_endpoint(&base),
            done: success.done(),
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }
}

/// A renew's 2xx: done only for the documented 200 whose answer reads and names at least one renewal
/// order or one CA not renewed; anything else is unknown (an order may exist), with the answer kept.
fn renewed(resp: &Response) -> Outcome<Renewed> {
    if resp.status != 200 {
        return Outcome::Unknown(unexpected_answer(resp));
    }
    match renew::parse_renewed(&resp.body) {
        Ok(r) if !r.order_ids.is_empty() || !r.failures.is_empty() => Outcome::Done(r),
        _ => Outcome::Unknown(unexpected_answer(resp)),
    }
}

// ---- auto-renew on/off, unsubscribe and the refund breakdown (LIFECYCLE.md §1.5, §1.7) ----

/// An unsubscribe's 2xx: done only for the documented 200 with `{order_ids, fail_resource_infos}`; a
/// failure listed inside it is the resource refused (nothing ended), worded by its code; any other
/// body or 2xx is unknown (it was sent and may have taken effect).
fn unsubscribe_done(
    resp: &super::transport::Response,
) -> Outcome<crate::billing::lifecycle::UnsubscribeAnswer> {
    if resp.status != 200 {
        return Outcome::Unknown(super::transport::unexpected_answer(resp));
    }
    match crate::billing::lifecycle::parse_unsubscribe(&resp.body) {
        Ok(a) => match a.failures.first() {
            Some(f) => Outcome::Rejected(super::error::ApiError {
                status: resp.status,
                code: f.error_code.clone(),
                message: f.error_msg.clone(),
                request_id: resp.request_id.clone(),
            }),
            None => Outcome::Done(a),
        },
        Err(_) => Outcome::Unknown(super::transport::unexpected_answer(resp)),
    }
}

impl BssClient {
    /// What auto-renew and unsubscribe check before anything is journaled, in one place: the CA id is
    /// of the documented shape (it goes into the path or the body: never `../`), then the signing
    /// account and the BSS base are looked up (reads). Any failure sent nothing.
    async fn lifecycle_base(&self, ca_id: &str) -> Result<Url, Reason> {
        super::ccm::checked_ca_id(ca_id).map_err(|e| Reason::HttpSetup {
            detail: e.to_string(),
        })?;
        if let Err(e) = self.transport.signing_domain().await {
            return Err(Reason::AccountLookup {
                detail: e.to_string(),
            });
        }
        self.base().await.map_err(|e| Reason::HttpSetup {
            detail: format!("could not tell which BSS website to use: {e}"),
        })
    }

    /// Switches auto-renew on (POST, with only the fields asked) or off (DELETE) for one CA, waiting
    /// for the answer until `stop`. Journaled, sent once, never retried; done only for 204.
    pub async fn auto_renew_until(
        &self,
        ca_id: &str,
        switch: crate::billing::lifecycle::AutoRenew,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> super::transport::Switched {
        use crate::billing::lifecycle;
        let base = match self.lifecycle_base(ca_id).await {
            Ok(b) => b,
            Err(r) => return Outcome::NotSent(r).into(),
        };
        let op = Operation {
            kind: crate::journal::Kind::AutoRenew,
            subject: ca_id.to_string(),
            method: if switch.is_on() {
                Method::POST
            } else {
                Method::DELETE
            },
            url: endpoint_url(&base, &lifecycle::autorenew_path(ca_id), &[]),
            body: switch.body().unwrap_or(serde_json::Value::Null),
            // The journal records on/off and the times, which the body alone does not say.
            journal_request: true,
            sandbox: crate::endpoint::is_pretend_endpoint(&base),
            done: Success::NoContent.done(),
            server_error: Reason::ActionServerError,
        };
        self.transport
            .send_journaled_as(op, switch.journal_request(), journal, stop)
            .await
    }

    /// Unsubscribes one CA (`what`: the CA and its renewals, or only renewals not yet started), waiting
    /// for the answer until `stop`. Journaled, sent once, never retried.
    pub async fn unsubscribe_until(
        &self,
        ca_id: &str,
        what: crate::billing::lifecycle::Unsubscribe,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> super::transport::Unsubscribed {
        let base = match self.lifecycle_base(ca_id).await {
            Ok(b) => b,
            Err(r) => return Outcome::NotSent(r).into(),
        };
        let op = Operation {
            kind: crate::journal::Kind::Unsubscribe,
            subject: ca_id.to_string(),
            method: Method::POST,
            url: endpoint_url(&base, crate::billing::lifecycle::UNSUBSCRIBE_PATH, &[]),
            body: what.body(ca_id),
            journal_request: true,
            sandbox: crate::endpoint::is_pretend_endpoint(&base),
            done: unsubscribe_done,
            server_error: Reason::ActionServerError,
        };
        self.transport.send_journaled(op, journal, stop).await
    }

    /// The currency BSS amounts are in when an answer does not say (refund lines never do): CNY on
    /// the China website, USD on the international one.
    pub async fn currency(&self) -> &'static str {
        self.default_currency().await
    }

    /// The refund breakdown of an unsubscribe order (ShowRefundOrderDetails). A read: not journaled,
    /// retried once only when it never left. The order id comes from an answer: only its documented
    /// shape goes into the query.
    pub async fn refund_lines(
        &self,
        order_id: &str,
    ) -> Result<Vec<crate::billing::lifecycle::RefundLine>, CallError> {
        let order_id = billing::check_order_id(order_id).map_err(CallError::Network)?;
        let base = self.base().await?;
        let url = endpoint_url(
            &base,
            crate::billing::lifecycle::REFUND_ORDERS_PATH,
            &[("order_id".to_string(), order_id)],
        );
        let body = self.transport.read(Method::GET, url, None, true).await?;
        crate::billing::lifecycle::parse_refunds(&body)
            .map_err(|e| CallError::Network(format!("the refund breakdown could not be read: {e}")))
    }
}

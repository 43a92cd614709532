//! `CcmClient`: the four calls pca-order makes (order, quota, enterprise projects, account id lookup).
//!
//! Requests are built by the pure [`build_request`] (shared with `--dry-run`) and sent with reqwest over
//! verified TLS. The order POST is never retried and always goes out on a fresh connection, so a stale
//! pooled connection can never turn a request that never left into an "unknown" outcome.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::{Method, Url};
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;
use tokio::sync::OnceCell;

mod activation;
mod journaled;

pub use activation::CaFilter;
pub use journaled::{Acted, Activated, Journaled, Operation, Placed};

use super::credentials::{CredentialSource, Credentials};
use super::error::{ApiError, CallError, Created, Outcome, Reason};
use super::sign::{self, SignRequest};
use super::target::{Config, Endpoints};
use crate::journal::{Journal, Kind};
use crate::order::limits::ORDER_ID_CHARS;
use crate::order::{OrderRequest, QuotaLeft};
use crate::sanitize::{Redactor, clean, cut};

/// Path of CreateCertificateAuthorityOrder.
pub const ORDER_PATH: &str = "/v1/private-certificate-authorities/order";
/// Path of ShowCertificateAuthorityQuota.
pub const QUOTA_PATH: &str = "/v1/private-certificate-authorities/quotas";
/// Path of ListCertificateAuthority.
pub const CA_LIST_PATH: &str = "/v1/private-certificate-authorities";
/// Path of the IAM account lookup.
pub const DOMAINS_PATH: &str = "/v3/auth/domains";
/// Path of EPS ListEnterpriseProject.
pub const EPS_PATH: &str = "/v1.0/enterprise-projects";
/// The most we read of any response body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Connect timeout for every request (lower when `--timeout` is lower).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long connecting (TCP, TLS, proxy) may take for a `--timeout`: 10 s, never above the timeout.
pub fn connect_timeout(timeout: Duration) -> Duration {
    CONNECT_TIMEOUT.min(timeout)
}

/// The whole-request limit for a `--timeout`: the timeout for the answer plus the connect limit. It
/// must be larger than the connect limit: a connect that never completes then always ends as a connect
/// error (nothing sent, safe to retry), never as a whole-request timeout, which could not say whether the
/// request had left.
pub fn request_timeout(timeout: Duration) -> Duration {
    timeout + connect_timeout(timeout)
}

/// How long to keep waiting for an order in flight when the user asks to stop (a quit, a signal):
/// the account id lookup and the order may each take a whole request.
pub fn in_flight_wait(timeout: Duration) -> Duration {
    request_timeout(timeout) * 2
}
/// EPS pages we follow at most (1000 projects a page; an account holds 100 by default).
const MAX_EPS_PAGES: usize = 10;

/// An enterprise project as EPS lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnterpriseProject {
    /// `"0"` for the default project, else a UUID.
    pub id: String,
    /// The name the console shows, so the user can recognise the project in the list.
    #[serde(default)]
    pub name: String,
    /// The console's description, kept to tell similarly named projects apart.
    #[serde(default)]
    pub description: String,
    /// 1 enabled, 2 disabled.
    #[serde(default)]
    pub status: u8,
}

impl EnterpriseProject {
    /// Only enabled projects can hold new resources.
    pub fn enabled(&self) -> bool {
        self.status == 1
    }
}

/// A request ready to send: what `--dry-run` prints (with [`PreparedRequest::redacted_headers`]) and
/// what the client sends, from one function so the two never differ.
#[derive(Clone)]
pub struct PreparedRequest {
    /// HTTP method (part of what is signed, and printed first by `--dry-run`).
    pub method: Method,
    /// Full URL including the query.
    pub url: Url,
    /// Every header, secrets included.
    headers: Vec<(String, String)>,
    /// The exact body, byte for byte what is signed and sent (and what `--dry-run` prints).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &self.redacted_headers())
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// Headers whose values are secrets (or derived from them).
const SECRET_HEADERS: [&str; 3] = ["x-auth-token", "x-security-token", "authorization"];

impl PreparedRequest {
    /// Headers with every secret value replaced, safe to print.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                let lower = k.to_ascii_lowercase();
                if lower == "authorization" {
                    let shown = v.split(", Signature=").next().unwrap_or("");
                    (k.clone(), format!("{shown}, Signature=<redacted>"))
                } else if SECRET_HEADERS.contains(&lower.as_str()) {
                    (k.clone(), "<redacted>".to_string())
                } else {
                    (k.clone(), v.clone())
                }
            })
            .collect()
    }

    /// Every header including secrets; only for sending.
    fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The secret values this request carries: token, security token and the signature.
    fn secrets(&self) -> impl Iterator<Item = &str> {
        self.headers.iter().filter_map(|(k, v)| {
            let lower = k.to_ascii_lowercase();
            if lower == "authorization" {
                v.rsplit_once("Signature=").map(|(_, sig)| sig)
            } else if SECRET_HEADERS.contains(&lower.as_str()) {
                Some(v.as_str())
            } else {
                None
            }
        })
    }
}

/// The `Host` value for a URL (`host[:port]` when the port is not the scheme's default).
pub fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Joins an endpoint (which may carry a path prefix) and an API path.
pub fn endpoint_url(base: &Url, path: &str, query: &[(String, String)]) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    if query.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut()
            .clear()
            .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    url
}

/// Builds a request with its authentication: `X-Auth-Token` for a token; for AK/SK, `X-Sdk-Date`,
/// `Host`, `X-Domain-Id` (when `domain_id` is given), `X-Security-Token` and the SDK-HMAC-SHA256
/// `Authorization`. Pure: the time is a parameter.
pub fn build_request(
    method: Method,
    url: Url,
    body: Option<Vec<u8>>,
    credentials: &Credentials,
    domain_id: Option<&str>,
    now: OffsetDateTime,
) -> PreparedRequest {
    let body = body.unwrap_or_default();
    let mut headers: Vec<(String, String)> = Vec::new();
    if !body.is_empty() {
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
    }
    match credentials {
        Credentials::Token(_) => {
            headers.push((
                "X-Auth-Token".to_string(),
                credentials.expose_token().unwrap_or_default().to_string(),
            ));
        }
        Credentials::AkSk {
            ak,
            sk,
            security_token,
            ..
        } => {
            use secrecy::ExposeSecret;
            headers.push(("Host".to_string(), host_header(&url)));
            headers.push((sign::HEADER_SDK_DATE.to_string(), sign::sdk_date(now)));
            if let Some(id) = domain_id {
                headers.push(("X-Domain-Id".to_string(), id.to_string()));
            }
            if let Some(st) = security_token {
                headers.push((
                    "X-Security-Token".to_string(),
                    st.expose_secret().to_string(),
                ));
            }
            let query: Vec<(String, String)> = url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let signature = sign::sign(
                &SignRequest {
                    method: method.as_str(),
                    host: &host_header(&url),
                    path: url.path(),
                    query: &query,
                    headers: &headers,
                    body: &body,
                },
                ak,
                sk.expose_secret(),
            );
            headers.push(("Authorization".to_string(), signature.authorization));
        }
    }
    PreparedRequest {
        method,
        url,
        headers,
        body,
    }
}

/// Talks to CCM, IAM and EPS with one set of credentials. Cheap to clone (shared inside), so the wizard
/// can hand it to background tasks.
#[derive(Clone)]
pub struct CcmClient {
    inner: Arc<Inner>,
}

struct Inner {
    /// For GETs: pooled connections. Built on first use, in the task that sends (never before the
    /// wizard's first frame).
    http: OnceLock<Result<reqwest::Client, String>>,
    /// For the order POST: no pooling, a fresh connection each time. Built on first use.
    http_once: OnceLock<Result<reqwest::Client, String>>,
    /// How both clients are built.
    settings: HttpSettings,
    region: String,
    endpoints: Endpoints,
    credentials: Credentials,
    source: CredentialSource,
    sandbox: bool,
    domain_id: OnceCell<String>,
}

impl std::fmt::Debug for CcmClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CcmClient")
            .field("region", &self.inner.region)
            .field("endpoints", &self.inner.endpoints)
            .field("credentials", &self.inner.credentials)
            .finish()
    }
}

/// How a send failed before any answer arrived.
enum SendError {
    /// Never left: connect, DNS, TLS.
    NotSent(Reason),
    /// May have been received: timeout or connection lost after sending.
    Unknown(Reason),
}

/// A response, read in full (up to the cap), with every secret of the request redacted from it.
pub(crate) struct Response {
    /// HTTP status.
    pub status: u16,
    /// `X-Request-Id`, cleaned.
    pub request_id: Option<String>,
    /// The `Location` of a redirect, cleaned.
    pub location: Option<String>,
    /// The body (capped at [`MAX_BODY_BYTES`]).
    pub body: Vec<u8>,
}

impl CcmClient {
    /// A client for the config's endpoints and credentials; TLS is always verified, proxies come from
    /// `HTTPS_PROXY`/`NO_PROXY`. Cheap: no HTTP client, TLS configuration or trust store is built here —
    /// each is built on first use (see [`shared_tls`]), so the wizard draws before any of it exists.
    pub fn new(config: &Config) -> Result<Self, String> {
        let e = &config.endpoints;
        let endpoints = [&e.ccm, &e.iam, &e.eps];
        let all_loopback = endpoints.iter().all(|u| super::target::is_loopback(u));
        let settings = HttpSettings {
            timeout: config.timeout,
            // Loopback (the sandbox, a local emulator) is never reached through HTTPS_PROXY.
            no_proxy: config.sandbox || all_loopback,
            // Plain http (loopback only, checked in config) never checks a certificate: no trust store.
            tls: endpoints.iter().any(|u| u.scheme() != "http"),
        };
        let domain_id = OnceCell::new();
        if let Credentials::AkSk {
            domain_id: Some(id),
            ..
        } = &config.credentials.credentials
        {
            let _ = domain_id.set(id.clone());
        }
        Ok(CcmClient {
            inner: Arc::new(Inner {
                http: OnceLock::new(),
                http_once: OnceLock::new(),
                settings,
                region: config.region.clone(),
                endpoints: config.endpoints.clone(),
                credentials: config.credentials.credentials.clone(),
                source: config.credentials.source.clone(),
                sandbox: config.sandbox,
                domain_id,
            }),
        })
    }

    /// The pooled client for GETs, built on first use.
    fn http(&self) -> Result<&reqwest::Client, String> {
        let s = &self.inner.settings;
        self.inner
            .http
            .get_or_init(|| s.build(false))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The unpooled client for the order POST, built on first use.
    fn http_once(&self) -> Result<&reqwest::Client, String> {
        let s = &self.inner.settings;
        self.inner
            .http_once
            .get_or_init(|| s.build(true))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The full URL an order goes to.
    pub fn order_url(&self) -> Url {
        endpoint_url(&self.inner.endpoints.ccm, ORDER_PATH, &[])
    }

    /// The order request exactly as it would be sent now (for `--dry-run`; no lookup, no network: a
    /// missing account id is shown as a placeholder).
    pub fn prepare_order(&self, req: &OrderRequest) -> PreparedRequest {
        let domain = self
            .inner
            .domain_id
            .get()
            .cloned()
            .unwrap_or_else(|| "<looked up via IAM>".to_string());
        let domain = matches!(self.inner.credentials, Credentials::AkSk { .. }).then_some(domain);
        self.order_request(req, domain.as_deref())
    }

    /// The one place the order request is built, for `--dry-run` and for sending alike.
    fn order_request(&self, req: &OrderRequest, domain_id: Option<&str>) -> PreparedRequest {
        build_request(
            Method::POST,
            self.order_url(),
            Some(req.to_json().into_bytes()),
            &self.inner.credentials,
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
            sandbox: self.inner.sandbox,
            done: parse_created,
            server_error: Reason::ServerError,
        };
        self.send_journaled(op, journal, stop).await
    }

    /// The account's CA quota (`quota` and `used` of type CERTIFICATE_AUTHORITY).
    pub async fn show_ca_quota(&self) -> Result<QuotaLeft, CallError> {
        let url = endpoint_url(&self.inner.endpoints.ccm, QUOTA_PATH, &[]);
        let domain_id = self.domain_id_for_signing().await?;
        let v = self.get_json(url, domain_id.as_deref()).await?;
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

    /// Every enterprise project of the account (enabled and disabled), following pages.
    pub async fn list_enterprise_projects(&self) -> Result<Vec<EnterpriseProject>, CallError> {
        #[derive(Deserialize)]
        struct Page {
            enterprise_projects: Vec<EnterpriseProject>,
            #[serde(default)]
            total_count: Option<u64>,
        }
        let limit = 1000usize;
        let domain_id = self.domain_id_for_signing().await?;
        let mut all = Vec::new();
        for page in 0..MAX_EPS_PAGES {
            let query = vec![
                ("limit".to_string(), limit.to_string()),
                ("offset".to_string(), (page * limit).to_string()),
            ];
            let url = endpoint_url(&self.inner.endpoints.eps, EPS_PATH, &query);
            let v = self.get_json(url, domain_id.as_deref()).await?;
            let parsed: Page = serde_json::from_value(v).map_err(|e| {
                CallError::Network(format!(
                    "the enterprise project list is not in the documented shape ({e})"
                ))
            })?;
            let got = parsed.enterprise_projects.len();
            all.extend(parsed.enterprise_projects.into_iter().map(|mut p| {
                p.name = cut(&clean(&p.name), 64);
                p.description = cut(&clean(&p.description), 256);
                p
            }));
            let total = parsed.total_count.unwrap_or(all.len() as u64);
            if got < limit || all.len() as u64 >= total {
                break;
            }
        }
        Ok(all)
    }

    /// The account (domain) id for these AK/SK, via IAM `GET /v3/auth/domains`.
    pub async fn lookup_domain_id(&self) -> Result<String, CallError> {
        let url = endpoint_url(&self.inner.endpoints.iam, DOMAINS_PATH, &[]);
        let v = self.get_json(url, None).await?;
        let id = v
            .pointer("/domains/0/id")
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default();
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(CallError::Network(
                "IAM's domain list holds no usable account id".to_string(),
            ));
        }
        Ok(id.to_string())
    }

    /// The account id to sign with: configured, cached, or looked up once. `None` for tokens.
    async fn domain_id_for_signing(&self) -> Result<Option<String>, CallError> {
        if !matches!(self.inner.credentials, Credentials::AkSk { .. }) {
            return Ok(None);
        }
        let id = self
            .inner
            .domain_id
            .get_or_try_init(|| Box::pin(self.lookup_domain_id()))
            .await?;
        Ok(Some(id.clone()))
    }

    /// GET a JSON document; retried once on a connect error (safe: a GET buys nothing).
    async fn get_json(&self, url: Url, domain_id: Option<&str>) -> Result<Value, CallError> {
        let http = self
            .http()
            .map_err(|detail| CallError::Send(Reason::HttpSetup { detail }))?;
        let mut attempt = 0;
        let resp = loop {
            attempt += 1;
            let prepared = build_request(
                Method::GET,
                url.clone(),
                None,
                &self.inner.credentials,
                domain_id,
                OffsetDateTime::now_utc(),
            );
            match self.send(http, &prepared).await {
                Ok(r) => break r,
                Err(SendError::NotSent(_)) if attempt == 1 => continue,
                Err(SendError::NotSent(why) | SendError::Unknown(why)) => {
                    return Err(CallError::Send(why));
                }
            }
        };
        if !(200..300).contains(&resp.status) {
            return Err(CallError::Api(ApiError::from_response(
                resp.status,
                resp.request_id,
                &resp.body,
            )));
        }
        serde_json::from_slice(&resp.body).map_err(|e| {
            CallError::Network(format!(
                "HTTP {} but the body is not JSON ({e}){}",
                resp.status,
                rid(&resp.request_id)
            ))
        })
    }

    /// The one place a state-changing request (order, pay, cancel, activate) is waited for: the answer,
    /// unless `stop` completes first (the user insists on leaving), which makes the outcome unknown with
    /// `stop`'s reason, since the request may have reached the server. Only the wait is cut short: the
    /// caller still journals the outcome.
    async fn send_until(
        &self,
        http: &reqwest::Client,
        req: &PreparedRequest,
        stop: impl Future<Output = Reason>,
    ) -> Result<Response, SendError> {
        tokio::select! {
            answer = self.send(http, req) => answer,
            why = stop => Err(SendError::Unknown(why)),
        }
    }

    async fn send(
        &self,
        http: &reqwest::Client,
        req: &PreparedRequest,
    ) -> Result<Response, SendError> {
        let mut builder = http.request(req.method.clone(), req.url.clone());
        for (k, v) in req.headers() {
            builder = builder.header(k.as_str(), v.as_str());
        }
        if !req.body.is_empty() {
            builder = builder.body(req.body.clone());
        }
        // Server text is redacted as it enters: nothing read from the answer can carry a secret further.
        let redact = self.redactor(req);
        let mut resp = builder
            .send()
            .await
            .map_err(|e| classify(&e, req, &redact))?;
        let status = resp.status().as_u16();
        let header = |name: &str, max: usize| {
            resp.headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .map(|s| cut(&clean(&redact.text(&s)), max))
                .filter(|s| !s.is_empty())
        };
        let request_id = header("x-request-id", 128);
        let location = header("location", 300);
        // A failure status decides the outcome by itself: for it, a body cut short or over the cap is
        // read as far as it goes. Only a success needs its whole body (the order id is in it).
        let success = (200..300).contains(&status);
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY_BYTES {
                        if !success {
                            let room = MAX_BODY_BYTES - body.len();
                            body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                            break;
                        }
                        return Err(SendError::Unknown(Reason::TooLarge {
                            status,
                            kib: MAX_BODY_BYTES / 1024,
                            request_id,
                        }));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) if !success => break,
                Err(e) => {
                    return Err(SendError::Unknown(Reason::BodyCut {
                        status,
                        detail: redact.text(&error_chain(&e)),
                        request_id,
                    }));
                }
            }
        }
        Ok(Response {
            status,
            request_id,
            location,
            body: redact.bytes(&body),
        })
    }

    /// Hides every secret pca-order holds for this request: what it carries (token, security token,
    /// signature) and the SK it was signed with.
    fn redactor(&self, req: &PreparedRequest) -> Redactor {
        use secrecy::ExposeSecret;
        let sk = match &self.inner.credentials {
            Credentials::AkSk { sk, .. } => Some(sk.expose_secret()),
            Credentials::Token(_) => None,
        };
        Redactor::new(req.secrets().chain(sk))
    }
}

/// The success answer a pay, cancel or activate request documents; any other success status or body
/// after sending is [`Reason::UnexpectedAnswer`] (unknown), never done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Success {
    /// `204 No Content`: PayCustomerOrder (BILLING.md section 3) and IssueCertificateAuthorityCertificate
    /// (ACTIVATION.md).
    NoContent,
    /// `204`, or `200` with an empty body. CancelCustomerOrder documents no answer and the official SDK's
    /// model of it has no field; accepting an empty 200 as well is our rule (a body of any kind is not
    /// what the API describes).
    Empty,
}

impl Success {
    /// Whether `resp` is this documented success.
    fn accepts(self, resp: &Response) -> bool {
        let empty = resp.body.iter().all(u8::is_ascii_whitespace);
        match self {
            Success::NoContent => resp.status == 204,
            Success::Empty => resp.status == 204 || (resp.status == 200 && empty),
        }
    }
}

impl Success {
    /// This success as an [`Operation`]'s `done` rule: done only for the documented success; any other
    /// 2xx is unknown with the answer kept ([`unexpected_answer`]).
    pub(crate) fn done(self) -> fn(&Response) -> Outcome<()> {
        match self {
            Success::NoContent => |resp| action_done(resp, Success::NoContent),
            Success::Empty => |resp| action_done(resp, Success::Empty),
        }
    }
}

/// A pay's, cancel's or activation's 2xx: done only for its documented success.
fn action_done(resp: &Response, success: Success) -> Outcome<()> {
    if success.accepts(resp) {
        Outcome::Done(())
    } else {
        Outcome::Unknown(unexpected_answer(resp))
    }
}

/// The most characters of an unexpected answer shown and journaled: enough to recognise a login page or
/// an error, never a whole page on the terminal (ours).
pub(crate) const EXCERPT_CHARS: usize = 400;

/// An answer that is not the documented success, as the reason shown and journaled: its status, request
/// id and an excerpt of the body (after a redirect's Location, never followed), cleaned (no control character reaches a terminal), with runs of
/// blanks folded, and capped at [`EXCERPT_CHARS`].
fn unexpected_answer(resp: &Response) -> Reason {
    let body = clean(&String::from_utf8_lossy(&resp.body));
    let text = match &resp.location {
        Some(location) => format!("(redirect to {location}, not followed) {body}"),
        None => body,
    };
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Reason::UnexpectedAnswer {
        status: resp.status,
        request_id: resp.request_id.clone(),
        excerpt: cut(&folded, EXCERPT_CHARS),
    }
}

/// The one rule for an answered state-changing request (order, pay, cancel, activate). 2xx: `done` decides
/// (each request accepts only its documented success). 3xx: redirects are never followed; 301, 302, 307
/// and 308 say the resource is elsewhere, so the request was not processed here: rejected, with the
/// Location shown. Any other 3xx (303 See Other is how a server answers a POST it has processed, and the
/// rest mean nothing for a POST) may follow a request that took effect: unknown (ours). 4xx: rejected.
/// 5xx: unknown (`server` words it), since a server or gateway error cannot prove the backend did
/// nothing (a gateway timeout can come after it took effect).
pub(crate) fn classify_answer<T>(
    resp: &Response,
    done: impl FnOnce() -> Outcome<T>,
    server: fn(ApiError) -> Reason,
) -> Outcome<T> {
    let error = || ApiError::from_response(resp.status, resp.request_id.clone(), &resp.body);
    match resp.status {
        200..=299 => done(),
        301 | 302 | 307 | 308 => Outcome::Rejected(redirect_error(resp)),
        300..=399 => Outcome::Unknown(unexpected_answer(resp)),
        500.. => Outcome::Unknown(server(error())),
        _ => Outcome::Rejected(error()),
    }
}

/// A redirect answer, as the error shown for it: where it pointed, and that it was not followed.
fn redirect_error(resp: &Response) -> ApiError {
    let target = match &resp.location {
        Some(location) => format!("to {location}"),
        None => "without a Location".to_string(),
    };
    ApiError {
        status: resp.status,
        code: resp.status.to_string(),
        message: format!(
            "the endpoint answered with a redirect {target}; pca-order does not follow redirects, so \
             the request was not sent there"
        ),
        request_id: resp.request_id.clone(),
    }
}

/// How the reqwest clients of a [`CcmClient`] are built (kept so they can be built on first use).
struct HttpSettings {
    timeout: Duration,
    no_proxy: bool,
    /// Whether any endpoint is https; when none is, no trust store is loaded.
    tls: bool,
}

impl HttpSettings {
    /// One reqwest client: verified TLS from the process-wide [`shared_tls`] (or none for plain-http
    /// loopback), connect timeout 10 s (never above the timeout), no redirects; `once` = no pooling.
    fn build(&self, once: bool) -> Result<reqwest::Client, String> {
        let mut b = reqwest::Client::builder()
            .connect_timeout(connect_timeout(self.timeout))
            .timeout(request_timeout(self.timeout))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("pca-order/", env!("CARGO_PKG_VERSION")));
        if self.no_proxy {
            b = b.no_proxy();
        }
        if once {
            b = b.pool_max_idle_per_host(0);
        }
        b = if self.tls {
            b.use_preconfigured_tls(shared_tls()?)
        } else {
            // Every endpoint is plain http: trust no certificate at all rather than read the system's.
            b.tls_certs_only(std::iter::empty())
        };
        b.build()
            .map_err(|e| format!("cannot set up HTTPS: {}", error_chain(&e)))
    }
}

/// The one TLS configuration of the process: the platform's trust store, read once (the first time an
/// https endpoint is used) and shared by every client (CCM, IAM/EPS, the one-shot order client).
/// Cloning a `ClientConfig` shares its verifier, so the store is never read twice.
pub fn shared_tls() -> Result<rustls::ClientConfig, String> {
    static TLS: OnceLock<Result<rustls::ClientConfig, String>> = OnceLock::new();
    TLS.get_or_init(|| {
        use rustls_platform_verifier::BuilderVerifierExt;
        // The same provider reqwest would pick: one installed by the process, else aws-lc-rs.
        let provider = rustls::crypto::CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
        let mut tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("cannot set up HTTPS: {e}"))?
            .with_platform_verifier()
            .map_err(|e| format!("cannot set up HTTPS: the system's trust store ({e})"))?
            .with_no_client_auth();
        // What reqwest offers by default: HTTP/2 when the server wants it, else HTTP/1.1.
        tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(tls)
    })
    .clone()
}

fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_ref()
        .map(|r| format!(" (request id {r})"))
        .unwrap_or_default()
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

/// Sorts a reqwest failure into "never left" and "may have been received".
fn classify(e: &reqwest::Error, req: &PreparedRequest, redact: &Redactor) -> SendError {
    let host = req.url.host_str().unwrap_or_default().to_string();
    let chain = redact.text(&error_chain(e));
    if e.is_connect() || e.is_builder() {
        SendError::NotSent(Reason::Connect {
            host,
            detail: chain,
        })
    } else if e.is_timeout() {
        SendError::Unknown(Reason::Timeout {
            host,
            detail: chain,
        })
    } else {
        SendError::Unknown(Reason::ConnectionLost {
            host,
            detail: chain,
        })
    }
}

/// An error and its causes as one line (reqwest's own message alone is vague).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// Why a BSS request got no answer: `Ok(reason)` it never left, `Err(reason)` it may have arrived.
pub(crate) type RawFailure = Result<Reason, Reason>;

/// What the BSS client shares with this one, so billing signs, sends and classifies failures on the same
/// path as the order (one HTTP stack, one set of rules).
impl CcmClient {
    /// The credentials requests are signed with.
    pub(crate) fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    /// Region, endpoints, credential source name and sandbox flag, for BSS URLs and journal lines.
    pub(crate) fn region(&self) -> &str {
        &self.inner.region
    }

    /// The configured endpoints (IAM for the project lookup).
    pub(crate) fn endpoints(&self) -> &Endpoints {
        &self.inner.endpoints
    }

    /// The account id to sign with (configured, cached or looked up once); `None` for tokens.
    pub(crate) async fn signing_domain(&self) -> Result<Option<String>, CallError> {
        self.domain_id_for_signing().await
    }

    /// Sends a prepared read (BSS's GETs and price POSTs) on the pooled client. State-changing requests
    /// never come here: they go through [`CcmClient::send_journaled`] on a fresh connection.
    pub(crate) async fn send_read(&self, req: &PreparedRequest) -> Result<Response, RawFailure> {
        let http = match self.http() {
            Ok(http) => http,
            Err(detail) => return Err(Ok(Reason::HttpSetup { detail })),
        };
        match self.send_until(http, req, std::future::pending()).await {
            Ok(r) => Ok(r),
            Err(SendError::NotSent(why)) => Err(Ok(why)),
            Err(SendError::Unknown(why)) => Err(Err(why)),
        }
    }
}

//! The one HTTP path every client (CCM, IAM/EPS, BSS) speaks through: where requests go and who signs
//! them, the HTTP settings and the one TLS configuration, how a request is built ([`build_request`],
//! shared with `--dry-run`), sent, read (capped, with every secret redacted as it enters) and sorted
//! into "never left" and "may have been received". The account id a signature carries is looked up here
//! once per run (IAM `GET /v3/auth/domains`): who signs belongs to the transport, not to one service.
//!
//! Reads are retried once when they never left; a state-changing request goes only through
//! [`Transport::send_journaled`] (`journaled.rs`), on a fresh connection, never retried, so a stale
//! pooled connection can never turn a request that never left into an "unknown" outcome.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::{Method, Url};
use serde_json::Value;
use time::OffsetDateTime;
use tokio::sync::OnceCell;

mod answer;
mod journaled;

pub(crate) use answer::{Success, classify_answer, unexpected_answer};
pub use journaled::{Acted, Activated, Journaled, Operation, Placed, Switched, Unsubscribed};

use super::credentials::{CredentialSource, Credentials, TemporarySource};
use super::error::{ApiError, CallError, Reason};
use super::sign::{self, SignRequest};
use super::target::{Config, Endpoints};
use crate::sanitize::{Redactor, clean, cut};

/// Path of the IAM account lookup.
pub const DOMAINS_PATH: &str = "/v3/auth/domains";
/// Path of STS's caller identity: the account id when IAM's domain list is empty (as the SDK does).
pub const CALLER_IDENTITY_PATH: &str = "/v5/caller-identity";
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

/// Where requests go, who signs them and the HTTP clients they go out on, shared by every service's
/// client (each holds one; none holds another client). Cheap to clone (shared inside), so the wizard can
/// hand it to background tasks.
#[derive(Clone)]
pub struct Transport {
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
    /// The credentials requests are signed with; replaced when temporary ones are refreshed.
    credentials: std::sync::Mutex<Credentials>,
    /// For temporary credentials: where fresh ones come from, and (behind an async lock, so one
    /// refresh runs at a time) when the current ones expire.
    refresh: Option<(TemporarySource, tokio::sync::Mutex<OffsetDateTime>)>,
    source: CredentialSource,
    sandbox: bool,
    domain_id: OnceCell<String>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("region", &self.inner.region)
            .field("endpoints", &self.inner.endpoints)
            .field("credentials", &self.credentials())
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

impl Transport {
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
        Ok(Transport {
            inner: Arc::new(Inner {
                http: OnceLock::new(),
                http_once: OnceLock::new(),
                settings,
                region: config.region.clone(),
                endpoints: config.endpoints.clone(),
                credentials: std::sync::Mutex::new(config.credentials.credentials.clone()),
                refresh: config
                    .credentials
                    .temporary
                    .as_ref()
                    .map(|t| (t.from.clone(), tokio::sync::Mutex::new(t.expires_at))),
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

    /// The credentials requests are signed with now (for a `--dry-run`, which fetches nothing).
    pub(crate) fn credentials(&self) -> Credentials {
        self.inner
            .credentials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The credentials to sign a request with: for temporary ones, fetched afresh from their source
    /// when less than 40 minutes remain (a wizard left open for hours keeps working). A refresh that
    /// fails while the current ones still work keeps them; once they have expired it is an error
    /// (nothing sent).
    pub(crate) async fn fresh_credentials(&self) -> Result<Credentials, Reason> {
        if let Some((from, expires_at)) = &self.inner.refresh {
            let mut expires_at = expires_at.lock().await;
            let now = OffsetDateTime::now_utc();
            if super::temporary::needs_refresh(*expires_at, now) {
                match super::temporary::fetch(from, shared_tls).await {
                    Ok(fresh) => {
                        *self
                            .inner
                            .credentials
                            .lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner()) = fresh.credentials;
                        *expires_at = fresh.expires_at;
                    }
                    Err(_) if *expires_at > now => {}
                    Err(why) => {
                        return Err(Reason::CredentialRefresh {
                            source: self.inner.source.to_string(),
                            detail: why.to_string(),
                        });
                    }
                }
            }
        }
        Ok(self.credentials())
    }

    /// The configured region: BSS bodies, IAM's project lookup and journal lines carry it.
    pub(crate) fn region(&self) -> &str {
        &self.inner.region
    }

    /// Where each service is reached.
    pub(crate) fn endpoints(&self) -> &Endpoints {
        &self.inner.endpoints
    }

    /// Whether CCM is the sandbox (its orders and activations are pretend ones).
    pub(crate) fn sandbox(&self) -> bool {
        self.inner.sandbox
    }

    /// The account id a request prepared for `--dry-run` shows (no lookup, no network): the known one,
    /// else a placeholder; `None` for a token, which carries no account id.
    pub(crate) fn dry_run_domain(&self) -> Option<String> {
        let domain = self
            .inner
            .domain_id
            .get()
            .cloned()
            .unwrap_or_else(|| "<looked up via IAM>".to_string());
        matches!(self.credentials(), Credentials::AkSk { .. }).then_some(domain)
    }

    /// The account (domain) id for these AK/SK, via IAM `GET /v3/auth/domains`; when IAM's list is
    /// empty (as it can be for an agency's temporary credentials), STS `GET /v5/caller-identity`
    /// `account_id`, as the official SDK does.
    pub async fn lookup_domain_id(&self) -> Result<String, CallError> {
        let url = endpoint_url(&self.inner.endpoints.iam, DOMAINS_PATH, &[]);
        let v = self.get_json(url, None).await?;
        let listed = v
            .pointer("/domains")
            .and_then(Value::as_array)
            .is_some_and(|d| !d.is_empty());
        if !listed {
            let sts = sts_endpoint(&self.inner.endpoints.iam);
            let url = endpoint_url(&sts, CALLER_IDENTITY_PATH, &[]);
            let v = self.get_json(url, None).await?;
            return account_id(v.pointer("/account_id")).ok_or_else(|| {
                CallError::Network(
                    "IAM's domain list is empty and STS's caller identity holds no usable account id"
                        .to_string(),
                )
            });
        }
        account_id(v.pointer("/domains/0/id")).ok_or_else(|| {
            CallError::Network("IAM's domain list holds no usable account id".to_string())
        })
    }

    /// The account id to sign with: configured, cached, or looked up once. `None` for tokens.
    async fn domain_id_for_signing(&self) -> Result<Option<String>, CallError> {
        if !matches!(self.credentials(), Credentials::AkSk { .. }) {
            return Ok(None);
        }
        let id = self
            .inner
            .domain_id
            .get_or_try_init(|| Box::pin(self.lookup_domain_id()))
            .await?;
        Ok(Some(id.clone()))
    }

    /// The account id to sign with (configured, cached or looked up once); `None` for tokens.
    pub(crate) async fn signing_domain(&self) -> Result<Option<String>, CallError> {
        self.domain_id_for_signing().await
    }

    /// GET a JSON document; retried once on a connect error (safe: a GET buys nothing).
    pub(crate) async fn get_json(
        &self,
        url: Url,
        domain_id: Option<&str>,
    ) -> Result<Value, CallError> {
        let http = self
            .http()
            .map_err(|detail| CallError::Send(Reason::HttpSetup { detail }))?;
        let credentials = self.fresh_credentials().await.map_err(CallError::Send)?;
        let mut attempt = 0;
        let resp = loop {
            attempt += 1;
            let prepared = build_request(
                Method::GET,
                url.clone(),
                None,
                &credentials,
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

    /// A read-only request (GET, or a POST that changes nothing: BSS's price and lists, IAM's projects)
    /// on the pooled client, retried once when it never left; its body on a 2xx.
    /// `signed_for_account`: BSS wants `X-Domain-Id` on AK/SK requests; IAM does not.
    pub(crate) async fn read(
        &self,
        method: Method,
        url: Url,
        body: Option<Value>,
        signed_for_account: bool,
    ) -> Result<Vec<u8>, CallError> {
        let domain = if signed_for_account {
            self.signing_domain().await?
        } else {
            None
        };
        let bytes = body.map(|b| b.to_string().into_bytes());
        let credentials = self.fresh_credentials().await.map_err(CallError::Send)?;
        let mut attempt = 0;
        let answer = loop {
            attempt += 1;
            let prepared = build_request(
                method.clone(),
                url.clone(),
                bytes.clone(),
                &credentials,
                domain.as_deref(),
                OffsetDateTime::now_utc(),
            );
            match self.send_read(&prepared).await {
                Ok(a) => break a,
                Err(Ok(_)) if attempt == 1 => continue,
                Err(Ok(why) | Err(why)) => return Err(CallError::Send(why)),
            }
        };
        if !(200..300).contains(&answer.status) {
            return Err(CallError::Api(ApiError::from_response(
                answer.status,
                answer.request_id,
                &answer.body,
            )));
        }
        Ok(answer.body)
    }

    /// Sends a prepared read on the pooled client: `Err(Ok(reason))` it never left, `Err(Err(reason))`
    /// it may have arrived. State-changing requests never come here: they go through
    /// [`Transport::send_journaled`] on a fresh connection.
    async fn send_read(&self, req: &PreparedRequest) -> Result<Response, Result<Reason, Reason>> {
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
        let credentials = self.credentials();
        let sk = match &credentials {
            Credentials::AkSk { sk, .. } => Some(sk.expose_secret()),
            Credentials::Token(_) => None,
        };
        Redactor::new(req.secrets().chain(sk))
    }
}

/// How the reqwest clients of a [`Transport`] are built (kept so they can be built on first use).
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

/// Where STS is asked for the caller's account id: IAM's host with its first label `iam` turned into
/// `sts` (`iam.cn-north-4.myhuaweicloud.com` → `sts.cn-north-4.myhuaweicloud.com`); any other host —
/// a loopback sandbox, a private endpoint — is asked itself. Our rule: the SDK's own STS address for
/// this call is not in our sources.
pub fn sts_endpoint(iam: &Url) -> Url {
    let mut url = iam.clone();
    if let Some(rest) = iam.host_str().and_then(|h| h.strip_prefix("iam."))
        && url.set_host(Some(&format!("sts.{rest}"))).is_err()
    {
        return iam.clone();
    }
    url
}

/// An account id taken from an answer: 1-64 letters and digits (it goes into a header).
fn account_id(v: Option<&Value>) -> Option<String> {
    let id = v.and_then(Value::as_str).map(str::trim).unwrap_or_default();
    (!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| id.to_string())
}

fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_ref()
        .map(|r| format!(" (request id {r})"))
        .unwrap_or_default()
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

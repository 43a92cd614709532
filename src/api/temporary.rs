//! Temporary credentials fetched from where the machine keeps them: an ECS/BMS agency's metadata service
//! and a CCE pod's identity endpoint (LIFECYCLE.md §4.1–4.2). Each answer is an AK/SK with a security
//! token and an expiry; the transport asks again for fresh ones when less than [`REFRESH_BEFORE`]
//! remains, so a wizard left open for hours keeps working. Nothing here ever shows a secret: errors are
//! typed data without the server's words (a hostile service echoing a secret back cannot leak it).

use std::time::Duration;

use reqwest::{Method, Url};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::credentials::Credentials;
pub use super::credentials::TemporarySource;

/// The metadata service's documented address (link-local: only an ECS/BMS reaches it).
pub const METADATA_BASE: &str = "http://169.254.169.254";
/// Our own variable (not the SDK's) pointing the metadata source elsewhere (tests, the sandbox), or
/// `off` to never ask one.
pub const METADATA_URL_ENV: &str = "PCA_ORDER_METADATA_URL";
/// The IMDSv2-style session token path.
pub const METADATA_TOKEN_PATH: &str = "/meta-data/latest/api/token";
/// The agency credentials path.
pub const METADATA_SECURITYKEY_PATH: &str = "/openstack/latest/securitykey";
/// The session token's asked-for lifetime, as the SDK asks (6 h).
pub const METADATA_TOKEN_TTL: &str = "21600";
/// What a 401 says when the ECS has no agency (then a new session token would not help).
pub const NO_AGENCY_TEXT: &str = "Please configure Cloud Service Agency first";
/// Refresh when less than this remains (the Python SDK's `_DEFAULT_EXPIRATION_THRESHOLD_SECONDS`).
pub const REFRESH_BEFORE: time::Duration = time::Duration::minutes(40);
/// How long connecting to the metadata service may take: a laptop without one pays at most this (ours).
pub const METADATA_CONNECT: Duration = Duration::from_secs(1);
/// A whole metadata request (the SDK's 3 s).
pub const METADATA_TIMEOUT: Duration = Duration::from_secs(3);
/// A whole pod identity request (the SDK's 5 s).
pub const POD_IDENTITY_TIMEOUT: Duration = Duration::from_secs(5);
/// The most read of an answer or of the pod's authorization token file (ours).
const MAX_BYTES: usize = 64 * 1024;

/// Credentials fetched from a [`TemporarySource`], and when they stop working.
#[derive(Debug, Clone)]
pub struct Temporary {
    /// AK/SK with a security token (Debug redacts them).
    pub credentials: Credentials,
    /// `expires_at`, UTC.
    pub expires_at: OffsetDateTime,
}

/// Why temporary credentials could not be had: data only, never the server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemporaryError {
    /// Nothing answered (connect refused, no route, connect timeout): the source is not there.
    Unreachable,
    /// Connected, but no complete answer within the time limit.
    Timeout,
    /// The metadata service says this ECS has no agency.
    NoAgency,
    /// Refused: a metadata 401 even with a fresh session token, or a pod identity 401/403.
    Unauthorized(u16),
    /// Another HTTP status.
    Status(u16),
    /// The answer is not the documented shape (a field missing, not JSON, a bad AK or time).
    Garbage,
    /// The credential it gave has already expired.
    Expired,
    /// The pod's authorization token file could not be read.
    TokenFile(String),
    /// The HTTP client could not be set up.
    Setup(String),
}

impl std::fmt::Display for TemporaryError {
    /// English, for logs and the `detail` of a reason (the catalog words the source around it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemporaryError::Unreachable => f.write_str("nothing answered"),
            TemporaryError::Timeout => f.write_str("no answer in time"),
            TemporaryError::NoAgency => {
                f.write_str("this ECS has no agency (Please configure Cloud Service Agency first)")
            }
            TemporaryError::Unauthorized(s) => write!(f, "refused with HTTP {s}"),
            TemporaryError::Status(s) => write!(f, "HTTP {s}"),
            TemporaryError::Garbage => f.write_str("the answer is not the documented credential"),
            TemporaryError::Expired => f.write_str("the credential it gave has already expired"),
            TemporaryError::TokenFile(why) => write!(f, "the authorization token file: {why}"),
            TemporaryError::Setup(why) => f.write_str(why),
        }
    }
}

/// Whether credentials expiring at `expires_at` should be fetched again at `now`: when less than
/// [`REFRESH_BEFORE`] remains (exactly 40 minutes left is still fresh).
pub fn needs_refresh(expires_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    expires_at - now < REFRESH_BEFORE
}

#[derive(Deserialize)]
struct Wire {
    access: String,
    secret: String,
    securitytoken: String,
    expires_at: String,
}

#[derive(Deserialize)]
struct Wrapped {
    credential: Wire,
}

/// Reads an answer: `{"credential": {"access","secret","securitytoken","expires_at"}}` (the pod
/// identity answer is read the same way, with or without the `credential` wrapper: its shape is not in
/// our sources — ours). `expires_at` is RFC 3339 and read as UTC (a missing offset is not accepted: the
/// Python SDK's local-time reading is not copied). An already expired credential is refused.
pub fn parse_credential(body: &[u8], now: OffsetDateTime) -> Result<Temporary, TemporaryError> {
    let wire = serde_json::from_slice::<Wrapped>(body)
        .map(|w| w.credential)
        .or_else(|_| serde_json::from_slice::<Wire>(body))
        .map_err(|_| TemporaryError::Garbage)?;
    let ak = wire.access.trim();
    let sk = wire.secret.trim();
    let token = wire.securitytoken.trim();
    let plausible = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic());
    if ak.is_empty() || !ak.bytes().all(|b| b.is_ascii_alphanumeric()) || ak.len() > 128 {
        return Err(TemporaryError::Garbage);
    }
    if !plausible(sk) || !plausible(token) {
        return Err(TemporaryError::Garbage);
    }
    let expires_at = OffsetDateTime::parse(wire.expires_at.trim(), &Rfc3339)
        .map_err(|_| TemporaryError::Garbage)?
        .to_offset(time::UtcOffset::UTC);
    if expires_at <= now {
        return Err(TemporaryError::Expired);
    }
    Ok(Temporary {
        credentials: Credentials::ak_sk(ak, sk, Some(token.to_string()), None),
        expires_at,
    })
}

/// The process's one TLS configuration, handed in by the caller (it lives in the transport, which
/// uses this module: passing it keeps the two files out of a circle).
pub type Tls = fn() -> Result<rustls::ClientConfig, String>;

/// Fetches credentials from `source` now.
pub async fn fetch(source: &TemporarySource, tls: Tls) -> Result<Temporary, TemporaryError> {
    match source {
        TemporarySource::Metadata { base } => fetch_metadata(base, tls).await,
        TemporarySource::PodIdentity { uri, token_file } => {
            fetch_pod_identity(uri, token_file, tls).await
        }
    }
}

/// `base` with `path` put after its own path.
fn join(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url.set_query(None);
    url
}

/// A plain client for one source: no redirects, no proxy for loopback/link-local, TLS only for https.
fn client(
    connect: Duration,
    timeout: Duration,
    url: &Url,
    tls: Tls,
) -> Result<reqwest::Client, TemporaryError> {
    let mut b = reqwest::Client::builder()
        .connect_timeout(connect)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("pca-order/", env!("CARGO_PKG_VERSION")));
    if url.scheme() == "https" {
        b = b.use_preconfigured_tls(tls().map_err(TemporaryError::Setup)?);
        if crate::endpoint::is_loopback(url) {
            b = b.no_proxy();
        }
    } else {
        // Plain http goes only to link-local or loopback: never through a proxy.
        b = b.no_proxy().tls_certs_only(std::iter::empty());
    }
    b.build().map_err(|e| TemporaryError::Setup(e.to_string()))
}

/// A request's answer (status, capped body) or why there was none.
async fn exchange(req: reqwest::RequestBuilder) -> Result<(u16, Vec<u8>), TemporaryError> {
    let mut resp = req.send().await.map_err(|e| {
        if e.is_connect() {
            TemporaryError::Unreachable
        } else {
            TemporaryError::Timeout
        }
    })?;
    let status = resp.status().as_u16();
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk);
                if body.len() > MAX_BYTES {
                    return Err(TemporaryError::Garbage);
                }
            }
            Ok(None) => break,
            Err(_) => return Err(TemporaryError::Timeout),
        }
    }
    Ok((status, body))
}

/// The optional session token: `None` when the service does not issue one (404, 405, 503 — and, ours,
/// any other non-success), `Err` only when nothing answers.
async fn session_token(
    http: &reqwest::Client,
    base: &Url,
) -> Result<Option<String>, TemporaryError> {
    let url = join(base, METADATA_TOKEN_PATH);
    let (status, body) = exchange(
        http.request(Method::PUT, url)
            .header("X-Metadata-Token-Ttl-Seconds", METADATA_TOKEN_TTL),
    )
    .await?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let token = String::from_utf8_lossy(&body).trim().to_string();
    Ok((!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())).then_some(token))
}

/// LIFECYCLE.md §4.2: the session token (optional), then the security key; a 401 without the
/// "no agency" text gets one fresh session token and one more try.
async fn fetch_metadata(base: &Url, tls: Tls) -> Result<Temporary, TemporaryError> {
    let http = client(METADATA_CONNECT, METADATA_TIMEOUT, base, tls)?;
    let url = join(base, METADATA_SECURITYKEY_PATH);
    let mut token = session_token(&http, base).await?;
    let mut refreshed = false;
    loop {
        let mut req = http.get(url.clone());
        if let Some(t) = &token {
            req = req.header("X-Metadata-Token", t.as_str());
        }
        let (status, body) = exchange(req).await?;
        match status {
            200..=299 => return parse_credential(&body, OffsetDateTime::now_utc()),
            401 if String::from_utf8_lossy(&body).contains(NO_AGENCY_TEXT) => {
                return Err(TemporaryError::NoAgency);
            }
            401 if !refreshed => {
                refreshed = true;
                token = session_token(&http, base).await?;
            }
            401 => return Err(TemporaryError::Unauthorized(status)),
            _ => return Err(TemporaryError::Status(status)),
        }
    }
}

/// CCE pod identity: `POST uri`, `Authorization: <token file>`, body `{}`, 5 s.
async fn fetch_pod_identity(
    uri: &Url,
    token_file: &std::path::Path,
    tls: Tls,
) -> Result<Temporary, TemporaryError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut text = String::new();
    // Non-blocking, and only a regular file: a FIFO with no writer must not hang the command.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(token_file)
        .and_then(|f| {
            if f.metadata()?.is_file() {
                Ok(f)
            } else {
                Err(std::io::Error::other("not a regular file"))
            }
        })
        .and_then(|f| f.take(MAX_BYTES as u64).read_to_string(&mut text))
        .map_err(|e| TemporaryError::TokenFile(e.to_string()))?;
    let auth = text.trim();
    if auth.is_empty() || !auth.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(TemporaryError::TokenFile(
            "empty, or not one line of text".to_string(),
        ));
    }
    let http = client(POD_IDENTITY_TIMEOUT, POD_IDENTITY_TIMEOUT, uri, tls)?;
    let (status, body) = exchange(
        http.post(uri.clone())
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .body("{}"),
    )
    .await?;
    match status {
        200..=299 => parse_credential(&body, OffsetDateTime::now_utc()),
        401 | 403 => Err(TemporaryError::Unauthorized(status)),
        _ => Err(TemporaryError::Status(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-01-01 12:00:00 UTC);

    #[test]
    fn refresh_starts_under_forty_minutes() {
        assert!(!needs_refresh(NOW + time::Duration::minutes(41), NOW));
        assert!(!needs_refresh(NOW + time::Duration::minutes(40), NOW));
        assert!(needs_refresh(
            NOW + time::Duration::minutes(40) - time::Duration::seconds(1),
            NOW
        ));
        assert!(needs_refresh(NOW - time::Duration::minutes(1), NOW));
    }

    fn body(expires: &str) -> Vec<u8> {
        format!(
            r#"{{"credential":{{"access":"TEMPAK123","secret":"s3cr3t","securitytoken":"tok-en","expires_at":"{expires}"}}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn parses_the_documented_answer_as_utc() {
        let t = parse_credential(&body("2026-01-01T13:00:00.123456Z"), NOW).expect("parsed");
        assert_eq!(t.expires_at, datetime!(2026-01-01 13:00:00.123456 UTC));
        let t = parse_credential(&body("2026-01-01T21:00:00+08:00"), NOW).expect("parsed");
        assert_eq!(t.expires_at, datetime!(2026-01-01 13:00:00 UTC));
        match t.credentials {
            Credentials::AkSk {
                ak, security_token, ..
            } => {
                assert_eq!(ak, "TEMPAK123");
                assert!(security_token.is_some());
            }
            Credentials::Token(_) => panic!("not a token"),
        }
    }

    #[test]
    fn refuses_garbage_and_expired() {
        assert_eq!(
            parse_credential(b"<html>", NOW).err(),
            Some(TemporaryError::Garbage)
        );
        assert_eq!(
            parse_credential(&body("tomorrow"), NOW).err(),
            Some(TemporaryError::Garbage)
        );
        assert_eq!(
            parse_credential(&body("2026-01-01T13:00:00"), NOW).err(),
            Some(TemporaryError::Garbage),
            "no offset: not guessed as local time"
        );
        assert_eq!(
            parse_credential(&body("2026-01-01T12:00:00Z"), NOW).err(),
            Some(TemporaryError::Expired)
        );
        assert!(parse_credential(&body("2026-01-01T12:00:01Z"), NOW).is_ok());
        let bad_ak = br#"{"credential":{"access":"A K","secret":"s","securitytoken":"t","expires_at":"2026-01-01T13:00:00Z"}}"#;
        assert_eq!(
            parse_credential(bad_ak, NOW).err(),
            Some(TemporaryError::Garbage)
        );
        let empty_token = br#"{"credential":{"access":"AK","secret":"s","securitytoken":" ","expires_at":"2026-01-01T13:00:00Z"}}"#;
        assert_eq!(
            parse_credential(empty_token, NOW).err(),
            Some(TemporaryError::Garbage)
        );
    }

    #[test]
    fn reads_a_flat_answer_too() {
        let flat = br#"{"access":"AK1","secret":"s","securitytoken":"t","expires_at":"2026-01-01T13:00:00Z"}"#;
        assert!(parse_credential(flat, NOW).is_ok());
    }
}

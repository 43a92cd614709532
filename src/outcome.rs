//! What became of a request, as data below both `api` (which produces it) and the journal (which records
//! it): [`ApiError`] for an answered request that failed, [`Outcome`] for a state-changing request, and
//! [`CallError`] for the read-only calls. Moved out of `api::error` so the journal need not reach up into
//! `api`; `api::error` re-exports everything here, so its paths keep working.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::order::limits::ERROR_MSG_MAX_CHARS;
use crate::sanitize::{clean, cut};

/// Longest error code we keep; the API documents 3-36 characters.
const MAX_CODE_CHARS: usize = 64;

/// A request the server answered with a failure: all the user needs to act on it or to ask support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `error_code` (e.g. `PCA.00020001`, `APIGW.0301`), or the status when the body had none.
    pub code: String,
    /// `error_msg`, verbatim but cut to a sane length; or a description of an unreadable body.
    pub message: String,
    /// `X-Request-Id` (or a body's `request_id`), for Huawei Cloud support.
    pub request_id: Option<String>,
}

impl ApiError {
    /// Builds the error from a response status, request id header and raw body, reading the body as the
    /// official SDK does: `error_code`+`error_msg`, else `errorCode`+`errorMsg`, else `code`+`message`, else
    /// the same one level down (`{"error": {...}}`); with no code at all, the HTTP status is the code.
    pub fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> ApiError {
        let parsed: Option<Value> = serde_json::from_slice(body).ok();
        let found = parsed.as_ref().and_then(find_code_and_message);
        let body_request_id = parsed
            .as_ref()
            .and_then(|v| {
                v.get("request_id")
                    .or_else(|| v.get("error").and_then(|e| e.get("request_id")))
            })
            .and_then(Value::as_str)
            .map(|s| cut(&clean(s), 128));
        let request_id = request_id
            .map(|r| clean(&r))
            .filter(|r| !r.is_empty())
            .or(body_request_id);
        match found {
            Some((code, message)) => ApiError {
                status,
                code: cut(&clean(&code), MAX_CODE_CHARS),
                message: cut(&clean(&message), ERROR_MSG_MAX_CHARS),
                request_id,
            },
            None => ApiError {
                status,
                code: status.to_string(),
                message: describe_unreadable(status, body),
                request_id,
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn find_code_and_message(v: &Value) -> Option<(String, String)> {
    let obj = v.as_object()?;
    for (code_key, msg_key) in [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ] {
        if let Some(code) = obj.get(code_key).and_then(scalar_text) {
            let msg = obj.get(msg_key).and_then(scalar_text).unwrap_or_default();
            return Some((code, msg));
        }
    }
    obj.values()
        .filter(|v| v.is_object())
        .find_map(find_code_and_message)
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A readable line for a body that holds no error code: HTML from a gateway, plain text, or nothing.
fn describe_unreadable(status: u16, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return format!("the server answered HTTP {status} with an empty body");
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
    {
        let title = extract_title(trimmed)
            .map(|t| format!(" \"{t}\""))
            .unwrap_or_default();
        return format!(
            "the server (or a gateway in front of it) answered HTTP {status} with an HTML page{title}, not the API's JSON"
        );
    }
    format!(
        "the server answered HTTP {status} with a body that is not the API's JSON: {}",
        cut(&clean(trimmed), 200)
    )
}

fn extract_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title = clean(html.get(start..end)?);
    (!title.is_empty()).then(|| cut(&title, 120))
}

/// The CAs an order bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    /// `order_id`: find the order in the console's billing centre by it.
    pub order_id: String,
    /// One id per CA bought, each PENDING until activated.
    pub ca_ids: Vec<String>,
}

/// A subordinate's subject saved (CreateCertificateAuthority with its `ca_id`): the `ca_id` the answer
/// named, which the caller compares with the CA it asked about (another id proves nothing about it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectSaved {
    /// `ca_id` as answered (cleaned and capped).
    pub ca_id: String,
}

/// What became of a state-changing request (order, pay, cancel, activate) — the one type every caller
/// matches on, so the four outcomes of DESIGN.md, their exit codes and their reports are written once.
/// `T` is what a success carries: [`Created`] for an order, `()` for pay, cancel and activate. Only
/// `NotSent` is safe to send again without asking; after `Unknown` it may have happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T = Created> {
    /// A 2xx with a complete answer: it happened (for an order, with its order id and CA ids).
    Done(T),
    /// The server answered 4xx (or a redirect that was not followed): nothing changed.
    Rejected(ApiError),
    /// Failed before the request left: DNS, connect, TLS, credentials, journal. Nothing was bought.
    NotSent(Reason),
    /// Sent, but no complete answer: timeout, reset, an unreadable success, a 5xx. The order may exist.
    Unknown(Reason),
}

/// Why a request was not sent or has no known outcome, as data: the catalog words it in the user's
/// language (`Text::reason_sentence`), and technical detail (an OS or TLS error text, a body excerpt) is
/// kept as it came and shown after the translated sentence. `Display` is the English wording, for the
/// journal and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The connection could not be made (DNS, refused, TLS handshake): the request never left.
    Connect {
        /// The host it was meant for.
        host: String,
        /// The error chain, redacted.
        detail: String,
    },
    /// The HTTP client could not be set up (TLS roots, proxy settings): nothing was tried.
    HttpSetup {
        /// The error chain.
        detail: String,
    },
    /// AK/SK signing needs the account id, and IAM could not give it: the order was not tried.
    AccountLookup {
        /// Why the lookup failed, in English from the call (an API error or a network failure).
        detail: String,
    },
    /// Temporary credentials (metadata, pod identity) had expired and fresh ones could not be fetched:
    /// nothing was sent.
    CredentialRefresh {
        /// Where they come from, in English (the journal's words for the source).
        source: String,
        /// Why the fetch failed, in English, without any server text.
        detail: String,
    },
    /// The journal's `sending` line could not be written, so the order was not sent.
    Journal {
        /// The journal file.
        path: String,
        /// The OS error.
        detail: String,
    },
    /// Sent, and no answer came within the timeout.
    Timeout {
        /// The host it went to.
        host: String,
        /// The error chain, redacted.
        detail: String,
    },
    /// Sent, and the connection failed before an answer came.
    ConnectionLost {
        /// The host it went to.
        host: String,
        /// The error chain, redacted.
        detail: String,
    },
    /// A success status whose body was larger than the cap, so it was not read.
    TooLarge {
        /// HTTP status.
        status: u16,
        /// The cap, in KiB.
        kib: usize,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
    },
    /// A success status whose body was cut short.
    BodyCut {
        /// HTTP status.
        status: u16,
        /// The error chain, redacted.
        detail: String,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
    },
    /// A 5xx to the order: a server or gateway error cannot prove the backend did nothing.
    ServerError(ApiError),
    /// A 5xx to a pay, cancel or activate request: it may have taken effect all the same.
    ActionServerError(ApiError),
    /// A success without a usable order id: the order may exist.
    NoOrderId {
        /// HTTP status.
        status: u16,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
        /// What the server said, cleaned and cut, kept for the journal.
        excerpt: String,
    },
    /// A success status, or a body, that is not what this request documents as its success (a pay's or an
    /// activation's 204; an order's 200 with an id): an HTML login page from a proxy, another JSON, a 202.
    /// The request was sent and may have taken effect, so it is never read as done.
    UnexpectedAnswer {
        /// HTTP status.
        status: u16,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
        /// What the server said, cleaned and capped, shown and kept for the journal.
        excerpt: String,
    },
    /// The user stopped waiting with a second signal; the request (order, pay, cancel, activate) was sent
    /// and may have taken effect.
    SecondSignal,
    /// No answer came within this many seconds after the signal; the request was sent and may have
    /// taken effect.
    SignalWait {
        /// How long the wait after the signal was.
        secs: u64,
    },
    /// The wizard ended while the order was in flight, before its answer: it was sent and may exist.
    LeftInFlight,
    /// The task that sent the order died; the request may have left.
    TaskFailed {
        /// The task's error.
        detail: String,
    },
}

impl<T> Outcome<T> {
    /// The same outcome with what a success carries changed by `f` (the other three kept as they are).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(t) => Outcome::Done(f(t)),
            Outcome::Rejected(e) => Outcome::Rejected(e),
            Outcome::NotSent(r) => Outcome::NotSent(r),
            Outcome::Unknown(r) => Outcome::Unknown(r),
        }
    }

    /// The process exit code of DESIGN.md for this outcome: 0 done, 3 rejected, 4 unknown, 5 not sent.
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Done(_) => crate::exit::ORDERED,
            Outcome::Rejected(_) => crate::exit::REJECTED,
            Outcome::Unknown(_) => crate::exit::UNKNOWN,
            Outcome::NotSent(_) => crate::exit::NOT_SENT,
        }
    }
}

/// Why a read-only call (quota, projects, domain lookup) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The server answered with a failure.
    Api(ApiError),
    /// The request failed on the way (connect, TLS, timeout, a body cut short): typed, so the catalog
    /// words it in the user's language.
    Send(Reason),
    /// An answer that is not in the documented shape; the text says how (English technical detail).
    Network(String),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Api(e) => e.fmt(f),
            CallError::Send(r) => r.fmt(f),
            CallError::Network(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for CallError {}

impl CallError {
    /// Whether a failed read of an order ends following it (`status --wait`, the wizard's renewal
    /// follow): a refusal (4xx) will not change by asking again; a server error or the network may.
    pub fn ends_a_follow(&self) -> bool {
        matches!(self, CallError::Api(a) if a.status < 500)
    }

    /// The exit code of a read that failed (`cas`, `ca`, `price`, `status`, an activation's read-back
    /// when nothing was changed): one rule for every command, so a script branches the same way on each.
    /// 3 the API refused the read (a 4xx: permission, an unknown id) — retrying will not help; 4 the
    /// server failed (a 5xx): the answer is not known, a later read may work; 5 no usable answer came
    /// (connect, TLS, timeout, an answer not in the documented shape, credentials or configuration).
    pub fn read_exit_code(&self) -> i32 {
        match self {
            CallError::Api(a) if a.status >= 500 => crate::exit::UNKNOWN,
            CallError::Api(_) => crate::exit::REJECTED,
            CallError::Network(_) | CallError::Send(_) => crate::exit::NOT_SENT,
        }
    }
}

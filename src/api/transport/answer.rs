//! How an answered state-changing request is read: each request's documented success, the rule for
//! every other status (redirects never followed, 4xx rejected, 5xx unknown) and the excerpt an
//! unexpected answer is shown and journaled with.

use super::Response;
use crate::api::error::{ApiError, Outcome, Reason};
use crate::sanitize::{clean, cut};

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
pub(crate) fn unexpected_answer(resp: &Response) -> Reason {
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

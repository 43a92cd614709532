//! The one way a state-changing request (order, pay, cancel, activate — and whatever comes next: renew,
//! unsubscribe, import) is sent: signed, its `sending` line on disk before it leaves, sent once on a fresh
//! connection, its answer read as one of four outcomes, its outcome line written after. Never retried.
//! A new operation builds an [`Operation`] and calls [`Transport::send_journaled`] (every client holds the
//! transport); it writes no journal line and classifies no answer itself.

use reqwest::{Method, Url};
use time::OffsetDateTime;

use super::{Response, SendError, Transport, build_request, classify_answer};
use crate::api::error::{ApiError, Created, Outcome, Reason};
use crate::journal::{DoneFields, Journal, Kind, Sending};

/// A state-changing request, as data: what it is, where it goes, its body and how its answer is read.
pub struct Operation<T> {
    /// Which request (the journal's word for it).
    pub(crate) kind: Kind,
    /// What it acts on: the order id for a pay or cancel, the CA id for an activation, `""` for an order.
    pub(crate) subject: String,
    /// HTTP method.
    pub(crate) method: Method,
    /// The full URL.
    pub(crate) url: Url,
    /// The body; `Value::Null` sends none. Sent as its compact JSON (`serde_json` keeps the fields' order, so an order's bytes
    /// are `OrderRequest::to_json`'s).
    pub(crate) body: serde_json::Value,
    /// Whether the body is journaled on the `sending` line (an order's and an activation's are; a pay's
    /// or cancel's is only the order id, which the line carries anyway).
    pub(crate) journal_request: bool,
    /// Where THIS request goes is a pretend service (decided by its own endpoint, never another's).
    pub(crate) sandbox: bool,
    /// Reads a 2xx answer: done only for the request's documented success.
    pub(crate) done: fn(&Response) -> Outcome<T>,
    /// Words a 5xx answer (unknown: it may have taken effect).
    pub(crate) server_error: fn(ApiError) -> Reason,
}

/// What became of a state-changing request, and whether its outcome line reached the journal (the
/// `sending` line always did, or the request was not sent). A warning means the outcome exists only in
/// this process's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journaled<T> {
    /// What became of the request: one of the four outcomes every state-changing request has.
    pub outcome: Outcome<T>,
    /// Why the outcome line could not be journaled, if it could not.
    pub journal_warning: Option<String>,
}

impl<T> From<Outcome<T>> for Journaled<T> {
    fn from(outcome: Outcome<T>) -> Self {
        Journaled {
            outcome,
            journal_warning: None,
        }
    }
}

/// What became of an order (its success carries the order id and the CA ids).
pub type Placed = Journaled<Created>;
/// What became of a pay or cancel.
pub type Acted = Journaled<()>;
/// What became of an activation.
pub type Activated = Journaled<()>;
/// What became of an auto-renew switch.
pub type Switched = Journaled<()>;
/// What became of an unsubscribe (its success carries the unsubscribe orders).
pub type Unsubscribed = Journaled<crate::billing::lifecycle::UnsubscribeAnswer>;

impl Transport {
    /// Sends `op` once, journaled: the signing account (not sent if it cannot be looked up), the
    /// one-shot HTTP client (not sent if it cannot be built), the signed request, its `sending` line on
    /// disk (not sent if that fails), then the answer — waited for until `stop` completes (a second
    /// signal: unknown with `stop`'s reason) — read by `op`'s rules, and its outcome line. Never retried.
    pub async fn send_journaled<T: DoneFields>(
        &self,
        op: Operation<T>,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Journaled<T> {
        let request = op.journal_request.then(|| op.body.clone());
        self.send_journaled_recording(op, request, journal, stop)
            .await
    }

    /// [`Transport::send_journaled`], with `journaled` as the `sending` line's request instead of the
    /// body: for a request whose body alone does not say what it does (auto-renew off has none).
    pub async fn send_journaled_as<T: DoneFields>(
        &self,
        op: Operation<T>,
        journaled: serde_json::Value,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Journaled<T> {
        self.send_journaled_recording(op, Some(journaled), journal, stop)
            .await
    }

    async fn send_journaled_recording<T: DoneFields>(
        &self,
        op: Operation<T>,
        request: Option<serde_json::Value>,
        journal: &Journal,
        stop: impl Future<Output = Reason>,
    ) -> Journaled<T> {
        let domain_id = match self.domain_id_for_signing().await {
            Ok(d) => d,
            Err(e) => {
                return Outcome::NotSent(Reason::AccountLookup {
                    detail: e.to_string(),
                })
                .into();
            }
        };
        // The connection is set up before the journal line: a client that cannot be built sent nothing.
        let http = match self.http_once() {
            Ok(h) => h,
            Err(detail) => return Outcome::NotSent(Reason::HttpSetup { detail }).into(),
        };
        let credentials = match self.fresh_credentials().await {
            Ok(c) => c,
            Err(why) => return Outcome::NotSent(why).into(),
        };
        let prepared = build_request(
            op.method,
            op.url,
            // `null` is "no body at all" (auto-renew off, or on with nothing asked), never the text `null`.
            (!op.body.is_null()).then(|| op.body.to_string().into_bytes()),
            &credentials,
            domain_id.as_deref(),
            OffsetDateTime::now_utc(),
        );
        let attempt_id = uuid::Uuid::new_v4().to_string();
        let sending = Sending {
            kind: op.kind,
            subject: op.subject,
            region: self.inner.region.clone(),
            endpoint: prepared.url.to_string(),
            credential_source: self.inner.source.to_string(),
            sandbox: op.sandbox,
            request,
        };
        if let Err(e) = journal.write_sending(&attempt_id, &sending) {
            return Outcome::NotSent(Reason::Journal {
                path: journal.path().display().to_string(),
                detail: e.to_string(),
            })
            .into();
        }
        let outcome = match self.send_until(http, &prepared, stop).await {
            Err(SendError::NotSent(why)) => Outcome::NotSent(why),
            Err(SendError::Unknown(why)) => Outcome::Unknown(why),
            Ok(resp) => classify_answer(&resp, || (op.done)(&resp), op.server_error),
        };
        let journal_warning = journal
            .write_outcome(&attempt_id, &sending, &outcome)
            .err()
            .map(|e| {
                format!(
                    "the outcome could not be written to the journal {} ({e}): keep this output",
                    journal.path().display()
                )
            });
        Journaled {
            outcome,
            journal_warning,
        }
    }
}

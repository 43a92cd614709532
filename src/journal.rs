//! The order journal: an append-only JSON Lines file that keeps every attempt to buy, so an order id is
//! never lost — not even when the process dies mid-request. A `sending` line is on disk (fsync) before
//! the request leaves; the outcome line follows. Never holds a token, SK, signature or password.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::order::OrderRequest;
use crate::outcome::{Created, Outcome, Reason, SubjectSaved};

/// The journal file and how to write it.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

/// An order's `sending` line as read back: where it went and exactly what it asked for (written from a
/// [`Sending`]; a line whose `request` is not an order is unreadable).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SendingLine {
    /// Ties this line to its outcome line.
    pub attempt_id: String,
    /// Region id.
    pub region: String,
    /// The full order URL.
    pub endpoint: String,
    /// Where the credentials came from (a name, never a secret).
    pub credential_source: String,
    /// Sent to the built-in sandbox: nothing real was bought.
    pub sandbox: bool,
    /// The exact body.
    pub request: OrderRequest,
}

/// One line of the file, as written and read back: the one line type of every state-changing request.
/// Order and pay/cancel lines carry no `operation` (files written before activation existed read the
/// same); activation lines carry `"operation":"activate"` and the CA's id. Fields are written in this
/// order, `None`s left out, so the bytes are what earlier versions wrote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Record {
    /// RFC 3339 UTC time of writing.
    pub ts: String,
    /// The attempt this line belongs to.
    pub attempt_id: String,
    /// `activate` for an activation; `None` for an order, a pay or a cancel. Read leniently: a value
    /// this version does not know reads as `None`, as earlier versions read it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub operation: Option<Operation>,
    /// The CA an activation is about (`None` on other lines; read leniently like `operation`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub ca_id: Option<String>,
    /// `sending`, `created`, `action_sending`, `done`, `activated`, `rejected`, `unknown` or `not_sent`,
    /// with its data.
    #[serde(flatten)]
    pub event: Event,
}

/// Reads an optional field that earlier versions ignored when it held something unexpected: anything
/// that is not a `T` is `None` (the line is then read as those versions read it).
fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(v).ok())
}

/// What a line records.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Event {
    /// Written and flushed before an order or an activation leaves.
    Sending {
        /// Region id.
        region: String,
        /// The full URL.
        endpoint: String,
        /// Credential source name.
        credential_source: String,
        /// Sandbox or real.
        sandbox: bool,
        /// The exact body (for an order, an [`OrderRequest`]).
        request: serde_json::Value,
    },
    /// 200 with an order id.
    Created {
        /// The order id.
        order_id: String,
        /// One per CA.
        ca_ids: Vec<String>,
    },
    /// The API answered with an error.
    Rejected {
        /// HTTP status.
        status: u16,
        /// `error_code`.
        error_code: String,
        /// `error_msg`.
        error_msg: String,
        /// `X-Request-Id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// Sent, but no complete answer.
    Unknown {
        /// What happened.
        reason: String,
    },
    /// Failed before leaving.
    NotSent {
        /// What happened.
        reason: String,
    },
    /// Written and flushed before a pay or cancel request for an existing order leaves (billing). Its
    /// outcome is `done`, `rejected`, `unknown` or `not_sent`.
    ActionSending {
        /// What is asked of the order.
        kind: ActionKind,
        /// The order it acts on.
        order_id: String,
        /// Region id.
        region: String,
        /// The full BSS URL.
        endpoint: String,
        /// Credential source name.
        credential_source: String,
        /// Sandbox or real.
        sandbox: bool,
    },
    /// An auto-renew switch or an unsubscribe was accepted (its documented success): the unsubscribe
    /// orders it made, if any.
    Accepted {
        /// The orders BSS made (an unsubscribe's; none for auto-renew).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        order_ids: Vec<String>,
    },
    /// A pay or cancel was accepted (2xx).
    Done {
        /// What was done.
        kind: ActionKind,
        /// The order it was done to.
        order_id: String,
    },
    /// 204 to an activation: the CA was activated.
    Activated,
    /// 200 to saving a subordinate's subject, with the `ca_id` the answer named.
    SubjectSaved {
        /// The answer's `ca_id`.
        answered_ca_id: String,
    },
    /// 204 to an import: the certificate was imported.
    Imported,
    /// 200 to a renew: the renewal order(s) made, and any CA BSS did not renew.
    Renewed {
        /// The renewal order ids (each paid with `pay`, or already paid with `--auto-pay`).
        order_ids: Vec<String>,
        /// CAs not renewed, with BSS's code and message.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        failed: Vec<crate::billing::renew::ResourceFailure>,
    },
}

/// A state-changing request on an existing order, journaled like the order itself.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// PayCustomerOrder: moves money.
    Pay,
    /// CancelCustomerOrder.
    Cancel,
}

impl ActionKind {
    /// `pay` or `cancel`, as the journal and history write it.
    pub fn word(self) -> &'static str {
        match self {
            ActionKind::Pay => "pay",
            ActionKind::Cancel => "cancel",
        }
    }
}

/// A pay's or cancel's `action_sending` line as read back (written from a [`Sending`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ActionLine {
    /// Ties this line to its outcome line.
    pub attempt_id: String,
    /// Pay or cancel.
    pub kind: ActionKind,
    /// The order acted on.
    pub order_id: String,
    /// Region id.
    pub region: String,
    /// The full BSS URL.
    pub endpoint: String,
    /// Where the credentials came from (a name, never a secret).
    pub credential_source: String,
    /// Sent to the built-in sandbox.
    pub sandbox: bool,
}

/// Which state-changing request an attempt is: the one list every journaled request is written from.
/// A new operation (renew, unsubscribe, …) is one more variant, its `sending` line shape and its
/// success line ([`DoneFields`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// CreateCertificateAuthorityOrder: buys CAs.
    Order,
    /// PayCustomerOrder: moves money.
    Pay,
    /// CancelCustomerOrder.
    Cancel,
    /// IssueCertificateAuthorityCertificate: activates a CA.
    Activate,
    /// CreateCertificateAuthority with a bought subordinate's `ca_id`: saves its subject and key
    /// algorithm (the inferred first step of a CSR signed outside).
    SaveSubject,
    /// ImportCertificateAuthorityCertificate: the subordinate's certificate, signed outside.
    Import,
    /// RenewalResources: renews CAs' subscriptions (a renewal order; money moves when it is paid).
    Renew,
    /// AutoRenewalResources (on) or CancelAutoRenewalResources (off) on a CA's subscription.
    AutoRenew,
    /// CancelResourcesSubscription: ends a CA (type 1) or its renewed periods not yet started (type 2).
    Unsubscribe,
}

impl Kind {
    /// The `operation` a line of this kind carries (with the CA id); `None` for an order, pay or cancel.
    fn operation(self) -> Option<Operation> {
        match self {
            Kind::Order | Kind::Pay | Kind::Cancel => None,
            Kind::Activate => Some(Operation::Activate),
            Kind::SaveSubject => Some(Operation::SaveSubject),
            Kind::Import => Some(Operation::Import),
            Kind::Renew => Some(Operation::Renew),
            Kind::AutoRenew => Some(Operation::AutoRenew),
            Kind::Unsubscribe => Some(Operation::Unsubscribe),
        }
    }
}

impl From<ActionKind> for Kind {
    fn from(k: ActionKind) -> Kind {
        match k {
            ActionKind::Pay => Kind::Pay,
            ActionKind::Cancel => Kind::Cancel,
        }
    }
}

/// What is recorded before a state-changing request leaves (its `sending` line), and what its outcome
/// line is tied to: one shape for every [`Kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    /// Which request.
    pub kind: Kind,
    /// What it acts on: the order id for a pay or cancel, the CA id for an activation, `""` for an order.
    pub subject: String,
    /// Region id.
    pub region: String,
    /// The full URL.
    pub endpoint: String,
    /// Where the credentials came from (a name, never a secret).
    pub credential_source: String,
    /// Where this request goes is a pretend service: nothing real can happen.
    pub sandbox: bool,
    /// The exact body, for an order and an activation (a pay's or cancel's is not journaled).
    pub request: Option<serde_json::Value>,
}

impl Sending {
    /// The `sending` (or `action_sending`) line.
    fn record(&self, attempt_id: &str) -> Record {
        let action = |kind| Event::ActionSending {
            kind,
            order_id: self.subject.clone(),
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            credential_source: self.credential_source.clone(),
            sandbox: self.sandbox,
        };
        let event = match self.kind {
            Kind::Pay => action(ActionKind::Pay),
            Kind::Cancel => action(ActionKind::Cancel),
            Kind::Order
            | Kind::Activate
            | Kind::SaveSubject
            | Kind::Import
            | Kind::Renew
            | Kind::AutoRenew
            | Kind::Unsubscribe => Event::Sending {
                region: self.region.clone(),
                endpoint: self.endpoint.clone(),
                credential_source: self.credential_source.clone(),
                sandbox: self.sandbox,
                request: self.request.clone().unwrap_or(serde_json::Value::Null),
            },
        };
        self.line(attempt_id, event)
    }

    /// A line of this attempt: a CA's operations (activate, save subject, import, auto-renew,
    /// unsubscribe) carry their `operation` and CA id, renewals their `operation` (the CA ids are in the
    /// request), orders, pays and cancels neither.
    fn line(&self, attempt_id: &str, event: Event) -> Record {
        let operation = self.kind.operation();
        Record {
            ts: now_rfc3339(),
            attempt_id: attempt_id.to_string(),
            operation,
            ca_id: operation
                .filter(|o| *o != Operation::Renew)
                .map(|_| self.subject.clone()),
            event,
        }
    }
}

/// What a success writes to the journal: the one part of the outcome line that differs by request.
pub trait DoneFields {
    /// The success line's event for this request.
    fn done_event(&self, sending: &Sending) -> Event;
}

impl DoneFields for crate::billing::renew::Renewed {
    /// `renewed` with the renewal order ids and any CA not renewed.
    fn done_event(&self, _: &Sending) -> Event {
        Event::Renewed {
            order_ids: self.order_ids.clone(),
            failed: self.failures.clone(),
        }
    }
}

impl DoneFields for Created {
    /// `created` with the order id and the CA ids.
    fn done_event(&self, _: &Sending) -> Event {
        Event::Created {
            order_id: self.order_id.clone(),
            ca_ids: self.ca_ids.clone(),
        }
    }
}

impl DoneFields for crate::billing::lifecycle::UnsubscribeAnswer {
    /// `accepted` with the unsubscribe orders BSS made.
    fn done_event(&self, _: &Sending) -> Event {
        Event::Accepted {
            order_ids: self.order_ids.clone(),
        }
    }
}

/// The reason written if an order were ever journaled as done without its ids (the api never does so:
/// an order's success is [`Created`]); unknown, the careful side, and our wording.
const ORDER_DONE_WITHOUT_IDS: &str =
    "the order was answered without its order id: check the console";

impl DoneFields for () {
    /// `done` with the kind and order id for a pay or cancel, `activated` for an activation.
    fn done_event(&self, sending: &Sending) -> Event {
        match sending.kind {
            Kind::Pay => Event::Done {
                kind: ActionKind::Pay,
                order_id: sending.subject.clone(),
            },
            Kind::Cancel => Event::Done {
                kind: ActionKind::Cancel,
                order_id: sending.subject.clone(),
            },
            Kind::Activate => Event::Activated,
            Kind::Import => Event::Imported,
            // A save's success carries the answered id ([`SubjectSaved`]); `()` never is one.
            Kind::AutoRenew | Kind::Unsubscribe => Event::Accepted {
                order_ids: Vec::new(),
            },
            Kind::Order | Kind::SaveSubject | Kind::Renew => Event::Unknown {
                reason: ORDER_DONE_WITHOUT_IDS.to_string(),
            },
        }
    }
}

impl DoneFields for SubjectSaved {
    /// `subject_saved` with the `ca_id` the answer named.
    fn done_event(&self, _: &Sending) -> Event {
        Event::SubjectSaved {
            answered_ca_id: self.ca_id.clone(),
        }
    }
}

/// The one map from an outcome to its journal event: rejected, unknown and not sent are the same for
/// every request; a success is what [`DoneFields`] says.
fn outcome_event<T: DoneFields>(sending: &Sending, outcome: &Outcome<T>) -> Event {
    match outcome {
        Outcome::Done(t) => t.done_event(sending),
        Outcome::Rejected(e) => Event::Rejected {
            status: e.status,
            error_code: e.code.clone(),
            error_msg: e.message.clone(),
            request_id: e.request_id.clone(),
        },
        Outcome::Unknown(r) => Event::Unknown {
            reason: r.to_string(),
        },
        Outcome::NotSent(r) => Event::NotSent {
            reason: r.to_string(),
        },
    }
}

impl Event {
    /// The `state` word.
    pub fn state(&self) -> &'static str {
        match self {
            Event::Sending { .. } => "sending",
            Event::Created { .. } => "created",
            Event::Rejected { .. } => "rejected",
            Event::Unknown { .. } => "unknown",
            Event::NotSent { .. } => "not_sent",
            Event::ActionSending { .. } => "action_sending",
            Event::Done { .. } => "done",
            Event::Activated => "activated",
            Event::SubjectSaved { .. } => "subject_saved",
            Event::Imported => "imported",
            Event::Renewed { .. } => "renewed",
            Event::Accepted { .. } => "accepted",
        }
    }
}

/// One attempt as read back: its sending line and, if one was written, its outcome.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Attempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// Where and what (`None` if only an outcome line survived).
    pub sending: Option<SendingLine>,
    /// The outcome line's time and event; `None` means the process stopped before an answer: check the console.
    pub outcome: Option<Event>,
    /// For a pay or cancel attempt: what it asked of which order (then `sending` is `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<ActionLine>,
}

impl Attempt {
    /// Whether nothing real can have been bought: sent to the sandbox, or to a plain-http endpoint (allowed
    /// only to loopback, see [`crate::endpoint::is_pretend_endpoint`]). The real `history` never lists these
    /// as real purchases. An attempt whose `sending` line was lost counts as real (the careful side).
    pub fn is_pretend(&self) -> bool {
        match (&self.sending, &self.action) {
            (Some(s), _) => pretend(s.sandbox, &s.endpoint),
            (None, Some(a)) => pretend(a.sandbox, &a.endpoint),
            (None, None) => false,
        }
    }
}

/// Whether a journaled request went where nothing real can happen: the sandbox, or a plain-http endpoint
/// (allowed only to loopback). One rule for orders, pay/cancel and activations.
fn pretend(sandbox: bool, endpoint: &str) -> bool {
    sandbox || url::Url::parse(endpoint).is_ok_and(|u| crate::endpoint::is_pretend_endpoint(&u))
}

impl ActivationAttempt {
    /// Whether the activation went to the sandbox or a plain-http loopback endpoint (see
    /// [`Attempt::is_pretend`]); the real `history` lists only the others.
    pub fn is_pretend(&self) -> bool {
        matches!(&self.sending, Some(ActivationEvent::Sending { sandbox, endpoint, .. })
            if pretend(*sandbox, endpoint))
    }
}

/// What reading the journal found.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Attempts, oldest first.
    pub attempts: Vec<Attempt>,
    /// Lines that could not be read (invalid UTF-8, not JSON, cut short, or from a future version), by line
    /// number: skipped and counted, so one damaged line never hides the others' order ids.
    pub unreadable_lines: Vec<usize>,
    /// Activation attempts (lines with `"operation":"activate"`), oldest first.
    pub activations: Vec<ActivationAttempt>,
    /// Renewal attempts (lines with `"operation":"renew"`), oldest first.
    pub renewals: Vec<RenewalAttempt>,
    /// Auto-renew switches and unsubscribes (lines with `"operation":"auto_renew"` or
    /// `"unsubscribe"`), oldest first.
    pub lifecycle: Vec<LifecycleAttempt>,
}

/// One renewal attempt as read back: its `sending` event (with the exact body: which CAs, how long,
/// whether auto-paid) and its outcome (`renewed` with the order ids, `rejected`, `unknown`, `not_sent`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RenewalAttempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// The `sending` event (`None` if only an outcome line survived).
    pub sending: Option<Event>,
    /// The outcome; `None` means the process stopped before an answer: a renewal order may exist.
    pub outcome: Option<Event>,
}

impl RenewalAttempt {
    /// Whether it went to the sandbox or a plain-http loopback endpoint (see [`Attempt::is_pretend`]).
    pub fn is_pretend(&self) -> bool {
        matches!(&self.sending, Some(Event::Sending { sandbox, endpoint, .. })
            if pretend(*sandbox, endpoint))
    }

    /// The CA ids the request named (from its journaled body).
    pub fn ca_ids(&self) -> Vec<String> {
        match &self.sending {
            Some(Event::Sending { request, .. }) => request
                .get("resource_ids")
                .and_then(serde_json::Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Which state-changing request a line is about. Order lines carry no `operation` (files written before
/// activation existed read the same); activation lines carry `"operation":"activate"`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// `POST .../{ca_id}/activate`.
    Activate,
    /// `POST /v1/private-certificate-authorities` with the CA's `ca_id`: its subject saved.
    SaveSubject,
    /// `POST .../{ca_id}/import`.
    Import,
    /// `POST /v2/orders/subscriptions/resources/renew`.
    Renew,
    /// Auto-renew on (`POST`) or off (`DELETE`) `/v2/orders/subscriptions/resources/autorenew/{ca_id}`.
    AutoRenew,
    /// `POST /v2/orders/subscriptions/resources/unsubscribe` for one CA.
    Unsubscribe,
}

impl Operation {
    /// The word `history` writes for it (`activate`, `save-subject`, `import`, `renew`).
    pub fn word(self) -> &'static str {
        match self {
            Operation::Activate => "activate",
            Operation::SaveSubject => "save-subject",
            Operation::Import => "import",
            Operation::Renew => "renew",
            Operation::AutoRenew => "auto-renew",
            Operation::Unsubscribe => "unsubscribe",
        }
    }
}

/// Which of the two lifecycle requests a [`LifecycleAttempt`] is: only those two, so a match on it needs
/// no arm for an operation it cannot hold. Written (JSON, Debug) exactly as the same [`Operation`].
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleOperation {
    /// Auto-renew on or off.
    AutoRenew,
    /// Unsubscribe one CA (the CA, or its renewed periods).
    Unsubscribe,
}

impl LifecycleOperation {
    /// The lifecycle request a line's operation names, if it names one.
    pub fn of(operation: Operation) -> Option<Self> {
        match operation {
            Operation::AutoRenew => Some(LifecycleOperation::AutoRenew),
            Operation::Unsubscribe => Some(LifecycleOperation::Unsubscribe),
            Operation::Activate | Operation::SaveSubject | Operation::Import | Operation::Renew => {
                None
            }
        }
    }
}

/// One auto-renew switch or unsubscribe as read back: the CA, what was asked (the `sending` line's
/// `request`: on/off and times, or the unsubscribe body) and how it ended.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LifecycleAttempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// `auto_renew` or `unsubscribe`.
    pub operation: LifecycleOperation,
    /// The CA.
    pub ca_id: String,
    /// The `sending` event (`None` if only an outcome line survived).
    pub sending: Option<Event>,
    /// The outcome (`accepted`, `rejected`, `unknown`, `not_sent`); `None`: the process stopped before
    /// an answer — read the subscription.
    pub outcome: Option<Event>,
}

impl LifecycleAttempt {
    /// Whether it went to the sandbox or a plain-http loopback endpoint (see [`Attempt::is_pretend`]).
    pub fn is_pretend(&self) -> bool {
        matches!(&self.sending, Some(Event::Sending { sandbox, endpoint, .. })
            if pretend(*sandbox, endpoint))
    }

    /// The `request` of its `sending` line, if that line survived.
    pub fn request(&self) -> Option<&serde_json::Value> {
        match &self.sending {
            Some(Event::Sending { request, .. }) => Some(request),
            _ => None,
        }
    }
}

/// An activation line's event as read back (written as a [`Record`]; an order's or a pay's state on an
/// activation line is unreadable, as it always was).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ActivationEvent {
    /// Written and flushed before the request leaves.
    Sending {
        /// Region id.
        region: String,
        /// The full activate URL.
        endpoint: String,
        /// Credential source name.
        credential_source: String,
        /// Sandbox or real.
        sandbox: bool,
        /// The exact body.
        request: serde_json::Value,
    },
    /// 204: the CA was activated.
    Activated,
    /// 200: a subordinate's subject was saved (the answer's `ca_id`).
    SubjectSaved {
        /// The answer's `ca_id`.
        answered_ca_id: String,
    },
    /// 204: the certificate was imported.
    Imported,
    /// The API answered 4xx.
    Rejected {
        /// HTTP status.
        status: u16,
        /// `error_code`.
        error_code: String,
        /// `error_msg`.
        error_msg: String,
        /// `X-Request-Id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// Sent, but no complete answer (or a 5xx): the CA may be activated.
    Unknown {
        /// What happened.
        reason: String,
    },
    /// Failed before leaving.
    NotSent {
        /// What happened.
        reason: String,
    },
}

/// One activation attempt as read back.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActivationAttempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// The CA.
    pub ca_id: String,
    /// Which operation on the CA (activate, save-subject, import).
    pub operation: Operation,
    /// The `sending` event (`None` if only an outcome line survived).
    pub sending: Option<ActivationEvent>,
    /// The outcome; `None` means the process stopped before an answer: read the CA's status.
    pub outcome: Option<ActivationEvent>,
}

fn now_rfc3339() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

impl History {
    /// Adds an order, pay or cancel line to its attempt; `false` for a line no order attempt holds (an
    /// `activated`, or an order `sending` whose request is not an order), which is then unreadable.
    /// `index` maps attempt ids to their place, so a journal of n lines is read in O(n), not O(n²).
    fn add_order_line(&mut self, index: &mut HashMap<String, usize>, line: Record) -> bool {
        let event = match line.event {
            Event::Activated
            | Event::SubjectSaved { .. }
            | Event::Imported
            | Event::Accepted { .. } => return false,
            Event::Sending {
                region,
                endpoint,
                credential_source,
                sandbox,
                request,
            } => match serde_json::from_value::<OrderRequest>(request) {
                Ok(request) => Ok(SendingLine {
                    attempt_id: line.attempt_id.clone(),
                    region,
                    endpoint,
                    credential_source,
                    sandbox,
                    request,
                }),
                Err(_) => return false,
            },
            e => Err(e),
        };
        let slot = *index.entry(line.attempt_id.clone()).or_insert_with(|| {
            self.attempts.push(Attempt {
                attempt_id: line.attempt_id.clone(),
                ts: line.ts.clone(),
                sending: None,
                outcome: None,
                action: None,
            });
            self.attempts.len() - 1
        });
        let attempt = &mut self.attempts[slot];
        match event {
            Ok(sending) => {
                attempt.ts = line.ts;
                attempt.sending = Some(sending);
            }
            Err(Event::ActionSending {
                kind,
                order_id,
                region,
                endpoint,
                credential_source,
                sandbox,
            }) => {
                attempt.ts = line.ts;
                attempt.action = Some(ActionLine {
                    attempt_id: line.attempt_id,
                    kind,
                    order_id,
                    region,
                    endpoint,
                    credential_source,
                    sandbox,
                });
            }
            Err(event) => attempt.outcome = Some(event),
        }
        true
    }

    /// Adds a renewal line to its attempt; `false` for a state no renewal has, which is then unreadable.
    fn add_renewal(&mut self, index: &mut HashMap<String, usize>, line: Record) -> bool {
        match line.event {
            Event::Sending { .. }
            | Event::Renewed { .. }
            | Event::Rejected { .. }
            | Event::Unknown { .. }
            | Event::NotSent { .. } => {}
            _ => return false,
        }
        let slot = *index.entry(line.attempt_id.clone()).or_insert_with(|| {
            self.renewals.push(RenewalAttempt {
                attempt_id: line.attempt_id.clone(),
                ts: line.ts.clone(),
                sending: None,
                outcome: None,
            });
            self.renewals.len() - 1
        });
        let r = &mut self.renewals[slot];
        if matches!(line.event, Event::Sending { .. }) {
            r.ts = line.ts;
            r.sending = Some(line.event);
        } else {
            r.outcome = Some(line.event);
        }
        true
    }

    /// Adds an activation line to its attempt; `false` for a line no activation holds (no CA id, or an
    /// order's state), which is then unreadable.
    fn add_activation(&mut self, index: &mut HashMap<String, usize>, line: Record) -> bool {
        let (Some(ca_id), Some(operation)) = (line.ca_id, line.operation) else {
            return false;
        };
        let event = match line.event {
            Event::Sending {
                region,
                endpoint,
                credential_source,
                sandbox,
                request,
            } => ActivationEvent::Sending {
                region,
                endpoint,
                credential_source,
                sandbox,
                request,
            },
            Event::Activated if operation == Operation::Activate => ActivationEvent::Activated,
            Event::SubjectSaved { answered_ca_id } if operation == Operation::SaveSubject => {
                ActivationEvent::SubjectSaved { answered_ca_id }
            }
            Event::Imported if operation == Operation::Import => ActivationEvent::Imported,
            Event::Activated | Event::SubjectSaved { .. } | Event::Imported => return false,
            Event::Rejected {
                status,
                error_code,
                error_msg,
                request_id,
            } => ActivationEvent::Rejected {
                status,
                error_code,
                error_msg,
                request_id,
            },
            Event::Unknown { reason } => ActivationEvent::Unknown { reason },
            Event::NotSent { reason } => ActivationEvent::NotSent { reason },
            Event::Created { .. }
            | Event::ActionSending { .. }
            | Event::Done { .. }
            | Event::Renewed { .. }
            | Event::Accepted { .. } => {
                return false;
            }
        };
        let slot = match index.get(&line.attempt_id) {
            Some(&i) => i,
            None => {
                index.insert(line.attempt_id.clone(), self.activations.len());
                self.activations.push(ActivationAttempt {
                    attempt_id: line.attempt_id.clone(),
                    ts: line.ts.clone(),
                    ca_id,
                    operation,
                    sending: None,
                    outcome: None,
                });
                self.activations.len() - 1
            }
        };
        let a = &mut self.activations[slot];
        match event {
            e @ ActivationEvent::Sending { .. } => {
                a.ts = line.ts;
                a.sending = Some(e);
            }
            e => a.outcome = Some(e),
        }
        true
    }
}

impl History {
    /// Adds an auto-renew or unsubscribe line to its attempt; `false` for a line no such attempt holds
    /// (no CA id, or an order's, pay's or activation's state), which is then unreadable.
    fn add_lifecycle(&mut self, index: &mut HashMap<String, usize>, line: Record) -> bool {
        let (Some(operation), Some(ca_id)) =
            (line.operation.and_then(LifecycleOperation::of), line.ca_id)
        else {
            return false;
        };
        let sending = match &line.event {
            Event::Sending { .. } => true,
            Event::Accepted { .. }
            | Event::Rejected { .. }
            | Event::Unknown { .. }
            | Event::NotSent { .. } => false,
            Event::Created { .. }
            | Event::ActionSending { .. }
            | Event::Done { .. }
            | Event::Activated
            | Event::SubjectSaved { .. }
            | Event::Imported
            | Event::Renewed { .. } => return false,
        };
        let slot = *index.entry(line.attempt_id.clone()).or_insert_with(|| {
            self.lifecycle.push(LifecycleAttempt {
                attempt_id: line.attempt_id.clone(),
                ts: line.ts.clone(),
                operation,
                ca_id,
                sending: None,
                outcome: None,
            });
            self.lifecycle.len() - 1
        });
        let a = &mut self.lifecycle[slot];
        if sending {
            a.ts = line.ts;
            a.sending = Some(line.event);
        } else {
            a.outcome = Some(line.event);
        }
        true
    }
}

/// Why an append failed, and whether the file may hold some of the line (the failure came at or after
/// the write), which decides whether a sending line needs its "not sent" line after it.
struct Failed {
    error: io::Error,
    touched: bool,
}

#[cfg(test)]
thread_local! {
    /// Test-only: makes [`sync`] fail on this thread, as a disk does with EIO or ENOSPC.
    static FAIL_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes a written line durable (fsync of the file). In unit tests it can be made to fail.
fn sync(file: &fs::File) -> io::Result<()> {
    #[cfg(test)]
    if FAIL_SYNC.with(std::cell::Cell::get) {
        return Err(io::Error::other("injected fsync failure (EIO)"));
    }
    file.sync_all()
}

impl Journal {
    /// A journal at `path` (created on first write).
    pub fn new(path: PathBuf) -> Self {
        Journal { path }
    }

    /// The file's path, shown to the user after every order.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a request's `sending` line, on disk (fsync) before returning: the request may leave only
    /// after this succeeds. A failure after the line may have reached the file adds its `not_sent` line
    /// (see [`Journal::append_then_or_else`]).
    pub fn write_sending(&self, attempt_id: &str, sending: &Sending) -> io::Result<()> {
        self.append_then_or_else(&sending.record(attempt_id), |reason| {
            sending.line(attempt_id, Event::NotSent { reason })
        })
    }

    /// Writes how a request ended, through the one outcome-to-event map.
    pub fn write_outcome<T: DoneFields>(
        &self,
        attempt_id: &str,
        sending: &Sending,
        outcome: &Outcome<T>,
    ) -> io::Result<()> {
        self.append(&sending.line(attempt_id, outcome_event(sending, outcome)))
    }

    /// Records that an order is about to leave, on disk before returning. An adapter onto
    /// [`Journal::write_sending`], kept for the tests that write journals line by line.
    pub fn record_sending(&self, line: &SendingLine) -> io::Result<()> {
        let request = serde_json::to_value(&line.request).map_err(io::Error::other)?;
        self.write_sending(
            &line.attempt_id,
            &Sending {
                kind: Kind::Order,
                subject: String::new(),
                region: line.region.clone(),
                endpoint: line.endpoint.clone(),
                credential_source: line.credential_source.clone(),
                sandbox: line.sandbox,
                request: Some(request),
            },
        )
    }

    /// Records that a pay or cancel is about to leave, on disk before returning. An adapter onto
    /// [`Journal::write_sending`], kept for the tests that write journals line by line.
    pub fn record_action_sending(&self, line: &ActionLine) -> io::Result<()> {
        self.write_sending(
            &line.attempt_id,
            &Sending {
                kind: line.kind.into(),
                subject: line.order_id.clone(),
                region: line.region.clone(),
                endpoint: line.endpoint.clone(),
                credential_source: line.credential_source.clone(),
                sandbox: line.sandbox,
                request: None,
            },
        )
    }

    /// Records an order's, pay's or cancel's outcome line as given. An adapter kept for the tests that
    /// write journals line by line; the clients write through [`Journal::write_outcome`].
    pub fn record_event(&self, attempt_id: &str, event: Event) -> io::Result<()> {
        self.append(&Record {
            ts: now_rfc3339(),
            attempt_id: attempt_id.to_string(),
            operation: None,
            ca_id: None,
            event,
        })
    }

    /// Records how an order ended. An adapter onto [`Journal::write_outcome`], kept for the tests that
    /// write journals line by line.
    pub fn record_outcome(&self, attempt_id: &str, outcome: &Outcome) -> io::Result<()> {
        let order = Sending {
            kind: Kind::Order,
            subject: String::new(),
            region: String::new(),
            endpoint: String::new(),
            credential_source: String::new(),
            sandbox: false,
            request: None,
        };
        self.write_outcome(attempt_id, &order, outcome)
    }

    /// Checks the journal before anything is sent: refuses what [`Journal::record_sending`] would refuse (a
    /// symlink, FIFO, device, directory or socket at the path) and warns when other users can read the
    /// file. A missing file is fine (it is created 0600 on the first write). Errors name the path.
    pub fn check(&self) -> Result<Option<ReadableByOthers>, String> {
        let file = match open_existing(&self.path, false) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("journal {}: {e}", self.path.display())),
        };
        let mode = file
            .metadata()
            .map_err(|e| format!("journal {}: {e}", self.path.display()))?
            .permissions()
            .mode();
        Ok(readable_by_others(mode).then(|| ReadableByOthers {
            path: self.path.display().to_string(),
            mode: mode & 0o7777,
        }))
    }

    /// Records an activation line (`sending` before the request leaves, then its outcome), fsynced. An
    /// adapter onto [`Journal::write_sending`] (and the one line type), kept for the tests that write
    /// journals line by line.
    pub fn record_activation(
        &self,
        attempt_id: &str,
        ca_id: &str,
        event: ActivationEvent,
    ) -> io::Result<()> {
        let activation = |request| Sending {
            kind: Kind::Activate,
            subject: ca_id.to_string(),
            region: String::new(),
            endpoint: String::new(),
            credential_source: String::new(),
            sandbox: false,
            request,
        };
        let event = match event {
            ActivationEvent::Sending {
                region,
                endpoint,
                credential_source,
                sandbox,
                request,
            } => {
                let sending = Sending {
                    region,
                    endpoint,
                    credential_source,
                    sandbox,
                    ..activation(Some(request))
                };
                return self.write_sending(attempt_id, &sending);
            }
            ActivationEvent::Activated => Event::Activated,
            ActivationEvent::SubjectSaved { answered_ca_id } => {
                Event::SubjectSaved { answered_ca_id }
            }
            ActivationEvent::Imported => Event::Imported,
            ActivationEvent::Rejected {
                status,
                error_code,
                error_msg,
                request_id,
            } => Event::Rejected {
                status,
                error_code,
                error_msg,
                request_id,
            },
            ActivationEvent::Unknown { reason } => Event::Unknown { reason },
            ActivationEvent::NotSent { reason } => Event::NotSent { reason },
        };
        self.append(&activation(None).line(attempt_id, event))
    }

    /// Appends a sending line, which must be on disk before its request leaves. When that fails after the
    /// line may have reached the file — its write was cut short, or the fsync failed, after which the
    /// line can still be read from the file (the kernel's cache) or even reach the disk later — the
    /// request is not sent, and this appends `not_sent(reason)` for the same attempt (best effort, its
    /// own failure ignored: the caller reports the first), so `history` reads "not sent", never "no
    /// answer: check". Written after the sending line in the same file, it is read wherever that line is.
    fn append_then_or_else<T: Serialize, U: Serialize>(
        &self,
        line: &T,
        not_sent: impl FnOnce(String) -> U,
    ) -> io::Result<()> {
        match self.append_reporting(line) {
            Ok(()) => Ok(()),
            Err(Failed { error, touched }) => {
                if touched {
                    let reason = Reason::Journal {
                        path: self.path.display().to_string(),
                        detail: error.to_string(),
                    };
                    let _ = self.append(&not_sent(reason.to_string()));
                }
                Err(error)
            }
        }
    }

    /// Appends one line. A new file is created 0600 (its new directory 0700) and never through a symlink;
    /// an existing file must be a regular file, reached without following a symlink, and keeps its mode
    /// (pca-order changes no file it did not create). A torn last line gets its newline first, so this
    /// line stays whole. One `write` of the whole line, then fsync of the file (and of a new directory).
    fn append<T: Serialize>(&self, line: &T) -> io::Result<()> {
        self.append_reporting(line).map_err(|f| f.error)
    }

    /// [`Journal::append`], saying whether the failure came after the file was written to.
    fn append_reporting<T: Serialize>(&self, line: &T) -> Result<(), Failed> {
        let untouched = |error| Failed {
            error,
            touched: false,
        };
        let touched = |error| Failed {
            error,
            touched: true,
        };
        let mut text = serde_json::to_string(line)
            .map_err(io::Error::other)
            .map_err(untouched)?;
        text.push('\n');
        let dir = self.path.parent().filter(|d| !d.as_os_str().is_empty());
        let dir_created = match dir {
            Some(dir) if !dir.exists() => {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(untouched)?;
                true
            }
            _ => false,
        };
        let (mut file, created) = open_for_append(&self.path).map_err(untouched)?;
        if !created && !ends_with_newline(&file).map_err(untouched)? {
            text.insert(0, '\n');
        }
        file.write_all(text.as_bytes()).map_err(touched)?;
        sync(&file).map_err(touched)?;
        if (created || dir_created)
            && let Some(dir) = dir
        {
            // Make the new directory entry durable too; a failure here does not lose the line's data.
            let _ = fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// Reads every attempt back, pairing outcome lines with their sending line. A missing file is an
    /// empty history; damaged lines are counted, never fatal. One pass over the file, a line at a time
    /// (time and memory linear in its size: the file itself is never held whole).
    pub fn read(&self) -> io::Result<History> {
        let file = match open_existing(&self.path, false) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(History::default()),
            Err(e) => return Err(e),
        };
        let mut reader = io::BufReader::with_capacity(64 * 1024, file);
        let mut history = History::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut activation_index: HashMap<String, usize> = HashMap::new();
        let mut renewal_index: HashMap<String, usize> = HashMap::new();
        let mut lifecycle_index: HashMap<String, usize> = HashMap::new();
        let mut buf = Vec::new();
        let mut n = 0usize;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            n += 1;
            let raw = buf.strip_suffix(b"\n").unwrap_or(&buf);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let n = n - 1;
            // Invalid UTF-8, not JSON, cut short by a crash: skipped and counted, never fatal.
            let Ok(raw) = std::str::from_utf8(raw) else {
                history.unreadable_lines.push(n + 1);
                continue;
            };
            // One line type for every request; a line no attempt of its kind can hold is unreadable.
            let added = match serde_json::from_str::<Record>(raw) {
                Ok(line) if line.operation == Some(Operation::Renew) => {
                    history.add_renewal(&mut renewal_index, line)
                }
                Ok(line) if line.operation.and_then(LifecycleOperation::of).is_some() => {
                    history.add_lifecycle(&mut lifecycle_index, line)
                }
                Ok(line) if line.operation.is_some() => {
                    history.add_activation(&mut activation_index, line)
                }
                Ok(line) => history.add_order_line(&mut index, line),
                Err(_) => false,
            };
            if !added {
                history.unreadable_lines.push(n + 1);
            }
        }
        Ok(history)
    }
}

/// Flags for every open of the journal: the last path component is never followed through a symlink, and a
/// FIFO or device cannot block the open (its type is checked right after, before any read or write).
const OPEN_FLAGS: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;

/// Opens the journal for appending: created here (0600, `O_EXCL`, so never through a planted symlink) or an
/// existing regular file. Returns whether it was created.
fn open_for_append(path: &Path) -> io::Result<(fs::File, bool)> {
    match OpenOptions::new()
        .read(true)
        .append(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(OPEN_FLAGS)
        .open(path)
    {
        Ok(file) => Ok((file, true)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            open_existing(path, true).map(|f| (f, false))
        }
        Err(e) => Err(explain(path, e)),
    }
}

/// Opens an existing journal without following a symlink or blocking, and refuses anything but a regular
/// file; `NotFound` is passed through untouched for callers that treat it as "empty".
fn open_existing(path: &Path, write: bool) -> io::Result<fs::File> {
    let file = OpenOptions::new()
        .read(true)
        .append(write)
        .custom_flags(OPEN_FLAGS)
        .open(path)
        .map_err(|e| explain(path, e))?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(not_regular(kind_name(&kind)));
    }
    Ok(file)
}

/// Turns an open error caused by what sits at the path (a symlink, a directory, a socket) into a message
/// that says so; other errors are kept as they are.
fn explain(path: &Path, e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::NotFound {
        return e;
    }
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => not_regular(kind_name(&meta.file_type())),
        _ => e,
    }
}

fn not_regular(kind: &str) -> io::Error {
    io::Error::other(format!(
        "it is {kind}, not a regular file; pca-order keeps its journal only in a regular file of yours"
    ))
}

fn kind_name(kind: &fs::FileType) -> &'static str {
    if kind.is_symlink() {
        "a symbolic link (never followed for the journal)"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "an unusual kind of file"
    }
}

/// [`Journal::check`]'s warning: other users can read the journal (it holds order ids and requests). Data,
/// so the screen words it in the user's language (`Text::journal_readable`); `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadableByOthers {
    /// The journal's path, as the user gave or the default made it.
    pub path: String,
    /// The file's permission bits (`0o644`), shown so the user sees what is wrong.
    pub mode: u32,
}

impl ReadableByOthers {
    /// The mode as `ls -l` users and `chmod` read it: four octal digits (`0644`).
    pub fn mode_octal(&self) -> String {
        format!("{:04o}", self.mode)
    }
}

/// Whether group or other may read a file of this mode.
fn readable_by_others(mode: u32) -> bool {
    mode & 0o044 != 0
}

/// Whether the file is empty or ends with a newline (a crash or a full disk can leave a torn last line).
fn ends_with_newline(file: &fs::File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8; 1];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::OrderDraft;

    /// Runs `f` with every fsync on this thread failing, as a disk does with EIO or ENOSPC.
    fn with_failing_fsync<R>(f: impl FnOnce() -> R) -> R {
        FAIL_SYNC.with(|c| c.set(true));
        let r = f();
        FAIL_SYNC.with(|c| c.set(false));
        r
    }

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().expect("tmp");
        let j = Journal::new(dir.path().join("orders.jsonl"));
        (dir, j)
    }

    #[test]
    fn an_order_whose_sending_line_fails_its_fsync_reads_as_not_sent() {
        let (_dir, j) = journal();
        let line = SendingLine {
            attempt_id: "a-1".into(),
            region: "cn-north-4".into(),
            endpoint:
                "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/order"
                    .into(),
            credential_source: "env".into(),
            sandbox: false,
            request: OrderDraft::default().validate(None).expect("valid"),
        };
        let err = with_failing_fsync(|| j.record_sending(&line)).expect_err("fsync failed");
        assert!(err.to_string().contains("injected"), "{err}");
        let h = j.read().expect("read");
        assert_eq!(h.attempts.len(), 1, "{h:?}");
        let a = &h.attempts[0];
        assert!(a.sending.is_some(), "the written line can be read back");
        let Some(Event::NotSent { reason }) = &a.outcome else {
            panic!("expected not sent, got {:?}", a.outcome)
        };
        assert!(reason.contains("nothing was sent"), "{reason}");
        let t = crate::tui::text::Lang::En.text();
        let table = crate::cli::history_table(&h.attempts, t);
        assert!(table.contains(t.history_not_sent), "{table}");
        assert!(!table.contains(t.history_no_answer), "{table}");
    }

    #[test]
    fn a_pay_whose_sending_line_fails_its_fsync_reads_as_not_sent() {
        let (_dir, j) = journal();
        let line = ActionLine {
            attempt_id: "p-1".into(),
            kind: ActionKind::Pay,
            order_id: "CS1803192259ROA8U".into(),
            region: "cn-north-4".into(),
            endpoint: "https://bss.myhuaweicloud.com/v3/orders/customer-orders/pay".into(),
            credential_source: "env".into(),
            sandbox: false,
        };
        with_failing_fsync(|| j.record_action_sending(&line)).expect_err("fsync failed");
        let h = j.read().expect("read");
        let a = &h.attempts[0];
        assert!(a.action.is_some());
        assert!(
            matches!(&a.outcome, Some(Event::NotSent { reason }) if reason.contains("nothing was sent")),
            "{:?}",
            a.outcome
        );
    }

    #[test]
    fn an_activation_whose_sending_line_fails_its_fsync_reads_as_not_sent() {
        let (_dir, j) = journal();
        let sending = ActivationEvent::Sending {
            region: "cn-north-4".into(),
            endpoint: "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/x/activate".into(),
            credential_source: "env".into(),
            sandbox: false,
            request: serde_json::json!({"type": "ROOT"}),
        };
        with_failing_fsync(|| j.record_activation("v-1", "ca-1", sending)).expect_err("failed");
        let h = j.read().expect("read");
        let a = &h.activations[0];
        assert!(a.sending.is_some());
        assert!(
            matches!(&a.outcome, Some(ActivationEvent::NotSent { reason }) if reason.contains("nothing was sent")),
            "{:?}",
            a.outcome
        );
        // An outcome line failing its fsync is only reported: no second outcome is invented for it.
        with_failing_fsync(|| j.record_activation("v-1", "ca-1", ActivationEvent::Activated))
            .expect_err("failed");
        let lines = std::fs::read_to_string(j.path()).expect("read");
        assert_eq!(lines.lines().count(), 3, "{lines}");
    }

    #[test]
    fn a_sending_line_that_never_reached_the_file_gets_no_not_sent_line() {
        // The journal's path is a directory: the open fails, nothing was written, nothing is added.
        let dir = tempfile::tempdir().expect("tmp");
        let j = Journal::new(dir.path().to_path_buf());
        let line = ActionLine {
            attempt_id: "p-2".into(),
            kind: ActionKind::Cancel,
            order_id: "CS1".into(),
            region: "cn-north-4".into(),
            endpoint: "https://bss.myhuaweicloud.com/x".into(),
            credential_source: "env".into(),
            sandbox: false,
        };
        j.record_action_sending(&line).expect_err("a directory");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    /// A lifecycle attempt holds only auto-renew or unsubscribe, and writes its operation exactly as
    /// the line's own `Operation` (so `history --output json` and the goldens stay byte-identical).
    #[test]
    fn a_lifecycle_operation_is_only_auto_renew_or_unsubscribe_and_reads_as_the_line_wrote_it() {
        let all = [
            Operation::Activate,
            Operation::SaveSubject,
            Operation::Import,
            Operation::Renew,
            Operation::AutoRenew,
            Operation::Unsubscribe,
        ];
        for op in all {
            let lc = LifecycleOperation::of(op);
            assert_eq!(
                lc.is_some(),
                matches!(op, Operation::AutoRenew | Operation::Unsubscribe),
                "{op:?}"
            );
            if let Some(lc) = lc {
                assert_eq!(serde_json::to_value(lc).ok(), serde_json::to_value(op).ok());
                assert_eq!(format!("{lc:?}"), format!("{op:?}"));
            }
        }
    }
}

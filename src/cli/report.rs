//! What the command line prints at the end of a command: one report type per outcome, each able to
//! render itself as text (for people) and as one JSON document (for `--output json`), so the two outputs
//! are produced from the same value and cannot say different things.

use serde_json::{Value, json};

use super::args::Output;
use super::format::{
    activations_table, cas_table, currency_of, currency_places, describe_ca, history_table, money,
    next_steps, price_line, rows, sandbox_flags,
};
use super::io::Io;
use crate::activation::{CaInfo, CaStatus};
use crate::api::ApiError;
use crate::api::error::{CallError, Outcome};
use crate::billing::{OrderDetails, OrderResource, OrderStatus, Price};
use crate::journal::{ActionKind, ActivationAttempt, Attempt};
use crate::order::OrderRequest;
use crate::text::{Lang, ResourceStatus, Text};

/// A finished command's report: its JSON document, its text, and where the text goes.
pub trait Report {
    /// The one JSON document printed on stdout with `--output json`; keys are never translated.
    fn json(&self) -> Value;
    /// The text printed for people, one line per `\n`.
    fn text(&self) -> String;
    /// Whether the text goes to stderr (a failure) rather than stdout (a result a script may read).
    fn to_stderr(&self) -> bool;
}

/// Prints a report in the chosen format: JSON always on stdout (its encoding escapes control
/// characters), text on stdout or stderr with nothing left that could steer a terminal.
pub fn emit(report: &dyn Report, out: Output) {
    emit_to(&mut Io::process(), report, out);
}

/// [`emit`] through `io`.
pub fn emit_to(io: &mut Io, report: &dyn Report, out: Output) {
    match out {
        Output::Json => io.line(crate::sanitize::json_terminal(&report.json().to_string())),
        Output::Text if report.to_stderr() => {
            io.err_text(crate::sanitize::terminal(&report.text()))
        }
        Output::Text => io.text(crate::sanitize::terminal(&report.text())),
    }
}

/// Money in a JSON document: a decimal string with the places its currency uses (`"64800.00"`), never
/// a float; the currency is its own member beside it (`currency`).
pub fn money_json(a: &crate::billing::Amount, currency: &str) -> Value {
    json!(a.fixed(currency_places(currency)))
}

/// A time in a JSON document: RFC 3339 in UTC (`"2026-12-07T03:28:58Z"`), whatever offset the server
/// used; a time that is not RFC 3339 is null (the text output still shows it as sent).
pub fn time_json(text: Option<&str>) -> Value {
    use time::format_description::well_known::Rfc3339;
    text.and_then(|t| time::OffsetDateTime::parse(t.trim(), &Rfc3339).ok())
        .and_then(|t| t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok())
        .map_or(Value::Null, Value::String)
}

/// A CCM time (milliseconds since the epoch) in a JSON document: RFC 3339 in UTC, as every time is.
pub fn millis_json(ms: Option<i64>) -> Value {
    use time::format_description::well_known::Rfc3339;
    ms.and_then(|ms| {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
    })
    .and_then(|t| t.format(&Rfc3339).ok())
    .map_or(Value::Null, Value::String)
}

/// One CA in a JSON document: the same object in `ca`, `cas` and `activate` (times in RFC 3339 UTC).
pub fn ca_json(c: &CaInfo) -> Value {
    json!({
        "ca_id": c.ca_id,
        "type": c.ca_type,
        "status": c.status.as_str(),
        "subject": c.subject,
        "key_algorithm": c.key_algorithm,
        "signature_algorithm": c.signature_algorithm,
        "issuer_id": c.issuer_id,
        "path_length": c.path_length,
        "serial_number": c.serial_number,
        "create_time": millis_json(c.create_time),
        "not_before": millis_json(c.not_before),
        "not_after": millis_json(c.not_after),
    })
}

/// Prints a JSON document already built (one that joins two reports, e.g. an order and its follow) as
/// the command's one document on stdout.
pub fn emit_value(doc: &Value) {
    emit_value_to(&mut Io::process(), doc);
}

/// [`emit_value`] through `io`.
pub fn emit_value_to(io: &mut Io, doc: &Value) {
    io.line(doc);
}

/// A command that failed before reaching an outcome (usage, configuration, journal): its exit code and
/// the message naming what to fix.
pub struct ErrorReport<'a> {
    /// The DESIGN.md exit code the command ends with.
    pub code: i32,
    /// What went wrong and, where there is one, what to do: in English, for the JSON.
    pub message: &'a str,
    /// The same in the user's language, for the text.
    pub words: &'a str,
}

impl Report for ErrorReport<'_> {
    fn json(&self) -> Value {
        json!({"outcome": "error", "exit_code": self.code, "message": self.message})
    }
    fn text(&self) -> String {
        format!("pca-order: {}\n", self.words)
    }
    fn to_stderr(&self) -> bool {
        true
    }
}

/// What to do after a failed order, by outcome class, written for the command line: the wizard's
/// advice (so the two never differ in substance), except where that names a wizard key.
pub fn advice(outcome: &Outcome) -> &'static str {
    advice_in(outcome, Lang::En.text())
}

/// The end of `order`: the outcome of the one request sent, with what the user needs to act on it.
pub struct OrderReport<'a> {
    /// What became of the order.
    pub outcome: &'a Outcome,
    /// The request that was sent (for the text's "Ordered 2 private CAs for 1 month").
    pub request: &'a OrderRequest,
    /// Sent to a sandbox: nothing real was bought, and every output says so.
    pub sandbox: bool,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text (the JSON stays English: it is for machines).
    pub t: &'static Text,
}

/// What to do after a failed order, in the given language (see [`advice`]).
fn advice_in(outcome: &Outcome, t: &Text) -> &'static str {
    match outcome {
        Outcome::Rejected(ApiError { status: 400, .. }) => t.advice_400_cli,
        _ => crate::advice::advice(outcome, t),
    }
}

impl Report for OrderReport<'_> {
    fn json(&self) -> Value {
        let (sandbox, journal) = (self.sandbox, &self.journal);
        match self.outcome {
            Outcome::Done(c) => json!({"outcome": "created", "order_id": c.order_id,
                "ca_ids": c.ca_ids, "auto_pay": self.request.auto_pay(), "sandbox": sandbox,
                "journal": journal}),
            Outcome::Rejected(e) => json!({"outcome": "rejected", "status": e.status,
                "error_code": e.code, "error_msg": e.message, "request_id": e.request_id,
                "advice": advice(self.outcome), "sandbox": sandbox, "journal": journal}),
            Outcome::Unknown(r) => json!({"outcome": "unknown", "reason": r.to_string(),
                "advice": advice(self.outcome), "sandbox": sandbox, "journal": journal}),
            Outcome::NotSent(r) => json!({"outcome": "not_sent", "reason": r.to_string(),
                "advice": advice(self.outcome), "sandbox": sandbox, "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let (t, journal) = (self.t, self.journal.clone());
        let note = if self.sandbox { t.cli_sandbox_note } else { "" };
        let advice = format!("{}{}\n", t.cli_what_to_do, advice_in(self.outcome, t));
        match self.outcome {
            Outcome::Done(c) => {
                let req = self.request;
                let mut rows = vec![(t.cli_order_id, c.order_id.clone())];
                for (i, id) in c.ca_ids.iter().enumerate() {
                    rows.push((if i == 0 { t.ca_ids } else { "" }, id.clone()));
                }
                rows.push((t.cli_journal, journal));
                let mut s = format!(
                    "{note}{}\n{}",
                    t.cli_ordered(req.subscription_num, req.period_num, req.period_unit()),
                    super::format::rows(&rows)
                );
                for l in next_steps(req, &c.order_id, self.sandbox, t) {
                    s.push_str(&format!("{}{l}\n", t.cli_next));
                }
                s
            }
            Outcome::Rejected(e) => {
                let rows = [
                    (t.cli_status, format!("HTTP {}", e.status)),
                    (t.cli_error_code, e.code.clone()),
                    (t.cli_message, e.message.clone()),
                    (
                        t.cli_request_id,
                        e.request_id.clone().unwrap_or_else(|| t.cli_none.into()),
                    ),
                    (t.cli_journal, journal),
                ];
                format!(
                    "{note}{}\n{}{advice}",
                    crate::advice::rejected_title(e, t),
                    super::format::rows(&rows)
                )
            }
            Outcome::Unknown(r) => format!(
                "{note}{}{}\n{}{advice}",
                t.cli_unknown,
                t.reason_sentence(r),
                rows(&[(t.cli_journal, journal)])
            ),
            Outcome::NotSent(r) => {
                format!("{note}{}{}\n{advice}", t.cli_not_sent, t.reason_sentence(r))
            }
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(_))
    }
}

/// `order --dry-run` and `activate --dry-run`: the exact request that would be sent (secrets
/// redacted), and nothing sent.
pub struct DryRunReport {
    /// HTTP method of the request.
    pub method: String,
    /// Full URL the request would go to.
    pub url: String,
    /// Headers as sent, with every secret replaced.
    pub headers: Vec<(String, String)>,
    /// The wire body as JSON (for `--output json`).
    pub body: Value,
    /// The wire body exactly as it would be sent (for the text).
    pub body_text: String,
    /// Where the credentials came from, and the text's "kind from source" line (the order shows
    /// them; the activation does not).
    pub credentials: Option<(String, String)>,
    /// Aimed at a sandbox: nothing real would change.
    pub sandbox: bool,
    /// The language of the text's comment lines (the request itself is never translated).
    pub t: &'static Text,
}

impl Report for DryRunReport {
    fn json(&self) -> Value {
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        let mut v = json!({
            "outcome": "dry_run",
            "method": self.method,
            "url": self.url,
            "headers": headers,
            "body": self.body,
        });
        if let Some((source, _)) = &self.credentials {
            v["credential_source"] = json!(source);
        }
        v["sandbox"] = json!(self.sandbox);
        v
    }

    fn text(&self) -> String {
        let t = self.t;
        let mut s = format!(
            "{}{}\n",
            t.cli_dry_run,
            if self.sandbox {
                t.cli_dry_run_sandbox
            } else {
                ""
            }
        );
        if let Some((_, line)) = &self.credentials {
            s.push_str(&format!("{}{line}\n", t.cli_dry_run_credentials));
        }
        s.push_str(&format!("{} {}\n", self.method, self.url));
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push('\n');
        s.push_str(&self.body_text);
        s.push('\n');
        s
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// The end of `pay` or `cancel`: the outcome of the one request sent for an order.
pub struct ActionReport<'a> {
    /// What became of the request.
    pub outcome: &'a Outcome<()>,
    /// Pay or cancel.
    pub kind: ActionKind,
    /// The order acted on.
    pub order_id: &'a str,
    /// Sent to a sandbox: nothing real was paid, and every output says so.
    pub sandbox: bool,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text (the JSON stays English: it is for machines).
    pub t: &'a Text,
}

impl Report for ActionReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let flags = sandbox_flags(self.sandbox);
        let mut v = match self.outcome {
            Outcome::Done(()) => json!({"outcome": "done"}),
            Outcome::Rejected(e) => json!({"outcome": "rejected", "status": e.status,
                "error_code": e.code, "error_msg": e.message, "request_id": e.request_id,
                "advice": en.bill_rejected_advice(self.order_id, flags)}),
            Outcome::Unknown(r) => {
                json!({"outcome": "unknown", "reason": r.to_string(),
                    "advice": en.bill_unknown_advice(self.order_id, flags)})
            }
            Outcome::NotSent(r) => {
                json!({"outcome": "not_sent", "reason": r.to_string(), "advice": en.bill_not_sent_advice})
            }
        };
        v["action"] = json!(self.kind.word());
        v["order_id"] = json!(self.order_id);
        v["sandbox"] = json!(self.sandbox);
        v["journal"] = json!(self.journal);
        v
    }

    fn text(&self) -> String {
        let (t, order_id, kind) = (self.t, self.order_id, self.kind);
        let journal = rows(&[(t.cli_journal, self.journal.clone())]);
        let note = if self.sandbox {
            t.bill_sandbox_paid
        } else {
            ""
        };
        let advice = |a: &str| format!("{}{a}\n", t.cli_what_to_do);
        let flags = sandbox_flags(self.sandbox);
        match self.outcome {
            Outcome::Done(()) => {
                let mut s = format!("{note}{}\n{journal}", t.bill_done(kind, order_id));
                if kind == ActionKind::Pay {
                    s.push_str(&format!("{}\n", t.bill_next_status(order_id, flags)));
                }
                s
            }
            Outcome::Rejected(e) => format!(
                "{note}{}\n{journal}{}",
                t.bill_refused(kind, order_id, &t.call_error(&CallError::Api(e.clone()))),
                advice(&t.bill_rejected_advice(order_id, flags))
            ),
            Outcome::Unknown(r) => format!(
                "{note}{}\n{journal}{}",
                t.bill_unknown(kind, order_id, &t.reason_sentence(r)),
                advice(&t.bill_unknown_advice(order_id, flags))
            ),
            Outcome::NotSent(r) => format!(
                "{note}{}\n{}",
                t.bill_not_sent(kind, order_id, &t.reason_sentence(r)),
                advice(t.bill_not_sent_advice)
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(()))
    }
}

/// The end of `price`: what the order would cost, for the flags given.
pub struct PriceReport<'a> {
    /// The price BSS quoted.
    pub price: &'a Price,
    /// The order priced (the text says what it buys in the user's language).
    pub request: &'a OrderRequest,
    /// A sandbox answered: its price list is made up, and every output says so.
    pub sandbox: bool,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for PriceReport<'_> {
    fn json(&self) -> Value {
        let p = self.price;
        let cur = p.currency.as_str();
        json!({
            "outcome": "price",
            "what": p.what,
            "list_price": money_json(&p.list, cur),
            "discount": p.discount.as_ref().map(|d| json!({
                "amount": money_json(&d.amount, cur),
                "discount_amount": money_json(&d.discount_amount, cur),
                "name": d.name,
                "discount_type": d.discount_type,
            })),
            "amount": money_json(&p.to_pay, cur),
            "currency": p.currency,
            "measure_id": p.measure_id,
            "sandbox": self.sandbox,
        })
    }

    fn text(&self) -> String {
        let t = self.t;
        let pretend = if self.sandbox { t.bill_pretend } else { "" };
        format!(
            "{}{pretend}: {}\n",
            t.bill_price_title,
            price_line(self.price, self.request, t)
        )
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// One CA an order bought, as `status` shows it: BSS's record of the resource, and the CA's own status
/// read from CCM (or why it could not be read).
pub struct OrderCa {
    /// BSS's record: the CA id and its billing status.
    pub resource: OrderResource,
    /// The CA's status in CCM (`show CA`), or why reading it failed.
    pub ca: Result<CaStatus, CallError>,
}

/// The end of `status` (and of `--wait` once the order settles): the order and the CAs it bought.
pub struct StatusReport<'a> {
    /// The order as BSS reports it.
    pub details: OrderDetails,
    /// The CAs the order bought (empty when BSS lists none or could not be read).
    pub cas: Vec<OrderCa>,
    /// A sandbox answered: nothing real was bought.
    pub sandbox: bool,
    /// With `--wait`: how long the wait took, in seconds.
    pub waited: Option<u64>,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for StatusReport<'_> {
    fn json(&self) -> Value {
        let d = &self.details;
        let cur = currency_of(d);
        let mut v = json!({
            "outcome": "status",
            "order_id": d.order_id,
            "status": d.status.code(),
            "status_name": d.status.name(),
            "order_type": d.order_type,
            "amount": d.amount_after_discount.as_ref().map(|a| money_json(a, &cur)),
            "list_price": d.official_amount.as_ref().map(|a| money_json(a, &cur)),
            "currency": cur,
            "create_time": time_json(d.create_time.as_deref()),
            "payment_time": time_json(d.payment_time.as_deref()),
            "pending_payment_end_time": time_json(d.pending_payment_end_time.as_deref()),
            "cas": self.cas.iter().map(|c| {
                let r = &c.resource;
                let (ca_status, ca_error) = match &c.ca {
                    Ok(s) => (Some(s.as_str().to_string()), None),
                    Err(e) => (None, Some(Lang::En.text().call_error(e))),
                };
                json!({
                    "ca_id": r.resource_id, "status": r.status,
                    "status_name": crate::billing::resource_status_name(r.status),
                    "effective_time": time_json(r.effective_time.as_deref()),
                    "expire_time": time_json(r.expire_time.as_deref()),
                    "ca_status": ca_status, "ca_status_error": ca_error,
                })
            }).collect::<Vec<_>>(),
            "sandbox": self.sandbox,
        });
        if let Some(w) = self.waited {
            v["waited_s"] = json!(w);
        }
        v
    }

    fn text(&self) -> String {
        let (t, d) = (self.t, &self.details);
        let cur = currency_of(d);
        let status = t.order_status(d.status);
        let mut s = format!(
            "{}\n",
            t.bill_order_line(&d.order_id, self.sandbox, &status, d.status.code())
        );
        let mut r = Vec::new();
        if let Some(a) = &d.amount_after_discount {
            r.push((t.bill_amount, money(a, &cur)));
        }
        if let Some(a) = &d.official_amount {
            r.push((t.bill_list_price, money(a, &cur)));
        }
        for (label, time) in [
            (t.bill_created, &d.create_time),
            (t.bill_paid, &d.payment_time),
            (t.bill_pay_before, &d.pending_payment_end_time),
        ] {
            if let Some(time) = time {
                r.push((label, time.clone()));
            }
        }
        s.push_str(&rows(&r));
        for c in &self.cas {
            let id = &c.resource.resource_id;
            let billing = t.resource_status(ResourceStatus(c.resource.status));
            let line = match &c.ca {
                Ok(ca) => t.bill_ca_line(id, &billing, ca.as_str()),
                Err(e) => t.bill_ca_unread(id, &billing, &t.call_error(e)),
            };
            s.push_str(&format!("  {line}\n"));
        }
        s
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// `--wait` ended before the order settled (its time limit, or the user left with a signal): the order
/// goes on without us (exit 4).
pub struct WaitLimitReport<'a> {
    /// The order followed, so the user can check it later.
    pub order_id: &'a str,
    /// The last status read, if any read succeeded.
    pub last: Option<OrderStatus>,
    /// The user left (a signal) rather than the limit ending the wait.
    pub left: bool,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for WaitLimitReport<'_> {
    fn json(&self) -> Value {
        let last = self.last;
        let en = Lang::En.text();
        let (outcome, message) = if self.left {
            ("wait_left", en.bill_wait_left(self.order_id))
        } else {
            ("wait_limit", en.bill_wait_limit(self.order_id))
        };
        json!({"outcome": outcome, "order_id": self.order_id,
            "status": last.map(OrderStatus::code), "status_name": last.map(OrderStatus::name),
            "message": message, "exit_code": crate::exit::UNKNOWN})
    }

    fn text(&self) -> String {
        let t = self.t;
        let seen = self
            .last
            .map(|s| t.bill_last_seen(&t.order_status(s), s.code()))
            .unwrap_or_default();
        let message = if self.left {
            t.bill_wait_left(self.order_id)
        } else {
            t.bill_wait_limit(self.order_id)
        };
        format!("pca-order: {message}{seen}\n")
    }

    fn to_stderr(&self) -> bool {
        true
    }
}

/// The end of `cas`: the account's CAs (filtered as asked), as a table or one JSON document.
pub struct CasReport<'a> {
    /// The CAs as CCM listed them (already filtered by --status/--type).
    pub cas: &'a [CaInfo],
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for CasReport<'_> {
    fn json(&self) -> Value {
        let cas: Vec<Value> = self.cas.iter().map(ca_json).collect();
        json!({"outcome": "list", "total": self.cas.len(), "certificate_authorities": cas})
    }

    fn text(&self) -> String {
        if self.cas.is_empty() {
            format!("{}\n", self.t.cas_none)
        } else {
            cas_table(self.cas, self.t)
        }
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// The end of `ca`: one CA as CCM reports it.
pub struct CaReport<'a> {
    /// The CA as CCM reports it.
    pub ca: &'a CaInfo,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for CaReport<'_> {
    fn json(&self) -> Value {
        let mut v = ca_json(self.ca);
        v["outcome"] = json!("ca");
        v
    }

    fn text(&self) -> String {
        describe_ca(self.ca, self.t)
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// How an `activate` ended: the outcome of the one request sent, and for a 204 what reading the CA
/// back showed (only ACTIVED is success).
pub enum ActivateEnd<'a> {
    /// The request was refused, not sent, or has no known outcome.
    Failed {
        /// What became of the request (never `Done`).
        outcome: &'a Outcome<()>,
        /// The CA the request was for.
        ca_id: &'a str,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted, and the CA reads ACTIVED.
    Activated {
        /// The CA as read back.
        ca: &'a CaInfo,
        /// Sent to a sandbox: nothing real was activated.
        sandbox: bool,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the CA read back in another status: the outcome is unknown.
    NotActive {
        /// The CA as read back.
        ca: &'a CaInfo,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the read-back is another CA than the one activated (a server that answers
    /// for the wrong CA): what was read is shown, and the outcome is unknown.
    OtherCa {
        /// The CA the request was for.
        ca_id: &'a str,
        /// The CA the read-back returned.
        ca: &'a CaInfo,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the CA could not be read back: the outcome is unknown.
    Unreadable {
        /// The CA the request was for.
        ca_id: &'a str,
        /// Why reading it back failed.
        error: CallError,
        /// Where the attempt is journaled.
        journal: String,
    },
}

/// The end of `activate`, in the user's language for the text (the JSON stays English).
pub struct ActivateReport<'a> {
    /// How the activation ended.
    pub end: ActivateEnd<'a>,
    /// The language of the text.
    pub t: &'a Text,
}

impl ActivateReport<'_> {
    /// DESIGN.md's exit code: 0 only for a CA that reads ACTIVED; a 204 that cannot be confirmed is
    /// unknown (4).
    pub fn exit_code(&self) -> i32 {
        match &self.end {
            ActivateEnd::Failed { outcome, .. } => outcome.exit_code(),
            ActivateEnd::Activated { .. } => crate::exit::ORDERED,
            ActivateEnd::NotActive { .. }
            | ActivateEnd::OtherCa { .. }
            | ActivateEnd::Unreadable { .. } => crate::exit::UNKNOWN,
        }
    }
}

impl Report for ActivateReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        match &self.end {
            ActivateEnd::Failed {
                outcome,
                ca_id,
                journal,
            } => match outcome {
                Outcome::Rejected(e) => json!({"outcome": "rejected", "ca_id": ca_id,
                    "status": e.status, "error_code": e.code, "error_msg": e.message,
                    "request_id": e.request_id, "advice": en.act_cli_fix_and_retry,
                    "journal": journal}),
                Outcome::Unknown(r) => {
                    json!({"outcome": "unknown", "ca_id": ca_id, "reason": r.to_string(),
                    "advice": en.act_cli_unknown_advice(ca_id), "journal": journal})
                }
                Outcome::NotSent(r) => {
                    json!({"outcome": "not_sent", "ca_id": ca_id, "reason": r.to_string(),
                        "advice": en.act_cli_safe_retry, "journal": journal})
                }
                Outcome::Done(()) => json!({"outcome": "done", "ca_id": ca_id, "journal": journal}),
            },
            ActivateEnd::Activated {
                ca,
                sandbox,
                journal,
            } => json!({"outcome": "activated", "ca_id": ca.ca_id, "ca": ca_json(ca),
                "sandbox": sandbox, "journal": journal}),
            ActivateEnd::NotActive { ca, journal } => json!({"outcome": "unknown",
                "ca_id": ca.ca_id, "ca": ca_json(ca),
                "reason": "accepted (204) but the CA does not read ACTIVED",
                "advice": en.act_cli_unknown_advice(&ca.ca_id), "journal": journal}),
            ActivateEnd::OtherCa { ca_id, ca, journal } => json!({"outcome": "unknown",
                "ca_id": ca_id, "read_back": ca_json(ca),
                "reason": "accepted (204) but reading the CA back returned another CA",
                "advice": en.act_cli_unknown_advice(ca_id), "journal": journal}),
            ActivateEnd::Unreadable {
                ca_id,
                error,
                journal,
            } => json!({"outcome": "unknown", "ca_id": ca_id,
                "reason": format!("accepted (204) but the CA could not be read back: {}", en.call_error(error)),
                "advice": en.act_cli_unknown_advice(ca_id), "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let t = self.t;
        let journal = |j: &str| rows(&[(t.cli_journal, j.to_string())]);
        let advice =
            |ca_id: &str| format!("{}{}\n", t.cli_what_to_do, t.act_cli_unknown_advice(ca_id));
        match &self.end {
            ActivateEnd::Failed {
                outcome,
                ca_id,
                journal: j,
            } => match outcome {
                Outcome::Rejected(e) => format!(
                    "{}\n{}{}\n",
                    t.act_cli_refused(e.status, &e.code, &e.message, e.request_id.as_deref()),
                    journal(j),
                    t.act_cli_fix_and_retry
                ),
                Outcome::Unknown(r) => format!(
                    "{}\n{}{}",
                    t.act_cli_unknown(&t.reason_sentence(r)),
                    journal(j),
                    advice(ca_id)
                ),
                Outcome::NotSent(r) => format!(
                    "{}\n{}\n",
                    t.act_cli_not_sent(&t.reason_sentence(r)),
                    t.act_cli_safe_retry
                ),
                Outcome::Done(()) => format!("{}\n", t.act_cli_accepted(ca_id)),
            },
            ActivateEnd::Activated {
                ca,
                sandbox,
                journal: j,
            } => format!(
                "{}{}\n{}{}",
                if *sandbox { t.act_cli_sandbox_note } else { "" },
                t.act_cli_activated(&ca.ca_id),
                describe_ca(ca, t),
                journal(j)
            ),
            ActivateEnd::NotActive { ca, .. } => format!(
                "{}\n{}",
                t.act_cli_not_active(&ca.ca_id, ca.status.as_str()),
                advice(&ca.ca_id)
            ),
            ActivateEnd::OtherCa { ca_id, ca, .. } => format!(
                "{}\n{}{}",
                t.act_cli_other_ca(ca_id, &ca.ca_id, ca.status.as_str()),
                describe_ca(ca, t),
                advice(ca_id)
            ),
            ActivateEnd::Unreadable { ca_id, error, .. } => format!(
                "{}\n{}",
                t.act_cli_unreadable(&t.call_error(error)),
                advice(ca_id)
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.end, ActivateEnd::Activated { .. })
    }
}

/// The end of `history`: the journal's attempts (real ones, or pretend ones with `--sandbox`), its
/// activations, and what was left out (pretend attempts counted, damaged lines skipped).
pub struct HistoryReport<'a> {
    /// The journal's path, so the user knows which file was read.
    pub journal: String,
    /// Order, pay and cancel attempts listed, oldest first.
    pub attempts: &'a [Attempt],
    /// Activation attempts listed, oldest first.
    pub activations: &'a [ActivationAttempt],
    /// Line numbers that could not be read (the text's warning about them goes to stderr on its own).
    pub unreadable_lines: &'a [usize],
    /// Pretend attempts in this journal, counted and not listed.
    pub pretend_count: usize,
    /// Attempts in the sandbox journal, named when the real one is empty.
    pub sandbox_elsewhere: usize,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for HistoryReport<'_> {
    fn json(&self) -> Value {
        json!({"outcome": "history", "journal": self.journal, "attempts": self.attempts,
            "activations": self.activations,
            "damaged_lines": self.unreadable_lines.len(), "unreadable_lines": self.unreadable_lines,
            "sandbox_attempts_not_listed": self.pretend_count + self.sandbox_elsewhere})
    }

    fn text(&self) -> String {
        let t = self.t;
        let mut s = if self.attempts.is_empty() {
            format!("{}\n", t.history_empty(&self.journal))
        } else {
            format!(
                "{}{}: {}\n",
                history_table(self.attempts, t),
                t.cli_journal,
                self.journal
            )
        };
        if self.pretend_count > 0 {
            s.push_str(&format!("{}\n", t.history_pretend(self.pretend_count)));
        }
        if self.sandbox_elsewhere > 0 {
            s.push_str(&format!(
                "{}\n",
                t.history_sandbox_elsewhere(self.sandbox_elsewhere)
            ));
        }
        if !self.activations.is_empty() {
            s.push_str(&activations_table(self.activations, t));
        }
        s
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Created, Reason};
    use crate::order::OrderDraft;

    fn request() -> OrderRequest {
        OrderDraft::default()
            .validate(None)
            .expect("the default draft is valid")
    }

    fn rejected() -> ApiError {
        ApiError {
            status: 403,
            code: "PCA.403".into(),
            message: "no permission".into(),
            request_id: Some("req-9".into()),
        }
    }

    /// Text and JSON come from one value: every fact the JSON reports for an order is in the text too,
    /// and a failure goes to stderr.
    #[test]
    fn an_order_report_says_the_same_in_text_and_json() {
        let req = request();
        let outcomes = [
            Outcome::Done(Created {
                order_id: "ord-1".into(),
                ca_ids: vec!["ca-1".into(), "ca-2".into()],
            }),
            Outcome::Rejected(rejected()),
            Outcome::Unknown(Reason::Timeout {
                host: "pca.example".into(),
                detail: "timed out after sending".into(),
            }),
            Outcome::NotSent(Reason::Connect {
                host: "pca.example".into(),
                detail: "connection refused".into(),
            }),
        ];
        for outcome in &outcomes {
            let report = OrderReport {
                outcome,
                request: &req,
                sandbox: true,
                journal: "/tmp/j.jsonl".into(),
                t: Lang::En.text(),
            };
            let (json, text) = (report.json(), report.text());
            assert_eq!(json["sandbox"], true);
            assert!(text.starts_with("SANDBOX"), "{text}");
            for key in ["order_id", "error_code", "request_id", "reason", "advice"] {
                if let Some(v) = json[key].as_str() {
                    assert!(
                        text.contains(v),
                        "{key} {v:?} missing from the text:\n{text}"
                    );
                }
            }
            if let Some(ids) = json["ca_ids"].as_array() {
                for id in ids {
                    assert!(text.contains(id.as_str().unwrap_or("?")), "{text}");
                }
            }
            if outcome.exit_code() != crate::exit::NOT_SENT {
                assert!(text.contains("/tmp/j.jsonl"), "{text}");
            }
            assert_eq!(report.to_stderr(), !matches!(outcome, Outcome::Done(_)));
        }
    }

    /// Pay and cancel: the same four outcomes, the same rule.
    #[test]
    fn an_action_report_says_the_same_in_text_and_json() {
        let outcomes = [
            Outcome::Done(()),
            Outcome::Rejected(rejected()),
            Outcome::Unknown(Reason::ConnectionLost {
                host: "pca.example".into(),
                detail: "reset".into(),
            }),
            Outcome::NotSent(Reason::Connect {
                host: "pca.example".into(),
                detail: "refused".into(),
            }),
        ];
        for outcome in &outcomes {
            let report = ActionReport {
                outcome,
                kind: ActionKind::Pay,
                order_id: "ord-7",
                sandbox: false,
                journal: "/tmp/j.jsonl".into(),
                t: Lang::En.text(),
            };
            let (json, text) = (report.json(), report.text());
            assert_eq!(json["order_id"], "ord-7");
            assert!(text.contains("ord-7"), "{text}");
            for key in ["error_code", "reason", "advice"] {
                if let Some(v) = json[key].as_str() {
                    assert!(
                        text.contains(v),
                        "{key} {v:?} missing from the text:\n{text}"
                    );
                }
            }
            assert_eq!(report.to_stderr(), !matches!(outcome, Outcome::Done(())));
        }
    }

    /// `status`: a CA whose own status cannot be read from CCM says why beside its id, and the order's
    /// status still prints (text and JSON).
    #[test]
    fn a_status_report_keeps_the_order_when_a_ca_cannot_be_read() {
        let details = OrderDetails {
            order_id: "CS1".into(),
            status: OrderStatus::from_code(5),
            order_type: Some(1),
            amount_after_discount: None,
            official_amount: None,
            currency: "CNY".into(),
            create_time: None,
            payment_time: None,
            pending_payment_end_time: None,
        };
        let resource = |id: &str| OrderResource {
            resource_id: id.into(),
            status: Some(2),
            region_code: "cn-north-4".into(),
            effective_time: None,
            expire_time: None,
        };
        for lang in Lang::ALL {
            let report = StatusReport {
                details: details.clone(),
                cas: vec![
                    OrderCa {
                        resource: resource("ca-ok"),
                        ca: Ok(CaStatus::Actived),
                    },
                    OrderCa {
                        resource: resource("ca-hidden"),
                        ca: Err(CallError::Api(rejected())),
                    },
                ],
                sandbox: false,
                waited: None,
                t: lang.text(),
            };
            let text = report.text();
            assert!(text.contains("CS1") && text.contains('5'), "{text}");
            let line = |id: &str| text.lines().find(|l| l.contains(id)).unwrap_or("");
            assert!(line("ca-ok").contains("ACTIVED"), "{text}");
            assert!(line("ca-hidden").contains("PCA.403"), "{text}");
            let json = report.json();
            assert_eq!(json["status"], 5);
            assert_eq!(json["cas"][0]["ca_status"], "ACTIVED");
            assert!(json["cas"][1]["ca_status"].is_null());
            assert!(
                json["cas"][1]["ca_status_error"]
                    .as_str()
                    .is_some_and(|e| e.contains("PCA.403") && e.is_ascii()),
                "{json}"
            );
        }
    }
}

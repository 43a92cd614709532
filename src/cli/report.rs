//! What the command line prints at the end of a command: one report type per outcome, each able to
//! render itself as text (for people) and as one JSON document (for `--output json`), so the two outputs
//! are produced from the same value and cannot say different things. Each command's reports live beside
//! it; here are the trait, how a report is printed, the JSON helpers, and the reports shared by several
//! commands (an error, a dry run).

use serde_json::{Value, json};

use super::args::Output;
use super::format::currency_places;
use super::io::Io;
use crate::activation::CaInfo;
use crate::text::Text;

/// A finished command's report: its JSON document, its text, and where the text goes.
pub trait Report {
    /// The one JSON document printed on stdout with `--output json`; keys are never translated.
    fn json(&self) -> Value;
    /// The text printed for people, one line per `\n`.
    fn text(&self) -> String;
    /// Whether the text goes to stderr (a failure) rather than stdout (a result a script may read).
    fn to_stderr(&self) -> bool;
}

/// Prints a report in the chosen format through `io`: JSON always on stdout (its encoding escapes
/// control characters), text on stdout or stderr with nothing left that could steer a terminal.
pub fn emit(io: &mut Io, report: &dyn Report, out: Output) {
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

/// A CA's paid life in a JSON document (`cas`, `expiring`): the subscription's end, the whole days
/// left (negative once ended), auto-renew, BSS's resource status — all null when BSS does not list the
/// CA or could not be read (the document's `subscriptions` says which).
pub fn paid_json(
    life: Result<Option<&crate::billing::subscription::Subscription>, ()>,
    now: time::OffsetDateTime,
) -> serde_json::Map<String, Value> {
    use time::format_description::well_known::Rfc3339;
    let s = life.ok().flatten();
    let end = s.and_then(|s| s.expire_time);
    let mut m = serde_json::Map::new();
    m.insert(
        "paid_until".into(),
        end.and_then(|e| e.format(&Rfc3339).ok())
            .map_or(Value::Null, Value::String),
    );
    m.insert(
        "days_left".into(),
        end.map_or(Value::Null, |e| {
            json!(crate::billing::subscription::days_left(now, e).signed_days())
        }),
    );
    m.insert(
        "auto_renew".into(),
        s.map_or(Value::Null, |s| json!(s.auto_renew())),
    );
    m.insert(
        "subscription_status".into(),
        s.map_or(Value::Null, |s| json!(s.status.name())),
    );
    m
}

/// Prints a JSON document already built (one that joins two reports, e.g. an order and its follow) as
/// the command's one document on stdout, escaped for a terminal as [`emit`] does.
pub fn emit_value(io: &mut Io, doc: &Value) {
    io.line(crate::sanitize::json_terminal(&doc.to_string()));
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

/// How a save-subject (`csr`) or an import ended when it did not take effect for sure: the request
/// was refused, may have taken effect, or never left. Never a success.
pub enum OpFailure<'a> {
    /// The API answered 4xx: nothing changed.
    Rejected(&'a crate::api::ApiError),
    /// It may have taken effect (timeout, reset, 5xx, an unexpected answer).
    Unknown(&'a crate::api::Reason),
    /// It never left.
    NotSent(&'a crate::api::Reason),
}

impl<'a> OpFailure<'a> {
    /// The failure of `outcome`, or `None` for a success.
    pub fn of<T>(outcome: &'a crate::api::Outcome<T>) -> Option<OpFailure<'a>> {
        use crate::api::Outcome;
        match outcome {
            Outcome::Done(_) => None,
            Outcome::Rejected(e) => Some(OpFailure::Rejected(e)),
            Outcome::Unknown(r) => Some(OpFailure::Unknown(r)),
            Outcome::NotSent(r) => Some(OpFailure::NotSent(r)),
        }
    }
}

/// The end of a `csr` save or an `import` that failed: the same four-outcome words and exit codes as
/// an activation, with the step named (`save_subject` or `import` in the JSON).
pub struct CaOpFailed<'a> {
    /// `save_subject` or `import`.
    pub step: &'static str,
    /// The step in words, for "… refused" (`t.csr_what`, `t.import_what`).
    pub what: fn(&Text) -> &'static str,
    /// The CA.
    pub ca_id: &'a str,
    /// What happened.
    pub failure: OpFailure<'a>,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text.
    pub t: &'a Text,
}

impl CaOpFailed<'_> {
    /// DESIGN.md's exit code for the outcome.
    pub fn exit_code(&self) -> i32 {
        match self.failure {
            OpFailure::Rejected(_) => crate::exit::REJECTED,
            OpFailure::Unknown(_) => crate::exit::UNKNOWN,
            OpFailure::NotSent(_) => crate::exit::NOT_SENT,
        }
    }
}

impl Report for CaOpFailed<'_> {
    fn json(&self) -> Value {
        let en = crate::text::Lang::En.text();
        let (step, ca_id, journal) = (self.step, self.ca_id, &self.journal);
        match &self.failure {
            OpFailure::Rejected(e) => json!({"outcome": "rejected", "step": step, "ca_id": ca_id,
                "status": e.status, "error_code": e.code, "error_msg": e.message,
                "request_id": e.request_id, "journal": journal}),
            OpFailure::Unknown(r) => json!({"outcome": "unknown", "step": step, "ca_id": ca_id,
                "reason": r.to_string(), "advice": en.ca_op_unknown_advice(ca_id), "journal": journal}),
            OpFailure::NotSent(r) => json!({"outcome": "not_sent", "step": step, "ca_id": ca_id,
                "reason": r.to_string(), "advice": en.ca_op_safe_retry, "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let t = self.t;
        let journal = super::format::rows(&[(t.cli_journal, self.journal.clone())]);
        match &self.failure {
            OpFailure::Rejected(e) => format!(
                "{}\n{journal}",
                t.ca_op_refused(
                    (self.what)(t),
                    e.status,
                    &e.code,
                    &e.message,
                    e.request_id.as_deref()
                )
            ),
            OpFailure::Unknown(r) => format!(
                "{}\n{journal}{}{}\n",
                t.act_cli_unknown(&t.reason_sentence(r)),
                t.cli_what_to_do,
                t.ca_op_unknown_advice(self.ca_id)
            ),
            OpFailure::NotSent(r) => format!(
                "{}\n{}\n",
                t.act_cli_not_sent(&t.reason_sentence(r)),
                t.ca_op_safe_retry
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_document_reaches_stdout_with_terminal_controls_escaped() {
        let (mut io, captured) = Io::capture(&[]);
        emit_value(&mut io, &json!({"subject": "a\u{9b}2Kb\u{202e}c\u{7f}"}));
        let out = captured.stdout();
        assert!(
            !out.contains('\u{9b}') && !out.contains('\u{202e}') && !out.contains('\u{7f}'),
            "{out:?}"
        );
        let back: Value = serde_json::from_str(&out).expect("still one JSON document");
        assert_eq!(back["subject"], "a\u{9b}2Kb\u{202e}c\u{7f}");
    }
}

//! What the command line prints at the end of a command: one report type per outcome, each able to
//! render itself as text (for people) and as one JSON document (for `--output json`), so the two outputs
//! are produced from the same value and cannot say different things.

use serde_json::{Value, json};

use super::Output;
use super::activation::describe_ca;
use super::billing::words;
use super::order::next_steps;
use crate::activation::CaInfo;
use crate::api::ApiError;
use crate::api::error::Outcome;
use crate::journal::ActionKind;
use crate::order::OrderRequest;
use crate::text::{Lang, Text};

/// A finished command's report: its JSON document, its text, and where the text goes.
pub trait Report {
    /// The one JSON document printed on stdout with `--output json`; keys are never translated.
    fn json(&self) -> Value;
    /// The text printed for people, one line per `\n`.
    fn text(&self) -> String;
    /// Whether the text goes to stderr (a failure) rather than stdout (a result a script may read).
    fn to_stderr(&self) -> bool;
}

/// Prints a report in the chosen format: JSON always on stdout, text on stdout or stderr.
pub fn emit(report: &dyn Report, out: Output) {
    match out {
        Output::Json => println!("{}", report.json()),
        Output::Text if report.to_stderr() => eprint!("{}", report.text()),
        Output::Text => print!("{}", report.text()),
    }
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
                    super::order::rows(&rows)
                );
                for l in next_steps(req, &c.order_id, t) {
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
                    super::order::rows(&rows)
                )
            }
            Outcome::Unknown(r) => format!(
                "{note}{}{}\n{}{advice}",
                t.cli_unknown,
                t.reason_sentence(r),
                super::order::rows(&[(t.cli_journal, journal)])
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
}

impl Report for ActionReport<'_> {
    fn json(&self) -> Value {
        let mut v = match self.outcome {
            Outcome::Done(()) => json!({"outcome": "done"}),
            Outcome::Rejected(e) => json!({"outcome": "rejected", "status": e.status,
                "error_code": e.code, "error_msg": e.message, "request_id": e.request_id,
                "advice": words::REJECTED_ADVICE}),
            Outcome::Unknown(r) => {
                json!({"outcome": "unknown", "reason": r.to_string(), "advice": words::UNKNOWN_ADVICE})
            }
            Outcome::NotSent(r) => {
                json!({"outcome": "not_sent", "reason": r.to_string(), "advice": words::NOT_SENT_ADVICE})
            }
        };
        v["action"] = json!(self.kind.word());
        v["order_id"] = json!(self.order_id);
        v["sandbox"] = json!(self.sandbox);
        v["journal"] = json!(self.journal);
        v
    }

    fn text(&self) -> String {
        let (order_id, journal, word) = (self.order_id, &self.journal, self.kind.word());
        let note = if self.sandbox {
            "SANDBOX: nothing real was paid. "
        } else {
            ""
        };
        match self.outcome {
            Outcome::Done(()) => {
                let mut s = match self.kind {
                    ActionKind::Pay => format!("{note}Paid order {order_id}.\n"),
                    ActionKind::Cancel => format!("{note}Cancelled order {order_id}.\n"),
                };
                s.push_str(&format!("  journal: {journal}\n"));
                if self.kind == ActionKind::Pay {
                    s.push_str(&format!(
                        "Next: follow it with `pca-order status {order_id} --wait`.\n"
                    ));
                }
                s
            }
            Outcome::Rejected(e) => format!(
                "{note}Refused ({word} of order {order_id}): {e}\n  journal: {journal}\nWhat to do: {}\n",
                words::REJECTED_ADVICE
            ),
            Outcome::Unknown(r) => format!(
                "{note}Outcome unknown ({word} of order {order_id}): {r}\n  journal: {journal}\nWhat to do: {}\n",
                words::UNKNOWN_ADVICE
            ),
            Outcome::NotSent(r) => format!(
                "{note}Not sent ({word} of order {order_id}): {r}\nWhat to do: {}\n",
                words::NOT_SENT_ADVICE
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(()))
    }
}

/// The end of `activate`: the outcome of the one request sent, and for a 204 what reading the CA back
/// showed (only ACTIVED is success).
pub enum ActivateReport<'a> {
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
    /// Accepted (204), but the CA could not be read back: the outcome is unknown.
    Unreadable {
        /// The CA the request was for.
        ca_id: &'a str,
        /// Why reading it back failed.
        error: String,
        /// Where the attempt is journaled.
        journal: String,
    },
}

impl ActivateReport<'_> {
    /// DESIGN.md's exit code: 0 only for a CA that reads ACTIVED; a 204 that cannot be confirmed is
    /// unknown (4).
    pub fn exit_code(&self) -> i32 {
        match self {
            ActivateReport::Failed { outcome, .. } => outcome.exit_code(),
            ActivateReport::Activated { .. } => crate::exit::ORDERED,
            ActivateReport::NotActive { .. } | ActivateReport::Unreadable { .. } => {
                crate::exit::UNKNOWN
            }
        }
    }
}

/// What to do when an activation's outcome is unknown: read the CA before trying again.
fn activate_unknown_advice(ca_id: &str) -> String {
    format!(
        "the CA may have been activated: run `pca-order ca {ca_id}` to read its status before trying again (activation is never retried on its own)"
    )
}

impl Report for ActivateReport<'_> {
    fn json(&self) -> Value {
        match self {
            ActivateReport::Failed {
                outcome,
                ca_id,
                journal,
            } => match outcome {
                Outcome::Rejected(e) => json!({"outcome": "rejected", "ca_id": ca_id,
                    "status": e.status, "error_code": e.code, "error_msg": e.message,
                    "request_id": e.request_id, "journal": journal}),
                Outcome::Unknown(r) => {
                    json!({"outcome": "unknown", "ca_id": ca_id, "reason": r.to_string(),
                    "advice": activate_unknown_advice(ca_id), "journal": journal})
                }
                Outcome::NotSent(r) => {
                    json!({"outcome": "not_sent", "ca_id": ca_id, "reason": r.to_string()})
                }
                Outcome::Done(()) => json!({"outcome": "done", "ca_id": ca_id, "journal": journal}),
            },
            ActivateReport::Activated {
                ca,
                sandbox,
                journal,
            } => json!({"outcome": "activated", "ca": ca, "sandbox": sandbox, "journal": journal}),
            ActivateReport::NotActive { ca, journal } => json!({"outcome": "unknown", "ca": ca,
                "reason": "accepted (204) but the CA does not read ACTIVED",
                "advice": activate_unknown_advice(&ca.ca_id), "journal": journal}),
            ActivateReport::Unreadable {
                ca_id,
                error,
                journal,
            } => json!({"outcome": "unknown", "ca_id": ca_id,
                "reason": format!("accepted (204) but the CA could not be read back: {error}"),
                "advice": activate_unknown_advice(ca_id), "journal": journal}),
        }
    }

    fn text(&self) -> String {
        match self {
            ActivateReport::Failed {
                outcome,
                ca_id,
                journal,
            } => match outcome {
                Outcome::Rejected(e) => {
                    let rid = e
                        .request_id
                        .as_ref()
                        .map(|r| format!(" (request id {r})"))
                        .unwrap_or_default();
                    format!(
                        "Activation refused: HTTP {} {}: {}{rid}\n  journal: {journal}\nNothing changed; fix what the message names and try again.\n",
                        e.status, e.code, e.message
                    )
                }
                Outcome::Unknown(r) => format!(
                    "Outcome unknown: {r}\n  journal: {journal}\nWhat to do: {}\n",
                    activate_unknown_advice(ca_id)
                ),
                Outcome::NotSent(r) => {
                    format!("Not sent: {r}\nNothing changed; it is safe to try again.\n")
                }
                Outcome::Done(()) => format!("Activation of CA {ca_id} accepted.\n"),
            },
            ActivateReport::Activated {
                ca,
                sandbox,
                journal,
            } => format!(
                "{}Activated CA {}.\n{}journal:             {journal}\n",
                if *sandbox {
                    "SANDBOX: nothing real was activated. "
                } else {
                    ""
                },
                ca.ca_id,
                describe_ca(ca)
            ),
            ActivateReport::NotActive { ca, .. } => format!(
                "Accepted (204), but CA {} reads {}, not ACTIVED.\nWhat to do: {}\n",
                ca.ca_id,
                ca.status.as_str(),
                activate_unknown_advice(&ca.ca_id)
            ),
            ActivateReport::Unreadable { ca_id, error, .. } => format!(
                "Accepted (204), but the CA could not be read back: {error}\nWhat to do: {}\n",
                activate_unknown_advice(ca_id)
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self, ActivateReport::Activated { .. })
    }
}

/// Rows as an aligned table, columns two spaces apart and measured in display columns (CJK is two wide),
/// trailing spaces trimmed: the one table layout of `history` and `cas`.
pub fn aligned(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.width()))))
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
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

    #[test]
    fn tables_align_by_display_columns_and_trim_the_last_cell() {
        let rows = vec![
            vec!["ID".to_string(), "NAME".to_string(), "X".to_string()],
            vec!["1".to_string(), "生产环境".to_string(), String::new()],
        ];
        assert_eq!(aligned(&rows), "ID  NAME      X\n1   生产环境\n");
    }
}

//! What the command line prints at the end of a command: one report type per outcome, each able to
//! render itself as text (for people) and as one JSON document (for `--output json`), so the two outputs
//! are produced from the same value and cannot say different things.

use serde_json::{Value, json};

use super::Output;
use super::billing::words;
use super::order::{describe_period, describe_quantity, next_steps};
use crate::api::ApiError;
use crate::api::error::Outcome;
use crate::journal::ActionKind;
use crate::order::OrderRequest;
use crate::tui::text::Lang;

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
    /// What went wrong and, where there is one, what to do.
    pub message: &'a str,
}

impl Report for ErrorReport<'_> {
    fn json(&self) -> Value {
        json!({"outcome": "error", "exit_code": self.code, "message": self.message})
    }
    fn text(&self) -> String {
        format!("pca-order: {}\n", self.message)
    }
    fn to_stderr(&self) -> bool {
        true
    }
}

/// What to do after a failed order, by outcome class, written for the command line: the wizard's
/// advice (so the two never differ in substance), except where that names a wizard key.
pub fn advice(outcome: &Outcome) -> &'static str {
    let t = Lang::En.text();
    match outcome {
        Outcome::Rejected(ApiError { status: 400, .. }) => t.advice_400_cli,
        _ => crate::advice::advice(outcome, t),
    }
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
            Outcome::Unknown(r) => json!({"outcome": "unknown", "reason": r,
                "advice": advice(self.outcome), "sandbox": sandbox, "journal": journal}),
            Outcome::NotSent(r) => json!({"outcome": "not_sent", "reason": r,
                "advice": advice(self.outcome), "sandbox": sandbox, "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let journal = &self.journal;
        let note = if self.sandbox {
            "SANDBOX: nothing real was bought. "
        } else {
            ""
        };
        let mut s = String::new();
        let mut line = |l: String| {
            s.push_str(&l);
            s.push('\n');
        };
        match self.outcome {
            Outcome::Done(c) => {
                let req = self.request;
                line(format!(
                    "{note}Ordered {} for {}.",
                    describe_quantity(req.subscription_num),
                    describe_period(req)
                ));
                line(format!("  order id: {}", c.order_id));
                for (i, id) in c.ca_ids.iter().enumerate() {
                    line(format!(
                        "  {} {id}",
                        if i == 0 { "CA ids:  " } else { "         " }
                    ));
                }
                line(format!("  journal:  {journal}"));
                for l in next_steps(req, &c.order_id) {
                    line(format!("Next: {l}"));
                }
            }
            Outcome::Rejected(e) => {
                line(format!(
                    "{note}{}",
                    crate::advice::rejected_title(e, Lang::En.text())
                ));
                line(format!("  status:     HTTP {}", e.status));
                line(format!("  error code: {}", e.code));
                line(format!("  message:    {}", e.message));
                line(format!(
                    "  request id: {}",
                    e.request_id.as_deref().unwrap_or("(none)")
                ));
                line(format!("  journal:    {journal}"));
                line(format!("What to do: {}", advice(self.outcome)));
            }
            Outcome::Unknown(r) => {
                line(format!("{note}Outcome unknown: {r}"));
                line(format!("  journal: {journal}"));
                line(format!("What to do: {}", advice(self.outcome)));
            }
            Outcome::NotSent(r) => {
                line(format!("{note}Not sent: {r}"));
                line(format!("What to do: {}", advice(self.outcome)));
            }
        }
        s
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(_))
    }
}

/// `order --dry-run`: the exact request that would be sent (secrets redacted), and nothing sent.
pub struct DryRunReport<'a> {
    /// HTTP method of the order request.
    pub method: String,
    /// Full URL the order would go to.
    pub url: String,
    /// Headers as sent, with every secret replaced.
    pub headers: Vec<(String, String)>,
    /// The wire body.
    pub request: &'a OrderRequest,
    /// Where the credentials came from (`CredentialSource`'s words).
    pub credential_source: String,
    /// "kind from source" for the text, or only the source when there are none.
    pub credentials: String,
    /// Aimed at a sandbox: nothing real would be bought.
    pub sandbox: bool,
}

impl Report for DryRunReport<'_> {
    fn json(&self) -> Value {
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        json!({
            "outcome": "dry_run",
            "method": self.method,
            "url": self.url,
            "headers": headers,
            "body": self.request,
            "credential_source": self.credential_source,
            "sandbox": self.sandbox,
        })
    }

    fn text(&self) -> String {
        let mut s = format!(
            "# dry run: nothing is sent{}\n# credentials: {}\n{} {}\n",
            if self.sandbox { " (sandbox)" } else { "" },
            self.credentials,
            self.method,
            self.url
        );
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push('\n');
        s.push_str(&self.request.to_json());
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
                json!({"outcome": "unknown", "reason": r, "advice": words::UNKNOWN_ADVICE})
            }
            Outcome::NotSent(r) => {
                json!({"outcome": "not_sent", "reason": r, "advice": words::NOT_SENT_ADVICE})
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

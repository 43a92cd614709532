//! `order`: review, confirm, send once, journal, report. Its report (text and JSON) is built in
//! [`super::report`].

use serde_json::{Value, json};

use super::args::{GlobalArgs, OrderArgs, Output, RunCommand};
use super::billing;
use super::fail::{fail, fail_config, fail_field_errors, fail_in, fail_t};
use super::format::{money, next_steps, rows};
use super::io::Io;
use super::report::{self, DryRunReport, Report};
use super::send::Guard;
use super::target::{build_target, warn_journal};
use crate::api::client::CcmClient;
use crate::api::credentials::CredentialSource;
use crate::api::error::{ApiError, Outcome};
use crate::config::Config;
use crate::exit;
use crate::journal::Journal;
use crate::order::{ConsoleConfig, OrderRequest, QuotaLeft};
use crate::text::{Lang, Text};

impl RunCommand for OrderArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_order(io, g, self, t).await
    }
}

pub(super) async fn run_order(
    io: &mut Io,
    g: &GlobalArgs,
    args: &OrderArgs,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    // Validate flags before anything else: a typo never starts a sandbox, reads a secret or sends.
    let (draft, request) = match args.order() {
        Ok(order) => order,
        Err(errors) => return fail_field_errors(io, out, &errors, t),
    };
    // The review and the question go to stderr, the answer comes from stdin: all must be the terminal.
    let on_terminal = io.on_terminal();
    if !(args.yes || args.dry_run || on_terminal) {
        return fail_in(
            io,
            out,
            exit::USAGE,
            Lang::En.text().cli_not_on_terminal,
            t.cli_not_on_terminal,
        );
    }
    let env = io.env();
    let target = match build_target(io, g, &*env, !args.dry_run, t).await {
        Ok(t) => t,
        Err(e) => return fail_config(io, out, &e, t),
    };
    let client = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(io, out, exit::NOT_SENT, &e),
    };
    // The price and `--wait`'s follow go through BSS: a billing flag that cannot be used is a usage error
    // now, before anything is bought, never an "unknown" found after the purchase.
    if let Err(e) = super::target::bss_for(g, &target, client.clone()) {
        return fail_config(io, out, &e, t);
    }
    if !target.config.sandbox
        && request
            .promotion_info
            .as_deref()
            .is_some_and(|p| p.contains("sandbox:"))
    {
        io.err_line(t.cli_note(t.cli_promotion_sandbox));
    }
    if args.dry_run {
        // A dry run sends nothing, not even a read (the IAM project lookup and the BSS price query
        // are signed with the user's credentials): the price is `pca-order price`'s job.
        print_dry_run(io, &client, &request, &target.config, out, t);
        if out == Output::Text {
            let row = [(t.bill_price_row, t.bill_dry_run_price.to_string())];
            io.err_text(rows(&row));
        }
        return exit::ORDERED;
    }
    let journal = Journal::new(target.config.journal_path.clone());
    match journal.check() {
        Ok(warning) => warn_journal(io, warning, t),
        Err(e) => {
            let e = e.to_string();
            return fail_t(io, out, exit::NOT_SENT, t, |t| t.cli_journal_unusable(&e));
        }
    }
    // Check the quota and what the region sells first, when they can be read, so an order the account
    // cannot hold or the region cannot sell is caught here, before the question.
    let (quota, console) = tokio::join!(client.show_ca_quota(), client.show_console_config());
    match console {
        Ok(c) if c.refuses_order() => {
            return refuse_region(io, out, &target.config.region, &c, t);
        }
        Ok(_) => {}
        // Unknown is never a no: warn (stderr, either output) and go on.
        Err(e) => {
            let reason = t.call_error(&e);
            io.err_line(t.cli_warning(&t.console_unread(&target.config.region, &reason)));
        }
    }
    let quota = match quota {
        Ok(q) => Some(q),
        Err(e) => {
            if out == Output::Text {
                io.err_line(t.cli_note(&t.cli_quota_unread(&t.call_error(&e))));
            }
            None
        }
    };
    if let Err(errors) = draft.validate(quota) {
        return fail_field_errors(io, out, &errors, t);
    }
    // With --yes the price is read before the signals are held (a signal during the read still ends
    // the process: nothing is sent yet); it goes into the result, so a script's log says what it cost.
    let quiet_price = if args.yes {
        billing::read_price(g, &target, &request).await
    } else {
        None
    };
    // From here a signal (Ctrl-C, SIGTERM, SIGHUP) no longer kills the process: at the question it
    // cancels, and with the order in flight it must not cost the answer.
    let mut guard = Guard::start();
    // The price goes into the question and, either way, into the result.
    let price = if args.yes {
        quiet_price
    } else {
        io.err_text(review(&request, &target.config, quota, t));
        billing::price_note(io, g, &target, &request, t).await
    };
    let price = price.map(|p| money(&p.charged(), &p.currency));
    if !args.yes {
        let question = confirm_question(&request, price.as_deref(), t);
        if let Err(code) = guard.ask(io, &question, out, t).await {
            return code;
        }
    }
    let journal = Journal::new(target.config.journal_path.clone());
    // The first signal: keep waiting for the answer (bounded), as the wizard does when it quits with an
    // order in flight; a second one stops the wait.
    let placed = guard
        .send(
            io,
            target.config.timeout,
            |secs| t.cli_in_flight(secs),
            t,
            |stop| client.create_ca_order_until(&request, &journal, stop),
            |p| p.journal_warning.as_deref(),
        )
        .await;
    let outcome = placed.outcome;
    let report = OrderReport {
        outcome: &outcome,
        request: &request,
        amount: price,
        sandbox: target.config.sandbox,
        flags: g.reach_flags(),
        journal: target.config.journal_path.display().to_string(),
        t,
    };
    if let (true, Outcome::Done(c)) = (args.wait, &outcome) {
        // The follow is part of the order's one JSON document: printed once it ends. The text shows
        // the order at once (its id must not wait for the follow).
        if out == Output::Text {
            report::emit(io, &report, out);
        }
        let followed =
            billing::wait_after_order(io, g, &target, &request, &c.order_id, t, guard.signals())
                .await;
        return billing::report_order_follow(
            io,
            report::Report::json(&report),
            followed.as_ref(),
            (&c.order_id, &g.reach_flags()),
            out,
            t,
        );
    }
    report::emit(io, &report, out);
    outcome.exit_code()
}

/// The region says it sells no yearly/monthly CA: refused before the question, nothing sent, exit 2 (a
/// validation error: the order would certainly be refused, and no request was made). The JSON is the
/// `error` document with the configuration as read (`console`).
fn refuse_region(io: &mut Io, out: Output, region: &str, c: &ConsoleConfig, t: &Text) -> i32 {
    let code = exit::USAGE;
    match out {
        Output::Json => report::emit_value(
            io,
            &json!({"outcome": "error", "exit_code": code,
                    "message": Lang::En.text().region_sells_none(region), "console": c}),
        ),
        Output::Text => {
            let words = t.region_sells_none(region);
            report::emit(
                io,
                &report::ErrorReport {
                    code,
                    message: &words,
                    words: &words,
                },
                out,
            );
        }
    }
    code
}

/// The one question asked before buying, with the price when it could be read.
pub fn confirm_question(req: &OrderRequest, price: Option<&str>, t: &Text) -> String {
    t.cli_confirm(
        req.subscription_num,
        req.period_num,
        req.period_unit(),
        price,
    )
}

/// What the answer to the question buys, and where it goes, before the question.
fn review(req: &OrderRequest, cfg: &Config, quota: Option<QuotaLeft>, t: &Text) -> String {
    let yes_no = |b: bool| if b { t.cli_yes } else { t.cli_no };
    let mut r = vec![
        (
            t.cli_what,
            t.cli_purchase(req.subscription_num, req.period_num, req.period_unit()),
        ),
        (t.cli_auto_renew, yes_no(req.is_auto_renew == 1).to_string()),
        (
            t.cli_auto_pay,
            if req.auto_pay() {
                t.cli_pay_now
            } else {
                t.cli_pay_later
            }
            .to_string(),
        ),
        (
            t.cli_project,
            req.enterprise_project_id
                .as_deref()
                .unwrap_or("0")
                .to_string(),
        ),
    ];
    if let Some(p) = req.promotion_info.as_deref().filter(|p| !p.is_empty()) {
        r.push((t.cli_promotion, p.to_string()));
    }
    if let Some(q) = quota {
        r.push((t.cli_quota, t.cli_quota_value(q.used, q.quota, q.left())));
    }
    r.push((t.cli_region, cfg.region.to_string()));
    r.push((
        t.cli_endpoint,
        crate::api::client::endpoint_url(&cfg.endpoints.ccm, crate::api::client::ORDER_PATH, &[])
            .to_string(),
    ));
    r.push((
        t.cli_credentials,
        t.cli_credentials_value(
            &t.credential_kind(&cfg.credentials.credentials),
            &t.credential_source(&cfg.credentials.source),
        ),
    ));
    let title = if cfg.sandbox {
        t.cli_review_title_sandbox
    } else {
        t.cli_review_title
    };
    format!("{title}\n{}", rows(&r))
}

fn print_dry_run(
    io: &mut Io,
    client: &CcmClient,
    req: &OrderRequest,
    cfg: &Config,
    out: Output,
    t: &'static Text,
) {
    let prepared = client.prepare_order(req);
    let creds = &cfg.credentials;
    let source = t.credential_source(&creds.source);
    let line = if creds.source == CredentialSource::Missing {
        source
    } else {
        t.cli_credentials_value(&t.credential_kind(&creds.credentials), &source)
    };
    let report = DryRunReport {
        method: prepared.method.as_str().to_string(),
        url: prepared.url.as_str().to_string(),
        headers: prepared.redacted_headers(),
        body: serde_json::to_value(req).unwrap_or_default(),
        body_text: req.to_json(),
        credentials: Some((creds.source.to_string(), line)),
        sandbox: cfg.sandbox,
        t,
    };
    report::emit(io, &report, out);
}

// ---- the report (text and JSON from one value) ----

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
    /// What the order costs, as priced before it was sent (`None`: the price could not be read).
    pub amount: Option<String>,
    /// Sent to a sandbox: nothing real was bought, and every output says so.
    pub sandbox: bool,
    /// What a suggested command adds to reach the same account (`GlobalArgs::reach_flags`).
    pub flags: String,
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
                let amount = self.amount.clone();
                let mut rows = vec![
                    (t.cli_order_id, c.order_id.clone()),
                    (t.bill_amount, amount.unwrap_or(t.amount_unknown.into())),
                ];
                for (i, id) in c.ca_ids.iter().enumerate() {
                    rows.push((if i == 0 { t.ca_ids } else { "" }, id.clone()));
                }
                rows.push((t.cli_journal, journal));
                let mut s = format!(
                    "{note}{}\n{}",
                    t.cli_ordered(req.subscription_num, req.period_num, req.period_unit()),
                    super::format::rows(&rows)
                );
                for l in next_steps(req, &c.order_id, &self.flags, t) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiError, Created, Reason};
    use crate::order::OrderDraft;
    use crate::text::Lang;

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
                amount: None,
                sandbox: true,
                flags: " --sandbox".into(),
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
}

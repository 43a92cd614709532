//! `order`: review, confirm, send once, journal, report. Its report (text and JSON) is built in
//! [`super::report`].

use super::args::{GlobalArgs, OrderArgs, Output};
use super::billing;
use super::fail::{fail, fail_config, fail_field_errors, fail_in, fail_t};
use super::format::{money, rows};
use super::io::Io;
use super::report::{self, DryRunReport, OrderReport};
use super::send::Guard;
use super::target::{build_target, warn_journal};
use crate::api::client::CcmClient;
use crate::api::credentials::CredentialSource;
use crate::api::error::Outcome;
use crate::config::Config;
use crate::exit;
use crate::journal::Journal;
use crate::order::{OrderRequest, QuotaLeft};
use crate::text::{Lang, Text};

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
    // Check the quota first, when it can be read, so an order the account cannot hold is caught here.
    let quota = match client.show_ca_quota().await {
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
    // From here a signal (Ctrl-C, SIGTERM, SIGHUP) no longer kills the process: at the question it
    // cancels, and with the order in flight it must not cost the answer.
    let mut guard = Guard::start();
    if !args.yes {
        io.err_text(review(&request, &target.config, quota, t));
        let price = billing::price_note(io, g, &target, &request, t).await;
        let price = price.map(|p| money(&p.to_pay, &p.currency));
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
        sandbox: target.config.sandbox,
        journal: target.config.journal_path.display().to_string(),
        t,
    };
    if let (true, Outcome::Done(c)) = (args.wait, &outcome) {
        // The follow is part of the order's one JSON document: printed once it ends. The text shows
        // the order at once (its id must not wait for the follow).
        if out == Output::Text {
            report::emit_to(io, &report, out);
        }
        let followed =
            billing::wait_after_order(io, g, &target, &request, &c.order_id, t, guard.signals())
                .await;
        return billing::report_order_follow(
            io,
            report::Report::json(&report),
            followed.as_ref(),
            &c.order_id,
            out,
            t,
        );
    }
    report::emit_to(io, &report, out);
    outcome.exit_code()
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
    report::emit_to(io, &report, out);
}

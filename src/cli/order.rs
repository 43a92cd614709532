//! `order`: review, confirm, send once, journal, report. Its report (text and JSON) is built in
//! [`super::report`].

use std::io::IsTerminal;

use super::report::{self, DryRunReport, OrderReport};
use super::{
    GlobalArgs, OrderArgs, Output, billing, build_target, confirm, describe_field_error, fail,
    warn_journal,
};
use crate::api::client::CcmClient;
use crate::api::credentials::CredentialSource;
use crate::api::error::Outcome;
use crate::config::{self, Config};
use crate::exit;
use crate::journal::Journal;
use crate::order::{FieldError, OrderRequest, PeriodUnit, QuotaLeft};
use crate::tui::runtime::Termination;

pub(super) async fn run_order(g: &GlobalArgs, args: &OrderArgs) -> i32 {
    let out = g.output;
    // Validate flags before anything else: a typo never starts a sandbox, reads a secret or sends.
    let (draft, request) = match args.order() {
        Ok(order) => order,
        Err(errors) => return fail(out, exit::USAGE, &field_errors_text(&errors)),
    };
    // The review and the question go to stderr, the answer comes from stdin: all must be the terminal.
    let on_terminal = std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();
    if !(args.yes || args.dry_run || on_terminal) {
        return fail(
            out,
            exit::USAGE,
            "not on a terminal, so there is no one to confirm the purchase: add --yes to buy (or --dry-run to see the request)",
        );
    }
    let env = config::process_env;
    let target = match build_target(g, &env, !args.dry_run).await {
        Ok(t) => t,
        Err(e) => return fail(out, e.exit_code(), &e.to_string()),
    };
    let client = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(out, exit::NOT_SENT, &e),
    };
    if !target.config.sandbox
        && request
            .promotion_info
            .as_deref()
            .is_some_and(|p| p.contains("sandbox:"))
    {
        eprintln!(
            "note: --promotion holds sandbox: directives; only the sandbox obeys them, the real API gets them as discount text"
        );
    }
    if args.dry_run {
        print_dry_run(&client, &request, &target.config, out);
        billing::price_note(g, &target, &request).await;
        return exit::ORDERED;
    }
    let journal = Journal::new(target.config.journal_path.clone());
    match journal.check() {
        Ok(warning) => warn_journal(warning),
        Err(e) => return fail(out, exit::NOT_SENT, &format!("{e}; nothing was sent")),
    }
    // Check the quota first, when it can be read, so an order the account cannot hold is caught here.
    let quota = match client.show_ca_quota().await {
        Ok(q) => Some(q),
        Err(e) => {
            if out == Output::Text {
                eprintln!("note: could not read the CA quota ({e}); ordering without checking it");
            }
            None
        }
    };
    if let Err(errors) = draft.validate(quota) {
        return fail(out, exit::USAGE, &field_errors_text(&errors));
    }
    // From here a signal (Ctrl-C, SIGTERM, SIGHUP) no longer kills the process: at the question it
    // cancels, and with the order in flight it must not cost the answer.
    let mut signals = Termination::new().with_interrupt();
    if !args.yes {
        print_review(&request, &target.config, quota);
        let price = billing::price_note(g, &target, &request).await;
        let question = billing::question_with_price(confirm_question(&request), price.as_ref());
        if !confirm(&question, &mut signals).await {
            eprintln!("Cancelled; nothing was sent.");
            return exit::CANCELLED;
        }
    }
    let journal = Journal::new(target.config.journal_path.clone());
    let wait = crate::api::client::in_flight_wait(target.config.timeout);
    let stop = async {
        // The first signal: keep waiting for the answer (bounded), as the wizard does when it quits
        // with an order in flight; a second one stops the wait.
        signals.recv().await;
        eprintln!(
            "pca-order: the order is in flight: waiting up to {} s for its answer so it is journaled (a second signal stops waiting)…",
            wait.as_secs()
        );
        tokio::select! {
            () = signals.recv() => crate::api::Reason::SecondSignal,
            () = tokio::time::sleep(wait) => crate::api::Reason::SignalWait { secs: wait.as_secs() },
        }
    };
    let placed = client.create_ca_order_until(&request, &journal, stop).await;
    if let Some(warning) = &placed.journal_warning {
        eprintln!("warning: {warning}");
    }
    let outcome = placed.outcome;
    print_outcome(&outcome, &request, &target.config, out);
    if let (true, Outcome::Done(c)) = (args.wait, &outcome) {
        return billing::wait_after_order(g, &target, &request, &c.order_id).await;
    }
    outcome.exit_code()
}

pub(super) fn field_errors_text(errors: &[FieldError]) -> String {
    let lines: Vec<String> = errors.iter().map(describe_field_error).collect();
    format!("nothing was sent:\n  {}", lines.join("\n  "))
}

/// "1 private CA", "3 private CAs".
pub fn describe_quantity(n: u64) -> String {
    if n == 1 {
        "1 private CA".to_string()
    } else {
        format!("{n} private CAs")
    }
}

/// "1 month", "2 years".
pub fn describe_period(req: &OrderRequest) -> String {
    let unit = match (req.period_unit(), req.period_num) {
        (PeriodUnit::Month, 1) => "month",
        (PeriodUnit::Month, _) => "months",
        (PeriodUnit::Year, 1) => "year",
        (PeriodUnit::Year, _) => "years",
    };
    format!("{} {unit}", req.period_num)
}

/// The one question asked before buying.
pub fn confirm_question(req: &OrderRequest) -> String {
    format!(
        "Buy {} for {}? [y/N] ",
        describe_quantity(req.subscription_num),
        describe_period(req)
    )
}

fn print_review(req: &OrderRequest, cfg: &Config, quota: Option<QuotaLeft>) {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    eprintln!(
        "About to order{}:",
        if cfg.sandbox {
            " (SANDBOX: nothing real is bought)"
        } else {
            ""
        }
    );
    eprintln!(
        "  what:               {} for {}",
        describe_quantity(req.subscription_num),
        describe_period(req)
    );
    eprintln!("  auto-renew:         {}", yes_no(req.is_auto_renew == 1));
    eprintln!(
        "  auto-pay:           {}",
        if req.auto_pay() {
            "yes, from the account balance now"
        } else {
            "no, the order waits for payment in the console"
        }
    );
    eprintln!(
        "  enterprise project: {}",
        req.enterprise_project_id.as_deref().unwrap_or("0")
    );
    if let Some(p) = req.promotion_info.as_deref().filter(|p| !p.is_empty()) {
        eprintln!("  promotion:          {p}");
    }
    if let Some(q) = quota {
        eprintln!(
            "  CA quota:           {} of {} used, up to {} more",
            q.used,
            q.quota,
            q.left()
        );
    }
    eprintln!("  region:             {}", cfg.region);
    eprintln!(
        "  endpoint:           {}",
        crate::api::client::endpoint_url(&cfg.endpoints.ccm, crate::api::client::ORDER_PATH, &[])
    );
    eprintln!(
        "  credentials:        {} from {}",
        cfg.credentials.credentials, cfg.credentials.source
    );
}

fn print_dry_run(client: &CcmClient, req: &OrderRequest, cfg: &Config, out: Output) {
    let prepared = client.prepare_order(req);
    let creds = &cfg.credentials;
    let line = if creds.source == CredentialSource::Missing {
        creds.source.to_string()
    } else {
        format!("{} from {}", creds.credentials, creds.source)
    };
    let report = DryRunReport {
        method: prepared.method.as_str().to_string(),
        url: prepared.url.as_str().to_string(),
        headers: prepared.redacted_headers(),
        body: serde_json::to_value(req).unwrap_or_default(),
        body_text: req.to_json(),
        credentials: Some((creds.source.to_string(), line)),
        sandbox: cfg.sandbox,
    };
    report::emit(&report, out);
}

/// What to do after an order, in one or two plain lines.
pub fn next_steps(req: &OrderRequest, order_id: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if req.auto_pay() {
        lines.push("Paid from the account balance (auto-pay).".to_string());
    } else {
        lines.push(format!(
            "Pay for order {order_id} in the Huawei Cloud console (Billing Center > Orders > My Orders): it waits for payment."
        ));
    }
    lines.push(
        "Each CA is PENDING until you activate it (console, or POST /v1/private-certificate-authorities/{ca_id}/activate)."
            .to_string(),
    );
    lines
}

fn print_outcome(outcome: &Outcome, req: &OrderRequest, cfg: &Config, out: Output) {
    let report = OrderReport {
        outcome,
        request: req,
        sandbox: cfg.sandbox,
        journal: cfg.journal_path.display().to_string(),
    };
    report::emit(&report, out);
}

//! The billing commands: `price`, `pay`, `status` (with `--wait`), `cancel`, and what `order` borrows from
//! them (the price before its question, `--wait`), plus how `history` places pay and cancel attempts beside
//! their order. Every user-visible string of these commands is in [`words`], so a catalog can take them.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;

use super::report::{self, ActionReport};
use super::{
    GlobalArgs, OrderArgs, Output, Target, build_target, confirm, fail, order::field_errors_text,
};
use crate::api::bss::{Acted, BssClient};
use crate::api::client::CcmClient;
use crate::api::error::CallError;
use crate::billing::{self, OrderDetails, OrderStatus, Price, WaitVerdict};
use crate::config;
use crate::exit;
use crate::journal::{ActionKind, ActionLine, Attempt, Event, Journal};
use crate::order::OrderRequest;

/// Every English string the billing commands show, in one place.
pub(crate) mod words {
    use crate::billing::{Amount, Price};

    /// `30.00 CNY`.
    pub fn money(a: &Amount, currency: &str) -> String {
        format!("{} {currency}", a.fixed(2))
    }

    /// The one-line price: amount, list price and discount when there is one, and what it is for.
    pub fn price_line(p: &Price) -> String {
        match &p.discount {
            Some(d) if d.discount_amount.is_positive() => format!(
                "{} for {} (list price {}, discount {}{})",
                money(&p.to_pay, &p.currency),
                p.what,
                money(&p.list, &p.currency),
                money(&d.discount_amount, &p.currency),
                if d.name.is_empty() {
                    String::new()
                } else {
                    format!(": {}", d.name)
                }
            ),
            _ => format!(
                "{} for {} (list price)",
                money(&p.to_pay, &p.currency),
                p.what
            ),
        }
    }

    /// The price line when no price could be had.
    pub fn price_unavailable(why: &str) -> String {
        format!("price unavailable ({why}); buying is still possible")
    }

    /// Sandbox prices are invented.
    pub const PRETEND: &str = " (SANDBOX: a pretend price list)";
    /// Off a terminal without --yes, for pay.
    pub const PAY_NEEDS_YES: &str =
        "not on a terminal, so there is no one to confirm the payment: add --yes to pay";
    /// Off a terminal without --yes, for cancel.
    pub const CANCEL_NEEDS_YES: &str =
        "not on a terminal, so there is no one to confirm the cancellation: add --yes to cancel";
    /// The user said no.
    pub const NOT_SENT_BY_YOU: &str = "Cancelled; nothing was sent.";

    /// The pay question.
    pub fn pay_question(order_id: &str, amount: Option<String>) -> String {
        match amount {
            Some(a) => format!("Pay {a} for order {order_id} now? [y/N] "),
            None => format!("Pay order {order_id} now (its amount could not be read)? [y/N] "),
        }
    }

    /// The cancel question.
    pub fn cancel_question(order_id: &str) -> String {
        format!("Cancel the unpaid order {order_id}? [y/N] ")
    }

    /// Paying or cancelling needs status 6.
    pub fn not_payable(what: &str, order_id: &str, status: &str, code: i64) -> String {
        format!(
            "order {order_id} is {status} (status {code}): only an order pending payment can be {what}; nothing was sent"
        )
    }

    /// Advice after an unknown pay or cancel.
    pub const UNKNOWN_ADVICE: &str = "It may have happened: check the order with `pca-order status ORDER_ID` (or the console's orders) before trying again.";
    /// Advice after a refusal.
    pub const REJECTED_ADVICE: &str =
        "Nothing changed. Read the error, then check the order with `pca-order status ORDER_ID`.";
    /// Advice after not sent.
    pub const NOT_SENT_ADVICE: &str =
        "Nothing was sent: check the network and credentials, then try again.";
    /// The wait ran out of time.
    pub const WAIT_LIMIT: &str = "the wait's time limit was reached before the order completed; it goes on without us: check it later with `pca-order status ORDER_ID`";
}

/// `pay` and `cancel` flags.
#[derive(Debug, Args, Clone)]
pub struct ActArgs {
    /// The order id (`CS…`), as `order` printed it.
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
    /// Do it without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `status` flags.
#[derive(Debug, Args, Clone)]
pub struct StatusArgs {
    /// The order id (`CS…`).
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
    /// Follow the order until it completes (exit 0) or ends otherwise (exit 3); exit 4 at the time limit.
    #[arg(long)]
    pub wait: bool,
    /// How long `--wait` follows the order, in seconds (the official tooling waits 20 minutes).
    #[arg(long, value_name = "SECONDS", default_value_t = 1200,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub wait_limit: u64,
}

/// The BSS client for a target: the sandbox's own endpoint, `--bss-endpoint`, or the detected website.
pub(super) fn bss_for(
    g: &GlobalArgs,
    target: &Target,
    ccm: CcmClient,
) -> Result<BssClient, config::ConfigError> {
    // The in-process sandbox (`--sandbox`), not a pretend endpoint given by URL: that one may name its BSS.
    if g.sandbox {
        if g.bss_endpoint.is_some() {
            return Err(config::ConfigError::Usage(
                "--sandbox runs its own endpoints; drop --bss-endpoint".into(),
            ));
        }
        return Ok(BssClient::new(
            ccm,
            Some(target.config.endpoints.ccm.clone()),
        ));
    }
    let endpoint = config::resolve_bss_endpoint(g.bss_endpoint.as_deref())?;
    // Pointed at a loopback emulator (a standalone sandbox serves BSS on the same address): billing goes
    // there too, so a local setup never reaches out to the real BSS.
    let ccm_url = &target.config.endpoints.ccm;
    let endpoint = endpoint.or_else(|| config::is_loopback(ccm_url).then(|| ccm_url.clone()));
    Ok(BssClient::new(ccm, endpoint))
}

/// Resolves the target and both clients, or the exit code of why not.
async fn clients(g: &GlobalArgs, need_credentials: bool) -> Result<(Target, BssClient), i32> {
    let out = g.output;
    let target = match build_target(g, &config::process_env, need_credentials).await {
        Ok(t) => t,
        Err(e) => return Err(fail(out, e.exit_code(), &e.to_string())),
    };
    let ccm = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return Err(fail(out, exit::NOT_SENT, &e)),
    };
    match bss_for(g, &target, ccm) {
        Ok(b) => Ok((target, b)),
        Err(e) => Err(fail(out, e.exit_code(), &e.to_string())),
    }
}

/// Exit code of a failed read: refused 3, a 5xx 4, anything else (network, unreadable answer) 5.
fn read_failure_code(e: &CallError) -> i32 {
    match e {
        CallError::Api(a) if a.status >= 500 => exit::UNKNOWN,
        CallError::Api(_) => exit::REJECTED,
        CallError::Network(_) | CallError::Send(_) => exit::NOT_SENT,
    }
}

/// The price as JSON: amounts as decimal strings.
fn price_json(p: &Price) -> serde_json::Value {
    json!({
        "what": p.what,
        "list_price": p.list,
        "discount": p.discount.as_ref().map(|d| json!({
            "amount": d.amount, "discount_amount": d.discount_amount, "name": d.name,
            "discount_type": d.discount_type,
        })),
        "amount": p.to_pay,
        "currency": p.currency,
        "measure_id": p.measure_id,
    })
}

/// `pca-order price`: same flags as `order`; prints what it would cost.
pub(super) async fn run_price(g: &GlobalArgs, args: &OrderArgs) -> i32 {
    let out = g.output;
    let (_, request) = match args.order() {
        Ok(o) => o,
        Err(errors) => return fail(out, exit::USAGE, &field_errors_text(&errors)),
    };
    let (target, bss) = match clients(g, true).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    match bss.price(&request).await {
        Ok(p) => {
            if out == Output::Json {
                let mut v = price_json(&p);
                v["outcome"] = json!("price");
                v["sandbox"] = json!(target.config.sandbox);
                println!("{v}");
            } else {
                let pretend = if target.config.sandbox {
                    words::PRETEND
                } else {
                    ""
                };
                println!("Price{pretend}: {}", words::price_line(&p));
            }
            exit::ORDERED
        }
        Err(e) => fail(
            out,
            read_failure_code(&e),
            &words::price_unavailable(&e.to_string()),
        ),
    }
}

/// The price for `order`'s review and dry run: a line on stderr, never a stop. Returns the price when
/// it could be had, so the question can name the amount.
pub(super) async fn price_note(
    g: &GlobalArgs,
    target: &Target,
    request: &OrderRequest,
) -> Option<Price> {
    if target.config.credentials.source == crate::api::credentials::CredentialSource::Missing {
        eprintln!(
            "  price:              {}",
            words::price_unavailable("no credentials to ask with")
        );
        return None;
    }
    let ccm = CcmClient::new(&target.config).ok()?;
    let bss = match bss_for(g, target, ccm) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "  price:              {}",
                words::price_unavailable(&e.to_string())
            );
            return None;
        }
    };
    let pretend = if target.config.sandbox {
        words::PRETEND
    } else {
        ""
    };
    match bss.price(request).await {
        Ok(p) => {
            eprintln!("  price{pretend}: {}", words::price_line(&p));
            Some(p)
        }
        Err(e) => {
            eprintln!(
                "  price:              {}",
                words::price_unavailable(&e.to_string())
            );
            None
        }
    }
}

/// Whether stdin, stdout and stderr are all the terminal (someone can answer a question).
fn on_terminal() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal()
}

/// `pca-order pay ORDER_ID [--yes]` and `pca-order cancel ORDER_ID [--yes]`.
pub(super) async fn run_act(g: &GlobalArgs, args: &ActArgs, kind: ActionKind) -> i32 {
    let out = g.output;
    let order_id = match billing::check_order_id(&args.order_id) {
        Ok(id) => id,
        Err(e) => return fail(out, exit::USAGE, &e),
    };
    if !args.yes && !on_terminal() {
        let why = match kind {
            ActionKind::Pay => words::PAY_NEEDS_YES,
            ActionKind::Cancel => words::CANCEL_NEEDS_YES,
        };
        return fail(out, exit::USAGE, why);
    }
    let (target, bss) = match clients(g, true).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Read the order first: its amount goes into the question, and a status that cannot be paid or
    // cancelled is said without sending anything. If it cannot be read, the server decides.
    let details = match bss.order_details(&order_id).await {
        Ok(d) => Some(d),
        Err(e) => {
            if out == Output::Text {
                eprintln!("note: could not read order {order_id} ({e})");
            }
            None
        }
    };
    if let Some(d) = &details
        && !d.status.payable()
    {
        let what = match kind {
            ActionKind::Pay => "paid",
            ActionKind::Cancel => "cancelled",
        };
        return fail(
            out,
            exit::REJECTED,
            &words::not_payable(what, &order_id, d.status.name(), d.status.code()),
        );
    }
    if !args.yes {
        let question = match kind {
            ActionKind::Pay => words::pay_question(
                &order_id,
                details.as_ref().and_then(|d| {
                    d.amount_after_discount
                        .map(|a| words::money(&a, &currency_of(d)))
                }),
            ),
            ActionKind::Cancel => words::cancel_question(&order_id),
        };
        // A signal at the question cancels, as for the order.
        let mut signals = crate::tui::runtime::Termination::new().with_interrupt();
        if !confirm(&question, &mut signals).await {
            eprintln!("{}", words::NOT_SENT_BY_YOU);
            return exit::CANCELLED;
        }
    }
    let journal = Journal::new(target.config.journal_path.clone());
    let acted = match kind {
        ActionKind::Pay => bss.pay(&order_id, &journal).await,
        ActionKind::Cancel => bss.cancel(&order_id, &journal).await,
    };
    print_acted(&acted, kind, &order_id, &target, out);
    acted.outcome.exit_code()
}

fn currency_of(d: &OrderDetails) -> String {
    if d.currency.is_empty() {
        "CNY".to_string()
    } else {
        d.currency.clone()
    }
}

fn print_acted(acted: &Acted, kind: ActionKind, order_id: &str, target: &Target, out: Output) {
    if let Some(w) = &acted.journal_warning {
        eprintln!("warning: {w}");
    }
    let report = ActionReport {
        outcome: &acted.outcome,
        kind,
        order_id,
        sandbox: target.config.sandbox,
        journal: target.config.journal_path.display().to_string(),
    };
    report::emit(&report, out);
}

fn details_json(d: &OrderDetails, resources: &[billing::OrderResource]) -> serde_json::Value {
    json!({
        "order_id": d.order_id,
        "status": d.status.code(),
        "status_name": d.status.name(),
        "order_type": d.order_type,
        "amount_after_discount": d.amount_after_discount,
        "official_amount": d.official_amount,
        "currency": d.currency,
        "create_time": d.create_time,
        "payment_time": d.payment_time,
        "pending_payment_end_time": d.pending_payment_end_time,
        "cas": resources.iter().map(|r| json!({
            "ca_id": r.resource_id, "status": r.status,
            "status_name": billing::resource_status_name(r.status),
            "effective_time": r.effective_time, "expire_time": r.expire_time,
        })).collect::<Vec<_>>(),
    })
}

fn print_details(d: &OrderDetails, resources: &[billing::OrderResource], sandbox: bool) {
    let cur = currency_of(d);
    println!(
        "Order {}{}: {} (status {})",
        d.order_id,
        if sandbox { " (SANDBOX)" } else { "" },
        d.status.name(),
        d.status.code()
    );
    if let Some(a) = &d.amount_after_discount {
        println!("  amount:        {}", words::money(a, &cur));
    }
    if let Some(a) = &d.official_amount {
        println!("  list price:    {}", words::money(a, &cur));
    }
    for (label, t) in [
        ("created:   ", &d.create_time),
        ("paid:      ", &d.payment_time),
        ("pay before:", &d.pending_payment_end_time),
    ] {
        if let Some(t) = t {
            println!("  {label}    {t}");
        }
    }
    for r in resources {
        println!(
            "  CA {}: {}",
            r.resource_id,
            billing::resource_status_name(r.status)
        );
    }
}

/// Follows an order until its status ends the wait; prints each change on stderr. The exit code: 0
/// completed, 3 ended otherwise (cancelled, ...) or refused, 4 time limit.
pub(super) async fn follow(
    bss: &BssClient,
    order_id: &str,
    limit: Duration,
    out: Output,
    sandbox: bool,
) -> i32 {
    let (first, every) = billing::poll_intervals(bss.is_loopback());
    let started = Instant::now();
    let mut last: Option<OrderStatus> = None;
    let mut wait = first;
    loop {
        let remaining = limit.saturating_sub(started.elapsed());
        tokio::time::sleep(wait.min(remaining)).await;
        wait = every;
        match bss.order_details(order_id).await {
            Ok(d) => {
                if last != Some(d.status) && out == Output::Text {
                    eprintln!(
                        "  {:>4}s  {} (status {})",
                        started.elapsed().as_secs(),
                        d.status.name(),
                        d.status.code()
                    );
                }
                last = Some(d.status);
                let verdict = d.status.verdict();
                if verdict != WaitVerdict::KeepWaiting {
                    let resources = bss.order_resources(order_id).await.unwrap_or_default();
                    if out == Output::Json {
                        let mut v = details_json(&d, &resources);
                        v["waited_s"] = json!(started.elapsed().as_secs());
                        v["sandbox"] = json!(sandbox);
                        println!("{v}");
                    } else {
                        print_details(&d, &resources, sandbox);
                    }
                    return if verdict == WaitVerdict::Done {
                        exit::ORDERED
                    } else {
                        exit::REJECTED
                    };
                }
            }
            Err(CallError::Api(e)) if e.status < 500 => {
                return fail(
                    out,
                    exit::REJECTED,
                    &format!("cannot read order {order_id}: {e}"),
                );
            }
            Err(e) => {
                if out == Output::Text {
                    eprintln!("  note: could not read the order this time ({e}); still waiting");
                }
            }
        }
        if started.elapsed() >= limit {
            if out == Output::Json {
                println!(
                    "{}",
                    json!({"outcome": "wait_limit", "order_id": order_id,
                    "status": last.map(OrderStatus::code), "status_name": last.map(OrderStatus::name),
                    "message": words::WAIT_LIMIT, "exit_code": exit::UNKNOWN})
                );
            } else {
                let seen = last
                    .map(|s| format!(" (last seen: {}, status {})", s.name(), s.code()))
                    .unwrap_or_default();
                eprintln!("pca-order: {}{seen}", words::WAIT_LIMIT);
            }
            return exit::UNKNOWN;
        }
    }
}

/// `pca-order status ORDER_ID [--wait]`.
pub(super) async fn run_status(g: &GlobalArgs, args: &StatusArgs) -> i32 {
    let out = g.output;
    let order_id = match billing::check_order_id(&args.order_id) {
        Ok(id) => id,
        Err(e) => return fail(out, exit::USAGE, &e),
    };
    let (target, bss) = match clients(g, true).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sandbox = target.config.sandbox;
    let d = match bss.order_details(&order_id).await {
        Ok(d) => d,
        Err(e) => {
            return fail(
                out,
                read_failure_code(&e),
                &format!("cannot read order {order_id}: {e}"),
            );
        }
    };
    if args.wait && d.status.verdict() == WaitVerdict::KeepWaiting {
        if out == Output::Text {
            eprintln!(
                "Following order {order_id}: {} (status {}); Ctrl-C leaves, the order goes on.",
                d.status.name(),
                d.status.code()
            );
        }
        let limit = Duration::from_secs(args.wait_limit);
        return follow(&bss, &order_id, limit, out, sandbox).await;
    }
    let resources = bss.order_resources(&order_id).await.unwrap_or_default();
    if out == Output::Json {
        let mut v = details_json(&d, &resources);
        v["sandbox"] = json!(sandbox);
        println!("{v}");
    } else {
        print_details(&d, &resources, sandbox);
    }
    match (args.wait, d.status.verdict()) {
        (true, WaitVerdict::Failed) => exit::REJECTED,
        _ => exit::ORDERED,
    }
}

/// After `order --wait` created an order: follow it when it was auto-paid.
pub(super) async fn wait_after_order(
    g: &GlobalArgs,
    target: &Target,
    request: &OrderRequest,
    order_id: &str,
) -> i32 {
    let out = g.output;
    if !request.auto_pay() {
        if out == Output::Text {
            eprintln!(
                "note: --wait: the order waits for payment; pay it with `pca-order pay {order_id}`, then `pca-order status {order_id} --wait`"
            );
        }
        return exit::ORDERED;
    }
    let ccm = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(out, exit::UNKNOWN, &e),
    };
    let bss = match bss_for(g, target, ccm) {
        Ok(b) => b,
        Err(e) => return fail(out, exit::UNKNOWN, &e.to_string()),
    };
    if out == Output::Text {
        eprintln!("Following order {order_id}; Ctrl-C leaves, the order goes on.");
    }
    let limit = Duration::from_secs(1200);
    follow(&bss, order_id, limit, out, target.config.sandbox).await
}

/// History: each pay or cancel attempt right after the attempt that created its order (by order id),
/// otherwise in time order.
pub(super) fn beside_orders(attempts: &[Attempt]) -> Vec<&Attempt> {
    let mut placed = vec![false; attempts.len()];
    let mut out = Vec::with_capacity(attempts.len());
    for (i, a) in attempts.iter().enumerate() {
        if placed[i] {
            continue;
        }
        placed[i] = true;
        out.push(a);
        if let Some(Event::Created { order_id, .. }) = &a.outcome {
            for (j, b) in attempts.iter().enumerate().skip(i + 1) {
                if !placed[j] && b.action.as_ref().is_some_and(|x| &x.order_id == order_id) {
                    placed[j] = true;
                    out.push(b);
                }
            }
        }
    }
    out
}

/// The history row of a pay or cancel attempt: time, state, order, what, region, result.
pub(super) fn action_row(a: &Attempt, action: &ActionLine) -> Vec<String> {
    let word = action.kind.word();
    let (state, result) = match &a.outcome {
        Some(Event::Done { .. }) => (
            match action.kind {
                ActionKind::Pay => "paid".to_string(),
                ActionKind::Cancel => "cancelled".to_string(),
            },
            "done".to_string(),
        ),
        Some(Event::Rejected {
            status, error_code, ..
        }) => (
            format!("{word} refused"),
            format!("HTTP {status} {error_code}"),
        ),
        Some(Event::Unknown { reason }) => (
            format!("{word} UNKNOWN"),
            format!("check the order: {}", crate::sanitize::cut(reason, 60)),
        ),
        Some(Event::NotSent { reason }) => {
            (format!("{word} not sent"), crate::sanitize::cut(reason, 60))
        }
        _ => (
            format!("{word} NO ANSWER"),
            "stopped mid-request: check the order".to_string(),
        ),
    };
    let state = if action.sandbox {
        format!("{state} (sandbox)")
    } else {
        state
    };
    let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
    vec![
        when,
        state,
        action.order_id.clone(),
        format!("└ {word}"),
        action.region.clone(),
        result,
    ]
}

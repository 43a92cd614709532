//! The billing commands: `price`, `pay`, `status` (with `--wait`), `cancel`, and what `order` borrows from
//! them (the price before its question, `--wait`), plus how `history` places pay and cancel attempts beside
//! their order. Their words come from the catalog ([`crate::text`]); their final outputs are the report
//! types of [`super::report`].

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::args::{Act, ActArgs, GlobalArgs, OrderSpec, Output, RunCommand, StatusArgs};
use super::fail::{fail_field_errors, fail_t};
use super::format::{currency_of, money, price_line, rows};
use super::io::Io;
use super::report::{self, Report, money_json, time_json};
use super::send::Guard;
use super::target::{Target, bss_for, clients};
use crate::activation::CaStatus;
use crate::api::Outcome;
use crate::api::bss::BssClient;
use crate::api::client::CcmClient;
use crate::api::error::CallError;
use crate::billing::OrderResource;
use crate::billing::{self, OrderDetails, OrderStatus, Price, WaitVerdict};
use crate::exit;
use crate::journal::{ActionKind, Journal};
use crate::order::OrderRequest;
use crate::text::{Lang, ResourceStatus, Text};

/// Exit code of a failed read: the one rule of [`CallError::read_exit_code`].
fn read_failure_code(e: &CallError) -> i32 {
    e.read_exit_code()
}

/// Checks an ORDER_ID argument, failing with exit 2 in the user's language.
fn order_id_or_fail(io: &mut Io, text: &str, out: Output, t: &Text) -> Result<String, i32> {
    billing::check_order_id(text).map_err(|_| {
        let shown = crate::sanitize::cut(&crate::sanitize::clean(text.trim()), 70);
        let (min, max) = crate::order::limits::ORDER_ID_CHARS;
        fail_t(io, out, exit::USAGE, t, |t| {
            t.bill_bad_order_id(&shown, min, max)
        })
    })
}

impl RunCommand for OrderSpec {
    /// `price`.
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_price(io, g, self, t).await
    }
}

/// `pca-order price`: same flags as `order`; prints what it would cost.
pub(super) async fn run_price(
    io: &mut Io,
    g: &GlobalArgs,
    args: &OrderSpec,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    let (_, request) = match args.order() {
        Ok(o) => o,
        Err(errors) => return fail_field_errors(io, out, &errors, t),
    };
    let (target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    match bss.price(&request).await {
        Ok(p) => {
            let report = PriceReport {
                price: &p,
                request: &request,
                sandbox: target.config.sandbox,
                t,
            };
            report::emit(io, &report, out);
            exit::ORDERED
        }
        Err(e) => fail_t(io, out, read_failure_code(&e), t, |t| {
            t.bill_price_unavailable(&t.call_error(&e))
        }),
    }
}

/// The price of `request`, read quietly (`order --yes` shows it in its result), or none when it cannot
/// be read: never a stop, the order goes on without it.
pub(super) async fn read_price(
    g: &GlobalArgs,
    target: &Target,
    request: &OrderRequest,
) -> Option<Price> {
    if target.config.credentials.source == crate::api::credentials::CredentialSource::Missing {
        return None;
    }
    let ccm = CcmClient::new(&target.config).ok()?;
    let bss = bss_for(g, target, ccm).ok()?;
    bss.price(request).await.ok()
}

/// The price for `order`'s review and dry run: a line on stderr, never a stop. Returns the price when
/// it could be had, so the question can name the amount.
pub(super) async fn price_note(
    io: &mut Io,
    g: &GlobalArgs,
    target: &Target,
    request: &OrderRequest,
    t: &Text,
) -> Option<Price> {
    let unavailable = |io: &mut Io, why: &str| {
        let row = [(t.bill_price_row, t.bill_price_unavailable(why))];
        io.err_text(rows(&row));
    };
    if target.config.credentials.source == crate::api::credentials::CredentialSource::Missing {
        unavailable(io, t.bill_no_credentials);
        return None;
    }
    let ccm = CcmClient::new(&target.config).ok()?;
    let bss = match bss_for(g, target, ccm) {
        Ok(b) => b,
        Err(e) => {
            unavailable(io, &t.config_problem(e.problem()));
            return None;
        }
    };
    let pretend = if target.config.sandbox {
        t.bill_pretend
    } else {
        ""
    };
    match bss.price(request).await {
        Ok(p) => {
            io.err_line(format_args!(
                "  {}{pretend}: {}",
                t.bill_price_row,
                price_line(&p, request, t)
            ));
            Some(p)
        }
        Err(e) => {
            unavailable(io, &t.call_error(&e));
            None
        }
    }
}

impl RunCommand for Act<'_> {
    /// `pay` or `cancel`.
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_act(io, g, self.args, self.kind, t).await
    }
}

/// `pca-order pay ORDER_ID [--yes]` and `pca-order cancel ORDER_ID [--yes]`.
pub(super) async fn run_act(
    io: &mut Io,
    g: &GlobalArgs,
    args: &ActArgs,
    kind: ActionKind,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    let order_id = match order_id_or_fail(io, &args.order_id, out, t) {
        Ok(id) => id,
        Err(code) => return code,
    };
    if !args.yes && !io.on_terminal() {
        return fail_t(io, out, exit::USAGE, t, |t| match kind {
            ActionKind::Pay => t.bill_pay_needs_yes.to_string(),
            ActionKind::Cancel => t.bill_cancel_needs_yes.to_string(),
        });
    }
    let (target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Read the order first: its amount goes into the question, and a status that cannot be paid or
    // cancelled is said without sending anything. If it cannot be read, the server decides.
    let details = match bss.order_details(&order_id).await {
        Ok(d) => Some(d),
        Err(e) => {
            if out == Output::Text {
                let why = t.bill_cannot_read(&order_id, &t.call_error(&e));
                io.err_line(t.cli_note(&why));
            }
            None
        }
    };
    if let Some(d) = &details
        && !d.status.payable()
    {
        return fail_t(io, out, exit::REJECTED, t, |t| {
            let status = t.order_status(d.status);
            t.bill_not_payable(kind, &order_id, &status, d.status.code())
        });
    }
    // From here a signal no longer kills the process: at the question it cancels, and with the request
    // in flight the first one waits for the answer (the request may move money).
    let mut guard = Guard::start();
    if !args.yes {
        let question = match kind {
            ActionKind::Pay => {
                let amount = details
                    .as_ref()
                    .and_then(|d| d.amount_after_discount.map(|a| money(&a, &currency_of(d))));
                t.bill_pay_question(&order_id, amount.as_deref())
            }
            ActionKind::Cancel => t.bill_cancel_question(&order_id),
        };
        if let Err(code) = guard.ask(io, &question, out, t).await {
            return code;
        }
    }
    // Real or pretend by where this pay or cancel goes (BSS's endpoint), not by CCM's.
    let pretend = bss.is_pretend();
    let journal = Journal::new(target.journal_for(pretend));
    let acted = guard
        .send(
            io,
            target.config.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| bss.act_until(kind, &order_id, &journal, stop),
            |a| a.journal_warning.as_deref(),
        )
        .await;
    let amount = details
        .as_ref()
        .and_then(|d| d.amount_after_discount.map(|a| money(&a, &currency_of(d))));
    let report = ActionReport {
        outcome: &acted.outcome,
        kind,
        order_id: &order_id,
        amount,
        sandbox: pretend,
        flags: g.reach_flags(),
        journal: journal.path().display().to_string(),
        t,
    };
    report::emit(io, &report, out);
    acted.outcome.exit_code()
}

/// How following an order ended, and how long it took: what `status --wait` and `order --wait` report
/// (each picks its own exit code from it, see [`Followed::status_code`] and [`Followed::order_code`]).
pub(super) struct Followed<'a> {
    /// The order followed.
    pub order_id: String,
    /// How the follow ended.
    pub end: FollowEnd<'a>,
    /// Seconds from the start of the follow to its end.
    pub waited: u64,
}

/// The ways a follow ends.
pub(super) enum FollowEnd<'a> {
    /// The order reached a status that ends the wait: completed (`done`) or ended otherwise.
    Settled {
        /// The order and its CAs as last read (boxed: it is far larger than the other ends).
        report: Box<StatusReport<'a>>,
        /// Completed (true) or ended in another final status (false).
        done: bool,
    },
    /// Reading the order's status was refused (4xx) or could not be started: the follow stops.
    Unreadable {
        /// Why, in words (English for the JSON, the user's language for the text).
        message: String,
        /// The same in the user's language.
        words: String,
        /// The exit code a read failing this way has on its own (`status`'s rule).
        read_code: i32,
    },
    /// The time limit (`left` false) or a signal (`left` true) ended the wait before the order settled.
    Stopped {
        /// The last status read, if any read succeeded.
        last: Option<OrderStatus>,
        /// The user left with a signal.
        left: bool,
    },
}

impl Followed<'_> {
    /// `status --wait`: 0 completed, 3 ended otherwise, a failed read as any read fails, 4 stopped.
    pub fn status_code(&self) -> i32 {
        match &self.end {
            FollowEnd::Settled { done: true, .. } => exit::ORDERED,
            FollowEnd::Settled { done: false, .. } => exit::REJECTED,
            FollowEnd::Unreadable { read_code, .. } => *read_code,
            FollowEnd::Stopped { .. } => exit::UNKNOWN,
        }
    }

    /// `order --wait`, after the order was created: 0 only when it completed; anything else is 4,
    /// never 3 — the order exists (and may be paid), so a script that retries on 3 would buy twice.
    pub fn order_code(&self) -> i32 {
        match &self.end {
            FollowEnd::Settled { done: true, .. } => exit::ORDERED,
            _ => exit::UNKNOWN,
        }
    }

    /// The `follow` member of the JSON document: one shape for `status --wait` and `order --wait`.
    pub fn json(&self) -> serde_json::Value {
        let en = crate::text::Lang::En.text();
        let (outcome, status, message, order) = match &self.end {
            FollowEnd::Settled { report, done } => (
                if *done { "completed" } else { "ended" },
                Some(report.details.status),
                None,
                Some(report::Report::json(report.as_ref())),
            ),
            FollowEnd::Unreadable { message, .. } => {
                ("unreadable", None, Some(message.clone()), None)
            }
            FollowEnd::Stopped { last, left } => (
                if *left { "wait_left" } else { "wait_limit" },
                *last,
                Some(if *left {
                    en.bill_wait_left(&self.order_id)
                } else {
                    en.bill_wait_limit(&self.order_id)
                }),
                None,
            ),
        };
        serde_json::json!({"outcome": outcome, "order_id": self.order_id, "waited_s": self.waited,
            "status": status.map(OrderStatus::code), "status_name": status.map(OrderStatus::name),
            "message": message, "order": order})
    }
}

/// The spinner's frames (plain ASCII: every terminal font has them).
const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

/// How often the spinner is redrawn.
const SPINNER_EVERY: Duration = Duration::from_millis(250);

/// Back to the start of the line and clear it: where the spinner is drawn, and what removes it.
const CLEAR_LINE: &str = "\r\x1b[K";

/// Follows an order until its status ends the wait; prints each change on stderr (text only). Ends
/// when the order settles, a read is refused (4xx), the `limit` passes, or `leave` fires (a signal:
/// the user leaves the wait, the order goes on without us). Prints nothing at the end: the caller
/// reports the [`Followed`] in its one document. `(order_id, sandbox, flags)`: the order, whether it is
/// a pretend one, and what a suggested command adds to reach its account.
pub(super) async fn follow<'a>(
    io: &mut Io,
    bss: &BssClient,
    (order_id, sandbox, flags): (&str, bool, &str),
    limit: Duration,
    out: Output,
    t: &'a Text,
    leave: impl Future<Output = ()>,
) -> Followed<'a> {
    let last = std::cell::Cell::new(None);
    let started = Instant::now();
    // On a terminal, a spinner and the seconds waited, redrawn in place on stderr, so minutes between
    // two status changes never look like a hang; nothing when stderr is not a terminal (a log, a pipe).
    let spinner = io.terminal().stderr;
    let err = io.err_writer();
    let ticker = async {
        if !spinner {
            return std::future::pending::<()>().await;
        }
        for frame in SPINNER.iter().cycle() {
            let secs = started.elapsed().as_secs();
            err.text(format_args!(
                "{CLEAR_LINE}{}",
                t.bill_wait_spinner(frame, secs)
            ));
            tokio::time::sleep(SPINNER_EVERY).await;
        }
    };
    let poll = async {
        let (first, every) = billing::poll_intervals(bss.is_loopback());
        let mut wait = first;
        loop {
            let remaining = limit.saturating_sub(started.elapsed());
            tokio::time::sleep(wait.min(remaining)).await;
            wait = every;
            match bss.order_details(order_id).await {
                Ok(d) => {
                    if last.get() != Some(d.status) && out == Output::Text {
                        if spinner {
                            io.err_text(CLEAR_LINE);
                        }
                        let secs = started.elapsed().as_secs();
                        let status = t.order_status(d.status);
                        io.err_line(format_args!(
                            "  {}",
                            t.bill_progress(secs, &status, d.status.code())
                        ));
                    }
                    last.set(Some(d.status));
                    let verdict = d.status.verdict();
                    if verdict != WaitVerdict::KeepWaiting {
                        let report = StatusReport {
                            waited: Some(started.elapsed().as_secs()),
                            ..read_status(bss, d, (sandbox, flags), t).await
                        };
                        let done = verdict == WaitVerdict::Done;
                        let report = Box::new(report);
                        return FollowEnd::Settled { report, done };
                    }
                }
                Err(e) if e.ends_a_follow() => {
                    let en = crate::text::Lang::En.text();
                    return FollowEnd::Unreadable {
                        message: en.bill_cannot_read(order_id, &en.call_error(&e)),
                        words: t.bill_cannot_read(order_id, &t.call_error(&e)),
                        read_code: read_failure_code(&e),
                    };
                }
                Err(e) => {
                    if out == Output::Text {
                        if spinner {
                            io.err_text(CLEAR_LINE);
                        }
                        io.err_line(format_args!(
                            "  {}",
                            t.cli_note(&t.bill_still_waiting(&t.call_error(&e)))
                        ));
                    }
                }
            }
            if started.elapsed() >= limit {
                return FollowEnd::Stopped {
                    last: last.get(),
                    left: false,
                };
            }
        }
    };
    let end = tokio::select! {
        end = poll => end,
        () = leave => FollowEnd::Stopped { last: last.get(), left: true },
        () = ticker => FollowEnd::Stopped { last: last.get(), left: false },
    };
    if spinner {
        // The spinner's line is gone before the result: nothing of it stays on the screen.
        io.err_text(CLEAR_LINE);
    }
    Followed {
        order_id: order_id.to_string(),
        end,
        waited: started.elapsed().as_secs(),
    }
}

/// `status --wait`'s end: the order as last read (settled), or why the wait ended, with the follow
/// member either way; returns the exit code.
fn report_status_follow(io: &mut Io, followed: Followed<'_>, out: Output, t: &Text) -> i32 {
    let code = followed.status_code();
    match out {
        Output::Json => {
            let mut doc = match &followed.end {
                FollowEnd::Settled { report, .. } => report::Report::json(report.as_ref()),
                FollowEnd::Unreadable { message, .. } => {
                    serde_json::json!({"outcome": "error", "exit_code": code, "message": message})
                }
                FollowEnd::Stopped { last, left } => report::Report::json(&WaitLimitReport {
                    order_id: &followed.order_id,
                    last: *last,
                    left: *left,
                    t,
                }),
            };
            doc["follow"] = followed.json();
            report::emit_value(io, &doc);
        }
        Output::Text => print_follow_text(io, &followed, t),
    }
    code
}

/// The text end of a follow: the settled order on stdout, or why it stopped on stderr.
fn print_follow_text(io: &mut Io, followed: &Followed<'_>, t: &Text) {
    match &followed.end {
        FollowEnd::Settled { report, .. } => report::emit(io, report.as_ref(), Output::Text),
        FollowEnd::Unreadable { words, .. } => io.err_line(format_args!("pca-order: {words}")),
        FollowEnd::Stopped { last, left } => report::emit(
            io,
            &WaitLimitReport {
                order_id: &followed.order_id,
                last: *last,
                left: *left,
                t,
            },
            Output::Text,
        ),
    }
}

/// What `status` reports for an order already read: the CAs it bought (BSS's resource list) and each
/// CA's own status from CCM. A CA that cannot be read keeps why, and the order still reports.
async fn read_status<'a>(
    bss: &BssClient,
    details: OrderDetails,
    (sandbox, flags): (bool, &str),
    t: &'a Text,
) -> StatusReport<'a> {
    let resources = bss
        .order_resources(&details.order_id)
        .await
        .unwrap_or_default();
    // A few reads at a time, in the list's order: an order holds up to 100 CAs, and one GET after
    // another would take 100 round trips, all at once could meet the API's rate limit.
    use futures_util::StreamExt;
    let cas = futures_util::stream::iter(resources)
        .map(|resource| async move {
            let ca = bss
                .ccm()
                .show_ca(&resource.resource_id)
                .await
                .map(|c| c.status);
            OrderCa { resource, ca }
        })
        .buffered(8)
        .collect::<Vec<_>>()
        .await;
    StatusReport {
        details,
        cas,
        sandbox,
        flags: flags.to_string(),
        waited: None,
        t,
    }
}

impl RunCommand for StatusArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_status(io, g, self, t).await
    }
}

/// `pca-order status ORDER_ID [--wait]`.
pub(super) async fn run_status(
    io: &mut Io,
    g: &GlobalArgs,
    args: &StatusArgs,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    let order_id = match order_id_or_fail(io, &args.order_id, out, t) {
        Ok(id) => id,
        Err(code) => return code,
    };
    // The target lives to the end: it holds the in-process sandbox, if any.
    let (_target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    // The order is read from BSS: its endpoint says whether it is a pretend one.
    let sandbox = bss.is_pretend();
    let flags = g.reach_flags();
    let d = match bss.order_details(&order_id).await {
        Ok(d) => d,
        Err(e) => {
            return fail_t(io, out, read_failure_code(&e), t, |t| {
                t.bill_cannot_read(&order_id, &t.call_error(&e))
            });
        }
    };
    if args.wait && d.status.verdict() == WaitVerdict::KeepWaiting {
        if out == Output::Text {
            let status = t.order_status(d.status);
            io.err_line(t.bill_following(&order_id, &status, d.status.code()));
        }
        let limit = Duration::from_secs(args.wait_limit);
        // INT, TERM and HUP leave the wait as they do `order --wait`: said, reported, exit 4; the order
        // goes on.
        let mut guard = Guard::start();
        let leave = guard.signals().recv();
        let followed = follow(io, &bss, (&order_id, sandbox, &flags), limit, out, t, leave).await;
        return report_status_follow(io, followed, out, t);
    }
    let verdict = d.status.verdict();
    let report = read_status(&bss, d, (sandbox, &flags), t).await;
    report::emit(io, &report, out);
    match (args.wait, verdict) {
        (true, WaitVerdict::Failed) => exit::REJECTED,
        _ => exit::ORDERED,
    }
}

/// After `order --wait` created an order: follow it when it was auto-paid (`None`: not auto-paid, so
/// not followed; a note says so). Prints only progress: `order` reports the follow in its document.
pub(super) async fn wait_after_order<'a>(
    io: &mut Io,
    g: &GlobalArgs,
    target: &Target,
    request: &OrderRequest,
    order_id: &str,
    t: &'a Text,
    signals: &mut crate::signals::Termination,
) -> Option<Followed<'a>> {
    let out = g.output;
    if !request.auto_pay() {
        if out == Output::Text {
            io.err_line(t.cli_note(&t.bill_wait_unpaid(order_id)));
        }
        return None;
    }
    let unreadable = |en: String, words: String| Followed {
        order_id: order_id.to_string(),
        end: FollowEnd::Unreadable {
            message: en,
            words,
            read_code: exit::UNKNOWN,
        },
        waited: 0,
    };
    let ccm = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return Some(unreadable(e.clone(), e)),
    };
    let bss = match bss_for(g, target, ccm) {
        Ok(b) => b,
        Err(e) => {
            let en = crate::text::Lang::En.text().config_problem(e.problem());
            return Some(unreadable(en, t.config_problem(e.problem())));
        }
    };
    if out == Output::Text {
        io.err_line(t.bill_following_new(order_id));
    }
    let limit = billing::WAIT_LIMIT;
    // `order` holds the signals (it must survive one with the order in flight): here one leaves the wait.
    let leave = signals.recv();
    Some(
        follow(
            io,
            &bss,
            (order_id, target.config.sandbox, &g.reach_flags()),
            limit,
            out,
            t,
            leave,
        )
        .await,
    )
}

/// `order --wait`'s follow in the order's output: the text after the order's (and, when it did not
/// complete, that the order exists and must not be placed again); in the JSON, the `follow` member of
/// the order's one document. Returns the exit code: 0 only for a completed order, else 4 (never 3).
/// `flags`: what the suggested command adds to reach the same (pretend) account.
pub(super) fn report_order_follow(
    io: &mut Io,
    mut doc: serde_json::Value,
    followed: Option<&Followed<'_>>,
    (order_id, flags): (&str, &str),
    out: Output,
    t: &Text,
) -> i32 {
    let en = crate::text::Lang::En.text();
    let code = followed.map_or(exit::ORDERED, Followed::order_code);
    match out {
        Output::Json => {
            doc["follow"] = match followed {
                Some(f) => {
                    let mut v = f.json();
                    if code != exit::ORDERED {
                        v["advice"] =
                            serde_json::json!(en.bill_follow_unconfirmed(order_id, flags));
                    }
                    v
                }
                None => serde_json::json!({"outcome": "not_followed", "order_id": order_id,
                    "waited_s": 0, "status": null, "status_name": null,
                    "message": en.bill_wait_unpaid(order_id), "order": null}),
            };
            doc["exit_code"] = serde_json::json!(code);
            report::emit_value(io, &doc);
        }
        Output::Text => {
            if let Some(f) = followed {
                print_follow_text(io, f, t);
                if code != exit::ORDERED {
                    io.err_line(t.cli_note(&t.bill_follow_unconfirmed(order_id, flags)));
                }
            }
        }
    }
    code
}

// ---- the report (text and JSON from one value) ----

/// The end of `pay` or `cancel`: the outcome of the one request sent for an order.
pub struct ActionReport<'a> {
    /// What became of the request.
    pub outcome: &'a Outcome<()>,
    /// Pay or cancel.
    pub kind: ActionKind,
    /// The order acted on.
    pub order_id: &'a str,
    /// The order's amount as read before the question (`None`: it could not be read); a pay's result
    /// says what was paid.
    pub amount: Option<String>,
    /// Sent to a sandbox: nothing real was paid, and every output says so.
    pub sandbox: bool,
    /// What a suggested command adds to reach the same account (`GlobalArgs::reach_flags`).
    pub flags: String,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text (the JSON stays English: it is for machines).
    pub t: &'a Text,
}

impl Report for ActionReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let flags = self.flags.as_str();
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
        let mut journal = vec![(t.cli_journal, self.journal.clone())];
        if kind == ActionKind::Pay && matches!(self.outcome, Outcome::Done(())) {
            let amount = self.amount.clone();
            journal.insert(
                0,
                (t.bill_amount, amount.unwrap_or(t.amount_unknown.into())),
            );
        }
        let journal = rows(&journal);
        let note = match (self.sandbox, kind) {
            (false, _) => "",
            (true, ActionKind::Pay) => t.bill_sandbox_paid,
            (true, ActionKind::Cancel) => t.bill_sandbox_cancelled,
        };
        let advice = |a: &str| format!("{}{a}\n", t.cli_what_to_do);
        let flags = self.flags.as_str();
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
            "amount": money_json(&p.charged(), cur),
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

/// BSS's `order_type` of a renewal order (BILLING.md section 2: 1 new purchase, 2 renewal).
const ORDER_TYPE_RENEWAL: i64 = 2;

/// The end of `status` (and of `--wait` once the order settles): the order and the CAs it bought.
pub struct StatusReport<'a> {
    /// The order as BSS reports it.
    pub details: OrderDetails,
    /// The CAs the order bought (empty when BSS lists none or could not be read).
    pub cas: Vec<OrderCa>,
    /// A sandbox answered: nothing real was bought.
    pub sandbox: bool,
    /// What a suggested command adds to reach the same account (`GlobalArgs::reach_flags`).
    pub flags: String,
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
                r.push((label, super::format::server_time(time)));
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
        // A completed renewal extended the subscriptions: nothing to activate, `cas` shows the dates.
        if d.status.verdict() == WaitVerdict::Done && d.order_type == Some(ORDER_TYPE_RENEWAL) {
            let command = format!("pca-order cas{}", self.flags);
            s.push_str(&format!("{}\n", t.bill_next_renewed(&command)));
            return s;
        }
        // Complete, with CAs still PENDING: what to do next, with the command to run.
        if d.status.verdict() == WaitVerdict::Done {
            let pending: Vec<&str> = self
                .cas
                .iter()
                .filter(|c| matches!(c.ca, Ok(CaStatus::Pending)))
                .map(|c| c.resource.resource_id.as_str())
                .collect();
            let flags = self.flags.as_str();
            let command = match pending.as_slice() {
                [] => None,
                [one] => Some(format!("pca-order activate {one}{flags}")),
                _ => Some(format!("pca-order activate{flags}")),
            };
            if let Some(command) = command {
                s.push_str(&format!("{}\n", t.bill_next_activate(&command)));
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::CaStatus;
    use crate::api::{ApiError, Reason};
    use crate::billing::OrderResource;
    use crate::text::Lang;

    fn rejected() -> ApiError {
        ApiError {
            status: 403,
            code: "PCA.403".into(),
            message: "no permission".into(),
            request_id: Some("req-9".into()),
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
                amount: Some("30.00 CNY".into()),
                sandbox: false,
                flags: String::new(),
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
                flags: String::new(),
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

//! `renew CA_ID... --period-unit month|year --period N [--auto-pay] [--dry-run] [--yes] [--wait]`:
//! prices the renewal (renew-rate: amount, currency, list price, discount, and any CA BSS will not
//! renew), asks with the amount, then sends one journaled renew — never retried — and names the
//! renewal order(s). `--wait` follows an auto-paid renewal order exactly as `order --wait` follows a
//! purchase ([`super::billing::follow`]), then reads the new paid-until date back from BSS and shows the
//! certificate's `not_after` beside it, without claiming the renewal moved it (that is not documented).

use serde_json::{Value, json};

use super::args::{GlobalArgs, Output, RenewArgs, RunCommand, UnitArg};
use super::billing::{Followed, follow};
use super::fail::{fail_in, fail_t};
use super::format::{money, rows, utc_minute};
use super::io::Io;
use super::report::{self, Report, millis_json, money_json};
use super::send::Guard;
use super::target::{clients, warn_journal};
use crate::api::Outcome;
use crate::api::bss::BssClient;
use crate::billing::renew::{self, RenewError, RenewRate, RenewRequest, RenewUnit, Renewed};
use crate::billing::subscription;
use crate::exit;
use crate::journal::Journal;
use crate::text::{Lang, Text};

impl RunCommand for RenewArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_renew(io, g, self, t).await
    }
}

/// Every broken rule, one a line, each naming its flag, in this language.
fn errors_in(errors: &[RenewError], t: &Text) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.flag, t.renew_rule(&e.rule)))
        .collect();
    format!("{}\n  {}", t.cli_nothing_sent, lines.join("\n  "))
}

/// `pca-order renew`.
async fn run_renew(io: &mut Io, g: &GlobalArgs, args: &RenewArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let unit = match args.period_unit {
        UnitArg::Month => RenewUnit::Month,
        UnitArg::Year => RenewUnit::Year,
    };
    // The flags first: a typo never reads a secret or sends anything.
    let req = match renew::check(&args.ca_ids, unit, &args.period) {
        Ok(r) => r,
        Err(errors) => {
            let en = errors_in(&errors, Lang::En.text());
            return fail_in(io, out, exit::USAGE, &en, &errors_in(&errors, t));
        }
    };
    if !(args.yes || args.dry_run || io.on_terminal()) {
        return fail_t(io, out, exit::USAGE, t, |t| t.renew_needs_yes.to_string());
    }
    let (target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Real or pretend by where the renewal goes (BSS's endpoint).
    let sandbox = bss.is_pretend();
    let journal = Journal::new(target.journal_for(sandbox));
    if !args.dry_run {
        match journal.check() {
            Ok(warning) => warn_journal(io, warning, t),
            Err(e) => {
                let e = e.to_string();
                return fail_t(io, out, exit::NOT_SENT, t, |t| t.cli_journal_unusable(&e));
            }
        }
    }
    // The price is a read: nothing is renewed, so a failure ends here with a read's exit code.
    let rate = match bss.renew_rate(&req).await {
        Ok(r) => r,
        Err(e) => {
            return fail_t(io, out, e.read_exit_code(), t, |t| {
                t.renew_rate_failed(&t.call_error(&e))
            });
        }
    };
    let ids = rate.renewable(&req.resource_ids);
    let mut end = RenewReport {
        req: &req,
        rate: &rate,
        ids: &ids,
        auto_pay: args.auto_pay,
        end: RenewEnd::NotRenewable,
        sandbox,
        flags: g.reach_flags(),
        journal: journal.path().display().to_string(),
        follows: Vec::new(),
        after: Vec::new(),
        t,
    };
    if out == Output::Text && !args.yes {
        io.err_text(end.price_text());
    }
    // Any failure means nothing is renewed for that CA; when none is left, nothing is sent at all.
    if ids.is_empty() {
        report::emit(io, &end, out);
        return exit::REJECTED;
    }
    if args.dry_run {
        end.end = RenewEnd::DryRun;
        report::emit(io, &end, out);
        return exit::ORDERED;
    }
    // From here a signal no longer kills the process: at the question it is a no, and with the renewal
    // in flight the first one waits for the answer (it may make an order).
    let mut guard = Guard::start();
    if !args.yes {
        let amount = renew_amount(&rate, &ids);
        let question = t.renew_question(ids.len(), &period_words(&req, t), &amount);
        if let Err(code) = guard.ask(io, &question, out, t).await {
            return code;
        }
    }
    let sent = guard
        .send(
            io,
            target.config.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| bss.renew_until(&req, &ids, args.auto_pay, &journal, stop),
            |r| r.journal_warning.as_deref(),
        )
        .await;
    end.end = RenewEnd::Sent(sent.outcome);
    let mut code = end.exit_code();
    let orders = match &end.end {
        RenewEnd::Sent(Outcome::Done(r)) => r.order_ids.clone(),
        _ => Vec::new(),
    };
    if args.wait && !orders.is_empty() {
        if out == Output::Text {
            report::emit(io, &end, out);
        }
        if !args.auto_pay {
            if out == Output::Text {
                for o in &orders {
                    io.err_line(t.cli_note(&t.bill_wait_unpaid(o)));
                }
            }
        } else {
            let leave_all = guard.signals();
            for o in &orders {
                if out == Output::Text {
                    io.err_line(t.bill_following_new(o));
                }
                let leave = leave_all.recv();
                let f = follow(
                    io,
                    &bss,
                    (o, sandbox, &end.flags),
                    crate::billing::WAIT_LIMIT,
                    out,
                    t,
                    leave,
                )
                .await;
                // Once a renewal order exists no later read makes this a 3: 0 only if it completed.
                if f.order_code() != exit::ORDERED {
                    code = exit::UNKNOWN;
                }
                end.follows.push(f);
            }
            if code == exit::ORDERED {
                end.after = read_after(io, &bss, &ids, t).await;
            }
        }
        if out == Output::Text {
            io.line(end.after_text(code));
        } else {
            let mut doc = end.json();
            doc["exit_code"] = json!(code);
            report::emit_value(io, &doc);
        }
        return code;
    }
    report::emit(io, &end, out);
    code
}

/// The sum of the per-CA amounts for the CAs that will be renewed, with its currency.
fn renew_amount(rate: &RenewRate, ids: &[String]) -> String {
    let sum = rate
        .per_ca
        .iter()
        .filter(|(id, _)| ids.iter().any(|i| i.eq_ignore_ascii_case(id)))
        .fold(crate::billing::Amount::ZERO, |s, (_, a)| s.plus(a));
    money(&sum, &rate.currency)
}

/// "1 year", "3 months", in this language.
fn period_words(req: &RenewRequest, t: &Text) -> String {
    let unit = match req.unit {
        RenewUnit::Month => crate::order::PeriodUnit::Month,
        RenewUnit::Year => crate::order::PeriodUnit::Year,
    };
    t.period_value(req.period_num, unit)
}

/// After a completed renewal: each CA's new paid-until date (BSS) and its certificate's `not_after`
/// (CCM), as read now. A read that fails leaves that date unknown and says why on stderr; it never
/// changes the exit code (the renewal is done).
async fn read_after(io: &mut Io, bss: &BssClient, ids: &[String], t: &Text) -> Vec<After> {
    let subs = match bss.subscriptions(ids).await {
        Ok(s) => Some(subscription::by_id(s)),
        Err(e) => {
            io.err_line(t.cli_warning(&t.cas_paid_unread(&t.call_error(&e))));
            None
        }
    };
    let mut after = Vec::new();
    for id in ids {
        let not_after = bss.ccm().show_ca(id).await.ok().and_then(|c| c.not_after);
        let paid_until = subs
            .as_ref()
            .and_then(|m| m.get(&id.to_ascii_lowercase()))
            .and_then(|s| s.expire_time);
        after.push(After {
            ca_id: id.clone(),
            paid_until,
            not_after,
        });
    }
    after
}

// ---- the report (text and JSON from one value) ----

/// A renewed CA's dates as read after the renewal completed.
pub struct After {
    /// The CA.
    pub ca_id: String,
    /// BSS `expire_time` now (`None`: not read).
    pub paid_until: Option<time::OffsetDateTime>,
    /// The certificate's `not_after` (ms), which the renewal is not known to move.
    pub not_after: Option<i64>,
}

/// How a renew ended.
pub enum RenewEnd {
    /// Every CA failed at the price: nothing was sent.
    NotRenewable,
    /// `--dry-run`: priced, nothing sent.
    DryRun,
    /// The renew was sent: its outcome.
    Sent(Outcome<Renewed>),
}

/// The end of `renew`: the price, the CAs BSS would not renew, and what came of the one request.
pub struct RenewReport<'a> {
    /// The checked request.
    pub req: &'a RenewRequest,
    /// What renew-rate said.
    pub rate: &'a RenewRate,
    /// The CAs sent (priced, not failed).
    pub ids: &'a [String],
    /// `--auto-pay`.
    pub auto_pay: bool,
    /// How it ended.
    pub end: RenewEnd,
    /// BSS is a sandbox: nothing real was renewed.
    pub sandbox: bool,
    /// What a suggested command adds to reach the same account (`GlobalArgs::reach_flags`).
    pub flags: String,
    /// Where the attempt is journaled.
    pub journal: String,
    /// `--wait`'s follows, one per renewal order.
    pub follows: Vec<Followed<'a>>,
    /// `--wait`: the dates read after completion.
    pub after: Vec<After>,
    /// The language of the text.
    pub t: &'a Text,
}

impl RenewReport<'_> {
    /// 0 renewed (an order exists); 3 nothing renewed (refused, or every CA failed); 4 unknown; 5 not
    /// sent — the same codes as the order.
    pub fn exit_code(&self) -> i32 {
        match &self.end {
            RenewEnd::NotRenewable => exit::REJECTED,
            RenewEnd::DryRun => exit::ORDERED,
            RenewEnd::Sent(Outcome::Done(r)) if r.order_ids.is_empty() => exit::REJECTED,
            RenewEnd::Sent(o) => o.exit_code(),
        }
    }

    /// Every CA BSS would not renew: at the price, and in the renew answer.
    fn failures(&self) -> Vec<&renew::ResourceFailure> {
        let mut all: Vec<&renew::ResourceFailure> = self.rate.failures.iter().collect();
        if let RenewEnd::Sent(Outcome::Done(r)) = &self.end {
            all.extend(r.failures.iter());
        }
        all
    }

    /// The price block (stderr, before the question): amount, currency, list price, discount, and a
    /// line for each CA that cannot be renewed.
    pub fn price_text(&self) -> String {
        let t = self.t;
        let r = self.rate;
        let mut lines = vec![
            (
                t.renew_what,
                t.renew_what_value(self.ids.len(), &period_words(self.req, t)),
            ),
            (t.bill_amount, renew_amount(r, self.ids)),
        ];
        if let Some(list) = &r.list {
            lines.push((t.bill_list_price, money(list, &r.currency)));
        }
        if let Some(d) = &r.discount {
            lines.push((
                t.renew_discount,
                t.renew_discount_value(&money(&d.amount, &r.currency), &d.name),
            ));
        }
        let mut s = format!("{}\n{}", t.renew_price_title, rows(&lines));
        for f in &r.failures {
            s.push_str(&format!(
                "  {}\n",
                t.renew_failure(&f.resource_id, &f.error_code, &f.error_msg)
            ));
        }
        s
    }

    /// The text after `--wait`: each follow's end, then the dates (paid until, and not_after beside it).
    fn after_text(&self, code: i32) -> String {
        let t = self.t;
        let mut s = String::new();
        for f in &self.follows {
            let line = match f.order_code() {
                exit::ORDERED => t.renew_order_completed(&f.order_id),
                _ => t.renew_order_not_completed(&f.order_id, &self.flags),
            };
            s.push_str(&format!("{line}\n"));
        }
        for a in &self.after {
            let paid = a.paid_until.map_or(t.cas_unknown.to_string(), utc_minute);
            let cert = a
                .not_after
                .map_or("-".to_string(), crate::activation::ca::format_millis);
            s.push_str(&format!("{}\n", t.renew_after(&a.ca_id, &paid, &cert)));
        }
        if code == exit::ORDERED && !self.after.is_empty() {
            s.push_str(&format!("{}\n", t.renew_not_after_note));
        }
        s.trim_end().to_string()
    }
}

impl Report for RenewReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let r = self.rate;
        let cur = r.currency.as_str();
        let failed: Vec<Value> = self
            .failures()
            .iter()
            .map(|f| {
                json!({"ca_id": f.resource_id, "error_code": f.error_code, "error_msg": f.error_msg,
                       "message": en.renew_failure(&f.resource_id, &f.error_code, &f.error_msg)})
            })
            .collect();
        let mut v = match &self.end {
            RenewEnd::NotRenewable => json!({"outcome": "not_renewable"}),
            RenewEnd::DryRun => json!({"outcome": "dry_run",
                "request": self.req.renew_body(self.ids, self.auto_pay)}),
            RenewEnd::Sent(Outcome::Done(r)) if r.order_ids.is_empty() => {
                json!({"outcome": "not_renewable"})
            }
            RenewEnd::Sent(Outcome::Done(_)) => json!({"outcome": "renewed"}),
            RenewEnd::Sent(Outcome::Rejected(e)) => json!({"outcome": "rejected",
                "status": e.status, "error_code": e.code, "error_msg": e.message,
                "request_id": e.request_id}),
            RenewEnd::Sent(Outcome::Unknown(why)) => json!({"outcome": "unknown",
                "reason": why.to_string(), "advice": en.renew_unknown_advice}),
            RenewEnd::Sent(Outcome::NotSent(why)) => json!({"outcome": "not_sent",
                "reason": why.to_string()}),
        };
        let order_ids = match &self.end {
            RenewEnd::Sent(Outcome::Done(r)) => r.order_ids.clone(),
            _ => Vec::new(),
        };
        v["exit_code"] = json!(self.exit_code());
        v["ca_ids"] = json!(self.req.resource_ids);
        v["renewed_ca_ids"] = json!(self.ids);
        v["period_unit"] = json!(self.req.unit);
        v["period"] = json!(self.req.period_num);
        v["auto_pay"] = json!(self.auto_pay);
        v["price"] = json!({
            "amount": money_json(&r.amount, cur),
            "currency": cur,
            "list_price": r.list.as_ref().map(|a| money_json(a, cur)),
            "discount": r.discount.as_ref().map(|d| money_json(&d.amount, cur)),
            "discount_name": r.discount.as_ref().map(|d| d.name.clone()),
        });
        v["failed"] = json!(failed);
        v["order_ids"] = json!(order_ids);
        if !self.follows.is_empty() {
            v["follow"] = json!(self.follows.iter().map(Followed::json).collect::<Vec<_>>());
        }
        if !self.after.is_empty() {
            v["after"] = json!(
                self.after
                    .iter()
                    .map(|a| json!({"ca_id": a.ca_id,
                    "paid_until": a.paid_until.map(subscription::bss_time),
                    "not_after": millis_json(a.not_after)}))
                    .collect::<Vec<_>>()
            );
        }
        v["sandbox"] = json!(self.sandbox);
        v["journal"] = json!(self.journal);
        v
    }

    fn text(&self) -> String {
        let t = self.t;
        let failures: String = self
            .failures()
            .iter()
            .map(|f| {
                format!(
                    "  {}\n",
                    t.renew_failure(&f.resource_id, &f.error_code, &f.error_msg)
                )
            })
            .collect();
        let journal = rows(&[(t.cli_journal, self.journal.clone())]);
        let note = if self.sandbox { t.renew_sandbox } else { "" };
        let flags = self.flags.as_str();
        match &self.end {
            RenewEnd::NotRenewable => format!("{}\n{failures}", t.renew_nothing_renewable),
            RenewEnd::DryRun => format!(
                "{}\n{}\n",
                t.renew_dry_run,
                self.req.renew_body(self.ids, self.auto_pay)
            ),
            RenewEnd::Sent(Outcome::Done(r)) if r.order_ids.is_empty() => {
                format!("{}\n{failures}{journal}", t.renew_nothing_renewed)
            }
            RenewEnd::Sent(Outcome::Done(r)) => {
                // What it costs, as priced (the JSON has the price too): a script's log says it.
                let journal = rows(&[
                    (t.bill_amount, renew_amount(self.rate, self.ids)),
                    (t.cli_journal, self.journal.clone()),
                ]);
                let mut s = format!(
                    "{note}{}\n{failures}{journal}",
                    t.renew_done(&r.order_ids.join(", "))
                );
                for o in &r.order_ids {
                    let next = if self.auto_pay {
                        t.bill_next_status(o, flags)
                    } else {
                        t.renew_pay_next(o, flags)
                    };
                    s.push_str(&format!("{next}\n"));
                }
                s
            }
            RenewEnd::Sent(Outcome::Rejected(e)) => format!(
                "{note}{}\n{journal}",
                t.renew_refused(&t.call_error(&crate::api::CallError::Api(e.clone())))
            ),
            RenewEnd::Sent(Outcome::Unknown(why)) => format!(
                "{note}{}\n{journal}{}{}\n",
                t.renew_unknown(&t.reason_sentence(why)),
                t.cli_what_to_do,
                t.renew_unknown_advice
            ),
            RenewEnd::Sent(Outcome::NotSent(why)) => {
                format!("{}\n", t.renew_not_sent(&t.reason_sentence(why)))
            }
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(
            self.end,
            RenewEnd::DryRun | RenewEnd::Sent(Outcome::Done(_))
        )
    }
}

//! `auto-renew CA_ID on|off` and `unsubscribe CA_ID --what ca|renewals`: a CA's paid life after
//! purchase (LIFECYCLE.md §1.5, §1.7). Both change state: asked (or `--yes`), journaled before they
//! leave, sent once, read as one of four outcomes with the order's exit codes. Auto-renew then reads
//! the subscription back (a disagreement or a failed read is said; the outcome stands); unsubscribe
//! shows the refund breakdown when BSS gives one (a failed read is a warning, never a failed unsubscribe).

use serde_json::{Value, json};

use super::args::{
    AutoRenewArgs, GlobalArgs, Output, RunCommand, SwitchArg, UnitArg, UnsubscribeArgs, WhatArg,
};
use super::fail::{cancelled, fail_t};
use super::format::{money, rows, utc_minute};
use super::io::Io;
use super::report::{self, Report};
use super::send::Guard;
use super::target::clients;
use crate::activation::rules::{self, Field};
use crate::api::Outcome;
use crate::api::bss::BssClient;
use crate::api::error::{ApiError, CallError};
use crate::billing::lifecycle::{
    self, AutoRenew, LifecycleCode, RefundLine, RenewPeriod, Unsubscribe, UnsubscribeAnswer,
};
use crate::billing::subscription::Subscription;
use crate::exit;
use crate::journal::Journal;
use crate::text::{Lang, Text};

/// Checks a CA_ID argument (normalized as `ca` does), failing with exit 2 in the user's language.
fn ca_id_or_fail(io: &mut Io, text: &str, out: Output, t: &Text) -> Result<String, i32> {
    let ca_id = rules::normalize_ca_id(text);
    match rules::ca_id(Field::CaId, &ca_id) {
        Ok(()) => Ok(ca_id),
        Err(e) => Err(fail_t(io, out, exit::USAGE, t, |t| {
            format!("CA_ID: {}", t.activation_rule(&e.rule))
        })),
    }
}

/// A refusal in words: a documented code's meaning, then status, code and request id; any other
/// refusal as every command words it.
fn refusal(e: &ApiError, t: &Text) -> String {
    let raw = t.call_error(&CallError::Api(e.clone()));
    match LifecycleCode::from_code(&e.code) {
        Some(c) => format!("{} ({raw})", t.lc_code(c)),
        None => raw,
    }
}

/// The fields every outcome's JSON carries: what became of the request, in English.
fn outcome_json<T>(outcome: &Outcome<T>, advice: &str) -> Value {
    match outcome {
        Outcome::Done(_) => json!({"outcome": "done"}),
        Outcome::Rejected(e) => json!({"outcome": "rejected", "status": e.status,
            "error_code": e.code, "error_msg": e.message, "request_id": e.request_id,
            "explanation": LifecycleCode::from_code(&e.code).map(|c| Lang::En.text().lc_code(c))}),
        Outcome::Unknown(r) => {
            json!({"outcome": "unknown", "reason": r.to_string(), "advice": advice})
        }
        Outcome::NotSent(r) => json!({"outcome": "not_sent", "reason": r.to_string()}),
    }
}

/// The CA's common name (for the question), or none when it has none or cannot be read (a note says
/// why; the question then names the id only).
async fn common_name(io: &mut Io, bss: &BssClient, ca_id: &str, t: &Text) -> Option<String> {
    match bss.ccm().show_ca(ca_id).await {
        Ok(ca) => ca.subject.common_name.filter(|c| !c.trim().is_empty()),
        Err(e) => {
            io.err_line(t.cli_note(&t.cas_read_failed(&t.call_error(&e))));
            None
        }
    }
}

// ---- auto-renew ----

impl RunCommand for AutoRenewArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_auto_renew(io, g, self, t).await
    }
}

/// The switch asked for, or the exit code of a usage error (`--times` out of 0-99, or given with off).
fn switch_of(io: &mut Io, a: &AutoRenewArgs, out: Output, t: &Text) -> Result<AutoRenew, i32> {
    match a.switch {
        SwitchArg::Off if a.times.is_some() || a.period_unit.is_some() => {
            Err(fail_t(io, out, exit::USAGE, t, |t| {
                t.lc_on_only.to_string()
            }))
        }
        SwitchArg::Off => Ok(AutoRenew::Off),
        SwitchArg::On => {
            let times = match a.times.as_deref().map(lifecycle::parse_times).transpose() {
                Ok(n) => n,
                Err(_) => return Err(fail_t(io, out, exit::USAGE, t, |t| t.lc_bad_times.into())),
            };
            let period = a.period_unit.map(|u| match u {
                UnitArg::Month => RenewPeriod::Month,
                UnitArg::Year => RenewPeriod::Year,
            });
            Ok(AutoRenew::On { times, period })
        }
    }
}

/// `pca-order auto-renew CA_ID on [--times N] [--period-unit U] | off [--yes]`.
async fn run_auto_renew(io: &mut Io, g: &GlobalArgs, a: &AutoRenewArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let ca_id = match ca_id_or_fail(io, &a.ca_id, out, t) {
        Ok(id) => id,
        Err(code) => return code,
    };
    let switch = match switch_of(io, a, out, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if !a.yes && !io.on_terminal() {
        return fail_t(io, out, exit::USAGE, t, |t| {
            t.lc_auto_renew_needs_yes.to_string()
        });
    }
    let (target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut guard = Guard::start();
    if !a.yes {
        let cn = common_name(io, &bss, &ca_id, t).await;
        let times = match switch {
            AutoRenew::On { times, .. } => times.map(|n| n.to_string()),
            AutoRenew::Off => None,
        };
        let question =
            t.lc_auto_renew_question(switch.is_on(), &ca_id, cn.as_deref(), times.as_deref());
        if let Err(code) = guard.ask(io, &question, out, t).await {
            return code;
        }
    }
    let pretend = bss.is_pretend();
    let journal = Journal::new(target.journal_for(pretend));
    let sent = guard
        .send(
            io,
            target.config.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| bss.auto_renew_until(&ca_id, switch, &journal, stop),
            |r| r.journal_warning.as_deref(),
        )
        .await;
    // Read back after a success, and after an unknown outcome (it tells the user what happened); a
    // refusal or a request never sent changed nothing.
    let read_back = match &sent.outcome {
        Outcome::Done(()) | Outcome::Unknown(_) => Some(
            bss.subscriptions(std::slice::from_ref(&ca_id))
                .await
                .map(|subs| {
                    subs.into_iter()
                        .find(|s| s.resource_id.eq_ignore_ascii_case(&ca_id))
                }),
        ),
        _ => None,
    };
    let report = AutoRenewReport {
        outcome: &sent.outcome,
        ca_id: &ca_id,
        switch,
        read_back: read_back.as_ref(),
        sandbox: pretend,
        journal: journal.path().display().to_string(),
        t,
    };
    report::emit(io, &report, out);
    // The read-back never changes the code: the send's outcome stands.
    sent.outcome.exit_code()
}

/// The end of `auto-renew`: the outcome and, after it, what BSS reads.
pub struct AutoRenewReport<'a> {
    /// What became of the switch.
    pub outcome: &'a Outcome<()>,
    /// The CA.
    pub ca_id: &'a str,
    /// What was asked.
    pub switch: AutoRenew,
    /// The subscription read after it (`Ok(None)`: BSS does not list the CA), if it was read.
    pub read_back: Option<&'a Result<Option<Subscription>, CallError>>,
    /// Sent to a sandbox: nothing real changed.
    pub sandbox: bool,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for AutoRenewReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let mut v = outcome_json(self.outcome, &en.lc_auto_renew_unknown_advice(self.ca_id));
        v["action"] = json!("auto_renew");
        v["ca_id"] = json!(self.ca_id);
        v["auto_renew"] = json!(self.switch.word());
        let (times, period) = match self.switch {
            AutoRenew::On { times, period } => (times, period.map(RenewPeriod::wire)),
            AutoRenew::Off => (None, None),
        };
        v["auto_renew_times"] = json!(times);
        v["period_type"] = json!(period);
        v["read_back"] = match self.read_back {
            None => Value::Null,
            Some(Ok(Some(s))) => json!({"auto_renew": if s.auto_renew() { "on" } else { "off" },
                "expire_policy": s.expire_policy, "agrees": s.auto_renew() == self.switch.is_on(),
                "error": null}),
            Some(Ok(None)) => json!({"auto_renew": null, "expire_policy": null, "agrees": false,
                "error": en.lc_readback_missing}),
            Some(Err(e)) => json!({"auto_renew": null, "expire_policy": null, "agrees": false,
                "error": en.lc_readback_failed(&en.call_error(e))}),
        };
        v["sandbox"] = json!(self.sandbox);
        v["journal"] = json!(self.journal);
        v
    }

    fn text(&self) -> String {
        let t = self.t;
        let note = if self.sandbox { t.lc_sandbox_note } else { "" };
        let journal = rows(&[(t.cli_journal, self.journal.clone())]);
        let read_back = match self.read_back {
            None => String::new(),
            Some(Ok(Some(s))) => format!(
                "{}\n",
                t.lc_readback(s.auto_renew(), s.auto_renew() == self.switch.is_on())
            ),
            Some(Ok(None)) => format!("{}\n", t.cli_warning(t.lc_readback_missing)),
            Some(Err(e)) => format!(
                "{}\n",
                t.cli_warning(&t.lc_readback_failed(&t.call_error(e)))
            ),
        };
        let advice = |a: &str| format!("{}{a}\n", t.cli_what_to_do);
        match self.outcome {
            Outcome::Done(()) => format!(
                "{note}{}\n{read_back}{journal}",
                t.lc_auto_renew_done(self.switch.is_on(), self.ca_id)
            ),
            Outcome::Rejected(e) => format!(
                "{note}{}\n{journal}",
                t.lc_auto_renew_refused(self.ca_id, &refusal(e, t))
            ),
            Outcome::Unknown(r) => format!(
                "{note}{}\n{read_back}{journal}{}",
                t.lc_auto_renew_unknown(self.ca_id, &t.reason_sentence(r)),
                advice(&t.lc_auto_renew_unknown_advice(self.ca_id))
            ),
            Outcome::NotSent(r) => format!(
                "{note}{}\n",
                t.lc_auto_renew_not_sent(&t.reason_sentence(r))
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(()))
    }
}

// ---- unsubscribe ----

impl RunCommand for UnsubscribeArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_unsubscribe(io, g, self, t).await
    }
}

/// Says what ends, reading the CA and its subscription first (failures are notes: the question still
/// comes, naming the id), then asks: the CA's common name or id typed for `--what ca`, y/N for
/// renewals. `Err` holds the exit code of a no.
async fn confirm_unsubscribe(
    io: &mut Io,
    guard: &mut Guard,
    bss: &BssClient,
    ca_id: &str,
    what: Unsubscribe,
    out: Output,
    t: &Text,
) -> Result<(), i32> {
    let ca = match bss.ccm().show_ca(ca_id).await {
        Ok(ca) => Some(ca),
        Err(e) => {
            io.err_line(t.cli_note(&t.cas_read_failed(&t.call_error(&e))));
            None
        }
    };
    let sub = match bss.subscriptions(&[ca_id.to_string()]).await {
        Ok(subs) => subs
            .into_iter()
            .find(|s| s.resource_id.eq_ignore_ascii_case(ca_id)),
        Err(e) => {
            io.err_line(t.cli_note(&t.cas_paid_unread(&t.call_error(&e))));
            None
        }
    };
    let cn = ca
        .as_ref()
        .and_then(|c| c.subject.common_name.clone())
        .filter(|c| !c.trim().is_empty());
    let status = ca.as_ref().map(|c| t.ca_status_words(&c.status));
    let paid_until = sub.as_ref().and_then(|s| s.expire_time).map(utc_minute);
    let title = t.lc_unsubscribe_title(
        ca_id,
        cn.as_deref(),
        status.as_deref(),
        paid_until.as_deref(),
        bss.is_pretend(),
    );
    let warning = match what {
        Unsubscribe::Ca => t.lc_ca_warning,
        Unsubscribe::Renewals => t.lc_renewals_warning,
    };
    io.err_line(crate::sanitize::terminal(&format!("{title}\n{warning}")));
    match what {
        Unsubscribe::Renewals => guard.ask(io, &t.lc_renewals_question(ca_id), out, t).await,
        Unsubscribe::Ca => {
            let question = crate::sanitize::terminal(&t.lc_type_question(cn.as_deref(), ca_id));
            match guard.ask_line(io, &question).await {
                Some(typed) if lifecycle::typed_confirms(&typed, cn.as_deref(), ca_id) => Ok(()),
                Some(_) => {
                    if out == Output::Text {
                        io.err_line(t.lc_typed_mismatch);
                    }
                    Err(cancelled(io, out, t))
                }
                None => Err(cancelled(io, out, t)),
            }
        }
    }
}

/// `pca-order unsubscribe CA_ID --what ca|renewals [--yes]`.
async fn run_unsubscribe(
    io: &mut Io,
    g: &GlobalArgs,
    a: &UnsubscribeArgs,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    let ca_id = match ca_id_or_fail(io, &a.ca_id, out, t) {
        Ok(id) => id,
        Err(code) => return code,
    };
    // No default: what ends must be spelled out, with --yes as without it.
    let what = match a.what {
        Some(WhatArg::Ca) => Unsubscribe::Ca,
        Some(WhatArg::Renewals) => Unsubscribe::Renewals,
        None => return fail_t(io, out, exit::USAGE, t, |t| t.lc_what_required.to_string()),
    };
    if !a.yes && !io.on_terminal() {
        return fail_t(io, out, exit::USAGE, t, |t| {
            t.lc_unsubscribe_needs_yes.to_string()
        });
    }
    let (target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut guard = Guard::start();
    if !a.yes
        && let Err(code) = confirm_unsubscribe(io, &mut guard, &bss, &ca_id, what, out, t).await
    {
        return code;
    }
    let pretend = bss.is_pretend();
    let journal = Journal::new(target.journal_for(pretend));
    let sent = guard
        .send(
            io,
            target.config.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| bss.unsubscribe_until(&ca_id, what, &journal, stop),
            |r| r.journal_warning.as_deref(),
        )
        .await;
    // The refund breakdown: a read per unsubscribe order; a failure is a warning, never the outcome.
    let mut refunds: Vec<(String, Result<Vec<RefundLine>, CallError>)> = Vec::new();
    if let Outcome::Done(answer) = &sent.outcome {
        for order_id in &answer.order_ids {
            refunds.push((order_id.clone(), bss.refund_lines(order_id).await));
        }
    }
    let currency = if refunds.is_empty() {
        ""
    } else {
        bss.currency().await
    };
    let report = UnsubscribeReport {
        outcome: &sent.outcome,
        ca_id: &ca_id,
        what,
        refunds: &refunds,
        currency,
        sandbox: pretend,
        journal: journal.path().display().to_string(),
        t,
    };
    report::emit(io, &report, out);
    sent.outcome.exit_code()
}

/// The end of `unsubscribe`: the outcome, the unsubscribe orders and their refund breakdown.
pub struct UnsubscribeReport<'a> {
    /// What became of the unsubscribe.
    pub outcome: &'a Outcome<UnsubscribeAnswer>,
    /// The CA.
    pub ca_id: &'a str,
    /// What was ended.
    pub what: Unsubscribe,
    /// Each unsubscribe order and its refund lines (or why they could not be read).
    pub refunds: &'a [(String, Result<Vec<RefundLine>, CallError>)],
    /// The currency of the refund amounts (BSS's default for the website).
    pub currency: &'a str,
    /// Sent to a sandbox: nothing real changed.
    pub sandbox: bool,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text.
    pub t: &'a Text,
}

impl UnsubscribeReport<'_> {
    /// Every refund line read, across the orders.
    fn lines(&self) -> Vec<&RefundLine> {
        self.refunds
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .flatten()
            .collect()
    }
}

impl Report for UnsubscribeReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let mut v = outcome_json(self.outcome, &en.lc_unsubscribe_unknown_advice(self.ca_id));
        v["action"] = json!("unsubscribe");
        v["ca_id"] = json!(self.ca_id);
        v["what"] = json!(self.what.word());
        v["unsubscribe_type"] = json!(self.what.code());
        let order_ids = match self.outcome {
            Outcome::Done(a) => a.order_ids.clone(),
            _ => Vec::new(),
        };
        v["order_ids"] = json!(order_ids);
        let mut lines = Vec::new();
        let mut errors = Vec::new();
        for (order_id, r) in self.refunds {
            match r {
                Ok(ls) => lines.extend(ls.iter().map(|l| {
                    json!({"order_id": order_id, "id": l.id, "amount": l.amount.to_string(),
                        "measure_id": l.measure_id})
                })),
                Err(e) => errors.push(json!({"order_id": order_id,
                    "error": en.lc_refund_unread(order_id, &en.call_error(e))})),
            }
        }
        let read = self.lines();
        v["refunds"] = json!(lines);
        v["refund_total"] = if read.is_empty() {
            Value::Null
        } else {
            let total = read
                .iter()
                .fold(crate::billing::Amount::ZERO, |s, l| s.plus(&l.amount));
            json!({"amount": total.to_string(), "currency": self.currency})
        };
        v["refund_errors"] = json!(errors);
        v["sandbox"] = json!(self.sandbox);
        v["journal"] = json!(self.journal);
        v
    }

    fn text(&self) -> String {
        let t = self.t;
        let note = if self.sandbox { t.lc_sandbox_note } else { "" };
        let journal = rows(&[(t.cli_journal, self.journal.clone())]);
        let advice = |a: &str| format!("{}{a}\n", t.cli_what_to_do);
        let ca = self.what == Unsubscribe::Ca;
        match self.outcome {
            Outcome::Done(answer) => {
                let mut s = format!(
                    "{note}{}\n",
                    t.lc_unsubscribed(ca, self.ca_id, &answer.order_ids.join(", "))
                );
                let lines = self.lines();
                // The heading heads what was read: none read, the warnings stand alone.
                if self.refunds.iter().any(|(_, r)| r.is_ok()) {
                    s.push_str(&format!("{}\n", t.lc_refund_title));
                    if lines.is_empty() && self.refunds.iter().all(|(_, r)| r.is_ok()) {
                        s.push_str(&format!("  {}\n", t.lc_refund_none));
                    }
                    for l in &lines {
                        s.push_str(&format!(
                            "  {}  {}\n",
                            l.id,
                            money(&l.amount, self.currency)
                        ));
                    }
                    if !lines.is_empty() {
                        let total = lifecycle::refund_total(
                            &lines.iter().map(|l| (*l).clone()).collect::<Vec<_>>(),
                        );
                        s.push_str(&format!(
                            "  {}\n",
                            t.lc_refund_total(&money(&total, self.currency))
                        ));
                    }
                }
                for (order_id, r) in self.refunds {
                    if let Err(e) = r {
                        s.push_str(&format!(
                            "{}\n",
                            t.cli_warning(&t.lc_refund_unread(order_id, &t.call_error(e)))
                        ));
                    }
                }
                s.push_str(&journal);
                s
            }
            Outcome::Rejected(e) => format!(
                "{note}{}\n{journal}",
                t.lc_unsubscribe_refused(self.ca_id, &refusal(e, t))
            ),
            Outcome::Unknown(r) => format!(
                "{note}{}\n{journal}{}",
                t.lc_unsubscribe_unknown(self.ca_id, &t.reason_sentence(r)),
                advice(&t.lc_unsubscribe_unknown_advice(self.ca_id))
            ),
            Outcome::NotSent(r) => format!(
                "{note}{}\n",
                t.lc_unsubscribe_not_sent(&t.reason_sentence(r))
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.outcome, Outcome::Done(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refund breakdown that could not be read is a warning alone: its heading ("Refund breakdown
    /// …:") is printed only above lines that were read, never above the warning.
    #[test]
    fn an_unread_refund_breakdown_prints_its_warning_without_the_heading() {
        let outcome = Outcome::Done(UnsubscribeAnswer {
            order_ids: vec!["CS1".into()],
            failures: Vec::new(),
        });
        let unread = CallError::Api(ApiError {
            status: 500,
            code: "CBC.0999".into(),
            message: "down".into(),
            request_id: None,
        });
        let refunds = [("CS1".to_string(), Err(unread))];
        for lang in Lang::ALL {
            let t = lang.text();
            let report = UnsubscribeReport {
                outcome: &outcome,
                ca_id: "ca-1",
                what: Unsubscribe::Ca,
                refunds: &refunds,
                currency: "CNY",
                sandbox: false,
                journal: "/tmp/j.jsonl".into(),
                t,
            };
            let text = report.text();
            assert!(text.contains("CBC.0999"), "{text}");
            assert!(!text.contains(t.lc_refund_title), "{text}");
        }
        // Read, even empty: the heading and what it heads.
        let refunds = [("CS1".to_string(), Ok(Vec::new()))];
        let t = Lang::En.text();
        let report = UnsubscribeReport {
            outcome: &outcome,
            ca_id: "ca-1",
            what: Unsubscribe::Ca,
            refunds: &refunds,
            currency: "CNY",
            sandbox: false,
            journal: "/tmp/j.jsonl".into(),
            t,
        };
        let text = report.text();
        assert!(
            text.contains(t.lc_refund_title) && text.contains(t.lc_refund_none),
            "{text}"
        );
    }
}

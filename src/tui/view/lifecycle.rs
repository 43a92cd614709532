//! The paid-life screens of "My CAs" (issue 20): what an unsubscribe ends, the request in flight, its
//! outcome (with the auto-renew state read back, or the refund breakdown), and the questions. Pure
//! functions of the flow; every word comes from the catalog, the CLI's own sentences where they exist.

use ratatui::text::Line;

use super::Canvas;
use crate::api::{ApiError, CallError, Outcome};
use crate::billing::lifecycle::{self, AutoRenew, LifecycleCode, Unsubscribe};
use crate::billing::renew::{RenewRequest, RenewUnit};
use crate::tui::model::Load;
use crate::tui::model::Notice;
use crate::tui::model::lifecycle::{
    LifeAnswer, LifeRequest, LifeScreen, OrderFollow, OrderFollowState, RenewFollow,
};
use crate::tui::model::manage::{ManageFlow, Paid};
use crate::tui::model::{LifeRecord, LifeWhat};
use crate::tui::text::Text;

/// The header's title while an action's screen is up.
pub(crate) fn title(screen: &LifeScreen, t: &Text) -> String {
    match screen {
        LifeScreen::Choose { .. } => t.manage_unsub_title.to_string(),
        LifeScreen::RenewChoose(_)
        | LifeScreen::RenewRating(_)
        | LifeScreen::RenewRefused { .. } => t.manage_renew_title.to_string(),
        LifeScreen::Sending(_) | LifeScreen::Outcome { .. } => t.manage_life_title.to_string(),
    }
}

/// A catalog question with the command line's "[y/N]" prompt replaced by the keys the overlay's
/// question takes (the order's, pay's and activation's questions end the same way).
fn without_prompt(q: &str) -> String {
    let q = q.trim_end();
    let q = q.strip_suffix("[y/N]").unwrap_or(q).trim_end();
    format!("{q} {}", super::keys::yes_no())
}

/// The question the overlay asks, naming exactly what the answer sends: the CLI's words (what
/// auto-renew then does; what ending the CA ends, and the typed answer so far).
pub(super) fn question(request: &LifeRequest, typed: &str, t: &Text) -> String {
    match request {
        LifeRequest::AutoRenew {
            ca_id,
            common_name,
            switch,
        } => {
            let times = match switch {
                AutoRenew::On { times, .. } => times.map(|n| n.to_string()),
                AutoRenew::Off => None,
            };
            without_prompt(&t.lc_auto_renew_question(
                switch.is_on(),
                ca_id,
                common_name.as_deref(),
                times.as_deref(),
            ))
        }
        LifeRequest::Unsubscribe {
            ca_id,
            common_name,
            what: Unsubscribe::Ca,
        } => format!(
            "{}\n{}\n{} {typed}_",
            t.lc_ca_warning,
            t.lc_type_question(common_name.as_deref(), ca_id).trim_end(),
            t.manage_typed_label
        ),
        LifeRequest::Unsubscribe {
            ca_id,
            what: Unsubscribe::Renewals,
            ..
        } => format!(
            "{}\n{}",
            t.lc_renewals_warning,
            without_prompt(&t.lc_renewals_question(ca_id))
        ),
        LifeRequest::Renew {
            common_name,
            req,
            auto_pay,
            amount,
            currency,
        } => {
            let amount = crate::text::format::money(amount, currency);
            let mut q = without_prompt(&t.renew_question(1, &period_words(req, t), &amount));
            q = format!("{q}\n  {}", request.ca_id());
            if let Some(cn) = common_name {
                q.push_str(&format!(" ({})", crate::sanitize::clean(cn)));
            }
            if *auto_pay {
                q.push_str(&format!("\n{}", t.manage_renew_paid_now));
            }
            q
        }
    }
}

/// "1 year", "3 months", in this language (the CLI's words).
fn period_words(req: &RenewRequest, t: &Text) -> String {
    t.period_value(req.period_num, order_unit(req.unit))
}

fn order_unit(unit: RenewUnit) -> crate::order::PeriodUnit {
    match unit {
        RenewUnit::Month => crate::order::PeriodUnit::Month,
        RenewUnit::Year => crate::order::PeriodUnit::Year,
    }
}

/// Every paid-life action the session sent from My CAs as plain lines (no styling), in the wizard's
/// language: printed to stdout after the wizard leaves the alternate screen, so a renewal or unsubscribe
/// order id is never only on a screen that is gone. `banner`: start with the sandbox banner (nothing
/// before it said so). `None` when none was sent.
pub fn summary(
    records: &[LifeRecord],
    lang: crate::text::Lang,
    sandbox: bool,
    banner: bool,
) -> Option<String> {
    if records.is_empty() {
        return None;
    }
    let t = lang.text();
    let flags = if sandbox { " --sandbox" } else { "" };
    let mut out = String::new();
    if banner && sandbox {
        out.push_str(t.sandbox_banner);
        out.push('\n');
    }
    out.push_str(t.life_summary_title);
    out.push('\n');
    for r in records {
        for line in record_words(r, flags, t).lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

/// One record in the summary's words: the outcome screen's sentence, with a renewal's CA and next step
/// and an unknown outcome's advice (the screen shows those beside it).
fn record_words(r: &LifeRecord, flags: &str, t: &Text) -> String {
    let id = r.ca_id.as_str();
    let said = sentence(r, t);
    let advice = match (r.what, &r.outcome) {
        (LifeWhat::Renew { .. }, Outcome::Unknown(_)) => t.renew_unknown_advice.to_string(),
        (LifeWhat::AutoRenewOn | LifeWhat::AutoRenewOff, Outcome::Unknown(_)) => {
            t.lc_auto_renew_unknown_advice(id)
        }
        (_, Outcome::Unknown(_)) => t.lc_unsubscribe_unknown_advice(id),
        _ => String::new(),
    };
    let said = if advice.is_empty() {
        said
    } else {
        format!("{said}\n{advice}")
    };
    let LifeWhat::Renew { paid } = r.what else {
        return said;
    };
    let said = match &r.outcome {
        Outcome::Done(ids) if !ids.is_empty() => {
            let first = ids.first().map_or("", String::as_str);
            let next = if paid {
                t.renew_paid_summary(first, flags)
            } else {
                t.renew_pay_next(first, flags)
            };
            format!("{said} {next}")
        }
        _ => said.trim_end_matches([':', '：']).to_string(),
    };
    let ca = match r.common_name.as_deref().map(crate::sanitize::clean) {
        Some(cn) if !cn.is_empty() => format!("{cn} ({id})"),
        _ => id.to_string(),
    };
    t.life_summary_renew(&ca, &said)
}

/// What became of a paid-life action, in one sentence: the outcome screen's and the exit summary's.
fn sentence(r: &LifeRecord, t: &Text) -> String {
    let id = r.ca_id.as_str();
    let why = |reason: &crate::api::Reason| t.reason_sentence(reason);
    match (r.what, &r.outcome) {
        (LifeWhat::Renew { .. }, Outcome::Done(ids)) if ids.is_empty() => {
            t.renew_nothing_renewed.to_string()
        }
        (LifeWhat::Renew { .. }, Outcome::Done(ids)) => t.renew_done(&ids.join(", ")),
        (LifeWhat::Renew { .. }, Outcome::Rejected(e)) => {
            t.renew_refused(&t.call_error(&CallError::Api(e.clone())))
        }
        (LifeWhat::Renew { .. }, Outcome::Unknown(r)) => t.renew_unknown(&why(r)),
        (LifeWhat::Renew { .. }, Outcome::NotSent(r)) => t.renew_not_sent(&why(r)),
        (LifeWhat::AutoRenewOn | LifeWhat::AutoRenewOff, o) => match o {
            Outcome::Done(_) => t.lc_auto_renew_done(r.what == LifeWhat::AutoRenewOn, id),
            Outcome::Rejected(e) => t.lc_auto_renew_refused(id, &refusal(e, t)),
            Outcome::Unknown(r) => t.lc_auto_renew_unknown(id, &why(r)),
            Outcome::NotSent(r) => t.lc_auto_renew_not_sent(&why(r)),
        },
        (LifeWhat::UnsubscribeCa | LifeWhat::UnsubscribeRenewals, o) => match o {
            Outcome::Done(ids) => {
                t.lc_unsubscribed(r.what == LifeWhat::UnsubscribeCa, id, &ids.join(", "))
            }
            Outcome::Rejected(e) => t.lc_unsubscribe_refused(id, &refusal(e, t)),
            Outcome::Unknown(r) => t.lc_unsubscribe_unknown(id, &why(r)),
            Outcome::NotSent(r) => t.lc_unsubscribe_not_sent(&why(r)),
        },
    }
}

/// A refusal in words: the documented code's meaning first, then the raw error.
fn refusal(e: &ApiError, t: &Text) -> String {
    let raw = t.call_error(&CallError::Api(e.clone()));
    match LifecycleCode::from_code(&e.code) {
        Some(c) => format!("{} ({raw})", t.lc_code(c)),
        None => raw,
    }
}

/// The line under the screen after a wrong typed answer: nothing was sent.
pub(super) fn notice(notice: Option<Notice>, c: &mut Canvas) {
    if notice == Some(Notice::TypedMismatch) {
        c.gap();
        c.wrapped(2, Line::styled(c.text.lc_typed_mismatch, c.theme.warn()), 3);
    }
}

/// The action's screen in the wizard's body.
pub(super) fn body(flow: &ManageFlow, screen: &LifeScreen, sandbox: bool, c: &mut Canvas) {
    let t = c.text;
    match screen {
        LifeScreen::Choose { ca_id, what, .. } => {
            c.line(Line::raw(format!("  {ca_id}")));
            c.gap();
            for (choice, label) in [
                (Unsubscribe::Ca, t.manage_unsub_ca),
                (Unsubscribe::Renewals, t.manage_unsub_renewals),
            ] {
                let selected = *what == choice;
                if selected {
                    c.mark_focus();
                }
                c.line(Line::from(super::canvas::choice(c, selected, label)));
            }
            c.gap();
            let warning = match what {
                Unsubscribe::Ca => t.lc_ca_warning,
                Unsubscribe::Renewals => t.lc_renewals_warning,
            };
            // The warning's own lines (one per thing that ends) stay lines.
            for line in warning.lines() {
                c.wrapped(2, Line::styled(line.to_string(), c.theme.warn()), 4);
            }
        }
        LifeScreen::RenewChoose(plan) => {
            c.line(Line::raw(format!("  {}", plan.ca_id)));
            c.gap();
            c.mark_focus();
            c.line(Line::raw(format!(
                "  {}: ‹ {} ›",
                t.manage_renew_period,
                t.period_value(plan.count, order_unit(plan.unit))
            )));
            c.gap();
            c.line(Line::raw(format!("  {}:", t.manage_renew_pay_now)));
            for (choice, label) in [(true, t.manage_renew_yes), (false, t.manage_renew_no)] {
                c.line(Line::from(super::canvas::choice(
                    c,
                    plan.auto_pay == choice,
                    label,
                )));
            }
        }
        LifeScreen::RenewRating(plan) => {
            c.line(Line::raw(format!("  {}", plan.ca_id)));
            c.wrapped(2, Line::styled(t.manage_renew_rating, c.theme.dim()), 3);
        }
        LifeScreen::RenewRefused { plan, why } => {
            let text = match why {
                Err(e) => t.renew_rate_failed(&t.call_error(e)),
                Ok(failures) => {
                    let mut s = t.renew_nothing_renewable.to_string();
                    for f in failures {
                        s.push('\n');
                        s.push_str(&t.renew_failure(&plan.ca_id, &f.error_code, &f.error_msg));
                    }
                    s
                }
            };
            for line in text.lines() {
                c.wrapped(2, Line::styled(line.to_string(), c.theme.error()), 6);
            }
        }
        LifeScreen::Sending(request) => {
            c.line(Line::raw(format!("  {}", request.ca_id())));
            c.wrapped(2, Line::styled(t.manage_life_sending, c.theme.dim()), 3);
        }
        LifeScreen::Outcome {
            request,
            answer,
            journal_warning,
            refunds,
            follow,
        } => {
            let ca_id = request.ca_id();
            let (text, style) = outcome_words(request, answer, t);
            c.wrapped(2, Line::styled(text, style(c)), 8);
            if answer.done() {
                c.gap();
                if let LifeAnswer::Renewed(Outcome::Done(r)) = &**answer {
                    renewed_details(flow, request, r, follow.as_ref(), sandbox, c);
                } else {
                    done_details(flow, request, refunds.as_ref(), c);
                }
            }
            if let LifeAnswer::Switched(Outcome::Unknown(_)) = &**answer {
                c.wrapped(2, Line::raw(t.lc_auto_renew_unknown_advice(ca_id)), 4);
            }
            if let LifeAnswer::Renewed(Outcome::Unknown(_)) = &**answer {
                c.wrapped(2, Line::raw(t.renew_unknown_advice), 4);
            }
            if let LifeAnswer::Unsubscribed(Outcome::Unknown(_)) = &**answer {
                c.wrapped(2, Line::raw(t.lc_unsubscribe_unknown_advice(ca_id)), 4);
            }
            if let Some(why) = journal_warning {
                c.wrapped(2, Line::styled(why.clone(), c.theme.warn()), 4);
            }
        }
    }
}

type StyleOf = fn(&Canvas) -> ratatui::style::Style;

fn outcome_words(request: &LifeRequest, answer: &LifeAnswer, t: &Text) -> (String, StyleOf) {
    let ok: StyleOf = |c| c.theme.ok();
    let bad: StyleOf = |c| c.theme.error();
    let warn: StyleOf = |c| c.theme.warn();
    // A request and an answer of different kinds never meet (the flow pairs them).
    let Some(record) = request.record(answer) else {
        return (String::new(), warn);
    };
    let mut said = sentence(&record, t);
    // Accepted, but nothing renewed: which CAs BSS refused, and why.
    if let LifeAnswer::Renewed(Outcome::Done(r)) = answer
        && r.order_ids.is_empty()
    {
        for f in &r.failures {
            said.push('\n');
            said.push_str(&t.renew_failure(request.ca_id(), &f.error_code, &f.error_msg));
        }
        return (said, bad);
    }
    let style = match record.outcome {
        Outcome::Done(_) => ok,
        Outcome::Unknown(_) => warn,
        Outcome::Rejected(_) | Outcome::NotSent(_) => bad,
    };
    (said, style)
}

/// After a renewal order: the next step (pay it, unless paid at once); paid at once, each order as
/// the follow last read it, and once one completed the CA's paid-until as BSS reads it then beside the
/// one before and its certificate's NOT AFTER, with the CLI's note that renewing is not documented to
/// move the latter.
fn renewed_details(
    flow: &ManageFlow,
    request: &LifeRequest,
    renewed: &crate::billing::renew::Renewed,
    follow: Option<&RenewFollow>,
    sandbox: bool,
    c: &mut Canvas,
) {
    let t = c.text;
    let LifeRequest::Renew { auto_pay, .. } = request else {
        return;
    };
    let flags = if sandbox { " --sandbox" } else { "" };
    let Some(follow) = follow.filter(|_| *auto_pay) else {
        for o in &renewed.order_ids {
            let next = if *auto_pay {
                t.bill_next_status(o, flags)
            } else {
                format!("{}\n{}", t.renew_pay_next(o, flags), t.next_pay)
            };
            for line in next.lines() {
                c.wrapped(2, Line::raw(line.to_string()), 4);
            }
        }
        return;
    };
    for o in &follow.orders {
        follow_line(o, follow.elapsed.as_secs(), flags, c);
    }
    if follow.waiting() {
        c.gap();
        for o in follow
            .orders
            .iter()
            .filter(|o| o.state == OrderFollowState::Waiting)
        {
            let leave = t.renew_follow_leave(&o.order_id, flags);
            c.wrapped(2, Line::styled(leave, c.theme.dim()), 3);
        }
    }
    if !follow.read_back {
        return;
    }
    c.gap();
    let ca_id = request.ca_id();
    let text = match &flow.cas {
        Load::Loading => t.manage_loading.to_string(),
        cas => {
            let until = flow
                .paid_of(ca_id)
                .subscription()
                .and_then(|s| s.expire_time);
            let date = |d: Option<time::OffsetDateTime>| {
                d.map_or(t.cas_unknown.to_string(), super::manage::utc_minute)
            };
            let listed = match cas {
                Load::Loaded(cas) => cas.iter().find(|x| x.ca_id.eq_ignore_ascii_case(ca_id)),
                _ => None,
            };
            let cert = listed
                .and_then(|x| x.not_after)
                .map_or("-".to_string(), crate::activation::ca::format_millis);
            let mut s = t
                .renew_paid_moved(ca_id, &date(until), &date(follow.was), &cert)
                .trim()
                .to_string();
            // Completed, yet BSS still shows the date from before (or none): its records lag.
            if until.is_none() || until == follow.was {
                s.push_str(&format!("\n{}", t.renew_follow_not_moved));
            }
            format!("{s}\n{}", t.renew_not_after_note)
        }
    };
    for l in text.lines() {
        c.wrapped(2, Line::raw(l.to_string()), 4);
    }
}

/// One followed renewal order: where it stands, in words, with what to do when it did not complete.
fn follow_line(o: &OrderFollow, secs: u64, flags: &str, c: &mut Canvas) {
    let t = c.text;
    let id = o.order_id.as_str();
    let (text, style) = match &o.state {
        OrderFollowState::Waiting => {
            let status = o.last.map_or(t.status_first_read.to_string(), |s| {
                t.order_status_with_code(s)
            });
            (t.renew_follow_waiting(id, &status, secs), c.theme.title())
        }
        OrderFollowState::Completed => (t.renew_order_completed(id), c.theme.ok()),
        OrderFollowState::Ended(s) => (
            t.renew_follow_ended(id, &t.order_status_with_code(*s), flags),
            c.theme.error(),
        ),
        OrderFollowState::Unreadable(e) => (
            t.renew_follow_unreadable(id, &t.call_error(e), flags),
            c.theme.error(),
        ),
        OrderFollowState::TimedOut => (t.renew_order_not_completed(id, flags), c.theme.warn()),
    };
    c.wrapped(2, Line::styled(text, style), 4);
    if let (OrderFollowState::Waiting, Some(e)) = (&o.state, &o.poll_error) {
        let words = t.tracking_poll_failed(&t.call_error(e));
        c.wrapped(4, Line::styled(words, c.theme.error()), 3);
    }
}

/// After a done request: the auto-renew state BSS reads now, or the refund breakdown.
fn done_details(
    flow: &ManageFlow,
    request: &LifeRequest,
    refunds: Option<&Load<crate::tui::model::lifecycle::Refunds>>,
    c: &mut Canvas,
) {
    let t = c.text;
    match request {
        LifeRequest::AutoRenew { ca_id, switch, .. } => {
            let line = match (&flow.cas, flow.paid_of(ca_id)) {
                (Load::Loading, _) => t.manage_loading.to_string(),
                (_, Paid::Known(s)) => {
                    t.lc_readback(s.auto_renew(), s.auto_renew() == switch.is_on())
                }
                (_, Paid::Unlisted) => t.lc_readback_missing.to_string(),
                (_, Paid::Unknown) => match &flow.paid {
                    Err(e) => t.lc_readback_failed(&t.call_error(e)),
                    Ok(_) => t.lc_readback_missing.to_string(),
                },
            };
            c.wrapped(2, Line::raw(line), 3);
        }
        LifeRequest::Renew { .. } => {}
        LifeRequest::Unsubscribe { .. } => match refunds {
            None => {}
            Some(Load::Loading) => {
                c.line(Line::styled(
                    format!("  {}", t.manage_refund_loading),
                    c.theme.dim(),
                ));
            }
            // A read failure is a quiet line: the unsubscribe stands.
            Some(Load::Failed(e)) => {
                c.wrapped(
                    2,
                    Line::styled(t.lc_refund_unread("", &t.call_error(e)), c.theme.dim()),
                    3,
                );
            }
            Some(Load::Loaded(r)) => {
                c.wrapped(2, Line::raw(t.lc_refund_title), 2);
                if r.lines.is_empty() {
                    c.line(Line::raw(format!("  {}", t.lc_refund_none)));
                }
                for l in r.lines.iter().take(8) {
                    let amount = crate::text::format::money(&l.amount, &r.currency);
                    c.line(Line::raw(format!("    {}  {amount}", l.id)));
                }
                if !r.lines.is_empty() {
                    let total = lifecycle::refund_total(&r.lines);
                    let total = crate::text::format::money(&total, &r.currency);
                    c.line(Line::raw(format!("  {}", t.lc_refund_total(&total))));
                }
            }
        },
    }
}

//! Billing on screen: the review's price row (spinner while BSS answers, the amount with what it buys,
//! the list price and discount when one applies, or why the price cannot be had) and the amount the
//! buy question names.

use ratatui::text::{Line, Span};

use super::Canvas;
use crate::billing::{Amount, Price};
use crate::tui::model::{BillStep, Load, Model, PriceQuote, Step};

/// Whether the screen shows an amount or follows one being paid (the review's price, what an unpaid
/// order costs, the order being followed), so the sandbox banner adds that its prices are pretend.
pub(super) fn shows_money(model: &Model) -> bool {
    let Some(bill) = model.bill() else {
        return model.step() == Step::Review
            && model.order_form().is_some_and(|f| f.price.is_some());
    };
    match bill.step {
        BillStep::Tracking => true,
        BillStep::Result => !bill.auto_paid && bill.amount.is_some(),
        BillStep::Acting => {
            bill.act_in_flight == Some(crate::journal::ActionKind::Pay) && bill.amount.is_some()
        }
        BillStep::ActFailed => false,
    }
}

/// Money as shown everywhere: the currency's decimals, grouped, and the currency ("1,200.00 CNY"),
/// from the exact decimal (the command line's text writes it the same way).
pub(super) fn money(amount: &Amount, currency: &str) -> String {
    crate::text::format::money(amount, currency)
}

/// What the buy question names: the amount the order charges (the list price, never an offer), when
/// the price for those choices is known.
pub(super) fn amount_to_pay(price: &Price) -> String {
    money(&price.charged(), &price.currency)
}

/// The review's price row under the label column `label_w`: at most two rows (the value, then the
/// discount or the rest of a long reason). Nothing while no price was asked for (a count is invalid).
pub(super) fn price_rows(model: &Model, c: &mut Canvas, label_w: u16) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    let Some(PriceQuote { key, load }) = &form.price else {
        return;
    };
    let indent = 2 + label_w + 1;
    let y = c.y;
    c.labelled(t.price, label_w, Line::raw(""), false);
    c.y = y;
    match load {
        Load::Loading => c.wrapped(
            indent,
            Line::from(vec![Span::styled(
                format!("{} {}", Canvas::spinner(model.spinner), t.price_loading),
                c.theme.dim(),
            )]),
            1,
        ),
        Load::Loaded(price) => {
            c.wrapped(
                indent,
                Line::styled(
                    t.price_value(
                        &amount_to_pay(price),
                        key.quantity,
                        key.period_num,
                        key.unit,
                    ),
                    c.theme.title(),
                ),
                1,
            );
            if let Some(d) = &price.discount {
                c.wrapped(
                    indent,
                    Line::styled(
                        t.price_offer(
                            &money(&d.amount, &price.currency),
                            &money(&d.discount_amount, &price.currency),
                        ),
                        c.theme.dim(),
                    ),
                    1,
                );
            }
        }
        // Where the region refuses the order, "buying is still possible" would contradict the
        // refusal beside the button: the missing price is then only said.
        Load::Failed(e) if form.region_refuses() => {
            c.wrapped(indent, Line::styled(t.price_unread, c.theme.dim()), 1);
            c.wrapped(indent, Line::styled(t.call_error(e), c.theme.dim()), 1);
        }
        Load::Failed(e) => {
            c.wrapped(
                indent,
                Line::styled(t.price_unavailable, c.theme.error()),
                1,
            );
            c.wrapped(indent, Line::styled(t.call_error(e), c.theme.dim()), 1);
        }
    }
}

// ---- Pay now, following the order, cancel (issue 9) -------------------------------------------------

use std::time::Duration;

use super::W;
use super::keys::{key, this_key, yes_no};
use crate::api::{ApiError, Outcome};
use crate::journal::ActionKind;
use crate::tui::keymap::{Action, Context, Key};
use crate::tui::model::{FollowState, Money, Notice, Pending};
use crate::tui::text::Text;

/// An exact amount as the screens write it.
pub(super) fn money_text(m: &Money) -> String {
    money(&m.amount, &m.currency)
}

/// The header's name for the billing steps.
pub(super) fn step_name(model: &Model, t: &Text) -> &'static str {
    let kind = model
        .bill()
        .and_then(|b| b.act_in_flight)
        .or_else(|| model.session.last_act().map(|(k, _)| *k));
    match (model.bill_step(), kind) {
        (Some(BillStep::Acting), Some(ActionKind::Cancel)) => t.step_cancelling,
        (Some(BillStep::Acting), _) => t.step_paying,
        (Some(BillStep::ActFailed), Some(ActionKind::Cancel)) => t.step_cancel_failed,
        (Some(BillStep::ActFailed), _) => t.step_pay_failed,
        _ => match model
            .bill()
            .and_then(|b| b.follow.as_ref())
            .map(|f| &f.state)
        {
            // The header says where following ended, once it has.
            Some(FollowState::Completed(_)) => t.step_tracking_completed,
            Some(FollowState::Ended(_)) | Some(FollowState::TimedOut) => t.step_tracking_ended,
            _ => t.step_tracking,
        },
    }
}

/// The pay and cancel questions, naming exactly what `y` sends; `None` for other questions.
pub(super) fn question(pending: &Pending, t: &Text) -> Option<String> {
    match pending {
        Pending::Pay { order_id, amount } => Some(t.confirm_pay(
            order_id,
            amount.as_ref().map(money_text).as_deref(),
            &yes_no(),
        )),
        Pending::Cancel { order_id } => Some(t.confirm_cancel(order_id, &yes_no())),
        Pending::Order { .. }
        | Pending::Activate { .. }
        | Pending::Lifecycle { .. }
        | Pending::SaveSubject { .. } => None,
    }
}

/// The Ctrl-C question while a request is in flight: it names which one may still go through.
pub(super) fn quit_question(model: &Model, t: &Text) -> String {
    if model.activation().is_some_and(|f| f.in_flight.is_some()) {
        return t.act_quit_in_flight(&yes_no());
    }
    if model.manage().is_some_and(|f| f.life.in_flight()) {
        return t.manage_quit_in_flight(&yes_no());
    }
    match model.bill().and_then(|b| b.act_in_flight) {
        Some(ActionKind::Pay) => t.quit_pay_in_flight(&yes_no()),
        Some(ActionKind::Cancel) => t.quit_cancel_in_flight(&yes_no()),
        None => t.quit_in_flight(&yes_no()),
    }
}

/// The result screen's amount row for an order that waits for payment.
pub(super) fn amount_row(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some(bill) = model.bill().filter(|b| !b.auto_paid) else {
        return;
    };
    let value = match (&bill.amount, bill.details_loading) {
        (Some(m), _) => Line::styled(money_text(m), c.theme.title()),
        (None, true) => Line::styled(
            format!("{} {}", Canvas::spinner(model.spinner), t.amount_loading),
            c.theme.dim(),
        ),
        (None, false) => Line::styled(t.amount_unknown, c.theme.dim()),
    };
    c.labelled(t.amount_to_pay, W, value, false);
}

/// The result screen's next steps for an order that waits for payment: pay here or in the console, or
/// cancel. `false` when the keys are not offered (the caller then writes the console's way).
pub(super) fn unpaid_next(model: &Model, c: &mut Canvas) -> bool {
    if !model.may_act() {
        return false;
    }
    pay_or_cancel(c);
    true
}

/// The two bullets that offer paying and cancelling here, each naming its key (the same on the
/// result and on the tracking screen).
fn pay_or_cancel(c: &mut Canvas) {
    let t = c.text;
    c.bullet(
        2,
        &t.next_pay_now(&key(Context::ResultUnpaid, Action::Pay)),
        2,
    );
    c.bullet(
        2,
        &t.next_cancel(&key(Context::ResultUnpaid, Action::CancelOrder)),
        1,
    );
}

/// While a pay or cancel is in flight: spinner, elapsed time, the order, and that Ctrl-C asks.
pub(super) fn acting(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some(bill) = model.bill() else {
        return;
    };
    let secs = bill.act_elapsed.as_secs_f64();
    let (line, note) = match bill.act_in_flight {
        Some(ActionKind::Cancel) => (
            t.acting_cancel(secs),
            t.cancelling_note(&key(Context::Acting, Action::Quit)),
        ),
        _ => (
            t.acting_pay(secs),
            t.paying_note(&key(Context::Acting, Action::Quit)),
        ),
    };
    c.line(Line::from(vec![
        Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
        Span::raw(" "),
        Span::styled(line, c.theme.title()),
    ]));
    c.gap();
    c.labelled(
        t.order_id,
        W,
        Line::styled(bill.order_id.clone(), c.theme.title()),
        false,
    );
    if bill.act_in_flight == Some(ActionKind::Pay)
        && let Some(m) = &bill.amount
    {
        c.labelled(t.amount_to_pay, W, Line::raw(money_text(m)), false);
    }
    super::parts::journal(model, c);
    c.gap();
    c.wrapped(0, Line::styled(note, c.theme.dim()), 2);
}

fn secs(d: Duration) -> u64 {
    d.as_secs()
}

/// Following the order: its id and CAs, the journal, the status with a spinner and the elapsed time,
/// a failed read (polling goes on), how it ended, and that leaving loses nothing.
pub(super) fn tracking(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some(bill) = model.bill() else {
        return;
    };
    let Some(follow) = bill.follow.as_ref() else {
        return;
    };
    let last = model.session.last_act();
    let title = match last {
        Some((ActionKind::Pay, Outcome::Done(()))) => {
            Line::styled(t.tracking_title_paid, c.theme.ok())
        }
        Some((ActionKind::Cancel, Outcome::Done(()))) => {
            Line::styled(t.tracking_title_cancelled, c.theme.ok())
        }
        Some((_, Outcome::Unknown(_))) => Line::styled(t.tracking_title_checking, c.theme.error()),
        _ => Line::styled(t.result_title, c.theme.ok()),
    };
    c.wrapped(0, title, 2);
    // Auto-pay that could not pay (the order still reads pending payment) is not called paid.
    let unpaid = model.session.order_status.is_some_and(|s| s.payable());
    if bill.auto_paid && last.is_none() && !unpaid {
        c.wrapped(0, Line::styled(t.next_paid, c.theme.dim()), 2);
    }
    c.gap();
    c.labelled(
        t.order_id,
        W,
        Line::styled(bill.order_id.clone(), c.theme.title()),
        false,
    );
    let shown = bill.ca_ids.len().min(3);
    for (i, id) in bill.ca_ids.iter().take(shown).enumerate() {
        let label = if i == 0 { t.ca_ids } else { "" };
        c.labelled(label, W, Line::raw(id.clone()), false);
    }
    if bill.ca_ids.len() > shown {
        c.labelled(
            "",
            W,
            Line::styled(t.more_ids(bill.ca_ids.len() - shown), c.theme.dim()),
            false,
        );
    }
    super::parts::journal(model, c);
    c.gap();
    // In words: the API's number stays in the journal, JSON and `--verbose`.
    let status = match model.session.order_status {
        Some(s) => t.order_status(s),
        None => t.status_first_read.to_string(),
    };
    let value = match &follow.state {
        FollowState::Waiting => Line::from(vec![
            Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
            Span::raw(" "),
            Span::styled(status, c.theme.title()),
            Span::styled(
                format!(" · {}", t.tracking_elapsed(secs(follow.elapsed))),
                c.theme.dim(),
            ),
        ]),
        FollowState::Completed(_) => Line::styled(status, c.theme.ok()),
        _ => Line::styled(status, c.theme.title()),
    };
    c.labelled(t.status_label, W, value, false);
    let indent = 2 + W + 1;
    if let Some(e) = &follow.poll_error {
        c.wrapped(
            indent,
            Line::styled(t.tracking_poll_failed(&t.call_error(e)), c.theme.error()),
            2,
        );
    }
    match &follow.state {
        FollowState::Waiting => {}
        FollowState::Completed(_) => {
            let words = t.tracking_completed(
                &key(Context::TrackingCompleted, Action::ActivateCas),
                &this_key(Context::TrackingCompleted, Action::ActivateCas, Key::Enter),
            );
            c.wrapped(indent, Line::styled(words, c.theme.ok()), 2);
        }
        FollowState::Ended(s) => {
            // A cancellation done here already says so in the title.
            if !matches!(last, Some((ActionKind::Cancel, Outcome::Done(())))) {
                c.wrapped(
                    indent,
                    Line::styled(t.tracking_ended(&t.order_status(*s)), c.theme.error()),
                    2,
                );
            }
        }
        FollowState::TimedOut => {
            c.wrapped(
                indent,
                Line::styled(t.tracking_timed_out, c.theme.error()),
                2,
            );
        }
    }
    c.gap();
    if bill.may_act(&model.session) {
        pay_or_cancel(c);
        c.gap();
    }
    if follow.waiting() {
        c.wrapped(
            0,
            Line::styled(
                t.tracking_leave(
                    &bill.order_id,
                    &key(Context::Tracking, Action::Leave),
                    if model.header.sandbox {
                        " --sandbox"
                    } else {
                        ""
                    },
                ),
                c.theme.dim(),
            ),
            2,
        );
    }
    if let Some(words) = copied_words(model.notice, t) {
        c.wrapped(0, Line::styled(words, c.theme.ok()), 2);
    }
}

/// A pay or cancel that was refused, not sent, or has no known outcome: the facts and what to do.
pub(super) fn act_failed(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some((kind, outcome)) = model.session.last_act() else {
        return;
    };
    let title = match (kind, outcome) {
        (ActionKind::Pay, Outcome::Rejected(_)) => t.pay_rejected,
        (ActionKind::Pay, Outcome::NotSent(_)) => t.pay_not_sent,
        (ActionKind::Pay, _) => t.pay_unknown,
        (ActionKind::Cancel, Outcome::Rejected(_)) => t.cancel_rejected,
        (ActionKind::Cancel, Outcome::NotSent(_)) => t.cancel_not_sent,
        (ActionKind::Cancel, _) => t.cancel_unknown,
    };
    c.wrapped(0, Line::styled(title, c.theme.error()), u16::MAX);
    c.gap();
    if let Some(bill) = model.bill() {
        c.labelled(t.order_id, W, Line::raw(bill.order_id.clone()), false);
    }
    let indent = 2 + W + 1;
    match outcome {
        Outcome::Rejected(ApiError {
            status,
            code,
            message,
            request_id,
        }) => {
            c.labelled(t.http_status, W, Line::raw(status.to_string()), false);
            c.labelled(t.error_code, W, Line::raw(code.clone()), false);
            let y = c.y;
            c.labelled(t.message, W, Line::raw(""), false);
            c.y = y;
            let message = if message.is_empty() { t.none } else { message };
            // The service's whole answer: it wraps, and the screen scrolls (PgDn) when it is long.
            c.wrapped(indent, Line::raw(message.to_string()), u16::MAX);
            let id = request_id.clone().unwrap_or_else(|| t.none.to_string());
            c.labelled(t.request_id, W, Line::raw(id), false);
        }
        Outcome::NotSent(reason) | Outcome::Unknown(reason) => {
            let y = c.y;
            c.labelled(t.reason, W, Line::raw(""), false);
            c.y = y;
            c.wrapped(indent, Line::raw(t.reason_sentence(reason)), u16::MAX);
        }
        Outcome::Done(()) => {}
    }
    super::parts::journal(model, c);
    c.gap();
    let y = c.y;
    c.labelled(t.what_to_do, W, Line::raw(""), false);
    c.y = y;
    c.wrapped(
        indent,
        Line::styled(act_advice(*kind, outcome, t), c.theme.title()),
        u16::MAX,
    );
}

/// What to do after a pay or cancel, by its outcome's class.
/// Each names the key back to the order (`r`), read from the keymap.
pub fn act_advice(kind: ActionKind, outcome: &Outcome<()>, t: &Text) -> String {
    let back = key(Context::ActFailed, Action::BackToOrder);
    match (outcome, kind) {
        (Outcome::Rejected(_), _) => t.act_advice_rejected(&back),
        (Outcome::NotSent(_), _) => t.act_advice_not_sent(&back),
        (Outcome::Unknown(_), ActionKind::Pay) => t.pay_advice_unknown(&back),
        (Outcome::Unknown(_), ActionKind::Cancel) => t.cancel_advice_unknown(&back),
        (Outcome::Done(()), _) => String::new(),
    }
}

/// The billing part of the summary printed after the wizard ends: each pay and cancel attempt (and one
/// left in flight), the status last seen, so the scrollback keeps what happened to the order.
pub(super) fn summary(model: &Model, t: &Text, row: &dyn Fn(&str, &str) -> String) -> String {
    // From the session's record: activation may have taken over from billing since.
    let mut out = String::new();
    let label = |k: ActionKind| match k {
        ActionKind::Pay => t.summary_pay,
        ActionKind::Cancel => t.summary_cancel,
    };
    for (kind, outcome) in &model.session.acts {
        let word = match outcome {
            Outcome::Done(()) => t.summary_done.to_string(),
            Outcome::Rejected(e) => {
                format!("{} (HTTP {} {})", t.summary_rejected, e.status, e.code)
            }
            Outcome::NotSent(_) => t.summary_not_sent.to_string(),
            Outcome::Unknown(_) => t.summary_unknown.to_string(),
        };
        out.push_str(&row(label(*kind), &word));
    }
    if let Some(kind) = model.bill().and_then(|b| b.act_in_flight) {
        out.push_str(&row(label(kind), t.summary_left_in_flight));
    }
    if let Some(status) = model.session.order_status {
        out.push_str(&row(t.status_label, &t.order_status_with_code(status)));
    }
    out
}

/// What a copy notice says on the order's screens: the order id, or its CA ids, sent (OSC 52).
pub(super) fn copied_words(notice: Option<Notice>, t: &Text) -> Option<&'static str> {
    match notice? {
        Notice::Copied => Some(t.copied),
        Notice::CopiedCas => Some(t.copied_cas),
        _ => None,
    }
}

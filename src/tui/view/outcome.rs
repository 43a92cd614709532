//! Submitting, Result and Error: what happened to the order and what to do next.

use ratatui::text::{Line, Span};

use super::{Canvas, order_url, parts};
use crate::api::{Outcome, Reason};
use crate::tui::model::Model;

use super::W;
use super::keys::key;
use crate::tui::keymap::{Action, Context};

/// While the order is in flight: spinner, elapsed time, where it went.
pub(super) fn submitting(model: &Model, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::from(vec![
        Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
        Span::raw(" "),
        Span::styled(t.submitting(model.elapsed.as_secs_f64()), c.theme.title()),
    ]));
    c.gap();
    let y = c.y;
    c.labelled(t.sent_to, W, Line::raw(""), false);
    c.y = y;
    c.wrapped(2 + W + 1, Line::raw(order_url(model)), 2);
    c.gap();
    let note = t.submitting_note(&key(Context::Submitting, Action::Quit));
    c.wrapped(0, Line::styled(note, c.theme.dim()), 2);
}

/// The order was created: its id, every CA id, what to do next, the journal.
pub(super) fn result(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some((request, Outcome::Done(created))) = model.last() else {
        return;
    };
    c.line(Line::styled(t.result_title, c.theme.ok()));
    c.gap();
    c.labelled(
        t.order_id,
        W,
        Line::styled(created.order_id.clone(), c.theme.title()),
        false,
    );
    // Leave room for the amount, the journal, next steps and a notice.
    // At least four rows, however short the terminal: the screen scrolls, and a list cut to one id
    // would hide most of a small order.
    let room = usize::from(c.rows_left().saturating_sub(11)).max(4);
    let shown = if created.ca_ids.len() > room {
        room.saturating_sub(1).max(1)
    } else {
        created.ca_ids.len()
    };
    for (i, id) in created.ca_ids.iter().take(shown).enumerate() {
        let label = if i == 0 { t.ca_ids } else { "" };
        c.labelled(label, W, Line::raw(id.clone()), false);
    }
    if created.ca_ids.is_empty() {
        c.labelled(t.ca_ids, W, Line::raw(t.none), false);
    }
    if created.ca_ids.len() > shown {
        c.labelled(
            "",
            W,
            Line::styled(t.more_ids(created.ca_ids.len() - shown), c.theme.dim()),
            false,
        );
    }
    super::billing::amount_row(model, c);
    parts::journal(model, c);
    c.gap();
    c.line(Line::styled(t.next_title, c.theme.title()));
    if !super::billing::unpaid_next(model, c) {
        let pay = if request.auto_pay() {
            t.next_paid
        } else {
            t.next_pay
        };
        c.bullet(2, pay, u16::MAX);
    }
    c.bullet(2, t.next_activate, u16::MAX);
    if let Some(words) = super::billing::copied_words(model.notice, t) {
        c.gap();
        c.wrapped(0, Line::styled(words, c.theme.ok()), 2);
    }
}

/// The order failed or its fate is unknown: the facts, and what to do for that class.
pub(super) fn error(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let Some(outcome) = model.outcome() else {
        return;
    };
    let indent = 2 + W + 1;
    match outcome {
        Outcome::Rejected(e) => {
            c.wrapped(
                0,
                Line::styled(rejected_title(e, t), c.theme.error()),
                u16::MAX,
            );
            c.gap();
            c.labelled(t.http_status, W, Line::raw(e.status.to_string()), false);
            c.labelled(t.error_code, W, Line::raw(e.code.clone()), false);
            // The service's whole answer: it wraps, and the screen scrolls (PgDn) when it is long.
            super::parts::labelled_wrapped(c, t.message, &e.message, u16::MAX);
            let id = e.request_id.clone().unwrap_or_else(|| t.none.to_string());
            c.labelled(t.request_id, W, Line::raw(id), false);
        }
        Outcome::Unknown(reason) | Outcome::NotSent(reason) => {
            let title = if matches!(outcome, Outcome::Unknown(_)) {
                t.error_unknown
            } else {
                t.error_not_sent
            };
            c.wrapped(0, Line::styled(title, c.theme.error()), u16::MAX);
            c.gap();
            super::parts::labelled_wrapped(c, t.reason, &t.reason_sentence(reason), u16::MAX);
        }
        Outcome::Done(_) => return,
    }
    parts::journal(model, c);
    c.gap();
    let y = c.y;
    c.labelled(t.what_to_do, W, Line::raw(""), false);
    c.y = y;
    let what = match outcome {
        // The one advice that names a wizard key: `r`, back to the review.
        Outcome::Rejected(e) if e.status == 400 => {
            t.advice_400(&key(Context::Error, Action::Review))
        }
        _ => advice(outcome, t).to_string(),
    };
    c.wrapped(indent, Line::styled(what, c.theme.title()), u16::MAX);
    c.wrapped(indent, Line::styled(t.retry_note, c.theme.dim()), u16::MAX);
}

// Shared with the command line, so it lives outside the wizard's views (issue 8).
pub use crate::advice::{advice, advice_after, rejected_title};

/// Every order attempt of the session as plain lines (no styling), in the wizard's language: printed to
/// stdout after the wizard leaves the alternate screen, so no order id is only on a screen that is gone.
/// An order still in flight is reported as possibly placed. `None` when no order was sent.
pub fn summary(model: &Model) -> Option<String> {
    let in_flight = model.order_form().and_then(|f| f.in_flight.as_ref());
    if model.session.attempts.is_empty() && in_flight.is_none() {
        return None;
    }
    let t = model.lang.text();
    // Padded by display columns, not chars: a Chinese label is two columns a character.
    let row = |label: &str, value: &str| {
        let fill = 12usize.saturating_sub(unicode_width::UnicodeWidthStr::width(label));
        format!("  {label}{} {value}\n", " ".repeat(fill))
    };
    let mut out = String::new();
    if model.header.sandbox {
        out.push_str(t.sandbox_banner);
        out.push('\n');
    }
    let still_open = in_flight.map(|_| Outcome::Unknown(Reason::LeftInFlight));
    let answered = model.session.attempts.len();
    for (i, outcome) in model
        .session
        .attempts
        .iter()
        .map(|(_, o)| o)
        .chain(still_open.as_ref())
        .enumerate()
    {
        if i > 0 {
            out.push('\n');
        }
        match outcome {
            Outcome::Done(created) => {
                out.push_str(t.result_title);
                out.push('\n');
                out.push_str(&row(t.order_id, &created.order_id));
                for (i, id) in created.ca_ids.iter().enumerate() {
                    out.push_str(&row(if i == 0 { t.ca_ids } else { "" }, id));
                }
            }
            Outcome::Rejected(e) => {
                out.push_str(rejected_title(e, t));
                out.push('\n');
                out.push_str(&row(t.http_status, &e.status.to_string()));
                out.push_str(&row(t.error_code, &e.code));
                out.push_str(&row(t.message, &e.message));
                out.push_str(&row(
                    t.request_id,
                    e.request_id.as_deref().unwrap_or(t.none),
                ));
            }
            Outcome::Unknown(reason) | Outcome::NotSent(reason) => {
                let title = if matches!(outcome, Outcome::Unknown(_)) {
                    t.error_unknown
                } else {
                    t.error_not_sent
                };
                out.push_str(title);
                out.push('\n');
                // The attempt still in flight has no reason beyond its title.
                if i < answered {
                    out.push_str(&row(t.reason, &t.reason_sentence(reason)));
                }
            }
        }
        if !matches!(outcome, Outcome::Done(_)) {
            out.push_str(&row(t.what_to_do, advice_after(outcome, t)));
        }
    }
    out.push_str(&super::billing::summary(model, t, &row));
    out.push_str(&row(t.journal, &model.header.journal_path));
    for why in &model.session.journal_warnings {
        out.push_str(&format!("{}\n  {why}\n", t.journal_warning));
    }
    Some(out)
}

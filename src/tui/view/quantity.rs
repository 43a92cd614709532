//! Step 2: how many CAs, with the account's CA quota read in the background.

use ratatui::text::{Line, Span};

use super::{COUNT_W, Canvas, fit};
use crate::order::limits::OUR_MAX_QUANTITY;
use crate::order::validate::quantity_range;
use crate::tui::model::{Load, Model, Notice, TextField};
use crate::tui::text::RangeWhat;

/// Step 2: quantity and the account's quota.
pub(super) fn quantity(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    c.line(Line::styled(t.quantity_question, c.theme.title()));
    c.gap();
    let quota = form.quota_left();
    let (min, max) = quantity_range(quota);
    // Name whichever limit binds: the quota when it leaves fewer than our own per-order maximum.
    let what = if quota.is_some_and(|q| q.left() < OUR_MAX_QUANTITY) {
        RangeWhat::CasQuota
    } else {
        RangeWhat::Cas
    };
    let note = Line::styled(t.range_note(min, max, what), c.theme.dim());
    let focused = model.text_focus() == Some(TextField::Quantity);
    c.field(t.quantity, &form.quantity_input, COUNT_W, focused, note);
    c.under_field(form.quantity().err().map(|e| t.rule(&e.rule)), None);
    quota_status(model, c);
    if model.notice == Some(Notice::QuotaShrank) {
        c.gap();
        c.wrapped(2, Line::styled(t.quota_shrank, c.theme.warn()), 2);
    }
}

fn quota_status(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    match &form.quota {
        Load::Loading => c.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
            Span::raw(" "),
            Span::styled(t.quota_loading, c.theme.dim()),
        ])),
        Load::Loaded(q) => c.line(Line::from(vec![
            Span::raw("  "),
            Span::raw(t.quota_line(q.used, q.quota, q.left())),
        ])),
        Load::Failed(e) => {
            let why = t.quota_failed(&fit(&t.call_error(e), 160));
            c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
        }
    }
}

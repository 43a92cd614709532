//! Step 3: auto-renew and auto-pay, each with a line on what it means.

use ratatui::text::{Line, Span};

use super::keys::key;
use super::{Canvas, LABEL_W, choice};
use crate::tui::keymap::{Action, Context};
use crate::tui::model::{Model, RenewalFocus};

/// Step 3: auto-renew and auto-pay, each with what it means.
pub(super) fn renewal(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    c.line(Line::styled(t.renewal_question, c.theme.title()));
    c.gap();
    let pay_no = t.pay_no(&key(Context::ResultUnpaid, Action::Pay));
    let rows = [
        (
            RenewalFocus::AutoRenew,
            t.auto_renew,
            form.auto_renew,
            if form.auto_renew {
                t.renew_yes
            } else {
                t.renew_no
            },
        ),
        (
            RenewalFocus::AutoPay,
            t.auto_pay,
            form.auto_pay,
            if form.auto_pay { t.pay_yes } else { &pay_no },
        ),
    ];
    for (focus, label, value, meaning) in rows {
        let focused = form.renewal_focus == focus;
        let mut spans = choice(c, value, t.yes);
        spans.push(Span::raw("   "));
        spans.extend(choice(c, !value, t.no));
        c.labelled(label, LABEL_W, Line::from(spans), focused);
        c.wrapped(2 + LABEL_W + 1, Line::raw(meaning), 2);
        c.gap();
    }
}

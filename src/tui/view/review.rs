//! Step 5: every choice in plain words, the promotion text, where the order goes, and the JSON body.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use super::{Canvas, order_url};
use crate::tui::model::{Load, Model, ReviewFocus, TextField};
use crate::tui::text::Text;

/// Step 5: every choice in plain words, the promotion field, where it goes, and the button.
pub(super) fn review(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    const W: u16 = 19;
    c.line(Line::styled(t.review_intro, c.theme.title()));
    // An unreadable configuration of what the region sells blocks nothing and is said quietly.
    if let Load::Failed(e) = &form.console {
        let words = t.console_unread(&model.header.region, &t.call_error(e));
        c.wrapped(2, Line::styled(words, c.theme.dim()), 2);
    }
    c.gap();
    let period = form
        .period_num()
        .map(|n| t.period_value(n, form.period_unit))
        .unwrap_or_else(|_| form.period_input.value().to_string());
    let quantity = form
        .quantity()
        .map(|n| t.quantity_value(n))
        .unwrap_or_else(|_| form.quantity_input.value().to_string());
    let renew = if form.auto_renew {
        t.renew_value_yes
    } else {
        t.renew_value_no
    };
    let pay = if form.auto_pay {
        t.pay_value_yes
    } else {
        t.pay_value_no
    };
    let project_name = form.project_name(&form.enterprise_project_id);
    let project = t.project_value(&form.enterprise_project_id, project_name.as_deref());
    for (label, value) in [
        (t.period, period),
        (t.quantity, quantity),
        (t.auto_renew, renew.to_string()),
        (t.auto_pay, pay.to_string()),
        (t.project, project),
    ] {
        c.labelled(label, W, Line::raw(value), false);
    }
    super::billing::price_rows(model, c, W);
    // The promotion field uses the review's wider label column.
    let focused = model.text_focus() == Some(TextField::Promotion);
    let width = c.area.width.saturating_sub(2 + W + 2);
    c.field_with(
        t.promotion,
        W,
        &form.promotion_input,
        width,
        focused,
        Line::raw(""),
    );
    let indent = 2 + W + 1;
    let start = c.y;
    match form.promotion_error() {
        Some(e) => c.wrapped(indent, Line::styled(t.rule(&e.rule), c.theme.error()), 2),
        None => c.wrapped(indent, Line::styled(t.promotion_hint, c.theme.dim()), 1),
    }
    c.y = (start + 2).min(c.area.bottom());
    let y = c.y;
    c.labelled(t.sent_to, W, Line::raw(""), false);
    c.y = y;
    c.wrapped(indent, Line::raw(order_url(model)), 2);
    c.gap();
    // A region that sells no yearly/monthly CA, said before anything is confirmed, beside the button
    // that then asks nothing: the screen follows the focus, so the sentence stays in view with it.
    if form.region_refuses() {
        let words = t.region_sells_none(&model.header.region);
        c.wrapped(2, Line::styled(words, c.theme.error()), 3);
        c.gap();
    }
    let button = format!("[ {} ]", t.place_order);
    let focused = form.review_focus == ReviewFocus::PlaceOrder;
    if focused {
        c.mark_focus();
    }
    // Nothing can be placed here: the button is shown unavailable, focused or not.
    let style = if form.region_refuses() {
        c.theme.dim()
    } else if focused {
        c.theme.focus()
    } else {
        c.theme.title()
    };
    c.line(Line::from(vec![
        Span::raw("  "),
        Span::styled(button, style),
    ]));
}

/// The exact JSON body, over the body area, scrollable.
pub(super) fn json_overlay(
    model: &Model,
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    t: &Text,
    theme: &Theme,
) {
    let Some(form) = model.order_form() else {
        return;
    };
    let body = match form.request() {
        Ok(req) => req.to_json_pretty(),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.field, t.rule(&e.rule)))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let mut lines = vec![Line::styled(order_url(model), theme.dim())];
    lines.extend(body.lines().map(|l| Line::raw(l.to_string())));
    let inner_w = usize::from(area.width.saturating_sub(2).max(1));
    let total: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    let total = u16::try_from(total).unwrap_or(u16::MAX);
    let visible = area.height.saturating_sub(2);
    let scroll = scroll.min(total.saturating_sub(visible));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(format!(" {} ", t.json_title))),
        area,
    );
}

//! The five input steps and the JSON overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use super::{Canvas, LABEL_W, fit, order_url, pad};
use crate::order::PeriodUnit;
use crate::order::validate::{period_range, quantity_range};
use crate::tui::model::{
    Load, Model, Notice, ProjectMode, ProjectRow, RenewalFocus, ReviewFocus, TextField,
};
use crate::tui::text::{RangeWhat, Text};

/// Width of a count field.
const COUNT_W: u16 = 8;

fn choice<'a>(c: &Canvas, selected: bool, label: &'a str) -> Vec<Span<'a>> {
    let mark = if selected { "● " } else { "○ " };
    let style = if selected {
        c.theme.title()
    } else {
        ratatui::style::Style::new()
    };
    vec![Span::styled(mark, style), Span::styled(label, style)]
}

/// Step 1: unit and count.
pub(super) fn period(model: &Model, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(t.period_question, c.theme.title()));
    c.gap();
    for (i, unit) in [PeriodUnit::Month, PeriodUnit::Year]
        .into_iter()
        .enumerate()
    {
        let label = if i == 0 { t.unit } else { "" };
        let value = Line::from(choice(c, model.period_unit == unit, t.unit_name(unit)));
        c.labelled(label, LABEL_W, value, false);
    }
    let (min, max) = period_range(model.period_unit);
    let what = match model.period_unit {
        PeriodUnit::Month => RangeWhat::Months,
        PeriodUnit::Year => RangeWhat::Years,
    };
    let note = Line::styled(t.range_note(min, max, what), c.theme.dim());
    let focused = model.text_focus() == Some(TextField::PeriodCount);
    c.field(t.count, &model.period_input, COUNT_W, focused, note);
    c.under_field(model.period_num().err().map(|e| t.rule(&e.rule)), None);
    c.line(Line::styled(t.period_note, c.theme.dim()));
}

/// Step 2: quantity and the account's quota.
pub(super) fn quantity(model: &Model, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(t.quantity_question, c.theme.title()));
    c.gap();
    let quota = model.quota_left();
    let (min, max) = quantity_range(quota);
    let what = if quota.is_some() {
        RangeWhat::CasQuota
    } else {
        RangeWhat::Cas
    };
    let note = Line::styled(t.range_note(min, max, what), c.theme.dim());
    let focused = model.text_focus() == Some(TextField::Quantity);
    c.field(t.quantity, &model.quantity_input, COUNT_W, focused, note);
    c.under_field(model.quantity().err().map(|e| t.rule(&e.rule)), None);
    quota_status(model, c);
    if model.notice == Some(Notice::QuotaShrank) {
        c.gap();
        c.wrapped(2, Line::styled(t.quota_shrank, c.theme.warn()), 2);
    }
}

fn quota_status(model: &Model, c: &mut Canvas) {
    let t = c.text;
    match &model.quota {
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
            let why = t.quota_failed(&fit(&e.to_string(), 160));
            c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
        }
    }
}

/// Step 3: auto-renew and auto-pay, each with what it means.
pub(super) fn renewal(model: &Model, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(t.renewal_question, c.theme.title()));
    c.gap();
    let rows = [
        (
            RenewalFocus::AutoRenew,
            t.auto_renew,
            model.auto_renew,
            if model.auto_renew {
                t.renew_yes
            } else {
                t.renew_no
            },
        ),
        (
            RenewalFocus::AutoPay,
            t.auto_pay,
            model.auto_pay,
            if model.auto_pay { t.pay_yes } else { t.pay_no },
        ),
    ];
    for (focus, label, value, meaning) in rows {
        let focused = model.renewal_focus == focus;
        let mut spans = choice(c, value, t.yes);
        spans.push(Span::raw("   "));
        spans.extend(choice(c, !value, t.no));
        c.labelled(label, LABEL_W, Line::from(spans), focused);
        c.wrapped(2 + LABEL_W + 1, Line::raw(meaning), 2);
        c.gap();
    }
}

/// Step 4: the enterprise project, from the list or typed.
pub(super) fn project(model: &Model, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(t.project_question, c.theme.title()));
    c.gap();
    match model.project_mode {
        ProjectMode::List => project_list(model, c),
        ProjectMode::Typed => {
            let focused = model.text_focus() == Some(TextField::ProjectId);
            c.field(
                t.project_id,
                &model.project_id_input,
                40,
                focused,
                Line::raw(""),
            );
            let error = model.typed_project_error().map(|e| t.rule(&e.rule));
            c.under_field(error, Some(t.project_id_hint));
            c.gap();
        }
    }
    match &model.projects {
        Load::Loading => c.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
            Span::raw(" "),
            Span::styled(t.projects_loading, c.theme.dim()),
        ])),
        Load::Failed(e) => {
            let why = t.projects_failed(&fit(&e.to_string(), 160));
            c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
        }
        Load::Loaded(_) => {}
    }
}

fn project_list(model: &Model, c: &mut Canvas) {
    let t = c.text;
    let focused = model.text_focus() == Some(TextField::ProjectFilter);
    c.field(t.filter, &model.project_filter, 30, focused, Line::raw(""));
    c.gap();
    let list = model.project_list();
    let rows = model.project_rows();
    // Room for the rows, keeping two lines for the status below.
    let room = usize::from(c.rows_left().saturating_sub(2)).max(1);
    let cursor = model.project_cursor.min(rows.len().saturating_sub(1));
    let first = cursor.saturating_sub(room.saturating_sub(1));
    if rows.len() == 1 {
        c.line(Line::styled(format!("  {}", t.no_match), c.theme.dim()));
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(room) {
        let selected = i == cursor;
        let marker = if selected { "▸ " } else { "  " };
        let (text, enabled) = match row {
            ProjectRow::Project(p) => match list.get(*p) {
                Some(p) => {
                    let mut name = p.name.clone();
                    if p.id == "0" && !name.eq_ignore_ascii_case("default") {
                        name = format!("{name} {}", t.default_project);
                    }
                    let status = if p.enabled { "" } else { t.disabled };
                    (
                        format!("{} {} {status}", pad(&name, 26), pad(&p.id, 36)),
                        p.enabled,
                    )
                }
                None => continue,
            },
            ProjectRow::EnterId => (t.enter_id_row.to_string(), true),
        };
        let style = if selected {
            c.theme.focus()
        } else if enabled {
            ratatui::style::Style::new()
        } else {
            c.theme.dim()
        };
        let width = usize::from(c.area.width.saturating_sub(4));
        c.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{marker}{}", fit(text.trim_end(), width)), style),
        ]));
    }
}

/// Step 5: every choice in plain words, the promotion field, where it goes, and the button.
pub(super) fn review(model: &Model, c: &mut Canvas) {
    let t = c.text;
    const W: u16 = 19;
    c.line(Line::styled(t.review_intro, c.theme.title()));
    c.gap();
    let period = model
        .period_num()
        .map(|n| t.period_value(n, model.period_unit))
        .unwrap_or_else(|_| model.period_input.value().to_string());
    let quantity = model
        .quantity()
        .map(|n| t.quantity_value(n))
        .unwrap_or_else(|_| model.quantity_input.value().to_string());
    let renew = if model.auto_renew {
        t.renew_value_yes
    } else {
        t.renew_value_no
    };
    let pay = if model.auto_pay {
        t.pay_value_yes
    } else {
        t.pay_value_no
    };
    let project_name = model.project_name(&model.enterprise_project_id);
    let project = t.project_value(&model.enterprise_project_id, project_name.as_deref());
    for (label, value) in [
        (t.period, period),
        (t.quantity, quantity),
        (t.auto_renew, renew.to_string()),
        (t.auto_pay, pay.to_string()),
        (t.project, project),
    ] {
        c.labelled(label, W, Line::raw(value), false);
    }
    // The promotion field uses the review's wider label column.
    let focused = model.text_focus() == Some(TextField::Promotion);
    let width = c.area.width.saturating_sub(2 + W + 2);
    c.field_with(
        t.promotion,
        W,
        &model.promotion_input,
        width,
        focused,
        Line::raw(""),
    );
    let indent = 2 + W + 1;
    let start = c.y;
    match model.promotion_error() {
        Some(e) => c.wrapped(indent, Line::styled(t.rule(&e.rule), c.theme.error()), 2),
        None => c.wrapped(indent, Line::styled(t.promotion_hint, c.theme.dim()), 1),
    }
    c.y = (start + 2).min(c.area.bottom());
    let y = c.y;
    c.labelled(t.sent_to, W, Line::raw(""), false);
    c.y = y;
    c.wrapped(indent, Line::raw(order_url(model)), 2);
    c.gap();
    let button = format!("[ {} ]", t.place_order);
    let style = if model.review_focus == ReviewFocus::PlaceOrder {
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
    let body = match model.request() {
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

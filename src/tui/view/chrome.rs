//! The frame around every screen: the header (where the order goes, who pays), the footer (the keys that
//! work now, read from the keymap), and the overlays (help, questions, "too small").

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::keys::{key, yes_no};
use super::theme::Theme;
use super::{fit, fit_line, pad, wrap_text};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::model::{BillStep, MIN_HEIGHT, MIN_WIDTH, Model, Pending, Step};
use crate::tui::text::Text;

/// The order endpoint's full URL, as shown on the review and while submitting.
pub(crate) fn order_url(model: &Model) -> String {
    format!(
        "POST {}{}",
        model.header.endpoint.trim_end_matches('/'),
        crate::api::client::ORDER_PATH
    )
}

/// The header's name for the order form's steps.
fn order_step_name(model: &Model, text: &Text) -> &'static str {
    match model.step() {
        Step::Period => text.step_period,
        Step::Quantity => text.step_quantity,
        Step::Renewal => text.step_renewal,
        Step::Project => text.step_project,
        Step::Review => text.step_review,
        Step::Submitting => text.step_submitting,
        Step::Result => text.step_result,
        Step::Error => match model.outcome() {
            Some(crate::api::Outcome::Unknown(_)) => text.step_unknown,
            Some(crate::api::Outcome::NotSent(_)) => text.step_not_sent,
            _ => text.step_error,
        },
    }
}

pub(super) fn draw_header(
    model: &Model,
    frame: &mut Frame,
    area: Rect,
    text: &Text,
    theme: &Theme,
) {
    let step_name = match model.bill_step() {
        Some(BillStep::Result) => text.step_result,
        Some(_) => super::billing::step_name(model, text),
        None => order_step_name(model, text),
    };
    let title = match (model.activation(), model.step().number()) {
        (Some(flow), _) => super::activation::title(flow, text),
        (None, _) if model.manage().is_some() => model
            .manage()
            .map(|flow| match &flow.life.screen {
                Some(screen) => super::lifecycle::title(screen, text),
                None => super::manage::title(flow, text),
            })
            .unwrap_or_default(),
        (None, _) if model.export().is_some() => text.exp_title.to_string(),
        (None, _) if model.csr().is_some() => text.csr_title.to_string(),
        (None, Some(n)) => text.step_of(n, crate::tui::model::STEPS, step_name),
        (None, None) => step_name.to_string(),
    };
    let width = usize::from(area.width);
    let lines = vec![
        fit_line(
            Line::from(vec![
                Span::styled(" pca-order", theme.title()),
                Span::raw(" · "),
                Span::styled(title, theme.title()),
            ]),
            width,
        ),
        Line::from(vec![
            Span::styled(format!(" {} ", text.region), theme.dim()),
            Span::raw(fit(
                &format!("{} · {}", model.header.region, model.header.endpoint),
                width.saturating_sub(text.region.width() + 3),
            )),
        ]),
        Line::from(vec![
            Span::styled(format!(" {} ", text.credentials), theme.dim()),
            Span::raw(fit(
                &format!(
                    "{} · {}",
                    model.header.credential_kind, model.header.credential_source
                ),
                width.saturating_sub(text.credentials.width() + 3),
            )),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, area.y, area.width, 3),
    );
    if model.header.sandbox {
        let banner = if super::billing::shows_money(model) {
            format!(
                " {} · {} ",
                text.sandbox_banner, text.sandbox_prices_pretend
            )
        } else {
            format!(" {} ", text.sandbox_banner)
        };
        let banner = fit(&banner, width.saturating_sub(1));
        frame.render_widget(
            Paragraph::new(Line::styled(banner, theme.banner())),
            Rect::new(area.x + 1, area.y + 3, area.width - 1, 1),
        );
    }
}

/// The question an overlay asks about a pending request, naming exactly what `y` sends.
/// A buy question names the amount when the price for exactly that request is known.
pub(super) fn question(model: &Model, pending: &Pending, text: &Text) -> String {
    if let Some(q) = super::billing::question(pending, text) {
        return q;
    }
    match pending {
        Pending::Order {
            request,
            earlier_may_exist,
        } => {
            let q = match model.order_form().and_then(|f| f.price_for(request)) {
                Some(price) => text.confirm_priced(
                    request.subscription_num,
                    request.period_num,
                    request.period_unit(),
                    &super::billing::amount_to_pay(price),
                    &yes_no(),
                ),
                None => text.confirm(
                    request.subscription_num,
                    request.period_num,
                    request.period_unit(),
                    &yes_no(),
                ),
            };
            if *earlier_may_exist {
                format!("{}\n{q}", text.confirm_again_warning)
            } else {
                q
            }
        }
        Pending::Pay { .. } | Pending::Cancel { .. } => String::new(),
        Pending::Activate {
            request,
            earlier_may_have_activated,
        } => super::activation::question(request, *earlier_may_have_activated, text),
        Pending::Lifecycle { request, typed } => super::lifecycle::question(request, typed, text),
        Pending::SaveSubject { request } => {
            super::csr::question(request, model.header.sandbox, text)
        }
    }
}

/// The footer: the keys that work here, and the page keys while the content is taller than the body
/// (`scrolls`). Where they do not all fit, the last ones give way (help stays: it lists them all) and
/// a "…" says some are left out.
pub(super) fn draw_footer(
    model: &Model,
    frame: &mut Frame,
    area: Rect,
    text: &Text,
    theme: &Theme,
    scrolls: bool,
) {
    let mut hints = footer_hints(model, text);
    if scrolls && let Some(keys) = keymap::page_keys(model.context()) {
        hints.insert(0, (keys, text.hint_scroll));
    }
    let width = |hints: &[(String, &str)]| -> usize {
        1 + hints
            .iter()
            .map(|(k, a)| k.width() + 1 + a.width())
            .sum::<usize>()
            + 3 * hints.len().saturating_sub(1)
    };
    let room = usize::from(area.width);
    let mut left_out = false;
    while width(&hints) + if left_out { 2 } else { 0 } > room && hints.len() > 1 {
        // Help stays: it names every key the footer has no room for.
        let at = hints
            .iter()
            .rposition(|(_, a)| *a != text.hint_help)
            .unwrap_or(hints.len() - 1);
        hints.remove(at);
        left_out = true;
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, action)) in hints.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(action));
    }
    if left_out {
        spans.push(Span::styled(" …", theme.dim()));
    }
    frame.render_widget(Paragraph::new(fit_line(Line::from(spans), room)), area);
}

/// The footer's keys and words where the wizard is now, read from the keymap (the same table that
/// dispatches the keys) and worded by the catalog.
pub fn footer_hints(model: &Model, t: &Text) -> Vec<(String, &'static str)> {
    keymap::footer(model.context())
        .into_iter()
        .map(|h| {
            (
                h.keys.unwrap_or_else(|| t.any_key.to_string()),
                t.hint(h.hint),
            )
        })
        .collect()
}

/// The help's rows for the screen below it: every binding of its context, read from the keymap.
pub fn help_lines(context: Context, t: &Text) -> Vec<(String, &'static str)> {
    keymap::help_rows(context)
        .into_iter()
        .map(|r| {
            (
                r.keys.unwrap_or_else(|| t.any_key.to_string()),
                t.hint(r.hint),
            )
        })
        .collect()
}

pub(super) fn too_small(frame: &mut Frame, area: Rect, text: &Text, theme: &Theme) {
    let msg = text.too_small(
        MIN_WIDTH,
        MIN_HEIGHT,
        area.width,
        area.height,
        &key(Context::TooSmall, Action::Quit),
    );
    let width = usize::from(area.width);
    // Own wrapping, each row padded to fit: even a 1-column terminal gets no wide character cut in two.
    let rows: Vec<String> = wrap_text(&msg, width)
        .iter()
        .map(|r| pad(r, width).trim_end().to_string())
        .collect();
    let n = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let top = area.y + area.height.saturating_sub(n) / 2;
    for (i, row) in rows.into_iter().enumerate() {
        let y = top + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= area.bottom() {
            break;
        }
        frame.render_widget(
            Paragraph::new(Line::styled(row, theme.error())),
            Rect::new(area.x, y, area.width, 1),
        );
    }
}

/// A wide (CJK) character just left of a popup would spill its second column over the popup's border;
/// blank it.
pub(super) fn clear_wide_edge(frame: &mut Frame, r: Rect) {
    if r.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in r.y..r.bottom() {
        if let Some(cell) = buf.cell_mut(Position::new(r.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// A one-line question in a box at the bottom of the body, below the step's content, so the values it
/// asks about stay readable.
/// A bordered question at the bottom of the body, one row per line of `question`.
/// Each line of the question wraps to the body's width, so a narrow terminal still shows all of it.
pub(super) fn dialog(frame: &mut Frame, area: Rect, question: &str, theme: &Theme) {
    let inner = usize::from(area.width.saturating_sub(4)).max(1);
    let rows: Vec<String> = question.lines().flat_map(|l| wrap_text(l, inner)).collect();
    let lines: Vec<Line> = rows
        .iter()
        .map(|l| Line::styled(l.clone(), theme.title()))
        .collect();
    let widest = rows.iter().map(|l| l.width()).max().unwrap_or(0);
    let w = u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .saturating_add(6)
        .min(area.width);
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.bottom().saturating_sub(h),
        w,
        h,
    );
    frame.render_widget(Clear, r);
    clear_wide_edge(frame, r);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().border_style(theme.title()))
            .centered(),
        r,
    );
}

/// The help over the body; over the header too when the body is too short for it (`tall`: the
/// screen above the footer, one column in at each side like the body).
pub(super) fn help(
    context: Context,
    frame: &mut Frame,
    area: Rect,
    tall: Rect,
    text: &Text,
    theme: &Theme,
) {
    let rows = help_lines(context, text);
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, v)| {
            fit_line(
                Line::from(vec![
                    Span::styled(pad(k, key_w), theme.key()),
                    Span::raw(*v),
                ]),
                usize::from(area.width.saturating_sub(2)),
            )
        })
        .collect();
    lines.push(Line::raw(""));
    // The popup spans the full width: nothing wide is left half-covered at its edges.
    let r_w = area.width + 2;
    let footer = text.help_footer(&key(Context::Question, Action::Confirm));
    for row in wrap_text(&footer, usize::from(r_w - 4)) {
        lines.push(Line::styled(row, theme.dim()));
    }
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2;
    let area = if h > area.height { tall } else { area };
    // A short terminal: the rows that do not fit give way to a "…" (the footer's keys still work).
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() > room && room > 0 {
        lines.truncate(room - 1);
        lines.push(Line::styled("…", theme.dim()));
    }
    let r = Rect::new(area.x - 1, area.y, r_w, h.min(area.height));
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(format!(" {} ", text.help_title))
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        r,
    );
}

//! Drawing the wizard: a pure function of the [`Model`]. The frame is header (step, region, endpoint,
//! credentials, sandbox banner), the step's body, and a footer of the keys that work right now; overlays
//! (help, JSON, confirmation) sit on top.
//!
//! This file lays the frame out and picks the step's screen; `chrome.rs` draws the header, footer and
//! overlays; `canvas.rs` is the widget kit the screens write with; `wrap.rs` measures, wraps and cuts text
//! in display columns (CJK-aware). One file per screen (`period.rs` … `outcome.rs`); `parts.rs` holds what
//! several screens draw alike.

pub mod activation;
mod billing;
mod canvas;
mod chrome;
pub mod csr;
mod export;
mod keys;
pub mod lifecycle;
mod manage;
pub mod outcome;
mod parts;
mod period;
mod project;
mod quantity;
mod renewal;
mod review;
pub mod theme;
mod wrap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::model::{BillStep, Model, Overlay, Step};
use theme::Theme;

pub(crate) use canvas::{Canvas, choice};
pub(crate) use chrome::order_url;
use chrome::{dialog, draw_footer, draw_header, help, question, too_small};
pub use chrome::{footer_hints, help_lines};
pub(crate) use wrap::{fit, fit_line, pad, wrap_text};

pub use super::model::{MIN_HEIGHT, MIN_WIDTH};

/// Width of the label column on the input steps.
pub(crate) const LABEL_W: u16 = 14;

/// Width of a count field (period, quantity).
pub(crate) const COUNT_W: u16 = 8;

/// Draws the whole screen for the model. Pure: reads the model, writes the frame (and the cursor).
pub fn view(model: &Model, frame: &mut Frame) {
    draw(model, frame);
    if model.ascii {
        asciify(frame.buffer_mut());
    }
}

/// The ASCII stand-in for a character the screens draw: borders, rules, marks, arrows, the spinner.
fn ascii_for(c: char) -> Option<char> {
    Some(match c {
        '─' | '━' | '═' => '-',
        '│' | '┃' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' => {
            '+'
        }
        '●' | '✓' => '*',
        '○' => 'o',
        '▸' | '▶' | '►' | '→' => '>',
        '◂' | '◀' | '←' => '<',
        '↑' => '^',
        '↓' => 'v',
        '…' => '.',
        '·' | '•' | '—' | '–' => '-',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '×' => 'x',
        '⠋' | '⠙' | '⠹' | '⠸' | '⠼' | '⠴' | '⠦' | '⠧' | '⠇' | '⠏' => '*',
        _ => return None,
    })
}

/// Rewrites a drawn frame in ASCII for a terminal whose locale is not UTF-8: every known symbol gets its
/// stand-in, anything else beyond ASCII becomes `?` (one per column, so the layout stays put).
fn asciify(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        let mut chars = symbol.chars();
        let replacement = match (chars.next().and_then(ascii_for), chars.next()) {
            (Some(c), None) => c.to_string(),
            _ => "?".repeat(symbol.width().max(1)),
        };
        cell.set_symbol(&replacement);
    }
}

fn draw(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    let text = model.lang.text();
    let theme = Theme::new(model.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, text, &theme);
        return;
    }
    let header_h: u16 = if model.header.sandbox { 4 } else { 3 };
    let header = Rect::new(area.x, area.y, area.width, header_h);
    let rule_top = Rect::new(area.x, area.y + header_h, area.width, 1);
    let footer = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let rule_bottom = Rect::new(area.x, footer.y - 1, area.width, 1);
    let body = Rect::new(
        area.x + 1,
        rule_top.y + 1,
        area.width - 2,
        rule_bottom.y - rule_top.y - 1,
    );

    draw_header(model, frame, header, text, &theme);
    let rule = "─".repeat(usize::from(area.width));
    frame.render_widget(Paragraph::new(rule.as_str()).style(theme.dim()), rule_top);
    frame.render_widget(
        Paragraph::new(rule.as_str()).style(theme.dim()),
        rule_bottom,
    );

    // The step writes on a page as wide as the body and far taller; the body shows the window of it
    // the scroll offset asks for, moved to keep the focused row in sight.
    // A page of a few screens first: most steps fit, and its cells are what the first frame's memory is
    // made of (a 400-row page cost 1.4 MB at 80 columns). Only a step that fills it is drawn again on the
    // tall page.
    let draw_page = |rows: u16| {
        let mut page = Buffer::empty(Rect::new(body.x, body.y, body.width, rows));
        let mut canvas = Canvas::new(&mut page, body.height, theme, text);
        canvas.local_times = model.local_times;
        canvas.selected = model.field_selected();
        if let Some(flow) = model.activation() {
            // The activation flow (issue 10) draws its own steps in the wizard's frame.
            activation::body(flow, model.notice, &mut canvas);
        } else if let Some(flow) = model.manage() {
            // "My CAs" (issue 20) too.
            match &flow.life.screen {
                // Auto-renew and unsubscribe draw over the list while they last.
                Some(screen) => lifecycle::body(flow, screen, model.header.sandbox, &mut canvas),
                None => manage::body(flow, &mut canvas),
            }
            lifecycle::notice(model.notice, &mut canvas);
        } else if let Some(flow) = model.export() {
            // The export (issue 21) too.
            export::body(flow, &mut canvas);
        } else if let Some(flow) = model.csr() {
            // The CSR path (issue 21) too.
            csr::body(flow, model.header.sandbox, &mut canvas);
        } else {
            order_step(model, &mut canvas);
        }
        let filled = canvas.reach >= body.y + rows || canvas.y >= body.y + rows;
        let drawn = (canvas.cursor, canvas.focus, canvas.reach);
        (page, drawn, filled)
    };
    let first_rows = body.height.saturating_mul(3).clamp(1, canvas::PAGE_ROWS);
    let (mut page, mut drawn, filled) = draw_page(first_rows);
    if filled && first_rows < canvas::PAGE_ROWS {
        (page, drawn, _) = draw_page(canvas::PAGE_ROWS);
    }
    let (cursor, focus, reach) = drawn;
    let screen = model.screen_context();
    let window = Window::place(
        reach - body.y,
        body.height,
        model.scroll.rows(screen),
        focus.map(|row| row - body.y),
    );
    model
        .scroll
        .drawn(screen, window.offset, window.max, body.height);
    show_window(frame.buffer_mut(), &page, body, window.offset);
    if let Some(p) = cursor {
        let row = p.y - body.y;
        if row >= window.offset && row < window.offset + body.height {
            frame.set_cursor_position(Position::new(p.x, p.y - window.offset));
        }
    }
    if window.offset > 0 {
        scroll_mark(frame, rule_top, text.more_above, &theme);
    }
    if window.offset < window.max {
        scroll_mark(frame, rule_bottom, text.more_below, &theme);
    }

    // The order's JSON view covers the screen (activation's is drawn in its review).
    if let Some(scroll) = model.order_form().and_then(|f| f.json.scroll()) {
        review::json_overlay(
            model,
            frame,
            Rect::new(area.x, area.y, area.width, footer.y - area.y),
            scroll,
            text,
            &theme,
        );
    }
    match &model.overlay {
        Some(Overlay::Confirm(pending)) => {
            dialog(frame, body, &question(model, pending, text), &theme)
        }
        Some(Overlay::ConfirmQuit) => {
            dialog(frame, body, &billing::quit_question(model, text), &theme)
        }
        Some(Overlay::Help) => help(
            model.screen_context(),
            frame,
            body,
            Rect::new(body.x, area.y, body.width, rule_bottom.y - area.y),
            text,
            &theme,
        ),
        None => {}
    }
    draw_footer(model, frame, footer, text, &theme, window.max > 0);
}

/// The rows of the page the body shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    /// Rows of the page scrolled off the top.
    offset: u16,
    /// The most that can be: the content's height less the window's.
    max: u16,
}

impl Window {
    /// The window on content `content` rows tall in a body `height` rows tall: scrolled as `asked`
    /// (within the content), moved just enough to show the `focus` row.
    fn place(content: u16, height: u16, asked: u16, focus: Option<u16>) -> Window {
        let max = content.saturating_sub(height);
        let mut offset = asked.min(max);
        if let Some(row) = focus {
            if row < offset {
                offset = row;
            } else if row >= offset + height {
                offset = (row + 1).saturating_sub(height).min(max);
            }
        }
        Window { offset, max }
    }
}

/// Copies the window of the page into the body, cell by cell (a wide character's second column
/// included, so nothing is half-drawn).
fn show_window(screen: &mut Buffer, page: &Buffer, body: Rect, offset: u16) {
    for row in 0..body.height {
        let from_y = body.y + offset + row;
        if from_y >= page.area.bottom() {
            break;
        }
        for x in body.x..body.right() {
            if let (Some(from), Some(to)) = (
                page.cell(Position::new(x, from_y)),
                screen.cell_mut(Position::new(x, body.y + row)),
            ) {
                *to = from.clone();
            }
        }
    }
}

/// "↑ more above" / "↓ more below" at the right of a rule, where the content goes on past the window.
fn scroll_mark(frame: &mut Frame, rule: Rect, words: &str, theme: &Theme) {
    let mark = format!(" {words} ");
    let w = u16::try_from(mark.width())
        .unwrap_or(u16::MAX)
        .min(rule.width);
    let r = Rect::new(rule.right().saturating_sub(w + 2), rule.y, w, 1);
    frame.render_widget(Paragraph::new(Line::styled(mark, theme.title())), r);
}

/// The order's step in the body.
/// Width of the label column on the outcome screens and the billing screens beside them: one place, so
/// the order's rows and the payment's rows line up.
const W: u16 = 13;

/// The screen in the body: billing's picked by the bill's step, else the order form's by its step.
fn order_step(model: &Model, canvas: &mut Canvas) {
    if let Some(step) = model.bill_step() {
        match step {
            BillStep::Result => outcome::result(model, canvas),
            BillStep::Acting => billing::acting(model, canvas),
            BillStep::Tracking => billing::tracking(model, canvas),
            BillStep::ActFailed => billing::act_failed(model, canvas),
        }
        return;
    }
    match model.step() {
        Step::Period => period::period(model, canvas),
        Step::Quantity => quantity::quantity(model, canvas),
        Step::Renewal => renewal::renewal(model, canvas),
        Step::Project => project::project(model, canvas),
        Step::Review => review::review(model, canvas),
        Step::Submitting => outcome::submitting(model, canvas),
        // Billing (above) or activation has the screen once the order was created.
        Step::Result => {}
        Step::Error => outcome::error(model, canvas),
    }
}

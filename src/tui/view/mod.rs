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
mod keys;
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
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::model::{Model, Overlay, Step};
use theme::Theme;

pub(crate) use canvas::{Canvas, choice};
pub(crate) use chrome::order_url;
use chrome::{dialog, draw_footer, draw_header, help, question, too_small};
pub use chrome::{footer_hints, help_lines};
pub(crate) use wrap::{fit, pad, wrap_text};

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

    let mut canvas = Canvas {
        frame,
        area: body,
        y: body.y,
        theme,
        text,
    };
    if let Some(flow) = model.activation() {
        // The activation flow (issue 10) draws its own steps in the wizard's frame.
        activation::body(flow, &mut canvas);
    } else {
        order_step(model, &mut canvas);
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
        Some(Overlay::Help) => help(model.screen_context(), frame, body, text, &theme),
        None => {}
    }
    draw_footer(model, frame, footer, text, &theme);
}

/// The order's step in the body.
/// Width of the label column on the outcome screens and the billing screens beside them: one place, so
/// the order's rows and the payment's rows line up.
const W: u16 = 13;

fn order_step(model: &Model, canvas: &mut Canvas) {
    match model.step() {
        Step::Period => period::period(model, canvas),
        Step::Quantity => quantity::quantity(model, canvas),
        Step::Renewal => renewal::renewal(model, canvas),
        Step::Project => project::project(model, canvas),
        Step::Review => review::review(model, canvas),
        Step::Submitting => outcome::submitting(model, canvas),
        Step::Result => outcome::result(model, canvas),
        Step::Error => outcome::error(model, canvas),
        Step::Acting => billing::acting(model, canvas),
        Step::Tracking => billing::tracking(model, canvas),
        Step::ActFailed => billing::act_failed(model, canvas),
    }
}

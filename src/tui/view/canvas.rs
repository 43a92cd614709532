//! The widget kit the screens write with: a [`Canvas`] that lays lines top to bottom in the body, with
//! labelled values, text fields (and where the cursor goes), choice marks and the spinner.
//!
//! A screen writes on a page taller than the terminal ([`PAGE_ROWS`]); the frame then shows the window
//! of it the scroll offset asks for (`super::mod.rs`), so content that does not fit scrolls instead of
//! being lost, and the canvas remembers how far it wrote, where the cursor is and which row has focus.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use super::theme::Theme;
use super::{LABEL_W, fit_line, pad, wrap_text};

/// How many rows a screen may write: far more than any screen holds (the longest error wraps to a few
/// dozen at 60 columns), few enough that the page costs nothing to draw.
pub(crate) const PAGE_ROWS: u16 = 400;
use crate::tui::text::Text;

/// A choice mark and label: `● Month` when selected, `○ Year` when not (readable without colour).
pub(crate) fn choice<'a>(c: &Canvas, selected: bool, label: &'a str) -> Vec<Span<'a>> {
    let mark = if selected { "● " } else { "○ " };
    let style = if selected {
        c.theme.title()
    } else {
        Style::new()
    };
    vec![Span::styled(mark, style), Span::styled(label, style)]
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The body as a tall page with a running line position: screens are written top to bottom.
pub(crate) struct Canvas<'a> {
    /// The page: the body's width, [`PAGE_ROWS`] tall.
    pub buf: &'a mut Buffer,
    /// The page's area (starts where the body does).
    pub area: Rect,
    /// The next row to write.
    pub y: u16,
    /// Styles.
    pub theme: Theme,
    /// The wizard's words.
    pub text: &'static Text,
    /// Rows of the body on screen: what a list sizes itself to, so it scrolls by itself.
    window: u16,
    /// Where the terminal cursor goes (the focused field), on the page.
    pub(crate) cursor: Option<Position>,
    /// The focused row, on the page: the window keeps it in sight.
    pub(crate) focus: Option<u16>,
    /// One past the lowest row written.
    pub(crate) reach: u16,
    /// Times in the machine's zone ([`crate::tui::model::Model::local_times`]), else UTC.
    pub local_times: bool,
    /// The focused field's value is selected (typing replaces it): it is drawn reversed.
    pub selected: bool,
}

impl<'a> Canvas<'a> {
    /// A canvas writing on `buf` (whose area is the page), for a body `window` rows tall on screen.
    pub fn new(buf: &'a mut Buffer, window: u16, theme: Theme, text: &'static Text) -> Self {
        let area = buf.area;
        Canvas {
            buf,
            area,
            y: area.y,
            theme,
            text,
            window,
            cursor: None,
            focus: None,
            reach: area.y,
            local_times: false,
            selected: false,
        }
    }
}

impl Canvas<'_> {
    /// Rows left below the current line in a window's height from the top: lists (the project list,
    /// the CA ids) size themselves to what is on screen and scroll by themselves.
    pub fn rows_left(&self) -> u16 {
        (self.area.y + self.window).saturating_sub(self.y)
    }

    /// Draws a widget on the page, noting how far down the page is written.
    fn put<W: Widget>(&mut self, widget: W, r: Rect) {
        let r = r.intersection(self.area);
        if r.is_empty() {
            return;
        }
        widget.render(r, self.buf);
        self.reach = self.reach.max(r.bottom());
    }

    /// Marks the current row as the focused one: the window scrolls to keep it in sight.
    pub fn mark_focus(&mut self) {
        self.focus = Some(self.y);
    }

    /// Writes one line (cut at the edge with a visible "…") and moves down.
    pub fn line(&mut self, line: Line<'_>) {
        if self.y >= self.area.bottom() {
            return;
        }
        let r = Rect::new(self.area.x, self.y, self.area.width, 1);
        let line = fit_line(line, usize::from(self.area.width));
        self.put(Paragraph::new(line), r);
        self.y += 1;
    }

    /// Leaves an empty line.
    pub fn gap(&mut self) {
        self.y = (self.y + 1).min(self.area.bottom());
    }

    /// Writes wrapped text starting at column `indent`, using at most `max_rows` rows. Wraps at spaces,
    /// after `/`, and between CJK characters (which have no spaces), measuring display columns.
    pub fn wrapped(&mut self, indent: u16, line: Line<'_>, max_rows: u16) {
        let width = usize::from(self.area.width.saturating_sub(indent).max(1));
        let style = line
            .spans
            .first()
            .map_or(line.style, |s| line.style.patch(s.style));
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let mut rows = wrap_text(&text, width);
        let max = usize::from(max_rows);
        if rows.len() > max && max > 0 {
            // Mark the cut so a long message is never silently shortened.
            rows.truncate(max);
            if let Some(last) = rows.last_mut() {
                *last = format!("{}…", pad(last, width.saturating_sub(1)).trim_end());
            }
        }
        for row in rows {
            if self.y >= self.area.bottom() {
                return;
            }
            let r = Rect::new(self.area.x + indent, self.y, self.area.width - indent, 1);
            self.put(Paragraph::new(Line::styled(row, style)), r);
            self.y += 1;
        }
    }

    /// A bullet point with a hanging indent.
    pub fn bullet(&mut self, indent: u16, text: &str, max_rows: u16) {
        if self.y < self.area.bottom() {
            self.put(
                Paragraph::new("•"),
                Rect::new(self.area.x + indent, self.y, 1, 1),
            );
        }
        self.wrapped(indent + 2, Line::raw(text.to_string()), max_rows);
    }

    /// A label in the label column followed by a value on the same row.
    pub fn labelled(&mut self, label: &str, label_w: u16, value: Line<'_>, focused: bool) {
        let style = if focused {
            self.mark_focus();
            self.theme.focus()
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::raw(if focused { "▸ " } else { "  " }),
            Span::styled(pad(label, usize::from(label_w)), style),
            Span::raw(" "),
        ];
        spans.extend(value.spans);
        self.line(Line::from(spans));
    }

    /// A labelled text field of `width` columns, with a note after it; puts the terminal cursor in it
    /// when focused, at its display column.
    pub fn field(&mut self, label: &str, input: &Input, width: u16, focused: bool, note: Line<'_>) {
        self.field_with(label, LABEL_W, input, width, focused, note);
    }

    /// [`Canvas::field`] with its own label width.
    pub fn field_with(
        &mut self,
        label: &str,
        label_w: u16,
        input: &Input,
        width: u16,
        focused: bool,
        note: Line<'_>,
    ) {
        self.field_inner(label, label_w, input, width, focused, focused, note);
    }

    /// A field that takes typing while the focus mark belongs to something else (the project filter,
    /// whose list row carries the `▸`).
    pub fn quiet_field(&mut self, label: &str, input: &Input, width: u16, focused: bool) {
        self.field_inner(label, LABEL_W, input, width, focused, false, Line::raw(""));
    }

    #[allow(clippy::too_many_arguments)]
    fn field_inner(
        &mut self,
        label: &str,
        label_w: u16,
        input: &Input,
        width: u16,
        focused: bool,
        marked: bool,
        note: Line<'_>,
    ) {
        if self.y >= self.area.bottom() {
            return;
        }
        let label_style = if marked {
            self.theme.focus()
        } else {
            Style::new()
        };
        let row = self.y;
        if focused || marked {
            self.mark_focus();
        }
        self.put(
            Paragraph::new(Line::from(vec![
                Span::raw(if marked { "▸ " } else { "  " }),
                Span::styled(pad(label, usize::from(label_w)), label_style),
            ])),
            Rect::new(self.area.x, row, 2 + label_w, 1),
        );
        let x = self.area.x + 2 + label_w + 1;
        let width = width.min(self.area.right().saturating_sub(x)).max(3);
        let field = Rect::new(x, row, width, 1).intersection(self.area);
        let selected = focused && self.selected;
        if let Some(cursor) = text_box(self.buf, field, input, focused, selected, &self.theme) {
            self.cursor = Some(cursor);
        }
        self.reach = self.reach.max(row + 1);
        let note_x = x + width + 2;
        if note_x < self.area.right() {
            let note_w = self.area.right() - note_x;
            self.put(
                Paragraph::new(fit_line(note, usize::from(note_w))),
                Rect::new(note_x, row, note_w, 1),
            );
        }
        self.y += 1;
    }

    /// The line under a field: its broken rule in red, or a dim hint; two rows so the layout does not jump.
    pub fn under_field(&mut self, error: Option<String>, hint: Option<&str>) {
        let indent = 2 + LABEL_W + 1;
        let start = self.y;
        match (error, hint) {
            (Some(e), _) => self.wrapped(indent, Line::styled(e, self.theme.error()), 2),
            (None, Some(h)) => {
                self.wrapped(indent, Line::styled(h.to_string(), self.theme.dim()), 2)
            }
            (None, None) => {}
        }
        self.y = (start + 2).min(self.area.bottom());
    }

    /// The spinner glyph for a frame counter.
    pub fn spinner(frame: usize) -> &'static str {
        SPINNER[frame % SPINNER.len()]
    }
}

/// Draws `[text]` in `area` (one row), scrolled so the cursor stays visible; returns where the terminal
/// cursor goes when focused, at the cursor's display column (wide characters count two).
fn text_box(
    buf: &mut Buffer,
    area: Rect,
    input: &Input,
    focused: bool,
    selected: bool,
    theme: &Theme,
) -> Option<Position> {
    if area.width < 3 {
        return None;
    }
    let inner_w = area.width.saturating_sub(2);
    let bracket = if focused { theme.title() } else { theme.dim() };
    Paragraph::new(Span::styled("[", bracket)).render(Rect::new(area.x, area.y, 1, 1), buf);
    Paragraph::new(Span::styled("]", bracket))
        .render(Rect::new(area.right() - 1, area.y, 1, 1), buf);
    // Keep one column free after the text for the cursor.
    let scroll = input.visual_scroll(usize::from(inner_w.saturating_sub(1)));
    let inner = Rect::new(area.x + 1, area.y, inner_w, 1);
    // A selected value is drawn reversed, as terminals draw a selection: typing replaces it.
    let style = if selected {
        theme
            .field(focused)
            .add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        theme.field(focused)
    };
    Paragraph::new(Span::styled(input.value(), style))
        .style(theme.field(focused))
        .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX)))
        .render(inner, buf);
    focused.then(|| {
        let col = input.visual_cursor().saturating_sub(scroll);
        let col = u16::try_from(col)
            .unwrap_or(0)
            .min(inner_w.saturating_sub(1));
        Position::new(inner.x + col, area.y)
    })
}

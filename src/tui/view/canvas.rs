//! The widget kit the screens write with: a [`Canvas`] that lays lines top to bottom in the body, with
//! labelled values, text fields (and where the cursor goes), choice marks and the spinner.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use super::theme::Theme;
use super::{LABEL_W, pad, wrap_text};
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

/// The body area with a running line position: screens are written top to bottom.
pub(crate) struct Canvas<'a, 'b> {
    pub frame: &'a mut Frame<'b>,
    pub area: Rect,
    pub y: u16,
    pub theme: Theme,
    pub text: &'static Text,
}

impl Canvas<'_, '_> {
    /// Rows left below the current line.
    pub fn rows_left(&self) -> u16 {
        self.area.bottom().saturating_sub(self.y)
    }

    /// Writes one line (cut at the edge) and moves down.
    pub fn line(&mut self, line: Line<'_>) {
        if self.y >= self.area.bottom() {
            return;
        }
        let r = Rect::new(self.area.x, self.y, self.area.width, 1);
        self.frame.render_widget(Paragraph::new(line), r);
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
        let max = usize::from(max_rows).min(usize::from(self.rows_left()));
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
            self.frame
                .render_widget(Paragraph::new(Line::styled(row, style)), r);
            self.y += 1;
        }
    }

    /// A bullet point with a hanging indent.
    pub fn bullet(&mut self, indent: u16, text: &str, max_rows: u16) {
        if self.y < self.area.bottom() {
            self.frame.render_widget(
                Paragraph::new("•"),
                Rect::new(self.area.x + indent, self.y, 1, 1),
            );
        }
        self.wrapped(indent + 2, Line::raw(text.to_string()), max_rows);
    }

    /// A label in the label column followed by a value on the same row.
    pub fn labelled(&mut self, label: &str, label_w: u16, value: Line<'_>, focused: bool) {
        let style = if focused {
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
        self.frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(if marked { "▸ " } else { "  " }),
                Span::styled(pad(label, usize::from(label_w)), label_style),
            ])),
            Rect::new(self.area.x, row, 2 + label_w, 1),
        );
        let x = self.area.x + 2 + label_w + 1;
        let width = width.min(self.area.right().saturating_sub(x)).max(3);
        let field = Rect::new(x, row, width, 1);
        if let Some(cursor) = text_box(self.frame, field, input, focused, &self.theme) {
            self.frame.set_cursor_position(cursor);
        }
        let note_x = x + width + 2;
        if note_x < self.area.right() {
            self.frame.render_widget(
                Paragraph::new(note),
                Rect::new(note_x, row, self.area.right() - note_x, 1),
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
    frame: &mut Frame,
    area: Rect,
    input: &Input,
    focused: bool,
    theme: &Theme,
) -> Option<Position> {
    let inner_w = area.width.saturating_sub(2);
    let bracket = if focused { theme.title() } else { theme.dim() };
    frame.render_widget(
        Paragraph::new(Span::styled("[", bracket)),
        Rect::new(area.x, area.y, 1, 1),
    );
    frame.render_widget(
        Paragraph::new(Span::styled("]", bracket)),
        Rect::new(area.right() - 1, area.y, 1, 1),
    );
    // Keep one column free after the text for the cursor.
    let scroll = input.visual_scroll(usize::from(inner_w.saturating_sub(1)));
    let inner = Rect::new(area.x + 1, area.y, inner_w, 1);
    frame.render_widget(
        Paragraph::new(input.value())
            .style(theme.field(focused))
            .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX))),
        inner,
    );
    focused.then(|| {
        let col = input.visual_cursor().saturating_sub(scroll);
        let col = u16::try_from(col)
            .unwrap_or(0)
            .min(inner_w.saturating_sub(1));
        Position::new(inner.x + col, area.y)
    })
}

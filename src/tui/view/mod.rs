//! Drawing the wizard: a pure function of the [`Model`]. The frame is header (step, region, endpoint,
//! credentials, sandbox banner), the step's body, and a footer of the keys that work right now; overlays
//! (help, JSON, confirmation) sit on top.

pub mod outcome;
mod period;
mod project;
mod quantity;
mod renewal;
mod review;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::model::{Model, ProjectMode, ReviewFocus, Step};
use super::text::Text;
use theme::Theme;

pub use super::model::{MIN_HEIGHT, MIN_WIDTH};

/// Width of the label column on the input steps.
const LABEL_W: u16 = 14;

/// Width of a count field (period, quantity).
const COUNT_W: u16 = 8;

/// A choice mark and label: `● Month` when selected, `○ Year` when not (readable without colour).
fn choice<'a>(c: &Canvas, selected: bool, label: &'a str) -> Vec<Span<'a>> {
    let mark = if selected { "● " } else { "○ " };
    let style = if selected {
        c.theme.title()
    } else {
        Style::new()
    };
    vec![Span::styled(mark, style), Span::styled(label, style)]
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

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
        '●' => '*',
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
    match model.step {
        Step::Period => period::period(model, &mut canvas),
        Step::Quantity => quantity::quantity(model, &mut canvas),
        Step::Renewal => renewal::renewal(model, &mut canvas),
        Step::Project => project::project(model, &mut canvas),
        Step::Review => review::review(model, &mut canvas),
        Step::Submitting => outcome::submitting(model, &mut canvas),
        Step::Result => outcome::result(model, &mut canvas),
        Step::Error => outcome::error(model, &mut canvas),
    }

    if let Some(scroll) = model.show_json {
        review::json_overlay(
            model,
            frame,
            Rect::new(area.x, area.y, area.width, footer.y - area.y),
            scroll,
            text,
            &theme,
        );
    }
    if model.confirming
        && let Ok(draft) = model.draft()
    {
        let mut q = text.confirm(draft.subscription_num, draft.period_num, draft.period_unit);
        if model.earlier_may_exist() {
            q = format!("{}\n{q}", text.confirm_again_warning);
        }
        dialog(frame, body, &q, &theme);
    }
    if model.quit_confirm {
        dialog(frame, body, text.quit_in_flight, &theme);
    }
    if model.help {
        help(frame, body, text, &theme);
    }
    draw_footer(model, frame, footer, text, &theme);
}

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

/// Splits text into rows of at most `width` display columns: breaks at spaces, after `/` (URLs), and
/// between wide (CJK) characters; CJK closing punctuation stays with the character before it; a word
/// longer than a row is cut.
pub(crate) fn wrap_text(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    // Tokens: a space, a wide character (with any closing punctuation after it), or a run of the rest
    // ending after a `/`.
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let wide = c.width().unwrap_or(0) > 1;
        if c == ' ' {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            tokens.push(" ".to_string());
        } else if wide && "，。、；：！？）」』】》".contains(c) {
            if !word.is_empty() {
                word.push(c);
            } else if let Some(last) = tokens.last_mut().filter(|t| t.as_str() != " ") {
                last.push(c);
            } else {
                tokens.push(c.to_string());
            }
        } else if wide {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            word.push(c);
            tokens.push(std::mem::take(&mut word));
        } else {
            word.push(c);
            if c == '/' {
                tokens.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for token in tokens {
        let tw = token.width();
        if row.width() + tw <= width {
            if !(row.is_empty() && token == " ") {
                row.push_str(&token);
            }
            continue;
        }
        if token == " " {
            rows.push(std::mem::take(&mut row).trim_end().to_string());
            continue;
        }
        if !row.trim_end().is_empty() {
            rows.push(std::mem::take(&mut row).trim_end().to_string());
        }
        row.clear();
        let mut rest = token;
        while rest.width() > width {
            let head = pad(&rest, width).trim_end().to_string();
            let head_len = head
                .len()
                .max(rest.chars().next().map_or(1, char::len_utf8));
            rows.push(rest[..head_len].to_string());
            rest = rest[head_len..].to_string();
        }
        row = rest;
    }
    if !row.trim_end().is_empty() || rows.is_empty() {
        rows.push(row.trim_end().to_string());
    }
    rows
}

/// Pads (or cuts) text to exactly `width` display columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// Cuts text to at most `width` display columns, marking the cut with `…`.
pub(crate) fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = pad(s, width.saturating_sub(1)).trim_end().to_string();
    out.push('…');
    out
}

/// The order endpoint's full URL, as shown on the review and while submitting.
pub(crate) fn order_url(model: &Model) -> String {
    format!(
        "POST {}{}",
        model.header.endpoint.trim_end_matches('/'),
        crate::api::client::ORDER_PATH
    )
}

fn draw_header(model: &Model, frame: &mut Frame, area: Rect, text: &Text, theme: &Theme) {
    let step_name = match model.step {
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
    };
    let title = match model.step.number() {
        Some(n) => text.step_of(n, super::model::STEPS, step_name),
        None => step_name.to_string(),
    };
    let width = usize::from(area.width);
    let lines = vec![
        Line::from(vec![
            Span::styled(" pca-order", theme.title()),
            Span::raw(" · "),
            Span::styled(title, theme.title()),
        ]),
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
        let banner = format!(" {} ", text.sandbox_banner);
        frame.render_widget(
            Paragraph::new(Line::styled(banner, theme.banner())),
            Rect::new(area.x + 1, area.y + 3, area.width - 1, 1),
        );
    }
}

fn draw_footer(model: &Model, frame: &mut Frame, area: Rect, text: &Text, theme: &Theme) {
    let hints = footer_hints(model, text);
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, action)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(*action));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that work right now, each with what it does: every step lists its own.
pub fn footer_hints(model: &Model, t: &Text) -> Vec<(&'static str, &'static str)> {
    if model.help {
        return vec![("Esc", t.hint_close)];
    }
    if model.confirming {
        return vec![("y", t.hint_buy), ("n, Enter", t.hint_cancel)];
    }
    if model.quit_confirm {
        return vec![("y", t.hint_quit), ("n, Enter", t.hint_cancel)];
    }
    if model.show_json.is_some() {
        return vec![("↑↓", t.hint_scroll), ("Esc, v", t.hint_close)];
    }
    let help = ("?", t.hint_help);
    let quit = ("Ctrl-C", t.hint_quit);
    let back = ("Shift-Tab", t.hint_back);
    match model.step {
        Step::Period => vec![("Enter", t.hint_next), ("↑↓", t.hint_unit), help, quit],
        Step::Quantity => vec![("Enter", t.hint_next), back, help, quit],
        Step::Renewal => vec![
            ("↑↓", t.hint_choose),
            ("Space", t.hint_change),
            ("Enter", t.hint_next),
            ("b", t.hint_back),
            help,
            quit,
        ],
        Step::Project => match model.project_mode {
            ProjectMode::List => vec![
                ("↑↓", t.hint_choose),
                ("a-z", t.hint_filter),
                ("Enter", t.hint_next),
                back,
                help,
                quit,
            ],
            ProjectMode::Typed => {
                vec![("Enter", t.hint_next), ("↑", t.hint_list), back, help, quit]
            }
        },
        Step::Review => match model.review_focus {
            ReviewFocus::PlaceOrder => vec![
                ("Enter", t.hint_place),
                ("↑↓", t.hint_choose),
                ("v", t.hint_json),
                ("b", t.hint_back),
                help,
                quit,
            ],
            ReviewFocus::Promotion => vec![
                ("Enter", t.hint_next),
                ("F2", t.hint_json),
                back,
                ("F1", t.hint_help),
                quit,
            ],
        },
        Step::Submitting => vec![("…", t.hint_wait), quit],
        Step::Result => vec![("c", t.hint_copy), ("q", t.hint_quit), help],
        Step::Error => vec![("r", t.hint_review), ("q", t.hint_quit), help],
    }
}

fn too_small(frame: &mut Frame, area: Rect, text: &Text, theme: &Theme) {
    let msg = text.too_small(MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
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
fn clear_wide_edge(frame: &mut Frame, r: Rect) {
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
fn dialog(frame: &mut Frame, area: Rect, question: &str, theme: &Theme) {
    let lines: Vec<Line> = question
        .lines()
        .map(|l| Line::styled(l.to_string(), theme.title()))
        .collect();
    let widest = question.lines().map(|l| l.width()).max().unwrap_or(0);
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

fn help(frame: &mut Frame, area: Rect, text: &Text, theme: &Theme) {
    let key_w = text
        .help_rows
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines: Vec<Line> = text
        .help_rows
        .iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(pad(k, key_w), theme.key()),
                Span::raw(*v),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    // The popup spans the full width: nothing wide is left half-covered at its edges.
    let r_w = area.width + 2;
    for row in wrap_text(text.help_footer, usize::from(r_w - 4)) {
        lines.push(Line::styled(row, theme.dim()));
    }
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2;
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

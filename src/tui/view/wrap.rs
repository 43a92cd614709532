//! Text measured in display columns: wrapping (CJK-aware), padding and cutting. Every screen lays out
//! through these, so a wide character is never half-drawn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

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

/// Cuts a styled line to at most `width` display columns, marking the cut with `…` in the style of the
/// text it cut: a row that runs past the edge never loses its end silently.
pub(crate) fn fit_line(line: Line<'_>, width: usize) -> Line<'static> {
    let style = line.style;
    let alignment = line.alignment;
    let total: usize = line.spans.iter().map(|s| s.content.width()).sum();
    let owned = |spans: Vec<Span<'static>>| {
        let mut l = Line::from(spans).style(style);
        l.alignment = alignment;
        l
    };
    if total <= width {
        return owned(
            line.spans
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style))
                .collect(),
        );
    }
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    let mut mark_style = Style::new();
    for s in line.spans {
        let w = s.content.width();
        mark_style = s.style;
        if w <= left {
            left -= w;
            spans.push(Span::styled(s.content.into_owned(), s.style));
            continue;
        }
        let head = pad(&s.content, left);
        spans.push(Span::styled(head.trim_end().to_string(), s.style));
        break;
    }
    if width > 0 {
        spans.push(Span::styled("…", mark_style));
    }
    owned(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(rows: &[String]) -> usize {
        rows.iter().map(|r| r.width()).max().unwrap_or(0)
    }

    #[test]
    fn english_breaks_at_spaces_and_never_runs_past_the_width() {
        let rows = wrap_text("Nothing is sent until you answer y on the review.", 20);
        assert_eq!(
            rows,
            vec!["Nothing is sent", "until you answer y", "on the review."]
        );
        assert!(widest(&rows) <= 20);
    }

    #[test]
    fn cjk_breaks_between_characters_counting_two_columns_each() {
        let rows = wrap_text("在确认页按之前不会发送任何请求", 10);
        assert!(rows.iter().all(|r| r.width() <= 10), "{rows:?}");
        assert_eq!(rows.concat(), "在确认页按之前不会发送任何请求");
        assert_eq!(rows[0], "在确认页按");
    }

    #[test]
    fn cjk_closing_punctuation_stays_with_the_character_before_it() {
        // Width 8 fits four wide characters: a naive break would start the second row with "，".
        let rows = wrap_text("请检查端点，然后重试。", 8);
        assert!(
            rows.iter()
                .all(|r| !r.starts_with('，') && !r.starts_with('。')),
            "{rows:?}"
        );
        assert_eq!(rows.concat(), "请检查端点，然后重试。");
    }

    #[test]
    fn urls_break_after_a_slash_and_overlong_words_are_cut() {
        let rows = wrap_text(
            "https://ccm.example.com/v1/private-certificate-authorities/order",
            30,
        );
        assert!(widest(&rows) <= 30, "{rows:?}");
        assert!(rows[0].ends_with('/'), "{rows:?}");
        let rows = wrap_text(&"x".repeat(25), 10);
        assert_eq!(rows, vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    }

    #[test]
    fn mixed_text_and_empty_text() {
        let rows = wrap_text("原因 could not connect 到服务器", 12);
        assert!(widest(&rows) <= 12, "{rows:?}");
        assert_eq!(wrap_text("", 10), vec![String::new()]);
    }

    #[test]
    fn pad_and_fit_measure_display_columns() {
        assert_eq!(pad("中文", 5), "中文 ");
        // A wide character that would straddle the edge is left out, not half-drawn.
        assert_eq!(pad("中文", 3), "中 ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }

    fn plain(l: &Line<'_>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_styled_line_too_wide_is_cut_with_a_mark_and_keeps_its_styles() {
        use ratatui::style::{Color, Style};
        let red = Style::new().fg(Color::Red);
        let line = Line::from(vec![
            Span::raw("Period  "),
            Span::styled("20 years from the day it is paid", red),
        ]);
        let cut = fit_line(line.clone(), 16);
        assert_eq!(plain(&cut), "Period  20 year…");
        assert!(cut.width() <= 16);
        assert_eq!(cut.spans.last().map(|s| s.style), Some(red));
        // Fits: unchanged.
        assert_eq!(
            plain(&fit_line(line, 80)),
            "Period  20 years from the day it is paid"
        );
        // Wide characters are never half-drawn.
        let cut = fit_line(Line::raw("中文中文中文"), 6);
        assert_eq!(plain(&cut), "中文…");
    }
}

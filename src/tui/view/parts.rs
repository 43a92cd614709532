//! Pieces several screens draw the same way (the order's result, a failed order, pay/cancel and its
//! follow). They live apart from any one screen so that screens import them downward and never each other
//! in a circle.

use ratatui::text::Line;

use super::{Canvas, W};
use crate::tui::model::Model;

/// Where the attempt is journaled, and — if the outcome could not be recorded — a warning beside it.
pub(super) fn journal(model: &Model, c: &mut Canvas) {
    // Wrapped, never cut: the path is what the user opens to find every id.
    labelled_wrapped(c, c.text.journal, &model.header.journal_path, u16::MAX);
    if let Some(why) = &model.journal_warning {
        c.wrapped(2, Line::styled(c.text.journal_warning, c.theme.error()), 2);
        c.wrapped(4, Line::styled(why.clone(), c.theme.dim()), 2);
    }
}

/// A label and a value that wraps under it (at most `rows` rows, "…" where cut): errors and paths are
/// read in full.
pub(super) fn labelled_wrapped(c: &mut Canvas, label: &str, value: &str, rows: u16) {
    let y = c.y;
    c.labelled(label, W, Line::raw(""), false);
    c.y = y;
    let value = if value.is_empty() { c.text.none } else { value };
    c.wrapped(2 + W + 1, Line::raw(value.to_string()), rows);
}

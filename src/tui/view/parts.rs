//! Pieces several screens draw the same way (the order's result, a failed order, pay/cancel and its
//! follow). They live apart from any one screen so that screens import them downward and never each other
//! in a circle.

use ratatui::text::Line;

use super::{Canvas, W};
use crate::tui::model::Model;

/// Where the attempt is journaled, and — if the outcome could not be recorded — a warning beside it.
pub(super) fn journal(model: &Model, c: &mut Canvas) {
    c.labelled(
        c.text.journal,
        W,
        Line::raw(model.header.journal_path.clone()),
        false,
    );
    if let Some(why) = &model.journal_warning {
        c.wrapped(2, Line::styled(c.text.journal_warning, c.theme.error()), 2);
        c.wrapped(4, Line::styled(why.clone(), c.theme.dim()), 2);
    }
}

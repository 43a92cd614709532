//! How far the screen's content is scrolled (PgUp/PgDn) when it is taller than the terminal: the
//! screen it belongs to, the rows asked for, and what the last frame drew — so a page key moves from
//! what is on screen and stops at the ends, though only the view knows how tall the content is.

use std::cell::Cell;

use crate::tui::keymap::Context;

/// What the last frame showed of a screen: the rows scrolled off the top, the most that can be, and
/// how many rows the window holds (a page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Drawn {
    screen: Option<Context>,
    offset: u16,
    max: u16,
    page: u16,
}

/// The body's scroll position. Reset whenever the screen changes ([`Scroll::follow`]), so a new screen
/// always starts at its top.
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    screen: Option<Context>,
    rows: u16,
    // Written by the view as it draws (the one thing it writes): the content's height is known only
    // there. A cell, so the view still takes the model by shared reference.
    drawn: Cell<Drawn>,
}

impl Scroll {
    /// Rows scrolled off the top on `screen` (0 on any other: the offset belongs to one screen). The
    /// view clamps it to the content and may move it to keep the focused field in sight.
    pub fn rows(&self, screen: Context) -> u16 {
        if self.screen == Some(screen) {
            self.rows
        } else {
            0
        }
    }

    /// Starts over at the top when the screen changed since the offset was set.
    pub fn follow(&mut self, screen: Context) {
        if self.screen != Some(screen) {
            self.screen = Some(screen);
            self.rows = 0;
        }
    }

    /// A page up or down on `screen`, from what the last frame showed, within the content.
    pub fn page(&mut self, screen: Context, down: bool) {
        let drawn = self.drawn.get();
        let (from, max, page) = if drawn.screen == Some(screen) {
            (drawn.offset, drawn.max, drawn.page)
        } else {
            (self.rows(screen), 0, 1)
        };
        // A page keeps one row of the previous window in sight, so reading goes on without a gap.
        let step = page.saturating_sub(1).max(1);
        self.screen = Some(screen);
        self.rows = if down {
            from.saturating_add(step).min(max)
        } else {
            from.saturating_sub(step)
        };
        // Keys can come faster than frames: the next page goes on from this one.
        if drawn.screen == Some(screen) {
            self.drawn.set(Drawn {
                offset: self.rows,
                ..drawn
            });
        }
    }

    /// What a frame drew: `offset` rows scrolled off the top of `max` possible, `page` rows in sight.
    pub fn drawn(&self, screen: Context, offset: u16, max: u16, page: u16) {
        self.drawn.set(Drawn {
            screen: Some(screen),
            offset,
            max,
            page,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_move_from_what_was_drawn_and_stop_at_both_ends() {
        let mut s = Scroll::default();
        s.follow(Context::Error);
        s.drawn(Context::Error, 0, 12, 10);
        s.page(Context::Error, true);
        assert_eq!(s.rows(Context::Error), 9);
        s.drawn(Context::Error, 9, 12, 10);
        s.page(Context::Error, true);
        assert_eq!(s.rows(Context::Error), 12, "stops at the end");
        s.drawn(Context::Error, 12, 12, 10);
        s.page(Context::Error, true);
        assert_eq!(s.rows(Context::Error), 12);
        s.page(Context::Error, false);
        assert_eq!(
            s.rows(Context::Error),
            3,
            "one page back, not from an overshoot"
        );
        // Pages faster than frames go on from each other, and stop at the top.
        s.page(Context::Error, false);
        s.page(Context::Error, false);
        assert_eq!(s.rows(Context::Error), 0);
        // Another screen starts at its top.
        assert_eq!(s.rows(Context::Result), 0);
        s.follow(Context::Result);
        assert_eq!(s.rows(Context::Result), 0);
        assert_eq!(s.rows(Context::Error), 0);
    }
}

//! The exact JSON body a flow shows: one small type below every flow, so the flows and `flow.rs` (which
//! knows them all) can each hold it without importing one another.

/// The exact JSON body of a flow's request, one mechanism for every flow: each flow holds its own
/// `JsonView` (never the wizard's overlay) and answers `Flow::json_shown`, so the view stays with the
/// request it shows. How it sits on screen is the flow's: the order's covers the screen and takes the
/// keys (context `Context::Json`: ↑↓ scroll, any other key closes it), activation's replaces the
/// review's words and leaves the review's keys working (`v` toggles it; it survives help, the question,
/// Ctrl-C and a send, and is hidden on going back or to the next CA).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonView {
    /// The JSON is on screen.
    pub shown: bool,
    /// Lines scrolled off the top (never past the last line).
    pub scroll: u16,
}

impl JsonView {
    /// Shown from its first line.
    pub fn open(&mut self) {
        *self = JsonView {
            shown: true,
            scroll: 0,
        };
    }

    /// Hidden.
    pub fn close(&mut self) {
        *self = JsonView::default();
    }

    /// Shown if hidden, hidden if shown.
    pub fn toggle(&mut self) {
        if self.shown {
            self.close();
        } else {
            self.open();
        }
    }

    /// The scroll while shown, `None` while hidden.
    pub fn scroll(&self) -> Option<u16> {
        self.shown.then_some(self.scroll)
    }
}

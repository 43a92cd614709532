//! Styles, in colour or (with NO_COLOR) without: the colourless theme still marks focus with reverse and
//! bold, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen uses; built once per frame from the model's NO_COLOR flag.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    colour: bool,
}

impl Theme {
    /// A colour theme, or a colourless one when `no_color`.
    pub fn new(no_color: bool) -> Self {
        Theme { colour: !no_color }
    }

    fn pick(&self, coloured: Style, plain: Style) -> Style {
        if self.colour { coloured } else { plain }
    }

    /// Titles and questions.
    pub fn title(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The focused label, row or button.
    pub fn focus(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A broken rule or a failure.
    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Something to notice but not an error (quota unreadable, projects unloadable).
    pub fn warn(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow), Style::new())
    }

    /// Success (order created): green and bold, or bold alone without colour.
    pub fn ok(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Secondary text: notes, hints, disabled rows. Faint in the terminal's own foreground, never a
    /// palette colour: palette grey (8) is the background's shade on dark themes such as Solarized
    /// Dark, where hints in it vanished; a terminal without faint shows plain text, still readable.
    pub fn dim(&self) -> Style {
        self.pick(Style::new().add_modifier(Modifier::DIM), Style::new())
    }

    /// The sandbox banner.
    pub fn banner(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// A key name in the footer and help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A text field's box; the focused one is bold as well.
    pub fn field(&self, focused: bool) -> Style {
        let base = Style::new().add_modifier(Modifier::UNDERLINED);
        if focused {
            base.add_modifier(Modifier::BOLD)
        } else {
            base
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dim_text_keeps_the_terminals_foreground_so_it_reads_on_dark_and_light_themes() {
        let dim = Theme::new(false).dim();
        assert_eq!(
            dim.fg, None,
            "no palette colour: grey 8 vanishes on dark themes"
        );
        assert_eq!(dim.bg, None);
        assert!(dim.add_modifier.contains(Modifier::DIM));
        // NO_COLOR: unchanged, plain text.
        assert_eq!(Theme::new(true).dim(), Style::new());
    }
}

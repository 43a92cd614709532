//! Untrusted text made safe to show: whatever the server sends, and whatever the user types or pastes,
//! passes through here before it reaches a screen, a file, a header or a terminal.

/// A character that does not show itself: a control character (which could steer the terminal) or one
/// that changes how text displays while staying invisible (bidi controls, zero-width marks, tag
/// characters, line/paragraph separators, blank fillers), which could disguise what is shown for review.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Replaces every [`hidden`] character with a space, and trims.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if hidden(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Cuts to at most `max` characters, marking the cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

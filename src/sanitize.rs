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

/// Text about to be written to a terminal, made unable to steer it: every [`hidden`] character but the
/// line break becomes a space. The last defence for whole reports (their parts are cleaned where they
/// are read): an escape that slipped through would retitle the terminal, write the clipboard (OSC 52)
/// or erase a line to forge what is shown.
pub fn terminal(s: &str) -> String {
    s.chars()
        .map(|c| if c != '\n' && hidden(c) { ' ' } else { c })
        .collect()
}

/// A compact JSON document made safe for a terminal without changing what it says: every [`hidden`]
/// character (serde_json escapes only those below U+0020) is written as its `\uXXXX` escape, which is
/// the same JSON string. Compact JSON has such characters only inside strings, so this is exact.
pub fn json_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if hidden(c) && !matches!(c, '\n' | '\r' | '\t') {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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

/// The shortest value [`Redactor`] searches for (IAM tokens, SKs and signatures are far longer).
pub const MIN_SECRET_CHARS: usize = 8;

/// What a redacted secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Hides the secrets of one request in whatever a server sends back. An endpoint that echoes the
/// request (a debug service, a misconfigured proxy) would otherwise put the token, security token, SK or
/// signature into the journal, the screen or stderr through an error message or body excerpt. Applied
/// once, where server text enters pca-order (the client's response reading), so every later use of that
/// text — outcome, journal, screen — holds only the redacted form.
#[derive(Clone, Default)]
pub struct Redactor {
    /// Every form of every secret to hide (raw, JSON-escaped, percent-encoded), longest first.
    needles: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} forms hidden)", self.needles.len())
    }
}

impl Redactor {
    /// A redactor for these secret values. Each is also hidden in the forms an echo may use:
    /// JSON-escaped and percent-encoded. Values shorter than [`MIN_SECRET_CHARS`] are not searched
    /// for: no real token, key or signature is that short, and hiding every "t" would garble the text.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut needles: Vec<Vec<u8>> = Vec::new();
        for s in secrets
            .into_iter()
            .filter(|s| s.chars().count() >= MIN_SECRET_CHARS)
        {
            let json = serde_json::to_string(s).unwrap_or_default();
            let json = json
                .strip_prefix('"')
                .and_then(|j| j.strip_suffix('"'))
                .unwrap_or(s)
                .to_string();
            let pct = percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
            for form in [s.to_string(), json.replace('/', "\\/"), json, pct] {
                if !needles.iter().any(|n| n == form.as_bytes()) {
                    needles.push(form.into_bytes());
                }
            }
        }
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Redactor { needles }
    }

    /// `bytes` with every secret, and the value of every `Signature=`, replaced by [`REDACTED`].
    pub fn bytes(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for needle in &self.needles {
            out = replace_all(&out, needle, REDACTED.as_bytes());
        }
        hide_signatures(&out)
    }

    /// [`Redactor::bytes`] for text.
    pub fn text(&self, text: &str) -> String {
        String::from_utf8_lossy(&self.bytes(text.as_bytes())).into_owned()
    }
}

fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// Replaces the value after any `Signature=` (any case) with [`REDACTED`]: a signature of a request
/// this process did not make (or in a form not foreseen) is hidden too.
fn hide_signatures(bytes: &[u8]) -> Vec<u8> {
    const KEY: &[u8] = b"signature=";
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes.len() - i >= KEY.len() && bytes[i..i + KEY.len()].eq_ignore_ascii_case(KEY) {
            out.extend_from_slice(&bytes[i..i + KEY.len()]);
            i += KEY.len();
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || b"+/=_-%.".contains(&bytes[i]))
            {
                i += 1;
            }
            if i > start && !bytes[start..i].starts_with(REDACTED.as_bytes()) {
                out.extend_from_slice(REDACTED.as_bytes());
            } else {
                out.extend_from_slice(&bytes[start..i]);
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_for_a_terminal_is_the_same_document_without_raw_controls() {
        let v = serde_json::json!({"cn": "a\u{1b}]0;t\u{7}\u{9b}2K\u{202e}\u{E0041}\u{7f}é中"});
        let text = json_terminal(&v.to_string());
        assert!(!text.chars().any(hidden), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, v);
    }

    #[test]
    fn terminal_text_keeps_lines_and_loses_every_escape() {
        let hostile = "a\u{1b}]0;owned\u{7}b\u{1b}]52;c;cm0gLXJmIH4=\u{7}\r\u{1b}[2Kstatus: ACTIVED\u{9b}2K\u{202e}x\n";
        let out = terminal(hostile);
        assert!(!out.chars().any(|c| c != '\n' && hidden(c)), "{out:?}");
        assert!(
            out.ends_with('\n') && out.contains("status: ACTIVED"),
            "{out:?}"
        );
    }

    #[test]
    fn secrets_and_signatures_are_hidden_in_every_echoed_form() {
        let r = Redactor::new(["tok/en+1", "", "secret-key"]);
        let text = r#"{"x":"tok\/en+1","y":"tok%2Fen%2B1","a":"Authorization: SDK-HMAC-SHA256 Access=AK, Signature=abc123","s":"secret-key"}"#;
        let out = r.text(text);
        assert!(!out.contains("tok"), "{out}");
        assert!(!out.contains("abc123"), "{out}");
        assert!(!out.contains("secret-key"), "{out}");
        assert!(out.contains("Access=AK, Signature=<redacted>"), "{out}");
        assert_eq!(r.text("nothing secret"), "nothing secret");
    }
}

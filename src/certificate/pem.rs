//! PEM text, read however it arrives and written one way.
//!
//! CCM sends exported certificates with their line breaks replaced (LIFECYCLE.md section 2.1: "`\r\n`");
//! whether that means the CR LF characters or the escaped text is not documented, so both are read, as
//! are a bare `\n` written as text, CR LF, lone CR and LF. What is written is always the same: each
//! block's base64 in lines of 64 characters, `\n` line ends, exactly one `\n` at the end. Anything but
//! whitespace outside the blocks is refused rather than dropped (ours: a file that holds a key or a
//! text dump beside a certificate is not silently taken for a certificate file).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The longest PEM text read: the largest documented PEM field, an import's `certificate_chain`
/// (0-2097152 characters, LIFECYCLE.md section 2.1). Longer text is refused before it is looked at.
pub const MAX_TEXT: usize = 2_097_152;

/// The longest label read between `-----BEGIN ` and `-----` (ours; real labels are under 30).
pub const MAX_LABEL: usize = 64;

/// Why text is not PEM this module reads. Never carries the text itself: it may be a private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemError {
    /// Nothing but whitespace.
    Empty,
    /// Longer than [`MAX_TEXT`] bytes.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// A line outside every block that is not blank (1-based, after line ends are normalised).
    Junk {
        /// The line.
        line: usize,
    },
    /// A `-----BEGIN` line whose label is missing, too long or not upper-case letters, digits and spaces.
    BadLabel {
        /// The line.
        line: usize,
    },
    /// A block that never ends.
    Unterminated {
        /// The line of its `-----BEGIN`.
        line: usize,
    },
    /// An `-----END` whose label is not the `-----BEGIN`'s.
    MismatchedEnd {
        /// The line of the `-----END`.
        line: usize,
    },
    /// A block whose body is not base64 (or is empty).
    BadBase64 {
        /// The line of the block's `-----BEGIN`.
        line: usize,
    },
}

impl std::fmt::Display for PemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PemError::Empty => write!(f, "the text is empty"),
            PemError::TooLong { len } => {
                write!(f, "the text is {len} bytes, more than {MAX_TEXT}")
            }
            PemError::Junk { line } => write!(f, "line {line} is outside every PEM block"),
            PemError::BadLabel { line } => write!(f, "line {line} has no valid PEM label"),
            PemError::Unterminated { line } => {
                write!(f, "the PEM block begun on line {line} has no END line")
            }
            PemError::MismatchedEnd { line } => {
                write!(f, "line {line} ends a different PEM block than it began")
            }
            PemError::BadBase64 { line } => {
                write!(f, "the PEM block begun on line {line} is not base64")
            }
        }
    }
}

impl std::error::Error for PemError {}

/// One PEM block: its label (`CERTIFICATE`, `PRIVATE KEY`, …) and the bytes it encodes.
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// The label between `-----BEGIN ` and `-----`.
    pub label: String,
    /// The decoded bytes (DER for a certificate).
    pub der: Vec<u8>,
}

/// The bytes are left out: a block may be a private key.
impl std::fmt::Debug for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("len", &self.der.len())
            .finish()
    }
}

/// Every kind of line break written as `\n`: the escaped texts `\r\n` and `\n`, CR LF and a lone CR.
fn unify_line_ends(text: &str) -> String {
    text.replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

/// The label of a `-----BEGIN X-----` or `-----END X-----` line (already trimmed), if it is one.
fn label_of<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.strip_suffix("-----")
}

fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL
        && label
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ')
}

/// The blocks of PEM `text`, in order; see the module's rules.
pub fn blocks(text: &str) -> Result<Vec<Block>, PemError> {
    if text.len() > MAX_TEXT {
        return Err(PemError::TooLong { len: text.len() });
    }
    let unified = unify_line_ends(text);
    let mut out = Vec::new();
    // The open block: its label, the line it began on, its base64 so far.
    let mut open: Option<(String, usize, String)> = None;
    for (index, raw) in unified.split('\n').enumerate() {
        let n = index + 1;
        let line = raw.trim();
        match open.take() {
            None => {
                if line.is_empty() {
                    continue;
                }
                let Some(label) = label_of(line, "-----BEGIN ") else {
                    return Err(PemError::Junk { line: n });
                };
                if !valid_label(label) {
                    return Err(PemError::BadLabel { line: n });
                }
                open = Some((label.to_string(), n, String::new()));
            }
            Some((label, begun, mut body)) => {
                if line.starts_with("-----END") {
                    if label_of(line, "-----END ") != Some(label.as_str()) {
                        return Err(PemError::MismatchedEnd { line: n });
                    }
                    let der = STANDARD
                        .decode(body.as_bytes())
                        .ok()
                        .filter(|d| !d.is_empty())
                        .ok_or(PemError::BadBase64 { line: begun })?;
                    out.push(Block { label, der });
                } else {
                    body.push_str(line);
                    open = Some((label, begun, body));
                }
            }
        }
    }
    if let Some((_, begun, _)) = open {
        return Err(PemError::Unterminated { line: begun });
    }
    if out.is_empty() {
        return Err(PemError::Empty);
    }
    Ok(out)
}

/// One block written the normal way: base64 in lines of 64 characters, a `\n` after every line.
pub fn encode(block: &Block) -> String {
    let b64 = STANDARD.encode(&block.der);
    let mut out = format!("-----BEGIN {}-----\n", block.label);
    // Base64 is ASCII, so every 64-byte chunk is whole characters.
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {}-----\n", block.label));
    out
}

/// `text` as a PEM file holds it: every block in order, written by [`encode`], exactly one trailing
/// newline. Refuses what [`blocks`] refuses.
pub fn normalise(text: &str) -> Result<String, PemError> {
    Ok(blocks(text)?.iter().map(encode).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "AQIDBAUG"; // 01 02 03 04 05 06

    fn pem(label: &str, body: &str, nl: &str) -> String {
        format!("-----BEGIN {label}-----{nl}{body}{nl}-----END {label}-----")
    }

    #[test]
    fn every_line_end_gives_the_same_text() {
        let want = "-----BEGIN CERTIFICATE-----\nAQIDBAUG\n-----END CERTIFICATE-----\n";
        for nl in ["\n", "\r\n", "\r", "\\r\\n", "\\n"] {
            let text = pem("CERTIFICATE", BODY, nl);
            assert_eq!(normalise(&text).as_deref(), Ok(want), "{nl:?}");
            assert_eq!(normalise(&format!("{text}{nl}")).as_deref(), Ok(want));
            assert_eq!(
                normalise(&format!("{nl}{text}{nl}{nl}")).as_deref(),
                Ok(want)
            );
        }
        assert_eq!(normalise(want).as_deref(), Ok(want));
        // Indented lines and a body split oddly are the same bytes.
        let odd = "  -----BEGIN CERTIFICATE-----\n AQID \n\tBAUG\n-----END CERTIFICATE-----  ";
        assert_eq!(normalise(odd).as_deref(), Ok(want));
    }

    #[test]
    fn long_bodies_are_wrapped_at_64() {
        let der: Vec<u8> = (0..=255u8).collect();
        let text = encode(&Block {
            label: "CERTIFICATE".into(),
            der: der.clone(),
        });
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1].len(), 64);
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.len() <= 64));
        // 256 bytes = 344 base64 characters: 5 lines of 64 and one of 24.
        assert_eq!(lines.len(), 2 + 6);
        assert_eq!(lines[6].len(), 24);
        let back = blocks(&text).expect("reads");
        assert_eq!(back[0].der, der);
        // An exact multiple of 64 leaves no empty line behind.
        let text = encode(&Block {
            label: "X".into(),
            der: vec![7; 48],
        });
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn a_chain_keeps_its_order() {
        let text = format!(
            "{}\r\n{}",
            pem("CERTIFICATE", "AQID", "\r\n"),
            pem("CERTIFICATE", "BAUG", "\r\n")
        );
        let b = blocks(&text).expect("two");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].der, vec![1, 2, 3]);
        assert_eq!(b[1].der, vec![4, 5, 6]);
        let n = normalise(&text).expect("ok");
        assert!(n.ends_with("-----END CERTIFICATE-----\n"));
        assert!(!n.ends_with("\n\n"));
        assert_eq!(n.matches("BEGIN").count(), 2);
        assert!(n.contains("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"));
    }

    #[test]
    fn junk_is_refused_with_its_line() {
        let c = pem("CERTIFICATE", BODY, "\n");
        assert_eq!(
            blocks(&format!("hello\n{c}")),
            Err(PemError::Junk { line: 1 })
        );
        assert_eq!(
            blocks(&format!("{c}\n\nbye")),
            Err(PemError::Junk { line: 5 })
        );
        assert_eq!(blocks("<html>502</html>"), Err(PemError::Junk { line: 1 }));
        assert_eq!(blocks(""), Err(PemError::Empty));
        assert_eq!(blocks(" \n\r\n\t"), Err(PemError::Empty));
    }

    #[test]
    fn broken_blocks_are_refused() {
        assert_eq!(
            blocks("-----BEGIN CERTIFICATE-----\nAQID\n"),
            Err(PemError::Unterminated { line: 1 })
        );
        assert_eq!(
            blocks("\n-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----"),
            Err(PemError::MismatchedEnd { line: 4 })
        );
        assert_eq!(
            blocks("-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE"),
            Err(PemError::MismatchedEnd { line: 3 })
        );
        assert_eq!(
            blocks("-----BEGIN CERTIFICATE-----\nA*ID\n-----END CERTIFICATE-----"),
            Err(PemError::BadBase64 { line: 1 })
        );
        assert_eq!(
            blocks("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"),
            Err(PemError::BadBase64 { line: 1 })
        );
        assert_eq!(
            blocks("-----BEGIN -----\nAQID\n-----END -----"),
            Err(PemError::BadLabel { line: 1 })
        );
        assert_eq!(
            blocks("-----BEGIN certificate-----\nAQID\n-----END certificate-----"),
            Err(PemError::BadLabel { line: 1 })
        );
        assert_eq!(
            blocks("-----BEGIN CERTIFICATE\nAQID\n-----END CERTIFICATE-----"),
            Err(PemError::Junk { line: 1 })
        );
    }

    #[test]
    fn labels_up_to_the_limit() {
        let at = "A".repeat(MAX_LABEL);
        assert_eq!(blocks(&pem(&at, BODY, "\n")).expect("ok")[0].label, at);
        let over = "A".repeat(MAX_LABEL + 1);
        assert_eq!(
            blocks(&pem(&over, BODY, "\n")),
            Err(PemError::BadLabel { line: 1 })
        );
        assert_eq!(
            blocks(&pem("RSA PRIVATE KEY 2", BODY, "\n")).expect("ok")[0].label,
            "RSA PRIVATE KEY 2"
        );
    }

    #[test]
    fn the_size_limit_is_inclusive() {
        let c = pem("CERTIFICATE", BODY, "\n");
        let at = format!("{c}{}", " ".repeat(MAX_TEXT - c.len()));
        assert_eq!(at.len(), MAX_TEXT);
        assert!(blocks(&at).is_ok());
        let over = format!("{at} ");
        assert_eq!(blocks(&over), Err(PemError::TooLong { len: MAX_TEXT + 1 }));
    }

    #[test]
    fn errors_never_show_the_text_and_blocks_hide_their_bytes() {
        let e = blocks("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n").unwrap_err();
        assert!(!e.to_string().contains("c2VjcmV0"));
        let b = &blocks(&pem("PRIVATE KEY", "c2VjcmV0", "\n")).expect("ok")[0];
        let dbg = format!("{b:?}");
        assert!(!dbg.contains("115") && !dbg.contains("c2Vj"), "{dbg}");
        for e in [
            PemError::Empty,
            PemError::TooLong { len: 9 },
            PemError::Junk { line: 2 },
            PemError::BadLabel { line: 3 },
            PemError::Unterminated { line: 4 },
            PemError::MismatchedEnd { line: 5 },
            PemError::BadBase64 { line: 6 },
        ] {
            assert!(!e.to_string().is_empty());
        }
    }
}

//! `import`: the certificate the user's root signed for a PENDING subordinate's CSR (issue 21). Every
//! local check comes before the question — the files are regular and capped, the certificate parses,
//! is one CA certificate, carries the CSR's public key (the CSR is read from the service), the chain
//! links it, the sizes are the documented ones — then the question, the journal, one send (204 only),
//! and the CA read back: the same `ca_id`, now ACTIVED.

use std::path::Path;

use serde_json::{Value, json};

use super::args::{GlobalArgs, ImportArgs, RunCommand};
use super::fail::{fail_t, read_failed};
use super::format::describe_ca;
use super::io::Io;
use super::report::{self, CaOpFailed, OpFailure, Report, ca_json};
use super::send::Guard;
use super::target::client_for;
use crate::activation::rules::{self, Field};
use crate::activation::{CaInfo, CaStatus};
use crate::api::{CallError, Outcome};
use crate::certificate::import::{ImportError, Part, check_import};
use crate::certificate::parse_csr;
use crate::certificate::pem::MAX_TEXT;
use crate::exit;
use crate::journal::Journal;
use crate::text::{Lang, Text};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileWhy {
    /// A directory, FIFO, device or socket.
    NotRegular,
    /// Larger than the cap.
    TooBig(usize),
    /// The system's words (or "not UTF-8").
    Io(String),
}

/// Reads a PEM file the user named: a regular file only (opened without blocking, so a FIFO cannot
/// hang the command, and checked before any read), at most `cap` bytes, UTF-8.
pub fn read_capped(path: &Path, cap: usize) -> Result<String, FileWhy> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| FileWhy::Io(e.to_string()))?;
    let meta = file.metadata().map_err(|e| FileWhy::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(FileWhy::NotRegular);
    }
    let mut buf = Vec::new();
    file.take(cap as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| FileWhy::Io(e.to_string()))?;
    if buf.len() > cap {
        return Err(FileWhy::TooBig(cap));
    }
    String::from_utf8(buf).map_err(|_| FileWhy::Io("not UTF-8 text".to_string()))
}

fn why_words(why: &FileWhy, t: &Text) -> String {
    match why {
        FileWhy::NotRegular => t.file_not_regular.to_string(),
        FileWhy::TooBig(max) => t.file_too_big(*max),
        FileWhy::Io(e) => e.clone(),
    }
}

/// The rule a file broke, in words (the parser's own detail stays in English).
pub fn rule_words(e: &ImportError, t: &Text) -> String {
    match e {
        ImportError::Unreadable { error, .. } => t.import_rule_unreadable(&error.to_string()),
        ImportError::NotOne { count } => t.import_rule_not_one(*count),
        ImportError::NotCa => t.import_rule_not_ca.to_string(),
        ImportError::KeyMismatch => t.import_rule_key.to_string(),
        ImportError::Chain(c) => t.import_rule_chain(&c.to_string()),
        ImportError::TooLong { len, max, .. } => t.import_rule_too_long(*len, *max),
    }
}

/// Which file a rule is about.
pub fn file_of(e: &ImportError) -> Part {
    match e {
        ImportError::Unreadable { part, .. } | ImportError::TooLong { part, .. } => *part,
        ImportError::Chain(_) => Part::Chain,
        ImportError::NotOne { .. } | ImportError::NotCa | ImportError::KeyMismatch => {
            Part::Certificate
        }
    }
}

fn millis_words(t: time::OffsetDateTime) -> String {
    crate::activation::ca::format_millis(rules::to_millis(t))
}

impl RunCommand for ImportArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_import(io, g, self, t).await
    }
}

/// `pca-order import`.
pub async fn run_import(io: &mut Io, g: &GlobalArgs, args: &ImportArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let ca_id = rules::normalize_ca_id(&args.ca_id);
    if let Err(e) = rules::ca_id(Field::CaId, &ca_id) {
        return fail_t(io, out, exit::USAGE, t, |t| {
            format!("CA_ID: {}", t.activation_rule(&e.rule))
        });
    }
    let mut texts = Vec::new();
    for path in std::iter::once(&args.certificate).chain(args.chain.as_ref()) {
        match read_capped(path, MAX_TEXT) {
            Ok(text) => texts.push(text),
            Err(why) => {
                let shown = path.display().to_string();
                return fail_t(io, out, exit::USAGE, t, |t| {
                    t.file_unreadable(&shown, &why_words(&why, t))
                });
            }
        }
    }
    if !(args.yes || io.on_terminal()) {
        return fail_t(io, out, exit::USAGE, t, |t| t.ca_op_needs_yes("import"));
    }
    let (target, client) = match client_for(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cfg = &target.config;
    let ca = match client.show_ca(&ca_id).await {
        Ok(ca) => ca,
        Err(e) => return read_failed(io, out, &e, t),
    };
    if ca.status != CaStatus::Pending {
        let status = ca.status.as_str().to_string();
        return fail_t(io, out, exit::REJECTED, t, |t| {
            t.ca_op_wrong_state(&ca_id, &status)
        });
    }
    let csr = match client.ca_csr(&ca_id).await {
        Ok(text) => match parse_csr(&text) {
            Ok(c) => c,
            Err(e) => {
                let detail = e.to_string();
                return fail_t(io, out, exit::NOT_SENT, t, |t| t.csr_bad_answer(&detail));
            }
        },
        Err(e) => return read_failed(io, out, &e, t),
    };
    let checked = match check_import(&texts[0], texts.get(1).map(String::as_str), csr.spki()) {
        Ok(c) => c,
        Err(e) => {
            let path = match file_of(&e) {
                Part::Certificate => &args.certificate,
                Part::Chain => args.chain.as_ref().unwrap_or(&args.certificate),
            };
            let shown = path.display().to_string();
            return fail_t(io, out, exit::USAGE, t, |t| {
                t.import_file_bad(&shown, &rule_words(&e, t))
            });
        }
    };
    let mut guard = Guard::start();
    if !args.yes {
        let s = checked.certificate.summary();
        io.err_text(format!(
            "{}\n{}",
            t.import_review_title(&ca_id, cfg.sandbox),
            t.import_summary(
                &s.subject,
                &s.issuer,
                &s.serial,
                &format!(
                    "{} → {}",
                    millis_words(s.not_before),
                    millis_words(s.not_after)
                ),
                &s.sha256,
                checked.chain.len()
            )
        ));
        if let Err(code) = guard.ask(io, &t.import_question(&ca_id), out, t).await {
            return code;
        }
    }
    let journal = Journal::new(cfg.journal_path.clone());
    let sent = guard
        .send(
            io,
            cfg.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| {
                client.import_until(
                    &ca_id,
                    &checked.certificate_pem,
                    checked.chain_pem.as_deref(),
                    &journal,
                    stop,
                )
            },
            |s| s.journal_warning.as_deref(),
        )
        .await;
    let journal = cfg.journal_path.display().to_string();
    if let Some(failure) = OpFailure::of(&sent.outcome) {
        let report = CaOpFailed {
            step: "import",
            what: |t| t.import_what,
            ca_id: &ca_id,
            failure,
            journal,
            t,
        };
        report::emit(io, &report, out);
        return report.exit_code();
    }
    debug_assert!(matches!(sent.outcome, Outcome::Done(())));
    // 204: read the CA back; only the same CA reading ACTIVED is success.
    let end = match client.show_ca(&ca_id).await {
        Ok(ca) if !ca.ca_id.eq_ignore_ascii_case(&ca_id) => ImportEnd::OtherCa(ca),
        Ok(ca) if ca.status == CaStatus::Actived => ImportEnd::Imported(ca),
        Ok(ca) => ImportEnd::NotActive(ca),
        Err(e) => ImportEnd::Unreadable(e),
    };
    let report = ImportReport {
        ca_id: &ca_id,
        end,
        sandbox: cfg.sandbox,
        sha256: &checked.certificate.summary().sha256,
        journal,
        t,
    };
    report::emit(io, &report, out);
    report.exit_code()
}

/// What reading the CA back after a 204 showed.
pub enum ImportEnd {
    /// The same CA, ACTIVED.
    Imported(CaInfo),
    /// The same CA, in another status: unknown.
    NotActive(CaInfo),
    /// Another CA came back: unknown.
    OtherCa(CaInfo),
    /// It could not be read: unknown.
    Unreadable(CallError),
}

/// The end of an `import` the service accepted (204).
pub struct ImportReport<'a> {
    /// The CA imported for.
    pub ca_id: &'a str,
    /// What the read-back showed.
    pub end: ImportEnd,
    /// Sent to a sandbox.
    pub sandbox: bool,
    /// The imported certificate's SHA-256 fingerprint.
    pub sha256: &'a str,
    /// Where the attempt is journaled.
    pub journal: String,
    /// The language of the text.
    pub t: &'a Text,
}

impl ImportReport<'_> {
    /// 0 only for the same CA reading ACTIVED; a 204 that cannot be confirmed is unknown (4).
    pub fn exit_code(&self) -> i32 {
        match self.end {
            ImportEnd::Imported(_) => exit::ORDERED,
            _ => exit::UNKNOWN,
        }
    }
}

impl Report for ImportReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        let (ca_id, journal) = (self.ca_id, &self.journal);
        match &self.end {
            ImportEnd::Imported(ca) => json!({"outcome": "imported", "ca_id": ca_id,
                "ca": ca_json(ca), "sha256": self.sha256, "sandbox": self.sandbox, "journal": journal}),
            ImportEnd::NotActive(ca) => {
                json!({"outcome": "unknown", "ca_id": ca_id, "ca": ca_json(ca),
                "reason": "accepted (204) but the CA does not read ACTIVED",
                "advice": en.ca_op_unknown_advice(ca_id), "journal": journal})
            }
            ImportEnd::OtherCa(ca) => json!({"outcome": "unknown", "ca_id": ca_id,
                "read_back": ca_json(ca),
                "reason": "accepted (204) but reading the CA back returned another CA",
                "advice": en.ca_op_unknown_advice(ca_id), "journal": journal}),
            ImportEnd::Unreadable(e) => json!({"outcome": "unknown", "ca_id": ca_id,
                "reason": format!("accepted (204) but the CA could not be read back: {}", en.call_error(e)),
                "advice": en.ca_op_unknown_advice(ca_id), "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let t = self.t;
        let advice = format!(
            "{}{}\n",
            t.cli_what_to_do,
            t.ca_op_unknown_advice(self.ca_id)
        );
        match &self.end {
            ImportEnd::Imported(ca) => format!(
                "{}{}\n{}{}",
                if self.sandbox {
                    t.act_cli_sandbox_note
                } else {
                    ""
                },
                t.import_imported(&ca.ca_id),
                describe_ca(ca, t),
                super::format::rows(&[(t.cli_journal, self.journal.clone())])
            ),
            ImportEnd::NotActive(ca) => format!(
                "{}\n{advice}",
                t.import_not_active(self.ca_id, ca.status.as_str())
            ),
            ImportEnd::OtherCa(ca) => {
                format!("{}\n{advice}", t.import_other_ca(self.ca_id, &ca.ca_id))
            }
            ImportEnd::Unreadable(e) => {
                format!("{}\n{advice}", t.import_unreadable(&t.call_error(e)))
            }
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.end, ImportEnd::Imported(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_regular_or_too_big_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(read_capped(dir.path(), 10), Err(FileWhy::NotRegular));
        let f = dir.path().join("f.pem");
        std::fs::write(&f, "0123456789").expect("write");
        assert_eq!(read_capped(&f, 10).as_deref(), Ok("0123456789"));
        assert_eq!(read_capped(&f, 9), Err(FileWhy::TooBig(9)));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } == 0 {
            assert_eq!(read_capped(&fifo, 10), Err(FileWhy::NotRegular));
        }
        assert!(matches!(
            read_capped(&dir.path().join("missing"), 10),
            Err(FileWhy::Io(_))
        ));
    }
}

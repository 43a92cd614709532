//! `history`: the journal as a table or JSON; real and pretend (sandbox) attempts kept apart.

use serde_json::{Value, json};

use super::args::{GlobalArgs, History, Output, RunCommand};
use super::fail::{fail_config, fail_in};
use super::format::{activations_table, history_table, lifecycle_table, renewals_table};
use super::io::Io;
use super::report::{self, Report};
use super::target::journal_path;
use crate::config;
use crate::exit;
use crate::journal::{ActivationAttempt, Attempt, Journal, LifecycleAttempt, RenewalAttempt};
use crate::text::Text;

impl RunCommand for History {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_history(io, g, g.output, t)
    }
}

pub(super) fn run_history(io: &mut Io, g: &GlobalArgs, out: Output, t: &'static Text) -> i32 {
    let env = io.env();
    let path = match journal_path(g, &*env, g.sandbox) {
        Ok(p) => p,
        Err(e) => return fail_config(io, out, &e, t),
    };
    let journal = Journal::new(path.clone());
    let history = match journal.read() {
        Ok(h) => h,
        Err(e) => {
            let (shown, error) = (path.display().to_string(), e.to_string());
            return fail_in(
                io,
                out,
                exit::NOT_SENT,
                &crate::text::Lang::En
                    .text()
                    .history_unreadable(&shown, &error),
                &t.history_unreadable(&shown, &error),
            );
        }
    };
    if let Ok(Some(w)) = journal.check()
        && out == Output::Text
    {
        io.err_line(format_args!(
            "{}",
            t.cli_warning(&t.journal_readable(&w.path, &w.mode_octal()))
        ));
    }
    // The real history never lists a pretend order (sandbox, or sent over loopback-only plain http) as
    // real: those are listed by `history --sandbox` and only counted here.
    let (attempts, pretend): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.attempts, Vec::new())
    } else {
        history.attempts.into_iter().partition(|a| !a.is_pretend())
    };
    let (activations, pretend_activations): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.activations, Vec::new())
    } else {
        history
            .activations
            .into_iter()
            .partition(|a| !a.is_pretend())
    };
    let (renewals, pretend_renewals): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.renewals, Vec::new())
    } else {
        history.renewals.into_iter().partition(|a| !a.is_pretend())
    };
    let (lifecycle, pretend_lifecycle): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.lifecycle, Vec::new())
    } else {
        history.lifecycle.into_iter().partition(|a| !a.is_pretend())
    };
    // Pretend orders, payments, activations, renewals, auto-renew switches and unsubscribes alike:
    // only `history --sandbox` lists them.
    let pretend_count = pretend.len()
        + pretend_activations.len()
        + pretend_renewals.len()
        + pretend_lifecycle.len();
    let damaged = history.unreadable_lines.len();
    // With the default real journal empty, say where sandbox orders are, if there are any.
    let sandbox_elsewhere = if g.sandbox || g.journal.is_some() || !attempts.is_empty() {
        0
    } else {
        config::default_journal_path(&*env, true)
            .and_then(|p| Journal::new(p).read().ok())
            .map_or(0, |h| h.attempts.len())
    };
    if out == Output::Text && !history.unreadable_lines.is_empty() {
        let lines = few_lines(&history.unreadable_lines);
        let damaged = t.history_damaged(damaged, &path.display().to_string(), &lines);
        io.err_line(t.cli_warning(&damaged));
    }
    if out == Output::Json {
        stream_json(
            io,
            &HistoryJson {
                outcome: "history",
                journal: path.display().to_string(),
                attempts: &attempts,
                activations: &activations,
                renewals: &renewals,
                lifecycle: &lifecycle,
                damaged_lines: damaged,
                unreadable_lines: &history.unreadable_lines,
                sandbox_attempts_not_listed: pretend_count + sandbox_elsewhere,
            },
        );
        return exit::ORDERED;
    }
    let report = HistoryReport {
        journal: path.display().to_string(),
        attempts: &attempts,
        activations: &activations,
        renewals: &renewals,
        lifecycle: &lifecycle,
        unreadable_lines: &history.unreadable_lines,
        pretend_count,
        sandbox_elsewhere,
        t,
    };
    report::emit(io, &report, out);
    exit::ORDERED
}

/// How many damaged line numbers the warning names; the count says how many there are in all.
const NAMED_LINES: usize = 5;

/// The first few damaged line numbers, then `…` when there are more: a journal with thousands of damaged
/// lines gets a one-line warning, not a page of numbers.
pub(crate) fn few_lines(lines: &[usize]) -> String {
    let mut s = lines
        .iter()
        .take(NAMED_LINES)
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > NAMED_LINES {
        s.push_str(", …");
    }
    s
}

/// `history --output json`: the same document as [`HistoryReport`]'s JSON, serialized straight to
/// stdout as it is walked, so a large journal never becomes one big in-memory JSON value.
#[derive(serde::Serialize)]
struct HistoryJson<'a> {
    /// Always `"history"`: every document names its outcome (docs/json.md).
    outcome: &'static str,
    journal: String,
    attempts: &'a [crate::journal::Attempt],
    activations: &'a [crate::journal::ActivationAttempt],
    renewals: &'a [crate::journal::RenewalAttempt],
    lifecycle: &'a [crate::journal::LifecycleAttempt],
    damaged_lines: usize,
    unreadable_lines: &'a [usize],
    sandbox_attempts_not_listed: usize,
}

/// Writes the document and a newline to stdout through a buffer; a closed stdout is ignored (issue 17).
fn stream_json(io: &mut Io, doc: &HistoryJson<'_>) {
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, io.stdout());
    if serde_json::to_writer(&mut w, doc).is_ok() {
        let _ = w.write_all(b"\n");
    }
    let _ = w.flush();
}

// ---- the report (text and JSON from one value) ----

/// The end of `history`: the journal's attempts (real ones, or pretend ones with `--sandbox`), its
/// activations, and what was left out (pretend attempts counted, damaged lines skipped).
pub struct HistoryReport<'a> {
    /// The journal's path, so the user knows which file was read.
    pub journal: String,
    /// Order, pay and cancel attempts listed, oldest first.
    pub attempts: &'a [Attempt],
    /// Activation attempts listed, oldest first.
    pub activations: &'a [ActivationAttempt],
    /// Renewal attempts listed, oldest first.
    pub renewals: &'a [RenewalAttempt],
    /// Auto-renew switches and unsubscribes listed, oldest first.
    pub lifecycle: &'a [LifecycleAttempt],
    /// Line numbers that could not be read (the text's warning about them goes to stderr on its own).
    pub unreadable_lines: &'a [usize],
    /// Pretend attempts in this journal, counted and not listed.
    pub pretend_count: usize,
    /// Attempts in the sandbox journal, named when the real one is empty.
    pub sandbox_elsewhere: usize,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for HistoryReport<'_> {
    fn json(&self) -> Value {
        json!({"outcome": "history", "journal": self.journal, "attempts": self.attempts,
            "activations": self.activations, "renewals": self.renewals, "lifecycle": self.lifecycle,
            "damaged_lines": self.unreadable_lines.len(), "unreadable_lines": self.unreadable_lines,
            "sandbox_attempts_not_listed": self.pretend_count + self.sandbox_elsewhere})
    }

    fn text(&self) -> String {
        let t = self.t;
        let mut s = if self.attempts.is_empty() {
            format!("{}\n", t.history_empty(&self.journal))
        } else {
            format!(
                "{}{}: {}\n",
                history_table(self.attempts, t),
                t.cli_journal,
                self.journal
            )
        };
        if self.pretend_count > 0 {
            s.push_str(&format!("{}\n", t.history_pretend(self.pretend_count)));
        }
        if self.sandbox_elsewhere > 0 {
            s.push_str(&format!(
                "{}\n",
                t.history_sandbox_elsewhere(self.sandbox_elsewhere)
            ));
        }
        if !self.activations.is_empty() {
            s.push_str(&activations_table(self.activations, t));
        }
        if !self.renewals.is_empty() {
            s.push_str(&renewals_table(self.renewals, t));
        }
        if !self.lifecycle.is_empty() {
            s.push_str(&lifecycle_table(self.lifecycle, t));
        }
        s
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

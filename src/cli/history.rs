//! `history`: the journal as a table or JSON; real and pretend (sandbox) attempts kept apart.

use super::report::{self, HistoryReport};
use super::{GlobalArgs, Output, billing, fail_config, fail_in, journal_path};
use crate::config;
use crate::exit;
use crate::journal::{Event, Journal};
use crate::text::Text;

pub(super) fn run_history(g: &GlobalArgs, out: Output, t: &'static Text) -> i32 {
    let env = config::process_env;
    let path = match journal_path(g, &env, g.sandbox) {
        Ok(p) => p,
        Err(e) => return fail_config(out, &e, t),
    };
    let journal = Journal::new(path.clone());
    let history = match journal.read() {
        Ok(h) => h,
        Err(e) => {
            let (shown, error) = (path.display().to_string(), e.to_string());
            return fail_in(
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
        crate::errln!(
            "{}",
            t.cli_warning(&t.journal_readable(&w.path, &w.mode_octal()))
        );
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
    // Pretend orders, payments and activations alike: only `history --sandbox` lists them.
    let pretend_count = pretend.len() + pretend_activations.len();
    let damaged = history.unreadable_lines.len();
    // With the default real journal empty, say where sandbox orders are, if there are any.
    let sandbox_elsewhere = if g.sandbox || g.journal.is_some() || !attempts.is_empty() {
        0
    } else {
        config::default_journal_path(&env, true)
            .and_then(|p| Journal::new(p).read().ok())
            .map_or(0, |h| h.attempts.len())
    };
    if out == Output::Text && !history.unreadable_lines.is_empty() {
        let lines = few_lines(&history.unreadable_lines);
        let damaged = t.history_damaged(damaged, &path.display().to_string(), &lines);
        crate::errln!("{}", t.cli_warning(&damaged));
    }
    if out == Output::Json {
        stream_json(&HistoryJson {
            outcome: "history",
            journal: path.display().to_string(),
            attempts: &attempts,
            activations: &activations,
            damaged_lines: damaged,
            unreadable_lines: &history.unreadable_lines,
            sandbox_attempts_not_listed: pretend_count + sandbox_elsewhere,
        });
        return exit::ORDERED;
    }
    let report = HistoryReport {
        journal: path.display().to_string(),
        attempts: &attempts,
        activations: &activations,
        unreadable_lines: &history.unreadable_lines,
        pretend_count,
        sandbox_elsewhere,
        t,
    };
    report::emit(&report, out);
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
    damaged_lines: usize,
    unreadable_lines: &'a [usize],
    sandbox_attempts_not_listed: usize,
}

/// Writes the document and a newline to stdout through a buffer; a closed stdout is ignored (issue 17).
fn stream_json(doc: &HistoryJson<'_>) {
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    if serde_json::to_writer(&mut w, doc).is_ok() {
        let _ = w.write_all(b"\n");
    }
    let _ = w.flush();
}

/// The journal as an aligned text table, one row per attempt.
pub fn history_table(attempts: &[crate::journal::Attempt], t: &Text) -> String {
    let mut rows = vec![
        [
            t.history_time,
            t.history_state,
            t.history_order,
            t.history_what,
            t.history_region,
            t.history_result,
        ]
        .map(String::from)
        .to_vec(),
    ];
    for a in billing::beside_orders(attempts) {
        if let Some(action) = &a.action {
            rows.push(billing::action_row(a, action, t));
            continue;
        }
        let (what, region, sandbox) = match &a.sending {
            Some(s) => (
                format!(
                    "{} × {}",
                    s.request.subscription_num,
                    t.period_value(s.request.period_num, s.request.period_unit())
                ),
                s.region.clone(),
                a.is_pretend(),
            ),
            None => ("?".into(), "?".into(), false),
        };
        let (state, order, result) = match &a.outcome {
            Some(Event::Created { order_id, ca_ids }) => (
                t.history_created,
                order_id.clone(),
                t.history_ca_ids(ca_ids.len()),
            ),
            Some(Event::Rejected {
                status,
                error_code,
                request_id,
                ..
            }) => (
                t.history_rejected,
                "-".into(),
                format!(
                    "HTTP {status} {error_code}{}",
                    request_id
                        .as_ref()
                        .map(|r| format!(" req {r}"))
                        .unwrap_or_default()
                ),
            ),
            Some(Event::Unknown { reason }) => (
                t.history_unknown,
                "?".into(),
                t.history_check(&crate::sanitize::cut(reason, 60)),
            ),
            Some(Event::NotSent { reason }) => (
                t.history_not_sent,
                "-".into(),
                crate::sanitize::cut(reason, 60),
            ),
            Some(
                Event::Sending { .. }
                | Event::ActionSending { .. }
                | Event::Done { .. }
                | Event::Activated,
            )
            | None => (t.history_no_answer, "?".into(), t.history_stopped.into()),
        };
        let state = if sandbox {
            format!("{state}{}", t.history_sandbox)
        } else {
            state.to_string()
        };
        // RFC 3339 to the second reads better in a table; the JSON output keeps the full time.
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        // Journal text may hold anything an older version, a hand edit or a server wrote: never print
        // a control character from it (an escape sequence would steer the terminal).
        let row = [when, state, order, what, region, result];
        rows.push(row.iter().map(|c| crate::sanitize::clean(c)).collect());
    }
    super::report::aligned(&rows)
}

//! How a command fails before reaching an outcome: the error report in the chosen format and its exit
//! code, with the words from the catalog (English in the JSON). Below every command, above `report`.

use super::args::{Output, flag_for, subject_flag_for};
use super::io::Io;
use super::report;
use crate::config::ConfigError;
use crate::exit;
use crate::order::FieldError;
use crate::text::{Lang, Text};

/// Prints a failure in the chosen format and returns its exit code.
pub(super) fn fail(io: &mut Io, out: Output, code: i32, message: &str) -> i32 {
    fail_in(io, out, code, message, message)
}

/// Prints a failure whose text is in the user's language: the JSON keeps the English `message` (a
/// script's output must not change with the locale), the text shows `words`.
pub(super) fn fail_in(io: &mut Io, out: Output, code: i32, message: &str, words: &str) -> i32 {
    report::emit(
        io,
        &report::ErrorReport {
            code,
            message,
            words,
        },
        out,
    );
    code
}

/// Prints a failure whose words come from the catalog: `words` renders it once in English for the JSON
/// (stable for scripts) and once in the user's language for the text.
pub(super) fn fail_t(
    io: &mut Io,
    out: Output,
    code: i32,
    t: &Text,
    words: impl Fn(&Text) -> String,
) -> i32 {
    fail_in(io, out, code, &words(Lang::En.text()), &words(t))
}

/// The user said no at the question (or a signal came there): nothing was sent, exit 1 — in JSON too,
/// one document, so a script driving a terminal still reads an outcome.
pub(super) fn cancelled(io: &mut Io, out: Output, t: &Text) -> i32 {
    match out {
        Output::Json => report::emit_value(
            io,
            &serde_json::json!({"outcome": "cancelled",
            "exit_code": crate::exit::CANCELLED, "message": Lang::En.text().cli_cancelled}),
        ),
        Output::Text => io.err_line(t.cli_cancelled),
    }
    crate::exit::CANCELLED
}

/// Fails with a configuration problem's exit code, worded by the catalog (English in the JSON).
pub(super) fn fail_config(io: &mut Io, out: Output, e: &ConfigError, t: &Text) -> i32 {
    fail_t(io, out, e.exit_code(), t, |t| t.config_problem(e.problem()))
}

pub(super) fn field_errors_text(errors: &[FieldError]) -> String {
    field_errors_in(errors, Lang::En.text())
}

/// Every broken flag, one a line, each naming its flag, its field and the rule in this language.
fn field_errors_in(errors: &[FieldError], t: &Text) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| format!("{} ({}): {}", flag_for(e.field), e.field, t.rule(&e.rule)))
        .collect();
    format!("{}\n  {}", t.cli_nothing_sent, lines.join("\n  "))
}

/// Fails with exit 2 naming every broken flag: English in the JSON, the user's language in the text.
pub(super) fn fail_field_errors(io: &mut Io, out: Output, errors: &[FieldError], t: &Text) -> i32 {
    fail_in(
        io,
        out,
        exit::USAGE,
        &field_errors_text(errors),
        &field_errors_in(errors, t),
    )
}

/// Fails a read of CAs (`cas`, `ca`) with the exit code of a failed read.
pub(super) fn read_failed(io: &mut Io, out: Output, e: &crate::api::CallError, t: &Text) -> i32 {
    fail_t(io, out, e.read_exit_code(), t, |t| {
        t.cas_read_failed(&t.call_error(e))
    })
}

/// Every broken activation or subject flag (`activate`, `csr`), one a line, each naming its flag, its
/// field and the rule in this language, under "nothing sent".
pub(super) fn subject_errors_text(
    errors: &[crate::activation::rules::FieldError],
    t: &Text,
) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let rule = t.activation_rule(&e.rule);
            format!("{} ({}): {rule}", subject_flag_for(e.field), e.field)
        })
        .collect();
    format!("{}\n  {}", t.cli_nothing_sent, lines.join("\n  "))
}

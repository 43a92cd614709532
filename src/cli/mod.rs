//! The command line: [`Cli`] and its dispatch. Every flag type lives in `args`, each subcommand in its
//! own file (`order`, `history`, `sandbox`, `wizard`, `billing` for price/pay/status/cancel, `activation`
//! for cas/ca/activate), the outcome reports — one type per outcome, rendered as text or JSON from the
//! same value — in `report`. Below the commands, shared by them and importing none of them: `format`
//! (rows, tables, money), `report` (on `format`), `fail` (on `report`), `target` (endpoints, credentials,
//! journal, clients). Every path ends in a DESIGN.md exit code.

use std::io::{BufRead, IsTerminal, Write};
use std::time::Duration;

use crate::api::Reason;
use crate::config;
use crate::exit;
use crate::signals::Termination;
use crate::text::Lang;

mod activation;
mod args;
mod billing;
mod fail;
mod format;
mod history;
mod order;
pub mod out;
pub mod report;
mod sandbox;
mod target;
mod wizard;

use self::args::{asks_for_json, asks_sandbox_help, print_sandbox_help, repeated_shared_flag};
use self::sandbox::run_sandbox;
pub use args::{
    ActArgs, ActivateArgs, CaArgs, CasArgs, Cli, Command, GlobalArgs, OrderArgs, Output,
    SandboxArgs, StatusArgs, UnitArg, describe_field_error,
};
pub use format::{history_table, next_steps};
use history::run_history;
pub use order::confirm_question;
use order::run_order;
pub use report::advice;
use wizard::run_wizard;

/// Runs the parsed command line and returns the exit code.
pub async fn run(cli: Cli) -> i32 {
    let out = cli.global.output;
    // One language for the whole run, chosen as the wizard chooses it: `--lang`, else the locale.
    let lang = Lang::detect(cli.global.lang, &config::process_env);
    match cli.command {
        None => run_wizard(&cli.global, lang).await,
        Some(Command::Order(args)) => run_order(&cli.global, &args, lang.text()).await,
        Some(Command::Sandbox(args)) => run_sandbox(&args, lang.text()).await,
        Some(Command::History) => run_history(&cli.global, out, lang.text()),
        Some(Command::Price(args)) => billing::run_price(&cli.global, &args, lang.text()).await,
        Some(Command::Pay(args)) => {
            let kind = crate::journal::ActionKind::Pay;
            billing::run_act(&cli.global, &args, kind, lang.text()).await
        }
        Some(Command::Status(args)) => billing::run_status(&cli.global, &args, lang.text()).await,
        Some(Command::Cancel(args)) => {
            let kind = crate::journal::ActionKind::Cancel;
            billing::run_act(&cli.global, &args, kind, lang.text()).await
        }
        Some(Command::Cas(args)) => activation::run_cas(&cli.global, &args, lang.text()).await,
        Some(Command::Ca(args)) => activation::run_ca(&cli.global, &args, lang.text()).await,
        Some(Command::Activate(args)) => {
            activation::run_activate(&cli.global, &args, lang.text()).await
        }
    }
}

/// What ends the wait for a state-changing request's answer (order, pay, cancel, activate): the first
/// signal only says the request is in flight (`in_flight`) and keeps waiting, at most `wait`; a second
/// signal, or the end of that wait, stops it, and the outcome is journaled as unknown with the reason.
async fn stop_on_signals(signals: &mut Termination, wait: Duration, in_flight: String) -> Reason {
    signals.recv().await;
    crate::errln!("pca-order: {in_flight}");
    tokio::select! {
        () = signals.recv() => Reason::SecondSignal,
        () = tokio::time::sleep(wait) => Reason::SignalWait { secs: wait.as_secs() },
    }
}

/// Throws away what was typed on the terminal but not yet read, so type-ahead (a "y⏎" typed while the
/// price or the order was being read) never answers a question the user has not seen. Only when stdin is
/// a terminal: a pipe or file holds a script's answers, which are meant for the question.
fn discard_type_ahead() {
    #[cfg(unix)]
    if std::io::stdin().is_terminal() {
        // SAFETY: tcflush only takes a descriptor and a constant; it touches no memory of ours.
        let _ = unsafe { libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH) };
    }
}

/// Asks the question; yes only for an explicit "y"/"yes". A signal (Ctrl-C at the prompt) is a no.
/// Input typed before the question appeared is discarded first: it never answers it.
async fn confirm(question: &str, signals: &mut Termination) -> bool {
    discard_type_ahead();
    crate::err_text!("{question}");
    let _ = std::io::stderr().flush();
    // A plain thread, not a runtime task: a read that never returns must not hold up the exit.
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let yes = match std::io::stdin().lock().read_line(&mut line) {
            Ok(_) => matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes"),
            Err(_) => false,
        };
        let _ = tx.send(yes);
    });
    tokio::select! {
        answer = rx => answer.unwrap_or(false),
        () = signals.recv() => {
            crate::errln!();
            false
        }
    }
}

/// Parses the command line. On a usage error returns the exit code (2) after printing the error: as
/// JSON on stdout when `--output json` is on the command line, so a script reads one format whatever
/// went wrong; `--help` and `--version` print and return 0.
pub fn parse_command_line(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let parsed = cmd.try_get_matches_from_mut(&args).and_then(|m| {
        match repeated_shared_flag(&mut cmd, &args) {
            Some(e) => Err(e),
            None => Cli::from_arg_matches(&m).map_err(|e| e.with_cmd(&cmd)),
        }
    });
    let e = match parsed {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if e.kind() == clap::error::ErrorKind::DisplayHelp && asks_sandbox_help(&args) {
        return Err(print_sandbox_help());
    }
    if !e.use_stderr() || !asks_for_json(&args) {
        // Help and version go to stdout with exit 0; errors to stderr with exit 2.
        let _ = e.print();
        return Err(e.exit_code());
    }
    let message = e.render().to_string();
    let message = message.trim().trim_start_matches("error: ").to_string();
    Err(fail::fail(Output::Json, exit::USAGE, &message))
}

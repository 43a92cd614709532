//! The command line: [`Cli`] and its dispatch ([`run`], or [`run_with`] given an [`io::Io`]). Every flag
//! type lives in `args`, with `Command::run`, which hands a subcommand to its file's `RunCommand` (so
//! this file has no arm per command); each subcommand in its own file (`order`, `history`, `sandbox`,
//! `wizard`, `billing` for price/pay/status/cancel, `activation` for cas/ca/activate) with its outcome
//! reports — one type per outcome, rendered as text or JSON from the same value. Below the commands,
//! shared by them and importing none of them: `format` (rows, tables, money), `report` (the `Report`
//! trait, the error and dry-run reports), `fail` (on `report`), `target` (endpoints, credentials,
//! journal, clients), `send` (the confirm-and-send sequence) and `io` (where a command writes and what
//! it reads).
//! Every path ends in a DESIGN.md exit code.

use crate::exit;
use crate::text::Lang;

mod activation;
mod args;
mod billing;
mod csr;
mod expiring;
mod export;
mod fail;
mod format;
mod generate;
mod history;
mod import;
pub mod io;
mod lifecycle;
mod order;
pub mod out;
mod renew;
pub mod report;
mod sandbox;
mod save;
mod send;
mod target;
mod wizard;

use self::args::{asks_for_json, repeated_shared_flag};
use self::io::Io;
pub use args::{
    ActArgs, ActivateArgs, CaArgs, CasArgs, Cli, Command, CompletionsArgs, GlobalArgs, ManArgs,
    OrderArgs, OrderSpec, Output, SandboxArgs, StatusArgs, UnitArg, VERSION, describe_field_error,
};
pub use format::{history_table, next_steps};
pub use order::advice;
pub use order::confirm_question;
use wizard::run_wizard;

/// Runs the parsed command line and returns the exit code.
pub async fn run(cli: Cli) -> i32 {
    run_with(cli, &mut Io::process()).await
}

/// Runs the parsed command line writing through `io` (its streams, terminal and environment) and
/// returns the exit code: what a test uses to run a command in-process.
pub async fn run_with(cli: Cli, io: &mut Io) -> i32 {
    // One language for the whole run, chosen as the wizard chooses it: `--lang`, else the locale.
    let lang = Lang::detect(cli.global.lang, &*io.env());
    let t = lang.text();
    let g = &cli.global;
    match &cli.command {
        None => run_wizard(io, g, lang).await,
        Some(command) => command.run(io, g, t).await,
    }
}

/// Parses the command line. On a usage error returns the exit code (2) after printing the error: as
/// JSON on stdout when `--output json` is on the command line, so a script reads one format whatever
/// went wrong; `--help` and `--version` print and return 0.
pub fn parse_command_line(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let parse = |mut cmd: clap::Command| {
        cmd.try_get_matches_from_mut(&args).and_then(|m| {
            match repeated_shared_flag(&mut cmd, &args) {
                Some(e) => Err(e),
                None => Cli::from_arg_matches(&m).map_err(|e| e.with_cmd(&cmd)),
            }
        })
    };
    // The plain command parses: building every subcommand's help (each listing only the shared flags
    // it reads, `args::command`) allocates for all of them — 150 KB more heap at the wizard's first
    // frame, measured with /proc/PID/smaps — and only help, version and errors show it. Hiding a flag
    // changes no parse, so those parse again with the full command for their words.
    let e = match parse(<Cli as clap::CommandFactory>::command()) {
        Ok(cli) => return Ok(cli),
        Err(_) => match parse(args::command()) {
            Ok(cli) => return Ok(cli),
            Err(e) => e,
        },
    };
    if !e.use_stderr() || !asks_for_json(&args) {
        // Help and version go to stdout with exit 0; errors to stderr with exit 2.
        let _ = e.print();
        return Err(e.exit_code());
    }
    let message = e.render().to_string();
    let message = message.trim().trim_start_matches("error: ").to_string();
    Err(fail::fail(
        &mut io::Io::process(),
        Output::Json,
        exit::USAGE,
        &message,
    ))
}

//! The command line: [`Cli`] and its dispatch. The flag types live in `args`, each subcommand in its own
//! file (`order`, `history`, `sandbox`, `wizard`, `billing` for price/pay/status/cancel, `activation` for
//! cas/ca/activate), and the outcome reports — one type per outcome, rendered as text or JSON from the
//! same value — in `report`. Every path ends in a DESIGN.md exit code.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use crate::api::Reason;
use crate::api::credentials::{CredentialSource, Credentials, ResolvedCredentials};
use crate::config::{
    self, Config, ConfigError, EndpointFlags, EnvLookup, resolve_credentials, resolve_endpoints,
};
use crate::sandbox::{RunningSandbox, SandboxConfig};
use crate::signals::Termination;
use crate::text::{Lang, Text};

mod activation;
mod args;
mod billing;
mod history;
mod order;
pub mod out;
pub mod report;
mod sandbox;
mod wizard;

use self::sandbox::run_sandbox;
pub use activation::{ActivateArgs, CaArgs, CasArgs};
pub use args::{
    Cli, Command, GlobalArgs, OrderArgs, Output, SandboxArgs, UnitArg, describe_field_error,
    parse_command_line,
};
pub use history::history_table;
use history::run_history;
use order::run_order;
pub use order::{confirm_question, next_steps};
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

/// Prints a failure in the chosen format and returns its exit code.
fn fail(out: Output, code: i32, message: &str) -> i32 {
    fail_in(out, code, message, message)
}

/// Prints a failure whose text is in the user's language: the JSON keeps the English `message` (a
/// script's output must not change with the locale), the text shows `words`.
fn fail_in(out: Output, code: i32, message: &str, words: &str) -> i32 {
    report::emit(
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
fn fail_t(out: Output, code: i32, t: &Text, words: impl Fn(&Text) -> String) -> i32 {
    fail_in(out, code, &words(Lang::En.text()), &words(t))
}

/// The user said no at the question (or a signal came there): nothing was sent, exit 1 — in JSON too,
/// one document, so a script driving a terminal still reads an outcome.
fn cancelled(out: Output, t: &Text) -> i32 {
    match out {
        Output::Json => report::emit_value(&serde_json::json!({"outcome": "cancelled",
            "exit_code": crate::exit::CANCELLED, "message": Lang::En.text().cli_cancelled})),
        Output::Text => crate::errln!("{}", t.cli_cancelled),
    }
    crate::exit::CANCELLED
}

/// Fails with a configuration problem's exit code, worded by the catalog (English in the JSON).
fn fail_config(out: Output, e: &ConfigError, t: &Text) -> i32 {
    fail_t(out, e.exit_code(), t, |t| t.config_problem(e.problem()))
}

/// A running in-process sandbox (kept alive while the command runs) and the config pointing at it.
struct Target {
    config: Config,
    /// The journal for a request whose own endpoint is pretend (`true`) or real: `--journal` for both,
    /// else the default of each kind. `config.journal_path` is the one for CCM's endpoint.
    journals: [Option<PathBuf>; 2],
    _sandbox: Option<RunningSandbox>,
}

impl Target {
    /// The journal a request goes to, by whether that request's own endpoint is pretend (see
    /// [`config::is_pretend_endpoint`]): a pay sent to a real BSS is journaled as real even when CCM is a
    /// sandbox, and the reverse.
    fn journal_for(&self, pretend: bool) -> PathBuf {
        self.journals[usize::from(pretend)]
            .clone()
            .unwrap_or_else(|| self.config.journal_path.clone())
    }
}

/// `--journal`, else the default path for real or sandbox (pretend) orders.
fn journal_path(g: &GlobalArgs, env: EnvLookup<'_>, sandbox: bool) -> Result<PathBuf, ConfigError> {
    match &g.journal {
        Some(p) => Ok(p.clone()),
        None => config::default_journal_path(env, sandbox)
            .ok_or(ConfigError::Usage(config::Problem::NoJournalHome)),
    }
}

/// [`journal_path`], or none when there is no home to put the default in.
fn journal_path_opt(g: &GlobalArgs, env: EnvLookup<'_>, sandbox: bool) -> Option<PathBuf> {
    journal_path(g, env, sandbox).ok()
}

/// Resolves endpoints, credentials and the journal; with `--sandbox`, starts the sandbox first.
/// Without `need_credentials` (a dry run), missing credentials become a labelled placeholder.
async fn build_target(
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    need_credentials: bool,
    t: &Text,
) -> Result<Target, ConfigError> {
    let timeout = Duration::from_secs(g.timeout);
    let (region, endpoints, credentials, running) = if g.sandbox {
        if g.endpoint.is_some() || g.iam_endpoint.is_some() || g.eps_endpoint.is_some() {
            return Err(ConfigError::Usage(config::Problem::SandboxWithEndpoints {
                bss: false,
            }));
        }
        // One pretend account on disk, shared by every `--sandbox` command (and the wizard); checked before
        // anything starts, so a damaged file is reported, never silently replaced.
        let state_file = config::default_sandbox_state_path(env)
            .ok_or(ConfigError::Usage(config::Problem::NoJournalHome))?;
        crate::sandbox::Store::new(state_file.clone())
            .check()
            .map_err(|e| e.problem())?;
        let sc = SandboxConfig {
            state_file: Some(state_file),
            ..SandboxConfig::default()
        };
        let running = crate::sandbox::start(sc.clone(), ([127, 0, 0, 1], 0).into())
            .await
            .map_err(|e| ConfigError::Usage(config::Problem::SandboxStart(e.to_string())))?;
        let base = running.base_url();
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: Some(base.clone()),
            iam_endpoint: Some(base.clone()),
            eps_endpoint: Some(base),
        };
        let (region, endpoints) = resolve_endpoints(&flags, env, None)?;
        let credentials = ResolvedCredentials {
            credentials: Credentials::ak_sk(sc.ak, sc.sk, None, Some(sc.domain_id)),
            source: CredentialSource::Sandbox,
        };
        (region, endpoints, credentials, Some(running))
    } else {
        let file = config::load_credentials_file(env)?;
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: g.endpoint.clone(),
            iam_endpoint: g.iam_endpoint.clone(),
            eps_endpoint: g.eps_endpoint.clone(),
        };
        let file_iam = file.as_ref().and_then(|f| f.iam_endpoint.as_deref());
        let (region, endpoints) = resolve_endpoints(&flags, env, file_iam)?;
        let stdin = &mut std::io::stdin();
        if g.token_file.as_deref() == Some(std::path::Path::new("-")) && stdin.is_terminal() {
            // Otherwise the command just sits there, looking hung.
            crate::errln!("{}", t.cli_token_stdin_wait);
        }
        let credentials =
            match resolve_credentials(g.token_file.as_deref(), env, stdin, file.as_ref()) {
                Ok(c) => c,
                Err(e @ ConfigError::Credentials(_)) if !need_credentials => {
                    crate::errln!("{}", t.cli_note(&t.config_problem(e.problem())));
                    crate::errln!("{}", t.cli_note(t.cli_placeholder_credentials));
                    ResolvedCredentials {
                        credentials: Credentials::token("<none>"),
                        source: CredentialSource::Missing,
                    }
                }
                Err(e) => return Err(e),
            };
        (region, endpoints, credentials, None)
    };
    // A plain-http (loopback-only) CCM endpoint, such as a standalone `pca-order sandbox`, can never take a
    // real purchase: its orders are pretend ones, journaled and labelled as sandbox orders.
    let sandbox = running.is_some() || config::is_pretend_endpoint(&endpoints.ccm);
    let journal_path = journal_path(g, env, sandbox)?;
    let journals = [false, true].map(|pretend| journal_path_opt(g, env, pretend));
    Ok(Target {
        config: Config {
            region,
            endpoints,
            credentials,
            journal_path,
            timeout,
            sandbox,
        },
        journals,
        _sandbox: running,
    })
}

/// Prints the journal's warning (others can read it) on stderr, before anything is sent or drawn.
fn warn_journal(warning: Option<crate::journal::ReadableByOthers>, t: &Text) {
    if let Some(w) = warning {
        crate::errln!(
            "{}",
            t.cli_warning(&t.journal_readable(&w.path, &w.mode_octal()))
        );
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

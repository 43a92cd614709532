//! The purchase wizard: a full-screen, step-by-step way to buy private CAs. Built as The Elm Architecture
//! — a pure [`model::update`] and [`view::view`] with a thin [`runtime`] that owns the terminal and runs
//! the network calls in the background.

pub mod activation_exec;
pub mod csr_exec;
pub mod export_exec;
pub mod keymap;
pub mod lifecycle_exec;
pub mod manage_exec;
pub mod model;
pub mod runtime;
pub mod text;
pub mod view;

use crossterm::event::EventStream;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use std::io::Write;
use std::time::Duration;

use crate::api::bss::BssClient;
use crate::api::{self, CcmClient};
use crate::config::Config;
use crate::journal::Journal;
use model::{HeaderInfo, Model, Msg, update};
use runtime::{ClientExecutor, TerminalGuard, Termination, TypeAhead, run_loop_asking};
use text::Lang;

/// Everything the wizard needs from `main`: where to send, who signs, where to journal, which language.
pub struct WizardContext {
    /// Region, endpoints, credentials, sandbox flag.
    pub config: Config,
    /// The client orders, quota and projects go through.
    pub client: CcmClient,
    /// The billing client the review's price goes through (same credentials, BSS endpoint).
    pub bss: BssClient,
    /// The order journal.
    pub journal: Journal,
    /// The journal for pays and cancels, chosen by BSS's endpoint (real or pretend), which may differ
    /// from CCM's.
    pub bss_journal: Journal,
    /// Display language.
    pub lang: Lang,
    /// The flow the wizard opens on: the order's first step, the activation flow (`pca-order
    /// activate` on a terminal) or "My CAs" (`pca-order manage`).
    pub start: WizardStart,
}

/// Where the wizard opens: one start option, whichever flow a command asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum WizardStart {
    /// The order's first step (no command).
    #[default]
    Order,
    /// The activation flow: the CA to activate, or none for the chooser of PENDING CAs.
    Activation(model::activation::ActivationStart),
    /// "My CAs": the account's CAs with their paid life.
    Manage,
}

/// The header facts for a config: region, endpoint, credentials (secret-free), sandbox, journal path.
pub fn header_info(config: &Config, journal: &Journal, lang: Lang) -> HeaderInfo {
    HeaderInfo {
        region: config.region.clone(),
        endpoint: config
            .endpoints
            .ccm
            .as_str()
            .trim_end_matches('/')
            .to_string(),
        credential_kind: config.credentials.credentials.kind(),
        credential_source: lang.text().credential_source(&config.credentials.source),
        sandbox: config.sandbox,
        journal_path: journal.path().display().to_string(),
    }
}

/// Whether NO_COLOR asks for a colourless screen (set and non-empty, per no-color.org).
pub fn no_color(env: &dyn Fn(&str) -> Option<String>) -> bool {
    env("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Why this terminal cannot show the full-screen wizard, if it cannot: `TERM` unset, empty, `dumb` or
/// `unknown` means no cursor addressing, and the escapes would print as garbage. Checked before any
/// terminal setup, so such a terminal is left untouched.
pub fn terminal_problem(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let term = env("TERM").unwrap_or_default();
    let term = term.trim();
    let lacking =
        term.is_empty() || term == "dumb" || term.starts_with("dumb-") || term == "unknown";
    lacking.then(|| {
        let shown = if term.is_empty() {
            "TERM is not set".to_string()
        } else {
            format!("TERM={}", crate::sanitize::clean(term))
        };
        format!(
            "the wizard needs a terminal with cursor addressing, and {shown} has none.\n\
             Use `pca-order order` instead (see `pca-order order --help`), or set TERM (e.g. TERM=xterm-256color)."
        )
    })
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set
/// decides (as the C library does), and its codeset must say `UTF-8`/`utf8`. Unset means the C locale,
/// which is ASCII. Otherwise the wizard draws with ASCII only.
pub fn utf8_locale(env: &dyn Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| env(name))
        .find(|v| !v.trim().is_empty());
    locale.is_some_and(|v| {
        let codeset = v
            .split_once('.')
            .map(|(_, rest)| rest.split('@').next().unwrap_or(rest))
            .unwrap_or("")
            .to_ascii_lowercase();
        codeset == "utf-8" || codeset == "utf8"
    })
}

/// Runs the wizard on the real terminal until it ends; returns the DESIGN.md exit code (0 ordered,
/// 1 cancelled, 3 rejected, 4 unknown, 5 not sent; 2 when the terminal cannot be set up, nothing sent).
/// The terminal is restored on every path: normal exit, SIGTERM/SIGHUP/SIGINT, and panics.
pub async fn run(ctx: WizardContext) -> i32 {
    let env = |name: &str| std::env::var(name).ok();
    let mut model = Model::new(
        ctx.lang,
        header_info(&ctx.config, &ctx.journal, ctx.lang),
        no_color(&env),
    );
    model.ascii = !utf8_locale(&env);
    model.local_times = true;
    model.poll_schedule = model::PollSchedule::for_endpoint(ctx.bss.is_loopback());
    // The loop's start asks for the flow's fetches.
    match ctx.start {
        WizardStart::Order => {}
        WizardStart::Activation(start) => {
            let _ = model.open_activation(start);
        }
        WizardStart::Manage => {
            let _ = model.open_manage();
        }
    }
    let guard = match TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            runtime::restore_terminal();
            eprintln!("pca-order: cannot set up the terminal ({e})");
            return crate::exit::USAGE;
        }
    };
    let mut terminal = match Terminal::new(CrosstermBackend::new(std::io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            drop(guard);
            eprintln!("pca-order: cannot set up the terminal ({e})");
            return crate::exit::USAGE;
        }
    };
    let mut exec =
        ClientExecutor::new(ctx.client, ctx.bss, ctx.journal).with_bss_journal(ctx.bss_journal);
    // SIGINT too: in raw mode the Ctrl-C key is a key, so an INT can only come from outside (`kill -INT`, a
    // supervisor); left to its default it would kill the wizard with a request in flight and the screen up.
    let mut termination = Termination::new().with_interrupt();
    let end = run_loop_asking(
        &mut terminal,
        EventStream::new(),
        termination.recv(),
        model,
        &mut exec,
        TypeAhead::Discard,
    )
    .await;
    // Once the terminal is given back, Ctrl-C is SIGINT: take it over before anything else can arrive.
    let mut stop = Termination::stop_waiting();
    drop(guard);
    // The guard has restored the cursor and the screen. The terminal itself must not be dropped: its Drop
    // writes to a terminal that may be gone (SIGHUP) and panics on failure, which would abort the process.
    std::mem::forget(terminal);
    let runtime::LoopEnd {
        code,
        error,
        mut model,
        mut results,
    } = end;
    // From here on, output may fail (a closed terminal): it is best effort and never changes the outcome.
    let mut err = std::io::stderr();
    if let Some(error) = error {
        let _ = writeln!(err, "pca-order: {error}");
    }
    let code = if model.request_in_flight() {
        // The user quit (or the session ended) while the order was in flight. Its task is still running and
        // will journal the answer; wait for it so the order id is not lost, unless told to stop waiting.
        // The task may first look up the account id, then send: each is bounded by the timeout.
        let wait = api::client::in_flight_wait(ctx.config.timeout);
        let t = model.lang.text();
        let note = if model.order_form().is_some_and(|f| f.in_flight.is_some()) {
            t.waiting_for_answer(wait.as_secs())
        } else if model.manage().is_some_and(|f| f.life.in_flight()) {
            t.manage_waiting_for_answer(wait.as_secs())
        } else {
            t.waiting_for_act(wait.as_secs())
        };
        let _ = writeln!(err, "{note}");
        finish_in_flight(&mut model, &mut results, wait, stop.recv()).await;
        model.exit_code()
    } else {
        code
    };
    let orders = view::outcome::summary(&model);
    if let Some(summary) = &orders {
        let _ = write!(std::io::stdout(), "{summary}");
    }
    // The paid-life actions sent from My CAs (renewal and unsubscribe order ids included).
    let life = &model.session.life;
    if let Some(summary) =
        view::lifecycle::summary(life, model.lang, model.header.sandbox, orders.is_none())
    {
        let _ = write!(std::io::stdout(), "{summary}");
    }
    // Activations left for "My CAs" first, then the one on screen, oldest first.
    for flow in model.earlier_activations.iter().chain(model.activation()) {
        if let Some(summary) = view::activation::summary(flow, model.lang) {
            let _ = write!(std::io::stdout(), "{summary}");
        }
    }
    // The CSR paths the wizard went back from, then the one on screen: the file and the next command.
    for flow in model.earlier_saves.iter().chain(model.csr()) {
        if let Some(summary) = view::csr::summary(flow, model.lang, model.header.sandbox) {
            let _ = write!(std::io::stdout(), "{summary}");
        }
    }
    code
}

/// Waits, after the wizard has ended, for the answer of an order, a pay or cancel, or an activation
/// still in flight (its task journals it) until it arrives, `wait` passes, or `stop` completes (Ctrl-C,
/// SIGTERM, SIGHUP).
pub async fn finish_in_flight(
    model: &mut Model,
    results: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>,
    wait: Duration,
    stop: impl std::future::Future,
) {
    let deadline = tokio::time::sleep(wait);
    tokio::pin!(deadline);
    tokio::pin!(stop);
    while model.request_in_flight() {
        tokio::select! {
            msg = results.recv() => match msg {
                Some(msg) if msg.answers_sent_request() => {
                    update(model, msg);
                }
                Some(_) => {}
                None => break,
            },
            () = &mut deadline => break,
            _ = &mut stop => break,
        }
    }
}

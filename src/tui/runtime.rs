//! The thin, impure shell around the pure model: owns the terminal (and restores it on every exit, panics
//! included), merges terminal events with background results into [`Msg`]s, runs [`Effect`]s, and redraws
//! only when a message arrives. Generic over the ratatui backend and the event stream so tests run it on a
//! `TestBackend` with scripted keys and a fake [`Executor`].

use std::io::{self, Write};
use std::panic::PanicHookInfo;
use std::sync::Arc;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use base64::Engine;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::time::{Interval, MissedTickBehavior};

use super::activation_exec;
use super::keymap;
use super::model::activation::{ActivationEffect, ActivationMsg};
use super::model::csr::{CsrEffect, CsrFailure, CsrMsg, CsrResult};
use super::model::export::{ExportEffect, ExportFailure, ExportMsg};
use super::model::lifecycle::LifeEffect;
use super::model::manage::{ManageEffect, ManageMsg, ManageRead};
use super::model::{ActAnswer, Effect, Model, Msg, Polled, ProjectChoice, update};
use super::view::view;
use crate::api::bss::BssClient;
use crate::api::{CallError, CcmClient, Outcome, Reason};
use crate::billing::WaitVerdict;
use crate::journal::ActionKind;
use crate::journal::Journal;
pub use crate::signals::Termination;

/// How often the spinner and elapsed time advance while something is loading or in flight.
pub const TICK: Duration = Duration::from_millis(100);

/// Runs the effects that reach the outside world (network, clipboard). Results come back as messages on
/// `tx`; `Quit` and ticking are the loop's own business and never reach an executor.
pub trait Executor {
    /// Starts one effect without blocking the loop.
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>);
}

/// How the loop ended: the exit code, a terminal error to report once the screen is restored, and what
/// is needed to finish an order still in flight.
#[derive(Debug)]
pub struct LoopEnd {
    /// The DESIGN.md exit code.
    pub code: i32,
    /// Why drawing failed, if it did.
    pub error: Option<String>,
    /// The wizard's state at the end: what was ordered, and whether an order is still in flight.
    pub model: Model,
    /// Where background results keep arriving: an order still in flight reports here.
    pub results: mpsc::UnboundedReceiver<Msg>,
}

/// The event loop: start the background fetches, then handle one message at a time until an
/// [`Effect::Quit`]. Redraws after each message that can change the screen; sleeps otherwise.
pub async fn run_loop<B, S, X>(
    terminal: &mut Terminal<B>,
    events: S,
    model: Model,
    exec: &mut X,
) -> LoopEnd
where
    B: Backend,
    S: Stream<Item = io::Result<Event>> + Unpin,
    X: Executor,
{
    run_loop_until(terminal, events, std::future::pending(), model, exec).await
}

/// [`run_loop`] that also ends when `stop` completes (a termination signal), with the exit code the
/// state calls for (4 while an order is in flight).
pub async fn run_loop_until<B, S, F, X>(
    terminal: &mut Terminal<B>,
    events: S,
    stop: F,
    model: Model,
    exec: &mut X,
) -> LoopEnd
where
    B: Backend,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: Future<Output = ()>,
    X: Executor,
{
    run_loop_asking(terminal, events, stop, model, exec, TypeAhead::Keep).await
}

/// What happens to keys typed before a y/N question (buy, pay, cancel, activate, quit) was on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeAhead {
    /// Discarded just before the question's first frame is drawn, so a "y" typed before it appeared
    /// (while a price or an order was being read) never answers it: what the terminal holds then, and
    /// the events already waiting in the stream. The real terminal.
    Discard,
    /// Kept: scripted event streams, where every event is "typed" at once.
    Keep,
}

/// [`run_loop_until`] with a choice of what happens to type-ahead at a question ([`TypeAhead`]).
pub async fn run_loop_asking<B, S, F, X>(
    terminal: &mut Terminal<B>,
    mut events: S,
    stop: F,
    mut model: Model,
    exec: &mut X,
    type_ahead: TypeAhead,
) -> LoopEnd
where
    B: Backend,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: Future<Output = ()>,
    X: Executor,
{
    let mut held: std::collections::VecDeque<io::Result<Event>> = Default::default();
    let mut asked = false;
    let mut stop = std::pin::pin!(stop);
    let mut stopped = false;
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut ticker: Option<Interval> = None;
    let mut last_tick = Instant::now();
    let mut input_open = true;

    let mut pending = model.start();
    if let Ok(size) = terminal.size() {
        pending.extend(update(&mut model, Msg::Resize(size.width, size.height)));
    }
    let mut outside: Vec<Effect> = Vec::new();
    loop {
        for effect in pending.drain(..) {
            match effect {
                Effect::Quit(code) => {
                    return LoopEnd {
                        code,
                        error: None,
                        model,
                        results: rx,
                    };
                }
                Effect::StartTicking => {
                    let mut interval = tokio::time::interval(TICK);
                    interval.set_missed_tick_behavior(MissedTickBehavior::Skip);
                    // The first tick of an interval fires at once; skip it so ticks are TICK apart.
                    interval.reset();
                    ticker = Some(interval);
                    last_tick = Instant::now();
                }
                Effect::StopTicking => ticker = None,
                // The clipboard write goes out before the frame that says it is done.
                copy @ Effect::Copy(_) => exec.execute(copy, &tx),
                other => outside.push(other),
            }
        }
        // A question's first frame is about to be drawn: what was typed before it cannot be an answer to
        // it. Thrown away *before* the frame goes out, never after: a key pressed once the question is
        // visible is an answer (discarding after the draw raced with a quick "n" and lost it).
        let asking = matches!(
            model.context(),
            keymap::Context::Question | keymap::Context::QuestionTyped
        );
        if asking && !asked && type_ahead == TypeAhead::Discard {
            discard_terminal_input();
            // Polled with this task's own waker (not a no-op one): a stream that is not ready must still
            // wake the loop when the next key comes.
            while let std::task::Poll::Ready(ready) = futures_util::poll!(events.next()) {
                match ready {
                    Some(Ok(Event::Key(_) | Event::Paste(_))) => {}
                    Some(other) => held.push_back(other),
                    None => {
                        held.push_back(Err(io::Error::from(io::ErrorKind::UnexpectedEof)));
                        break;
                    }
                }
            }
        }
        asked = asking;
        if let Err(e) = terminal.draw(|f| view(&model, f)) {
            return LoopEnd {
                code: model.exit_code(),
                error: Some(format!("cannot draw on the terminal: {e}")),
                model,
                results: rx,
            };
        }
        // The frame goes out first: network calls (HTTP clients, TLS, the trust store) start only once the
        // user can see the screen, and never delay it.
        for effect in outside.drain(..) {
            exec.execute(effect, &tx);
        }
        let msg = loop {
            // Events kept back while type-ahead was discarded (a resize, the end of input) come first.
            if let Some(event) = held.pop_front() {
                let next = match event {
                    Ok(event) => event_msg(&model, event),
                    Err(_) => {
                        input_open = false;
                        Some(Msg::InputClosed)
                    }
                };
                if let Some(msg) = next {
                    break msg;
                }
                continue;
            }
            let next = tokio::select! {
                biased;
                () = &mut stop, if !stopped => {
                    stopped = true;
                    Some(Msg::Terminate)
                }
                Some(msg) = rx.recv() => Some(msg),
                event = events.next(), if input_open => match event {
                    Some(Ok(event)) => event_msg(&model, event),
                    Some(Err(_)) | None => {
                        input_open = false;
                        Some(Msg::InputClosed)
                    }
                },
                () = next_tick(&mut ticker) => {
                    let now = Instant::now();
                    let dt = now.saturating_duration_since(last_tick);
                    last_tick = now;
                    Some(Msg::Tick(dt))
                }
            };
            if let Some(msg) = next {
                break msg;
            }
        };
        pending = update(&mut model, msg);
    }
}

/// Throws away input the terminal holds but nobody has read yet (only when stdin is a terminal).
fn discard_terminal_input() {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        if io::stdin().is_terminal() {
            // SAFETY: tcflush only takes a descriptor and a constant; it touches no memory of ours.
            let _ = unsafe { libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH) };
        }
    }
}

async fn next_tick(ticker: &mut Option<Interval>) {
    match ticker {
        Some(t) => {
            t.tick().await;
        }
        None => std::future::pending::<()>().await,
    }
}

/// Turns a terminal event into a message; a key becomes the action the keymap gives it where the
/// wizard is now. Key releases and repeats, mouse and focus events are dropped without a redraw.
pub fn event_msg(model: &Model, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => keymap::translate(model.context(), &key).map(Msg::Action),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        _ => None,
    }
}

/// The executor of the real program: the CCM client for orders, quota and projects, the BSS client for
/// billing (the price), OSC 52 on stdout for the clipboard.
pub struct ClientExecutor {
    client: CcmClient,
    bss: BssClient,
    journal: Journal,
    /// Where pays and cancels are journaled: by BSS's endpoint, which may be real while CCM's is not.
    bss_journal: Journal,
}

impl ClientExecutor {
    /// An executor that sends through `client` (CCM) and `bss` (billing) and journals to `journal`.
    pub fn new(client: CcmClient, bss: BssClient, journal: Journal) -> Self {
        ClientExecutor {
            client,
            bss,
            bss_journal: journal.clone(),
            journal,
        }
    }

    /// Journals pays and cancels to `journal` instead: the one for BSS's endpoint, real or pretend by
    /// where those requests go (see [`crate::config::is_pretend_endpoint`]).
    pub fn with_bss_journal(mut self, journal: Journal) -> Self {
        self.bss_journal = journal;
        self
    }
}

impl Executor for ClientExecutor {
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
        let tx = tx.clone();
        match effect {
            Effect::LoadQuota => {
                let client = self.client.clone();
                spawn_reporting(
                    async move { client.show_ca_quota().await },
                    tx,
                    Msg::QuotaLoaded,
                    |why| Msg::QuotaLoaded(Err(CallError::Network(why))),
                );
            }
            Effect::LoadConsole => {
                let client = self.client.clone();
                spawn_reporting(
                    async move { client.show_console_config().await },
                    tx,
                    Msg::ConsoleLoaded,
                    |why| Msg::ConsoleLoaded(Err(CallError::Network(why))),
                );
            }
            Effect::LoadProjects => {
                let client = self.client.clone();
                spawn_reporting(
                    async move {
                        client.list_enterprise_projects().await.map(|list| {
                            list.into_iter()
                                .map(|p| ProjectChoice {
                                    enabled: p.enabled(),
                                    id: p.id,
                                    name: p.name,
                                    description: p.description,
                                })
                                .collect()
                        })
                    },
                    tx,
                    Msg::ProjectsLoaded,
                    |why| Msg::ProjectsLoaded(Err(CallError::Network(why))),
                );
            }
            Effect::LoadPrice(request) => {
                let bss = self.bss.clone();
                tokio::spawn(async move {
                    let result = match tokio::spawn({
                        let bss = bss.clone();
                        let request = request.clone();
                        async move { bss.price(&request).await }
                    })
                    .await
                    {
                        Ok(result) => result,
                        Err(e) => Err(CallError::Network(format!(
                            "internal error in the background task: {e}"
                        ))),
                    };
                    let _ = tx.send(Msg::price_loaded(request, result));
                });
            }
            Effect::Submit(request) => {
                let client = self.client.clone();
                let journal = self.journal.clone();
                let warn = tx.clone();
                spawn_reporting(
                    async move {
                        let placed = client.create_ca_order(&request, &journal).await;
                        if let Some(why) = placed.journal_warning {
                            let _ = warn.send(Msg::JournalWarning(why));
                        }
                        placed.outcome
                    },
                    tx,
                    Msg::Submitted,
                    // The task died mid-way: the request may have left.
                    |detail| Msg::Submitted(Outcome::Unknown(Reason::TaskFailed { detail })),
                );
            }
            Effect::Copy(text) => {
                let mut out = io::stdout();
                let _ = out.write_all(osc52(&text).as_bytes());
                let _ = out.flush();
            }
            // ---- activation (issue 10) ----
            Effect::Activation(effect) => spawn_activation(effect, &self.client, &self.journal, tx),
            // ---- "My CAs" (issue 20): a read, answered whatever happens to its task ----
            Effect::Manage(ManageEffect::Load) => {
                let bss = self.bss.clone();
                spawn_reporting(
                    async move { crate::tui::manage_exec::read(&bss).await },
                    tx,
                    |read| Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(read)))),
                    |why| {
                        Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(ManageRead {
                            cas: Err(CallError::Network(why)),
                            paid: None,
                            now: time::OffsetDateTime::now_utc(),
                        }))))
                    },
                );
            }
            // ---- export (issue 21): a read and a local write, answered whatever happens ----
            Effect::Export(ExportEffect::Export(ca_id)) => {
                let ccm = self.client.clone();
                spawn_reporting(
                    async move {
                        let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                        crate::tui::export_exec::export(&ccm, &ca_id, &dir).await
                    },
                    tx,
                    |result| Msg::Export(Box::new(ExportMsg::Done(result))),
                    |why| {
                        Msg::Export(Box::new(ExportMsg::Done(Err(ExportFailure::Call(
                            CallError::Network(why),
                        )))))
                    },
                );
            }
            // ---- "My CAs": auto-renew, unsubscribe (journaled, sent once), the refund read ----
            Effect::Lifecycle(effect) => {
                spawn_lifecycle(effect, self.bss.clone(), self.bss_journal.clone(), tx);
            }
            // ---- the CSR path (issue 21): the journaled save (once), the CSR read and the write ----
            Effect::Csr(CsrEffect::Run { request, confirmed }) => {
                let ccm = self.client.clone();
                let journal = self.journal.clone();
                tokio::spawn(async move {
                    let task = tokio::spawn(async move {
                        let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                        crate::tui::csr_exec::run(&ccm, &journal, &request, confirmed, &dir).await
                    });
                    let (warning, result) = match task.await {
                        Ok(done) => done,
                        // The task died mid-way: a confirmed save may have left.
                        Err(e) => {
                            let detail = format!("internal error in the background task: {e}");
                            let end = if confirmed {
                                CsrFailure::Unknown(Reason::TaskFailed { detail })
                            } else {
                                CsrFailure::Read(CallError::Network(detail))
                            };
                            let result = CsrResult {
                                saved_now: confirmed,
                                skipped: false,
                                end: Err(end),
                            };
                            (None, result)
                        }
                    };
                    if let Some(why) = warning {
                        let _ = tx.send(Msg::JournalWarning(why));
                    }
                    let _ = tx.send(Msg::Csr(Box::new(CsrMsg::Done(Box::new(result)))));
                });
            }
            Effect::Quit(_) | Effect::StartTicking | Effect::StopTicking => {}
            // Billing after the order (issue 9).
            Effect::PollOrder(order_id) => poll_order(self.bss.clone(), order_id, tx),
            Effect::Pay(order_id) => {
                act(
                    self.bss.clone(),
                    self.bss_journal.clone(),
                    ActionKind::Pay,
                    order_id,
                    tx,
                );
            }
            Effect::Cancel(order_id) => {
                act(
                    self.bss.clone(),
                    self.bss_journal.clone(),
                    ActionKind::Cancel,
                    order_id,
                    tx,
                );
            }
        }
    }
}

// ---- Billing after the order (issue 9) --------------------------------------------------------------

/// Reads the order's details and, once its status ends the wait, the CAs it made; always answers with
/// [`Msg::Polled`] (a read that died is a failed read, and polling goes on).
fn poll_order(bss: BssClient, order_id: String, tx: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let id = order_id.clone();
        let read = tokio::spawn(async move {
            let details = bss.order_details(&id).await?;
            let resources = if details.status.verdict() == WaitVerdict::KeepWaiting {
                Vec::new()
            } else {
                bss.order_resources(&id).await.unwrap_or_default()
            };
            Ok((details, resources))
        });
        let result = match read.await {
            Ok(result) => result,
            Err(e) => Err(CallError::Network(format!(
                "internal error in the background task: {e}"
            ))),
        };
        let _ = tx.send(Msg::Polled(Box::new(Polled { order_id, result })));
    });
}

/// Pays or cancels once through BSS's journaled call (`sending` fsynced before it leaves, the outcome
/// after, never retried); always answers with [`Msg::Acted`] — a task that died may have sent, so its
/// outcome is unknown.
fn act(
    bss: BssClient,
    journal: Journal,
    kind: ActionKind,
    order_id: String,
    tx: UnboundedSender<Msg>,
) {
    tokio::spawn(async move {
        let id = order_id.clone();
        let sent = tokio::spawn(async move {
            match kind {
                ActionKind::Pay => bss.pay(&id, &journal).await,
                ActionKind::Cancel => bss.cancel(&id, &journal).await,
            }
        });
        let (outcome, journal_warning) = match sent.await {
            Ok(acted) => (acted.outcome, acted.journal_warning),
            Err(e) => (
                Outcome::Unknown(Reason::TaskFailed {
                    detail: format!("internal error in the background task: {e}"),
                }),
                None,
            ),
        };
        let _ = tx.send(Msg::Acted(Box::new(ActAnswer {
            kind,
            order_id,
            outcome,
            journal_warning,
        })));
    });
}

/// Runs one effect of the activation flow through [`activation_exec::execute`] (the activate
/// request journaled before it leaves, never retried) and always answers: a task that dies mid-way
/// answers as the call it was — an activate whose outcome is then unknown, or a list that failed.
fn spawn_activation(
    effect: ActivationEffect,
    client: &CcmClient,
    journal: &Journal,
    tx: UnboundedSender<Msg>,
) {
    let client = client.clone();
    let journal = journal.clone();
    tokio::spawn(async move {
        let died = |detail: String| {
            vec![match &effect {
                ActivationEffect::Activate(_) => {
                    ActivationMsg::Activated(Outcome::Unknown(Reason::TaskFailed { detail }))
                }
                ActivationEffect::LoadPending => {
                    ActivationMsg::PendingLoaded(Err(CallError::Network(detail)))
                }
                ActivationEffect::LoadIssuers => {
                    ActivationMsg::IssuersLoaded(Err(CallError::Network(detail)))
                }
                ActivationEffect::ShowCa(_) => {
                    ActivationMsg::Shown(Err(CallError::Network(detail)))
                }
                ActivationEffect::ReadClock => {
                    ActivationMsg::Clock(time::OffsetDateTime::now_utc())
                }
            }]
        };
        let task = tokio::spawn({
            let effect = effect.clone();
            async move { activation_exec::execute(effect, &client, &journal).await }
        });
        let answers = match task.await {
            Ok(answers) => answers,
            Err(e) => died(format!("internal error in the background task: {e}")),
        };
        for msg in answers {
            let _ = tx.send(Msg::Activation(Box::new(msg)));
        }
    });
}

/// Runs one paid-life effect of "My CAs" through [`crate::tui::lifecycle_exec::execute`] and always
/// answers: a task that died mid-way answers as the call it was (a request whose outcome is then
/// unknown: it may have left; a refund read that failed).
fn spawn_lifecycle(effect: LifeEffect, bss: BssClient, journal: Journal, tx: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let task = tokio::spawn({
            let effect = effect.clone();
            async move { crate::tui::lifecycle_exec::execute(effect, &bss, &journal).await }
        });
        let answer = match task.await {
            Ok(answer) => answer,
            Err(e) => crate::tui::lifecycle_exec::died(
                &effect,
                format!("internal error in the background task: {e}"),
            ),
        };
        let _ = tx.send(Msg::Manage(Box::new(ManageMsg::Life(Box::new(answer)))));
    });
}

/// Runs a background call and always reports back, even if the task panics, so the wizard never waits
/// forever.
fn spawn_reporting<F, T>(
    fut: F,
    tx: UnboundedSender<Msg>,
    ok: fn(T) -> Msg,
    died: fn(String) -> Msg,
) where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    tokio::spawn(async move {
        let msg = match tokio::spawn(fut).await {
            Ok(value) => ok(value),
            Err(e) => died(format!("internal error in the background task: {e}")),
        };
        let _ = tx.send(msg);
    });
}

/// The OSC 52 sequence that puts `text` on the clipboard of the terminal (works over SSH and in tmux
/// with `set-clipboard on`).
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// Puts the terminal back as it was: bracketed paste off, main screen, cursor shown, raw mode off. Safe
/// to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Owns the terminal's modes for the wizard's lifetime: entering sets raw mode, the alternate screen and
/// bracketed paste (no mouse capture); dropping restores them, and a panic hook restores them too.
pub struct TerminalGuard {
    previous_hook: Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync + 'static>,
}

impl TerminalGuard {
    /// Switches the terminal into wizard mode and installs the restoring panic hook.
    pub fn enter() -> io::Result<Self> {
        let previous_hook: Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync + 'static> =
            Arc::from(std::panic::take_hook());
        let ui_thread: ThreadId = std::thread::current().id();
        let chained = Arc::clone(&previous_hook);
        std::panic::set_hook(Box::new(move |info| {
            // A panic in a background task is caught by tokio and reported as a message; only a panic on
            // the UI thread ends the wizard.
            if std::thread::current().id() == ui_thread {
                restore_terminal();
            }
            chained(info);
        }));
        let guard = TerminalGuard { previous_hook };
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
        // Changing the hook while unwinding would itself panic; the process is ending then anyway.
        if !std::thread::panicking() {
            let previous = Arc::clone(&self.previous_hook);
            let _ = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| previous(info)));
        }
    }
}

//! The wizard's state machine (The Elm Architecture): [`Model`], the [`Msg`]s that change it, the
//! [`Effect`]s it asks the runtime to perform, and the pure [`update`]. No I/O, clock or randomness lives
//! here, so every behaviour is tested by feeding messages.
//!
//! This file holds the wizard-wide parts: the types, the one [`Overlay`] slot (help, JSON, the questions
//! that hold a [`Pending`] request), the keymap [`Context`], and the dispatch. A flow's steps live in a file
//! of their own (`order.rs` for buying, `billing.rs` after it, `activation.rs`), each with its own state
//! in [`flow::Current`] ([`OrderForm`], [`Bill`], [`activation::ActivationFlow`]); what the session did
//! is [`Session`], kept when the flow changes. All three implement [`flow::Flow`]: [`update`] keeps
//! Quit, Help, the overlays and the size for itself and hands everything else to the current flow in one
//! place (`Model::run_flow`), which computes its own keymap context; each flow has a [`Pending`]
//! variant for each request it confirms and its contexts in the keymap.

use std::time::Duration;

use crate::api::{CallError, Outcome};
use crate::exit;
use crate::order::limits::DEFAULT_ENTERPRISE_PROJECT_ID;
use crate::order::validate::QuotaLeft;
use crate::order::{ConsoleConfig, OrderRequest};

use super::keymap::{Action, Context};
use super::text::Lang;

pub mod activation;
mod billing;
pub mod csr;
pub mod export;
pub mod flow;
mod json_view;
pub mod lifecycle;
pub mod manage;
mod manage_life;
mod order;
mod scroll;
mod session;
pub use billing::BillMsg;
pub use billing::{PriceAnswer, PriceKey, PriceQuote};
pub use order::{OrderForm, OrderMsg};
pub use scroll::Scroll;
pub use session::{LifeRecord, LifeWhat, Session};
// Billing after the order (issue 9): pay now, following the order, cancel.
pub use billing::{ActAnswer, Bill, BillStep, Follow, FollowState, Money, PollSchedule, Polled};

/// The smallest terminal the wizard draws in (ours: issue 19). Down to 60×16 a screen taller than the
/// terminal scrolls (PgUp/PgDn) and long text is wrapped or cut with a visible "…"; below it only a
/// "too small" screen is drawn, and `update` ignores every key but Ctrl-C (nothing can be answered
/// unseen). 60×16 still shows the header, nine rows of a step, and the footer.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Longest text a field keeps; far past every rule, so a runaway paste cannot eat memory.
const MAX_FIELD_CHARS: usize = 8192;

/// The numbered steps' count, for "Step n of 5".
pub const STEPS: u8 = 5;

/// Where the order form is (billing has its own [`BillStep`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 1: unit and count.
    Period,
    /// 2: how many CAs.
    Quantity,
    /// 3: auto-renew and auto-pay.
    Renewal,
    /// 4: enterprise project.
    Project,
    /// 5: summary, promotion text, confirmation.
    Review,
    /// The order is in flight.
    Submitting,
    /// The order was created: the order form's last step, where billing takes over (its screens are
    /// [`BillStep`]'s).
    Result,
    /// The order was rejected, not sent, or its outcome is unknown.
    Error,
}

impl Step {
    /// The step's number in the header, for the five input steps.
    pub fn number(self) -> Option<u8> {
        match self {
            Step::Period => Some(1),
            Step::Quantity => Some(2),
            Step::Renewal => Some(3),
            Step::Project => Some(4),
            Step::Review => Some(5),
            _ => None,
        }
    }
}

/// A value fetched in the background when the wizard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    /// Not back yet: a spinner shows.
    Loading,
    /// Arrived: the screens use it (quota limits the quantity, the list offers projects).
    Loaded(T),
    /// Could not be read: the screen says why and goes on without it.
    Failed(CallError),
}

impl<T> Load<T> {
    /// Whether the fetch is still running (the runtime ticks only then).
    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading)
    }
}

/// An enterprise project as the project step offers it; the runtime converts EPS's answer into these so
/// the model does not depend on the HTTP client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectChoice {
    /// `"0"` for the default project, else a UUID.
    pub id: String,
    /// The project's name.
    pub name: String,
    /// Its description (matched by the filter).
    pub description: String,
    /// Disabled projects are shown but cannot be chosen.
    pub enabled: bool,
}

impl ProjectChoice {
    /// The default project, offered even before (or without) the EPS list.
    pub fn default_project() -> Self {
        ProjectChoice {
            id: DEFAULT_ENTERPRISE_PROJECT_ID.to_string(),
            name: "default".to_string(),
            description: String::new(),
            enabled: true,
        }
    }
}

/// What the header shows about where the order goes and who pays; fixed for the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderInfo {
    /// Region id, shown so the user sees which region the order goes to.
    pub region: String,
    /// The CCM endpoint's base URL.
    pub endpoint: String,
    /// The credential kind, secret-free (`IAM token`, `AK HPUA…0001`).
    pub credential_kind: String,
    /// Where the credentials came from.
    pub credential_source: String,
    /// The built-in sandbox is the endpoint: nothing real is bought.
    pub sandbox: bool,
    /// The order journal's path, shown on the result and error screens.
    pub journal_path: String,
}

/// Which text field has the keyboard, if any; decides whether `b`, `j`, `k`, `?` are keys or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Period count (digits only, so `?` still opens help).
    PeriodCount,
    /// Quantity (digits only, so `?` still opens help).
    Quantity,
    /// Project list filter.
    ProjectFilter,
    /// Typed project id.
    ProjectId,
    /// Promotion text on the review.
    Promotion,
}

/// Which toggle on the renewal step has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalFocus {
    /// The auto-renew choice: renew at the end of the period.
    AutoRenew,
    /// The auto-pay choice: pay at once instead of leaving the order pending.
    AutoPay,
}

/// Which part of the review has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFocus {
    /// The promotion text field.
    Promotion,
    /// The "Place order" button.
    PlaceOrder,
}

/// How the project is picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectMode {
    /// From the EPS list, with a filter.
    List,
    /// Typed by hand: when EPS could not be read, or the project is not listed.
    Typed,
}

/// A row of the project list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRow {
    /// The project at this index of the list.
    Project(usize),
    /// "Enter an ID…".
    EnterId,
}

/// A one-shot line shown until the next key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The order id was sent to the terminal's clipboard (OSC 52; the terminal may ignore it).
    Copied,
    /// The activated CA's id was sent to the terminal's clipboard, as the order id is.
    CopiedCa,
    /// The order's CA ids were sent to the terminal's clipboard, one a line.
    CopiedCas,
    /// The quota arrived after the quantity step and is lower than the quantity.
    QuotaShrank,
    /// Enter on a listed project whose id (from EPS) breaks the id rule: it cannot be sent, and saying
    /// nothing would look like a dead key.
    ProjectIdInvalid,
    /// Enter on the typed question with an answer that is not the CA's common name or id: nothing sent.
    TypedMismatch,
}

/// A state-changing request waiting for its `y`: the exact request the question shows, so the answer
/// sends what was confirmed and nothing recomputed. Payment, cancellation and activation slot in here as
/// further variants, each holding its own request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Buy CAs with exactly this body.
    Order {
        /// The body that `y` sends.
        request: OrderRequest,
        /// An earlier attempt of this session may have bought already (outcome unknown): the question
        /// warns before buying again.
        earlier_may_exist: bool,
    },

    // Billing after the order (issue 9).
    /// Pay this order (moves money), naming this amount when it is known.
    Pay {
        /// The order `y` pays.
        order_id: String,
        /// The amount the question names: the review's price, else the order's details.
        amount: Option<Money>,
    },
    /// Cancel this unpaid order.
    Cancel {
        /// The order `y` cancels.
        order_id: String,
    },
    // ---- activation (issue 10) ----
    /// Activate a CA with exactly this request (the activation flow's one question).
    Activate {
        /// The request that `y` sends (boxed: far larger than the other overlays).
        request: Box<crate::activation::ActivateRequest>,
        /// An earlier attempt for this CA had an unknown outcome: the question warns that it may be
        /// ACTIVED already (its status can be read first, `s` on the review).
        earlier_may_have_activated: bool,
    },
    // ---- "My CAs": auto-renew on/off, unsubscribe (issue 20) ----
    /// Switch auto-renew or unsubscribe with exactly this request. Ending the CA is sent only when
    /// `typed` is its common name or id (typed inside the question; `y` alone does not send it).
    Lifecycle {
        /// The request that the answer sends.
        request: lifecycle::LifeRequest,
        /// What was typed so far (ending the CA only).
        typed: String,
    },
    // ---- the CSR path (issue 21) ----
    /// Save a bought subordinate's subject and key algorithm with exactly this body (inferred use of
    /// CreateCertificateAuthority), then read its CSR.
    SaveSubject {
        /// The body that `y` sends (boxed: far larger than the other overlays).
        request: Box<crate::activation::SaveSubjectRequest>,
    },
}

/// What covers the screen and takes every key until it closes. Only one at a time. The JSON view is
/// not one of them: it belongs to the flow whose request it shows ([`json_view::JsonView`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the screen below.
    Help,
    /// "Buy …? y/N": `y` sends the pending request, any other key cancels.
    Confirm(Pending),
    /// Ctrl-C while a request is in flight: `y` leaves without its answer.
    ConfirmQuit,
}

/// Everything the wizard knows. Screens read it; only [`update`] changes it.
#[derive(Debug, Clone)]
pub struct Model {
    /// Display language.
    pub lang: Lang,
    /// Colourless theme (NO_COLOR).
    pub no_color: bool,
    /// Draw with ASCII only (borders, marks): the locale's character set is not UTF-8, so box drawing
    /// would show as mojibake. Set by the runtime from the locale; off by default.
    pub ascii: bool,
    /// Times people read are shown in the machine's zone (set by the runtime). Off by default, so a
    /// model built in a test draws UTC whatever zone the machine running the tests is in.
    pub local_times: bool,
    /// Region, endpoint, credentials, sandbox.
    pub header: HeaderInfo,
    /// What covers the screen and takes the keys, if anything: help or a question.
    /// One slot, so which one is on top is never a matter of checking flags in the right order.
    pub overlay: Option<Overlay>,
    /// Time since the order left (from ticks).
    pub elapsed: Duration,
    /// Spinner frame counter.
    pub spinner: usize,
    /// The terminal's input is gone; quit as soon as nothing is in flight.
    pub input_closed: bool,
    /// What the session did (order, pay and cancel attempts, journal warnings): it decides the exit
    /// code and the summary, whichever flow is on screen.
    pub session: Session,
    /// The terminal is below the minimum size: the screen shows only "too small".
    pub too_small: bool,
    /// A one-shot line.
    pub notice: Option<Notice>,
    /// Why the current attempt's outcome is not in the journal, if it is not (shown on its screen).
    pub journal_warning: Option<String>,
    /// The runtime is sending ticks.
    pub ticking: bool,
    /// When tracking reads the order's status; the runtime sets it from the BSS endpoint.
    pub poll_schedule: PollSchedule,
    /// The flow the wizard is in: the order form, billing after it, or the activation flow it has
    /// switched into ([`Model::open_activation`]), whose screens are then drawn and gets the keys.
    pub flow: flow::Current,
    /// How far the screen's content is scrolled when it is taller than the terminal (PgUp/PgDn).
    pub scroll: Scroll,
    /// The text field that last had the keyboard, and whether its whole value is selected: a field
    /// whose value was prefilled (a default, or the previous CA's answer) is selected when it takes the
    /// focus, so typing replaces it instead of appending to it ("2" typed into "1" gives "2", not
    /// "12"); moving the cursor keeps the value and drops the selection. A field the user typed in is
    /// never selected again (coming back to it never loses what was typed).
    pub selection: Selection,
    /// The activation flows the wizard left for "My CAs" after sending something, oldest first: what
    /// they sent still decides the exit code and is printed when the wizard ends.
    pub earlier_activations: Vec<activation::ActivationFlow>,
    /// The CSR flows the wizard went back from after a save was sent or a CSR written, oldest first:
    /// a save counts as an activation does, and each is printed when the wizard ends.
    pub earlier_saves: Vec<csr::CsrFlow>,
}

/// Which text field has the keyboard (its screen, and its place on a screen of several), and whether
/// its value is selected: see [`Model::selection`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The field with the keyboard when this was last looked at.
    pub field: Option<(Context, usize)>,
    /// Its whole value is selected: the next character typed or pasted replaces it.
    pub selected: bool,
    /// The fields the user typed in (for this CA, in the activation flow): not selected again.
    pub edited: Vec<(Context, usize)>,
    /// The CA the activation flow is on when `edited` was recorded: the next CA's prefilled answers
    /// are prefilled again.
    pub ca: Option<String>,
}

/// What can happen to the wizard: input, time, and background results.
#[derive(Debug, Clone)]
pub enum Msg {
    /// What a key asked for; the runtime resolves keys with [`keymap::resolve`](super::keymap::resolve)
    /// in [`Model::context`], so `update` never parses a raw key.
    Action(Action),
    /// Bracketed paste.
    Paste(String),
    /// The terminal's size: at start and on every resize. Below the minimum nothing is drawn but the
    /// "too small" screen, so keys other than Ctrl-C are ignored and an open question is withdrawn.
    Resize(u16, u16),
    /// Time passed since the previous tick; sent only while something loads or is in flight.
    Tick(Duration),
    /// The quota fetch finished.
    QuotaLoaded(Result<QuotaLeft, CallError>),
    /// The EPS fetch finished.
    ProjectsLoaded(Result<Vec<ProjectChoice>, CallError>),
    /// The region's console configuration (what it sells) was read, or could not be.
    ConsoleLoaded(Result<ConsoleConfig, CallError>),
    /// The order finished.
    Submitted(Outcome),
    /// The price asked for a request arrived (or could not be had); dropped unless it is for the
    /// choices on screen. Boxed: a price is far larger than the other messages.
    PriceLoaded(Box<PriceAnswer>),
    /// The order's outcome could not be journaled (sent just before [`Msg::Submitted`]).
    JournalWarning(String),
    /// A background answer for the activation flow (CA lists, the activate outcome, a read-back).
    /// Boxed: a CA list is far larger than the other messages.
    Activation(Box<activation::ActivationMsg>),
    /// The terminal's input ended (e.g. the pty closed).
    InputClosed,
    /// The process was told to stop (SIGTERM, SIGHUP): end now with the code the state calls for.
    Terminate,

    // Billing after the order (issue 9).
    /// A read of the order's details (and resources) finished. Boxed: the details are large.
    Polled(Box<Polled>),
    /// A pay or cancel finished.
    Acted(Box<ActAnswer>),

    // "My CAs" (issue 20).
    /// The answer of the "My CAs" flow's background read (boxed: the CA list is large).
    Manage(Box<manage::ManageMsg>),

    // Export (issue 21).
    /// The export's answer: what was written, or why not (boxed: the result is large).
    Export(Box<export::ExportMsg>),
    /// The CSR flow's work ended (issue 21).
    Csr(Box<csr::CsrMsg>),
}

impl Msg {
    /// Whether this is the answer of a state-changing request (an order, a pay or cancel, an
    /// activation, a CSR's save, an auto-renew or unsubscribe) or its journal warning: what the wizard
    /// still takes after it ended, while it waits for a request in flight; every read is dropped then.
    pub fn answers_sent_request(&self) -> bool {
        match self {
            Msg::Submitted(_) | Msg::JournalWarning(_) | Msg::Acted(_) | Msg::Csr(_) => true,
            Msg::Activation(msg) => matches!(
                **msg,
                activation::ActivationMsg::Activated(_)
                    | activation::ActivationMsg::JournalWarning(_)
            ),
            Msg::Manage(msg) => matches!(
                &**msg,
                manage::ManageMsg::Life(life) if matches!(**life, lifecycle::LifeMsg::Sent { .. })
            ),
            _ => false,
        }
    }
}

/// What the wizard asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch the CA quota; answer with [`Msg::QuotaLoaded`].
    LoadQuota,
    /// Fetch the EPS projects; answer with [`Msg::ProjectsLoaded`].
    LoadProjects,
    /// Read what the region sells (CCM's console configuration); answer with [`Msg::ConsoleLoaded`].
    LoadConsole,
    /// Ask BSS what this request would cost; answer with [`Msg::PriceLoaded`] carrying the same request.
    LoadPrice(OrderRequest),
    /// Send the order once; answer with [`Msg::Submitted`].
    Submit(OrderRequest),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// End the wizard with this exit code.
    Quit(i32),
    /// Start sending [`Msg::Tick`].
    StartTicking,
    /// Stop sending ticks: nothing is loading or in flight.
    StopTicking,

    // Billing after the order (issue 9).
    /// Read the order's details (and, once it ended, its resources); answer with [`Msg::Polled`]. Safe
    /// to repeat.
    PollOrder(String),
    /// Pay the order once, journaled, never retried; answer with [`Msg::Acted`].
    Pay(String),
    /// Cancel the unpaid order once, journaled, never retried; answer with [`Msg::Acted`].
    Cancel(String),
    /// An effect of the activation flow (list or read CAs, the journaled activate); answered
    /// with [`Msg::Activation`].
    Activation(activation::ActivationEffect),
    /// An effect of the "My CAs" flow (read the CAs and their subscriptions); answered with
    /// [`Msg::Manage`].
    Manage(manage::ManageEffect),
    /// An effect of the export (read the CA, export, write the files); answered with [`Msg::Export`].
    Export(export::ExportEffect),
    /// A paid-life request of "My CAs" (auto-renew, unsubscribe; journaled, sent once) or the refund
    /// read after it; answered with [`Msg::Manage`] carrying [`manage::ManageMsg::Life`].
    Lifecycle(lifecycle::LifeEffect),
    /// An effect of the CSR flow (read the CA, the journaled save, the CSR read and write); answered
    /// with [`Msg::Csr`].
    Csr(csr::CsrEffect),
}

impl Model {
    /// A wizard at step 1 with every default valid (1 month, 1 CA, no auto-renew, no auto-pay, project 0).
    pub fn new(lang: Lang, header: HeaderInfo, no_color: bool) -> Self {
        Model {
            lang,
            no_color,
            ascii: false,
            local_times: false,
            header,
            overlay: None,
            elapsed: Duration::ZERO,
            spinner: 0,
            input_closed: false,
            session: Session::default(),
            too_small: false,
            notice: None,
            journal_warning: None,
            ticking: false,
            poll_schedule: PollSchedule::default(),
            flow: flow::Current::Order(Box::default()),
            scroll: Scroll::default(),
            selection: Selection::default(),
            earlier_activations: Vec::new(),
            earlier_saves: Vec::new(),
        }
    }

    /// The text field with the keyboard (none under an overlay or while too small), as
    /// [`Selection::field`] names it.
    fn focused_field(&self) -> Option<(Context, usize)> {
        if self.overlay.is_some() || self.too_small {
            return None;
        }
        let screen = self.screen_context();
        if !screen.has_text_field() {
            return None;
        }
        let place = match (self.activation(), self.csr()) {
            (Some(a), _) => match a.step {
                activation::ActStep::Subject => a.subject_focus.index(),
                _ => 0,
            },
            // The CSR path's subject fields, as the activation's.
            (None, Some(c)) => c.focus.index(),
            (None, None) => 0,
        };
        Some((screen, place))
    }

    /// Selects a field's value when it takes the keyboard (a field it comes back to, after help or a
    /// question closed, is selected again, as a field is when focus returns to it).
    fn track_selection(&mut self) {
        let ca = self
            .activation()
            .and_then(|a| a.ca_id())
            .or_else(|| self.csr().map(|c| c.ca.ca_id.as_str()))
            .map(str::to_string);
        if ca != self.selection.ca {
            self.selection.edited.clear();
            self.selection.ca = ca;
        }
        let field = self.focused_field();
        if let Some(f) = field
            && field != self.selection.field
        {
            self.selection.selected = !self.selection.edited.contains(&f);
        }
        if field.is_some() {
            self.selection.field = field;
        } else if self.overlay.is_none() {
            self.selection.field = None;
            self.selection.selected = false;
        }
    }

    /// The focused field was typed in: it keeps what was typed from now on.
    fn note_edited(&mut self) {
        if let Some(f) = self.focused_field()
            && !self.selection.edited.contains(&f)
        {
            self.selection.edited.push(f);
        }
    }

    /// Whether the focused field's value is selected: the view marks it.
    pub fn field_selected(&self) -> bool {
        match self.focused_field() {
            None => false,
            // Not looked at since it took the focus (no message yet): as tracking will find it.
            Some(f) if Some(f) != self.selection.field => !self.selection.edited.contains(&f),
            Some(_) => self.selection.selected,
        }
    }

    /// The effects to run when the wizard opens: both background fetches and the spinner's ticks.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut effects = flow::start(self);
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// The focused text field, if any (none while a dialog or overlay is up).
    pub fn text_focus(&self) -> Option<TextField> {
        if self.overlay.is_some() {
            return None;
        }
        self.order_form()?.text_field()
    }

    /// Where the keyboard is, for the keymap: too small, the overlay on top, or the screen below.
    pub fn context(&self) -> Context {
        if self.too_small {
            return Context::TooSmall;
        }
        match self.overlay {
            Some(Overlay::Help) => Context::Help,
            // Ending a CA: its name is typed inside the question.
            Some(Overlay::Confirm(Pending::Lifecycle { ref request, .. }))
                if request.needs_typing() =>
            {
                Context::QuestionTyped
            }
            Some(Overlay::Confirm(_) | Overlay::ConfirmQuit) => Context::Question,
            None => self.screen_context(),
        }
    }

    /// The screen's own context, ignoring overlays: what the help overlay lists the keys of.
    pub fn screen_context(&self) -> Context {
        flow::context(self)
    }

    /// How many lines the order's JSON view holds (the order form's request; one line without a form).
    pub fn json_lines(&self) -> usize {
        self.order_form().map_or(1, OrderForm::json_lines)
    }

    /// Whether a state-changing request (the order, a pay or cancel, an activation) is in flight: the
    /// one answer to "may something still change?" — quitting asks first, the exit code is unknown (4),
    /// and a signal or a closed terminal waits for the answer to be journaled.
    pub fn request_in_flight(&self) -> bool {
        flow::request_in_flight(self)
    }

    /// The exit code if the wizard ended now: 4 while a request is in flight, 1 when nothing was sent,
    /// else the one rule over every request the session sent, whichever flow sent it
    /// ([`Session::sent_code`]): the last one's, but unknown (4) when an earlier one's was unknown and
    /// the last did not succeed.
    pub fn exit_code(&self) -> i32 {
        if self.request_in_flight() {
            return exit::UNKNOWN;
        }
        self.session.sent_code().unwrap_or(exit::CANCELLED)
    }

    /// An attempt of this session may have bought CAs though it did not report an order id (outcome
    /// unknown, a 5xx answer included): the confirmation then warns before buying again.
    pub fn earlier_may_exist(&self) -> bool {
        self.session.earlier_may_exist()
    }

    /// The last attempt's request and outcome.
    pub fn last(&self) -> Option<&(OrderRequest, Outcome)> {
        self.session.attempts.last()
    }

    /// The last outcome, for the result and error screens.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.last().map(|(_, o)| o)
    }

    fn wants_ticks(&self) -> bool {
        flow::wants_ticks(self)
    }

    fn reconcile_ticking(&mut self, effects: &mut Vec<Effect>) {
        let want = self.wants_ticks();
        if want != self.ticking {
            self.ticking = want;
            effects.push(if want {
                Effect::StartTicking
            } else {
                Effect::StopTicking
            });
        }
    }
}

/// Applies one message and returns the effects to run. Pure: the same model and message always give the
/// same result.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let mut effects = Vec::new();
    match msg {
        Msg::Action(action) => on_action(model, action, &mut effects),
        Msg::Paste(text) => on_paste(model, &text),
        Msg::Resize(width, height) => {
            model.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
            if model.too_small {
                // A question that cannot be seen must not be answerable.
                if matches!(
                    model.overlay,
                    Some(Overlay::Confirm(_) | Overlay::ConfirmQuit)
                ) {
                    model.overlay = None;
                }
            }
        }
        Msg::Tick(dt) => {
            if model.ticking {
                model.spinner = model.spinner.wrapping_add(1);
                if model.request_in_flight() {
                    model.elapsed = model.elapsed.saturating_add(dt);
                }
                model.run_flow(Msg::Tick(dt), &mut effects);
            }
        }
        Msg::JournalWarning(why) => {
            note_journal_warning(
                &mut model.session.journal_warnings,
                &mut model.journal_warning,
                &why,
            );
        }
        Msg::Terminate => effects.push(Effect::Quit(model.exit_code())),
        Msg::InputClosed => {
            model.input_closed = true;
            if !model.request_in_flight() {
                effects.push(Effect::Quit(model.exit_code()));
            }
        }
        // The answers of a flow's background work.
        answer @ (Msg::QuotaLoaded(_)
        | Msg::ProjectsLoaded(_)
        | Msg::ConsoleLoaded(_)
        | Msg::Submitted(_)
        | Msg::PriceLoaded(_)
        | Msg::Activation(_)
        | Msg::Polled(_)
        | Msg::Acted(_)
        | Msg::Manage(_)
        | Msg::Export(_)
        | Msg::Csr(_)) => model.run_flow(answer, &mut effects),
    }
    model.reconcile_flow(&mut effects);
    model.reconcile_ticking(&mut effects);
    let screen = model.screen_context();
    model.scroll.follow(screen);
    model.track_selection();
    effects
}

/// A journal line could not be written: the warning, cleaned of control characters, is kept for the
/// end-of-wizard summary (`all`) and shown beside the current attempt (`current`).
pub(super) fn note_journal_warning(all: &mut Vec<String>, current: &mut Option<String>, why: &str) {
    let why = crate::sanitize::clean(why);
    all.push(why.clone());
    *current = Some(why);
}

/// An outcome after which the order may exist without an order id: unknown (a server error included).
fn may_exist(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Unknown(_))
}

/// Applies what a key asked for. The overlay on top (one at a time) takes every action first; the
/// keymap already resolved the key in [`Model::context`], so this only decides what the action does.
fn on_action(model: &mut Model, action: Action, effects: &mut Vec<Effect>) {
    model.notice = None;
    if action == Action::Quit {
        if !model.request_in_flight() || model.overlay == Some(Overlay::ConfirmQuit) {
            effects.push(Effect::Quit(model.exit_code()));
        } else {
            // The question must be seen: it replaces whatever covered the screen.
            model.overlay = Some(Overlay::ConfirmQuit);
        }
        return;
    }
    if model.too_small {
        return;
    }
    if let Some(overlay) = model.overlay.take() {
        on_overlay_action(model, overlay, action, effects);
        return;
    }
    if let Action::PageUp | Action::PageDown = action {
        let screen = model.screen_context();
        // A table whose window follows its highlighted row pages the row instead.
        if !screen.pages_rows() {
            model.scroll.page(screen, action == Action::PageDown);
            return;
        }
    }
    if action == Action::Help {
        model.overlay = Some(Overlay::Help);
        return;
    }
    let action = model.over_selection(action, effects);
    model.run_flow(Msg::Action(action), effects);
}

impl Model {
    /// A key on a selected field: a character replaces the value (it is emptied first), Backspace or
    /// Delete empty it; any other edit (a cursor move) keeps the value and ends the selection. Keys
    /// that are not edits leave it as it is.
    fn over_selection(&mut self, action: Action, effects: &mut Vec<Effect>) -> Action {
        self.track_selection();
        if self.focused_field().is_none() {
            return action;
        }
        if matches!(action, Action::Insert(_) | Action::Edit(_)) {
            self.note_edited();
        }
        if !self.selection.selected {
            return action;
        }
        use tui_input::InputRequest as R;
        match action {
            Action::Insert(_) => {
                self.selection.selected = false;
                self.run_flow(Msg::Action(Action::Edit(R::DeleteLine)), effects);
                action
            }
            Action::Edit(R::DeletePrevChar | R::DeleteNextChar | R::DeleteLine) => {
                self.selection.selected = false;
                Action::Edit(R::DeleteLine)
            }
            Action::Edit(_) => {
                self.selection.selected = false;
                action
            }
            other => other,
        }
    }
}

/// An overlay closes on any action; a question sends its request only on `y`.
fn on_overlay_action(
    model: &mut Model,
    overlay: Overlay,
    action: Action,
    effects: &mut Vec<Effect>,
) {
    match overlay {
        Overlay::Help => {}
        // Ending a CA: the answer is typed inside the question; Enter sends only the name or id.
        Overlay::Confirm(Pending::Lifecycle { request, mut typed }) if request.needs_typing() => {
            match lifecycle::typed_key(&request, &mut typed, action) {
                lifecycle::TypedVerdict::Keep => {
                    model.overlay = Some(Overlay::Confirm(Pending::Lifecycle { request, typed }));
                }
                lifecycle::TypedVerdict::Send => {
                    model.confirm_flow(Pending::Lifecycle { request, typed }, effects);
                }
                lifecycle::TypedVerdict::Mismatch => model.notice = Some(Notice::TypedMismatch),
                lifecycle::TypedVerdict::Close => {}
            }
        }
        Overlay::Confirm(pending) => {
            if action == Action::Confirm {
                model.confirm_flow(pending, effects);
            }
        }
        Overlay::ConfirmQuit => {
            if action == Action::Confirm {
                effects.push(Effect::Quit(model.exit_code()));
            }
        }
    }
}

/// Longest count (period, quantity) the field takes: its 6 columns on screen. No valid count is near
/// that long, and a longer one would run past the field's brackets.
pub const MAX_COUNT_CHARS: usize = 6;

/// A paste replaces a selected field's value, as typing does. Into the typed question that ends a CA
/// it goes character by character, by the same rules as typing (the CA's id is what one pastes there).
fn on_paste(model: &mut Model, text: &str) {
    if let Some(Overlay::Confirm(Pending::Lifecycle { request, typed })) = model.overlay.as_mut()
        && request.needs_typing()
    {
        for c in text.chars() {
            lifecycle::typed_key(request, typed, Action::Insert(c));
        }
        return;
    }
    model.track_selection();
    if !text.is_empty() {
        model.note_edited();
    }
    if model.selection.selected && model.focused_field().is_some() && !text.is_empty() {
        model.selection.selected = false;
        let mut ignored = Vec::new();
        model.run_flow(
            Msg::Action(Action::Edit(tui_input::InputRequest::DeleteLine)),
            &mut ignored,
        );
    }
    model.paste_flow(text);
}

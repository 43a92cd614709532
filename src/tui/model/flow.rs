//! The one shape of a wizard flow (issue 18). A flow is a screen sequence with its own state, steps and
//! pure update — the order form, billing after the order, the activation of a CA — and the wizard
//! ([`Model`]) holds the header, the one [`Overlay`] slot and the [`Current`] flow. A flow never holds a
//! question of its own: the request it wants confirmed goes into the wizard's overlay as
//! [`Overlay::Confirm`], the wizard asks, and `y` hands the exact request back through [`Flow::confirm`].
//!
//! Adding a wizard screen sequence: a state type in `tui/model/<flow>.rs` implementing [`Flow`], a
//! [`Current`] variant, its [`Pending`] variant for the request it confirms, its keymap contexts, and its
//! view hook in `tui/view/<flow>.rs`.

use std::time::Duration;

use super::activation::{ActStep, ActivationFlow, ActivationMsg, ActivationStart};
use super::csr::{CsrFlow, CsrHandoff, CsrMsg, CsrStart, CsrStep};
use super::export::{Back, ExportFlow, ExportHandoff, ExportMsg, ExportStart, ExportStep};
use super::manage::{ManageFlow, ManageHandoff, ManageMsg};
use super::{
    Bill, BillStep, Effect, Load, Model, Msg, Notice, OrderForm, Overlay, Pending, PollSchedule,
    Session, Step,
};
use crate::activation::Site;
use crate::exit;
use crate::tui::keymap::{Action, Context};

/// The wizard-wide parts a flow may read and change while it handles a message: the one overlay (its
/// questions go there), the one-shot notice, the session's record, the current attempt's journal warning
/// and clock. Lent by [`Model`] for one message, so a flow never holds the wizard.
pub struct Shell<'a> {
    /// The wizard's one overlay: a flow puts its question here as [`Overlay::Confirm`].
    pub overlay: &'a mut Option<Overlay>,
    /// The one-shot line under the screen.
    pub notice: &'a mut Option<Notice>,
    /// What the session did (order, pay and cancel attempts, the order's status, journal warnings).
    pub session: &'a mut Session,
    /// Why the current attempt's outcome is not in the journal, if it is not.
    pub journal_warning: &'a mut Option<String>,
    /// Time since the current state-changing request left.
    pub elapsed: &'a mut Duration,
    /// When tracking reads the order's status.
    pub poll_schedule: PollSchedule,
    /// The terminal's input is gone: a flow ends the wizard once its answer is in.
    pub input_closed: bool,
    /// The flow that takes over after this message, if any (set by the flow, applied by the wizard).
    pub handoff: Option<Handoff>,
}

/// A flow handing the wizard to the next one: the order to its billing once created, billing to the
/// activation of the CAs it bought.
#[derive(Debug)]
pub enum Handoff {
    /// The created order's billing (result screen, pay, cancel, tracking).
    Billing(Box<Bill>),
    /// The activation of these CAs (the website follows the header's region, which the wizard knows).
    Activation(ActivationStart),
    /// "My CAs": the account's CAs, read afresh (from a result, an activation's end).
    Manage,
    /// Export this CA's certificate; Esc comes back to the flow that asked, as it was.
    Export(ExportStart),
    /// Back from the export to the flow it came from.
    Return(Back),
    /// The CSR path for this PENDING subordinate (issue 21); Esc comes back to "My CAs".
    Csr(Box<CsrStart>),
    /// Back from the CSR path to "My CAs", with the CSR flow when it sent a save or wrote a CSR.
    CsrBack(Box<ManageFlow>, Option<Box<CsrFlow>>),
}

/// What every wizard flow is: a state that knows its screen's keymap context, applies its messages
/// (keys arrive as resolved [`Action`]s inside them), sends only what a question confirmed, and says what
/// it means for the session's exit code. [`update`](super::update) reaches a flow only through
/// `Model::run_flow`, `Model::confirm_flow` and `Model::paste_flow`.
pub trait Flow {
    /// What the flow reacts to: keys (as actions) and the answers of its background work.
    type Msg;
    /// Wraps a key's action as one of the flow's messages, so keys and answers take the same path.
    fn action(action: Action) -> Self::Msg;
    /// The flow's own message inside a wizard message, or `None` when it is not for this flow (an
    /// answer for an earlier flow, dropped as before).
    fn accept(msg: Msg) -> Option<Self::Msg>;
    /// The keymap context of the flow's screen (the overlays on top are the wizard's); the session's
    /// record decides some of it (whether the order may still be paid).
    fn context(&self, session: &Session) -> Context;
    /// The background work the flow needs when it opens.
    fn start(&mut self) -> Vec<Effect>;
    /// Applies one message and returns the effects to run. A request that needs a `y` is not sent here:
    /// it is put into the wizard's one overlay as [`Overlay::Confirm`]. An [`Effect::Quit`] it returns
    /// carries any code; the wizard replaces it by the session's.
    fn update(&mut self, shell: &mut Shell<'_>, msg: Self::Msg) -> Vec<Effect>;
    /// `y` on the question this flow asked: sends exactly the request it held (nothing recomputed);
    /// a question of another flow sends nothing.
    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect>;
    /// A paste, when no overlay is up: into the focused field, character by character, by the same rules
    /// as typing.
    fn paste(&mut self, shell: &mut Shell<'_>, text: &str) {
        if self.typing(shell.session) {
            for c in text.chars().filter(|c| !crate::sanitize::hidden(*c)) {
                self.update(shell, Self::action(Action::Insert(c)));
            }
        }
    }
    /// Brings what the flow derives from its state up to date after any message (the order's price).
    fn reconcile(&mut self, _effects: &mut Vec<Effect>) {}
    /// Whether a state-changing request of this flow is in flight.
    fn request_in_flight(&self) -> bool;
    /// Whether the flow's `JsonView` is on screen (a flow without a request to show: never).
    fn json_shown(&self) -> bool {
        false
    }
    /// Whether the runtime should send ticks for this flow (spinner, elapsed time, polling).
    fn wants_ticks(&self) -> bool;
    /// Whether a text field has the keyboard (a paste goes there, character by character).
    fn typing(&self, session: &Session) -> bool {
        self.context(session).has_text_field()
    }
}

/// The flow the wizard is in: the order form, billing after it, or activation, each its own state.
/// What the session did stays on [`Model::session`] when the flow changes.
#[derive(Debug, Clone)]
pub enum Current {
    /// Buying: the five input steps, the order in flight and its failure (boxed: the form is large).
    Order(Box<OrderForm>),
    /// The created order: its result screen, then paying, cancelling or following it (boxed: far
    /// larger than the order's marker).
    Billing(Box<Bill>),
    /// Activating a bought CA (boxed: far larger than the order's marker).
    Activation(Box<ActivationFlow>),
    /// "My CAs": the account's CAs and their paid life (boxed: the list is large).
    Manage(Box<ManageFlow>),
    /// Exporting a CA's certificate to files (boxed: it keeps the flow it came from).
    Export(Box<ExportFlow>),
    /// The CSR path of a PENDING subordinate (boxed: it keeps "My CAs" to come back to).
    Csr(Box<CsrFlow>),
}

impl Flow for ActivationFlow {
    type Msg = ActivationMsg;

    fn action(action: Action) -> ActivationMsg {
        ActivationMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<ActivationMsg> {
        match msg {
            Msg::Action(action) => Some(ActivationMsg::Action(action)),
            Msg::Activation(msg) => Some(*msg),
            Msg::ConsoleLoaded(result) => Some(ActivationMsg::ConsoleLoaded(result)),
            _ => None,
        }
    }

    fn context(&self, _session: &Session) -> Context {
        match self.step {
            ActStep::Choose => Context::ActChoose,
            ActStep::Type => Context::ActType,
            ActStep::Subject => Context::ActSubject,
            ActStep::Keys => Context::ActKeys,
            ActStep::Validity => Context::ActValidity,
            ActStep::Review if self.may_have_activated() => Context::ActReviewUnknown,
            ActStep::Review => Context::ActReview,
            ActStep::Activating => Context::ActActivating,
            ActStep::Done if self.queue.len() > 1 => Context::ActDoneMore,
            ActStep::Done => Context::ActDone,
            ActStep::Error => Context::ActError,
        }
    }

    fn start(&mut self) -> Vec<Effect> {
        self.start_effects()
    }

    /// A background answer withdraws a "quit while in flight?" question once the activate outcome is in
    /// (nothing is in flight any more); once the terminal's input is gone, the wizard ends as soon as
    /// nothing is in flight and the CA is not being read back (so a 204 still gets its ACTIVED read, and
    /// exit 0).
    fn update(&mut self, shell: &mut Shell<'_>, msg: ActivationMsg) -> Vec<Effect> {
        // "My CAs" from the first step, the end or a failure: nothing is in flight there.
        if matches!(msg, ActivationMsg::Action(Action::MyCas)) {
            if matches!(self.step, ActStep::Type | ActStep::Done | ActStep::Error)
                && self.in_flight.is_none()
            {
                shell.handoff = Some(Handoff::Manage);
            }
            return Vec::new();
        }
        // The activated CA's certificate, saved to files (the export keeps this flow to come back to).
        if matches!(msg, ActivationMsg::Action(Action::Export)) {
            if let (ActStep::Done, Some(id)) = (self.step, self.ca_id()) {
                shell.handoff = Some(Handoff::Export(ExportStart {
                    ca_id: id.to_string(),
                    status: crate::activation::CaStatus::Actived,
                }));
            }
            return Vec::new();
        }
        // The activated CA's id, copied as the order id is (the notice is the wizard's).
        if matches!(msg, ActivationMsg::Action(Action::CopyCa)) {
            return match (self.step, self.ca_id()) {
                (ActStep::Done, Some(id)) => {
                    *shell.notice = Some(Notice::CopiedCa);
                    vec![Effect::Copy(id.to_string())]
                }
                _ => Vec::new(),
            };
        }
        let key = matches!(msg, ActivationMsg::Action(_));
        let outcome = matches!(msg, ActivationMsg::Activated(_));
        let was_in_flight = self.in_flight.is_some();
        if let ActivationMsg::ConsoleLoaded(Ok(console)) = &msg {
            shell.session.console = Some(console.clone());
        }
        let mut effects = super::activation::update(self, shell.overlay, msg);
        self.record_sent(shell.session);
        if key {
            return effects;
        }
        if outcome && was_in_flight && *shell.overlay == Some(Overlay::ConfirmQuit) {
            *shell.overlay = None;
        }
        let reading = matches!(self.read_back, Some(Load::Loading));
        if shell.input_closed && self.in_flight.is_none() && !reading {
            effects.push(Effect::Quit(self.exit_code()));
        }
        effects
    }

    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect> {
        match pending {
            Pending::Activate { request, .. } => {
                let effects = self.send(*request);
                if !effects.is_empty() {
                    *shell.elapsed = Duration::ZERO;
                }
                effects
            }
            _ => Vec::new(),
        }
    }

    fn request_in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    fn json_shown(&self) -> bool {
        self.json.shown
    }

    fn wants_ticks(&self) -> bool {
        // The order's background loads no longer matter: tick only while in flight.
        self.in_flight.is_some()
    }
}

impl Flow for ManageFlow {
    type Msg = ManageMsg;

    fn action(action: Action) -> ManageMsg {
        ManageMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<ManageMsg> {
        match msg {
            Msg::Action(action) => Some(ManageMsg::Action(action)),
            Msg::Manage(msg) => Some(*msg),
            // The clock of a renewal order being followed (`lifecycle.rs`).
            Msg::Tick(dt) => Some(ManageMsg::Life(Box::new(super::lifecycle::LifeMsg::Tick(
                dt,
            )))),
            _ => None,
        }
    }

    fn context(&self, _session: &Session) -> Context {
        // A paid-life action's screen covers the list while it lasts.
        if let Some(context) = self.life.context() {
            return context;
        }
        match &self.cas {
            Load::Loading => Context::ManageLoading,
            Load::Failed(_) => Context::ManageFailed,
            Load::Loaded(_) => self.table_context(),
        }
    }

    fn start(&mut self) -> Vec<Effect> {
        self.start_effects()
            .into_iter()
            .map(Effect::Manage)
            .collect()
    }

    fn update(&mut self, shell: &mut Shell<'_>, msg: ManageMsg) -> Vec<Effect> {
        // Auto-renew and unsubscribe first (`lifecycle.rs`); the list's own keys after.
        let msg = match self.life_update(shell, msg) {
            Ok(effects) => return effects,
            Err(msg) => msg,
        };
        let (effects, handoff) = ManageFlow::update(self, msg);
        match handoff {
            Some(ManageHandoff::Activate(start)) => {
                shell.handoff = Some(Handoff::Activation(start))
            }
            Some(ManageHandoff::Export { ca_id, status }) => {
                shell.handoff = Some(Handoff::Export(ExportStart { ca_id, status }))
            }
            Some(ManageHandoff::Csr(ca)) => {
                shell.handoff = Some(Handoff::Csr(Box::new(CsrStart { ca: *ca })))
            }
            None => {}
        }
        effects.into_iter().map(Effect::Manage).collect()
    }

    /// Auto-renew and unsubscribe: exactly the request the question held (ending a CA only with its
    /// name or id typed).
    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect> {
        match pending {
            Pending::Lifecycle { request, typed } => self.life_confirm(shell, request, &typed),
            _ => Vec::new(),
        }
    }

    fn request_in_flight(&self) -> bool {
        self.life.in_flight()
    }

    /// A request in flight, or a renewal order being followed.
    fn wants_ticks(&self) -> bool {
        self.life.in_flight() || self.life.following()
    }
}

impl Flow for ExportFlow {
    type Msg = ExportMsg;

    fn action(action: Action) -> ExportMsg {
        ExportMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<ExportMsg> {
        match msg {
            Msg::Action(action) => Some(ExportMsg::Action(action)),
            Msg::Export(msg) => Some(*msg),
            _ => None,
        }
    }

    fn context(&self, _session: &Session) -> Context {
        match self.step {
            ExportStep::Exporting => Context::ExportWorking,
            ExportStep::Done => Context::ExportDone,
            ExportStep::Failed if self.retryable() => Context::ExportFailed,
            ExportStep::Failed => Context::ExportRefused,
        }
    }

    fn start(&mut self) -> Vec<Effect> {
        self.start_effects()
            .into_iter()
            .map(Effect::Export)
            .collect()
    }

    fn update(&mut self, shell: &mut Shell<'_>, msg: ExportMsg) -> Vec<Effect> {
        let (effects, handoff) = ExportFlow::update(self, msg);
        if let Some(ExportHandoff::Back(back)) = handoff {
            shell.handoff = Some(Handoff::Return(back));
        }
        effects.into_iter().map(Effect::Export).collect()
    }

    /// The export asks no question: it changes nothing on the service.
    fn confirm(&mut self, _shell: &mut Shell<'_>, _pending: Pending) -> Vec<Effect> {
        Vec::new()
    }

    fn request_in_flight(&self) -> bool {
        false
    }

    fn wants_ticks(&self) -> bool {
        false
    }
}

impl Flow for CsrFlow {
    type Msg = CsrMsg;

    fn action(action: Action) -> CsrMsg {
        CsrMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<CsrMsg> {
        match msg {
            Msg::Action(action) => Some(CsrMsg::Action(action)),
            Msg::Csr(msg) => Some(*msg),
            Msg::ConsoleLoaded(result) => Some(CsrMsg::ConsoleLoaded(result)),
            _ => None,
        }
    }

    fn context(&self, _session: &Session) -> Context {
        match self.step {
            CsrStep::Subject => Context::CsrSubject,
            CsrStep::Key => Context::CsrKey,
            CsrStep::Working => Context::CsrWorking,
            CsrStep::Done => Context::CsrDone,
            CsrStep::Failed => Context::CsrFailed,
        }
    }

    fn start(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// The request to confirm goes into the wizard's one overlay; once the terminal's input is gone,
    /// the wizard ends as soon as the save's answer is in.
    fn update(&mut self, shell: &mut Shell<'_>, msg: CsrMsg) -> Vec<Effect> {
        let answer = matches!(msg, CsrMsg::Done(_));
        if let CsrMsg::ConsoleLoaded(Ok(console)) = &msg {
            shell.session.console = Some(console.clone());
        }
        let (effects, ask, handoff) = CsrFlow::update(self, msg);
        self.record_sent(shell.session);
        if let Some(request) = ask {
            *shell.overlay = Some(Overlay::Confirm(Pending::SaveSubject {
                request: Box::new(request),
            }));
        }
        if let Some(CsrHandoff::Back(manage, kept)) = handoff {
            shell.handoff = Some(Handoff::CsrBack(manage, kept));
        }
        let mut effects: Vec<Effect> = effects.into_iter().map(Effect::Csr).collect();
        if answer {
            if *shell.overlay == Some(Overlay::ConfirmQuit) {
                *shell.overlay = None;
            }
            if shell.input_closed {
                effects.push(Effect::Quit(exit::CANCELLED));
            }
        }
        effects
    }

    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect> {
        match pending {
            Pending::SaveSubject { request } => {
                let effects: Vec<Effect> = self
                    .confirm_request(*request)
                    .into_iter()
                    .map(Effect::Csr)
                    .collect();
                if !effects.is_empty() {
                    *shell.elapsed = Duration::ZERO;
                }
                effects
            }
            _ => Vec::new(),
        }
    }

    fn request_in_flight(&self) -> bool {
        self.in_flight
    }

    fn wants_ticks(&self) -> bool {
        self.in_flight
    }

    fn typing(&self, _session: &Session) -> bool {
        CsrFlow::typing(self)
    }
}

impl Model {
    /// Switches the wizard into the CSR path of `start`'s CA, keeping "My CAs" to come back to (it
    /// opens only from there). The website follows the header's region, as activation's does.
    pub fn open_csr(&mut self, start: CsrStart) -> Vec<Effect> {
        let placeholder = Current::Order(Box::default());
        let manage = match std::mem::replace(&mut self.flow, placeholder) {
            Current::Manage(m) => m,
            other => {
                self.flow = other;
                return Vec::new();
            }
        };
        let mut flow = CsrFlow::new(start, Site::for_region(&self.header.region), manage);
        let mut effects = Vec::new();
        // Whether SM2 is offered follows the region's console configuration: read by an earlier flow
        // (handed over), else read now.
        match &self.session.console {
            Some(console) => flow.set_console(Some(console)),
            None => effects.push(Effect::LoadConsole),
        }
        self.flow = Current::Csr(Box::new(flow));
        self.overlay = None;
        self.notice = None;
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// Back from the CSR path to "My CAs": a save sent there keeps deciding the exit code (and is
    /// printed when the wizard ends), and the CAs are read again (the CA's subject changed).
    fn return_from_csr(
        &mut self,
        mut manage: Box<ManageFlow>,
        kept: Option<Box<CsrFlow>>,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(flow) = kept {
            if flow.exit_code().is_some() {
                effects = Flow::start(manage.as_mut());
            }
            self.earlier_saves.push(*flow);
        }
        self.flow = Current::Manage(manage);
        effects
    }

    /// The CSR path, when the wizard is in it.
    pub fn csr(&self) -> Option<&CsrFlow> {
        match &self.flow {
            Current::Csr(flow) => Some(flow),
            _ => None,
        }
    }
}

impl Model {
    /// Switches the wizard into the export of `start`'s CA, keeping the flow on screen (My CAs, an
    /// activation's end) to come back to; returns the export's work.
    pub fn open_export(&mut self, start: ExportStart) -> Vec<Effect> {
        let placeholder = Current::Order(Box::default());
        let back = match std::mem::replace(&mut self.flow, placeholder) {
            Current::Manage(m) => Back::Manage(m),
            Current::Activation(a) => Back::Activation(a),
            // Export opens only from those two; anything else stays as it was.
            other => {
                self.flow = other;
                return Vec::new();
            }
        };
        let mut flow = ExportFlow::new(start, back);
        let started = Flow::start(&mut flow);
        self.flow = Current::Export(Box::new(flow));
        self.overlay = None;
        self.notice = None;
        let mut effects = self.session_quit(started);
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// Back from the export to the flow it came from, as it was.
    fn return_from_export(&mut self, back: Back) {
        self.flow = match back {
            Back::Manage(m) => Current::Manage(m),
            Back::Activation(a) => Current::Activation(a),
        };
    }

    /// The export, when the wizard is in it.
    pub fn export(&self) -> Option<&ExportFlow> {
        match &self.flow {
            Current::Export(flow) => Some(flow),
            _ => None,
        }
    }
}

impl Model {
    /// Switches the wizard into "My CAs" and returns its read. An activation flow left after it sent
    /// something is kept ([`Model::earlier_activations`]): its outcome still decides the exit code.
    pub fn open_manage(&mut self) -> Vec<Effect> {
        let mut flow = ManageFlow::new();
        let started = Flow::start(&mut flow);
        let left = std::mem::replace(&mut self.flow, Current::Manage(Box::new(flow)));
        if let Current::Activation(done) = left
            && (!done.attempts.is_empty() || !done.journal_warnings.is_empty())
        {
            self.earlier_activations.push(*done);
        }
        self.overlay = None;
        self.notice = None;
        let mut effects = self.session_quit(started);
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// The "My CAs" flow, when the wizard is in it.
    pub fn manage(&self) -> Option<&ManageFlow> {
        match &self.flow {
            Current::Manage(flow) => Some(flow),
            Current::Order(_)
            | Current::Billing(_)
            | Current::Activation(_)
            | Current::Export(_)
            | Current::Csr(_) => None,
        }
    }

    /// Switches the wizard into the activation flow for `start` (the CAs of a completed order, or none
    /// for the chooser of PENDING CAs) and returns the background fetches it needs. The website (and so
    /// whether SM2/SM3 are offered) follows the region in the header.
    pub fn open_activation(&mut self, start: ActivationStart) -> Vec<Effect> {
        let mut flow = ActivationFlow::new(start, Site::for_region(&self.header.region));
        // Read by an earlier flow (the order form): handed over, not read again.
        if let Some(console) = self.session.console.clone() {
            flow.set_console(Ok(console));
        }
        let started = Flow::start(&mut flow);
        self.flow = Current::Activation(Box::new(flow));
        // Whatever covered the order's screens belongs to them.
        self.overlay = None;
        self.notice = None;
        let mut effects = self.session_quit(started);
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// The activation flow, when the wizard is in it.
    pub fn activation(&self) -> Option<&ActivationFlow> {
        match &self.flow {
            Current::Activation(flow) => Some(flow),
            Current::Order(_)
            | Current::Billing(_)
            | Current::Manage(_)
            | Current::Export(_)
            | Current::Csr(_) => None,
        }
    }

    /// Where the order form is. Once the order was created it is [`Step::Result`], the form's last
    /// step: billing's screens are then [`Model::bill_step`]'s, and while activating no screen shows a
    /// step of the order.
    pub fn step(&self) -> Step {
        match &self.flow {
            Current::Order(form) => form.step,
            // The order's flow ended (or never began): no screen shows a step of it.
            Current::Billing(_)
            | Current::Activation(_)
            | Current::Manage(_)
            | Current::Export(_)
            | Current::Csr(_) => Step::Result,
        }
    }

    /// Where the billing flow is (the result screen, a pay or cancel in flight, tracking, a failed
    /// pay or cancel); `None` outside billing.
    pub fn bill_step(&self) -> Option<BillStep> {
        self.bill().map(|b| b.step)
    }

    /// The order form, while the wizard is in the order's flow; `None` once billing or activation took
    /// over (what was sent is in [`Model::session`]).
    pub fn order_form(&self) -> Option<&OrderForm> {
        match &self.flow {
            Current::Order(form) => Some(form),
            Current::Billing(_)
            | Current::Activation(_)
            | Current::Manage(_)
            | Current::Export(_)
            | Current::Csr(_) => None,
        }
    }

    /// The order form to change, while the wizard is in the order's flow.
    pub fn order_form_mut(&mut self) -> Option<&mut OrderForm> {
        match &mut self.flow {
            Current::Order(form) => Some(form),
            Current::Billing(_)
            | Current::Activation(_)
            | Current::Manage(_)
            | Current::Export(_)
            | Current::Csr(_) => None,
        }
    }

    /// The created order's billing (amount, tracking, the pay or cancel in flight), while the wizard is
    /// in the billing flow; `None` before an order was created and once activation took over.
    pub fn bill(&self) -> Option<&Bill> {
        match &self.flow {
            Current::Billing(bill) => Some(bill),
            Current::Order(_)
            | Current::Activation(_)
            | Current::Manage(_)
            | Current::Export(_)
            | Current::Csr(_) => None,
        }
    }

    /// A flow's Quit carries the flow's code; the wizard's code is the session's (an order in flight
    /// first), so it is asked here.
    fn session_quit(&self, effects: Vec<Effect>) -> Vec<Effect> {
        effects
            .into_iter()
            .map(|e| match e {
                Effect::Quit(_) => Effect::Quit(self.exit_code()),
                other => other,
            })
            .collect()
    }
}

/// Calls `$body` with the current flow, whichever it is: the one place the wizard matches on its flows.
macro_rules! with_flow {
    ($flow:expr, $f:ident => $body:expr) => {
        match $flow {
            Current::Order($f) => $body,
            Current::Billing($f) => $body,
            Current::Activation($f) => $body,
            Current::Manage($f) => $body,
            Current::Export($f) => $body,
            Current::Csr($f) => $body,
        }
    };
}

impl Model {
    /// Lends the wizard-wide parts to the current flow for one call, then applies what it asked of
    /// the wizard: the next flow, and the session's code in place of a flow's on a Quit.
    fn with_shell(
        &mut self,
        effects: &mut Vec<Effect>,
        call: impl FnOnce(&mut Current, &mut Shell<'_>) -> Vec<Effect>,
    ) {
        let mut shell = Shell {
            overlay: &mut self.overlay,
            notice: &mut self.notice,
            session: &mut self.session,
            journal_warning: &mut self.journal_warning,
            elapsed: &mut self.elapsed,
            poll_schedule: self.poll_schedule,
            input_closed: self.input_closed,
            handoff: None,
        };
        let mut produced = call(&mut self.flow, &mut shell);
        let handoff = shell.handoff.take();
        match handoff {
            Some(Handoff::Billing(bill)) => self.flow = Current::Billing(bill),
            Some(Handoff::Activation(start)) => produced.extend(self.open_activation(start)),
            Some(Handoff::Manage) => produced.extend(self.open_manage()),
            Some(Handoff::Export(start)) => produced.extend(self.open_export(start)),
            Some(Handoff::Return(back)) => self.return_from_export(back),
            Some(Handoff::Csr(start)) => produced.extend(self.open_csr(*start)),
            Some(Handoff::CsrBack(manage, kept)) => {
                produced.extend(self.return_from_csr(manage, kept));
            }
            None => {}
        }
        effects.extend(self.session_quit(produced));
    }

    /// Hands a wizard message to the current flow (dropped when it is not for that flow): keys the
    /// wizard did not keep for itself (Quit, Help, the overlays), the answers of background work, ticks.
    pub(super) fn run_flow(&mut self, msg: Msg, effects: &mut Vec<Effect>) {
        self.with_shell(
            effects,
            |flow, shell| with_flow!(flow, f => accept_into(f.as_mut(), shell, msg)),
        );
    }

    /// `y` on a question a flow asked: the current flow sends exactly the request the question held.
    pub(super) fn confirm_flow(&mut self, pending: Pending, effects: &mut Vec<Effect>) {
        self.with_shell(
            effects,
            |flow, shell| with_flow!(flow, f => f.confirm(shell, pending)),
        );
    }

    /// A paste goes into the current flow's focused field (none while an overlay is up or the terminal
    /// is too small).
    pub(super) fn paste_flow(&mut self, text: &str) {
        if self.overlay.is_some() || self.too_small {
            return;
        }
        let mut ignored = Vec::new();
        self.with_shell(&mut ignored, |flow, shell| {
            with_flow!(flow, f => f.paste(shell, text));
            Vec::new()
        });
    }

    /// The current flow's derived state after a message (the order's price).
    pub(super) fn reconcile_flow(&mut self, effects: &mut Vec<Effect>) {
        with_flow!(&mut self.flow, f => f.reconcile(effects));
    }
}

fn accept_into<F: Flow>(flow: &mut F, shell: &mut Shell<'_>, msg: Msg) -> Vec<Effect> {
    match F::accept(msg) {
        Some(msg) => flow.update(shell, msg),
        None => Vec::new(),
    }
}

/// The background work of the current flow as the wizard opens (the order's quota and projects, or
/// the activation's lists when opened straight into it).
pub(super) fn start(model: &mut Model) -> Vec<Effect> {
    with_flow!(&mut model.flow, f => f.start())
}

/// Whether the current flow has a state-changing request in flight.
pub(super) fn request_in_flight(model: &Model) -> bool {
    with_flow!(&model.flow, f => f.request_in_flight())
}

/// The current flow's keymap context.
pub(super) fn context(model: &Model) -> Context {
    with_flow!(&model.flow, f => f.context(&model.session))
}

/// The current flow's wish for ticks.
pub(super) fn wants_ticks(model: &Model) -> bool {
    with_flow!(&model.flow, f => f.wants_ticks())
}

//! The one shape of a wizard flow (issue 18). A flow is a screen sequence with its own state, steps and
//! pure update — the order form, billing after the order, the activation of a CA — and the wizard
//! ([`Model`]) holds the header, the one [`Overlay`] slot and the [`Current`] flow. A flow never holds a
//! question of its own: the request it wants confirmed goes into the wizard's overlay as
//! [`Overlay::Confirm`], the wizard asks, and `y` hands the exact request back through [`Flow::confirm`].
//!
//! Adding a wizard screen sequence: a state type in `tui/model/<flow>.rs` implementing [`Flow`], a
//! [`Current`] variant, its [`Pending`] variant for the request it confirms, its keymap contexts, and its
//! view hook in `tui/view/<flow>.rs`.

use super::activation::{ActStep, ActivationFlow, ActivationMsg, ActivationStart};
use super::{Bill, Effect, Load, Model, OrderForm, Overlay, Pending, Step};
use crate::activation::Site;
use crate::tui::keymap::{Action, Context};

/// What every wizard flow is: a state that knows its screen's keymap context, applies its messages
/// (keys arrive as resolved [`Action`]s inside them), sends only what a question confirmed, and says what
/// it means for the session's exit code.
pub trait Flow {
    /// What the flow reacts to: keys (as actions) and the answers of its background work.
    type Msg;
    /// Wraps a key's action as one of the flow's messages, so keys and answers take the same path.
    fn action(action: Action) -> Self::Msg;
    /// The keymap context of the flow's screen (the overlays on top are the wizard's).
    fn context(&self) -> Context;
    /// The background work the flow needs when it opens.
    fn start(&mut self) -> Vec<Effect>;
    /// Applies one message and returns the effects to run. A request that needs a `y` is not sent here:
    /// it is put into the wizard's one `overlay` as [`Overlay::Confirm`]. An [`Effect::Quit`] it returns
    /// carries the flow's code; the wizard replaces it by the session's.
    fn update(&mut self, overlay: &mut Option<Overlay>, msg: Self::Msg) -> Vec<Effect>;
    /// `y` on the question this flow asked: sends exactly the request it held (nothing recomputed).
    fn confirm(&mut self, pending: Pending) -> Vec<Effect>;
    /// Whether a state-changing request of this flow is in flight.
    fn request_in_flight(&self) -> bool;
    /// The session's exit code as this flow decides it, or `None` when nothing was sent in it (an
    /// earlier flow's outcome then still counts).
    fn sent_exit_code(&self) -> Option<i32>;
    /// Whether the runtime should send ticks for this flow (spinner, elapsed time).
    fn wants_ticks(&self) -> bool;
    /// Whether a text field has the keyboard (a paste goes there, character by character).
    fn typing(&self) -> bool {
        self.context().has_text_field()
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
}

impl Flow for ActivationFlow {
    type Msg = ActivationMsg;

    fn action(action: Action) -> ActivationMsg {
        ActivationMsg::Action(action)
    }

    fn context(&self) -> Context {
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

    fn update(&mut self, overlay: &mut Option<Overlay>, msg: ActivationMsg) -> Vec<Effect> {
        super::activation::update(self, overlay, msg)
    }

    fn confirm(&mut self, pending: Pending) -> Vec<Effect> {
        match pending {
            Pending::Activate { request, .. } => self.send(*request),
            _ => Vec::new(),
        }
    }

    fn request_in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    fn sent_exit_code(&self) -> Option<i32> {
        (self.in_flight.is_some() || !self.attempts.is_empty()).then(|| self.exit_code())
    }

    fn wants_ticks(&self) -> bool {
        // The order's background loads no longer matter: tick only while in flight.
        self.in_flight.is_some()
    }
}

impl Model {
    /// Switches the wizard into the activation flow for `start` (the CAs of a completed order, or none
    /// for the chooser of PENDING CAs) and returns the background fetches it needs. The website (and so
    /// whether SM2/SM3 are offered) follows the region in the header.
    pub fn open_activation(&mut self, start: ActivationStart) -> Vec<Effect> {
        let mut flow = ActivationFlow::new(start, Site::for_region(&self.header.region));
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
            Current::Order(_) | Current::Billing(_) => None,
        }
    }

    /// Where the wizard is: the order form's step, or the billing flow's (the result screen and after).
    /// While activating it is the step the wizard left, which no screen shows.
    pub fn step(&self) -> Step {
        match &self.flow {
            Current::Order(form) => form.step,
            Current::Billing(bill) => bill.step,
            // The order's flow ended (or never began): no screen shows a step of it.
            Current::Activation(_) => Step::Result,
        }
    }

    /// The order form, while the wizard is in the order's flow; `None` once billing or activation took
    /// over (what was sent is in [`Model::session`]).
    pub fn order_form(&self) -> Option<&OrderForm> {
        match &self.flow {
            Current::Order(form) => Some(form),
            Current::Billing(_) | Current::Activation(_) => None,
        }
    }

    /// The order form to change, while the wizard is in the order's flow.
    pub fn order_form_mut(&mut self) -> Option<&mut OrderForm> {
        match &mut self.flow {
            Current::Order(form) => Some(form),
            Current::Billing(_) | Current::Activation(_) => None,
        }
    }

    /// The created order's billing (amount, tracking, the pay or cancel in flight), while the wizard is
    /// in the billing flow; `None` before an order was created and once activation took over.
    pub fn bill(&self) -> Option<&Bill> {
        match &self.flow {
            Current::Billing(bill) => Some(bill),
            Current::Order(_) | Current::Activation(_) => None,
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

/// Whether the current flow (other than the order's, which is on [`Model`]) has a request in flight.
pub(super) fn request_in_flight(model: &Model) -> bool {
    match &model.flow {
        Current::Activation(flow) => flow.request_in_flight(),
        Current::Billing(bill) => bill.act_in_flight.is_some(),
        Current::Order(form) => form.in_flight.is_some(),
    }
}

/// The current flow's exit code, when something was sent in it.
pub(super) fn sent_exit_code(model: &Model) -> Option<i32> {
    match &model.flow {
        Current::Activation(flow) => flow.sent_exit_code(),
        Current::Order(_) | Current::Billing(_) => None,
    }
}

/// The current flow's keymap context, when it is not the order's.
pub(super) fn context(model: &Model) -> Option<Context> {
    match &model.flow {
        Current::Activation(flow) => Some(flow.context()),
        Current::Order(_) | Current::Billing(_) => None,
    }
}

/// The current flow's wish for ticks, when it is not the order's.
pub(super) fn wants_ticks(model: &Model) -> Option<bool> {
    match &model.flow {
        Current::Activation(flow) => Some(flow.wants_ticks()),
        Current::Order(_) | Current::Billing(_) => None,
    }
}

/// Feeds one message to the current flow and puts its effects (with the session's code on a Quit) into
/// `effects`. `false` when the wizard is in the order's flow (it handles the message itself).
fn dispatch(model: &mut Model, msg: ActivationMsg, effects: &mut Vec<Effect>) -> bool {
    let produced = match &mut model.flow {
        Current::Activation(flow) => flow.update(&mut model.overlay, msg),
        Current::Order(_) | Current::Billing(_) => return false,
    };
    let produced = model.session_quit(produced);
    effects.extend(produced);
    true
}

/// A key for the current flow (the wizard handled Quit, Help and the overlays before). `false` when the
/// order's flow is current.
pub(super) fn on_action(model: &mut Model, action: Action, effects: &mut Vec<Effect>) -> bool {
    match model.flow {
        Current::Activation(_) => dispatch(model, ActivationFlow::action(action), effects),
        Current::Order(_) | Current::Billing(_) => false,
    }
}

/// A background answer for the activation flow. The activate outcome withdraws a "quit while in
/// flight?" question (nothing is in flight any more); once the terminal's input is gone, the wizard ends
/// as soon as nothing is in flight and the CA is not being read back (so a 204 still gets its ACTIVED
/// read, and exit 0).
pub(super) fn on_activation_msg(model: &mut Model, msg: ActivationMsg, effects: &mut Vec<Effect>) {
    let outcome = matches!(msg, ActivationMsg::Activated(_));
    let was_in_flight = model.request_in_flight();
    if !dispatch(model, msg, effects) {
        return;
    }
    if outcome && was_in_flight && model.overlay == Some(Overlay::ConfirmQuit) {
        model.overlay = None;
    }
    let reading = model
        .activation()
        .is_some_and(|f| matches!(f.read_back, Some(Load::Loading)));
    if model.input_closed && !model.request_in_flight() && !reading {
        effects.push(Effect::Quit(model.exit_code()));
    }
}

/// `y` on a question a flow asked: that flow sends exactly the request the question held.
pub(super) fn confirm(model: &mut Model, pending: Pending, effects: &mut Vec<Effect>) {
    let produced = match &mut model.flow {
        Current::Activation(flow) => flow.confirm(pending),
        Current::Order(_) | Current::Billing(_) => return,
    };
    if !produced.is_empty() {
        model.elapsed = std::time::Duration::ZERO;
    }
    let produced = model.session_quit(produced);
    effects.extend(produced);
}

/// A paste goes into the current flow's focused field, character by character, by the same rules as
/// typing. `false` when the order's flow is current.
pub(super) fn paste(model: &mut Model, text: &str) -> bool {
    let typing = match &model.flow {
        Current::Activation(flow) => flow.typing(),
        Current::Order(_) | Current::Billing(_) => return false,
    };
    if typing && model.overlay.is_none() && !model.too_small {
        let mut ignored = Vec::new();
        for c in text.chars().filter(|c| !crate::sanitize::hidden(*c)) {
            dispatch(
                model,
                ActivationFlow::action(Action::Insert(c)),
                &mut ignored,
            );
        }
    }
    true
}

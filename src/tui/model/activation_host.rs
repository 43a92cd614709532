//! The order wizard hosting the activation flow (issue 10): [`Model::open_activation`] switches the
//! wizard into [`ActivationFlow`], and from then on keys, pastes and background answers are handed to the
//! flow's own pure [`update`](super::activation::update), its effects are lifted into the wizard's
//! [`Effect`]s, and its one question moves into the wizard's one [`Overlay`] slot, holding the exact
//! activate request `y` sends. Keeping this glue here leaves the flow testable on its own and the
//! wizard's dispatch ([`super::update`]) a few lines longer.

use super::activation::{
    self, ActStep, ActivationEffect, ActivationFlow, ActivationMsg, ActivationStart,
};
use super::{Effect, Model, Overlay, Pending};
use crate::activation::{ActivateRequest, Site};
use crate::tui::keymap::{Action, Context};

impl Model {
    /// Switches the wizard into the activation flow for `start` (the CAs of a completed order, or none
    /// for the chooser of PENDING CAs) and returns the background fetches it needs. The website (and so
    /// whether SM2/SM3 are offered) follows the region in the header.
    pub fn open_activation(&mut self, start: ActivationStart) -> Vec<Effect> {
        let mut flow = ActivationFlow::new(start, Site::for_region(&self.header.region));
        let started = flow.start();
        self.activation = Some(flow);
        // Whatever covered the order's screens belongs to them.
        self.overlay = None;
        self.notice = None;
        let mut effects = self.lift(started);
        self.reconcile_ticking(&mut effects);
        effects
    }

    /// Turns the flow's effects into the wizard's. The flow's own Quit carries the flow's code; the
    /// wizard's code is the session's (an order in flight first), so it is asked here.
    pub(super) fn lift(&self, effects: Vec<ActivationEffect>) -> Vec<Effect> {
        effects
            .into_iter()
            .map(|e| match e {
                ActivationEffect::Quit(_) => Effect::Quit(self.exit_code()),
                other => Effect::Activation(other),
            })
            .collect()
    }
}

/// The keyboard context of the flow's screen, when the wizard hosts one.
pub(super) fn context(model: &Model) -> Option<Context> {
    let flow = model.activation.as_ref()?;
    Some(match flow.step {
        ActStep::Choose => Context::ActChoose,
        ActStep::Type => Context::ActType,
        ActStep::Subject => Context::ActSubject,
        ActStep::Keys => Context::ActKeys,
        ActStep::Validity => Context::ActValidity,
        ActStep::Review if flow.may_have_activated() => Context::ActReviewUnknown,
        ActStep::Review => Context::ActReview,
        ActStep::Activating => Context::ActActivating,
        ActStep::Done if flow.queue.len() > 1 => Context::ActDoneMore,
        ActStep::Done => Context::ActDone,
        ActStep::Error => Context::ActError,
    })
}

/// The session's exit code while the flow has been used: the flow's (0 only when the CA reads ACTIVED).
/// `None` when nothing was sent in it, so a completed order before it still counts.
pub(super) fn exit_code(model: &Model) -> Option<i32> {
    let flow = model.activation.as_ref()?;
    (flow.in_flight.is_some() || !flow.attempts.is_empty()).then(|| flow.exit_code())
}

/// Feeds one message to the hosted flow and lifts its effects; its question becomes the wizard's
/// confirmation overlay.
pub(super) fn dispatch(model: &mut Model, msg: ActivationMsg, effects: &mut Vec<Effect>) {
    let Some(flow) = model.activation.as_mut() else {
        return;
    };
    let produced = activation::update(flow, msg);
    if let Some(request) = flow.question.take() {
        let earlier_may_have_activated = flow.may_have_activated();
        model.overlay = Some(Overlay::Confirm(Pending::Activate {
            request: Box::new(request),
            earlier_may_have_activated,
        }));
    }
    let lifted = model.lift(produced);
    effects.extend(lifted);
}

/// A background answer for the flow. The activate outcome withdraws a "quit while in flight?" question
/// (nothing is in flight any more); once the terminal's input is gone, the wizard ends as soon as nothing
/// is in flight and the CA is not being read back (so a 204 still gets its ACTIVED read, and exit 0).
pub(super) fn on_answer(model: &mut Model, msg: ActivationMsg, effects: &mut Vec<Effect>) {
    let outcome = matches!(msg, ActivationMsg::Activated(_));
    let was_in_flight = model.request_in_flight();
    dispatch(model, msg, effects);
    if outcome && was_in_flight && model.overlay == Some(Overlay::ConfirmQuit) {
        model.overlay = None;
    }
    let reading = model
        .activation
        .as_ref()
        .is_some_and(|f| matches!(f.read_back, Some(super::Load::Loading)));
    if model.input_closed && !model.request_in_flight() && !reading {
        effects.push(Effect::Quit(model.exit_code()));
    }
}

/// A key for the flow (the wizard handled Quit, Help and the overlays before).
pub(super) fn on_action(model: &mut Model, action: Action, effects: &mut Vec<Effect>) {
    dispatch(model, ActivationMsg::Action(action), effects);
}

/// `y` on the activation question: the flow sends exactly the request the question held.
pub(super) fn confirm(model: &mut Model, request: ActivateRequest, effects: &mut Vec<Effect>) {
    let Some(flow) = model.activation.as_mut() else {
        return;
    };
    if flow.step != ActStep::Review || flow.in_flight.is_some() {
        return;
    }
    flow.question = Some(request);
    model.elapsed = std::time::Duration::ZERO;
    dispatch(model, ActivationMsg::Action(Action::Confirm), effects);
}

/// A paste goes into the focused subject or validity field, character by character, by the same rules
/// as typing.
pub(super) fn paste(model: &mut Model, text: &str) {
    let typing = context(model).is_some_and(Context::has_text_field) && model.overlay.is_none();
    if !typing {
        return;
    }
    let mut ignored = Vec::new();
    for c in text.chars().filter(|c| !crate::sanitize::hidden(*c)) {
        dispatch(
            model,
            ActivationMsg::Action(Action::Insert(c)),
            &mut ignored,
        );
    }
}

//! Billing in the wizard: the price on the review, fetched in the background from BSS as soon as the
//! choices are known and again whenever they change. Each fetch is tagged with what it prices
//! ([`PriceKey`]), and only the answer for the choices on screen is kept, so a slow answer for an earlier
//! choice can never show beside a later one. A price that cannot be had says why; buying stays possible.

use std::time::Duration;

use crate::api::{CallError, Outcome};
use crate::billing::{Amount, OrderDetails, OrderResource, OrderStatus, Price, WaitVerdict};
use crate::journal::ActionKind;
use crate::order::{OrderRequest, PeriodUnit};
use crate::tui::keymap::Action;

use super::activation::ActivationStart;
use super::flow::Current;
use super::{Effect, Load, Model, Msg, OrderForm, Overlay, Pending, Session, Step};

/// What a price depends on: the unit, the period count and the quantity. The promotion text, the
/// project and the renewal choices do not change the price API's answer, so editing them does not ask
/// again. It is the tag that pairs an answer with its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceKey {
    /// Month or year.
    pub unit: PeriodUnit,
    /// How many months or years.
    pub period_num: u64,
    /// How many CAs.
    pub quantity: u64,
}

impl PriceKey {
    /// The key of the request a price was asked for.
    pub fn of(request: &OrderRequest) -> PriceKey {
        PriceKey {
            unit: request.period_unit(),
            period_num: request.period_num,
            quantity: request.subscription_num,
        }
    }
}

/// What comes back for a [`Effect::LoadPrice`]: the request it was asked for (the tag) and the answer.
#[derive(Debug, Clone)]
pub struct PriceAnswer {
    /// The request the price was asked for, exactly as the effect carried it.
    pub request: OrderRequest,
    /// The price, or why it could not be had.
    pub result: Result<Price, CallError>,
}

impl Msg {
    /// The message that brings a price answer back to the wizard.
    pub fn price_loaded(request: OrderRequest, result: Result<Price, CallError>) -> Msg {
        Msg::PriceLoaded(Box::new(PriceAnswer { request, result }))
    }
}

/// The price shown on the review: for which choices, and how far its fetch got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceQuote {
    /// The choices this price is for; an answer for any other key is dropped.
    pub key: PriceKey,
    /// Loading (spinner), the price, or why it could not be had.
    pub load: Load<Price>,
}

/// The request to price: the user's choices without the promotion text (which does not change the
/// price, and whose mistakes must not hide the price). `None` while a count is not valid.
fn price_request(form: &OrderForm) -> Option<OrderRequest> {
    let mut draft = form.draft().ok()?;
    draft.promotion_info = String::new();
    draft.validate(form.quota_left()).ok()
}

/// Keeps the price in step with the choices: on the review, a new fetch whenever the choices differ
/// from the ones priced; away from it, a failed price is forgotten so coming back asks again.
pub(super) fn reconcile_price(model: &mut Model, effects: &mut Vec<Effect>) {
    let Some(form) = model.order_form_mut() else {
        return;
    };
    if form.step != Step::Review {
        if matches!(
            form.price,
            Some(PriceQuote {
                load: Load::Failed(_),
                ..
            })
        ) {
            form.price = None;
        }
        return;
    }
    let Some(request) = price_request(form) else {
        return;
    };
    let key = PriceKey::of(&request);
    if form.price.as_ref().map(|p| p.key) != Some(key) {
        form.price = Some(PriceQuote {
            key,
            load: Load::Loading,
        });
        effects.push(Effect::LoadPrice(request));
    }
}

/// A price answer arrived: kept only when it is for the choices being priced now.
pub(super) fn on_price(model: &mut Model, PriceAnswer { request, result }: PriceAnswer) {
    let key = PriceKey::of(&request);
    let Some(form) = model.order_form_mut() else {
        return;
    };
    if let Some(quote) = form.price.as_mut().filter(|q| q.key == key) {
        quote.load = match result {
            Ok(price) => Load::Loaded(price),
            Err(e) => Load::Failed(e),
        };
    }
}

/// Whether a price is on its way for the review on screen (its spinner needs ticks).
pub(super) fn price_loading(model: &Model) -> bool {
    model.order_form().is_some_and(|f| {
        f.step == Step::Review && f.price.as_ref().is_some_and(|p| p.load.is_loading())
    })
}

impl OrderForm {
    /// The price known for exactly this request's choices, if any: what the confirmation names.
    pub fn price_for(&self, request: &OrderRequest) -> Option<&Price> {
        match &self.price {
            Some(PriceQuote {
                key,
                load: Load::Loaded(price),
            }) if *key == PriceKey::of(request) => Some(price),
            _ => None,
        }
    }
}

// ---- Pay now, following the order, cancel (issue 9) -------------------------------------------------
//
// After an order was created, [`Bill`] holds what the billing screens need: the order, the amount to pay,
// the pay and cancel attempts, and the tracking ([`Follow`]) that polls the order's status. Pay and cancel
// move money (or stop it moving), so they follow the order's rules: one question ([`Pending::Pay`],
// [`Pending::Cancel`]) holding exactly what `y` sends, sent once by the runtime through BSS's journaled
// calls, never retried on its own, four outcomes with the order's exit codes. After an unknown outcome no
// pay or cancel key is offered: it may have happened, and only the order's status (or the console) says.

/// An exact amount with its currency: what the pay question names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The decimal amount (never a float).
    pub amount: Amount,
    /// `CNY`, `USD`, ...
    pub currency: String,
}

/// When the tracking screen reads the order's status: the first read, then every read after, until the
/// limit. The runtime picks it from the BSS endpoint ([`crate::billing::poll_intervals`]): the official
/// tooling's schedule, or a much shorter one against a loopback sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    /// Wait before the first read.
    pub first: Duration,
    /// Wait between reads.
    pub every: Duration,
    /// Give up following after this long (the order goes on without us).
    pub limit: Duration,
}

impl PollSchedule {
    /// The schedule for a BSS endpoint: the official one, or the short one on loopback.
    pub fn for_endpoint(loopback: bool) -> PollSchedule {
        let (first, every) = crate::billing::poll_intervals(loopback);
        PollSchedule {
            first,
            every,
            limit: crate::billing::WAIT_LIMIT,
        }
    }
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule::for_endpoint(false)
    }
}

/// Where following the order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowState {
    /// Still polling: pending payment, processing, pending refund.
    Waiting,
    /// The order completed: the CAs it bought and the period, ready for the activation flow.
    Completed(ActivationStart),
    /// The order ended otherwise (cancelled, pending approval, ...): no more polling.
    Ended(OrderStatus),
    /// The time limit passed before the order completed; it goes on without us.
    TimedOut,
}

/// The tracking screen's clock and last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    /// Where it stands.
    pub state: FollowState,
    /// Time since following started (from ticks).
    pub elapsed: Duration,
    /// Time left before the next read.
    pub until_poll: Duration,
    /// A read is on its way (never two at once).
    pub polling: bool,
    /// Reads answered so far.
    pub polls: u32,
    /// The last read failed, and why: shown, and polling goes on (reads are safe).
    pub poll_error: Option<CallError>,
}

impl Follow {
    fn start(schedule: PollSchedule) -> Follow {
        Follow {
            state: FollowState::Waiting,
            elapsed: Duration::ZERO,
            until_poll: schedule.first,
            polling: false,
            polls: 0,
            poll_error: None,
        }
    }

    fn ended(state: FollowState) -> Follow {
        Follow {
            state,
            elapsed: Duration::ZERO,
            until_poll: Duration::ZERO,
            polling: false,
            polls: 0,
            poll_error: None,
        }
    }

    /// Whether it still polls (the spinner and the clock run).
    pub fn waiting(&self) -> bool {
        self.state == FollowState::Waiting
    }
}

/// The created order as the billing screens see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    /// The order id (`CS…`).
    pub order_id: String,
    /// The CA ids the order reported.
    pub ca_ids: Vec<String>,
    /// The period bought, the activation's default validity.
    pub period: (PeriodUnit, u64),
    /// Auto-pay was on: nothing to pay, tracking starts at once.
    pub auto_paid: bool,
    /// What a pay request charges: the order's own amount as its details last said (never the review's
    /// quote: the pay is sent with `use_discount: NO`, so an offer the review showed is not applied).
    pub amount: Option<Money>,
    /// The read of the order's details for the amount is on its way: pay and cancel wait for it, so the
    /// question can name what the pay will charge.
    pub details_loading: bool,
    /// Tracking, once started (after a paid or auto-paid order, or to find out after an unknown outcome).
    pub follow: Option<Follow>,
    /// The pay or cancel in flight.
    pub act_in_flight: Option<ActionKind>,
    /// Time since it left (from ticks).
    pub act_elapsed: Duration,
    /// Where the billing flow is: the result screen, a pay or cancel in flight, following the order,
    /// or a failed pay or cancel.
    pub step: Step,
    /// The screen a failed pay or cancel returns to.
    pub back_to: Step,
}

impl Bill {
    /// Whether `p` (pay) and `x` (cancel) are offered: the order waits for payment (by the status in
    /// the `session`'s record), its amount was read (or could not be), nothing is in flight, no attempt
    /// is done already, and none has an unknown outcome (it may have happened: check before acting
    /// again).
    pub fn may_act(&self, session: &Session) -> bool {
        let waits_for_payment = match session.order_status {
            Some(s) => s.payable(),
            None => self.follow.is_none() && !self.auto_paid,
        };
        waits_for_payment
            && !self.details_loading
            && self.act_in_flight.is_none()
            && !session
                .acts
                .iter()
                .any(|(_, o)| matches!(o, Outcome::Done(()) | Outcome::Unknown(_)))
    }
}

/// A read of the order's status came back (details, and the CAs once it ended).
#[derive(Debug, Clone)]
pub struct Polled {
    /// The order read (the tag: an answer for another order is dropped).
    pub order_id: String,
    /// The details and the order's resources, or why they could not be read.
    pub result: Result<(OrderDetails, Vec<OrderResource>), CallError>,
}

/// A pay or cancel came back.
#[derive(Debug, Clone)]
pub struct ActAnswer {
    /// Pay or cancel.
    pub kind: ActionKind,
    /// The order it was for.
    pub order_id: String,
    /// What became of it.
    pub outcome: Outcome<()>,
    /// Why its outcome could not be journaled, if it could not.
    pub journal_warning: Option<String>,
}

fn money_of(details: &OrderDetails) -> Option<Money> {
    details.amount_after_discount.map(|amount| Money {
        amount,
        currency: if details.currency.is_empty() {
            "CNY".to_string()
        } else {
            details.currency.clone()
        },
    })
}

/// The order was created: keep what billing needs, and either start following it (auto-paid) or stay on
/// the result and read the order for the amount a pay will charge. The review's quote is not that amount:
/// it may carry an optional discount the pay request (`use_discount: NO`) does not apply.
pub(super) fn on_order_done(model: &mut Model, effects: &mut Vec<Effect>) {
    let Some((request, Outcome::Done(created))) = model.last() else {
        return;
    };
    let auto_paid = request.auto_pay();
    let mut bill = Bill {
        order_id: created.order_id.clone(),
        ca_ids: created.ca_ids.clone(),
        period: (request.period_unit(), request.period_num),
        auto_paid,
        amount: None,
        details_loading: false,
        follow: None,
        act_in_flight: None,
        act_elapsed: Duration::ZERO,
        step: Step::Result,
        back_to: Step::Result,
    };
    if auto_paid {
        bill.follow = Some(Follow::start(model.poll_schedule));
        bill.step = Step::Tracking;
    } else {
        bill.details_loading = true;
        effects.push(Effect::PollOrder(bill.order_id.clone()));
    }
    model.flow = Current::Billing(Box::new(bill));
}

/// Pay, cancel and "back to the order": the billing keys of the result, tracking and failure screens.
pub(super) fn on_action(model: &mut Model, action: Action, effects: &mut Vec<Effect>) {
    let Some(bill) = model.bill() else {
        return;
    };
    let step = bill.step;
    let on_order_screen = matches!(step, Step::Result | Step::Tracking);
    match action {
        Action::Pay if on_order_screen && bill.may_act(&model.session) => {
            model.overlay = Some(Overlay::Confirm(Pending::Pay {
                order_id: bill.order_id.clone(),
                amount: bill.amount.clone(),
            }));
        }
        Action::CancelOrder if on_order_screen && bill.may_act(&model.session) => {
            model.overlay = Some(Overlay::Confirm(Pending::Cancel {
                order_id: bill.order_id.clone(),
            }));
        }
        Action::BackToOrder if step == Step::ActFailed => {
            let schedule = model.poll_schedule;
            let Current::Billing(bill) = &mut model.flow else {
                return;
            };
            let unknown = matches!(model.session.last_act(), Some((_, Outcome::Unknown(_))));
            if unknown && bill.follow.as_ref().is_none_or(|f| !f.waiting()) {
                // Only the order's status can say whether it happened: follow it.
                bill.follow = Some(Follow::start(schedule));
            }
            bill.step = if unknown {
                Step::Tracking
            } else {
                bill.back_to
            };
        }
        Action::Copy if step == Step::Tracking => {
            effects.push(Effect::Copy(bill.order_id.clone()));
            model.notice = Some(super::Notice::Copied);
        }
        Action::ActivateCas if step == Step::Tracking => {
            // Money to a working CA in one sitting: the flow starts from the order's CAs and period.
            if let Some(start) = model.completed_activation_start().cloned() {
                effects.extend(model.open_activation(start));
            }
        }
        Action::Leave if matches!(step, Step::Tracking | Step::ActFailed) => {
            effects.push(Effect::Quit(model.exit_code()));
        }
        _ => {}
    }
}

/// Sends the confirmed pay or cancel exactly as the question named it: only from the order's screens,
/// only once, only while it is still allowed.
pub(super) fn send(model: &mut Model, pending: Pending, effects: &mut Vec<Effect>) {
    let Current::Billing(bill) = &mut model.flow else {
        return;
    };
    let step = bill.step;
    if !matches!(step, Step::Result | Step::Tracking) {
        return;
    }
    let (kind, order_id) = match pending {
        Pending::Pay { order_id, .. } => (ActionKind::Pay, order_id),
        Pending::Cancel { order_id } => (ActionKind::Cancel, order_id),
        Pending::Order { .. } | Pending::Activate { .. } => return,
    };
    if order_id != bill.order_id || !bill.may_act(&model.session) {
        return;
    }
    bill.act_in_flight = Some(kind);
    bill.act_elapsed = Duration::ZERO;
    bill.back_to = step;
    bill.step = Step::Acting;
    model.journal_warning = None;
    effects.push(match kind {
        ActionKind::Pay => Effect::Pay(order_id),
        ActionKind::Cancel => Effect::Cancel(order_id),
    });
}

/// A pay or cancel came back: done moves on to following the order (or its cancellation), anything
/// else shows the outcome with what to do.
pub(super) fn on_acted(model: &mut Model, answer: ActAnswer, effects: &mut Vec<Effect>) {
    let schedule = model.poll_schedule;
    let Current::Billing(bill) = &mut model.flow else {
        return;
    };
    if bill.order_id != answer.order_id {
        return;
    }
    if bill.act_in_flight != Some(answer.kind) {
        return;
    }
    bill.act_in_flight = None;
    let session = &mut model.session;
    session.acts.push((answer.kind, answer.outcome.clone()));
    bill.step = match (&answer.outcome, answer.kind) {
        (Outcome::Done(()), ActionKind::Pay) => {
            session.order_status = None;
            bill.follow = Some(Follow::start(schedule));
            Step::Tracking
        }
        (Outcome::Done(()), ActionKind::Cancel) => {
            session.order_status = Some(OrderStatus::Cancelled);
            bill.follow = Some(Follow::ended(FollowState::Ended(OrderStatus::Cancelled)));
            Step::Tracking
        }
        _ => Step::ActFailed,
    };
    if let Some(why) = answer.journal_warning {
        super::note_journal_warning(
            &mut model.session.journal_warnings,
            &mut model.journal_warning,
            &why,
        );
    }
    if model.overlay == Some(Overlay::ConfirmQuit) {
        model.overlay = None;
    }
    if model.input_closed {
        effects.push(Effect::Quit(model.exit_code()));
    }
}

/// A read of the order came back: the amount for the result screen, and the status for tracking (which
/// ends on completed or any other final status). A failed read is kept to show; polling goes on.
pub(super) fn on_polled(model: &mut Model, polled: Polled) {
    let Current::Billing(bill) = &mut model.flow else {
        return;
    };
    if bill.order_id != polled.order_id {
        return;
    }
    let status = &mut model.session.order_status;
    bill.details_loading = false;
    let follow = bill.follow.as_mut().filter(|f| f.waiting());
    match polled.result {
        Ok((details, resources)) => {
            // The latest read of the order is what a pay charges now.
            if let Some(amount) = money_of(&details) {
                bill.amount = Some(amount);
            }
            let Some(follow) = follow else {
                if bill.follow.is_none() {
                    *status = Some(details.status);
                }
                return;
            };
            *status = Some(details.status);
            follow.polling = false;
            follow.polls += 1;
            follow.poll_error = None;
            match details.status.verdict() {
                WaitVerdict::KeepWaiting => {}
                WaitVerdict::Done => {
                    let ca_ids = if bill.ca_ids.is_empty() {
                        resources.into_iter().map(|r| r.resource_id).collect()
                    } else {
                        bill.ca_ids.clone()
                    };
                    follow.state = FollowState::Completed(ActivationStart {
                        ca_ids,
                        period: Some(bill.period),
                    });
                }
                WaitVerdict::Failed => follow.state = FollowState::Ended(details.status),
            }
        }
        Err(e) => {
            if let Some(follow) = follow {
                follow.polling = false;
                follow.polls += 1;
                follow.poll_error = Some(e);
            }
        }
    }
}

/// Time passed: the pay or cancel's clock, and tracking's schedule (a read when it is due, the end at
/// the time limit).
pub(super) fn on_tick(model: &mut Model, dt: Duration, effects: &mut Vec<Effect>) {
    let schedule = model.poll_schedule;
    let Current::Billing(bill) = &mut model.flow else {
        return;
    };
    if bill.act_in_flight.is_some() {
        bill.act_elapsed = bill.act_elapsed.saturating_add(dt);
        return;
    }
    let order_id = bill.order_id.clone();
    let Some(follow) = bill.follow.as_mut().filter(|f| f.waiting()) else {
        return;
    };
    follow.elapsed = follow.elapsed.saturating_add(dt);
    if follow.polling {
        return;
    }
    if follow.elapsed >= schedule.limit {
        follow.state = FollowState::TimedOut;
        return;
    }
    follow.until_poll = follow.until_poll.saturating_sub(dt);
    if follow.until_poll.is_zero() {
        follow.polling = true;
        follow.until_poll = schedule.every;
        effects.push(Effect::PollOrder(order_id));
    }
}

/// Whether billing needs ticks: a pay or cancel in flight, or an order being followed.
pub(super) fn wants_ticks(model: &Model) -> bool {
    model.bill().is_some_and(|b| {
        b.act_in_flight.is_some()
            || b.details_loading
            || b.follow.as_ref().is_some_and(Follow::waiting)
    })
}

impl Model {
    /// Whether `p` (pay) and `x` (cancel) are offered now ([`Bill::may_act`]); never before an order
    /// was created.
    pub fn may_act(&self) -> bool {
        self.bill().is_some_and(|b| b.may_act(&self.session))
    }

    /// What the activation flow starts from once the followed order completed: its CA ids and the
    /// period bought. `None` until then.
    pub fn completed_activation_start(&self) -> Option<&ActivationStart> {
        match self.bill()?.follow.as_ref()?.state {
            FollowState::Completed(ref start) => Some(start),
            _ => None,
        }
    }

    /// The exit code of the last pay or cancel, if one was answered: it decides the session's code (the
    /// order before it was created, or there would be nothing to pay).
    pub(super) fn act_exit_code(&self) -> Option<i32> {
        self.session.last_act().map(|(_, o)| o.exit_code())
    }
}

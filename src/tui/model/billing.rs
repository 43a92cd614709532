//! Billing in the wizard: the price on the review, fetched in the background from BSS as soon as the
//! choices are known and again whenever they change. Each fetch is tagged with what it prices
//! ([`PriceKey`]), and only the answer for the choices on screen is kept, so a slow answer for an earlier
//! choice can never show beside a later one. A price that cannot be had says why; buying stays possible.

use std::time::Duration;

use crate::api::{CallError, Outcome};
use crate::billing::{Amount, OrderDetails, OrderResource, OrderStatus, Price, WaitVerdict};
use crate::journal::ActionKind;
use crate::order::{OrderRequest, PeriodUnit};
use crate::tui::keymap::{Action, Context};

use super::activation::ActivationStart;
use super::flow::{Flow, Handoff, Shell};
use super::{Effect, Load, Model, Msg, OrderForm, Overlay, Pending, Session, Step};
use crate::exit;

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
pub(super) fn reconcile_price(form: &mut OrderForm, effects: &mut Vec<Effect>) {
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
pub(super) fn on_price(form: &mut OrderForm, PriceAnswer { request, result }: PriceAnswer) {
    let key = PriceKey::of(&request);
    if let Some(quote) = form.price.as_mut().filter(|q| q.key == key) {
        quote.load = match result {
            Ok(price) => Load::Loaded(price),
            Err(e) => Load::Failed(e),
        };
    }
}

/// Whether a price is on its way for the review on screen (its spinner needs ticks).
pub(super) fn price_loading(form: &OrderForm) -> bool {
    form.step == Step::Review && form.price.as_ref().is_some_and(|p| p.load.is_loading())
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

/// Where the billing flow is: its own steps, apart from the order form's [`Step`] (which ends where
/// billing takes over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillStep {
    /// The order was created: its id, CAs, the amount to pay (unless auto-paid).
    Result,
    /// A pay or cancel is in flight.
    Acting,
    /// Following the order's status until it completes or ends (after paying, or an auto-paid order).
    Tracking,
    /// A pay or cancel was rejected, not sent, or its outcome is unknown.
    ActFailed,
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
    pub step: BillStep,
    /// The screen a failed pay or cancel returns to.
    pub back_to: BillStep,
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

/// What billing reacts to: keys, time (tracking's schedule), the order's reads, a pay or cancel's answer.
#[derive(Debug, Clone)]
pub enum BillMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// Time passed (sent only while ticking).
    Tick(Duration),
    /// A read of the order's details (and resources) finished.
    Polled(Box<Polled>),
    /// A pay or cancel finished.
    Acted(Box<ActAnswer>),
}

impl Bill {
    /// The billing of the session's last order attempt, when it created an order: either following it
    /// at once (auto-paid) or staying on the result and reading the order for the amount a pay will
    /// charge (with the effect that reads it). The review's quote is not that amount: it may carry an
    /// optional discount the pay request (`use_discount: NO`) does not apply.
    pub(super) fn for_created_order(
        session: &Session,
        schedule: PollSchedule,
    ) -> Option<(Bill, Vec<Effect>)> {
        let Some((request, Outcome::Done(created))) = session.attempts.last() else {
            return None;
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
            step: BillStep::Result,
            back_to: BillStep::Result,
        };
        let mut effects = Vec::new();
        if auto_paid {
            bill.follow = Some(Follow::start(schedule));
            bill.step = BillStep::Tracking;
        } else {
            bill.details_loading = true;
            effects.push(Effect::PollOrder(bill.order_id.clone()));
        }
        Some((bill, effects))
    }

    /// What the activation flow starts from once the followed order completed: its CA ids and the
    /// period bought. `None` until then.
    pub fn completed_activation_start(&self) -> Option<&ActivationStart> {
        match self.follow.as_ref()?.state {
            FollowState::Completed(ref start) => Some(start),
            _ => None,
        }
    }

    /// Pay, cancel, copy, leave and "back to the order": the billing keys of the result, tracking and
    /// failure screens.
    fn on_action(&mut self, shell: &mut Shell<'_>, action: Action, effects: &mut Vec<Effect>) {
        let step = self.step;
        let on_order_screen = matches!(step, BillStep::Result | BillStep::Tracking);
        match action {
            Action::Pay if on_order_screen && self.may_act(shell.session) => {
                *shell.overlay = Some(Overlay::Confirm(Pending::Pay {
                    order_id: self.order_id.clone(),
                    amount: self.amount.clone(),
                }));
            }
            Action::CancelOrder if on_order_screen && self.may_act(shell.session) => {
                *shell.overlay = Some(Overlay::Confirm(Pending::Cancel {
                    order_id: self.order_id.clone(),
                }));
            }
            Action::BackToOrder if step == BillStep::ActFailed => {
                let unknown = matches!(shell.session.last_act(), Some((_, Outcome::Unknown(_))));
                if unknown && self.follow.as_ref().is_none_or(|f| !f.waiting()) {
                    // Only the order's status can say whether it happened: follow it.
                    self.follow = Some(Follow::start(shell.poll_schedule));
                }
                self.step = if unknown {
                    BillStep::Tracking
                } else {
                    self.back_to
                };
            }
            Action::Copy if on_order_screen => {
                effects.push(Effect::Copy(self.order_id.clone()));
                *shell.notice = Some(super::Notice::Copied);
            }
            // The order's CA ids, one a line, as the screen lists them.
            Action::CopyCa if on_order_screen && !self.ca_ids.is_empty() => {
                effects.push(Effect::Copy(self.ca_ids.join("\n")));
                *shell.notice = Some(super::Notice::CopiedCas);
            }
            // Nothing is in flight on the order's screens: "My CAs" may take over.
            Action::MyCas if on_order_screen => shell.handoff = Some(Handoff::Manage),
            Action::ActivateCas if step == BillStep::Tracking => {
                // Money to a working CA in one sitting: the flow starts from the order's CAs and period.
                if let Some(start) = self.completed_activation_start().cloned() {
                    shell.handoff = Some(Handoff::Activation(start));
                }
            }
            Action::Leave
                if matches!(
                    step,
                    BillStep::Result | BillStep::Tracking | BillStep::ActFailed
                ) =>
            {
                // The wizard puts the session's code in place of this one.
                effects.push(Effect::Quit(exit::CANCELLED));
            }
            _ => {}
        }
    }

    /// A pay or cancel came back: done moves on to following the order (or its cancellation),
    /// anything else shows the outcome with what to do.
    fn on_acted(&mut self, shell: &mut Shell<'_>, answer: ActAnswer, effects: &mut Vec<Effect>) {
        if self.order_id != answer.order_id {
            return;
        }
        if self.act_in_flight != Some(answer.kind) {
            return;
        }
        self.act_in_flight = None;
        let session = &mut *shell.session;
        session.note_sent(answer.outcome.exit_code());
        session.acts.push((answer.kind, answer.outcome.clone()));
        self.step = match (&answer.outcome, answer.kind) {
            (Outcome::Done(()), ActionKind::Pay) => {
                session.order_status = None;
                self.follow = Some(Follow::start(shell.poll_schedule));
                BillStep::Tracking
            }
            (Outcome::Done(()), ActionKind::Cancel) => {
                session.order_status = Some(OrderStatus::Cancelled);
                self.follow = Some(Follow::ended(FollowState::Ended(OrderStatus::Cancelled)));
                BillStep::Tracking
            }
            _ => BillStep::ActFailed,
        };
        if let Some(why) = answer.journal_warning {
            super::note_journal_warning(
                &mut shell.session.journal_warnings,
                shell.journal_warning,
                &why,
            );
        }
        if *shell.overlay == Some(Overlay::ConfirmQuit) {
            *shell.overlay = None;
        }
        if shell.input_closed {
            effects.push(Effect::Quit(exit::CANCELLED));
        }
    }

    /// A read of the order came back: the amount for the result screen, and the status for tracking
    /// (which ends on completed or any other final status). A failed read is kept to show; polling
    /// goes on.
    fn on_polled(&mut self, session: &mut Session, polled: Polled) {
        if self.order_id != polled.order_id {
            return;
        }
        let status = &mut session.order_status;
        self.details_loading = false;
        let follow = self.follow.as_mut().filter(|f| f.waiting());
        match polled.result {
            Ok((details, resources)) => {
                // The latest read of the order is what a pay charges now.
                if let Some(amount) = money_of(&details) {
                    self.amount = Some(amount);
                }
                let Some(follow) = follow else {
                    if self.follow.is_none() {
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
                        let ca_ids = if self.ca_ids.is_empty() {
                            resources.into_iter().map(|r| r.resource_id).collect()
                        } else {
                            self.ca_ids.clone()
                        };
                        follow.state = FollowState::Completed(ActivationStart {
                            ca_ids,
                            period: Some(self.period),
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

    /// Time passed: the pay or cancel's clock, and tracking's schedule (a read when it is due, the end
    /// at the time limit).
    fn on_tick(&mut self, schedule: PollSchedule, dt: Duration, effects: &mut Vec<Effect>) {
        if self.act_in_flight.is_some() {
            self.act_elapsed = self.act_elapsed.saturating_add(dt);
            return;
        }
        let order_id = self.order_id.clone();
        let Some(follow) = self.follow.as_mut().filter(|f| f.waiting()) else {
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
}

impl Flow for Bill {
    type Msg = BillMsg;

    fn action(action: Action) -> BillMsg {
        BillMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<BillMsg> {
        match msg {
            Msg::Action(action) => Some(BillMsg::Action(action)),
            Msg::Tick(dt) => Some(BillMsg::Tick(dt)),
            Msg::Polled(polled) => Some(BillMsg::Polled(polled)),
            Msg::Acted(answer) => Some(BillMsg::Acted(answer)),
            _ => None,
        }
    }

    /// The pay and cancel keys only while the order may still be paid or cancelled.
    fn context(&self, session: &Session) -> Context {
        let may_act = self.may_act(session);
        match self.step {
            BillStep::Result if may_act => Context::ResultUnpaid,
            BillStep::Tracking if may_act => Context::TrackingPayable,
            BillStep::Tracking if self.completed_activation_start().is_some() => {
                Context::TrackingCompleted
            }
            BillStep::Tracking => Context::Tracking,
            BillStep::Acting => Context::Acting,
            BillStep::ActFailed => Context::ActFailed,
            BillStep::Result => Context::Result,
        }
    }

    /// Billing's first read (the amount) is asked by the order's handoff ([`Bill::for_created_order`]).
    fn start(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    fn update(&mut self, shell: &mut Shell<'_>, msg: BillMsg) -> Vec<Effect> {
        let mut effects = Vec::new();
        match msg {
            BillMsg::Action(action) => self.on_action(shell, action, &mut effects),
            BillMsg::Tick(dt) => self.on_tick(shell.poll_schedule, dt, &mut effects),
            BillMsg::Polled(polled) => self.on_polled(shell.session, *polled),
            BillMsg::Acted(answer) => self.on_acted(shell, *answer, &mut effects),
        }
        effects
    }

    /// Sends the confirmed pay or cancel exactly as the question named it: only from the order's
    /// screens, only once, only while it is still allowed.
    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect> {
        let step = self.step;
        if !matches!(step, BillStep::Result | BillStep::Tracking) {
            return Vec::new();
        }
        let (kind, order_id) = match pending {
            Pending::Pay { order_id, .. } => (ActionKind::Pay, order_id),
            Pending::Cancel { order_id } => (ActionKind::Cancel, order_id),
            Pending::Order { .. }
            | Pending::Activate { .. }
            | Pending::Lifecycle { .. }
            | Pending::SaveSubject { .. } => {
                return Vec::new();
            }
        };
        if order_id != self.order_id || !self.may_act(shell.session) {
            return Vec::new();
        }
        self.act_in_flight = Some(kind);
        self.act_elapsed = Duration::ZERO;
        self.back_to = step;
        self.step = BillStep::Acting;
        *shell.journal_warning = None;
        vec![match kind {
            ActionKind::Pay => Effect::Pay(order_id),
            ActionKind::Cancel => Effect::Cancel(order_id),
        }]
    }

    fn request_in_flight(&self) -> bool {
        self.act_in_flight.is_some()
    }

    /// A pay or cancel in flight, the amount being read, or an order being followed.
    fn wants_ticks(&self) -> bool {
        self.act_in_flight.is_some()
            || self.details_loading
            || self.follow.as_ref().is_some_and(Follow::waiting)
    }
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
        self.bill()?.completed_activation_start()
    }
}

//! The paid-life actions of "My CAs" (issue 20): auto-renew on/off and unsubscribe, on the highlighted
//! or shown CA. Each is one state-changing request with the order's rules: the question goes into the
//! wizard's one overlay as [`Pending::Lifecycle`] holding exactly what `y` (or, for ending the CA, the
//! typed common name or id) sends; the runtime sends it once, journaled, never retried
//! ([`LifeEffect::Send`]); its answer ([`LifeMsg::Sent`]) shows one of the four outcomes, and its exit
//! code goes on the session's record (`Session::lifecycle_codes`), which decides the wizard's code.
//! A renewal paid at once is then followed on its outcome screen ([`RenewFollow`]: reads only) until
//! its order completed, and the CA's new paid-until is read.
//!
//! Kept apart from `manage.rs` (the list, the filter, the detail): the only things this adds to the
//! list flow are the field `ManageFlow::life` and the message variant `ManageMsg::Life`. This file
//! holds the types and pure rules; how the flow applies them is `manage_life.rs`.

use std::time::Duration;

use time::OffsetDateTime;

use crate::api::{CallError, Outcome};
use crate::billing::lifecycle::{AutoRenew, RefundLine, Unsubscribe, UnsubscribeAnswer};
use crate::billing::renew::{RenewRate, RenewRequest, RenewUnit, Renewed, ResourceFailure};
use crate::billing::{Amount, OrderStatus, WaitVerdict};
use crate::tui::keymap::{Action, Context};

use super::{Load, PollSchedule};

/// Longest answer the typed confirmation keeps: far past any common name (64) or id (36).
pub const MAX_TYPED_CHARS: usize = 128;

/// One paid-life request, exactly as the question shows it and `y` sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifeRequest {
    /// Switch auto-renew on (BSS's defaults: no times, no period given) or off.
    AutoRenew {
        /// The CA (its BSS resource id).
        ca_id: String,
        /// Its common name, for the question.
        common_name: Option<String>,
        /// On or off.
        switch: AutoRenew,
    },
    /// End the CA, or only its renewals not yet started.
    Unsubscribe {
        /// The CA (its BSS resource id).
        ca_id: String,
        /// Its common name: what the typed confirmation asks for.
        common_name: Option<String>,
        /// What ends.
        what: Unsubscribe,
    },
    /// Renew the CA by a period, at the price read just before (the question names it).
    Renew {
        /// Its common name, for the question.
        common_name: Option<String>,
        /// The CA (its one resource id) and the period.
        req: RenewRequest,
        /// `is_auto_pay`: paid at once from the account balance.
        auto_pay: bool,
        /// The price read for it (the question's amount).
        amount: Amount,
        /// The price's currency.
        currency: String,
    },
}

impl LifeRequest {
    /// This request and its answer as the session's plain record (for the exit summary); `None` when
    /// they are of different kinds (never: the flow pairs them).
    pub fn record(&self, answer: &LifeAnswer) -> Option<super::session::LifeRecord> {
        use super::session::{LifeRecord, LifeWhat};
        let (what, outcome) = match (self, answer) {
            (LifeRequest::Renew { auto_pay, .. }, LifeAnswer::Renewed(o)) => (
                LifeWhat::Renew { paid: *auto_pay },
                o.clone().map(|r| r.order_ids),
            ),
            (LifeRequest::AutoRenew { switch, .. }, LifeAnswer::Switched(o)) => {
                let what = if switch.is_on() {
                    LifeWhat::AutoRenewOn
                } else {
                    LifeWhat::AutoRenewOff
                };
                (what, o.clone().map(|()| Vec::new()))
            }
            (LifeRequest::Unsubscribe { what, .. }, LifeAnswer::Unsubscribed(o)) => {
                let what = if *what == Unsubscribe::Ca {
                    LifeWhat::UnsubscribeCa
                } else {
                    LifeWhat::UnsubscribeRenewals
                };
                (what, o.clone().map(|a| a.order_ids))
            }
            _ => return None,
        };
        let common_name = match self {
            LifeRequest::Renew { common_name, .. }
            | LifeRequest::AutoRenew { common_name, .. }
            | LifeRequest::Unsubscribe { common_name, .. } => common_name.clone(),
        };
        Some(LifeRecord {
            what,
            ca_id: self.ca_id().to_string(),
            common_name,
            outcome,
        })
    }

    /// The CA the request is about.
    pub fn ca_id(&self) -> &str {
        match self {
            LifeRequest::AutoRenew { ca_id, .. } | LifeRequest::Unsubscribe { ca_id, .. } => ca_id,
            LifeRequest::Renew { req, .. } => req.resource_ids.first().map_or("", String::as_str),
        }
    }

    /// Whether `y` alone may not send it: ending the CA needs its common name (or id) typed.
    pub fn needs_typing(&self) -> bool {
        matches!(
            self,
            LifeRequest::Unsubscribe {
                what: Unsubscribe::Ca,
                ..
            }
        )
    }

    /// Whether `typed` allows sending it: always for a request that needs no typing, else only the
    /// CA's common name or id ([`crate::billing::lifecycle::typed_confirms`]).
    pub fn confirmed_by(&self, typed: &str) -> bool {
        match self {
            LifeRequest::Unsubscribe {
                ca_id,
                common_name,
                what: Unsubscribe::Ca,
            } => crate::billing::lifecycle::typed_confirms(typed, common_name.as_deref(), ca_id),
            _ => true,
        }
    }
}

/// What came back for a sent request: one of the four outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifeAnswer {
    /// An auto-renew switch (done: 204).
    Switched(Outcome<()>),
    /// An unsubscribe (done: the unsubscribe orders, and any per-resource failure).
    Unsubscribed(Outcome<UnsubscribeAnswer>),
    /// A renewal (done: the renewal order, or the CA BSS did not renew).
    Renewed(Outcome<Renewed>),
}

impl LifeAnswer {
    /// The exit code this outcome gives the session, as the order's does.
    pub fn exit_code(&self) -> i32 {
        match self {
            LifeAnswer::Switched(o) => o.exit_code(),
            LifeAnswer::Unsubscribed(o) => o.exit_code(),
            // As the CLI's `renew`: accepted but no renewal order is a refusal (nothing renewed).
            LifeAnswer::Renewed(Outcome::Done(r)) if r.order_ids.is_empty() => {
                crate::exit::REJECTED
            }
            LifeAnswer::Renewed(o) => o.exit_code(),
        }
    }

    /// Whether it happened.
    pub fn done(&self) -> bool {
        matches!(
            self,
            LifeAnswer::Switched(Outcome::Done(_))
                | LifeAnswer::Unsubscribed(Outcome::Done(_))
                | LifeAnswer::Renewed(Outcome::Done(_))
        )
    }
}

/// The runtime's answers for this part of the flow.
#[derive(Debug, Clone)]
pub enum LifeMsg {
    /// The request's outcome, and why it is not in the journal if it is not.
    Sent {
        /// The outcome.
        answer: LifeAnswer,
        /// The journal's warning, if the outcome line could not be written.
        journal_warning: Option<String>,
    },
    /// The refund breakdown of the unsubscribe order (a read: its failure is a quiet line).
    Refunds(Result<Refunds, CallError>),
    /// The renewal price (a read: its failure, or the CA's, is worded and nothing is asked).
    Rated(Result<RenewRate, CallError>),
    /// Time passed (sent only while a renewal order is followed, or a request is in flight).
    Tick(Duration),
    /// A read of a followed renewal order's status (a read: a failure is shown, nothing is re-sent).
    OrderRead {
        /// The order read (the tag: an answer for an order no longer followed is dropped).
        order_id: String,
        /// Its status, or why it could not be read.
        result: Result<OrderStatus, CallError>,
    },
}

/// An unsubscribe order's refund breakdown and the currency its amounts are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refunds {
    /// The order it is for.
    pub order_id: String,
    /// Its lines (negative = refunded).
    pub lines: Vec<RefundLine>,
    /// The website's currency (refund lines never say).
    pub currency: String,
}

/// What this part of the flow asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifeEffect {
    /// Send this request once, journaled, never retried; answer with [`LifeMsg::Sent`].
    Send(LifeRequest),
    /// Read the refund breakdown of this unsubscribe order; answer with [`LifeMsg::Refunds`].
    Refunds(String),
    /// Read the renewal price of this request; answer with [`LifeMsg::Rated`].
    RenewRate(RenewRequest),
    /// Read this renewal order's status once (BSS's order details, as `status --wait` does); answer
    /// with [`LifeMsg::OrderRead`]. A read: safe to repeat.
    ReadOrder(String),
}

/// A renewal being chosen: the CA, the period, and whether it is paid at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewPlan {
    /// The CA (its BSS resource id).
    pub ca_id: String,
    /// Its common name.
    pub common_name: Option<String>,
    /// Month or year.
    pub unit: RenewUnit,
    /// How many, always within the unit's range (`billing::renew`).
    pub count: u64,
    /// Pay at once from the account balance (`is_auto_pay`).
    pub auto_pay: bool,
}

impl RenewPlan {
    /// The plan a renew key opens: one year, not paid at once (ours: the CLI's `renew` defaults).
    pub fn new(ca_id: String, common_name: Option<String>) -> Self {
        RenewPlan {
            ca_id,
            common_name,
            unit: RenewUnit::Year,
            count: 1,
            auto_pay: false,
        }
    }

    /// A key on the period choice: ←→ switch the unit (the count kept within its range), ↑↓ change the
    /// count within it (stopping at both ends), Space flips pay-now. Returns whether the key was one.
    pub fn key(&mut self, action: Action) -> bool {
        let (min, max) = self.unit.range();
        match action {
            Action::ValueLeft | Action::ValueRight => {
                self.unit = match self.unit {
                    RenewUnit::Month => RenewUnit::Year,
                    RenewUnit::Year => RenewUnit::Month,
                };
                let (min, max) = self.unit.range();
                self.count = self.count.clamp(min, max);
            }
            Action::Up if self.count < max => self.count += 1,
            Action::Down if self.count > min => self.count -= 1,
            Action::Toggle => self.auto_pay = !self.auto_pay,
            Action::Up | Action::Down => {}
            _ => return false,
        }
        true
    }

    /// The checked request: the CA, the period (the same rules as the CLI's `renew`).
    pub fn request(&self) -> Option<RenewRequest> {
        crate::billing::renew::check(
            std::slice::from_ref(&self.ca_id),
            self.unit,
            &self.count.to_string(),
        )
        .ok()
    }
}

/// What a renewal price read means for the CA: the question to ask (its amount), or why nothing is.
pub fn renew_verdict(plan: &RenewPlan, req: RenewRequest, rate: &RenewRate) -> RenewVerdict {
    if rate.renewable(&req.resource_ids).is_empty() {
        let failures: Vec<ResourceFailure> = rate
            .failures
            .iter()
            .filter(|f| f.resource_id.eq_ignore_ascii_case(&plan.ca_id))
            .cloned()
            .collect();
        return RenewVerdict::Refused(failures);
    }
    let amount = rate
        .per_ca
        .iter()
        .filter(|(id, _)| id.eq_ignore_ascii_case(&plan.ca_id))
        .fold(Amount::ZERO, |s, (_, a)| s.plus(a));
    RenewVerdict::Ask(LifeRequest::Renew {
        common_name: plan.common_name.clone(),
        req,
        auto_pay: plan.auto_pay,
        amount,
        currency: rate.currency.clone(),
    })
}

/// What a renewal price read leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenewVerdict {
    /// Ask this (the one question).
    Ask(LifeRequest),
    /// BSS will not renew the CA (its failures, possibly none named): nothing to ask.
    Refused(Vec<ResourceFailure>),
}

/// The screen of a paid-life action, over the list while it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifeScreen {
    /// Unsubscribe: choose what ends (↑↓), Enter asks.
    Choose {
        /// The CA.
        ca_id: String,
        /// Its common name.
        common_name: Option<String>,
        /// What is chosen now.
        what: Unsubscribe,
    },
    /// Renew: the period (←→ unit, ↑↓ count) and pay-now (Space); Enter reads the price.
    RenewChoose(RenewPlan),
    /// Renew: the price is being read.
    RenewRating(RenewPlan),
    /// Renew: the price read failed, or BSS will not renew the CA; nothing was sent.
    RenewRefused {
        /// What was chosen.
        plan: RenewPlan,
        /// The CA's failures at the price (possibly empty), or the read's error.
        why: Result<Vec<ResourceFailure>, CallError>,
    },
    /// The request is in flight.
    Sending(LifeRequest),
    /// The request's outcome (and, after an unsubscribe, its refund breakdown).
    Outcome {
        /// What was sent.
        request: LifeRequest,
        /// What came of it (boxed: far larger than the other screens).
        answer: Box<LifeAnswer>,
        /// Why its outcome is not in the journal, if it is not.
        journal_warning: Option<String>,
        /// The refund breakdown: asked for after a done unsubscribe with an order id.
        refunds: Option<Load<Refunds>>,
        /// The renewal order(s) followed: after a done renewal paid at once that named its orders.
        follow: Option<RenewFollow>,
    },
}

/// The paid-life part of "My CAs": the screen over the list, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Life {
    /// The action's screen; `None` shows the list (or the detail) below.
    pub screen: Option<LifeScreen>,
}

impl Life {
    /// The keymap context of the action's screen, when one is up.
    pub fn context(&self) -> Option<Context> {
        Some(match self.screen.as_ref()? {
            LifeScreen::Choose { .. } => Context::ManageUnsubscribeChoose,
            LifeScreen::RenewChoose(_) => Context::ManageRenewChoose,
            LifeScreen::RenewRating(_) => Context::ManageLoading,
            LifeScreen::RenewRefused { .. } => Context::ManageOutcome,
            LifeScreen::Sending(_) => Context::ManageSending,
            LifeScreen::Outcome { .. } => Context::ManageOutcome,
        })
    }

    /// Whether a request is in flight.
    pub fn in_flight(&self) -> bool {
        matches!(self.screen, Some(LifeScreen::Sending(_)))
    }

    /// Whether a renewal order is being followed on the outcome screen (the clock runs for it).
    pub fn following(&self) -> bool {
        matches!(
            &self.screen,
            Some(LifeScreen::Outcome { follow: Some(f), .. }) if f.waiting()
        )
    }
}

// ---- following a renewal paid at once --------------------------------------------------------------
//
// A renewal sent with `is_auto_pay` answers with its renewal order(s) while BSS is still processing them,
// so the CA's paid-until has not moved yet. The outcome screen follows each order with the purchase's
// own rules: the same read (order details), the same status verdict (`OrderStatus::verdict`, as
// `status --wait` and the tracking screen), the same schedule and limit (`PollSchedule`), and, once an
// order completed and none is left to wait for, the CA's subscription read again. Reads only: nothing is
// ever sent again, and the session's exit code is not changed by what they find.

/// Where one followed renewal order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderFollowState {
    /// Not settled yet (pending payment, processing, pending refund), or not read yet.
    Waiting,
    /// Completed (5): the renewal took effect.
    Completed,
    /// Ended in another final status (cancelled, pending approval, ...): it will not complete.
    Ended(OrderStatus),
    /// BSS refused to read it (4xx): following stops; the renewal stands.
    Unreadable(CallError),
    /// The follow's time limit passed first; the order goes on without us.
    TimedOut,
}

/// One renewal order being followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFollow {
    /// The renewal order (`CS…`).
    pub order_id: String,
    /// Where it stands.
    pub state: OrderFollowState,
    /// The last status read, if any.
    pub last: Option<OrderStatus>,
    /// A read is on its way (never two at once for one order).
    pub polling: bool,
    /// The last read failed in a way worth trying again (a 5xx, the network): shown, polling goes on.
    pub poll_error: Option<CallError>,
}

/// Following the renewal order(s) of a renewal paid at once, on its outcome screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewFollow {
    /// Each renewal order, as the renew answer named them.
    pub orders: Vec<OrderFollow>,
    /// Time since following started (from ticks).
    pub elapsed: Duration,
    /// Time left before the next read.
    pub until_poll: Duration,
    /// The CA's paid-until as the list showed it before the renewal (the "was" beside the new date).
    pub was: Option<OffsetDateTime>,
    /// The CA's subscription was asked for again after an order completed (once per follow).
    pub read_back: bool,
}

impl RenewFollow {
    /// Starts following these orders: the first read after the schedule's first wait.
    pub fn start(
        order_ids: &[String],
        was: Option<OffsetDateTime>,
        schedule: PollSchedule,
    ) -> Self {
        RenewFollow {
            orders: order_ids
                .iter()
                .map(|id| OrderFollow {
                    order_id: id.clone(),
                    state: OrderFollowState::Waiting,
                    last: None,
                    polling: false,
                    poll_error: None,
                })
                .collect(),
            elapsed: Duration::ZERO,
            until_poll: schedule.first,
            was,
            read_back: false,
        }
    }

    /// Whether any order is still followed.
    pub fn waiting(&self) -> bool {
        self.orders
            .iter()
            .any(|o| o.state == OrderFollowState::Waiting)
    }

    /// Time passed: the orders to read now (when the next read is due), none once the time limit has
    /// passed (each order not being read then stops, timed out).
    pub fn tick(&mut self, schedule: PollSchedule, dt: Duration) -> Vec<String> {
        if !self.waiting() {
            return Vec::new();
        }
        self.elapsed = self.elapsed.saturating_add(dt);
        let idle = |o: &OrderFollow| o.state == OrderFollowState::Waiting && !o.polling;
        if self.elapsed >= schedule.limit {
            for o in self.orders.iter_mut().filter(|o| idle(o)) {
                o.state = OrderFollowState::TimedOut;
            }
            return Vec::new();
        }
        self.until_poll = self.until_poll.saturating_sub(dt);
        if !self.until_poll.is_zero() {
            return Vec::new();
        }
        self.until_poll = schedule.every;
        self.orders
            .iter_mut()
            .filter(|o| idle(o))
            .map(|o| {
                o.polling = true;
                o.order_id.clone()
            })
            .collect()
    }

    /// A read came back: its status decides (completed, ended, or keep waiting); a refusal ends that
    /// order's follow, any other failure is shown and the next read goes on. Returns whether it was
    /// taken: an answer for an order not followed, or not being read, is dropped.
    pub fn on_read(&mut self, order_id: &str, result: Result<OrderStatus, CallError>) -> bool {
        let Some(o) = self
            .orders
            .iter_mut()
            .find(|o| o.order_id == order_id && o.polling && o.state == OrderFollowState::Waiting)
        else {
            return false;
        };
        o.polling = false;
        match result {
            Ok(status) => {
                o.last = Some(status);
                o.poll_error = None;
                o.state = match status.verdict() {
                    WaitVerdict::KeepWaiting => OrderFollowState::Waiting,
                    WaitVerdict::Done => OrderFollowState::Completed,
                    WaitVerdict::Failed => OrderFollowState::Ended(status),
                };
            }
            Err(e) if e.ends_a_follow() => o.state = OrderFollowState::Unreadable(e),
            Err(e) => o.poll_error = Some(e),
        }
        true
    }

    /// Whether the CA's subscription is to be read again now: once, when no order is left to wait for
    /// and at least one completed (only then can the paid-until have moved).
    pub fn take_read_back(&mut self) -> bool {
        let completed = self
            .orders
            .iter()
            .any(|o| o.state == OrderFollowState::Completed);
        if self.read_back || self.waiting() || !completed {
            return false;
        }
        self.read_back = true;
        true
    }
}

/// A key on the typed question (ending a CA): characters and edits go into the answer and the
/// question stays; Enter sends only when the answer is the CA's common name or id, else it closes with
/// "nothing sent"; Esc closes. Returns the overlay to keep up (if any) and whether to send.
pub fn typed_key(request: &LifeRequest, typed: &mut String, action: Action) -> TypedVerdict {
    use tui_input::InputRequest as R;
    match action {
        Action::Insert(c) => {
            if !crate::sanitize::hidden(c) && typed.chars().count() < MAX_TYPED_CHARS {
                typed.push(c);
            }
            TypedVerdict::Keep
        }
        Action::Edit(R::DeletePrevChar) => {
            typed.pop();
            TypedVerdict::Keep
        }
        Action::Edit(R::DeleteLine | R::DeletePrevWord) => {
            typed.clear();
            TypedVerdict::Keep
        }
        Action::Edit(_) => TypedVerdict::Keep,
        Action::Confirm if request.confirmed_by(typed) => TypedVerdict::Send,
        Action::Confirm => TypedVerdict::Mismatch,
        _ => TypedVerdict::Close,
    }
}

/// What a key on the typed question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedVerdict {
    /// The question stays up (the answer was edited).
    Keep,
    /// The answer confirms: send.
    Send,
    /// Enter on a wrong answer: close, nothing sent, and say so.
    Mismatch,
    /// Esc (or any other key): close, nothing sent.
    Close,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";

    fn end_ca() -> LifeRequest {
        LifeRequest::Unsubscribe {
            ca_id: ID.into(),
            common_name: Some("Example Root".into()),
            what: Unsubscribe::Ca,
        }
    }

    #[test]
    fn each_request_and_its_answer_make_the_sessions_record() {
        use super::super::session::{LifeRecord, LifeWhat};
        let unsubscribed = |ids: &[&str]| {
            LifeAnswer::Unsubscribed(Outcome::Done(UnsubscribeAnswer {
                order_ids: ids.iter().map(|s| s.to_string()).collect(),
                failures: Vec::new(),
            }))
        };
        assert_eq!(
            end_ca().record(&unsubscribed(&["CS1"])),
            Some(LifeRecord {
                what: LifeWhat::UnsubscribeCa,
                ca_id: ID.into(),
                common_name: Some("Example Root".into()),
                outcome: Outcome::Done(vec!["CS1".into()]),
            })
        );
        let renewals = LifeRequest::Unsubscribe {
            ca_id: ID.into(),
            common_name: None,
            what: Unsubscribe::Renewals,
        };
        let r = renewals.record(&unsubscribed(&[])).expect("a record");
        assert_eq!(r.what, LifeWhat::UnsubscribeRenewals);
        assert_eq!(r.common_name, None);
        for (switch, what) in [
            (
                AutoRenew::On {
                    times: None,
                    period: None,
                },
                LifeWhat::AutoRenewOn,
            ),
            (AutoRenew::Off, LifeWhat::AutoRenewOff),
        ] {
            let req = LifeRequest::AutoRenew {
                ca_id: ID.into(),
                common_name: None,
                switch,
            };
            let r = req
                .record(&LifeAnswer::Switched(Outcome::Done(())))
                .expect("a record");
            assert_eq!((r.what, r.outcome), (what, Outcome::Done(Vec::new())));
            // A request never meets another kind's answer; if it did, nothing is recorded.
            assert_eq!(req.record(&unsubscribed(&["CS1"])), None);
        }
    }

    #[test]
    fn only_ending_the_ca_needs_typing() {
        assert!(end_ca().needs_typing());
        let renewals = LifeRequest::Unsubscribe {
            ca_id: ID.into(),
            common_name: None,
            what: Unsubscribe::Renewals,
        };
        assert!(!renewals.needs_typing());
        assert!(renewals.confirmed_by(""));
        let switch = LifeRequest::AutoRenew {
            ca_id: ID.into(),
            common_name: None,
            switch: AutoRenew::Off,
        };
        assert!(!switch.needs_typing());
        assert!(switch.confirmed_by(""));
        assert_eq!(switch.ca_id(), ID);
    }

    #[test]
    fn the_typed_question_sends_only_the_name_or_id() {
        let req = end_ca();
        let mut typed = String::new();
        for c in "Example Roo".chars() {
            assert_eq!(
                typed_key(&req, &mut typed, Action::Insert(c)),
                TypedVerdict::Keep
            );
        }
        assert_eq!(
            typed_key(&req, &mut typed, Action::Confirm),
            TypedVerdict::Mismatch
        );
        typed_key(&req, &mut typed, Action::Insert('t'));
        assert_eq!(
            typed_key(&req, &mut typed, Action::Confirm),
            TypedVerdict::Send
        );
        typed_key(
            &req,
            &mut typed,
            Action::Edit(tui_input::InputRequest::DeletePrevChar),
        );
        assert_eq!(typed, "Example Roo");
        typed_key(
            &req,
            &mut typed,
            Action::Edit(tui_input::InputRequest::DeleteLine),
        );
        assert_eq!(typed, "");
        // A cursor move keeps the question up and the answer as it is.
        typed.push('x');
        assert_eq!(
            typed_key(
                &req,
                &mut typed,
                Action::Edit(tui_input::InputRequest::GoToStart)
            ),
            TypedVerdict::Keep
        );
        assert_eq!(typed, "x");
        typed.clear();
        assert_eq!(
            typed_key(&req, &mut typed, Action::Decline),
            TypedVerdict::Close
        );
        // Hidden characters are not kept, nor more than the limit.
        typed_key(&req, &mut typed, Action::Insert('\u{202e}'));
        assert_eq!(typed, "");
        for _ in 0..MAX_TYPED_CHARS + 5 {
            typed_key(&req, &mut typed, Action::Insert('a'));
        }
        assert_eq!(typed.chars().count(), MAX_TYPED_CHARS);
    }

    #[test]
    fn the_renew_period_stays_within_both_units_limits_and_space_flips_pay_now() {
        use crate::billing::renew::RenewUnit;
        let mut p = RenewPlan::new(ID.into(), None);
        assert_eq!((p.unit, p.count, p.auto_pay), (RenewUnit::Year, 1, false));
        assert!(p.key(Action::Down));
        assert_eq!(p.count, 1, "not below 1");
        for want in [2, 3, 3] {
            p.key(Action::Up);
            assert_eq!(p.count, want);
        }
        // Months keep 3; up to 11 and no further.
        p.key(Action::ValueRight);
        assert_eq!((p.unit, p.count), (RenewUnit::Month, 3));
        for _ in 0..10 {
            p.key(Action::Up);
        }
        assert_eq!(p.count, 11);
        p.key(Action::Down);
        assert_eq!(p.count, 10);
        // Back to years: 10 months is clamped to 3 years.
        p.key(Action::ValueLeft);
        assert_eq!((p.unit, p.count), (RenewUnit::Year, 3));
        assert!(p.key(Action::Toggle));
        assert!(p.auto_pay);
        assert!(!p.key(Action::Next), "not a key of the choice");
        let req = p.request().expect("a checked request");
        assert_eq!(
            (req.resource_ids.clone(), req.period_num),
            (vec![ID.to_string()], 3)
        );
    }

    #[test]
    fn a_price_without_the_ca_asks_nothing_and_with_it_asks_its_amount() {
        use crate::billing::renew::RenewRate;
        let plan = RenewPlan::new(ID.into(), Some("Example Root".into()));
        let req = plan.request().expect("checked");
        let amount = Amount::parse("12.5").expect("amount");
        let mut rate = RenewRate {
            currency: "CNY".into(),
            per_ca: vec![(ID.to_ascii_uppercase(), amount)],
            amount,
            list: None,
            discount: None,
            failures: Vec::new(),
        };
        match renew_verdict(&plan, req.clone(), &rate) {
            RenewVerdict::Ask(LifeRequest::Renew {
                amount: a,
                auto_pay,
                currency,
                ..
            }) => {
                assert_eq!(a, amount);
                assert!(!auto_pay);
                assert_eq!(currency, "CNY");
            }
            other => panic!("{other:?}"),
        }
        let failure = ResourceFailure {
            resource_id: ID.into(),
            error_code: crate::billing::renew::NOT_RENEWABLE.into(),
            error_msg: "no".into(),
        };
        let other = ResourceFailure {
            resource_id: "another".into(),
            ..failure.clone()
        };
        rate.failures = vec![failure.clone(), other];
        assert_eq!(
            renew_verdict(&plan, req, &rate),
            RenewVerdict::Refused(vec![failure])
        );
    }

    #[test]
    fn a_renewal_accepted_without_an_order_is_a_refusal() {
        use crate::billing::renew::Renewed;
        let none = LifeAnswer::Renewed(Outcome::Done(Renewed {
            order_ids: Vec::new(),
            failures: Vec::new(),
        }));
        assert_eq!(none.exit_code(), crate::exit::REJECTED);
        assert!(none.done());
        let one = LifeAnswer::Renewed(Outcome::Done(Renewed {
            order_ids: vec!["CS1".into()],
            failures: Vec::new(),
        }));
        assert_eq!(one.exit_code(), 0);
    }

    #[test]
    fn answers_give_the_orders_exit_codes() {
        assert!(LifeAnswer::Switched(Outcome::Done(())).done());
        assert_eq!(LifeAnswer::Switched(Outcome::Done(())).exit_code(), 0);
        let unknown = LifeAnswer::Unsubscribed(Outcome::Unknown(crate::api::Reason::TaskFailed {
            detail: "x".into(),
        }));
        assert!(!unknown.done());
        assert_eq!(unknown.exit_code(), crate::exit::UNKNOWN);
    }

    // ---- following a renewal paid at once ----

    fn schedule() -> PollSchedule {
        PollSchedule {
            first: Duration::from_secs(5),
            every: Duration::from_secs(10),
            limit: Duration::from_secs(60),
        }
    }

    fn api(status: u16) -> CallError {
        CallError::Api(crate::api::ApiError {
            status,
            code: "CBC.0151".into(),
            message: "x".into(),
            request_id: Some("req-1".into()),
        })
    }

    fn two() -> RenewFollow {
        RenewFollow::start(&["CS1".into(), "CS2".into()], None, schedule())
    }

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn the_follow_reads_first_after_the_first_wait_then_every_interval_never_twice_at_once() {
        let mut f = two();
        assert!(f.waiting());
        assert_eq!(f.until_poll, schedule().first);
        assert!(f.tick(schedule(), 4 * S).is_empty(), "not yet due");
        assert_eq!(f.tick(schedule(), S), ["CS1", "CS2"], "due at exactly 5 s");
        assert_eq!(f.until_poll, schedule().every);
        assert!(f.orders.iter().all(|o| o.polling));
        // CS1 answers, CS2 is still being read: only CS1 is read at the next due time.
        assert!(f.on_read("CS1", Ok(OrderStatus::Processing)));
        assert!(f.tick(schedule(), 9 * S).is_empty());
        assert_eq!(f.tick(schedule(), S), ["CS1"]);
        assert_eq!(f.elapsed, 15 * S);
    }

    #[test]
    fn the_follow_times_out_at_its_limit_not_before_and_not_an_order_being_read() {
        // Reads far apart, so the limit (60 s) comes between two of them.
        let slow = PollSchedule {
            every: Duration::from_secs(100),
            ..schedule()
        };
        let mut f = two();
        f.tick(slow, 5 * S);
        f.on_read("CS1", Ok(OrderStatus::PendingPayment));
        // Just under the limit the follow goes on.
        assert!(f.tick(slow, 54 * S).is_empty());
        assert_eq!(f.orders[0].state, OrderFollowState::Waiting);
        // At the limit: CS1 (idle) stops; CS2 (a read on its way) waits for its answer.
        assert!(f.tick(slow, S).is_empty());
        assert_eq!(f.orders[0].state, OrderFollowState::TimedOut);
        assert_eq!(f.orders[1].state, OrderFollowState::Waiting);
        assert!(f.waiting());
        f.on_read("CS2", Ok(OrderStatus::Processing));
        assert!(f.tick(slow, S).is_empty());
        assert_eq!(f.orders[1].state, OrderFollowState::TimedOut);
        assert!(!f.waiting());
        // Nothing moves once nothing is followed.
        let elapsed = f.elapsed;
        assert!(f.tick(slow, 100 * S).is_empty());
        assert_eq!(f.elapsed, elapsed);
    }

    #[test]
    fn each_status_reads_as_the_wait_reads_it() {
        use OrderFollowState as F;
        for (status, want) in [
            (OrderStatus::Processing, F::Waiting),
            (OrderStatus::PendingPayment, F::Waiting),
            (OrderStatus::PendingRefund, F::Waiting),
            (OrderStatus::Completed, F::Completed),
            (OrderStatus::Cancelled, F::Ended(OrderStatus::Cancelled)),
            (
                OrderStatus::PendingApproval,
                F::Ended(OrderStatus::PendingApproval),
            ),
            (OrderStatus::Other(10), F::Ended(OrderStatus::Other(10))),
        ] {
            let mut f = two();
            f.tick(schedule(), 5 * S);
            f.orders[0].poll_error = Some(api(503));
            assert!(f.on_read("CS1", Ok(status)));
            assert_eq!(f.orders[0].state, want, "{status:?}");
            assert_eq!(f.orders[0].last, Some(status));
            assert_eq!(
                f.orders[0].poll_error, None,
                "a read that worked clears the error"
            );
            assert!(!f.orders[0].polling);
        }
    }

    #[test]
    fn a_refused_read_ends_the_follow_and_any_other_failure_is_shown_and_read_again() {
        assert!(api(400).ends_a_follow());
        assert!(api(499).ends_a_follow());
        assert!(!api(500).ends_a_follow());
        assert!(!CallError::Network("cut".into()).ends_a_follow());
        let mut f = two();
        f.tick(schedule(), 5 * S);
        f.on_read("CS1", Err(api(403)));
        assert_eq!(f.orders[0].state, OrderFollowState::Unreadable(api(403)));
        f.on_read("CS2", Err(api(503)));
        assert_eq!(f.orders[1].state, OrderFollowState::Waiting);
        assert_eq!(f.orders[1].poll_error, Some(api(503)));
        assert_eq!(f.tick(schedule(), 10 * S), ["CS2"], "read again");
    }

    #[test]
    fn an_answer_for_no_read_on_its_way_is_dropped() {
        let mut f = two();
        // Not being read (no tick yet), another order, or already settled.
        assert!(!f.on_read("CS1", Ok(OrderStatus::Completed)));
        f.tick(schedule(), 5 * S);
        assert!(!f.on_read("CS9", Ok(OrderStatus::Completed)));
        assert!(f.on_read("CS1", Ok(OrderStatus::Completed)));
        assert!(!f.on_read("CS1", Ok(OrderStatus::Cancelled)));
        assert_eq!(f.orders[0].state, OrderFollowState::Completed);
        assert_eq!(f.orders[1].state, OrderFollowState::Waiting);
    }

    #[test]
    fn the_ca_is_read_again_once_when_nothing_waits_and_an_order_completed() {
        let mut f = two();
        f.tick(schedule(), 5 * S);
        f.on_read("CS1", Ok(OrderStatus::Completed));
        assert!(!f.take_read_back(), "CS2 still followed");
        f.on_read("CS2", Ok(OrderStatus::Cancelled));
        assert!(f.take_read_back());
        assert!(f.read_back);
        assert!(!f.take_read_back(), "once");
        // None completed: nothing can have moved.
        let mut g = RenewFollow::start(&["CS1".into()], None, schedule());
        g.tick(schedule(), 5 * S);
        g.on_read("CS1", Ok(OrderStatus::Cancelled));
        assert!(!g.take_read_back());
    }

    #[test]
    fn only_an_outcome_with_a_waiting_follow_is_following() {
        let request = LifeRequest::AutoRenew {
            ca_id: ID.into(),
            common_name: None,
            switch: AutoRenew::Off,
        };
        let outcome = |follow| Life {
            screen: Some(LifeScreen::Outcome {
                request: request.clone(),
                answer: Box::new(LifeAnswer::Switched(Outcome::Done(()))),
                journal_warning: None,
                refunds: None,
                follow,
            }),
        };
        assert!(!Life::default().following());
        assert!(!outcome(None).following());
        let mut f = RenewFollow::start(&["CS1".into()], None, schedule());
        assert!(outcome(Some(f.clone())).following());
        f.orders[0].state = OrderFollowState::Completed;
        assert!(!outcome(Some(f)).following());
    }
}

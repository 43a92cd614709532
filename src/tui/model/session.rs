//! What the session did, whichever flow is on screen: the order attempts, the pay and cancel attempts,
//! the order's status last read, and the journal warnings. The exit code and the summary printed after
//! the wizard ends are decided from this record, so a flow's state (the order form, billing) can be
//! swapped out for the next flow without losing an order id or an outcome.

use crate::api::Outcome;
use crate::billing::OrderStatus;
use crate::exit;
use crate::journal::ActionKind;
use crate::order::{ConsoleConfig, OrderRequest};

/// The session's record: written by the flows as things happen, read by the exit code and the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// Every order attempt of this session, oldest first (the exit summary lists them all).
    pub attempts: Vec<(OrderRequest, Outcome)>,
    /// Every pay and cancel attempt, oldest first.
    pub acts: Vec<(ActionKind, Outcome<()>)>,
    /// The created order's status as last read, if it was read.
    pub order_status: Option<OrderStatus>,
    /// Every journal warning of the order, pay and cancel, for the exit summary.
    pub journal_warnings: Vec<String>,
    /// The exit code of every state-changing request the session sent, whichever flow sent it (order,
    /// pay, cancel, activate, save-subject, auto-renew, unsubscribe), oldest first: one entry each,
    /// written when its answer arrives ([`Session::note_sent`]) and settled by the read that follows it
    /// ([`Session::settle`]). The wizard's exit code is [`combined`] over it.
    pub sent: Vec<i32>,
    /// The region's console configuration, once a flow read it: the region does not change in a
    /// session, so the next flow that needs it (activation after the order) takes it instead of
    /// reading it again.
    pub console: Option<ConsoleConfig>,
    /// Every paid-life action sent from "My CAs" (renew, auto-renew, unsubscribe), oldest first, as its
    /// answer arrived: the exit summary lists them, so a renewal order id is never only on a screen
    /// that is gone.
    pub life: Vec<LifeRecord>,
}

/// A paid-life action the session sent, as plain data for the exit summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifeRecord {
    /// What was asked.
    pub what: LifeWhat,
    /// The CA.
    pub ca_id: String,
    /// Its common name, when known.
    pub common_name: Option<String>,
    /// How it ended; done, with the orders it made (a renewal's, an unsubscribe's; none for auto-renew).
    pub outcome: Outcome<Vec<String>>,
}

/// The kinds of paid-life action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifeWhat {
    /// A renewal (paid at once or not).
    Renew {
        /// Paid at once from the account balance.
        paid: bool,
    },
    /// Auto-renew switched on.
    AutoRenewOn,
    /// Auto-renew switched off.
    AutoRenewOff,
    /// The CA ended.
    UnsubscribeCa,
    /// Only its renewals not yet started ended.
    UnsubscribeRenewals,
}

impl Session {
    /// Records a sent request's exit code as its answer arrives; returns its place, for [`Session::settle`].
    pub fn note_sent(&mut self, code: i32) -> usize {
        self.sent.push(code);
        self.sent.len() - 1
    }

    /// A read after the request settled what it did (an activation read back ACTIVED): its code changes
    /// in place, keeping its place among the others.
    pub fn settle(&mut self, place: usize, code: i32) {
        if let Some(c) = self.sent.get_mut(place) {
            *c = code;
        }
    }

    /// The session's exit code from what it sent ([`combined`]), `None` when it sent nothing.
    pub fn sent_code(&self) -> Option<i32> {
        combined(&self.sent)
    }

    /// The last pay or cancel attempt.
    pub fn last_act(&self) -> Option<&(ActionKind, Outcome<()>)> {
        self.acts.last()
    }

    /// An order attempt of this session may have bought CAs though it did not report an order id
    /// (outcome unknown, a 5xx answer included): the confirmation then warns before buying again.
    pub fn earlier_may_exist(&self) -> bool {
        self.attempts.iter().any(|(_, o)| super::may_exist(o))
    }
}

/// The one rule that turns a session's sent requests into its exit code (oldest first): the last one's,
/// but unknown (4) when an earlier one's was unknown and the last did not succeed — an unknown request
/// may have bought, paid or activated, so a later refusal (3) or failure to send (5) must not hide it.
/// `None` when nothing was sent.
pub fn combined(codes: &[i32]) -> Option<i32> {
    let (last, earlier) = codes.split_last()?;
    if *last != exit::ORDERED && earlier.contains(&exit::UNKNOWN) {
        Some(exit::UNKNOWN)
    } else {
        Some(*last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_code_decides_unless_an_earlier_one_was_unknown_and_the_last_failed() {
        assert_eq!(combined(&[]), None);
        assert_eq!(combined(&[3]), Some(3));
        assert_eq!(combined(&[4]), Some(4));
        assert_eq!(combined(&[4, 0]), Some(0));
        assert_eq!(combined(&[4, 3]), Some(4));
        assert_eq!(combined(&[4, 5, 5]), Some(4));
        assert_eq!(combined(&[3, 5]), Some(5));
        assert_eq!(combined(&[5, 3]), Some(3));
        assert_eq!(combined(&[0, 3]), Some(3));
        assert_eq!(combined(&[3, 0]), Some(0));
    }

    #[test]
    fn a_settled_code_keeps_its_place_and_a_place_never_given_changes_nothing() {
        let mut s = Session::default();
        let first = s.note_sent(4);
        s.note_sent(3);
        assert_eq!(s.sent_code(), Some(4));
        s.settle(first, 0);
        assert_eq!(s.sent, vec![0, 3]);
        assert_eq!(s.sent_code(), Some(3));
        s.settle(7, 4);
        assert_eq!(s.sent, vec![0, 3]);
    }
}

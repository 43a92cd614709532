//! What the session did, whichever flow is on screen: the order attempts, the pay and cancel attempts,
//! the order's status last read, and the journal warnings. The exit code and the summary printed after
//! the wizard ends are decided from this record, so a flow's state (the order form, billing) can be
//! swapped out for the next flow without losing an order id or an outcome.

use crate::api::Outcome;
use crate::billing::OrderStatus;
use crate::journal::ActionKind;
use crate::order::OrderRequest;

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
    /// The exit code of every auto-renew and unsubscribe sent from "My CAs", oldest first.
    pub lifecycle_codes: Vec<i32>,
}

impl Session {
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

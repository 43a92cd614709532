//! The life of an order the sandbox sold, as BSS reports it: an unpaid order waits in "pending payment"
//! until it is paid or cancelled; a paid (or auto-paid) one is "processing" for a settle time, then
//! "completed". Billing (pay, cancel, order details) moves it; activation asks whether it is complete.
//! The status is computed from the record and the clock, so nothing has to run in the background.

use std::time::Duration;

use time::OffsetDateTime;

/// BSS `order_info.status` numbers the sandbox uses (BILLING.md section 2).
pub(crate) mod status {
    /// 3: paid, resources being provisioned.
    pub const PROCESSING: u8 = 3;
    /// 4: cancelled before payment.
    pub const CANCELLED: u8 = 4;
    /// 5: paid and provisioned.
    pub const COMPLETED: u8 = 5;
    /// 6: waiting for payment.
    pub const PENDING_PAYMENT: u8 = 6;
}

/// BSS `order_type` numbers the sandbox sells (BILLING.md section 2).
pub(crate) mod order_type {
    /// 1: a new purchase.
    pub const PURCHASE: u8 = 1;
    /// 2: a renewal.
    pub const RENEWAL: u8 = 2;
}

/// Where an order stands; `Processing` settles into completed by itself after the sandbox's settle time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Not auto-paid and not paid yet.
    PendingPayment,
    /// Paid at this time; completed once the settle time has passed.
    Processing {
        /// When the payment was taken.
        paid_at: OffsetDateTime,
    },
    /// Cancelled at this time.
    Cancelled {
        /// When it was cancelled.
        at: OffsetDateTime,
    },
}

/// An order the sandbox accepted, with what BSS shows of it.
#[derive(Debug, Clone)]
pub(crate) struct OrderRecord {
    /// `CS…`, as returned by the order API.
    pub order_id: String,
    /// When the order was accepted.
    pub created: OffsetDateTime,
    /// 2 month, 3 year (the order's `period_type`).
    pub period_type: u8,
    /// The order's `period_num`.
    pub period_num: u64,
    /// How many CAs it bought.
    pub subscription_num: u64,
    /// Where it stands.
    pub stage: Stage,
    /// Billing failures asked for in the order's promotion text (fault directives).
    pub faults: super::directives::BssFaults,
    /// BSS `order_type`: 1 a new purchase, 2 a renewal.
    pub order_type: u8,
    /// What a renewal order renews (CA ids); empty for a purchase, whose CAs name it as their order.
    pub resource_ids: Vec<String>,
}

impl OrderRecord {
    /// A new order: processing at once when auto-paid, otherwise waiting for payment.
    pub fn new(
        order_id: String,
        now: OffsetDateTime,
        auto_pay: bool,
        period_type: u8,
        period_num: u64,
        subscription_num: u64,
    ) -> OrderRecord {
        OrderRecord {
            order_id,
            created: now,
            period_type,
            period_num,
            subscription_num,
            faults: Default::default(),
            order_type: order_type::PURCHASE,
            resource_ids: Vec::new(),
            stage: if auto_pay {
                Stage::Processing { paid_at: now }
            } else {
                Stage::PendingPayment
            },
        }
    }

    /// The BSS status number at `now`, given how long a paid order takes to settle.
    pub fn status_at(&self, now: OffsetDateTime, settle: Duration) -> u8 {
        match self.stage {
            Stage::PendingPayment => status::PENDING_PAYMENT,
            Stage::Cancelled { .. } => status::CANCELLED,
            Stage::Processing { paid_at } => {
                if now - paid_at >= settle {
                    status::COMPLETED
                } else {
                    status::PROCESSING
                }
            }
        }
    }

    /// When the order completed (paid, then settled), if it has by `now`.
    pub fn completed_at(&self, now: OffsetDateTime, settle: Duration) -> Option<OffsetDateTime> {
        let done = self.paid_at()? + settle;
        (now >= done).then_some(done)
    }

    /// When payment was taken, if it was.
    pub fn paid_at(&self) -> Option<OffsetDateTime> {
        match self.stage {
            Stage::Processing { paid_at } => Some(paid_at),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("valid time")
    }

    #[test]
    fn an_unpaid_order_waits_for_payment_forever() {
        let o = OrderRecord::new("CS1".into(), t0(), false, 2, 1, 1);
        let later = t0() + Duration::from_secs(86_400);
        assert_eq!(
            o.status_at(later, Duration::from_millis(10)),
            status::PENDING_PAYMENT
        );
        assert_eq!(o.paid_at(), None);
    }

    #[test]
    fn an_auto_paid_order_is_processing_until_the_settle_time_has_passed() {
        let o = OrderRecord::new("CS1".into(), t0(), true, 2, 1, 1);
        let settle = Duration::from_secs(2);
        assert_eq!(o.status_at(t0(), settle), status::PROCESSING);
        assert_eq!(
            o.status_at(t0() + Duration::from_millis(1999), settle),
            status::PROCESSING
        );
        assert_eq!(
            o.status_at(t0() + Duration::from_secs(2), settle),
            status::COMPLETED
        );
        assert_eq!(o.paid_at(), Some(t0()));
    }

    #[test]
    fn a_cancelled_order_stays_cancelled() {
        let mut o = OrderRecord::new("CS1".into(), t0(), false, 2, 1, 1);
        o.stage = Stage::Cancelled { at: t0() };
        assert_eq!(o.status_at(t0(), Duration::ZERO), status::CANCELLED);
    }
}

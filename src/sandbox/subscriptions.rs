//! The subscription every yearly/monthly CA the sandbox sold has, as BSS's resources query reports it
//! (LIFECYCLE.md §1.2). Computed from the records and the clock, like an order's status, so nothing runs
//! in the background: it begins when the buying order completes, ends the ordered period later (calendar
//! months or years, in UTC), and every completed renewal order naming the CA moves the end on by its
//! period from the end it had (not from now). The resources route and whatever changes a subscription
//! (renew, auto-renew, unsubscribe) read it here.

use std::time::Duration;

use time::OffsetDateTime;

use super::orders::{OrderRecord, order_type};
use super::records::CaRecord;
use crate::billing::subscription::{self, Unit};

/// `expire_policy` of a subscription not on auto-renew. Which value BSS shows by default is not
/// documented; ours: 0 (grace period), the first of the documented values.
pub(crate) const POLICY_NOT_AUTO_RENEW: i64 = 0;

/// A CA's subscription at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SubscriptionView {
    /// The CA id (BSS's `resource_id`).
    pub resource_id: String,
    /// The order that bought it.
    pub order_id: String,
    /// When the buying order completed.
    pub effective: OffsetDateTime,
    /// When the paid period ends, renewals included.
    pub expire: OffsetDateTime,
    /// 3 on auto-renew, else [`POLICY_NOT_AUTO_RENEW`].
    pub expire_policy: i64,
    /// 2 in use, 5 expired.
    pub status: i64,
}

/// The subscription of `ca` at `now`, or `None` while its buying order has not completed (BSS lists
/// only provisioned resources).
pub(crate) fn of(
    ca: &CaRecord,
    orders: &[OrderRecord],
    now: OffsetDateTime,
    settle: Duration,
) -> Option<SubscriptionView> {
    let bought = orders.iter().find(|o| o.order_id == ca.order_id)?;
    let effective = bought.completed_at(now, settle)?;
    let mut expire = match bought.faults.expires_in_days {
        Some(days) => subscription::add_days(effective, days)?,
        None => subscription::add_period(
            effective,
            Unit::from_period_type(bought.period_type)?,
            bought.period_num,
        )?,
    };
    // Renewals in the order they were placed, each from the end the CA had then (those unsubscribed
    // with type 2 no longer count).
    for renewal in renewals_of(ca, orders, now, settle) {
        if let Some(unit) = Unit::from_period_type(renewal.period_type) {
            expire = subscription::add_period(expire, unit, renewal.period_num)?;
        }
    }
    // Unsubscribed (type 1): closed from then on.
    let closed = ca.closed_ms.is_some();
    Some(SubscriptionView {
        resource_id: ca.ca_id.clone(),
        order_id: ca.order_id.clone(),
        effective,
        expire,
        expire_policy: if ca.auto_renew && !closed {
            subscription::EXPIRE_POLICY_AUTO_RENEW
        } else {
            POLICY_NOT_AUTO_RENEW
        },
        status: if closed {
            3
        } else if now >= expire {
            5
        } else {
            2
        },
    })
}

/// The completed renewal orders of `ca` that still count (not unsubscribed), in the order placed.
fn renewals_of<'a>(
    ca: &'a CaRecord,
    orders: &'a [OrderRecord],
    now: OffsetDateTime,
    settle: Duration,
) -> impl Iterator<Item = &'a OrderRecord> + 'a {
    orders.iter().filter(move |o| {
        o.order_type == order_type::RENEWAL
            && o.resource_ids.iter().any(|id| id == &ca.ca_id)
            && o.completed_at(now, settle).is_some()
            && !ca.cut_renewals.contains(&o.order_id)
    })
}

/// The renewal orders of `ca` whose period has not started at `now` (what unsubscribe type 2 ends),
/// each with the start of its period; empty when there is none (or no subscription).
pub(crate) fn renewals_not_started<'a>(
    ca: &'a CaRecord,
    orders: &'a [OrderRecord],
    now: OffsetDateTime,
    settle: Duration,
) -> Vec<&'a OrderRecord> {
    let Some(bought) = orders.iter().find(|o| o.order_id == ca.order_id) else {
        return Vec::new();
    };
    let Some(effective) = bought.completed_at(now, settle) else {
        return Vec::new();
    };
    let first_end = match bought.faults.expires_in_days {
        Some(days) => subscription::add_days(effective, days),
        None => Unit::from_period_type(bought.period_type)
            .and_then(|u| subscription::add_period(effective, u, bought.period_num)),
    };
    let Some(mut start) = first_end else {
        return Vec::new();
    };
    let mut future = Vec::new();
    for renewal in renewals_of(ca, orders, now, settle) {
        if start > now {
            future.push(renewal);
        }
        if let Some(end) = Unit::from_period_type(renewal.period_type)
            .and_then(|u| subscription::add_period(start, u, renewal.period_num))
        {
            start = end;
        }
    }
    future
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::orders::Stage;
    use time::macros::datetime;

    const CA: &str = "11111111-2222-3333-4444-555555555555";

    fn ca(auto_renew: bool) -> CaRecord {
        CaRecord {
            ca_id: CA.into(),
            order_id: "CS1".into(),
            enterprise_project_id: "0".into(),
            create_time: 0,
            activation: None,
            auto_renew,
            subject: None,
            imported: None,
            closed_ms: None,
            cut_renewals: Vec::new(),
            refunds: Vec::new(),
        }
    }

    fn paid(id: &str, at: OffsetDateTime, period_type: u8, n: u64) -> OrderRecord {
        let mut o = OrderRecord::new(id.into(), at, true, period_type, n, 1);
        o.stage = Stage::Processing { paid_at: at };
        o
    }

    #[test]
    fn a_subscription_runs_from_completion_for_the_ordered_period_and_renewals_extend_its_end() {
        let t0 = datetime!(2026-01-31 10:00:00 UTC);
        let settle = Duration::from_secs(3);
        let bought = paid("CS1", t0, 2, 1);
        let pending = OrderRecord::new("CS1".into(), t0, false, 2, 1, 1);
        assert_eq!(of(&ca(false), &[pending], t0, settle), None, "unpaid");
        assert_eq!(
            of(&ca(false), std::slice::from_ref(&bought), t0, settle),
            None,
            "not yet settled"
        );
        let now = t0 + Duration::from_secs(10);
        let s = of(&ca(false), std::slice::from_ref(&bought), now, settle).expect("listed");
        let effective = datetime!(2026-01-31 10:00:03 UTC);
        assert_eq!(s.effective, effective);
        assert_eq!(s.expire, datetime!(2026-02-28 10:00:03 UTC));
        assert_eq!((s.status, s.expire_policy), (2, POLICY_NOT_AUTO_RENEW));
        assert_eq!(
            of(&ca(true), std::slice::from_ref(&bought), now, settle)
                .expect("listed")
                .expire_policy,
            3
        );
        // A renewal of 1 year paid a month later extends from the end, not from its payment.
        let mut renewal = paid("CS2", t0 + time::Duration::days(3), 3, 1);
        renewal.order_type = order_type::RENEWAL;
        renewal.resource_ids = vec![CA.into()];
        let later = t0 + time::Duration::days(4);
        let s = of(
            &ca(false),
            &[bought.clone(), renewal.clone()],
            later,
            settle,
        )
        .expect("ok");
        assert_eq!(s.expire, datetime!(2027-02-28 10:00:03 UTC));
        // Unpaid, it changes nothing.
        renewal.stage = Stage::PendingPayment;
        let s = of(&ca(false), &[bought.clone(), renewal], later, settle).expect("ok");
        assert_eq!(s.expire, datetime!(2026-02-28 10:00:03 UTC));
        // At the end it reads expired.
        let s = of(&ca(false), std::slice::from_ref(&bought), s.expire, settle).expect("ok");
        assert_eq!(s.status, 5);
    }

    #[test]
    fn renewals_not_started_are_the_unsubscribable_ones_and_cutting_them_moves_the_end_back() {
        let t0 = datetime!(2026-01-01 00:00:00 UTC);
        let settle = Duration::ZERO;
        let bought = paid("CS1", t0, 2, 1);
        let renewal = |id: &str| {
            let mut r = paid(id, t0, 2, 1);
            r.order_type = order_type::RENEWAL;
            r.resource_ids = vec![CA.into()];
            r
        };
        let orders = [bought, renewal("CS2"), renewal("CS3")];
        let plain = ca(false);
        // In the first month both renewals are still to come.
        let now = t0 + time::Duration::days(10);
        let future = renewals_not_started(&plain, &orders, now, settle);
        let ids: Vec<&str> = future.iter().map(|o| o.order_id.as_str()).collect();
        assert_eq!(ids, ["CS2", "CS3"]);
        // In the second month (the first renewal running) only the last one.
        let now = t0 + time::Duration::days(40);
        let future = renewals_not_started(&plain, &orders, now, settle);
        assert_eq!(future.len(), 1);
        assert_eq!(future[0].order_id, "CS3");
        // Exactly at the start of a period, it has started.
        let now = datetime!(2026-02-01 00:00:00 UTC);
        assert_eq!(
            renewals_not_started(&ca(false), &orders, now, settle).len(),
            1
        );
        // Cut: the end moves back, and nothing is left to cut.
        let mut cut = ca(true);
        cut.cut_renewals = vec!["CS3".into()];
        let s = of(&cut, &orders, now, settle).expect("listed");
        assert_eq!(s.expire, datetime!(2026-03-01 00:00:00 UTC));
        assert!(renewals_not_started(&cut, &orders, now, settle).is_empty());
        // Unsubscribed (type 1): closed, never auto-renewing.
        cut.closed_ms = Some(0);
        let s = of(&cut, &orders, now, settle).expect("listed");
        assert_eq!((s.status, s.expire_policy), (3, POLICY_NOT_AUTO_RENEW));
        // No subscription (unpaid), nothing to cut.
        let unpaid = [OrderRecord::new("CS1".into(), t0, false, 2, 1, 1)];
        assert!(renewals_not_started(&ca(false), &unpaid, now, settle).is_empty());
    }

    #[test]
    fn the_expires_in_days_directive_replaces_the_period() {
        let t0 = datetime!(2026-01-01 00:00:00 UTC);
        let mut bought = paid("CS1", t0, 3, 1);
        bought.faults.expires_in_days = Some(5);
        let s = of(&ca(false), &[bought], t0, Duration::ZERO).expect("listed");
        assert_eq!(s.expire, datetime!(2026-01-06 00:00:00 UTC));
    }
}

//! Pay now, following the order, and cancel in the wizard (issue 9), driven through the pure `update`
//! with key sequences and background answers, as the runtime would feed them.

mod common;

use common::wizard::*;
use std::time::Duration;

use crossterm::event::KeyCode;
use pca_order::api::{ApiError, CallError, Created, Outcome, Reason};
use pca_order::billing::{Amount, OrderDetails, OrderResource, OrderStatus, Price};
use pca_order::journal::ActionKind;
use pca_order::order::PeriodUnit;
use pca_order::order::validate::QuotaLeft;
use pca_order::tui::keymap::{self, Context};
use pca_order::tui::model::activation::ActivationStart;
use pca_order::tui::model::{
    ActAnswer, BillStep, Effect, FollowState, Load, Model, Money, Msg, Overlay, Pending,
    PollSchedule, Polled, Step,
};
use pca_order::tui::text::Lang;

const ORDER: &str = "CS1803192259ROA8U";
const CA: &str = "4284547e-68ef-4a94-adea-9df1e5d8ad65";

fn tick(ms: u64) -> Msg {
    Msg::Tick(Duration::from_millis(ms))
}

fn money(a: &str) -> Money {
    Money {
        amount: Amount::parse(a).expect("decimal"),
        currency: "CNY".into(),
    }
}

fn created() -> Outcome {
    Outcome::Done(Created {
        order_id: ORDER.into(),
        ca_ids: vec![CA.into()],
    })
}

fn api_error(status: u16, code: &str) -> ApiError {
    ApiError {
        status,
        code: code.into(),
        message: "balance insufficient".into(),
        request_id: Some("req-9".into()),
    }
}

fn details(status: i64, amount: Option<&str>) -> OrderDetails {
    OrderDetails {
        order_id: ORDER.into(),
        status: OrderStatus::from_code(status),
        order_type: Some(1),
        amount_after_discount: amount.map(|a| Amount::parse(a).expect("decimal")),
        official_amount: None,
        currency: "CNY".into(),
        create_time: None,
        payment_time: None,
        pending_payment_end_time: None,
    }
}

fn polled(status: i64) -> Msg {
    Msg::Polled(Box::new(Polled {
        order_id: ORDER.into(),
        result: Ok((details(status, Some("1200")), Vec::<OrderResource>::new())),
    }))
}

fn acted(kind: ActionKind, outcome: Outcome<()>) -> Msg {
    Msg::Acted(Box::new(ActAnswer {
        kind,
        order_id: ORDER.into(),
        outcome,
        journal_warning: None,
    }))
}

fn unknown() -> Outcome<()> {
    Outcome::Unknown(Reason::Timeout {
        host: "bss.myhuaweicloud.com".into(),
        detail: "timed out".into(),
    })
}

fn not_sent() -> Outcome<()> {
    Outcome::NotSent(Reason::Connect {
        host: "bss.myhuaweicloud.com".into(),
        detail: "connection refused".into(),
    })
}

/// The review's quote with the best offer: list 1200, 1080 after a discount the pay does not apply.
fn offer() -> Price {
    Price {
        list: Amount::parse("1200").expect("decimal"),
        discount: Some(pca_order::billing::Discount {
            amount: Amount::parse("1080").expect("decimal"),
            discount_amount: Amount::parse("120").expect("decimal"),
            name: "Yearly".into(),
            discount_type: Some(605),
        }),
        currency: "CNY".into(),
        measure_id: 1,
        what: "1 CA × 1 month".into(),
    }
}

/// The region's console configuration as the order form reads it: SM2 and yearly/monthly CAs sold.
fn console() -> pca_order::order::ConsoleConfig {
    pca_order::order::ConsoleConfig {
        sm2: Some(true),
        yearly_monthly_ca: Some(true),
        ..Default::default()
    }
}

/// A wizard that placed the default order (auto-pay as given) and got its order id, its review priced
/// with a best offer; when `read` (and not auto-paid), the order's own details (1200) arrived too.
fn ordered(auto_pay: bool, read: bool) -> (Model, Vec<Effect>) {
    let (mut m, mut effects) = ordered_unread(auto_pay);
    if read && !auto_pay {
        effects.extend(send(&mut m, [polled(6)]));
    }
    (m, effects)
}

/// [`ordered`] before any read of the order came back.
fn ordered_unread(auto_pay: bool) -> (Model, Vec<Effect>) {
    let mut m = Model::new(Lang::En, header(), false);
    m.start();
    send(
        &mut m,
        [
            Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 0,
            })),
            Msg::ProjectsLoaded(Ok(vec![])),
            Msg::ConsoleLoaded(Ok(console())),
        ],
    );
    m.order_form_mut().expect("the order form").auto_pay = auto_pay;
    send(&mut m, [enter(), enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    let request = m
        .order_form()
        .expect("the order form")
        .request()
        .expect("valid");
    send(&mut m, [Msg::price_loaded(request, Ok(offer()))]);
    let effects = send(&mut m, [enter(), ch('y')]);
    assert!(effects.iter().any(|e| matches!(e, Effect::Submit(_))));
    let effects = send(&mut m, [Msg::Submitted(created())]);
    (m, effects)
}

fn pays(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Pay(_)))
        .count()
}

fn polls(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::PollOrder(id) if id == ORDER))
        .count()
}

fn follow_state(m: &Model) -> Option<FollowState> {
    m.bill()?.follow.as_ref().map(|f| f.state.clone())
}

/// A paid order being followed, its schedule the official one (first read after 5 s, then every 10 s).
fn paid_and_following() -> Model {
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    send(&mut m, [acted(ActionKind::Pay, Outcome::Done(()))]);
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
    m
}

#[test]
fn the_pay_question_names_the_order_s_own_amount_not_the_review_s_offer() {
    // The review quoted 1080 (best offer); the order says 1200, and the pay (use_discount NO) charges that.
    let (mut m, effects) = ordered_unread(false);
    assert_eq!(m.bill_step(), Some(BillStep::Result));
    assert_eq!(
        polls(&effects),
        1,
        "the order is read for its amount: {effects:?}"
    );
    // Until the order's amount is read, pay and cancel wait (no question with the quote in it).
    assert!(m.bill().is_some_and(|b| b.details_loading));
    assert_eq!(m.bill().and_then(|b| b.amount.clone()), None);
    assert_ne!(m.context(), Context::ResultUnpaid);
    send(&mut m, [ch('p')]);
    assert_eq!(m.overlay, None);
    send(&mut m, [polled(6)]);
    assert_eq!(m.context(), Context::ResultUnpaid);
    assert_eq!(m.bill().and_then(|b| b.amount.clone()), Some(money("1200")));
    send(&mut m, [ch('p')]);
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Pay {
            order_id: ORDER.into(),
            amount: Some(money("1200")),
        }))
    );
}

#[test]
fn the_amount_is_read_from_the_order_with_its_exact_digits() {
    let (mut m, effects) = ordered(false, false);
    assert_eq!(polls(&effects), 1, "{effects:?}");
    assert!(m.bill().is_some_and(|b| b.details_loading));
    send(
        &mut m,
        [Msg::Polled(Box::new(Polled {
            order_id: ORDER.into(),
            result: Ok((details(6, Some("1200.5")), vec![])),
        }))],
    );
    let bill = m.bill().expect("a bill");
    assert_eq!(bill.amount, Some(money("1200.5")));
    assert_eq!(m.session.order_status, Some(OrderStatus::PendingPayment));
    send(&mut m, [ch('p')]);
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Pay {
            order_id: ORDER.into(),
            amount: Some(money("1200.5")),
        }))
    );
}

#[test]
fn pay_asks_once_naming_the_amount_n_sends_nothing_and_y_sends_one_pay() {
    let (mut m, _) = ordered(false, true);
    let effects = send(&mut m, [ch('p')]);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Pay {
            order_id: ORDER.into(),
            amount: Some(money("1200")),
        }))
    );
    // Any key but y declines.
    let effects = send(&mut m, [ch('n')]);
    assert_eq!(pays(&effects), 0);
    assert_eq!(m.overlay, None);
    assert_eq!(m.bill_step(), Some(BillStep::Result));
    assert_eq!(m.exit_code(), 0);

    let effects = send(&mut m, [ch('p'), ch('y')]);
    assert_eq!(
        effects
            .iter()
            .filter(|e| **e == Effect::Pay(ORDER.into()))
            .count(),
        1
    );
    assert_eq!(m.bill_step(), Some(BillStep::Acting));
    assert!(m.request_in_flight());
    // A second y, or p, while it is in flight sends nothing more.
    let effects = send(&mut m, [ch('y'), ch('p'), ch('y')]);
    assert_eq!(pays(&effects), 0, "{effects:?}");
    // The pay's clock runs from ticks.
    send(&mut m, [tick(1500)]);
    assert_eq!(
        m.bill().map(|b| b.act_elapsed),
        Some(Duration::from_millis(1500))
    );
}

#[test]
fn each_pay_outcome_lands_on_its_screen_with_its_exit_code() {
    let cases: Vec<(Outcome<()>, BillStep, i32)> = vec![
        (Outcome::Done(()), BillStep::Tracking, 0),
        (
            Outcome::Rejected(api_error(403, "CBC.0151")),
            BillStep::ActFailed,
            3,
        ),
        (not_sent(), BillStep::ActFailed, 5),
        (unknown(), BillStep::ActFailed, 4),
        (
            Outcome::Unknown(Reason::ActionServerError(api_error(500, "CBC.0999"))),
            BillStep::ActFailed,
            4,
        ),
    ];
    for (outcome, step, code) in cases {
        let (mut m, _) = ordered(false, true);
        send(&mut m, [ch('p'), ch('y')]);
        assert_eq!(m.exit_code(), 4, "in flight");
        send(&mut m, [acted(ActionKind::Pay, outcome.clone())]);
        assert_eq!(m.bill_step(), Some(step), "{outcome:?}");
        assert_eq!(m.exit_code(), code, "{outcome:?}");
        assert!(!m.request_in_flight());
        let effects = send(&mut m, [ch('q')]);
        assert_eq!(quits(&effects), vec![code], "{outcome:?}");
    }
}

#[test]
fn after_a_refused_or_unsent_pay_r_goes_back_and_pay_asks_again() {
    for outcome in [Outcome::Rejected(api_error(403, "CBC.0151")), not_sent()] {
        let (mut m, _) = ordered(false, true);
        send(
            &mut m,
            [ch('p'), ch('y'), acted(ActionKind::Pay, outcome).into()],
        );
        assert_eq!(m.context(), Context::ActFailed);
        send(&mut m, [ch('r')]);
        assert_eq!(m.bill_step(), Some(BillStep::Result));
        assert_eq!(m.context(), Context::ResultUnpaid);
        let effects = send(&mut m, [ch('p'), ch('y')]);
        assert_eq!(pays(&effects), 1);
    }
}

#[test]
fn after_an_unknown_pay_there_is_no_pay_key_and_r_follows_the_order_instead() {
    let (mut m, _) = ordered(false, true);
    send(
        &mut m,
        [ch('p'), ch('y'), acted(ActionKind::Pay, unknown()).into()],
    );
    assert_eq!(m.bill_step(), Some(BillStep::ActFailed));
    send(&mut m, [ch('r')]);
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
    assert_eq!(follow_state(&m), Some(FollowState::Waiting));
    // Even if the order still reads pending payment, paying again is not offered: it may be paid.
    send(&mut m, [tick(5000), polled(6)]);
    assert_eq!(m.context(), Context::Tracking);
    let effects = send(&mut m, [ch('p'), ch('y'), ch('x'), ch('y')]);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Pay(_) | Effect::Cancel(_))),
        "{effects:?}"
    );
    assert_eq!(m.overlay, None);
    assert_eq!(m.exit_code(), 4);
}

#[test]
fn tracking_polls_on_schedule_shows_each_status_and_completes_with_the_activation_start() {
    let mut m = paid_and_following();
    // First read after 5 s (the official schedule), not before.
    let effects = send(&mut m, [tick(4900)]);
    assert_eq!(polls(&effects), 0);
    let effects = send(&mut m, [tick(100)]);
    assert_eq!(polls(&effects), 1);
    // Never two reads at once.
    let effects = send(&mut m, [tick(30_000)]);
    assert_eq!(polls(&effects), 0);
    send(&mut m, [polled(3)]);
    assert_eq!(
        m.bill().and(m.session.order_status),
        Some(OrderStatus::Processing)
    );
    assert_eq!(follow_state(&m), Some(FollowState::Waiting));
    assert!(m.ticking);
    // Then every 10 s.
    let effects = send(&mut m, [tick(9_900)]);
    assert_eq!(polls(&effects), 0);
    let effects = send(&mut m, [tick(100)]);
    assert_eq!(polls(&effects), 1);
    assert_eq!(m.completed_activation_start(), None);
    let effects = send(&mut m, [polled(5)]);
    assert_eq!(
        m.completed_activation_start(),
        Some(&ActivationStart {
            ca_ids: vec![CA.into()],
            period: Some((PeriodUnit::Month, 1)),
        })
    );
    assert!(effects.contains(&Effect::StopTicking), "{effects:?}");
    assert_eq!(m.exit_code(), 0);
    // Nothing more is read once it completed.
    let effects = send(&mut m, [tick(60_000)]);
    assert_eq!(polls(&effects), 0);
}

#[test]
fn a_failed_read_is_shown_and_polling_goes_on() {
    let mut m = paid_and_following();
    send(&mut m, [tick(5000)]);
    let failure = CallError::Api(api_error(503, "CBC.0999"));
    send(
        &mut m,
        [Msg::Polled(Box::new(Polled {
            order_id: ORDER.into(),
            result: Err(failure.clone()),
        }))],
    );
    let follow = m.bill().and_then(|b| b.follow.clone()).expect("following");
    assert_eq!(follow.poll_error, Some(failure));
    assert_eq!(follow.state, FollowState::Waiting);
    let effects = send(&mut m, [tick(10_000)]);
    assert_eq!(polls(&effects), 1, "polling goes on after a failed read");
    send(&mut m, [polled(3)]);
    let follow = m.bill().and_then(|b| b.follow.clone()).expect("following");
    assert_eq!(follow.poll_error, None, "a good read clears the failure");
}

#[test]
fn a_read_for_another_order_is_dropped() {
    let mut m = paid_and_following();
    send(&mut m, [tick(5000)]);
    send(
        &mut m,
        [Msg::Polled(Box::new(Polled {
            order_id: "CS0000000000OTHER".into(),
            result: Ok((details(5, None), vec![])),
        }))],
    );
    assert_eq!(follow_state(&m), Some(FollowState::Waiting));
}

#[test]
fn an_order_that_ends_otherwise_stops_following_and_the_time_limit_stops_it_too() {
    let mut m = paid_and_following();
    send(&mut m, [tick(5000), polled(4)]);
    assert_eq!(
        follow_state(&m),
        Some(FollowState::Ended(OrderStatus::Cancelled))
    );
    assert_eq!(m.completed_activation_start(), None);

    let mut m = paid_and_following();
    m.poll_schedule = PollSchedule {
        first: Duration::from_secs(5),
        every: Duration::from_secs(10),
        limit: Duration::from_secs(20),
    };
    send(&mut m, [tick(5000), polled(3), tick(10_000), polled(3)]);
    send(&mut m, [tick(5000)]);
    assert_eq!(follow_state(&m), Some(FollowState::TimedOut));
    assert!(!m.ticking);
    // The pay was done: leaving after the wait's limit is still exit 0.
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![0]);
}

#[test]
fn an_auto_paid_order_is_followed_at_once() {
    let (mut m, effects) = ordered(true, true);
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
    assert_eq!(m.context(), Context::Tracking);
    assert!(effects.contains(&Effect::StartTicking) || m.ticking);
    let effects = send(&mut m, [tick(5000)]);
    assert_eq!(polls(&effects), 1);
    send(&mut m, [polled(5)]);
    assert!(m.completed_activation_start().is_some());
}

#[test]
fn an_auto_paid_order_still_pending_payment_can_be_paid_or_cancelled_from_tracking() {
    let (mut m, _) = ordered(true, true);
    send(&mut m, [tick(5000), polled(6)]);
    assert_eq!(m.context(), Context::TrackingPayable);
    let effects = send(&mut m, [ch('x'), ch('y')]);
    assert!(
        effects.contains(&Effect::Cancel(ORDER.into())),
        "{effects:?}"
    );
    // A read that arrives while the cancel is in flight does not end the question's send.
    send(&mut m, [acted(ActionKind::Cancel, Outcome::Done(()))]);
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
    assert_eq!(
        follow_state(&m),
        Some(FollowState::Ended(OrderStatus::Cancelled))
    );
    assert_eq!(m.context(), Context::Tracking);
}

#[test]
fn cancel_asks_once_and_each_outcome_has_its_screen_and_code() {
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('x')]);
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Cancel {
            order_id: ORDER.into()
        }))
    );
    let effects = send(&mut m, [enter()]);
    assert!(effects.is_empty(), "Enter declines: {effects:?}");
    let effects = send(&mut m, [ch('x'), ch('y')]);
    assert_eq!(
        effects
            .iter()
            .filter(|e| **e == Effect::Cancel(ORDER.into()))
            .count(),
        1
    );
    assert_eq!(m.bill_step(), Some(BillStep::Acting));
    send(&mut m, [acted(ActionKind::Cancel, Outcome::Done(()))]);
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
    assert_eq!(m.exit_code(), 0);
    // Cancelled: nothing left to pay or cancel, nothing to poll.
    let effects = send(&mut m, [ch('p'), ch('x'), tick(60_000).into()]);
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::Pay(_) | Effect::Cancel(_) | Effect::PollOrder(_)))
    );

    for (outcome, code) in [
        (Outcome::Rejected(api_error(400, "CBC.0100")), 3),
        (not_sent(), 5),
        (unknown(), 4),
    ] {
        let (mut m, _) = ordered(false, true);
        send(
            &mut m,
            [ch('x'), ch('y'), acted(ActionKind::Cancel, outcome).into()],
        );
        assert_eq!(m.bill_step(), Some(BillStep::ActFailed));
        assert_eq!(m.exit_code(), code);
    }
}

#[test]
fn leaving_mid_wait_quits_at_once_with_the_pay_s_code() {
    let mut m = paid_and_following();
    send(&mut m, [tick(5000)]);
    // A read is on its way; leaving does not wait for it (reads change nothing).
    let effects = send(&mut m, [ch('q')]);
    assert_eq!(quits(&effects), vec![0]);
    // Ctrl-C too, without a question: nothing state-changing is in flight.
    let mut m = paid_and_following();
    let effects = send(&mut m, [ctrl('c')]);
    assert_eq!(quits(&effects), vec![0]);
    assert_eq!(m.overlay, None);
}

#[test]
fn quitting_with_a_pay_in_flight_asks_first_and_signals_end_with_unknown() {
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    let effects = send(&mut m, [ctrl('c')]);
    assert!(quits(&effects).is_empty());
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    // n: stay; the answer then closes the question.
    send(&mut m, [ch('n')]);
    assert_eq!(m.overlay, None);
    let effects = send(&mut m, [ctrl('c'), ch('y')]);
    assert_eq!(quits(&effects), vec![4]);

    // A signal ends with unknown while the pay is in flight (the runtime then waits for its answer).
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    assert_eq!(quits(&send(&mut m, [Msg::Terminate])), vec![4]);

    // The terminal closing waits for the answer, then quits with its code.
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    assert!(quits(&send(&mut m, [Msg::InputClosed])).is_empty());
    let effects = send(&mut m, [acted(ActionKind::Pay, Outcome::Done(()))]);
    assert_eq!(quits(&effects), vec![0]);
}

#[test]
fn the_answer_closes_the_quit_question_and_a_pay_journal_warning_is_kept() {
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y'), ctrl('c')]);
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    send(
        &mut m,
        [Msg::Acted(Box::new(ActAnswer {
            kind: ActionKind::Pay,
            order_id: ORDER.into(),
            outcome: Outcome::Done(()),
            journal_warning: Some("disk full".into()),
        }))],
    );
    assert_eq!(m.overlay, None);
    assert_eq!(m.journal_warning.as_deref(), Some("disk full"));
    assert_eq!(m.session.journal_warnings, vec!["disk full".to_string()]);
}

#[test]
fn a_question_withdrawn_by_a_too_small_terminal_cannot_pay() {
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), Ev::M(Msg::Resize(40, 10)), ch('y')]);
    assert_eq!(m.overlay, None);
    assert_eq!(m.bill_step(), Some(BillStep::Result));
    assert!(m.bill().is_some_and(|b| b.act_in_flight.is_none()));
}

#[test]
fn the_summary_keeps_the_order_the_pay_and_the_status_for_the_scrollback() {
    use pca_order::tui::view::outcome::summary;
    let mut m = paid_and_following();
    send(&mut m, [tick(5000), polled(3)]);
    let text = summary(&m).expect("a summary");
    assert!(text.contains(ORDER), "{text}");
    assert!(text.contains("Payment"), "{text}");
    assert!(text.contains("done"), "{text}");
    assert!(text.contains("processing (status 3)"), "{text}");
    assert!(text.contains("/tmp/orders.jsonl"), "{text}");

    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    let text = summary(&m).expect("a summary");
    assert!(text.contains("left before its answer"), "{text}");
}

#[tokio::test]
async fn a_pay_answer_that_arrives_after_quitting_is_still_taken() {
    use pca_order::tui::finish_in_flight;
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y'), ctrl('c'), ch('y')]);
    assert!(m.request_in_flight());
    assert_eq!(m.exit_code(), 4);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tx.send(acted(ActionKind::Pay, Outcome::Done(())))
        .expect("send");
    finish_in_flight(
        &mut m,
        &mut rx,
        Duration::from_secs(5),
        std::future::pending::<()>(),
    )
    .await;
    assert!(!m.request_in_flight());
    assert_eq!(m.exit_code(), 0);

    // Nothing arrives: the wait ends at its limit and the outcome stays unknown.
    let (mut m, _) = ordered(false, true);
    send(&mut m, [ch('p'), ch('y')]);
    let (_tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    finish_in_flight(
        &mut m,
        &mut rx,
        Duration::from_millis(20),
        std::future::pending::<()>(),
    )
    .await;
    assert_eq!(m.exit_code(), 4);
}

#[test]
fn an_amount_that_cannot_be_read_leaves_the_question_without_one() {
    let (mut m, _) = ordered(false, false);
    send(
        &mut m,
        [Msg::Polled(Box::new(Polled {
            order_id: ORDER.into(),
            result: Err(CallError::Api(api_error(403, "CBC.0151"))),
        }))],
    );
    let bill = m.bill().expect("a bill");
    assert!(!bill.details_loading);
    assert_eq!(bill.amount, None);
    // Paying is still possible; the question says the amount could not be read.
    send(&mut m, [ch('p')]);
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Pay {
            order_id: ORDER.into(),
            amount: None,
        }))
    );
}

mod random {
    use super::*;
    use proptest::prelude::*;

    fn arb_outcome() -> impl Strategy<Value = Outcome<()>> {
        prop_oneof![
            Just(Outcome::Done(())),
            Just(Outcome::Rejected(api_error(403, "CBC.0151"))),
            Just(not_sent()),
            Just(unknown()),
        ]
    }

    fn arb_ev() -> impl Strategy<Value = Ev> {
        prop_oneof![
            prop::sample::select(vec!['p', 'x', 'y', 'n', 'r', 'c', 'q', 'b', '?']).prop_map(ch),
            Just(enter()),
            Just(ctrl('c')),
            (1u64..12_000).prop_map(|ms| Ev::M(tick(ms))),
            prop::sample::select(vec![2i64, 3, 4, 5, 6, 9]).prop_map(|s| Ev::M(polled(s))),
            Just(Ev::M(Msg::Polled(Box::new(Polled {
                order_id: ORDER.into(),
                result: Err(CallError::Api(api_error(503, "CBC.0999"))),
            })))),
            (any::<bool>(), arb_outcome()).prop_map(|(pay, o)| {
                let kind = if pay {
                    ActionKind::Pay
                } else {
                    ActionKind::Cancel
                };
                Ev::M(acted(kind, o))
            }),
        ]
    }

    proptest! {
        /// Whatever arrives after an unpaid order: a pay or cancel leaves only as the answer `y` to its
        /// own question, for exactly the order asked about, never while another is in flight, never
        /// after one was done or unknown; the exit code is 4 while one is in flight; every state draws.
        #[test]
        fn pay_and_cancel_are_sent_only_as_confirmed(
            evs in proptest::collection::vec(arb_ev(), 0..80),
            auto_pay in any::<bool>(),
        ) {
            let (mut m, _) = ordered(auto_pay, true);
            for ev in evs {
                let asked = match &m.overlay {
                    Some(Overlay::Confirm(p @ (Pending::Pay { .. } | Pending::Cancel { .. }))) => Some(p.clone()),
                    _ => None,
                };
                let is_y = matches!(&ev, Ev::Key(k) if k.code == KeyCode::Char('y'));
                // Once activation took over there is no bill: nothing may be paid or cancelled then.
                let before = m.bill().cloned();
                let before_session = m.session.clone();
                let effects = send(&mut m, [ev]);
                let sent: Vec<&Effect> = effects
                    .iter()
                    .filter(|e| matches!(e, Effect::Pay(_) | Effect::Cancel(_)))
                    .collect();
                prop_assert!(sent.len() <= 1);
                if let Some(e) = sent.first() {
                    prop_assert!(is_y, "sent without a y: {:?}", e);
                    prop_assert!(before.is_some_and(|b| b.act_in_flight.is_none()), "a second request in flight");
                    prop_assert!(
                        !before_session.acts.iter().any(|(_, o)| matches!(o, Outcome::Done(()) | Outcome::Unknown(_))),
                        "sent again after done or unknown"
                    );
                    match (e, &asked) {
                        (Effect::Pay(id), Some(Pending::Pay { order_id, .. }))
                        | (Effect::Cancel(id), Some(Pending::Cancel { order_id })) => {
                            prop_assert_eq!(id, order_id);
                            prop_assert_eq!(id.as_str(), ORDER);
                        }
                        _ => prop_assert!(false, "{:?} answered {:?}", e, asked),
                    }
                    prop_assert_eq!(m.bill_step(), Some(BillStep::Acting));
                }
                if m.request_in_flight() {
                    prop_assert_eq!(m.exit_code(), 4);
                }
                if !quits(&effects).is_empty() {
                    break;
                }
            }
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            terminal
                .draw(|f| pca_order::tui::view::view(&m, f))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}

#[test]
fn a_question_left_open_while_the_order_stopped_waiting_for_payment_sends_nothing() {
    // Auto-pay could not pay: the followed order reads pending payment, and `p` asks.
    let (mut m, _) = ordered(true, true);
    send(&mut m, [tick(5000).into(), polled(6).into(), ch('p')]);
    assert!(matches!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Pay { .. }))
    ));
    // Meanwhile it got paid elsewhere (the console): the next read says processing. The open question's
    // y must not pay a second time.
    send(&mut m, [tick(10_000), polled(3)]);
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(pays(&effects), 0, "{effects:?}");
    assert_eq!(m.bill_step(), Some(BillStep::Tracking));
}

#[test]
fn a_completed_order_offers_activation_and_a_opens_the_flow_for_its_cas_and_period() {
    use pca_order::tui::model::activation::{ActStep, ActivationEffect};
    let mut m = paid_and_following();
    send(&mut m, [tick(5000)]);
    // While the order is still processing, `a` does nothing: there is nothing to activate yet.
    send(&mut m, [polled(3)]);
    assert_ne!(m.context(), Context::TrackingCompleted);
    send(&mut m, [ch('a')]);
    assert!(m.activation().is_none());
    send(&mut m, [tick(10_000)]);
    send(&mut m, [polled(5)]);
    assert_eq!(m.context(), Context::TrackingCompleted);
    // The footer offers it, in words from the keymap.
    let footer = keymap::footer(m.context());
    assert!(
        footer
            .iter()
            .any(|h| h.hint == keymap::Hint::Activate && h.keys.as_deref() == Some("a")),
        "{footer:?}"
    );
    let effects = send(&mut m, [ch('a')]);
    let flow = m.activation().expect("the activation flow is open");
    // It starts on the first CA the order bought (no chooser), its validity defaulting to the period.
    assert_eq!(flow.ca_id(), Some(CA));
    assert_eq!(flow.step, ActStep::Type);
    assert_eq!(flow.validity_input.value(), "1m");
    assert!(
        effects.contains(&Effect::Activation(ActivationEffect::LoadIssuers)),
        "{effects:?}"
    );
    assert!(
        !effects.contains(&Effect::Activation(ActivationEffect::LoadPending)),
        "{effects:?}"
    );
    // The order form read the console configuration: handed over, not read again.
    assert!(!effects.contains(&Effect::LoadConsole), "{effects:?}");
    assert_eq!(flow.console, Load::Loaded(console()));
    // Nothing was sent: activation asks on its own review first.
    assert!(m.overlay.is_none());
    assert_eq!(m.exit_code(), 0);
}

/// Activation takes over from billing; the summary printed after the wizard still names the order,
/// its payment and the status last read (the session keeps them, not the billing screens).
#[test]
fn the_summary_keeps_the_pay_and_the_status_after_activation_took_over() {
    use pca_order::tui::view::outcome::summary;
    let mut m = paid_and_following();
    send(&mut m, [tick(5000), polled(5)]);
    send(&mut m, [ch('a')]);
    assert!(m.activation().is_some(), "the activation flow is open");
    let text = summary(&m).expect("a summary");
    assert!(text.contains(ORDER), "{text}");
    assert!(text.contains("Payment"), "{text}");
    assert!(text.contains("done"), "{text}");
    assert!(text.contains("(status 5)"), "{text}");
    assert_eq!(m.exit_code(), 0);
}

#[test]
fn the_chinese_summary_lines_its_values_up_by_display_columns() {
    use pca_order::tui::view::outcome::summary;
    use unicode_width::UnicodeWidthStr;
    let mut m = paid_and_following();
    m.lang = Lang::ZhCn;
    send(&mut m, [tick(5000), polled(3)]);
    let text = summary(&m).expect("a summary");
    // Every labelled row's value starts at the same column: "  " + 12 columns of label + " ".
    for value in [ORDER, "/tmp/orders.jsonl", "处理中（状态 3）"] {
        let line = text
            .lines()
            .find(|l| l.contains(value))
            .unwrap_or_else(|| panic!("{value} in:\n{text}"));
        let at = line.find(value).expect("value");
        assert_eq!(
            UnicodeWidthStr::width(&line[..at]),
            15,
            "{line:?} in:\n{text}"
        );
    }
}

/// The session's code is one rule over every request it sent, whichever flow sent it: an order of
/// unknown outcome (it may have bought CAs) keeps the code unknown (4) when a later order was created
/// but its pay then failed; before, the pay's own code (5) decided alone and hid the unknown order.
#[test]
fn an_earlier_order_that_may_exist_keeps_the_code_unknown_after_a_failed_pay() {
    let mut m = order_form_loaded();
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), enter(), ch('y')],
    );
    send(
        &mut m,
        [Msg::Submitted(Outcome::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "timeout".into(),
        }))],
    );
    assert_eq!(m.exit_code(), 4);
    send(&mut m, [ch('r'), enter(), ch('y')]);
    send(&mut m, [Msg::Submitted(created()), polled(6)]);
    assert_eq!(m.bill_step(), Some(BillStep::Result));
    send(
        &mut m,
        [ch('p'), ch('y'), acted(ActionKind::Pay, not_sent()).into()],
    );
    assert_eq!(m.bill_step(), Some(BillStep::ActFailed));
    assert_eq!(
        m.exit_code(),
        4,
        "the first order may exist whatever the pay says"
    );
    // A refused pay after it is no "nothing happened" (3) either.
    send(&mut m, [ch('r'), ch('p'), ch('y')]);
    send(
        &mut m,
        [acted(
            ActionKind::Pay,
            Outcome::Rejected(api_error(403, "CBC.0151")),
        )],
    );
    assert_eq!(m.exit_code(), 4);
}

/// After the wizard ended with a request in flight, only answers of sent requests are still taken:
/// an order's, a pay's, their journal warnings; a read (the order's status, a price) is not.
#[test]
fn only_the_answers_of_sent_requests_are_taken_after_the_wizard_ended() {
    assert!(Msg::Submitted(created()).answers_sent_request());
    assert!(acted(ActionKind::Pay, unknown()).answers_sent_request());
    assert!(Msg::JournalWarning("disk full".into()).answers_sent_request());
    assert!(!polled(6).answers_sent_request());
    assert!(!tick(5000).answers_sent_request());
}

//! "My CAs" in the wizard (issue 20), driven through the pure `update` with key sequences and the
//! background read's answers, as the runtime feeds them: the read, the table's order, the filter, the
//! detail and back, the handoff to activation and back, a failed read and its retry, BSS unreadable,
//! and the way in from a purchase's result.

mod common;

use common::wizard::*;

use crossterm::event::KeyCode;
use pca_order::activation::CaInfo;
use pca_order::api::{ApiError, CallError, Created, Outcome, Reason};
use pca_order::billing::subscription::{ResourceStatus, Subscription};
use pca_order::tui::keymap::{Action, Context, key_label};
use pca_order::tui::model::activation::{ActStep, ActivationEffect, ActivationMsg};
use pca_order::tui::model::manage::{ManageEffect, ManageMsg, ManageRead, ManageStep, Paid};
use pca_order::tui::model::{Effect, Model, Msg, Step};
use pca_order::tui::text::Lang;
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;

const ROOT: &str = "1284547e-68ef-4a94-adea-9df1e5d8ad61";
const SOON: &str = "2284547e-68ef-4a94-adea-9df1e5d8ad62";
const PENDING: &str = "3284547e-68ef-4a94-adea-9df1e5d8ad63";

const NOW: OffsetDateTime = datetime!(2026-12-07 00:00 UTC);

fn ca(id: &str, cn: Option<&str>, status: &str, not_after: Option<OffsetDateTime>) -> CaInfo {
    let mut v = json!({"ca_id": id, "type": "ROOT", "status": status});
    if let Some(cn) = cn {
        v["distinguished_name"] = json!({"common_name": cn, "country": "CN"});
    }
    if let Some(t) = not_after {
        v["not_after"] = json!(t.unix_timestamp() * 1000);
    }
    CaInfo::from_json(&v).expect("a CA object")
}

fn sub(id: &str, end: OffsetDateTime, policy: i64) -> Subscription {
    Subscription {
        resource_id: id.into(),
        status: ResourceStatus::InUse,
        effective_time: None,
        expire_time: Some(end),
        expire_policy: Some(policy),
        region_code: "cn-north-4".into(),
        is_main_resource: Some(1),
    }
}

/// Three CAs: an active root paid for a year (certificate for ten), one whose subscription ends in 5
/// days, and a PENDING one BSS lists for a month.
fn account() -> (Vec<CaInfo>, Vec<Subscription>) {
    (
        vec![
            ca(
                ROOT,
                Some("Team Root"),
                "ACTIVED",
                Some(datetime!(2036-12-01 00:00 UTC)),
            ),
            ca(
                SOON,
                Some("Lapsing"),
                "ACTIVED",
                Some(datetime!(2030-01-01 00:00 UTC)),
            ),
            ca(PENDING, None, "PENDING", None),
        ],
        vec![
            sub(ROOT, datetime!(2027-12-07 00:00 UTC), 3),
            sub(SOON, datetime!(2026-12-12 00:00 UTC), 0),
            sub(PENDING, datetime!(2027-01-07 00:00 UTC), 0),
        ],
    )
}

fn read(
    cas: Result<Vec<CaInfo>, CallError>,
    paid: Option<Result<Vec<Subscription>, CallError>>,
) -> Msg {
    Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(ManageRead {
        cas,
        paid,
        now: NOW,
    }))))
}

fn denied() -> CallError {
    CallError::Api(ApiError {
        status: 403,
        code: "PCA.10010003".into(),
        message: "no permission".into(),
        request_id: Some("req-77".into()),
    })
}

fn opened() -> (Model, Vec<Effect>) {
    let mut m = Model::new(Lang::En, header(), true);
    update_resize(&mut m);
    let effects = m.open_manage();
    (m, effects)
}

fn update_resize(m: &mut Model) {
    send(m, [Msg::Resize(80, 24)]);
}

/// The wizard on "My CAs" with the account read.
fn listed() -> Model {
    let (mut m, _) = opened();
    let (cas, subs) = account();
    send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
    m
}

fn loads(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Manage(ManageEffect::Load)))
        .count()
}

fn ids(m: &Model) -> Vec<String> {
    m.manage()
        .expect("on My CAs")
        .rows()
        .iter()
        .map(|r| r.ca.ca_id.clone())
        .collect()
}

fn esc() -> Ev {
    key(KeyCode::Esc)
}

#[test]
fn opening_reads_in_the_background_and_only_help_and_quit_work_meanwhile() {
    let (mut m, effects) = opened();
    assert_eq!(loads(&effects), 1, "{effects:?}");
    assert_eq!(m.context(), Context::ManageLoading);
    // Keys that mean something on the table do nothing while it is read; Esc never quits.
    let effects = send(&mut m, [enter(), ch('/'), ch('a'), esc(), ch('r')]);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.context(), Context::ManageLoading);
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![1], "nothing sent: 1");
}

#[test]
fn the_table_is_sorted_by_what_ends_soonest_and_arrows_and_pages_move_the_row() {
    let mut m = listed();
    assert_eq!(m.context(), Context::ManageListSub);
    // The subscription ending in 5 days first, then the PENDING one (a month), then the root (a year).
    assert_eq!(ids(&m), [SOON, PENDING, ROOT]);
    let flow = m.manage().expect("on My CAs");
    assert!(matches!(flow.paid_of(ROOT), Paid::Known(s) if s.auto_renew()));
    send(&mut m, [key(KeyCode::Down)]);
    assert_eq!(
        m.context(),
        Context::ManageListPendingSub,
        "a keeps to PENDING"
    );
    send(&mut m, [ch('j'), ch('j'), ch('j')]);
    assert_eq!(m.manage().expect("flow").cursor, 2, "stops at the end");
    // PgUp/PgDn move the highlighted row (the window follows it), not a scroll offset.
    send(&mut m, [key(KeyCode::PageUp)]);
    assert_eq!(m.manage().expect("flow").cursor, 0);
    send(&mut m, [key(KeyCode::PageDown)]);
    assert_eq!(m.manage().expect("flow").cursor, 2);
    // `a` on a CA that is not PENDING is not a key there.
    assert_eq!(m.context(), Context::ManageListSub);
    let effects = send(&mut m, [ch('a')]);
    assert!(effects.is_empty() && m.manage().is_some(), "{effects:?}");
}

/// On a terminal wider than 80 columns the table uses the room: the status words and the common
/// names that 80 columns cut are shown whole (on 80 the columns stay as they were).
#[test]
fn a_wider_terminal_shows_whole_statuses_and_common_names() {
    let m = listed();
    let wide = render_at(&m, 110, 30);
    assert!(wide.contains("pending activation"), "{wide}");
    assert!(!wide.contains("pending ac…"), "{wide}");
    // A CA without a common name shows its id, whole once there is room for 36 columns.
    let wider = render_at(&m, 120, 30);
    assert!(wider.contains(PENDING), "{wider}");
    let narrow = render_at(&m, 80, 24);
    assert!(narrow.contains("pending ac…"), "{narrow}");
}

#[test]
fn typing_filters_esc_clears_it_and_never_quits() {
    let mut m = listed();
    send(&mut m, [ch('/')]);
    assert_eq!(m.context(), Context::ManageFilter);
    // Letters go into the field, `q` included.
    let effects = send(&mut m, [ch('q')]);
    assert!(quits(&effects).is_empty());
    assert_eq!(m.manage().expect("flow").filter.value(), "q");
    assert!(ids(&m).is_empty(), "no CA has a q");
    send(&mut m, [ctrl('u'), ch('r'), ch('o'), ch('o'), ch('t')]);
    assert_eq!(ids(&m), [ROOT]);
    // Esc clears it and gives the keys back to the table.
    assert!(quits(&send(&mut m, [esc()])).is_empty());
    assert_eq!(m.context(), Context::ManageListSub);
    assert_eq!(ids(&m).len(), 3);
    // By status, in the words shown: Enter shows the row, the filter stands behind it.
    send(&mut m, [ch('/'), ch('p'), ch('e'), ch('n'), ch('d')]);
    assert_eq!(ids(&m), [PENDING]);
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::ManageDetailPendingSub);
    send(&mut m, [esc()]);
    assert_eq!(m.context(), Context::ManageListPendingSubFiltered);
    // On the table Esc clears a filter left standing; then it does nothing at all.
    send(&mut m, [esc()]);
    assert_eq!(m.context(), Context::ManageListSub);
    assert_eq!(ids(&m).len(), 3);
    let effects = send(&mut m, [esc()]);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.context(), Context::ManageListSub);
}

#[test]
fn enter_shows_the_ca_and_esc_goes_back_to_the_same_row() {
    let mut m = listed();
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Down), enter()]);
    let flow = m.manage().expect("flow");
    assert_eq!(flow.step, ManageStep::Detail);
    assert_eq!(flow.shown_ca().map(|c| c.ca_id.as_str()), Some(ROOT));
    assert_eq!(m.context(), Context::ManageDetailSub);
    send(&mut m, [esc()]);
    let flow = m.manage().expect("flow");
    assert_eq!(flow.step, ManageStep::List);
    assert_eq!(flow.cursor, 2);
}

#[test]
fn a_failed_read_names_status_code_and_request_and_r_reads_again() {
    let (mut m, _) = opened();
    send(&mut m, [read(Err(denied()), None)]);
    assert_eq!(m.context(), Context::ManageFailed);
    assert_eq!(
        key_label(Context::ManageFailed, Action::Reload).as_deref(),
        Some("r")
    );
    let effects = send(&mut m, [ch('r')]);
    assert_eq!(loads(&effects), 1);
    assert_eq!(m.context(), Context::ManageLoading);
    // A late second answer for nobody is dropped; the one awaited lands.
    let (cas, subs) = account();
    send(&mut m, [read(Ok(cas.clone()), Some(Ok(subs)))]);
    assert_eq!(m.context(), Context::ManageListSub);
    send(&mut m, [read(Err(denied()), None)]);
    assert_eq!(m.context(), Context::ManageListSub, "not waiting: ignored");
    // `r` on the table refreshes it too.
    assert_eq!(loads(&send(&mut m, [ch('r')])), 1);
}

#[test]
fn bss_unreadable_keeps_the_ccm_columns_and_every_paid_life_is_unknown() {
    let (mut m, _) = opened();
    let (cas, _) = account();
    send(
        &mut m,
        [read(
            Ok(cas),
            Some(Err(CallError::Send(Reason::Timeout {
                host: "bss.myhuaweicloud.com".into(),
                detail: "timed out".into(),
            }))),
        )],
    );
    let flow = m.manage().expect("flow");
    assert_eq!(flow.rows().len(), 3);
    assert!(flow.rows().iter().all(|r| r.paid == Paid::Unknown));
    // Without paid lives the certificates' ends still order the table; no end known goes last.
    assert_eq!(ids(&m), [SOON, ROOT, PENDING]);
}

/// From the highlighted PENDING row, `a` hands the CA to the activation flow; its end offers My CAs
/// (`m`), which reads the table again; what the activation sent still decides the exit code.
#[test]
fn a_activates_the_pending_ca_and_m_comes_back_to_a_fresh_table() {
    let mut m = listed();
    send(&mut m, [key(KeyCode::Down)]);
    let effects = send(&mut m, [ch('a')]);
    let flow = m.activation().expect("activation took over");
    assert_eq!(flow.queue, vec![PENDING.to_string()]);
    assert_eq!(flow.step, ActStep::Type);
    assert!(
        effects.contains(&Effect::Activation(ActivationEffect::LoadIssuers)),
        "{effects:?}"
    );
    // Walk to the question, say yes, the 204 and the CA read back ACTIVED.
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), enter(), ch('y')],
    );
    assert!(m.request_in_flight());
    let activated = |msg| Msg::Activation(Box::new(msg));
    send(
        &mut m,
        [activated(ActivationMsg::Activated(Outcome::Done(())))],
    );
    let mut back = ca(PENDING, Some("Private CA"), "ACTIVED", None);
    back.status = pca_order::activation::CaStatus::Actived;
    send(&mut m, [activated(ActivationMsg::Shown(Ok(back)))]);
    assert_eq!(m.context(), Context::ActDone);
    assert_eq!(
        key_label(Context::ActDone, Action::MyCas).as_deref(),
        Some("m")
    );
    let effects = send(&mut m, [ch('m')]);
    assert_eq!(loads(&effects), 1, "the table is read afresh");
    assert_eq!(m.context(), Context::ManageLoading);
    assert_eq!(m.earlier_activations.len(), 1);
    assert_eq!(m.exit_code(), 0, "the CA reads ACTIVED: 0, on My CAs too");
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![0]);
}

#[test]
fn an_activation_rejected_then_left_for_my_cas_still_exits_3() {
    let mut m = listed();
    send(&mut m, [key(KeyCode::Down), ch('a')]);
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), enter(), ch('y')],
    );
    let rejected = Outcome::Rejected(ApiError {
        status: 400,
        code: "PCA.10010002".into(),
        message: "bad".into(),
        request_id: None,
    });
    send(
        &mut m,
        [Msg::Activation(Box::new(ActivationMsg::Activated(
            rejected,
        )))],
    );
    assert_eq!(m.context(), Context::ActError);
    send(&mut m, [ch('m')]);
    assert!(m.manage().is_some());
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![3]);
}

#[test]
fn the_purchase_result_offers_my_cas() {
    let mut m = order_form_loaded();
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), enter(), ch('y')],
    );
    send(
        &mut m,
        [Msg::Submitted(Outcome::Done(Created {
            order_id: "CS1803192259ROA8U".into(),
            ca_ids: vec![PENDING.into()],
        }))],
    );
    assert_eq!(m.step(), Step::Result);
    let ctx = m.context();
    assert_eq!(
        key_label(ctx, Action::MyCas).as_deref(),
        Some("m"),
        "{ctx:?}"
    );
    let effects = send(&mut m, [ch('m')]);
    assert_eq!(loads(&effects), 1);
    assert!(m.manage().is_some());
    // The order was created: leaving from My CAs says so (0), as leaving the result would.
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![0]);
}

// ---- auto-renew on/off and unsubscribe from "My CAs" (issue 20) ----

use pca_order::billing::lifecycle::{AutoRenew, RefundLine, Unsubscribe, UnsubscribeAnswer};
use pca_order::tui::model::lifecycle::{LifeAnswer, LifeEffect, LifeMsg, LifeRequest, Refunds};
use pca_order::tui::model::{Notice, Overlay, Pending};

fn life(msg: LifeMsg) -> Msg {
    Msg::Manage(Box::new(ManageMsg::Life(Box::new(msg))))
}

fn sent(effects: &[Effect]) -> Vec<LifeRequest> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Lifecycle(LifeEffect::Send(r)) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn switched(o: Outcome<()>) -> Msg {
    life(LifeMsg::Sent {
        answer: LifeAnswer::Switched(o),
        journal_warning: None,
    })
}

fn timed_out() -> Reason {
    Reason::Timeout {
        host: "127.0.0.1".into(),
        detail: "timed out".into(),
    }
}

#[test]
fn auto_renew_asks_with_the_rows_opposite_state_sends_once_and_reads_the_row_back() {
    let mut m = listed();
    // The first row (SOON) has auto-renew off: `t` asks to switch it on, naming what BSS then does.
    assert_eq!(m.context(), Context::ManageListSub);
    let effects = send(&mut m, [ch('t')]);
    assert!(sent(&effects).is_empty(), "asked, not sent: {effects:?}");
    let Some(Overlay::Confirm(Pending::Lifecycle { request, .. })) = m.overlay.clone() else {
        panic!("the question is up: {:?}", m.overlay);
    };
    assert_eq!(
        request,
        LifeRequest::AutoRenew {
            ca_id: SOON.into(),
            common_name: Some("Lapsing".into()),
            switch: AutoRenew::On {
                times: None,
                period: None
            },
        }
    );
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(sent(&effects), vec![request.clone()], "sent exactly once");
    assert_eq!(m.context(), Context::ManageSending);
    assert!(m.request_in_flight());
    assert_eq!(m.exit_code(), 4, "in flight: unknown");
    // Keys do nothing while in flight; nothing is sent twice.
    assert!(sent(&send(&mut m, [enter(), ch('t'), ch('y')])).is_empty());
    let effects = send(&mut m, [switched(Outcome::Done(()))]);
    assert_eq!(loads(&effects), 1, "the row is read back: {effects:?}");
    assert_eq!(m.context(), Context::ManageOutcome);
    assert_eq!(m.exit_code(), 0);
    // The read-back arrives; Enter goes back to the refreshed list.
    let (cas, mut subs) = account();
    subs[1].expire_policy = Some(3);
    send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
    let flow = m.manage().expect("on My CAs");
    assert!(matches!(flow.paid_of(SOON), Paid::Known(s) if s.auto_renew()));
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::ManageListSub);
    // Now on: `t` asks to switch it off.
    send(&mut m, [ch('t')]);
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Confirm(Pending::Lifecycle {
            request: LifeRequest::AutoRenew {
                switch: AutoRenew::Off,
                ..
            },
            ..
        }))
    ));
}

#[test]
fn esc_backs_out_of_every_paid_life_action_with_nothing_sent() {
    let mut m = listed();
    let mut all = send(&mut m, [ch('t'), key(KeyCode::Esc)]);
    assert!(m.overlay.is_none());
    all.extend(send(&mut m, [ch('u')]));
    assert_eq!(m.context(), Context::ManageUnsubscribeChoose);
    all.extend(send(&mut m, [esc()]));
    assert_eq!(m.context(), Context::ManageListSub);
    all.extend(send(&mut m, [ch('u'), enter(), esc()]));
    assert!(m.overlay.is_none());
    all.extend(send(&mut m, [ch('u'), enter(), ch('n'), ch('o'), esc()]));
    assert!(sent(&all).is_empty(), "{all:?}");
    assert_eq!(m.exit_code(), 1, "nothing sent: 1");
}

#[test]
fn a_ca_bss_does_not_list_offers_no_paid_life_action() {
    let (mut m, _) = opened();
    let (cas, _) = account();
    send(&mut m, [read(Ok(cas), Some(Ok(Vec::new())))]);
    assert_eq!(m.context(), Context::ManageList);
    assert_eq!(key_label(Context::ManageList, Action::AutoRenew), None);
    assert_eq!(key_label(Context::ManageList, Action::Unsubscribe), None);
    assert!(key_label(Context::ManageListSub, Action::AutoRenew).is_some());
    let effects = send(&mut m, [ch('t'), ch('u'), ch('y')]);
    assert!(sent(&effects).is_empty());
    assert!(m.overlay.is_none());
    assert_eq!(m.context(), Context::ManageList);
}

#[test]
fn ending_a_ca_needs_its_name_typed_y_alone_or_a_wrong_name_sends_nothing() {
    let mut m = listed();
    send(&mut m, [ch('u')]);
    assert_eq!(m.context(), Context::ManageUnsubscribeChoose);
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::QuestionTyped);
    // `y` is a letter of the answer here, not a yes.
    let effects = send(&mut m, [ch('y')]);
    assert!(sent(&effects).is_empty());
    assert_eq!(m.context(), Context::QuestionTyped);
    let effects = send(&mut m, [enter()]);
    assert!(sent(&effects).is_empty(), "a wrong name sends nothing");
    assert!(m.overlay.is_none());
    assert_eq!(m.notice, Some(Notice::TypedMismatch));
    // Near miss (case) is still wrong: a CN is case-sensitive.
    send(&mut m, [ch('u'), enter()]);
    let effects = send(&mut m, "lapsing".chars().map(ch).chain([enter()]));
    assert!(sent(&effects).is_empty());
    // The name, exactly: sent once.
    send(&mut m, [ch('u'), enter()]);
    let effects = send(&mut m, "Lapsing".chars().map(ch).chain([enter()]));
    assert_eq!(
        sent(&effects),
        vec![LifeRequest::Unsubscribe {
            ca_id: SOON.into(),
            common_name: Some("Lapsing".into()),
            what: Unsubscribe::Ca
        }]
    );
    assert_eq!(m.context(), Context::ManageSending);
    // Done with an unsubscribe order: the list is read again and the refund breakdown asked for.
    let effects = send(
        &mut m,
        [life(LifeMsg::Sent {
            answer: LifeAnswer::Unsubscribed(Outcome::Done(UnsubscribeAnswer {
                order_ids: vec!["CS2612070101ABCDE".into()],
                failures: Vec::new(),
            })),
            journal_warning: None,
        })],
    );
    assert_eq!(loads(&effects), 1);
    assert!(effects.contains(&Effect::Lifecycle(LifeEffect::Refunds(
        "CS2612070101ABCDE".into()
    ))));
    assert_eq!(m.exit_code(), 0);
    send(
        &mut m,
        [life(LifeMsg::Refunds(Ok(Refunds {
            order_id: "CS2612070101ABCDE".into(),
            lines: vec![RefundLine {
                id: "r1".into(),
                amount: pca_order::billing::Amount::parse("-12.34").expect("an amount"),
                measure_id: Some(1),
            }],
            currency: "CNY".into(),
        })))],
    );
    assert_eq!(m.context(), Context::ManageOutcome);
}

#[test]
fn ending_only_renewals_is_a_plain_yes_no_question() {
    let mut m = listed();
    send(&mut m, [ch('u'), key(KeyCode::Down), enter()]);
    assert_eq!(m.context(), Context::Question);
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(
        sent(&effects),
        vec![LifeRequest::Unsubscribe {
            ca_id: SOON.into(),
            common_name: Some("Lapsing".into()),
            what: Unsubscribe::Renewals
        }]
    );
}

#[test]
fn rejected_and_unknown_outcomes_decide_the_exit_code_like_the_orders() {
    let mut m = listed();
    send(&mut m, [ch('t'), ch('y')]);
    let rejected = ApiError {
        status: 400,
        code: "CBC.99003128".into(),
        message: "no".into(),
        request_id: None,
    };
    let effects = send(&mut m, [switched(Outcome::Rejected(rejected))]);
    assert_eq!(loads(&effects), 0, "nothing changed: no read-back");
    assert_eq!(m.context(), Context::ManageOutcome);
    assert_eq!(m.exit_code(), 3);
    send(&mut m, [enter(), ch('t'), ch('y')]);
    send(&mut m, [switched(Outcome::Unknown(timed_out()))]);
    assert_eq!(m.exit_code(), 4);
    // An unknown earlier outcome keeps the session unknown unless a later one succeeded.
    send(&mut m, [enter(), ch('t'), ch('y')]);
    send(&mut m, [switched(Outcome::NotSent(timed_out()))]);
    assert_eq!(m.exit_code(), 4);
    // Leaving for activation keeps what was sent on the session's record.
    assert_eq!(quits(&send(&mut m, [enter(), ch('q')])), vec![4]);
}

#[test]
fn a_closed_terminal_ends_the_wizard_once_the_answer_is_in() {
    let mut m = listed();
    send(&mut m, [ch('t'), ch('y')]);
    let effects = send(&mut m, [Msg::InputClosed]);
    assert!(quits(&effects).is_empty(), "waits for the answer");
    let effects = send(&mut m, [switched(Outcome::Done(()))]);
    assert_eq!(quits(&effects), vec![0]);
}

#[tokio::test]
async fn after_the_wizard_ends_an_auto_renew_in_flight_is_waited_for_and_its_answer_kept() {
    let mut m = listed();
    send(&mut m, [ch('t'), ch('y')]);
    assert_eq!(m.exit_code(), 4);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tx.send(switched(Outcome::Done(()))).expect("send");
    pca_order::tui::finish_in_flight(
        &mut m,
        &mut rx,
        std::time::Duration::from_secs(10),
        std::future::pending::<()>(),
    )
    .await;
    assert!(!m.request_in_flight());
    assert_eq!(m.exit_code(), 0, "the answer is kept");
}

#[test]
fn ctrl_c_while_an_unsubscribe_is_in_flight_asks_and_the_answer_withdraws_the_question() {
    let mut m = listed();
    send(&mut m, [ch('u'), key(KeyCode::Down), enter(), ch('y')]);
    assert!(m.request_in_flight());
    let effects = send(&mut m, [ctrl('c')]);
    assert!(quits(&effects).is_empty(), "asks first");
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    send(
        &mut m,
        [life(LifeMsg::Sent {
            answer: LifeAnswer::Unsubscribed(Outcome::Unknown(timed_out())),
            journal_warning: Some("disk full".into()),
        })],
    );
    assert_eq!(m.overlay, None, "nothing in flight any more");
    assert_eq!(m.context(), Context::ManageOutcome);
    assert_eq!(m.journal_warning.as_deref(), Some("disk full"));
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![4]);
}

#[test]
fn the_ca_id_pasted_into_the_typed_question_confirms_it() {
    let mut m = listed();
    send(&mut m, [ch('u'), enter()]);
    send(&mut m, [Msg::Paste(format!("  {}\n", SOON.to_uppercase()))]);
    assert_eq!(m.context(), Context::QuestionTyped);
    let effects = send(&mut m, [enter()]);
    assert_eq!(sent(&effects).len(), 1, "{effects:?}");
}

// ---- renew from "My CAs" (issue 20) ----

use pca_order::billing::Amount;
use pca_order::billing::renew::{RenewRate, RenewRequest, RenewUnit, Renewed, ResourceFailure};

fn rate(ca_id: &str, amount: &str) -> RenewRate {
    RenewRate {
        currency: "CNY".into(),
        per_ca: vec![(ca_id.into(), Amount::parse(amount).expect("an amount"))],
        amount: Amount::parse(amount).expect("an amount"),
        list: None,
        discount: None,
        failures: Vec::new(),
    }
}

fn rated(r: Result<RenewRate, CallError>) -> Msg {
    life(LifeMsg::Rated(r))
}

fn rate_reads(effects: &[Effect]) -> Vec<RenewRequest> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Lifecycle(LifeEffect::RenewRate(r)) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn renewed(o: Outcome<Renewed>) -> Msg {
    life(LifeMsg::Sent {
        answer: LifeAnswer::Renewed(o),
        journal_warning: None,
    })
}

/// The screen as drawn on a wide terminal (no sentence is cut by wrapping), lines trimmed and joined.
fn render_text(m: &Model) -> String {
    render_at(m, 200, 50)
}

/// The screen as drawn on a terminal of this size, lines trimmed and joined.
fn render_at(m: &Model, width: u16, height: u16) -> String {
    let mut m = m.clone();
    send(&mut m, [Msg::Resize(width, height)]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("test backend");
    terminal
        .draw(|f| pca_order::tui::view::view(&m, f))
        .expect("drawn");
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn question_text(m: &Model) -> String {
    assert!(
        matches!(m.overlay, Some(Overlay::Confirm(_))),
        "no question: {:?}",
        m.overlay
    );
    render_text(m)
}

#[test]
fn renew_chooses_a_period_within_the_limits_reads_the_price_and_asks_once_with_the_amount() {
    let mut m = listed();
    assert_eq!(m.context(), Context::ManageListSub);
    send(&mut m, [ch('n')]);
    assert_eq!(m.context(), Context::ManageRenewChoose);
    // Years: 1 to 3; ↓ stops at 1, ↑ at 3.
    send(&mut m, [key(KeyCode::Down)]);
    send(
        &mut m,
        [key(KeyCode::Up), key(KeyCode::Up), key(KeyCode::Up)],
    );
    // → months keeps 3; ↑ to 11 and no further.
    send(&mut m, [key(KeyCode::Right)]);
    for _ in 0..12 {
        send(&mut m, [key(KeyCode::Up)]);
    }
    // Pay now on (Space).
    send(&mut m, [ch(' ')]);
    let effects = send(&mut m, [enter()]);
    assert!(sent(&effects).is_empty(), "a read, not a send: {effects:?}");
    let reads = rate_reads(&effects);
    assert_eq!(reads.len(), 1, "{effects:?}");
    assert_eq!(reads[0].resource_ids, vec![SOON.to_string()]);
    assert_eq!(reads[0].unit, RenewUnit::Month);
    assert_eq!(reads[0].period_num, 11);
    assert!(m.overlay.is_none(), "no question before the price");
    send(&mut m, [rated(Ok(rate(SOON, "1100")))]);
    let q = question_text(&m);
    assert!(q.contains("11 months"), "{q}");
    assert!(q.contains("1,100.00 CNY"), "{q}");
    assert!(
        q.contains("It is paid now from the account balance."),
        "{q}"
    );
    let Some(Overlay::Confirm(Pending::Lifecycle { request, .. })) = m.overlay.clone() else {
        panic!("the question is up: {:?}", m.overlay);
    };
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(sent(&effects), vec![request.clone()], "sent exactly once");
    let LifeRequest::Renew { auto_pay, req, .. } = &request else {
        panic!("{request:?}");
    };
    assert!(*auto_pay);
    assert_eq!(req.period_num, 11);
    assert_eq!(m.context(), Context::ManageSending);
    assert!(sent(&send(&mut m, [enter(), ch('y')])).is_empty());
    let effects = send(
        &mut m,
        [renewed(Outcome::Done(Renewed {
            order_ids: vec!["CS2612071200ABCDE".into()],
            failures: Vec::new(),
        }))],
    );
    // BSS is still processing the renewal order: it is followed before the CA is read again.
    assert_eq!(loads(&effects), 0, "not read while processing: {effects:?}");
    assert!(m.ticking, "the clock goes on for the follow");
    assert_eq!(m.context(), Context::ManageOutcome);
    assert_eq!(m.exit_code(), 0);
    let screen = render_text(&m);
    assert!(screen.contains("CS2612071200ABCDE"), "{screen}");
    assert_eq!(order_reads(&send(&mut m, [due()])), [ORDER]);
    let effects = send(&mut m, [order_read(ORDER, Ok(OrderStatus::Completed))]);
    assert_eq!(
        loads(&effects),
        1,
        "completed: the CA read again: {effects:?}"
    );
    // The read-back: the new paid-until beside the one before and the certificate's NOT AFTER.
    let (cas, mut subs) = account();
    subs[1].expire_time = Some(datetime!(2027-11-12 00:00 UTC));
    send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
    let screen = render_text(&m);
    assert!(
        screen.contains(
            "paid until 2027-11-12 00:00 UTC (was 2026-12-12 00:00 UTC); certificate NOT AFTER 2030-01-01"
        ),
        "{screen}"
    );
    assert!(screen.contains("whether renewing the subscription moves it is not documented"));
    assert!(
        !screen.contains("do not show the new paid-until yet"),
        "{screen}"
    );
}

// ---- following a renewal paid at once ----

use pca_order::billing::OrderStatus;

const ORDER: &str = "CS2612071200ABCDE";

fn order_reads(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Lifecycle(LifeEffect::ReadOrder(id)) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

fn order_read(order_id: &str, result: Result<OrderStatus, CallError>) -> Msg {
    life(LifeMsg::OrderRead {
        order_id: order_id.into(),
        result,
    })
}

/// Time enough for the next read (the official schedule: the first after 5 s, then every 10 s).
fn due() -> Msg {
    Msg::Tick(std::time::Duration::from_secs(10))
}

/// The wizard on the outcome of a renewal of the first row (SOON, paid until 2026-12-12) sent with
/// pay-now on (`pay_now`) or off, answered with `answer`; the effects of the answer.
fn renewal_answered(pay_now: bool, answer: Outcome<Renewed>) -> (Model, Vec<Effect>) {
    let mut m = listed();
    send(&mut m, [ch('n')]);
    if pay_now {
        send(&mut m, [ch(' ')]);
    }
    send(&mut m, [enter()]);
    send(&mut m, [rated(Ok(rate(SOON, "12000")))]);
    send(&mut m, [ch('y')]);
    let effects = send(&mut m, [renewed(answer)]);
    (m, effects)
}

fn one_order() -> Outcome<Renewed> {
    Outcome::Done(Renewed {
        order_ids: vec![ORDER.into()],
        failures: Vec::new(),
    })
}

fn following(m: &Model) -> bool {
    m.manage().is_some_and(|f| f.life.following())
}

#[test]
fn the_follow_starts_only_for_a_done_renewal_paid_at_once_that_named_its_order() {
    let (m, effects) = renewal_answered(true, one_order());
    assert!(following(&m));
    assert!(m.ticking, "{effects:?}");
    // Not paid at once: nothing to follow; the screen names `pca-order pay`, the row is read back.
    let (mut m, effects) = renewal_answered(false, one_order());
    assert!(!following(&m));
    assert!(!m.ticking);
    assert_eq!(loads(&effects), 1);
    assert!(order_reads(&send(&mut m, [due()])).is_empty());
    assert!(render_text(&m).contains(&format!("pca-order pay {ORDER}")));
    // Paid at once but no order named, or not done: nothing to follow either.
    for answer in [
        Outcome::Done(Renewed {
            order_ids: Vec::new(),
            failures: Vec::new(),
        }),
        Outcome::Unknown(timed_out()),
        Outcome::Rejected(ApiError {
            status: 400,
            code: "CBC.99003100".into(),
            message: "no".into(),
            request_id: None,
        }),
        Outcome::NotSent(timed_out()),
    ] {
        let (mut m, _) = renewal_answered(true, answer.clone());
        assert!(!following(&m), "{answer:?}");
        assert!(!m.ticking, "{answer:?}");
        assert!(order_reads(&send(&mut m, [due()])).is_empty());
    }
}

#[test]
fn each_status_of_the_followed_order_is_worded_and_only_completed_reads_the_ca_again() {
    let (mut m, _) = renewal_answered(true, one_order());
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!(
            "Renewal order {ORDER}: reading the order's status"
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!(
            "follow it later with `pca-order status {ORDER} --wait`"
        )),
        "{screen}"
    );
    // Still processing: said, and read again at the next due time.
    assert!(
        order_reads(&send(
            &mut m,
            [Msg::Tick(std::time::Duration::from_secs(4))]
        ))
        .is_empty()
    );
    assert_eq!(
        order_reads(&send(
            &mut m,
            [Msg::Tick(std::time::Duration::from_secs(1))]
        )),
        [ORDER]
    );
    let effects = send(&mut m, [order_read(ORDER, Ok(OrderStatus::Processing))]);
    assert_eq!(loads(&effects), 0);
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!(
            "Renewal order {ORDER}: processing (status 3)… following for 5 s"
        )),
        "{screen}"
    );
    assert_eq!(order_reads(&send(&mut m, [due()])), [ORDER]);
    // Cancelled: the follow ends, nothing is read again, the clock stops, the exit code stays 0.
    let effects = send(&mut m, [order_read(ORDER, Ok(OrderStatus::Cancelled))]);
    assert_eq!(loads(&effects), 0, "{effects:?}");
    assert!(effects.contains(&Effect::StopTicking), "{effects:?}");
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!(
            "Renewal order {ORDER} ended as cancelled (status 4) and will not complete: check it with `pca-order status {ORDER}`."
        )),
        "{screen}"
    );
    assert!(!screen.contains("stops following"), "{screen}");
    assert_eq!(
        m.exit_code(),
        0,
        "a read never changes what the renewal's answer said"
    );
    // Completed: said, and the CA is read again (once).
    let (mut m, _) = renewal_answered(true, one_order());
    send(&mut m, [due()]);
    let effects = send(&mut m, [order_read(ORDER, Ok(OrderStatus::Completed))]);
    assert_eq!(loads(&effects), 1);
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!("Renewal order {ORDER} completed.")),
        "{screen}"
    );
    assert!(screen.contains("Reading the CAs"), "{screen}");
    assert!(order_reads(&send(&mut m, [due()])).is_empty());
    // Read back before BSS's records moved: the old date, and the screen says so.
    let (cas, subs) = account();
    send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
    let screen = render_text(&m);
    assert!(
        screen.contains("paid until 2026-12-12 00:00 UTC (was 2026-12-12 00:00 UTC)"),
        "{screen}"
    );
    assert!(
        screen.contains("do not show the new paid-until yet"),
        "{screen}"
    );
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![0]);
}

#[test]
fn a_refused_read_stops_the_follow_with_its_status_code_and_request_id_and_another_is_read_again() {
    let (mut m, _) = renewal_answered(true, one_order());
    send(&mut m, [due()]);
    // The network failed this time: said, and read again.
    send(
        &mut m,
        [order_read(ORDER, Err(CallError::Send(timed_out())))],
    );
    let screen = render_text(&m);
    assert!(
        screen.contains("Could not read the order this time"),
        "{screen}"
    );
    assert!(following(&m));
    assert_eq!(order_reads(&send(&mut m, [due()])), [ORDER]);
    // Refused (4xx): asking again will not help; the follow stops and says how to check.
    let effects = send(&mut m, [order_read(ORDER, Err(denied()))]);
    assert_eq!(loads(&effects), 0);
    assert!(!following(&m));
    let screen = render_text(&m);
    for part in [
        "could not be read",
        "403",
        "PCA.10010003",
        "req-77",
        "do not renew again",
    ] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    assert!(order_reads(&send(&mut m, [due()])).is_empty());
    assert_eq!(m.exit_code(), 0);
}

#[test]
fn the_follow_stops_at_its_time_limit_and_says_how_to_check_later() {
    let (mut m, _) = renewal_answered(true, one_order());
    let limit = m.poll_schedule.limit;
    let mut waited = std::time::Duration::ZERO;
    while following(&m) {
        assert!(waited <= limit, "still following after the limit");
        for id in order_reads(&send(&mut m, [due()])) {
            send(&mut m, [order_read(&id, Ok(OrderStatus::Processing))]);
        }
        waited += std::time::Duration::from_secs(10);
    }
    assert_eq!(waited, limit, "stops at the limit, not before");
    assert!(!m.ticking);
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!(
            "did not complete while waiting; it exists: follow it with `pca-order status {ORDER} --wait`"
        )),
        "{screen}"
    );
    assert_eq!(m.exit_code(), 0);
}

/// Enter or Esc leave at any time: the follow stops (the journal has the renewal), the list is read
/// again, and an answer that arrives afterwards changes nothing.
#[test]
fn leaving_while_the_order_is_followed_reads_the_list_again_and_a_late_answer_is_dropped() {
    for leave in [enter(), esc()] {
        let (mut m, _) = renewal_answered(true, one_order());
        assert_eq!(order_reads(&send(&mut m, [due()])), [ORDER]);
        let effects = send(&mut m, [leave]);
        assert_eq!(loads(&effects), 1, "the list is read again: {effects:?}");
        assert!(effects.contains(&Effect::StopTicking), "{effects:?}");
        assert!(!following(&m));
        let (cas, subs) = account();
        send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
        assert_eq!(m.context(), Context::ManageListSub);
        let effects = send(&mut m, [order_read(ORDER, Ok(OrderStatus::Completed))]);
        assert!(effects.is_empty(), "a late answer is dropped: {effects:?}");
        assert_eq!(m.context(), Context::ManageListSub);
        assert!(order_reads(&send(&mut m, [due()])).is_empty());
        assert_eq!(quits(&send(&mut m, [ch('q')])), vec![0]);
    }
    // Without pay-now nothing was paid, so nothing moved: going back reads nothing.
    let (mut m, _) = renewal_answered(false, one_order());
    let (cas, subs) = account();
    send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
    assert_eq!(loads(&send(&mut m, [enter()])), 0);
}

#[test]
fn renew_without_pay_now_names_the_pay_command_and_the_lower_limit_holds() {
    let mut m = listed();
    // Years at 1: ↓ stays at 1; ← months keeps 1.
    send(&mut m, [ch('n'), key(KeyCode::Down), key(KeyCode::Left)]);
    let effects = send(&mut m, [enter()]);
    let reads = rate_reads(&effects);
    assert_eq!((reads[0].unit, reads[0].period_num), (RenewUnit::Month, 1));
    send(&mut m, [rated(Ok(rate(SOON, "100")))]);
    let q = question_text(&m);
    assert!(!q.contains("It is paid now"), "{q}");
    send(&mut m, [ch('y')]);
    send(
        &mut m,
        [renewed(Outcome::Done(Renewed {
            order_ids: vec!["CS2612071200ABCDE".into()],
            failures: Vec::new(),
        }))],
    );
    let screen = render_text(&m);
    assert!(
        screen.contains("pca-order pay --sandbox CS2612071200ABCDE")
            || screen.contains("pca-order pay CS2612071200ABCDE"),
        "{screen}"
    );
}

#[test]
fn esc_backs_out_of_renew_at_the_choice_and_at_the_question_with_nothing_sent() {
    let mut m = listed();
    let mut all = send(&mut m, [ch('n'), esc()]);
    assert_eq!(m.context(), Context::ManageListSub);
    all.extend(send(&mut m, [ch('n'), enter()]));
    all.extend(send(&mut m, [rated(Ok(rate(SOON, "100")))]));
    assert!(m.overlay.is_some());
    all.extend(send(&mut m, [esc()]));
    assert!(m.overlay.is_none());
    assert_eq!(
        m.context(),
        Context::ManageRenewChoose,
        "back on the choice"
    );
    all.extend(send(&mut m, [esc()]));
    assert!(sent(&all).is_empty(), "{all:?}");
    assert_eq!(m.exit_code(), 1, "nothing sent: 1");
}

#[test]
fn a_ca_bss_will_not_renew_is_worded_and_nothing_is_asked() {
    let mut m = listed();
    send(&mut m, [ch('n'), enter()]);
    let mut r = rate(SOON, "100");
    r.per_ca.clear();
    r.failures = vec![ResourceFailure {
        resource_id: SOON.into(),
        error_code: "CBC.30050013".into(),
        error_msg: "not supported".into(),
    }];
    send(&mut m, [rated(Ok(r))]);
    assert!(m.overlay.is_none(), "nothing to confirm");
    let screen = render_text(&m);
    assert!(screen.contains("does not support renewal"), "{screen}");
    assert!(screen.contains("CBC.30050013"), "{screen}");
    // A failed price read too: worded, nothing asked.
    send(&mut m, [enter(), ch('n'), enter()]);
    send(&mut m, [rated(Err(denied()))]);
    assert!(m.overlay.is_none());
    assert!(render_text(&m).contains("could not read the renewal price"));
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::ManageListSub);
    assert_eq!(m.exit_code(), 1, "nothing sent: 1");
}

#[test]
fn an_unknown_renewal_exits_4_and_says_where_to_look() {
    let mut m = listed();
    send(&mut m, [ch('n'), enter()]);
    send(&mut m, [rated(Ok(rate(SOON, "100")))]);
    send(&mut m, [ch('y')]);
    let effects = send(&mut m, [renewed(Outcome::Unknown(timed_out()))]);
    assert_eq!(loads(&effects), 0);
    assert_eq!(m.exit_code(), 4);
    assert!(render_text(&m).contains("outcome is unknown"));
    assert_eq!(quits(&send(&mut m, [enter(), ch('q')])), vec![4]);
}

// ---- the follow against the sandbox, through the effects' own executors ----

/// Runs each effect as the runtime does — the paid-life ones through `lifecycle_exec`, the list's
/// read through `manage_exec` — one after another, feeding each answer back (ticks are the caller's).
async fn drive(
    m: &mut Model,
    effects: Vec<Effect>,
    bss: &pca_order::api::bss::BssClient,
    journal: &pca_order::journal::Journal,
) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let msg = match effect {
            Effect::Manage(ManageEffect::Load) => Msg::Manage(Box::new(ManageMsg::Loaded(
                Box::new(pca_order::tui::manage_exec::read(bss).await),
            ))),
            Effect::Lifecycle(e) => {
                life(pca_order::tui::lifecycle_exec::execute(e, bss, journal).await)
            }
            _ => continue,
        };
        queue.extend(send(m, [msg]));
    }
}

/// A renewal paid at once from "My CAs" against the sandbox (orders settle after 300 ms): the answer
/// comes while the renewal order is processing; the wizard follows it with real reads and ends on the
/// CA's new paid-until beside the old one, the renewal sent and journaled once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renewal_paid_at_once_is_followed_in_the_sandbox_to_the_new_paid_until() {
    use pca_order::api::bss::BssClient;
    use pca_order::api::{CcmClient, CredentialSource, Credentials};
    use pca_order::journal::Journal;
    use pca_order::sandbox::{self, SandboxConfig};
    use std::time::{Duration, Instant};

    let sc = SandboxConfig {
        settle: Duration::from_millis(300),
        ..SandboxConfig::default()
    };
    let sb = sandbox::start(sc.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts");
    let id = common::sandbox_http::buy(&sb, 1, true).await.remove(0);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let credentials = Credentials::ak_sk(sc.ak.clone(), sc.sk.clone(), None, Some(sc.domain_id));
    let mut config = common::config_at(
        &sb.base_url(),
        dir.path().join("orders.jsonl"),
        credentials,
        Duration::from_secs(10),
        true,
    );
    config.credentials.source = CredentialSource::Sandbox;
    let client = CcmClient::new(&config).expect("client");
    let bss = BssClient::new(client, Some(config.endpoints.ccm.clone()));
    let journal = Journal::new(config.journal_path.clone());
    let mut m = Model::new(Lang::En, header(), true);
    m.poll_schedule = pca_order::tui::model::PollSchedule::for_endpoint(bss.is_loopback());
    update_resize(&mut m);
    let effects = m.open_manage();
    drive(&mut m, effects, &bss, &journal).await;
    let paid_until = |m: &Model| {
        m.manage()
            .and_then(|f| f.paid_of(&id).subscription())
            .and_then(|s| s.expire_time)
    };
    let was = paid_until(&m).expect("the bought CA's paid-until");
    // Renew by a year (the default), paid at once; the question, then `y`.
    let effects = send(&mut m, [ch('n'), ch(' '), enter()]);
    drive(&mut m, effects, &bss, &journal).await;
    let effects = send(&mut m, [ch('y')]);
    drive(&mut m, effects, &bss, &journal).await;
    assert_eq!(m.context(), Context::ManageOutcome, "{}", render_text(&m));
    let deadline = Instant::now() + Duration::from_secs(20);
    let step = Duration::from_millis(100);
    while !render_text(&m).contains("(was ") {
        assert!(Instant::now() < deadline, "{}", render_text(&m));
        tokio::time::sleep(step).await;
        let effects = send(&mut m, [Msg::Tick(step)]);
        drive(&mut m, effects, &bss, &journal).await;
    }
    let now = paid_until(&m).expect("read again");
    assert!(now > was && now.year() == was.year() + 1, "{was} → {now}");
    let minute = |t: OffsetDateTime| {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    };
    let screen = render_text(&m);
    assert!(
        screen.contains(&format!("paid until {} (was {})", minute(now), minute(was))),
        "{screen}"
    );
    assert!(screen.contains("completed."), "{screen}");
    assert!(!following(&m));
    assert_eq!(m.exit_code(), 0);
    // Sent once, journaled before and after; the follow's reads journal nothing.
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(dir.path().join("orders.jsonl"))
        .expect("journal")
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let states: Vec<&str> = lines
        .iter()
        .map(|l| l["state"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(states, ["sending", "renewed"], "{lines:?}");
}

/// Every paid-life action's answer goes on the session's record as it arrives, and the exit summary —
/// printed after the wizard leaves the alternate screen — lists each one with its order ids and the
/// next step, in both languages, so a renewal order id is never only on a screen that is gone.
#[test]
fn paid_life_actions_are_recorded_and_listed_in_the_exit_summary() {
    use pca_order::tui::model::{LifeRecord, LifeWhat};
    use pca_order::tui::view::lifecycle::summary;
    let (m, _) = renewal_answered(true, one_order());
    assert_eq!(
        m.session.life,
        vec![LifeRecord {
            what: LifeWhat::Renew { paid: true },
            ca_id: SOON.into(),
            common_name: Some("Lapsing".into()),
            outcome: Outcome::Done(vec![ORDER.into()]),
        }]
    );
    let (m, _) = renewal_answered(false, Outcome::Unknown(timed_out()));
    assert_eq!(m.session.life.len(), 1);
    assert_eq!(m.session.life[0].what, LifeWhat::Renew { paid: false });
    assert!(matches!(m.session.life[0].outcome, Outcome::Unknown(_)));
    // An auto-renew switch: recorded with no orders.
    let mut m = listed();
    send(&mut m, [ch('t'), ch('y')]);
    assert!(m.session.life.is_empty(), "in flight: nothing recorded yet");
    send(&mut m, [switched(Outcome::Done(()))]);
    assert_eq!(m.session.life[0].what, LifeWhat::AutoRenewOn);
    assert_eq!(m.session.life[0].outcome, Outcome::Done(Vec::new()));

    let record = |what, outcome| LifeRecord {
        what,
        ca_id: SOON.into(),
        common_name: Some("Lapsing".into()),
        outcome,
    };
    let refused = ApiError {
        status: 400,
        code: "CBC.30050013".into(),
        message: "not renewable".into(),
        request_id: Some("req-1".into()),
    };
    let records = vec![
        record(
            LifeWhat::Renew { paid: true },
            Outcome::Done(vec![ORDER.into()]),
        ),
        record(
            LifeWhat::Renew { paid: false },
            Outcome::Done(vec![ORDER.into()]),
        ),
        record(LifeWhat::Renew { paid: false }, Outcome::Rejected(refused)),
        record(LifeWhat::AutoRenewOff, Outcome::Done(Vec::new())),
        record(LifeWhat::UnsubscribeCa, Outcome::Unknown(timed_out())),
    ];
    assert_eq!(summary(&[], Lang::En, true, true), None, "nothing sent");
    let en = summary(&records, Lang::En, true, true).expect("some");
    for words in [
        "SANDBOX",
        "My CAs",
        &format!(
            "CA Lapsing ({SOON}): Renewal order {ORDER} created. Paid from the account balance"
        ),
        &format!("pca-order status --sandbox {ORDER} --wait"),
        &format!("pca-order pay --sandbox {ORDER}"),
        "CBC.30050013",
        "req-1",
        &format!("Auto-renew switched off for CA {SOON}"),
        &format!("Unsubscribe of CA {SOON}: outcome unknown"),
    ] {
        assert!(en.contains(words), "{words}: {en}");
    }
    assert!(en.lines().skip(2).all(|l| l.starts_with("  ")), "{en}");
    // After the orders' summary (which said SANDBOX already), no second banner.
    let quiet = summary(&records, Lang::En, true, false).expect("some");
    assert!(!quiet.contains("SANDBOX"), "{quiet}");
    let zh = summary(&records, Lang::ZhCn, false, true).expect("some");
    assert!(zh.contains("我的 CA"), "{zh}");
    assert!(zh.contains(&format!("pca-order pay {ORDER}")), "{zh}");
    assert!(!zh.contains("--sandbox"), "{zh}");
}

/// A CA already unsubscribed (its subscription closed) or deleted has nothing left to renew, switch
/// or end: `n`, `t` and `u` are neither offered nor acted on — renewing it would be paying for nothing.
#[test]
fn a_closed_subscription_or_a_deleted_ca_offers_no_paid_life_keys() {
    for (status, closed) in [("ACTIVED", true), ("DELETED", false)] {
        let (mut m, _) = opened();
        let (mut cas, mut subs) = account();
        // The first row (SOON, ends soonest) is the one the keys act on.
        cas[1] = ca(
            SOON,
            Some("Lapsing"),
            status,
            Some(datetime!(2030-01-01 00:00 UTC)),
        );
        if closed {
            subs[1].status = ResourceStatus::Closed;
        }
        send(&mut m, [read(Ok(cas), Some(Ok(subs)))]);
        let flow = m.manage().expect("on My CAs");
        assert_eq!(flow.current().map(|c| c.ca_id.clone()), Some(SOON.into()));
        assert!(!flow.current_subscribed(), "{status}");
        for k in ['n', 't', 'u'] {
            let effects = send(&mut m, [ch(k)]);
            assert!(effects.is_empty(), "{status} {k}: {effects:?}");
            assert!(m.overlay.is_none(), "{status} {k}: no question");
            assert!(
                m.manage().is_some_and(|f| f.life.screen.is_none()),
                "{status} {k}: no screen"
            );
        }
        let footer = render_text(&m);
        assert!(!footer.contains("n renew"), "{status}: {footer}");
    }
}

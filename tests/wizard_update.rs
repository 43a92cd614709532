//! The wizard's behaviour, driven through the pure `update` with key sequences and background results.

mod common;

use common::wizard::*;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use pca_order::api::{ApiError, CallError, Created, Outcome, Reason};
use pca_order::billing::{Amount, Discount, Price};
use pca_order::order::validate::QuotaLeft;
use pca_order::order::{ConsoleConfig, Field, OrderDraft, OrderRequest, PeriodUnit, Rule};
use pca_order::tui::model::{
    BillStep, Effect, Load, Model, Msg, OrderForm, Overlay, Pending, ProjectChoice, ProjectMode,
    ReviewFocus, Step,
};
use pca_order::tui::text::Lang;
use proptest::prelude::*;

/// The order form, which these tests reach while the wizard is in the order's flow.
fn form(m: &Model) -> &OrderForm {
    m.order_form().expect("the order form")
}

fn fresh() -> (Model, Vec<Effect>) {
    let mut m = Model::new(Lang::En, header(), false);
    let effects = m.start();
    (m, effects)
}

fn model() -> Model {
    fresh().0
}

fn confirming(m: &Model) -> bool {
    matches!(m.overlay, Some(Overlay::Confirm(_)))
}

fn quit_confirm(m: &Model) -> bool {
    m.overlay == Some(Overlay::ConfirmQuit)
}

fn help_open(m: &Model) -> bool {
    m.overlay == Some(Overlay::Help)
}

fn json_scroll(m: &Model) -> Option<u16> {
    m.order_form().and_then(|f| f.json.scroll())
}

fn type_text(m: &mut Model, s: &str) -> Vec<Effect> {
    send(m, s.chars().map(ch))
}

/// Clears the focused field (Ctrl-U) and types `s`.
fn replace(m: &mut Model, s: &str) {
    send(m, [ctrl('u')]);
    type_text(m, s);
}

fn submits(effects: &[Effect]) -> Vec<OrderRequest> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn projects() -> Vec<ProjectChoice> {
    vec![
        ProjectChoice {
            id: "d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03".into(),
            name: "dev-team".into(),
            description: "developers".into(),
            enabled: true,
        },
        ProjectChoice {
            id: "91e6f0b8-3d2c-4a5e-a7b1-0c8d4f2e6a97".into(),
            name: "legacy-archive".into(),
            description: String::new(),
            enabled: false,
        },
        ProjectChoice {
            id: "0".into(),
            name: "default".into(),
            description: String::new(),
            enabled: true,
        },
        ProjectChoice {
            id: "4b7e2a90-5f13-4c6d-b2a8-e91f0c3d7a15".into(),
            name: "security-pki".into(),
            description: String::new(),
            enabled: true,
        },
    ]
}

fn api_error(status: u16) -> ApiError {
    ApiError {
        status,
        code: "PCA.00020001".into(),
        message: "incorrect parameter".into(),
        request_id: Some("req-1".into()),
    }
}

fn created() -> Outcome {
    Outcome::Done(Created {
        order_id: "CS1803192259ROA8U".into(),
        ca_ids: vec!["4284547e-68ef-4a94-adea-9df1e5d8ad65".into()],
    })
}

/// Walks from a fresh wizard to the confirmation and answers `y`.
fn place_default(m: &mut Model) -> Vec<Effect> {
    send(m, [enter(), enter(), enter(), enter(), enter(), ch('y')])
}

#[test]
fn start_loads_quota_and_projects_and_ticks_only_while_loading() {
    let (mut m, effects) = fresh();
    assert_eq!(
        effects,
        vec![
            Effect::LoadQuota,
            Effect::LoadProjects,
            Effect::LoadConsole,
            Effect::StartTicking
        ]
    );
    assert!(
        send(
            &mut m,
            [Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 12
            }))]
        )
        .is_empty()
    );
    let effects = send(&mut m, [Msg::ProjectsLoaded(Ok(projects()))]);
    assert_eq!(effects, vec![Effect::StopTicking]);
    // Idle: a tick (should one straggle in) changes nothing.
    let spinner = m.spinner;
    assert!(send(&mut m, [Msg::Tick(std::time::Duration::from_millis(100))]).is_empty());
    assert_eq!(m.spinner, spinner);
}

#[test]
fn enter_alone_walks_to_review_and_y_submits_the_default_order() {
    let mut m = model();
    let steps: Vec<Step> = (0..4)
        .map(|_| {
            send(&mut m, [enter()]);
            m.step()
        })
        .collect();
    assert_eq!(
        steps,
        vec![Step::Quantity, Step::Renewal, Step::Project, Step::Review]
    );
    let effects = send(&mut m, [enter()]);
    assert!(confirming(&m));
    assert!(submits(&effects).is_empty(), "Enter alone never sends");
    let effects = send(&mut m, [ch('y')]);
    let expected = OrderDraft::default()
        .validate(None)
        .expect("default is valid");
    assert_eq!(submits(&effects), vec![expected]);
    assert!(effects.contains(&Effect::StartTicking) || m.ticking);
    assert_eq!(m.step(), Step::Submitting);
}

#[test]
fn enter_through_with_quota_and_projects_loaded_gives_the_same_order() {
    let mut m = model();
    send(
        &mut m,
        [
            Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 12,
            })),
            Msg::ProjectsLoaded(Ok(projects())),
        ],
    );
    let effects = place_default(&mut m);
    assert_eq!(
        submits(&effects),
        vec![OrderDraft::default().validate(None).expect("valid")]
    );
}

#[test]
fn only_y_answers_the_confirmation() {
    for answer in [ch('n'), enter(), key(KeyCode::Esc), ch('Y')] {
        let mut m = model();
        send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
        assert!(confirming(&m));
        let is_yes = matches!(&answer, Ev::Key(k) if k.code == KeyCode::Char('Y'));
        let effects = send(&mut m, [answer]);
        assert_eq!(submits(&effects).len(), usize::from(is_yes));
        assert!(!confirming(&m));
        if !is_yes {
            assert_eq!(m.step(), Step::Review);
        }
    }
}

#[test]
fn back_and_forward_keep_every_value() {
    let mut m = model();
    send(&mut m, [key(KeyCode::Down)]);
    replace(&mut m, "3");
    send(&mut m, [enter()]);
    replace(&mut m, "5");
    send(
        &mut m,
        [enter(), ch('y'), key(KeyCode::Down), ch(' '), enter()],
    );
    assert_eq!(m.step(), Step::Project);
    send(&mut m, [Msg::ProjectsLoaded(Ok(projects()))]);
    // Down from "default" goes to dev-team.
    send(&mut m, [key(KeyCode::Down), enter()]);
    assert_eq!(m.step(), Step::Review);
    send(&mut m, [key(KeyCode::Up)]);
    assert_eq!(form(&m).review_focus, ReviewFocus::Promotion);
    type_text(&mut m, "SPRING");
    // Back with all three keys: Shift-Tab, Alt-Left, b (outside a text field).
    send(&mut m, [key(KeyCode::Down)]);
    send(&mut m, [ch('b')]);
    assert_eq!(m.step(), Step::Project);
    send(&mut m, [key(KeyCode::BackTab)]);
    assert_eq!(m.step(), Step::Renewal);
    send(&mut m, [ch('b')]);
    assert_eq!(m.step(), Step::Quantity);
    send(&mut m, [key_mod(KeyCode::Left, KeyModifiers::ALT)]);
    assert_eq!(m.step(), Step::Period);
    assert_eq!(form(&m).period_unit, PeriodUnit::Year);
    assert_eq!(form(&m).period_input.value(), "3");
    assert_eq!(form(&m).quantity_input.value(), "5");
    assert!(form(&m).auto_renew && form(&m).auto_pay);
    // And forward again with Enter (Tab moves between fields, never to the next step; issue 19): the
    // project cursor sits on the chosen project.
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(m.step(), Step::Period, "Tab is not the next step");
    send(&mut m, [enter(), enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    assert_eq!(form(&m).promotion_input.value(), "SPRING");
    let effects = send(&mut m, [enter(), ch('y')]);
    let expected = OrderDraft {
        period_unit: PeriodUnit::Year,
        period_num: 3,
        subscription_num: 5,
        is_auto_renew: true,
        is_auto_pay: true,
        enterprise_project_id: "d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03".into(),
        promotion_info: "SPRING".into(),
    }
    .validate(None)
    .expect("valid");
    assert_eq!(submits(&effects), vec![expected]);
}

fn assert_blocks(m: &mut Model, step: Step, field: Field, rule: impl Fn(&Rule) -> bool) {
    let before = m.step();
    assert_eq!(before, step);
    send(m, [enter()]);
    assert_eq!(m.step(), step, "Enter must not leave {step:?}");
    send(m, [key(KeyCode::Tab)]);
    assert_eq!(m.step(), step, "Tab must not leave {step:?}");
    let err = match step {
        Step::Period => form(m).period_num().err(),
        Step::Quantity => form(m).quantity().err(),
        Step::Project => form(m).typed_project_error(),
        _ => form(m).promotion_error(),
    }
    .expect("an error is shown");
    assert_eq!(err.field, field);
    assert!(rule(&err.rule), "unexpected rule {:?}", err.rule);
}

#[test]
fn period_rules_block_next() {
    let mut m = model();
    for (text, is_rule) in [
        (
            "13",
            (|r: &Rule| matches!(r, Rule::Range { max: 12, .. })) as fn(&Rule) -> bool,
        ),
        ("0", |r| matches!(r, Rule::Range { min: 1, .. })),
        ("abc", |r| *r == Rule::NotANumber),
        ("1b", |r| *r == Rule::NotANumber),
        ("", |r| *r == Rule::Required),
        ("99999999999999999999999", |r| {
            matches!(r, Rule::Range { .. })
        }),
    ] {
        replace(&mut m, text);
        assert_blocks(&mut m, Step::Period, Field::PeriodNum, is_rule);
    }
    // Years: 5 at most.
    send(&mut m, [key(KeyCode::Down)]);
    assert_eq!(form(&m).period_unit, PeriodUnit::Year);
    replace(&mut m, "6");
    assert_blocks(&mut m, Step::Period, Field::PeriodNum, |r| {
        matches!(r, Rule::Range { max: 5, .. })
    });
    replace(&mut m, "5");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Quantity);
    // 12 is fine for months but not years: switching back to months makes it valid again.
    send(&mut m, [key(KeyCode::BackTab)]);
    replace(&mut m, "12");
    assert!(form(&m).period_num().is_err());
    send(&mut m, [key(KeyCode::Up)]);
    assert_eq!(form(&m).period_unit, PeriodUnit::Month);
    assert_eq!(form(&m).period_num(), Ok(12));
}

#[test]
fn quantity_rules_block_next() {
    let mut m = model();
    send(&mut m, [enter()]);
    replace(&mut m, "101");
    assert_blocks(&mut m, Step::Quantity, Field::SubscriptionNum, |r| {
        matches!(r, Rule::Range { max: 100, .. })
    });
    replace(&mut m, "x");
    assert_blocks(&mut m, Step::Quantity, Field::SubscriptionNum, |r| {
        *r == Rule::NotANumber
    });
    replace(&mut m, "");
    assert_blocks(&mut m, Step::Quantity, Field::SubscriptionNum, |r| {
        *r == Rule::Required
    });
    send(
        &mut m,
        [Msg::QuotaLoaded(Ok(QuotaLeft {
            quota: 100,
            used: 95,
        }))],
    );
    replace(&mut m, "6");
    assert_blocks(&mut m, Step::Quantity, Field::SubscriptionNum, |r| {
        *r == Rule::QuotaExceeded {
            left: 5,
            used: 95,
            quota: 100,
        }
    });
    replace(&mut m, "5");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Renewal);
}

#[test]
fn a_bad_project_id_blocks_next() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter()]);
    send(&mut m, [Msg::ProjectsLoaded(Ok(projects()))]);
    // To the "Enter an ID…" row (the last) and into typing.
    for _ in 0..5 {
        send(&mut m, [key(KeyCode::Down)]);
    }
    send(&mut m, [enter()]);
    assert_eq!(form(&m).project_mode, ProjectMode::Typed);
    for bad in [
        "xyz",
        "",
        "12345678-1234-1234-1234-12345678901g",
        &"a".repeat(65),
    ] {
        replace(&mut m, bad);
        assert_blocks(&mut m, Step::Project, Field::EnterpriseProjectId, |r| {
            matches!(
                r,
                Rule::ProjectIdFormat | Rule::Required | Rule::Length { .. }
            )
        });
    }
    // An upper-case UUID is the same id: made lower case (the API refuses upper case), and shown so.
    replace(&mut m, "3B2D4C1E-0F6A-4B8C-9D7E-1A2B3C4D5E6F");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Review);
    assert_eq!(
        form(&m).enterprise_project_id,
        "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"
    );
}

#[test]
fn promotion_over_2048_chars_blocks_the_order() {
    let mut m = model();
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), key(KeyCode::Up)],
    );
    assert_eq!(form(&m).review_focus, ReviewFocus::Promotion);
    send(&mut m, [Msg::Paste("字".repeat(2049))]);
    let err = form(&m).promotion_error().expect("too long");
    assert_eq!(err.field, Field::PromotionInfo);
    assert_eq!(err.rule, Rule::Length { min: 0, max: 2048 });
    // Enter in the field does not move on; on the button it does not confirm.
    send(&mut m, [enter()]);
    assert_eq!(form(&m).review_focus, ReviewFocus::Promotion);
    send(&mut m, [key(KeyCode::Down), enter()]);
    assert!(!confirming(&m));
    let effects = send(&mut m, [ch('y')]);
    assert!(submits(&effects).is_empty());
    // Enter on the button moved focus to the offending field, so that y was typed into it.
    assert_eq!(form(&m).review_focus, ReviewFocus::Promotion);
    assert!(form(&m).promotion_input.value().ends_with('y'));
    // Back to 2048: fine.
    send(&mut m, [key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert!(form(&m).promotion_error().is_none());
    send(&mut m, [enter(), enter()]);
    assert!(confirming(&m));
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(
        submits(&effects)[0].promotion_info.as_deref(),
        Some("字".repeat(2048).as_str())
    );
}

#[test]
fn nothing_more_is_sent_while_in_flight() {
    let mut m = model();
    let effects = place_default(&mut m);
    assert_eq!(submits(&effects).len(), 1);
    let effects = send(
        &mut m,
        [
            enter(),
            ch('y'),
            enter(),
            ch('y'),
            key(KeyCode::Tab),
            ch('b'),
        ],
    );
    assert!(submits(&effects).is_empty());
    assert_eq!(m.step(), Step::Submitting);
    // Elapsed time comes from ticks only.
    send(&mut m, [Msg::Tick(std::time::Duration::from_millis(1500))]);
    assert_eq!(m.elapsed, std::time::Duration::from_millis(1500));
}

#[test]
fn each_outcome_lands_on_its_screen_and_exit_code() {
    let cases: Vec<(Outcome, Step, i32)> = vec![
        (created(), Step::Result, 0),
        (Outcome::Rejected(api_error(400)), Step::Error, 3),
        (Outcome::Rejected(api_error(401)), Step::Error, 3),
        (Outcome::Rejected(api_error(403)), Step::Error, 3),
        (Outcome::Rejected(api_error(429)), Step::Error, 3),
        (Outcome::Rejected(api_error(500)), Step::Error, 3),
        (
            Outcome::Unknown(Reason::Timeout {
                host: "127.0.0.1".into(),
                detail: "timed out".into(),
            }),
            Step::Error,
            4,
        ),
        (
            Outcome::NotSent(Reason::Connect {
                host: "127.0.0.1".into(),
                detail: "connection refused".into(),
            }),
            Step::Error,
            5,
        ),
    ];
    for (outcome, step, code) in cases {
        let mut m = model();
        place_default(&mut m);
        send(&mut m, [Msg::Submitted(outcome.clone())]);
        assert_eq!(m.step(), step, "{outcome:?}");
        // A created order's screen is billing's result.
        let bill_step = (step == Step::Result).then_some(BillStep::Result);
        assert_eq!(m.bill_step(), bill_step, "{outcome:?}");
        assert_eq!(m.outcome(), Some(&outcome));
        let mut quit_q = m.clone();
        assert_eq!(quits(&send(&mut quit_q, [ch('q')])), vec![code]);
        let mut quit_c = m.clone();
        assert_eq!(quits(&send(&mut quit_c, [ctrl('c')])), vec![code]);
    }
}

#[test]
fn result_copies_the_order_id() {
    let mut m = model();
    place_default(&mut m);
    send(&mut m, [Msg::Submitted(created())]);
    let effects = send(&mut m, [ch('c')]);
    assert_eq!(effects, vec![Effect::Copy("CS1803192259ROA8U".into())]);
}

#[test]
fn from_error_back_to_review_keeps_values_and_retries_only_through_confirmation() {
    let mut m = model();
    send(&mut m, [enter()]);
    replace(&mut m, "7");
    send(&mut m, [enter(), enter(), enter(), enter(), ch('y')]);
    send(
        &mut m,
        [Msg::Submitted(Outcome::NotSent(Reason::Connect {
            host: "127.0.0.1".into(),
            detail: "dns".into(),
        }))],
    );
    assert_eq!(m.step(), Step::Error);
    for back in [ch('r'), ch('b'), key(KeyCode::BackTab)] {
        let mut m = m.clone();
        send(&mut m, [back]);
        assert_eq!(m.step(), Step::Review);
        assert_eq!(form(&m).quantity_input.value(), "7");
        let effects = send(&mut m, [ch('y')]);
        assert!(submits(&effects).is_empty(), "y alone never sends");
        let effects = send(&mut m, [enter(), ch('y')]);
        assert_eq!(submits(&effects).len(), 1);
        assert_eq!(submits(&effects)[0].subscription_num, 7);
    }
}

#[test]
fn ctrl_c_cancels_before_sending_and_asks_while_in_flight() {
    for steps in 0..5 {
        let mut m = model();
        send(&mut m, (0..steps).map(|_| enter()));
        assert_eq!(quits(&send(&mut m, [ctrl('c')])), vec![1]);
    }
    // In the confirmation too.
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
    assert_eq!(quits(&send(&mut m, [ctrl('c')])), vec![1]);

    let mut m = model();
    place_default(&mut m);
    assert!(quits(&send(&mut m, [ctrl('c')])).is_empty());
    assert!(quit_confirm(&m));
    // Anything but y stays.
    assert!(quits(&send(&mut m, [ch('n')])).is_empty());
    assert!(!quit_confirm(&m));
    send(&mut m, [ctrl('c')]);
    assert_eq!(quits(&send(&mut m, [ch('y')])), vec![4]);
    // With help open, the question replaces it so it can be seen.
    let mut m = model();
    place_default(&mut m);
    send(&mut m, [ch('?')]);
    assert!(help_open(&m));
    send(&mut m, [ctrl('c')]);
    assert!(quit_confirm(&m) && !help_open(&m));
    // The answer arriving while the question is up shows the outcome.
    let mut m = model();
    place_default(&mut m);
    send(&mut m, [ctrl('c'), Msg::Submitted(created()).into()]);
    assert!(!quit_confirm(&m));
    assert_eq!(m.bill_step(), Some(BillStep::Result));
}

#[test]
fn only_key_presses_act() {
    let mut m = model();
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let msg = Ev::Key(KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        });
        send(&mut m, [msg]);
    }
    assert_eq!(m.step(), Step::Period);
}

#[test]
fn quota_failure_goes_on_without_it() {
    let mut m = model();
    let err = CallError::Api(ApiError {
        status: 403,
        code: "APIGW.0302".into(),
        message: "not authorized".into(),
        request_id: None,
    });
    send(&mut m, [Msg::QuotaLoaded(Err(err.clone()))]);
    assert_eq!(form(&m).quota, Load::Failed(err));
    send(&mut m, [enter()]);
    replace(&mut m, "100");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Renewal);
}

#[test]
fn a_late_quota_below_the_quantity_sends_the_user_back() {
    let mut m = model();
    send(&mut m, [enter()]);
    replace(&mut m, "50");
    send(&mut m, [enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    send(&mut m, [enter()]);
    assert!(confirming(&m));
    send(
        &mut m,
        [Msg::QuotaLoaded(Ok(QuotaLeft {
            quota: 100,
            used: 90,
        }))],
    );
    assert_eq!(m.step(), Step::Quantity);
    assert!(!confirming(&m));
    let effects = send(&mut m, [ch('y')]);
    assert!(submits(&effects).is_empty());
}

#[test]
fn project_failure_falls_back_to_typing() {
    let mut m = model();
    send(
        &mut m,
        [Msg::ProjectsLoaded(Err(CallError::Network(
            "connection refused".into(),
        )))],
    );
    assert_eq!(form(&m).project_mode, ProjectMode::Typed);
    send(&mut m, [enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Project);
    assert_eq!(form(&m).project_id_input.value(), "0");
    replace(&mut m, "not-a-uuid");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Project);
    replace(&mut m, "0");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Review);
}

#[test]
fn filter_narrows_the_list_and_disabled_projects_cannot_be_chosen() {
    let mut m = model();
    send(&mut m, [Msg::ProjectsLoaded(Ok(projects()))]);
    send(&mut m, [enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Project);
    // The default project comes first even though EPS listed it third.
    assert_eq!(form(&m).project_list()[0].id, "0");
    // Down, Down: dev-team, then skips legacy-archive (disabled) to security-pki.
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    let rows = form(&m).project_rows();
    let list = form(&m).project_list();
    let at = |m: &Model| match rows[form(m).project_cursor] {
        pca_order::tui::model::ProjectRow::Project(i) => list[i].name.clone(),
        pca_order::tui::model::ProjectRow::EnterId => "<enter id>".into(),
    };
    assert_eq!(at(&m), "security-pki");
    send(&mut m, [key(KeyCode::Up)]);
    assert_eq!(at(&m), "dev-team");
    // Filter to the disabled one only: the cursor can only be on "Enter an ID…".
    type_text(&mut m, "legacy");
    assert_eq!(form(&m).project_rows().len(), 2);
    assert_eq!(
        form(&m).project_rows()[form(&m).project_cursor],
        pca_order::tui::model::ProjectRow::EnterId
    );
    send(&mut m, [key(KeyCode::Up)]);
    assert_eq!(
        form(&m).project_rows()[form(&m).project_cursor],
        pca_order::tui::model::ProjectRow::EnterId
    );
    send(&mut m, [enter()]);
    assert_eq!(form(&m).project_mode, ProjectMode::Typed);
    assert_ne!(
        form(&m).enterprise_project_id,
        "91e6f0b8-3d2c-4a5e-a7b1-0c8d4f2e6a97"
    );
    // Filter by name, case-insensitive, then choose.
    send(&mut m, [key(KeyCode::Up)]);
    replace(&mut m, "PKI");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Review);
    assert_eq!(
        form(&m).enterprise_project_id,
        "4b7e2a90-5f13-4c6d-b2a8-e91f0c3d7a15"
    );
}

#[test]
fn paste_drops_control_characters() {
    let mut m = model();
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), key(KeyCode::Up)],
    );
    send(&mut m, [Msg::Paste("a\nb\u{1b}[31mc\td\u{7}\r中".into())]);
    assert_eq!(form(&m).promotion_input.value(), "ab[31mcd中");
    // Into a count field as well.
    let mut m = model();
    send(&mut m, [ctrl('u'), Msg::Paste("1\n2".into()).into()]);
    assert_eq!(form(&m).period_input.value(), "12");
    // Outside a text field (renewal), a paste is ignored.
    let mut m = model();
    send(&mut m, [enter(), enter(), Msg::Paste("y".into()).into()]);
    assert!(!form(&m).auto_renew);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut m = model();
    send(&mut m, [ch('?')]);
    assert!(help_open(&m));
    send(&mut m, [enter()]);
    assert!(!help_open(&m));
    assert_eq!(m.step(), Step::Period, "the closing key does nothing else");
    // In the promotion field ? is text; F1 still opens help.
    send(
        &mut m,
        [
            enter(),
            enter(),
            enter(),
            enter(),
            key(KeyCode::Up),
            ch('?'),
        ],
    );
    assert!(!help_open(&m));
    assert_eq!(form(&m).promotion_input.value(), "?");
    send(&mut m, [key(KeyCode::F(1))]);
    assert!(help_open(&m));
}

#[test]
fn json_view_opens_on_review() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), ch('v')]);
    assert_eq!(json_scroll(&m), Some(0));
    send(&mut m, [key(KeyCode::Down)]);
    assert_eq!(json_scroll(&m), Some(1));
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(json_scroll(&m), None);
    send(&mut m, [key(KeyCode::F(2))]);
    assert!(json_scroll(&m).is_some());
}

#[test]
fn closed_input_quits_but_waits_for_an_order_in_flight() {
    let mut m = model();
    assert_eq!(quits(&send(&mut m, [Msg::InputClosed])), vec![1]);
    let mut m = model();
    place_default(&mut m);
    assert!(quits(&send(&mut m, [Msg::InputClosed])).is_empty());
    assert_eq!(quits(&send(&mut m, [Msg::Submitted(created())])), vec![0]);
}

fn arb_key() -> impl Strategy<Value = Ev> {
    prop_oneof![
        4 => Just(enter()),
        2 => Just(ch('y')),
        1 => Just(ch('Y')),
        1 => Just(ch('n')),
        1 => Just(ch('b')),
        1 => Just(ch('q')),
        1 => Just(ch('c')),
        1 => Just(ch('r')),
        1 => Just(ch('v')),
        1 => Just(ch('?')),
        1 => Just(ch('j')),
        1 => Just(ch('k')),
        1 => Just(ch(' ')),
        2 => (0u32..10).prop_map(|d| ch(char::from_digit(d, 10).unwrap_or('0'))),
        1 => Just(ch('x')),
        1 => Just(ch('中')),
        1 => Just(ctrl('u')),
        1 => Just(key(KeyCode::Tab)),
        1 => Just(key(KeyCode::BackTab)),
        1 => Just(key_mod(KeyCode::Left, KeyModifiers::ALT)),
        2 => Just(key(KeyCode::Up)),
        2 => Just(key(KeyCode::Down)),
        2 => Just(key(KeyCode::Backspace)),
        1 => Just(key(KeyCode::Esc)),
        1 => Just(key(KeyCode::F(1))),
        1 => Just(key(KeyCode::F(2))),
    ]
}

fn arb_outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(created()),
        (400u16..600).prop_map(|s| Outcome::Rejected(api_error(s))),
        Just(Outcome::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "reset".into()
        })),
        Just(Outcome::NotSent(Reason::Connect {
            host: "127.0.0.1".into(),
            detail: "refused".into()
        })),
    ]
}

fn arb_msg() -> impl Strategy<Value = Ev> {
    prop_oneof![
        20 => arb_key(),
        1 => Just(ctrl('c')),
        1 => "[ -~\n\t\u{1b}中]{0,40}".prop_map(|t| Ev::M(Msg::Paste(t))),
        1 => (0u64..120, 0u64..120).prop_map(|(quota, used)| Ev::M(Msg::QuotaLoaded(Ok(QuotaLeft { quota, used })))),
        1 => Just(Ev::M(Msg::QuotaLoaded(Err(CallError::Network("down".into()))))),
        1 => Just(Ev::M(Msg::ProjectsLoaded(Ok(projects())))),
        1 => Just(Ev::M(Msg::ProjectsLoaded(Err(CallError::Network("down".into()))))),
        2 => arb_outcome().prop_map(|o| Ev::M(Msg::Submitted(o))),
        1 => (0u64..500).prop_map(|ms| Ev::M(Msg::Tick(std::time::Duration::from_millis(ms)))),
        1 => (0u16..200, 0u16..60).prop_map(|(w, h)| Ev::M(Msg::Resize(w, h))),
    ]
}

proptest! {
    // 400 cases by default; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    /// Whatever arrives: never on Review with an invalid earlier field, at most one Submit and only as the
    /// answer `y` to a confirmation, and no panic.
    #[test]
    fn random_sequences_keep_the_invariants(
        msgs in proptest::collection::vec(arb_msg(), 0..120),
        zh in any::<bool>(),
        (w, h) in (1u16..140, 1u16..50),
    ) {
        let mut m = model();
        if zh {
            m.lang = Lang::ZhCn;
        }
        for msg in msgs {
            let was_confirming = confirming(&m);
            let asked = match &m.overlay {
                Some(Overlay::Confirm(Pending::Order { request, .. })) => Some(request.clone()),
                _ => None,
            };
            let is_y = matches!(&msg, Ev::Key(k) if matches!(k.code, KeyCode::Char('y' | 'Y')) && k.modifiers.is_empty());
            let in_flight_before = form(&m).in_flight.is_some();
            let effects = apply(&mut m, msg);
            let n = submits(&effects).len();
            prop_assert!(n <= 1);
            if n == 1 {
                prop_assert!(was_confirming && is_y, "a Submit came without a confirmed y");
                prop_assert_eq!(Some(submits(&effects)[0].clone()), asked, "a Submit sent other than what was asked");
                prop_assert!(!in_flight_before, "a second Submit while one was in flight");
                prop_assert_eq!(m.step(), Step::Submitting);
            }
            if m.step() == Step::Review {
                prop_assert!(form(&m).period_num().is_ok(), "on Review with bad period {:?}", form(&m).period_input.value());
                prop_assert!(form(&m).quantity().is_ok(), "on Review with bad quantity {:?}", form(&m).quantity_input.value());
                prop_assert!(pca_order::order::validate::enterprise_project_id(&form(&m).enterprise_project_id).is_ok());
            }
            if confirming(&m) {
                prop_assert!(form(&m).request().is_ok(), "asking to confirm an invalid order");
            }
            if !quits(&effects).is_empty() {
                break;
            }
        }
        // Whatever state it reached draws without panicking, at any size.
        for (w, h) in [(80, 24), (w, h)] {
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            terminal
                .draw(|f| pca_order::tui::view::view(&m, f))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}

#[test]
fn lang_parse_and_detect() {
    assert_eq!(Lang::parse("en"), Some(Lang::En));
    assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
    for zh in ["zh-CN", "zh", "ZH_cn", "zh-Hans"] {
        assert_eq!(Lang::parse(zh), Some(Lang::ZhCn), "{zh}");
    }
    assert_eq!(Lang::parse("fr"), None);
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::detect(Some(Lang::En), &env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::detect(None, &env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::ZhCn
    );
    assert_eq!(
        Lang::detect(None, &env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En,
        "LC_ALL wins over LANG"
    );
    assert_eq!(
        Lang::detect(None, &env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")])),
        Lang::ZhCn
    );
    assert_eq!(Lang::detect(None, &env(&[])), Lang::En);
}

#[test]
fn every_rule_reads_in_both_languages() {
    use pca_order::order::LimitSource;
    let rules = [
        Rule::Required,
        Rule::NotANumber,
        Rule::WrongType("string"),
        Rule::Range {
            min: 1,
            max: 12,
            unit: "months",
            source: LimitSource::Ours,
        },
        Rule::AtLeast { min: 1 },
        Rule::QuotaExceeded {
            left: 5,
            used: 95,
            quota: 100,
        },
        Rule::OneOf(&[2, 3]),
        Rule::Length { min: 0, max: 2048 },
        Rule::Fixed("ca.duration"),
        Rule::Items { max: 10 },
        Rule::ProjectIdFormat,
    ];
    for rule in &rules {
        let en = Lang::En.text().rule(rule);
        let zh = Lang::ZhCn.text().rule(rule);
        assert!(!en.is_empty() && !zh.is_empty());
        assert_ne!(en, zh, "{rule:?} is not translated");
    }
}

#[test]
fn the_exit_summary_keeps_the_order_id_after_the_screen_is_gone() {
    use pca_order::tui::view::outcome::summary;
    let mut m = model();
    assert_eq!(summary(&m), None, "nothing sent, nothing to summarise");
    place_default(&mut m);
    send(&mut m, [Msg::Submitted(created())]);
    let text = summary(&m).expect("a summary");
    assert!(text.contains("CS1803192259ROA8U"), "{text}");
    assert!(
        text.contains("4284547e-68ef-4a94-adea-9df1e5d8ad65"),
        "{text}"
    );
    assert!(text.contains("/tmp/orders.jsonl"), "{text}");

    let mut m = model();
    place_default(&mut m);
    send(
        &mut m,
        [
            Msg::JournalWarning("disk full".into()),
            Msg::Submitted(created()),
        ],
    );
    let text = summary(&m).expect("a summary");
    assert!(
        text.contains("not written to the journal") && text.contains("disk full"),
        "{text}"
    );

    let mut m = model();
    place_default(&mut m);
    send(&mut m, [Msg::Submitted(Outcome::Rejected(api_error(403)))]);
    let text = summary(&m).expect("a summary");
    for want in ["403", "PCA.00020001", "req-1", "pca:ca:create"] {
        assert!(text.contains(want), "{want} in {text}");
    }

    let mut m = Model::new(Lang::ZhCn, header(), false);
    m.start();
    place_default(&mut m);
    send(
        &mut m,
        [Msg::Submitted(Outcome::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "timeout".into(),
        }))],
    );
    let text = summary(&m).expect("a summary");
    assert!(
        text.contains("订单日志"),
        "in the wizard's language: {text}"
    );
}

#[test]
fn nothing_can_be_answered_while_the_terminal_is_too_small() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
    assert!(confirming(&m));
    send(&mut m, [Msg::Resize(40, 10)]);
    assert!(
        !confirming(&m),
        "a question that cannot be seen is withdrawn"
    );
    let effects = send(
        &mut m,
        [ch('y'), enter(), ch('y'), Msg::Paste("12".into()).into()],
    );
    assert!(submits(&effects).is_empty(), "blind keys buy nothing");
    assert_eq!(m.step(), Step::Review);
    send(&mut m, [Msg::Resize(80, 24)]);
    let effects = send(&mut m, [enter(), ch('y')]);
    assert_eq!(submits(&effects).len(), 1);
}

#[test]
fn buying_again_after_an_unknown_outcome_warns_first() {
    use ratatui::{Terminal, backend::TestBackend};
    let mut m = model();
    place_default(&mut m);
    assert!(!m.earlier_may_exist());
    send(
        &mut m,
        [Msg::Submitted(Outcome::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "timeout".into(),
        }))],
    );
    assert!(m.earlier_may_exist());
    send(&mut m, [ch('r'), enter()]);
    assert!(confirming(&m));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| pca_order::tui::view::view(&m, f))
        .expect("draw");
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen
            .contains("An earlier attempt may have bought CAs: check the console's orders first."),
        "{screen}"
    );
    assert!(screen.contains("Buy 1 private CA for 1 month? y/N"));
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(
        submits(&effects).len(),
        1,
        "still only through the confirmation"
    );
    send(&mut m, [Msg::Submitted(created())]);
    let text = pca_order::tui::view::outcome::summary(&m).expect("summary");
    assert!(
        text.contains("timeout") && text.contains("CS1803192259ROA8U"),
        "every attempt is summarised: {text}"
    );
}

#[test]
fn the_credential_source_is_named_in_the_wizard_language() {
    use pca_order::api::CredentialSource;
    assert_eq!(
        Lang::ZhCn
            .text()
            .credential_source(&CredentialSource::EnvCloudSdk),
        "环境变量 CLOUD_SDK_AK/SK"
    );
    assert_eq!(
        Lang::En
            .text()
            .credential_source(&CredentialSource::EnvCloudSdk),
        "env CLOUD_SDK_AK/SK"
    );
}

#[test]
fn a_later_refusal_does_not_hide_an_earlier_order_that_may_exist() {
    let mut m = model();
    place_default(&mut m);
    // What the client makes of a 504: unknown, with the answer kept in the reason.
    send(
        &mut m,
        [Msg::Submitted(Outcome::Unknown(Reason::ServerError(
            ApiError {
                status: 504,
                code: "APIGW.0201".into(),
                message: "Request time out.".into(),
                request_id: Some("req-1".into()),
            },
        )))],
    );
    assert_eq!(m.exit_code(), 4, "a 5xx is unknown: the order may exist");
    send(&mut m, [ch('r'), enter(), ch('y')]);
    send(&mut m, [Msg::Submitted(Outcome::Rejected(api_error(400)))]);
    assert_eq!(
        m.exit_code(),
        4,
        "the 504's order may exist, whatever the 400 says"
    );
    send(&mut m, [ch('r'), enter(), ch('y')]);
    send(&mut m, [Msg::Submitted(created())]);
    assert_eq!(m.exit_code(), 0, "an order id ends it");
}

#[test]
fn invisible_characters_never_enter_a_field_and_every_journal_warning_is_kept() {
    let mut m = model();
    send(&mut m, [Msg::Paste("1\u{200b}2\u{202e}".into())]);
    // The prefilled "1" is selected, so the paste replaces it (issue 19).
    assert_eq!(
        form(&m).period_input.value(),
        "12",
        "zero-width and bidi characters are dropped"
    );
    let mut m = model();
    place_default(&mut m);
    send(
        &mut m,
        [
            Msg::JournalWarning("disk full".into()),
            Msg::Submitted(Outcome::Unknown(Reason::Timeout {
                host: "127.0.0.1".into(),
                detail: "cut".into(),
            })),
        ],
    );
    send(&mut m, [ch('r'), enter(), ch('y')]);
    assert_eq!(
        m.journal_warning, None,
        "a new attempt starts without the old warning on screen"
    );
    send(&mut m, [Msg::Submitted(created())]);
    let text = pca_order::tui::view::outcome::summary(&m).expect("summary");
    assert!(
        text.contains("disk full"),
        "the first attempt's warning survives in the summary: {text}"
    );
}

#[test]
fn the_summary_after_the_wizard_gives_advice_for_the_shell_not_wizard_keys() {
    for lang in [Lang::En, Lang::ZhCn] {
        let mut m = Model::new(lang, header(), false);
        m.start();
        place_default(&mut m);
        send(&mut m, [Msg::Submitted(Outcome::Rejected(api_error(400)))]);
        let screen_advice = &lang.text().advice_400("r");
        let text = pca_order::tui::view::outcome::summary(&m).expect("summary");
        assert!(!text.contains(screen_advice), "{text}");
        assert!(
            !text.contains(" r "),
            "no wizard key after the wizard: {text}"
        );
        assert!(text.contains(lang.text().advice_400_after), "{text}");
    }
}

#[test]
fn a_typed_project_id_matches_the_listed_project_whatever_its_case() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter()]);
    send(&mut m, [Msg::ProjectsLoaded(Ok(projects()))]);
    for _ in 0..5 {
        send(&mut m, [key(KeyCode::Down)]);
    }
    send(&mut m, [enter()]);
    replace(&mut m, " D28C5E14-9A3B-47F2-8C60-5E4B1A7F9D03 ");
    let effects = send(&mut m, [enter(), enter(), ch('y')]);
    assert_eq!(
        form(&m)
            .project_name(&form(&m).enterprise_project_id)
            .as_deref(),
        Some("dev-team")
    );
    let sent = submits(&effects);
    assert_eq!(
        sent[0].enterprise_project_id.as_deref(),
        Some("d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03")
    );
}

#[test]
fn the_locale_decides_utf8_by_lc_all_then_lc_ctype_then_lang() {
    use pca_order::tui::utf8_locale;
    let env_of = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert!(utf8_locale(&env_of(&[("LANG", "en_US.UTF-8")])));
    assert!(utf8_locale(&env_of(&[("LANG", "de_DE.utf8@euro")])));
    assert!(!utf8_locale(&env_of(&[("LANG", "C")])));
    assert!(!utf8_locale(&env_of(&[])));
    assert!(!utf8_locale(&env_of(&[("LANG", "zh_CN.GBK")])));
    assert!(!utf8_locale(&env_of(&[
        ("LC_ALL", "C"),
        ("LANG", "en_US.UTF-8")
    ])));
    assert!(utf8_locale(&env_of(&[
        ("LC_CTYPE", "C.UTF-8"),
        ("LANG", "C")
    ])));
}

#[test]
fn enter_on_a_listed_project_with_an_invalid_id_says_why() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter()]);
    let mut list = projects();
    list.push(ProjectChoice {
        id: "not-a-uuid".into(),
        name: "odd".into(),
        description: String::new(),
        enabled: true,
    });
    send(&mut m, [Msg::ProjectsLoaded(Ok(list))]);
    type_text(&mut m, "odd");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Project);
    assert_eq!(
        m.notice,
        Some(pca_order::tui::model::Notice::ProjectIdInvalid)
    );
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
    terminal
        .draw(|f| pca_order::tui::view::view(&m, f))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("not 0 or a UUID"), "{screen}");
}

#[test]
fn a_count_field_takes_no_more_than_its_six_columns() {
    let mut m = model();
    replace(&mut m, "12345678901234567890");
    assert_eq!(form(&m).period_input.value(), "123456");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Period, "still refused by the range rule");
    send(&mut m, [ctrl('u')]);
    send(&mut m, [Msg::Paste("98765432109876".into())]);
    assert_eq!(form(&m).period_input.value(), "987654");
}

#[test]
fn y_sends_the_request_the_question_holds_not_one_recomputed() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
    let Some(Overlay::Confirm(Pending::Order { request, .. })) = m.overlay.clone() else {
        panic!("no confirmation: {:?}", m.overlay);
    };
    // Whatever changes behind the question, `y` sends what it showed.
    m.order_form_mut().expect("the order form").promotion_input =
        "changed behind the question".into();
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(submits(&effects), vec![request]);
}

#[test]
fn the_json_view_stops_scrolling_at_its_last_line() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), ch('v')]);
    let last = u16::try_from(m.json_lines() - 1).expect("few lines");
    send(&mut m, std::iter::repeat_n(key(KeyCode::Down), 200));
    assert_eq!(json_scroll(&m), Some(last));
    // One press up moves up at once: no invisible scroll to climb back through.
    send(&mut m, [key(KeyCode::Up)]);
    assert_eq!(json_scroll(&m), Some(last - 1));
}

// ---- Price on the review (issue 9) ----

fn price_asks(effects: &[Effect]) -> Vec<OrderRequest> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadPrice(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn back_tab() -> Ev {
    key_mod(KeyCode::BackTab, KeyModifiers::SHIFT)
}

fn a_price(to_pay: &str, list: &str) -> Price {
    let list = Amount::parse(list).expect("decimal");
    let to_pay = Amount::parse(to_pay).expect("decimal");
    Price {
        discount: (list != to_pay).then(|| Discount {
            amount: to_pay,
            discount_amount: list.minus(&to_pay),
            name: "promo".into(),
            discount_type: Some(600),
        }),
        list,
        currency: "CNY".into(),
        measure_id: 1,
        what: "1 CA × 1 month".into(),
    }
}

fn price_state(m: &Model) -> Option<&Load<Price>> {
    form(m).price.as_ref().map(|q| &q.load)
}

#[test]
fn the_review_asks_the_price_once_per_choice_and_again_when_the_choices_change() {
    let mut m = model();
    send(
        &mut m,
        [
            Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 0,
            })),
            Msg::ProjectsLoaded(Ok(projects())),
        ],
    );
    assert!(!m.ticking);
    let effects = send(&mut m, [enter(), enter(), enter()]);
    assert!(
        price_asks(&effects).is_empty(),
        "no price before the review"
    );
    let effects = send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Review);
    let first = price_asks(&effects);
    assert_eq!(first.len(), 1, "entering the review asks the price");
    assert_eq!((first[0].period_num, first[0].subscription_num), (1, 1));
    assert_eq!(price_state(&m), Some(&Load::Loading));
    assert!(m.ticking, "the price's spinner turns");
    let effects = send(
        &mut m,
        [Msg::price_loaded(
            first[0].clone(),
            Ok(a_price("100", "100")),
        )],
    );
    assert!(
        effects.contains(&Effect::StopTicking),
        "and stops with the answer"
    );

    // Editing the promotion text does not change the price: no new request.
    send(&mut m, [key(KeyCode::Up)]);
    let effects = type_text(&mut m, "SPRING");
    assert!(price_asks(&effects).is_empty());

    // Back to the quantity, 3 CAs, forward again: a new request for the new choices.
    send(
        &mut m,
        [key(KeyCode::Down), back_tab(), back_tab(), back_tab()],
    );
    assert_eq!(m.step(), Step::Quantity);
    replace(&mut m, "3");
    let effects = send(&mut m, [enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    let second = price_asks(&effects);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].subscription_num, 3);

    // Back and forth without a change asks nothing new.
    let effects = send(&mut m, [back_tab(), enter()]);
    assert_eq!(m.step(), Step::Review);
    assert!(price_asks(&effects).is_empty());
}

#[test]
fn a_late_price_for_earlier_choices_is_dropped_and_the_current_one_is_named_in_the_question() {
    let mut m = model();
    let old = price_asks(&send(&mut m, [enter(), enter(), enter(), enter()]));
    send(&mut m, [back_tab(), back_tab(), back_tab()]);
    replace(&mut m, "2");
    let new = price_asks(&send(&mut m, [enter(), enter(), enter()]));
    assert_eq!(new.len(), 1);

    // The answer for 1 CA arrives after the user chose 2: it must not show beside 2.
    send(
        &mut m,
        [Msg::price_loaded(old[0].clone(), Ok(a_price("100", "100")))],
    );
    assert_eq!(price_state(&m), Some(&Load::Loading));
    assert!(form(&m).price_for(&new[0]).is_none());

    send(
        &mut m,
        [Msg::price_loaded(new[0].clone(), Ok(a_price("180", "200")))],
    );
    assert_eq!(price_state(&m), Some(&Load::Loaded(a_price("180", "200"))));
    // The confirmation holds the 2-CA request, and that request has a known price to name.
    send(&mut m, [enter()]);
    match &m.overlay {
        Some(Overlay::Confirm(Pending::Order { request, .. })) => {
            assert_eq!(request.subscription_num, 2);
            assert_eq!(
                form(&m).price_for(request).map(|p| p.charged().fixed(2)),
                Some("200.00".to_string())
            );
        }
        other => panic!("expected the buy question, got {other:?}"),
    }
}

#[test]
fn a_price_that_cannot_be_had_says_why_and_buying_is_still_possible() {
    let mut m = model();
    let asked = price_asks(&send(&mut m, [enter(), enter(), enter(), enter()]));
    let not_found = CallError::Api(ApiError {
        status: 400,
        code: "CBC.99006006".into(),
        message: "product not found".into(),
        request_id: None,
    });
    send(
        &mut m,
        [Msg::price_loaded(asked[0].clone(), Err(not_found.clone()))],
    );
    assert_eq!(price_state(&m), Some(&Load::Failed(not_found)));
    let effects = send(&mut m, [enter(), ch('y')]);
    assert_eq!(
        submits(&effects).len(),
        1,
        "no price does not stop the order"
    );
}

#[test]
fn a_failed_price_is_asked_again_when_the_review_is_reached_again() {
    let mut m = model();
    let asked = price_asks(&send(&mut m, [enter(), enter(), enter(), enter()]));
    send(
        &mut m,
        [Msg::price_loaded(
            asked[0].clone(),
            Err(CallError::Network("connection refused".into())),
        )],
    );
    let again = price_asks(&send(&mut m, [back_tab(), enter()]));
    assert_eq!(again, asked, "a failure is not kept as the answer");
}

// ---- issue 19: one key rule in every flow ----

fn esc() -> Ev {
    key(KeyCode::Esc)
}

/// A wizard on the review with every default (the button focused).
fn on_review() -> Model {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    m
}

#[test]
fn esc_goes_back_one_step_on_every_step_and_never_quits_or_loses_input() {
    let mut m = model();
    // Step 1 has nothing to go back to: Esc does nothing (it never quits).
    assert!(quits(&send(&mut m, [esc()])).is_empty());
    assert_eq!(m.step(), Step::Period);
    replace(&mut m, "3");
    send(&mut m, [enter()]);
    replace(&mut m, "4");
    send(&mut m, [enter(), ch('y'), enter()]);
    assert_eq!(m.step(), Step::Project);
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Review);
    for (from_field, expect) in [
        (false, Step::Project),
        (false, Step::Renewal),
        (false, Step::Quantity),
        (false, Step::Period),
    ] {
        let effects = send(&mut m, [esc()]);
        assert!(quits(&effects).is_empty(), "Esc never quits");
        assert_eq!(m.step(), expect, "from a field: {from_field}");
    }
    assert_eq!(form(&m).period_input.value(), "3");
    assert_eq!(form(&m).quantity_input.value(), "4");
    assert!(form(&m).auto_renew);
    // In the promotion field, Esc goes back too (the field keeps its text).
    let mut m = on_review();
    send(&mut m, [key(KeyCode::Up)]);
    type_text(&mut m, "SPRING");
    send(&mut m, [esc()]);
    assert_eq!(m.step(), Step::Project);
    send(&mut m, [enter()]);
    assert_eq!(form(&m).promotion_input.value(), "SPRING");
    // From the error screen Esc is the review, every value kept.
    let mut m = on_review();
    send(&mut m, [enter(), ch('y')]);
    send(&mut m, [Msg::Submitted(Outcome::Rejected(api_error(400)))]);
    assert_eq!(m.step(), Step::Error);
    assert!(quits(&send(&mut m, [esc()])).is_empty());
    assert_eq!(m.step(), Step::Review);
}

#[test]
fn esc_closes_an_overlay_and_answers_no_to_a_question() {
    let mut m = on_review();
    send(&mut m, [ch('?')]);
    assert!(help_open(&m));
    send(&mut m, [esc()]);
    assert!(!help_open(&m));
    assert_eq!(m.step(), Step::Review, "closing help is not a step back");
    send(&mut m, [ch('v')]);
    assert!(form(&m).json.shown);
    send(&mut m, [esc()]);
    assert!(!form(&m).json.shown);
    assert_eq!(m.step(), Step::Review);
    send(&mut m, [enter()]);
    assert!(confirming(&m));
    let effects = send(&mut m, [esc()]);
    assert!(submits(&effects).is_empty() && quits(&effects).is_empty());
    assert!(!confirming(&m));
    assert_eq!(m.step(), Step::Review);
}

#[test]
fn q_quits_where_no_text_field_has_focus_and_asks_while_in_flight() {
    // Renewal and the review's button: no text field, `q` quits (nothing sent: 1).
    let mut m = model();
    send(&mut m, [enter(), enter()]);
    assert_eq!(m.step(), Step::Renewal);
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![1]);
    let mut m = on_review();
    assert_eq!(quits(&send(&mut m, [ch('q')])), vec![1]);
    // In a text field `q` is typed (the promotion field, the project filter).
    let mut m = on_review();
    send(&mut m, [key(KeyCode::Up)]);
    assert!(quits(&send(&mut m, [ch('q')])).is_empty());
    assert_eq!(form(&m).promotion_input.value(), "q");
    let mut m = model();
    send(&mut m, [enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Project);
    assert!(quits(&send(&mut m, [ch('q')])).is_empty());
    // In flight `q` asks first, as Ctrl-C does.
    let mut m = on_review();
    send(&mut m, [enter(), ch('y')]);
    assert_eq!(m.step(), Step::Submitting);
    assert!(quits(&send(&mut m, [ch('q')])).is_empty());
    assert!(quit_confirm(&m));
    assert_eq!(quits(&send(&mut m, [ch('y')])), vec![4]);
}

#[test]
fn help_opens_on_every_step_with_f1_and_outside_text_fields_with_question_mark() {
    let mut m = model();
    let mut seen = Vec::new();
    for _ in 0..5 {
        // The count fields hold digits and the project filter names, so `?` is help there too.
        for k in [key(KeyCode::F(1)), ch('?')] {
            send(&mut m, [k.clone()]);
            assert!(help_open(&m), "{k:?} on {:?}", m.step());
            send(&mut m, [esc()]);
            assert!(!help_open(&m));
        }
        seen.push(m.step());
        send(&mut m, [enter()]);
    }
    assert_eq!(
        seen,
        [
            Step::Period,
            Step::Quantity,
            Step::Renewal,
            Step::Project,
            Step::Review
        ]
    );
    // In a free text field `?` is typed and F1 is help.
    let mut m = on_review();
    send(&mut m, [key(KeyCode::Up), ch('?')]);
    assert!(!help_open(&m));
    assert_eq!(form(&m).promotion_input.value(), "?");
    send(&mut m, [key(KeyCode::F(1))]);
    assert!(help_open(&m));
}

#[test]
fn tab_moves_between_fields_and_never_to_the_next_step_enter_goes_on() {
    let mut m = model();
    // One-field steps: Tab stays.
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(m.step(), Step::Period);
    send(&mut m, [enter(), key(KeyCode::Tab)]);
    assert_eq!(m.step(), Step::Quantity);
    // Renewal: Tab is the next row, Shift-Tab the previous one, and back from the first.
    send(&mut m, [enter(), key(KeyCode::Tab)]);
    assert_eq!(m.step(), Step::Renewal);
    assert_eq!(
        form(&m).renewal_focus,
        pca_order::tui::model::RenewalFocus::AutoPay
    );
    send(&mut m, [back_tab()]);
    assert_eq!(m.step(), Step::Renewal);
    assert_eq!(
        form(&m).renewal_focus,
        pca_order::tui::model::RenewalFocus::AutoRenew
    );
    send(&mut m, [back_tab()]);
    assert_eq!(m.step(), Step::Quantity);
    // The review: Tab moves between the button and the promotion field, Shift-Tab from the field
    // is the button, from the button a step back.
    let mut m = on_review();
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(form(&m).review_focus, ReviewFocus::Promotion);
    send(&mut m, [back_tab()]);
    assert_eq!(form(&m).review_focus, ReviewFocus::PlaceOrder);
    assert_eq!(m.step(), Step::Review);
    send(&mut m, [back_tab()]);
    assert_eq!(m.step(), Step::Project);
}

#[test]
fn left_and_right_change_a_renewal_choice_and_the_footer_shows_them() {
    let mut m = model();
    send(&mut m, [enter(), enter()]);
    send(&mut m, [key(KeyCode::Right)]);
    assert!(form(&m).auto_renew);
    send(&mut m, [key(KeyCode::Left)]);
    assert!(!form(&m).auto_renew);
    let footer = pca_order::tui::keymap::footer(pca_order::tui::keymap::Context::Renewal);
    assert!(
        footer.iter().any(|h| h.keys.as_deref() == Some("←→")),
        "{footer:?}"
    );
}

#[test]
fn typing_over_a_prefilled_value_replaces_it_and_typed_text_is_kept() {
    let mut m = model();
    // "2" into the prefilled "1" is 2, not 12.
    type_text(&mut m, "2");
    assert_eq!(form(&m).period_input.value(), "2");
    send(&mut m, [enter()]);
    assert_eq!(m.step(), Step::Quantity);
    type_text(&mut m, "3");
    assert_eq!(form(&m).quantity_input.value(), "3");
    type_text(&mut m, "0");
    assert_eq!(form(&m).quantity_input.value(), "30", "then it appends");
    // Back to a field the user typed in: it is not selected, what was typed is kept.
    send(&mut m, [esc()]);
    assert_eq!(m.step(), Step::Period);
    type_text(&mut m, "1");
    assert_eq!(form(&m).period_input.value(), "21");
    // A cursor move keeps a prefilled value and ends the selection; Backspace on it empties it.
    let mut m = model();
    send(&mut m, [key(KeyCode::Left)]);
    type_text(&mut m, "2");
    assert_eq!(form(&m).period_input.value(), "21");
    let mut m = model();
    send(&mut m, [key(KeyCode::Backspace)]);
    assert_eq!(form(&m).period_input.value(), "");
    // Ctrl-U empties a field and the help says so on every text field.
    for ctx in [
        pca_order::tui::keymap::Context::Period,
        pca_order::tui::keymap::Context::Quantity,
        pca_order::tui::keymap::Context::ProjectList,
        pca_order::tui::keymap::Context::ProjectTyped,
        pca_order::tui::keymap::Context::ReviewPromotion,
        pca_order::tui::keymap::Context::ActSubject,
        pca_order::tui::keymap::Context::ActValidity,
    ] {
        assert!(
            pca_order::tui::keymap::help_rows(ctx)
                .iter()
                .any(|r| r.keys.as_deref() == Some("Ctrl-U")),
            "{ctx:?}"
        );
    }
}

#[test]
fn the_result_copies_the_cas_ids_too_and_says_they_were_sent_not_copied() {
    let mut m = model();
    place_default(&mut m);
    send(&mut m, [Msg::Submitted(created())]);
    let ca_ids = match created() {
        Outcome::Done(c) => c.ca_ids,
        _ => unreachable!("created() is a created order"),
    };
    assert!(!ca_ids.is_empty());
    let effects = send(&mut m, [ch('i')]);
    assert_eq!(effects, vec![Effect::Copy(ca_ids.join("\n"))]);
    let help = pca_order::tui::keymap::help_rows(pca_order::tui::keymap::Context::Result);
    assert!(
        help.iter()
            .any(|r| r.keys.as_deref() == Some("i")
                && r.hint == pca_order::tui::keymap::Hint::CopyCas),
        "{help:?}"
    );
}

/// What the region sells, as read in the background, with only the yearly/monthly answer given.
fn console(yearly: Option<bool>) -> Msg {
    Msg::ConsoleLoaded(Ok(ConsoleConfig {
        yearly_monthly_ca: yearly,
        ..ConsoleConfig::default()
    }))
}

#[test]
fn a_region_that_sells_no_yearly_monthly_ca_refuses_on_the_review_before_any_question() {
    let mut m = model();
    send(&mut m, [console(Some(false))]);
    send(&mut m, [enter(), enter(), enter(), enter()]);
    assert_eq!(m.step(), Step::Review);
    assert!(form(&m).region_refuses());
    let effects = send(&mut m, [enter()]);
    assert!(!confirming(&m), "no question is asked");
    let effects = [effects, send(&mut m, [ch('y')])].concat();
    assert!(submits(&effects).is_empty(), "nothing is sent: {effects:?}");
    // Going back and forth changes nothing: still refused, nothing sent.
    let effects = send(&mut m, [key(KeyCode::Esc), enter(), enter(), ch('y')]);
    assert!(submits(&effects).is_empty());
}

#[test]
fn a_no_that_arrives_while_the_question_is_up_withdraws_it_and_y_sends_nothing() {
    let mut m = model();
    send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
    assert!(confirming(&m));
    send(&mut m, [console(Some(false))]);
    assert!(!confirming(&m), "the question is withdrawn");
    let effects = send(&mut m, [ch('y')]);
    assert!(submits(&effects).is_empty(), "{effects:?}");
}

#[test]
fn an_unknown_or_unreadable_configuration_blocks_nothing() {
    let unreadable = Msg::ConsoleLoaded(Err(CallError::Network("refused".into())));
    for msg in [console(None), console(Some(true)), unreadable] {
        let mut m = model();
        send(&mut m, [msg.clone()]);
        assert!(!form(&m).region_refuses());
        let effects = place_default(&mut m);
        assert_eq!(submits(&effects).len(), 1, "{msg:?}");
    }
    // Not read yet (it never blocks a key): the order goes too.
    let mut m = model();
    assert_eq!(submits(&place_default(&mut m)).len(), 1);
}

//! Update sequences of the wizard's activation flow (issue 10): each screen and key, fed as messages to
//! the pure `update`, asserting what the user would see change and what would be sent.

use pca_order::activation::{
    CaInfo, CaStatus, CaType, Field, KeyAlgorithm, SignatureAlgorithm, Site, ValidityUnit,
};
use pca_order::api::{ApiError, CallError, Outcome, Reason};
use pca_order::order::PeriodUnit;
use pca_order::tui::keymap::Action;
use pca_order::tui::model::Load;
use pca_order::tui::model::activation::{
    ActStep, ActivationEffect, ActivationFlow, ActivationMsg, ActivationStart, KeysFocus,
    SubjectField, TypeRow,
};
use serde_json::json;

const CA1: &str = "4284547e-68ef-4a94-adea-9df1e5d8ad65";
const CA2: &str = "5284547e-68ef-4a94-adea-9df1e5d8ad66";
const ISSUER: &str = "6284547e-68ef-4a94-adea-9df1e5d8ad67";

fn ca(id: &str, status: &str) -> CaInfo {
    CaInfo::from_json(&json!({
        "ca_id": id,
        "type": "ROOT",
        "status": status,
        "distinguished_name": {"common_name": "Issuer One", "country": "CN"},
        "key_algorithm": "RSA2048",
        "signature_algorithm": "SHA256",
        "serial_number": "1234",
        "not_before": 1_700_000_000_000_i64,
        "not_after": 1_800_000_000_000_i64,
    }))
    .expect("a CA object")
}

/// The flow in a wizard opened straight into it (as `pca-order activate` opens it): actions and answers
/// go through the wizard's `update`, its question through the wizard's one overlay. Reads as the flow.
struct InWizard {
    m: Model,
}

impl std::ops::Deref for InWizard {
    type Target = ActivationFlow;
    fn deref(&self) -> &ActivationFlow {
        self.m.activation().expect("in the activation flow")
    }
}

impl InWizard {
    /// The effects the flow asks for when it opens.
    fn start(&mut self) -> Vec<Effect> {
        own(self.m.start())
    }

    /// The activation question on screen: the exact request `y` sends.
    fn question(&self) -> Option<&pca_order::activation::ActivateRequest> {
        match &self.m.overlay {
            Some(Overlay::Confirm(Pending::Activate { request, .. })) => Some(request),
            _ => None,
        }
    }
}

/// The website follows the header's region, as in the wizard.
fn flow(ca_ids: &[&str], period: Option<(PeriodUnit, u64)>, site: Site) -> InWizard {
    let region = match site {
        Site::China => "cn-north-4",
        Site::International => "ap-southeast-1",
    };
    let mut m = Model::new(pca_order::tui::text::Lang::En, header(region), true);
    m.open_activation(ActivationStart {
        ca_ids: ca_ids.iter().map(|s| s.to_string()).collect(),
        period,
    });
    InWizard { m }
}

/// The flow's own effects: the wizard's ticks (the spinner while in flight) are left out here and
/// asserted by the hosted tests below.
fn own(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| !matches!(e, Effect::StartTicking | Effect::StopTicking))
        .collect()
}

fn update(f: &mut InWizard, msg: ActivationMsg) -> Vec<Effect> {
    own(pca_order::tui::model::update(
        &mut f.m,
        Msg::Activation(Box::new(msg)),
    ))
}

fn act(f: &mut InWizard, action: Action) -> Vec<Effect> {
    own(pca_order::tui::model::update(&mut f.m, Msg::Action(action)))
}

fn type_text(f: &mut InWizard, text: &str) {
    for c in text.chars() {
        act(f, Action::Insert(c));
    }
}

fn clear(f: &mut InWizard) {
    for _ in 0..80 {
        act(f, Action::Edit(tui_input::InputRequest::DeletePrevChar));
    }
}

fn enter_to_review(f: &mut InWizard) {
    for _ in 0..4 {
        act(f, Action::Next);
    }
}

fn api_error(status: u16) -> ApiError {
    ApiError {
        status,
        code: "PCA.00020101".into(),
        message: "invalid distinguished name".into(),
        request_id: Some("req-1".into()),
    }
}

#[test]
fn start_loads_issuers_and_with_no_ca_the_pending_list() {
    let mut f = flow(&[CA1], None, Site::International);
    assert_eq!(f.step, ActStep::Type);
    assert_eq!(
        f.start(),
        vec![
            Effect::Activation(ActivationEffect::LoadIssuers),
            Effect::LoadConsole
        ]
    );
    let mut f = flow(&[], None, Site::International);
    assert_eq!(f.step, ActStep::Choose);
    assert_eq!(
        f.start(),
        vec![
            Effect::Activation(ActivationEffect::LoadPending),
            Effect::Activation(ActivationEffect::LoadIssuers),
            Effect::LoadConsole
        ]
    );
}

#[test]
fn defaults_are_valid_so_enter_walks_to_review_and_asks_once_with_the_exact_request() {
    let mut f = flow(&[CA1], Some((PeriodUnit::Year, 2)), Site::International);
    enter_to_review(&mut f);
    assert_eq!(f.step, ActStep::Review);
    let expected = f.request().expect("defaults are valid");
    assert_eq!(expected.ca_id, CA1);
    assert_eq!(expected.ca_type, CaType::Root);
    assert_eq!(expected.validity.unit, ValidityUnit::Year);
    assert_eq!(
        expected.validity.value, 2,
        "validity defaults to the period bought"
    );
    assert!(act(&mut f, Action::Next).is_empty(), "Enter only asks");
    assert_eq!(f.question(), Some(&expected));
    let effects = act(&mut f, Action::Confirm);
    assert_eq!(
        effects,
        vec![Effect::Activation(ActivationEffect::Activate(
            expected.clone()
        ))]
    );
    assert_eq!(f.step, ActStep::Activating);
    assert_eq!(f.exit_code(), 4, "in flight: unknown if it ended now");
}

#[test]
fn any_other_key_withdraws_the_question_and_nothing_is_sent() {
    let mut f = flow(&[CA1], None, Site::International);
    enter_to_review(&mut f);
    act(&mut f, Action::Next);
    assert!(f.question().is_some());
    assert!(act(&mut f, Action::Decline).is_empty());
    assert!(f.question().is_none());
    assert_eq!(f.step, ActStep::Review);
    assert_eq!(f.exit_code(), 1);
}

#[test]
fn v_shows_the_json_on_the_review() {
    let mut f = flow(&[CA1], None, Site::International);
    enter_to_review(&mut f);
    act(&mut f, Action::ShowJson);
    assert!(f.json.shown);
    act(&mut f, Action::ShowJson);
    assert!(!f.json.shown);
}

#[test]
fn going_back_loses_nothing() {
    let mut f = flow(&[CA1], None, Site::China);
    act(&mut f, Action::Next); // type → subject
    clear(&mut f);
    type_text(&mut f, "Team CA");
    act(&mut f, Action::Next); // → keys
    act(&mut f, Action::ValueRight); // RSA4096 (←→ choose in a row; ↑↓ move between rows)
    act(&mut f, Action::Next); // → validity
    clear(&mut f);
    type_text(&mut f, "5y");
    act(&mut f, Action::Next); // → review
    assert_eq!(f.step, ActStep::Review);
    for _ in 0..4 {
        act(&mut f, Action::Back);
    }
    assert_eq!(f.step, ActStep::Type);
    enter_to_review(&mut f);
    let r = f.request().expect("valid");
    assert_eq!(r.distinguished_name.common_name, "Team CA");
    assert_eq!(r.key_algorithm, KeyAlgorithm::Rsa4096);
    assert_eq!(r.validity.value, 5);
}

#[test]
fn subject_is_checked_as_typed_and_enter_focuses_the_first_broken_field() {
    let mut f = flow(&[CA1], None, Site::International);
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Subject);
    clear(&mut f);
    assert_eq!(
        f.subject_error(SubjectField::CommonName).map(|e| e.field),
        Some(Field::CommonName)
    );
    type_text(&mut f, "a/b");
    assert!(
        f.subject_error(SubjectField::CommonName).is_some(),
        "/ is not allowed"
    );
    act(&mut f, Action::Down);
    act(&mut f, Action::Down);
    act(&mut f, Action::Down);
    assert_eq!(f.subject_focus, SubjectField::Country);
    clear(&mut f);
    type_text(&mut f, "C1");
    assert!(f.subject_error(SubjectField::Country).is_some());
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Subject, "a broken field keeps the step");
    assert_eq!(f.subject_focus, SubjectField::CommonName);
    clear(&mut f);
    type_text(&mut f, "CA *.example");
    act(&mut f, Action::Next);
    assert_eq!(f.subject_focus, SubjectField::Country);
    clear(&mut f);
    type_text(&mut f, "DE");
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Keys);
}

#[test]
fn sm2_and_sm3_are_offered_on_the_china_website_only_and_always_paired() {
    let intl = flow(&[CA1], None, Site::International);
    assert!(!intl.offered_keys().contains(&KeyAlgorithm::Sm2));
    let mut f = flow(&[CA1], None, Site::China);
    assert!(f.offered_keys().contains(&KeyAlgorithm::Sm2));
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Keys);
    for _ in 0..10 {
        act(&mut f, Action::ValueRight);
    }
    assert_eq!(f.key, KeyAlgorithm::Sm2);
    assert_eq!(f.signature, SignatureAlgorithm::Sm3, "SM2 takes SM3 along");
    assert_eq!(f.offered_signatures(), vec![SignatureAlgorithm::Sm3]);
    act(&mut f, Action::ValueLeft);
    assert_eq!(f.key, KeyAlgorithm::Ec384);
    assert_eq!(f.signature, SignatureAlgorithm::Sha256);
    act(&mut f, Action::Down);
    assert_eq!(f.keys_focus, KeysFocus::Signature);
    act(&mut f, Action::ValueRight);
    act(&mut f, Action::ValueRight);
    act(&mut f, Action::ValueRight);
    assert_eq!(
        f.signature,
        SignatureAlgorithm::Sha512,
        "SM3 is not offered with EC384"
    );
}

/// What the region offers, as read in the background, with only the SM2 answer given.
fn sm2_console(sm2: Option<bool>) -> Msg {
    Msg::ConsoleLoaded(Ok(pca_order::order::ConsoleConfig {
        sm2,
        ..Default::default()
    }))
}

#[test]
fn sm2_is_offered_only_where_the_regions_configuration_says_so() {
    // A China-website region whose configuration says no: SM2/SM3 are hidden and refused.
    let mut f = flow(&[CA1], None, Site::China);
    assert!(
        f.offered_keys().contains(&KeyAlgorithm::Sm2),
        "before it is read"
    );
    pca_order::tui::model::update(&mut f.m, sm2_console(Some(false)));
    assert!(!f.offered_keys().contains(&KeyAlgorithm::Sm2));
    assert_eq!(f.sm2_checked(), Some(false));
    // Already chosen when the no arrives: back to the default pair, never a value not offered.
    let mut f = flow(&[CA1], None, Site::China);
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    for _ in 0..10 {
        act(&mut f, Action::ValueRight);
    }
    assert_eq!(f.key, KeyAlgorithm::Sm2);
    pca_order::tui::model::update(&mut f.m, sm2_console(Some(false)));
    assert_eq!(
        (f.key, f.signature),
        (KeyAlgorithm::Rsa2048, SignatureAlgorithm::Sha256)
    );
    assert!(f.request().is_ok());
    // Outside `cn-*`, a region that says yes offers them (and the request is valid).
    let mut f = flow(&[CA1], None, Site::International);
    pca_order::tui::model::update(&mut f.m, sm2_console(Some(true)));
    assert!(f.offered_keys().contains(&KeyAlgorithm::Sm2));
    // Unknown (not said, or unreadable): the website rule, as before.
    for msg in [
        sm2_console(None),
        Msg::ConsoleLoaded(Err(CallError::Network("refused".into()))),
    ] {
        for (site, offered) in [(Site::China, true), (Site::International, false)] {
            let mut f = flow(&[CA1], None, site);
            pca_order::tui::model::update(&mut f.m, msg.clone());
            assert_eq!(f.offered_keys().contains(&KeyAlgorithm::Sm2), offered);
            assert_eq!(f.sm2_checked(), None);
        }
    }
}

#[test]
fn subordinate_picks_an_actived_issuer_and_its_maximum_is_twenty_years() {
    let mut f = flow(&[CA1], Some((PeriodUnit::Year, 25)), Site::International);
    update(
        &mut f,
        ActivationMsg::IssuersLoaded(Ok(vec![ca(ISSUER, "ACTIVED"), ca(CA2, "PENDING")])),
    );
    assert_eq!(f.type_rows(), vec![TypeRow::Root, TypeRow::Subordinate(0)]);
    act(&mut f, Action::Down);
    assert_eq!(f.ca_type(), CaType::Subordinate);
    assert_eq!(f.issuer_id().as_deref(), Some(ISSUER));
    for _ in 0..3 {
        act(&mut f, Action::Next);
    }
    assert_eq!(f.step, ActStep::Validity);
    assert!(f.validity().is_err(), "25 years is past a subordinate's 20");
    act(&mut f, Action::Next);
    assert_eq!(
        f.step,
        ActStep::Validity,
        "Enter does not leave a broken validity"
    );
    clear(&mut f);
    type_text(&mut f, "20y");
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Review);
    let r = f.request().expect("valid");
    assert_eq!(r.issuer_id.as_deref(), Some(ISSUER));
}

#[test]
fn root_maximum_is_thirty_years() {
    let mut f = flow(&[CA1], Some((PeriodUnit::Year, 31)), Site::International);
    for _ in 0..3 {
        act(&mut f, Action::Next);
    }
    assert!(f.validity().is_err());
    clear(&mut f);
    type_text(&mut f, "30y");
    assert!(f.validity().is_ok());
}

#[test]
fn done_reads_the_ca_back_and_offers_the_next_with_the_answers_prefilled() {
    let mut f = flow(
        &[CA1, CA2],
        Some((PeriodUnit::Month, 6)),
        Site::International,
    );
    act(&mut f, Action::Next);
    act(&mut f, Action::Down); // organisation
    type_text(&mut f, "Acme");
    for _ in 0..3 {
        act(&mut f, Action::Next); // subject → keys → validity → review
    }
    act(&mut f, Action::Next);
    assert!(f.question().is_some());
    act(&mut f, Action::Confirm);
    let effects = update(&mut f, ActivationMsg::Activated(Outcome::Done(())));
    assert_eq!(
        effects,
        vec![Effect::Activation(ActivationEffect::ShowCa(
            CA1.to_string()
        ))]
    );
    assert_eq!(f.step, ActStep::Done);
    assert_eq!(f.exit_code(), 4, "accepted, not yet read back ACTIVED");
    update(&mut f, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    assert_eq!(f.exit_code(), 0, "read back ACTIVED");
    match &f.read_back {
        Some(Load::Loaded(info)) => {
            assert_eq!(info.status, CaStatus::Actived);
            assert_eq!(info.serial_number.as_deref(), Some("1234"));
        }
        other => panic!("not read back: {other:?}"),
    }
    assert_eq!(
        act(&mut f, Action::Next),
        vec![Effect::Activation(ActivationEffect::LoadIssuers)],
        "the next CA is offered, and the issuers are read again"
    );
    assert_eq!(f.ca_id(), Some(CA2));
    // After a root: the type step, with the root just activated chosen as the issuer.
    assert_eq!(f.step, ActStep::Type);
    assert_eq!(f.issuer_id().as_deref(), Some(CA1));
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Subject);
    assert_eq!(
        f.subject_value(SubjectField::CommonName),
        "",
        "left for the user"
    );
    assert_eq!(f.subject_value(SubjectField::Organization), "Acme");
    type_text(&mut f, "Second CA");
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    let effects = act(&mut f, Action::Confirm);
    let Some(Effect::Activation(ActivationEffect::Activate(r))) = effects.first() else {
        panic!("not sent: {effects:?}");
    };
    assert_eq!(r.ca_id, CA2);
    assert_eq!(r.ca_type, CaType::Subordinate);
    assert_eq!(r.issuer_id.as_deref(), Some(CA1));
    assert_eq!(r.path_length, Some(6), "the default, sent");
    assert_eq!(r.validity.unit, ValidityUnit::Month);
    update(&mut f, ActivationMsg::Activated(Outcome::Done(())));
    update(&mut f, ActivationMsg::Shown(Ok(ca(CA2, "ACTIVED"))));
    assert_eq!(act(&mut f, Action::Next), vec![Effect::Quit(0)]);
    assert_eq!(f.activated, vec![CA1.to_string(), CA2.to_string()]);
}

#[test]
fn outcomes_give_the_orders_exit_codes_and_unknown_offers_to_read_the_status() {
    let cases = [
        (Outcome::Rejected(api_error(400)), 3),
        (
            Outcome::NotSent(Reason::Connect {
                host: "127.0.0.1".into(),
                detail: "connection refused".into(),
            }),
            5,
        ),
        (
            Outcome::Unknown(Reason::Timeout {
                host: "127.0.0.1".into(),
                detail: "timed out".into(),
            }),
            4,
        ),
        (Outcome::Unknown(Reason::ServerError(api_error(503))), 4),
    ];
    for (outcome, code) in cases {
        let mut f = flow(&[CA1], None, Site::International);
        enter_to_review(&mut f);
        act(&mut f, Action::Next);
        act(&mut f, Action::Confirm);
        let unknown = matches!(outcome, Outcome::Unknown(_));
        assert!(
            update(&mut f, ActivationMsg::Activated(outcome)).is_empty(),
            "never retried"
        );
        assert_eq!(f.step, ActStep::Error);
        assert_eq!(f.exit_code(), code);
        assert_eq!(f.unknown(), unknown);
        assert_eq!(
            act(&mut f, Action::ReadStatus),
            vec![Effect::Activation(ActivationEffect::ShowCa(
                CA1.to_string()
            ))]
        );
        assert_eq!(act(&mut f, Action::Leave), vec![Effect::Quit(code)]);
    }
}

#[test]
fn after_an_unknown_outcome_a_later_failure_stays_unknown() {
    let mut f = flow(&[CA1], None, Site::International);
    enter_to_review(&mut f);
    act(&mut f, Action::Next);
    act(&mut f, Action::Confirm);
    update(
        &mut f,
        ActivationMsg::Activated(Outcome::Unknown(Reason::ServerError(api_error(500)))),
    );
    act(&mut f, Action::Review);
    assert_eq!(f.step, ActStep::Review);
    act(&mut f, Action::Next);
    act(&mut f, Action::Confirm);
    update(
        &mut f,
        ActivationMsg::Activated(Outcome::Rejected(api_error(400))),
    );
    assert_eq!(f.exit_code(), 4);
}

#[test]
fn chooser_lists_only_pending_cas_and_enter_starts_on_the_chosen_one() {
    let mut f = flow(&[], None, Site::International);
    f.start();
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Choose, "nothing to choose while loading");
    update(
        &mut f,
        ActivationMsg::PendingLoaded(Ok(vec![
            ca(ISSUER, "ACTIVED"),
            ca(CA1, "PENDING"),
            ca(CA2, "PENDING"),
        ])),
    );
    match &f.pending {
        Load::Loaded(list) => assert_eq!(list.len(), 2),
        other => panic!("{other:?}"),
    }
    act(&mut f, Action::Down);
    act(&mut f, Action::Down);
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Type);
    assert_eq!(f.ca_id(), Some(CA2));
    let mut failed = flow(&[], None, Site::International);
    update(
        &mut failed,
        ActivationMsg::PendingLoaded(Err(CallError::Network("refused".into()))),
    );
    assert!(matches!(failed.pending, Load::Failed(_)));
}

#[test]
fn an_answer_with_nothing_in_flight_is_ignored() {
    let mut f = flow(&[CA1], None, Site::International);
    enter_to_review(&mut f);
    assert!(update(&mut f, ActivationMsg::Activated(Outcome::Done(()))).is_empty());
    assert_eq!(f.step, ActStep::Review);
    assert_eq!(f.exit_code(), 1);
}

#[test]
fn quit_ends_with_the_flows_exit_code() {
    let mut f = flow(&[CA1], None, Site::International);
    assert_eq!(act(&mut f, Action::Quit), vec![Effect::Quit(1)]);
}

// ---- the flow driven against the sandbox through its executor ----

mod common;

use pca_order::tui::activation_exec::execute;

#[tokio::test]
async fn a_fresh_paid_order_is_activated_through_the_flow_and_reads_back_actived() {
    use pca_order::api::{CcmClient, Credentials};
    use pca_order::journal::Journal;
    use pca_order::order::OrderDraft;
    use pca_order::sandbox::{self, SandboxConfig};
    use std::time::Duration;

    let config = SandboxConfig {
        settle: Duration::ZERO,
        ..SandboxConfig::default()
    };
    let sb = sandbox::start(config, ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox");
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let client = CcmClient::new(&common::config_at(
        &sb.base_url(),
        journal.path().to_path_buf(),
        Credentials::token(sb.config.token.clone()),
        Duration::from_secs(10),
        true,
    ))
    .expect("client");
    let draft = OrderDraft {
        is_auto_pay: true,
        ..OrderDraft::default()
    };
    let order = draft.validate(None).expect("valid order");
    let Outcome::Done(created) = client.create_ca_order(&order, &journal).await.outcome else {
        panic!("order not placed");
    };

    // Opened without a CA id: the chooser lists the PENDING CA just bought.
    let mut f = flow(&[], None, Site::International);
    let effects = f.start();
    drive(&mut f, effects, &client, &journal).await;
    match &f.pending {
        Load::Loaded(list) => assert!(list.iter().any(|c| c.ca_id == created.ca_ids[0])),
        other => panic!("{other:?}"),
    }
    let at = match &f.pending {
        Load::Loaded(list) => list.iter().position(|c| c.ca_id == created.ca_ids[0]),
        _ => None,
    }
    .expect("listed");
    for _ in 0..at {
        act(&mut f, Action::Down);
    }
    act(&mut f, Action::Next);
    assert_eq!(f.ca_id(), Some(created.ca_ids[0].as_str()));
    enter_to_review(&mut f);
    act(&mut f, Action::Next);
    let effects = act(&mut f, Action::Confirm);
    drive(&mut f, effects, &client, &journal).await;
    assert_eq!(f.step, ActStep::Done);
    assert_eq!(f.exit_code(), 0);
    match &f.read_back {
        Some(Load::Loaded(info)) => {
            assert_eq!(info.status, CaStatus::Actived);
            assert!(info.serial_number.is_some());
            assert!(info.not_before.is_some() && info.not_after.is_some());
        }
        other => panic!("not read back: {other:?}"),
    }
    let journal_text = std::fs::read_to_string(journal.path()).expect("journal");
    assert!(
        journal_text.contains("activate"),
        "journaled: {journal_text}"
    );
}

/// Runs effects through the executor until none are left, feeding each answer back to the flow.
async fn drive(
    f: &mut InWizard,
    mut effects: Vec<Effect>,
    client: &pca_order::api::CcmClient,
    journal: &pca_order::journal::Journal,
) {
    while let Some(effect) = effects.pop() {
        let Effect::Activation(effect) = effect else {
            continue;
        };
        for msg in execute(effect, client, journal).await {
            effects.extend(update(f, msg));
        }
    }
}

// ---- the flow hosted by the wizard: real keys through the keymap, effects and the one overlay ----

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pca_order::tui::keymap::{self, Context, Hint};
use pca_order::tui::model::{Effect, HeaderInfo, Model, Msg, Overlay, Pending};

fn header(region: &str) -> HeaderInfo {
    HeaderInfo {
        region: region.into(),
        endpoint: "http://127.0.0.1:1".into(),
        credential_kind: "IAM token".into(),
        credential_source: "env HUAWEICLOUD_AUTH_TOKEN".into(),
        sandbox: true,
        journal_path: "/tmp/orders.jsonl".into(),
    }
}

/// A wizard switched into the flow, as `pca-order activate` (or the end of an order) opens it.
fn hosted(ca_ids: &[&str]) -> (Model, Vec<Effect>) {
    let mut m = Model::new(pca_order::tui::text::Lang::En, header("cn-north-4"), true);
    pca_order::tui::model::update(&mut m, Msg::Resize(80, 24));
    let effects = m.open_activation(ActivationStart {
        ca_ids: ca_ids.iter().map(|s| s.to_string()).collect(),
        period: Some((PeriodUnit::Year, 1)),
    });
    (m, effects)
}

/// Presses a key as the runtime does: resolved in the model's context by the one keymap table.
fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    match keymap::translate(m.context(), &ev) {
        Some(action) => pca_order::tui::model::update(m, Msg::Action(action)),
        None => Vec::new(),
    }
}

fn ctrl_c(m: &mut Model) -> Vec<Effect> {
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = keymap::translate(m.context(), &ev).expect("Ctrl-C acts");
    pca_order::tui::model::update(m, Msg::Action(action))
}

fn answer(m: &mut Model, msg: ActivationMsg) -> Vec<Effect> {
    pca_order::tui::model::update(m, Msg::Activation(Box::new(msg)))
}

fn flow_of(m: &Model) -> &ActivationFlow {
    m.activation().expect("hosting the flow")
}

fn activates(effects: &[Effect]) -> Vec<pca_order::activation::ActivateRequest> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Activation(ActivationEffect::Activate(r)) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

/// Enter from the type step to the question on the review.
fn enter_to_question(m: &mut Model) {
    for _ in 0..5 {
        key(m, KeyCode::Enter);
    }
}

#[test]
fn hosted_chooser_then_enter_walks_to_one_question_holding_the_exact_request_and_y_sends_it() {
    let (mut m, effects) = hosted(&[]);
    assert_eq!(
        effects,
        vec![
            Effect::Activation(ActivationEffect::LoadPending),
            Effect::Activation(ActivationEffect::LoadIssuers),
            Effect::LoadConsole,
            Effect::StopTicking,
        ],
        "only the flow's fetches, and the order's loading spinner stops"
    );
    assert_eq!(m.context(), Context::ActChoose);
    answer(
        &mut m,
        ActivationMsg::PendingLoaded(Ok(vec![ca(CA1, "PENDING"), ca(CA2, "PENDING")])),
    );
    answer(&mut m, ActivationMsg::IssuersLoaded(Ok(vec![])));
    key(&mut m, KeyCode::Char('j'));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActType);
    assert_eq!(flow_of(&m).ca_id(), Some(CA2));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActSubject);
    // In the subject's text fields letters are typed: `b`, `q`, `s` and `?` are text there. The
    // prefilled name is selected, so a cursor move first keeps it (issue 19: typing would replace it).
    key(&mut m, KeyCode::End);
    key(&mut m, KeyCode::Char('?'));
    assert_eq!(
        flow_of(&m).subject_value(SubjectField::CommonName),
        "Private CA?"
    );
    key(&mut m, KeyCode::Backspace);
    for (expect, _) in [
        (Context::ActKeys, 0),
        (Context::ActValidity, 1),
        (Context::ActReview, 2),
    ] {
        key(&mut m, KeyCode::Enter);
        assert_eq!(m.context(), expect);
    }
    let expected = flow_of(&m).request().expect("defaults are valid");
    assert!(key(&mut m, KeyCode::Enter).is_empty(), "Enter only asks");
    assert_eq!(m.context(), Context::Question);
    assert_eq!(
        m.overlay,
        Some(Overlay::Confirm(Pending::Activate {
            request: Box::new(expected.clone()),
            earlier_may_have_activated: false,
        }))
    );
    // Any other key withdraws the question; nothing is sent.
    assert!(key(&mut m, KeyCode::Char('n')).is_empty());
    assert_eq!(m.overlay, None);
    assert_eq!(m.exit_code(), 1);
    key(&mut m, KeyCode::Enter);
    let effects = key(&mut m, KeyCode::Char('y'));
    assert_eq!(activates(&effects), vec![expected]);
    assert!(effects.contains(&Effect::StartTicking), "{effects:?}");
    assert_eq!(m.context(), Context::ActActivating);
    assert!(m.request_in_flight());
    // A second `y` (typeahead) sends nothing more.
    assert!(activates(&key(&mut m, KeyCode::Char('y'))).is_empty());
}

#[test]
fn activation_in_flight_counts_for_quitting_and_signals() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    assert!(ctrl_c(&mut m).is_empty(), "asks first");
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    let screen = render_model(&m);
    assert!(
        screen.contains("The activation may still go through"),
        "{screen}"
    );
    assert_eq!(ctrl_c(&mut m), vec![Effect::Quit(4)]);
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    assert_eq!(
        pca_order::tui::model::update(&mut m, Msg::Terminate),
        vec![Effect::Quit(4)]
    );
    let effects = pca_order::tui::model::update(&mut m, Msg::InputClosed);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Quit(_))),
        "a closed terminal waits for the answer: {effects:?}"
    );
    // The answer arrives: accepted, so the CA is read back first, then the wizard ends with 0.
    let effects = answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Quit(_))),
        "{effects:?}"
    );
    assert_eq!(
        answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED")))),
        vec![Effect::Quit(0)]
    );
    // The answer withdraws the "quit while in flight?" question.
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    ctrl_c(&mut m);
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    answer(
        &mut m,
        ActivationMsg::Activated(Outcome::Rejected(api_error(400))),
    );
    assert_eq!(m.overlay, None);
    assert_eq!(m.context(), Context::ActError);
}

#[test]
fn hosted_exit_is_0_only_when_the_ca_reads_actived() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    let effects = answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    assert!(effects.contains(&Effect::Activation(ActivationEffect::ShowCa(CA1.into()))));
    assert!(effects.contains(&Effect::StopTicking), "{effects:?}");
    assert_eq!(m.exit_code(), 4, "accepted but not read back");
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "PENDING"))));
    assert_eq!(m.exit_code(), 4, "reads PENDING: not activated");
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    assert_eq!(m.context(), Context::ActDone);
    assert_eq!(key(&mut m, KeyCode::Enter), vec![Effect::Quit(0)]);
    assert_eq!(key(&mut m, KeyCode::Char('q')), vec![Effect::Quit(0)]);
}

#[test]
fn several_cas_offer_the_next_with_answers_prefilled_and_the_common_name_cleared() {
    let (mut m, _) = hosted(&[CA1, CA2]);
    key(&mut m, KeyCode::Enter); // type → subject
    key(&mut m, KeyCode::Tab); // organisation
    pca_order::tui::model::update(&mut m, Msg::Paste("Acme".into()));
    for _ in 0..4 {
        key(&mut m, KeyCode::Enter);
    }
    key(&mut m, KeyCode::Char('y'));
    answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    assert_eq!(m.context(), Context::ActDoneMore);
    assert!(
        keymap::footer(Context::ActDoneMore)
            .iter()
            .any(|h| h.hint == Hint::NextCa && h.keys.as_deref() == Some("Enter"))
    );
    assert_eq!(
        key(&mut m, KeyCode::Enter),
        vec![Effect::Activation(ActivationEffect::LoadIssuers)]
    );
    assert_eq!(flow_of(&m).ca_id(), Some(CA2));
    // The root just activated is the issuer chosen on the type step; Enter keeps it.
    assert_eq!(m.context(), Context::ActType);
    assert_eq!(flow_of(&m).issuer_id().as_deref(), Some(CA1));
    key(&mut m, KeyCode::Enter);
    let f = flow_of(&m);
    assert_eq!(m.context(), Context::ActSubject);
    assert_eq!(f.subject_value(SubjectField::CommonName), "");
    assert_eq!(f.subject_value(SubjectField::Organization), "Acme");
    // The empty common name blocks Enter until typed.
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActSubject);
    pca_order::tui::model::update(&mut m, Msg::Paste("Second CA".into()));
    for _ in 0..4 {
        key(&mut m, KeyCode::Enter);
    }
    let sent = activates(&key(&mut m, KeyCode::Char('y')));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].ca_id, CA2);
    assert_eq!(sent[0].distinguished_name.common_name, "Second CA");
    assert_eq!(
        sent[0].distinguished_name.organization.as_deref(),
        Some("Acme")
    );
}

#[test]
fn after_an_unknown_outcome_trying_again_warns_and_offers_reading_the_status_first() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    answer(
        &mut m,
        ActivationMsg::Activated(Outcome::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "timed out".into(),
        })),
    );
    assert_eq!(m.context(), Context::ActError);
    assert_eq!(
        keymap::footer(Context::ActError)[0].hint,
        Hint::Status,
        "reading the status comes first"
    );
    assert_eq!(m.exit_code(), 4);
    key(&mut m, KeyCode::Char('r'));
    assert_eq!(m.context(), Context::ActReviewUnknown);
    assert_eq!(
        key(&mut m, KeyCode::Char('s')),
        vec![Effect::Activation(ActivationEffect::ShowCa(CA1.into()))]
    );
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "PENDING"))));
    key(&mut m, KeyCode::Enter);
    match &m.overlay {
        Some(Overlay::Confirm(Pending::Activate {
            earlier_may_have_activated,
            ..
        })) => assert!(earlier_may_have_activated),
        other => panic!("no question: {other:?}"),
    }
    let screen = render_model(&m);
    assert!(screen.contains("may have activated"), "{screen}");
    // The status read after the unknown outcome says ACTIVED: it did activate, exit 0.
    key(&mut m, KeyCode::Char('n'));
    key(&mut m, KeyCode::Char('s'));
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    assert_eq!(m.exit_code(), 0);
}

#[test]
fn help_on_an_activation_screen_lists_that_screens_keys() {
    let (mut m, _) = hosted(&[CA1]);
    key(&mut m, KeyCode::Char('?'));
    assert_eq!(m.overlay, Some(Overlay::Help));
    assert_eq!(m.screen_context(), Context::ActType);
    let screen = render_model(&m);
    assert!(screen.contains("↑/k        choose"), "{screen}");
    key(&mut m, KeyCode::Char('x'));
    assert_eq!(m.overlay, None);
    assert_eq!(m.context(), Context::ActType);
}

#[test]
fn too_small_withdraws_the_activation_question() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    pca_order::tui::model::update(&mut m, Msg::Resize(59, 20));
    assert_eq!(m.overlay, None);
    assert!(activates(&key(&mut m, KeyCode::Char('y'))).is_empty());
}

fn render_model(m: &Model) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test backend");
    terminal
        .draw(|frame| pca_order::tui::view::view(m, frame))
        .expect("draw");
    format!("{}", terminal.backend())
}

#[tokio::test]
async fn after_the_wizard_ends_an_activation_in_flight_is_waited_for_and_its_answer_kept() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    assert_eq!(m.exit_code(), 4);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tx.send(Msg::Activation(Box::new(ActivationMsg::Activated(
        Outcome::Done(()),
    ))))
    .expect("send");
    pca_order::tui::finish_in_flight(
        &mut m,
        &mut rx,
        std::time::Duration::from_secs(10),
        std::future::pending::<()>(),
    )
    .await;
    assert!(!m.request_in_flight());
    assert_eq!(flow_of(&m).attempts.len(), 1, "the answer is kept");
    let summary =
        pca_order::tui::view::activation::summary(flow_of(&m), pca_order::tui::text::Lang::En)
            .expect("a summary");
    assert!(summary.contains(CA1), "{summary}");
}

#[test]
fn an_outcome_not_journaled_is_shown_on_its_screen_and_in_the_summary() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    answer(
        &mut m,
        ActivationMsg::JournalWarning("disk full\u{1b}[2J".into()),
    );
    answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    let screen = render_model(&m);
    assert!(
        screen.contains("not written to the journal") && screen.contains("disk full"),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}'), "control characters are cleaned");
    let summary =
        pca_order::tui::view::activation::summary(flow_of(&m), pca_order::tui::text::Lang::En)
            .expect("a summary");
    assert!(summary.contains("disk full"), "{summary}");
    // The next attempt starts without the old warning.
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    answer(&mut m, ActivationMsg::JournalWarning("old".into()));
    key(&mut m, KeyCode::Char('y'));
    assert_eq!(flow_of(&m).journal_warning, None);
}

#[test]
fn the_activated_screen_is_plain_ascii_on_a_non_utf8_locale() {
    let (mut m, _) = hosted(&[CA1]);
    m.ascii = true;
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    let screen = render_model(&m);
    assert!(screen.contains("* Activated"), "{screen}");
    assert!(screen.is_ascii(), "{screen}");
}

// ---- issue 19: a chain in one sitting, the validity's dates and words, the path length ----

/// A CA as read, with its type, common name and path length.
fn ca_with(id: &str, ca_type: &str, cn: &str, path_length: i64) -> CaInfo {
    CaInfo::from_json(&json!({
        "ca_id": id, "type": ca_type, "status": "ACTIVED", "path_length": path_length,
        "distinguished_name": {"common_name": cn, "country": "CN"},
        "not_before": 1_700_000_000_000_i64, "not_after": 1_800_000_000_000_i64,
    }))
    .expect("a CA object")
}

fn at(y: i32, m: u8, d: u8, h: u8) -> time::OffsetDateTime {
    time::Date::from_calendar_date(y, time::Month::try_from(m).expect("month"), d)
        .expect("date")
        .with_hms(h, 0, 0)
        .expect("time")
        .assume_utc()
}

/// Activates the current CA with the answers on screen, read back ACTIVED as `read`.
fn activate_current(f: &mut InWizard, read: CaInfo) {
    while f.step != ActStep::Review {
        act(f, Action::Next);
    }
    act(f, Action::Next);
    assert!(f.question().is_some(), "asked at {:?}", f.step);
    act(f, Action::Confirm);
    update(f, ActivationMsg::Activated(Outcome::Done(())));
    update(f, ActivationMsg::Shown(Ok(read)));
}

#[test]
fn after_a_root_the_issuers_follow_and_the_next_ca_is_its_subordinate() {
    let mut f = flow(&[CA1, CA2], Some((PeriodUnit::Year, 1)), Site::China);
    update(&mut f, ActivationMsg::IssuersLoaded(Ok(vec![])));
    assert_eq!(f.type_rows(), vec![TypeRow::Root], "nothing ACTIVED yet");
    clear_common_name_and_type(&mut f, "Chain Root");
    activate_current(&mut f, ca_with(CA1, "ROOT", "Chain Root", 7));
    // Read back ACTIVED: it can issue at once, whatever list was read when the flow opened.
    assert_eq!(f.type_rows(), vec![TypeRow::Root, TypeRow::Subordinate(0)]);
    let m = &f.m;
    let screen = render_model(m);
    assert!(
        screen.contains("as a subordinate of Chain Root"),
        "the offer names the root:\n{screen}"
    );
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Type, "the type step, the root chosen");
    assert_eq!(f.issuer_id().as_deref(), Some(CA1));
    // A re-read that missed it (read before the activation showed) keeps it, and the choice.
    update(&mut f, ActivationMsg::IssuersLoaded(Ok(vec![])));
    assert_eq!(f.issuer_id().as_deref(), Some(CA1));
    // A re-read with another issuer first keeps the choice by its id, not its row.
    update(
        &mut f,
        ActivationMsg::IssuersLoaded(Ok(vec![
            ca_with(ISSUER, "ROOT", "Other Root", 7),
            ca_with(CA1, "ROOT", "Chain Root", 7),
        ])),
    );
    assert_eq!(f.issuer_id().as_deref(), Some(CA1));
    act(&mut f, Action::Next); // → subject
    type_text(&mut f, "Chain Issuing");
    while f.step != ActStep::Review {
        act(&mut f, Action::Next);
    }
    // The review names the issuer by its common name, and the path length sent.
    let screen = render_model(&f.m);
    assert!(
        screen.contains(&format!("Issuer         Chain Root ({CA1})")),
        "{screen}"
    );
    assert!(screen.contains("Path length    6 (default)"), "{screen}");
    let r = f.request().expect("valid");
    assert_eq!(
        (r.ca_type, r.issuer_id.as_deref(), r.path_length),
        (CaType::Subordinate, Some(CA1), Some(6))
    );
}

fn clear_common_name_and_type(f: &mut InWizard, cn: &str) {
    act(f, Action::Next); // type → subject
    clear(f);
    type_text(f, cn);
    act(f, Action::Up); // back to the type step's
    for _ in 0..2 {
        act(f, Action::Back);
    }
    assert_eq!(f.step, ActStep::Type);
}

#[test]
fn an_issuer_of_path_length_0_is_not_offered_and_the_screen_says_why() {
    let mut f = flow(&[CA1], None, Site::China);
    update(
        &mut f,
        ActivationMsg::IssuersLoaded(Ok(vec![
            ca_with(ISSUER, "SUBORDINATE", "Leaf Issuer", 0),
            ca_with(CA2, "ROOT", "Root", 7),
        ])),
    );
    assert_eq!(f.type_rows(), vec![TypeRow::Root, TypeRow::Subordinate(0)]);
    act(&mut f, Action::Down);
    assert_eq!(f.issuer_id().as_deref(), Some(CA2));
    let screen = render_model(&f.m);
    assert!(
        screen.contains("Active CAs with path length 0 are not listed"),
        "{screen}"
    );
    assert!(!screen.contains("Leaf Issuer"), "{screen}");
}

#[test]
fn a_subordinate_chooses_its_path_length_on_the_keys_step_default_6() {
    let mut f = flow(&[CA1], None, Site::International);
    update(
        &mut f,
        ActivationMsg::IssuersLoaded(Ok(vec![ca_with(ISSUER, "ROOT", "Root", 7)])),
    );
    // A root has none: ↓ (or Tab) stops at the signature row.
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    assert_eq!(f.step, ActStep::Keys);
    act(&mut f, Action::Down);
    act(&mut f, Action::Down);
    assert_eq!(f.keys_focus, KeysFocus::Signature);
    act(&mut f, Action::Up);
    assert_eq!(f.keys_focus, KeysFocus::Key);
    assert_eq!(f.request().expect("root").path_length, None);
    act(&mut f, Action::Back);
    act(&mut f, Action::Back);
    act(&mut f, Action::Down); // subordinate of Root
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    assert_eq!(f.path_length, 6, "the default, as the CLI's");
    let screen = render_model(&f.m);
    assert!(screen.contains("Path length"), "{screen}");
    assert!(screen.contains("Default 6"), "why it is 6:\n{screen}");
    act(&mut f, Action::Down);
    act(&mut f, Action::Down);
    assert_eq!(f.keys_focus, KeysFocus::PathLength);
    for _ in 0..10 {
        act(&mut f, Action::ValueLeft);
    }
    assert_eq!(f.path_length, 0, "stops at 0");
    act(&mut f, Action::ValueRight);
    act(&mut f, Action::ValueRight);
    assert_eq!(f.request().expect("valid").path_length, Some(2));
    for _ in 0..10 {
        act(&mut f, Action::ValueRight);
    }
    assert_eq!(f.path_length, 6, "stops at 6");
}

#[test]
fn the_validity_shows_its_words_its_dates_and_why_the_default_is_what_it_is() {
    let mut f = flow(&[CA1], Some((PeriodUnit::Month, 1)), Site::China);
    act(&mut f, Action::Next);
    act(&mut f, Action::Next);
    // Entering the validity asks for the time (the model reads no clock).
    assert_eq!(
        act(&mut f, Action::Next),
        vec![Effect::Activation(ActivationEffect::ReadClock)]
    );
    assert_eq!(f.dates(), None, "not known before the time is");
    update(&mut f, ActivationMsg::Clock(at(2026, 1, 31, 10)));
    // One calendar month from 31 January: the end of February.
    assert_eq!(f.dates(), Some((at(2026, 1, 31, 10), at(2026, 2, 28, 10))));
    let screen = render_model(&f.m);
    for words in [
        "= 1 month",
        "2026-01-31 10:00:00 UTC to 2026-02-28 10:00:00 UTC",
        "Default: the period bought",
        "pca-order's choice",
    ] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
    clear(&mut f);
    type_text(&mut f, "10y");
    assert_eq!(f.dates(), Some((at(2026, 1, 31, 10), at(2036, 1, 31, 10))));
    assert_eq!(
        act(&mut f, Action::Next),
        vec![Effect::Activation(ActivationEffect::ReadClock)]
    );
    update(&mut f, ActivationMsg::Clock(at(2028, 2, 29, 9)));
    let screen = render_model(&f.m);
    assert!(screen.contains("10 years"), "{screen}");
    assert!(!screen.contains("10y"), "the unit in words:\n{screen}");
    assert!(
        screen.contains("2028-02-29 09:00:00 UTC to 2038-02-28 09:00:00 UTC"),
        "{screen}"
    );
    // Opened without an order, the default is one year, and says so.
    let mut f = flow(&[CA1], None, Site::China);
    for _ in 0..3 {
        act(&mut f, Action::Next);
    }
    let screen = render_model(&f.m);
    assert!(screen.contains("Default: 1 year"), "{screen}");
}

#[test]
fn a_validity_in_words_in_both_languages() {
    use pca_order::tui::text::Lang;
    let en = Lang::En.text();
    let zh = Lang::ZhCn.text();
    let cases = [
        (1, ValidityUnit::Month, "1 month", "1 个月"),
        (6, ValidityUnit::Month, "6 months", "6 个月"),
        (1, ValidityUnit::Year, "1 year", "1 年"),
        (10, ValidityUnit::Year, "10 years", "10 年"),
        (30, ValidityUnit::Day, "30 days", "30 天"),
        (1, ValidityUnit::Hour, "1 hour", "1 小时"),
    ];
    for (n, unit, words_en, words_zh) in cases {
        assert_eq!(en.validity_words(n, unit), words_en);
        assert_eq!(zh.validity_words(n, unit), words_zh);
    }
}

// ---- issue 19: one key rule in every flow, through the keymap ----

fn key_mod(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let ev = KeyEvent::new(code, mods);
    match keymap::translate(m.context(), &ev) {
        Some(action) => pca_order::tui::model::update(m, Msg::Action(action)),
        None => Vec::new(),
    }
}

fn quit_codes(effects: &[Effect]) -> Vec<i32> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Quit(c) => Some(*c),
            _ => None,
        })
        .collect()
}

#[test]
fn activation_esc_goes_back_one_step_on_every_step_and_never_quits() {
    let (mut m, _) = hosted(&[CA1]);
    // The first step has nothing to go back to: Esc does nothing, and never quits.
    assert!(quit_codes(&key(&mut m, KeyCode::Esc)).is_empty());
    assert_eq!(m.context(), Context::ActType);
    enter_to_question(&mut m);
    // The question: Esc answers no.
    assert_eq!(m.context(), Context::Question);
    assert!(key(&mut m, KeyCode::Esc).is_empty());
    assert_eq!(m.context(), Context::ActReview);
    // The JSON on the review closes with Esc, then Esc walks back step by step.
    key(&mut m, KeyCode::Char('v'));
    assert!(flow_of(&m).json.shown);
    key(&mut m, KeyCode::Esc);
    assert!(!flow_of(&m).json.shown);
    for expect in [
        Context::ActValidity,
        Context::ActKeys,
        Context::ActSubject,
        Context::ActType,
        Context::ActType,
    ] {
        assert!(quit_codes(&key(&mut m, KeyCode::Esc)).is_empty());
        assert_eq!(m.context(), expect);
    }
    // Help closes with Esc, and the step stays.
    key(&mut m, KeyCode::Char('?'));
    assert_eq!(m.context(), Context::Help);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.context(), Context::ActType);
    // The error screen: Esc is its review.
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    answer(
        &mut m,
        ActivationMsg::Activated(Outcome::Rejected(api_error(400))),
    );
    assert_eq!(m.context(), Context::ActError);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.context(), Context::ActReview);
}

#[test]
fn activation_q_quits_where_no_text_field_has_focus_and_is_typed_in_one() {
    for steps in [0, 2, 4] {
        let (mut m, _) = hosted(&[CA1]);
        for _ in 0..steps {
            key(&mut m, KeyCode::Enter);
        }
        let ctx = m.context();
        assert!(!ctx.has_text_field(), "{ctx:?}");
        assert_eq!(
            quit_codes(&key(&mut m, KeyCode::Char('q'))),
            vec![1],
            "{ctx:?}"
        );
    }
    // Subject and validity are text: `q` is typed there.
    let (mut m, _) = hosted(&[CA1]);
    key(&mut m, KeyCode::Enter);
    assert!(quit_codes(&key(&mut m, KeyCode::Char('q'))).is_empty());
    assert_eq!(
        flow_of(&m).subject_value(SubjectField::CommonName),
        "q",
        "the prefilled name was selected, so `q` replaced it"
    );
    // In flight `q` asks first.
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    assert!(quit_codes(&key(&mut m, KeyCode::Char('q'))).is_empty());
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
}

#[test]
fn activation_help_opens_everywhere_f1_in_text_fields() {
    let (mut m, _) = hosted(&[CA1]);
    for _ in 0..5 {
        let text = m.context().has_text_field();
        key(&mut m, KeyCode::F(1));
        assert_eq!(m.context(), Context::Help);
        key(&mut m, KeyCode::Esc);
        // End first: a prefilled field is selected, and `?` would replace it.
        key(&mut m, KeyCode::End);
        key(&mut m, KeyCode::Char('?'));
        assert_eq!(m.context() == Context::Help, !text);
        if text {
            key(&mut m, KeyCode::Backspace);
        } else {
            key(&mut m, KeyCode::Esc);
        }
        key(&mut m, KeyCode::Enter);
    }
    assert_eq!(m.context(), Context::Question);
}

#[test]
fn activation_tab_moves_between_fields_and_rows_enter_goes_on() {
    let (mut m, _) = hosted(&[CA1]);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActSubject);
    key(&mut m, KeyCode::Tab);
    assert_eq!(flow_of(&m).subject_focus, SubjectField::ALL[1]);
    assert_eq!(m.context(), Context::ActSubject, "Tab is not the next step");
    key_mod(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(flow_of(&m).subject_focus, SubjectField::CommonName);
    key_mod(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(m.context(), Context::ActType, "back from the first field");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActKeys);
    // Keys: rows drawn one above the other, choices across — as on the renewal step.
    key(&mut m, KeyCode::Right);
    assert_eq!(flow_of(&m).key, KeyAlgorithm::Rsa4096);
    key(&mut m, KeyCode::Down);
    assert_eq!(flow_of(&m).keys_focus, KeysFocus::Signature);
    assert_eq!(flow_of(&m).key, KeyAlgorithm::Rsa4096, "↓ moved, not chose");
    key(&mut m, KeyCode::Up);
    key(&mut m, KeyCode::Tab);
    assert_eq!(flow_of(&m).keys_focus, KeysFocus::Signature);
    assert_eq!(m.context(), Context::ActKeys);
    key(&mut m, KeyCode::Left);
    key_mod(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(flow_of(&m).keys_focus, KeysFocus::Key);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActValidity);
    let footer = keymap::footer(Context::ActKeys);
    assert!(
        footer
            .iter()
            .any(|h| h.keys.as_deref() == Some("←→") && h.hint == Hint::Change),
        "{footer:?}"
    );
}

#[test]
fn activation_typing_over_a_prefilled_value_replaces_it() {
    let (mut m, _) = hosted(&[CA1]);
    key(&mut m, KeyCode::Enter);
    for c in "Team".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    assert_eq!(flow_of(&m).subject_value(SubjectField::CommonName), "Team");
    // The country is prefilled: typing replaces it.
    for _ in 0..3 {
        key(&mut m, KeyCode::Down);
    }
    assert_eq!(flow_of(&m).subject_focus, SubjectField::Country);
    key(&mut m, KeyCode::Char('D'));
    key(&mut m, KeyCode::Char('E'));
    assert_eq!(flow_of(&m).subject_value(SubjectField::Country), "DE");
    // Back to the name the user typed: kept, typing appends.
    for _ in 0..3 {
        key(&mut m, KeyCode::Up);
    }
    key(&mut m, KeyCode::Char('s'));
    assert_eq!(flow_of(&m).subject_value(SubjectField::CommonName), "Teams");
    // The validity is prefilled ("1y"): "5y" replaces it.
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.context(), Context::ActValidity);
    key(&mut m, KeyCode::Char('5'));
    key(&mut m, KeyCode::Char('y'));
    assert_eq!(flow_of(&m).validity_input.value(), "5y");
}

#[test]
fn the_activated_cas_id_can_be_copied_and_the_notice_says_sent() {
    let (mut m, _) = hosted(&[CA1]);
    enter_to_question(&mut m);
    key(&mut m, KeyCode::Char('y'));
    answer(&mut m, ActivationMsg::Activated(Outcome::Done(())));
    answer(&mut m, ActivationMsg::Shown(Ok(ca(CA1, "ACTIVED"))));
    assert_eq!(m.context(), Context::ActDone);
    assert_eq!(
        key(&mut m, KeyCode::Char('c')),
        vec![Effect::Copy(CA1.into())]
    );
    let screen = render_model(&m);
    assert!(
        screen.contains("CA ID sent to the terminal's clipboard (OSC 52): may not be supported."),
        "{screen}"
    );
    let footer = keymap::footer(Context::ActDone);
    assert!(footer.iter().any(|h| h.hint == Hint::CopyCa), "{footer:?}");
}

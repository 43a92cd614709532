//! The wizard's CSR path (issue 21), driven through the pure `update` with key sequences and the work's
//! answer, as the runtime feeds them: from a PENDING row of "My CAs", the subject form (a broken field
//! named), the key row, the one question with the exact request, Esc before confirming (nothing sent),
//! the four outcomes and the session's exit code; a CA with this subject saved already (no question, no
//! save). The runtime's part (read, journaled save, CSR, write) is tested in `csr_exec_*` against the
//! sandbox, writing into a temp directory.

mod common;

use common::wizard::*;

use crossterm::event::KeyCode;
use pca_order::activation::{CaInfo, Field, KeyAlgorithm};
use pca_order::api::{ApiError, Reason};
use pca_order::tui::keymap::Context;
use pca_order::tui::model::activation::SubjectField;
use pca_order::tui::model::csr::{CsrEffect, CsrFailure, CsrMsg, CsrResult, CsrStep, CsrWritten};
use pca_order::tui::model::manage::{ManageMsg, ManageRead};
use pca_order::tui::model::{Effect, Model, Msg, Overlay, Pending};
use pca_order::tui::text::Lang;
use serde_json::{Value, json};
use time::macros::datetime;

const PENDING: &str = "3284547e-68ef-4a94-adea-9df1e5d8ad63";

fn pending_ca(saved: Option<Value>) -> CaInfo {
    let mut v = json!({"ca_id": PENDING, "type": "SUBORDINATE", "status": "PENDING"});
    if let Some(dn) = saved {
        v["distinguished_name"] = dn;
        v["key_algorithm"] = json!("EC256");
    }
    CaInfo::from_json(&v).expect("a CA object")
}

fn listed_with(ca: CaInfo, lang: Lang) -> Model {
    let mut m = Model::new(lang, header(), true);
    send(&mut m, [Msg::Resize(80, 24)]);
    m.open_manage();
    send(
        &mut m,
        [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
            ManageRead {
                cas: Ok(vec![ca]),
                paid: None,
                now: datetime!(2026-12-07 00:00 UTC),
            },
        ))))],
    );
    m
}

/// "My CAs" with one PENDING subordinate that has nothing saved.
pub fn listed(lang: Lang) -> Model {
    listed_with(pending_ca(None), lang)
}

fn runs(effects: &[Effect]) -> Vec<(String, bool)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Csr(CsrEffect::Run { request, confirmed }) => {
                Some((request.to_json(), *confirmed))
            }
            _ => None,
        })
        .collect()
}

fn render(m: &Model) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
    terminal
        .draw(|f| pca_order::tui::view::view(m, f))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn esc() -> Ev {
    key(KeyCode::Esc)
}

fn tab() -> Ev {
    key(KeyCode::Tab)
}

/// Types `text` into the focused field after emptying it.
fn retype(m: &mut Model, text: &str) {
    send(m, [ctrl('u')]);
    for c in text.chars() {
        send(m, [ch(c)]);
    }
}

/// The form filled (CN "Team Sub", organization "Ex"), on the key row with EC256 chosen.
pub fn on_key_row(m: &mut Model) {
    send(m, [ch('s')]);
    retype(m, "Team Sub");
    send(m, [tab()]);
    retype(m, "Ex");
    send(m, [enter()]);
    // RSA2048 → RSA4096 → EC256.
    send(m, [key(KeyCode::Right), key(KeyCode::Right)]);
}

fn done(result: CsrResult) -> Msg {
    Msg::Csr(Box::new(CsrMsg::Done(Box::new(result))))
}

/// What the runtime answers after a save and a written CSR.
pub fn written() -> CsrResult {
    CsrResult {
        saved_now: true,
        skipped: false,
        end: Ok(CsrWritten {
            path: "/home/u/Team_Sub-1.csr".into(),
            taken: Some("/home/u/Team_Sub.csr".into()),
            subject: "C=CN, O=Ex, CN=Team Sub".into(),
        }),
    }
}

#[test]
fn s_on_a_pending_row_asks_once_with_the_exact_request_then_saves_and_writes() {
    let mut m = listed(Lang::En);
    assert_eq!(m.context(), Context::ManageListPending);
    send(&mut m, [ch('s')]);
    assert_eq!(m.context(), Context::CsrSubject);
    // `q` is typed in a text field, not a way out.
    send(&mut m, [ctrl('u'), ch('q')]);
    assert_eq!(
        m.csr().map(|f| f.subject[0].value().to_string()),
        Some("q".into())
    );
    retype(&mut m, "Team Sub");
    send(&mut m, [tab()]);
    retype(&mut m, "Ex");
    assert!(runs(&send(&mut m, [enter()])).is_empty());
    assert_eq!(m.context(), Context::CsrKey);
    send(&mut m, [key(KeyCode::Right), key(KeyCode::Right)]);
    let effects = send(&mut m, [enter()]);
    assert!(runs(&effects).is_empty(), "nothing before the y");
    let Some(Overlay::Confirm(Pending::SaveSubject { request })) = m.overlay.clone() else {
        panic!("the question: {:?}", m.overlay);
    };
    assert_eq!(
        request.to_value(),
        json!({"ca_id": PENDING, "type": "SUBORDINATE",
            "distinguished_name": {"common_name": "Team Sub", "country": "CN", "organization": "Ex"},
            "key_algorithm": "EC256"})
    );
    let effects = send(&mut m, [ch('y')]);
    assert_eq!(
        runs(&effects),
        [(request.to_json(), true)],
        "exactly what was asked"
    );
    assert_eq!(m.context(), Context::CsrWorking);
    assert!(m.request_in_flight(), "the save may be in flight");
    assert_eq!(m.exit_code(), 4);
    // Esc waits for the answer; `y` again sends nothing.
    assert!(runs(&send(&mut m, [esc(), ch('y')])).is_empty());
    send(&mut m, [done(written())]);
    assert_eq!(m.context(), Context::CsrDone);
    assert_eq!(m.csr().map(|f| f.step), Some(CsrStep::Done));
    assert!(!m.request_in_flight());
    assert_eq!(m.exit_code(), 0, "a save done counts as an activation");
    // Back to My CAs, read again (the subject changed); the code stays.
    let effects = send(&mut m, [esc()]);
    assert!(effects.iter().any(|e| matches!(e, Effect::Manage(_))));
    assert!(m.manage().is_some());
    assert_eq!(m.exit_code(), 0);
    // What the wizard prints when it ends: the file and the next command.
    let printed: Vec<String> = m
        .earlier_saves
        .iter()
        .filter_map(|f| pca_order::tui::view::csr::summary(f, Lang::En, false))
        .collect();
    assert_eq!(
        printed,
        [format!(
            "CA {PENDING}: ✓ Wrote the CSR /home/u/Team_Sub-1.csr\n  pca-order import {PENDING} --certificate FILE [--chain FILE]\n"
        )]
    );
    // Against the sandbox the command names it: without `--sandbox` it would go to the real service.
    let printed: Vec<String> = m
        .earlier_saves
        .iter()
        .filter_map(|f| pca_order::tui::view::csr::summary(f, Lang::En, true))
        .collect();
    assert!(
        printed[0].contains(&format!(
            "pca-order import --sandbox {PENDING} --certificate FILE"
        )),
        "{printed:?}"
    );
}

#[test]
fn the_detail_of_a_pending_ca_offers_it_and_another_status_does_not() {
    let mut m = listed(Lang::En);
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::ManageDetailPending);
    send(&mut m, [ch('s')]);
    assert_eq!(m.context(), Context::CsrSubject);
    let mut v = json!({"ca_id": PENDING, "type": "ROOT", "status": "ACTIVED"});
    v["not_after"] = json!(2_100_000_000_000_i64);
    let mut m = listed_with(CaInfo::from_json(&v).expect("ca"), Lang::En);
    send(&mut m, [ch('s')]);
    assert!(m.manage().is_some(), "no CSR path for an ACTIVED CA");
}

#[test]
fn esc_before_confirming_sends_nothing_and_goes_back() {
    let mut m = listed(Lang::En);
    on_key_row(&mut m);
    send(&mut m, [enter()]);
    assert!(matches!(m.overlay, Some(Overlay::Confirm(_))));
    // Any key but `y` declines: nothing is sent, the key row is back.
    let effects = send(&mut m, [esc()]);
    assert!(runs(&effects).is_empty());
    assert_eq!(m.context(), Context::CsrKey);
    // Esc on the key row: the fields, every value kept; Esc there: My CAs.
    send(&mut m, [esc()]);
    assert_eq!(m.context(), Context::CsrSubject);
    assert_eq!(
        m.csr().map(|f| f.subject[0].value().to_string()),
        Some("Team Sub".into())
    );
    let effects = send(&mut m, [esc()]);
    assert!(runs(&effects).is_empty());
    assert!(
        effects.iter().all(|e| !matches!(e, Effect::Manage(_))),
        "not read again"
    );
    assert_eq!(m.context(), Context::ManageListPending);
    assert_eq!(m.exit_code(), 1, "nothing was sent");
    assert!(m.earlier_saves.is_empty(), "nothing to print");
}

#[test]
fn a_broken_field_is_named_and_takes_the_focus() {
    let mut m = listed(Lang::En);
    send(&mut m, [ch('s')]);
    // Country, the fourth field: three letters break its rule.
    send(&mut m, [tab(), tab(), tab()]);
    retype(&mut m, "CHN");
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Up)]);
    send(&mut m, [enter()]);
    let f = m.csr().expect("csr");
    assert_eq!(f.step, CsrStep::Subject);
    assert_eq!(f.focus, SubjectField::Country);
    assert_eq!(f.focus.field(), Field::Country);
    let screen = render(&m);
    assert!(
        screen.contains("2 letters") || screen.contains("ISO"),
        "{screen}"
    );
}

#[test]
fn rejected_and_unknown_are_said_and_decide_the_exit_code() {
    let rejected = CsrResult {
        saved_now: true,
        skipped: false,
        end: Err(CsrFailure::Rejected(ApiError {
            status: 400,
            code: "PCA.10010001".into(),
            message: "bad subject".into(),
            request_id: None,
        })),
    };
    let unknown = CsrResult {
        saved_now: true,
        skipped: false,
        end: Err(CsrFailure::Unknown(Reason::Timeout {
            host: "127.0.0.1".into(),
            detail: "no answer".into(),
        })),
    };
    for (result, code, words) in [
        (rejected, 3, "rejected: nothing changed"),
        (unknown, 4, "unknown"),
    ] {
        let mut m = listed(Lang::En);
        on_key_row(&mut m);
        send(&mut m, [enter(), ch('y')]);
        send(&mut m, [done(result)]);
        assert_eq!(m.context(), Context::CsrFailed);
        assert_eq!(m.exit_code(), code);
        let screen = render(&m);
        assert!(screen.contains(words), "{screen}");
        // Back on My CAs the code stays.
        send(&mut m, [esc()]);
        assert!(m.manage().is_some());
        assert_eq!(m.exit_code(), code);
    }
}

#[test]
fn a_subject_saved_already_is_read_without_a_question_and_another_is_refused() {
    let saved = json!({"common_name": "Team Sub", "country": "CN", "organization": "Ex"});
    let mut m = listed_with(pending_ca(Some(saved)), Lang::En);
    send(&mut m, [ch('s')]);
    // Prefilled with what is saved (and its key): Enter, Enter runs the read, unconfirmed.
    assert_eq!(
        m.csr().map(|f| f.subject[0].value().to_string()),
        Some("Team Sub".into())
    );
    let effects = send(&mut m, [enter(), enter()]);
    assert_eq!(m.overlay, None, "no question: nothing is sent");
    assert_eq!(runs(&effects).len(), 1);
    assert!(
        !runs(&effects)[0].1,
        "not confirmed: the runtime never saves"
    );
    assert!(!m.request_in_flight());
    send(
        &mut m,
        [done(CsrResult {
            saved_now: false,
            skipped: true,
            ..written()
        })],
    );
    assert_eq!(m.exit_code(), 1, "nothing was sent");
    let screen = render(&m);
    assert!(
        screen.contains("already had this subject saved"),
        "{screen}"
    );
    // Another subject: refused at once, nothing asked or run.
    let saved = json!({"common_name": "Old", "country": "CN"});
    let mut m = listed_with(pending_ca(Some(saved)), Lang::En);
    send(&mut m, [ch('s')]);
    retype(&mut m, "New");
    let effects = send(&mut m, [enter(), enter()]);
    assert!(runs(&effects).is_empty());
    assert_eq!(m.overlay, None);
    assert!(matches!(
        m.csr().and_then(|f| f.failure()),
        Some(CsrFailure::SavedDiffers(s)) if s.contains("CN=Old")
    ));
}

#[tokio::test]
async fn csr_exec_saves_once_journaled_writes_a_csr_that_parses_and_never_overwrites() {
    use pca_order::activation::{DistinguishedName, Site, SubjectDraft};
    use pca_order::tui::csr_exec::run;
    let cli = common::sandbox_cli::SandboxCli::new(std::time::Duration::ZERO).await;
    let ids = cli.buy(&[]).await;
    let client = cli.ccm();
    let journal = pca_order::journal::Journal::new(cli.journal());
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("Team_Sub.csr"), b"mine").expect("write");
    let request = SubjectDraft {
        ca_id: ids[0].clone(),
        subject: DistinguishedName {
            common_name: "Team Sub".into(),
            country: "CN".into(),
            organization: Some("Ex".into()),
            ..DistinguishedName::default()
        },
        key_algorithm: "EC256".into(),
    }
    .validate(Site::China)
    .expect("valid");
    // Unconfirmed on a CA with nothing saved: never sent.
    let (_, r) = run(&client, &journal, &request, false, dir.path()).await;
    assert!(matches!(r.end, Err(CsrFailure::Changed)), "{:?}", r.end);
    assert!(!r.saved_now);
    let (warning, r) = run(&client, &journal, &request, true, dir.path()).await;
    assert_eq!(warning, None);
    assert!(r.saved_now && !r.skipped);
    let w = r.end.expect("written");
    assert_eq!(
        w.path,
        dir.path().join("Team_Sub-1.csr").display().to_string()
    );
    assert_eq!(
        w.taken,
        Some(dir.path().join("Team_Sub.csr").display().to_string())
    );
    assert_eq!(
        std::fs::read(dir.path().join("Team_Sub.csr")).expect("read"),
        b"mine"
    );
    let pem = std::fs::read_to_string(&w.path).expect("written");
    let csr = pca_order::certificate::parse_csr(&pem).expect("a CSR");
    assert!(csr.subject().contains("Team Sub"), "{}", csr.subject());
    let lines = std::fs::read_to_string(cli.journal()).expect("journal");
    assert_eq!(
        lines
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["operation"] == "save_subject" && v["state"] == "sending")
            .count(),
        1,
        "{lines}"
    );
    // Again: the subject is saved, so nothing is sent; the CSR is written beside.
    let (_, again) = run(&client, &journal, &request, true, dir.path()).await;
    assert!(again.skipped && !again.saved_now);
    assert_eq!(
        again.end.expect("written").path,
        dir.path().join("Team_Sub-2.csr").display().to_string()
    );
    let after = std::fs::read_to_string(cli.journal()).expect("journal");
    assert_eq!(after, lines, "nothing journaled: nothing sent");
}

#[test]
fn a_prefilled_field_is_replaced_by_typing_as_in_the_activation() {
    let mut m = listed(Lang::En);
    send(&mut m, [ch('s'), ch('A')]);
    // Country, prefilled "CN": typing replaces it, as on the activation's form.
    send(&mut m, [tab(), tab(), tab(), ch('D'), ch('E')]);
    let f = m.csr().expect("csr");
    assert_eq!(f.subject[SubjectField::CommonName.index()].value(), "A");
    assert_eq!(f.subject[SubjectField::Country.index()].value(), "DE");
}

/// The CSR path offers SM2 only where the region does: opening it reads the region's console
/// configuration (once a session; a later opening takes what was read), and an answer that says no takes
/// SM2 off the key row of a `cn-*` region.
#[test]
fn the_key_row_follows_the_regions_configuration_read_as_the_path_opens() {
    use pca_order::order::console::ConsoleConfig;
    let mut m = listed(Lang::En);
    let effects = send(&mut m, [ch('s')]);
    assert_eq!(m.context(), Context::CsrSubject);
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::LoadConsole))
            .count(),
        1,
        "{effects:?}"
    );
    let offered = |m: &Model| m.csr().map(|f| f.offered_keys()).unwrap_or_default();
    // cn-north-4 by the website rule, until the region says.
    assert!(offered(&m).contains(&KeyAlgorithm::Sm2));
    let no = ConsoleConfig {
        sm2: Some(false),
        ..ConsoleConfig::default()
    };
    send(&mut m, [Msg::ConsoleLoaded(Ok(no))]);
    assert!(!offered(&m).contains(&KeyAlgorithm::Sm2));
    // Back to My CAs and in again: what was read is kept, not read again.
    send(&mut m, [esc()]);
    assert_eq!(m.context(), Context::ManageListPending);
    let effects = send(&mut m, [ch('s')]);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::LoadConsole)),
        "{effects:?}"
    );
    assert!(!offered(&m).contains(&KeyAlgorithm::Sm2));
}

/// A broken subject field's rule is wrapped under it, never cut: its end names the character found (the
/// form is the activation's too).
#[test]
fn a_broken_fields_rule_is_shown_whole_with_the_character_found() {
    for lang in [Lang::En, Lang::ZhCn] {
        let mut m = listed(lang);
        send(&mut m, [ch('s')]);
        retype(&mut m, "Bad/Name");
        let screen = render(&m);
        assert!(screen.contains("'/'"), "{screen}");
        assert!(!screen.contains('…'), "{screen}");
    }
}

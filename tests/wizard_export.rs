//! The wizard's export (issue 21), driven through the pure `update` with key sequences and the export's
//! answer, as the runtime feeds them: from a "My CAs" row and detail, from an activation's end, a CA
//! whose status cannot export (no call), a failed export and its retry, and Esc back to the very
//! screen it came from. The runtime's part (read, export, write) is tested in `export_exec_*` below
//! against the sandbox, writing into a temp directory.

mod common;

use common::wizard::*;

use crossterm::event::KeyCode;
use pca_order::activation::CaInfo;
use pca_order::api::CallError;
use pca_order::tui::keymap::{Action, Context, key_label};
use pca_order::tui::model::activation::{ActStep, ActivationMsg, ActivationStart};
use pca_order::tui::model::export::{ExportEffect, ExportFailure, ExportMsg, ExportStep, Saved};
use pca_order::tui::model::manage::{ManageMsg, ManageRead, ManageStep};
use pca_order::tui::model::{Effect, Model, Msg};
use pca_order::tui::text::Lang;
use pca_order::tui::view::{footer_hints, help_lines};
use serde_json::json;
use time::macros::datetime;

const ROOT: &str = "1284547e-68ef-4a94-adea-9df1e5d8ad61";
const PENDING: &str = "3284547e-68ef-4a94-adea-9df1e5d8ad63";

fn ca(id: &str, cn: Option<&str>, status: &str) -> CaInfo {
    let mut v = json!({"ca_id": id, "type": "ROOT", "status": status});
    if let Some(cn) = cn {
        v["distinguished_name"] = json!({"common_name": cn, "country": "CN"});
    }
    if status == "ACTIVED" {
        // Ends first, so it is the table's first row.
        v["not_after"] = json!(2_100_000_000_000_i64);
    }
    CaInfo::from_json(&v).expect("a CA object")
}

fn listed() -> Model {
    let mut m = Model::new(Lang::En, header(), true);
    send(&mut m, [Msg::Resize(80, 24)]);
    m.open_manage();
    send(
        &mut m,
        [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
            ManageRead {
                cas: Ok(vec![
                    ca(ROOT, Some("Team Root"), "ACTIVED"),
                    ca(PENDING, None, "PENDING"),
                ]),
                paid: None,
                now: datetime!(2026-12-07 00:00 UTC),
            },
        ))))],
    );
    m
}

fn exports(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Export(ExportEffect::Export(id)) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

/// What the runtime answers after writing the files.
pub fn saved() -> Saved {
    Saved {
        certificate: "/home/u/Team_Root-1.pem".into(),
        chain: None,
        taken: Some("/home/u/Team_Root.pem".into()),
        subject: "C=CN, CN=Team Root".into(),
        serial: "3f2a9c".into(),
        not_before: datetime!(2026-12-07 00:00 UTC),
        not_after: datetime!(2036-12-07 00:00 UTC),
        sha256: "AB:CD:EF".into(),
        chain_len: 0,
    }
}

fn answer(result: Result<Saved, ExportFailure>) -> Msg {
    Msg::Export(Box::new(ExportMsg::Done(result)))
}

fn esc() -> Ev {
    key(KeyCode::Esc)
}

#[test]
fn e_on_a_row_exports_it_and_esc_goes_back_to_the_same_row() {
    let mut m = listed();
    assert_eq!(m.context(), Context::ManageList);
    let effects = send(&mut m, [ch('e')]);
    assert_eq!(exports(&effects), [ROOT]);
    assert_eq!(m.context(), Context::ExportWorking);
    // Nothing changes on the service: quitting asks nothing, and the session sent nothing.
    assert!(!m.request_in_flight());
    assert_eq!(send(&mut m, [esc()]).len(), 0, "Esc waits for the write");
    send(&mut m, [answer(Ok(saved()))]);
    assert_eq!(m.context(), Context::ExportDone);
    let f = m.export().expect("exporting");
    assert_eq!(f.step, ExportStep::Done);
    assert_eq!(f.saved().map(|s| s.taken.is_some()), Some(true));
    // A late second answer changes nothing.
    send(
        &mut m,
        [answer(Err(ExportFailure::NotExportable("X".into())))],
    );
    assert_eq!(m.export().map(|f| f.step), Some(ExportStep::Done));
    let effects = send(&mut m, [esc()]);
    assert!(
        effects.iter().all(|e| !matches!(e, Effect::Manage(_))),
        "not read again"
    );
    let manage = m.manage().expect("back on My CAs");
    assert_eq!(manage.step, ManageStep::List);
    assert_eq!(manage.highlighted().map(|c| c.ca_id.as_str()), Some(ROOT));
    assert_eq!(m.exit_code(), 1, "nothing was sent");
}

#[test]
fn e_on_the_detail_exports_and_esc_comes_back_to_the_detail() {
    let mut m = listed();
    send(&mut m, [enter()]);
    assert_eq!(m.context(), Context::ManageDetail);
    let effects = send(&mut m, [ch('e')]);
    assert_eq!(exports(&effects), [ROOT]);
    send(&mut m, [Ev::from(answer(Ok(saved()))), esc()]);
    assert_eq!(m.manage().map(|f| f.step), Some(ManageStep::Detail));
}

const DELETED: &str = "4284547e-68ef-4a94-adea-9df1e5d8ad64";

/// `e` on a screen, as the footer and the help word it in `lang`: whether either offers it.
fn offers_export(m: &Model, lang: Lang) -> (bool, bool) {
    let t = lang.text();
    let context = m.context();
    let footer = footer_hints(m, t)
        .iter()
        .any(|(_, words)| *words == t.hint_export);
    let help = help_lines(context, t)
        .iter()
        .any(|(_, words)| *words == t.hint_export);
    (footer, help)
}

/// Only a CA whose status can export (ACTIVED, EXPIRED, DISABLED) is offered `e`, on its row and its
/// detail, in the footer and the help alike; on a PENDING or DELETED CA `e` is no key at all: no
/// call, no screen, the table as it was.
#[test]
fn e_is_offered_only_where_the_status_can_export_and_does_nothing_elsewhere() {
    for lang in Lang::ALL {
        let mut m = Model::new(lang, header(), true);
        send(&mut m, [Msg::Resize(200, 24)]);
        m.open_manage();
        let mut deleted = ca(DELETED, Some("Gone"), "DELETED");
        deleted.not_after = Some(2_200_000_000_000);
        send(
            &mut m,
            [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
                ManageRead {
                    cas: Ok(vec![
                        ca(ROOT, Some("Team Root"), "ACTIVED"),
                        deleted,
                        ca(PENDING, None, "PENDING"),
                    ]),
                    paid: None,
                    now: datetime!(2026-12-07 00:00 UTC),
                },
            ))))],
        );
        for (row, id, can) in [(0, ROOT, true), (1, DELETED, false), (2, PENDING, false)] {
            let at = |m: &Model| {
                m.manage()
                    .and_then(|f| f.highlighted())
                    .map(|c| c.ca_id.clone())
            };
            assert_eq!(at(&m).as_deref(), Some(id), "{lang:?} row {row}");
            for detail in [false, true] {
                if detail {
                    send(&mut m, [enter()]);
                    assert_eq!(m.manage().map(|f| f.step), Some(ManageStep::Detail));
                }
                let what = format!("{lang:?} {id} detail={detail}");
                assert_eq!(offers_export(&m, lang), (can, can), "{what}");
                assert_eq!(
                    key_label(m.context(), Action::Export).is_some(),
                    can,
                    "{what}"
                );
                if !can {
                    let context = m.context();
                    let effects = send(&mut m, [ch('e')]);
                    assert!(effects.is_empty(), "{what}: {effects:?}");
                    assert!(m.export().is_none(), "{what}: no export screen");
                    assert_eq!(m.context(), context, "{what}");
                }
                if detail {
                    send(&mut m, [esc()]);
                }
            }
            send(&mut m, [key(KeyCode::Down)]);
        }
    }
}

#[test]
fn a_failed_export_says_why_and_r_tries_again() {
    let mut m = listed();
    send(&mut m, [ch('e')]);
    send(
        &mut m,
        [answer(Err(ExportFailure::Call(CallError::Network(
            "connection refused".into(),
        ))))],
    );
    assert_eq!(m.context(), Context::ExportFailed);
    let effects = send(&mut m, [ch('r')]);
    assert_eq!(exports(&effects), [ROOT]);
    assert_eq!(m.context(), Context::ExportWorking);
}

#[test]
fn the_activations_end_exports_the_ca_and_esc_returns_to_it_with_its_exit_code() {
    let mut m = Model::new(Lang::En, header(), true);
    send(&mut m, [Msg::Resize(80, 24)]);
    m.open_activation(ActivationStart {
        ca_ids: vec![ROOT.into()],
        period: None,
    });
    for _ in 0..5 {
        send(&mut m, [enter()]);
    }
    assert_eq!(m.context(), Context::Question);
    send(&mut m, [ch('y')]);
    let act = |msg| Msg::Activation(Box::new(msg));
    send(
        &mut m,
        [
            act(ActivationMsg::Activated(pca_order::api::Outcome::Done(()))),
            act(ActivationMsg::Shown(Ok(ca(
                ROOT,
                Some("Team Root"),
                "ACTIVED",
            )))),
        ],
    );
    assert_eq!(m.activation().map(|f| f.step), Some(ActStep::Done));
    assert_eq!(m.exit_code(), 0);
    let effects = send(&mut m, [ch('e')]);
    assert_eq!(exports(&effects), [ROOT]);
    assert_eq!(m.exit_code(), 0, "the activation behind still decides");
    send(&mut m, [answer(Ok(saved()))]);
    assert_eq!(m.exit_code(), 0);
    send(&mut m, [esc()]);
    assert_eq!(m.activation().map(|f| f.step), Some(ActStep::Done));
    assert_eq!(m.exit_code(), 0);
}

// ---- the runtime's part: read, export, write, against the sandbox that issues real certificates ----

async fn activate(cli: &common::sandbox_cli::SandboxCli, id: &str, cn: &str, extra: &[&str]) {
    let mut a = vec![
        "activate",
        id,
        "--common-name",
        cn,
        "--country",
        "CN",
        "--key-algorithm",
        "EC256",
        "--signature-algorithm",
        "SHA256",
        "--yes",
    ];
    a.extend_from_slice(extra);
    let o = cli.run(&a).await;
    assert_eq!(o.status.code(), Some(0), "{:?}", common::text(&o));
}

#[tokio::test]
async fn export_exec_writes_named_pem_files_never_over_a_file_nor_through_a_link() {
    use pca_order::tui::export_exec::export;
    let cli = common::sandbox_cli::SandboxCli::new(std::time::Duration::ZERO).await;
    let ids = cli.buy(&["--quantity", "3"]).await;
    activate(
        &cli,
        &ids[0],
        "..Team Root",
        &["--type", "root", "--validity", "10y"],
    )
    .await;
    activate(
        &cli,
        &ids[1],
        ".Team Sub",
        &[
            "--type",
            "subordinate",
            "--issuer",
            &ids[0],
            "--validity",
            "2y",
        ],
    )
    .await;
    let client = cli.ccm();
    let dir = tempfile::tempdir().expect("dir");
    // The root: one file, named from the CN made safe; what is shown is the certificate's own.
    let root = export(&client, &ids[0], dir.path())
        .await
        .expect("exported");
    assert_eq!(
        root.certificate,
        dir.path().join("Team_Root.pem").display().to_string()
    );
    assert_eq!(root.chain, None);
    assert_eq!(root.taken, None);
    let pem = std::fs::read_to_string(&root.certificate).expect("written");
    let parsed = pca_order::certificate::parse_pem(&pem).expect("a certificate");
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].summary().sha256, root.sha256);
    assert_eq!(parsed[0].summary().serial, root.serial);
    assert!(root.subject.contains("Team Root"), "{}", root.subject);
    // The subordinate: its chain beside it. A file and a symlink in the way: left alone, not followed.
    std::fs::write(dir.path().join("Team_Sub.pem"), b"mine").expect("write");
    let target = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&target, dir.path().join("Team_Sub-1-chain.pem")).expect("link");
    let sub = export(&client, &ids[1], dir.path())
        .await
        .expect("exported");
    assert_eq!(
        sub.certificate,
        dir.path().join("Team_Sub-2.pem").display().to_string()
    );
    assert_eq!(
        sub.chain.as_deref(),
        Some(
            dir.path()
                .join("Team_Sub-2-chain.pem")
                .display()
                .to_string()
                .as_str()
        )
    );
    assert_eq!(
        sub.taken,
        Some(dir.path().join("Team_Sub.pem").display().to_string())
    );
    assert_eq!(sub.chain_len, 1);
    assert_eq!(
        std::fs::read(dir.path().join("Team_Sub.pem")).expect("read"),
        b"mine"
    );
    assert!(!target.exists(), "the link was not followed");
    let chain = std::fs::read_to_string(sub.chain.as_deref().expect("chain")).expect("chain");
    assert_eq!(
        pca_order::certificate::parse_pem(&chain).expect("chain")[0]
            .summary()
            .sha256,
        root.sha256
    );
    // A PENDING CA: nothing asked of the export, nothing written.
    let before = std::fs::read_dir(dir.path()).expect("dir").count();
    assert!(matches!(
        export(&client, &ids[2], dir.path()).await,
        Err(ExportFailure::NotExportable(s)) if s == "PENDING"
    ));
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), before);
}

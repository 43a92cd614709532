//! Journals written by this and earlier versions stay readable, and the bytes written stay the same.
//!
//! `tests/fixtures/journal_all_kinds.jsonl` holds every line kind pca-order writes (orders, pay, cancel and
//! activations, auto-renew switches and unsubscribes, each outcome, pretend ones) as the writers wrote them before the journal's types were
//! merged, followed by lines a damaged or newer journal holds (a torn line, bytes that are not UTF-8, a
//! state of a future version, an order `sending` whose request is not an order, an activation carrying an
//! order's state). The goldens below were taken on the code before that change; none may move.
//! Issue 20 added renewals (`"operation":"renew"`, after the writers' lines above): the one line whose
//! operation a version before it did not know (`v1`, `renew` not sent) now reads as the renewal it is,
//! and the damaged lines' numbers moved by the seven lines inserted; nothing else moved.
//! Issue 21 added a subordinate's subject save and certificate import (`save_subject`, `import`, after
//! the lifecycle lines): eight lines inserted; the goldens gained exactly their four attempts and the
//! damaged lines' numbers moved by eight; nothing else moved.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use pca_order::activation::{ActivationDraft, DistinguishedName, Site};
use pca_order::api::bss::BssClient;
use pca_order::api::error::{ApiError, Created, Outcome, Reason};
use pca_order::api::{CcmClient, Credentials};
use pca_order::journal::{ActionKind, ActionLine, ActivationEvent, Event, Journal, SendingLine};
use pca_order::order::OrderDraft;

mod common;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/journal_all_kinds.jsonl"
);
const ORDER_URL: &str =
    "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/order";
const PAY_URL: &str = "https://bss.myhuaweicloud.com/v3/orders/customer-orders/pay";
const CANCEL_URL: &str = "https://bss.myhuaweicloud.com/v3/orders/customer-orders/cancel";
const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
const ORDER_ID: &str = "CS2601010000ABCDE";

/// Every `"ts":"…"` value replaced by one fixed time, so lines written now compare with the fixture.
fn fixed_ts(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\"ts\":\"") {
        let start = i + "\"ts\":\"".len();
        out.push_str(&rest[..start]);
        out.push_str("2026-01-01T00:00:00Z");
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn order_sending(id: &str, endpoint: &str, sandbox: bool) -> SendingLine {
    SendingLine {
        attempt_id: id.into(),
        region: "cn-north-4".into(),
        endpoint: endpoint.into(),
        credential_source: "env".into(),
        sandbox,
        request: OrderDraft::default().validate(None).expect("valid"),
    }
}

fn action(id: &str, kind: ActionKind, endpoint: &str, sandbox: bool) -> ActionLine {
    ActionLine {
        attempt_id: id.into(),
        kind,
        order_id: ORDER_ID.into(),
        region: "cn-north-4".into(),
        endpoint: endpoint.into(),
        credential_source: "env".into(),
        sandbox,
    }
}

fn activation_request() -> pca_order::activation::ActivateRequest {
    ActivationDraft {
        ca_id: CA.into(),
        ca_type: "root".into(),
        subject: DistinguishedName {
            common_name: "Root".into(),
            country: "cn".into(),
            ..Default::default()
        },
        key_algorithm: "rsa2048".into(),
        signature_algorithm: "sha256".into(),
        validity: "10y".into(),
        ..Default::default()
    }
    .validate(Site::China)
    .expect("valid")
}

fn activation_sending(endpoint: &str, sandbox: bool) -> ActivationEvent {
    ActivationEvent::Sending {
        region: "cn-north-4".into(),
        endpoint: endpoint.into(),
        credential_source: "env".into(),
        sandbox,
        request: activation_request().to_value(),
    }
}

fn rejected(request_id: Option<&str>) -> ApiError {
    ApiError {
        status: 400,
        code: "PCA.00020001".into(),
        message: "invalid period_num".into(),
        request_id: request_id.map(str::to_string),
    }
}

fn timeout() -> Reason {
    Reason::Timeout {
        host: "ccm.cn-north-4.myhuaweicloud.com".into(),
        detail: "operation timed out".into(),
    }
}

fn refused() -> Reason {
    Reason::Connect {
        host: "ccm.cn-north-4.myhuaweicloud.com".into(),
        detail: "tcp connect error: Connection refused (os error 111)".into(),
    }
}

/// Writes one attempt of each kind and outcome through the journal's writing API.
fn write_every_kind(j: &Journal) {
    let created = Created {
        order_id: ORDER_ID.into(),
        ca_ids: vec![CA.into()],
    };
    let outcomes: [(&str, Option<Outcome>); 6] = [
        ("o1", Some(Outcome::Done(created))),
        ("o2", Some(Outcome::Rejected(rejected(Some("req-1"))))),
        ("o3", Some(Outcome::Rejected(rejected(None)))),
        ("o4", Some(Outcome::Unknown(timeout()))),
        ("o5", Some(Outcome::NotSent(refused()))),
        ("o6", None),
    ];
    for (id, outcome) in outcomes {
        j.record_sending(&order_sending(id, ORDER_URL, false))
            .expect("write");
        if let Some(o) = outcome {
            j.record_outcome(id, &o).expect("write");
        }
    }
    j.record_action_sending(&action("p1", ActionKind::Pay, PAY_URL, false))
        .expect("write");
    j.record_event(
        "p1",
        Event::Done {
            kind: ActionKind::Pay,
            order_id: ORDER_ID.into(),
        },
    )
    .expect("write");
    let e = rejected(Some("req-2"));
    let action_outcomes = [
        (
            "c1",
            Event::Rejected {
                status: e.status,
                error_code: e.code,
                error_msg: e.message,
                request_id: e.request_id,
            },
        ),
        (
            "c2",
            Event::Unknown {
                reason: timeout().to_string(),
            },
        ),
        (
            "c3",
            Event::NotSent {
                reason: refused().to_string(),
            },
        ),
        (
            "c4",
            Event::Done {
                kind: ActionKind::Cancel,
                order_id: ORDER_ID.into(),
            },
        ),
    ];
    for (id, event) in action_outcomes {
        j.record_action_sending(&action(id, ActionKind::Cancel, CANCEL_URL, false))
            .expect("write");
        j.record_event(id, event).expect("write");
    }
    let activate_url = format!(
        "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/{CA}/activate"
    );
    let e = rejected(None);
    let activation_outcomes = [
        ("a1", Some(ActivationEvent::Activated)),
        (
            "a2",
            Some(ActivationEvent::Rejected {
                status: 403,
                error_code: "APIGW.0301".into(),
                error_msg: e.message,
                request_id: Some("req-3".into()),
            }),
        ),
        (
            "a3",
            Some(ActivationEvent::Unknown {
                reason: Reason::SecondSignal.to_string(),
            }),
        ),
        (
            "a4",
            Some(ActivationEvent::NotSent {
                reason: refused().to_string(),
            }),
        ),
        ("a5", None),
    ];
    for (id, outcome) in activation_outcomes {
        j.record_activation(id, CA, activation_sending(&activate_url, false))
            .expect("write");
        if let Some(o) = outcome {
            j.record_activation(id, CA, o).expect("write");
        }
    }
    // Pretend attempts: to the sandbox, and to a plain-http loopback endpoint not flagged as one.
    let loopback = "http://127.0.0.1:8443/v1/private-certificate-authorities/order";
    j.record_sending(&order_sending("s1", ORDER_URL, true))
        .expect("write");
    j.record_sending(&order_sending("s2", loopback, false))
        .expect("write");
    j.record_outcome("s2", &Outcome::Unknown(Reason::LeftInFlight))
        .expect("write");
    j.record_action_sending(&action(
        "s3",
        ActionKind::Pay,
        "http://127.0.0.1:8443/v3/orders/customer-orders/pay",
        true,
    ))
    .expect("write");
    j.record_activation(
        "s4",
        CA,
        activation_sending(
            &format!("http://[::1]:8443/v1/private-certificate-authorities/{CA}/activate"),
            false,
        ),
    )
    .expect("write");
    j.record_activation("s4", CA, ActivationEvent::Activated)
        .expect("write");
    write_renewals(j);
    write_lifecycle(j);
    write_subordinate(j);
}

/// Renewals (issue 20): the `sending` line with the exact body, then each outcome (none for the last:
/// the process stopped with the renewal in flight).
fn write_renewals(j: &Journal) {
    use pca_order::billing::renew::{Renewed, ResourceFailure};
    use pca_order::journal::{Kind, Sending};
    let sending = Sending {
        kind: Kind::Renew,
        subject: CA.into(),
        region: "cn-north-4".into(),
        endpoint: "https://bss.myhuaweicloud.com/v2/orders/subscriptions/resources/renew".into(),
        credential_source: "env".into(),
        sandbox: false,
        request: Some(
            serde_json::json!({"resource_ids": [CA], "period_type": 3, "period_num": 1,
            "is_auto_pay": 0}),
        ),
    };
    let renewed = Renewed {
        order_ids: vec![ORDER_ID.into()],
        failures: vec![ResourceFailure {
            resource_id: "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e70".into(),
            error_code: "CBC.30050013".into(),
            error_msg: "The product does not support renewal.".into(),
        }],
    };
    let outcomes: [(&str, Option<Outcome<Renewed>>); 4] = [
        ("r1", Some(Outcome::Done(renewed))),
        ("r2", Some(Outcome::Rejected(rejected(Some("req-4"))))),
        ("r3", Some(Outcome::Unknown(timeout()))),
        ("r4", None),
    ];
    for (id, outcome) in outcomes {
        j.write_sending(id, &sending).expect("write");
        if let Some(o) = outcome {
            j.write_outcome(id, &sending, &o).expect("write");
        }
    }
}

/// Auto-renew switches and unsubscribes (issue 20): each outcome, and a pretend one.
fn write_lifecycle(j: &Journal) {
    use pca_order::billing::lifecycle::{AutoRenew, Unsubscribe, UnsubscribeAnswer};
    use pca_order::journal::{Kind, Sending};
    let autorenew_url =
        format!("https://bss.myhuaweicloud.com/v2/orders/subscriptions/resources/autorenew/{CA}");
    let unsubscribe_url =
        "https://bss.myhuaweicloud.com/v2/orders/subscriptions/resources/unsubscribe";
    let sending = |kind, endpoint: &str, request, sandbox| Sending {
        kind,
        subject: CA.into(),
        region: "cn-north-4".into(),
        endpoint: endpoint.into(),
        credential_source: "env".into(),
        sandbox,
        request: Some(request),
    };
    let on = AutoRenew::On {
        times: Some(3),
        period: None,
    };
    let l1 = sending(Kind::AutoRenew, &autorenew_url, on.journal_request(), false);
    j.write_sending("l1", &l1).expect("write");
    j.write_outcome("l1", &l1, &Outcome::Done(()))
        .expect("write");
    let l2 = sending(
        Kind::AutoRenew,
        &autorenew_url,
        AutoRenew::Off.journal_request(),
        false,
    );
    j.write_sending("l2", &l2).expect("write");
    let mut e = rejected(Some("req-4"));
    e.code = "CBC.99003012".into();
    j.write_outcome("l2", &l2, &Outcome::<()>::Rejected(e))
        .expect("write");
    let l3 = sending(
        Kind::Unsubscribe,
        unsubscribe_url,
        Unsubscribe::Ca.body(CA),
        false,
    );
    j.write_sending("l3", &l3).expect("write");
    let answer = UnsubscribeAnswer {
        order_ids: vec![ORDER_ID.into()],
        failures: Vec::new(),
    };
    j.write_outcome("l3", &l3, &Outcome::Done(answer))
        .expect("write");
    let l4 = sending(
        Kind::Unsubscribe,
        unsubscribe_url,
        Unsubscribe::Renewals.body(CA),
        false,
    );
    j.write_sending("l4", &l4).expect("write");
    j.write_outcome("l4", &l4, &Outcome::<UnsubscribeAnswer>::Unknown(timeout()))
        .expect("write");
    let l5 = sending(Kind::AutoRenew, &autorenew_url, on.journal_request(), false);
    j.write_sending("l5", &l5).expect("write");
    j.write_outcome("l5", &l5, &Outcome::<()>::NotSent(refused()))
        .expect("write");
    let l6 = sending(
        Kind::Unsubscribe,
        unsubscribe_url,
        Unsubscribe::Ca.body(CA),
        false,
    );
    j.write_sending("l6", &l6).expect("write");
    let s5 = sending(
        Kind::AutoRenew,
        &format!("http://127.0.0.1:8443/v2/orders/subscriptions/resources/autorenew/{CA}"),
        AutoRenew::Off.journal_request(),
        true,
    );
    j.write_sending("s5", &s5).expect("write");
    j.write_outcome("s5", &s5, &Outcome::Done(()))
        .expect("write");
}

/// A subordinate signed outside (issue 21): saving its subject (with the exact body) done, then
/// unknown; importing its certificate (journaled without the certificates) done, then refused.
fn write_subordinate(j: &Journal) {
    use pca_order::activation::SubjectDraft;
    use pca_order::api::error::SubjectSaved;
    use pca_order::journal::{Kind, Sending};
    let save = SubjectDraft {
        ca_id: CA.into(),
        subject: DistinguishedName {
            common_name: "Offline Sub".into(),
            country: "CN".into(),
            organization: Some("Example".into()),
            ..Default::default()
        },
        key_algorithm: "EC256".into(),
    }
    .validate(Site::China)
    .expect("valid");
    let sending = |kind, endpoint: String, request| Sending {
        kind,
        subject: CA.into(),
        region: "cn-north-4".into(),
        endpoint,
        credential_source: "env".into(),
        sandbox: false,
        request,
    };
    let save_url =
        "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities".to_string();
    let b1 = sending(Kind::SaveSubject, save_url.clone(), Some(save.to_value()));
    j.write_sending("b1", &b1).expect("write");
    let saved = SubjectSaved { ca_id: CA.into() };
    j.write_outcome("b1", &b1, &Outcome::Done(saved))
        .expect("write");
    let b2 = sending(Kind::SaveSubject, save_url, Some(save.to_value()));
    j.write_sending("b2", &b2).expect("write");
    j.write_outcome("b2", &b2, &Outcome::<SubjectSaved>::Unknown(timeout()))
        .expect("write");
    let import_url = format!(
        "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/{CA}/import"
    );
    let i1 = sending(Kind::Import, import_url.clone(), None);
    j.write_sending("i1", &i1).expect("write");
    j.write_outcome("i1", &i1, &Outcome::Done(()))
        .expect("write");
    let i2 = sending(Kind::Import, import_url, None);
    j.write_sending("i2", &i2).expect("write");
    let mut e = rejected(Some("req-5"));
    e.code = "PCA.10010004".into();
    e.message = "Certificate public key and private key does not match".into();
    j.write_outcome("i2", &i2, &Outcome::<()>::Rejected(e))
        .expect("write");
}

#[test]
fn every_kind_is_written_byte_for_byte_as_the_fixture_holds() {
    let dir = tempfile::tempdir().expect("tmp");
    let j = Journal::new(dir.path().join("orders.jsonl"));
    write_every_kind(&j);
    let written = fixed_ts(&std::fs::read_to_string(j.path()).expect("read"));
    let fixture = std::fs::read(FIXTURE).expect("fixture");
    let fixture = String::from_utf8_lossy(&fixture);
    assert!(
        fixture.starts_with(&written),
        "the writers' bytes changed:\n{written}"
    );
}

#[test]
fn the_fixture_reads_back_as_before() {
    let h = Journal::new(FIXTURE.into()).read().expect("read");
    insta::assert_debug_snapshot!(h);
}

fn history(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("orders.jsonl");
    std::fs::copy(FIXTURE, &copy).expect("copy");
    // As pca-order creates it: the checkout's mode (umask) must not add a warning to the golden.
    std::fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", dir.path())
        .current_dir(dir.path())
        .args(["history", "--journal", "orders.jsonl"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

fn shown(o: &Output) -> String {
    let (out, err) = common::text(o);
    format!(
        "exit {:?}\n--- stdout\n{out}--- stderr\n{err}",
        o.status.code()
    )
}

#[test]
fn history_shows_the_fixture_as_before() {
    insta::assert_snapshot!("history_text", shown(&history(&[])));
    insta::assert_snapshot!("history_json", shown(&history(&["--output", "json"])));
    insta::assert_snapshot!("history_sandbox_text", shown(&history(&["--sandbox"])));
    insta::assert_snapshot!(
        "history_sandbox_json",
        shown(&history(&["--sandbox", "--output", "json"]))
    );
}

/// The journal as the clients write it: every attempt id, timestamp and port replaced by fixed words.
fn normalised(text: &str, base: &str) -> String {
    let mut ids: Vec<String> = Vec::new();
    let mut out = String::new();
    for line in fixed_ts(text).lines() {
        let mut line = line.replace(base, "http://127.0.0.1:PORT");
        if let Some(i) = line.find("\"attempt_id\":\"") {
            let start = i + "\"attempt_id\":\"".len();
            if let Some(len) = line[start..].find('"') {
                let id = line[start..start + len].to_string();
                let n = match ids.iter().position(|x| *x == id) {
                    Some(n) => n,
                    None => {
                        ids.push(id.clone());
                        ids.len() - 1
                    }
                };
                line = line.replace(&id, &format!("attempt-{n}"));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn reply(status: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nX-Request-Id: req-9\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The clients' journal lines for an order, a pay, a cancel and two activations, answered by a scripted
/// loopback server: what the journaled send writes must not change when it becomes one pipeline.
#[tokio::test]
async fn the_clients_write_the_same_lines() {
    let (base, _) = common::scripted_server(|line| {
        if line.contains("/order ") {
            reply(
                "200 OK",
                &format!(r#"{{"order_id":"{ORDER_ID}","ca_ids":["{CA}"]}}"#),
            )
        } else if line.contains("/pay ") {
            reply("204 No Content", "")
        } else if line.contains("/cancel ") {
            reply(
                "400 Bad Request",
                r#"{"error_code":"CBC.0100","error_msg":"order not unpaid"}"#,
            )
        } else if line.contains("/activate ") {
            reply("204 No Content", "")
        } else {
            reply("404 Not Found", r#"{"error_code":"X","error_msg":"no"}"#)
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let config = common::config_at(
        &base,
        journal.path().to_path_buf(),
        Credentials::token("t0ken"),
        Duration::from_secs(5),
        false,
    );
    let ccm = CcmClient::new(&config).expect("client");
    let bss = BssClient::new(ccm.clone(), Some(config.endpoints.ccm.clone()));
    let req = OrderDraft::default().validate(None).expect("valid");
    let placed = ccm.create_ca_order(&req, &journal).await;
    assert!(matches!(placed.outcome, Outcome::Done(_)), "{placed:?}");
    let paid = bss.pay(ORDER_ID, &journal).await;
    assert_eq!(paid.outcome, Outcome::Done(()));
    let cancelled = bss.cancel(ORDER_ID, &journal).await;
    assert!(matches!(cancelled.outcome, Outcome::Rejected(_)));
    let activated = ccm.activate_ca(&activation_request(), &journal).await;
    assert_eq!(activated.outcome, Outcome::Done(()));
    let text = std::fs::read_to_string(journal.path()).expect("read");
    let base = base.trim_end_matches('/');
    insta::assert_snapshot!(normalised(&text, base));
    assert!(Path::new(journal.path()).exists());
}

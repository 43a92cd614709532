//! Every state-changing request (order, pay, cancel, activate) against one table of hostile servers:
//! HTML or an unexpected JSON behind a success status, statuses no API documents for it, redirects,
//! 5xx, a hang, a reset after the request was read, an answer after the timeout, an echo of the
//! request's secrets. For each: the request arrives exactly once (never retried, never sent to a
//! redirect's target), the outcome is the one a script can act on safely, the journal holds the
//! attempt's pair of lines, and no secret is shown or journaled.

use std::time::Duration;

use pca_order::activation::{ActivationDraft, DistinguishedName, Site};
use pca_order::api::bss::BssClient;
use pca_order::api::{CcmClient, Credentials, Outcome};
use pca_order::journal::{ActionKind, Journal};
use pca_order::order::OrderDraft;
use serde_json::Value;

mod common;

use common::raw::{Misbehaviour, hostile, http};

/// The four state-changing requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Order,
    Pay,
    Cancel,
    Activate,
}

const ALL: [Op; 4] = [Op::Order, Op::Pay, Op::Cancel, Op::Activate];

const TOKEN: &str = "tok-secret-MIIabc/def+ghi==0123456789";
const AK: &str = "HOSTILEAK00000000000000";
const SK: &str = "hostile-secret-key-000000000000000000000";
const SECURITY_TOKEN: &str = "security-token-abcdefghijklmnop";
const DOMAIN: &str = "0123456789abcdef0123456789abcdef";
const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";

/// What became of one request, in the terms a test compares.
#[derive(Debug)]
struct Ran {
    /// `done`, `rejected`, `unknown` or `not_sent`.
    kind: &'static str,
    /// Everything the outcome can show (Debug and the English sentence).
    shown: String,
    /// The journal file as written.
    journal: String,
    /// How many requests the server read.
    requests: usize,
}

fn kind<T>(o: &Outcome<T>) -> &'static str {
    match o {
        Outcome::Done(_) => "done",
        Outcome::Rejected(_) => "rejected",
        Outcome::Unknown(_) => "unknown",
        Outcome::NotSent(_) => "not_sent",
    }
}

fn shown<T: std::fmt::Debug>(o: &Outcome<T>) -> String {
    let sentence = match o {
        Outcome::Unknown(r) | Outcome::NotSent(r) => r.to_string(),
        Outcome::Rejected(e) => e.to_string(),
        Outcome::Done(_) => String::new(),
    };
    format!("{o:?} {sentence}")
}

/// Sends `op` once to a server behaving as `how`, with `credentials`, a 1 s `--timeout`.
async fn run(op: Op, how: Misbehaviour, credentials: Credentials) -> Ran {
    run_refreshing(op, how, credentials, None).await
}

/// [`run`] with temporary credentials that are refreshed from `metadata` (a metadata service) before
/// the request: the request is signed with what that service handed out.
async fn run_refreshing(
    op: Op,
    how: Misbehaviour,
    credentials: Credentials,
    metadata: Option<String>,
) -> Ran {
    let (base, mut rx) = hostile(how).await;
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let mut config = common::config_at(
        &base,
        journal.path().to_path_buf(),
        credentials,
        Duration::from_secs(1),
        false,
    );
    if let Some(md) = metadata {
        use pca_order::api::credentials::{CredentialSource, Refreshable, TemporarySource};
        config.credentials.source = CredentialSource::Metadata;
        config.credentials.temporary = Some(Refreshable {
            from: TemporarySource::Metadata {
                base: pca_order::config::parse_endpoint("test", &md).expect("url"),
            },
            // Under 40 minutes left: fetched afresh before the request.
            expires_at: time::OffsetDateTime::now_utc() + time::Duration::minutes(1),
        });
    }
    let ccm = CcmClient::new(&config).expect("client");
    let bss = BssClient::new(ccm.clone(), Some(config.endpoints.ccm.clone()));
    let (kind, shown) = match op {
        Op::Order => {
            let req = OrderDraft::default().validate(None).expect("valid");
            let o = ccm.create_ca_order(&req, &journal).await.outcome;
            (kind(&o), shown(&o))
        }
        Op::Pay | Op::Cancel => {
            let k = if op == Op::Pay {
                ActionKind::Pay
            } else {
                ActionKind::Cancel
            };
            let o = bss
                .act_until(k, "CS1803192259ROA8U", &journal, std::future::pending())
                .await
                .outcome;
            (kind(&o), shown(&o))
        }
        Op::Activate => {
            let draft = ActivationDraft {
                ca_id: CA.into(),
                ca_type: "root".into(),
                subject: DistinguishedName {
                    common_name: "Hostile Root".into(),
                    country: "cn".into(),
                    ..Default::default()
                },
                key_algorithm: "rsa2048".into(),
                signature_algorithm: "sha256".into(),
                validity: "10y".into(),
                ..Default::default()
            };
            let req = draft.validate(Site::China).expect("valid");
            let o = ccm.activate_ca(&req, &journal).await.outcome;
            (kind(&o), shown(&o))
        }
    };
    let mut requests = 0;
    while rx.try_recv().is_ok() {
        requests += 1;
    }
    let journal = std::fs::read_to_string(journal.path()).unwrap_or_default();
    Ran {
        kind,
        shown,
        journal,
        requests,
    }
}

const MD_SK: &str = "metadata-issued-secret-key-0000000000000";
const MD_TOKEN: &str = "metadata-issued-security-token-abcdefghij";
const MD_SESSION: &str = "metadata-session-token-0123456789";

/// A metadata service that hands out [`MD_SK`] / [`MD_TOKEN`] (valid for a minute) after a session
/// token [`MD_SESSION`], and echoes nothing else.
fn metadata_service() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for mut sock in listener.incoming().flatten() {
            let mut buf = vec![0u8; 8192];
            let n = sock.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).to_string();
            let body = if head.starts_with("PUT") {
                MD_SESSION.to_string()
            } else {
                let expires = (time::OffsetDateTime::now_utc() + time::Duration::minutes(1))
                    .format(&time::format_description::well_known::Rfc3339)
                    .expect("formats");
                format!(
                    r#"{{"credential":{{"access":"MDAK0000000000000001","secret":"{MD_SK}","securitytoken":"{MD_TOKEN}","expires_at":"{expires}"}}}}"#
                )
            };
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = sock.write_all(reply.as_bytes());
        }
    });
    url
}

fn token() -> Credentials {
    Credentials::token(TOKEN)
}

fn ak_sk() -> Credentials {
    Credentials::ak_sk(
        AK,
        SK,
        Some(SECURITY_TOKEN.to_string()),
        Some(DOMAIN.to_string()),
    )
}

/// The journal's states, in order, and that they are one attempt's pair: a sending line first, then
/// one outcome line for the same attempt.
fn states(journal: &str) -> Vec<String> {
    let lines: Vec<Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).expect("a journal line is JSON"))
        .collect();
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["attempt_id"].as_str().unwrap_or_default())
        .collect();
    assert!(
        ids.windows(2).all(|w| w[0] == w[1]),
        "one attempt: {journal}"
    );
    lines
        .iter()
        .map(|l| l["state"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// The journal word for an outcome of `op`.
fn journaled(op: Op, kind: &str) -> &'static str {
    match (op, kind) {
        (Op::Order, "done") => "created",
        (Op::Activate, "done") => "activated",
        (_, "done") => "done",
        (_, "rejected") => "rejected",
        (_, "unknown") => "unknown",
        _ => "not_sent",
    }
}

fn sending(op: Op) -> &'static str {
    match op {
        Op::Pay | Op::Cancel => "action_sending",
        Op::Order | Op::Activate => "sending",
    }
}

const ORDER_JSON: &[u8] =
    br#"{"order_id":"CS1803192259ROA8U","ca_ids":["4284547e-68ef-4a94-adea-9df1e5d8ad65"]}"#;
const LOGIN_PAGE: &[u8] = b"<!DOCTYPE html><html><head><title>Sign in - Portal</title></head>\n<body>\n\x1b]0;owned\x07<form action=/login>Please sign in</form></body></html>";

/// The expected outcome of each request for one answer: order, pay, cancel, activate.
type Row = (&'static str, Misbehaviour, [&'static str; 4]);

fn answers() -> Vec<Row> {
    use Misbehaviour::Answer;
    let u = "unknown";
    let r = "rejected";
    let d = "done";
    vec![
        // Each request's documented success: the order's 200 with an id; pay's and activate's 204.
        (
            "200 with an order",
            Answer(http("200 OK", &[], ORDER_JSON)),
            [d, u, u, u],
        ),
        (
            "204 no body",
            Answer(http("204 No Content", &[], b"")),
            [u, d, d, d],
        ),
        // Cancel documents no answer; the SDK's model of it is empty: 200 with nothing is ours to accept.
        ("200 empty", Answer(http("200 OK", &[], b"")), [u, u, d, u]),
        (
            "200 HTML login page",
            Answer(http("200 OK", &["Content-Type: text/html"], LOGIN_PAGE)),
            [u, u, u, u],
        ),
        (
            "200 unexpected JSON",
            Answer(http(
                "200 OK",
                &[],
                br#"{"result":"ok","status":"SUCCESS"}"#,
            )),
            [u, u, u, u],
        ),
        (
            "202 accepted",
            Answer(http("202 Accepted", &[], b"")),
            [u, u, u, u],
        ),
        (
            "201 with an order",
            Answer(http("201 Created", &[], ORDER_JSON)),
            [u, u, u, u],
        ),
        (
            "400",
            Answer(http(
                "400 Bad Request",
                &[],
                br#"{"error_code":"CBC.0100","error_msg":"bad"}"#,
            )),
            [r, r, r, r],
        ),
        (
            "403 HTML",
            Answer(http("403 Forbidden", &[], LOGIN_PAGE)),
            [r, r, r, r],
        ),
        (
            "500",
            Answer(http("500 Internal Server Error", &[], b"oops")),
            [u, u, u, u],
        ),
        (
            "502 HTML",
            Answer(http("502 Bad Gateway", &[], LOGIN_PAGE)),
            [u, u, u, u],
        ),
        (
            "503",
            Answer(http(
                "503 Service Unavailable",
                &[],
                br#"{"error_code":"CBC.0999","error_msg":"busy"}"#,
            )),
            [u, u, u, u],
        ),
        // A redirect that says "the resource is elsewhere": not processed here, and never followed (its
        // Location is this same server: a follow would be a second request).
        (
            "302 to a login page",
            Answer(http("302 Found", &["Location: /login"], b"")),
            [r, r, r, r],
        ),
        (
            "307",
            Answer(http(
                "307 Temporary Redirect",
                &["Location: /v3/orders/customer-orders/pay"],
                b"",
            )),
            [r, r, r, r],
        ),
        (
            "308",
            Answer(http(
                "308 Permanent Redirect",
                &["Location: /v3/orders/customer-orders/pay"],
                b"",
            )),
            [r, r, r, r],
        ),
        // 303 See Other is how a server answers a POST it has processed: it may have taken effect.
        (
            "303 see other",
            Answer(http(
                "303 See Other",
                &["Location: /v2/orders/customer-orders/details/CS1"],
                b"",
            )),
            [u, u, u, u],
        ),
        (
            "closed without an answer",
            Misbehaviour::Close,
            [u, u, u, u],
        ),
        (
            "reset after reading the request",
            Misbehaviour::Reset,
            [u, u, u, u],
        ),
        ("hang", Misbehaviour::Hang, [u, u, u, u]),
        (
            "answer after the timeout",
            Misbehaviour::Late(
                Duration::from_millis(3500),
                http("204 No Content", &[], b""),
            ),
            [u, u, u, u],
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_changing_request_against_every_hostile_answer() {
    let mut cases = Vec::new();
    for (name, how, expected) in answers() {
        for (op, want) in ALL.into_iter().zip(expected) {
            let how = how.clone();
            cases.push((
                name,
                op,
                want,
                tokio::spawn(async move { run(op, how, token()).await }),
            ));
        }
    }
    let mut failures = Vec::new();
    for (name, op, want, task) in cases {
        let ran = task.await.expect("joined");
        let states = states(&ran.journal);
        let expected_states = [sending(op), journaled(op, want)];
        if ran.kind != want || ran.requests != 1 || states != expected_states {
            failures.push(format!(
                "{name} / {op:?}: wanted {want}, got {} after {} request(s), journal {states:?}: {}",
                ran.kind, ran.requests, ran.shown
            ));
        }
        if ran.kind == "unknown" && name.contains("HTML") {
            // The answer is shown and journaled, cleaned (no escape reaches a terminal) and capped.
            for text in [&ran.shown, &ran.journal] {
                if !text.contains("Sign in") || text.contains('\x1b') || text.contains('\x07') {
                    failures.push(format!(
                        "{name} / {op:?}: answer not kept or not cleaned: {text}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unexpected_answer_is_kept_but_capped() {
    let page = format!(
        "<html><body>{}</body></html>",
        "Please sign in again. ".repeat(2000)
    );
    for op in [Op::Pay, Op::Cancel, Op::Activate] {
        let ran = run(
            op,
            Misbehaviour::Answer(http("200 OK", &[], page.as_bytes())),
            token(),
        )
        .await;
        assert_eq!(ran.kind, "unknown", "{op:?}: {}", ran.shown);
        assert!(ran.shown.contains("HTTP 200"), "{op:?}: {}", ran.shown);
        let outcome_line = ran.journal.lines().last().unwrap_or_default();
        assert!(
            outcome_line.contains("Please sign in again."),
            "{outcome_line}"
        );
        assert!(
            outcome_line.len() < 2000,
            "{op:?}: the excerpt is capped ({} bytes)",
            outcome_line.len()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_echoing_the_request_never_gets_a_secret_shown_or_journaled() {
    let mut cases = Vec::new();
    for status in [
        "200 OK",
        "202 Accepted",
        "302 Found",
        "400 Bad Request",
        "503 Service Unavailable",
    ] {
        for op in ALL {
            for (creds, held, metadata) in [
                (token(), vec![TOKEN, "MIIabc"], None),
                (ak_sk(), vec![SK, SECURITY_TOKEN], None),
                // Temporary credentials refreshed from a metadata service: what it handed out.
                (
                    ak_sk(),
                    vec![SK, SECURITY_TOKEN, MD_SK, MD_TOKEN, MD_SESSION],
                    Some(metadata_service()),
                ),
            ] {
                cases.push((
                    status,
                    op,
                    held,
                    tokio::spawn(async move {
                        run_refreshing(op, Misbehaviour::Echo(status), creds, metadata).await
                    }),
                ));
            }
        }
    }
    for (status, op, held, task) in cases {
        let ran = task.await.expect("joined");
        assert_eq!(ran.requests, 1, "{status} / {op:?}");
        assert_ne!(ran.kind, "done", "{status} / {op:?}: {}", ran.shown);
        assert_eq!(
            states(&ran.journal),
            [sending(op), journaled(op, ran.kind)],
            "{status} / {op:?}"
        );
        for text in [&ran.shown, &ran.journal] {
            for secret in &held {
                assert!(
                    !text.contains(secret),
                    "{status} / {op:?}: {secret} leaked: {text}"
                );
            }
            for rest in text.split("Signature=").skip(1) {
                assert!(
                    rest.starts_with("<redacted>"),
                    "{status} / {op:?}: a signature leaked: {text}"
                );
            }
        }
    }
}

/// The commands end to end: `pay`, `cancel` and `activate` against an endpoint whose every answer is an
/// HTML login page with 200 (a proxy's or a captive portal's) say "unknown" with the answer, exit 4 and
/// journal it — never "Paid", exit 0. Reads fail on it too, which the commands go past (the server
/// decides), so the one request that changes state is the test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pay_cancel_and_activate_commands_exit_4_on_an_html_200() {
    let (base, _rx) = hostile(Misbehaviour::Answer(http(
        "200 OK",
        &["Content-Type: text/html"],
        LOGIN_PAGE,
    )))
    .await;
    for command in [
        vec!["pay", "CS1803192259ROA8U", "--yes"],
        vec!["cancel", "CS1803192259ROA8U", "--yes"],
        vec![
            "activate",
            CA,
            "--type",
            "root",
            "--common-name",
            "Hostile Root",
            "--country",
            "CN",
            "--key-algorithm",
            "RSA2048",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "10y",
            "--yes",
        ],
    ] {
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        let mut args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        for flag in [
            "--endpoint",
            "--iam-endpoint",
            "--eps-endpoint",
            "--bss-endpoint",
        ] {
            args.extend([flag.to_string(), base.clone()]);
        }
        args.extend(["--output", "json", "--journal"].map(String::from));
        args.push(journal.display().to_string());
        let home_path = home.path().to_path_buf();
        let o = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
                .env_clear()
                .env("HOME", &home_path)
                .env("HUAWEICLOUD_AUTH_TOKEN", TOKEN)
                .args(&args)
                .stdin(std::process::Stdio::null())
                .output()
                .expect("runs")
        })
        .await
        .expect("joined");
        let v = common::json_out(&o);
        assert_eq!(o.status.code(), Some(4), "{command:?}: {v}");
        assert_eq!(v["outcome"], "unknown", "{command:?}: {v}");
        let reason = v["reason"].as_str().unwrap_or_default();
        assert!(
            reason.contains("HTTP 200") && reason.contains("Sign in"),
            "{command:?}: {reason}"
        );
        let kept = std::fs::read_to_string(&journal).expect("journal");
        let last: Value =
            serde_json::from_str(kept.lines().last().unwrap_or_default()).expect("json");
        assert_eq!(last["state"], "unknown", "{command:?}: {kept}");
        assert!(!kept.contains(TOKEN), "{kept}");
    }
}

/// `cancel` with its request in flight to a server that never answers: a signal does not kill it — the
/// first waits for the answer (here none comes: unknown when the timeout passes), a second stops the
/// wait — and either way it exits 4 with the attempt's pair of lines journaled. (Pay and activate have
/// the same test against the sandbox's delay directives; cancel has no such directive.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_in_flight_to_a_hanging_server_survives_signals_as_unknown() {
    let (base, _rx) = hostile(Misbehaviour::Hang).await;
    for signals in [1, 2] {
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        let mut args: Vec<String> = ["cancel", "CS1803192259ROA8U", "--yes", "--timeout", "2"]
            .map(String::from)
            .to_vec();
        for flag in [
            "--endpoint",
            "--iam-endpoint",
            "--eps-endpoint",
            "--bss-endpoint",
        ] {
            args.extend([flag.to_string(), base.clone()]);
        }
        args.extend(["--journal".to_string(), journal.display().to_string()]);
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
            .env_clear()
            .env("HOME", home.path())
            .env("HUAWEICLOUD_AUTH_TOKEN", TOKEN)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn cancel");
        let j = journal.clone();
        let (o, kept) = tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            while !std::fs::read_to_string(&j)
                .unwrap_or_default()
                .contains("action_sending")
            {
                assert!(started.elapsed().as_secs() < 30, "no action_sending line");
                std::thread::sleep(Duration::from_millis(20));
            }
            let o = common::terminate_in_flight(child, signals, "waiting up to");
            (o, std::fs::read_to_string(&j).unwrap_or_default())
        })
        .await
        .expect("joined");
        assert_eq!(
            o.status.code(),
            Some(4),
            "{signals}: {:?}",
            common::text(&o)
        );
        assert_eq!(
            states(&kept),
            ["action_sending", "unknown"],
            "{signals}: {kept}"
        );
        if signals == 2 {
            assert!(kept.contains("interrupted"), "{kept}");
        }
    }
}

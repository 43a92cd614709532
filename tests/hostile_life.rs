//! The requests issues 20-22 added against one table of hostile servers, as `client_hostile.rs` holds
//! order, pay, cancel and activate: renew, auto-renew on/off, unsubscribe, save-subject and import
//! (state-changing: sent exactly once, never to a redirect's target, the outcome a script can act on
//! safely, the attempt's pair of lines journaled, no secret shown or journaled) and the reads beside
//! them (renew-rate, subscriptions, refund orders, export, CSR, console configuration: an error, never
//! a success, never a secret in it). And the console configuration read that `activate`/`csr` with
//! SM2/SM3 make before anything is sent, run through the real binary: what a hostile console endpoint
//! does never decides more than the website rule would, and a signal while it hangs sends nothing.

use std::time::Duration;

use pca_order::activation::{DistinguishedName, Site, SubjectDraft};
use pca_order::api::bss::BssClient;
use pca_order::api::{CcmClient, Credentials, Outcome};
use pca_order::billing::lifecycle::{AutoRenew, RenewPeriod, Unsubscribe};
use pca_order::billing::renew::{self, RenewUnit};
use pca_order::journal::Journal;
use serde_json::Value;

mod common;

use common::raw::{Misbehaviour, hostile, http};

const TOKEN: &str = "tok-secret-MIIabc/def+ghi==0123456789";
const AK: &str = "HOSTILEAK00000000000000";
const SK: &str = "hostile-secret-key-000000000000000000000";
const SECURITY_TOKEN: &str = "security-token-abcdefghijklmnop";
const DOMAIN: &str = "0123456789abcdef0123456789abcdef";
const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

/// The state-changing requests of issues 20-22.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Renew,
    AutoRenewOn,
    AutoRenewOff,
    Unsubscribe,
    SaveSubject,
    Import,
}

const ALL: [Op; 6] = [
    Op::Renew,
    Op::AutoRenewOn,
    Op::AutoRenewOff,
    Op::Unsubscribe,
    Op::SaveSubject,
    Op::Import,
];

/// What became of one request.
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

/// The CCM and BSS clients on `base`, a 1 s timeout.
fn clients(base: &str, journal: &Journal, credentials: Credentials) -> (CcmClient, BssClient) {
    let config = common::config_at(
        base,
        journal.path().to_path_buf(),
        credentials,
        Duration::from_secs(1),
        false,
    );
    let ccm = CcmClient::new(&config).expect("client");
    let url = pca_order::config::parse_endpoint("test", base).expect("url");
    let bss = BssClient::new(ccm.clone(), Some(url));
    (ccm, bss)
}

/// Sends `op` once to a server behaving as `how`.
async fn run(op: Op, how: Misbehaviour, credentials: Credentials) -> Ran {
    let (base, mut rx) = hostile(how).await;
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let (ccm, bss) = clients(&base, &journal, credentials);
    let never = std::future::pending;
    let (kind, shown) = match op {
        Op::Renew => {
            let req = renew::check(&[CA.to_string()], RenewUnit::Year, "1").expect("valid");
            let o = bss
                .renew_until(&req, &req.resource_ids, true, &journal, never())
                .await
                .outcome;
            (kind(&o), shown(&o))
        }
        Op::AutoRenewOn | Op::AutoRenewOff => {
            let switch = if op == Op::AutoRenewOn {
                AutoRenew::On {
                    times: Some(2),
                    period: Some(RenewPeriod::Year),
                }
            } else {
                AutoRenew::Off
            };
            let o = bss
                .auto_renew_until(CA, switch, &journal, never())
                .await
                .outcome;
            (kind(&o), shown(&o))
        }
        Op::Unsubscribe => {
            let o = bss
                .unsubscribe_until(CA, Unsubscribe::Ca, &journal, never())
                .await
                .outcome;
            (kind(&o), shown(&o))
        }
        Op::SaveSubject => {
            let draft = SubjectDraft {
                ca_id: CA.into(),
                subject: DistinguishedName {
                    common_name: "Hostile Sub".into(),
                    country: "CN".into(),
                    ..Default::default()
                },
                key_algorithm: "RSA2048".into(),
            };
            let req = draft.validate(Site::China).expect("valid");
            let o = ccm
                .save_subject_until(&req, &journal, never())
                .await
                .outcome;
            (kind(&o), shown(&o))
        }
        Op::Import => {
            let o = ccm
                .import_until(CA, PEM, Some(PEM), &journal, never())
                .await
                .outcome;
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

/// The journal's states, in order, checked to be one attempt's pair.
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

/// Whether the journal's two states fit an outcome of this kind: `sending`, then the outcome's word
/// (a success writes its own word, which is none of the failure words).
fn journal_fits(states: &[String], kind: &str) -> bool {
    let [first, last] = states else {
        return false;
    };
    let failure = ["rejected", "unknown", "not_sent", "sending"];
    first == "sending"
        && match kind {
            "done" => !failure.contains(&last.as_str()),
            k => last == k,
        }
}

const RENEWED: &[u8] = br#"{"order_ids":["CS2612070234T4JPR"],"fail_resource_infos":[]}"#;
const SAVED: &[u8] = br#"{"ca_id":"3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"}"#;
const LOGIN_PAGE: &[u8] = b"<!DOCTYPE html><html><head><title>Sign in - Portal</title></head>\n<body>\n\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4K\x07\xc2\x9b2K<form action=/login>Please sign in</form></body></html>";

/// Expected outcomes, in [`ALL`]'s order: renew, auto-renew on, off, unsubscribe, save-subject, import.
type Row = (&'static str, Misbehaviour, [&'static str; 6]);

fn answers() -> Vec<Row> {
    use Misbehaviour::Answer;
    let u = "unknown";
    let r = "rejected";
    let d = "done";
    vec![
        // Each request's documented success.
        (
            "200 renew/unsubscribe answer",
            Answer(http("200 OK", &[], RENEWED)),
            [d, u, u, d, u, u],
        ),
        (
            "200 save answer",
            Answer(http("200 OK", &[], SAVED)),
            [u, u, u, u, d, u],
        ),
        (
            "204 no body",
            Answer(http("204 No Content", &[], b"")),
            [u, d, d, u, u, d],
        ),
        ("200 empty", Answer(http("200 OK", &[], b"")), [u; 6]),
        (
            "200 HTML login page",
            Answer(http("200 OK", &["Content-Type: text/html"], LOGIN_PAGE)),
            [u; 6],
        ),
        // A proxy's or portal's JSON behind a 200 is no proof the request was done.
        (
            "200 unexpected JSON",
            Answer(http(
                "200 OK",
                &[],
                br#"{"result":"ok","status":"SUCCESS"}"#,
            )),
            [u; 6],
        ),
        // An id that is a path is not the documented shape: the answer is kept, the outcome unknown.
        (
            "200 with path-shaped order ids",
            Answer(http(
                "200 OK",
                &[],
                br#"{"order_ids":["../../v3/orders/customer-orders/pay","%2e%2e/x","a/b"]}"#,
            )),
            [u; 6],
        ),
        (
            "202 accepted",
            Answer(http("202 Accepted", &[], b"")),
            [u; 6],
        ),
        (
            "400",
            Answer(http(
                "400 Bad Request",
                &[],
                br#"{"error_code":"CBC.0100","error_msg":"bad\u001b]52;c;cm0K\u0007"}"#,
            )),
            [r; 6],
        ),
        (
            "403 HTML",
            Answer(http("403 Forbidden", &[], LOGIN_PAGE)),
            [r; 6],
        ),
        (
            "500",
            Answer(http("500 Internal Server Error", &[], b"oops")),
            [u; 6],
        ),
        (
            "502 HTML",
            Answer(http("502 Bad Gateway", &[], LOGIN_PAGE)),
            [u; 6],
        ),
        (
            "503",
            Answer(http(
                "503 Service Unavailable",
                &[],
                br#"{"error_code":"CBC.0999","error_msg":"busy"}"#,
            )),
            [u; 6],
        ),
        (
            "301 to a login page",
            Answer(http("301 Moved Permanently", &["Location: /login"], b"")),
            [r; 6],
        ),
        (
            "302 to a login page",
            Answer(http("302 Found", &["Location: /login"], b"")),
            [r; 6],
        ),
        (
            "307",
            Answer(http(
                "307 Temporary Redirect",
                &["Location: /v2/orders/subscriptions/resources/renew"],
                b"",
            )),
            [r; 6],
        ),
        (
            "308",
            Answer(http(
                "308 Permanent Redirect",
                &["Location: /v2/orders/subscriptions/resources/unsubscribe"],
                b"",
            )),
            [r; 6],
        ),
        // 303 See Other is how a server answers a POST (or DELETE) it has processed.
        (
            "303 see other",
            Answer(http(
                "303 See Other",
                &["Location: /v2/orders/customer-orders/details/CS1"],
                b"",
            )),
            [u; 6],
        ),
        ("closed without an answer", Misbehaviour::Close, [u; 6]),
        (
            "reset after reading the request",
            Misbehaviour::Reset,
            [u; 6],
        ),
        ("hang", Misbehaviour::Hang, [u; 6]),
        (
            "answer after the timeout",
            Misbehaviour::Late(
                Duration::from_millis(3500),
                http("204 No Content", &[], b""),
            ),
            [u; 6],
        ),
    ]
}

/// Whether text holds a character that could steer a terminal.
fn steers(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && pca_order::sanitize::hidden(c))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_new_state_changing_request_against_every_hostile_answer() {
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
        if ran.kind != want || ran.requests != 1 || !journal_fits(&states, want) {
            failures.push(format!(
                "{name} / {op:?}: wanted {want}, got {} after {} request(s), journal {states:?}: {}",
                ran.kind, ran.requests, ran.shown
            ));
        }
        // Whatever the server said is cleaned before it is shown or journaled.
        let journal_text: String = ran
            .journal
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .map(|v| v.to_string())
            .collect();
        let decoded: Vec<String> = ran
            .journal
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .flat_map(|v| strings(&v))
            .collect();
        if steers(&ran.shown) || decoded.iter().any(|s| steers(s)) {
            failures.push(format!(
                "{name} / {op:?}: an escape was kept: {} / {journal_text}",
                ran.shown
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every string inside a JSON value.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(strings).collect(),
        Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_echoing_a_new_request_never_gets_a_secret_shown_or_journaled() {
    let mut cases = Vec::new();
    for status in [
        "200 OK",
        "202 Accepted",
        "302 Found",
        "400 Bad Request",
        "503 Service Unavailable",
    ] {
        for op in ALL {
            for (creds, held) in [
                (token(), vec![TOKEN, "MIIabc"]),
                (ak_sk(), vec![SK, SECURITY_TOKEN]),
            ] {
                cases.push((
                    status,
                    op,
                    held,
                    tokio::spawn(async move { run(op, Misbehaviour::Echo(status), creds).await }),
                ));
            }
        }
    }
    for (status, op, held, task) in cases {
        let ran = task.await.expect("joined");
        assert_eq!(ran.requests, 1, "{status} / {op:?}");
        assert_ne!(ran.kind, "done", "{status} / {op:?}: {}", ran.shown);
        assert!(
            journal_fits(&states(&ran.journal), ran.kind),
            "{status} / {op:?}: {}",
            ran.journal
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

/// The reads beside them.
#[derive(Debug, Clone, Copy)]
enum Read {
    RenewRate,
    Subscriptions,
    RefundLines,
    Export,
    Csr,
    ConsoleConfig,
}

const READS: [Read; 6] = [
    Read::RenewRate,
    Read::Subscriptions,
    Read::RefundLines,
    Read::Export,
    Read::Csr,
    Read::ConsoleConfig,
];

/// Runs one read; `Ok(shown)` when it succeeded, `Err(shown)` with its error's Debug and sentence.
async fn read(r: Read, base: &str, credentials: Credentials) -> Result<String, String> {
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let (ccm, bss) = clients(base, &journal, credentials);
    fn show<T: std::fmt::Debug>(r: Result<T, pca_order::api::CallError>) -> Result<String, String> {
        r.map(|v| format!("{v:?}"))
            .map_err(|e| format!("{e:?} {e}"))
    }
    match r {
        Read::RenewRate => {
            let req = renew::check(&[CA.to_string()], RenewUnit::Year, "1").expect("valid");
            show(bss.renew_rate(&req).await)
        }
        Read::Subscriptions => show(bss.subscriptions(&[CA.to_string()]).await),
        Read::RefundLines => show(bss.refund_lines("CS2612070234T4JPR").await),
        Read::Export => show(ccm.export_ca(CA).await),
        Read::Csr => show(ccm.ca_csr(CA).await),
        Read::ConsoleConfig => show(ccm.show_console_config().await),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_new_read_fails_on_a_hostile_answer_without_following_or_leaking() {
    use Misbehaviour::Answer;
    let hostile_answers = vec![
        (
            "200 HTML",
            Answer(http("200 OK", &["Content-Type: text/html"], LOGIN_PAGE)),
        ),
        ("302", Answer(http("302 Found", &["Location: /login"], b""))),
        (
            "307",
            Answer(http("307 Temporary Redirect", &["Location: /x"], b"")),
        ),
        ("502 HTML", Answer(http("502 Bad Gateway", &[], LOGIN_PAGE))),
        ("reset", Misbehaviour::Reset),
        ("hang", Misbehaviour::Hang),
        ("echo 200", Misbehaviour::Echo("200 OK")),
        ("echo 400", Misbehaviour::Echo("400 Bad Request")),
        ("echo 302", Misbehaviour::Echo("302 Found")),
    ];
    let mut cases = Vec::new();
    for (name, how) in hostile_answers {
        for r in READS {
            for (creds, held) in [
                (token(), vec![TOKEN, "MIIabc"]),
                (ak_sk(), vec![SK, SECURITY_TOKEN]),
            ] {
                let how = how.clone();
                cases.push((
                    name,
                    r,
                    held,
                    tokio::spawn(async move {
                        let (base, mut rx) = hostile(how).await;
                        let got = read(r, &base, creds).await;
                        let mut n = 0;
                        while rx.try_recv().is_ok() {
                            n += 1;
                        }
                        (got, n)
                    }),
                ));
            }
        }
    }
    let mut failures = Vec::new();
    for (name, r, held, task) in cases {
        let (got, requests) = task.await.expect("joined");
        let text = match &got {
            // The console configuration says nothing it was not told: read as all unknown, which
            // blocks nothing, as an unreadable one does (documented in ARCHITECTURE.md).
            Ok(v) if matches!(r, Read::ConsoleConfig) && !v.contains("Some(") => v.clone(),
            Ok(v) => {
                failures.push(format!("{name} / {r:?}: read as a success: {v}"));
                v.clone()
            }
            Err(e) => e.clone(),
        };
        // A read may be retried once, only when it never left; these all left.
        if requests != 1 {
            failures.push(format!("{name} / {r:?}: {requests} requests"));
        }
        for secret in &held {
            if text.contains(secret) {
                failures.push(format!("{name} / {r:?}: {secret} leaked: {text}"));
            }
        }
        if steers(&text) {
            failures.push(format!("{name} / {r:?}: an escape was kept: {text:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A loopback server that answers the reads the lifecycle commands make first (the CA, its
/// subscription, the renewal price) and never answers the state-changing request (`hang_on` in its
/// request line): the request stays in flight until a signal or the timeout.
fn hanging_after_reads(hang_on: &'static str) -> String {
    let (url, _count) = common::scripted_server(move |line| {
        if line.contains(hang_on) {
            std::thread::sleep(Duration::from_secs(30));
            return String::new();
        }
        let body = if line.contains("renew-rate") {
            format!(
                r#"{{"currency":"CNY","renew_inquiry_results":[{{"resource_id":"{CA}","amount":"10.00"}}]}}"#
            )
        } else if line.contains("resources/query") {
            format!(
                r#"{{"total_count":1,"data":[{{"resource_id":"{CA}","status":2,"expire_time":"2030-01-01T00:00:00Z","effective_time":"2025-01-01T00:00:00Z"}}]}}"#
            )
        } else if line.starts_with("GET /v1/private-certificate-authorities/") {
            format!(
                r#"{{"ca_id":"{CA}","type":"ROOT","status":"ACTIVED","path_length":7,"key_algorithm":"RSA2048","signature_algorithm":"SHA256","gen_mode":"GENERATE","distinguished_name":{{"common_name":"Example Root","country":"CN"}},"not_before":1700000000000,"not_after":2000000000000,"serial_number":"01","charging_mode":0}}"#
            )
        } else {
            r#"{"total":0,"certificate_authorities":[]}"#.to_string()
        };
        common::ok_json(&body)
    });
    url
}

/// renew, auto-renew on/off and unsubscribe with the request in flight to a server that never answers:
/// the first TERM waits for the answer (none comes: unknown at the timeout), a second stops the wait;
/// either way exit 4 and the attempt's pair of lines journaled, never a process killed mid-send.
#[test]
fn renew_auto_renew_and_unsubscribe_in_flight_survive_signals_as_unknown() {
    let renew = ["renew", CA, "--period-unit", "year", "--period", "1"];
    let commands: [(&[&str], &'static str); 4] = [
        (&renew, "resources/renew "),
        (&["auto-renew", CA, "on"], "/autorenew/"),
        (&["auto-renew", CA, "off"], "/autorenew/"),
        (&["unsubscribe", CA, "--what", "renewals"], "/unsubscribe"),
    ];
    let mut failures = Vec::new();
    for (command, hang_on) in commands {
        for signals in [1, 2] {
            let url = hanging_after_reads(hang_on);
            let home = tempfile::tempdir().expect("tmp");
            let journal = home.path().join("j.jsonl");
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
                .env_clear()
                .env("HOME", home.path())
                .env("HUAWEICLOUD_AUTH_TOKEN", TOKEN)
                .args(command)
                .args(["--yes", "--timeout", "2"])
                .args(["--endpoint", &url, "--iam-endpoint", &url])
                .args(["--eps-endpoint", &url, "--bss-endpoint", &url])
                .arg("--journal")
                .arg(&journal)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn");
            let started = std::time::Instant::now();
            let mut child = Some(child);
            while !std::fs::read_to_string(&journal)
                .unwrap_or_default()
                .contains("\"sending\"")
            {
                if started.elapsed().as_secs() > 20 {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let Some(c) = child.take() else { continue };
            let o = common::terminate_in_flight(c, signals, "waiting up to");
            let kept = std::fs::read_to_string(&journal).unwrap_or_default();
            let got = states(&kept);
            if o.status.code() != Some(4) || got != ["sending", "unknown"] {
                failures.push(format!(
                    "{command:?} x{signals}: exit {:?}, journal {got:?}: {:?}",
                    o.status.code(),
                    common::text(&o)
                ));
            }
            if steers(&common::text(&o).1) {
                failures.push(format!("{command:?}: an escape reached stderr"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `activate` or `csr` asking for SM2 (issue: the command line reads the region's console
/// configuration first, `cli/activation.rs` `region_sm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SmCommand {
    Activate,
    Csr,
}

/// The command's arguments in `region`, every endpoint on `url`, journaled to `journal`, waiting
/// `timeout` seconds for each answer.
fn sm_args(
    command: SmCommand,
    (region, timeout): (&str, &str),
    url: &str,
    journal: &std::path::Path,
) -> Vec<String> {
    let mut a: Vec<String> = match command {
        SmCommand::Activate => vec![
            "activate",
            CA,
            "--type",
            "root",
            "--common-name",
            "Hostile Root",
            "--country",
            "CN",
            "--key-algorithm",
            "SM2",
            "--signature-algorithm",
            "SM3",
            "--validity",
            "5y",
        ],
        SmCommand::Csr => vec![
            "csr",
            CA,
            "--common-name",
            "Hostile Sub",
            "--country",
            "CN",
            "--key-algorithm",
            "SM2",
        ],
    }
    .into_iter()
    .map(String::from)
    .collect();
    a.extend(
        [
            "--yes",
            "--lang",
            "en",
            "--timeout",
            timeout,
            "--region",
            region,
        ]
        .into_iter()
        .map(String::from),
    );
    a.extend(common::endpoints(url).into_iter().map(String::from));
    a.push("--journal".into());
    a.push(journal.display().to_string());
    a
}

/// The credentials' variables for the binary, and the secrets they hold.
fn sm_env(aksk: bool) -> (Vec<(&'static str, &'static str)>, Vec<&'static str>) {
    if aksk {
        (
            vec![
                ("HUAWEICLOUD_SDK_AK", AK),
                ("HUAWEICLOUD_SDK_SK", SK),
                ("HUAWEICLOUD_SDK_SECURITY_TOKEN", SECURITY_TOKEN),
                ("HUAWEICLOUD_SDK_DOMAIN_ID", DOMAIN),
            ],
            vec![SK, SECURITY_TOKEN],
        )
    } else {
        (
            vec![("HUAWEICLOUD_AUTH_TOKEN", TOKEN)],
            vec![TOKEN, "MIIabc"],
        )
    }
}

/// The signature an SDK-HMAC request carried (none for a token).
fn signature_in(request: &str) -> Option<String> {
    let rest = request.split("Signature=").nth(1)?;
    let sig: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
    (sig.len() >= 16).then_some(sig)
}

/// `activate`/`csr --key-algorithm SM2 --yes` read the console configuration before anything is sent;
/// from a hostile or broken console endpoint (hang past --timeout, reset, a redirect to a server that
/// would say yes, HTML, an echo of the secret-bearing headers, escapes in its JSON, 5xx) they never
/// panic, never follow the redirect, say so in one warning line cleaned of escapes and secrets, and
/// let the website rule decide: `cn-north-4` goes on (the activation sent exactly once, journaled),
/// `ap-southeast-1` is refused with exit 2 after that one read, nothing journaled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sm_commands_read_a_hostile_console_and_send_only_what_the_website_rule_allows() {
    use Misbehaviour::Answer;
    // Where the redirect points: a console that offers SM2, which would let ap-southeast-1 through.
    let (elsewhere, mut elsewhere_rx) = hostile(Answer(http(
        "200 OK",
        &["Content-Type: application/json"],
        br#"{"is_support_sm2":true}"#,
    )))
    .await;
    let escapes = br#"{"is_support_sm2":"\u001b]0;owned\u0007","error_msg":"\u001b]52;c;cm0K\u0007\u009b2K"}"#;
    let escaped_token = format!(
        r#"{{"error_code":"APIGW.0301","error_msg":"bad token {}","request_id":"{}"}}"#,
        TOKEN.replace('/', "\\/"),
        TOKEN.replace('/', "\\/")
    );
    let rows: Vec<(&str, Misbehaviour, bool)> =
        vec![
        ("hang past --timeout", Misbehaviour::Hang, false),
        ("reset", Misbehaviour::Reset, false),
        (
            "302 elsewhere",
            Answer(http(
                "302 Found",
                &[&format!("Location: {elsewhere}/v1/pca/config/console")],
                b"",
            )),
            false,
        ),
        (
            "200 HTML",
            Answer(http("200 OK", &["Content-Type: text/html"], LOGIN_PAGE)),
            false,
        ),
        ("200 escapes in JSON", Answer(http("200 OK", &[], escapes)), false),
        (
            "503 escapes in JSON",
            Answer(http(
                "503 Service Unavailable",
                &[],
                br#"{"error_code":"CCM.9999","error_msg":"busy\u001b]52;c;cm0K\u0007\u001b[2J"}"#,
            )),
            false,
        ),
        ("502 HTML", Answer(http("502 Bad Gateway", &[], LOGIN_PAGE)), false),
        // A gateway that escapes `/` in JSON (as PHP's json_encode does) echoing the token.
        (
            "403 token echoed with an escaped slash",
            Answer(http("403 Forbidden", &[], escaped_token.as_bytes())),
            false,
        ),
        ("echo 200, token", Misbehaviour::Echo("200 OK"), false),
        ("echo 200, AK/SK", Misbehaviour::Echo("200 OK"), true),
        ("echo 403, token", Misbehaviour::Echo("403 Forbidden"), false),
        ("echo 403, AK/SK", Misbehaviour::Echo("403 Forbidden"), true),
        ("echo 500, AK/SK", Misbehaviour::Echo("500 Internal Server Error"), true),
    ];
    let mut cases = Vec::new();
    for (name, how, aksk) in rows {
        for command in [SmCommand::Activate, SmCommand::Csr] {
            for region in ["cn-north-4", "ap-southeast-1"] {
                let (base, rx) = hostile(how.clone()).await;
                let home = tempfile::tempdir().expect("tmp");
                let journal = home.path().join("j.jsonl");
                let args = sm_args(command, (region, "3"), &base, &journal);
                let (env, held) = sm_env(aksk);
                let task = tokio::task::spawn_blocking(move || {
                    let o = common::run_bin(home.path(), &args, &env);
                    let kept = std::fs::read_to_string(&journal).unwrap_or_default();
                    (o, kept, home)
                });
                cases.push((name, command, region, held, rx, task));
            }
        }
    }
    let mut failures = Vec::new();
    for (name, command, region, held, mut rx, task) in cases {
        let (o, kept, _home) = task.await.expect("joined");
        let (out, err) = common::text(&o);
        let mut requests = Vec::new();
        while let Ok(r) = rx.try_recv() {
            requests.push(r);
        }
        let case = format!("{name} / {command:?} / {region}");
        let lines: Vec<&str> = requests.iter().filter_map(|r| r.lines().next()).collect();
        let code = o.status.code();
        if code.is_none() || code == Some(101) || err.contains("panicked") {
            failures.push(format!("{case}: ended with {:?}: {err}", o.status));
        }
        if lines.first().copied() != Some("GET /v1/pca/config/console HTTP/1.1") {
            failures.push(format!("{case}: the console was not read first: {lines:?}"));
        }
        let warning = format!("warning: could not check whether region {region} offers SM2/SM3 (");
        if err.matches(&warning).count() != 1 {
            failures.push(format!("{case}: not one warning line: {err}"));
        }
        if steers(&out) || steers(&err) {
            failures.push(format!("{case}: an escape was kept: {err:?}"));
        }
        let signatures: Vec<String> = requests.iter().filter_map(|r| signature_in(r)).collect();
        for secret in held.iter().map(|s| s.to_string()).chain(signatures) {
            if out.contains(&secret) || err.contains(&secret) || kept.contains(&secret) {
                failures.push(format!("{case}: {secret} leaked: {out} {err}"));
            }
        }
        // Not even a part of a signature: whatever follows `Signature=` is the redaction mark.
        for text in [&out, &err, &kept] {
            if text
                .split("Signature=")
                .skip(1)
                .any(|rest| !rest.starts_with("<redacted>"))
            {
                failures.push(format!("{case}: a signature leaked: {text}"));
            }
        }
        match (region, command) {
            ("ap-southeast-1", _) => {
                if code != Some(2) || lines.len() != 1 || !kept.is_empty() {
                    failures.push(format!(
                        "{case}: wanted exit 2 after one read, nothing journaled; got {code:?}, {lines:?}, {kept}: {err}"
                    ));
                }
                if !err.contains("China website") {
                    failures.push(format!("{case}: the refusal does not say why: {err}"));
                }
            }
            (_, SmCommand::Activate) => {
                let activations = lines
                    .iter()
                    .filter(|l| {
                        l.starts_with(&format!(
                            "POST /v1/private-certificate-authorities/{CA}/activate "
                        ))
                    })
                    .count();
                if code == Some(2)
                    || activations != 1
                    || lines.get(1).is_none_or(|l| !l.starts_with("POST "))
                {
                    failures.push(format!(
                        "{case}: wanted the activation sent once after the read; got {code:?}, {lines:?}: {err}"
                    ));
                }
                if states(&kept).first().map(String::as_str) != Some("sending")
                    || states(&kept).len() != 2
                {
                    failures.push(format!("{case}: not one attempt journaled: {kept}"));
                }
            }
            (_, SmCommand::Csr) => {
                // Past the SM2 check: the CA is read next (every row's answer to that read fails, so
                // nothing is saved).
                let read = format!("GET /v1/private-certificate-authorities/{CA} ");
                if code == Some(2) || lines.get(1).is_none_or(|l| !l.starts_with(&read)) {
                    failures.push(format!(
                        "{case}: wanted the CA read after the check; got {code:?}, {lines:?}: {err}"
                    ));
                }
                if lines.iter().any(|l| !l.starts_with("GET ")) || !kept.is_empty() {
                    failures.push(format!("{case}: something was sent: {lines:?} {kept}"));
                }
            }
        }
    }
    let mut followed = 0;
    while elsewhere_rx.try_recv().is_ok() {
        followed += 1;
    }
    if followed != 0 {
        failures.push(format!("the redirect was followed {followed} time(s)"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A SIGTERM while the console read hangs (before anything is journaled or sent) ends `activate` and
/// `csr` at once: not at --timeout, and never by going on to send the activation once the read gives
/// up. Nothing is journaled and the console read is the only request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigterm_while_the_console_read_hangs_ends_the_command_with_nothing_sent() {
    let mut failures = Vec::new();
    for command in [SmCommand::Activate, SmCommand::Csr] {
        let (base, mut rx) = hostile(Misbehaviour::Hang).await;
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        // Far past the test's bound: a swallowed signal shows as a wait this long.
        let args = sm_args(command, ("cn-north-4", "60"), &base, &journal);
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
            .env_clear()
            .env("HOME", home.path())
            .env("PCA_ORDER_METADATA_URL", "off")
            .env("HUAWEICLOUD_AUTH_TOKEN", TOKEN)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let first = tokio::time::timeout(Duration::from_secs(30), rx.recv())
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(
            first.starts_with("GET /v1/pca/config/console "),
            "{command:?}: the console read never came: {first}"
        );
        let started = std::time::Instant::now();
        let o = tokio::task::spawn_blocking(move || common::terminate_in_flight(child, 1, ""))
            .await
            .expect("joined");
        let took = started.elapsed();
        let (out, err) = common::text(&o);
        let mut later = 0;
        while rx.try_recv().is_ok() {
            later += 1;
        }
        if took > Duration::from_secs(20) {
            failures.push(format!("{command:?}: took {took:?} to end: {err}"));
        }
        if later != 0 || journal.exists() {
            failures.push(format!(
                "{command:?}: {later} more request(s), journal there: {}",
                journal.exists()
            ));
        }
        if o.status.success()
            || err.contains("panicked")
            || o.status.code() == Some(101)
            || steers(&out)
            || steers(&err)
        {
            failures.push(format!("{command:?}: {:?}: {out} {err}", o.status));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

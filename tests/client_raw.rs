//! The client against a scripted loopback server that answers with exactly the bytes a test gives:
//! the hostile and broken answers a real gateway can send (not JSON, cut short, huge, wrong shape).

use std::path::PathBuf;
use std::time::Duration;

use pca_order::api::{CallError, CcmClient, Credentials, Outcome, Placed};
use pca_order::config::Config;
use pca_order::journal::{Event, Journal};
use pca_order::order::OrderDraft;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

mod common;

use common::raw::{http, scripted};

fn config(base: &str, journal: PathBuf, credentials: Credentials) -> Config {
    common::config_at(base, journal, credentials, Duration::from_secs(5), false)
}

/// Places the default order with a client for `config`.
async fn place_default(config: &Config, journal: &Journal) -> Placed {
    let client = CcmClient::new(config).expect("client");
    let request = OrderDraft::default().validate(None).expect("valid");
    client.create_ca_order(&request, journal).await
}

async fn order_against(answer: Vec<u8>) -> (Outcome, Journal, String, tempfile::TempDir) {
    let (base, mut rx) = scripted(vec![answer]).await;
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let client = CcmClient::new(&config(
        &base,
        journal.path().to_path_buf(),
        Credentials::token("tok-secret"),
    ))
    .expect("client");
    let req = OrderDraft::default().validate(None).expect("valid");
    let outcome = client.create_ca_order(&req, &journal).await.outcome;
    let raw = rx.recv().await.unwrap_or_default();
    (outcome, journal, raw, dir)
}

#[tokio::test]
async fn the_request_on_the_wire_is_the_documented_body_with_the_token() {
    let (outcome, _j, raw, _d) = order_against(http(
        "200 OK",
        &["X-Request-Id: r1"],
        br#"{"order_id":"CS1","ca_ids":["a"]}"#,
    ))
    .await;
    assert!(
        matches!(outcome, Outcome::Done(ref c) if c.order_id == "CS1" && c.ca_ids == ["a"]),
        "{outcome:?}"
    );
    assert!(
        raw.starts_with("POST /v1/private-certificate-authorities/order HTTP/1.1\r\n"),
        "{raw}"
    );
    assert!(
        raw.to_ascii_lowercase()
            .contains("x-auth-token: tok-secret"),
        "{raw}"
    );
    let body = raw.split("\r\n\r\n").nth(1).expect("body");
    assert_eq!(
        body,
        OrderDraft::default()
            .validate(None)
            .expect("valid")
            .to_json()
    );
}

#[tokio::test]
async fn html_from_a_gateway_is_unknown_with_status_code_and_request_id_kept() {
    let html = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    let (outcome, journal, _raw, _dir) = order_against(http(
        "502 Bad Gateway",
        &["Content-Type: text/html", "X-Request-Id: gw-9"],
        html,
    ))
    .await;
    let Outcome::Unknown(reason) = &outcome else {
        panic!("a 5xx cannot prove nothing was bought: expected Unknown, got {outcome:?}")
    };
    assert_eq!(outcome.exit_code(), 4);
    for kept in [
        "HTTP 502 502",
        "HTML page \"502 Bad Gateway\"",
        "request id gw-9",
    ] {
        assert!(reason.to_string().contains(kept), "{kept} in {reason}");
    }
    let line = std::fs::read_to_string(journal.path()).expect("journal");
    assert!(line.contains(r#""state":"unknown""#), "{line}");
    assert!(line.contains("request id gw-9"), "{line}");
}

#[tokio::test]
async fn every_5xx_is_unknown_and_4xx_stays_rejected() {
    let body = br#"{"error_code":"APIGW.0201","error_msg":"Request time out."}"#;
    for status in [
        "500 Internal Server Error",
        "503 Service Unavailable",
        "504 Gateway Timeout",
    ] {
        let (outcome, ..) = order_against(http(status, &["X-Request-Id: r5"], body)).await;
        let Outcome::Unknown(reason) = &outcome else {
            panic!("{status}: expected Unknown, got {outcome:?}")
        };
        let code = &status[..3];
        for kept in [
            format!("HTTP {code} APIGW.0201"),
            "Request time out.".to_string(),
            "request id r5".to_string(),
        ] {
            assert!(reason.to_string().contains(&kept), "{kept} in {reason}");
        }
    }
    let (outcome, ..) = order_against(http("429 Too Many Requests", &[], body)).await;
    assert!(
        matches!(outcome, Outcome::Rejected(ref e) if e.status == 429),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_redirect_is_refused_with_its_location_and_never_followed() {
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let (outcome, ..) = order_against(http(
            status,
            &[
                "Location: https://other.example/v1/order?\u{202e}x",
                "X-Request-Id: rd-1",
            ],
            b"",
        ))
        .await;
        let Outcome::Rejected(e) = &outcome else {
            panic!("{status}: expected Rejected, got {outcome:?}")
        };
        assert_eq!(e.status.to_string(), &status[..3]);
        assert!(
            e.message
                .contains("redirect to https://other.example/v1/order?"),
            "{}",
            e.message
        );
        assert!(e.message.contains("does not follow"), "{}", e.message);
        assert!(!e.message.contains('\u{202e}'), "{}", e.message);
        assert_eq!(e.request_id.as_deref(), Some("rd-1"));
        assert_eq!(outcome.exit_code(), 3);
        let t = pca_order::tui::text::Lang::En.text();
        let title = pca_order::tui::view::outcome::rejected_title(e, t);
        assert!(title.contains("not followed"), "{title}");
        let advice = pca_order::cli::advice(&outcome);
        assert!(advice.contains("--endpoint"), "{advice}");
    }
}

#[tokio::test]
async fn error_bodies_are_read_as_the_sdk_does() {
    let cases: Vec<(&[u8], &str, &str)> = vec![
        (br#"{"error_code":"PCA.00020001","error_msg":"bad period"}"#, "PCA.00020001", "bad period"),
        (br#"{"errorCode":"APIGW.0308","errorMsg":"throttled"}"#, "APIGW.0308", "throttled"),
        (br#"{"code":"X.1","message":"m"}"#, "X.1", "m"),
        (br#"{"error":{"error_code":"EPS.0004","error_msg":"nested"}}"#, "EPS.0004", "nested"),
        (br#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#, "401", "The username or password is wrong."),
        (b"", "400", "empty body"),
        (b"plain \x1b[31mtext\x07", "400", "plain  [31mtext"),
    ];
    for (body, code, msg) in cases {
        let (outcome, ..) =
            order_against(http("400 Bad Request", &["X-Request-Id: rid-1"], body)).await;
        let Outcome::Rejected(e) = outcome else {
            panic!("expected Rejected, got {outcome:?}")
        };
        assert_eq!(e.code, code);
        assert!(
            e.message.contains(msg),
            "{} should contain {msg}",
            e.message
        );
        assert!(
            !e.message.contains('\x1b'),
            "control characters are dropped"
        );
        assert_eq!(e.request_id.as_deref(), Some("rid-1"));
    }
}

#[tokio::test]
async fn a_success_that_is_not_an_order_is_unknown_not_created() {
    for body in [
        &b"not json"[..],
        br#"{"ca_ids":[]}"#,
        br#"{"order_id":""}"#,
        br#"{"order_id":{"x":1}}"#,
    ] {
        let (outcome, journal, _raw, _dir) = order_against(http("200 OK", &[], body)).await;
        assert!(
            matches!(outcome, Outcome::Unknown(ref r) if r.to_string().contains("HTTP 200")),
            "{outcome:?}"
        );
        let h = journal.read().expect("journal");
        assert!(matches!(h.attempts[0].outcome, Some(Event::Unknown { .. })));
    }
}

#[tokio::test]
async fn an_odd_ca_ids_never_costs_the_order_id() {
    for (body, ids) in [
        (&br#"{"order_id":"CS1803192259ROA8U","ca_ids":null}"#[..], 0),
        (br#"{"order_id":"CS1803192259ROA8U","ca_ids":[1,"4284547e-68ef-4a94-adea-9df1e5d8ad65"]}"#, 1),
        (br#"{"order_id":"CS1803192259ROA8U"}"#, 0),
    ] {
        let (outcome, journal, _raw, _dir) = order_against(http("200 OK", &[], body)).await;
        let Outcome::Done(c) = outcome else { panic!("expected Created, got {outcome:?}") };
        assert_eq!((c.order_id.as_str(), c.ca_ids.len()), ("CS1803192259ROA8U", ids));
        assert!(matches!(journal.read().expect("read").attempts[0].outcome, Some(Event::Created { .. })));
    }
    // An id we cannot accept still reaches the journal in the reason's excerpt.
    let long = format!(r#"{{"order_id":"{}","ca_ids":[]}}"#, "C".repeat(65));
    let (outcome, journal, _raw, _dir) = order_against(http("200 OK", &[], long.as_bytes())).await;
    assert!(
        matches!(outcome, Outcome::Unknown(ref r) if r.to_string().contains(&"C".repeat(65))),
        "{outcome:?}"
    );
    let text = std::fs::read_to_string(journal.path()).expect("journal");
    assert!(
        text.contains(&"C".repeat(65)),
        "the raw answer is journaled"
    );
}

#[tokio::test]
async fn a_huge_error_answer_is_still_a_rejection_with_its_status() {
    let mut body = br#"{"error_code":"PCA.00020001","error_msg":""#.to_vec();
    body.extend(vec![b'x'; 2 * 1024 * 1024]);
    let (outcome, ..) =
        order_against(http("400 Bad Request", &["X-Request-Id: big-1"], &body)).await;
    let Outcome::Rejected(e) = outcome else {
        panic!("expected Rejected, got {outcome:?}")
    };
    assert_eq!((e.status, e.request_id.as_deref()), (400, Some("big-1")));
}

#[tokio::test]
async fn an_answer_cut_short_is_unknown() {
    let mut answer = b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n".to_vec();
    answer.extend_from_slice(br#"{"order_id":"CS1"#);
    let (outcome, ..) = order_against(answer).await;
    assert!(
        matches!(outcome, Outcome::Unknown(ref r) if r.to_string().contains("cut short")),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_huge_answer_is_not_read_past_the_cap() {
    let body = vec![b'x'; 2 * 1024 * 1024];
    let (outcome, ..) = order_against(http("200 OK", &[], &body)).await;
    assert!(
        matches!(outcome, Outcome::Unknown(ref r) if r.to_string().contains("larger than 1024 KiB")),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_closed_connection_with_no_answer_is_unknown() {
    let (outcome, journal, _raw, _dir) = order_against(Vec::new()).await;
    assert!(matches!(outcome, Outcome::Unknown(_)), "{outcome:?}");
    assert!(matches!(
        journal.read().expect("read").attempts[0].outcome,
        Some(Event::Unknown { .. })
    ));
}

#[tokio::test]
async fn connection_refused_is_not_sent_and_journaled() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    let outcome = place_default(
        &config(
            &format!("http://{addr}"),
            journal.path().to_path_buf(),
            Credentials::token("t"),
        ),
        &journal,
    )
    .await
    .outcome;
    assert!(
        matches!(outcome, Outcome::NotSent(ref r) if r.to_string().contains("could not connect")),
        "{outcome:?}"
    );
    assert_eq!(outcome.exit_code(), 5);
    let h = journal.read().expect("read");
    assert_eq!(h.attempts.len(), 1);
    assert!(h.attempts[0].sending.is_some());
    assert!(matches!(h.attempts[0].outcome, Some(Event::NotSent { .. })));
}

#[tokio::test]
async fn an_unwritable_journal_stops_the_order_before_it_leaves() {
    let (base, mut rx) = scripted(vec![http(
        "200 OK",
        &[],
        br#"{"order_id":"CS1","ca_ids":["a"]}"#,
    )])
    .await;
    let dir = tempfile::tempdir().expect("tmp");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").expect("write");
    let journal = Journal::new(blocker.join("orders.jsonl"));
    let outcome = place_default(
        &config(&base, journal.path().to_path_buf(), Credentials::token("t")),
        &journal,
    )
    .await
    .outcome;
    assert!(
        matches!(outcome, Outcome::NotSent(ref r) if r.to_string().contains("journal")),
        "{outcome:?}"
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(300), rx.recv())
            .await
            .is_err(),
        "nothing reached the server"
    );
}

#[tokio::test]
async fn quota_and_projects_reject_the_wrong_shape_with_a_message() {
    let (base, _rx) = scripted(vec![
        http(
            "200 OK",
            &[],
            br#"{"quotas":{"resources":[{"type":"CERTIFICATE","used":0,"quota":9}]}}"#,
        ),
        http("200 OK", &[], br#"{"enterprise_projects":"nope"}"#),
        http(
            "403 Forbidden",
            &["X-Request-Id: q-1"],
            br#"{"error_code":"APIGW.0302","error_msg":"not authorized"}"#,
        ),
    ])
    .await;
    let dir = tempfile::tempdir().expect("tmp");
    let client = CcmClient::new(&config(
        &base,
        dir.path().join("j"),
        Credentials::token("t"),
    ))
    .expect("client");
    let e = client.show_ca_quota().await.expect_err("no CA entry");
    assert!(e.to_string().contains("CERTIFICATE_AUTHORITY"), "{e}");
    let e = client
        .list_enterprise_projects()
        .await
        .expect_err("bad shape");
    assert!(e.to_string().contains("documented shape"), "{e}");
    let e = client.show_ca_quota().await.expect_err("403");
    assert!(
        matches!(e, CallError::Api(ref a) if a.status == 403 && a.code == "APIGW.0302" && a.request_id.as_deref() == Some("q-1"))
    );
}

#[tokio::test]
async fn a_slow_server_times_out_as_unknown() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        let (sock, _) = listener.accept().await.expect("accept");
        tokio::time::sleep(Duration::from_secs(5)).await;
        drop(sock);
    });
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("j"));
    let mut cfg = config(
        &format!("http://{addr}"),
        journal.path().to_path_buf(),
        Credentials::token("t"),
    );
    cfg.timeout = Duration::from_millis(300);
    let outcome = place_default(&cfg, &journal).await.outcome;
    assert!(
        matches!(outcome, Outcome::Unknown(ref r) if r.to_string().contains("timeout")),
        "{outcome:?}"
    );
    server.abort();
}

#[tokio::test]
async fn the_sending_line_is_on_disk_before_the_server_sees_the_request() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("state").join("orders.jsonl");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen_path = path.clone();
    let server = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.expect("accept");
        let mut chunk = [0u8; 1];
        let _ = sock.read(&mut chunk).await; // the first byte of the request has arrived
        let on_disk = std::fs::read_to_string(&seen_path).unwrap_or_default();
        let _ = sock
            .write_all(&http(
                "200 OK",
                &[],
                br#"{"order_id":"CS9","ca_ids":["c"]}"#,
            ))
            .await;
        on_disk
    });
    let journal = Journal::new(path.clone());
    let outcome = place_default(
        &config(
            &format!("http://{addr}"),
            path.clone(),
            Credentials::ak_sk(
                "HPUAEXAMPLEAK0000001",
                "sk-secret-value",
                Some("sec-token-value".into()),
                Some("dom".into()),
            ),
        ),
        &journal,
    )
    .await
    .outcome;
    assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
    let on_disk = server.await.expect("server");
    assert!(
        on_disk.contains(r#""state":"sending""#),
        "sending line written first: {on_disk:?}"
    );
    assert!(!on_disk.contains(r#""state":"created""#));
    let text = std::fs::read_to_string(&path).expect("journal");
    assert_eq!(text.lines().count(), 2);
    for secret in [
        "sk-secret-value",
        "sec-token-value",
        "Signature=",
        "SDK-HMAC-SHA256",
    ] {
        assert!(!text.contains(secret), "{secret} must not be journaled");
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(path.parent().expect("dir"))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
}

#[tokio::test]
async fn an_outcome_the_journal_cannot_take_comes_back_as_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = path.clone();
    let server = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.expect("accept");
        let mut chunk = [0u8; 1];
        let _ = sock.read(&mut chunk).await;
        // The journal's path stops being a writable file while the order is in flight.
        std::fs::remove_file(&seen).expect("remove");
        std::fs::create_dir(&seen).expect("dir in its place");
        let _ = sock
            .write_all(&http(
                "200 OK",
                &[],
                br#"{"order_id":"CS7","ca_ids":["c"]}"#,
            ))
            .await;
    });
    let journal = Journal::new(path.clone());
    let placed = place_default(
        &config(&format!("http://{addr}"), path, Credentials::token("t")),
        &journal,
    )
    .await;
    server.await.expect("server");
    assert!(matches!(placed.outcome, Outcome::Done(ref c) if c.order_id == "CS7"));
    let warning = placed.journal_warning.expect("a warning");
    assert!(warning.contains("keep this output"), "{warning}");
}

#[tokio::test]
async fn a_refusal_cut_short_is_still_a_refusal() {
    let mut answer =
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 500\r\nX-Request-Id: cut-1\r\n\r\n".to_vec();
    answer.extend_from_slice(br#"{"error_code":"PCA.00020001","error_msg":"bad per"#);
    let (outcome, ..) = order_against(answer).await;
    let Outcome::Rejected(e) = outcome else {
        panic!("expected Rejected, got {outcome:?}")
    };
    assert_eq!((e.status, e.request_id.as_deref()), (400, Some("cut-1")));
}

/// Answers each connection with `status` and the raw request it received, echoed in the body (as a
/// debug service or a misconfigured proxy does), and in a header; `extra` is appended to the body.
async fn echo_server(status: &'static str, extra: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let extra = extra.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // The request bodies here are small: one read after the head is enough.
                while !String::from_utf8_lossy(&buf).contains("\r\n\r\n{") {
                    match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let echoed = String::from_utf8_lossy(&buf).to_string();
                let auth = echoed
                    .lines()
                    .find(|l| {
                        l.to_ascii_lowercase().starts_with("authorization:")
                            || l.to_ascii_lowercase().starts_with("x-auth-token:")
                    })
                    .unwrap_or("none")
                    .to_string();
                let body = serde_json::json!({
                    "error_code": "DEBUG.1",
                    "error_msg": format!("you sent: {echoed} {extra}"),
                    "request_id": auth,
                })
                .to_string();
                let answer = http(
                    status,
                    &[&format!("X-Request-Id: {}", auth.replace(['\r', '\n'], ""))],
                    body.as_bytes(),
                );
                let _ = sock.write_all(&answer).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn secrets_echoed_by_the_server_never_reach_the_outcome_or_the_journal() {
    let token = "iam-token-MIIabc/def+ghi==";
    let sk = "echo-secret-key-0000000000000000000000000";
    let st = "security-token-abcdefghijklmnop";
    for status in ["200 OK", "400 Bad Request", "503 Service Unavailable"] {
        // Token credentials hold no SK: the echoed SK is hidden only when pca-order knows it.
        for (creds, held) in [
            (Credentials::token(token), vec![token, "MIIabc"]),
            (
                Credentials::ak_sk(
                    "ECHOAK0000000000000000",
                    sk,
                    Some(st.to_string()),
                    Some("0123456789abcdef0123456789abcdef".to_string()),
                ),
                vec![sk, st],
            ),
        ] {
            // A server that also knows the SK (it should not, but a test can) and says it back.
            let base = echo_server(status, format!("sk={sk}")).await;
            let dir = tempfile::tempdir().expect("tmp");
            let journal = Journal::new(dir.path().join("orders.jsonl"));
            let placed = place_default(
                &config(&base, journal.path().to_path_buf(), creds),
                &journal,
            )
            .await;
            let shown = format!(
                "{:?} {}",
                placed.outcome,
                pca_order::cli::advice(&placed.outcome)
            );
            let kept = std::fs::read_to_string(journal.path()).expect("journal");
            assert!(
                shown.contains("you sent: POST"),
                "{status}: the echo is kept: {shown}"
            );
            for text in [&shown, &kept] {
                for secret in &held {
                    assert!(!text.contains(secret), "{status}: {secret} leaked: {text}");
                }
                let after_sig = text.split("Signature=").skip(1);
                for rest in after_sig {
                    assert!(
                        rest.starts_with("<redacted>"),
                        "{status}: signature leaked: {text}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_connect_that_never_completes_is_not_sent_even_with_a_short_timeout() {
    // An https endpoint that accepts TCP but never answers the TLS handshake: with https nothing of the
    // request leaves before the handshake completes, so this is "not sent", whichever timer fires.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("j"));
    let mut cfg = config(
        &format!("https://{addr}"),
        journal.path().to_path_buf(),
        Credentials::token("tok-secret"),
    );
    cfg.timeout = Duration::from_secs(1);
    let outcome = place_default(&cfg, &journal).await.outcome;
    assert!(
        matches!(outcome, Outcome::NotSent(ref r) if r.to_string().contains("could not connect")),
        "{outcome:?}"
    );
    assert_eq!(outcome.exit_code(), 5);
    assert!(matches!(
        journal.read().expect("read").attempts[0].outcome,
        Some(Event::NotSent { .. })
    ));
    server.abort();
}

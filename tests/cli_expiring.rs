//! A CA's paid life on the command line: the PAID UNTIL / AUTO-RENEW / NOT AFTER columns of `cas`, and
//! `expiring` (exit 0 when nothing needs attention, 6 when something does), against the sandbox and
//! against a lying server that counts requests (one CCM page, one BSS query per 50 CAs).

use std::sync::atomic::Ordering;
use std::time::Duration;

mod common;
use common::sandbox_cli::SandboxCli;
use common::text;

use serde_json::Value;

/// A CA line of `cas`'s table.
fn line_of<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines().find(|l| l.contains(id)).unwrap_or("")
}

#[tokio::test(flavor = "multi_thread")]
async fn cas_shows_paid_until_with_days_left_auto_renew_and_not_after() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let yearly = env.buy(&["--period-unit", "year", "--auto-renew"]).await;
    let soon = env
        .buy(&["--promotion", "sandbox:expires_in_days=10"])
        .await;
    let ended = env
        .buy(&["--promotion", "sandbox:expires_in_days=-2"])
        .await;
    let o = env.run(&["cas"]).await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let head = out.lines().next().unwrap_or("");
    for col in ["PAID UNTIL", "AUTO-RENEW", "NOT AFTER"] {
        assert!(head.contains(col), "{head}");
    }
    let y = line_of(&out, &yearly[0]);
    assert!(y.contains(" on ") || y.contains(" on"), "{y}");
    assert!(y.contains("d left)"), "{y}");
    let days: i64 = y
        .split('(')
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|d| d.parse().ok())
        .expect("days left");
    assert!((364..=366).contains(&days), "{y}");
    let s = line_of(&out, &soon[0]);
    assert!(s.contains("(9 d left)") && s.contains("off"), "{s}");
    assert!(line_of(&out, &ended[0]).contains("(ended)"), "{out}");
    assert!(err.is_empty(), "{err}");

    let o = env.run(&["cas", "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["subscriptions"], "read");
    assert_eq!(v["subscriptions_error"], Value::Null);
    let find = |id: &str| {
        v["certificate_authorities"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["ca_id"] == id))
            .cloned()
            .expect("listed")
    };
    let y = find(&yearly[0]);
    assert_eq!(y["auto_renew"], true);
    assert_eq!(y["subscription_status"], "in use");
    assert!(
        y["paid_until"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{y}"
    );
    assert_eq!(y["not_after"], Value::Null, "PENDING: no certificate yet");
    assert_eq!(find(&soon[0])["days_left"], 9);
    assert_eq!(find(&ended[0])["days_left"], -3);
    assert_eq!(find(&ended[0])["subscription_status"], "expired");

    let o = env.run(&["--lang", "zh-CN", "cas"]).await;
    let (out, _) = text(&o);
    assert!(
        out.contains("付费到期") && out.contains("自动续费"),
        "{out}"
    );
    assert!(line_of(&out, &soon[0]).contains("剩 9 天"), "{out}");
}

/// CCM lists `n` CAs on one page; BSS answers `bss` (status, body) to every resources query.
fn liar(
    n: usize,
    bss: (u16, &'static str),
) -> (
    String,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
    std::sync::Arc<std::sync::Mutex<Vec<String>>>,
) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    let (url, count) = common::scripted_server(move |line| {
        if let Ok(mut l) = log.lock() {
            l.push(line.to_string());
        }
        if line.contains("/resources/query") {
            let (status, body) = bss;
            if status == 200 {
                return common::ok_json(body);
            }
            return format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nX-Request-Id: req-bss-42\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        let cas: Vec<Value> = (0..n)
            .map(|i| {
                serde_json::json!({"ca_id": format!("3b2d4c1e-0f6a-4b8c-9d7e-{i:012}"), "type": "ROOT",
                    "status": "ACTIVED", "not_after": 1_900_000_000_000_i64, "charging_mode": 0})
            })
            .collect();
        common::ok_json(
            &serde_json::json!({"total": n, "certificate_authorities": cas}).to_string(),
        )
    });
    (url, count, seen)
}

fn run_at(url: &str, list: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("tmp");
    std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home.path())
        .env("HUAWEICLOUD_AUTH_TOKEN", "tok-test-value")
        .args(list)
        .args([
            "--endpoint",
            url,
            "--iam-endpoint",
            url,
            "--eps-endpoint",
            url,
        ])
        .arg("--journal")
        .arg(home.path().join("j.jsonl"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs")
}

#[test]
fn a_bss_read_failure_does_not_fail_cas_the_columns_say_unknown_and_a_warning_says_why() {
    let (url, _count, _seen) = liar(
        2,
        (
            403,
            r#"{"error_code": "CBC.0151", "error_msg": "Access denied."}"#,
        ),
    );
    let o = run_at(&url, &["cas"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(line_of(&out, "000000000001").contains("unknown"), "{out}");
    assert!(
        err.contains("warning")
            && err.contains("403")
            && err.contains("CBC.0151")
            && err.contains("req-bss-42"),
        "{err}"
    );
    let o = run_at(&url, &["cas", "--output", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one document");
    assert_eq!(v["subscriptions"], "unknown");
    assert!(
        v["subscriptions_error"]
            .as_str()
            .is_some_and(|e| e.contains("CBC.0151")),
        "{v}"
    );
    assert_eq!(v["certificate_authorities"][0]["paid_until"], Value::Null);
    assert_eq!(v["certificate_authorities"][0]["auto_renew"], Value::Null);
}

#[test]
fn cas_reads_120_cas_with_one_ccm_page_and_three_bss_queries() {
    let (url, count, seen) = liar(120, (200, r#"{"total_count": 0, "data": []}"#));
    let o = run_at(&url, &["cas"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let seen = seen.lock().map(|l| l.clone()).unwrap_or_default();
    let bss = seen
        .iter()
        .filter(|l| l.contains("/resources/query"))
        .count();
    let ccm = seen
        .iter()
        .filter(|l| l.contains("private-certificate-authorities"))
        .count();
    assert_eq!((ccm, bss), (1, 3), "{seen:?}");
    assert!(seen.iter().any(|l| l.contains("limit=1000")), "{seen:?}");
    assert_eq!(count.load(Ordering::SeqCst), seen.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn expiring_exits_0_when_nothing_needs_attention_and_6_listing_why() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let renews_itself = env
        .buy(&["--auto-renew", "--promotion", "sandbox:expires_in_days=5"])
        .await;
    let o = env.run(&["expiring", "--within", "30d"]).await;
    let (out, err) = text(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "auto-renew on, no certificate: {out}{err}"
    );
    assert!(out.contains("exit 0"), "{out}");
    let lapses = env
        .buy(&["--promotion", "sandbox:expires_in_days=10"])
        .await;
    let later = env.buy(&["--period-unit", "year"]).await;
    let o = env.run(&["expiring", "--within", "2w"]).await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(6), "{out}{err}");
    assert!(
        line_of(&out, &lapses[0]).contains("subscription ends, auto-renew off"),
        "{out}"
    );
    assert!(line_of(&out, &renews_itself[0]).is_empty(), "{out}");
    assert!(line_of(&out, &later[0]).is_empty(), "{out}");
    assert!(
        out.contains("1 CA needs attention within 2w (exit 6)"),
        "{out}"
    );
    let o = env.run(&["expiring", "--within", "9d"]).await;
    assert_eq!(
        o.status.code(),
        Some(0),
        "10 days left is outside 9d: {:?}",
        text(&o)
    );
    let o = env
        .run(&["expiring", "--within", "400d", "--output", "json"])
        .await;
    assert_eq!(o.status.code(), Some(6));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(v["exit_code"], 6);
    let o = env
        .run(&["--lang", "zh-CN", "expiring", "--within", "2w"])
        .await;
    assert!(
        text(&o).0.contains("订阅到期，未开启自动续费"),
        "{:?}",
        text(&o)
    );
    for bad in ["30", "30m", "0d", "3651d", "-1d"] {
        let o = env.run(&["expiring", "--within", bad]).await;
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(text(&o).1.contains("--within"), "{:?}", text(&o));
    }
}

#[test]
fn expiring_reads_120_cas_with_one_ccm_page_and_three_bss_queries_and_lists_certificates_ending() {
    // Every certificate ends in 2030 (not_after 1_900_000_000_000 ms); BSS lists none of them.
    let (url, _count, seen) = liar(120, (200, r#"{"total_count": 0, "data": []}"#));
    let o = run_at(&url, &["expiring", "--within", "3650d", "--output", "json"]);
    assert_eq!(o.status.code(), Some(6), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["total"], 120);
    assert_eq!(
        v["certificate_authorities"][0]["reasons"],
        serde_json::json!(["certificate_ends"])
    );
    let seen = seen.lock().map(|l| l.clone()).unwrap_or_default();
    let bss = seen
        .iter()
        .filter(|l| l.contains("/resources/query"))
        .count();
    let ccm = seen
        .iter()
        .filter(|l| l.contains("private-certificate-authorities"))
        .count();
    assert_eq!((ccm, bss), (1, 3), "never a request per CA: {seen:?}");
}

#[test]
fn expiring_never_says_nothing_when_bss_cannot_be_read() {
    let (url, _count, _seen) = liar(
        1,
        (
            403,
            r#"{"error_code": "CBC.0151", "error_msg": "Access denied."}"#,
        ),
    );
    let o = run_at(&url, &["expiring"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(4), "{out}{err}");
    assert!(
        err.contains("CBC.0151") && err.contains("req-bss-42"),
        "{err}"
    );
    // Said once: the error, not a warning above it saying the same.
    assert_eq!(err.matches("CBC.0151").count(), 1, "{err}");
}

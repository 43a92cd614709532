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

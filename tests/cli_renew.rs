//! `renew` as a script runs it: the real binary against the sandbox (price, --dry-run, --yes, pay later,
//! --auto-pay --wait to the new paid-until date, "does not support renewal" worded, the journal's lines)
//! and against failures on purpose (a renewal that times out or meets a 5xx is unknown and journaled;
//! a 4xx is refused with its code).

use std::time::Duration;

mod common;
use common::sandbox_cli::SandboxCli;
use common::{json_out, text};

use serde_json::Value;

/// A CA's subscription end, as `cas --output json` reads it.
async fn paid_until(env: &SandboxCli, id: &str) -> String {
    let v = json_out(&env.run(&["cas", "--output", "json"]).await);
    v["certificate_authorities"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["ca_id"] == id))
        .and_then(|c| c["paid_until"].as_str())
        .map(str::to_string)
        .expect("paid until")
}

/// `t` (RFC 3339) one calendar year later.
fn a_year_after(t: &str) -> String {
    let year: i32 = t[..4].parse().expect("year");
    format!("{}{}", year + 1, &t[4..])
}

#[tokio::test(flavor = "multi_thread")]
async fn renew_yes_makes_a_renewal_order_journaled_before_and_after_paid_later_it_extends_from_the_end()
 {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ids = env.buy(&["--period-unit", "year"]).await;
    let before = paid_until(&env, &ids[0]).await;
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "renewed");
    assert_eq!(v["price"]["amount"], "12000.00");
    assert_eq!(v["price"]["currency"], "CNY");
    assert_eq!(v["price"]["discount"], "10800.00");
    let order = v["order_ids"][0]
        .as_str()
        .expect("a renewal order")
        .to_string();
    let lines = env.journal_lines_of("renew");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["state"], "sending");
    assert_eq!(lines[0]["request"]["resource_ids"][0], ids[0].as_str());
    assert_eq!(lines[0]["request"]["is_auto_pay"], 0);
    assert!(lines[0]["request"].get("expire_policy").is_none());
    assert_eq!(lines[1]["state"], "renewed");
    assert_eq!(lines[1]["order_ids"][0], order.as_str());
    assert_eq!(lines[0]["attempt_id"], lines[1]["attempt_id"]);
    // Unpaid, nothing moved; a second renewal is refused at the price: nothing sent.
    assert_eq!(paid_until(&env, &ids[0]).await, before);
    let again = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    assert_eq!(again.status.code(), Some(3), "{:?}", text(&again));
    assert!(
        text(&again).1.contains("CBC.30050010"),
        "{:?}",
        text(&again)
    );
    assert_eq!(env.journal_lines_of("renew").len(), 2, "nothing sent");
    // The text of a renewal without --auto-pay says how to pay it; the existing pay pays it.
    let o = env.run(&["pay", &order, "--yes"]).await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = env
        .run(&["status", &order, "--wait", "--output", "json"])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_eq!(paid_until(&env, &ids[0]).await, a_year_after(&before));
    // history shows the renewal.
    let o = env.run(&["history", "--sandbox"]).await;
    let (out, _) = text(&o);
    assert!(out.contains("Renewals:") && out.contains(&order), "{out}");
    let h = json_out(&env.run(&["history", "--sandbox", "--output", "json"]).await);
    assert_eq!(h["renewals"][0]["outcome"]["order_ids"][0], order.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn renew_text_names_the_order_and_how_to_pay_it() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ids = env.buy(&[]).await;
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "month",
            "--period",
            "2",
            "--yes",
        ])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("Renewal order CS")
            && out.contains("pca-order pay --endpoint http://127.0.0.1:"),
        "{out}"
    );
    assert!(
        out.contains("2,400.00 CNY"),
        "the amount is in the result: {out}"
    );
    assert!(out.contains("SANDBOX"), "{out}");
    // Reached by URL: the commands it suggests repeat the URL, never `--sandbox` (another account).
    assert!(!out.contains("--sandbox"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_pay_wait_follows_the_order_and_reads_the_new_paid_until_beside_not_after() {
    let env = SandboxCli::new(Duration::from_millis(200)).await;
    let ids = env.buy(&["--period-unit", "year"]).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = paid_until(&env, &ids[0]).await;
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--auto-pay",
            "--yes",
            "--wait",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["follow"][0]["outcome"], "completed", "{v}");
    assert_eq!(
        v["after"][0]["paid_until"],
        a_year_after(&before).as_str(),
        "{v}"
    );
    assert_eq!(
        v["after"][0]["not_after"],
        Value::Null,
        "a PENDING CA has no certificate"
    );
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "month",
            "--period",
            "1",
            "--auto-pay",
            "--yes",
            "--wait",
        ])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("completed") && out.contains("paid until"),
        "{out}"
    );
    assert!(
        out.contains("not documented"),
        "never claims not_after moved: {out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_prices_and_sends_nothing() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ids = env.buy(&[]).await;
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "month",
            "--period",
            "3",
            "--dry-run",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "dry_run");
    assert_eq!(v["price"]["amount"], "3600.00");
    assert_eq!(v["request"]["period_num"], 3);
    assert!(env.journal_lines_of("renew").is_empty());
    // Nothing was ordered: a real renewal is still allowed (no unpaid renewal order holds the CA).
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "month",
            "--period",
            "3",
            "--yes",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ca_that_does_not_support_renewal_is_a_worded_answer_and_nothing_is_sent() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let no = env.buy(&["--promotion", "sandbox:renew_unsupported"]).await;
    let o = env
        .run(&[
            "renew",
            &no[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{out}{err}");
    assert!(
        err.contains("does not support renewal") && err.contains("CBC.30050013"),
        "{err}"
    );
    assert!(env.journal_lines_of("renew").is_empty());
    // With a renewable CA beside it, only that one is renewed.
    let yes = env.buy(&[]).await;
    let o = env
        .run(&[
            "renew",
            &no[0],
            &yes[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["renewed_ca_ids"], serde_json::json!([yes[0]]));
    assert_eq!(v["failed"][0]["error_code"], "CBC.30050013");
    let o = env
        .run(&[
            "--lang",
            "zh-CN",
            "renew",
            &no[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    assert!(text(&o).1.contains("该产品不支持续费"), "{:?}", text(&o));
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_flags_exit_2_naming_the_flag_and_nothing_is_read() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let id = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "renew",
                id,
                "--period-unit",
                "month",
                "--period",
                "12",
                "--yes",
            ],
            "--period",
        ),
        (
            vec![
                "renew",
                id,
                "--period-unit",
                "year",
                "--period",
                "4",
                "--yes",
            ],
            "1 to 3 years",
        ),
        (
            vec![
                "renew",
                id,
                id,
                "--period-unit",
                "year",
                "--period",
                "1",
                "--yes",
            ],
            "named twice",
        ),
        (
            vec![
                "renew",
                "ca-1",
                "--period-unit",
                "year",
                "--period",
                "1",
                "--yes",
            ],
            "not a CA id",
        ),
    ];
    for (args, words) in cases {
        let o = env.run(&args).await;
        assert_eq!(o.status.code(), Some(2), "{args:?} {:?}", text(&o));
        assert!(text(&o).1.contains(words), "{args:?} {:?}", text(&o));
    }
    let eleven: Vec<String> = (0..11)
        .map(|i| format!("3b2d4c1e-0f6a-4b8c-9d7e-{i:012}"))
        .collect();
    let mut args: Vec<&str> = vec!["renew"];
    args.extend(eleven.iter().map(String::as_str));
    args.extend(["--period-unit", "year", "--period", "1", "--yes"]);
    let o = env.run(&args).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("at most 10"), "{:?}", text(&o));
    // Off a terminal without --yes: nobody to confirm.
    let o = env
        .run(&["renew", id, "--period-unit", "year", "--period", "1"])
        .await;
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("--yes"), "{:?}", text(&o));
    assert!(env.journal_lines_of("renew").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_renewal_that_times_out_or_meets_a_5xx_is_unknown_and_journaled_a_4xx_is_refused() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let slow = env
        .buy(&["--promotion", "sandbox:renew_delay_ms=4000"])
        .await;
    let o = env
        .run(&[
            "renew",
            &slow[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
            "--timeout",
            "1",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert_eq!(json_out(&o)["outcome"], "unknown");
    let lines = env.journal_lines_of("renew");
    assert_eq!(
        lines
            .iter()
            .map(|l| l["state"].as_str().unwrap_or(""))
            .collect::<Vec<_>>(),
        vec!["sending", "unknown"]
    );
    let broken = env.buy(&["--promotion", "sandbox:renew_status=503"]).await;
    let o = env
        .run(&[
            "renew",
            &broken[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert!(text(&o).1.contains("pca-order history"), "{:?}", text(&o));
    let refused = env.buy(&["--promotion", "sandbox:renew_status=403"]).await;
    let o = env
        .run(&[
            "renew",
            &refused[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(
        (v["outcome"].as_str(), v["error_code"].as_str()),
        (Some("rejected"), Some("CBC.0151"))
    );
    assert_eq!(
        env.journal_lines_of("renew").len(),
        6,
        "every attempt journaled before and after"
    );
    // The price failing is a read: nothing sent.
    let unpriced = env
        .buy(&["--promotion", "sandbox:renew_rate_status=500"])
        .await;
    let o = env
        .run(&[
            "renew",
            &unpriced[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert_eq!(env.journal_lines_of("renew").len(), 6);
}

/// A lying BSS: renew-rate prices the CA; renew answers `renew` (raw HTTP) or, for `None`, never.
fn liar(renew: Option<&'static str>) -> String {
    let (url, _count) = common::scripted_server(move |line| {
        if line.contains("renew-rate") {
            return common::ok_json(&format!(
                r#"{{"currency": "CNY", "renew_inquiry_results": [{{"resource_id": "{CA}", "amount": "10.00"}}]}}"#
            ));
        }
        match renew {
            Some(answer) => answer.to_string(),
            None => {
                std::thread::sleep(Duration::from_secs(3));
                String::new()
            }
        }
    });
    url
}

const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";

fn renew_at(url: &str, home: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home)
        .env("HUAWEICLOUD_AUTH_TOKEN", "tok-test-value")
        .args([
            "renew",
            CA,
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
            "--timeout",
            "1",
        ])
        .args([
            "--endpoint",
            url,
            "--iam-endpoint",
            url,
            "--eps-endpoint",
            url,
        ])
        .arg("--journal")
        .arg(home.join("j.jsonl"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs")
}

fn states(home: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(home.join("j.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["operation"] == "renew")
        .map(|v| v["state"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A raw HTTP answer with a JSON or HTML body.
fn raw(status: &str, kind: &str, body: &str) -> &'static str {
    let s = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    Box::leak(s.into_boxed_str())
}

#[test]
fn against_a_hostile_server_a_5xx_html_page_or_no_answer_is_unknown_and_journaled() {
    let home = tempfile::tempdir().expect("tmp");
    let html = raw("502 Bad Gateway", "text/html", "<html>upstream</html>");
    let o = renew_at(&liar(Some(html)), home.path());
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert_eq!(states(home.path()), vec!["sending", "unknown"]);
    let home = tempfile::tempdir().expect("tmp");
    let o = renew_at(&liar(None), home.path());
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert_eq!(states(home.path()), vec!["sending", "unknown"]);
    // A 200 that is not the documented answer (no order id, no failure) is unknown too, never done.
    let home = tempfile::tempdir().expect("tmp");
    let o = renew_at(
        &liar(Some(raw("200 OK", "application/json", "{}"))),
        home.path(),
    );
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    // A 4xx is refused: nothing renewed, exit 3, with its code.
    let home = tempfile::tempdir().expect("tmp");
    let body = r#"{"error_code": "CBC.99003144", "error_msg": "order in progress"}"#;
    let o = renew_at(
        &liar(Some(raw("400 Bad Request", "application/json", body))),
        home.path(),
    );
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
    assert!(text(&o).1.contains("CBC.99003144"), "{:?}", text(&o));
    assert_eq!(states(home.path()), vec!["sending", "rejected"]);
}

/// An unsubscribed CA (its subscription closed) cannot be renewed: the sandbox says so in the price
/// read, so `renew` refuses before asking or sending (exit 3, nothing journaled) — nobody pays to
/// renew a CA they ended.
#[tokio::test(flavor = "multi_thread")]
async fn a_closed_subscription_is_not_renewed() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ids = env.buy(&["--period-unit", "year"]).await;
    let o = env
        .run(&["unsubscribe", &ids[0], "--what", "ca", "--yes"])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = env
        .run(&[
            "renew",
            &ids[0],
            "--period-unit",
            "year",
            "--period",
            "1",
            "--yes",
        ])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("unsubscribed (closed)"), "{err}");
    assert!(env.journal_lines_of("renew").is_empty());
}

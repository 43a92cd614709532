//! The real binary as a script runs it: every exit code, --dry-run output, JSON output, history.
//! Each run gets an empty environment and its own HOME, so nothing of the machine leaks in.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

fn run(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("HOME", home)
        .args(args)
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {:?}", text(o)))
}

#[test]
fn bad_flags_exit_2_naming_flag_field_and_rule() {
    let home = tempfile::tempdir().expect("tmp");
    let cases: &[(&[&str], &str)] = &[
        (
            &["order", "--period", "13", "--yes"],
            "--period (period_num): must be 1 to 12 months",
        ),
        (
            &[
                "order",
                "--period-unit",
                "year",
                "--period",
                "1000",
                "--yes",
            ],
            "must be 1 to 5 years",
        ),
        (
            &["order", "--quantity", "-1", "--yes"],
            "--quantity (subscription_num): must be a whole number",
        ),
        (
            &["order", "--quantity", "0", "--yes"],
            "--quantity (subscription_num): must be 1 to 100 CAs",
        ),
        (
            &["order", "--enterprise-project", "prod", "--yes"],
            "--enterprise-project (enterprise_project_id): must be 0",
        ),
        (
            &["order", "--region", "xx-nowhere-1", "--yes", "--sandbox"],
            "",
        ),
        (
            &["order", "--endpoint", "http://example.com", "--yes"],
            "--endpoint: \"http://example.com\" must use https",
        ),
    ];
    for (args, expect) in cases {
        let o = run(home.path(), args, &[("HUAWEICLOUD_AUTH_TOKEN", "t")]);
        let (out, err) = text(&o);
        if expect.is_empty() {
            continue; // the sandbox accepts any region name with its own endpoint
        }
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out} {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(
            err.contains("nothing was sent") || err.contains("--endpoint"),
            "{err}"
        );
    }
    let long = "x".repeat(2049);
    let o = run(home.path(), &["order", "--promotion", &long, "--yes"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o)
            .1
            .contains("--promotion (promotion_info): must be 0 to 2048 characters")
    );
    let o = run(home.path(), &["order", "--period-unit", "week"], &[]);
    assert_eq!(o.status.code(), Some(2), "clap usage errors are 2 too");
}

#[test]
fn off_a_terminal_without_yes_exits_2_and_asks_for_yes() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["order", "--sandbox"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("add --yes"), "{:?}", text(&o));
}

#[test]
fn the_wizard_off_a_terminal_exits_2_and_points_to_order_help() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["--sandbox"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("pca-order order --help"),
        "{:?}",
        text(&o)
    );
}

#[test]
fn no_credentials_exits_5_and_says_what_was_tried() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["order", "--yes"], &[]);
    assert_eq!(o.status.code(), Some(5));
    assert!(
        text(&o).1.contains("no credentials found"),
        "{:?}",
        text(&o)
    );
    let o = run(home.path(), &["order", "--yes", "--output", "json"], &[]);
    assert_eq!(o.status.code(), Some(5));
    assert_eq!(json_out(&o)["exit_code"], 5);
}

#[test]
fn connection_refused_exits_5() {
    let home = tempfile::tempdir().expect("tmp");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let o = run(
        home.path(),
        &[
            "order",
            "--yes",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--output",
            "json",
        ],
        &[("HUAWEICLOUD_AUTH_TOKEN", "tok")],
    );
    assert_eq!(o.status.code(), Some(5), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "not_sent");
    assert!(
        v["reason"]
            .as_str()
            .expect("reason")
            .contains("could not connect")
    );
}

#[test]
fn dry_run_prints_the_exact_request_with_secrets_redacted() {
    let home = tempfile::tempdir().expect("tmp");
    let env = [
        ("HUAWEICLOUD_SDK_AK", "HPUAEXAMPLEAK0000001"),
        ("HUAWEICLOUD_SDK_SK", "very-secret-sk"),
        (
            "HUAWEICLOUD_SDK_SECURITY_TOKEN",
            "very-secret-security-token",
        ),
        (
            "HUAWEICLOUD_SDK_DOMAIN_ID",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        ),
    ];
    let args = [
        "order",
        "--region",
        "cn-north-4",
        "--period-unit",
        "year",
        "--period",
        "1",
        "--quantity",
        "2",
        "--auto-renew",
        "--enterprise-project",
        "0",
        "--dry-run",
        // The dry run asks for the price; keep that on loopback (nothing listens on port 9).
        "--iam-endpoint",
        "http://127.0.0.1:9",
        "--bss-endpoint",
        "http://127.0.0.1:9",
    ];
    let o = run(home.path(), &args, &env);
    assert_eq!(o.status.code(), Some(0));
    let (out, err) = text(&o);
    assert!(
        out.contains(
            "POST https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/order"
        ),
        "{out}"
    );
    assert!(out.contains("X-Domain-Id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9"));
    assert!(out.contains("X-Security-Token: <redacted>"));
    assert!(out.contains("Signature=<redacted>"));
    let body = out.lines().last().expect("body line");
    let v: Value = serde_json::from_str(body).expect("last line is the body");
    assert_eq!(
        (
            v["period_type"].as_i64(),
            v["period_num"].as_i64(),
            v["subscription_num"].as_i64(),
            v["is_auto_renew"].as_i64()
        ),
        (Some(3), Some(1), Some(2), Some(1))
    );
    for secret in ["very-secret-sk", "very-secret-security-token"] {
        assert!(
            !out.contains(secret) && !err.contains(secret),
            "{secret} leaked"
        );
    }
    let mut json_args = args.to_vec();
    json_args.extend(["--output", "json"]);
    let v = json_out(&run(home.path(), &json_args, &env));
    assert_eq!(v["outcome"], "dry_run");
    assert_eq!(v["body"]["subscription_num"], 2);
    assert_eq!(v["headers"]["X-Security-Token"], "<redacted>");
    assert!(
        !home
            .path()
            .join(".local/state/pca-order/orders.jsonl")
            .exists(),
        "a dry run journals nothing"
    );
}

#[test]
fn dry_run_without_credentials_still_shows_the_body() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["order", "--dry-run"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let (out, err) = text(&o);
    assert!(out.contains("\"subscription_num\":1"));
    assert!(
        err.contains("no credentials found") && out.contains("none found"),
        "{out} {err}"
    );
}

#[test]
fn global_flags_work_before_or_after_the_subcommand() {
    let home = tempfile::tempdir().expect("tmp");
    let env = [("HUAWEICLOUD_AUTH_TOKEN", "t")];
    let before = run(
        home.path(),
        &[
            "--region",
            "ap-southeast-3",
            "--output",
            "json",
            "order",
            "--dry-run",
        ],
        &env,
    );
    let after = run(
        home.path(),
        &[
            "order",
            "--dry-run",
            "--region",
            "ap-southeast-3",
            "--output",
            "json",
        ],
        &env,
    );
    assert_eq!(json_out(&before)["url"], json_out(&after)["url"]);
    assert_eq!(
        json_out(&after)["url"],
        "https://ccm.ap-southeast-3.myhuaweicloud.com/v1/private-certificate-authorities/order"
    );
}

#[test]
fn sandbox_order_exits_0_with_order_and_ca_ids_and_says_nothing_real_was_bought() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8");
    let o = run(
        home.path(),
        &[
            "order",
            "--sandbox",
            "--period-unit",
            "month",
            "--period",
            "1",
            "--quantity",
            "2",
            "--yes",
            "--journal",
            j,
        ],
        &[],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    assert!(out.contains("SANDBOX: nothing real was bought"), "{out}");
    assert!(out.contains("order id: CS"), "{out}");
    let ca_ids = out
        .split_whitespace()
        .filter(|w| pca_order::order::validate::is_uuid(w))
        .count();
    assert_eq!(ca_ids, 2, "one CA id per CA: {out}");
    assert!(out.contains(j), "names the journal: {out}");
    assert!(
        out.contains("Pay for order") && out.contains("PENDING"),
        "what happens next: {out}"
    );
    let o = run(
        home.path(),
        &[
            "order",
            "--sandbox",
            "--yes",
            "--journal",
            j,
            "--output",
            "json",
        ],
        &[],
    );
    let v = json_out(&o);
    assert_eq!(v["outcome"], "created");
    assert_eq!(v["sandbox"], true);
    assert_eq!(v["ca_ids"].as_array().expect("ids").len(), 1);
    // history shows both, as a table and as JSON.
    let h = run(home.path(), &["history", "--journal", j], &[]);
    let (out, _) = text(&h);
    assert_eq!(out.matches("created (sandbox)").count(), 2, "{out}");
    let v = json_out(&run(
        home.path(),
        &["history", "--journal", j, "--output", "json"],
        &[],
    ));
    assert_eq!(v["attempts"].as_array().expect("attempts").len(), 2);
}

#[test]
fn sandbox_directives_give_exit_3_and_4() {
    let home = tempfile::tempdir().expect("tmp");
    let j = home.path().join("j.jsonl");
    let j = j.to_str().expect("utf8");
    let cases: &[(&str, &[&str], i32, &str)] = &[
        ("sandbox:status=400", &[], 3, "rejected"),
        ("sandbox:status=403", &[], 3, "pca:ca:create"),
        ("sandbox:status=429", &[], 3, "wait"),
        ("sandbox:status=503", &[], 3, "Check the console's orders"),
        ("sandbox:html", &[], 3, "HTML"),
        ("sandbox:drop", &[], 4, "unknown"),
        ("sandbox:delay_ms=3000", &["--timeout", "1"], 4, "timeout"),
    ];
    for (promo, extra, code, word) in cases {
        let mut args = vec![
            "order",
            "--sandbox",
            "--yes",
            "--journal",
            j,
            "--promotion",
            promo,
            "--output",
            "json",
        ];
        args.extend_from_slice(extra);
        let o = run(home.path(), &args, &[]);
        assert_eq!(o.status.code(), Some(*code), "{promo}: {:?}", text(&o));
        let (out, _) = text(&o);
        assert!(
            out.to_lowercase().contains(&word.to_lowercase()),
            "{promo}: {out}"
        );
    }
}

#[test]
fn the_sandbox_refuses_to_listen_beyond_loopback() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["sandbox", "--listen", "0.0.0.0:0"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("only on loopback"), "{:?}", text(&o));
}

#[test]
fn history_on_an_empty_journal() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["history"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).0.contains("No orders in"), "{:?}", text(&o));
}

#[test]
fn standalone_sandbox_prints_its_address_first_and_serves_the_order_command() {
    use std::io::{BufRead, BufReader};
    let home = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(bin())
        .env_clear()
        .env("HOME", home.path())
        .args([
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--ak",
            "CUSTOMAK0000000000001",
            "--domain-id",
            "fedcba9876543210fedcba9876543210",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("utf8");
    let url = first
        .strip_prefix("listening on ")
        .expect("first line names the address")
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    let banner: Vec<String> = lines.by_ref().take(4).map_while(Result::ok).collect();
    assert!(
        banner.join("\n").contains("CUSTOMAK0000000000001"),
        "{banner:?}"
    );
    // AK/SK without a domain id: the client looks the id up via the sandbox's IAM, then orders.
    let o = run(
        home.path(),
        &[
            "order",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
            "--yes",
            "--output",
            "json",
        ],
        &[
            ("HUAWEICLOUD_SDK_AK", "CUSTOMAK0000000000001"),
            (
                "HUAWEICLOUD_SDK_SK",
                "sandbox-secret-key-0000000000000000000000",
            ),
        ],
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_eq!(json_out(&o)["outcome"], "created");
}

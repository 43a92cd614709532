//! The real binary as a script runs it: every exit code, --dry-run output, JSON output, history.
//! Each run gets an empty environment and its own HOME, so nothing of the machine leaks in.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::run_bin as run;
use common::{json_out, text};

use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
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
        // A dry run sends nothing; should that ever change, this keeps it on loopback (port 9).
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
        out.contains("pca-order pay CS") && out.contains("PENDING"),
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
    // history --sandbox shows both, as a table and as JSON; the real history never lists them.
    let h = run(home.path(), &["history", "--sandbox", "--journal", j], &[]);
    let (out, _) = text(&h);
    assert_eq!(out.matches("created (sandbox)").count(), 2, "{out}");
    let v = json_out(&run(
        home.path(),
        &["history", "--sandbox", "--journal", j, "--output", "json"],
        &[],
    ));
    assert_eq!(v["attempts"].as_array().expect("attempts").len(), 2);
    let (out, _) = text(&run(home.path(), &["history", "--journal", j], &[]));
    assert!(
        out.contains("No orders") && out.contains("2 sandbox attempts not listed"),
        "{out}"
    );
}

#[test]
fn sandbox_directives_give_exit_3_and_4_and_every_5xx_is_unknown() {
    let home = tempfile::tempdir().expect("tmp");
    let j = home.path().join("j.jsonl");
    let j = j.to_str().expect("utf8");
    let cases: &[(&str, &[&str], i32, &str)] = &[
        ("sandbox:status=400", &[], 3, "rejected"),
        ("sandbox:status=403", &[], 3, "pca:ca:create"),
        ("sandbox:status=429", &[], 3, "wait"),
        ("sandbox:status=503", &[], 4, "HTTP 503 APIGW.0201"),
        ("sandbox:status=500", &[], 4, "Check the console's orders"),
        ("sandbox:html", &[], 4, "HTML"),
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

#[test]
fn order_advice_is_written_for_the_command_line_not_the_wizard() {
    let home = tempfile::tempdir().expect("tmp");
    let j = home.path().join("j.jsonl");
    let j = j.to_str().expect("utf8");
    for output in ["text", "json"] {
        let o = run(
            home.path(),
            &[
                "order",
                "--sandbox",
                "--yes",
                "--journal",
                j,
                "--promotion",
                "sandbox:status=400",
                "--output",
                output,
            ],
            &[],
        );
        assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
        let (out, err) = text(&o);
        let all = format!("{out}{err}");
        assert!(!all.contains("r goes back"), "{output}: {all}");
        assert!(!all.contains("review"), "{output}: {all}");
        assert!(all.contains("run the command again"), "{output}: {all}");
    }
}

/// Answers every request on a loopback port with a 302 to elsewhere; returns the base URL.
fn redirecting_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut sock in listener.incoming().flatten() {
            let mut buf = [0u8; 8192];
            let _ = sock.read(&mut buf);
            let _ = sock.write_all(
                b"HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/order\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_redirect_shows_its_location_says_it_was_not_followed_and_exits_3() {
    let home = tempfile::tempdir().expect("tmp");
    let url = redirecting_server();
    let o = run(
        home.path(),
        &["order", "--yes", "--endpoint", &url, "--iam-endpoint", &url],
        &[("HUAWEICLOUD_AUTH_TOKEN", "tok-secret-value")],
    );
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
    let (_, err) = text(&o);
    for said in [
        "HTTP 302",
        "https://elsewhere.example/order",
        "not followed",
        "--endpoint",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
    assert!(!err.contains("Nothing was bought."), "{err}");
}

/// Runs the binary and kills it if it has not ended within 20 s (a journal at a FIFO must never hang it).
fn run_bounded(home: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(bin())
        .env_clear()
        .env("HOME", home)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pca-order {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_journal_that_is_a_symlink_or_a_fifo_stops_the_order_with_exit_5() {
    let home = tempfile::tempdir().expect("tmp");
    let victim = home.path().join("victim");
    std::fs::write(&victim, "mine\n").expect("write");
    let link = home.path().join("link.jsonl");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let fifo = home.path().join("fifo.jsonl");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for (path, kind) in [(&link, "symbolic link"), (&fifo, "FIFO")] {
        let p = path.to_str().expect("utf8");
        let o = run_bounded(
            home.path(),
            &["order", "--sandbox", "--yes", "--journal", p],
        );
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{out} {err}");
        assert!(
            err.contains(p) && err.contains(kind) && err.contains("nothing was sent"),
            "{err}"
        );
        assert!(!out.contains("order id"), "{out}");
        let h = run_bounded(home.path(), &["history", "--journal", p]);
        assert_eq!(h.status.code(), Some(5), "{:?}", text(&h));
    }
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "mine\n");
}

#[test]
fn history_skips_and_counts_damaged_lines_and_a_torn_line_does_not_hide_the_next_order() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8");
    let ok = run(
        home.path(),
        &["order", "--sandbox", "--yes", "--journal", j],
        &[],
    );
    assert_eq!(ok.status.code(), Some(0), "{:?}", text(&ok));
    // One invalid UTF-8 byte, then a torn last line (no newline), then the next order.
    let mut bytes = std::fs::read(&journal).expect("read");
    bytes.extend_from_slice(b"{\"state\":\"sending\",\"region\":\"\xff\"}\n{\"ts\":\"2026-");
    std::fs::write(&journal, bytes).expect("write");
    let next = run(
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
    assert_eq!(next.status.code(), Some(0), "{:?}", text(&next));
    let next_id = json_out(&next)["order_id"]
        .as_str()
        .expect("id")
        .to_string();
    let h = run(home.path(), &["history", "--sandbox", "--journal", j], &[]);
    let (out, err) = text(&h);
    assert_eq!(h.status.code(), Some(0), "{out} {err}");
    assert!(out.contains(&next_id), "the new attempt is listed: {out}");
    assert_eq!(out.matches("created (sandbox)").count(), 2, "{out}");
    assert!(err.contains("2 damaged lines skipped"), "{err}");
    let v = json_out(&run(
        home.path(),
        &["history", "--sandbox", "--journal", j, "--output", "json"],
        &[],
    ));
    assert_eq!(v["damaged_lines"], 2, "{v}");
    assert_eq!(v["attempts"].as_array().expect("attempts").len(), 2);
}

#[test]
fn orders_to_a_standalone_sandbox_never_count_as_real_purchases() {
    use std::io::{BufRead, BufReader};
    let home = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(bin())
        .env_clear()
        .env("HOME", home.path())
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .expect("a line")
        .expect("utf8");
    let url = first
        .strip_prefix("listening on ")
        .expect("address")
        .to_string();
    // The banner's own "Try:" command.
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
        ],
        &[
            ("HUAWEICLOUD_SDK_AK", "SANDBOXAK0000000000000"),
            (
                "HUAWEICLOUD_SDK_SK",
                "sandbox-secret-key-0000000000000000000000",
            ),
            (
                "HUAWEICLOUD_SDK_DOMAIN_ID",
                "0123456789abcdef0123456789abcdef",
            ),
        ],
    );
    let _ = child.kill();
    let _ = child.wait();
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    assert!(out.contains("SANDBOX: nothing real was bought"), "{out}");
    let state = home.path().join(".local/state/pca-order");
    assert!(
        state.join("sandbox-orders.jsonl").exists(),
        "journaled as a sandbox order"
    );
    assert!(
        !state.join("orders.jsonl").exists(),
        "the real journal is untouched"
    );
    let (out, _) = text(&run(home.path(), &["history"], &[]));
    assert!(
        out.contains("No orders") && out.contains("history --sandbox"),
        "points at the sandbox journal: {out}"
    );
    let (out, _) = text(&run(home.path(), &["history", "--sandbox"], &[]));
    assert!(out.contains("created (sandbox)"), "{out}");
    // A journal written before this fix holds such an attempt as real: the real history never lists it.
    std::fs::copy(
        state.join("sandbox-orders.jsonl"),
        state.join("orders.jsonl"),
    )
    .expect("copy");
    let real = std::fs::read_to_string(state.join("orders.jsonl")).expect("read");
    std::fs::write(
        state.join("orders.jsonl"),
        real.replace("\"sandbox\":true", "\"sandbox\":false"),
    )
    .expect("write");
    let (out, _) = text(&run(home.path(), &["history"], &[]));
    assert!(
        out.contains("No orders") && out.contains("1 sandbox attempt not listed"),
        "{out}"
    );
}

#[test]
fn a_region_that_is_not_a_region_id_exits_2_naming_its_source_even_with_endpoint() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf-8");
    let evil = "cn-north-4\u{1b}[2J\u{1b}]0;pwned\u{7}";
    for (args, env, source) in [
        (
            vec![
                "order",
                "--yes",
                "--region",
                evil,
                "--endpoint",
                "http://127.0.0.1:9",
            ],
            vec![],
            "--region",
        ),
        (
            vec!["order", "--yes", "--endpoint", "http://127.0.0.1:9"],
            vec![("HUAWEICLOUD_SDK_REGION", evil)],
            "HUAWEICLOUD_SDK_REGION",
        ),
        (
            vec!["order", "--dry-run", "--region", "CN-North-4"],
            vec![],
            "--region",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--journal", j]);
        let mut env = env.clone();
        env.push(("HUAWEICLOUD_AUTH_TOKEN", "tok"));
        let o = run(home.path(), &args, &env);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out} {err}");
        assert!(
            err.contains(&format!("{source}: ")) && err.contains("is not a region id"),
            "{err}"
        );
        assert!(
            !err.contains('\u{1b}') && !out.contains('\u{1b}'),
            "{err:?}"
        );
        assert!(!journal.exists(), "nothing journaled");
    }
}

#[test]
fn history_cleans_control_characters_from_journal_text() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    // An older journal (or a hand-edited one) holding escapes in a region and a reason.
    let sending = serde_json::json!({"ts":"2026-01-01T00:00:00Z","attempt_id":"a1","state":"sending",
        "endpoint":"https://ccm.myhuaweicloud.com","credential_source":"env","region":"cn-north-4\u{1b}[2J","sandbox":false,
        "request":{"cloud_service_type":"hws.service.type.ccm","period_type":2,"period_num":1,
        "charging_mode":0,"is_auto_renew":0,"product_infos":[{"cloud_service_type":"hws.service.type.ccm",
        "resource_type":"hws.resource.type.pca","resource_spec_code":"ccm.pca"}],"subscription_num":1}});
    let outcome = serde_json::json!({"ts":"2026-01-01T00:00:01Z","attempt_id":"a1","state":"not_sent",
        "reason":"refused\u{1b}]0;title\u{7}"});
    std::fs::write(&journal, format!("{sending}\n{outcome}\n")).expect("write");
    let o = run(
        home.path(),
        &["history", "--journal", journal.to_str().expect("utf-8")],
        &[],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    assert!(
        out.contains("cn-north-4") && out.contains("refused"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn credentials_file_named_in_env_that_is_missing_or_not_a_file_is_named_with_the_problem() {
    let home = tempfile::tempdir().expect("tmp");
    let missing = home.path().join("nope");
    let fifo = home.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let dir = home.path().join("adir");
    std::fs::create_dir(&dir).expect("dir");
    for (path, problem) in [
        (&missing, "no such file"),
        (&fifo, "FIFO"),
        (&dir, "directory"),
    ] {
        // A FIFO without a writer would block forever: the test itself would hang before the fix.
        let o = run(
            home.path(),
            &["order", "--dry-run"],
            &[(
                "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
                path.to_str().expect("utf-8"),
            )],
        );
        let (out, err) = text(&o);
        assert_ne!(o.status.code(), Some(0), "{out} {err}");
        assert!(
            err.contains(path.to_str().expect("utf-8")) && err.contains(problem),
            "{path:?}: {err}"
        );
    }
}

#[test]
fn a_credential_with_a_control_character_is_a_usage_error_naming_the_variable() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let o = run(
        home.path(),
        &[
            "order",
            "--yes",
            "--endpoint",
            "http://127.0.0.1:9",
            "--journal",
            journal.to_str().expect("utf-8"),
        ],
        &[
            ("HUAWEICLOUD_SDK_AK", "AKAKAKAKAKAKAKAK"),
            ("HUAWEICLOUD_SDK_SK", "secret"),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", "d1"),
            ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "tok\nen-part-two"),
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out} {err}");
    assert!(
        err.contains("HUAWEICLOUD_SDK_SECURITY_TOKEN") && err.contains("control character"),
        "{err}"
    );
    assert!(
        !err.contains("part-two"),
        "the secret is never shown: {err}"
    );
    assert!(!journal.exists(), "nothing journaled");
}

#[test]
fn dry_run_without_credentials_does_not_call_the_placeholder_an_iam_token() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["order", "--dry-run"], &[]);
    let (out, _) = text(&o);
    assert!(!out.contains("IAM token from none found"), "{out}");
    assert!(out.contains("# credentials: none found"), "{out}");
}

#[test]
fn an_upper_case_project_uuid_is_sent_and_shown_in_lower_case() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &[
            "order",
            "--dry-run",
            "--output",
            "json",
            "--enterprise-project",
            "3B2D4C1E-0F6A-4B8C-9D7E-1A2B3C4D5E6F",
        ],
        &[("HUAWEICLOUD_AUTH_TOKEN", "tok")],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(
        v["body"]["enterprise_project_id"],
        "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"
    );
}

#[test]
fn a_shared_flag_given_before_and_after_the_subcommand_is_refused() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &[
            "--region",
            "ap-southeast-3",
            "order",
            "--region",
            "cn-north-4",
            "--dry-run",
        ],
        &[("HUAWEICLOUD_AUTH_TOKEN", "tok")],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out} {err}");
    assert!(err.contains("--region is given 2 times"), "{err}");
    assert!(out.is_empty(), "nothing printed as if it ran: {out}");
}

#[test]
fn with_output_json_clap_usage_errors_are_json_on_stdout() {
    let home = tempfile::tempdir().expect("tmp");
    for args in [
        &["order", "--output", "json", "--bogus"][..],
        &["--output=json", "order", "--period-unit", "day"][..],
        &[
            "--output", "json", "--region", "a-b", "order", "--region", "c-d",
        ][..],
    ] {
        let o = run(home.path(), args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {:?}", text(&o));
        let v = json_out(&o);
        assert_eq!(v["outcome"], "error");
        assert_eq!(v["exit_code"], 2);
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    }
}

#[test]
fn lang_lists_its_values_in_help_and_in_the_error() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), &["--help"], &[]);
    let (out, _) = text(&o);
    let lang = &out[out.find("--lang").expect("--lang in help")..];
    assert!(lang.contains("en") && lang.contains("zh-CN"), "{out}");
    let o = run(home.path(), &["--lang", "fr", "history"], &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("[possible values: en, zh-CN]"), "{err}");
    let o = run(home.path(), &["--lang", "zh_CN", "history"], &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "aliases still work: {:?}",
        text(&o)
    );
}

/// Issue 7: plain-http loopback endpoints check no certificate, so no trust store is read at all — an
/// order goes through even when the system's store is missing (before, every client read it and
/// failed to build without it: "cannot set up HTTPS", exit 5, nothing sent).
#[test]
fn a_loopback_order_needs_no_trust_store() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let nowhere = home.path().join("no-such-certs");
    let nowhere = nowhere.to_str().expect("utf8");
    let o = run(
        home.path(),
        &[
            "order",
            "--sandbox",
            "--yes",
            "--journal",
            journal.to_str().expect("utf8"),
        ],
        &[("SSL_CERT_FILE", nowhere), ("SSL_CERT_DIR", nowhere)],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    assert!(out.contains("order id: CS"), "{out}");
}

/// The command line does not reach into the wizard's views (issue 8): advice and titles it shares with
/// the wizard come from `crate::advice`. Checked on the source, since a `use` is what couples them.
#[test]
fn the_command_line_does_not_import_the_wizards_views() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/cli") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        assert!(
            !text.contains("tui::view"),
            "{} imports the wizard's views",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 8,
        "expected the cli/ split, found {checked} files"
    );
}

/// `order` speaks the language the wizard would: `--lang zh-CN` gives a Chinese result, with the ids,
/// paths and the SANDBOX fact still in it, and no English sentence left over.
#[test]
fn order_with_lang_zh_cn_prints_its_result_in_chinese() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8");
    let o = run(
        home.path(),
        &[
            "--lang",
            "zh-CN",
            "order",
            "--sandbox",
            "--yes",
            "--journal",
            j,
        ],
        &[],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    for chinese in [
        "沙箱：没有真实购买",
        "已下单：1 个私有 CA，时长 1 个月",
        "订单号",
        "下一步：",
    ] {
        assert!(out.contains(chinese), "{chinese:?} missing:\n{out}");
    }
    assert!(
        out.contains(j) && out.contains("CS"),
        "ids and journal kept: {out}"
    );
    for english in [
        "Ordered",
        "order id",
        "Next:",
        "waits for payment",
        "PENDING until",
        "SANDBOX",
    ] {
        assert!(
            !out.contains(english),
            "{english:?} left in English:\n{out}"
        );
    }
}

/// `history` follows the locale (`LANG=zh_CN.UTF-8`) as the wizard does, and `--lang en` overrides it.
#[test]
fn history_follows_lang_from_the_locale() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8");
    let o = run(
        home.path(),
        &["order", "--sandbox", "--yes", "--journal", j],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let zh = [("LANG", "zh_CN.UTF-8")];
    let (out, _) = text(&run(
        home.path(),
        &["history", "--sandbox", "--journal", j],
        &zh,
    ));
    for chinese in [
        "时间（UTC）",
        "状态",
        "已下单（沙箱）",
        "1 × 1 个月",
        "1 个 CA ID",
    ] {
        assert!(out.contains(chinese), "{chinese:?} missing:\n{out}");
    }
    assert!(!out.contains("created"), "{out}");
    let (out, _) = text(&run(home.path(), &["history", "--journal", j], &zh));
    assert!(
        out.contains("中没有订单") && out.contains("有 1 次沙箱尝试未列出"),
        "{out}"
    );
    let (out, _) = text(&run(
        home.path(),
        &["--lang", "en", "history", "--sandbox", "--journal", j],
        &zh,
    ));
    assert!(
        out.contains("created (sandbox)"),
        "--lang wins over LANG: {out}"
    );
}

/// JSON is for machines: keys, outcome names and reasons stay English whatever the language, so a
/// script reads the same document under any locale.
#[test]
fn json_output_does_not_change_with_the_language() {
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8");
    let order = |env: &[(&str, &str)]| {
        let mut v = json_out(&run(
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
            env,
        ));
        // Each order gets new ids; everything else must be the same.
        v["order_id"] = Value::Null;
        v["ca_ids"] = Value::Null;
        v
    };
    let zh = [("LANG", "zh_CN.UTF-8")];
    assert_eq!(order(&[]), order(&zh));
    let history = |env: &[(&str, &str)]| {
        run(
            home.path(),
            &["history", "--sandbox", "--journal", j, "--output", "json"],
            env,
        )
        .stdout
    };
    assert_eq!(history(&[]), history(&zh));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let not_sent = |lang: &str| {
        run(
            home.path(),
            &[
                "--lang",
                lang,
                "order",
                "--yes",
                "--endpoint",
                &url,
                "--iam-endpoint",
                &url,
                "--journal",
                j,
                "--output",
                "json",
            ],
            &[("HUAWEICLOUD_AUTH_TOKEN", "tok")],
        )
    };
    let (en, zh) = (not_sent("en"), not_sent("zh-CN"));
    assert_eq!(zh.status.code(), Some(5), "{:?}", text(&zh));
    assert_eq!(en.stdout, zh.stdout, "{:?} {:?}", text(&en), text(&zh));
    assert!(json_out(&zh)["advice"].as_str().expect("advice").is_ascii());
    // A usage error: the same English JSON under any language, Chinese words in the text.
    let bad = |lang: &str, output: &str| {
        run(
            home.path(),
            &[
                "--lang", lang, "order", "--yes", "--period", "0", "--output", output,
            ],
            &[],
        )
    };
    let (en, zh) = (bad("en", "json"), bad("zh-CN", "json"));
    assert_eq!(zh.status.code(), Some(2), "{:?}", text(&zh));
    assert_eq!(en.stdout, zh.stdout, "{:?} {:?}", text(&en), text(&zh));
    let (_, err) = text(&bad("zh-CN", "text"));
    assert!(
        err.contains("没有发送任何请求") && err.contains("--period"),
        "{err}"
    );
}

/// A journal that cannot be read: the text names it in the user's language, the JSON stays English.
#[test]
fn an_unreadable_journal_is_named_in_the_users_language() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path().to_str().expect("utf8");
    let history = |lang: &str, output: &str| {
        run(
            home.path(),
            &[
                "--lang",
                lang,
                "history",
                "--journal",
                dir,
                "--output",
                output,
            ],
            &[],
        )
    };
    let o = history("zh-CN", "text");
    assert_eq!(o.status.code(), Some(5), "{:?}", text(&o));
    let (_, err) = text(&o);
    assert!(
        err.contains("无法读取订单日志") && err.contains(dir),
        "{err}"
    );
    assert_eq!(
        history("en", "json").stdout,
        history("zh-CN", "json").stdout
    );
}

#[test]
fn sandbox_help_lists_only_the_flags_the_sandbox_reads() {
    let home = tempfile::tempdir().expect("tmp");
    for args in [
        &["sandbox", "--help"][..],
        &["sandbox", "-h"],
        &["help", "sandbox"],
    ] {
        let o = run(home.path(), args, &[]);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let (out, _) = text(&o);
        assert!(
            out.contains("--listen") && out.contains("--settle-ms"),
            "{out}"
        );
        for client_only in [
            "--region",
            "--endpoint",
            "--journal",
            "--timeout",
            "--token-file",
        ] {
            assert!(
                !out.contains(client_only),
                "{args:?} lists {client_only}: {out}"
            );
        }
    }
    // The clients still list them.
    let (out, _) = text(&run(home.path(), &["order", "--help"], &[]));
    assert!(
        out.contains("--region") && out.contains("--journal"),
        "{out}"
    );
}

/// Configuration and credential errors speak the user's language too (they are typed, and the catalog
/// words them): under `LANG=zh_CN.UTF-8` "no credentials" and a half-set key pair read in Chinese with
/// the variable names kept, and the JSON message stays the English one.
#[test]
fn config_and_credential_errors_follow_the_locale() {
    let home = tempfile::tempdir().expect("tmp");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let o = run(home.path(), &["status", "CS1"], &zh);
    assert_eq!(o.status.code(), Some(5), "{:?}", text(&o));
    assert!(text(&o).1.contains("没有找到凭证"), "{:?}", text(&o));
    let half = [("LANG", "zh_CN.UTF-8"), ("CLOUD_SDK_AK", "AKAKAKAKAKAK")];
    let o = run(home.path(), &["cas"], &half);
    assert_eq!(o.status.code(), Some(5), "{:?}", text(&o));
    assert!(
        text(&o)
            .1
            .contains("设置了 CLOUD_SDK_AK，但没有设置 CLOUD_SDK_SK"),
        "{:?}",
        text(&o)
    );
    let json = |env: &[(&str, &str)]| {
        let o = run(
            home.path(),
            &["pay", "CS1", "--yes", "--output", "json"],
            env,
        );
        json_out(&o)
    };
    let v = json(&zh);
    assert!(
        v["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("no credentials found")),
        "{v}"
    );
    assert_eq!(v, json(&[]));
}

/// A journal other users can read is warned about before anything is sent, with the fix, in the
/// locale's language; the order still goes out and the file's mode is left as the user set it.
#[test]
fn a_journal_readable_by_others_is_warned_about_in_the_users_language() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    std::fs::write(&journal, "").expect("write");
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let j = journal.to_str().expect("utf8");
    let args = ["order", "--sandbox", "--yes", "--journal", j];
    let o = run(home.path(), &args, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let (_, err) = text(&o);
    assert!(
        err.contains("警告") && err.contains("可被其他用户读取") && err.contains("chmod 600"),
        "{err}"
    );
    assert!(!err.contains("other users"), "{err}");
    let o = run(home.path(), &args, &[]);
    assert!(
        text(&o)
            .1
            .contains("can be read by other users (mode 0644)"),
        "{:?}",
        text(&o)
    );
    let mode = std::fs::metadata(&journal)
        .expect("stat")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o644);
}

// ---- each command's help (issue 19, item 9) ----

/// The flags listed under one heading of a help text (`Options:`, `Shared options:`), in order.
fn help_section(help: &str, heading: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim_end() != heading)
        .skip(1)
        // The section ends at the next heading (long help puts blank lines between flags).
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("--")))
        .map(|f| f.trim_end_matches(',').to_string())
        .collect()
}

/// `CMD -h`, `CMD --help` and `help CMD` list the command's own flags first (under `Options:`), then only
/// the shared flags it reads under `Shared options:`; no `[default: ""]`; `--lang` is said to apply to
/// every command.
fn check_help(cmd: &str, own: &[&str], shared: &[&str]) {
    let home = tempfile::tempdir().expect("tmp");
    for args in [vec![cmd, "-h"], vec![cmd, "--help"], vec!["help", cmd]] {
        let o = run(home.path(), &args, &[]);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", text(&o));
        let (out, _) = text(&o);
        let mut want_own: Vec<String> = own.iter().map(|s| s.to_string()).collect();
        want_own.push("--help".into());
        assert_eq!(help_section(&out, "Options:"), want_own, "{args:?}:\n{out}");
        assert_eq!(
            help_section(&out, "Shared options:"),
            shared.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{args:?}:\n{out}"
        );
        let options = out.find("\nOptions:").expect("own flags");
        let shared_at = out.find("\nShared options:").expect("shared flags");
        assert!(options < shared_at, "own flags first:\n{out}");
        assert!(!out.contains("[default: \"\"]"), "{args:?}:\n{out}");
        assert!(!out.contains("Wizard language"), "{args:?}:\n{out}");
        let lang = out
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("--lang"))
            .take(2)
            .collect::<String>();
        assert!(lang.contains("every command"), "{args:?}:\n{out}");
    }
}

const CLIENT_SHARED: [&str; 12] = [
    "--region",
    "--endpoint",
    "--iam-endpoint",
    "--eps-endpoint",
    "--bss-endpoint",
    "--sandbox",
    "--journal",
    "--timeout",
    "--output",
    "--token-file",
    "--profile",
    "--lang",
];

/// The client's shared flags without these.
fn shared_without(unread: &[&str]) -> Vec<&'static str> {
    CLIENT_SHARED
        .into_iter()
        .filter(|f| !unread.contains(f))
        .collect()
}

const ORDER_SPEC: [&str; 7] = [
    "--period-unit",
    "--period",
    "--quantity",
    "--auto-renew",
    "--auto-pay",
    "--enterprise-project",
    "--promotion",
];

#[test]
fn order_help_lists_its_flags_then_every_shared_flag() {
    let mut own = ORDER_SPEC.to_vec();
    own.extend(["--yes", "--dry-run", "--wait"]);
    check_help("order", &own, &CLIENT_SHARED);
}

#[test]
fn price_help_offers_no_yes_dry_run_wait_or_journal() {
    check_help("price", &ORDER_SPEC, &shared_without(&["--journal"]));
    let home = tempfile::tempdir().expect("tmp");
    for flag in ["--yes", "--dry-run", "--wait"] {
        let o = run(home.path(), &["price", flag], &[]);
        assert_eq!(o.status.code(), Some(2), "price {flag}: {:?}", text(&o));
    }
}

#[test]
fn pay_help_lists_yes_then_every_shared_flag() {
    check_help("pay", &["--yes"], &CLIENT_SHARED);
}

#[test]
fn cancel_help_lists_yes_then_every_shared_flag() {
    check_help("cancel", &["--yes"], &CLIENT_SHARED);
}

#[test]
fn status_help_lists_wait_then_the_shared_flags_it_reads() {
    check_help(
        "status",
        &["--wait", "--wait-limit"],
        &shared_without(&["--journal"]),
    );
}

#[test]
fn cas_help_lists_its_filters_then_the_shared_flags_it_reads() {
    check_help(
        "cas",
        &["--status", "--type"],
        &shared_without(&["--journal"]),
    );
}

#[test]
fn ca_help_lists_the_ccm_shared_flags() {
    check_help("ca", &[], &shared_without(&["--journal", "--bss-endpoint"]));
}

#[test]
fn activate_help_lists_its_fields_then_every_shared_flag() {
    check_help(
        "activate",
        &[
            "--type",
            "--issuer",
            "--common-name",
            "--country",
            "--organization",
            "--organizational-unit",
            "--state",
            "--locality",
            "--key-algorithm",
            "--signature-algorithm",
            "--validity",
            "--path-length",
            "--yes",
            "--dry-run",
        ],
        &CLIENT_SHARED,
    );
}

#[test]
fn history_help_lists_only_the_journal_flags() {
    check_help(
        "history",
        &[],
        &["--sandbox", "--journal", "--output", "--lang"],
    );
}

#[test]
fn sandbox_help_lists_its_flags_then_only_lang() {
    check_help(
        "sandbox",
        &[
            "--listen",
            "--token",
            "--ak",
            "--sk",
            "--domain-id",
            "--settle-ms",
            "--state",
            "--reset",
            "--console-region",
            "--temporary-ttl",
        ],
        &["--lang"],
    );
}

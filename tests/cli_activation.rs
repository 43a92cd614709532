//! `cas`, `ca` and `activate` as a script runs them: the real binary against a sandbox on 127.0.0.1, every
//! exit code but 1 (which needs a terminal to answer "no").

use std::process::{Command, Stdio};

mod common;
use common::run_bin as run;
use common::sandbox_cli::SandboxCli;
use common::text;

use serde_json::Value;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn activate_args<'a>(id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "activate",
        id,
        "--type",
        "root",
        "--common-name",
        "Example Root",
        "--country",
        "CN",
        "--key-algorithm",
        "RSA2048",
        "--signature-algorithm",
        "SHA256",
        "--validity",
        "10y",
    ];
    a.extend_from_slice(extra);
    a
}

#[tokio::test(flavor = "multi_thread")]
async fn order_then_activate_exits_0_and_the_ca_reads_actived_everywhere() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "2"]).await;
    let o = env.run(&["cas", "--status", "pending"]).await;
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    // People read the state in words; JSON keeps the API's PENDING/ACTIVED (issue 19 item 7).
    assert!(
        out.contains(&ids[0]) && out.contains("pending activation"),
        "{out}"
    );
    let o = env
        .run(&activate_args(
            &ids[0],
            &["--organizational-unit", "Ops", "--yes"],
        ))
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("status:              active"), "{out}");
    assert!(
        out.contains("serial number:") && out.contains("not after:"),
        "{out}"
    );
    let o = env.run(&["ca", &ids[0], "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "ACTIVED");
    assert_eq!(v["subject"]["organizational_unit"], "Ops");
    let o = env
        .run(&[
            "cas", "--status", "ACTIVED", "--type", "root", "--output", "json",
        ])
        .await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["total"], 1);
    let o = env.run(&["cas"]).await;
    let (out, _) = text(&o);
    assert!(
        out.contains("Example Root") && out.contains("RSA2048"),
        "{out}"
    );
    // The journal keeps the activation beside the order, and history shows both.
    let o = env.run(&["history", "--sandbox"]).await;
    let (out, _) = text(&o);
    assert!(
        out.contains("created")
            && out.contains(&format!("activate {}", ids[0]))
            && out.contains("activated"),
        "{out}"
    );
    let o = env.run(&["history", "--sandbox", "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["activations"][0]["outcome"]["state"], "activated");
    assert_eq!(
        v["activations"][0]["sending"]["request"]["distinguished_name"]["common_name"],
        "Example Root"
    );
    assert!(v["unreadable_lines"].as_array().is_some_and(Vec::is_empty));
    // Sent to a plain-http loopback sandbox: the real history lists neither the order nor the activation.
    let o = env.run(&["history"]).await;
    let (out, _) = text(&o);
    assert!(
        !out.contains("activate ") && out.contains("2 sandbox attempts not listed"),
        "{out}"
    );
    // Activating again: rejected by the API, exit 3.
    let o = env.run(&activate_args(&ids[0], &["--yes"])).await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("only a PENDING CA"), "{err}");
    env.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_flags_exit_2_naming_the_flag_and_rule_and_nothing_is_sent() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let cases: &[(&[&str], &str)] = &[
        (
            &["--country", "CHN"],
            "--country (distinguished_name.country): must be exactly 2 letters",
        ),
        (
            &["--validity", "31y"],
            "--validity (validity): a root CA's certificate lasts at most 30 years",
        ),
        (
            &["--validity", "10w"],
            "--validity (validity): must be a whole number",
        ),
        (
            &["--key-algorithm", "RSA1024"],
            "--key-algorithm (key_algorithm): must be one of",
        ),
        (
            &["--path-length", "7"],
            "--path-length (path_length): must be 0 to 6",
        ),
        (
            &["--issuer", "x"],
            "--issuer (issuer_id): a root CA signs itself",
        ),
    ];
    for (extra, expect) in cases {
        let mut a = activate_args(&ids[0], &["--yes"]);
        // Later flags win in clap only for repeated options, so rebuild with the override.
        for pair in extra.chunks(2) {
            if let Some(i) = a.iter().position(|x| *x == pair[0]) {
                a[i + 1] = pair[1];
            } else {
                a.extend_from_slice(pair);
            }
        }
        let o = env.run(&a).await;
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains(expect), "{extra:?}: {err}");
    }
    let o = env
        .run(&[
            "activate",
            "nope",
            "--type",
            "subordinate",
            "--common-name",
            "a/b",
            "--country",
            "C",
            "--key-algorithm",
            "SM2",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "0y",
            "--yes",
        ])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    for flag in [
        "CA_ID",
        "--issuer",
        "--common-name",
        "--country",
        "--signature-algorithm",
        "--validity",
    ] {
        assert!(err.contains(flag), "{flag}: {err}");
    }
    // SM2/SM3 outside the China website, by the website rule (a dry run reads no configuration; what a
    // region's configuration says is tests/cli_console.rs's).
    let o = env
        .run(
            &["--region", "ap-southeast-1"]
                .iter()
                .copied()
                .chain(activate_args(&ids[0], &["--dry-run"]))
                .map(|s| {
                    if s == "RSA2048" {
                        "SM2"
                    } else if s == "SHA256" {
                        "SM3"
                    } else {
                        s
                    }
                })
                .collect::<Vec<_>>(),
        )
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("China website"), "{err}");
    // Off a terminal without --yes.
    let o = env.run(&activate_args(&ids[0], &[])).await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("--yes"), "{err}");
    let o = env.run(&["cas", "--status", "ACTIVE"]).await;
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["ca", "short"]).await;
    assert_eq!(o.status.code(), Some(2));
    // Nothing reached the server: the CA is still PENDING, and the journal holds no activation.
    let o = env.run(&["ca", &ids[0], "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "PENDING");
    let o = env.run(&["history", "--sandbox", "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["activations"].as_array().is_some_and(Vec::is_empty));
    env.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_prints_the_exact_request_and_sends_nothing() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let o = env
        .run(&activate_args(&ids[0], &["--dry-run", "--output", "json"]))
        .await;
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "dry_run");
    assert!(v["url"].as_str().expect("url").ends_with(&format!(
        "/v1/private-certificate-authorities/{}/activate",
        ids[0]
    )));
    assert_eq!(v["body"]["validity"]["type"], "YEAR");
    assert!(
        v["headers"]["Authorization"]
            .as_str()
            .expect("auth")
            .contains("<redacted>")
    );
    let o = env.run(&["ca", &ids[0], "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "PENDING");
    env.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_ca_exits_3_a_5xx_exits_4_with_advice_and_a_closed_port_exits_5() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let o = env
        .run(&activate_args(
            "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f",
            &["--yes"],
        ))
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("PCA.10010002"), "{err}");
    let o = env
        .run(&activate_args(
            &ids[0],
            &["--organizational-unit", "sandbox-status-503", "--yes"],
        ))
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(err.contains(&format!("pca-order ca {}", ids[0])), "{err}");
    let o = env
        .run(&activate_args(
            &ids[0],
            &[
                "--organizational-unit",
                "sandbox-drop",
                "--yes",
                "--output",
                "json",
            ],
        ))
        .await;
    assert_eq!(o.status.code(), Some(4));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "unknown");
    // ... and the advice holds: reading the CA shows it was activated.
    let o = env.run(&["ca", &ids[0]]).await;
    assert!(text(&o).0.contains("status:              active"));
    let o = env.run(&["history", "--sandbox"]).await;
    assert!(text(&o).0.contains("UNKNOWN"), "{}", text(&o).0);
    let url = env.sb.base_url();
    env.sb.shutdown().await;
    // Nothing listens there any more: not sent, exit 5.
    let home = tempfile::tempdir().expect("tmp");
    let mut a = args(&activate_args(&ids[0], &["--yes"]));
    a.extend(args(&[
        "--endpoint",
        &url,
        "--iam-endpoint",
        &url,
        "--journal",
    ]));
    a.push(home.path().join("j.jsonl").display().to_string());
    let o = run(home.path(), &a, &[("HUAWEICLOUD_AUTH_TOKEN", "t")]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
}

#[test]
fn a_redirect_to_activate_shows_its_location_and_is_not_followed() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for mut sock in listener.incoming().flatten() {
            let mut buf = [0u8; 8192];
            let _ = sock.read(&mut buf);
            let _ = sock.write_all(
                b"HTTP/1.1 308 Permanent Redirect\r\nLocation: https://elsewhere.example/activate\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home.path())
        .env("HUAWEICLOUD_AUTH_TOKEN", "tok-secret-value")
        .args([
            "activate",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "--type",
            "root",
            "--common-name",
            "Test CA",
            "--country",
            "CN",
            "--key-algorithm",
            "RSA2048",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "1y",
            "--yes",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--journal",
            journal.to_str().expect("utf-8"),
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(3), "{out} {err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains("https://elsewhere.example/activate")
            && all.contains("does not follow redirects"),
        "{all}"
    );
    assert!(!all.contains("tok-secret-value"), "{all}");
}

/// `activate` with no CA_ID opens the wizard's chooser on a terminal; a script has no terminal, so it
/// is told which argument is missing (exit 2) and nothing is started or sent.
#[test]
fn activate_without_ca_id_off_a_terminal_exits_2_naming_ca_id() {
    let home = tempfile::tempdir().expect("tmp");
    for extra in [
        &[][..],
        &[
            "--type",
            "root",
            "--common-name",
            "x",
            "--country",
            "CN",
            "--key-algorithm",
            "RSA2048",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "1y",
            "--yes",
        ][..],
    ] {
        let mut a = args(&["activate"]);
        a.extend(args(extra));
        let o = run(home.path(), &a, &[]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains("CA_ID"), "{extra:?}: {err}");
        assert!(out.is_empty(), "{out}");
    }
    assert!(
        !home.path().join(".local").exists(),
        "no journal was started"
    );
}

/// With `--yes` (the scripted path) every missing field flag is named with its rule, exit 2, as clap
/// did when the flags were required: making them optional for the wizard lost nothing.
#[test]
fn scripted_activate_names_every_missing_flag() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &args(&[
            "activate",
            "4284547e-68ef-4a94-adea-9df1e5d8ad65",
            "--yes",
            "--sandbox",
        ]),
        &[],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for flag in [
        "--type",
        "--common-name",
        "--country",
        "--key-algorithm",
        "--signature-algorithm",
        "--validity",
    ] {
        assert!(err.contains(&format!("{flag} (")), "{flag}: {err}");
    }
    assert!(err.contains("a value is required"), "{err}");
}

/// `cas`, `ca` and `activate` speak the locale's language like `order` does: under `LANG=zh_CN.UTF-8`
/// headers, labels and results are Chinese, ids and statuses stay as the API writes them.
#[tokio::test(flavor = "multi_thread")]
async fn cas_ca_and_activate_speak_chinese_under_a_chinese_locale() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let zh = |list: &[&str]| {
        let mut a: Vec<&str> = list.to_vec();
        a.extend(["--lang", "zh-CN"]);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let o = env.run_strings(&zh(&["cas"])).await;
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(
        out.contains("CA 编号") && out.contains("通用名称") && out.contains(&ids[0]),
        "{out}"
    );
    let o = env
        .run_strings(&zh(&activate_args(&ids[0], &["--yes"])))
        .await;
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(out.contains(&format!("已激活 CA {}", ids[0])), "{out}");
    assert!(out.contains("签名算法") && out.contains("已激活"), "{out}");
    let o = env.run_strings(&zh(&["ca", &ids[0]])).await;
    let (out, _) = text(&o);
    assert!(
        out.contains("状态") && out.contains("已激活") && !out.contains("status"),
        "{out}"
    );
    // Off a terminal without --yes: exit 2, said in Chinese (with the flag named as typed).
    let o = env.run_strings(&zh(&activate_args(&ids[0], &[]))).await;
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    assert!(
        text(&o).1.contains("无人确认激活") && text(&o).1.contains("--yes"),
        "{:?}",
        text(&o)
    );
}

/// A signal with an activation in flight does not cost its answer, as for an order: the first one waits
/// for it and says so (exit 0, `activated` journaled); a second stops the wait as unknown (exit 4) with
/// the `sending` line kept.
#[tokio::test(flavor = "multi_thread")]
async fn activate_in_flight_survives_a_signal_and_a_second_one_stops_it_as_unknown() {
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "2"]).await;
    let journal = env.home.path().join("j.jsonl");
    for (id, signals, delay, exit, last) in [
        (&ids[0], 1, "1500", 0, "activated"),
        (&ids[1], 2, "20000", 4, "unknown"),
    ] {
        let unit = format!("sandbox-delay_ms-{delay}");
        let mut a = args(&activate_args(
            id,
            &["--organizational-unit", &unit, "--yes"],
        ));
        let url = env.sb.base_url();
        a.extend(args(&[
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
        ]));
        a.extend(["--journal".to_string(), journal.display().to_string()]);
        let c = env.sb.config.clone();
        let child = Command::new(env!("CARGO_BIN_EXE_pca-order"))
            .env_clear()
            .env("HOME", env.home.path())
            .env("HUAWEICLOUD_SDK_AK", &c.ak)
            .env("HUAWEICLOUD_SDK_SK", &c.sk)
            .env("HUAWEICLOUD_SDK_DOMAIN_ID", &c.domain_id)
            .args(&a)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn activate");
        let journal = journal.clone();
        let id = id.clone();
        let o = tokio::task::spawn_blocking(move || {
            let states = || -> Vec<String> {
                std::fs::read_to_string(&journal)
                    .unwrap_or_default()
                    .lines()
                    .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                    .filter(|l| l["operation"] == "activate" && l["ca_id"] == id.as_str())
                    .map(|l| l["state"].as_str().unwrap_or("?").to_string())
                    .collect()
            };
            let started = std::time::Instant::now();
            while states().is_empty() {
                assert!(started.elapsed().as_secs() < 30, "no sending line");
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // The second signal is sent once the first one's wait is under way (said on stderr).
            let o = common::terminate_in_flight(child, signals, "waiting up to");
            (o, states())
        })
        .await
        .expect("joined");
        let (o, states) = o;
        assert_eq!(o.status.code(), Some(exit), "{:?}", text(&o));
        assert!(text(&o).1.contains("waiting up to"), "{:?}", text(&o));
        assert_eq!(states, ["sending", last], "{signals}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_activation_the_client_stops_waiting_for_still_takes_effect() {
    // The sandbox holds the answer back 3 s; the client gives up after 1 s: the outcome is unknown, and the
    // accepted activation still happens, as the real service's would.
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let o = env
        .run(&activate_args(
            &ids[0],
            &[
                "--organizational-unit",
                "sandbox-delay_ms-3000",
                "--timeout",
                "1",
                "--yes",
                "--output",
                "json",
            ],
        ))
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "unknown", "{v}");
    let o = env.run(&["ca", &ids[0], "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "ACTIVED", "{v}");
}

/// A lying server accepts the activation (204) and reads back another, ACTIVED CA: that proves nothing
/// about the CA activated, so `activate` ends unknown (exit 4) showing what was read, never "Activated".
#[test]
fn an_activation_read_back_of_another_ca_is_unknown_not_activated() {
    const ASKED: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    const OTHER: &str = "99999999-0000-4000-8000-000000000000";
    let (url, _) = common::scripted_server(|line| {
        if line.starts_with("POST") {
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_string()
        } else {
            common::ok_json(&format!(
                r#"{{"ca_id":"{OTHER}","type":"ROOT","status":"ACTIVED","distinguished_name":{{"common_name":"Other","country":"CN"}}}}"#
            ))
        }
    });
    for output in ["text", "json"] {
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        let mut a = args(&activate_args(ASKED, &["--yes", "--output", output]));
        a.extend(args(&[
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--journal",
        ]));
        a.push(journal.display().to_string());
        let o = run(home.path(), &a, &[("HUAWEICLOUD_AUTH_TOKEN", "tok")]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(4), "{out}{err}");
        if output == "json" {
            let v: Value = serde_json::from_str(&out).expect("one JSON document");
            assert_eq!(v["outcome"], "unknown", "{v}");
            assert_eq!(v["ca_id"], ASKED, "{v}");
            assert_eq!(v["read_back"]["ca_id"], OTHER, "{v}");
        } else {
            assert!(!out.contains("Activated"), "{out}");
            assert!(err.contains(OTHER) && err.contains("another CA"), "{err}");
        }
    }
}

/// Issue 19: the CLI's review says what a subordinate's path length will be when none is given (6,
/// pca-order's default, sent), the validity in words and the dates it produces; `n` sends nothing.
#[test]
fn the_review_shows_the_default_path_length_the_validity_in_words_and_its_dates() {
    use pca_order::cli::io::{Io, Terminal};
    use pca_order::cli::{parse_command_line, run_with};
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path().to_str().expect("a UTF-8 temp path");
    let journal = dir.path().join("j.jsonl");
    let (io, captured) = Io::capture(&[("HOME", home)]);
    let terminal = Terminal {
        stdin: true,
        stdout: true,
        stderr: true,
    };
    let mut io = io.with_terminal(terminal).with_input(&b"n\n"[..]);
    let args = [
        "pca-order",
        "activate",
        "4284547e-68ef-4a94-adea-9df1e5d8ad65",
        "--sandbox",
        "--type",
        "subordinate",
        "--issuer",
        "5284547e-68ef-4a94-adea-9df1e5d8ad66",
        "--common-name",
        "Issuing CA",
        "--country",
        "CN",
        "--key-algorithm",
        "RSA2048",
        "--signature-algorithm",
        "SHA256",
        "--validity",
        "10y",
        "--journal",
        journal.to_str().expect("utf-8"),
    ];
    let cli = parse_command_line(args.map(Into::into)).expect("parses");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let code = rt.block_on(run_with(cli, &mut io));
    let err = captured.stderr();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("6 (default) — the most allowed"), "{err}");
    assert!(err.contains("10 years (10y)"), "{err}");
    let year = time::OffsetDateTime::now_utc().year();
    assert!(
        err.contains(&format!(" UTC to {}-", year + 10)),
        "the dates, ten calendar years apart:\n{err}"
    );
    assert!(!journal.exists(), "nothing sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_command_that_never_reaches_billing_ignores_the_billing_endpoint_flag() {
    // `--bss-endpoint` is read only by the commands that use BSS; `ca` reads one CA through CCM alone, so
    // a value it would refuse is not its business (`cas` now reads the subscriptions from BSS).
    let env = SandboxCli::settled().await;
    let ids = env.buy(&["--quantity", "1"]).await;
    let o = env
        .run(&["ca", &ids[0], "--bss-endpoint", "ftp://127.0.0.1:9"])
        .await;
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

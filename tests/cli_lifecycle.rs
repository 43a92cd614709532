//! A CA's paid life after purchase on the command line: `auto-renew CA_ID on|off` (read back from BSS)
//! and `unsubscribe CA_ID --what ca|renewals` (typed confirmation, refund breakdown), against the
//! sandbox and its fault directives (a timeout, a 5xx, a 200 with a body where 204 is documented).

use std::time::Duration;

mod common;
use common::sandbox_cli::SandboxCli;
use common::{json_out, text};

use pca_order::cli::io::{Io, Terminal};
use pca_order::cli::{parse_command_line, run_with};
use serde_json::Value;

/// What BSS reads for a CA's auto-renew through `cas --output json`.
async fn auto_renew_read(env: &SandboxCli, ca: &str) -> Value {
    let v = json_out(&env.run(&["cas", "--output", "json"]).await);
    v["certificate_authorities"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["ca_id"] == ca))
        .map(|c| c["auto_renew"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_renew_on_then_off_is_read_back_journaled_and_shown_by_cas() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env.one_ca(&[]).await;
    let o = env
        .run(&[
            "auto-renew",
            &ca,
            "on",
            "--times",
            "5",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "done");
    assert_eq!(v["auto_renew"], "on");
    assert_eq!(v["auto_renew_times"], 5);
    assert_eq!(v["read_back"]["auto_renew"], "on");
    assert_eq!(v["read_back"]["expire_policy"], 3);
    assert_eq!(v["read_back"]["agrees"], true);
    assert_eq!(auto_renew_read(&env, &ca).await, true);

    let o = env.run(&["auto-renew", &ca, "off", "--yes"]).await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("Auto-renew switched off"), "{out}");
    assert!(out.contains("BSS now reads auto-renew: off."), "{out}");
    assert_eq!(auto_renew_read(&env, &ca).await, false);

    // Journaled: a sending line with on/off and the times before each request, then its outcome.
    let lines = env.journal_lines_of("auto_renew");
    let states: Vec<&str> = lines.iter().filter_map(|l| l["state"].as_str()).collect();
    assert_eq!(
        states,
        ["sending", "accepted", "sending", "accepted"],
        "{lines:?}"
    );
    assert_eq!(lines[0]["ca_id"], ca.as_str());
    assert_eq!(
        lines[0]["request"],
        serde_json::json!({"auto_renew": "on", "auto_renew_times": 5})
    );
    assert_eq!(
        lines[2]["request"],
        serde_json::json!({"auto_renew": "off"})
    );
    // History words them.
    let o = env.run(&["history", "--sandbox"]).await;
    let (out, _) = text(&o);
    assert!(out.contains("auto-renew on (5 times)"), "{out}");
    assert!(out.contains("auto-renew off"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn times_are_0_to_99_only_with_on_and_a_refused_one_sends_nothing() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env.one_ca(&[]).await;
    for bad in ["100", "-1", "1.5", "x", ""] {
        let o = env
            .run(&["auto-renew", &ca, "on", "--times", bad, "--yes"])
            .await;
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {err}");
        assert!(err.contains("0 to 99"), "{err}");
    }
    let o = env
        .run(&["auto-renew", &ca, "off", "--times", "3", "--yes"])
        .await;
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    assert!(env.journal_lines_of("auto_renew").is_empty());
    for good in ["0", "99"] {
        let o = env
            .run(&["auto-renew", &ca, "on", "--times", good, "--yes"])
            .await;
        assert_eq!(o.status.code(), Some(0), "{good}: {:?}", text(&o));
    }
    assert_eq!(env.journal_lines_of("auto_renew").len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn off_a_terminal_both_commands_need_yes_and_unsubscribe_needs_what() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env.one_ca(&[]).await;
    for args in [
        vec!["auto-renew", ca.as_str(), "on"],
        vec!["unsubscribe", ca.as_str(), "--what", "ca"],
        vec!["unsubscribe", ca.as_str(), "--yes"],
        vec!["unsubscribe", ca.as_str()],
    ] {
        let o = env.run(&args).await;
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        if args[0] == "unsubscribe" && !args.contains(&"--what") {
            assert!(err.contains("--what is required"), "{err}");
        } else {
            assert!(err.contains("--yes"), "{err}");
        }
    }
    assert!(env.journal_lines_of("auto_renew").is_empty());
    assert!(env.journal_lines_of("unsubscribe").is_empty());
    // Nothing changed: the CA is still in use.
    let o = env.run(&["ca", &ca, "--output", "json"]).await;
    assert_eq!(json_out(&o)["status"], "PENDING");
}

/// A command line run in this process on a terminal, `input` typed at its question, against `env`'s
/// sandbox (its endpoints, AK/SK and journal).
async fn on_terminal(env: &SandboxCli, input: &str, args: &[&str]) -> (i32, String, String) {
    let url = env.sb.base_url();
    let journal = env.journal().display().to_string();
    let mut argv: Vec<String> = std::iter::once("pca-order")
        .chain(args.iter().copied())
        .map(String::from)
        .collect();
    for a in [
        "--endpoint",
        &url,
        "--iam-endpoint",
        &url,
        "--eps-endpoint",
        &url,
        "--journal",
        &journal,
    ] {
        argv.push(a.to_string());
    }
    let c = env.sb.config.clone();
    let home = env.home.path().display().to_string();
    let input = input.to_string();
    tokio::task::spawn_blocking(move || {
        let (io, captured) = Io::capture(&[
            ("HOME", home.as_str()),
            ("LANG", "C.UTF-8"),
            ("HUAWEICLOUD_SDK_AK", c.ak.as_str()),
            ("HUAWEICLOUD_SDK_SK", c.sk.as_str()),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", c.domain_id.as_str()),
        ]);
        let terminal = Terminal {
            stdin: true,
            stdout: true,
            stderr: true,
        };
        let mut io = io
            .with_terminal(terminal)
            .with_input(std::io::Cursor::new(input.into_bytes()));
        let cli = parse_command_line(argv.into_iter().map(Into::into)).expect("parses");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let code = rt.block_on(run_with(cli, &mut io));
        (code, captured.stdout(), captured.stderr())
    })
    .await
    .expect("joined")
}

/// A CA bought and activated as `Example Root`.
async fn active_ca(env: &SandboxCli, extra: &[&str]) -> String {
    let ca = env.one_ca(extra).await;
    let o = env
        .run(&[
            "activate",
            &ca,
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
            "--yes",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    ca
}

#[tokio::test(flavor = "multi_thread")]
async fn unsubscribe_ca_on_a_terminal_needs_the_exact_name_typed_then_shows_the_refund() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = active_ca(&env, &["--period-unit", "year"]).await;
    // A near miss (case), a y, nothing: cancelled, nothing sent.
    for typed in ["example root\n", "y\n", "\n", ""] {
        let (code, out, err) =
            on_terminal(&env, typed, &["unsubscribe", &ca, "--what", "ca"]).await;
        assert_eq!(code, 1, "{typed:?}: {out}{err}");
        assert!(err.contains("This ends the CA"), "{err}");
        assert!(err.contains("cannot be restored"), "{err}");
        assert!(err.contains("common name: Example Root"), "{err}");
        assert!(
            err.contains("type the CA's common name (Example Root)"),
            "{err}"
        );
        if typed.trim().len() > 1 {
            assert!(err.contains("not the CA's common name or its id"), "{err}");
        }
    }
    assert!(env.journal_lines_of("unsubscribe").is_empty());
    let o = env.run(&["ca", &ca, "--output", "json"]).await;
    assert_eq!(json_out(&o)["status"], "ACTIVED");

    // The name, with blanks around it: sent, the CA deleted, the refund breakdown shown.
    let (code, out, err) = on_terminal(
        &env,
        "  Example Root \n",
        &["unsubscribe", &ca, "--what", "ca"],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Unsubscribed CA"), "{out}");
    assert!(out.contains("Refund breakdown"), "{out}");
    assert!(out.contains("total: -"), "{out}");
    assert!(out.contains(" CNY"), "{out}");
    let lines = env.journal_lines_of("unsubscribe");
    assert_eq!(lines[0]["state"], "sending");
    assert_eq!(
        lines[0]["request"],
        serde_json::json!({"resource_ids": [ca.as_str()], "unsubscribe_type": 1})
    );
    assert_eq!(lines[1]["state"], "accepted");
    assert!(
        lines[1]["order_ids"][0]
            .as_str()
            .is_some_and(|o| o.starts_with("CS"))
    );
    let o = env.run(&["ca", &ca, "--output", "json"]).await;
    assert_eq!(json_out(&o)["status"], "DELETED");

    // Again: BSS says it is already gone, worded; exit 3.
    let o = env
        .run(&["unsubscribe", &ca, "--what", "ca", "--yes"])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("already unsubscribed or deleted"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_id_typed_also_confirms_and_renewals_ask_y_n() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env.one_ca(&[]).await;
    // A PENDING CA has no common name: its id (any case) confirms.
    let (code, out, err) = on_terminal(
        &env,
        &format!("{}\n", ca.to_uppercase()),
        &["unsubscribe", &ca, "--what", "ca", "--output", "json"],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("type the CA's id"), "{err}");
    let v: Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["outcome"], "done");
    assert_eq!(v["what"], "ca");
    assert_eq!(v["unsubscribe_type"], 1);
    let amount = v["refunds"][0]["amount"].as_str().expect("an amount");
    assert!(amount.starts_with('-'), "{v}");
    assert_eq!(v["refund_total"]["currency"], "CNY");
    assert_eq!(v["refund_errors"], serde_json::json!([]));

    // Renewals: a y/N question naming what ends; a no sends nothing.
    let other = env.one_ca(&[]).await;
    let (code, _, err) =
        on_terminal(&env, "n\n", &["unsubscribe", &other, "--what", "renewals"]).await;
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("renewed periods that have not started"),
        "{err}"
    );
    assert!(err.contains("[y/N]"), "{err}");
    assert_eq!(env.journal_lines_of("unsubscribe").len(), 2);
    // A yes: BSS has no renewed period not yet started, worded; exit 3.
    let (code, _, err) =
        on_terminal(&env, "y\n", &["unsubscribe", &other, "--what", "renewals"]).await;
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("no renewed period that has not started"),
        "{err}"
    );
    assert!(err.contains("CBC.99003128"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_renew_on_a_terminal_says_what_bss_will_do_and_a_no_sends_nothing() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = active_ca(&env, &[]).await;
    let (code, _, err) = on_terminal(&env, "n\n", &["auto-renew", &ca, "on"]).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Switch auto-renew ON for CA"), "{err}");
    assert!(err.contains("(Example Root)"), "{err}");
    assert!(err.contains("7 days before"), "{err}");
    assert!(env.journal_lines_of("auto_renew").is_empty());
    let (code, out, err) = on_terminal(&env, "y\n", &["auto-renew", &ca, "on"]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("BSS now reads auto-renew: on."), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_subscription_cannot_be_set_to_auto_renew_worded() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env
        .one_ca(&["--promotion", "sandbox:expires_in_days=-2"])
        .await;
    let o = env.run(&["auto-renew", &ca, "on", "--yes"]).await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("expired or is frozen"), "{err}");
    assert!(err.contains("CBC.99003602"), "{err}");
    let o = env
        .run(&[
            "auto-renew",
            "00000000-0000-4000-8000-000000000000",
            "off",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(3));
    let v = json_out(&o);
    assert_eq!(v["error_code"], "CBC.99003012");
    assert!(
        v["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("no such resource"))
    );
}

// ---- a hostile server: each state-changing request's answer goes missing, fails, or is not 204 ----

#[tokio::test(flavor = "multi_thread")]
async fn a_timeout_is_unknown_and_journaled_for_both_and_never_retried() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env
        .one_ca(&["--promotion", "sandbox:lifecycle_delay_ms=4000"])
        .await;
    let o = env
        .run(&["auto-renew", &ca, "on", "--yes", "--timeout", "1"])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(4), "{out}{err}");
    assert!(err.contains("outcome unknown"), "{err}");
    assert!(err.contains("never retried"), "{err}");
    let lines = env.journal_lines_of("auto_renew");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1]["state"], "unknown");

    let o = env
        .run(&[
            "unsubscribe",
            &ca,
            "--what",
            "ca",
            "--yes",
            "--timeout",
            "1",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "unknown");
    assert!(
        v["advice"]
            .as_str()
            .is_some_and(|a| a.contains("never retried"))
    );
    let lines = env.journal_lines_of("unsubscribe");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1]["state"], "unknown");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_5xx_is_unknown_and_a_200_with_a_body_to_auto_renew_is_unknown_not_done() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env
        .one_ca(&[
            "--promotion",
            "sandbox:autorenew_status=503 sandbox:unsubscribe_status=500",
        ])
        .await;
    let o = env
        .run(&["auto-renew", &ca, "on", "--yes", "--output", "json"])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    assert_eq!(json_out(&o)["outcome"], "unknown");
    let o = env
        .run(&["unsubscribe", &ca, "--what", "ca", "--yes"])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));

    let ca = env.one_ca(&["--promotion", "sandbox:autorenew_200"]).await;
    let o = env
        .run(&["auto-renew", &ca, "on", "--yes", "--output", "json"])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["outcome"], "unknown");
    assert!(
        v["reason"].as_str().is_some_and(|r| r.contains("200")),
        "{v}"
    );
    // The read-back tells what happened; the outcome stands.
    assert_eq!(v["read_back"]["auto_renew"], "on");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refund_breakdown_that_cannot_be_read_is_a_warning_not_a_failed_unsubscribe() {
    let env = SandboxCli::new(Duration::ZERO).await;
    let ca = env
        .one_ca(&["--promotion", "sandbox:refund_status=500"])
        .await;
    let o = env
        .run(&["unsubscribe", &ca, "--what", "ca", "--yes"])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("Unsubscribed CA"), "{out}");
    assert!(
        out.contains("could not be read (the unsubscribe stands)"),
        "{out}"
    );
    let ca = env
        .one_ca(&["--promotion", "sandbox:refund_status=500"])
        .await;
    let o = env
        .run(&[
            "unsubscribe",
            &ca,
            "--what",
            "ca",
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0));
    let v = json_out(&o);
    assert_eq!(v["refunds"], serde_json::json!([]));
    assert_eq!(v["refund_errors"].as_array().map(Vec::len), Some(1));
}

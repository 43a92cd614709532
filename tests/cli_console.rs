//! What a region sells, read before buying (issue 21): `order` refuses, before asking or sending, in a
//! region whose console configuration says it sells no yearly/monthly CA (exit 2, nothing journaled),
//! and goes on with a warning when the configuration cannot be read (a failing or garbled answer).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::sandbox_cli::SandboxCli;
use common::sandbox_http::{CAS, call};
use common::text;
use pca_order::sandbox::SandboxConfig;
use serde_json::json;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

/// `order --sandbox --yes` in `region`, with the in-process sandbox's account kept under `home`.
fn order_in(home: &Path, region: &str, lang: &str) -> Output {
    Command::new(bin())
        .env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .args([
            "order",
            "--sandbox",
            "--yes",
            "--region",
            region,
            "--lang",
            lang,
        ])
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

/// The sandbox journal's lines (none when nothing was sent).
fn journal_lines(home: &Path) -> usize {
    std::fs::read_to_string(home.join("state/pca-order/sandbox-orders.jsonl"))
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

#[test]
fn a_region_that_sells_no_yearly_monthly_ca_is_refused_before_anything_is_sent() {
    let home = tempfile::tempdir().expect("tmp");
    for (lang, words) in [
        ("en", "does not sell yearly/monthly private CAs"),
        ("zh-CN", "不销售包年/包月的私有 CA"),
    ] {
        let o = order_in(home.path(), "sandbox-no-yearly", lang);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{lang}: {out} {err}");
        assert!(err.contains(words), "{lang}: {err}");
        assert!(err.contains("sandbox-no-yearly"), "{lang}: {err}");
        assert!(out.is_empty(), "{lang}: {out}");
    }
    assert_eq!(journal_lines(home.path()), 0, "nothing was sent");
    // The same account in a region that sells them: bought.
    let o = order_in(home.path(), "sandbox-no-sm2", "en");
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_eq!(
        journal_lines(home.path()),
        2,
        "one order: sending, then created"
    );
}

#[test]
fn an_unreadable_configuration_blocks_nothing_and_says_so() {
    let home = tempfile::tempdir().expect("tmp");
    for region in [
        "sandbox-console-503",
        "sandbox-console-garbage",
        "sandbox-console-403",
    ] {
        let o = order_in(home.path(), region, "en");
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{region}: {out} {err}");
        assert!(
            err.contains(&format!(
                "warning: could not check what region {region} sells"
            )),
            "{region}: {err}"
        );
    }
    assert_eq!(journal_lines(home.path()), 6, "three orders placed");
}

/// `pca-order sandbox --console-region REGION` on a free port, with its own pretend account: the
/// child (killed on drop) and its URL.
struct Standalone {
    child: std::process::Child,
    url: String,
    _state: tempfile::TempDir,
}

impl Drop for Standalone {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn standalone(region: &str) -> Standalone {
    use std::io::{BufRead, BufReader};
    let state = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(bin())
        .env_clear()
        .args([
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--console-region",
            region,
        ])
        .arg("--state")
        .arg(state.path().join("x.json"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn sandbox");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("utf8");
    let url = first
        .strip_prefix("listening on ")
        .expect("address line")
        .to_string();
    std::thread::spawn(move || for _ in lines {});
    Standalone {
        child,
        url,
        _state: state,
    }
}

#[test]
fn a_standalone_sandbox_answers_for_the_region_it_was_started_for() {
    let sb = standalone("sandbox-no-yearly");
    let config = SandboxConfig::default();
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let url = sb.url.as_str();
    let o = Command::new(bin())
        .env_clear()
        .env("HOME", home.path())
        .env("HUAWEICLOUD_SDK_AK", &config.ak)
        .env("HUAWEICLOUD_SDK_SK", &config.sk)
        .env("HUAWEICLOUD_SDK_DOMAIN_ID", &config.domain_id)
        .args(["order", "--yes", "--output", "json"])
        .args([
            "--endpoint",
            url,
            "--iam-endpoint",
            url,
            "--eps-endpoint",
            url,
        ])
        .arg("--journal")
        .arg(&journal)
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    let doc = common::json_out(&o);
    assert_eq!(o.status.code(), Some(2), "{doc}");
    assert_eq!(doc["outcome"], "error");
    assert_eq!(doc["console"]["is_support_yearly_monthly_ca"], false);
    assert_eq!(doc["console"]["is_support_sm2"], true);
    assert!(!journal.exists(), "nothing journaled");
}

/// `activate ID` as a root with `key`/`signature` and `extra` flags.
fn activate_sm<'a>(
    id: &'a str,
    key: &'a str,
    signature: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut a = vec![
        "activate",
        id,
        "--type",
        "root",
        "--common-name",
        "Region Root",
        "--country",
        "CN",
        "--key-algorithm",
        key,
        "--signature-algorithm",
        signature,
        "--validity",
        "5y",
        "--yes",
    ];
    a.extend_from_slice(extra);
    a
}

/// SM2/SM3 on the command line follow the region's console configuration, as in the wizard: where it
/// says no, `activate` and `csr` refuse before anything is sent (exit 2, naming the flag and why), and
/// the sandbox itself refuses an SM2 activation sent there anyway.
#[tokio::test(flavor = "multi_thread")]
async fn sm2_is_refused_where_the_region_says_it_does_not_offer_it() {
    let env = SandboxCli::in_region("sandbox-no-sm2").await;
    let region = ["--region", "sandbox-no-sm2"];
    let ids = env.buy(&region).await;
    for (lang, words) in [
        ("en", "this region does not offer SM2/SM3"),
        ("zh-CN", "此区域不提供 SM2/SM3"),
    ] {
        let mut a = activate_sm(&ids[0], "SM2", "SM3", &region);
        a.extend(["--lang", lang]);
        let o = env.run(&a).await;
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{lang}: {out} {err}");
        assert!(err.contains(words), "{lang}: {err}");
        assert!(err.contains("--key-algorithm"), "{lang}: {err}");
        // A China-website region id changes nothing: the region's configuration decides.
        let mut a = activate_sm(&ids[0], "SM2", "SM3", &["--region", "cn-north-4"]);
        a.extend(["--lang", lang]);
        let o = env.run(&a).await;
        assert_eq!(o.status.code(), Some(2), "{lang}: {:?}", text(&o));
    }
    let o = env
        .run(&[
            "csr",
            &ids[0],
            "--common-name",
            "Sub",
            "--country",
            "CN",
            "--key-algorithm",
            "SM2",
            "--yes",
            "--region",
            "sandbox-no-sm2",
        ])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("does not offer SM2/SM3"), "{err}");
    assert!(
        env.journal_lines_of("activate").is_empty()
            && env.journal_lines_of("save_subject").is_empty(),
        "nothing journaled: {:?}",
        env.journal_lines()
    );
    // Sent anyway (another client): the sandbox refuses it, naming the field; the CA stays PENDING.
    let body = json!({"ca_type": "ROOT", "key_algorithm": "SM2", "signature_algorithm": "SM3",
        "distinguished_name": {"common_name": "R", "country": "CN"},
        "validity": {"type": "YEAR", "value": 5}});
    let path = format!("{CAS}/{}/activate", ids[0]);
    let (status, v) = call(&env.sb, "POST", &path, Some(body)).await;
    assert_eq!(status.as_u16(), 400, "{v}");
    assert!(
        v["error_msg"]
            .as_str()
            .unwrap_or_default()
            .contains("key_algorithm"),
        "{v}"
    );
    let save = json!({"ca_id": ids[0], "type": "SUBORDINATE", "key_algorithm": "SM2",
        "distinguished_name": {"common_name": "S", "country": "CN"}});
    let (status, v) = call(&env.sb, "POST", CAS, Some(save)).await;
    assert_eq!(status.as_u16(), 400, "{v}");
    // An algorithm the region offers reads the same configuration and goes through.
    let o = env
        .run(&activate_sm(&ids[0], "EC256", "SHA256", &region))
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    env.sb.shutdown().await;
}

/// Where the region's configuration says yes, SM2 is offered even outside a `cn-*` region (the website
/// rule would refuse it); where it cannot be read, the website rule decides, and that is said.
#[tokio::test(flavor = "multi_thread")]
async fn the_regions_answer_decides_and_an_unread_one_falls_back_to_the_website_rule() {
    // `sandbox-eu` is no China-website id, but its configuration offers SM2.
    let env = SandboxCli::in_region("sandbox-eu").await;
    let region = ["--region", "sandbox-eu"];
    let ids = env.buy(&region).await;
    let o = env.run(&activate_sm(&ids[0], "SM2", "SM3", &region)).await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_eq!(
        env.journal_lines_of("activate").len(),
        2,
        "sent once: sending, done"
    );
    env.sb.shutdown().await;

    let env = SandboxCli::in_region("sandbox-console-503").await;
    let ids = env.buy(&[]).await;
    for (region, code, words) in [
        // Not a `cn-*` id: the website rule refuses SM2, before anything is sent.
        ("sandbox-console-503", 2, "China website"),
        // A `cn-*` id: the website rule offers it, and the activation is sent.
        ("cn-north-4", 0, ""),
    ] {
        let o = env
            .run(&activate_sm(&ids[0], "SM2", "SM3", &["--region", region]))
            .await;
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(code), "{region}: {out} {err}");
        assert!(err.contains("HTTP 503"), "{region}: {err}");
        assert!(err.contains("website rule decides"), "{region}: {err}");
        assert!(err.contains(words), "{region}: {err}");
    }
    env.sb.shutdown().await;
}

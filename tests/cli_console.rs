//! What a region sells, read before buying (issue 21): `order` refuses, before asking or sending, in a
//! region whose console configuration says it sells no yearly/monthly CA (exit 2, nothing journaled),
//! and goes on with a warning when the configuration cannot be read (a failing or garbled answer).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::text;
use pca_order::sandbox::SandboxConfig;

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

//! A closed stdout or stderr is never a crash (issue 17): `pca-order order --sandbox --yes | true` must not
//! panic with "failed printing to stdout: Broken pipe" after the order was placed; the exit code stays the
//! outcome's.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

/// Which stream is a pipe whose reader is already closed.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
}

fn run_closed(home: &Path, args: &[&str], closed: Closed) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("RUST_BACKTRACE", "1")
        .args(args)
        .stdin(Stdio::null());
    match closed {
        Closed::Stdout => cmd.stdout(writer).stderr(Stdio::piped()),
        Closed::Stderr => cmd.stderr(writer).stdout(Stdio::piped()),
    };
    cmd.output().expect("runs")
}

#[test]
fn commands_writing_to_a_closed_stream_end_with_their_outcome_code() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let cases: &[&[&str]] = &[
        &["order", "--sandbox", "--yes"],
        &["order", "--sandbox", "--yes", "--output", "json"],
        &["cas", "--sandbox"],
        &["history", "--sandbox"],
        &["history", "--sandbox", "--output", "json"],
        &["order", "--sandbox", "--yes", "--auto-pay", "--wait"],
        // A failure's text goes to stderr: closed there, the code is still the failure's.
        &["pay", "NOT AN ID", "--sandbox", "--yes"],
        // Generated text piped into a reader that stopped early (`| head`).
        &["completions", "bash"],
        &["man"],
    ];
    for closed in [Closed::Stdout, Closed::Stderr] {
        for args in cases {
            let o = run_closed(h, args, closed);
            let err = String::from_utf8_lossy(&o.stderr);
            let expected = if args[0] == "pay" { 2 } else { 0 };
            assert_eq!(
                o.status.code(),
                Some(expected),
                "{closed:?} closed, {args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
}

/// Under `--lang zh-CN` a connection failure reads in Chinese, with its kind in words; the HTTP library's
/// English stays in the labelled detail (issue 17).
#[test]
fn a_refused_connection_reads_in_chinese_with_its_kind() {
    let home = tempfile::tempdir().expect("tmp");
    // A loopback port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let o = Command::new(bin())
        .env_clear()
        .env("HOME", home.path())
        .env("HUAWEICLOUD_SDK_AK", "SANDBOXAK0000000000000")
        .env(
            "HUAWEICLOUD_SDK_SK",
            "sandbox-secret-key-0000000000000000000000",
        )
        .env(
            "HUAWEICLOUD_SDK_DOMAIN_ID",
            "0123456789abcdef0123456789abcdef",
        )
        .args(["--lang", "zh-CN", "order", "--yes", "--endpoint", &url])
        .args(["--iam-endpoint", &url, "--eps-endpoint", &url])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(5), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("无法连接到 127.0.0.1"))
        .unwrap_or_else(|| panic!("a connect failure in {err}"));
    assert!(line.contains("连接被拒绝"), "{line}");
    // The library's words only after the detail label.
    let (before, _) = line
        .split_once("详情：")
        .unwrap_or_else(|| panic!("{line}"));
    assert!(!before.contains("error sending request"), "{line}");
}

#[test]
fn activate_without_a_ca_id_off_a_terminal_says_so_in_chinese() {
    let home = tempfile::tempdir().expect("tmp");
    let o = Command::new(bin())
        .env_clear()
        .env("HOME", home.path())
        .args(["--lang", "zh-CN", "activate", "--sandbox", "--yes"])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("不在终端中运行时必须提供"), "{err}");
}

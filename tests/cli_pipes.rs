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

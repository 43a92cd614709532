//! End-to-end tests in a real pseudo-terminal: the `pca-order` binary as a person runs it, keys in,
//! screens out. Each run has an empty environment and its own HOME and journal; every wait has a
//! deadline and a timeout shows the screen, so nothing here depends on how fast the machine is.

// The harness serves every test here; a helper no test uses yet is not an error.
#[allow(dead_code)]
mod pty_support;

use std::process::{Command, Stdio};

use pty_support::{Spawn, find_order_id, key};

// ---------------------------------------------------------------------------------------------------
// `pca-order order` without --yes on a terminal: the review, the y/N question, and what each answer does.
// ---------------------------------------------------------------------------------------------------

const QUESTION: &str = "Buy 1 private CA for 1 month? [y/N]";

#[test]
fn order_on_a_tty_answered_no_exits_1_and_sends_nothing() {
    let mut t = Spawn::new(&["order", "--sandbox"]).start();
    let screen = t.wait_for(QUESTION);
    // The review is shown before the question, so the user sees what the answer buys.
    for line in [
        "About to order (SANDBOX: nothing real is bought):",
        "what: 1 private CA for 1 month",
        "auto-renew: no",
        "enterprise project: 0",
    ] {
        assert!(
            pty_support::flatten(&screen).contains(line),
            "review line {line:?} missing:\n{screen}"
        );
    }
    t.send("n");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    t.wait_for("Cancelled; nothing was sent.");
    assert!(
        t.journal_lines().is_empty(),
        "nothing is sent, so nothing is journaled: {:?}",
        t.journal_lines()
    );
    assert!(
        find_order_id(&t.screen()).is_none(),
        "no order id after a no:\n{}",
        t.screen()
    );
}

#[test]
fn order_on_a_tty_enter_alone_means_no() {
    let mut t = Spawn::new(&["order", "--sandbox"]).start();
    t.wait_for(QUESTION);
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty());
}

#[test]
fn order_on_a_tty_answered_yes_exits_0_with_the_order_id() {
    let mut t = Spawn::new(&["order", "--sandbox"]).start();
    t.wait_for(QUESTION);
    t.send("y");
    t.send(key::ENTER);
    let screen = t.wait_for("order id: CS");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    let id = find_order_id(&screen)
        .or_else(|| find_order_id(&t.screen()))
        .unwrap_or_else(|| panic!("an order id CS + 15 alphanumerics:\n{}", t.screen()));
    let journal = t.journal_lines();
    let states: Vec<&str> = journal.iter().filter_map(|l| l["state"].as_str()).collect();
    assert_eq!(states, ["sending", "created"], "journal: {journal:?}");
    assert_eq!(journal[1]["order_id"], id.as_str(), "journal: {journal:?}");
}

// ---------------------------------------------------------------------------------------------------
// The wizard needs a terminal.
// ---------------------------------------------------------------------------------------------------

#[test]
fn wizard_without_a_tty_exits_2_pointing_at_the_order_command() {
    let home = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home.path())
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .arg("--sandbox")
        .arg("--journal")
        .arg(home.path().join("j.jsonl"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("pca-order order --help"),
        "points scripts at the order command: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "no screen drawn on a pipe: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!home.path().join("j.jsonl").exists(), "nothing journaled");
}

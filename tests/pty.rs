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

const QUESTION: &str = "Buy 1 private CA for 1 month for 1,200.00 CNY? [y/N]";

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
fn order_on_a_tty_ctrl_c_at_the_question_cancels_with_exit_1() {
    let mut t = Spawn::new(&["order", "--sandbox"]).start();
    t.wait_for(QUESTION);
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    t.wait_for("Cancelled; nothing was sent.");
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
}

#[test]
fn order_on_a_tty_type_ahead_never_answers_the_question() {
    // "y⏎" typed while the price is still being read (the region makes the sandbox's price answer in 2 s)
    // was typed before the question appeared: it is thrown away, and the question waits for its answer.
    let mut t = Spawn::new(&["order", "--sandbox", "--region", "sandbox-price-slow-2000"]).start();
    t.wait_for("About to order");
    t.send("y");
    t.send(key::ENTER);
    t.wait_for("[y/N]");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
    t.send("n");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
}

/// `--output json` promises one document for every outcome, a "no" at the question included: the
/// answer prints `{"outcome":"cancelled",...}` (exit 1), as `pay` and `activate` do.
#[test]
fn order_on_a_tty_answered_no_with_json_output_prints_a_cancelled_document() {
    let mut t = Spawn::new(&["order", "--sandbox", "--output", "json"]).start();
    t.wait_for(QUESTION);
    t.send("n");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    t.wait_for(r#"{"outcome":"cancelled","exit_code":1"#);
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
}

/// Waits until the journal holds a `sending` line: the order is in flight.
fn wait_in_flight(t: &pty_support::Term) {
    t.wait_until("the sending line", |_| {
        t.journal_lines()
            .first()
            .is_some_and(|l| l["state"] == "sending")
    });
}

#[test]
fn order_in_flight_survives_a_signal_and_journals_its_answer() {
    for signal in ["TERM", "HUP", "INT"] {
        let mut t = Spawn::new(&[
            "order",
            "--sandbox",
            "--yes",
            "--promotion",
            "sandbox:delay_ms=1500",
        ])
        .start();
        wait_in_flight(&t);
        kill(&t, signal);
        t.wait_for("waiting up to");
        assert_eq!(t.wait_exit(), 0, "{signal}: screen:\n{}", t.screen());
        t.wait_for("order id: CS");
        assert_eq!(journal_states(&t), ["sending", "created"], "{signal}");
    }
}

#[test]
fn order_in_flight_a_second_signal_stops_the_wait_as_unknown() {
    let mut t = Spawn::new(&[
        "order",
        "--sandbox",
        "--yes",
        "--promotion",
        "sandbox:delay_ms=20000",
    ])
    .start();
    wait_in_flight(&t);
    kill(&t, "TERM");
    t.wait_for("waiting up to");
    kill(&t, "TERM");
    assert_eq!(t.wait_exit(), 4, "screen:\n{}", t.screen());
    t.wait_for("Check the console's orders");
    assert_eq!(journal_states(&t), ["sending", "unknown"]);
    let reason = t.journal_lines()[1]["reason"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(reason.contains("interrupted"), "{reason}");
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

// ---------------------------------------------------------------------------------------------------
// The wizard (`pca-order --sandbox` on a terminal). Strings are the English and 简体中文 of
// src/tui/text.rs; keys are those of src/tui/model.rs.
// ---------------------------------------------------------------------------------------------------

const STEP_1: &str = "Step 1 of 5 · Period";
const STEP_2: &str = "Step 2 of 5 · Quantity";
const STEP_3: &str = "Step 3 of 5 · Renewal & payment";
const STEP_4: &str = "Step 4 of 5 · Enterprise project";
const STEP_5: &str = "Step 5 of 5 · Review";
/// The buy question's start; it ends with the amount when the price arrived first (`enter_to_review`
/// waits for the price row, so it has).
const CONFIRM: &str = "Buy 1 private CA for 1 month";

/// Enter on each input step, waiting for the next before pressing again, up to the review.
fn enter_to_review(t: &pty_support::Term) {
    t.wait_for(STEP_1);
    for next in [STEP_2, STEP_3, STEP_4, STEP_5] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.wait_for("[ Place order ]");
    // The price row settles (the amount, or why there is none) before any key is pressed on the review.
    t.wait_until("the review's price row", |s| {
        s.contains("for 1 private CA × 1 month") || s.contains("price unavailable")
    });
}

/// The journal's `state` words in order.
fn journal_states(t: &pty_support::Term) -> Vec<String> {
    t.journal_lines()
        .iter()
        .map(|l| l["state"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// The first UUID-shaped word (8-4-4-4-12 hex) in `text`.
fn find_uuid(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
        .find(|w| {
            let parts: Vec<usize> = w.split('-').map(str::len).collect();
            parts == [8, 4, 4, 4, 12]
        })
        .map(str::to_string)
}

fn wizard_orders_with_enter_alone(cols: u16, rows: u16) {
    let mut t = Spawn::new(&["--sandbox"]).size(cols, rows).start();
    t.wait_for("SANDBOX — nothing real is bought");
    enter_to_review(&t);
    // Where the order goes is shown whole, even when it has to wrap.
    t.wait_for("private-certificate-authorities/order");
    // Nothing leaves before the confirmation.
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    assert!(
        t.journal_lines().is_empty(),
        "the question alone sends nothing"
    );
    t.send("y");
    t.wait_for("The order was placed.");
    let screen = t.wait_until("an order id and a CA id on the result screen", |s| {
        find_order_id(s).is_some() && find_uuid(s).is_some()
    });
    let order_id = find_order_id(&screen).expect("order id");
    assert!(screen.contains("Order ID"), "{screen}");
    assert!(screen.contains("CA IDs"), "{screen}");
    let ca_id =
        find_uuid(&screen).unwrap_or_else(|| panic!("a CA id on the result screen:\n{screen}"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    // Back on the main screen the outcome stays in the scrollback: the ids do not vanish with the wizard.
    assert_terminal_restored(&t);
    t.wait_for("SANDBOX — nothing real is bought The order was placed.");
    t.wait_for(&format!("Order ID {order_id}"));
    t.wait_for(&format!("CA IDs {ca_id}"));

    let journal = t.journal_lines();
    assert_eq!(journal_states(&t), ["sending", "created"], "{journal:?}");
    assert_eq!(journal[1]["order_id"], order_id.as_str(), "{journal:?}");
    assert_eq!(journal[1]["ca_ids"][0], ca_id.as_str(), "{journal:?}");
    assert_eq!(
        journal[0]["attempt_id"], journal[1]["attempt_id"],
        "{journal:?}"
    );
}

#[test]
fn wizard_enter_through_every_step_then_y_orders_and_exits_0() {
    wizard_orders_with_enter_alone(100, 30);
}

#[test]
fn wizard_orders_on_the_smallest_terminal_it_supports() {
    wizard_orders_with_enter_alone(80, 24);
}

/// Walks to the review, types `promotion` into its promotion field (Up moves the focus there from
/// the Place order button), places the order and answers y.
fn order_with_promotion(t: &pty_support::Term, promotion: &str) {
    enter_to_review(t);
    t.send(key::UP);
    // The footer switches to the text field's keys when the field has the focus.
    t.wait_for("F1 help");
    t.send(promotion);
    t.wait_for(promotion);
    t.send(key::ENTER); // leaves the field for the button
    t.wait_for("Enter place order");
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    t.send("y");
}

#[test]
fn wizard_rejected_order_shows_status_code_and_advice_and_exits_3() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    order_with_promotion(&t, "sandbox:status=403");
    t.wait_for("The API rejected the order. Nothing was bought.");
    let screen = t.wait_for("APIGW.0302");
    let flat = pty_support::flatten(&screen);
    assert!(flat.contains("HTTP status 403"), "{screen}");
    assert!(flat.contains("Error code APIGW.0302"), "{screen}");
    assert!(
        flat.contains(
            "The user lacks the pca:ca:create permission (or the account is on the other site); ask an admin."
        ),
        "the permission advice:\n{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 3, "screen:\n{}", t.screen());
    // The facts and the advice stay in the scrollback.
    t.wait_for("The API rejected the order. Nothing was bought.");
    t.wait_for("HTTP status 403");
    t.wait_for("Error code APIGW.0302");
    t.wait_for("What to do The user lacks the pca:ca:create permission");
    assert_eq!(journal_states(&t), ["sending", "rejected"]);
}

#[test]
fn wizard_dropped_connection_shows_unknown_outcome_and_exits_4() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    order_with_promotion(&t, "sandbox:drop");
    let screen = t.wait_for("The order was sent, but its outcome is unknown. It may exist.");
    t.wait_for("Check the console's orders (Billing Center → My Orders) before retrying");
    assert!(
        find_order_id(&screen).is_none(),
        "no order id is claimed:\n{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 4, "screen:\n{}", t.screen());
    t.wait_for("The order was sent, but its outcome is unknown. It may exist.");
    t.wait_for("What to do Check the console's orders");
    assert_eq!(journal_states(&t), ["sending", "unknown"]);
}

#[test]
fn wizard_bracketed_paste_drops_control_characters() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    t.wait_screen("bracketed paste switched on", |s| {
        s.bracketed_paste().then_some(())
    });
    // Period count: "1" by default; clear it, then paste 1, BEL, TAB, LF, 2.
    t.send(key::BACKSPACE);
    t.wait_for("[          ]");
    t.paste("1\x07\t\n2");
    t.wait_for("[12        ]");
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send(key::ENTER);
    t.wait_for(STEP_3);
    t.send(key::ENTER);
    t.wait_for(STEP_4);
    t.wait_for("staging");

    // Project: a filter matching nothing leaves only "Enter an ID…"; Enter opens the typed field.
    t.paste("zz\x1f\rz");
    t.wait_for("[zzz");
    t.wait_for("No project matches the filter.");
    t.send(key::ENTER);
    t.wait_for("Project ID");
    t.send(key::BACKSPACE); // the field starts with the current id, 0
    t.paste("a3d91f57-2c6e-\x074b08-8e3f-\x1b7c1a9b5d2e60\r\n");
    t.wait_for("a3d91f57-2c6e-4b08-8e3f-7c1a9b5d2e60");
    t.send(key::ENTER);
    t.wait_for(STEP_5);
    t.wait_for("Period 12 months");
    // The pasted id is the staging project's.
    t.wait_for("Enterprise project staging (a3d91f57-2c6e-4b08-8e3f-7c1a9b5d2e60)");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty());
}

#[test]
fn wizard_cursor_follows_wide_characters_in_a_field() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    for next in [STEP_2, STEP_3, STEP_4] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.wait_for("生产环境");
    let filter_row = t.with_screen(|s| s.cursor_position());
    t.paste("生产");
    t.wait_until("the filter to hold 生产", |s| {
        s.lines()
            .any(|l| l.contains("Filter") && l.contains("生产"))
    });
    // Two CJK characters are four columns wide: the cursor moves four columns along the same row.
    let want = (filter_row.0, filter_row.1 + 4);
    t.wait_screen(&format!("the cursor at (row, col) {want:?}"), |s| {
        (s.cursor_position() == want).then_some(())
    });
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1);
}

#[test]
fn wizard_ctrl_c_on_the_first_step_exits_1_and_restores_the_terminal() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    assert!(
        t.with_screen(|s| s.alternate_screen()),
        "wizard on the alternate screen"
    );
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty(), "nothing sent");
    let after = t.flat_screen();
    assert!(
        !after.contains("Journal") && !after.contains("Order ID"),
        "no outcome is printed when nothing was sent:\n{after}"
    );

    let raw = t.raw();
    let entered = pty_support::find(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = pty_support::rfind(&raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(
        left > entered,
        "left the alternate screen after entering it"
    );
    let shown = pty_support::rfind(&raw, b"\x1b[?25h").expect("cursor shown");
    if let Some(hidden) = pty_support::rfind(&raw, b"\x1b[?25l") {
        assert!(
            shown > hidden,
            "the cursor is shown after it was last hidden"
        );
    }
    if let Some(on) = pty_support::rfind(&raw, b"\x1b[?2004h") {
        let off = pty_support::rfind(&raw, b"\x1b[?2004l").expect("bracketed paste switched off");
        assert!(off > on, "bracketed paste is off at the end");
    }
    assert_terminal_restored(&t);
}

#[test]
fn wizard_says_when_the_terminal_is_too_small_and_recovers_on_resize() {
    let mut t = Spawn::new(&["--sandbox"]).size(40, 10).start();
    t.wait_for("Terminal too small (need 60×16, have 40×10)");
    t.resize(100, 30);
    t.wait_for(STEP_1);
    t.resize(59, 16);
    t.wait_for("Terminal too small (need 60×16, have 59×16)");
    // tmux in an 80×24 terminal gives 80×23: the wizard is drawn there (issue 19), and at 60×16.
    t.resize(80, 23);
    t.wait_for(STEP_1);
    t.resize(60, 15);
    t.wait_for("Terminal too small (need 60×16, have 60×15)");
    t.resize(60, 16);
    t.wait_for(STEP_1);
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
}

#[test]
fn wizard_speaks_chinese_with_lang_zh_cn() {
    let mut t = Spawn::new(&["--sandbox", "--lang", "zh-CN"]).start();
    t.wait_for("第 1 步，共 5 步 · 购买时长");
    t.wait_for("CA 要购买多长时间？");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
}

#[test]
fn wizard_picks_chinese_from_the_locale() {
    let mut t = Spawn::new(&["--sandbox"])
        .env("LANG", "zh_CN.UTF-8")
        .start();
    t.wait_for("第 1 步，共 5 步 · 购买时长");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
}

#[test]
fn wizard_copies_the_order_id_with_osc_52() {
    use base64::Engine as _;
    let mut t = Spawn::new(&["--sandbox"]).start();
    enter_to_review(&t);
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    t.send("y");
    let screen = t.wait_until("an order id on the result screen", |s| {
        find_order_id(s).is_some()
    });
    let order_id = find_order_id(&screen).expect("order id");
    t.send("c");
    t.wait_for("Order ID sent to the terminal's clipboard (OSC 52): may not be supported.");
    let copies = t.clipboard();
    assert_eq!(copies.len(), 1, "one OSC 52 write");
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&copies[0])
        .expect("OSC 52 payload is base64");
    assert_eq!(String::from_utf8_lossy(&copied), order_id);
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
}

/// Orders with a sandbox delay and presses Ctrl-C while the order is in flight.
fn ctrl_c_in_flight(t: &pty_support::Term, delay_ms: u32) {
    order_with_promotion(t, &format!("sandbox:delay_ms={delay_ms}"));
    t.wait_for("Placing the order");
    t.send(key::CTRL_C);
    t.wait_for("The order may still go through. Quit anyway? y/N");
}

#[test]
fn wizard_ctrl_c_in_flight_asks_first_and_n_lets_the_order_finish() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    // Long enough that the question is up well before the answer, even on a slow machine.
    ctrl_c_in_flight(&t, 6000);
    t.send("n");
    t.wait_gone("Quit anyway?");
    t.wait_for("The order was placed.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_eq!(journal_states(&t), ["sending", "created"]);
}

#[test]
fn wizard_ctrl_c_in_flight_then_y_waits_for_the_answer_and_journals_it() {
    // The order outlives the 2 s timeout (4 s with the connect limit): after quitting, the wizard restores the terminal and waits for
    // the client to finish, so the journal gets the outcome line instead of losing it.
    let mut t = Spawn::new(&["--sandbox", "--timeout", "2"]).start();
    ctrl_c_in_flight(&t, 60_000);
    t.send("y");
    t.wait_for("waiting up to 8 s for its answer");
    assert_eq!(t.wait_exit(), 4, "screen:\n{}", t.screen());
    assert_eq!(journal_states(&t), ["sending", "unknown"]);
    assert_terminal_restored(&t);
    // The summary left on the main screen says the order may exist.
    t.wait_for("It may exist");
}

#[test]
fn wizard_ctrl_c_stops_waiting_for_an_order_in_flight() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    ctrl_c_in_flight(&t, 60_000);
    t.send("y");
    t.wait_for("Ctrl-C stops waiting");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 4, "screen:\n{}", t.screen());
    let states = journal_states(&t);
    assert_eq!(
        states.first().map(String::as_str),
        Some("sending"),
        "{states:?}"
    );
    assert!(!states.iter().any(|s| s == "created"), "{states:?}");
    assert_terminal_restored(&t);
}

#[test]
fn wizard_back_keeps_what_was_entered() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    t.send(key::DOWN); // Year
    t.send(key::BACKSPACE);
    t.send("3");
    t.wait_for("[3         ]");
    t.wait_for("1–5 years");
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send(key::BACKSPACE);
    t.send("7");
    t.wait_for("[7         ]");
    t.send(key::ENTER);
    t.wait_for(STEP_3);
    t.send("b"); // outside a text field, b goes back
    t.wait_for(STEP_2);
    t.wait_for("[7         ]");
    t.send(key::SHIFT_TAB);
    t.wait_for(STEP_1);
    t.wait_for("[3         ]");
    for next in [STEP_2, STEP_3, STEP_4, STEP_5] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.wait_for("Period 3 years");
    t.wait_for("Quantity 7 private CAs");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty());
}

#[test]
fn wizard_help_opens_with_question_mark_and_any_key_closes_it() {
    // The whole help, closing line included, fits the default and the smallest supported terminal.
    for (cols, rows) in [(100, 30), (80, 24)] {
        let mut t = Spawn::new(&["--sandbox"]).size(cols, rows).start();
        t.wait_for(STEP_1);
        t.send("?");
        // The help lists every key of the screen below, all of a binding's keys together.
        t.wait_for("Enter ");
        t.wait_for("↑↓");
        t.wait_for("Ctrl-U");
        t.wait_for("Nothing is sent until you answer y on the review. Any key closes this help.");
        t.send("x");
        t.wait_gone("Any key closes this help.");
        t.wait_for(STEP_1);
        t.send(key::CTRL_C);
        assert_eq!(t.wait_exit(), 1, "{cols}x{rows}; screen:\n{}", t.screen());
    }
}

#[test]
fn wizard_no_color_draws_without_colour_and_marks_focus_otherwise() {
    let mut t = Spawn::new(&["--sandbox"]).env("NO_COLOR", "1").start();
    t.wait_for(STEP_1);
    t.wait_for("Ctrl-C quit");
    let (coloured, marked) = t.with_screen(|s| {
        let (rows, cols) = s.size();
        let mut coloured = Vec::new();
        let mut marked = 0;
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                let Some(cell) = s.cell(r, c) else { continue };
                if cell.fgcolor() != vt100::Color::Default
                    || cell.bgcolor() != vt100::Color::Default
                {
                    coloured.push((r, c, cell.contents().to_string()));
                }
                if cell.inverse() || cell.bold() {
                    marked += 1;
                }
            }
        }
        (coloured, marked)
    });
    assert!(
        coloured.is_empty(),
        "NO_COLOR: cells drawn in colour (row, col, text): {:?}",
        &coloured[..coloured.len().min(20)]
    );
    assert!(
        marked > 0,
        "focus and titles still marked with reverse/bold"
    );
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1);
}

#[test]
fn wizard_retry_after_a_5xx_goes_through_the_same_confirmation() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    order_with_promotion(&t, "sandbox:status=503");
    // A 5xx is unknown: the order may exist.
    t.wait_for("The order was sent, but its outcome is unknown. It may exist.");
    t.wait_for("HTTP 503 APIGW.0201");
    t.wait_for("do not just resend");
    t.send("r");
    t.wait_for(STEP_5);
    // The promotion kept its text; clear it (Ctrl-U) and order again.
    t.wait_for("sandbox:status=503");
    t.send(key::UP);
    t.wait_for("F1 help");
    t.send("\x15");
    t.wait_gone("sandbox:status=503");
    t.send(key::ENTER);
    t.wait_for("Enter place order");
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    // After a 5xx the question first warns that the earlier attempt may have bought.
    t.wait_for("An earlier attempt may have bought CAs: check the console's orders first.");
    assert_eq!(
        journal_states(&t),
        ["sending", "unknown"],
        "nothing more is sent before the second yes"
    );
    t.send("y");
    t.wait_for("The order was placed.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_eq!(
        journal_states(&t),
        ["sending", "unknown", "sending", "created"]
    );
}

/// Sends `signal` (e.g. "TERM") to the wizard, as `kill` or a closing terminal emulator would.
fn kill(t: &pty_support::Term, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(t.pid().to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal}");
}

/// The terminal is as the shell left it: main screen, cursor shown, no bracketed paste, cooked mode.
fn assert_terminal_restored(t: &pty_support::Term) {
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "back on the main screen");
        assert!(!s.hide_cursor(), "cursor visible");
        assert!(!s.bracketed_paste(), "bracketed paste off");
    });
    if let Some(cooked) = t.cooked_mode() {
        assert!(
            cooked,
            "raw mode is switched off (canonical input and echo back on)"
        );
    }
}

#[test]
fn wizard_terminated_restores_the_terminal_and_exits_1() {
    for signal in ["TERM", "HUP", "INT"] {
        let mut t = Spawn::new(&["--sandbox"]).start();
        t.wait_for(STEP_1);
        kill(&t, signal);
        assert_eq!(t.wait_exit(), 1, "SIG{signal}; screen:\n{}", t.screen());
        assert_terminal_restored(&t);
        assert!(t.journal_lines().is_empty());
    }
}

#[test]
fn wizard_terminated_in_flight_exits_4_outcome_unknown() {
    let mut t = Spawn::new(&["--sandbox", "--timeout", "2"]).start();
    order_with_promotion(&t, "sandbox:delay_ms=60000");
    t.wait_for("Placing the order");
    kill(&t, "TERM");
    assert_eq!(t.wait_exit(), 4, "screen:\n{}", t.screen());
    assert_terminal_restored(&t);
}

#[test]
fn wizard_interrupted_in_flight_journals_the_order_s_answer_and_restores_the_terminal() {
    // An external SIGINT (not the Ctrl-C key, which raw mode turns into a key) holds as TERM and HUP do:
    // the wizard gives the terminal back, waits for the order's answer, journals it and names the order.
    let mut t = Spawn::new(&["--sandbox"]).start();
    order_with_promotion(&t, "sandbox:delay_ms=1500");
    t.wait_for("Placing the order");
    kill(&t, "INT");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_terminal_restored(&t);
    assert_eq!(journal_states(&t), ["sending", "created"]);
    assert!(
        find_order_id(&t.flat_screen()).is_some(),
        "the order id is printed: {}",
        t.screen()
    );
}

#[test]
fn wizard_type_ahead_never_answers_the_buy_question() {
    // Enter and "y" arrive together: the "y" was typed before the question's first frame, so it is not
    // its answer; the question waits, and nothing is sent.
    let mut t = Spawn::new(&["--sandbox"]).start();
    enter_to_review(&t);
    t.send(&format!("{}y", key::ENTER));
    t.wait_for(CONFIRM);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
    assert!(
        pty_support::flatten(&t.screen()).contains(CONFIRM),
        "the question still waits:\n{}",
        t.screen()
    );
    t.send("n");
    t.wait_for("Enter place order");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
}

#[test]
fn wizard_choices_reach_the_wire_exactly() {
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    t.send(key::DOWN); // Year
    t.wait_for("1–5 years");
    t.send(key::BACKSPACE);
    t.send("2");
    t.wait_for("[2         ]");
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send("\x1b[1;3D"); // Alt-Left: back, as Shift-Tab
    t.wait_for(STEP_1);
    t.wait_for("[2         ]");
    t.send(key::TAB); // Tab moves between fields, never to the next step (issue 19)
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.wait_for("CA quota: 0 of 100 used, up to 100 more");
    t.send(key::BACKSPACE);
    t.send("3");
    t.wait_for("[3         ]");
    t.send(key::ENTER);
    t.wait_for(STEP_3);
    t.send(" "); // auto-renew: yes
    t.wait_for("Renews for the same period when it ends, billed to the account.");
    t.send("j"); // to auto-pay
    t.send("y"); // auto-pay: yes
    t.wait_for("Pays from the account balance as soon as the order is placed.");
    t.send(key::ENTER);
    t.wait_for(STEP_4);
    t.wait_for("Dev-Team-Alpha");
    t.send(key::DOWN); // default → Dev-Team-Alpha
    t.wait_for("▸ Dev-Team-Alpha");
    t.send(key::ENTER);
    t.wait_for(STEP_5);
    for line in [
        "Period 2 years",
        "Quantity 3 private CAs",
        "Auto-renew Yes — renews automatically",
        "Auto-pay Yes — paid from the balance at once",
        "Enterprise project Dev-Team-Alpha (d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03)",
    ] {
        t.wait_for(line);
    }
    // The price arrives from the sandbox's pretend price list, for exactly these choices, and the
    // question names the same amount.
    let screen = t.wait_until("the price for 3 CAs × 2 years", |s| {
        s.contains(" for 3 private CAs × 2 years")
    });
    let amount = screen
        .lines()
        .find_map(|l| l.split("Price").nth(1))
        .and_then(|rest| rest.split(" for 3 private CAs").next())
        .map(|a| a.trim().to_string())
        .expect("price row");
    assert!(
        amount.ends_with(" CNY") && amount.contains('.'),
        "two decimals and a currency: {amount:?}"
    );
    // Beside an amount, the sandbox's banner says its prices are made up.
    t.wait_for("SANDBOX — nothing real is bought · prices are pretend");
    t.send(key::ENTER);
    t.wait_for(&format!("Buy 3 private CAs for 2 years for {amount}? y/N"));
    t.send("y");
    t.wait_for("The order was placed.");
    t.wait_for("Paid from the account balance: nothing left to pay.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());

    let journal = t.journal_lines();
    assert_eq!(journal_states(&t), ["sending", "created"], "{journal:?}");
    let body = &journal[0]["request"];
    assert_eq!(body["period_type"], 3, "year: {body}");
    assert_eq!(body["period_num"], 2, "{body}");
    assert_eq!(body["subscription_num"], 3, "{body}");
    assert_eq!(body["is_auto_renew"], 1, "{body}");
    assert_eq!(body["is_auto_pay"], 1, "{body}");
    assert_eq!(
        body["enterprise_project_id"], "d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03",
        "{body}"
    );
    assert_eq!(
        journal[1]["ca_ids"].as_array().map(Vec::len),
        Some(3),
        "{journal:?}"
    );
}

#[test]
fn a_terminal_without_cursor_addressing_gets_a_message_not_escapes() {
    for term in ["dumb", ""] {
        let mut t = Spawn::new(&["--sandbox"]).env("TERM", term).start();
        assert_eq!(t.wait_exit(), 2, "TERM={term:?}:\n{}", t.screen());
        let raw = String::from_utf8_lossy(&t.raw()).into_owned();
        assert!(raw.contains("pca-order order"), "{raw:?}");
        assert!(
            !raw.contains("\u{1b}[?1049h") && !raw.contains("\u{1b}[2J"),
            "no full-screen escapes: {raw:?}"
        );
        assert!(!t.journal.exists());
    }
}

/// A standalone sandbox process (orders must outlive one pca-order run), killed when dropped.
/// The tempdir holds its own pretend account (`--state`): no test grows the machine user's shared one.
struct StandaloneSandbox(
    std::process::Child,
    String,
    #[expect(
        dead_code,
        reason = "held only so the state's directory lives as long as the sandbox"
    )]
    tempfile::TempDir,
);

impl Drop for StandaloneSandbox {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn standalone_sandbox() -> StandaloneSandbox {
    use std::io::{BufRead, BufReader};
    let state = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .args(["sandbox", "--listen", "127.0.0.1:0", "--settle-ms", "100"])
        .arg("--state")
        .arg(state.path().join("sandbox-state.json"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn sandbox");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("utf8");
    let url = first
        .strip_prefix("listening on ")
        .expect("address")
        .to_string();
    std::thread::spawn(move || for _ in lines {});
    StandaloneSandbox(child, url, state)
}

const SANDBOX_CREDENTIALS: [(&str, &str); 3] = [
    ("HUAWEICLOUD_SDK_AK", "SANDBOXAK0000000000000"),
    (
        "HUAWEICLOUD_SDK_SK",
        "sandbox-secret-key-0000000000000000000000",
    ),
    (
        "HUAWEICLOUD_SDK_DOMAIN_ID",
        "0123456789abcdef0123456789abcdef",
    ),
];

fn against(sb: &StandaloneSandbox, args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    for flag in [
        "--endpoint",
        "--iam-endpoint",
        "--eps-endpoint",
        "--bss-endpoint",
    ] {
        all.push(flag.to_string());
        all.push(sb.1.clone());
    }
    all
}

#[test]
fn pay_on_a_tty_asks_with_the_amount_no_exits_1_yes_pays() {
    let sb = standalone_sandbox();
    let home = tempfile::tempdir().expect("tmp");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pca-order"));
    cmd.env_clear()
        .env("HOME", home.path())
        .stdin(Stdio::null());
    for (k, v) in SANDBOX_CREDENTIALS {
        cmd.env(k, v);
    }
    let out = cmd
        .args(against(&sb, &["order", "--yes", "--quantity", "2"]))
        .output()
        .expect("order");
    let id = find_order_id(&String::from_utf8_lossy(&out.stdout)).expect("an order id");

    let spawn = |args: &[&str]| {
        let all = against(&sb, args);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut s = Spawn::new(&refs);
        for (k, v) in SANDBOX_CREDENTIALS {
            s = s.env(k, v);
        }
        s.start()
    };
    let mut t = spawn(&["pay", &id]);
    t.wait_for(&format!("Pay 2,400.00 CNY for order {id} now? [y/N]"));
    t.send("n");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    t.wait_for("Cancelled; nothing was sent.");

    let mut t = spawn(&["cancel", &id]);
    t.wait_for(&format!("Cancel the unpaid order {id}? [y/N]"));
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());

    let mut t = spawn(&["pay", &id]);
    t.wait_for("[y/N]");
    t.send("y");
    t.send(key::ENTER);
    t.wait_for(&format!("Paid order {id}."));
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
}

#[test]
fn renew_on_a_tty_shows_the_price_and_asks_with_the_amount_no_exits_1_yes_renews() {
    let sb = standalone_sandbox();
    let home = tempfile::tempdir().expect("tmp");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pca-order"));
    cmd.env_clear()
        .env("HOME", home.path())
        .stdin(Stdio::null());
    for (k, v) in SANDBOX_CREDENTIALS {
        cmd.env(k, v);
    }
    let out = cmd
        .args(against(
            &sb,
            &["order", "--yes", "--auto-pay", "--output", "json"],
        ))
        .output()
        .expect("order");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ca = v["ca_ids"][0].as_str().expect("a CA").to_string();
    // The sandbox settles the paid order after 100 ms: only then is the CA a subscription.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let spawn = |args: &[&str]| {
        let all = against(&sb, args);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut s = Spawn::new(&refs);
        for (k, v) in SANDBOX_CREDENTIALS {
            s = s.env(k, v);
        }
        s.start()
    };
    let renew = [
        "renew",
        ca.as_str(),
        "--period-unit",
        "month",
        "--period",
        "2",
    ];
    let mut t = spawn(&renew);
    t.wait_for("Renewal price:");
    t.wait_for("2,400.00 CNY");
    t.wait_for("Renew 1 CA for 2 months, for 2,400.00 CNY? [y/N]");
    t.send("n");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    t.wait_for("Cancelled; nothing was sent.");

    let mut t = spawn(&renew);
    t.wait_for("[y/N]");
    t.send("y");
    t.send(key::ENTER);
    t.wait_for("Renewal order CS");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
}

#[test]
fn wizard_a_price_that_cannot_be_had_says_why_and_the_order_still_goes_out() {
    // The sandbox's pretend price list has no cn-south-1: its price API answers CBC.99006006.
    let mut t = Spawn::new(&["--sandbox", "--region", "cn-south-1"])
        .size(80, 24)
        .start();
    t.wait_for("SANDBOX — nothing real is bought");
    enter_to_review(&t);
    t.wait_for("price unavailable");
    t.wait_for("buying is still possible");
    t.send(key::ENTER);
    t.wait_for("Buy 1 private CA for 1 month? y/N");
    t.send("y");
    t.wait_for("The order was placed.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_eq!(journal_states(&t), ["sending", "created"]);
}

// ---------------------------------------------------------------------------------------------------
// Billing after the order in the wizard (issue 9): pay now, following the order to completed.
// ---------------------------------------------------------------------------------------------------

/// From the result of an unpaid order: `p` asks once (naming `question`), `y` pays, the tracking
/// screen follows the order to completed (the sandbox settles in 3 s), `q` exits 0, and the scrollback
/// and the journal keep the order, the payment and the status.
fn pay_and_follow(t: &mut pty_support::Term, question: &str) {
    t.wait_for("The order was placed.");
    let screen = t.wait_until("the order id on the result", |s| find_order_id(s).is_some());
    let order_id = find_order_id(&screen).expect("order id");
    t.wait_for("p pay now");
    // The question alone sends nothing.
    t.send("p");
    t.wait_for(&question.replace("ORDER", &order_id));
    t.send("n");
    t.wait_gone("y/N");
    assert_eq!(journal_states(t), ["sending", "created"]);
    t.send("p");
    t.wait_for(&question.replace("ORDER", &order_id));
    t.send("y");
    t.wait_for("The order was paid.");
    t.wait_for("Status completed");
    t.wait_for("Completed: the CAs are bought.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_terminal_restored(t);
    t.wait_for(&format!("Order ID {order_id}"));
    t.wait_for("Payment done");
    t.wait_for("Status completed (status 5)");
    assert_eq!(
        journal_states(t),
        ["sending", "created", "action_sending", "done"]
    );
    let journal = t.journal_lines();
    assert_eq!(journal[2]["kind"], "pay", "{journal:?}");
    assert_eq!(journal[2]["order_id"], order_id.as_str(), "{journal:?}");
}

#[test]
fn wizard_order_then_pay_now_follows_it_to_completed() {
    let mut t = Spawn::new(&["--sandbox"]).size(80, 24).start();
    t.wait_for("SANDBOX — nothing real is bought");
    enter_to_review(&t);
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    t.send("y");
    // The amount to pay is the review's price, and the banner says it is pretend.
    t.wait_for("To pay 1,200.00 CNY");
    t.wait_for("prices are pretend");
    pay_and_follow(&mut t, "Pay 1,200.00 CNY for order ORDER now? y/N");
}

#[test]
fn wizard_pays_an_order_whose_price_could_not_be_had() {
    // The pretend price list has no cn-south-1: the review has no price, so the amount to pay is read
    // from the order's details.
    let mut t = Spawn::new(&["--sandbox", "--region", "cn-south-1"])
        .size(80, 24)
        .start();
    t.wait_for("SANDBOX — nothing real is bought");
    enter_to_review(&t);
    t.wait_for("price unavailable");
    t.send(key::ENTER);
    t.wait_for("Buy 1 private CA for 1 month? y/N");
    t.send("y");
    // The sandbox's order details carry the order's amount (its pretend list, whatever the region).
    t.wait_for("To pay 1,200.00 CNY");
    pay_and_follow(&mut t, "Pay 1,200.00 CNY for order ORDER now? y/N");
}

#[test]
fn wizard_refused_payment_shows_the_error_exits_3_and_r_offers_pay_again() {
    // `sandbox:pay_status=403` is remembered on the order: paying it is refused (CBC.0151).
    let mut t = Spawn::new(&["--sandbox"]).size(80, 24).start();
    order_with_promotion(&t, "sandbox:pay_status=403");
    t.wait_for("The order was placed.");
    t.wait_for("p pay now");
    t.send("p");
    t.wait_for("now? y/N");
    t.send("y");
    t.wait_for("The payment was refused. Nothing was paid.");
    t.wait_for("HTTP status 403");
    t.wait_for("r back to the order");
    t.send("r");
    t.wait_for("p pay now");
    t.send("q");
    assert_eq!(t.wait_exit(), 3, "screen:\n{}", t.screen());
    t.wait_for("Payment refused — nothing changed (HTTP 403");
    assert_eq!(
        journal_states(&t),
        ["sending", "created", "action_sending", "rejected"]
    );
}

// ---------------------------------------------------------------------------------------------------
// `pca-order activate` on a terminal (issue 10): the wizard's activation flow, from a fresh auto-paid
// order bought with the CLI to a CA read back ACTIVED. One sandbox serves both runs, so the second
// process sees the first one's CA.
// ---------------------------------------------------------------------------------------------------

/// Enter on each of the activation flow's five steps, keeping every default, up to its question.
fn enter_through_activation(t: &pty_support::Term) {
    for next in [
        "1/5 Type",
        "2/5 Subject",
        "3/5 Keys",
        "4/5 Validity",
        "5/5 Review",
    ] {
        t.wait_for(next);
        t.send(key::ENTER);
    }
    t.wait_for("Activate this CA with these values? y/N");
}

/// A sandbox both runs share, and one CA bought with the CLI (auto-paid, so its order is complete).
struct Bought {
    /// Kept (and dropped before the runtime it runs on) so the server lives as long as the test.
    _sb: pca_order::sandbox::RunningSandbox,
    _rt: tokio::runtime::Runtime,
    url: String,
    config: pca_order::sandbox::SandboxConfig,
    ca_id: String,
}

impl Bought {
    fn new() -> Bought {
        use pca_order::sandbox::{self, SandboxConfig};
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let sb = rt
            .block_on(sandbox::start(
                SandboxConfig {
                    settle: std::time::Duration::ZERO,
                    ..SandboxConfig::default()
                },
                ([127, 0, 0, 1], 0).into(),
            ))
            .expect("sandbox");
        let url = sb.base_url();
        let config = sb.config.clone();
        let home = tempfile::tempdir().expect("tmp");
        let bought = Command::new(env!("CARGO_BIN_EXE_pca-order"))
            .env_clear()
            .env("HOME", home.path())
            .env("HUAWEICLOUD_SDK_AK", &config.ak)
            .env("HUAWEICLOUD_SDK_SK", &config.sk)
            .env("HUAWEICLOUD_SDK_DOMAIN_ID", &config.domain_id)
            .args(["order", "--auto-pay", "--yes", "--output", "json"])
            .args([
                "--endpoint",
                &url,
                "--iam-endpoint",
                &url,
                "--eps-endpoint",
                &url,
            ])
            .arg("--journal")
            .arg(home.path().join("order.jsonl"))
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert_eq!(
            bought.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&bought.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&bought.stdout).expect("json");
        let ca_id = v["ca_ids"][0].as_str().expect("a CA id").to_string();
        Bought {
            _sb: sb,
            _rt: rt,
            url,
            config,
            ca_id,
        }
    }

    /// `pca-order activate ARGS` on a terminal, pointed at this sandbox.
    fn activate(&self, extra: &[&str]) -> pty_support::Term {
        let mut args = vec!["activate"];
        args.extend_from_slice(extra);
        args.extend(["--endpoint", &self.url, "--iam-endpoint", &self.url]);
        args.extend(["--eps-endpoint", &self.url]);
        Spawn::new(&args)
            .env("HUAWEICLOUD_SDK_AK", &self.config.ak)
            .env("HUAWEICLOUD_SDK_SK", &self.config.sk)
            .env("HUAWEICLOUD_SDK_DOMAIN_ID", &self.config.domain_id)
            .start()
    }
}

#[test]
fn activate_alone_on_a_tty_chooses_the_pending_ca_and_enter_through_y_reads_actived() {
    let b = Bought::new();
    let ca_id = b.ca_id.clone();
    let mut t = b.activate(&[]);
    // The PENDING CAs are listed before the wizard opens, each with its order (this run's journal does
    // not hold the order, so the service decides), and one is chosen by its number.
    t.wait_for("PENDING CAs of this account");
    t.wait_for(&ca_id);
    t.wait_for("Activate which CA?");
    t.send("1\r");
    enter_through_activation(&t);
    assert!(
        t.journal_lines().is_empty(),
        "nothing is sent before y: {:?}",
        t.journal_lines()
    );
    t.send("y");
    t.wait_for("Status active");
    let screen = t.wait_for("Serial number");
    assert!(screen.contains("Not after"), "{screen}");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    // The attempt is printed on the normal screen once the wizard ends.
    t.wait_for(&format!("CA {ca_id}: Activated (active)"));
    let journal = t.journal_lines();
    let states: Vec<&str> = journal.iter().filter_map(|l| l["state"].as_str()).collect();
    assert_eq!(states.first(), Some(&"sending"), "journal: {journal:?}");
    assert_eq!(journal.len(), 2, "sending, then the outcome: {journal:?}");
    drop(b);
}

/// The sandbox activates, then drops the connection (`sandbox-drop` in the organizational unit): the
/// outcome is unknown; `s` reads the CA, which is ACTIVED, so the session ends with 0 — and nothing was
/// sent twice.
#[test]
fn activate_with_an_unknown_outcome_offers_reading_the_status_which_reads_actived() {
    let b = Bought::new();
    let ca_id = b.ca_id.clone();
    let mut t = b.activate(&[&ca_id]);
    t.wait_for("1/5 Type");
    t.send(key::ENTER);
    t.wait_for("2/5 Subject");
    t.send(key::DOWN);
    t.send(key::DOWN);
    t.send("sandbox-drop");
    t.wait_for("sandbox-drop");
    for next in ["3/5 Keys", "4/5 Validity", "5/5 Review"] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.send(key::ENTER);
    t.wait_for("Activate this CA with these values? y/N");
    t.send("y");
    t.wait_for("Outcome unknown");
    t.wait_for("s read status");
    t.send("s");
    t.wait_for("Status active");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    let journal = t.journal_lines();
    let states: Vec<&str> = journal.iter().filter_map(|l| l["state"].as_str()).collect();
    assert_eq!(states.len(), 2, "one attempt, never retried: {journal:?}");
    assert_eq!(states[0], "sending", "journal: {journal:?}");
    drop(b);
}

#[test]
fn activate_ca_id_alone_on_a_tty_opens_the_flow_for_that_ca_and_ctrl_c_sends_nothing() {
    let id = "4284547e-68ef-4a94-adea-9df1e5d8ad65";
    let mut t = Spawn::new(&["activate", "--sandbox", id]).start();
    t.wait_for("1/5 Type");
    t.wait_for(&format!("CA {id}"));
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
    assert!(t.journal_lines().is_empty(), "{:?}", t.journal_lines());
}

/// The whole walk in one sitting (issues 9 and 10): order without auto-pay → pay now → follow the order
/// to completed → `a` activates its CA (Enter through the defaults, `y`) → the CA reads ACTIVED → exit 0.
/// Each state-changing request is journaled once, in order, and nothing is sent twice.
#[test]
fn wizard_order_pay_complete_activate_reads_actived_in_one_sitting() {
    let started = std::time::Instant::now();
    let mut t = Spawn::new(&["--sandbox"]).size(80, 24).start();
    t.wait_for("SANDBOX — nothing real is bought");
    enter_to_review(&t);
    t.send(key::ENTER);
    t.wait_for(CONFIRM);
    t.send("y");
    t.wait_for("The order was placed.");
    t.wait_for("p pay now");
    t.send("p");
    t.wait_for("now? y/N");
    t.send("y");
    t.wait_for("The order was paid.");
    t.wait_for("Completed: the CAs are bought.");
    t.wait_for("a activate");
    t.send("a");
    enter_through_activation(&t);
    t.send("y");
    t.wait_for("Status active");
    t.wait_for("Serial number");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    assert_terminal_restored(&t);
    let journal = t.journal_lines();
    let steps: Vec<(String, String)> = journal
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap_or("order").to_string(),
                l["state"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect();
    let states: Vec<&str> = steps.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        &states[..4],
        ["sending", "created", "action_sending", "done"],
        "{journal:?}"
    );
    assert_eq!(
        states[4], "sending",
        "the activation, journaled before it left: {journal:?}"
    );
    assert_eq!(
        journal.len(),
        6,
        "order, pay and activation, each once: {journal:?}"
    );
    eprintln!(
        "order → pay → completed → ACTIVED against the sandbox took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Issue 19: a root and a subordinate in one sitting. Two CAs bought, paid and followed to completed;
/// the first activated as a root; the done screen offers the next as its subordinate, the type step
/// opens with the root chosen, the review names it by its common name and shows the path length and
/// the validity's dates; both read back ACTIVED. The sandbox keeps the chain on disk: a later
/// `--sandbox` command sees the subordinate under the root.
#[test]
fn wizard_root_then_subordinate_in_one_sitting() {
    let mut t = Spawn::new(&["--sandbox"]).size(100, 30).start();
    t.wait_for(STEP_1);
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send(key::BACKSPACE);
    t.send("2");
    t.wait_for("[2         ]");
    for next in [STEP_3, STEP_4, STEP_5] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.wait_for("[ Place order ]");
    t.send(key::ENTER);
    t.wait_for("Buy 2 private CAs");
    t.send("y");
    t.wait_for("The order was placed.");
    t.wait_for("p pay now");
    t.send("p");
    t.wait_for("now? y/N");
    t.send("y");
    t.wait_for("Completed: the CAs are bought.");
    t.wait_for("a activate");
    t.send("a");
    // The first CA: a root, every default (its common name "Private CA").
    t.wait_for("1/5 Type");
    t.wait_for("(+1)");
    enter_through_activation(&t);
    t.send("y");
    t.wait_for("Serial number");
    t.wait_for("as a subordinate of Private CA");
    let root_id = find_uuid(&t.screen()).expect("the root's id");
    t.send(key::ENTER);
    // The second: the root just activated is offered and chosen.
    t.wait_for("1/5 Type");
    t.wait_for(&format!("● Subordinate of Private CA ({root_id})"));
    t.send(key::ENTER);
    t.wait_for("2/5 Subject");
    t.send("Issuing CA");
    t.wait_for("Issuing CA");
    for next in ["3/5 Keys", "4/5 Validity", "5/5 Review"] {
        t.send(key::ENTER);
        t.wait_for(next);
    }
    t.wait_for(&format!("Issuer         Private CA ({root_id})"));
    t.wait_for("Path length    6 (default)");
    t.wait_for("1 month (default)");
    t.wait_for(" UTC to ");
    t.send(key::ENTER);
    t.wait_for("Activate this CA with these values? y/N");
    t.send("y");
    t.wait_for("Serial number");
    t.wait_for("Status         active");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    let journal = t.journal_lines();
    let activations: Vec<&serde_json::Value> = journal
        .iter()
        .filter(|l| l["state"] == "sending" && l["operation"] == "activate")
        .collect();
    assert_eq!(
        activations.len(),
        2,
        "two activations, each once: {journal:?}"
    );
    assert_eq!(activations[0]["request"]["type"], "ROOT", "{journal:?}");
    let sent = &activations[1]["request"];
    assert_eq!(sent["type"], "SUBORDINATE", "{journal:?}");
    assert_eq!(sent["issuer_id"], root_id.as_str(), "{journal:?}");
    assert_eq!(sent["path_length"], 6, "{journal:?}");

    // The same pretend account, read by a later command: the subordinate sits under the root.
    let out = Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", t.home())
        .args(["cas", "--sandbox", "--output", "json"])
        .stdin(Stdio::null())
        .output()
        .expect("cas");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cas = v["certificate_authorities"].as_array().expect("a list");
    let sub = cas
        .iter()
        .find(|c| c["type"] == "SUBORDINATE")
        .unwrap_or_else(|| panic!("a subordinate: {v}"));
    assert_eq!(sub["status"], "ACTIVED", "{v}");
    assert_eq!(sub["issuer_id"], root_id.as_str(), "{v}");
    assert_eq!(sub["path_length"], 6, "{v}");
    assert_eq!(sub["subject"]["common_name"], "Issuing CA", "{v}");
}

/// Issue 19, on a real terminal: Esc (a lone ESC byte, as tmux sends it after its delay) goes back one
/// step and never quits; typing into a prefilled field replaces it ("2" into "1" is 2, not 12); what
/// was typed is kept when coming back; `q` quits where no text field has focus.
#[test]
fn wizard_esc_goes_back_and_typing_replaces_a_prefilled_value() {
    const ESC: &str = "\x1b";
    let mut t = Spawn::new(&["--sandbox"]).start();
    t.wait_for(STEP_1);
    t.wait_for("[1 ");
    t.send("2");
    t.wait_until("the period replaced, not appended to", |s| {
        s.contains("[2 ") && !s.contains("[12")
    });
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send("3");
    t.wait_until("the quantity replaced", |s| {
        s.contains("[3 ") && !s.contains("[13")
    });
    t.send(key::ENTER);
    t.wait_for(STEP_3);
    t.send(ESC);
    t.wait_for(STEP_2);
    t.wait_for("[3 ");
    t.send(ESC);
    t.wait_for(STEP_1);
    t.wait_for("[2 ");
    // Esc on the first step does nothing: the wizard is still there and takes keys.
    t.send(ESC);
    t.send(key::ENTER);
    t.wait_for(STEP_2);
    t.send(key::ENTER);
    t.wait_for(STEP_3);
    t.send("q");
    assert_eq!(t.wait_exit(), 1, "screen:\n{}", t.screen());
}

// ---------------------------------------------------------------------------------------------------
// `pca-order manage` (issue 20): the wizard's "My CAs" on a CA bought in the test's own sandbox state.
// ---------------------------------------------------------------------------------------------------

/// Buys one auto-paid CA with `pca-order --sandbox order` in the pretend account kept under `state`
/// (`XDG_STATE_HOME`), the account a `manage --sandbox` given the same directory reads; its CA id.
fn buy_in_sandbox_state(state: &std::path::Path) -> String {
    let home = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", state)
        .args([
            "--sandbox",
            "order",
            "--auto-pay",
            "--yes",
            "--output",
            "json",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["ca_ids"][0].as_str().expect("a CA id").to_string()
}

#[test]
fn manage_lists_the_bought_ca_shows_it_activates_it_and_comes_back_to_a_fresh_table() {
    let state = tempfile::tempdir().expect("tmp");
    let ca_id = buy_in_sandbox_state(state.path());
    let mut t = Spawn::new(&["manage", "--sandbox"])
        .env("XDG_STATE_HOME", &state.path().display().to_string())
        .start();
    t.wait_for("pca-order · My CAs");
    // The bought CA, PENDING; no certificate yet. BSS lists its subscription once the paid order
    // has settled (the sandbox's 3 s), so `r` reads the table again after that.
    let screen = t.wait_for("pending");
    assert!(screen.contains("PAID UNTIL"), "{screen}");
    std::thread::sleep(std::time::Duration::from_millis(3200));
    t.send("r");
    let screen = t.wait_for("d left");
    assert!(screen.contains("pending"), "{screen}");
    assert!(
        screen.contains("a activate"),
        "PENDING: a is offered:\n{screen}"
    );
    // Enter shows it: both dates labelled apart; `b` goes back.
    t.send(key::ENTER);
    t.wait_for("paid until (subscription)");
    let screen = t.wait_for("not after (certificate)");
    assert!(screen.contains(&ca_id), "{screen}");
    t.send("b");
    t.wait_gone("paid until (subscription)");
    // A filter that matches nothing, cleared again.
    t.send("/zzz");
    t.wait_for("No CA matches the filter.");
    // Esc (sent alone, as a terminal does) clears it and gives the keys back to the table.
    t.send("\x1b");
    t.wait_gone("No CA matches the filter.");
    t.wait_for("pending");
    // `a` hands it to the activation flow; its end offers My CAs, which reads the table afresh.
    t.send(key::ENTER);
    t.wait_for("paid until (subscription)");
    t.send("a");
    enter_through_activation(&t);
    t.send("y");
    t.wait_for("Status active");
    t.wait_for("m My CAs");
    t.send("m");
    t.wait_for("pca-order · My CAs");
    let screen = t.wait_for("active");
    assert!(!screen.contains("pending"), "read afresh:\n{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "the CA reads ACTIVED: 0\n{}", t.screen());
    t.wait_for(&format!("CA {ca_id}: Activated (active)"));
}

#[test]
fn manage_switches_auto_renew_and_unsubscribes_only_with_the_typed_id() {
    let state = tempfile::tempdir().expect("tmp");
    let ca_id = buy_in_sandbox_state(state.path());
    let mut t = Spawn::new(&["manage", "--sandbox"])
        .env("XDG_STATE_HOME", &state.path().display().to_string())
        .start();
    t.wait_for("pca-order · My CAs");
    t.wait_for("pending");
    // BSS lists the subscription once the paid order has settled (the sandbox's 3 s).
    std::thread::sleep(std::time::Duration::from_millis(3200));
    t.send("r");
    t.wait_for("d left");
    // Auto-renew: asked with what BSS then does; `y` sends it once; the row is read back.
    t.send("t");
    t.wait_for("Switch auto-renew ON");
    t.send("y");
    t.wait_for("Auto-renew switched on");
    t.wait_for("BSS now reads auto-renew: on.");
    t.send(key::ENTER);
    t.wait_gone("Auto-renew switched on");
    // Unsubscribe the CA: a wrong answer sends nothing.
    t.send("u");
    t.wait_for("The CA: it stops issuing and is deleted");
    t.send(key::ENTER);
    t.wait_for("Type it here:");
    t.send("not-it");
    t.send(key::ENTER);
    t.wait_for("nothing was sent");
    // Its id, typed: sent, and the list read again.
    t.send("u");
    t.wait_for("The CA: it stops issuing and is deleted");
    t.send(key::ENTER);
    t.wait_for("Type it here:");
    t.send(&ca_id);
    t.send(key::ENTER);
    t.wait_for("Unsubscribed CA");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "both done: 0\n{}", t.screen());
}

#[test]
fn manage_speaks_chinese_and_names_both_dates_apart() {
    let state = tempfile::tempdir().expect("tmp");
    let ca_id = buy_in_sandbox_state(state.path());
    let mut t = Spawn::new(&["manage", "--sandbox"])
        .env("XDG_STATE_HOME", &state.path().display().to_string())
        .env("LANG", "zh_CN.UTF-8")
        .start();
    t.wait_for("pca-order · 我的 CA");
    let screen = t.wait_for("待激活");
    assert!(screen.contains("付费到期"), "{screen}");
    t.send(key::ENTER);
    t.wait_for("付费到期（订阅）");
    let screen = t.wait_for("失效时间（证书）");
    assert!(screen.contains(&ca_id), "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 1, "nothing sent: 1\n{}", t.screen());
}

#[test]
fn manage_without_a_tty_exits_2_pointing_at_cas() {
    let home = tempfile::tempdir().expect("tmp");
    for json in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pca-order"));
        cmd.env_clear()
            .env("HOME", home.path())
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .args(["manage", "--sandbox"]);
        if json {
            cmd.args(["--output", "json"]);
        }
        let out = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
        let said = if json { &stdout } else { &stderr };
        assert!(said.contains("pca-order cas"), "points at cas: {said}");
        if json {
            let v: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
            assert!(v.is_object(), "{v}");
        } else {
            assert!(stdout.is_empty(), "no screen drawn on a pipe: {stdout}");
        }
    }
    assert!(
        !home.path().join(".local/state/pca-order").exists(),
        "no sandbox state, no journal"
    );
}

/// Issue 21: activate a CA in the sandbox, then `e` on the done screen exports it — a PEM file named
/// after the CA in the current directory, shown with its fingerprint — and Esc comes back to the done
/// screen, whose outcome still decides the exit code (0). The file parses, and openssl reads it where
/// it is installed.
#[test]
fn activate_then_e_exports_the_certificate_to_a_pem_file_that_parses() {
    let b = Bought::new();
    let ca_id = b.ca_id.clone();
    let mut t = b.activate(&[&ca_id]);
    enter_through_activation(&t);
    t.send("y");
    t.wait_for("Status active");
    t.wait_for("e export");
    t.send("e");
    let screen = t.wait_for("Saved the certificate");
    assert!(screen.contains("SHA-256"), "{screen}");
    let pems: Vec<std::path::PathBuf> = std::fs::read_dir(t.home())
        .expect("the run's directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "pem"))
        .collect();
    assert_eq!(pems.len(), 1, "one certificate for a root: {pems:?}");
    let pem = std::fs::read_to_string(&pems[0]).expect("written");
    let cert = pca_order::certificate::parse_pem(&pem).expect("a certificate");
    // The fingerprint on screen is the file's (its first half, as the screen shows it in two rows).
    let fp = cert[0].summary().sha256.clone();
    let first_half: String = fp.chars().take(47).collect();
    assert!(
        pty_support::flatten(&t.screen()).contains(&first_half),
        "{fp} not on screen:\n{}",
        t.screen()
    );
    match Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&pems[0])
        .output()
    {
        Ok(o) => {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let out = String::from_utf8_lossy(&o.stdout).to_uppercase();
            assert!(out.contains(&fp), "openssl says {out}, the wizard {fp}");
        }
        Err(e) => eprintln!("openssl not installed ({e}): the round trip through it is skipped"),
    }
    // Back (`b`, as Esc: a lone Esc byte waits for the sequence it might start).
    t.send("b");
    t.wait_for("Status active");
    t.send(key::ENTER);
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    drop(b);
}

/// Issue 21: the CSR path of a bought (PENDING) CA from "My CAs": `s`, the subject form, the key row,
/// the one question naming the inferred step, `y` — the journaled save, then the CSR written to
/// `<name>.csr` in the current directory, the next `pca-order import --sandbox` command on screen
/// (copied as shown, it goes to the same sandbox, not to the real service). The file
/// parses as a CSR for the subject, and `openssl req` reads it where openssl is installed. Back on My
/// CAs the sent save decides the exit code (0).
#[test]
fn manage_s_saves_the_subject_and_writes_a_csr_that_openssl_reads() {
    let state = tempfile::tempdir().expect("tmp");
    let ca_id = buy_in_sandbox_state(state.path());
    let mut t = Spawn::new(&["manage", "--sandbox"])
        .env("XDG_STATE_HOME", &state.path().display().to_string())
        .start();
    t.wait_for("pca-order · My CAs");
    let screen = t.wait_for("pending");
    assert!(screen.contains("s CSR (own root)"), "offered:\n{screen}");
    // The paid order settles in the sandbox's 3 s; before that the save is refused (the CA's order is
    // not complete).
    std::thread::sleep(std::time::Duration::from_millis(3200));
    t.send("s");
    t.wait_for("CSR: sign by my own root");
    t.wait_for("Common name");
    // The defaults (CN "Private CA", C=CN): Enter to the key row, Enter asks.
    t.send(key::ENTER);
    t.send(key::ENTER);
    let screen = t.wait_for("inferred step");
    assert!(screen.contains("INFERRED"), "{screen}");
    t.send("y");
    let screen = t.wait_for("Wrote the CSR");
    let flat = pty_support::flatten(&screen);
    assert!(
        flat.contains(&format!(
            "pca-order import --sandbox {ca_id} --certificate FILE"
        )),
        "{screen}"
    );
    let path = t.home().join("Private_CA.csr");
    let pem = std::fs::read_to_string(&path).expect("the CSR file");
    let csr = pca_order::certificate::parse_csr(&pem).expect("a CSR");
    assert!(csr.subject().contains("Private CA"), "{}", csr.subject());
    match Command::new("openssl")
        .args(["req", "-noout", "-subject", "-in"])
        .arg(&path)
        .output()
    {
        Ok(o) => {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let out = String::from_utf8_lossy(&o.stdout);
            assert!(out.contains("Private CA"), "openssl says {out}");
        }
        Err(e) => eprintln!("openssl not installed ({e}): reading the CSR with it is skipped"),
    }
    // Back (`b`, as Esc) to My CAs, then leave: the save was sent and done.
    t.send("b");
    t.wait_for("pca-order · My CAs");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "a save done: 0\n{}", t.screen());
    // Printed on the normal screen too: the file and the next command are not lost with the wizard.
    t.wait_for(&format!("CA {ca_id}: ✓ Wrote the CSR"));
    t.wait_for(&format!(
        "pca-order import --sandbox {ca_id} --certificate FILE"
    ));
}

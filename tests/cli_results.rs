//! What a command's result tells a person (issue 19, items 10 and 11): the amount of an order and of a
//! payment, the next step after an order completes, the spinner of `--wait` (on a terminal only), and
//! `activate` alone listing each PENDING CA with its order and refusing one whose order is not paid.
//! Commands run in-process on the shared pretend account (`--sandbox`) in a temporary HOME; the spinner
//! runs the binary in a pseudo-terminal.

use std::path::Path;

use pca_order::cli::io::{Io, Terminal};
use pca_order::cli::{parse_command_line, run_with};

#[allow(dead_code)]
mod pty_support;

/// What a run printed and how it ended.
#[derive(Debug)]
struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A command line run in this process with `HOME` (and `LANG`) set, on the given terminal, reading
/// `input` as stdin.
fn in_process(home: &Path, lang: &str, terminal: Terminal, input: &str, args: &[&str]) -> Ran {
    let home_s = home.to_str().expect("a UTF-8 temp path");
    let (io, captured) = Io::capture(&[("HOME", home_s), ("LANG", lang)]);
    let mut io = io
        .with_terminal(terminal)
        .with_input(std::io::Cursor::new(input.as_bytes().to_vec()));
    let argv = std::iter::once("pca-order").chain(args.iter().copied());
    let cli = parse_command_line(argv.map(Into::into)).expect("the command line parses");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let code = rt.block_on(run_with(cli, &mut io));
    Ran {
        code,
        stdout: captured.stdout(),
        stderr: captured.stderr(),
    }
}

/// No terminal, nothing on stdin: how a script runs a command.
fn script(home: &Path, lang: &str, args: &[&str]) -> Ran {
    in_process(home, lang, Terminal::default(), "", args)
}

const LANGS: [(&str, &str, &str); 2] = [
    // (LANG, the amount label, the "next: activate" words)
    ("C.UTF-8", "amount:", "Next: activate the CAs"),
    ("zh_CN.UTF-8", "应付金额:", "下一步：激活 CA"),
];

/// The order id in a result.
fn order_id(text: &str) -> String {
    pty_support::find_order_id(text).unwrap_or_else(|| panic!("an order id in {text}"))
}

#[test]
fn order_yes_and_pay_show_the_amount_and_a_second_ca_id_lines_up_without_a_colon() {
    for (lang, amount, _) in LANGS {
        let home = tempfile::tempdir().expect("tmp");
        let o = script(
            home.path(),
            lang,
            &["--sandbox", "order", "--quantity", "2", "--yes"],
        );
        assert_eq!(o.code, 0, "{o:?}");
        let line = |text: &str, what: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(what))
                .unwrap_or_else(|| panic!("{what} in {text}"))
                .to_string()
        };
        // 2 CAs × 1 month at the sandbox's 1200.00 CNY a month.
        assert!(
            line(&o.stdout, amount).ends_with("2,400.00 CNY"),
            "{}",
            o.stdout
        );
        // The second CA id continues the first row: under the values, with no label and no colon.
        let lines: Vec<&str> = o.stdout.lines().collect();
        let first = lines
            .iter()
            .position(|l| l.contains("CA ID"))
            .expect("the CA ids");
        let (a, b) = (lines[first], lines[first + 1]);
        assert!(!b.contains(':') && !b.contains('：'), "{}", o.stdout);
        let value_at = |l: &str| l.rfind(' ').map_or(0, |i| i + 1);
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(&a[..value_at(a)]),
            value_at(b),
            "the two ids line up: {}",
            o.stdout
        );
        let id = order_id(&o.stdout);
        let o = script(home.path(), lang, &["--sandbox", "pay", &id, "--yes"]);
        assert_eq!(o.code, 0, "{o:?}");
        assert!(
            line(&o.stdout, amount).ends_with("2,400.00 CNY"),
            "{}",
            o.stdout
        );
    }
}

#[test]
fn status_wait_ends_with_the_activate_step_and_draws_no_spinner_off_a_terminal() {
    for (lang, _, next) in LANGS {
        let home = tempfile::tempdir().expect("tmp");
        let o = script(
            home.path(),
            lang,
            &["--sandbox", "order", "--auto-pay", "--yes"],
        );
        assert_eq!(o.code, 0, "{o:?}");
        let id = order_id(&o.stdout);
        let ca = o
            .stdout
            .split_whitespace()
            .find(|w| w.len() == 36 && w.matches('-').count() == 4)
            .expect("a CA id")
            .to_string();
        let o = script(home.path(), lang, &["--sandbox", "status", &id, "--wait"]);
        assert_eq!(o.code, 0, "{o:?}");
        let last = o.stdout.trim_end().lines().last().unwrap_or("");
        assert!(last.starts_with(next), "{}", o.stdout);
        assert!(
            last.contains(&format!("`pca-order activate {ca} --sandbox`")),
            "{}",
            o.stdout
        );
        // stderr is no terminal: progress lines only, never a spinner redrawn in place.
        assert!(!o.stderr.contains('\r'), "{:?}", o.stderr);
        assert!(!o.stderr.contains("\x1b["), "{:?}", o.stderr);
    }
}

/// `status --wait` with stderr on a terminal: a spinner with the seconds waited, redrawn in place, and
/// gone from the screen once the result is printed (which ends with the next step).
#[test]
fn status_wait_on_a_terminal_shows_a_spinner_with_the_seconds_and_clears_it() {
    let home = tempfile::tempdir().expect("tmp");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home.path())
        .args(["--sandbox", "order", "--auto-pay", "--yes"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let id = order_id(&String::from_utf8_lossy(&o.stdout));
    let home_s = home.path().to_str().expect("a UTF-8 temp path");
    let mut t = pty_support::Spawn::new(&["--sandbox", "status", &id, "--wait"])
        .env("HOME", home_s)
        .start();
    let screen = t.wait_for("s waiting for the order; Ctrl-C leaves");
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with(['|', '/', '-', '\\']) && l.contains("s waiting")),
        "{screen}"
    );
    assert_eq!(t.wait_exit(), 0, "{}", t.screen());
    let screen = t.wait_for("Next: activate the CAs");
    assert!(!screen.contains("waiting for the order"), "{screen}");
    assert!(
        pty_support::find(&t.raw(), b"\r\x1b[K").is_some(),
        "redrawn in place"
    );
}

/// All three streams a terminal: someone can read the list and answer.
const TTY: Terminal = Terminal {
    stdin: true,
    stdout: true,
    stderr: true,
};

const ACTIVATE_WORDS: [(&str, &str, &str, &str); 2] = [
    // (LANG, the list's title, "not paid", "paid")
    (
        "C.UTF-8",
        "PENDING CAs of this account",
        "NOT PAID",
        "paid, complete",
    ),
    (
        "zh_CN.UTF-8",
        "待激活（PENDING）的 CA 及其订单",
        "未支付",
        "已支付，已完成",
    ),
];

/// The CA ids an order result lists.
fn ca_ids(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.len() == 36 && w.matches('-').count() == 4)
        .map(str::to_string)
        .collect()
}

/// `activate` alone on a terminal lists each PENDING CA with its order and whether it is paid; choosing
/// one whose order is not paid is refused before the wizard's steps, naming the pay command (exit 3);
/// `activate CA_ID` for it is refused the same way.
#[test]
fn activate_alone_lists_each_pending_ca_with_its_order_and_refuses_an_unpaid_one() {
    for (lang, title, unpaid, _) in ACTIVATE_WORDS {
        let home = tempfile::tempdir().expect("tmp");
        let o = script(home.path(), lang, &["--sandbox", "order", "--yes"]);
        assert_eq!(o.code, 0, "{o:?}");
        let (order, ca) = (order_id(&o.stdout), ca_ids(&o.stdout).remove(0));
        let o = in_process(home.path(), lang, TTY, "1\n", &["--sandbox", "activate"]);
        assert_eq!(o.code, 3, "{o:?}");
        assert!(o.stderr.contains(title), "{}", o.stderr);
        let row = o
            .stderr
            .lines()
            .find(|l| l.contains(&ca))
            .unwrap_or_else(|| panic!("{ca} listed: {}", o.stderr));
        assert!(row.contains(&order) && row.contains(unpaid), "{row}");
        let pay = format!("`pca-order pay {order} --sandbox`");
        assert!(o.stderr.contains(&pay), "{}", o.stderr);
        if lang == "C.UTF-8" {
            assert!(
                o.stderr.contains(&format!("pay order {order} first")),
                "{}",
                o.stderr
            );
        }
        // Named directly, the same CA is refused the same way, before anything opens.
        let o = in_process(home.path(), lang, TTY, "", &["--sandbox", "activate", &ca]);
        assert_eq!(o.code, 3, "{o:?}");
        assert!(o.stderr.contains(&pay), "{}", o.stderr);
    }
}

/// A paid, complete order's CA reads "paid" in the list; Enter alone cancels (exit 1, nothing sent).
#[test]
fn activate_alone_marks_a_completed_order_paid_and_enter_cancels() {
    for (lang, _, unpaid, paid) in ACTIVATE_WORDS {
        let home = tempfile::tempdir().expect("tmp");
        let o = script(
            home.path(),
            lang,
            &["--sandbox", "order", "--auto-pay", "--yes", "--wait"],
        );
        assert_eq!(o.code, 0, "{o:?}");
        let (order, ca) = (order_id(&o.stdout), ca_ids(&o.stdout).remove(0));
        let o = in_process(home.path(), lang, TTY, "\n", &["--sandbox", "activate"]);
        assert_eq!(o.code, 1, "{o:?}");
        let row = o
            .stderr
            .lines()
            .find(|l| l.contains(&ca))
            .unwrap_or_else(|| panic!("{ca} listed: {}", o.stderr));
        assert!(row.contains(&order) && row.contains(paid), "{row}");
        assert!(!row.contains(unpaid), "{row}");
    }
}

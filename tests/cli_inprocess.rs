//! Commands run in-process through an injected [`Io`] (buffers for stdout and stderr, no terminal, a
//! made-up environment) print exactly what the binary prints and end with the same exit code: the
//! in-process path is the real one, so a command can be tested without spawning the binary.

use std::path::Path;
use std::process::{Command, Stdio};

use pca_order::cli::io::Io;
use pca_order::cli::{parse_command_line, run_with};

/// A journal holding every line kind written today: orders (created, rejected with and without a
/// request id, unknown, not sent, no answer), pay and cancel, activations, pretend orders (sandbox, and
/// plain http on loopback), a line of a future version, torn lines and a non-UTF-8 line.
const JOURNAL: &[u8] = include_bytes!("fixtures/cli_inprocess_journal.jsonl");

/// What a run printed and how it ended.
#[derive(Debug, PartialEq, Eq)]
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// The binary, with only `HOME` (and `extra`) in its environment, stdin closed.
fn binary(home: &Path, extra: &[(&str, &str)], args: &[&str]) -> Ran {
    let o = Command::new(env!("CARGO_BIN_EXE_pca-order"))
        .env_clear()
        .env("HOME", home)
        .envs(extra.iter().copied())
        .current_dir(home)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Ran {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The same command line run in this process, through captured output and the same environment.
fn in_process(home: &Path, extra: &[(&str, &str)], args: &[&str]) -> Ran {
    let home_s = home.to_str().expect("a UTF-8 temp path");
    let mut env = vec![("HOME", home_s)];
    env.extend_from_slice(extra);
    let (mut io, captured) = Io::capture(&env);
    let argv = std::iter::once("pca-order").chain(args.iter().copied());
    let cli = parse_command_line(argv.map(Into::into)).expect("the command line parses");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let code = rt.block_on(run_with(cli, &mut io));
    Ran {
        code: Some(code),
        stdout: captured.stdout(),
        stderr: captured.stderr(),
    }
}

/// A home holding the fixture journal, and the journal's path.
fn home_with_journal() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let j = dir.path().join("journal.jsonl");
    std::fs::write(&j, JOURNAL).expect("write the journal");
    (dir, j)
}

#[test]
fn history_in_process_prints_what_the_binary_prints() {
    let (dir, j) = home_with_journal();
    let j = j.to_str().expect("a UTF-8 temp path");
    let cases: [&[&str]; 4] = [
        &["history", "--journal", j],
        &["history", "--journal", j, "--output", "json"],
        &["history", "--sandbox", "--journal", j],
        &["history", "--sandbox", "--journal", j, "--output", "json"],
    ];
    for args in cases {
        let want = binary(dir.path(), &[], args);
        assert_eq!(want.code, Some(0), "{want:?}");
        assert!(want.stdout.contains("CS2601010000ABCDE"), "{want:?}");
        // The text warns on stderr (damaged lines, a journal others can read); the JSON says it inside.
        let json = args.contains(&"json");
        assert_eq!(want.stderr.contains("damaged"), !json, "{want:?}");
        assert_eq!(in_process(dir.path(), &[], args), want, "{args:?}");
    }
}

#[test]
fn history_in_process_follows_the_injected_environment() {
    let (dir, j) = home_with_journal();
    let j = j.to_str().expect("a UTF-8 temp path");
    // The language comes from the environment given, not the test process's own.
    let zh = [("LANG", "zh_CN.UTF-8")];
    let args = ["history", "--journal", j];
    let want = binary(dir.path(), &zh, &args);
    assert_ne!(
        want,
        binary(dir.path(), &[], &args),
        "the locale changes the words"
    );
    assert_eq!(in_process(dir.path(), &zh, &args), want);
    // No journal anywhere: the default path under the given HOME, and the same answer.
    let args = ["history", "--output", "json"];
    assert_eq!(
        in_process(dir.path(), &[], &args),
        binary(dir.path(), &[], &args)
    );
}

#[test]
fn usage_failures_in_process_match_the_binary() {
    let dir = tempfile::tempdir().expect("tmp");
    let cases: [&[&str]; 6] = [
        &["pay", "not-an-order-id"],
        &["pay", "CS2601010000ABCDE"],
        &["cancel", "CS2601010000ABCDE", "--output", "json"],
        &["cas", "--status", "NOPE"],
        &["ca", "too-short", "--output", "json"],
        &["activate", "--output", "json"],
    ];
    for args in cases {
        let want = binary(dir.path(), &[], args);
        assert_eq!(want.code, Some(2), "{args:?}: {want:?}");
        assert_eq!(in_process(dir.path(), &[], args), want, "{args:?}");
    }
}

/// The question is asked on the injected terminal and answered from the injected stdin: "n" sends
/// nothing (exit 1, no journal line), "y" sends the cancel once (journaled; the sandbox knows no such
/// order, so BSS refuses it: exit 3).
#[test]
fn a_question_in_process_is_answered_from_the_injected_stdin() {
    use pca_order::cli::io::Terminal;
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path().to_str().expect("a UTF-8 temp path");
    let t = pca_order::text::Lang::En.text();
    let terminal = Terminal {
        stdin: true,
        stdout: true,
        stderr: true,
    };
    for (answer, code, sent) in [("n\n", 1, false), ("y\n", 3, true)] {
        let journal = dir.path().join(format!("journal-{}.jsonl", answer.trim()));
        let j = journal.to_str().expect("a UTF-8 temp path");
        let (io, captured) = Io::capture(&[("HOME", home)]);
        let mut io = io.with_terminal(terminal).with_input(answer.as_bytes());
        let args = [
            "pca-order",
            "cancel",
            "CS2601010000ABCDE",
            "--sandbox",
            "--journal",
            j,
        ];
        let cli = parse_command_line(args.map(Into::into)).expect("the command line parses");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let got = rt.block_on(run_with(cli, &mut io));
        let err = captured.stderr();
        assert_eq!(got, code, "{answer:?}: {err}");
        assert!(
            err.contains(&t.bill_cancel_question("CS2601010000ABCDE")),
            "{err}"
        );
        assert_eq!(err.contains(t.cli_cancelled), !sent, "{err}");
        let lines = std::fs::read_to_string(&journal).unwrap_or_default();
        assert_eq!(lines.contains("action_sending"), sent, "{lines}");
    }
}

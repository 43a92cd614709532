//! The journal as a hostile file system meets it: symlinks, FIFOs, devices and directories at its path,
//! files others can read, torn last lines and damaged bytes. None may hang, chmod a stranger's file, or
//! hide an order id.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use pca_order::api::error::{Created, Outcome};
use pca_order::journal::{ActionKind, ActionLine, ActivationEvent, Event, Journal, SendingLine};
use pca_order::order::OrderDraft;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn sending(attempt_id: &str) -> SendingLine {
    SendingLine {
        attempt_id: attempt_id.to_string(),
        region: "cn-north-4".to_string(),
        endpoint:
            "https://ccm.cn-north-4.myhuaweicloud.com/v1/private-certificate-authorities/order"
                .to_string(),
        credential_source: "test".to_string(),
        sandbox: false,
        request: OrderDraft::default().validate(None).expect("valid"),
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("meta").permissions().mode() & 0o7777
}

/// Runs `f` on its own thread and fails the test (instead of hanging it) if it takes over 10 s.
fn within_bound<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the journal must not block on what sits at its path")
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system node.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

#[test]
fn a_symlink_at_the_journal_path_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "the victim's file\n").expect("write");
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).expect("chmod");
    let link = dir.path().join("orders.jsonl");
    symlink(&victim, &link).expect("symlink");
    let journal = Journal::new(link.clone());
    let err = journal.record_sending(&sending("a1")).expect_err("refused");
    // pca-order's own explanation, not the OS's "Too many levels of symbolic links" (which also says
    // "symbolic link" but not what to do about it).
    assert!(
        err.to_string()
            .contains("a symbolic link (never followed for the journal)")
            && err.to_string().contains("not a regular file"),
        "{err}"
    );
    let check = journal.check().expect_err("check refuses too");
    assert!(
        check.contains(&link.display().to_string()),
        "names the path: {check}"
    );
    assert_eq!(
        fs::read_to_string(&victim).expect("read"),
        "the victim's file\n"
    );
    assert_eq!(mode(&victim), 0o644, "the target's mode is never changed");
    // A dangling link is not followed to create a file either.
    let dangling = dir.path().join("dangling.jsonl");
    let target = dir.path().join("created-through-link");
    symlink(&target, &dangling).expect("symlink");
    assert!(
        Journal::new(dangling)
            .record_sending(&sending("a2"))
            .is_err()
    );
    assert!(!target.exists(), "nothing was created through the link");
}

#[test]
fn a_fifo_at_the_journal_path_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("orders.jsonl");
    mkfifo(&fifo);
    let path = fifo.clone();
    let (write, check, read) = within_bound(move || {
        let journal = Journal::new(path);
        (
            journal.record_sending(&sending("f1")),
            journal.check(),
            journal.read(),
        )
    });
    let err = write.expect_err("refused");
    assert!(err.to_string().contains("FIFO"), "{err}");
    assert!(check.expect_err("refused").contains("FIFO"));
    assert!(
        read.expect_err("history refuses it too")
            .to_string()
            .contains("FIFO")
    );
}

#[test]
fn a_device_at_the_journal_path_is_refused_and_keeps_its_mode() {
    let dir = tempfile::tempdir().expect("tmp");
    // A private null device when allowed (root), so no system file is at stake; else /dev/null, which an
    // unprivileged user could not chmod anyway.
    let node = dir.path().join("null");
    let c = std::ffi::CString::new(node.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mknod only creates a file system node (1,3 is /dev/null's).
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) } == 0;
    let device = if made {
        node
    } else {
        Path::new("/dev/null").to_path_buf()
    };
    let before = mode(&device);
    let path = device.clone();
    let result = within_bound(move || Journal::new(path).record_sending(&sending("d1")));
    let err = result.expect_err("refused");
    assert!(err.to_string().contains("character device"), "{err}");
    assert_eq!(mode(&device), before, "the device's mode is never changed");
}

/// A journal the kernel will not let anyone create or write, root included: sysfs refuses both with
/// "permission denied" (a read-only /sys, as in a container, with "read-only file system").
#[test]
fn a_journal_that_cannot_be_created_or_written_is_refused_with_the_kernels_reason() {
    if !Path::new("/sys/kernel/uevent_seqnum").is_file() {
        eprintln!("skipped: no sysfs here");
        return;
    }
    // Nothing at the path, and no file may be created there: the creation's error, not "not found".
    let kernels = |e: &std::io::Error| {
        use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
        matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem)
    };
    let new = Journal::new("/sys/kernel/pca-order-journal.jsonl".into())
        .record_sending(&sending("x"))
        .expect_err("refused");
    assert!(kernels(&new), "{new}");
    // A regular file that cannot be opened for writing: the open's error, not "not a regular file".
    let existing = Journal::new("/sys/kernel/uevent_seqnum".into())
        .record_sending(&sending("x"))
        .expect_err("refused");
    assert!(kernels(&existing), "{existing}");
    assert!(!existing.to_string().contains("regular file"), "{existing}");
}

#[test]
fn a_directory_at_the_journal_path_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let err = Journal::new(dir.path().to_path_buf())
        .record_sending(&sending("x"))
        .expect_err("refused");
    // pca-order's explanation, not only the OS's "Is a directory".
    assert!(
        err.to_string()
            .contains("it is a directory, not a regular file"),
        "{err}"
    );
}

#[test]
fn a_new_journal_is_0600_and_an_existing_one_keeps_its_mode_with_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let new = dir.path().join("new.jsonl");
    let journal = Journal::new(new.clone());
    journal.record_sending(&sending("n1")).expect("write");
    assert_eq!(mode(&new), 0o600);
    assert_eq!(journal.check(), Ok(None), "no warning for a private file");

    let shared = dir.path().join("shared.jsonl");
    fs::write(&shared, "").expect("write");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).expect("chmod");
    let journal = Journal::new(shared.clone());
    let warning = journal
        .check()
        .expect("usable")
        .expect("a warning")
        .to_string();
    assert!(
        warning.contains("other users") && warning.contains(&shared.display().to_string()),
        "{warning}"
    );
    journal.record_sending(&sending("s1")).expect("write");
    assert_eq!(
        mode(&shared),
        0o644,
        "pca-order never chmods a file it did not create"
    );
}

#[test]
fn a_torn_last_line_does_not_swallow_the_next_attempt() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let journal = Journal::new(path.clone());
    journal.record_sending(&sending("whole")).expect("write");
    // A crash mid-write: half a line, no newline.
    let mut text = fs::read_to_string(&path).expect("read");
    let torn = text.clone();
    text.push_str(&torn[..torn.len() / 2]);
    fs::write(&path, text).expect("write");
    journal.record_sending(&sending("next")).expect("write");
    journal
        .record_outcome(
            "next",
            &Outcome::Done(Created {
                order_id: "CS2601010000ABCDE".into(),
                ca_ids: vec!["c".into()],
            }),
        )
        .expect("write");
    let h = journal.read().expect("read");
    let ids: Vec<&str> = h.attempts.iter().map(|a| a.attempt_id.as_str()).collect();
    assert_eq!(ids, ["whole", "next"], "{h:?}");
    assert!(h.attempts[1].sending.is_some(), "the sending line survived");
    assert!(matches!(h.attempts[1].outcome, Some(Event::Created { .. })));
    assert_eq!(h.unreadable_lines, [2], "only the torn line is lost");
}

#[test]
fn damaged_lines_are_skipped_and_counted_never_fatal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let journal = Journal::new(path.clone());
    journal.record_sending(&sending("first")).expect("write");
    let mut bytes = fs::read(&path).expect("read");
    bytes.extend_from_slice(b"{\"ts\":\"\xff\xfe\"}\n"); // invalid UTF-8
    bytes.extend_from_slice(b"not json at all\n");
    fs::write(&path, bytes).expect("write");
    journal.record_sending(&sending("second")).expect("write");
    let h = journal.read().expect("one bad byte is never fatal");
    assert_eq!(h.attempts.len(), 2, "{h:?}");
    assert_eq!(h.unreadable_lines, [2, 3]);
}

fn raw_lines(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .expect("read")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

fn action(attempt_id: &str, endpoint: &str, sandbox: bool) -> ActionLine {
    ActionLine {
        attempt_id: attempt_id.to_string(),
        kind: ActionKind::Pay,
        order_id: "CS2611291200ABCDE".to_string(),
        region: "cn-north-4".to_string(),
        endpoint: endpoint.to_string(),
        credential_source: "test".to_string(),
        sandbox,
    }
}

fn activation_sending(endpoint: &str, sandbox: bool) -> ActivationEvent {
    ActivationEvent::Sending {
        region: "cn-north-4".to_string(),
        endpoint: endpoint.to_string(),
        credential_source: "test".to_string(),
        sandbox,
        request: serde_json::json!({"key_algorithm": "RSA2048"}),
    }
}

#[test]
fn every_line_is_one_whole_line_naming_its_state_and_the_utc_time_it_was_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let journal = Journal::new(path.clone());
    assert_eq!(journal.path(), path, "the path shown after every order");
    let before = OffsetDateTime::now_utc();
    journal.record_sending(&sending("o1")).expect("write");
    journal
        .record_event(
            "o1",
            Event::Created {
                order_id: "CS2611291200ABCDE".into(),
                ca_ids: vec!["ca-1".into()],
            },
        )
        .expect("write");
    journal
        .record_action_sending(&action("p1", "https://bss.myhuaweicloud.com/v3/x", false))
        .expect("write");
    journal
        .record_event(
            "p1",
            Event::Done {
                kind: ActionKind::Pay,
                order_id: "CS2611291200ABCDE".into(),
            },
        )
        .expect("write");
    journal
        .record_event(
            "n1",
            Event::NotSent {
                reason: "no route".into(),
            },
        )
        .expect("write");
    journal
        .record_activation(
            "a1",
            "ca-1",
            activation_sending("https://x/activate", false),
        )
        .expect("write");
    journal
        .record_activation("a1", "ca-1", ActivationEvent::Activated)
        .expect("write");
    let after = OffsetDateTime::now_utc();

    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.ends_with('\n') && !text.contains("\n\n") && !text.starts_with('\n'),
        "one line per record, no blank lines: {text:?}"
    );
    let lines = raw_lines(&path);
    let states: Vec<&str> = lines
        .iter()
        .map(|l| l["state"].as_str().expect("state"))
        .collect();
    assert_eq!(
        states,
        [
            "sending",
            "created",
            "action_sending",
            "done",
            "not_sent",
            "sending",
            "activated"
        ]
    );
    for line in &lines {
        let ts = line["ts"].as_str().expect("ts");
        let at = OffsetDateTime::parse(ts, &Rfc3339).unwrap_or_else(|e| panic!("{ts}: {e}"));
        assert_eq!(at.offset(), time::UtcOffset::UTC, "{ts}");
        assert!(before <= at && at <= after, "{ts} is the time of writing");
    }

    // The words `history` prints are the states on disk.
    let h = journal.read().expect("read");
    assert_eq!(h.unreadable_lines, Vec::<usize>::new());
    let words: Vec<&str> = h
        .attempts
        .iter()
        .map(|a| a.outcome.as_ref().map_or("-", Event::state))
        .collect();
    assert_eq!(words, ["created", "done", "not_sent"]);
    assert_eq!(
        Event::Rejected {
            status: 400,
            error_code: "PCA.1".into(),
            error_msg: "no".into(),
            request_id: None
        }
        .state(),
        "rejected"
    );
    assert_eq!(
        Event::Unknown {
            reason: "cut".into()
        }
        .state(),
        "unknown"
    );
    let p1 = h.attempts[1].action.as_ref().expect("the pay line");
    assert_eq!(
        (p1.kind.word(), p1.order_id.as_str()),
        ("pay", "CS2611291200ABCDE")
    );
    assert_eq!(ActionKind::Cancel.word(), "cancel");
    assert!(h.attempts[0].sending.is_some());
}

#[test]
fn activations_pair_with_their_outcome_and_their_damaged_lines_are_counted() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let journal = Journal::new(path.clone());
    journal
        .record_activation("a1", "ca-1", activation_sending("https://x/1", false))
        .expect("write");
    journal
        .record_activation("a2", "ca-2", activation_sending("https://x/2", false))
        .expect("write");
    let mut text = fs::read_to_string(&path).expect("read");
    text.push_str("{\"operation\":\"activate\",\"state\":\"activated\"}\n"); // no attempt or CA id
    fs::write(&path, text).expect("write");
    journal
        .record_activation(
            "a1",
            "ca-1",
            ActivationEvent::Unknown {
                reason: "cut short".into(),
            },
        )
        .expect("write");
    let h = journal.read().expect("read");
    assert_eq!(
        h.unreadable_lines,
        [3],
        "the damaged activation line, by number"
    );
    let got: Vec<(&str, &str, bool, Option<&ActivationEvent>)> = h
        .activations
        .iter()
        .map(|a| {
            (
                a.attempt_id.as_str(),
                a.ca_id.as_str(),
                a.sending.is_some(),
                a.outcome.as_ref(),
            )
        })
        .collect();
    let unknown = ActivationEvent::Unknown {
        reason: "cut short".into(),
    };
    assert_eq!(
        got,
        [
            ("a1", "ca-1", true, Some(&unknown)),
            ("a2", "ca-2", true, None)
        ],
        "a2 stopped before an answer"
    );
    assert!(h.attempts.is_empty(), "an activation is not an order");
}

#[test]
fn only_sandbox_and_plain_http_loopback_attempts_are_pretend() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let journal = Journal::new(path.clone());
    let mut sandboxed = sending("sandbox");
    sandboxed.sandbox = true;
    journal.record_sending(&sandboxed).expect("write");
    let mut local = sending("local-http");
    local.endpoint = "http://127.0.0.1:8443/v1/private-certificate-authorities/order".into();
    journal.record_sending(&local).expect("write");
    journal.record_sending(&sending("real")).expect("write");
    journal
        .record_event("lost", Event::Unknown { reason: "x".into() })
        .expect("write");
    journal
        .record_action_sending(&action("pay-sandbox", "https://bss.example/pay", true))
        .expect("write");
    journal
        .record_action_sending(&action(
            "pay-real",
            "https://bss.myhuaweicloud.com/pay",
            false,
        ))
        .expect("write");
    journal
        .record_activation("act-real", "ca-1", activation_sending("https://x/a", false))
        .expect("write");
    journal
        .record_activation(
            "act-sandbox",
            "ca-2",
            activation_sending("https://x/a", true),
        )
        .expect("write");
    journal
        .record_activation(
            "act-local",
            "ca-3",
            activation_sending("http://127.0.0.1:1/a", false),
        )
        .expect("write");
    journal
        .record_activation("act-lost", "ca-4", ActivationEvent::Activated)
        .expect("write");
    let h = journal.read().expect("read");
    let attempts: Vec<(&str, bool)> = h
        .attempts
        .iter()
        .map(|a| (a.attempt_id.as_str(), a.is_pretend()))
        .collect();
    assert_eq!(
        attempts,
        [
            ("sandbox", true),
            ("local-http", true),
            ("real", false),
            ("lost", false),
            ("pay-sandbox", true),
            ("pay-real", false),
        ],
        "a lost sending line counts as real (the careful side)"
    );
    let activations: Vec<(&str, bool)> = h
        .activations
        .iter()
        .map(|a| (a.attempt_id.as_str(), a.is_pretend()))
        .collect();
    assert_eq!(
        activations,
        [
            ("act-real", false),
            ("act-sandbox", true),
            ("act-local", true),
            ("act-lost", false),
        ]
    );
}

#[test]
fn a_missing_journal_is_an_empty_history_and_needs_no_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("never-written.jsonl"));
    assert_eq!(journal.check(), Ok(None));
    let h = journal.read().expect("a missing file is no error");
    assert!(h.attempts.is_empty() && h.activations.is_empty() && h.unreadable_lines.is_empty());
}

#[test]
fn a_journal_in_a_new_directory_creates_it_private() {
    let dir = tempfile::tempdir().expect("tmp");
    let nested = dir.path().join("state").join("pca-order");
    let path = nested.join("orders.jsonl");
    Journal::new(path.clone())
        .record_sending(&sending("n1"))
        .expect("write");
    assert_eq!(mode(&nested), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(Journal::new(path).read().expect("read").attempts.len(), 1);
}

#[test]
fn a_journal_readable_by_the_group_alone_is_warned_about_with_its_mode() {
    let dir = tempfile::tempdir().expect("tmp");
    for (m, warns) in [(0o640, true), (0o604, true), (0o600, false), (0o400, false)] {
        let path = dir.path().join(format!("j{m:o}.jsonl"));
        fs::write(&path, "").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(m)).expect("chmod");
        let warning = Journal::new(path).check().expect("usable");
        assert_eq!(warning.is_some(), warns, "mode {m:o}: {warning:?}");
        if let Some(w) = warning {
            assert!(w.to_string().contains(&format!("mode {m:04o}")), "{w}");
        }
    }
}

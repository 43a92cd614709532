//! The journal as a hostile file system meets it: symlinks, FIFOs, devices and directories at its path,
//! files others can read, torn last lines and damaged bytes. None may hang, chmod a stranger's file, or
//! hide an order id.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use pca_order::api::error::{Created, Outcome};
use pca_order::journal::{Event, Journal, SendingLine};
use pca_order::order::OrderDraft;

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
    assert!(err.to_string().contains("symbolic link"), "{err}");
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

#[test]
fn a_directory_at_the_journal_path_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let err = Journal::new(dir.path().to_path_buf())
        .record_sending(&sending("x"))
        .expect_err("refused");
    assert!(err.to_string().contains("directory"), "{err}");
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
    let warning = journal.check().expect("usable").expect("a warning");
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

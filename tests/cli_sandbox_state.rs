//! One pretend account across processes (issue 17): every `--sandbox` command and the standalone sandbox
//! share one state file under the state directory; it survives separate processes, many at once, and a
//! damaged or planted file is reported, never replaced.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{json_out, text};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

fn state_file(home: &Path) -> PathBuf {
    home.join("state/pca-order/sandbox-state.json")
}

fn order(home: &Path) -> String {
    let v = json_out(&run(
        home,
        &["order", "--sandbox", "--yes", "--output", "json"],
    ));
    v["order_id"].as_str().expect("order id").to_string()
}

#[test]
fn order_pay_status_activate_and_cas_see_one_account_across_processes() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let o = run(h, &["order", "--sandbox", "--yes"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    // The result's own advice is a command that works in the next process.
    let next = out
        .split('`')
        .find(|s| s.starts_with("pca-order pay "))
        .unwrap_or_else(|| panic!("a pay command in {out}"));
    let words: Vec<&str> = next.split_whitespace().skip(1).collect();
    assert!(words.contains(&"--sandbox"), "{next}");
    let id = words[1].to_string();
    let mut args = words.clone();
    args.push("--yes");
    let o = run(h, &args);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&run(h, &["status", &id, "--sandbox", "--output", "json"]));
    assert!(
        v.to_string().contains("processing") || v.to_string().contains("completed"),
        "{v}"
    );
    // The order settles by the clock (a stored payment time), in whichever process reads it.
    std::thread::sleep(std::time::Duration::from_millis(3300));
    let v = json_out(&run(h, &["cas", "--sandbox", "--output", "json"]));
    let s = v.to_string();
    let ca = s
        .split('"')
        .find(|w| w.len() == 36 && w.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("a CA id in {s}"))
        .to_string();
    let o = run(
        h,
        &[
            "activate",
            &ca,
            "--sandbox",
            "--type",
            "root",
            "--common-name",
            "Test Root",
            "--country",
            "CN",
            "--key-algorithm",
            "EC256",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "1y",
            "--yes",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = run(h, &["ca", &ca, "--sandbox", "--output", "json"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("ACTIVED"),
        "{:?}",
        text(&o)
    );
    // And --reset starts it over.
    let o = run(h, &["sandbox", "--reset"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = run(h, &["status", &id, "--sandbox"]);
    assert_ne!(o.status.code(), Some(0), "{:?}", text(&o));
}

#[test]
fn orders_placed_at_once_by_many_processes_are_all_kept() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path().to_path_buf();
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let h = h.clone();
            std::thread::spawn(move || order(&h))
        })
        .collect();
    let mut ids: Vec<String> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    ids.sort();
    let state = std::fs::read_to_string(state_file(&h)).expect("state");
    for id in &ids {
        assert!(state.contains(id.as_str()), "{id} lost from {state}");
    }
    let v = json_out(&run(&h, &["cas", "--sandbox", "--output", "json"]));
    assert_eq!(v.to_string().matches("\"ca_id\"").count(), 6, "{v}");
}

#[test]
fn a_damaged_state_file_is_reported_and_left_as_it_is() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let path = state_file(h);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    std::fs::write(&path, "{\"version\":1,\"orders\":[{\"order_id\"").expect("write");
    for args in [
        &["order", "--sandbox", "--yes"][..],
        &["cas", "--sandbox"],
        &["sandbox", "--listen", "127.0.0.1:0"],
    ] {
        let o = run(h, args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{args:?}: {out}{err}");
        assert!(err.contains("damaged") && err.contains("--reset"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "{\"version\":1,\"orders\":[{\"order_id\""
    );
    let o = run(h, &["--lang", "zh-CN", "cas", "--sandbox"]);
    assert!(text(&o).1.contains("已损坏"), "{:?}", text(&o));
}

#[test]
fn a_symlink_at_the_state_path_is_never_followed() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let path = state_file(h);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    let target = h.join("elsewhere.json");
    std::fs::write(&target, "precious").expect("write");
    std::os::unix::fs::symlink(&target, &path).expect("symlink");
    let o = run(h, &["order", "--sandbox", "--yes"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{out}{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "precious"
    );
    // --reset removes the link itself, never what it points at.
    let o = run(h, &["sandbox", "--reset"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(std::fs::symlink_metadata(&path).is_err());
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "precious"
    );
    order(h);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&path).expect("state").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
}

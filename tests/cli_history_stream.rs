//! `history` on a large, partly damaged journal (issue 17): the warning names a few line numbers and the
//! count, not all of them, and the streamed JSON is still one valid document with every attempt.

mod common;

use std::fmt::Write as _;
use std::process::{Command, Stdio};

use common::{json_out, text};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

/// `orders` created orders, each followed by a damaged line.
fn journal(orders: usize) -> String {
    let mut s = String::new();
    for i in 0..orders {
        let id = format!("00000000-0000-4000-8000-{i:012}");
        let _ = writeln!(
            s,
            r#"{{"ts":"2026-12-07T03:34:05Z","attempt_id":"{id}","state":"sending","region":"cn-north-4","endpoint":"http://127.0.0.1:1/v1/private-certificate-authorities/order","credential_source":"env","sandbox":true,"request":{{"cloud_service_type":"hws.service.type.ccm","period_type":2,"period_num":1,"charging_mode":0,"is_auto_renew":0,"is_auto_pay":0,"subscription_num":1,"product_infos":[]}}}}"#
        );
        let _ = writeln!(
            s,
            r#"{{"ts":"2026-12-07T03:34:05Z","attempt_id":"{id}","state":"created","order_id":"CS2612070334{i:05}","ca_ids":["{id}"]}}"#
        );
        s.push_str("{\"ts\":\"cut short\n");
    }
    s
}

fn history(j: &std::path::Path, json: bool) -> std::process::Output {
    let home = j.parent().expect("dir");
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("HOME", home)
        .args(["history", "--sandbox", "--journal"])
        .arg(j)
        .stdin(Stdio::null());
    if json {
        cmd.args(["--output", "json"]);
    }
    cmd.output().expect("runs")
}

#[test]
fn the_damaged_line_warning_names_a_few_lines_and_the_count() {
    let dir = tempfile::tempdir().expect("tmp");
    let j = dir.path().join("j.jsonl");
    std::fs::write(&j, journal(300)).expect("write");
    let o = history(&j, false);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let warning = err
        .lines()
        .find(|l| l.contains("damaged"))
        .unwrap_or_else(|| panic!("a warning in {err}"));
    assert!(warning.contains("300 damaged lines"), "{warning}");
    assert!(warning.contains("3, 6, 9, 12, 15, …"), "{warning}");
    // ", 18" rather than "18": the warning also names the journal's (random) temporary path.
    assert!(!warning.contains(", 18"), "names only a few: {warning}");
    assert!(warning.len() < 300, "{warning}");
}

#[test]
fn streamed_json_history_is_one_document_with_every_attempt() {
    let dir = tempfile::tempdir().expect("tmp");
    let j = dir.path().join("j.jsonl");
    std::fs::write(&j, journal(2000)).expect("write");
    let o = history(&j, true);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    let attempts = v["attempts"].as_array().expect("attempts");
    assert_eq!(attempts.len(), 2000);
    assert_eq!(
        attempts[1999]["outcome"]["order_id"], "CS261207033401999",
        "{}",
        attempts[1999]
    );
    assert_eq!(v["damaged_lines"], 2000);
    assert_eq!(v["unreadable_lines"][0], 3);
    assert!(v["journal"].as_str().expect("journal").ends_with("j.jsonl"));
    assert_eq!(v["sandbox_attempts_not_listed"], 0);
    assert!(o.stdout.ends_with(b"}\n"));
}

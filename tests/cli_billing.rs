//! The billing commands as a script runs them (the real binary, an empty environment, its own HOME):
//! `price`, `pay`, `status [--wait]`, `cancel`, `order --wait`, the price in `order`, and `history` with
//! pay/cancel beside their order — every exit code these commands have off a terminal.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

mod common;
use common::{json_out, text};

use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

const AK: &str = "SANDBOXAK0000000000000";
const SK: &str = "sandbox-secret-key-0000000000000000000000";
const DOMAIN: &str = "0123456789abcdef0123456789abcdef";

/// A standalone `pca-order sandbox` on a free loopback port, stopped when dropped.
struct Sandbox {
    child: Child,
    url: String,
    /// Its own pretend account (`--state`), so no test reads or grows the machine user's shared one.
    _state: tempfile::TempDir,
}

impl Sandbox {
    fn start(settle_ms: u64) -> Sandbox {
        let state = tempfile::tempdir().expect("tmp");
        let mut child = Command::new(bin())
            .env_clear()
            .args([
                "sandbox",
                "--listen",
                "127.0.0.1:0",
                "--settle-ms",
                &settle_ms.to_string(),
                "--state",
            ])
            .arg(state.path().join("sandbox-state.json"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a line").expect("utf8");
        let url = first
            .strip_prefix("listening on ")
            .expect("address line")
            .to_string();
        // Keep reading the banner in the background so the sandbox never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Sandbox {
            child,
            url,
            _state: state,
        }
    }

    /// Runs the binary against this sandbox with AK/SK credentials.
    fn run(&self, home: &Path, args: &[&str]) -> Output {
        self.run_env(home, args, &[])
    }

    /// Runs the binary against this sandbox with AK/SK credentials and extra environment (a locale).
    fn run_env(&self, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(home, args, env).output().expect("runs")
    }

    /// The command [`Sandbox::run_env`] runs, for a test that must signal it mid-request.
    fn command(&self, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--endpoint",
            &self.url,
            "--iam-endpoint",
            &self.url,
            "--eps-endpoint",
            &self.url,
            "--bss-endpoint",
            &self.url,
        ]);
        command(home, &all, env)
    }

    /// Orders one CA (not auto-paid unless asked) and returns its order id.
    fn order(&self, home: &Path, extra: &[&str]) -> String {
        let mut args = vec!["order", "--yes", "--output", "json"];
        args.extend(extra);
        let o = self.run(home, &args);
        assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
        json_out(&o)["order_id"]
            .as_str()
            .expect("order id")
            .to_string()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(home: &Path, args: &[&str]) -> Output {
    command(home, args, &[]).output().expect("runs")
}

fn command(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("HOME", home)
        .env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", SK)
        .env("HUAWEICLOUD_SDK_DOMAIN_ID", DOMAIN)
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null());
    cmd
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

/// A loopback URL nothing listens on.
fn closed_url() -> String {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    format!("http://{addr}")
}

#[test]
fn price_prints_decimals_and_exits_0_2_3_5() {
    let home = tempfile::tempdir().expect("tmp");
    // In-process sandbox: 0, text says the price list is pretend.
    let o = run(
        home.path(),
        &[
            "price",
            "--sandbox",
            "--period-unit",
            "year",
            "--period",
            "2",
            "--quantity",
            "3",
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    // What the order charges is the list price; the best offer is named as one, not applied.
    assert!(
        out.contains("72,000.00 CNY for 3 CAs × 2 years (list price"),
        "{out}"
    );
    assert!(out.contains("64,800.00 CNY, is not applied"), "{out}");
    assert!(out.contains("pretend"), "{out}");
    // JSON: amounts as decimal strings.
    let o = run(
        home.path(),
        &[
            "price",
            "--sandbox",
            "--period-unit",
            "year",
            "--period",
            "2",
            "--quantity",
            "3",
            "--output",
            "json",
        ],
    );
    let v = json_out(&o);
    assert_eq!(code(&o), Some(0));
    assert!(
        v["amount"].as_str().is_some_and(|a| a.starts_with("72000")),
        "{v}"
    );
    assert!(
        v["list_price"].is_string() && v["discount"]["discount_amount"].is_string(),
        "{v}"
    );
    assert_eq!(v["currency"], "CNY");
    // A bad flag: 2, nothing sent.
    let o = run(home.path(), &["price", "--sandbox", "--quantity", "0"]);
    assert_eq!(code(&o), Some(2));
    assert!(text(&o).1.contains("--quantity"), "{:?}", text(&o));
    // A region the pretend list does not price: CBC.99006006, "price unavailable", 3.
    let o = run(
        home.path(),
        &["price", "--sandbox", "--region", "sa-brazil-1"],
    );
    let (_, err) = text(&o);
    assert_eq!(code(&o), Some(3), "{err}");
    assert!(
        err.contains("price unavailable") && err.contains("CBC.99006006"),
        "{err}"
    );
    // Nothing listening: 5.
    let url = closed_url();
    let o = run(
        home.path(),
        &[
            "price",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
            "--bss-endpoint",
            &url,
        ],
    );
    assert_eq!(code(&o), Some(5), "{:?}", text(&o));
}

/// A dry run sends nothing, not even the price query: it says the price was not asked and where to
/// get it; `price` with the same flags gives it.
#[test]
fn order_dry_run_leaves_the_price_to_the_price_command() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &["order", "--sandbox", "--dry-run", "--quantity", "2"],
    );
    let (_, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    assert!(
        err.contains("not asked") && err.contains("pca-order price"),
        "{err}"
    );
    assert!(!err.contains("2,400.00 CNY"), "{err}");
    let o = run(home.path(), &["price", "--sandbox", "--quantity", "2"]);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    assert!(out.contains("2,400.00 CNY for 2 CAs × 1 month"), "{out}");
}

/// `order --dry-run` says "nothing is sent", and nothing is: against a loopback server that counts
/// requests (CCM, IAM, EPS and BSS all pointed at it), with AK/SK and no domain id (which a send would
/// look up first) and with a token, in text and JSON, no request arrives.
#[test]
fn order_dry_run_sends_no_request_at_all() {
    let (url, count) = common::scripted_server(|_| common::ok_json("{}"));
    for (creds, output) in [("aksk", "text"), ("aksk", "json"), ("token", "text")] {
        let home = tempfile::tempdir().expect("tmp");
        let mut cmd = Command::new(bin());
        cmd.env_clear()
            .env("HOME", home.path())
            .stdin(Stdio::null());
        if creds == "token" {
            cmd.env("HUAWEICLOUD_AUTH_TOKEN", "tok");
        } else {
            cmd.env("HUAWEICLOUD_SDK_AK", AK)
                .env("HUAWEICLOUD_SDK_SK", SK);
        }
        let o = cmd
            .args([
                "order",
                "--dry-run",
                "--auto-pay",
                "--output",
                output,
                "--endpoint",
                &url,
                "--iam-endpoint",
                &url,
                "--eps-endpoint",
                &url,
                "--bss-endpoint",
                &url,
            ])
            .output()
            .expect("runs");
        assert_eq!(code(&o), Some(0), "{:?}", text(&o));
        if output == "json" {
            assert_eq!(json_out(&o)["outcome"], "dry_run");
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn order_wait_follows_an_auto_paid_order_to_completion() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &["order", "--sandbox", "--auto-pay", "--yes", "--wait"],
    );
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{out}{err}");
    assert!(out.contains("completed (status 5)"), "{out}");
    assert!(out.contains("in use"), "{out}");
}

#[test]
fn pay_exits_0_then_3_and_history_shows_it_beside_its_order() {
    let sb = Sandbox::start(200);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &[]);
    // Off a terminal without --yes: 2, nothing sent.
    let o = sb.run(home.path(), &["pay", &id]);
    assert_eq!(code(&o), Some(2));
    assert!(text(&o).1.contains("--yes"));
    // A malformed id: 2.
    let o = sb.run(home.path(), &["pay", "../x", "--yes"]);
    assert_eq!(code(&o), Some(2));
    assert!(text(&o).1.contains("ORDER_ID"));
    let o = sb.run(home.path(), &["pay", &id, "--yes", "--output", "json"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(
        (v["outcome"].as_str(), v["action"].as_str()),
        (Some("done"), Some("pay"))
    );
    // Paid: a second payment is refused before anything is sent (status shown).
    let o = sb.run(home.path(), &["pay", &id, "--yes"]);
    assert_eq!(code(&o), Some(3));
    assert!(
        text(&o).1.contains("only an order pending payment"),
        "{:?}",
        text(&o)
    );
    // History: the pay row sits right under its order.
    let o = run(home.path(), &["history", "--sandbox"]);
    let (out, _) = text(&o);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("created") && l.contains(&id))
        .expect("order row");
    assert!(
        lines[at + 1].contains("paid") && lines[at + 1].contains(&id),
        "{out}"
    );
    let o = run(home.path(), &["history", "--sandbox", "--output", "json"]);
    let v = json_out(&o);
    assert!(
        v["attempts"]
            .as_array()
            .expect("attempts")
            .iter()
            .any(|a| a["action"]["kind"] == "pay"),
        "{v}"
    );
}

#[test]
fn pay_faults_exit_3_4_and_5() {
    let sb = Sandbox::start(60_000);
    let home = tempfile::tempdir().expect("tmp");
    let refused = sb.order(home.path(), &["--promotion", "sandbox:pay_status=403"]);
    let o = sb.run(home.path(), &["pay", &refused, "--yes"]);
    assert_eq!(code(&o), Some(3), "{:?}", text(&o));
    assert!(text(&o).1.contains("CBC.0151"));
    let failing = sb.order(home.path(), &["--promotion", "sandbox:pay_status=503"]);
    let o = sb.run(home.path(), &["pay", &failing, "--yes"]);
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    assert!(text(&o).1.contains("may have happened"), "{:?}", text(&o));
    let dropped = sb.order(home.path(), &["--promotion", "sandbox:pay_drop"]);
    let o = sb.run(home.path(), &["pay", &dropped, "--yes", "--output", "json"]);
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    assert_eq!(json_out(&o)["outcome"], "unknown");
    let url = closed_url();
    let o = run(
        home.path(),
        &[
            "pay",
            "CS2611291200ABCDE",
            "--yes",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
            "--bss-endpoint",
            &url,
        ],
    );
    assert_eq!(code(&o), Some(5), "{:?}", text(&o));
    // A FIFO where the journal should be: nothing is sent (exit 5), the order stays unpaid, and the
    // advice points at the reason rather than at the network.
    let unpaid = sb.order(home.path(), &[]);
    let fifo = home.path().join("fifo.jsonl");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let f = fifo.to_str().expect("utf8");
    let o = sb.run(home.path(), &["pay", &unpaid, "--yes", "--journal", f]);
    assert_eq!(code(&o), Some(5), "{:?}", text(&o));
    let err = text(&o).1;
    assert!(
        err.contains("FIFO") && err.contains("nothing was sent"),
        "{err}"
    );
    assert!(!err.contains("check the network and credentials"), "{err}");
    let o = sb.run(home.path(), &["status", &unpaid, "--output", "json"]);
    assert_eq!(json_out(&o)["status"], 6, "still pending payment");
}

#[test]
fn status_shows_number_name_amount_and_exits_0_2_3_4_5() {
    let sb = Sandbox::start(200);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &[]);
    let o = sb.run(home.path(), &["status", &id]);
    let (out, _) = text(&o);
    assert_eq!(code(&o), Some(0));
    assert!(
        out.contains("pending payment (status 6)") && out.contains("1,200.00 CNY"),
        "{out}"
    );
    // --wait on an unpaid order runs into its (short) time limit: 4 with what is known.
    let o = sb.run(home.path(), &["status", &id, "--wait", "--wait-limit", "1"]);
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    assert!(text(&o).1.contains("pending payment"), "{:?}", text(&o));
    // Paid: --wait follows it to completion: 0, with the CA and its status.
    assert_eq!(code(&sb.run(home.path(), &["pay", &id, "--yes"])), Some(0));
    let o = sb.run(home.path(), &["status", &id, "--wait", "--output", "json"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(
        (v["status"].as_i64(), v["status_name"].as_str()),
        (Some(5), Some("completed"))
    );
    assert_eq!(v["cas"][0]["status_name"], "in use");
    assert!(
        v["amount"].is_string() && v["list_price"].is_string(),
        "{v}"
    );
    // Cancelled: --wait ends at once with 3.
    let other = sb.order(home.path(), &[]);
    assert_eq!(
        code(&sb.run(home.path(), &["cancel", &other, "--yes"])),
        Some(0)
    );
    let o = sb.run(home.path(), &["status", &other, "--wait"]);
    assert_eq!(code(&o), Some(3), "{:?}", text(&o));
    assert!(text(&o).0.contains("cancelled (status 4)"));
    // Unknown order: refused, 3. Bad id: 2. Nothing listening: 5.
    assert_eq!(
        code(&sb.run(home.path(), &["status", "CS0000000000NOPE0"])),
        Some(3)
    );
    assert_eq!(code(&sb.run(home.path(), &["status", "a b"])), Some(2));
    let url = closed_url();
    let o = run(
        home.path(),
        &[
            "status",
            "CS2611291200ABCDE",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
            "--bss-endpoint",
            &url,
        ],
    );
    assert_eq!(code(&o), Some(5));
}

#[test]
fn cancel_exits_0_2_3_and_4() {
    let sb = Sandbox::start(200);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &[]);
    assert_eq!(code(&sb.run(home.path(), &["cancel", &id])), Some(2));
    let o = sb.run(home.path(), &["cancel", &id, "--yes"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(text(&o).0.contains("Cancelled order"));
    // A pretend cancel says nothing real was cancelled — not "paid".
    assert!(
        text(&o).0.contains("nothing real was cancelled") && !text(&o).0.contains("paid"),
        "{:?}",
        text(&o)
    );
    // Already cancelled: 3, nothing sent.
    assert_eq!(
        code(&sb.run(home.path(), &["cancel", &id, "--yes"])),
        Some(3)
    );
    let failing = sb.order(home.path(), &["--promotion", "sandbox:cancel_status=500"]);
    assert_eq!(
        code(&sb.run(home.path(), &["cancel", &failing, "--yes"])),
        Some(4)
    );
    let o = run(home.path(), &["history", "--sandbox"]);
    assert!(text(&o).0.contains("cancelled"), "{:?}", text(&o));
}

/// `price`, `status`, `pay` and `cancel` follow the locale as `order` does: under `LANG=zh_CN.UTF-8` the
/// words are Chinese while ids, amounts and codes stay as they are, and `--output json` stays English.
#[test]
fn billing_commands_speak_chinese_under_a_chinese_locale() {
    let sb = Sandbox::start(60_000);
    let home = tempfile::tempdir().expect("tmp");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let o = sb.run_env(home.path(), &["price", "--quantity", "2"], &zh);
    let (out, _) = text(&o);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(
        out.contains("价格") && out.contains("2 个 CA × 1 个月") && out.contains(" CNY"),
        "{out}"
    );
    let id = sb.order(home.path(), &[]);
    let o = sb.run_env(home.path(), &["status", &id], &zh);
    let (out, _) = text(&o);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(out.contains(&format!("订单 {id}")), "{out}");
    assert!(
        out.contains("待支付（状态 6）") && out.contains("应付金额"),
        "{out}"
    );
    assert!(!out.contains("pending payment"), "{out}");
    let o = sb.run_env(home.path(), &["pay", &id, "--yes"], &zh);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(
        text(&o).0.contains(&format!("已支付订单 {id}")),
        "{:?}",
        text(&o)
    );
    // Paid: cancelling it is refused before anything is sent, said in Chinese; the JSON stays English.
    let o = sb.run_env(home.path(), &["cancel", &id, "--yes"], &zh);
    assert_eq!(code(&o), Some(3), "{:?}", text(&o));
    assert!(
        text(&o).1.contains("只有待支付的订单才能取消"),
        "{:?}",
        text(&o)
    );
    let json = |env: &[(&str, &str)]| {
        let o = sb.run_env(
            home.path(),
            &["cancel", &id, "--yes", "--output", "json"],
            env,
        );
        json_out(&o)
    };
    let v = json(&zh);
    assert!(v["message"].as_str().expect("message").is_ascii(), "{v}");
    assert_eq!(v, json(&[]));
    // A payment BSS refuses: the API's code and request id stay as sent, the words around them are
    // Chinese (the English "request id" no longer leaks into the sentence).
    let refused = sb.order(home.path(), &["--promotion", "sandbox:pay_status=403"]);
    let o = sb.run_env(home.path(), &["pay", &refused, "--yes"], &zh);
    assert_eq!(code(&o), Some(3), "{:?}", text(&o));
    let all = format!("{}{}", text(&o).0, text(&o).1);
    assert!(all.contains("被拒绝") && all.contains("HTTP 403"), "{all}");
    assert!(!all.contains("request id"), "{all}");
}

/// `status` shows each CA's own status, read from CCM, beside its id (text and JSON).
#[test]
fn status_shows_each_ca_status_read_from_ccm() {
    // Settled at once: BSS lists an order's CAs when it completed.
    let sb = Sandbox::start(0);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &["--quantity", "2", "--auto-pay"]);
    let o = sb.run(home.path(), &["status", &id, "--output", "json"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    let cas = v["cas"].as_array().expect("cas");
    assert_eq!(cas.len(), 2, "{v}");
    for ca in cas {
        assert_eq!(ca["ca_status"], "PENDING", "{v}");
        assert!(ca["ca_status_error"].is_null(), "{v}");
    }
    let o = sb.run(home.path(), &["status", &id]);
    let (out, _) = text(&o);
    for ca in cas {
        let ca_id = ca["ca_id"].as_str().expect("ca id");
        assert!(
            out.lines()
                .any(|l| l.contains(ca_id) && l.contains("CA status PENDING")),
            "{out}"
        );
    }
}

/// BSS lists 10 of an order's resources when asked without `limit`: an order of more CAs must still show
/// every one of them (it showed 10 of 12).
#[test]
fn status_lists_every_ca_of_an_order_of_more_than_ten() {
    let sb = Sandbox::start(0);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &["--quantity", "12", "--auto-pay"]);
    let o = sb.run(home.path(), &["status", &id, "--output", "json"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    let v = json_out(&o);
    assert_eq!(v["cas"].as_array().expect("cas").len(), 12, "{v}");
}

/// The journal's lines, parsed (none before the file exists).
fn journal_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a journal line is JSON"))
        .collect()
}

/// Sends `signal` (e.g. "TERM") to a running command, as `kill` or a closing terminal would.
fn kill(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal}");
}

/// A signal with a payment in flight does not cost its answer, as for an order: the first one waits
/// for it and says so (exit 0, `done` journaled); a second stops the wait as unknown (exit 4) with the
/// `action_sending` line kept and the reason saying it was interrupted.
#[test]
fn pay_in_flight_survives_a_signal_and_a_second_one_stops_it_as_unknown() {
    let sb = Sandbox::start(60_000);
    for (signals, delay, exit, last) in [(1, 1500, 0, "done"), (2, 20_000, 4, "unknown")] {
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        let j = journal.to_str().expect("utf8 path");
        let promotion = format!("sandbox:pay_delay_ms={delay}");
        let id = sb.order(home.path(), &["--promotion", &promotion, "--journal", j]);
        let child = sb
            .command(home.path(), &["pay", &id, "--yes", "--journal", j], &[])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pay");
        let in_flight = || {
            journal_lines(&journal)
                .iter()
                .any(|l| l["state"] == "action_sending")
        };
        let started = std::time::Instant::now();
        while !in_flight() {
            assert!(started.elapsed().as_secs() < 30, "no action_sending line");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The second signal is sent once the first one's wait is under way (said on stderr).
        let o = common::terminate_in_flight(child, signals, "waiting up to");
        assert_eq!(code(&o), Some(exit), "{:?}", text(&o));
        assert!(text(&o).1.contains("waiting up to"), "{:?}", text(&o));
        let states: Vec<String> = journal_lines(&journal)
            .iter()
            .map(|l| l["state"].as_str().unwrap_or("?").to_string())
            .collect();
        assert_eq!(
            states,
            ["sending", "created", "action_sending", last],
            "{signals}"
        );
        if signals == 2 {
            let lines = journal_lines(&journal);
            let reason = lines[3]["reason"].as_str().unwrap_or_default();
            assert!(reason.contains("interrupted"), "{reason}");
        }
    }
}

/// `order --wait` says "Ctrl-C leaves, the order goes on", and it does: a signal while following the new
/// order ends the wait with exit 4 and where to check the order later (before, `order` kept the signal
/// for the in-flight request and Ctrl-C did nothing).
#[test]
fn a_signal_leaves_order_wait_and_the_order_goes_on() {
    let sb = Sandbox::start(60_000);
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8 path");
    let args = ["order", "--yes", "--auto-pay", "--wait", "--journal", j];
    let child = sb
        .command(home.path(), &args, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn order");
    let started = std::time::Instant::now();
    while !journal_lines(&journal)
        .iter()
        .any(|l| l["state"] == "created")
    {
        assert!(started.elapsed().as_secs() < 30, "no created line");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Let it print the order and start following.
    std::thread::sleep(std::time::Duration::from_millis(300));
    kill(&child, "INT");
    let o = child.wait_with_output().expect("order ends");
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    let (out, err) = text(&o);
    assert!(out.contains("CS"), "the order id is printed: {out}");
    assert!(
        err.contains("the order goes on") && err.contains("pca-order status"),
        "{err}"
    );
}

/// The same with `--output json`: the interrupted follow is part of the order's one document (the
/// order id, `follow.outcome` `wait_left`, exit 4), not a second document.
#[test]
fn a_signal_leaves_order_wait_with_one_json_document() {
    let sb = Sandbox::start(60_000);
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl");
    let j = journal.to_str().expect("utf8 path");
    let args = [
        "order",
        "--yes",
        "--auto-pay",
        "--wait",
        "--output",
        "json",
        "--journal",
        j,
    ];
    let child = sb
        .command(home.path(), &args, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn order");
    let started = std::time::Instant::now();
    while !journal_lines(&journal)
        .iter()
        .any(|l| l["state"] == "created")
    {
        assert!(started.elapsed().as_secs() < 30, "no created line");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    kill(&child, "INT");
    let o = child.wait_with_output().expect("order ends");
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    let v = json_out(&o);
    assert!(
        v["order_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("CS")),
        "{v}"
    );
    assert_eq!(v["follow"]["outcome"], "wait_left", "{v}");
    assert_eq!(v["exit_code"], 4, "{v}");
}

/// The billing reads that carry no free text take their fault directive from the region name: the price
/// (`sandbox-price-NNN`) and IAM's project lookup (`sandbox-projects-NNN`). `price` exits as a read does
/// (a 5xx: 4, a 4xx: 3) naming the status.
#[test]
fn price_and_project_lookup_failures_can_be_produced_with_a_region_directive() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &["price", "--sandbox", "--region", "sandbox-price-503"],
    );
    assert_eq!(code(&o), Some(4), "{:?}", text(&o));
    assert!(text(&o).1.contains("HTTP 503 CBC.0999"), "{:?}", text(&o));
    let o = run(
        home.path(),
        &["price", "--sandbox", "--region", "sandbox-projects-403"],
    );
    assert_eq!(code(&o), Some(3), "{:?}", text(&o));
    assert!(text(&o).1.contains("HTTP 403"), "{:?}", text(&o));
    // A dry run asks for no price, so a failing price service does not show in it.
    let o = run(
        home.path(),
        &[
            "order",
            "--sandbox",
            "--region",
            "sandbox-price-503",
            "--dry-run",
        ],
    );
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(text(&o).1.contains("not asked"), "{:?}", text(&o));
    // An ordinary region is priced as before.
    let o = run(home.path(), &["price", "--sandbox"]);
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
}

/// The default journals under `home` (no `--journal`): (real, sandbox) lines.
fn default_journals(home: &Path) -> (Vec<Value>, Vec<Value>) {
    let dir = home.join(".local/state/pca-order");
    (
        journal_lines(&dir.join("orders.jsonl")),
        journal_lines(&dir.join("sandbox-orders.jsonl")),
    )
}

#[test]
fn a_pay_is_real_or_pretend_by_the_endpoint_it_goes_to_not_by_ccm_s() {
    let sb = Sandbox::start(200);
    let setup = tempfile::tempdir().expect("tmp");
    let id = sb.order(setup.path(), &[]);
    // A real-looking (https) CCM, billing on the loopback sandbox: the pay went only to the sandbox, so it
    // is pretend: sandbox journal, SANDBOX said.
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &[
            "pay",
            &id,
            "--yes",
            "--endpoint",
            "https://127.0.0.1:9",
            "--bss-endpoint",
            &sb.url,
        ],
    );
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    assert!(text(&o).0.contains("SANDBOX"), "{:?}", text(&o));
    let (real, pretend) = default_journals(home.path());
    assert!(real.is_empty(), "{real:?}");
    assert_eq!(pretend.len(), 2, "{pretend:?}");
    assert_eq!(pretend[0]["sandbox"], true, "{pretend:?}");
    // The reverse: a sandbox CCM, billing on an https endpoint: that pay (sent, or at least journaled as
    // sending) is a real one: real journal, no SANDBOX, and the real history lists it.
    let home = tempfile::tempdir().expect("tmp");
    let o = run(
        home.path(),
        &[
            "pay",
            &id,
            "--yes",
            "--endpoint",
            &sb.url,
            "--iam-endpoint",
            &sb.url,
            "--bss-endpoint",
            "https://127.0.0.1:9",
        ],
    );
    assert_eq!(code(&o), Some(5), "{:?}", text(&o));
    let (out, err) = text(&o);
    assert!(
        !out.contains("SANDBOX") && !err.contains("SANDBOX"),
        "{out}{err}"
    );
    let (real, pretend) = default_journals(home.path());
    assert!(pretend.is_empty(), "{pretend:?}");
    assert_eq!(real.len(), 2, "{real:?}");
    assert_eq!(real[0]["sandbox"], false, "{real:?}");
    let o = run(home.path(), &["history", "--output", "json"]);
    let v = json_out(&o);
    assert!(
        v["attempts"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["action"]["kind"] == "pay")),
        "{v}"
    );
}

/// An order created and auto-paid whose status then cannot be read (403 for a user without
/// `bss:order:view`, 404) never ends "rejected" (3): a script that retries on 3 would buy twice. It ends
/// unknown (4), the order id printed, with one JSON document holding the order and its follow.
#[test]
fn order_wait_ends_unknown_not_rejected_when_the_status_read_is_refused() {
    for status in ["403 Forbidden", "404 Not Found"] {
        let (url, _) = common::scripted_server(move |line| {
            if line.starts_with("POST") {
                common::ok_json(
                    r#"{"order_id":"CS2612070234T4JPR","ca_ids":["3fa85f64-5717-4562-b3fc-2c963f66afa6"]}"#,
                )
            } else {
                let body = r#"{"error_code":"CBC.0150","error_msg":"no permission"}"#;
                format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            }
        });
        for output in ["json", "text"] {
            let home = tempfile::tempdir().expect("tmp");
            let journal = home.path().join("j.jsonl");
            let j = journal.to_str().expect("utf8 path");
            let o = command(
                home.path(),
                &[
                    "order",
                    "--yes",
                    "--auto-pay",
                    "--wait",
                    "--output",
                    output,
                    "--journal",
                    j,
                    "--endpoint",
                    &url,
                    "--iam-endpoint",
                    &url,
                    "--eps-endpoint",
                    &url,
                    "--bss-endpoint",
                    &url,
                ],
                &[],
            )
            .output()
            .expect("runs");
            let (out, err) = text(&o);
            assert_eq!(code(&o), Some(4), "{status} {output}: {out}{err}");
            if output == "json" {
                let v = json_out(&o);
                assert_eq!(v["outcome"], "created", "{v}");
                assert_eq!(v["order_id"], "CS2612070234T4JPR", "{v}");
                assert_eq!(v["exit_code"], 4, "{v}");
                assert_eq!(v["follow"]["outcome"], "unreadable", "{v}");
                // A pretend (loopback) order is checked where it was placed: the same endpoint flags,
                // never `--sandbox` (another pretend account) nor the real one.
                let advice = v["follow"]["advice"].as_str().unwrap_or_default();
                assert!(
                    advice.contains(&format!(
                        "`pca-order status CS2612070234T4JPR --endpoint {url} "
                    )),
                    "{v}"
                );
                assert!(!advice.contains("--sandbox"), "{v}");
            } else {
                assert!(out.contains("CS2612070234T4JPR"), "{out}");
                assert!(err.contains("do not order again"), "{err}");
                assert!(
                    err.contains(&format!("status CS2612070234T4JPR --endpoint {url} ")),
                    "{err}"
                );
                assert!(!err.contains("--sandbox"), "{err}");
            }
        }
    }
}

/// `status --wait` leaves on INT, TERM and HUP as `order --wait` does: it says so, reports where the
/// order stood (one JSON document with its `follow`) and exits 4, instead of dying with 130/143/129.
#[test]
fn a_signal_leaves_status_wait_with_exit_4_as_order_wait_does() {
    let sb = Sandbox::start(60_000);
    let home = tempfile::tempdir().expect("tmp");
    let id = sb.order(home.path(), &["--auto-pay"]);
    for (signal, output) in [("INT", "text"), ("TERM", "json"), ("HUP", "text")] {
        let mut child = sb
            .command(
                home.path(),
                &["status", &id, "--wait", "--output", output],
                &[],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn status");
        // Wait until it is following (its first poll is 200 ms after the first read on loopback).
        std::thread::sleep(std::time::Duration::from_millis(1200));
        kill(&child, signal);
        let started = std::time::Instant::now();
        while child.try_wait().expect("try_wait").is_none() {
            assert!(
                started.elapsed().as_secs() < 20,
                "status --wait ignored SIG{signal}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let o = child.wait_with_output().expect("status ends");
        let (out, err) = text(&o);
        assert_eq!(code(&o), Some(4), "SIG{signal}: {out}{err}");
        if output == "json" {
            let v = json_out(&o);
            assert_eq!(v["follow"]["outcome"], "wait_left", "{v}");
            assert_eq!(v["order_id"], id.as_str(), "{v}");
        } else {
            assert!(err.contains("left the wait"), "{err}");
        }
    }
}

#[test]
fn order_refuses_a_billing_flag_it_cannot_use_before_buying_not_after() {
    // `order --wait` follows the order through BSS: a --bss-endpoint it cannot use (beside --sandbox, or
    // not https) is a usage error found before anything is bought, never an "unknown" after the purchase
    // (a script fixing the flag and retrying would buy twice).
    let sb = Sandbox::start(100);
    for bad in [
        vec![
            "order",
            "--sandbox",
            "--auto-pay",
            "--yes",
            "--wait",
            "--bss-endpoint",
            "http://127.0.0.1:9",
        ],
        vec![
            "order",
            "--auto-pay",
            "--yes",
            "--wait",
            "--endpoint",
            &sb.url,
            "--iam-endpoint",
            &sb.url,
            "--eps-endpoint",
            &sb.url,
            "--bss-endpoint",
            "ftp://127.0.0.1:9",
        ],
    ] {
        let home = tempfile::tempdir().expect("tmp");
        let o = run(home.path(), &bad);
        assert_eq!(code(&o), Some(2), "{bad:?}: {:?}", text(&o));
        let (real, pretend) = default_journals(home.path());
        assert!(real.is_empty() && pretend.is_empty(), "{real:?}{pretend:?}");
    }
}

/// The value of the row `label` (e.g. "amount") in a command's text, the label's padding trimmed.
fn row_value(text: &str, label: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(label)?.strip_prefix(':')?;
        Some(rest.trim().to_string())
    })
}

/// Money: the amount `order` shows is the amount the order charges — the one `status` reads from
/// BSS and `pay` names in its question — never the quote's best offer, which the pay (sent with
/// `use_discount: NO`) does not apply. The offer is still shown, labelled as an offer.
#[test]
fn order_shows_the_amount_the_order_charges_not_the_offer() {
    let sb = Sandbox::start(200);
    let home = tempfile::tempdir().expect("tmp");
    let buy = [
        "order",
        "--yes",
        "--quantity",
        "2",
        "--period-unit",
        "year",
        "--period",
        "1",
    ];
    let o = sb.run(home.path(), &buy);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    let ordered = row_value(&out, "amount").expect("an amount row");
    let id = row_value(&out, "order id").expect("an order id row");
    let o = sb.run(home.path(), &["status", &id]);
    let (status, _) = text(&o);
    assert_eq!(code(&o), Some(0), "{status}");
    assert_eq!(
        Some(ordered.clone()),
        row_value(&status, "amount"),
        "order said {ordered}, status says:\n{status}"
    );
    assert_eq!(ordered, "24,000.00 CNY");
    // The price says the same amount, and names the best offer as an offer that is not applied.
    let o = sb.run(
        home.path(),
        &["price", "--quantity", "2", "--period-unit", "year"],
    );
    let (out, _) = text(&o);
    assert!(out.contains("24,000.00 CNY for 2 CAs × 1 year"), "{out}");
    assert!(
        out.contains("offer") && out.contains("not applied"),
        "{out}"
    );
    let o = sb.run(
        home.path(),
        &[
            "price",
            "--quantity",
            "2",
            "--period-unit",
            "year",
            "--output",
            "json",
        ],
    );
    let v = json_out(&o);
    assert_eq!(v["amount"], v["list_price"], "{v}");
    assert!(v["discount"]["amount"].is_string(), "{v}");
}

/// The "Next:" lines against a standalone sandbox reached by URL repeat the flags that reached it —
/// never `--sandbox`, which is another pretend account — in `order`, `pay` and `status`; and `status`
/// of a completed renewal order says the subscription was extended and how to see it, not "activate".
#[test]
fn next_lines_repeat_the_endpoint_flags_used_and_a_renewal_is_not_an_activation() {
    let sb = Sandbox::start(0);
    let home = tempfile::tempdir().expect("tmp");
    let reach = format!(
        "--endpoint {u} --iam-endpoint {u} --eps-endpoint {u} --bss-endpoint {u}",
        u = sb.url
    );
    let next_lines = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains("Next:") || l.contains("pca-order "))
            .map(str::to_string)
            .collect()
    };
    let o = sb.run(home.path(), &["order", "--yes"]);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    let id = row_value(&out, "order id").expect("an order id");
    let lines = next_lines(&out);
    assert!(!lines.is_empty(), "{out}");
    for l in &lines {
        assert!(!l.contains("--sandbox") && l.contains(&reach), "{l}\n{out}");
    }
    let o = sb.run(home.path(), &["pay", &id, "--yes"]);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    assert!(out.contains(&format!("--wait {reach}")), "{out}");
    let o = sb.run(home.path(), &["status", &id, "--wait"]);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    let ca = out
        .lines()
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 36 && w.contains('-'))
        })
        .expect("a CA id")
        .to_string();
    assert!(
        out.contains(&format!("pca-order activate {ca} {reach}")),
        "{out}"
    );
    assert!(!out.contains("--sandbox"), "{out}");
    // A renewal of that (still PENDING) CA, paid and completed: its status is no activation.
    let o = sb.run(
        home.path(),
        &[
            "renew",
            &ca,
            "--period-unit",
            "month",
            "--period",
            "1",
            "--yes",
            "--output",
            "json",
        ],
    );
    assert_eq!(code(&o), Some(0), "{:?}", text(&o));
    let renewal = json_out(&o)["order_ids"][0]
        .as_str()
        .expect("a renewal order id")
        .to_string();
    assert_eq!(
        code(&sb.run(home.path(), &["pay", &renewal, "--yes"])),
        Some(0)
    );
    let o = sb.run(home.path(), &["status", &renewal, "--wait"]);
    let (out, err) = text(&o);
    assert_eq!(code(&o), Some(0), "{err}");
    assert!(!out.contains("activate"), "{out}");
    assert!(
        out.contains("extended") && out.contains(&format!("pca-order cas {reach}")),
        "{out}"
    );
}

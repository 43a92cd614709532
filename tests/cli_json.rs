//! The `--output json` contract (docs/json.md): every command, on every outcome it can reach here
//! (success, refusal, usage error, unknown, not sent, a wait that ends at its limit), prints exactly one
//! JSON document on stdout, and that document matches its description in docs/json.md — every key
//! documented, present, and of its documented shape (money a decimal string with its currency's places,
//! times RFC 3339 UTC, ids, states). The checker reads the tables of docs/json.md itself, so the page
//! and the program cannot drift apart.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::text;

use pca_order::sandbox::{self, SandboxConfig};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DnType, IsCa, Issuer,
    KeyPair, KeyUsagePurpose,
};
use serde_json::Value;

/// One documented key: its path (`follow.outcome`, `cas[].ca_id`) and its shape.
type Rows = Vec<(String, String)>;

/// The sections of docs/json.md: each `### \`name\`` heading and the rows of its table.
fn spec() -> BTreeMap<String, Rows> {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"))
        .expect("docs/json.md is readable");
    let mut sections = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            current = h.split('`').nth(1).map(str::to_string);
            if let Some(name) = &current {
                sections.insert(name.clone(), Rows::new());
            }
            continue;
        }
        let (Some(name), true) = (&current, line.starts_with("| `")) else {
            continue;
        };
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let unquote = |c: &str| c.trim_matches('`').to_string();
        if let (Some(key), Some(shape), Some(rows)) =
            (cells.get(1), cells.get(2), sections.get_mut(name))
        {
            rows.push((unquote(key), unquote(shape)));
        }
    }
    sections
}

/// Whether `v` has the documented `shape`; a reference to another section (a capitalised name) is
/// checked by [`check_object`].
fn check_value(
    v: &Value,
    shape: &str,
    spec: &BTreeMap<String, Rows>,
    at: &str,
    errs: &mut Vec<String>,
) {
    let (shape, nullable) = match shape.strip_suffix('?') {
        Some(s) => (s, true),
        None => (shape, false),
    };
    if v.is_null() {
        if !nullable {
            errs.push(format!("{at}: null, documented as {shape}"));
        }
        return;
    }
    if let Some(element) = shape.strip_prefix("array of ") {
        match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(item, element, spec, &format!("{at}[{i}]"), errs);
                }
            }
            None => errs.push(format!("{at}: {v} is not an array")),
        }
        return;
    }
    if let Some(alternatives) = shape.strip_prefix("one of ") {
        let ok = alternatives
            .split(", ")
            .any(|lit| v.as_str() == Some(lit.trim_matches('"')));
        if !ok {
            errs.push(format!("{at}: {v} is not one of {alternatives}"));
        }
        return;
    }
    if shape.starts_with('"') {
        if v.as_str() != Some(shape.trim_matches('"')) {
            errs.push(format!("{at}: {v}, documented as {shape}"));
        }
        return;
    }
    let s = v.as_str().unwrap_or("");
    let ok = match shape {
        "string" => v.is_string(),
        "int" => v.is_i64() || v.is_u64(),
        "bool" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "any" => true,
        "money" => {
            let (int, frac) = s.split_once('.').unwrap_or((s, "00"));
            let int = int.strip_prefix('-').unwrap_or(int);
            v.is_string()
                && !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 2
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        "currency" => s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
        "time" => {
            use time::format_description::well_known::Rfc3339;
            s.ends_with('Z') && time::OffsetDateTime::parse(s, &Rfc3339).is_ok()
        }
        "order_id" => !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()),
        "ca_id" => s.len() == 36 && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'),
        reference if reference.starts_with(|c: char| c.is_ascii_uppercase()) => {
            match spec.get(reference) {
                Some(rows) => {
                    check_object(v, rows, spec, at, errs);
                    true
                }
                None => {
                    errs.push(format!("{at}: shape {reference} is not described"));
                    true
                }
            }
        }
        other => {
            errs.push(format!("{at}: unknown shape {other:?} in docs/json.md"));
            true
        }
    };
    if !ok {
        errs.push(format!("{at}: {v} is not {shape}"));
    }
}

/// Checks an object against documented rows: every documented key present (or documented `?`), of its
/// shape; no undocumented key; members described further (`a.b`, `a[].b`) checked inside.
fn check_object(
    v: &Value,
    rows: &Rows,
    spec: &BTreeMap<String, Rows>,
    at: &str,
    errs: &mut Vec<String>,
) {
    let Some(obj) = v.as_object() else {
        errs.push(format!("{at}: {v} is not an object"));
        return;
    };
    // A `*` row: the object's other members are those of the section it names.
    let expanded: Rows;
    let rows = match rows.iter().find(|(k, _)| k == "*") {
        Some((_, shape)) => {
            expanded = rows
                .iter()
                .filter(|(k, _)| k != "*")
                .chain(spec.get(shape.as_str()).into_iter().flatten())
                .cloned()
                .collect();
            &expanded
        }
        None => rows,
    };
    let own: Vec<&(String, String)> = rows
        .iter()
        .filter(|(k, _)| !k.contains('.') && !k.contains("[]"))
        .collect();
    for key in obj.keys() {
        if !own.iter().any(|(k, _)| k == key) {
            errs.push(format!("{at}.{key}: not documented"));
        }
    }
    for (key, shape) in own {
        let here = format!("{at}.{key}");
        match obj.get(key) {
            None if shape.ends_with('?') => {}
            None => errs.push(format!("{here}: missing")),
            Some(value) => {
                check_value(value, shape, spec, &here, errs);
                let inner: Rows = rows
                    .iter()
                    .filter_map(|(k, s)| {
                        k.strip_prefix(&format!("{key}."))
                            .map(|rest| (rest.to_string(), s.clone()))
                    })
                    .collect();
                if !inner.is_empty() && value.is_object() {
                    check_object(value, &inner, spec, &here, errs);
                }
                let each: Rows = rows
                    .iter()
                    .filter_map(|(k, s)| {
                        k.strip_prefix(&format!("{key}[]."))
                            .map(|rest| (rest.to_string(), s.clone()))
                    })
                    .collect();
                if let (false, Some(items)) = (each.is_empty(), value.as_array()) {
                    for (i, item) in items.iter().enumerate() {
                        check_object(item, &each, spec, &format!("{here}[{i}]"), errs);
                    }
                }
            }
        }
    }
}

/// Exactly one JSON document on stdout (then only a newline), returned.
fn one_document(o: &Output) -> Value {
    let mut docs = serde_json::Deserializer::from_slice(&o.stdout).into_iter::<Value>();
    let first = docs
        .next()
        .unwrap_or_else(|| panic!("no JSON document on stdout: {:?}", text(o)))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", text(o)));
    let rest = &o.stdout[docs.byte_offset()..];
    assert!(
        rest.iter().all(u8::is_ascii_whitespace),
        "more than one JSON document on stdout: {:?}",
        text(o)
    );
    first
}

/// Runs one command, checks its exit code, its one document and the documented section it matches.
fn expect(o: &Output, exit: i32, section: &str, spec: &BTreeMap<String, Rows>) -> Value {
    assert_eq!(o.status.code(), Some(exit), "{section}: {:?}", text(o));
    let doc = one_document(o);
    let rows = spec
        .get(section)
        .unwrap_or_else(|| panic!("docs/json.md has no section `{section}`"));
    let mut errs = Vec::new();
    check_object(&doc, rows, spec, section, &mut errs);
    assert!(errs.is_empty(), "{section}: {errs:#?}\n{doc:#}");
    doc
}

/// A loopback URL nothing listens on.
fn closed_url() -> String {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_prints_one_documented_json_document_on_every_outcome() {
    let spec = spec();
    let config = SandboxConfig {
        settle: Duration::ZERO,
        ..SandboxConfig::default()
    };
    let sb = sandbox::start(config.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox");
    let url = sb.base_url();
    let home = tempfile::tempdir().expect("tmp");
    let journal = home.path().join("j.jsonl").display().to_string();
    let run = |args: Vec<String>, endpoints: bool| {
        let home = home.path().to_path_buf();
        let (url, journal, c) = (url.clone(), journal.clone(), config.clone());
        async move {
            tokio::task::spawn_blocking(move || {
                let mut cmd = Command::new(env!("CARGO_BIN_EXE_pca-order"));
                cmd.env_clear()
                    .env("HOME", &home)
                    .env("HUAWEICLOUD_SDK_AK", &c.ak)
                    .env("HUAWEICLOUD_SDK_SK", &c.sk)
                    .env("HUAWEICLOUD_SDK_DOMAIN_ID", &c.domain_id)
                    .args(&args)
                    .args(["--output", "json"])
                    .stdin(Stdio::null());
                if endpoints {
                    cmd.args([
                        "--endpoint",
                        &url,
                        "--iam-endpoint",
                        &url,
                        "--eps-endpoint",
                        &url,
                    ])
                    .args(["--journal", &journal]);
                }
                cmd.output().expect("runs")
            })
            .await
            .expect("joined")
        }
    };
    let a = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    // ---- order ----
    let unpaid = expect(
        &run(a(&["order", "--yes"]), true).await,
        0,
        "order/created",
        &spec,
    );
    let unpaid = unpaid["order_id"].as_str().expect("order id").to_string();
    let waited = expect(
        &run(a(&["order", "--yes", "--auto-pay", "--wait"]), true).await,
        0,
        "order/created",
        &spec,
    );
    assert_eq!(waited["follow"]["outcome"], "completed", "{waited}");
    let paid = waited["order_id"].as_str().expect("order id").to_string();
    let ca_id = waited["ca_ids"][0].as_str().expect("a CA id").to_string();
    expect(
        &run(
            a(&["order", "--yes", "--promotion", "sandbox:status=503"]),
            true,
        )
        .await,
        4,
        "order/unknown",
        &spec,
    );
    expect(
        &run(
            a(&["order", "--yes", "--promotion", "sandbox:status=400"]),
            true,
        )
        .await,
        3,
        "order/rejected",
        &spec,
    );
    let unfollowed = expect(
        &run(a(&["order", "--yes", "--wait"]), true).await,
        0,
        "order/created",
        &spec,
    );
    assert_eq!(
        unfollowed["follow"]["outcome"], "not_followed",
        "{unfollowed}"
    );
    let closed = closed_url();
    expect(
        &run(
            a(&[
                "order",
                "--yes",
                "--endpoint",
                &closed,
                "--iam-endpoint",
                &closed,
                "--journal",
                &journal,
            ]),
            false,
        )
        .await,
        5,
        "order/not_sent",
        &spec,
    );
    expect(
        &run(a(&["order", "--dry-run"]), true).await,
        0,
        "dry_run",
        &spec,
    );
    expect(
        &run(a(&["order", "--yes", "--quantity", "0"]), true).await,
        2,
        "error",
        &spec,
    );

    // ---- price ----
    expect(
        &run(a(&["price", "--quantity", "2"]), true).await,
        0,
        "price",
        &spec,
    );
    expect(
        &run(
            a(&["price", "--sandbox", "--region", "sandbox-price-503"]),
            false,
        )
        .await,
        4,
        "error",
        &spec,
    );

    // A region that sells no yearly/monthly CA: refused before anything is asked or sent, with the
    // configuration as read.
    let refused = expect(
        &run(
            a(&[
                "order",
                "--yes",
                "--sandbox",
                "--region",
                "sandbox-no-yearly",
            ]),
            false,
        )
        .await,
        2,
        "error",
        &spec,
    );
    assert_eq!(refused["console"]["is_support_yearly_monthly_ca"], false);

    // ---- status (and a wait that ends at its limit) ----
    expect(&run(a(&["status", &paid]), true).await, 0, "Status", &spec);
    let followed = expect(
        &run(a(&["status", &paid, "--wait"]), true).await,
        0,
        "Status",
        &spec,
    );
    assert!(
        followed["follow"].is_null(),
        "a settled order is not followed: {followed}"
    );
    let limited = expect(
        &run(a(&["status", &unpaid, "--wait", "--wait-limit", "1"]), true).await,
        4,
        "status/wait_ended",
        &spec,
    );
    assert_eq!(limited["follow"]["outcome"], "wait_limit", "{limited}");
    expect(
        &run(a(&["status", "bad!id"]), true).await,
        2,
        "error",
        &spec,
    );

    // ---- pay and cancel ----
    expect(
        &run(a(&["pay", &unpaid, "--yes"]), true).await,
        0,
        "action",
        &spec,
    );
    expect(
        &run(a(&["pay", &unpaid, "--yes"]), true).await,
        3,
        "error",
        &spec,
    );
    let to_cancel = run(a(&["order", "--yes"]), true).await;
    let to_cancel = one_document(&to_cancel)["order_id"]
        .as_str()
        .expect("order id")
        .to_string();
    expect(
        &run(a(&["cancel", &to_cancel, "--yes"]), true).await,
        0,
        "action",
        &spec,
    );
    let faulty = run(
        a(&["order", "--yes", "--promotion", "sandbox:pay_status=503"]),
        true,
    )
    .await;
    let faulty = one_document(&faulty)["order_id"]
        .as_str()
        .expect("order id")
        .to_string();
    let unknown = expect(
        &run(a(&["pay", &faulty, "--yes"]), true).await,
        4,
        "action",
        &spec,
    );
    assert_eq!(unknown["outcome"], "unknown", "{unknown}");
    expect(
        &run(a(&["pay", "CS2612079999NOPE0", "--yes"]), true).await,
        3,
        "action",
        &spec,
    );

    // ---- cas, ca, activate ----
    expect(&run(a(&["cas"]), true).await, 0, "cas", &spec);
    // `manage` is the wizard's "My CAs": for people only, so JSON gets an error naming `cas`.
    let manage = expect(&run(a(&["manage"]), true).await, 2, "error", &spec);
    assert!(manage.to_string().contains("pca-order cas"), "{manage}");
    expect(
        &run(a(&["cas", "--status", "nope"]), true).await,
        2,
        "error",
        &spec,
    );
    expect(&run(a(&["ca", &ca_id]), true).await, 0, "ca", &spec);
    let activate = |extra: &[&str]| {
        let mut v = a(&[
            "activate",
            &ca_id,
            "--type",
            "root",
            "--common-name",
            "Example Root",
            "--country",
            "CN",
            "--key-algorithm",
            "RSA2048",
            "--signature-algorithm",
            "SHA256",
            "--validity",
            "10y",
        ]);
        v.extend(a(extra));
        v
    };
    expect(
        &run(activate(&["--dry-run"]), true).await,
        0,
        "dry_run",
        &spec,
    );
    let done = expect(
        &run(activate(&["--yes"]), true).await,
        0,
        "activate/activated",
        &spec,
    );
    assert_eq!(done["ca"]["status"], "ACTIVED", "{done}");
    expect(
        &run(activate(&["--yes"]), true).await,
        3,
        "activate/rejected",
        &spec,
    );
    expect(&run(a(&["ca", &ca_id]), true).await, 0, "ca", &spec);
    expect(&run(a(&["activate"]), true).await, 2, "error", &spec);
    // ---- export: an activated CA, and one that cannot export ----
    let exported = expect(&run(a(&["export", &ca_id]), true).await, 0, "export", &spec);
    assert_eq!(exported["ca_id"], ca_id.as_str(), "{exported}");
    expect(&run(a(&["export", "nope"]), true).await, 2, "error", &spec);

    // ---- csr and import (issue 21): a subordinate signed by a root made here ----
    let buy = || async {
        let o = run(a(&["order", "--yes", "--auto-pay"]), true).await;
        one_document(&o)["ca_ids"][0]
            .as_str()
            .expect("a CA id")
            .to_string()
    };
    let csr = |ca: &str, unit: &str, extra: &[&str]| {
        let mut v = a(&[
            "csr",
            ca,
            "--common-name",
            "Offline Sub",
            "--country",
            "CN",
            "--key-algorithm",
            "EC256",
            "--yes",
        ]);
        if !unit.is_empty() {
            v.extend(a(&["--organizational-unit", unit]));
        }
        v.extend(a(extra));
        v
    };
    // A journal that cannot be written: the step never leaves (the reads before it need no journal).
    let no_journal = home.path().display().to_string();
    let elsewhere = |mut v: Vec<String>| {
        v.extend(a(&[
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
            "--journal",
            &no_journal,
        ]));
        v
    };
    let sub = buy().await;
    let made = expect(&run(csr(&sub, "", &[]), true).await, 0, "csr", &spec);
    assert_eq!(made["subject_saved"], true, "{made}");
    let saved = expect(&run(csr(&sub, "", &[]), true).await, 0, "csr", &spec);
    assert_eq!(saved["subject_saved"], false, "{saved}");
    expect(&run(csr(&ca_id, "", &[]), true).await, 3, "error", &spec);
    let refused_sub = buy().await;
    let refused = expect(
        &run(csr(&refused_sub, "sandbox-status-400", &[]), true).await,
        3,
        "ca_step",
        &spec,
    );
    assert_eq!(
        (&refused["outcome"], &refused["step"]),
        (&"rejected".into(), &"save_subject".into()),
        "{refused}"
    );
    let unsent = expect(
        &run(elsewhere(csr(&refused_sub, "", &[])), false).await,
        5,
        "ca_step",
        &spec,
    );
    assert_eq!(unsent["outcome"], "not_sent", "{unsent}");
    let (root, _) = signing_root();
    let signed = home.path().join("sub.pem");
    std::fs::write(&signed, sign(made["csr"].as_str().expect("csr"), &root)).expect("write");
    let signed = signed.display().to_string();
    let import = |ca: &str| a(&["import", ca, "--certificate", &signed, "--yes"]);
    let unsent = expect(
        &run(elsewhere(import(&sub)), false).await,
        5,
        "ca_step",
        &spec,
    );
    assert_eq!(
        (&unsent["outcome"], &unsent["step"]),
        (&"not_sent".into(), &"import".into()),
        "{unsent}"
    );
    let imported = expect(&run(import(&sub), true).await, 0, "import/imported", &spec);
    assert_eq!(imported["ca"]["status"], "ACTIVED", "{imported}");
    expect(&run(import(&sub), true).await, 3, "error", &spec);
    let import_refused = buy().await;
    let other = expect(
        &run(csr(&import_refused, "sandbox-import_status-400", &[]), true).await,
        0,
        "csr",
        &spec,
    );
    let other_pem = home.path().join("other.pem");
    std::fs::write(&other_pem, sign(other["csr"].as_str().expect("csr"), &root)).expect("write");
    let other_pem = other_pem.display().to_string();
    let refused = expect(
        &run(
            a(&[
                "import",
                &import_refused,
                "--certificate",
                &other_pem,
                "--yes",
            ]),
            true,
        )
        .await,
        3,
        "ca_step",
        &spec,
    );
    assert_eq!(refused["step"], "import", "{refused}");
    // Accepted (204), but the CA cannot be read back: `import/unknown`, exit 4.
    let unconfirmed = buy().await;
    let made = expect(
        &run(csr(&unconfirmed, "sandbox-readback_status-503", &[]), true).await,
        0,
        "csr",
        &spec,
    );
    let unconfirmed_pem = home.path().join("unconfirmed.pem");
    std::fs::write(
        &unconfirmed_pem,
        sign(made["csr"].as_str().expect("csr"), &root),
    )
    .expect("write");
    let unconfirmed_pem = unconfirmed_pem.display().to_string();
    let unknown = expect(
        &run(
            a(&[
                "import",
                &unconfirmed,
                "--certificate",
                &unconfirmed_pem,
                "--yes",
            ]),
            true,
        )
        .await,
        4,
        "import/unknown",
        &spec,
    );
    assert_eq!(unknown["outcome"], "unknown", "{unknown}");

    // ---- expiring, renew (issue 20) ----
    let listed = expect(
        &run(a(&["expiring", "--within", "400d"]), true).await,
        6,
        "expiring",
        &spec,
    );
    assert!(listed["total"].as_u64() > Some(0), "{listed}");
    expect(
        &run(a(&["expiring", "--within", "1h"]), true).await,
        0,
        "expiring",
        &spec,
    );
    expect(
        &run(a(&["expiring", "--within", "soon"]), true).await,
        2,
        "error",
        &spec,
    );
    let renew = |extra: &[&str]| {
        let mut v = a(&["renew", &ca_id, "--period-unit", "month", "--period", "1"]);
        v.extend(a(extra));
        v
    };
    expect(&run(renew(&["--dry-run"]), true).await, 0, "renew", &spec);
    expect(&run(renew(&["--yes"]), true).await, 0, "renew", &spec);
    let again = expect(&run(renew(&["--yes"]), true).await, 3, "renew", &spec);
    assert_eq!(again["outcome"], "not_renewable", "{again}");
    expect(
        &run(
            a(&[
                "renew",
                &ca_id,
                "--period-unit",
                "month",
                "--period",
                "12",
                "--yes",
            ]),
            true,
        )
        .await,
        2,
        "error",
        &spec,
    );

    // ---- auto-renew, unsubscribe ----
    let on = expect(
        &run(
            a(&[
                "auto-renew",
                &ca_id,
                "on",
                "--times",
                "2",
                "--period-unit",
                "year",
                "--yes",
            ]),
            true,
        )
        .await,
        0,
        "auto_renew",
        &spec,
    );
    assert_eq!(on["read_back"]["auto_renew"], "on", "{on}");
    expect(
        &run(a(&["auto-renew", &ca_id, "off", "--yes"]), true).await,
        0,
        "auto_renew",
        &spec,
    );
    let nope = "00000000-0000-4000-8000-000000000000";
    expect(
        &run(a(&["auto-renew", nope, "on", "--yes"]), true).await,
        3,
        "auto_renew",
        &spec,
    );
    expect(
        &run(
            a(&["auto-renew", &ca_id, "on", "--times", "100", "--yes"]),
            true,
        )
        .await,
        2,
        "error",
        &spec,
    );
    let closed = closed_url();
    expect(
        &run(
            a(&[
                "auto-renew",
                &ca_id,
                "on",
                "--yes",
                "--endpoint",
                &closed,
                "--iam-endpoint",
                &closed,
                "--eps-endpoint",
                &closed,
                "--journal",
                &journal,
            ]),
            false,
        )
        .await,
        5,
        "auto_renew",
        &spec,
    );
    expect(
        &run(a(&["unsubscribe", &ca_id, "--yes"]), true).await,
        2,
        "error",
        &spec,
    );
    expect(
        &run(
            a(&["unsubscribe", &ca_id, "--what", "renewals", "--yes"]),
            true,
        )
        .await,
        3,
        "unsubscribe",
        &spec,
    );
    let gone = expect(
        &run(a(&["unsubscribe", &ca_id, "--what", "ca", "--yes"]), true).await,
        0,
        "unsubscribe",
        &spec,
    );
    assert!(
        !gone["refunds"].as_array().is_none_or(Vec::is_empty),
        "{gone}"
    );
    expect(
        &run(a(&["unsubscribe", &ca_id, "--what", "ca", "--yes"]), true).await,
        3,
        "unsubscribe",
        &spec,
    );

    // ---- history, the wizard, clap's own errors ----
    expect(
        &run(a(&["history", "--journal", &journal]), false).await,
        0,
        "history",
        &spec,
    );
    expect(&run(a(&[]), false).await, 2, "error", &spec);
    expect(
        &run(a(&["no-such-command"]), false).await,
        2,
        "error",
        &spec,
    );
}

/// A root made here (the user's offline root): its issuer and PEM.
fn signing_root() -> (Issuer<'static, KeyPair>, String) {
    let key = KeyPair::generate().expect("key");
    let mut p = CertificateParams::default();
    p.distinguished_name
        .push(DnType::CommonName, "Offline Root");
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let pem = p.self_signed(&key).expect("root").pem();
    (Issuer::new(p, key), pem)
}

/// The root signs a CSR as a CA certificate.
fn sign(csr: &str, root: &Issuer<'static, KeyPair>) -> String {
    let mut req = CertificateSigningRequestParams::from_pem(csr).expect("csr parses");
    req.params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    req.params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    req.signed_by(root).expect("signed").pem()
}

/// The checker itself: a document with an undocumented key, a float amount or an epoch time fails.
#[test]
fn the_checker_refuses_what_the_page_does_not_describe() {
    let spec = spec();
    let mut errs = Vec::new();
    let rows: Rows = vec![
        ("amount".into(), "money".into()),
        ("when".into(), "time?".into()),
    ];
    check_object(
        &serde_json::json!({"amount": "64800.0", "when": 1_700_000_000_000_i64, "extra": 1}),
        &rows,
        &spec,
        "doc",
        &mut errs,
    );
    assert_eq!(errs.len(), 3, "{errs:#?}");
    errs.clear();
    check_object(
        &serde_json::json!({"amount": "64800.00", "when": "2026-12-07T03:28:58Z"}),
        &rows,
        &spec,
        "doc",
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:#?}");
}

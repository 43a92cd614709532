//! The real binary against a lying loopback server: what a hostile or broken endpoint sends must never
//! steer the terminal, turn into a request to another path, or make a read loop; and a read that fails
//! ends with the same exit code on every command.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

mod common;
use common::text;

use serde_json::{Value, json};

const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
const ORDER: &str = "CS2611291200ABCDE";

/// One answer: status and JSON body (an empty body for 204).
type Answer = (u16, String);

/// A loopback server that answers every request with `route(method, path_and_query)` and records
/// each request line ("METHOD /path?query").
struct Liar {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Liar {
    fn new(route: impl Fn(&str, &str) -> Answer + Send + Sync + 'static) -> Liar {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for mut sock in listener.incoming().flatten() {
                let Some(line) = read_request(&mut sock) else {
                    continue;
                };
                let mut parts = line.split(' ');
                let (method, target) = (
                    parts.next().unwrap_or("").to_string(),
                    parts.next().unwrap_or("").to_string(),
                );
                if let Ok(mut l) = log.lock() {
                    l.push(format!("{method} {target}"));
                }
                let (status, body) = route(&method, &target);
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = sock.write_all(head.as_bytes());
                let _ = sock.write_all(body.as_bytes());
            }
        });
        Liar { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Runs the binary with every endpoint on this server and a token.
    fn run(&self, list: &[&str]) -> Output {
        let home = tempfile::tempdir().expect("tmp");
        let journal = home.path().join("j.jsonl");
        Command::new(env!("CARGO_BIN_EXE_pca-order"))
            .env_clear()
            .env("HOME", home.path())
            .env("HUAWEICLOUD_AUTH_TOKEN", "tok-hostile-test-value")
            .args(list)
            .args(["--endpoint", &self.url, "--iam-endpoint", &self.url])
            .args(["--eps-endpoint", &self.url, "--journal"])
            .arg(&journal)
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }
}

/// The request line, after reading the head and a Content-Length body.
fn read_request(sock: &mut std::net::TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = sock.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let len = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                return text.lines().next().map(str::to_string);
            }
        }
    }
}

/// A subject that retitles the terminal (OSC 0), writes a shell command to the clipboard (OSC 52) and
/// erases the line to print a forged status (CR, CSI 2K, the C1 CSI), with a bidi override.
fn hostile_subject() -> Value {
    json!({
        "common_name": "Evil\u{1b}]0;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4K\u{7}Root",
        "country": "CN",
        "organization": "\r\u{1b}[2Kstatus: ACTIVED",
        "organizational_unit": "\u{9b}2Kunit",
        "state": "a\u{202e}b",
        "locality": "\u{1b}[1A\u{1b}[2Kup",
    })
}

fn ca_object(id: &str, status: &str) -> Value {
    json!({"ca_id": id, "type": "ROOT", "status": status, "path_length": 7,
        "key_algorithm": "RSA2048", "signature_algorithm": "SHA256", "gen_mode": "GENERATE",
        "distinguished_name": hostile_subject(), "not_before": 1_700_000_000_000_i64,
        "not_after": 2_000_000_000_000_i64, "serial_number": "01"})
}

/// What reached the terminal holds nothing that could steer it.
fn assert_inert(what: &str, o: &Output) {
    let (out, err) = text(o);
    for (stream, s) in [("stdout", &out), ("stderr", &err)] {
        let bad: Vec<char> = s
            .chars()
            .filter(|c| *c != '\n' && pca_order::sanitize::hidden(*c))
            .collect();
        assert!(bad.is_empty(), "{what} {stream} holds {bad:?}: {s:?}");
    }
}

#[test]
fn a_hostile_ca_subject_reaches_no_terminal_from_ca_cas_or_activate() {
    let liar = Liar::new(|method, target| {
        let path = target.split('?').next().unwrap_or("");
        match (method, path) {
            ("GET", "/v1/private-certificate-authorities") => (
                200,
                json!({"total": 1, "certificate_authorities": [ca_object(CA, "PENDING")]})
                    .to_string(),
            ),
            ("POST", p) if p.ends_with("/activate") => (204, String::new()),
            ("GET", p) if p.starts_with("/v1/private-certificate-authorities/") => {
                (200, ca_object(CA, "ACTIVED").to_string())
            }
            _ => (
                404,
                r#"{"error_code":"APIGW.0101","error_msg":"no"}"#.into(),
            ),
        }
    });
    let upper = CA.to_ascii_uppercase();
    let activate = [
        "activate",
        CA,
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
        "--yes",
    ];
    for (what, args) in [
        ("ca", vec!["ca", upper.as_str()]),
        ("cas", vec!["cas"]),
        ("activate", activate.to_vec()),
    ] {
        let o = liar.run(&args);
        assert_eq!(o.status.code(), Some(0), "{what}: {:?}", text(&o));
        assert_inert(what, &o);
        assert!(text(&o).0.contains("Evil"), "{what}: {:?}", text(&o));
        let mut json_args = args.clone();
        json_args.extend(["--output", "json"]);
        let o = liar.run(&json_args);
        assert_inert(what, &o);
        let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
        assert!(v.to_string().contains("Evil"), "{what}: {v}");
    }
    // The upper-case id was read as the lower-case one CCM knows.
    assert!(
        liar.seen()
            .contains(&format!("GET /v1/private-certificate-authorities/{CA}")),
        "{:?}",
        liar.seen()
    );
}

#[test]
fn a_resource_id_from_bss_never_becomes_a_request_to_another_path() {
    let liar = Liar::new(|method, target| {
        match (method, target) {
        ("GET", t) if t.starts_with("/v2/orders/customer-orders/details/") => (
            200,
            json!({"order_info": {"order_id": ORDER, "status": 5, "order_type": 1,
                "amount_after_discount": "1200", "official_amount": "1200", "measure_id": 1,
                "currency": "\u{1b}]0;t\u{7}CNY", "create_time": "\u{1b}[2K2026-01-01T00:00:00Z"}})
            .to_string(),
        ),
        ("POST", "/v2/orders/suscriptions/resources/query") => (
            200,
            json!({"total_count": 3, "data": [
                {"resource_id": "../../../v3/orders/customer-orders/pay", "status": 2},
                {"resource_id": "%2e%2e/%2e%2e/%2e%2e/v3/orders/customer-orders/cancel", "status": 2},
                {"resource_id": format!("{CA}?x=1"), "status": 2},
            ]})
            .to_string(),
        ),
        _ => (200, "{}".into()),
    }
    });
    let o = liar.run(&["status", ORDER]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_inert("status", &o);
    let seen = liar.seen();
    assert_eq!(
        seen,
        vec![
            format!("GET /v2/orders/customer-orders/details/{ORDER}"),
            "POST /v2/orders/suscriptions/resources/query".to_string(),
        ],
        "only the order and its resources are read"
    );
    assert!(
        text(&o).0.contains("not in the documented shape"),
        "{:?}",
        text(&o)
    );
}

/// A CA id for a page offset, so each page of an endless list brings new CAs.
fn nth_ca(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-000000000000")
}

#[test]
fn cas_stops_on_a_repeated_page_and_caps_an_endless_list() {
    // The same page again and again, claiming ten thousand CAs.
    let liar = Liar::new(|_, _| {
        (
            200,
            json!({"total": 10000, "certificate_authorities": [ca_object(CA, "PENDING")]})
                .to_string(),
        )
    });
    let o = liar.run(&["cas", "--output", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    // Only the CA list's GETs count: `cas` also reads the CAs' subscriptions (one BSS POST).
    let gets = |liar: &Liar| liar.seen().iter().filter(|l| l.starts_with("GET ")).count();
    assert!(
        gets(&liar) <= 2,
        "{} GETs for one repeated page",
        gets(&liar)
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v.to_string().matches(CA).count(),
        1,
        "the CA is listed once: {v}"
    );
    // New CAs on every page, forever: the pages are capped.
    let liar = Liar::new(|_, target| {
        let offset: usize = target
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("offset="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let cas: Vec<Value> = (offset..offset + 3)
            .map(|n| ca_object(&nth_ca(n), "PENDING"))
            .collect();
        (
            200,
            json!({"total": 1_000_000, "certificate_authorities": cas}).to_string(),
        )
    });
    let o = liar.run(&["cas", "--output", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let gets = gets(&liar);
    assert!((2..=20).contains(&gets), "{gets} GETs");
}

#[test]
fn a_failed_read_ends_with_one_exit_code_on_every_command() {
    for (status, code, want) in [
        (503, "CBC.0999", 4),
        (500, "PCA.00010001", 4),
        (403, "APIGW.0302", 3),
    ] {
        let liar = Liar::new(move |_, _| {
            (
                status,
                json!({"error_code": code, "error_msg": "no"}).to_string(),
            )
        });
        for args in [
            vec!["cas"],
            vec!["ca", CA],
            vec!["status", ORDER],
            vec!["price", "--bss-endpoint", &liar.url],
        ] {
            let o = liar.run(&args);
            assert_eq!(
                o.status.code(),
                Some(want),
                "{args:?} on {status}: {:?}",
                text(&o)
            );
        }
    }
}

/// `export` refuses an answer that is not a certificate — an HTML error page, the PEM of a private key,
/// a chain that does not link — and never prints what it refused: nothing on stdout, no key on stderr,
/// and the read's exit code (5: the answer is not in the documented shape).
#[test]
fn export_refuses_answers_that_are_not_certificates() {
    let key_pem =
        "-----BEGIN PRIVATE KEY-----\\r\\nc2VjcmV0LWtleS1ieXRlcw==\\r\\n-----END PRIVATE KEY-----";
    let root = rcgen::generate_simple_self_signed(vec!["a.example".to_string()]).expect("cert");
    let other = rcgen::generate_simple_self_signed(vec!["b.example".to_string()]).expect("cert");
    let unlinked = json!({"certificate": root.cert.pem(), "certificate_chain": other.cert.pem()});
    let answers: Vec<(&str, String)> = vec![
        (
            "html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>".to_string(),
        ),
        (
            "key",
            json!({"certificate": key_pem, "certificate_chain": null}).to_string(),
        ),
        ("unlinked", unlinked.to_string()),
        (
            "two",
            json!({"certificate": format!("{}{}", root.cert.pem(), other.cert.pem())}).to_string(),
        ),
    ];
    for (what, body) in answers {
        let liar = Liar::new(move |method, path| {
            if method == "POST" && path.ends_with("/export") {
                (200, body.clone())
            } else {
                (200, ca_object(CA, "ACTIVED").to_string())
            }
        });
        let o = liar.run(&["export", CA]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{what}: {err}");
        assert!(out.is_empty(), "{what}: {out}");
        assert!(
            err.contains("could not export the certificate"),
            "{what}: {err}"
        );
        assert!(
            !err.contains("c2VjcmV0"),
            "{what}: the key reached the screen: {err}"
        );
        assert_inert(what, &o);
        assert_eq!(
            liar.seen(),
            vec![
                format!("GET /v1/private-certificate-authorities/{CA}"),
                format!("POST /v1/private-certificate-authorities/{CA}/export")
            ],
            "{what}"
        );
    }
}

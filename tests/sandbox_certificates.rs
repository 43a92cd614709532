//! The sandbox issues real X.509 certificates when it activates a CA (issue 21), and exports them as
//! CCM does: `POST …/{ca_id}/export` → `{certificate, certificate_chain}`, line breaks written as the
//! text `\r\n`, a root's chain null. Read back with the client's own certificate module, and with
//! openssl where it is installed.

use std::time::Duration;

use pca_order::certificate::{Link, check_chain, parse_pem};
use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use reqwest::StatusCode;

mod common;
use common::sandbox_http::{CAS, buy, call};
use serde_json::{Value, json};

async fn start(state_file: Option<std::path::PathBuf>) -> RunningSandbox {
    let config = SandboxConfig {
        settle: Duration::ZERO,
        state_file,
        ..SandboxConfig::default()
    };
    sandbox::start(config, ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts")
}

async fn activate(sb: &RunningSandbox, id: &str, body: Value) {
    let (s, v) = call(sb, "POST", &format!("{CAS}/{id}/activate"), Some(body)).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
}

fn root_body(key: &str, hash: &str) -> Value {
    json!({"type": "ROOT",
        "distinguished_name": {"common_name": "Sandbox Root", "country": "CN", "organization": "Example"},
        "key_algorithm": key, "signature_algorithm": hash, "validity": {"type": "YEAR", "value": 10}})
}

fn sub_body(issuer: &str, key: &str, hash: &str) -> Value {
    json!({"type": "SUBORDINATE", "issuer_id": issuer,
        "distinguished_name": {"common_name": "Sandbox Sub", "country": "CN", "state": "Beijing",
            "locality": "Haidian", "organization": "Example", "organizational_unit": "Ops"},
        "key_algorithm": key, "signature_algorithm": hash,
        "validity": {"type": "MONTH", "value": 6}, "path_length": 1})
}

async fn export(sb: &RunningSandbox, id: &str) -> (StatusCode, Value) {
    call(sb, "POST", &format!("{CAS}/{id}/export"), None).await
}

fn ms(t: time::OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).expect("ms")
}

#[tokio::test]
async fn a_root_and_a_subordinate_export_real_certificates_that_chain() {
    let sb = start(None).await;
    let ids = buy(&sb, 3, true).await;
    activate(&sb, &ids[0], root_body("RSA2048", "SHA384")).await;
    activate(&sb, &ids[1], sub_body(&ids[0], "EC384", "SHA256")).await;
    activate(&sb, &ids[2], sub_body(&ids[1], "EC256", "SHA256")).await;

    let (s, root) = export(&sb, &ids[0]).await;
    assert_eq!(s, StatusCode::OK, "{root}");
    assert!(root["certificate_chain"].is_null(), "{root}");
    let wire = root["certificate"].as_str().expect("certificate");
    // The service's encoding: the text \r\n for every line break, no real line break at all.
    assert!(wire.contains("-----BEGIN CERTIFICATE-----\\r\\n"), "{wire}");
    assert!(!wire.contains('\n'));
    let rc = parse_pem(wire).expect("a certificate").remove(0);
    let (_, ca) = call(&sb, "GET", &format!("{CAS}/{}", ids[0]), None).await;
    let r = rc.summary();
    assert_eq!(r.subject, "C=CN, O=Example, CN=Sandbox Root");
    assert_eq!(r.issuer, r.subject);
    assert_eq!(r.serial, ca["serial_number"].as_str().expect("serial"));
    assert_eq!(ms(r.not_before), ca["not_before"].as_i64().expect("nb"));
    assert_eq!(ms(r.not_after), ca["not_after"].as_i64().expect("na"));
    assert!(r.is_ca);
    assert_eq!(r.path_length, Some(7));

    let (s, sub) = export(&sb, &ids[1]).await;
    assert_eq!(s, StatusCode::OK, "{sub}");
    let sc = parse_pem(sub["certificate"].as_str().expect("cert"))
        .expect("parses")
        .remove(0);
    let chain = parse_pem(sub["certificate_chain"].as_str().expect("chain")).expect("chain");
    assert_eq!(chain, vec![rc.clone()]);
    let (_, ca) = call(&sb, "GET", &format!("{CAS}/{}", ids[1]), None).await;
    let s1 = sc.summary();
    assert_eq!(
        s1.subject,
        "C=CN, ST=Beijing, L=Haidian, O=Example, OU=Ops, CN=Sandbox Sub"
    );
    assert_eq!(s1.issuer, r.subject);
    assert_eq!(s1.path_length, Some(1));
    assert_eq!(s1.serial, ca["serial_number"].as_str().expect("serial"));
    assert_eq!(ms(s1.not_before), ca["not_before"].as_i64().expect("nb"));
    assert_eq!(ms(s1.not_after), ca["not_after"].as_i64().expect("na"));
    assert_eq!(
        check_chain(&[sc.clone(), rc.clone()]),
        Ok(vec![Link::Signature])
    );

    // Two levels down: the chain is the issuers, nearest first, up to the root.
    let (_, sub2) = export(&sb, &ids[2]).await;
    let mut all = parse_pem(sub2["certificate"].as_str().expect("cert")).expect("parses");
    let chain = parse_pem(sub2["certificate_chain"].as_str().expect("chain")).expect("chain");
    assert_eq!(chain, vec![sc, rc]);
    all.extend(chain);
    assert_eq!(
        check_chain(&all),
        Ok(vec![Link::Signature, Link::Signature])
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn only_an_activated_ca_exports_and_sm2_says_the_sandbox_cannot_make_it() {
    let sb = start(None).await;
    let ids = buy(&sb, 3, true).await;
    let (s, v) = export(&sb, &ids[0]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["error_code"], "PCA.00020001");
    let msg = v["error_msg"].as_str().expect("msg");
    assert!(
        msg.contains("PENDING") && msg.contains("ACTIVED, EXPIRED or DISABLED"),
        "{msg}"
    );
    let (s, v) = export(&sb, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error_code"], "PCA.10010002");
    // Only POST exports.
    let (s, _) = call(&sb, "GET", &format!("{CAS}/{}/export", ids[0]), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    activate(&sb, &ids[0], root_body("SM2", "SM3")).await;
    let (s, v) = export(&sb, &ids[0]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error_msg"]
            .as_str()
            .expect("msg")
            .contains("cannot make SM2"),
        "{v}"
    );
    // A subordinate under it has no certificate either, and says why.
    activate(&sb, &ids[1], sub_body(&ids[0], "SM2", "SM3")).await;
    let (s, v) = export(&sb, &ids[1]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error_msg"]
            .as_str()
            .expect("msg")
            .contains("issuing CA has no certificate"),
        "{v}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_ca_activated_before_certificates_were_made_gets_one_when_exported() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("x.json");
    let sb = start(Some(path.clone())).await;
    let ids = buy(&sb, 2, true).await;
    activate(&sb, &ids[0], root_body("EC256", "SHA256")).await;
    activate(&sb, &ids[1], sub_body(&ids[0], "EC256", "SHA256")).await;
    sb.shutdown().await;
    // As an older version wrote it: no key, no certificate.
    let mut state: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    for ca in state["cas"].as_array_mut().expect("cas") {
        let a = ca["activation"].as_object_mut().expect("activation");
        assert!(a.remove("key").is_some() && a.remove("certificate").is_some());
    }
    std::fs::write(&path, serde_json::to_vec(&state).expect("json")).expect("write");

    let sb = start(Some(path.clone())).await;
    // The subordinate first: its root is issued on the way.
    let (s, sub) = export(&sb, &ids[1]).await;
    assert_eq!(s, StatusCode::OK, "{sub}");
    let sc = parse_pem(sub["certificate"].as_str().expect("cert")).expect("parses");
    let chain = parse_pem(sub["certificate_chain"].as_str().expect("chain")).expect("chain");
    assert_eq!(
        check_chain(&[sc[0].clone(), chain[0].clone()]),
        Ok(vec![Link::Signature])
    );
    // Kept: the next export is the same certificate, and the file stays the user's alone.
    let (_, again) = export(&sb, &ids[1]).await;
    assert_eq!(again["certificate"], sub["certificate"]);
    let (_, root) = export(&sb, &ids[0]).await;
    assert_eq!(root["certificate"], sub["certificate_chain"]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    sb.shutdown().await;
}

/// openssl reads what the sandbox exports and verifies the subordinate against the root (skipped with
/// a message where openssl is not installed).
#[tokio::test]
async fn openssl_reads_and_verifies_the_exports() {
    if std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: openssl is not installed; the round trip was not run");
        return;
    }
    let sb = start(None).await;
    let ids = buy(&sb, 2, true).await;
    activate(&sb, &ids[0], root_body("RSA2048", "SHA256")).await;
    activate(&sb, &ids[1], sub_body(&ids[0], "RSA2048", "SHA512")).await;
    let dir = tempfile::tempdir().expect("dir");
    for (i, name) in [(0, "root.pem"), (1, "sub.pem")] {
        let (_, v) = export(&sb, &ids[i]).await;
        let pem = pca_order::certificate::normalise(v["certificate"].as_str().expect("cert"))
            .expect("pem");
        std::fs::write(dir.path().join(name), pem).expect("write");
    }
    let text = std::process::Command::new("openssl")
        .args(["x509", "-text", "-noout", "-in"])
        .arg(dir.path().join("sub.pem"))
        .output()
        .expect("openssl x509");
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(text.status.success(), "{out}");
    assert!(out.contains("sha512WithRSAEncryption"), "{out}");
    assert!(out.contains("CA:TRUE, pathlen:1"), "{out}");
    assert!(
        out.contains("Certificate Sign, CRL Sign") || out.contains("CRL Sign"),
        "{out}"
    );
    let verify = std::process::Command::new("openssl")
        .arg("verify")
        .arg("-CAfile")
        .arg(dir.path().join("root.pem"))
        .arg(dir.path().join("sub.pem"))
        .output()
        .expect("openssl verify");
    let said = String::from_utf8_lossy(&verify.stdout);
    assert!(
        verify.status.success() && said.contains(": OK"),
        "{said}{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    sb.shutdown().await;
}

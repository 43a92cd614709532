//! `csr` and `import` as a script runs them (issue 21): the real binary against a sandbox on 127.0.0.1.
//! A bought subordinate's subject is saved, its CSR is signed OUTSIDE by a root made here (rcgen), the
//! certificate is imported and the CA reads ACTIVED; a certificate for another key is refused before
//! anything is sent; a hostile CSR answer is refused; an import whose answer never comes is unknown
//! and journaled.

mod common;
use common::sandbox_cli::SandboxCli;
use common::{run_bin, text};

use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DnType, IsCa, Issuer,
    KeyPair, KeyUsagePurpose,
};
use serde_json::Value;

const SUBJECT: [&str; 8] = [
    "--common-name",
    "Offline Sub",
    "--country",
    "CN",
    "--organization",
    "Example",
    "--key-algorithm",
    "EC256",
];

/// A root made outside the sandbox (the user's offline root): its issuer and PEM.
fn outside_root() -> (Issuer<'static, KeyPair>, String) {
    let key = KeyPair::generate().expect("key");
    let mut p = CertificateParams::default();
    p.distinguished_name
        .push(DnType::CommonName, "Offline Root");
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let cert = p.self_signed(&key).expect("root");
    let pem = cert.pem();
    (Issuer::new(p, key), pem)
}

/// The root signs the CSR as a CA certificate.
fn sign(csr: &str, root: &Issuer<'static, KeyPair>) -> String {
    let mut req = CertificateSigningRequestParams::from_pem(csr).expect("csr parses");
    req.params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    req.params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    req.signed_by(root).expect("signed").pem()
}

async fn csr_of(env: &SandboxCli, ca: &str, extra: &[&str]) -> String {
    let mut a = vec!["csr", ca];
    a.extend_from_slice(&SUBJECT);
    a.extend_from_slice(extra);
    a.extend_from_slice(&["--yes", "--output", "json"]);
    let o = env.run(&a).await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "csr");
    assert_eq!(v["subject_saved"], true);
    v["csr"].as_str().expect("csr").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_subordinate_signed_outside_is_imported_and_reads_actived() {
    let env = SandboxCli::settled().await;
    let ca = env.one_ca(&[]).await;
    let csr = csr_of(&env, &ca, &[]).await;
    assert!(
        csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"),
        "{csr}"
    );
    assert!(csr.ends_with("-----END CERTIFICATE REQUEST-----\n"));
    // Again: the subject is saved already, so nothing is sent; the CSR is printed on stdout.
    let mut a = vec!["csr", ca.as_str()];
    a.extend_from_slice(&SUBJECT);
    let o = env.run(&a).await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("already has this subject saved"), "{err}");
    // The next command reaches the same account: the endpoints this one was given, repeated.
    let url = env.sb.base_url();
    assert!(
        err.contains(&format!("pca-order import --endpoint {url}"))
            && err.contains(&format!("--eps-endpoint {url} {ca} --certificate")),
        "{err}"
    );
    assert!(
        out.starts_with("-----BEGIN CERTIFICATE REQUEST-----"),
        "{out}"
    );
    // `--out` writes the same CSR to a new file through the one safe writer (no temp file left
    // beside it), and never over a file already there.
    let file = env.home.path().join("sub.csr");
    let path = file.display().to_string();
    let mut a = vec!["csr", ca.as_str()];
    a.extend_from_slice(&SUBJECT);
    a.extend_from_slice(&["--out", &path]);
    let o = env.run(&a).await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    // The same subject and key (the signature differs: ECDSA signs afresh each read).
    let written = std::fs::read_to_string(&file).expect("written");
    let head = |p: &str| p.lines().skip(2).take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&written), head(&csr));
    assert!(
        written.ends_with("-----END CERTIFICATE REQUEST-----\n"),
        "{written}"
    );
    let left: Vec<_> = std::fs::read_dir(env.home.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let o = env.run(&a).await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("never overwrites"), "{err}");
    // Another subject for the same CA is refused, nothing sent.
    let o = env
        .run(&[
            "csr",
            &ca,
            "--common-name",
            "Other",
            "--country",
            "CN",
            "--key-algorithm",
            "EC256",
            "--yes",
        ])
        .await;
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
    let (root, root_pem) = outside_root();
    let sub = env.write("sub.pem", &sign(&csr, &root));
    let chain = env.write("chain.pem", &root_pem);
    let o = env
        .run(&[
            "import",
            &ca,
            "--certificate",
            &sub,
            "--chain",
            &chain,
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "imported");
    assert_eq!(v["ca"]["status"], "ACTIVED");
    assert_eq!(v["ca"]["ca_id"], ca.as_str());
    // The journal holds both requests, each a sending line then its success.
    let states: Vec<(String, String)> = env
        .journal_lines()
        .iter()
        .filter_map(|l| {
            Some((
                l["operation"].as_str()?.to_string(),
                l["state"].as_str()?.to_string(),
            ))
        })
        .collect();
    let want = [
        ("save_subject", "sending"),
        ("save_subject", "subject_saved"),
        ("import", "sending"),
        ("import", "imported"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(states, want.to_vec());
    let o = env.run(&["history", "--sandbox"]).await;
    let (out, _) = text(&o);
    assert!(
        out.contains(&format!("save-subject {ca}")) && out.contains(&format!("import {ca}")),
        "{out}"
    );
    assert!(
        out.contains("subject saved") && out.contains("imported"),
        "{out}"
    );
    // Import again: the CA is no longer PENDING, refused before sending.
    let o = env
        .run(&["import", &ca, "--certificate", &sub, "--yes"])
        .await;
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_for_another_key_is_refused_before_anything_is_sent() {
    let env = SandboxCli::settled().await;
    let ca = env.one_ca(&[]).await;
    let _ = csr_of(&env, &ca, &[]).await;
    let (root, root_pem) = outside_root();
    // Same subject, another key: what a mixed-up file would hold.
    let other = KeyPair::generate().expect("key");
    let mut p = CertificateParams::default();
    p.distinguished_name.push(DnType::CommonName, "Offline Sub");
    p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    let wrong = env.write(
        "wrong.pem",
        &p.signed_by(&other, &root).expect("cert").pem(),
    );
    let before = env.journal_lines().len();
    let o = env
        .run(&["import", &ca, "--certificate", &wrong, "--yes"])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("wrong.pem") && err.contains("public key is not the CSR's"),
        "{err}"
    );
    // Not a CA certificate, and a chain that does not link: refused too, naming the file.
    let root_file = env.write("root.pem", &root_pem);
    let o = env
        .run(&["import", &ca, "--certificate", &root_file, "--yes"])
        .await;
    assert_eq!(o.status.code(), Some(2));
    let not_pem = env.write("notes.txt", "hello");
    let o = env
        .run(&[
            "import",
            &ca,
            "--certificate",
            &not_pem,
            "--yes",
            "--lang",
            "zh-CN",
        ])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("notes.txt") && err.contains("不是 PEM 证书"),
        "{err}"
    );
    let dir = env.home.path().display().to_string();
    let o = env
        .run(&["import", &ca, "--certificate", &dir, "--yes"])
        .await;
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("not a regular file"), "{err}");
    assert_eq!(env.journal_lines().len(), before, "nothing was journaled");
    let o = env.run(&["ca", &ca, "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "PENDING");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_whose_answer_never_comes_is_unknown_and_journaled() {
    let env = SandboxCli::settled().await;
    let ca = env.one_ca(&[]).await;
    let csr = csr_of(
        &env,
        &ca,
        &["--organizational-unit", "sandbox-import_delay_ms-4000"],
    )
    .await;
    let (root, _) = outside_root();
    let sub = env.write("sub.pem", &sign(&csr, &root));
    let o = env
        .run(&[
            "import",
            &ca,
            "--certificate",
            &sub,
            "--yes",
            "--timeout",
            "1",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "unknown");
    assert_eq!(v["step"], "import");
    let last = env.journal_lines().pop().expect("a line");
    assert_eq!(last["operation"], "import");
    assert_eq!(last["state"], "unknown");
    // It took effect all the same (the sandbox's answer was only late).
    let o = env.run(&["ca", &ca, "--output", "json"]).await;
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["status"], "ACTIVED");
}

/// The service accepts the import (204) but the CA cannot be read back (`sandbox-readback_status-503`):
/// not confirmed, so unknown (exit 4, never 0 and never 3: a script must not import again), with the
/// import journaled as the service answered it; the CA did become ACTIVED all the same.
#[tokio::test(flavor = "multi_thread")]
async fn an_import_whose_read_back_fails_is_unknown_and_journaled() {
    let env = SandboxCli::settled().await;
    let ca = env.one_ca(&[]).await;
    let csr = csr_of(
        &env,
        &ca,
        &["--organizational-unit", "sandbox-readback_status-503"],
    )
    .await;
    let (root, _) = outside_root();
    let sub = env.write("sub.pem", &sign(&csr, &root));
    let o = env
        .run(&[
            "import",
            &ca,
            "--certificate",
            &sub,
            "--yes",
            "--output",
            "json",
        ])
        .await;
    assert_eq!(o.status.code(), Some(4), "{:?}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["outcome"], "unknown", "{v}");
    assert_eq!(v["ca_id"], ca.as_str(), "{v}");
    assert!(v.get("step").is_none(), "the import was answered: {v}");
    let reason = v["reason"].as_str().expect("a reason");
    assert!(
        reason.contains("could not be read back") && reason.contains("503"),
        "{reason}"
    );
    let lines = env.journal_lines_of("import");
    let states: Vec<&str> = lines.iter().filter_map(|l| l["state"].as_str()).collect();
    assert_eq!(states, ["sending", "imported"], "{lines:?}");
    // The same in words, on stderr, with what to do.
    let ca2 = env.one_ca(&[]).await;
    let csr = csr_of(
        &env,
        &ca2,
        &["--organizational-unit", "sandbox-readback_status-503"],
    )
    .await;
    let sub = env.write("sub2.pem", &sign(&csr, &root));
    let o = env
        .run(&["import", &ca2, "--certificate", &sub, "--yes"])
        .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("503"), "{err}");
    // It took effect: the list reads both ACTIVED (only reading one CA back fails).
    let o = env.run(&["cas", "--output", "json"]).await;
    let listed = String::from_utf8_lossy(&o.stdout).into_owned();
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    for id in [&ca, &ca2] {
        let status = v["certificate_authorities"]
            .as_array()
            .and_then(|cas| cas.iter().find(|c| c["ca_id"] == id.as_str()))
            .map(|c| c["status"].clone());
        assert_eq!(status, Some("ACTIVED".into()), "{listed}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_csr_answer_is_never_printed() {
    let ca = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
    let shown = format!(
        r#"{{"ca_id":"{ca}","type":"SUBORDINATE","status":"PENDING","key_algorithm":"EC256","distinguished_name":{{"common_name":"Offline Sub","country":"CN","organization":"Example"}}}}"#
    );
    let (url, count) = common::scripted_server(move |line| {
        if line.contains("/csr") {
            common::ok_json(r#"{"csr":"<html>\u001b]0;pwned\u0007 not a csr</html>"}"#)
        } else {
            common::ok_json(&shown)
        }
    });
    let home = tempfile::tempdir().expect("tmp");
    let mut a: Vec<String> = ["csr", ca]
        .iter()
        .chain(SUBJECT.iter())
        .map(|s| s.to_string())
        .collect();
    for s in ["--endpoint", &url, "--journal"] {
        a.push(s.to_string());
    }
    a.push(home.path().join("j.jsonl").display().to_string());
    let o = run_bin(
        home.path(),
        &a,
        &[
            ("HUAWEICLOUD_SDK_AK", "AK"),
            ("HUAWEICLOUD_SDK_SK", "SK"),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", "d0"),
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("not a CSR") && !err.contains('\u{1b}'),
        "{err}"
    );
    // Read the CA, read the CSR: nothing was sent that changes anything.
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 2);
}

/// `--out` naming a directory or a symlink is refused, in the shared writer's words, before anything
/// is read or sent (the endpoint is a closed port: any call would be exit 5, not 2).
#[test]
fn csr_out_at_a_directory_or_a_symlink_is_refused_before_any_call() {
    let home = tempfile::tempdir().expect("tmp");
    let link = home.path().join("link.csr");
    std::os::unix::fs::symlink(home.path().join("elsewhere"), &link).expect("symlink");
    for (target, words) in [
        (home.path().to_path_buf(), "is a directory"),
        (link, "symbolic link"),
    ] {
        let mut a: Vec<String> = ["csr", "6f3c3c8e-2d7f-4b1a-9a57-3c1d2e4f5a6b"]
            .iter()
            .chain(SUBJECT.iter())
            .map(|s| s.to_string())
            .collect();
        for s in ["--yes", "--endpoint", "http://127.0.0.1:9", "--out"] {
            a.push(s.to_string());
        }
        a.push(target.display().to_string());
        let o = run_bin(
            home.path(),
            &a,
            &[("HUAWEICLOUD_SDK_AK", "AK"), ("HUAWEICLOUD_SDK_SK", "SK")],
        );
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{out}{err}");
        assert!(err.contains(words), "{err}");
    }
    assert!(!home.path().join("elsewhere").exists());
}

//! Credentials where users already keep them (issue 22): the ECS metadata service, CCE pod identity and
//! KooCLI profiles after today's sources, in the SDK's order; temporary credentials refreshed before they
//! expire; the STS account id fallback; the SDK's CCM endpoint overrides. The real binary against the
//! sandbox or a scripted loopback server, with a clean environment and a temporary HOME.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::run_bin as run;
use common::text;

use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use serde_json::Value;

/// Runs off the async runtime's threads.
async fn run_async(home: &Path, args: Vec<String>, env: Vec<(String, String)>) -> Output {
    let home = home.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run(&home, &args, &env)
    })
    .await
    .expect("joins")
}

async fn sandbox_with(lifetime: Duration) -> RunningSandbox {
    let config = SandboxConfig {
        settle: Duration::ZERO,
        temporary_lifetime: lifetime,
        ..SandboxConfig::default()
    };
    sandbox::start(config, ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox")
}

/// `cas --output json` against `url` for every service, journal in `home`.
fn cas_args(url: &str, home: &Path) -> Vec<String> {
    [
        "cas",
        "--output",
        "json",
        "--endpoint",
        url,
        "--iam-endpoint",
        url,
        "--eps-endpoint",
        url,
        "--journal",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([home.join("j.jsonl").display().to_string()])
    .collect()
}

fn owned(env: &[(&str, &str)]) -> Vec<(String, String)> {
    env.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `order --dry-run --output json`: what it would send, and which credentials.
fn dry_run(home: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Output, Value) {
    let journal = home.join("j.jsonl").display().to_string();
    let mut args = vec![
        "order",
        "--dry-run",
        "--output",
        "json",
        "--journal",
        &journal,
    ];
    args.extend_from_slice(extra);
    let o = run(home, &args, env);
    let v = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (o, v)
}

/// `cas` with no endpoint flags: a command that needs credentials (a dry run goes on without).
fn cas(home: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let journal = home.join("j.jsonl").display().to_string();
    run(
        home,
        &[&["cas", "--journal", &journal][..], extra].concat(),
        env,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metadata_credentials_alone_sign_requests_the_sandbox_accepts() {
    let sb = sandbox_with(Duration::from_secs(3600)).await;
    let home = tempfile::tempdir().expect("tmp");
    let url = sb.base_url();
    let o = run_async(
        home.path(),
        cas_args(&url, home.path()),
        owned(&[("PCA_ORDER_METADATA_URL", &url)]),
    )
    .await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    let (o, v) = dry_run(
        home.path(),
        &["--endpoint", &url, "--iam-endpoint", &url],
        &[("PCA_ORDER_METADATA_URL", &url)],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    assert_eq!(v["credential_source"], "ECS agency (metadata)");
    assert_eq!(v["headers"]["X-Security-Token"], "<redacted>");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pod_identity_alone_signs_requests_the_sandbox_accepts() {
    let sb = sandbox_with(Duration::from_secs(3600)).await;
    let home = tempfile::tempdir().expect("tmp");
    let url = sb.base_url();
    let token_file = home.path().join("pod-token");
    std::fs::write(&token_file, "sandbox-pod-token\n").expect("write");
    // No metadata service: a closed port answers nothing.
    let closed = closed_url();
    let uri = format!("{url}/v1/pod-identity/credentials");
    let env = [
        ("PCA_ORDER_METADATA_URL", closed.as_str()),
        ("HC_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        (
            "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.to_str().expect("utf8"),
        ),
    ];
    let o = run_async(home.path(), cas_args(&url, home.path()), owned(&env)).await;
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    let (_, v) = dry_run(home.path(), &["--endpoint", &url], &env);
    assert_eq!(v["credential_source"], "CCE pod identity");
    // A wrong pod token: refused, nothing else tried, exit 5.
    std::fs::write(&token_file, "not-the-token").expect("write");
    let o = run_async(home.path(), cas_args(&url, home.path()), owned(&env)).await;
    let (out, err) = text(&o);
    let err = format!("{out}{err}");
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(
        err.contains("CCE pod identity") && err.contains("401"),
        "{err}"
    );
    assert!(!err.contains("not-the-token"), "{err}");
}

/// A loopback address nothing listens on.
fn closed_url() -> String {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    drop(l);
    url
}

/// A metadata service scripted per request line, recording each request's head.
struct FakeMetadata {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl FakeMetadata {
    fn new(answer: impl Fn(&str, usize) -> (u16, String) + Send + 'static) -> FakeMetadata {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for mut sock in listener.incoming().flatten() {
                let mut buf = vec![0u8; 16384];
                let mut got = 0;
                while let Ok(n) = sock.read(&mut buf[got..]) {
                    if n == 0 {
                        break;
                    }
                    got += n;
                    if String::from_utf8_lossy(&buf[..got]).contains("\r\n\r\n") {
                        break;
                    }
                }
                let head = String::from_utf8_lossy(&buf[..got]).to_string();
                let n = {
                    let mut l = log.lock().expect("lock");
                    l.push(head.clone());
                    l.len()
                };
                let line = head.lines().next().unwrap_or("").to_string();
                let (status, body) = answer(&line, n);
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes());
            }
        });
        FakeMetadata { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

const SECRET_SK: &str = "metadataSecretKeyThatMustNeverShow0000001";
const SECRET_TOKEN: &str = "metadata-security-token-that-must-never-show";

fn credential(expires: &str) -> String {
    format!(
        r#"{{"credential":{{"access":"STSMETADATAAK000001","secret":"{SECRET_SK}","securitytoken":"{SECRET_TOKEN}","expires_at":"{expires}"}}}}"#
    )
}

fn later() -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::hours(2);
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("formats")
}

#[test]
fn metadata_failures_are_named_and_bounded() {
    let home = tempfile::tempdir().expect("tmp");
    let cases: Vec<(&str, FakeMetadata, &str)> = vec![
        (
            "no agency",
            FakeMetadata::new(|line, _| {
                if line.starts_with("PUT") {
                    (404, String::new())
                } else {
                    (
                        401,
                        "{\"error\":\"Please configure Cloud Service Agency first\"}".into(),
                    )
                }
            }),
            "has no agency",
        ),
        (
            "garbage",
            FakeMetadata::new(|line, _| {
                if line.starts_with("PUT") {
                    (405, String::new())
                } else {
                    (200, "<html>not json</html>".into())
                }
            }),
            "not the documented credential",
        ),
        (
            "expired",
            FakeMetadata::new(|line, _| {
                if line.starts_with("PUT") {
                    (503, String::new())
                } else {
                    (200, credential("2001-01-01T00:00:00.000000Z"))
                }
            }),
            "already expired",
        ),
    ];
    for (what, server, words) in &cases {
        let o = cas(
            home.path(),
            &[],
            &[("PCA_ORDER_METADATA_URL", server.url.as_str())],
        );
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{what}: {err}");
        assert!(err.contains("ECS agency (metadata)"), "{what}: {err}");
        assert!(err.contains(words), "{what}: {err}");
        assert!(
            !err.contains(SECRET_SK) && !err.contains(SECRET_TOKEN),
            "{what}: {err}"
        );
    }
}

#[test]
fn a_401_without_the_agency_text_gets_one_fresh_session_token_and_one_retry() {
    let home = tempfile::tempdir().expect("tmp");
    // Session tokens t1, t2 ...; only the second is accepted.
    let server = FakeMetadata::new(|line, n| {
        if line.starts_with("PUT") {
            (200, format!("session-token-{n}"))
        } else {
            (401, "Unauthorized".into())
        }
    });
    let o = cas(home.path(), &[], &[("PCA_ORDER_METADATA_URL", &server.url)]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("refused with HTTP 401"), "{err}");
    let seen = server.seen();
    let lines: Vec<&str> = seen.iter().filter_map(|h| h.lines().next()).collect();
    assert_eq!(
        lines,
        [
            "PUT /meta-data/latest/api/token HTTP/1.1",
            "GET /openstack/latest/securitykey HTTP/1.1",
            "PUT /meta-data/latest/api/token HTTP/1.1",
            "GET /openstack/latest/securitykey HTTP/1.1",
        ],
        "token, key, fresh token, key once more — then stop"
    );
    assert!(
        seen[0]
            .to_ascii_lowercase()
            .contains("x-metadata-token-ttl-seconds: 21600")
    );
    assert!(seen[1].contains("session-token-1"), "{}", seen[1]);
    assert!(seen[3].contains("session-token-3"), "{}", seen[3]);
    // The session token is a secret too: never shown.
    assert!(!err.contains("session-token"), "{err}");
}

#[test]
fn a_metadata_service_that_hangs_costs_bounded_time() {
    let home = tempfile::tempdir().expect("tmp");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let _hold = std::thread::spawn(move || {
        let mut held = Vec::new();
        for sock in listener.incoming().flatten() {
            held.push(sock);
        }
    });
    let started = Instant::now();
    let o = cas(home.path(), &[], &[("PCA_ORDER_METADATA_URL", &url)]);
    let took = started.elapsed();
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("no answer in time"), "{err}");
    assert!(took < Duration::from_secs(8), "took {took:?}");
}

#[test]
fn no_metadata_service_ends_as_no_credentials_within_a_second_or_so() {
    let home = tempfile::tempdir().expect("tmp");
    let started = Instant::now();
    let o = run(
        home.path(),
        &["cas", "--journal", "/dev/null"],
        &[("PCA_ORDER_METADATA_URL", &closed_url())],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("no credentials found"), "{err}");
    assert!(
        err.contains("ECS agency") && err.contains("KooCLI"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn the_chain_keeps_the_sdk_order_and_never_probes_when_another_source_exists() {
    let home = tempfile::tempdir().expect("tmp");
    let server = FakeMetadata::new(|_, _| (200, credential(&later())));
    let md = server.url.as_str();
    // Env AK/SK win over everything that comes after; the metadata service is not asked.
    let (_, v) = dry_run(
        home.path(),
        &[],
        &[
            ("PCA_ORDER_METADATA_URL", md),
            ("HUAWEICLOUD_SDK_AK", "ENVAK0000000000000001"),
            ("HUAWEICLOUD_SDK_SK", "envsecret"),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", "d0123"),
        ],
    );
    assert_eq!(v["credential_source"], "env HUAWEICLOUD_SDK_AK/SK");
    // A KooCLI current profile comes before the metadata service (KooCLI's own order).
    write_koocli(home.path(), &koocli_file("dev"));
    let (_, v) = dry_run(home.path(), &[], &[("PCA_ORDER_METADATA_URL", md)]);
    assert_eq!(v["credential_source"], "KooCLI profile dev");
    assert!(server.seen().is_empty(), "no probe: {:?}", server.seen());
    // `--profile` names the source even when env keys are set.
    let (_, v) = dry_run(
        home.path(),
        &["--profile", "prod"],
        &[
            ("HUAWEICLOUD_SDK_AK", "ENVAK0000000000000001"),
            ("HUAWEICLOUD_SDK_SK", "envsecret"),
        ],
    );
    assert_eq!(v["credential_source"], "KooCLI profile prod");
    // Without the KooCLI file, the metadata service comes before pod identity (the SDK's order).
    std::fs::remove_file(home.path().join(".hcloud/config.json")).expect("rm");
    let token_file = home.path().join("pod");
    std::fs::write(&token_file, "x").expect("write");
    let (o, v) = dry_run(
        home.path(),
        &[],
        &[
            ("PCA_ORDER_METADATA_URL", md),
            ("HC_CONTAINER_CREDENTIALS_FULL_URI", &closed_url()),
            (
                "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                token_file.to_str().expect("utf8"),
            ),
        ],
    );
    assert_eq!(
        v["credential_source"],
        "ECS agency (metadata)",
        "{}",
        text(&o).1
    );
    assert_eq!(server.seen().len(), 2, "token PUT, then the key");
}

const PLAIN_AK: &str = "HPUAKOOCLIEXAMPLE001";
const PLAIN_SK: &str = "kooCliPlainSecretKey000000000000000000SK";

fn koocli_file(current: &str) -> String {
    format!(
        r#"{{"current":"{current}","profiles":[
        {{"name":"dev","mode":"AKSK","accessKeyId":"{PLAIN_AK}","secretAccessKey":"{PLAIN_SK}","region":"ap-southeast-3","domainId":"d0123"}},
        {{"name":"prod","mode":"AKSK","accessKeyId":"{PLAIN_AK}","secretAccessKey":"{PLAIN_SK}","domainId":"d0456"}},
        {{"name":"locked","mode":"AKSK","accessKeyId":"cGxhaW50ZXh0IGlzIG5vdCBoZXJl","secretAccessKey":"ZW5jcnlwdGVkIGJ5IGtvb2NsaSBkZWZhdWx0cw=="}},
        {{"name":"agency","mode":"ecsAgency","region":"cn-north-4","domainId":"d0789"}}]}}"#
    )
}

fn write_koocli(home: &Path, text: &str) {
    std::fs::create_dir_all(home.join(".hcloud")).expect("mkdir");
    std::fs::write(home.join(".hcloud/config.json"), text).expect("write");
}

#[test]
fn a_koocli_profile_gives_its_region_and_account_id() {
    let home = tempfile::tempdir().expect("tmp");
    write_koocli(home.path(), &koocli_file("dev"));
    let (o, v) = dry_run(home.path(), &["--profile", "dev"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    assert_eq!(v["credential_source"], "KooCLI profile dev");
    assert_eq!(v["headers"]["X-Domain-Id"], "d0123");
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://ccm.ap-southeast-3.")),
        "{v}"
    );
    // --region still wins over the profile's.
    let (_, v) = dry_run(
        home.path(),
        &["--profile", "dev", "--region", "cn-north-4"],
        &[],
    );
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://ccm.cn-north-4.")),
        "{v}"
    );
}

#[test]
fn an_encrypted_koocli_profile_says_how_to_store_it_in_plain_text_and_sends_nothing() {
    let home = tempfile::tempdir().expect("tmp");
    write_koocli(home.path(), &koocli_file("locked"));
    let server = FakeMetadata::new(|_, _| (500, String::new()));
    for args in [&["--profile", "locked"][..], &[][..]] {
        let o = run(
            home.path(),
            &[
                &["cas", "--journal", "/dev/null", "--endpoint", &server.url][..],
                args,
            ]
            .concat(),
            &[],
        );
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{err}");
        assert!(
            err.contains("hcloud configure set --cli-auth-encrypt=false"),
            "{err}"
        );
        assert!(err.contains("HUAWEICLOUD_SDK_AK/SK"), "{err}");
        assert!(!err.contains("cGxhaW50ZXh0"), "{err}");
    }
    assert!(
        server.seen().is_empty(),
        "nothing sent: {:?}",
        server.seen()
    );
    // In Chinese too.
    let o = run(
        home.path(),
        &[
            "cas",
            "--profile",
            "locked",
            "--lang",
            "zh-CN",
            "--journal",
            "/dev/null",
        ],
        &[],
    );
    assert!(text(&o).1.contains("明文"), "{}", text(&o).1);
}

#[test]
fn a_missing_profile_name_lists_the_names() {
    let home = tempfile::tempdir().expect("tmp");
    write_koocli(home.path(), &koocli_file("dev"));
    let o = run(
        home.path(),
        &["cas", "--profile", "staging", "--journal", "/dev/null"],
        &[],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("\"staging\""), "{err}");
    assert!(err.contains("dev, prod, locked, agency"), "{err}");
    // No file at all: still a clear message.
    std::fs::remove_file(home.path().join(".hcloud/config.json")).expect("rm");
    let o = run(
        home.path(),
        &["cas", "--profile", "staging", "--journal", "/dev/null"],
        &[],
    );
    assert_eq!(o.status.code(), Some(5));
    assert!(text(&o).1.contains("\"staging\""), "{}", text(&o).1);
}

#[test]
fn a_koocli_file_that_is_not_a_regular_file_or_writable_by_all_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("tmp");
    write_koocli(home.path(), &koocli_file("dev"));
    let path = home.path().join(".hcloud/config.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let o = cas(home.path(), &["--profile", "dev"], &[]);
    assert_eq!(o.status.code(), Some(5));
    assert!(text(&o).1.contains("chmod o-w"), "{}", text(&o).1);
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("mkdir");
    let o = cas(home.path(), &["--profile", "dev"], &[]);
    assert_eq!(o.status.code(), Some(5));
    assert!(text(&o).1.contains("directory"), "{}", text(&o).1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ecs_agency_profile_uses_the_metadata_service() {
    let sb = sandbox_with(Duration::from_secs(3600)).await;
    let home = tempfile::tempdir().expect("tmp");
    write_koocli(home.path(), &koocli_file("dev"));
    let url = sb.base_url();
    let mut args = cas_args(&url, home.path());
    args.extend(["--profile".to_string(), "agency".to_string()]);
    let o = run_async(
        home.path(),
        args,
        owned(&[("PCA_ORDER_METADATA_URL", &url)]),
    )
    .await;
    // The profile's account id is not the sandbox's: the sandbox refuses X-Domain-Id d0789, which
    // shows the profile's id was used with the metadata credentials.
    let (out, err) = text(&o);
    let err = format!("{out}{err}");
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("x-domain-id does not match"), "{err}");
}

#[test]
fn the_sdk_ccm_endpoint_overrides_are_used_env_first() {
    let home = tempfile::tempdir().expect("tmp");
    let env_var = "HUAWEICLOUD_SDK_REGION_CCM_CN_NORTH_4";
    let creds = [
        ("HUAWEICLOUD_SDK_AK", "ENVAK0000000000000001"),
        ("HUAWEICLOUD_SDK_SK", "envsecret"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "d0123"),
    ];
    let (_, v) = dry_run(
        home.path(),
        &[],
        &[
            &creds[..],
            &[(
                env_var,
                " https://ccm.private.example , https://second.example",
            )],
        ]
        .concat(),
    );
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://ccm.private.example/")),
        "{v}"
    );
    std::fs::create_dir_all(home.path().join(".huaweicloud")).expect("mkdir");
    std::fs::write(
        home.path().join(".huaweicloud/regions.yaml"),
        "ccm:\n  - id: cn-north-4\n    endpoint: 'https://ccm.from-yaml.example'\n",
    )
    .expect("write");
    let (_, v) = dry_run(home.path(), &[], &creds);
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://ccm.from-yaml.example/")),
        "{v}"
    );
    let yaml = home.path().join("elsewhere.yaml");
    std::fs::write(
        &yaml,
        "ccm: [{id: cn-north-4, endpoint: https://ccm.named.example}]\n",
    )
    .expect("write");
    let (_, v) = dry_run(
        home.path(),
        &[],
        &[
            &creds[..],
            &[("HUAWEICLOUD_SDK_REGIONS_FILE", yaml.to_str().expect("utf8"))],
        ]
        .concat(),
    );
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://ccm.named.example/")),
        "{v}"
    );
    // The endpoint rules hold: plain http away from loopback is refused (exit 2), naming the variable.
    let (o, _) = dry_run(
        home.path(),
        &[],
        &[&creds[..], &[(env_var, "http://ccm.private.example")]].concat(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).0.contains(env_var), "{}", text(&o).0);
    // --endpoint wins over both.
    let (_, v) = dry_run(
        home.path(),
        &["--endpoint", "https://flag.example"],
        &[&creds[..], &[(env_var, "https://ccm.private.example")]].concat(),
    );
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://flag.example/")),
        "{v}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_metadata_server_that_echoes_secrets_leaks_none() {
    // The metadata service hands out credentials; the API server then echoes every request head back
    // in its error bodies. Neither the SK, the security token nor the signature may reach the
    // screen, the JSON or the journal.
    let home = tempfile::tempdir().expect("tmp");
    let md = FakeMetadata::new(|line, _| {
        if line.starts_with("PUT") {
            (200, "session-secret-token".into())
        } else {
            (200, credential(&later()))
        }
    });
    let api_log: Arc<Mutex<Vec<String>>> = Arc::default();
    let api_seen = Arc::clone(&api_log);
    let echo = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        std::thread::spawn(move || {
            for mut sock in listener.incoming().flatten() {
                let mut buf = vec![0u8; 16384];
                let n = sock.read(&mut buf).unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                if let Ok(mut l) = api_seen.lock() {
                    l.push(head.clone());
                }
                let body = if head.contains("/v3/auth/domains") {
                    r#"{"domains":[{"id":"d0123"}]}"#.to_string()
                } else {
                    serde_json::json!({"error_code": "PCA.1", "error_msg": head}).to_string()
                };
                let status = if head.contains("/v3/auth/domains") {
                    200
                } else {
                    400
                };
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nX-Request-Id: {SECRET_TOKEN}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes());
            }
        });
        url
    };
    let journal = home.path().join("j.jsonl");
    let o = run_async(
        home.path(),
        vec![
            "order".into(),
            "--yes".into(),
            "--endpoint".into(),
            echo.clone(),
            "--iam-endpoint".into(),
            echo.clone(),
            "--eps-endpoint".into(),
            echo.clone(),
            "--bss-endpoint".into(),
            echo.clone(),
            "--journal".into(),
            journal.display().to_string(),
        ],
        owned(&[("PCA_ORDER_METADATA_URL", &md.url)]),
    )
    .await;
    let (out, err) = text(&o);
    let journal_text = std::fs::read_to_string(&journal).unwrap_or_default();
    let heads = api_log.lock().map(|l| l.clone()).unwrap_or_default();
    let signatures: Vec<String> = heads
        .iter()
        .filter_map(|h| h.split("Signature=").nth(1))
        .map(|s| s.lines().next().unwrap_or("").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        !signatures.is_empty(),
        "signed requests reached the echo: {heads:?}"
    );
    assert!(
        heads.iter().any(|h| h.contains(SECRET_TOKEN)),
        "it carried the token"
    );
    assert!(
        journal_text.contains("ECS agency (metadata)"),
        "the journal names the source: {journal_text}"
    );
    for shown in [&out, &err, &journal_text] {
        for secret in [SECRET_SK, SECRET_TOKEN, "session-secret-token"] {
            assert!(!shown.contains(secret), "{secret} leaked:\n{shown}");
        }
        for sig in &signatures {
            assert!(
                !shown.contains(sig.as_str()),
                "a signature leaked:\n{shown}"
            );
        }
    }
}

/// The config the binary would build for temporary credentials from the sandbox's metadata service.
async fn metadata_config(sb: &RunningSandbox, home: &Path) -> pca_order::config::Config {
    use pca_order::api::credentials::{CredentialSource, TemporarySource};
    let base = pca_order::config::parse_endpoint("test", &sb.base_url()).expect("url");
    let credentials = pca_order::config::fetch_temporary(
        TemporarySource::Metadata { base: base.clone() },
        CredentialSource::Metadata,
        None,
    )
    .await
    .expect("the sandbox issues credentials");
    pca_order::config::Config {
        region: "cn-north-4".into(),
        endpoints: pca_order::config::Endpoints {
            ccm: base.clone(),
            iam: base.clone(),
            eps: base,
            bss: None,
        },
        credentials,
        journal_path: home.join("j.jsonl"),
        timeout: Duration::from_secs(10),
        sandbox: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn temporary_credentials_are_fetched_afresh_so_a_long_session_keeps_working() {
    // Credentials that last 2 s (under the 40 minutes, so each request asks for fresh ones): a
    // request after they expired still works, as a wizard left open for an hour must.
    let sb = sandbox_with(Duration::from_secs(2)).await;
    let home = tempfile::tempdir().expect("tmp");
    let config = metadata_config(&sb, home.path()).await;
    let client = pca_order::api::CcmClient::new(&config).expect("client");
    client.show_ca_quota().await.expect("first read");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    client
        .show_ca_quota()
        .await
        .expect("a read after the first credentials expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refresh_keeps_credentials_that_still_work_and_sends_nothing_once_they_expired() {
    use pca_order::api::credentials::TemporarySource;
    let sb = sandbox_with(Duration::from_secs(2)).await;
    let home = tempfile::tempdir().expect("tmp");
    let mut config = metadata_config(&sb, home.path()).await;
    // Fresh ones would come from a metadata service that is gone.
    if let Some(t) = config.credentials.temporary.as_mut() {
        t.from = TemporarySource::Metadata {
            base: pca_order::config::parse_endpoint("test", &closed_url()).expect("url"),
        };
    }
    let client = pca_order::api::CcmClient::new(&config).expect("client");
    client
        .show_ca_quota()
        .await
        .expect("the refresh fails, the current credentials still work");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    match client.show_ca_quota().await {
        Err(pca_order::api::CallError::Send(pca_order::api::Reason::CredentialRefresh {
            source,
            ..
        })) => assert_eq!(source, "ECS agency (metadata)"),
        other => panic!("expected a refresh failure, got {other:?}"),
    }
}

#[test]
fn an_empty_iam_domain_list_falls_back_to_sts_caller_identity() {
    let home = tempfile::tempdir().expect("tmp");
    let server = FakeMetadata::new(|line, _| {
        if line.contains("/v3/auth/domains") {
            (200, r#"{"domains":[]}"#.into())
        } else if line.contains("/v5/caller-identity") {
            (
                200,
                r#"{"account_id":"acc0123456789","user_id":"u1"}"#.into(),
            )
        } else {
            (200, r#"{"certificate_authorities":[],"total":0}"#.into())
        }
    });
    let url = server.url.as_str();
    let o = cas(
        home.path(),
        &[
            "--endpoint",
            url,
            "--iam-endpoint",
            url,
            "--eps-endpoint",
            url,
        ],
        &[
            ("HUAWEICLOUD_SDK_AK", "ENVAK0000000000000001"),
            ("HUAWEICLOUD_SDK_SK", "envsecret"),
        ],
    );
    let seen = server.seen();
    let lines: Vec<&str> = seen.iter().filter_map(|h| h.lines().next()).collect();
    assert!(lines[0].starts_with("GET /v3/auth/domains"), "{lines:?}");
    assert!(lines[1].starts_with("GET /v5/caller-identity"), "{lines:?}");
    let ccm = seen
        .iter()
        .find(|h| h.starts_with("GET /v1/private-certificate-authorities"))
        .unwrap_or_else(|| panic!("no CCM request: {lines:?}\n{}", text(&o).1));
    assert!(
        ccm.to_ascii_lowercase()
            .contains("x-domain-id: acc0123456789"),
        "{ccm}"
    );
}

#[test]
fn sts_is_asked_at_iams_host_with_sts_for_iam() {
    use pca_order::api::transport::sts_endpoint;
    let u = |s: &str| pca_order::config::parse_endpoint("t", s).expect("url");
    assert_eq!(
        sts_endpoint(&u("https://iam.cn-north-4.myhuaweicloud.com")).as_str(),
        "https://sts.cn-north-4.myhuaweicloud.com/"
    );
    assert_eq!(
        sts_endpoint(&u("https://iam.myhuaweicloud.com")).as_str(),
        "https://sts.myhuaweicloud.com/"
    );
    assert_eq!(
        sts_endpoint(&u("http://127.0.0.1:8080")).as_str(),
        "http://127.0.0.1:8080/"
    );
    assert_eq!(
        sts_endpoint(&u("https://myiam.example")).as_str(),
        "https://myiam.example/"
    );
}

#[test]
fn a_metadata_address_answering_like_another_cloud_counts_as_no_metadata_service() {
    // Another cloud's metadata service (or a proxy) at that address answers 403 or 404: not Huawei
    // Cloud's, so the chain goes on and ends as "no credentials found".
    let home = tempfile::tempdir().expect("tmp");
    for status in [403, 404] {
        let server = FakeMetadata::new(move |_, _| (status, "Forbidden".into()));
        let o = cas(home.path(), &[], &[("PCA_ORDER_METADATA_URL", &server.url)]);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(5), "{err}");
        assert!(err.contains("no credentials found"), "{status}: {err}");
    }
}

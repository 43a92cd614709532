//! Helpers more than one test file needs. Each test crate uses only some of them.
#![allow(dead_code)]

pub mod raw;
pub mod sandbox_cli;
pub mod sandbox_http;
pub mod wizard;

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use pca_order::api::{CredentialSource, Credentials, ResolvedCredentials};
use pca_order::config::{Config, Endpoints, parse_endpoint};

/// A config whose CCM, IAM and EPS endpoints are all `base` (a loopback test server).
pub fn config_at(
    base: &str,
    journal: PathBuf,
    credentials: Credentials,
    timeout: Duration,
    sandbox: bool,
) -> Config {
    let url = parse_endpoint("test", base).expect("a loopback URL");
    let source = match credentials {
        Credentials::Token(_) => CredentialSource::EnvToken,
        Credentials::AkSk { .. } => CredentialSource::EnvHuaweicloudSdk,
    };
    Config {
        region: "cn-north-4".into(),
        endpoints: Endpoints {
            ccm: url.clone(),
            iam: url.clone(),
            eps: url,
            bss: None,
        },
        credentials: ResolvedCredentials {
            credentials,
            source,
            temporary: None,
        },
        journal_path: journal,
        timeout,
        sandbox,
    }
}

/// Runs the real binary with a clean environment: `HOME`, no metadata lookup (a test never reaches the
/// link-local metadata address; one that wants it sets `PCA_ORDER_METADATA_URL` in `env`), stdin closed,
/// these arguments and variables. What every `cli_*` file that runs the binary once shares.
pub fn run_bin<S: AsRef<std::ffi::OsStr>>(
    home: &std::path::Path,
    args: &[S],
    env: &[(&str, &str)],
) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pca-order"));
    cmd.env_clear()
        .env("HOME", home)
        .env("PCA_ORDER_METADATA_URL", "off")
        .args(args)
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

/// The flags that point CCM, IAM and EPS at one loopback `url`.
pub fn endpoints(url: &str) -> [&str; 6] {
    [
        "--endpoint",
        url,
        "--iam-endpoint",
        url,
        "--eps-endpoint",
        url,
    ]
}

/// A finished command's stdout and stderr as text, for the tests that run the real binary.
pub fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A finished command's stdout as the one JSON document `--output json` prints (the panic shows both
/// streams when it is not).
pub fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {:?}", text(o)))
}

/// Sends SIGTERM to a running `pca-order` with a request in flight, and with `signals == 2` a second one
/// once the process has said (on stderr, `marker`) that it took the first. Two signals sent back to back
/// can arrive as one — the kernel keeps a single pending SIGTERM, and a busy machine may not run the
/// process between them — which made the "a second signal stops the wait" tests flaky under load. Returns
/// the process's output as `wait_with_output` would.
pub fn terminate_in_flight(mut child: std::process::Child, signals: usize, marker: &str) -> Output {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match stderr.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.lock().expect("lock").extend_from_slice(&buf[..n]),
                }
            }
        })
    };
    let term = |child: &std::process::Child| {
        let ok = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -TERM");
    };
    term(&child);
    if signals == 2 {
        let started = std::time::Instant::now();
        while !String::from_utf8_lossy(&seen.lock().expect("lock")).contains(marker) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the first signal was never acknowledged with {marker:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        term(&child);
    }
    let mut stdout = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_end(&mut stdout);
    }
    let status = child.wait().expect("the process ends");
    let _ = reader.join();
    let stderr = seen.lock().expect("lock").clone();
    Output {
        status,
        stdout,
        stderr,
    }
}

/// A loopback server that answers each request with the reply `answer` picks for its request line
/// (raw HTTP), counting the requests; stopped with the test process.
pub fn scripted_server(
    answer: impl Fn(&str) -> String + Send + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&count);
    std::thread::spawn(move || {
        for mut sock in listener.incoming().flatten() {
            let mut buf = vec![0u8; 65536];
            let mut got = 0;
            // Read the head and the body its Content-Length announces.
            loop {
                match sock.read(&mut buf[got..]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got += n,
                }
                let head = String::from_utf8_lossy(&buf[..got]).to_string();
                if let Some(end) = head.find("\r\n\r\n") {
                    let len = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if got >= end + 4 + len {
                        break;
                    }
                }
            }
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let head = String::from_utf8_lossy(&buf[..got]).to_string();
            let line = head.lines().next().unwrap_or("").to_string();
            let _ = sock.write_all(answer(&line).as_bytes());
        }
    });
    (url, count)
}

/// A JSON reply with status 200.
pub fn ok_json(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

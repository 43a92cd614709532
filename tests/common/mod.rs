//! Helpers more than one test file needs. Each test crate uses only some of them.
#![allow(dead_code)]

pub mod raw;
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
        },
        credentials: ResolvedCredentials {
            credentials,
            source,
        },
        journal_path: journal,
        timeout,
        sandbox,
    }
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

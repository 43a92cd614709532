//! Helpers more than one test file needs. Each test crate uses only some of them.
#![allow(dead_code)]

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

//! Helpers more than one test file needs. Each test crate uses only some of them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

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

//! The real binary against an in-test sandbox on 127.0.0.1, with its AK/SK and a home of its own: what
//! the `cli_*` files that drive the binary against a sandbox (`cas`, `activate`, `csr`, `import`,
//! `export`, `expiring`, `renew`, the lifecycle commands) share.

use std::process::Output;
use std::time::Duration;

use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use serde_json::Value;

/// A sandbox (orders settle at once) and a home directory with the journal.
pub struct SandboxCli {
    /// The running sandbox.
    pub sb: RunningSandbox,
    /// HOME for the binary; the journal is `j.jsonl` in it.
    pub home: tempfile::TempDir,
}

impl SandboxCli {
    /// A fresh sandbox with its orders settling after `settle`.
    pub async fn new(settle: Duration) -> SandboxCli {
        SandboxCli::with(SandboxConfig {
            settle,
            ..SandboxConfig::default()
        })
        .await
    }

    /// A fresh sandbox started with `config`.
    pub async fn with(config: SandboxConfig) -> SandboxCli {
        let sb = sandbox::start(config, ([127, 0, 0, 1], 0).into())
            .await
            .expect("sandbox");
        SandboxCli {
            sb,
            home: tempfile::tempdir().expect("tmp"),
        }
    }

    /// A CCM client of the library (no binary) on this sandbox with its AK/SK, journaling where the
    /// binary does: for the wizard's executors, driven without a terminal.
    pub fn ccm(&self) -> pca_order::api::CcmClient {
        let c = &self.sb.config;
        pca_order::api::CcmClient::new(&super::config_at(
            &self.sb.base_url(),
            self.journal(),
            pca_order::api::Credentials::ak_sk(
                c.ak.clone(),
                c.sk.clone(),
                None,
                Some(c.domain_id.clone()),
            ),
            Duration::from_secs(10),
            true,
        ))
        .expect("client")
    }

    /// The journal the binary writes.
    pub fn journal(&self) -> std::path::PathBuf {
        self.home.path().join("j.jsonl")
    }

    /// Runs the binary (off the async runtime's threads) with every endpoint on the sandbox, its AK/SK
    /// and `extra_env`.
    pub async fn run_env(&self, list: &[&str], extra_env: &[(&str, &str)]) -> Output {
        let a: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        self.run_strings_env(&a, extra_env).await
    }

    /// [`SandboxCli::run_env`] for arguments already owned.
    pub async fn run_strings_env(&self, list: &[String], extra_env: &[(&str, &str)]) -> Output {
        let url = self.sb.base_url();
        let mut a = list.to_vec();
        a.extend(super::endpoints(&url).map(String::from));
        a.push("--journal".into());
        a.push(self.journal().display().to_string());
        let home = self.home.path().to_path_buf();
        let c = self.sb.config.clone();
        let mut env: Vec<(String, String)> = vec![
            ("HUAWEICLOUD_SDK_AK".into(), c.ak),
            ("HUAWEICLOUD_SDK_SK".into(), c.sk),
            ("HUAWEICLOUD_SDK_DOMAIN_ID".into(), c.domain_id),
        ];
        env.extend(
            extra_env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        tokio::task::spawn_blocking(move || {
            let env: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            super::run_bin(&home, &a, &env)
        })
        .await
        .expect("joined")
    }

    /// [`SandboxCli::run_strings_env`] with no extra environment.
    pub async fn run_strings(&self, list: &[String]) -> Output {
        self.run_strings_env(list, &[]).await
    }

    /// [`SandboxCli::run_env`] with no extra environment.
    pub async fn run(&self, list: &[&str]) -> Output {
        self.run_env(list, &[]).await
    }

    /// A fresh sandbox playing `region` (its console configuration answers for it; orders settle at
    /// once).
    pub async fn in_region(region: &str) -> SandboxCli {
        SandboxCli::with(SandboxConfig {
            settle: Duration::ZERO,
            region: Some(region.to_string()),
            ..SandboxConfig::default()
        })
        .await
    }

    /// A fresh sandbox whose orders settle at once (what most files need).
    pub async fn settled() -> SandboxCli {
        SandboxCli::new(Duration::ZERO).await
    }

    /// Writes `text` to `name` in the home directory; its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let p = self.home.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    }

    /// The journal's lines that read as JSON (none when there is no journal yet).
    pub fn journal_lines(&self) -> Vec<Value> {
        std::fs::read_to_string(self.journal())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// The journal's lines of one `operation` (`renew`, `auto_renew`, `unsubscribe`, ...).
    pub fn journal_lines_of(&self, operation: &str) -> Vec<Value> {
        self.journal_lines()
            .into_iter()
            .filter(|v| v["operation"] == operation)
            .collect()
    }

    /// Buys CAs with `order --auto-pay --yes` and these extra flags; their ids.
    pub async fn buy(&self, extra: &[&str]) -> Vec<String> {
        let mut a = vec!["order", "--auto-pay", "--yes", "--output", "json"];
        a.extend_from_slice(extra);
        let o = self.run(&a).await;
        assert_eq!(o.status.code(), Some(0), "{:?}", super::text(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        v["ca_ids"]
            .as_array()
            .expect("ids")
            .iter()
            .map(|x| x.as_str().expect("id").to_string())
            .collect()
    }

    /// One CA bought (paid, settled at once) with these extra order flags; its id.
    pub async fn one_ca(&self, extra: &[&str]) -> String {
        self.buy(extra).await.remove(0)
    }
}

//! The real binary against an in-test sandbox on 127.0.0.1, with its AK/SK and a home of its own: what
//! the `cli_*` files for the subscription commands (`cas` columns, `expiring`, `renew`) share.

use std::process::{Command, Output, Stdio};
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
        let config = SandboxConfig {
            settle,
            ..SandboxConfig::default()
        };
        let sb = sandbox::start(config, ([127, 0, 0, 1], 0).into())
            .await
            .expect("sandbox");
        SandboxCli {
            sb,
            home: tempfile::tempdir().expect("tmp"),
        }
    }

    /// The journal the binary writes.
    pub fn journal(&self) -> std::path::PathBuf {
        self.home.path().join("j.jsonl")
    }

    /// Runs the binary (off the async runtime's threads) with every endpoint on the sandbox, its AK/SK
    /// and `extra_env`.
    pub async fn run_env(&self, list: &[&str], extra_env: &[(&str, &str)]) -> Output {
        let url = self.sb.base_url();
        let mut a: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        for s in [
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--eps-endpoint",
            &url,
        ] {
            a.push(s.to_string());
        }
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
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_pca-order"));
            cmd.env_clear()
                .env("HOME", &home)
                .args(&a)
                .stdin(Stdio::null());
            for (k, v) in env {
                cmd.env(k, v);
            }
            cmd.output().expect("runs")
        })
        .await
        .expect("joined")
    }

    /// [`SandboxCli::run_env`] with no extra environment.
    pub async fn run(&self, list: &[&str]) -> Output {
        self.run_env(list, &[]).await
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
}

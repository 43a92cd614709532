//! (placeholder with the final interface; the real emulator lands from the `sandbox` branch)
use std::net::SocketAddr;

/// Sandbox credentials and limits.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// token
    pub token: String,
    /// ak
    pub ak: String,
    /// sk
    pub sk: String,
    /// domain id
    pub domain_id: String,
    /// user
    pub user: String,
    /// password
    pub password: String,
    /// account
    pub account: String,
    /// quota
    pub ca_quota: u64,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            token: "sandbox-token".into(),
            ak: "SANDBOXAK0000000000000".into(),
            sk: "sandbox-secret-key-0000000000000000000000".into(),
            domain_id: "0123456789abcdef0123456789abcdef".into(),
            user: "sandbox-user".into(),
            password: "sandbox-password".into(),
            account: "sandbox-account".into(),
            ca_quota: 100,
        }
    }
}

/// A running server.
pub struct RunningSandbox {
    /// bound address
    pub addr: SocketAddr,
    /// its config
    pub config: SandboxConfig,
}

impl RunningSandbox {
    /// base url
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// stop
    pub async fn shutdown(self) {}
}

/// start
pub async fn start(config: SandboxConfig, listen: SocketAddr) -> std::io::Result<RunningSandbox> {
    let l = tokio::net::TcpListener::bind(listen).await?;
    Ok(RunningSandbox {
        addr: l.local_addr()?,
        config,
    })
}

/// run
pub async fn run_standalone(_config: SandboxConfig, _listen: SocketAddr) -> std::io::Result<()> {
    Ok(())
}

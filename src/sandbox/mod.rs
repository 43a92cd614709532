//! The built-in sandbox: an HTTP server on loopback that answers Huawei Cloud's CCM order, quota and list-CA
//! APIs, IAM's domain and token APIs and EPS's project list with the documented shapes, so anyone can try
//! and test pca-order (or an official SDK) without an account and without buying anything.
//!
//! It checks `X-Auth-Token` or the SDK-HMAC-SHA256 signature as the real gateway does, validates order bodies
//! by the documented rules, counts CAs against a quota, and obeys fault directives in `promotion_info`
//! (`sandbox:status=503`, `sandbox:delay_ms=3000`, `sandbox:drop`, `sandbox:html`) so every error path can be
//! seen on purpose.

mod auth;
mod bss;
mod cas;
mod console;
mod directives;
mod identity;
mod issue;
mod orders;
mod query;
mod records;
mod reply;
mod routes;
mod state;
mod store;
mod subordinate;
mod subscriptions;
pub mod wire;

pub use store::{Store, StoreError};

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt;

use state::App;

/// The fake credentials and limits a sandbox accepts. They are printed on purpose: they open nothing real.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Accepted as `X-Auth-Token` (besides tokens issued by the sandbox's `POST /v3/auth/tokens`).
    pub token: String,
    /// The access key id AK/SK-signed requests must carry.
    pub ak: String,
    /// The secret key signatures are checked with.
    pub sk: String,
    /// The account id: required as `X-Domain-Id` on signed CCM/EPS requests, returned by `/v3/auth/domains`.
    pub domain_id: String,
    /// IAM user name for password tokens.
    pub user: String,
    /// IAM password for password tokens.
    pub password: String,
    /// The account (domain) name for password tokens.
    pub account: String,
    /// How many CAs the account may hold (the API reference's default is 100).
    pub ca_quota: u64,
    /// How long a paid order stays "processing" before it reads "completed" (the real service takes
    /// minutes; the sandbox settles quickly so a walk-through does not wait).
    pub settle: Duration,
    /// How long a client may take to send a request's headers before the connection is closed, as a
    /// gateway does: a half-sent request must not hold a connection forever.
    pub header_read_timeout: Duration,
    /// How long a client may take to send a request's body (after its headers) before it is answered
    /// 408 and the connection closed.
    pub body_read_timeout: Duration,
    /// Where the pretend account (orders, CAs) is kept so separate processes share it; `None` keeps it in
    /// this process's memory only (tests, and anything that wants a throwaway account).
    pub state_file: Option<PathBuf>,
    /// The region the sandbox stands for where a request does not say (CCM's console configuration is
    /// per region, by host): `--region` of the command that started it; `None` answers as an ordinary
    /// China-website region. `sandbox-no-yearly`, `sandbox-no-sm2` and `sandbox-console-503` change it.
    pub region: Option<String>,
    /// How long the temporary credentials its metadata and pod identity endpoints issue stay valid
    /// (set it under 40 minutes to watch pca-order fetch fresh ones before each request).
    pub temporary_lifetime: Duration,
    /// The `Authorization` its pod identity endpoint wants (the content of the pod's token file).
    pub pod_token: String,
}

impl Default for SandboxConfig {
    /// The well-known sandbox credentials that docs, the banner and tests use.
    fn default() -> Self {
        SandboxConfig {
            token: "sandbox-token".to_string(),
            ak: "SANDBOXAK0000000000000".to_string(),
            sk: "sandbox-secret-key-0000000000000000000000".to_string(),
            domain_id: "0123456789abcdef0123456789abcdef".to_string(),
            user: "sandbox-user".to_string(),
            password: "sandbox-password".to_string(),
            account: "sandbox-account".to_string(),
            ca_quota: 100,
            settle: Duration::from_secs(3),
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            state_file: None,
            region: None,
            temporary_lifetime: Duration::from_secs(3600),
            pod_token: "sandbox-pod-token".to_string(),
        }
    }
}

/// A sandbox serving in a background task; keep it alive as long as it is needed. Dropping it stops the
/// server too (the shutdown channel closes), but [`RunningSandbox::shutdown`] also waits for it.
#[derive(Debug)]
pub struct RunningSandbox {
    /// The address actually bound (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The credentials and quota it accepts.
    pub config: SandboxConfig,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// The base URL to use as the CCM, IAM and EPS endpoint, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, closes every open connection and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            // The receiver is gone only if the server already ended; nothing to do then.
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            // A join error means the task panicked or was cancelled: it has stopped either way.
            let _ = task.await;
        }
    }
}

/// Why the sandbox did not start: its pretend account's file cannot be used (damaged, a symlink, not
/// readable: the caller words it through [`StoreError::problem`]), or the server could not be set up.
#[derive(Debug)]
pub enum StartError {
    /// The state file, checked once here before anything is served.
    State(StoreError),
    /// Binding the address or building the server.
    Io(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::State(e) => e.fmt(f),
            StartError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StartError {}

impl From<StartError> for std::io::Error {
    fn from(e: StartError) -> std::io::Error {
        match e {
            StartError::State(s) => {
                std::io::Error::new(std::io::ErrorKind::InvalidData, s.to_string())
            }
            StartError::Io(e) => e,
        }
    }
}

/// Binds `listen` (port 0 picks a free port) and serves the sandbox in a tokio task. A state file that
/// cannot be read (damaged, a symlink) is an error here, before anything is served — checked once: the
/// command line's `--sandbox` relies on this check instead of reading the file a second time.
pub async fn start(
    config: SandboxConfig,
    listen: SocketAddr,
) -> Result<RunningSandbox, StartError> {
    if let Some(path) = &config.state_file {
        Store::new(path.clone())
            .check()
            .map_err(StartError::State)?;
    }
    let app = App::new(config.clone()).map_err(StartError::Io)?;
    let listener = TcpListener::bind(listen).await.map_err(StartError::Io)?;
    let addr = listener.local_addr().map_err(StartError::Io)?;
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(accept_loop(listener, app, stopped));
    Ok(RunningSandbox {
        addr,
        config,
        stop: Some(stop),
        task: Some(task),
    })
}

/// `pca-order sandbox`: serves in the foreground, printing the address first (scripts read that line),
/// then the credentials it accepts and an example command, until Ctrl-C.
pub async fn run_standalone(config: SandboxConfig, listen: SocketAddr) -> std::io::Result<()> {
    let running = start(config, listen).await?;
    {
        let mut out = std::io::stdout().lock();
        out.write_all(banner(&running.config, running.addr).as_bytes())?;
        out.flush()?;
    }
    let signal = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    signal
}

/// The text `run_standalone` prints. The first line is exactly `listening on http://HOST:PORT` so a script
/// can start the sandbox on port 0 and read where it went.
pub fn banner(config: &SandboxConfig, addr: SocketAddr) -> String {
    let url = format!("http://{addr}");
    format!(
        "listening on {url}\n\
         pca-order sandbox: a pretend Huawei Cloud (CCM, IAM, EPS, BSS). Nothing is bought.\n\
         Accepted credentials (fake, printed on purpose):\n\
         \x20 X-Auth-Token:  {token}\n\
         \x20 AK:            {ak}\n\
         \x20 SK:            {sk}\n\
         \x20 domain id:     {domain}\n\
         \x20 IAM password:  user {user}, password {password}, account {account}\n\
         \x20 CA quota:      {quota}\n\
         {state}\n\
         Prices are PRETEND (a made-up price list); a paid order settles after {settle_ms} ms.\n\
         Try:\n\
         \x20 HUAWEICLOUD_SDK_AK={ak} HUAWEICLOUD_SDK_SK={sk} HUAWEICLOUD_SDK_DOMAIN_ID={domain} \\\n\
         \x20 pca-order order --endpoint {url} --iam-endpoint {url} --eps-endpoint {url} --yes\n\
         Fault directives in the order's promotion_info: sandbox:status=503 sandbox:delay_ms=3000 sandbox:drop sandbox:html\n\
         \x20 billing (remembered on the order): sandbox:pay_status=503 sandbox:pay_drop sandbox:cancel_status=409 sandbox:details_status=500\n\
         Press Ctrl-C to stop.\n",
        token = config.token,
        ak = config.ak,
        sk = config.sk,
        domain = config.domain_id,
        user = config.user,
        password = config.password,
        account = config.account,
        quota = config.ca_quota,
        settle_ms = config.settle.as_millis(),
        state = match &config.state_file {
            Some(p) => format!(
                "State: {} (shared with `--sandbox` commands; `pca-order sandbox --reset` starts it over)",
                p.display()
            ),
            None => "State: in memory, until exit".to_string(),
        },
    )
}

/// Tells a connection's task to close the socket without answering (the `sandbox:drop` directive). Put in
/// every request's extensions by the accept loop; the handler never panics to get the same effect.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnDrop(Arc<Notify>);

impl ConnDrop {
    /// Asks for the connection to be closed; the connection task drops it at once, in-flight answer included.
    pub(crate) fn drop_connection(&self) {
        self.0.notify_one();
    }
}

/// Owns the accept loop (rather than `axum::serve`) so that one connection can be aborted on purpose.
async fn accept_loop(listener: TcpListener, app: App, mut stopped: oneshot::Receiver<()>) {
    let header_timeout = app.config.header_read_timeout;
    let router = routes::router(app);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // Sent or sender dropped: stop either way.
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, router.clone(), header_timeout));
                }
                Err(e) => {
                    // Out of file descriptors and the like: back off briefly rather than spin.
                    eprintln!("sandbox: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Serves one TCP connection (HTTP/1.1 or h2c) until it ends or a handler asks for it to be dropped.
/// Headers not complete within `header_timeout` close the connection (HTTP/1.1; hyper needs a timer for it).
async fn serve_connection(stream: TcpStream, router: axum::Router, header_timeout: Duration) {
    let dropper = ConnDrop::default();
    let signal = dropper.0.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(dropper.clone());
        router.clone().oneshot(req)
    });
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        // A connection error (client reset, bad HTTP) ends just this connection.
        _ = connection => {}
        // Dropping the connection future closes the socket with no answer written.
        _ = signal.notified() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_starts_with_the_listening_line() {
        let addr: SocketAddr = "127.0.0.1:4321".parse().expect("addr");
        let text = banner(&SandboxConfig::default(), addr);
        assert_eq!(
            text.lines().next(),
            Some("listening on http://127.0.0.1:4321")
        );
        assert!(text.contains("pca-order order --endpoint http://127.0.0.1:4321 --iam-endpoint http://127.0.0.1:4321 --eps-endpoint http://127.0.0.1:4321"));
        assert!(text.contains("SANDBOXAK0000000000000"));
        assert!(text.contains("Prices are PRETEND"), "{text}");
    }
}

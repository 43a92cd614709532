//! Where requests go and who signs them, as resolved values: what the clients are built from. Resolved
//! by `config` (flags, environment, files) and only read here, so `api` never reaches into `config`.

use std::path::PathBuf;
use std::time::Duration;

use reqwest::Url;

use super::credentials::ResolvedCredentials;
/// Re-exported from [`crate::endpoint`], where the rule lives (below `api`, `config` and the journal).
pub use crate::endpoint::is_loopback;

/// Where each API is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// CCM (orders, quota, CAs).
    pub ccm: Url,
    /// IAM (account id lookup).
    pub iam: Url,
    /// EPS (enterprise projects).
    pub eps: Url,
    /// BSS (price, order status, pay, cancel): `None` = detect the account's website (China or
    /// international) on first use.
    pub bss: Option<Url>,
}

/// Everything a client command needs, resolved once at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Region id: it picks the endpoints, the signing scope and the site's rules (SM2 on `cn-*`), and is
    /// journaled so an attempt can be found in the right console.
    pub region: String,
    /// Where each API is reached.
    pub endpoints: Endpoints,
    /// Who signs, and from where.
    pub credentials: ResolvedCredentials,
    /// The journal every state-changing request is written to before it leaves (DESIGN's contract).
    pub journal_path: PathBuf,
    /// Whole-request timeout (`--timeout`): it bounds each request and, after a signal, the wait for
    /// an answer in flight.
    pub timeout: Duration,
    /// Talking to the built-in sandbox: nothing real is bought.
    pub sandbox: bool,
}

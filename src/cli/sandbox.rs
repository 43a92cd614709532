//! `sandbox`: serve the emulator on loopback until stopped.

use std::time::Duration;

use super::SandboxArgs;
use crate::exit;
use crate::sandbox::{self, SandboxConfig};

pub(super) async fn run_sandbox(args: &SandboxArgs) -> i32 {
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "pca-order sandbox: --listen {}: the sandbox serves well-known test credentials, so it listens \
             only on loopback (127.0.0.0/8 or ::1)",
            args.listen
        );
        return exit::USAGE;
    }
    let mut sc = SandboxConfig::default();
    if let Some(t) = &args.token {
        sc.token = t.clone();
    }
    if let Some(ak) = &args.ak {
        sc.ak = ak.clone();
    }
    if let Some(sk) = &args.sk {
        sc.sk = sk.clone();
    }
    if let Some(d) = &args.domain_id {
        sc.domain_id = d.clone();
    }
    if let Some(ms) = args.settle_ms {
        sc.settle = Duration::from_millis(ms);
    }
    match sandbox::run_standalone(sc, args.listen).await {
        Ok(()) => exit::ORDERED,
        Err(e) => {
            eprintln!("pca-order sandbox: cannot listen on {} ({e})", args.listen);
            exit::NOT_SENT
        }
    }
}

//! `sandbox`: serve the emulator on loopback until stopped, on the same pretend account (state file) as
//! the `--sandbox` commands; `--reset` starts that account over.

use std::time::Duration;

use super::args::{GlobalArgs, Output, RunCommand, SandboxArgs};
use super::fail::fail_config;
use super::io::Io;
use crate::config;
use crate::exit;
use crate::sandbox::{self, SandboxConfig, Store};
use crate::text::Text;

impl RunCommand for SandboxArgs {
    /// The emulator reads none of the shared flags but the language, already in `t`.
    async fn run(&self, io: &mut Io, _: &GlobalArgs, t: &'static Text) -> i32 {
        run_sandbox(io, self, t).await
    }
}

pub(super) async fn run_sandbox(io: &mut Io, args: &SandboxArgs, t: &Text) -> i32 {
    let state_file = match &args.state {
        Some(p) => p.clone(),
        None => match config::default_sandbox_state_path(&*io.env()) {
            Some(p) => p,
            None => {
                let e = config::ConfigError::Usage(config::Problem::NoJournalHome);
                return fail_config(io, Output::Text, &e, t);
            }
        },
    };
    let store = Store::new(state_file.clone());
    if args.reset {
        return match store.reset() {
            Ok(()) => {
                io.line(t.sandbox_reset(&state_file.display().to_string()));
                exit::ORDERED
            }
            Err(e) => fail_config(io, Output::Text, &e.problem(), t),
        };
    }
    if let Err(e) = store.check() {
        return fail_config(io, Output::Text, &e.problem(), t);
    }
    if !args.listen.ip().is_loopback() {
        io.err_line(format_args!(
            "pca-order sandbox: --listen {}: the sandbox serves well-known test credentials, so it listens \
             only on loopback (127.0.0.0/8 or ::1)",
            args.listen
        ));
        return exit::USAGE;
    }
    let mut sc = SandboxConfig {
        state_file: Some(state_file),
        region: args.console_region.as_ref().map(|r| r.trim().to_string()),
        ..SandboxConfig::default()
    };
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
    if let Some(secs) = args.temporary_ttl {
        sc.temporary_lifetime = Duration::from_secs(secs);
    }
    if let Some(ms) = args.settle_ms {
        sc.settle = Duration::from_millis(ms);
    }
    match sandbox::run_standalone(sc, args.listen).await {
        Ok(()) => exit::ORDERED,
        Err(e) => {
            io.err_line(format_args!(
                "pca-order sandbox: cannot listen on {} ({e})",
                args.listen
            ));
            exit::NOT_SENT
        }
    }
}

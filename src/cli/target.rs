//! Where a command's requests go: endpoints, credentials and journal resolved once (with `--sandbox`,
//! an in-process sandbox started first), and the clients built on them.

use std::path::PathBuf;
use std::time::Duration;

use super::args::GlobalArgs;
use super::fail::{fail, fail_config};
use super::io::Io;
use crate::api::bss::BssClient;
use crate::api::client::CcmClient;
use crate::api::credentials::{CredentialSource, Credentials, ResolvedCredentials};
use crate::config::{
    self, Config, ConfigError, EndpointFlags, EnvLookup, resolve_credentials, resolve_endpoints,
};
use crate::exit;
use crate::sandbox::{RunningSandbox, SandboxConfig};
use crate::text::Text;

/// A running in-process sandbox (kept alive while the command runs) and the config pointing at it.
pub(super) struct Target {
    pub(super) config: Config,
    /// The journal for a request whose own endpoint is pretend (`true`) or real: `--journal` for both,
    /// else the default of each kind. `config.journal_path` is the one for CCM's endpoint.
    journals: [Option<PathBuf>; 2],
    _sandbox: Option<RunningSandbox>,
}

impl Target {
    /// The journal a request goes to, by whether that request's own endpoint is pretend (see
    /// [`config::is_pretend_endpoint`]): a pay sent to a real BSS is journaled as real even when CCM is a
    /// sandbox, and the reverse.
    pub(super) fn journal_for(&self, pretend: bool) -> PathBuf {
        self.journals[usize::from(pretend)]
            .clone()
            .unwrap_or_else(|| self.config.journal_path.clone())
    }
}

/// `--journal`, else the default path for real or sandbox (pretend) orders.
pub(super) fn journal_path(
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    sandbox: bool,
) -> Result<PathBuf, ConfigError> {
    match &g.journal {
        Some(p) => Ok(p.clone()),
        None => config::default_journal_path(env, sandbox)
            .ok_or(ConfigError::Usage(config::Problem::NoJournalHome)),
    }
}

/// [`journal_path`], or none when there is no home to put the default in.
pub(super) fn journal_path_opt(
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    sandbox: bool,
) -> Option<PathBuf> {
    journal_path(g, env, sandbox).ok()
}

/// Resolves endpoints (BSS's among them), credentials and the journal for a command that uses BSS; with
/// `--sandbox`, starts the sandbox first. Without `need_credentials` (a dry run), missing credentials
/// become a labelled placeholder.
pub(super) async fn build_target(
    io: &mut Io,
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    need_credentials: bool,
    t: &Text,
) -> Result<Target, ConfigError> {
    resolve_target(io, g, env, need_credentials, true, t).await
}

/// [`build_target`], reading `--bss-endpoint` only when `uses_bss`: a command that never reaches BSS
/// (`cas`, `ca`, `activate`) neither checks nor uses it. The flag is resolved last, after the credentials
/// and the journal, so a command that uses BSS reports the problems in the order it always has.
async fn resolve_target(
    io: &mut Io,
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    need_credentials: bool,
    uses_bss: bool,
    t: &Text,
) -> Result<Target, ConfigError> {
    let timeout = Duration::from_secs(g.timeout);
    let (region, mut endpoints, credentials, running) = if g.sandbox {
        if g.endpoint.is_some() || g.iam_endpoint.is_some() || g.eps_endpoint.is_some() {
            return Err(ConfigError::Usage(config::Problem::SandboxWithEndpoints {
                bss: false,
            }));
        }
        // One pretend account on disk, shared by every `--sandbox` command (and the wizard); `start` checks
        // it (once) before anything is served, so a damaged file is reported, never silently replaced.
        let state_file = config::default_sandbox_state_path(env)
            .ok_or(ConfigError::Usage(config::Problem::NoJournalHome))?;
        let sc = SandboxConfig {
            state_file: Some(state_file),
            // The region it stands for, as resolve_endpoints picks it (and checks it, below).
            region: g
                .region
                .clone()
                .or_else(|| env("HUAWEICLOUD_SDK_REGION"))
                .map(|r| r.trim().to_string()),
            ..SandboxConfig::default()
        };
        let running = crate::sandbox::start(sc.clone(), ([127, 0, 0, 1], 0).into())
            .await
            .map_err(|e| match e {
                crate::sandbox::StartError::State(e) => e.problem(),
                crate::sandbox::StartError::Io(e) => {
                    ConfigError::Usage(config::Problem::SandboxStart(e.to_string()))
                }
            })?;
        let base = running.base_url();
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: Some(base.clone()),
            iam_endpoint: Some(base.clone()),
            eps_endpoint: Some(base.clone()),
            // The in-process sandbox serves BSS on the same address.
            bss_endpoint: Some(base),
        };
        let (region, endpoints) = resolve_endpoints(&flags, env, None)?;
        let credentials = ResolvedCredentials {
            credentials: Credentials::ak_sk(sc.ak, sc.sk, None, Some(sc.domain_id)),
            source: CredentialSource::Sandbox,
            temporary: None,
        };
        (region, endpoints, credentials, Some(running))
    } else {
        let file = config::load_credentials_file(env)?;
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: g.endpoint.clone(),
            iam_endpoint: g.iam_endpoint.clone(),
            eps_endpoint: g.eps_endpoint.clone(),
            // Resolved below, last, and only for a command that uses BSS.
            bss_endpoint: None,
        };
        let file_iam = file.as_ref().and_then(|f| f.iam_endpoint.as_deref());
        let (mut region, mut endpoints) = resolve_endpoints(&flags, env, file_iam)?;
        let stdin = &mut io.input();
        if g.token_file.as_deref() == Some(std::path::Path::new("-")) && io.terminal().stdin {
            // Otherwise the command just sits there, looking hung.
            io.err_line(t.cli_token_stdin_wait);
        }
        let found = match (&g.profile, &g.token_file) {
            // `--profile` names the source (after `--token-file`, the other flag).
            (Some(name), None) => from_profile(env, Some(name)).await,
            _ => match resolve_credentials(g.token_file.as_deref(), env, stdin, file.as_ref()) {
                Err(ConfigError::Credentials(config::Problem::NoCredentials)) => {
                    discover(env).await
                }
                other => other.map(|c| (c, None)),
            },
        };
        if let Ok((_, Some((profile_region, path)))) = &found
            && g.region.is_none()
            && env("HUAWEICLOUD_SDK_REGION").is_none()
        {
            (region, endpoints) = config::resolve_endpoints_for_profile(
                &flags,
                env,
                file_iam,
                Some((profile_region, path)),
            )?;
        }
        let credentials = match found.map(|(c, _)| c) {
            Ok(c) => c,
            Err(e @ ConfigError::Credentials(_)) if !need_credentials => {
                io.err_line(t.cli_note(&t.config_problem(e.problem())));
                io.err_line(t.cli_note(t.cli_placeholder_credentials));
                ResolvedCredentials {
                    credentials: Credentials::token("<none>"),
                    source: CredentialSource::Missing,
                    temporary: None,
                }
            }
            Err(e) => return Err(e),
        };
        (region, endpoints, credentials, None)
    };
    // A plain-http (loopback-only) CCM endpoint, such as a standalone `pca-order sandbox`, can never take a
    // real purchase: its orders are pretend ones, journaled and labelled as sandbox orders.
    let sandbox = running.is_some() || config::is_pretend_endpoint(&endpoints.ccm);
    let journal_path = journal_path(g, env, sandbox)?;
    let journals = [false, true].map(|pretend| journal_path_opt(g, env, pretend));
    if uses_bss && g.bss_endpoint.is_some() {
        // The in-process sandbox (`--sandbox`) serves BSS itself; a pretend endpoint given by URL may name
        // its BSS.
        if running.is_some() {
            return Err(ConfigError::Usage(config::Problem::SandboxWithEndpoints {
                bss: true,
            }));
        }
        endpoints.bss = config::resolve_bss_endpoint(g.bss_endpoint.as_deref(), &endpoints.ccm)?;
    }
    Ok(Target {
        config: Config {
            region,
            endpoints,
            credentials,
            journal_path,
            timeout,
            sandbox,
        },
        journals,
        _sandbox: running,
    })
}

/// A KooCLI profile's region and the file it is in, when it gave the credentials.
type ProfileRegion = Option<(String, String)>;

/// The credentials of a KooCLI profile (`name`, or the file's `current` when `None`): its keys, or the
/// metadata service for `mode: ecsAgency`. `Err(NoCredentials)` when there is no current profile.
async fn from_profile(
    env: EnvLookup<'_>,
    name: Option<&str>,
) -> Result<(ResolvedCredentials, ProfileRegion), ConfigError> {
    let Some(profile) = config::load_profile(env, name)? else {
        return Err(ConfigError::Credentials(config::Problem::NoCredentials));
    };
    let region = profile
        .region
        .clone()
        .map(|r| (r, profile.path.display().to_string()));
    let credentials = match profile.auth {
        config::ProfileAuth::Keys(credentials) => ResolvedCredentials {
            credentials,
            source: CredentialSource::KooCli(profile.name.clone()),
            temporary: None,
        },
        config::ProfileAuth::EcsAgency => {
            let Some(base) = config::metadata_base(env)? else {
                return Err(ConfigError::Credentials(config::Problem::Temporary {
                    source: CredentialSource::Metadata,
                    why: crate::api::temporary::TemporaryError::Unreachable,
                }));
            };
            config::fetch_temporary(
                crate::api::credentials::TemporarySource::Metadata { base },
                CredentialSource::Metadata,
                profile.domain_id.clone(),
            )
            .await
            .map_err(|why| {
                ConfigError::Credentials(config::Problem::Temporary {
                    source: CredentialSource::Metadata,
                    why,
                })
            })?
        }
    };
    Ok((credentials, region))
}

/// After today's sources found nothing: the KooCLI file's `current` profile (KooCLI's own order puts
/// the default profile before the ECS agency), then the SDK's metadata and pod identity sources.
async fn discover(env: EnvLookup<'_>) -> Result<(ResolvedCredentials, ProfileRegion), ConfigError> {
    match from_profile(env, None).await {
        Err(ConfigError::Credentials(config::Problem::NoCredentials)) => {}
        other => return other,
    }
    match config::discover_temporary(env).await? {
        Some(c) => Ok((c, None)),
        None => Err(ConfigError::Credentials(config::Problem::NoCredentials)),
    }
}

/// Prints the journal's warning (others can read it) on stderr, before anything is sent or drawn.
pub(super) fn warn_journal(
    io: &mut Io,
    warning: Option<crate::journal::ReadableByOthers>,
    t: &Text,
) {
    if let Some(w) = warning {
        io.err_line(format_args!(
            "{}",
            t.cli_warning(&t.journal_readable(&w.path, &w.mode_octal()))
        ));
    }
}

/// The BSS client for a target, at the endpoint config resolved (`Endpoints::bss`: the sandbox's own,
/// `--bss-endpoint`, a loopback CCM's address, or `None` to detect the website). Infallible since the
/// endpoint moved into config; it keeps its `Result` for its callers.
pub(super) fn bss_for(
    _g: &GlobalArgs,
    target: &Target,
    ccm: CcmClient,
) -> Result<BssClient, config::ConfigError> {
    Ok(BssClient::new(ccm, target.config.endpoints.bss.clone()))
}

/// Resolves the target and both clients, or the exit code of why not.
pub(super) async fn clients(
    io: &mut Io,
    g: &GlobalArgs,
    need_credentials: bool,
    t: &Text,
) -> Result<(Target, BssClient), i32> {
    let out = g.output;
    let target = match build_target(io, g, &*io.env(), need_credentials, t).await {
        Ok(t) => t,
        Err(e) => return Err(fail_config(io, out, &e, t)),
    };
    let ccm = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return Err(fail(io, out, exit::NOT_SENT, &e)),
    };
    match bss_for(g, &target, ccm) {
        Ok(b) => Ok((target, b)),
        Err(e) => Err(fail_config(io, out, &e, t)),
    }
}

/// Resolves the target and the CCM client, or the exit code of why not.
pub(super) async fn client_for(
    io: &mut Io,
    g: &GlobalArgs,
    need_credentials: bool,
    t: &Text,
) -> Result<(Target, CcmClient), i32> {
    let env = io.env();
    let target = match resolve_target(io, g, &*env, need_credentials, false, t).await {
        Ok(t) => t,
        Err(e) => return Err(fail_config(io, g.output, &e, t)),
    };
    match CcmClient::new(&target.config) {
        Ok(c) => Ok((target, c)),
        Err(e) => Err(fail(io, g.output, exit::NOT_SENT, &e)),
    }
}

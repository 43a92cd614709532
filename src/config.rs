//! Where requests go and who signs them: the region table, endpoint resolution, the credential sources in
//! DESIGN.md's order, and the journal's path. Environment and files are read through parameters so every
//! rule is tested without touching the real environment.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::api::credentials::{
    CredentialSource, Credentials, Refreshable, ResolvedCredentials, TemporarySource,
};
use crate::api::temporary::{self, TemporaryError};

mod koocli;
mod overrides;

pub use koocli::{
    KOOCLI_PLAINTEXT_SETTING, KooCliProfile, ProfileAuth, koocli_path, load_profile, parse_profile,
    plain_ak, plain_sk,
};
pub use overrides::{ccm_endpoint, first_of_list, regions_file_path};
// The resolved values live in `api` (the layer below), which takes them as plain data: `config` resolves
// and `api` uses, never the other way round (issue 8's cycle).
pub use crate::api::target::{Config, Endpoints};
// The endpoint rules sit at the bottom (`crate::endpoint`); re-exported so `config::` paths keep working.
pub use crate::endpoint::{is_loopback, is_pretend_endpoint};

/// The default region, as the official SDK examples use.
pub const DEFAULT_REGION: &str = "cn-north-4";
/// EPS has one global endpoint.
pub const DEFAULT_EPS_ENDPOINT: &str = "https://eps.myhuaweicloud.com";
/// IAM's global endpoint, for regions without their own.
pub const GLOBAL_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";
/// Default whole-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// A token file larger than this is not a token.
const MAX_TOKEN_BYTES: u64 = 64 * 1024;
/// A credentials file larger than this is not a credentials file.
const MAX_CREDENTIALS_FILE_BYTES: u64 = 1024 * 1024;

/// Reads text up to `max` bytes; more (a device, a FIFO that never ends, a wrong file) is an error
/// rather than an unbounded read.
fn read_capped(source: &mut dyn Read, max: u64) -> std::io::Result<String> {
    let mut buf = String::new();
    source.take(max + 1).read_to_string(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(std::io::Error::other(format!(
            "larger than {max} bytes; not read"
        )));
    }
    Ok(buf)
}

/// Reads an environment variable; `std::env::var` in the binary, a map in tests.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, ignoring unset and empty variables.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Why configuration failed. `Usage` is a bad flag value (exit 2); `Credentials` is a missing or unreadable
/// secret (exit 5, nothing sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// A flag or env value breaks a rule; the problem names it.
    Usage(Problem),
    /// No usable credentials; the problem says what was tried or what is wrong.
    Credentials(Problem),
}

/// Where a configuration value came from, as the user wrote it: a flag or variable name, a key of the
/// credentials file, or pca-order's own tables (names and paths, never words, so every language shows
/// them as they are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// A flag (`--endpoint`) or an environment variable (`HUAWEICLOUD_SDK_AK`).
    Name(String),
    /// A key of the credentials file's `[global]` section.
    File {
        /// The file.
        path: String,
        /// The key (`ak`, `sk`, `iam_endpoint`, ...).
        key: &'static str,
    },
    /// pca-order's region table or a built-in default.
    Builtin,
}

/// The rule a configuration value breaks, for [`Problem::Value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueRule {
    /// Not shaped like `cn-north-4`.
    NotRegionId,
    /// Not a URL at all (the parser's detail).
    NotUrl(String),
    /// A URL with a user name or password in it.
    UserInUrl,
    /// A URL with a query or fragment.
    QueryInUrl,
    /// Plain http to something other than loopback.
    PlainHttp,
    /// Neither https nor http.
    NotHttps,
    /// A URL without a host.
    NoHost,
    /// A secret holding a control character (never shown).
    ControlCharacter,
    /// An empty IAM token.
    EmptyToken,
    /// An IAM token with spaces, line breaks or non-ASCII characters.
    TokenNotOneLine,
    /// Not an account (domain) id.
    NotDomainId,
    /// Not an access key id.
    NotAk,
}

/// What is wrong with the configuration, with its data, so the catalog
/// ([`crate::text::Text::config_problem`]) words it in the user's language and the JSON keeps English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value breaks a rule: where it came from, the value as typed (cleaned; `None` for a secret), and
    /// the rule.
    Value {
        /// Where the value came from.
        at: Where,
        /// The value, cleaned for the screen; `None` for a secret, which is never shown.
        shown: Option<String>,
        /// The rule it breaks.
        rule: ValueRule,
    },
    /// A well-formed region the official SDK has no CCM endpoint for.
    NoRegionEndpoint {
        /// The region typed.
        region: String,
        /// The regions that have one.
        known: String,
    },
    /// One of an access key pair set without the other (variable names).
    HalfKey {
        /// The variable that is set.
        set: String,
        /// The variable that is not.
        missing: String,
    },
    /// The credentials file has `ak` or `sk` but not both.
    FileHalfKey {
        /// The file.
        path: String,
    },
    /// `HUAWEICLOUD_SDK_CREDENTIALS_FILE` names a file that does not exist.
    NamedFileMissing {
        /// The file named.
        path: String,
    },
    /// A file (credentials file, token file, stdin) could not be read.
    Unreadable {
        /// Where it was to be read from.
        at: Where,
        /// Why, as far as the system says.
        why: IoWhy,
    },
    /// The credentials file is not INI (the parser's detail).
    NotIni {
        /// The file.
        path: String,
        /// The parser's message.
        detail: String,
    },
    /// No source gave credentials.
    NoCredentials,
    /// `--profile NAME` (or the file's `current`) names no profile of the KooCLI file.
    KooCliNoProfile {
        /// The file.
        path: String,
        /// The name asked for (cleaned).
        name: String,
        /// The names it has, comma-separated (empty: no file, or no profiles).
        known: String,
    },
    /// The KooCLI profile's keys are stored encrypted (our rule: not shaped like plain keys).
    KooCliEncrypted {
        /// The file.
        path: String,
        /// The profile.
        name: String,
    },
    /// The KooCLI profile has no keys for its mode.
    KooCliNoKeys {
        /// The file.
        path: String,
        /// The profile.
        name: String,
        /// Its `mode`.
        mode: String,
    },
    /// The KooCLI file is not JSON (the parser's detail).
    KooCliNotJson {
        /// The file.
        path: String,
        /// The parser's message.
        detail: String,
    },
    /// Temporary credentials (metadata, pod identity) could not be fetched.
    Temporary {
        /// Which source was asked.
        source: CredentialSource,
        /// Why not.
        why: TemporaryError,
    },
    /// No HOME or XDG_STATE_HOME to put the journal in.
    NoJournalHome,
    /// `--sandbox` with an endpoint flag (`bss`: `--bss-endpoint`).
    SandboxWithEndpoints {
        /// Whether the flag given was `--bss-endpoint`.
        bss: bool,
    },
    /// The in-process sandbox could not start (the system's error).
    SandboxStart(String),
    /// The sandbox's state file (the pretend account) cannot be used; it is left as it is.
    SandboxState {
        /// The state file.
        path: String,
        /// Whether it was read but is not a state file (otherwise it could not be opened or read).
        damaged: bool,
        /// The parser's or the system's words.
        detail: String,
    },
}

/// Why a file could not be read, in words the catalog can translate (the system's text for the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoWhy {
    /// Permission denied.
    PermissionDenied,
    /// No such file.
    NotFound,
    /// Not UTF-8 text.
    NotUtf8,
    /// Any user may write it (ours: then anyone could have put keys in it); not read.
    WritableByOthers,
    /// Anything else, as the system words it.
    Other(String),
}

impl ConfigError {
    /// What is wrong, for the catalog to word.
    pub fn problem(&self) -> &Problem {
        match self {
            ConfigError::Usage(p) | ConfigError::Credentials(p) => p,
        }
    }

    /// The exit code of DESIGN.md.
    pub fn exit_code(&self) -> i32 {
        match self {
            ConfigError::Usage(_) => crate::exit::USAGE,
            ConfigError::Credentials(_) => crate::exit::NOT_SENT,
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
struct RegionTable {
    regions: Vec<Region>,
}

/// A region with a CCM endpoint in the official SDK.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Region {
    /// e.g. `cn-north-4`.
    pub id: String,
    /// e.g. `https://ccm.cn-north-4.myhuaweicloud.com`.
    pub ccm: String,
}

/// The official SDK's CCM regions (`assets/regions.json`).
pub fn regions() -> Vec<Region> {
    serde_json::from_str::<RegionTable>(include_str!("../assets/regions.json"))
        .map(|t| t.regions)
        .unwrap_or_default()
}

/// Endpoint choices from flags; `None` means "derive it".
#[derive(Debug, Clone, Default)]
pub struct EndpointFlags {
    /// `--region`: wins over `HUAWEICLOUD_SDK_REGION` and the default region.
    pub region: Option<String>,
    /// `--endpoint`: a CCM URL that overrides the region's (a private endpoint or a local sandbox).
    pub endpoint: Option<String>,
    /// `--iam-endpoint`: where account ids and tokens are looked up when the region's IAM is not used.
    pub iam_endpoint: Option<String>,
    /// `--eps-endpoint`: where enterprise projects are listed when the region's EPS is not used.
    pub eps_endpoint: Option<String>,
    /// `--bss-endpoint`: where billing goes instead of the account's detected website.
    pub bss_endpoint: Option<String>,
}

/// Resolves the region (flag, env `HUAWEICLOUD_SDK_REGION`, default) and the four endpoints (BSS by
/// [`resolve_bss_endpoint`], after the other three). `file_iam_endpoint` is the credentials file's
/// `iam_endpoint`, used after the flag and env.
pub fn resolve_endpoints(
    flags: &EndpointFlags,
    env: EnvLookup<'_>,
    file_iam_endpoint: Option<&str>,
) -> Result<(String, Endpoints), ConfigError> {
    resolve_endpoints_for_profile(flags, env, file_iam_endpoint, None)
}

/// [`resolve_endpoints`] with a KooCLI profile's `region` and the file it is in: used after `--region`
/// and `HUAWEICLOUD_SDK_REGION`, before the default.
pub fn resolve_endpoints_for_profile(
    flags: &EndpointFlags,
    env: EnvLookup<'_>,
    file_iam_endpoint: Option<&str>,
    profile_region: Option<(&str, &str)>,
) -> Result<(String, Endpoints), ConfigError> {
    let (region, at) = match (&flags.region, env("HUAWEICLOUD_SDK_REGION"), profile_region) {
        (Some(r), _, _) => (r.trim().to_string(), Where::Name("--region".into())),
        (None, Some(r), _) => (
            r.trim().to_string(),
            Where::Name("HUAWEICLOUD_SDK_REGION".into()),
        ),
        (None, None, Some((r, path))) => (
            r.trim().to_string(),
            Where::File {
                path: path.to_string(),
                key: "region",
            },
        ),
        (None, None, None) => (DEFAULT_REGION.to_string(), Where::Builtin),
    };
    // Checked whatever the endpoint: the region is shown, journaled and sent in URLs even with --endpoint.
    check_region_id(&region).map_err(|_| {
        ConfigError::Usage(Problem::Value {
            at,
            shown: Some(crate::sanitize::clean(&region).escape_default().to_string()),
            rule: ValueRule::NotRegionId,
        })
    })?;
    let table = regions();
    let known = table.iter().find(|r| r.id == region);
    let ccm = match (&flags.endpoint, ccm_override(env, &region)?, known) {
        (Some(url), _, _) => parse_endpoint("--endpoint", url)?,
        (None, Some(url), _) => url,
        (None, None, Some(r)) => parse_endpoint("region table", &r.ccm)?,
        (None, None, None) => {
            let ids: Vec<&str> = table.iter().map(|r| r.id.as_str()).collect();
            return Err(ConfigError::Usage(Problem::NoRegionEndpoint {
                region,
                known: ids.join(", "),
            }));
        }
    };
    let iam = match (
        &flags.iam_endpoint,
        env("HUAWEICLOUD_SDK_IAM_ENDPOINT"),
        file_iam_endpoint,
    ) {
        (Some(url), _, _) => parse_endpoint("--iam-endpoint", url)?,
        (None, Some(url), _) => parse_endpoint("HUAWEICLOUD_SDK_IAM_ENDPOINT", &url)?,
        (None, None, Some(url)) => parse_endpoint_at(
            Where::File {
                path: String::new(),
                key: "iam_endpoint",
            },
            url,
        )?,
        (None, None, None) if known.is_some() && region != "sa-brazil-1" => {
            parse_endpoint("region", &format!("https://iam.{region}.myhuaweicloud.com"))?
        }
        (None, None, None) => parse_endpoint("default", GLOBAL_IAM_ENDPOINT)?,
    };
    let eps = match &flags.eps_endpoint {
        Some(url) => parse_endpoint("--eps-endpoint", url)?,
        None => parse_endpoint("default", DEFAULT_EPS_ENDPOINT)?,
    };
    let bss = resolve_bss_endpoint(flags.bss_endpoint.as_deref(), &ccm)?;
    Ok((region, Endpoints { ccm, iam, eps, bss }))
}

/// The SDK's own CCM endpoint overrides for `region`, after `--endpoint` and before the region table:
/// `HUAWEICLOUD_SDK_REGION_CCM_<REGION>` (the first of its comma list), then the regions file's
/// `ccm` entry. Each follows the endpoint rules (https, or plain http to loopback only).
fn ccm_override(env: EnvLookup<'_>, region: &str) -> Result<Option<Url>, ConfigError> {
    let name = overrides::env_name(region);
    if let Some(list) = env(&name) {
        let Some(first) = first_of_list(&list) else {
            return Ok(None);
        };
        return parse_endpoint_at(Where::Name(name), &first).map(Some);
    }
    let Some(path) = regions_file_path(env) else {
        return Ok(None);
    };
    let at = Where::File {
        path: path.display().to_string(),
        key: "ccm",
    };
    match overrides::file_endpoint(&path, region) {
        Ok(Some(url)) => parse_endpoint_at(at, &url).map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(ConfigError::Usage(Problem::Unreadable {
            at,
            why: io_why(&e),
        })),
    }
}

/// Longest region id accepted; the real ones are under 20 characters.
const MAX_REGION_CHARS: usize = 32;

/// A region id is shaped like `cn-north-4` or `eu-west-101`: lower-case letters and digits in
/// hyphen-separated words, starting with a letter. Anything else (spaces, escape sequences, upper case) is
/// a typo or an attack on the screen and the journal, never a region.
pub fn check_region_id(region: &str) -> Result<(), &'static str> {
    let shaped = !region.is_empty()
        && region.len() <= MAX_REGION_CHARS
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && region.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && region.contains('-');
    if shaped {
        Ok(())
    } else {
        Err(
            "is not a region id (lower-case letters and digits in words joined by '-', like cn-north-4; at most 32 characters)",
        )
    }
}

/// Where billing goes: `--bss-endpoint`, else, when CCM is on loopback (a standalone sandbox or an
/// emulator serves BSS on the same address), CCM's address, so a local setup never reaches the real BSS;
/// else `None`: detect the account's website (billing does that once per run). Separate from
/// [`resolve_endpoints`] so a command can resolve it only when it uses BSS (only those read the flag).
pub fn resolve_bss_endpoint(flag: Option<&str>, ccm: &Url) -> Result<Option<Url>, ConfigError> {
    match flag {
        Some(url) => parse_endpoint("--bss-endpoint", url).map(Some),
        None => Ok(is_loopback(ccm).then(|| ccm.clone())),
    }
}

/// Parses an endpoint URL: https anywhere, plain http only to a loopback address (the sandbox), no
/// credentials, query or fragment in it.
pub fn parse_endpoint(what: &str, text: &str) -> Result<Url, ConfigError> {
    let at = match what {
        "region table" | "region" | "default" => Where::Builtin,
        name => Where::Name(name.to_string()),
    };
    parse_endpoint_at(at, text)
}

/// [`parse_endpoint`] for a value whose origin is already known.
fn parse_endpoint_at(at: Where, text: &str) -> Result<Url, ConfigError> {
    let bad = |rule: ValueRule| {
        ConfigError::Usage(Problem::Value {
            at: at.clone(),
            shown: Some(text.to_string()),
            rule,
        })
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(ValueRule::NotUrl(e.to_string())))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(ValueRule::UserInUrl));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(ValueRule::QueryInUrl));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(bad(ValueRule::PlainHttp)),
        _ => return Err(bad(ValueRule::NotHttps)),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad(ValueRule::NoHost));
    }
    Ok(url)
}

/// What the credentials file's `[global]` section holds.
#[derive(Debug, Default, Clone)]
pub struct CredentialsFile {
    /// The file read, so an error about its contents can name it.
    pub path: PathBuf,
    /// `ak`, `sk`, `security_token`, `domain_id`.
    pub credentials: Option<Credentials>,
    /// `iam_endpoint`: the file may point IAM elsewhere, as the official SDK lets it.
    pub iam_endpoint: Option<String>,
}

/// The SDK credentials file's path: env `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`.
pub fn credentials_file_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    env("HUAWEICLOUD_SDK_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| home_dir(env).map(|h| h.join(".huaweicloud").join("credentials")))
}

/// Finds and reads the credentials file. The default `~/.huaweicloud/credentials` may be absent; a file
/// the user named in `HUAWEICLOUD_SDK_CREDENTIALS_FILE` must exist, since a typo there would otherwise
/// pass silently to the next source or to "no credentials found".
pub fn load_credentials_file(env: EnvLookup<'_>) -> Result<Option<CredentialsFile>, ConfigError> {
    if let Some(named) = env("HUAWEICLOUD_SDK_CREDENTIALS_FILE") {
        let path = PathBuf::from(named);
        if !path.exists() {
            return Err(ConfigError::Credentials(Problem::NamedFileMissing {
                path: path.display().to_string(),
            }));
        }
        return read_credentials_file(&path);
    }
    match credentials_file_path(env) {
        Some(path) => read_credentials_file(&path),
        None => Ok(None),
    }
}

fn home_dir(env: EnvLookup<'_>) -> Option<PathBuf> {
    env("HOME").map(PathBuf::from).or_else(dirs::home_dir)
}

/// Opens a file that should hold a secret or settings without ever blocking on it: non-blocking (a FIFO
/// with no writer would hang even a `--dry-run`), then refuses anything that is not a regular file.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_dir() {
            "a directory"
        } else if kind.is_fifo() {
            "a FIFO (named pipe)"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else {
            "not a regular file"
        };
        return Err(std::io::Error::other(format!(
            "is {what}, not a regular file; not read"
        )));
    }
    Ok(file)
}

/// Reads the credentials file when it exists. A missing file is not an error; an unreadable one, or one
/// that is not a regular file, is, with a message naming the file and the problem.
pub fn read_credentials_file(path: &Path) -> Result<Option<CredentialsFile>, ConfigError> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let text = open_regular(path)
        .and_then(|mut f| read_capped(&mut f, MAX_CREDENTIALS_FILE_BYTES))
        .map_err(|e| {
            ConfigError::Credentials(Problem::Unreadable {
                at: Where::File {
                    path: path.display().to_string(),
                    key: "",
                },
                why: io_why(&e),
            })
        })?;
    parse_credentials_file(path, &text).map(Some)
}

/// An I/O error in words, without Rust's "(os error 13)" tail where the kind says it all.
fn io_why(e: &std::io::Error) -> IoWhy {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => IoWhy::PermissionDenied,
        std::io::ErrorKind::NotFound => IoWhy::NotFound,
        std::io::ErrorKind::InvalidData => IoWhy::NotUtf8,
        _ => IoWhy::Other(e.to_string()),
    }
}

/// Parses the INI text of a credentials file (`[global]`: `ak`, `sk`, `security_token`, `domain_id`,
/// `iam_endpoint`).
pub fn parse_credentials_file(path: &Path, text: &str) -> Result<CredentialsFile, ConfigError> {
    // As the official SDK's reader: a UTF-8 byte order mark (Windows editors) and CRLF line ends are fine.
    let text = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let ini = ini::Ini::load_from_str(&text).map_err(|e| {
        ConfigError::Credentials(Problem::NotIni {
            path: path.display().to_string(),
            detail: e.to_string(),
        })
    })?;
    let mut out = CredentialsFile {
        path: path.to_path_buf(),
        ..Default::default()
    };
    let Some(global) = ini.section(Some("global")) else {
        return Ok(out);
    };
    let get = |k: &str| {
        global
            .get(k)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    out.iam_endpoint = get("iam_endpoint");
    match (get("ak"), get("sk")) {
        (Some(ak), Some(sk)) => {
            let at = |key| Where::File {
                path: path.display().to_string(),
                key,
            };
            let ak = check_ak(&ak).map_err(|rule| invalid(at("ak"), rule))?;
            let domain_id = get("domain_id")
                .map(|d| check_domain_id(&d))
                .transpose()
                .map_err(|rule| invalid(at("domain_id"), rule))?;
            let sk = check_secret(at("sk"), &sk)?;
            let security_token = get("security_token")
                .map(|t| check_secret(at("security_token"), &t))
                .transpose()?;
            out.credentials = Some(Credentials::ak_sk(ak, sk, security_token, domain_id));
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(ConfigError::Credentials(Problem::FileHalfKey {
                path: path.display().to_string(),
            }));
        }
        (None, None) => {}
    }
    Ok(out)
}

/// Resolves credentials from the sources in DESIGN.md's order; the first found wins.
/// `token_file` is `--token-file` (`-` reads `stdin`). `file` is the already-read credentials file.
pub fn resolve_credentials(
    token_file: Option<&Path>,
    env: EnvLookup<'_>,
    stdin: &mut dyn Read,
    file: Option<&CredentialsFile>,
) -> Result<ResolvedCredentials, ConfigError> {
    if let Some(path) = token_file {
        let (text, source) = if path == Path::new("-") {
            let text = read_capped(stdin, MAX_TOKEN_BYTES).map_err(|e| {
                ConfigError::Credentials(Problem::Unreadable {
                    at: Where::Name("--token-file -".into()),
                    why: IoWhy::Other(e.to_string()),
                })
            })?;
            (text, CredentialSource::TokenStdin)
        } else {
            let text = std::fs::File::open(path)
                .and_then(|mut f| read_capped(&mut f, MAX_TOKEN_BYTES))
                .map_err(|e| {
                    ConfigError::Credentials(Problem::Unreadable {
                        at: Where::Name(format!("--token-file {}", path.display())),
                        why: IoWhy::Other(e.to_string()),
                    })
                })?;
            (text, CredentialSource::TokenFile(path.to_path_buf()))
        };
        let at = match &source {
            CredentialSource::TokenFile(p) => Where::Name(format!("--token-file {}", p.display())),
            _ => Where::Name("--token-file - (stdin)".into()),
        };
        check_secret(at.clone(), &text)?;
        let token = check_token(&text).map_err(|rule| invalid(at, rule))?;
        return Ok(ResolvedCredentials {
            credentials: Credentials::token(token),
            source,
            temporary: None,
        });
    }
    if let Some(token) = env("HUAWEICLOUD_AUTH_TOKEN") {
        let at = || Where::Name("HUAWEICLOUD_AUTH_TOKEN".into());
        check_secret(at(), &token)?;
        let token = check_token(&token).map_err(|rule| invalid(at(), rule))?;
        return Ok(ResolvedCredentials {
            credentials: Credentials::token(token),
            source: CredentialSource::EnvToken,
            temporary: None,
        });
    }
    for (prefix, source) in [
        ("HUAWEICLOUD_SDK", CredentialSource::EnvHuaweicloudSdk),
        ("CLOUD_SDK", CredentialSource::EnvCloudSdk),
    ] {
        let ak = env(&format!("{prefix}_AK"));
        let sk = env(&format!("{prefix}_SK"));
        match (ak, sk) {
            (Some(ak), Some(sk)) => {
                let (security_token, domain_id) = if prefix == "HUAWEICLOUD_SDK" {
                    (
                        env("HUAWEICLOUD_SDK_SECURITY_TOKEN"),
                        env("HUAWEICLOUD_SDK_DOMAIN_ID"),
                    )
                } else {
                    (None, None)
                };
                let var = |name: &str| Where::Name(name.to_string());
                let ak =
                    check_ak(&ak).map_err(|rule| invalid(var(&format!("{prefix}_AK")), rule))?;
                let sk = check_secret(var(&format!("{prefix}_SK")), &sk)?;
                let security_token = security_token
                    .map(|t| check_secret(var("HUAWEICLOUD_SDK_SECURITY_TOKEN"), &t))
                    .transpose()?;
                let domain_id = domain_id
                    .map(|d| check_domain_id(&d))
                    .transpose()
                    .map_err(|rule| invalid(var("HUAWEICLOUD_SDK_DOMAIN_ID"), rule))?;
                return Ok(ResolvedCredentials {
                    credentials: Credentials::ak_sk(ak, sk, security_token, domain_id),
                    source,
                    temporary: None,
                });
            }
            (Some(_), None) => {
                return Err(ConfigError::Credentials(Problem::HalfKey {
                    set: format!("{prefix}_AK"),
                    missing: format!("{prefix}_SK"),
                }));
            }
            (None, Some(_)) => {
                return Err(ConfigError::Credentials(Problem::HalfKey {
                    set: format!("{prefix}_SK"),
                    missing: format!("{prefix}_AK"),
                }));
            }
            (None, None) => {}
        }
    }
    if let Some(file) = file
        && let Some(credentials) = &file.credentials
    {
        return Ok(ResolvedCredentials {
            credentials: credentials.clone(),
            source: CredentialSource::CredentialsFile(file.path.clone()),
            temporary: None,
        });
    }
    Err(ConfigError::Credentials(Problem::NoCredentials))
}

/// A secret (SK, security token, IAM token) is trimmed and must hold no control character: a line break
/// or escape inside one is a paste accident, and it would break the header it goes into far from here
/// (after the attempt is journaled). Refused as a usage error naming where it came from; never shown.
fn check_secret(at: Where, value: &str) -> Result<String, ConfigError> {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(ConfigError::Usage(Problem::Value {
            at,
            shown: None,
            rule: ValueRule::ControlCharacter,
        }));
    }
    Ok(value.to_string())
}

/// A credential value that breaks `rule` (never shown: it may be a secret).
fn invalid(at: Where, rule: ValueRule) -> ConfigError {
    ConfigError::Credentials(Problem::Value {
        at,
        shown: None,
        rule,
    })
}

/// A token must be one line of visible ASCII (it goes into a header).
fn check_token(text: &str) -> Result<String, ValueRule> {
    let token = text.trim();
    if token.is_empty() {
        return Err(ValueRule::EmptyToken);
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ValueRule::TokenNotOneLine);
    }
    Ok(token.to_string())
}

/// An account (domain) id: 1-64 letters and digits (it goes into the `X-Domain-Id` header).
fn check_domain_id(text: &str) -> Result<String, ValueRule> {
    let id = text.trim();
    if !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(id.to_string())
    } else {
        Err(ValueRule::NotDomainId)
    }
}

fn check_ak(text: &str) -> Result<String, ValueRule> {
    let ak = text.trim();
    if ak.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(ak.to_string())
    } else {
        Err(ValueRule::NotAk)
    }
}

/// The sandbox's pretend account (orders, CAs) on disk: `sandbox-state.json` beside the sandbox journal,
/// shared by every `--sandbox` command and, by default, the standalone `pca-order sandbox`.
pub fn default_sandbox_state_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    default_journal_path(env, true).map(|p| p.with_file_name("sandbox-state.json"))
}

/// The journal's default path: `$XDG_STATE_HOME/pca-order/orders.jsonl` (else `~/.local/state/...`).
/// Sandbox orders go to `sandbox-orders.jsonl` beside it, so nothing pretend mixes with real purchases.
pub fn default_journal_path(env: EnvLookup<'_>, sandbox: bool) -> Option<PathBuf> {
    let state = env("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home_dir(env).map(|h| h.join(".local").join("state")))?;
    let name = if sandbox {
        "sandbox-orders.jsonl"
    } else {
        "orders.jsonl"
    };
    Some(state.join("pca-order").join(name))
}

/// The metadata service's address: our own `PCA_ORDER_METADATA_URL` (tests, the sandbox; https, or
/// plain http to loopback, as every endpoint; `off` never asks one), else the documented link-local
/// `http://169.254.169.254`. `None`: off.
pub fn metadata_base(env: EnvLookup<'_>) -> Result<Option<Url>, ConfigError> {
    match env(temporary::METADATA_URL_ENV) {
        Some(off) if off.trim().eq_ignore_ascii_case("off") => Ok(None),
        Some(url) => parse_endpoint(temporary::METADATA_URL_ENV, &url).map(Some),
        // Plain http to link-local: past the endpoint rule (loopback only) by design.
        None => Url::parse(temporary::METADATA_BASE).map(Some).map_err(|e| {
            ConfigError::Usage(Problem::Value {
                at: Where::Builtin,
                shown: Some(temporary::METADATA_BASE.to_string()),
                rule: ValueRule::NotUrl(e.to_string()),
            })
        }),
    }
}

/// CCE pod identity, when both `HC_CONTAINER_CREDENTIALS_FULL_URI` and
/// `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` are set (one without the other is an error naming both).
/// The URI follows the endpoint rules, and may also be plain http to a link-local address (ours: the
/// platform's agent sits on the node; link-local never leaves it).
pub fn pod_identity(env: EnvLookup<'_>) -> Result<Option<TemporarySource>, ConfigError> {
    const URI: &str = "HC_CONTAINER_CREDENTIALS_FULL_URI";
    const FILE: &str = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    match (env(URI), env(FILE)) {
        (Some(uri), Some(file)) => {
            let url = match Url::parse(uri.trim()) {
                Ok(u) if u.scheme() == "http" && is_link_local(&u) => u,
                _ => parse_endpoint(URI, &uri)?,
            };
            Ok(Some(TemporarySource::PodIdentity {
                uri: url,
                token_file: PathBuf::from(file),
            }))
        }
        (Some(_), None) => Err(ConfigError::Credentials(Problem::HalfKey {
            set: URI.into(),
            missing: FILE.into(),
        })),
        (None, Some(_)) => Err(ConfigError::Credentials(Problem::HalfKey {
            set: FILE.into(),
            missing: URI.into(),
        })),
        (None, None) => Ok(None),
    }
}

/// 169.254.0.0/16 or fe80::/10, without a user, query or fragment.
fn is_link_local(url: &Url) -> bool {
    let plain = url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none();
    plain
        && match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_link_local(),
            Some(url::Host::Ipv6(ip)) => (ip.segments()[0] & 0xffc0) == 0xfe80,
            _ => false,
        }
}

/// Fetches temporary credentials from `from` once, as resolved credentials labelled `source`.
pub async fn fetch_temporary(
    from: TemporarySource,
    source: CredentialSource,
    domain_id: Option<String>,
) -> Result<ResolvedCredentials, TemporaryError> {
    let fresh = temporary::fetch(&from, crate::api::transport::shared_tls).await?;
    let credentials = match (fresh.credentials, domain_id) {
        (
            Credentials::AkSk {
                ak,
                sk,
                security_token,
                ..
            },
            Some(d),
        ) => Credentials::AkSk {
            ak,
            sk,
            security_token,
            domain_id: Some(d),
        },
        (c, _) => c,
    };
    Ok(ResolvedCredentials {
        credentials,
        source,
        temporary: Some(Refreshable {
            from,
            expires_at: fresh.expires_at,
        }),
    })
}

/// The SDK's last two sources, in its order, when nothing else gave credentials: the ECS metadata
/// service (asked only now, with a 1 s connect limit: a machine without one pays at most that, once),
/// then CCE pod identity. A metadata service that is not there passes to the next — nothing answers,
/// or an HTTP status other than 401 (ours: another cloud's metadata service or a proxy answers
/// there with 403 or 404); one that answers as Huawei Cloud's does but wrongly (no agency, refused,
/// garbage, expired, hung) is an error naming why, unless pod identity is configured.
/// `Ok(None)`: neither is there.
pub async fn discover_temporary(
    env: EnvLookup<'_>,
) -> Result<Option<ResolvedCredentials>, ConfigError> {
    let pod = pod_identity(env)?;
    let metadata = match metadata_base(env)? {
        Some(base) => {
            fetch_temporary(
                TemporarySource::Metadata { base },
                CredentialSource::Metadata,
                None,
            )
            .await
        }
        None => Err(TemporaryError::Unreachable),
    };
    match metadata {
        Ok(found) => return Ok(Some(found)),
        Err(TemporaryError::Unreachable | TemporaryError::Status(_)) => {}
        Err(_) if pod.is_some() => {}
        Err(why) => {
            return Err(ConfigError::Credentials(Problem::Temporary {
                source: CredentialSource::Metadata,
                why,
            }));
        }
    }
    let Some(pod) = pod else {
        return Ok(None);
    };
    fetch_temporary(pod, CredentialSource::PodIdentity, None)
        .await
        .map(Some)
        .map_err(|why| {
            ConfigError::Credentials(Problem::Temporary {
                source: CredentialSource::PodIdentity,
                why,
            })
        })
}

//! The credentials a request is authenticated with, and where they came from.
//! Secrets live in [`SecretString`]: `Debug` and `Display` never show them, and they are read only where a
//! header or signature is made.

use std::fmt;
use std::path::PathBuf;

use reqwest::Url;

use secrecy::{ExposeSecret, SecretString};

/// How requests are authenticated.
#[derive(Clone)]
pub enum Credentials {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(SecretString),
    /// An access key pair, used to sign each request (SDK-HMAC-SHA256).
    AkSk {
        /// Access key id: not a secret, shown to identify the key.
        ak: String,
        /// Secret access key.
        sk: SecretString,
        /// For temporary credentials, sent as `X-Security-Token`.
        security_token: Option<SecretString>,
        /// The account id sent as `X-Domain-Id`; looked up via IAM when absent.
        domain_id: Option<String>,
    },
}

impl Credentials {
    /// Builds token credentials.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(SecretString::from(token.into()))
    }

    /// Builds AK/SK credentials.
    pub fn ak_sk(
        ak: impl Into<String>,
        sk: impl Into<String>,
        security_token: Option<String>,
        domain_id: Option<String>,
    ) -> Self {
        Credentials::AkSk {
            ak: ak.into(),
            sk: SecretString::from(sk.into()),
            security_token: security_token.map(SecretString::from),
            domain_id,
        }
    }

    /// The token's text, for the `X-Auth-Token` header only.
    pub fn expose_token(&self) -> Option<&str> {
        match self {
            Credentials::Token(t) => Some(t.expose_secret()),
            Credentials::AkSk { .. } => None,
        }
    }
}

/// Shows the first 4 and last 4 characters of an access key id, enough to tell keys apart.
pub fn mask_ak(ak: &str) -> String {
    let chars: Vec<char> = ak.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Credentials::Token(<redacted>)"),
            Credentials::AkSk {
                ak,
                security_token,
                domain_id,
                ..
            } => f
                .debug_struct("Credentials::AkSk")
                .field("ak", &mask_ak(ak))
                .field("sk", &"<redacted>")
                .field(
                    "security_token",
                    &security_token.as_ref().map(|_| "<redacted>"),
                )
                .field("domain_id", domain_id)
                .finish(),
        }
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind())
    }
}

/// Where the credentials in use came from; shown on screen and in output so the user knows which account pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    /// `--token-file PATH`.
    TokenFile(PathBuf),
    /// `--token-file -`.
    TokenStdin,
    /// env `HUAWEICLOUD_AUTH_TOKEN`.
    EnvToken,
    /// env `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK`.
    EnvHuaweicloudSdk,
    /// env `CLOUD_SDK_AK` / `CLOUD_SDK_SK`.
    EnvCloudSdk,
    /// The `[global]` section of an SDK credentials file.
    CredentialsFile(PathBuf),
    /// An ECS/BMS agency's temporary credentials, from the metadata service.
    Metadata,
    /// A CCE pod's identity (`HC_CONTAINER_CREDENTIALS_FULL_URI`).
    PodIdentity,
    /// A KooCLI (`hcloud`) profile of `~/.hcloud/config.json`, by name.
    KooCli(String),
    /// The built-in sandbox's own credentials.
    Sandbox,
    /// None found: only a `--dry-run` goes on without credentials, showing a placeholder.
    Missing,
}

/// Credentials together with their source.
#[derive(Debug, Clone)]
pub struct ResolvedCredentials {
    /// The credentials requests are signed with (never shown: Debug and Display redact them).
    pub credentials: Credentials,
    /// Where they came from.
    pub source: CredentialSource,
    /// For temporary credentials (metadata, pod identity): where to fetch fresh ones and when these
    /// expire; the transport refreshes them before each request that needs it.
    pub temporary: Option<Refreshable>,
}

/// Temporary credentials' origin and expiry, so the transport can fetch fresh ones in time.
#[derive(Debug, Clone)]
pub struct Refreshable {
    /// Where they came from (fetched again from there).
    pub from: TemporarySource,
    /// When the current ones expire (UTC).
    pub expires_at: time::OffsetDateTime,
}

/// Where temporary credentials come from, kept so they can be fetched again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemporarySource {
    /// The ECS/BMS metadata service at `base` (default `http://169.254.169.254`).
    Metadata {
        /// Scheme, host and port of the service.
        base: Url,
    },
    /// CCE pod identity: `POST uri` with the token file's content as `Authorization`.
    PodIdentity {
        /// `HC_CONTAINER_CREDENTIALS_FULL_URI`.
        uri: Url,
        /// `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read afresh each time: the platform rotates it).
        token_file: PathBuf,
    },
}

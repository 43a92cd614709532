//! KooCLI (`hcloud`) profiles in `~/.hcloud/config.json` (LIFECYCLE.md §4.3): region, account id and
//! project id are read freely; AK/SK and a security token only when KooCLI stored them in plain text
//! (`hcloud configure set --cli-auth-encrypt=false`). pca-order never writes the file.
//!
//! Telling encrypted from plain text is our rule (KooCLI's cipher format is not public): a plain access
//! key id is 10–32 upper-case letters and digits, a plain secret key 20–64 letters and digits, as Huawei
//! Cloud issues them; a value of any other shape is taken as KooCLI's ciphertext, and the user is told to
//! store the profile in plain text or use another source, rather than sending a request the server
//! would refuse as a bad signature.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{
    ConfigError, EnvLookup, IoWhy, Problem, Where, check_domain_id, check_secret, home_dir, io_why,
    open_regular, read_capped,
};
use crate::api::credentials::Credentials;

/// The KooCLI setting that stores a profile's keys in plain text.
pub const KOOCLI_PLAINTEXT_SETTING: &str = "hcloud configure set --cli-auth-encrypt=false";
/// A KooCLI file larger than this is not a KooCLI file (ours).
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// What a profile authenticates with.
#[derive(Debug, Clone)]
pub enum ProfileAuth {
    /// Plain-text AK/SK (and security token); Debug redacts them.
    Keys(Credentials),
    /// `mode: ecsAgency`: the ECS agency's temporary credentials, from the metadata service.
    EcsAgency,
}

/// One KooCLI profile, as pca-order uses it.
#[derive(Debug, Clone)]
pub struct KooCliProfile {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its name (shown as the credential source).
    pub name: String,
    /// `region`, when set: used when neither `--region` nor `HUAWEICLOUD_SDK_REGION` is.
    pub region: Option<String>,
    /// `projectId`, when set.
    pub project_id: Option<String>,
    /// `domainId`, when set: the account id signatures carry (else looked up).
    pub domain_id: Option<String>,
    /// How it authenticates.
    pub auth: ProfileAuth,
}

#[derive(Deserialize, Default)]
struct File {
    #[serde(default)]
    current: Option<String>,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Profile {
    name: String,
    mode: String,
    access_key_id: String,
    secret_access_key: String,
    security_token: String,
    region: String,
    project_id: String,
    domain_id: String,
    sso_auth: Option<SsoAuth>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SsoAuth {
    sts_token: Option<StsToken>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct StsToken {
    access_key_id: String,
    secret_access_key: String,
    security_token: String,
}

/// `~/.hcloud/config.json` (KooCLI has no variable to move it).
pub fn koocli_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    home_dir(env).map(|h| h.join(".hcloud").join("config.json"))
}

/// Whether `ak` looks like a plain-text access key id (ours: 10–32 upper-case letters and digits).
pub fn plain_ak(ak: &str) -> bool {
    (10..=32).contains(&ak.len())
        && ak
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Whether `sk` looks like a plain-text secret key (ours: 20–64 letters and digits).
pub fn plain_sk(sk: &str) -> bool {
    (20..=64).contains(&sk.len()) && sk.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Loads the profile `name` (`--profile`), or the file's `current` when `name` is `None`. Without a
/// name, a missing file or one without `current` is `Ok(None)` (the next source is tried); with one,
/// both are errors naming what exists.
pub fn load_profile(
    env: EnvLookup<'_>,
    name: Option<&str>,
) -> Result<Option<KooCliProfile>, ConfigError> {
    let Some(path) = koocli_path(env) else {
        return match name {
            Some(name) => Err(ConfigError::Credentials(Problem::KooCliNoProfile {
                path: "~/.hcloud/config.json".to_string(),
                name: name.to_string(),
                known: String::new(),
            })),
            None => Ok(None),
        };
    };
    let at = || Where::File {
        path: path.display().to_string(),
        key: "",
    };
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(_) if name.is_none() => return Ok(None),
        Err(_) => {
            return Err(ConfigError::Credentials(Problem::KooCliNoProfile {
                path: path.display().to_string(),
                name: name.unwrap_or_default().to_string(),
                known: String::new(),
            }));
        }
    };
    {
        use std::os::unix::fs::PermissionsExt;
        // Ours: a file anyone may write could hold anyone's keys.
        if meta.is_file() && meta.permissions().mode() & 0o002 != 0 {
            return Err(ConfigError::Credentials(Problem::Unreadable {
                at: at(),
                why: IoWhy::WritableByOthers,
            }));
        }
    }
    let text = open_regular(&path)
        .and_then(|mut f| read_capped(&mut f, MAX_FILE_BYTES))
        .map_err(|e| {
            ConfigError::Credentials(Problem::Unreadable {
                at: at(),
                why: io_why(&e),
            })
        })?;
    parse_profile(&path, &text, name)
}

/// Picks and reads a profile from the file's text (see [`load_profile`]).
pub fn parse_profile(
    path: &Path,
    text: &str,
    name: Option<&str>,
) -> Result<Option<KooCliProfile>, ConfigError> {
    let shown = path.display().to_string();
    let file: File =
        serde_json::from_str(text.strip_prefix('\u{FEFF}').unwrap_or(text)).map_err(|e| {
            ConfigError::Credentials(Problem::KooCliNotJson {
                path: shown.clone(),
                detail: e.to_string(),
            })
        })?;
    let wanted = match name {
        Some(n) => n.to_string(),
        None => match file.current.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => c.to_string(),
            _ => return Ok(None),
        },
    };
    let Some(profile) = file.profiles.iter().find(|p| p.name == wanted) else {
        let known: Vec<String> = file
            .profiles
            .iter()
            .map(|p| crate::sanitize::clean(&p.name))
            .collect();
        return Err(ConfigError::Credentials(Problem::KooCliNoProfile {
            path: shown,
            name: crate::sanitize::clean(&wanted),
            known: known.join(", "),
        }));
    };
    let key = |key| Where::File {
        path: shown.clone(),
        key,
    };
    let some = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let encrypted = || {
        ConfigError::Credentials(Problem::KooCliEncrypted {
            path: shown.clone(),
            name: crate::sanitize::clean(&profile.name),
        })
    };
    let domain_id = some(&profile.domain_id)
        .map(|d| check_domain_id(&d))
        .transpose()
        .map_err(|rule| {
            ConfigError::Credentials(Problem::Value {
                at: key("domainId"),
                shown: None,
                rule,
            })
        })?;
    let keys = |ak: &str, sk: &str, token: &str| -> Result<ProfileAuth, ConfigError> {
        let (ak, sk) = (ak.trim(), sk.trim());
        if ak.is_empty() && sk.is_empty() {
            return Err(ConfigError::Credentials(Problem::KooCliNoKeys {
                path: shown.clone(),
                name: crate::sanitize::clean(&profile.name),
                mode: crate::sanitize::clean(&profile.mode),
            }));
        }
        if !plain_ak(ak) || !plain_sk(sk) {
            return Err(encrypted());
        }
        let sk = check_secret(key("secretAccessKey"), sk)?;
        let token = some(token)
            .map(|t| check_secret(key("securityToken"), &t))
            .transpose()?;
        Ok(ProfileAuth::Keys(Credentials::ak_sk(
            ak,
            sk,
            token,
            domain_id.clone(),
        )))
    };
    let auth = match profile.mode.trim().to_ascii_lowercase().as_str() {
        "ecsagency" => ProfileAuth::EcsAgency,
        "sso" => {
            let sts = profile.sso_auth.as_ref().and_then(|s| s.sts_token.as_ref());
            match sts {
                Some(s) => keys(&s.access_key_id, &s.secret_access_key, &s.security_token)?,
                None => keys("", "", "")?,
            }
        }
        _ => keys(
            &profile.access_key_id,
            &profile.secret_access_key,
            &profile.security_token,
        )?,
    };
    Ok(Some(KooCliProfile {
        path: path.to_path_buf(),
        // Shown on screen and journaled as the source: cleaned like any text from a file.
        name: crate::sanitize::clean(&profile.name),
        region: some(&profile.region),
        project_id: some(&profile.project_id),
        domain_id,
        auth,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_key_shapes_pin_both_sides() {
        assert!(plain_ak("ABCDEFGHIJ"));
        assert!(!plain_ak("ABCDEFGHI"));
        assert!(plain_ak(&"A".repeat(32)));
        assert!(!plain_ak(&"A".repeat(33)));
        assert!(!plain_ak("abcdefghijkl"));
        assert!(!plain_ak("ABCDEFGHIJ+/"));
        assert!(plain_sk(&"a1".repeat(10)));
        assert!(!plain_sk(&"a".repeat(19)));
        assert!(plain_sk(&"a".repeat(64)));
        assert!(!plain_sk(&"a".repeat(65)));
        assert!(!plain_sk("abcdefghijklmnopqrs=="));
    }

    const AK: &str = "HPUAEXAMPLE000000001";
    const SK: &str = "examplesecretkey0000000000000000000000SK";

    fn file(profile: &str) -> String {
        format!(r#"{{"current":"dev","profiles":[{profile},{{"name":"other","mode":"AKSK"}}]}}"#)
    }

    #[test]
    fn reads_a_plain_profile_and_the_current_one() {
        let text = file(&format!(
            r#"{{"name":"dev","mode":"AKSK","accessKeyId":"{AK}","secretAccessKey":"{SK}","region":"ap-southeast-3","projectId":"p1","domainId":"d0123"}}"#
        ));
        let p = parse_profile(Path::new("/h/.hcloud/config.json"), &text, None)
            .expect("ok")
            .expect("current");
        assert_eq!(p.name, "dev");
        assert_eq!(p.region.as_deref(), Some("ap-southeast-3"));
        assert_eq!(p.project_id.as_deref(), Some("p1"));
        match p.auth {
            ProfileAuth::Keys(Credentials::AkSk { ak, domain_id, .. }) => {
                assert_eq!(ak, AK);
                assert_eq!(domain_id.as_deref(), Some("d0123"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_encrypted_profile_is_named_as_such() {
        let text = file(
            r#"{"name":"dev","mode":"AKSK","accessKeyId":"q8Zk3m+Vd0b1XlRr2w==","secretAccessKey":"Zm9vYmFyYmF6cXV4cXV1eA0KZm9vYmFy"}"#,
        );
        let e = parse_profile(Path::new("/c.json"), &text, Some("dev")).expect_err("encrypted");
        assert!(matches!(
            e,
            ConfigError::Credentials(Problem::KooCliEncrypted { .. })
        ));
    }

    #[test]
    fn a_missing_name_lists_the_names() {
        let text = file(r#"{"name":"dev","mode":"ecsAgency"}"#);
        match parse_profile(Path::new("/c.json"), &text, Some("prod")) {
            Err(ConfigError::Credentials(Problem::KooCliNoProfile { name, known, .. })) => {
                assert_eq!(name, "prod");
                assert_eq!(known, "dev, other");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn agency_mode_and_no_current() {
        let text = file(r#"{"name":"dev","mode":"ecsAgency","region":"cn-north-4"}"#);
        let p = parse_profile(Path::new("/c.json"), &text, None)
            .expect("ok")
            .expect("some");
        assert!(matches!(p.auth, ProfileAuth::EcsAgency));
        let none = parse_profile(Path::new("/c.json"), r#"{"profiles":[]}"#, None).expect("ok");
        assert!(none.is_none());
        // An empty `current` names no profile: the next source is tried.
        let blank = parse_profile(
            Path::new("/c.json"),
            r#"{"current":" ","profiles":[{"name":""}]}"#,
            None,
        )
        .expect("ok");
        assert!(blank.is_none());
        let e = parse_profile(Path::new("/c.json"), &file(r#"{"name":"dev"}"#), None);
        assert!(matches!(
            e,
            Err(ConfigError::Credentials(Problem::KooCliNoKeys { .. }))
        ));
        assert!(matches!(
            parse_profile(Path::new("/c.json"), "{not json", None),
            Err(ConfigError::Credentials(Problem::KooCliNotJson { .. }))
        ));
    }

    #[test]
    fn sso_profiles_use_their_sts_token() {
        let text = file(&format!(
            r#"{{"name":"dev","mode":"SSO","ssoAuth":{{"stsToken":{{"accessKeyId":"{AK}","secretAccessKey":"{SK}","securityToken":"tok"}}}}}}"#
        ));
        let p = parse_profile(Path::new("/c.json"), &text, Some("dev"))
            .expect("ok")
            .expect("some");
        assert!(matches!(
            p.auth,
            ProfileAuth::Keys(Credentials::AkSk {
                security_token: Some(_),
                ..
            })
        ));
    }
}

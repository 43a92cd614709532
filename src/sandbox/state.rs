//! What one sandbox instance remembers: the CAs it sold and the tokens it issued, plus the fixed enterprise
//! projects. Per server instance, so parallel tests never see each other's orders.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::SandboxConfig;
use super::orders::OrderRecord;
use crate::activation::rules::ActivateRequest;

/// The enterprise projects every sandbox offers (EPS fixture data).
const PROJECTS_JSON: &str = include_str!("../../assets/sandbox/enterprise-projects.json");

/// An enterprise project as EPS lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Project {
    pub id: String,
    pub name: String,
    pub description: String,
    /// 1 enabled, 2 disabled.
    pub status: u8,
    pub created_at: String,
    pub updated_at: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// A CA bought through the sandbox.
#[derive(Debug, Clone)]
pub(crate) struct CaRecord {
    pub ca_id: String,
    pub order_id: String,
    pub enterprise_project_id: String,
    /// Unix milliseconds, as CCM reports `create_time`.
    pub create_time: i64,
    /// Set by activation (type, subject, algorithms, serial, validity); `None` while PENDING.
    pub activation: Option<Activation>,
}

/// What activation set on a CA: held here, with the CA it belongs to, so the state needs nothing from
/// the CCM routes (`cas.rs`) that read and write it.
#[derive(Debug, Clone)]
pub(crate) struct Activation {
    pub request: ActivateRequest,
    pub issuer_name: Option<String>,
    pub serial_number: String,
    pub not_before: i64,
    pub not_after: i64,
}

/// Mutable state behind the lock.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// In purchase order.
    pub cas: Vec<CaRecord>,
    /// Every order accepted, in order; BSS reads and moves them.
    pub orders: Vec<OrderRecord>,
    /// Issued IAM tokens and when each expires.
    pub tokens: HashMap<String, OffsetDateTime>,
}

/// Everything a handler needs; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub config: Arc<SandboxConfig>,
    pub projects: Arc<Vec<Project>>,
    state: Arc<Mutex<State>>,
}

impl App {
    /// Loads the fixtures; fails only if the bundled JSON is broken.
    pub fn new(config: SandboxConfig) -> std::io::Result<App> {
        let projects: Vec<Project> = serde_json::from_str(PROJECTS_JSON).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("sandbox enterprise-projects fixture: {e}"),
            )
        })?;
        Ok(App {
            config: Arc::new(config),
            projects: Arc::new(projects),
            state: Arc::new(Mutex::new(State::default())),
        })
    }

    /// The state, even if a previous holder panicked (the data is still consistent: every update is one push
    /// or insert).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// 32 lowercase hex characters: request ids, trace ids.
pub(crate) fn hex_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// `n` random characters from `A-Z0-9`, for order ids.
pub(crate) fn upper_alnum(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut out = String::with_capacity(n);
    while out.len() < n {
        // Bytes 6 and 8 carry the UUID version and variant bits: not random, so skipped.
        for (i, b) in uuid::Uuid::new_v4().into_bytes().into_iter().enumerate() {
            if out.len() == n {
                break;
            }
            if i == 6 || i == 8 {
                continue;
            }
            // 252 = 7 * 36: drop the top values so every character is equally likely.
            if b < 252 {
                out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_parse_and_hold_default_chinese_and_disabled_projects() {
        let app = App::new(SandboxConfig::default()).expect("fixtures");
        assert!(
            app.projects
                .iter()
                .any(|p| p.id == "0" && p.name == "default")
        );
        assert!(app.projects.iter().any(|p| p.name == "生产环境"));
        assert!(app.projects.iter().any(|p| p.status == 2));
        for p in app.projects.iter().filter(|p| p.id != "0") {
            assert!(crate::order::validate::is_uuid(&p.id), "{}", p.id);
        }
    }

    #[test]
    fn upper_alnum_has_the_asked_length_and_alphabet() {
        let s = upper_alnum(5);
        assert_eq!(s.len(), 5);
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        );
    }
}

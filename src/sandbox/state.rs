//! What one sandbox instance remembers: the CAs it sold and the tokens it issued, plus the fixed enterprise
//! projects. In memory per server instance (parallel tests never see each other's orders), or, with a
//! state file (`SandboxConfig::state_file`), the orders and CAs live on disk and every request reads them
//! there under a lock, so separate processes share one pretend account (`store.rs`).

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::StatusCode;
use axum::response::Response;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::SandboxConfig;
use super::orders::OrderRecord;
use super::records::CaRecord;
use super::store::{Locked, Store, StoreError};

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

#[derive(Debug, Default)]
pub(crate) struct State {
    /// In purchase order.
    pub cas: Vec<CaRecord>,
    /// Every order accepted, in order; BSS reads and moves them.
    pub orders: Vec<OrderRecord>,
}

/// Everything a handler needs; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub config: Arc<SandboxConfig>,
    pub projects: Arc<Vec<Project>>,
    state: Arc<Mutex<State>>,
    /// Issued IAM tokens and when each expires: per process, never written to disk.
    tokens: Arc<Mutex<HashMap<String, OffsetDateTime>>>,
    /// Temporary keys its metadata and pod identity endpoints issued, by access key id; and the
    /// metadata session tokens it issued. Per process, never written to disk.
    issued: Arc<Mutex<Issued>>,
    store: Option<Arc<Store>>,
}

/// A temporary key the sandbox issued: signatures with its AK are checked with its SK, and must carry
/// its security token before it expires.
#[derive(Debug, Clone)]
pub(crate) struct TemporaryKey {
    pub sk: String,
    pub security_token: String,
    pub expires: OffsetDateTime,
}

/// What the identity endpoints issued.
#[derive(Debug, Default)]
pub(crate) struct Issued {
    pub keys: HashMap<String, TemporaryKey>,
    pub metadata_tokens: HashMap<String, OffsetDateTime>,
}

/// The state while a request holds it: with a state file, also the file lock, and the state read from
/// disk; a change is written back when the guard is dropped (or at [`StateGuard::save`], which reports a
/// failure).
pub(crate) struct StateGuard<'a> {
    state: MutexGuard<'a, State>,
    disk: Option<(&'a Store, Locked)>,
}

impl Deref for StateGuard<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}

impl DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

impl StateGuard<'_> {
    /// Writes a change to disk now, so the handler can answer 500 (nothing saved) instead of a success
    /// that did not last. Without a state file there is nothing to do.
    #[allow(clippy::result_large_err)] // the error is the answer itself, returned once per request
    pub fn save(&mut self) -> Result<(), Response> {
        let Some((store, locked)) = self.disk.as_mut() else {
            return Ok(());
        };
        store
            .save(locked, &self.state.orders, &self.state.cas)
            .map_err(|e| store_failure(&e))
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        if let Some((store, locked)) = self.disk.as_mut()
            && let Err(e) = store.save(locked, &self.state.orders, &self.state.cas)
        {
            eprintln!("sandbox: {e}");
        }
    }
}

/// The answer when the state file cannot be read or written: a 500 that says why (the real service has no
/// such case; the words are ours).
fn store_failure(e: &StoreError) -> Response {
    super::reply::ccm(
        StatusCode::INTERNAL_SERVER_ERROR,
        "PCA.10010000",
        &format!("(sandbox) {e}"),
    )
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
        let store = config.state_file.clone().map(|p| Arc::new(Store::new(p)));
        Ok(App {
            config: Arc::new(config),
            projects: Arc::new(projects),
            state: Arc::new(Mutex::new(State::default())),
            tokens: Arc::new(Mutex::new(HashMap::new())),
            issued: Arc::new(Mutex::new(Issued::default())),
            store,
        })
    }

    /// The state, even if a previous holder panicked (the data is still consistent: every update is one push
    /// or insert). With a state file: locked and read from disk first (a 500 answer if it cannot be).
    #[allow(clippy::result_large_err)] // the error is the answer itself, returned once per request
    pub fn state(&self) -> Result<StateGuard<'_>, Response> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let disk = match &self.store {
            None => None,
            Some(store) => {
                let (locked, account) = store.open().map_err(|e| store_failure(&e))?;
                state.orders = account.orders;
                state.cas = account.cas;
                Some((store.as_ref(), locked))
            }
        };
        Ok(StateGuard { state, disk })
    }

    /// The temporary keys and metadata session tokens this process issued.
    pub fn issued(&self) -> MutexGuard<'_, Issued> {
        self.issued
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The tokens this process issued.
    pub fn tokens(&self) -> MutexGuard<'_, HashMap<String, OffsetDateTime>> {
        self.tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
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
}

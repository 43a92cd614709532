//! The sandbox's state on disk, so separate `--sandbox` commands (and a standalone `pca-order sandbox`)
//! see one pretend account: the orders it accepted and the CAs it sold. Tokens it issued stay in memory.
//!
//! Every request that reads or changes the state holds an exclusive `flock` on a lock file beside it, reads
//! the file, and (when something changed) writes a new one through a temp file renamed over it, so several
//! processes at once never lose an update and a crash never leaves half a file. Files are the user's own,
//! mode 0600, never opened through a symlink. A damaged file is reported, never silently replaced.
//! Times are stored as timestamps (Unix milliseconds): an order progresses by the clock, whichever process
//! reads it later. The format is ours (`version` 1), not an API's.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use super::directives::BssFaults;
use super::issue::Issued;
use super::orders::{OrderRecord, Stage};
use super::records::{Activation, CaRecord, Imported, SavedSubject};
use crate::activation::rules::{self, Site};
use crate::activation::subordinate::wire_save_subject;

/// The largest state file read (a pretend account of a few thousand orders is far below it).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why the state could not be read or written: data, worded by the catalog for the user.
#[derive(Debug)]
pub enum StoreError {
    /// The file exists but is not a state file this version can read; it is left as it is.
    Damaged {
        /// The state file.
        path: PathBuf,
        /// What is wrong (the parser's words).
        detail: String,
    },
    /// The file (or its lock) could not be opened, read or written.
    Io {
        /// The state file.
        path: PathBuf,
        /// The system's error.
        error: io::Error,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Damaged { path, detail } => write!(
                f,
                "the sandbox state file {} is damaged ({detail}); it was left as it is: move it away, or \
                 start over with `pca-order sandbox --reset`",
                path.display()
            ),
            StoreError::Io { path, error } => {
                write!(f, "the sandbox state file {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// The configuration problem it is, for the catalog to word (nothing was sent: exit 5).
    pub fn problem(&self) -> crate::config::ConfigError {
        let (path, damaged, detail) = match self {
            StoreError::Damaged { path, detail } => (path, true, detail.clone()),
            StoreError::Io { path, error } => (path, false, error.to_string()),
        };
        crate::config::ConfigError::Credentials(crate::config::Problem::SandboxState {
            path: path.display().to_string(),
            damaged,
            detail,
        })
    }
}

/// The file's contents: what a pretend account holds.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    version: u32,
    orders: Vec<StoredOrder>,
    cas: Vec<StoredCa>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredOrder {
    order_id: String,
    created_ms: i64,
    period_type: u8,
    period_num: u64,
    subscription_num: u64,
    /// `pending_payment`, `processing` or `cancelled`.
    stage: String,
    /// When it was paid (processing) or cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stage_ms: Option<i64>,
    #[serde(default)]
    faults: StoredFaults,
    /// BSS `order_type` (absent in files written before renewals: 1, a purchase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order_type: Option<u8>,
    /// A renewal's CA ids (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    resource_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredFaults {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pay_status: Option<u16>,
    #[serde(default)]
    pay_drop: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pay_delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cancel_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    details_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_in_days: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    renew_unsupported: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renew_rate_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renew_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renew_delay_ms: Option<u64>,
    /// Lifecycle faults (absent in files written before them: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    autorenew_status: Option<u16>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    autorenew_200: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unsubscribe_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refund_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifecycle_delay_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCa {
    ca_id: String,
    order_id: String,
    enterprise_project_id: String,
    create_time: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    activation: Option<StoredActivation>,
    /// A bought subordinate's saved subject (issue 21); absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<StoredSubject>,
    /// The certificate imported for it (issue 21); absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    imported: Option<StoredImport>,
    /// Absent in files written before subscriptions were kept: off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    auto_renew: bool,
    /// Absent in files written before unsubscribe: not closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closed_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cut_renewals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    refunds: Vec<StoredRefund>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredRefund {
    order_id: String,
    amount: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredSubject {
    /// The save-subject body as accepted (its wire JSON), read back through the same rules.
    request: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    faults: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredImport {
    certificate: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chain: Option<String>,
    serial_number: String,
    issuer_name: String,
    not_before: i64,
    not_after: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_length: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredActivation {
    /// The activate body as it was accepted (its wire JSON), read back through the same rules.
    request: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issuer_name: Option<String>,
    serial_number: String,
    not_before: i64,
    not_after: i64,
    /// The CA's private key (PKCS#8 PEM). Absent in files written before certificates were issued
    /// (issue 21): such a CA gets its certificate when it is first exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    /// The CA's certificate (PEM), absent with its key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    certificate: Option<String>,
    /// Fault words kept for the CA's export; absent when none (and in files written before them).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    export_faults: String,
}

fn to_ms(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn from_ms(ms: i64) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|e| format!("time {ms}: {e}"))
}

fn status(code: Option<u16>) -> Result<Option<StatusCode>, String> {
    code.map(|c| StatusCode::from_u16(c).map_err(|e| format!("status {c}: {e}")))
        .transpose()
}

impl StoredOrder {
    fn from_record(o: &OrderRecord) -> StoredOrder {
        let (stage, stage_ms) = match o.stage {
            Stage::PendingPayment => ("pending_payment", None),
            Stage::Processing { paid_at } => ("processing", Some(to_ms(paid_at))),
            Stage::Cancelled { at } => ("cancelled", Some(to_ms(at))),
        };
        StoredOrder {
            order_id: o.order_id.clone(),
            created_ms: to_ms(o.created),
            period_type: o.period_type,
            period_num: o.period_num,
            subscription_num: o.subscription_num,
            stage: stage.to_string(),
            stage_ms,
            faults: StoredFaults {
                pay_status: o.faults.pay_status.map(|s| s.as_u16()),
                pay_drop: o.faults.pay_drop,
                pay_delay_ms: o
                    .faults
                    .pay_delay
                    .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
                cancel_status: o.faults.cancel_status.map(|s| s.as_u16()),
                details_status: o.faults.details_status.map(|s| s.as_u16()),
                expires_in_days: o.faults.expires_in_days,
                renew_unsupported: o.faults.renew_unsupported,
                renew_rate_status: o.faults.renew_rate_status.map(|s| s.as_u16()),
                renew_status: o.faults.renew_status.map(|s| s.as_u16()),
                renew_delay_ms: o
                    .faults
                    .renew_delay
                    .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
                autorenew_status: o.faults.lifecycle.autorenew_status.map(|s| s.as_u16()),
                autorenew_200: o.faults.lifecycle.autorenew_200,
                unsubscribe_status: o.faults.lifecycle.unsubscribe_status.map(|s| s.as_u16()),
                refund_status: o.faults.lifecycle.refund_status.map(|s| s.as_u16()),
                lifecycle_delay_ms: o
                    .faults
                    .lifecycle
                    .delay
                    .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            },
            order_type: Some(o.order_type),
            resource_ids: o.resource_ids.clone(),
        }
    }

    fn into_record(self) -> Result<OrderRecord, String> {
        let at = || {
            self.stage_ms
                .ok_or_else(|| format!("order {}: stage_ms missing", self.order_id))
                .and_then(from_ms)
        };
        let stage = match self.stage.as_str() {
            "pending_payment" => Stage::PendingPayment,
            "processing" => Stage::Processing { paid_at: at()? },
            "cancelled" => Stage::Cancelled { at: at()? },
            other => return Err(format!("order {}: unknown stage {other:?}", self.order_id)),
        };
        Ok(OrderRecord {
            created: from_ms(self.created_ms)?,
            period_type: self.period_type,
            period_num: self.period_num,
            subscription_num: self.subscription_num,
            stage,
            faults: BssFaults {
                pay_status: status(self.faults.pay_status)?,
                pay_drop: self.faults.pay_drop,
                pay_delay: self.faults.pay_delay_ms.map(Duration::from_millis),
                cancel_status: status(self.faults.cancel_status)?,
                details_status: status(self.faults.details_status)?,
                expires_in_days: self.faults.expires_in_days,
                renew_unsupported: self.faults.renew_unsupported,
                renew_rate_status: status(self.faults.renew_rate_status)?,
                renew_status: status(self.faults.renew_status)?,
                renew_delay: self.faults.renew_delay_ms.map(Duration::from_millis),
                lifecycle: super::directives::LifecycleFaults {
                    autorenew_status: status(self.faults.autorenew_status)?,
                    autorenew_200: self.faults.autorenew_200,
                    unsubscribe_status: status(self.faults.unsubscribe_status)?,
                    refund_status: status(self.faults.refund_status)?,
                    delay: self.faults.lifecycle_delay_ms.map(Duration::from_millis),
                },
            },
            order_type: self
                .order_type
                .unwrap_or(super::orders::order_type::PURCHASE),
            resource_ids: self.resource_ids,
            order_id: self.order_id,
        })
    }
}

impl StoredCa {
    fn from_record(ca: &CaRecord) -> Result<StoredCa, String> {
        let activation = match &ca.activation {
            None => None,
            Some(a) => Some(StoredActivation {
                request: serde_json::to_value(&a.request).map_err(|e| e.to_string())?,
                issuer_name: a.issuer_name.clone(),
                serial_number: a.serial_number.clone(),
                not_before: a.not_before,
                not_after: a.not_after,
                key: a.issued.as_ref().map(|i| i.key_pem.clone()),
                certificate: a.issued.as_ref().map(|i| i.certificate_pem.clone()),
                export_faults: a.export_faults.clone(),
            }),
        };
        Ok(StoredCa {
            ca_id: ca.ca_id.clone(),
            order_id: ca.order_id.clone(),
            enterprise_project_id: ca.enterprise_project_id.clone(),
            create_time: ca.create_time,
            activation,
            subject: ca.subject.as_ref().map(|s| StoredSubject {
                request: s.request.to_value(),
                key: s.key_pem.clone(),
                faults: s.faults.clone(),
            }),
            imported: ca.imported.as_ref().map(|i| StoredImport {
                certificate: i.certificate_pem.clone(),
                chain: i.chain_pem.clone(),
                serial_number: i.serial_number.clone(),
                issuer_name: i.issuer_name.clone(),
                not_before: i.not_before,
                not_after: i.not_after,
                path_length: i.path_length,
            }),
            auto_renew: ca.auto_renew,
            closed_ms: ca.closed_ms,
            cut_renewals: ca.cut_renewals.clone(),
            refunds: ca
                .refunds
                .iter()
                .map(|r| StoredRefund {
                    order_id: r.order_id.clone(),
                    amount: r.amount.clone(),
                })
                .collect(),
        })
    }

    fn into_record(self) -> Result<CaRecord, String> {
        let activation = match self.activation {
            None => None,
            Some(a) => {
                // Read back through the rules it was accepted by, as of when it took effect (a start
                // time that was valid then stays valid).
                let request = rules::wire_body(&self.ca_id, &a.request, Site::China, a.not_before)
                    .map_err(|e| format!("CA {}: {e}", self.ca_id))?;
                Some(Activation {
                    request,
                    issuer_name: a.issuer_name,
                    serial_number: a.serial_number,
                    not_before: a.not_before,
                    not_after: a.not_after,
                    // Both or neither: a key without its certificate (or the reverse) is made anew.
                    issued: match (a.key, a.certificate) {
                        (Some(key_pem), Some(certificate_pem)) => Some(Issued {
                            key_pem,
                            certificate_pem,
                        }),
                        _ => None,
                    },
                    export_faults: a.export_faults,
                })
            }
        };
        let subject = match self.subject {
            None => None,
            Some(s) => {
                let obj = s.request.as_object().cloned().unwrap_or_default();
                let request =
                    wire_save_subject(&obj).map_err(|e| format!("CA {}: {e}", self.ca_id))?;
                Some(SavedSubject {
                    request,
                    key_pem: s.key,
                    faults: s.faults,
                })
            }
        };
        let imported = self.imported.map(|i| Imported {
            certificate_pem: i.certificate,
            chain_pem: i.chain,
            serial_number: i.serial_number,
            issuer_name: i.issuer_name,
            not_before: i.not_before,
            not_after: i.not_after,
            path_length: i.path_length,
        });
        Ok(CaRecord {
            ca_id: self.ca_id,
            order_id: self.order_id,
            enterprise_project_id: self.enterprise_project_id,
            create_time: self.create_time,
            activation,
            subject,
            imported,
            auto_renew: self.auto_renew,
            closed_ms: self.closed_ms,
            cut_renewals: self.cut_renewals,
            refunds: self
                .refunds
                .into_iter()
                .map(|r| super::records::Refund {
                    order_id: r.order_id,
                    amount: r.amount,
                })
                .collect(),
        })
    }
}

/// What a state file holds, in the sandbox's own types.
#[derive(Debug, Default, Clone)]
pub(crate) struct Account {
    /// Every order accepted, in order.
    pub orders: Vec<OrderRecord>,
    /// Every CA sold, in purchase order.
    pub cas: Vec<CaRecord>,
}

/// The text a state file holds for `account` (one JSON document, a newline at the end).
fn encode(orders: &[OrderRecord], cas: &[CaRecord]) -> Result<Vec<u8>, String> {
    let stored = Stored {
        version: 1,
        orders: orders.iter().map(StoredOrder::from_record).collect(),
        cas: cas
            .iter()
            .map(StoredCa::from_record)
            .collect::<Result<_, _>>()?,
    };
    let mut bytes = serde_json::to_vec_pretty(&stored).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The account a state file's bytes describe, or what is wrong with them.
fn decode(bytes: &[u8]) -> Result<Account, String> {
    let stored: Stored = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if stored.version != 1 {
        return Err(format!("version {} is not 1", stored.version));
    }
    Ok(Account {
        orders: stored
            .orders
            .into_iter()
            .map(StoredOrder::into_record)
            .collect::<Result<_, _>>()?,
        cas: stored
            .cas
            .into_iter()
            .map(StoredCa::into_record)
            .collect::<Result<_, _>>()?,
    })
}

/// Flags for every open: never through a symlink, never blocking on a FIFO (the type is checked next).
const OPEN_FLAGS: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;

/// A state file on disk and the lock file beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
}

/// The exclusive lock on a store, held while a request reads and writes it; released on drop (the
/// kernel also releases it if the process dies).
#[derive(Debug)]
pub(crate) struct Locked {
    _lock: fs::File,
    /// The bytes read, so an unchanged state is not written again.
    read: Vec<u8>,
}

impl Store {
    /// A store at `path` (created when first written).
    pub fn new(path: PathBuf) -> Store {
        Store { path }
    }

    /// The state file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, error: io::Error) -> StoreError {
        StoreError::Io {
            path: self.path.clone(),
            error,
        }
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    fn dir(&self) -> Option<&Path> {
        self.path.parent().filter(|d| !d.as_os_str().is_empty())
    }

    /// Takes the exclusive lock (waiting for another process's request to finish), creating the
    /// directory (0700) and lock file (0600) if needed.
    fn lock(&self) -> Result<fs::File, StoreError> {
        if let Some(dir) = self.dir()
            && !dir.exists()
        {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| self.io(e))?;
        }
        let lock_path = self.lock_path();
        // What is wrong with the lock file is said of the lock file, not of the state beside it.
        let lock_error = |error| StoreError::Io {
            path: lock_path.clone(),
            error,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(OPEN_FLAGS)
            .open(&lock_path)
            .map_err(|e| lock_error(explain(&lock_path, e)))?;
        check_regular(&file, &lock_path).map_err(lock_error)?;
        loop {
            // SAFETY: flock on a descriptor this function owns; no memory is passed.
            let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
            if rc == 0 {
                return Ok(file);
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(lock_error(e));
            }
        }
    }

    /// The file's bytes (empty when there is none yet).
    fn read_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let file = match OpenOptions::new()
            .read(true)
            .custom_flags(OPEN_FLAGS)
            .open(&self.path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(explain(&self.path, e))),
        };
        check_regular(&file, &self.path).map_err(|e| self.io(e))?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.io(e))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: format!("larger than {MAX_BYTES} bytes"),
            });
        }
        Ok(bytes)
    }

    /// Locks the store and reads the account (empty if there is no file yet). The lock is held until
    /// the returned [`Locked`] is dropped.
    pub(crate) fn open(&self) -> Result<(Locked, Account), StoreError> {
        let lock = self.lock()?;
        let read = self.read_bytes()?;
        let account = if read.is_empty() {
            Account::default()
        } else {
            decode(&read).map_err(|detail| StoreError::Damaged {
                path: self.path.clone(),
                detail,
            })?
        };
        Ok((Locked { _lock: lock, read }, account))
    }

    /// Writes the account if it differs from what was read under `locked`: a temp file beside the state
    /// (0600, created new), synced, then renamed over it (a symlink at the path is replaced, not followed).
    pub(crate) fn save(
        &self,
        locked: &mut Locked,
        orders: &[OrderRecord],
        cas: &[CaRecord],
    ) -> Result<(), StoreError> {
        let bytes = encode(orders, cas).map_err(|detail| StoreError::Damaged {
            path: self.path.clone(),
            detail,
        })?;
        let nothing_yet = locked.read.is_empty() && orders.is_empty() && cas.is_empty();
        if bytes == locked.read || nothing_yet {
            return Ok(());
        }
        let mut tmp_name = self.path.as_os_str().to_owned();
        tmp_name.push(format!(
            ".tmp-{}-{}",
            std::process::id(),
            super::records::hex_id()
        ));
        let tmp = PathBuf::from(tmp_name);
        let written = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(OPEN_FLAGS)
                .open(&tmp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, &self.path)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(self.io(e));
        }
        if let Some(dir) = self.dir() {
            // Makes the rename durable; the data is already synced, so a failure here loses nothing.
            let _ = fs::File::open(dir).and_then(|d| d.sync_all());
        }
        locked.read = bytes;
        Ok(())
    }

    /// Checks the state can be read (a damaged file is reported before anything is sent).
    pub fn check(&self) -> Result<(), StoreError> {
        self.open().map(|_| ())
    }

    /// Starts the pretend account over: removes the state file under the lock. A symlink at the path is
    /// removed, never followed; anything but a regular file or symlink is refused.
    pub fn reset(&self) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        match fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.io(e)),
            Ok(m) if m.is_file() || m.file_type().is_symlink() => {
                fs::remove_file(&self.path).map_err(|e| self.io(e))
            }
            Ok(m) => Err(self.io(not_regular(&m.file_type()))),
        }
    }
}

fn check_regular(file: &fs::File, path: &Path) -> io::Result<()> {
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if meta.permissions().mode() & 0o022 != 0 {
        return Err(io::Error::other(format!(
            "{} can be written by other users (mode {:04o}); pca-order uses only a file of yours",
            path.display(),
            meta.permissions().mode() & 0o7777
        )));
    }
    Ok(())
}

fn explain(path: &Path, e: io::Error) -> io::Error {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => not_regular(&meta.file_type()),
        _ => e,
    }
}

fn not_regular(kind: &fs::FileType) -> io::Error {
    let what = if kind.is_symlink() {
        "a symbolic link (never followed)"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    };
    io::Error::other(format!(
        "it is {what}; the sandbox keeps its state only in a regular file of yours"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(stage: Stage) -> OrderRecord {
        let now = from_ms(1_800_000_000_123).expect("time");
        let mut o = OrderRecord::new("CS2612070234T4JPR".into(), now, false, 2, 3, 1);
        o.stage = stage;
        o.faults.pay_status = Some(StatusCode::SERVICE_UNAVAILABLE);
        o.faults.pay_delay = Some(Duration::from_millis(1500));
        o
    }

    #[test]
    fn orders_and_their_times_survive_a_round_trip() {
        let paid = from_ms(1_800_000_001_000).expect("time");
        let orders = vec![
            order(Stage::PendingPayment),
            order(Stage::Processing { paid_at: paid }),
            order(Stage::Cancelled { at: paid }),
        ];
        let bytes = encode(&orders, &[]).expect("encode");
        let back = decode(&bytes).expect("decode");
        assert_eq!(back.orders.len(), 3);
        for (a, b) in orders.iter().zip(&back.orders) {
            assert_eq!(a.stage, b.stage);
            assert_eq!(a.created, b.created);
            assert_eq!(a.faults, b.faults);
            assert_eq!(a.order_id, b.order_id);
        }
    }

    #[test]
    fn a_file_from_before_subscriptions_reads_as_purchases_without_auto_renew() {
        let old = br#"{"version":1,"orders":[{"order_id":"CS1","created_ms":0,"period_type":2,"period_num":1,
            "subscription_num":1,"stage":"pending_payment"}],
            "cas":[{"ca_id":"11111111-2222-3333-4444-555555555555","order_id":"CS1","enterprise_project_id":"0","create_time":0}]}"#;
        let a = decode(old).expect("an older file stays readable");
        assert_eq!(a.orders[0].order_type, 1);
        assert!(a.orders[0].resource_ids.is_empty());
        assert_eq!(a.orders[0].faults.expires_in_days, None);
        assert!(!a.cas[0].auto_renew);
        // And what is written now reads back the same.
        let mut renewal = order(Stage::PendingPayment);
        renewal.order_type = 2;
        renewal.resource_ids = vec!["11111111-2222-3333-4444-555555555555".into()];
        renewal.faults.expires_in_days = Some(-2);
        let mut ca = a.cas[0].clone();
        ca.auto_renew = true;
        let back = decode(&encode(&[renewal], &[ca]).expect("encode")).expect("decode");
        assert_eq!(back.orders[0].order_type, 2);
        assert_eq!(back.orders[0].resource_ids.len(), 1);
        assert_eq!(back.orders[0].faults.expires_in_days, Some(-2));
        assert!(back.cas[0].auto_renew);
    }

    #[test]
    fn a_symlink_at_the_lock_names_the_lock_file_not_the_state() {
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("elsewhere");
        fs::write(&target, b"x").expect("write");
        let store = Store::new(dir.path().join("sandbox-state.json"));
        std::os::unix::fs::symlink(&target, store.lock_path()).expect("symlink");
        let e = store
            .check()
            .expect_err("a symlinked lock is refused")
            .to_string();
        assert!(e.contains("sandbox-state.json.lock"), "{e}");
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(fs::read(&target).expect("read"), b"x");
    }

    #[test]
    fn damaged_or_foreign_files_are_errors_not_an_empty_account() {
        for bad in [
            &b"{not json"[..],
            br#"{"version":2,"orders":[],"cas":[]}"#,
            br#"{"version":1,"orders":[{"order_id":"CS1","created_ms":0,"period_type":2,"period_num":1,"subscription_num":1,"stage":"lost"}],"cas":[]}"#,
        ] {
            assert!(decode(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}

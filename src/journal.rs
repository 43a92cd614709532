//! The order journal: an append-only JSON Lines file that keeps every attempt to buy, so an order id is
//! never lost — not even when the process dies mid-request. A `sending` line is on disk (fsync) before
//! the request leaves; the outcome line follows. Never holds a token, SK, signature or password.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::api::error::Outcome;
use crate::order::OrderRequest;

/// The journal file and how to write it.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

/// What is recorded before an order leaves: where it goes and exactly what it asks for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SendingLine {
    /// Ties this line to its outcome line.
    pub attempt_id: String,
    /// Region id.
    pub region: String,
    /// The full order URL.
    pub endpoint: String,
    /// Where the credentials came from (a name, never a secret).
    pub credential_source: String,
    /// Sent to the built-in sandbox: nothing real was bought.
    pub sandbox: bool,
    /// The exact body.
    pub request: OrderRequest,
}

/// One line of the file, as written and read back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Line {
    /// RFC 3339 UTC time of writing.
    pub ts: String,
    /// The attempt this line belongs to.
    pub attempt_id: String,
    /// `sending`, `created`, `rejected`, `unknown` or `not_sent`, with its data.
    #[serde(flatten)]
    pub event: Event,
}

/// What a line records.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Event {
    /// Written and flushed before the request leaves.
    Sending {
        /// Region id.
        region: String,
        /// The full order URL.
        endpoint: String,
        /// Credential source name.
        credential_source: String,
        /// Sandbox or real.
        sandbox: bool,
        /// The exact body.
        request: OrderRequest,
    },
    /// 200 with an order id.
    Created {
        /// The order id.
        order_id: String,
        /// One per CA.
        ca_ids: Vec<String>,
    },
    /// The API answered with an error.
    Rejected {
        /// HTTP status.
        status: u16,
        /// `error_code`.
        error_code: String,
        /// `error_msg`.
        error_msg: String,
        /// `X-Request-Id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// Sent, but no complete answer.
    Unknown {
        /// What happened.
        reason: String,
    },
    /// Failed before leaving.
    NotSent {
        /// What happened.
        reason: String,
    },
}

impl Event {
    /// The event for an outcome.
    pub fn from_outcome(outcome: &Outcome) -> Event {
        match outcome {
            Outcome::Created(c) => Event::Created {
                order_id: c.order_id.clone(),
                ca_ids: c.ca_ids.clone(),
            },
            Outcome::Rejected(e) => Event::Rejected {
                status: e.status,
                error_code: e.code.clone(),
                error_msg: e.message.clone(),
                request_id: e.request_id.clone(),
            },
            Outcome::Unknown(r) => Event::Unknown { reason: r.clone() },
            Outcome::NotSent(r) => Event::NotSent { reason: r.clone() },
        }
    }

    /// The `state` word.
    pub fn state(&self) -> &'static str {
        match self {
            Event::Sending { .. } => "sending",
            Event::Created { .. } => "created",
            Event::Rejected { .. } => "rejected",
            Event::Unknown { .. } => "unknown",
            Event::NotSent { .. } => "not_sent",
        }
    }
}

/// One attempt as read back: its sending line and, if one was written, its outcome.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Attempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// Where and what (`None` if only an outcome line survived).
    pub sending: Option<SendingLine>,
    /// The outcome line's time and event; `None` means the process stopped before an answer: check the console.
    pub outcome: Option<Event>,
}

/// What reading the journal found.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Attempts, oldest first.
    pub attempts: Vec<Attempt>,
    /// Lines that could not be read (damaged or from a future version), by line number.
    pub unreadable_lines: Vec<usize>,
    /// Activation attempts (lines with `"operation":"activate"`), oldest first.
    pub activations: Vec<ActivationAttempt>,
}

/// Which state-changing request a line is about. Order lines carry no `operation` (files written before
/// activation existed read the same); activation lines carry `"operation":"activate"`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// `POST .../{ca_id}/activate`.
    Activate,
}

/// One activation line, as written and read back: the same `attempt_id`/`state` scheme as an order's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ActivationLine {
    /// RFC 3339 UTC time of writing.
    pub ts: String,
    /// Ties the `sending` line to its outcome line.
    pub attempt_id: String,
    /// Always `activate`: tells history this is not an order.
    pub operation: Operation,
    /// The CA being activated.
    pub ca_id: String,
    /// `sending`, `activated`, `rejected`, `unknown` or `not_sent`, with its data.
    #[serde(flatten)]
    pub event: ActivationEvent,
}

/// What an activation line records.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ActivationEvent {
    /// Written and flushed before the request leaves.
    Sending {
        /// Region id.
        region: String,
        /// The full activate URL.
        endpoint: String,
        /// Credential source name.
        credential_source: String,
        /// Sandbox or real.
        sandbox: bool,
        /// The exact body.
        request: serde_json::Value,
    },
    /// 204: the CA was activated.
    Activated,
    /// The API answered 4xx.
    Rejected {
        /// HTTP status.
        status: u16,
        /// `error_code`.
        error_code: String,
        /// `error_msg`.
        error_msg: String,
        /// `X-Request-Id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// Sent, but no complete answer (or a 5xx): the CA may be activated.
    Unknown {
        /// What happened.
        reason: String,
    },
    /// Failed before leaving.
    NotSent {
        /// What happened.
        reason: String,
    },
}

/// One activation attempt as read back.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActivationAttempt {
    /// The attempt id.
    pub attempt_id: String,
    /// When it was sent.
    pub ts: String,
    /// The CA.
    pub ca_id: String,
    /// The `sending` event (`None` if only an outcome line survived).
    pub sending: Option<ActivationEvent>,
    /// The outcome; `None` means the process stopped before an answer: read the CA's status.
    pub outcome: Option<ActivationEvent>,
}

#[derive(Deserialize)]
struct Peek {
    #[serde(default)]
    operation: Option<Operation>,
}

fn now_rfc3339() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

impl History {
    fn add_activation(&mut self, line: ActivationLine) {
        let slot = match self
            .activations
            .iter()
            .position(|a| a.attempt_id == line.attempt_id)
        {
            Some(i) => i,
            None => {
                self.activations.push(ActivationAttempt {
                    attempt_id: line.attempt_id.clone(),
                    ts: line.ts.clone(),
                    ca_id: line.ca_id.clone(),
                    sending: None,
                    outcome: None,
                });
                self.activations.len() - 1
            }
        };
        let a = &mut self.activations[slot];
        match line.event {
            e @ ActivationEvent::Sending { .. } => {
                a.ts = line.ts;
                a.sending = Some(e);
            }
            e => a.outcome = Some(e),
        }
    }
}

impl Journal {
    /// A journal at `path` (created on first write).
    pub fn new(path: PathBuf) -> Self {
        Journal { path }
    }

    /// The file's path, shown to the user after every order.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records that an order is about to leave, and makes sure it is on disk before returning.
    pub fn record_sending(&self, line: &SendingLine) -> io::Result<()> {
        self.append(&Line {
            ts: now_rfc3339(),
            attempt_id: line.attempt_id.clone(),
            event: Event::Sending {
                region: line.region.clone(),
                endpoint: line.endpoint.clone(),
                credential_source: line.credential_source.clone(),
                sandbox: line.sandbox,
                request: line.request.clone(),
            },
        })
    }

    /// Records how an attempt ended.
    pub fn record_outcome(&self, attempt_id: &str, outcome: &Outcome) -> io::Result<()> {
        self.append(&Line {
            ts: now_rfc3339(),
            attempt_id: attempt_id.to_string(),
            event: Event::from_outcome(outcome),
        })
    }

    /// Records an activation line (`sending` before the request leaves, then its outcome), fsynced.
    pub fn record_activation(
        &self,
        attempt_id: &str,
        ca_id: &str,
        event: ActivationEvent,
    ) -> io::Result<()> {
        self.append(&ActivationLine {
            ts: now_rfc3339(),
            attempt_id: attempt_id.to_string(),
            operation: Operation::Activate,
            ca_id: ca_id.to_string(),
            event,
        })
    }

    /// Appends one line: directory 0700 and file 0600 when created, the file tightened to 0600 if it was
    /// wider, one `write` of the whole line, then fsync of the file (and of the directory on creation).
    fn append<T: Serialize>(&self, line: &T) -> io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(io::Error::other)?;
        text.push('\n');
        let created = !self.path.exists();
        if created && let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)?;
        let meta = file.metadata()?;
        if meta.permissions().mode() & 0o077 != 0 {
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if created && let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the new directory entry durable too; a failure here does not lose the line's data.
            let _ = fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// Reads every attempt back, pairing outcome lines with their sending line. A missing file is an
    /// empty history; damaged lines are counted, never fatal.
    pub fn read(&self) -> io::Result<History> {
        let text = match fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(History::default()),
            Err(e) => return Err(e),
        };
        let mut history = History::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (n, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            if let Ok(Peek {
                operation: Some(Operation::Activate),
            }) = serde_json::from_str::<Peek>(raw)
            {
                match serde_json::from_str::<ActivationLine>(raw) {
                    Ok(line) => history.add_activation(line),
                    Err(_) => history.unreadable_lines.push(n + 1),
                }
                continue;
            }
            let Ok(line) = serde_json::from_str::<Line>(raw) else {
                history.unreadable_lines.push(n + 1);
                continue;
            };
            let slot = *index.entry(line.attempt_id.clone()).or_insert_with(|| {
                history.attempts.push(Attempt {
                    attempt_id: line.attempt_id.clone(),
                    ts: line.ts.clone(),
                    sending: None,
                    outcome: None,
                });
                history.attempts.len() - 1
            });
            let attempt = &mut history.attempts[slot];
            match line.event {
                Event::Sending {
                    region,
                    endpoint,
                    credential_source,
                    sandbox,
                    request,
                } => {
                    attempt.ts = line.ts;
                    attempt.sending = Some(SendingLine {
                        attempt_id: line.attempt_id,
                        region,
                        endpoint,
                        credential_source,
                        sandbox,
                        request,
                    });
                }
                event => attempt.outcome = Some(event),
            }
        }
        Ok(history)
    }
}

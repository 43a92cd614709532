//! The wizard's export (issue 21): an activated CA's certificate (and chain) saved as PEM files named
//! after the CA in the current directory, then what was written — where, and the subject, serial,
//! validity and SHA-256 fingerprint read from the certificate itself. Opened from an activation's end
//! or from "My CAs" (list row or detail); Esc goes back to the very screen it came from, as it was.
//!
//! A read: nothing is journaled and nothing changes on the service. Pure like every flow: the runtime
//! reads the CA, asks the export and writes the files ([`ExportEffect::Export`]) through the one safe
//! writer (`crate::save::save_numbered`: never over a file, never through a symlink), and answers with
//! [`ExportMsg::Done`]. "My CAs" offers `e` only for a status that can export; a status that cannot
//! (handed in, or found by the runtime's own read) costs no further call: the screen names the states
//! that can.

use time::OffsetDateTime;

use crate::activation::CaStatus;
use crate::api::CallError;
use crate::save::SaveError;
use crate::tui::keymap::Action;

use super::activation::ActivationFlow;
use super::manage::ManageFlow;

/// What the export needs to know of the CA when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportStart {
    /// The CA to export.
    pub ca_id: String,
    /// Its status as last read: a status that cannot export is said so without a call.
    pub status: CaStatus,
}

/// What was written and what the certificate says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The certificate's file.
    pub certificate: String,
    /// The chain's file (none for a root: CCM sends no chain).
    pub chain: Option<String>,
    /// The name first tried, when a file was already there (it was left alone; the files took the next
    /// free number).
    pub taken: Option<String>,
    /// Subject, as `C=CN, O=…, CN=…`.
    pub subject: String,
    /// Serial number, lowercase hex.
    pub serial: String,
    /// Valid from.
    pub not_before: OffsetDateTime,
    /// Valid until.
    pub not_after: OffsetDateTime,
    /// SHA-256 of the DER, `AB:CD:…`.
    pub sha256: String,
    /// How many issuer certificates the chain holds.
    pub chain_len: usize,
}

/// Why nothing (or not everything) was written.
#[derive(Debug, Clone)]
pub enum ExportFailure {
    /// The CA's status does not allow an export (the word CCM uses).
    NotExportable(String),
    /// The CA could not be read, or the export was refused or is not a certificate.
    Call(CallError),
    /// The answer was fine but the file could not be written.
    Save(SaveError),
}

/// Where the export flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStep {
    /// Reading the CA and its certificate, then writing.
    Exporting,
    /// Written: the result.
    Done,
    /// Not written: why.
    Failed,
}

/// The screen Esc goes back to, kept as it was.
#[derive(Debug, Clone)]
pub enum Back {
    /// "My CAs", its row or detail still shown.
    Manage(Box<ManageFlow>),
    /// The activation's done screen (its outcome still decides the exit code).
    Activation(Box<ActivationFlow>),
}

/// What can happen to the export: keys, and the background work's answer.
#[derive(Debug, Clone)]
pub enum ExportMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// The export ended: written, or why not.
    Done(Result<Saved, ExportFailure>),
}

/// What the export asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEffect {
    /// Read the CA, export its certificate, write it (and the chain) in the current directory; answer
    /// with [`ExportMsg::Done`].
    Export(String),
}

/// What the export asks the wizard besides effects.
#[derive(Debug)]
pub enum ExportHandoff {
    /// Esc: the screen it came from, as it was.
    Back(Back),
}

/// Everything the export knows; the screen reads it, only [`ExportFlow::update`] changes it.
#[derive(Debug, Clone)]
pub struct ExportFlow {
    /// The CA being exported.
    pub ca_id: String,
    /// Where the flow is.
    pub step: ExportStep,
    /// The result, once the work answered (or at once for a status that cannot export).
    pub result: Option<Result<Saved, ExportFailure>>,
    /// Where Esc goes (taken when it does).
    back: Option<Back>,
}

impl ExportFlow {
    /// An export of `start`'s CA, going back to `back`. A status that cannot export is the result at
    /// once: nothing is asked of the service.
    pub fn new(start: ExportStart, back: Back) -> Self {
        let (step, result) = if start.status.can_export() {
            (ExportStep::Exporting, None)
        } else {
            let word = crate::sanitize::clean(start.status.as_str());
            (
                ExportStep::Failed,
                Some(Err(ExportFailure::NotExportable(word))),
            )
        };
        ExportFlow {
            ca_id: start.ca_id,
            step,
            result,
            back: Some(back),
        }
    }

    /// The work to start when the flow opens: the export, unless the status already said no.
    pub fn start_effects(&self) -> Vec<ExportEffect> {
        match self.step {
            ExportStep::Exporting => vec![ExportEffect::Export(self.ca_id.clone())],
            ExportStep::Done | ExportStep::Failed => Vec::new(),
        }
    }

    /// What was written, once it was.
    pub fn saved(&self) -> Option<&Saved> {
        self.result.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// Why not, once that is known.
    pub fn failure(&self) -> Option<&ExportFailure> {
        self.result.as_ref().and_then(|r| r.as_ref().err())
    }

    /// Whether `r` tries again: after a failed call or write, not for a status that cannot export.
    pub fn retryable(&self) -> bool {
        self.step == ExportStep::Failed
            && matches!(
                self.failure(),
                Some(ExportFailure::Call(_) | ExportFailure::Save(_))
            )
    }

    /// Applies one message; returns the work to start and where to go, if anywhere.
    pub fn update(&mut self, msg: ExportMsg) -> (Vec<ExportEffect>, Option<ExportHandoff>) {
        match msg {
            ExportMsg::Done(result) => {
                // An answer nobody waits for changes nothing.
                if self.step == ExportStep::Exporting {
                    self.step = if result.is_ok() {
                        ExportStep::Done
                    } else {
                        ExportStep::Failed
                    };
                    self.result = Some(result);
                }
                (Vec::new(), None)
            }
            // Back, once the work answered (a file may be being written until then).
            ExportMsg::Action(Action::Back) if self.step != ExportStep::Exporting => {
                (Vec::new(), self.back.take().map(ExportHandoff::Back))
            }
            // Again, after a failed call or write (a status that cannot export stays so).
            ExportMsg::Action(Action::Reload) if self.retryable() => {
                self.step = ExportStep::Exporting;
                self.result = None;
                (self.start_effects(), None)
            }
            ExportMsg::Action(_) => (Vec::new(), None),
        }
    }
}

//! Runs the wizard's CSR path (issue 21) as the CLI's `csr` runs it: reads the CA (it must be a PENDING
//! subordinate); when it has no subject saved and the user confirmed, saves the confirmed subject —
//! journaled before it leaves, sent once, never retried (`save_subject_until`, `Kind::SaveSubject`);
//! when it has this very subject saved, skips the save (nothing is sent); when it has another, refuses.
//! Then reads the CSR, checks that it is one and for this subject, and writes `<name>.csr` in `dir`
//! through the one safe writer (`crate::save`: never over a file, never through a symlink). Kept apart
//! from the runtime so it can be tested without a terminal.

use std::path::Path;

use crate::activation::CaStatus;
use crate::activation::subordinate::{
    SaveSubjectRequest, csr_matches, has_saved_subject, saved_is, saved_words,
};
use crate::api::Outcome;
use crate::api::ccm::CcmClient;
use crate::certificate::parse_csr;
use crate::journal::Journal;
use crate::save;

use super::model::csr::{CsrFailure, CsrResult, CsrWritten};

/// Mode of a written CSR: public material, readable by all (as `csr --out`).
const CSR_MODE: u32 = 0o644;

/// Does the work for `request` (saving only when `confirmed`); returns the journal warning of the
/// save, if its outcome could not be journaled, and the result.
pub async fn run(
    ccm: &CcmClient,
    journal: &Journal,
    request: &SaveSubjectRequest,
    confirmed: bool,
    dir: &Path,
) -> (Option<String>, CsrResult) {
    let mut warning = None;
    let mut saved_now = false;
    let mut skipped = false;
    let end = async {
        let ca_id = request.ca_id.as_str();
        let ca = ccm.show_ca(ca_id).await.map_err(CsrFailure::Read)?;
        if ca.status != CaStatus::Pending
            || ca.ca_type.as_deref() == Some("ROOT") && has_saved_subject(&ca)
        {
            return Err(CsrFailure::NotPending(crate::sanitize::clean(
                ca.status.as_str(),
            )));
        }
        if has_saved_subject(&ca) {
            if !saved_is(&ca, request) {
                return Err(CsrFailure::SavedDiffers(saved_words(&ca)));
            }
            skipped = true;
        } else if confirmed {
            let saved = ccm
                .save_subject_until(request, journal, std::future::pending())
                .await;
            warning = saved.journal_warning;
            match saved.outcome {
                Outcome::Done(s) if s.ca_id.eq_ignore_ascii_case(ca_id) => saved_now = true,
                Outcome::Done(s) => {
                    saved_now = true;
                    return Err(CsrFailure::OtherCa(s.ca_id));
                }
                Outcome::Rejected(e) => {
                    saved_now = true;
                    return Err(CsrFailure::Rejected(e));
                }
                Outcome::Unknown(r) => {
                    saved_now = true;
                    return Err(CsrFailure::Unknown(r));
                }
                Outcome::NotSent(r) => return Err(CsrFailure::NotSent(r)),
            }
        } else {
            // Nothing confirmed and nothing saved: the CA changed since it was listed. Never send
            // what was not asked about.
            return Err(CsrFailure::Changed);
        }
        let text = ccm.ca_csr(ca_id).await.map_err(CsrFailure::Read)?;
        let csr = parse_csr(&text).map_err(|e| CsrFailure::BadCsr(e.to_string()))?;
        if !csr_matches(&request.distinguished_name, csr.parts()) {
            return Err(CsrFailure::SubjectDiffers(crate::sanitize::clean(
                csr.subject(),
            )));
        }
        let stem = save::file_stem(Some(&request.distinguished_name.common_name), ca_id);
        let pem = csr.pem();
        let written = save::save_numbered(dir, &stem, &[(".csr", pem.as_bytes())], CSR_MODE)
            .map_err(CsrFailure::Write)?;
        let shown = |p: &Path| crate::sanitize::clean(&p.display().to_string());
        Ok(CsrWritten {
            path: written.paths.first().map(|p| shown(p)).unwrap_or_default(),
            taken: written.taken.as_deref().map(shown),
            subject: crate::sanitize::clean(csr.subject()),
        })
    }
    .await;
    (
        warning,
        CsrResult {
            saved_now,
            skipped,
            end,
        },
    )
}

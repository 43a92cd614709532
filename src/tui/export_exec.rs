//! Runs the wizard's export (issue 21): reads the CA (a status that cannot export costs no export
//! call), exports its certificate (refused unless it is a certificate whose chain links, as for the
//! command line), and writes `<name>.pem` and, when there is a chain, `<name>-chain.pem` in `dir`
//! through the one safe writer (`crate::save`): named from the CA's common name (else its id), never
//! over an existing file (the next free number instead), never through a symlink. A read: nothing is
//! journaled. Kept apart from the runtime so it can be tested without a terminal.

use std::path::Path;

use crate::api::ccm::CcmClient;
use crate::certificate::Certificate;
use crate::save;

use super::model::export::{ExportFailure, Saved};

/// Mode of a written certificate or chain: public material, readable by all (as `export --out`).
const CERT_MODE: u32 = 0o644;

/// Exports `ca_id`'s certificate into `dir`; what was written, or why not.
pub async fn export(ccm: &CcmClient, ca_id: &str, dir: &Path) -> Result<Saved, ExportFailure> {
    let ca = ccm.show_ca(ca_id).await.map_err(ExportFailure::Call)?;
    if !ca.status.can_export() {
        return Err(ExportFailure::NotExportable(crate::sanitize::clean(
            ca.status.as_str(),
        )));
    }
    let exported = ccm.export_ca(ca_id).await.map_err(ExportFailure::Call)?;
    let stem = save::file_stem(ca.subject.common_name.as_deref(), ca_id);
    let cert = exported.certificate.pem();
    let chain: String = exported.chain.iter().map(Certificate::pem).collect();
    let mut files: Vec<(&str, &[u8])> = vec![(".pem", cert.as_bytes())];
    if !chain.is_empty() {
        files.push(("-chain.pem", chain.as_bytes()));
    }
    let written =
        save::save_numbered(dir, &stem, &files, CERT_MODE).map_err(ExportFailure::Save)?;
    let shown = |p: &Path| crate::sanitize::clean(&p.display().to_string());
    let s = exported.certificate.summary();
    Ok(Saved {
        certificate: written.paths.first().map(|p| shown(p)).unwrap_or_default(),
        chain: written.paths.get(1).map(|p| shown(p)),
        taken: written.taken.as_deref().map(shown),
        subject: s.subject.clone(),
        serial: s.serial.clone(),
        not_before: s.not_before,
        not_after: s.not_after,
        sha256: s.sha256.clone(),
        chain_len: exported.chain.len(),
    })
}

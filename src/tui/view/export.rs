//! The export's screen (issue 21): a pure function of the [`ExportFlow`], drawn in the wizard's
//! frame (its header names it, its footer and help come from the keymap's `Export*` contexts). The
//! result names the files written and what the certificate itself says: subject, serial, validity,
//! SHA-256 fingerprint. Every word comes from the catalog.

use ratatui::style::Style;
use ratatui::text::Line;

use super::{Canvas, fit};
use crate::save::SaveError;
use crate::tui::model::export::{ExportFailure, ExportFlow, ExportStep, Saved};

/// Width of the label column: the longest label ("not before", "证书链") fits with its gap.
const LABEL_W: u16 = 14;

/// A certificate time in the reader's zone, as the activation's read-back shows them.
fn when(at: time::OffsetDateTime, local: bool) -> String {
    crate::text::format::millis_in(at.unix_timestamp().saturating_mul(1000), local)
}

/// The flow's screen in the wizard's body.
pub(crate) fn body(flow: &ExportFlow, c: &mut Canvas) {
    let t = c.text;
    c.labelled(
        t.ca_id,
        LABEL_W,
        Line::styled(flow.ca_id.clone(), c.theme.title()),
        false,
    );
    c.gap();
    match (flow.step, &flow.result) {
        (ExportStep::Exporting, _) | (_, None) => {
            c.line(Line::styled(format!("  {}", t.exp_working), c.theme.dim()));
        }
        (_, Some(Ok(saved))) => done(saved, c),
        (_, Some(Err(failure))) => failed(failure, c),
    }
}

fn done(saved: &Saved, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(format!("  {}", t.exp_done), c.theme.ok()));
    c.gap();
    let plain = Style::new();
    let row = |c: &mut Canvas, label: &str, value: String, style: Style| {
        c.labelled(label, LABEL_W, Line::styled(value, style), false);
    };
    row(
        c,
        t.exp_certificate_file,
        saved.certificate.clone(),
        c.theme.title(),
    );
    match &saved.chain {
        Some(chain) => row(c, t.exp_chain_file, chain.clone(), c.theme.title()),
        None => row(
            c,
            t.exp_chain_file,
            t.export_root_no_chain.to_string(),
            c.theme.dim(),
        ),
    }
    if let Some(taken) = &saved.taken {
        let why = t.exp_taken(taken, &saved.certificate);
        c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
    }
    c.gap();
    let local = c.local_times;
    row(c, t.export_subject, fit(&saved.subject, 200), plain);
    row(c, t.ca_serial, saved.serial.clone(), plain);
    row(c, t.ca_not_before, when(saved.not_before, local), plain);
    row(c, t.ca_not_after, when(saved.not_after, local), plain);
    // 32 pairs do not fit 80 columns beside the label: two rows of 16, never cut.
    for (i, half) in fingerprint_rows(&saved.sha256).into_iter().enumerate() {
        let label = if i == 0 { t.export_fingerprint } else { "" };
        row(c, label, half, plain);
    }
    c.gap();
    c.wrapped(2, Line::styled(t.exp_next, c.theme.dim()), 3);
}

/// The fingerprint in rows of at most 16 `AB:` pairs, so all of it shows in the narrowest body.
fn fingerprint_rows(sha256: &str) -> Vec<String> {
    let pairs: Vec<&str> = sha256.split(':').collect();
    let rows: Vec<String> = pairs.chunks(16).map(|c| c.join(":")).collect();
    let last = rows.len().saturating_sub(1);
    // Every row but the last ends with its `:`, so the rows read (and copy) as the one value.
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| if i < last { format!("{r}:") } else { r })
        .collect()
}

fn failed(failure: &ExportFailure, c: &mut Canvas) {
    let t = c.text;
    let why = match failure {
        ExportFailure::NotExportable(status) => t.export_not_exportable(status),
        ExportFailure::Call(e) => t.export_failed(&fit(&t.call_error(e), 300)),
        ExportFailure::Save(SaveError::Exists(p)) => t.exp_all_taken(&p.display().to_string()),
        ExportFailure::Save(e) => t.save_error(e),
    };
    c.line(Line::styled(format!("  {}", t.exp_failed), c.theme.error()));
    c.wrapped(2, Line::styled(why, c.theme.error()), 6);
}

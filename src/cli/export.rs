//! `export CA_ID`: an activated CA's certificate (and chain) as PEM, on stdout or in files. A read:
//! nothing is journaled and nothing changes. The CA is read first, so a CA that cannot export (PENDING,
//! DELETED) is named with the states that can, without asking the export; the answer is refused unless
//! it is a certificate whose chain links (`api::ccm::parse_export`). What is shown about it is read from
//! the certificate itself: subject, issuer, serial, validity and SHA-256 fingerprint.

use serde_json::{Value, json};

use super::args::{ExportArgs, GlobalArgs, Output, RunCommand};
use super::fail::{fail_t, read_failed};
use super::format::rows;
use super::io::Io;
use super::report::{self, Report};
use super::save::{self, SaveError};
use super::target::client_for;
use crate::activation::rules::{self, Field};
use crate::api::ccm::Exported;
use crate::certificate::{Certificate, Link, Summary};
use crate::exit;
use crate::text::Text;

/// Mode of a written certificate or chain: public material, readable by all (ours, as openssl writes).
const CERT_MODE: u32 = 0o644;

/// A save error in the catalog's words.
fn save_words(e: &SaveError, t: &Text) -> String {
    t.save_error(e)
}

fn time_text(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// One certificate's summary in JSON (times RFC 3339 UTC).
fn summary_json(s: &Summary) -> Value {
    json!({
        "subject": s.subject,
        "issuer": s.issuer,
        "serial": s.serial,
        "not_before": time_text(s.not_before),
        "not_after": time_text(s.not_after),
        "sha256_fingerprint": s.sha256,
        "is_ca": s.is_ca,
        "path_length": s.path_length,
    })
}

/// The chain as one PEM text (empty for a root).
fn chain_pem(chain: &[Certificate]) -> String {
    chain.iter().map(Certificate::pem).collect()
}

/// What an export did: the certificate and chain, and where they were written.
struct ExportReport<'a> {
    ca_id: &'a str,
    exported: &'a Exported,
    /// The chain is part of stdout or the `--out` file.
    with_chain: bool,
    out: Option<String>,
    chain_out: Option<String>,
    t: &'a Text,
}

impl ExportReport<'_> {
    /// What stdout holds in text mode: the PEM, unless it went to a file.
    fn pem(&self) -> String {
        let mut pem = self.exported.certificate.pem();
        if self.with_chain {
            pem.push_str(&chain_pem(&self.exported.chain));
        }
        pem
    }

    /// The summary for stderr: read from the certificate itself.
    fn about(&self) -> String {
        let t = self.t;
        let s = self.exported.certificate.summary();
        let mut lines = vec![rows(&[
            (t.export_subject, s.subject.clone()),
            (t.ca_issuer, s.issuer.clone()),
            (t.ca_serial, s.serial.clone()),
            (t.ca_not_before, time_text(s.not_before)),
            (t.ca_not_after, time_text(s.not_after)),
            (t.export_fingerprint, s.sha256.clone()),
        ])];
        if self.exported.chain.is_empty() {
            if self.with_chain || self.chain_out.is_some() {
                lines.push(t.export_root_no_chain.to_string());
            }
        } else {
            let verified = self.exported.links.iter().all(|l| *l == Link::Signature);
            lines.push(t.export_chain_checked(self.exported.chain.len(), verified));
        }
        for p in [&self.out, &self.chain_out].into_iter().flatten() {
            lines.push(t.export_wrote(p));
        }
        lines.join("\n")
    }
}

impl Report for ExportReport<'_> {
    fn json(&self) -> Value {
        let e = self.exported;
        json!({
            "outcome": "exported",
            "ca_id": self.ca_id,
            "certificate": e.certificate.pem(),
            "certificate_chain": (!e.chain.is_empty()).then(|| chain_pem(&e.chain)),
            "summary": summary_json(e.certificate.summary()),
            "chain": e.chain.iter().map(|c| summary_json(c.summary())).collect::<Vec<_>>(),
            "chain_verified": e.links.iter().all(|l| *l == Link::Signature),
            "files": {"certificate": self.out, "chain": self.chain_out},
        })
    }

    fn text(&self) -> String {
        self.pem()
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

impl RunCommand for ExportArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_export(io, g, self, t).await
    }
}

/// `pca-order export CA_ID [--chain] [--out FILE [--chain-out FILE]] [--force]`.
pub async fn run_export(io: &mut Io, g: &GlobalArgs, args: &ExportArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let ca_id = rules::normalize_ca_id(&args.ca_id);
    if let Err(e) = rules::ca_id(Field::CaId, &ca_id) {
        return fail_t(io, out, exit::USAGE, t, |t| {
            format!("CA_ID: {}", t.activation_rule(&e.rule))
        });
    }
    // A name that cannot be used costs no call.
    for path in [&args.out, &args.chain_out].into_iter().flatten() {
        if let Err(e) = save::check(path, args.force) {
            return fail_t(io, out, exit::USAGE, t, |t| save_words(&e, t));
        }
    }
    let (_target, client) = match client_for(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let ca = match client.show_ca(&ca_id).await {
        Ok(ca) => ca,
        Err(e) => return read_failed(io, out, &e, t),
    };
    if !ca.status.can_export() {
        // The service would refuse it (exit 3, as its refusal would be); nothing was asked of it.
        let status = crate::sanitize::clean(ca.status.as_str());
        return fail_t(io, out, exit::REJECTED, t, |t| {
            t.export_not_exportable(&status)
        });
    }
    let exported = match client.export_ca(&ca_id).await {
        Ok(x) => x,
        Err(e) => {
            return fail_t(io, out, e.read_exit_code(), t, |t| {
                t.export_failed(&t.call_error(&e))
            });
        }
    };
    let mut report = ExportReport {
        ca_id: &ca_id,
        exported: &exported,
        with_chain: args.chain,
        out: None,
        chain_out: None,
        t,
    };
    if let Some(path) = &args.out {
        // With --chain-out the chain goes there, not after the certificate.
        report.with_chain = args.chain && args.chain_out.is_none();
        if let Err(e) = save::save(path, report.pem().as_bytes(), CERT_MODE, args.force) {
            return fail_t(io, out, exit::USAGE, t, |t| save_words(&e, t));
        }
        report.out = Some(path.display().to_string());
        if let Some(chain_path) = &args.chain_out
            && !exported.chain.is_empty()
        {
            let pem = chain_pem(&exported.chain);
            if let Err(e) = save::save(chain_path, pem.as_bytes(), CERT_MODE, args.force) {
                return fail_t(io, out, exit::USAGE, t, |t| save_words(&e, t));
            }
            report.chain_out = Some(chain_path.display().to_string());
        }
    }
    if out == Output::Text {
        io.err_line(crate::sanitize::terminal(&report.about()));
        if args.out.is_none() {
            report::emit(io, &report, out);
        }
    } else {
        report::emit(io, &report, out);
    }
    exit::ORDERED
}

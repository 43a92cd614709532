//! `csr`: a bought PENDING subordinate whose certificate is signed by the user's own root (issue 21,
//! LIFECYCLE.md section 2.2). Step 1 saves its subject and key algorithm — CreateCertificateAuthority
//! with its `ca_id`, an **inferred** use of the API, said so in the question — confirmed, journaled
//! and sent once; it is skipped when the CA already has the same subject saved. Step 2 reads the CSR,
//! checks that it is a CSR for that subject, and prints it (or writes `--out`).

use std::path::Path;

use serde_json::{Value, json};

use super::activation::{checked_but_sm, region_sm};
use super::args::{CsrArgs, GlobalArgs, RunCommand};
use super::fail::{fail_in, fail_t, read_failed, subject_errors_text};
use super::format::rows;
use super::io::Io;
use super::report::{self, CaOpFailed, OpFailure, Report};
use super::save::{self, SaveError};
use super::send::Guard;
use super::target::client_for;
use crate::activation::CaStatus;
use crate::activation::rules::Site;
use crate::activation::subordinate::{
    SaveSubjectRequest, SubjectDraft, csr_matches, has_saved_subject, saved_is, saved_words,
};
use crate::api::Outcome;
use crate::certificate::parse_csr;
use crate::exit;
use crate::journal::Journal;
use crate::text::{Lang, Text};

impl CsrArgs {
    fn draft(&self) -> SubjectDraft {
        SubjectDraft {
            ca_id: self.ca_id.clone(),
            subject: self.subject.distinguished_name(),
            key_algorithm: self.subject.key_algorithm.clone(),
        }
    }
}

/// Mode of a written CSR: public material, readable by all (ours, as openssl writes it).
const CSR_MODE: u32 = 0o644;

/// Why `--out` cannot be (or was not) written, in the catalog's words. A file already there keeps
/// `csr`'s own words: `csr` has no `--force`, so the shared "--force replaces it" would mislead.
fn out_words(e: &SaveError, t: &Text) -> String {
    match e {
        SaveError::Exists(p) => t.csr_out_failed(&p.display().to_string(), t.file_exists),
        other => t.save_error(other),
    }
}

fn review(req: &SaveSubjectRequest, sandbox: bool, t: &Text) -> String {
    let dn = &req.distinguished_name;
    let mut r = vec![
        (t.ca_common_name, dn.common_name.clone()),
        (t.ca_country, dn.country.clone()),
    ];
    for (label, v) in [
        (t.ca_organization, &dn.organization),
        (t.ca_unit, &dn.organizational_unit),
        (t.ca_state, &dn.state),
        (t.ca_locality, &dn.locality),
    ] {
        if let Some(v) = v {
            r.push((label, v.clone()));
        }
    }
    r.push((t.ca_keys, req.key_algorithm.as_str().to_string()));
    r.push((t.ca_body, req.to_json()));
    format!("{}\n{}", t.csr_review_title(&req.ca_id, sandbox), rows(&r))
}

impl RunCommand for CsrArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_csr(io, g, self, t).await
    }
}

/// `pca-order csr`.
pub async fn run_csr(io: &mut Io, g: &GlobalArgs, args: &CsrArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let by_site = Site::for_region(&g.rules_region());
    // Every flag is checked before anything else: a typo never reads a secret or sends. SM2 is checked
    // against the region once its configuration can be read (as `activate` does).
    let draft = args.draft();
    let request = match checked_but_sm(|site| draft.validate(site), by_site) {
        Ok(r) => r,
        Err(errors) => return fail_t(io, out, exit::USAGE, t, |t| subject_errors_text(&errors, t)),
    };
    // A name that cannot be used costs no call (the write checks again).
    if let Some(path) = &args.out
        && let Err(e) = save::check(path, false)
    {
        return fail_t(io, out, exit::USAGE, t, |t| out_words(&e, t));
    }
    let (target, client) = match client_for(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cfg = &target.config;
    if let Err(code) = region_sm(
        io,
        out,
        &client,
        (&cfg.region, by_site),
        (request.key_algorithm, None),
        t,
    )
    .await
    {
        return code;
    }
    let ca_id = request.ca_id.as_str();
    let ca = match client.show_ca(ca_id).await {
        Ok(ca) => ca,
        Err(e) => return read_failed(io, out, &e, t),
    };
    if ca.status != CaStatus::Pending
        || ca.ca_type.as_deref() == Some("ROOT") && has_saved_subject(&ca)
    {
        let status = ca.status.as_str().to_string();
        return fail_t(io, out, exit::REJECTED, t, |t| {
            t.ca_op_wrong_state(ca_id, &status)
        });
    }
    let journal = Journal::new(cfg.journal_path.clone());
    let journal_shown = cfg.journal_path.display().to_string();
    let saved_now = if has_saved_subject(&ca) {
        if !saved_is(&ca, &request) {
            let saved = saved_words(&ca);
            return fail_t(io, out, exit::REJECTED, t, |t| {
                t.csr_saved_differs(ca_id, &saved)
            });
        }
        if out == super::args::Output::Text {
            io.err_line(t.csr_skip_saved(ca_id));
        }
        false
    } else {
        if !(args.yes || io.on_terminal()) {
            return fail_t(io, out, exit::USAGE, t, |t| t.ca_op_needs_yes("csr"));
        }
        let mut guard = Guard::start();
        if !args.yes {
            io.err_text(review(&request, cfg.sandbox, t));
            if let Err(code) = guard.ask(io, &t.csr_question(ca_id), out, t).await {
                return code;
            }
        }
        let saved = guard
            .send(
                io,
                cfg.timeout,
                |secs| t.cli_request_in_flight(secs),
                t,
                |stop| client.save_subject_until(&request, &journal, stop),
                |s| s.journal_warning.as_deref(),
            )
            .await;
        match &saved.outcome {
            Outcome::Done(s) if s.ca_id.eq_ignore_ascii_case(ca_id) => {}
            Outcome::Done(s) => {
                let answered = s.ca_id.clone();
                let reason = crate::api::Reason::UnexpectedAnswer {
                    status: 200,
                    request_id: None,
                    excerpt: format!("ca_id {answered}"),
                };
                let words = |t: &Text| t.csr_other_ca(ca_id, &answered);
                if out == super::args::Output::Text {
                    io.err_line(words(t));
                }
                let report = CaOpFailed {
                    step: "save_subject",
                    what: |t| t.csr_what,
                    ca_id,
                    failure: OpFailure::Unknown(&reason),
                    journal: journal_shown,
                    t,
                };
                report::emit(io, &report, out);
                return report.exit_code();
            }
            other => {
                let Some(failure) = OpFailure::of(other) else {
                    return exit::UNKNOWN;
                };
                let report = CaOpFailed {
                    step: "save_subject",
                    what: |t| t.csr_what,
                    ca_id,
                    failure,
                    journal: journal_shown,
                    t,
                };
                report::emit(io, &report, out);
                return report.exit_code();
            }
        }
        true
    };
    // Step 2, a read. After a save in this run, a failed read never ends 3: the save took effect.
    let text = match client.ca_csr(ca_id).await {
        Ok(text) => text,
        Err(e) => {
            let code = match e.read_exit_code() {
                exit::REJECTED if saved_now => exit::UNKNOWN,
                c => c,
            };
            return fail_t(io, out, code, t, |t| t.cas_read_failed(&t.call_error(&e)));
        }
    };
    let csr = match parse_csr(&text) {
        Ok(c) => c,
        Err(e) => {
            let detail = e.to_string();
            return fail_t(io, out, exit::NOT_SENT, t, |t| t.csr_bad_answer(&detail));
        }
    };
    if !csr_matches(&request.distinguished_name, csr.parts()) {
        let got = csr.subject().to_string();
        return fail_t(io, out, exit::NOT_SENT, t, |t| t.csr_subject_differs(&got));
    }
    let pem = csr.pem();
    if let Some(path) = &args.out
        && let Err(e) = save::save(path, pem.as_bytes(), CSR_MODE, false)
    {
        return fail_in(
            io,
            out,
            exit::NOT_SENT,
            &out_words(&e, Lang::En.text()),
            &out_words(&e, t),
        );
    }
    let report = CsrReport {
        ca_id,
        saved_now,
        subject: csr.subject(),
        key_algorithm: request.key_algorithm.as_str(),
        pem: &pem,
        out: args.out.as_deref(),
        sandbox: cfg.sandbox,
        journal: saved_now.then_some(journal_shown.as_str()),
        flags: g.reach_flags(),
        t,
    };
    if out == super::args::Output::Text && args.out.is_none() {
        io.err_line(t.csr_next(ca_id, &g.reach_flags()));
    }
    report::emit(io, &report, out);
    exit::ORDERED
}

/// The end of a `csr` that printed (or wrote) the CSR.
pub struct CsrReport<'a> {
    /// The CA.
    pub ca_id: &'a str,
    /// Whether this run saved the subject (step 1 was sent and done).
    pub saved_now: bool,
    /// The CSR's subject, read from the CSR.
    pub subject: &'a str,
    /// The key algorithm saved.
    pub key_algorithm: &'a str,
    /// The CSR, normal PEM.
    pub pem: &'a str,
    /// Where it was written, if `--out` was given.
    pub out: Option<&'a Path>,
    /// Sent to a sandbox.
    pub sandbox: bool,
    /// The journal, when step 1 was sent.
    pub journal: Option<&'a str>,
    /// What the suggested `import` adds to reach the same account (`--sandbox`, region, endpoints).
    pub flags: String,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for CsrReport<'_> {
    fn json(&self) -> Value {
        json!({"outcome": "csr", "ca_id": self.ca_id, "subject_saved": self.saved_now,
            "subject": self.subject, "key_algorithm": self.key_algorithm, "csr": self.pem,
            "out": self.out.map(|p| p.display().to_string()), "sandbox": self.sandbox,
            "journal": self.journal})
    }

    fn text(&self) -> String {
        match self.out {
            None => self.pem.to_string(),
            Some(p) => format!(
                "{}\n{}\n",
                self.t.csr_written(&p.display().to_string()),
                self.t.csr_next(self.ca_id, &self.flags)
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        self.out.is_some()
    }
}

//! The CSR path's screen (issue 21): a pure function of the [`CsrFlow`], drawn in the wizard's frame
//! (its header names it, its footer and help come from the keymap's `Csr*` contexts). The form is the
//! activation's subject fields (drawn by the same function) and a key algorithm row; the result names
//! the file written, the CSR's subject and the exact `pca-order import` command that comes next. Every
//! word comes from the catalog.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::keys::yes_no;
use super::{Canvas, LABEL_W, choice, fit};
use crate::activation::SaveSubjectRequest;
use crate::save::SaveError;
use crate::tui::model::csr::{CsrFailure, CsrFlow, CsrResult, CsrStep};
use crate::tui::text::Text;

/// The question the wizard's overlay asks: the inferred step named (as the CLI's review names it), the
/// exact body `y` sends, then "y/N".
pub(crate) fn question(request: &SaveSubjectRequest, sandbox: bool, t: &Text) -> String {
    let dn = &request.distinguished_name;
    format!(
        "{}\nCN={} · C={} · {}\n{}\n{}",
        t.csr_review_title(&request.ca_id, sandbox),
        fit(&dn.common_name, 40),
        dn.country,
        request.key_algorithm.as_str(),
        fit(&request.to_json(), 400),
        t.csr_wiz_question(&request.ca_id, &yes_no())
    )
}

/// The flow's screen in the wizard's body.
pub(crate) fn body(flow: &CsrFlow, sandbox: bool, c: &mut Canvas) {
    let t = c.text;
    c.labelled(
        t.ca_id,
        LABEL_W,
        Line::styled(flow.ca.ca_id.clone(), c.theme.title()),
        false,
    );
    match flow.step {
        CsrStep::Subject | CsrStep::Key => form(flow, c),
        CsrStep::Working => {
            c.gap();
            c.line(Line::styled(format!("  {}", t.csr_working), c.theme.dim()));
        }
        CsrStep::Done | CsrStep::Failed => {
            if let Some(result) = &flow.result {
                ended(flow, result, sandbox, c);
            }
        }
    }
}

fn form(flow: &CsrFlow, c: &mut Canvas) {
    let t = c.text;
    c.wrapped(2, Line::styled(t.csr_form_note, c.theme.dim()), 3);
    c.gap();
    let focus = (flow.step == CsrStep::Subject).then_some(flow.focus);
    super::activation::subject_fields(&flow.subject, focus, c);
    c.gap();
    let mut spans = Vec::new();
    for k in flow.offered_keys() {
        spans.extend(choice(c, k == flow.key, k.as_str()));
        spans.push(Span::raw("  "));
    }
    c.labelled(
        t.act_key_algorithm,
        LABEL_W,
        Line::from(spans),
        flow.step == CsrStep::Key,
    );
}

fn ended(flow: &CsrFlow, result: &CsrResult, sandbox: bool, c: &mut Canvas) {
    let t = c.text;
    c.gap();
    match &result.end {
        Ok(written) => {
            c.line(Line::styled(format!("  {}", t.csr_done), c.theme.ok()));
            saved_line(result, c);
            c.gap();
            let row = |c: &mut Canvas, label: &str, value: String, style: Style| {
                c.labelled(label, LABEL_W, Line::styled(value, style), false);
            };
            row(c, t.csr_file, written.path.clone(), c.theme.title());
            if let Some(taken) = &written.taken {
                let why = t.exp_taken(taken, &written.path);
                c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
            }
            row(
                c,
                t.export_subject,
                fit(&written.subject, 200),
                Style::new(),
            );
            c.gap();
            // Whole, on lines of its own: wider than 80 columns beside a label, and never cut.
            row(c, t.csr_next_label, String::new(), Style::new());
            let command = Line::styled(import_command(&flow.ca.ca_id, sandbox), c.theme.title());
            c.wrapped(4, command, 3);
            c.gap();
            c.wrapped(2, Line::styled(t.csr_next_note, c.theme.dim()), 4);
        }
        Err(failure) => {
            c.line(Line::styled(format!("  {}", t.csr_failed), c.theme.error()));
            c.wrapped(2, Line::styled(why(flow, failure, t), c.theme.error()), 6);
            saved_line(result, c);
        }
    }
}

/// What is printed on the normal screen once the wizard ends, so nothing is lost with the alternate
/// screen: the CSR's file and the next command, or why not when a save was sent; nothing when nothing
/// was sent or written.
pub fn summary(flow: &CsrFlow, lang: crate::text::Lang, sandbox: bool) -> Option<String> {
    if !flow.worth_keeping() {
        return None;
    }
    let t = lang.text();
    let id = flow.ca.ca_id.as_str();
    let clean = crate::sanitize::clean;
    let (words, next) = match (&flow.result, flow.in_flight) {
        (_, true) | (None, _) => (
            format!(
                "{} {}",
                t.csr_unknown,
                t.reason_sentence(&crate::api::Reason::LeftInFlight)
            ),
            None,
        ),
        (Some(r), false) => match &r.end {
            Ok(w) => (
                format!("{} {}", t.csr_done, w.path),
                Some(import_command(&clean(id), sandbox)),
            ),
            Err(f) => (format!("{} {}", t.csr_failed, why(flow, f, t)), None),
        },
    };
    let mut out = format!("{} {}: {}\n", t.act_ca, clean(id), clean(&words));
    if let Some(next) = next {
        out.push_str(&format!("  {next}\n"));
    }
    Some(out)
}

/// The exact command that imports the signed certificate: a command line, the same in every language
/// (its flags are the CLI's), so it is not in the catalog. Against the sandbox it carries `--sandbox`,
/// as the renewal's next commands do: without it the command goes to the real service.
pub(crate) fn import_command(ca_id: &str, sandbox: bool) -> String {
    let flags = if sandbox { " --sandbox" } else { "" };
    format!("pca-order import{flags} {ca_id} --certificate FILE [--chain FILE]")
}

/// Whether this run saved the subject or found it saved.
fn saved_line(result: &CsrResult, c: &mut Canvas) {
    let t = c.text;
    let line = if result.skipped {
        Some(t.csr_skipped)
    } else if result.saved_now
        && !matches!(
            result.end,
            Err(CsrFailure::Rejected(_)
                | CsrFailure::Unknown(_)
                | CsrFailure::OtherCa(_)
                | CsrFailure::NotSent(_))
        )
    {
        Some(t.csr_saved_now)
    } else {
        None
    };
    if let Some(line) = line {
        c.wrapped(2, Line::styled(line, c.theme.dim()), 2);
    }
}

fn why(flow: &CsrFlow, failure: &CsrFailure, t: &Text) -> String {
    let id = flow.ca.ca_id.as_str();
    match failure {
        CsrFailure::NotPending(status) => t.ca_op_wrong_state(id, status),
        CsrFailure::SavedDiffers(saved) => t.csr_saved_differs(id, saved),
        CsrFailure::Rejected(e) => format!(
            "{} {}",
            t.csr_rejected,
            fit(&format!("{} {}", e.code, e.message), 200)
        ),
        CsrFailure::NotSent(r) => format!("{} {}", t.csr_not_sent, t.reason_sentence(r)),
        CsrFailure::Unknown(r) => format!("{} {}", t.csr_unknown, t.reason_sentence(r)),
        CsrFailure::Changed => t.csr_changed.to_string(),
        CsrFailure::OtherCa(answered) => t.csr_other_ca(id, answered),
        CsrFailure::Read(e) => t.cas_read_failed(&fit(&t.call_error(e), 300)),
        CsrFailure::BadCsr(detail) => t.csr_bad_answer(detail),
        CsrFailure::SubjectDiffers(got) => t.csr_subject_differs(got),
        CsrFailure::Write(SaveError::Exists(p)) => t.exp_all_taken(&p.display().to_string()),
        CsrFailure::Write(e) => t.save_error(e),
    }
}

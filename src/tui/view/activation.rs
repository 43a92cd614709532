//! The activation flow's screens (issue 10): pure functions of the [`ActivationFlow`], drawn in the
//! wizard's frame (its header names the step, its footer and help come from the keymap's activation
//! contexts). The one question is the wizard's confirmation overlay, worded by [`question`] with the
//! exact request `y` sends. Every word comes from the catalog.

use ratatui::text::{Line, Span};

use super::keys::{key, this_key, yes_no};
use super::{Canvas, LABEL_W, choice, fit};
use crate::activation::ca::format_millis;
use crate::activation::rules::{self, DEFAULT_PATH_LENGTH, PATH_LENGTH_MAX};
use crate::activation::{ActivateRequest, CaInfo, CaStatus, Validity};
use crate::api::Outcome;
use crate::tui::keymap::{Action, Context, Key};
use crate::tui::model::activation::{
    ActStep, ActivationFlow, KeysFocus, SubjectField, TypeRow, ValidityDefault,
};
use crate::tui::model::{Load, Notice};
use crate::tui::text::{Lang, Text};

/// Width of the subject and validity fields.
const FIELD_W: u16 = 40;

/// The header's title while the wizard hosts the flow: "Activate a private CA · 2/5 Subject".
pub(crate) fn title(flow: &ActivationFlow, t: &Text) -> String {
    let heading = match flow.step {
        ActStep::Choose => t.act_choose,
        ActStep::Type => t.act_type,
        ActStep::Subject => t.act_subject,
        ActStep::Keys => t.act_keys,
        ActStep::Validity => t.act_validity,
        ActStep::Review | ActStep::Activating | ActStep::Error => t.act_review,
        ActStep::Done => t.act_done,
    };
    let number = match flow.step {
        ActStep::Type => "1/5 ",
        ActStep::Subject => "2/5 ",
        ActStep::Keys => "3/5 ",
        ActStep::Validity => "4/5 ",
        ActStep::Review => "5/5 ",
        _ => "",
    };
    format!("{} · {number}{heading}", t.act_title)
}

/// The flow's screen in the wizard's body (the header, footer and overlays are the wizard's): the CA
/// being activated, then the step's content.
pub(crate) fn body(flow: &ActivationFlow, notice: Option<Notice>, c: &mut Canvas) {
    let t = c.text;
    if let Some(id) = flow.ca_id()
        && flow.step != ActStep::Choose
    {
        let more = flow.queue.len().saturating_sub(1);
        let rest = if more > 0 {
            format!("  (+{more})")
        } else {
            String::new()
        };
        c.line(Line::styled(
            format!("{} {id}{rest}", t.act_ca),
            c.theme.dim(),
        ));
    }
    match flow.step {
        ActStep::Choose => choose(flow, c),
        ActStep::Type => ca_type(flow, c),
        ActStep::Subject => subject(flow, c),
        ActStep::Keys => keys(flow, c),
        ActStep::Validity => validity(flow, c),
        ActStep::Review => review(flow, c),
        ActStep::Activating => {
            c.gap();
            c.line(Line::from(vec![
                Span::raw("  "),
                Span::styled(t.act_activating, c.theme.title()),
            ]));
        }
        ActStep::Done => {
            done(flow, c);
            if notice == Some(Notice::CopiedCa) {
                c.gap();
                c.wrapped(2, Line::styled(t.copied_ca, c.theme.ok()), 2);
            }
        }
        ActStep::Error => error(flow, c),
    }
}

/// The activation question, naming the exact request `y` sends; after an unknown outcome for the same
/// CA it first warns that the CA may be ACTIVED already.
pub(crate) fn question(request: &ActivateRequest, earlier: bool, t: &Text) -> String {
    let subject = fit(&request.distinguished_name.common_name, 40);
    let q = format!(
        "{} {}\nCN={subject} · {} · {} · {}\n{}",
        t.act_ca,
        request.ca_id,
        request.ca_type.as_str(),
        request.key_algorithm.as_str(),
        t.validity_words(request.validity.value, request.validity.unit),
        t.act_question(&yes_no())
    );
    if earlier {
        format!("{}\n{q}", t.act_again_warning)
    } else {
        q
    }
}

/// What is printed on the normal screen once the wizard ends: each activation attempt's CA and outcome
/// (and the status read back), so nothing is lost with the alternate screen.
pub fn summary(flow: &ActivationFlow, lang: Lang) -> Option<String> {
    if flow.attempts.is_empty() && flow.in_flight.is_none() && flow.journal_warnings.is_empty() {
        return None;
    }
    let t = lang.text();
    let mut out = String::new();
    let still_open = flow.in_flight.as_ref().map(|r| {
        (
            r.clone(),
            Outcome::Unknown(crate::api::Reason::LeftInFlight),
        )
    });
    for (request, outcome) in flow.attempts.iter().cloned().chain(still_open) {
        let words = match &outcome {
            Outcome::Done(()) if flow.read_actived.contains(&request.ca_id) => {
                format!("{} ({})", t.act_done, t.ca_status_active)
            }
            Outcome::Done(()) => t.act_done.to_string(),
            Outcome::Rejected(e) => format!("{} {} {}", t.act_rejected, e.code, e.message),
            Outcome::NotSent(r) => format!("{} {}", t.act_not_sent, t.reason_sentence(r)),
            Outcome::Unknown(r) => format!("{} {}", unknown(t), t.reason_sentence(r)),
        };
        out.push_str(&format!(
            "{} {}: {}\n",
            t.act_ca,
            request.ca_id,
            crate::sanitize::clean(&words)
        ));
    }
    for why in &flow.journal_warnings {
        out.push_str(&format!("{}\n  {why}\n", t.act_journal_warning));
    }
    Some(out)
}

fn loading_or_failed<T>(load: &Load<T>, c: &mut Canvas) -> bool {
    let t = c.text;
    match load {
        Load::Loading => {
            c.line(Line::styled(format!("  {}", t.act_loading), c.theme.dim()));
            true
        }
        Load::Failed(e) => {
            let why = format!("{} {}", t.act_load_failed, fit(&t.call_error(e), 160));
            c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
            true
        }
        Load::Loaded(_) => false,
    }
}

fn ca_label(ca: &CaInfo) -> String {
    let cn = ca.subject.common_name.as_deref().unwrap_or("-");
    format!("{} ({})", fit(cn, 30), ca.ca_id)
}

fn choose(flow: &ActivationFlow, c: &mut Canvas) {
    if loading_or_failed(&flow.pending, c) {
        return;
    }
    let Load::Loaded(list) = &flow.pending else {
        return;
    };
    if list.is_empty() {
        c.line(Line::raw(format!("  {}", c.text.act_none_pending)));
        return;
    }
    for (i, ca) in list.iter().enumerate() {
        let label = ca.ca_id.clone();
        let mut spans = vec![Span::raw("  ")];
        spans.extend(choice(c, i == flow.choose_cursor, &label));
        c.line(Line::from(spans));
    }
}

fn ca_type(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    for row in flow.type_rows() {
        let label = match row {
            TypeRow::Root => t.act_root.to_string(),
            TypeRow::Subordinate(i) => match &flow.issuers {
                Load::Loaded(list) => list
                    .get(i)
                    .map(|ca| format!("{} {}", t.act_subordinate_of, ca_label(ca)))
                    .unwrap_or_default(),
                _ => String::new(),
            },
        };
        let mut spans = vec![Span::raw("  ")];
        spans.extend(choice(c, row == flow.type_row, &label));
        c.line(Line::from(spans));
    }
    c.gap();
    if !loading_or_failed(&flow.issuers, c) && flow.type_rows().len() == 1 {
        c.line(Line::styled(
            format!("  {}", t.act_no_issuer),
            c.theme.dim(),
        ));
    }
    if flow.issuers_path_zero > 0 {
        c.wrapped(2, Line::styled(t.act_issuers_path_zero, c.theme.dim()), 2);
    }
}

pub(crate) fn subject_label(t: &Text, f: SubjectField) -> &'static str {
    match f {
        SubjectField::CommonName => t.act_common_name,
        SubjectField::Organization => t.act_organization,
        SubjectField::OrganizationalUnit => t.act_unit,
        SubjectField::Country => t.act_country,
        SubjectField::State => t.act_state,
        SubjectField::Locality => t.act_locality,
    }
}

fn subject(flow: &ActivationFlow, c: &mut Canvas) {
    subject_fields(&flow.subject, Some(flow.subject_focus), c);
}

/// The six subject fields with the broken rule under each, `focus` holding the keyboard: drawn the
/// same for the activation and the CSR flow.
pub(crate) fn subject_fields(
    inputs: &[tui_input::Input; 6],
    focus: Option<SubjectField>,
    c: &mut Canvas,
) {
    let t = c.text;
    for f in SubjectField::ALL {
        let focused = focus == Some(f);
        let input = &inputs[f.index()];
        c.field(subject_label(t, f), input, FIELD_W, focused, Line::raw(""));
        // Wrapped, not cut: the end of the rule names the character found.
        if let Some(e) = crate::tui::model::activation::subject_field_error(f, input.value()) {
            let words = Line::styled(t.activation_rule(&e.rule), c.theme.error());
            c.wrapped(2 + LABEL_W + 1, words, 2);
        }
    }
}

fn keys(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    let key = flow
        .offered_keys()
        .into_iter()
        .map(|k| (k.as_str(), k == flow.key))
        .collect::<Vec<_>>();
    let sig = flow
        .offered_signatures()
        .into_iter()
        .map(|s| (s.as_str(), s == flow.signature))
        .collect::<Vec<_>>();
    for (label, items, focus) in [
        (t.act_key_algorithm, key, KeysFocus::Key),
        (t.act_signature_algorithm, sig, KeysFocus::Signature),
    ] {
        let mut spans = Vec::new();
        for (word, chosen) in items {
            spans.extend(choice(c, chosen, word));
            spans.push(Span::raw("  "));
        }
        c.labelled(label, LABEL_W, Line::from(spans), flow.keys_focus == focus);
        c.gap();
    }
    if flow.asks_path_length() {
        let values: Vec<String> = (0..=PATH_LENGTH_MAX).map(|n| n.to_string()).collect();
        let mut spans = Vec::new();
        for (n, word) in values.iter().enumerate() {
            spans.extend(choice(c, n as u64 == flow.path_length, word));
            spans.push(Span::raw(" "));
        }
        c.labelled(
            t.act_path_length,
            LABEL_W,
            Line::from(spans),
            flow.keys_focus == KeysFocus::PathLength,
        );
        let indent = 2 + LABEL_W + 1;
        c.wrapped(
            indent,
            Line::styled(t.act_path_length_note, c.theme.dim()),
            3,
        );
        c.gap();
    }
    // SM2/SM3: what the region's console configuration says; while it is unknown, the website rule
    // as before, and, once it could not be read, a line saying it was not checked.
    let unchecked = matches!(flow.console, Load::Failed(_))
        || matches!(flow.console, Load::Loaded(_)) && flow.sm2_checked().is_none();
    let notes = match flow.sm2_checked() {
        Some(false) => vec![t.act_sm_region_no],
        Some(true) => Vec::new(),
        None => {
            let mut notes = Vec::new();
            if flow.site == crate::activation::Site::International {
                notes.push(t.act_sm_china_only);
            }
            if unchecked {
                notes.push(t.act_sm_unchecked);
            }
            notes
        }
    };
    for note in notes {
        c.wrapped(2, Line::styled(note, c.theme.dim()), 2);
    }
}

fn validity(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    c.field(
        t.act_validity,
        &flow.validity_input,
        12,
        true,
        Line::styled(t.act_validity_note, c.theme.dim()),
    );
    let valid = flow.validity();
    let words = valid
        .as_ref()
        .ok()
        .map(|v| format!("= {}", t.validity_words(v.value, v.unit)));
    c.under_field(
        valid.as_ref().err().map(|e| t.activation_rule(&e.rule)),
        words.as_deref(),
    );
    dates(flow, c);
    c.gap();
    let why = match flow.validity_default {
        ValidityDefault::Period => t.act_validity_default_period,
        ValidityDefault::OneYear => t.act_validity_default_year,
    };
    c.wrapped(2, Line::styled(why, c.theme.dim()), 3);
}

/// The dates the validity produces if sent now (from the time the runtime last told), with the note
/// that the service counts from its own activation; nothing while the validity is broken.
fn dates(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    let Some((from, to)) = flow.dates() else {
        return;
    };
    let show = |at| format_millis(rules::to_millis(at));
    c.labelled(
        t.act_dates,
        LABEL_W,
        Line::raw(t.act_dates_value(&show(from), &show(to))),
        false,
    );
    let indent = 2 + LABEL_W + 1;
    c.wrapped(indent, Line::styled(t.act_dates_note, c.theme.dim()), 2);
}

/// A validity in words, marked when it is the default (its reason is on the validity step).
fn validity_value(flow: &ActivationFlow, v: &Validity, t: &Text) -> String {
    let words = t.validity_words(v.value, v.unit);
    if v.short() == flow.default_validity {
        t.act_defaulted(&words)
    } else {
        words
    }
}

fn review(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    if flow.may_have_activated() {
        let words = t.act_may_have_activated(&key(Context::ActReviewUnknown, Action::ReadStatus));
        c.wrapped(2, Line::styled(words, c.theme.warn()), 2);
        read_back(flow, c);
        if flow.read_back.is_some() {
            return;
        }
    }
    let Ok(request) = flow.request() else {
        for e in flow.request().err().unwrap_or_default() {
            c.line(Line::styled(
                format!("  {}", t.activation_rule(&e.rule)),
                c.theme.error(),
            ));
        }
        return;
    };
    if flow.json.shown {
        let json = serde_json::to_string_pretty(&request.to_value()).unwrap_or_default();
        for line in json.lines() {
            c.line(Line::raw(format!("  {line}")));
        }
        return;
    }
    let dn = &request.distinguished_name;
    let mut rows: Vec<(&str, String)> = Vec::new();
    match (flow.type_row, flow.issuer()) {
        (TypeRow::Root, _) => rows.push((t.act_type, t.act_root.to_string())),
        (TypeRow::Subordinate(_), issuer) => {
            rows.push((t.act_type, t.act_subordinate.to_string()));
            // Named by its common name, its id beside it.
            let named = match issuer {
                Some(ca) => ca_label(ca),
                None => request.issuer_id.clone().unwrap_or_default(),
            };
            rows.push((t.act_issuer, named));
        }
    }
    rows.push((t.act_common_name, dn.common_name.clone()));
    // Empty optional parts are not sent: not shown either.
    for (label, part) in [
        (t.act_organization, &dn.organization),
        (t.act_unit, &dn.organizational_unit),
    ] {
        if let Some(v) = part {
            rows.push((label, v.clone()));
        }
    }
    rows.push((t.act_country, dn.country.clone()));
    for (label, part) in [(t.act_state, &dn.state), (t.act_locality, &dn.locality)] {
        if let Some(v) = part {
            rows.push((label, v.clone()));
        }
    }
    rows.push((
        t.act_key_algorithm,
        request.key_algorithm.as_str().to_string(),
    ));
    rows.push((
        t.act_signature_algorithm,
        request.signature_algorithm.as_str().to_string(),
    ));
    rows.push((t.act_validity, validity_value(flow, &request.validity, t)));
    for (label, value) in rows {
        c.labelled(label, LABEL_W, Line::raw(fit(&value, 60)), false);
    }
    if let Some(p) = request.path_length {
        let value = if p == DEFAULT_PATH_LENGTH {
            t.act_defaulted(&p.to_string())
        } else {
            p.to_string()
        };
        c.labelled(t.act_path_length, LABEL_W, Line::raw(value), false);
    }
    dates(flow, c);
    c.gap();
    c.line(Line::styled(
        format!(
            "  {}",
            t.act_json_hint(
                &key(Context::ActReview, Action::ShowJson),
                &key(Context::ActReview, Action::Next)
            )
        ),
        c.theme.dim(),
    ));
}

fn read_back(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    match &flow.read_back {
        None => {}
        Some(Load::Loaded(ca)) => {
            let status_style = if ca.status == CaStatus::Actived {
                c.theme.ok()
            } else {
                c.theme.warn()
            };
            c.labelled(
                t.act_status,
                LABEL_W,
                Line::styled(t.ca_status_words(&ca.status), status_style),
                false,
            );
            // In the reader's zone, with its offset (JSON keeps RFC 3339 in UTC).
            let local = c.local_times;
            let ms = |v: Option<i64>| {
                v.map(|v| crate::text::format::millis_in(v, local))
                    .unwrap_or_else(|| "-".to_string())
            };
            for (label, value) in [
                (t.act_serial, ca.serial_number.clone().unwrap_or_default()),
                (t.act_not_before, ms(ca.not_before)),
                (t.act_not_after, ms(ca.not_after)),
            ] {
                c.labelled(label, LABEL_W, Line::raw(value), false);
            }
        }
        Some(other) => {
            loading_or_failed(other, c);
        }
    }
}

/// Why the attempt's outcome is not in the journal, if it is not: where an unknown outcome is looked
/// up later, so its absence must be seen.
fn journal_warning(flow: &ActivationFlow, c: &mut Canvas) {
    if let Some(why) = &flow.journal_warning {
        c.wrapped(
            2,
            Line::styled(c.text.act_journal_warning, c.theme.error()),
            2,
        );
        c.wrapped(4, Line::styled(fit(why, 200), c.theme.dim()), 2);
    }
}

fn done(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    c.line(Line::styled(format!("  ✓ {}", t.act_done), c.theme.ok()));
    journal_warning(flow, c);
    c.gap();
    read_back(flow, c);
    c.gap();
    let next = if flow.queue.len() > 1 {
        let next = key(Context::ActDoneMore, Action::Next);
        match flow.root_just_activated() {
            Some(root) => t.act_next_ca_under(
                &next,
                &fit(
                    root.subject.common_name.as_deref().unwrap_or(&root.ca_id),
                    40,
                ),
            ),
            None => t.act_next_ca(&next),
        }
    } else {
        t.act_leave(&this_key(Context::ActDone, Action::Leave, Key::Enter))
    };
    c.wrapped(2, Line::styled(next, c.theme.dim()), 2);
}

/// "Outcome unknown … press s to read its status", naming the error screen's status key.
fn unknown(t: &Text) -> String {
    t.act_unknown(&key(Context::ActError, Action::ReadStatus))
}

fn error(flow: &ActivationFlow, c: &mut Canvas) {
    let t = c.text;
    let (words, detail) = match flow.outcome() {
        Some(Outcome::Rejected(e)) => (
            t.act_rejected.to_string(),
            format!("{} {}", e.code, e.message),
        ),
        Some(Outcome::NotSent(r)) => (t.act_not_sent.to_string(), t.reason_sentence(r)),
        Some(Outcome::Unknown(r)) => (unknown(t), t.reason_sentence(r)),
        _ => (unknown(t), String::new()),
    };
    c.wrapped(2, Line::styled(words, c.theme.error()), 3);
    if !detail.is_empty() {
        c.wrapped(2, Line::styled(fit(&detail, 200), c.theme.dim()), 3);
    }
    journal_warning(flow, c);
    c.gap();
    read_back(flow, c);
}

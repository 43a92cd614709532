//! The "My CAs" screens (issue 20): pure functions of the [`ManageFlow`], drawn in the wizard's frame
//! (its header names the screen, its footer and help come from the keymap's `Manage*` contexts). The
//! table shows both dates — the subscription's end (paid until, with days left) and the certificate's
//! `not_after` — in columns of their own, and the detail labels them apart. Every word comes from the
//! catalog.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use time::OffsetDateTime;

use super::{Canvas, fit, pad};
use crate::activation::CaInfo;
use crate::activation::ca::format_millis;
use crate::billing::subscription::{self, Remaining, Subscription};
use crate::text::ResourceStatus;
use crate::tui::model::Load;
use crate::tui::model::manage::{ManageFlow, ManageStep, Paid};
use crate::tui::text::Text;

/// Column widths of the table (display columns): status, type, common name, paid until, auto-renew,
/// not after. With the row mark and the gaps they fill the 78 columns of an 80-column body; a wider
/// body gives its columns to the status and the common name ([`col_widths`]).
const COLS: [usize; 6] = [11, 5, 12, 23, 10, 10];

/// The row mark ("▸ ") and the five gaps between the columns.
const ROW_EXTRA: usize = 2 + 5;

/// Widest a status needs ("scheduled for deletion", the longest status word in either language).
const STATUS_MAX: usize = 22;

/// The columns for a body this wide: [`COLS`] on 80 columns or fewer; beyond that the status grows to
/// [`STATUS_MAX`] first (so "pending activation" is not cut), then the common name takes the rest.
fn col_widths(body: u16) -> [usize; 6] {
    let base: usize = COLS.iter().sum::<usize>() + ROW_EXTRA;
    let mut extra = usize::from(body).saturating_sub(base);
    let mut cols = COLS;
    let status = extra.min(STATUS_MAX - COLS[0]);
    cols[0] += status;
    extra -= status;
    cols[2] += extra;
    cols
}

/// Width of the detail's label column: the longest label ("paid until (subscription)") fits.
const DETAIL_LABEL_W: u16 = 25;

/// The header's title: "My CAs", or "My CAs · details".
pub(crate) fn title(flow: &ManageFlow, t: &Text) -> String {
    match flow.step {
        ManageStep::Detail => t.manage_detail_title.to_string(),
        ManageStep::List | ManageStep::Filter => t.manage_title.to_string(),
    }
}

/// The flow's screen in the wizard's body.
pub(crate) fn body(flow: &ManageFlow, c: &mut Canvas) {
    let t = c.text;
    match &flow.cas {
        Load::Loading => {
            c.line(Line::styled(
                format!("  {}", t.manage_loading),
                c.theme.dim(),
            ));
        }
        Load::Failed(e) => {
            let why = format!("{} {}", t.manage_load_failed, fit(&t.call_error(e), 300));
            c.wrapped(2, Line::styled(why, c.theme.error()), 6);
        }
        Load::Loaded(all) => match flow.step {
            ManageStep::Detail => detail(flow, c),
            ManageStep::List | ManageStep::Filter => list(flow, all.len(), c),
        },
    }
}

/// A UTC date without the time, as the table shows both dates.
fn utc_date(at: OffsetDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    at.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| subscription::bss_time(at))
}

/// A UTC time to the minute, as the detail shows the paid-until date.
pub(super) fn utc_minute(at: OffsetDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| subscription::bss_time(at))
}

/// The paid-until words: the date (as `show` writes it) and the whole days left, or "ended"; `-` when
/// BSS does not list the CA or gave no end; the unknown word when BSS could not be read.
fn paid_until(
    paid: Paid<'_>,
    now: Option<OffsetDateTime>,
    show: fn(OffsetDateTime) -> String,
    t: &Text,
) -> String {
    match paid {
        Paid::Unknown => t.cas_unknown.to_string(),
        Paid::Unlisted => "-".to_string(),
        Paid::Known(s) => match (s.expire_time, now) {
            (None, _) => "-".to_string(),
            (Some(end), None) => show(end),
            (Some(end), Some(now)) => match subscription::days_left(now, end) {
                Remaining::Left { days } => t.cas_paid_until(&show(end), days),
                Remaining::Expired { .. } => t.cas_paid_expired(&show(end)),
            },
        },
    }
}

/// The auto-renew word: on only for `expire_policy` 3.
fn auto_renew(paid: Paid<'_>, t: &Text) -> String {
    match paid {
        Paid::Unknown => t.cas_unknown.to_string(),
        Paid::Unlisted => "-".to_string(),
        Paid::Known(s) if s.auto_renew() => t.cas_auto_renew_on.to_string(),
        Paid::Known(_) => t.cas_auto_renew_off.to_string(),
    }
}

/// The certificate's end as a UTC date, `-` before activation.
fn not_after_date(ca: &CaInfo) -> String {
    ca.not_after
        .and_then(|ms| OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok())
        .map_or("-".to_string(), utc_date)
}

fn cells(cols: [String; 6], widths: [usize; 6]) -> String {
    cols.iter()
        .zip(widths)
        .map(|(s, w)| pad(&fit(s, w), w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn list(flow: &ManageFlow, total: usize, c: &mut Canvas) {
    let t = c.text;
    let rows = flow.rows();
    if flow.step == ManageStep::Filter || flow.filtered() {
        c.quiet_field(
            t.manage_filter,
            &flow.filter,
            30,
            flow.step == ManageStep::Filter,
        );
    }
    c.line(Line::styled(
        format!("  {}", t.manage_count(rows.len(), total)),
        c.theme.dim(),
    ));
    // BSS unreadable: said once, above the table whose paid-life cells then say unknown.
    if let Err(e) = &flow.paid {
        let why = t.cas_paid_unread(&fit(&t.call_error(e), 300));
        c.wrapped(2, Line::styled(why, c.theme.warn()), 4);
    }
    c.gap();
    if total == 0 {
        c.line(Line::raw(format!("  {}", t.manage_none)));
        return;
    }
    if rows.is_empty() {
        c.line(Line::raw(format!("  {}", t.manage_no_match)));
        return;
    }
    let widths = col_widths(c.area.width);
    let head = cells(
        [
            t.cas_col_status,
            t.cas_col_type,
            t.cas_col_common_name,
            t.cas_col_paid_until,
            t.cas_col_auto_renew,
            t.cas_col_not_after,
        ]
        .map(String::from),
        widths,
    );
    c.line(Line::styled(format!("  {head}"), c.theme.dim()));
    for (i, row) in rows.iter().enumerate() {
        let ca = row.ca;
        let text = cells(
            [
                t.ca_status_words(&ca.status),
                ca.ca_type.clone().unwrap_or_else(|| "-".into()),
                ca.subject
                    .common_name
                    .clone()
                    .unwrap_or_else(|| ca.ca_id.clone()),
                paid_until(row.paid, flow.now, utc_date, t),
                auto_renew(row.paid, t),
                not_after_date(ca),
            ],
            widths,
        );
        let highlighted = i == flow.cursor;
        if highlighted {
            c.mark_focus();
            c.line(Line::from(vec![
                Span::styled("▸ ", c.theme.focus()),
                Span::styled(text, c.theme.focus()),
            ]));
        } else {
            c.line(Line::from(vec![Span::raw("  "), Span::raw(text)]));
        }
    }
}

fn row(c: &mut Canvas, label: &str, value: String, style: Style) {
    c.labelled(label, DETAIL_LABEL_W, Line::styled(value, style), false);
}

fn detail(flow: &ManageFlow, c: &mut Canvas) {
    let t = c.text;
    let Some(ca) = flow.shown_ca() else {
        return;
    };
    let dash = |v: &Option<String>| v.clone().filter(|s| !s.is_empty()).unwrap_or("-".into());
    let plain = Style::new();
    let s = &ca.subject;
    row(c, t.ca_id, ca.ca_id.clone(), c.theme.title());
    row(c, t.ca_status, t.ca_status_words(&ca.status), plain);
    row(c, t.ca_type, dash(&ca.ca_type), plain);
    row(c, t.ca_common_name, dash(&s.common_name), plain);
    c.gap();
    // The two ends, labelled apart: the subscription's (BSS) and the certificate's.
    let paid = flow.paid_of(&ca.ca_id);
    row(
        c,
        t.manage_paid_until,
        paid_until(paid, flow.now, utc_minute, t),
        c.theme.title(),
    );
    row(c, t.manage_auto_renew, auto_renew(paid, t), plain);
    row(c, t.manage_subscription, subscription_words(paid, t), plain);
    row(
        c,
        t.ca_not_before,
        ca.not_before.map_or("-".into(), format_millis),
        plain,
    );
    row(
        c,
        t.manage_cert_not_after,
        ca.not_after.map_or("-".into(), format_millis),
        c.theme.title(),
    );
    c.wrapped(2, Line::styled(t.manage_dates_note, c.theme.dim()), 4);
    if let Err(e) = &flow.paid {
        let why = t.cas_paid_unread(&fit(&t.call_error(e), 300));
        c.wrapped(2, Line::styled(why, c.theme.warn()), 4);
    }
    c.gap();
    // The rest of the CA, below its two ends.
    row(c, t.ca_organization, dash(&s.organization), plain);
    row(c, t.ca_unit, dash(&s.organizational_unit), plain);
    row(c, t.ca_country, dash(&s.country), plain);
    row(c, t.ca_state, dash(&s.state), plain);
    row(c, t.ca_locality, dash(&s.locality), plain);
    row(c, t.ca_issuer, dash(&ca.issuer_id), plain);
    row(c, t.ca_key_algorithm, dash(&ca.key_algorithm), plain);
    row(
        c,
        t.ca_signature_algorithm,
        dash(&ca.signature_algorithm),
        plain,
    );
    row(
        c,
        t.ca_path_length,
        ca.path_length.map_or("-".into(), |n| n.to_string()),
        plain,
    );
    row(c, t.ca_serial, dash(&ca.serial_number), plain);
}

/// BSS's status of the subscription in words, with its number.
fn subscription_words(paid: Paid<'_>, t: &Text) -> String {
    match paid {
        Paid::Unknown => t.cas_unknown.to_string(),
        Paid::Unlisted => t.manage_unlisted.to_string(),
        Paid::Known(s) => status_words(s, t),
    }
}

fn status_words(s: &Subscription, t: &Text) -> String {
    let code = s.status.code();
    t.manage_subscription_status(&t.resource_status(ResourceStatus(Some(code))), code)
}

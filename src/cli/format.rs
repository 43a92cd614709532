//! Shared formatting for every command's text: label/value rows, aligned tables, money, the CA and
//! history tables. Imports nothing from the rest of `cli`, so every command and the reports can use it.

use crate::activation::CaInfo;
use crate::activation::ca::format_millis;
use crate::billing::subscription::{self, Remaining, Subscription};
use crate::billing::{OrderDetails, Price};
use crate::journal::{ActionKind, ActionLine, Attempt, Event};
use crate::order::OrderRequest;
use crate::text::Text;

/// Label/value rows, the labels padded to one width (measured in terminal columns, so Chinese labels
/// line up too). A row with an empty label continues the one above: its value lines up under the
/// values, with no colon of its own (the second CA id of an order).
pub fn rows(rows: &[(&str, String)]) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    rows.iter()
        .map(|(l, v)| {
            let pad = " ".repeat(width - l.width());
            if l.is_empty() {
                format!("  {pad}  {v}\n")
            } else {
                format!("  {l}:{pad} {v}\n")
            }
        })
        .collect()
}

/// Rows as an aligned table, columns two spaces apart and measured in display columns (CJK is two wide),
/// trailing spaces trimmed: the one table layout of `history` and `cas`.
pub fn aligned(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.width()))))
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// What to do after an order, in one or two plain lines. `flags`: what the commands add to reach the
/// same account (`GlobalArgs::reach_flags`: `--sandbox`, or the endpoint flags used), so the advice
/// works as printed.
pub fn next_steps(req: &OrderRequest, order_id: &str, flags: &str, t: &Text) -> Vec<String> {
    let pay = if req.auto_pay() {
        t.cli_next_paid.to_string()
    } else {
        t.cli_next_pay(order_id, flags)
    };
    vec![pay, t.cli_next_activate(flags)]
}

/// An amount with its currency where people read it — `1,200.00 CNY`, grouped, with the places its
/// currency uses — the same function the wizard draws with (JSON keeps plain decimal strings).
pub use crate::text::format::{currency_places, money};

/// A time BSS sent (RFC 3339) where people read it: in the machine's zone, to the second, with its
/// offset (`2026-12-07 10:26:47 +08:00`), never the server's nanoseconds; JSON keeps RFC 3339 UTC. Text
/// that does not read as a time is shown as sent (already cleaned when it was parsed).
pub fn server_time(text: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(text.trim(), &Rfc3339) {
        Ok(t) => crate::text::format::local_time(t, crate::text::format::local_offset_at(t)),
        Err(_) => text.to_string(),
    }
}

/// The order's currency, CNY when BSS leaves it out (its documented default).
pub fn currency_of(d: &OrderDetails) -> String {
    if d.currency.is_empty() {
        "CNY".to_string()
    } else {
        d.currency.clone()
    }
}

/// The one-line price in the user's language: what the order charges (the list price), what it buys,
/// and the best offer when there is one, labelled as an offer pca-order does not apply.
pub fn price_line(p: &Price, request: &OrderRequest, t: &Text) -> String {
    let amount = money(&p.charged(), &p.currency);
    let what = t.bill_what(
        request.subscription_num,
        request.period_num,
        request.period_unit(),
    );
    match &p.discount {
        Some(d) if d.discount_amount.is_positive() => t.bill_price_offer(
            &amount,
            &what,
            &money(&d.amount, &p.currency),
            &money(&d.discount_amount, &p.currency),
            &d.name,
        ),
        _ => t.bill_price_value(&amount, &what),
    }
}

/// History: each pay or cancel attempt right after the attempt that created its order (by order id),
/// otherwise in time order.
pub fn beside_orders(attempts: &[Attempt]) -> Vec<&Attempt> {
    use std::collections::HashMap;
    // Each order's pay/cancel attempts, in journal order, found once (linear, not a scan per order).
    let mut actions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, b) in attempts.iter().enumerate() {
        if let Some(x) = &b.action {
            actions.entry(x.order_id.as_str()).or_default().push(j);
        }
    }
    let mut placed = vec![false; attempts.len()];
    let mut out = Vec::with_capacity(attempts.len());
    for (i, a) in attempts.iter().enumerate() {
        if placed[i] {
            continue;
        }
        placed[i] = true;
        out.push(a);
        if let Some(Event::Created { order_id, .. }) = &a.outcome
            && let Some(later) = actions.remove(order_id.as_str())
        {
            for j in later.into_iter().filter(|&j| j > i) {
                if !placed[j] {
                    placed[j] = true;
                    out.push(&attempts[j]);
                }
            }
        }
    }
    out
}

/// The history row of a pay or cancel attempt: time, state, order, what, region, result.
pub fn action_row(a: &Attempt, action: &ActionLine, t: &Text) -> Vec<String> {
    let kind = action.kind;
    let (state, result) = match &a.outcome {
        Some(Event::Done { .. }) => (
            match kind {
                ActionKind::Pay => t.history_paid.to_string(),
                ActionKind::Cancel => t.history_cancelled.to_string(),
            },
            t.history_done.to_string(),
        ),
        Some(Event::Rejected {
            status, error_code, ..
        }) => (
            t.history_action_refused(kind),
            format!("HTTP {status} {error_code}"),
        ),
        Some(Event::Unknown { reason }) => (
            t.history_action_unknown(kind),
            t.history_check_order(&crate::sanitize::cut(reason, 60)),
        ),
        Some(Event::NotSent { reason }) => (
            t.history_action_not_sent(kind),
            crate::sanitize::cut(reason, 60),
        ),
        _ => (
            t.history_action_no_answer(kind),
            t.history_action_stopped.to_string(),
        ),
    };
    let state = if action.sandbox {
        format!("{state}{}", t.history_sandbox)
    } else {
        state
    };
    let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
    vec![
        when,
        state,
        action.order_id.clone(),
        t.history_action_what(kind),
        action.region.clone(),
        result,
    ]
}

/// The text, or `-` when there is none.
pub fn or_dash(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or("-").to_string()
}

/// What is known of the CAs' subscriptions: those BSS listed (by lower-case id), or `None` when BSS
/// could not be read (every CA's paid life is then unknown, not absent).
pub type PaidLives = Option<std::collections::HashMap<String, Subscription>>;

/// A CA's subscription from what is known: `Ok(None)` when BSS does not list it (pay-per-use, not yet
/// provisioned), `Err(())` when BSS could not be read.
#[allow(clippy::result_unit_err)] // "unknown" carries nothing: the warning line said why once
pub fn paid_life<'a>(paid: &'a PaidLives, ca_id: &str) -> Result<Option<&'a Subscription>, ()> {
    match paid {
        None => Err(()),
        Some(map) => Ok(map.get(&ca_id.to_ascii_lowercase())),
    }
}

/// A UTC time to the minute, as the paid-until cell shows it.
pub fn utc_minute(at: time::OffsetDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| subscription::bss_time(at))
}

/// The PAID UNTIL cell: the date and the days left (or "expired", or "closed" once unsubscribed), `-`
/// when BSS does not list the CA
/// or gave no end, the unknown word when BSS could not be read.
pub fn paid_until_cell(
    life: Result<Option<&Subscription>, ()>,
    now: time::OffsetDateTime,
    t: &Text,
) -> String {
    match life {
        Err(()) => t.cas_unknown.to_string(),
        Ok(None) => "-".to_string(),
        Ok(Some(s)) => match s.expire_time {
            None => "-".to_string(),
            // Closed (unsubscribed): ended now, whatever the date it was paid until.
            Some(end) if s.status == subscription::ResourceStatus::Closed => {
                t.cas_paid_closed(&utc_minute(end))
            }
            Some(end) => match subscription::days_left(now, end) {
                Remaining::Left { days } => t.cas_paid_until(&utc_minute(end), days),
                Remaining::Expired { .. } => t.cas_paid_expired(&utc_minute(end)),
            },
        },
    }
}

/// The AUTO-RENEW cell: on (`expire_policy` 3) or off, `-` when BSS does not list the CA, the unknown
/// word when BSS could not be read.
pub fn auto_renew_cell(life: Result<Option<&Subscription>, ()>, t: &Text) -> String {
    match life {
        Err(()) => t.cas_unknown.to_string(),
        Ok(None) => "-".to_string(),
        Ok(Some(s)) if s.auto_renew() => t.cas_auto_renew_on.to_string(),
        Ok(Some(_)) => t.cas_auto_renew_off.to_string(),
    }
}

/// The CAs as an aligned table: id, type, status, common name, key algorithm, paid until (days left),
/// auto-renew, not-after (the certificate's end, a different date from the subscription's).
pub fn cas_table(cas: &[CaInfo], paid: &PaidLives, now: time::OffsetDateTime, t: &Text) -> String {
    let mut rows = vec![
        [
            t.cas_col_id,
            t.cas_col_type,
            t.cas_col_status,
            t.cas_col_common_name,
            t.cas_col_key,
            t.cas_col_paid_until,
            t.cas_col_auto_renew,
            t.cas_col_not_after,
        ]
        .map(String::from)
        .to_vec(),
    ];
    for c in cas {
        let life = paid_life(paid, &c.ca_id);
        rows.push(vec![
            c.ca_id.clone(),
            or_dash(c.ca_type.as_deref()),
            t.ca_status_words(&c.status),
            or_dash(c.subject.common_name.as_deref()),
            or_dash(c.key_algorithm.as_deref()),
            paid_until_cell(life, now, t),
            auto_renew_cell(life, t),
            c.not_after.map_or("-".to_string(), format_millis),
        ]);
    }
    aligned(&rows)
}

/// One CA in words, a line per field (what `ca` and a successful `activate` print).
pub fn describe_ca(c: &CaInfo, t: &Text) -> String {
    let s = &c.subject;
    let mut r = vec![
        (t.ca_id, c.ca_id.clone()),
        (t.ca_type, or_dash(c.ca_type.as_deref())),
        (t.ca_status, t.ca_status_words(&c.status)),
        (t.ca_common_name, or_dash(s.common_name.as_deref())),
        (t.ca_country, or_dash(s.country.as_deref())),
    ];
    for (label, v) in [
        (t.ca_organization, &s.organization),
        (t.ca_unit, &s.organizational_unit),
        (t.ca_state, &s.state),
        (t.ca_locality, &s.locality),
        (t.ca_issuer, &c.issuer_id),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            r.push((label, v.to_string()));
        }
    }
    r.push((t.ca_key_algorithm, or_dash(c.key_algorithm.as_deref())));
    r.push((
        t.ca_signature_algorithm,
        or_dash(c.signature_algorithm.as_deref()),
    ));
    r.push((t.ca_serial, or_dash(c.serial_number.as_deref())));
    r.push((
        t.ca_not_before,
        c.not_before.map_or("-".into(), format_millis),
    ));
    r.push((
        t.ca_not_after,
        c.not_after.map_or("-".into(), format_millis),
    ));
    rows(&r)
}

/// Activation attempts from the journal, one line each, for `history`.
pub fn activations_table(attempts: &[crate::journal::ActivationAttempt], t: &Text) -> String {
    use crate::journal::ActivationEvent as E;
    let mut text = format!("{}\n", t.act_cli_history_title);
    for a in attempts {
        let sandbox = matches!(a.sending, Some(E::Sending { sandbox: true, .. }));
        let result = match &a.outcome {
            Some(E::Activated) => t.act_cli_history_activated.to_string(),
            Some(E::SubjectSaved { .. }) => t.history_subject_saved.to_string(),
            Some(E::Imported) => t.history_imported.to_string(),
            Some(E::Rejected {
                status, error_code, ..
            }) => t.act_cli_history_rejected(*status, error_code),
            Some(E::Unknown { reason }) => {
                t.act_cli_history_unknown(&a.ca_id, &crate::sanitize::cut(reason, 60))
            }
            Some(E::NotSent { reason }) => {
                t.act_cli_history_not_sent(&crate::sanitize::cut(reason, 60))
            }
            Some(E::Sending { .. }) | None => t.act_cli_history_no_answer(&a.ca_id),
        };
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        text.push_str(&format!(
            "  {when}  {} {}{}  {result}\n",
            a.operation.word(),
            a.ca_id,
            if sandbox { t.history_sandbox } else { "" }
        ));
    }
    text
}

/// The renewal attempts, a line each: when, the CAs, and what came of it (the renewal order ids; a
/// renewal with no answer may have made an order: the line says to look).
pub fn renewals_table(attempts: &[crate::journal::RenewalAttempt], t: &Text) -> String {
    use crate::journal::Event as E;
    let mut text = format!("{}\n", t.renew_history_title);
    for a in attempts {
        let sandbox = matches!(a.sending, Some(E::Sending { sandbox: true, .. }));
        let result = match &a.outcome {
            Some(E::Renewed { order_ids, .. }) => t.renew_history_renewed(&order_ids.join(", ")),
            Some(E::Rejected {
                status, error_code, ..
            }) => t.act_cli_history_rejected(*status, error_code),
            Some(E::Unknown { reason }) => {
                t.renew_history_unknown(&crate::sanitize::cut(reason, 60))
            }
            Some(E::NotSent { reason }) => {
                t.act_cli_history_not_sent(&crate::sanitize::cut(reason, 60))
            }
            _ => t.renew_history_no_answer.to_string(),
        };
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        // Journal text may hold anything a hand edit or a server wrote: cleaned before it is shown.
        let line = format!(
            "{when}  renew {}{}  {result}",
            a.ca_ids().join(", "),
            if sandbox { t.history_sandbox } else { "" }
        );
        text.push_str(&format!("  {}\n", crate::sanitize::clean(&line)));
    }
    text
}

/// Auto-renew switches and unsubscribes from the journal, one line each, for `history`.
pub fn lifecycle_table(attempts: &[crate::journal::LifecycleAttempt], t: &Text) -> String {
    use crate::billing::lifecycle::{AutoRenew, Unsubscribe};
    use crate::journal::LifecycleOperation;
    let mut text = format!("{}\n", t.lc_history_title);
    for a in attempts {
        let sandbox = matches!(a.sending, Some(Event::Sending { sandbox: true, .. }));
        let what = match a.operation {
            LifecycleOperation::AutoRenew => match a.request().and_then(AutoRenew::from_journal) {
                Some(AutoRenew::On { times, .. }) => {
                    t.lc_history_auto_renew(true, times.map(|n| n.to_string()).as_deref())
                }
                Some(AutoRenew::Off) => t.lc_history_auto_renew(false, None),
                None => "auto-renew ?".to_string(),
            },
            LifecycleOperation::Unsubscribe => {
                let what = a
                    .request()
                    .and_then(|r| r.get("unsubscribe_type"))
                    .and_then(serde_json::Value::as_u64)
                    .and_then(Unsubscribe::from_code);
                match what {
                    Some(w) => t.lc_history_unsubscribe(w == Unsubscribe::Ca),
                    None => "unsubscribe ?".to_string(),
                }
            }
        };
        let result = match &a.outcome {
            Some(Event::Accepted { order_ids }) if order_ids.is_empty() => {
                t.lc_history_accepted.to_string()
            }
            Some(Event::Accepted { order_ids }) => {
                format!("{} {}", t.lc_history_accepted, order_ids.join(", "))
            }
            Some(Event::Rejected {
                status, error_code, ..
            }) => t.lc_history_rejected(*status, error_code),
            Some(Event::Unknown { reason }) => {
                t.lc_history_unknown(&a.ca_id, &crate::sanitize::cut(reason, 60))
            }
            Some(Event::NotSent { reason }) => {
                t.lc_history_not_sent(&crate::sanitize::cut(reason, 60))
            }
            Some(_) | None => t.lc_history_no_answer(&a.ca_id),
        };
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        let line = format!(
            "{when}  {what} {}{}  {result}",
            a.ca_id,
            if sandbox { t.history_sandbox } else { "" }
        );
        // Journal text may hold anything: never print a control character from it.
        text.push_str(&format!("  {}\n", crate::sanitize::clean(&line)));
    }
    text
}

/// The journal as an aligned text table, one row per attempt.
pub fn history_table(attempts: &[crate::journal::Attempt], t: &Text) -> String {
    let mut rows = vec![
        [
            t.history_time,
            t.history_state,
            t.history_order,
            t.history_what,
            t.history_region,
            t.history_result,
        ]
        .map(String::from)
        .to_vec(),
    ];
    for a in beside_orders(attempts) {
        if let Some(action) = &a.action {
            rows.push(action_row(a, action, t));
            continue;
        }
        let (what, region, sandbox) = match &a.sending {
            Some(s) => (
                format!(
                    "{} × {}",
                    s.request.subscription_num,
                    t.period_value(s.request.period_num, s.request.period_unit())
                ),
                s.region.clone(),
                a.is_pretend(),
            ),
            None => ("?".into(), "?".into(), false),
        };
        let (state, order, result) = match &a.outcome {
            Some(Event::Created { order_id, ca_ids }) => (
                t.history_created,
                order_id.clone(),
                t.history_ca_ids(ca_ids.len()),
            ),
            Some(Event::Rejected {
                status,
                error_code,
                request_id,
                ..
            }) => (
                t.history_rejected,
                "-".into(),
                format!(
                    "HTTP {status} {error_code}{}",
                    request_id
                        .as_ref()
                        .map(|r| format!(" req {r}"))
                        .unwrap_or_default()
                ),
            ),
            Some(Event::Unknown { reason }) => (
                t.history_unknown,
                "?".into(),
                t.history_check(&crate::sanitize::cut(reason, 60)),
            ),
            Some(Event::NotSent { reason }) => (
                t.history_not_sent,
                "-".into(),
                crate::sanitize::cut(reason, 60),
            ),
            Some(
                Event::Sending { .. }
                | Event::ActionSending { .. }
                | Event::Done { .. }
                | Event::Activated
                | Event::SubjectSaved { .. }
                | Event::Imported
                | Event::Renewed { .. }
                | Event::Accepted { .. },
            )
            | None => (t.history_no_answer, "?".into(), t.history_stopped.into()),
        };
        let state = if sandbox {
            format!("{state}{}", t.history_sandbox)
        } else {
            state.to_string()
        };
        // RFC 3339 to the second reads better in a table; the JSON output keeps the full time.
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        // Journal text may hold anything an older version, a hand edit or a server wrote: never print
        // a control character from it (an escape sequence would steer the terminal).
        let row = [when, state, order, what, region, result];
        rows.push(row.iter().map(|c| crate::sanitize::clean(c)).collect());
    }
    aligned(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A closed subscription (BSS resource status 3, after `unsubscribe --what ca`) has ended whatever
    /// its end date says: the cell says so, never "N d left"; one in use still counts its days.
    #[test]
    fn a_closed_subscription_shows_as_ended_not_days_left() {
        let now = time::macros::datetime!(2026-12-07 00:00 UTC);
        let end = time::macros::datetime!(2027-01-16 00:00 UTC);
        let sub = |status: i64| Subscription {
            resource_id: "ca-1".into(),
            status: subscription::ResourceStatus::from_code(status),
            effective_time: None,
            expire_time: Some(end),
            expire_policy: None,
            region_code: "cn-north-4".into(),
            is_main_resource: Some(1),
        };
        for lang in crate::text::Lang::ALL {
            let t = lang.text();
            let closed = paid_until_cell(Ok(Some(&sub(3))), now, t);
            assert_eq!(closed, t.cas_paid_closed(&utc_minute(end)), "{closed}");
            let in_use = paid_until_cell(Ok(Some(&sub(2))), now, t);
            assert_eq!(in_use, t.cas_paid_until(&utc_minute(end), 40), "{in_use}");
        }
    }

    #[test]
    fn a_server_time_reads_to_the_second_with_its_offset() {
        // The zone is the machine's, so only the shape is pinned: seconds, an offset, no fraction.
        let shown = server_time("2026-12-07T02:26:47.573881503Z");
        assert!(
            !shown.contains("573881503") && !shown.contains('T'),
            "{shown}"
        );
        let (_, offset) = shown.rsplit_once(' ').expect("date time offset");
        assert!(
            offset.len() == 6 && offset.starts_with(['+', '-']) && &offset[3..4] == ":",
            "{shown}"
        );
        assert_eq!(server_time("not a time"), "not a time");
        assert_eq!(
            money(&crate::billing::Amount::parse("21600").expect("ok"), "CNY"),
            "21,600.00 CNY"
        );
    }

    /// A row with no label continues the one above: its value under the values, no colon (the second
    /// CA id of an order read "  :         2fc4…").
    #[test]
    fn a_row_without_a_label_continues_the_one_above() {
        let text = rows(&[
            ("CA IDs", "a".to_string()),
            ("", "b".to_string()),
            ("订单日志", "c".to_string()),
        ]);
        assert_eq!(text, "  CA IDs:   a\n            b\n  订单日志: c\n");
    }

    #[test]
    fn tables_align_by_display_columns_and_trim_the_last_cell() {
        let rows = vec![
            vec!["ID".to_string(), "NAME".to_string(), "X".to_string()],
            vec!["1".to_string(), "生产环境".to_string(), String::new()],
        ];
        assert_eq!(aligned(&rows), "ID  NAME      X\n1   生产环境\n");
    }
}

//! `expiring [--within 30d]`: the CAs whose subscription (BSS `expire_time`) ends within the window
//! without auto-renew, or whose certificate (`not_after`) ends within it (auto-renew or not: renewing
//! the subscription is not known to renew the certificate). Exit 0 when none, 6 when some, so cron and
//! CI can branch. One CCM list (1000 a page) and one BSS query per 50 CAs, never a request per CA.

use serde_json::{Value, json};

use super::activation::read_paid_lives_quiet;
use super::args::{ExpiringArgs, GlobalArgs, RunCommand};
use super::fail::{fail_t, read_failed};
use super::format::{PaidLives, aligned, auto_renew_cell, or_dash, paid_life, paid_until_cell};
use super::io::Io;
use super::report::{self, Report, ca_json, paid_json};
use super::target::clients;
use crate::activation::CaInfo;
use crate::activation::ca::format_millis;
use crate::api::client::CaFilter;
use crate::billing::subscription::{self, Attention};
use crate::exit;
use crate::text::Text;

impl RunCommand for ExpiringArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_expiring(io, g, self, t).await
    }
}

/// A CCM time (ms) as UTC.
fn utc(ms: i64) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

/// `pca-order expiring`.
async fn run_expiring(io: &mut Io, g: &GlobalArgs, args: &ExpiringArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let Some(window) = subscription::parse_window(&args.within) else {
        let given = crate::sanitize::cut(&crate::sanitize::clean(&args.within), 20);
        return fail_t(io, out, exit::USAGE, t, |t| t.expiring_bad_within(&given));
    };
    let (_target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cas = match bss.ccm().list_cas(&CaFilter::default()).await {
        Ok(cas) => cas,
        Err(e) => return read_failed(io, out, &e, t),
    };
    // A deleted CA needs nothing more (ours).
    let cas: Vec<CaInfo> = cas
        .into_iter()
        .filter(|c| c.status.as_str() != "DELETED")
        .collect();
    // Without the subscriptions the answer could be a false "nothing": a monitoring job must see the
    // read fail, not exit 0. The error says why, once (no warning before it).
    let paid = match read_paid_lives_quiet(&bss, &cas).await {
        Ok(paid) => paid,
        Err(e) => {
            return fail_t(io, out, exit::UNKNOWN, t, |t| {
                t.expiring_unread(&t.call_error(&e))
            });
        }
    };
    let now = time::OffsetDateTime::now_utc();
    let rows: Vec<(&CaInfo, Vec<Attention>)> = cas
        .iter()
        .map(|c| {
            let sub = paid_life(&paid, &c.ca_id).ok().flatten();
            let why = subscription::attention(sub, c.not_after.and_then(utc), now, window);
            (c, why)
        })
        .filter(|(_, why)| !why.is_empty())
        .collect();
    let report = ExpiringReport {
        within: args.within.trim().to_string(),
        window_end: now + window,
        rows: &rows,
        paid: &paid,
        now,
        t,
    };
    report::emit(io, &report, out);
    report.exit_code()
}

/// The end of `expiring`: the CAs that need attention and why.
pub struct ExpiringReport<'a> {
    /// `--within` as given.
    pub within: String,
    /// When the window ends.
    pub window_end: time::OffsetDateTime,
    /// Each listed CA with why.
    pub rows: &'a [(&'a CaInfo, Vec<Attention>)],
    /// The subscriptions read.
    pub paid: &'a PaidLives,
    /// When the days left are counted from.
    pub now: time::OffsetDateTime,
    /// The language of the text.
    pub t: &'a Text,
}

impl ExpiringReport<'_> {
    /// 6 when a CA needs attention, 0 when none.
    pub fn exit_code(&self) -> i32 {
        if self.rows.is_empty() {
            exit::ORDERED
        } else {
            exit::EXPIRING
        }
    }
}

impl Report for ExpiringReport<'_> {
    fn json(&self) -> Value {
        let cas: Vec<Value> = self
            .rows
            .iter()
            .map(|(c, why)| {
                let mut v = ca_json(c);
                if let Value::Object(m) = &mut v {
                    m.extend(paid_json(paid_life(self.paid, &c.ca_id), self.now));
                    m.insert("reasons".into(), json!(why));
                }
                v
            })
            .collect();
        json!({"outcome": "expiring", "exit_code": self.exit_code(), "within": self.within,
               "window_end": subscription::bss_time(self.window_end), "total": self.rows.len(),
               "certificate_authorities": cas})
    }

    fn text(&self) -> String {
        let t = self.t;
        if self.rows.is_empty() {
            return format!("{}\n", t.expiring_none(&self.within));
        }
        let mut table = vec![
            [
                t.cas_col_id,
                t.cas_col_common_name,
                t.cas_col_paid_until,
                t.cas_col_auto_renew,
                t.cas_col_not_after,
                t.expiring_col_why,
            ]
            .map(String::from)
            .to_vec(),
        ];
        for (c, why) in self.rows {
            let life = paid_life(self.paid, &c.ca_id);
            let why: Vec<&str> = why
                .iter()
                .map(|w| match w {
                    Attention::SubscriptionEnds => t.expiring_why_subscription,
                    Attention::CertificateEnds
                        if life.ok().flatten().is_some_and(|s| s.auto_renew()) =>
                    {
                        t.expiring_why_certificate_auto_renew
                    }
                    Attention::CertificateEnds => t.expiring_why_certificate,
                })
                .collect();
            table.push(vec![
                c.ca_id.clone(),
                or_dash(c.subject.common_name.as_deref()),
                paid_until_cell(life, self.now, t),
                auto_renew_cell(life, t),
                c.not_after.map_or("-".to_string(), format_millis),
                why.join("; "),
            ]);
        }
        format!(
            "{}{}\n",
            aligned(&table),
            t.expiring_summary(self.rows.len(), &self.within)
        )
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

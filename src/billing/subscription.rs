//! A yearly/monthly CA's subscription as BSS keeps it (LIFECYCLE.md §1.2), without I/O: the body of the
//! resources query (ListPayPerUseCustomerResources — the name is misleading, it lists yearly/monthly
//! resources), the split of any CA id list into queries of at most 50, the parsing of its answer into
//! [`Subscription`]s, how many days of the paid period are left (in UTC), and the calendar arithmetic
//! the sandbox uses to extend a period.
//!
//! The subscription's end is BSS `expire_time`, not the certificate's `not_after`: two different dates.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::sanitize::{clean, cut};

/// Path of the resources query (the misspelling "suscriptions" is the real path).
pub const SUBSCRIPTIONS_PATH: &str = "/v2/orders/suscriptions/resources/query";
/// The most `resource_ids` one query may carry (documented `[0-50]`).
pub const MAX_IDS_PER_QUERY: usize = 50;
/// The page size asked for (ours: the documented maximum is not known, Terraform pages with 100; a
/// query of at most 50 main resources fits one page of 50).
pub const PAGE_LIMIT: u64 = 50;
/// The most pages one query follows (ours): a server claiming a `total_count` it never delivers cannot
/// make the read loop.
pub const MAX_PAGES: usize = 20;
/// `expire_policy` 3: the only value that means auto-renew is on.
pub const EXPIRE_POLICY_AUTO_RENEW: i64 = 3;

/// A resource id (a CA id, for a CA) as BSS sends it, at most this long after cleaning.
const MAX_ID_CHARS: usize = 64;

/// BSS's resource `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceStatus {
    /// 2: in use.
    InUse,
    /// 3: closed.
    Closed,
    /// 4: frozen.
    Frozen,
    /// 5: expired.
    Expired,
    /// Any other number, kept as sent (not documented).
    Other(i64),
}

impl ResourceStatus {
    /// From BSS's number.
    pub fn from_code(code: i64) -> ResourceStatus {
        match code {
            2 => ResourceStatus::InUse,
            3 => ResourceStatus::Closed,
            4 => ResourceStatus::Frozen,
            5 => ResourceStatus::Expired,
            n => ResourceStatus::Other(n),
        }
    }

    /// BSS's number.
    pub fn code(self) -> i64 {
        match self {
            ResourceStatus::InUse => 2,
            ResourceStatus::Closed => 3,
            ResourceStatus::Frozen => 4,
            ResourceStatus::Expired => 5,
            ResourceStatus::Other(n) => n,
        }
    }

    /// The documented name in English (JSON's `subscription_status`; stable).
    pub fn name(self) -> &'static str {
        super::resource_status_name(Some(self.code()))
    }
}

/// One yearly/monthly resource (a CA) as the resources query reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The BSS resource id: for a CA, its `ca_id`.
    pub resource_id: String,
    /// 2 in use, 3 closed, 4 frozen, 5 expired.
    pub status: ResourceStatus,
    /// When the paid period began (UTC).
    pub effective_time: Option<OffsetDateTime>,
    /// When the paid period ends (UTC): the subscription's end, not the certificate's.
    pub expire_time: Option<OffsetDateTime>,
    /// What happens at expiry (0 grace, 1 to pay-per-use, 2 delete, 3 auto-renew, 4 freeze, 5 delete from
    /// retention); `None` when BSS did not say.
    pub expire_policy: Option<i64>,
    /// `region_code`, cleaned.
    pub region_code: String,
    /// `is_main_resource` (1 main: only main resources may be renewed or unsubscribed).
    pub is_main_resource: Option<i64>,
}

impl Subscription {
    /// Whether auto-renew is on: only `expire_policy` 3 means it (LIFECYCLE.md §1.2).
    pub fn auto_renew(&self) -> bool {
        self.expire_policy == Some(EXPIRE_POLICY_AUTO_RENEW)
    }
}

/// One answer page of the resources query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionPage {
    /// `total_count`: how many match the query in all.
    pub total_count: u64,
    /// This page's resources.
    pub items: Vec<Subscription>,
}

/// The CA ids split into the queries they need: at most [`MAX_IDS_PER_QUERY`] each, in order, each id
/// once (compared without case). An empty list needs no query at all — an empty `resource_ids` would
/// mean "no filter" and list every resource of the account.
pub fn id_chunks(ids: &[String]) -> Vec<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<String> = ids
        .iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty() && seen.insert(i.to_ascii_lowercase()))
        .collect();
    unique
        .chunks(MAX_IDS_PER_QUERY)
        .map(<[String]>::to_vec)
        .collect()
}

/// What a resources query asks: the documented filters pca-order and the sandbox use. Absent filters are
/// left out of the body (BSS refuses `null` for `resource_ids`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriptionQuery {
    /// `resource_ids` (at most 50; empty = not sent).
    pub resource_ids: Vec<String>,
    /// `order_id`.
    pub order_id: Option<String>,
    /// `status_list`.
    pub status_list: Vec<i64>,
    /// `expire_time_begin` (UTC).
    pub expire_time_begin: Option<OffsetDateTime>,
    /// `expire_time_end` (UTC).
    pub expire_time_end: Option<OffsetDateTime>,
    /// `offset`.
    pub offset: u64,
    /// `limit`.
    pub limit: u64,
}

/// BSS's time format: UTC `yyyy-MM-ddTHH:mm:ssZ`.
pub fn bss_time(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

impl SubscriptionQuery {
    /// The query for these ids (at most 50) from `offset`, main resources only.
    pub fn for_ids(ids: &[String], offset: u64) -> SubscriptionQuery {
        SubscriptionQuery {
            resource_ids: ids.to_vec(),
            offset,
            limit: PAGE_LIMIT,
            ..SubscriptionQuery::default()
        }
    }

    /// The wire body: `only_main_resource` 1, `offset`, `limit`, and only the filters that are set.
    /// Refuses more than [`MAX_IDS_PER_QUERY`] ids (the documented limit) rather than sending them.
    pub fn body(&self) -> Result<Value, String> {
        if self.resource_ids.len() > MAX_IDS_PER_QUERY {
            return Err(format!(
                "resource_ids: {} ids, at most {MAX_IDS_PER_QUERY} a query",
                self.resource_ids.len()
            ));
        }
        let mut body = json!({"only_main_resource": 1, "offset": self.offset, "limit": self.limit});
        if !self.resource_ids.is_empty() {
            body["resource_ids"] = json!(self.resource_ids);
        }
        if let Some(o) = &self.order_id {
            body["order_id"] = json!(o);
        }
        if !self.status_list.is_empty() {
            body["status_list"] = json!(self.status_list);
        }
        if let Some(t) = self.expire_time_begin {
            body["expire_time_begin"] = json!(bss_time(t));
        }
        if let Some(t) = self.expire_time_end {
            body["expire_time_end"] = json!(bss_time(t));
        }
        Ok(body)
    }
}

/// A BSS time (`yyyy-MM-ddTHH:mm:ssZ`, any RFC 3339 offset accepted) as UTC, or an error naming `field`.
pub fn parse_bss_time(field: &str, text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(|t| t.to_offset(UtcOffset::UTC))
        .map_err(|_| {
            format!(
                "{field}: \"{}\" is not a UTC time (yyyy-MM-ddTHH:mm:ssZ)",
                cut(&clean(text), 40)
            )
        })
}

#[derive(Deserialize)]
struct RawPage {
    #[serde(default)]
    total_count: Option<Value>,
    #[serde(default)]
    data: Option<Vec<Value>>,
}

/// An optional whole number, or an error naming the field (a string or fraction is refused).
fn int_field(item: &Value, key: &str, at: usize) -> Result<Option<i64>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("data[{at}].{key}: not a whole number")),
    }
}

/// An optional text field, or an error naming the field.
fn text_field(item: &Value, key: &str, at: usize) -> Result<Option<String>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("data[{at}].{key}: not text")),
    }
}

/// An optional time field, or an error naming the field.
fn time_field(item: &Value, key: &str, at: usize) -> Result<Option<OffsetDateTime>, String> {
    match text_field(item, key, at)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => parse_bss_time(&format!("data[{at}].{key}"), &s).map(Some),
    }
}

/// Parses a 200 answer of the resources query: `{total_count, data: [OrderInstanceV2]}`. Unknown fields
/// are ignored; a field of the wrong type or a time that is not one is an error naming the field. Text
/// is cleaned and capped (it comes from the server).
pub fn parse_subscriptions(body: &[u8]) -> Result<SubscriptionPage, String> {
    let raw: RawPage = serde_json::from_slice(body)
        .map_err(|e| format!("the subscriptions are not in the documented shape ({e})"))?;
    // A JSON object with neither documented key is another server's answer (a proxy's, an error page's
    // JSON behind a 200), never "no subscriptions": `expiring` would say nothing ends.
    if raw.total_count.is_none() && raw.data.is_none() {
        return Err(
            "the subscriptions are not in the documented shape (no total_count or data)".into(),
        );
    }
    let items = raw.data.unwrap_or_default();
    let total_count = match raw.total_count {
        None | Some(Value::Null) => items.len() as u64,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| "total_count: not a whole number".to_string())?,
    };
    let mut out = Vec::with_capacity(items.len());
    for (at, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(format!("data[{at}]: not an object"));
        }
        let resource_id = text_field(item, "resource_id", at)?
            .map(|s| cut(&clean(s.trim()), MAX_ID_CHARS))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| format!("data[{at}].resource_id: missing"))?;
        let status = int_field(item, "status", at)?
            .map_or(ResourceStatus::Other(0), ResourceStatus::from_code);
        out.push(Subscription {
            resource_id,
            status,
            effective_time: time_field(item, "effective_time", at)?,
            expire_time: time_field(item, "expire_time", at)?,
            expire_policy: int_field(item, "expire_policy", at)?,
            region_code: cut(
                &clean(&text_field(item, "region_code", at)?.unwrap_or_default()),
                MAX_ID_CHARS,
            ),
            is_main_resource: int_field(item, "is_main_resource", at)?,
        });
    }
    Ok(SubscriptionPage {
        total_count,
        items: out,
    })
}

/// The subscriptions keyed by their resource id in lower case, for joining with CCM's CA list (a CA
/// id's case is not significant).
pub fn by_id(subs: Vec<Subscription>) -> std::collections::HashMap<String, Subscription> {
    subs.into_iter()
        .map(|s| (s.resource_id.to_ascii_lowercase(), s))
        .collect()
}

/// How much of a paid period is left at a moment, in UTC (so daylight saving never shifts it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Remaining {
    /// Before expiry: this many whole days left (rounded down: 23 hours left is 0 days).
    Left {
        /// Whole days left.
        days: i64,
    },
    /// At or after expiry: ended this many whole days ago (0 on the day it ended).
    Expired {
        /// Whole days since expiry.
        days_ago: i64,
    },
}

impl Remaining {
    /// Days left as one number (for JSON and sorting): 0 or more before expiry, negative from the
    /// moment of expiry on (-1 within the first day after it), so 0 always means "less than a day left".
    pub fn signed_days(self) -> i64 {
        match self {
            Remaining::Left { days } => days,
            Remaining::Expired { days_ago } => -days_ago - 1,
        }
    }

    /// Whether the period has ended.
    pub fn is_expired(self) -> bool {
        matches!(self, Remaining::Expired { .. })
    }
}

/// How much of the period ending at `expire` is left at `now` (both taken in UTC). The moment of expiry
/// itself counts as expired; one second before it, 0 days are left.
pub fn days_left(now: OffsetDateTime, expire: OffsetDateTime) -> Remaining {
    let secs = (expire - now).whole_seconds();
    if secs > 0 {
        Remaining::Left {
            days: secs / 86_400,
        }
    } else {
        Remaining::Expired {
            days_ago: -secs / 86_400,
        }
    }
}

/// The unit of a subscription period (BSS `period_type` 2 month, 3 year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `period_type` 2.
    Month,
    /// `period_type` 3.
    Year,
}

impl Unit {
    /// From BSS's `period_type` (2 or 3).
    pub fn from_period_type(period_type: u8) -> Option<Unit> {
        match period_type {
            2 => Some(Unit::Month),
            3 => Some(Unit::Year),
            _ => None,
        }
    }
}

/// `t` moved on by `n` calendar months or years in UTC, the time of day kept. A day the target month
/// lacks (31 January + 1 month) becomes that month's last day (ours: BSS does not document it).
/// `None` beyond the calendar's range.
pub fn add_period(t: OffsetDateTime, unit: Unit, n: u64) -> Option<OffsetDateTime> {
    let t = t.to_offset(UtcOffset::UTC);
    let months = match unit {
        Unit::Month => n,
        Unit::Year => n.checked_mul(12)?,
    };
    let start = i64::from(t.year()) * 12 + i64::from(u8::from(t.month())) - 1;
    let target = start.checked_add(i64::try_from(months).ok()?)?;
    let year = i32::try_from(target.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(target.rem_euclid(12) + 1).ok()?).ok()?;
    let day = t.day().min(month.length(year));
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(date.with_time(t.time()).assume_utc())
}

/// `t` moved on by `days` whole days (the sandbox's "expires in N days").
pub fn add_days(t: OffsetDateTime, days: i64) -> Option<OffsetDateTime> {
    t.checked_add(Duration::days(days))
}

/// The longest `expiring --within` window (ours: ten years).
pub const MAX_WINDOW_DAYS: i64 = 3650;

/// An `expiring --within` window: a whole number and a unit — `h` hours, `d` days, `w` weeks — from
/// 1 hour to [`MAX_WINDOW_DAYS`] days (rules ours, not an API's). `None` for anything else.
pub fn parse_window(text: &str) -> Option<Duration> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let number = text.get(..text.len() - unit.len_utf8())?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 9 {
        return None;
    }
    let n: i64 = number.parse().ok()?;
    let window = match unit.to_ascii_lowercase() {
        'h' => Duration::hours(n),
        'd' => Duration::days(n),
        'w' => Duration::weeks(n),
        _ => return None,
    };
    (window >= Duration::HOUR && window <= Duration::days(MAX_WINDOW_DAYS)).then_some(window)
}

/// Why a CA needs attention within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    /// The subscription ends (or has ended) and auto-renew is off: the CA lapses unless renewed.
    SubscriptionEnds,
    /// The certificate's `not_after` falls in the window; with auto-renew on too, since renewing the
    /// subscription is not known to renew the certificate.
    CertificateEnds,
}

/// What needs attention for one CA by `now + window`: its subscription ending without auto-renew, its
/// certificate ending (whatever auto-renew says), both, or nothing. An end already past counts (it
/// still needs attention; ours). A subscription on auto-renew that ends in the window does not, nor one
/// already closed (unsubscribed: its end was chosen, and it cannot be renewed; ours).
pub fn attention(
    sub: Option<&Subscription>,
    not_after: Option<OffsetDateTime>,
    now: OffsetDateTime,
    window: Duration,
) -> Vec<Attention> {
    let limit = now + window;
    let mut why = Vec::new();
    if let Some(s) = sub
        && !s.auto_renew()
        && s.status != ResourceStatus::Closed
        && s.expire_time.is_some_and(|end| end <= limit)
    {
        why.push(Attention::SubscriptionEnds);
    }
    if not_after.is_some_and(|end| end <= limit) {
        why.push(Attention::CertificateEnds);
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("id-{i}")).collect()
    }

    #[test]
    fn ids_split_into_queries_of_at_most_50_and_none_for_no_ids() {
        assert!(id_chunks(&[]).is_empty());
        assert_eq!(id_chunks(&ids(1)).len(), 1);
        let fifty = id_chunks(&ids(50));
        assert_eq!(fifty.len(), 1);
        assert_eq!(fifty[0].len(), 50);
        let fifty_one = id_chunks(&ids(51));
        assert_eq!(
            fifty_one.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![50, 1]
        );
        assert_eq!(fifty_one[1][0], "id-50");
        assert_eq!(id_chunks(&ids(101)).len(), 3);
        let dup = vec!["A".to_string(), "a".to_string(), " ".to_string()];
        assert_eq!(id_chunks(&dup), vec![vec!["A".to_string()]]);
    }

    #[test]
    fn the_body_sends_main_resources_and_no_null_or_empty_filter() {
        let q = SubscriptionQuery::for_ids(&ids(2), 50);
        assert_eq!(
            q.body().expect("fits"),
            json!({"only_main_resource": 1, "offset": 50, "limit": PAGE_LIMIT,
                   "resource_ids": ["id-0", "id-1"]})
        );
        let none = SubscriptionQuery::for_ids(&[], 0).body().expect("fits");
        assert!(none.get("resource_ids").is_none(), "{none}");
        assert!(none.get("order_id").is_none());
        assert!(none.get("status_list").is_none());
        assert!(SubscriptionQuery::for_ids(&ids(50), 0).body().is_ok());
        let err = SubscriptionQuery::for_ids(&ids(51), 0)
            .body()
            .expect_err("51 ids");
        assert!(err.contains("resource_ids") && err.contains("51"), "{err}");
        let q = SubscriptionQuery {
            order_id: Some("CS1".into()),
            status_list: vec![2, 5],
            expire_time_begin: Some(datetime!(2026-01-02 03:04:05 UTC)),
            expire_time_end: Some(datetime!(2026-02-02 03:04:05 +08:00)),
            ..SubscriptionQuery::default()
        };
        let b = q.body().expect("fits");
        assert_eq!(b["order_id"], "CS1");
        assert_eq!(b["status_list"], json!([2, 5]));
        assert_eq!(b["expire_time_begin"], "2026-01-02T03:04:05Z");
        assert_eq!(b["expire_time_end"], "2026-02-01T19:04:05Z");
    }

    #[test]
    fn an_answer_parses_tolerating_unknown_fields_and_cleaning_text() {
        let body = br#"{"total_count": 3, "data": [
            {"id": "x", "resource_id": "ca-1", "region_code": "cn-north-4\u001b[31m", "status": 2,
             "effective_time": "2026-01-01T00:00:00Z", "expire_time": "2027-01-01T00:00:00Z",
             "expire_policy": 3, "is_main_resource": 1, "next_operation_policy": 3, "new": {"a": 1}},
            {"resource_id": "ca-2", "status": 9, "expire_policy": 0, "expire_time": null},
            {"resource_id": "ca-3"}]}"#;
        let p = parse_subscriptions(body).expect("parses");
        assert_eq!(p.total_count, 3);
        let a = &p.items[0];
        assert_eq!(a.resource_id, "ca-1");
        assert_eq!(a.status, ResourceStatus::InUse);
        assert_eq!(a.expire_time, Some(datetime!(2027-01-01 00:00:00 UTC)));
        assert_eq!(a.effective_time, Some(datetime!(2026-01-01 00:00:00 UTC)));
        assert!(a.auto_renew());
        assert!(!a.region_code.contains('\u{1b}'));
        assert_eq!(a.is_main_resource, Some(1));
        let b = &p.items[1];
        assert_eq!(b.status, ResourceStatus::Other(9));
        assert_eq!(b.status.name(), "unknown");
        assert!(!b.auto_renew());
        assert_eq!(b.expire_time, None);
        assert_eq!(p.items[2].expire_policy, None);
        assert!(!p.items[2].auto_renew());
        let empty = parse_subscriptions(br#"{"total_count": 0}"#).expect("empty");
        assert_eq!(
            empty,
            SubscriptionPage {
                total_count: 0,
                items: vec![]
            }
        );
        let no_total = parse_subscriptions(br#"{"data": [{"resource_id": "a"}]}"#).expect("ok");
        assert_eq!(no_total.total_count, 1);
    }

    #[test]
    fn only_expire_policy_3_is_auto_renew() {
        for (policy, on) in [
            (Some(3), true),
            (Some(2), false),
            (Some(4), false),
            (None, false),
        ] {
            let s = Subscription {
                resource_id: "a".into(),
                status: ResourceStatus::InUse,
                effective_time: None,
                expire_time: None,
                expire_policy: policy,
                region_code: String::new(),
                is_main_resource: None,
            };
            assert_eq!(s.auto_renew(), on, "{policy:?}");
        }
    }

    #[test]
    fn bad_dates_and_types_from_the_server_are_refused_naming_the_field() {
        let bad = |item: &str| {
            let body = format!(r#"{{"total_count": 1, "data": [{item}]}}"#);
            parse_subscriptions(body.as_bytes()).expect_err(item)
        };
        let e = bad(r#"{"resource_id": "a", "expire_time": "2026-13-01T00:00:00Z"}"#);
        assert!(e.contains("data[0].expire_time"), "{e}");
        let e = bad(r#"{"resource_id": "a", "effective_time": "yesterday"}"#);
        assert!(e.contains("effective_time"), "{e}");
        let e = bad(r#"{"resource_id": "a", "expire_time": 1700000000}"#);
        assert!(e.contains("expire_time: not text"), "{e}");
        let e = bad(r#"{"resource_id": "a", "status": "2"}"#);
        assert!(e.contains("status"), "{e}");
        let e = bad(r#"{"resource_id": "a", "expire_policy": 3.5}"#);
        assert!(e.contains("expire_policy"), "{e}");
        let e = bad(r#"{"resource_id": 7}"#);
        assert!(e.contains("resource_id"), "{e}");
        let e = bad(r#"{"resource_id": ""}"#);
        assert!(e.contains("resource_id: missing"), "{e}");
        let e = bad(r#"{"status": 2}"#);
        assert!(e.contains("resource_id"), "{e}");
        let e = bad(r#"[1]"#);
        assert!(e.contains("not an object"), "{e}");
        assert!(parse_subscriptions(br#"{"total_count": -1}"#).is_err());
        assert!(parse_subscriptions(b"<html>").is_err());
        // Neither documented key: another server's JSON, not an empty list.
        assert!(parse_subscriptions(b"{}").is_err());
        assert!(parse_subscriptions(br#"{"error_code":"X","error_msg":"y"}"#).is_err());
        assert!(parse_subscriptions(br#"{"data": []}"#).is_ok());
        let e = bad(r#"{"resource_id": "a", "region_code": 5}"#);
        assert!(e.contains("region_code"), "{e}");
    }

    #[test]
    fn a_time_with_an_offset_is_read_as_utc() {
        assert_eq!(
            parse_bss_time("t", "2026-03-29T02:30:00+02:00").expect("ok"),
            datetime!(2026-03-29 00:30:00 UTC)
        );
        assert_eq!(
            bss_time(datetime!(2026-03-29 02:30:00 +02:00)),
            "2026-03-29T00:30:00Z"
        );
        assert!(parse_bss_time("t", "").is_err());
    }

    #[test]
    fn days_left_pins_expiry_one_second_before_and_after() {
        let expire = datetime!(2026-03-29 01:00:00 UTC);
        let at = |d: Duration| days_left(expire + d, expire);
        assert_eq!(at(Duration::ZERO), Remaining::Expired { days_ago: 0 });
        assert_eq!(at(Duration::seconds(-1)), Remaining::Left { days: 0 });
        assert_eq!(at(Duration::seconds(1)), Remaining::Expired { days_ago: 0 });
        assert_eq!(at(Duration::days(-1)), Remaining::Left { days: 1 });
        assert_eq!(
            at(Duration::days(-1) + Duration::seconds(1)),
            Remaining::Left { days: 0 }
        );
        assert_eq!(
            at(Duration::days(-30) - Duration::seconds(1)),
            Remaining::Left { days: 30 }
        );
        assert_eq!(at(Duration::days(1)), Remaining::Expired { days_ago: 1 });
        assert_eq!(
            at(Duration::days(1) - Duration::seconds(1)),
            Remaining::Expired { days_ago: 0 }
        );
        // A local "now" across a DST change is the same instant: only UTC counts.
        let now_local = datetime!(2026-03-29 03:00:00 +02:00);
        assert_eq!(
            days_left(now_local, expire + Duration::days(2)),
            Remaining::Left { days: 2 }
        );
        assert_eq!(Remaining::Left { days: 0 }.signed_days(), 0);
        assert_eq!(Remaining::Left { days: 7 }.signed_days(), 7);
        assert_eq!(Remaining::Expired { days_ago: 0 }.signed_days(), -1);
        assert_eq!(Remaining::Expired { days_ago: 2 }.signed_days(), -3);
        assert!(Remaining::Expired { days_ago: 0 }.is_expired());
        assert!(!Remaining::Left { days: 0 }.is_expired());
    }

    #[test]
    fn periods_add_calendar_months_and_years_in_utc() {
        let t = datetime!(2026-01-31 10:20:30 UTC);
        assert_eq!(
            add_period(t, Unit::Month, 1),
            Some(datetime!(2026-02-28 10:20:30 UTC))
        );
        assert_eq!(
            add_period(t, Unit::Month, 11),
            Some(datetime!(2026-12-31 10:20:30 UTC))
        );
        assert_eq!(
            add_period(t, Unit::Month, 12),
            Some(datetime!(2027-01-31 10:20:30 UTC))
        );
        assert_eq!(
            add_period(datetime!(2028-02-29 00:00:00 UTC), Unit::Year, 1),
            Some(datetime!(2029-02-28 00:00:00 UTC))
        );
        assert_eq!(
            add_period(datetime!(2026-05-15 23:00:00 -02:00), Unit::Year, 3),
            Some(datetime!(2029-05-16 01:00:00 UTC))
        );
        assert_eq!(add_period(t, Unit::Month, 0), Some(t));
        assert_eq!(add_period(t, Unit::Year, u64::MAX), None);
        assert_eq!(add_period(t, Unit::Month, u64::MAX), None);
        assert_eq!(Unit::from_period_type(2), Some(Unit::Month));
        assert_eq!(Unit::from_period_type(3), Some(Unit::Year));
        assert_eq!(Unit::from_period_type(1), None);
        assert_eq!(add_days(t, 5), Some(datetime!(2026-02-05 10:20:30 UTC)));
    }

    #[test]
    fn status_numbers_round_trip() {
        for (code, name) in [
            (2, "in use"),
            (3, "closed"),
            (4, "frozen"),
            (5, "expired"),
            (7, "unknown"),
        ] {
            let s = ResourceStatus::from_code(code);
            assert_eq!((s.code(), s.name()), (code, name));
        }
    }

    #[test]
    fn a_window_is_hours_days_or_weeks_from_1_hour_to_3650_days() {
        assert_eq!(parse_window("30d"), Some(Duration::days(30)));
        assert_eq!(parse_window(" 12h "), Some(Duration::hours(12)));
        assert_eq!(parse_window("2W"), Some(Duration::weeks(2)));
        assert_eq!(parse_window("1h"), Some(Duration::HOUR));
        assert_eq!(parse_window("0h"), None);
        assert_eq!(parse_window("3650d"), Some(Duration::days(3650)));
        assert_eq!(parse_window("3651d"), None);
        assert_eq!(parse_window("521w"), Some(Duration::weeks(521)));
        assert_eq!(parse_window("522w"), None);
        // Too many digits is refused before any arithmetic (weeks of 18 digits would overflow).
        assert_eq!(parse_window("999999999w"), None);
        assert_eq!(parse_window("999999999999999999w"), None);
        assert_eq!(parse_window("0000000001d"), None, "10 characters of number");
        assert_eq!(
            parse_window("000000001d"),
            Some(Duration::days(1)),
            "9 are read"
        );
        for bad in [
            "",
            "d",
            "30",
            "30m",
            "-1d",
            "+1d",
            "1.5d",
            "30 d",
            "9999999999d",
            "３０d",
        ] {
            assert_eq!(parse_window(bad), None, "{bad}");
        }
    }

    #[test]
    fn attention_is_a_subscription_ending_without_auto_renew_or_a_certificate_ending() {
        let now = datetime!(2026-01-01 00:00:00 UTC);
        let window = Duration::days(30);
        let limit = now + window;
        let sub = |end: OffsetDateTime, policy: i64| Subscription {
            resource_id: "a".into(),
            status: ResourceStatus::InUse,
            effective_time: None,
            expire_time: Some(end),
            expire_policy: Some(policy),
            region_code: String::new(),
            is_main_resource: Some(1),
        };
        let later = limit + Duration::seconds(1);
        assert_eq!(
            attention(Some(&sub(limit, 0)), None, now, window),
            vec![Attention::SubscriptionEnds]
        );
        assert!(attention(Some(&sub(later, 0)), Some(later), now, window).is_empty());
        assert!(
            attention(Some(&sub(limit, 3)), None, now, window).is_empty(),
            "auto-renew on"
        );
        assert_eq!(
            attention(Some(&sub(limit, 3)), Some(limit), now, window),
            vec![Attention::CertificateEnds],
            "the certificate does not renew itself"
        );
        assert_eq!(
            attention(
                Some(&sub(now - Duration::days(2), 0)),
                Some(now),
                now,
                window
            ),
            vec![Attention::SubscriptionEnds, Attention::CertificateEnds]
        );
        // Closed (unsubscribed): its end is no news; every other status still counts.
        let closed = Subscription {
            status: ResourceStatus::Closed,
            ..sub(limit, 0)
        };
        assert!(attention(Some(&closed), None, now, window).is_empty());
        assert_eq!(
            attention(Some(&closed), Some(limit), now, window),
            vec![Attention::CertificateEnds]
        );
        for status in [
            ResourceStatus::Frozen,
            ResourceStatus::Expired,
            ResourceStatus::Other(9),
        ] {
            let s = Subscription {
                status,
                ..sub(limit, 0)
            };
            assert_eq!(
                attention(Some(&s), None, now, window),
                vec![Attention::SubscriptionEnds]
            );
        }
        assert!(attention(None, None, now, window).is_empty());
        assert_eq!(
            attention(None, Some(limit), now, window),
            vec![Attention::CertificateEnds]
        );
    }
}

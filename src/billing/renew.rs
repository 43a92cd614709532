//! Renewing yearly/monthly CAs (LIFECYCLE.md §1.3, §1.4), without I/O: the rules a renewal's flags keep
//! (1-10 CA ids, each once, each a CA id; 1-11 months or 1-3 years), the renew-rate body and its answer
//! (amounts as exact decimals; per-CA failures inside an HTTP 200), and the renew body and its answer.
//! Renewing moves money: the client journals it and never retries it; this module only builds and reads.
//!
//! Whether PCA accepts renewal at all, and whether renewing moves the certificate's `not_after`, is not
//! documented: nothing here claims it does.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Amount;
use crate::sanitize::{clean, cut};

/// Path of ListRenewRateOnPeriod (the price of a renewal).
pub const RENEW_RATE_PATH: &str = "/v2/bills/ratings/period-resources/renew-rate";
/// Path of RenewalResources.
pub const RENEW_PATH: &str = "/v2/orders/subscriptions/resources/renew";
/// The most CA ids one renew-rate or renew request takes (documented).
pub const MAX_IDS: usize = 10;
/// Months a renewal may add (documented 1-11; 12 months is a year).
pub const MONTHS: (u64, u64) = (1, 11);
/// Years a renewal may add (documented 1-3).
pub const YEARS: (u64, u64) = (1, 3);
/// The renew-rate failure code for "this product does not support renewal".
pub const NOT_RENEWABLE: &str = "CBC.30050013";

/// The unit of a renewal period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewUnit {
    /// `period_type` 2.
    Month,
    /// `period_type` 3.
    Year,
}

impl RenewUnit {
    /// BSS's `period_type`.
    pub fn period_type(self) -> u8 {
        match self {
            RenewUnit::Month => 2,
            RenewUnit::Year => 3,
        }
    }

    /// The allowed period range (inclusive).
    pub fn range(self) -> (u64, u64) {
        match self {
            RenewUnit::Month => MONTHS,
            RenewUnit::Year => YEARS,
        }
    }
}

/// Which rule a renewal's flags broke; the catalog words it (both languages), naming the flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenewRule {
    /// No CA id given.
    NoIds,
    /// More than [`MAX_IDS`] ids.
    TooManyIds {
        /// How many were given.
        given: usize,
    },
    /// The same id twice (case not significant).
    Duplicate {
        /// The id, cleaned.
        id: String,
    },
    /// Not a CA id (36 characters, a UUID).
    NotCaId {
        /// What was typed, cleaned and cut.
        id: String,
    },
    /// `--period` not a whole number in the unit's range.
    Period {
        /// The unit asked for.
        unit: RenewUnit,
        /// What was typed, cleaned and cut.
        given: String,
    },
}

/// A broken rule and the flag it is about (`CA_ID` or `--period`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewError {
    /// `CA_ID` or `--period`.
    pub flag: &'static str,
    /// What is wrong.
    pub rule: RenewRule,
}

/// A checked renewal: which CAs, by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenewRequest {
    /// The CA ids (BSS resource ids), lower case, each once, 1-10.
    pub resource_ids: Vec<String>,
    /// Month or year.
    pub unit: RenewUnit,
    /// How many.
    pub period_num: u64,
}

/// Checks a renewal's flags, returning every broken rule (nothing is sent while one is broken).
pub fn check(
    ids: &[String],
    unit: RenewUnit,
    period: &str,
) -> Result<RenewRequest, Vec<RenewError>> {
    let mut errors = Vec::new();
    let id_error = |rule| RenewError {
        flag: "CA_ID",
        rule,
    };
    if ids.is_empty() {
        errors.push(id_error(RenewRule::NoIds));
    }
    if ids.len() > MAX_IDS {
        errors.push(id_error(RenewRule::TooManyIds { given: ids.len() }));
    }
    let mut resource_ids: Vec<String> = Vec::new();
    for raw in ids {
        let id = raw.trim().to_ascii_lowercase();
        let shown = cut(&clean(raw.trim()), 40);
        if !crate::order::validate::is_uuid(&id) {
            errors.push(id_error(RenewRule::NotCaId { id: shown }));
        } else if resource_ids.contains(&id) {
            errors.push(id_error(RenewRule::Duplicate { id: shown }));
        } else {
            resource_ids.push(id);
        }
    }
    let (min, max) = unit.range();
    let period_num = period
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n));
    if period_num.is_none() {
        errors.push(RenewError {
            flag: "--period",
            rule: RenewRule::Period {
                unit,
                given: cut(&clean(period.trim()), 20),
            },
        });
    }
    match period_num {
        Some(period_num) if errors.is_empty() => Ok(RenewRequest {
            resource_ids,
            unit,
            period_num,
        }),
        _ => Err(errors),
    }
}

impl RenewRequest {
    /// The renew-rate body: the CAs (main resources), the period.
    pub fn rate_body(&self) -> Value {
        json!({"resource_ids": self.resource_ids, "period_type": self.unit.period_type(),
               "period_num": self.period_num})
    }

    /// The renew body for these CAs (those whose price came back): `is_auto_pay` 1 pays at once, 0
    /// leaves the renewal order waiting for payment. No `expire_policy`: the 3.1.219 SDK has none and a
    /// Huawei doc calls it discarded (LIFECYCLE.md §1.4).
    pub fn renew_body(&self, ids: &[String], auto_pay: bool) -> Value {
        json!({"resource_ids": ids, "period_type": self.unit.period_type(),
               "period_num": self.period_num, "is_auto_pay": u8::from(auto_pay)})
    }
}

/// A CA BSS would not price or renew, with its code and message (cleaned and cut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceFailure {
    /// The CA id.
    pub resource_id: String,
    /// `CBC.…`.
    pub error_code: String,
    /// BSS's message.
    pub error_msg: String,
}

impl ResourceFailure {
    /// Whether BSS says the product cannot be renewed at all.
    pub fn not_renewable(&self) -> bool {
        self.error_code == NOT_RENEWABLE
    }
}

/// The best discount renew-rate offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenewDiscount {
    /// What is paid with it.
    pub amount: Amount,
    /// How much it takes off, when said.
    pub discount_amount: Option<Amount>,
    /// Its name, cleaned (may be empty).
    pub name: String,
}

/// What renewing would cost, and which CAs cannot be renewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenewRate {
    /// `CNY`, `USD`, … (the website's default when BSS left it empty).
    pub currency: String,
    /// The renewal amount per CA that can be renewed (`renew_inquiry_results`).
    pub per_ca: Vec<(String, Amount)>,
    /// The sum of the per-CA amounts: the amount the question names (ours: what BSS quotes for the
    /// renewal itself; a discount is shown beside it, as offered).
    pub amount: Amount,
    /// The official website (list) price, when given.
    pub list: Option<Amount>,
    /// The best optional discount, when one is offered.
    pub discount: Option<RenewDiscount>,
    /// The CAs BSS will not renew (`fail_resource_infos` in the 200).
    pub failures: Vec<ResourceFailure>,
}

impl RenewRate {
    /// The CA ids that can be renewed (priced, not failed), in the request's order.
    pub fn renewable(&self, asked: &[String]) -> Vec<String> {
        asked
            .iter()
            .filter(|id| {
                self.per_ca.iter().any(|(c, _)| c.eq_ignore_ascii_case(id))
                    && !self
                        .failures
                        .iter()
                        .any(|f| f.resource_id.eq_ignore_ascii_case(id))
            })
            .cloned()
            .collect()
    }
}

/// One `fail_resource_infos[]` entry as BSS sends it (renew-rate, renew and unsubscribe alike).
#[derive(Deserialize)]
pub(super) struct RawFailure {
    #[serde(default)]
    resource_id: Option<String>,
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    error_msg: Option<String>,
}

/// The most `fail_resource_infos` entries read from one answer (ours: at most 10 CAs are sent).
pub(super) const MAX_FAILURES: usize = 100;
/// The most characters kept of a failure's resource id, error code and message (ours: a CA id is 36,
/// a `CBC.…` code about 12; a message is shown on one line).
const MAX_FAILURE_ID: usize = 64;
const MAX_FAILURE_CODE: usize = 36;
const MAX_FAILURE_MSG: usize = 200;

/// Reads `fail_resource_infos` — the one reading for every BSS answer that carries it: at most
/// [`MAX_FAILURES`] entries, each field cleaned (nothing a terminal obeys), trimmed where blanks mean
/// nothing, and cut.
pub(super) fn failures(raw: Option<Vec<RawFailure>>) -> Vec<ResourceFailure> {
    raw.unwrap_or_default()
        .into_iter()
        .take(MAX_FAILURES)
        .map(|f| ResourceFailure {
            resource_id: cut(
                &clean(f.resource_id.as_deref().unwrap_or("").trim()),
                MAX_FAILURE_ID,
            ),
            error_code: cut(
                &clean(f.error_code.as_deref().unwrap_or("").trim()),
                MAX_FAILURE_CODE,
            ),
            error_msg: cut(
                &clean(f.error_msg.as_deref().unwrap_or("")),
                MAX_FAILURE_MSG,
            ),
        })
        .collect()
}

#[derive(Deserialize)]
struct RawInquiry {
    resource_id: String,
    amount: Amount,
}

#[derive(Deserialize)]
struct RawOfficial {
    #[serde(default)]
    official_website_amount: Option<Amount>,
}

#[derive(Deserialize)]
struct RawDiscount {
    amount: Amount,
    #[serde(default)]
    discount_amount: Option<Amount>,
    #[serde(default)]
    discount_name: Option<String>,
    #[serde(default)]
    best_offer: Option<i64>,
}

#[derive(Deserialize)]
struct RawRate {
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    renew_inquiry_results: Option<Vec<RawInquiry>>,
    #[serde(default)]
    official_website_rating_result: Option<RawOfficial>,
    #[serde(default)]
    optional_discount_rating_results: Option<Vec<RawDiscount>>,
    #[serde(default)]
    fail_resource_infos: Option<Vec<RawFailure>>,
}

/// Parses a 200 answer of renew-rate (naming `renew_inquiry_results` or `fail_resource_infos`). Amounts are exact decimals (strings or numbers); a negative or
/// absurd one is refused, never shown or asked for. `default_currency` is the website's.
pub fn parse_rate(body: &[u8], default_currency: &str) -> Result<RenewRate, String> {
    let raw: RawRate = serde_json::from_slice(body)
        .map_err(|e| format!("the renewal price is not in the documented shape ({e})"))?;
    // Neither a price nor a failure: another server's JSON, never a renewal that costs nothing.
    if raw.renew_inquiry_results.is_none() && raw.fail_resource_infos.is_none() {
        return Err(
            "the renewal price is not in the documented shape (no renew_inquiry_results or fail_resource_infos)"
                .into(),
        );
    }
    let per_ca: Vec<(String, Amount)> = raw
        .renew_inquiry_results
        .unwrap_or_default()
        .into_iter()
        .map(|r| (cut(&clean(r.resource_id.trim()), 64), r.amount))
        .collect();
    let list = raw
        .official_website_rating_result
        .and_then(|o| o.official_website_amount);
    let discounts = raw.optional_discount_rating_results.unwrap_or_default();
    let amounts = per_ca.iter().map(|(_, a)| a).chain(list.as_ref()).chain(
        discounts
            .iter()
            .flat_map(|d| std::iter::once(&d.amount).chain(d.discount_amount.as_ref())),
    );
    for a in amounts {
        if !a.is_money() {
            return Err(format!(
                "the renewal price holds the amount {}, which is negative or absurd: it could not be read",
                cut(&a.to_string(), 24)
            ));
        }
    }
    let amount = per_ca.iter().fold(Amount::ZERO, |sum, (_, a)| sum.plus(a));
    let discount = discounts
        .iter()
        .find(|d| d.best_offer == Some(1))
        .or_else(|| discounts.iter().min_by_key(|d| d.amount))
        .map(|d| RenewDiscount {
            amount: d.amount,
            discount_amount: d.discount_amount,
            name: cut(&clean(d.discount_name.as_deref().unwrap_or("")), 80),
        });
    let currency = raw
        .currency
        .map(|c| cut(&clean(c.trim()), 8))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| default_currency.to_string());
    Ok(RenewRate {
        currency,
        per_ca,
        amount,
        list,
        discount,
        failures: failures(raw.fail_resource_infos),
    })
}

/// What an accepted renew answered: the renewal order(s) and any CA it did not renew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renewed {
    /// The new renewal order ids (checked: 1-64 letters, digits, `-` or `_`).
    pub order_ids: Vec<String>,
    /// CAs not renewed.
    pub failures: Vec<ResourceFailure>,
}

/// Parses a 200 answer of renew. An order id not in the documented shape makes the answer unreadable
/// (the caller then reports the outcome unknown: something may have been ordered).
pub fn parse_renewed(body: &[u8]) -> Result<Renewed, String> {
    #[derive(Deserialize)]
    struct Raw {
        #[serde(default)]
        order_ids: Option<Vec<String>>,
        #[serde(default)]
        fail_resource_infos: Option<Vec<RawFailure>>,
    }
    let raw: Raw = serde_json::from_slice(body)
        .map_err(|e| format!("the renew answer is not in the documented shape ({e})"))?;
    let mut order_ids = Vec::new();
    for id in raw.order_ids.unwrap_or_default() {
        let id = super::check_order_id(&id).map_err(|_| {
            "the renew answer holds an order id not in the documented shape".to_string()
        })?;
        order_ids.push(id);
    }
    Ok(Renewed {
        order_ids,
        failures: failures(raw.fail_resource_infos),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
    const B: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e70";

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn uuid(i: usize) -> String {
        format!("3b2d4c1e-0f6a-4b8c-9d7e-{i:012}")
    }

    #[test]
    fn a_renew_rate_answer_names_a_price_or_a_failure() {
        assert!(parse_rate(br#"{"renew_inquiry_results": []}"#, "CNY").is_ok());
        assert!(parse_rate(br#"{"fail_resource_infos": []}"#, "CNY").is_ok());
        assert!(parse_rate(b"{}", "CNY").is_err());
        assert!(parse_rate(br#"{"error_code":"X","error_msg":"y"}"#, "CNY").is_err());
    }

    #[test]
    fn one_to_ten_distinct_ca_ids() {
        let many = |n: usize| (0..n).map(uuid).collect::<Vec<_>>();
        assert!(check(&many(1), RenewUnit::Year, "1").is_ok());
        assert!(check(&many(10), RenewUnit::Year, "1").is_ok());
        let e = check(&many(11), RenewUnit::Year, "1").expect_err("11");
        assert_eq!(e[0].rule, RenewRule::TooManyIds { given: 11 });
        assert_eq!(e[0].flag, "CA_ID");
        let e = check(&[], RenewUnit::Year, "1").expect_err("none");
        assert_eq!(e[0].rule, RenewRule::NoIds);
        let upper = A.to_ascii_uppercase();
        let e = check(&ids(&[A, &upper]), RenewUnit::Year, "1").expect_err("dup");
        assert!(matches!(&e[0].rule, RenewRule::Duplicate { .. }), "{e:?}");
        let e = check(&ids(&["../pay"]), RenewUnit::Year, "1").expect_err("not an id");
        assert!(
            matches!(&e[0].rule, RenewRule::NotCaId { id } if id == "../pay"),
            "{e:?}"
        );
        let ok = check(&[format!(" {upper} ")], RenewUnit::Month, "3").expect("ok");
        assert_eq!(ok.resource_ids, vec![A.to_string()]);
    }

    #[test]
    fn months_1_to_11_and_years_1_to_3_naming_the_flag() {
        let p = |unit, n: &str| check(&ids(&[A]), unit, n);
        for (unit, ok, bad) in [
            (RenewUnit::Month, ["1", "11"], ["0", "12"]),
            (RenewUnit::Year, ["1", "3"], ["0", "4"]),
        ] {
            for n in ok {
                assert_eq!(p(unit, n).expect("in range").period_num.to_string(), n);
            }
            for n in bad {
                let e = p(unit, n).expect_err(n);
                assert_eq!(e[0].flag, "--period");
                assert_eq!(
                    e[0].rule,
                    RenewRule::Period {
                        unit,
                        given: n.to_string()
                    }
                );
            }
        }
        assert!(p(RenewUnit::Year, "1.5").is_err());
        assert!(p(RenewUnit::Year, "-1").is_err());
        assert!(p(RenewUnit::Year, "").is_err());
        // Every broken rule at once.
        assert_eq!(check(&[], RenewUnit::Year, "9").expect_err("two").len(), 2);
        assert_eq!(RenewUnit::Month.period_type(), 2);
        assert_eq!(RenewUnit::Year.period_type(), 3);
    }

    #[test]
    fn the_bodies_are_the_documented_ones_and_renew_sends_no_expire_policy() {
        let r = check(&ids(&[A, B]), RenewUnit::Year, "2").expect("ok");
        assert_eq!(
            r.rate_body(),
            json!({"resource_ids": [A, B], "period_type": 3, "period_num": 2})
        );
        let body = r.renew_body(&ids(&[B]), true);
        assert_eq!(
            body,
            json!({"resource_ids": [B], "period_type": 3, "period_num": 2, "is_auto_pay": 1})
        );
        assert!(body.get("expire_policy").is_none());
        assert_eq!(r.renew_body(&ids(&[A]), false)["is_auto_pay"], 0);
    }

    #[test]
    fn a_rate_reads_exact_amounts_failures_in_a_200_and_the_default_currency() {
        let body = format!(
            r#"{{"currency": "", "renew_inquiry_results": [{{"resource_id": "{A}", "amount": "1200.10"}},
                {{"resource_id": "{B}", "amount": 0.2}}],
              "official_website_rating_result": {{"official_website_amount": "1300.30"}},
              "optional_discount_rating_results": [{{"amount": "1000", "discount_amount": "300.30", "best_offer": 1,
                "discount_name": "promo\u001b[2J"}}],
              "fail_resource_infos": [{{"resource_id": "x", "error_code": "CBC.30050013", "error_msg": "no"}}]}}"#
        );
        let r = parse_rate(body.as_bytes(), "USD").expect("parses");
        assert_eq!(r.currency, "USD");
        assert_eq!(r.amount.to_string(), "1200.30");
        assert_eq!(r.list.map(|a| a.to_string()).as_deref(), Some("1300.30"));
        let d = r.discount.clone().expect("discount");
        assert_eq!(d.amount.to_string(), "1000");
        assert!(!d.name.contains('\u{1b}'));
        assert_eq!(r.failures.len(), 1);
        assert!(r.failures[0].not_renewable());
        assert_eq!(r.renewable(&ids(&[A, B, "x"])), ids(&[A, B]));
        let none = parse_rate(
            br#"{"currency": "CNY", "fail_resource_infos": [
            {"resource_id": "a", "error_code": "CBC.30050009"}]}"#,
            "CNY",
        )
        .expect("all failed");
        assert_eq!(none.amount, Amount::ZERO);
        assert!(none.renewable(&ids(&["a"])).is_empty());
        assert!(!none.failures[0].not_renewable());
    }

    #[test]
    fn a_rate_with_a_negative_or_unreadable_amount_is_refused() {
        for bad in [
            r#"{"renew_inquiry_results": [{"resource_id": "a", "amount": "-1"}]}"#,
            r#"{"renew_inquiry_results": [{"resource_id": "a", "amount": "1e999999"}]}"#,
            r#"{"official_website_rating_result": {"official_website_amount": -5}}"#,
            r#"{"optional_discount_rating_results": [{"amount": "-3"}]}"#,
            r#"{"renew_inquiry_results": [{"resource_id": "a", "amount": "abc"}]}"#,
            r#"{"renew_inquiry_results": [{"resource_id": "a"}]}"#,
            "<html>",
        ] {
            assert!(parse_rate(bad.as_bytes(), "CNY").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_renew_answer_names_its_orders_and_refuses_an_order_id_of_another_shape() {
        let r =
            parse_renewed(br#"{"order_ids": ["CS2612070234T4JPR"], "fail_resource_infos": []}"#)
                .expect("ok");
        assert_eq!(r.order_ids, ids(&["CS2612070234T4JPR"]));
        assert!(r.failures.is_empty());
        assert!(parse_renewed(br#"{"order_ids": ["../../pay"]}"#).is_err());
        assert!(parse_renewed(b"{}").expect("empty").order_ids.is_empty());
        assert!(parse_renewed(b"\"x\"").is_err());
    }

    /// `fail_resource_infos` is read one way for renew-rate, renew and unsubscribe: at most 100
    /// entries; id and code trimmed and cut at 64 and 36 characters, the message cut at 200; every
    /// field cleaned. Both sides of every limit.
    #[test]
    fn failures_are_read_one_way_with_every_limit_pinned() {
        let entry = |id: &str, code: &str, msg: &str| json!({"resource_id": id, "error_code": code, "error_msg": msg});
        let read = |v: Vec<Value>| failures(serde_json::from_value(json!(v)).ok());
        let f = read(vec![entry(" a ", " CBC.1 ", " m\u{1b}[31m ")]);
        assert_eq!(f[0].resource_id, "a");
        assert_eq!(f[0].error_code, "CBC.1");
        assert!(!f[0].error_msg.contains('\u{1b}'), "{:?}", f[0].error_msg);
        let at = read(vec![entry(
            &"i".repeat(64),
            &"c".repeat(36),
            &"m".repeat(200),
        )]);
        assert_eq!(at[0].resource_id.chars().count(), 64);
        assert_eq!(at[0].error_code.chars().count(), 36);
        assert_eq!(at[0].error_msg.chars().count(), 200);
        let over = read(vec![entry(
            &"i".repeat(65),
            &"c".repeat(37),
            &"m".repeat(201),
        )]);
        for (field, max) in [
            (&over[0].resource_id, 64),
            (&over[0].error_code, 36),
            (&over[0].error_msg, 200),
        ] {
            assert_eq!(field.chars().count(), max, "{field}");
            assert!(field.ends_with('…'), "{field}");
        }
        assert_eq!(
            read(vec![entry("x", "c", "m"); MAX_FAILURES]).len(),
            MAX_FAILURES
        );
        assert_eq!(
            read(vec![entry("x", "c", "m"); MAX_FAILURES + 1]).len(),
            MAX_FAILURES
        );
        assert!(failures(None).is_empty());
        // The unsubscribe answer goes through the same reading.
        let body =
            json!({"fail_resource_infos": vec![entry(" a ", " CBC.1 ", "m"); MAX_FAILURES + 1]});
        let a = crate::billing::lifecycle::parse_unsubscribe(body.to_string().as_bytes())
            .expect("read");
        assert_eq!(a.failures.len(), MAX_FAILURES);
        assert_eq!(a.failures[0].resource_id, "a");
        assert_eq!(a.failures[0].error_code, "CBC.1");
    }
}

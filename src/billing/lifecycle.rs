//! A CA's paid life after purchase, without I/O (LIFECYCLE.md §1.5 and §1.7): switching auto-renew on
//! (`AutoRenewalResources`, an optional body) or off (`CancelAutoRenewalResources`), ending the CA or only
//! its renewed periods (`CancelResourcesSubscription`), reading that answer and the refund breakdown
//! (`ShowRefundOrderDetails`), and the typed confirmation `unsubscribe --what ca` asks for. Shared by the
//! command line, the API client and the sandbox.

use serde::Deserialize;
use serde_json::{Value, json};

use super::amount::Amount;
use super::renew::{RawFailure, ResourceFailure, failures};
use crate::sanitize::{clean, cut};

/// Path prefix of auto-renew on (POST) and off (DELETE); the resource id (the CA id) follows.
pub const AUTORENEW_PATH: &str = "/v2/orders/subscriptions/resources/autorenew/";
/// Path of CancelResourcesSubscription.
pub const UNSUBSCRIBE_PATH: &str = "/v2/orders/subscriptions/resources/unsubscribe";
/// Path of ShowRefundOrderDetails (`?order_id=`).
pub const REFUND_ORDERS_PATH: &str = "/v2/orders/customer-orders/refund-orders";
/// The most renewals `auto_renew_times` may ask for (documented 0-99; 0 = no limit).
pub const MAX_AUTO_RENEW_TIMES: u8 = 99;
/// The most characters of a server's text (an error message, an id) kept (ours).
const MAX_TEXT_CHARS: usize = 200;
/// The most order ids or refund lines read from one answer (ours: one CA is sent, so a handful at most).
const MAX_ITEMS: usize = 100;

/// `--times` that is not a whole number from 0 to [`MAX_AUTO_RENEW_TIMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimesError {
    /// Not a whole number (a sign, a point, letters, nothing).
    NotANumber,
    /// More than [`MAX_AUTO_RENEW_TIMES`].
    TooMany,
}

/// Reads `--times`: a whole number 0-99 (0 = renew until switched off), surrounding blanks ignored.
pub fn parse_times(text: &str) -> Result<u8, TimesError> {
    let t = text.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TimesError::NotANumber);
    }
    let n: u16 = t.parse().map_err(|_| TimesError::NotANumber)?;
    if n > u16::from(MAX_AUTO_RENEW_TIMES) {
        return Err(TimesError::TooMany);
    }
    u8::try_from(n).map_err(|_| TimesError::TooMany)
}

/// `period_type` of an auto-renewal: what each automatic renewal buys. Absent, BSS uses the last
/// order's period type (documented default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewPeriod {
    /// `MONTH`.
    Month,
    /// `YEAR`.
    Year,
}

impl RenewPeriod {
    /// The wire word.
    pub fn wire(self) -> &'static str {
        match self {
            RenewPeriod::Month => "MONTH",
            RenewPeriod::Year => "YEAR",
        }
    }
}

/// Auto-renew on or off, with what "on" asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoRenew {
    /// POST: renew automatically, `times` times (0 = until switched off; `None` = BSS's default, which
    /// is unlimited on a first switch-on), each for `period` (`None` = the last order's).
    On {
        /// `auto_renew_times`.
        times: Option<u8>,
        /// `period_type`.
        period: Option<RenewPeriod>,
    },
    /// DELETE: no automatic renewal.
    Off,
}

impl AutoRenew {
    /// Whether this switches auto-renew on.
    pub fn is_on(self) -> bool {
        matches!(self, AutoRenew::On { .. })
    }

    /// `on` or `off`: the journal's and the JSON's word.
    pub fn word(self) -> &'static str {
        if self.is_on() { "on" } else { "off" }
    }

    /// POST for on, DELETE for off.
    pub fn method(self) -> &'static str {
        if self.is_on() { "POST" } else { "DELETE" }
    }

    /// The body sent: only the fields given (Terraform sends none at all; neither do we when nothing
    /// is asked), and never one for off.
    pub fn body(self) -> Option<Value> {
        match self {
            AutoRenew::Off
            | AutoRenew::On {
                times: None,
                period: None,
            } => None,
            AutoRenew::On { times, period } => {
                let mut body = serde_json::Map::new();
                if let Some(n) = times {
                    body.insert("auto_renew_times".into(), json!(n));
                }
                if let Some(p) = period {
                    body.insert("period_type".into(), json!(p.wire()));
                }
                Some(Value::Object(body))
            }
        }
    }

    /// What the journal's `sending` line records: on or off, and the body's fields.
    pub fn journal_request(self) -> Value {
        let mut v = json!({"auto_renew": self.word()});
        if let Some(Value::Object(body)) = self.body() {
            for (k, x) in body {
                v[k] = x;
            }
        }
        v
    }

    /// From the journal's `sending` line ([`AutoRenew::journal_request`]), for `history`.
    pub fn from_journal(request: &Value) -> Option<AutoRenew> {
        match request.get("auto_renew").and_then(Value::as_str)? {
            "off" => Some(AutoRenew::Off),
            "on" => Some(AutoRenew::On {
                times: request
                    .get("auto_renew_times")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok()),
                period: match request.get("period_type").and_then(Value::as_str) {
                    Some("MONTH") => Some(RenewPeriod::Month),
                    Some("YEAR") => Some(RenewPeriod::Year),
                    _ => None,
                },
            }),
            _ => None,
        }
    }
}

/// The path of an auto-renew switch for this resource (a checked CA id).
pub fn autorenew_path(resource_id: &str) -> String {
    format!("{AUTORENEW_PATH}{resource_id}")
}

/// What an unsubscribe ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribe {
    /// `unsubscribe_type` 1: the CA and its renewed periods; the CA stops working and is deleted.
    Ca,
    /// `unsubscribe_type` 2: only renewed periods that have not started; the CA keeps running.
    Renewals,
}

impl Unsubscribe {
    /// `unsubscribe_type`.
    pub fn code(self) -> u8 {
        match self {
            Unsubscribe::Ca => 1,
            Unsubscribe::Renewals => 2,
        }
    }

    /// From `unsubscribe_type`.
    pub fn from_code(code: u64) -> Option<Unsubscribe> {
        match code {
            1 => Some(Unsubscribe::Ca),
            2 => Some(Unsubscribe::Renewals),
            _ => None,
        }
    }

    /// `ca` or `renewals`: the `--what` word, the journal's and the JSON's.
    pub fn word(self) -> &'static str {
        match self {
            Unsubscribe::Ca => "ca",
            Unsubscribe::Renewals => "renewals",
        }
    }

    /// The body: the one CA and the type; no reason fields (optional, not asked).
    pub fn body(self, resource_id: &str) -> Value {
        json!({"resource_ids": [resource_id], "unsubscribe_type": self.code()})
    }
}

/// An unsubscribe's 200: the unsubscribe orders made, and the resources that failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnsubscribeAnswer {
    /// `order_ids`, each in the documented order-id shape (an answer holding another is unreadable:
    /// they go into a URL).
    pub order_ids: Vec<String>,
    /// `fail_resource_infos`.
    pub failures: Vec<ResourceFailure>,
}

#[derive(Deserialize)]
struct RawUnsubscribe {
    #[serde(default)]
    order_ids: Option<Vec<String>>,
    #[serde(default)]
    fail_resource_infos: Option<Vec<RawFailure>>,
}

fn shown(s: Option<String>) -> String {
    cut(&clean(s.as_deref().unwrap_or("")), MAX_TEXT_CHARS)
}

/// Reads an unsubscribe's 200: a JSON object with `order_ids` and/or `fail_resource_infos` (one may be
/// absent, not both), every order id in its documented shape. Anything else is an error (the caller
/// reads it as an unknown outcome and keeps the answer).
pub fn parse_unsubscribe(body: &[u8]) -> Result<UnsubscribeAnswer, String> {
    let raw: RawUnsubscribe = match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => {
            serde_json::from_value(v).map_err(|e| format!("not the documented answer: {e}"))?
        }
        Ok(_) => return Err("not a JSON object".into()),
        Err(e) => return Err(format!("not JSON: {e}")),
    };
    // A JSON object naming neither documented key is someone else's answer (a proxy's, a portal's):
    // no proof the CA was unsubscribed (ours: BSS documents both keys, the failure list "reserved").
    if raw.order_ids.is_none() && raw.fail_resource_infos.is_none() {
        return Err("neither order_ids nor fail_resource_infos: not the documented answer".into());
    }
    // An order id not in the documented shape makes the answer unreadable rather than dropped: the
    // caller then keeps the answer in the journal (an unsubscribe order may exist), as renew does.
    let order_ids = raw
        .order_ids
        .unwrap_or_default()
        .into_iter()
        .take(MAX_ITEMS)
        .map(|id| {
            super::check_order_id(&id)
                .map_err(|_| "an order id is not in the documented shape".to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let failures = failures(raw.fail_resource_infos);
    Ok(UnsubscribeAnswer {
        order_ids,
        failures,
    })
}

/// One line of a refund order (`refund_infos[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundLine {
    /// `id` (cleaned).
    pub id: String,
    /// `amount`: negative = refunded to the account, positive = consumed or a fee (documented).
    pub amount: Amount,
    /// `measure_id` (1 = yuan, the unit every amount of pca-order's is in), when given.
    pub measure_id: Option<i64>,
}

#[derive(Deserialize)]
struct RawRefund {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    amount: Option<Box<serde_json::value::RawValue>>,
    #[serde(default)]
    measure_id: Option<i64>,
}

#[derive(Deserialize)]
struct RawRefunds {
    #[serde(default)]
    total_count: Option<Value>,
    #[serde(default)]
    refund_infos: Option<Vec<RawRefund>>,
}

/// Reads ShowRefundOrderDetails' answer: the lines with an amount (a line without a readable amount is
/// an error: a breakdown with a hole in it would mislead). No lines is an empty breakdown; an object
/// with neither `total_count` nor `refund_infos` is not the documented answer.
pub fn parse_refunds(body: &[u8]) -> Result<Vec<RefundLine>, String> {
    let raw: RawRefunds =
        serde_json::from_slice(body).map_err(|e| format!("not the documented answer: {e}"))?;
    // Neither documented key: another server's JSON, never an empty breakdown.
    if raw.total_count.is_none() && raw.refund_infos.is_none() {
        return Err("not the documented answer: no total_count or refund_infos".into());
    }
    raw.refund_infos
        .unwrap_or_default()
        .into_iter()
        .take(MAX_ITEMS)
        .map(|r| {
            let amount = r
                .amount
                .ok_or_else(|| "a refund line has no amount".to_string())
                .and_then(|a| serde_json::from_str::<Amount>(a.get()).map_err(|e| e.to_string()))?;
            Ok(RefundLine {
                id: shown(r.id),
                amount,
                measure_id: r.measure_id,
            })
        })
        .collect()
}

/// The sum of a breakdown: negative = refunded overall.
pub fn refund_total(lines: &[RefundLine]) -> Amount {
    lines
        .iter()
        .fold(Amount::ZERO, |sum, l| sum.plus(&l.amount))
}

/// Whether what the user typed confirms ending this CA: its common name, exactly and case-sensitively
/// (a CN is case-sensitive text, and a near miss is what this question exists to catch), or its id,
/// ignoring case (an id is hex, its case means nothing). Blanks around the answer are ignored; an empty
/// answer never confirms, nor does an empty common name (a CA never activated has none).
pub fn typed_confirms(typed: &str, common_name: Option<&str>, ca_id: &str) -> bool {
    let typed = typed.trim();
    if typed.is_empty() {
        return false;
    }
    let cn = common_name.map(str::trim).filter(|c| !c.is_empty());
    cn == Some(typed) || (!ca_id.trim().is_empty() && typed.eq_ignore_ascii_case(ca_id.trim()))
}

/// The BSS error codes auto-renew and unsubscribe document (LIFECYCLE.md §1.5, §1.7), each worded by
/// the catalog; any other code is shown as BSS sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleCode {
    /// `CBC.99003012`: no such resource.
    NoSuchResource,
    /// `CBC.99003602`: expired or frozen, cannot be set to auto-renew.
    ExpiredOrFrozen,
    /// `CBC.30000067`: deleted or not managed: already gone.
    AlreadyGone,
    /// `CBC.99003100`: the resource is in an unpaid order.
    UnpaidOrder,
    /// `CBC.99003128`: no renewed period to unsubscribe.
    NoRenewals,
    /// `CBC.99003185`: must be handled as a whole.
    AsAWhole,
    /// `CBC.99003643`: invoiced, not allowed.
    Invoiced,
    /// `CBC.99003649`: a trial.
    Trial,
    /// `CBC.99003651`: a transaction is in progress.
    InProgress,
    /// `CBC.99003656`: frozen.
    Frozen,
    /// `CBC.30000053`: covered by a savings plan.
    SavingsPlan,
}

impl LifecycleCode {
    /// Every documented code, with its variant.
    pub const ALL: [(&'static str, LifecycleCode); 11] = [
        ("CBC.99003012", LifecycleCode::NoSuchResource),
        ("CBC.99003602", LifecycleCode::ExpiredOrFrozen),
        ("CBC.30000067", LifecycleCode::AlreadyGone),
        ("CBC.99003100", LifecycleCode::UnpaidOrder),
        ("CBC.99003128", LifecycleCode::NoRenewals),
        ("CBC.99003185", LifecycleCode::AsAWhole),
        ("CBC.99003643", LifecycleCode::Invoiced),
        ("CBC.99003649", LifecycleCode::Trial),
        ("CBC.99003651", LifecycleCode::InProgress),
        ("CBC.99003656", LifecycleCode::Frozen),
        ("CBC.30000053", LifecycleCode::SavingsPlan),
    ];

    /// The documented code's variant (exact match after trimming).
    pub fn from_code(code: &str) -> Option<LifecycleCode> {
        let code = code.trim();
        Self::ALL.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
    }

    /// The code as BSS sends it.
    pub fn code(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(c, _)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_whole_numbers_from_0_to_99() {
        assert_eq!(parse_times("0"), Ok(0));
        assert_eq!(parse_times(" 1 "), Ok(1));
        assert_eq!(parse_times("99"), Ok(99));
        assert_eq!(parse_times("099"), Ok(99));
        assert_eq!(parse_times("100"), Err(TimesError::TooMany));
        assert_eq!(parse_times("999"), Err(TimesError::TooMany));
        for bad in ["", " ", "-1", "+1", "1.0", "x", "1000", "٣"] {
            assert_eq!(parse_times(bad), Err(TimesError::NotANumber), "{bad:?}");
        }
    }

    #[test]
    fn the_auto_renew_body_holds_only_what_was_asked() {
        let on = |times, period| AutoRenew::On { times, period };
        assert_eq!(on(None, None).body(), None);
        assert_eq!(AutoRenew::Off.body(), None);
        assert_eq!(
            on(Some(0), None).body(),
            Some(json!({"auto_renew_times": 0}))
        );
        assert_eq!(
            on(Some(99), Some(RenewPeriod::Year)).body(),
            Some(json!({"auto_renew_times": 99, "period_type": "YEAR"}))
        );
        assert_eq!(
            on(None, Some(RenewPeriod::Month)).body(),
            Some(json!({"period_type": "MONTH"}))
        );
        assert_eq!(
            (on(None, None).method(), AutoRenew::Off.method()),
            ("POST", "DELETE")
        );
        assert_eq!(
            (on(None, None).word(), AutoRenew::Off.word()),
            ("on", "off")
        );
        assert_eq!(
            autorenew_path("ab-1"),
            "/v2/orders/subscriptions/resources/autorenew/ab-1"
        );
    }

    #[test]
    fn the_journal_words_round_trip() {
        for a in [
            AutoRenew::Off,
            AutoRenew::On {
                times: None,
                period: None,
            },
            AutoRenew::On {
                times: Some(5),
                period: Some(RenewPeriod::Month),
            },
            AutoRenew::On {
                times: Some(0),
                period: Some(RenewPeriod::Year),
            },
        ] {
            assert_eq!(AutoRenew::from_journal(&a.journal_request()), Some(a));
        }
        assert_eq!(
            AutoRenew::On {
                times: Some(3),
                period: None
            }
            .journal_request(),
            json!({"auto_renew": "on", "auto_renew_times": 3})
        );
        assert_eq!(AutoRenew::from_journal(&json!({"auto_renew": "x"})), None);
        assert_eq!(AutoRenew::from_journal(&json!({})), None);
    }

    #[test]
    fn the_unsubscribe_body_names_one_ca_and_the_type() {
        assert_eq!(
            Unsubscribe::Ca.body("ca-1"),
            json!({"resource_ids": ["ca-1"], "unsubscribe_type": 1})
        );
        assert_eq!(
            Unsubscribe::Renewals.body("ca-1"),
            json!({"resource_ids": ["ca-1"], "unsubscribe_type": 2})
        );
        assert_eq!(Unsubscribe::from_code(1), Some(Unsubscribe::Ca));
        assert_eq!(Unsubscribe::from_code(2), Some(Unsubscribe::Renewals));
        assert_eq!(Unsubscribe::from_code(0), None);
        assert_eq!(Unsubscribe::from_code(3), None);
        assert_eq!(
            (Unsubscribe::Ca.word(), Unsubscribe::Renewals.word()),
            ("ca", "renewals")
        );
    }

    #[test]
    fn an_unsubscribe_answer_keeps_its_order_ids_and_every_failure() {
        let a = parse_unsubscribe(
            br#"{"order_ids":["CS1"],"fail_resource_infos":[{"resource_id":"r","error_code":"CBC.99003128","error_msg":"no\u001b[31m"}]}"#,
        )
        .expect("read");
        assert_eq!(a.order_ids, vec!["CS1".to_string()]);
        assert_eq!(a.failures.len(), 1);
        assert_eq!(a.failures[0].error_code, "CBC.99003128");
        assert!(!a.failures[0].error_msg.contains('\u{1b}'));
        // Either documented key alone is an answer; neither is someone else's JSON.
        assert_eq!(
            parse_unsubscribe(br#"{"order_ids":[]}"#),
            Ok(UnsubscribeAnswer::default())
        );
        assert_eq!(
            parse_unsubscribe(br#"{"fail_resource_infos":[]}"#),
            Ok(UnsubscribeAnswer::default())
        );
        assert!(parse_unsubscribe(b"{}").is_err());
        assert!(parse_unsubscribe(br#"{"result":"ok"}"#).is_err());
        // An id that is a path is never dropped silently: the whole answer is unreadable.
        for bad in ["../x", "a/b", "%2e%2e"] {
            let body = format!(r#"{{"order_ids":["CS1","{bad}"]}}"#);
            assert!(parse_unsubscribe(body.as_bytes()).is_err(), "{bad}");
        }
        assert!(parse_unsubscribe(b"").is_err());
        assert!(parse_unsubscribe(b"[]").is_err());
        assert!(parse_unsubscribe(b"<html>").is_err());
        assert!(parse_unsubscribe(br#"{"order_ids":"CS1"}"#).is_err());
    }

    #[test]
    fn a_refund_answer_names_a_documented_key() {
        assert_eq!(parse_refunds(br#"{"total_count":0}"#), Ok(Vec::new()));
        assert_eq!(parse_refunds(br#"{"refund_infos":[]}"#), Ok(Vec::new()));
        assert!(parse_refunds(b"{}").is_err());
        assert!(parse_refunds(br#"{"error_code":"X","error_msg":"y"}"#).is_err());
    }

    #[test]
    fn refund_lines_keep_exact_signed_amounts() {
        let lines = parse_refunds(
            br#"{"total_count":2,"refund_infos":[{"id":"a","amount":-12.345,"measure_id":1},{"id":"b","amount":"2.10"}]}"#,
        )
        .expect("read");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].amount.to_string(), "-12.345");
        assert_eq!(lines[0].measure_id, Some(1));
        assert_eq!(lines[1].measure_id, None);
        assert_eq!(refund_total(&lines).to_string(), "-10.245");
        assert_eq!(refund_total(&[]), Amount::ZERO);
        assert!(parse_refunds(b"{}").is_err());
        assert!(parse_refunds(br#"{"refund_infos":[{"id":"a"}]}"#).is_err());
        assert!(parse_refunds(br#"{"refund_infos":[{"amount":"x"}]}"#).is_err());
        assert!(parse_refunds(b"nope").is_err());
    }

    #[test]
    fn the_typed_confirmation_is_the_exact_common_name_or_the_id() {
        let id = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
        assert!(typed_confirms("Example Root", Some("Example Root"), id));
        assert!(typed_confirms(
            "  Example Root \n",
            Some("Example Root"),
            id
        ));
        assert!(!typed_confirms("example root", Some("Example Root"), id));
        assert!(!typed_confirms("Example Roo", Some("Example Root"), id));
        assert!(!typed_confirms("Example  Root", Some("Example Root"), id));
        assert!(typed_confirms(id, Some("Example Root"), id));
        assert!(typed_confirms(&id.to_uppercase(), None, id));
        assert!(!typed_confirms(&id[1..], None, id));
        assert!(!typed_confirms("", Some(""), id));
        assert!(!typed_confirms("   ", None, id));
        assert!(!typed_confirms("", None, ""));
        assert!(!typed_confirms("y", None, id));
        assert!(!typed_confirms("yes", Some(""), id));
    }

    #[test]
    fn every_documented_code_is_known_and_others_are_not() {
        for (code, v) in LifecycleCode::ALL {
            assert_eq!(LifecycleCode::from_code(code), Some(v));
            assert_eq!(v.code(), code);
        }
        assert_eq!(
            LifecycleCode::from_code(" CBC.99003128 "),
            Some(LifecycleCode::NoRenewals)
        );
        assert_eq!(LifecycleCode::from_code("CBC.0151"), None);
        assert_eq!(LifecycleCode::from_code("cbc.99003128"), None);
    }
}

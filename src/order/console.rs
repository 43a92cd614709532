//! What a region sells, from CCM's console configuration (`GET /v1/pca/config/console`,
//! ShowConsoleConfig; LIFECYCLE.md §3.3): read before buying, so a region that cannot sell a
//! yearly/monthly CA is said so before anything is confirmed, and SM2/SM3 are offered only where the
//! region has them. Pure: the answer's parsing and the rules that read it.
//!
//! A field that is missing, `null` or not a boolean is *unknown*, never false: an older or newer service
//! that leaves a field out must not block a purchase it would accept (pca-order's rule).

use serde::Serialize;
use serde_json::Value;

use crate::sanitize::{clean, cut};

/// Path of ShowConsoleConfig.
pub const CONSOLE_CONFIG_PATH: &str = "/v1/pca/config/console";

/// At most this many `dhsm_regions` are kept (ours: a hostile answer cannot fill memory or a screen).
pub const MAX_DHSM_REGIONS: usize = 64;
/// A `dhsm_regions` entry is cut to this many characters (ours; region ids are about 20).
pub const MAX_REGION_CHARS: usize = 64;

/// The console configuration of one region; every field `None` when the answer did not say. Serialized
/// with the wire's names (`--output json`), `null` for unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsoleConfig {
    /// `is_support_eps`: enterprise projects can be used.
    #[serde(rename = "is_support_eps")]
    pub eps: Option<bool>,
    /// `is_support_sm2`: SM2 keys (signing with SM3) can be chosen.
    #[serde(rename = "is_support_sm2")]
    pub sm2: Option<bool>,
    /// `is_support_dhsm`: dedicated HSMs.
    #[serde(rename = "is_support_dhsm")]
    pub dhsm: Option<bool>,
    /// `dhsm_regions`: where dedicated HSMs are.
    pub dhsm_regions: Option<Vec<String>>,
    /// `is_support_yearly_monthly_ca`: yearly/monthly CAs — what pca-order buys — are sold here.
    #[serde(rename = "is_support_yearly_monthly_ca")]
    pub yearly_monthly_ca: Option<bool>,
    /// `is_support_iam5`: IAM 5 policies.
    #[serde(rename = "is_support_iam5")]
    pub iam5: Option<bool>,
    /// `is_support_ocsp`: OCSP.
    #[serde(rename = "is_support_ocsp")]
    pub ocsp: Option<bool>,
}

/// The answer was not a JSON object: nothing can be read from it (the caller treats the configuration
/// as unknown, and blocks nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnObject;

impl ConsoleConfig {
    /// Reads a 200 answer's body. Unknown fields are ignored; a field that is missing or of another
    /// type is unknown.
    pub fn parse(body: &Value) -> Result<ConsoleConfig, NotAnObject> {
        let obj = body.as_object().ok_or(NotAnObject)?;
        let flag = |k: &str| obj.get(k).and_then(Value::as_bool);
        let dhsm_regions = obj.get("dhsm_regions").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .take(MAX_DHSM_REGIONS)
                .map(|r| cut(&clean(r), MAX_REGION_CHARS))
                .collect()
        });
        Ok(ConsoleConfig {
            eps: flag("is_support_eps"),
            sm2: flag("is_support_sm2"),
            dhsm: flag("is_support_dhsm"),
            dhsm_regions,
            yearly_monthly_ca: flag("is_support_yearly_monthly_ca"),
            iam5: flag("is_support_iam5"),
            ocsp: flag("is_support_ocsp"),
        })
    }

    /// Whether an order must be refused before it is confirmed: only when the region says, in so many
    /// words, that it sells no yearly/monthly CA. Unknown never refuses.
    pub fn refuses_order(&self) -> bool {
        self.yearly_monthly_ca == Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_documented_field_is_read() {
        let c = ConsoleConfig::parse(&json!({
            "is_support_eps": true, "is_support_sm2": false, "is_support_dhsm": true,
            "dhsm_regions": ["cn-north-4", "cn-east-3"], "is_support_yearly_monthly_ca": true,
            "is_support_iam5": false, "is_support_ocsp": true
        }))
        .expect("an object");
        assert_eq!(
            c,
            ConsoleConfig {
                eps: Some(true),
                sm2: Some(false),
                dhsm: Some(true),
                dhsm_regions: Some(vec!["cn-north-4".into(), "cn-east-3".into()]),
                yearly_monthly_ca: Some(true),
                iam5: Some(false),
                ocsp: Some(true),
            }
        );
        assert!(!c.refuses_order());
        // Written back with the wire's names: what `--output json` shows.
        let back = serde_json::to_value(&c).expect("serializes");
        assert_eq!(back["is_support_sm2"], json!(false));
        assert_eq!(back["dhsm_regions"], json!(["cn-north-4", "cn-east-3"]));
    }

    #[test]
    fn a_missing_or_odd_field_is_unknown_not_false() {
        let c = ConsoleConfig::parse(&json!({
            "is_support_sm2": "false", "is_support_yearly_monthly_ca": null,
            "is_support_ocsp": 0, "dhsm_regions": "cn-north-4", "something_new": true
        }))
        .expect("an object");
        assert_eq!(c, ConsoleConfig::default());
        assert!(!c.refuses_order());
        assert_eq!(
            ConsoleConfig::parse(&json!({})),
            Ok(ConsoleConfig::default())
        );
    }

    #[test]
    fn an_answer_that_is_not_an_object_is_refused() {
        for body in [json!([]), json!("ok"), json!(null), json!(true)] {
            assert_eq!(ConsoleConfig::parse(&body), Err(NotAnObject), "{body}");
        }
    }

    #[test]
    fn only_a_plain_no_refuses_an_order() {
        let with = |v: Option<bool>| ConsoleConfig {
            yearly_monthly_ca: v,
            ..ConsoleConfig::default()
        };
        assert!(with(Some(false)).refuses_order());
        assert!(!with(Some(true)).refuses_order());
        assert!(!with(None).refuses_order());
    }

    #[test]
    fn hostile_dhsm_regions_are_cleaned_counted_and_cut() {
        let many: Vec<Value> = (0..MAX_DHSM_REGIONS + 5)
            .map(|i| json!(format!("r{i}")))
            .collect();
        let c = ConsoleConfig::parse(&json!({ "dhsm_regions": many })).expect("an object");
        assert_eq!(
            c.dhsm_regions.as_ref().map(Vec::len),
            Some(MAX_DHSM_REGIONS)
        );
        let long = "x".repeat(MAX_REGION_CHARS + 10);
        let c = ConsoleConfig::parse(&json!({ "dhsm_regions": ["a\u{1b}[2Jb", long, 7] }))
            .expect("an object");
        let regions = c.dhsm_regions.expect("a list");
        assert_eq!(regions.len(), 2, "{regions:?}");
        assert!(!regions[0].contains('\u{1b}'), "{regions:?}");
        assert!(
            regions[1].chars().count() <= MAX_REGION_CHARS,
            "{regions:?}"
        );
    }
}

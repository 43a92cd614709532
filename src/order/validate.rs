//! Field checks shared by the wizard, the `order` command and the sandbox. Each failure is a
//! [`FieldError`] naming the wire field and the rule broken, so every caller can say exactly what to fix.

use std::fmt;

use super::limits::{
    ENTERPRISE_PROJECT_ID_CHARS, MIN_COUNT, OUR_MAX_MONTHS, OUR_MAX_QUANTITY, OUR_MAX_YEARS,
    PROMOTION_INFO_MAX_CHARS,
};
use super::period::PeriodUnit;

/// A field of the order body, named as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `cloud_service_type`
    CloudServiceType,
    /// `charging_mode`
    ChargingMode,
    /// `period_type`
    PeriodType,
    /// `period_num`
    PeriodNum,
    /// `is_auto_renew`
    IsAutoRenew,
    /// `promotion_info`
    PromotionInfo,
    /// `subscription_num`
    SubscriptionNum,
    /// `is_auto_pay`
    IsAutoPay,
    /// `enterprise_project_id`
    EnterpriseProjectId,
    /// `product_infos` (and its items' fields)
    ProductInfos,
    /// The body as a whole (not a JSON object).
    Body,
}

impl Field {
    /// The field's name on the wire, as the API reference spells it.
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::CloudServiceType => "cloud_service_type",
            Field::ChargingMode => "charging_mode",
            Field::PeriodType => "period_type",
            Field::PeriodNum => "period_num",
            Field::IsAutoRenew => "is_auto_renew",
            Field::PromotionInfo => "promotion_info",
            Field::SubscriptionNum => "subscription_num",
            Field::IsAutoPay => "is_auto_pay",
            Field::EnterpriseProjectId => "enterprise_project_id",
            Field::ProductInfos => "product_infos",
            Field::Body => "body",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wire_name())
    }
}

/// Whose limit a range is: the API reference's, or this tool's own guard against typos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitSource {
    /// Stated in Huawei Cloud's API reference.
    Documented,
    /// Chosen by pca-order; the API documents no maximum.
    Ours,
}

/// The rule a value broke, as data: its words in every language are in the catalog (`Text::rule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A value is needed and none was given.
    Required,
    /// Not a whole number (digits only).
    NotANumber,
    /// A JSON value of the wrong type; names the type expected.
    WrongType(&'static str),
    /// A whole number in `min..=max`.
    Range {
        /// Smallest allowed.
        min: u64,
        /// Largest allowed.
        max: u64,
        /// What is counted: "months", "years", "CAs".
        unit: &'static str,
        /// Whose limit this is.
        source: LimitSource,
    },
    /// At least `min`, no maximum documented.
    AtLeast {
        /// Smallest allowed.
        min: u64,
    },
    /// More CAs than the account's quota leaves.
    QuotaExceeded {
        /// How many more the quota allows.
        left: u64,
        /// CAs the account holds.
        used: u64,
        /// CAs the account may hold.
        quota: u64,
    },
    /// One of a documented set of integer codes.
    OneOf(&'static [i64]),
    /// A string whose length in characters is outside `min..=max`.
    Length {
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
    },
    /// Must be exactly this fixed string.
    Fixed(&'static str),
    /// An array with more than `max` items.
    Items {
        /// Most items.
        max: usize,
    },
    /// `"0"` (the default project) or a UUID.
    ProjectIdFormat,
    /// Holds control or invisible formatting characters, which could disguise what is shown for review.
    NoControlCharacters,
}

/// A field that breaks a rule. `Display` reads `period_num: must be 1 to 12 months (...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// Which rule.
    pub rule: Rule,
}

impl FieldError {
    /// The error for a field and the rule it breaks; public so the sandbox's wire-body check (in
    /// `sandbox::wire`) reports in the same terms as the order's own rules.
    pub fn new(field: Field, rule: Rule) -> Self {
        FieldError { field, rule }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

impl std::error::Error for FieldError {}

/// The account's CA quota as read from `ShowCertificateAuthorityQuota`; bounds how many CAs one order may buy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaLeft {
    /// CAs the account may hold.
    pub quota: u64,
    /// CAs it holds now (expired and pending deletion count).
    pub used: u64,
}

impl QuotaLeft {
    /// How many more CAs may be bought.
    pub fn left(&self) -> u64 {
        self.quota.saturating_sub(self.used)
    }
}

/// The allowed range of `period_num` for a unit (ours: the API documents none).
pub fn period_range(unit: PeriodUnit) -> (u64, u64) {
    match unit {
        PeriodUnit::Month => (MIN_COUNT, OUR_MAX_MONTHS),
        PeriodUnit::Year => (MIN_COUNT, OUR_MAX_YEARS),
    }
}

/// The allowed range of `subscription_num`: ours, narrowed by the quota when it is known.
pub fn quantity_range(quota: Option<QuotaLeft>) -> (u64, u64) {
    let max = quota.map_or(OUR_MAX_QUANTITY, |q| q.left().min(OUR_MAX_QUANTITY));
    (MIN_COUNT, max)
}

/// Parses a count typed by a user (surrounding spaces allowed, digits only).
pub fn parse_count(field: Field, text: &str) -> Result<u64, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Rule::Required));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(field, Rule::NotANumber));
    }
    // All digits: the only way to fail is overflow, which is far out of any range.
    Ok(text.parse::<u64>().unwrap_or(u64::MAX))
}

/// `period_num` within our range for the unit.
pub fn period_num(unit: PeriodUnit, value: u64) -> Result<u64, FieldError> {
    let (min, max) = period_range(unit);
    let unit_name = match unit {
        PeriodUnit::Month => "months",
        PeriodUnit::Year => "years",
    };
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            Field::PeriodNum,
            Rule::Range {
                min,
                max,
                unit: unit_name,
                source: LimitSource::Ours,
            },
        ))
    }
}

/// `subscription_num` within our range and, when known, the quota left (reported as the quota rule
/// when the quota is the tighter bound).
pub fn subscription_num(value: u64, quota: Option<QuotaLeft>) -> Result<u64, FieldError> {
    // Name the bound that binds: the quota only when it leaves fewer than our own per-order maximum
    // (the wizard's range note makes the same choice).
    if let Some(q) = quota
        && q.left() < OUR_MAX_QUANTITY
        && value > q.left()
        && value >= MIN_COUNT
    {
        return Err(FieldError::new(
            Field::SubscriptionNum,
            Rule::QuotaExceeded {
                left: q.left(),
                used: q.used,
                quota: q.quota,
            },
        ));
    }
    if (MIN_COUNT..=OUR_MAX_QUANTITY).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            Field::SubscriptionNum,
            Rule::Range {
                min: MIN_COUNT,
                max: OUR_MAX_QUANTITY,
                unit: "CAs",
                source: LimitSource::Ours,
            },
        ))
    }
}

/// `enterprise_project_id`: 1-64 characters, and `"0"` or a UUID (surrounding spaces ignored).
pub fn enterprise_project_id(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    let chars = value.chars().count();
    let (min, max) = ENTERPRISE_PROJECT_ID_CHARS;
    if chars == 0 {
        return Err(FieldError::new(Field::EnterpriseProjectId, Rule::Required));
    }
    if chars > max {
        return Err(FieldError::new(
            Field::EnterpriseProjectId,
            Rule::Length { min, max },
        ));
    }
    if value == "0" || is_uuid(value) {
        Ok(())
    } else {
        Err(FieldError::new(
            Field::EnterpriseProjectId,
            Rule::ProjectIdFormat,
        ))
    }
}

/// The project id as it is sent: trimmed, and a UUID in lower case. EPS gives ids in lower case and the
/// API refuses an upper-case copy, so a pasted `0A1B…` is made the id it names rather than sent to fail.
/// Anything that is not a UUID is returned trimmed, unchanged, for [`enterprise_project_id`] to judge.
pub fn normalize_project_id(value: &str) -> String {
    let value = value.trim();
    if is_uuid(value) {
        value.to_ascii_lowercase()
    } else {
        value.to_string()
    }
}

/// `promotion_info`: 0-2048 characters.
pub fn promotion_info(value: &str) -> Result<(), FieldError> {
    if value.chars().any(crate::sanitize::hidden) {
        return Err(FieldError::new(
            Field::PromotionInfo,
            Rule::NoControlCharacters,
        ));
    }
    if value.chars().count() > PROMOTION_INFO_MAX_CHARS {
        Err(FieldError::new(
            Field::PromotionInfo,
            Rule::Length {
                min: 0,
                max: PROMOTION_INFO_MAX_CHARS,
            },
        ))
    } else {
        Ok(())
    }
}

/// A UUID in its 8-4-4-4-12 hex form (either case).
pub fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

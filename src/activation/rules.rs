//! The activation body and its rules. Documented rules come from ACTIVATION.md (the CCM API reference);
//! the few of our own are labelled [`LimitSource::Ours`] and said so in their message.
//!
//! Our choices, where the reference is silent:
//! - SM2 keys sign with SM3 and SM3 signs only SM2 keys (the SDK describes SM2 as signing with SM3); RSA
//!   and EC keys take SHA256/384/512.
//! - SM2 and SM3 only on the China website; pca-order treats `cn-*` regions as the China website.
//! - A root CA takes no `issuer_id` (Terraform leaves it out; sending one would only confuse).
//! - The validity maximum is checked after converting with the documented YEAR = 12 months and
//!   MONTH = 31 days (DAY = 24 hours).
//! - The dates a validity produces are calendar dates ([`validity_end`]): 1 month from 31 January is
//!   the last day of February, 10 years from 29 February 2028 is 28 February 2038.
//! - A subordinate's `path_length` defaults to [`DEFAULT_PATH_LENGTH`] (6, the documented maximum)
//!   and is always sent, so what the review shows is what the service gets.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

pub use crate::order::LimitSource;
use crate::order::validate::is_uuid;

/// Documented: `common_name` at most 64 characters.
pub const COMMON_NAME_MAX: usize = 64;
/// Documented: `organization` and `organizational_unit` at most 64 characters.
pub const ORGANIZATION_MAX: usize = 64;
/// Documented: `state` and `locality` at most 128 characters.
pub const STATE_MAX: usize = 128;
/// Documented: a root CA's certificate lasts at most 30 years.
pub const ROOT_MAX_YEARS: u64 = 30;
/// Documented: a subordinate CA's certificate lasts at most 20 years.
pub const SUBORDINATE_MAX_YEARS: u64 = 20;
/// Documented: `path_length` is 0 to 6.
pub const PATH_LENGTH_MAX: u64 = 6;
/// Ours: a subordinate's path length when none is given. The documented maximum, so the new CA may
/// itself sign further CAs (the most flexible choice; the service's own default is not documented);
/// sent explicitly, never left to the service.
pub const DEFAULT_PATH_LENGTH: u64 = PATH_LENGTH_MAX;
/// Documented: a CA id is 36 characters (a UUID).
pub const CA_ID_CHARS: usize = 36;
/// Documented: `start_from` may be at most this far in the past (5 minutes, in ms).
pub const START_FROM_SLACK_MS: i64 = 5 * 60 * 1000;

/// A field of the activate body, named as on the wire (subject parts with their parent's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The CA id in the path.
    CaId,
    /// `type`
    Type,
    /// `issuer_id`
    IssuerId,
    /// `distinguished_name.common_name`
    CommonName,
    /// `distinguished_name.country`
    Country,
    /// `distinguished_name.state`
    State,
    /// `distinguished_name.locality`
    Locality,
    /// `distinguished_name.organization`
    Organization,
    /// `distinguished_name.organizational_unit`
    OrganizationalUnit,
    /// `distinguished_name` itself
    DistinguishedName,
    /// `key_algorithm`
    KeyAlgorithm,
    /// `signature_algorithm`
    SignatureAlgorithm,
    /// `validity` (its `type` and `value`)
    Validity,
    /// `validity.start_from`
    StartFrom,
    /// `path_length`
    PathLength,
    /// The body as a whole.
    Body,
}

impl Field {
    /// The field's name on the wire.
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::CaId => "ca_id",
            Field::Type => "type",
            Field::IssuerId => "issuer_id",
            Field::CommonName => "distinguished_name.common_name",
            Field::Country => "distinguished_name.country",
            Field::State => "distinguished_name.state",
            Field::Locality => "distinguished_name.locality",
            Field::Organization => "distinguished_name.organization",
            Field::OrganizationalUnit => "distinguished_name.organizational_unit",
            Field::DistinguishedName => "distinguished_name",
            Field::KeyAlgorithm => "key_algorithm",
            Field::SignatureAlgorithm => "signature_algorithm",
            Field::Validity => "validity",
            Field::StartFrom => "validity.start_from",
            Field::PathLength => "path_length",
            Field::Body => "body",
        }
    }

    /// The documented CCM error code the real service answers for a bad value of this field.
    pub fn error_code(self) -> &'static str {
        match self {
            Field::CaId => "PCA.00020201",
            Field::Type => "PCA.00020202",
            Field::CommonName
            | Field::Country
            | Field::State
            | Field::Locality
            | Field::Organization
            | Field::OrganizationalUnit
            | Field::DistinguishedName => "PCA.00020101",
            Field::KeyAlgorithm => "PCA.00020102",
            Field::SignatureAlgorithm => "PCA.00020103",
            Field::Validity | Field::StartFrom => "PCA.00020109",
            Field::IssuerId | Field::PathLength | Field::Body => "PCA.00020001",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wire_name())
    }
}

/// The rule an activation value broke, as data: its words in every language are in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A value is needed and none was given.
    Required,
    /// A JSON value of the wrong type; names the type expected.
    WrongType(&'static str),
    /// Longer than the documented maximum (characters).
    MaxLength(usize),
    /// A character outside letters, digits, Chinese characters, `-` `_` space `.` `,` (`*` too in a common name).
    Characters {
        /// Whether `*` is allowed (common name only).
        star: bool,
        /// The first offending character.
        found: char,
    },
    /// Not exactly two letters (a country code).
    CountryCode,
    /// Not one of the documented words.
    OneOf(&'static [&'static str]),
    /// SM2/SM3 asked for outside the China website (documented).
    ChinaOnly,
    /// SM2/SM3 asked for in a region whose console configuration says it does not offer them
    /// (`is_support_sm2` false; LIFECYCLE.md §3.3).
    RegionNoSm,
    /// Key and signature algorithms that do not go together (ours).
    Pair {
        /// The key algorithm chosen.
        key: &'static str,
        /// What it signs with.
        needs: &'static str,
    },
    /// Validity count below 1 or not a number of the `N{y|m|d|h}` form.
    ValidityFormat,
    /// Longer than the documented maximum for the CA type.
    ValidityMax {
        /// At most this many years.
        years: u64,
        /// Which type's maximum.
        ca_type: &'static str,
    },
    /// `start_from` earlier than now minus 5 minutes.
    StartFromPast,
    /// A whole number in `min..=max`.
    Range {
        /// Smallest allowed.
        min: u64,
        /// Largest allowed.
        max: u64,
    },
    /// Not a 36-character CA id (UUID).
    CaIdFormat,
    /// A subordinate CA needs its issuer's id.
    IssuerRequired,
    /// A root CA signs itself: no issuer (ours).
    IssuerNotForRoot,
    /// `path_length` is documented for a subordinate only (0-6); CCM stores 7 for a root whatever is
    /// sent, so a path length given for a root would be silently ignored: refused instead (ours).
    PathLengthNotForRoot,
}

/// A field that breaks a rule: `distinguished_name.country: must be exactly 2 letters ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// Which rule.
    pub rule: Rule,
}

impl FieldError {
    /// A field and the rule it breaks.
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

/// Which Huawei Cloud website the account is on: SM2/SM3 exist on the China website only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// huaweicloud.com (China): SM2/SM3 allowed.
    China,
    /// The international website: no SM2/SM3.
    International,
}

impl Site {
    /// Ours: a `cn-*` region is taken to be on the China website.
    pub fn for_region(region: &str) -> Site {
        if region.starts_with("cn-") {
            Site::China
        } else {
            Site::International
        }
    }

    /// The rules that apply where the region's console configuration says whether it offers SM2/SM3
    /// (`is_support_sm2`): China's when it offers them, International's when it does not, and this
    /// website's (pca-order's `cn-*` rule) when it did not say or could not be read. The one place the
    /// wizard and the command line decide it.
    pub fn with_region(self, region_sm2: Option<bool>) -> Site {
        match region_sm2 {
            Some(true) => Site::China,
            Some(false) => Site::International,
            None => self,
        }
    }
}

/// `ROOT` or `SUBORDINATE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CaType {
    /// Signs itself.
    #[serde(rename = "ROOT")]
    Root,
    /// Signed by an ACTIVED CA of the account.
    #[serde(rename = "SUBORDINATE")]
    Subordinate,
}

/// Documented `type` words.
pub const CA_TYPES: &[&str] = &["ROOT", "SUBORDINATE"];
/// Documented `key_algorithm` words (SM2 China only).
pub const KEY_ALGORITHMS: &[&str] = &["RSA2048", "RSA4096", "EC256", "EC384", "SM2"];
/// Documented `signature_algorithm` words (SM3 China only).
pub const SIGNATURE_ALGORITHMS: &[&str] = &["SHA256", "SHA384", "SHA512", "SM3"];
/// Documented `validity.type` words.
pub const VALIDITY_TYPES: &[&str] = &["YEAR", "MONTH", "DAY", "HOUR"];

impl CaType {
    /// Reads `ROOT`/`SUBORDINATE` (any case, so `--type root` works).
    pub fn parse(s: &str) -> Result<CaType, FieldError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "ROOT" => Ok(CaType::Root),
            "SUBORDINATE" => Ok(CaType::Subordinate),
            "" => Err(FieldError::new(Field::Type, Rule::Required)),
            _ => Err(FieldError::new(Field::Type, Rule::OneOf(CA_TYPES))),
        }
    }

    /// The wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            CaType::Root => "ROOT",
            CaType::Subordinate => "SUBORDINATE",
        }
    }

    /// The documented validity maximum in years.
    pub fn max_years(self) -> u64 {
        match self {
            CaType::Root => ROOT_MAX_YEARS,
            CaType::Subordinate => SUBORDINATE_MAX_YEARS,
        }
    }
}

/// `key_algorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum KeyAlgorithm {
    /// RSA, 2048 bits.
    Rsa2048,
    /// RSA, 4096 bits.
    Rsa4096,
    /// ECDSA P-256.
    Ec256,
    /// ECDSA P-384.
    Ec384,
    /// SM2 (China website only).
    Sm2,
}

impl KeyAlgorithm {
    /// Reads a documented word (any case).
    pub fn parse(s: &str) -> Result<KeyAlgorithm, FieldError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "RSA2048" => Ok(KeyAlgorithm::Rsa2048),
            "RSA4096" => Ok(KeyAlgorithm::Rsa4096),
            "EC256" => Ok(KeyAlgorithm::Ec256),
            "EC384" => Ok(KeyAlgorithm::Ec384),
            "SM2" => Ok(KeyAlgorithm::Sm2),
            "" => Err(FieldError::new(Field::KeyAlgorithm, Rule::Required)),
            _ => Err(FieldError::new(
                Field::KeyAlgorithm,
                Rule::OneOf(KEY_ALGORITHMS),
            )),
        }
    }

    /// The wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa2048 => "RSA2048",
            KeyAlgorithm::Rsa4096 => "RSA4096",
            KeyAlgorithm::Ec256 => "EC256",
            KeyAlgorithm::Ec384 => "EC384",
            KeyAlgorithm::Sm2 => "SM2",
        }
    }
}

/// `signature_algorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SignatureAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SM3 (China website only).
    Sm3,
}

impl SignatureAlgorithm {
    /// Reads a documented word (any case).
    pub fn parse(s: &str) -> Result<SignatureAlgorithm, FieldError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "SHA256" => Ok(SignatureAlgorithm::Sha256),
            "SHA384" => Ok(SignatureAlgorithm::Sha384),
            "SHA512" => Ok(SignatureAlgorithm::Sha512),
            "SM3" => Ok(SignatureAlgorithm::Sm3),
            "" => Err(FieldError::new(Field::SignatureAlgorithm, Rule::Required)),
            _ => Err(FieldError::new(
                Field::SignatureAlgorithm,
                Rule::OneOf(SIGNATURE_ALGORITHMS),
            )),
        }
    }

    /// The wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureAlgorithm::Sha256 => "SHA256",
            SignatureAlgorithm::Sha384 => "SHA384",
            SignatureAlgorithm::Sha512 => "SHA512",
            SignatureAlgorithm::Sm3 => "SM3",
        }
    }
}

/// `validity.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ValidityUnit {
    /// 12 months (documented).
    Year,
    /// 31 days (documented).
    Month,
    /// 24 hours.
    Day,
    /// One hour.
    Hour,
}

impl ValidityUnit {
    /// Hours in one unit, by the documented conversion (YEAR = 12 months, MONTH = 31 days).
    pub fn hours(self) -> u64 {
        match self {
            ValidityUnit::Year => 12 * 31 * 24,
            ValidityUnit::Month => 31 * 24,
            ValidityUnit::Day => 24,
            ValidityUnit::Hour => 1,
        }
    }

    fn parse_wire(s: &str) -> Option<ValidityUnit> {
        match s {
            "YEAR" => Some(ValidityUnit::Year),
            "MONTH" => Some(ValidityUnit::Month),
            "DAY" => Some(ValidityUnit::Day),
            "HOUR" => Some(ValidityUnit::Hour),
            _ => None,
        }
    }
}

/// `validity`: how long the CA's certificate lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Validity {
    /// `type`.
    #[serde(rename = "type")]
    pub unit: ValidityUnit,
    /// `value`, at least 1.
    pub value: u64,
    /// `start_from`, ms since the epoch; none means now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_from: Option<i64>,
}

impl Validity {
    /// Parses `N{y|m|d|h}` as typed for `--validity` (`10y`, `6m`, `30d`, `12h`; spaces around ignored).
    pub fn parse(text: &str) -> Result<Validity, FieldError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(FieldError::new(Field::Validity, Rule::Required));
        }
        let bad = || FieldError::new(Field::Validity, Rule::ValidityFormat);
        let (digits, unit) =
            text.split_at(text.len() - text.chars().last().map_or(0, char::len_utf8));
        let unit = match unit.to_ascii_lowercase().as_str() {
            "y" => ValidityUnit::Year,
            "m" => ValidityUnit::Month,
            "d" => ValidityUnit::Day,
            "h" => ValidityUnit::Hour,
            _ => return Err(bad()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        // All digits: only overflow can fail, far past any maximum.
        let value = digits.parse::<u64>().unwrap_or(u64::MAX);
        if value < 1 {
            return Err(bad());
        }
        Ok(Validity {
            unit,
            value,
            start_from: None,
        })
    }

    /// The validity the order bought (`period_type` 2 month / 3 year, `period_num`), as Terraform sends it.
    pub fn from_period(period_type: u8, period_num: u64) -> Validity {
        let unit = if period_type == crate::order::limits::PERIOD_TYPE_YEAR {
            ValidityUnit::Year
        } else {
            ValidityUnit::Month
        };
        Validity {
            unit,
            value: period_num.max(1),
            start_from: None,
        }
    }

    /// `N{y|m|d|h}`, the form `--validity` takes.
    pub fn short(&self) -> String {
        let u = match self.unit {
            ValidityUnit::Year => "y",
            ValidityUnit::Month => "m",
            ValidityUnit::Day => "d",
            ValidityUnit::Hour => "h",
        };
        format!("{}{u}", self.value)
    }

    /// Checks the documented count and maximum for a CA type.
    pub fn check(&self, ca_type: CaType) -> Result<(), FieldError> {
        if self.value < 1 {
            return Err(FieldError::new(Field::Validity, Rule::ValidityFormat));
        }
        let max_hours = ca_type.max_years() * ValidityUnit::Year.hours();
        if self.value.saturating_mul(self.unit.hours()) > max_hours {
            return Err(FieldError::new(
                Field::Validity,
                Rule::ValidityMax {
                    years: ca_type.max_years(),
                    ca_type: match ca_type {
                        CaType::Root => "root",
                        CaType::Subordinate => "subordinate",
                    },
                },
            ));
        }
        Ok(())
    }
}

/// `distinguished_name`: the subject. Empty optional parts are left out of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DistinguishedName {
    /// `common_name`, 1-64 characters, may hold `*`.
    pub common_name: String,
    /// `country`, exactly 2 letters.
    pub country: String,
    /// `state`, at most 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `locality`, at most 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// `organization`, at most 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// `organizational_unit`, at most 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<String>,
}

/// Whether a character is allowed in a subject part: letters, digits, Chinese characters, `-` `_` space `.` `,`.
pub fn subject_char(c: char, star: bool) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '_' | ' ' | '.' | ',')
        || (star && c == '*')
        || is_chinese(c)
}

/// CJK Unified Ideographs and Extension A: what "Chinese characters" covers here.
pub fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Checks one subject part: required or not, length, characters.
pub fn subject_part(field: Field, value: &str, required: bool) -> Result<(), FieldError> {
    let (max, star) = match field {
        Field::CommonName => (COMMON_NAME_MAX, true),
        Field::State | Field::Locality => (STATE_MAX, false),
        _ => (ORGANIZATION_MAX, false),
    };
    if value.is_empty() {
        return if required {
            Err(FieldError::new(field, Rule::Required))
        } else {
            Ok(())
        };
    }
    if value.chars().count() > max {
        return Err(FieldError::new(field, Rule::MaxLength(max)));
    }
    if let Some(found) = value.chars().find(|c| !subject_char(*c, star)) {
        return Err(FieldError::new(field, Rule::Characters { star, found }));
    }
    Ok(())
}

/// Checks the country code: exactly 2 ASCII letters.
pub fn country(value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Err(FieldError::new(Field::Country, Rule::Required));
    }
    if value.chars().count() == 2 && value.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(FieldError::new(Field::Country, Rule::CountryCode))
    }
}

/// Checks a CA id: 36 characters, a UUID.
pub fn ca_id(field: Field, value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Err(FieldError::new(field, Rule::Required));
    }
    if value.len() == CA_ID_CHARS && is_uuid(value) {
        Ok(())
    } else {
        Err(FieldError::new(field, Rule::CaIdFormat))
    }
}

/// A CA id as typed or read: trimmed, and lower-case when it is a UUID, as the order's enterprise
/// project id is — CCM's ids are lower-case, and an upper-case one would be checked, journaled, sent and
/// refused.
pub fn normalize_ca_id(value: &str) -> String {
    crate::order::validate::normalize_project_id(value)
}

/// Checks `path_length`: 0 to 6.
pub fn path_length(value: u64) -> Result<(), FieldError> {
    if value <= PATH_LENGTH_MAX {
        Ok(())
    } else {
        Err(FieldError::new(
            Field::PathLength,
            Rule::Range {
                min: 0,
                max: PATH_LENGTH_MAX,
            },
        ))
    }
}

/// Whether a key or signature algorithm is SM2/SM3: what only some regions offer.
pub fn asks_sm(key: KeyAlgorithm, signature: Option<SignatureAlgorithm>) -> bool {
    key == KeyAlgorithm::Sm2 || signature == Some(SignatureAlgorithm::Sm3)
}

/// Checks SM2/SM3 against what the region offers: its console configuration's `is_support_sm2` when it
/// says (`region_sm2`), else pca-order's website rule (`by_site`: a `cn-*` region is the China website).
/// A key or signature that is not SM2/SM3 always passes. The pairing is [`algorithms`]'s.
pub fn region_algorithms(
    key: KeyAlgorithm,
    signature: Option<SignatureAlgorithm>,
    region_sm2: Option<bool>,
    by_site: Site,
) -> Result<(), FieldError> {
    let field = if key == KeyAlgorithm::Sm2 {
        Field::KeyAlgorithm
    } else if signature == Some(SignatureAlgorithm::Sm3) {
        Field::SignatureAlgorithm
    } else {
        return Ok(());
    };
    // Refused by the region's own word, or by the website rule when it gave none.
    match (by_site.with_region(region_sm2), region_sm2) {
        (Site::China, _) => Ok(()),
        (Site::International, Some(_)) => Err(FieldError::new(field, Rule::RegionNoSm)),
        (Site::International, None) => Err(FieldError::new(field, Rule::ChinaOnly)),
    }
}

/// Checks the website and the key/signature pairing.
pub fn algorithms(
    key: KeyAlgorithm,
    signature: SignatureAlgorithm,
    site: Site,
) -> Result<(), FieldError> {
    if site == Site::International {
        if key == KeyAlgorithm::Sm2 {
            return Err(FieldError::new(Field::KeyAlgorithm, Rule::ChinaOnly));
        }
        if signature == SignatureAlgorithm::Sm3 {
            return Err(FieldError::new(Field::SignatureAlgorithm, Rule::ChinaOnly));
        }
    }
    let sm2 = key == KeyAlgorithm::Sm2;
    let sm3 = signature == SignatureAlgorithm::Sm3;
    if sm2 != sm3 {
        return Err(FieldError::new(
            Field::SignatureAlgorithm,
            Rule::Pair {
                key: key.as_str(),
                needs: if sm2 {
                    "SM3"
                } else {
                    "SHA256, SHA384 or SHA512"
                },
            },
        ));
    }
    Ok(())
}

/// The user's choices as typed (flags or wizard fields), before any rule is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivationDraft {
    /// The CA to activate.
    pub ca_id: String,
    /// `root` / `subordinate` (any case).
    pub ca_type: String,
    /// The issuer's CA id (subordinate only).
    pub issuer_id: String,
    /// The subject; empty optional parts are left out.
    pub subject: DistinguishedName,
    /// Key algorithm word.
    pub key_algorithm: String,
    /// Signature algorithm word.
    pub signature_algorithm: String,
    /// `N{y|m|d|h}`.
    pub validity: String,
    /// `path_length` as typed; empty for none.
    pub path_length: String,
}

/// The exact body of `POST .../{ca_id}/activate`, valid by every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivateRequest {
    /// The CA to activate (in the path, not the body).
    #[serde(skip)]
    pub ca_id: String,
    /// `type`.
    #[serde(rename = "type")]
    pub ca_type: CaType,
    /// `issuer_id` (subordinate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_id: Option<String>,
    /// `distinguished_name`.
    pub distinguished_name: DistinguishedName,
    /// `key_algorithm`.
    pub key_algorithm: KeyAlgorithm,
    /// `signature_algorithm`.
    pub signature_algorithm: SignatureAlgorithm,
    /// `validity`.
    pub validity: Validity,
    /// `path_length`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_length: Option<u64>,
}

impl ActivateRequest {
    /// The body as sent.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The body as a JSON value (for the journal and `--output json`).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl ActivationDraft {
    /// Applies every rule and builds the body, or returns every field that breaks one (in form order).
    pub fn validate(&self, site: Site) -> Result<ActivateRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let ca = normalize_ca_id(&self.ca_id);
        let ca = ca.as_str();
        if let Err(e) = ca_id(Field::CaId, ca) {
            errors.push(e);
        }
        let ca_type = CaType::parse(&self.ca_type)
            .map_err(|e| errors.push(e))
            .ok();
        let issuer = non_empty(&self.issuer_id).map(|id| normalize_ca_id(&id));
        match (ca_type, &issuer) {
            (Some(CaType::Subordinate), None) => {
                errors.push(FieldError::new(Field::IssuerId, Rule::IssuerRequired))
            }
            (Some(CaType::Subordinate), Some(id)) => {
                if let Err(e) = ca_id(Field::IssuerId, id) {
                    errors.push(e);
                }
            }
            (Some(CaType::Root), Some(_)) => {
                errors.push(FieldError::new(Field::IssuerId, Rule::IssuerNotForRoot))
            }
            _ => {}
        }
        let s = &self.subject;
        let dn = DistinguishedName {
            common_name: s.common_name.trim().to_string(),
            country: s.country.trim().to_ascii_uppercase(),
            state: s.state.as_deref().and_then(non_empty),
            locality: s.locality.as_deref().and_then(non_empty),
            organization: s.organization.as_deref().and_then(non_empty),
            organizational_unit: s.organizational_unit.as_deref().and_then(non_empty),
        };
        errors.extend(subject_errors(&dn));
        let key = KeyAlgorithm::parse(&self.key_algorithm)
            .map_err(|e| errors.push(e))
            .ok();
        let sig = SignatureAlgorithm::parse(&self.signature_algorithm)
            .map_err(|e| errors.push(e))
            .ok();
        if let (Some(k), Some(g)) = (key, sig)
            && let Err(e) = algorithms(k, g, site)
        {
            errors.push(e);
        }
        let validity = Validity::parse(&self.validity)
            .map_err(|e| errors.push(e))
            .ok();
        if let (Some(v), Some(t)) = (validity, ca_type)
            && let Err(e) = v.check(t)
        {
            errors.push(e);
        }
        let path_length = match non_empty(&self.path_length) {
            None => None,
            Some(text) if text.bytes().all(|b| b.is_ascii_digit()) => {
                let n = text.parse::<u64>().unwrap_or(u64::MAX);
                match path_length(n) {
                    Ok(()) => Some(n),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                }
            }
            Some(_) => {
                errors.push(FieldError::new(
                    Field::PathLength,
                    Rule::Range {
                        min: 0,
                        max: PATH_LENGTH_MAX,
                    },
                ));
                None
            }
        };
        let path_length = match ca_type {
            Some(CaType::Subordinate) if non_empty(&self.path_length).is_none() => {
                Some(DEFAULT_PATH_LENGTH)
            }
            _ => path_length,
        };
        if ca_type == Some(CaType::Root) && non_empty(&self.path_length).is_some() {
            errors.push(FieldError::new(
                Field::PathLength,
                Rule::PathLengthNotForRoot,
            ));
        }
        match (ca_type, key, sig, validity) {
            (Some(ca_type), Some(key_algorithm), Some(signature_algorithm), Some(validity))
                if errors.is_empty() =>
            {
                Ok(ActivateRequest {
                    ca_id: ca.to_string(),
                    ca_type,
                    issuer_id: issuer,
                    distinguished_name: dn,
                    key_algorithm,
                    signature_algorithm,
                    validity,
                    path_length,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Every broken subject rule, in form order (one per part).
pub fn subject_errors(dn: &DistinguishedName) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = Vec::new();
    errors.extend(subject_part(Field::CommonName, &dn.common_name, true).err());
    errors.extend(country(&dn.country).err());
    for (field, value) in [
        (Field::State, &dn.state),
        (Field::Locality, &dn.locality),
        (Field::Organization, &dn.organization),
        (Field::OrganizationalUnit, &dn.organizational_unit),
    ] {
        errors.extend(subject_part(field, value.as_deref().unwrap_or(""), false).err());
    }
    errors
}

/// The first broken subject rule, in form order (what the service answers with).
pub fn check_subject(dn: &DistinguishedName) -> Result<(), FieldError> {
    match subject_errors(dn).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn wire_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    field: Field,
) -> Result<Option<&'a str>, FieldError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(FieldError::new(field, Rule::WrongType("string"))),
    }
}

/// The `distinguished_name` of a received body, checked by the subject rules (the sandbox's check for
/// an activation and for saving a subordinate's subject alike).
pub fn wire_subject(obj: &Map<String, Value>) -> Result<DistinguishedName, FieldError> {
    let dn_value = match obj.get("distinguished_name") {
        None | Some(Value::Null) => {
            return Err(FieldError::new(Field::DistinguishedName, Rule::Required));
        }
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(FieldError::new(
                Field::DistinguishedName,
                Rule::WrongType("object"),
            ));
        }
    };
    let part = |key: &str, field: Field| -> Result<Option<String>, FieldError> {
        Ok(wire_str(dn_value, key, field)?.map(str::to_string))
    };
    let dn = DistinguishedName {
        common_name: part("common_name", Field::CommonName)?.unwrap_or_default(),
        country: part("country", Field::Country)?.unwrap_or_default(),
        state: part("state", Field::State)?.filter(|s| !s.is_empty()),
        locality: part("locality", Field::Locality)?.filter(|s| !s.is_empty()),
        organization: part("organization", Field::Organization)?.filter(|s| !s.is_empty()),
        organizational_unit: part("organizational_unit", Field::OrganizationalUnit)?
            .filter(|s| !s.is_empty()),
    };
    check_subject(&dn)?;
    Ok(dn)
}

/// Checks a received activate body by the documented rules (the sandbox's check, as the real service
/// would: exact upper-case words, no trimming) and returns the first broken one. `now_ms` bounds
/// `start_from`; `site` decides SM2/SM3.
pub fn wire_body(
    ca: &str,
    body: &Value,
    site: Site,
    now_ms: i64,
) -> Result<ActivateRequest, FieldError> {
    ca_id(Field::CaId, ca)?;
    let Some(obj) = body.as_object() else {
        return Err(FieldError::new(Field::Body, Rule::WrongType("object")));
    };
    let ca_type = match wire_str(obj, "type", Field::Type)? {
        None => return Err(FieldError::new(Field::Type, Rule::Required)),
        Some("ROOT") => CaType::Root,
        Some("SUBORDINATE") => CaType::Subordinate,
        Some(_) => return Err(FieldError::new(Field::Type, Rule::OneOf(CA_TYPES))),
    };
    let issuer_id = wire_str(obj, "issuer_id", Field::IssuerId)?.map(str::to_string);
    if ca_type == CaType::Subordinate {
        match &issuer_id {
            None => return Err(FieldError::new(Field::IssuerId, Rule::IssuerRequired)),
            Some(id) => ca_id(Field::IssuerId, id)?,
        }
    }
    let dn = wire_subject(obj)?;
    let key_algorithm = match wire_str(obj, "key_algorithm", Field::KeyAlgorithm)? {
        None => return Err(FieldError::new(Field::KeyAlgorithm, Rule::Required)),
        Some(w) if KEY_ALGORITHMS.contains(&w) => KeyAlgorithm::parse(w)?,
        Some(_) => {
            return Err(FieldError::new(
                Field::KeyAlgorithm,
                Rule::OneOf(KEY_ALGORITHMS),
            ));
        }
    };
    let signature_algorithm = match wire_str(obj, "signature_algorithm", Field::SignatureAlgorithm)?
    {
        None => return Err(FieldError::new(Field::SignatureAlgorithm, Rule::Required)),
        Some(w) if SIGNATURE_ALGORITHMS.contains(&w) => SignatureAlgorithm::parse(w)?,
        Some(_) => {
            return Err(FieldError::new(
                Field::SignatureAlgorithm,
                Rule::OneOf(SIGNATURE_ALGORITHMS),
            ));
        }
    };
    algorithms(key_algorithm, signature_algorithm, site)?;
    let v = match obj.get("validity") {
        None | Some(Value::Null) => return Err(FieldError::new(Field::Validity, Rule::Required)),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(FieldError::new(Field::Validity, Rule::WrongType("object"))),
    };
    let unit = match v.get("type").and_then(Value::as_str) {
        Some(t) => ValidityUnit::parse_wire(t).ok_or(FieldError::new(
            Field::Validity,
            Rule::OneOf(VALIDITY_TYPES),
        ))?,
        None => {
            return Err(FieldError::new(
                Field::Validity,
                Rule::OneOf(VALIDITY_TYPES),
            ));
        }
    };
    let value = match v.get("value") {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(x) if x >= 1 => x as u64,
            _ => return Err(FieldError::new(Field::Validity, Rule::ValidityFormat)),
        },
        None | Some(Value::Null) => return Err(FieldError::new(Field::Validity, Rule::Required)),
        Some(_) => return Err(FieldError::new(Field::Validity, Rule::WrongType("integer"))),
    };
    let start_from = match v.get("start_from") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_i64() {
            Some(ms) if ms >= now_ms - START_FROM_SLACK_MS => Some(ms),
            Some(_) => return Err(FieldError::new(Field::StartFrom, Rule::StartFromPast)),
            None => {
                return Err(FieldError::new(
                    Field::StartFrom,
                    Rule::WrongType("integer"),
                ));
            }
        },
        Some(_) => {
            return Err(FieldError::new(
                Field::StartFrom,
                Rule::WrongType("integer"),
            ));
        }
    };
    let validity = Validity {
        unit,
        value,
        start_from,
    };
    validity.check(ca_type)?;
    let path_length = match obj.get("path_length") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(x) => {
                path_length(x)?;
                Some(x)
            }
            None => {
                return Err(FieldError::new(
                    Field::PathLength,
                    Rule::Range {
                        min: 0,
                        max: PATH_LENGTH_MAX,
                    },
                ));
            }
        },
        Some(_) => {
            return Err(FieldError::new(
                Field::PathLength,
                Rule::WrongType("integer"),
            ));
        }
    };
    Ok(ActivateRequest {
        ca_id: ca.to_string(),
        ca_type,
        issuer_id,
        distinguished_name: dn,
        key_algorithm,
        signature_algorithm,
        validity,
        path_length,
    })
}

/// When a certificate of this validity ends, given when it starts (ours, where the reference is
/// silent: calendar arithmetic, as a person reads "1 month" or "10 years"): MONTH and YEAR add calendar
/// months (a year is 12) keeping the time of day, and a day of the month the target month lacks becomes
/// its last day (31 January + 1 month = 28 or 29 February); DAY adds 24 hours, HOUR one hour. The
/// documented 31-day month and 12-month year still bound the maximum ([`Validity::check`]). `None` past
/// the calendar's range (year 9999), far beyond any maximum.
pub fn validity_end(start: OffsetDateTime, v: &Validity) -> Option<OffsetDateTime> {
    let months = match v.unit {
        ValidityUnit::Year => v.value.checked_mul(12)?,
        ValidityUnit::Month => v.value,
        ValidityUnit::Day => {
            let days = i64::try_from(v.value).ok()?;
            return start.checked_add(time::Duration::days(days));
        }
        ValidityUnit::Hour => {
            let hours = i64::try_from(v.value).ok()?;
            return start.checked_add(time::Duration::hours(hours));
        }
    };
    add_months(start, months)
}

/// `start` plus `months` calendar months, the day clamped to the target month's length.
fn add_months(start: OffsetDateTime, months: u64) -> Option<OffsetDateTime> {
    let from = i64::from(start.year()) * 12 + i64::from(u8::from(start.month())) - 1;
    let to = from.checked_add(i64::try_from(months).ok()?)?;
    let year = i32::try_from(to.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(to.rem_euclid(12) + 1).ok()?).ok()?;
    let day = start.day().min(month.length(year));
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(start.replace_date(date))
}

/// The not-before and not-after a request with this validity produces when it is sent at `now`: its
/// `start_from` (or `now`) and [`validity_end`] of that. The sandbox stores exactly these, and the
/// wizard shows them before asking. `None` when they fall outside the calendar.
pub fn validity_dates(
    v: &Validity,
    now: OffsetDateTime,
) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let start = match v.start_from {
        Some(ms) => OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()?,
        None => now,
    };
    Some((start, validity_end(start, v)?))
}

/// Milliseconds since the epoch, as CCM writes times.
pub fn to_millis(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// An example body, for docs and tests.
pub fn example_body() -> Value {
    json!({
        "type": "ROOT",
        "distinguished_name": {"common_name": "Example Root CA", "country": "CN"},
        "key_algorithm": "RSA2048",
        "signature_algorithm": "SHA256",
        "validity": {"type": "YEAR", "value": 10},
    })
}

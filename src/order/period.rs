//! The billing period unit: below both the draft and the rules, which each need it, so neither has to
//! import the other's module for it.

use serde::{Deserialize, Serialize};

use super::limits::{PERIOD_TYPE_MONTH, PERIOD_TYPE_YEAR};

/// The billing period unit, as the user picks it; becomes `period_type` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    /// `period_type` 2.
    #[default]
    Month,
    /// `period_type` 3.
    Year,
}

impl PeriodUnit {
    /// The documented integer code for `period_type`.
    pub fn period_type(self) -> u8 {
        match self {
            PeriodUnit::Month => PERIOD_TYPE_MONTH,
            PeriodUnit::Year => PERIOD_TYPE_YEAR,
        }
    }

    /// The unit for a documented `period_type` code, if it is one.
    pub fn from_period_type(code: i64) -> Option<Self> {
        match code {
            c if c == i64::from(PERIOD_TYPE_MONTH) => Some(PeriodUnit::Month),
            c if c == i64::from(PERIOD_TYPE_YEAR) => Some(PeriodUnit::Year),
            _ => None,
        }
    }
}

//! `Amount`: a decimal money amount kept exactly as BSS wrote it. BSS amounts are decimals (the official
//! SDKs use `Decimal`); parsing them into a float would print `32.199999…` or lose cents, so the digits are
//! read straight from the JSON token (a number or a string) into an integer and a scale.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// The most digits after the point an amount may carry (ours; BSS uses at most 8).
pub const MAX_SCALE: u32 = 12;

/// The longest text read as an amount (ours): a 38-digit integer with point, sign and exponent fits;
/// anything longer is not money, and refusing it first keeps parsing bounded.
pub const MAX_TEXT_CHARS: usize = 64;

/// The largest exponent (either sign) an amount may be written with (ours). No amount needs more: 38
/// digits plus [`MAX_SCALE`] places. A bigger one (`0e-2147483648`) is refused at once instead of being
/// worked through one power of ten at a time.
pub const MAX_EXPONENT: i32 = 50;

/// The largest whole amount that is money (ours): a thousand trillion in any currency. Above it an answer
/// is absurd (and sums or products of it would saturate), so it is "could not be read", never shown.
pub const MAX_MONEY_WHOLE: i128 = 1_000_000_000_000_000;

/// A decimal amount: `units / 10^scale`, exact.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    units: i128,
    scale: u32,
}

impl PartialEq for Amount {
    /// Equal in value: `30` equals `30.00`.
    fn eq(&self, other: &Self) -> bool {
        let s = self.scale.max(other.scale);
        self.rescaled(s) == other.rescaled(s)
    }
}
impl Eq for Amount {}

impl Ord for Amount {
    /// By value, whatever the scale: `0.5 < 1`, `30 == 30.00`.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let s = self.scale.max(other.scale);
        self.rescaled(s).cmp(&other.rescaled(s))
    }
}
impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Amount {
    /// Zero, for sums and "nothing to pay".
    pub const ZERO: Amount = Amount { units: 0, scale: 0 };

    /// Parses decimal text: optional `-`, digits, optional `.digits`, optional exponent (`1e2`, as JSON
    /// numbers may be written). Errors say what is wrong with the text. Bounded time whatever the text:
    /// at most [`MAX_TEXT_CHARS`] characters and an exponent within ±[`MAX_EXPONENT`].
    pub fn parse(text: &str) -> Result<Amount, String> {
        let t = text.trim();
        // The text comes from a server: shown cleaned and capped in the error.
        let shown = crate::sanitize::cut(&crate::sanitize::clean(t), 24);
        let bad = |why: &str| format!("\"{shown}\" is not a decimal amount ({why})");
        if t.chars().count() > MAX_TEXT_CHARS {
            return Err(bad(&format!("longer than {MAX_TEXT_CHARS} characters")));
        }
        let (mantissa, exp) = match t.find(['e', 'E']) {
            Some(i) => {
                let e: i32 = t[i + 1..]
                    .parse()
                    .map_err(|_| bad("the exponent is not a whole number"))?;
                if e.unsigned_abs() > MAX_EXPONENT.unsigned_abs() {
                    return Err(bad("the exponent is out of range"));
                }
                (&t[..i], e)
            }
            None => (t, 0),
        };
        let (negative, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(bad("no digits"));
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad(
                "only digits, one point and a leading minus are allowed",
            ));
        }
        let mut units: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units
                .checked_mul(10)
                .and_then(|u| u.checked_add(i128::from(b - b'0')))
                .ok_or_else(|| bad("too many digits"))?;
        }
        let mut scale =
            i64::try_from(frac.len()).map_err(|_| bad("too many digits"))? - i64::from(exp);
        while scale < 0 {
            units = units.checked_mul(10).ok_or_else(|| bad("too large"))?;
            scale += 1;
        }
        let mut a = Amount {
            units: if negative { -units } else { units },
            scale: u32::try_from(scale).map_err(|_| bad("too many digits"))?,
        };
        // Trailing zeros past MAX_SCALE carry no value; anything else there is more precision than money has.
        while a.scale > MAX_SCALE && a.units % 10 == 0 {
            a.units /= 10;
            a.scale -= 1;
        }
        if a.scale > MAX_SCALE {
            return Err(bad("more than 12 digits after the point"));
        }
        Ok(a)
    }

    fn rescaled(&self, scale: u32) -> i128 {
        self.units
            .saturating_mul(10i128.saturating_pow(scale.saturating_sub(self.scale)))
    }

    /// `self - other`, exact (used to check `amount = official - discount`).
    pub fn minus(&self, other: &Amount) -> Amount {
        let s = self.scale.max(other.scale);
        Amount {
            units: self.rescaled(s).saturating_sub(other.rescaled(s)),
            scale: s,
        }
    }

    /// `self + other`, exact (sums of line amounts).
    pub fn plus(&self, other: &Amount) -> Amount {
        let s = self.scale.max(other.scale);
        Amount {
            units: self.rescaled(s).saturating_add(other.rescaled(s)),
            scale: s,
        }
    }

    /// `self × n`, exact (a unit price times a count; saturates rather than wrap).
    pub fn times(&self, n: u64) -> Amount {
        Amount {
            units: self.units.saturating_mul(i128::from(n)),
            scale: self.scale,
        }
    }

    /// Whether this can be an amount of money to show or ask for: not negative, and at most
    /// [`MAX_MONEY_WHOLE`] (ours). A negative or absurd amount from a server is "could not be read".
    pub fn is_money(&self) -> bool {
        let limit = 10i128
            .checked_pow(self.scale)
            .and_then(|p| p.checked_mul(MAX_MONEY_WHOLE));
        self.units >= 0 && limit.is_some_and(|limit| self.units <= limit)
    }

    /// Whether it is more than zero (a discount worth showing).
    pub fn is_positive(&self) -> bool {
        self.units > 0
    }

    /// The text with exactly `places` digits after the point, rounded half away from zero — how money
    /// is shown (2 places).
    pub fn fixed(&self, places: u32) -> String {
        let mut a = *self;
        if a.scale > places {
            let div = 10i128.pow(a.scale - places);
            let q = a.units / div;
            let r = a.units % div;
            let q = if r.abs() * 2 >= div {
                q + a.units.signum()
            } else {
                q
            };
            a = Amount {
                units: q,
                scale: places,
            };
        }
        let units = a.rescaled(places);
        Amount {
            units,
            scale: places,
        }
        .to_string()
    }
}

impl fmt::Display for Amount {
    /// The exact value, no exponent: `32.2`, `-0.05`, `100`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

impl Serialize for Amount {
    /// As a decimal string, so no reader turns it into a float.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// From the raw JSON token: a number (its exact digits) or a string holding one. Works only with
    /// serde_json's text deserializer (which is how every BSS answer is read), not from a `Value`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw: Box<serde_json::value::RawValue> = Deserialize::deserialize(d)?;
        let token = raw.get().trim();
        let text = if token.starts_with('"') {
            serde_json::from_str::<String>(token).map_err(de::Error::custom)?
        } else {
            token.to_string()
        };
        Amount::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_digits_of_numbers_and_strings() {
        #[derive(Deserialize)]
        struct T {
            a: Amount,
            b: Amount,
            c: Amount,
        }
        let t: T = serde_json::from_str(r#"{"a": 32.2, "b": "0.1", "c": 12345678901234567.89}"#)
            .expect("parses");
        assert_eq!(t.a.to_string(), "32.2");
        assert_eq!(t.b.to_string(), "0.1");
        // A float would print 12345678901234568.
        assert_eq!(t.c.to_string(), "12345678901234567.89");
    }

    #[test]
    fn subtracts_compares_and_rounds_exactly() {
        let a = Amount::parse("32.2").expect("ok");
        let d = Amount::parse("2.2").expect("ok");
        assert_eq!(a.minus(&d), Amount::parse("30.00").expect("ok"));
        assert_eq!(
            Amount::parse("0.1")
                .expect("ok")
                .minus(&Amount::parse("0.3").expect("ok"))
                .to_string(),
            "-0.2"
        );
        assert_eq!(Amount::parse("1.005").expect("ok").fixed(2), "1.01");
        assert_eq!(Amount::parse("7").expect("ok").fixed(2), "7.00");
        assert_eq!(Amount::parse("1e2").expect("ok").to_string(), "100");
        assert_eq!(Amount::parse("1.5E-1").expect("ok").to_string(), "0.15");
        assert_eq!(Amount::parse("-0.05").expect("ok").to_string(), "-0.05");
        assert!(Amount::parse("0.05").expect("ok").is_positive());
    }

    #[test]
    fn refuses_what_is_not_a_decimal_and_says_why() {
        for bad in [
            "",
            "abc",
            "1.2.3",
            "--1",
            "1e",
            "NaN",
            "0x10",
            "1.0000000000001",
        ] {
            assert!(Amount::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Amount>("true").is_err());
        assert!(
            serde_json::from_str::<Amount>("\"12 CNY\"")
                .unwrap_err()
                .to_string()
                .contains("12 CNY")
        );
    }

    #[test]
    fn absurd_exponents_are_refused_at_once() {
        // Refused by the exponent's bound, before any digit is scaled (which took ~17 s of CPU before):
        // the error names the exponent. No clock here: a timed assertion flakes on a busy machine.
        for bad in [
            "0e-2147483648",
            "0E2147483647",
            "1e-51",
            "1e51",
            "0.000e-99999",
        ] {
            let e = Amount::parse(bad).expect_err(bad);
            assert!(e.contains("exponent"), "{bad}: {e}");
        }
        let long = format!("1{}", "0".repeat(200));
        assert!(Amount::parse(&long).is_err());
        // Within the bound an exponent still works, both ways.
        assert_eq!(Amount::parse("1200e-2").expect("ok").to_string(), "12.00");
        assert_eq!(Amount::parse("0e-50").expect("ok"), Amount::ZERO);
    }

    #[test]
    fn the_text_length_bound_is_exact() {
        // "0." and zeros: a valid amount of any length, so only the length rule can refuse it.
        let at = format!("0.{}", "0".repeat(MAX_TEXT_CHARS - 2));
        assert_eq!(at.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(Amount::parse(&at).expect("at the bound"), Amount::ZERO);
        let over = format!("0.{}", "0".repeat(MAX_TEXT_CHARS - 1));
        let e = Amount::parse(&over).expect_err("one over");
        assert!(e.contains(&format!("longer than {MAX_TEXT_CHARS}")), "{e}");
        let far_over = format!("0.{}", "0".repeat(MAX_TEXT_CHARS + 40));
        let e = Amount::parse(&far_over).expect_err("far over");
        assert!(e.contains("longer than"), "{e}");
    }

    #[test]
    fn negative_and_absurd_amounts_are_not_money() {
        let money = |s: &str| Amount::parse(s).expect(s).is_money();
        assert!(money("0") && money("1200.50") && money("1000000000000000"));
        assert!(!money("-1200.50"), "negative");
        assert!(!money("-0.01"));
        assert!(!money("1000000000000000.01"), "over the ceiling");
        assert!(
            !money("99999999999999999999999999999999999999"),
            "38 digits"
        );
    }

    proptest::proptest! {
        /// Whatever the text, parsing ends quickly, and what parses prints back to the same value.
        #[test]
        fn any_text_parses_in_bounded_time_and_round_trips(s in "[-+0-9.eE]{0,80}") {
            let started = std::time::Instant::now();
            let parsed = Amount::parse(&s);
            proptest::prop_assert!(started.elapsed() < std::time::Duration::from_millis(500));
            if let Ok(a) = parsed {
                proptest::prop_assert_eq!(Amount::parse(&a.to_string()).expect("round trip"), a);
            }
        }
    }

    #[test]
    fn serializes_as_a_string() {
        let a = Amount::parse("30.00").expect("ok");
        assert_eq!(serde_json::to_string(&a).expect("ser"), "\"30.00\"");
    }
}

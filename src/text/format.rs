//! How numbers and times read where a person reads them, shared by the wizard and the command line's
//! text (JSON keeps its own stable forms: decimal strings, RFC 3339 in UTC). Pure: the local offset is
//! an argument, read once by [`local_offset_at`].

use time::{OffsetDateTime, UtcOffset};

use crate::billing::Amount;

/// A decimal text ("21600.00", "-1234") with its whole part grouped in threes ("21,600.00"). Both
/// languages group this way (CLDR's rule for en and for zh: "," every three digits), so no language
/// is asked for.
pub fn group_digits(decimal: &str) -> String {
    let (sign, rest) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal),
    };
    let (whole, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if !whole.bytes().all(|b| b.is_ascii_digit()) {
        return decimal.to_string();
    }
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// Money as a person reads it: the currency's decimals, grouped, then the currency ("21,600.00 CNY").
pub fn money(amount: &Amount, currency: &str) -> String {
    // The currency's places, unless rounding to them would change the amount: a pay question must name
    // what the pay charges (12.345, not 12.35), so such an amount is shown exactly.
    let fixed = amount.fixed(currency_places(currency));
    let shown = if Amount::parse(&fixed).is_ok_and(|f| f == *amount) {
        fixed
    } else {
        amount.to_string()
    };
    format!("{} {currency}", group_digits(&shown))
}

/// The decimals a currency is written with: none for yen and won, two for the rest (CNY among them).
pub fn currency_places(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" => 0,
        _ => 2,
    }
}

/// A time in the reader's zone, to the second, with the zone's offset so it is never mistaken for
/// UTC: `2026-12-07 10:26:47 +08:00` (UTC itself is written `+00:00`). No fractions of a second.
pub fn local_time(t: OffsetDateTime, offset: UtcOffset) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"
    );
    t.to_offset(offset)
        .format(&fmt)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

/// A CCM time (milliseconds since the epoch) in the reader's zone ([`local_time`]); the number itself
/// when it is out of range.
pub fn local_millis(ms: i64) -> String {
    millis_in(ms, true)
}

/// A CCM time in the machine's zone (`local`) or in UTC, with its offset: the wizard draws UTC where
/// its model was not told the zone (a test), so what it draws never depends on the machine's TZ.
pub fn millis_in(ms: i64, local: bool) -> String {
    match OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) {
        Ok(t) if local => local_time(t, local_offset_at(t)),
        Ok(t) => local_time(t, UtcOffset::UTC),
        Err(_) => ms.to_string(),
    }
}

/// The local zone's offset from UTC at `t` (daylight saving included), from the C library's
/// `localtime_r` (TZ and /etc/localtime); UTC when it cannot tell.
pub fn local_offset_at(t: OffsetDateTime) -> UtcOffset {
    // time_t is 64-bit wherever this builds (a 32-bit one would only misplace dates past 2038).
    let secs = t.unix_timestamp() as libc::time_t;
    // SAFETY: localtime_r writes only into the `tm` we own; `secs` is a valid time_t. It reads the
    // environment's TZ, which this program never changes while running.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&secs, &mut tm).is_null() };
    if !ok {
        return UtcOffset::UTC;
    }
    i32::try_from(tm.tm_gmtoff)
        .ok()
        .and_then(|s| UtcOffset::from_whole_seconds(s).ok())
        .unwrap_or(UtcOffset::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_finer_than_its_currency_is_shown_exactly_never_rounded() {
        let a = |t: &str| Amount::parse(t).expect(t);
        assert_eq!(money(&a("12.345"), "CNY"), "12.345 CNY");
        assert_eq!(money(&a("21600.5"), "CNY"), "21,600.50 CNY");
        assert_eq!(money(&a("1200.500"), "CNY"), "1,200.50 CNY");
        assert_eq!(money(&a("0.001"), "JPY"), "0.001 JPY");
    }

    #[test]
    fn amounts_are_grouped_in_threes() {
        assert_eq!(group_digits("21600.00"), "21,600.00");
        assert_eq!(group_digits("1200.00"), "1,200.00");
        assert_eq!(group_digits("999.5"), "999.5");
        assert_eq!(group_digits("1234567"), "1,234,567");
        assert_eq!(group_digits("-1000.10"), "-1,000.10");
        assert_eq!(group_digits("0.05"), "0.05");
        let a = Amount::parse("21600").expect("decimal");
        assert_eq!(money(&a, "CNY"), "21,600.00 CNY");
        assert_eq!(money(&a, "JPY"), "21,600 JPY");
    }

    #[test]
    fn times_read_in_the_given_zone_to_the_second_with_the_offset() {
        let t = OffsetDateTime::parse(
            "2026-12-07T02:26:47.573881503Z",
            &time::format_description::well_known::Rfc3339,
        )
        .expect("rfc 3339");
        let east8 = UtcOffset::from_hms(8, 0, 0).expect("offset");
        assert_eq!(local_time(t, east8), "2026-12-07 10:26:47 +08:00");
        assert_eq!(local_time(t, UtcOffset::UTC), "2026-12-07 02:26:47 +00:00");
        let west = UtcOffset::from_hms(-5, -30, 0).expect("offset");
        assert_eq!(local_time(t, west), "2026-12-06 20:56:47 -05:30");
    }
}

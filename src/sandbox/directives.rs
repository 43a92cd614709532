//! Fault directives: `sandbox:` words in an order's `promotion_info` that make the sandbox fail on purpose,
//! like a payment provider's magic test card numbers. Only the sandbox reads them.

use std::time::Duration;

use axum::http::StatusCode;

/// The longest `sandbox:delay_ms` honoured; larger values are cut to this.
pub(crate) const MAX_DELAY_MS: u64 = 120_000;

/// What an order body asked the sandbox to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Directives {
    /// Answer this 4xx/5xx status; nothing is created.
    pub status: Option<StatusCode>,
    /// Wait this long first, then carry on.
    pub delay: Option<Duration>,
    /// Create the order, then close the connection without answering.
    pub drop: bool,
    /// Answer 502 with an HTML page; nothing is created.
    pub html: bool,
    /// Failures the order's later billing calls meet; remembered on the order.
    pub bss: BssFaults,
}

/// Billing faults an order carries (`sandbox:pay_status=503` and friends): they apply when that order is
/// later paid, cancelled or read, so every billing failure can be produced on purpose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BssFaults {
    /// Paying answers this status; nothing is paid.
    pub pay_status: Option<StatusCode>,
    /// Paying takes the payment, then closes the connection without answering.
    pub pay_drop: bool,
    /// Paying takes the payment, then holds the answer this long: a payment in flight, on purpose.
    pub pay_delay: Option<Duration>,
    /// Cancelling answers this status; nothing is cancelled.
    pub cancel_status: Option<StatusCode>,
    /// Reading the order's details answers this status.
    pub details_status: Option<StatusCode>,
    /// `sandbox:expires_in_days=N`: the subscriptions of the order's CAs end N days after they begin
    /// instead of after the ordered period (negative: already ended), so `expiring` can be tried.
    pub expires_in_days: Option<i64>,
    /// `sandbox:renew_unsupported`: renew-rate (and renew) report the CAs with `CBC.30050013`, "this
    /// product does not support renewal" — the answer PCA may well give (not documented either way).
    pub renew_unsupported: bool,
    /// Pricing a renewal of the order's CAs answers this status.
    pub renew_rate_status: Option<StatusCode>,
    /// Renewing the order's CAs answers this status; nothing is renewed.
    pub renew_status: Option<StatusCode>,
    /// Renewing the order's CAs makes the renewal order, then holds the answer this long: a renewal
    /// in flight (with a short `--timeout`: unknown, though the order exists).
    pub renew_delay: Option<Duration>,
    /// Lifecycle faults for the order's CAs (auto-renew, unsubscribe, refund breakdown).
    pub lifecycle: LifecycleFaults,
}

/// Faults the CAs of an order meet later in their paid life (`sandbox:autorenew_status=503` and
/// friends), so every outcome of `auto-renew` and `unsubscribe` can be produced on purpose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LifecycleFaults {
    /// Auto-renew on or off answers this status; nothing changes.
    pub autorenew_status: Option<StatusCode>,
    /// Auto-renew on or off takes effect, then answers 200 with a JSON body instead of 204.
    pub autorenew_200: bool,
    /// Unsubscribing answers this status; nothing changes.
    pub unsubscribe_status: Option<StatusCode>,
    /// The refund breakdown answers this status.
    pub refund_status: Option<StatusCode>,
    /// Auto-renew and unsubscribe take effect, then hold the answer this long (a timeout, on purpose).
    pub delay: Option<Duration>,
}

/// The furthest `sandbox:expires_in_days` reaches either way (ours: ten years).
pub(crate) const MAX_EXPIRES_IN_DAYS: i64 = 3650;

/// Reads the directives from `promotion_info` (words split by whitespace or commas; other words are
/// ordinary promotion text). Errors name the offending word.
pub(crate) fn parse(promotion_info: &str) -> Result<Directives, String> {
    let mut d = Directives::default();
    for word in promotion_info
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let Some(directive) = word.strip_prefix("sandbox:") else {
            continue;
        };
        let (name, value) = match directive.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (directive, None),
        };
        match (name, value) {
            ("status", Some(v)) => {
                let status = v
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (400..=599).contains(s))
                    .and_then(|s| StatusCode::from_u16(s).ok())
                    .ok_or_else(|| {
                        format!("sandbox directive \"{word}\": the status must be 400 to 599")
                    })?;
                d.status = Some(status);
            }
            ("delay_ms", Some(v)) => {
                let ms = v.parse::<u64>().map_err(|_| {
                    format!("sandbox directive \"{word}\": delay_ms must be a whole number of milliseconds")
                })?;
                d.delay = Some(Duration::from_millis(ms.min(MAX_DELAY_MS)));
            }
            ("drop", None) => d.drop = true,
            ("html", None) => d.html = true,
            ("pay_status", Some(v)) => d.bss.pay_status = Some(error_status(word, v)?),
            ("pay_drop", None) => d.bss.pay_drop = true,
            ("pay_delay_ms", Some(v)) => {
                let ms = v.parse::<u64>().map_err(|_| {
                    format!("sandbox directive \"{word}\": pay_delay_ms must be a whole number of milliseconds")
                })?;
                d.bss.pay_delay = Some(Duration::from_millis(ms.min(MAX_DELAY_MS)));
            }
            ("cancel_status", Some(v)) => d.bss.cancel_status = Some(error_status(word, v)?),
            ("details_status", Some(v)) => d.bss.details_status = Some(error_status(word, v)?),
            ("renew_unsupported", None) => d.bss.renew_unsupported = true,
            ("renew_rate_status", Some(v)) => {
                d.bss.renew_rate_status = Some(error_status(word, v)?)
            }
            ("renew_status", Some(v)) => d.bss.renew_status = Some(error_status(word, v)?),
            ("renew_delay_ms", Some(v)) => {
                let ms = v.parse::<u64>().map_err(|_| {
                    format!("sandbox directive \"{word}\": renew_delay_ms must be a whole number of milliseconds")
                })?;
                d.bss.renew_delay = Some(Duration::from_millis(ms.min(MAX_DELAY_MS)));
            }
            ("expires_in_days", Some(v)) => {
                let days = v
                    .parse::<i64>()
                    .ok()
                    .filter(|d| d.abs() <= MAX_EXPIRES_IN_DAYS)
                    .ok_or_else(|| {
                        format!(
                            "sandbox directive \"{word}\": expires_in_days must be a whole number of days, \
                             -{MAX_EXPIRES_IN_DAYS} to {MAX_EXPIRES_IN_DAYS}"
                        )
                    })?;
                d.bss.expires_in_days = Some(days);
            }
            ("autorenew_status", Some(v)) => {
                d.bss.lifecycle.autorenew_status = Some(error_status(word, v)?);
            }
            ("autorenew_200", None) => d.bss.lifecycle.autorenew_200 = true,
            ("unsubscribe_status", Some(v)) => {
                d.bss.lifecycle.unsubscribe_status = Some(error_status(word, v)?);
            }
            ("refund_status", Some(v)) => {
                d.bss.lifecycle.refund_status = Some(error_status(word, v)?);
            }
            ("lifecycle_delay_ms", Some(v)) => {
                let ms = v.parse::<u64>().map_err(|_| {
                    format!("sandbox directive \"{word}\": lifecycle_delay_ms must be a whole number of milliseconds")
                })?;
                d.bss.lifecycle.delay = Some(Duration::from_millis(ms.min(MAX_DELAY_MS)));
            }
            _ => {
                return Err(format!(
                    "unknown sandbox directive \"{word}\" (known: sandbox:status=NNN, \
                     sandbox:delay_ms=N, sandbox:drop, sandbox:html, sandbox:pay_status=NNN, \
                     sandbox:pay_drop, sandbox:pay_delay_ms=N, sandbox:cancel_status=NNN, \
                     sandbox:details_status=NNN, sandbox:expires_in_days=N, \
                     sandbox:renew_unsupported, sandbox:renew_rate_status=NNN, \
                     sandbox:renew_status=NNN, sandbox:renew_delay_ms=N, \
                     sandbox:autorenew_status=NNN, sandbox:autorenew_200, \
                     sandbox:unsubscribe_status=NNN, sandbox:refund_status=NNN, \
                     sandbox:lifecycle_delay_ms=N)"
                ));
            }
        }
    }
    let outcomes = usize::from(d.status.is_some()) + usize::from(d.drop) + usize::from(d.html);
    if outcomes > 1 {
        return Err(
            "sandbox directives status, drop and html each decide the outcome: use at most one"
                .to_string(),
        );
    }
    if d.bss.pay_status.is_some() && d.bss.pay_drop {
        return Err(
            "sandbox directives pay_status and pay_drop each decide the payment: use one"
                .to_string(),
        );
    }
    Ok(d)
}

/// A 400-599 status from a directive's value, or an error naming the word.
fn error_status(word: &str, v: &str) -> Result<StatusCode, String> {
    v.parse::<u16>()
        .ok()
        .filter(|s| (400..=599).contains(s))
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(|| format!("sandbox directive \"{word}\": the status must be 400 to 599"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_directives_among_ordinary_words() {
        let d = parse("SPRING-SALE sandbox:delay_ms=250,sandbox:status=503").expect("valid");
        assert_eq!(d.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(d.delay, Some(Duration::from_millis(250)));
        assert!(!d.drop && !d.html);
        assert_eq!(parse("").expect("empty"), Directives::default());
    }

    #[test]
    fn billing_directives_are_read_and_checked() {
        let d =
            parse("sandbox:pay_status=503 sandbox:cancel_status=409 sandbox:details_status=500")
                .expect("valid");
        assert_eq!(d.bss.pay_status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(d.bss.cancel_status, Some(StatusCode::CONFLICT));
        assert_eq!(
            d.bss.details_status,
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        );
        assert!(parse("sandbox:pay_drop").expect("valid").bss.pay_drop);
        assert!(parse("sandbox:pay_status=200").is_err());
        assert!(parse("sandbox:pay_drop sandbox:pay_status=503").is_err());
        let d = parse("sandbox:expires_in_days=5").expect("valid");
        assert_eq!(d.bss.expires_in_days, Some(5));
        let d = parse("sandbox:expires_in_days=-3650").expect("valid");
        assert_eq!(d.bss.expires_in_days, Some(-MAX_EXPIRES_IN_DAYS));
        assert!(parse("sandbox:expires_in_days=3650").is_ok());
        assert!(parse("sandbox:expires_in_days=3651").is_err());
        assert!(parse("sandbox:expires_in_days=-3651").is_err());
        assert!(parse("sandbox:expires_in_days=1.5").is_err());
        let d = parse("sandbox:renew_unsupported sandbox:renew_rate_status=503 sandbox:renew_status=400 sandbox:renew_delay_ms=5")
            .expect("valid");
        assert!(d.bss.renew_unsupported);
        assert_eq!(
            d.bss.renew_rate_status,
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert_eq!(d.bss.renew_status, Some(StatusCode::BAD_REQUEST));
        assert_eq!(d.bss.renew_delay, Some(Duration::from_millis(5)));
        assert!(parse("sandbox:renew_status=200").is_err());
        // An order directive and a billing one may go together.
        assert!(parse("sandbox:drop sandbox:pay_drop").is_ok());
    }

    #[test]
    fn lifecycle_directives_are_read_and_checked() {
        let d = parse(
            "sandbox:autorenew_status=503 sandbox:unsubscribe_status=400 sandbox:refund_status=500 \
             sandbox:autorenew_200 sandbox:lifecycle_delay_ms=5000",
        )
        .expect("valid");
        let l = d.bss.lifecycle;
        assert_eq!(l.autorenew_status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(l.unsubscribe_status, Some(StatusCode::BAD_REQUEST));
        assert_eq!(l.refund_status, Some(StatusCode::INTERNAL_SERVER_ERROR));
        assert!(l.autorenew_200);
        assert_eq!(l.delay, Some(Duration::from_millis(5000)));
        assert!(parse("sandbox:autorenew_status=204").is_err());
        assert!(parse("sandbox:lifecycle_delay_ms=x").is_err());
        assert!(parse("sandbox:autorenew_200=1").is_err());
    }

    #[test]
    fn caps_the_delay_and_refuses_bad_words() {
        let d = parse("sandbox:delay_ms=999999999").expect("valid");
        assert_eq!(d.delay, Some(Duration::from_millis(MAX_DELAY_MS)));
        assert!(
            parse("sandbox:explode")
                .unwrap_err()
                .contains("sandbox:explode")
        );
        assert!(parse("sandbox:status=200").is_err());
        assert!(parse("sandbox:status=abc").is_err());
        assert!(parse("sandbox:drop=1").is_err());
        assert!(parse("sandbox:drop sandbox:html").is_err());
    }
}

/// A fault directive in a region name, for the billing reads whose requests carry no free text (the price
/// query and IAM's project lookup only send the region): `sandbox-price-503` makes the price answer 503,
/// `sandbox-projects-403` makes the project lookup answer 403. The region rule (lower-case words and digits
/// joined by `-`) accepts these names, and against the sandbox no region picks a real endpoint. Only a
/// 4xx or 5xx status counts; anything else is an ordinary (unknown) region.
pub(crate) fn region_fault(region: &str, call: &str) -> Option<StatusCode> {
    let code = region
        .strip_prefix("sandbox-")?
        .strip_prefix(call)?
        .strip_prefix('-')?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status = StatusCode::from_bytes(code.as_bytes()).ok()?;
    (status.is_client_error() || status.is_server_error()).then_some(status)
}

/// A slow read in a region name: `sandbox-price-slow-1500` makes the price answer after 1.5 s (cut to the
/// longest delay honoured), so what happens while it is read (type-ahead, signals) can be tried.
pub(crate) fn region_delay(region: &str, call: &str) -> Option<Duration> {
    let ms = region
        .strip_prefix("sandbox-")?
        .strip_prefix(call)?
        .strip_prefix("-slow-")?;
    if ms.is_empty() || ms.len() > 9 || !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: u64 = ms.parse().ok()?;
    Some(Duration::from_millis(ms.min(MAX_DELAY_MS)))
}

#[cfg(test)]
mod region_tests {
    use super::*;

    #[test]
    fn a_region_directive_names_its_call_and_a_4xx_or_5xx_status() {
        let s = |n: u16| StatusCode::from_u16(n).ok();
        assert_eq!(region_fault("sandbox-price-503", "price"), s(503));
        assert_eq!(region_fault("sandbox-price-400", "price"), s(400));
        assert_eq!(region_fault("sandbox-projects-403", "projects"), s(403));
        // Another call's directive, a status that is not a failure, or no status: an ordinary region.
        assert_eq!(region_fault("sandbox-price-503", "projects"), None);
        assert_eq!(region_fault("sandbox-price-200", "price"), None);
        assert_eq!(region_fault("sandbox-price-302", "price"), None);
        assert_eq!(region_fault("sandbox-price-5031", "price"), None);
        assert_eq!(
            region_delay("sandbox-price-slow-1500", "price"),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(region_delay("sandbox-price-slow-", "price"), None);
        assert_eq!(region_delay("sandbox-price-slow-1500", "projects"), None);
        assert_eq!(region_fault("sandbox-price-slow-1500", "price"), None);
        assert_eq!(region_fault("sandbox-price-", "price"), None);
        assert_eq!(region_fault("cn-north-4", "price"), None);
    }
}

//! Billing's pure rules as a user meets them: the exact amounts a price or order shows (parsed, compared,
//! added, multiplied and rounded to cents), the limits of an amount's precision, the names of resource
//! statuses, and which project id and order id are accepted — each at its exact limit and one past it.

use pca_order::billing::{
    Amount, OrderStatus, WaitVerdict, check_order_id, parse_price, parse_project_id,
    resource_status_name,
};

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn different_amounts_are_never_equal_and_equal_values_are() {
    assert_ne!(amount("30"), amount("30.01"));
    assert_ne!(amount("1"), amount("-1"));
    assert_eq!(amount("30"), amount("30.000"));
    assert_eq!(amount("0.5"), amount("5e-1"));
}

#[test]
fn sums_and_multiples_are_exact() {
    // 0.1 + 0.2 is 0.3 exactly (a float would not be), and a unit price times a count.
    assert_eq!(amount("0.1").plus(&amount("0.2")).to_string(), "0.3");
    assert_eq!(amount("32.2").times(3).to_string(), "96.6");
    assert_eq!(amount("19.99").times(0), Amount::ZERO);
    assert_eq!(amount("1.5").plus(&amount("-2")).to_string(), "-0.5");
}

#[test]
fn only_a_value_above_zero_is_positive() {
    assert!(amount("0.01").is_positive());
    assert!(!Amount::ZERO.is_positive(), "zero is no discount");
    assert!(!amount("0.000").is_positive());
    assert!(!amount("-0.01").is_positive());
}

#[test]
fn zero_is_shown_without_a_sign() {
    assert_eq!(Amount::ZERO.to_string(), "0");
    assert_eq!(amount("0.00").to_string(), "0.00");
    assert_eq!(Amount::ZERO.fixed(2), "0.00");
    assert_eq!(amount("-0.004").fixed(2), "0.00");
}

#[test]
fn cents_are_rounded_half_away_from_zero_whatever_the_precision() {
    assert_eq!(amount("1.23456").fixed(2), "1.23");
    assert_eq!(amount("1.23556").fixed(2), "1.24");
    assert_eq!(amount("9.995").fixed(2), "10.00");
    assert_eq!(amount("-1.005").fixed(2), "-1.01");
    assert_eq!(amount("-1.00499999").fixed(2), "-1.00");
    assert_eq!(amount("12.5").fixed(0), "13");
    // Already at (or under) the precision: the value is kept, padded.
    assert_eq!(amount("4.20").fixed(2), "4.20");
    assert_eq!(amount("4.2").fixed(3), "4.200");
}

#[test]
fn twelve_digits_after_the_point_is_the_limit_and_trailing_zeros_past_it_are_no_precision() {
    // Exactly 12 digits: accepted and kept as written.
    assert_eq!(amount("0.000000000001").to_string(), "0.000000000001");
    assert_eq!(amount("0.000000000010").to_string(), "0.000000000010");
    // Zeros past the 12th digit carry no value: accepted, equal to the short form.
    let long = amount("1.50000000000000000");
    assert_eq!(long, amount("1.5"));
    assert_eq!(long.to_string(), "1.500000000000");
    assert_eq!(amount("1e-12").to_string(), "0.000000000001");
    // A 13th digit that is not zero is more precision than money has: refused, saying why.
    let err = Amount::parse("0.0000000000001").expect_err("13 digits");
    assert!(err.contains("12 digits"), "{err}");
    assert!(Amount::parse("1.00000000000010").is_err());
    assert_eq!(amount("1.0000000000010").to_string(), "1.000000000001");
}

#[test]
fn the_price_with_no_best_offer_is_the_cheapest_discount() {
    let body = br#"{"official_website_rating_result": {"official_website_amount": 40},
        "optional_discount_rating_results": [
          {"amount": 35.5, "discount_name": "a"},
          {"amount": 30.25, "discount_name": "cheapest"},
          {"amount": 39, "discount_name": "c"}],
        "currency": "CNY"}"#;
    let p = parse_price(body, "CNY", "1 CA × 1 year".into()).expect("parses");
    let d = p.discount.clone().expect("a discount");
    assert_eq!(d.name, "cheapest");
    assert_eq!(d.amount, amount("30.25"));
    // An offer only: the order charges the list price.
    assert_eq!(p.charged(), amount("40"));
    // Without discount_amount, what it takes off is the list price minus the offer's amount.
    assert_eq!(d.discount_amount, amount("9.75"));
}

#[test]
fn amounts_compare_by_value_whatever_their_scale() {
    assert!(amount("10") > amount("9.99"));
    assert!(amount("0.5") < amount("1"));
    assert!(amount("-1") < amount("0"));
    assert_eq!(
        amount("30").cmp(&amount("30.00")),
        std::cmp::Ordering::Equal
    );
    // Among equally cheap discounts the first one listed is shown, every time.
    let body = br#"{"official_website_rating_result": {"official_website_amount": 40},
        "optional_discount_rating_results": [
          {"amount": 35, "discount_name": "dear"},
          {"amount": 30.0, "discount_name": "first"},
          {"amount": 30, "discount_name": "second"}]}"#;
    let p = parse_price(body, "CNY", "1 CA × 1 year".into()).expect("parses");
    assert_eq!(p.discount.expect("a discount").name, "first");
}

#[test]
fn every_resource_status_has_its_documented_name() {
    assert_eq!(resource_status_name(Some(2)), "in use");
    assert_eq!(resource_status_name(Some(3)), "closed");
    assert_eq!(resource_status_name(Some(4)), "frozen");
    assert_eq!(resource_status_name(Some(5)), "expired");
    assert_eq!(resource_status_name(Some(1)), "unknown");
    assert_eq!(resource_status_name(None), "unknown");
}

#[test]
fn only_an_order_waiting_for_payment_can_be_paid() {
    for code in [1, 2, 3, 4, 5, 9, 10, 77] {
        assert!(!OrderStatus::from_code(code).payable(), "status {code}");
    }
    assert!(OrderStatus::from_code(6).payable());
    assert_eq!(OrderStatus::from_code(11).name(), "to be received");
    assert_eq!(
        OrderStatus::from_code(13).verdict(),
        WaitVerdict::Failed,
        "a physical-goods state ends a wait"
    );
}

#[test]
fn the_project_id_is_the_one_named_after_the_region() {
    let body = br#"{"projects": [{"id": "aaa111", "name": "cn-north-1"},
        {"id": "bbb222", "name": "cn-north-4"}]}"#;
    assert_eq!(parse_project_id(body, "cn-north-4").expect("id"), "bbb222");
    assert_eq!(parse_project_id(body, "cn-north-1").expect("id"), "aaa111");
}

#[test]
fn a_project_id_is_1_to_64_letters_and_digits() {
    let body = |id: &str| format!(r#"{{"projects": [{{"id": "{id}", "name": "r"}}]}}"#);
    let at_limit = "a".repeat(64);
    assert_eq!(
        parse_project_id(body(&at_limit).as_bytes(), "r").expect("64 chars"),
        at_limit
    );
    assert!(parse_project_id(body(&"a".repeat(65)).as_bytes(), "r").is_err());
    assert_eq!(
        parse_project_id(body("7").as_bytes(), "r").expect("one"),
        "7"
    );
    for bad in ["ab-12", "ab/..", "ab 12", ""] {
        let err = parse_project_id(body(bad).as_bytes(), "r").expect_err(bad);
        assert!(err.contains("no usable project for region r"), "{err}");
    }
}

#[test]
fn an_order_id_is_1_to_64_letters_digits_dashes_or_underscores() {
    assert_eq!(check_order_id("C").expect("one char"), "C");
    let at_limit = "C".repeat(64);
    assert_eq!(check_order_id(&at_limit).expect("64 chars"), at_limit);
    let err = check_order_id(&"C".repeat(65)).expect_err("65 chars");
    assert!(err.contains("ORDER_ID") && err.contains("1-64"), "{err}");
    assert_eq!(check_order_id("CS-26_11").expect("- and _"), "CS-26_11");
    assert_eq!(check_order_id("_").expect("_"), "_");
    assert_eq!(check_order_id("-").expect("-"), "-");
    for bad in ["CS 1", "CS/1", "CS?1", "CS.1", "ÇS1"] {
        assert!(check_order_id(bad).is_err(), "{bad}");
    }
}

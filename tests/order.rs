//! The order domain: the documented example body and response, and every rule as a table.

use pca_order::order::validate::{self, Field, LimitSource, Rule, parse_count};
use pca_order::order::{OrderDraft, OrderRequest, PeriodUnit, QuotaLeft};
use pca_order::sandbox::wire::wire_body;
use serde_json::{Value, json};

/// The request example of the API reference page, as published.
const DOCUMENTED_BODY: &str = r#"{
  "cloud_service_type" : "hws.service.type.ccm",
  "period_type" : 2,
  "period_num" : 1,
  "charging_mode" : 0,
  "is_auto_renew" : 0,
  "is_auto_pay" : 0,
  "promotion_info" : "",
  "enterprise_project_id" : "0",
  "product_infos" : [ {
    "cloud_service_type" : "hws.service.type.ccm",
    "resource_type" : "hws.resource.type.pca.duration",
    "resource_spec_code" : "ca.duration"
  } ],
  "subscription_num" : 1
}"#;

#[test]
fn default_draft_serializes_to_the_documented_example() {
    let req = OrderDraft::default()
        .validate(None)
        .expect("the default is valid");
    let ours: Value = serde_json::from_str(&req.to_json()).expect("ours is JSON");
    let documented: Value = serde_json::from_str(DOCUMENTED_BODY).expect("documented is JSON");
    assert_eq!(ours, documented);
    // Same field order as the documented example, too (what is signed is what is shown).
    let keys: Vec<&str> = documented
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let our_keys: Vec<&str> = ours
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(our_keys, keys);
}

#[test]
fn documented_example_parses_back_by_the_wire_rules() {
    let v: Value = serde_json::from_str(DOCUMENTED_BODY).expect("json");
    let req = wire_body(&v).expect("the documented example is valid");
    assert_eq!(req, OrderDraft::default().validate(None).expect("valid"));
    let typed: OrderRequest = serde_json::from_str(DOCUMENTED_BODY).expect("typed parse");
    assert_eq!(typed, req);
}

#[test]
fn documented_response_example_parses() {
    let body = r#"{"order_id" : "CS1803192259ROA8U", "ca_ids" : [ "4284547e-68ef-4a94-adea-9df1e5d8ad65", "211c079c-bab8-41af-8948-c5e2531232c6" ]}"#;
    let created: pca_order::api::Created = serde_json::from_str(body).expect("parses");
    assert_eq!(created.order_id, "CS1803192259ROA8U");
    assert_eq!(created.ca_ids.len(), 2);
}

#[test]
fn every_choice_maps_to_its_wire_code() {
    let draft = OrderDraft {
        period_unit: PeriodUnit::Year,
        period_num: 3,
        subscription_num: 7,
        is_auto_renew: true,
        is_auto_pay: true,
        enterprise_project_id: " 3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f ".into(),
        promotion_info: "促销-2026".into(),
    };
    let v: Value =
        serde_json::from_str(&draft.validate(None).expect("valid").to_json()).expect("json");
    assert_eq!(v["period_type"], 3);
    assert_eq!(v["period_num"], 3);
    assert_eq!(v["subscription_num"], 7);
    assert_eq!(v["is_auto_renew"], 1);
    assert_eq!(v["is_auto_pay"], 1);
    assert_eq!(v["charging_mode"], 0);
    assert_eq!(
        v["enterprise_project_id"],
        "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"
    );
    assert_eq!(v["promotion_info"], "促销-2026");
    assert_eq!(v["product_infos"].as_array().expect("array").len(), 1);
    assert_eq!(
        draft.validate(None).expect("valid").period_unit(),
        PeriodUnit::Year
    );
}

fn first_error(draft: &OrderDraft, quota: Option<QuotaLeft>) -> (Field, Rule) {
    let errors = draft.validate(quota).expect_err("must be refused");
    (errors[0].field, errors[0].rule.clone())
}

#[test]
fn draft_rules_table() {
    let base = OrderDraft::default();
    let ours = |min, max, unit| Rule::Range {
        min,
        max,
        unit,
        source: LimitSource::Ours,
    };
    let cases: Vec<(&str, OrderDraft, Option<QuotaLeft>, Field, Rule)> = vec![
        (
            "0 months",
            OrderDraft {
                period_num: 0,
                ..base.clone()
            },
            None,
            Field::PeriodNum,
            ours(1, 12, "months"),
        ),
        (
            "13 months",
            OrderDraft {
                period_num: 13,
                ..base.clone()
            },
            None,
            Field::PeriodNum,
            ours(1, 12, "months"),
        ),
        (
            "1000 years",
            OrderDraft {
                period_unit: PeriodUnit::Year,
                period_num: 1000,
                ..base.clone()
            },
            None,
            Field::PeriodNum,
            ours(1, 5, "years"),
        ),
        (
            "0 CAs",
            OrderDraft {
                subscription_num: 0,
                ..base.clone()
            },
            None,
            Field::SubscriptionNum,
            ours(1, 100, "CAs"),
        ),
        (
            "101 CAs",
            OrderDraft {
                subscription_num: 101,
                ..base.clone()
            },
            None,
            Field::SubscriptionNum,
            ours(1, 100, "CAs"),
        ),
        (
            "over quota",
            OrderDraft {
                subscription_num: 5,
                ..base.clone()
            },
            Some(QuotaLeft {
                quota: 100,
                used: 97,
            }),
            Field::SubscriptionNum,
            Rule::QuotaExceeded {
                left: 3,
                used: 97,
                quota: 100,
            },
        ),
        (
            "quota full",
            base.clone(),
            Some(QuotaLeft {
                quota: 10,
                used: 12,
            }),
            Field::SubscriptionNum,
            Rule::QuotaExceeded {
                left: 0,
                used: 12,
                quota: 10,
            },
        ),
        (
            "empty project",
            OrderDraft {
                enterprise_project_id: " ".into(),
                ..base.clone()
            },
            None,
            Field::EnterpriseProjectId,
            Rule::Required,
        ),
        (
            "name not id",
            OrderDraft {
                enterprise_project_id: "default".into(),
                ..base.clone()
            },
            None,
            Field::EnterpriseProjectId,
            Rule::ProjectIdFormat,
        ),
        (
            "uuid too short",
            OrderDraft {
                enterprise_project_id: "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6".into(),
                ..base.clone()
            },
            None,
            Field::EnterpriseProjectId,
            Rule::ProjectIdFormat,
        ),
        (
            "65 chars",
            OrderDraft {
                enterprise_project_id: "a".repeat(65),
                ..base.clone()
            },
            None,
            Field::EnterpriseProjectId,
            Rule::Length { min: 1, max: 64 },
        ),
        (
            "2049 chars of promotion",
            OrderDraft {
                promotion_info: "折".repeat(2049),
                ..base.clone()
            },
            None,
            Field::PromotionInfo,
            Rule::Length { min: 0, max: 2048 },
        ),
    ];
    for (name, draft, quota, field, rule) in cases {
        assert_eq!(first_error(&draft, quota), (field, rule), "{name}");
    }
}

#[test]
fn limits_are_inclusive() {
    let base = OrderDraft::default();
    for draft in [
        OrderDraft {
            period_num: 12,
            ..base.clone()
        },
        OrderDraft {
            period_unit: PeriodUnit::Year,
            period_num: 5,
            ..base.clone()
        },
        OrderDraft {
            subscription_num: 100,
            ..base.clone()
        },
        OrderDraft {
            promotion_info: "折".repeat(2048),
            ..base.clone()
        },
        OrderDraft {
            enterprise_project_id: "3B2D4C1E-0F6A-4B8C-9D7E-1A2B3C4D5E6F".into(),
            ..base.clone()
        },
    ] {
        assert!(draft.validate(None).is_ok(), "{draft:?}");
    }
    // Over both bounds with the quota the looser one: our range is the rule to name.
    let both = OrderDraft {
        subscription_num: 101,
        ..OrderDraft::default()
    };
    assert_eq!(
        first_error(
            &both,
            Some(QuotaLeft {
                quota: 1000,
                used: 0
            })
        )
        .1,
        Rule::Range {
            min: 1,
            max: 100,
            unit: "CAs",
            source: LimitSource::Ours
        }
    );
    let exactly_left = OrderDraft {
        subscription_num: 3,
        ..base
    };
    assert!(
        exactly_left
            .validate(Some(QuotaLeft {
                quota: 100,
                used: 97
            }))
            .is_ok()
    );
}

#[test]
fn every_broken_field_is_reported_at_once() {
    let draft = OrderDraft {
        period_num: 0,
        subscription_num: 0,
        enterprise_project_id: "x".into(),
        promotion_info: "p".repeat(3000),
        ..OrderDraft::default()
    };
    let fields: Vec<Field> = draft
        .validate(None)
        .expect_err("refused")
        .iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        vec![
            Field::PeriodNum,
            Field::SubscriptionNum,
            Field::EnterpriseProjectId,
            Field::PromotionInfo
        ]
    );
}

#[test]
fn typed_counts_are_parsed_strictly() {
    assert_eq!(parse_count(Field::PeriodNum, " 12 "), Ok(12));
    assert_eq!(
        parse_count(Field::PeriodNum, "").expect_err("empty").rule,
        Rule::Required
    );
    for bad in ["-1", "1.5", "1e3", "一", "+2", "0x10"] {
        assert_eq!(
            parse_count(Field::PeriodNum, bad).expect_err(bad).rule,
            Rule::NotANumber,
            "{bad}"
        );
    }
    // Overflow is out of range, not a crash.
    let huge = parse_count(Field::SubscriptionNum, "99999999999999999999999").expect("digits");
    assert!(validate::subscription_num(huge, None).is_err());
}

#[test]
fn messages_name_the_field_and_the_rule() {
    let e = OrderDraft {
        period_num: 1000,
        period_unit: PeriodUnit::Year,
        ..OrderDraft::default()
    }
    .validate(None)
    .expect_err("refused");
    let text = e[0].to_string();
    assert!(
        text.starts_with("period_num: must be 1 to 5 years"),
        "{text}"
    );
    assert!(
        text.contains("documents no maximum"),
        "ours is labelled as ours: {text}"
    );
}

#[test]
fn wire_rules_table() {
    let good: Value = serde_json::from_str(DOCUMENTED_BODY).expect("json");
    let with = |key: &str, value: Value| {
        let mut v = good.clone();
        v[key] = value;
        v
    };
    let without = |key: &str| {
        let mut v = good.clone();
        v.as_object_mut().expect("object").remove(key);
        v
    };
    let cases: Vec<(&str, Value, Field, Rule)> = vec![
        (
            "not an object",
            json!([1]),
            Field::Body,
            Rule::WrongType("object"),
        ),
        (
            "wrong service",
            with("cloud_service_type", json!("hws.service.type.x")),
            Field::CloudServiceType,
            Rule::Fixed("hws.service.type.ccm"),
        ),
        (
            "empty service",
            with("cloud_service_type", json!("")),
            Field::CloudServiceType,
            Rule::Length { min: 1, max: 64 },
        ),
        (
            "charging 1",
            with("charging_mode", json!(1)),
            Field::ChargingMode,
            Rule::OneOf(&[0]),
        ),
        (
            "period type 1",
            with("period_type", json!(1)),
            Field::PeriodType,
            Rule::OneOf(&[2, 3]),
        ),
        (
            "period type string",
            with("period_type", json!("2")),
            Field::PeriodType,
            Rule::WrongType("integer"),
        ),
        (
            "period 0",
            with("period_num", json!(0)),
            Field::PeriodNum,
            Rule::AtLeast { min: 1 },
        ),
        (
            "period float",
            with("period_num", json!(1.5)),
            Field::PeriodNum,
            Rule::WrongType("integer"),
        ),
        (
            "period missing",
            without("period_num"),
            Field::PeriodNum,
            Rule::Required,
        ),
        (
            "renew 2",
            with("is_auto_renew", json!(2)),
            Field::IsAutoRenew,
            Rule::OneOf(&[0, 1]),
        ),
        (
            "pay -1",
            with("is_auto_pay", json!(-1)),
            Field::IsAutoPay,
            Rule::OneOf(&[0, 1]),
        ),
        (
            "quantity 0",
            with("subscription_num", json!(0)),
            Field::SubscriptionNum,
            Rule::AtLeast { min: 1 },
        ),
        (
            "promotion long",
            with("promotion_info", json!("x".repeat(2049))),
            Field::PromotionInfo,
            Rule::Length { min: 0, max: 2048 },
        ),
        (
            "promotion number",
            with("promotion_info", json!(5)),
            Field::PromotionInfo,
            Rule::WrongType("string"),
        ),
        (
            "project empty",
            with("enterprise_project_id", json!("")),
            Field::EnterpriseProjectId,
            Rule::Length { min: 1, max: 64 },
        ),
        (
            "products missing",
            without("product_infos"),
            Field::ProductInfos,
            Rule::Required,
        ),
        (
            "products 11",
            with(
                "product_infos",
                json!(vec![good["product_infos"][0].clone(); 11]),
            ),
            Field::ProductInfos,
            Rule::Items { max: 10 },
        ),
        (
            "product wrong type",
            with(
                "product_infos",
                json!([{"cloud_service_type": "hws.service.type.ccm", "resource_type": "x", "resource_spec_code": "ca.duration"}]),
            ),
            Field::ProductInfos,
            Rule::Fixed("hws.resource.type.pca.duration"),
        ),
    ];
    for (name, body, field, rule) in cases {
        let e = wire_body(&body).expect_err(name);
        assert_eq!((e.field, e.rule), (field, rule), "{name}");
    }
    // Optional fields may be absent: is_auto_pay absent means 0.
    let minimal = without("is_auto_pay");
    assert_eq!(wire_body(&minimal).expect("valid").is_auto_pay, None);
    assert!(
        wire_body(&with("product_infos", json!([]))).is_ok(),
        "0 items is documented as allowed"
    );
}

#[test]
fn promotion_text_cannot_hide_control_or_invisible_characters() {
    for bad in [
        "x\r  auto-pay: no",
        "a\u{1b}[2Jb",
        "tab\there",
        "rtl\u{202e}txt",
        "zero\u{200b}width",
    ] {
        let draft = OrderDraft {
            promotion_info: bad.into(),
            ..OrderDraft::default()
        };
        let e = draft.validate(None).expect_err(bad);
        assert_eq!(
            (e[0].field, e[0].rule.clone()),
            (Field::PromotionInfo, Rule::NoControlCharacters),
            "{bad:?}"
        );
    }
    // The server-side (documented) check does not add our rule.
    let mut v: Value = serde_json::from_str(DOCUMENTED_BODY).expect("json");
    v["promotion_info"] = json!("tab\there");
    assert!(wire_body(&v).is_ok());
    // Server text is cleaned of the same characters before it is shown.
    assert_eq!(
        pca_order::sanitize::clean("ok\u{202e}\u{1b}[31m"),
        "ok  [31m"
    );
}

#[test]
fn a_quota_leaving_exactly_our_maximum_names_our_limit() {
    // The quota leaves 100, our own per-order maximum is 100: both bounds are the same, and the message
    // names ours (the quota is named only when it is the tighter one).
    let full_order = |n| OrderDraft {
        subscription_num: n,
        ..OrderDraft::default()
    };
    let left_100 = Some(QuotaLeft {
        quota: 100,
        used: 0,
    });
    assert!(full_order(100).validate(left_100).is_ok());
    let e = full_order(101).validate(left_100).expect_err("101 > 100");
    assert_eq!(
        (e[0].field, e[0].rule.clone()),
        (
            Field::SubscriptionNum,
            Rule::Range {
                min: 1,
                max: 100,
                unit: "CAs",
                source: LimitSource::Ours
            }
        )
    );
    // One fewer left: now the quota is the tighter bound and is the rule named.
    let left_99 = Some(QuotaLeft {
        quota: 100,
        used: 1,
    });
    assert!(full_order(99).validate(left_99).is_ok());
    let e = full_order(100)
        .validate(left_99)
        .expect_err("100 > 99 left");
    assert_eq!(
        e[0].to_string(),
        Field::SubscriptionNum.to_string()
            + ": "
            + &Rule::QuotaExceeded {
                left: 99,
                used: 1,
                quota: 100
            }
            .to_string()
    );
    assert_eq!(
        e[0].rule,
        Rule::QuotaExceeded {
            left: 99,
            used: 1,
            quota: 100
        }
    );
}

#[test]
fn project_id_length_is_checked_at_exactly_64_characters() {
    let with_id = |id: String| OrderDraft {
        enterprise_project_id: id,
        ..OrderDraft::default()
    };
    // 64 characters is a valid length: what is wrong with it is that it is not "0" or a UUID.
    let e = with_id("a".repeat(64))
        .validate(None)
        .expect_err("not an id");
    assert_eq!(
        (e[0].field, e[0].rule.clone()),
        (Field::EnterpriseProjectId, Rule::ProjectIdFormat)
    );
    // One more and the length is the rule named.
    let e = with_id("a".repeat(65))
        .validate(None)
        .expect_err("too long");
    assert_eq!(
        e[0].to_string(),
        "enterprise_project_id: must be 1 to 64 characters long"
    );
}

#[test]
fn wire_limits_accept_the_limit_and_refuse_one_past() {
    let good: Value = serde_json::from_str(DOCUMENTED_BODY).expect("json");
    let with = |key: &str, value: Value| {
        let mut v = good.clone();
        v[key] = value;
        v
    };
    let product = good["product_infos"][0].clone();
    let with_product = |key: &str, value: Value| {
        let mut p = product.clone();
        p[key] = value;
        with("product_infos", json!([p]))
    };
    // At the limit: accepted.
    for (name, body) in [
        (
            "promotion 2048",
            with("promotion_info", json!("折".repeat(2048))),
        ),
        (
            "project 64",
            with("enterprise_project_id", json!("項".repeat(64))),
        ),
        ("project 1", with("enterprise_project_id", json!("0"))),
        (
            "products 10",
            with("product_infos", json!(vec![product.clone(); 10])),
        ),
    ] {
        assert!(wire_body(&body).is_ok(), "{name}: {:?}", wire_body(&body));
    }
    // One past it (or, for fixed strings, at a limit that the fixed value then refuses): the field and
    // rule are named.
    let length_1_64 = Rule::Length { min: 1, max: 64 };
    let cases: Vec<(&str, Value, Field, Rule)> = vec![
        (
            "promotion 2049",
            with("promotion_info", json!("折".repeat(2049))),
            Field::PromotionInfo,
            Rule::Length { min: 0, max: 2048 },
        ),
        (
            "project 65",
            with("enterprise_project_id", json!("項".repeat(65))),
            Field::EnterpriseProjectId,
            length_1_64.clone(),
        ),
        (
            "products 11",
            with("product_infos", json!(vec![product.clone(); 11])),
            Field::ProductInfos,
            Rule::Items { max: 10 },
        ),
        (
            "service 65",
            with("cloud_service_type", json!("s".repeat(65))),
            Field::CloudServiceType,
            length_1_64.clone(),
        ),
        (
            "service 64",
            with("cloud_service_type", json!("s".repeat(64))),
            Field::CloudServiceType,
            Rule::Fixed("hws.service.type.ccm"),
        ),
        (
            "service 1",
            with("cloud_service_type", json!("s")),
            Field::CloudServiceType,
            Rule::Fixed("hws.service.type.ccm"),
        ),
        (
            "product spec 65",
            with_product("resource_spec_code", json!("c".repeat(65))),
            Field::ProductInfos,
            length_1_64.clone(),
        ),
        (
            "product spec 64",
            with_product("resource_spec_code", json!("c".repeat(64))),
            Field::ProductInfos,
            Rule::Fixed("ca.duration"),
        ),
        (
            "product spec empty",
            with_product("resource_spec_code", json!("")),
            Field::ProductInfos,
            length_1_64,
        ),
    ];
    for (name, body, field, rule) in cases {
        let e = wire_body(&body).expect_err(name);
        assert_eq!((e.field, e.rule), (field, rule), "{name}");
    }
}

#[test]
fn period_type_codes_are_exactly_the_documented_two() {
    assert_eq!(PeriodUnit::from_period_type(2), Some(PeriodUnit::Month));
    assert_eq!(PeriodUnit::from_period_type(3), Some(PeriodUnit::Year));
    for code in [-3, -2, 0, 1, 4, 258, 259, i64::MAX] {
        assert_eq!(PeriodUnit::from_period_type(code), None, "{code}");
    }
    // What the confirmation question says for each unit comes from the body's code.
    let ask = |unit, n| {
        let req = OrderDraft {
            period_unit: unit,
            period_num: n,
            ..OrderDraft::default()
        }
        .validate(None)
        .expect("valid");
        pca_order::cli::confirm_question(&req, None, pca_order::text::Lang::En.text())
    };
    assert_eq!(
        ask(PeriodUnit::Month, 1),
        "Buy 1 private CA for 1 month? [y/N] "
    );
    assert_eq!(
        ask(PeriodUnit::Month, 12),
        "Buy 1 private CA for 12 months? [y/N] "
    );
    assert_eq!(
        ask(PeriodUnit::Year, 1),
        "Buy 1 private CA for 1 year? [y/N] "
    );
    assert_eq!(
        ask(PeriodUnit::Year, 5),
        "Buy 1 private CA for 5 years? [y/N] "
    );
}

//! Every activation rule at its boundary: the exact limit accepted, one past refused, with the field and rule named.

use pca_order::activation::ca::format_millis;
use pca_order::activation::rules::{self, wire_body};
use pca_order::activation::{
    ActivationDraft, CaInfo, CaList, CaStatus, CaType, DistinguishedName, Field, FieldError,
    KeyAlgorithm, Rule, SignatureAlgorithm, Site, Validity, ValidityUnit,
};
use serde_json::json;

const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";
const ISSUER: &str = "11111111-2222-4333-8444-555555555555";

fn draft() -> ActivationDraft {
    ActivationDraft {
        ca_id: CA.into(),
        ca_type: "root".into(),
        issuer_id: String::new(),
        subject: DistinguishedName {
            common_name: "Example Root CA".into(),
            country: "cn".into(),
            ..Default::default()
        },
        key_algorithm: "rsa2048".into(),
        signature_algorithm: "sha256".into(),
        validity: "10y".into(),
        path_length: String::new(),
    }
}

fn first_error(d: &ActivationDraft, site: Site) -> (Field, Rule) {
    let errs = d.validate(site).expect_err("should be refused");
    (errs[0].field, errs[0].rule.clone())
}

#[test]
fn a_valid_draft_becomes_the_exact_body() {
    let req = draft().validate(Site::China).expect("valid");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&req.to_json()).expect("json"),
        json!({"type": "ROOT", "distinguished_name": {"common_name": "Example Root CA", "country": "CN"},
               "key_algorithm": "RSA2048", "signature_algorithm": "SHA256",
               "validity": {"type": "YEAR", "value": 10}})
    );
    assert_eq!(req.ca_id, CA);
}

#[test]
fn common_name_64_accepted_65_refused_and_star_allowed() {
    let mut d = draft();
    d.subject.common_name = "a".repeat(64);
    assert!(d.validate(Site::China).is_ok());
    d.subject.common_name = "a".repeat(65);
    assert_eq!(
        first_error(&d, Site::China),
        (Field::CommonName, Rule::MaxLength(64))
    );
    d.subject.common_name = "*.example.com".into();
    assert!(d.validate(Site::China).is_ok());
    d.subject.common_name = "".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::CommonName, Rule::Required)
    );
    d.subject.common_name = "中文名称 CA_1-2.3,4".into();
    assert!(d.validate(Site::China).is_ok());
    d.subject.common_name = "bad/slash".into();
    assert_eq!(
        first_error(&d, Site::China),
        (
            Field::CommonName,
            Rule::Characters {
                star: true,
                found: '/'
            }
        )
    );
}

#[test]
fn star_only_in_the_common_name() {
    let mut d = draft();
    d.subject.organization = Some("Org*".into());
    assert_eq!(
        first_error(&d, Site::China),
        (
            Field::Organization,
            Rule::Characters {
                star: false,
                found: '*'
            }
        )
    );
}

#[test]
fn country_is_exactly_two_letters() {
    let mut d = draft();
    for bad in ["C", "CHN", "C1", "中国"] {
        d.subject.country = bad.into();
        assert_eq!(
            first_error(&d, Site::China),
            (Field::Country, Rule::CountryCode),
            "{bad}"
        );
    }
    d.subject.country = "".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::Country, Rule::Required)
    );
    d.subject.country = "de".into();
    assert_eq!(
        d.validate(Site::China)
            .expect("ok")
            .distinguished_name
            .country,
        "DE"
    );
}

#[test]
fn state_and_locality_128_organization_and_unit_64() {
    for (set, max, field) in [
        (0usize, 128usize, Field::State),
        (1, 128, Field::Locality),
        (2, 64, Field::Organization),
        (3, 64, Field::OrganizationalUnit),
    ] {
        for (n, ok) in [(max, true), (max + 1, false)] {
            let mut d = draft();
            let v = Some("x".repeat(n));
            match set {
                0 => d.subject.state = v,
                1 => d.subject.locality = v,
                2 => d.subject.organization = v,
                _ => d.subject.organizational_unit = v,
            }
            let r = d.validate(Site::China);
            if ok {
                assert!(r.is_ok(), "{field} {n}");
            } else {
                assert_eq!(first_error(&d, Site::China), (field, Rule::MaxLength(max)));
            }
        }
    }
}

#[test]
fn key_and_signature_words_and_china_only_sm() {
    let mut d = draft();
    d.key_algorithm = "RSA1024".into();
    assert_eq!(first_error(&d, Site::China).0, Field::KeyAlgorithm);
    // Empty is a missing field, not a wrong word, for both algorithms.
    d.key_algorithm = String::new();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::KeyAlgorithm, Rule::Required)
    );
    d.key_algorithm = "RSA2048".into();
    d.signature_algorithm = " ".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::SignatureAlgorithm, Rule::Required)
    );
    d.key_algorithm = "SM2".into();
    d.signature_algorithm = "SM3".into();
    assert!(d.validate(Site::China).is_ok());
    assert_eq!(
        first_error(&d, Site::International),
        (Field::KeyAlgorithm, Rule::ChinaOnly)
    );
    d.key_algorithm = "EC384".into();
    assert_eq!(
        first_error(&d, Site::International),
        (Field::SignatureAlgorithm, Rule::ChinaOnly)
    );
    d.signature_algorithm = "MD5".into();
    assert_eq!(first_error(&d, Site::China).0, Field::SignatureAlgorithm);
    for k in ["RSA2048", "RSA4096", "EC256", "EC384"] {
        for s in ["SHA256", "SHA384", "SHA512"] {
            d.key_algorithm = k.into();
            d.signature_algorithm = s.into();
            assert!(d.validate(Site::International).is_ok(), "{k} {s}");
        }
    }
}

#[test]
fn sm2_needs_sm3_and_sm3_needs_sm2_ours() {
    let mut d = draft();
    d.key_algorithm = "SM2".into();
    d.signature_algorithm = "SHA256".into();
    let (f, r) = first_error(&d, Site::China);
    assert_eq!(f, Field::SignatureAlgorithm);
    assert!(matches!(
        r,
        Rule::Pair {
            key: "SM2",
            needs: "SM3"
        }
    ));
    assert!(r.to_string().contains("pca-order's rule"));
    d.key_algorithm = "RSA2048".into();
    d.signature_algorithm = "SM3".into();
    assert_eq!(first_error(&d, Site::China).0, Field::SignatureAlgorithm);
}

#[test]
fn validity_parsing() {
    assert_eq!(
        Validity::parse("10y").expect("ok"),
        Validity {
            unit: ValidityUnit::Year,
            value: 10,
            start_from: None
        }
    );
    assert_eq!(
        Validity::parse(" 6M ").expect("ok").unit,
        ValidityUnit::Month
    );
    assert_eq!(Validity::parse("30d").expect("ok").unit, ValidityUnit::Day);
    assert_eq!(Validity::parse("12h").expect("ok").unit, ValidityUnit::Hour);
    for bad in ["0y", "y", "10", "10w", "-1y", "1.5y", "ten y", "1 y", "１y"] {
        let e = Validity::parse(bad).expect_err(bad);
        assert_eq!(
            (e.field, e.rule),
            (Field::Validity, Rule::ValidityFormat),
            "{bad}"
        );
    }
    assert_eq!(Validity::parse("").expect_err("empty").rule, Rule::Required);
    assert_eq!(Validity::parse("10y").expect("ok").short(), "10y");
}

#[test]
fn root_at_most_30_years_subordinate_20_in_every_unit() {
    // YEAR = 12 months, MONTH = 31 days, DAY = 24 hours (documented conversion).
    for (ty, years) in [(CaType::Root, 30u64), (CaType::Subordinate, 20)] {
        for (unit, per_year) in [
            (ValidityUnit::Year, 1u64),
            (ValidityUnit::Month, 12),
            (ValidityUnit::Day, 12 * 31),
            (ValidityUnit::Hour, 12 * 31 * 24),
        ] {
            let max = years * per_year;
            let ok = Validity {
                unit,
                value: max,
                start_from: None,
            };
            assert!(ok.check(ty).is_ok(), "{ty:?} {unit:?} {max}");
            let over = Validity {
                unit,
                value: max + 1,
                start_from: None,
            };
            let e = over.check(ty).expect_err("over");
            assert_eq!(e.field, Field::Validity);
            assert!(matches!(e.rule, Rule::ValidityMax { years: y, .. } if y == years));
        }
    }
}

#[test]
fn validity_maximum_through_the_draft() {
    let mut d = draft();
    d.validity = "30y".into();
    assert!(d.validate(Site::China).is_ok());
    d.validity = "31y".into();
    assert_eq!(first_error(&d, Site::China).0, Field::Validity);
    d.ca_type = "subordinate".into();
    d.issuer_id = ISSUER.into();
    d.validity = "240m".into();
    assert!(d.validate(Site::China).is_ok());
    d.validity = "241m".into();
    assert_eq!(first_error(&d, Site::China).0, Field::Validity);
}

#[test]
fn default_validity_is_the_period_bought() {
    assert_eq!(Validity::from_period(3, 2).short(), "2y");
    assert_eq!(Validity::from_period(2, 6).short(), "6m");
}

#[test]
fn type_and_issuer() {
    let mut d = draft();
    d.ca_type = "intermediate".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::Type, Rule::OneOf(&["ROOT", "SUBORDINATE"]))
    );
    // An empty type is a missing field, not a wrong word.
    d.ca_type = "  ".into();
    assert_eq!(first_error(&d, Site::China), (Field::Type, Rule::Required));
    d.ca_type = "subordinate".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::IssuerId, Rule::IssuerRequired)
    );
    d.issuer_id = "not-a-uuid".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::IssuerId, Rule::CaIdFormat)
    );
    d.issuer_id = ISSUER.into();
    let req = d.validate(Site::China).expect("ok");
    assert_eq!(req.to_value()["issuer_id"], ISSUER);
    assert_eq!(req.to_value()["type"], "SUBORDINATE");
    d.ca_type = "ROOT".into();
    let (f, r) = first_error(&d, Site::China);
    assert_eq!((f, r.clone()), (Field::IssuerId, Rule::IssuerNotForRoot));
    assert!(r.to_string().contains("pca-order's rule"));
}

#[test]
fn path_length_0_to_6() {
    let mut d = draft();
    d.ca_type = "subordinate".into();
    d.issuer_id = ISSUER.into();
    for ok in ["0", "6"] {
        d.path_length = ok.into();
        assert_eq!(
            d.validate(Site::China).expect(ok).path_length,
            ok.parse().ok()
        );
    }
    // Digits only: Rust would read "+3" as 3, the documented integer has no sign.
    for bad in ["7", "-1", "x", "+3", "3.0"] {
        d.path_length = bad.into();
        assert_eq!(
            first_error(&d, Site::China),
            (Field::PathLength, Rule::Range { min: 0, max: 6 }),
            "{bad}"
        );
    }
}

#[test]
fn a_path_length_on_a_root_is_refused_naming_the_field() {
    let mut d = draft();
    for given in ["0", "6", "7"] {
        d.path_length = given.into();
        let errs = d.validate(Site::China).expect_err(given);
        assert!(
            errs.iter()
                .any(|e| (e.field, &e.rule) == (Field::PathLength, &Rule::PathLengthNotForRoot)),
            "{given}: {errs:?}"
        );
    }
    d.path_length = "  ".into();
    assert_eq!(
        d.validate(Site::China).expect("empty is none").path_length,
        None
    );
}

#[test]
fn upper_case_ca_and_issuer_ids_are_sent_lower_case() {
    let mut d = draft();
    d.ca_id = format!(" {} ", CA.to_ascii_uppercase());
    let req = d
        .validate(Site::China)
        .expect("an upper-case UUID is a CA id");
    assert_eq!(req.ca_id, CA);
    d.ca_type = "subordinate".into();
    d.issuer_id = ISSUER.to_ascii_uppercase();
    let req = d.validate(Site::China).expect("ok");
    assert_eq!(req.issuer_id.as_deref(), Some(ISSUER));
    assert_eq!(req.to_value()["issuer_id"], ISSUER);
    assert_eq!(
        rules::normalize_ca_id("ABC"),
        "ABC",
        "only a UUID is lower-cased"
    );
}

#[test]
fn ca_id_is_36_characters_uuid() {
    let mut d = draft();
    d.ca_id = CA[..35].into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::CaId, Rule::CaIdFormat)
    );
    d.ca_id = format!("{CA}0");
    assert_eq!(
        first_error(&d, Site::China),
        (Field::CaId, Rule::CaIdFormat)
    );
    d.ca_id = "".into();
    assert_eq!(first_error(&d, Site::China), (Field::CaId, Rule::Required));
    // 36 characters is not enough: it must read as a UUID.
    for bad in [
        "z".repeat(36),
        CA.replace('-', "0"),
        format!("{}g", &CA[..35]),
    ] {
        assert_eq!(bad.len(), 36);
        d.ca_id = bad.clone();
        assert_eq!(
            first_error(&d, Site::China),
            (Field::CaId, Rule::CaIdFormat),
            "{bad}"
        );
    }
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let d = ActivationDraft::default();
    let errs = d.validate(Site::China).expect_err("empty");
    let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
    for f in [
        Field::CaId,
        Field::Type,
        Field::CommonName,
        Field::KeyAlgorithm,
        Field::SignatureAlgorithm,
        Field::Validity,
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
}

#[test]
fn the_sandbox_reads_every_validity_unit_up_to_a_roots_30_years() {
    // The received body's check (the sandbox's) by the same documented conversion as the draft's:
    // YEAR = 12 months, MONTH = 31 days.
    let now = 1_800_000_000_000i64;
    let mut b = rules::example_body();
    assert_eq!(b["type"], "ROOT");
    for (unit, max) in [
        ("YEAR", 30),
        ("MONTH", 360),
        ("DAY", 11_160),
        ("HOUR", 267_840),
    ] {
        b["validity"] = json!({"type": unit, "value": max});
        assert!(wire_body(CA, &b, Site::China, now).is_ok(), "{max} {unit}");
        b["validity"] = json!({"type": unit, "value": max + 1});
        let e = wire_body(CA, &b, Site::China, now).expect_err("one past");
        assert_eq!(e.field.error_code(), "PCA.00020109", "{} {unit}", max + 1);
    }
    b["validity"] = json!({"type": "WEEK", "value": 1});
    assert_eq!(
        wire_body(CA, &b, Site::China, now).expect_err("week").rule,
        Rule::OneOf(&["YEAR", "MONTH", "DAY", "HOUR"])
    );
}

#[test]
fn the_sandbox_keeps_every_subject_field_it_receives_and_drops_empty_ones() {
    let now = 1_800_000_000_000i64;
    let mut b = rules::example_body();
    b["distinguished_name"] = json!({"common_name": "Root", "country": "CN", "state": "Beijing",
        "locality": "Haidian", "organization": "Example", "organizational_unit": "PKI"});
    let dn =
        wire_body(CA, &b, Site::China, now).expect("ok").to_value()["distinguished_name"].clone();
    assert_eq!(
        dn,
        json!({"common_name": "Root", "country": "CN", "state": "Beijing", "locality": "Haidian",
            "organization": "Example", "organizational_unit": "PKI"})
    );
    b["distinguished_name"] = json!({"common_name": "Root", "country": "CN", "state": "",
        "locality": "", "organization": "", "organizational_unit": ""});
    let dn =
        wire_body(CA, &b, Site::China, now).expect("ok").to_value()["distinguished_name"].clone();
    assert_eq!(dn, json!({"common_name": "Root", "country": "CN"}));
}

#[test]
fn wire_body_uses_the_documented_codes() {
    let now = 1_800_000_000_000i64;
    let ok = rules::example_body();
    assert!(wire_body(CA, &ok, Site::China, now).is_ok());
    let mut b = ok.clone();
    b["distinguished_name"]["country"] = json!("CHN");
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("dn")
            .field
            .error_code(),
        "PCA.00020101"
    );
    let mut b = ok.clone();
    b["key_algorithm"] = json!("rsa2048"); // the wire wants the exact word
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("key")
            .field
            .error_code(),
        "PCA.00020102"
    );
    for word in ["SHA1", "sha256", " SHA256"] {
        // Not a documented word, or not exactly one: the wire is not trimmed or case-folded.
        let mut b = ok.clone();
        b["signature_algorithm"] = json!(word);
        assert_eq!(
            wire_body(CA, &b, Site::China, now)
                .expect_err("sig")
                .field
                .error_code(),
            "PCA.00020103",
            "{word:?}"
        );
    }
    for value in [json!(0), json!(-1)] {
        let mut b = ok.clone();
        b["validity"] = json!({"type": "YEAR", "value": value});
        assert_eq!(
            wire_body(CA, &b, Site::China, now).expect_err("val").rule,
            Rule::ValidityFormat,
            "{value}"
        );
    }
    let mut b = ok.clone();
    b["validity"] = json!({"type": "YEAR", "value": 31});
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("val")
            .field
            .error_code(),
        "PCA.00020109"
    );
    b["validity"] = json!({"type": "YEAR", "value": 1, "start_from": now - 5 * 60 * 1000});
    assert!(wire_body(CA, &b, Site::China, now).is_ok());
    b["validity"] = json!({"type": "YEAR", "value": 1, "start_from": now - 5 * 60 * 1000 - 1});
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("start")
            .field,
        Field::StartFrom
    );
    let mut b = ok.clone();
    b["type"] = json!("INTERMEDIATE");
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("type")
            .field
            .error_code(),
        "PCA.00020202"
    );
    assert_eq!(
        wire_body("abc", &ok, Site::China, now)
            .expect_err("id")
            .field
            .error_code(),
        "PCA.00020201"
    );
    // Root without issuer is fine on the wire (Terraform does it); a subordinate needs one.
    let mut b = ok.clone();
    b["type"] = json!("SUBORDINATE");
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect_err("issuer")
            .field,
        Field::IssuerId
    );
    b["issuer_id"] = json!(ISSUER);
    assert!(wire_body(CA, &b, Site::China, now).is_ok());
}

#[test]
fn a_ca_object_with_numbers_as_strings_or_strings_as_numbers_is_still_read() {
    // The documented types are string ids and integer times; a server that swaps them still shows
    // its values instead of dropping them.
    let v = json!({"ca_id": CA, "status": "ACTIVED", "serial_number": 4_660,
        "not_before": " 1800000000000 ", "not_after": "1900000000000", "create_time": "soon"});
    let ca = CaInfo::from_json(&v).expect("ok");
    assert_eq!(ca.serial_number.as_deref(), Some("4660"));
    assert_eq!(ca.not_before, Some(1_800_000_000_000));
    assert_eq!(ca.not_after, Some(1_900_000_000_000));
    assert_eq!(
        ca.create_time, None,
        "not a number: no time rather than a wrong one"
    );
    assert!(CaInfo::from_json(&json!({"ca_id": CA, "status": true})).is_err());
}

#[test]
fn ca_objects_parse_into_typed_data() {
    let v = json!({"ca_id": CA, "type": "ROOT", "status": "ACTIVED", "serial_number": "1a2b",
        "not_before": 1_800_000_000_000i64, "not_after": 1_900_000_000_000i64, "key_algorithm": "RSA2048",
        "distinguished_name": {"common_name": "Root", "country": "CN"}, "path_length": 7});
    let ca = CaInfo::from_json(&v).expect("ok");
    assert_eq!(ca.status, CaStatus::Actived);
    assert_eq!(ca.subject.common_name.as_deref(), Some("Root"));
    assert_eq!(ca.not_after, Some(1_900_000_000_000));
    assert_eq!(format_millis(1_800_000_000_000), "2027-01-15 08:00:00 UTC");
    for (w, s) in [
        ("PENDING", CaStatus::Pending),
        ("DISABLED", CaStatus::Disabled),
        ("DELETED", CaStatus::Deleted),
        ("EXPIRED", CaStatus::Expired),
    ] {
        assert_eq!(CaStatus::parse(w), s);
        assert_eq!(s.as_str(), w);
    }
    assert_eq!(CaStatus::parse("NEW"), CaStatus::Other("NEW".into()));
    let pending =
        json!({"ca_id": CA, "status": "PENDING", "distinguished_name": null, "not_after": null});
    let ca = CaInfo::from_json(&pending).expect("pending");
    assert_eq!(ca.not_after, None);
    assert!(CaInfo::from_json(&json!({"status": "PENDING"})).is_err());
    let list = CaList::from_json(&json!({"total": 5, "certificate_authorities": [v, pending]}))
        .expect("list");
    assert_eq!((list.total, list.cas.len()), (5, 2));
    assert!(CaList::from_json(&json!({"total": 1})).is_err());
}

#[test]
fn cn_regions_are_the_china_website_where_sm2_is_allowed() {
    for region in ["cn-north-4", "cn-east-3", "cn-south-1"] {
        assert_eq!(Site::for_region(region), Site::China, "{region}");
    }
    for region in ["ap-southeast-1", "la-south-2", "af-south-1", "eu-west-101"] {
        assert_eq!(Site::for_region(region), Site::International, "{region}");
    }
    let mut d = draft();
    d.key_algorithm = "SM2".into();
    d.signature_algorithm = "SM3".into();
    assert!(d.validate(Site::for_region("cn-north-4")).is_ok());
    assert_eq!(
        first_error(&d, Site::for_region("ap-southeast-1")),
        (Field::KeyAlgorithm, Rule::ChinaOnly)
    );
}

/// A date and time in UTC, for the calendar tests.
fn utc(y: i32, m: u8, d: u8, h: u8) -> time::OffsetDateTime {
    let month = time::Month::try_from(m).expect("month");
    time::Date::from_calendar_date(y, month, d)
        .expect("date")
        .with_hms(h, 7, 9)
        .expect("time")
        .assume_utc()
}

fn validity(unit: ValidityUnit, value: u64) -> Validity {
    Validity {
        unit,
        value,
        start_from: None,
    }
}

#[test]
fn a_validity_ends_on_the_calendar_date_a_person_expects() {
    let end = |start, unit, value| rules::validity_end(start, &validity(unit, value));
    use ValidityUnit::{Day, Hour, Month, Year};
    // Months are calendar months, the time of day kept, the day clamped to the month's end.
    assert_eq!(
        end(utc(2026, 1, 31, 10), Month, 1),
        Some(utc(2026, 2, 28, 10))
    );
    assert_eq!(
        end(utc(2028, 1, 31, 10), Month, 1),
        Some(utc(2028, 2, 29, 10)),
        "leap"
    );
    assert_eq!(
        end(utc(2026, 3, 31, 0), Month, 1),
        Some(utc(2026, 4, 30, 0))
    );
    assert_eq!(
        end(utc(2026, 12, 15, 1), Month, 1),
        Some(utc(2027, 1, 15, 1))
    );
    assert_eq!(
        end(utc(2026, 5, 12, 1), Month, 13),
        Some(utc(2027, 6, 12, 1))
    );
    // Years are 12 calendar months, not 372 days: 10 years from 2027-02-12 ends on 2037-02-12.
    assert_eq!(
        end(utc(2027, 2, 12, 3), Year, 10),
        Some(utc(2037, 2, 12, 3))
    );
    assert_eq!(
        end(utc(2028, 2, 29, 3), Year, 1),
        Some(utc(2029, 2, 28, 3)),
        "leap day"
    );
    assert_eq!(end(utc(2028, 2, 29, 3), Year, 4), Some(utc(2032, 2, 29, 3)));
    assert_eq!(end(utc(2026, 1, 1, 0), Year, 30), Some(utc(2056, 1, 1, 0)));
    // Days and hours are exact durations.
    assert_eq!(
        end(utc(2028, 2, 28, 23), Day, 1),
        Some(utc(2028, 2, 29, 23))
    );
    assert_eq!(
        end(utc(2026, 12, 31, 23), Hour, 2),
        Some(utc(2027, 1, 1, 1))
    );
    // Past the calendar: none, never a wrapped date.
    assert_eq!(end(utc(2026, 1, 1, 0), Year, u64::MAX), None);
    assert_eq!(end(utc(2026, 1, 1, 0), Day, u64::MAX), None);
}

#[test]
fn the_dates_a_request_produces_start_now_or_at_its_start_from() {
    let now = utc(2026, 1, 31, 10);
    let v = validity(ValidityUnit::Month, 1);
    assert_eq!(
        rules::validity_dates(&v, now),
        Some((now, utc(2026, 2, 28, 10)))
    );
    let later = utc(2028, 1, 31, 8);
    let v = Validity {
        start_from: Some(rules::to_millis(later)),
        ..v
    };
    assert_eq!(
        rules::validity_dates(&v, now),
        Some((later, utc(2028, 2, 29, 8)))
    );
}

#[test]
fn a_subordinate_without_a_path_length_gets_the_default_6_sent_explicitly() {
    let mut d = draft();
    d.ca_type = "subordinate".into();
    d.issuer_id = ISSUER.into();
    let req = d.validate(Site::China).expect("valid");
    assert_eq!(req.path_length, Some(rules::DEFAULT_PATH_LENGTH));
    assert_eq!(rules::DEFAULT_PATH_LENGTH, 6);
    assert_eq!(req.to_value()["path_length"], 6, "in the body as sent");
    // A root sends none (CCM stores 7 for it).
    assert_eq!(
        draft().validate(Site::China).expect("root").path_length,
        None
    );
}

/// One change to the example body.
type Edit = fn(&mut serde_json::Value);

#[test]
fn every_refusal_names_the_wire_field_and_its_documented_code() {
    let now = 1_800_000_000_000i64;
    let refuse = |edit: Edit| {
        let mut b = rules::example_body();
        edit(&mut b);
        wire_body(CA, &b, Site::China, now).expect_err("refused")
    };
    let cases: [(Edit, &str, &str); 6] = [
        (
            |b| b["distinguished_name"]["common_name"] = json!("a/b"),
            "distinguished_name.common_name",
            "PCA.00020101",
        ),
        (
            |b| b["distinguished_name"]["organization"] = json!("o".repeat(65)),
            "distinguished_name.organization",
            "PCA.00020101",
        ),
        (
            |b| b["path_length"] = json!(7),
            "path_length",
            "PCA.00020001",
        ),
        (
            |b| b["path_length"] = json!("6"),
            "path_length",
            "PCA.00020001",
        ),
        (
            |b| {
                b["type"] = json!("SUBORDINATE");
                b["issuer_id"] = json!("nope");
            },
            "issuer_id",
            "PCA.00020001",
        ),
        (
            |b| b["validity"] = json!({"type": "YEAR", "value": 0}),
            "validity",
            "PCA.00020109",
        ),
    ];
    for (edit, name, code) in cases {
        let e = refuse(edit);
        assert!(
            e.to_string().starts_with(&format!("{name}: ")),
            "the message names {name}: {e}"
        );
        assert_eq!(e.field.error_code(), code, "{e}");
    }
    let e = wire_body(CA, &json!([1]), Site::China, now).expect_err("not an object");
    assert_eq!(
        (e.field.wire_name(), e.field.error_code()),
        ("body", "PCA.00020001")
    );
    let mut b = rules::example_body();
    b["path_length"] = json!(6);
    assert_eq!(
        wire_body(CA, &b, Site::China, now)
            .expect("6 is the limit")
            .path_length,
        Some(6)
    );
}

#[test]
fn one_is_the_shortest_validity_in_every_unit() {
    for (text, unit) in [
        ("1y", ValidityUnit::Year),
        ("1m", ValidityUnit::Month),
        ("1d", ValidityUnit::Day),
        ("1h", ValidityUnit::Hour),
    ] {
        let v = Validity::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((v.unit, v.value), (unit, 1), "{text}");
    }
    let mut d = draft();
    d.validity = "1h".into();
    assert_eq!(d.validate(Site::China).expect("1 hour").validity.value, 1);
    d.validity = "0h".into();
    assert_eq!(
        first_error(&d, Site::China),
        (Field::Validity, Rule::ValidityFormat)
    );
}

/// SM2/SM3 against what a region offers: its console configuration decides when it says, the website
/// rule when it does not; any other algorithm always passes, whatever the region says.
#[test]
fn sm2_and_sm3_follow_the_regions_configuration_else_the_website_rule() {
    use rules::{asks_sm, region_algorithms};
    let (sm2, sm3) = (KeyAlgorithm::Sm2, Some(SignatureAlgorithm::Sm3));
    let (ec, sha) = (KeyAlgorithm::Ec256, Some(SignatureAlgorithm::Sha256));
    assert!(asks_sm(sm2, sm3) && asks_sm(sm2, None) && asks_sm(ec, sm3));
    assert!(!asks_sm(ec, sha) && !asks_sm(ec, None));
    for site in [Site::China, Site::International] {
        // The region says yes: offered, even off the China website.
        assert_eq!(region_algorithms(sm2, sm3, Some(true), site), Ok(()));
        // The region says no: refused, even on the China website; the key named first, else the
        // signature.
        assert_eq!(
            region_algorithms(sm2, sm3, Some(false), site),
            Err(FieldError::new(Field::KeyAlgorithm, Rule::RegionNoSm))
        );
        assert_eq!(
            region_algorithms(ec, sm3, Some(false), site),
            Err(FieldError::new(Field::SignatureAlgorithm, Rule::RegionNoSm))
        );
        // Not SM2/SM3: passes whatever the region or website says.
        for said in [Some(true), Some(false), None] {
            assert_eq!(region_algorithms(ec, sha, said, site), Ok(()));
            assert_eq!(region_algorithms(ec, None, said, site), Ok(()));
        }
    }
    // The one rule behind both: the region's word, else the website's.
    for site in [Site::China, Site::International] {
        assert_eq!(site.with_region(Some(true)), Site::China);
        assert_eq!(site.with_region(Some(false)), Site::International);
        assert_eq!(site.with_region(None), site);
    }
    // Silent or unread: the website rule.
    assert_eq!(region_algorithms(sm2, sm3, None, Site::China), Ok(()));
    assert_eq!(
        region_algorithms(sm2, None, None, Site::International),
        Err(FieldError::new(Field::KeyAlgorithm, Rule::ChinaOnly))
    );
    assert_eq!(
        region_algorithms(ec, sm3, None, Site::International),
        Err(FieldError::new(Field::SignatureAlgorithm, Rule::ChinaOnly))
    );
}

//! The signer against the official SDK's vectors (byte for byte), plus encoding edge cases.

use pca_order::api::sign::{
    self, SignRequest, canonical_query, canonical_uri, constant_time_eq, parse_authorization,
    sign_with_signed_headers, signed_header_names,
};
use serde_json::Value;

fn vectors() -> Value {
    let text = include_str!("vectors/sdk-hmac-sha256.json");
    serde_json::from_str(text).expect("vector file is JSON")
}

fn query_pairs(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for pair in v.as_array().expect("query is a list") {
        let key = pair[0].as_str().expect("key").to_string();
        match &pair[1] {
            Value::Array(values) => {
                for value in values {
                    out.push((key.clone(), value.as_str().expect("value").to_string()));
                }
            }
            value => out.push((key, value.as_str().expect("value").to_string())),
        }
    }
    out
}

#[test]
fn every_sdk_vector_matches_byte_for_byte() {
    let v = vectors();
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 4, "the vector file holds the cases");
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let headers: Vec<(String, String)> = case["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_string()))
            .collect();
        let query = query_pairs(&case["query"]);
        let req = SignRequest {
            method: case["method"].as_str().expect("method"),
            host: case["host"].as_str().expect("host"),
            path: case["path"].as_str().expect("path"),
            query: &query,
            headers: &headers,
            body: case["body"].as_str().expect("body").as_bytes(),
        };
        let got = sign::sign(
            &req,
            case["ak"].as_str().expect("ak"),
            case["sk"].as_str().expect("sk"),
        );
        let want = &case["expected"];
        assert_eq!(
            got.signed_headers,
            want["signed_headers"].as_str().expect("sh"),
            "{name}: signed headers"
        );
        assert_eq!(
            got.canonical_request,
            want["canonical_request"].as_str().expect("cr"),
            "{name}: canonical request"
        );
        assert_eq!(
            got.string_to_sign,
            want["string_to_sign"].as_str().expect("sts"),
            "{name}: string to sign"
        );
        assert_eq!(
            got.authorization,
            want["authorization"].as_str().expect("auth"),
            "{name}: authorization"
        );
    }
}

#[test]
fn signature_only_vectors_match() {
    let v = vectors();
    for case in v["signature_only"].as_array().expect("signature_only") {
        let sig = sign::hmac_hex(
            case["sk"].as_str().expect("sk").as_bytes(),
            case["string_to_sign"].as_str().expect("sts").as_bytes(),
        );
        assert_eq!(sig, case["signature"].as_str().expect("sig"));
        let auth = format!(
            "SDK-HMAC-SHA256 Access={}, SignedHeaders={}, Signature={sig}",
            case["ak"].as_str().expect("ak"),
            case["signed_headers"].as_str().expect("sh")
        );
        assert_eq!(auth, case["authorization"].as_str().expect("auth"));
    }
}

#[test]
fn non_ascii_query_values_are_percent_encoded_as_utf8() {
    let q = vec![("name".to_string(), "生产 项目/α~x".to_string())];
    assert_eq!(
        canonical_query(&q),
        "name=%E7%94%9F%E4%BA%A7%20%E9%A1%B9%E7%9B%AE%2F%CE%B1~x"
    );
}

#[test]
fn repeated_keys_are_sorted_by_key_then_value() {
    let q = vec![
        ("b".to_string(), "2".to_string()),
        ("a".to_string(), "z".to_string()),
        ("a".to_string(), "m".to_string()),
        ("a".to_string(), "".to_string()),
    ];
    assert_eq!(canonical_query(&q), "a=&a=m&a=z&b=2");
}

#[test]
fn headers_with_underscore_are_not_signed() {
    let headers = vec![
        ("X_Custom_Thing".to_string(), "1".to_string()),
        ("X-Sdk-Date".to_string(), "20260101T000000Z".to_string()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    assert_eq!(
        signed_header_names(&headers),
        vec!["content-type", "x-sdk-date"]
    );
    let req = SignRequest {
        method: "GET",
        host: "h",
        path: "/",
        query: &[],
        headers: &headers,
        body: b"",
    };
    let s = sign::sign(&req, "AK", "SK");
    assert_eq!(s.signed_headers, "content-type;host;x-sdk-date");
    assert!(!s.canonical_request.contains("x_custom_thing"));
}

#[test]
fn uri_segments_are_encoded_and_get_a_trailing_slash() {
    assert_eq!(canonical_uri("/v1/a b/c"), "/v1/a%20b/c/");
    assert_eq!(canonical_uri("/v1/a%20b/"), "/v1/a%20b/");
    assert_eq!(canonical_uri("/v1/项目"), "/v1/%E9%A1%B9%E7%9B%AE/");
}

#[test]
fn verifier_recomputes_from_parsed_authorization() {
    let headers = vec![
        ("Host".to_string(), "127.0.0.1:8080".to_string()),
        ("X-Sdk-Date".to_string(), "20261129T010203Z".to_string()),
    ];
    let req = SignRequest {
        method: "POST",
        host: "127.0.0.1:8080",
        path: "/x",
        query: &[],
        headers: &headers,
        body: b"{}",
    };
    let s = sign::sign(&req, "AKID", "secret");
    let parsed = parse_authorization(&s.authorization).expect("parses");
    assert_eq!(parsed.access, "AKID");
    let again = sign_with_signed_headers(
        "POST",
        "/x",
        &[],
        &headers,
        &parsed.signed_headers,
        b"{}",
        "AKID",
        "secret",
    );
    assert!(constant_time_eq(&again.signature, &parsed.signature));
    let wrong = sign_with_signed_headers(
        "POST",
        "/x",
        &[],
        &headers,
        &parsed.signed_headers,
        b"{ }",
        "AKID",
        "secret",
    );
    assert!(!constant_time_eq(&wrong.signature, &parsed.signature));
    assert!(
        !format!("{s:?}").contains(&s.signature),
        "Debug hides the signature"
    );
}

#[test]
fn sdk_date_round_trips() {
    let t = sign::parse_sdk_date("20261129T010203Z").expect("parses");
    assert_eq!(sign::sdk_date(t), "20261129T010203Z");
    assert!(sign::parse_sdk_date("2026-11-29").is_none());
}

/// What a developer sees when a signature or a parsed header lands in a log line or a panic message: the
/// non-secret parts (who signed, which headers), so the record is useful, and a placeholder where the
/// secret-derived signature would be.
#[test]
fn debug_shows_who_and_what_was_signed_but_never_the_signature() {
    const SK: &str = "the-secret-key-0123456789";
    let headers = vec![
        ("X-Sdk-Date".to_string(), "20261129T010203Z".to_string()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    let req = SignRequest {
        method: "POST",
        host: "127.0.0.1:8080",
        path: "/v1/private-certificate-authorities/order",
        query: &[],
        headers: &headers,
        body: b"{}",
    };
    let s = sign::sign(&req, "AKIDVISIBLE", SK);
    for shown in [format!("{s:?}"), format!("{s:#?}")] {
        assert!(shown.starts_with("Signature"), "{shown}");
        assert!(
            shown.contains("content-type;host;x-sdk-date"),
            "the signed headers are shown: {shown}"
        );
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.contains(&s.signature), "{shown}");
        assert!(!shown.contains(SK), "{shown}");
    }

    let parsed = parse_authorization(&s.authorization).expect("parses");
    for shown in [format!("{parsed:?}"), format!("{parsed:#?}")] {
        assert!(shown.starts_with("ParsedAuthorization"), "{shown}");
        assert!(
            shown.contains("AKIDVISIBLE"),
            "the access key id is shown: {shown}"
        );
        for name in ["content-type", "host", "x-sdk-date"] {
            assert!(shown.contains(name), "{name} is shown: {shown}");
        }
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.contains(&parsed.signature), "{shown}");
        assert!(!shown.contains(SK), "{shown}");
    }
}

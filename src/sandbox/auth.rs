//! The gateway's authentication: `X-Auth-Token`, or SDK-HMAC-SHA256 recomputed over the request exactly as
//! received (method, raw path, query, the headers named in `SignedHeaders`, the body bytes).

use axum::http::request::Parts;
use time::{Duration, OffsetDateTime};

use super::state::App;
use crate::api::sign::{
    ALGORITHM, constant_time_eq, parse_authorization, parse_sdk_date, sign_with_signed_headers,
};

/// How far `X-Sdk-Date` may be from the server clock.
const MAX_CLOCK_SKEW: Duration = Duration::minutes(15);

/// Why a request was refused; the text follows "Incorrect IAM authentication information: ".
pub(crate) type Reason = String;

/// Checks the request's credentials. `needs_domain`: CCM and EPS want `X-Domain-Id` on signed requests.
pub(crate) fn authenticate(
    app: &App,
    parts: &Parts,
    body: &[u8],
    needs_domain: bool,
    now: OffsetDateTime,
) -> Result<(), Reason> {
    let headers = &parts.headers;
    let authorization = headers
        .get(axum::http::header::AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if let Some(authorization) = authorization.filter(|a| a.trim_start().starts_with(ALGORITHM)) {
        return verify_signature(app, parts, &authorization, body, needs_domain, now);
    }
    match headers.get("x-auth-token") {
        None => Err("x-auth-token not found".to_string()),
        Some(token) => {
            let token = String::from_utf8_lossy(token.as_bytes());
            let token = token.trim();
            if constant_time_eq(token, &app.config.token) {
                return Ok(());
            }
            match app.tokens().get(token) {
                Some(expires) if *expires > now => Ok(()),
                Some(_) => Err("token expires".to_string()),
                None => Err("decrypt token fail".to_string()),
            }
        }
    }
}

fn verify_signature(
    app: &App,
    parts: &Parts,
    authorization: &str,
    body: &[u8],
    needs_domain: bool,
    now: OffsetDateTime,
) -> Result<(), Reason> {
    let fail = || "verify aksk signature fail".to_string();
    let parsed = parse_authorization(authorization).ok_or_else(fail)?;
    let sk = if parsed.access == app.config.ak {
        app.config.sk.clone()
    } else {
        // A temporary key from the metadata or pod identity endpoint: valid only with its security
        // token, until it expires.
        let key = app
            .issued()
            .keys
            .get(&parsed.access)
            .cloned()
            .ok_or_else(|| "access key does not exist".to_string())?;
        let token = parts
            .headers
            .get("x-security-token")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .ok_or_else(|| "x-security-token is missing for a temporary access key".to_string())?;
        if !constant_time_eq(&token, &key.security_token) {
            return Err("the security token does not match the access key".to_string());
        }
        if key.expires <= now {
            return Err("the security token has expired".to_string());
        }
        key.sk
    };
    let date = parts
        .headers
        .get(crate::api::sign::HEADER_SDK_DATE)
        .ok_or_else(|| "x-sdk-date is missing".to_string())?;
    let date = parse_sdk_date(&String::from_utf8_lossy(date.as_bytes()))
        .ok_or_else(|| "x-sdk-date is not in the form YYYYMMDDTHHMMSSZ".to_string())?;
    if (now - date).abs() > MAX_CLOCK_SKEW {
        return Err(
            "request expired (x-sdk-date more than 15 minutes from server time)".to_string(),
        );
    }
    let mut received: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    // HTTP/2 carries the host as :authority, not as a Host header.
    if !parts.headers.contains_key(axum::http::header::HOST)
        && let Some(authority) = parts.uri.authority()
    {
        received.push(("host".to_string(), authority.to_string()));
    }
    let query = super::query::query_pairs(parts);
    let expected = sign_with_signed_headers(
        parts.method.as_str(),
        parts.uri.path(),
        &query,
        &received,
        &parsed.signed_headers,
        body,
        &parsed.access,
        &sk,
    );
    if !constant_time_eq(&expected.signature, &parsed.signature) {
        return Err(fail());
    }
    if needs_domain {
        let domain = parts
            .headers
            .get("x-domain-id")
            .ok_or_else(|| "x-domain-id is missing".to_string())?;
        if domain.as_bytes() != app.config.domain_id.as_bytes() {
            return Err("x-domain-id does not match the account of the access key".to_string());
        }
    }
    Ok(())
}

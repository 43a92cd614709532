//! The machine identity endpoints the sandbox emulates (LIFECYCLE.md §4.1–4.2): the ECS metadata
//! service's session token (`PUT /meta-data/latest/api/token`) and agency credentials
//! (`GET /openstack/latest/securitykey`), and a CCE pod identity endpoint ([`POD_IDENTITY_PATH`], our
//! path: the real one is whatever the platform puts in `HC_CONTAINER_CREDENTIALS_FULL_URI`). Each issues
//! a temporary AK/SK with a security token that the sandbox's own gateway accepts until it expires
//! (`SandboxConfig::temporary_lifetime`).

use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::records::{hex_id, upper_alnum};
use super::reply;
use super::state::{App, TemporaryKey};

/// The metadata session token path.
pub(crate) const TOKEN_PATH: &str = "/meta-data/latest/api/token";
/// The metadata agency credentials path.
pub(crate) const SECURITYKEY_PATH: &str = "/openstack/latest/securitykey";
/// The sandbox's pod identity path (ours).
pub(crate) const POD_IDENTITY_PATH: &str = "/v1/pod-identity/credentials";
/// At most this many temporary keys or session tokens are remembered (ours; expired ones go first).
const MAX_ISSUED: usize = 1000;

/// `PUT` the session token: needs `X-Metadata-Token-Ttl-Seconds` (1-21600), answers the token as text.
pub(crate) fn session_token(app: &App, parts: &Parts, now: OffsetDateTime) -> Response {
    let ttl = parts
        .headers
        .get("x-metadata-token-ttl-seconds")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|t| (1..=21_600).contains(t));
    let Some(ttl) = ttl else {
        return (
            StatusCode::BAD_REQUEST,
            "X-Metadata-Token-Ttl-Seconds: 1 to 21600",
        )
            .into_response();
    };
    let token = format!("{}{}", hex_id(), hex_id());
    let mut issued = app.issued();
    issued.metadata_tokens.retain(|_, expires| *expires > now);
    if issued.metadata_tokens.len() >= MAX_ISSUED {
        return reply::empty(StatusCode::SERVICE_UNAVAILABLE);
    }
    issued
        .metadata_tokens
        .insert(token.clone(), now + time::Duration::seconds(ttl));
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain")],
        token,
    )
        .into_response()
}

/// `GET` the agency credentials: with `X-Metadata-Token`, only one this sandbox issued and still valid
/// (else 401, as a real service answers a stale token); without one, as an ECS without IMDSv2.
pub(crate) fn security_key(app: &App, parts: &Parts, now: OffsetDateTime) -> Response {
    if let Some(token) = parts.headers.get("x-metadata-token") {
        let token = String::from_utf8_lossy(token.as_bytes()).into_owned();
        let valid = app
            .issued()
            .metadata_tokens
            .get(token.trim())
            .is_some_and(|expires| *expires > now);
        if !valid {
            return (
                StatusCode::UNAUTHORIZED,
                "Unauthorized: the metadata token is not valid",
            )
                .into_response();
        }
    }
    issue(app, now)
}

/// `POST` pod identity: `Authorization` must be the pod's token (`SandboxConfig::pod_token`).
pub(crate) fn pod_identity(app: &App, parts: &Parts, now: OffsetDateTime) -> Response {
    let given = parts
        .headers
        .get(header::AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
        .unwrap_or_default();
    if !crate::api::sign::constant_time_eq(&given, &app.config.pod_token) {
        return reply::json(
            StatusCode::UNAUTHORIZED,
            json!({"error_code": "CCE.01401", "error_msg": "the pod identity token is not valid"}),
        );
    }
    issue(app, now)
}

/// Issues and remembers a temporary key, answered in the metadata service's shape.
fn issue(app: &App, now: OffsetDateTime) -> Response {
    let expires = now
        + time::Duration::try_from(app.config.temporary_lifetime)
            .unwrap_or(time::Duration::hours(1));
    let ak = format!("STS{}", upper_alnum(17));
    let key = TemporaryKey {
        sk: format!("{}{}", hex_id(), upper_alnum(8)),
        security_token: format!("sandbox-security-token-{}{}", hex_id(), hex_id()),
        expires,
    };
    let mut issued = app.issued();
    issued.keys.retain(|_, k| k.expires > now);
    if issued.keys.len() >= MAX_ISSUED {
        return reply::empty(StatusCode::SERVICE_UNAVAILABLE);
    }
    issued.keys.insert(ak.clone(), key.clone());
    let expires_at = expires
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
    reply::json(
        StatusCode::OK,
        json!({"credential": {
            "access": ak,
            "secret": key.sk,
            "securitytoken": key.security_token,
            "expires_at": expires_at,
        }}),
    )
}

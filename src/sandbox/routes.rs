//! Request handling: route as the gateway does (unknown API first, then authentication, then the service),
//! and every API the sandbox emulates.

use std::cmp::Ordering;

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use super::directives::{self, Directives};
use super::orders::OrderRecord;
use super::query::query_pairs;
use super::records::{CaRecord, hex_id, new_order_id};
use super::state::{App, Project};
use super::{ConnDrop, auth, reply};
use crate::order::{Field, FieldError, QuotaLeft, Rule};

/// Largest request body read (ours; the real gateway allows 12 MB, an order is a few hundred bytes).
pub(crate) const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Up to this size an oversized body is read and thrown away before the 413 (see [`read_body`]).
const DRAIN_BYTES: usize = 16 * 1024 * 1024;
/// At most this many issued IAM tokens are remembered (ours; keeps a long-running sandbox's memory flat).
const MAX_ISSUED_TOKENS: usize = 1000;
/// How long an issued IAM token is valid.
const TOKEN_LIFETIME: Duration = Duration::hours(24);

/// The APIs served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Order,
    Quota,
    ListCas,
    /// CreateCertificateAuthority (POST on the list's path): saves a bought subordinate's subject.
    CreateCa,
    Domains,
    Tokens,
    Projects,
    /// A billing (BSS) or IAM project API: see `bss.rs`.
    Bss(super::bss::BssRoute),
    /// ShowCertificateAuthority (the CA id is read from the path).
    ShowCa,
    /// ShowConsoleConfig: what the sandbox's region sells (`console.rs`).
    ConsoleConfig,
    /// IssueCertificateAuthorityCertificate, ExportCertificateAuthorityCertificate, … (the CA id and
    /// the action are read from the path).
    Ca(super::cas::CaAction),
    /// STS caller identity: the account id (the SDK's fallback when IAM lists no domain).
    CallerIdentity,
    /// The ECS metadata service's session token (no gateway authentication).
    MetadataToken,
    /// The ECS metadata service's agency credentials (no gateway authentication).
    SecurityKey,
    /// CCE pod identity (no gateway authentication: the pod's token is checked).
    PodIdentity,
}

impl Route {
    fn find(method: &Method, path: &str) -> Option<Route> {
        let route = match path {
            // The client's constant: the order path is written once (issue 8).
            crate::api::client::ORDER_PATH => Route::Order,
            "/v1/private-certificate-authorities/quotas" => Route::Quota,
            "/v1/private-certificate-authorities" => Route::ListCas,
            "/v3/auth/domains" => Route::Domains,
            "/v3/auth/tokens" => Route::Tokens,
            "/v1.0/enterprise-projects" => Route::Projects,
            crate::order::console::CONSOLE_CONFIG_PATH => Route::ConsoleConfig,
            "/v5/caller-identity" => Route::CallerIdentity,
            super::identity::TOKEN_PATH => Route::MetadataToken,
            super::identity::SECURITYKEY_PATH => Route::SecurityKey,
            super::identity::POD_IDENTITY_PATH => Route::PodIdentity,
            _ => match super::cas::ca_path(path) {
                Some((_, super::cas::CaAction::Show)) => Route::ShowCa,
                Some((_, action)) => Route::Ca(action),
                None => return super::bss::BssRoute::find(method, path).map(Route::Bss),
            },
        };
        if route == Route::ListCas && *method == Method::POST {
            return Some(Route::CreateCa);
        }
        let wanted = match route {
            Route::Order | Route::Tokens | Route::PodIdentity => Method::POST,
            Route::Ca(action) => action.method(),
            Route::MetadataToken => Method::PUT,
            _ => Method::GET,
        };
        (*method == wanted).then_some(route)
    }

    /// Signed CCM and EPS requests must name the account in `X-Domain-Id`; IAM's do not.
    fn needs_domain(self) -> bool {
        match self {
            Route::Bss(r) => r.needs_domain(),
            _ => !matches!(self, Route::Domains | Route::Tokens | Route::CallerIdentity),
        }
    }

    /// The identity endpoints answer without the gateway's authentication (they are where credentials
    /// come from), as IAM's password token does.
    fn unauthenticated(self) -> bool {
        matches!(
            self,
            Route::Tokens | Route::MetadataToken | Route::SecurityKey | Route::PodIdentity
        )
    }

    fn is_iam(self) -> bool {
        match self {
            Route::Bss(r) => r.is_iam(),
            _ => matches!(self, Route::Domains | Route::Tokens | Route::CallerIdentity),
        }
    }
}

/// The axum app: one fallback handler, because the gateway's order of checks (route, size, auth) and the
/// exact received bytes matter more here than extractor convenience.
pub(crate) fn router(app: App) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(app)
}

async fn handle(State(app): State<App>, req: Request) -> Response {
    let request_id = hex_id();
    let route = Route::find(req.method(), req.uri().path());
    let mut resp = dispatch(app, req, route, &request_id).await;
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), v);
    }
    if route.is_some_and(Route::is_iam)
        && let Ok(v) = HeaderValue::from_str(&hex_id())
    {
        resp.headers_mut()
            .insert(HeaderName::from_static("x-iam-trace-id"), v);
    }
    resp
}

async fn dispatch(app: App, req: Request, route: Option<Route>, request_id: &str) -> Response {
    let Some(route) = route else {
        return reply::not_found(request_id);
    };
    let (parts, body) = req.into_parts();
    let declared_len = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body =
        match tokio::time::timeout(app.config.body_read_timeout, read_body(body, declared_len))
            .await
        {
            Ok(Some(b)) => b,
            // Over the limit, or the client went away mid-body; either way there is no order.
            Ok(None) => return reply::too_large(MAX_BODY_BYTES, request_id),
            // A body that stops arriving is cut off, as a gateway does: no order.
            Err(_) => return reply::request_timeout(request_id),
        };
    let now = OffsetDateTime::now_utc();
    if !route.unauthenticated()
        && let Err(reason) = auth::authenticate(&app, &parts, &body, route.needs_domain(), now)
    {
        return reply::unauthorized(&reason, request_id);
    }
    match route {
        Route::Order => order(&app, &parts, &body, request_id).await,
        Route::Quota => quota(&app),
        Route::ListCas => super::cas::list(&app, &parts),
        Route::CreateCa => super::subordinate::create(&app, &parts, &body, request_id).await,
        Route::ShowCa | Route::Ca(_) => {
            let Some((ca_id, action)) = super::cas::ca_path(parts.uri.path()) else {
                return reply::not_found(request_id);
            };
            match action {
                super::cas::CaAction::Show => {
                    super::subordinate::show(&app, &parts, &ca_id, request_id).await
                }
                super::cas::CaAction::Activate => {
                    super::cas::activate(&app, &parts, &ca_id, &body, request_id).await
                }
                super::cas::CaAction::Export => {
                    super::subordinate::export(&app, &parts, &ca_id, request_id).await
                }
                super::cas::CaAction::Csr => {
                    super::subordinate::csr(&app, &parts, &ca_id, request_id).await
                }
                super::cas::CaAction::Import => {
                    super::subordinate::import(&app, &parts, &ca_id, &body, request_id).await
                }
            }
        }
        Route::Domains => domains(&app),
        Route::CallerIdentity => reply::json(
            StatusCode::OK,
            json!({"account_id": app.config.domain_id, "principal_urn": format!("iam::{}:user:{}", app.config.domain_id, app.config.user), "user_id": hex_id()}),
        ),
        Route::MetadataToken => super::identity::session_token(&app, &parts, now),
        Route::SecurityKey => super::identity::security_key(&app, &parts, now),
        Route::PodIdentity => super::identity::pod_identity(&app, &parts, now),
        Route::Tokens => tokens(&app, &body, now),
        Route::Projects => projects(&app, &parts),
        Route::ConsoleConfig => super::console::show(&app, request_id).await,
        Route::Bss(r) => super::bss::handle(&app, r, &parts, &body, request_id, now).await,
    }
}

/// Reads the body up to [`MAX_BODY_BYTES`]; `None` when it is larger (or the client went away). A larger
/// body of moderate size is still read and discarded, so the client is not reset while sending and does see
/// the 413 (closing a socket with unread data makes the kernel send RST).
async fn read_body(body: axum::body::Body, declared_len: Option<u64>) -> Option<Vec<u8>> {
    use futures_util::StreamExt;
    if declared_len.is_some_and(|n| n > DRAIN_BYTES as u64) {
        return None;
    }
    let mut data = Vec::new();
    let mut seen = 0usize;
    let mut frames = body.into_data_stream();
    while let Some(frame) = frames.next().await {
        let chunk = frame.ok()?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_BYTES {
            return None;
        }
        if seen <= MAX_BODY_BYTES {
            data.extend_from_slice(&chunk);
        }
    }
    (seen <= MAX_BODY_BYTES).then_some(data)
}

fn query_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// CreateCertificateAuthorityOrder.
async fn order(app: &App, parts: &Parts, body: &[u8], request_id: &str) -> Response {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return reply::ccm(
                StatusCode::BAD_REQUEST,
                "PCA.10010105",
                &format!("Invalid parameter format: the request body is not valid JSON ({e})"),
            );
        }
    };
    let promotion = value
        .get("promotion_info")
        .and_then(Value::as_str)
        .unwrap_or("");
    let faults: Directives = match directives::parse(promotion) {
        Ok(d) => d,
        Err(msg) => return reply::invalid_parameter(&format!("promotion_info: {msg}")),
    };
    // The delay holds back the answer, never the work: what the sandbox accepts is done before it waits,
    // so a client that gives up (and drops the connection, and with it this handler) still leaves the
    // order created, as the real service's would be.
    let answer = accept_order(app, &value, &faults, request_id);
    if let Some(delay) = faults.delay {
        tokio::time::sleep(delay).await;
    }
    match answer {
        Answer::Reply(resp) => resp,
        Answer::Drop => match parts.extensions.get::<ConnDrop>() {
            Some(conn) => {
                conn.drop_connection();
                // The connection task drops this future with the connection; nothing is ever answered.
                std::future::pending().await
            }
            None => reply::ccm(
                StatusCode::INTERNAL_SERVER_ERROR,
                "PCA.10010001",
                "sandbox:drop needs the sandbox's own server loop; the order was created",
            ),
        },
    }
}

/// What an accepted (or refused) order is answered with, once any delay has passed.
enum Answer {
    /// Send this response.
    Reply(Response),
    /// `sandbox:drop`: close the connection without answering (the order exists).
    Drop,
}

/// Decides and performs the order at once, with no await point, so nothing the client does afterwards can
/// undo or prevent it; the caller delivers the answer.
fn accept_order(app: &App, value: &Value, faults: &Directives, request_id: &str) -> Answer {
    if let Some(status) = faults.status {
        return Answer::Reply(reply::for_status(status, request_id));
    }
    if faults.html {
        return Answer::Reply(reply::html_bad_gateway());
    }
    let request = match super::wire::wire_body(value) {
        Ok(r) => r,
        Err(e) => return Answer::Reply(reply::invalid_parameter(&e.to_string())),
    };
    let project_id = request
        .enterprise_project_id
        .clone()
        .unwrap_or_else(|| crate::order::limits::DEFAULT_ENTERPRISE_PROJECT_ID.to_string());
    if !app
        .projects
        .iter()
        .any(|p| p.id == project_id && p.status == 1)
    {
        return Answer::Reply(reply::ccm(
            StatusCode::BAD_REQUEST,
            "PCA.10010002",
            &format!(
                "Resource not found: enterprise_project_id \"{project_id}\" does not exist or is disabled"
            ),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let (order_id, ca_ids) = {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return Answer::Reply(r),
        };
        let q = QuotaLeft {
            quota: app.config.ca_quota,
            used: state.cas.len() as u64,
        };
        if request.subscription_num > q.left() {
            let err = FieldError {
                field: Field::SubscriptionNum,
                rule: Rule::QuotaExceeded {
                    left: q.left(),
                    used: q.used,
                    quota: q.quota,
                },
            };
            return Answer::Reply(reply::invalid_parameter(&err.to_string()));
        }
        let order_id = new_order_id(now);
        let create_time = (now.unix_timestamp_nanos() / 1_000_000) as i64;
        let mut ca_ids = Vec::new();
        for _ in 0..request.subscription_num {
            let ca_id = uuid::Uuid::new_v4().to_string();
            state.cas.push(CaRecord {
                ca_id: ca_id.clone(),
                order_id: order_id.clone(),
                enterprise_project_id: project_id.clone(),
                create_time,
                activation: None,
                subject: None,
                imported: None,
                auto_renew: request.is_auto_renew == 1,
                closed_ms: None,
                cut_renewals: Vec::new(),
                refunds: Vec::new(),
            });
            ca_ids.push(ca_id);
        }
        let mut record = OrderRecord::new(
            order_id.clone(),
            now,
            request.is_auto_pay == Some(1),
            request.period_type,
            request.period_num,
            request.subscription_num,
        );
        record.faults = faults.bss.clone();
        state.orders.push(record);
        if let Err(r) = state.save() {
            return Answer::Reply(r);
        }
        (order_id, ca_ids)
    };
    if faults.drop {
        return Answer::Drop;
    }
    Answer::Reply(reply::json(
        StatusCode::OK,
        json!({"order_id": order_id, "ca_ids": ca_ids}),
    ))
}

/// ShowCertificateAuthorityQuota.
fn quota(app: &App) -> Response {
    let used = match app.state() {
        Ok(s) => s.cas.len() as u64,
        Err(r) => return r,
    };
    reply::json(
        StatusCode::OK,
        json!({"quotas": {"resources": [
            {"type": "CERTIFICATE_AUTHORITY", "used": used, "quota": app.config.ca_quota},
            {"type": "CERTIFICATE", "used": 0, "quota": 100000},
        ]}}),
    )
}

/// Parses a paging parameter within `min..=max`, or says which one is wrong.
fn paging(
    pairs: &[(String, String)],
    key: &str,
    default: u64,
    min: u64,
    max: u64,
) -> Result<u64, String> {
    match query_get(pairs, key) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                format!("{key} must be a whole number from {min} to {max}, got \"{v}\"")
            }),
    }
}

/// IAM KeystoneListAuthDomains: the account the credentials belong to.
fn domains(app: &App) -> Response {
    reply::json(
        StatusCode::OK,
        json!({
            "domains": [{
                "id": app.config.domain_id,
                "name": app.config.account,
                "enabled": true,
                "description": "",
                "links": {"self": format!("https://iam.myhuaweicloud.com/v3/domains/{}", app.config.domain_id)},
            }],
            "links": {"self": "https://iam.myhuaweicloud.com/v3/auth/domains", "previous": null, "next": null},
        }),
    )
}

/// IAM token by password: 201 with `X-Subject-Token`, or 401 in IAM's own error shape.
fn tokens(app: &App, body: &[u8], now: OffsetDateTime) -> Response {
    let bad_request = || {
        reply::iam(
            StatusCode::BAD_REQUEST,
            "The request body is not a password authentication request (see auth.identity.password.user).",
            "Bad Request",
        )
    };
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return bad_request();
    };
    let identity = &value["auth"]["identity"];
    let uses_password = identity["methods"]
        .as_array()
        .is_some_and(|m| m.iter().any(|x| x == "password"));
    let user = &identity["password"]["user"];
    let (Some(name), Some(password)) = (user["name"].as_str(), user["password"].as_str()) else {
        return bad_request();
    };
    if !uses_password {
        return bad_request();
    }
    let domain = &user["domain"];
    let domain_ok = domain["name"].as_str() == Some(app.config.account.as_str())
        || domain["id"].as_str() == Some(app.config.domain_id.as_str());
    let password_ok = crate::api::sign::constant_time_eq(password, &app.config.password);
    if name != app.config.user || !password_ok || !domain_ok {
        return reply::iam(
            StatusCode::UNAUTHORIZED,
            "The username or password is wrong.",
            "Unauthorized",
        );
    }
    let token = format!("MIIsandbox{}{}", hex_id(), hex_id());
    let expires = now + TOKEN_LIFETIME;
    {
        let mut tokens = app.tokens();
        // Bounded memory however many tokens a test asks for: expired ones go first, then the oldest.
        tokens.retain(|_, exp| *exp > now);
        if tokens.len() >= MAX_ISSUED_TOKENS
            && let Some(oldest) = tokens
                .iter()
                .min_by_key(|(_, exp)| **exp)
                .map(|(t, _)| t.clone())
        {
            tokens.remove(&oldest);
        }
        tokens.insert(token.clone(), expires);
    }
    let stamp = |t: OffsetDateTime| {
        t.format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
        .unwrap_or_default()
    };
    let domain = json!({"id": app.config.domain_id, "name": app.config.account});
    let mut resp = reply::json(
        StatusCode::CREATED,
        json!({"token": {
            "expires_at": stamp(expires),
            "issued_at": stamp(now),
            "methods": ["password"],
            "user": {
                "domain": domain,
                "id": hex_id(),
                "name": app.config.user,
                "password_expires_at": "",
            },
            "domain": domain,
            "roles": [{"id": "0", "name": "te_admin"}],
            "catalog": [],
        }}),
    );
    if let Ok(v) = HeaderValue::from_str(&token) {
        resp.headers_mut()
            .insert(HeaderName::from_static("x-subject-token"), v);
    }
    resp
}

/// EPS ListEnterpriseProject with its filters, sorting and paging.
fn projects(app: &App, parts: &Parts) -> Response {
    let pairs = query_pairs(parts);
    let bad = |key: &str, rule: &str| {
        reply::eps(
            StatusCode::BAD_REQUEST,
            "EPS.0004",
            &format!("Request parameter {key} is invalid: {rule}"),
        )
    };
    let limit = match paging(&pairs, "limit", 1000, 1, 1000) {
        Ok(v) => v,
        Err(_) => return bad("limit", "must be 1 to 1000"),
    };
    let offset = match paging(&pairs, "offset", 0, 0, u64::from(u32::MAX)) {
        Ok(v) => v,
        Err(_) => return bad("offset", "must be a whole number, 0 or more"),
    };
    let status = match query_get(&pairs, "status") {
        None => None,
        Some("1") => Some(1),
        Some("2") => Some(2),
        Some(_) => return bad("status", "must be 1 (enabled) or 2 (disabled)"),
    };
    let sort_key = query_get(&pairs, "sort_key").unwrap_or("created_at");
    if !["created_at", "updated_at", "name"].contains(&sort_key) {
        return bad("sort_key", "must be created_at, updated_at or name");
    }
    let descending = match query_get(&pairs, "sort_dir").unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        _ => return bad("sort_dir", "must be asc or desc"),
    };
    let kind = query_get(&pairs, "type");
    if kind.is_some_and(|t| t != "prod" && t != "poc") {
        return bad("type", "must be prod or poc");
    }
    let id = query_get(&pairs, "id");
    let name = query_get(&pairs, "name").map(str::to_lowercase);
    let mut found: Vec<&Project> = app
        .projects
        .iter()
        .filter(|p| id.is_none_or(|id| p.id == id))
        .filter(|p| {
            name.as_deref()
                .is_none_or(|n| p.name.to_lowercase().contains(n))
        })
        .filter(|p| status.is_none_or(|s| p.status == s))
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .collect();
    found.sort_by(|a, b| {
        let order: Ordering = match sort_key {
            "name" => a.name.cmp(&b.name),
            "updated_at" => timestamp(&a.updated_at).cmp(&timestamp(&b.updated_at)),
            _ => timestamp(&a.created_at).cmp(&timestamp(&b.created_at)),
        };
        if descending { order.reverse() } else { order }
    });
    let total = found.len();
    let page: Vec<Value> = found
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|p| {
            json!({
                "id": p.id,
                "name": p.name,
                "description": p.description,
                "status": p.status,
                "created_at": p.created_at,
                "updated_at": p.updated_at,
                "type": p.kind,
                "delete_flag": false,
            })
        })
        .collect();
    reply::json(
        StatusCode::OK,
        json!({"enterprise_projects": page, "total_count": total}),
    )
}

/// Fixture timestamps compare as times (falling back to text for a malformed one).
fn timestamp(s: &str) -> Result<OffsetDateTime, &str> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|_| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids_look_like_the_documented_one() {
        let t = OffsetDateTime::from_unix_timestamp(1_521_500_340).expect("time"); // 2018-03-19 22:59 UTC
        let id = new_order_id(t);
        assert_eq!(id.len(), "CS1803192259ROA8U".len());
        assert!(id.starts_with("CS1803192259"), "{id}");
    }
}

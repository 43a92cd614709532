//! The sandbox as a client sees it: real HTTP on 127.0.0.1 (port 0), driven with reqwest and signed with
//! pca-order's own SDK-HMAC-SHA256 signer.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use pca_order::api::sign::{self, SignRequest};
use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;

const ORDER: &str = "/v1/private-certificate-authorities/order";
const QUOTAS: &str = "/v1/private-certificate-authorities/quotas";
const CAS: &str = "/v1/private-certificate-authorities";
const PROJECTS: &str = "/v1.0/enterprise-projects";
const CHINESE_PROJECT: &str = "6f0b3c2e-8d4a-4e1b-9a7c-2d5e8f1a3b4c";
const DISABLED_PROJECT: &str = "91e6f0b8-3d2c-4a5e-a7b1-0c8d4f2e6a97";

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

async fn start() -> RunningSandbox {
    start_with(SandboxConfig::default()).await
}

async fn start_with(config: SandboxConfig) -> RunningSandbox {
    sandbox::start(config, loopback())
        .await
        .expect("sandbox starts on loopback")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// The documented example body, with fields replaced or (Null) removed.
fn body_with(overrides: Value) -> Value {
    let mut body = json!({
        "cloud_service_type": "hws.service.type.ccm", "period_type": 2, "period_num": 1,
        "charging_mode": 0, "is_auto_renew": 0, "is_auto_pay": 0, "promotion_info": "",
        "enterprise_project_id": "0",
        "product_infos": [{"cloud_service_type": "hws.service.type.ccm",
            "resource_type": "hws.resource.type.pca.duration", "resource_spec_code": "ca.duration"}],
        "subscription_num": 1
    });
    if let (Some(b), Some(o)) = (body.as_object_mut(), overrides.as_object()) {
        for (k, v) in o {
            if v.is_null() {
                b.remove(k);
            } else {
                b.insert(k.clone(), v.clone());
            }
        }
    }
    body
}

/// A response read whole: status, headers and body.
struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    text: String,
}

impl Answer {
    async fn from(resp: reqwest::Response) -> Answer {
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body");
        Answer {
            status,
            headers,
            text,
        }
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn error_code(&self) -> String {
        self.json()["error_code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn error_msg(&self) -> String {
        self.json()["error_msg"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

async fn with_token(
    sb: &RunningSandbox,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Answer {
    let mut req = client()
        .request(method, format!("{}{path}", sb.base_url()))
        .header("X-Auth-Token", &sb.config.token);
    if let Some(b) = body {
        req = req.json(b);
    }
    Answer::from(req.send().await.expect("answered")).await
}

async fn order(sb: &RunningSandbox, body: &Value) -> Answer {
    with_token(sb, Method::POST, ORDER, Some(body)).await
}

async fn ca_used(sb: &RunningSandbox) -> u64 {
    let a = with_token(sb, Method::GET, QUOTAS, None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    a.json()["quotas"]["resources"][0]["used"]
        .as_u64()
        .expect("used")
}

/// How a signed request is built: what to sign and what to send.
struct Signed<'a> {
    method: Method,
    path: &'a str,
    query: Vec<(String, String)>,
    body: Vec<u8>,
    ak: String,
    sk: String,
    domain_id: Option<String>,
    date: OffsetDateTime,
}

impl<'a> Signed<'a> {
    fn new(sb: &RunningSandbox, method: Method, path: &'a str) -> Self {
        Signed {
            method,
            path,
            query: Vec::new(),
            body: Vec::new(),
            ak: sb.config.ak.clone(),
            sk: sb.config.sk.clone(),
            domain_id: Some(sb.config.domain_id.clone()),
            date: OffsetDateTime::now_utc(),
        }
    }

    fn json(mut self, body: &Value) -> Self {
        self.body = serde_json::to_vec(body).expect("json");
        self
    }

    /// Signs, then lets `tamper` change the request (headers, body) before it is sent.
    async fn send_tampered(
        self,
        sb: &RunningSandbox,
        tamper: impl FnOnce(&mut Vec<(String, String)>, &mut Vec<u8>),
    ) -> Answer {
        let host = sb.addr.to_string();
        let mut headers = vec![("X-Sdk-Date".to_string(), sign::sdk_date(self.date))];
        if !self.body.is_empty() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        if let Some(d) = &self.domain_id {
            headers.push(("X-Domain-Id".to_string(), d.clone()));
        }
        let signature = sign::sign(
            &SignRequest {
                method: self.method.as_str(),
                host: &host,
                path: self.path,
                query: &self.query,
                headers: &headers,
                body: &self.body,
            },
            &self.ak,
            &self.sk,
        );
        headers.push(("Authorization".to_string(), signature.authorization));
        let mut body = self.body;
        tamper(&mut headers, &mut body);
        let mut url = url::Url::parse(&format!("{}{}", sb.base_url(), self.path)).expect("url");
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        let mut req = client().request(self.method, url).body(body);
        for (k, v) in &headers {
            req = req.header(k, v);
        }
        Answer::from(req.send().await.expect("answered")).await
    }

    async fn send(self, sb: &RunningSandbox) -> Answer {
        self.send_tampered(sb, |_, _| {}).await
    }
}

fn assert_unauthorized(a: &Answer, reason: &str) {
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{}", a.text);
    assert_eq!(a.error_code(), "APIGW.0301");
    assert!(
        a.error_msg()
            .starts_with("Incorrect IAM authentication information: "),
        "{}",
        a.text
    );
    assert!(
        a.error_msg().contains(reason),
        "want {reason:?} in {}",
        a.text
    );
    assert_eq!(
        a.json()["request_id"].as_str(),
        a.header("x-request-id"),
        "body and header carry the same request id"
    );
}

fn assert_request_id(a: &Answer) {
    let id = a.header("x-request-id").expect("X-Request-Id");
    assert_eq!(id.len(), 32, "{id}");
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
}

#[tokio::test]
async fn token_auth_reads_the_quota() {
    let sb = start().await;
    let a = with_token(&sb, Method::GET, QUOTAS, None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_request_id(&a);
    assert_eq!(
        a.json(),
        json!({"quotas": {"resources": [
            {"type": "CERTIFICATE_AUTHORITY", "used": 0, "quota": 100},
            {"type": "CERTIFICATE", "used": 0, "quota": 100000}]}})
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn missing_or_unknown_token_is_refused_with_the_reason() {
    let sb = start().await;
    let url = format!("{}{QUOTAS}", sb.base_url());
    let a = Answer::from(client().get(&url).send().await.expect("answered")).await;
    assert_unauthorized(&a, "x-auth-token not found");
    assert_request_id(&a);
    let a = Answer::from(
        client()
            .get(&url)
            .header("X-Auth-Token", "not-a-token")
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_unauthorized(&a, "decrypt token fail");
    sb.shutdown().await;
}

#[tokio::test]
async fn aksk_signed_requests_are_accepted() {
    let sb = start().await;
    let a = Signed::new(&sb, Method::POST, ORDER)
        .json(&body_with(json!({})))
        .send(&sb)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let mut list = Signed::new(&sb, Method::GET, CAS);
    list.query = vec![
        ("limit".to_string(), "5".to_string()),
        ("offset".to_string(), "0".to_string()),
    ];
    let a = list.send(&sb).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(a.json()["total"], 1);
    // IAM's domain lookup needs no X-Domain-Id (that is what it is for).
    let mut domains = Signed::new(&sb, Method::GET, "/v3/auth/domains");
    domains.domain_id = None;
    let a = domains.send(&sb).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(
        a.json()["domains"][0]["id"].as_str(),
        Some(sb.config.domain_id.as_str())
    );
    assert!(a.header("x-iam-trace-id").is_some());
    sb.shutdown().await;
}

#[tokio::test]
async fn bad_signatures_are_refused_with_the_reason() {
    let sb = start().await;
    let body = body_with(json!({}));

    let mut wrong_sk = Signed::new(&sb, Method::POST, ORDER).json(&body);
    wrong_sk.sk = "not-the-secret".to_string();
    assert_unauthorized(&wrong_sk.send(&sb).await, "verify aksk signature fail");

    let mut wrong_ak = Signed::new(&sb, Method::POST, ORDER).json(&body);
    wrong_ak.ak = "UNKNOWNAK".to_string();
    assert_unauthorized(&wrong_ak.send(&sb).await, "access key does not exist");

    let mut stale = Signed::new(&sb, Method::POST, ORDER).json(&body);
    stale.date = OffsetDateTime::now_utc() - time::Duration::minutes(20);
    assert_unauthorized(&stale.send(&sb).await, "request expired");

    let mut future = Signed::new(&sb, Method::POST, ORDER).json(&body);
    future.date = OffsetDateTime::now_utc() + time::Duration::minutes(20);
    assert_unauthorized(&future.send(&sb).await, "request expired");

    let no_date = Signed::new(&sb, Method::POST, ORDER)
        .json(&body)
        .send_tampered(&sb, |headers, _| {
            headers.retain(|(k, _)| k != "X-Sdk-Date");
        })
        .await;
    assert_unauthorized(&no_date, "x-sdk-date is missing");

    let mut no_domain = Signed::new(&sb, Method::POST, ORDER).json(&body);
    no_domain.domain_id = None;
    assert_unauthorized(&no_domain.send(&sb).await, "x-domain-id is missing");

    let mut other_domain = Signed::new(&sb, Method::GET, PROJECTS);
    other_domain.domain_id = Some("ffffffffffffffffffffffffffffffff".to_string());
    assert_unauthorized(&other_domain.send(&sb).await, "x-domain-id does not match");

    let tampered = Signed::new(&sb, Method::POST, ORDER)
        .json(&body)
        .send_tampered(&sb, |_, body| {
            *body = serde_json::to_vec(&body_with(json!({"subscription_num": 2}))).expect("json");
        })
        .await;
    assert_unauthorized(&tampered, "verify aksk signature fail");

    let changed_header = Signed::new(&sb, Method::POST, ORDER)
        .json(&body)
        .send_tampered(&sb, |headers, _| {
            for (k, v) in headers.iter_mut() {
                if k == "Content-Type" {
                    *v = "application/json; charset=utf-8".to_string();
                }
            }
        })
        .await;
    assert_unauthorized(&changed_header, "verify aksk signature fail");

    assert_eq!(ca_used(&sb).await, 0, "no refused request bought anything");
    sb.shutdown().await;
}

#[tokio::test]
async fn invalid_bodies_are_refused_naming_the_field() {
    let sb = start().await;
    let cases = [
        (json!({"period_type": 4}), "period_type"),
        (json!({"period_num": 0}), "period_num"),
        (json!({"subscription_num": 0}), "subscription_num"),
        (json!({"subscription_num": "1"}), "subscription_num"),
        (json!({"charging_mode": 1}), "charging_mode"),
        (json!({"is_auto_renew": 2}), "is_auto_renew"),
        (
            json!({"cloud_service_type": "hws.service.type.ecs"}),
            "cloud_service_type",
        ),
        (json!({"product_infos": null}), "product_infos"),
        (
            json!({"promotion_info": "x".repeat(2049)}),
            "promotion_info",
        ),
        (json!({"enterprise_project_id": 0}), "enterprise_project_id"),
    ];
    for (overrides, field) in cases {
        let a = order(&sb, &body_with(overrides.clone())).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{overrides}: {}", a.text);
        assert_eq!(a.error_code(), "PCA.00020001", "{overrides}");
        assert!(
            a.error_msg()
                .starts_with(&format!("Invalid parameter: {field}")),
            "{overrides}: {}",
            a.text
        );
    }
    let a = Answer::from(
        client()
            .post(format!("{}{ORDER}", sb.base_url()))
            .header("X-Auth-Token", &sb.config.token)
            .body("{not json")
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.error_code(), "PCA.10010105");
    assert_eq!(ca_used(&sb).await, 0);
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_or_disabled_projects_are_refused() {
    let sb = start().await;
    for id in ["3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", DISABLED_PROJECT] {
        let a = order(&sb, &body_with(json!({"enterprise_project_id": id}))).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
        assert_eq!(a.error_code(), "PCA.10010002");
        assert!(a.error_msg().contains(id), "{}", a.text);
    }
    let a = order(
        &sb,
        &body_with(json!({"enterprise_project_id": CHINESE_PROJECT})),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    sb.shutdown().await;
}

#[tokio::test]
async fn orders_count_against_the_quota() {
    let sb = start_with(SandboxConfig {
        ca_quota: 5,
        ..SandboxConfig::default()
    })
    .await;
    let a = order(&sb, &body_with(json!({"subscription_num": 3}))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let created = a.json();
    let order_id = created["order_id"].as_str().expect("order_id");
    assert_eq!(order_id.len(), 17, "{order_id}");
    assert!(order_id.starts_with("CS"));
    assert!(
        order_id[2..12].bytes().all(|b| b.is_ascii_digit())
            && order_id[12..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
        "{order_id}"
    );
    let ids = created["ca_ids"].as_array().expect("ca_ids");
    assert_eq!(ids.len(), 3);
    for id in ids {
        let id = uuid::Uuid::parse_str(id.as_str().expect("string")).expect("uuid");
        assert_eq!(id.get_version_num(), 4);
    }
    assert_eq!(ca_used(&sb).await, 3);

    let a = order(&sb, &body_with(json!({"subscription_num": 3}))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
    assert_eq!(a.error_code(), "PCA.00020001");
    assert!(
        a.error_msg().contains("subscription_num") && a.error_msg().contains("allows 2 more"),
        "{}",
        a.text
    );
    assert_eq!(ca_used(&sb).await, 3);

    let a = order(&sb, &body_with(json!({"subscription_num": 2}))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(ca_used(&sb).await, 5);
    sb.shutdown().await;
}

#[tokio::test]
async fn the_ca_list_shows_bought_cas_with_paging() {
    let sb = start().await;
    let a = order(
        &sb,
        &body_with(json!({"subscription_num": 3, "enterprise_project_id": CHINESE_PROJECT})),
    )
    .await;
    let created = a.json();
    let a = with_token(&sb, Method::GET, &format!("{CAS}?limit=2&offset=1"), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let list = a.json();
    assert_eq!(list["total"], 3);
    let cas = list["certificate_authorities"].as_array().expect("array");
    assert_eq!(cas.len(), 2);
    for ca in cas {
        assert_eq!(ca["status"], "PENDING");
        assert_eq!(ca["type"], "ROOT");
        assert_eq!(ca["charging_mode"], 0);
        assert_eq!(ca["enterprise_project_id"], CHINESE_PROJECT);
        assert_eq!(ca["order_id"], created["order_id"]);
        assert!(ca["create_time"].as_i64().expect("ms") > 1_600_000_000_000);
        assert!(
            created["ca_ids"]
                .as_array()
                .expect("ids")
                .contains(&ca["ca_id"])
        );
    }
    let a = with_token(&sb, Method::GET, &format!("{CAS}?limit=abc"), None).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
    assert!(a.error_msg().contains("limit"), "{}", a.text);
    sb.shutdown().await;
}

#[tokio::test]
async fn status_directives_answer_realistic_errors_and_buy_nothing() {
    let sb = start().await;
    for (status, code) in [
        (400, "PCA.00020001"),
        (401, "APIGW.0301"),
        (403, "APIGW.0302"),
        (404, "APIGW.0101"),
        (429, "APIGW.0308"),
        (500, "PCA.10010001"),
        (502, "APIGW.0201"),
        (503, "APIGW.0201"),
        (504, "APIGW.0201"),
    ] {
        let a = order(
            &sb,
            &body_with(json!({"promotion_info": format!("SPRING sandbox:status={status}")})),
        )
        .await;
        assert_eq!(a.status.as_u16(), status, "{}", a.text);
        assert_eq!(a.error_code(), code, "{status}: {}", a.text);
        assert!(!a.error_msg().is_empty());
        assert_request_id(&a);
    }
    assert_eq!(ca_used(&sb).await, 0);
    sb.shutdown().await;
}

#[tokio::test]
async fn directives_are_read_only_after_authentication() {
    let sb = start().await;
    let a = Answer::from(
        client()
            .post(format!("{}{ORDER}", sb.base_url()))
            .json(&body_with(json!({"promotion_info": "sandbox:status=503"})))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_unauthorized(&a, "x-auth-token not found");
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_directives_are_refused_by_name() {
    let sb = start().await;
    let a = order(
        &sb,
        &body_with(json!({"promotion_info": "sandbox:explode"})),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
    assert_eq!(a.error_code(), "PCA.00020001");
    assert!(a.error_msg().contains("sandbox:explode"), "{}", a.text);
    sb.shutdown().await;
}

#[tokio::test]
async fn delay_waits_then_buys() {
    let sb = start().await;
    let started = Instant::now();
    let a = order(
        &sb,
        &body_with(json!({"promotion_info": "sandbox:delay_ms=300"})),
    )
    .await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(ca_used(&sb).await, 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn drop_buys_but_never_answers() {
    let sb = start().await;
    let err = client()
        .post(format!("{}{ORDER}", sb.base_url()))
        .header("X-Auth-Token", &sb.config.token)
        .json(&body_with(
            json!({"promotion_info": "sandbox:drop", "subscription_num": 2}),
        ))
        .send()
        .await
        .expect_err("the connection closes with no answer");
    assert!(err.status().is_none(), "{err:?}");
    assert!(!err.is_timeout(), "closed, not timed out: {err:?}");
    // The dangerous case: no answer, yet the order exists.
    let a = with_token(&sb, Method::GET, CAS, None).await;
    let list = a.json();
    assert_eq!(list["total"], 2, "{}", a.text);
    let cas = list["certificate_authorities"].as_array().expect("array");
    assert_eq!(cas[0]["order_id"], cas[1]["order_id"]);
    // The server keeps serving other connections.
    assert_eq!(ca_used(&sb).await, 2);
    sb.shutdown().await;
}

#[tokio::test]
async fn html_answers_a_gateway_page_and_buys_nothing() {
    let sb = start().await;
    let a = order(&sb, &body_with(json!({"promotion_info": "sandbox:html"}))).await;
    assert_eq!(a.status, StatusCode::BAD_GATEWAY);
    assert!(
        a.header("content-type")
            .is_some_and(|c| c.starts_with("text/html")),
        "{:?}",
        a.headers
    );
    assert!(a.text.contains("<title>502 Bad Gateway</title>"));
    assert_request_id(&a);
    assert_eq!(ca_used(&sb).await, 0);
    sb.shutdown().await;
}

#[tokio::test]
async fn iam_password_tokens_are_issued_and_accepted() {
    let sb = start().await;
    let auth = |password: &str| {
        json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "sandbox-user", "password": password, "domain": {"name": "sandbox-account"}}}},
            "scope": {"domain": {"name": "sandbox-account"}}}})
    };
    let url = format!("{}/v3/auth/tokens", sb.base_url());
    let a = Answer::from(
        client()
            .post(&url)
            .json(&auth("wrong"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        a.json(),
        json!({"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}})
    );

    let a = Answer::from(
        client()
            .post(&url)
            .json(&auth("sandbox-password"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let token = a
        .header("x-subject-token")
        .expect("X-Subject-Token")
        .to_string();
    let body = a.json();
    assert_eq!(body["token"]["methods"], json!(["password"]));
    assert_eq!(body["token"]["user"]["name"], "sandbox-user");
    assert_eq!(body["token"]["domain"]["id"], sb.config.domain_id.as_str());
    assert!(body["token"]["expires_at"].is_string() && body["token"]["issued_at"].is_string());
    assert!(a.header("x-iam-trace-id").is_some());

    let a = Answer::from(
        client()
            .get(format!("{}{QUOTAS}", sb.base_url()))
            .header("X-Auth-Token", &token)
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    sb.shutdown().await;
}

#[tokio::test]
async fn domains_name_the_account() {
    let sb = start().await;
    let a = with_token(&sb, Method::GET, "/v3/auth/domains", None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let d = &a.json()["domains"][0];
    assert_eq!(d["id"], "0123456789abcdef0123456789abcdef");
    assert_eq!(d["name"], "sandbox-account");
    assert_eq!(d["enabled"], true);
    assert!(a.header("x-iam-trace-id").is_some());
    sb.shutdown().await;
}

async fn projects(sb: &RunningSandbox, query: &str) -> Answer {
    with_token(sb, Method::GET, &format!("{PROJECTS}{query}"), None).await
}

fn names(a: &Answer) -> Vec<String> {
    a.json()["enterprise_projects"]
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect()
}

#[tokio::test]
async fn enterprise_projects_filter_sort_and_page() {
    let sb = start().await;
    let all = projects(&sb, "").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert_eq!(all.json()["total_count"], 6);
    let first = &all.json()["enterprise_projects"][0];
    for key in [
        "id",
        "name",
        "description",
        "status",
        "created_at",
        "updated_at",
        "type",
    ] {
        assert!(!first[key].is_null(), "{key} in {first}");
    }
    assert_eq!(first["type"], "prod");

    assert_eq!(names(&projects(&sb, "?name=DEV").await), ["Dev-Team-Alpha"]);
    assert_eq!(
        names(&projects(&sb, "?name=%E7%94%9F%E4%BA%A7").await),
        ["生产环境"]
    );
    assert_eq!(names(&projects(&sb, "?status=2").await), ["legacy-archive"]);
    assert_eq!(names(&projects(&sb, "?id=0").await), ["default"]);
    assert_eq!(
        names(&projects(&sb, "?sort_key=name&sort_dir=asc&limit=2").await),
        ["Dev-Team-Alpha", "default"]
    );

    let page = projects(&sb, "?limit=2&offset=1").await;
    assert_eq!(page.json()["total_count"], 6, "total is before paging");
    assert_eq!(
        names(&page),
        names(&all)[1..3].to_vec(),
        "offset 1, limit 2 of the default order"
    );

    for bad in [
        "?limit=0",
        "?limit=1001",
        "?limit=abc",
        "?offset=-1",
        "?status=3",
    ] {
        let a = projects(&sb, bad).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}: {}", a.text);
        let err = &a.json()["error"];
        assert_eq!(err["error_code"], "EPS.0004", "{bad}");
        let param = bad[1..].split('=').next().expect("param");
        assert!(
            err["error_msg"].as_str().is_some_and(|m| m.contains(param)),
            "{bad}: {}",
            a.text
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_apis_are_404_before_authentication() {
    let sb = start().await;
    for (method, path) in [
        (Method::GET, "/v1/nothing-here"),
        (Method::GET, ORDER),
        (Method::DELETE, QUOTAS),
    ] {
        let a = Answer::from(
            client()
                .request(method.clone(), format!("{}{path}", sb.base_url()))
                .send()
                .await
                .expect("answered"),
        )
        .await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(a.error_code(), "APIGW.0101");
        assert_eq!(
            a.error_msg(),
            "The API does not exist or has not been published in the environment"
        );
        assert_request_id(&a);
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn bodies_over_one_mib_are_refused() {
    let sb = start().await;
    let big = body_with(json!({"promotion_info": "x".repeat(1024 * 1024)}));
    let a = order(&sb, &big).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text);
    assert_eq!(a.error_code(), "APIGW.0201");
    assert_eq!(ca_used(&sb).await, 0);
    sb.shutdown().await;
}

#[tokio::test]
async fn the_banner_names_the_bound_address_first() {
    let sb = start().await;
    let text = sandbox::banner(&sb.config, sb.addr);
    let first = text.lines().next().expect("a line");
    assert_eq!(first, format!("listening on {}", sb.base_url()));
    assert_ne!(sb.addr.port(), 0, "the real port, not 0");
    assert!(
        text.contains(&sb.config.sk),
        "the fake credentials are printed"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sb = start().await;
    let url = format!("{}{QUOTAS}", sb.base_url());
    sb.shutdown().await;
    let err = client()
        .get(&url)
        .send()
        .await
        .expect_err("nothing listens");
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn each_sandbox_keeps_its_own_state() {
    let (a, b) = (start().await, start().await);
    assert_eq!(
        order(&a, &body_with(json!({}))).await.status,
        StatusCode::OK
    );
    assert_eq!(ca_used(&a).await, 1);
    assert_eq!(ca_used(&b).await, 0);
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn an_accepted_order_is_created_even_when_the_client_gives_up_during_the_delay() {
    let sb = start().await;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let err = impatient
        .post(format!("{}{ORDER}", sb.base_url()))
        .header("X-Auth-Token", &sb.config.token)
        .json(&body_with(
            json!({"promotion_info": "sandbox:delay_ms=5000", "subscription_num": 2}),
        ))
        .send()
        .await
        .expect_err("the client gives up before the answer");
    assert!(err.is_timeout(), "{err:?}");
    // The client dropped the connection (and with it the handler); the order must exist all the same,
    // as a real one would: "unknown" in the client, bought on the server.
    let a = with_token(&sb, Method::GET, CAS, None).await;
    let list = a.json();
    assert_eq!(list["total"], 2, "{}", a.text);
    sb.shutdown().await;
}

/// Reads from `sock` until the server closes it (or 10 s pass, the bound for a test that must not hang),
/// and returns what arrived and whether it was closed.
async fn read_until_closed(sock: &mut tokio::net::TcpStream) -> (String, bool) {
    use tokio::io::AsyncReadExt;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match sock.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&seen).into_owned(), closed)
}

#[tokio::test]
async fn half_sent_requests_are_timed_out() {
    use tokio::io::AsyncWriteExt;
    let sb = start_with(SandboxConfig {
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await;
    // Headers that never end.
    let mut sock = tokio::net::TcpStream::connect(sb.addr)
        .await
        .expect("connect");
    sock.write_all(format!("POST {ORDER} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-").as_bytes())
        .await
        .expect("write");
    let (_, closed) = read_until_closed(&mut sock).await;
    assert!(
        closed,
        "the server closes a connection whose headers never end"
    );
    // Complete headers, a body that stops after 10 of 100 bytes.
    let mut sock = tokio::net::TcpStream::connect(sb.addr)
        .await
        .expect("connect");
    let head = format!(
        "POST {ORDER} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"period_t",
        sb.config.token
    );
    sock.write_all(head.as_bytes()).await.expect("write");
    let (answer, closed) = read_until_closed(&mut sock).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(closed, "the connection is closed after the 408: {answer}");
    assert_eq!(ca_used(&sb).await, 0, "nothing was created");
    sb.shutdown().await;
}

/// `s` with the bytes at `positions` all changed by one and the same XOR difference, each staying
/// `allowed` (hex for a signature, header-safe for a token): a forgery whose per-byte differences cancel
/// out if a comparison folded them together with XOR instead of OR.
fn forge(s: &str, positions: &[usize], allowed: impl Fn(u8) -> bool) -> String {
    let mut bytes = s.as_bytes().to_vec();
    let delta = (1u8..=0x7f)
        .find(|d| positions.iter().all(|&i| allowed(bytes[i] ^ d)))
        .expect("a difference that keeps every changed byte allowed");
    for &i in positions {
        bytes[i] ^= delta;
    }
    String::from_utf8(bytes).expect("ASCII in, ASCII out")
}

/// `s` with each group of `groups` forged as [`forge`] does (each group by its own difference).
fn forge_each(s: &str, groups: &[Vec<usize>], allowed: impl Fn(u8) -> bool) -> String {
    groups
        .iter()
        .fold(s.to_string(), |s, positions| forge(&s, positions, &allowed))
}

/// Replaces the `Signature=` part of the `Authorization` header by `change(signature)`.
fn change_signature(headers: &mut [(String, String)], change: impl FnOnce(&str) -> String) {
    if let Some((_, value)) = headers.iter_mut().find(|(k, _)| k == "Authorization") {
        let (head, signature) = value
            .rsplit_once("Signature=")
            .expect("the header ends with the signature");
        *value = format!("{head}Signature={}", change(signature));
    }
}

#[tokio::test]
async fn forged_signatures_are_refused_wherever_and_however_they_differ() {
    let sb = start().await;
    let body = body_with(json!({}));
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    // One byte changed, in every position; two bytes changed alike, side by side (at the start, the
    // middle, the end) and at both ends; every byte changed, pair by pair alike.
    let mut changed: Vec<Vec<Vec<usize>>> = (0..64).map(|i| vec![vec![i]]).collect();
    for pair in [[0, 1], [31, 32], [62, 63], [0, 63]] {
        changed.push(vec![pair.to_vec()]);
    }
    changed.push((0..32).map(|i| vec![2 * i, 2 * i + 1]).collect());
    for positions in changed {
        let a = Signed::new(&sb, Method::POST, ORDER)
            .json(&body)
            .send_tampered(&sb, |headers, _| {
                change_signature(headers, |signature| {
                    assert_eq!(signature.len(), 64, "hex SHA-256");
                    forge_each(signature, &positions, hex)
                })
            })
            .await;
        assert_eq!(
            a.status,
            StatusCode::UNAUTHORIZED,
            "changed at {positions:?}: {}",
            a.text
        );
        assert_unauthorized(&a, "verify aksk signature fail");
    }
    type Change = fn(&str) -> String;
    let lengths: [(&str, Change); 5] = [
        ("one short", |s| s[..s.len() - 1].to_string()),
        ("half", |s| s[..s.len() / 2].to_string()),
        ("one more", |s| format!("{s}0")),
        ("twice", |s| s.repeat(2)),
        ("empty", |_| String::new()),
    ];
    for (name, change) in lengths {
        let a = Signed::new(&sb, Method::POST, ORDER)
            .json(&body)
            .send_tampered(&sb, |headers, _| change_signature(headers, change))
            .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{name}: {}", a.text);
        assert_unauthorized(&a, "verify aksk signature fail");
    }
    assert_eq!(ca_used(&sb).await, 0, "no forged order bought anything");
    // The same request with its real signature still buys: the refusals were the forgeries'.
    let a = Signed::new(&sb, Method::POST, ORDER)
        .json(&body)
        .send(&sb)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(ca_used(&sb).await, 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn forged_tokens_of_the_right_length_are_refused() {
    let sb = start().await;
    let token = sb.config.token.clone();
    let safe = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let n = token.len();
    let mut changed: Vec<Vec<Vec<usize>>> = (0..n).map(|i| vec![vec![i]]).collect();
    changed.push(vec![vec![0, 1]]);
    changed.push(vec![vec![0, n - 1]]);
    changed.push((0..n / 2).map(|i| vec![2 * i, 2 * i + 1]).collect());
    let url = format!("{}{ORDER}", sb.base_url());
    for positions in changed {
        let forged = forge_each(&token, &positions, safe);
        let a = Answer::from(
            client()
                .post(&url)
                .header("X-Auth-Token", &forged)
                .json(&body_with(json!({})))
                .send()
                .await
                .expect("answered"),
        )
        .await;
        assert_eq!(
            a.status,
            StatusCode::UNAUTHORIZED,
            "{forged:?} ({positions:?}): {}",
            a.text
        );
        assert_unauthorized(&a, "decrypt token fail");
    }
    assert_eq!(ca_used(&sb).await, 0, "no forged token bought anything");
    sb.shutdown().await;
}

/// Each documented limit of the order body as a client meets it at the sandbox: at the limit the body
/// passes the check (and the order goes on, or fails for another stated reason), one past it the answer
/// is 400 naming the field and the limit.
#[tokio::test]
async fn wire_limits_hold_exactly_at_the_documented_boundary() {
    let sb = start().await;
    let product = body_with(json!({}))["product_infos"][0].clone();
    let accepted = [
        json!({"promotion_info": "x".repeat(2048)}),
        json!({"product_infos": vec![product.clone(); 10]}),
    ];
    for overrides in accepted {
        let a = order(&sb, &body_with(overrides)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    }
    let refused = [
        (
            json!({"promotion_info": "x".repeat(2049)}),
            "promotion_info: must be 0 to 2048 characters long",
        ),
        (
            json!({"product_infos": vec![product; 11]}),
            "product_infos: must hold at most 10 items",
        ),
        (
            json!({"enterprise_project_id": "a".repeat(65)}),
            "enterprise_project_id: must be 1 to 64 characters long",
        ),
        (
            json!({"cloud_service_type": "a".repeat(65)}),
            "cloud_service_type: must be 1 to 64 characters long",
        ),
        (
            json!({"cloud_service_type": "a".repeat(64)}),
            "cloud_service_type: must be \"hws.service.type.ccm\"",
        ),
    ];
    for (overrides, message) in refused {
        let a = order(&sb, &body_with(overrides)).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
        assert_eq!(a.error_code(), "PCA.00020001");
        assert_eq!(a.error_msg(), format!("Invalid parameter: {message}"));
    }
    // A 64-character project id is of a valid length: it is refused only because no such project exists.
    let id = "a".repeat(64);
    let a = order(&sb, &body_with(json!({"enterprise_project_id": id}))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text);
    assert_eq!(a.error_code(), "PCA.10010002", "{}", a.text);
    assert!(a.error_msg().contains(&id), "{}", a.text);
    assert_eq!(ca_used(&sb).await, 2, "the two orders at the limits bought");
    sb.shutdown().await;
}

/// A temporary key from the sandbox's metadata service (after a session token) or pod identity
/// endpoint: `(access, secret, securitytoken, expires_at)`.
async fn temporary_key(sb: &RunningSandbox, pod: bool) -> (String, String, String, String) {
    let base = sb.base_url();
    let resp = if pod {
        client()
            .post(format!("{base}/v1/pod-identity/credentials"))
            .header("Authorization", &sb.config.pod_token)
            .body("{}")
            .send()
            .await
    } else {
        let token = client()
            .put(format!("{base}/meta-data/latest/api/token"))
            .header("X-Metadata-Token-Ttl-Seconds", "21600")
            .send()
            .await
            .expect("token")
            .text()
            .await
            .expect("text");
        client()
            .get(format!("{base}/openstack/latest/securitykey"))
            .header("X-Metadata-Token", token)
            .send()
            .await
    };
    let v: Value = resp.expect("answer").json().await.expect("json");
    let c = &v["credential"];
    let s = |k: &str| c[k].as_str().expect(k).to_string();
    (
        s("access"),
        s("secret"),
        s("securitytoken"),
        s("expires_at"),
    )
}

#[tokio::test]
async fn metadata_and_pod_identity_keys_work_only_with_their_security_token_until_they_expire() {
    let sb = start_with(SandboxConfig {
        temporary_lifetime: Duration::from_secs(1),
        ..SandboxConfig::default()
    })
    .await;
    for pod in [false, true] {
        let (ak, sk, token, expires_at) = temporary_key(&sb, pod).await;
        assert!(expires_at.ends_with('Z'), "{expires_at}");
        let signed = |ak: &str, sk: &str| {
            let mut s = Signed::new(&sb, Method::GET, QUOTAS);
            s.ak = ak.to_string();
            s.sk = sk.to_string();
            s
        };
        let with = |t: &str| {
            let t = t.to_string();
            move |h: &mut Vec<(String, String)>, _: &mut Vec<u8>| {
                h.push(("X-Security-Token".to_string(), t));
            }
        };
        let a = signed(&ak, &sk).send_tampered(&sb, with(&token)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text);
        assert_unauthorized(
            &signed(&ak, &sk).send(&sb).await,
            "x-security-token is missing",
        );
        assert_unauthorized(
            &signed(&ak, &sk).send_tampered(&sb, with("forged")).await,
            "does not match",
        );
        assert_unauthorized(
            &signed(&ak, "wrong-secret")
                .send_tampered(&sb, with(&token))
                .await,
            "verify aksk signature fail",
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_unauthorized(
            &signed(&ak, &sk).send_tampered(&sb, with(&token)).await,
            "has expired",
        );
    }
    // A stale session token is refused with 401 (not the "no agency" text); a wrong pod token too.
    let stale = client()
        .get(format!("{}/openstack/latest/securitykey", sb.base_url()))
        .header("X-Metadata-Token", "never-issued")
        .send()
        .await
        .expect("answer");
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED);
    let wrong = client()
        .post(format!("{}/v1/pod-identity/credentials", sb.base_url()))
        .header("Authorization", "wrong")
        .send()
        .await
        .expect("answer");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
}

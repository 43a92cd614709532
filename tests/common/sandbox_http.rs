//! The sandbox's CCM API over real HTTP on 127.0.0.1 with its token, no client of ours in between: what
//! the `sandbox_*` files that speak to the routes directly share.

use pca_order::sandbox::RunningSandbox;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The CA collection's path.
pub const CAS: &str = "/v1/private-certificate-authorities";

/// Sends `method path` (with a JSON `body`) with the sandbox token; the status and the body as JSON
/// (`Null` when it is not JSON).
pub async fn call(
    sb: &RunningSandbox,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let url = format!("{}{path}", sb.base_url());
    let mut req = client
        .request(method.parse().expect("method"), url)
        .header("X-Auth-Token", &sb.config.token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.expect("answer");
    let status = resp.status();
    let text = resp.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Orders `n` CAs for two years (paid at once with `auto_pay`); their ids.
pub async fn buy(sb: &RunningSandbox, n: u64, auto_pay: bool) -> Vec<String> {
    let body = json!({
        "cloud_service_type": "hws.service.type.ccm", "period_type": 3, "period_num": 2,
        "charging_mode": 0, "is_auto_renew": 0, "is_auto_pay": i32::from(auto_pay),
        "product_infos": [{"cloud_service_type": "hws.service.type.ccm",
            "resource_type": "hws.resource.type.pca.duration", "resource_spec_code": "ca.duration"}],
        "subscription_num": n
    });
    let (status, v) = call(sb, "POST", &format!("{CAS}/order"), Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v["ca_ids"]
        .as_array()
        .expect("ca_ids")
        .iter()
        .map(|x| x.as_str().expect("id").to_string())
        .collect()
}

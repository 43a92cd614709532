//! Billing (BSS) and IAM-project APIs of the sandbox: price from a pretend price list, order details,
//! pay, cancel, the order-resources query, the website probe, and `GET /v3/projects?name=`. Orders move
//! through [`OrderRecord`]: pending payment until paid or cancelled, then processing, then completed
//! after the settle time. Errors use BSS's flat `{"error_code": "CBC.…", "error_msg": "…"}` shape.

use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::orders::order_type;
use super::orders::{OrderRecord, Stage, status};
use super::state::App;
use super::{ConnDrop, reply};
use crate::billing::renew;
use crate::billing::subscription;
use crate::billing::{self, Amount};

/// The pretend price list (see its `_note`).
const PRICE_LIST_JSON: &str = include_str!("../../assets/sandbox/price-list.json");

/// The billing and IAM-project APIs served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BssRoute {
    /// `GET /v3/projects?name=`.
    IamProjects,
    /// `GET /v2/products/service-types` (the website probe).
    ServiceTypes,
    /// ListRateOnPeriodDetail.
    Price,
    /// ShowCustomerOrderDetails.
    OrderDetails,
    /// PayCustomerOrder.
    Pay,
    /// CancelCustomerOrder.
    Cancel,
    /// The order-resources query.
    Resources,
    /// ListRenewRateOnPeriod.
    RenewRate,
    /// RenewalResources.
    Renew,
    /// AutoRenewalResources (POST) or CancelAutoRenewalResources (DELETE): `true` for on.
    AutoRenew(bool),
    /// CancelResourcesSubscription.
    Unsubscribe,
    /// ShowRefundOrderDetails.
    RefundOrders,
}

impl BssRoute {
    /// The route for a method and path, if served.
    pub(crate) fn find(method: &Method, path: &str) -> Option<BssRoute> {
        if let Some(route) = lifecycle_route(method, path) {
            return Some(route);
        }
        let (route, wanted) = match path {
            billing::IAM_PROJECTS_PATH => (BssRoute::IamProjects, Method::GET),
            billing::WEBSITE_PROBE_PATH => (BssRoute::ServiceTypes, Method::GET),
            billing::PRICE_PATH => (BssRoute::Price, Method::POST),
            billing::PAY_PATH => (BssRoute::Pay, Method::POST),
            billing::CANCEL_PATH => (BssRoute::Cancel, Method::PUT),
            billing::RESOURCES_PATH => (BssRoute::Resources, Method::POST),
            renew::RENEW_RATE_PATH => (BssRoute::RenewRate, Method::POST),
            renew::RENEW_PATH => (BssRoute::Renew, Method::POST),
            p if p.starts_with(billing::ORDER_DETAILS_PATH)
                && p.len() > billing::ORDER_DETAILS_PATH.len() =>
            {
                (BssRoute::OrderDetails, Method::GET)
            }
            _ => return None,
        };
        (*method == wanted).then_some(route)
    }

    /// BSS wants `X-Domain-Id` on signed requests (global credentials); IAM does not.
    pub(crate) fn needs_domain(self) -> bool {
        !self.is_iam()
    }

    /// IAM's project list.
    pub(crate) fn is_iam(self) -> bool {
        self == BssRoute::IamProjects
    }
}

#[derive(Debug, Deserialize)]
struct PriceList {
    currency: String,
    products: Vec<PricedProduct>,
}

#[derive(Debug, Deserialize)]
struct PricedProduct {
    cloud_service_type: String,
    resource_type: String,
    resource_spec: String,
    product_id: String,
    regions: Vec<String>,
    per_month: Amount,
    per_year: Amount,
    yearly_discount_per_ca_year: Amount,
    discount_name: String,
}

fn price_list() -> Result<PriceList, String> {
    serde_json::from_str(PRICE_LIST_JSON).map_err(|e| format!("sandbox price list: {e}"))
}

/// A BSS error.
fn cbc(status: StatusCode, code: &str, msg: &str) -> Response {
    reply::json(status, json!({"error_code": code, "error_msg": msg}))
}

/// 400 `CBC.0100`, the documented "bad parameter".
fn bad_parameter(detail: &str) -> Response {
    cbc(
        StatusCode::BAD_REQUEST,
        "CBC.0100",
        &format!("Invalid parameter: {detail}"),
    )
}

/// The realistic BSS answer for a directive's status.
fn for_status(status: StatusCode, request_id: &str) -> Response {
    match status.as_u16() {
        400 => bad_parameter("(sandbox directive) the request was refused as asked"),
        403 => cbc(status, "CBC.0151", "Access denied."),
        429 => cbc(status, "CBC.0250", "Flow control: too many requests."),
        500 => cbc(status, "CBC.0999", "Other errors."),
        _ => reply::for_status(status, request_id),
    }
}

/// Handles one billing route (authentication already checked).
pub(crate) async fn handle(
    app: &App,
    route: BssRoute,
    parts: &Parts,
    body: &[u8],
    request_id: &str,
    now: OffsetDateTime,
) -> Response {
    match route {
        BssRoute::IamProjects => iam_projects(app, parts),
        BssRoute::ServiceTypes => reply::json(
            StatusCode::OK,
            json!({"total_count": 1, "service_types": [
                {"id": "hws.service.type.ccm", "name": "Cloud Certificate Manager", "abbreviation": "CCM"}]}),
        ),
        BssRoute::Price => {
            // `sandbox-price-slow-<ms>` as the region: the price takes that long (a slow read, on purpose).
            if let Some(delay) = price_region(body)
                .as_deref()
                .and_then(|r| super::directives::region_delay(r, "price"))
            {
                tokio::time::sleep(delay).await;
            }
            price(body)
        }
        BssRoute::OrderDetails => details(app, parts, request_id, now),
        BssRoute::Pay => act(app, parts, body, request_id, now, true).await,
        BssRoute::Cancel => act(app, parts, body, request_id, now, false).await,
        BssRoute::Resources => resources(app, body, now),
        BssRoute::RenewRate => renew_rate(app, body, request_id, now),
        BssRoute::Renew => renew(app, body, request_id, now).await,
        BssRoute::AutoRenew(on) => auto_renew(app, parts, body, request_id, now, on).await,
        BssRoute::Unsubscribe => unsubscribe(app, body, request_id, now).await,
        BssRoute::RefundOrders => refund_orders(app, parts, request_id),
    }
}

/// A stable 32-hex project id per region and account.
fn project_id(app: &App, region: &str) -> String {
    let digest = Sha256::digest(format!("{}/{region}", app.config.domain_id).as_bytes());
    hex::encode(&digest[..16])
}

fn iam_projects(app: &App, parts: &Parts) -> Response {
    let pairs = super::query::query_pairs(parts);
    let name = pairs
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.clone());
    if let Some(status) = name
        .as_deref()
        .and_then(|n| super::directives::region_fault(n, "projects"))
    {
        return reply::json(
            status,
            json!({"error": {"code": status.as_u16().to_string(), "title": "sandbox fault directive",
                   "message": format!("The project lookup answers {status} on purpose (region sandbox-projects-{}).", status.as_u16())}}),
        );
    }
    let regions: Vec<String> = match name {
        Some(n) => vec![n],
        None => crate::config::regions().into_iter().map(|r| r.id).collect(),
    };
    let projects: Vec<Value> = regions
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let id = project_id(app, r);
            json!({"id": id, "name": r, "domain_id": app.config.domain_id, "enabled": true,
                   "is_domain": false, "parent_id": app.config.domain_id, "description": "",
                   "links": {"self": format!("https://iam.myhuaweicloud.com/v3/projects/{id}")}})
        })
        .collect();
    reply::json(
        StatusCode::OK,
        json!({"projects": projects, "links": {"self": "https://iam.myhuaweicloud.com/v3/projects", "previous": null, "next": null}}),
    )
}

/// The pretend price of `n` CAs for `period_num` periods of `period_type` in `region`, as
/// (list, discount) — `None` when the list has no such product or region.
fn quote(
    list: &PriceList,
    product: (&str, &str, &str),
    region: &str,
    period_type: u64,
    period_num: u64,
    n: u64,
) -> Option<(Amount, Amount, String, String)> {
    let p = list.products.iter().find(|p| {
        (
            p.cloud_service_type.as_str(),
            p.resource_type.as_str(),
            p.resource_spec.as_str(),
        ) == product
            && p.regions.iter().any(|r| r == region)
    })?;
    let (unit, discount) = match period_type {
        2 => (p.per_month, Amount::ZERO),
        3 => (p.per_year, p.yearly_discount_per_ca_year),
        _ => return None,
    };
    let count = period_num.saturating_mul(n);
    Some((
        unit.times(count),
        discount.times(count),
        p.product_id.clone(),
        p.discount_name.clone(),
    ))
}

/// The region of a price query's first product, if the body says one.
fn price_region(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    v.pointer("/product_infos/0/region")?
        .as_str()
        .map(str::to_string)
}

fn price(body: &[u8]) -> Response {
    let list = match price_list() {
        Ok(l) => l,
        Err(e) => return cbc(StatusCode::INTERNAL_SERVER_ERROR, "CBC.0999", &e),
    };
    let v: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return bad_parameter(&format!("the body is not JSON ({e})")),
    };
    let project = v.get("project_id").and_then(Value::as_str).unwrap_or("");
    if project.is_empty() || project.len() > 64 {
        return bad_parameter("project_id is required (1-64 characters)");
    }
    let Some(items) = v
        .get("product_infos")
        .and_then(Value::as_array)
        .filter(|a| (1..=100).contains(&a.len()))
    else {
        return bad_parameter("product_infos must hold 1 to 100 items");
    };
    let mut total = Amount::ZERO;
    let mut total_discount = Amount::ZERO;
    let mut results = Vec::new();
    let mut discount_name = String::new();
    for item in items {
        let text = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or("");
        let int = |k: &str| item.get(k).and_then(Value::as_u64);
        let id = text("id");
        if id.is_empty() {
            return bad_parameter("product_infos.id is required");
        }
        let (Some(pt), Some(pn), Some(n)) = (
            int("period_type"),
            int("period_num"),
            int("subscription_num"),
        ) else {
            return bad_parameter(
                "product_infos.period_type, period_num and subscription_num are required whole numbers",
            );
        };
        if let Some(status) = super::directives::region_fault(text("region"), "price") {
            return cbc(
                status,
                if status.is_server_error() {
                    "CBC.0999"
                } else {
                    "CBC.0100"
                },
                &format!(
                    "The price answers {status} on purpose (region sandbox-price-{}).",
                    status.as_u16()
                ),
            );
        }
        let product = (
            text("cloud_service_type"),
            text("resource_type"),
            text("resource_spec"),
        );
        let Some((amount, discount, product_id, name)) =
            quote(&list, product, text("region"), pt, pn, n)
        else {
            return cbc(
                StatusCode::BAD_REQUEST,
                "CBC.99006006",
                "The product does not exist (no such service, type, spec or region in the sandbox's pretend price list).",
            );
        };
        total = total.plus(&amount);
        total_discount = total_discount.plus(&discount);
        if !name.is_empty() {
            discount_name = name;
        }
        results.push(json!({"id": id, "product_id": product_id, "official_website_amount": raw(&amount), "measure_id": 1}));
    }
    let mut answer = json!({
        "official_website_rating_result": {"official_website_amount": raw(&total), "measure_id": 1,
            "product_rating_results": results},
        "currency": list.currency,
    });
    if total_discount.is_positive() {
        let pay = total.minus(&total_discount);
        answer["optional_discount_rating_results"] = json!([{
            "discount_id": "sandbox-discount-1", "amount": raw(&pay), "official_website_amount": raw(&total),
            "discount_amount": raw(&total_discount), "measure_id": 1, "discount_type": 605,
            "discount_name": discount_name, "best_offer": 1,
        }]);
    }
    reply::json(StatusCode::OK, answer)
}

/// An amount as a JSON number with its exact digits (as BSS sends them).
fn raw(a: &Amount) -> Value {
    serde_json::from_str::<Value>(&a.fixed(2)).unwrap_or(Value::Null)
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The pretend amount of an order (cn-north-4 prices), as (official, after discount). Both are the list
/// price: the price query's discounts are optional ones, applied only by a pay that asks for them
/// (`use_discount: YES` with `discount_infos`), and this tool pays with `use_discount: NO`. Ours, from what
/// a field test saw of a real order (its amount was the list price while the quote's best offer was lower);
/// the API reference does not say.
fn order_amounts(o: &OrderRecord) -> (Amount, Amount) {
    let list = price_list().ok();
    let q = list.as_ref().and_then(|l| {
        quote(
            l,
            (
                crate::order::limits::CLOUD_SERVICE_TYPE,
                crate::order::limits::RESOURCE_TYPE,
                crate::order::limits::RESOURCE_SPEC_CODE,
            ),
            "cn-north-4",
            u64::from(o.period_type),
            o.period_num,
            o.subscription_num,
        )
    });
    match q {
        Some((a, ..)) => (a, a),
        None => (Amount::ZERO, Amount::ZERO),
    }
}

fn unknown_order(order_id: &str) -> Response {
    bad_parameter(&format!("order_id \"{order_id}\" does not exist"))
}

fn details(app: &App, parts: &Parts, request_id: &str, now: OffsetDateTime) -> Response {
    let order_id = parts
        .uri
        .path()
        .trim_start_matches(billing::ORDER_DETAILS_PATH)
        .to_string();
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(o) = state.orders.iter().find(|o| o.order_id == order_id) else {
        return unknown_order(&order_id);
    };
    if let Some(s) = o.faults.details_status {
        return for_status(s, request_id);
    }
    let code = o.status_at(now, app.config.settle);
    let (official, after) = order_amounts(o);
    let pending_end = o.created + time::Duration::days(15);
    reply::json(
        StatusCode::OK,
        json!({"total_count": 1, "order_info": {
            "order_id": o.order_id, "customer_id": app.config.domain_id,
            "service_type_code": "hws.service.type.ccm", "source_type": 1, "status": code,
            "order_type": o.order_type, "amount_after_discount": raw(&after), "official_amount": raw(&official),
            "measure_id": 1, "currency": "CNY", "create_time": rfc3339(o.created),
            "payment_time": o.paid_at().map(rfc3339),
            "pending_payment_end_time": (code == status::PENDING_PAYMENT).then(|| rfc3339(pending_end)),
        }, "order_line_items": [{"order_line_item_id": format!("{}-1", o.order_id),
            "service_type_code": "hws.service.type.ccm", "product_id": "00301-SANDBOX-0--0",
            "period_type": o.period_type, "period_num": o.period_num, "subscription_num": o.subscription_num,
            "official_amount": raw(&official), "amount_after_discount": raw(&after)}]}),
    )
}

async fn act(
    app: &App,
    parts: &Parts,
    body: &[u8],
    request_id: &str,
    now: OffsetDateTime,
    pay: bool,
) -> Response {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return bad_parameter(&format!("the body is not JSON ({e})")),
    };
    let order_id = v
        .get("order_id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if order_id.is_empty() || order_id.len() > 64 {
        return bad_parameter("order_id is required (1-64 characters)");
    }
    if pay {
        for k in ["use_coupon", "use_discount"] {
            match v.get(k).and_then(Value::as_str) {
                Some("YES" | "NO") => {}
                _ => return bad_parameter(&format!("{k} is required: YES or NO")),
            }
        }
    }
    let (drop, delay) = {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return r,
        };
        let Some(o) = state.orders.iter_mut().find(|o| o.order_id == order_id) else {
            return unknown_order(&order_id);
        };
        let fault = if pay {
            o.faults.pay_status
        } else {
            o.faults.cancel_status
        };
        if let Some(s) = fault {
            return for_status(s, request_id);
        }
        let code = o.status_at(now, app.config.settle);
        if code != status::PENDING_PAYMENT {
            let name = billing::OrderStatus::from_code(i64::from(code)).name();
            return bad_parameter(&format!(
                "order {order_id} is {name} (status {code}); only an order pending payment (status 6) can be {}",
                if pay { "paid" } else { "cancelled" }
            ));
        }
        o.stage = if pay {
            Stage::Processing { paid_at: now }
        } else {
            Stage::Cancelled { at: now }
        };
        let answer = (pay && o.faults.pay_drop, o.faults.pay_delay.filter(|_| pay));
        if let Err(r) = state.save() {
            return r;
        }
        answer
    };
    // The delay holds back the answer, never the work: the order is paid before the wait, as a slow
    // gateway in front of a fast backend would leave it.
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    if drop {
        if let Some(conn) = parts.extensions.get::<ConnDrop>() {
            conn.drop_connection();
            return std::future::pending().await;
        }
        return cbc(
            StatusCode::INTERNAL_SERVER_ERROR,
            "CBC.0999",
            "sandbox:pay_drop needs the sandbox's own server loop; the order was paid",
        );
    }
    axum::response::IntoResponse::into_response(StatusCode::NO_CONTENT)
}

/// The resources query's filters, as the body gave them (checked by the documented rules).
struct ResourcesQuery {
    resource_ids: Option<Vec<String>>,
    order_id: Option<String>,
    status_list: Option<Vec<i64>>,
    expire_begin: Option<OffsetDateTime>,
    expire_end: Option<OffsetDateTime>,
    offset: usize,
    limit: usize,
}

/// The largest `limit` the sandbox accepts (ours: the documented maximum was not captured; Terraform
/// pages with 100).
const MAX_RESOURCES_LIMIT: u64 = 1000;

/// Reads a resources query body, or the 400 `CBC.0100` naming the field.
#[allow(clippy::result_large_err)] // the error is the answer itself, returned once per request
fn resources_query(body: &[u8]) -> Result<ResourcesQuery, Response> {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return Err(bad_parameter("the body must be a JSON object")),
        Err(e) => return Err(bad_parameter(&format!("the body is not JSON ({e})"))),
    };
    let resource_ids = match v.get("resource_ids") {
        None => None,
        Some(Value::Array(a)) => {
            if a.len() > subscription::MAX_IDS_PER_QUERY {
                return Err(bad_parameter(&format!(
                    "resource_ids holds {} ids; at most {} are allowed",
                    a.len(),
                    subscription::MAX_IDS_PER_QUERY
                )));
            }
            let ids: Option<Vec<String>> =
                a.iter().map(|i| i.as_str().map(str::to_string)).collect();
            let Some(ids) = ids else {
                return Err(bad_parameter("resource_ids must be a list of strings"));
            };
            // An empty list is no filter (documented).
            (!ids.is_empty()).then_some(ids)
        }
        Some(_) => {
            return Err(bad_parameter(
                "resource_ids must be a list of strings (null is not allowed)",
            ));
        }
    };
    let text = |k: &str| -> Result<Option<String>, Response> {
        match v.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad_parameter(&format!("{k} must be a string"))),
        }
    };
    let order_id = text("order_id")?;
    if order_id.as_ref().is_some_and(|o| o.len() > 64) {
        return Err(bad_parameter("order_id is at most 64 characters"));
    }
    if text("service_type_code")?.is_some_and(|s| s.is_empty()) {
        return Err(bad_parameter("service_type_code must not be empty"));
    }
    let time = |k: &str| -> Result<Option<OffsetDateTime>, Response> {
        text(k)?
            .map(|t| subscription::parse_bss_time(k, &t).map_err(|e| bad_parameter(&e)))
            .transpose()
    };
    let expire_begin = time("expire_time_begin")?;
    let expire_end = time("expire_time_end")?;
    let status_list = match v.get("status_list") {
        None => None,
        Some(Value::Array(a)) => {
            let codes: Option<Vec<i64>> = a
                .iter()
                .map(|s| s.as_i64().filter(|c| (2..=5).contains(c)))
                .collect();
            let Some(codes) = codes else {
                return Err(bad_parameter("status_list holds only 2, 3, 4 or 5"));
            };
            (!codes.is_empty()).then_some(codes)
        }
        Some(_) => return Err(bad_parameter("status_list must be a list of numbers")),
    };
    let int = |k: &str, default: u64| -> Result<u64, Response> {
        match v.get(k) {
            None => Ok(default),
            Some(n) => n
                .as_u64()
                .ok_or_else(|| bad_parameter(&format!("{k} must be a whole number, 0 or more"))),
        }
    };
    if !matches!(int("only_main_resource", 0)?, 0 | 1) {
        return Err(bad_parameter("only_main_resource must be 0 or 1"));
    }
    let offset = int("offset", 0)?;
    let limit = int("limit", 10)?;
    if !(1..=MAX_RESOURCES_LIMIT).contains(&limit) {
        return Err(bad_parameter(&format!(
            "limit must be 1 to {MAX_RESOURCES_LIMIT}"
        )));
    }
    Ok(ResourcesQuery {
        resource_ids,
        order_id,
        status_list,
        expire_begin,
        expire_end,
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
    })
}

/// ListPayPerUseCustomerResources (and the order-resources query, the same route): every CA whose
/// buying order completed, as a yearly/monthly resource, filtered as asked, one page of it.
fn resources(app: &App, body: &[u8], now: OffsetDateTime) -> Response {
    let q = match resources_query(body) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let renewal = q
        .order_id
        .as_ref()
        .and_then(|id| state.orders.iter().find(|o| &o.order_id == id));
    let matching: Vec<Value> = state
        .cas
        .iter()
        .filter_map(|c| super::subscriptions::of(c, &state.orders, now, app.config.settle))
        .filter(|s| {
            q.resource_ids
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|i| i.eq_ignore_ascii_case(&s.resource_id)))
        })
        .filter(|s| match &q.order_id {
            None => true,
            Some(id) => {
                &s.order_id == id
                    || renewal.is_some_and(|r| r.resource_ids.contains(&s.resource_id))
            }
        })
        .filter(|s| q.status_list.as_ref().is_none_or(|l| l.contains(&s.status)))
        .filter(|s| q.expire_begin.is_none_or(|b| s.expire >= b))
        .filter(|s| q.expire_end.is_none_or(|e| s.expire <= e))
        .map(|s| {
            json!({"id": format!("{}-{}", s.order_id, s.resource_id), "resource_id": s.resource_id,
                "resource_name": s.resource_id,
                "region_code": "cn-north-4", "service_type_code": "hws.service.type.ccm",
                "resource_type_code": "hws.resource.type.pca.duration", "resource_spec_code": "ca.duration",
                "service_type_name": "Cloud Certificate Manager", "resource_type_name": "Private CA",
                "product_id": "00301-SANDBOX-0--0", "parent_resource_id": null,
                "is_main_resource": 1, "status": s.status,
                "effective_time": subscription::bss_time(s.effective),
                "expire_time": subscription::bss_time(s.expire),
                "update_time": subscription::bss_time(s.effective),
                "expire_policy": s.expire_policy, "product_spec_desc": "Private CA"})
        })
        .collect();
    let total = matching.len();
    let page: Vec<Value> = matching.into_iter().skip(q.offset).take(q.limit).collect();
    reply::json(StatusCode::OK, json!({"total_count": total, "data": page}))
}

/// A renewal's body as both renew-rate and renew take it: the CA ids (1-10, each once) and the period.
struct RenewBody {
    ids: Vec<String>,
    period_type: u8,
    period_num: u64,
}

/// Reads a renew-rate or renew body, or the 400 naming the field (`duplicate`: the code for ids named
/// twice, `CBC.30050012` on renew-rate; renew documents none, so `CBC.0100`, ours).
#[allow(clippy::result_large_err)] // the error is the answer itself, returned once per request
fn renew_body(body: &[u8], duplicate: &str) -> Result<(RenewBody, Value), Response> {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return Err(bad_parameter("the body must be a JSON object")),
        Err(e) => return Err(bad_parameter(&format!("the body is not JSON ({e})"))),
    };
    let ids: Option<Vec<String>> = v
        .get("resource_ids")
        .and_then(Value::as_array)
        .filter(|a| (1..=renew::MAX_IDS).contains(&a.len()))
        .and_then(|a| a.iter().map(|i| i.as_str().map(str::to_string)).collect());
    let Some(ids) = ids else {
        return Err(bad_parameter(&format!(
            "resource_ids is required: 1 to {} CA ids",
            renew::MAX_IDS
        )));
    };
    let mut seen = std::collections::HashSet::new();
    if !ids.iter().all(|i| seen.insert(i.to_ascii_lowercase())) {
        return Err(cbc(
            StatusCode::BAD_REQUEST,
            duplicate,
            "resource_ids holds the same id twice.",
        ));
    }
    let period_type = match v.get("period_type").and_then(Value::as_u64) {
        Some(2) => 2,
        Some(3) => 3,
        _ => return Err(bad_parameter("period_type must be 2 (month) or 3 (year)")),
    };
    let Some(period_num) = v.get("period_num").and_then(Value::as_u64) else {
        return Err(bad_parameter("period_num is required: a whole number"));
    };
    Ok((
        RenewBody {
            ids,
            period_type,
            period_num,
        },
        v,
    ))
}

/// Whether a renewal of `period_num` periods of `period_type` is allowed (month 1-11, year 1-3).
fn renew_period_ok(period_type: u8, period_num: u64) -> bool {
    let (min, max) = if period_type == 2 {
        renew::MONTHS
    } else {
        renew::YEARS
    };
    (min..=max).contains(&period_num)
}

/// What the sandbox knows of a CA being renewed: its buying order's faults, and why it cannot be
/// renewed (a renew-rate failure code and message), if it cannot.
fn renew_check(
    state: &super::state::State,
    id: &str,
    now: OffsetDateTime,
    settle: std::time::Duration,
) -> (
    Option<super::directives::BssFaults>,
    Option<(&'static str, &'static str)>,
) {
    let Some(ca) = state.cas.iter().find(|c| c.ca_id.eq_ignore_ascii_case(id)) else {
        return (
            None,
            Some((
                "CBC.30050009",
                "The resource has expired and been deleted, or does not exist.",
            )),
        );
    };
    let faults = state
        .orders
        .iter()
        .find(|o| o.order_id == ca.order_id)
        .map(|o| o.faults.clone());
    if super::subscriptions::of(ca, &state.orders, now, settle).is_none() {
        return (
            faults,
            Some((
                "CBC.30050009",
                "The resource does not exist (its order has not completed).",
            )),
        );
    }
    // Unsubscribed: closed, and nothing is renewed (the sandbox's rule; the real code is not documented).
    if ca.closed_ms.is_some() {
        return (
            faults,
            Some((
                "CBC.30050009",
                "The resource has been unsubscribed (closed): it cannot be renewed.",
            )),
        );
    }
    if faults.as_ref().is_some_and(|f| f.renew_unsupported) {
        return (
            faults,
            Some((
                renew::NOT_RENEWABLE,
                "The product does not support renewal.",
            )),
        );
    }
    let unpaid = state.orders.iter().any(|o| {
        o.order_type == order_type::RENEWAL
            && o.resource_ids.iter().any(|r| r.eq_ignore_ascii_case(id))
            && o.status_at(now, settle) == status::PENDING_PAYMENT
    });
    if unpaid {
        return (
            faults,
            Some((
                "CBC.30050010",
                "The resource is in an order waiting for payment.",
            )),
        );
    }
    (faults, None)
}

/// ListRenewRateOnPeriod: a price per CA from the pretend price list (one CA each), the list total, the
/// yearly discount as an optional one, and per-CA failures inside the 200 (documented).
fn renew_rate(app: &App, body: &[u8], request_id: &str, now: OffsetDateTime) -> Response {
    let (b, _) = match renew_body(body, "CBC.30050012") {
        Ok(b) => b,
        Err(r) => return r,
    };
    let list = match price_list() {
        Ok(l) => l,
        Err(e) => return cbc(StatusCode::INTERNAL_SERVER_ERROR, "CBC.0999", &e),
    };
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut results = Vec::new();
    let mut failures = Vec::new();
    let (mut total, mut total_discount) = (Amount::ZERO, Amount::ZERO);
    let mut discount_name = String::new();
    for id in &b.ids {
        let (faults, why) = renew_check(&state, id, now, app.config.settle);
        if let Some(s) = faults.and_then(|f| f.renew_rate_status) {
            return for_status(s, request_id);
        }
        let why = why.or_else(|| {
            (!renew_period_ok(b.period_type, b.period_num)).then_some((
                "CBC.30050008",
                "No such period type or number for this resource.",
            ))
        });
        if let Some((code, msg)) = why {
            failures.push(json!({"resource_id": id, "error_code": code, "error_msg": msg}));
            continue;
        }
        let product = (
            crate::order::limits::CLOUD_SERVICE_TYPE,
            crate::order::limits::RESOURCE_TYPE,
            crate::order::limits::RESOURCE_SPEC_CODE,
        );
        let Some((amount, discount, _, name)) = quote(
            &list,
            product,
            "cn-north-4",
            u64::from(b.period_type),
            b.period_num,
            1,
        ) else {
            return cbc(
                StatusCode::BAD_REQUEST,
                "CBC.99006006",
                "The product does not exist.",
            );
        };
        total = total.plus(&amount);
        total_discount = total_discount.plus(&discount);
        discount_name = name;
        // CN SDK: amounts as strings.
        results.push(json!({"resource_id": id, "amount": amount.fixed(2)}));
    }
    let mut answer = json!({
        "currency": list.currency,
        "renew_inquiry_results": results,
        "official_website_rating_result": {"official_website_amount": total.fixed(2)},
        "fail_resource_infos": failures,
    });
    if total_discount.is_positive() {
        answer["optional_discount_rating_results"] = json!([{
            "discount_id": "sandbox-discount-1", "amount": total.minus(&total_discount).fixed(2),
            "official_website_amount": total.fixed(2), "discount_amount": total_discount.fixed(2),
            "discount_type": 605, "discount_name": discount_name, "best_offer": 1}]);
    }
    reply::json(StatusCode::OK, answer)
}

/// RenewalResources: a renewal order (type 2) for the CAs that can be renewed — waiting for payment,
/// or paid at once with `is_auto_pay` 1 — whose completion extends each CA's end by the period from
/// its current end ([`super::subscriptions`]). CAs that cannot be renewed come back in
/// `fail_resource_infos` (the SDK calls it reserved; ours to fill). Decided before any await, so
/// nothing the client does afterwards can undo it.
async fn renew(app: &App, body: &[u8], request_id: &str, now: OffsetDateTime) -> Response {
    let (b, v) = match renew_body(body, "CBC.0100") {
        Ok(b) => b,
        Err(r) => return r,
    };
    if !renew_period_ok(b.period_type, b.period_num) {
        return cbc(
            StatusCode::BAD_REQUEST,
            "CBC.30010069",
            "No such period: a renewal is 1-11 months or 1-3 years.",
        );
    }
    let auto_pay = match v.get("is_auto_pay") {
        None | Some(Value::Null) => false,
        Some(n) if n.as_u64() == Some(0) => false,
        Some(n) if n.as_u64() == Some(1) => true,
        Some(_) => return bad_parameter("is_auto_pay must be 0 or 1"),
    };
    let (order_id, failures, delay) = {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return r,
        };
        let mut renewable = Vec::new();
        let mut failures = Vec::new();
        let mut delay = None;
        for id in &b.ids {
            let (faults, why) = renew_check(&state, id, now, app.config.settle);
            if let Some(f) = &faults {
                if let Some(s) = f.renew_status {
                    return for_status(s, request_id);
                }
                delay = delay.or(f.renew_delay);
            }
            match why {
                Some(("CBC.30050009", _)) => {
                    return reply::json(
                        StatusCode::BAD_REQUEST,
                        json!({"error_code": "CBC.99003016",
                               "error_msg": "The resource has expired and been deleted, or does not exist.",
                               "expiredResourceIds": [id]}),
                    );
                }
                Some(("CBC.30050010", _)) => {
                    return cbc(
                        StatusCode::BAD_REQUEST,
                        "CBC.99003100",
                        "The resource is in an order waiting for payment.",
                    );
                }
                Some((code, msg)) => {
                    failures.push(json!({"resource_id": id, "error_code": code, "error_msg": msg}))
                }
                None => renewable.push(id.to_ascii_lowercase()),
            }
        }
        let order_id = if renewable.is_empty() {
            None
        } else {
            let id = super::records::new_order_id(now);
            let mut record = OrderRecord::new(
                id.clone(),
                now,
                auto_pay,
                b.period_type,
                b.period_num,
                renewable.len() as u64,
            );
            record.order_type = order_type::RENEWAL;
            record.resource_ids = renewable;
            state.orders.push(record);
            if let Err(r) = state.save() {
                return r;
            }
            Some(id)
        };
        (order_id, failures, delay)
    };
    // The delay holds back the answer, never the work.
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    reply::json(
        StatusCode::OK,
        json!({"order_ids": order_id.into_iter().collect::<Vec<_>>(), "fail_resource_infos": failures}),
    )
}

// ---- auto-renew on/off, unsubscribe and refund orders (LIFECYCLE.md §1.5, §1.7) ----

/// The lifecycle routes: auto-renew on (POST) / off (DELETE) on `.../autorenew/{resource_id}`,
/// unsubscribe (POST) and the refund breakdown (GET).
fn lifecycle_route(method: &Method, path: &str) -> Option<BssRoute> {
    use crate::billing::lifecycle::{AUTORENEW_PATH, REFUND_ORDERS_PATH, UNSUBSCRIBE_PATH};
    if let Some(id) = path.strip_prefix(AUTORENEW_PATH) {
        if id.is_empty() || id.contains('/') {
            return None;
        }
        return match *method {
            Method::POST => Some(BssRoute::AutoRenew(true)),
            Method::DELETE => Some(BssRoute::AutoRenew(false)),
            _ => None,
        };
    }
    match path {
        UNSUBSCRIBE_PATH => (*method == Method::POST).then_some(BssRoute::Unsubscribe),
        REFUND_ORDERS_PATH => (*method == Method::GET).then_some(BssRoute::RefundOrders),
        _ => None,
    }
}

/// 400 `CBC.99003012`: no such resource (documented for auto-renew and unsubscribe).
fn no_such_resource(id: &str) -> Response {
    cbc(
        StatusCode::BAD_REQUEST,
        "CBC.99003012",
        &format!("The resource ID does not exist: {id}"),
    )
}

/// The lifecycle faults of the order that bought `ca_id`.
fn lifecycle_faults(
    state: &super::state::State,
    ca_id: &str,
) -> super::directives::LifecycleFaults {
    state
        .cas
        .iter()
        .find(|c| c.ca_id == ca_id)
        .and_then(|c| state.orders.iter().find(|o| o.order_id == c.order_id))
        .map(|o| o.faults.lifecycle.clone())
        .unwrap_or_default()
}

/// Reads the optional auto-renew body: `auto_renew_times` 0-99, `period_type` MONTH or YEAR.
fn auto_renew_body(body: &[u8]) -> Result<(), String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON ({e})"))?;
    let Value::Object(o) = v else {
        return Err("the body must be a JSON object".into());
    };
    if let Some(n) = o.get("auto_renew_times")
        && n.as_u64()
            .is_none_or(|n| n > u64::from(crate::billing::lifecycle::MAX_AUTO_RENEW_TIMES))
    {
        return Err("auto_renew_times must be a whole number from 0 to 99".into());
    }
    if let Some(p) = o.get("period_type")
        && !matches!(p.as_str(), Some("MONTH" | "YEAR"))
    {
        return Err("period_type must be MONTH or YEAR".into());
    }
    Ok(())
}

/// Holds an accepted lifecycle request's answer back (the work is done first, as a slow gateway in
/// front of a fast backend would leave it).
async fn held(delay: Option<std::time::Duration>) {
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
}

async fn auto_renew(
    app: &App,
    parts: &Parts,
    body: &[u8],
    request_id: &str,
    now: OffsetDateTime,
    on: bool,
) -> Response {
    let id = parts
        .uri
        .path()
        .trim_start_matches(crate::billing::lifecycle::AUTORENEW_PATH)
        .to_string();
    if on && let Err(e) = auto_renew_body(body) {
        return bad_parameter(&e);
    }
    let faults = {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return r,
        };
        let faults = lifecycle_faults(&state, &id);
        let Some(index) = state.cas.iter().position(|c| c.ca_id == id) else {
            return no_such_resource(&id);
        };
        if let Some(s) = faults.autorenew_status {
            return for_status(s, request_id);
        }
        let ca = &state.cas[index];
        // BSS lists only provisioned resources: an unpaid CA, or one unsubscribed, has none to set.
        let Some(sub) = super::subscriptions::of(ca, &state.orders, now, app.config.settle)
            .filter(|s| s.status != 3)
        else {
            return no_such_resource(&id);
        };
        if on && sub.status == 5 {
            return cbc(
                StatusCode::BAD_REQUEST,
                "CBC.99003602",
                "Expired or frozen resources cannot be set to auto-renew.",
            );
        }
        state.cas[index].auto_renew = on;
        if let Err(r) = state.save() {
            return r;
        }
        faults
    };
    held(faults.delay).await;
    if faults.autorenew_200 {
        return reply::json(
            StatusCode::OK,
            json!({"note": "sandbox:autorenew_200 — a 200 with a body, not the documented 204"}),
        );
    }
    axum::response::IntoResponse::into_response(StatusCode::NO_CONTENT)
}

/// `CS` + `yyMMddHHmm` + 5 of `A-Z0-9`, like every order id the sandbox makes.
fn unsubscribe_order_id(now: OffsetDateTime) -> String {
    let stamp = now
        .format(time::macros::format_description!(
            "[year repr:last_two][month][day][hour][minute]"
        ))
        .unwrap_or_default();
    format!("CS{stamp}{}", super::records::upper_alnum(5))
}

/// An amount in fen (hundredths), from its 2-place text.
fn cents(a: &Amount) -> i128 {
    a.fixed(2).replace('.', "").parse().unwrap_or(0)
}

/// A refund of `fen` hundredths, as BSS writes it: negative, 2 places.
fn refund_text(fen: i128) -> String {
    let fen = fen.max(0);
    if fen == 0 {
        return "0.00".into();
    }
    format!("-{}.{:02}", fen / 100, fen % 100)
}

/// One CA's share of an order's amount, in fen.
fn share(o: &OrderRecord) -> i128 {
    let (_, paid) = order_amounts(o);
    let n = i128::from(o.subscription_num.max(1));
    cents(&paid) / n
}

/// What unsubscribing `ca` refunds (ours, not BSS's rule, which is not documented): type 1 refunds
/// what was paid for the whole subscription (purchase and renewals still counted) in proportion to the
/// time left of it; type 2 refunds the renewals ended, in full (none of them has started).
fn refund_fen(
    ca: &super::records::CaRecord,
    orders: &[OrderRecord],
    ended: &[&OrderRecord],
    now: OffsetDateTime,
    settle: std::time::Duration,
    whole: bool,
) -> i128 {
    if !whole {
        return ended.iter().map(|o| share(o)).sum();
    }
    let Some(sub) = super::subscriptions::of(ca, orders, now, settle) else {
        return 0;
    };
    let mut paid: i128 = orders
        .iter()
        .find(|o| o.order_id == ca.order_id)
        .map_or(0, share);
    paid += orders
        .iter()
        .filter(|o| {
            o.order_type == super::orders::order_type::RENEWAL
                && o.resource_ids.contains(&ca.ca_id)
                && o.completed_at(now, settle).is_some()
                && !ca.cut_renewals.contains(&o.order_id)
        })
        .map(share)
        .sum::<i128>();
    let span = (sub.expire - sub.effective).whole_seconds();
    let left = (sub.expire - now).whole_seconds().clamp(0, span.max(0));
    if span <= 0 {
        return 0;
    }
    paid * i128::from(left) / i128::from(span)
}

/// Reads an unsubscribe body by the documented rules: (ids, type).
fn unsubscribe_body(
    body: &[u8],
) -> Result<(Vec<String>, crate::billing::lifecycle::Unsubscribe), String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON ({e})"))?;
    let ids: Option<Vec<String>> = v
        .get("resource_ids")
        .and_then(Value::as_array)
        .filter(|a| (1..=10).contains(&a.len()))
        .and_then(|a| a.iter().map(|i| i.as_str().map(str::to_string)).collect());
    let ids = ids.ok_or("resource_ids must hold 1 to 10 resource ids")?;
    let what = v
        .get("unsubscribe_type")
        .and_then(Value::as_u64)
        .and_then(crate::billing::lifecycle::Unsubscribe::from_code)
        .ok_or("unsubscribe_type is required: 1 or 2")?;
    if let Some(r) = v.get("unsubscribe_reason_type")
        && !r.as_u64().is_some_and(|r| (1..=5).contains(&r))
    {
        return Err("unsubscribe_reason_type must be 1 to 5".into());
    }
    if v.get("unsubscribe_reason").is_some_and(|r| !r.is_string()) {
        return Err("unsubscribe_reason must be a string".into());
    }
    Ok((ids, what))
}

async fn unsubscribe(app: &App, body: &[u8], request_id: &str, now: OffsetDateTime) -> Response {
    use crate::billing::lifecycle::Unsubscribe;
    let (ids, what) = match unsubscribe_body(body) {
        Ok(b) => b,
        Err(e) => return bad_parameter(&e),
    };
    let settle = app.config.settle;
    let (order_id, delay) = {
        let mut state = match app.state() {
            Ok(s) => s,
            Err(r) => return r,
        };
        let mut delay = None;
        // All or nothing: every id is checked before any changes.
        let mut plans = Vec::new();
        for id in &ids {
            let faults = lifecycle_faults(&state, id);
            let Some(index) = state.cas.iter().position(|c| &c.ca_id == id) else {
                return no_such_resource(id);
            };
            if let Some(s) = faults.unsubscribe_status {
                return for_status(s, request_id);
            }
            delay = delay.or(faults.delay);
            let ca = &state.cas[index];
            if ca.closed_ms.is_some() {
                return cbc(
                    StatusCode::BAD_REQUEST,
                    "CBC.30000067",
                    "The resource has been deleted or is not managed.",
                );
            }
            if super::subscriptions::of(ca, &state.orders, now, settle).is_none() {
                return cbc(
                    StatusCode::BAD_REQUEST,
                    "CBC.99003100",
                    "The resource is in an order that has not been paid.",
                );
            }
            let ended: Vec<String> = match what {
                Unsubscribe::Ca => Vec::new(),
                Unsubscribe::Renewals => {
                    let future =
                        super::subscriptions::renewals_not_started(ca, &state.orders, now, settle);
                    if future.is_empty() {
                        return cbc(
                            StatusCode::BAD_REQUEST,
                            "CBC.99003128",
                            "No renewal period is available for unsubscription.",
                        );
                    }
                    future.iter().map(|o| o.order_id.clone()).collect()
                }
            };
            let ended_orders: Vec<&OrderRecord> = state
                .orders
                .iter()
                .filter(|o| ended.contains(&o.order_id))
                .collect();
            let fen = refund_fen(
                ca,
                &state.orders,
                &ended_orders,
                now,
                settle,
                what == Unsubscribe::Ca,
            );
            plans.push((index, ended, fen));
        }
        let order_id = unsubscribe_order_id(now);
        let at = i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        for (index, ended, fen) in plans {
            let ca = &mut state.cas[index];
            match what {
                Unsubscribe::Ca => {
                    ca.closed_ms = Some(at);
                    ca.auto_renew = false;
                }
                Unsubscribe::Renewals => ca.cut_renewals.extend(ended),
            }
            ca.refunds.push(super::records::Refund {
                order_id: order_id.clone(),
                amount: refund_text(fen),
            });
        }
        if let Err(r) = state.save() {
            return r;
        }
        (order_id, delay)
    };
    held(delay).await;
    reply::json(
        StatusCode::OK,
        json!({"order_ids": [order_id], "fail_resource_infos": []}),
    )
}

fn refund_orders(app: &App, parts: &Parts, request_id: &str) -> Response {
    let pairs = super::query::query_pairs(parts);
    let Some(order_id) = pairs
        .iter()
        .find(|(k, _)| k == "order_id")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
    else {
        return bad_parameter("order_id is required");
    };
    let state = match app.state() {
        Ok(s) => s,
        Err(r) => return r,
    };
    let lines: Vec<(&super::records::CaRecord, &super::records::Refund)> = state
        .cas
        .iter()
        .flat_map(|c| c.refunds.iter().map(move |r| (c, r)))
        .filter(|(_, r)| r.order_id == order_id)
        .collect();
    let Some((first, _)) = lines.first() else {
        return unknown_order(&order_id);
    };
    if let Some(s) = lifecycle_faults(&state, &first.ca_id).refund_status {
        return for_status(s, request_id);
    }
    let infos: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, (c, r))| {
            let amount = Amount::parse(&r.amount).unwrap_or(Amount::ZERO);
            json!({"id": format!("{order_id}-{}", i + 1), "amount": raw(&amount), "measure_id": 1,
                "customer_id": app.config.domain_id, "resource_type_code": "hws.resource.type.pca.duration",
                "service_type_code": "hws.service.type.ccm", "region_code": "cn-north-4",
                "base_order_id": c.order_id})
        })
        .collect();
    reply::json(
        StatusCode::OK,
        json!({"total_count": infos.len(), "refund_infos": infos}),
    )
}

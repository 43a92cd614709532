//! Billing (BSS) without I/O: the price request for a CA order and its answer, order status numbers,
//! order details, the pay and cancel bodies, the order-resources answer, and which website (China or
//! international) an account belongs to. Every rule here comes from `BILLING.md`; the client in
//! `api::bss` sends what this builds and hands back what this parses.

pub mod amount;
pub mod lifecycle;
pub mod renew;
pub mod subscription;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use amount::Amount;

use crate::order::OrderRequest;
use crate::sanitize::{clean, cut};

/// Path of ListRateOnPeriodDetail (price before buying).
pub const PRICE_PATH: &str = "/v2/bills/ratings/period-resources/subscribe-rate";
/// Path prefix of ShowCustomerOrderDetails; the order id follows.
pub const ORDER_DETAILS_PATH: &str = "/v2/orders/customer-orders/details/";
/// Path of PayCustomerOrder (the v3 one; v2 is being retired).
pub const PAY_PATH: &str = "/v3/orders/customer-orders/pay";
/// Path of CancelCustomerOrder.
pub const CANCEL_PATH: &str = "/v2/orders/customer-orders/cancel";
/// Path of the order-resources query (the misspelling is the real path).
pub const RESOURCES_PATH: &str = "/v2/orders/suscriptions/resources/query";
/// Path the website probe calls on the China endpoint, as the Terraform provider does.
pub const WEBSITE_PROBE_PATH: &str = "/v2/products/service-types";
/// Path of IAM's project list (the price API needs a project id).
pub const IAM_PROJECTS_PATH: &str = "/v3/projects";
/// The China website's BSS endpoint.
pub const BSS_CHINA: &str = "https://bss.myhuaweicloud.com";
/// The international website's BSS endpoint.
pub const BSS_INTERNATIONAL: &str = "https://bss-intl.myhuaweicloud.com";

/// Which Huawei Cloud website an account belongs to; decides the BSS endpoint and the default currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Website {
    /// huaweicloud.com (CNY).
    China,
    /// huaweicloud.com/intl (USD).
    International,
}

impl Website {
    /// The BSS endpoint of this website.
    pub fn endpoint(self) -> &'static str {
        match self {
            Website::China => BSS_CHINA,
            Website::International => BSS_INTERNATIONAL,
        }
    }

    /// What an empty `currency` means on this website.
    pub fn default_currency(self) -> &'static str {
        match self {
            Website::China => "CNY",
            Website::International => "USD",
        }
    }

    /// The detection rule: a 403 with `CBC.0150` or `CBC.0156` from the China endpoint's probe means the
    /// customer belongs to the international website; any other answer means China.
    pub fn from_china_probe(status: u16, error_code: &str) -> Website {
        if status == 403 && matches!(error_code, "CBC.0150" | "CBC.0156") {
            Website::International
        } else {
            Website::China
        }
    }
}

/// The price request body for a CA order: one product, the order's period and count, in `region`.
pub fn price_body(project_id: &str, region: &str, order: &OrderRequest) -> Value {
    let product = order
        .product_infos
        .first()
        .cloned()
        .unwrap_or_else(crate::order::ProductInfo::ca);
    json!({
        "project_id": project_id,
        "product_infos": [{
            "id": "1",
            "cloud_service_type": product.cloud_service_type,
            "resource_type": product.resource_type,
            "resource_spec": product.resource_spec_code,
            "region": region,
            "period_type": order.period_type,
            "period_num": order.period_num,
            "subscription_num": order.subscription_num,
        }]
    })
}

/// The best discount the price API offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discount {
    /// What would be paid with it, were it applied (pca-order never applies it: [`Price::charged`]).
    pub amount: Amount,
    /// How much it takes off.
    pub discount_amount: Amount,
    /// Its name, cleaned for the screen (may be empty).
    pub name: String,
    /// BSS's `discount_type` number.
    pub discount_type: Option<i64>,
}

/// What an order will cost: the list price (what the order charges), the best discount offered if any,
/// the currency, and what it is for ("3 CAs × 2 years").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Price {
    /// The list (official website) price.
    pub list: Amount,
    /// The best discount offered (`best_offer` = 1, else the cheapest), if one applies: an offer only,
    /// never what the order charges (see [`Price::charged`]).
    pub discount: Option<Discount>,
    /// `CNY`, `USD`, ...
    pub currency: String,
    /// 1 yuan / dollar (the unit the amounts are in).
    pub measure_id: i64,
    /// "3 CAs × 2 years".
    pub what: String,
}

impl Price {
    /// What the order charges: the list price. The price query's discounts are *optional* ones
    /// (`optional_discount_rating_results`), applied only by a pay that asks for one (`use_discount:
    /// YES` with `discount_infos`, BILLING.md section 3); this tool orders and pays with `use_discount:
    /// NO`, and BSS's order details then say the list price (as a field test saw, and the sandbox
    /// answers). Ours: the API reference does not say what an auto-paid order applies. So the amount
    /// shown before buying is the one `status` reads and `pay` names, never the offer.
    pub fn charged(&self) -> Amount {
        self.list
    }
}

/// "3 CAs × 2 years", "1 CA × 1 month": what an order buys, for the price line.
pub fn describe_order(order: &OrderRequest) -> String {
    let cas = if order.subscription_num == 1 {
        "CA"
    } else {
        "CAs"
    };
    let unit = match (order.period_type, order.period_num) {
        (3, 1) => "year",
        (3, _) => "years",
        (_, 1) => "month",
        (_, _) => "months",
    };
    format!(
        "{} {cas} × {} {unit}",
        order.subscription_num, order.period_num
    )
}

#[derive(Deserialize)]
struct RawRating {
    official_website_amount: Amount,
    #[serde(default)]
    measure_id: Option<i64>,
}

#[derive(Deserialize)]
struct RawDiscount {
    amount: Amount,
    #[serde(default)]
    measure_id: Option<i64>,
    #[serde(default)]
    discount_amount: Option<Amount>,
    #[serde(default)]
    official_website_amount: Option<Amount>,
    #[serde(default)]
    discount_name: Option<String>,
    #[serde(default)]
    discount_type: Option<i64>,
    #[serde(default)]
    best_offer: Option<i64>,
}

#[derive(Deserialize)]
struct RawPrice {
    official_website_rating_result: RawRating,
    #[serde(default)]
    optional_discount_rating_results: Option<Vec<RawDiscount>>,
    #[serde(default)]
    currency: Option<String>,
}

/// The one documented `measure_id`: 1 = yuan (China) or dollar (international). BILLING.md documents no
/// other unit, so an amount in any other (BSS elsewhere names 2 jiao and 3 fen) is "could not be read"
/// rather than converted or shown as yuan (ours).
pub const MEASURE_MAIN_UNIT: i64 = 1;

/// Parses a 200 answer of the price API. `default_currency` is the website's, used when `currency` is
/// empty. Errors say which part is missing or malformed.
pub fn parse_price(body: &[u8], default_currency: &str, what: String) -> Result<Price, String> {
    let raw: RawPrice = serde_json::from_slice(body)
        .map_err(|e| format!("the price answer is not in the documented shape ({e})"))?;
    let list = raw.official_website_rating_result.official_website_amount;
    let discounts = raw.optional_discount_rating_results.unwrap_or_default();
    let units = std::iter::once(raw.official_website_rating_result.measure_id)
        .chain(discounts.iter().map(|d| d.measure_id));
    for unit in units.flatten() {
        if unit != MEASURE_MAIN_UNIT {
            return Err(format!(
                "the price is in unit measure_id {unit}, not the documented 1 (yuan or dollar): it could not be read"
            ));
        }
    }
    let amounts = std::iter::once(&list).chain(discounts.iter().flat_map(|d| {
        std::iter::once(&d.amount)
            .chain(d.discount_amount.as_ref())
            .chain(d.official_website_amount.as_ref())
    }));
    for a in amounts {
        if !a.is_money() {
            return Err(format!(
                "the price answer holds the amount {}, which is negative or absurd: it could not be read",
                crate::sanitize::cut(&a.to_string(), 24)
            ));
        }
    }
    let best = discounts
        .iter()
        .find(|d| d.best_offer == Some(1))
        .or_else(|| discounts.iter().min_by_key(|d| d.amount));
    let discount = best.map(|d| Discount {
        amount: d.amount,
        discount_amount: d
            .discount_amount
            .unwrap_or_else(|| d.official_website_amount.unwrap_or(list).minus(&d.amount)),
        name: cut(&clean(d.discount_name.as_deref().unwrap_or("")), 80),
        discount_type: d.discount_type,
    });
    let currency = raw
        .currency
        .map(|c| cut(&clean(c.trim()), 8))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| default_currency.to_string());
    Ok(Price {
        list,
        discount,
        currency,
        measure_id: MEASURE_MAIN_UNIT,
        what,
    })
}

/// How long following an order lasts at most, as the official tooling waits: 20 minutes.
pub const WAIT_LIMIT: std::time::Duration = std::time::Duration::from_secs(1200);

/// The poll schedule for following an order: `(first, every)` — the official tooling's (first read
/// after 5 s, then every 10 s), much shorter against a loopback endpoint (a sandbox settles in
/// seconds). One place, so `status --wait` and the wizard's tracking screen poll alike.
pub fn poll_intervals(loopback: bool) -> (std::time::Duration, std::time::Duration) {
    use std::time::Duration;
    if loopback {
        (Duration::from_millis(200), Duration::from_millis(500))
    } else {
        (Duration::from_secs(5), Duration::from_secs(10))
    }
}

/// BSS `order_info.status`, with its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// 1.
    PendingApproval,
    /// 2.
    PendingRefund,
    /// 3: paid, being provisioned.
    Processing,
    /// 4.
    Cancelled,
    /// 5: done.
    Completed,
    /// 6: waiting for payment.
    PendingPayment,
    /// 9.
    ToBeConfirmed,
    /// Any other number (10-13 are physical-goods states), kept as sent.
    Other(i64),
}

/// How a wait reads a status, as the Terraform provider does: keep waiting on 2, 3 and 6, succeed on 5,
/// fail at once on anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitVerdict {
    /// Poll again.
    KeepWaiting,
    /// Completed (5): the CAs exist, so the wait ends in success.
    Done,
    /// Ended otherwise (cancelled, pending approval, ...).
    Failed,
}

impl OrderStatus {
    /// From BSS's number.
    pub fn from_code(code: i64) -> OrderStatus {
        match code {
            1 => OrderStatus::PendingApproval,
            2 => OrderStatus::PendingRefund,
            3 => OrderStatus::Processing,
            4 => OrderStatus::Cancelled,
            5 => OrderStatus::Completed,
            6 => OrderStatus::PendingPayment,
            9 => OrderStatus::ToBeConfirmed,
            n => OrderStatus::Other(n),
        }
    }

    /// BSS's number.
    pub fn code(self) -> i64 {
        match self {
            OrderStatus::PendingApproval => 1,
            OrderStatus::PendingRefund => 2,
            OrderStatus::Processing => 3,
            OrderStatus::Cancelled => 4,
            OrderStatus::Completed => 5,
            OrderStatus::PendingPayment => 6,
            OrderStatus::ToBeConfirmed => 9,
            OrderStatus::Other(n) => n,
        }
    }

    /// The documented name, in English (what `status` prints and JSON carries as `status_name`).
    pub fn name(self) -> &'static str {
        match self {
            OrderStatus::PendingApproval => "pending approval",
            OrderStatus::PendingRefund => "pending refund",
            OrderStatus::Processing => "processing",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Completed => "completed",
            OrderStatus::PendingPayment => "pending payment",
            OrderStatus::ToBeConfirmed => "to be confirmed",
            OrderStatus::Other(10) => "to be shipped",
            OrderStatus::Other(11) => "to be received",
            OrderStatus::Other(12) => "awaiting pickup",
            OrderStatus::Other(13) => "replacement in progress",
            OrderStatus::Other(_) => "unknown status",
        }
    }

    /// What a wait does on this status.
    pub fn verdict(self) -> WaitVerdict {
        match self {
            OrderStatus::PendingRefund | OrderStatus::Processing | OrderStatus::PendingPayment => {
                WaitVerdict::KeepWaiting
            }
            OrderStatus::Completed => WaitVerdict::Done,
            _ => WaitVerdict::Failed,
        }
    }

    /// Only an order waiting for payment can be paid or cancelled.
    pub fn payable(self) -> bool {
        self == OrderStatus::PendingPayment
    }
}

/// What ShowCustomerOrderDetails says about an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDetails {
    /// `CS…`.
    pub order_id: String,
    /// Where it stands.
    pub status: OrderStatus,
    /// 1 new purchase, 2 renewal, ...
    pub order_type: Option<i64>,
    /// What is (or was) paid.
    pub amount_after_discount: Option<Amount>,
    /// The list price.
    pub official_amount: Option<Amount>,
    /// `CNY`, `USD` (may be empty).
    pub currency: String,
    /// When it was placed.
    pub create_time: Option<String>,
    /// When it was paid.
    pub payment_time: Option<String>,
    /// Until when it can be paid.
    pub pending_payment_end_time: Option<String>,
}

#[derive(Deserialize)]
struct RawOrderInfo {
    order_id: String,
    status: i64,
    #[serde(default)]
    order_type: Option<i64>,
    #[serde(default, deserialize_with = "readable_amount")]
    amount_after_discount: Option<Amount>,
    #[serde(default, deserialize_with = "readable_amount")]
    official_amount: Option<Amount>,
    #[serde(default)]
    measure_id: Option<Value>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    create_time: Option<String>,
    #[serde(default)]
    payment_time: Option<String>,
    #[serde(default)]
    pending_payment_end_time: Option<String>,
}

#[derive(Deserialize)]
struct RawDetails {
    order_info: RawOrderInfo,
}

/// An order's amount as money, or `None` ("could not be read"): absent, null, not a decimal, negative
/// or absurd. A bad amount never makes the order itself unreadable: its status still matters.
fn readable_amount<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    let raw: Option<Box<serde_json::value::RawValue>> = Deserialize::deserialize(d)?;
    Ok(raw
        .and_then(|r| serde_json::from_str::<Amount>(r.get()).ok())
        .filter(Amount::is_money))
}

/// Parses a 200 answer of ShowCustomerOrderDetails. An amount that could not be read (see
/// [`Amount::is_money`], and any `measure_id` but the documented 1) is `None`.
pub fn parse_order_details(body: &[u8]) -> Result<OrderDetails, String> {
    let raw: RawDetails = serde_json::from_slice(body)
        .map_err(|e| format!("the order details are not in the documented shape ({e})"))?;
    let mut o = raw.order_info;
    let main_unit = match &o.measure_id {
        None | Some(Value::Null) => true,
        Some(v) => v.as_i64() == Some(MEASURE_MAIN_UNIT),
    };
    if !main_unit {
        o.amount_after_discount = None;
        o.official_amount = None;
    }
    let text = |s: Option<String>| s.map(|s| cut(&clean(&s), 64)).filter(|s| !s.is_empty());
    Ok(OrderDetails {
        order_id: cut(&clean(&o.order_id), 64),
        status: OrderStatus::from_code(o.status),
        order_type: o.order_type,
        amount_after_discount: o.amount_after_discount,
        official_amount: o.official_amount,
        currency: text(o.currency).unwrap_or_default(),
        create_time: text(o.create_time),
        payment_time: text(o.payment_time),
        pending_payment_end_time: text(o.pending_payment_end_time),
    })
}

/// The PayCustomerOrder body: pay from the account without coupons or discounts (ours: the tool applies
/// none; the console can).
pub fn pay_body(order_id: &str) -> Value {
    json!({"order_id": order_id, "use_coupon": "NO", "use_discount": "NO"})
}

/// The CancelCustomerOrder body.
pub fn cancel_body(order_id: &str) -> Value {
    json!({"order_id": order_id})
}

/// How many of an order's resources one query asks for. BSS answers 10 when `limit` is absent, so an
/// order of more CAs listed only its first 10; Terraform pages with 100 (the documented maximum was not
/// captured), and so does pca-order.
pub const RESOURCES_PAGE: usize = 100;

/// The most pages of an order's resources read (ours): an order holds at most 100 CAs (pca-order's
/// quantity limit), so a server that keeps answering full pages is stopped well past any real order.
pub const RESOURCES_MAX_PAGES: usize = 20;

/// The order-resources query body: the order's main resources (the CAs), one page of
/// [`RESOURCES_PAGE`] from `offset`.
pub fn resources_body(order_id: &str, offset: usize) -> Value {
    json!({"order_id": order_id, "only_main_resource": 1, "offset": offset, "limit": RESOURCES_PAGE})
}

/// One resource (a CA) an order made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderResource {
    /// The CA id.
    pub resource_id: String,
    /// 2 in use, 3 closed, 4 frozen, 5 expired.
    pub status: Option<i64>,
    /// The region.
    pub region_code: String,
    /// When it became effective.
    pub effective_time: Option<String>,
    /// When it expires.
    pub expire_time: Option<String>,
}

/// The name of a resource status number.
pub fn resource_status_name(status: Option<i64>) -> &'static str {
    match status {
        Some(2) => "in use",
        Some(3) => "closed",
        Some(4) => "frozen",
        Some(5) => "expired",
        _ => "unknown",
    }
}

/// Parses a 200 answer of the order-resources query.
pub fn parse_resources(body: &[u8]) -> Result<Vec<OrderResource>, String> {
    #[derive(Deserialize)]
    struct Item {
        resource_id: String,
        #[serde(default)]
        status: Option<i64>,
        #[serde(default)]
        region_code: Option<String>,
        #[serde(default)]
        effective_time: Option<String>,
        #[serde(default)]
        expire_time: Option<String>,
    }
    #[derive(Deserialize)]
    struct Raw {
        #[serde(default)]
        data: Vec<Item>,
    }
    let raw: Raw = serde_json::from_slice(body)
        .map_err(|e| format!("the order resources are not in the documented shape ({e})"))?;
    Ok(raw
        .data
        .into_iter()
        .map(|i| OrderResource {
            resource_id: cut(&clean(&i.resource_id), 64),
            status: i.status,
            region_code: cut(&clean(i.region_code.as_deref().unwrap_or("")), 64),
            effective_time: i.effective_time.map(|t| cut(&clean(&t), 64)),
            expire_time: i.expire_time.map(|t| cut(&clean(&t), 64)),
        })
        .collect())
}

/// The project id for `region` from IAM's `GET /v3/projects?name=REGION` answer.
pub fn parse_project_id(body: &[u8], region: &str) -> Result<String, String> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| format!("IAM's project list is not JSON ({e})"))?;
    let projects = v.get("projects").and_then(Value::as_array);
    let id = projects
        .and_then(|ps| {
            ps.iter()
                .find(|p| p.get("name").and_then(Value::as_str) == Some(region))
                .or_else(|| ps.first())
        })
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default();
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("IAM lists no usable project for region {region}"));
    }
    Ok(id.to_string())
}

/// An order id as the user typed it: 1-64 letters, digits, `-` or `_` (it goes into a URL path).
pub fn check_order_id(text: &str) -> Result<String, String> {
    let id = text.trim();
    let (min, max) = crate::order::limits::ORDER_ID_CHARS;
    let n = id.chars().count();
    if n < min
        || n > max
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "ORDER_ID: \"{}\" must be {min}-{max} letters, digits, - or _ (like CS2611291200ABCDE)",
            cut(&clean(id), 70)
        ));
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{OrderDraft, PeriodUnit};

    fn order(unit: PeriodUnit, period: u64, n: u64) -> OrderRequest {
        OrderDraft {
            period_unit: unit,
            period_num: period,
            subscription_num: n,
            is_auto_renew: false,
            is_auto_pay: false,
            enterprise_project_id: "0".into(),
            promotion_info: String::new(),
        }
        .validate(None)
        .expect("valid")
    }

    #[test]
    fn the_price_body_carries_the_ccm_product_region_period_and_count() {
        let body = price_body("p1", "cn-north-4", &order(PeriodUnit::Year, 2, 3));
        assert_eq!(
            body,
            json!({"project_id": "p1", "product_infos": [{"id": "1",
                "cloud_service_type": "hws.service.type.ccm",
                "resource_type": "hws.resource.type.pca.duration", "resource_spec": "ca.duration",
                "region": "cn-north-4", "period_type": 3, "period_num": 2, "subscription_num": 3}]})
        );
        assert_eq!(
            describe_order(&order(PeriodUnit::Year, 2, 3)),
            "3 CAs × 2 years"
        );
        assert_eq!(
            describe_order(&order(PeriodUnit::Month, 1, 1)),
            "1 CA × 1 month"
        );
    }

    #[test]
    fn the_documented_price_answer_gives_list_best_offer_and_charges_the_list_price() {
        let body = br#"{"official_website_rating_result": {"official_website_amount": 32.2, "measure_id": 1,
           "product_rating_results": [{"id": "1", "product_id": "00301-233164-0--0", "official_website_amount": 32.2, "measure_id": 1}]},
         "optional_discount_rating_results": [
           {"discount_id": "a", "amount": 31.0, "official_website_amount": 32.2, "discount_amount": 1.2, "measure_id": 1, "discount_type": 605, "discount_name": "small", "best_offer": 0},
           {"discount_id": "b", "amount": 30.0, "official_website_amount": 32.2, "discount_amount": 2.2, "measure_id": 1, "discount_type": 605, "discount_name": "best", "best_offer": 1}],
         "currency": "CNY"}"#;
        let p = parse_price(body, "USD", "3 CAs × 2 years".into()).expect("parses");
        assert_eq!(p.list.to_string(), "32.2");
        let d = p.discount.clone().expect("a discount");
        assert_eq!(d.name, "best");
        assert_eq!(d.discount_amount.to_string(), "2.2");
        assert_eq!(d.amount, Amount::parse("30").expect("ok"));
        // The offer is optional: the order charges the list price (the pay sends use_discount NO).
        assert_eq!(p.charged(), Amount::parse("32.2").expect("ok"));
        assert_eq!(p.currency, "CNY");
        assert_eq!(p.measure_id, 1);
        let j = serde_json::to_value(&p).expect("json");
        assert_eq!(j["list"], "32.2");
        assert_eq!(j["discount"]["amount"], "30.0");
    }

    #[test]
    fn no_discount_means_the_list_price_and_an_empty_currency_is_the_sites_default() {
        let body = br#"{"official_website_rating_result": {"official_website_amount": "0.10"}, "currency": ""}"#;
        let p = parse_price(body, "USD", String::new()).expect("parses");
        assert_eq!(p.discount, None);
        assert_eq!(p.charged().to_string(), "0.10");
        assert_eq!(p.currency, "USD");
        assert!(
            parse_price(b"{}", "CNY", String::new())
                .unwrap_err()
                .contains("documented shape")
        );
    }

    #[test]
    fn a_price_in_another_unit_negative_or_absurd_could_not_be_read() {
        let price = |list: &str, measure: &str, discount: &str| {
            let body = format!(
                r#"{{"official_website_rating_result": {{"official_website_amount": {list}, "measure_id": {measure}}},
                 "optional_discount_rating_results": [{discount}], "currency": "CNY"}}"#
            );
            parse_price(body.as_bytes(), "CNY", String::new())
        };
        assert!(price("1200", "1", "").is_ok());
        let fen = price("120000", "3", "").expect_err("fen is not yuan");
        assert!(fen.contains("measure_id 3"), "{fen}");
        let d = r#"{"amount": 1080, "measure_id": 3, "best_offer": 1}"#;
        assert!(price("1200", "1", d).is_err(), "a discount in fen");
        assert!(price("-1200.50", "1", "").is_err(), "negative");
        assert!(
            price("\"-1200.50\"", "1", "").is_err(),
            "negative as a string"
        );
        let d = r#"{"amount": -1, "best_offer": 1}"#;
        assert!(price("1200", "1", d).is_err(), "a negative best offer");
        let huge = "99999999999999999999999999999999999999";
        assert!(price(huge, "1", "").is_err(), "38 digits");
        let started = std::time::Instant::now();
        assert!(price("\"0e-2147483648\"", "1", "").is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn order_amounts_that_cannot_be_read_are_none_and_the_order_still_reads() {
        let details = |fields: &str| {
            let body = format!(
                r#"{{"order_info": {{"order_id": "CS2611291200ABCDE", "status": 6, {fields}}}}}"#
            );
            parse_order_details(body.as_bytes()).expect("the order reads")
        };
        let d = details(
            r#""amount_after_discount": 1200.5, "official_amount": 1200.5, "measure_id": 1"#,
        );
        assert_eq!(
            d.amount_after_discount.map(|a| a.to_string()).as_deref(),
            Some("1200.5")
        );
        for bad in [
            r#""amount_after_discount": -1200.50, "official_amount": -1200.50"#,
            r#""amount_after_discount": "-1200.50", "official_amount": "-1""#,
            r#""amount_after_discount": 99999999999999999999999999999999999999, "official_amount": 1e40"#,
            r#""amount_after_discount": "0e-2147483648", "official_amount": "abc""#,
            r#""amount_after_discount": 120050, "official_amount": 120050, "measure_id": 3"#,
            r#""amount_after_discount": 1200, "official_amount": 1200, "measure_id": "1""#,
        ] {
            let d = details(bad);
            assert_eq!(d.amount_after_discount, None, "{bad}");
            assert_eq!(d.official_amount, None, "{bad}");
            assert_eq!(d.status, OrderStatus::PendingPayment, "{bad}");
        }
    }

    #[test]
    fn status_numbers_have_names_and_wait_verdicts() {
        let cases = [
            (1, "pending approval", WaitVerdict::Failed),
            (2, "pending refund", WaitVerdict::KeepWaiting),
            (3, "processing", WaitVerdict::KeepWaiting),
            (4, "cancelled", WaitVerdict::Failed),
            (5, "completed", WaitVerdict::Done),
            (6, "pending payment", WaitVerdict::KeepWaiting),
            (9, "to be confirmed", WaitVerdict::Failed),
            (12, "awaiting pickup", WaitVerdict::Failed),
            (77, "unknown status", WaitVerdict::Failed),
        ];
        for (code, name, verdict) in cases {
            let s = OrderStatus::from_code(code);
            assert_eq!((s.code(), s.name(), s.verdict()), (code, name, verdict));
        }
        assert!(OrderStatus::PendingPayment.payable());
        assert!(!OrderStatus::Completed.payable());
    }

    #[test]
    fn order_details_parse_with_exact_amounts() {
        let body = br#"{"total_count": 1, "order_info": {"order_id": "CS2611291200ABCDE", "customer_id": "x",
            "service_type_code": "hws.service.type.ccm", "status": 6, "order_type": 1,
            "amount_after_discount": 1.1, "official_amount": 1.10, "currency": "CNY",
            "create_time": "2026-11-29T12:00:00Z", "payment_time": null}, "order_line_items": []}"#;
        let d = parse_order_details(body).expect("parses");
        assert_eq!(d.order_id, "CS2611291200ABCDE");
        assert_eq!(d.status, OrderStatus::PendingPayment);
        assert_eq!(
            d.amount_after_discount.map(|a| a.to_string()).as_deref(),
            Some("1.1")
        );
        assert_eq!(d.payment_time, None);
        assert_eq!(d.create_time.as_deref(), Some("2026-11-29T12:00:00Z"));
        assert!(parse_order_details(br#"{"order_info": {}}"#).is_err());
    }

    #[test]
    fn pay_cancel_and_resources_bodies_are_the_documented_ones() {
        assert_eq!(
            pay_body("CS1"),
            json!({"order_id": "CS1", "use_coupon": "NO", "use_discount": "NO"})
        );
        assert_eq!(cancel_body("CS1"), json!({"order_id": "CS1"}));
        assert_eq!(
            resources_body("CS1", 0),
            json!({"order_id": "CS1", "only_main_resource": 1, "offset": 0, "limit": 100})
        );
        assert_eq!(resources_body("CS1", 200)["offset"], 200);
    }

    #[test]
    fn resources_parse_with_status_names() {
        let body = br#"{"total_count": 1, "data": [{"id": "x", "resource_id": "ca-1", "region_code": "cn-north-4",
            "status": 2, "effective_time": "t1", "expire_time": "t2", "is_main_resource": 1}]}"#;
        let r = parse_resources(body).expect("parses");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].resource_id, "ca-1");
        assert_eq!(resource_status_name(r[0].status), "in use");
        assert_eq!(resource_status_name(Some(5)), "expired");
        assert_eq!(
            parse_resources(br#"{"total_count": 0}"#).expect("empty"),
            vec![]
        );
    }

    #[test]
    fn cbc_0150_and_0156_on_the_china_endpoint_mean_international() {
        assert_eq!(
            Website::from_china_probe(403, "CBC.0150"),
            Website::International
        );
        assert_eq!(
            Website::from_china_probe(403, "CBC.0156"),
            Website::International
        );
        assert_eq!(Website::from_china_probe(403, "CBC.0151"), Website::China);
        assert_eq!(Website::from_china_probe(200, ""), Website::China);
        assert_eq!(Website::from_china_probe(400, "CBC.0150"), Website::China);
        assert_eq!(
            Website::International.endpoint(),
            "https://bss-intl.myhuaweicloud.com"
        );
        assert_eq!(Website::China.default_currency(), "CNY");
    }

    #[test]
    fn project_ids_and_order_ids_are_checked() {
        let body = br#"{"projects": [{"id": "abc123", "name": "cn-north-4", "enabled": true}], "links": {}}"#;
        assert_eq!(parse_project_id(body, "cn-north-4").expect("id"), "abc123");
        assert!(parse_project_id(br#"{"projects": []}"#, "cn-north-4").is_err());
        assert_eq!(
            check_order_id(" CS2611291200ABCDE ").expect("ok"),
            "CS2611291200ABCDE"
        );
        assert!(check_order_id("../etc").unwrap_err().contains("ORDER_ID"));
        assert!(check_order_id("").is_err());
    }
}

//! Billing against the sandbox, as pca-order's own BSS client and a plain HTTP client see it: price from
//! the pretend list, IAM projects, order details, pay (204), cancel, resources, and every billing fault
//! directive. Real HTTP on 127.0.0.1.

mod common;

use std::time::Duration;

use pca_order::api::bss::BssClient;
use pca_order::api::{CallError, CcmClient, Credentials, Outcome};
use pca_order::billing::{Amount, OrderStatus};
use pca_order::journal::{ActionKind, Event, Journal};
use pca_order::order::{OrderDraft, OrderRequest, PeriodUnit};
use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use serde_json::{Value, json};

async fn start(settle: Duration) -> RunningSandbox {
    let config = SandboxConfig {
        settle,
        ..SandboxConfig::default()
    };
    sandbox::start(config, ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts")
}

fn request(unit: PeriodUnit, period: u64, n: u64, auto_pay: bool, promotion: &str) -> OrderRequest {
    OrderDraft {
        period_unit: unit,
        period_num: period,
        subscription_num: n,
        is_auto_renew: false,
        is_auto_pay: auto_pay,
        enterprise_project_id: "0".into(),
        promotion_info: promotion.into(),
    }
    .validate(None)
    .expect("valid order")
}

/// An AK/SK-signed CCM client and a BSS client on the sandbox, with a journal in `dir`.
fn clients(sb: &RunningSandbox, dir: &std::path::Path) -> (CcmClient, BssClient, Journal) {
    let sc = &sb.config;
    let creds = Credentials::ak_sk(
        sc.ak.clone(),
        sc.sk.clone(),
        None,
        Some(sc.domain_id.clone()),
    );
    let journal_path = dir.join("orders.jsonl");
    let cfg = common::config_at(
        &sb.base_url(),
        journal_path.clone(),
        creds,
        Duration::from_secs(10),
        true,
    );
    let ccm = CcmClient::new(&cfg).expect("client");
    let url = pca_order::config::parse_endpoint("test", &sb.base_url()).expect("url");
    let bss = BssClient::new(ccm.clone(), Some(url));
    (ccm, bss, Journal::new(journal_path))
}

async fn place(ccm: &CcmClient, journal: &Journal, req: &OrderRequest) -> String {
    match ccm.create_ca_order(req, journal).await.outcome {
        Outcome::Done(c) => c.order_id,
        other => panic!("order not created: {other:?}"),
    }
}

/// Polls (no timing assertion) until the order reads `want`.
async fn until_status(bss: &BssClient, id: &str, want: OrderStatus) {
    for _ in 0..200 {
        if bss.order_details(id).await.expect("details").status == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("order {id} never reached {want:?}");
}

#[tokio::test]
async fn the_price_of_3_cas_for_2_years_comes_from_the_pretend_list_with_its_best_discount() {
    let sb = start(Duration::from_millis(100)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (_, bss, _) = clients(&sb, dir.path());
    let p = bss
        .price(&request(PeriodUnit::Year, 2, 3, false, ""))
        .await
        .expect("a price");
    assert_eq!(p.what, "3 CAs × 2 years");
    assert_eq!(p.list, Amount::parse("72000").expect("ok"));
    assert_eq!(p.charged(), p.list);
    assert_eq!(p.currency, "CNY");
    let d = p.discount.expect("the yearly discount");
    assert_eq!(d.amount, Amount::parse("64800").expect("ok"));
    assert_eq!(d.discount_amount, Amount::parse("7200").expect("ok"));
    assert!(d.name.contains("pretend"), "{}", d.name);
    // Monthly: no discount.
    let m = bss
        .price(&request(PeriodUnit::Month, 1, 1, false, ""))
        .await
        .expect("a price");
    assert_eq!(m.discount, None);
    assert_eq!(m.charged(), Amount::parse("1200").expect("ok"));
    sb.shutdown().await;
}

#[tokio::test]
async fn an_unknown_region_or_product_is_cbc_99006006_in_the_documented_shape() {
    let sb = start(Duration::from_millis(100)).await;
    let http = reqwest::Client::new();
    let body = json!({"project_id": "p1", "product_infos": [{"id": "1",
        "cloud_service_type": "hws.service.type.ccm", "resource_type": "hws.resource.type.pca.duration",
        "resource_spec": "ca.duration", "region": "sa-brazil-1", "period_type": 2, "period_num": 1,
        "subscription_num": 1}]});
    let resp = http
        .post(format!(
            "{}/v2/bills/ratings/period-resources/subscribe-rate",
            sb.base_url()
        ))
        .header("X-Auth-Token", &sb.config.token)
        .json(&body)
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), 400);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(v["error_code"], "CBC.99006006");
    assert!(v["error_msg"].as_str().unwrap_or("").contains("pretend"));
    // No project id: CBC.0100.
    let resp = http
        .post(format!(
            "{}/v2/bills/ratings/period-resources/subscribe-rate",
            sb.base_url()
        ))
        .header("X-Auth-Token", &sb.config.token)
        .json(&json!({"product_infos": []}))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), 400);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(v["error_code"], "CBC.0100");
    sb.shutdown().await;
}

#[tokio::test]
async fn iam_lists_the_project_of_the_named_region_and_the_client_looks_it_up_once() {
    let sb = start(Duration::from_millis(100)).await;
    let http = reqwest::Client::new();
    let v: Value = http
        .get(format!("{}/v3/projects?name=cn-north-4", sb.base_url()))
        .header("X-Auth-Token", &sb.config.token)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(v["projects"][0]["name"], "cn-north-4");
    let id = v["projects"][0]["id"].as_str().expect("id").to_string();
    assert_eq!(id.len(), 32);
    let dir = tempfile::tempdir().expect("tmp");
    let (_, bss, _) = clients(&sb, dir.path());
    assert_eq!(bss.project_id().await.expect("id"), id);
    sb.shutdown().await;
}

#[tokio::test]
async fn an_unpaid_order_is_paid_then_processing_then_completed_with_its_cas_as_resources() {
    let sb = start(Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb, dir.path());
    let id = place(&ccm, &journal, &request(PeriodUnit::Month, 1, 2, false, "")).await;
    let d = bss.order_details(&id).await.expect("details");
    assert_eq!(d.status, OrderStatus::PendingPayment);
    assert_eq!(
        d.amount_after_discount,
        Some(Amount::parse("2400").expect("ok"))
    );
    assert!(d.pending_payment_end_time.is_some());
    assert!(
        bss.order_resources(&id)
            .await
            .expect("resources")
            .is_empty()
    );

    let acted = bss.pay(&id, &journal).await;
    assert_eq!(acted.outcome, Outcome::Done(()));
    assert_eq!(acted.journal_warning, None);
    let d = bss.order_details(&id).await.expect("details");
    assert!(matches!(
        d.status,
        OrderStatus::Processing | OrderStatus::Completed
    ));
    assert!(d.payment_time.is_some());
    until_status(&bss, &id, OrderStatus::Completed).await;
    let r = bss.order_resources(&id).await.expect("resources");
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|x| x.status == Some(2)));

    // Paying or cancelling a completed order is refused with BSS's error shape; nothing changes.
    match bss.pay(&id, &journal).await.outcome {
        Outcome::Rejected(e) => {
            assert_eq!((e.status, e.code.as_str()), (400, "CBC.0100"));
            assert!(e.message.contains("status 5"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        bss.cancel(&id, &journal).await.outcome,
        Outcome::Rejected(_)
    ));

    // The journal holds the order, then each pay/cancel with its own outcome line.
    let h = journal.read().expect("journal");
    let actions: Vec<(ActionKind, String)> = h
        .attempts
        .iter()
        .filter_map(|a| {
            a.action.as_ref().map(|x| {
                (
                    x.kind,
                    a.outcome
                        .as_ref()
                        .map(Event::state)
                        .unwrap_or("none")
                        .to_string(),
                )
            })
        })
        .collect();
    assert_eq!(
        actions,
        vec![
            (ActionKind::Pay, "done".to_string()),
            (ActionKind::Pay, "rejected".to_string()),
            (ActionKind::Cancel, "rejected".to_string()),
        ]
    );
    assert!(h.attempts.iter().all(|a| {
        a.action
            .as_ref()
            .is_none_or(|x| x.order_id == id && x.sandbox)
    }));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_cancelled_order_stays_cancelled_and_cannot_be_paid() {
    let sb = start(Duration::from_millis(100)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb, dir.path());
    let id = place(&ccm, &journal, &request(PeriodUnit::Year, 1, 1, false, "")).await;
    assert_eq!(bss.cancel(&id, &journal).await.outcome, Outcome::Done(()));
    assert_eq!(
        bss.order_details(&id).await.expect("details").status,
        OrderStatus::Cancelled
    );
    match bss.pay(&id, &journal).await.outcome {
        Outcome::Rejected(e) => assert!(e.message.contains("cancelled"), "{}", e.message),
        other => panic!("{other:?}"),
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn an_auto_paid_order_settles_without_payment() {
    let sb = start(Duration::from_millis(200)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb, dir.path());
    let id = place(&ccm, &journal, &request(PeriodUnit::Month, 1, 1, true, "")).await;
    until_status(&bss, &id, OrderStatus::Completed).await;
    sb.shutdown().await;
}

#[tokio::test]
async fn pay_faults_give_unknown_for_5xx_and_lost_answers_and_rejected_for_4xx() {
    let sb = start(Duration::from_secs(60)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb, dir.path());

    // 503: unknown (a 5xx may have acted), and the sandbox did not take the payment.
    let id = place(
        &ccm,
        &journal,
        &request(PeriodUnit::Month, 1, 1, false, "sandbox:pay_status=503"),
    )
    .await;
    match bss.pay(&id, &journal).await.outcome {
        Outcome::Unknown(r) => assert!(r.to_string().contains("503"), "{r}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        bss.order_details(&id).await.expect("details").status,
        OrderStatus::PendingPayment
    );

    // pay_drop: paid, but the answer is lost: unknown; the order really is paid.
    let id = place(
        &ccm,
        &journal,
        &request(PeriodUnit::Month, 1, 1, false, "sandbox:pay_drop"),
    )
    .await;
    assert!(matches!(
        bss.pay(&id, &journal).await.outcome,
        Outcome::Unknown(_)
    ));
    assert_eq!(
        bss.order_details(&id).await.expect("details").status,
        OrderStatus::Processing
    );

    // 403: refused.
    let id = place(
        &ccm,
        &journal,
        &request(PeriodUnit::Month, 1, 1, false, "sandbox:pay_status=403"),
    )
    .await;
    match bss.pay(&id, &journal).await.outcome {
        Outcome::Rejected(e) => assert_eq!(e.code, "CBC.0151"),
        other => panic!("{other:?}"),
    }

    // cancel_status and details_status.
    let id = place(
        &ccm,
        &journal,
        &request(
            PeriodUnit::Month,
            1,
            1,
            false,
            "sandbox:cancel_status=409 sandbox:details_status=500",
        ),
    )
    .await;
    assert!(matches!(
        bss.cancel(&id, &journal).await.outcome,
        Outcome::Rejected(_)
    ));
    match bss.order_details(&id).await {
        Err(CallError::Api(e)) => assert_eq!((e.status, e.code.as_str()), (500, "CBC.0999")),
        other => panic!("{other:?}"),
    }
    // Every pay attempt was journaled before it left: each has its outcome line.
    let h = journal.read().expect("journal");
    let states: Vec<&str> = h
        .attempts
        .iter()
        .filter(|a| a.action.is_some())
        .map(|a| a.outcome.as_ref().map(Event::state).unwrap_or("none"))
        .collect();
    assert_eq!(states, vec!["unknown", "unknown", "rejected", "rejected"]);
    sb.shutdown().await;
}

#[tokio::test]
async fn pay_to_a_closed_port_is_not_sent_and_journaled() {
    // A port that was just free: nothing listens there.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let base = format!("http://{addr}");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("orders.jsonl");
    let cfg = common::config_at(
        &base,
        path.clone(),
        Credentials::token("t"),
        Duration::from_secs(5),
        false,
    );
    let ccm = CcmClient::new(&cfg).expect("client");
    let bss = BssClient::new(
        ccm,
        Some(pca_order::config::parse_endpoint("t", &base).expect("url")),
    );
    let journal = Journal::new(path);
    let acted = bss.pay("CS2611291200ABCDE", &journal).await;
    assert!(matches!(acted.outcome, Outcome::NotSent(_)), "{acted:?}");
    assert_eq!(acted.outcome.exit_code(), 5);
    let h = journal.read().expect("journal");
    assert_eq!(h.attempts.len(), 1);
    assert_eq!(
        h.attempts[0].action.as_ref().map(|a| a.kind),
        Some(ActionKind::Pay)
    );
    assert_eq!(
        h.attempts[0].outcome.as_ref().map(Event::state),
        Some("not_sent")
    );
}

#[tokio::test]
async fn pay_answers_204_with_no_body_and_checks_its_required_fields() {
    let sb = start(Duration::from_millis(100)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, _, journal) = clients(&sb, dir.path());
    let id = place(&ccm, &journal, &request(PeriodUnit::Month, 1, 1, false, "")).await;
    let http = reqwest::Client::new();
    let pay = |body: Value| {
        http.post(format!("{}/v3/orders/customer-orders/pay", sb.base_url()))
            .header("X-Auth-Token", &sb.config.token)
            .json(&body)
            .send()
    };
    let resp = pay(json!({"order_id": id})).await.expect("answer");
    assert_eq!(resp.status(), 400);
    let resp = pay(json!({"order_id": id, "use_coupon": "NO", "use_discount": "NO"}))
        .await
        .expect("answer");
    assert_eq!(resp.status(), 204);
    assert!(resp.bytes().await.expect("body").is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn an_order_priced_with_an_offer_costs_its_list_price_as_a_pay_without_discount_charges() {
    // The quote's best offer (10800) is optional; the pay (use_discount NO) charges the order's own amount,
    // which is what the pay question in the wizard and the CLI names.
    let sb = start(Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb, dir.path());
    let req = request(PeriodUnit::Year, 1, 1, false, "");
    let p = bss.price(&req).await.expect("a price");
    let offer = p.discount.as_ref().map(|d| d.amount);
    assert_eq!(offer, Some(Amount::parse("10800").expect("ok")));
    let id = place(&ccm, &journal, &req).await;
    let d = bss.order_details(&id).await.expect("details");
    assert_eq!(d.status, OrderStatus::PendingPayment);
    assert_eq!(d.official_amount, Some(p.list));
    assert_eq!(d.amount_after_discount, Some(p.list));
    // What the price says the order charges is what the order says.
    assert_eq!(d.amount_after_discount, Some(p.charged()));
    sb.shutdown().await;
}

#[test]
fn real_or_pretend_is_decided_by_billing_s_own_endpoint_never_by_ccm_s() {
    let url = |u: &str| pca_order::config::parse_endpoint("test", u).expect("url");
    let dir = tempfile::tempdir().expect("tmp");
    for (ccm_url, ccm_sandbox) in [("http://127.0.0.1:9", true), ("https://127.0.0.1:9", false)] {
        let cfg = common::config_at(
            ccm_url,
            dir.path().join("j.jsonl"),
            Credentials::token("t"),
            Duration::from_secs(1),
            ccm_sandbox,
        );
        let ccm = CcmClient::new(&cfg).expect("client");
        let bss = |endpoint: Option<&str>| BssClient::new(ccm.clone(), endpoint.map(url));
        assert!(!bss(Some("https://127.0.0.1:8")).is_pretend(), "{ccm_url}");
        assert!(bss(Some("http://127.0.0.1:8")).is_pretend(), "{ccm_url}");
        // The detected website is always a real one.
        assert!(!bss(None).is_pretend(), "{ccm_url}");
    }
    assert!(pca_order::config::is_pretend_endpoint(&url(
        "http://[::1]:8"
    )));
    assert!(!pca_order::config::is_pretend_endpoint(&url(
        "https://127.0.0.1:8"
    )));
}

#[test]
fn without_an_override_billing_goes_where_config_resolved_its_endpoint() {
    // `Endpoints::bss` is config's answer (a flag, a loopback CCM's address, or None to detect): a BSS
    // client given no endpoint of its own follows it.
    let dir = tempfile::tempdir().expect("tmp");
    let mut cfg = common::config_at(
        "https://127.0.0.1:9",
        dir.path().join("j.jsonl"),
        Credentials::token("t"),
        Duration::from_secs(1),
        false,
    );
    let ccm = CcmClient::new(&cfg).expect("client");
    assert!(!BssClient::new(ccm, None).is_pretend());
    cfg.endpoints.bss =
        Some(pca_order::config::parse_endpoint("test", "http://127.0.0.1:8").expect("url"));
    let ccm = CcmClient::new(&cfg).expect("client");
    let bss = BssClient::new(ccm, None);
    assert!(bss.is_pretend() && bss.is_loopback());
}

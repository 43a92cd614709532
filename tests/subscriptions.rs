//! A CA's subscription (BSS resources query, LIFECYCLE.md §1.2): the sandbox's route with its documented
//! rules, pca-order's client against it, and the client against a lying server (one query per 50 ids,
//! bounded paging). Real HTTP on 127.0.0.1.

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use pca_order::api::bss::BssClient;
use pca_order::api::{CcmClient, Credentials, Outcome};
use pca_order::billing::subscription::{self, Remaining, ResourceStatus};
use pca_order::journal::Journal;
use pca_order::order::{OrderDraft, OrderRequest, PeriodUnit};
use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};
use serde_json::{Value, json};

async fn start() -> RunningSandbox {
    let config = SandboxConfig {
        settle: Duration::from_millis(100),
        ..SandboxConfig::default()
    };
    sandbox::start(config, ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts")
}

fn request(unit: PeriodUnit, n: u64, auto_renew: bool, promotion: &str) -> OrderRequest {
    OrderDraft {
        period_unit: unit,
        period_num: 1,
        subscription_num: n,
        is_auto_renew: auto_renew,
        is_auto_pay: true,
        enterprise_project_id: "0".into(),
        promotion_info: promotion.into(),
    }
    .validate(None)
    .expect("valid order")
}

fn clients(url: &str, dir: &std::path::Path) -> (CcmClient, BssClient, Journal) {
    let sc = SandboxConfig::default();
    let creds = Credentials::ak_sk(sc.ak, sc.sk, None, Some(sc.domain_id));
    let journal_path = dir.join("orders.jsonl");
    let cfg = common::config_at(
        url,
        journal_path.clone(),
        creds,
        Duration::from_secs(10),
        true,
    );
    let ccm = CcmClient::new(&cfg).expect("client");
    let endpoint = pca_order::config::parse_endpoint("test", url).expect("url");
    let bss = BssClient::new(ccm.clone(), Some(endpoint));
    (ccm, bss, Journal::new(journal_path))
}

async fn buy(ccm: &CcmClient, journal: &Journal, req: &OrderRequest) -> Vec<String> {
    match ccm.create_ca_order(req, journal).await.outcome {
        Outcome::Done(c) => c.ca_ids,
        other => panic!("order not created: {other:?}"),
    }
}

async fn query(sb: &RunningSandbox, body: Value) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .post(format!(
            "{}{}",
            sb.base_url(),
            subscription::SUBSCRIPTIONS_PATH
        ))
        .header("X-Auth-Token", &sb.config.token)
        .json(&body)
        .send()
        .await
        .expect("answer");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json"))
}

#[tokio::test]
async fn bought_cas_have_subscriptions_with_their_period_auto_renew_and_the_expiry_directive() {
    let sb = start().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients(&sb.base_url(), dir.path());
    let monthly = buy(&ccm, &journal, &request(PeriodUnit::Month, 1, false, "")).await;
    let yearly = buy(&ccm, &journal, &request(PeriodUnit::Year, 1, true, "")).await;
    let soon = buy(
        &ccm,
        &journal,
        &request(PeriodUnit::Year, 1, false, "sandbox:expires_in_days=5"),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ids: Vec<String> = [&monthly[..], &yearly[..], &soon[..]].concat();
    let mut subs = bss.subscriptions(&ids).await.expect("read");
    assert_eq!(subs.len(), 3);
    subs.sort_by_key(|s| ids.iter().position(|i| i == &s.resource_id));
    let now = time::OffsetDateTime::now_utc();
    for s in &subs {
        assert_eq!(s.status, ResourceStatus::InUse);
        assert_eq!(s.is_main_resource, Some(1));
    }
    let effective = subs[0].effective_time.expect("effective");
    assert_eq!(
        subs[0].expire_time,
        subscription::add_period(effective, subscription::Unit::Month, 1)
    );
    assert!(!subs[0].auto_renew());
    assert_eq!(subs[0].expire_policy, Some(0));
    assert!(subs[1].auto_renew());
    assert_eq!(
        subs[1].expire_time,
        subscription::add_period(
            subs[1].effective_time.expect("effective"),
            subscription::Unit::Year,
            1
        )
    );
    let left = subscription::days_left(now, subs[2].expire_time.expect("expire"));
    assert_eq!(left, Remaining::Left { days: 4 });
    // No ids, no request and nothing listed (an empty list would mean "every resource").
    assert!(bss.subscriptions(&[]).await.expect("read").is_empty());
}

#[tokio::test]
async fn the_sandbox_route_keeps_the_documented_body_rules_filters_and_paging() {
    let sb = start().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, _bss, journal) = clients(&sb.base_url(), dir.path());
    let three = buy(&ccm, &journal, &request(PeriodUnit::Month, 3, false, "")).await;
    let soon = buy(
        &ccm,
        &journal,
        &request(PeriodUnit::Month, 1, false, "sandbox:expires_in_days=-1"),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let fifty_one: Vec<String> = (0..51).map(|i| format!("id-{i}")).collect();
    let (status, v) = query(&sb, json!({"resource_ids": fifty_one})).await;
    assert_eq!(status, 400);
    assert_eq!(v["error_code"], "CBC.0100");
    assert!(v["error_msg"].as_str().unwrap_or("").contains("51"), "{v}");
    for bad in [
        json!({"resource_ids": null}),
        json!({"resource_ids": [1]}),
        json!({"service_type_code": ""}),
        json!({"expire_time_begin": "soon"}),
        json!({"status_list": [9]}),
        json!({"limit": 0}),
        json!({"offset": -1}),
        json!({"only_main_resource": 2}),
    ] {
        let (status, v) = query(&sb, bad.clone()).await;
        assert_eq!(
            (status, v["error_code"].as_str()),
            (400, Some("CBC.0100")),
            "{bad}"
        );
    }

    let (status, v) = query(&sb, json!({"resource_ids": [], "limit": 2})).await;
    assert_eq!(status, 200);
    assert_eq!(v["total_count"], 4, "an empty list is no filter: {v}");
    assert_eq!(v["data"].as_array().map(Vec::len), Some(2));
    let (_, v) = query(&sb, json!({"offset": 3, "limit": 2})).await;
    assert_eq!(v["data"].as_array().map(Vec::len), Some(1));

    let (_, v) = query(&sb, json!({"resource_ids": [three[1]]})).await;
    assert_eq!(v["total_count"], 1);
    assert_eq!(v["data"][0]["resource_id"], three[1].as_str());
    let (_, v) = query(&sb, json!({"status_list": [5]})).await;
    assert_eq!(v["total_count"], 1, "the CA that expired yesterday: {v}");
    assert_eq!(v["data"][0]["resource_id"], soon[0].as_str());
    let now = time::OffsetDateTime::now_utc();
    let (_, v) = query(
        &sb,
        json!({"expire_time_begin": subscription::bss_time(now),
               "expire_time_end": subscription::bss_time(now + time::Duration::days(40))}),
    )
    .await;
    assert_eq!(
        v["total_count"], 3,
        "the monthly ones end within 40 days: {v}"
    );
}

#[tokio::test]
async fn the_client_sends_one_query_per_50_ids_and_stops_on_a_server_that_pages_forever() {
    let dir = tempfile::tempdir().expect("tmp");
    // Every query answers the same page and claims far more.
    let (url, count) = common::scripted_server(|_| {
        common::ok_json(
            r#"{"total_count": 100000, "data": [{"resource_id": "ca-1", "status": 2,
                "expire_time": "2030-01-01T00:00:00Z", "expire_policy": 3}]}"#,
        )
    });
    let (_ccm, bss, _journal) = clients(&url, dir.path());
    let ids: Vec<String> = (0..51).map(|i| format!("id-{i}")).collect();
    let subs = bss.subscriptions(&ids).await.expect("read");
    assert_eq!(subs.len(), 1);
    assert_eq!(
        count.load(Ordering::SeqCst),
        3,
        "2 queries (50 + 1 ids), each stopped at the first page that brought nothing new"
    );

    let (url, count) = common::scripted_server(|_| {
        common::ok_json(
            r#"{"total_count": 1, "data": [{"resource_id": "x", "expire_time": "tomorrow"}]}"#,
        )
    });
    let (_ccm, bss, _journal) = clients(&url, dir.path());
    let e = bss.subscriptions(&ids[..1]).await.expect_err("a bad date");
    assert!(e.to_string().contains("expire_time"), "{e}");
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

/// Auto-renew and unsubscribe refuse a CA id of another shape (it goes into the path or the body)
/// before anything: not sent, nothing journaled, no request reaches the server (a closed port would
/// otherwise make the account lookup fail first, with another reason).
#[tokio::test]
async fn auto_renew_unsubscribe_and_import_refuse_a_ca_id_of_another_shape_before_anything() {
    use pca_order::billing::lifecycle::{AutoRenew, Unsubscribe};
    let dir = tempfile::tempdir().expect("tmp");
    let (ccm, bss, journal) = clients("http://127.0.0.1:9", dir.path());
    for id in ["../x", "6f3c3c8e-2d7f-4b1a-9a57-3c1d2e4f5a6b/../x", ""] {
        let switched = bss
            .auto_renew_until(id, AutoRenew::Off, &journal, std::future::pending())
            .await;
        let unsubscribed = bss
            .unsubscribe_until(id, Unsubscribe::Ca, &journal, std::future::pending())
            .await;
        let imported = ccm
            .import_until(id, "pem", None, &journal, std::future::pending())
            .await;
        let reasons = [
            match imported.outcome {
                Outcome::NotSent(r) => r.to_string(),
                other => panic!("{id:?}: {other:?}"),
            },
            match switched.outcome {
                Outcome::NotSent(r) => r.to_string(),
                other => panic!("{id:?}: {other:?}"),
            },
            match unsubscribed.outcome {
                Outcome::NotSent(r) => r.to_string(),
                other => panic!("{id:?}: {other:?}"),
            },
        ];
        for words in reasons {
            assert!(!words.contains("account"), "{id:?}: {words}");
        }
    }
    assert!(!journal.path().exists());
}

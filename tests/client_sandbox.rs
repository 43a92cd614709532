//! The client against the in-process sandbox: every outcome class, both credential kinds, the IAM
//! account lookup, the fault directives, and the journal each one leaves (with no secret in it).

use std::time::Duration;

use pca_order::api::{CallError, CcmClient, Credentials, Outcome};

use pca_order::journal::{Event, Journal};
use pca_order::order::{OrderDraft, OrderRequest};
use pca_order::sandbox::{self, RunningSandbox, SandboxConfig};

struct Env {
    sandbox: RunningSandbox,
    _dir: tempfile::TempDir,
    journal: Journal,
}

async fn sandbox_env() -> Env {
    let sandbox = sandbox::start(SandboxConfig::default(), ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts");
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("orders.jsonl"));
    Env {
        sandbox,
        _dir: dir,
        journal,
    }
}

mod common;

fn client(env: &Env, credentials: Credentials, timeout: Duration) -> CcmClient {
    let journal = env.journal.path().to_path_buf();
    CcmClient::new(&common::config_at(
        &env.sandbox.base_url(),
        journal,
        credentials,
        timeout,
        true,
    ))
    .expect("client")
}

/// A client with the sandbox's token.
fn token_client(env: &Env, timeout: Duration) -> CcmClient {
    client(
        env,
        Credentials::token(env.sandbox.config.token.clone()),
        timeout,
    )
}

fn aksk(sc: &SandboxConfig, domain: bool) -> Credentials {
    Credentials::ak_sk(
        sc.ak.clone(),
        sc.sk.clone(),
        None,
        domain.then(|| sc.domain_id.clone()),
    )
}

fn request(promotion: &str, quantity: u64) -> OrderRequest {
    OrderDraft {
        promotion_info: promotion.into(),
        subscription_num: quantity,
        ..OrderDraft::default()
    }
    .validate(None)
    .expect("valid")
}

fn assert_no_secrets(env: &Env) {
    let text = std::fs::read_to_string(env.journal.path()).unwrap_or_default();
    let sc = &env.sandbox.config;
    for secret in [
        sc.sk.as_str(),
        sc.token.as_str(),
        sc.password.as_str(),
        "Signature=",
        "SDK-HMAC-SHA256",
    ] {
        assert!(!text.contains(secret), "{secret} must never be journaled");
    }
}

#[tokio::test]
async fn token_order_is_created_and_journaled() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let outcome = c
        .create_ca_order(&request("", 2), &env.journal)
        .await
        .outcome;
    let Outcome::Done(created) = outcome else {
        panic!("expected Created, got {outcome:?}")
    };
    assert!(
        created.order_id.starts_with("CS") && created.order_id.len() == 17,
        "{}",
        created.order_id
    );
    assert_eq!(created.ca_ids.len(), 2);
    let h = env.journal.read().expect("read");
    assert_eq!(h.attempts.len(), 1);
    let a = &h.attempts[0];
    assert_eq!(
        a.sending
            .as_ref()
            .expect("sending")
            .request
            .subscription_num,
        2
    );
    assert!(a.sending.as_ref().expect("sending").sandbox);
    assert!(
        matches!(&a.outcome, Some(Event::Created { order_id, ca_ids }) if *order_id == created.order_id && ca_ids.len() == 2)
    );
    assert_no_secrets(&env);
}

#[tokio::test]
async fn aksk_with_domain_id_is_created() {
    let env = sandbox_env().await;
    let c = client(
        &env,
        aksk(&env.sandbox.config, true),
        Duration::from_secs(10),
    );
    let outcome = c
        .create_ca_order(&request("", 1), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
    assert_no_secrets(&env);
}

#[tokio::test]
async fn aksk_without_domain_id_looks_it_up_once_via_iam() {
    let env = sandbox_env().await;
    let c = client(
        &env,
        aksk(&env.sandbox.config, false),
        Duration::from_secs(10),
    );
    assert_eq!(
        c.lookup_domain_id().await.expect("lookup"),
        env.sandbox.config.domain_id
    );
    let outcome = c
        .create_ca_order(&request("", 1), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
    let q = c.show_ca_quota().await.expect("quota");
    assert_eq!((q.used, q.quota), (1, 100));
    let projects = c.list_enterprise_projects().await.expect("projects");
    assert!(projects.iter().any(|p| p.id == "0" && p.enabled()));
    assert!(
        projects.iter().any(|p| !p.enabled()),
        "a disabled fixture project is listed"
    );
}

#[tokio::test]
async fn wrong_credentials_are_rejected_401_with_the_gateway_code() {
    let env = sandbox_env().await;
    let sc = &env.sandbox.config;
    for creds in [
        Credentials::token("not-the-token"),
        Credentials::ak_sk(
            sc.ak.clone(),
            "wrong-secret",
            None,
            Some(sc.domain_id.clone()),
        ),
        Credentials::ak_sk(
            "NOSUCHAK000000000000",
            sc.sk.clone(),
            None,
            Some(sc.domain_id.clone()),
        ),
    ] {
        let c = client(&env, creds, Duration::from_secs(10));
        let outcome = c
            .create_ca_order(&request("", 1), &env.journal)
            .await
            .outcome;
        let Outcome::Rejected(e) = &outcome else {
            panic!("expected Rejected, got {outcome:?}")
        };
        assert_eq!((e.status, e.code.as_str()), (401, "APIGW.0301"), "{e}");
        assert!(e.request_id.is_some(), "the request id is kept");
        assert_eq!(outcome.exit_code(), 3);
        let quota = c.show_ca_quota().await.expect_err("quota needs auth too");
        assert!(matches!(quota, CallError::Api(ref a) if a.status == 401));
    }
    assert_no_secrets(&env);
}

#[tokio::test]
async fn each_documented_4xx_is_rejected_and_each_5xx_unknown_with_code_and_request_id() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    for status in [400u16, 401, 403, 404, 429, 500, 502, 503, 504] {
        let outcome = c
            .create_ca_order(
                &request(&format!("sandbox:status={status}"), 1),
                &env.journal,
            )
            .await
            .outcome;
        if status >= 500 {
            // A server error cannot prove nothing was bought: unknown, the answer kept in the reason.
            let Outcome::Unknown(reason) = &outcome else {
                panic!("{status}: expected Unknown, got {outcome:?}")
            };
            assert!(
                reason.to_string().contains(&format!("HTTP {status} ")),
                "{reason}"
            );
            assert!(
                reason.to_string().contains("request id "),
                "{status}: request id: {reason}"
            );
            continue;
        }
        let Outcome::Rejected(e) = outcome else {
            panic!("{status}: expected Rejected, got {outcome:?}")
        };
        assert_eq!(e.status, status);
        assert!(
            e.code.len() >= 3 && e.code != status.to_string(),
            "{status}: a real error code, got {}",
            e.code
        );
        assert!(!e.message.is_empty());
        assert!(
            e.request_id.as_deref().is_some_and(|r| r.len() == 32),
            "{status}: request id"
        );
    }
    let h = env.journal.read().expect("read");
    assert_eq!(h.attempts.len(), 9);
    assert!(
        h.attempts[..5]
            .iter()
            .all(|a| matches!(a.outcome, Some(Event::Rejected { .. })))
    );
    assert!(
        h.attempts[5..]
            .iter()
            .all(|a| matches!(a.outcome, Some(Event::Unknown { .. })))
    );
    // Nothing was bought by a rejected order.
    assert_eq!(c.show_ca_quota().await.expect("quota").used, 0);
}

#[tokio::test]
async fn a_field_the_server_refuses_is_named_in_the_message() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let mut req = request("", 1);
    req.period_type = 7; // past our own validation: the server's check must catch it
    let outcome = c.create_ca_order(&req, &env.journal).await.outcome;
    let Outcome::Rejected(e) = outcome else {
        panic!("expected Rejected, got {outcome:?}")
    };
    assert_eq!((e.status, e.code.as_str()), (400, "PCA.00020001"));
    assert!(e.message.contains("period_type"), "{}", e.message);
}

#[tokio::test]
async fn the_quota_is_enforced() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let mut req = request("", 100);
    assert!(matches!(
        c.create_ca_order(&req, &env.journal).await.outcome,
        Outcome::Done(_)
    ));
    req.subscription_num = 1;
    let outcome = c.create_ca_order(&req, &env.journal).await.outcome;
    let Outcome::Rejected(e) = outcome else {
        panic!("expected Rejected, got {outcome:?}")
    };
    assert_eq!(e.status, 400);
    assert!(e.message.contains("subscription_num"), "{}", e.message);
}

#[tokio::test]
async fn delay_beyond_the_timeout_is_unknown_and_the_order_may_exist() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_millis(500));
    let outcome = c
        .create_ca_order(&request("sandbox:delay_ms=2000", 1), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Unknown(_)), "{outcome:?}");
    assert_eq!(outcome.exit_code(), 4);
    let h = env.journal.read().expect("read");
    assert!(matches!(h.attempts[0].outcome, Some(Event::Unknown { .. })));
}

#[tokio::test]
async fn a_short_delay_within_the_timeout_still_creates() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let outcome = c
        .create_ca_order(&request("sandbox:delay_ms=200", 1), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
}

#[tokio::test]
async fn drop_is_unknown_and_the_order_did_go_through() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let outcome = c
        .create_ca_order(&request("sandbox:drop", 1), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Unknown(_)), "{outcome:?}");
    // The dangerous case, on purpose: the answer was lost but the order exists.
    assert_eq!(c.show_ca_quota().await.expect("quota").used, 1);
}

#[tokio::test]
async fn a_gateway_html_page_is_unknown_with_a_readable_reason() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let outcome = c
        .create_ca_order(&request("sandbox:html", 1), &env.journal)
        .await
        .outcome;
    let Outcome::Unknown(reason) = outcome else {
        panic!("expected Unknown, got {outcome:?}")
    };
    assert!(reason.to_string().contains("HTTP 502"), "{reason}");
    assert!(reason.to_string().contains("HTML page"), "{reason}");
    assert!(
        !reason.to_string().contains('<'),
        "no markup on screen: {reason}"
    );
}

#[tokio::test]
async fn a_stopped_sandbox_means_not_sent() {
    let env = sandbox_env().await;
    let c = token_client(&env, Duration::from_secs(10));
    let Env {
        sandbox,
        _dir,
        journal,
    } = env;
    sandbox.shutdown().await;
    let outcome = c.create_ca_order(&request("", 1), &journal).await.outcome;
    assert!(matches!(outcome, Outcome::NotSent(_)), "{outcome:?}");
    let h = journal.read().expect("read");
    assert!(matches!(h.attempts[0].outcome, Some(Event::NotSent { .. })));
}

#[tokio::test]
async fn a_client_that_gives_up_during_the_delay_still_leaves_the_order_created() {
    let env = sandbox_env().await;
    let impatient = token_client(&env, Duration::from_millis(300));
    let outcome = impatient
        .create_ca_order(&request("sandbox:delay_ms=5000", 2), &env.journal)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Unknown(_)), "{outcome:?}");
    // Checked at once, long before the 5 s delay ends: the accepted order is already there, as a real
    // service's would be, though the client closed the connection.
    let quota = token_client(&env, Duration::from_secs(10))
        .show_ca_quota()
        .await
        .expect("quota");
    assert_eq!(quota.used, 2, "the order's 2 CAs exist");
}

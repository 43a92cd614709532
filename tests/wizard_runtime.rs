//! The runtime loop on a `TestBackend` with scripted terminal events: with a fake executor (exit codes,
//! one Submit, no redraw from key releases), and with the real client against the in-process sandbox.

mod common;

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use futures_util::stream::{self, BoxStream, StreamExt};
use pca_order::api::bss::BssClient;
use pca_order::api::{CcmClient, Created, CredentialSource, Credentials, Outcome, Reason};
use pca_order::config::Config;
use pca_order::journal::Journal;
use pca_order::order::OrderDraft;
use pca_order::order::validate::QuotaLeft;
use pca_order::sandbox::{self, SandboxConfig};
use pca_order::tui::header_info;
use pca_order::tui::model::{Effect, HeaderInfo, Model, Msg};
use pca_order::tui::runtime::{ClientExecutor, Executor, osc52, run_loop, run_loop_until};
use pca_order::tui::text::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::{Notify, mpsc};

fn header() -> HeaderInfo {
    HeaderInfo {
        region: "cn-north-4".into(),
        endpoint: "http://127.0.0.1:1".into(),
        credential_kind: "IAM token".into(),
        credential_source: "env HUAWEICLOUD_AUTH_TOKEN".into(),
        sandbox: true,
        journal_path: "/tmp/orders.jsonl".into(),
    }
}

fn press(code: KeyCode) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn release(code: KeyCode) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    }))
}

/// Scripted events, then silence (a terminal that stays open).
fn script(events: Vec<io::Result<Event>>) -> BoxStream<'static, io::Result<Event>> {
    stream::iter(events).chain(stream::pending()).boxed()
}

/// Answers every effect at once with a fixed outcome and records what it was asked.
struct Fake {
    outcome: Outcome,
    effects: Arc<Mutex<Vec<Effect>>>,
}

impl Executor for Fake {
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
        if let Ok(mut seen) = self.effects.lock() {
            seen.push(effect.clone());
        }
        let msg = match effect {
            Effect::LoadQuota => Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 3,
            })),
            Effect::LoadProjects => Msg::ProjectsLoaded(Ok(vec![])),
            Effect::Submit(_) => Msg::Submitted(self.outcome.clone()),
            _ => return,
        };
        let _ = tx.send(msg);
    }
}

fn enter_through() -> Vec<io::Result<Event>> {
    let mut v: Vec<_> = (0..5)
        .flat_map(|_| [press(KeyCode::Enter), release(KeyCode::Enter)])
        .collect();
    v.push(press(KeyCode::Char('y')));
    v
}

async fn run_fake(events: Vec<io::Result<Event>>, outcome: Outcome) -> (i32, Vec<Effect>, String) {
    let effects = Arc::new(Mutex::new(Vec::new()));
    let mut fake = Fake {
        outcome,
        effects: Arc::clone(&effects),
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let model = Model::new(Lang::En, header(), false);
    let end = tokio::time::timeout(
        Duration::from_secs(10),
        run_loop(&mut terminal, script(events), model, &mut fake),
    )
    .await
    .expect("the loop ends");
    assert_eq!(end.error, None);
    let seen = effects.lock().map(|e| e.clone()).unwrap_or_default();
    (end.code, seen, format!("{}", terminal.backend()))
}

fn created() -> Outcome {
    Outcome::Done(Created {
        order_id: "CS1803192259ROA8U".into(),
        ca_ids: vec!["4284547e-68ef-4a94-adea-9df1e5d8ad65".into()],
    })
}

#[tokio::test]
async fn enter_through_orders_once_and_q_exits_0() {
    let mut events = enter_through();
    events.push(press(KeyCode::Char('c')));
    events.push(press(KeyCode::Char('q')));
    let (code, effects, screen) = run_fake(events, created()).await;
    assert_eq!(code, 0);
    let submits: Vec<_> = effects
        .iter()
        .filter(|e| matches!(e, Effect::Submit(_)))
        .collect();
    assert_eq!(
        submits,
        vec![&Effect::Submit(
            OrderDraft::default().validate(None).expect("valid")
        )]
    );
    assert!(effects.contains(&Effect::Copy("CS1803192259ROA8U".into())));
    // The last frame drawn is the result.
    assert!(screen.contains("CS1803192259ROA8U"), "{screen}");
}

#[tokio::test]
async fn each_outcome_exits_with_its_code() {
    for (outcome, code) in [
        (
            Outcome::Rejected(pca_order::api::ApiError {
                status: 403,
                code: "APIGW.0302".into(),
                message: "no".into(),
                request_id: None,
            }),
            3,
        ),
        (
            Outcome::Unknown(Reason::ConnectionLost {
                host: "127.0.0.1".into(),
                detail: "reset".into(),
            }),
            4,
        ),
        (
            Outcome::NotSent(Reason::Connect {
                host: "127.0.0.1".into(),
                detail: "refused".into(),
            }),
            5,
        ),
    ] {
        let mut events = enter_through();
        events.push(press(KeyCode::Char('q')));
        let (got, _, _) = run_fake(events, outcome).await;
        assert_eq!(got, code);
    }
}

#[tokio::test]
async fn ctrl_c_cancels_with_1_and_sends_nothing() {
    let events = vec![
        press(KeyCode::Enter),
        Ok(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))),
    ];
    let (code, effects, _) = run_fake(events, created()).await;
    assert_eq!(code, 1);
    assert!(!effects.iter().any(|e| matches!(e, Effect::Submit(_))));
}

#[tokio::test]
async fn closed_input_ends_the_loop() {
    let effects = Arc::new(Mutex::new(Vec::new()));
    let mut fake = Fake {
        outcome: created(),
        effects,
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let model = Model::new(Lang::En, header(), false);
    let events = stream::iter(vec![press(KeyCode::Enter)]).boxed();
    let end = tokio::time::timeout(
        Duration::from_secs(10),
        run_loop(&mut terminal, events, model, &mut fake),
    )
    .await
    .expect("the loop ends");
    assert_eq!(end.code, 1);
}

/// Never answers: the order stays in flight.
struct Silent;

impl Executor for Silent {
    fn execute(&mut self, _effect: Effect, _tx: &UnboundedSender<Msg>) {}
}

#[tokio::test]
async fn a_termination_signal_ends_the_loop_with_the_state_s_code() {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    // Before anything was sent: cancelled.
    let end = tokio::time::timeout(
        Duration::from_secs(10),
        run_loop_until(
            &mut terminal,
            script(vec![press(KeyCode::Enter)]),
            tokio::time::sleep(Duration::from_millis(50)),
            Model::new(Lang::En, header(), false),
            &mut Silent,
        ),
    )
    .await
    .expect("the loop ends");
    assert_eq!(end.code, 1);
    // With the order in flight: unknown.
    let end = tokio::time::timeout(
        Duration::from_secs(10),
        run_loop_until(
            &mut terminal,
            script(enter_through()),
            tokio::time::sleep(Duration::from_millis(200)),
            Model::new(Lang::En, header(), false),
            &mut Silent,
        ),
    )
    .await
    .expect("the loop ends");
    assert_eq!(end.code, 4);
    assert!(format!("{}", terminal.backend()).contains("Placing the order"));
}

#[test]
fn osc52_is_esc_52_c_base64_bel() {
    assert_eq!(osc52("CS1"), "\u{1b}]52;c;Q1Mx\u{7}");
}

/// Forwards to the real executor, and wakes the script when the order's outcome has arrived.
struct Watched {
    inner: ClientExecutor,
    done: Arc<Notify>,
    submits: usize,
}

impl Executor for Watched {
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
        if matches!(effect, Effect::Submit(_)) {
            self.submits += 1;
        }
        let (inner_tx, mut inner_rx) = mpsc::unbounded_channel::<Msg>();
        let tx = tx.clone();
        let done = Arc::clone(&self.done);
        tokio::spawn(async move {
            while let Some(msg) = inner_rx.recv().await {
                let submitted = matches!(msg, Msg::Submitted(_));
                let _ = tx.send(msg);
                if submitted {
                    done.notify_one();
                }
            }
        });
        self.inner.execute(effect, &inner_tx);
    }
}

/// A sandbox on loopback (kept running while the first value lives) and the configuration the wizard
/// would resolve for it: every endpoint at the sandbox, its test credentials, a journal in a temp dir.
async fn sandbox_and_config(
    sc: &SandboxConfig,
) -> (sandbox::RunningSandbox, tempfile::TempDir, Config) {
    let running = sandbox::start(sc.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .expect("sandbox starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let credentials = Credentials::ak_sk(
        sc.ak.clone(),
        sc.sk.clone(),
        None,
        Some(sc.domain_id.clone()),
    );
    let mut config = common::config_at(
        &running.base_url(),
        dir.path().join("orders.jsonl"),
        credentials,
        Duration::from_secs(10),
        true,
    );
    config.credentials.source = CredentialSource::Sandbox;
    (running, dir, config)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_client_orders_from_the_sandbox() {
    let sc = SandboxConfig::default();
    let (_running, dir, config) = sandbox_and_config(&sc).await;
    let client = CcmClient::new(&config).expect("client");
    let journal = Journal::new(config.journal_path.clone());
    let model = Model::new(Lang::En, header_info(&config, &journal, Lang::En), false);
    let done = Arc::new(Notify::new());
    let mut exec = Watched {
        // The sandbox serves BSS on its own address, as `--sandbox` wires it.
        inner: ClientExecutor::new(
            client.clone(),
            BssClient::new(client, Some(config.endpoints.ccm.clone())),
            journal,
        ),
        done: Arc::clone(&done),
        submits: 0,
    };
    let waiter = Arc::clone(&done);
    let events = stream::iter(enter_through())
        .chain(stream::once(async move {
            waiter.notified().await;
            press(KeyCode::Char('q'))
        }))
        .chain(stream::pending())
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    let end = tokio::time::timeout(
        Duration::from_secs(20),
        run_loop(&mut terminal, events, model, &mut exec),
    )
    .await
    .expect("the loop ends");
    let screen = format!("{}", terminal.backend());
    assert_eq!(end.code, 0, "{screen}");
    assert_eq!(exec.submits, 1);
    assert!(screen.contains("The order was placed."), "{screen}");
    let journal = std::fs::read_to_string(dir.path().join("orders.jsonl")).expect("journal");
    assert!(journal.contains("\"sending\""), "{journal}");
}

/// A wizard whose default order has just been confirmed: in flight, no answer yet.
fn in_flight_model() -> Model {
    let mut model = Model::new(Lang::En, header(), false);
    model.start();
    let keys = [KeyCode::Enter; 5].into_iter().chain([KeyCode::Char('y')]);
    for code in keys {
        let key = KeyEvent::from(code);
        if let Some(action) = pca_order::tui::keymap::translate(model.context(), &key) {
            pca_order::tui::model::update(&mut model, Msg::Action(action));
        }
    }
    assert!(model.order_form().is_some_and(|f| f.in_flight.is_some()));
    model
}

#[tokio::test]
async fn an_answer_that_arrives_after_quitting_is_still_taken() {
    use pca_order::tui::finish_in_flight;
    use pca_order::tui::view::outcome::summary;
    let mut model = in_flight_model();
    assert_eq!(model.exit_code(), 4);
    let text = summary(&model).expect("summary while in flight");
    assert!(text.contains("It may exist"), "{text}");

    let (tx, mut rx) = mpsc::unbounded_channel();
    let created = Created {
        order_id: "CS1".into(),
        ca_ids: vec!["a".into()],
    };
    tx.send(Msg::Submitted(Outcome::Done(created)))
        .expect("send");
    finish_in_flight(
        &mut model,
        &mut rx,
        Duration::from_secs(5),
        std::future::pending::<()>(),
    )
    .await;
    assert_eq!(model.exit_code(), 0);
    assert!(summary(&model).expect("summary").contains("CS1"));

    // Nothing arrives: the wait ends at its limit and the outcome stays unknown.
    let mut model = in_flight_model();
    let (_tx, mut rx) = mpsc::unbounded_channel();
    finish_in_flight(
        &mut model,
        &mut rx,
        Duration::from_millis(50),
        std::future::pending::<()>(),
    )
    .await;
    assert_eq!(model.exit_code(), 4);
    // A stop signal ends the wait at once, however long it may last.
    let mut model = in_flight_model();
    let (_tx, mut rx) = mpsc::unbounded_channel();
    finish_in_flight(&mut model, &mut rx, Duration::from_secs(3600), async {}).await;
    assert_eq!(model.exit_code(), 4);
}

// ---- Billing after the order (issue 9) ----------------------------------------------------------------

/// Answers like BSS would: the order reads pending payment until the fake has paid it, then completed.
struct BillingFake {
    pay: Outcome<()>,
    paid: bool,
    effects: Arc<Mutex<Vec<Effect>>>,
    /// Told once the order read completed (after it was paid).
    completed: Arc<Notify>,
}

fn order_details(status: i64) -> pca_order::billing::OrderDetails {
    pca_order::billing::OrderDetails {
        order_id: "CS1803192259ROA8U".into(),
        status: pca_order::billing::OrderStatus::from_code(status),
        order_type: Some(1),
        amount_after_discount: pca_order::billing::Amount::parse("1200").ok(),
        official_amount: None,
        currency: "CNY".into(),
        create_time: None,
        payment_time: None,
        pending_payment_end_time: None,
    }
}

impl Executor for BillingFake {
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
        use pca_order::journal::ActionKind;
        use pca_order::tui::model::{ActAnswer, Polled};
        if let Ok(mut seen) = self.effects.lock() {
            seen.push(effect.clone());
        }
        let msg = match effect {
            Effect::LoadQuota => Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 3,
            })),
            Effect::LoadProjects => Msg::ProjectsLoaded(Ok(vec![])),
            Effect::Submit(_) => Msg::Submitted(created()),
            Effect::Pay(order_id) => {
                self.paid = matches!(self.pay, Outcome::Done(()));
                Msg::Acted(Box::new(ActAnswer {
                    kind: ActionKind::Pay,
                    order_id,
                    outcome: self.pay.clone(),
                    journal_warning: None,
                }))
            }
            Effect::PollOrder(order_id) => Msg::Polled(Box::new(Polled {
                order_id,
                result: Ok((order_details(if self.paid { 5 } else { 6 }), vec![])),
            })),
            _ => return,
        };
        let completed = matches!(&msg, Msg::Polled(_)) && self.paid;
        let _ = tx.send(msg);
        if completed {
            self.completed.notify_one();
        }
    }
}

/// Runs the loop with the billing fake: the default order, then `p`, `y`, then `q` — once the paid order
/// read completed when `wait_completed`, else at once (the pay's answer is taken before the next key:
/// results come first in the loop).
async fn run_billing(pay: Outcome<()>, wait_completed: bool) -> (i32, Vec<Effect>, String) {
    let effects = Arc::new(Mutex::new(Vec::new()));
    let completed = Arc::new(Notify::new());
    let mut fake = BillingFake {
        pay,
        paid: false,
        effects: Arc::clone(&effects),
        completed: Arc::clone(&completed),
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let mut model = Model::new(Lang::En, header(), false);
    // Reads come at once, so the walk-through does not wait on the official schedule.
    model.poll_schedule = pca_order::tui::model::PollSchedule {
        first: Duration::from_millis(1),
        every: Duration::from_millis(1),
        limit: Duration::from_secs(60),
    };
    let mut events = enter_through();
    events.extend([press(KeyCode::Char('p')), press(KeyCode::Char('y'))]);
    let events = stream::iter(events)
        .chain(stream::once(async move {
            if wait_completed {
                completed.notified().await;
            }
            press(KeyCode::Char('q'))
        }))
        .chain(stream::pending())
        .boxed();
    let end = tokio::time::timeout(
        Duration::from_secs(20),
        run_loop(&mut terminal, events, model, &mut fake),
    )
    .await
    .expect("the loop ends");
    assert_eq!(end.error, None);
    let seen = effects.lock().map(|e| e.clone()).unwrap_or_default();
    (end.code, seen, format!("{}", terminal.backend()))
}

#[tokio::test]
async fn pay_now_follows_the_order_to_completed_and_q_exits_0() {
    let (code, effects, screen) = run_billing(Outcome::Done(()), true).await;
    assert_eq!(code, 0, "{screen}");
    let pays: Vec<_> = effects
        .iter()
        .filter(|e| matches!(e, Effect::Pay(_)))
        .collect();
    assert_eq!(pays, [&Effect::Pay("CS1803192259ROA8U".into())]);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::PollOrder(_))),
        "{effects:?}"
    );
    assert!(screen.contains("The order was paid."), "{screen}");
    assert!(screen.contains("Status        completed"), "{screen}");
}

#[tokio::test]
async fn each_pay_outcome_exits_with_its_code_and_none_is_retried() {
    let rejected = Outcome::Rejected(pca_order::api::ApiError {
        status: 403,
        code: "CBC.0151".into(),
        message: "balance".into(),
        request_id: None,
    });
    let unknown = Outcome::Unknown(Reason::Timeout {
        host: "127.0.0.1".into(),
        detail: "timed out".into(),
    });
    let not_sent = Outcome::NotSent(Reason::Connect {
        host: "127.0.0.1".into(),
        detail: "refused".into(),
    });
    for (outcome, code, title) in [
        (rejected, 3, "The payment was refused."),
        (unknown, 4, "outcome is unknown"),
        (not_sent, 5, "The payment was not sent."),
    ] {
        let (got, effects, screen) = run_billing(outcome, false).await;
        assert_eq!(got, code, "{screen}");
        assert!(screen.contains(title), "{screen}");
        let pays = effects
            .iter()
            .filter(|e| matches!(e, Effect::Pay(_)))
            .count();
        assert_eq!(pays, 1, "sent once, never again on its own");
    }
}

/// Forwards to the real executor and wakes the script on each message `wake` picks.
struct Relay {
    inner: ClientExecutor,
    wake: fn(&Msg) -> bool,
    notify: Arc<Notify>,
}

impl Executor for Relay {
    fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
        let (inner_tx, mut inner_rx) = mpsc::unbounded_channel::<Msg>();
        let tx = tx.clone();
        let notify = Arc::clone(&self.notify);
        let wake = self.wake;
        tokio::spawn(async move {
            while let Some(msg) = inner_rx.recv().await {
                let woken = wake(&msg);
                let _ = tx.send(msg);
                if woken {
                    notify.notify_one();
                }
            }
        });
        self.inner.execute(effect, &inner_tx);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_client_pays_and_follows_the_order_to_completed_in_the_sandbox() {
    let sc = SandboxConfig {
        settle: Duration::from_millis(300),
        ..SandboxConfig::default()
    };
    let (_running, dir, config) = sandbox_and_config(&sc).await;
    let client = CcmClient::new(&config).expect("client");
    let journal = Journal::new(config.journal_path.clone());
    let bss = BssClient::new(client.clone(), Some(config.endpoints.ccm.clone()));
    let mut model = Model::new(Lang::En, header_info(&config, &journal, Lang::En), false);
    model.poll_schedule = pca_order::tui::model::PollSchedule::for_endpoint(bss.is_loopback());
    let notify = Arc::new(Notify::new());
    let mut exec = Relay {
        inner: ClientExecutor::new(client, bss, journal),
        // The read of the new order (its amount: pay waits for it), then the read that finds the paid
        // order completed.
        wake: |msg| match msg {
            Msg::Polled(p) => p.result.as_ref().is_ok_and(|(d, _)| {
                use pca_order::billing::OrderStatus;
                matches!(
                    d.status,
                    OrderStatus::PendingPayment | OrderStatus::Completed
                )
            }),
            _ => false,
        },
        notify: Arc::clone(&notify),
    };
    let (first, second) = (Arc::clone(&notify), Arc::clone(&notify));
    let events = stream::iter(enter_through())
        .chain(
            stream::once(async move {
                first.notified().await;
                stream::iter([press(KeyCode::Char('p')), press(KeyCode::Char('y'))])
            })
            .flatten(),
        )
        .chain(stream::once(async move {
            second.notified().await;
            press(KeyCode::Char('q'))
        }))
        .chain(stream::pending())
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    let end = tokio::time::timeout(
        Duration::from_secs(30),
        run_loop(&mut terminal, events, model, &mut exec),
    )
    .await
    .expect("the loop ends");
    let screen = format!("{}", terminal.backend());
    assert_eq!(end.code, 0, "{screen}");
    assert!(screen.contains("The order was paid."), "{screen}");
    assert!(screen.contains("Status        completed"), "{screen}");
    let start = end
        .model
        .completed_activation_start()
        .expect("completed with what to activate");
    assert_eq!(start.ca_ids.len(), 1, "{start:?}");
    // The pay was journaled like the order: `sending` first, its outcome after.
    let journal = std::fs::read_to_string(dir.path().join("orders.jsonl")).expect("journal");
    let lines: Vec<serde_json::Value> = journal
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let pay_lines: Vec<&serde_json::Value> = lines.iter().filter(|l| l["kind"] == "pay").collect();
    let states: Vec<&str> = pay_lines
        .iter()
        .map(|l| l["state"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(states, ["action_sending", "done"], "{journal}");
}

// ---- the hosted activation flow through the loop (issue 10) ----

mod activation {
    use super::*;
    use pca_order::activation::{ActivateRequest, CaInfo};
    use pca_order::tui::model::activation::{ActivationEffect, ActivationMsg, ActivationStart};

    const CA: &str = "4284547e-68ef-4a94-adea-9df1e5d8ad65";

    fn ca(status: &str) -> CaInfo {
        CaInfo::from_json(&serde_json::json!({
            "ca_id": CA, "type": "ROOT", "status": status,
            "distinguished_name": {"common_name": "Private CA", "country": "CN"},
            "serial_number": "3c2a1f",
            "not_before": 1_700_000_000_000_i64, "not_after": 1_731_536_000_000_i64,
        }))
        .expect("a CA object")
    }

    /// Answers the flow's effects at once: one PENDING CA, no issuers, the given activate outcome, and
    /// the CA read back as `read_back`. Records every effect.
    struct FakeAct {
        outcome: Outcome<()>,
        read_back: &'static str,
        effects: Arc<Mutex<Vec<Effect>>>,
    }

    impl Executor for FakeAct {
        fn execute(&mut self, effect: Effect, tx: &UnboundedSender<Msg>) {
            if let Ok(mut seen) = self.effects.lock() {
                seen.push(effect.clone());
            }
            let msg = match effect {
                Effect::Activation(ActivationEffect::LoadPending) => {
                    ActivationMsg::PendingLoaded(Ok(vec![ca("PENDING")]))
                }
                Effect::Activation(ActivationEffect::LoadIssuers) => {
                    ActivationMsg::IssuersLoaded(Ok(vec![]))
                }
                Effect::Activation(ActivationEffect::Activate(_)) => {
                    ActivationMsg::Activated(self.outcome.clone())
                }
                Effect::Activation(ActivationEffect::ShowCa(_)) => {
                    ActivationMsg::Shown(Ok(ca(self.read_back)))
                }
                _ => return,
            };
            let _ = tx.send(Msg::Activation(Box::new(msg)));
        }
    }

    async fn run(
        keys: Vec<io::Result<Event>>,
        outcome: Outcome<()>,
        read_back: &'static str,
    ) -> (i32, Vec<ActivateRequest>, Vec<Effect>, Model) {
        let effects = Arc::new(Mutex::new(Vec::new()));
        let mut fake = FakeAct {
            outcome,
            read_back,
            effects: Arc::clone(&effects),
        };
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        let mut model = Model::new(Lang::En, header(), false);
        let _ = model.open_activation(ActivationStart::default());
        let end = tokio::time::timeout(
            Duration::from_secs(10),
            run_loop(&mut terminal, script(keys), model, &mut fake),
        )
        .await
        .expect("the loop ends");
        assert_eq!(end.error, None);
        let seen = effects.lock().map(|e| e.clone()).unwrap_or_default();
        let sent = seen
            .iter()
            .filter_map(|e| match e {
                Effect::Activation(ActivationEffect::Activate(r)) => Some(r.clone()),
                _ => None,
            })
            .collect();
        (end.code, sent, seen, end.model)
    }

    /// Chooser → Enter through the five steps → the question → y → (Done) Enter leaves.
    fn choose_and_enter_through() -> Vec<io::Result<Event>> {
        let mut v: Vec<_> = (0..6)
            .flat_map(|_| [press(KeyCode::Enter), release(KeyCode::Enter)])
            .collect();
        v.push(press(KeyCode::Char('y')));
        v.push(press(KeyCode::Enter));
        v
    }

    #[tokio::test]
    async fn activate_alone_lists_pending_then_enter_through_sends_once_and_exits_0_on_actived() {
        let (code, sent, effects, model) =
            run(choose_and_enter_through(), Outcome::Done(()), "ACTIVED").await;
        assert_eq!(code, 0);
        assert_eq!(sent.len(), 1, "one activate: {effects:?}");
        assert_eq!(sent[0].ca_id, CA);
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::LoadQuota | Effect::LoadProjects)),
            "nothing of the order's is fetched: {effects:?}"
        );
        assert!(effects.contains(&Effect::Activation(ActivationEffect::ShowCa(CA.into()))));
        let summary =
            pca_order::tui::view::activation::summary(model.activation().expect("flow"), Lang::En)
                .expect("a summary");
        assert!(
            summary.contains(CA) && summary.contains("Activated (active)"),
            "{summary}"
        );
    }

    #[tokio::test]
    async fn accepted_but_not_read_actived_exits_4_and_each_failure_its_code() {
        let (code, ..) = run(choose_and_enter_through(), Outcome::Done(()), "PENDING").await;
        assert_eq!(code, 4);
        for (outcome, expect) in [
            (
                Outcome::NotSent(Reason::Connect {
                    host: "127.0.0.1".into(),
                    detail: "refused".into(),
                }),
                5,
            ),
            (
                Outcome::Unknown(Reason::Timeout {
                    host: "127.0.0.1".into(),
                    detail: "timed out".into(),
                }),
                4,
            ),
        ] {
            let mut keys = choose_and_enter_through();
            keys.pop();
            keys.push(press(KeyCode::Char('q')));
            let (code, sent, ..) = run(keys, outcome, "PENDING").await;
            assert_eq!(sent.len(), 1, "never retried");
            assert_eq!(code, expect);
        }
    }
}

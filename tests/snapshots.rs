//! What each screen looks like at 80×24, in both languages: insta snapshots of the rendered buffer (plus
//! where the cursor is), driven by the same messages a user sends.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pca_order::api::{ApiError, CallError, Created, Outcome, Reason};
use pca_order::order::validate::QuotaLeft;
use pca_order::tui::keymap;
use pca_order::tui::model::{HeaderInfo, Model, Msg, ProjectChoice, update};
use pca_order::tui::text::Lang;
use pca_order::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn header(sandbox: bool) -> HeaderInfo {
    HeaderInfo {
        region: "cn-north-4".into(),
        endpoint: if sandbox {
            "http://127.0.0.1:40185".into()
        } else {
            "https://ccm.cn-north-4.myhuaweicloud.com".into()
        },
        credential_kind: if sandbox {
            "AK SAND…0000".into()
        } else {
            "IAM token".into()
        },
        credential_source: if sandbox {
            "sandbox (built-in test credentials)".into()
        } else {
            "env HUAWEICLOUD_AUTH_TOKEN".into()
        },
        sandbox,
        journal_path: "/home/user/.local/state/pca-order/orders.jsonl".into(),
    }
}

fn model(lang: Lang) -> Model {
    let mut m = Model::new(lang, header(true), false);
    m.start();
    m
}

/// A raw key (resolved through the keymap where the wizard is, as the runtime does) or any other message.
enum Ev {
    Key(KeyEvent),
    M(Msg),
}

impl From<Msg> for Ev {
    fn from(msg: Msg) -> Self {
        Ev::M(msg)
    }
}

fn key(code: KeyCode) -> Ev {
    Ev::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn enter() -> Ev {
    key(KeyCode::Enter)
}

fn ch(c: char) -> Ev {
    key(KeyCode::Char(c))
}

fn send<E: Into<Ev>>(m: &mut Model, evs: impl IntoIterator<Item = E>) {
    for ev in evs {
        match ev.into() {
            Ev::Key(k) => {
                if let Some(action) = keymap::translate(m.context(), &k) {
                    update(m, Msg::Action(action));
                }
            }
            Ev::M(msg) => {
                update(m, msg);
            }
        }
    }
}

fn projects() -> Vec<ProjectChoice> {
    let p = |id: &str, name: &str, enabled| ProjectChoice {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        enabled,
    };
    vec![
        p("0", "default", true),
        p(
            "d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03",
            "Dev-Team-Alpha",
            true,
        ),
        p("4b7e2a90-5f13-4c6d-b2a8-e91f0c3d7a15", "security-pki", true),
        p("6f0b3c2e-8d4a-4e1b-9a7c-2d5e8f1a3b4c", "生产环境", true),
        p(
            "91e6f0b8-3d2c-4a5e-a7b1-0c8d4f2e6a97",
            "legacy-archive",
            false,
        ),
    ]
}

fn loaded(lang: Lang) -> Model {
    let mut m = model(lang);
    send(
        &mut m,
        [
            Msg::QuotaLoaded(Ok(QuotaLeft {
                quota: 100,
                used: 12,
            })),
            Msg::ProjectsLoaded(Ok(projects())),
        ],
    );
    m
}

fn render_at(m: &Model, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|f| view(m, f)).expect("draw");
    let backend = terminal.backend();
    let cursor = if backend.cursor_visible() {
        let p = backend.cursor_position();
        format!("cursor at column {}, row {}", p.x, p.y)
    } else {
        "cursor hidden".to_string()
    };
    format!("{backend}\n{cursor}")
}

fn render(m: &Model) -> String {
    render_at(m, 80, 24)
}

fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::ZhCn => "zh",
    }
}

const LANGS: [Lang; 2] = [Lang::En, Lang::ZhCn];

#[test]
fn steps() {
    for lang in LANGS {
        let l = tag(lang);
        let mut m = model(lang);
        insta::assert_snapshot!(format!("{l}_1_period"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_2_quantity_loading"), render(&m));
        let mut m = loaded(lang);
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_2_quantity_quota"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_3_renewal"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_4_project_list"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_5_review"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_5_review_confirm"), render(&m));
        send(&mut m, [ch('n'), ch('v')]);
        insta::assert_snapshot!(format!("{l}_5_review_json"), render(&m));
        send(&mut m, [key(KeyCode::Esc), enter(), ch('y')]);
        send(
            &mut m,
            (0..23).map(|_| Msg::Tick(std::time::Duration::from_millis(100))),
        );
        insta::assert_snapshot!(format!("{l}_6_submitting"), render(&m));
        send(
            &mut m,
            [Ev::Key(KeyEvent::new(
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
            ))],
        );
        insta::assert_snapshot!(format!("{l}_6_submitting_quit"), render(&m));
        send(
            &mut m,
            [
                Msg::Submitted(Outcome::Done(Created {
                    order_id: "CS1803192259ROA8U".into(),
                    ca_ids: vec![
                        "4284547e-68ef-4a94-adea-9df1e5d8ad65".into(),
                        "36bd8235-ebac-4caa-a43b-a531a97134da".into(),
                    ],
                })),
                order_read(),
            ],
        );
        insta::assert_snapshot!(format!("{l}_7_result"), render(&m));
        send(&mut m, [ch('c')]);
        insta::assert_snapshot!(format!("{l}_7_result_copied"), render(&m));
        send(&mut m, [ch('i')]);
        insta::assert_snapshot!(format!("{l}_7_result_copied_cas"), render(&m));
        send(&mut m, [ch('?')]);
        insta::assert_snapshot!(format!("{l}_help"), render(&m));
    }
}

#[test]
fn inputs_with_errors_and_fallbacks() {
    for lang in LANGS {
        let l = tag(lang);
        let mut m = model(lang);
        send(
            &mut m,
            [key(KeyCode::Down), key(KeyCode::Backspace), ch('9')],
        );
        insta::assert_snapshot!(format!("{l}_1_period_year_out_of_range"), render(&m));
        let mut m = model(lang);
        send(
            &mut m,
            [
                Msg::QuotaLoaded(Ok(QuotaLeft {
                    quota: 100,
                    used: 95,
                }))
                .into(),
                enter(),
                key(KeyCode::Backspace),
                ch('8'),
            ],
        );
        insta::assert_snapshot!(format!("{l}_2_quantity_over_quota"), render(&m));
        let mut m = model(lang);
        send(
            &mut m,
            [
                Msg::QuotaLoaded(Ok(QuotaLeft {
                    quota: 100,
                    used: 100,
                }))
                .into(),
                enter(),
            ],
        );
        insta::assert_snapshot!(format!("{l}_2_quantity_quota_used_up"), render(&m));
        let mut m = model(lang);
        send(
            &mut m,
            [
                Ev::M(Msg::QuotaLoaded(Err(CallError::Api(ApiError {
                    status: 403,
                    code: "APIGW.0302".into(),
                    message: "The IAM user is not authorized to access the API.".into(),
                    request_id: Some("5c1e0a4b".into()),
                })))),
                Ev::M(Msg::ProjectsLoaded(Err(CallError::Send(Reason::Connect {
                    host: "eps.myhuaweicloud.com".into(),
                    detail: "connection refused".into(),
                })))),
                enter(),
            ],
        );
        insta::assert_snapshot!(format!("{l}_2_quantity_quota_failed"), render(&m));
        send(&mut m, [enter(), enter(), ch('x')]);
        insta::assert_snapshot!(format!("{l}_4_project_typed_failed"), render(&m));
        let mut m = loaded(lang);
        send(
            &mut m,
            [enter(), enter(), enter(), ch('p'), ch('k'), ch('i')],
        );
        insta::assert_snapshot!(format!("{l}_4_project_filtered"), render(&m));
        let mut m = loaded(lang);
        send(
            &mut m,
            [enter(), enter(), enter(), enter(), key(KeyCode::Up)],
        );
        send(&mut m, [Msg::Paste("中文促销SPRING".into())]);
        insta::assert_snapshot!(format!("{l}_5_review_promotion_cjk"), render(&m));
    }
}

fn api_error(status: u16, code: &str, message: &str) -> Outcome {
    Outcome::Rejected(ApiError {
        status,
        code: code.into(),
        message: message.into(),
        request_id: Some("7f3c2a1e9b8d4c6e".into()),
    })
}

#[test]
fn error_screens() {
    let cases = [
        (
            "400",
            api_error(
                400,
                "PCA.00020001",
                "incorrect parameter: period_num must be at least 1",
            ),
        ),
        (
            "401",
            api_error(
                401,
                "APIGW.0301",
                "Incorrect IAM authentication information: verify aksk signature fail",
            ),
        ),
        (
            "403",
            api_error(
                403,
                "APIGW.0302",
                "The IAM user is not authorized to access the API.",
            ),
        ),
        (
            "429",
            api_error(
                429,
                "APIGW.0308",
                "The throttling threshold has been reached.",
            ),
        ),
        (
            "302",
            Outcome::Rejected(ApiError {
                status: 302,
                code: "302".into(),
                message: "the endpoint answered with a redirect to https://example.com/login; pca-order does not follow redirects, so the request was not sent there".into(),
                request_id: None,
            }),
        ),
        // A 5xx is unknown: the client words it as the service's answer, status, code and request id kept.
        (
            "500",
            Outcome::Unknown(Reason::ServerError(ApiError {
                status: 500,
                code: "PCA.10010001".into(),
                message: "Internal error.".into(),
                request_id: Some("7f3c2a1e9b8d4c6e".into()),
            })),
        ),
        (
            "503_html",
            Outcome::Unknown(Reason::ServerError(ApiError {
                status: 503,
                code: "503".into(),
                message: "the server (or a gateway in front of it) answered HTTP 503 with an HTML page \"Service Unavailable\", not the API's JSON".into(),
                request_id: Some("7f3c2a1e9b8d4c6e".into()),
            })),
        ),
        (
            "unknown",
            Outcome::Unknown(Reason::Timeout {
                host: "ccm.cn-north-4.myhuaweicloud.com".into(),
                detail: "operation timed out".into(),
            }),
        ),
        (
            "not_sent",
            Outcome::NotSent(Reason::Connect {
                host: "ccm.cn-north-4.myhuaweicloud.com".into(),
                detail: "dns error".into(),
            }),
        ),
    ];
    for lang in LANGS {
        let l = tag(lang);
        for (name, outcome) in &cases {
            let mut m = loaded(lang);
            send(
                &mut m,
                [enter(), enter(), enter(), enter(), enter(), ch('y')],
            );
            send(&mut m, [Msg::Submitted(outcome.clone())]);
            insta::assert_snapshot!(format!("{l}_error_{name}"), render(&m));
        }
    }
}

#[test]
fn long_answers_are_cut_visibly() {
    let mut m = loaded(Lang::En);
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), enter(), ch('y')],
    );
    let mut many = m.clone();
    send(
        &mut many,
        [
            Msg::Submitted(Outcome::Done(Created {
                order_id: "CS1803192259ROA8U".into(),
                ca_ids: (0..30)
                    .map(|i| format!("4284547e-68ef-4a94-adea-{i:012}"))
                    .collect(),
            })),
            order_read(),
        ],
    );
    insta::assert_snapshot!("en_7_result_30_cas", render(&many));
    send(
        &mut m,
        [Msg::Submitted(api_error(
            400,
            "PCA.00020001",
            &"The parameter is invalid because it is far too long. ".repeat(20),
        ))],
    );
    insta::assert_snapshot!("en_error_long_message", render(&m));
}

#[test]
fn a_long_project_list_scrolls_with_the_cursor() {
    let mut m = model(Lang::En);
    let many: Vec<ProjectChoice> = (0..50)
        .map(|i| ProjectChoice {
            id: format!("00000000-0000-4000-8000-{i:012}"),
            name: format!("project-{i:02}"),
            description: String::new(),
            enabled: i % 7 != 3,
        })
        .collect();
    send(
        &mut m,
        [
            Msg::ProjectsLoaded(Ok(many)).into(),
            enter(),
            enter(),
            enter(),
        ],
    );
    send(&mut m, (0..20).map(|_| key(KeyCode::Down)));
    let screen = render(&m);
    assert!(screen.contains("▸ project-"), "the cursor row is on screen");
    insta::assert_snapshot!("en_4_project_scrolled", screen);
}

#[test]
fn too_small_and_without_sandbox() {
    for lang in LANGS {
        let l = tag(lang);
        let m = model(lang);
        insta::assert_snapshot!(format!("{l}_too_small"), render_at(&m, 59, 16));
        let mut m = Model::new(lang, header(false), false);
        m.start();
        insta::assert_snapshot!(format!("{l}_1_period_real_endpoint"), render(&m));
    }
    // The minimum is 60×16: one row or column less is too small, whichever is short.
    let m = model(Lang::En);
    assert!(render_at(&m, 120, 15).contains("need 60×16, have 120×15"));
    assert!(render_at(&m, 59, 40).contains("need 60×16, have 59×40"));
    // tmux in an 80×24 terminal gives 80×23; a wide short one 120×23: both are drawn.
    for (w, h) in [(80, 23), (120, 23), (60, 16)] {
        let screen = render_at(&m, w, h);
        assert!(!screen.contains("too small"), "{w}×{h}:\n{screen}");
        assert!(screen.contains("How long should the CAs run?"), "{w}×{h}");
    }
}

/// A model as the runtime has it after the terminal reported its size.
fn sized(mut m: Model, w: u16, h: u16) -> Model {
    update(&mut m, Msg::Resize(w, h));
    m
}

/// The busiest screens at 80×23 (tmux in an 80×24 terminal) and at the 60×16 minimum, in both
/// languages: the review, a result, an error. What does not fit scrolls; nothing is cut silently.
#[test]
fn small_terminals_scroll_instead_of_refusing() {
    for lang in LANGS {
        let l = tag(lang);
        for (w, h) in [(80u16, 23u16), (60, 16)] {
            let mut review = sized(loaded(lang), w, h);
            send(&mut review, [enter(), enter(), enter(), enter()]);
            insta::assert_snapshot!(format!("{l}_{w}x{h}_review"), render_at(&review, w, h));
            let result = sized(unpaid_result(lang), w, h);
            insta::assert_snapshot!(format!("{l}_{w}x{h}_result"), render_at(&result, w, h));
            let mut error = sized(loaded(lang), w, h);
            send(
                &mut error,
                [enter(), enter(), enter(), enter(), enter(), ch('y')],
            );
            send(
                &mut error,
                [Msg::Submitted(Outcome::Unknown(Reason::ServerError(ApiError {
                    status: 503,
                    code: "503".into(),
                    message: "the server (or a gateway in front of it) answered HTTP 503 with an HTML page \"Service Unavailable\", not the API's JSON".into(),
                    request_id: Some("7f3c2a1e9b8d4c6e".into()),
                })))],
            );
            insta::assert_snapshot!(format!("{l}_{w}x{h}_error"), render_at(&error, w, h));
            send(&mut error, [key(KeyCode::PageDown)]);
            insta::assert_snapshot!(
                format!("{l}_{w}x{h}_error_page_down"),
                render_at(&error, w, h)
            );
        }
    }
}

/// A long error is read to its end with PgDn: every word of it is on some page, the pages say there
/// is more, and PgUp goes back to the top.
#[test]
fn a_long_error_is_read_to_its_end_with_page_down() {
    let message = (1..=40)
        .map(|i| format!("word{i:02}"))
        .collect::<Vec<_>>()
        .join(" ");
    for lang in LANGS {
        let mut m = sized(loaded(lang), 60, 16);
        send(
            &mut m,
            [enter(), enter(), enter(), enter(), enter(), ch('y')],
        );
        send(
            &mut m,
            [Msg::Submitted(api_error(400, "PCA.00020001", &message))],
        );
        let first = render_at(&m, 60, 16);
        let more_below = lang.text().more_below;
        assert!(first.contains(more_below), "{first}");
        assert!(
            first.contains("PgUp/PgDn"),
            "the footer names the page keys:\n{first}"
        );
        let mut seen = first.clone();
        for _ in 0..10 {
            send(&mut m, [key(KeyCode::PageDown)]);
            seen.push_str(&render_at(&m, 60, 16));
        }
        for i in 1..=40 {
            assert!(
                seen.contains(&format!("word{i:02}")),
                "word{i:02} never shown"
            );
        }
        let last = render_at(&m, 60, 16);
        assert!(!last.contains(more_below), "at the end:\n{last}");
        assert!(last.contains(lang.text().more_above), "{last}");
        send(&mut m, (0..10).map(|_| key(KeyCode::PageUp)));
        assert_eq!(render_at(&m, 60, 16), first, "PgUp goes back to the top");
    }
}

#[test]
fn no_color_has_no_colours_but_marks_focus() {
    let mut m = loaded(Lang::En);
    m.no_color = true;
    send(&mut m, [enter(), enter()]);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal.draw(|f| view(&m, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut reversed = 0;
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "a foreground colour under NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "a background colour under NO_COLOR");
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 0, "focus must still be marked");
    // With colour, the same screen uses colour.
    m.no_color = false;
    terminal.draw(|f| view(&m, f)).expect("draw");
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    );
}

#[test]
fn cursor_sits_at_the_display_column_of_wide_text() {
    let mut m = loaded(Lang::En);
    send(
        &mut m,
        [enter(), enter(), enter(), enter(), key(KeyCode::Up)],
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal.draw(|f| view(&m, f)).expect("draw");
    let before = terminal.backend().cursor_position();
    send(&mut m, [ch('中'), ch('文'), ch('a')]);
    terminal.draw(|f| view(&m, f)).expect("draw");
    let after = terminal.backend().cursor_position();
    assert!(terminal.backend().cursor_visible());
    assert_eq!(after.y, before.y);
    assert_eq!(after.x, before.x + 5, "two wide characters and one narrow");
    // Left over the "a" and one wide char: 3 columns back.
    send(&mut m, [key(KeyCode::Left), key(KeyCode::Left)]);
    terminal.draw(|f| view(&m, f)).expect("draw");
    assert_eq!(terminal.backend().cursor_position().x, before.x + 2);
}

#[test]
fn a_non_utf8_locale_gets_an_ascii_frame() {
    let mut m = loaded(Lang::En);
    send(&mut m, [enter(), enter(), enter()]);
    m.ascii = true;
    let frame = render(&m);
    // Only the test backend's own quotes and the frame: no byte beyond ASCII reaches the terminal.
    assert!(frame.is_ascii(), "{frame}");
    insta::assert_snapshot!("en_4_project_ascii", frame);
}

#[test]
fn project_names_are_cut_with_a_mark_and_keep_the_id_column() {
    let mut m = model(Lang::En);
    let p = |id: &str, name: &str| ProjectChoice {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        enabled: true,
    };
    send(
        &mut m,
        [Msg::ProjectsLoaded(Ok(vec![
            p("0", "default"),
            p(
                "d28c5e14-9a3b-47f2-8c60-5e4b1a7f9d03",
                "a-very-long-project-name-that-goes-on-and-on",
            ),
            p(
                "4b7e2a90-5f13-4c6d-b2a8-e91f0c3d7a15",
                "e\u{301}quipe-re\u{301}seau",
            ),
        ]))],
    );
    send(&mut m, [enter(), enter(), enter()]);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal.draw(|f| view(&m, f)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    // The column (in cells) where each id starts.
    let id_col = |id: &str| {
        (0..buf.area.height)
            .find_map(|y| {
                let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                let first = &id[..1];
                (0..row.len()).find(|&x| {
                    row[x] == first
                        && row[x..].iter().take(8).copied().collect::<String>() == id[..8]
                })
            })
            .unwrap_or_else(|| panic!("{id} on screen"))
    };
    let long = id_col("d28c5e14");
    assert_eq!(long, id_col("4b7e2a90"), "combining marks shift nothing");
    let screen = render(&m);
    assert!(screen.contains("a-very-long-project-name-…"), "{screen}");
}

fn priced_request(quantity: u64) -> pca_order::order::OrderRequest {
    pca_order::order::OrderDraft {
        subscription_num: quantity,
        ..Default::default()
    }
    .validate(None)
    .expect("valid")
}

fn ctrl(c: char) -> Ev {
    Ev::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn review_price() {
    use pca_order::billing::{Amount, Discount, Price};
    let amount = |s: &str| Amount::parse(s).expect("decimal");
    let price = Price {
        list: amount("3600"),
        discount: Some(Discount {
            amount: amount("3240.5"),
            discount_amount: amount("359.5"),
            name: "promo".into(),
            discount_type: Some(600),
        }),
        currency: "CNY".into(),
        measure_id: 1,
        what: "3 CAs × 1 month".into(),
    };
    for lang in LANGS {
        let l = tag(lang);
        let mut m = loaded(lang);
        send(
            &mut m,
            [enter(), ctrl('u'), ch('3'), enter(), enter(), enter()],
        );
        send(
            &mut m,
            [Msg::price_loaded(priced_request(3), Ok(price.clone()))],
        );
        insta::assert_snapshot!(format!("{l}_5_review_price"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_5_review_price_confirm"), render(&m));

        let mut m = loaded(lang);
        send(
            &mut m,
            [enter(), ctrl('u'), ch('3'), enter(), enter(), enter()],
        );
        send(
            &mut m,
            [Msg::price_loaded(
                priced_request(3),
                Err(CallError::Api(ApiError {
                    status: 400,
                    code: "CBC.99006006".into(),
                    message: "product not found".into(),
                    request_id: Some("rid-9".into()),
                })),
            )],
        );
        insta::assert_snapshot!(format!("{l}_5_review_price_unavailable"), render(&m));
    }
}

/// The default order placed without auto-pay, with the review's price known: the result of an order
/// that waits for payment.
fn unpaid_result(lang: Lang) -> Model {
    use pca_order::billing::{Amount, Price};
    let to_pay = Amount::parse("1200").expect("decimal");
    let mut m = loaded(lang);
    send(&mut m, [enter(), enter(), enter(), enter()]);
    send(
        &mut m,
        [Msg::price_loaded(
            priced_request(1),
            Ok(Price {
                list: to_pay,
                discount: None,
                currency: "CNY".into(),
                measure_id: 1,
                what: "1 CA × 1 month".into(),
            }),
        )],
    );
    send(&mut m, [enter(), ch('y')]);
    send(
        &mut m,
        [
            Msg::Submitted(Outcome::Done(Created {
                order_id: "CS1803192259ROA8U".into(),
                ca_ids: vec![
                    "4284547e-68ef-4a94-adea-9df1e5d8ad65".into(),
                    "36bd8235-ebac-4caa-a43b-a531a97134da".into(),
                ],
            })),
            order_read(),
        ],
    );
    m
}

/// The read of a new unpaid order (status 6, 1200 CNY) that the result screen asks for its amount.
fn order_read() -> Msg {
    match polled(Ok(6)) {
        Msg::Polled(mut p) => {
            if let Ok((d, _)) = p.result.as_mut() {
                d.amount_after_discount = pca_order::billing::Amount::parse("1200").ok();
            }
            Msg::Polled(p)
        }
        other => other,
    }
}

fn acted(kind: pca_order::journal::ActionKind, outcome: Outcome<()>) -> Msg {
    Msg::Acted(Box::new(pca_order::tui::model::ActAnswer {
        kind,
        order_id: "CS1803192259ROA8U".into(),
        outcome,
        journal_warning: None,
    }))
}

fn polled(result: Result<i64, CallError>) -> Msg {
    use pca_order::billing::{OrderDetails, OrderStatus};
    Msg::Polled(Box::new(pca_order::tui::model::Polled {
        order_id: "CS1803192259ROA8U".into(),
        result: result.map(|status| {
            (
                OrderDetails {
                    order_id: "CS1803192259ROA8U".into(),
                    status: OrderStatus::from_code(status),
                    order_type: Some(1),
                    amount_after_discount: None,
                    official_amount: None,
                    currency: "CNY".into(),
                    create_time: None,
                    payment_time: None,
                    pending_payment_end_time: None,
                },
                vec![],
            )
        }),
    }))
}

fn ticks(n: usize, ms: u64) -> Vec<Msg> {
    (0..n)
        .map(|_| Msg::Tick(std::time::Duration::from_millis(ms)))
        .collect()
}

#[test]
fn billing_screens() {
    use pca_order::journal::ActionKind;
    for lang in LANGS {
        let l = tag(lang);
        let mut m = unpaid_result(lang);
        insta::assert_snapshot!(format!("{l}_8_result_unpaid"), render(&m));
        send(&mut m, [ch('p')]);
        insta::assert_snapshot!(format!("{l}_8_pay_confirm"), render(&m));
        send(&mut m, [ch('y')]);
        send(&mut m, ticks(15, 100));
        insta::assert_snapshot!(format!("{l}_8_paying"), render(&m));
        send(&mut m, [ctrl('c')]);
        insta::assert_snapshot!(format!("{l}_8_paying_quit"), render(&m));
        send(&mut m, [ch('n')]);
        send(&mut m, [acted(ActionKind::Pay, Outcome::Done(()))]);
        insta::assert_snapshot!(format!("{l}_8_tracking_first_read"), render(&m));
        send(&mut m, ticks(1, 5000));
        send(&mut m, [polled(Ok(3))]);
        send(&mut m, ticks(1, 7000));
        insta::assert_snapshot!(format!("{l}_8_tracking_processing"), render(&m));
        send(&mut m, ticks(1, 3000));
        send(
            &mut m,
            [polled(Err(CallError::Api(ApiError {
                status: 503,
                code: "CBC.0999".into(),
                message: "service busy".into(),
                request_id: Some("rid-7".into()),
            })))],
        );
        insta::assert_snapshot!(format!("{l}_8_tracking_read_failed"), render(&m));
        send(&mut m, ticks(1, 10_000));
        send(&mut m, [polled(Ok(5))]);
        insta::assert_snapshot!(format!("{l}_8_tracking_completed"), render(&m));

        // Refused, then unknown.
        let mut m = unpaid_result(lang);
        send(&mut m, [ch('p'), ch('y')]);
        send(
            &mut m,
            [acted(
                ActionKind::Pay,
                Outcome::Rejected(ApiError {
                    status: 403,
                    code: "CBC.0151".into(),
                    message: "The account balance is insufficient.".into(),
                    request_id: Some("rid-8".into()),
                }),
            )],
        );
        insta::assert_snapshot!(format!("{l}_8_pay_rejected"), render(&m));
        send(&mut m, [ch('r'), ch('p'), ch('y')]);
        send(
            &mut m,
            [acted(
                ActionKind::Pay,
                Outcome::Unknown(Reason::Timeout {
                    host: "127.0.0.1".into(),
                    detail: "operation timed out".into(),
                }),
            )],
        );
        insta::assert_snapshot!(format!("{l}_8_pay_unknown"), render(&m));
        send(&mut m, [ch('r')]);
        send(&mut m, ticks(1, 5000));
        send(&mut m, [polled(Ok(6))]);
        insta::assert_snapshot!(format!("{l}_8_tracking_after_unknown"), render(&m));

        // Cancel.
        let mut m = unpaid_result(lang);
        send(&mut m, [ch('x')]);
        insta::assert_snapshot!(format!("{l}_8_cancel_confirm"), render(&m));
        send(&mut m, [ch('y')]);
        send(&mut m, [acted(ActionKind::Cancel, Outcome::Done(()))]);
        insta::assert_snapshot!(format!("{l}_8_cancelled"), render(&m));
    }
}

#[test]
fn tracking_an_auto_paid_order_that_auto_pay_could_not_pay() {
    for lang in LANGS {
        let l = tag(lang);
        let mut m = loaded(lang);
        // Renewal: down to auto-pay, yes; then on to the review and buy.
        send(
            &mut m,
            [enter(), enter(), ch('j'), ch('y'), enter(), enter()],
        );
        send(&mut m, [enter(), ch('y')]);
        send(
            &mut m,
            [Msg::Submitted(Outcome::Done(Created {
                order_id: "CS1803192259ROA8U".into(),
                ca_ids: vec!["4284547e-68ef-4a94-adea-9df1e5d8ad65".into()],
            }))],
        );
        insta::assert_snapshot!(format!("{l}_8_tracking_auto_paid"), render(&m));
        send(&mut m, ticks(1, 5000));
        send(&mut m, [polled(Ok(6))]);
        let screen = render(&m);
        assert!(
            !screen.contains("nothing left to pay") && !screen.contains("无需再支付"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("{l}_8_tracking_auto_pay_unpaid"), screen);
    }
}

// ---- the activation flow hosted by the wizard (issue 10): every screen, both languages ----

fn act_msg(msg: pca_order::tui::model::activation::ActivationMsg) -> Msg {
    Msg::Activation(Box::new(msg))
}

fn ca_json(id: &str, status: &str, cn: &str) -> pca_order::activation::CaInfo {
    pca_order::activation::CaInfo::from_json(&serde_json::json!({
        "ca_id": id,
        "type": "ROOT",
        "status": status,
        "distinguished_name": {"common_name": cn, "country": "CN"},
        "key_algorithm": "RSA2048",
        "signature_algorithm": "SHA256",
        "serial_number": "3c2a1f",
        "not_before": 1_700_000_000_000_i64,
        "not_after": 1_731_536_000_000_i64,
    }))
    .expect("a CA object")
}

const ACT_CA1: &str = "4284547e-68ef-4a94-adea-9df1e5d8ad65";
const ACT_CA2: &str = "36bd8235-ebac-4caa-a43b-a531a97134da";
const ACT_ISSUER: &str = "6284547e-68ef-4a94-adea-9df1e5d8ad67";

/// The time the runtime reports when the validity and review steps open (the model reads no clock):
/// 31 January, so a month's end is clamped to February's last day.
fn act_clock() -> Ev {
    let at = time::Date::from_calendar_date(2026, time::Month::January, 31)
        .expect("date")
        .with_hms(10, 0, 0)
        .expect("time")
        .assume_utc();
    Ev::M(act_msg(
        pca_order::tui::model::activation::ActivationMsg::Clock(at),
    ))
}

fn activation(lang: Lang, ca_ids: &[&str]) -> Model {
    use pca_order::tui::model::activation::{ActivationMsg, ActivationStart};
    let mut m = Model::new(lang, header(true), false);
    update(&mut m, Msg::Resize(80, 24));
    m.open_activation(ActivationStart {
        ca_ids: ca_ids.iter().map(|s| s.to_string()).collect(),
        period: Some((pca_order::order::PeriodUnit::Year, 2)),
    });
    send(
        &mut m,
        [
            act_msg(ActivationMsg::PendingLoaded(Ok(vec![
                ca_json(ACT_CA1, "PENDING", "-"),
                ca_json(ACT_CA2, "PENDING", "-"),
            ]))),
            act_msg(ActivationMsg::IssuersLoaded(Ok(vec![ca_json(
                ACT_ISSUER,
                "ACTIVED",
                "Issuer One",
            )]))),
        ],
    );
    m
}

#[test]
fn activation_screens() {
    use pca_order::tui::model::activation::ActivationMsg;
    for lang in LANGS {
        let l = tag(lang);
        let m = activation(lang, &[]);
        insta::assert_snapshot!(format!("{l}_act_0_choose"), render(&m));
        let mut m = activation(lang, &[ACT_CA1, ACT_CA2]);
        insta::assert_snapshot!(format!("{l}_act_1_type"), render(&m));
        send(&mut m, [enter()]);
        insta::assert_snapshot!(format!("{l}_act_2_subject"), render(&m));
        send(
            &mut m,
            [
                key(KeyCode::Down),
                key(KeyCode::Down),
                key(KeyCode::Down),
                // The prefilled "CN" is selected: End keeps it (issue 19), then edit its last letter.
                key(KeyCode::End),
                key(KeyCode::Backspace),
                ch('1'),
            ],
        );
        insta::assert_snapshot!(format!("{l}_act_2_subject_error"), render(&m));
        send(&mut m, [key(KeyCode::Backspace), ch('N'), enter()]);
        insta::assert_snapshot!(format!("{l}_act_3_keys"), render(&m));
        send(&mut m, [enter(), act_clock()]);
        insta::assert_snapshot!(format!("{l}_act_4_validity"), render(&m));
        send(&mut m, [enter(), act_clock()]);
        insta::assert_snapshot!(format!("{l}_act_5_review"), render(&m));
        send(&mut m, [ch('v')]);
        insta::assert_snapshot!(format!("{l}_act_5_review_json"), render(&m));
        send(&mut m, [ch('v'), enter()]);
        insta::assert_snapshot!(format!("{l}_act_5_question"), render(&m));
        send(&mut m, [ch('y')]);
        insta::assert_snapshot!(format!("{l}_act_6_activating"), render(&m));
        let mut failed = m.clone();
        send(
            &mut m,
            [
                act_msg(ActivationMsg::Activated(Outcome::Done(()))),
                act_msg(ActivationMsg::Shown(Ok(ca_json(
                    ACT_CA1,
                    "ACTIVED",
                    "Private CA",
                )))),
            ],
        );
        insta::assert_snapshot!(format!("{l}_act_7_done_next"), render(&m));
        let mut chain = m.clone();
        send(&mut m, [ch('?')]);
        insta::assert_snapshot!(format!("{l}_act_7_done_help"), render(&m));
        // Issue 19: the next CA after a root is offered as its subordinate, the root chosen.
        send(&mut chain, [enter()]);
        insta::assert_snapshot!(format!("{l}_act_10_next_type"), render(&chain));
        send(
            &mut chain,
            [enter(), Ev::M(Msg::Paste("Issuing CA".into())), enter()],
        );
        insta::assert_snapshot!(format!("{l}_act_10_next_keys"), render(&chain));
        send(&mut chain, [enter(), act_clock()]);
        send(&mut chain, [enter(), act_clock()]);
        insta::assert_snapshot!(format!("{l}_act_10_next_review"), render(&chain));
        send(
            &mut failed,
            [act_msg(ActivationMsg::Activated(Outcome::Unknown(
                Reason::Timeout {
                    host: "127.0.0.1".into(),
                    detail: "timed out".into(),
                },
            )))],
        );
        insta::assert_snapshot!(format!("{l}_act_8_unknown"), render(&failed));
        send(&mut failed, [ch('r')]);
        insta::assert_snapshot!(format!("{l}_act_8_unknown_review"), render(&failed));
        send(
            &mut failed,
            [
                ch('s'),
                Ev::M(act_msg(ActivationMsg::Shown(Ok(ca_json(
                    ACT_CA1, "PENDING", "-",
                ))))),
                enter(),
            ],
        );
        insta::assert_snapshot!(format!("{l}_act_8_unknown_again"), render(&failed));
        let mut rejected = activation(lang, &[ACT_CA1]);
        send(
            &mut rejected,
            [enter(), enter(), enter(), enter(), enter(), ch('y')],
        );
        send(
            &mut rejected,
            [act_msg(ActivationMsg::Activated(Outcome::Rejected(
                ApiError {
                    status: 400,
                    code: "PCA.00020101".into(),
                    message: "invalid distinguished name".into(),
                    request_id: Some("7f3c2a1e9b8d4c6e".into()),
                },
            )))],
        );
        insta::assert_snapshot!(format!("{l}_act_9_rejected"), render(&rejected));
    }
}

/// The help states the one key rule of every flow (issue 19): on a screen of rows, Esc back, Tab and
/// Shift-Tab between fields, ←→ change, `q` quit; in a text field F1 help and Ctrl-U clear.
#[test]
fn help_states_the_one_key_rule() {
    for lang in LANGS {
        let l = tag(lang);
        let mut m = model(lang);
        send(&mut m, [enter(), enter(), ch('?')]);
        insta::assert_snapshot!(format!("{l}_help_renewal"), render(&m));
        let mut m = model(lang);
        send(&mut m, [enter(), enter(), enter(), enter()]);
        send(&mut m, [key(KeyCode::Tab), key(KeyCode::F(1))]);
        insta::assert_snapshot!(format!("{l}_help_promotion"), render(&m));
        let mut m = activation(lang, &[ACT_CA1]);
        send(&mut m, [enter(), key(KeyCode::F(1))]);
        insta::assert_snapshot!(format!("{l}_help_act_subject"), render(&m));
        let mut m = activation(lang, &[ACT_CA1]);
        send(&mut m, [enter(), enter(), ch('?')]);
        insta::assert_snapshot!(format!("{l}_help_act_keys"), render(&m));
    }
}

/// A focused prefilled field is drawn selected (reversed), so it reads as "typing replaces this".
#[test]
fn a_prefilled_field_is_drawn_selected_until_typed_in() {
    let mut m = model(Lang::En);
    let backend = TestBackend::new(80, 24);
    let mut terminal = Terminal::new(backend).expect("terminal");
    let mut reversed_at = |m: &Model| {
        terminal.draw(|f| view(m, f)).expect("draw");
        let buf = terminal.backend().buffer();
        let row = (0..24)
            .find(|y| {
                (0..80)
                    .map(|x| buf[(x, *y)].symbol())
                    .collect::<String>()
                    .contains("[1")
            })
            .expect("the period field");
        let x = (0..80)
            .find(|x| buf[(*x, row)].symbol() == "[")
            .expect("its bracket");
        buf[(x + 1, row)].modifier.contains(Modifier::REVERSED)
    };
    assert!(reversed_at(&m), "the prefilled 1 is selected");
    send(&mut m, [ch('2'), key(KeyCode::Backspace), ch('1')]);
    assert!(!reversed_at(&m), "typed in: no selection");
}

/// What the region sells, said before anything is confirmed (issue 21): the review of a region whose
/// console configuration sells no yearly/monthly CA (Enter asks nothing there), the quiet line when it
/// could not be read, and the keys step of a region that offers no SM2.
#[test]
fn what_the_region_sells() {
    use pca_order::order::ConsoleConfig;
    for lang in LANGS {
        let l = tag(lang);
        let mut m = loaded(lang);
        send(
            &mut m,
            [Msg::ConsoleLoaded(Ok(ConsoleConfig {
                yearly_monthly_ca: Some(false),
                ..ConsoleConfig::default()
            }))],
        );
        send(&mut m, [enter(), enter(), enter(), enter(), enter()]);
        // Enter places nothing here, so it is neither offered nor bound (the footer shows the rest).
        assert_eq!(m.context(), keymap::Context::ReviewRefused, "{l}");
        send(&mut m, [enter()]);
        assert!(m.overlay.is_none(), "{l}: no question");
        insta::assert_snapshot!(format!("{l}_5_review_region_sells_none"), render(&m));
        // The price could not be read there either: said neutrally, never "buying is still
        // possible" beside the refusal that says no order is placed.
        send(
            &mut m,
            [Msg::price_loaded(
                priced_request(1),
                Err(CallError::Api(ApiError {
                    status: 400,
                    code: "CBC.99006006".into(),
                    message: "product not found".into(),
                    request_id: Some("rid-9".into()),
                })),
            )],
        );
        let screen = render(&m);
        let t = lang.text();
        assert!(screen.contains(t.price_unread), "{l}: {screen}");
        assert!(!screen.contains(t.price_unavailable), "{l}: {screen}");
        let refusal_start: String = t.region_sells_none("cn-north-4").chars().take(12).collect();
        assert!(screen.contains(&refusal_start), "{l}: {screen}");
        insta::assert_snapshot!(
            format!("{l}_5_review_region_sells_none_price_unavailable"),
            screen
        );
        let mut m = loaded(lang);
        send(
            &mut m,
            [Msg::ConsoleLoaded(Err(CallError::Api(ApiError {
                status: 503,
                code: "APIGW.0201".into(),
                message: "Backend unavailable".into(),
                request_id: Some("rid-7".into()),
            })))],
        );
        send(&mut m, [enter(), enter(), enter(), enter()]);
        insta::assert_snapshot!(format!("{l}_5_review_console_unread"), render(&m));
        let mut m = activation(lang, &[ACT_CA1]);
        send(
            &mut m,
            [Msg::ConsoleLoaded(Ok(ConsoleConfig {
                sm2: Some(false),
                ..ConsoleConfig::default()
            }))],
        );
        send(&mut m, [enter(), enter()]);
        insta::assert_snapshot!(format!("{l}_act_3_keys_no_sm2"), render(&m));
    }
}

// ---- "My CAs" (issue 20) ----

mod my_cas {
    use super::*;
    use pca_order::activation::CaInfo;
    use pca_order::billing::subscription::{ResourceStatus, Subscription};
    use pca_order::tui::model::manage::{ManageMsg, ManageRead};
    use serde_json::json;
    use time::macros::datetime;

    fn ca(id: &str, cn: Option<&str>, status: &str, not_after_ms: Option<i64>) -> CaInfo {
        let mut v = json!({"ca_id": id, "type": "ROOT", "status": status});
        if let Some(cn) = cn {
            v["distinguished_name"] =
                json!({"common_name": cn, "country": "CN", "organization": "Example"});
            v["key_algorithm"] = json!("RSA2048");
            v["signature_algorithm"] = json!("SHA256");
            v["serial_number"] = json!("5f3a9c");
            v["path_length"] = json!(7);
            v["not_before"] = json!(1_764_547_200_000_i64);
        }
        if let Some(ms) = not_after_ms {
            v["not_after"] = json!(ms);
        }
        CaInfo::from_json(&v).expect("a CA object")
    }

    fn sub(id: &str, end: time::OffsetDateTime, policy: i64) -> Subscription {
        Subscription {
            resource_id: id.into(),
            status: ResourceStatus::InUse,
            effective_time: None,
            expire_time: Some(end),
            expire_policy: Some(policy),
            region_code: "cn-north-4".into(),
            is_main_resource: Some(1),
        }
    }

    fn read(paid: Option<Result<Vec<Subscription>, CallError>>) -> Msg {
        let cas = vec![
            ca(
                "1284547e-68ef-4a94-adea-9df1e5d8ad61",
                Some("Team Root"),
                "ACTIVED",
                Some(2_111_702_400_000),
            ),
            ca(
                "2284547e-68ef-4a94-adea-9df1e5d8ad62",
                Some("支付网关中级 CA"),
                "ACTIVED",
                Some(1_893_456_000_000),
            ),
            ca(
                "3284547e-68ef-4a94-adea-9df1e5d8ad63",
                None,
                "PENDING",
                None,
            ),
        ];
        Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(ManageRead {
            cas: Ok(cas),
            paid,
            now: datetime!(2026-12-07 00:00 UTC),
        }))))
    }

    fn subs() -> Vec<Subscription> {
        vec![
            sub(
                "1284547e-68ef-4a94-adea-9df1e5d8ad61",
                datetime!(2027-12-07 00:00 UTC),
                3,
            ),
            sub(
                "2284547e-68ef-4a94-adea-9df1e5d8ad62",
                datetime!(2026-12-12 00:00 UTC),
                0,
            ),
            sub(
                "3284547e-68ef-4a94-adea-9df1e5d8ad63",
                datetime!(2027-01-07 00:00 UTC),
                0,
            ),
        ]
    }

    fn opened(lang: Lang) -> Model {
        let mut m = Model::new(lang, header(true), false);
        update(&mut m, Msg::Resize(80, 24));
        let _ = m.open_manage();
        m
    }

    #[test]
    fn my_cas_screens() {
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = opened(lang);
            insta::assert_snapshot!(format!("{l}_my_cas_loading"), render(&m));
            send(&mut m, [read(Some(Ok(subs())))]);
            insta::assert_snapshot!(format!("{l}_my_cas_list"), render(&m));
            send(&mut m, [ch('/'), ch('r'), ch('o')]);
            insta::assert_snapshot!(format!("{l}_my_cas_filter"), render(&m));
            send(
                &mut m,
                [
                    key(KeyCode::Esc),
                    key(KeyCode::Down),
                    key(KeyCode::Down),
                    enter(),
                ],
            );
            insta::assert_snapshot!(format!("{l}_my_cas_detail"), render(&m));

            let mut failed = opened(lang);
            send(
                &mut failed,
                [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
                    ManageRead {
                        cas: Err(CallError::Api(ApiError {
                            status: 403,
                            code: "PCA.10010003".into(),
                            message: "The user has no permission.".into(),
                            request_id: Some("5f2a9c1e0b7d".into()),
                        })),
                        paid: None,
                        now: datetime!(2026-12-07 00:00 UTC),
                    },
                ))))],
            );
            insta::assert_snapshot!(format!("{l}_my_cas_failed"), render(&failed));

            let mut unread = opened(lang);
            send(
                &mut unread,
                [read(Some(Err(CallError::Api(ApiError {
                    status: 403,
                    code: "CBC.0151".into(),
                    message: "Access denied.".into(),
                    request_id: Some("7c1d".into()),
                }))))],
            );
            insta::assert_snapshot!(format!("{l}_my_cas_bss_unread"), render(&unread));
        }
    }

    /// Auto-renew and unsubscribe (issue 20): the auto-renew question, the unsubscribe choice, the typed
    /// question with a partial answer, the request in flight and a done outcome with its read-back.
    #[test]
    fn my_cas_paid_life_screens() {
        use pca_order::api::Outcome;
        use pca_order::tui::model::lifecycle::{LifeAnswer, LifeMsg};
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = opened(lang);
            send(&mut m, [read(Some(Ok(subs())))]);
            send(&mut m, [ch('t')]);
            insta::assert_snapshot!(format!("{l}_my_cas_auto_renew_confirm"), render(&m));
            send(&mut m, [ch('y')]);
            insta::assert_snapshot!(format!("{l}_my_cas_auto_renew_sending"), render(&m));
            send(
                &mut m,
                [Msg::Manage(Box::new(ManageMsg::Life(Box::new(
                    LifeMsg::Sent {
                        answer: LifeAnswer::Switched(Outcome::Done(())),
                        journal_warning: None,
                    },
                ))))],
            );
            let mut on = subs();
            on[1].expire_policy = Some(3);
            send(&mut m, [read(Some(Ok(on)))]);
            insta::assert_snapshot!(format!("{l}_my_cas_auto_renew_done"), render(&m));
            send(&mut m, [enter(), ch('u')]);
            insta::assert_snapshot!(format!("{l}_my_cas_unsubscribe_choose"), render(&m));
            send(&mut m, [enter(), ch('2'), ch('2'), ch('8')]);
            insta::assert_snapshot!(format!("{l}_my_cas_unsubscribe_typed"), render(&m));
        }
    }

    /// Renew (issue 20): the period choice (2 years, pay now on) and the one question with its amount.
    #[test]
    fn my_cas_renew_screens() {
        use pca_order::billing::Amount;
        use pca_order::billing::renew::RenewRate;
        use pca_order::tui::model::lifecycle::LifeMsg;
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = opened(lang);
            send(&mut m, [read(Some(Ok(subs())))]);
            send(&mut m, [ch('n'), key(KeyCode::Up), ch(' ')]);
            insta::assert_snapshot!(format!("{l}_my_cas_renew_choose"), render(&m));
            send(&mut m, [enter()]);
            let ca_id = match &m.manage().and_then(|f| f.life.screen.clone()) {
                Some(pca_order::tui::model::lifecycle::LifeScreen::RenewRating(p)) => {
                    p.ca_id.clone()
                }
                other => panic!("reading the price: {other:?}"),
            };
            let amount = Amount::parse("2400").expect("an amount");
            send(
                &mut m,
                [Msg::Manage(Box::new(ManageMsg::Life(Box::new(
                    LifeMsg::Rated(Ok(RenewRate {
                        currency: "CNY".into(),
                        per_ca: vec![(ca_id, amount)],
                        amount,
                        list: None,
                        discount: None,
                        failures: Vec::new(),
                    })),
                ))))],
            );
            insta::assert_snapshot!(format!("{l}_my_cas_renew_confirm"), render(&m));
        }
    }

    /// A renewal paid at once, followed: its order processing (read once, 5 s in), then completed with
    /// the CA read again (the new paid-until beside the old one).
    #[test]
    fn my_cas_renew_follow_screens() {
        use pca_order::api::Outcome;
        use pca_order::billing::renew::{RenewRate, Renewed};
        use pca_order::billing::{Amount, OrderStatus};
        use pca_order::tui::model::lifecycle::{LifeAnswer, LifeMsg};
        use std::time::Duration;
        let life = |msg: LifeMsg| Msg::Manage(Box::new(ManageMsg::Life(Box::new(msg))));
        let order = "CS2612071200ABCDE";
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = opened(lang);
            send(&mut m, [read(Some(Ok(subs())))]);
            send(&mut m, [ch('n'), ch(' '), enter()]);
            let ca_id = "2284547e-68ef-4a94-adea-9df1e5d8ad62".to_string();
            let amount = Amount::parse("12000").expect("an amount");
            send(
                &mut m,
                [life(LifeMsg::Rated(Ok(RenewRate {
                    currency: "CNY".into(),
                    per_ca: vec![(ca_id, amount)],
                    amount,
                    list: None,
                    discount: None,
                    failures: Vec::new(),
                })))],
            );
            send(&mut m, [ch('y')]);
            send(
                &mut m,
                [life(LifeMsg::Sent {
                    answer: LifeAnswer::Renewed(Outcome::Done(Renewed {
                        order_ids: vec![order.into()],
                        failures: Vec::new(),
                    })),
                    journal_warning: None,
                })],
            );
            send(&mut m, [Msg::Tick(Duration::from_secs(5))]);
            let processing = life(LifeMsg::OrderRead {
                order_id: order.into(),
                result: Ok(OrderStatus::Processing),
            });
            send(&mut m, [processing]);
            insta::assert_snapshot!(format!("{l}_my_cas_renew_following"), render(&m));
            send(&mut m, [Msg::Tick(Duration::from_secs(10))]);
            let completed = life(LifeMsg::OrderRead {
                order_id: order.into(),
                result: Ok(OrderStatus::Completed),
            });
            send(&mut m, [completed]);
            let mut renewed = subs();
            renewed[1].expire_time = Some(datetime!(2027-12-12 00:00 UTC));
            send(&mut m, [read(Some(Ok(renewed)))]);
            insta::assert_snapshot!(format!("{l}_my_cas_renew_completed"), render(&m));
        }
    }
}

// ---- export (issue 21) ----

mod export_screens {
    use super::*;
    use pca_order::activation::CaInfo;
    use pca_order::tui::model::export::{ExportFailure, ExportMsg, Saved};
    use pca_order::tui::model::manage::{ManageMsg, ManageRead};
    use serde_json::json;
    use time::macros::datetime;

    fn listed(lang: Lang) -> Model {
        let ca = |id: &str, cn: Option<&str>, status: &str| {
            let mut v = json!({"ca_id": id, "type": "ROOT", "status": status});
            if let Some(cn) = cn {
                v["distinguished_name"] = json!({"common_name": cn, "country": "CN"});
                v["not_after"] = json!(2_111_702_400_000_i64);
            }
            CaInfo::from_json(&v).expect("a CA object")
        };
        let mut m = Model::new(lang, header(true), false);
        update(&mut m, Msg::Resize(80, 24));
        let _ = m.open_manage();
        send(
            &mut m,
            [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
                ManageRead {
                    cas: Ok(vec![
                        ca(
                            "1284547e-68ef-4a94-adea-9df1e5d8ad61",
                            Some("Team Sub"),
                            "ACTIVED",
                        ),
                        ca("3284547e-68ef-4a94-adea-9df1e5d8ad63", None, "PENDING"),
                    ]),
                    paid: None,
                    now: datetime!(2026-12-07 00:00 UTC),
                },
            ))))],
        );
        m
    }

    fn saved() -> Saved {
        Saved {
            certificate: "/home/dev/Team_Sub-1.pem".into(),
            chain: Some("/home/dev/Team_Sub-1-chain.pem".into()),
            taken: Some("/home/dev/Team_Sub.pem".into()),
            subject: "C=CN, O=Example, CN=Team Sub".into(),
            serial: "5f3a9c0e11d2b7a4".into(),
            not_before: datetime!(2026-12-07 08:00 UTC),
            not_after: datetime!(2028-12-07 08:00 UTC),
            sha256: "3A:9F:0C:5B:E2:71:D4:88:16:AF:C3:2E:90:5D:B7:4A:61:08:F2:9E:CC:35:7B:D0:A4:19:E6:52:8F:03:BD:77".into(),
            chain_len: 1,
        }
    }

    #[test]
    fn export_screens() {
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = listed(lang);
            send(&mut m, [ch('e')]);
            insta::assert_snapshot!(format!("{l}_export_working"), render(&m));
            send(
                &mut m,
                [Msg::Export(Box::new(ExportMsg::Done(Ok(saved()))))],
            );
            insta::assert_snapshot!(format!("{l}_export_done"), render(&m));

            let mut failed = listed(lang);
            send(&mut failed, [ch('e')]);
            send(
                &mut failed,
                [Msg::Export(Box::new(ExportMsg::Done(Err(
                    ExportFailure::Call(CallError::Network("connection refused".into())),
                ))))],
            );
            insta::assert_snapshot!(format!("{l}_export_failed"), render(&failed));

            // A PENDING row offers no `e`; the export's own read can still find the CA gone (ended
            // between the table's read and the export).
            let mut refused = listed(lang);
            send(&mut refused, [ch('e')]);
            send(
                &mut refused,
                [Msg::Export(Box::new(ExportMsg::Done(Err(
                    ExportFailure::NotExportable("DELETED".into()),
                ))))],
            );
            insta::assert_snapshot!(format!("{l}_export_refused"), render(&refused));
        }
    }
}

// ---- the CSR path (issue 21) ----

mod csr_screens {
    use super::*;
    use pca_order::activation::CaInfo;
    use pca_order::tui::model::csr::{CsrMsg, CsrResult, CsrWritten};
    use pca_order::tui::model::manage::{ManageMsg, ManageRead};
    use serde_json::json;
    use time::macros::datetime;

    fn listed(lang: Lang) -> Model {
        let v = json!({"ca_id": "3284547e-68ef-4a94-adea-9df1e5d8ad63", "type": "SUBORDINATE",
            "status": "PENDING"});
        let mut m = Model::new(lang, header(true), false);
        update(&mut m, Msg::Resize(80, 24));
        let _ = m.open_manage();
        send(
            &mut m,
            [Msg::Manage(Box::new(ManageMsg::Loaded(Box::new(
                ManageRead {
                    cas: Ok(vec![CaInfo::from_json(&v).expect("a CA object")]),
                    paid: None,
                    now: datetime!(2026-12-07 00:00 UTC),
                },
            ))))],
        );
        m
    }

    #[test]
    fn csr_screens() {
        for lang in Lang::ALL {
            let l = tag(lang);
            let mut m = listed(lang);
            send(&mut m, [ch('s')]);
            insta::assert_snapshot!(format!("{l}_csr_form"), render(&m));
            send(&mut m, [enter(), key(KeyCode::Right), enter()]);
            insta::assert_snapshot!(format!("{l}_csr_question"), render(&m));
            send(&mut m, [ch('y')]);
            send(
                &mut m,
                [Msg::Csr(Box::new(CsrMsg::Done(Box::new(CsrResult {
                    saved_now: true,
                    skipped: false,
                    end: Ok(CsrWritten {
                        path: "/home/dev/Private_CA.csr".into(),
                        taken: None,
                        subject: "C=CN, CN=Private CA".into(),
                    }),
                }))))],
            );
            insta::assert_snapshot!(format!("{l}_csr_done"), render(&m));
        }
    }
}

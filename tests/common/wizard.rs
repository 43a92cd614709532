//! Driving the wizard's pure `update` as the runtime does, for the tests that feed it keys and messages.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pca_order::tui::keymap;
use pca_order::tui::model::{Effect, HeaderInfo, Model, Msg, update};
use pca_order::tui::text::Lang;

/// A header for a real (not sandbox) endpoint with a token from the environment.
pub fn header() -> HeaderInfo {
    HeaderInfo {
        region: "cn-north-4".into(),
        endpoint: "https://ccm.cn-north-4.myhuaweicloud.com".into(),
        credential_kind: "IAM token".into(),
        credential_source: "env HUAWEICLOUD_AUTH_TOKEN".into(),
        sandbox: false,
        journal_path: "/tmp/orders.jsonl".into(),
    }
}

/// What a test feeds the wizard: a raw key (resolved through the keymap where the wizard is, as the
/// runtime does) or any other message.
#[derive(Debug, Clone)]
pub enum Ev {
    Key(KeyEvent),
    M(Msg),
}

impl From<Msg> for Ev {
    fn from(msg: Msg) -> Self {
        Ev::M(msg)
    }
}

/// Applies one event as the runtime would: keys go through the keymap in the model's context.
pub fn apply(m: &mut Model, ev: Ev) -> Vec<Effect> {
    match ev {
        Ev::Key(k) => match keymap::translate(m.context(), &k) {
            Some(action) => update(m, Msg::Action(action)),
            None => Vec::new(),
        },
        Ev::M(msg) => update(m, msg),
    }
}

/// Applies each event in turn; returns every effect asked for.
pub fn send<E: Into<Ev>>(m: &mut Model, evs: impl IntoIterator<Item = E>) -> Vec<Effect> {
    evs.into_iter().flat_map(|ev| apply(m, ev.into())).collect()
}

pub fn key_mod(code: KeyCode, modifiers: KeyModifiers) -> Ev {
    Ev::Key(KeyEvent::new(code, modifiers))
}

pub fn key(code: KeyCode) -> Ev {
    key_mod(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> Ev {
    key(KeyCode::Char(c))
}

pub fn enter() -> Ev {
    key(KeyCode::Enter)
}

pub fn ctrl(c: char) -> Ev {
    key_mod(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The exit codes of the `Quit` effects among `effects`.
pub fn quits(effects: &[Effect]) -> Vec<i32> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Quit(c) => Some(*c),
            _ => None,
        })
        .collect()
}

/// A real (not sandbox) wizard in English on step 1, its quota (0 of 100 used) and an empty project list
/// loaded: what a walk through the order form starts from.
pub fn order_form_loaded() -> Model {
    let mut m = Model::new(Lang::En, header(), false);
    m.start();
    send(
        &mut m,
        [
            Msg::QuotaLoaded(Ok(pca_order::order::validate::QuotaLeft {
                quota: 100,
                used: 0,
            })),
            Msg::ProjectsLoaded(Ok(vec![])),
        ],
    );
    m
}

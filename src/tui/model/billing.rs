//! Billing in the wizard: the price on the review, fetched in the background from BSS as soon as the
//! choices are known and again whenever they change. Each fetch is tagged with what it prices
//! ([`PriceKey`]), and only the answer for the choices on screen is kept, so a slow answer for an earlier
//! choice can never show beside a later one. A price that cannot be had says why; buying stays possible.

use crate::api::CallError;
use crate::billing::Price;
use crate::order::{OrderRequest, PeriodUnit};

use super::{Effect, Load, Model, Msg, Step};

/// What a price depends on: the unit, the period count and the quantity. The promotion text, the
/// project and the renewal choices do not change the price API's answer, so editing them does not ask
/// again. It is the tag that pairs an answer with its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceKey {
    /// Month or year.
    pub unit: PeriodUnit,
    /// How many months or years.
    pub period_num: u64,
    /// How many CAs.
    pub quantity: u64,
}

impl PriceKey {
    /// The key of the request a price was asked for.
    pub fn of(request: &OrderRequest) -> PriceKey {
        PriceKey {
            unit: request.period_unit(),
            period_num: request.period_num,
            quantity: request.subscription_num,
        }
    }
}

/// What comes back for a [`Effect::LoadPrice`]: the request it was asked for (the tag) and the answer.
#[derive(Debug, Clone)]
pub struct PriceAnswer {
    /// The request the price was asked for, exactly as the effect carried it.
    pub request: OrderRequest,
    /// The price, or why it could not be had.
    pub result: Result<Price, CallError>,
}

impl Msg {
    /// The message that brings a price answer back to the wizard.
    pub fn price_loaded(request: OrderRequest, result: Result<Price, CallError>) -> Msg {
        Msg::PriceLoaded(Box::new(PriceAnswer { request, result }))
    }
}

/// The price shown on the review: for which choices, and how far its fetch got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceQuote {
    /// The choices this price is for; an answer for any other key is dropped.
    pub key: PriceKey,
    /// Loading (spinner), the price, or why it could not be had.
    pub load: Load<Price>,
}

/// The request to price: the user's choices without the promotion text (which does not change the
/// price, and whose mistakes must not hide the price). `None` while a count is not valid.
fn price_request(model: &Model) -> Option<OrderRequest> {
    let mut draft = model.draft().ok()?;
    draft.promotion_info = String::new();
    draft.validate(model.quota_left()).ok()
}

/// Keeps the price in step with the choices: on the review, a new fetch whenever the choices differ
/// from the ones priced; away from it, a failed price is forgotten so coming back asks again.
pub(super) fn reconcile_price(model: &mut Model, effects: &mut Vec<Effect>) {
    if model.step != Step::Review {
        if matches!(
            model.price,
            Some(PriceQuote {
                load: Load::Failed(_),
                ..
            })
        ) {
            model.price = None;
        }
        return;
    }
    let Some(request) = price_request(model) else {
        return;
    };
    let key = PriceKey::of(&request);
    if model.price.as_ref().map(|p| p.key) != Some(key) {
        model.price = Some(PriceQuote {
            key,
            load: Load::Loading,
        });
        effects.push(Effect::LoadPrice(request));
    }
}

/// A price answer arrived: kept only when it is for the choices being priced now.
pub(super) fn on_price(model: &mut Model, PriceAnswer { request, result }: PriceAnswer) {
    let key = PriceKey::of(&request);
    if let Some(quote) = model.price.as_mut().filter(|q| q.key == key) {
        quote.load = match result {
            Ok(price) => Load::Loaded(price),
            Err(e) => Load::Failed(e),
        };
    }
}

/// Whether a price is on its way for the review on screen (its spinner needs ticks).
pub(super) fn price_loading(model: &Model) -> bool {
    model.step == Step::Review && model.price.as_ref().is_some_and(|p| p.load.is_loading())
}

impl Model {
    /// The price known for exactly this request's choices, if any: what the confirmation names.
    pub fn price_for(&self, request: &OrderRequest) -> Option<&Price> {
        match &self.price {
            Some(PriceQuote {
                key,
                load: Load::Loaded(price),
            }) if *key == PriceKey::of(request) => Some(price),
            _ => None,
        }
    }
}

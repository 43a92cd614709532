//! How "My CAs" applies its paid-life actions (`lifecycle.rs` holds their types and rules): the keys
//! that ask (auto-renew, unsubscribe), the unsubscribe choice, the confirmed request sent once, its
//! answer on the session's record and the list read back. A file of its own so that neither
//! `manage.rs` nor `lifecycle.rs` imports the other's flow machinery (the sibling files form no circle).

use crate::activation::CaStatus;
use crate::api::Outcome;
use crate::billing::lifecycle::{AutoRenew, Unsubscribe};
use crate::billing::subscription::ResourceStatus;
use crate::tui::keymap::Action;

use super::flow::Shell;
use super::lifecycle::{
    LifeAnswer, LifeEffect, LifeMsg, LifeRequest, LifeScreen, RenewFollow, RenewPlan, RenewVerdict,
};
use super::manage::{ManageFlow, ManageMsg, Paid};
use super::{Effect, Load, Overlay, Pending};

impl ManageFlow {
    /// Whether the CA the keys act on has a subscription BSS listed that is not closed: only then are
    /// renew, auto-renew and unsubscribe offered (a pay-per-use CA, one BSS could not be read, one
    /// already unsubscribed or a deleted CA has none to change — and renewing it would be paying for
    /// nothing).
    pub fn current_subscribed(&self) -> bool {
        self.current().is_some_and(|c| {
            c.status != CaStatus::Deleted
                && matches!(self.paid_of(&c.ca_id), Paid::Known(s) if s.status != ResourceStatus::Closed)
        })
    }

    /// The auto-renew switch the CA the keys act on would get: the opposite of its state.
    pub fn current_switch(&self) -> Option<AutoRenew> {
        let ca = self.current()?;
        let sub = self.paid_of(&ca.ca_id).subscription()?;
        Some(if sub.auto_renew() {
            AutoRenew::Off
        } else {
            AutoRenew::On {
                times: None,
                period: None,
            }
        })
    }

    /// Handles a message for the paid-life actions, or returns it untouched for the list's update.
    pub fn life_update(
        &mut self,
        shell: &mut Shell<'_>,
        msg: ManageMsg,
    ) -> Result<Vec<Effect>, ManageMsg> {
        match msg {
            ManageMsg::Life(answer) => Ok(self.on_life_msg(shell, *answer)),
            ManageMsg::Action(action) if self.life.screen.is_some() => {
                Ok(self.on_life_screen_key(shell, action))
            }
            ManageMsg::Action(Action::AutoRenew) if self.cas_loaded() => {
                self.ask_auto_renew(shell);
                Ok(Vec::new())
            }
            ManageMsg::Action(Action::Renew) if self.cas_loaded() => {
                if let Some(ca) = self.current().filter(|_| self.current_subscribed()) {
                    self.life.screen = Some(LifeScreen::RenewChoose(RenewPlan::new(
                        ca.ca_id.clone(),
                        ca.subject.common_name.clone(),
                    )));
                }
                Ok(Vec::new())
            }
            ManageMsg::Action(Action::Unsubscribe) if self.cas_loaded() => {
                if let Some(ca) = self.current().filter(|_| self.current_subscribed()) {
                    self.life.screen = Some(LifeScreen::Choose {
                        ca_id: ca.ca_id.clone(),
                        common_name: ca.subject.common_name.clone(),
                        what: Unsubscribe::Ca,
                    });
                }
                Ok(Vec::new())
            }
            other => Err(other),
        }
    }

    fn cas_loaded(&self) -> bool {
        matches!(self.cas, Load::Loaded(_))
    }

    fn ask_auto_renew(&mut self, shell: &mut Shell<'_>) {
        let (Some(ca), Some(switch)) = (self.current(), self.current_switch()) else {
            return;
        };
        *shell.overlay = Some(Overlay::Confirm(Pending::Lifecycle {
            request: LifeRequest::AutoRenew {
                ca_id: ca.ca_id.clone(),
                common_name: ca.subject.common_name.clone(),
                switch,
            },
            typed: String::new(),
        }));
    }

    fn on_life_screen_key(&mut self, shell: &mut Shell<'_>, action: Action) -> Vec<Effect> {
        let Some(screen) = self.life.screen.as_mut() else {
            return Vec::new();
        };
        match (screen, action) {
            (LifeScreen::Choose { what, .. }, Action::Up | Action::Down) => {
                *what = match what {
                    Unsubscribe::Ca => Unsubscribe::Renewals,
                    Unsubscribe::Renewals => Unsubscribe::Ca,
                };
            }
            (
                LifeScreen::Choose {
                    ca_id,
                    common_name,
                    what,
                },
                Action::Next,
            ) => {
                *shell.overlay = Some(Overlay::Confirm(Pending::Lifecycle {
                    request: LifeRequest::Unsubscribe {
                        ca_id: ca_id.clone(),
                        common_name: common_name.clone(),
                        what: *what,
                    },
                    typed: String::new(),
                }));
            }
            (LifeScreen::Choose { .. }, Action::Back) => self.life.screen = None,
            (LifeScreen::RenewChoose(plan), Action::Next) => {
                // The price first (a read); the question only with its amount.
                if let Some(req) = plan.request() {
                    let plan = plan.clone();
                    self.life.screen = Some(LifeScreen::RenewRating(plan));
                    return vec![Effect::Lifecycle(LifeEffect::RenewRate(req))];
                }
            }
            (LifeScreen::RenewChoose(_), Action::Back) => self.life.screen = None,
            (LifeScreen::RenewChoose(plan), action) => {
                plan.key(action);
            }
            // Nothing was sent: back to the list as it was.
            (LifeScreen::RenewRefused { .. }, Action::Next | Action::Back) => {
                self.life.screen = None;
            }
            // The outcome read, back to the list (a renewal order being followed is left to go on
            // without us: the journal has the renewal). After a renewal paid at once the list is read
            // again: whatever the follow found, the table then shows BSS's paid-until as it is now.
            (
                LifeScreen::Outcome {
                    request, answer, ..
                },
                Action::Next | Action::Back,
            ) => {
                let reread =
                    answer.done() && matches!(request, LifeRequest::Renew { auto_pay: true, .. });
                self.life.screen = None;
                if reread {
                    return self
                        .start_effects()
                        .into_iter()
                        .map(Effect::Manage)
                        .collect();
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// `y` (or the typed name) on the question: sends exactly the request it held, once.
    pub fn life_confirm(
        &mut self,
        shell: &mut Shell<'_>,
        request: LifeRequest,
        typed: &str,
    ) -> Vec<Effect> {
        // Nothing else in flight, and ending a CA only with its name typed (the overlay checks too).
        if self.life.in_flight() || !request.confirmed_by(typed) {
            return Vec::new();
        }
        *shell.elapsed = std::time::Duration::ZERO;
        *shell.journal_warning = None;
        self.life.screen = Some(LifeScreen::Sending(request.clone()));
        vec![Effect::Lifecycle(LifeEffect::Send(request))]
    }

    fn on_life_msg(&mut self, shell: &mut Shell<'_>, msg: LifeMsg) -> Vec<Effect> {
        match msg {
            LifeMsg::Sent {
                answer,
                journal_warning,
            } => {
                let Some(LifeScreen::Sending(request)) = self.life.screen.take() else {
                    return Vec::new();
                };
                if let Some(why) = &journal_warning {
                    super::note_journal_warning(
                        &mut shell.session.journal_warnings,
                        shell.journal_warning,
                        why,
                    );
                }
                shell.session.note_sent(answer.exit_code());
                shell.session.life.extend(request.record(&answer));
                // The outcome is in: a "quit while in flight?" question has nothing left to wait for.
                if *shell.overlay == Some(Overlay::ConfirmQuit) {
                    *shell.overlay = None;
                }
                let mut effects = Vec::new();
                let mut refunds = None;
                let follow = match (&request, &answer) {
                    // Paid at once: BSS is still processing the renewal order, so a read now would show
                    // the old paid-until. Follow the order first; the CA is read again once it completed.
                    (
                        LifeRequest::Renew { auto_pay: true, .. },
                        LifeAnswer::Renewed(Outcome::Done(r)),
                    ) if !r.order_ids.is_empty() => {
                        let was = self
                            .paid_of(request.ca_id())
                            .subscription()
                            .and_then(|s| s.expire_time);
                        Some(RenewFollow::start(&r.order_ids, was, shell.poll_schedule))
                    }
                    _ => None,
                };
                if answer.done() && follow.is_none() {
                    // The row read back: the list (and the outcome's read-back) shows BSS's state.
                    effects.extend(self.start_effects().into_iter().map(Effect::Manage));
                    if let LifeAnswer::Unsubscribed(Outcome::Done(a)) = &answer
                        && let Some(order_id) = a.order_ids.first()
                    {
                        refunds = Some(Load::Loading);
                        effects.push(Effect::Lifecycle(LifeEffect::Refunds(order_id.clone())));
                    }
                }
                self.life.screen = Some(LifeScreen::Outcome {
                    request,
                    answer: Box::new(answer),
                    journal_warning,
                    refunds,
                    follow,
                });
                if shell.input_closed {
                    effects.push(Effect::Quit(0));
                }
                effects
            }
            LifeMsg::Rated(result) => {
                let Some(LifeScreen::RenewRating(plan)) = self.life.screen.take() else {
                    return Vec::new();
                };
                let verdict = match (result, plan.request()) {
                    (Ok(rate), Some(req)) => Ok(super::lifecycle::renew_verdict(&plan, req, &rate)),
                    (Ok(_), None) => Ok(RenewVerdict::Refused(Vec::new())),
                    (Err(e), _) => Err(e),
                };
                match verdict {
                    Ok(RenewVerdict::Ask(request)) => {
                        // Back on the choice under the one question: `n` or Esc leaves it as it was.
                        self.life.screen = Some(LifeScreen::RenewChoose(plan));
                        *shell.overlay = Some(Overlay::Confirm(Pending::Lifecycle {
                            request,
                            typed: String::new(),
                        }));
                    }
                    Ok(RenewVerdict::Refused(failures)) => {
                        self.life.screen = Some(LifeScreen::RenewRefused {
                            plan,
                            why: Ok(failures),
                        });
                    }
                    Err(e) => {
                        self.life.screen = Some(LifeScreen::RenewRefused { plan, why: Err(e) });
                    }
                }
                Vec::new()
            }
            LifeMsg::Tick(dt) => {
                let schedule = shell.poll_schedule;
                self.on_follow(|f| {
                    f.tick(schedule, dt)
                        .into_iter()
                        .map(|id| Effect::Lifecycle(LifeEffect::ReadOrder(id)))
                        .collect()
                })
            }
            LifeMsg::OrderRead { order_id, result } => self.on_follow(|f| {
                f.on_read(&order_id, result);
                Vec::new()
            }),
            LifeMsg::Refunds(result) => {
                if let Some(LifeScreen::Outcome {
                    refunds: Some(load @ Load::Loading),
                    ..
                }) = self.life.screen.as_mut()
                {
                    *load = match result {
                        Ok(refunds) => Load::Loaded(refunds),
                        Err(e) => Load::Failed(e),
                    };
                }
                Vec::new()
            }
        }
    }

    /// Applies `step` to the renewal follow on the outcome screen (nothing when there is none: an
    /// answer or a tick after leaving it changes nothing), then asks for the CA's subscription again
    /// once the follow ended with an order completed.
    fn on_follow(&mut self, step: impl FnOnce(&mut RenewFollow) -> Vec<Effect>) -> Vec<Effect> {
        let Some(LifeScreen::Outcome {
            follow: Some(follow),
            ..
        }) = self.life.screen.as_mut()
        else {
            return Vec::new();
        };
        let mut effects = step(follow);
        if follow.take_read_back() {
            effects.extend(self.start_effects().into_iter().map(Effect::Manage));
        }
        effects
    }
}

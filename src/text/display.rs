//! The English `Display` of every type the catalog words (rules, reasons, credential sources, config
//! problems, the journal's warning): the text for logs, the journal and the sandbox's API-style messages,
//! where no user's language applies. They live here, beside the words, so the domain modules never import
//! the catalog: the catalog depends on them, not the other way round (no import cycle).

use std::fmt;

use super::Lang;
use crate::activation::rules::Rule as ActivationRule;
use crate::api::credentials::{CredentialSource, Credentials};
use crate::api::error::Reason;
use crate::config::ConfigError;
use crate::journal::ReadableByOthers;
use crate::order::Rule;

/// English, for logs and the sandbox; the words live in the catalog (`Text::activation_rule`), which
/// screens and commands use to show a rule in the user's language.
impl fmt::Display for ActivationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.text().activation_rule(self))
    }
}

/// English, for logs and the journal's record of which credentials were used; the words live in the
/// catalog, and screens render the source with `lang.text().credential_source(..)`.
impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.text().credential_source(self))
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.text().reason_sentence(self))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Usage(p) | ConfigError::Credentials(p) => {
                f.write_str(&Lang::En.text().config_problem(p))
            }
        }
    }
}

impl fmt::Display for ReadableByOthers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &Lang::En
                .text()
                .journal_readable(&self.path, &self.mode_octal()),
        )
    }
}

/// English, for the places that are not a user's screen: the sandbox's API-style `error_msg` and logs.
/// The words live in the catalog ([`crate::text`]); screens and commands render a rule with
/// `lang.text().rule(..)` so it reads in the user's language.
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.text().rule(self))
    }
}

impl Credentials {
    /// A short, secret-free description in English, for logs and Display: `IAM token` or
    /// `AK HPUA…0001`; screens use [`crate::text::Text::credential_kind`] in their language.
    pub fn kind(&self) -> String {
        Lang::En.text().credential_kind(self)
    }
}

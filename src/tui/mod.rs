//! (placeholder with the final interface; the wizard lands from the `tui` branch)
use crate::api::CcmClient;
use crate::config::Config;
use crate::journal::Journal;

pub mod text {
    //! placeholder
    /// Language.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Lang {
        /// en
        En,
        /// zh
        ZhCn,
    }
    impl Lang {
        /// parse
        pub fn parse(s: &str) -> Option<Lang> {
            match s.to_ascii_lowercase().as_str() {
                "en" => Some(Lang::En),
                "zh" | "zh-cn" => Some(Lang::ZhCn),
                _ => None,
            }
        }
        /// detect
        pub fn detect(flag: Option<Lang>, _env: &dyn Fn(&str) -> Option<String>) -> Lang {
            flag.unwrap_or(Lang::En)
        }
    }
}

/// Everything the wizard needs.
pub struct WizardContext {
    /// config
    pub config: Config,
    /// client
    pub client: CcmClient,
    /// journal
    pub journal: Journal,
    /// lang
    pub lang: text::Lang,
}

/// run
pub async fn run(_ctx: WizardContext) -> i32 {
    1
}

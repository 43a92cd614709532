//! ShowConsoleConfig (`GET /v1/pca/config/console`): what the sandbox's region sells. The request carries
//! no region (the real service answers for the region of its host), so the sandbox answers for the region
//! it was started for ([`SandboxConfig::region`](super::SandboxConfig::region): `--region` of the
//! `--sandbox` command, `--console-region` of `pca-order sandbox`). Words in a `sandbox-…` region name
//! change the answer:
//!
//! - `no-yearly`: `is_support_yearly_monthly_ca` false (a region that sells no yearly/monthly CA);
//! - `no-sm2`: `is_support_sm2` false;
//! - `sandbox-console-NNN` (a 4xx/5xx): the read fails with that status; `sandbox-console-slow-MS`: it
//!   answers after MS milliseconds; `sandbox-console-garbage`: 200 with a body that is not an object.
//!
//! Otherwise SM2 follows the website rule for real region ids (`cn-*`: yes), and is offered in every
//! other `sandbox-…` region. Activation and the subject save follow this answer ([`refuse_sm`]).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::directives::{region_delay, region_fault};
use super::reply;
use super::state::App;
use crate::activation::Site;

/// The console configuration of the sandbox's region, or the failure its name asks for.
pub(crate) async fn show(app: &App, request_id: &str) -> Response {
    // Started for no region: the default one, a China-website region that sells everything.
    let region = region_of(app);
    if let Some(delay) = region_delay(&region, "console") {
        tokio::time::sleep(delay).await;
    }
    if let Some(status) = region_fault(&region, "console") {
        return reply::for_status(status, request_id);
    }
    if region == "sandbox-console-garbage" {
        return reply::json(StatusCode::OK, json!(["not", "a", "configuration"]));
    }
    reply::json(StatusCode::OK, answer(&region))
}

/// SM2/SM3 asked for in a region whose console configuration says it does not offer them: the refusal
/// (the sandbox's; the real service's answer for this case is not documented), else `None`. `key` and
/// `signature` are the request's words (`SM2`, `SM3`).
pub(crate) fn refuse_sm(app: &App, key: Option<&str>, signature: Option<&str>) -> Option<Response> {
    let field = if key == Some("SM2") {
        "key_algorithm"
    } else if signature == Some("SM3") {
        "signature_algorithm"
    } else {
        return None;
    };
    let region = region_of(app);
    if offers_sm2(&region) {
        return None;
    }
    Some(reply::invalid_parameter(&format!(
        "{field}: region {region} does not offer SM2/SM3 (its console configuration says \
         is_support_sm2 false). (sandbox) The real service's answer for this case is not documented"
    )))
}

/// The region the sandbox plays: the one it was started for, else the default.
fn region_of(app: &App) -> String {
    app.config
        .region
        .clone()
        .unwrap_or_else(|| crate::config::DEFAULT_REGION.to_string())
}

/// Whether a `sandbox-…` region's name holds `no-WORD` among its words (after `sandbox-`).
fn says_no(region: &str, word: &str) -> bool {
    let words: Vec<&str> = region
        .strip_prefix("sandbox-")
        .map(|rest| rest.split('-').collect())
        .unwrap_or_default();
    words.windows(2).any(|w| w == ["no", word])
}

/// `is_support_sm2` of the region: a `sandbox-…` region offers SM2 unless its name says `no-sm2`; a
/// real region id follows the website rule.
fn offers_sm2(region: &str) -> bool {
    if region.starts_with("sandbox-") {
        !says_no(region, "sm2")
    } else {
        Site::for_region(region) == Site::China
    }
}

/// The documented shape, every field present (LIFECYCLE.md §3.3).
fn answer(region: &str) -> serde_json::Value {
    json!({
        "is_support_eps": true,
        "is_support_sm2": offers_sm2(region),
        "is_support_dhsm": false,
        "dhsm_regions": [],
        "is_support_yearly_monthly_ca": !says_no(region, "yearly"),
        "is_support_iam5": false,
        "is_support_ocsp": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(region: &str) -> (bool, bool) {
        let a = answer(region);
        (
            a["is_support_yearly_monthly_ca"]
                .as_bool()
                .unwrap_or_default(),
            a["is_support_sm2"].as_bool().unwrap_or_default(),
        )
    }

    #[test]
    fn region_words_turn_off_what_they_name() {
        assert_eq!(flags("cn-north-4"), (true, true));
        assert_eq!(flags("ap-southeast-1"), (true, false));
        assert_eq!(flags("sandbox-eu"), (true, true));
        assert_eq!(flags("sandbox-no-yearly"), (false, true));
        assert_eq!(flags("sandbox-no-sm2"), (true, false));
        assert_eq!(flags("sandbox-no-yearly-no-sm2"), (false, false));
        assert_eq!(flags("sandbox-x-no-sm2"), (true, false));
        // Only a sandbox name carries words; a word inside another is not one.
        assert_eq!(flags("cn-no-yearly"), (true, true));
        assert_eq!(flags("sandbox-no-yearlyish"), (true, true));
    }
}

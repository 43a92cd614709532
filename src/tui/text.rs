//! Every user-facing string of the wizard, in English and 简体中文, in one place so a translation is one
//! file and no screen hard-codes words. Fixed strings live in [`Text`]; strings with values are methods.

use super::keymap::Hint;
use crate::api::credentials::CredentialSource;
use crate::order::{LimitSource, PeriodUnit, Rule};

/// The wizard's display language; chosen by `--lang` or the locale environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Parses a `--lang` value: `en` (or `en-*`), `zh-CN` / `zh` / `zh_CN` / `zh-Hans`, case-insensitive.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        match s.as_str() {
            "en" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" => Some(Lang::ZhCn),
            _ if s.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to use: the flag if given, else the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// (POSIX precedence); a `zh*` locale means Chinese, anything else English.
    pub fn detect(flag: Option<Lang>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| env(name))
            .find(|v| !v.trim().is_empty());
        match locale {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("zh") => Lang::ZhCn,
            _ => Lang::En,
        }
    }

    /// This language's catalog.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::ZhCn => &ZH,
        }
    }
}

/// The fixed strings of one language. Values are filled in by the methods below.
#[derive(Debug)]
pub struct Text {
    /// Which language this is, for the formatting methods.
    pub lang: Lang,
    /// Step names, in header order.
    pub step_period: &'static str,
    /// Step 2.
    pub step_quantity: &'static str,
    /// Step 3.
    pub step_renewal: &'static str,
    /// Step 4.
    pub step_project: &'static str,
    /// Step 5.
    pub step_review: &'static str,
    /// While the order is in flight.
    pub step_submitting: &'static str,
    /// After a created order.
    pub step_result: &'static str,
    /// After a rejected order.
    pub step_error: &'static str,
    /// After an order whose outcome is unknown.
    pub step_unknown: &'static str,
    /// After an order that was not sent.
    pub step_not_sent: &'static str,
    /// The sandbox banner.
    pub sandbox_banner: &'static str,
    /// Header label before the credential source.
    pub credentials: &'static str,
    /// Header label before the region.
    pub region: &'static str,

    /// Footer: key-hint actions.
    pub hint_next: &'static str,
    /// Footer.
    pub hint_back: &'static str,
    /// Footer.
    pub hint_choose: &'static str,
    /// Footer.
    pub hint_unit: &'static str,
    /// Footer.
    pub hint_change: &'static str,
    /// Footer.
    pub hint_help: &'static str,
    /// Footer.
    pub hint_quit: &'static str,
    /// Footer.
    pub hint_filter: &'static str,
    /// Footer.
    pub hint_json: &'static str,
    /// Footer.
    pub hint_place: &'static str,
    /// Footer.
    pub hint_buy: &'static str,
    /// Footer.
    pub hint_cancel: &'static str,
    /// Footer.
    pub hint_copy: &'static str,
    /// Footer.
    pub hint_review: &'static str,
    /// Footer.
    pub hint_close: &'static str,
    /// Footer.
    pub hint_scroll: &'static str,
    /// Footer.
    pub hint_list: &'static str,
    /// Footer.
    pub hint_wait: &'static str,

    /// Period step.
    pub period_question: &'static str,
    /// Period step.
    pub period_note: &'static str,
    /// Period step.
    pub unit: &'static str,
    /// Period step.
    pub month: &'static str,
    /// Period step.
    pub year: &'static str,
    /// Period step.
    pub count: &'static str,

    /// Quantity step.
    pub quantity_question: &'static str,
    /// Quantity step.
    pub quantity: &'static str,
    /// Quantity step.
    pub quota_loading: &'static str,
    /// Quantity step: the quota read later and is lower than what was entered.
    pub quota_shrank: &'static str,
    /// Enter on a listed project whose id cannot be sent.
    pub project_id_invalid: &'static str,

    /// Renewal step.
    pub renewal_question: &'static str,
    /// Renewal step.
    pub auto_renew: &'static str,
    /// Renewal step.
    pub auto_pay: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Renewal step: meaning of auto-renew on.
    pub renew_yes: &'static str,
    /// Renewal step: meaning of auto-renew off.
    pub renew_no: &'static str,
    /// Renewal step: meaning of auto-pay on.
    pub pay_yes: &'static str,
    /// Renewal step: meaning of auto-pay off.
    pub pay_no: &'static str,

    /// Project step.
    pub project_question: &'static str,
    /// Project step.
    pub filter: &'static str,
    /// Project step: the row that switches to typing an id.
    pub enter_id_row: &'static str,
    /// Project step.
    pub disabled: &'static str,
    /// Project step: the default project's marker.
    pub default_project: &'static str,
    /// Project step.
    pub projects_loading: &'static str,
    /// Project step.
    pub project_id: &'static str,
    /// Project step.
    pub project_id_hint: &'static str,
    /// Project step.
    pub no_match: &'static str,

    /// Review step.
    pub review_intro: &'static str,
    /// Review labels.
    pub period: &'static str,
    /// Review labels.
    pub project: &'static str,
    /// Review labels.
    pub promotion: &'static str,
    /// Review labels.
    pub promotion_hint: &'static str,
    /// Review labels.
    pub sent_to: &'static str,
    /// Review: the button.
    pub place_order: &'static str,
    /// Review: JSON overlay title.
    pub json_title: &'static str,
    /// Review: auto-renew value words.
    pub renew_value_yes: &'static str,
    /// Review.
    pub renew_value_no: &'static str,
    /// Review.
    pub pay_value_yes: &'static str,
    /// Review.
    pub pay_value_no: &'static str,
    /// Review: shown when the in-flight quit question is up.
    pub quit_in_flight: &'static str,

    /// Submitting.
    pub submitting_note: &'static str,

    /// Result.
    pub result_title: &'static str,
    /// Result.
    pub order_id: &'static str,
    /// Result.
    pub ca_ids: &'static str,
    /// Result.
    pub next_title: &'static str,
    /// Result.
    pub next_pay: &'static str,
    /// Result.
    pub next_paid: &'static str,
    /// Result.
    pub next_activate: &'static str,
    /// Result and error.
    pub journal: &'static str,
    /// Result and error, when the outcome line could not be journaled.
    pub journal_warning: &'static str,
    /// Above the confirmation when an earlier attempt may have bought (unknown outcome or a 5xx).
    pub confirm_again_warning: &'static str,
    /// Result.
    pub copied: &'static str,

    /// Error titles.
    pub error_rejected: &'static str,
    /// Error title for a redirect answer: not followed, so the order was not processed there.
    pub error_redirect: &'static str,
    /// Error titles.
    pub error_unknown: &'static str,
    /// Error titles.
    pub error_not_sent: &'static str,
    /// Error labels.
    pub http_status: &'static str,
    /// Error labels.
    pub error_code: &'static str,
    /// Error labels.
    pub message: &'static str,
    /// Error labels.
    pub request_id: &'static str,
    /// Error labels.
    pub reason: &'static str,
    /// Error labels.
    pub what_to_do: &'static str,
    /// Error advice by class, on the wizard's error screen (where `r` goes back to the review).
    pub advice_400: &'static str,
    /// Advice for a 400 in the summary printed after the wizard ended: no key goes back there.
    pub advice_400_after: &'static str,
    // R3 words
    /// What to do after a 400 from the command line: the wizard's advice names a key, a script needs
    /// the flag and its help.
    pub advice_400_cli: &'static str,
    // end R3 words
    /// Error advice.
    pub advice_401: &'static str,
    /// Error advice.
    pub advice_403: &'static str,
    /// Error advice.
    pub advice_429: &'static str,
    /// Advice for a redirect: the endpoint is likely wrong.
    pub advice_redirect: &'static str,
    /// Error advice.
    pub advice_other: &'static str,
    /// Error advice.
    pub advice_unknown: &'static str,
    /// Error advice.
    pub advice_not_sent: &'static str,
    /// Error: how to retry.
    pub retry_note: &'static str,
    /// Shown for a missing value.
    pub none: &'static str,

    /// Help overlay title.
    pub help_title: &'static str,
    // R1 words
    /// Footer/help words for the yes/no keys of a toggle.
    pub hint_yes_no: &'static str,
    /// Footer word for the key that answers a question yes (the question names what yes does).
    pub hint_yes: &'static str,
    /// Footer word for the keys that answer a question no.
    pub hint_no: &'static str,
    /// How a footer writes a binding that any key triggers (closing help, answering no).
    pub any_key: &'static str,
    // end R1 words
    /// Help overlay closing line.
    pub help_footer: &'static str,
}

/// English.
pub static EN: Text = Text {
    lang: Lang::En,
    step_period: "Period",
    step_quantity: "Quantity",
    step_renewal: "Renewal & payment",
    step_project: "Enterprise project",
    step_review: "Review",
    step_submitting: "Placing the order",
    step_result: "Order placed",
    step_error: "Order rejected",
    step_unknown: "Outcome unknown",
    step_not_sent: "Order not sent",
    sandbox_banner: "SANDBOX — nothing real is bought",
    credentials: "Credentials",
    region: "Region",

    hint_next: "next",
    hint_back: "back",
    hint_choose: "choose",
    hint_unit: "month/year",
    hint_change: "change",
    hint_help: "help",
    hint_quit: "quit",
    hint_filter: "filter",
    hint_json: "JSON",
    hint_place: "place order",
    hint_buy: "buy",
    hint_cancel: "cancel",
    hint_copy: "copy order ID",
    hint_review: "back to review",
    hint_close: "close",
    hint_scroll: "scroll",
    hint_list: "list",
    hint_wait: "waiting for the answer",

    period_question: "How long should the CAs run?",
    period_note: "Prepaid: the whole period is billed when the order is paid.",
    unit: "Unit",
    month: "Month",
    year: "Year",
    count: "Count",

    quantity_question: "How many private CAs to buy?",
    quantity: "Quantity",
    quota_loading: "Reading the account's CA quota…",
    quota_shrank: "The CA quota has arrived and allows fewer CAs than entered: change the quantity.",
    project_id_invalid: "This project's id is not 0 or a UUID, so it cannot be ordered into: pick another, or \"Enter an ID…\".",

    renewal_question: "How should the CAs be renewed and paid for?",
    auto_renew: "Auto-renew",
    auto_pay: "Auto-pay",
    yes: "Yes",
    no: "No",
    renew_yes: "Renews for the same period when it ends, billed to the account.",
    renew_no: "The CAs expire at the end of the period unless renewed by hand.",
    pay_yes: "Pays from the account balance as soon as the order is placed.",
    pay_no: "The order waits for payment in the console (Billing Center → My Orders).",

    project_question: "Which enterprise project should the CAs belong to?",
    filter: "Filter",
    enter_id_row: "Enter an ID…",
    disabled: "(disabled)",
    default_project: "(default)",
    projects_loading: "Loading enterprise projects…",
    project_id: "Project ID",
    project_id_hint: "0 is the default project; others are UUIDs. ↑ back to the list.",
    no_match: "No project matches the filter.",

    review_intro: "Check the order. Nothing is sent until you confirm.",
    period: "Period",
    project: "Enterprise project",
    promotion: "Promotion",
    promotion_hint: "optional, up to 2048 characters",
    sent_to: "Sent to",
    place_order: "Place order",
    json_title: "Request body",
    renew_value_yes: "Yes — renews automatically",
    renew_value_no: "No",
    pay_value_yes: "Yes — paid from the balance at once",
    pay_value_no: "No — the order waits for payment in the console",
    quit_in_flight: "The order may still go through. Quit anyway? y/N",

    submitting_note: "The request is in flight. Ctrl-C asks first: the order may still go through.",

    result_title: "The order was placed.",
    order_id: "Order ID",
    ca_ids: "CA IDs",
    next_title: "Next",
    next_pay: "Pay for the order in the console: Billing Center → My Orders → Pending payment.",
    next_paid: "Paid from the account balance: nothing left to pay.",
    next_activate: "Each CA stays PENDING until you activate it (in the console or via the activate API).",
    journal: "Journal",
    journal_warning: "Warning: the outcome was not written to the journal. Note the order ID now:",
    confirm_again_warning: "An earlier attempt may have bought CAs: check the console's orders first.",
    copied: "Order ID copied to the clipboard (OSC 52).",

    error_rejected: "The API rejected the order. Nothing was bought.",
    error_redirect: "The endpoint redirected the order elsewhere. The redirect was not followed: nothing was bought there.",
    error_unknown: "The order was sent, but its outcome is unknown. It may exist.",
    error_not_sent: "The order was not sent. Nothing was bought.",
    http_status: "HTTP status",
    error_code: "Error code",
    message: "Message",
    request_id: "Request ID",
    reason: "Reason",
    what_to_do: "What to do",
    advice_400: "Fix the field the message names: r goes back to the review, then back to its step.",
    advice_400_after: "Fix the field the message names, then start the wizard again.",
    // R3 words
    advice_400_cli: "Fix the flag the message names (see `pca-order order --help`) and run the command again.",
    // end R3 words
    advice_401: "Check the credentials: the token may have expired, or the AK/SK or signature is wrong.",
    advice_403: "The user lacks the pca:ca:create permission (or the account is on the other site); ask an admin.",
    advice_429: "Too many requests: wait a minute, then retry.",
    advice_redirect: "Check --endpoint (or the region): the order must go straight to the CCM endpoint, and pca-order never follows a redirect with an order.",
    advice_other: "The request was refused; the code and message say why.",
    advice_unknown: "Check the console's orders (Billing Center → My Orders) before retrying — do not just resend, or you may buy twice.",
    advice_not_sent: "Nothing left this machine, so it is safe to retry once the cause is fixed.",
    retry_note: "A retry goes through the review and the same confirmation.",
    none: "—",

    help_title: "Keys",
    // R1 words
    hint_yes_no: "yes/no",
    hint_yes: "yes",
    hint_no: "no",
    any_key: "any key",
    // end R1 words
    help_footer: "Nothing is sent until you answer y on the review. Any key closes this help.",
};

/// 简体中文.
pub static ZH: Text = Text {
    lang: Lang::ZhCn,
    step_period: "购买时长",
    step_quantity: "数量",
    step_renewal: "续费与支付",
    step_project: "企业项目",
    step_review: "确认订单",
    step_submitting: "正在下单",
    step_result: "下单成功",
    step_error: "订单被拒绝",
    step_unknown: "结果未知",
    step_not_sent: "订单未发出",
    sandbox_banner: "沙箱模式 — 不会产生真实购买",
    credentials: "凭证",
    region: "区域",

    hint_next: "下一步",
    hint_back: "上一步",
    hint_choose: "选择",
    hint_unit: "按月/按年",
    hint_change: "切换",
    hint_help: "帮助",
    hint_quit: "退出",
    hint_filter: "筛选",
    hint_json: "JSON",
    hint_place: "下单",
    hint_buy: "购买",
    hint_cancel: "取消",
    hint_copy: "复制订单号",
    hint_review: "返回确认页",
    hint_close: "关闭",
    hint_scroll: "滚动",
    hint_list: "列表",
    hint_wait: "等待响应",

    period_question: "CA 要购买多长时间？",
    period_note: "包年/包月预付费：支付订单时按整个时长计费。",
    unit: "单位",
    month: "按月",
    year: "按年",
    count: "时长",

    quantity_question: "要购买几个私有 CA？",
    quantity: "数量",
    quota_loading: "正在读取账号的 CA 配额…",
    quota_shrank: "已读取到 CA 配额，所填数量超出了剩余配额，请修改数量。",
    project_id_invalid: "该项目的 ID 既不是 0 也不是 UUID，无法用于下单：请选择其他项目，或“手动输入 ID…”。",

    renewal_question: "CA 如何续费和支付？",
    auto_renew: "自动续费",
    auto_pay: "自动支付",
    yes: "是",
    no: "否",
    renew_yes: "到期后按相同时长自动续费，费用从账号扣除。",
    renew_no: "到期后不会自动续费，需要时请手动续费。",
    pay_yes: "下单后立即从账号余额扣款。",
    pay_no: "订单将等待您在控制台支付（费用中心 → 我的订单）。",

    project_question: "CA 归属哪个企业项目？",
    filter: "筛选",
    enter_id_row: "手动输入 ID…",
    disabled: "（已停用）",
    default_project: "（默认）",
    projects_loading: "正在加载企业项目…",
    project_id: "项目 ID",
    project_id_hint: "0 为默认项目，其他项目的 ID 为 UUID。按 ↑ 返回列表。",
    no_match: "没有符合筛选条件的项目。",

    review_intro: "请核对订单。确认之前不会发送任何请求。",
    period: "购买时长",
    project: "企业项目",
    promotion: "促销信息",
    promotion_hint: "可不填，最多 2048 个字符",
    sent_to: "发送至",
    place_order: "下单",
    json_title: "请求体",
    renew_value_yes: "是 — 到期自动续费",
    renew_value_no: "否",
    pay_value_yes: "是 — 立即从余额扣款",
    pay_value_no: "否 — 订单等待在控制台支付",
    quit_in_flight: "订单仍可能成功。仍要退出吗？y/N",

    submitting_note: "请求已发出。按 Ctrl-C 会先确认：订单仍可能成功。",

    result_title: "下单成功。",
    order_id: "订单号",
    ca_ids: "CA ID",
    next_title: "后续步骤",
    next_pay: "请在控制台支付订单：费用中心 → 我的订单 → 待支付。",
    next_paid: "已从账号余额扣款，无需再支付。",
    next_activate: "每个 CA 在激活前都处于 PENDING（待激活）状态，请在控制台或通过激活接口激活。",
    journal: "订单日志",
    journal_warning: "警告：结果未能写入订单日志，请立即记下订单号：",
    confirm_again_warning: "之前的尝试可能已经下单成功，请先在控制台查看订单。",
    copied: "订单号已复制到剪贴板（OSC 52）。",

    error_rejected: "API 拒绝了该订单，没有产生任何购买。",
    error_redirect: "端点将订单重定向到别处。未跟随重定向：该处没有产生任何购买。",
    error_unknown: "订单已发出，但结果未知，订单可能已经生成。",
    error_not_sent: "订单没有发出，没有产生任何购买。",
    http_status: "HTTP 状态码",
    error_code: "错误码",
    message: "错误信息",
    request_id: "请求 ID",
    reason: "原因",
    what_to_do: "建议",
    advice_400: "请按错误信息修改对应字段：按 r 返回确认页，再回到相应步骤修改。",
    advice_400_after: "请按错误信息修改对应字段，然后重新启动向导。",
    // R3 words
    advice_400_cli: "请按错误信息修改对应参数（见 `pca-order order --help`），然后重新运行命令。",
    // end R3 words
    advice_401: "请检查凭证：令牌可能已过期，或 AK/SK、签名有误。",
    advice_403: "当前用户缺少 pca:ca:create 权限（或账号属于另一站点），请联系管理员。",
    advice_429: "请求过于频繁：请等一分钟再重试。",
    advice_redirect: "请检查 --endpoint（或区域）：订单必须直接发往 CCM 端点，pca-order 不会跟随订单的重定向。",
    advice_other: "请求被拒绝，原因见错误码和错误信息。",
    advice_unknown: "重试前请先到控制台（费用中心 → 我的订单）查看订单是否已生成；不要直接重发，否则可能重复购买。",
    advice_not_sent: "请求没有离开本机，排除原因后可以放心重试。",
    retry_note: "重试需返回确认页，并再次确认。",
    none: "—",

    help_title: "按键",
    // R1 words
    hint_yes_no: "是/否",
    hint_yes: "是",
    hint_no: "否",
    any_key: "任意键",
    // end R1 words
    help_footer: "在确认页按 y 之前不会发送任何请求。按任意键关闭帮助。",
};

impl Text {
    /// The words a footer or the help writes for a keymap [`Hint`]: the keymap names what a key does,
    /// the catalog says it in each language.
    pub fn hint(&self, hint: Hint) -> &'static str {
        match hint {
            Hint::Next => self.hint_next,
            Hint::Back => self.hint_back,
            Hint::Choose => self.hint_choose,
            Hint::Unit => self.hint_unit,
            Hint::Change => self.hint_change,
            Hint::YesNo => self.hint_yes_no,
            Hint::Help => self.hint_help,
            Hint::Quit => self.hint_quit,
            Hint::Filter => self.hint_filter,
            Hint::Json => self.hint_json,
            Hint::Place => self.hint_place,
            Hint::Yes => self.hint_yes,
            Hint::No => self.hint_no,
            Hint::Copy => self.hint_copy,
            Hint::Review => self.hint_review,
            Hint::Close => self.hint_close,
            Hint::Scroll => self.hint_scroll,
            Hint::List => self.hint_list,
            Hint::Wait => self.hint_wait,
        }
    }

    /// "Step 2 of 5 · Quantity".
    pub fn step_of(&self, n: u8, total: u8, name: &str) -> String {
        match self.lang {
            Lang::En => format!("Step {n} of {total} · {name}"),
            Lang::ZhCn => format!("第 {n} 步，共 {total} 步 · {name}"),
        }
    }

    /// The unit's name in a choice list.
    pub fn unit_name(&self, unit: PeriodUnit) -> &'static str {
        match unit {
            PeriodUnit::Month => self.month,
            PeriodUnit::Year => self.year,
        }
    }

    /// "1 month", "3 years" / "1 个月", "3 年".
    pub fn period_value(&self, n: u64, unit: PeriodUnit) -> String {
        match (self.lang, unit) {
            (Lang::En, PeriodUnit::Month) if n == 1 => "1 month".to_string(),
            (Lang::En, PeriodUnit::Month) => format!("{n} months"),
            (Lang::En, PeriodUnit::Year) if n == 1 => "1 year".to_string(),
            (Lang::En, PeriodUnit::Year) => format!("{n} years"),
            (Lang::ZhCn, PeriodUnit::Month) => format!("{n} 个月"),
            (Lang::ZhCn, PeriodUnit::Year) => format!("{n} 年"),
        }
    }

    /// "1 private CA", "3 private CAs" / "1 个私有 CA".
    pub fn quantity_value(&self, n: u64) -> String {
        match self.lang {
            Lang::En if n == 1 => "1 private CA".to_string(),
            Lang::En => format!("{n} private CAs"),
            Lang::ZhCn => format!("{n} 个私有 CA"),
        }
    }

    /// The allowed range beside a count field, saying whose limit it is.
    pub fn range_note(&self, min: u64, max: u64, what: RangeWhat) -> String {
        match (self.lang, what) {
            (Lang::En, RangeWhat::CasQuota) if max < min => {
                "none left (the account's CA quota is used up)".to_string()
            }
            (Lang::ZhCn, RangeWhat::CasQuota) if max < min => "账号的 CA 配额已用完".to_string(),
            (Lang::En, RangeWhat::Months) => {
                format!("{min}–{max} months (pca-order's limit; the API sets none)")
            }
            (Lang::En, RangeWhat::Years) => {
                format!("{min}–{max} years (pca-order's limit; the API sets none)")
            }
            (Lang::En, RangeWhat::Cas) => {
                format!("{min}–{max} (pca-order's limit; the API sets none)")
            }
            (Lang::En, RangeWhat::CasQuota) => format!("{min}–{max} (the account's CA quota)"),
            (Lang::ZhCn, RangeWhat::Months) => {
                format!("{min}–{max} 个月（pca-order 自设上限，API 未规定）")
            }
            (Lang::ZhCn, RangeWhat::Years) => {
                format!("{min}–{max} 年（pca-order 自设上限，API 未规定）")
            }
            (Lang::ZhCn, RangeWhat::Cas) => {
                format!("{min}–{max}（pca-order 自设上限，API 未规定）")
            }
            (Lang::ZhCn, RangeWhat::CasQuota) => format!("{min}–{max}（受账号 CA 配额限制）"),
        }
    }

    /// "CA quota: 12 of 100 used, up to 88 more".
    pub fn quota_line(&self, used: u64, quota: u64, left: u64) -> String {
        match self.lang {
            Lang::En => format!("CA quota: {used} of {quota} used, up to {left} more"),
            Lang::ZhCn => format!("CA 配额：已用 {used} / {quota}，最多还能购买 {left} 个"),
        }
    }

    /// The quota could not be read: why, and that the wizard goes on without it.
    pub fn quota_failed(&self, reason: &str) -> String {
        match self.lang {
            Lang::En => format!("Could not read the CA quota ({reason}); going on without it."),
            Lang::ZhCn => format!("无法读取 CA 配额（{reason}），将不检查配额继续。"),
        }
    }

    /// The project list could not be loaded: why, and to type an id instead.
    pub fn projects_failed(&self, reason: &str) -> String {
        match self.lang {
            Lang::En => format!(
                "Could not load enterprise projects ({reason}); type an ID instead: 0 or a UUID."
            ),
            Lang::ZhCn => format!("无法加载企业项目（{reason}），请直接输入 ID：0 或 UUID。"),
        }
    }

    /// The project in plain words: "0 (default)" or "name (id)".
    pub fn project_value(&self, id: &str, name: Option<&str>) -> String {
        match name {
            _ if id == "0" => match self.lang {
                Lang::En => format!("0 {}", self.default_project),
                Lang::ZhCn => format!("0{}", self.default_project),
            },
            Some(name) if !name.is_empty() => match self.lang {
                Lang::En => format!("{name} ({id})"),
                Lang::ZhCn => format!("{name}（{id}）"),
            },
            _ => id.to_string(),
        }
    }

    /// The confirmation question: "Buy 1 private CA for 1 month? y/N".
    pub fn confirm(&self, quantity: u64, period_num: u64, unit: PeriodUnit) -> String {
        let period = self.period_value(period_num, unit);
        match self.lang {
            Lang::En => format!("Buy {} for {period}? y/N", self.quantity_value(quantity)),
            Lang::ZhCn => format!("确认购买 {quantity} 个私有 CA，时长 {period}？y/N"),
        }
    }

    /// Where the credentials came from, for the header.
    pub fn credential_source(&self, source: &CredentialSource) -> String {
        match (self.lang, source) {
            (Lang::En, _) => source.to_string(),
            (Lang::ZhCn, CredentialSource::TokenFile(p)) => format!("--token-file {}", p.display()),
            (Lang::ZhCn, CredentialSource::TokenStdin) => "--token-file -（标准输入）".to_string(),
            (Lang::ZhCn, CredentialSource::EnvToken) => {
                "环境变量 HUAWEICLOUD_AUTH_TOKEN".to_string()
            }
            (Lang::ZhCn, CredentialSource::EnvHuaweicloudSdk) => {
                "环境变量 HUAWEICLOUD_SDK_AK/SK".to_string()
            }
            (Lang::ZhCn, CredentialSource::EnvCloudSdk) => "环境变量 CLOUD_SDK_AK/SK".to_string(),
            (Lang::ZhCn, CredentialSource::CredentialsFile(p)) => {
                format!("{} [global]", p.display())
            }
            (Lang::ZhCn, CredentialSource::Sandbox) => "沙箱（内置测试凭证）".to_string(),
            (Lang::ZhCn, CredentialSource::Missing) => "未找到凭证".to_string(),
        }
    }

    /// After the wizard ended with an order in flight: waiting for its answer so it can be journaled.
    pub fn waiting_for_answer(&self, secs: u64) -> String {
        match self.lang {
            Lang::En => format!(
                "The order is still in flight: waiting up to {secs} s for its answer so it is journaled (Ctrl-C stops waiting)…"
            ),
            Lang::ZhCn => {
                format!("订单仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…")
            }
        }
    }

    /// The in-flight line with elapsed seconds.
    pub fn submitting(&self, secs: f64) -> String {
        match self.lang {
            Lang::En => format!("Placing the order… {secs:.1} s"),
            Lang::ZhCn => format!("正在下单… 已用时 {secs:.1} 秒"),
        }
    }

    /// More CA ids than fit on screen.
    pub fn more_ids(&self, n: usize) -> String {
        match self.lang {
            Lang::En => format!("…and {n} more (all in the journal)"),
            Lang::ZhCn => format!("……另有 {n} 个（均已记入订单日志）"),
        }
    }

    /// The too-small screen.
    pub fn too_small(&self, need_w: u16, need_h: u16, w: u16, h: u16) -> String {
        match self.lang {
            Lang::En => format!(
                "Terminal too small (need {need_w}×{need_h}, have {w}×{h}). Enlarge it, or press Ctrl-C to quit."
            ),
            Lang::ZhCn => format!(
                "终端窗口太小（至少需要 {need_w}×{need_h}，当前 {w}×{h}）。请放大窗口，或按 Ctrl-C 退出。"
            ),
        }
    }

    /// A broken rule in this language, for the line under a field.
    pub fn rule(&self, rule: &Rule) -> String {
        match self.lang {
            Lang::En => rule.to_string(),
            Lang::ZhCn => rule_zh(rule),
        }
    }
}

/// What a count field counts, for [`Text::range_note`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeWhat {
    /// Months, our limit.
    Months,
    /// Years, our limit.
    Years,
    /// CAs, our limit.
    Cas,
    /// CAs, bounded by the account's quota.
    CasQuota,
}

fn rule_zh(rule: &Rule) -> String {
    match rule {
        Rule::Required => "必须填写".to_string(),
        Rule::NotANumber => "必须是整数（只能输入数字）".to_string(),
        Rule::WrongType(ty) => format!("JSON 类型必须是 {ty}"),
        Rule::Range {
            min,
            max,
            unit,
            source,
        } => {
            let unit = match *unit {
                "months" => " 个月",
                "years" => " 年",
                "CAs" => " 个",
                _ => "",
            };
            let mut s = format!("必须在 {min} 到 {max}{unit}之间");
            if *source == LimitSource::Ours {
                s.push_str("（pca-order 为防误输入自设的上限，API 未规定最大值）");
            }
            s
        }
        Rule::AtLeast { min } => format!("不能小于 {min}"),
        Rule::QuotaExceeded { left, used, quota } => {
            format!("账号的 CA 配额只允许再购买 {left} 个（已用 {used} / {quota}）")
        }
        Rule::OneOf(codes) => {
            let list: Vec<String> = codes.iter().map(i64::to_string).collect();
            format!("必须是 {} 之一", list.join("、"))
        }
        Rule::Length { min, max } => format!("长度必须为 {min} 到 {max} 个字符"),
        Rule::Fixed(value) => format!("必须为 \"{value}\""),
        Rule::Items { max } => format!("最多 {max} 项"),
        Rule::ProjectIdFormat => {
            "必须是 0（默认项目）或 UUID，例如 3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f".to_string()
        }
        Rule::NoControlCharacters => {
            "不能包含控制字符（换行、制表符、转义符）或不可见的格式字符".to_string()
        }
    }
}

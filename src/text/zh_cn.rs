//! 简体中文: a one-for-one translation of `en.rs`.

use super::{RangeWhat, Text};
use crate::activation::rules::Rule as ActivationRule;
use crate::api::credentials::CredentialSource;
use crate::api::error::{CallError, Reason};
use crate::order::{LimitSource, PeriodUnit, Rule};

/// The Simplified Chinese catalog.
pub static ZH: Text = Text {
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
    sandbox_prices_pretend: "价格为虚构",
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
    hint_yes_no: "是/否",
    hint_yes: "是",
    hint_no: "否",
    any_key: "任意键",

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
    pay_no: "订单将等待支付：下单后可在结果页按 p 立即支付，或稍后在控制台支付（费用中心 → 我的订单）。",

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
    price: "价格",
    price_loading: "正在查询价格…",
    price_unavailable: "无法获取价格 — 仍可下单",
    json_title: "请求体",
    renew_value_yes: "是 — 到期自动续费",
    renew_value_no: "否",
    pay_value_yes: "是 — 立即从余额扣款",
    pay_value_no: "否 — 可在下一屏支付，或稍后在控制台支付",
    quit_in_flight: "订单仍可能成功。仍要退出吗？y/N",

    submitting_note: "请求已发出。按 Ctrl-C 会先确认：订单仍可能成功。",

    result_title: "下单成功。",
    order_id: "订单号",
    ca_ids: "CA ID",
    next_title: "后续步骤",
    next_pay: "请在控制台支付订单：费用中心 → 我的订单 → 待支付。",
    next_paid: "已从账号余额扣款，无需再支付。",
    next_activate: "每个 CA 在激活前都处于 PENDING（待激活）状态：订单支付后，pca-order 会跟踪订单并提供激活；之后也可运行 pca-order activate。",
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
    advice_401: "请检查凭证：令牌可能已过期，或 AK/SK、签名有误。",
    advice_403: "当前用户缺少 pca:ca:create 权限（或账号属于另一站点），请联系管理员。",
    advice_429: "请求过于频繁：请等一分钟再重试。",
    advice_400_cli: "请按错误信息修改对应参数（见 `pca-order order --help`），然后重新运行命令。",
    advice_redirect: "请检查 --endpoint（或区域）：订单必须直接发往 CCM 端点，pca-order 不会跟随订单的重定向。",
    advice_other: "请求被拒绝，原因见错误码和错误信息。",
    advice_unknown: "重试前请先到控制台（费用中心 → 我的订单）查看订单是否已生成；不要直接重发，否则可能重复购买。",
    advice_not_sent: "请求没有离开本机，排除原因后可以放心重试。",
    retry_note: "重试需返回确认页，并再次确认。",
    none: "—",

    help_title: "按键",
    help_footer: "在确认页按 y 之前不会发送任何请求。按任意键关闭帮助。",
    // `order` and its reports on the command line.
    cli_not_on_terminal: "不在终端中运行，无人确认购买：加 --yes 直接购买（或加 --dry-run 查看请求）",
    cli_cancelled: "已取消，没有发送任何请求。",
    cli_review_title: "即将下单：",
    cli_review_title_sandbox: "即将下单（沙箱：不会真实购买）：",
    cli_quota: "CA 配额",
    cli_sandbox_note: "沙箱：没有真实购买。",
    cli_next: "下一步：",
    cli_dry_run: "# 演练：不发送任何请求",
    cli_dry_run_sandbox: "（沙箱）",
    cli_dry_run_credentials: "# 凭证：",
    cli_what: "购买内容",
    cli_auto_renew: "自动续费",
    cli_auto_pay: "自动支付",
    cli_project: "企业项目",
    cli_promotion: "促销信息",
    cli_region: "区域",
    cli_endpoint: "接口地址",
    cli_credentials: "凭证",
    cli_yes: "是",
    cli_no: "否",
    cli_pay_now: "是，立即从账号余额扣款",
    cli_pay_later: "否，订单等待在控制台支付",
    cli_next_paid: "已从账号余额扣款（自动支付）。",
    cli_next_activate: "每个 CA 在激活前都处于 PENDING（待激活）状态：请在控制台激活，或调用 POST /v1/private-certificate-authorities/{ca_id}/activate。",
    cli_order_id: "订单号",
    cli_journal: "订单日志",
    cli_status: "状态码",
    cli_error_code: "错误码",
    cli_message: "错误信息",
    cli_request_id: "请求 ID",
    cli_none: "（无）",
    cli_what_to_do: "建议：",
    cli_unknown: "结果未知：",
    cli_not_sent: "未发送：",
    cli_nothing_sent: "没有发送任何请求：",
    cli_promotion_sandbox: "--promotion 中含有 sandbox: 指令；只有沙箱会执行它们，真实接口只会把它们当作折扣文字",
    // `history`.
    history_time: "时间（UTC）",
    history_state: "状态",
    history_order: "订单",
    history_what: "购买内容",
    history_region: "区域",
    history_result: "结果",
    history_created: "已下单",
    history_rejected: "被拒绝",
    history_unknown: "结果未知",
    history_not_sent: "未发送",
    history_no_answer: "无应答",
    history_sandbox: "（沙箱）",
    history_stopped: "请求中途停止：请到控制台查看",
    // Billing after the order in the wizard (issue 9).
    hint_pay: "立即支付",
    hint_cancel_order: "取消订单",
    hint_back_order: "返回订单",
    step_paying: "正在支付",
    step_cancelling: "正在取消订单",
    step_tracking: "跟踪订单",
    step_pay_failed: "支付未完成",
    step_cancel_failed: "取消未完成",
    amount_to_pay: "应付金额",
    amount_loading: "正在读取金额…",
    amount_unknown: "无法读取，请在控制台查看",
    next_pay_now: "按 p 立即从账户余额支付（会先确认一次），或在控制台支付：费用中心 → 我的订单 → 待支付。",
    next_cancel: "按 x 取消这个待支付订单（会先确认一次）。",
    status_label: "状态",
    status_first_read: "正在读取订单状态…",
    paying_note: "支付请求已发出。按 Ctrl-C 会先确认：支付仍可能成功。",
    cancelling_note: "取消请求已发出。按 Ctrl-C 会先确认：取消仍可能成功。",
    quit_pay_in_flight: "支付仍可能成功。仍要退出吗？y/N",
    quit_cancel_in_flight: "取消仍可能成功。仍要退出吗？y/N",
    tracking_title_paid: "订单已支付。",
    tracking_title_cancelled: "订单已取消，未产生任何支付。",
    tracking_title_checking: "正在跟踪订单，以确认实际结果。",
    tracking_completed: "已完成：CA 已购买。每个 CA 在激活前保持 PENDING 状态：按 a（或 Enter）立即激活。",
    tracking_timed_out: "等待时限已到，订单尚未完成；订单会继续处理。",
    pay_rejected: "支付被拒绝，没有产生任何支付。",
    pay_not_sent: "支付请求没有发出，没有产生任何支付。",
    pay_unknown: "支付请求已发出，但结果未知，可能已经支付。",
    cancel_rejected: "取消被拒绝，订单没有变化。",
    cancel_not_sent: "取消请求没有发出，订单没有变化。",
    cancel_unknown: "取消请求已发出，但结果未知，订单可能已被取消。",
    act_advice_rejected: "没有任何变化。请阅读错误信息（如余额不足、缺少权限），然后返回订单（r）重试，或使用控制台。",
    act_advice_not_sent: "请求没有发出：请检查网络和凭证，然后返回订单（r）重试。",
    pay_advice_unknown: "再次支付前请先到控制台（费用中心 → 我的订单）查看：可能已经支付。按 r 在此跟踪订单状态。",
    cancel_advice_unknown: "再次操作前请先查看订单状态：订单可能已被取消。按 r 在此跟踪订单状态。",
    summary_pay: "支付",
    summary_cancel: "取消",
    summary_done: "已完成",
    summary_rejected: "被拒绝，没有变化",
    summary_not_sent: "没有发出，没有变化",
    summary_unknown: "结果未知，可能已经生效：再次支付前请先到控制台查看订单",
    summary_left_in_flight: "在收到响应前退出，可能已经生效：再次支付前请先到控制台查看订单",

    act_title: "激活私有 CA",
    act_choose: "选择要激活的待激活 CA",
    act_loading: "正在读取…",
    act_none_pending: "此账号没有待激活的 CA，无需激活。",
    act_load_failed: "无法读取 CA 列表：",
    act_type: "类型",
    act_root: "根 CA（自签名）",
    act_subordinate_of: "子 CA，签发者",
    act_no_issuer: "没有已激活的 CA 可签发子 CA：只能选择根 CA。",
    act_subject: "主体",
    act_common_name: "通用名称",
    act_organization: "组织",
    act_unit: "部门",
    act_country: "国家",
    act_state: "省份",
    act_locality: "城市",
    act_keys: "密钥",
    act_key_algorithm: "密钥算法",
    act_signature_algorithm: "签名算法",
    act_sm_china_only: "SM2/SM3 仅在中国站提供。",
    act_validity: "有效期",
    act_validity_note: "数字加 y|m|d|h；根 CA 最长 30 年，子 CA 20 年",
    act_review: "确认",
    act_ca: "CA 编号",
    act_json_hint: "按 v 显示确切的 JSON；按 Enter 发送前会询问一次。",
    act_question: "使用这些值激活此 CA？y/N",
    act_activating: "正在激活…（只发送一次，不会自动重试）",
    act_done: "已激活",
    act_status: "状态",
    act_serial: "序列号",
    act_not_before: "生效时间",
    act_not_after: "失效时间",
    act_next_ca: "Enter：用相同的值激活下一个 CA",
    act_leave: "Enter：退出",
    act_rejected: "激活被拒绝：未做任何更改。",
    act_not_sent: "激活请求未发出：未做任何更改。",
    act_unknown: "结果未知：CA 可能已被激活。请按 s 读取其状态后再重试。",
    hint_field: "下一字段",
    hint_activate: "激活",
    hint_status: "读取状态",
    hint_next_ca: "下一个 CA",
    act_quit_in_flight: "激活请求可能仍会生效。仍要退出？y/N",
    act_journal_warning: "警告：此次激活的结果未写入日志：",
    act_again_warning: "之前的尝试可能已激活此 CA：请先读取其状态。",
    act_may_have_activated: "此 CA 之前的一次尝试结果未知：它可能已经激活。再次激活前请按 s 读取其状态。",
    step_of: |n, total, name| format!("第 {n} 步，共 {total} 步 · {name}"),
    period_value,
    quantity_value: |n| format!("{n} 个私有 CA"),
    range_note: |min, max, what| match what {
        RangeWhat::CasQuota if max < min => "账号的 CA 配额已用完".to_string(),
        RangeWhat::Months => format!("{min}–{max} 个月（pca-order 自设上限，API 未规定）"),
        RangeWhat::Years => format!("{min}–{max} 年（pca-order 自设上限，API 未规定）"),
        RangeWhat::Cas => format!("{min}–{max}（pca-order 自设上限，API 未规定）"),
        RangeWhat::CasQuota => format!("{min}–{max}（受账号 CA 配额限制）"),
    },
    quota_line: |used, quota, left| {
        format!("CA 配额：已用 {used} / {quota}，最多还能购买 {left} 个")
    },
    quota_failed: |reason| format!("无法读取 CA 配额（{reason}），将不检查配额继续。"),
    projects_failed: |reason| format!("无法加载企业项目（{reason}），请直接输入 ID：0 或 UUID。"),
    project_value: |id, name| match name {
        _ if id == "0" => "0（默认）".to_string(),
        Some(name) if !name.is_empty() => format!("{name}（{id}）"),
        _ => id.to_string(),
    },
    confirm: |quantity, period_num, unit| {
        format!(
            "确认购买 {quantity} 个私有 CA，时长 {}？y/N",
            period_value(period_num, unit)
        )
    },
    confirm_priced: |quantity, period_num, unit, amount| {
        format!(
            "确认购买 {quantity} 个私有 CA，时长 {}，应付 {amount}？y/N",
            period_value(period_num, unit)
        )
    },
    price_value: |amount, quantity, period_num, unit| {
        format!(
            "{amount}（{quantity} 个私有 CA × {}）",
            period_value(period_num, unit)
        )
    },
    price_discount: |list, off| format!("原价 {list}，优惠 −{off}"),
    credential_source: |source| match source {
        CredentialSource::TokenFile(p) => format!("--token-file {}", p.display()),
        CredentialSource::TokenStdin => "--token-file -（标准输入）".to_string(),
        CredentialSource::EnvToken => "环境变量 HUAWEICLOUD_AUTH_TOKEN".to_string(),
        CredentialSource::EnvHuaweicloudSdk => "环境变量 HUAWEICLOUD_SDK_AK/SK".to_string(),
        CredentialSource::EnvCloudSdk => "环境变量 CLOUD_SDK_AK/SK".to_string(),
        CredentialSource::CredentialsFile(p) => format!("{} [global]", p.display()),
        CredentialSource::Sandbox => "沙箱（内置测试凭证）".to_string(),
        CredentialSource::Missing => "未找到凭证".to_string(),
    },
    waiting_for_answer: |secs| {
        format!("订单仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…")
    },
    submitting: |secs| format!("正在下单… 已用时 {secs:.1} 秒"),
    more_ids: |n| format!("……另有 {n} 个（均已记入订单日志）"),
    too_small: |need_w, need_h, w, h| {
        format!(
            "终端窗口太小（至少需要 {need_w}×{need_h}，当前 {w}×{h}）。请放大窗口，或按 Ctrl-C 退出。"
        )
    },
    rule,
    reason_sentence,
    call_error,
    activation_rule,
    // `order` and its reports on the command line.
    cli_confirm: |quantity, period_num, unit, price| {
        let price = price.map(|p| format!("，价格 {p}")).unwrap_or_default();
        format!(
            "确认购买 {quantity} 个私有 CA，时长 {}{price}？[y/N] ",
            period_value(period_num, unit)
        )
    },
    cli_ordered: |quantity, period_num, unit| {
        format!(
            "已下单：{quantity} 个私有 CA，时长 {}。",
            period_value(period_num, unit)
        )
    },
    cli_purchase: |quantity, period_num, unit| {
        format!(
            "{quantity} 个私有 CA，时长 {}",
            period_value(period_num, unit)
        )
    },
    cli_credentials_value: |kind, source| format!("{kind}，来源：{source}"),
    cli_quota_value: |used, quota, left| format!("已用 {used}/{quota}，最多还可购买 {left} 个"),
    cli_quota_unread: |reason| format!("无法读取 CA 配额（{reason}），将不检查配额直接下单"),
    cli_in_flight: |secs| {
        format!("订单正在发送中：最多等待 {secs} 秒以记录其结果（再次发送信号则停止等待）…")
    },
    cli_next_pay: |order_id| {
        format!(
            "请在华为云控制台支付订单 {order_id}（费用中心 > 订单管理 > 我的订单）：订单正在等待支付。"
        )
    },
    // `history`.
    history_empty: |path| format!("{path} 中没有订单。"),
    history_pretend: |n| {
        format!(
            "有 {n} 次沙箱尝试未列出：它们发往沙箱或明文 http 回环地址，没有真实购买（`pca-order history --sandbox` 可列出）。"
        )
    },
    history_sandbox_elsewhere: |n| {
        format!("沙箱订单日志中有 {n} 次尝试：`pca-order history --sandbox`。")
    },
    history_damaged: |n, path, lines| {
        format!(
            "跳过了 {path} 中 {n} 行损坏的记录（第 {lines} 行）：不是有效的 UTF-8、不是 JSON，或被截断"
        )
    },
    history_ca_ids: |n| format!("{n} 个 CA ID"),
    history_check: |reason| format!("请到控制台查看：{reason}"),
    history_unreadable: |path, error| format!("无法读取订单日志 {path}（{error}）"),
    // Billing after the order in the wizard (issue 9).
    confirm_pay: |order_id, amount| match amount {
        Some(a) => format!("现在为订单 {order_id} 支付 {a} 吗？y/N"),
        None => format!("现在支付订单 {order_id} 吗（金额无法读取）？y/N"),
    },
    confirm_cancel: |order_id| format!("取消待支付订单 {order_id} 吗？y/N"),
    acting_pay: |secs| format!("正在支付… 已用时 {secs:.1} 秒"),
    acting_cancel: |secs| format!("正在取消订单… 已用时 {secs:.1} 秒"),
    order_status: |code| {
        let name = match code {
            1 => "待审核",
            2 => "待退款",
            3 => "处理中",
            4 => "已取消",
            5 => "已完成",
            6 => "待支付",
            9 => "待确认",
            _ => "其他",
        };
        format!("{name}（状态 {code}）")
    },
    tracking_elapsed: |secs| format!("已跟踪 {secs} 秒"),
    tracking_ended: |status| format!("订单已结束，状态为{status}，不再跟踪。"),
    tracking_poll_failed: |reason| format!("本次未能读取订单（{reason}），继续跟踪。"),
    tracking_leave: |order_id| {
        format!(
            "随时可按 q 退出，订单会继续处理。可用 `pca-order status {order_id} --wait` 再次跟踪。"
        )
    },
    waiting_for_act: |secs| {
        format!("支付或取消请求仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…")
    },
};

fn period_value(n: u64, unit: PeriodUnit) -> String {
    match unit {
        PeriodUnit::Month => format!("{n} 个月"),
        PeriodUnit::Year => format!("{n} 年"),
    }
}

fn rule(rule: &Rule) -> String {
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

fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_ref()
        .map(|r| format!("（请求 ID {r}）"))
        .unwrap_or_default()
}

fn reason_sentence(reason: &Reason) -> String {
    match reason {
        Reason::Connect { host, detail } => format!("无法连接到 {host}：{detail}"),
        Reason::HttpSetup { detail } => format!("无法建立 HTTPS 客户端：{detail}"),
        Reason::AccountLookup { detail } => format!("无法通过 IAM 查询账号 ID：{detail}"),
        Reason::Journal { path, detail } => {
            format!("无法写入订单日志 {path}（{detail}），请求未发出")
        }
        Reason::Timeout { host, detail } => format!("{host} 在超时时间内没有响应（{detail}）"),
        Reason::ConnectionLost { host, detail } => {
            format!("请求发出后，与 {host} 的连接中断：{detail}")
        }
        Reason::TooLarge {
            status,
            kib,
            request_id,
        } => format!(
            "HTTP {status}：响应超过 {kib} KiB，未读取{}",
            rid(request_id)
        ),
        Reason::BodyCut {
            status,
            detail,
            request_id,
        } => format!("HTTP {status}：响应被截断（{detail}）{}", rid(request_id)),
        Reason::ServerError(e) => format!(
            "服务返回 HTTP {} {}：{}{}；服务端错误无法说明订单是否已生成",
            e.status,
            e.code,
            e.message,
            rid(&e.request_id)
        ),
        Reason::ActionServerError(e) => format!(
            "服务返回 HTTP {} {}：{}{}；服务端错误无法说明操作是否已生效",
            e.status,
            e.code,
            e.message,
            rid(&e.request_id)
        ),
        Reason::NoOrderId {
            status,
            request_id,
            excerpt,
        } => format!(
            "HTTP {status}，但响应中没有可用的 order_id（1–64 个字符）{}；订单可能已生成，请在控制台查看订单。响应内容：{excerpt}",
            rid(request_id)
        ),
        Reason::SecondSignal => {
            "已中断：第二次信号停止了等待响应；订单已发出，可能已生成".to_string()
        }
        Reason::LeftInFlight => "向导在收到响应前结束；订单已发出，可能已生成".to_string(),
        Reason::SignalWait { secs } => {
            format!("已中断：收到信号后 {secs} 秒内没有响应；订单已发出，可能已生成")
        }
        Reason::TaskFailed { detail } => format!("后台任务出错，请求可能已发出：{detail}"),
    }
}

fn call_error(error: &CallError) -> String {
    match error {
        CallError::Api(e) => format!(
            "HTTP {} {}：{}{}",
            e.status,
            e.code,
            e.message,
            rid(&e.request_id)
        ),
        CallError::Send(r) => reason_sentence(r),
        CallError::Network(detail) => format!("调用失败：{detail}"),
    }
}

fn activation_rule(rule: &ActivationRule) -> String {
    match rule {
        ActivationRule::Required => "必须填写".to_string(),
        ActivationRule::WrongType(t) => format!("JSON 类型必须是 {t}"),
        ActivationRule::MaxLength(n) => format!("最多 {n} 个字符"),
        ActivationRule::Characters { star, found } => format!(
            "只能包含字母、数字、汉字、- _ 空格 . ,{}（发现 {:?}）",
            if *star { " 和 *" } else { "" },
            found
        ),
        ActivationRule::CountryCode => "必须是 2 个字母（国家代码，例如 CN）".to_string(),
        ActivationRule::OneOf(words) => format!("必须是 {} 之一", words.join("、")),
        ActivationRule::ChinaOnly => "SM2 和 SM3 仅在中国站（cn-* 区域）提供".to_string(),
        ActivationRule::Pair { key, needs } => format!(
            "{key} 密钥须使用 {needs} 签名（pca-order 的规则：SM2 只与 SM3 搭配，RSA 和 EC 与 SHA256/384/512 搭配）"
        ),
        ActivationRule::ValidityFormat => {
            "必须是至少为 1 的整数加 y、m、d 或 h（例如 10y、6m、30d、12h）".to_string()
        }
        ActivationRule::ValidityMax { years, ca_type } => {
            format!("{ca_type} CA 的证书有效期最长 {years} 年（一年按 12 个月、一个月按 31 天计）")
        }
        ActivationRule::StartFromPast => {
            "不能早于当前时间减 5 分钟（自纪元起的毫秒数）".to_string()
        }
        ActivationRule::Range { min, max } => format!("必须在 {min} 到 {max} 之间"),
        ActivationRule::CaIdFormat => {
            "必须是 CA ID：36 个字符，例如 3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f".to_string()
        }
        ActivationRule::IssuerRequired => "从属 CA 需要其签发 CA（ACTIVED 状态）的 ID".to_string(),
        ActivationRule::IssuerNotForRoot => {
            "根 CA 自签名，不需要签发者（pca-order 的规则：请去掉签发者）".to_string()
        }
    }
}

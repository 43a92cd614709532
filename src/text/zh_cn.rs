//! 简体中文: a one-for-one translation of `en.rs`.

use super::{RangeWhat, Text};
use crate::activation::ValidityUnit;
use crate::activation::rules::Rule as ActivationRule;
use crate::api::credentials::CredentialSource;
use crate::api::error::{CallError, Reason};
use crate::billing::OrderStatus;
use crate::config::{IoWhy, Problem, ValueRule, Where};
use crate::journal::ActionKind;
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
    more_above: "↑ 上方还有",
    more_below: "↓ 下方还有",
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
    pay_no: |pay| {
        format!(
            "订单将等待支付：下单后可在结果页按 {pay} 立即支付，或稍后在控制台支付（费用中心 → 我的订单）。"
        )
    },

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
    price_unread: "无法获取价格",
    json_title: "请求体",
    renew_value_yes: "是 — 到期自动续费",
    renew_value_no: "否",
    pay_value_yes: "是 — 立即从余额扣款",
    pay_value_no: "否 — 可在下一屏支付，或稍后在控制台支付",
    quit_in_flight: |yes_no| format!("订单仍可能成功。仍要退出吗？{yes_no}"),

    submitting_note: |quit| format!("请求已发出。按 {quit} 会先确认：订单仍可能成功。"),

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
    copied: "订单号已发送到终端剪贴板（OSC 52），终端可能不支持。",
    copied_ca: "CA ID 已发送到终端剪贴板（OSC 52），终端可能不支持。",
    copied_cas: "全部 CA ID 已发送到终端剪贴板（OSC 52），终端可能不支持。",

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
    advice_400: |review| {
        format!("请按错误信息修改对应字段：按 {review} 返回确认页，再回到相应步骤修改。")
    },
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
    help_footer: |yes| format!("在确认页按 {yes} 之前不会发送任何请求。按任意键关闭帮助。"),
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
    cli_next_activate: |flags| {
        format!(
            "每个 CA 在激活前都处于 PENDING（待激活）状态：订单完成后，运行 `pca-order activate{flags}`（在终端中会先询问），或在控制台激活。"
        )
    },
    act_cli_ca_id_required: "CA_ID：不在终端中运行时必须提供（`pca-order cas --status PENDING` 会列出待激活的 CA）；在终端中，只运行 `pca-order activate` 即可从列表中选择",
    act_cli_pending_title: "本账号待激活（PENDING）的 CA 及其订单：",
    act_cli_no_pending: "没有待激活（PENDING）的 CA：`pca-order cas` 会列出账号的 CA，`pca-order order` 可购买。",
    act_cli_order_unknown: "订单不在本机的订单日志中（在别处购买？）：由服务端决定",
    act_cli_order_paid: "已支付，已完成",
    act_cli_order_unpaid: "未支付",
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
    step_tracking_completed: "订单已完成",
    ca_status_pending: "待激活",
    ca_status_active: "已激活",
    ca_status_disabled: "已禁用",
    ca_status_deleted: "计划删除",
    ca_status_expired: "已过期",
    step_tracking_ended: "已停止跟踪订单",
    step_pay_failed: "支付未完成",
    step_cancel_failed: "取消未完成",
    amount_to_pay: "应付金额",
    amount_loading: "正在读取金额…",
    amount_unknown: "无法读取，请在控制台查看",
    next_pay_now: |pay| {
        format!(
            "按 {pay} 立即从账户余额支付（会先确认一次），或在控制台支付：费用中心 → 我的订单 → 待支付。"
        )
    },
    next_cancel: |cancel| format!("按 {cancel} 取消这个待支付订单（会先确认一次）。"),
    status_label: "状态",
    status_first_read: "正在读取订单状态…",
    paying_note: |quit| format!("支付请求已发出。按 {quit} 会先确认：支付仍可能成功。"),
    cancelling_note: |quit| format!("取消请求已发出。按 {quit} 会先确认：取消仍可能成功。"),
    quit_pay_in_flight: |yes_no| format!("支付仍可能成功。仍要退出吗？{yes_no}"),
    quit_cancel_in_flight: |yes_no| format!("取消仍可能成功。仍要退出吗？{yes_no}"),
    tracking_title_paid: "订单已支付。",
    tracking_title_cancelled: "订单已取消，未产生任何支付。",
    tracking_title_checking: "正在跟踪订单，以确认实际结果。",
    tracking_completed: |activate, or| {
        format!(
            "已完成：CA 已购买。每个 CA 在激活前保持 PENDING 状态：按 {activate}（或 {or}）立即激活。"
        )
    },
    tracking_timed_out: "等待时限已到，订单尚未完成；订单会继续处理。",
    pay_rejected: "支付被拒绝，没有产生任何支付。",
    pay_not_sent: "支付请求没有发出，没有产生任何支付。",
    pay_unknown: "支付请求已发出，但结果未知，可能已经支付。",
    cancel_rejected: "取消被拒绝，订单没有变化。",
    cancel_not_sent: "取消请求没有发出，订单没有变化。",
    cancel_unknown: "取消请求已发出，但结果未知，订单可能已被取消。",
    act_advice_rejected: |back| {
        format!(
            "没有任何变化。请阅读错误信息（如余额不足、缺少权限），然后返回订单（{back}）重试，或使用控制台。"
        )
    },
    act_advice_not_sent: |back| {
        format!(
            "请求没有发出：请按原因所述修正（网络、凭证或订单日志），然后返回订单（{back}）重试。"
        )
    },
    pay_advice_unknown: |back| {
        format!(
            "再次支付前请先到控制台（费用中心 → 我的订单）查看：可能已经支付。按 {back} 在此跟踪订单状态。"
        )
    },
    cancel_advice_unknown: |back| {
        format!("再次操作前请先查看订单状态：订单可能已被取消。按 {back} 在此跟踪订单状态。")
    },
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
    act_subordinate: "子 CA",
    act_issuer: "签发者",
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
    act_sm_region_no: "此区域不提供 SM2/SM3（其控制台配置如此显示）。",
    act_sm_unchecked: "无法确认此区域是否提供 SM2/SM3：按站点规则提供。",
    console_silent: "其控制台配置未说明",
    life_summary_title: "我的 CA —— 已发送的续费、自动续费和退订：",
    act_validity: "有效期",
    act_validity_note: "数字加 y|m|d|h；根 CA 最长 30 年，子 CA 20 年",
    act_validity_default_period: "默认：购买时长——CA 的费用付到那时，Terraform 激活时也用同样的值（pca-order 的选择）。",
    act_validity_default_year: "默认：1 年——此处不知道购买时长（pca-order 的选择）。",
    act_dates: "起止时间",
    act_dates_note: "按现在发送计算；服务从激活 CA 的时刻起算。",
    act_path_length: "路径长度",
    act_path_length_note: "此 CA 之下允许的 CA 层数（0：只签发终端证书）。默认 6，即允许的最大值（pca-order 的选择）。",
    act_issuers_path_zero: "路径长度为 0 的已激活 CA 未列出：它们不能签发 CA。",
    act_review: "确认",
    act_ca: "CA 编号",
    act_json_hint: |json, next| format!("按 {json} 显示确切的 JSON；按 {next} 发送前会询问一次。"),
    act_question: |yes_no| format!("使用这些值激活此 CA？{yes_no}"),
    act_activating: "正在激活…（只发送一次，不会自动重试）",
    act_done: "已激活",
    act_status: "状态",
    act_serial: "序列号",
    act_not_before: "生效时间",
    act_not_after: "失效时间",
    act_next_ca: |next| format!("{next}：用相同的值激活下一个 CA"),
    act_next_ca_under: |next, root| {
        format!("{next}：将下一个 CA 激活为 {root} 的子 CA（仍可选根 CA）")
    },
    validity_words: |value, unit| {
        let word = match unit {
            ValidityUnit::Year => "年",
            ValidityUnit::Month => "个月",
            ValidityUnit::Day => "天",
            ValidityUnit::Hour => "小时",
        };
        format!("{value} {word}")
    },
    act_dates_value: |from, to| format!("{from} 至 {to}"),
    act_defaulted: |value| format!("{value}（默认）"),
    act_leave: |leave| format!("{leave}：退出"),
    act_rejected: "激活被拒绝：未做任何更改。",
    act_not_sent: "激活请求未发出：未做任何更改。",
    act_unknown: |status| format!("结果未知：CA 可能已被激活。请按 {status} 读取其状态后再重试。"),
    hint_field: "下一字段",
    hint_activate: "激活",
    hint_status: "读取状态",
    hint_next_ca: "下一个 CA",
    hint_prev_field: "上一字段（在第一个字段时返回）",
    hint_clear_field: "清空字段",
    hint_copy_ca: "复制 CA ID",
    hint_copy_cas: "复制全部 CA ID",
    hint_my_cas: "我的 CA",
    hint_show: "详情",
    hint_clear_filter: "清除筛选",
    hint_reload: "刷新",
    hint_auto_renew: "开关自动续费",
    hint_unsubscribe: "退订",
    hint_renew: "续费",
    hint_count: "数量",
    hint_pay_now: "立即支付",
    hint_price: "询价",
    hint_back_to_list: "返回列表",
    hint_retry: "重试",
    hint_export: "导出",
    exp_title: "导出证书",
    exp_working: "正在读取证书并写入文件…",
    exp_done: "✓ 证书已保存",
    exp_failed: "未导出：",
    exp_certificate_file: "证书",
    exp_chain_file: "证书链",
    hint_csr: "CSR（自有根）",
    csr_title: "CSR：由我自己的根 CA 签发",
    csr_form_note: "将保存此待激活从属 CA 的主题与密钥算法（推断的 API 用法；保存后不可更改），然后把它的 CSR 写入当前目录下的文件，交给你自己的根 CA 签发。",
    csr_working: "正在保存主题、读取 CSR 并写入文件…",
    csr_done: "✓ 已写入 CSR",
    csr_file: "CSR 文件",
    csr_next_label: "下一步",
    csr_next_note: "请用你的根 CA 将此 CSR 签发为 CA 证书，然后用签发的证书（及证书链）运行上面的命令。服务端没有其他改变。",
    csr_saved_now: "主题已保存（已记入日志）。",
    csr_skipped: "此 CA 已保存该主题：未再次保存。",
    csr_failed: "未写入 CSR：",
    csr_changed: "自“我的 CA”读取后此 CA 已改变（现在没有已保存的主题）。未发送任何请求：请返回后重新打开。",
    csr_rejected: "保存主题被拒绝：没有任何改变。",
    csr_not_sent: "保存主题的请求未发出：没有任何改变。",
    csr_unknown: "主题是否已保存未知：可能已保存。再次尝试前请在“我的 CA”中读取该 CA；日志中有此请求。",
    exp_next: "PEM 文件可放入信任库与配置中。以上信息读自证书本身；服务端没有任何改变。",
    manage_title: "我的 CA",
    manage_detail_title: "我的 CA · 详情",
    manage_loading: "正在读取 CA 及其订阅…",
    manage_unsub_title: "我的 CA · 退订",
    manage_unsub_ca: "该 CA：停止签发并被删除",
    manage_unsub_renewals: "仅尚未开始的续费周期：CA 继续运行",
    manage_life_title: "我的 CA · 付费周期",
    manage_life_sending: "正在发送（已记入日志）；等待应答…",
    manage_renew_title: "我的 CA · 续费",
    manage_renew_period: "续费时长",
    manage_renew_pay_now: "立即支付",
    manage_renew_yes: "是——立即从账户余额扣款",
    manage_renew_no: "否——续费订单等待支付",
    manage_renew_rating: "正在读取续费价格…",
    manage_renew_paid_now: "将立即从账户余额扣款。",
    manage_typed_label: "在此输入：",
    manage_refund_loading: "正在读取退款明细…",
    manage_load_failed: "无法读取 CA 列表：",
    manage_none: "此账号没有 CA。",
    manage_no_match: "没有符合筛选条件的 CA。",
    manage_filter: "筛选",
    manage_paid_until: "付费到期（订阅）",
    manage_auto_renew: "自动续费",
    manage_subscription: "订阅",
    manage_cert_not_after: "失效时间（证书）",
    manage_dates_note: "付费到期是订阅的结束时间（BSS）；失效时间是 CA 证书的结束时间。两者是不同的日期，且文档未说明续费会改变证书的失效时间。",
    manage_unlisted: "BSS 未列出",
    cli_manage_no_terminal: "`pca-order manage` 是全屏界面，需要终端（stdin 与 stdout 均为 TTY，且不使用 --output json）。脚本请使用 `pca-order cas`，它列出同样的 CA 及付费到期、自动续费与失效时间。",
    act_quit_in_flight: |yes_no| format!("激活请求可能仍会生效。仍要退出？{yes_no}"),
    manage_quit_in_flight: |yes_no| {
        format!("自动续费开关或退订请求可能仍会生效。仍要退出？{yes_no}")
    },
    act_journal_warning: "警告：此次激活的结果未写入日志：",
    act_again_warning: "之前的尝试可能已激活此 CA：请先读取其状态。",
    act_may_have_activated: |status| {
        format!(
            "此 CA 之前的一次尝试结果未知：它可能已经激活。再次激活前请按 {status} 读取其状态。"
        )
    },
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
    confirm: |quantity, period_num, unit, yes_no| {
        format!(
            "确认购买 {quantity} 个私有 CA，时长 {}？{yes_no}",
            period_value(period_num, unit)
        )
    },
    confirm_priced: |quantity, period_num, unit, amount, yes_no| {
        format!(
            "确认购买 {quantity} 个私有 CA，时长 {}，应付 {amount}？{yes_no}",
            period_value(period_num, unit)
        )
    },
    price_value: |amount, quantity, period_num, unit| {
        format!(
            "{amount}（{quantity} 个私有 CA × {}）",
            period_value(period_num, unit)
        )
    },
    price_offer: |offer, off| format!("原价；优惠 −{off}（{offer}）未使用"),
    credential_source: |source| match source {
        CredentialSource::TokenFile(p) => format!("--token-file {}", p.display()),
        CredentialSource::TokenStdin => "--token-file -（标准输入）".to_string(),
        CredentialSource::EnvToken => "环境变量 HUAWEICLOUD_AUTH_TOKEN".to_string(),
        CredentialSource::EnvHuaweicloudSdk => "环境变量 HUAWEICLOUD_SDK_AK/SK".to_string(),
        CredentialSource::EnvCloudSdk => "环境变量 CLOUD_SDK_AK/SK".to_string(),
        CredentialSource::CredentialsFile(p) => format!("{} [global]", p.display()),
        CredentialSource::Metadata => "ECS 委托（元数据）".to_string(),
        CredentialSource::PodIdentity => "CCE 工作负载 Pod 身份".to_string(),
        CredentialSource::KooCli(name) => format!("KooCLI 配置项 {name}"),
        CredentialSource::Sandbox => "沙箱（内置测试凭证）".to_string(),
        CredentialSource::Missing => "未找到凭证".to_string(),
    },
    waiting_for_answer: |secs| {
        format!("订单仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…")
    },
    submitting: |secs| format!("正在下单… 已用时 {secs:.1} 秒"),
    more_ids: |n| format!("……另有 {n} 个（均已记入订单日志）"),
    too_small: |need_w, need_h, w, h, quit| {
        format!(
            "终端窗口太小（至少需要 {need_w}×{need_h}，当前 {w}×{h}）。请放大窗口，或按 {quit} 退出。"
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
    region_sells_none: |region| {
        format!(
            "区域 {region} 不销售包年/包月的私有 CA（其控制台配置如此显示）：在此下单会被拒绝，因此不会下单。请选择其他区域。"
        )
    },
    console_unread_sm: |region, reason| {
        format!(
            "无法确认区域 {region} 是否提供 SM2/SM3（{reason}）；按 pca-order 的站点规则判断（仅 cn-* 区域提供）"
        )
    },
    console_unread: |region, reason| {
        format!("无法确认区域 {region} 销售哪些产品（{reason}）；不影响继续操作")
    },
    cli_in_flight: |secs| {
        format!("订单正在发送中：最多等待 {secs} 秒以记录其结果（再次发送信号则停止等待）…")
    },
    cli_next_pay: |order_id, flags| {
        format!(
            "订单 {order_id} 正在等待支付：运行 `pca-order pay {order_id}{flags}`（会先询问并显示金额），或在华为云控制台支付（费用中心 > 订单管理 > 我的订单）。"
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
    confirm_pay: |order_id, amount, yes_no| match amount {
        Some(a) => format!("现在为订单 {order_id} 支付 {a} 吗？{yes_no}"),
        None => format!("现在支付订单 {order_id} 吗（金额无法读取）？{yes_no}"),
    },
    confirm_cancel: |order_id, yes_no| format!("取消待支付订单 {order_id} 吗？{yes_no}"),
    acting_pay: |secs| format!("正在支付… 已用时 {secs:.1} 秒"),
    acting_cancel: |secs| format!("正在取消订单… 已用时 {secs:.1} 秒"),
    status_with_code: |name, code| format!("{name}（状态 {code}）"),
    journal_readable: |path, mode| {
        format!(
            "订单日志 {path} 可被其他用户读取（权限 {mode}）；其中有您的订单号和请求：请执行 chmod 600 {path}"
        )
    },
    tracking_elapsed: |secs| format!("已跟踪 {secs} 秒"),
    tracking_ended: |status| format!("订单已结束，状态为{status}，不再跟踪。"),
    tracking_poll_failed: |reason| format!("本次未能读取订单（{reason}），继续跟踪。"),
    tracking_leave: |order_id, leave, flags| {
        format!(
            "随时可按 {leave} 退出，订单会继续处理。可用 `pca-order status{flags} {order_id} --wait` 再次跟踪。"
        )
    },
    manage_waiting_for_answer: |secs| {
        format!(
            "自动续费开关或退订请求仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…"
        )
    },
    waiting_for_act: |secs| {
        format!("支付或取消请求仍在发送中：最多等待 {secs} 秒以记录其结果（按 Ctrl-C 停止等待）…")
    },
    // The command line beyond `order` and `history` (issue 8): notes, credentials, billing, CAs.
    cli_token_stdin_wait: "正在从标准输入读取 IAM token（--token-file -）：粘贴后按 Enter，再按 Ctrl-D。",
    cli_placeholder_credentials: "本次演练使用占位凭证",
    cli_wizard_no_json: "向导没有 JSON 输出：--output json 需要与一个命令一起使用（`pca-order --help` 列出全部命令）",
    cli_wizard_token_stdin: "--token-file - 从标准输入读取，而向导需要用它接收按键；请传入文件路径",
    cli_journal_unusable: |error| format!("{error}；没有发送任何请求"),
    credential_token: "IAM token 凭证",
    bill_price_title: "价格",
    bill_price_row: "价格",
    bill_pretend: "（沙箱：虚构的价目表）",
    bill_pay_needs_yes: "不在终端中运行，无人确认支付：加 --yes 直接支付",
    bill_cancel_needs_yes: "不在终端中运行，无人确认取消：加 --yes 直接取消",
    bill_unknown_advice: |order_id, flags| {
        format!(
            "操作可能已生效：请先用 `pca-order status {order_id}{flags}`（或控制台的订单列表）查看订单，再决定是否重试。"
        )
    },
    bill_rejected_advice: |order_id, flags| {
        format!(
            "未做任何更改。请阅读错误信息，再用 `pca-order status {order_id}{flags}` 查看订单。"
        )
    },
    bill_not_sent_advice: "没有发送任何请求：请按原因所述修正（网络、凭证或订单日志）后重试。",
    bill_wait_limit: |order_id| {
        format!(
            "等待已达时间上限，订单尚未完成；订单会继续处理：稍后用 `pca-order status {order_id}` 查看"
        )
    },
    bill_wait_left: |order_id| {
        format!("收到信号，已停止等待；订单会继续处理：稍后用 `pca-order status {order_id}` 查看")
    },
    bill_sandbox_paid: "沙箱：没有真实付款。",
    bill_sandbox_cancelled: "沙箱：没有真实取消任何订单。",
    bill_dry_run_price: "未查询：试运行不发送任何请求（用相同参数运行 `pca-order price` 可查询价格）",
    bill_no_credentials: "没有凭证可用于询价",
    bill_amount: "应付金额",
    bill_list_price: "原价",
    bill_created: "创建时间",
    bill_paid: "支付时间",
    bill_pay_before: "支付截止",
    cas_none: "没有 CA。",
    cas_col_id: "CA 编号",
    cas_col_type: "类型",
    cas_col_status: "状态",
    cas_col_common_name: "通用名称",
    cas_col_key: "密钥",
    cas_col_not_after: "失效时间",
    cas_col_paid_until: "付费到期",
    cas_col_auto_renew: "自动续费",
    cas_auto_renew_on: "开启",
    cas_auto_renew_off: "关闭",
    cas_unknown: "未知",
    renew_needs_yes: "不在终端上，无人确认续费：加 --yes 续费（或 --dry-run 查看价格）",
    renew_price_title: "续费价格：",
    renew_what: "续费",
    renew_discount: "可用折扣",
    renew_nothing_renewable: "没有续费，也没有发送任何请求：BSS 不会续费这些 CA 中的任何一个。",
    renew_dry_run: "试运行：没有续费。将发送的续费请求：",
    renew_nothing_renewed: "BSS 接受了请求，但没有续费任何 CA：",
    renew_sandbox: "沙箱：没有续费任何真实资源。\n",
    renew_unknown_advice: "可能已生成续费订单：再次续费前，先用 `pca-order history` 和控制台的订单（续费、待支付）查找",
    renew_follow_not_moved: "BSS 的记录中尚未显示新的付费到期时间；返回列表时会重新读取。",
    renew_not_after_note: "证书的失效时间按读取所示：续费订阅是否会延长它，文档未说明。",
    renew_history_title: "续费记录：",
    renew_history_no_answer: "没有记录到应答：可能已生成续费订单，请在控制台核对",
    expiring_col_why: "原因",
    expiring_why_subscription: "订阅到期，未开启自动续费",
    expiring_why_certificate: "证书到期",
    expiring_why_certificate_auto_renew: "证书到期（自动续费只续订阅，不续证书）",
    ca_id: "CA 编号",
    ca_type: "类型",
    ca_status: "状态",
    ca_common_name: "通用名称",
    ca_country: "国家",
    ca_organization: "组织",
    ca_unit: "部门",
    ca_state: "省份",
    ca_locality: "城市",
    ca_issuer: "签发者",
    ca_key_algorithm: "密钥算法",
    ca_signature_algorithm: "签名算法",
    ca_serial: "序列号",
    export_subject: "主题",
    export_fingerprint: "SHA-256 指纹",
    export_root_no_chain: "该 CA 是根 CA：没有证书链",
    ca_not_before: "生效时间",
    ca_not_after: "失效时间",
    ca_keys: "密钥",
    ca_validity: "有效期",
    ca_path_length: "路径长度",
    ca_path_length_why: "允许的最大值，此 CA 可再签发 CA（pca-order 的选择；用 --path-length 0-6 更改）",
    ca_dates: "起止时间",
    ca_body: "请求体",
    act_cli_needs_yes: "不在终端中运行，无人确认激活：加 --yes 直接激活（或加 --dry-run 查看请求）",
    act_cli_fix_and_retry: "未做任何更改；请按错误信息修正后重试。",
    act_cli_safe_retry: "未做任何更改；可以放心重试。",
    act_cli_sandbox_note: "沙箱：没有真实激活。",
    act_cli_history_title: "激活记录：",
    act_cli_history_activated: "已激活",
    history_subject_saved: "主题已保存",
    history_imported: "已导入",
    file_exists: "文件已存在；pca-order 从不覆盖文件",
    csr_what: "保存主题",
    import_what: "导入",
    ca_op_safe_retry: "没有任何更改；可以放心重试。",
    import_rule_not_ca: "它不是 CA 证书（缺少 basic constraints CA:TRUE）",
    import_rule_key: "其公钥与 CSR 的不一致：它不是为此 CA 的 CSR 签发的（`pca-order csr CA_ID` 可打印 CSR）",
    file_not_regular: "不是普通文件（目录、FIFO 或设备文件会被拒绝）",
    history_paid: "已支付",
    history_cancelled: "已取消",
    history_done: "完成",
    history_action_stopped: "请求中途停止：请查看订单",
    cli_note: |message| format!("注意：{message}"),
    cli_warning: |message| format!("警告：{message}"),
    sandbox_reset: |path| format!("沙箱的模拟账号（{path}）已重新开始：没有订单，也没有 CA。"),
    man_unknown_command: |name, known| {
        format!("没有名为“{name}”的命令，无法显示其手册页；可用的命令：{known}")
    },
    config_problem,
    cli_request_in_flight: |secs| {
        format!("请求正在发送中：最多等待 {secs} 秒以记录其结果（再次发送信号则停止等待）…")
    },
    credential_ak: |masked, temporary| {
        format!(
            "访问密钥 {masked}{}",
            if temporary { "（临时）" } else { "" }
        )
    },
    bill_what: |quantity, period_num, unit| {
        format!("{quantity} 个 CA × {}", period_value(period_num, unit))
    },
    bill_price_value: |amount, what| format!("{amount}，{what}（原价）"),
    bill_price_offer: |amount, what, offer, off, name| {
        let name = if name.is_empty() {
            String::new()
        } else {
            format!("（{name}）")
        };
        format!(
            "{amount}，{what}（原价；可选优惠 −{off}{name}，折后 {offer}，未使用：pca-order 下单和支付均不使用优惠）"
        )
    },
    bill_price_unavailable: |why| format!("无法获取价格（{why}）；仍可购买"),
    bill_bad_order_id: |shown, min, max| {
        format!(
            "ORDER_ID：“{shown}”必须是 {min}-{max} 个字母、数字、- 或 _（例如 CS2611291200ABCDE）"
        )
    },
    bill_pay_question: |order_id, amount| match amount {
        Some(a) => format!("现在为订单 {order_id} 支付 {a}？[y/N] "),
        None => format!("现在支付订单 {order_id}（无法读取其金额）？[y/N] "),
    },
    bill_cancel_question: |order_id| format!("取消未支付的订单 {order_id}？[y/N] "),
    bill_not_payable: |kind, order_id, status, code| {
        let what = match kind {
            ActionKind::Pay => "支付",
            ActionKind::Cancel => "取消",
        };
        format!(
            "订单 {order_id} 的状态是“{status}”（状态 {code}）：只有待支付的订单才能{what}；没有发送任何请求"
        )
    },
    bill_cannot_read: |order_id, error| format!("无法读取订单 {order_id}：{error}"),
    bill_done: |kind, order_id| match kind {
        ActionKind::Pay => format!("已支付订单 {order_id}。"),
        ActionKind::Cancel => format!("已取消订单 {order_id}。"),
    },
    bill_next_status: |order_id, flags| {
        format!("下一步：用 `pca-order status {order_id} --wait{flags}` 跟踪订单。")
    },
    bill_next_renewed: |command| {
        format!("下一步：续费已延长其 CA 的订阅；`{command}` 显示新的付费到期时间。")
    },
    bill_next_activate: |command| {
        format!("下一步：激活 CA（激活前一直处于 PENDING 状态）：运行 `{command}`。")
    },
    bill_wait_spinner: |frame, secs| {
        format!("{frame} 已等待 {secs} 秒；按 Ctrl-C 离开，订单会继续处理")
    },
    act_cli_pending_row: |n, ca_id, order, state| {
        format!("{n:>3}. CA {ca_id}  订单 {order}：{state}")
    },
    act_cli_order_unread: |error| format!("未能读取订单（{error}）"),
    act_cli_order_other: |status, code| format!("{status}（状态 {code}）"),
    act_cli_choose: |count| format!("激活哪个 CA？输入编号（1-{count}）；直接按回车取消："),
    act_cli_unpaid: |order_id, flags| {
        format!(
            "请先支付订单 {order_id}：运行 `pca-order pay {order_id}{flags}`，再运行 `pca-order status {order_id} --wait{flags}`；订单完成后才能激活 CA。未发送任何请求"
        )
    },
    act_cli_not_complete: |order_id, status, code, flags| {
        format!(
            "订单 {order_id} 当前为{status}（状态 {code}）；订单完成后才能激活 CA：运行 `pca-order status {order_id} --wait{flags}`。未发送任何请求"
        )
    },
    bill_refused: |kind, order_id, error| {
        format!("被拒绝（订单 {order_id} 的{}）：{error}", action_word(kind))
    },
    bill_unknown: |kind, order_id, reason| {
        format!(
            "结果未知（订单 {order_id} 的{}）：{reason}",
            action_word(kind)
        )
    },
    bill_not_sent: |kind, order_id, reason| {
        format!(
            "未发送（订单 {order_id} 的{}）：{reason}",
            action_word(kind)
        )
    },
    bill_order_line: |order_id, sandbox, status, code| {
        let sandbox = if sandbox { "（沙箱）" } else { "" };
        format!("订单 {order_id}{sandbox}：{status}（状态 {code}）")
    },
    bill_ca_line: |ca_id, status, ca_status| format!("CA {ca_id}：{status}，CA 状态 {ca_status}"),
    bill_ca_unread: |ca_id, status, error| {
        format!("CA {ca_id}：{status}，未能读取 CA 状态（{error}）")
    },
    bill_progress: |secs, status, code| format!("{secs:>4} 秒  {status}（状态 {code}）"),
    bill_still_waiting: |error| format!("这次未能读取订单（{error}）；继续等待"),
    bill_last_seen: |status, code| format!("（最后看到：{status}，状态 {code}）"),
    bill_following: |order_id, status, code| {
        format!(
            "正在跟踪订单 {order_id}：{status}（状态 {code}）；按 Ctrl-C 离开，订单会继续处理。"
        )
    },
    bill_following_new: |order_id| {
        format!("正在跟踪订单 {order_id}；按 Ctrl-C 离开，订单会继续处理。")
    },
    bill_follow_unconfirmed: |order_id, flags| {
        format!(
            "订单 {order_id} 已下单；此处无法确认其已完成，因此结果为未知（退出码 4）：请用 `pca-order status {order_id}{flags}` 查看，不要重复下单"
        )
    },
    bill_wait_unpaid: |order_id| {
        format!(
            "--wait：订单正在等待支付；请用 `pca-order pay {order_id}` 支付，再用 `pca-order status {order_id} --wait` 跟踪"
        )
    },
    order_status: |status| {
        match status {
            OrderStatus::PendingApproval => "待审核",
            OrderStatus::PendingRefund => "待退款",
            OrderStatus::Processing => "处理中",
            OrderStatus::Cancelled => "已取消",
            OrderStatus::Completed => "已完成",
            OrderStatus::PendingPayment => "待支付",
            OrderStatus::ToBeConfirmed => "待确认",
            OrderStatus::Other(10) => "待发货",
            OrderStatus::Other(11) => "待收货",
            OrderStatus::Other(12) => "待自提",
            OrderStatus::Other(13) => "换货中",
            OrderStatus::Other(_) => "未知状态",
        }
        .to_string()
    },
    resource_status: |status| {
        match status.0 {
            Some(2) => "使用中",
            Some(3) => "已关闭",
            Some(4) => "已冻结",
            Some(5) => "已过期",
            _ => "未知",
        }
        .to_string()
    },
    history_action_refused: |kind| format!("{}被拒绝", action_word(kind)),
    history_action_unknown: |kind| format!("{}结果未知", action_word(kind)),
    history_action_not_sent: |kind| format!("{}未发送", action_word(kind)),
    history_action_no_answer: |kind| format!("{}无应答", action_word(kind)),
    history_action_what: |kind| format!("└ {}", action_word(kind)),
    history_check_order: |reason| format!("请查看订单：{reason}"),
    cas_bad_status: |list| format!("--status：必须是 {list} 之一"),
    cas_read_failed: |error| format!("无法读取 CA 列表：{error}"),
    export_not_exportable: |status| {
        format!("该 CA 的状态是 {status}：只有 ACTIVED、EXPIRED 或 DISABLED 状态的 CA 可以导出证书")
    },
    export_failed: |error| format!("无法导出证书：{error}"),
    export_wrote: |path| format!("已写入 {path}"),
    export_chain_checked: |count, verified| {
        let how = if verified {
            "每个签名均已验证"
        } else {
            "名称与密钥标识符一致（签名算法本工具无法验证）"
        };
        format!("证书链：{count} 张证书，{how}")
    },
    save_exists: |path| format!("{path} 已存在；未写入任何内容（--force 可替换）"),
    save_symlink: |path| format!("{path} 是符号链接；未写入任何内容（即使使用 --force 也拒绝）"),
    save_directory: |path| format!("{path} 是目录；未写入任何内容"),
    save_not_regular: |path| format!("{path} 不是普通文件（FIFO、套接字或设备）；未写入任何内容"),
    exp_taken: |taken, used| format!("{taken} 已存在，未改动；已另存为 {used}"),
    exp_all_taken: |path| format!("{path} 及之前所有带编号的文件名均已被占用；未写入任何内容"),
    save_io: |path, error| format!("无法写入 {path}：{error}；未写入任何内容"),
    cas_paid_until: |date, days| format!("{date}（剩 {days} 天）"),
    cas_paid_expired: |date| format!("{date}（已到期）"),
    cas_paid_closed: |date| format!("{date}（已结束：已关闭）"),
    renew_rule,
    renew_rate_failed: |error| format!("无法读取续费价格，因此没有发送任何请求：{error}"),
    renew_question: |cas, period, amount| {
        format!("续费 {cas} 个 CA，时长 {period}，金额 {amount}？[y/N] ")
    },
    renew_what_value: |cas, period| format!("{cas} 个 CA × {period}"),
    renew_discount_value: |amount, name| {
        if name.is_empty() {
            format!("优惠价 {amount}")
        } else {
            format!("优惠价 {amount}（{name}）")
        }
    },
    renew_failure,
    renew_order_completed: |order_id| format!("续费订单 {order_id} 已完成。"),
    renew_order_not_completed: |order_id, flags| {
        format!(
            "续费订单 {order_id} 在等待期间未完成；订单已存在：用 `pca-order status{flags} {order_id} --wait` 跟踪，不要再次续费"
        )
    },
    renew_after: |ca_id, paid_until, not_after| {
        format!("  {ca_id}：付费到期 {paid_until}；证书失效时间 {not_after}")
    },
    renew_done: |order_ids| format!("已创建续费订单 {order_ids}。"),
    renew_paid_summary: |order_id, flags| {
        format!("已从账户余额支付；用 `pca-order status{flags} {order_id} --wait` 跟踪。")
    },
    life_summary_renew: |ca, words| format!("CA {ca}：{words}"),
    renew_pay_next: |order_id, flags| {
        format!(
            "订单待支付：用 `pca-order pay{flags} {order_id}` 支付，再用 `pca-order status{flags} {order_id} --wait` 跟踪。"
        )
    },
    renew_follow_waiting: |order_id, status, secs| {
        format!("续费订单 {order_id}：{status}… 已跟踪 {secs} 秒")
    },
    renew_follow_ended: |order_id, status, flags| {
        format!(
            "续费订单 {order_id} 已结束，状态为{status}，不会完成：用 `pca-order status{flags} {order_id}` 查看。"
        )
    },
    renew_follow_unreadable: |order_id, error, flags| {
        format!(
            "无法读取续费订单 {order_id}（{error}），已停止跟踪。订单已存在：用 `pca-order status{flags} {order_id} --wait` 查看，不要再次续费。"
        )
    },
    renew_follow_leave: |order_id, flags| {
        format!(
            "返回列表即停止跟踪，订单照常处理：之后可用 `pca-order status{flags} {order_id} --wait` 跟踪。"
        )
    },
    renew_paid_moved: |ca_id, paid_until, was, not_after| {
        format!("  {ca_id}：付费到期 {paid_until}（原为 {was}）；证书失效时间 {not_after}")
    },
    renew_refused: |error| format!("续费被拒绝，没有续费：{error}"),
    renew_unknown: |reason| format!("续费结果未知：{reason}"),
    renew_not_sent: |reason| format!("续费请求未发送，没有续费：{reason}"),
    expiring_bad_within: |given| {
        format!(
            "--within：“{given}”不是时间窗口：整数加 h（小时）、d（天）或 w（周），1 小时到 3650 天，例如 30d"
        )
    },
    expiring_none: |within| {
        format!("{within} 内没有订阅或证书会到期且不自动续期的 CA（退出码 0）。")
    },
    expiring_summary: |count, within| format!("{within} 内有 {count} 个 CA 需要处理（退出码 6）。"),
    expiring_unread: |error| {
        format!("无法读取订阅，无法判断 CA 的付费期是否到期（退出码 4）：{error}")
    },
    renew_history_renewed: |order_ids| format!("续费订单 {order_ids}"),
    renew_history_unknown: |reason| format!("未知（{reason}）：可能已生成续费订单，请在控制台核对"),
    manage_count: |shown, total| {
        if shown == total {
            format!("共 {total} 个 CA")
        } else {
            format!("{total} 个 CA 中的 {shown} 个")
        }
    },
    manage_subscription_status: |name, code| format!("{name}（状态 {code}）"),
    cas_paid_unread: |error| format!("无法从 BSS 读取订阅，付费到期与自动续费未知：{error}"),
    act_cli_review_title: |ca_id, sandbox| {
        format!(
            "即将激活 CA {ca_id}{}：",
            if sandbox { "（沙箱）" } else { "" }
        )
    },
    act_cli_keys_value: |key, signature| format!("{key}，签名算法 {signature}"),
    csr_review_title: |ca_id, sandbox| {
        format!(
            "即将保存从属 CA {ca_id}{} 的主题和密钥算法——以 ca_id 调用 CreateCertificateAuthority，这是对 API 的推断用法（依据 SDK 字段说明，未在真实服务上验证）。保存后主题无法更改：",
            if sandbox { "（沙箱）" } else { "" }
        )
    },
    csr_question: |ca_id| format!("为 CA {ca_id} 保存此主题（推断的步骤）？[y/N] "),
    csr_skip_saved: |ca_id| format!("CA {ca_id} 已保存此主题：不再保存，直接读取其 CSR。"),
    csr_saved_differs: |ca_id, saved| {
        format!(
            "CA {ca_id} 已保存了另一个主题（{saved}），无法更改。未发送任何请求。请用该主题运行 `pca-order csr {ca_id}` 读取其 CSR。"
        )
    },
    ca_op_wrong_state: |ca_id, status| {
        format!(
            "CA {ca_id} 的状态是 {status}：只有待激活（PENDING）的从属 CA 才能获取 CSR 或导入证书。未发送任何请求。"
        )
    },
    csr_bad_answer: |detail| format!("服务返回的 CSR 不是有效的 CSR（{detail}）；未输出任何内容"),
    csr_subject_differs: |got| {
        format!("服务返回的 CSR 的主题是 {got}，与保存的主题不同；未输出任何内容")
    },
    csr_written: |path| format!("已将 CSR 写入 {path}。"),
    csr_next: |ca_id, flags| {
        format!(
            "下一步：让您的根 CA 将其签发为 CA 证书，然后运行：pca-order import{flags} {ca_id} --certificate sub.pem [--chain chain.pem]"
        )
    },
    csr_out_failed: |path, error| format!("无法写入 {path}：{error}"),
    csr_wiz_question: |ca_id, yes_no| format!("为 CA {ca_id} 保存此主题（推断的步骤）？{yes_no}"),
    csr_other_ca: |ca_id, answered| {
        format!("已受理，但应答中是另一个 CA（{answered}）：CA {ca_id} 的主题是否已保存未知。")
    },
    ca_op_refused: |what, status, code, message, request_id| {
        let rid = request_id
            .map(|r| format!("（请求 ID {r}）"))
            .unwrap_or_default();
        format!("{what}被拒绝：HTTP {status} {code}：{message}{rid}")
    },
    ca_op_unknown_advice: |ca_id| {
        format!(
            "它可能已生效：请先运行 `pca-order ca {ca_id}` 查看该 CA，再决定是否重试（不会自动重试）"
        )
    },
    ca_op_needs_yes: |command| format!("不在终端中，无人确认：请为 {command} 加上 --yes"),
    file_unreadable: |path, why| format!("无法读取 {path}：{why}"),
    file_too_big: |max| format!("大于 {max} 字节"),
    import_file_bad: |path, rule| format!("{path}：{rule}。未发送任何请求。"),
    import_rule_unreadable: |detail| format!("不是 PEM 证书（{detail}）"),
    import_rule_not_one: |count| {
        format!("其中有 {count} 个证书；请只提供该 CA 自己的证书，签发者证书用 --chain 提供")
    },
    import_rule_chain: |detail| format!("证书链无法把该证书连接到其签发者（{detail}）"),
    import_rule_too_long: |len, max| format!("PEM 长度为 {len} 个字符，超过文档规定的 {max}"),
    import_review_title: |ca_id, sandbox| {
        format!(
            "即将为 CA {ca_id}{} 导入此证书：",
            if sandbox { "（沙箱）" } else { "" }
        )
    },
    import_summary: |subject, issuer, serial, valid, sha256, chain| {
        format!(
            "  主题         {subject}\n  签发者       {issuer}\n  序列号       {serial}\n  有效期       {valid}\n  SHA-256      {sha256}\n  证书链       {chain} 个证书，已连通\n"
        )
    },
    import_question: |ca_id| format!("为 CA {ca_id} 导入？[y/N] "),
    import_imported: |ca_id| format!("已导入：CA {ca_id} 已激活。"),
    import_not_active: |ca_id, status| {
        format!("已受理（204），但 CA {ca_id} 的状态为 {status}，不是已激活：结果未知。")
    },
    import_other_ca: |ca_id, read_id| {
        format!("已受理（204），但读回 CA {ca_id} 时返回了另一个 CA（{read_id}）：是否已激活未知。")
    },
    import_unreadable: |error| format!("已受理（204），但无法读回该 CA：{error}"),
    act_cli_question: |ca_id| format!("激活 CA {ca_id}？[y/N] "),
    act_cli_unknown_advice: |ca_id| {
        format!(
            "CA 可能已被激活：请先运行 `pca-order ca {ca_id}` 读取其状态再重试（激活请求从不自动重试）"
        )
    },
    act_cli_refused: |status, code, message, request_id| {
        let rid = request_id
            .map(|r| format!("（请求 ID {r}）"))
            .unwrap_or_default();
        format!("激活被拒绝：HTTP {status} {code}：{message}{rid}")
    },
    act_cli_unknown: |reason| format!("结果未知：{reason}"),
    act_cli_not_sent: |reason| format!("未发送：{reason}"),
    act_cli_accepted: |ca_id| format!("CA {ca_id} 的激活请求已被接受。"),
    act_cli_activated: |ca_id| format!("已激活 CA {ca_id}。"),
    act_cli_not_active: |ca_id, status| {
        format!("请求已被接受（204），但 CA {ca_id} 的状态是 {status}，不是已激活。")
    },
    act_cli_unreadable: |error| format!("请求已被接受（204），但无法读回该 CA：{error}"),
    act_cli_other_ca: |ca_id, read_id, status| {
        format!(
            "请求已被接受（204），但读回 CA {ca_id} 时得到的是另一个 CA（{read_id}，{status}）：{ca_id} 是否已激活未知。"
        )
    },
    act_cli_history_rejected: |status, code| format!("被拒绝：HTTP {status} {code}"),
    act_cli_history_unknown: |ca_id, reason| {
        format!("结果未知：请运行 `pca-order ca {ca_id}`（{reason}）")
    },
    act_cli_history_not_sent: |reason| format!("未发送：{reason}"),
    act_cli_history_no_answer: |ca_id| {
        format!("无应答：请求中途停止；请运行 `pca-order ca {ca_id}`")
    },
    // ---- auto-renew and unsubscribe (issue 20, part 2) ----
    lc_auto_renew_needs_yes: "不在终端中运行，无人确认切换：加 --yes 直接切换自动续费",
    lc_unsubscribe_needs_yes: "不在终端中运行，无人确认退订：加 --yes（及 --what）直接退订",
    lc_what_required: "必须给出 --what：ca（CA 及其续费周期：CA 停止工作并被删除）或 renewals（仅未开始的续费周期：CA 继续运行）",
    lc_bad_times: "--times：必须是 0 到 99 的整数（0 = 一直续费直到关闭）",
    lc_on_only: "--times 与 --period-unit 只能与 `on` 一起使用",
    lc_ca_warning: "这将结束该 CA：\n  - 它立即停止签发并被删除；\n  - 它签发的所有证书都将失去签发者：它一旦删除，指向它的证书链不再能验证；\n  - 删除后无法恢复；\n  - 退款可能会扣除手续费或已使用的部分。BSS 可能在购买 5 天内全额退款；这是 BSS 的规则，pca-order 无法承诺。",
    lc_renewals_warning: "这只结束尚未开始的续费周期：CA 会继续运行到当前付费周期结束，到期时间回退到该日期。退款可能会扣除手续费。",
    lc_typed_mismatch: "输入的不是该 CA 的通用名称或 ID：未发送任何请求。",
    lc_refund_title: "退款明细（负数 = 退还给你，正数 = 已使用或手续费）：",
    lc_refund_none: "BSS 暂未列出此退订的退款明细。",
    lc_sandbox_note: "沙箱：没有任何真实的变更。\n",
    lc_readback_missing: "BSS 未列出该 CA 的订阅，无法回读设置。",
    lc_history_title: "自动续费与退订：",
    lc_history_accepted: "已接受",
    lc_auto_renew_question: |on, ca_id, common_name, times| {
        let cn = common_name.map(|c| format!("（{c}）")).unwrap_or_default();
        if on {
            let times = match times {
                Some("0") => "续费次数：直到关闭。".to_string(),
                Some(n) => format!("续费次数：{n}。"),
                None => "续费次数：BSS 默认（首次开启时不限次数）。".to_string(),
            };
            format!(
                "为 CA {ca_id}{cn} 开启自动续费？开启后，BSS 在付费周期结束前 7 天的 03:00 扣费续费，未成功则每天 03:00 重试，直到付款成功或保留期结束。{times} [y/N] "
            )
        } else {
            format!(
                "为 CA {ca_id}{cn} 关闭自动续费？关闭后，除非手动续费，CA 将随付费周期结束。 [y/N] "
            )
        }
    },
    lc_auto_renew_done: |on, ca_id| {
        format!(
            "已为 CA {ca_id} {}自动续费。",
            if on { "开启" } else { "关闭" }
        )
    },
    lc_readback: |on, agrees| {
        let state = if on { "开启" } else { "关闭" };
        if agrees {
            format!("BSS 现在读到自动续费：{state}。")
        } else {
            format!(
                "但 BSS 读到自动续费：{state}。切换已被接受；请稍后用 `pca-order cas` 再读一次。"
            )
        }
    },
    lc_readback_failed: |error| format!("无法回读设置（切换仍然有效）：{error}"),
    lc_auto_renew_refused: |ca_id, error| format!("CA {ca_id} 的自动续费切换被拒绝：{error}"),
    lc_auto_renew_unknown: |ca_id, reason| format!("CA {ca_id} 的自动续费切换结果未知：{reason}"),
    lc_auto_renew_not_sent: |reason| format!("未发送：{reason}"),
    lc_auto_renew_unknown_advice: |ca_id| {
        format!("切换可能已生效：再次尝试前请用 `pca-order cas` 读取（CA {ca_id}；不会自动重试）")
    },
    lc_code: |code| {
        use crate::billing::lifecycle::LifecycleCode as C;
        match code {
            C::NoSuchResource => "BSS 中没有该资源：请检查 CA ID（订单未付款的 CA 还没有订阅）",
            C::ExpiredOrFrozen => "订阅已过期或被冻结，不能设置自动续费：请先续费",
            C::AlreadyGone => "该 CA 已退订或已删除",
            C::UnpaidOrder => "该 CA 所在的订单尚未付款：请先支付或取消该订单",
            C::NoRenewals => "该 CA 没有尚未开始的续费周期：--what renewals 无可退订",
            C::AsAWhole => "该资源必须与一同购买的资源一起退订",
            C::Invoiced => "该订单已开票，不能在此退订",
            C::Trial => "试用资源不能退订",
            C::InProgress => "该资源有交易正在进行：请在其完成后再试",
            C::Frozen => "该资源已冻结，不能退订",
            C::SavingsPlan => "该资源受节省计划覆盖，不能退订",
        }
        .to_string()
    },
    lc_unsubscribe_title: |ca_id, common_name, status, paid_until, sandbox| {
        let mut s = format!(
            "即将退订 CA {ca_id}{}",
            if sandbox { "（沙箱）" } else { "" }
        );
        if let Some(c) = common_name {
            s.push_str(&format!("\n  通用名称：{c}"));
        }
        if let Some(st) = status {
            s.push_str(&format!("\n  状态：    {st}"));
        }
        if let Some(p) = paid_until {
            s.push_str(&format!("\n  付费至：  {p}"));
        }
        s
    },
    lc_type_question: |common_name, ca_id| match common_name {
        Some(c) => format!("如确认退订，请输入该 CA 的通用名称（{c}）或其 ID（{ca_id}）："),
        None => format!("如确认退订，请输入该 CA 的 ID（{ca_id}）："),
    },
    lc_renewals_question: |ca_id| format!("结束 CA {ca_id} 尚未开始的续费周期？ [y/N] "),
    lc_unsubscribed: |ca, ca_id, order_ids| {
        let orders = if order_ids.is_empty() {
            String::new()
        } else {
            format!("退订订单：{order_ids}。")
        };
        if ca {
            format!("已退订 CA {ca_id}：它停止工作，正在被删除。{orders}")
        } else {
            format!("已结束 CA {ca_id} 尚未开始的续费周期。{orders}")
        }
    },
    lc_unsubscribe_refused: |ca_id, error| format!("CA {ca_id} 的退订被拒绝：{error}"),
    lc_unsubscribe_unknown: |ca_id, reason| format!("CA {ca_id} 的退订结果未知：{reason}"),
    lc_unsubscribe_not_sent: |reason| format!("未发送：{reason}"),
    lc_unsubscribe_unknown_advice: |ca_id| {
        format!(
            "CA 可能已被退订：再次尝试前请用 `pca-order ca {ca_id}` 读取它并检查控制台中的订单（不会自动重试）"
        )
    },
    lc_refund_total: |amount| format!("合计：{amount}"),
    lc_refund_unread: |order_id, error| {
        format!("无法读取 {order_id} 的退款明细（退订仍然有效）：{error}")
    },
    lc_history_auto_renew: |on, times| match (on, times) {
        (false, _) => "关闭自动续费".to_string(),
        (true, Some("0")) => "开启自动续费（直到关闭）".to_string(),
        (true, Some(n)) => format!("开启自动续费（{n} 次）"),
        (true, None) => "开启自动续费".to_string(),
    },
    lc_history_unsubscribe: |ca| {
        if ca {
            "退订 CA"
        } else {
            "退订续费周期"
        }
        .to_string()
    },
    lc_history_rejected: |status, code| format!("被拒绝：HTTP {status} {code}"),
    lc_history_unknown: |ca_id, reason| format!("结果未知：请读取 CA {ca_id} 的订阅（{reason}）"),
    lc_history_not_sent: |reason| format!("未发送：{reason}"),
    lc_history_no_answer: |ca_id| {
        format!("无应答：请求中途停止；请用 `pca-order cas` 读取 CA {ca_id} 的订阅")
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

/// 网络故障的类型（`detail` 是 HTTP 库的英文原文，据此归类）。
fn net_kind(detail: &str) -> &'static str {
    match crate::api::error::NetKind::of_detail(detail) {
        crate::api::error::NetKind::Refused => "连接被拒绝（该地址没有服务在监听）",
        crate::api::error::NetKind::Reset => "连接被重置",
        crate::api::error::NetKind::TimedOut => "超时",
        crate::api::error::NetKind::NameNotFound => "找不到主机名（DNS 解析失败）",
        crate::api::error::NetKind::Tls => "TLS 握手或证书验证失败",
        crate::api::error::NetKind::Other => "网络错误",
    }
}

fn reason_sentence(reason: &Reason) -> String {
    match reason {
        Reason::Connect { host, detail } => {
            format!("无法连接到 {host}：{}（详情：{detail}）", net_kind(detail))
        }
        Reason::HttpSetup { detail } => format!("无法建立 HTTPS 客户端：{detail}"),
        Reason::AccountLookup { detail } => format!("无法通过 IAM 查询账号 ID：{detail}"),
        Reason::CredentialRefresh { source, detail } => {
            format!("临时凭证（{source}）已过期，且无法获取新的凭证（{detail}），请求未发出")
        }
        Reason::Journal { path, detail } => {
            format!("无法写入订单日志 {path}（{detail}），请求未发出")
        }
        Reason::Timeout { host, detail } => format!("{host} 在超时时间内没有响应（详情：{detail}）"),
        Reason::ConnectionLost { host, detail } => {
            format!("请求发出后，与 {host} 的连接中断：{}（详情：{detail}）", net_kind(detail))
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
        Reason::UnexpectedAnswer {
            status,
            request_id,
            excerpt,
        } => format!(
            "HTTP {status} 不是此请求文档规定的成功响应{}；请求已发出，可能已生效，请先核实再重试。响应内容：{}",
            rid(request_id),
            if excerpt.is_empty() { "（空）" } else { excerpt }
        ),
        Reason::SecondSignal => {
            "已中断：第二次信号停止了等待响应；请求已发出，可能已生效（订单可能已生成，支付或激活可能已完成）".to_string()
        }
        Reason::LeftInFlight => "向导在收到响应前结束；订单已发出，可能已生成".to_string(),
        Reason::SignalWait { secs } => {
            format!("已中断：收到信号后 {secs} 秒内没有响应；请求已发出，可能已生效（订单可能已生成，支付或激活可能已完成）")
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
        ActivationRule::RegionNoSm => {
            "此区域不提供 SM2/SM3（其控制台配置 is_support_sm2 如此显示）".to_string()
        }
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
        ActivationRule::IssuerRequired => "从属 CA 需要其签发 CA（已激活状态）的 ID".to_string(),
        ActivationRule::IssuerNotForRoot => {
            "根 CA 自签名，不需要签发者（pca-order 的规则：请去掉签发者）".to_string()
        }
        ActivationRule::PathLengthNotForRoot => {
            "仅适用于从属 CA：无论发送什么，服务都为根 CA 保存 7（pca-order 的规则：请去掉它）"
                .to_string()
        }
    }
}

/// Pay or cancel in words, for the messages that name the action.
fn action_word(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Pay => "支付",
        ActionKind::Cancel => "取消",
    }
}

fn place(at: &Where) -> String {
    match at {
        Where::Name(name) => name.clone(),
        Where::File { path, key } if path.is_empty() => format!("凭证文件的 {key}"),
        Where::File { path, key: "" } => format!("凭证文件 {path}"),
        Where::File { path, key } => format!("凭证文件 {path} [global] 的 {key}"),
        Where::Builtin => "pca-order 的内置默认值".to_string(),
    }
}

fn config_problem(problem: &Problem) -> String {
    match problem {
        Problem::Value { at, shown, rule } => {
            let rule = match rule {
                ValueRule::NotRegionId => "不是区域 ID（小写字母和数字组成、以 - 连接的词，例如 cn-north-4；最多 32 个字符）".to_string(),
                ValueRule::NotUrl(e) => format!("不是 URL（{e}）"),
                ValueRule::UserInUrl => "不能包含用户名或密码".to_string(),
                ValueRule::QueryInUrl => "不能包含查询参数或片段".to_string(),
                ValueRule::PlainHttp => "必须使用 https（只有 127.0.0.1、::1 或 localhost 允许明文 http）".to_string(),
                ValueRule::NotHttps => "必须是 https:// 地址".to_string(),
                ValueRule::NoHost => "没有主机名".to_string(),
                ValueRule::ControlCharacter => "含有控制字符（换行、制表符或转义符）；凭证应是一行文本".to_string(),
                ValueRule::EmptyToken => "token 为空".to_string(),
                ValueRule::TokenNotOneLine => "token 含有空格、换行或非 ASCII 字符；token 应是一行".to_string(),
                ValueRule::NotDomainId => "账号（domain）ID 是 1-64 个字母和数字".to_string(),
                ValueRule::NotAk => "访问密钥 ID 只能包含字母和数字".to_string(),
            };
            match shown {
                Some(v) => format!("{}：“{v}”{rule}", place(at)),
                None => format!("{}：{rule}", place(at)),
            }
        }
        Problem::NoRegionEndpoint { region, known } => format!(
            "--region：官方 SDK 中没有区域“{region}”的 CCM 接口地址（已知：{known}）；如仍要使用，请加 --endpoint URL"
        ),
        Problem::HalfKey { set, missing } => format!("设置了 {set}，但没有设置 {missing}"),
        Problem::FileHalfKey { path } => {
            format!("凭证文件 {path} [global]：ak 和 sk 都需要，只设置了其中一个")
        }
        Problem::NamedFileMissing { path } => {
            format!("HUAWEICLOUD_SDK_CREDENTIALS_FILE：{path}：文件不存在")
        }
        Problem::Unreadable { at, why } => {
            let why = match why {
                IoWhy::PermissionDenied => "无法读取（权限不足）".to_string(),
                IoWhy::NotFound => "文件不存在".to_string(),
                IoWhy::NotUtf8 => "不是 UTF-8 文本".to_string(),
                IoWhy::WritableByOthers => "任何用户都可写入此文件，因此不读取；请对它执行 chmod o-w".to_string(),
                IoWhy::Other(e) => format!("无法读取（{e}）"),
            };
            format!("{}：{why}", place(at))
        }
        Problem::NotIni { path, detail } => format!("凭证文件 {path}：不是有效的 INI（{detail}）"),
        Problem::NoCredentials => "没有找到凭证。已按顺序尝试：--token-file、HUAWEICLOUD_AUTH_TOKEN、HUAWEICLOUD_SDK_AK/SK、\
             CLOUD_SDK_AK/SK、~/.huaweicloud/credentials（或 HUAWEICLOUD_SDK_CREDENTIALS_FILE）的 [global] 部分、\
             ~/.hcloud/config.json（KooCLI）的当前配置项、ECS 委托（元数据服务）以及 CCE Pod 身份。\
             可加 --sandbox 在没有账号的情况下试用 pca-order。".to_string(),
        Problem::KooCliNoProfile { path, name, known } if known.is_empty() => {
            format!("--profile：KooCLI 文件 {path} 中没有配置项“{name}”（文件没有配置项或不存在）")
        }
        Problem::KooCliNoProfile { path, name, known } => {
            format!("--profile：KooCLI 文件 {path} 中没有配置项“{name}”；现有：{known}")
        }
        Problem::KooCliEncrypted { path, name } => format!(
            "{path} 中的 KooCLI 配置项“{name}”以加密形式保存密钥，只有 KooCLI 自己能读取。\
             请用 `{}` 改为明文保存（然后用 `hcloud configure set` 重新输入密钥），\
             或改用 HUAWEICLOUD_SDK_AK/SK、~/.huaweicloud/credentials 或 --token-file",
            crate::config::KOOCLI_PLAINTEXT_SETTING
        ),
        Problem::KooCliNoKeys { path, name, mode } => {
            format!("{path} 中的 KooCLI 配置项“{name}”（模式“{mode}”）没有 pca-order 可用的访问密钥")
        }
        Problem::KooCliNotJson { path, detail } => {
            format!("KooCLI 文件 {path}：不是有效的 JSON（{detail}）")
        }
        Problem::Temporary { source, why } => format!(
            "{}：无法获取临时凭证：{}",
            (ZH.credential_source)(source),
            temporary_why(why)
        ),
        Problem::NoJournalHome => {
            "--journal：没有 HOME 或 XDG_STATE_HOME 可存放订单日志；请加 --journal PATH".to_string()
        }
        Problem::SandboxWithEndpoints { bss: false } => {
            "--sandbox 使用自己的接口地址；请去掉 --endpoint/--iam-endpoint/--eps-endpoint".to_string()
        }
        Problem::SandboxWithEndpoints { bss: true } => {
            "--sandbox 使用自己的接口地址；请去掉 --bss-endpoint".to_string()
        }
        Problem::SandboxStart(e) => format!("--sandbox：无法在 127.0.0.1 上启动沙箱（{e}）"),
        Problem::SandboxState { path, damaged: true, detail } => format!(
            "沙箱状态文件 {path} 已损坏，未作改动（{detail}）；请把它移走，或用 `pca-order sandbox --reset` 重新开始模拟账号"
        ),
        Problem::SandboxState { path, damaged: false, detail } => {
            format!("无法使用沙箱状态文件 {path}（{detail}）")
        }
    }
}

fn renew_rule(rule: &crate::billing::renew::RenewRule) -> String {
    use crate::billing::renew::{MAX_IDS, RenewRule, RenewUnit};
    match rule {
        RenewRule::NoIds => "至少指定一个要续费的 CA ID".to_string(),
        RenewRule::TooManyIds { given } => {
            format!("共 {given} 个 CA ID；一次最多续费 {MAX_IDS} 个")
        }
        RenewRule::Duplicate { id } => format!("“{id}”重复指定"),
        RenewRule::NotCaId { id } => {
            format!("“{id}”不是 CA ID（36 个字符的 UUID，如 `pca-order cas` 所列）")
        }
        RenewRule::Period { unit, given } => {
            let (min, max) = unit.range();
            let unit = match unit {
                RenewUnit::Month => "个月",
                RenewUnit::Year => "年",
            };
            format!("“{given}”不允许：续费时长为 {min} 到 {max} {unit}")
        }
    }
}

fn renew_failure(ca_id: &str, code: &str, message: &str) -> String {
    let why = match code {
        "CBC.30050013" => "该产品不支持续费".to_string(),
        "CBC.30050009" => "资源已过期删除或不存在".to_string(),
        "CBC.30050010" => "资源在待支付的订单中：请先支付或取消该订单".to_string(),
        "CBC.30050007" => "不是主资源（只有主资源可以续费）".to_string(),
        "CBC.30050008" => "不能为它选择该时长".to_string(),
        "CBC.30050011" => "正在退订或变更中".to_string(),
        _ => "BSS 拒绝续费".to_string(),
    };
    format!("{ca_id}：未续费——{why}（{code}：{message}）")
}
/// 无法获取临时凭证的原因（其中从不含服务器返回的文字）。
fn temporary_why(why: &crate::api::temporary::TemporaryError) -> String {
    use crate::api::temporary::TemporaryError as E;
    match why {
        E::Unreachable => "没有服务响应".to_string(),
        E::Timeout => "在时限内没有响应".to_string(),
        E::NoAgency => {
            "此 ECS 没有委托；请在 ECS 控制台为它配置委托（Cloud Service Agency）".to_string()
        }
        E::Unauthorized(s) => format!("被拒绝（HTTP {s}）"),
        E::Status(s) => format!("返回 HTTP {s}"),
        E::Garbage => "返回的内容不是文档所述的凭证".to_string(),
        E::Expired => "返回的凭证已经过期".to_string(),
        E::TokenFile(why) => format!("授权 token 文件无法使用（{why}）"),
        E::Setup(why) => why.clone(),
    }
}

//! Every limit an order obeys, as one named constant each, with where it comes from.
//!
//! "Documented" means Huawei Cloud's API reference for CreateCertificateAuthorityOrder
//! (`shared/api/CreateCertificateAuthorityOrder.zh-CN.txt`). "Ours" means this tool chose it: the API
//! documents no maximum, and a purchase tool should catch a typo like 1000 years before it costs money.

/// Documented: `cloud_service_type` is fixed to this value (body and every ProductInfo).
pub const CLOUD_SERVICE_TYPE: &str = "hws.service.type.ccm";
/// Documented: the one ProductInfo a CA order carries, `resource_type` for CAs.
pub const RESOURCE_TYPE: &str = "hws.resource.type.pca.duration";
/// Documented: the one ProductInfo a CA order carries, `resource_spec_code` for CAs.
pub const RESOURCE_SPEC_CODE: &str = "ca.duration";

/// Documented: `charging_mode` 0 = yearly/monthly prepaid, the only value.
pub const CHARGING_MODE_PREPAID: u8 = 0;
/// Documented: `period_type` 2 = month.
pub const PERIOD_TYPE_MONTH: u8 = 2;
/// Documented: `period_type` 3 = year.
pub const PERIOD_TYPE_YEAR: u8 = 3;

/// Documented: length range (characters) of `cloud_service_type`, `resource_type`, `resource_spec_code`.
pub const FIXED_STRING_CHARS: (usize, usize) = (1, 64);
/// Documented: `promotion_info` is 0-2048 characters.
pub const PROMOTION_INFO_MAX_CHARS: usize = 2048;
/// Documented: `enterprise_project_id` is 1-64 characters.
pub const ENTERPRISE_PROJECT_ID_CHARS: (usize, usize) = (1, 64);
/// Documented: the id of the default enterprise project.
pub const DEFAULT_ENTERPRISE_PROJECT_ID: &str = "0";
/// Documented: `product_infos` holds 0-10 items.
pub const PRODUCT_INFOS_MAX: usize = 10;
/// Documented: integer fields with no stated range are still counts, so at least 1.
pub const MIN_COUNT: u64 = 1;

/// Ours: at most 12 months in one order (buy years beyond that). The API documents no maximum.
pub const OUR_MAX_MONTHS: u64 = 12;
/// Ours: at most 5 years in one order. The API documents no maximum.
pub const OUR_MAX_YEARS: u64 = 5;
/// Ours: at most 100 CAs in one order (the API reference's default CA quota). The API documents no maximum;
/// when the account's quota is known, `quota - used` is the tighter bound.
pub const OUR_MAX_QUANTITY: u64 = 100;

/// Documented: `order_id` in a 200 response is 1-64 characters.
pub const ORDER_ID_CHARS: (usize, usize) = (1, 64);
/// Documented: `error_code` is 3-36 characters and `error_msg` 0-1024 (we show longer ones cut, never fail).
pub const ERROR_MSG_MAX_CHARS: usize = 1024;

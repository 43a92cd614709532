//! What the user chose ([`OrderDraft`]) and the exact body that goes on the wire ([`OrderRequest`]).

use serde::{Deserialize, Serialize};

use super::limits::{
    CHARGING_MODE_PREPAID, CLOUD_SERVICE_TYPE, DEFAULT_ENTERPRISE_PROJECT_ID, RESOURCE_SPEC_CODE,
    RESOURCE_TYPE,
};
pub use super::period::PeriodUnit;
use super::validate::{self, FieldError, QuotaLeft};

/// The user's choices before validation: what the wizard screens and the `order` flags fill in.
/// Numbers are wide so that a typo like `99999999999` reaches validation and gets a message, not a parse panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDraft {
    /// Month or year.
    pub period_unit: PeriodUnit,
    /// How many months or years.
    pub period_num: u64,
    /// How many CAs.
    pub subscription_num: u64,
    /// Renew automatically when the period ends.
    pub is_auto_renew: bool,
    /// Pay from the account balance at once; otherwise the order waits for payment in the console.
    pub is_auto_pay: bool,
    /// `"0"` (default project) or a UUID.
    pub enterprise_project_id: String,
    /// Free discount text; empty for none.
    pub promotion_info: String,
}

impl Default for OrderDraft {
    /// The valid default every screen starts from: 1 month, 1 CA, no auto-renew, no auto-pay, project `0`.
    fn default() -> Self {
        OrderDraft {
            period_unit: PeriodUnit::Month,
            period_num: 1,
            subscription_num: 1,
            is_auto_renew: false,
            is_auto_pay: false,
            enterprise_project_id: DEFAULT_ENTERPRISE_PROJECT_ID.to_string(),
            promotion_info: String::new(),
        }
    }
}

impl OrderDraft {
    /// Checks every field and returns the exact wire body, or every field that breaks a rule.
    pub fn validate(&self, quota: Option<QuotaLeft>) -> Result<OrderRequest, Vec<FieldError>> {
        let errors: Vec<FieldError> = [
            validate::period_num(self.period_unit, self.period_num).err(),
            validate::subscription_num(self.subscription_num, quota).err(),
            validate::enterprise_project_id(&self.enterprise_project_id).err(),
            validate::promotion_info(&self.promotion_info).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(OrderRequest {
            cloud_service_type: CLOUD_SERVICE_TYPE.to_string(),
            period_type: self.period_unit.period_type(),
            period_num: self.period_num,
            charging_mode: CHARGING_MODE_PREPAID,
            is_auto_renew: u8::from(self.is_auto_renew),
            is_auto_pay: Some(u8::from(self.is_auto_pay)),
            promotion_info: Some(self.promotion_info.clone()),
            enterprise_project_id: Some(validate::normalize_project_id(
                &self.enterprise_project_id,
            )),
            product_infos: vec![ProductInfo::ca()],
            subscription_num: self.subscription_num,
        })
    }
}

/// One item of `product_infos`. A CA order carries exactly [`ProductInfo::ca`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInfo {
    /// Fixed `hws.service.type.ccm`.
    pub cloud_service_type: String,
    /// `hws.resource.type.pca.duration` for CAs.
    pub resource_type: String,
    /// `ca.duration` for CAs.
    pub resource_spec_code: String,
}

impl ProductInfo {
    /// The documented product for a private CA.
    pub fn ca() -> Self {
        ProductInfo {
            cloud_service_type: CLOUD_SERVICE_TYPE.to_string(),
            resource_type: RESOURCE_TYPE.to_string(),
            resource_spec_code: RESOURCE_SPEC_CODE.to_string(),
        }
    }
}

/// The exact JSON body of `POST /v1/private-certificate-authorities/order`, fields in the documented
/// example's order. Only [`OrderDraft::validate`] (or the sandbox's wire check) makes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRequest {
    /// Fixed `hws.service.type.ccm`.
    pub cloud_service_type: String,
    /// 2 month, 3 year.
    pub period_type: u8,
    /// Number of periods.
    pub period_num: u64,
    /// 0, prepaid.
    pub charging_mode: u8,
    /// 1 yes, 0 no.
    pub is_auto_renew: u8,
    /// 1 pay now, 0 wait for payment; absent means 0.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub is_auto_pay: Option<u8>,
    /// Discount text, 0-2048 characters.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub promotion_info: Option<String>,
    /// `"0"` or a UUID.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub enterprise_project_id: Option<String>,
    /// The products; one [`ProductInfo::ca`].
    pub product_infos: Vec<ProductInfo>,
    /// How many CAs.
    pub subscription_num: u64,
}

impl OrderRequest {
    /// The body as compact JSON bytes: what is signed, journaled and sent, byte for byte.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The body as indented JSON, for the review screen and `--dry-run`.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The billing unit the body asks for.
    pub fn period_unit(&self) -> PeriodUnit {
        PeriodUnit::from_period_type(i64::from(self.period_type)).unwrap_or_default()
    }

    /// Whether the order is paid from the balance at once.
    pub fn auto_pay(&self) -> bool {
        self.is_auto_pay == Some(1)
    }
}

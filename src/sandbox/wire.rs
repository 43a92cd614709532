//! The sandbox's check of a received order body, by the documented rules only (not ours), as the real
//! service would. It lives with the sandbox, not in `order::validate`, so the order's own rules depend on
//! nothing that reads wire JSON back, and `order` has no import cycle (issue 8).

use serde_json::Value;

use crate::order::limits::{
    CHARGING_MODE_PREPAID, CLOUD_SERVICE_TYPE, ENTERPRISE_PROJECT_ID_CHARS, FIXED_STRING_CHARS,
    MIN_COUNT, PERIOD_TYPE_MONTH, PERIOD_TYPE_YEAR, PRODUCT_INFOS_MAX, PROMOTION_INFO_MAX_CHARS,
    RESOURCE_SPEC_CODE, RESOURCE_TYPE,
};
use crate::order::{Field, FieldError, OrderRequest, ProductInfo, Rule};

/// Checks a received order body by the documented rules only (not ours), as the real service would, and
/// returns the first broken rule. The sandbox answers 400 with it.
pub fn wire_body(body: &Value) -> Result<OrderRequest, FieldError> {
    let Some(obj) = body.as_object() else {
        return Err(FieldError::new(Field::Body, Rule::WrongType("object")));
    };
    let fixed = |field: Field,
                 value: Option<&Value>,
                 expected: &'static str|
     -> Result<String, FieldError> {
        let s = required_str(field, value)?;
        let (min, max) = FIXED_STRING_CHARS;
        let n = s.chars().count();
        if n < min || n > max {
            return Err(FieldError::new(field, Rule::Length { min, max }));
        }
        if s != expected {
            return Err(FieldError::new(field, Rule::Fixed(expected)));
        }
        Ok(s.to_string())
    };
    let cloud_service_type = fixed(
        Field::CloudServiceType,
        obj.get("cloud_service_type"),
        CLOUD_SERVICE_TYPE,
    )?;
    let charging_mode = code(
        Field::ChargingMode,
        obj.get("charging_mode"),
        &[CHARGING_MODE_PREPAID as i64],
    )?;
    let period_type = code(
        Field::PeriodType,
        obj.get("period_type"),
        &[PERIOD_TYPE_MONTH as i64, PERIOD_TYPE_YEAR as i64],
    )?;
    let period_num = count(Field::PeriodNum, obj.get("period_num"))?;
    let is_auto_renew = code(Field::IsAutoRenew, obj.get("is_auto_renew"), &[0, 1])?;
    let promotion_info = match obj.get("promotion_info") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            // Documented rule only (length); refusing control characters is ours, for the review's sake.
            if s.chars().count() > PROMOTION_INFO_MAX_CHARS {
                return Err(FieldError::new(
                    Field::PromotionInfo,
                    Rule::Length {
                        min: 0,
                        max: PROMOTION_INFO_MAX_CHARS,
                    },
                ));
            }
            Some(s.clone())
        }
        Some(_) => {
            return Err(FieldError::new(
                Field::PromotionInfo,
                Rule::WrongType("string"),
            ));
        }
    };
    let subscription_num = count(Field::SubscriptionNum, obj.get("subscription_num"))?;
    let is_auto_pay = match obj.get("is_auto_pay") {
        None | Some(Value::Null) => None,
        v => Some(code(Field::IsAutoPay, v, &[0, 1])?),
    };
    let enterprise_project_id = match obj.get("enterprise_project_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let (min, max) = ENTERPRISE_PROJECT_ID_CHARS;
            let n = s.chars().count();
            if n < min || n > max {
                return Err(FieldError::new(
                    Field::EnterpriseProjectId,
                    Rule::Length { min, max },
                ));
            }
            Some(s.clone())
        }
        Some(_) => {
            return Err(FieldError::new(
                Field::EnterpriseProjectId,
                Rule::WrongType("string"),
            ));
        }
    };
    let items = match obj.get("product_infos") {
        None | Some(Value::Null) => {
            return Err(FieldError::new(Field::ProductInfos, Rule::Required));
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(FieldError::new(
                Field::ProductInfos,
                Rule::WrongType("array"),
            ));
        }
    };
    if items.len() > PRODUCT_INFOS_MAX {
        return Err(FieldError::new(
            Field::ProductInfos,
            Rule::Items {
                max: PRODUCT_INFOS_MAX,
            },
        ));
    }
    let mut product_infos = Vec::with_capacity(items.len());
    for item in items {
        let Some(item) = item.as_object() else {
            return Err(FieldError::new(
                Field::ProductInfos,
                Rule::WrongType("object"),
            ));
        };
        product_infos.push(ProductInfo {
            cloud_service_type: fixed(
                Field::ProductInfos,
                item.get("cloud_service_type"),
                CLOUD_SERVICE_TYPE,
            )?,
            resource_type: fixed(
                Field::ProductInfos,
                item.get("resource_type"),
                RESOURCE_TYPE,
            )?,
            resource_spec_code: fixed(
                Field::ProductInfos,
                item.get("resource_spec_code"),
                RESOURCE_SPEC_CODE,
            )?,
        });
    }
    Ok(OrderRequest {
        cloud_service_type,
        period_type: period_type as u8,
        period_num,
        charging_mode: charging_mode as u8,
        is_auto_renew: is_auto_renew as u8,
        is_auto_pay: is_auto_pay.map(|v| v as u8),
        promotion_info,
        enterprise_project_id,
        product_infos,
        subscription_num,
    })
}

fn required_str(field: Field, value: Option<&Value>) -> Result<&str, FieldError> {
    match value {
        None | Some(Value::Null) => Err(FieldError::new(field, Rule::Required)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(FieldError::new(field, Rule::WrongType("string"))),
    }
}

fn integer(field: Field, value: Option<&Value>) -> Result<i64, FieldError> {
    match value {
        None | Some(Value::Null) => Err(FieldError::new(field, Rule::Required)),
        Some(Value::Number(n)) => n
            .as_i64()
            .ok_or(FieldError::new(field, Rule::WrongType("integer"))),
        Some(_) => Err(FieldError::new(field, Rule::WrongType("integer"))),
    }
}

fn code(field: Field, value: Option<&Value>, allowed: &'static [i64]) -> Result<i64, FieldError> {
    let v = integer(field, value)?;
    if allowed.contains(&v) {
        Ok(v)
    } else {
        Err(FieldError::new(field, Rule::OneOf(allowed)))
    }
}

fn count(field: Field, value: Option<&Value>) -> Result<u64, FieldError> {
    let v = integer(field, value)?;
    if v >= MIN_COUNT as i64 {
        Ok(v as u64)
    } else {
        Err(FieldError::new(field, Rule::AtLeast { min: MIN_COUNT }))
    }
}

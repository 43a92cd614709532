//! Response builders in the shapes each real service uses: the API gateway's and CCM's flat
//! `{"error_code","error_msg"}`, EPS's nested `{"error":{...}}` and IAM's `{"error":{"code","message","title"}}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The gateway's message for an unknown path or method.
pub(crate) const NOT_FOUND_MSG: &str =
    "The API does not exist or has not been published in the environment";

/// A JSON body with a status.
pub(crate) fn json(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// A status with no body (CCM's 204 for activation).
pub(crate) fn empty(status: StatusCode) -> Response {
    status.into_response()
}

/// An API gateway error (`APIGW.*`): flat, and carries the request id in the body as the gateway does.
pub(crate) fn gateway(status: StatusCode, code: &str, msg: &str, request_id: &str) -> Response {
    json(
        status,
        json!({"error_code": code, "error_msg": msg, "request_id": request_id}),
    )
}

/// 401 `APIGW.0301` with the specific reason, as the gateway words it.
pub(crate) fn unauthorized(reason: &str, request_id: &str) -> Response {
    gateway(
        StatusCode::UNAUTHORIZED,
        "APIGW.0301",
        &format!("Incorrect IAM authentication information: {reason}"),
        request_id,
    )
}

/// 404 `APIGW.0101`: no such API.
pub(crate) fn not_found(request_id: &str) -> Response {
    gateway(
        StatusCode::NOT_FOUND,
        "APIGW.0101",
        NOT_FOUND_MSG,
        request_id,
    )
}

/// 413 `APIGW.0201`: the body is over the cap.
pub(crate) fn too_large(limit: usize, request_id: &str) -> Response {
    gateway(
        StatusCode::PAYLOAD_TOO_LARGE,
        "APIGW.0201",
        &format!("Request entity too large (the sandbox accepts at most {limit} bytes)"),
        request_id,
    )
}

/// 408: the request's body stopped arriving within the sandbox's body read timeout. The connection is
/// closed after it, as a gateway does (the rest of the body would otherwise be read as the next request).
pub(crate) fn request_timeout(request_id: &str) -> Response {
    let mut resp = gateway(
        StatusCode::REQUEST_TIMEOUT,
        "APIGW.0201",
        "Request timeout: the body did not arrive in time",
        request_id,
    );
    resp.headers_mut().insert(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    resp
}

/// A CCM (`PCA.*`) error: flat, as the order API's page documents.
pub(crate) fn ccm(status: StatusCode, code: &str, msg: &str) -> Response {
    json(status, json!({"error_code": code, "error_msg": msg}))
}

/// 400 `PCA.00020001` "Invalid parameter: ...".
pub(crate) fn invalid_parameter(detail: &str) -> Response {
    ccm(
        StatusCode::BAD_REQUEST,
        "PCA.00020001",
        &format!("Invalid parameter: {detail}"),
    )
}

/// An EPS error: nested under `error`.
pub(crate) fn eps(status: StatusCode, code: &str, msg: &str) -> Response {
    json(
        status,
        json!({"error": {"error_code": code, "error_msg": msg}}),
    )
}

/// An IAM (Keystone-style) error.
pub(crate) fn iam(status: StatusCode, message: &str, title: &str) -> Response {
    json(
        status,
        json!({"error": {"code": status.as_u16(), "message": message, "title": title}}),
    )
}

/// What a load balancer in front of the API answers when the backend is down: HTML, not JSON.
pub(crate) fn html_bad_gateway() -> Response {
    let body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                </body>\r\n</html>\r\n";
    let mut resp = (StatusCode::BAD_GATEWAY, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

/// The realistic answer for `sandbox:status=NNN` (`status` already checked to be 400-599).
pub(crate) fn for_status(status: StatusCode, request_id: &str) -> Response {
    match status.as_u16() {
        400 => invalid_parameter("(sandbox:status=400) the request was refused as asked"),
        401 => unauthorized("token expires", request_id),
        403 => gateway(
            status,
            "APIGW.0302",
            "The IAM user is not authorized to access the API.",
            request_id,
        ),
        404 => not_found(request_id),
        429 => gateway(
            status,
            "APIGW.0308",
            "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute",
            request_id,
        ),
        502 | 503 => gateway(status, "APIGW.0201", "Backend unavailable", request_id),
        504 => gateway(status, "APIGW.0201", "Backend timeout", request_id),
        code if code >= 500 => ccm(
            status,
            "PCA.10010001",
            "Internal server error. Please try again later or contact technical support.",
        ),
        _ => gateway(status, "APIGW.0201", "Request error", request_id),
    }
}

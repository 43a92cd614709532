//! The paths the CCM client and the HTTP stack had before they were split by service, kept so callers
//! need not change: the client is in `ccm.rs`, EPS in `iam.rs`, the HTTP stack, signing and the journaled
//! send in `transport.rs`. New code imports from those.

pub use super::ccm::{CA_LIST_PATH, CaFilter, CcmClient, ORDER_PATH, QUOTA_PATH};
pub use super::iam::{EPS_PATH, EnterpriseProject, IamClient};
pub use super::transport::{
    Acted, Activated, CONNECT_TIMEOUT, DOMAINS_PATH, Journaled, MAX_BODY_BYTES, Operation, Placed,
    PreparedRequest, Transport, build_request, connect_timeout, endpoint_url, error_chain,
    host_header, in_flight_wait, request_timeout, shared_tls,
};

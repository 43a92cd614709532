//! Speaking to Huawei Cloud: the CCM/IAM/EPS client, request signing, credentials and error shapes.

pub mod bss;
pub mod client;
pub mod credentials;
pub mod error;
pub mod sign;
pub mod target;

pub use client::{CcmClient, EnterpriseProject, Placed};
pub use credentials::{CredentialSource, Credentials, ResolvedCredentials};
pub use error::{ApiError, CallError, Created, Outcome, Reason};

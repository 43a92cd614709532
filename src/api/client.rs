//! (in progress: being written on main)
/// placeholder
pub struct CcmClient;
/// placeholder
pub struct EnterpriseProject;

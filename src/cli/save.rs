//! The one safe writer lives in [`crate::save`] (a layer below the wizard, which writes exports too);
//! this keeps `crate::cli::save::…` paths working for the command line's callers.

pub use crate::save::{SaveError, check, save};

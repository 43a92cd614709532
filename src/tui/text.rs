//! The wizard's words now live in [`crate::text`]; this re-export keeps `tui::text::…` paths working.

pub use crate::text::*;

//! pca-order: buy Huawei Cloud private CAs from a terminal wizard or a script, safely.
//!
//! The binary (`main.rs`) is thin; everything here is a library so tests drive each part directly.

#![warn(missing_docs)]

pub mod activation;
pub mod advice;
pub mod api;
pub mod billing;
pub mod certificate;
pub mod cli;
pub mod config;
pub mod endpoint;
pub mod exit;
pub mod journal;
pub mod order;
pub mod outcome;
pub mod sandbox;
pub mod sanitize;
pub mod save;
pub mod signals;
pub mod text;
pub mod tui;

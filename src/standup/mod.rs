//! The daily stand-up display (issue 5).
pub mod cli;

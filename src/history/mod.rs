//! History of items through the commits that changed them (issue 4).
pub mod cli;

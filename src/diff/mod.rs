//! Semantic diff of two versions of the plans (issue 4).
pub mod cli;

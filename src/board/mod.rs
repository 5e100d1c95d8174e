//! The interactive board (issue 3).
pub mod theme;
pub mod views;

use crate::cli::{Context, Outcome};

pub fn run_board(_ctx: &Context, _base: Option<&str>) -> Outcome {
    Err("the board is not available yet".into())
}

pub fn run_review(_ctx: &Context, _range: &str) -> Outcome {
    Err("`review` is not available yet".into())
}

//! Plan reviews (issue 4): semantic diff, impact, history.
use crate::cli::{Context, DiffArgs, LogArgs, Outcome};

pub fn run_diff(_ctx: &Context, _args: &DiffArgs) -> Outcome {
    Err("`diff` is not available yet".into())
}

pub fn run_log(_ctx: &Context, _args: &LogArgs) -> Outcome {
    Err("`log` is not available yet".into())
}

//! Plan reviews (issue 4): what a change means (semantic diff), what it
//! puts at risk downstream (impact), and the history of any item (log).

pub mod compare;
pub mod diff_cli;
pub mod history;
pub mod impact;
pub mod log_cli;
pub mod metric_series;
pub mod sides;

use crate::cli::{Context, DiffArgs, LogArgs, Outcome};

pub use compare::{Change, Kind, compare};

pub fn run_diff(ctx: &Context, args: &DiffArgs) -> Outcome {
    diff_cli::run(ctx, args)
}

pub fn run_log(ctx: &Context, args: &LogArgs) -> Outcome {
    log_cli::run(ctx, args)
}

use crate::cli::{Context, LogArgs, Outcome};

pub fn run(_ctx: &Context, _args: &LogArgs) -> Outcome {
    Err("`log` is not available yet".into())
}

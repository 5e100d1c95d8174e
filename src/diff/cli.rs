use crate::cli::{Context, DiffArgs, Outcome};

pub fn run(_ctx: &Context, _args: &DiffArgs) -> Outcome {
    Err("`diff` is not available yet".into())
}

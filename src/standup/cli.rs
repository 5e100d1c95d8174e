use crate::cli::{Context, Outcome, StandupArgs};

pub fn run(_ctx: &Context, _args: &StandupArgs) -> Outcome {
    Err("`standup` is not available yet".into())
}

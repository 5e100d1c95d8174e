use crate::cli::{GenerateArgs, Outcome};

pub fn run(_args: &GenerateArgs) -> Outcome {
    Err("`generate` is not available yet".into())
}

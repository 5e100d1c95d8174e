//! `ringboard generate` (hidden): a synthetic portfolio for benchmarks.

use std::process::ExitCode;

use crate::cli::{GenerateArgs, Outcome, print};

use super::{Params, generate};

pub fn run(args: &GenerateArgs) -> Outcome {
    let params = Params {
        programs: args.programs,
        deliverables: args.deliverables,
        people: args.people,
        commits: args.commits,
        seed: args.seed,
    };
    let s = generate(&params, &args.out)?;
    let mut line = format!(
        "wrote {} programs, {} deliverables and {} people ({} bytes of TOML in {} files)",
        s.programs, s.deliverables, s.people, s.bytes, s.files
    );
    if let Some(head) = s.head {
        line.push_str(&format!(" with {} commits (HEAD {head})", s.commits));
    }
    line.push_str(&format!(" to {}\n", args.out.display()));
    print(&line)?;
    Ok(ExitCode::SUCCESS)
}

//! `ringboard check`: every error and warning, then the summary line.

use std::process::ExitCode;

use crate::cli::{CheckArgs, CheckFormat, Context, Outcome, print};
use crate::diag;
use crate::load::{Plans, load};

pub fn run(ctx: &Context, args: &CheckArgs) -> Outcome {
    let plans = load(&ctx.load)?;
    print(&render(&plans, args.format))?;
    let code = if plans.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing 20,000 deliverables one by one would
    // only delay the exit (3 ms on the benchmark portfolio).
    std::mem::forget(plans);
    Ok(code)
}

/// The whole output of `check` in the given format.
pub fn render(plans: &Plans, format: CheckFormat) -> String {
    let mut out = String::new();
    for d in &plans.diagnostics {
        match format {
            CheckFormat::Text => out.push_str(&d.to_string()),
            CheckFormat::Github => out.push_str(&d.github()),
        }
        out.push('\n');
    }
    if format == CheckFormat::Text {
        out.push_str(&diag::summary(&plans.diagnostics, plans.files));
        out.push('\n');
    }
    out
}

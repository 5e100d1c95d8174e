//! `ringboard export ics`: the calendar of the plans on stdout, for the
//! person `--person` or `--me` names (everyone's when nobody is named, or
//! with `--everyone`).

use std::process::ExitCode;

use ringboard::export::{self, IcsOptions};
use ringboard::load::load;
use ringboard::me::MeInputs;

use super::args::{ExportCommand, IcsArgs};
use super::{CliError, Inputs, print};

pub fn run_export(inputs: &Inputs, what: ExportCommand) -> Result<ExitCode, CliError> {
    match what {
        ExportCommand::Ics(a) => run_ics(inputs, a),
    }
}

fn run_ics(inputs: &Inputs, a: IcsArgs) -> Result<ExitCode, CliError> {
    let plans = load(&inputs.load)?;
    super::warn_plan_errors(&plans);
    let person = match a.person {
        Some(p) => Some(p),
        None if a.everyone => None,
        None => {
            let me = MeInputs {
                git_email: ringboard::me::git_user_email(&plans.workspace),
                ..inputs.me.clone()
            };
            ringboard::me::resolve(&plans.portfolio, &me)?.map(|m| m.id)
        }
    };
    let opts = IcsOptions {
        person,
        program: a.program,
        all: a.all,
    };
    let calendar = export::render_ics(&plans.portfolio, inputs.today, &opts)?;
    let printed = print(&calendar);
    // The process ends here: freeing the portfolio would only cost time.
    std::mem::forget(plans);
    printed
}

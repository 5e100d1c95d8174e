//! `ringboard set` and `ringboard add`: the arguments become the write
//! path's plain inputs ([`ringboard::write`]); what was written (and
//! committed) is printed here.

use std::process::ExitCode;

use ringboard::escape::escape_control;
use ringboard::repo::short_id;
use ringboard::write::{
    self, ApplyOptions, Draft, Edit, MetricEdit, NewDeliverable, PlanFiles, SetTarget, WriteLock,
};

use super::args::{AddArgs, CommitArgs, SetArgs};
use super::{CliError, Inputs, print};

pub fn run_set(inputs: &Inputs, a: SetArgs) -> Result<ExitCode, CliError> {
    let (files, lock) = PlanFiles::read_locked(&inputs.load, write::WAIT)?;
    let draft = match write::set_target(&files, &a.target, a.metric)? {
        SetTarget::Deliverable { .. } => {
            let edits = a
                .edits
                .iter()
                .map(|e| Edit::parse(e))
                .collect::<Result<Vec<_>, _>>()?;
            write::plan_set(&files, &a.target, &edits)?
        }
        SetTarget::Metric { program, id } => {
            let edits = a
                .edits
                .iter()
                .map(|e| MetricEdit::parse(e))
                .collect::<Result<Vec<_>, _>>()?;
            write::plan_set_metric(&files, &program, &id, &edits)?
        }
    };
    let lines = draft
        .changes
        .iter()
        .map(ringboard::review::words::sentence)
        .collect();
    finish(&files, &draft, &lock, (&a.commit, inputs.today), lines)
}

pub fn run_add(inputs: &Inputs, a: AddArgs) -> Result<ExitCode, CliError> {
    let status = a.status.as_deref().map(write::parse_status).transpose()?;
    let new = NewDeliverable {
        id: a.id,
        title: a.title,
        owner: a.owner,
        due: a.due.resolve(inputs.today),
        start: a.start.map(|s| s.resolve(inputs.today)),
        status,
        needs: a
            .needs
            .as_deref()
            .map(write::split_list)
            .unwrap_or_default(),
        note: a.note,
    };
    let (files, lock) = PlanFiles::read_locked(&inputs.load, write::WAIT)?;
    let draft = write::plan_add(&files, &a.program, &new)?;
    let lines = vec![format!("added {}/{}", draft.program, draft.id)];
    finish(&files, &draft, &lock, (&a.commit, inputs.today), lines)
}

/// Checks, writes and commits the draft, then prints `lines`, what the
/// change does downstream for `today` (and the commit's short id).
fn finish(
    files: &PlanFiles,
    draft: &Draft,
    lock: &WriteLock,
    (commit, today): (&CommitArgs, jiff::civil::Date),
    lines: Vec<String>,
) -> Result<ExitCode, CliError> {
    if draft.is_unchanged() {
        write::check_unchanged(files, draft)?;
        eprintln!(
            "ringboard: nothing to change: {}/{} already has these values (nothing written)",
            escape_control(&draft.program),
            escape_control(&draft.id)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let opts = ApplyOptions {
        commit: commit.commit,
        message: commit.message.clone(),
        today: Some(today),
        ..ApplyOptions::default()
    };
    let applied = write::apply(files, draft, lock, &opts)?;
    let found = applied.consequences.unwrap_or_default();
    // What `check` says about the edited deliverable, then the problems
    // the change adds elsewhere (a need now due after what needs it):
    // `PATH:LINE:COL: warning: MESSAGE`, as `check` prints it.
    let mut warned = applied.warnings.clone();
    for p in &found.problems {
        if !warned.contains(p) {
            warned.push(p.clone());
        }
    }
    for w in &warned {
        eprintln!("ringboard: {}", escape_control(&w.to_string()));
    }
    let mut out = String::new();
    for line in lines {
        out.push_str(&escape_control(&line));
        out.push('\n');
    }
    // What the change does downstream, as `diff` says it.
    for (heading, lines) in found.sections() {
        out.push_str(heading);
        out.push('\n');
        for line in lines {
            out.push_str(&format!("  {}\n", escape_control(&line)));
        }
    }
    if let Some(c) = applied.commit {
        out.push_str(&format!("committed {}\n", short_id(c)));
    }
    print(&out)
}

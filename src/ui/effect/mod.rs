//! What the board asks of the world. [`App::apply`] changes state and
//! returns effects instead of doing I/O; the event loop runs each with
//! [`perform`] and hands the [`Outcome`] back to [`App::receive`]. Tests
//! do the same without a terminal.
//!
//! A new kind of work (write a plan value, commit, undo) is a new
//! [`Effect`] variant with its [`Outcome`]: the App decides, `perform`
//! does. Work that needs the terminal itself (opening `$EDITOR`) is run by
//! the event loop, which owns the terminal, and answers the same way.
//!
//! [`App::apply`]: super::app::App::apply
//! [`App::receive`]: super::app::App::receive

mod types;
pub(super) mod writes;

use super::loader::load_plans;
use super::options::BoardOptions;
use super::snapshot::Snapshot;
use crate::repo::LoadError;
use crate::review::history::Target;

pub use super::selection::{ItemKey, MetricKey};
pub use types::{Context, Effect};
pub(super) use types::{Fresh, Outcome, WriteKind, Written};

/// Runs one effect against the data the board shows.
pub fn perform(effect: &Effect, data: &Snapshot, cx: &Context) -> Outcome {
    match effect {
        Effect::LoadHistory(item) => Outcome::History {
            item: item.clone(),
            lines: history(
                data,
                &Target::Deliverable {
                    program: item.program.clone(),
                    id: item.id.clone(),
                },
                cx.opts,
            ),
        },
        Effect::LoadMetricHistory(metric) => Outcome::MetricHistory {
            metric: metric.clone(),
            lines: history(
                data,
                &Target::Metric {
                    program: metric.program.clone(),
                    id: metric.id.clone(),
                },
                cx.opts,
            ),
        },
        Effect::Reload => match reload(data, cx) {
            Ok(snapshot) => Outcome::Reloaded(Box::new(snapshot)),
            Err(e) => Outcome::ReloadFailed(e.to_string()),
        },
        Effect::Write { target, edits } => writes::set(target, edits, data, cx),
        Effect::WriteMetric { target, edits } => writes::set_metric(target, edits, data, cx),
        Effect::Add { program, new } => writes::add(program, new, data, cx),
        Effect::Undo(record) => writes::undo(record, data, cx),
        Effect::PrepareCommit(files) => writes::prepare_commit(files, data),
        Effect::Commit { files, message } => writes::commit(files, message, data, cx),
        // Needs the terminal: the event loop runs it (`super::editor`).
        Effect::OpenEditor { .. } => {
            Outcome::EditorClosed(Err("the editor is opened by the board's loop".to_string()))
        }
    }
}

/// The plans loaded again (parsing only the files that changed); in
/// review mode, compared with the same base.
fn reload(data: &Snapshot, cx: &Context) -> Result<Snapshot, LoadError> {
    let (plans, files) = load_plans(&cx.opts.load, data.files.as_ref())?;
    Snapshot::of(plans, files, data.review_base(), &cx.opts.load, cx.today)
}

/// A deliverable's or a metric's history from git, as `log` prints it,
/// from the revision the board shows.
fn history(data: &Snapshot, target: &Target, opts: &BoardOptions) -> Vec<String> {
    let plans = &data.plans;
    let found = plans
        .workspace
        .git("history")
        .map_err(|e| e.to_string())
        .and_then(|repo| {
            let start =
                crate::repo::resolve_commit(&repo, opts.load.rev.as_deref().unwrap_or("HEAD"))
                    .map_err(|e| e.to_string())?;
            let mut cache = crate::cache::BlobCache::default();
            crate::review::history::history(
                &repo,
                start,
                &plans.boards,
                target,
                opts.load.max_file_size,
                &mut cache,
            )
            .map_err(|e| e.to_string())
        });
    match found {
        Ok(h) => crate::review::log::render_text(&h, target)
            .lines()
            .map(str::to_string)
            .collect(),
        Err(e) => vec![format!("no history: {e}")],
    }
}

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

use std::path::PathBuf;

use jiff::civil::Date;

use super::BoardOptions;
use super::loader::{Files, load_plans};
use super::review_mode::Review;
use super::snapshot::Snapshot;
use crate::git::ObjectId;
use crate::load::{LoadOptions, Plans, load};
use crate::repo::LoadError;
use crate::review::Change;
use crate::write::{Edit, NewDeliverable, Undo, WrittenFile};

pub use super::selection::ItemKey;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read a deliverable's history from git ([`Outcome::History`]).
    LoadHistory(ItemKey),
    /// Load the plans again now, and the review's base in review mode
    /// ([`Outcome::Reloaded`] or [`Outcome::ReloadFailed`]).
    Reload,
    /// Change values of a deliverable through the write path, then reload
    /// ([`Outcome::Written`] or [`Outcome::Refused`]).
    Write { target: ItemKey, edits: Vec<Edit> },
    /// Append a deliverable to a program, then reload.
    Add {
        program: String,
        new: NewDeliverable,
    },
    /// Put back the bytes a write replaced, then reload.
    Undo(Undo),
    /// What committing these files would commit ([`Outcome::CommitPreview`]).
    PrepareCommit(Vec<WrittenFile>),
    /// Commit these files and nothing else, then reload.
    Commit {
        files: Vec<WrittenFile>,
        message: String,
    },
    /// The editor at a file's line. Run by the event loop, which owns the
    /// terminal ([`Outcome::EditorClosed`]), then a reload.
    OpenEditor { file: PathBuf, line: u32 },
}

/// What an effect gave back.
pub enum Outcome {
    /// The history of a deliverable as lines of text (or why there is none).
    History {
        item: ItemKey,
        lines: Vec<String>,
    },
    Reloaded(Box<Snapshot>),
    /// The plans did not load; the board keeps what it shows.
    ReloadFailed(String),
    /// A write (or an undo) went through.
    Written(Box<Written>),
    /// Nothing was written (or committed), and why; the plans loaded again
    /// when what the board showed was out of date.
    Refused {
        why: String,
        reload: Option<Fresh>,
    },
    /// What a commit would take, in `diff`'s words.
    CommitPreview {
        files: Vec<WrittenFile>,
        changes: Vec<Change>,
    },
    Committed {
        id: ObjectId,
        message: String,
        reload: Fresh,
    },
    /// The editor ended (or could not start).
    EditorClosed(Result<String, String>),
}

/// A write that went through, and the plans after it.
pub struct Written {
    pub kind: WriteKind,
    /// What changed, in `diff`'s words.
    pub words: String,
    /// What undoes it.
    pub undo: Undo,
    /// What `check` warns about the deliverable written (written anyway).
    pub warnings: Vec<String>,
    /// The deliverable written.
    pub item: Option<ItemKey>,
    /// HEAD's blob of the file before this write, if the file was as HEAD
    /// has it (a later commit of the board's writes starts from it).
    pub base: Option<ObjectId>,
    pub reload: Fresh,
}

/// The plans loaded again after a write (or why they did not load), and
/// the fingerprint of the plan files and HEAD taken just before: the
/// event loop records it, so the watcher's look at the board's own write
/// reloads nothing more.
pub struct Fresh {
    pub data: Result<Box<Snapshot>, String>,
    pub fingerprint: u64,
}

impl Outcome {
    /// The plans loaded again with this outcome, if they were.
    pub fn fresh(&self) -> Option<&Fresh> {
        match self {
            Outcome::Written(w) => Some(&w.reload),
            Outcome::Refused { reload, .. } => reload.as_ref(),
            Outcome::Committed { reload, .. } => Some(reload),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteKind {
    Set,
    Add,
    Undo,
}

/// What effects run with: the board's options and the day it shows.
pub struct Context<'a> {
    pub opts: &'a BoardOptions,
    pub today: Date,
}

/// Runs one effect against the data the board shows.
pub fn perform(effect: &Effect, data: &Snapshot, cx: &Context) -> Outcome {
    match effect {
        Effect::LoadHistory(item) => Outcome::History {
            item: item.clone(),
            lines: history(data, item, cx.opts),
        },
        Effect::Reload => match reload(data, cx) {
            Ok(snapshot) => Outcome::Reloaded(Box::new(snapshot)),
            Err(e) => Outcome::ReloadFailed(e.to_string()),
        },
        Effect::Write { target, edits } => super::writes::set(target, edits, data, cx),
        Effect::Add { program, new } => super::writes::add(program, new, data, cx),
        Effect::Undo(record) => super::writes::undo(record, data, cx),
        Effect::PrepareCommit(files) => super::writes::prepare_commit(files, data),
        Effect::Commit { files, message } => super::writes::commit(files, message, data, cx),
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
    snapshot_of(plans, files, data, cx)
}

/// A snapshot of loaded plans, as the board shows them: in review mode
/// compared with the same base, with the files read and what git has
/// uncommitted.
pub fn snapshot_of(
    plans: Plans,
    files: Option<Files>,
    data: &Snapshot,
    cx: &Context,
) -> Result<Snapshot, LoadError> {
    let review = match &data.review {
        Some(r) => Some(review_against(&cx.opts.load, &plans, &r.base)?),
        None => None,
    };
    let uncommitted = super::loader::uncommitted(&plans);
    let mut snapshot = Snapshot::new(plans, cx.today);
    snapshot.set_review(review);
    snapshot.files = files;
    snapshot.uncommitted = uncommitted;
    Ok(snapshot)
}

/// The changes from `base` to the loaded plans.
pub fn review_against(
    load_opts: &LoadOptions,
    plans: &Plans,
    base: &str,
) -> Result<Review, LoadError> {
    let mut opts = load_opts.clone();
    opts.rev = Some(base.to_string());
    let old = load(&opts)?;
    let changes = crate::review::compare(&old.portfolio, &plans.portfolio);
    Ok(Review::new(base.to_string(), changes, &old.portfolio))
}

/// A deliverable's history from git, as `log` prints it, from the revision
/// the board shows.
fn history(data: &Snapshot, item: &ItemKey, opts: &BoardOptions) -> Vec<String> {
    let target = crate::review::history::Target::Deliverable {
        program: item.program.clone(),
        id: item.id.clone(),
    };
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
                &target,
                opts.load.max_file_size,
                &mut cache,
            )
            .map_err(|e| e.to_string())
        });
    match found {
        Ok(h) => crate::review::log::render_text(&h, &target)
            .lines()
            .map(str::to_string)
            .collect(),
        Err(e) => vec![format!("no history: {e}")],
    }
}

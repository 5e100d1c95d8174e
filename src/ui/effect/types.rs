//! What the board asks of the world ([`Effect`]), what it gets back
//! ([`Outcome`]), and what effects run with ([`Context`]): the words
//! shared by the [`App`](crate::ui::app::App), which decides, and
//! [`perform`](super::perform) and the writes, which do.

use std::path::PathBuf;

use crate::git::ObjectId;
use jiff::civil::Date;

use crate::review::{Change, Consequences};
use crate::ui::options::BoardOptions;
use crate::ui::selection::{ItemKey, MetricKey};
use crate::ui::snapshot::Snapshot;
use crate::write::{Edit, MetricEdit, NewDeliverable, Undo, WrittenFile};

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Read a deliverable's history from git ([`Outcome::History`]).
    LoadHistory(ItemKey),
    /// Read a metric's history from git ([`Outcome::MetricHistory`]).
    LoadMetricHistory(MetricKey),
    /// Load the plans again now, and the review's base in review mode
    /// ([`Outcome::Reloaded`] or [`Outcome::ReloadFailed`]).
    Reload,
    /// Change values of a deliverable through the write path, then reload
    /// ([`Outcome::Written`] or [`Outcome::Refused`]).
    Write { target: ItemKey, edits: Vec<Edit> },
    /// Change values of a metric through the same write path as `set
    /// PROGRAM/METRIC`, then reload.
    WriteMetric {
        target: MetricKey,
        edits: Vec<MetricEdit>,
    },
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
    /// The history of a metric as lines of text (or why there is none).
    MetricHistory {
        metric: MetricKey,
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
    /// What a commit would take, in `diff`'s words, and what it does
    /// beyond itself (against HEAD).
    CommitPreview {
        files: Vec<WrittenFile>,
        changes: Vec<Change>,
        beyond: Consequences,
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
    /// The same without the titles it names (for a narrow status line).
    pub terse: String,
    /// What it does downstream: the lines of `diff`'s Impact and Forecast
    /// sections, each with its section's name in lower case.
    pub impact: Vec<(String, String)>,
    /// What undoes it.
    pub undo: Undo,
    /// What `check` warns about the deliverable written (written anyway),
    /// and the problems the write adds elsewhere.
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

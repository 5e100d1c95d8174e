//! The write path: changing plans without an editor, so that only the
//! named values change and nobody's work is lost. No terminal code: the
//! command line (`set`, `add`) and the board's edit keys call the same
//! steps, each with a typed result:
//!
//! 1. [`PlanFiles::read`]: the working tree's plan files (never a
//!    revision, never a bare repository);
//! 2. [`plan_set`] / [`plan_add`]: a [`Draft`], the file's new bytes and
//!    the changes they make, in `diff`'s words;
//! 3. [`check`]: the whole portfolio with the edited file, refused when the
//!    edit would add an error `check` reports;
//! 4. [`prepare_commit`] (with `--commit`): git's state, identity and the
//!    file's own uncommitted changes, all before anything is written;
//! 5. [`write()`]: atomic replacement, refused when the file changed on
//!    disk since it was read; returns an [`Undo`] record ([`undo`]);
//! 6. [`CommitPlan::commit`]: a commit of that one file.
//!
//! [`apply`] runs 3 to 6 in order.

mod check;
mod commit;
mod consequences;
mod edit;
mod file;
mod lock;
mod metric;
mod plan;
mod toml_text;

use std::path::PathBuf;
use std::sync::Arc;

use crate::git::{self, ObjectId};
use crate::load::{LoadOptions, RawFile, read_worktree};
use crate::parse::program_id;
use crate::repo::{self, LoadError, Workspace};
use crate::review::Change;
use crate::suggest::did_you_mean_id;

pub use check::{Checked, check, check_parsed, check_unchanged};
pub use commit::{
    CommitPlan, CommitWritten, WrittenFile, clean_head_blob, prepare_commit, prepare_written,
};
pub use consequences::check_with_consequences;
pub use edit::{DateEdit, Edit, FIELDS, split_list, status as parse_status};
pub use file::{Hooks, PathHook, TEMP_SUFFIX, Undo, undo, write};
pub use lock::{WAIT, WriteLock, lock_path};
pub use metric::{
    METRIC_FIELDS, MetricEdit, SetTarget, add as add_to_number, number as metric_number,
    plan_set_metric, set_target,
};
pub use plan::{NewDeliverable, plan_add, plan_set, slug};

/// Why a write was refused or failed. Every refusal leaves every file as
/// it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("--rev {0}: plans are written only in the working tree, never at a revision")]
    OnRevision(String),
    #[error("{0} is a bare repository: there is no working tree to write plans in")]
    Bare(String),
    #[error("`{0}`: name a deliverable as PROGRAM/DELIVERABLE")]
    BadTarget(String),
    #[error("no program `{id}`{hint}")]
    UnknownProgram { id: String, hint: String },
    #[error("program `{id}` is in more than one file ({paths}): `ringboard check` reports it")]
    AmbiguousProgram { id: String, paths: String },
    #[error("no deliverable `{id}` in {program}{hint}")]
    UnknownDeliverable {
        program: String,
        id: String,
        hint: String,
    },
    #[error("no metric `{id}` in {program}{hint}")]
    UnknownMetric {
        program: String,
        id: String,
        hint: String,
    },
    #[error(
        "`{program}/{id}` names both a deliverable and a metric: add --metric to change the metric"
    )]
    Ambiguous { program: String, id: String },
    #[error("`{arg}`: write FIELD=VALUE (or needs+=ID, needs-=ID)")]
    BadEdit { arg: String },
    #[error("unknown field `{field}`{hint}: set takes {}", FIELDS.join(", "))]
    UnknownField { field: String, hint: String },
    #[error("`{field}` is given twice")]
    TwiceGiven { field: String },
    #[error("{field}={value}: {why}")]
    BadValue {
        field: String,
        value: String,
        why: String,
    },
    #[error("a title with no ASCII letters needs --id (ids are a-z, 0-9, - and _)")]
    NeedsId,
    #[error("{path}: cannot be edited: {why}")]
    CannotEdit { path: String, why: String },
    #[error("not written: {0}")]
    WouldAddError(String),
    #[error("nothing written: the file already holds these values, but {0}")]
    AlreadyInvalid(String),
    #[error(
        "{0} is a symbolic link: ringboard does not write through links; edit the file it points to"
    )]
    Symlink(String),
    #[error("{0} changed on disk since it was read: nothing written (reload and try again)")]
    Changed(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: the write was interrupted before the file was replaced ({source}); the file is unchanged"
    )]
    Interrupted {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "git does not know who you are (user.name and user.email): set them with git config --global user.name \"Your Name\" and git config --global user.email \"you@example.com\""
    )]
    NoIdentity,
    #[error("--commit: {0}; finish or abort it first")]
    GitBusy(String),
    #[error("--commit: {0}")]
    CannotCommit(String),
    #[error(
        "--commit: {path} has uncommitted changes of its own ({what}): commit or stash them first, or write without --commit"
    )]
    Uncommitted { path: String, what: String },
    #[error("commit: {path} {why}: nothing committed (commit it with git)")]
    NotCommittable { path: String, why: String },
    #[error("{path} was written but not committed: git commit failed: {why}; HEAD is unchanged")]
    CommitFailed { path: String, why: String },
    #[error(
        "{path} was written but not committed: the {hook} hook refused the commit ({said}); HEAD is unchanged: fix what it says, then commit with git"
    )]
    HookRefused {
        path: String,
        hook: String,
        said: String,
    },
    #[error(
        "{path} was written but not committed: signing the commit with `{signer}` failed ({said}); HEAD is unchanged: check commit.gpgsign and gpg.program, then commit with git"
    )]
    SigningFailed {
        path: String,
        signer: String,
        said: String,
    },
    #[error(
        "--commit: {path} is flagged {flag} in git's index: its changes are hidden from git, and a commit would take them; clear the flag (git update-index --no-{flag} {path}) or write without --commit"
    )]
    Flagged { path: String, flag: &'static str },
    #[error(
        "another ringboard is writing the plans and still held the writers' lock {lock} after {secs} s: nothing written; try again (if no ringboard is running, the lock is free and this will not happen again)"
    )]
    Locked { lock: String, secs: u64 },
    #[error(
        "{path}: the edit would make the file {size} bytes, over --max-file-size {max}: nothing written"
    )]
    TooLarge { path: String, size: u64, max: u64 },
    #[error("--commit: {0}")]
    GitCommand(#[from] git::GitError),
    #[error("git: {0}")]
    Git(#[from] git::Error),
}

/// The working tree's plan files, as read for a write.
#[derive(Clone)]
pub struct PlanFiles {
    pub workspace: Workspace,
    /// The boards directory, repository-relative.
    pub boards: String,
    /// The largest plan file a write may leave (`--max-file-size`).
    pub max_file_size: u64,
    files: Vec<RawFile>,
}

impl PlanFiles {
    /// Reads every plan file of the working tree; refused at a revision
    /// (`--rev`) and in a bare repository.
    pub fn read(opts: &LoadOptions) -> Result<PlanFiles, WriteError> {
        if let Some(rev) = &opts.rev {
            return Err(WriteError::OnRevision(rev.clone()));
        }
        let workspace = Workspace::discover(opts.repo.as_deref())?;
        if workspace.bare {
            return Err(WriteError::Bare(workspace.root.display().to_string()));
        }
        let boards = repo::normalize_boards(&opts.boards)?;
        let files = read_worktree(&workspace.root, &boards, opts.max_file_size)?;
        Ok(PlanFiles {
            workspace,
            boards,
            max_file_size: opts.max_file_size,
            files,
        })
    }

    /// Takes the writers' lock (waiting up to `wait` for another writer),
    /// then reads every plan file: what a write plans against is what the
    /// last writer left, and nobody else writes until the lock is dropped.
    pub fn read_locked(
        opts: &LoadOptions,
        wait: std::time::Duration,
    ) -> Result<(PlanFiles, WriteLock), WriteError> {
        if let Some(rev) = &opts.rev {
            return Err(WriteError::OnRevision(rev.clone()));
        }
        let workspace = Workspace::discover(opts.repo.as_deref())?;
        if workspace.bare {
            return Err(WriteError::Bare(workspace.root.display().to_string()));
        }
        let lock = WriteLock::acquire(&workspace, wait)?;
        Ok((PlanFiles::read(opts)?, lock))
    }

    /// Plan files read already (by the board, which plans its writes
    /// against the bytes it shows): refused in a bare repository.
    pub fn new(
        workspace: Workspace,
        boards: String,
        max_file_size: u64,
        files: Vec<RawFile>,
    ) -> Result<PlanFiles, WriteError> {
        if workspace.bare {
            return Err(WriteError::Bare(workspace.root.display().to_string()));
        }
        Ok(PlanFiles {
            workspace,
            boards,
            max_file_size,
            files,
        })
    }

    /// Every file as read, in path order.
    pub fn files(&self) -> &[RawFile] {
        &self.files
    }

    /// The file of program `id`.
    fn program_file(&self, id: &str) -> Result<&RawFile, WriteError> {
        let mut found = self.files.iter().filter(|f| program_id(&f.path) == id);
        match (found.next(), found.next()) {
            (Some(f), None) => Ok(f),
            (Some(a), Some(b)) => Err(WriteError::AmbiguousProgram {
                id: id.to_string(),
                paths: format!("{}, {}", a.path, b.path),
            }),
            (None, _) => Err(self.unknown_program(id)),
        }
    }

    fn unknown_program(&self, id: &str) -> WriteError {
        let ids = self.files.iter().map(|f| program_id(&f.path));
        WriteError::UnknownProgram {
            id: id.to_string(),
            hint: did_you_mean_id(id, ids),
        }
    }

    fn absolute(&self, path: &str) -> PathBuf {
        self.workspace.root.join(path)
    }
}

/// One planned write: a plan file's bytes before and after, and what the
/// change means. Nothing is written until [`write()`].
#[derive(Clone, Debug)]
pub struct Draft {
    /// Repository-relative.
    pub path: Arc<str>,
    /// Where it is written.
    pub file: PathBuf,
    pub program: String,
    /// The deliverable edited or added.
    pub id: String,
    pub before: Vec<u8>,
    /// The content hash of `before` (git's blob id of the bytes), checked
    /// again just before the file is replaced.
    pub before_id: ObjectId,
    pub after: Vec<u8>,
    /// The changes, as `diff` finds them; empty when nothing would change.
    pub changes: Vec<Change>,
    /// What the changes may touch: anything else is refused.
    expected: Expected,
}

#[derive(Clone, Debug)]
enum Expected {
    Fields(Vec<crate::format::Field>),
    /// Fields of the metric `Draft::id`.
    MetricFields(Vec<crate::format::Field>),
    Added,
}

impl Draft {
    /// Nothing would change (the values are already so).
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }

    /// `spring-launch/email-copy: status review → done`, the changes of
    /// one deliverable joined with `; `: the generated commit message.
    pub fn message(&self) -> String {
        let words: Vec<String> = self
            .changes
            .iter()
            .map(crate::review::words::short)
            .collect();
        format!("{}/{}: {}", self.program, self.id, words.join("; "))
    }
}

/// The content hash of a file's bytes: git's blob id.
pub fn content_id(bytes: &[u8]) -> ObjectId {
    ObjectId::for_blob(bytes)
}

/// What [`apply`] did.
#[derive(Debug)]
pub struct Applied {
    pub undo: Undo,
    /// What `check` warns about the edited deliverable (written anyway).
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// The new commit, with `--commit`.
    pub commit: Option<ObjectId>,
    /// What the change does beyond itself, when [`ApplyOptions::today`]
    /// asked for it.
    pub consequences: Option<crate::review::Consequences>,
}

/// How [`apply`] writes.
#[derive(Default)]
pub struct ApplyOptions<'h> {
    /// Commit the file (and nothing else) after writing it.
    pub commit: bool,
    /// The commit message; generated from the changes when `None`.
    pub message: Option<String>,
    pub hooks: Hooks<'h>,
    /// Work out what the change does beyond itself (its impact, the
    /// problems it adds) for this today: `set` and `add` print it.
    pub today: Option<jiff::civil::Date>,
}

/// Checks, then (with `commit`) makes sure a commit can be made, writes,
/// and commits: the order in which a refusal leaves everything as it was.
/// `lock` is the writers' lock, held since `files` were read
/// ([`PlanFiles::read_locked`]).
pub fn apply(
    files: &PlanFiles,
    draft: &Draft,
    lock: &WriteLock,
    opts: &ApplyOptions<'_>,
) -> Result<Applied, WriteError> {
    if opts.commit && opts.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
        // git refuses an empty message too; refused before anything changes.
        return Err(WriteError::CannotCommit(
            "the message given with -m is empty: give one, or leave -m out for a generated one"
                .into(),
        ));
    }
    let (warnings, consequences) = match opts.today {
        Some(today) => {
            let (warnings, found) = check_with_consequences(files, draft, today)?;
            (warnings, Some(found))
        }
        None => (check(files, draft)?, None),
    };
    let plan = if opts.commit {
        Some(prepare_commit(&files.workspace, draft)?)
    } else {
        None
    };
    let undo = write(draft, files.max_file_size, lock, &opts.hooks)?;
    let commit = match plan {
        Some(plan) => {
            let message = opts.message.clone().unwrap_or_else(|| draft.message());
            Some(plan.commit(draft, &message, lock)?)
        }
        None => None,
    };
    Ok(Applied {
        undo,
        warnings,
        commit,
        consequences,
    })
}

//! Every use of git, behind one module: the library that reads git
//! objects (git2, libgit2) and the user's `git` for commits. Nothing
//! outside this module names git2 or needs `unsafe`; the rest of ringboard
//! names objects by [`ObjectId`] and reads through a [`Repo`].
//!
//! - [`Repo`]: one opened repository. libgit2's process-wide options are
//!   set once, when the first is opened ([`Repo::open`]); every handle
//!   reads loose objects through ringboard's own reader (`loose.rs`), which
//!   stops on a truncated object where libgit2 1.9.7 loops.
//! - reading: revisions and HEAD (`refs.rs`), a commit's plan files
//!   (`tree.rs`), blobs (`blobs.rs`), and commits and trees as raw bytes
//!   for history walks ([`RawObjects`], with git's commit-graph file).
//! - writing: the repository's state (`status.rs`), and [`command`]: the
//!   user's `git` (`git commit --only`, the index's view of a file), with
//!   its trace ([`trace`]) to say which hook or signer refused.
//!
//! A git object that cannot be read is an [`Error`] with a [`Damage`].

mod blobs;
mod command;
mod commit_graph;
mod error;
mod id;
// The one place that needs `unsafe`: libgit2's backend interface.
#[allow(unsafe_code)]
mod loose;
mod objects;
mod refs;
mod status;
pub(crate) mod trace;
mod tree;

use std::path::{Path, PathBuf};

pub use blobs::Blob;
pub use command::{FileState, Git, GitError};
pub use error::{Damage, Error};
pub use id::{IdMap, IdSet, ObjectId};
pub use objects::{CommitHead, EntryKind, RawObjects, walk_order};
pub use refs::{CommitInfo, HeadRef, RevError, Until};
pub use status::{Identity, operation_in_progress};
pub use tree::{SUBMODULE, TreeFile};

/// One opened repository. Not `Sync` (libgit2's handles are not): a
/// thread opens its own.
pub struct Repo {
    repo: git2::Repository,
}

/// A repository found around a folder.
#[derive(Clone, Debug)]
pub struct Found {
    pub git_dir: PathBuf,
    /// The working tree's root; `None` for a bare repository.
    pub work_tree: Option<PathBuf>,
}

impl Repo {
    /// Opens the repository at `path` (a git directory or a working tree).
    pub fn open(path: &Path) -> Result<Repo, Error> {
        options();
        Ok(Repo {
            repo: loose::open(path)?,
        })
    }

    /// Creates a repository in `dir` (`git init`).
    pub fn init(dir: &Path) -> Result<Repo, Error> {
        options();
        Ok(Repo {
            repo: git2::Repository::init(dir)?,
        })
    }

    /// The git directory.
    pub fn path(&self) -> &Path {
        self.repo.path()
    }

    /// The working tree, as libgit2 takes it; `None` when bare.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// Tells libgit2 where the working tree is (opened from its git
    /// directory, it takes that directory's parent).
    pub fn set_workdir(&self, dir: &Path) -> Result<(), Error> {
        Ok(self.repo.set_workdir(dir, false)?)
    }

    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Writes a blob (the tests build repositories with it).
    #[cfg(test)]
    pub(crate) fn write_blob(&self, bytes: &[u8]) -> Result<ObjectId, Error> {
        Ok(self.repo.blob(bytes)?.into())
    }
}

/// libgit2's process-wide options, set once, before the first repository
/// is opened, whatever reads it first:
/// - no SHA-1 check of every object read: git does not re-hash what it
///   reads either (`git fsck` does), and it was the largest cost of
///   reading a revision (docs/engineering-facts.md);
/// - no object cache: each reader here reads an object once (history walks
///   read thousands), and the cache kept them all for the session.
fn options() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        git2::opts::enable_caching(false);
    });
}

/// The repository around `dir`, if there is one, with its real working
/// tree: for a `.git` file (`git init --separate-git-dir`, `git worktree
/// add`) libgit2 takes the git directory's parent; `core.worktree`, when
/// set, is what libgit2 already reports.
pub fn discover(dir: &Path) -> Option<Found> {
    options();
    let repo = git2::Repository::discover(dir).ok()?;
    let git_dir = repo.path().to_path_buf();
    if repo.is_bare() {
        return Some(Found {
            git_dir,
            work_tree: None,
        });
    }
    let root = linked_work_tree(&repo, dir)
        .unwrap_or_else(|| repo.workdir().unwrap_or_else(|| repo.path()).to_path_buf());
    Some(Found {
        git_dir,
        work_tree: Some(root),
    })
}

/// The work tree where libgit2 guesses wrong: `None`, its answer stands.
fn linked_work_tree(repo: &git2::Repository, dir: &Path) -> Option<PathBuf> {
    let configured = repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.worktree").ok());
    if configured.is_some() {
        return None;
    }
    let dir = dir.canonicalize().ok()?;
    // The nearest folder holding a `.git` entry is the work tree's root.
    let root = dir.ancestors().find(|d| d.join(".git").exists())?;
    root.join(".git").is_file().then(|| root.to_path_buf())
}

/// The top of the working tree of the repository holding `dir`:
/// `Ok(None)` when no repository holds it, `Ok(Some(None))` for a bare one.
pub fn holding(dir: &Path) -> Result<Option<Option<PathBuf>>, Error> {
    options();
    match git2::Repository::discover(dir) {
        Ok(repo) => Ok(Some(repo.workdir().map(Path::to_path_buf))),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// git's `user.email`: the repository's configuration at `git_dir` (which
/// includes the global one), or the global one without a repository.
pub fn user_email(git_dir: Option<&Path>) -> Option<String> {
    let config = match git_dir {
        Some(dir) => git2::Repository::open(dir).ok()?.config().ok()?,
        None => git2::Config::open_default().ok()?,
    };
    config.get_string("user.email").ok()
}

//! Where the plans live ([`Workspace`]) and why a command could not run
//! at all ([`LoadError`]); the git behind them is [`crate::git`].

use std::path::{Path, PathBuf};

use crate::git::{self, ObjectId, Repo, RevError};

pub use crate::git::{SUBMODULE, TreeFile, operation_in_progress};

/// Why a command could not run at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("--repo {0}: no such directory")]
    NoSuchDir(String),
    #[error("no boards directory `{boards}` in {root} (use --boards DIR)")]
    NoBoards { boards: String, root: String },
    #[error("--boards {0}: must be a relative path inside the repository")]
    BadBoards(String),
    #[error("the boards directory `{boards}` leads outside the repository {root}; not read")]
    BoardsOutside { boards: String, root: String },
    #[error("{what} needs a git repository, and {dir} is not inside one")]
    NotGit { what: String, dir: String },
    #[error("unknown revision `{rev}`{why}")]
    UnknownRev { rev: String, why: String },
    #[error("revision `{rev}` has no boards directory `{boards}`")]
    NoBoardsAtRev { rev: String, boards: String },
    /// A git object that could not be read (missing, truncated or
    /// corrupt): the command stops here rather than go on without the
    /// plans it holds.
    #[error(
        "the repository is damaged: {}{} cannot be read ({why}): run `git fsck`",
        object.map_or_else(|| "an object".to_string(), |o| format!("object {o}")),
        path.as_ref().map_or_else(String::new, |p| format!(" ({p})"))
    )]
    Damaged {
        object: Option<ObjectId>,
        /// The plan file (or directory) it holds, when known.
        path: Option<String>,
        why: String,
    },
    #[error("git: {0}")]
    Git(git::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// A git error, or [`LoadError::Damaged`] when it is an object that could
/// not be read: every `?` on a git call says a damaged repository is one.
impl From<git::Error> for LoadError {
    fn from(e: git::Error) -> Self {
        match e.damage() {
            Some(d) => LoadError::Damaged {
                object: d.object,
                path: d.path.clone(),
                why: d.why.clone(),
            },
            None => LoadError::Git(e),
        }
    }
}

/// Where the plans live: a folder, usually inside a git repository.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The working tree root; for a bare repository, the git directory.
    pub root: PathBuf,
    /// The git directory, when there is a repository.
    pub git_dir: Option<PathBuf>,
    pub bare: bool,
}

impl Workspace {
    /// Finds the repository around `dir` (or the current directory). A folder
    /// outside any repository is a workspace without history.
    pub fn discover(dir: Option<&Path>) -> Result<Workspace, LoadError> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => std::env::current_dir().map_err(|source| LoadError::Io {
                path: ".".into(),
                source,
            })?,
        };
        if !dir.is_dir() {
            return Err(LoadError::NoSuchDir(dir.display().to_string()));
        }
        Ok(match git::discover(&dir) {
            Some(found) => Workspace {
                bare: found.work_tree.is_none(),
                root: found.work_tree.unwrap_or_else(|| found.git_dir.clone()),
                git_dir: Some(found.git_dir),
            },
            None => Workspace {
                root: dir,
                git_dir: None,
                bare: false,
            },
        })
    }

    /// Opens the repository; `what` names the feature that needs it.
    pub fn git(&self, what: &str) -> Result<Repo, LoadError> {
        match &self.git_dir {
            Some(dir) => {
                let repo = Repo::open(dir)?;
                // Opened from its git directory, git takes the work
                // tree to be that directory's parent: tell it the real one.
                if !self.bare && repo.workdir() != Some(self.root.as_path()) {
                    repo.set_workdir(&self.root)?;
                }
                Ok(repo)
            }
            None => Err(LoadError::NotGit {
                what: what.to_string(),
                dir: self.root.display().to_string(),
            }),
        }
    }
}

/// A commit's short id as people read it in git's own output: `3f2a9c1`.
pub fn short_id(oid: impl Into<ObjectId>) -> String {
    oid.into().short()
}

/// Resolves a revision to a commit id, with a message that names it.
pub fn resolve_commit(repo: &Repo, rev: &str) -> Result<ObjectId, LoadError> {
    let unknown = |why: &str| LoadError::UnknownRev {
        rev: rev.to_string(),
        why: why.to_string(),
    };
    repo.resolve(rev).map_err(|e| match e {
        RevError::Unborn => unknown(": the repository has no commits yet"),
        RevError::Unknown => unknown(""),
        RevError::NotACommit => unknown(": it does not name a commit"),
        RevError::Damaged(d) => LoadError::Damaged {
            object: d.object,
            path: d.path,
            why: d.why,
        },
    })
}

/// The boards directory as a clean, relative, `/`-separated path.
pub fn normalize_boards(boards: &Path) -> Result<String, LoadError> {
    let bad = || LoadError::BadBoards(boards.display().to_string());
    let mut parts = Vec::new();
    for c in boards.components() {
        match c {
            std::path::Component::Normal(p) => parts.push(p.to_str().ok_or_else(bad)?.to_string()),
            std::path::Component::CurDir => {}
            _ => return Err(bad()),
        }
    }
    if parts.is_empty() {
        return Err(bad());
    }
    Ok(parts.join("/"))
}

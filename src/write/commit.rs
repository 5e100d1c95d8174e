//! Committing written plan files and nothing else, exactly as
//! `git commit --only -- PATH` would (docs/cli.md version 3): the user's `git`
//! makes the commit, so the repository's own rules hold (`.gitattributes`
//! filters and line-ending rules, the `pre-commit`, `prepare-commit-msg`,
//! `commit-msg` and `post-commit` hooks, signing, `index.lock` and the
//! branch's ref lock). `--only` commits the work tree's content of those
//! paths whatever the index holds, and leaves every other staged change
//! staged and every unstaged one unstaged.
//!
//! Everything that could refuse is checked first ([`prepare_commit`],
//! [`prepare_written`]), before the file is written: git's state, the
//! locks, an identity, the file's own uncommitted changes and its index
//! flags. What only git can find (a hook that refuses, signing that
//! fails) leaves the file written and uncommitted, HEAD where it was, and
//! says which hook or signer it was.

use std::path::Path;
use std::sync::Arc;

use super::lock::WriteLock;
use super::{Draft, WriteError};
use crate::git::trace::{self, Refusal};
use crate::git::{FileState, Git, Identity, ObjectId, operation_in_progress};
use crate::repo::Workspace;

/// A commit that can be made once the file is written.
pub struct CommitPlan {
    ready: Ready,
}

/// A repository a commit can be made in.
struct Ready {
    git: Git,
    /// HEAD's commit: the parent.
    parent: ObjectId,
}

/// Checks that the draft's file can be committed alone: a repository with
/// a commit, not mid-merge, rebase or cherry-pick, no lock of git's held,
/// an identity in git's configuration, and a file with no uncommitted
/// change of its own and no skip-worktree or assume-unchanged flag.
pub fn prepare_commit(workspace: &Workspace, draft: &Draft) -> Result<CommitPlan, WriteError> {
    let ready = ready(workspace, "--commit")?;
    let state = file_state(&ready.git, &draft.path)?;
    let uncommitted = |what: &str| WriteError::Uncommitted {
        path: draft.path.to_string(),
        what: what.to_string(),
    };
    if !state.tracked {
        return Err(uncommitted("it is not committed yet"));
    }
    if state.conflicted {
        return Err(uncommitted("it has a merge conflict"));
    }
    if state.staged {
        return Err(uncommitted("staged"));
    }
    if state.modified {
        return Err(uncommitted("in the working tree"));
    }
    Ok(CommitPlan { ready })
}

/// The file's state in git, refused when a flag hides its changes from
/// git: a commit would take changes git was told to look away from, and
/// git would clear the flag.
fn file_state(git: &Git, path: &str) -> Result<FileState, WriteError> {
    let state = git.file_state(path)?;
    let flag = if state.skip_worktree {
        Some("skip-worktree")
    } else if state.assume_unchanged {
        Some("assume-unchanged")
    } else {
        None
    };
    match flag {
        Some(flag) => Err(WriteError::Flagged {
            path: path.to_string(),
            flag,
        }),
        None => Ok(state),
    }
}

/// A repository with a commit, not mid-merge, rebase or cherry-pick, none
/// of git's locks held (the index, HEAD, the branch), and an identity in
/// git's configuration.
fn ready(workspace: &Workspace, what: &str) -> Result<Ready, WriteError> {
    let repo = workspace.git(what)?;
    if let Some(why) = operation_in_progress(repo.path()) {
        return Err(WriteError::GitBusy(why.to_string()));
    }
    if let Some(state) = repo.state_name() {
        return Err(WriteError::GitBusy(format!(
            "git is in the middle of a {state}"
        )));
    }
    if repo.identity()? == Identity::Missing {
        return Err(WriteError::NoIdentity);
    }
    let Some(head) = repo.head_ref()? else {
        return Err(WriteError::CannotCommit(
            "the repository has no commit yet: make the first one with git".into(),
        ));
    };
    let locks = repo.head_locks(&head);
    if let Some(lock) = locks.iter().find(|l| l.exists()) {
        return Err(WriteError::GitBusy(format!(
            "{} exists: another git command is moving the branch, or one was killed (remove the file if no git command is running)",
            lock.display()
        )));
    }
    let parent = repo.head_peeled()?;
    let work_tree = repo
        .workdir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| workspace.root.clone());
    Ok(Ready {
        git: Git::new(repo.path(), &work_tree),
        parent,
    })
}

impl CommitPlan {
    /// Commits the written file with `message`: returns the new commit.
    pub fn commit(
        self,
        draft: &Draft,
        message: &str,
        _lock: &WriteLock,
    ) -> Result<ObjectId, WriteError> {
        let files = [(draft.path.clone(), draft.after.clone())];
        commit_files(&self.ready, &files, message)
    }
}

/// Runs `git commit --only` of `files` (path, the bytes written there):
/// each must still hold what was written (or someone changed it since,
/// and nothing is committed). Returns the new HEAD.
fn commit_files(
    ready: &Ready,
    files: &[(Arc<str>, Vec<u8>)],
    message: &str,
) -> Result<ObjectId, WriteError> {
    let paths = files
        .iter()
        .map(|(p, _)| &**p)
        .collect::<Vec<_>>()
        .join(", ");
    for (path, bytes) in files {
        let now =
            std::fs::read(ready.git.work_tree.join(&**path)).map_err(|source| WriteError::Io {
                path: path.to_string(),
                source,
            })?;
        if now != *bytes {
            return Err(WriteError::NotCommittable {
                path: path.to_string(),
                why: "changed on disk since it was written".into(),
            });
        }
    }
    let mut cmd = ready
        .git
        .command(["commit", "--only", "--quiet", "-m", message, "--"]);
    cmd.args(files.iter().map(|(p, _)| &**p));
    let traced = trace::run(&mut cmd)?;
    let head = current_head(&ready.git)?;
    if traced.output.status.success() && head != Some(ready.parent) {
        return head.ok_or_else(|| WriteError::CommitFailed {
            path: paths.clone(),
            why: "git committed, but HEAD cannot be read back".into(),
        });
    }
    Err(refused(&traced, paths))
}

/// Why the commit of `paths` did not happen, in one line: the hook or the
/// signer that refused, or git's own words.
fn refused(traced: &trace::Traced, paths: String) -> WriteError {
    let said = traced.said();
    let escape = crate::escape::escape_control;
    match traced.refusal() {
        Refusal::Hook(hook) => WriteError::HookRefused {
            path: paths,
            hook: escape(&hook),
            said,
        },
        Refusal::Signer(signer) => WriteError::SigningFailed {
            path: paths,
            signer: escape(&signer),
            said,
        },
        Refusal::Nothing => WriteError::CommitFailed {
            path: paths,
            why: "git made no commit (it found nothing to commit in these files)".into(),
        },
        Refusal::Git => WriteError::CommitFailed {
            path: paths,
            why: said,
        },
    }
}

/// HEAD's commit, read afresh.
fn current_head(git: &Git) -> Result<Option<ObjectId>, WriteError> {
    let repo = crate::git::Repo::open(&git.git_dir)?;
    Ok(repo.head_id())
}

/// A plan file written earlier (by the board's edit keys), to commit as
/// the working tree now has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenFile {
    /// Repository-relative.
    pub path: Arc<str>,
    /// HEAD's blob of the file when it was first written, if the file was
    /// as HEAD has it then (as git sees it: [`clean_head_blob`]); HEAD
    /// must still hold it. `None`: the file had changes of its own.
    pub base: Option<ObjectId>,
    /// The content id of what was written last: the working tree must
    /// still hold it, or someone changed the file since.
    pub written: ObjectId,
}

/// HEAD's blob of the plan file at `path` when the working tree and the
/// index hold it as HEAD does (git's status, so its line-ending conversion
/// counts): what a first write starts from, for a commit of that write
/// alone later. `None` when it differs, or without git or a commit.
pub fn clean_head_blob(workspace: &Workspace, path: &str) -> Option<ObjectId> {
    let repo = workspace.git("commit").ok()?;
    let entry = repo.head_entry(path)?;
    let work_tree = repo.workdir()?.to_path_buf();
    let state = Git::new(repo.path(), &work_tree).file_state(path).ok()?;
    (state.clean() && !state.skip_worktree && !state.assume_unchanged).then_some(entry)
}

/// Written files that can be committed alone ([`prepare_written`], then
/// [`CommitWritten::commit`]).
pub struct CommitWritten {
    ready: Ready,
    /// Path and the bytes to commit.
    files: Vec<(Arc<str>, Vec<u8>)>,
}

/// Checks that `files` can be committed, and nothing else with them: git's
/// state and identity as for `--commit`, and for each file that HEAD
/// still has its `base`, that nothing of it is staged, and that the
/// working tree still holds what was `written`. Files whose working tree
/// equals HEAD are left out (nothing to commit there).
pub fn prepare_written(
    workspace: &Workspace,
    files: &[WrittenFile],
) -> Result<CommitWritten, WriteError> {
    let ready = ready(workspace, "commit")?;
    let repo = workspace.git("commit")?;
    let mut out = Vec::new();
    for f in files {
        let refuse = |why: &str| WriteError::NotCommittable {
            path: f.path.to_string(),
            why: why.to_string(),
        };
        let bytes =
            std::fs::read(workspace.root.join(&*f.path)).map_err(|source| WriteError::Io {
                path: f.path.to_string(),
                source,
            })?;
        let now = super::content_id(&bytes);
        let Some(entry) = repo.entry_in_commit(ready.parent, &f.path)? else {
            return Err(refuse("is not committed yet"));
        };
        let state = file_state(&ready.git, &f.path)?;
        // Equal to HEAD as git sees it (its line-ending conversion
        // applied): nothing to commit there.
        if entry == now || state.clean() {
            continue;
        }
        if now != f.written {
            return Err(refuse("changed on disk since the board wrote it"));
        }
        match f.base {
            None => {
                return Err(refuse("had changes of its own before the board wrote it"));
            }
            Some(base) if entry != base => {
                return Err(refuse("was committed since the board wrote it"));
            }
            Some(_) => {}
        }
        if state.conflicted {
            return Err(refuse("has a merge conflict"));
        }
        if state.staged {
            return Err(refuse("has staged changes"));
        }
        out.push((f.path.clone(), bytes));
    }
    Ok(CommitWritten { ready, files: out })
}

impl CommitWritten {
    /// The paths that will be committed (those that differ from HEAD).
    pub fn paths(&self) -> impl Iterator<Item = &Arc<str>> {
        self.files.iter().map(|(p, _)| p)
    }

    /// Commits the files with `message`; `None` when none differs from
    /// HEAD (nothing to commit).
    pub fn commit(self, message: &str, _lock: &WriteLock) -> Result<Option<ObjectId>, WriteError> {
        if self.files.is_empty() {
            return Ok(None);
        }
        commit_files(&self.ready, &self.files, message).map(Some)
    }
}

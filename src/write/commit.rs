//! Committing one written plan file and nothing else. The new tree is
//! HEAD's with only that path's blob replaced (a tree builder per
//! directory on the path), committed with HEAD as parent; then only that
//! path's entry of the index moves to the new blob. Whatever else is
//! staged stays staged, unstaged edits and untracked files stay as they
//! are (`index.write_tree()` would commit everything staged). Everything
//! that could refuse is checked by [`prepare_commit`], before the write.

use std::path::Path;
use std::sync::Arc;

use git2::{ErrorCode, Oid, Repository, RepositoryState, Signature, Status, Tree};

use super::{Draft, WriteError};
use crate::repo::{Workspace, operation_in_progress};

/// A commit that can be made once the file is written.
pub struct CommitPlan {
    repo: Repository,
    name: String,
    email: String,
    parent: Oid,
    /// The file's mode in HEAD's tree (kept).
    mode: i32,
}

/// Checks that the draft's file can be committed alone: a repository with
/// a commit, not mid-merge, rebase or cherry-pick, no `index.lock`, an
/// identity in git's configuration, and no uncommitted change of the
/// file's own (working tree or index against HEAD).
pub fn prepare_commit(workspace: &Workspace, draft: &Draft) -> Result<CommitPlan, WriteError> {
    let ready = ready(workspace, "--commit")?;
    let head = ready.repo.find_commit(ready.parent)?;
    let uncommitted = |what: &str| WriteError::Uncommitted {
        path: draft.path.to_string(),
        what: what.to_string(),
    };
    let entry = match head.tree()?.get_path(Path::new(&*draft.path)) {
        Ok(entry) => entry,
        Err(e) if e.code() == ErrorCode::NotFound => {
            return Err(uncommitted("it is not committed yet"));
        }
        Err(e) => return Err(e.into()),
    };
    let status = ready.repo.status_file(Path::new(&*draft.path))?;
    if status.intersects(Status::CONFLICTED) {
        return Err(uncommitted("it has a merge conflict"));
    }
    if status.intersects(STAGED) {
        return Err(uncommitted("staged"));
    }
    if !status.is_empty() {
        return Err(uncommitted("in the working tree"));
    }
    let mode = entry.filemode();
    drop(entry);
    drop(head);
    Ok(CommitPlan {
        parent: ready.parent,
        mode,
        repo: ready.repo,
        name: ready.name,
        email: ready.email,
    })
}

/// Changes of a path in git's index against HEAD.
const STAGED: Status = Status::INDEX_NEW
    .union(Status::INDEX_MODIFIED)
    .union(Status::INDEX_DELETED)
    .union(Status::INDEX_RENAMED)
    .union(Status::INDEX_TYPECHANGE);

/// A repository a commit can be made in, and who makes it.
struct Ready {
    repo: Repository,
    name: String,
    email: String,
    /// HEAD's commit: the parent.
    parent: Oid,
}

/// A repository with a commit, not mid-merge, rebase or cherry-pick, no
/// `index.lock`, and an identity in git's configuration.
fn ready(workspace: &Workspace, what: &str) -> Result<Ready, WriteError> {
    let repo = workspace.git(what)?;
    if let Some(why) = operation_in_progress(repo.path()) {
        return Err(WriteError::GitBusy(why.to_string()));
    }
    if repo.state() != RepositoryState::Clean {
        let state = format!("{:?}", repo.state()).to_lowercase();
        return Err(WriteError::GitBusy(format!(
            "git is in the middle of a {state}"
        )));
    }
    let sig = repo.signature().map_err(|e| match e.code() {
        ErrorCode::NotFound => WriteError::NoIdentity,
        _ => WriteError::Git(e),
    })?;
    let (Ok(name), Ok(email)) = (sig.name(), sig.email()) else {
        return Err(WriteError::NoIdentity);
    };
    let (name, email) = (name.to_string(), email.to_string());
    drop(sig);
    let parent = match repo.head() {
        Ok(h) => h.peel_to_commit()?.id(),
        Err(e) if e.code() == ErrorCode::UnbornBranch => {
            return Err(WriteError::CannotCommit(
                "the repository has no commit yet: make the first one with git".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Ready {
        repo,
        name,
        email,
        parent,
    })
}

impl CommitPlan {
    /// Commits the written file: returns the new commit.
    pub fn commit(self, draft: &Draft, message: &str) -> Result<Oid, WriteError> {
        let failed = |source| WriteError::CommitFailed {
            path: draft.path.to_string(),
            source,
        };
        self.make(draft, message).map_err(failed)
    }

    fn make(&self, draft: &Draft, message: &str) -> Result<Oid, git2::Error> {
        let files = [(&*draft.path, &draft.after[..], self.mode)];
        commit_blobs(
            &self.repo,
            self.parent,
            (&self.name, &self.email),
            message,
            &files,
        )
    }
}

/// A commit of `files` (path, the bytes written there, mode) on `parent`:
/// HEAD's tree with only those files' blobs replaced; HEAD moves to it
/// (only if it still points at the parent), and only those paths' index
/// entries move. Each blob is what `git add` makes of the file (git's
/// line-ending conversion applied: with `core.autocrlf` a CRLF working
/// tree still commits LF), and the file must hold the bytes written, or
/// someone changed it since and nothing is committed.
fn commit_blobs(
    repo: &Repository,
    parent: Oid,
    (name, email): (&str, &str),
    message: &str,
    files: &[(&str, &[u8], i32)],
) -> Result<Oid, git2::Error> {
    let mut index = repo.index()?;
    // A status check may have loaded the index: take it afresh from disk.
    index.read(false)?;
    let parent = repo.find_commit(parent)?;
    let mut tree = parent.tree()?.id();
    for &(path, bytes, mode) in files {
        let blob = staged_blob(repo, &mut index, path, bytes)?;
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let base = repo.find_tree(tree)?;
        tree = replace_blob(repo, Some(&base), &parts, blob, mode)?;
    }
    let tree = repo.find_tree(tree)?;
    let sig = Signature::now(name, email)?;
    let commit = repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &[&parent])?;
    index.write()?;
    Ok(commit)
}

/// Stages the working tree's file at `path` in `index` (in memory, with
/// its current stat data, so git sees it unchanged after the commit) and
/// returns its blob, as `git add` would make it. The file must hold
/// `written` before and after.
fn staged_blob(
    repo: &Repository,
    index: &mut git2::Index,
    path: &str,
    written: &[u8],
) -> Result<Oid, git2::Error> {
    let root = repo
        .workdir()
        .ok_or_else(|| git2::Error::from_str("the repository has no working tree"))?;
    let file = root.join(path);
    let holds = || std::fs::read(&file).is_ok_and(|now| now == written);
    let changed = || git2::Error::from_str("the file changed on disk since it was written");
    if !holds() {
        return Err(changed());
    }
    index.add_path(Path::new(path))?;
    let blob = index
        .get_path(Path::new(path), 0)
        .map(|entry| entry.id)
        .ok_or_else(|| git2::Error::from_str("the file is not in git's index"))?;
    if !holds() {
        return Err(changed());
    }
    Ok(blob)
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
    pub base: Option<Oid>,
    /// The content id of what was written last: the working tree must
    /// still hold it, or someone changed the file since.
    pub written: Oid,
}

/// HEAD's blob of the plan file at `path` when the working tree and the
/// index hold it as HEAD does (git's status, so its line-ending conversion
/// counts): what a first write starts from, for a commit of that write
/// alone later. `None` when it differs, or without git or a commit.
pub fn clean_head_blob(workspace: &Workspace, path: &str) -> Option<Oid> {
    let repo = workspace.git("commit").ok()?;
    let head = repo.head().ok()?.peel_to_tree().ok()?;
    let entry = head.get_path(Path::new(path)).ok()?;
    let clean = repo.status_file(Path::new(path)).ok()?.is_empty();
    clean.then(|| entry.id())
}

/// Written files that can be committed alone ([`prepare_written`], then [`CommitWritten::commit`]).
pub struct CommitWritten {
    ready: Ready,
    /// Path, the bytes to commit, and the file's mode in HEAD.
    files: Vec<(Arc<str>, Vec<u8>, i32)>,
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
    let head = ready.repo.find_commit(ready.parent)?.tree()?;
    let mut out = Vec::new();
    for f in files {
        let refuse = |why: &str| WriteError::NotCommittable {
            path: f.path.to_string(),
            why: why.to_string(),
        };
        let file = workspace.root.join(&*f.path);
        let bytes = std::fs::read(&file).map_err(|source| WriteError::Io {
            path: f.path.to_string(),
            source,
        })?;
        let now = super::content_id(&bytes);
        let entry = match head.get_path(Path::new(&*f.path)) {
            Ok(entry) => entry,
            Err(e) if e.code() == ErrorCode::NotFound => {
                return Err(refuse("is not committed yet"));
            }
            Err(e) => return Err(e.into()),
        };
        let status = ready.repo.status_file(Path::new(&*f.path))?;
        // Equal to HEAD as git sees it (its line-ending conversion
        // applied): nothing to commit there.
        if entry.id() == now || status.is_empty() {
            continue;
        }
        if now != f.written {
            return Err(refuse("changed on disk since the board wrote it"));
        }
        match f.base {
            None => {
                return Err(refuse(
                    "had changes of its own before the board wrote it: commit it with git",
                ));
            }
            Some(base) if entry.id() != base => {
                return Err(refuse("was committed since the board wrote it"));
            }
            Some(_) => {}
        }
        if status.intersects(Status::CONFLICTED) {
            return Err(refuse("has a merge conflict"));
        }
        if status.intersects(STAGED) {
            return Err(refuse("has staged changes"));
        }
        out.push((f.path.clone(), bytes, entry.filemode()));
    }
    drop(head);
    Ok(CommitWritten { ready, files: out })
}

impl CommitWritten {
    /// The paths that will be committed (those that differ from HEAD).
    pub fn paths(&self) -> impl Iterator<Item = &Arc<str>> {
        self.files.iter().map(|(p, _, _)| p)
    }

    /// Commits the files with `message`; `None` when none differs from
    /// HEAD (nothing to commit).
    pub fn commit(self, message: &str) -> Result<Option<Oid>, WriteError> {
        if self.files.is_empty() {
            return Ok(None);
        }
        let r = &self.ready;
        let files: Vec<(&str, &[u8], i32)> = self
            .files
            .iter()
            .map(|(path, bytes, mode)| (&**path, &bytes[..], *mode))
            .collect();
        commit_blobs(&r.repo, r.parent, (&r.name, &r.email), message, &files)
            .map(Some)
            .map_err(|source| WriteError::CommitFailed {
                path: self
                    .files
                    .iter()
                    .map(|(p, _, _)| &**p)
                    .collect::<Vec<_>>()
                    .join(", "),
                source,
            })
    }
}

/// `tree` with the blob at `path` (its parts) replaced, built one tree per
/// directory level; returns the new tree's id.
fn replace_blob(
    repo: &Repository,
    tree: Option<&Tree<'_>>,
    path: &[&str],
    blob: Oid,
    mode: i32,
) -> Result<Oid, git2::Error> {
    let mut builder = repo.treebuilder(tree)?;
    match path {
        [] => Err(git2::Error::from_str("empty path")),
        [name] => {
            builder.insert(name, blob, mode)?;
            builder.write()
        }
        [dir, rest @ ..] => {
            let sub = match tree.and_then(|t| t.get_name(dir)) {
                Some(entry) => Some(repo.find_tree(entry.id())?),
                None => None,
            };
            let sub = replace_blob(repo, sub.as_ref(), rest, blob, mode)?;
            builder.insert(dir, sub, 0o040000)?;
            builder.write()
        }
    }
}

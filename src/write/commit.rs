//! Committing one written plan file and nothing else. The new tree is
//! HEAD's with only that path's blob replaced (a tree builder per
//! directory on the path), committed with HEAD as parent; then only that
//! path's entry of the index moves to the new blob. Whatever else is
//! staged stays staged, unstaged edits and untracked files stay as they
//! are (`index.write_tree()` would commit everything staged). Everything
//! that could refuse is checked by [`prepare_commit`], before the write.

use std::path::Path;

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
    let repo = workspace.git("--commit")?;
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
    let head = match repo.head() {
        Ok(h) => h.peel_to_commit()?,
        Err(e) if e.code() == ErrorCode::UnbornBranch => {
            return Err(WriteError::CannotCommit(
                "the repository has no commit yet: make the first one with git".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
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
    let status = repo.status_file(Path::new(&*draft.path))?;
    let staged = Status::INDEX_NEW
        | Status::INDEX_MODIFIED
        | Status::INDEX_DELETED
        | Status::INDEX_RENAMED
        | Status::INDEX_TYPECHANGE;
    if status.intersects(Status::CONFLICTED) {
        return Err(uncommitted("it has a merge conflict"));
    }
    if status.intersects(staged) {
        return Err(uncommitted("staged"));
    }
    if !status.is_empty() {
        return Err(uncommitted("in the working tree"));
    }
    let (parent, mode) = (head.id(), entry.filemode());
    drop(entry);
    drop(head);
    Ok(CommitPlan {
        parent,
        mode,
        repo,
        name,
        email,
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
        let repo = &self.repo;
        let blob = repo.blob(&draft.after)?;
        let parent = repo.find_commit(self.parent)?;
        let parts: Vec<&str> = draft.path.split('/').filter(|p| !p.is_empty()).collect();
        let tree = replace_blob(repo, Some(&parent.tree()?), &parts, blob, self.mode)?;
        let tree = repo.find_tree(tree)?;
        let sig = Signature::now(&self.name, &self.email)?;
        // Updates HEAD's branch (or a detached HEAD) only if it still
        // points at the parent.
        let commit = repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &[&parent])?;
        self.stage(draft, blob)?;
        Ok(commit)
    }

    /// Moves only this path's index entry to the new blob, with the
    /// file's current stat data so git sees it unchanged.
    fn stage(&self, draft: &Draft, blob: Oid) -> Result<(), git2::Error> {
        let mut index = self.repo.index()?;
        // The status check loaded the index: take it afresh from disk.
        index.read(false)?;
        let path = Path::new(&*draft.path);
        index.add_path(path)?;
        if let Some(mut entry) = index.get_path(path, 0)
            && entry.id != blob
        {
            // The file changed again since it was written: stage what was
            // committed, and let git look at the file afresh.
            entry.id = blob;
            entry.mtime = git2::IndexTime::new(0, 0);
            entry.file_size = 0;
            index.add(&entry)?;
        }
        index.write()
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

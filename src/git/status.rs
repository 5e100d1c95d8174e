//! The repository's state as a writer must know it: an operation under
//! way, who commits, and which files differ from HEAD.

use std::path::Path;

use super::{Error, Repo};

/// A git operation under way in the repository at `git_dir`, in words
/// (`a merge is in progress`): plan files may be half-written, and nothing
/// may be committed.
pub fn operation_in_progress(git_dir: &Path) -> Option<&'static str> {
    const MARKS: [(&str, &str); 5] = [
        ("rebase-merge", "a rebase is in progress"),
        ("rebase-apply", "a rebase is in progress"),
        ("MERGE_HEAD", "a merge is in progress"),
        ("CHERRY_PICK_HEAD", "a cherry-pick is in progress"),
        ("index.lock", "git is writing the index"),
    ];
    MARKS
        .iter()
        .find(|(name, _)| git_dir.join(name).exists())
        .map(|(_, why)| *why)
}

/// Whether git has a name and an email to commit with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    Known,
    /// None configured, or not UTF-8.
    Missing,
}

impl Repo {
    /// The operation libgit2 sees under way (`merge`, `rebaseinteractive`),
    /// lower case; `None` when the repository is in its clean state.
    pub fn state_name(&self) -> Option<String> {
        let state = self.repo.state();
        (state != git2::RepositoryState::Clean).then(|| format!("{state:?}").to_lowercase())
    }

    /// Whether git's configuration names who commits.
    pub fn identity(&self) -> Result<Identity, Error> {
        let sig = match self.repo.signature() {
            Ok(sig) => sig,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(Identity::Missing),
            Err(e) => return Err(e.into()),
        };
        Ok(if sig.name().is_ok() && sig.email().is_ok() {
            Identity::Known
        } else {
            Identity::Missing
        })
    }

    /// The paths under `dir/` that differ from HEAD in the working tree or
    /// the index (changed, staged, new or deleted; ignored files and
    /// submodules left out), as git's status finds them: by the index's
    /// stat data, hashing only files whose stat changed; the index is not
    /// written.
    pub fn changed_paths(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .exclude_submodules(true)
            .pathspec(format!("{dir}/"));
        let statuses = self.repo.statuses(Some(&mut opts))?;
        Ok(statuses
            .iter()
            .filter(|s| !s.status().is_ignored())
            .filter_map(|s| s.path().ok().map(str::to_string))
            .collect())
    }
}

//! Names and commits: revisions resolved, HEAD, branches, walks over
//! commits and what they say of themselves.

use std::collections::BTreeSet;

use git2::ErrorCode;

use super::error::{id_in, is_object_error};
use super::{Damage, Error, ObjectId, Repo};

/// Why a revision did not resolve to a commit.
#[derive(Debug)]
pub enum RevError {
    /// HEAD names a branch with no commit yet.
    Unborn,
    /// It names nothing.
    Unknown,
    /// It names an object that is not a commit (nor leads to one).
    NotACommit,
    /// It leads to an object git cannot read.
    Damaged(Damage),
}

/// HEAD as a commit can be made on it.
#[derive(Clone, Debug)]
pub struct HeadRef {
    /// The reference HEAD points at (`refs/heads/main`), when it is one.
    pub name: Option<String>,
}

/// What a commit says of itself.
#[derive(Clone, Debug)]
pub struct CommitInfo {
    /// `None` when it is not UTF-8.
    pub author: Option<String>,
    /// The author's time, Unix seconds.
    pub author_time: i64,
    /// The committer's time, Unix seconds.
    pub time: i64,
    pub parents: Vec<ObjectId>,
}

/// Where a walk over commits stops.
#[derive(Clone, Copy, Debug)]
pub enum Until {
    /// At this commit and its ancestors.
    Hidden(ObjectId),
    /// Never: all of history, newest commit time first.
    ByTime,
}

impl Repo {
    /// Resolves a revision to a commit id.
    pub fn resolve(&self, rev: &str) -> Result<ObjectId, RevError> {
        let repo = &self.repo;
        // An unborn HEAD, whatever branch it names (libgit2's `is_empty` only
        // recognises the configured default branch).
        if matches!(repo.head(), Err(e) if e.code() == ErrorCode::UnbornBranch) {
            return Err(RevError::Unborn);
        }
        // A name that leads to an object git cannot read is a damaged
        // repository, not an unknown revision: an object the user did not
        // type out in full (a branch's commit, a parent, an abbreviation).
        let damage = |e: git2::Error| {
            let object = id_in(e.message());
            let typed = object.is_some_and(|o| rev.contains(&o.to_string()));
            let damage = match e.code() {
                ErrorCode::NotFound => object.is_some() && !typed,
                ErrorCode::Ambiguous => false,
                _ => true,
            };
            (is_object_error(&e) && damage)
                .then(|| Error::damaged(e, object, None).damage().cloned())
                .flatten()
        };
        let obj = repo
            .revparse_single(rev)
            .map_err(|e| damage(e).map_or(RevError::Unknown, RevError::Damaged))?;
        let commit = obj
            .peel_to_commit()
            .map_err(|e| damage(e).map_or(RevError::NotACommit, RevError::Damaged))?;
        Ok(commit.id().into())
    }

    /// The commit HEAD points at, read nothing further; `None` without one.
    pub fn head_id(&self) -> Option<ObjectId> {
        self.repo.head().ok()?.target().map(Into::into)
    }

    /// HEAD's commit for reading: `None` when there is none yet (an unborn
    /// branch) or HEAD does not lead to a commit; an error when its object
    /// cannot be read (peeling would only say it cannot be peeled).
    pub fn head_commit(&self) -> Result<Option<ObjectId>, Error> {
        let Ok(head) = self.repo.head() else {
            return Ok(None);
        };
        if let Some(oid) = head.target()
            && let Err(e) = self.repo.odb()?.read(oid)
        {
            return Err(Error::damaged(e, Some(oid.into()), None));
        }
        Ok(head.peel_to_commit().ok().map(|c| c.id().into()))
    }

    /// HEAD to commit on: `Ok(None)` on a branch with no commit yet.
    pub fn head_ref(&self) -> Result<Option<HeadRef>, Error> {
        let head = match self.repo.head() {
            Ok(h) => h,
            Err(e) if e.code() == ErrorCode::UnbornBranch => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let name = head.name().ok().map(str::to_string);
        Ok(Some(HeadRef { name }))
    }

    /// The commit HEAD leads to.
    pub fn head_peeled(&self) -> Result<ObjectId, Error> {
        Ok(self.repo.head()?.peel_to_commit()?.id().into())
    }

    /// The lock files git holds while it moves HEAD or its branch.
    pub fn head_locks(&self, head: &HeadRef) -> Vec<std::path::PathBuf> {
        let mut locks = vec![self.repo.path().join("HEAD.lock")];
        if let Some(name) = head.name.as_deref().filter(|n| n.starts_with("refs/")) {
            locks.push(self.repo.commondir().join(format!("{name}.lock")));
        }
        locks
    }

    /// The checked-out branch's short name, `detached`, or `None` without HEAD.
    pub fn branch_name(&self) -> Option<String> {
        let head = self.repo.head().ok()?;
        if head.is_branch() {
            head.shorthand().ok().map(str::to_string)
        } else {
            Some("detached".to_string())
        }
    }

    pub fn merge_base(&self, a: ObjectId, b: ObjectId) -> Result<ObjectId, Error> {
        Ok(self.repo.merge_base(a.raw(), b.raw())?.into())
    }

    /// The commits from `head` back (libgit2's walk), to `until`.
    pub fn walk(
        &self,
        head: ObjectId,
        until: Until,
    ) -> Result<impl Iterator<Item = Result<ObjectId, Error>> + '_, Error> {
        let mut walk = self.repo.revwalk()?;
        walk.push(head.raw())?;
        match until {
            Until::Hidden(oid) => walk.hide(oid.raw())?,
            Until::ByTime => walk.set_sorting(git2::Sort::TIME)?,
        }
        Ok(walk.map(|oid| Ok(oid?.into())))
    }

    /// A commit's authorship, time and parents.
    pub fn commit_info(&self, oid: ObjectId) -> Result<CommitInfo, Error> {
        let commit = self.repo.find_commit(oid.raw())?;
        let author = commit.author();
        Ok(CommitInfo {
            author: author.name().ok().map(str::to_string),
            author_time: author.when().seconds(),
            time: commit.time().seconds(),
            parents: commit.parent_ids().map(Into::into).collect(),
        })
    }

    /// Whether `oid` names a commit (the start of a walk must be one).
    pub fn check_commit(&self, oid: ObjectId) -> Result<(), Error> {
        self.repo.find_commit(oid.raw())?;
        Ok(())
    }

    /// Where a shallow clone's history was cut: git records those commits.
    pub fn shallow_cut(&self) -> BTreeSet<ObjectId> {
        std::fs::read_to_string(self.repo.path().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| ObjectId::from_hex(l.trim()))
            .collect()
    }
}

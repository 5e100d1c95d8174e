//! The plan files of a commit's boards directory, as git's trees hold them.

use std::path::Path;

use git2::{ObjectType, TreeWalkMode, TreeWalkResult};

use super::error::id_in;
use super::{Error, ObjectId, Repo};

/// A `.toml` blob under the boards directory of a tree, or a submodule
/// there (listed so that it can be reported, never read).
#[derive(Clone, Debug)]
pub struct TreeFile {
    /// Repository-relative, `/`-separated.
    pub path: String,
    pub oid: ObjectId,
    /// Symbolic links are listed so they can be reported, never followed.
    pub symlink: bool,
    pub submodule: bool,
}

impl TreeFile {
    /// Why this entry is not read as a plan file, if it is not.
    pub fn unread(&self) -> Option<&'static str> {
        if self.submodule {
            Some(SUBMODULE)
        } else if self.symlink {
            Some("symbolic link; links are not followed in git revisions")
        } else {
            None
        }
    }
}

/// What is said of a submodule under the boards directory, in the working
/// tree and in revisions alike (a warning: it is skipped).
pub const SUBMODULE: &str = "a submodule: its plans belong to another repository and are not read";

impl Repo {
    /// Lists the plan files of `commit`'s boards directory, in path byte
    /// order. `Ok(None)`: the commit has no boards directory.
    pub fn plan_files(
        &self,
        commit: ObjectId,
        boards: &str,
    ) -> Result<Option<Vec<TreeFile>>, Error> {
        let commit = self
            .repo
            .find_commit(commit.raw())
            .map_err(|e| Error::reading(e, Some(commit), None))?;
        let tree = commit
            .tree()
            .map_err(|e| Error::reading(e, Some(commit.tree_id().into()), None))?;
        // Look the boards subtree up once and walk it (cheaper than per-path lookups).
        let sub = match tree.get_path(Path::new(boards)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => self
                .repo
                .find_tree(entry.id())
                .map_err(|e| Error::reading(e, Some(entry.id().into()), Some(boards)))?,
            Ok(_) => return Ok(None),
            Err(e)
                if e.code() == git2::ErrorCode::NotFound && !super::error::is_object_error(&e) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        // The last directory met: a walk that fails, fails to read it.
        let mut last_dir: Option<(ObjectId, String)> = None;
        let walked = sub.walk(TreeWalkMode::PreOrder, |dir, entry| {
            let Ok(name) = entry.name() else {
                return TreeWalkResult::Ok;
            };
            let path = || format!("{boards}/{dir}{name}");
            match entry.kind() {
                Some(ObjectType::Blob) if name.ends_with(".toml") => out.push(TreeFile {
                    path: path(),
                    oid: entry.id().into(),
                    symlink: entry.filemode() == 0o120000,
                    submodule: false,
                }),
                Some(ObjectType::Commit) => {
                    out.push(TreeFile {
                        path: path(),
                        oid: entry.id().into(),
                        symlink: false,
                        submodule: true,
                    });
                    return TreeWalkResult::Skip;
                }
                Some(ObjectType::Tree) => last_dir = Some((entry.id().into(), path())),
                _ => {}
            }
            TreeWalkResult::Ok
        });
        if let Err(e) = walked {
            let at = last_dir.filter(|(oid, _)| id_in(e.message()) == Some(*oid));
            return Err(match at {
                Some((oid, path)) => Error::reading(e, Some(oid), Some(&path)),
                None => e.into(),
            });
        }
        out.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
        Ok(Some(out))
    }

    /// The tree of `commit`'s boards directory; `None` when it has none.
    /// A commit or root tree git cannot read is an error.
    pub fn boards_tree(&self, commit: ObjectId, boards: &str) -> Result<Option<ObjectId>, Error> {
        let tree = self.repo.find_commit(commit.raw()).and_then(|c| c.tree())?;
        Ok(tree
            .get_path(Path::new(boards))
            .ok()
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .map(|e| e.id().into()))
    }

    /// The blob or tree at `path` in `commit`; `None` when there is none.
    pub fn entry_in_commit(&self, commit: ObjectId, path: &str) -> Result<Option<ObjectId>, Error> {
        let tree = self.repo.find_commit(commit.raw())?.tree()?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) => Ok(Some(entry.id().into())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// HEAD's root tree.
    pub fn head_tree(&self) -> Result<ObjectId, Error> {
        Ok(self.repo.head()?.peel_to_tree()?.id().into())
    }

    /// The content of the file at `path` in `tree`.
    pub fn file_in_tree(&self, tree: ObjectId, path: &str) -> Result<Vec<u8>, Error> {
        let tree = self.repo.find_tree(tree.raw())?;
        let entry = tree.get_path(Path::new(path))?;
        Ok(self.repo.find_blob(entry.id())?.content().to_vec())
    }

    /// HEAD's blob at `path`, if HEAD has a commit with a file there.
    pub fn head_entry(&self, path: &str) -> Option<ObjectId> {
        let tree = self.repo.head().ok()?.peel_to_tree().ok()?;
        Some(tree.get_path(Path::new(path)).ok()?.id().into())
    }
}

//! Commits and trees read straight from the object database, their raw
//! bytes scanned for the one line or entry needed: a history walk reads
//! two trees per commit, and building libgit2's whole tree objects (an
//! allocation per entry) was most of its cost.

use std::collections::BinaryHeap;

use super::commit_graph::CommitGraph;
use super::{Error, IdMap, IdSet, ObjectId, Repo};

/// The object reader of one repository handle.
pub struct RawObjects<'r> {
    odb: git2::Odb<'r>,
    /// git's commit-graph, when the repository has one and may use it.
    graph: Option<CommitGraph>,
    /// A shallow clone: a missing commit is where its history was cut.
    shallow: bool,
    /// The first object that could not be read: the walk goes on as if it
    /// were not there, and its caller asks ([`RawObjects::damage`]).
    damage: std::cell::RefCell<Option<Error>>,
}

/// What a history walk needs of a commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitHead {
    pub tree: ObjectId,
    pub parents: Vec<ObjectId>,
    /// The committer's time, Unix seconds.
    pub time: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Tree,
    Blob,
}

/// Git's file modes for a directory and a submodule: every other entry
/// is a blob (a file or a symbolic link).
const TREE_MODE: &[u8] = b"40000";
const GITLINK_MODE: &[u8] = b"160000";
const SYMLINK_MODE: &[u8] = b"120000";

impl<'r> RawObjects<'r> {
    pub fn new(repo: &'r Repo) -> Result<Self, Error> {
        let git = &repo.repo;
        // As git: not in a shallow clone (the graph may name parents that
        // are not there), nor with `core.commitGraph = false`.
        let allowed = !git.is_shallow()
            && git
                .config()
                .and_then(|c| c.get_bool("core.commitGraph"))
                .unwrap_or(true);
        Ok(RawObjects {
            odb: git.odb()?,
            graph: allowed.then(|| CommitGraph::open(git.path())).flatten(),
            shallow: git.is_shallow(),
            damage: std::cell::RefCell::new(None),
        })
    }

    /// The first object this reader could not read, if any: the
    /// repository is damaged, and what was read since is not to be trusted.
    pub fn damage(&self) -> Option<Error> {
        self.damage.borrow_mut().take()
    }

    /// Reads an object; one that cannot be read is `None`, noted as damage
    /// unless `absent_ok` says a missing one is expected.
    fn read(&self, oid: ObjectId, absent_ok: bool) -> Option<git2::OdbObject<'_>> {
        match self.odb.read(oid.raw()) {
            Ok(obj) => Some(obj),
            Err(e) if absent_ok && e.code() == git2::ErrorCode::NotFound => None,
            Err(e) => {
                self.damage
                    .borrow_mut()
                    .get_or_insert_with(|| Error::damaged(e, Some(oid), None));
                None
            }
        }
    }

    /// A commit's head from the commit-graph, else from the commit itself.
    pub fn head(&self, oid: ObjectId) -> Option<CommitHead> {
        match self.graph.as_ref().and_then(|g| g.lookup(oid)) {
            Some(c) => Some(CommitHead {
                tree: c.tree,
                parents: c.parents,
                time: c.time,
            }),
            None => self.commit(oid),
        }
    }

    /// The tree and parents of a commit; `None` when the object is not
    /// there (the edge of a shallow clone; elsewhere, noted as damage) or
    /// is not a commit.
    pub fn commit(&self, oid: ObjectId) -> Option<CommitHead> {
        let obj = self.read(oid, self.shallow)?;
        if obj.kind() != git2::ObjectType::Commit {
            return None;
        }
        let mut tree = None;
        let mut parents = Vec::new();
        let mut time = 0;
        // The header ends at the first empty line: tree, parents, author,
        // then committer (`committer NAME <EMAIL> SECONDS ZONE`).
        for line in obj.data().split(|&b| b == b'\n') {
            if let Some(hex) = line.strip_prefix(b"tree ") {
                tree = hex_oid(hex);
            } else if let Some(hex) = line.strip_prefix(b"parent ") {
                parents.push(hex_oid(hex)?);
            } else if let Some(who) = line.strip_prefix(b"committer ") {
                time = signature_time(who).unwrap_or(0);
                break;
            } else if line.is_empty() {
                break;
            }
        }
        Some(CommitHead {
            tree: tree?,
            parents,
            time,
        })
    }

    /// Every commit reachable from `start`, each read once, children
    /// before their parents and newer before older where the history
    /// allows both (libgit2's topological and time order, without its
    /// second read of every commit). Commits missing from the object
    /// database (the edge of a shallow clone) end the walk there.
    pub fn history(&self, start: ObjectId) -> Vec<(ObjectId, CommitHead)> {
        let mut heads = IdMap::default();
        self.read_heads(start, &mut heads);
        walk_order(&heads, start)
            .into_iter()
            .filter_map(|oid| Some((oid, heads.remove(&oid)?)))
            .collect()
    }

    /// Reads into `heads` the commits reachable from `start` that it does
    /// not hold yet, stopping at those it holds: what a walk made before
    /// from an older start lacks.
    pub fn read_heads(&self, start: ObjectId, heads: &mut IdMap<CommitHead>) {
        let mut todo = vec![start];
        while let Some(oid) = todo.pop() {
            if heads.contains_key(&oid) {
                continue;
            }
            let Some(head) = self.head(oid) else {
                continue;
            };
            todo.extend(head.parents.iter().copied());
            heads.insert(oid, head);
        }
    }

    /// The entry at `path` (`/`-separated) below `tree`: a blob or a tree,
    /// never a submodule.
    pub fn entry_at(&self, tree: ObjectId, path: &str) -> Option<(ObjectId, EntryKind)> {
        let mut at = (tree, EntryKind::Tree);
        for name in path.split('/').filter(|n| !n.is_empty()) {
            if at.1 != EntryKind::Tree {
                return None;
            }
            at = self.entry(at.0, name.as_bytes())?;
        }
        Some(at)
    }

    fn entry(&self, tree: ObjectId, name: &[u8]) -> Option<(ObjectId, EntryKind)> {
        let obj = self.read(tree, false)?;
        if obj.kind() != git2::ObjectType::Tree {
            return None;
        }
        entries(obj.data())
            .find(|(n, _, _)| *n == name)
            .and_then(|(_, id, kind)| Some((id, kind?.0)))
    }

    /// Calls `each` with the plan files below `tree` (the tree of the
    /// boards directory `boards`) as [`Repo::plan_files`](super::Repo::plan_files)
    /// lists those it reads: `.toml` blobs, not symbolic links, at
    /// `boards/...` paths (in no set order). `None` when a tree cannot be
    /// read (noted as damage).
    pub fn each_toml_file(
        &self,
        tree: ObjectId,
        boards: &str,
        each: &mut dyn FnMut(&str, ObjectId),
    ) -> Option<()> {
        let mut todo = vec![(tree, boards.to_string())];
        while let Some((tree, mut path)) = todo.pop() {
            let obj = self.read(tree, false)?;
            if obj.kind() != git2::ObjectType::Tree {
                return None;
            }
            let dir = path.len();
            for (name, id, kind) in entries(obj.data()) {
                let (Some((kind, symlink)), Ok(name)) = (kind, std::str::from_utf8(name)) else {
                    continue;
                };
                path.truncate(dir);
                path.push('/');
                path.push_str(name);
                match kind {
                    EntryKind::Tree => todo.push((id, path.clone())),
                    EntryKind::Blob if !symlink && name.ends_with(".toml") => each(&path, id),
                    EntryKind::Blob => {}
                }
            }
        }
        Some(())
    }
}

/// The commits of `heads` reachable from `start`, children before their
/// parents and, among commits ready at once, the newest first (Kahn's
/// algorithm): [`RawObjects::history`]'s order, for a caller that keeps
/// the commits it read.
pub fn walk_order(heads: &IdMap<CommitHead>, start: ObjectId) -> Vec<ObjectId> {
    let mut reachable = IdSet::default();
    let mut todo = vec![start];
    while let Some(oid) = todo.pop() {
        if let Some(head) = heads.get(&oid)
            && reachable.insert(oid)
        {
            todo.extend(head.parents.iter().copied());
        }
    }
    let mut children: IdMap<usize> = IdMap::default();
    for oid in &reachable {
        for p in heads[oid].parents.iter().filter(|p| reachable.contains(p)) {
            *children.entry(*p).or_default() += 1;
        }
    }
    let mut ready: BinaryHeap<(i64, ObjectId)> = reachable
        .iter()
        .filter(|oid| !children.contains_key(oid))
        .map(|oid| (heads[oid].time, *oid))
        .collect();
    let mut out = Vec::with_capacity(reachable.len());
    while let Some((_, oid)) = ready.pop() {
        for p in &heads[&oid].parents {
            if let Some(left) = children.get_mut(p) {
                *left -= 1;
                if *left == 0 {
                    ready.push((heads[p].time, *p));
                }
            }
        }
        out.push(oid);
    }
    out
}

/// A tree's entries: `<mode> <name>\0<20-byte id>`, each as its name, id,
/// kind and whether it is a symbolic link (`None` for a submodule). Stops
/// at the first malformed one.
fn entries(mut rest: &[u8]) -> impl Iterator<Item = (&[u8], ObjectId, Option<(EntryKind, bool)>)> {
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let space = memchr::memchr(b' ', rest)?;
        let nul = space + memchr::memchr(0, &rest[space..])?;
        let id = ObjectId::from_bytes(rest.get(nul + 1..nul + 21)?)?;
        let kind = match &rest[..space] {
            TREE_MODE => Some((EntryKind::Tree, false)),
            GITLINK_MODE => None,
            mode => Some((EntryKind::Blob, mode == SYMLINK_MODE)),
        };
        let name = &rest[space + 1..nul];
        rest = &rest[nul + 21..];
        Some((name, id, kind))
    })
}

/// The seconds of a signature line's end: `NAME <EMAIL> SECONDS ZONE`.
fn signature_time(who: &[u8]) -> Option<i64> {
    let after = &who[memchr::memrchr(b'>', who)? + 1..];
    let text = std::str::from_utf8(after).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn hex_oid(hex: &[u8]) -> Option<ObjectId> {
    ObjectId::from_hex(std::str::from_utf8(hex).ok()?)
}

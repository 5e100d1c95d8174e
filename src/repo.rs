//! Finding the plans repository and reading plan files from git objects.
//! Stateless functions over a [`Workspace`]; no terminal code.

use std::collections::{BinaryHeap, HashMap};
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository};

use crate::commit_graph::CommitGraph;

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
        object: Option<Oid>,
        /// The plan file (or directory) it holds, when known.
        path: Option<String>,
        why: String,
    },
    #[error("git: {0}")]
    Git(git2::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// A git error, or [`LoadError::Damaged`] when it is an object that could
/// not be read: every `?` on a git call says a damaged repository is one.
impl From<git2::Error> for LoadError {
    fn from(e: git2::Error) -> Self {
        if is_object_error(&e) {
            let object = id_in(e.message());
            damaged(object, None, &e)
        } else {
            LoadError::Git(e)
        }
    }
}

/// Whether a git error is an object that could not be read or inflated
/// (rather than, say, a name that names nothing).
pub fn is_object_error(e: &git2::Error) -> bool {
    matches!(e.class(), git2::ErrorClass::Odb | git2::ErrorClass::Zlib)
}

/// [`LoadError::Damaged`] for the object `object` (at `path`, when known),
/// which git could not read.
pub fn damaged(object: Option<Oid>, path: Option<&str>, e: &git2::Error) -> LoadError {
    LoadError::Damaged {
        object,
        path: path.map(str::to_string),
        why: damage_reason(object, e),
    }
}

/// Why an object could not be read, in a few words: `missing`, or what
/// the reader said (without the object id the message names already).
fn damage_reason(object: Option<Oid>, e: &git2::Error) -> String {
    if e.code() == git2::ErrorCode::NotFound {
        return "missing".to_string();
    }
    let message = e.message();
    // The loose-object reader's own words (loose.rs): `object ID is corrupt:
    // WHY; git fsck will say more`.
    if let Some(oid) = object
        && let Some(rest) = message.strip_prefix(&format!("object {oid} is "))
    {
        return rest.split("; ").next().unwrap_or(rest).to_string();
    }
    message.to_string()
}

/// The first full object id (40 hex digits) in a message.
fn id_in(message: &str) -> Option<Oid> {
    let bytes = message.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let run = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if run == 40 {
            return Oid::from_str(&message[start..start + 40]).ok();
        }
        start += run.max(1);
    }
    None
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
        match Repository::discover(&dir) {
            Ok(repo) => {
                let bare = repo.is_bare();
                let root = match work_tree(&repo, &dir) {
                    Some(root) => root,
                    None => repo.workdir().unwrap_or_else(|| repo.path()).to_path_buf(),
                };
                Ok(Workspace {
                    root,
                    git_dir: Some(repo.path().to_path_buf()),
                    bare,
                })
            }
            Err(_) => Ok(Workspace {
                root: dir,
                git_dir: None,
                bare: false,
            }),
        }
    }

    /// Opens the repository; `what` names the feature that needs it.
    pub fn git(&self, what: &str) -> Result<Repository, LoadError> {
        match &self.git_dir {
            Some(dir) => {
                let repo = open(dir)?;
                // Opened from its git directory, libgit2 takes the work
                // tree to be that directory's parent: tell it the real one.
                if !self.bare && repo.workdir() != Some(self.root.as_path()) {
                    repo.set_workdir(&self.root, false)?;
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

/// The real work tree of `repo`, found from `dir` inside it, where
/// libgit2 guesses wrong: for a `.git` file (`git init
/// --separate-git-dir`, `git worktree add`) it takes the git directory's
/// parent. `core.worktree`, when set, is what libgit2 already reports.
/// `None`: libgit2's answer stands.
fn work_tree(repo: &Repository, dir: &Path) -> Option<PathBuf> {
    if repo.is_bare() {
        return None;
    }
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

/// A commit's short id as people read it in git's own output: `3f2a9c1`.
pub fn short_id(oid: Oid) -> String {
    let mut s = oid.to_string();
    s.truncate(7);
    s
}

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

/// Opens a repository for reading plans: as `git2::Repository::open`, with
/// loose objects read safely (see `loose.rs`). Every handle ringboard reads
/// git through comes from here.
pub fn open(path: &Path) -> Result<Repository, git2::Error> {
    crate::loose::open(path)
}

/// Resolves a revision to a commit id, with a message that names it.
pub fn resolve_commit(repo: &Repository, rev: &str) -> Result<Oid, LoadError> {
    let unknown = |why: String| LoadError::UnknownRev {
        rev: rev.to_string(),
        why,
    };
    // An unborn HEAD, whatever branch it names (libgit2's `is_empty` only
    // recognises the configured default branch).
    if matches!(repo.head(), Err(e) if e.code() == git2::ErrorCode::UnbornBranch) {
        return Err(unknown(": the repository has no commits yet".into()));
    }
    // A name that leads to an object git cannot read is a damaged
    // repository, not an unknown revision: an object the user did not
    // type out in full (a branch's commit, a parent, an abbreviation).
    let damage = |e: &git2::Error| {
        let object = id_in(e.message());
        let typed = object.is_some_and(|o| rev.contains(&o.to_string()));
        let damage = match e.code() {
            git2::ErrorCode::NotFound => object.is_some() && !typed,
            git2::ErrorCode::Ambiguous => false,
            _ => true,
        };
        (is_object_error(e) && damage).then(|| damaged(object, None, e))
    };
    let obj = repo
        .revparse_single(rev)
        .map_err(|e| damage(&e).unwrap_or_else(|| unknown(String::new())))?;
    let commit = obj
        .peel_to_commit()
        .map_err(|e| damage(&e).unwrap_or_else(|| unknown(": it does not name a commit".into())))?;
    Ok(commit.id())
}

/// A `.toml` blob under the boards directory of a tree, or a submodule
/// there (listed so that it can be reported, never read).
#[derive(Clone, Debug)]
pub struct TreeFile {
    /// Repository-relative, `/`-separated.
    pub path: String,
    pub oid: Oid,
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

/// Lists the plan files of `commit`'s boards directory, in path byte order.
/// `Ok(None)`: the commit has no boards directory.
pub fn list_plan_files(
    repo: &Repository,
    commit: Oid,
    boards: &str,
) -> Result<Option<Vec<TreeFile>>, LoadError> {
    let commit = repo
        .find_commit(commit)
        .map_err(|e| damaged_or_git(e, Some(commit), None))?;
    let tree = commit
        .tree()
        .map_err(|e| damaged_or_git(e, Some(commit.tree_id()), None))?;
    // Look the boards subtree up once and walk it (cheaper than per-path lookups).
    let sub = match tree.get_path(Path::new(boards)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Tree) => repo
            .find_tree(entry.id())
            .map_err(|e| damaged_or_git(e, Some(entry.id()), Some(boards)))?,
        Ok(_) => return Ok(None),
        Err(e) if e.code() == git2::ErrorCode::NotFound && !is_object_error(&e) => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    // The last directory met: a walk that fails, fails to read it.
    let mut last_dir: Option<(Oid, String)> = None;
    let walked = sub.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let Ok(name) = entry.name() else {
            return git2::TreeWalkResult::Ok;
        };
        match entry.kind() {
            Some(ObjectType::Blob) if name.ends_with(".toml") => out.push(TreeFile {
                path: format!("{boards}/{dir}{name}"),
                oid: entry.id(),
                symlink: entry.filemode() == 0o120000,
                submodule: false,
            }),
            Some(ObjectType::Commit) => {
                out.push(TreeFile {
                    path: format!("{boards}/{dir}{name}"),
                    oid: entry.id(),
                    symlink: false,
                    submodule: true,
                });
                return git2::TreeWalkResult::Skip;
            }
            Some(ObjectType::Tree) => {
                last_dir = Some((entry.id(), format!("{boards}/{dir}{name}")))
            }
            _ => {}
        }
        git2::TreeWalkResult::Ok
    });
    if let Err(e) = walked {
        let at = last_dir.filter(|(oid, _)| id_in(e.message()) == Some(*oid));
        return Err(match at {
            Some((oid, path)) => damaged_or_git(e, Some(oid), Some(&path)),
            None => e.into(),
        });
    }
    out.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
    Ok(Some(out))
}

/// [`damaged`] for an object error, else the git error as it is.
fn damaged_or_git(e: git2::Error, object: Option<Oid>, path: Option<&str>) -> LoadError {
    if is_object_error(&e) {
        damaged(object, path, &e)
    } else {
        LoadError::Git(e)
    }
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

/// Commits and trees read straight from the object database, their raw
/// bytes scanned for the one line or entry needed: a history walk reads
/// two trees per commit, and building libgit2's whole tree objects (an
/// allocation per entry) was most of its cost.
pub(crate) struct RawObjects<'r> {
    odb: git2::Odb<'r>,
    /// git's commit-graph, when the repository has one and may use it.
    graph: Option<CommitGraph>,
    /// A shallow clone: a missing commit is where its history was cut.
    shallow: bool,
    /// The first object that could not be read: the walk goes on as if it
    /// were not there, and its caller asks ([`RawObjects::damage`]).
    damage: std::cell::RefCell<Option<LoadError>>,
}

/// What a history walk needs of a commit.
pub(crate) struct CommitHead {
    pub tree: Oid,
    pub parents: Vec<Oid>,
    /// The committer's time, Unix seconds.
    pub time: i64,
}

/// Git's file modes for a directory and a submodule: every other entry
/// is a blob (a file or a symbolic link).
const TREE_MODE: &[u8] = b"40000";
const GITLINK_MODE: &[u8] = b"160000";

impl<'r> RawObjects<'r> {
    pub fn new(repo: &'r Repository) -> Result<Self, git2::Error> {
        // As git: not in a shallow clone (the graph may name parents that
        // are not there), nor with `core.commitGraph = false`.
        let allowed = !repo.is_shallow()
            && repo
                .config()
                .and_then(|c| c.get_bool("core.commitGraph"))
                .unwrap_or(true);
        Ok(RawObjects {
            odb: repo.odb()?,
            graph: allowed.then(|| CommitGraph::open(repo.path())).flatten(),
            shallow: repo.is_shallow(),
            damage: std::cell::RefCell::new(None),
        })
    }

    /// The first object this reader could not read, if any: the
    /// repository is damaged, and what was read since is not to be trusted.
    pub fn damage(&self) -> Option<LoadError> {
        self.damage.borrow_mut().take()
    }

    /// Reads an object; one that cannot be read is `None`, noted as damage
    /// unless `absent_ok` says a missing one is expected.
    fn read(&self, oid: Oid, absent_ok: bool) -> Option<git2::OdbObject<'_>> {
        match self.odb.read(oid) {
            Ok(obj) => Some(obj),
            Err(e) if absent_ok && e.code() == git2::ErrorCode::NotFound => None,
            Err(e) => {
                self.damage
                    .borrow_mut()
                    .get_or_insert_with(|| damaged(Some(oid), None, &e));
                None
            }
        }
    }

    /// A commit's head from the commit-graph, else from the commit itself.
    fn head(&self, oid: Oid) -> Option<CommitHead> {
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
    pub fn commit(&self, oid: Oid) -> Option<CommitHead> {
        let obj = self.read(oid, self.shallow)?;
        if obj.kind() != ObjectType::Commit {
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
    pub fn history(&self, start: Oid) -> Vec<(Oid, CommitHead)> {
        let mut heads: HashMap<Oid, CommitHead> = HashMap::new();
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
        // Kahn's algorithm: a commit is ready once all its children are out.
        let mut children: HashMap<Oid, usize> = HashMap::with_capacity(heads.len());
        for head in heads.values() {
            for p in head.parents.iter().filter(|p| heads.contains_key(p)) {
                *children.entry(*p).or_default() += 1;
            }
        }
        let mut ready: BinaryHeap<(i64, Oid)> = heads
            .iter()
            .filter(|(oid, _)| !children.contains_key(oid))
            .map(|(oid, head)| (head.time, *oid))
            .collect();
        let mut out = Vec::with_capacity(heads.len());
        while let Some((_, oid)) = ready.pop() {
            let Some(head) = heads.remove(&oid) else {
                continue;
            };
            for p in &head.parents {
                if let Some(left) = children.get_mut(p) {
                    *left -= 1;
                    if *left == 0
                        && let Some(ph) = heads.get(p)
                    {
                        ready.push((ph.time, *p));
                    }
                }
            }
            out.push((oid, head));
        }
        out
    }

    /// The entry at `path` (`/`-separated) below `tree`: a blob or a tree,
    /// never a submodule.
    pub fn entry_at(&self, tree: Oid, path: &str) -> Option<(Oid, EntryKind)> {
        let mut at = (tree, EntryKind::Tree);
        for name in path.split('/').filter(|n| !n.is_empty()) {
            if at.1 != EntryKind::Tree {
                return None;
            }
            at = self.entry(at.0, name.as_bytes())?;
        }
        Some(at)
    }

    fn entry(&self, tree: Oid, name: &[u8]) -> Option<(Oid, EntryKind)> {
        let obj = self.read(tree, false)?;
        if obj.kind() != ObjectType::Tree {
            return None;
        }
        let mut rest = obj.data();
        // Entries: `<mode> <name>\0<20-byte id>`.
        while !rest.is_empty() {
            let space = memchr::memchr(b' ', rest)?;
            let nul = space + memchr::memchr(0, &rest[space..])?;
            let id = rest.get(nul + 1..nul + 21)?;
            if &rest[space + 1..nul] == name {
                let kind = match &rest[..space] {
                    TREE_MODE => EntryKind::Tree,
                    GITLINK_MODE => return None,
                    _ => EntryKind::Blob,
                };
                return Some((Oid::from_bytes(id).ok()?, kind));
            }
            rest = &rest[nul + 21..];
        }
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Tree,
    Blob,
}

/// The seconds of a signature line's end: `NAME <EMAIL> SECONDS ZONE`.
fn signature_time(who: &[u8]) -> Option<i64> {
    let after = &who[memchr::memrchr(b'>', who)? + 1..];
    let text = std::str::from_utf8(after).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn hex_oid(hex: &[u8]) -> Option<Oid> {
    Oid::from_str(std::str::from_utf8(hex).ok()?).ok()
}

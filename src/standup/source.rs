//! Reading the plans and their recent history for one stand-up page, with a
//! cache that makes a refresh after one new commit cheap: parsed files by
//! blob id, and each commit's changes by commit id. Both caches keep only
//! what the last load used, so they do not grow over days.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::cache::BlobCache;
use crate::diag::Diagnostic;
use crate::escape::escape_control;
use crate::git::{self, ObjectId, Repo, Until};
use crate::load::{self, RawFile};
use crate::model::Portfolio;
use crate::parse::ParsedFile;
use crate::repo::{self, LoadError, Workspace};

use super::changes::{Change, Compare};
use super::since::{When, start_of_day};

/// Why the plans could not be read for a page: the display shows it in its
/// warning line and keeps the last good page.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("git: {}", .0.message())]
    Git(git::Error),
    #[error("--rev {rev}: {source}")]
    Rev { rev: String, source: LoadError },
    #[error("--since {0}: not a date (YYYY-MM-DD), a revision, `yesterday` or `last-working-day`")]
    Since(String),
    /// A git operation in progress: the files may be half-written.
    #[error("the repository is busy: {0}")]
    Busy(&'static str),
}

/// A git error, or the damaged repository it shows ([`LoadError::Damaged`]).
impl From<git::Error> for SourceError {
    fn from(e: git::Error) -> Self {
        match LoadError::from(e) {
            LoadError::Git(e) => SourceError::Git(e),
            other => SourceError::Load(other),
        }
    }
}

/// A revision that did not resolve: `wrong` says how, unless the
/// repository is damaged, which is said as it is.
pub(crate) fn unresolved(
    e: LoadError,
    wrong: impl FnOnce(LoadError) -> SourceError,
) -> SourceError {
    match e {
        LoadError::Damaged { .. } => SourceError::Load(e),
        e => wrong(e),
    }
}

/// Where the page's plans come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    /// The branch name, `detached`, or `None` outside git.
    pub branch: Option<String>,
    pub commit: Option<ObjectId>,
    /// The working tree's plans differ from the commit's.
    pub uncommitted: bool,
    pub worktree: bool,
}

/// Whether `rev` is the commit's id (or an abbreviation of it).
fn names_commit(rev: &str, commit: ObjectId) -> bool {
    rev.len() >= 4
        && rev.bytes().all(|b| b.is_ascii_hexdigit())
        && commit.to_string().starts_with(&rev.to_ascii_lowercase())
}

impl SourceInfo {
    /// `main @ 3f2a9c1 + uncommitted changes`.
    pub fn label(&self) -> String {
        let mut out = match (&self.branch, self.commit) {
            // `--rev 8aaac94` names the commit already: once is enough.
            (Some(b), Some(c)) if names_commit(b, c) => repo::short_id(c),
            (Some(b), Some(c)) => format!("{} @ {}", escape_control(b), repo::short_id(c)),
            (None, Some(c)) => repo::short_id(c),
            (_, None) if self.worktree => "working tree".to_string(),
            (_, None) => "no commits".to_string(),
        };
        if self.uncommitted {
            out.push_str(" + uncommitted changes");
        }
        out
    }
}

/// Everything one page is built from.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub diagnostics: Vec<Diagnostic>,
    pub source: SourceInfo,
    /// Changes since WHEN, oldest first, uncommitted ones last.
    pub changes: Vec<Change>,
    /// The plan files of the working tree that are not as committed (new or
    /// changed), with their blob ids: all of them outside git or before the
    /// first commit, none with `--rev`.
    pub uncommitted_files: Vec<(Arc<str>, ObjectId)>,
    /// Identifies the inputs: same fingerprint, same page.
    pub fingerprint: Fingerprint,
    /// What the page should say about how far it could look back (the
    /// history of a shallow clone ends before WHEN).
    pub notes: Vec<String>,
}

/// The commit and the plan files' blob ids a page was built from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub head: Option<ObjectId>,
    /// What `--since REV` resolved to (a branch may move).
    pub since: Option<ObjectId>,
    pub files: Vec<(Arc<str>, ObjectId)>,
}

/// Sizes of the retained caches (the soak test watches them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheSizes {
    pub parsed: usize,
    pub commits: usize,
}

/// Loads pages; owns the caches.
pub struct Loader {
    pub workspace: Workspace,
    pub boards: String,
    pub limit: u64,
    /// Read this revision instead of the working tree (`--rev`).
    pub rev: Option<String>,
    compare: Compare,
    /// Kept open between loads (opening reads git's config files every
    /// time); dropped after any failure so the next load reopens it.
    git: Option<Repo>,
    blobs: BlobCache,
    commits: HashMap<ObjectId, Arc<Vec<Change>>>,
    used_commits: HashSet<ObjectId>,
}

/// A plan file of one version: its path, blob id and, for working-tree
/// files, the bytes (so a cache miss need not read them again).
struct FileAt {
    path: Arc<str>,
    oid: ObjectId,
    bytes: Option<Result<Arc<Vec<u8>>, String>>,
}

impl Loader {
    pub fn new(workspace: Workspace, boards: String, limit: u64, compare: Compare) -> Loader {
        Loader {
            workspace,
            boards,
            limit,
            rev: None,
            compare,
            git: None,
            blobs: BlobCache::default(),
            commits: HashMap::new(),
            used_commits: HashSet::new(),
        }
    }

    pub fn cache_sizes(&self) -> CacheSizes {
        CacheSizes {
            parsed: self.blobs.len(),
            commits: self.commits.len(),
        }
    }

    /// The fingerprint of the current inputs, cheap next to a full load.
    pub fn fingerprint(&mut self, when: &When) -> Result<Fingerprint, SourceError> {
        let git = self.open()?;
        let head = self.head(git.as_ref())?;
        let files = self.current_files(git.as_ref(), head)?;
        let since = since_commit(git.as_ref(), when);
        self.git = git;
        Ok(Fingerprint {
            head,
            since,
            files: files.into_iter().map(|f| (f.path, f.oid)).collect(),
        })
    }

    /// Loads the plans and the changes since `when`. Errors are one line
    /// naming what is at fault (an unknown revision, an unreadable folder).
    pub fn load(&mut self, when: &When) -> Result<Loaded, SourceError> {
        self.used_commits.clear();
        let git = self.open()?;
        let head = self.head(git.as_ref())?;
        let files = self.current_files(git.as_ref(), head)?;
        let fingerprint = Fingerprint {
            head,
            since: since_commit(git.as_ref(), when),
            files: files.iter().map(|f| (f.path.clone(), f.oid)).collect(),
        };
        let parsed: Vec<ParsedFile> = files
            .iter()
            .map(|f| self.parse(git.as_ref(), f))
            .collect::<Result<_, _>>()?;
        let (portfolio, diagnostics) = load::build(parsed);
        let mut changes = Vec::new();
        let mut uncommitted = false;
        // Without a commit to compare with, every working-tree file is new.
        let mut uncommitted_files = match self.rev {
            Some(_) => Vec::new(),
            None => fingerprint.files.clone(),
        };
        let mut notes = Vec::new();
        if let (Some(git), Some(head)) = (&git, head) {
            changes = self.history(git, head, when, &mut notes)?;
            if self.rev.is_none() {
                let committed = self.commit_files(git, head)?;
                let head_files: HashSet<(&str, ObjectId)> =
                    committed.iter().map(|f| (&*f.path, f.oid)).collect();
                uncommitted_files.retain(|(path, oid)| !head_files.contains(&(&**path, *oid)));
                uncommitted = !uncommitted_files.is_empty() || committed.len() != files.len();
                if uncommitted {
                    let mut wc = self.compare_files(Some(git), &committed, &files)?;
                    changes.append(&mut wc);
                }
            }
        } else if let When::Rev(rev) = when {
            return Err(SourceError::Since(rev.clone()));
        }
        let source = SourceInfo {
            // With --rev, name the revision read rather than the checked-out branch.
            branch: match &self.rev {
                Some(rev) => Some(rev.clone()),
                None => git.as_ref().and_then(Repo::branch_name),
            },
            commit: head,
            uncommitted,
            worktree: self.rev.is_none(),
        };
        // Keep only what this load used: the caches stay the working set.
        self.blobs.retain_used();
        let used = &self.used_commits;
        self.commits.retain(|k, _| used.contains(k));
        self.git = git;
        Ok(Loaded {
            portfolio,
            diagnostics,
            source,
            changes,
            uncommitted_files,
            fingerprint,
            notes,
        })
    }

    fn open(&mut self) -> Result<Option<Repo>, SourceError> {
        if let Some(git) = self.git.take() {
            return Ok(Some(git));
        }
        match &self.workspace.git_dir {
            Some(_) => Ok(Some(self.workspace.git("standup")?)),
            None => Ok(None),
        }
    }

    fn head(&self, git: Option<&Repo>) -> Result<Option<ObjectId>, SourceError> {
        let Some(git) = git else { return Ok(None) };
        match &self.rev {
            Some(rev) => repo::resolve_commit(git, rev).map(Some).map_err(|e| {
                unresolved(e, |source| SourceError::Rev {
                    rev: rev.clone(),
                    source,
                })
            }),
            None => {
                // No HEAD yet (an unborn branch) is no commit; a HEAD whose
                // commit cannot be read is a damaged repository.
                Ok(git.head_commit()?)
            }
        }
    }

    /// The plan files of the page: the working tree, or `--rev`'s commit.
    fn current_files(
        &self,
        git: Option<&Repo>,
        head: Option<ObjectId>,
    ) -> Result<Vec<FileAt>, SourceError> {
        if let (Some(git), Some(head), Some(_)) = (git, head, &self.rev) {
            return self.commit_files(git, head);
        }
        let raw = load::read_worktree(&self.workspace.root, &self.boards, self.limit)?;
        Ok(raw.into_iter().map(hash_raw).collect())
    }

    fn commit_files(&self, git: &Repo, commit: ObjectId) -> Result<Vec<FileAt>, SourceError> {
        let files = git.plan_files(commit, &self.boards)?.unwrap_or_default();
        Ok(files
            .into_iter()
            .map(|f| FileAt {
                bytes: f.unread().map(|why| Err(why.to_string())),
                path: f.path.into(),
                oid: f.oid,
            })
            .collect())
    }

    /// A parsed file from the cache, or parsed now and cached; `Err` when
    /// its blob cannot be read (a damaged repository).
    fn parse(&mut self, git: Option<&Repo>, f: &FileAt) -> Result<ParsedFile, LoadError> {
        Ok(match (&f.bytes, git) {
            (Some(bytes), _) => self.blobs.get_read(f.oid, &f.path, bytes),
            (None, Some(git)) => self.blobs.get(git, f.oid, &f.path, self.limit)?,
            (None, None) => {
                let none = Err("cannot read: no repository".to_string());
                self.blobs.get_read(f.oid, &f.path, &none)
            }
        })
    }

    /// Changes between two versions' file lists: only files that differ are
    /// parsed and compared.
    fn compare_files(
        &mut self,
        git: Option<&Repo>,
        old: &[FileAt],
        new: &[FileAt],
    ) -> Result<Vec<Change>, LoadError> {
        let old_ids: HashMap<&str, ObjectId> = old.iter().map(|f| (&*f.path, f.oid)).collect();
        let new_ids: HashMap<&str, ObjectId> = new.iter().map(|f| (&*f.path, f.oid)).collect();
        let before: Vec<ParsedFile> = old
            .iter()
            .filter(|f| new_ids.get(&*f.path) != Some(&f.oid))
            .map(|f| self.parse(git, f))
            .collect::<Result<_, _>>()?;
        let after: Vec<ParsedFile> = new
            .iter()
            .filter(|f| old_ids.get(&*f.path) != Some(&f.oid))
            .map(|f| self.parse(git, f))
            .collect::<Result<_, _>>()?;
        let (before, _) = load::build(before);
        let (after, _) = load::build(after);
        Ok((self.compare)(&before, &after))
    }

    /// The changes made by the commits from `head` back to `when`, oldest
    /// first. Merge commits are skipped: their changes are shown on the
    /// commits that made them.
    fn history(
        &mut self,
        git: &Repo,
        head: ObjectId,
        when: &When,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Change>, SourceError> {
        // In a shallow clone git records where the history was cut; a
        // commit there seems to have no parent, and comparing it with
        // nothing would show every deliverable as added.
        let cut = git.shallow_cut();
        let mut boundary = i64::MIN;
        let until = match when {
            When::Rev(rev) => {
                let oid = repo::resolve_commit(git, rev)
                    .map_err(|e| unresolved(e, |_| SourceError::Since(rev.clone())))?;
                Until::Hidden(oid)
            }
            When::Day { date, .. } => {
                boundary = start_of_day(*date);
                Until::ByTime
            }
        };
        let mut per_commit = Vec::new();
        for oid in git.walk(head, until)? {
            let oid = oid?;
            let commit = git.commit_info(oid)?;
            let time = commit.time;
            if time < boundary {
                break;
            }
            if commit.parents.len() > 1 {
                continue;
            }
            if cut.contains(&oid) {
                notes.push(format!(
                    "the history of this clone ends at {} ({}): earlier changes are not shown",
                    repo::short_id(oid),
                    super::page::commit_time(time)
                ));
                continue;
            }
            self.used_commits.insert(oid);
            if let Some(done) = self.commits.get(&oid) {
                // Files a cached commit touched need not stay parsed.
                per_commit.push(done.clone());
                continue;
            }
            let parent = commit.parents.first().copied();
            let changes = self.commit_changes(git, oid, parent, &commit)?;
            let changes = Arc::new(changes);
            self.commits.insert(oid, changes.clone());
            per_commit.push(changes);
        }
        Ok(per_commit
            .iter()
            .rev()
            .flat_map(|c| c.iter().cloned())
            .collect())
    }

    fn commit_changes(
        &mut self,
        git: &Repo,
        oid: ObjectId,
        parent: Option<ObjectId>,
        commit: &git::CommitInfo,
    ) -> Result<Vec<Change>, SourceError> {
        let boards_tree = |c: ObjectId| git.boards_tree(c, &self.boards);
        let now = boards_tree(oid)?;
        let before = match parent {
            Some(p) => boards_tree(p)?,
            None => None,
        };
        if now == before {
            return Ok(Vec::new());
        }
        let old = match parent {
            Some(p) => self.commit_files(git, p)?,
            None => Vec::new(),
        };
        let new = self.commit_files(git, oid)?;
        let author = escape_control(commit.author.as_deref().unwrap_or("unknown"));
        let time = commit.time;
        let mut changes = self.compare_files(Some(git), &old, &new)?;
        for c in &mut changes {
            c.author = Some(author.clone());
            c.time = Some(time);
        }
        Ok(changes)
    }
}

fn since_commit(git: Option<&Repo>, when: &When) -> Option<ObjectId> {
    match (git, when) {
        (Some(git), When::Rev(rev)) => repo::resolve_commit(git, rev).ok(),
        _ => None,
    }
}

fn hash_raw(f: RawFile) -> FileAt {
    let oid = match &f.content {
        Ok(bytes) => ObjectId::for_blob(bytes),
        Err(_) => ObjectId::ZERO,
    };
    FileAt {
        path: f.path,
        oid,
        bytes: Some(f.content),
    }
}

//! Loading the plans: read the files (working tree or a git revision), parse
//! them in parallel, assemble one [`Portfolio`] and validate it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{self, Diagnostic};
use crate::escape::escape_control;
use crate::git::{Blob, ObjectId, Repo, TreeFile};
use crate::graph::NeedGraph;
use crate::model::{Portfolio, Pos};
use crate::parse::{ParsedFile, parse_file, program_id};
use crate::repo::{self, LoadError, Workspace};
use crate::validate;

/// Files larger than this are refused unless `--max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub repo: Option<PathBuf>,
    pub boards: PathBuf,
    pub rev: Option<String>,
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            repo: None,
            boards: PathBuf::from("boards"),
            rev: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// What was read: the working tree, or one commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    WorkTree,
    Commit(ObjectId),
}

impl Source {
    /// `"working tree"` or the full commit id, as in the JSON of docs/cli.md.
    pub fn label(&self) -> String {
        match self {
            Source::WorkTree => "working tree".to_string(),
            Source::Commit(oid) => oid.to_string(),
        }
    }
}

/// Plans as loaded, with every problem found.
#[derive(Clone, Debug)]
pub struct Plans {
    pub portfolio: Portfolio,
    pub diagnostics: Vec<Diagnostic>,
    /// How many plan files were read.
    pub files: usize,
    pub source: Source,
    pub workspace: Workspace,
    /// The boards directory, repository-relative.
    pub boards: String,
    /// The portfolio's hand-off graph, as the check built it (derived
    /// state starts from it rather than building it again).
    pub graph: Arc<NeedGraph>,
}

impl Plans {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One plan file's bytes, or the reason it was not read.
#[derive(Clone)]
pub struct RawFile {
    pub path: Arc<str>,
    /// Shared: the board keeps one copy of a file's bytes across reloads
    /// while they stay the same (two whole copies were its peak memory).
    pub content: Result<Arc<Vec<u8>>, String>,
}

/// Loads the plans the options name.
pub fn load(opts: &LoadOptions) -> Result<Plans, LoadError> {
    let workspace = Workspace::discover(opts.repo.as_deref())?;
    let boards = repo::normalize_boards(&opts.boards)?;
    // A bare repository has no working tree: read HEAD instead.
    let rev = opts
        .rev
        .clone()
        .or_else(|| workspace.bare.then(|| "HEAD".to_string()));
    let (raw, source) = match &rev {
        None => (
            read_worktree(&workspace.root, &boards, opts.max_file_size)?,
            Source::WorkTree,
        ),
        Some(rev) => {
            let git = workspace.git(&format!("--rev {rev}"))?;
            let commit = repo::resolve_commit(&git, rev)?;
            (
                read_commit(&git, commit, rev, &boards, opts.max_file_size)?,
                Source::Commit(commit),
            )
        }
    };
    let files = raw.len();
    let built = build_keeping_graph(parse_all(raw));
    Ok(Plans {
        portfolio: built.portfolio,
        diagnostics: built.diagnostics,
        files,
        source,
        workspace,
        boards,
        graph: built.graph,
    })
}

/// Parses and validates already-parsed files into a portfolio; the shared
/// tail of every way of loading (working tree, commit, cached blobs).
pub fn build(parsed: Vec<ParsedFile>) -> (Portfolio, Vec<Diagnostic>) {
    assemble(parsed, true)
}

/// [`build`], handing back the hand-off graph the validation built.
pub fn build_keeping_graph(parsed: Vec<ParsedFile>) -> Built {
    let (portfolio, mut diagnostics, broken) = gather(parsed);
    let (found, graph) = validate::validate_keeping_graph(&portfolio, &broken);
    diagnostics.extend(found);
    diag::sort(&mut diagnostics);
    Built {
        portfolio,
        diagnostics: capped(diagnostics),
        graph: Arc::new(graph),
        broken,
    }
}

/// What [`build_keeping_graph`] hands back: the plans, what `check`
/// reports, the hand-off graph, and what failed to load (for validating a
/// part of the plans again as the whole was).
pub struct Built {
    pub portfolio: Portfolio,
    pub diagnostics: Vec<Diagnostic>,
    pub graph: Arc<NeedGraph>,
    pub broken: validate::Broken,
}

/// Assembles parsed files into a portfolio; with `validate`, also runs the
/// cross-file checks (references, rings, cycles). `diff` and `log` compare
/// plans and skip them: per-file problems are still reported.
pub fn assemble(parsed: Vec<ParsedFile>, validate: bool) -> (Portfolio, Vec<Diagnostic>) {
    let (portfolio, mut diagnostics, broken) = gather(parsed);
    if validate {
        diagnostics.extend(validate::validate(&portfolio, &broken));
        diag::sort(&mut diagnostics);
    }
    (portfolio, capped(diagnostics))
}

/// At most [`diag::PER_FILE`] problems of a file.
fn capped(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() > diag::PER_FILE {
        diag::cap_per_file(&mut diagnostics);
    }
    diagnostics
}

/// Assembles parsed files into a portfolio with the per-file problems
/// (sorted), and the deliverables that failed to load, which the
/// cross-file checks ([`validate::validate`]) take: for a caller that runs
/// them later, or elsewhere.
pub fn gather(parsed: Vec<ParsedFile>) -> (Portfolio, Vec<Diagnostic>, validate::Broken) {
    let mut diagnostics = Vec::new();
    let mut people = Vec::new();
    let mut programs = Vec::new();
    let mut broken = validate::Broken::default();
    let mut seen_people: std::collections::HashMap<String, (Arc<str>, u32)> = Default::default();
    let mut seen_programs: std::collections::HashMap<String, Arc<str>> = Default::default();
    for file in parsed {
        diagnostics.extend(file.diagnostics);
        if let Some(lost) = file.lost {
            broken.programs.insert(program_id(&lost.path).to_string());
            broken.roster_incomplete |= lost.people;
        }
        for p in file.people {
            if let Some((path, line)) = seen_people.get(&p.id) {
                let place = if *path == p.path {
                    format!("at line {line}")
                } else {
                    format!("in {} at line {line}", escape_control(path))
                };
                diagnostics.push(Diagnostic::error(
                    &p.path,
                    p.id_pos,
                    format!("duplicate person id `{}` (first defined {place})", p.id),
                ));
                continue;
            }
            seen_people.insert(p.id.clone(), (p.path.clone(), p.id_pos.line));
            people.push(p);
        }
        if let Some(prog) = file.program {
            for id in file.broken_deliverables {
                broken.deliverables.insert((prog.id.clone(), id));
            }
            if let Some(first) = seen_programs.get(&prog.id) {
                diagnostics.push(Diagnostic::error(
                    &prog.path,
                    Pos { line: 1, col: 1 },
                    format!(
                        "duplicate program id `{}`: {first} has the same file name",
                        prog.id
                    ),
                ));
                continue;
            }
            seen_programs.insert(prog.id.clone(), prog.path.clone());
            programs.push(prog);
        }
    }
    let portfolio = Portfolio::new(people, programs);
    diag::sort(&mut diagnostics);
    (portfolio, diagnostics, broken)
}

/// Parses files on every core: the files are independent.
pub fn parse_all(raw: Vec<RawFile>) -> Vec<ParsedFile> {
    par_map(&raw, parse_raw)
}

/// `f` of every item, in order, computed on every core.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    // This thread is one of the workers: one thread fewer to start, and its
    // allocations land in memory this thread already has.
    let results: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mine = work();
        helpers
            .into_iter()
            // A worker only panics if `f` did: pass that on.
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .chain([mine])
            .collect()
    });
    let mut slots: Vec<Option<R>> = Vec::new();
    slots.resize_with(items.len(), || None);
    for (i, r) in results.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().flatten().collect()
}

pub fn parse_raw(file: &RawFile) -> ParsedFile {
    match &file.content {
        Ok(bytes) => parse_file(file.path.clone(), bytes),
        Err(why) => unread(&file.path, why),
    }
}

/// A file that was not read, and why: an error, but for a submodule,
/// which is skipped with a warning (its plans are another repository's,
/// not lost).
pub fn unread(path: &Arc<str>, why: &str) -> ParsedFile {
    let at = Pos { line: 1, col: 1 };
    let parsed = if why == repo::SUBMODULE {
        ParsedFile {
            diagnostics: vec![Diagnostic::warning(path, at, why)],
            ..ParsedFile::default()
        }
    } else {
        ParsedFile::lost(path, Diagnostic::error(path, at, why), None)
    };
    ParsedFile {
        unread: Some(why.to_string()),
        ..parsed
    }
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "file is {} bytes, over the limit of {limit} bytes (raise it with --max-file-size)",
        size
    )
}

/// Reads every `.toml` file below the boards directory of the working tree.
pub fn read_worktree(root: &Path, boards: &str, limit: u64) -> Result<Vec<RawFile>, LoadError> {
    let mut out = Vec::new();
    each_worktree_file(root, boards, limit, &mut |f| out.push(f))?;
    out.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
    Ok(out)
}

/// [`read_worktree`] a file at a time, in the directory's order, each
/// handed to `file` and not kept (a fingerprint of the plans holds one
/// file's bytes at a time, not all of them).
pub fn each_worktree_file(
    root: &Path,
    boards: &str,
    limit: u64,
    file: &mut dyn FnMut(RawFile),
) -> Result<(), LoadError> {
    let dir = root.join(boards);
    if !dir.is_dir() {
        return Err(LoadError::NoBoards {
            boards: boards.to_string(),
            root: root.display().to_string(),
        });
    }
    let canonical_root = root.canonicalize().map_err(|source| LoadError::Io {
        path: root.display().to_string(),
        source,
    })?;
    // The boards directory itself may be reached through links, but must
    // lie inside the repository: `ln -s /root boards` reads nothing.
    let inside = dir
        .canonicalize()
        .is_ok_and(|d| d.starts_with(&canonical_root));
    if !inside {
        return Err(LoadError::BoardsOutside {
            boards: boards.to_string(),
            root: root.display().to_string(),
        });
    }
    walk(&dir, boards, &canonical_root, limit, file)
}

fn walk(
    dir: &Path,
    rel: &str,
    root: &Path,
    limit: u64,
    out: &mut dyn FnMut(RawFile),
) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: rel.to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel_path = format!("{rel}/{name}");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // A directory link is not followed: every directory read is a real
        // one below the boards directory.
        if kind.is_dir() {
            // A submodule (a repository of its own) is skipped, as in revisions.
            if path.join(".git").exists() {
                out(RawFile {
                    path: rel_path.into(),
                    content: Err(repo::SUBMODULE.to_string()),
                });
            } else {
                walk(&path, &rel_path, root, limit, out)?;
            }
            continue;
        }
        if !name.ends_with(".toml") {
            continue;
        }
        let content = if kind.is_symlink() {
            // Follow a link only to a regular file inside the repository.
            match path.canonicalize() {
                Ok(target) if target.starts_with(root) => read_limited(&target, limit),
                Ok(_) | Err(_) => Err(
                    "symbolic link to a file outside the repository (or to nothing); not followed"
                        .to_string(),
                ),
            }
        } else {
            read_limited(&path, limit)
        };
        out(RawFile {
            path: rel_path.into(),
            content: content.map(Arc::new),
        });
    }
    Ok(())
}

/// A regular file's bytes, refused without reading when over the limit.
/// Anything else named `*.toml` (a pipe, a device, a socket) is refused
/// unread: a pipe would wait forever, a device never end.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a pipe, device or socket); not read".to_string());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    // Room for the whole file (and the byte that shows it grew), so that it
    // is read in one call rather than a buffer doubled a dozen times.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    // Never more than the limit, even if the file grows while it is read.
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(f, limit.saturating_add(1)),
                &mut bytes,
            )
        })
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads the plan files of one commit straight from git objects.
pub fn read_commit(
    git: &Repo,
    commit: ObjectId,
    rev: &str,
    boards: &str,
    limit: u64,
) -> Result<Vec<RawFile>, LoadError> {
    let files = git
        .plan_files(commit, boards)?
        .ok_or_else(|| LoadError::NoBoardsAtRev {
            rev: rev.to_string(),
            boards: boards.to_string(),
        })?;
    read_tree_files(git, &files, limit)
}

/// Reads the given plan files of a tree, on every core when there are many.
/// A blob git cannot read (missing, truncated, corrupt) is a damaged
/// repository: [`LoadError::Damaged`], for the first such file in order,
/// rather than a problem of that file.
pub fn read_tree_files(
    git: &Repo,
    files: &[TreeFile],
    limit: u64,
) -> Result<Vec<RawFile>, LoadError> {
    let wanted: Vec<(ObjectId, &str)> = files
        .iter()
        .filter(|f| f.unread().is_none())
        .map(|f| (f.oid, f.path.as_str()))
        .collect();
    let mut read = git.read_blobs(&wanted, limit).into_iter();
    files
        .iter()
        .map(|f| {
            let content = match (f.unread(), read.next()) {
                (Some(why), _) => Err(why.to_string()),
                (None, Some(blob)) => content(blob?, limit).map(Arc::new),
                (None, None) => Err("cannot read: not read".to_string()),
            };
            Ok(RawFile {
                path: f.path.as_str().into(),
                content,
            })
        })
        .collect()
}

/// A blob's bytes, or why the file is not read (over the size limit,
/// refused without reading it); `Err` when git cannot read the blob at
/// all: the repository is damaged ([`LoadError::Damaged`], naming the
/// object and `path`, the plan file it holds).
pub fn read_blob(
    git: &Repo,
    oid: ObjectId,
    path: &str,
    limit: u64,
) -> Result<Result<Vec<u8>, String>, LoadError> {
    Ok(content(git.read_blob(oid, path, limit)?, limit))
}

fn content(blob: Blob, limit: u64) -> Result<Vec<u8>, String> {
    match blob {
        Blob::Bytes(bytes) => Ok(bytes),
        Blob::TooLarge(size) => Err(too_large(size, limit)),
    }
}

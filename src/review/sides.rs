//! Loading the two sides of a comparison: the working tree or a revision,
//! read from git objects with every distinct blob parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use git2::{Oid, Repository};

use crate::diag::Diagnostic;
use crate::load::{
    RawFile, assemble, par_map, parse_raw, read_blob, read_tree_files, read_worktree,
};
use crate::model::{Portfolio, Pos};
use crate::parse::{ParsedFile, SectionMemo, parse_file, parse_file_reusing};
use crate::repo::{LoadError, TreeFile, Workspace, list_plan_files, resolve_commit};

/// Parsed plan files by blob id: a file unchanged between two commits is
/// parsed once, wherever it lives. A changed program file re-reads only its
/// changed `[[deliverable]]` sections (see [`parse_file_reusing`]).
#[derive(Default)]
pub struct BlobCache {
    parsed: HashMap<Oid, ParsedFile>,
    /// The sections of the files parsed for a later side, by their text:
    /// found again even in a renamed file.
    sections: SectionMemo,
    /// The blobs a later side will ask for, when known: a kept side copies
    /// only these out of the cache and moves the rest.
    later: Option<HashSet<Oid>>,
}

impl BlobCache {
    /// Tells the cache which blobs the next side will read.
    pub fn expect_later(&mut self, blobs: impl IntoIterator<Item = Oid>) {
        self.later = Some(blobs.into_iter().collect());
    }

    /// Reads and parses the blobs of `files` not parsed yet, ahead of their
    /// side (which then takes them from the cache): lets that work overlap
    /// other work, such as resolving the other revision.
    pub fn parse_ahead(&mut self, repo: &Repository, files: &[TreeFile], limit: u64) {
        let mut seen = HashSet::new();
        let missing: Vec<TreeFile> = files
            .iter()
            .filter(|f| !self.parsed.contains_key(&f.oid) && seen.insert(f.oid))
            .cloned()
            .collect();
        // A blob that cannot be read is read again with its side, which
        // reports it.
        if let Ok(raw) = read_tree_files(repo, &missing, limit) {
            let fresh = self.parse_new(&raw, &vec![true; raw.len()]);
            for (f, parsed) in missing.iter().zip(fresh) {
                self.parsed.insert(f.oid, parsed);
            }
        }
    }

    /// Whether the next side reads this blob again; `None` when not known.
    fn read_again(&self, oid: Oid) -> Option<bool> {
        self.later.as_ref().map(|l| l.contains(&oid))
    }

    /// Parses files not seen before, on every core, taking unchanged
    /// sections from files parsed earlier. The sections of `raw[i]` are
    /// remembered for a later side when `keep[i]`.
    fn parse_new(&mut self, raw: &[RawFile], keep: &[bool]) -> Vec<ParsedFile> {
        let sections = &self.sections;
        let files: Vec<(&RawFile, bool)> = raw.iter().zip(keep.iter().copied()).collect();
        let fresh = par_map(&files, |&(file, keep)| match &file.content {
            Ok(bytes) => parse_file_reusing(file.path.clone(), bytes, Some(sections), keep),
            Err(_) => (parse_raw(file), None),
        });
        let mut out = Vec::with_capacity(fresh.len());
        for (parsed, memo) in fresh {
            if let Some(memo) = memo {
                self.sections.absorb(memo);
            }
            out.push(parsed);
        }
        out
    }

    /// The file's content as if read from `path`.
    pub fn get(&mut self, repo: &Repository, oid: Oid, path: &Arc<str>, limit: u64) -> ParsedFile {
        let parsed = self.parsed.entry(oid).or_insert_with(|| {
            let bytes = repo
                .odb()
                .map_err(|e| e.message().to_string())
                .and_then(|odb| read_blob(&odb, oid, limit));
            match bytes {
                Ok(bytes) => parse_file(path.clone(), &bytes),
                Err(why) => ParsedFile {
                    diagnostics: vec![Diagnostic::error(path, Pos { line: 1, col: 1 }, why)],
                    ..ParsedFile::default()
                },
            }
        });
        if read_elsewhere(parsed, path) {
            parsed.at_path(path)
        } else {
            parsed.clone()
        }
    }

    /// Like [`BlobCache::get`], but moves the parsed file out: for the last
    /// use of a blob (the second side of a diff), saving a deep copy.
    pub fn take(&mut self, repo: &Repository, oid: Oid, path: &Arc<str>, limit: u64) -> ParsedFile {
        match self.parsed.remove(&oid) {
            Some(parsed) if read_elsewhere(&parsed, path) => parsed.at_path(path),
            Some(parsed) => parsed,
            None => self.get(repo, oid, path, limit),
        }
    }
}

/// True when the cached parse was made for another path (a moved file).
fn read_elsewhere(parsed: &ParsedFile, path: &Arc<str>) -> bool {
    parsed.diagnostics.first().is_some_and(|d| d.path != *path)
        || parsed.program.as_ref().is_some_and(|p| p.path != *path)
        || parsed.people.first().is_some_and(|p| p.path != *path)
}

/// One side of a comparison, loaded.
pub struct Side {
    /// `None` for the working tree.
    pub commit: Option<Oid>,
    /// How the user named it (`HEAD~3`, `working tree`).
    pub label: String,
    pub portfolio: Portfolio,
    pub diagnostics: Vec<Diagnostic>,
}

impl Side {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Whether the parsed files of a side stay cached for a later side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    Keep,
    LastUse,
}

/// Loads the plans of a commit from git objects through the cache, without
/// the cross-file checks (a comparison does not need them).
pub fn load_commit(
    repo: &Repository,
    commit: Oid,
    rev: &str,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
    reuse: Reuse,
) -> Result<Side, LoadError> {
    let files = list_plan_files(repo, commit, boards)?.ok_or_else(|| LoadError::NoBoardsAtRev {
        rev: rev.to_string(),
        boards: boards.to_string(),
    })?;
    // Parse each blob not seen before, on every core; the rest come from the cache.
    let missing: Vec<TreeFile> = files
        .iter()
        .filter(|f| !cache.parsed.contains_key(&f.oid))
        .cloned()
        .collect();
    // A blob the next side reads again comes whole from the cache: only
    // blobs that will change need their sections kept, and only while the
    // next side has blobs left to parse.
    let pending = cache
        .later
        .as_ref()
        .is_none_or(|l| l.iter().any(|oid| !cache.parsed.contains_key(oid)));
    let keep: Vec<bool> = missing
        .iter()
        .map(|f| reuse == Reuse::Keep && pending && cache.read_again(f.oid) != Some(true))
        .collect();
    let raw = read_tree_files(repo, &missing, limit)?;
    let fresh = cache.parse_new(&raw, &keep);
    for (f, parsed) in missing.iter().zip(fresh) {
        cache.parsed.insert(f.oid, parsed);
    }
    let parsed = files
        .iter()
        .map(|f| {
            let path = Arc::from(f.path.as_str());
            let needed_later = match reuse {
                Reuse::Keep => cache.read_again(f.oid) != Some(false),
                Reuse::LastUse => false,
            };
            if needed_later {
                cache.get(repo, f.oid, &path, limit)
            } else {
                cache.take(repo, f.oid, &path, limit)
            }
        })
        .collect();
    let (portfolio, diagnostics) = assemble(parsed, false);
    Ok(Side {
        commit: Some(commit),
        label: rev.to_string(),
        portfolio,
        diagnostics,
    })
}

/// Loads a revision (`Some`) or the working tree (`None`).
pub fn load_side(
    workspace: &Workspace,
    repo: &Repository,
    rev: Option<&str>,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
    reuse: Reuse,
) -> Result<Side, LoadError> {
    match rev {
        Some(rev) => {
            let commit = resolve_commit(repo, rev)?;
            load_commit(repo, commit, rev, boards, limit, cache, reuse)
        }
        None => {
            if workspace.bare {
                return Err(LoadError::NotGit {
                    what: "comparing with the working tree".into(),
                    dir: format!("{} (a bare repository has none)", workspace.root.display()),
                });
            }
            let raw = read_worktree(&workspace.root, boards, limit)?;
            let parsed = cache.parse_new(&raw, &vec![reuse == Reuse::Keep; raw.len()]);
            let (portfolio, diagnostics) = assemble(parsed, false);
            Ok(Side {
                commit: None,
                label: "working tree".to_string(),
                portfolio,
                diagnostics,
            })
        }
    }
}

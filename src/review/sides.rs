//! Loading the two sides of a comparison: the working tree or a revision,
//! read from git objects with every distinct blob parsed once.

use std::collections::HashMap;
use std::sync::Arc;

use git2::{Oid, Repository};

use crate::diag::Diagnostic;
use crate::load::{build, parse_all, read_blob, read_worktree};
use crate::model::{Portfolio, Pos};
use crate::parse::{ParsedFile, parse_file};
use crate::repo::{LoadError, Workspace, list_plan_files, resolve_commit};

/// Parsed plan files by blob id: a file unchanged between two commits is
/// parsed once, wherever it lives.
#[derive(Default)]
pub struct BlobCache {
    parsed: HashMap<Oid, ParsedFile>,
}

impl BlobCache {
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
        if parsed.diagnostics.first().is_some_and(|d| d.path != *path)
            || parsed.program.as_ref().is_some_and(|p| p.path != *path)
            || parsed.people.first().is_some_and(|p| p.path != *path)
        {
            parsed.at_path(path)
        } else {
            parsed.clone()
        }
    }

    pub fn len(&self) -> usize {
        self.parsed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }
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

/// Loads the plans of a commit from git objects through the cache.
pub fn load_commit(
    repo: &Repository,
    commit: Oid,
    rev: &str,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
) -> Result<Side, LoadError> {
    let files = list_plan_files(repo, commit, boards)?.ok_or_else(|| LoadError::NoBoardsAtRev {
        rev: rev.to_string(),
        boards: boards.to_string(),
    })?;
    let parsed = files
        .iter()
        .map(|f| {
            let path: Arc<str> = f.path.as_str().into();
            if f.symlink {
                ParsedFile {
                    diagnostics: vec![Diagnostic::error(
                        &path,
                        Pos { line: 1, col: 1 },
                        "symbolic link; links are not followed in git revisions",
                    )],
                    ..ParsedFile::default()
                }
            } else {
                cache.get(repo, f.oid, &path, limit)
            }
        })
        .collect();
    let (portfolio, diagnostics) = build(parsed);
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
) -> Result<Side, LoadError> {
    match rev {
        Some(rev) => {
            let commit = resolve_commit(repo, rev)?;
            load_commit(repo, commit, rev, boards, limit, cache)
        }
        None => {
            if workspace.bare {
                return Err(LoadError::NotGit {
                    what: "comparing with the working tree".into(),
                    dir: format!("{} (a bare repository has none)", workspace.root.display()),
                });
            }
            let raw = read_worktree(&workspace.root, boards, limit)?;
            let (portfolio, diagnostics) = build(parse_all(raw));
            Ok(Side {
                commit: None,
                label: "working tree".to_string(),
                portfolio,
                diagnostics,
            })
        }
    }
}

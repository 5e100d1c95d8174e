//! Loading the two sides of a comparison: the working tree or a revision,
//! read from git objects with every distinct blob parsed once.

use std::collections::HashMap;
use std::sync::Arc;

use crate::cache::BlobCache;
use crate::diag::Diagnostic;
use crate::git::{ObjectId, Repo};
use crate::graph::NeedGraph;
use crate::load::{gather, read_tree_files, read_worktree};
use crate::model::Portfolio;
use crate::repo::{LoadError, Workspace, resolve_commit};
use crate::validate::{Broken, validate_with_graph};

/// One side of a comparison, loaded.
pub struct Side {
    /// `None` for the working tree.
    pub commit: Option<ObjectId>,
    /// How the user named it (`HEAD~3`, `working tree`).
    pub label: String,
    pub portfolio: Portfolio,
    /// The problems of each file on its own (parse errors, unknown keys):
    /// the side is loaded without the cross-file checks.
    pub diagnostics: Vec<Diagnostic>,
    /// The revision has no boards directory (before the first plans were
    /// added): it counts as an empty portfolio.
    pub no_boards: bool,
    /// Deliverables that failed to load, for the cross-file checks.
    broken: Broken,
}

impl Side {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Every problem `check` reports for this side: the per-file ones and
    /// the cross-file checks, which run here (they are the costly part),
    /// on the side's hand-off graph (its derived state has one).
    pub fn check(&self, graph: &NeedGraph) -> Vec<Diagnostic> {
        let mut all = self.diagnostics.clone();
        all.extend(validate_with_graph(&self.portfolio, &self.broken, graph));
        crate::diag::sort(&mut all);
        all
    }
}

/// Whether the parsed files of a side stay cached for a later side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reuse {
    Keep,
    LastUse,
}

/// Loads the plans of a commit from git objects through the cache, without
/// the cross-file checks (see [`Side::check`]).
pub(crate) fn load_commit(
    repo: &Repo,
    commit: ObjectId,
    rev: &str,
    boards: &str,
    limit: u64,
    cache: &mut BlobCache,
    reuse: Reuse,
) -> Result<Side, LoadError> {
    let Some(files) = repo.plan_files(commit, boards)? else {
        return Ok(Side {
            commit: Some(commit),
            label: rev.to_string(),
            portfolio: Portfolio::default(),
            diagnostics: Vec::new(),
            no_boards: true,
            broken: Broken::default(),
        });
    };
    // Parse each blob not seen before, on every core; the rest come from the cache.
    let missing = cache.unparsed(&files);
    // A blob the next side reads again comes whole from the cache: only
    // blobs that will change need their sections kept, and only while the
    // next side has blobs left to parse.
    let pending = cache.later_pending();
    let keep: Vec<bool> = missing
        .iter()
        .map(|f| reuse == Reuse::Keep && pending && cache.read_again(f.oid) != Some(true))
        .collect();
    let raw = read_tree_files(repo, &missing, limit)?;
    let oids: Vec<ObjectId> = missing.iter().map(|f| f.oid).collect();
    cache.parse_blobs(raw, &oids, &keep);
    // A blob at two paths is moved out of the cache only at its last one.
    let last: HashMap<ObjectId, usize> =
        files.iter().enumerate().map(|(i, f)| (f.oid, i)).collect();
    let parsed = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let path = Arc::from(f.path.as_str());
            let needed_later = match reuse {
                Reuse::Keep => cache.read_again(f.oid) != Some(false),
                Reuse::LastUse => false,
            };
            if needed_later || last.get(&f.oid) != Some(&i) {
                cache.get(repo, f.oid, &path, limit)
            } else {
                cache.take(repo, f.oid, &path, limit)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (portfolio, diagnostics, broken) = gather(parsed);
    Ok(Side {
        commit: Some(commit),
        label: rev.to_string(),
        portfolio,
        diagnostics,
        no_boards: false,
        broken,
    })
}

/// Loads a revision (`Some`) or the working tree (`None`).
pub(crate) fn load_side(
    workspace: &Workspace,
    repo: &Repo,
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
            let keep = vec![reuse == Reuse::Keep; raw.len()];
            let fresh = cache.parse_new(&raw, &keep);
            let parsed = fresh.into_iter().map(|f| f.parsed).collect();
            let (portfolio, diagnostics, broken) = gather(parsed);
            Ok(Side {
                commit: None,
                label: "working tree".to_string(),
                portfolio,
                diagnostics,
                no_boards: false,
                broken,
            })
        }
    }
}

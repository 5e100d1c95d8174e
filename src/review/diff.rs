//! `ringboard diff [FROM [TO]]`, `FROM..TO` and `FROM...TO` (from the merge
//! base, as in a pull request): the change as meaning, with its impact.

use std::collections::HashMap;

use jiff::civil::Date;

use super::compare::{Change, compare};
use super::forecast_moves::{ForecastChanges, forecast_changes};
use super::impact::{Impact, WORK_LIMIT, impacts};
use super::marks::mark_added;
use super::problem_changes::{ProblemChanges, problem_changes};
use super::sides::{Reuse, Side, load_commit, load_side};
use crate::cache::BlobCache;
use crate::derive::Derived;
use crate::git::{ObjectId, Repo};
use crate::load::LoadOptions;
use crate::repo::{LoadError, Workspace, normalize_boards, resolve_commit};

/// Why a comparison could not run (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("`{0}` already names both sides; drop the second revision")]
    BothSidesNamed(String),
    #[error("`{range}`: {a} and {b} have no common ancestor")]
    NoCommonAncestor { range: String, a: String, b: String },
    #[error(
        "`{range}`: the history that joins {a} and {b} is missing (this is a shallow clone): \
         run `git fetch --unshallow`, or check out with `fetch-depth: 0` in CI"
    )]
    ShallowHistory { range: String, a: String, b: String },
}

/// The two revisions named on the command line (`None`: the working tree).
pub(super) fn parse_range(
    repo: &Repo,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<String>, Option<String>), DiffError> {
    let Some(from) = from else {
        return Ok((Some("HEAD".into()), None));
    };
    // `A...B` compares from the merge base (what a pull request changes).
    let (split, merge_base) = match from.split_once("...") {
        Some(parts) => (Some(parts), true),
        None => (from.split_once(".."), false),
    };
    if let Some((a, b)) = split {
        if to.is_some() {
            return Err(DiffError::BothSidesNamed(from.to_string()));
        }
        let a = if a.is_empty() { "HEAD" } else { a };
        let b = if b.is_empty() { "HEAD" } else { b };
        if !merge_base {
            return Ok((Some(a.to_string()), Some(b.to_string())));
        }
        let (ca, cb) = (resolve_commit(repo, a)?, resolve_commit(repo, b)?);
        let base = repo.merge_base(ca, cb).map_err(|_| {
            let (range, a, b) = (from.to_string(), a.to_string(), b.to_string());
            if repo.is_shallow() {
                DiffError::ShallowHistory { range, a, b }
            } else {
                DiffError::NoCommonAncestor { range, a, b }
            }
        })?;
        return Ok((Some(base.to_string()), Some(b.to_string())));
    }
    Ok((Some(from.to_string()), to.map(str::to_string)))
}

/// Both sides loaded and compared.
pub struct Comparison {
    pub from: Side,
    pub to: Side,
    pub changes: Vec<Change>,
    pub impacts: Vec<Impact>,
    /// The problems `check` reports that the change brings and ends.
    pub problems: ProblemChanges,
    /// Plan errors of either side as loaded for the comparison (each file
    /// on its own), as `side has a plan error: path:line:col: message`.
    pub warnings: Vec<String>,
    /// Where the change moves the forecast (both sides at one today).
    pub forecast: ForecastChanges,
}

/// Compares the plans of two versions named as on `diff`'s command line
/// (`from`: a revision, `A..B` or `A...B`, default `HEAD`; `to`: a revision,
/// default the working tree), with the impact for `today`.
pub fn compare_revisions(
    load: &LoadOptions,
    today: Date,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Comparison, DiffError> {
    let workspace = Workspace::discover(load.repo.as_deref())?;
    let repo = workspace.git("diff")?;
    let boards = normalize_boards(&load.boards)?;
    let (from, to) = parse_range(&repo, from, to)?;
    let mut cache = BlobCache::default();
    let limit = load.max_file_size;
    let (from_commit, to_commit) = resolve_both(
        &repo,
        &boards,
        (from.as_deref(), to.as_deref()),
        &mut cache,
        limit,
    );
    // Each revision is resolved once; one that did not resolve above is
    // resolved again here, where its error gets its message.
    let load = |rev: Option<&str>, commit: Option<ObjectId>, cache: &mut BlobCache, reuse| match (
        rev, commit,
    ) {
        (Some(rev), Some(commit)) => load_commit(&repo, commit, rev, &boards, limit, cache, reuse),
        (rev, _) => load_side(&workspace, &repo, rev, &boards, limit, cache, reuse),
    };
    let from = load(from.as_deref(), from_commit, &mut cache, Reuse::Keep)?;
    // Deriving each side's state (for the impact) is independent of the
    // rest: the first side's runs on another core from here on, the second
    // side's as soon as that side is loaded, while this core compares.
    let (to, before, (mut changes, after)) = std::thread::scope(|s| {
        let before = s.spawn(|| Derived::new(&from.portfolio, today));
        let to = load(to.as_deref(), to_commit, &mut cache, Reuse::LastUse)?;
        let compared = std::thread::scope(|s| {
            let after = s.spawn(|| Derived::new(&to.portfolio, today));
            let changes = compare(&from.portfolio, &to.portfolio);
            (changes, joined(after))
        });
        Ok::<_, DiffError>((to, joined(before), compared))
    })?;
    // Only FROM may come before the plans (the pull request that adds
    // them); a TO without them is more likely a wrong --boards.
    if to.no_boards {
        return Err(LoadError::NoBoardsAtRev {
            rev: to.label.clone(),
            boards,
        }
        .into());
    }
    let mut warnings = side_warnings(&from, &to, &boards);
    // The cross-file checks of both sides (for the problems), on the
    // hand-off graphs the derived states built, run beside the impact
    // analysis: the other core is free from here on, while comparing it
    // derived the states.
    let (impacts, checked_from, checked_to) = std::thread::scope(|s| {
        let checking_from = s.spawn(|| from.check(&before.graph));
        let checking_to = s.spawn(|| to.check(&after.graph));
        let (old, new) = (&from.portfolio, &to.portfolio);
        let impacts = impacts(old, new, &before, &after, &changes, WORK_LIMIT);
        (impacts, joined(checking_from), joined(checking_to))
    });
    if impacts.not_examined > 0 {
        warnings.push(format!(
            "the impact of {} deadline, status or milestone changes was not worked out: \
             following them all takes more than {WORK_LIMIT} steps",
            impacts.not_examined
        ));
    }
    mark_added(&mut changes, &to.portfolio, &after);
    let forecast = forecast_changes(&from.portfolio, &to.portfolio, &before, &after);
    let renamed: HashMap<&str, &str> = changes.iter().filter_map(Change::renamed).collect();
    let problems = problem_changes(&checked_from, &checked_to, &renamed);
    // Freeing the cached sections and the derived state is some 100,000
    // deallocations: off the path to the answer (here, if no thread starts).
    let _ = std::thread::Builder::new()
        .spawn(move || drop((cache, before, after, checked_from, checked_to)));
    Ok(Comparison {
        from,
        to,
        changes,
        impacts: impacts.found,
        problems,
        warnings,
        forecast,
    })
}

/// The commits of both revisions, `None` for one that does not resolve
/// (or the working tree). Resolving a revision far back (`HEAD~1000`)
/// walks every commit in between: it runs on another core while this one
/// reads and parses the other side.
fn resolve_both(
    repo: &Repo,
    boards: &str,
    (from, to): (Option<&str>, Option<&str>),
    cache: &mut BlobCache,
    limit: u64,
) -> (Option<ObjectId>, Option<ObjectId>) {
    std::thread::scope(|s| {
        let resolving = from.map(|rev| {
            let git_dir = repo.path();
            s.spawn(move || {
                let own = Repo::open(git_dir).ok()?;
                resolve_commit(&own, rev).ok()
            })
        });
        let to_commit = to.and_then(|rev| resolve_commit(repo, rev).ok());
        if let Some(commit) = to_commit
            && let Ok(Some(files)) = repo.plan_files(commit, boards)
        {
            cache.expect_later(files.iter().map(|f| f.oid));
            cache.parse_ahead(repo, &files, limit);
        }
        (resolving.and_then(joined), to_commit)
    })
}

/// What the comparison warns of: a FROM without plans, and each side's
/// plan errors.
fn side_warnings(from: &Side, to: &Side, boards: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    if from.no_boards {
        warnings.push(format!(
            "{} has no boards directory `{boards}`: it counts as no plans at all",
            from.label
        ));
    }
    for side in [from, to] {
        for d in side.errors() {
            warnings.push(format!("{} has a plan error: {d}", side.label));
        }
    }
    warnings
}

/// The result of a scoped thread; its panic, if any, goes on in this one.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

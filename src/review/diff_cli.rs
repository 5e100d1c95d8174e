//! `ringboard diff [FROM [TO]]`, `FROM..TO` and `FROM...TO` (from the merge
//! base, as in a pull request): the change as meaning, with its impact.

use std::fmt::Write;

use git2::Oid;
use serde::Serialize;

use super::compare::{Change, Kind, compare, signed_days};
use super::impact::{Impact, impacts};
use super::sides::{BlobCache, Reuse, Side, load_commit, load_side};
use crate::cli::{Context, DiffArgs, Failure, Format, Outcome, print};
use crate::derive::Derived;
use crate::repo::{Workspace, list_plan_files, normalize_boards, resolve_commit};

/// The two revisions named on the command line (`None`: the working tree).
pub fn parse_range(
    repo: &git2::Repository,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<String>, Option<String>), Failure> {
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
            return Err(Failure(format!(
                "`{from}` already names both sides; drop the second revision"
            )));
        }
        let a = if a.is_empty() { "HEAD" } else { a };
        let b = if b.is_empty() { "HEAD" } else { b };
        if !merge_base {
            return Ok((Some(a.to_string()), Some(b.to_string())));
        }
        let (ca, cb) = (resolve_commit(repo, a)?, resolve_commit(repo, b)?);
        let base = repo
            .merge_base(ca, cb)
            .map_err(|_| Failure(format!("`{from}`: {a} and {b} have no common ancestor")))?;
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
    /// Plan errors of either side, as `side: path:line:col: message`.
    pub warnings: Vec<String>,
}

pub fn run_comparison(
    ctx: &Context,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Comparison, Failure> {
    let workspace = Workspace::discover(ctx.load.repo.as_deref())?;
    let repo = workspace.git("diff")?;
    let boards = normalize_boards(&ctx.load.boards)?;
    let (from, to) = parse_range(&repo, from, to)?;
    let mut cache = BlobCache::default();
    let limit = ctx.load.max_file_size;
    // Resolving a revision far back (`HEAD~1000`) walks every commit in
    // between: it runs on another core while this one reads and parses the
    // other side.
    let (from_commit, to_commit) = std::thread::scope(|s| {
        let resolving = from.as_deref().map(|rev| {
            let git_dir = repo.path();
            s.spawn(move || {
                let own = git2::Repository::open(git_dir).ok()?;
                resolve_commit(&own, rev).ok()
            })
        });
        let to_commit = to
            .as_deref()
            .and_then(|rev| resolve_commit(&repo, rev).ok());
        if let Some(commit) = to_commit
            && let Ok(Some(files)) = list_plan_files(&repo, commit, &boards)
        {
            cache.expect_later(files.iter().map(|f| f.oid));
            cache.parse_ahead(&repo, &files, limit);
        }
        (resolving.and_then(joined), to_commit)
    });
    // Each revision is resolved once; one that did not resolve above is
    // resolved again here, where its error gets its message.
    let load = |rev: Option<&str>, commit: Option<Oid>, cache: &mut BlobCache, reuse| match (
        rev, commit,
    ) {
        (Some(rev), Some(commit)) => load_commit(&repo, commit, rev, &boards, limit, cache, reuse),
        (rev, _) => load_side(&workspace, &repo, rev, &boards, limit, cache, reuse),
    };
    let from = load(from.as_deref(), from_commit, &mut cache, Reuse::Keep)?;
    // Deriving each side's state (for the impact) is independent of the
    // rest: the first side's runs on another core from here on, the second
    // side's as soon as that side is loaded, while this core compares.
    let today = ctx.today;
    let (to, before, (changes, after)) = std::thread::scope(|s| {
        let before = s.spawn(|| Derived::new(&from.portfolio, today));
        let to = load(to.as_deref(), to_commit, &mut cache, Reuse::LastUse)?;
        let compared = std::thread::scope(|s| {
            let after = s.spawn(|| Derived::new(&to.portfolio, today));
            let changes = compare(&from.portfolio, &to.portfolio);
            (changes, joined(after))
        });
        Ok::<_, Failure>((to, joined(before), compared))
    })?;
    let mut warnings = Vec::new();
    for side in [&from, &to] {
        for d in side.errors() {
            warnings.push(format!("{} has a plan error: {d}", side.label));
        }
    }
    let impacts = impacts(&from.portfolio, &to.portfolio, &before, &after, &changes);
    // Freeing the cached sections and the derived state is some 100,000
    // deallocations: off the path to the answer (here, if no thread starts).
    let _ = std::thread::Builder::new().spawn(move || drop((cache, before, after)));
    Ok(Comparison {
        from,
        to,
        changes,
        impacts,
        warnings,
    })
}

/// The result of a scoped thread; its panic, if any, goes on in this one.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

pub fn run(ctx: &Context, args: &DiffArgs) -> Outcome {
    let cmp = run_comparison(ctx, args.from.as_deref(), args.to.as_deref())?;
    for w in &cmp.warnings {
        eprintln!("ringboard: warning: {w}");
    }
    let out = match args.format {
        Format::Text => render_text(&cmp),
        Format::Markdown => render_markdown(&cmp),
        Format::Json => render_json(&cmp),
    };
    let printed = print(&out);
    // The process ends here: freeing both portfolios would only cost time.
    std::mem::forget(cmp);
    printed
}

/// "3 deadlines slipped (+12 days in total), 1 newly blocked, 1 program added".
pub fn summary(changes: &[Change]) -> String {
    let mut slipped = (0, 0);
    let mut pulled = (0, 0);
    let count = |pred: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| pred(c)).count();
    let blocked =
        count(&|c| c.field == Some("status") && c.to.as_ref().is_some_and(|v| v == "blocked"));
    let done = count(&|c| c.field == Some("status") && c.to.as_ref().is_some_and(|v| v == "done"));
    let added = count(&|c| c.kind == Kind::DeliverableAdded);
    let removed = count(&|c| c.kind == Kind::DeliverableRemoved);
    let programs_added = count(&|c| c.kind == Kind::ProgramAdded);
    let programs_removed = count(&|c| c.kind == Kind::ProgramRemoved);
    let joined = count(&|c| c.kind == Kind::TeamJoined);
    let left = count(&|c| c.kind == Kind::TeamLeft);
    for c in changes.iter().filter(|c| c.field == Some("due")) {
        match c.days_moved() {
            Some(d) if d > 0 => slipped = (slipped.0 + 1, slipped.1 + d),
            Some(d) if d < 0 => pulled = (pulled.0 + 1, pulled.1 + d),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    if slipped.0 > 0 {
        parts.push(format!(
            "{} slipped ({} in total)",
            n(slipped.0, "deadline", "deadlines"),
            signed_days(slipped.1)
        ));
    }
    if pulled.0 > 0 {
        parts.push(format!(
            "{} pulled in ({})",
            n(pulled.0, "deadline", "deadlines"),
            signed_days(pulled.1)
        ));
    }
    for (k, one, many) in [
        (blocked, "newly blocked", "newly blocked"),
        (done, "finished", "finished"),
        (added, "deliverable added", "deliverables added"),
        (removed, "deliverable removed", "deliverables removed"),
        (programs_added, "program added", "programs added"),
        (programs_removed, "program removed", "programs removed"),
        (joined, "team join", "team joins"),
        (left, "team departure", "team departures"),
    ] {
        if k > 0 {
            parts.push(n(k, one, many));
        }
    }
    let other = changes.len()
        - slipped.0
        - pulled.0
        - blocked
        - done
        - added
        - removed
        - programs_added
        - programs_removed
        - joined
        - left;
    if other > 0 {
        parts.push(n(other, "other change", "other changes"));
    }
    if parts.is_empty() {
        "No changes to the plans.".to_string()
    } else {
        parts.join(", ")
    }
}

fn side_name(side: &Side) -> String {
    match side.commit {
        Some(c) if side.label != c.to_string() => {
            format!("{} ({})", side.label, &c.to_string()[..7])
        }
        Some(c) => c.to_string()[..7].to_string(),
        None => side.label.clone(),
    }
}

/// Changes grouped by program; people first (no program).
fn groups(changes: &[Change]) -> Vec<(Option<&str>, Vec<&Change>)> {
    let mut out: Vec<(Option<&str>, Vec<&Change>)> = Vec::new();
    for c in changes {
        let key = c.program.as_deref();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(c),
            None => out.push((key, vec![c])),
        }
    }
    out
}

fn impact_lines(i: &Impact) -> Vec<String> {
    let mut out = Vec::new();
    if !i.newly_late.is_empty() {
        out.push(format!(
            "{}: now late downstream: {}",
            i.cause,
            i.newly_late.join(", ")
        ));
    }
    if !i.newly_at_risk.is_empty() {
        out.push(format!(
            "{}: now at risk downstream: {}",
            i.cause,
            i.newly_at_risk.join(", ")
        ));
    }
    for m in &i.missed_milestones {
        out.push(format!(
            "{}: now due {}, after milestone \"{}\" of {} ({})",
            i.cause, m.due, m.name, m.program, m.date
        ));
    }
    out
}

pub fn render_text(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Plan changes {} → {}",
        side_name(&cmp.from),
        side_name(&cmp.to)
    );
    let _ = writeln!(out, "{}", summary(&cmp.changes));
    for (program, list) in groups(&cmp.changes) {
        let _ = writeln!(out, "\n{}", program.unwrap_or("People"));
        for c in list {
            let _ = writeln!(out, "  {}", c.sentence());
        }
    }
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\nImpact");
        for line in cmp.impacts.iter().flat_map(impact_lines) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !cmp.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in &cmp.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}

fn md(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
}

pub fn render_markdown(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Plan changes `{}` → `{}`\n\n**{}**",
        side_name(&cmp.from),
        side_name(&cmp.to),
        summary(&cmp.changes)
    );
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\n#### Impact\n");
        for line in cmp.impacts.iter().flat_map(impact_lines) {
            let _ = writeln!(out, "- {}", md(&line));
        }
    }
    for (program, list) in groups(&cmp.changes) {
        let _ = writeln!(out, "\n#### {}\n", md(program.unwrap_or("People")));
        for c in list {
            let _ = writeln!(out, "- {}", md(&c.sentence()));
        }
    }
    if !cmp.warnings.is_empty() {
        let _ = writeln!(out, "\n#### Warnings\n");
        for w in &cmp.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
    }
    out
}

#[derive(Serialize)]
struct DiffJson<'a> {
    from: Option<String>,
    to: Option<String>,
    summary: String,
    changes: &'a [Change],
    impact: &'a [Impact],
    warnings: &'a [String],
}

pub fn render_json(cmp: &Comparison) -> String {
    let doc = DiffJson {
        from: cmp.from.commit.map(|c| c.to_string()),
        to: cmp.to.commit.map(|c| c.to_string()),
        summary: summary(&cmp.changes),
        changes: &cmp.changes,
        impact: &cmp.impacts,
        warnings: &cmp.warnings,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

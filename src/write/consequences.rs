//! What a write does beyond itself, worked out as it is checked: the
//! lines of `diff`'s Impact and Forecast sections for the change and the
//! problems it adds, which `set` and `add` print after the change lines
//! (docs/cli.md version 3, "Forecast and pace in every output").

use std::sync::Arc;

use super::check::{Checked, check_parsed};
use super::{Draft, PlanFiles, WriteError};
use crate::derive::Derived;
use crate::diag::Diagnostic;
use crate::graph::NeedGraph;
use crate::load::{par_map, parse_raw};
use crate::model::{Portfolio, Program};
use crate::parse::parse_file;
use crate::review::forecast_moves::{ForecastChanges, target_crossings};
use crate::review::reach::reach;
use crate::review::{Change, Consequences, Field, Kind, Version, consequences_of, reaches_beyond};
use crate::validate::{Broken, validate_with_graph};

/// The plans before and after a draft, checked: what [`check`](super::check) finds, and
/// what the draft does beyond itself for `today` (its impact downstream,
/// the problems it adds elsewhere), when its changes can reach beyond it
/// ([`reaches_beyond`]: a deadline, a status, a start, the needs, the
/// work; a metric's numbers reach only its target). The plans before are
/// the plans after with the edited program as it was (a set changes
/// values, never which deliverables there are), so the files are parsed
/// and the plans built once. Both sides are worked out only as far as the
/// change reaches ([`reach`]): the programs of what waits for the
/// edited deliverable, and what those need; the rest is the same on both
/// sides. On plans with errors (a repeated id makes a need ambiguous) they
/// are worked out whole.
pub fn check_with_consequences(
    files: &PlanFiles,
    draft: &Draft,
    today: jiff::civil::Date,
) -> Result<(Vec<Diagnostic>, Consequences), WriteError> {
    let parsed = par_map(files.files(), |f| {
        if f.path == draft.path {
            parse_file(f.path.clone(), &draft.after)
        } else {
            parse_raw(f)
        }
    });
    // What each file says of itself: the edited one's from its new bytes,
    // the others' the same before and after.
    let own_of = |edited: bool| -> Vec<Diagnostic> {
        let files = parsed.iter().zip(files.files());
        files
            .filter(|(_, f)| (f.path == draft.path) == edited)
            .flat_map(|(p, _)| p.diagnostics.iter().cloned())
            .collect()
    };
    let (others_own, edited_own) = (own_of(false), own_of(true));
    let before_parsed = || par_map(files.files(), parse_raw);
    let checked = check_parsed(draft, parsed, before_parsed)?;
    let nothing = || Ok((checked.warnings.clone(), Consequences::default()));
    if !reaches_beyond(&draft.changes) {
        return nothing();
    }
    let was = parse_file(draft.path.clone(), &draft.before);
    let (Some(old), after) = (was.program, &checked.portfolio) else {
        return nothing();
    };
    // A metric's numbers move nothing but the metric: whether it crossed
    // its target is all there is to say, without deriving either side.
    if draft.changes.iter().all(|c| c.kind == Kind::MetricChanged) {
        let mut forecast = ForecastChanges::default();
        if let Some(now) = after.program(&old.id) {
            target_crossings(&mut forecast.targets, &old, now);
        }
        let found = Consequences {
            changes: draft.changes.clone(),
            forecast,
            ..Consequences::default()
        };
        return Ok((checked.warnings, found));
    }
    let Some(at) = after.program_index(&old.id) else {
        return nothing();
    };
    let edit = Edit {
        changes: &draft.changes,
        own: (was.diagnostics, edited_own),
        today,
    };
    let clean = !checked.diagnostics.iter().any(Diagnostic::is_error);
    let reached = edited_deliverables(&draft.changes, &after.programs[at])
        .filter(|_| clean)
        .map(|edited| reach(after, &checked.graph, at, &edited, &old))
        .filter(|r| !r.is_everything());
    let sides = match reached {
        Some(reached) => edit.near(reached.part(after), old, &checked.broken),
        None => edit.whole(&checked, old, others_own),
    };
    let Some(sides) = sides else {
        return nothing();
    };
    let found = consequences_of(
        &Version::new(&sides.before, &sides.problems_before).with_derived(&sides.was),
        &Version::new(
            sides.after.as_ref().unwrap_or(after),
            sides
                .problems_after
                .as_deref()
                .unwrap_or(&checked.diagnostics),
        )
        .with_derived(&sides.now),
        draft.changes.clone(),
        today,
    );
    let Checked {
        warnings,
        portfolio,
        graph,
        diagnostics,
        ..
    } = checked;
    // Freeing the plans and derived state of a whole portfolio is some
    // 200,000 deallocations: off the path to the write (here, if no
    // thread starts).
    let _ = std::thread::Builder::new().spawn(move || drop((sides, portfolio, graph, diagnostics)));
    Ok((warnings, found))
}

/// What the consequences of an edit are worked out from.
struct Edit<'a> {
    changes: &'a [Change],
    /// What the edited file says of itself, before and after.
    own: (Vec<Diagnostic>, Vec<Diagnostic>),
    today: jiff::civil::Date,
}

/// Both sides of an edit, derived: the plans before, and after unless
/// they are the checked plans themselves (as are their problems).
struct Sides {
    before: Portfolio,
    was: Derived,
    problems_before: Vec<Diagnostic>,
    after: Option<Portfolio>,
    now: Derived,
    problems_after: Option<Vec<Diagnostic>>,
}

impl Edit<'_> {
    /// Only a deadline or new needs change what check says beyond the
    /// edited deliverable's own lines.
    fn moves_problems(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(c.field(), Some(Field::Due | Field::Needs)))
    }

    /// New needs make another graph: the side before gets its own.
    fn rewires(&self) -> bool {
        self.changes.iter().any(|c| c.field() == Some(Field::Needs))
    }

    /// Both sides on the part of the plans after that the edit reaches,
    /// `old` the edited program as it was; each side's problems from
    /// validating that part (a did-you-mean there draws on the part alone,
    /// the same on both sides).
    fn near(self, now_part: Portfolio, old: Program, broken: &Broken) -> Option<Sides> {
        let before = with_program(&now_part, old)?;
        let now_graph = Arc::new(NeedGraph::new(&now_part));
        let before_graph = if self.rewires() {
            Arc::new(NeedGraph::new(&before))
        } else {
            now_graph.clone()
        };
        let (mut problems_before, mut problems_after) = (Vec::new(), Vec::new());
        if self.moves_problems() {
            let (was_own, now_own) = self.own;
            problems_before = was_own;
            problems_before.extend(validate_with_graph(&before, broken, &before_graph));
            problems_after = now_own;
            problems_after.extend(validate_with_graph(&now_part, broken, &now_graph));
            crate::diag::sort(&mut problems_before);
            crate::diag::sort(&mut problems_after);
        }
        Some(Sides {
            was: Derived::with_graph(&before, self.today, before_graph),
            now: Derived::with_graph(&now_part, self.today, now_graph),
            before,
            problems_before,
            after: Some(now_part),
            problems_after: Some(problems_after),
        })
    }

    /// Both sides whole (the edited program reaches them all): the side
    /// before (a copy of the plans with the edited program as it was, and
    /// its derived state) on one core, the side after on the other; the
    /// hand-off graph is the check's own, on both unless needs changed.
    fn whole(self, checked: &Checked, old: Program, mut own: Vec<Diagnostic>) -> Option<Sides> {
        let (after, graph) = (&checked.portfolio, &checked.graph);
        let (moved, rewired) = (self.moves_problems(), self.rewires());
        let (before, now) = std::thread::scope(|s| {
            let old_side = s.spawn(|| {
                let before = with_program(after, old)?;
                let graph = if rewired {
                    Arc::new(NeedGraph::new(&before))
                } else {
                    graph.clone()
                };
                let problems = if moved {
                    own.extend(self.own.0);
                    own.extend(validate_with_graph(&before, &checked.broken, &graph));
                    crate::diag::sort(&mut own);
                    own
                } else {
                    // check does not look at statuses, starts, work or notes.
                    checked.diagnostics.clone()
                };
                let was = Derived::with_graph(&before, self.today, graph);
                Some((before, was, problems))
            });
            let now = Derived::with_graph(after, self.today, graph.clone());
            (joined(old_side), now)
        });
        let (before, was, problems_before) = before?;
        Some(Sides {
            before,
            was,
            problems_before,
            after: None,
            now,
            problems_after: None,
        })
    }
}

/// The indexes in `program` of the deliverables `changes` change; `None`
/// when they change anything else (a milestone, the program itself).
fn edited_deliverables(changes: &[Change], program: &Program) -> Option<Vec<usize>> {
    changes
        .iter()
        .map(|c| match (c.kind, c.id.as_deref()) {
            (Kind::DeliverableChanged, Some(id)) => {
                program.deliverables.iter().position(|d| d.id == id)
            }
            _ => None,
        })
        .collect()
}

/// The result of a scoped thread; its panic, if any, goes on in this one.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// `plans` with its program of `program`'s id replaced by `program`, when
/// both have the same deliverables in the same order (the portfolio's
/// indexes stay true).
fn with_program(plans: &Portfolio, program: Program) -> Option<Portfolio> {
    let at = plans.program_index(&program.id)?;
    let ids = |p: &Program| {
        p.deliverables
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>()
    };
    if ids(&plans.programs[at]) != ids(&program) {
        return None;
    }
    let mut before = plans.clone();
    before.programs[at] = program;
    Some(before)
}

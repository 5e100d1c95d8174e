//! Checking a write before it happens: the whole portfolio, with the edited
//! file's new bytes in place of the file, validated as `check` would. An
//! edit that adds an error is refused with that error; errors that were
//! there before are not the edit's fault.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::{Draft, Expected, PlanFiles, WriteError};
use crate::derive::Derived;
use crate::diag::Diagnostic;
use crate::escape::escape_control;
use crate::graph::NeedGraph;
use crate::load::{build, par_map, parse_raw};
use crate::model::{Portfolio, Program};
use crate::parse::{ParsedFile, parse_file};
use crate::review::forecast_moves::{ForecastChanges, target_crossings};
use crate::review::reach::reach;
use crate::review::{Change, Consequences, Field, Kind, Version, consequences_of, reaches_beyond};
use crate::validate::{Broken, validate_with_graph};

/// Refuses the draft when it would add an error `check` reports, or when
/// its changes reach beyond what was asked. Returns the warnings `check`
/// gives about the edited deliverable (an owner not on the team, a need
/// due after it), for the writer to pass on.
pub fn check(files: &PlanFiles, draft: &Draft) -> Result<Vec<Diagnostic>, WriteError> {
    let parsed = par_map(files.files(), |f| {
        if f.path == draft.path {
            parse_file(f.path.clone(), &draft.after)
        } else {
            parse_raw(f)
        }
    });
    let before = || par_map(files.files(), parse_raw);
    check_parsed(draft, parsed, before).map(|c| c.warnings)
}

/// The plans before and after a draft, checked: what [`check`] finds, and
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
    let reached = edited_deliverables(&draft.changes, &after.programs[at])
        .map(|edited| reach(after, &checked.graph, at, &edited, &old))
        .filter(|r| !r.is_everything() && checked.diagnostics.iter().all(|d| !d.is_error()));
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
        let now_graph = NeedGraph::new(&now_part);
        let before_graph = if self.rewires() {
            NeedGraph::new(&before)
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
                    NeedGraph::new(&before)
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

/// A draft whose changes are none: `Ok` only when the file already holds
/// the requested values and they are valid (docs/cli.md version 3: "Nothing
/// to change" only then). New text that means nothing new can still be
/// invalid (`needs+=Research`: an entry the id rule drops), and so can
/// the values already there: either is refused with the error.
pub fn check_unchanged(files: &PlanFiles, draft: &Draft) -> Result<(), WriteError> {
    if draft.after != draft.before {
        return check(files, draft).map(|_| ());
    }
    let parsed = par_map(files.files(), parse_raw);
    let lines = edited_lines(&parsed, draft);
    let (_, diagnostics) = build(parsed);
    match diagnostics
        .iter()
        .find(|d| d.is_error() && d.path == draft.path && lines.contains(&d.pos.line))
    {
        Some(e) => Err(WriteError::AlreadyInvalid(e.to_string())),
        None => Ok(()),
    }
}

/// What [`check_parsed`] found: the warnings about the edited deliverable,
/// and the portfolio as it will be once the draft is written.
pub struct Checked {
    pub warnings: Vec<Diagnostic>,
    pub portfolio: Portfolio,
    /// Everything `check` will report then.
    pub diagnostics: Vec<Diagnostic>,
    /// The portfolio's hand-off graph, as the check built it.
    pub graph: NeedGraph,
    /// What failed to load (references to it are not unknown).
    pub broken: Broken,
}

/// [`check`] for a caller that keeps its files parsed (the board): `after`
/// is every plan file parsed, the edited one from the draft's new bytes;
/// `before` gives them as they are now, asked for only when the result has
/// errors (to tell old errors from new ones).
pub fn check_parsed(
    draft: &Draft,
    after: Vec<ParsedFile>,
    before: impl FnOnce() -> Vec<ParsedFile>,
) -> Result<Checked, WriteError> {
    let lines = edited_lines(&after, draft);
    let crate::load::Built {
        portfolio,
        diagnostics,
        graph,
        broken,
    } = crate::load::build_keeping_graph(after);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Only now is the "before" needed: a portfolio without errors
        // costs one validation, not two.
        let (_, old) = build(before());
        if let Some(added) = first_added_error(&old, &diagnostics) {
            return Err(WriteError::WouldAddError(refusal(draft, &lines, added)));
        }
    }
    unexpected_change(draft)?;
    let warnings = diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.path == draft.path && lines.contains(&d.pos.line))
        .cloned()
        .collect();
    Ok(Checked {
        warnings,
        portfolio,
        diagnostics,
        graph,
        broken,
    })
}

/// The error that refuses a draft, as `check` says it. A refused `add`
/// writes nothing, so its line numbers count in the file as it would have
/// been (the one on disk may be shorter): that is said, and an error in
/// the added deliverable (`lines`) names its line there and the text.
fn refusal(draft: &Draft, lines: &Range<u32>, error: &Diagnostic) -> String {
    let said = error.to_string();
    if !matches!(draft.expected, Expected::Added) || error.path != draft.path {
        return said;
    }
    let at = error.pos.line;
    let after = String::from_utf8_lossy(&draft.after);
    let line = |n: u32| {
        n.checked_sub(1)
            .and_then(|i| after.lines().nth(i as usize))
            .map(str::trim)
    };
    // The added table is written as one block: its header, then its keys
    // up to a blank line or the next header.
    let in_block = lines.contains(&at)
        && (lines.start + 1..=at)
            .all(|n| line(n).is_some_and(|t| !t.is_empty() && !t.starts_with('[')));
    match line(at) {
        Some(text) if in_block => format!(
            "{said} (line {at} of {path} as it would be written: line {} of the added deliverable, `{}`)",
            at - lines.start + 1,
            escape_control(text),
            path = escape_control(&draft.path),
        ),
        _ => format!(
            "{said} (line {at} of {} as it would be written)",
            escape_control(&draft.path)
        ),
    }
}

/// The lines of the edited deliverable's (or metric's) table in the new
/// text: from its header to the next one's.
fn edited_lines(parsed: &[ParsedFile], draft: &Draft) -> Range<u32> {
    let Some(program) = parsed
        .iter()
        .filter_map(|p| p.program.as_ref())
        .find(|p| p.path == draft.path)
    else {
        return 0..0;
    };
    // The edited table's lines: a metric's, or a deliverable's.
    let lines: Vec<u32> = match draft.expected {
        Expected::MetricFields(_) => program.metrics.iter().map(|m| m.pos.line).collect(),
        _ => program.deliverables.iter().map(|d| d.pos.line).collect(),
    };
    let first = match draft.expected {
        Expected::MetricFields(_) => program
            .metrics
            .iter()
            .find(|m| m.id == draft.id)
            .map(|m| m.pos.line),
        _ => program.deliverable(&draft.id).map(|d| d.pos.line),
    };
    let Some(first) = first else {
        return 0..0;
    };
    let next = lines
        .into_iter()
        .filter(|&l| l > first)
        .min()
        .unwrap_or(u32::MAX);
    first..next
}

/// Errors are matched by file and message, each counted: a line number
/// in a message (`first defined at line 12`) may move with an added key.
fn first_added_error<'a>(before: &[Diagnostic], after: &'a [Diagnostic]) -> Option<&'a Diagnostic> {
    let key = |d: &Diagnostic| (d.path.clone(), without_line_numbers(&d.message));
    let mut known: HashMap<(Arc<str>, String), usize> = HashMap::new();
    for d in before.iter().filter(|d| d.is_error()) {
        *known.entry(key(d)).or_default() += 1;
    }
    after
        .iter()
        .filter(|d| d.is_error())
        .find(|d| match known.get_mut(&key(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
}

/// `line 12` → `line #`.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push('#');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// A safety net under the text splicing: the changes must be the asked
/// fields of the one deliverable, or its addition.
fn unexpected_change(draft: &Draft) -> Result<(), WriteError> {
    let asked = |c: &crate::review::Change| {
        c.program.as_deref() == Some(draft.program.as_str())
            && c.id.as_deref() == Some(draft.id.as_str())
            && match &draft.expected {
                Expected::Fields(fields) => {
                    c.kind == Kind::DeliverableChanged
                        && c.field().is_some_and(|f| fields.contains(&f))
                }
                Expected::MetricFields(fields) => {
                    c.kind == Kind::MetricChanged && c.field().is_some_and(|f| fields.contains(&f))
                }
                Expected::Added => c.kind == Kind::DeliverableAdded,
            }
    };
    match draft.changes.iter().find(|c| !asked(c)) {
        None => Ok(()),
        Some(c) => Err(WriteError::CannotEdit {
            path: draft.path.to_string(),
            why: format!(
                "the edit would also change what was not asked ({}): nothing written",
                crate::review::words::sentence(c)
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_do_not_make_an_error_new() {
        assert_eq!(
            without_line_numbers("duplicate id `a` (first defined at line 12)"),
            "duplicate id `a` (first defined at line #)"
        );
        assert_eq!(without_line_numbers("no line here"), "no line here");
    }

    #[test]
    fn only_errors_beyond_the_old_ones_are_added() {
        let path: Arc<str> = "boards/p.toml".into();
        let at = |line| crate::model::Pos { line, col: 1 };
        let e = |line, m: &str| Diagnostic::error(&path, at(line), m);
        let before = [e(1, "x"), e(2, "y")];
        let after = [e(3, "x"), e(4, "y"), e(5, "y")];
        assert_eq!(first_added_error(&before, &after), Some(&after[2]));
        assert_eq!(first_added_error(&before, &after[..2]), None);
    }
}

//! Checking a write before it happens: the whole portfolio, with the edited
//! file's new bytes in place of the file, validated as `check` would. An
//! edit that adds an error is refused with that error; errors that were
//! there before are not the edit's fault.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::{Draft, Expected, PlanFiles, WriteError};
use crate::diag::Diagnostic;
use crate::escape::escape_control;
use crate::graph::NeedGraph;
use crate::load::{build, par_map, parse_raw};
use crate::model::Portfolio;
use crate::parse::{ParsedFile, parse_file};
use crate::review::Kind;
use crate::validate::Broken;

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
    pub graph: Arc<NeedGraph>,
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

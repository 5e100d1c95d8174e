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
use crate::load::{build, par_map, parse_raw};
use crate::model::Portfolio;
use crate::parse::{ParsedFile, parse_file};
use crate::review::{Consequences, Kind, Version, consequences};

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
/// the problems it adds), worked out from both whole portfolios. The
/// files are parsed once; the plans before are built on another core
/// while the draft is checked.
pub fn check_with_consequences(
    files: &PlanFiles,
    draft: &Draft,
    today: jiff::civil::Date,
) -> Result<(Vec<Diagnostic>, Consequences), WriteError> {
    let before = par_map(files.files(), parse_raw);
    let mut after = before.clone();
    if let Some(i) = files.files().iter().position(|f| f.path == draft.path) {
        after[i] = parse_file(draft.path.clone(), &draft.after);
    }
    let copy = || before.clone();
    std::thread::scope(|s| {
        let old = s.spawn(|| {
            let (portfolio, problems) = build(copy());
            let derived = Derived::new(&portfolio, today);
            (portfolio, problems, derived)
        });
        let checked = check_parsed(draft, after, copy)?;
        let derived = Derived::new(&checked.portfolio, today);
        let (portfolio, problems, was) = old
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let found = consequences(
            &Version::new(&portfolio, &problems).with_derived(&was),
            &Version::new(&checked.portfolio, &checked.diagnostics).with_derived(&derived),
            today,
        );
        Ok((checked.warnings, found))
    })
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
    let lines = deliverable_lines(&parsed, draft);
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
    let lines = deliverable_lines(&after, draft);
    let (portfolio, diagnostics) = build(after);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Only now is the "before" needed: a portfolio without errors
        // costs one validation, not two.
        let (_, old) = build(before());
        if let Some(added) = first_added_error(&old, &diagnostics) {
            return Err(WriteError::WouldAddError(added.to_string()));
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
    })
}

/// The lines of the edited deliverable's table in the new text: from its
/// header to the next deliverable's.
fn deliverable_lines(parsed: &[ParsedFile], draft: &Draft) -> Range<u32> {
    let Some(program) = parsed
        .iter()
        .filter_map(|p| p.program.as_ref())
        .find(|p| p.path == draft.path)
    else {
        return 0..0;
    };
    let Some(first) = program.deliverable(&draft.id).map(|d| d.pos.line) else {
        return 0..0;
    };
    let next = program
        .deliverables
        .iter()
        .map(|d| d.pos.line)
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
                Expected::Added => c.kind == Kind::DeliverableAdded,
            }
    };
    match draft.changes.iter().find(|c| !asked(c)) {
        None => Ok(()),
        Some(c) => Err(WriteError::CannotEdit {
            path: draft.path.to_string(),
            why: format!(
                "the edit would also change what was not asked ({}): nothing written",
                c.sentence()
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

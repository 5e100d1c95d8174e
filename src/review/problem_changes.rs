//! The problems a change brings and ends: what `check` reports for TO and
//! not for FROM (introduced), and the reverse (fixed).
//!
//! A problem is the same on both sides when its severity, its file and its
//! message are: not its line, which any edit above it moves. A file is
//! known by its stem (a program's id), through a program rename, so that a
//! moved or renamed file brings nothing new by moving; a FROM message that
//! names a renamed program is read with its new id. Problems are counted
//! as a multiset: a message FROM had once and TO has twice is one new.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diag::{Diagnostic, Severity};
use crate::parse::program_id;

/// What a change does to the problems `check` reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProblemChanges {
    /// In TO and not in FROM, in `check`'s order.
    pub introduced: Vec<Diagnostic>,
    /// In FROM and not in TO, in `check`'s order.
    pub fixed: Vec<Diagnostic>,
}

/// What identifies a problem on both sides.
type Key<'a> = (Severity, &'a str, Cow<'a, str>);

/// The problems of `to` that `from` lacks and the reverse; `renamed` maps a
/// program's id in FROM to its id in TO.
pub fn problem_changes<'a>(
    from: &'a [Diagnostic],
    to: &'a [Diagnostic],
    renamed: &'a HashMap<&'a str, &'a str>,
) -> ProblemChanges {
    let key_from = |d: &'a Diagnostic| -> Key<'a> {
        let file = program_id(&d.path);
        let file = renamed.get(file).copied().unwrap_or(file);
        let mut message = Cow::Borrowed(d.message.as_str());
        for (was, now) in renamed {
            if message.contains(was) {
                message = Cow::Owned(with_id(&message, was, now));
            }
        }
        (d.severity, file, message)
    };
    let key_to = |d: &'a Diagnostic| -> Key<'a> {
        (
            d.severity,
            program_id(&d.path),
            Cow::Borrowed(d.message.as_str()),
        )
    };
    ProblemChanges {
        introduced: unmatched(to, key_to, from, key_from),
        fixed: unmatched(from, key_from, to, key_to),
    }
}

/// `message` with the id `was` (a whole id: not inside a longer one)
/// written as `now`.
fn with_id(message: &str, was: &str, now: &str) -> String {
    let is_id = crate::parse::is_id_char;
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(was) {
        let (before, after) = (&rest[..at], &rest[at + was.len()..]);
        let whole = !before.ends_with(is_id) && !after.starts_with(is_id);
        out.push_str(before);
        out.push_str(if whole { now } else { was });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The problems of `these` left over once each one of `others` has taken
/// one with the same key: the later ones of a repeated key are left over.
fn unmatched<'a>(
    these: &'a [Diagnostic],
    key: impl Fn(&'a Diagnostic) -> Key<'a>,
    others: &'a [Diagnostic],
    other_key: impl Fn(&'a Diagnostic) -> Key<'a>,
) -> Vec<Diagnostic> {
    let mut left: HashMap<Key<'a>, usize> = HashMap::new();
    for d in others {
        *left.entry(other_key(d)).or_default() += 1;
    }
    these
        .iter()
        .filter(|d| match left.get_mut(&key(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Pos;

    fn at(path: &str, line: u32, message: &str) -> Diagnostic {
        Diagnostic::error(&Arc::from(path), Pos { line, col: 1 }, message)
    }

    fn lines(list: &[Diagnostic]) -> Vec<String> {
        list.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn moved_lines_and_moved_files_are_the_same_problem() {
        let from = [at("boards/p.toml", 3, "a"), at("boards/q.toml", 9, "b")];
        let to = [
            at("boards/2027/p.toml", 5, "a"),
            at("boards/r.toml", 9, "b"),
        ];
        let renamed = HashMap::from([("q", "r")]);
        assert_eq!(
            problem_changes(&from, &to, &renamed),
            ProblemChanges::default()
        );
        let plain = problem_changes(&from, &to, &HashMap::new());
        assert_eq!(lines(&plain.introduced), ["boards/r.toml:9:1: error: b"]);
        assert_eq!(lines(&plain.fixed), ["boards/q.toml:9:1: error: b"]);
    }

    /// A message naming a renamed program is the same problem under the
    /// new id; a longer id that holds the old one is left alone.
    #[test]
    fn messages_naming_a_renamed_program_match_through_the_rename() {
        let from = [at(
            "boards/spring.toml",
            3,
            "owner `wei` is not on the team of `spring`",
        )];
        let to = [at(
            "boards/spring-2027.toml",
            3,
            "owner `wei` is not on the team of `spring-2027`",
        )];
        let renamed = HashMap::from([("spring", "spring-2027")]);
        assert_eq!(
            problem_changes(&from, &to, &renamed),
            ProblemChanges::default()
        );
        assert_eq!(
            with_id("`spring-x` and spring/copy", "spring", "s2"),
            "`spring-x` and s2/copy"
        );
    }

    #[test]
    fn a_repeated_problem_counts_each_time() {
        let from = [at("boards/p.toml", 3, "a"), at("boards/p.toml", 4, "w")];
        let to = [at("boards/p.toml", 3, "a"), at("boards/p.toml", 8, "a")];
        let found = problem_changes(&from, &to, &HashMap::new());
        assert_eq!(lines(&found.introduced), ["boards/p.toml:8:1: error: a"]);
        assert_eq!(lines(&found.fixed), ["boards/p.toml:4:1: error: w"]);
        let warning = Diagnostic::warning(&Arc::from("boards/p.toml"), Pos::default(), "a");
        let other_severity = problem_changes(&from[..1], &[warning], &HashMap::new());
        assert_eq!(other_severity.introduced.len(), 1);
        assert_eq!(other_severity.fixed.len(), 1);
    }
}

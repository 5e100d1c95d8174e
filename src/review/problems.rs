//! The problems a change brings and ends: what `check` reports for TO and
//! not for FROM (introduced), and the reverse (fixed).
//!
//! A problem is the same on both sides when its severity, its file and its
//! message are: not its line, which any edit above it moves. A file is
//! known by its stem (a program's id), through a program rename, so that a
//! moved or renamed file brings nothing new by moving. Problems are counted
//! as a multiset: a message FROM had once and TO has twice is one new.

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
type Key<'a> = (Severity, &'a str, &'a str);

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
        (d.severity, file, d.message.as_str())
    };
    let key_to =
        |d: &'a Diagnostic| -> Key<'a> { (d.severity, program_id(&d.path), d.message.as_str()) };
    ProblemChanges {
        introduced: unmatched(to, key_to, from, key_from),
        fixed: unmatched(from, key_from, to, key_to),
    }
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

//! The problems of one file as they are found: at most one error at a
//! position (a second one there, say "wrong type" after a syntax error, is
//! noise) and at most [`LIMIT`] in all. Past the limit they are counted,
//! not kept, and one line says how many more there are: a hostile file
//! cannot make `check` print (or hold) millions of lines.

use std::collections::HashSet;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::model::Pos;

/// Problems kept for one file (with the line that counts the rest, the
/// per-file limit of the outputs).
pub(super) const LIMIT: usize = crate::diag::PER_FILE - 1;

#[derive(Debug, Default)]
pub(super) struct FileProblems {
    list: Vec<Diagnostic>,
    errors_at: HashSet<Pos>,
    /// Problems past the limit: (how many, where the first was).
    skipped: Option<(usize, Pos)>,
}

impl FileProblems {
    pub(super) fn has_error_at(&self, pos: Pos) -> bool {
        self.errors_at.contains(&pos)
    }

    /// Records an error unless one is already recorded at `pos`.
    pub(super) fn error(&mut self, path: &Arc<str>, pos: Pos, message: impl Into<String>) {
        if !self.has_error_at(pos) {
            self.push(Diagnostic::error(path, pos, message));
        }
    }

    pub(super) fn warning(&mut self, path: &Arc<str>, pos: Pos, message: impl Into<String>) {
        self.push(Diagnostic::warning(path, pos, message));
    }

    /// Records a problem found elsewhere (a section read on its own).
    pub(super) fn push(&mut self, d: Diagnostic) {
        if self.list.len() >= LIMIT {
            let (n, _) = self.skipped.get_or_insert((0, d.pos));
            *n += 1;
            return;
        }
        if d.is_error() {
            self.errors_at.insert(d.pos);
        }
        self.list.push(d);
    }

    /// How many are kept.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether some were only counted.
    pub(super) fn overflowed(&self) -> bool {
        self.skipped.is_some()
    }

    /// The problems, with the line that says how many more there were.
    pub(super) fn into_vec(self, path: &Arc<str>) -> Vec<Diagnostic> {
        let mut list = self.list;
        if let Some((n, at)) = self.skipped {
            list.push(Diagnostic::not_listed(path, at, n));
        }
        list
    }
}

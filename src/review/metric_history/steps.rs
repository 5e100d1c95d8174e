//! A program's step at one commit: what `history` does there for a
//! program whose file changed, came or went, worked out once per commit
//! and stem.

use std::sync::Arc;

use super::{At, Delta, MetricHistory};
use crate::git::{ObjectId, Repo};
use crate::model::{Portfolio, Program};
use crate::parse::ParsedFile;
use crate::repo::LoadError;
use crate::review::change::{Change, Detail, Field, Value};
use crate::review::compare::{compare, compare_program};
use crate::review::renames::same_deliverables;

/// A program's step at one commit.
pub(super) struct Step {
    /// The stem its history follows from here back, when a rename changed it.
    pub(super) follow: Option<String>,
    pub(super) entry: Option<Entry>,
}

/// A commit in a program's history.
pub(super) struct Entry {
    /// The metrics' new `actual` values the commit's changes set, in order.
    pub(super) points: Vec<(String, f64)>,
    /// Whether the commit changed the program at all. Unknown when only
    /// the heads of the two versions were compared, and they are equal:
    /// the whole versions say (needed only for the oldest commit).
    changed: Option<bool>,
    versions: Option<(At, At)>,
}

impl MetricHistory {
    /// The step of the program followed as `stem` at `oid`, worked out once.
    pub(super) fn step(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        stem: &str,
        delta: &Delta,
    ) -> Result<Arc<Step>, LoadError> {
        let key = (oid, stem.to_string());
        if let Some(step) = self.steps.get(&key) {
            return Ok(step.clone());
        }
        let step = Arc::new(self.work_out(repo, stem, delta)?);
        self.steps.insert(key, step.clone());
        Ok(step)
    }

    /// What `history` does at one commit for a program's file that changed.
    fn work_out(&mut self, repo: &Repo, stem: &str, delta: &Delta) -> Result<Step, LoadError> {
        let nothing = Step {
            follow: None,
            entry: None,
        };
        let Some((_, old_at, new_at)) = delta.iter().find(|(s, ..)| s == stem) else {
            return Ok(nothing);
        };
        let old = self.head_of(repo, old_at.as_ref())?;
        let new = self.head_of(repo, new_at.as_ref())?;
        // A version that could not be read: its changes are not known.
        if old.iter().chain(new.iter()).any(|f| f.unread.is_some()) {
            return Ok(nothing);
        }
        let (old, new) = (old.and_then(|f| f.program), new.and_then(|f| f.program));
        if let Some((was, before, after)) = self.renamed(repo, stem, delta, &old, &new)? {
            let changes = compare(
                &Portfolio::new(Vec::new(), vec![before]),
                &Portfolio::new(Vec::new(), vec![after]),
            );
            return Ok(Step {
                follow: (was != stem).then_some(was),
                entry: Some(entry_of(&changes, Some(!changes.is_empty()), None)),
            });
        }
        let entry = match (old, new) {
            // Added: the program comes with all it holds, but no change of a value.
            (None, new) => new.map(|_| entry_of(&[], Some(true), None)),
            (Some(_), None) => Some(entry_of(&[], Some(true), None)),
            (Some(a), Some(b)) => {
                let mut changes = Vec::new();
                compare_program(&a, &b, &mut changes);
                let known = (!changes.is_empty()).then_some(true);
                let versions = old_at.clone().zip(new_at.clone());
                Some(entry_of(&changes, known, versions))
            }
        };
        Ok(Step {
            follow: None,
            entry,
        })
    }

    /// A program whose file came (or went) in this commit under another
    /// stem with the same deliverables: (the stem before, before, after).
    fn renamed(
        &mut self,
        repo: &Repo,
        stem: &str,
        delta: &Delta,
        old: &Option<Program>,
        new: &Option<Program>,
    ) -> Result<Option<(String, Program, Program)>, LoadError> {
        let here = delta.iter().find(|(s, ..)| s == stem);
        let (Some((_, old_at, new_at)), true) = (here, old.is_some() != new.is_some()) else {
            return Ok(None);
        };
        let mine = match (old_at, new_at, old.is_some()) {
            (Some(at), _, true) | (_, Some(at), false) => self.whole(repo, at)?.program,
            _ => None,
        };
        let Some(mine) = mine else { return Ok(None) };
        for (other, gone, came) in delta {
            let other_at = match (gone, came, old.is_some()) {
                // Into this stem: one that went; out of it: one that came.
                (Some(at), None, false) | (None, Some(at), true) => at,
                _ => continue,
            };
            let Some(prog) = self.whole(repo, other_at)?.program else {
                continue;
            };
            if old.is_none() && same_deliverables(&prog, &mine) {
                return Ok(Some((other.clone(), prog, mine)));
            }
            if old.is_some() && same_deliverables(&mine, &prog) {
                return Ok(Some((stem.to_string(), mine, prog)));
            }
        }
        Ok(None)
    }

    /// Whether the entry's commit changed its program at all.
    pub(super) fn changed(&mut self, repo: &Repo, step: &Step) -> Result<bool, LoadError> {
        let Some(entry) = &step.entry else {
            return Ok(false);
        };
        match (entry.changed, &entry.versions) {
            (Some(known), _) => Ok(known),
            (None, Some((old, new))) => {
                let (a, b) = (
                    self.whole(repo, old)?.program,
                    self.whole(repo, new)?.program,
                );
                let mut changes = Vec::new();
                if let (Some(a), Some(b)) = (a, b) {
                    compare_program(&a, &b, &mut changes);
                }
                Ok(!changes.is_empty())
            }
            (None, None) => Ok(false),
        }
    }

    pub(super) fn head_of(
        &mut self,
        repo: &Repo,
        at: Option<&At>,
    ) -> Result<Option<ParsedFile>, LoadError> {
        at.map(|(path, blob)| self.cache.head(repo, *blob, path, self.limit))
            .transpose()
    }

    fn whole(&mut self, repo: &Repo, (path, blob): &At) -> Result<ParsedFile, LoadError> {
        self.cache.get(repo, *blob, path, self.limit)
    }
}

/// An entry with the values its changes set.
fn entry_of(changes: &[Change], changed: Option<bool>, versions: Option<(At, At)>) -> Entry {
    let points = changes
        .iter()
        .filter_map(|c| match (&c.id, &c.detail) {
            (
                Some(id),
                Detail::Changed {
                    field: Field::Actual,
                    to: Value::Number(value),
                    ..
                },
            ) => Some((id.clone(), value.as_f64())),
            _ => None,
        })
        .collect();
    Entry {
        points,
        changed,
        versions,
    }
}

//! A program's step at one commit: what `history` does there for a
//! program whose file changed, came or went, worked out once per commit
//! and stem.

use std::sync::Arc;

use super::{At, Changed, MetricHistory, Name};
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
    pub(super) follow: Option<Name>,
    pub(super) entry: Option<Entry>,
}

/// A commit in a program's history.
pub(super) struct Entry {
    /// The metrics' new `actual` values the commit's changes set, in order.
    points: Box<[(Name, f64)]>,
    /// Whether the commit changed the program at all. Unknown when only
    /// the heads of the two versions were compared, and they are equal:
    /// the whole versions say (needed only for the oldest commit).
    changed: Option<bool>,
    versions: Option<(At, At)>,
}

impl Step {
    pub(super) fn points(&self) -> &[(Name, f64)] {
        self.entry.as_ref().map_or(&[], |e| &e.points)
    }
}

impl MetricHistory {
    /// The step of the program followed as `stem` at `oid`, worked out once.
    pub(super) fn step(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        stem: Name,
    ) -> Result<&Step, LoadError> {
        let known = self
            .commits
            .get(&oid)
            .and_then(|m| m.steps.iter().position(|(n, _)| *n == stem));
        let at = match known {
            Some(at) => at,
            None => {
                let delta = self.commits.get(&oid).map(|m| m.delta.clone());
                let step = self.work_out(repo, stem, &delta.unwrap_or_default())?;
                let steps = &mut self.commits.entry(oid).or_default().steps;
                // Most commits are one program's step: no room for more.
                steps.reserve_exact(1);
                steps.push((stem, step));
                steps.len() - 1
            }
        };
        // Found or pushed just above.
        Ok(&self.commits[&oid].steps[at].1)
    }

    /// What `history` does at one commit for a program's file that changed.
    fn work_out(&mut self, repo: &Repo, stem: Name, delta: &[Changed]) -> Result<Step, LoadError> {
        let nothing = Step {
            follow: None,
            entry: None,
        };
        let Some(here) = delta.iter().find(|c| c.stem == stem).copied() else {
            return Ok(nothing);
        };
        let old = self.head_of(repo, here.old)?;
        let new = self.head_of(repo, here.new)?;
        // A version that could not be read: its changes are not known.
        if old.iter().chain(new.iter()).any(|f| f.unread.is_some()) {
            return Ok(nothing);
        }
        let (old, new) = (old.and_then(|f| f.program), new.and_then(|f| f.program));
        if let Some((was, before, after)) = self.renamed(repo, here, delta, &old, &new)? {
            let changes = compare(
                &Portfolio::new(Vec::new(), vec![before]),
                &Portfolio::new(Vec::new(), vec![after]),
            );
            return Ok(Step {
                follow: (was != stem).then_some(was),
                entry: Some(self.entry_of(&changes, Some(!changes.is_empty()), None)),
            });
        }
        let entry = match (old, new) {
            // Added: the program comes with all it holds, but no change of a value.
            (None, new) => new.map(|_| self.entry_of(&[], Some(true), None)),
            (Some(_), None) => Some(self.entry_of(&[], Some(true), None)),
            (Some(a), Some(b)) => {
                let mut changes = Vec::new();
                compare_program(&a, &b, &mut changes);
                let known = (!changes.is_empty()).then_some(true);
                let versions = here.old.zip(here.new);
                Some(self.entry_of(&changes, known, versions))
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
        here: Changed,
        delta: &[Changed],
        old: &Option<Program>,
        new: &Option<Program>,
    ) -> Result<Option<(Name, Program, Program)>, LoadError> {
        if old.is_some() == new.is_some() {
            return Ok(None);
        }
        let mine = match (here.old, here.new, old.is_some()) {
            (Some(at), _, true) | (_, Some(at), false) => self.whole(repo, at)?.program,
            _ => None,
        };
        let Some(mine) = mine else { return Ok(None) };
        for other in delta {
            let other_at = match (other.old, other.new, old.is_some()) {
                // Into this stem: one that went; out of it: one that came.
                (Some(at), None, false) | (None, Some(at), true) => at,
                _ => continue,
            };
            let Some(prog) = self.whole(repo, other_at)?.program else {
                continue;
            };
            if old.is_none() && same_deliverables(&prog, &mine) {
                return Ok(Some((other.stem, prog, mine)));
            }
            if old.is_some() && same_deliverables(&mine, &prog) {
                return Ok(Some((here.stem, mine, prog)));
            }
        }
        Ok(None)
    }

    /// Whether the commit changed the program followed as `stem` at all.
    pub(super) fn changed(
        &mut self,
        repo: &Repo,
        oid: ObjectId,
        stem: Name,
    ) -> Result<bool, LoadError> {
        let (known, versions) = match &self.step(repo, oid, stem)?.entry {
            Some(entry) => (entry.changed, entry.versions),
            None => return Ok(false),
        };
        match (known, versions) {
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

    fn head_of(&mut self, repo: &Repo, at: Option<At>) -> Result<Option<ParsedFile>, LoadError> {
        let Some((path, blob)) = at else {
            return Ok(None);
        };
        let path = self.names.get(path).clone();
        Ok(Some(self.cache.head(repo, blob, &path, self.limit)?))
    }

    fn whole(&mut self, repo: &Repo, (path, blob): At) -> Result<ParsedFile, LoadError> {
        let path: Arc<str> = self.names.get(path).clone();
        self.cache.get(repo, blob, &path, self.limit)
    }

    /// An entry with the values its changes set.
    fn entry_of(
        &mut self,
        changes: &[Change],
        changed: Option<bool>,
        versions: Option<(At, At)>,
    ) -> Entry {
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
                ) => Some((self.names.of(id), value.as_f64())),
                _ => None,
            })
            .collect();
        Entry {
            points,
            changed,
            versions,
        }
    }
}

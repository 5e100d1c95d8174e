//! Every program's metric series at once, kept for a session: what the
//! board's metrics view draws. [`metric_series`] walks the whole history
//! for one program; the board asked it for each of a hundred programs on
//! every reload. Here history is walked once and only extended when HEAD
//! moves: each commit is read and compared with its parent once (which
//! program files it changed), each version of a file is read once and only
//! for its head (`[program]`, team, milestones, metrics: see
//! `cache/heads.rs`), and each program's step at each commit is worked out
//! once. A program's series is then a pass over small memos.
//!
//! The result is [`metric_series`]'s for each program: the same walk order,
//! the same renames followed, the same changes. Two cases where a file is
//! broken may differ: two plan files with the same stem (a duplicate
//! program), and a version whose `[program]` cannot be read at all, which
//! `metric_series` compares differently depending on where the file stood
//! in the previous commit.
//!
//! [`metric_series`]: super::metric_series::metric_series

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::civil::Date;

use super::history::local_date;
use super::metric_series::Series;
use crate::cache::BlobCache;
use crate::git::{CommitHead, EntryKind, IdMap, ObjectId, RawObjects, Repo, walk_order};
use crate::parse::program_id;
use crate::repo::LoadError;

mod steps;

use steps::Step;

/// A plan file in one version: its path and blob.
type At = (Arc<str>, ObjectId);

/// What a commit changed under the boards directory: each program stem
/// whose file changed (or came, or went), before and after, in stem order.
type Delta = Vec<(String, Option<At>, Option<At>)>;

/// Metrics' `actual` values: (metric id, value).
type Values = Arc<Vec<(String, f64)>>;

/// The history of every program's metrics, read once per session.
pub struct MetricHistory {
    boards: String,
    limit: u64,
    /// Every commit read so far.
    heads: IdMap<CommitHead>,
    /// What each commit walked (but a merge) changed; empty when its boards
    /// tree is its parent's.
    deltas: IdMap<Arc<Delta>>,
    steps: HashMap<(ObjectId, String), Arc<Step>>,
    dates: IdMap<Option<Date>>,
    /// A program's metrics in the oldest commit of its history.
    firsts: HashMap<(ObjectId, String), Values>,
    cache: BlobCache,
}

/// Each program's series by metric id, or why it has none.
pub type AllSeries = Vec<(String, Result<BTreeMap<String, Series>, LoadError>)>;

impl MetricHistory {
    pub fn new(boards: &str, limit: u64) -> MetricHistory {
        MetricHistory {
            boards: boards.to_string(),
            limit,
            heads: IdMap::default(),
            deltas: IdMap::default(),
            steps: HashMap::new(),
            dates: IdMap::default(),
            firsts: HashMap::new(),
            cache: BlobCache::default(),
        }
    }

    /// The series of every metric of each of `programs`, walking back from
    /// `head`; `Ok(None)` when `stop` said to stop (asked between steps).
    /// An object that cannot be read on the common walk is an error; a
    /// program's own file that cannot be read is that program's.
    pub fn series(
        &mut self,
        repo: &Repo,
        head: ObjectId,
        programs: &[String],
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<AllSeries>, LoadError> {
        repo.check_commit(head)?;
        let objects = RawObjects::new(repo)?;
        objects.read_heads(head, &mut self.heads);
        let walk = walk_order(&self.heads, head);
        if !self.read_deltas(&objects, &walk, stop) {
            return Ok(None);
        }
        if let Some(e) = objects.damage() {
            return Err(e.into());
        }
        let mut out = Vec::with_capacity(programs.len());
        for program in programs {
            if stop() {
                return Ok(None);
            }
            let series = self.program(repo, &objects, &walk, program);
            if let Some(e) = objects.damage() {
                return Err(e.into());
            }
            out.push((program.clone(), series));
            // A program's file versions are its own: the steps and values
            // worked out from them are kept, the readings need not be.
            self.cache = BlobCache::default();
        }
        Ok(Some(out))
    }

    /// Works out what each commit of the walk changed, once; false when
    /// stopped.
    fn read_deltas(
        &mut self,
        objects: &RawObjects,
        walk: &[ObjectId],
        stop: &dyn Fn() -> bool,
    ) -> bool {
        let boards = self.boards.as_str();
        let tree_at = |commit: &CommitHead| {
            objects
                .entry_at(commit.tree, boards)
                .filter(|(_, kind)| *kind == EntryKind::Tree)
                .map(|(id, _)| id)
        };
        // The last boards tree listed: a commit's is its child's old one.
        let mut last: Option<(ObjectId, Arc<Files>)> = None;
        let mut listed = |tree: Option<ObjectId>| -> Arc<Files> {
            let Some(tree) = tree else {
                return Arc::default();
            };
            if let Some((id, files)) = &last
                && *id == tree
            {
                return files.clone();
            }
            let files = Arc::new(by_stem(
                objects.toml_files(tree, boards).unwrap_or_default(),
            ));
            last = Some((tree, files.clone()));
            files
        };
        for (n, oid) in walk.iter().enumerate() {
            if n % 64 == 0 && stop() {
                return false;
            }
            let head = &self.heads[oid];
            if self.deltas.contains_key(oid) || head.parents.len() > 1 {
                continue;
            }
            // A parent not read (the edge of a shallow clone) counts as none.
            let parent = head.parents.first().and_then(|p| self.heads.get(p));
            let new_tree = tree_at(head);
            let old_tree = parent.and_then(tree_at);
            let delta = if new_tree == old_tree {
                Delta::new()
            } else {
                let new = listed(new_tree);
                let old = listed(old_tree);
                changed(&old, &new)
            };
            self.deltas.insert(*oid, Arc::new(delta));
        }
        true
    }

    /// One program's series, as `metric_series` gives it.
    fn program(
        &mut self,
        repo: &Repo,
        objects: &RawObjects,
        walk: &[ObjectId],
        program: &str,
    ) -> Result<BTreeMap<String, Series>, LoadError> {
        let mut followed = program.to_string();
        let mut entries: Vec<(ObjectId, Arc<Step>)> = Vec::new();
        for oid in walk {
            let Some(delta) = self.deltas.get(oid).cloned() else {
                continue;
            };
            if !delta.iter().any(|(stem, ..)| *stem == followed) {
                continue;
            }
            let step = self.step(repo, *oid, &followed, &delta)?;
            if let Some(stem) = &step.follow {
                followed.clone_from(stem);
            }
            if step.entry.is_some() {
                entries.push((*oid, step));
            }
        }
        // Oldest first, so that later values of a day replace earlier ones.
        let mut points: BTreeMap<String, BTreeMap<Date, f64>> = BTreeMap::new();
        for (oid, step) in entries.iter().rev() {
            let Some(date) = self.date(repo, *oid)? else {
                continue;
            };
            for (id, value) in step.entry.iter().flat_map(|e| &e.points) {
                points.entry(id.clone()).or_default().insert(date, *value);
            }
        }
        // The first value of each metric comes from the oldest commit of the
        // history: a program's addition carries no values.
        let mut oldest = None;
        for (oid, step) in entries.iter().rev() {
            if self.changed(repo, step)? {
                oldest = Some(*oid);
                break;
            }
        }
        if let Some(oid) = oldest
            && let Some(date) = self.date(repo, oid)?
        {
            for (id, actual) in self.first(repo, objects, oid, program)?.iter() {
                points
                    .entry(id.clone())
                    .or_default()
                    .entry(date)
                    .or_insert(*actual);
            }
        }
        Ok(points
            .into_iter()
            .map(|(id, by_day)| (id, by_day.into_iter().collect()))
            .collect())
    }

    /// The metrics (id, actual) of the plan files named `program` in `oid`.
    fn first(
        &mut self,
        repo: &Repo,
        objects: &RawObjects,
        oid: ObjectId,
        program: &str,
    ) -> Result<Values, LoadError> {
        let key = (oid, program.to_string());
        if let Some(first) = self.firsts.get(&key) {
            return Ok(first.clone());
        }
        let tree = self.heads.get(&oid).and_then(|h| {
            objects
                .entry_at(h.tree, &self.boards)
                .filter(|(_, kind)| *kind == EntryKind::Tree)
        });
        let files = match tree {
            Some((tree, _)) => objects.toml_files(tree, &self.boards).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut out = Vec::new();
        for (path, blob) in files.into_iter().filter(|(p, _)| program_id(p) == program) {
            let head = self
                .cache
                .head(repo, blob, &Arc::from(path.as_str()), self.limit)?;
            for m in head.program.iter().flat_map(|p| &p.metrics) {
                if let Some(actual) = m.actual {
                    out.push((m.id.clone(), actual.as_f64()));
                }
            }
        }
        let out = Arc::new(out);
        self.firsts.insert(key, out.clone());
        Ok(out)
    }

    /// The commit's author date in the local time zone.
    fn date(&mut self, repo: &Repo, oid: ObjectId) -> Result<Option<Date>, LoadError> {
        if let Some(date) = self.dates.get(&oid) {
            return Ok(*date);
        }
        let info = repo.commit_info(oid)?;
        let date = local_date(info.author_time).parse::<Date>().ok();
        self.dates.insert(oid, date);
        Ok(date)
    }
}

/// Plan files of one version by stem, as `history` keys them (of two files
/// with one stem, the later path).
type Files = BTreeMap<String, At>;

fn by_stem(files: Vec<(String, ObjectId)>) -> Files {
    files
        .into_iter()
        .map(|(path, blob)| {
            (
                program_id(&path).to_string(),
                (Arc::from(path.as_str()), blob),
            )
        })
        .collect()
}

/// The stems whose blob differs between two versions, or that one lacks.
fn changed(old: &Files, new: &Files) -> Delta {
    let mut out: Delta = new
        .iter()
        .filter(|(stem, (_, blob))| old.get(*stem).map(|(_, b)| b) != Some(blob))
        .map(|(stem, at)| (stem.clone(), old.get(stem).cloned(), Some(at.clone())))
        .collect();
    out.extend(
        old.iter()
            .filter(|(stem, _)| !new.contains_key(*stem))
            .map(|(stem, at)| (stem.clone(), Some(at.clone()), None)),
    );
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

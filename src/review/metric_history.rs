//! Every program's metric series at once, kept for a session: what the
//! board's metrics view draws. [`metric_series`] walks the whole history
//! for one program; the board asked it for each of a hundred programs on
//! every reload. Here history is walked once and only extended when HEAD
//! moves: each commit is read and compared with its parent once (which
//! program files it changed), each version of a file is read once and only
//! for its head (`[program]`, team, milestones, metrics: see
//! `cache/heads.rs`), and each program's step at each commit is worked out
//! once. A program's series is then a pass over small memos, kept compact
//! (names stored once, no allocation per commit but one): the board holds
//! them for the session.
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
use crate::graph::IdMap as NameMap;
use crate::parse::program_id;
use crate::repo::LoadError;

mod steps;

use steps::Step;

/// A name met on the walk (a stem, a path, a metric id), by its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Name(u32);

/// Every name met, each stored once.
#[derive(Default)]
struct Names {
    all: Vec<Arc<str>>,
    number: NameMap<Arc<str>, Name>,
}

impl Names {
    fn of(&mut self, name: &str) -> Name {
        if let Some(n) = self.number.get(name) {
            return *n;
        }
        let n = Name(u32::try_from(self.all.len()).unwrap_or(u32::MAX));
        let name: Arc<str> = Arc::from(name);
        self.all.push(name.clone());
        self.number.insert(name, n);
        n
    }

    fn get(&self, n: Name) -> &Arc<str> {
        // Every Name was made by `of`, which stored it.
        &self.all[n.0 as usize]
    }
}

/// A plan file in one version: its path and blob.
type At = (Name, ObjectId);

/// One program stem whose file changed (or came, or went) in a commit.
#[derive(Clone, Copy)]
struct Changed {
    stem: Name,
    old: Option<At>,
    new: Option<At>,
}

/// What a commit changed under the boards directory, in stem order.
type Delta = Box<[Changed]>;

/// The plan files of one version by stem, in stem order.
type Listing = Arc<[(Name, At)]>;

/// Metrics' `actual` values: (metric id, value).
type Values = Box<[(Name, f64)]>;

/// What is kept of a commit walked (but a merge): one entry per commit,
/// each part as small as it can be.
#[derive(Default)]
struct Memo {
    /// Empty when its boards tree is its parent's.
    delta: Delta,
    /// Each program's step there, by the stem followed.
    steps: Vec<(Name, Step)>,
    /// Its author date in the local time zone, once read.
    date: Option<Option<Date>>,
}

/// The history of every program's metrics, read once per session.
pub struct MetricHistory {
    boards: String,
    limit: u64,
    names: Names,
    /// Every commit read so far.
    heads: IdMap<CommitHead>,
    commits: IdMap<Memo>,
    /// A program's metrics in the oldest commit of its history.
    firsts: HashMap<(ObjectId, Name), Values>,
    cache: BlobCache,
}

/// Each program's series by metric id, or why it has none.
pub type AllSeries = Vec<(String, Result<BTreeMap<String, Series>, LoadError>)>;

impl MetricHistory {
    pub fn new(boards: &str, limit: u64) -> MetricHistory {
        MetricHistory {
            boards: boards.to_string(),
            limit,
            names: Names::default(),
            heads: IdMap::default(),
            commits: IdMap::default(),
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
        let tree_at = |commit: &CommitHead| {
            objects
                .entry_at(commit.tree, &self.boards)
                .filter(|(_, kind)| *kind == EntryKind::Tree)
                .map(|(id, _)| id)
        };
        // The last boards tree listed: a commit's is its child's old one.
        let mut last: Option<(ObjectId, Listing)> = None;
        for (n, oid) in walk.iter().enumerate() {
            if n % 64 == 0 && stop() {
                return false;
            }
            let head = &self.heads[oid];
            if self.commits.contains_key(oid) || head.parents.len() > 1 {
                continue;
            }
            // A parent not read (the edge of a shallow clone) counts as none.
            let parent = head.parents.first().and_then(|p| self.heads.get(p));
            let (new_tree, old_tree) = (tree_at(head), parent.and_then(tree_at));
            let delta = if new_tree == old_tree {
                Delta::default()
            } else {
                let mut listed = |tree: Option<ObjectId>| match (tree, &last) {
                    (None, _) => Arc::default(),
                    (Some(t), Some((seen, files))) if *seen == t => files.clone(),
                    (Some(t), _) => {
                        let files = by_stem(&mut self.names, objects, t, &self.boards);
                        last = Some((t, files.clone()));
                        files
                    }
                };
                let new = listed(new_tree);
                let old = listed(old_tree);
                changed(&self.names, &old, &new)
            };
            let memo = Memo {
                delta,
                ..Memo::default()
            };
            self.commits.insert(*oid, memo);
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
        let target = self.names.of(program);
        let mut followed = target;
        // The commits of its history: (commit, the stem followed there).
        let mut entries: Vec<(ObjectId, Name)> = Vec::new();
        for oid in walk {
            let touched = self
                .commits
                .get(oid)
                .is_some_and(|m| m.delta.iter().any(|c| c.stem == followed));
            if !touched {
                continue;
            }
            let step = self.step(repo, *oid, followed)?;
            let (follow, entry) = (step.follow, step.entry.is_some());
            if entry {
                entries.push((*oid, followed));
            }
            followed = follow.unwrap_or(followed);
        }
        // Oldest first, so that later values of a day replace earlier ones.
        let mut points: HashMap<Name, BTreeMap<Date, f64>> = HashMap::new();
        for (oid, stem) in entries.iter().rev() {
            let Some(date) = self.date(repo, *oid)? else {
                continue;
            };
            for (id, value) in self.step(repo, *oid, *stem)?.points() {
                points.entry(*id).or_default().insert(date, *value);
            }
        }
        // The first value of each metric comes from the oldest commit of the
        // history: a program's addition carries no values.
        let mut oldest = None;
        for (oid, stem) in entries.iter().rev() {
            if self.changed(repo, *oid, *stem)? {
                oldest = Some(*oid);
                break;
            }
        }
        if let Some(oid) = oldest
            && let Some(date) = self.date(repo, oid)?
        {
            self.first(repo, objects, oid, target)?;
            for (id, actual) in self.firsts[&(oid, target)].iter() {
                points
                    .entry(*id)
                    .or_default()
                    .entry(date)
                    .or_insert(*actual);
            }
        }
        Ok(points
            .into_iter()
            .map(|(id, by_day)| (self.names.get(id).to_string(), by_day.into_iter().collect()))
            .collect())
    }

    /// Reads the metrics (id, actual) of the plan files named `program` in
    /// `oid` into `firsts`, once.
    fn first(
        &mut self,
        repo: &Repo,
        objects: &RawObjects,
        oid: ObjectId,
        program: Name,
    ) -> Result<(), LoadError> {
        if self.firsts.contains_key(&(oid, program)) {
            return Ok(());
        }
        let tree = self.heads.get(&oid).and_then(|h| {
            objects
                .entry_at(h.tree, &self.boards)
                .filter(|(_, kind)| *kind == EntryKind::Tree)
        });
        let mut files = Vec::new();
        if let Some((tree, _)) = tree {
            let wanted = self.names.get(program).clone();
            objects.each_toml_file(tree, &self.boards, &mut |path, blob| {
                if program_id(path) == &*wanted {
                    files.push((path.to_string(), blob));
                }
            });
        }
        files.sort();
        let mut out = Vec::new();
        for (path, blob) in files {
            let head = self.cache.head(repo, blob, &Arc::from(path), self.limit)?;
            for m in head.program.iter().flat_map(|p| &p.metrics) {
                if let Some(actual) = m.actual {
                    out.push((self.names.of(&m.id), actual.as_f64()));
                }
            }
        }
        self.firsts.insert((oid, program), out.into());
        Ok(())
    }

    /// The commit's author date in the local time zone.
    fn date(&mut self, repo: &Repo, oid: ObjectId) -> Result<Option<Date>, LoadError> {
        if let Some(date) = self.commits.get(&oid).and_then(|m| m.date) {
            return Ok(date);
        }
        let info = repo.commit_info(oid)?;
        let date = local_date(info.author_time).parse::<Date>().ok();
        self.commits.entry(oid).or_default().date = Some(date);
        Ok(date)
    }
}

/// The plan files of a boards tree by stem, in stem order, as `history`
/// keys them (of two files with one stem, the later path). A tree that
/// cannot be read lists nothing (the reader notes the damage).
fn by_stem(names: &mut Names, objects: &RawObjects, tree: ObjectId, boards: &str) -> Listing {
    let mut files: Vec<(Name, At)> = Vec::new();
    objects.each_toml_file(tree, boards, &mut |path, blob| {
        files.push((names.of(program_id(path)), (names.of(path), blob)));
    });
    // Path order, so that the later path of a stem wins; then stem order.
    files.sort_by(|a, b| names.get(a.1.0).as_bytes().cmp(names.get(b.1.0).as_bytes()));
    let mut by: BTreeMap<&[u8], (Name, At)> = BTreeMap::new();
    for (stem, at) in files {
        by.insert(names.get(stem).as_bytes(), (stem, at));
    }
    by.into_values().collect()
}

/// The stems whose blob differs between two versions, or that one lacks,
/// in stem order (both lists are).
fn changed(names: &Names, old: &[(Name, At)], new: &[(Name, At)]) -> Delta {
    let order = |a: Name, b: Name| names.get(a).as_bytes().cmp(names.get(b).as_bytes());
    let (mut old, mut new) = (old.iter().peekable(), new.iter().peekable());
    let mut out = Vec::new();
    loop {
        let (o, n) = (old.peek().copied(), new.peek().copied());
        let next = match (o, n) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(o), Some(n)) => order(o.0, n.0),
        };
        let (stem, before, after) = match next {
            std::cmp::Ordering::Less => (o.map(|x| x.0), o.map(|x| x.1), None),
            std::cmp::Ordering::Greater => (n.map(|x| x.0), None, n.map(|x| x.1)),
            std::cmp::Ordering::Equal => (o.map(|x| x.0), o.map(|x| x.1), n.map(|x| x.1)),
        };
        if next != std::cmp::Ordering::Greater {
            old.next();
        }
        if next != std::cmp::Ordering::Less {
            new.next();
        }
        let same = matches!((before, after), (Some(b), Some(a)) if b.1 == a.1);
        if let (Some(stem), false) = (stem, same) {
            out.push(Changed {
                stem,
                old: before,
                new: after,
            });
        }
    }
    out.into()
}

//! The history of a deliverable, a metric, a program or a person's
//! deliverables through the commits that changed it, newest first.
//!
//! Cheap by construction: a commit whose boards tree id equals its parent's
//! is skipped without reading anything; otherwise only files whose blob id
//! changed are parsed, each distinct blob once (see `cache::BlobCache`). Merge
//! commits are skipped (their changes are shown by the commits they merge).
//! A program renamed (its file stem changed) is followed when, in one
//! commit, its old stem disappears and the new one appears with the same
//! set of deliverable ids.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::change::{Change, Kind};
use super::compare::{compare, compare_program, empty_like};
use super::renames::same_deliverables;
use crate::cache::BlobCache;
use crate::git::{CommitHead, EntryKind, IdMap, ObjectId, RawObjects, Repo};
use crate::model::{Person, Portfolio, Program};
use crate::parse::{ParsedFile, program_id};
use crate::repo::{LoadError, short_id};

/// What to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Deliverable {
        program: String,
        id: String,
    },
    /// A metric of a program: its actual, target and other fields.
    Metric {
        program: String,
        id: String,
    },
    Program(String),
    Person(String),
}

impl Target {
    /// The program followed: the target's, none for a person.
    fn program(&self) -> Option<&str> {
        match self {
            Target::Deliverable { program, .. }
            | Target::Metric { program, .. }
            | Target::Program(program) => Some(program),
            Target::Person(_) => None,
        }
    }

    /// `PROGRAM/DELIVERABLE` or `PROGRAM`.
    pub fn parse(s: &str) -> Target {
        match s.split_once('/') {
            Some((p, d)) => Target::Deliverable {
                program: p.to_string(),
                id: d.to_string(),
            },
            None => Target::Program(s.to_string()),
        }
    }
}

/// One commit that changed the target.
#[derive(Clone, Debug)]
pub struct Entry {
    pub commit: ObjectId,
    /// The author date in the local time zone ([`local_zone`]), `YYYY-MM-DD`.
    pub date: String,
    pub author: String,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    pub entries: Vec<Entry>,
    /// E.g. the history ends early in a shallow clone.
    pub warnings: Vec<String>,
}

/// Plan files of one commit by file stem: `spring-launch` → (path, blob).
type Files = BTreeMap<String, (String, ObjectId)>;

fn files_at(repo: &Repo, commit: ObjectId, boards: &str) -> Result<Files, LoadError> {
    Ok(repo
        .plan_files(commit, boards)?
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.unread().is_none())
        .map(|f| (program_id(&f.path).to_string(), (f.path, f.oid)))
        .collect())
}

/// Walks history from `start` and collects the target's changes.
pub(crate) fn history(
    repo: &Repo,
    start: ObjectId,
    boards: &str,
    target: &Target,
    limit: u64,
    cache: &mut BlobCache,
) -> Result<History, LoadError> {
    let objects = RawObjects::new(repo)?;
    // The start must be a commit: let git say what is wrong if not.
    repo.check_commit(start)?;
    let commits = objects.history(start);
    let position: IdMap<usize> = commits
        .iter()
        .enumerate()
        .map(|(i, (o, _))| (*o, i))
        .collect();
    let mut walk = Walk {
        repo,
        commits: &commits,
        position,
        objects,
        boards,
        target,
        limit,
        cache,
        out: History::default(),
        // In a shallow clone, git records where the history was cut.
        cut: repo.shallow_cut(),
        followed: target.program().map(str::to_string),
        listing: None,
        last_parent: None,
        known_path: None,
        last_blob: None,
        damage: None,
    };
    for (oid, head) in &commits {
        walk.step(*oid, head)?;
    }
    walk.finish()
}

/// One walk through history, newest commit first, and what it carries
/// from one commit to the next (older) one.
struct Walk<'a> {
    repo: &'a Repo,
    objects: RawObjects<'a>,
    /// The commits walked, and where each one is among them.
    commits: &'a [(ObjectId, CommitHead)],
    position: IdMap<usize>,
    /// Where a shallow clone cut the history.
    cut: BTreeSet<ObjectId>,
    boards: &'a str,
    target: &'a Target,
    limit: u64,
    cache: &'a mut BlobCache,
    out: History,
    /// Renames going back in time change which stem the program has.
    followed: Option<String>,
    /// The last boards tree listed, by tree id.
    listing: Option<(ObjectId, Files)>,
    /// The last commit's parent and its boards tree.
    last_parent: Option<(ObjectId, Option<ObjectId>)>,
    /// Where the followed program's file was last seen.
    known_path: Option<String>,
    /// The followed file's blob in the last boards tree looked in.
    last_blob: Option<(ObjectId, Option<ObjectId>)>,
    /// An object git cannot read ends the walk: a blob's damage is kept
    /// here by the closure that parses, a tree's or a commit's by
    /// `objects`, and returned at the start of the next step.
    damage: Option<LoadError>,
}

impl<'a> Walk<'a> {
    /// One commit of the walk: its changes to the target, if any.
    fn step(&mut self, oid: ObjectId, head: &CommitHead) -> Result<(), LoadError> {
        if let Some(e) = self
            .damage
            .take()
            .or_else(|| self.objects.damage().map(Into::into))
        {
            return Err(e);
        }
        // What the last step parsed is what the next one may need.
        self.cache.retain_recent();
        if head.parents.len() > 1 {
            return Ok(());
        }
        let (out, commits) = (&mut self.out, self.commits);
        let parent = parent_in_walk(out, oid, head, commits, &self.position, &self.cut);
        // In a line of history, this commit was the previous one's parent.
        let new_tree = match self.last_parent {
            Some((seen, tree)) if seen == oid => tree,
            _ => self.tree_at(head.tree),
        };
        let old_tree = parent.as_ref().and_then(|(_, p)| self.tree_at(p.tree));
        self.last_parent = parent.as_ref().map(|(p, _)| (*p, old_tree));
        if new_tree == old_tree {
            return Ok(());
        }
        // One program: look its file up where it was last seen, as
        // `git log -- path` does; list the trees only when it moved or vanished.
        if self.try_by_path(oid, (new_tree, old_tree))? {
            return Ok(());
        }
        let parent_id = parent.map(|(p, _)| p);
        self.by_listing((oid, parent_id), (new_tree, old_tree))
    }

    /// The boards tree in a commit's tree `tree`, if any.
    fn tree_at(&self, tree: ObjectId) -> Option<ObjectId> {
        subtree(&self.objects, tree, self.boards)
    }

    /// The followed program's changes in `commit`, from its file's blobs
    /// at the path it was last seen at: `false` when there is no program
    /// followed, no path known yet, or the file is not there in both trees.
    fn try_by_path(
        &mut self,
        commit: ObjectId,
        (new_tree, old_tree): (Option<ObjectId>, Option<ObjectId>),
    ) -> Result<bool, LoadError> {
        let (Some(stem), Some(path)) = (&self.followed, &self.known_path) else {
            return Ok(false);
        };
        // Entry ids along the path are compared first; a blob is read
        // only when the file's id changed.
        let rel = path.strip_prefix(self.boards).unwrap_or(path);
        let new_blob = blob_in(&self.objects, new_tree, rel, &mut self.last_blob);
        let old_blob = blob_in(&self.objects, old_tree, rel, &mut self.last_blob);
        let (Some(n), Some(o)) = (new_blob, old_blob) else {
            return Ok(false);
        };
        let (cache, repo, limit) = (&mut *self.cache, self.repo, self.limit);
        let mut read = |blob: ObjectId, at: &Arc<str>| cache.get_reusing(repo, blob, at, limit);
        let (out, target) = (&mut self.out, self.target);
        let changes = changes_between_versions(out, commit, path, (n, o), target, stem, &mut read)?;
        push_entry(out, repo, commit, changes)?;
        Ok(true)
    }

    /// The target's changes in `commit`, from the plan files of its boards
    /// tree and of its parent's: only files whose blob changed are parsed.
    fn by_listing(
        &mut self,
        (commit, parent): (ObjectId, Option<ObjectId>),
        trees: (Option<ObjectId>, Option<ObjectId>),
    ) -> Result<(), LoadError> {
        let (repo, boards) = (self.repo, self.boards);
        let listing = &mut self.listing;
        let (new_files, old_files) = files_of_both(repo, boards, (commit, parent), trees, listing)?;
        if let Some(stem) = &self.followed {
            self.known_path = old_files
                .get(stem)
                .or_else(|| new_files.get(stem))
                .map(|(p, _)| p.clone());
        }
        let changed = changed_stems(&old_files, &new_files);
        if changed.is_empty() {
            return Ok(());
        }
        let (cache, limit, damage) = (&mut *self.cache, self.limit, &mut self.damage);
        let mut parse = |files: &Files, stem: &str| {
            let (path, blob) = files.get(stem)?;
            match cache.get_reusing(repo, *blob, &Arc::from(path.as_str()), limit) {
                Ok(parsed) => Some(parsed),
                Err(e) => {
                    damage.get_or_insert(e);
                    None
                }
            }
        };
        let (out, target, files) = (&mut self.out, self.target, (&old_files, &new_files));
        let changes = match (self.followed.clone(), target) {
            (Some(stem), _) => {
                let Some((changes, old_stem)) =
                    followed_changes(out, commit, &stem, target, &changed, files, &mut parse)
                else {
                    return Ok(());
                };
                self.followed = Some(old_stem);
                changes
            }
            (None, Target::Person(person)) => {
                person_commit_changes(person, &changed, files, &mut parse)
            }
            (None, _) => Vec::new(),
        };
        push_entry(out, repo, commit, changes)
    }

    /// The history found, unless an object could not be read on the way.
    fn finish(self) -> Result<History, LoadError> {
        if let Some(e) = self
            .damage
            .or_else(|| self.objects.damage().map(Into::into))
        {
            return Err(e);
        }
        Ok(self.out)
    }
}

/// The tree at `path` in `tree`, if it is one.
fn subtree(objects: &RawObjects, tree: ObjectId, path: &str) -> Option<ObjectId> {
    objects
        .entry_at(tree, path)
        .filter(|(_, kind)| *kind == EntryKind::Tree)
        .map(|(id, _)| id)
}

/// The plan files of a commit and of its parent, from their boards trees.
/// Each boards tree is listed once: a commit's listing is reused when the
/// walk reaches its parent (`listing` keeps the parent's).
fn files_of_both(
    repo: &Repo,
    boards: &str,
    (commit, parent): (ObjectId, Option<ObjectId>),
    (new_tree, old_tree): (Option<ObjectId>, Option<ObjectId>),
    listing: &mut Option<(ObjectId, Files)>,
) -> Result<(Files, Files), LoadError> {
    let listed = |tree: Option<ObjectId>, commit: ObjectId, last: &Option<(ObjectId, Files)>| match (
        tree, last,
    ) {
        (None, _) => Ok(Files::new()),
        (Some(t), Some((seen, files))) if *seen == t => Ok(files.clone()),
        (Some(_), _) => files_at(repo, commit, boards),
    };
    let new_files = listed(new_tree, commit, listing)?;
    let old_files = match parent {
        Some(p) => listed(old_tree, p, listing)?,
        None => Files::new(),
    };
    if let Some(tree) = old_tree {
        *listing = Some((tree, old_files.clone()));
    }
    Ok((new_files, old_files))
}

/// Commit `commit`'s parent as the walk has it, `None` for a root commit or
/// where a shallow clone cut the history (a warning says so).
fn parent_in_walk<'w>(
    out: &mut History,
    commit: ObjectId,
    head: &CommitHead,
    walk: &'w [(ObjectId, CommitHead)],
    position: &IdMap<usize>,
    cut: &BTreeSet<ObjectId>,
) -> Option<(ObjectId, &'w CommitHead)> {
    if cut.contains(&commit) {
        out.warnings.push(format!(
            "history ends at {} (shallow clone): older changes are not shown",
            short_id(commit)
        ));
    }
    match head.parents.first() {
        None => None,
        Some(&p) => match position.get(&p) {
            Some(&i) => Some((p, &walk[i].1)),
            None if cut.contains(&commit) => None,
            None => {
                out.warnings.push(format!(
                    "history ends at {} (shallow clone): older changes are not shown",
                    short_id(commit)
                ));
                None
            }
        },
    }
}

/// The blob at `rel` in a boards tree, if any. `last` keeps the tree last
/// looked in and its answer: in a line of history each tree is asked twice.
fn blob_in(
    objects: &RawObjects,
    tree: Option<ObjectId>,
    rel: &str,
    last: &mut Option<(ObjectId, Option<ObjectId>)>,
) -> Option<ObjectId> {
    let tree = tree?;
    if let Some((seen, blob)) = *last
        && seen == tree
    {
        return blob;
    }
    let blob = objects
        .entry_at(tree, rel)
        .filter(|(_, kind)| *kind == EntryKind::Blob)
        .map(|(id, _)| id);
    *last = Some((tree, blob));
    blob
}

/// The followed program's changes between two versions of its file at
/// `path` (blobs `new` and `old`): none when they are the same blob or
/// one cannot be read (a warning says so).
fn changes_between_versions(
    out: &mut History,
    commit: ObjectId,
    path: &str,
    (new, old): (ObjectId, ObjectId),
    target: &Target,
    stem: &str,
    read: &mut impl FnMut(ObjectId, &Arc<str>) -> Result<ParsedFile, LoadError>,
) -> Result<Vec<Change>, LoadError> {
    if new == old {
        return Ok(Vec::new());
    }
    let at: Arc<str> = Arc::from(path);
    let new = read(new, &at)?;
    let old = read(old, &at)?;
    if unreadable(out, commit, &at, [&new, &old]) {
        return Ok(Vec::new());
    }
    Ok(filter(
        program_changes(old.program.as_ref(), new.program.as_ref()),
        target,
        stem,
    ))
}

/// The stems of the files a commit added, removed or changed.
fn changed_stems<'f>(old_files: &'f Files, new_files: &'f Files) -> BTreeSet<&'f String> {
    let mut changed: BTreeSet<&String> = new_files
        .iter()
        .filter(|(stem, (_, blob))| old_files.get(*stem).map(|(_, b)| b) != Some(blob))
        .map(|(stem, _)| stem)
        .collect();
    changed.extend(old_files.keys().filter(|s| !new_files.contains_key(*s)));
    changed
}

/// The followed program's changes in one commit, and the stem to follow
/// in older commits (its old one when the commit renamed it). `None` when
/// the commit did not touch its file or a version cannot be read.
fn followed_changes(
    out: &mut History,
    commit: ObjectId,
    stem: &String,
    target: &Target,
    changed: &BTreeSet<&String>,
    (old_files, new_files): (&Files, &Files),
    parse: &mut impl FnMut(&Files, &str) -> Option<ParsedFile>,
) -> Option<(Vec<Change>, String)> {
    if !changed.contains(stem) {
        return None;
    }
    let (new, old) = (parse(new_files, stem), parse(old_files, stem));
    let path: Arc<str> = match new_files.get(stem).or(old_files.get(stem)) {
        Some((p, _)) => Arc::from(p.as_str()),
        None => Arc::from(stem.as_str()),
    };
    if unreadable(out, commit, &path, new.iter().chain(old.iter())) {
        return None;
    }
    let new = new.and_then(|f| f.program);
    let old = old.and_then(|f| f.program);
    if let Some((was, before, after)) = rename_in(
        stem,
        (old.as_ref(), new.as_ref()),
        (old_files, new_files),
        parse,
    ) {
        if &was == stem {
            out.warnings.push(format!(
                "{was} was renamed to {} in {}: `ringboard log {}` shows what came after",
                after.id,
                short_id(commit),
                follow_on(target, &after.id)
            ));
        }
        let changes = compare(
            &Portfolio::new(Vec::new(), vec![before]),
            &Portfolio::new(Vec::new(), vec![after]),
        );
        return Some((filter(changes, target, stem), was));
    }
    let changes = if old.is_none() && matches!(target, Target::Program(_)) {
        compare(
            &Portfolio::default(),
            &Portfolio::new(Vec::new(), new.into_iter().collect()),
        )
    } else {
        program_changes(old.as_ref(), new.as_ref())
    };
    Some((filter(changes, target, stem), stem.clone()))
}

/// A rename is one change, then what changed inside, as in `diff`: into
/// this stem (an old stem that vanished with the same deliverables), or
/// out of it, into a new stem; the history goes on under the old id, and
/// says where the program went. The old stem, the program before and
/// after.
fn rename_in(
    stem: &str,
    (old, new): (Option<&Program>, Option<&Program>),
    (old_files, new_files): (&Files, &Files),
    parse: &mut impl FnMut(&Files, &str) -> Option<ParsedFile>,
) -> Option<(String, Program, Program)> {
    match (old, new) {
        (None, Some(n)) => old_files
            .keys()
            .filter(|s| !new_files.contains_key(*s))
            .find_map(|gone| {
                let prog = parse(old_files, gone).and_then(|f| f.program)?;
                same_deliverables(&prog, n).then(|| (gone.clone(), prog, n.clone()))
            }),
        (Some(o), None) => new_files
            .keys()
            .filter(|s| !old_files.contains_key(*s))
            .find_map(|came| {
                let prog = parse(new_files, came).and_then(|f| f.program)?;
                same_deliverables(o, &prog).then(|| (stem.to_string(), o.clone(), prog))
            }),
        _ => None,
    }
}

/// A person's changes in one commit, from the files it changed: a program
/// new in it (not renamed) lists everything it brings.
fn person_commit_changes(
    person: &str,
    changed: &BTreeSet<&String>,
    (old_files, new_files): (&Files, &Files),
    parse: &mut impl FnMut(&Files, &str) -> Option<ParsedFile>,
) -> Vec<Change> {
    let mut mini = |files: &Files| {
        let mut people: Vec<Person> = Vec::new();
        let mut programs = Vec::new();
        for stem in changed {
            if let Some(f) = parse(files, stem) {
                people.extend(f.people);
                programs.extend(f.program);
            }
        }
        Portfolio::new(people, programs)
    };
    let (old, new) = (mini(old_files), mini(new_files));
    let mut all = compare(&old, &new);
    // A program new in this commit (not renamed): list what it brings.
    let renamed: Vec<String> = all
        .iter()
        .filter_map(|c| Some(c.renamed()?.1.to_string()))
        .collect();
    let fresh = |p: &&Program| old.program(&p.id).is_none() && !renamed.contains(&p.id);
    for p in new.programs.iter().filter(fresh) {
        compare_program(&empty_like(p), p, &mut all);
    }
    person_changes(all, person, &old, &new)
}

/// Says so (once per file and commit) when a version of a file could not
/// be read: its changes in that commit are not known, so none are shown.
fn unreadable<'a>(
    out: &mut History,
    commit: ObjectId,
    path: &Arc<str>,
    files: impl IntoIterator<Item = &'a crate::parse::ParsedFile>,
) -> bool {
    let Some(why) = files.into_iter().find_map(|f| f.unread.as_deref()) else {
        return false;
    };
    out.warnings.push(format!(
        "{path} at {} could not be read ({why}): its changes there are not shown",
        short_id(commit)
    ));
    true
}

fn push_entry(
    out: &mut History,
    repo: &Repo,
    commit: ObjectId,
    changes: Vec<Change>,
) -> Result<(), LoadError> {
    if changes.is_empty() {
        return Ok(());
    }
    let info = repo.commit_info(commit)?;
    out.entries.push(Entry {
        commit,
        date: local_date(info.author_time),
        author: info.author.unwrap_or_else(|| "unknown".to_string()),
        changes,
    });
    Ok(())
}

/// The target under a program's new id: what `log` to run for its
/// history after a rename.
fn follow_on(target: &Target, program: &str) -> String {
    match target {
        Target::Deliverable { id, .. } | Target::Metric { id, .. } => format!("{program}/{id}"),
        _ => program.to_string(),
    }
}

/// A program's changes; a new program lists everything it brings as added.
fn program_changes(old: Option<&Program>, new: Option<&Program>) -> Vec<Change> {
    let mut out = Vec::new();
    match (old, new) {
        (Some(a), Some(b)) => compare_program(a, b, &mut out),
        (None, Some(b)) => compare_program(&empty_like(b), b, &mut out),
        (Some(a), None) => {
            let empty = Portfolio::default();
            let before = Portfolio::new(Vec::new(), vec![a.clone()]);
            out = compare(&before, &empty);
        }
        (None, None) => {}
    }
    out
}

fn filter(changes: Vec<Change>, target: &Target, stem: &str) -> Vec<Change> {
    changes
        .into_iter()
        .filter(|c| match target {
            Target::Deliverable { id, .. } => {
                c.id.as_deref() == Some(id.as_str())
                    && matches!(
                        c.kind,
                        Kind::DeliverableAdded
                            | Kind::DeliverableRemoved
                            | Kind::DeliverableChanged
                    )
                    || (c.kind == Kind::ProgramRemoved && c.program.as_deref() == Some(stem))
                    // Followed under its old id, the program's rename is
                    // where it went (not "removed").
                    || c.renamed().is_some_and(|(was, _)| was == stem)
            }
            Target::Metric { id, .. } => {
                c.id.as_deref() == Some(id.as_str())
                    && matches!(
                        c.kind,
                        Kind::MetricAdded | Kind::MetricRemoved | Kind::MetricChanged
                    )
                    || (c.kind == Kind::ProgramRemoved && c.program.as_deref() == Some(stem))
                    || c.renamed().is_some_and(|(was, _)| was == stem)
            }
            _ => true,
        })
        .collect()
}

/// Changes that concern a person: their roster entry, their team places,
/// and deliverables they own before or after the change.
fn person_changes(all: Vec<Change>, person: &str, old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    // A renamed program's changes name its new id; `old` knows the old one.
    let renamed: BTreeMap<String, String> = all
        .iter()
        .filter_map(|c| c.renamed())
        .map(|(was, now)| (now.to_string(), was.to_string()))
        .collect();
    let owns = |p: &Portfolio, prog: &str, c: &Change| {
        p.program(prog)
            .and_then(|p| p.deliverable(c.id.as_deref()?))
            .is_some_and(|d| d.owner == person)
    };
    let owned = |c: &Change| {
        let Some(prog) = c.program.as_deref() else {
            return false;
        };
        let was = renamed.get(prog).map_or(prog, String::as_str);
        owns(old, was, c) || owns(new, prog, c)
    };
    all.into_iter()
        .filter(|c| match c.kind {
            Kind::PersonAdded
            | Kind::PersonRemoved
            | Kind::PersonChanged
            | Kind::TeamJoined
            | Kind::TeamLeft => c.id.as_deref() == Some(person),
            Kind::DeliverableAdded | Kind::DeliverableRemoved | Kind::DeliverableChanged => {
                owned(c)
            }
            _ => false,
        })
        .collect()
}

/// The time zone every commit date and time is shown in, by `log` and by
/// `standup` alike: the local time zone of the machine running ringboard
/// (`TZ`, else the system's), the one a team room reads its clock in. The
/// author's own offset is not used: one page must not mix zones.
pub fn local_zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::system()
}

/// A commit time (Unix seconds) in [`local_zone`]; `None` out of range.
pub fn local_time(seconds: i64) -> Option<jiff::Zoned> {
    jiff::Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.to_zoned(local_zone()))
}

/// The calendar date of a commit in [`local_zone`], `YYYY-MM-DD`.
pub fn local_date(seconds: i64) -> String {
    local_time(seconds).map_or_else(|| "????-??-??".to_string(), |t| t.date().to_string())
}

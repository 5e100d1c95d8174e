//! A git history for a generated portfolio: the first commit adds every
//! file, each later one edits a few deliverables the way planners do
//! (status, due date, owner, a metric, now and then a new or removed
//! deliverable, a program file moved into a folder or renamed).
//!
//! Objects are written straight to the object database (blobs only for the
//! files that changed, trees with `TreeBuilder`), so thousands of commits
//! take seconds; the work tree is written once, at the end.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use git2::{Oid, Repository, Signature, Time};

use super::world::{FOLDERS, PEOPLE_PATH, Status, World};
use super::{Rng, SynthError, date_text, days_from_civil};

const FILE_MODE: i32 = 0o100_644;
const TREE_MODE: i32 = 0o040_000;

struct Author {
    name: String,
    email: String,
    /// Minutes east of UTC.
    offset: i32,
}

/// Writes `commits` commits into a new repository at `out`; returns the last.
pub(super) fn write(
    world: &mut World,
    rng: &mut Rng,
    commits: usize,
    out: &Path,
) -> Result<Oid, SynthError> {
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = Repository::init_opts(out, &opts)?;
    let authors: Vec<Author> =
        super::world::sample(&(0..world.people.len()).collect::<Vec<_>>(), 8, rng)
            .into_iter()
            .map(|i| {
                let p = &world.people[i];
                Author {
                    name: p.name.clone(),
                    email: format!("{}@example.com", p.id),
                    offset: if p.name.is_ascii() { 60 } else { 480 },
                }
            })
            .collect();

    // Repository path -> blob of every plan file, program files by index.
    let people_blob = repo.blob(world.render_people().as_bytes())?;
    let mut files: Vec<(String, Oid)> = Vec::with_capacity(world.progs.len());
    for p in 0..world.progs.len() {
        let blob = repo.blob(world.render_program(p).as_bytes())?;
        files.push((world.path(p), blob));
    }
    let mut time = i64::from(days_from_civil(2026, 9, 1)) * 86_400 + 9 * 3600;
    let mut parent = None;
    for n in 0..commits {
        let message = if n == 0 {
            format!(
                "Plans for {} programs and {} people",
                world.progs.len(),
                world.people.len()
            )
        } else {
            // Edits can cancel out (doing -> review -> doing): every commit
            // must change a file, so try again until one does.
            let mut message = String::new();
            for _ in 0..20 {
                let (what, dirty) = change(world, rng);
                message = what;
                let mut changed = false;
                for p in dirty {
                    let blob = repo.blob(world.render_program(p).as_bytes())?;
                    let path = world.path(p);
                    changed |= files[p] != (path.clone(), blob);
                    files[p] = (path, blob);
                }
                if changed {
                    break;
                }
            }
            message
        };
        let tree = write_tree(&repo, people_blob, &files)?;
        let author = &authors[rng.below(authors.len())];
        time += 600 + rng.below(6 * 3600) as i64;
        let sig = Signature::new(&author.name, &author.email, &Time::new(time, author.offset))?;
        let parents: Vec<git2::Commit<'_>> = parent.iter().cloned().collect();
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let oid = repo.commit(
            None,
            &sig,
            &sig,
            &message,
            &repo.find_tree(tree)?,
            &parent_refs,
        )?;
        parent = Some(repo.find_commit(oid)?);
    }
    let head = parent
        .map(|c| c.id())
        .ok_or_else(|| SynthError::Params("a history needs at least one commit".to_string()))?;
    repo.reference("refs/heads/main", head, true, "ringboard-synth")?;
    repo.set_head("refs/heads/main")?;
    Ok(head)
}

/// After the work tree is written: an index that matches HEAD, so the work
/// tree is clean.
pub(super) fn finish(out: &Path, head: Oid) -> Result<(), SynthError> {
    let repo = Repository::open(out)?;
    let mut index = repo.index()?;
    index.add_all(["boards"], git2::IndexAddOption::DEFAULT, None)?;
    index.write()?;
    let tree = index.write_tree()?;
    if tree != repo.find_commit(head)?.tree_id() {
        return Err(SynthError::Params(
            "internal error: the written files differ from the last commit".to_string(),
        ));
    }
    Ok(())
}

/// The root tree: `boards/` with people.toml, program files and folders.
fn write_tree(repo: &Repository, people: Oid, files: &[(String, Oid)]) -> Result<Oid, git2::Error> {
    // Folder under boards ("" for boards itself) -> (file name, blob).
    let mut dirs: BTreeMap<&str, Vec<(&str, Oid)>> = BTreeMap::new();
    let people_name = PEOPLE_PATH.trim_start_matches("boards/");
    dirs.entry("").or_default().push((people_name, people));
    for (path, oid) in files {
        let rel = path.trim_start_matches("boards/");
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        dirs.entry(dir).or_default().push((name, *oid));
    }
    let mut boards = repo.treebuilder(None)?;
    for (dir, entries) in &dirs {
        if dir.is_empty() {
            for (name, oid) in entries {
                boards.insert(name, *oid, FILE_MODE)?;
            }
            continue;
        }
        let mut sub = repo.treebuilder(None)?;
        for (name, oid) in entries {
            sub.insert(name, *oid, FILE_MODE)?;
        }
        boards.insert(dir, sub.write()?, TREE_MODE)?;
    }
    let boards = boards.write()?;
    let mut root = repo.treebuilder(None)?;
    root.insert("boards", boards, TREE_MODE)?;
    root.write()
}

/// One commit's worth of edits: the message and the programs to rewrite.
fn change(world: &mut World, rng: &mut Rng) -> (String, Vec<usize>) {
    let p = rng.below(world.progs.len().max(1));
    if world.progs.is_empty() {
        return ("Touch nothing".to_string(), Vec::new());
    }
    match rng.weighted(&[960, 25, 15]) {
        1 => return move_program(world, p, rng),
        2 => return rename_program(world, p),
        _ => {}
    }
    let stem = world.progs[p].stem();
    let mut msg = format!("{stem}: ");
    for n in 0..1 + rng.below(3) {
        if n > 0 {
            msg.push_str("; ");
        }
        // An edit that does not apply here (say, removing something still
        // needed) gives way to another.
        let what = (0..10).find_map(|_| match rng.weighted(&[45, 20, 12, 13, 6, 4]) {
            0 => next_status(world, p, rng),
            1 => move_due(world, p, rng),
            2 => new_owner(world, p, rng),
            3 => metric_actual(world, p, rng),
            4 => add_deliverable(world, p, rng),
            _ => remove_deliverable(world, p, rng),
        });
        msg.push_str(&what.unwrap_or_else(|| "tidy up".to_string()));
    }
    (msg, vec![p])
}

fn pick_item(world: &World, p: usize, rng: &mut Rng) -> Option<usize> {
    let items = &world.progs[p].items;
    (!items.is_empty()).then(|| items[rng.below(items.len())])
}

fn id_of(world: &World, i: usize) -> String {
    format!("d-{:04}", world.items[i].num)
}

fn next_status(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    use Status::*;
    // Mostly open work moves; finished work is seldom reopened.
    let mut i = pick_item(world, p, rng)?;
    for _ in 0..5 {
        if !matches!(world.items[i].status, Done | Dropped) || rng.chance(50) {
            break;
        }
        i = pick_item(world, p, rng)?;
    }
    let from = world.items[i].status;
    let to = match from {
        Todo => [Doing, Doing, Blocked, Dropped][rng.weighted(&[70, 10, 10, 2])],
        Doing => [Review, Done, Blocked][rng.weighted(&[50, 40, 10])],
        Review => [Done, Doing][rng.weighted(&[80, 20])],
        Blocked => [Doing, Todo, Dropped][rng.weighted(&[70, 20, 10])],
        Done => Review,
        Dropped => Todo,
    };
    world.items[i].status = to;
    Some(format!(
        "{} {} -> {}",
        id_of(world, i),
        from.as_str(),
        to.as_str()
    ))
}

/// A new due date that keeps every hand-off in order: no earlier than what
/// it needs, no later than what needs it or the program's end.
fn move_due(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    let i = pick_item(world, p, rng)?;
    let item = &world.items[i];
    let mut lo = world.progs[p].start;
    let mut hi = world.progs[p].end;
    for &k in &item.needs {
        let need = &world.items[k];
        lo = lo.max(need.due + i32::from(need.prog != p));
    }
    for &k in &world.needed_by[i] {
        let user = &world.items[k];
        hi = hi.min(user.due - i32::from(user.prog != p));
    }
    let (lo, hi) = (lo.max(item.due - 21), hi.min(item.due + 21));
    if lo >= hi {
        return None;
    }
    // Any day in the window but the current one.
    let mut due = lo + rng.below((hi - lo) as usize) as i32;
    if due >= item.due {
        due += 1;
    }
    let old = item.due;
    let item = &mut world.items[i];
    item.due = due;
    if let Some(start) = item.start {
        item.start = Some(start.min(due));
    }
    Some(format!(
        "{} due {} -> {}",
        id_of(world, i),
        date_text(old),
        date_text(due)
    ))
}

fn new_owner(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    let i = pick_item(world, p, rng)?;
    let members: Vec<usize> = world.progs[p]
        .members()
        .filter(|&m| m != world.items[i].owner)
        .collect();
    if members.is_empty() {
        return None;
    }
    let owner = *rng.pick(&members);
    world.items[i].owner = owner;
    Some(format!(
        "{} now owned by {}",
        id_of(world, i),
        world.people[owner].id
    ))
}

fn metric_actual(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    let prog = &mut world.progs[p];
    if prog.metrics.is_empty() {
        return None;
    }
    let m = rng.below(prog.metrics.len());
    let metric = &mut prog.metrics[m];
    let target = super::names::METRICS[metric.kind].3;
    let actual = metric.actual.unwrap_or(0) + 1 + rng.below(target as usize / 10) as u32;
    metric.actual = Some(actual);
    Some(format!(
        "metric {} actual now {actual}",
        super::names::METRICS[metric.kind].0
    ))
}

fn add_deliverable(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    let prog = &world.progs[p];
    let due = prog.start + rng.below((prog.end - prog.start + 1) as usize) as i32;
    let i = world.add_item(p, due, rng);
    world.add_needs(i, 2, rng);
    Some(format!("add {}", id_of(world, i)))
}

/// Removes a deliverable nothing needs any more.
fn remove_deliverable(world: &mut World, p: usize, rng: &mut Rng) -> Option<String> {
    let i = pick_item(world, p, rng)?;
    if !world.needed_by[i].is_empty() {
        return None;
    }
    world.alive[i] = false;
    world.progs[p].items.retain(|&k| k != i);
    for k in std::mem::take(&mut world.items[i].needs) {
        world.needed_by[k].retain(|&u| u != i);
    }
    Some(format!("remove {}", id_of(world, i)))
}

fn move_program(world: &mut World, p: usize, rng: &mut Rng) -> (String, Vec<usize>) {
    let from = world.path(p);
    let prog = &mut world.progs[p];
    prog.folder = match prog.folder {
        Some(_) if rng.chance(500) => None,
        current => {
            let others: Vec<&'static str> = FOLDERS
                .iter()
                .copied()
                .filter(|&f| Some(f) != current)
                .collect();
            Some(*rng.pick(&others))
        }
    };
    let to = world.path(p);
    (format!("Move {from} to {to}"), vec![p])
}

/// Renames a program file; every program that refers to it is rewritten.
fn rename_program(world: &mut World, p: usize) -> (String, Vec<usize>) {
    let from = world.progs[p].stem();
    world.progs[p].version += 1;
    let to = world.progs[p].stem();
    let mut dirty = vec![p];
    for &i in &world.progs[p].items {
        for &k in &world.needed_by[i] {
            dirty.push(world.items[k].prog);
        }
    }
    dirty.sort_unstable();
    dirty.dedup();
    let mut msg = format!("Rename program {from} to {to}");
    if dirty.len() > 1 {
        let _ = write!(msg, " and update {} hand-offs to it", dirty.len() - 1);
    }
    (msg, dirty)
}

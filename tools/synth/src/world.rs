//! The generated portfolio in memory, and its TOML.
//!
//! Invariants that keep `check` silent: every owner, strategist, lead and
//! metric owner is on the program's team; a need is due no later than the
//! deliverable that needs it (strictly earlier across programs); a
//! deliverable only ever needs deliverables created before it, so there are
//! no cycles; start <= due <= program end.

use std::fmt::Write;

use super::names::*;
use super::{Params, Rng, date_text, days_from_civil};

/// A deliverable's status. Spelled here rather than taken from
/// `ringboard::model`, so that the tool does not depend on the program it
/// feeds; ringboard's tests load the generated plans and see every status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    Todo,
    Doing,
    Review,
    Blocked,
    Done,
    Dropped,
}

impl Status {
    /// The value of `status = "..."` in a plan file.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Doing => "doing",
            Status::Review => "review",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

pub(super) const PEOPLE_PATH: &str = "boards/people.toml";
pub(super) const FOLDERS: &[&str] = &["emea", "apac", "americas", "archive"];

pub(super) struct Person {
    pub id: String,
    pub name: String,
    pub ring: usize,
    pub role: &'static str,
    pub org: &'static str,
}

pub(super) struct Item {
    pub num: u32,
    pub prog: usize,
    pub title: String,
    pub owner: usize,
    pub start: Option<i32>,
    pub due: i32,
    pub status: Status,
    /// Global item indexes; always items created earlier.
    pub needs: Vec<usize>,
    pub note: Option<&'static str>,
}

pub(super) struct Metric {
    pub kind: usize,
    pub actual: Option<u32>,
    pub owner: usize,
}

pub(super) struct Prog {
    pub number: usize,
    /// 1 until the file is renamed; then `prog-NNN-vK`.
    pub version: u32,
    pub folder: Option<&'static str>,
    pub name: String,
    pub goal: &'static str,
    pub priority: usize,
    pub start: i32,
    pub end: i32,
    /// Person indexes by ring: core, extended, partner. Core is never empty.
    pub team: [Vec<usize>; 3],
    pub milestones: Vec<(&'static str, i32)>,
    pub metrics: Vec<Metric>,
    /// Global item indexes in file order.
    pub items: Vec<usize>,
    pub next_num: u32,
}

impl Prog {
    pub(crate) fn stem(&self) -> String {
        if self.version == 1 {
            format!("prog-{:03}", self.number)
        } else {
            format!("prog-{:03}-v{}", self.number, self.version)
        }
    }

    pub(crate) fn members(&self) -> impl Iterator<Item = usize> + '_ {
        self.team.iter().flatten().copied()
    }
}

pub(super) struct World {
    pub people: Vec<Person>,
    pub progs: Vec<Prog>,
    /// Every deliverable ever created; removed ones stay with `alive` false.
    pub items: Vec<Item>,
    pub alive: Vec<bool>,
    /// Live deliverables that need each item.
    pub needed_by: Vec<Vec<usize>>,
    /// The day statuses are chosen around (past work mostly done).
    pub today: i32,
}

impl World {
    pub(crate) fn new(params: &Params, rng: &mut Rng) -> World {
        let today = days_from_civil(2027, 2, 1);
        let people = (0..params.people).map(|i| person(i, rng)).collect();
        let mut world = World {
            people,
            progs: Vec::new(),
            items: Vec::new(),
            alive: Vec::new(),
            needed_by: Vec::new(),
            today,
        };
        for n in 0..params.programs {
            let prog = world.program(n + 1, rng);
            world.progs.push(prog);
        }
        for p in 0..params.programs {
            // Files list deliverables by due date, as planners write them.
            let prog = &world.progs[p];
            let span = (prog.end - prog.start + 1) as usize;
            let mut dues: Vec<i32> = (0..params.deliverables)
                .map(|_| prog.start + rng.below(span) as i32)
                .collect();
            dues.sort_unstable();
            for due in dues {
                world.add_item(p, due, rng);
            }
        }
        for i in 0..world.items.len() {
            world.add_needs(i, 3, rng);
        }
        world
    }

    fn program(&self, number: usize, rng: &mut Rng) -> Prog {
        let start = self.today - 150 + rng.below(150) as i32;
        let end = start + 90 + rng.below(240) as i32;
        let mut team: [Vec<usize>; 3] = Default::default();
        let sizes = [6 + rng.below(10), 2 + rng.below(5), 1 + rng.below(4)];
        for (ring, size) in sizes.into_iter().enumerate() {
            let pool: Vec<usize> = (0..self.people.len())
                .filter(|&i| self.people[i].ring == ring)
                .collect();
            team[ring] = sample(&pool, size, rng);
        }
        let mut milestones: Vec<(&'static str, i32)> = (0..2 + rng.below(3))
            .map(|_| {
                let day = start + rng.below((end - start + 1) as usize) as i32;
                (*rng.pick(MILESTONES), day)
            })
            .collect();
        milestones.sort_by_key(|m| m.1);
        let mut kinds: Vec<usize> = (0..METRICS.len()).collect();
        let metrics = (0..2 + rng.below(3))
            .map(|_| {
                let kind = kinds.swap_remove(rng.below(kinds.len()));
                let target = METRICS[kind].3;
                Metric {
                    kind,
                    actual: rng
                        .chance(800)
                        .then(|| rng.below(target as usize + 1) as u32),
                    owner: *rng.pick(&team[0]),
                }
            })
            .collect();
        let theme = rng.pick(THEMES);
        Prog {
            number,
            version: 1,
            folder: None,
            name: format!("{theme} {number}"),
            goal: GOALS[rng.below(GOALS.len())],
            priority: 1 + rng.below(5),
            start,
            end,
            team,
            milestones,
            metrics,
            items: Vec::new(),
            next_num: 1,
        }
    }

    /// A new deliverable due on `due`, at the end of the program's file.
    pub(crate) fn add_item(&mut self, p: usize, due: i32, rng: &mut Rng) -> usize {
        let prog = &mut self.progs[p];
        let members: Vec<usize> = prog.members().collect();
        let start = rng
            .chance(700)
            .then(|| (due - rng.below(30) as i32).max(prog.start));
        let status = self.status_for(due, rng);
        let note = (status == Status::Blocked || rng.chance(30)).then(|| *rng.pick(NOTES));
        let prog = &mut self.progs[p];
        let item = Item {
            num: prog.next_num,
            prog: p,
            title: format!("{} {}", rng.pick(THINGS), prog.next_num),
            owner: *rng.pick(&members),
            start,
            due,
            status,
            needs: Vec::new(),
            note,
        };
        prog.next_num += 1;
        let index = self.items.len();
        prog.items.push(index);
        self.items.push(item);
        self.alive.push(true);
        self.needed_by.push(Vec::new());
        index
    }

    fn status_for(&self, due: i32, rng: &mut Rng) -> Status {
        use Status::*;
        let (choices, weights): (&[Status], &[usize]) = if due < self.today - 14 {
            (&[Done, Dropped, Doing, Blocked], &[90, 3, 5, 2])
        } else if due < self.today {
            (&[Done, Review, Doing, Blocked, Todo], &[60, 15, 15, 5, 5])
        } else if due < self.today + 30 {
            (&[Doing, Todo, Review, Blocked, Done], &[35, 35, 15, 5, 10])
        } else {
            (&[Todo, Doing, Blocked, Dropped], &[75, 20, 2, 3])
        };
        choices[rng.weighted(weights)]
    }

    /// Gives item `i` up to `max` needs among earlier-created deliverables:
    /// in its own program due no later, now and then one in another program
    /// due strictly earlier.
    pub(crate) fn add_needs(&mut self, i: usize, max: usize, rng: &mut Rng) {
        let (p, due) = (self.items[i].prog, self.items[i].due);
        let mut needs = Vec::new();
        let want = rng.weighted(&[35, 40, 20, 5]).min(max);
        let own: Vec<usize> = self.progs[p]
            .items
            .iter()
            .copied()
            .filter(|&k| k < i && self.items[k].due <= due)
            .collect();
        // Prefer the closest earlier hand-offs, as real chains are local.
        let near = &own[own.len().saturating_sub(25)..];
        needs.extend(sample(near, want, rng));
        if self.progs.len() > 1 && rng.chance(60) {
            let mut q = rng.below(self.progs.len() - 1);
            if q >= p {
                q += 1;
            }
            let earlier: Vec<usize> = self.progs[q]
                .items
                .iter()
                .copied()
                .filter(|&k| self.alive[k] && self.items[k].due < due)
                .collect();
            if !earlier.is_empty() {
                needs.push(earlier[earlier.len() - 1 - rng.below(earlier.len().min(40))]);
            }
        }
        for &k in &needs {
            self.needed_by[k].push(i);
        }
        self.items[i].needs = needs;
    }

    pub(crate) fn alive_items(&self) -> usize {
        self.progs.iter().map(|p| p.items.len()).sum()
    }

    pub(crate) fn path(&self, p: usize) -> String {
        let prog = &self.progs[p];
        match prog.folder {
            Some(folder) => format!("boards/{folder}/{}.toml", prog.stem()),
            None => format!("boards/{}.toml", prog.stem()),
        }
    }

    pub(crate) fn render_people(&self) -> String {
        let mut out = String::with_capacity(self.people.len() * 140);
        out.push_str("# The roster: everyone who works on any program.\n");
        for p in &self.people {
            let ring = ["core", "extended", "partner"][p.ring];
            let _ = write!(
                out,
                "\n[[person]]\nid = \"{}\"\nname = \"{}\"\nrole = \"{}\"\norg = \"{}\"\nring = \"{ring}\"\ncontact = \"{}@example.com\"\n",
                p.id, p.name, p.role, p.org, p.id
            );
        }
        out
    }

    pub(crate) fn render_program(&self, p: usize) -> String {
        let prog = &self.progs[p];
        let mut out = String::with_capacity(600 + prog.items.len() * 180);
        let id = |i: usize| self.people[i].id.as_str();
        let _ = write!(
            out,
            "[program]\nname = \"{}\"\ngoal = \"{}\"\nstrategist = \"{}\"\nlead = \"{}\"\npriority = {}\nstart = {}\nend = {}\n\n[team]\n",
            prog.name,
            prog.goal,
            id(prog.team[0][0]),
            id(prog.team[0][prog.team[0].len() / 2]),
            prog.priority,
            date_text(prog.start),
            date_text(prog.end)
        );
        for (ring, members) in ["core", "extended", "partner"].iter().zip(&prog.team) {
            if members.is_empty() {
                continue;
            }
            let list: Vec<String> = members.iter().map(|&m| format!("\"{}\"", id(m))).collect();
            let _ = writeln!(out, "{ring} = [{}]", list.join(", "));
        }
        for (name, day) in &prog.milestones {
            let _ = write!(
                out,
                "\n[[milestone]]\nname = \"{name}\"\ndate = {}\n",
                date_text(*day)
            );
        }
        for m in &prog.metrics {
            let (mid, name, unit, target, tenths) = METRICS[m.kind];
            let num = |v: u32| {
                if tenths {
                    format!("{}.{}", v / 10, v % 10)
                } else {
                    v.to_string()
                }
            };
            let _ = write!(
                out,
                "\n[[metric]]\nid = \"{mid}\"\nname = \"{name}\"\nunit = \"{unit}\"\ntarget = {}\n",
                num(target)
            );
            if let Some(actual) = m.actual {
                let _ = writeln!(out, "actual = {}", num(actual));
            }
            let _ = writeln!(out, "owner = \"{}\"", id(m.owner));
        }
        for &i in &prog.items {
            self.render_item(&mut out, i);
        }
        out
    }

    fn render_item(&self, out: &mut String, i: usize) {
        let d = &self.items[i];
        let _ = write!(
            out,
            "\n[[deliverable]]\nid = \"d-{:04}\"\ntitle = \"{}\"\nowner = \"{}\"\n",
            d.num, d.title, self.people[d.owner].id
        );
        if let Some(start) = d.start {
            let _ = writeln!(out, "start = {}", date_text(start));
        }
        let _ = write!(
            out,
            "due = {}\nstatus = \"{}\"\n",
            date_text(d.due),
            d.status.as_str()
        );
        if !d.needs.is_empty() {
            out.push_str("needs = [");
            for (n, &k) in d.needs.iter().enumerate() {
                let need = &self.items[k];
                if n > 0 {
                    out.push_str(", ");
                }
                if need.prog == d.prog {
                    let _ = write!(out, "\"d-{:04}\"", need.num);
                } else {
                    let _ = write!(
                        out,
                        "\"{}/d-{:04}\"",
                        self.progs[need.prog].stem(),
                        need.num
                    );
                }
            }
            out.push_str("]\n");
        }
        if let Some(note) = d.note {
            let _ = writeln!(out, "note = \"{note}\"");
        }
    }
}

fn person(i: usize, rng: &mut Rng) -> Person {
    // Half core, three in ten extended, two in ten partner; the first is core.
    let ring = match i % 10 {
        0..5 => 0,
        5..8 => 1,
        _ => 2,
    };
    let (name, slug) = if rng.chance(400) {
        let (given, g) = rng.pick(CHINESE_GIVEN);
        let (family, f) = rng.pick(CHINESE_FAMILY);
        let (g, f) = (capitalise(g), capitalise(f));
        (format!("{family}{given} ({g} {f})"), format!("{g}-{f}"))
    } else {
        let (given, family) = (rng.pick(GIVEN), rng.pick(FAMILY));
        (format!("{given} {family}"), format!("{given}-{family}"))
    };
    let (role, org) = *rng.pick(ROLES[ring]);
    Person {
        id: format!("{}-{:04}", slug.to_lowercase(), i + 1),
        name,
        ring,
        role,
        org,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Up to `n` distinct elements of `pool`, in random order.
pub(super) fn sample(pool: &[usize], n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut pool = pool.to_vec();
    let n = n.min(pool.len());
    for k in 0..n {
        let j = k + rng.below(pool.len() - k);
        pool.swap(k, j);
    }
    pool.truncate(n);
    pool
}

//! The stand-up page as data: header, ring by ring and person by person what
//! changed and what needs attention, then the changes to programs
//! themselves, then each program's progress. Pure: no terminal, no git, no
//! clock (the time shown is given). Every text from the plans or git is
//! escaped here ([`escape_control`]), so no output can carry a terminal
//! escape.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::derive::{Derived, days_between};
use crate::escape::escape_control;
use crate::forecast::{MilestoneState, depends_on, root_words};
use crate::model::{Portfolio, Ring};
use crate::pace::{Standing, Words};
use crate::team::members;

use super::changes::{About, Change};

#[derive(Clone, Debug, PartialEq)]
pub struct StandupPage {
    pub date: Date,
    /// The clock time on screen (`09:14`); `None` in `--once` output.
    pub time: Option<String>,
    /// `main @ 3f2a9c1`.
    pub source: String,
    /// `Friday 2027-01-29 (last working day)` or `revision v1.2`.
    pub since: String,
    pub warnings: Vec<String>,
    /// Only rings with someone to discuss, core first.
    pub rings: Vec<RingSection>,
    /// Programs whose own facts changed (name, dates, team, milestones,
    /// metrics), in the footer's order.
    pub program_changes: Vec<ProgramChanges>,
    pub programs: Vec<ProgramLine>,
}

impl StandupPage {
    /// Only `person`'s block, and the changes of the programs their block
    /// names; the header and the programs footer as they are.
    pub fn for_person(&self, person: &str) -> StandupPage {
        let rings: Vec<RingSection> = self
            .rings
            .iter()
            .filter_map(|r| {
                let people: Vec<PersonBlock> = r
                    .people
                    .iter()
                    .filter(|p| p.id == person)
                    .cloned()
                    .collect();
                (!people.is_empty()).then_some(RingSection {
                    ring: r.ring,
                    people,
                })
            })
            .collect();
        let theirs: std::collections::HashSet<&str> = rings
            .iter()
            .flat_map(|r| &r.people)
            .flat_map(|p| {
                let changed = p.changes.iter().filter_map(|c| {
                    c.deliverable
                        .as_ref()
                        .and_then(|(d, _)| d.split_once('/').map(|(prog, _)| prog))
                });
                changed.chain(p.items.iter().map(|i| i.program.as_str()))
            })
            .collect();
        StandupPage {
            program_changes: self
                .program_changes
                .iter()
                .filter(|p| theirs.contains(p.id.as_str()))
                .cloned()
                .collect(),
            rings,
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RingSection {
    pub ring: Ring,
    /// Worst state first (late, blocked, waiting, due soon, only
    /// changes), then by name.
    pub people: Vec<PersonBlock>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonBlock {
    pub id: String,
    pub name: String,
    pub changes: Vec<ChangeLine>,
    pub items: Vec<Item>,
}

/// The changes to one program itself.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramChanges {
    pub id: String,
    pub name: String,
    pub changes: Vec<ChangeLine>,
}

/// One change with who made it and when.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeLine {
    /// The deliverable (`program/id`) and its title; `None` for a change to
    /// a program itself, listed under the program.
    pub deliverable: Option<(String, String)>,
    pub sentence: String,
    /// The commit author (escaped); `None` for an uncommitted edit.
    pub who: Option<String>,
    /// `Fri 2027-01-29 16:05` in local time; `None` when uncommitted.
    pub when: Option<String>,
}

impl ChangeLine {
    /// `, Fri 2027-01-29 16:05` after the author; empty when uncommitted.
    pub fn when_suffix(&self) -> String {
        self.when
            .as_deref()
            .map(|w| format!(", {w}"))
            .unwrap_or_default()
    }
}

/// A deliverable that needs attention, worst first.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub program: String,
    pub id: String,
    pub title: String,
    pub attention: Vec<Attention>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Attention {
    Late {
        days: i32,
        due: Date,
    },
    Blocked {
        note: Option<String>,
    },
    /// Waiting on hand-offs: `(owner's name, program/deliverable)`.
    Waiting {
        from: Vec<(String, String)>,
    },
    DueSoon {
        due: Date,
        in_days: i32,
    },
}

impl Attention {
    /// The text mark shown next to the colour: never colour alone.
    pub fn mark(&self) -> &'static str {
        match self {
            Attention::Late { .. } => "LATE",
            Attention::Blocked { .. } => "BLOCKED",
            Attention::Waiting { .. } => "WAITING",
            Attention::DueSoon { .. } => "DUE SOON",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            Attention::Late { days, due } => {
                format!("{days} {} late (due {due})", plural(*days, "day"))
            }
            Attention::Blocked { note: Some(n) } => format!("“{n}”"),
            Attention::Blocked { note: None } => "no note".to_string(),
            Attention::Waiting { from } => {
                let who: Vec<String> = from.iter().map(|(n, d)| format!("{n} ({d})")).collect();
                format!("hand-off from {}", who.join(", "))
            }
            Attention::DueSoon { due, in_days: 0 } => format!("due today ({due})"),
            Attention::DueSoon { due, in_days } => {
                format!("due {due} (in {in_days} {})", plural(*in_days, "day"))
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProgramLine {
    pub id: String,
    pub name: String,
    pub done: usize,
    pub total: usize,
    /// The next milestone: name, date, days from today.
    pub next: Option<(String, Date, i32)>,
    /// Its slipping and missed milestones with the root of each chain:
    /// `Launch day +6 d: concepts is late (北风创意)`.
    pub forecast: Vec<String>,
    /// Its metrics behind pace or over target: `Sourced pipeline behind
    /// pace (400,000 of an expected 570,175)`.
    pub metrics: Vec<String>,
}

impl ProgramLine {
    /// Progress as a whole percentage, rounded as everywhere else.
    pub fn percent(&self) -> usize {
        crate::derive::Progress {
            done: self.done,
            total: self.total,
        }
        .percent()
    }
}

pub fn plural(n: i32, word: &str) -> String {
    if n.abs() == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// What the page is built from.
pub struct PageInput<'a> {
    pub portfolio: &'a Portfolio,
    pub derived: &'a Derived,
    pub changes: &'a [Change],
    pub source: String,
    pub since: String,
    pub time: Option<String>,
    pub warnings: Vec<String>,
}

/// Builds the page. People with nothing to discuss are left out.
pub fn build_page(input: &PageInput<'_>) -> StandupPage {
    let pf = input.portfolio;
    let d = input.derived;
    let today = d.today;
    let order: Vec<(usize, &crate::model::Program)> = pf
        .programs_by_priority()
        .into_iter()
        .map(|i| (i, &pf.programs[i]))
        .collect();
    let mut blocks = PersonBlocks::default();
    add_attention(&mut blocks, pf, d, &order);
    let program_changes = add_changes(&mut blocks, pf, &order, input.changes);
    let rings = ring_sections(blocks.list);
    let programs = order
        .iter()
        .map(|&(p, prog)| program_line(pf, d, p, prog))
        .collect();
    StandupPage {
        date: today,
        time: input.time.clone(),
        source: escape_control(&input.source),
        since: escape_control(&input.since),
        warnings: input.warnings.iter().map(|w| escape_control(w)).collect(),
        rings,
        program_changes,
        programs,
    }
}

/// (ring, person) → block, in order of first appearance.
#[derive(Default)]
struct PersonBlocks {
    list: Vec<(Ring, PersonBlock)>,
    index: HashMap<(Ring, String), usize>,
}

impl PersonBlocks {
    /// The block of person `id` in `ring`, a new one the first time.
    fn at(&mut self, pf: &Portfolio, ring: Ring, id: &str) -> &mut PersonBlock {
        let blocks = &mut self.list;
        let b = *self.index.entry((ring, id.to_string())).or_insert_with(|| {
            blocks.push((
                ring,
                PersonBlock {
                    id: id.to_string(),
                    name: escape_control(pf.person_name(id)),
                    changes: Vec::new(),
                    items: Vec::new(),
                },
            ));
            blocks.len() - 1
        });
        &mut blocks[b].1
    }
}

/// Each person's deliverables that need attention, program by program in
/// the page's order, under the ring they have in each program.
fn add_attention(
    blocks: &mut PersonBlocks,
    pf: &Portfolio,
    d: &Derived,
    order: &[(usize, &crate::model::Program)],
) {
    for &(p, prog) in order {
        for m in members(pf, prog) {
            let ring = m.ring.unwrap_or(Ring::Core);
            let mut items = Vec::new();
            for &i in &m.deliverables {
                let r = crate::model::DeliverableRef {
                    program: p,
                    index: i,
                };
                if let Some(item) = attention(pf, d, r) {
                    items.push(item);
                }
            }
            if !items.is_empty() {
                blocks.at(pf, ring, m.id).items.extend(items);
            }
        }
    }
}

/// The changes since, each as a line: a deliverable's under its owner's
/// block, a program's under the program. The programs with changes, in
/// the footer's order; one gone since keeps its old name.
fn add_changes(
    blocks: &mut PersonBlocks,
    pf: &Portfolio,
    order: &[(usize, &crate::model::Program)],
    changes: &[Change],
) -> Vec<ProgramChanges> {
    // Every program in the footer's order; one gone since keeps its old name.
    let mut program_changes: Vec<ProgramChanges> = order
        .iter()
        .map(|(_, prog)| ProgramChanges {
            id: prog.id.clone(),
            name: escape_control(&prog.name),
            changes: Vec::new(),
        })
        .collect();
    let mut program_at: HashMap<String, usize> = HashMap::new();
    for (at, p) in program_changes.iter().enumerate() {
        program_at.entry(p.id.clone()).or_insert(at);
    }
    for c in changes {
        let line = change_line(c);
        match &c.about {
            About::Deliverable { owner, .. } => {
                let ring = match pf.program(&c.program) {
                    Some(prog) => pf.ring_in(prog, owner),
                    None => pf.person(owner).and_then(|p| p.ring),
                }
                .unwrap_or(Ring::Core);
                blocks.at(pf, ring, owner).changes.push(line);
            }
            About::Program { name, .. } => {
                let at = *program_at.entry(c.program.clone()).or_insert_with(|| {
                    program_changes.push(ProgramChanges {
                        id: c.program.clone(),
                        name: escape_control(name),
                        changes: Vec::new(),
                    });
                    program_changes.len() - 1
                });
                program_changes[at].changes.push(line);
            }
        }
    }
    program_changes.retain(|p| !p.changes.is_empty());
    program_changes
}

/// The people's blocks ring by ring, the people in each most urgent first
/// and each person's items worst first.
fn ring_sections(mut blocks: Vec<(Ring, PersonBlock)>) -> Vec<RingSection> {
    let mut rings = Vec::new();
    for ring in Ring::ALL {
        let mut people: Vec<PersonBlock> = Vec::new();
        for (r, b) in &mut blocks {
            if *r == ring {
                let mut b = std::mem::replace(b, empty_block());
                // Worst first; a person's items across programs interleave.
                b.items
                    .sort_by_key(|it| (rank(&it.attention), due_of(&it.attention)));
                people.push(b);
            }
        }
        people.sort_by_cached_key(|b| (person_rank(b), b.name.to_lowercase(), b.id.clone()));
        if !people.is_empty() {
            rings.push(RingSection { ring, people });
        }
    }
    rings
}

/// A program's footer line: progress, the next milestone, and what is
/// heading the wrong way (milestones slipping or missed, metrics behind
/// pace or over target).
fn program_line(
    pf: &Portfolio,
    d: &Derived,
    p: usize,
    prog: &crate::model::Program,
) -> ProgramLine {
    let today = d.today;
    let progress = d.progress.get(p).copied().unwrap_or_default();
    let mut forecast = Vec::new();
    for (mi, m) in prog.milestones.iter().enumerate() {
        let Some(f) = d.forecast.milestones.get(p).and_then(|ms| ms.get(mi)) else {
            continue;
        };
        let state = match f.state {
            MilestoneState::Slipping => format!("+{} d", f.slip),
            MilestoneState::Missed => format!("missed, {} open", f.open),
            _ => continue,
        };
        // A missed milestone's chain starts at the open item that decides.
        let chain = match f.decider {
            Some(_) => d.forecast.milestone_chain(p, mi),
            None => depends_on(pf, &d.graph, p, m)
                .into_iter()
                .filter(|&i| d.forecast.item(i).is_some())
                .max_by_key(|&i| d.forecast.item(i).map(|it| it.date))
                .map(|i| d.forecast.chain(i))
                .unwrap_or_default(),
        };
        let root = root_words(pf, d, p, &chain).map_or(String::new(), |r| format!(": {r}"));
        forecast.push(escape_control(&format!("{} {state}{root}", m.name)));
    }
    let metrics = prog
        .metrics
        .iter()
        .filter_map(|m| {
            let standing = Standing::new(m, prog, today);
            let words = Words::new(m, &standing);
            let said: Vec<String> = words
                .over
                .map(str::to_string)
                .into_iter()
                .chain(words.pace.filter(|_| standing.behind_pace == Some(true)))
                .collect();
            (!said.is_empty()).then(|| escape_control(&format!("{} {}", m.name, said.join(", "))))
        })
        .collect();
    ProgramLine {
        id: prog.id.clone(),
        name: escape_control(&prog.name),
        done: progress.done,
        total: progress.total,
        next: prog
            .next_milestone(today)
            .map(|m| (escape_control(&m.name), m.date, days_between(today, m.date))),
        forecast,
        metrics,
    }
}

/// A change as the page lists it: what, in words, by whom and when.
fn change_line(c: &Change) -> ChangeLine {
    let deliverable = match &c.about {
        About::Deliverable { id, title, .. } => Some((
            escape_control(&format!("{}/{id}", c.program)),
            escape_control(title),
        )),
        About::Program { .. } => None,
    };
    ChangeLine {
        deliverable,
        sentence: escape_control(&c.sentence()),
        who: c.author.as_deref().map(escape_control),
        when: c.time.map(commit_time),
    }
}

fn empty_block() -> PersonBlock {
    PersonBlock {
        id: String::new(),
        name: String::new(),
        changes: Vec::new(),
        items: Vec::new(),
    }
}

/// An item's place, worst first: late (longest first), blocked, waiting,
/// due soon.
fn rank(a: &[Attention]) -> (u8, i32) {
    match a.first() {
        Some(Attention::Late { days, .. }) => (0, -days),
        Some(Attention::Blocked { .. }) => (1, 0),
        Some(Attention::Waiting { .. }) => (2, 0),
        Some(Attention::DueSoon { .. }) => (3, 0),
        None => (4, 0),
    }
}

/// A person's place in their ring: their worst item's state (items are
/// sorted worst first); someone with only changes comes last.
fn person_rank(b: &PersonBlock) -> u8 {
    b.items.first().map_or(4, |it| rank(&it.attention).0)
}

fn due_of(a: &[Attention]) -> Option<Date> {
    a.iter().find_map(|x| match x {
        Attention::Late { due, .. } | Attention::DueSoon { due, .. } => Some(*due),
        _ => None,
    })
}

/// The attention a deliverable needs, or `None`.
fn attention(pf: &Portfolio, d: &Derived, r: crate::model::DeliverableRef) -> Option<Item> {
    let m = d.marks(r);
    let del = pf.deliverable(r);
    let mut out = Vec::new();
    if m.late {
        out.push(Attention::Late {
            days: m.days_late,
            due: del.due,
        });
    }
    if m.blocked {
        out.push(Attention::Blocked {
            note: del.note.as_deref().map(escape_control),
        });
    }
    if m.waiting {
        let i = d.graph.index(r);
        let from = d.graph.needs[i]
            .iter()
            .filter(|&&j| d.marks[j].open)
            .map(|&j| {
                let nr = d.graph.deliverable(j);
                let need = pf.deliverable(nr);
                let prog = &pf.programs[nr.program];
                (
                    escape_control(pf.person_name(&need.owner)),
                    escape_control(&format!("{}/{}", prog.id, need.id)),
                )
            })
            .collect();
        out.push(Attention::Waiting { from });
    }
    if m.due_soon {
        out.push(Attention::DueSoon {
            due: del.due,
            in_days: days_between(d.today, del.due),
        });
    }
    if out.is_empty() {
        return None;
    }
    Some(Item {
        program: escape_control(&pf.programs[r.program].id),
        id: escape_control(&del.id),
        title: escape_control(&del.title),
        attention: out,
    })
}

/// A commit time in the one time zone of every output
/// ([`crate::review::history::local_zone`]): `Fri 2027-01-29 16:05`.
pub fn commit_time(secs: i64) -> String {
    crate::review::history::local_time(secs).map_or_else(
        || secs.to_string(),
        |t| t.strftime("%a %Y-%m-%d %H:%M").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::parse::parse_file;
    use crate::standup::changes::ChangeKind;

    /// People in a scrambled order, one per state; Eve only has a change.
    const PLAN: &str = r#"
[[person]]
id = "zed"
name = "Zed"
[[person]]
id = "amy"
name = "amy"
[[person]]
id = "bob"
name = "Bob"
[[person]]
id = "cat"
name = "Cat"
[[person]]
id = "dan"
name = "Dan"
[[person]]
id = "eve"
name = "Eve"

[program]
name = "P"

[team]
core = ["eve", "dan", "zed", "cat", "bob", "amy"]

[[deliverable]]
id = "due-soon"
title = "Due soon"
owner = "dan"
due = 2027-02-03

[[deliverable]]
id = "waits"
title = "Waits"
owner = "cat"
due = 2027-03-01
needs = ["blocked"]

[[deliverable]]
id = "blocked"
title = "Blocked"
owner = "bob"
due = 2027-03-01
status = "blocked"

[[deliverable]]
id = "late-a"
title = "Late by a day"
owner = "zed"
due = 2027-01-31

[[deliverable]]
id = "late-b"
title = "Late by a week"
owner = "amy"
due = 2027-01-25
"#;

    #[test]
    fn people_in_a_ring_worst_state_first_then_by_name() {
        let pf = crate::load::build(vec![parse_file("boards/p.toml".into(), PLAN.as_bytes())]).0;
        let derived = Derived::new(&pf, date(2027, 2, 1));
        let change = Change {
            program: "p".into(),
            about: About::Deliverable {
                id: "new".into(),
                title: "New".into(),
                owner: "eve".into(),
                kind: ChangeKind::Removed,
            },
            author: Some("Eve".into()),
            time: None,
        };
        let page = build_page(&PageInput {
            portfolio: &pf,
            derived: &derived,
            changes: &[change],
            source: "main".into(),
            since: "today".into(),
            time: None,
            warnings: Vec::new(),
        });
        let names: Vec<&str> = page.rings[0]
            .people
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        // Late ones by name (case aside), not by days late.
        assert_eq!(names, ["amy", "Zed", "Bob", "Cat", "Dan", "Eve"]);
    }
}

//! Semantic comparison of two portfolios: what a change *means* (a deadline
//! moved, a status changed, someone joined a team), matched by ids, so moving
//! or reformatting a file reports nothing. Pure: no git, no I/O.

use std::collections::HashMap;

use jiff::civil::Date;

use super::change::{Detail, Facts, Field, MarkCounts};
use super::renames::renamed_programs;
use crate::format::{self, Key};
use crate::model::{Deliverable, Metric, Milestone, Person, Portfolio, Program, Ring, Team};
use crate::value::Keyed;

/// What the comparison produces, where it has always been found.
pub use super::change::{Change, Kind};

/// Who changes are about: stamps each change with its kind, program, id
/// and the item's title.
struct About<'a> {
    kind: Kind,
    program: Option<&'a str>,
    id: Option<&'a str>,
    title: Option<&'a str>,
}

impl<'a> About<'a> {
    fn new(kind: Kind, program: Option<&'a str>, id: Option<&'a str>) -> About<'a> {
        About {
            kind,
            program,
            id,
            title: None,
        }
    }

    /// The item's title as people know it: a deliverable's title, a
    /// metric's, program's or person's name.
    fn titled(self, title: &'a str) -> About<'a> {
        About {
            title: Some(title),
            ..self
        }
    }

    fn change(&self, detail: Detail) -> Change {
        Change {
            kind: self.kind,
            program: self.program.map(str::to_string),
            id: self.id.map(str::to_string),
            title: self.title.map(str::to_string),
            detail,
        }
    }

    /// A `*-changed` change for each of `keys` whose values differ, in the
    /// table's order; `known_by`, the key the items were matched by, is
    /// the same on both.
    fn keys<T: Keyed>(
        &self,
        out: &mut Vec<Change>,
        keys: &[Key],
        known_by: Option<Field>,
        a: &T,
        b: &T,
    ) {
        for key in keys.iter().filter(|k| Some(k.field) != known_by) {
            let (from, to) = (a.value(key.field), b.value(key.field));
            if from != to {
                out.push(self.change(Detail::Changed {
                    field: key.field,
                    from,
                    to,
                }));
            }
        }
    }
}

/// Every change from `old` to `new`, in a stable order: people first, then
/// program by program (program, team, milestones, metrics, deliverables).
pub fn compare(old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    let mut out = Vec::new();
    compare_people(old, new, &mut out);
    let mut ids: Vec<&str> = old
        .programs
        .iter()
        .chain(&new.programs)
        .map(|p| p.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let renames = renamed_programs(old, new);
    for id in ids {
        match (old.program(id), new.program(id)) {
            (Some(a), Some(b)) => compare_program(a, b, &mut out),
            (None, Some(b)) => {
                // A renamed program is one change, then what changed inside it.
                let before = renames
                    .iter()
                    .find(|(_, now)| *now == id)
                    .and_then(|(was, _)| old.program(was));
                if let Some(a) = before {
                    let about = About::new(Kind::ProgramRenamed, Some(id), None).titled(&b.name);
                    let from = a.id.clone();
                    out.push(about.change(Detail::Renamed { from }));
                    compare_program(a, b, &mut out);
                    continue;
                }
                let facts = Facts::Program {
                    deliverables: b.deliverables.len(),
                    marks: MarkCounts::default(),
                };
                let about = About::new(Kind::ProgramAdded, Some(id), None).titled(&b.name);
                out.push(about.change(Detail::Added(facts)));
            }
            (Some(a), None) => {
                if renames.iter().any(|(was, _)| *was == id) {
                    continue;
                }
                let about = About::new(Kind::ProgramRemoved, Some(id), None).titled(&a.name);
                out.push(about.change(Detail::Removed));
            }
            (None, None) => {}
        }
    }
    out
}

fn compare_people(old: &Portfolio, new: &Portfolio, out: &mut Vec<Change>) {
    let mut ids: Vec<&str> = old
        .people
        .iter()
        .chain(&new.people)
        .map(|p| p.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        match (old.person(id), new.person(id)) {
            (Some(a), Some(b)) => compare_person(a, b, out),
            (None, Some(b)) => {
                let facts = Facts::Person {
                    name: b.name.clone(),
                };
                let about = About::new(Kind::PersonAdded, None, Some(id)).titled(&b.name);
                out.push(about.change(Detail::Added(facts)));
            }
            (Some(a), None) => {
                let about = About::new(Kind::PersonRemoved, None, Some(id)).titled(&a.name);
                out.push(about.change(Detail::Removed));
            }
            (None, None) => {}
        }
    }
}

fn compare_person(a: &Person, b: &Person, out: &mut Vec<Change>) {
    let about = About::new(Kind::PersonChanged, None, Some(&b.id)).titled(&b.name);
    about.keys(out, &format::PERSON_KEYS, Some(Field::Id), a, b);
}

/// The same program with nothing in it: comparing against it lists every
/// milestone, metric and deliverable as added (used by `log`).
pub fn empty_like(p: &Program) -> Program {
    Program {
        name: p.name.clone(),
        goal: p.goal.clone(),
        strategist: p.strategist.clone(),
        lead: p.lead.clone(),
        priority: p.priority,
        start: p.start,
        end: p.end,
        team: Team::default(),
        milestones: Vec::new(),
        metrics: Vec::new(),
        deliverables: Vec::new(),
        ..p.clone()
    }
}

/// Changes inside one program that exists on both sides.
pub fn compare_program(a: &Program, b: &Program, out: &mut Vec<Change>) {
    let about = About::new(Kind::ProgramChanged, Some(&b.id), None).titled(&b.name);
    about.keys(out, &format::PROGRAM_KEYS, None, a, b);
    compare_team(&b.id, &a.team, &b.team, out);
    compare_milestones(&b.id, &a.milestones, &b.milestones, out);
    compare_metrics(&b.id, &a.metrics, &b.metrics, out);
    compare_deliverables(&b.id, &a.deliverables, &b.deliverables, out);
}

fn compare_team(program: &str, a: &Team, b: &Team, out: &mut Vec<Change>) {
    let mut people: Vec<&str> = Ring::ALL
        .into_iter()
        .flat_map(|r| a.ring(r).iter().chain(b.ring(r)))
        .map(|(p, _)| p.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    for person in people {
        let (from, to) = (a.ring_of(person), b.ring_of(person));
        if from == to {
            continue;
        }
        if let Some(ring) = from {
            let about = About::new(Kind::TeamLeft, Some(program), Some(person));
            out.push(about.change(Detail::Left(ring)));
        }
        if let Some(ring) = to {
            let about = About::new(Kind::TeamJoined, Some(program), Some(person));
            out.push(about.change(Detail::Joined(ring)));
        }
    }
}

/// The items of a list by a key, the first of two with the same key
/// winning (as a scan from the start would find it): lookups stay linear
/// in the lists, however long a hostile plan makes them.
fn first_by<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(key(item)).or_insert(item);
    }
    map
}

fn compare_milestones(program: &str, a: &[Milestone], b: &[Milestone], out: &mut Vec<Change>) {
    let (pairs, paired) = pair_milestones(a, b);
    for (m, was) in b.iter().zip(&pairs) {
        match was.map(|i| &a[i]) {
            Some(old) => {
                let about = About::new(Kind::MilestoneChanged, Some(program), Some(&m.name));
                about.keys(out, &format::MILESTONE_KEYS, Some(Field::Name), old, m);
            }
            None => {
                let about = About::new(Kind::MilestoneAdded, Some(program), Some(&m.name));
                out.push(about.change(Detail::Added(Facts::Milestone { date: m.date })));
            }
        }
    }
    for (m, _) in a.iter().zip(&paired).filter(|(_, p)| !**p) {
        let about = About::new(Kind::MilestoneRemoved, Some(program), Some(&m.name));
        out.push(about.change(Detail::Removed));
    }
}

/// Each milestone of `b` paired with one of `a`, by index: milestones are
/// known by name, and a name may repeat (a `Review` in February and one in
/// March). Same-named ones are paired on their date first (unchanged),
/// then the rest in their order (moved); a milestone left over was added
/// (in `b`) or removed (in `a`, where the second list says which were
/// paired). Linear: hash maps by name and date.
fn pair_milestones(a: &[Milestone], b: &[Milestone]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut pairs = vec![None; b.len()];
    let mut paired = vec![false; a.len()];
    let mut by_date: HashMap<(&str, Date), Vec<usize>> = HashMap::new();
    for (i, m) in a.iter().enumerate().rev() {
        by_date.entry((&m.name, m.date)).or_default().push(i);
    }
    for (j, m) in b.iter().enumerate() {
        if let Some(i) = by_date
            .get_mut(&(m.name.as_str(), m.date))
            .and_then(Vec::pop)
        {
            pairs[j] = Some(i);
            paired[i] = true;
        }
    }
    let mut by_name: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, m) in a.iter().enumerate().filter(|(i, _)| !paired[*i]) {
        by_name.entry(&m.name).or_default().push_back(i);
    }
    for (m, pair) in b.iter().zip(pairs.iter_mut()).filter(|(_, p)| p.is_none()) {
        if let Some(i) = by_name.get_mut(m.name.as_str()).and_then(|q| q.pop_front()) {
            *pair = Some(i);
            paired[i] = true;
        }
    }
    (pairs, paired)
}

fn compare_metrics(program: &str, a: &[Metric], b: &[Metric], out: &mut Vec<Change>) {
    let (old, new) = (first_by(a, |m| &m.id), first_by(b, |m| &m.id));
    for m in b {
        match old.get(m.id.as_str()) {
            Some(old) => {
                let about =
                    About::new(Kind::MetricChanged, Some(program), Some(&m.id)).titled(&m.name);
                about.keys(out, &format::METRIC_KEYS, Some(Field::Id), *old, m);
            }
            None => {
                let about =
                    About::new(Kind::MetricAdded, Some(program), Some(&m.id)).titled(&m.name);
                out.push(about.change(Detail::Added(Facts::Metric { target: m.target })));
            }
        }
    }
    for m in a.iter().filter(|m| !new.contains_key(m.id.as_str())) {
        let about = About::new(Kind::MetricRemoved, Some(program), Some(&m.id)).titled(&m.name);
        out.push(about.change(Detail::Removed));
    }
}

fn compare_deliverables(
    program: &str,
    a: &[Deliverable],
    b: &[Deliverable],
    out: &mut Vec<Change>,
) {
    // Ids are unique within a program. Most deliverables stand where they
    // stood, give or take the ones added or removed before them: look there
    // first, and build the index only for the rest.
    let mut old_index: Option<std::collections::HashMap<&str, usize>> = None;
    let mut matched = vec![false; a.len()];
    let mut shift = 0isize;
    for (j, d) in b.iter().enumerate() {
        let guess = j
            .checked_add_signed(shift)
            .filter(|&i| a.get(i).is_some_and(|x| x.id == d.id));
        let found = guess.or_else(|| {
            let index = old_index.get_or_insert_with(|| {
                a.iter()
                    .enumerate()
                    .map(|(i, d)| (d.id.as_str(), i))
                    .collect()
            });
            let i = *index.get(d.id.as_str())?;
            shift = i as isize - j as isize;
            Some(i)
        });
        let Some(old) = found.map(|i| {
            matched[i] = true;
            &a[i]
        }) else {
            let about =
                About::new(Kind::DeliverableAdded, Some(program), Some(&d.id)).titled(&d.title);
            let facts = Facts::Deliverable {
                due: d.due,
                owner: d.owner.clone(),
                marks: MarkCounts::default(),
            };
            out.push(about.change(Detail::Added(facts)));
            continue;
        };
        // Most deliverables did not change: say so without building values.
        if same_content(old, d) {
            continue;
        }
        let about =
            About::new(Kind::DeliverableChanged, Some(program), Some(&d.id)).titled(&d.title);
        about.keys(out, &format::DELIVERABLE_KEYS, Some(Field::Id), old, d);
    }
    for (d, _) in a.iter().zip(&matched).filter(|(_, m)| !**m) {
        let about =
            About::new(Kind::DeliverableRemoved, Some(program), Some(&d.id)).titled(&d.title);
        out.push(about.change(Detail::Removed));
    }
}

/// The keys `compare_deliverables` reports are all equal (positions
/// aside), without building their values. Destructured so that a new
/// field of the model cannot be forgotten here.
fn same_content(a: &Deliverable, b: &Deliverable) -> bool {
    let Deliverable {
        id: _,
        title,
        owner,
        due,
        start,
        status,
        needs,
        note,
        duration,
        pos: _,
        id_pos: _,
        owner_pos: _,
        due_pos: _,
        start_pos: _,
    } = a;
    *title == b.title
        && *owner == b.owner
        && *due == b.due
        && *start == b.start
        && *status == b.status
        && *note == b.note
        && *duration == b.duration
        && needs.len() == b.needs.len()
        && needs.iter().zip(&b.needs).all(|(x, y)| x.raw == y.raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Need, Pos, Status};

    fn copy() -> Deliverable {
        Deliverable {
            id: "copy".into(),
            title: "Email copy".into(),
            owner: "ana".into(),
            due: jiff::civil::date(2027, 2, 10),
            start: None,
            status: Status::Doing,
            needs: vec![Need {
                raw: "brief".into(),
                program: None,
                id: "brief".into(),
                pos: Pos::default(),
            }],
            note: None,
            duration: None,
            pos: Pos { line: 3, col: 1 },
            id_pos: Pos::default(),
            owner_pos: Pos::default(),
            due_pos: Pos::default(),
            start_pos: Pos::default(),
        }
    }

    fn fields(a: &Deliverable, b: &Deliverable) -> Vec<&'static str> {
        let mut out = Vec::new();
        compare_deliverables(
            "p",
            std::slice::from_ref(a),
            std::slice::from_ref(b),
            &mut out,
        );
        out.iter()
            .filter_map(|c| c.field())
            .map(Field::as_str)
            .collect()
    }

    #[test]
    fn every_deliverable_field_is_compared_and_positions_are_not() {
        let a = copy();
        let moved = Deliverable {
            pos: Pos { line: 40, col: 1 },
            due_pos: Pos { line: 44, col: 7 },
            ..copy()
        };
        assert!(fields(&a, &moved).is_empty(), "a move alone is no change");
        type Edit = fn(&mut Deliverable);
        let edits: [(&str, Edit); 8] = [
            ("title", |d| d.title.push('!')),
            ("owner", |d| d.owner = "omar".into()),
            ("due", |d| d.due = jiff::civil::date(2027, 2, 17)),
            ("start", |d| d.start = Some(jiff::civil::date(2027, 1, 4))),
            ("status", |d| d.status = Status::Blocked),
            ("needs", |d| d.needs[0].raw = "other/brief".into()),
            ("note", |d| d.note = Some("waiting on legal".into())),
            ("duration", |d| d.duration = Some(10)),
        ];
        for (field, edit) in edits {
            let mut b = copy();
            edit(&mut b);
            assert_eq!(fields(&a, &b), [field], "an edited {field}");
        }
    }

    /// Deliverables added, removed and moved around: each kept one is
    /// matched with itself wherever it now stands.
    #[test]
    fn deliverables_are_matched_by_id_wherever_they_stand() {
        let named = |id: &str, days: i8| Deliverable {
            id: id.into(),
            due: jiff::civil::date(2027, 2, days),
            ..copy()
        };
        let old = ["a", "b", "c", "d", "e"].map(|id| named(id, 1));
        // `x` added first, `b` moved to the end, `d` removed, `e` due later.
        let new = [
            named("x", 1),
            named("a", 1),
            named("c", 1),
            named("e", 9),
            named("b", 1),
        ];
        let mut out = Vec::new();
        compare_deliverables("p", &old, &new, &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.id.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [
                "DeliverableAdded x",
                "DeliverableChanged e",
                "DeliverableRemoved d"
            ]
        );
    }
}

//! Semantic comparison of two portfolios: what a change *means* (a deadline
//! moved, a status changed, someone joined a team), matched by ids, so moving
//! or reformatting a file reports nothing. Pure: no git, no I/O.

use serde::Serialize;
use serde_json::{Value, json};

use crate::derive::days_between;
use crate::model::{
    Deliverable, Metric, Milestone, Number, Person, Portfolio, Program, Ring, Team,
};

/// The `kind` of a change, as in cli.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    PersonAdded,
    PersonRemoved,
    PersonChanged,
    ProgramAdded,
    ProgramRemoved,
    ProgramChanged,
    TeamJoined,
    TeamLeft,
    MilestoneAdded,
    MilestoneRemoved,
    MilestoneChanged,
    MetricAdded,
    MetricRemoved,
    MetricChanged,
    DeliverableAdded,
    DeliverableRemoved,
    DeliverableChanged,
}

/// One change, serialised exactly as the JSON change objects of cli.md.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// The deliverable, metric, milestone (its name) or person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ring: Option<&'static str>,
    /// Facts of an added item, for its sentence (`added (due …, owner …)`).
    #[serde(skip)]
    pub detail: Option<String>,
}

impl Change {
    fn new(kind: Kind, program: Option<&str>, id: Option<&str>) -> Change {
        Change {
            kind,
            program: program.map(str::to_string),
            id: id.map(str::to_string),
            field: None,
            from: None,
            to: None,
            ring: None,
            detail: None,
        }
    }

    fn field(mut self, field: &'static str, from: Value, to: Value) -> Change {
        self.field = Some(field);
        self.from = Some(from);
        self.to = Some(to);
        self
    }

    /// `spring-launch/email-copy`, `spring-launch`, or the person id.
    pub fn subject(&self) -> String {
        match (&self.program, &self.id) {
            (Some(p), Some(id)) => format!("{p}/{id}"),
            (Some(p), None) => p.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => String::new(),
        }
    }

    /// Whole days a date field moved (`due`, `start`, `end`, `date`).
    pub fn days_moved(&self) -> Option<i32> {
        let (Some(Value::String(a)), Some(Value::String(b))) = (&self.from, &self.to) else {
            return None;
        };
        let (a, b) = (a.parse().ok()?, b.parse().ok()?);
        Some(days_between(a, b))
    }

    /// The change in words, e.g. "deadline of spring-launch/email-copy moved
    /// 2027-02-10 → 2027-02-17 (+7 days)".
    pub fn sentence(&self) -> String {
        let what = self.subject();
        let noun = match self.kind {
            Kind::PersonAdded | Kind::PersonRemoved | Kind::PersonChanged => "person",
            Kind::ProgramAdded | Kind::ProgramRemoved | Kind::ProgramChanged => "program",
            Kind::MilestoneAdded | Kind::MilestoneRemoved | Kind::MilestoneChanged => "milestone",
            Kind::MetricAdded | Kind::MetricRemoved | Kind::MetricChanged => "metric",
            _ => "deliverable",
        };
        let detail = self
            .detail
            .as_deref()
            .map_or(String::new(), |d| format!(" ({d})"));
        match self.kind {
            Kind::TeamJoined => format!(
                "{} joined {} as {}",
                self.id.as_deref().unwrap_or("?"),
                self.program.as_deref().unwrap_or("?"),
                self.ring.unwrap_or("?")
            ),
            Kind::TeamLeft => format!(
                "{} left {} ({})",
                self.id.as_deref().unwrap_or("?"),
                self.program.as_deref().unwrap_or("?"),
                self.ring.unwrap_or("?")
            ),
            Kind::PersonAdded
            | Kind::ProgramAdded
            | Kind::MilestoneAdded
            | Kind::MetricAdded
            | Kind::DeliverableAdded => format!("{noun} {what} added{detail}"),
            Kind::PersonRemoved
            | Kind::ProgramRemoved
            | Kind::MilestoneRemoved
            | Kind::MetricRemoved
            | Kind::DeliverableRemoved => format!("{noun} {what} removed"),
            _ => {
                let field = self.field.unwrap_or("?");
                let (from, to) = (show(self.from.as_ref()), show(self.to.as_ref()));
                match (field, self.days_moved()) {
                    ("due", Some(days)) => {
                        format!(
                            "deadline of {what} moved {from} → {to} ({})",
                            signed_days(days)
                        )
                    }
                    (_, Some(days)) => {
                        format!(
                            "{field} of {what} moved {from} → {to} ({})",
                            signed_days(days)
                        )
                    }
                    _ => format!("{field} of {what} {from} → {to}"),
                }
            }
        }
    }

    /// The change without its subject, for `log` lines: "status doing → blocked".
    pub fn short(&self) -> String {
        match self.kind {
            Kind::DeliverableAdded
            | Kind::ProgramAdded
            | Kind::MetricAdded
            | Kind::MilestoneAdded
            | Kind::PersonAdded => self
                .detail
                .as_deref()
                .map_or("added".to_string(), |d| format!("added ({d})")),
            Kind::DeliverableRemoved
            | Kind::ProgramRemoved
            | Kind::MetricRemoved
            | Kind::MilestoneRemoved
            | Kind::PersonRemoved => "removed".to_string(),
            Kind::TeamJoined | Kind::TeamLeft => self.sentence(),
            _ => {
                let field = self.field.unwrap_or("?");
                let (from, to) = (show(self.from.as_ref()), show(self.to.as_ref()));
                match self.days_moved() {
                    Some(days) => format!("{field} {from} → {to} ({})", signed_days(days)),
                    None => format!("{field} {from} → {to}"),
                }
            }
        }
    }
}

/// `+7 days`, `-1 day`.
pub fn signed_days(days: i32) -> String {
    let unit = if days.abs() == 1 { "day" } else { "days" };
    format!("{days:+} {unit}")
}

/// A JSON value as people read it: strings unquoted, null as "none".
fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "none".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| show(Some(i))).collect();
            format!("[{}]", items.join(", "))
        }
        Some(other) => other.to_string(),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> Value {
    v.as_ref()
        .map_or(Value::Null, |x| Value::String(x.to_string()))
}

fn number(n: Number) -> Value {
    match n {
        Number::Int(i) => json!(i),
        Number::Float(f) => json!(f),
    }
}

/// Pushes a `*-changed` change when the two values differ.
fn diff_field(out: &mut Vec<Change>, base: &Change, field: &'static str, from: Value, to: Value) {
    if from != to {
        out.push(base.clone().field(field, from, to));
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
    for id in ids {
        match (old.program(id), new.program(id)) {
            (Some(a), Some(b)) => compare_program(a, b, &mut out),
            (None, Some(b)) => {
                let mut c = Change::new(Kind::ProgramAdded, Some(id), None);
                c.detail = Some(format!("{} deliverables", b.deliverables.len()));
                out.push(c);
            }
            (Some(_), None) => out.push(Change::new(Kind::ProgramRemoved, Some(id), None)),
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
                let mut c = Change::new(Kind::PersonAdded, None, Some(id));
                c.detail = Some(b.name.clone());
                out.push(c);
            }
            (Some(_), None) => out.push(Change::new(Kind::PersonRemoved, None, Some(id))),
            (None, None) => {}
        }
    }
}

fn compare_person(a: &Person, b: &Person, out: &mut Vec<Change>) {
    let base = Change::new(Kind::PersonChanged, None, Some(&b.id));
    diff_field(out, &base, "name", json!(a.name), json!(b.name));
    diff_field(out, &base, "role", opt(&a.role), opt(&b.role));
    diff_field(out, &base, "org", opt(&a.org), opt(&b.org));
    diff_field(out, &base, "ring", opt(&a.ring), opt(&b.ring));
    diff_field(out, &base, "contact", opt(&a.contact), opt(&b.contact));
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
    let pid = Some(b.id.as_str());
    let base = Change::new(Kind::ProgramChanged, pid, None);
    let person =
        |p: &Option<(String, crate::model::Pos)>| p.as_ref().map_or(Value::Null, |(s, _)| json!(s));
    diff_field(out, &base, "name", json!(a.name), json!(b.name));
    diff_field(out, &base, "goal", opt(&a.goal), opt(&b.goal));
    diff_field(
        out,
        &base,
        "strategist",
        person(&a.strategist),
        person(&b.strategist),
    );
    diff_field(out, &base, "lead", person(&a.lead), person(&b.lead));
    diff_field(out, &base, "priority", json!(a.priority), json!(b.priority));
    diff_field(out, &base, "start", opt(&a.start), opt(&b.start));
    diff_field(out, &base, "end", opt(&a.end), opt(&b.end));
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
            let mut c = Change::new(Kind::TeamLeft, Some(program), Some(person));
            c.ring = Some(ring.as_str());
            out.push(c);
        }
        if let Some(ring) = to {
            let mut c = Change::new(Kind::TeamJoined, Some(program), Some(person));
            c.ring = Some(ring.as_str());
            out.push(c);
        }
    }
}

fn compare_milestones(program: &str, a: &[Milestone], b: &[Milestone], out: &mut Vec<Change>) {
    for m in b {
        match a.iter().find(|x| x.name == m.name) {
            Some(old) => {
                let base = Change::new(Kind::MilestoneChanged, Some(program), Some(&m.name));
                diff_field(
                    out,
                    &base,
                    "date",
                    json!(old.date.to_string()),
                    json!(m.date.to_string()),
                );
            }
            None => {
                let mut c = Change::new(Kind::MilestoneAdded, Some(program), Some(&m.name));
                c.detail = Some(format!("on {}", m.date));
                out.push(c);
            }
        }
    }
    for m in a.iter().filter(|m| !b.iter().any(|x| x.name == m.name)) {
        out.push(Change::new(
            Kind::MilestoneRemoved,
            Some(program),
            Some(&m.name),
        ));
    }
}

fn compare_metrics(program: &str, a: &[Metric], b: &[Metric], out: &mut Vec<Change>) {
    for m in b {
        match a.iter().find(|x| x.id == m.id) {
            Some(old) => {
                let base = Change::new(Kind::MetricChanged, Some(program), Some(&m.id));
                diff_field(out, &base, "name", json!(old.name), json!(m.name));
                diff_field(out, &base, "unit", opt(&old.unit), opt(&m.unit));
                diff_field(out, &base, "target", number(old.target), number(m.target));
                diff_field(
                    out,
                    &base,
                    "actual",
                    old.actual.map_or(Value::Null, number),
                    m.actual.map_or(Value::Null, number),
                );
                diff_field(out, &base, "owner", opt(&old.owner), opt(&m.owner));
            }
            None => {
                let mut c = Change::new(Kind::MetricAdded, Some(program), Some(&m.id));
                c.detail = Some(format!("target {}", m.target));
                out.push(c);
            }
        }
    }
    for m in a.iter().filter(|m| !b.iter().any(|x| x.id == m.id)) {
        out.push(Change::new(Kind::MetricRemoved, Some(program), Some(&m.id)));
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
            let mut c = Change::new(Kind::DeliverableAdded, Some(program), Some(&d.id));
            c.detail = Some(format!("due {}, owner {}", d.due, d.owner));
            out.push(c);
            continue;
        };
        // Most deliverables did not change: say so without building JSON.
        if same_content(old, d) {
            continue;
        }
        let base = Change::new(Kind::DeliverableChanged, Some(program), Some(&d.id));
        let needs =
            |x: &Deliverable| json!(x.needs.iter().map(|n| n.raw.as_str()).collect::<Vec<_>>());
        diff_field(out, &base, "title", json!(old.title), json!(d.title));
        diff_field(out, &base, "owner", json!(old.owner), json!(d.owner));
        diff_field(
            out,
            &base,
            "due",
            json!(old.due.to_string()),
            json!(d.due.to_string()),
        );
        diff_field(out, &base, "start", opt(&old.start), opt(&d.start));
        diff_field(
            out,
            &base,
            "status",
            json!(old.status.as_str()),
            json!(d.status.as_str()),
        );
        diff_field(out, &base, "needs", needs(old), needs(d));
        diff_field(out, &base, "note", opt(&old.note), opt(&d.note));
    }
    for (d, _) in a.iter().zip(&matched).filter(|(_, m)| !**m) {
        out.push(Change::new(
            Kind::DeliverableRemoved,
            Some(program),
            Some(&d.id),
        ));
    }
}

/// The fields `compare_deliverables` reports are all equal (positions aside).
/// Destructured so that a new field cannot be forgotten here.
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
        out.iter().filter_map(|c| c.field).collect()
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
        let edits: [(&str, Edit); 7] = [
            ("title", |d| d.title.push('!')),
            ("owner", |d| d.owner = "omar".into()),
            ("due", |d| d.due = jiff::civil::date(2027, 2, 17)),
            ("start", |d| d.start = Some(jiff::civil::date(2027, 1, 4))),
            ("status", |d| d.status = Status::Blocked),
            ("needs", |d| d.needs[0].raw = "other/brief".into()),
            ("note", |d| d.note = Some("waiting on legal".into())),
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

//! Impact of a change: what a moved deadline, a new status or a moved
//! milestone does.
//!
//! For each deliverable whose `due` or `status` changed, every deliverable
//! that waits for it through hand-offs (transitively, across programs) and
//! that is late or at risk after the change but was not before; and each
//! milestone of its program that the change now misses: the deliverable is
//! open, was due on or before the milestone, and is now due after it.
//! For each milestone whose date moved, the open deliverables of its
//! program that met it (due on or before it) and now miss it, or the
//! reverse.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use super::change::{Change, Detail, Field, Kind, Value};
use crate::derive::Derived;
use crate::model::{DeliverableRef, Portfolio};

/// In JSON, a moved milestone's entry always has `now_missed_by` and
/// `now_met_by` (empty or not); a changed deliverable's has neither.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// The changed deliverable, `program/id`, or the moved milestone,
    /// `program/name`.
    pub cause: String,
    /// The moved milestone, when the cause is one.
    pub milestone: Option<MovedMilestone>,
    /// Downstream deliverables that became late, `program/id`.
    pub newly_late: Vec<String>,
    /// Downstream deliverables that became at risk.
    pub newly_at_risk: Vec<String>,
    /// Milestones the change now misses.
    pub missed_milestones: Vec<MissedMilestone>,
    /// Open deliverables that met the moved milestone and now miss it.
    pub now_missed_by: Vec<DueBy>,
    /// Open deliverables that missed the moved milestone and now meet it.
    pub now_met_by: Vec<DueBy>,
}

impl Serialize for Impact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Impact", 7)?;
        out.serialize_field("cause", &self.cause)?;
        if let Some(m) = &self.milestone {
            out.serialize_field("milestone", m)?;
        }
        out.serialize_field("newly_late", &self.newly_late)?;
        out.serialize_field("newly_at_risk", &self.newly_at_risk)?;
        out.serialize_field("missed_milestones", &self.missed_milestones)?;
        if self.milestone.is_some() {
            out.serialize_field("now_missed_by", &self.now_missed_by)?;
            out.serialize_field("now_met_by", &self.now_met_by)?;
        }
        out.end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MissedMilestone {
    pub program: String,
    pub name: String,
    pub date: String,
    /// The new due date of the cause.
    pub due: String,
}

/// A milestone whose date moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MovedMilestone {
    pub program: String,
    pub name: String,
    #[serde(serialize_with = "as_text")]
    pub from: Date,
    #[serde(serialize_with = "as_text")]
    pub to: Date,
}

/// A deliverable, `program/id`, and its due date now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueBy {
    pub deliverable: String,
    #[serde(serialize_with = "as_text")]
    pub due: Date,
}

/// A date as JSON: `"2027-03-01"`.
fn as_text<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

impl Impact {
    fn new(cause: String) -> Impact {
        Impact {
            cause,
            milestone: None,
            newly_late: Vec::new(),
            newly_at_risk: Vec::new(),
            missed_milestones: Vec::new(),
            now_missed_by: Vec::new(),
            now_met_by: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.newly_late.is_empty()
            && self.newly_at_risk.is_empty()
            && self.missed_milestones.is_empty()
            && self.now_missed_by.is_empty()
            && self.now_met_by.is_empty()
    }
}

fn name(p: &Portfolio, r: DeliverableRef) -> String {
    format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
}

/// How many steps (a deliverable reached downstream, a milestone or a
/// deliverable compared) the analysis takes in all. Real reviews take a
/// few thousand; a hostile change (30,000 milestones moved in a program of
/// 30,000 deliverables, a chain of 30,000 all late) would take billions,
/// and could list as many lines.
pub const WORK_LIMIT: usize = 4_000_000;

/// A cause's impact (`None`: the cause is not in the plans), or
/// [`OutOfWork`].
type Examined = Result<Option<Impact>, OutOfWork>;

/// The analysis had no steps left for a cause.
#[derive(Debug)]
struct OutOfWork;

/// What [`impacts`] found, and how many causes it had no budget left for.
#[derive(Debug, Default)]
pub struct Impacts {
    pub found: Vec<Impact>,
    /// Deadline, status and milestone-date changes whose impact was not
    /// worked out: the analysis had taken [`WORK_LIMIT`] steps.
    pub not_examined: usize,
}

/// The impact of every deadline, status and milestone-date change in
/// `changes`, given the derived state of both sides (`before` of `old`,
/// `after` of `new`), in the order of the changes, for at most `work`
/// steps.
pub fn impacts<'a>(
    old: &'a Portfolio,
    new: &'a Portfolio,
    before: &'a Derived,
    after: &'a Derived,
    changes: &'a [Change],
    work: usize,
) -> Impacts {
    let mut sides = Sides {
        old,
        new,
        before,
        after,
        // A renamed program's items are found in `old` under its old id.
        renamed: changes.iter().filter_map(Change::renamed).collect(),
        old_programs: vec![None; new.programs.len()],
        old_dates: vec![None; old.programs.len()],
        seen: Visits::new(after.graph.len()),
        work,
    };
    let mut out = Impacts::default();
    let mut last = None;
    for c in changes {
        let (Some(program), Some(id)) = (c.program.as_deref(), c.id.as_deref()) else {
            continue;
        };
        let found = match (c.kind, &c.detail) {
            (
                Kind::DeliverableChanged,
                Detail::Changed {
                    field: Field::Due | Field::Status,
                    ..
                },
            ) => {
                // A deadline and a status change of one deliverable: one impact.
                if last.replace((program, id)) == Some((program, id)) {
                    continue;
                }
                sides.deliverable(program, id)
            }
            (
                Kind::MilestoneChanged,
                Detail::Changed {
                    field: Field::Date,
                    from: Value::Date(from),
                    to: Value::Date(to),
                },
            ) => sides.milestone(program, id, *from, *to),
            _ => Ok(None),
        };
        match found {
            Ok(found) => out.found.extend(found.filter(|i| !i.is_empty())),
            Err(OutOfWork) => out.not_examined += 1,
        }
    }
    out
}

/// Both sides of the comparison, and what the analysis keeps across causes.
struct Sides<'a> {
    old: &'a Portfolio,
    new: &'a Portfolio,
    before: &'a Derived,
    after: &'a Derived,
    /// `(old id, new id)` of the renamed programs.
    renamed: Vec<(&'a str, &'a str)>,
    /// Each program of `new`'s index in `old`, found when first asked for.
    old_programs: Vec<Option<Option<usize>>>,
    /// Each program of `old`'s milestone dates by name (a name may
    /// repeat), built when first asked for.
    old_dates: Vec<Option<OldMilestones<'a>>>,
    seen: Visits,
    /// The steps left.
    work: usize,
}

/// A program's milestones in `old`: by name and date, and by name.
type OldMilestones<'a> = (HashSet<(&'a str, Date)>, HashSet<&'a str>);

impl<'a> Sides<'a> {
    /// A deliverable of `new` as it was in `old`.
    fn was(&mut self, r: DeliverableRef) -> Option<DeliverableRef> {
        let new = self.new;
        let p = match self.old_programs[r.program] {
            Some(p) => p,
            None => {
                let p = self
                    .old
                    .program_index(self.old_id(&new.programs[r.program].id));
                self.old_programs[r.program] = Some(p);
                p
            }
        };
        self.old.deliverable_in(p?, &new.deliverable(r).id)
    }

    /// A program's id in `old`, through a rename.
    fn old_id<'p>(&self, program: &'p str) -> &'p str
    where
        'a: 'p,
    {
        let renamed = self.renamed.iter().find(|(_, now)| *now == program);
        renamed.map_or(program, |(was, _)| was)
    }

    /// Whether a milestone of `new`'s program stayed where `old` had it: a
    /// milestone of that name and date was there, or none of that name
    /// (new: nothing moved).
    fn stayed(&mut self, program: &str, name: &str, date: Date) -> bool {
        let old = self.old;
        let Some(p) = old.program_index(self.old_id(program)) else {
            return true;
        };
        let (dated, named) = self.old_dates[p].get_or_insert_with(|| {
            let milestones = &old.programs[p].milestones;
            let dated = milestones
                .iter()
                .map(|m| (m.name.as_str(), m.date))
                .collect();
            let named = milestones.iter().map(|m| m.name.as_str()).collect();
            (dated, named)
        });
        dated.contains(&(name, date)) || !named.contains(name)
    }

    /// Takes `steps` from the budget, or all that is left when that is
    /// not enough: a cause is examined whole or not at all.
    fn spend(&mut self, steps: usize) -> Result<(), OutOfWork> {
        match self.work.checked_sub(steps) {
            Some(left) => self.work = left,
            None => {
                self.work = 0;
                return Err(OutOfWork);
            }
        }
        Ok(())
    }

    /// What a deliverable's new deadline or status does downstream, and
    /// which milestones of its program (that stayed put) it now misses.
    fn deliverable(&mut self, program: &str, id: &str) -> Examined {
        let (new, after, before) = (self.new, self.after, self.before);
        let Some(cause) = new.find_deliverable(program, id) else {
            return Ok(None);
        };
        let mut impact = Impact::new(format!("{program}/{id}"));
        let milestones = new.programs[cause.program].milestones.len();
        let limit = self.work.saturating_sub(milestones);
        let Some((reached, steps)) = downstream(after, cause, &mut self.seen, limit) else {
            return self.spend(usize::MAX).map(|()| None);
        };
        self.spend(steps + milestones)?;
        for r in reached {
            // A deliverable new in TO is not this change's doing: it is
            // told where it is added (see `marks`).
            let Some(was) = self.was(r) else {
                continue;
            };
            let (now, was) = (after.marks(r), before.marks(was));
            if now.late && !was.late {
                impact.newly_late.push(name(new, r));
            } else if now.at_risk && !was.at_risk {
                impact.newly_at_risk.push(name(new, r));
            }
        }
        let d = new.deliverable(cause);
        if let Some(old_ref) = self.was(cause)
            && d.status.is_open()
        {
            let old_due = self.old.deliverable(old_ref).due;
            for m in &new.programs[cause.program].milestones {
                // A milestone that moved too is told under its own move.
                let stayed = self.stayed(program, &m.name, m.date);
                if stayed && old_due <= m.date && d.due > m.date {
                    impact.missed_milestones.push(MissedMilestone {
                        program: program.to_string(),
                        name: m.name.clone(),
                        date: m.date.to_string(),
                        due: d.due.to_string(),
                    });
                }
            }
        }
        Ok(Some(impact))
    }

    /// Which open deliverables of the program a milestone moved from
    /// `from` to `to` now miss, and which now meet it, against their due
    /// dates before and after.
    fn milestone(&mut self, program: &str, name: &str, from: Date, to: Date) -> Examined {
        let mut impact = Impact::new(format!("{program}/{name}"));
        impact.milestone = Some(MovedMilestone {
            program: program.to_string(),
            name: name.to_string(),
            from,
            to,
        });
        let new = self.new;
        let Some(p) = new.program_index(program) else {
            return Ok(None);
        };
        self.spend(new.programs[p].deliverables.len())?;
        for (index, d) in new.programs[p].deliverables.iter().enumerate() {
            let now = DeliverableRef { program: p, index };
            let Some(old_ref) = self.was(now).filter(|_| d.status.is_open()) else {
                continue;
            };
            let (met, meets) = (self.old.deliverable(old_ref).due <= from, d.due <= to);
            let list = match (met, meets) {
                (true, false) => &mut impact.now_missed_by,
                (false, true) => &mut impact.now_met_by,
                _ => continue,
            };
            list.push(DueBy {
                deliverable: format!("{program}/{}", d.id),
                due: d.due,
            });
        }
        Ok(Some(impact))
    }
}

/// Which nodes one walk of the graph has seen, reusable from walk to walk
/// without clearing: a node is seen when it carries the current walk's mark.
struct Visits {
    walk: u32,
    marks: Vec<u32>,
}

impl Visits {
    fn new(nodes: usize) -> Self {
        Visits {
            walk: 0,
            marks: vec![0; nodes],
        }
    }

    fn start(&mut self) {
        self.walk += 1;
    }

    /// Marks `node` seen; false if this walk had seen it already.
    fn first_visit(&mut self, node: usize) -> bool {
        let fresh = self.marks[node] != self.walk;
        self.marks[node] = self.walk;
        fresh
    }
}

/// Everything that waits for `start`, transitively, nearest first, and the
/// hand-offs followed to find it; `None` when that is more than `limit`.
fn downstream(
    derived: &Derived,
    start: DeliverableRef,
    seen: &mut Visits,
    limit: usize,
) -> Option<(Vec<DeliverableRef>, usize)> {
    let graph = &derived.graph;
    let first = graph.index(start);
    seen.start();
    seen.first_visit(first);
    let mut queue = std::collections::VecDeque::from([first]);
    let (mut out, mut steps) = (Vec::new(), 0);
    while let Some(i) = queue.pop_front() {
        let next = &graph.needed_by[i];
        steps += next.len();
        if steps > limit {
            return None;
        }
        for &j in next {
            if seen.first_visit(j) {
                out.push(graph.deliverable(j));
                queue.push_back(j);
            }
        }
    }
    Some((out, steps))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// One program with milestone `M` on `date` and deliverable `a` due `due`.
    fn plan(date: &str, due: &str) -> Portfolio {
        let text = format!(
            "[program]\nname = \"P\"\n\n[[milestone]]\nname = \"M\"\ndate = {date}\n\n[[deliverable]]\nid = \"a\"\ntitle = \"T\"\nowner = \"ana\"\ndue = {due}\n"
        );
        let parsed = crate::parse::parse_file(Arc::from("boards/p.toml"), text.as_bytes());
        crate::load::assemble(vec![parsed], false).0
    }

    fn impacts_between(old: &Portfolio, new: &Portfolio) -> Vec<Impact> {
        let today = jiff::civil::date(2027, 2, 1);
        let (before, after) = (Derived::new(old, today), Derived::new(new, today));
        let changes = crate::review::compare(old, new);
        impacts(old, new, &before, &after, &changes, WORK_LIMIT).found
    }

    #[test]
    fn a_deliverable_and_its_milestone_moved_together_are_told_once() {
        let found = impacts_between(
            &plan("2027-03-01", "2027-02-20"),
            &plan("2027-02-15", "2027-02-25"),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].cause, "p/M");
        assert_eq!(found[0].now_missed_by[0].deliverable, "p/a");
        // The milestone stays: the deadline's own move misses it.
        let found = impacts_between(
            &plan("2027-03-01", "2027-02-20"),
            &plan("2027-03-01", "2027-03-05"),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].cause, "p/a");
        assert_eq!(found[0].missed_milestones[0].name, "M");
    }

    /// A chain `a` ← `b` ← `c` ← `d` (each needs the one before), all
    /// due on `due`, with a milestone on 2027-02-10.
    fn chain(due: &str) -> Portfolio {
        let mut text = String::from(
            "[program]\nname = \"P\"\n\n[[milestone]]\nname = \"M\"\ndate = 2027-02-10\n",
        );
        for (id, needs) in [("a", ""), ("b", "a"), ("c", "b"), ("d", "c")] {
            text.push_str(&format!(
                "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"T\"\nowner = \"ana\"\ndue = {due}\nneeds = [{}]\n",
                if needs.is_empty() { String::new() } else { format!("\"{needs}\"") }
            ));
        }
        let parsed = crate::parse::parse_file(Arc::from("boards/p.toml"), text.as_bytes());
        crate::load::assemble(vec![parsed], false).0
    }

    #[test]
    fn past_the_work_limit_causes_are_counted_not_examined_in_part() {
        let (old, new) = (chain("2027-02-05"), chain("2027-02-20"));
        let today = jiff::civil::date(2027, 2, 1);
        let (before, after) = (Derived::new(&old, today), Derived::new(&new, today));
        let changes = crate::review::compare(&old, &new);
        let all = impacts(&old, &new, &before, &after, &changes, WORK_LIMIT);
        assert_eq!((all.found.len(), all.not_examined), (4, 0), "{all:?}");
        // `a` follows 3 hand-offs and compares 1 milestone: 4 steps; `b`
        // takes 3, more than the 1 left, so it is not examined at all, and
        // neither is any cause after it (the steps left are spent).
        let some = impacts(&old, &new, &before, &after, &changes, 5);
        assert_eq!(some.found, all.found[..1], "{some:?}");
        assert_eq!(some.not_examined, 3);
        let none = impacts(&old, &new, &before, &after, &changes, 0);
        assert_eq!((none.found.len(), none.not_examined), (0, 4));
    }

    #[test]
    fn visits_start_afresh_on_each_walk() {
        let mut seen = Visits::new(3);
        seen.start();
        assert!(seen.first_visit(1));
        assert!(!seen.first_visit(1));
        seen.start();
        assert!(seen.first_visit(1), "a new walk has seen nothing");
    }
}

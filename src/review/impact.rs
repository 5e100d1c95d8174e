//! Impact of a change: what a moved deadline or a new status does downstream.
//!
//! For each deliverable whose `due` or `status` changed, every deliverable
//! that waits for it through hand-offs (transitively, across programs) and
//! that is late or at risk after the change but was not before; and each
//! milestone of its program that the change now misses: the deliverable is
//! open, was due on or before the milestone, and is now due after it.

use std::collections::HashMap;

use serde::Serialize;

use super::change::{Change, Field, Kind};
use crate::derive::{Derived, Marks};
use crate::graph::IdMap;
use crate::model::{DeliverableRef, Portfolio};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Impact {
    /// The changed deliverable, `program/id`.
    pub cause: String,
    /// Downstream deliverables that became late, `program/id`.
    pub newly_late: Vec<String>,
    /// Downstream deliverables that became at risk.
    pub newly_at_risk: Vec<String>,
    /// Milestones the change now misses.
    pub missed_milestones: Vec<MissedMilestone>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MissedMilestone {
    pub program: String,
    pub name: String,
    pub date: String,
    /// The new due date of the cause.
    pub due: String,
}

impl Impact {
    pub fn is_empty(&self) -> bool {
        self.newly_late.is_empty()
            && self.newly_at_risk.is_empty()
            && self.missed_milestones.is_empty()
    }
}

/// Deliverables of one side found by program and id; each program is
/// indexed the first time it is asked about.
struct Lookup<'a> {
    portfolio: &'a Portfolio,
    programs: Vec<Option<IdMap<&'a str, usize>>>,
}

impl<'a> Lookup<'a> {
    fn new(portfolio: &'a Portfolio) -> Self {
        Lookup {
            portfolio,
            programs: vec![None; portfolio.programs.len()],
        }
    }

    fn find(&mut self, program: &str, id: &str) -> Option<DeliverableRef> {
        let portfolio = self.portfolio;
        let p = portfolio.program_index(program)?;
        let ids = self.programs[p].get_or_insert_with(|| {
            let list = &portfolio.programs[p].deliverables;
            list.iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect()
        });
        let index = *ids.get(id)?;
        Some(DeliverableRef { program: p, index })
    }
}

fn name(p: &Portfolio, r: DeliverableRef) -> String {
    format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
}

/// The impact of every deadline and status change in `changes`, given the
/// derived state of both sides (`before` of `old`, `after` of `new`).
pub fn impacts<'a>(
    old: &Portfolio,
    new: &'a Portfolio,
    before: &Derived,
    after: &Derived,
    changes: &'a [Change],
) -> Vec<Impact> {
    let mut causes: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| {
            c.kind == Kind::DeliverableChanged
                && matches!(c.field(), Some(Field::Due | Field::Status))
        })
        .filter_map(|c| Some((c.program.as_deref()?, c.id.as_deref()?)))
        .collect();
    causes.dedup();
    // A renamed program's deliverables are found in `old` under its old id.
    let renamed: HashMap<&str, &str> = changes
        .iter()
        .filter_map(Change::renamed)
        .map(|(was, now)| (now, was))
        .collect();
    let old_id = |program: &'a str| renamed.get(program).copied().unwrap_or(program);
    let (mut in_old, mut in_new) = (Lookup::new(old), Lookup::new(new));
    let mut seen = Visits::new(after.graph.len());
    let mut out = Vec::new();
    for (program, id) in causes {
        let Some(cause) = in_new.find(program, id) else {
            continue;
        };
        let mut impact = Impact {
            cause: format!("{program}/{id}"),
            newly_late: Vec::new(),
            newly_at_risk: Vec::new(),
            missed_milestones: Vec::new(),
        };
        for r in downstream(after, cause, &mut seen) {
            let now = after.marks(r);
            let was: Marks = in_old
                .find(old_id(&new.programs[r.program].id), &new.deliverable(r).id)
                .map(|o| before.marks(o))
                .unwrap_or_default();
            if now.late && !was.late {
                impact.newly_late.push(name(new, r));
            } else if now.at_risk && !was.at_risk {
                impact.newly_at_risk.push(name(new, r));
            }
        }
        let d = new.deliverable(cause);
        if let Some(old_ref) = in_old.find(old_id(program), id)
            && d.status.is_open()
        {
            let old_due = old.deliverable(old_ref).due;
            for m in &new.programs[cause.program].milestones {
                if old_due <= m.date && d.due > m.date {
                    impact.missed_milestones.push(MissedMilestone {
                        program: program.to_string(),
                        name: m.name.clone(),
                        date: m.date.to_string(),
                        due: d.due.to_string(),
                    });
                }
            }
        }
        if !impact.is_empty() {
            out.push(impact);
        }
    }
    out
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

/// Everything that waits for `start`, transitively, nearest first.
fn downstream(derived: &Derived, start: DeliverableRef, seen: &mut Visits) -> Vec<DeliverableRef> {
    let graph = &derived.graph;
    let first = graph.index(start);
    seen.start();
    seen.first_visit(first);
    let mut queue = std::collections::VecDeque::from([first]);
    let mut out = Vec::new();
    while let Some(i) = queue.pop_front() {
        for &j in &graph.needed_by[i] {
            if seen.first_visit(j) {
                out.push(graph.deliverable(j));
                queue.push_back(j);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn portfolio(ids: &[&str]) -> Portfolio {
        let mut text = String::from("[program]\nname = \"P\"\n");
        for id in ids {
            text.push_str(&format!(
                "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"T\"\nowner = \"ana\"\ndue = 2027-01-01\n"
            ));
        }
        let parsed = crate::parse::parse_file(Arc::from("boards/p.toml"), text.as_bytes());
        crate::load::assemble(vec![parsed], false).0
    }

    #[test]
    fn lookup_finds_every_deliverable_and_nothing_else() {
        let p = portfolio(&["a", "b", "c", "d", "e"]);
        let mut lookup = Lookup::new(&p);
        for (want, id) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            assert_eq!(lookup.find("p", id).map(|r| r.index), Some(want), "{id}");
        }
        assert_eq!(lookup.find("p", "zz"), None);
        assert_eq!(lookup.find("nope", "a"), None);
        assert_eq!(Lookup::new(&portfolio(&[])).find("p", "a"), None);
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

//! Impact of a change: what a moved deadline or a new status does downstream.
//!
//! For each deliverable whose `due` or `status` changed, every deliverable
//! that waits for it through hand-offs (transitively, across programs) and
//! that is late or at risk after the change but was not before; and each
//! milestone of its program that the change now misses: the deliverable is
//! open, was due on or before the milestone, and is now due after it.

use std::collections::HashSet;

use serde::Serialize;

use super::compare::{Change, Kind};
use crate::derive::{Derived, Marks};
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

fn find(p: &Portfolio, program: &str, id: &str) -> Option<DeliverableRef> {
    find_near(p, program, id, 0)
}

/// [`find`], looking first at `near` and then ever further from it: a
/// deliverable rarely moves far between two versions of its file.
fn find_near(p: &Portfolio, program: &str, id: &str, near: usize) -> Option<DeliverableRef> {
    let pi = p.program_index(program)?;
    let list = &p.programs[pi].deliverables;
    let near = near.min(list.len());
    let (before, after) = list.split_at(near);
    let mut up = before.iter().enumerate().rev();
    let mut down = after.iter().enumerate().map(|(i, d)| (near + i, d));
    let index = loop {
        match (down.next(), up.next()) {
            (None, None) => return None,
            (d, u) => {
                if let Some((i, _)) = d.filter(|(_, d)| d.id == id) {
                    break i;
                }
                if let Some((i, _)) = u.filter(|(_, d)| d.id == id) {
                    break i;
                }
            }
        }
    };
    Some(DeliverableRef { program: pi, index })
}

fn name(p: &Portfolio, r: DeliverableRef) -> String {
    format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
}

/// The impact of every deadline and status change in `changes`, given the
/// derived state of both sides (`before` of `old`, `after` of `new`).
pub fn impacts(
    old: &Portfolio,
    new: &Portfolio,
    before: &Derived,
    after: &Derived,
    changes: &[Change],
) -> Vec<Impact> {
    let mut causes: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| c.kind == Kind::DeliverableChanged && matches!(c.field, Some("due" | "status")))
        .filter_map(|c| Some((c.program.as_deref()?, c.id.as_deref()?)))
        .collect();
    causes.dedup();
    let mut out = Vec::new();
    for (program, id) in causes {
        let Some(cause) = find(new, program, id) else {
            continue;
        };
        let mut impact = Impact {
            cause: format!("{program}/{id}"),
            newly_late: Vec::new(),
            newly_at_risk: Vec::new(),
            missed_milestones: Vec::new(),
        };
        for r in downstream(after, cause) {
            let now = after.marks(r);
            let was: Marks = find_near(
                old,
                &new.programs[r.program].id,
                &new.deliverable(r).id,
                r.index,
            )
            .map(|o| before.marks(o))
            .unwrap_or_default();
            if now.late && !was.late {
                impact.newly_late.push(name(new, r));
            } else if now.at_risk && !was.at_risk {
                impact.newly_at_risk.push(name(new, r));
            }
        }
        let d = new.deliverable(cause);
        if let Some(old_ref) = find(old, program, id)
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

/// Everything that waits for `start`, transitively, nearest first.
fn downstream(derived: &Derived, start: DeliverableRef) -> Vec<DeliverableRef> {
    let graph = &derived.graph;
    let first = graph.index(start);
    let mut seen: HashSet<usize> = HashSet::from([first]);
    let mut queue = std::collections::VecDeque::from([first]);
    let mut out = Vec::new();
    while let Some(i) = queue.pop_front() {
        for &j in &graph.needed_by[i] {
            if seen.insert(j) {
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
    fn find_near_finds_every_deliverable_from_any_start() {
        let p = portfolio(&["a", "b", "c", "d", "e"]);
        for (want, id) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            for near in [0, 2, 4, 5, 99] {
                let found = find_near(&p, "p", id, near).map(|r| r.index);
                assert_eq!(found, Some(want), "{id} from {near}");
            }
        }
        assert_eq!(find_near(&p, "p", "zz", 2), None);
        assert_eq!(find_near(&p, "nope", "a", 0), None);
        assert_eq!(find_near(&portfolio(&[]), "p", "a", 0), None);
    }
}

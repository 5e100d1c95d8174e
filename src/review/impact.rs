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
    let pi = p.program_index(program)?;
    let index = p.programs[pi]
        .deliverables
        .iter()
        .position(|d| d.id == id)?;
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
            let was: Marks = find(old, &new.programs[r.program].id, &new.deliverable(r).id)
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

//! The derived state of what a change adds. A deliverable that did not
//! exist before is not the impact of another change: what is wrong with it
//! (late, blocked, at risk...) is said where it is added.

use std::collections::HashMap;

use super::change::{Change, Detail, Facts, Kind};
use crate::derive::Derived;
use crate::model::{DeliverableRef, Portfolio};

/// Fills in the marks of every added deliverable and of the deliverables
/// of every added program, from `after`, the derived state of `new`.
pub fn mark_added(changes: &mut [Change], new: &Portfolio, after: &Derived) {
    // Per program, its deliverables by id, built once: a program with
    // thousands of added deliverables must not be searched once per each.
    let mut by_id: HashMap<usize, HashMap<&str, usize>> = HashMap::new();
    for c in changes {
        let Detail::Added(facts) = &mut c.detail else {
            continue;
        };
        let Some(program) = c.program.as_deref().and_then(|p| new.program_index(p)) else {
            continue;
        };
        let deliverables = &new.programs[program].deliverables;
        let at = |index| after.marks(DeliverableRef { program, index });
        match (c.kind, facts) {
            (Kind::DeliverableAdded, Facts::Deliverable { marks, .. }) => {
                let index = by_id.entry(program).or_insert_with(|| {
                    let mut ids = HashMap::with_capacity(deliverables.len());
                    for (i, d) in deliverables.iter().enumerate() {
                        ids.entry(d.id.as_str()).or_insert(i);
                    }
                    ids
                });
                if let Some(&index) = c.id.as_deref().and_then(|id| index.get(id)) {
                    marks.add(at(index));
                }
            }
            (Kind::ProgramAdded, Facts::Program { marks, .. }) => {
                for index in 0..deliverables.len() {
                    marks.add(at(index));
                }
            }
            _ => {}
        }
    }
}

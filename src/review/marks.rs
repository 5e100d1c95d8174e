//! The derived state of what a change adds. A deliverable that did not
//! exist before is not the impact of another change: what is wrong with it
//! (late, blocked, at risk...) is said where it is added.

use super::change::{Change, Detail, Facts, Kind};
use crate::derive::Derived;
use crate::model::{DeliverableRef, Portfolio};

/// Fills in the marks of every added deliverable and of the deliverables
/// of every added program, from `after`, the derived state of `new`.
pub fn mark_added(changes: &mut [Change], new: &Portfolio, after: &Derived) {
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
                let id = c.id.as_deref();
                if let Some(index) = deliverables.iter().position(|d| Some(d.id.as_str()) == id) {
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

//! The derived state of what a change adds. A deliverable that did not
//! exist before is not the impact of another change: what is wrong with it
//! (late, blocked, at risk...) is said where it is added.

use super::change::{Change, Detail, Facts, Kind};
use crate::derive::Derived;
use crate::model::{DeliverableRef, Portfolio};

/// Fills in the marks of every added deliverable and of the deliverables
/// of every added program, from `after`, the derived state of `new`.
pub(super) fn mark_added(changes: &mut [Change], new: &Portfolio, after: &Derived) {
    for c in changes {
        let Detail::Added(facts) = &mut c.detail else {
            continue;
        };
        let Some(program) = c.program.as_deref().and_then(|p| new.program_index(p)) else {
            continue;
        };
        match (c.kind, facts) {
            (Kind::DeliverableAdded, Facts::Deliverable { marks, .. }) => {
                if let Some(r) =
                    c.id.as_deref()
                        .and_then(|id| new.deliverable_in(program, id))
                {
                    marks.add(after.marks(r));
                }
            }
            (Kind::ProgramAdded, Facts::Program { marks, .. }) => {
                for index in 0..new.programs[program].deliverables.len() {
                    marks.add(after.marks(DeliverableRef { program, index }));
                }
            }
            _ => {}
        }
    }
}

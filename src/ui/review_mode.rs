//! Review mode's data: the base revision, the changes since it, the mark
//! of each changed deliverable and the removed ones as the base had them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Deliverable, DeliverableRef, Portfolio};
use crate::review::{Change, Kind};
use crate::ui::selection::ItemKey;

/// The base of a review and what changed since it.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// How the base was named (`main`, `HEAD~3`).
    pub base: String,
    pub changes: Vec<Change>,
    /// The words to mark each changed deliverable with.
    pub marks: HashMap<(String, String), &'static str>,
    /// The deliverables the base had and the plans no longer have, as the
    /// base had them (their details stay readable).
    pub removed: HashMap<ItemKey, RemovedDeliverable>,
}

/// A deliverable of the base that is gone from the plans.
#[derive(Clone, Debug)]
pub struct RemovedDeliverable {
    pub program: String,
    pub program_name: String,
    pub owner_name: String,
    pub path: Arc<str>,
    pub deliverable: Deliverable,
}

impl Review {
    /// The review of `changes` from `base` (the revision's name), with
    /// what is needed of the `old` plans (those of the base).
    pub fn new(base: String, changes: Vec<Change>, old: &Portfolio) -> Review {
        let mut marks = HashMap::new();
        for c in &changes {
            let word = match c.kind {
                Kind::DeliverableAdded => "NEW",
                Kind::DeliverableChanged => "CHG",
                _ => continue,
            };
            if let (Some(p), Some(id)) = (&c.program, &c.id) {
                marks.entry((p.clone(), id.clone())).or_insert(word);
            }
        }
        let removed = changes
            .iter()
            .filter(|c| c.kind == Kind::DeliverableRemoved)
            .filter_map(|c| {
                let key = ItemKey {
                    program: c.program.clone()?,
                    id: c.id.clone()?,
                };
                let at = old.find_deliverable(&key.program, &key.id)?;
                let (prog, deliverable) = (&old.programs[at.program], old.deliverable(at).clone());
                let item = RemovedDeliverable {
                    program: prog.id.clone(),
                    program_name: prog.name.clone(),
                    owner_name: old.person_name(&deliverable.owner).to_string(),
                    path: prog.path.clone(),
                    deliverable,
                };
                Some((key, item))
            })
            .collect();
        Review {
            base,
            changes,
            marks,
            removed,
        }
    }

    /// The changes about one item (`program`, `id`), as short phrases:
    /// `due 2027-02-10 → 2027-02-17 (+7 days)`.
    pub fn about(&self, program: &str, id: &str) -> Vec<String> {
        self.changes
            .iter()
            .filter(|c| c.program.as_deref() == Some(program) && c.id.as_deref() == Some(id))
            .map(crate::review::words::short)
            .collect()
    }

    /// `NEW`, `CHG` or nothing for a deliverable of `p`.
    pub fn mark(&self, p: &Portfolio, r: DeliverableRef) -> Option<&'static str> {
        let key = ItemKey::of(p, r)?;
        self.marks.get(&(key.program, key.id)).copied()
    }
}

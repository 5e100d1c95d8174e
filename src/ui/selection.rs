//! What is selected, by identity. Positions (indexes into a load's lists)
//! mean another item, or nothing, once the plans change; identities (ids,
//! a diagnostic's place and words, a change's subject) are found again in
//! the new load, or are known to be gone. After every reload each view's
//! selection and the focus are re-resolved by identity ([`reselect`]); a
//! selection whose item is gone moves to the nearest item that remains.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use crate::model::{DeliverableRef, Portfolio};
use crate::review::{Change, Field, Kind};

/// A deliverable by its ids: still meaningful after a reload.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    pub program: String,
    pub id: String,
}

impl ItemKey {
    /// The ids of a deliverable of `p`; `None` for an address `p` lacks.
    pub fn of(p: &Portfolio, r: DeliverableRef) -> Option<ItemKey> {
        Some(ItemKey {
            program: p.programs.get(r.program)?.id.clone(),
            id: p.get_deliverable(r)?.id.clone(),
        })
    }

    /// Where the deliverable is in `p`, if `p` has it.
    pub fn resolve(&self, p: &Portfolio) -> Option<DeliverableRef> {
        p.find_deliverable(&self.program, &self.id)
    }
}

/// `spring-launch/email-copy`, as plans write a hand-off.
impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.program, self.id)
    }
}

/// A metric by its ids: `program/id`, as `set` and `log` name it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricKey {
    pub program: String,
    pub id: String,
}

impl fmt::Display for MetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.program, self.id)
    }
}

/// A selection in any view, by identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selected {
    Deliverable(ItemKey),
    /// A person, by id (a card in Rings, a row of the Timeline).
    Person(String),
    /// A program, by id (a row of the Timeline, a line of Metrics).
    Program(String),
    Metric {
        program: String,
        id: String,
    },
    /// The same measure in several programs (Metrics by measure): its
    /// heading, or its total.
    Measure {
        id: String,
        total: bool,
    },
    /// A diagnostic by where it is and what it says.
    Problem {
        path: String,
        line: u32,
        message: String,
    },
    /// A change of the review by what it is about.
    Change {
        subject: String,
        kind: Kind,
        field: Option<Field>,
    },
}

impl Selected {
    pub fn change(c: &Change) -> Selected {
        Selected::Change {
            subject: c.subject(),
            kind: c.kind,
            field: c.field(),
        }
    }

    /// How the status line names it: ids for deliverables, programs and
    /// metrics; a person's name from `p` (the load it was selected in).
    pub fn label(&self, p: &Portfolio) -> String {
        match self {
            Selected::Deliverable(key) => key.to_string(),
            Selected::Person(id) => p.person_name(id).to_string(),
            Selected::Program(id) => id.clone(),
            Selected::Metric { program, id } => format!("{program}/{id}"),
            Selected::Measure { id, total: false } => format!("the measure {id}"),
            Selected::Measure { id, total: true } => format!("the total of {id}"),
            Selected::Problem { path, line, .. } => format!("the problem at {path}:{line}"),
            Selected::Change { subject, .. } => format!("the change to {subject}"),
        }
    }
}

/// Where a selection goes when its list is rebuilt from a new load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Reselected {
    /// The cursor in the new list (0 when it is empty).
    pub index: usize,
    /// The selected item is not in the new list (it was, in the old one).
    pub gone: bool,
}

/// The old selection `old[cursor]` in the `new` list: the same item when it
/// is still there; else the nearest item of the old list that remains
/// (the one after it first, then the one before, and so on outwards), so
/// a deleted row selects its neighbour; else the first item.
pub(super) fn reselect<K: Eq + Hash>(old: &[K], cursor: usize, new: &[K]) -> Reselected {
    let Some(selected) = old.get(cursor) else {
        return Reselected {
            index: 0,
            gone: false,
        };
    };
    // Most reloads change a value, not the list: the item is where it was.
    if new.get(cursor) == Some(selected) {
        return Reselected {
            index: cursor,
            gone: false,
        };
    }
    let mut at: HashMap<&K, usize> = HashMap::with_capacity(new.len());
    for (i, k) in new.iter().enumerate() {
        at.entry(k).or_insert(i);
    }
    if let Some(&index) = at.get(selected) {
        return Reselected { index, gone: false };
    }
    let nearest = (1..old.len())
        .flat_map(|d| [cursor.checked_add(d), cursor.checked_sub(d)])
        .flatten()
        .filter_map(|i| old.get(i))
        .find_map(|k| at.get(k).copied());
    Reselected {
        index: nearest.unwrap_or(0),
        gone: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_item_is_found_where_it_moved() {
        let r = reselect(&["a", "b", "c"], 1, &["x", "c", "b"]);
        assert_eq!(
            r,
            Reselected {
                index: 2,
                gone: false
            }
        );
    }

    #[test]
    fn a_gone_item_selects_its_nearest_neighbour_after_then_before() {
        // b is gone: c (after it) remains.
        let r = reselect(&["a", "b", "c"], 1, &["a", "c"]);
        assert_eq!(
            r,
            Reselected {
                index: 1,
                gone: true
            }
        );
        // c is gone and nothing after it: b (before it).
        let r = reselect(&["a", "b", "c"], 2, &["b", "a"]);
        assert_eq!(
            r,
            Reselected {
                index: 0,
                gone: true
            }
        );
        // Nothing of the old list remains: the first item.
        let r = reselect(&["a", "b"], 0, &["x", "y"]);
        assert_eq!(
            r,
            Reselected {
                index: 0,
                gone: true
            }
        );
        let r = reselect(&["a"], 0, &[] as &[&str]);
        assert_eq!(
            r,
            Reselected {
                index: 0,
                gone: true
            }
        );
    }

    #[test]
    fn nothing_selected_before_is_nothing_gone() {
        let r = reselect(&[] as &[&str], 0, &["a"]);
        assert_eq!(
            r,
            Reselected {
                index: 0,
                gone: false
            }
        );
    }
}

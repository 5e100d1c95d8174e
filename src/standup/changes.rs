//! What changed in the deliverables between two portfolios, in the words a
//! stand-up uses: status changes, deadline moves, new, finished and removed
//! deliverables, each tied to the deliverable's owner so the page can put it
//! under that person.

use jiff::civil::Date;

use crate::model::{Portfolio, Status};
use crate::review::{self, Detail, Facts, Field, Kind, Value, compare::empty_like, words};

/// One change to one deliverable, with who made it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub program: String,
    pub id: String,
    pub title: String,
    /// The owner after the change (before it, for a removed deliverable).
    pub owner: String,
    pub kind: ChangeKind,
    /// The commit's author; `None` for uncommitted working-tree changes.
    pub author: Option<String>,
    /// The commit time (Unix seconds); `None` when uncommitted.
    pub time: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added { due: Date },
    Removed,
    Status { from: Status, to: Status },
    Due { from: Date, to: Date },
    Owner { from: String, to: String },
}

impl ChangeKind {
    /// What a stand-up discusses of a deliverable change, if anything: new
    /// and removed deliverables, status, deadline and owner changes.
    fn of(detail: &Detail) -> Option<ChangeKind> {
        Some(match detail {
            Detail::Added(Facts::Deliverable { due, .. }) => ChangeKind::Added { due: *due },
            Detail::Removed => ChangeKind::Removed,
            Detail::Changed { field, from, to } => match (field, from, to) {
                (Field::Status, Value::Status(from), Value::Status(to)) => ChangeKind::Status {
                    from: *from,
                    to: *to,
                },
                (Field::Due, Value::Date(from), Value::Date(to)) => ChangeKind::Due {
                    from: *from,
                    to: *to,
                },
                (Field::Owner, Value::Text(from), Value::Text(to)) => ChangeKind::Owner {
                    from: from.clone(),
                    to: to.clone(),
                },
                _ => return None,
            },
            _ => return None,
        })
    }

    /// The human sentence: "deadline 2027-02-10 → 2027-02-17 (+7 days)".
    pub fn sentence(&self) -> String {
        match self {
            ChangeKind::Added { due } => words::standup_added(*due),
            ChangeKind::Removed => words::standup_removed(),
            ChangeKind::Status { from, to } => words::standup_status(*from, *to),
            ChangeKind::Due { from, to } => words::standup_deadline(*from, *to),
            ChangeKind::Owner { from, to } => words::standup_owner(from, to),
        }
    }
}

/// A deliverable change before it is attributed to a commit.
pub type Compare = fn(&Portfolio, &Portfolio) -> Vec<Change>;

/// The deliverable changes between two portfolios, from the semantic
/// comparison of `ringboard diff` ([`crate::review::compare`]): matched by
/// ids, so a moved file is not a removal. A program added or removed counts
/// as each of its deliverables added or removed (each has an owner to tell).
/// Only what a stand-up discusses is kept: new and removed deliverables,
/// status, deadline and owner changes. `author`/`time` are left unset.
pub fn compare_deliverables(old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    let mut diffs = Vec::new();
    for c in review::compare(old, new) {
        match (c.kind, c.program.as_deref()) {
            (Kind::ProgramAdded, Some(id)) => {
                if let Some(p) = new.program(id) {
                    review::compare::compare_program(&empty_like(p), p, &mut diffs);
                }
            }
            (Kind::ProgramRemoved, Some(id)) => {
                if let Some(p) = old.program(id) {
                    review::compare::compare_program(p, &empty_like(p), &mut diffs);
                }
            }
            _ => diffs.push(c),
        }
    }
    diffs
        .iter()
        .filter_map(|c| deliverable_change(old, new, c))
        .collect()
}

fn deliverable_change(old: &Portfolio, new: &Portfolio, c: &review::Change) -> Option<Change> {
    let (program, id) = (c.program.as_deref()?, c.id.as_deref()?);
    // The deliverable as it is now; as it was, when it is gone.
    let side = match c.kind {
        Kind::DeliverableAdded | Kind::DeliverableChanged => new,
        Kind::DeliverableRemoved => old,
        _ => return None,
    };
    let kind = ChangeKind::of(&c.detail)?;
    let d = side.program(program)?.deliverable(id)?;
    Some(Change {
        program: program.to_string(),
        id: d.id.clone(),
        title: d.title.clone(),
        owner: d.owner.clone(),
        kind,
        author: None,
        time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_file;

    fn portfolio(deliverables: &str) -> Portfolio {
        let text = format!(
            "[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\n[[person]]\nid = \"raj\"\nname = \"Raj\"\nring = \"core\"\n[program]\nname = \"P\"\n{deliverables}"
        );
        crate::load::build(vec![parse_file("boards/p.toml".into(), text.as_bytes())]).0
    }

    fn d(id: &str, owner: &str, due: &str, status: &str) -> String {
        format!(
            "[[deliverable]]\nid = \"{id}\"\ntitle = \"T {id}\"\nowner = \"{owner}\"\ndue = {due}\nstatus = \"{status}\"\n"
        )
    }

    #[test]
    fn every_kind_of_deliverable_change() {
        let old = portfolio(
            &[
                d("a", "mei", "2027-02-10", "doing"),
                d("gone", "raj", "2027-02-01", "todo"),
            ]
            .concat(),
        );
        let new = portfolio(
            &[
                d("a", "raj", "2027-02-09", "dropped"),
                d("new", "mei", "2027-03-01", "todo"),
            ]
            .concat(),
        );
        let words: Vec<(String, String, String)> = compare_deliverables(&old, &new)
            .into_iter()
            .map(|c| (c.id, c.owner, c.kind.sentence()))
            .collect();
        let w = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            words,
            vec![
                w("a", "raj", "owner mei → raj"),
                w("a", "raj", "deadline 2027-02-10 → 2027-02-09 (-1 day)"),
                w("a", "raj", "status doing → dropped"),
                w("new", "mei", "added (due 2027-03-01)"),
                w("gone", "raj", "removed"),
            ]
        );
        assert!(compare_deliverables(&new, &new).is_empty());
    }

    #[test]
    fn a_new_or_removed_program_lists_its_deliverables() {
        let one = portfolio(
            &[
                d("a", "mei", "2027-02-10", "todo"),
                d("b", "raj", "2027-02-11", "todo"),
            ]
            .concat(),
        );
        let none = Portfolio::default();
        let added: Vec<String> = compare_deliverables(&none, &one)
            .into_iter()
            .map(|c| format!("{} {}", c.id, c.kind.sentence()))
            .collect();
        assert_eq!(
            added,
            vec!["a added (due 2027-02-10)", "b added (due 2027-02-11)"]
        );
        let removed: Vec<String> = compare_deliverables(&one, &none)
            .into_iter()
            .map(|c| format!("{} {} {}", c.id, c.owner, c.kind.sentence()))
            .collect();
        assert_eq!(removed, vec!["a mei removed", "b raj removed"]);
    }
}

//! What changed in the deliverables between two portfolios, in the words a
//! stand-up uses: status changes, deadline moves, new, finished and removed
//! deliverables, each tied to the deliverable's owner so the page can put it
//! under that person.

use jiff::civil::Date;

use crate::derive::days_between;
use crate::model::{Portfolio, Status};

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
    /// The human sentence: "deadline 2027-02-10 → 2027-02-17 (+7 days)".
    pub fn sentence(&self) -> String {
        match self {
            ChangeKind::Added { due } => format!("added (due {due})"),
            ChangeKind::Removed => "removed".to_string(),
            ChangeKind::Status { from, to } if *to == Status::Done => {
                format!("finished (status {from} → done)")
            }
            ChangeKind::Status { from, to } => format!("status {from} → {to}"),
            ChangeKind::Due { from, to } => {
                let days = days_between(*from, *to);
                let unit = if days.abs() == 1 { "day" } else { "days" };
                format!("deadline {from} → {to} ({days:+} {unit})")
            }
            ChangeKind::Owner { from, to } => format!("owner {from} → {to}"),
        }
    }
}

/// A deliverable change before it is attributed to a commit.
pub type Compare = fn(&Portfolio, &Portfolio) -> Vec<Change>;

/// Compares the deliverables of two portfolios (matched by program id and
/// deliverable id, so a moved file is not a removal). Changes come out in
/// the new portfolio's file order, removals last; `author`/`time` are unset.
pub fn compare_deliverables(old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    let mut out = Vec::new();
    let change = |prog: &str, d: &crate::model::Deliverable, kind| Change {
        program: prog.to_string(),
        id: d.id.clone(),
        title: d.title.clone(),
        owner: d.owner.clone(),
        kind,
        author: None,
        time: None,
    };
    for prog in &new.programs {
        let before = old.program(&prog.id);
        for d in &prog.deliverables {
            let Some(was) = before.and_then(|p| p.deliverable(&d.id)) else {
                out.push(change(&prog.id, d, ChangeKind::Added { due: d.due }));
                continue;
            };
            if was.status != d.status {
                let kind = ChangeKind::Status {
                    from: was.status,
                    to: d.status,
                };
                out.push(change(&prog.id, d, kind));
            }
            if was.due != d.due {
                let kind = ChangeKind::Due {
                    from: was.due,
                    to: d.due,
                };
                out.push(change(&prog.id, d, kind));
            }
            if was.owner != d.owner {
                let kind = ChangeKind::Owner {
                    from: was.owner.clone(),
                    to: d.owner.clone(),
                };
                out.push(change(&prog.id, d, kind));
            }
        }
    }
    for prog in &old.programs {
        let after = new.program(&prog.id);
        for d in &prog.deliverables {
            if after.and_then(|p| p.deliverable(&d.id)).is_none() {
                out.push(change(&prog.id, d, ChangeKind::Removed));
            }
        }
    }
    out
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
                w("a", "raj", "status doing → dropped"),
                w("a", "raj", "deadline 2027-02-10 → 2027-02-09 (-1 day)"),
                w("a", "raj", "owner mei → raj"),
                w("new", "mei", "added (due 2027-03-01)"),
                w("gone", "raj", "removed"),
            ]
        );
        assert!(compare_deliverables(&new, &new).is_empty());
    }
}

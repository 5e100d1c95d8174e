//! What changed between two versions of the plans, in the words a stand-up
//! uses: a deliverable's status, deadline and owner, new, finished and
//! removed deliverables, each tied to the deliverable's owner so the page
//! can put it under that person; and changes to a program itself (its
//! name and dates, who joined or left its team, its milestones and
//! metrics, the program added or removed), put under the program.

use jiff::civil::Date;

use crate::model::{Portfolio, Status};
use crate::review::compare::{compare_program, empty_like};
use crate::review::{self, Detail, Facts, Field, Kind, Value, words};

/// One change, with who made it and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The program the change belongs to (its id).
    pub program: String,
    pub about: About,
    /// The commit's author; `None` for uncommitted working-tree changes.
    pub author: Option<String>,
    /// The commit time (Unix seconds); `None` when uncommitted.
    pub time: Option<i64>,
}

/// What a change is about, which decides where the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum About {
    /// A deliverable's change, listed under its owner.
    Deliverable {
        id: String,
        title: String,
        /// The owner after the change (before it, for a removed deliverable).
        owner: String,
        kind: ChangeKind,
    },
    /// A change to the program itself, listed under the program.
    Program {
        /// The program's name after the change (before it, when removed).
        name: String,
        change: review::Change,
    },
}

impl Change {
    /// The change in a stand-up's words, without the subject the page
    /// lists it under.
    pub fn sentence(&self) -> String {
        match &self.about {
            About::Deliverable { kind, .. } => kind.sentence(),
            About::Program { change, .. } => words::standup_program(change),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added {
        due: Date,
    },
    Removed,
    Status {
        from: Status,
        to: Status,
    },
    Due {
        from: Date,
        to: Date,
    },
    Owner {
        from: String,
        to: String,
    },
    Note {
        from: Option<String>,
        to: Option<String>,
    },
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
                (Field::Note, from, to) => ChangeKind::Note {
                    from: text(from),
                    to: text(to),
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
            ChangeKind::Note { from, to } => words::standup_note(from.as_deref(), to.as_deref()),
        }
    }
}

/// A note's text, or none.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    }
}

/// The changes between two portfolios, before they are attributed to a
/// commit (`author`/`time` unset).
pub type Compare = fn(&Portfolio, &Portfolio) -> Vec<Change>;

/// The changes a stand-up shows between two portfolios, from the semantic
/// comparison of `ringboard diff` ([`crate::review::compare()`]): matched by
/// ids, so a moved file is not a removal. Of deliverables: new and removed
/// ones, status, deadline, owner and note changes; a program removed
/// counts as each of its deliverables removed (each has an owner to
/// tell), a program added is one line under the program (a new team's
/// first day would otherwise be pages of "added"). Of programs: every
/// change to the program's own fields, team, milestones and metrics, and
/// the program added or removed. People's roster entries are not a
/// program's and are left out.
pub fn compare_plans(old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    let mut out = Vec::new();
    for c in review::compare(old, new) {
        out.extend(program_change(old, new, &c));
        if c.kind == Kind::ProgramAdded {
            continue;
        }
        match whole_program(old, new, &c) {
            Some(inside) => {
                out.extend(
                    inside
                        .iter()
                        .filter_map(|d| deliverable_change(old, new, d)),
                );
            }
            None => out.extend(deliverable_change(old, new, &c)),
        }
    }
    out
}

/// A program added or removed, as the changes inside it: its deliverables
/// (and team, milestones and metrics, which its own line sums up) added or
/// removed.
fn whole_program(
    old: &Portfolio,
    new: &Portfolio,
    c: &review::Change,
) -> Option<Vec<review::Change>> {
    let id = c.program.as_deref()?;
    let mut inside = Vec::new();
    match c.kind {
        Kind::ProgramAdded => {
            let p = new.program(id)?;
            compare_program(&empty_like(p), p, &mut inside);
        }
        Kind::ProgramRemoved => {
            let p = old.program(id)?;
            compare_program(p, &empty_like(p), &mut inside);
        }
        _ => return None,
    }
    Some(inside)
}

/// Only the deliverable changes of [`compare_plans`].
pub fn compare_deliverables(old: &Portfolio, new: &Portfolio) -> Vec<Change> {
    compare_plans(old, new)
        .into_iter()
        .filter(|c| matches!(c.about, About::Deliverable { .. }))
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
    let d = side.deliverable(side.find_deliverable(program, id)?);
    Some(Change {
        program: program.to_string(),
        about: About::Deliverable {
            id: d.id.clone(),
            title: d.title.clone(),
            owner: d.owner.clone(),
            kind,
        },
        author: None,
        time: None,
    })
}

fn program_change(old: &Portfolio, new: &Portfolio, c: &review::Change) -> Option<Change> {
    let program = c.program.as_deref()?;
    match c.kind {
        Kind::ProgramAdded
        | Kind::ProgramRemoved
        | Kind::ProgramChanged
        | Kind::TeamJoined
        | Kind::TeamLeft
        | Kind::MilestoneAdded
        | Kind::MilestoneRemoved
        | Kind::MilestoneChanged
        | Kind::MetricAdded
        | Kind::MetricRemoved
        | Kind::MetricChanged => {}
        _ => return None,
    }
    let name = new
        .program(program)
        .or_else(|| old.program(program))?
        .name
        .clone();
    Some(Change {
        program: program.to_string(),
        about: About::Program {
            name,
            change: c.clone(),
        },
        author: None,
        time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_file;

    const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\n[[person]]\nid = \"raj\"\nname = \"Raj\"\nring = \"core\"\n";

    fn program(head: &str, rest: &str) -> Portfolio {
        let text = format!("{PEOPLE}[program]\nname = \"P\"\n{head}{rest}");
        crate::load::build(vec![parse_file("boards/p.toml".into(), text.as_bytes())]).0
    }

    fn portfolio(deliverables: &str) -> Portfolio {
        program("", deliverables)
    }

    fn d(id: &str, owner: &str, due: &str, status: &str) -> String {
        format!(
            "[[deliverable]]\nid = \"{id}\"\ntitle = \"T {id}\"\nowner = \"{owner}\"\ndue = {due}\nstatus = \"{status}\"\n"
        )
    }

    /// `(deliverable id, owner, sentence)` of each deliverable change.
    fn deliverables(changes: Vec<Change>) -> Vec<(String, String, String)> {
        changes
            .into_iter()
            .filter_map(|c| {
                let sentence = c.sentence();
                match c.about {
                    About::Deliverable { id, owner, .. } => Some((id, owner, sentence)),
                    About::Program { .. } => None,
                }
            })
            .collect()
    }

    /// The sentences of the changes to programs themselves.
    fn programs(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .filter(|c| matches!(c.about, About::Program { .. }))
            .map(Change::sentence)
            .collect()
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
        let w = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            deliverables(compare_plans(&old, &new)),
            vec![
                w("a", "raj", "owner mei → raj"),
                w("a", "raj", "deadline 2027-02-10 → 2027-02-09 (-1 day)"),
                w("a", "raj", "status doing → dropped"),
                w("new", "mei", "added (due 2027-03-01)"),
                w("gone", "raj", "removed"),
            ]
        );
        assert!(compare_plans(&new, &new).is_empty());
    }

    #[test]
    fn a_new_or_removed_program_lists_its_deliverables() {
        let one = program(
            "[team]\ncore = [\"mei\"]\n[[milestone]]\nname = \"Launch\"\ndate = 2027-03-01\n",
            &[
                d("a", "mei", "2027-02-10", "todo"),
                d("b", "raj", "2027-02-11", "todo"),
            ]
            .concat(),
        );
        let none = Portfolio::default();
        let added = compare_plans(&none, &one);
        // One line sums up its deliverables, team and milestones.
        assert_eq!(programs(&added), vec!["program added, 2 deliverables"]);
        assert!(deliverables(added).is_empty(), "not a line per deliverable");
        let removed = compare_plans(&one, &none);
        assert_eq!(programs(&removed), vec!["program removed"]);
        let removed: Vec<String> = deliverables(removed)
            .into_iter()
            .map(|(id, owner, sentence)| format!("{id} {owner} {sentence}"))
            .collect();
        assert_eq!(removed, vec!["a mei removed", "b raj removed"]);
        assert!(programs(&compare_deliverables(&one, &none)).is_empty());
    }

    #[test]
    fn note_changes_are_listed_with_their_text() {
        let with =
            |note: &str| format!("{}note = \"{note}\"\n", d("a", "mei", "2027-02-10", "todo"));
        let plain = portfolio(&d("a", "mei", "2027-02-10", "todo"));
        let waiting = portfolio(&with("Waiting on supplier BOM"));
        let signed = portfolio(&with("Legal signed off"));
        let said = |old: &Portfolio, new: &Portfolio| {
            deliverables(compare_plans(old, new))
                .into_iter()
                .map(|(_, _, s)| s)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said(&waiting, &plain),
            ["note \"Waiting on supplier BOM\" removed"]
        );
        assert_eq!(
            said(&plain, &waiting),
            ["note: \"Waiting on supplier BOM\""]
        );
        assert_eq!(
            said(&waiting, &signed),
            ["note \"Waiting on supplier BOM\" → \"Legal signed off\""]
        );
    }

    #[test]
    fn changes_to_a_program_itself() {
        let old = program(
            "[team]\ncore = [\"mei\"]\n[[milestone]]\nname = \"Launch\"\ndate = 2027-03-01\n[[milestone]]\nname = \"Review\"\ndate = 2027-02-15\n[[metric]]\nid = \"mql\"\nname = \"MQLs\"\ntarget = 1200\nactual = 100\n",
            &d("a", "mei", "2027-02-10", "todo"),
        );
        let new = program(
            "end = 2027-04-30\n[team]\ncore = [\"raj\"]\n[[milestone]]\nname = \"Launch\"\ndate = 2027-03-08\n[[milestone]]\nname = \"Retro\"\ndate = 2027-05-10\n[[metric]]\nid = \"mql\"\nname = \"MQLs\"\ntarget = 1200\nactual = 250\n",
            &d("a", "mei", "2027-02-10", "todo"),
        );
        let changes = compare_plans(&old, &new);
        assert_eq!(
            programs(&changes),
            vec![
                "end none → 2027-04-30",
                "mei left the team (core)",
                "raj joined the team as core",
                "milestone Launch: date 2027-03-01 → 2027-03-08 (+7 days)",
                "milestone Retro added (on 2027-05-10)",
                "milestone Review removed",
                "metric mql: actual 100 → 250",
            ]
        );
        assert!(changes.iter().all(|c| c.program == "p"));
        assert!(compare_deliverables(&old, &new).is_empty());
    }
}

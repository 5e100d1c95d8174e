//! The Timeline's data, built once per load (O(deliverables)): for each
//! person and each program, the open deliverables due each week, their
//! worst state, crunch weeks, and in review mode the weeks holding a
//! change; the milestones by week. The view ([`super::views::timeline`])
//! only draws it.

use std::collections::BTreeMap;

use crate::derive::{Derived, is_crunch, week_of};
use crate::load::Plans;
use crate::ui::review_mode::Review;
use crate::ui::selection::Selected;

/// One week of one row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub open: u16,
    pub severity: u8,
    pub crunch: bool,
    /// Review mode: a deliverable counted here was added or changed.
    pub changed: bool,
}

/// A row: a person or a program, and its weeks (by week number).
#[derive(Clone, Debug)]
pub struct Row {
    /// Whose row: a person ([`Selected::Person`]) or a program.
    pub key: Selected,
    pub label: String,
    pub weeks: BTreeMap<i32, Cell>,
    /// Review mode: some cell of the row changed.
    pub changed: bool,
}

/// One week while counting: the cell, and the programs seen in it.
type Tally = BTreeMap<i32, (Cell, Vec<usize>)>;

/// Built once per load: O(deliverables).
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub by_person: Vec<Row>,
    pub by_program: Vec<Row>,
    /// Weeks with a milestone, and each one's program id, date and name,
    /// in date order.
    pub milestones: BTreeMap<i32, Vec<(String, jiff::civil::Date, String)>>,
}

impl Model {
    pub fn new(plans: &Plans, derived: &Derived, review: Option<&Review>) -> Model {
        let p = &plans.portfolio;
        let mut people: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut programs: Vec<Tally> = vec![BTreeMap::new(); p.programs.len()];
        for r in p.deliverable_refs() {
            let m = derived.marks(r);
            if !m.open {
                continue;
            }
            let d = p.deliverable(r);
            let w = week_of(d.due);
            let changed = review.is_some_and(|rv| rv.mark(p, r).is_some());
            for cell in [
                people
                    .entry(d.owner.as_str())
                    .or_default()
                    .entry(w)
                    .or_default(),
                programs[r.program].entry(w).or_default(),
            ] {
                let (cell, programs) = cell;
                cell.open += 1;
                cell.severity = cell.severity.max(m.severity());
                cell.changed |= changed;
                if !programs.contains(&r.program) {
                    programs.push(r.program);
                }
            }
        }
        let row = |key: Selected, label: String, weeks: Tally, crunch: bool| {
            let weeks: BTreeMap<i32, Cell> = weeks
                .into_iter()
                .map(|(w, (cell, progs))| {
                    let crunch = crunch && is_crunch(cell.open as usize, progs.len());
                    (w, Cell { crunch, ..cell })
                })
                .collect();
            Row {
                key,
                label,
                changed: weeks.values().any(|c| c.changed),
                weeks,
            }
        };
        let mut by_person: Vec<Row> = people
            .into_iter()
            .map(|(id, weeks)| {
                let label = p.person_name(id).to_string();
                row(Selected::Person(id.to_string()), label, weeks, true)
            })
            .collect();
        by_person.sort_by(|a, b| a.label.cmp(&b.label));
        let by_program = programs
            .into_iter()
            .enumerate()
            .map(|(i, weeks)| {
                let id = p.programs[i].id.clone();
                row(Selected::Program(id.clone()), id, weeks, false)
            })
            .collect();
        let mut milestones: BTreeMap<i32, Vec<_>> = BTreeMap::new();
        for prog in &p.programs {
            for m in &prog.milestones {
                milestones.entry(week_of(m.date)).or_default().push((
                    prog.id.clone(),
                    m.date,
                    m.name.clone(),
                ));
            }
        }
        for list in milestones.values_mut() {
            list.sort_by_key(|(_, date, _)| *date);
        }
        Model {
            by_person,
            by_program,
            milestones,
        }
    }
}

//! Timeline: weeks across, one row per person (or per program), the number
//! of open deliverables due each week in its cell, today's week marked,
//! milestones on top, and a person's **crunch** weeks marked `!` (the rule
//! is [`is_crunch`], next to the other derived state). In review mode a
//! `*` marks the cells and rows holding a deliverable added or changed since
//! the base.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{clip, put};
use crate::derive::{Derived, is_crunch, monday_of_week, week_of};
use crate::load::Plans;
use crate::ui::keymap::Action;
use crate::ui::layout::ListLayout;
use crate::ui::list::step;
use crate::ui::snapshot::Snapshot;
use crate::ui::text::fit;
use crate::ui::theme::Theme;
use crate::ui::views::changes::Review;

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
    /// Weeks with a milestone, and their names.
    pub milestones: BTreeMap<i32, Vec<String>>,
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
            let changed = review.is_some_and(|rv| rv.mark_in(p, r).is_some());
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
        let row = |label: String, weeks: Tally, crunch: bool| {
            let weeks: BTreeMap<i32, Cell> = weeks
                .into_iter()
                .map(|(w, (cell, progs))| {
                    let crunch = crunch && is_crunch(cell.open as usize, progs.len());
                    (w, Cell { crunch, ..cell })
                })
                .collect();
            Row {
                label,
                changed: weeks.values().any(|c| c.changed),
                weeks,
            }
        };
        let mut by_person: Vec<Row> = people
            .into_iter()
            .map(|(id, weeks)| row(p.person_name(id).to_string(), weeks, true))
            .collect();
        by_person.sort_by(|a, b| a.label.cmp(&b.label));
        let by_program = programs
            .into_iter()
            .enumerate()
            .map(|(i, weeks)| row(p.programs[i].id.clone(), weeks, false))
            .collect();
        let mut milestones: BTreeMap<i32, Vec<String>> = BTreeMap::new();
        for prog in &p.programs {
            for m in &prog.milestones {
                milestones
                    .entry(week_of(m.date))
                    .or_default()
                    .push(format!("{}: {}", prog.id, m.name));
            }
        }
        Model {
            by_person,
            by_program,
            milestones,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub row: usize,
    /// Weeks scrolled from the default start (a week before today).
    pub shift: i32,
    pub by_program: bool,
}

impl State {
    /// The rows shown: by person, or by program.
    pub fn rows<'a>(&self, data: &'a Snapshot) -> &'a [Row] {
        if self.by_program {
            &data.timeline.by_program
        } else {
            &data.timeline.by_person
        }
    }

    pub fn act(&mut self, a: Action, data: &Snapshot, page: usize) {
        let rows = self.rows(data);
        match a {
            // Bounded: about a century either way, far inside jiff's range.
            Action::Left => self.shift = (self.shift - 1).max(-MAX_SHIFT),
            Action::Right => self.shift = (self.shift + 1).min(MAX_SHIFT),
            Action::Group => {
                self.by_program = !self.by_program;
                self.row = 0;
            }
            _ => self.row = step(self.row, rows.len(), a, page),
        }
    }
}

const LABEL_W: usize = 22;
/// How far the timeline scrolls from today, in weeks.
const MAX_SHIFT: i32 = 5200;
const CELL_W: usize = 7;

/// The rows: below the title, the weeks and the milestones.
pub fn list(state: &State, data: &Snapshot, body: Rect) -> Option<ListLayout> {
    if body.height < 4 || (body.width as usize) < LABEL_W + CELL_W {
        return None;
    }
    let rows = Rect {
        y: body.y + 3,
        height: body.height - 3,
        ..body
    };
    Some(ListLayout::new(rows, state.row, state.rows(data).len()))
}

pub fn draw(
    state: &State,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    list: Option<&ListLayout>,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let Some(list) = list else { return };
    let model = &data.timeline;
    let rows = state.rows(data);
    let today_week = week_of(data.today());
    let first = today_week - 1 + state.shift;
    let weeks = (area.width as usize - LABEL_W) / CELL_W;
    let changed = data.review.as_ref().map_or(String::new(), |rv| {
        format!(" · * changed since {}", rv.base)
    });
    let title = format!(
        "by {} · cell: open deliverables due that week · ! crunch{changed} · | today · h/l scroll, t group",
        if state.by_program {
            "program"
        } else {
            "person"
        }
    );
    put(
        buf,
        area.x,
        area.y,
        &title,
        area.width as usize,
        theme.dim(),
    );
    // Week headers (Mondays) and milestones.
    let mut header = fit("week of", LABEL_W);
    let mut marks = fit("milestones", LABEL_W);
    for k in 0..weeks as i32 {
        let w = first + k;
        let monday = monday_of_week(w);
        let sep = if w == today_week { "|" } else { " " };
        header.push_str(&fit(&format!("{sep}{}", monday.strftime("%m-%d")), CELL_W));
        let m = model
            .milestones
            .get(&w)
            .map_or(String::new(), |list| format!(" M{}", list.len()));
        marks.push_str(&fit(&m, CELL_W));
    }
    put(
        buf,
        area.x,
        area.y + 1,
        &header,
        area.width as usize,
        theme.title(),
    );
    put(
        buf,
        area.x,
        area.y + 2,
        &marks,
        area.width as usize,
        theme.warning(),
    );
    for (y, i) in list.visible() {
        let row = &rows[i];
        let label_style = if i == state.row {
            theme.selected()
        } else {
            Default::default()
        };
        let label = if row.changed {
            format!("* {}", row.label)
        } else {
            row.label.clone()
        };
        put(buf, area.x, y, &fit(&label, LABEL_W), LABEL_W, label_style);
        for k in 0..weeks as i32 {
            let w = first + k;
            let x = area.x + (LABEL_W + k as usize * CELL_W) as u16;
            let sep = if w == today_week { "|" } else { " " };
            let text = match row.weeks.get(&w) {
                Some(c) => format!(
                    "{sep}{}{}{}",
                    c.open,
                    if c.crunch { "!" } else { "" },
                    if c.changed { "*" } else { "" }
                ),
                None => format!("{sep}."),
            };
            let style = row.weeks.get(&w).map_or(theme.dim(), |c| {
                let m = crate::derive::Marks {
                    late: c.severity == 5,
                    blocked: c.severity == 4,
                    at_risk: c.severity == 3,
                    waiting: c.severity == 2,
                    due_soon: c.severity == 1,
                    ..Default::default()
                };
                theme.marks(&m)
            });
            put(buf, x, y, &fit(&text, CELL_W), CELL_W, style);
        }
    }
}

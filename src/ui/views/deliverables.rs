//! Deliverables: one table of every deliverable, sortable and filterable.
//! The filtered, sorted list of rows is rebuilt only when it changes; a
//! frame formats only the rows on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{clip, put};
use crate::model::{DeliverableRef, Ring, Status};
use crate::ui::keymap::Action;
use crate::ui::layout::ListLayout;
use crate::ui::list::{seek, step};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::text::fit;
use crate::ui::theme::{Theme, mark, status_glyph};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Due,
    Owner,
    Status,
    Ring,
    Program,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateFilter {
    #[default]
    All,
    Open,
    Late,
    Blocked,
    AtRisk,
    Waiting,
    DueSoon,
    /// One status as written in the file.
    Status(Status),
}

impl StateFilter {
    const ORDER: [StateFilter; 13] = [
        StateFilter::All,
        StateFilter::Open,
        StateFilter::Late,
        StateFilter::Blocked,
        StateFilter::AtRisk,
        StateFilter::Waiting,
        StateFilter::DueSoon,
        StateFilter::Status(Status::Todo),
        StateFilter::Status(Status::Doing),
        StateFilter::Status(Status::Review),
        StateFilter::Status(Status::Blocked),
        StateFilter::Status(Status::Done),
        StateFilter::Status(Status::Dropped),
    ];

    pub fn label(self) -> &'static str {
        match self {
            StateFilter::All => "all",
            StateFilter::Open => "open",
            StateFilter::Late => "late",
            StateFilter::Blocked => "blocked",
            StateFilter::AtRisk => "at risk",
            StateFilter::Waiting => "waiting",
            StateFilter::DueSoon => "due soon",
            StateFilter::Status(s) => s.as_str(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub rows: Vec<DeliverableRef>,
    pub cursor: usize,
    pub sort: Sort,
    pub filter: StateFilter,
    pub ring: Option<Ring>,
    pub owner: Option<String>,
    pub program: Option<usize>,
}

impl State {
    pub fn new(data: &Snapshot) -> State {
        let mut s = State::default();
        s.rebuild(data);
        s
    }

    pub fn selected(&self) -> Option<DeliverableRef> {
        self.rows.get(self.cursor).copied()
    }

    pub fn select_ref(&mut self, r: DeliverableRef) {
        if let Some(i) = self.rows.iter().position(|&x| x == r) {
            self.cursor = i;
        }
    }

    pub fn set_program(&mut self, data: &Snapshot, program: Option<usize>) {
        self.program = program;
        self.rebuild(data);
    }

    /// Recomputes the rows, keeping the selected deliverable when it stays.
    pub fn rebuild(&mut self, data: &Snapshot) {
        let keep = self.selected();
        let p = &data.plans.portfolio;
        let d = &data.derived;
        let mut rows: Vec<DeliverableRef> = p
            .deliverable_refs()
            .filter(|r| self.program.is_none_or(|prog| r.program == prog))
            .filter(|&r| {
                let m = d.marks(r);
                let del = p.deliverable(r);
                match self.filter {
                    StateFilter::All => true,
                    StateFilter::Open => m.open,
                    StateFilter::Late => m.late,
                    StateFilter::Blocked => m.blocked,
                    StateFilter::AtRisk => m.at_risk,
                    StateFilter::Waiting => m.waiting,
                    StateFilter::DueSoon => m.due_soon,
                    StateFilter::Status(s) => del.status == s,
                }
            })
            .filter(|&r| {
                self.ring.is_none()
                    || p.ring_in(&p.programs[r.program], &p.deliverable(r).owner) == self.ring
            })
            .filter(|&r| {
                self.owner
                    .as_deref()
                    .is_none_or(|o| p.deliverable(r).owner == o)
            })
            .collect();
        let ring = |r: DeliverableRef| {
            p.ring_in(&p.programs[r.program], &p.deliverable(r).owner)
                .map_or(3, |x| x as u8)
        };
        match self.sort {
            Sort::Due => rows.sort_by_key(|&r| (p.deliverable(r).due, r)),
            Sort::Owner => rows.sort_by(|&a, &b| {
                (p.person_name(&p.deliverable(a).owner), p.deliverable(a).due)
                    .cmp(&(p.person_name(&p.deliverable(b).owner), p.deliverable(b).due))
            }),
            Sort::Status => rows.sort_by_key(|&r| {
                (
                    std::cmp::Reverse(d.marks(r).severity()),
                    p.deliverable(r).status,
                    p.deliverable(r).due,
                )
            }),
            Sort::Ring => rows.sort_by_key(|&r| (ring(r), p.deliverable(r).due)),
            Sort::Program => rows.sort_by_key(|&r| (r.program, p.deliverable(r).due)),
        }
        self.rows = rows;
        self.cursor = 0;
        if let Some(r) = keep {
            self.select_ref(r);
        }
    }

    pub fn act(&mut self, a: Action, data: &Snapshot, page: usize) {
        match a {
            Action::Sort => {
                self.sort = match self.sort {
                    Sort::Due => Sort::Owner,
                    Sort::Owner => Sort::Status,
                    Sort::Status => Sort::Ring,
                    Sort::Ring => Sort::Program,
                    Sort::Program => Sort::Due,
                };
                self.rebuild(data);
            }
            Action::Filter => {
                let i = StateFilter::ORDER
                    .iter()
                    .position(|f| *f == self.filter)
                    .unwrap_or(0);
                self.filter = StateFilter::ORDER[(i + 1) % StateFilter::ORDER.len()];
                self.rebuild(data);
            }
            Action::FilterRing => {
                self.ring = match self.ring {
                    None => Some(Ring::Core),
                    Some(Ring::Core) => Some(Ring::Extended),
                    Some(Ring::Extended) => Some(Ring::Partner),
                    Some(Ring::Partner) => None,
                };
                self.rebuild(data);
            }
            Action::FilterOwner => {
                self.owner = match (&self.owner, self.selected()) {
                    (Some(_), _) | (None, None) => None,
                    (None, Some(r)) => Some(data.plans.portfolio.deliverable(r).owner.clone()),
                };
                self.rebuild(data);
            }
            _ => self.cursor = step(self.cursor, self.rows.len(), a, page),
        }
    }

    pub fn find(&mut self, data: &Snapshot, q: &str, forward: bool, skip: bool) -> bool {
        seek(&mut self.cursor, self.rows.len(), forward, skip, |i| {
            matches(data, self.rows[i], q)
        })
    }

    /// "sorted by due · filter: late · ring: core · owner: ana".
    pub fn describe(&self, data: &Snapshot) -> String {
        let sort = match self.sort {
            Sort::Due => "due",
            Sort::Owner => "owner",
            Sort::Status => "status",
            Sort::Ring => "ring",
            Sort::Program => "program",
        };
        let mut out = format!(
            "{} rows · sorted by {sort} · state: {}",
            self.rows.len(),
            self.filter.label()
        );
        if let Some(r) = self.ring {
            out.push_str(&format!(" · ring: {r}"));
        }
        if let Some(o) = &self.owner {
            out.push_str(&format!(
                " · owner: {}",
                data.plans.portfolio.person_name(o)
            ));
        }
        if let Some(p) = self.program {
            out.push_str(&format!(
                " · program: {}",
                data.plans.portfolio.programs[p].id
            ));
        }
        out
    }
}

/// The table's rows: below its summary and its header.
pub fn list(state: &State, body: Rect) -> Option<ListLayout> {
    if body.height < 3 || body.width < 20 {
        return None;
    }
    let rows = Rect {
        y: body.y + 2,
        height: body.height - 2,
        ..body
    };
    Some(ListLayout::new(rows, state.cursor, state.rows.len()))
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
    put(
        buf,
        area.x,
        area.y,
        &state.describe(data),
        area.width as usize,
        theme.dim(),
    );
    let w = area.width as usize;
    // Fixed columns; the title takes what is left.
    let (prog_w, owner_w, ring_w, due_w, status_w, mark_w) = if w >= 120 {
        (18, 22, 9, 11, 8, 12)
    } else {
        (12, 14, 0, 6, 4, 9)
    };
    let title_w = w.saturating_sub(prog_w + owner_w + ring_w + due_w + status_w + mark_w);
    let header = format!(
        "{}{}{}{}{}{}{}",
        fit("Program", prog_w),
        fit("Deliverable", title_w),
        fit("Owner", owner_w),
        fit("Ring", ring_w),
        fit("Due", due_w),
        fit("St.", status_w),
        fit("State", mark_w)
    );
    put(buf, area.x, area.y + 1, &header, w, theme.title());
    let p = &data.plans.portfolio;
    for (y, i) in list.visible() {
        let r = state.rows[i];
        let d = p.deliverable(r);
        let prog = &p.programs[r.program];
        let m = data.derived.marks(r);
        let ring = p.ring_in(prog, &d.owner).map_or("-", Ring::as_str);
        let due = if due_w >= 11 {
            d.due.to_string()
        } else {
            d.due.strftime("%m-%d").to_string()
        };
        let text = format!(
            "{}{}{}{}{}{}",
            fit(&prog.id, prog_w),
            fit(&d.title, title_w),
            fit(p.person_name(&d.owner), owner_w),
            fit(ring, ring_w),
            fit(&due, due_w),
            fit(status_glyph(d.status), status_w),
        );
        let base = if i == state.cursor {
            theme.selected()
        } else {
            theme.status(d.status)
        };
        let used = put(buf, area.x, y, &text, w, base);
        let mark_style = if i == state.cursor {
            theme.selected()
        } else {
            theme.marks(&m)
        };
        // In review mode, changed and new items say so.
        let word = match data.review.as_ref().and_then(|rv| rv.mark(data, r)) {
            Some(changed) if mark(&m).is_empty() => changed.to_string(),
            Some(changed) => format!("{} {changed}", mark(&m)),
            None => mark(&m).to_string(),
        };
        put(
            buf,
            area.x + used as u16,
            y,
            &fit(&word, mark_w),
            mark_w,
            mark_style,
        );
    }
}

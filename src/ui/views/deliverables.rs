//! Deliverables: one table of every deliverable, sortable and filterable.
//! The filtered, sorted list of rows is rebuilt only when it changes; a
//! frame formats only the rows on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::{DeliverableRef, Ring, Status};
use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::text::{fit, plural};
use crate::ui::theme::{mark, status_glyph};
use crate::ui::view::{Reply, Shared, View, ViewKind};

impl ViewId {
    pub const DELIVERABLES: ViewId = ViewId::new("deliverables");
}

pub static KIND: ViewKind = ViewKind {
    id: ViewId::DELIVERABLES,
    name: "Deliverables",
    help: "Deliverables view",
    takes: &[
        Move, Search, Sort, Filter, Program, Details, History, Edit, Editor,
    ],
    review_only: false,
    make: || Box::new(Deliverables::default()),
};

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
    /// What `f` cycles through. "blocked" once: the state is the status.
    const ORDER: [StateFilter; 12] = [
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
pub struct Deliverables {
    pub rows: Vec<DeliverableRef>,
    pub cursor: usize,
    pub sort: Sort,
    pub filter: StateFilter,
    pub ring: Option<Ring>,
    /// A person id.
    pub owner: Option<String>,
    /// A program id: the table shows that program only.
    pub program: Option<String>,
}

impl Deliverables {
    pub fn selected(&self) -> Option<DeliverableRef> {
        self.rows.get(self.cursor).copied()
    }

    pub fn select_ref(&mut self, r: DeliverableRef) {
        if let Some(i) = self.rows.iter().position(|&x| x == r) {
            self.cursor = i;
        }
    }

    /// Shows one program only (`None`: all of them).
    pub fn set_program(&mut self, data: &Snapshot, program: Option<String>) {
        self.program = program;
        self.rebuild(data);
    }

    /// `]` and `[` in the table: all programs, then each by priority, then
    /// all again.
    pub fn cycle_program(&mut self, data: &Snapshot, step: isize) {
        let p = &data.plans.portfolio;
        // Position 0 is "all programs"; program k (by priority) is k + 1.
        let n = data.programs.len() as isize + 1;
        let at = self
            .program
            .as_deref()
            .and_then(|id| p.program_index(id))
            .and_then(|i| data.programs.iter().position(|&x| x == i))
            .map_or(0, |k| k as isize + 1);
        let next = (at + step).rem_euclid(n) as usize;
        let shown = next
            .checked_sub(1)
            .and_then(|k| data.programs.get(k).copied());
        self.set_program(data, shown.map(|i| p.programs[i].id.clone()));
    }

    /// Whether any filter is on.
    pub fn filtered(&self) -> bool {
        self.filter != StateFilter::All
            || self.ring.is_some()
            || self.owner.is_some()
            || self.program.is_some()
    }

    /// Esc: every filter off (the sort stays); false when none was on.
    pub fn clear_filters(&mut self, data: &Snapshot) -> bool {
        let any = self.filtered();
        self.filter = StateFilter::All;
        self.ring = None;
        self.owner = None;
        self.program = None;
        self.rebuild(data);
        any
    }

    /// Recomputes the rows of the same load, keeping the selected
    /// deliverable when it stays.
    pub fn rebuild(&mut self, data: &Snapshot) {
        let p = &data.plans.portfolio;
        let keep = self.selected().and_then(|r| ItemKey::of(p, r));
        self.rows = self.compute(data);
        self.cursor = 0;
        if let Some(r) = keep.and_then(|k| k.resolve(p)) {
            self.select_ref(r);
        }
    }

    /// The filtered, sorted rows.
    fn compute(&self, data: &Snapshot) -> Vec<DeliverableRef> {
        let p = &data.plans.portfolio;
        let d = &data.derived;
        let program = self.program.as_deref().map(|id| p.program_index(id));
        let mut rows: Vec<DeliverableRef> = p
            .deliverable_refs()
            .filter(|r| program.is_none_or(|prog| Some(r.program) == prog))
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
        rows
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
            "{} · sorted by {sort} · state: {}",
            plural(self.rows.len(), "row", "rows"),
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
        if let Some(p) = &self.program {
            out.push_str(&format!(" · program: {p}"));
        }
        if self.filtered() {
            out.push_str(" (Esc clears)");
        }
        out
    }
}

impl View for Deliverables {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    fn len(&self, _s: &Shared) -> usize {
        self.rows.len()
    }

    fn keys(&self, s: &Shared) -> Vec<Selected> {
        let p = &s.data.plans.portfolio;
        self.rows
            .iter()
            .filter_map(|&r| ItemKey::of(p, r).map(Selected::Deliverable))
            .collect()
    }

    /// One row's ids, without making those of 20,000 rows.
    fn key_at(&self, s: &Shared, at: usize) -> Option<Selected> {
        let r = *self.rows.get(at)?;
        ItemKey::of(&s.data.plans.portfolio, r).map(Selected::Deliverable)
    }

    fn sets_focus(&self) -> bool {
        true
    }

    /// Sort and filters; `]`/`[` cycle all programs, then each; Esc clears
    /// the filters.
    fn act(&mut self, a: Action, s: &Shared) -> Reply {
        let data = s.data;
        match a {
            Action::Sort => {
                self.sort = match self.sort {
                    Sort::Due => Sort::Owner,
                    Sort::Owner => Sort::Status,
                    Sort::Status => Sort::Ring,
                    Sort::Ring => Sort::Program,
                    Sort::Program => Sort::Due,
                };
            }
            Action::Filter => {
                let i = StateFilter::ORDER
                    .iter()
                    .position(|f| *f == self.filter)
                    .unwrap_or(0);
                self.filter = StateFilter::ORDER[(i + 1) % StateFilter::ORDER.len()];
            }
            Action::FilterRing => {
                self.ring = match self.ring {
                    None => Some(Ring::Core),
                    Some(Ring::Core) => Some(Ring::Extended),
                    Some(Ring::Extended) => Some(Ring::Partner),
                    Some(Ring::Partner) => None,
                };
            }
            Action::FilterOwner => {
                let p = &data.plans.portfolio;
                self.owner = match (&self.owner, self.selected()) {
                    (Some(_), _) | (None, None) => None,
                    (None, Some(r)) => p.get_deliverable(r).map(|d| d.owner.clone()),
                };
            }
            Action::NextProgram | Action::PrevProgram => {
                let step = if a == Action::NextProgram { 1 } else { -1 };
                self.cycle_program(data, step);
                // The board looks at the program shown; all: as it was.
                return self.program.clone().map_or(Reply::Done, Reply::Program);
            }
            Action::Close => {
                return Reply::Say(if self.clear_filters(data) {
                    "filters cleared: every deliverable".to_string()
                } else {
                    "filter: none to clear".to_string()
                });
            }
            _ => return Reply::Pass,
        }
        self.rebuild(data);
        Reply::Done
    }

    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        seek(&mut self.cursor, self.rows.len(), forward, skip, |i| {
            matches(s.data, self.rows[i], q)
        })
    }

    /// The open work of a person or a program, every other filter off.
    fn show_work_of(&mut self, of: &Selected, s: &Shared) {
        self.filter = StateFilter::Open;
        self.ring = None;
        self.owner = None;
        self.program = None;
        match of {
            Selected::Program(id) => self.program = Some(id.clone()),
            Selected::Person(id) => self.owner = Some(id.clone()),
            _ => {}
        }
        self.rebuild(s.data);
        self.cursor = 0;
    }

    /// The table follows the program chosen elsewhere (Rings' `]`, a
    /// Timeline program's work).
    fn program_chosen(&mut self, s: &Shared) {
        let p = &s.data.plans.portfolio;
        let id = s
            .program
            .and_then(|i| p.programs.get(i))
            .map(|x| x.id.clone());
        self.set_program(s.data, id);
    }

    /// The rows of a new load (the board places the cursor, by identity);
    /// a program shown that is gone shows all of them, and says so.
    fn reloaded(&mut self, s: &Shared) -> Option<String> {
        let p = &s.data.plans.portfolio;
        let gone = self
            .program
            .take_if(|id| p.program_index(id).is_none())
            .map(|id| format!("program {id} is gone; showing all programs"));
        self.rows = self.compute(s.data);
        self.cursor = 0;
        gone
    }

    /// The table's rows: below its summary and its header.
    fn list(&self, _s: &Shared, body: Rect) -> Option<ListLayout> {
        if body.width < 20 {
            return None;
        }
        ListLayout::below(body, 2, self.cursor, self.rows.len())
    }

    fn draw_list(&self, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
        let (data, theme) = (s.data, s.theme);
        put(
            buf,
            area.x,
            area.y,
            &self.describe(data),
            area.width as usize,
            theme.dim(),
        );
        let w = area.width as usize;
        // Fixed columns; the title takes what is left.
        // The state column holds the longest mark ("BLOCKED"), and in review
        // mode "BLOCKED CHG": a mark is never cut.
        let mark_w = if data.review.is_some() { 12 } else { 9 };
        let (prog_w, owner_w, ring_w, due_w, status_w, mark_w) = if w >= 120 {
            (18, 22, 9, 11, 8, 12)
        } else {
            (12, 14, 0, 6, 4, mark_w)
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
            let Some(&r) = self.rows.get(i) else { break };
            let (Some(d), Some(m)) = (p.get_deliverable(r), data.derived.get_marks(r)) else {
                continue;
            };
            let prog = &p.programs[r.program];
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
            let base = if i == self.cursor {
                theme.selected()
            } else {
                theme.status(d.status)
            };
            let used = put(buf, area.x, y, &text, w, base);
            let mark_style = if i == self.cursor {
                theme.selected()
            } else {
                theme.marks(&m)
            };
            // In review mode, changed and new items say so.
            let word = match data
                .review
                .as_ref()
                .and_then(|rv| rv.mark(&data.plans.portfolio, r))
            {
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
}

//! Deliverables: one table of every deliverable, sortable and filterable.
//! The filtered, sorted list of rows is rebuilt only when it changes; a
//! frame formats only the rows on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;

use crate::model::{DeliverableRef, Ring, Status};
use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::columns::{columns, row};
use crate::ui::fit::{plural, width};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::theme::status_glyph;
use crate::ui::view::{Reply, Shared, View, ViewKind};

impl ViewId {
    pub const DELIVERABLES: ViewId = ViewId::new("deliverables");
}

pub(crate) static KIND: ViewKind = ViewKind {
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
    /// Open and forecast past its due date (late ones too).
    Slipping,
    Waiting,
    DueSoon,
    /// One status as written in the file.
    Status(Status),
}

impl StateFilter {
    /// What `f` cycles through. "blocked" once: the state is the status.
    const ORDER: [StateFilter; 13] = [
        StateFilter::All,
        StateFilter::Open,
        StateFilter::Late,
        StateFilter::Blocked,
        StateFilter::Slipping,
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
            StateFilter::Slipping => "slipping",
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
                let slipping = || data.mark(r).is_some_and(|m| m.slipping());
                let del = p.deliverable(r);
                match self.filter {
                    StateFilter::All => true,
                    StateFilter::Open => m.open,
                    StateFilter::Late => m.late,
                    StateFilter::Blocked => m.blocked,
                    StateFilter::AtRisk => m.at_risk,
                    StateFilter::Slipping => slipping(),
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
                    std::cmp::Reverse(data.mark(r).map_or(0, |m| m.severity())),
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
        let p = &data.plans.portfolio;
        // The state column holds the longest mark on screen ("BLOCKED",
        // "SLIP +12d", in review mode "BLOCKED CHG"): a mark is never cut.
        let words: Vec<(usize, String)> = list
            .visible()
            .filter_map(|(_, i)| Some((i, self.word(data, *self.rows.get(i)?)?)))
            .collect();
        let mark_w = words
            .iter()
            .map(|(_, w)| width(w))
            .max()
            .unwrap_or(0)
            .max(5);
        let cols = columns(area, &constraints(data, area.width, mark_w as u16));
        let wide = cols.len() == 7;
        let mut header = vec!["Program", "Deliverable", "Owner"];
        if wide {
            header.push("Ring");
        }
        header.extend(["Due", "St.", "State"]);
        let header: Vec<(&str, Style)> = header.into_iter().map(|h| (h, theme.title())).collect();
        row(buf, &cols, area.y + 1, &header, None);
        for (y, i) in list.visible() {
            let Some(&r) = self.rows.get(i) else { break };
            let (Some(d), Some(m)) = (p.get_deliverable(r), data.mark(r)) else {
                continue;
            };
            let prog = &p.programs[r.program];
            let ring = p.ring_in(prog, &d.owner).map_or("-", Ring::as_str);
            let due = if wide {
                d.due.to_string()
            } else {
                d.due.strftime("%m-%d").to_string()
            };
            let selected = i == self.cursor;
            let (base, mark_style) = if selected {
                (theme.selected(), theme.selected())
            } else {
                (theme.status(d.status), theme.mark(&m))
            };
            let word = words
                .iter()
                .find(|(k, _)| *k == i)
                .map_or("", |(_, w)| w.as_str());
            let mut cells = vec![
                (prog.id.as_str(), base),
                (d.title.as_str(), base),
                (p.person_name(&d.owner), base),
            ];
            if wide {
                cells.push((ring, base));
            }
            cells.extend([
                (due.as_str(), base),
                (status_glyph(d.status), base),
                (word, mark_style),
            ]);
            row(buf, &cols, y, &cells, selected.then(|| theme.selected()));
        }
    }
}

impl Deliverables {
    /// A row's state word: its mark, and in review mode whether it is new
    /// or changed.
    fn word(&self, data: &Snapshot, r: DeliverableRef) -> Option<String> {
        let m = data.mark(r)?.word();
        let changed = data
            .review
            .as_ref()
            .and_then(|rv| rv.mark(&data.plans.portfolio, r));
        Some(match changed {
            Some(changed) if m.is_empty() => changed.to_string(),
            Some(changed) => format!("{m} {changed}"),
            None => m,
        })
    }
}

/// The table's columns at a width: program, title (what is left), owner,
/// ring (120 columns and more), due, status, state. The program and owner
/// columns are as wide as the longest id and name, up to a share of the
/// screen that grows with it.
fn constraints(data: &Snapshot, room: u16, mark_w: u16) -> Vec<Constraint> {
    use Constraint::{Fill, Length};
    let p = &data.plans.portfolio;
    let longest = |widths: &mut dyn Iterator<Item = usize>, least: u16, most: u16| {
        let w = widths.max().unwrap_or(0).min(u16::MAX as usize) as u16;
        Length(w.clamp(least, most.max(least)))
    };
    let program = |most| longest(&mut p.programs.iter().map(|x| width(&x.id)), 7, most);
    let owner = |most| longest(&mut p.people.iter().map(|x| width(&x.name)), 5, most);
    if room < 120 {
        return vec![
            program(12),
            Fill(1),
            owner(14),
            Length(5),
            Length(3),
            Length(mark_w),
        ];
    }
    vec![
        program((room / 8).clamp(15, 26)),
        Fill(1),
        owner((room / 6).clamp(20, 36)),
        Length(8),
        Length(10),
        Length(3),
        Length(mark_w),
    ]
}

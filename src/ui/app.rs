//! The board's state and how actions change it. Pure: no terminal, no I/O,
//! so key handling is tested as actions in, state out. Loaded data lives in
//! [`Snapshot`]; each view keeps its own small state in its own file.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::keymap::{Action, Keymap};
use super::theme::Theme;
use super::views::changes::{self, Review};
use super::views::{deliverables, metrics, problems, rings, timeline};
use crate::derive::Derived;
use crate::load::Plans;
use crate::model::DeliverableRef;
use crate::review::metric_series::Series;

pub const VIEWS: [&str; 7] = [
    "Rings",
    "Deliverables",
    "Timeline",
    "Hand-offs",
    "Metrics",
    "Problems",
    "Changes",
];

/// Loaded plans and everything precomputed from them once per load, so a
/// frame never does work proportional to the whole portfolio.
pub struct Snapshot {
    pub plans: Plans,
    pub derived: Derived,
    /// Program indexes by priority, then file order.
    pub programs: Vec<usize>,
    pub timeline: timeline::Model,
    /// Metric history by program id, filled in by a background thread.
    pub series: BTreeMap<String, BTreeMap<String, Series>>,
    /// For the status line, counted once per load.
    pub counts: Counts,
    /// Review mode: the base revision and the changes against it.
    pub review: Option<Review>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub late: usize,
    pub blocked: usize,
    pub at_risk: usize,
    pub errors: usize,
}

impl Snapshot {
    pub fn new(plans: Plans, today: Date) -> Snapshot {
        let derived = Derived::new(&plans.portfolio, today);
        let programs = plans.portfolio.programs_by_priority();
        let timeline = timeline::Model::new(&plans, &derived, None);
        let m = &derived.marks;
        let counts = Counts {
            late: m.iter().filter(|m| m.late).count(),
            blocked: m.iter().filter(|m| m.blocked && m.open).count(),
            at_risk: m.iter().filter(|m| m.at_risk).count(),
            errors: plans.diagnostics.iter().filter(|d| d.is_error()).count(),
        };
        Snapshot {
            review: None,
            counts,
            plans,
            derived,
            programs,
            timeline,
            series: BTreeMap::new(),
        }
    }

    /// Enters (or leaves) review mode. The timeline's cells aggregate
    /// deliverables, so it is rebuilt to know which of them changed.
    pub fn set_review(&mut self, review: Option<Review>) {
        self.review = review;
        self.timeline = timeline::Model::new(&self.plans, &self.derived, self.review.as_ref());
    }

    pub fn today(&self) -> Date {
        self.derived.today
    }
}

/// Incremental search: `/` edits the query, Enter keeps it, Esc drops it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub editing: bool,
    pub query: String,
}

/// What overlays the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overlay {
    #[default]
    None,
    Detail,
    Help,
}

pub struct App {
    pub data: Snapshot,
    pub keymap: Keymap,
    pub theme: Theme,
    pub view: usize,
    /// Position in `data.programs`: the program the board looks at.
    pub program: usize,
    pub overlay: Overlay,
    pub search: Search,
    /// A one-line message (reload done, keymap warning, no match).
    pub message: Option<String>,
    pub rings: rings::State,
    pub deliverables: deliverables::State,
    pub timeline: timeline::State,
    pub metrics: metrics::State,
    pub problems: problems::State,
    pub changes: changes::State,
    /// The history of a deliverable (`L`), shown in its detail pane.
    pub history: Option<(DeliverableRef, Vec<String>)>,
    /// The deliverable the Hand-offs view and the detail pane are about.
    pub focus: Option<DeliverableRef>,
    pub quit: bool,
    /// Rows a page holds, from the last layout (for PgUp/PgDn).
    pub page: usize,
}

impl App {
    pub fn new(data: Snapshot, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            deliverables: deliverables::State::new(&data),
            rings: rings::State::default(),
            timeline: timeline::State::default(),
            metrics: metrics::State::default(),
            problems: problems::State::default(),
            changes: changes::State::default(),
            history: None,
            data,
            keymap,
            theme,
            view: 0,
            program: 0,
            overlay: Overlay::None,
            search: Search::default(),
            message: None,
            focus: None,
            quit: false,
            page: 10,
        };
        app.sync_focus();
        app
    }

    /// The program the board looks at (the first by priority at start).
    pub fn program_index(&self) -> Option<usize> {
        self.data.programs.get(self.program).copied()
    }

    /// Replaces the loaded data, keeping the view, the program and the
    /// selection (by ids) where they still exist.
    pub fn reload(&mut self, data: Snapshot) {
        let program_id = self
            .program_index()
            .map(|p| self.data.plans.portfolio.programs[p].id.clone());
        let focus = self.focus.map(|r| {
            let p = &self.data.plans.portfolio;
            (
                p.programs[r.program].id.clone(),
                p.deliverable(r).id.clone(),
            )
        });
        let series = std::mem::take(&mut self.data.series);
        let review = self.data.review.take();
        self.data = data;
        self.data.series = series;
        if self.data.review.is_none() && review.is_some() {
            self.data.set_review(review);
        }
        self.program = program_id
            .and_then(|id| {
                let p = self.data.plans.portfolio.program_index(&id)?;
                self.data.programs.iter().position(|&i| i == p)
            })
            .unwrap_or(0);
        self.deliverables.rebuild(&self.data);
        if let Some((prog, id)) = focus
            && let Some(r) = find(&self.data, &prog, &id)
        {
            self.deliverables.select_ref(r);
            self.rings.select_ref(&self.data, self.program_index(), r);
        }
        self.problems.clamp(self.data.plans.diagnostics.len());
        self.sync_focus();
    }

    /// The focus follows the selection of the view that has one.
    fn sync_focus(&mut self) {
        let focus = match self.view {
            0 => self.rings.selected(&self.data, self.program_index()),
            1 => self.deliverables.selected(),
            6 => self.changes.target(&self.data),
            _ => return,
        };
        if focus.is_some() {
            self.focus = focus;
        }
    }

    pub fn apply(&mut self, action: Action) {
        self.message = None;
        if self.search.editing {
            // Keys are text while a search is typed; only these act.
            match action {
                Action::Close => self.search = Search::default(),
                Action::Open => self.search.editing = false,
                _ => {}
            }
            return;
        }
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Help, Action::Help | Action::Close)
            | (Overlay::Detail, Action::Close | Action::Open) => {
                self.overlay = Overlay::None;
            }
            (Overlay::Help, _) => {}
            (_, Action::Help) => self.overlay = Overlay::Help,
            (_, Action::Open) if self.focus.is_some() && self.view != 5 => {
                self.overlay = Overlay::Detail
            }
            (_, Action::Close) => {}
            (_, Action::NextView) => self.view = (self.view + 1) % VIEWS.len(),
            (_, Action::PrevView) => self.view = (self.view + VIEWS.len() - 1) % VIEWS.len(),
            (_, Action::View(n)) if n < VIEWS.len() => self.view = n,
            (_, Action::NextProgram) => self.cycle_program(1),
            (_, Action::PrevProgram) => self.cycle_program(-1),
            (_, Action::Search) => {
                self.search = Search {
                    editing: true,
                    query: String::new(),
                }
            }
            (_, Action::NextMatch) => self.find(true, true),
            (_, Action::PrevMatch) => self.find(false, true),
            (_, Action::Reload | Action::History) => {} // the event loop does the I/O
            (_, a) => self.view_action(a),
        }
        self.sync_focus();
    }

    /// A mouse click at a screen position: a tab, or a row of a list.
    pub fn click(&mut self, col: u16, row: u16) {
        if row == 0 {
            let mut x = 0u16;
            for (i, name) in VIEWS.iter().enumerate() {
                let w = super::text::width(&format!(" {} {name} ", i + 1)) as u16;
                if col >= x && col < x + w {
                    self.apply(Action::View(i));
                    return;
                }
                x += w;
            }
            return;
        }
        // Lists start below the tab bar and their own header lines.
        let top = match self.view {
            1 => 3,
            2 => 4,
            4 => 1,
            5 | 6 => 2,
            _ => return,
        };
        let Some(line) = (row as usize).checked_sub(top) else {
            return;
        };
        let page = self.page.max(1);
        let (cursor, n) = match self.view {
            1 => (self.deliverables.cursor, self.deliverables.rows.len()),
            2 => (self.timeline.row, usize::MAX),
            4 => (self.metrics.cursor, usize::MAX),
            6 => (
                self.changes.cursor,
                self.data.review.as_ref().map_or(0, |r| r.changes.len()),
            ),
            _ => (self.problems.cursor, self.data.plans.diagnostics.len()),
        };
        let target = super::views::scroll_offset(cursor, page) + line;
        if target >= n {
            return;
        }
        match self.view {
            1 => self.deliverables.cursor = target,
            2 => self.timeline.row = target,
            4 => self.metrics.cursor = target,
            6 => self.changes.cursor = target,
            _ => self.problems.cursor = target,
        }
        self.sync_focus();
    }

    /// Typed text while searching: each character searches again.
    pub fn type_char(&mut self, c: Option<char>) {
        match c {
            Some(c) => self.search.query.push(c),
            None => {
                self.search.query.pop();
            }
        }
        self.find(true, false);
        self.sync_focus();
    }

    fn cycle_program(&mut self, step: isize) {
        let n = self.data.programs.len();
        if n == 0 {
            return;
        }
        self.program = (self.program as isize + step).rem_euclid(n as isize) as usize;
        self.rings = rings::State::default();
        self.deliverables
            .set_program(&self.data, self.program_index());
    }

    fn view_action(&mut self, a: Action) {
        let page = self.page.max(1);
        let program = self.program_index();
        match self.view {
            0 => self.rings.act(a, &self.data, program),
            1 => self.deliverables.act(a, &self.data, page),
            2 => self.timeline.act(a, &self.data, page),
            3 => {}
            4 => self.metrics.act(a, &self.data, page),
            6 => self.changes.act(a, &self.data, page),
            _ => self
                .problems
                .act(a, self.data.plans.diagnostics.len(), page),
        }
    }

    /// Finds the query in the current view; `skip` moves past the current match.
    fn find(&mut self, forward: bool, skip: bool) {
        let q = self.search.query.to_lowercase();
        if q.is_empty() {
            return;
        }
        let found = match self.view {
            0 => self
                .rings
                .find(&self.data, self.program_index(), &q, forward, skip),
            5 => self.problems.find(&self.data, &q, forward, skip),
            4 => self.metrics.find(&self.data, &q, forward, skip),
            6 => self.changes.find(&self.data, &q, forward, skip),
            _ => self.deliverables.find(&self.data, &q, forward, skip),
        };
        if !found {
            self.message = Some(format!("no match for \"{}\"", self.search.query));
        }
    }
}

pub fn find(data: &Snapshot, program: &str, id: &str) -> Option<DeliverableRef> {
    let p = data.plans.portfolio.program_index(program)?;
    let index = data.plans.portfolio.programs[p]
        .deliverables
        .iter()
        .position(|d| d.id == id)?;
    Some(DeliverableRef { program: p, index })
}

/// Does a deliverable match a lower-case query: id, title, owner's name,
/// role and org, note.
pub fn matches(data: &Snapshot, r: DeliverableRef, q: &str) -> bool {
    let portfolio = &data.plans.portfolio;
    let d = portfolio.deliverable(r);
    let hit = |s: &str| s.to_lowercase().contains(q);
    hit(&d.id)
        || hit(&d.title)
        || d.note.as_deref().is_some_and(hit)
        || hit(&d.owner)
        || portfolio.person(&d.owner).is_some_and(|p| {
            hit(&p.name) || p.role.as_deref().is_some_and(hit) || p.org.as_deref().is_some_and(hit)
        })
}

/// Moves a cursor over `n` items by an action; `page` rows a page.
pub fn step(cursor: usize, n: usize, a: Action, page: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let last = n - 1;
    match a {
        Action::Down => (cursor + 1).min(last),
        Action::Up => cursor.saturating_sub(1),
        Action::PageDown => (cursor + page).min(last),
        Action::PageUp => cursor.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor.min(last),
    }
}

/// Moves `cursor` to the next (or previous) matching item; false when none.
pub fn seek(
    cursor: &mut usize,
    n: usize,
    forward: bool,
    skip: bool,
    hit: impl Fn(usize) -> bool,
) -> bool {
    match search_from(n, *cursor, forward, skip, hit) {
        Some(i) => {
            *cursor = i;
            true
        }
        None => false,
    }
}

/// The next index after (or before) `from` whose item matches, wrapping.
pub fn search_from(
    n: usize,
    from: usize,
    forward: bool,
    skip: bool,
    hit: impl Fn(usize) -> bool,
) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let start = if skip { 1 } else { 0 };
    (start..n + start)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n - k % n) % n
            }
        })
        .find(|&i| hit(i))
}

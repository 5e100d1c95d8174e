//! The board's state and how actions change it. Pure: no terminal, no I/O,
//! so key handling is tested as actions in, state and [`Effect`]s out; the
//! results of effects come back through [`App::receive`]. Loaded data lives
//! in [`Snapshot`]; each view keeps its own small state in its own file,
//! and [`View::takes`] says which actions it takes: the others are answered
//! in the status line, never passed to a view that is not on screen.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::effect::{Effect, ItemKey, Outcome};
use super::keymap::{Action, Keymap};
use super::layout::{FrameLayout, Hit};
use super::snapshot::find;
use super::theme::Theme;
use super::views::{Topic, View, changes, deliverables, metrics, problems, rings, timeline};
use crate::model::DeliverableRef;
use crate::review::metric_series::Series;

pub use super::snapshot::{Counts, Snapshot};

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
    pub view: View,
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
            view: View::Rings,
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
        let focus = self.focus.map(|r| self.data.ids(r));
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
        if matches!(self.view, View::Rings | View::Deliverables | View::Changes)
            && let Some(r) = self.selected()
        {
            self.focus = Some(r);
        }
    }

    /// The deliverable the current view points at: its selection, or in
    /// Hand-offs the focus it shows.
    fn selected(&self) -> Option<DeliverableRef> {
        match self.view {
            View::Rings => self.rings.selected(&self.data, self.program_index()),
            View::Deliverables => self.deliverables.selected(),
            View::Changes => self.changes.target(&self.data),
            View::Handoffs => self.focus,
            View::Timeline | View::Metrics | View::Problems => None,
        }
    }

    /// The current view's list cursor; `None` without a list.
    fn cursor_mut(&mut self) -> Option<&mut usize> {
        Some(match self.view {
            View::Rings => &mut self.rings.cursor,
            View::Deliverables => &mut self.deliverables.cursor,
            View::Timeline => &mut self.timeline.row,
            View::Metrics => &mut self.metrics.cursor,
            View::Problems => &mut self.problems.cursor,
            View::Changes => &mut self.changes.cursor,
            View::Handoffs => return None,
        })
    }

    /// How many items the current view's list has; `None` without a list.
    pub fn list_len(&self) -> Option<usize> {
        let data = &self.data;
        Some(match self.view {
            View::Rings => rings::State::len(data, self.program_index()),
            View::Deliverables => self.deliverables.rows.len(),
            View::Timeline => self.timeline.rows(data).len(),
            View::Metrics => metrics::State::len(data),
            View::Problems => data.plans.diagnostics.len(),
            View::Changes => data.review.as_ref().map_or(0, |r| r.changes.len()),
            View::Handoffs => return None,
        })
    }

    /// Whether the board is in review mode (it has a Changes view).
    pub fn reviewing(&self) -> bool {
        self.data.review.is_some()
    }

    /// A key press: text while a search is typed, else the keymap's
    /// action. `None` when the key means nothing (nothing to redraw).
    pub fn key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if self.search.editing {
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.type_char(Some(c));
                    return Some(Vec::new());
                }
                KeyCode::Backspace => {
                    self.type_char(None);
                    return Some(Vec::new());
                }
                _ => {}
            }
        }
        let action = self.keymap.action(key)?;
        Some(self.apply(action))
    }

    /// One action: the state changes, and what must be done outside
    /// (reading git, loading files) comes back as effects.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        if self.search.editing {
            // Keys are text while a search is typed; only these act.
            match action {
                Action::Close => self.search = Search::default(),
                Action::Open => self.search.editing = false,
                _ => {}
            }
            return Vec::new();
        }
        let effects = match (self.overlay, action) {
            (_, Action::Quit) => {
                self.quit = true;
                Vec::new()
            }
            (_, Action::Reload) => {
                self.message = Some("reloading…".to_string());
                vec![Effect::Reload]
            }
            (Overlay::Help, Action::Help | Action::Close)
            | (Overlay::Detail, Action::Close | Action::Open) => {
                self.overlay = Overlay::None;
                Vec::new()
            }
            // Help is modal: it lists the keys, it does not take them.
            (Overlay::Help, _) | (_, Action::Close) => Vec::new(),
            (_, Action::Help) => {
                self.overlay = Overlay::Help;
                Vec::new()
            }
            (_, Action::NextView) => {
                self.view = self.view.cycle(true, self.reviewing());
                Vec::new()
            }
            (_, Action::PrevView) => {
                self.view = self.view.cycle(false, self.reviewing());
                Vec::new()
            }
            (_, Action::View(v)) if !v.shown(self.reviewing()) => {
                self.message = Some(self.not_shown(v));
                Vec::new()
            }
            (_, Action::View(v)) => {
                self.view = v;
                Vec::new()
            }
            (_, a) => self.in_view(a),
        };
        self.sync_focus();
        effects
    }

    /// What an effect gave back.
    pub fn receive(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::History { item, lines } => self.history_loaded(&item, lines),
            Outcome::Reloaded(data) => self.reloaded(*data),
            Outcome::ReloadFailed(error) => self.reload_failed(&error),
        }
    }

    /// A deliverable's history arrived: its detail pane shows it.
    pub fn history_loaded(&mut self, item: &ItemKey, lines: Vec<String>) {
        match find(&self.data, &item.program, &item.id) {
            Some(r) => {
                self.history = Some((r, lines));
                self.focus = Some(r);
                self.overlay = Overlay::Detail;
                self.message = None;
            }
            None => {
                self.message = Some(format!(
                    "history: {}/{} is no longer in the plans",
                    item.program, item.id
                ))
            }
        }
    }

    /// New data loaded: shown, keeping the view and the selection.
    pub fn reloaded(&mut self, data: Snapshot) {
        self.reload(data);
        self.message = Some("reloaded".to_string());
    }

    /// A program's metric history arrived (computed in the background);
    /// true when it is on screen.
    pub fn series_loaded(&mut self, program: String, series: BTreeMap<String, Series>) -> bool {
        self.data.series.insert(program, series);
        self.view == View::Metrics
    }

    /// Loading failed: the board keeps what loaded last and says why.
    pub fn reload_failed(&mut self, error: &str) {
        self.message = Some(format!("reload failed: {error}"));
    }

    /// An action about the current view, if the view takes it.
    fn in_view(&mut self, a: Action) -> Vec<Effect> {
        let Some(topic) = Topic::of(a) else {
            return Vec::new();
        };
        if !self.view.takes().contains(&topic) {
            self.message = Some(self.refusal(topic));
            return Vec::new();
        }
        if topic == Topic::Move && self.list_len() == Some(0) {
            self.message = Some(format!("move: {} is empty", self.view.name()));
            return Vec::new();
        }
        match a {
            Action::Open | Action::History => match self.selected() {
                Some(r) if a == Action::History => {
                    self.focus = Some(r);
                    self.message = Some("loading history…".to_string());
                    let (program, id) = self.data.ids(r);
                    return vec![Effect::LoadHistory(ItemKey { program, id })];
                }
                Some(r) => {
                    self.focus = Some(r);
                    self.overlay = Overlay::Detail;
                }
                None => self.message = Some(format!("{}: no deliverable selected", topic.label())),
            },
            Action::Search => {
                self.search = Search {
                    editing: true,
                    query: String::new(),
                }
            }
            Action::NextMatch | Action::PrevMatch if self.search.query.is_empty() => {
                self.message = Some(self.nothing_to_find());
            }
            Action::NextMatch => self.find(true, true),
            Action::PrevMatch => self.find(false, true),
            Action::NextProgram => self.cycle_program(1),
            Action::PrevProgram => self.cycle_program(-1),
            _ if topic == Topic::Move => {
                let before = self.cursor_mut().copied();
                self.view_action(a);
                if self.cursor_mut().copied() == before {
                    let up = matches!(a, Action::Up | Action::PageUp | Action::Top);
                    let end = if up { "top" } else { "bottom" };
                    self.message = Some(format!("move: already at the {end}"));
                }
            }
            _ => self.view_action(a),
        }
        Vec::new()
    }

    /// A mouse click at a screen position, hit-tested against the layout
    /// last drawn: a tab shows its view, an item of a list is selected.
    pub fn click(&mut self, col: u16, row: u16, layout: &FrameLayout) {
        match layout.hit(col, row) {
            Some(Hit::Tab(v)) => {
                self.apply(Action::View(v));
            }
            // Under an overlay the list is hidden: a click there is not for it.
            Some(Hit::Item(i)) if self.overlay == Overlay::None => {
                if let Some(cursor) = self.cursor_mut() {
                    *cursor = i;
                }
                self.message = None;
                self.sync_focus();
            }
            _ => {}
        }
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

    /// A move, a scroll, a sort or a filter, in the view that takes it.
    fn view_action(&mut self, a: Action) {
        let page = self.page.max(1);
        let program = self.program_index();
        let data = &self.data;
        match self.view {
            View::Rings => self.rings.act(a, data, program),
            View::Deliverables => self.deliverables.act(a, data, page),
            View::Timeline => self.timeline.act(a, data, page),
            View::Metrics => self.metrics.act(a, data, page),
            View::Problems => self.problems.act(a, data.plans.diagnostics.len(), page),
            View::Changes => self.changes.act(a, data, page),
            View::Handoffs => {}
        }
    }

    /// Finds the query in the current view; `skip` moves past the current match.
    fn find(&mut self, forward: bool, skip: bool) {
        let q = self.search.query.to_lowercase();
        if q.is_empty() {
            return;
        }
        let data = &self.data;
        let found = match self.view {
            View::Rings => self
                .rings
                .find(data, self.program_index(), &q, forward, skip),
            View::Deliverables => self.deliverables.find(data, &q, forward, skip),
            View::Metrics => self.metrics.find(data, &q, forward, skip),
            View::Problems => self.problems.find(data, &q, forward, skip),
            View::Changes => self.changes.find(data, &q, forward, skip),
            View::Timeline | View::Handoffs => false,
        };
        if !found {
            self.message = Some(format!("no match for \"{}\"", self.search.query));
        }
    }
}

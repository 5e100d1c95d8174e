//! The board's state and how actions change it. Pure: no terminal, no I/O,
//! so key handling is tested as actions in, state and [`Effect`]s out; the
//! results of effects come back through [`App::receive`]. Loaded data lives
//! in [`Snapshot`]; each view keeps its own small state in its own file,
//! and [`View::takes`] says which actions it takes: the others are answered
//! in the status line, never passed to a view that is not on screen.
//!
//! What is selected is kept by identity across reloads (see
//! [`super::selection`] and [`App::reload`]): the focus is an [`ItemKey`],
//! never a position in a load that may be gone.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::effect::{Effect, Outcome};
use super::keymap::Keymap;
use super::layout::{FrameLayout, Hit};
use super::prompt::Prompt;
use super::selection::{ItemKey, Selected};
use super::session::Session;
use super::theme::Theme;
use super::views::{
    Topic, View, changes, deliverables, handoffs, metrics, mywork, problems, rings, timeline,
};
use crate::model::DeliverableRef;
use crate::review::metric_series::Series;

pub use super::search::Search;
pub use super::snapshot::{Counts, Snapshot};

/// What overlays the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overlay {
    #[default]
    None,
    /// The focused deliverable's details.
    Detail,
    /// A person's details ([`App::person`]).
    Person,
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
    pub handoffs: handoffs::State,
    pub metrics: metrics::State,
    pub problems: problems::State,
    pub changes: changes::State,
    pub mywork: mywork::State,
    /// An open dialog (a picker, an input, the add form, the commit
    /// dialog): while it is open, every key goes to it.
    pub prompt: Option<Prompt>,
    /// What this session wrote: undo records, files to commit.
    pub session: Session,
    /// `$VISUAL` or `$EDITOR`, for the editor key.
    pub editor: Option<String>,
    /// The first help line shown (the help scrolls when it does not fit).
    pub help_scroll: usize,
    /// The data a reload replaced: the event loop frees it once the new
    /// data is on screen (freeing a large portfolio takes milliseconds).
    pub retired: Option<Box<Snapshot>>,
    /// The history of a deliverable (`L`), shown in its detail pane.
    pub history: Option<(ItemKey, Vec<String>)>,
    /// The deliverable the Hand-offs view and the detail pane are about:
    /// one of the plans, or in review mode one the base had.
    pub focus: Option<ItemKey>,
    /// The person the person pane shows, by id.
    pub person: Option<String>,
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
            handoffs: handoffs::State::default(),
            metrics: metrics::State::default(),
            problems: problems::State::default(),
            changes: changes::State::default(),
            mywork: mywork::State::default(),
            prompt: None,
            session: Session::default(),
            editor: None,
            help_scroll: 0,
            retired: None,
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
            person: None,
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

    pub(super) fn program_id(&self) -> Option<String> {
        let p = self.program_index()?;
        Some(self.data.plans.portfolio.programs[p].id.clone())
    }

    /// The focus in the loaded plans; `None` without a focus, or when it
    /// is a deliverable only the review's base has.
    pub fn focus_ref(&self) -> Option<DeliverableRef> {
        self.focus.as_ref()?.resolve(&self.data.plans.portfolio)
    }

    /// Whether the board can show a deliverable: the plans have it, or the
    /// review's base had it.
    pub fn known(&self, key: &ItemKey) -> bool {
        key.resolve(&self.data.plans.portfolio).is_some()
            || self
                .data
                .review
                .as_ref()
                .is_some_and(|r| r.removed.contains_key(key))
    }

    /// The focus follows the selection of the view that has one; the
    /// Hand-offs view starts again at the focus when it moves.
    pub(super) fn sync_focus(&mut self) {
        let before = self.focus.clone();
        if matches!(
            self.view,
            View::Rings | View::Deliverables | View::Changes | View::MyWork
        ) && let Some(key) = self.target()
        {
            self.focus = Some(key);
        }
        if self.focus != before {
            self.handoffs.cursor = 0;
        }
    }

    /// The deliverable the current view points at: its selection, or in
    /// Hand-offs the selected line of the chain (the first is the focus,
    /// which may be a deliverable only the review's base has).
    pub fn target(&self) -> Option<ItemKey> {
        let (data, p) = (&self.data, &self.data.plans.portfolio);
        let r = match self.view {
            View::Rings => self.rings.selected(data, self.program_index()),
            View::Deliverables => self.deliverables.selected(),
            View::Handoffs if self.handoffs.cursor == 0 => {
                return self.focus.clone().filter(|k| self.known(k));
            }
            View::Handoffs => self.handoffs.selected(data, self.focus_ref()),
            View::Changes => return self.changes.target(data),
            View::MyWork => self.mywork.selected(),
            View::Timeline | View::Metrics | View::Problems => None,
        };
        ItemKey::of(p, r?)
    }

    /// A view's list cursor.
    pub(super) fn cursor_of(&mut self, view: View) -> &mut usize {
        match view {
            View::Rings => &mut self.rings.cursor,
            View::Deliverables => &mut self.deliverables.cursor,
            View::Timeline => &mut self.timeline.row,
            View::Handoffs => &mut self.handoffs.cursor,
            View::Metrics => &mut self.metrics.cursor,
            View::Problems => &mut self.problems.cursor,
            View::Changes => &mut self.changes.cursor,
            View::MyWork => &mut self.mywork.cursor,
        }
    }

    /// The current view's list cursor.
    pub(super) fn cursor_mut(&mut self) -> &mut usize {
        self.cursor_of(self.view)
    }

    /// How many items the current view's list has.
    pub fn list_len(&self) -> usize {
        let data = &self.data;
        match self.view {
            View::Rings => rings::State::len(data, self.program_index()),
            View::Deliverables => self.deliverables.rows.len(),
            View::Timeline => self.timeline.rows(data).len(),
            View::Handoffs => handoffs::State::len(data, self.focus_ref()),
            View::Metrics => metrics::State::len(data),
            View::Problems => data.plans.diagnostics.len(),
            View::Changes => data.review.as_ref().map_or(0, |r| r.changes.len()),
            View::MyWork => self.mywork.len(),
        }
    }

    /// A view's items by identity, in order.
    pub fn view_keys(&self, view: View) -> Vec<Selected> {
        let data = &self.data;
        match view {
            View::Rings => rings::State::keys(data, self.program_index()),
            View::Deliverables => self.deliverables.keys(data),
            View::Timeline => self.timeline.keys(data),
            View::Handoffs => handoffs::State::keys(data, self.focus_ref()),
            View::Metrics => metrics::State::keys(data),
            View::Problems => problems::State::keys(data),
            View::Changes => changes::State::keys(data),
            View::MyWork => self.mywork.keys(data),
        }
    }

    /// What the current view has selected, by identity.
    pub fn selection(&self) -> Option<Selected> {
        let mut keys = self.view_keys(self.view);
        let cursor = match self.view {
            View::Rings => self.rings.cursor,
            View::Deliverables => self.deliverables.cursor,
            View::Timeline => self.timeline.row,
            View::Handoffs => self.handoffs.cursor,
            View::Metrics => self.metrics.cursor,
            View::Problems => self.problems.cursor,
            View::Changes => self.changes.cursor,
            View::MyWork => self.mywork.cursor,
        };
        (cursor < keys.len()).then(|| keys.swap_remove(cursor))
    }

    /// Whether the board is in review mode (it has a Changes view).
    pub fn reviewing(&self) -> bool {
        self.data.review.is_some()
    }

    /// Pasted text (bracketed paste): typed into the open dialog or the
    /// search, one line (line breaks and tabs become spaces); never keys.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Some(prompt) = self.prompt.as_mut() {
            line.chars().for_each(|c| prompt.type_char(c));
        } else if self.search.editing {
            // One search for the whole paste, not one a character.
            self.type_text(&line);
        } else {
            self.message = Some("paste: nothing to paste into (open an input first)".to_string());
        }
        Vec::new()
    }

    /// A key press: text while a search is typed, else the keymap's
    /// action. `None` when the key means nothing (nothing to redraw).
    pub fn key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if self.prompt.is_some()
            && let Some(done) = self.prompt_key(key)
        {
            return Some(done);
        }
        if self.search.editing {
            match key.code {
                KeyCode::Char(c) if super::keymap::is_text(key) => {
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
        if self.prompt.is_some() {
            // A dialog's error stays in the status line until it is fixed.
            return self.prompt_action(action);
        }
        self.message = None;
        if self.search.editing {
            self.search_key(action);
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
            | (Overlay::Detail | Overlay::Person, Action::Close | Action::Open) => {
                self.overlay = Overlay::None;
                Vec::new()
            }
            // Help is modal: it lists the keys, and scrolls; it does not
            // take the others.
            (Overlay::Help, a) => {
                self.help_scroll = crate::ui::list::step(
                    self.help_scroll,
                    crate::ui::overlays::help::lines(&self.keymap).len(),
                    a,
                    self.page.max(1),
                );
                Vec::new()
            }
            (_, Action::AddDeliverable | Action::Undo | Action::Commit) => self.edit_action(action),
            (Overlay::None, Action::Close) if self.view == View::Deliverables => {
                let cleared = self.deliverables.clear_filters(&self.data);
                self.message = Some(if cleared {
                    "filters cleared: every deliverable".to_string()
                } else {
                    "filter: none to clear".to_string()
                });
                Vec::new()
            }
            (_, Action::Close) => Vec::new(),
            (_, Action::Help) => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
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
            Outcome::Written(w) => self.written(*w),
            Outcome::Refused { why, reload } => self.refused(why, reload),
            Outcome::CommitPreview { files, changes } => self.commit_preview(files, &changes),
            Outcome::Committed {
                id,
                message,
                reload,
            } => self.committed(id, &message, reload),
            Outcome::EditorClosed(result) => self.editor_closed(result),
        }
    }

    /// A deliverable's history arrived: its detail pane shows it.
    pub fn history_loaded(&mut self, item: &ItemKey, lines: Vec<String>) {
        if self.known(item) {
            self.history = Some((item.clone(), lines));
            self.focus = Some(item.clone());
            self.overlay = Overlay::Detail;
            self.message = None;
        } else {
            self.message = Some(format!("history: {item} is no longer in the plans"));
        }
    }

    /// New data loaded: shown, keeping the view and the selection (or
    /// saying what is gone).
    pub fn reloaded(&mut self, data: Snapshot) {
        let notes = self.reload(data);
        self.message = Some(
            std::iter::once("reloaded".to_string())
                .chain(notes)
                .collect::<Vec<_>>()
                .join(" · "),
        );
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
        if topic == Topic::Move && self.list_len() == 0 {
            self.message = Some(format!("move: {} is empty", self.view.name()));
            return Vec::new();
        }
        match a {
            Action::Open => self.open(),
            Action::History => match self.target() {
                Some(key) => {
                    self.focus = Some(key.clone());
                    self.message = Some("loading history…".to_string());
                    return vec![Effect::LoadHistory(key)];
                }
                None => self.message = Some("history: no deliverable selected".to_string()),
            },
            Action::Search => self.start_search(),
            _ if matches!(topic, Topic::Edit | Topic::Editor) => return self.edit_action(a),
            Action::NextMatch | Action::PrevMatch if self.search.query.is_empty() => {
                self.message = Some(self.nothing_to_find());
            }
            Action::NextMatch => self.find(true, true),
            Action::PrevMatch => self.find(false, true),
            Action::NextProgram => self.cycle_program(1),
            Action::PrevProgram => self.cycle_program(-1),
            _ if topic == Topic::Move => {
                let before = *self.cursor_mut();
                self.view_action(a);
                if *self.cursor_mut() == before {
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
            Some(Hit::Tab(v)) if self.prompt.is_none() => {
                self.apply(Action::View(v));
            }
            // Under an overlay the list is hidden: a click there is not for it.
            Some(Hit::Item(i)) if self.overlay == Overlay::None && self.prompt.is_none() => {
                *self.cursor_mut() = i;
                self.message = None;
                self.sync_focus();
            }
            _ => {}
        }
    }

    /// `]` / `[`: in Rings, the next or previous program (the table
    /// follows); in Deliverables, all programs then each in turn.
    fn cycle_program(&mut self, step: isize) {
        if self.view == View::Deliverables {
            if let Some(i) = self.deliverables.cycle_program(&self.data, step)
                && let Some(k) = self.data.programs.iter().position(|&x| x == i)
            {
                self.program = k;
                self.rings = rings::State::default();
            }
            return;
        }
        let n = self.data.programs.len();
        if n == 0 {
            self.message = Some("program: no programs loaded".to_string());
            return;
        }
        self.program = (self.program as isize + step).rem_euclid(n as isize) as usize;
        self.rings = rings::State::default();
        let id = self.program_id();
        self.deliverables.set_program(&self.data, id);
    }

    /// A move, a scroll, a sort or a filter, in the view that takes it.
    fn view_action(&mut self, a: Action) {
        let page = self.page.max(1);
        let program = self.program_index();
        let focus = self.focus_ref();
        let data = &self.data;
        match self.view {
            View::Rings => self.rings.act(a, data, program, page),
            View::Deliverables => self.deliverables.act(a, data, page),
            View::Timeline => self.timeline.act(a, data, page),
            View::Handoffs => self.handoffs.act(a, data, focus, page),
            View::Metrics => self.metrics.act(a, data, page),
            View::Problems => self.problems.act(a, data.plans.diagnostics.len(), page),
            View::Changes => self.changes.act(a, data, page),
            View::MyWork => self.mywork.act(a, page),
        }
    }
}

//! The board's state and how actions change it. Pure: no terminal, no I/O,
//! so key handling is tested as actions in, state and [`Effect`]s out; the
//! results of effects come back through [`App::receive`]. Loaded data lives
//! in [`Snapshot`]; each view keeps its own state ([`View`]), and its
//! [`ViewKind::takes`] says which actions it takes: the others are
//! answered in the status line, never passed to a view that is not on
//! screen. The App keeps what the views share: the data, the program and
//! the focus, the overlays, the search, the dialog and the session.
//!
//! What is selected is kept by identity across reloads (see
//! [`super::selection`] and [`App::reload`]): the focus is an [`ItemKey`],
//! never a position in a load that may be gone.
//!
//! [`ViewKind::takes`]: super::view::ViewKind::takes

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::action::{Action, Topic, ViewId};
use super::effect::{Effect, Outcome};
use super::keymap::Keymap;
use super::layout::{FrameLayout, Hit};
use super::list::step;
use super::prompt::Prompt;
use super::selection::{ItemKey, Selected};
use super::session::Session;
use super::theme::Theme;
use super::view::{ListOf, Reply, Shared, View};
use super::views::{MyWork, Views};
use crate::me::MeInputs;
use crate::model::DeliverableRef;
use crate::review::metric_series::Series;

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

/// Incremental search: `/` edits the query, each letter searches again
/// from where the search began ([`super::search`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub editing: bool,
    pub query: String,
    /// The view's cursor when the search began.
    pub origin: usize,
    /// Whether the query, as typed so far, matches something.
    pub matched: bool,
}

pub struct App {
    pub data: Snapshot,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Each view's state, and which view is shown.
    views: Views,
    /// Position in `data.programs`: the program the board looks at.
    pub(super) program: usize,
    pub overlay: Overlay,
    pub search: Search,
    /// A one-line message (reload done, keymap warning, no match).
    pub message: Option<String>,
    /// An open dialog (a picker, an input, the add form, the commit
    /// dialog): while it is open, every key goes to it.
    pub prompt: Option<Prompt>,
    /// What this session wrote: undo records, files to commit.
    pub session: Session,
    /// `$VISUAL` or `$EDITOR`, for the editor key.
    pub editor: Option<String>,
    /// The first help line shown (the help scrolls when it does not fit).
    pub(super) help_scroll: usize,
    /// The data a reload replaced: the event loop frees it once the new
    /// data is on screen (freeing a large portfolio takes milliseconds).
    pub retired: Option<Box<Snapshot>>,
    /// The history of a deliverable (`L`), shown in its detail pane.
    pub(super) history: Option<(ItemKey, Vec<String>)>,
    /// The deliverable the Hand-offs view and the detail pane are about:
    /// one of the plans, or in review mode one the base had.
    pub focus: Option<ItemKey>,
    /// The person the person pane shows, by id.
    pub(super) person: Option<String>,
    pub quit: bool,
    /// Rows a page holds, from the last layout (for PgUp/PgDn).
    pub(super) page: usize,
}

impl App {
    pub fn new(data: Snapshot, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            views: Views::default(),
            prompt: None,
            session: Session::default(),
            editor: None,
            help_scroll: 0,
            retired: None,
            history: None,
            data,
            keymap,
            theme,
            program: 0,
            overlay: Overlay::None,
            search: Search::default(),
            message: None,
            focus: None,
            person: None,
            quit: false,
            page: 10,
        };
        let (views, s) = app.parts();
        for view in views.iter_mut() {
            view.reloaded(&s);
        }
        app.sync_focus();
        app
    }

    /// What every view reads: the data and the board's choices.
    pub fn shared(&self) -> Shared<'_> {
        Shared {
            data: &self.data,
            theme: &self.theme,
            program: self.program_index(),
            focus: self.focus.as_ref(),
        }
    }

    /// The views, to change one, and what they read, borrowed apart.
    pub(super) fn parts(&mut self) -> (&mut Views, Shared<'_>) {
        let shared = Shared {
            data: &self.data,
            theme: &self.theme,
            program: self.data.programs.get(self.program).copied(),
            focus: self.focus.as_ref(),
        };
        (&mut self.views, shared)
    }

    pub fn views(&self) -> &Views {
        &self.views
    }

    /// The view shown.
    pub fn view(&self) -> ViewId {
        self.views.shown().kind().id
    }

    /// A view's state by its type: `app.view_of::<Deliverables>()`.
    pub fn view_of<V: View>(&self) -> Option<&V> {
        self.views.of()
    }

    pub fn view_of_mut<V: View>(&mut self) -> Option<&mut V> {
        self.views.of_mut()
    }

    /// Who is using the board (`--me`): My work is theirs, and the add
    /// form proposes them as owner.
    pub fn set_me(&mut self, inputs: MeInputs) {
        let (views, s) = self.parts();
        if let Some(mywork) = views.of_mut::<MyWork>() {
            mywork.set_inputs(inputs, s.data);
        }
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
        self.shared().focus_ref()
    }

    /// Whether the board can show a deliverable: the plans have it, or the
    /// review's base had it.
    pub fn known(&self, key: &ItemKey) -> bool {
        self.data.knows(key)
    }

    /// The focus follows the selection of the view that sets it; the
    /// lists of the focus (Hand-offs) start again at the top when it moves.
    pub(super) fn sync_focus(&mut self) {
        let before = self.focus.clone();
        if self.views.shown().sets_focus()
            && let Some(key) = self.target()
        {
            self.focus = Some(key);
        }
        if self.focus != before {
            self.restart_lists_of(ListOf::Focus);
        }
    }

    /// The views whose list is of `what` start again at the top.
    pub(super) fn restart_lists_of(&mut self, what: ListOf) {
        for view in self.views.iter_mut() {
            if view.list_of() == what {
                view.set_cursor(0);
            }
        }
    }

    /// The deliverable the current view points at (see [`View::target`]).
    pub fn target(&self) -> Option<ItemKey> {
        self.views.shown().target(&self.shared())
    }

    /// The current view's cursor.
    pub fn cursor(&self) -> usize {
        self.views.shown().cursor()
    }

    /// Selects the current view's item at `at`.
    pub(super) fn set_cursor(&mut self, at: usize) {
        self.views.shown_mut().set_cursor(at);
    }

    /// How many items the current view's list has.
    pub fn list_len(&self) -> usize {
        self.views.shown().len(&self.shared())
    }

    /// A view's items by identity, in order.
    pub fn view_keys(&self, view: ViewId) -> Vec<Selected> {
        let s = self.shared();
        self.views.get(view).map_or_else(Vec::new, |v| v.keys(&s))
    }

    /// What the current view has selected, by identity.
    pub fn selection(&self) -> Option<Selected> {
        let view = self.views.shown();
        view.key_at(&self.shared(), view.cursor())
    }

    /// Whether the board is in review mode (it has a Changes view).
    pub fn reviewing(&self) -> bool {
        self.data.review.is_some()
    }

    /// Where everything goes on a screen of `area` (inside the buffer):
    /// worked out before drawing, kept for the clicks that follow.
    pub fn layout(&self, area: Rect) -> FrameLayout {
        let s = self.shared();
        FrameLayout::new(area, &self.tab_labels(), |body| {
            self.views.shown().list(&s, body)
        })
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
                self.help_scroll = step(
                    self.help_scroll,
                    super::overlays::help::lines(&self.keymap).len(),
                    a,
                    self.page.max(1),
                );
                Vec::new()
            }
            (_, Action::AddDeliverable | Action::Undo | Action::Commit) => self.edit_action(action),
            // Esc with nothing over the view: the view's, if it has a use
            // for it (the table clears its filters).
            (Overlay::None, Action::Close) => {
                self.view_act(action);
                Vec::new()
            }
            (_, Action::Help) => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
                Vec::new()
            }
            (_, Action::NextView) => {
                self.cycle_view(true);
                Vec::new()
            }
            (_, Action::PrevView) => {
                self.cycle_view(false);
                Vec::new()
            }
            (_, Action::View(v)) => {
                if self.has_tab(v) {
                    self.views.show(v);
                } else {
                    self.message = self.not_shown(v);
                }
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
        self.view() == ViewId::METRICS
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
        let kind = self.views.shown().kind();
        if !kind.takes.contains(&topic) {
            self.message = Some(self.refusal(topic));
            return Vec::new();
        }
        if topic == Topic::Move && self.list_len() == 0 {
            self.message = Some(format!("move: {} is empty", kind.name));
            return Vec::new();
        }
        match a {
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
            _ => self.view_act(a),
        }
        Vec::new()
    }

    /// An action the view shown may take as its own (a sort, a scroll,
    /// Enter, Esc); what it passes the board does as in every view.
    fn view_act(&mut self, a: Action) {
        let before = self.cursor();
        let (views, s) = self.parts();
        match views.shown_mut().act(a, &s) {
            Reply::Pass => self.by_default(a),
            reply => self.answer(reply),
        }
        if Topic::of(a) == Some(Topic::Move) && self.cursor() == before {
            let up = matches!(a, Action::Up | Action::PageUp | Action::Top);
            let end = if up { "top" } else { "bottom" };
            self.message = Some(format!("move: already at the {end}"));
        }
    }

    /// What an action does in a view that has no use of its own for it.
    fn by_default(&mut self, a: Action) {
        match a {
            Action::Open => self.open_target(),
            Action::NextProgram => self.cycle_program(1),
            Action::PrevProgram => self.cycle_program(-1),
            a if Topic::of(a) == Some(Topic::Move) => {
                let page = self.page.max(1);
                let (views, s) = self.parts();
                let view = views.shown_mut();
                let to = step(view.cursor(), view.len(&s), a, page);
                view.set_cursor(to);
            }
            _ => {}
        }
    }

    /// What a view asked of the board.
    fn answer(&mut self, reply: Reply) {
        match reply {
            Reply::Pass | Reply::Done => {}
            Reply::Say(words) => self.message = Some(words),
            Reply::Person(id) => {
                self.person = Some(id);
                self.overlay = Overlay::Person;
            }
            Reply::Centre(key) => {
                let name = self.views.shown().kind().name;
                self.message = Some(format!("{name}: centred on {key}"));
                self.focus = Some(key);
            }
            Reply::Program(i) => {
                if let Some(k) = self.data.programs.iter().position(|&x| x == i) {
                    self.choose_program(k);
                }
            }
            Reply::Show { view, of, said } => {
                // A program's work: the board looks at that program too.
                let program = match &of {
                    Selected::Program(id) => self.data.plans.portfolio.program_index(id),
                    _ => None,
                };
                if let Some(k) =
                    program.and_then(|i| self.data.programs.iter().position(|&x| x == i))
                {
                    self.choose_program(k);
                }
                let (views, s) = self.parts();
                if let Some(target) = views.get_mut(view) {
                    target.show_work_of(&of, &s);
                }
                views.show(view);
                self.message = Some(said);
            }
        }
    }

    /// Enter: the detail pane of the deliverable the view points at.
    fn open_target(&mut self) {
        match self.target() {
            Some(key) => {
                self.focus = Some(key);
                self.overlay = Overlay::Detail;
            }
            None => self.message = Some("details: no deliverable selected".to_string()),
        }
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
                self.set_cursor(i);
                self.message = None;
                self.sync_focus();
            }
            _ => {}
        }
    }

    /// The next (or previous) view with a tab, wrapping.
    fn cycle_view(&mut self, forward: bool) {
        let tabs: Vec<ViewId> = self.tabs().collect();
        let n = tabs.len();
        let Some(at) = tabs.iter().position(|&v| v == self.view()) else {
            return;
        };
        self.views.show(
            tabs[if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }],
        );
    }

    /// `]` / `[` where the view has no programs of its own: the board's
    /// next or previous program (Rings' cards and the table follow).
    fn cycle_program(&mut self, step: isize) {
        let n = self.data.programs.len();
        if n == 0 {
            self.message = Some("program: no programs loaded".to_string());
            return;
        }
        let k = (self.program as isize + step).rem_euclid(n as isize) as usize;
        self.choose_program(k);
    }

    /// The board looks at program `k` (a position in `data.programs`),
    /// chosen in the view shown: the lists of the program start again at
    /// the top, and the other views that follow the program show it.
    fn choose_program(&mut self, k: usize) {
        self.program = k;
        self.restart_lists_of(ListOf::Program);
        let chosen_in = self.view();
        let (views, s) = self.parts();
        for view in views.iter_mut() {
            if view.kind().id != chosen_in {
                view.program_chosen(&s);
            }
        }
    }
}

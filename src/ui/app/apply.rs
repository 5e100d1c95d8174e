//! How the board takes keys, clicks and actions: the state changes, and
//! what must be done outside comes back as [`Effect`]s. The board's own
//! actions (views, overlays, help, quit) are taken here; a view's are
//! passed to it ([`View::act`]), and what it passes back is done as in
//! every view.
//!
//! [`View::act`]: crate::ui::view::View::act

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::{App, Overlay};
use crate::ui::action::{Action, Topic, ViewId};
use crate::ui::effect::Effect;
use crate::ui::keymap::is_text;
use crate::ui::layout::{FrameLayout, Hit};
use crate::ui::list::step;
use crate::ui::overlays::help;
use crate::ui::selection::{MetricKey, Selected};
use crate::ui::view::{ListOf, Reply};

impl App {
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
                KeyCode::Char(c) if is_text(key) => {
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
            | (Overlay::Detail | Overlay::Person | Overlay::Metric, Action::Close | Action::Open) =>
            {
                self.overlay = Overlay::None;
                Vec::new()
            }
            // Help is modal: it lists the keys, and scrolls; it does not
            // take the others.
            (Overlay::Help, a) => {
                self.help_scroll = step(
                    self.help_scroll,
                    help::lines(&self.keymap).len(),
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
            Action::Open if self.view() == ViewId::METRICS => return self.open_metric(),
            Action::Search => self.start_search(),
            _ if matches!(topic, Topic::Edit | Topic::Editor) => return self.edit_action(a),
            Action::SetActual => return self.start_actual(),
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
            Reply::Program(id) => self.look_at_program(&id),
            Reply::Show { view, of, said } => {
                // A program's work: the board looks at that program too.
                if let Selected::Program(id) = &of {
                    self.look_at_program(id);
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

    /// Enter on a metric: its history from git, in the metric pane (an
    /// effect reads it; the pane opens when it comes back).
    fn open_metric(&mut self) -> Vec<Effect> {
        match self.selection() {
            Some(Selected::Metric { program, id }) => {
                self.message = Some("loading history…".to_string());
                vec![Effect::LoadMetricHistory(MetricKey { program, id })]
            }
            _ => {
                self.message =
                    Some("details: select a metric (Enter shows its history)".to_string());
                Vec::new()
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

    /// The board looks at the program `id`, when the plans have it.
    fn look_at_program(&mut self, id: &str) {
        let data = &self.data;
        let at = data.plans.portfolio.program_index(id);
        if let Some(k) = at.and_then(|i| data.programs.iter().position(|&x| x == i)) {
            self.choose_program(k);
        }
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

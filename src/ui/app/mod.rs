//! The board's state and how actions change it. Pure: no terminal, no I/O,
//! so key handling is tested as actions in, state and [`Effect`]s out; the
//! results of effects come back through [`App::receive`]. Loaded data lives
//! in [`Snapshot`]; each view keeps its own state ([`View`]), and its
//! [`ViewKind::takes`] says which actions it takes: the others are
//! answered in the status line, never passed to a view that is not on
//! screen. The App keeps what the views share: the data, the program and
//! the focus, the overlays, the search, the dialog and the write log.
//!
//! What is selected is kept by identity across reloads (see
//! [`crate::ui::selection`] and [`App::reload`]): the focus is an [`ItemKey`],
//! never a position in a load that may be gone.
//!
//! [`Effect`]: super::effect::Effect
//! [`ViewKind::takes`]: super::view::ViewKind::takes

use std::collections::BTreeMap;

use ratatui::layout::Rect;

mod apply;
mod edit;
mod labels;
mod metric;
mod outcomes;
mod pickers;
mod reload;
mod search;
mod status;

use super::action::ViewId;
use super::effect::Outcome;
use super::keymap::Keymap;
use super::layout::FrameLayout;
use super::prompt::Prompt;
use super::selection::{ItemKey, MetricKey, Selected};
use super::theme::Theme;
use super::view::{ListOf, Shared, View};
use super::views::{MyWork, Views};
use super::write_log::WriteLog;
use crate::me::MeInputs;
use crate::model::DeliverableRef;
use crate::review::metric_series::Series;

pub use super::snapshot::Snapshot;

/// What overlays the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overlay {
    #[default]
    None,
    /// The focused deliverable's details.
    Detail,
    /// A person's details (the person pane's person).
    Person,
    /// A metric's values and its history from git (Enter in Metrics).
    Metric,
    Help,
}

/// Incremental search: `/` edits the query, each letter searches again
/// from where the search began (`app/search.rs`).
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
    program: usize,
    pub overlay: Overlay,
    pub search: Search,
    /// A message in the status line (reload done, keymap warning, no
    /// match, what a write did).
    pub message: Option<String>,
    /// A message and the same message without the titles it names, which
    /// the status line shows when the first does not fit (see
    /// `app/status.rs`); used while `message` is that message.
    pub terse: Option<(String, String)>,
    /// An open dialog (a picker, an input, the add form, the commit
    /// dialog): while it is open, every key goes to it.
    pub prompt: Option<Prompt>,
    /// What this session wrote: undo records, files to commit.
    pub write_log: WriteLog,
    /// `$VISUAL` or `$EDITOR`, for the editor key.
    pub editor: Option<String>,
    /// The first help line shown (the help scrolls when it does not fit).
    pub(super) help_scroll: usize,
    /// The data a reload replaced: the event loop frees it once the new
    /// data is on screen (freeing a large portfolio takes milliseconds).
    pub retired: Option<Box<Snapshot>>,
    /// The history of a deliverable (`L`), shown in its detail pane.
    pub(super) history: Option<(ItemKey, Vec<String>)>,
    /// The metric the metric pane shows, and its history from git.
    pub metric_history: Option<(MetricKey, Vec<String>)>,
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
            write_log: WriteLog::default(),
            editor: None,
            help_scroll: 0,
            retired: None,
            history: None,
            metric_history: None,
            data,
            keymap,
            theme,
            program: 0,
            overlay: Overlay::None,
            search: Search::default(),
            message: None,
            terse: None,
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
        shared(&self.data, &self.theme, self.program, &self.focus)
    }

    /// The views, to change one, and what they read, borrowed apart.
    fn parts(&mut self) -> (&mut Views, Shared<'_>) {
        let shared = shared(&self.data, &self.theme, self.program, &self.focus);
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
        self.shared().program
    }

    fn program_id(&self) -> Option<String> {
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
    fn sync_focus(&mut self) {
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
    fn restart_lists_of(&mut self, what: ListOf) {
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
    fn set_cursor(&mut self, at: usize) {
        self.views.shown_mut().set_cursor(at);
    }

    /// How many items the current view's list has.
    pub fn list_len(&self) -> usize {
        self.views.shown().len(&self.shared())
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
        let rows = self
            .status_lines(area.width, super::layout::max_status_rows(area.height))
            .lines
            .len() as u16;
        FrameLayout::new(area, (&self.tab_labels(), &self.hints()), rows, |body| {
            self.views.shown().list(&s, body)
        })
    }

    /// What an effect gave back.
    pub fn receive(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::History { item, lines } => self.history_loaded(&item, lines),
            Outcome::MetricHistory { metric, lines } => self.metric_history_loaded(metric, lines),
            Outcome::Reloaded(data) => self.reloaded(*data),
            Outcome::ReloadFailed(error) => self.reload_failed(&error),
            Outcome::Written(w) => self.written(*w),
            Outcome::Refused { why, reload } => self.refused(why, reload),
            Outcome::CommitPreview {
                files,
                changes,
                beyond,
            } => self.commit_preview(files, &changes, &beyond),
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

    /// A metric's history arrived: the metric pane shows it.
    pub fn metric_history_loaded(&mut self, metric: MetricKey, lines: Vec<String>) {
        if self.metric_known(&metric) {
            self.metric_history = Some((metric, lines));
            self.overlay = Overlay::Metric;
            self.message = None;
        } else {
            self.message = Some(format!("history: {metric} is no longer in the plans"));
        }
    }

    /// Whether the plans shown have this metric.
    pub fn metric_known(&self, key: &MetricKey) -> bool {
        self.metric(key).is_some()
    }

    /// The metric of the plans shown, and its program.
    pub fn metric(
        &self,
        key: &MetricKey,
    ) -> Option<(&crate::model::Program, &crate::model::Metric)> {
        let prog = self.data.plans.portfolio.program(&key.program)?;
        Some((prog, prog.metrics.iter().find(|m| m.id == key.id)?))
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
}

/// What the views read of the App's fields (`program`: a position in
/// `data.programs`), apart from the App as a whole.
fn shared<'a>(
    data: &'a Snapshot,
    theme: &'a Theme,
    program: usize,
    focus: &'a Option<ItemKey>,
) -> Shared<'a> {
    Shared {
        data,
        theme,
        program: data.programs.get(program).copied(),
        focus: focus.as_ref(),
    }
}

//! What every view of the board is: a [`View`] owns its state (cursor,
//! scroll, mode), lists its items by identity, takes the actions of its
//! topics, draws itself without changing anything, and rebuilds itself
//! when new data comes in. The board ([`App`](super::app::App)) keeps
//! what the views share ([`Shared`]) and asks the view shown for the rest.
//!
//! A view is one file in [`super::views`]: a state struct, its
//! [`ViewKind`] (name, help line, the topics it takes), and `impl View`;
//! then one line in [`super::views::ALL`] and its key in
//! `assets/keymap.toml` (`view_` and its id). What only one view does
//! stays in its file: its modes are its state, the keys of its topics
//! come to its [`View::act`], and what it needs of the board it asks in
//! its [`Reply`].

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::{Action, Topic, ViewId};
use super::list::ListLayout;
use super::selection::{ItemKey, Selected};
use super::snapshot::Snapshot;
use super::theme::Theme;
use crate::model::DeliverableRef;

/// What the board knows of a view without its state: for the keymap, the
/// tabs, and the status line's "sort: only in Deliverables (2)".
pub struct ViewKind {
    /// Its id; `view_` and the id name its key in the keymap.
    pub id: ViewId,
    /// The tab's name: "Hand-offs".
    pub name: &'static str,
    /// Its line in the help: "Hand-offs view".
    pub help: &'static str,
    /// The topics of the actions it takes; the others are answered in the
    /// status line, never passed to it.
    pub takes: &'static [Topic],
    /// Shown only in review mode (Changes).
    pub review_only: bool,
    /// The view as it starts, before any data ([`View::reloaded`] fills it).
    pub make: fn() -> Box<dyn View>,
}

/// What all views read besides their own state: the data and what the
/// board has chosen for all of them.
#[derive(Clone, Copy)]
pub struct Shared<'a> {
    pub data: &'a Snapshot,
    pub theme: &'a Theme,
    /// The program the board looks at (an index into the plans' programs).
    pub program: Option<usize>,
    /// The deliverable the board is about: one of the plans, or in review
    /// mode one the base had.
    pub focus: Option<&'a ItemKey>,
}

impl Shared<'_> {
    /// The focus in the loaded plans; `None` without a focus, or when it is
    /// a deliverable only the review's base has.
    pub fn focus_ref(&self) -> Option<DeliverableRef> {
        self.focus?.resolve(&self.data.plans.portfolio)
    }
}

/// What a view's list is of, besides the plans and its own state: when
/// that changes its cursor starts again at the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOf {
    Plans,
    /// The program the board looks at (Rings).
    Program,
    /// The focus (Hand-offs: its chain).
    Focus,
}

/// What a view asks of the board after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Not the view's own: the board does what it does in every view
    /// (moves the cursor, opens the details of the selection, …).
    Pass,
    /// Taken: the view changed itself (or had nothing to change).
    Done,
    /// Taken, and the status line says this.
    Say(String),
    /// A person's details (Enter on a card without work).
    Person(String),
    /// The board's focus moves to this deliverable (Hand-offs re-centred).
    Centre(ItemKey),
    /// The board looks at this program now, by id (the table cycled to it).
    Program(String),
    /// Another view shows what belongs to an item, and the status line
    /// says `said` (Enter on a Timeline row: its open work in the table).
    Show {
        view: ViewId,
        of: Selected,
        said: String,
    },
}

/// One view of the board; see the module's comment.
pub trait View: Any + CloneView {
    fn kind(&self) -> &'static ViewKind;

    /// The selected item: an index into [`View::keys`].
    fn cursor(&self) -> usize;
    fn set_cursor(&mut self, at: usize);

    /// How many items the cursor moves over.
    fn len(&self, s: &Shared) -> usize;

    /// The items by identity, in order (what a reload finds again).
    fn keys(&self, s: &Shared) -> Vec<Selected>;

    /// The item at `at` by identity; worth its own version where making
    /// every key is costly.
    fn key_at(&self, s: &Shared, at: usize) -> Option<Selected> {
        self.keys(s).into_iter().nth(at)
    }

    /// The deliverable the view points at, which Enter, the history and the
    /// edit keys act on: by default the selection, when it is one.
    fn target(&self, s: &Shared) -> Option<ItemKey> {
        match self.key_at(s, self.cursor())? {
            Selected::Deliverable(key) => Some(key),
            _ => None,
        }
    }

    /// Whether the board's focus follows this view's selection.
    fn sets_focus(&self) -> bool {
        false
    }

    fn list_of(&self) -> ListOf {
        ListOf::Plans
    }

    /// An action of one of the topics the view takes, or Esc: the view's
    /// own (a sort, a scroll, a mode) or [`Reply::Pass`].
    fn act(&mut self, _a: Action, _s: &Shared) -> Reply {
        Reply::Pass
    }

    /// Moves to the next (or previous) item matching `q`, in lower case;
    /// `skip` moves past the current one. False when nothing matches.
    fn find(&mut self, _s: &Shared, _q: &str, _forward: bool, _skip: bool) -> bool {
        false
    }

    /// Shows only the open work of a person or a program (what
    /// [`Reply::Show`] asks for), from its first item.
    fn show_work_of(&mut self, _of: &Selected, _s: &Shared) {}

    /// The user chose the board's program in another view.
    fn program_chosen(&mut self, _s: &Shared) {}

    /// New data is in: the view rebuilds what it keeps of the data (the
    /// board then finds its selection again by identity). What it says is
    /// shown when the view is.
    fn reloaded(&mut self, _s: &Shared) -> Option<String> {
        None
    }

    /// Where its list's rows are in `body`, for a view that shows a list
    /// (worked out before drawing; clicks and pages use it too).
    fn list(&self, _s: &Shared, _body: Rect) -> Option<ListLayout> {
        None
    }

    /// Draws the view in `area` (inside the buffer); reads only. A view
    /// with a list draws it in [`View::draw_list`], when it has room.
    fn draw(&self, s: &Shared, area: Rect, list: Option<&ListLayout>, buf: &mut Buffer) {
        if let Some(list) = list {
            self.draw_list(s, area, list, buf);
        }
    }

    fn draw_list(&self, _s: &Shared, _area: Rect, _list: &ListLayout, _buf: &mut Buffer) {}
}

/// A copy of a view's state, kept across a reload to find its selection
/// again in the new data.
pub trait CloneView {
    fn clone_view(&self) -> Box<dyn View>;
}

impl<V: View + Clone> CloneView for V {
    fn clone_view(&self) -> Box<dyn View> {
        Box::new(self.clone())
    }
}

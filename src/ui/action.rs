//! What a key can do on the board ([`Action`]), what each action is about
//! ([`Topic`], so that a view can say which it takes), and the views an
//! action can show ([`ViewId`]). Which key does what is the keymap's
//! business ([`super::keymap`]).

/// Everything a key can do on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Down,
    Up,
    Left,
    Right,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextView,
    PrevView,
    View(ViewId),
    Open,
    Close,
    Help,
    Search,
    NextMatch,
    PrevMatch,
    Filter,
    FilterRing,
    FilterOwner,
    Sort,
    NextProgram,
    PrevProgram,
    Group,
    Reload,
    History,
    /// Writing plans: the selected deliverable's status, due date, note,
    /// owner, what it waits for; a new deliverable; the file in an editor;
    /// undo; commit.
    SetStatus,
    SetDue,
    DueLater,
    DueEarlier,
    EditNote,
    SetOwner,
    /// What the selected deliverable waits for (its `needs`).
    SetNeeds,
    /// The selected metric's actual (Metrics).
    SetActual,
    AddDeliverable,
    OpenEditor,
    Undo,
    Commit,
}

/// A view, by the word its key is named by in the keymap (`view_` and the
/// id: `view_rings`). Each view declares its own in its file
/// (`ViewId::RINGS` in `views/rings.rs`); [`super::views::ALL`] lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ViewId(&'static str);

impl ViewId {
    pub const fn new(word: &'static str) -> ViewId {
        ViewId(word)
    }

    /// The view's action in the keymap: `view_rings`.
    pub fn keymap_name(self) -> String {
        format!("view_{}", self.0)
    }
}

/// What an action is about, for telling which views take it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Move,
    Scroll,
    Group,
    Search,
    Sort,
    Filter,
    Program,
    Details,
    History,
    /// A write to the selected deliverable (status, due, note, owner,
    /// needs).
    Edit,
    /// The selection's file in an editor.
    Editor,
    /// A write to the selected metric (its actual).
    Metric,
}

impl Topic {
    /// Of an action; `None` for those every view takes (views, help, quit).
    pub fn of(a: Action) -> Option<Topic> {
        Some(match a {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => Topic::Move,
            Action::Left | Action::Right => Topic::Scroll,
            Action::Group => Topic::Group,
            Action::Search | Action::NextMatch | Action::PrevMatch => Topic::Search,
            Action::Sort => Topic::Sort,
            Action::Filter | Action::FilterRing | Action::FilterOwner => Topic::Filter,
            Action::NextProgram | Action::PrevProgram => Topic::Program,
            Action::Open => Topic::Details,
            Action::History => Topic::History,
            Action::SetStatus
            | Action::SetDue
            | Action::DueLater
            | Action::DueEarlier
            | Action::EditNote
            | Action::SetOwner
            | Action::SetNeeds => Topic::Edit,
            Action::OpenEditor => Topic::Editor,
            Action::SetActual => Topic::Metric,
            Action::AddDeliverable
            | Action::Undo
            | Action::Commit
            | Action::Quit
            | Action::Close
            | Action::Help
            | Action::NextView
            | Action::PrevView
            | Action::View(_)
            | Action::Reload => return None,
        })
    }

    /// The word the status line uses: "sort: only in Deliverables (2)".
    pub fn label(self) -> &'static str {
        match self {
            Topic::Move => "move",
            Topic::Scroll => "scroll",
            Topic::Group => "group",
            Topic::Search => "search",
            Topic::Sort => "sort",
            Topic::Filter => "filter",
            Topic::Program => "program",
            Topic::Details => "details",
            Topic::History => "history",
            Topic::Edit => "edit",
            Topic::Editor => "editor",
            Topic::Metric => "actual",
        }
    }
}

//! What a key can do on the board ([`Action`]), what each action is about
//! ([`Topic`], so that a view can say which it takes), and the views an
//! action can show ([`View`]). Which key does what is the keymap's
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
    View(View),
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
    /// owner; a new deliverable; the file in an editor; undo; commit.
    SetStatus,
    SetDue,
    DueLater,
    DueEarlier,
    EditNote,
    SetOwner,
    AddDeliverable,
    OpenEditor,
    Undo,
    Commit,
}

/// The board's views, in tab order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Rings,
    Deliverables,
    Timeline,
    Handoffs,
    Metrics,
    Problems,
    /// Review mode only.
    Changes,
    /// The person using ringboard (`--me`): their open work, what it waits
    /// on, who waits on it.
    MyWork,
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
    /// A write to the selected deliverable (status, due, note, owner).
    Edit,
    /// The selection's file in an editor.
    Editor,
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
            | Action::SetOwner => Topic::Edit,
            Action::OpenEditor => Topic::Editor,
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
        }
    }
}

impl View {
    pub const ALL: [View; 8] = [
        View::Rings,
        View::Deliverables,
        View::Timeline,
        View::Handoffs,
        View::Metrics,
        View::Problems,
        View::Changes,
        View::MyWork,
    ];

    pub fn name(self) -> &'static str {
        match self {
            View::Rings => "Rings",
            View::Deliverables => "Deliverables",
            View::Timeline => "Timeline",
            View::Handoffs => "Hand-offs",
            View::Metrics => "Metrics",
            View::Problems => "Problems",
            View::Changes => "Changes",
            View::MyWork => "My work",
        }
    }

    /// What the view does: the topics of the actions it takes. The others
    /// are answered in the status line, never passed to a hidden view.
    pub fn takes(self) -> &'static [Topic] {
        use Topic::*;
        match self {
            View::Rings => &[Move, Search, Program, Details, History, Edit, Editor],
            View::Deliverables => &[
                Move, Search, Sort, Filter, Program, Details, History, Edit, Editor,
            ],
            View::Timeline => &[Move, Scroll, Group, Details],
            // The focus is chosen in Rings, Deliverables or Changes, and
            // moved along its chain here.
            View::Handoffs => &[Move, Details, History, Edit, Editor],
            View::Metrics => &[Move, Search],
            View::Problems => &[Move, Search, Editor],
            View::Changes => &[Move, Search, Details, History, Edit, Editor],
            View::MyWork => &[Move, Details, History, Edit, Editor],
        }
    }

    /// Whether the view has a tab: Changes only in review mode.
    pub fn shown(self, review: bool) -> bool {
        self != View::Changes || review
    }

    /// The next (or previous) shown view, wrapping.
    pub fn cycle(self, forward: bool, review: bool) -> View {
        let shown: Vec<View> = View::ALL.into_iter().filter(|v| v.shown(review)).collect();
        let n = shown.len();
        let at = shown.iter().position(|&v| v == self).unwrap_or(0);
        shown[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }
}

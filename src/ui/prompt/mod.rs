//! The board's small dialogs over the view: a picker (status, owner, and
//! what an item waits for, which marks several), a one-line input (due
//! date, note, a metric's actual), the add form, and the commit dialog.
//! Each has its own small state. While one is open every key goes to it:
//! typed characters are text (`q` is a letter, not quit), the editing
//! keys edit, and the keymap's actions confirm (`open`, Enter), cancel
//! (`close`, Esc), move in a list (`down`, `up`) or between fields
//! (`next_view`, Tab). Nothing here writes: the App turns a confirmed
//! dialog into an effect.

pub(super) mod actual;
pub(super) mod form;
pub(super) mod input;
pub(super) mod picker;

use jiff::civil::Date;

use super::action::Action;
use super::selection::ItemKey;
use crate::write::WrittenFile;
use actual::ActualInput;
use form::AddForm;
use input::{EditKey, LineInput};
use picker::Picker;

/// An open dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: Kind,
    /// The deliverable it writes to (none for add and commit).
    pub target: Option<ItemKey>,
    /// Why the last confirm did not go through (a bad date), shown in it.
    pub error: Option<String>,
    /// The value it edits as the plans had it when it opened (or when the
    /// user last saw it): a reload while it is open may change it, and a
    /// confirm never writes over a change it did not show.
    pub seen: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Status(Picker),
    Owner(Picker),
    /// What the deliverable waits for (its `needs`): a multi-select
    /// picker of the portfolio's deliverables; space marks.
    Needs(Picker),
    /// The due date: a date, `+N` or `-N` days from `current`.
    Due {
        input: LineInput,
        current: Date,
    },
    Note(LineInput),
    /// A metric's actual: a number, `+N` or `-N`.
    Actual(ActualInput),
    Add(AddForm),
    Commit(CommitDialog),
}

/// What will be committed, and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitDialog {
    pub files: Vec<WrittenFile>,
    /// The changes in `diff`'s words, the summary first (a commit of
    /// several takes them as its body).
    pub lines: Vec<String>,
    /// What they do beyond themselves: the Impact lines under their
    /// heading, and the problems they add, as `check` words them.
    pub beyond: Vec<String>,
    pub message: LineInput,
    /// The first change line shown.
    pub scroll: usize,
}

/// What a key did to a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Still open.
    Open,
    /// Confirmed: the App acts on it.
    Confirm,
    /// Closed without doing anything.
    Cancel,
}

impl Prompt {
    pub fn new(kind: Kind, target: Option<ItemKey>) -> Prompt {
        Prompt {
            kind,
            target,
            error: None,
            seen: None,
        }
    }

    /// The dialog's title: what it does.
    pub fn title(&self) -> String {
        let of = self
            .target
            .as_ref()
            .map_or(String::new(), |k| format!(" of {k}"));
        match &self.kind {
            Kind::Status(_) => format!("Status{of}"),
            Kind::Owner(_) => format!("Owner{of}"),
            Kind::Needs(_) => match &self.target {
                Some(k) => format!("What {k} waits for"),
                None => "Waits for".to_string(),
            },
            Kind::Due { .. } => format!("Due date{of}"),
            Kind::Note(_) => format!("Note{of}"),
            Kind::Actual(a) => format!("Actual of {}", a.metric),
            Kind::Add(f) => format!("Add a deliverable to {}", f.program),
            Kind::Commit(_) => "Commit".to_string(),
        }
    }

    /// The input that takes what is typed.
    fn input(&mut self) -> &mut LineInput {
        match &mut self.kind {
            Kind::Status(p) | Kind::Owner(p) | Kind::Needs(p) => &mut p.query,
            Kind::Due { input, .. } | Kind::Note(input) => input,
            Kind::Actual(a) => &mut a.input,
            Kind::Add(f) => f.focused(),
            Kind::Commit(c) => &mut c.message,
        }
    }

    /// A typed character; in the waits-for picker a space marks the
    /// choice selected (or unmarks it).
    pub fn type_char(&mut self, c: char) {
        if let (Kind::Needs(p), ' ') = (&mut self.kind, c) {
            p.toggle();
            self.error = None;
            return;
        }
        self.input().insert(c);
        self.typed();
    }

    /// An editing key (backspace, delete, arrows, home, end).
    pub fn edit(&mut self, key: EditKey) {
        self.input().edit(key);
        if matches!(key, EditKey::Backspace | EditKey::Delete) {
            self.typed();
        }
    }

    /// The text changed: a picker narrows, an old error goes.
    fn typed(&mut self) {
        self.error = None;
        match &mut self.kind {
            Kind::Status(p) | Kind::Owner(p) | Kind::Needs(p) => p.refilter(),
            Kind::Add(f) => f.typed(),
            _ => {}
        }
    }

    /// An action of the keymap, while the dialog is open.
    /// A picker: a list to move in, its query a few letters.
    pub fn is_list(&self) -> bool {
        matches!(self.kind, Kind::Status(_) | Kind::Owner(_) | Kind::Needs(_))
    }

    pub fn act(&mut self, a: Action, page: usize) -> Reply {
        match a {
            Action::Open => return Reply::Confirm,
            Action::Close => return Reply::Cancel,
            _ => {}
        }
        match &mut self.kind {
            Kind::Status(p) | Kind::Owner(p) | Kind::Needs(p) => p.act(a, page),
            Kind::Add(f) => f.act(a, page),
            Kind::Commit(c) => {
                let n = c.lines.len() + c.beyond.len();
                c.scroll = crate::ui::list::step(c.scroll, n, a, page);
            }
            Kind::Due { .. } | Kind::Note(_) | Kind::Actual(_) => {}
        }
        Reply::Open
    }
}

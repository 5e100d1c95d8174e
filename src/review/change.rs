//! A change as the comparison finds it: which item (kind, program, id) and
//! what happened to it, with the old and new values as the plans hold them.
//! Typed all the way: [`super::json`] turns it into the JSON change objects
//! of docs/cli.md when printed, and [`super::words`] into sentences.

use jiff::civil::Date;
use serde::Serialize;

use crate::derive::{Marks, days_between};
use crate::model::{Number, Ring};

/// The `kind` of a change, as in docs/cli.md; `program-renamed` is an extension
/// of ours (docs/cli.md allows extra keys, not kinds: see the README, "Behaviour
/// where the spec is silent").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    PersonAdded,
    PersonRemoved,
    PersonChanged,
    ProgramAdded,
    ProgramRemoved,
    ProgramChanged,
    /// A program file's stem changed while its deliverables stayed.
    ProgramRenamed,
    TeamJoined,
    TeamLeft,
    MilestoneAdded,
    MilestoneRemoved,
    MilestoneChanged,
    MetricAdded,
    MetricRemoved,
    MetricChanged,
    DeliverableAdded,
    DeliverableRemoved,
    DeliverableChanged,
}

// Where the comparison's users have always found them: a change's field
// is a key of the format, and its values are the plans' own.
pub use crate::format::Field;
pub use crate::value::Value;

/// What an added item brings, for its sentence (`added (due …, owner …)`).
#[derive(Clone, Debug, PartialEq)]
pub enum Facts {
    Person {
        name: String,
    },
    Program {
        deliverables: usize,
        /// How many of them are late, blocked, at risk...
        marks: MarkCounts,
    },
    Milestone {
        date: Date,
    },
    Metric {
        target: Number,
    },
    Deliverable {
        due: Date,
        owner: String,
        /// Whether it is late, blocked, at risk... (each 0 or 1).
        marks: MarkCounts,
    },
}

/// How many deliverables an added item brings are late, blocked, at risk,
/// waiting or due soon. Derived state needs a today: `diff` fills these in
/// ([`super::marks`]); the comparison alone (and `log`) leaves them 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarkCounts {
    pub late: usize,
    pub blocked: usize,
    pub at_risk: usize,
    pub waiting: usize,
    pub due_soon: usize,
}

impl MarkCounts {
    /// Counts one deliverable's marks.
    pub fn add(&mut self, m: Marks) {
        self.late += usize::from(m.late);
        self.blocked += usize::from(m.blocked);
        self.at_risk += usize::from(m.at_risk);
        self.waiting += usize::from(m.waiting);
        self.due_soon += usize::from(m.due_soon);
    }

    /// Each mark with its count, in order of attention (late first), as
    /// the JSON report names them; the ones with none left out.
    pub fn counted(&self) -> impl Iterator<Item = (&'static str, usize)> {
        [
            ("late", self.late),
            ("blocked", self.blocked),
            ("at_risk", self.at_risk),
            ("waiting", self.waiting),
            ("due_soon", self.due_soon),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
    }
}

/// What happened to the item a change is about; matches the change's kind
/// (`*-added`, `*-removed`, `*-changed`, `program-renamed`, `team-joined`,
/// `team-left`).
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    Added(Facts),
    Removed,
    Changed {
        field: Field,
        from: Value,
        to: Value,
    },
    /// The ring the person joined.
    Joined(Ring),
    /// The ring the person left.
    Left(Ring),
    /// The program's id before; its id now is the change's `program`.
    Renamed {
        from: String,
    },
}

/// One change, typed; [`super::json`] prints it as the JSON change objects
/// of docs/cli.md and [`super::words`] as sentences.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: Kind,
    pub program: Option<String>,
    /// The deliverable, metric, milestone (its name) or person.
    pub id: Option<String>,
    /// The item's title as people know it: the deliverable's title, the
    /// metric's, program's or person's name, as TO has it (FROM, when
    /// removed). `None` for milestones (their id is their name) and team
    /// changes.
    pub title: Option<String>,
    pub detail: Detail,
}

impl Change {
    /// The changed field, on `*-changed` kinds.
    pub fn field(&self) -> Option<Field> {
        match &self.detail {
            Detail::Changed { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// `(old id, new id)` of a `program-renamed` change.
    pub fn renamed(&self) -> Option<(&str, &str)> {
        match (&self.detail, &self.program) {
            (Detail::Renamed { from }, Some(to)) => Some((from, to)),
            _ => None,
        }
    }

    /// `spring-launch/email-copy`, `spring-launch`, or the person id.
    pub fn subject(&self) -> String {
        match (&self.program, &self.id) {
            (Some(p), Some(id)) => format!("{p}/{id}"),
            (Some(p), None) => p.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => String::new(),
        }
    }

    /// Whether the change is to the field its title comes from (a
    /// deliverable's `title`, a `name`): its sentence then names the item
    /// by id only, the old and new titles being the change.
    pub fn retitles(&self) -> bool {
        match self.field() {
            Some(Field::Title) => true,
            Some(Field::Name) => self.kind != Kind::MilestoneChanged,
            _ => false,
        }
    }

    /// Whole days a date field moved (`due`, `start`, `end`, `date`); `None`
    /// when either side is unset or the field holds no date.
    pub fn days_moved(&self) -> Option<i32> {
        match &self.detail {
            Detail::Changed {
                from: Value::Date(a),
                to: Value::Date(b),
                ..
            } => Some(days_between(*a, *b)),
            _ => None,
        }
    }
}

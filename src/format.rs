//! The plan format's tables and keys (docs/plan-format.md), written down once.
//!
//! Built from these tables: the parser's lists of known keys and the slots
//! both readers of a `[[deliverable]]` fill ([`crate::parse`]), the JSON
//! Schema of a plan file ([`crate::schema`]), the keys `diff` compares,
//! item by item in the tables' order ([`crate::review`], through
//! [`crate::value`]), the fields `set` takes (the writable keys,
//! [`crate::write`]) and the plan columns of the CSV report (their names
//! and cells). A key added here is known to them all; what it
//! *means* (the rules behind each kind) lives in the parser, and the
//! schema says as much of it as a schema can.

mod field;

pub use field::Field;

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// Free Unicode text on one line (no control characters).
    Text,
    /// An id: `[a-z0-9][a-z0-9_-]*`, at most 64 characters.
    Id,
    /// A TOML local date (`2027-01-20`, no quotes).
    Date,
    /// A whole number of 1 or more (a priority: 1 = highest).
    Integer,
    /// A whole number of days from 0 to [`MAX_DAYS`].
    Days,
    /// An integer or a float.
    Number,
    /// `core`, `extended` or `partner`.
    Ring,
    /// `todo`, `doing`, `review`, `blocked`, `done` or `dropped`.
    Status,
    /// `higher` or `lower`: which way a metric is better.
    Better,
    /// A list of person ids (one ring of a `[team]`).
    IdList,
    /// A list of hand-offs: `deliverable` or `program/deliverable`.
    NeedList,
}

/// The most days a `duration` may have (ten years).
pub(crate) const MAX_DAYS: u32 = 3650;

/// One key of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    pub field: Field,
    pub kind: ValueKind,
    pub required: bool,
    /// `ringboard set` can change it (the board edits some of these).
    pub writable: bool,
    /// What editors show on hover: what the key is for, in a sentence.
    pub doc: &'static str,
}

impl Key {
    /// The key as written in the plans.
    pub(crate) const fn name(&self) -> &'static str {
        self.field.as_str()
    }

    const fn writable(self) -> Key {
        Key {
            writable: true,
            ..self
        }
    }
}

/// How a table is written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `[program]`: one per file.
    Table,
    /// `[[deliverable]]`: any number.
    ArrayOfTables,
}

/// One top-level table of a plan file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    pub shape: Shape,
    /// Only in a file that has a `[program]`.
    pub in_program: bool,
    pub keys: &'static [Key],
    pub doc: &'static str,
}

impl Table {
    pub(crate) fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().filter(|k| k.required).map(|k| k.name())
    }
}

const fn key(field: Field, kind: ValueKind, doc: &'static str) -> Key {
    Key {
        field,
        kind,
        required: false,
        writable: false,
        doc,
    }
}

const fn required(field: Field, kind: ValueKind, doc: &'static str) -> Key {
    Key {
        required: true,
        ..key(field, kind, doc)
    }
}

use ValueKind::*;

pub(crate) const PERSON_KEYS: [Key; 6] = [
    required(
        Field::Id,
        Id,
        "The person's id, used in owner, strategist, lead and team lists: a-z, 0-9, `-` and `_`, at most 64 characters.",
    ),
    required(
        Field::Name,
        Text,
        "The name people read on the board, e.g. \"林美 (Mei Lin)\".",
    ),
    key(
        Field::Role,
        Text,
        "Their role, e.g. \"Marketing strategist\".",
    ),
    key(
        Field::Org,
        Text,
        "Their department, discipline or company, e.g. \"Marketing strategy\".",
    ),
    key(
        Field::Ring,
        Ring,
        "Their default ring in a program whose [team] does not list them: core (the program team), extended (the business around it) or partner (outside the company).",
    ),
    key(
        Field::Contact,
        Text,
        "How to reach them (free text); an e-mail here lets ringboard recognise you from git's user.email.",
    ),
];

pub(crate) const PROGRAM_KEYS: [Key; 7] = [
    required(
        Field::Name,
        Text,
        "The program's name as people read it. The program's id is the file's name without .toml.",
    ),
    key(Field::Goal, Text, "What the program is for, in one line."),
    key(
        Field::Strategist,
        Id,
        "The person id of who oversees the program.",
    ),
    key(Field::Lead, Id, "The person id of who runs it day to day."),
    key(
        Field::Priority,
        Integer,
        "1 is the highest; programs are listed by priority, those without one last.",
    ),
    key(
        Field::Start,
        Date,
        "When the program starts: a TOML date, e.g. 2027-01-06 (no quotes).",
    ),
    key(
        Field::End,
        Date,
        "When the program ends: a TOML date, e.g. 2027-04-30 (no quotes). Not before start.",
    ),
];

pub(crate) const TEAM_KEYS: [Key; 3] = [
    key(
        Field::Core,
        IdList,
        "Person ids of the program team itself: strategist, lead, specialists, operations, content, creative, analysts.",
    ),
    key(
        Field::Extended,
        IdList,
        "Person ids of the business around the program: brand, product, sales, service, finance.",
    ),
    key(
        Field::Partner,
        IdList,
        "Person ids from outside the company: agencies, platform providers, data providers.",
    ),
];

pub(crate) const MILESTONE_KEYS: [Key; 3] = [
    required(
        Field::Name,
        Text,
        "What happens on that day, e.g. \"Launch day\".",
    ),
    required(
        Field::Date,
        Date,
        "The day: a TOML date, e.g. 2027-03-15 (no quotes).",
    ),
    key(
        Field::Needs,
        NeedList,
        "What the milestone waits for (1.1): deliverable ids in this program, or program/deliverable in another; without it, every deliverable of the program due on or before its date.",
    ),
];

pub(crate) const METRIC_KEYS: [Key; 9] = [
    required(Field::Id, Id, "The metric's id, unique in the program."),
    required(
        Field::Name,
        Text,
        "What is measured, e.g. \"Marketing-qualified leads\".",
    ),
    key(
        Field::Unit,
        Text,
        "The unit, e.g. \"leads\", \"EUR\" or \"%\".",
    ),
    required(Field::Target, Number, "The target: an integer or a float."),
    key(Field::Actual, Number, "The value reached so far."),
    key(Field::Owner, Id, "The person id of who reports it."),
    key(
        Field::Better,
        Better,
        "Which way is better (1.1): higher (the default) or lower (a cost, a spend, a budget: on target while actual <= target).",
    ),
    key(
        Field::Baseline,
        Number,
        "The value at the program's start (1.1), where the pace starts from; default 0.",
    ),
    key(
        Field::By,
        Date,
        "When the target is due (1.1): a TOML date; default: the program's end.",
    ),
];

/// In the order `diff` lists a deliverable's changes (and the schema its
/// keys).
pub(crate) const DELIVERABLE_KEYS: [Key; 9] = [
    required(
        Field::Id,
        Id,
        "The deliverable's id, unique in the program; others name it in needs.",
    ),
    required(Field::Title, Text, "What is delivered, in one line.").writable(),
    required(Field::Owner, Id, "The person id of who delivers it.").writable(),
    required(
        Field::Due,
        Date,
        "The deadline: a TOML date, e.g. 2027-01-20 (no quotes).",
    )
    .writable(),
    key(
        Field::Start,
        Date,
        "When work starts: a TOML date, not after due.",
    )
    .writable(),
    key(
        Field::Duration,
        Days,
        "How many days the work takes once its hand-offs have arrived (1.1): a whole number from 0 to 3650; default: due - start when start is given, else 0.",
    )
    .writable(),
    key(
        Field::Status,
        Status,
        "todo (the default), doing, review, blocked, done or dropped.",
    )
    .writable(),
    key(
        Field::Needs,
        NeedList,
        "The hand-offs it waits for: a deliverable id in this program, or program/deliverable in another.",
    )
    .writable(),
    key(Field::Note, Text, "A one-line note, e.g. what it is waiting on.").writable(),
];

pub(crate) const TABLES: [Table; 6] = [
    Table {
        name: "person",
        shape: Shape::ArrayOfTables,
        in_program: false,
        keys: &PERSON_KEYS,
        doc: "A person on the roster ([[person]]); usually all in boards/people.toml.",
    },
    Table {
        name: "program",
        shape: Shape::Table,
        in_program: false,
        keys: &PROGRAM_KEYS,
        doc: "The program this file plans ([program]); its id is the file's name without .toml.",
    },
    Table {
        name: "team",
        shape: Shape::Table,
        in_program: true,
        keys: &TEAM_KEYS,
        doc: "Who is on this program, ring by ring ([team]); a person is in at most one list.",
    },
    Table {
        name: "milestone",
        shape: Shape::ArrayOfTables,
        in_program: true,
        keys: &MILESTONE_KEYS,
        doc: "A dated milestone of the program ([[milestone]]).",
    },
    Table {
        name: "metric",
        shape: Shape::ArrayOfTables,
        in_program: true,
        keys: &METRIC_KEYS,
        doc: "How the program is measured ([[metric]]): a target and the actual so far.",
    },
    Table {
        name: "deliverable",
        shape: Shape::ArrayOfTables,
        in_program: true,
        keys: &DELIVERABLE_KEYS,
        doc: "Something the program delivers ([[deliverable]]): an owner, a deadline, a status and its hand-offs.",
    },
];

/// The names of `keys`, in order, for the parser's lists of known keys.
pub(crate) const fn key_names<const N: usize>(keys: &[Key; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = keys[i].name();
        i += 1;
    }
    out
}

/// The place of `field` in `keys`: where a reader keeps its value. A
/// field the table does not have stops the build (it is used in consts).
pub(crate) const fn slot(keys: &[Key], field: Field) -> usize {
    let mut i = 0;
    while i < keys.len() {
        if keys[i].field as usize == field as usize {
            return i;
        }
        i += 1;
    }
    panic!("no such key in this table")
}

/// How many of `keys` `set` can change.
pub(crate) const fn writable_count(keys: &[Key]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < keys.len() {
        if keys[i].writable {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The names of the keys `set` can change, in the table's order (`N` is
/// [`writable_count`]).
pub(crate) const fn writable_names<const N: usize>(keys: &[Key]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < keys.len() {
        if keys[i].writable {
            out[n] = keys[i].name();
            n += 1;
        }
        i += 1;
    }
    out
}

/// The names of `tables`, in order: the keys a file may have at its top.
pub(crate) const fn table_names<const N: usize>(tables: &[Table; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = tables[i].name;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_in_each_table() {
        for t in TABLES {
            for (i, k) in t.keys.iter().enumerate() {
                assert!(
                    t.keys[..i].iter().all(|other| other.field != k.field),
                    "{}.{} twice",
                    t.name,
                    k.name()
                );
            }
        }
    }

    #[test]
    fn slots_are_places_in_the_table() {
        assert_eq!(slot(&DELIVERABLE_KEYS, Field::Id), 0);
        assert_eq!(slot(&DELIVERABLE_KEYS, Field::Note), 8);
        for (i, k) in DELIVERABLE_KEYS.iter().enumerate() {
            assert_eq!(slot(&DELIVERABLE_KEYS, k.field), i);
        }
    }

    /// What `set` takes: every deliverable key but its id.
    #[test]
    fn set_takes_every_deliverable_key_but_the_id() {
        const N: usize = writable_count(&DELIVERABLE_KEYS);
        assert_eq!(
            writable_names::<N>(&DELIVERABLE_KEYS),
            [
                "title", "owner", "due", "start", "duration", "status", "needs", "note"
            ]
        );
    }

    #[test]
    fn every_key_says_what_it_is_for() {
        for t in TABLES {
            assert!(t.doc.len() > 10, "{}", t.name);
            for k in t.keys {
                assert!(k.doc.len() > 10, "{}.{}", t.name, k.name());
                assert!(!k.doc.contains('\n'), "{}.{}", t.name, k.name());
            }
        }
    }
}

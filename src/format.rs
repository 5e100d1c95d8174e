//! The plan format's tables and keys (docs/plan-format.md), written down once.
//!
//! The parser's lists of known keys ([`crate::parse`]) and the JSON Schema
//! of a plan file ([`crate::schema`]) are both built from these tables, so a
//! key added here is known to both and the schema cannot drift from what
//! the parser reads. What a key *means* (the rules behind each kind) lives
//! in the parser; the schema says as much of it as a schema can.

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Free Unicode text on one line (no control characters).
    Text,
    /// An id: `[a-z0-9][a-z0-9_-]*`, at most 64 characters.
    Id,
    /// A TOML local date (`2027-01-20`, no quotes).
    Date,
    /// A whole number of 1 or more (a priority: 1 = highest).
    Integer,
    /// An integer or a float.
    Number,
    /// `core`, `extended` or `partner`.
    Ring,
    /// `todo`, `doing`, `review`, `blocked`, `done` or `dropped`.
    Status,
    /// A list of person ids (one ring of a `[team]`).
    IdList,
    /// A list of hand-offs: `deliverable` or `program/deliverable`.
    NeedList,
}

/// One key of a table.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: ValueKind,
    pub required: bool,
    /// What editors show on hover: what the key is for, in a sentence.
    pub doc: &'static str,
}

/// How a table is written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `[program]`: one per file.
    Table,
    /// `[[deliverable]]`: any number.
    ArrayOfTables,
}

/// One top-level table of a plan file.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub shape: Shape,
    /// Only in a file that has a `[program]`.
    pub in_program: bool,
    pub keys: &'static [Key],
    pub doc: &'static str,
}

impl Table {
    pub fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().filter(|k| k.required).map(|k| k.name)
    }
}

const fn key(name: &'static str, kind: ValueKind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        doc,
    }
}

const fn required(name: &'static str, kind: ValueKind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        doc,
    }
}

use ValueKind::*;

pub const PERSON_KEYS: [Key; 6] = [
    required(
        "id",
        Id,
        "The person's id, used in owner, strategist, lead and team lists: a-z, 0-9, `-` and `_`, at most 64 characters.",
    ),
    required(
        "name",
        Text,
        "The name people read on the board, e.g. \"林美 (Mei Lin)\".",
    ),
    key("role", Text, "Their role, e.g. \"Marketing strategist\"."),
    key(
        "org",
        Text,
        "Their department, discipline or company, e.g. \"Marketing strategy\".",
    ),
    key(
        "ring",
        Ring,
        "Their default ring in a program whose [team] does not list them: core (the program team), extended (the business around it) or partner (outside the company).",
    ),
    key(
        "contact",
        Text,
        "How to reach them (free text); an e-mail here lets ringboard recognise you from git's user.email.",
    ),
];

pub const PROGRAM_KEYS: [Key; 7] = [
    required(
        "name",
        Text,
        "The program's name as people read it. The program's id is the file's name without .toml.",
    ),
    key("goal", Text, "What the program is for, in one line."),
    key(
        "strategist",
        Id,
        "The person id of who oversees the program.",
    ),
    key("lead", Id, "The person id of who runs it day to day."),
    key(
        "priority",
        Integer,
        "1 is the highest; programs are listed by priority, those without one last.",
    ),
    key(
        "start",
        Date,
        "When the program starts: a TOML date, e.g. 2027-01-06 (no quotes).",
    ),
    key(
        "end",
        Date,
        "When the program ends: a TOML date, e.g. 2027-04-30 (no quotes). Not before start.",
    ),
];

pub const TEAM_KEYS: [Key; 3] = [
    key(
        "core",
        IdList,
        "Person ids of the program team itself: strategist, lead, specialists, operations, content, creative, analysts.",
    ),
    key(
        "extended",
        IdList,
        "Person ids of the business around the program: brand, product, sales, service, finance.",
    ),
    key(
        "partner",
        IdList,
        "Person ids from outside the company: agencies, platform providers, data providers.",
    ),
];

pub const MILESTONE_KEYS: [Key; 2] = [
    required(
        "name",
        Text,
        "What happens on that day, e.g. \"Launch day\".",
    ),
    required(
        "date",
        Date,
        "The day: a TOML date, e.g. 2027-03-15 (no quotes).",
    ),
];

pub const METRIC_KEYS: [Key; 6] = [
    required("id", Id, "The metric's id, unique in the program."),
    required(
        "name",
        Text,
        "What is measured, e.g. \"Marketing-qualified leads\".",
    ),
    key("unit", Text, "The unit, e.g. \"leads\", \"EUR\" or \"%\"."),
    required("target", Number, "The target: an integer or a float."),
    key("actual", Number, "The value reached so far."),
    key("owner", Id, "The person id of who reports it."),
];

/// The order matters: the quick reader of `[[deliverable]]` sections keeps
/// values by their key's place in this list.
pub const DELIVERABLE_KEYS: [Key; 8] = [
    required(
        "id",
        Id,
        "The deliverable's id, unique in the program; others name it in needs.",
    ),
    required("title", Text, "What is delivered, in one line."),
    required("owner", Id, "The person id of who delivers it."),
    required(
        "due",
        Date,
        "The deadline: a TOML date, e.g. 2027-01-20 (no quotes).",
    ),
    key(
        "start",
        Date,
        "When work starts: a TOML date, not after due.",
    ),
    key(
        "status",
        Status,
        "todo (the default), doing, review, blocked, done or dropped.",
    ),
    key(
        "needs",
        NeedList,
        "The hand-offs it waits for: a deliverable id in this program, or program/deliverable in another.",
    ),
    key("note", Text, "A one-line note, e.g. what it is waiting on."),
];

pub const TABLES: [Table; 6] = [
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
pub const fn key_names<const N: usize>(keys: &[Key; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = keys[i].name;
        i += 1;
    }
    out
}

/// The names of `tables`, in order: the keys a file may have at its top.
pub const fn table_names<const N: usize>(tables: &[Table; N]) -> [&'static str; N] {
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
                    t.keys[..i].iter().all(|other| other.name != k.name),
                    "{}.{} twice",
                    t.name,
                    k.name
                );
            }
        }
    }

    /// `parse/quick.rs` destructures a deliverable's values in this order.
    #[test]
    fn deliverable_keys_keep_the_order_the_quick_reader_reads_them_in() {
        assert_eq!(
            key_names(&DELIVERABLE_KEYS),
            [
                "id", "title", "owner", "due", "start", "status", "needs", "note"
            ]
        );
    }

    #[test]
    fn every_key_says_what_it_is_for() {
        for t in TABLES {
            assert!(t.doc.len() > 10, "{}", t.name);
            for k in t.keys {
                assert!(k.doc.len() > 10, "{}.{}", t.name, k.name);
                assert!(!k.doc.contains('\n'), "{}.{}", t.name, k.name);
            }
        }
    }
}

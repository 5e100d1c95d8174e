//! A key's value on one item of the plans, typed, read by its [`Field`]:
//! what `diff` compares key by key down the format's tables
//! ([`crate::format`]) and what the CSV report shows in a plan column.
//! The one place that says which model field holds which key.

use jiff::civil::Date;

use crate::format::Field;
use crate::model::{Better, Deliverable, Metric, Milestone, Number, Person, Program, Ring, Status};

/// The value of a key, as the plans hold it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An optional key that is not set (or a key the item does not have).
    None,
    /// Names, titles, notes, and person ids (owner, lead, strategist).
    Text(String),
    Date(Date),
    Status(Status),
    /// A metric's target, actual or baseline.
    Number(Number),
    /// A program's priority.
    Int(i64),
    /// A deliverable's duration.
    Days(u32),
    Ring(Ring),
    /// Which way a metric is better.
    Better(Better),
    /// `needs`, each entry as written in the file.
    List(Vec<String>),
}

impl Value {
    pub fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    /// `Value::None` for an unset key, else the value made by `set`.
    pub fn optional<T>(v: Option<T>, set: impl FnOnce(T) -> Value) -> Value {
        v.map_or(Value::None, set)
    }
}

/// An item whose keys can be read by name.
pub(crate) trait Keyed {
    /// The value of `field`; [`Value::None`] when unset, or when the
    /// item's table has no such key.
    fn value(&self, field: Field) -> Value;
}

fn text(v: &Option<String>) -> Value {
    Value::optional(v.as_deref(), Value::text)
}

fn person(v: &Option<(String, crate::model::Pos)>) -> Value {
    Value::optional(v.as_ref(), |(id, _)| Value::text(id))
}

fn needs(list: &[crate::model::Need]) -> Value {
    Value::List(list.iter().map(|n| n.raw.clone()).collect())
}

impl Keyed for Person {
    fn value(&self, field: Field) -> Value {
        match field {
            Field::Id => Value::text(&self.id),
            Field::Name => Value::text(&self.name),
            Field::Role => text(&self.role),
            Field::Org => text(&self.org),
            Field::Ring => Value::optional(self.ring, Value::Ring),
            Field::Contact => text(&self.contact),
            _ => Value::None,
        }
    }
}

/// The keys of `[program]` (the team is a table of its own).
impl Keyed for Program {
    fn value(&self, field: Field) -> Value {
        match field {
            Field::Name => Value::text(&self.name),
            Field::Goal => text(&self.goal),
            Field::Strategist => person(&self.strategist),
            Field::Lead => person(&self.lead),
            Field::Priority => Value::optional(self.priority, Value::Int),
            Field::Start => Value::optional(self.start, Value::Date),
            Field::End => Value::optional(self.end, Value::Date),
            _ => Value::None,
        }
    }
}

impl Keyed for Milestone {
    fn value(&self, field: Field) -> Value {
        match field {
            Field::Name => Value::text(&self.name),
            Field::Date => Value::Date(self.date),
            Field::Needs => Value::optional(self.needs.as_deref(), needs),
            _ => Value::None,
        }
    }
}

impl Keyed for Metric {
    fn value(&self, field: Field) -> Value {
        match field {
            Field::Id => Value::text(&self.id),
            Field::Name => Value::text(&self.name),
            Field::Unit => text(&self.unit),
            Field::Target => Value::Number(self.target),
            Field::Actual => Value::optional(self.actual, Value::Number),
            Field::Owner => text(&self.owner),
            Field::Better => Value::Better(self.better),
            Field::Baseline => Value::optional(self.baseline, Value::Number),
            Field::By => Value::optional(self.by, Value::Date),
            _ => Value::None,
        }
    }
}

impl Keyed for Deliverable {
    fn value(&self, field: Field) -> Value {
        match field {
            Field::Id => Value::text(&self.id),
            Field::Title => Value::text(&self.title),
            Field::Owner => Value::text(&self.owner),
            Field::Due => Value::Date(self.due),
            Field::Start => Value::optional(self.start, Value::Date),
            Field::Duration => Value::optional(self.duration, Value::Days),
            Field::Status => Value::Status(self.status),
            Field::Needs => needs(&self.needs),
            Field::Note => text(&self.note),
            _ => Value::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{self, Key};

    /// Every key of a table is read from a file that sets them all: a key
    /// added to the format without its place in the model shows here.
    #[test]
    fn every_key_of_every_table_has_a_value() {
        let text = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nrole = \"r\"\norg = \"o\"\nring = \"core\"\ncontact = \"c\"\n\n\
            [program]\nname = \"P\"\ngoal = \"g\"\nstrategist = \"mei\"\nlead = \"mei\"\npriority = 1\nstart = 2027-01-01\nend = 2027-05-01\n\n\
            [[milestone]]\nname = \"M\"\ndate = 2027-03-01\nneeds = [\"a\"]\n\n\
            [[metric]]\nid = \"m\"\nname = \"M\"\nunit = \"u\"\ntarget = 1\nactual = 2\nowner = \"mei\"\nbetter = \"lower\"\nbaseline = 0\nby = 2027-04-01\n\n\
            [[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-01\nstart = 2027-01-10\nduration = 5\nstatus = \"doing\"\nneeds = [\"b\"]\nnote = \"n\"\n";
        let parsed = crate::parse::parse_file("boards/p.toml".into(), text.as_bytes());
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let prog = parsed.program.expect("program");
        let all = |item: &dyn Keyed, keys: &[Key]| {
            for k in keys {
                assert_ne!(item.value(k.field), Value::None, "{}", k.name());
            }
        };
        all(&parsed.people[0], &format::PERSON_KEYS);
        all(&prog, &format::PROGRAM_KEYS);
        all(&prog.milestones[0], &format::MILESTONE_KEYS);
        all(&prog.metrics[0], &format::METRIC_KEYS);
        all(&prog.deliverables[0], &format::DELIVERABLE_KEYS);
        assert_eq!(
            prog.deliverables[0].value(crate::format::Field::Duration),
            Value::Days(5)
        );
    }
}

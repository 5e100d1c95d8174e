//! The plan model: what the TOML files of `docs/plan-format.md` mean, with the
//! source position of every value a diagnostic may need to point at.
//!
//! Nothing here knows about terminals or git; loading lives in [`crate::load`].

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

/// A 1-based line and column (in characters) inside one plan file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// The three rings of a program team, innermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ring {
    Core,
    Extended,
    Partner,
}

impl Ring {
    pub const ALL: [Ring; 3] = [Ring::Core, Ring::Extended, Ring::Partner];

    /// The word used in the files and the JSON (`core`, `extended`, `partner`).
    pub fn as_str(self) -> &'static str {
        match self {
            Ring::Core => "core",
            Ring::Extended => "extended",
            Ring::Partner => "partner",
        }
    }

    /// The label people read on the board and in reports.
    pub fn label(self) -> &'static str {
        match self {
            Ring::Core => "Core team",
            Ring::Extended => "Extended business ring",
            Ring::Partner => "Outside partners",
        }
    }

    pub fn parse(s: &str) -> Option<Ring> {
        Ring::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Ring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deliverable's status, as written in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    #[default]
    Todo,
    Doing,
    Review,
    Blocked,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Todo,
        Status::Doing,
        Status::Review,
        Status::Blocked,
        Status::Done,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Doing => "doing",
            Status::Review => "review",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Open: not `done` and not `dropped`.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Dropped)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A metric value: integers stay integers so reports print `1200`, not `1200.0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// One entry of the roster (`[[person]]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub org: Option<String>,
    pub ring: Option<Ring>,
    pub contact: Option<String>,
    /// The file that declares this person.
    pub path: Arc<str>,
    pub pos: Pos,
    pub id_pos: Pos,
}

/// `[team]`: who is on a program, by ring, each name with its position.
/// Add people with [`Team::add`], which keeps the lookup by person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    core: Vec<(String, Pos)>,
    extended: Vec<(String, Pos)>,
    partner: Vec<(String, Pos)>,
    /// Each person's ring (the first list that names them); ordered, so
    /// that two equal teams also print the same.
    rings: std::collections::BTreeMap<String, Ring>,
}

impl Team {
    pub fn ring(&self, ring: Ring) -> &[(String, Pos)] {
        match ring {
            Ring::Core => &self.core,
            Ring::Extended => &self.extended,
            Ring::Partner => &self.partner,
        }
    }

    /// Adds `person` to `ring`'s list; `Err(ring)` with the ring a list
    /// already names them in (a person is in one ring of a program).
    pub fn add(&mut self, ring: Ring, person: String, pos: Pos) -> Result<(), Ring> {
        if let Some(&other) = self.rings.get(&person) {
            return Err(other);
        }
        self.rings.insert(person.clone(), ring);
        let list = match ring {
            Ring::Core => &mut self.core,
            Ring::Extended => &mut self.extended,
            Ring::Partner => &mut self.partner,
        };
        list.push((person, pos));
        Ok(())
    }

    /// The ring list that names `person`.
    pub fn ring_of(&self, person: &str) -> Option<Ring> {
        self.rings.get(person).copied()
    }

    pub fn contains(&self, person: &str) -> bool {
        self.ring_of(person).is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub name: String,
    pub date: Date,
    /// What it waits for (1.1); `None`: every deliverable of the program
    /// due on or before its date.
    pub needs: Option<Vec<Need>>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub target: Number,
    pub actual: Option<Number>,
    pub owner: Option<String>,
    /// Which way is better (1.1): a cost, a spend, a budget is `Lower`.
    pub better: Better,
    /// The value at the program's start (1.1); `None`: 0.
    pub baseline: Option<Number>,
    /// When the target is due (1.1); `None`: the program's end.
    pub by: Option<Date>,
    pub pos: Pos,
    pub id_pos: Pos,
    pub owner_pos: Pos,
}

/// Which way a metric is better (docs/plan-format.md, "Metric pace").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Better {
    #[default]
    Higher,
    /// A cost, a spend, a budget: on target while actual <= target.
    Lower,
}

impl Better {
    pub const ALL: [Better; 2] = [Better::Higher, Better::Lower];

    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }

    pub fn parse(word: &str) -> Option<Better> {
        Better::ALL.into_iter().find(|b| b.as_str() == word)
    }
}

/// A hand-off this deliverable waits for: `id` in the same program, or
/// `program/id` in another one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Need {
    /// As written in the file (reports print it back unchanged).
    pub raw: String,
    pub program: Option<String>,
    pub id: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deliverable {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub due: Date,
    pub start: Option<Date>,
    pub status: Status,
    pub needs: Vec<Need>,
    pub note: Option<String>,
    /// Whole days of work once the hand-offs have arrived (1.1).
    pub duration: Option<u32>,
    pub pos: Pos,
    pub id_pos: Pos,
    pub owner_pos: Pos,
    pub due_pos: Pos,
    pub start_pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The file stem: `spring-launch` for `boards/spring-launch.toml`.
    pub id: String,
    pub path: Arc<str>,
    pub name: String,
    pub goal: Option<String>,
    pub strategist: Option<(String, Pos)>,
    pub lead: Option<(String, Pos)>,
    pub priority: Option<i64>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub team: Team,
    pub milestones: Vec<Milestone>,
    pub metrics: Vec<Metric>,
    pub deliverables: Vec<Deliverable>,
    pub pos: Pos,
    pub start_pos: Pos,
}

impl Program {
    /// A copy of the program with these deliverables instead of its own
    /// (which are not copied first): a part of it, for `report --person`
    /// or a write's consequences.
    pub fn with_deliverables(&self, deliverables: Vec<Deliverable>) -> Program {
        Program {
            id: self.id.clone(),
            path: self.path.clone(),
            name: self.name.clone(),
            goal: self.goal.clone(),
            strategist: self.strategist.clone(),
            lead: self.lead.clone(),
            priority: self.priority,
            start: self.start,
            end: self.end,
            team: self.team.clone(),
            milestones: self.milestones.clone(),
            metrics: self.metrics.clone(),
            deliverables,
            pos: self.pos,
            start_pos: self.start_pos,
        }
    }

    pub fn deliverable(&self, id: &str) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| d.id == id)
    }

    /// The first milestone on or after `today`.
    pub fn next_milestone(&self, today: Date) -> Option<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.date >= today)
            .min_by_key(|m| m.date)
    }
}

/// A deliverable's address in a [`Portfolio`]: indexes, cheap to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeliverableRef {
    pub program: usize,
    pub index: usize,
}

/// Everything that loaded: the roster and the programs, in file order.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    pub people: Vec<Person>,
    pub programs: Vec<Program>,
    person_index: HashMap<String, usize>,
    program_index: HashMap<String, usize>,
    /// Each program's deliverables by id, built on the first lookup in
    /// that program: loading for `check` or the board looks none up.
    deliverable_index: Vec<OnceLock<HashMap<String, usize>>>,
}

impl Portfolio {
    /// Builds the lookup indexes; the first of two duplicates wins.
    pub fn new(people: Vec<Person>, programs: Vec<Program>) -> Self {
        let mut person_index = HashMap::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            person_index.entry(p.id.clone()).or_insert(i);
        }
        let mut program_index = HashMap::with_capacity(programs.len());
        for (i, p) in programs.iter().enumerate() {
            program_index.entry(p.id.clone()).or_insert(i);
        }
        let deliverable_index = programs.iter().map(|_| OnceLock::new()).collect();
        Portfolio {
            people,
            programs,
            person_index,
            program_index,
            deliverable_index,
        }
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_index.get(id).map(|&i| &self.people[i])
    }

    pub fn program_index(&self, id: &str) -> Option<usize> {
        self.program_index.get(id).copied()
    }

    pub fn program(&self, id: &str) -> Option<&Program> {
        self.program_index(id).map(|i| &self.programs[i])
    }

    pub fn deliverable(&self, r: DeliverableRef) -> &Deliverable {
        &self.programs[r.program].deliverables[r.index]
    }

    /// [`Portfolio::deliverable`], checked: `None` for an address this
    /// portfolio does not have (one kept from another load).
    pub fn get_deliverable(&self, r: DeliverableRef) -> Option<&Deliverable> {
        self.programs.get(r.program)?.deliverables.get(r.index)
    }

    /// A deliverable's address by its program's id and its own (the first
    /// of duplicates, as everywhere).
    pub fn find_deliverable(&self, program: &str, id: &str) -> Option<DeliverableRef> {
        self.deliverable_in(self.program_index(program)?, id)
    }

    /// [`Portfolio::find_deliverable`] in the program at index `program`.
    pub fn deliverable_in(&self, program: usize, id: &str) -> Option<DeliverableRef> {
        let deliverables = &self.programs.get(program)?.deliverables;
        let ids = self.deliverable_index.get(program)?.get_or_init(|| {
            let mut ids = HashMap::with_capacity(deliverables.len());
            for (i, d) in deliverables.iter().enumerate() {
                ids.entry(d.id.clone()).or_insert(i);
            }
            ids
        });
        let index = *ids.get(id)?;
        Some(DeliverableRef { program, index })
    }

    /// Every deliverable's address, program by program, in file order.
    pub fn deliverable_refs(&self) -> impl Iterator<Item = DeliverableRef> + '_ {
        self.programs.iter().enumerate().flat_map(|(p, prog)| {
            (0..prog.deliverables.len()).map(move |index| DeliverableRef { program: p, index })
        })
    }

    /// Program indexes in the order every output lists programs: by
    /// `priority` (1 first, none last), then file order.
    pub fn programs_by_priority(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.programs.len()).collect();
        order.sort_by_key(|&i| (self.programs[i].priority.unwrap_or(i64::MAX), i));
        order
    }

    pub fn deliverable_count(&self) -> usize {
        self.programs.iter().map(|p| p.deliverables.len()).sum()
    }

    /// A person's ring in a program (docs/plan-format.md, "A person's ring in a
    /// program"): the `[team]` list first, the roster's `ring` otherwise.
    pub fn ring_in(&self, program: &Program, person: &str) -> Option<Ring> {
        program
            .team
            .ring_of(person)
            .or_else(|| self.person(person).and_then(|p| p.ring))
    }

    /// The display name of a person, or the id when the roster lacks them.
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.person(id).map_or(id, |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn portfolio(files: &[(&str, &[&str])]) -> Portfolio {
        let parsed = files
            .iter()
            .map(|(name, ids)| {
                let mut text = String::from("[program]\nname = \"P\"\n");
                for id in *ids {
                    text.push_str(&format!(
                        "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"{id}\"\nowner = \"ana\"\ndue = 2027-01-01\n"
                    ));
                }
                let path = Arc::from(format!("boards/{name}.toml"));
                crate::parse::parse_file(path, text.as_bytes())
            })
            .collect();
        crate::load::assemble(parsed, false).0
    }

    #[test]
    fn deliverables_are_found_by_program_and_id_the_first_of_two_winning() {
        let p = portfolio(&[("a", &["x", "y", "x"]), ("b", &["y"])]);
        let at = |program: &str, id: &str| p.find_deliverable(program, id);
        let r = |program, index| Some(DeliverableRef { program, index });
        assert_eq!(at("a", "x"), r(0, 0));
        assert_eq!(at("a", "y"), r(0, 1));
        assert_eq!(at("b", "y"), r(1, 0));
        assert_eq!(at("b", "x"), None);
        assert_eq!(at("c", "x"), None);
        assert_eq!(p.deliverable_in(1, "y"), r(1, 0));
        assert_eq!(p.deliverable_in(2, "y"), None, "no third program");
    }
}

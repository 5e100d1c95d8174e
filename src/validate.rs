//! Cross-file validation: references, rings, cycles and date warnings
//! (docs/plan-format.md, "Validation"). Per-file checks happen while parsing.

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::graph::{IdMap, NeedGraph};
use crate::model::{Deliverable, Need, Portfolio, Pos, Program, Ring};
use crate::suggest::{self, Suggestions};

/// What failed to load: references to it are not reported as unknown (the
/// problem that hid it is reported already).
#[derive(Clone, Debug, Default)]
pub struct Broken {
    /// Deliverables dropped for missing or broken required keys, as
    /// (program, id).
    pub deliverables: HashSet<(String, String)>,
    /// The program ids (file stems) of plan files not read at all
    /// ([`crate::parse::ParsedFile::lost`]).
    pub programs: HashSet<String>,
    /// A file not read at all may have held people: an owner missing from
    /// the roster may be in it.
    pub roster_incomplete: bool,
}

impl Broken {
    /// Whether `program/id` may have been hidden by a problem.
    fn hides(&self, program: &str, id: &str) -> bool {
        // (The lookup allocates: only when something broke.)
        (!self.programs.is_empty() && self.programs.contains(program))
            || (!self.deliverables.is_empty()
                && self
                    .deliverables
                    .contains(&(program.to_string(), id.to_string())))
    }
}

pub fn validate(portfolio: &Portfolio, broken: &Broken) -> Vec<Diagnostic> {
    validate_keeping_graph(portfolio, broken).0
}

/// [`validate`], handing back the hand-off graph it built, for a caller
/// that derives state next (the board, a report, a write working out its
/// consequences): the graph is not built twice.
pub fn validate_keeping_graph(
    portfolio: &Portfolio,
    broken: &Broken,
) -> (Vec<Diagnostic>, NeedGraph) {
    // Cycles need the whole hand-off graph, the other checks one program at
    // a time: on a large portfolio the two run side by side.
    if portfolio.deliverable_count() < 2000 {
        let graph = NeedGraph::new(portfolio);
        return (validate_with_graph(portfolio, broken, &graph), graph);
    }
    std::thread::scope(|s| {
        let found = s.spawn(|| {
            let graph = NeedGraph::new(portfolio);
            let mut out = Vec::new();
            cycles(portfolio, &graph, &mut out);
            (out, graph)
        });
        let mut out = programs(portfolio, broken);
        match found.join() {
            Ok((found, graph)) => {
                out.extend(found);
                (out, graph)
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// [`validate`] for a caller that has the hand-off graph already (derived
/// state builds the same one): the graph is not built a second time.
pub fn validate_with_graph(
    portfolio: &Portfolio,
    broken: &Broken,
    graph: &NeedGraph,
) -> Vec<Diagnostic> {
    let mut out = programs(portfolio, broken);
    cycles(portfolio, graph, &mut out);
    out
}

/// References, rings and dates, program by program.
fn programs(portfolio: &Portfolio, broken: &Broken) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut hints = Hints::new(portfolio);
    // Needs are looked up in a small map per program (the first of two
    // duplicates wins, as a scan would find it), not by scanning.
    let by_id: Vec<IdMap<&str, &Deliverable>> = portfolio
        .programs
        .iter()
        .map(|prog| {
            let mut map =
                IdMap::with_capacity_and_hasher(prog.deliverables.len(), Default::default());
            for d in &prog.deliverables {
                map.entry(d.id.as_str()).or_insert(d);
            }
            map
        })
        .collect();
    // Every owner is looked up: with the fast id hash, not the roster's SipHash.
    let roster: IdMap<&str, ()> = portfolio
        .people
        .iter()
        .map(|p| (p.id.as_str(), ()))
        .collect();
    for prog in &portfolio.programs {
        let mut check = ProgramCheck {
            portfolio,
            roster: &roster,
            roster_incomplete: broken.roster_incomplete,
            prog,
            home: portfolio.program_index(&prog.id),
            hints: &mut hints,
            by_id: &by_id,
            out: &mut out,
        };
        check.people();
        check.deliverables(broken);
        check.milestones(broken);
    }
    out
}

/// "Did you mean" for unknown people, programs and deliverables, all within
/// one budget for the run (see [`suggest`]).
struct Hints<'a> {
    portfolio: &'a Portfolio,
    people: Suggestions<'a>,
    /// The person each unknown person id names, when it is a name.
    named: HashMap<String, Option<&'a str>>,
    programs: Suggestions<'a>,
    /// Each program's deliverable ids, made when first asked for.
    deliverables: Vec<Option<Suggestions<'a>>>,
    /// The programs holding each deliverable id, made when first asked for.
    homes: Option<IdMap<&'a str, Vec<usize>>>,
    budget: u64,
}

impl<'a> Hints<'a> {
    fn new(portfolio: &'a Portfolio) -> Self {
        let ids = |list: &'a [crate::model::Person]| list.iter().map(|p| p.id.as_str());
        Hints {
            portfolio,
            people: Suggestions::names(ids(&portfolio.people)),
            named: HashMap::new(),
            programs: Suggestions::names(portfolio.programs.iter().map(|p| p.id.as_str())),
            deliverables: (0..portfolio.programs.len()).map(|_| None).collect(),
            homes: None,
            budget: suggest::BUDGET,
        }
    }

    fn person(&mut self, id: &str) -> String {
        // A name typed for an id (`owner = "Raj Patel"`) suggests the id:
        // each word looked up once, each look-up charged the roster's
        // names to the shared budget.
        let portfolio = self.portfolio;
        if !self.named.contains_key(id) {
            let cost: u64 = portfolio
                .people
                .iter()
                .map(|p| p.name.len() as u64 + 1)
                .sum();
            let found = if self.budget >= cost {
                self.budget -= cost;
                let people = portfolio.people.iter();
                suggest::person_named(id, people.map(|p| (p.id.as_str(), p.name.as_str())))
            } else {
                None
            };
            self.named.insert(id.to_string(), found);
        }
        if let Some(Some(close)) = self.named.get(id) {
            return suggest::hint(Some(close));
        }
        suggest::hint(self.people.suggest_within(id, &mut self.budget))
    }

    /// A deliverable id close to `id` in program `p`.
    fn deliverable(&mut self, p: usize, id: &str) -> Option<&'a str> {
        let portfolio = self.portfolio;
        let list = self.deliverables.get_mut(p)?.get_or_insert_with(|| {
            Suggestions::names(
                portfolio.programs[p]
                    .deliverables
                    .iter()
                    .map(|d| d.id.as_str()),
            )
        });
        list.suggest_within(id, &mut self.budget)
    }

    /// For `program/id` with an unknown program: a close program id, as
    /// `program/id` when it holds `id`; else a program that holds `id` (a
    /// renamed program keeps its deliverables), the one whose id shares the
    /// longest start with the unknown one.
    fn program(&mut self, program: &str, id: &str) -> String {
        let portfolio = self.portfolio;
        let homes = self.homes.get_or_insert_with(|| {
            let mut homes: IdMap<&str, Vec<usize>> = IdMap::default();
            for (p, prog) in portfolio.programs.iter().enumerate() {
                for d in &prog.deliverables {
                    homes.entry(d.id.as_str()).or_default().push(p);
                }
            }
            homes
        });
        let holding = homes.get(id).map_or(&[][..], Vec::as_slice);
        let close = self.programs.suggest_within(program, &mut self.budget);
        let full = |p: &str| format!("{p}/{id}");
        let shared = |p: usize| {
            let other = portfolio.programs[p].id.as_bytes();
            program
                .bytes()
                .zip(other)
                .take_while(|(a, b)| a == *b)
                .count()
        };
        match close {
            Some(c) if holding.iter().any(|&p| portfolio.programs[p].id == c) => {
                suggest::hint(Some(&full(c)))
            }
            Some(c) => suggest::hint(Some(c)),
            None => {
                let best = holding
                    .iter()
                    .copied()
                    .max_by_key(|&p| (shared(p), std::cmp::Reverse(p)));
                suggest::hint(best.map(|p| full(&portfolio.programs[p].id)).as_deref())
            }
        }
    }
}

struct ProgramCheck<'a, 'h> {
    portfolio: &'a Portfolio,
    /// The people of the roster, by id.
    roster: &'h IdMap<&'a str, ()>,
    /// A file that may hold people was not read: unknown people are not
    /// reported.
    roster_incomplete: bool,
    prog: &'a Program,
    /// What a bare id in `needs` refers to: `prog.id`'s program.
    home: Option<usize>,
    hints: &'h mut Hints<'a>,
    by_id: &'a [IdMap<&'a str, &'a Deliverable>],
    out: &'h mut Vec<Diagnostic>,
}

impl<'a> ProgramCheck<'a, '_> {
    fn error(&mut self, pos: Pos, msg: String) {
        self.out.push(Diagnostic::error(&self.prog.path, pos, msg));
    }

    fn warning(&mut self, pos: Pos, msg: String) {
        self.out
            .push(Diagnostic::warning(&self.prog.path, pos, msg));
    }

    /// Reports an unknown person; true when the person exists.
    fn known(&mut self, id: &str, pos: Pos, what: &str) -> bool {
        if self.roster.contains_key(id) {
            return true;
        }
        if self.roster_incomplete {
            return false;
        }
        let hint = self.hints.person(id);
        self.error(pos, format!("unknown person `{id}` as {what}{hint}"));
        false
    }

    /// A person who works on the program but is not in `[team]`: shown in
    /// their roster ring with a warning, or an error when they have none.
    fn placed(&mut self, id: &str, pos: Pos, what: &str) {
        if !self.known(id, pos, what) || self.prog.team.contains(id) {
            return;
        }
        match self.portfolio.ring_in(self.prog, id) {
            Some(ring) => self.warning(
                pos,
                format!(
                    "{what} `{id}` is not on the team of `{}`; shown in the {ring} ring",
                    self.prog.id
                ),
            ),
            None => self.error(
                pos,
                format!(
                    "`{id}` ({what}) has no ring in `{}`: add them to [team] or give them a `ring` in the roster",
                    self.prog.id
                ),
            ),
        }
    }

    fn people(&mut self) {
        let prog = self.prog;
        for ring in Ring::ALL {
            for (id, pos) in prog.team.ring(ring) {
                self.known(id, *pos, &format!("a member of team.{ring}"));
            }
        }
        if let Some((id, pos)) = &prog.strategist {
            self.placed(id, *pos, "strategist");
        }
        if let Some((id, pos)) = &prog.lead {
            self.placed(id, *pos, "lead");
        }
        for m in &prog.metrics {
            if let Some(owner) = &m.owner {
                self.placed(owner, m.owner_pos, "metric owner");
            }
        }
    }

    fn deliverables(&mut self, broken: &Broken) {
        let prog = self.prog;
        for d in &prog.deliverables {
            self.placed(&d.owner, d.owner_pos, "owner");
            if let Some(end) = prog.end
                && d.due > end
            {
                self.warning(
                    d.due_pos,
                    format!("`{}` is due {} after the program ends ({end})", d.id, d.due),
                );
            }
            for need in &d.needs {
                match self.need(need, broken, Needer::Deliverable(&d.id)) {
                    Some(up) if up.due > d.due => self.warning(
                        need.pos,
                        format!(
                            "`{}` needs `{}`, which is due {} after it ({})",
                            d.id, need.raw, up.due, d.due
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }

    /// A milestone's `needs` name deliverables as a deliverable's do (a
    /// done or dropped one has arrived: nothing to say).
    fn milestones(&mut self, broken: &Broken) {
        for m in &self.prog.milestones {
            for need in m.needs.iter().flatten() {
                self.need(need, broken, Needer::Milestone(&m.name));
            }
        }
    }

    /// The deliverable a hand-off names: a bare id in this program,
    /// `program/id` in another. An unknown one is an error naming `what`
    /// needs it, with a suggestion; `None` then, and when a problem
    /// reported already hid it.
    fn need(&mut self, need: &Need, broken: &Broken, what: Needer<'_>) -> Option<&'a Deliverable> {
        let prog = self.prog;
        let target_prog = need.program.as_deref().unwrap_or(&prog.id);
        if broken.hides(target_prog, &need.id) {
            return None;
        }
        let index = match need.program {
            None => self.home,
            Some(_) => self.portfolio.program_index(target_prog),
        };
        let Some(index) = index else {
            let hint = self.hints.program(target_prog, &need.id);
            self.error(
                need.pos,
                format!(
                    "unknown program `{target_prog}` in needs `{}`{hint}",
                    need.raw
                ),
            );
            return None;
        };
        let found = self.by_id[index].get(need.id.as_str()).copied();
        if found.is_none() {
            // Suggested as it would be written: `program/id` across programs.
            let close = self.hints.deliverable(index, &need.id);
            let hint = match (&need.program, close) {
                (Some(_), Some(id)) => {
                    let other = &self.portfolio.programs[index];
                    suggest::hint(Some(&format!("{}/{id}", other.id)))
                }
                (_, close) => suggest::hint(close),
            };
            self.error(
                need.pos,
                format!(
                    "unknown deliverable `{}` in needs of {what}{hint}",
                    need.raw
                ),
            );
        }
        found
    }
}

/// What a hand-off is needed by, as its error names it (made into words
/// only for an error: every need of every deliverable is looked up).
#[derive(Clone, Copy)]
enum Needer<'a> {
    Deliverable(&'a str),
    /// By its name.
    Milestone(&'a str),
}

impl std::fmt::Display for Needer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Needer::Deliverable(id) => write!(f, "`{id}`"),
            Needer::Milestone(name) => write!(f, "milestone \"{name}\""),
        }
    }
}

/// A cycle in `needs` can never be delivered: print it `a -> b -> a`, one
/// per group of deliverables caught in loops, with how many more the group
/// holds.
fn cycles(portfolio: &Portfolio, graph: &NeedGraph, out: &mut Vec<Diagnostic>) {
    for cycle in graph.cycles() {
        let path = &cycle.path;
        let first = graph.deliverable(path[0]);
        let home = &portfolio.programs[first.program];
        let names: Vec<String> = path
            .iter()
            .map(|&i| {
                let r = graph.deliverable(i);
                let p = &portfolio.programs[r.program];
                let d = &p.deliverables[r.index];
                if r.program == first.program {
                    d.id.clone()
                } else {
                    format!("{}/{}", p.id, d.id)
                }
            })
            .collect();
        let d = &home.deliverables[first.index];
        let pos = d
            .needs
            .iter()
            .find(|n| graph.resolve(portfolio, first.program, n) == path.get(1).copied())
            .map_or(d.pos, |n| n.pos);
        let more = cycle.group + 1 - path.len();
        let rest = match more {
            0 => String::new(),
            1 => "; 1 more deliverable waits in loops with them".to_string(),
            n => format!("; {n} more deliverables wait in loops with them"),
        };
        out.push(Diagnostic::error(
            &home.path,
            pos,
            format!("cycle in needs: {}{rest}", names.join(" -> ")),
        ));
    }
}

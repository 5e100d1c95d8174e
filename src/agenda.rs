//! `ringboard agenda`: what needs attention now, across all programs. Open
//! deliverables that are late or due within N days (N = 7 by default: the
//! days from today to today + N − 1, as "due soon" counts them), grouped
//! by due date with the late ones first; each with its program, owner,
//! status, marks and the open hand-offs it waits on (with their owners).
//! For one person: only their deliverables, then what others wait on from
//! them.

use std::fmt::Write;

use jiff::civil::Date;
use serde::Serialize;

use crate::derive::{Derived, Marks, mark_words};
use crate::model::{DeliverableRef, Portfolio};
use crate::unknown::{self, UnknownName};

/// How `agenda` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AgendaFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Debug)]
pub struct AgendaOptions {
    /// Only this person's deliverables (and what others wait on from them).
    pub person: Option<String>,
    /// Due within this many days from today (today counts).
    pub days: u32,
}

impl Default for AgendaOptions {
    fn default() -> Self {
        AgendaOptions {
            person: None,
            days: 7,
        }
    }
}

/// One deliverable on the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub at: DeliverableRef,
    pub marks: Marks,
    /// The open deliverables it needs (the hand-offs that have not arrived).
    pub waits_on: Vec<DeliverableRef>,
}

/// Entries due on one day; `due: None` holds the late ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub due: Option<Date>,
    pub entries: Vec<Entry>,
}

/// Someone else's open deliverable waiting on one of the person's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub yours: DeliverableRef,
    pub needed_by: DeliverableRef,
}

#[derive(Clone, Debug)]
pub struct Agenda {
    pub today: Date,
    pub days: u32,
    pub person: Option<String>,
    pub groups: Vec<Group>,
    /// With a person: what others wait on from them, soonest need first.
    pub waiting_on_you: Vec<Waiting>,
}

/// The agenda of `portfolio` for `today`.
pub fn agenda(
    portfolio: &Portfolio,
    today: Date,
    opts: &AgendaOptions,
) -> Result<Agenda, UnknownName> {
    if let Some(id) = &opts.person {
        unknown::person(portfolio, "--person", id)?;
    }
    let derived = Derived::new(portfolio, today);
    let graph = &derived.graph;
    let until = today.saturating_add(crate::derive::days(i64::from(opts.days)));
    let mine = |r: DeliverableRef| {
        opts.person
            .as_deref()
            .is_none_or(|p| portfolio.deliverable(r).owner == p)
    };
    let mut entries: Vec<Entry> = portfolio
        .deliverable_refs()
        .filter(|&r| mine(r))
        .filter_map(|r| {
            let marks = derived.marks(r);
            let due = portfolio.deliverable(r).due;
            let soon = due >= today && due < until;
            (marks.open && (marks.late || soon)).then(|| Entry {
                at: r,
                marks,
                waits_on: graph.needs[graph.index(r)]
                    .iter()
                    .filter(|&&j| derived.marks[j].open)
                    .map(|&j| graph.deliverable(j))
                    .collect(),
            })
        })
        .collect();
    // Each program's place in priority order, looked up per comparison.
    let mut rank = vec![usize::MAX; portfolio.programs.len()];
    for (place, program) in portfolio.programs_by_priority().into_iter().enumerate() {
        rank[program] = place;
    }
    entries.sort_by_key(|e| (portfolio.deliverable(e.at).due, rank[e.at.program], e.at));
    let mut groups: Vec<Group> = Vec::new();
    for e in entries {
        let due = (!e.marks.late).then(|| portfolio.deliverable(e.at).due);
        match groups.last_mut() {
            Some(g) if g.due == due => g.entries.push(e),
            _ => groups.push(Group {
                due,
                entries: vec![e],
            }),
        }
    }
    let mut waiting_on_you = Vec::new();
    if let Some(person) = &opts.person {
        for i in 0..graph.len() {
            let needed_by = graph.deliverable(i);
            let theirs = portfolio.deliverable(needed_by);
            if !derived.marks[i].open || theirs.owner == *person {
                continue;
            }
            for &j in &graph.needs[i] {
                let yours = graph.deliverable(j);
                if derived.marks[j].open && portfolio.deliverable(yours).owner == *person {
                    waiting_on_you.push(Waiting { yours, needed_by });
                }
            }
        }
        waiting_on_you.sort_by_key(|w| (portfolio.deliverable(w.needed_by).due, w.needed_by));
    }
    Ok(Agenda {
        today,
        days: opts.days,
        person: opts.person.clone(),
        groups,
        waiting_on_you,
    })
}

/// One person's open work in every program, whatever its due date (the
/// board's My work view): by due date, each with the open deliverables it
/// waits on; and what others wait on from them, soonest need first. The
/// same entries and order as [`agenda`], computed on derived state the
/// caller already has.
#[derive(Clone, Debug, PartialEq)]
pub struct Work {
    pub open: Vec<Entry>,
    pub waiting_on_you: Vec<Waiting>,
}

/// The open work of `person` (see [`Work`]).
pub fn work_of(portfolio: &Portfolio, derived: &Derived, person: &str) -> Work {
    let graph = &derived.graph;
    let mut open: Vec<Entry> = portfolio
        .deliverable_refs()
        .filter(|&r| portfolio.deliverable(r).owner == person)
        .filter_map(|r| {
            let i = graph.get_index(r)?;
            let marks = *derived.marks.get(i)?;
            marks.open.then(|| Entry {
                at: r,
                marks,
                waits_on: graph.needs[i]
                    .iter()
                    .filter(|&&j| derived.marks[j].open)
                    .map(|&j| graph.deliverable(j))
                    .collect(),
            })
        })
        .collect();
    let priority = portfolio.programs_by_priority();
    let rank = |r: DeliverableRef| priority.iter().position(|&p| p == r.program);
    open.sort_by_key(|e| (portfolio.deliverable(e.at).due, rank(e.at), e.at));
    let mut waiting_on_you = Vec::new();
    for e in &open {
        let Some(j) = graph.get_index(e.at) else {
            continue;
        };
        for &i in &graph.needed_by[j] {
            let needed_by = graph.deliverable(i);
            if derived.marks[i].open && portfolio.deliverable(needed_by).owner != person {
                waiting_on_you.push(Waiting {
                    yours: e.at,
                    needed_by,
                });
            }
        }
    }
    waiting_on_you.sort_by_key(|w| (portfolio.deliverable(w.needed_by).due, w.needed_by));
    Work {
        open,
        waiting_on_you,
    }
}

/// The agenda in the given format.
pub fn render(agenda: &Agenda, portfolio: &Portfolio, format: AgendaFormat) -> String {
    match format {
        AgendaFormat::Text => render_text(agenda, portfolio, false),
        AgendaFormat::Markdown => render_text(agenda, portfolio, true),
        AgendaFormat::Json => render_json(agenda, portfolio),
    }
}

/// `program/id`.
fn address(portfolio: &Portfolio, r: DeliverableRef) -> String {
    let p = &portfolio.programs[r.program];
    format!("{}/{}", p.id, p.deliverables[r.index].id)
}

/// "late" and "due within 7 days (to 2027-02-07)" in words.
fn scope(agenda: &Agenda) -> String {
    let last = agenda
        .today
        .saturating_add(crate::derive::days((i64::from(agenda.days) - 1).max(0)));
    match agenda.days {
        0 => "late".to_string(),
        1 => format!("late or due today ({last})"),
        n => format!("late or due within {n} days (to {last})"),
    }
}

/// Text, or markdown when `md`: the same lines, markdown headings and
/// bullets instead of indentation.
fn render_text(agenda: &Agenda, portfolio: &Portfolio, md: bool) -> String {
    let mut out = String::new();
    let who = agenda.person.as_deref().map_or(String::new(), |id| {
        format!(" for {} ({id})", portfolio.person_name(id))
    });
    let (h1, h2, item, sub) = if md {
        ("# ", "## ", "- ", "  - ")
    } else {
        ("", "", "  ", "      ")
    };
    let _ = writeln!(out, "{h1}Agenda{who}, {}: {}", agenda.today, scope(agenda));
    if agenda.groups.is_empty() {
        let _ = writeln!(out, "\nNothing late or due.");
    }
    for g in &agenda.groups {
        let head = match g.due {
            None => "Late".to_string(),
            Some(d) if d == agenda.today => format!("Due today, {d}"),
            Some(d) => format!("Due {} {d}", d.strftime("%a")),
        };
        let _ = writeln!(out, "\n{h2}{head}");
        for e in &g.entries {
            let d = portfolio.deliverable(e.at);
            let prog = &portfolio.programs[e.at.program];
            let marks = mark_words(&e.marks);
            let marks = if marks.is_empty() {
                String::new()
            } else {
                format!("  [{}]", marks.join(", "))
            };
            let due = if e.marks.late {
                format!("due {}  ", d.due)
            } else {
                String::new()
            };
            let title = if md {
                format!("**{}**", d.title)
            } else {
                d.title.clone()
            };
            let _ = writeln!(
                out,
                "{item}{}  {title} ({})  owner {}  {due}{}{marks}",
                prog.id,
                d.id,
                portfolio.person_name(&d.owner),
                d.status,
            );
            for &up in &e.waits_on {
                let u = portfolio.deliverable(up);
                let _ = writeln!(
                    out,
                    "{sub}waits on {} \"{}\" from {}, {}, due {}",
                    address(portfolio, up),
                    u.title,
                    portfolio.person_name(&u.owner),
                    u.status,
                    u.due
                );
            }
        }
    }
    if let Some(id) = &agenda.person {
        let _ = writeln!(out, "\n{h2}Waiting on you ({id})");
        if agenda.waiting_on_you.is_empty() {
            let _ = writeln!(out, "{item}nobody waits on an open deliverable of yours");
        }
        for w in &agenda.waiting_on_you {
            let (yours, theirs) = (
                portfolio.deliverable(w.yours),
                portfolio.deliverable(w.needed_by),
            );
            let _ = writeln!(
                out,
                "{item}{} \"{}\" (due {}, {}) is needed by {} \"{}\" of {} (due {})",
                address(portfolio, w.yours),
                yours.title,
                yours.due,
                yours.status,
                address(portfolio, w.needed_by),
                theirs.title,
                portfolio.person_name(&theirs.owner),
                theirs.due
            );
        }
    }
    out
}

#[derive(Serialize)]
struct AgendaOut<'a> {
    today: String,
    days: u32,
    person: Option<&'a str>,
    groups: Vec<GroupOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_on_you: Option<Vec<WaitingOut<'a>>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    /// `null` for the late group.
    due: Option<String>,
    late: bool,
    deliverables: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(flatten)]
    deliverable: RefOut<'a>,
    marks: Vec<String>,
    days_late: i32,
    waits_on: Vec<RefOut<'a>>,
}

#[derive(Serialize)]
struct RefOut<'a> {
    program: &'a str,
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    owner_name: &'a str,
    status: &'static str,
    due: String,
}

#[derive(Serialize)]
struct WaitingOut<'a> {
    yours: RefOut<'a>,
    needed_by: RefOut<'a>,
}

fn ref_out(portfolio: &Portfolio, r: DeliverableRef) -> RefOut<'_> {
    let d = portfolio.deliverable(r);
    RefOut {
        program: &portfolio.programs[r.program].id,
        id: &d.id,
        title: &d.title,
        owner: &d.owner,
        owner_name: portfolio.person_name(&d.owner),
        status: d.status.as_str(),
        due: d.due.to_string(),
    }
}

fn render_json(agenda: &Agenda, portfolio: &Portfolio) -> String {
    let out = AgendaOut {
        today: agenda.today.to_string(),
        days: agenda.days,
        person: agenda.person.as_deref(),
        groups: agenda
            .groups
            .iter()
            .map(|g| GroupOut {
                due: g.due.map(|d| d.to_string()),
                late: g.due.is_none(),
                deliverables: g
                    .entries
                    .iter()
                    .map(|e| EntryOut {
                        deliverable: ref_out(portfolio, e.at),
                        marks: mark_words(&e.marks),
                        days_late: e.marks.days_late,
                        waits_on: e.waits_on.iter().map(|&u| ref_out(portfolio, u)).collect(),
                    })
                    .collect(),
            })
            .collect(),
        waiting_on_you: agenda.person.as_ref().map(|_| {
            agenda
                .waiting_on_you
                .iter()
                .map(|w| WaitingOut {
                    yours: ref_out(portfolio, w.yours),
                    needed_by: ref_out(portfolio, w.needed_by),
                })
                .collect()
        }),
    };
    crate::text::pretty_json(&out)
}

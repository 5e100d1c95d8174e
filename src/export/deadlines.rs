//! `ringboard export ics`: the plans' deadlines and milestones as a
//! calendar ([`super::ics`] writes it).
//!
//! One all-day event per open deliverable on its due date (`all`: done and
//! dropped too) and one per milestone. Every `UID` is made of ids, so a
//! calendar updates an event in place when its deadline moves. A late
//! deliverable's event is on today, not on its past due date, so late work
//! stays in sight (docs/cli.md version 3); its SUMMARY starts with the one
//! mark a person must see first: `LATE 3d`, `BLOCKED`, `SLIP +6d` or
//! `done`, and a milestone's with its state when it is not on track.
//!
//! - Deliverable UIDs are `PROGRAM.DELIVERABLE@ringboard`.
//! - Milestone UIDs are `PROGRAM.milestone.NAME@ringboard` with the name
//!   percent-encoded (RFC 3986: every byte but `A-Z a-z 0-9 - . _ ~` as
//!   `%XX`), so any name gives a safe, readable UID; a second milestone of
//!   the same name in a program gets `~2`, a third `~3`. Ids have no `.`,
//!   so the two kinds never meet.

use std::fmt::Write;

use jiff::civil::Date;

use super::ics::{self, Event, Ics, percent_encode_into};
use crate::derive::{Derived, mark_words};
use crate::forecast::{milestone_words, slip_words};
use crate::model::{DeliverableRef, Milestone, Portfolio, Program, Status};
use crate::team::members;
use crate::unknown::{self, UnknownName};

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct IcsOptions {
    /// Only this person's deliverables, and the milestones of the programs
    /// they work on.
    pub person: Option<String>,
    /// Only this program.
    pub program: Option<String>,
    /// Done and dropped deliverables too.
    pub all: bool,
}

/// The calendar of `portfolio` for `today`.
pub fn render(
    portfolio: &Portfolio,
    today: Date,
    opts: &IcsOptions,
) -> Result<String, UnknownName> {
    if let Some(id) = &opts.program {
        unknown::program(portfolio, "--program", id)?;
    }
    if let Some(id) = &opts.person {
        unknown::person(portfolio, "--person", id)?;
    }
    let deadlines = Deadlines {
        portfolio,
        derived: Derived::new(portfolio, today),
        opts,
    };
    Ok(ics::render(&deadlines, today))
}

/// The deadlines and milestones of the plans, as `opts` choose them.
struct Deadlines<'a> {
    portfolio: &'a Portfolio,
    derived: Derived,
    opts: &'a IcsOptions,
}

impl Ics for Deadlines<'_> {
    /// `ringboard`, `ringboard: Ana Souza`, `ringboard: spring-launch`.
    fn name(&self) -> String {
        let mut name = String::from("ringboard");
        let parts: Vec<&str> = [
            self.opts
                .person
                .as_deref()
                .map(|id| self.portfolio.person_name(id)),
            self.opts.program.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parts.is_empty() {
            name.push_str(": ");
            name.push_str(&parts.join(", "));
        }
        name
    }

    fn size_hint(&self) -> usize {
        let portfolio = self.portfolio;
        portfolio.deliverable_count()
            + portfolio
                .programs
                .iter()
                .map(|p| p.milestones.len())
                .sum::<usize>()
    }

    fn events(&self, event: &mut dyn FnMut(&Event<'_>)) {
        let (portfolio, opts) = (self.portfolio, self.opts);
        for p in portfolio.programs_by_priority() {
            let prog = &portfolio.programs[p];
            if opts.program.as_deref().is_some_and(|id| prog.id != id) {
                continue;
            }
            if opts
                .person
                .as_deref()
                .is_none_or(|person| works_on(portfolio, prog, person))
            {
                for (mi, (m, nth)) in with_occurrence(&prog.milestones).into_iter().enumerate() {
                    let state = milestone_words(&self.derived.forecast, p, mi);
                    milestone(prog, m, nth, &state, event);
                }
            }
            for (index, d) in prog.deliverables.iter().enumerate() {
                let mine = opts.person.as_deref().is_none_or(|id| d.owner == id);
                if mine && (opts.all || d.status.is_open()) {
                    self.deliverable(DeliverableRef { program: p, index }, event);
                }
            }
        }
    }
}

/// Whether `person` is on the program: in its team, strategist, lead, or
/// the owner of one of its deliverables or metrics.
fn works_on(portfolio: &Portfolio, prog: &Program, person: &str) -> bool {
    members(portfolio, prog).iter().any(|m| m.id == person)
}

/// Each milestone with how many of the same name came before it, plus one.
fn with_occurrence(milestones: &[Milestone]) -> Vec<(&Milestone, usize)> {
    milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let nth = 1 + milestones[..i].iter().filter(|o| o.name == m.name).count();
            (m, nth)
        })
        .collect()
}

fn milestone(
    prog: &Program,
    m: &Milestone,
    nth: usize,
    state: &str,
    event: &mut dyn FnMut(&Event<'_>),
) {
    let mut uid = format!("{}.milestone.", prog.id);
    percent_encode_into(&mut uid, &m.name);
    if nth > 1 {
        let _ = write!(uid, "~{nth}");
    }
    uid.push_str("@ringboard");
    event(&Event {
        uid: &uid,
        date: m.date,
        summary: &match state {
            "on track" => format!("[{}] Milestone: {}", prog.id, m.name),
            state => format!("[{}] Milestone: {} ({state})", prog.id, m.name),
        },
        description: &format!("Milestone of {} ({}): {state}", prog.name, prog.id),
        cancelled: false,
    });
}

impl Deadlines<'_> {
    fn today(&self) -> Date {
        self.derived.today
    }

    fn deliverable(&self, r: DeliverableRef, event: &mut dyn FnMut(&Event<'_>)) {
        let (portfolio, derived) = (self.portfolio, &self.derived);
        let prog = &portfolio.programs[r.program];
        let d = &prog.deliverables[r.index];
        let owner = portfolio.person_name(&d.owner);
        let marks = derived.marks(r);
        let forecast = derived.forecast_of(r);
        let mut description = format!("Status: {}", d.status);
        if marks.late {
            let _ = write!(
                description,
                "\nDue: {} ({} days ago)",
                d.due, marks.days_late
            );
        }
        if let Some(words) = forecast.and_then(slip_words) {
            let _ = write!(description, "\nForecast: {words}");
        }
        let words = mark_words(&marks);
        if !words.is_empty() {
            let _ = write!(description, "\nMarks: {}", words.join(", "));
        }
        if !d.needs.is_empty() {
            let needs: Vec<&str> = d.needs.iter().map(|n| n.raw.as_str()).collect();
            let _ = write!(description, "\nNeeds: {}", needs.join(", "));
        }
        let graph = &derived.graph;
        for &j in &graph.needs[graph.index(r)] {
            if derived.marks[j].open {
                let up = graph.deliverable(j);
                let u = portfolio.deliverable(up);
                let _ = write!(
                    description,
                    "\nWaiting on: {}/{} \"{}\" from {} ({}, due {})",
                    portfolio.programs[up.program].id,
                    u.id,
                    u.title,
                    portfolio.person_name(&u.owner),
                    u.status,
                    u.due
                );
            }
        }
        if let Some(note) = &d.note {
            let _ = write!(description, "\nNote: {note}");
        }
        let _ = write!(
            description,
            "\nOwner: {owner} ({})\nProgram: {} ({})",
            d.owner, prog.name, prog.id
        );
        // The one mark to see first; a late item is also slipping: LATE.
        let mark = match forecast {
            _ if marks.late => format!("LATE {}d ", marks.days_late),
            _ if d.status == Status::Blocked => "BLOCKED ".to_string(),
            Some(f) if f.slipping() => format!("SLIP +{}d ", f.slip),
            _ if d.status == Status::Done => "done ".to_string(),
            _ => String::new(),
        };
        // Late work comes along to today.
        let date = if marks.late { self.today() } else { d.due };
        event(&Event {
            uid: &format!("{}.{}@ringboard", prog.id, d.id),
            date,
            summary: &format!("{mark}[{}] {} ({owner})", prog.id, d.title),
            description: &description,
            cancelled: d.status == Status::Dropped,
        });
    }
}

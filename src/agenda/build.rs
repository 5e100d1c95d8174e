//! Building the agenda: which open deliverables need attention, grouped
//! by day; and one person's open work.

use jiff::civil::Date;

use crate::derive::{Derived, Marks};
use crate::model::{DeliverableRef, Portfolio, Status};
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
    /// When a `todo` deliverable with work must start to be done by its
    /// due date: due − work, earlier by what its forecast already slips.
    pub start_by: Option<Date>,
    /// The open deliverables it needs (the hand-offs that have not arrived).
    pub waits_on: Vec<DeliverableRef>,
}

/// Entries due on one day (or, `start`, to start by it); `due: None`
/// holds the late ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub due: Option<Date>,
    /// Deliverables to start by this day, not due on it.
    pub start: bool,
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
    /// The first open deliverable due after the window (the person's,
    /// with one): what comes next when nothing is due now.
    pub next: Option<DeliverableRef>,
}

/// Start by: due − work − slip, for a `todo` deliverable with work.
pub(super) fn start_by(
    portfolio: &Portfolio,
    derived: &Derived,
    r: DeliverableRef,
) -> Option<Date> {
    let d = portfolio.deliverable(r);
    let item = derived.forecast_of(r)?;
    (d.status == Status::Todo && item.work > 0).then(|| {
        d.due.saturating_sub(crate::derive::days(
            i64::from(item.work) + i64::from(item.slip),
        ))
    })
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
    let mut next: Option<DeliverableRef> = None;
    let mut entries: Vec<Entry> = portfolio
        .deliverable_refs()
        .filter(|&r| mine(r))
        .filter_map(|r| {
            let marks = derived.marks(r);
            let due = portfolio.deliverable(r).due;
            let soon = due >= today && due < until;
            let start_by = start_by(portfolio, &derived, r);
            let starts = start_by.is_some_and(|s| s < until);
            if marks.open && due >= until && next.is_none_or(|n| due < portfolio.deliverable(n).due)
            {
                next = Some(r);
            }
            (marks.open && (marks.late || soon || starts)).then(|| Entry {
                at: r,
                marks,
                start_by,
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
    // The day each entry is listed under: late first, then by the day it
    // is due, or the day to start it by (today at the earliest) when it is
    // due after the window; a day's starts after its deadlines.
    let day = |e: &Entry| -> (Option<Date>, bool) {
        let due = portfolio.deliverable(e.at).due;
        match e.start_by {
            _ if e.marks.late => (None, false),
            Some(s) if due >= until => (Some(s.max(today)), true),
            _ => (Some(due), false),
        }
    };
    entries.sort_by_key(|e| {
        let due = portfolio.deliverable(e.at).due;
        (day(e), due, rank[e.at.program], e.at)
    });
    let groups = group_by_day(entries, day);
    let waiting_on_you = match &opts.person {
        Some(person) => waiting_on(person, portfolio, &derived),
        None => Vec::new(),
    };
    Ok(Agenda {
        today,
        days: opts.days,
        person: opts.person.clone(),
        groups,
        waiting_on_you,
        next,
    })
}

/// Sorted entries in groups of one day (and whether it is a day to start
/// by): a new group where the day changes.
fn group_by_day(entries: Vec<Entry>, day: impl Fn(&Entry) -> (Option<Date>, bool)) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for e in entries {
        let (due, start) = day(&e);
        match groups.last_mut() {
            Some(g) if g.due == due && g.start == start => g.entries.push(e),
            _ => groups.push(Group {
                due,
                start,
                entries: vec![e],
            }),
        }
    }
    groups
}

/// The open deliverables of `person` that others' open deliverables
/// need, soonest need first.
fn waiting_on(person: &str, portfolio: &Portfolio, derived: &Derived) -> Vec<Waiting> {
    let graph = &derived.graph;
    let mut waiting_on_you = Vec::new();
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
    waiting_on_you
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
                start_by: start_by(portfolio, derived, r),
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

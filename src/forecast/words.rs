//! The forecast in words, once for every output: a deliverable's slip
//! (`forecast 2027-02-09 (+4 d)`), a milestone's state (`slipping +2 d →
//! 2027-02-24`), a slip chain (`← landing-page ← key-visual ← concepts
//! (late)`), and its root with its owner (`concepts is late (Northwind
//! Studio)`).

use super::pass::{Forecast, Item, MilestoneState};
use crate::derive::Derived;
use crate::model::{DeliverableRef, Portfolio, Status};

/// `forecast 2027-02-09 (+4 d)` for a slipping deliverable.
pub fn slip_words(item: &Item) -> Option<String> {
    item.slipping()
        .then(|| format!("forecast {} (+{} d)", item.date, item.slip))
}

/// A milestone's state: `on track`, `slipping +2 d → 2027-02-24`,
/// `missed, 2 open`, `passed`.
pub fn milestone_words(forecast: &Forecast, program: usize, milestone: usize) -> String {
    let Some(m) = forecast
        .milestones
        .get(program)
        .and_then(|ms| ms.get(milestone))
    else {
        return "on track".to_string();
    };
    match m.state {
        MilestoneState::OnTrack => "on track".to_string(),
        MilestoneState::Passed => "passed".to_string(),
        MilestoneState::Missed => format!("missed, {} open", m.open),
        MilestoneState::Slipping => format!("slipping +{} d → {}", m.slip, m.date),
    }
}

/// A chain of dense numbers in words, from `program`'s side: `← launch ←
/// landing-page ← concepts (late)`; ids of other programs as
/// `program/id`; the root says why it is there (late, blocked), and a
/// link whose own plan does not add up says by how much.
pub fn chain_words(
    portfolio: &Portfolio,
    derived: &Derived,
    program: usize,
    chain: &[usize],
) -> String {
    let g = &derived.graph;
    let mut out = String::new();
    for (k, &i) in chain.iter().enumerate() {
        let r = g.deliverable(i);
        out.push_str(" ← ");
        out.push_str(&id_from(portfolio, program, r));
        let own = derived.forecast.item(i).map_or(0, |it| it.own_slip);
        if k + 1 == chain.len()
            && let Some(why) = root_state(derived, r)
        {
            out.push_str(&format!(" ({why})"));
            continue;
        }
        if own > 0 {
            out.push_str(&format!(" (its own plan: +{own} d)"));
        }
    }
    out
}

/// Why the root of a chain is late: `late`, `blocked`; `None` when it is
/// on plan (its own plan, or its work, makes the slip).
fn root_state(derived: &Derived, r: crate::model::DeliverableRef) -> Option<&'static str> {
    let marks = derived.marks(r);
    if marks.late {
        Some("late")
    } else if marks.blocked {
        Some("blocked")
    } else {
        None
    }
}

/// The root of a chain and whose it is: `concepts is late (Northwind
/// Studio)`, `tracking is blocked (Priya Nair)`, `key-visual's own plan
/// adds 3 d (Northwind Studio)`.
pub fn root_words(
    portfolio: &Portfolio,
    derived: &Derived,
    program: usize,
    chain: &[usize],
) -> Option<String> {
    let &i = chain.last()?;
    let r = derived.graph.deliverable(i);
    let d = portfolio.deliverable(r);
    let id = id_from(portfolio, program, r);
    let owner = portfolio.person_name(&d.owner);
    let why = match root_state(derived, r) {
        Some(state) => format!("is {state}"),
        None if d.status == Status::Todo => {
            let own = derived.forecast.item(i).map_or(0, |it| it.own_slip);
            format!("needs more time than its plan gives (+{own} d)")
        }
        None => "is on plan".to_string(),
    };
    Some(format!("{id} {why} ({owner})"))
}

/// Why an open deliverable slips, in one line: `waits for concepts
/// (forecast 2027-02-01) + 8 days of work` or `late: at best done today`
/// or `blocked: from today, 12 days of work`; `None` when it is on plan.
pub fn why_words(portfolio: &Portfolio, derived: &Derived, i: usize) -> Option<String> {
    let item = derived.forecast.item(i)?;
    if !item.slipping() {
        return None;
    }
    let r = derived.graph.deliverable(i);
    let d = portfolio.deliverable(r);
    let work = match item.work {
        0 => String::new(),
        1 => " + 1 day of work".to_string(),
        n => format!(" + {n} days of work"),
    };
    Some(match item.cause {
        Some(c) => {
            let cr = derived.graph.deliverable(c);
            let id = id_from(portfolio, r.program, cr);
            let when = derived
                .forecast
                .item(c)
                .map_or(portfolio.deliverable(cr).due, |f| f.date);
            format!("waits for {id} (forecast {when}){work}")
        }
        None if d.status == Status::Blocked => format!("blocked: from today{work}"),
        None => "late: at best done today".to_string(),
    })
}

/// A deliverable's id as read from `program`'s side: `id` there,
/// `program/id` in another program.
fn id_from(portfolio: &Portfolio, program: usize, r: DeliverableRef) -> String {
    let id = &portfolio.deliverable(r).id;
    if r.program == program {
        id.clone()
    } else {
        format!("{}/{id}", portfolio.programs[r.program].id)
    }
}

//! The forward pass: see the module's comment ([`super`]).

use jiff::civil::Date;

use crate::dates::{days, days_between};
use crate::graph::NeedGraph;
use crate::model::{Milestone, Portfolio, Program, Status};

/// The forecast of one open deliverable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// When it can be done, at best.
    pub date: Date,
    /// Days past due (0: on plan).
    pub slip: i32,
    /// The open need (a dense number) whose forecast, plus this item's
    /// work, decides the forecast past due.
    pub cause: Option<usize>,
    /// The cause as `program/id`, for outputs that show part of the
    /// portfolio (the forecast is always the whole portfolio's).
    pub cause_name: Option<String>,
    /// Days of work left to do once the hand-offs arrive.
    pub work: i32,
    /// Days its own plan adds: its needs' due dates plus its work pass its
    /// due date even when everyone is on time (0: it adds up).
    pub own_slip: i32,
}

impl Item {
    pub fn slipping(&self) -> bool {
        self.slip > 0
    }
}

/// Where a milestone stands, the first that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MilestoneState {
    /// Its date is past and nothing it depends on is open.
    Passed,
    /// Its date is past with deliverables it depends on still open.
    Missed,
    /// Its forecast is past its date.
    Slipping,
    OnTrack,
}

impl MilestoneState {
    /// As JSON and the text outputs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneState::Passed => "passed",
            MilestoneState::Missed => "missed",
            MilestoneState::Slipping => "slipping",
            MilestoneState::OnTrack => "on-track",
        }
    }
}

/// The forecast of one milestone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneForecast {
    pub state: MilestoneState,
    pub date: Date,
    /// Days past its date (0: on track).
    pub slip: i32,
    /// Open deliverables it depends on directly.
    pub open: usize,
    /// The open deliverable that decides its forecast, when it slips.
    pub decider: Option<usize>,
    /// The slip chain as `program/id`, from the decider to the root.
    pub chain: Vec<String>,
}

/// The forecast of a whole portfolio for one today.
#[derive(Clone, Debug, Default)]
pub struct Forecast {
    /// By the graph's dense deliverable numbers; `None` for done and
    /// dropped deliverables (they have arrived).
    pub items: Vec<Option<Item>>,
    /// By program index, then milestone index.
    pub milestones: Vec<Vec<MilestoneForecast>>,
    /// By program index: the forecast end (`None`: no end and nothing open).
    pub ends: Vec<Option<Date>>,
}

impl Forecast {
    pub fn new(portfolio: &Portfolio, graph: &NeedGraph, today: Date) -> Forecast {
        let items = items(portfolio, graph, today);
        let mut forecast = Forecast {
            items,
            milestones: Vec::new(),
            ends: Vec::new(),
        };
        let milestones = portfolio
            .programs
            .iter()
            .enumerate()
            .map(|(p, prog)| {
                prog.milestones
                    .iter()
                    .map(|m| milestone(portfolio, graph, &forecast.items, p, m, today))
                    .collect()
            })
            .collect();
        forecast.milestones = milestones;
        forecast.ends = portfolio
            .programs
            .iter()
            .enumerate()
            .map(|(p, prog)| program_end(graph, &forecast.items, p, prog))
            .collect();
        // Names for what slips: the causes, and each slipping milestone's
        // chain (few; outputs of a part of the portfolio need them).
        let name = |i: usize| {
            let r = graph.deliverable(i);
            format!(
                "{}/{}",
                portfolio.programs[r.program].id,
                portfolio.deliverable(r).id
            )
        };
        for item in forecast.items.iter_mut().flatten() {
            item.cause_name = item.cause.map(name);
        }
        for p in 0..forecast.milestones.len() {
            for m in 0..forecast.milestones[p].len() {
                let chain: Vec<String> = forecast
                    .milestone_chain(p, m)
                    .into_iter()
                    .map(name)
                    .collect();
                forecast.milestones[p][m].chain = chain;
            }
        }
        forecast
    }

    pub fn item(&self, i: usize) -> Option<&Item> {
        self.items.get(i)?.as_ref()
    }

    /// The slip chain from `start` (a dense number): each item's cause in
    /// turn, `start` first, the root last. A cause is always earlier in
    /// the forward order, so the chain ends; it is capped all the same.
    pub fn chain(&self, start: usize) -> Vec<usize> {
        let mut out = vec![start];
        let mut at = start;
        while let Some(next) = self.item(at).and_then(|i| i.cause) {
            if out.len() > self.items.len() {
                break;
            }
            out.push(next);
            at = next;
        }
        out
    }

    /// The slice of this forecast for part of the portfolio: `keep[i]` is
    /// the full portfolio's dense number of the slice's deliverable `i`;
    /// causes outside the slice keep their names only.
    pub fn slice(&self, keep: &[usize], programs: &[usize]) -> Forecast {
        let mut at = std::collections::HashMap::new();
        for (new, &old) in keep.iter().enumerate() {
            at.insert(old, new);
        }
        let items = keep
            .iter()
            .map(|&old| {
                self.item(old).map(|item| Item {
                    cause: item.cause.and_then(|c| at.get(&c).copied()),
                    ..item.clone()
                })
            })
            .collect();
        let milestones = programs
            .iter()
            .map(|&p| {
                self.milestones.get(p).map_or_else(Vec::new, |ms| {
                    ms.iter()
                        .map(|m| MilestoneForecast {
                            decider: m.decider.and_then(|d| at.get(&d).copied()),
                            ..m.clone()
                        })
                        .collect()
                })
            })
            .collect();
        let ends = programs
            .iter()
            .map(|&p| self.ends.get(p).copied().flatten())
            .collect();
        Forecast {
            items,
            milestones,
            ends,
        }
    }

    /// A milestone's chain: from the deliverable that decides its
    /// forecast, down to the root; empty when it does not slip.
    pub fn milestone_chain(&self, program: usize, milestone: usize) -> Vec<usize> {
        self.milestones
            .get(program)
            .and_then(|ms| ms.get(milestone))
            .and_then(|m| m.decider)
            .map(|d| self.chain(d))
            .unwrap_or_default()
    }
}

/// Days of work an open deliverable has left once its hand-offs arrive:
/// `duration`, else `due − start`, else 0; none for work under way
/// (`doing`, `review`: its due date stands).
pub fn work(status: Status, duration: Option<u32>, start: Option<Date>, due: Date) -> i32 {
    match status {
        Status::Todo | Status::Blocked => match (duration, start) {
            (Some(d), _) => i32::try_from(d).unwrap_or(i32::MAX),
            (None, Some(start)) => days_between(start, due).max(0),
            (None, None) => 0,
        },
        _ => 0,
    }
}

fn items(portfolio: &Portfolio, graph: &NeedGraph, today: Date) -> Vec<Option<Item>> {
    let (order, in_loop) = graph.forward_order();
    let mut out: Vec<Option<Item>> = vec![None; graph.len()];
    for &i in &order {
        let d = portfolio.deliverable(graph.deliverable(i));
        if !d.status.is_open() {
            continue;
        }
        let work = work(d.status, d.duration, d.start, d.due);
        // A need in a loop counts as arrived (the pass must end), and a
        // closed one has arrived.
        let mut ready: Option<(Date, usize)> = None;
        let mut planned: Option<Date> = None;
        for &j in &graph.needs[i] {
            if in_loop[j] {
                continue;
            }
            let Some(need) = &out[j] else { continue };
            if ready.is_none_or(|(r, _)| need.date > r) {
                ready = Some((need.date, j));
            }
            let due = portfolio.deliverable(graph.deliverable(j)).due;
            planned = Some(planned.map_or(due, |p| p.max(due)));
        }
        let from_needs = ready.map(|(r, _)| r);
        let ready_date = match d.status {
            Status::Blocked => Some(from_needs.map_or(today, |r| r.max(today))),
            _ => from_needs,
        };
        let after = ready_date.map(|r| r.saturating_add(days(i64::from(work))));
        let date = d.due.max(today).max(after.unwrap_or(Date::MIN));
        let slip = days_between(d.due, date).max(0);
        let decides = after.is_some_and(|a| a == date && a > d.due);
        let cause = match ready {
            Some((r, j)) if slip > 0 && decides && Some(r) == ready_date => Some(j),
            _ => None,
        };
        let own = planned.map(|p| p.saturating_add(days(i64::from(work))));
        let own_slip = own.map_or(0, |o| days_between(d.due, o).max(0));
        out[i] = Some(Item {
            date,
            slip,
            cause,
            cause_name: None,
            work,
            own_slip,
        });
    }
    out
}

/// A milestone's forecast: its date, or later when what it depends on
/// (its `needs`, else the program's deliverables due on or before its
/// date, in file order) is forecast later.
fn milestone(
    portfolio: &Portfolio,
    graph: &NeedGraph,
    items: &[Option<Item>],
    program: usize,
    m: &Milestone,
    today: Date,
) -> MilestoneForecast {
    let depends = depends_on(portfolio, graph, program, m);
    let mut date = m.date;
    let mut decider = None;
    let mut open = 0;
    for j in depends {
        let Some(Some(item)) = items.get(j) else {
            continue;
        };
        open += 1;
        if item.date > date {
            date = item.date;
            decider = Some(j);
        }
    }
    let slip = days_between(m.date, date).max(0);
    let state = if m.date < today && open == 0 {
        MilestoneState::Passed
    } else if m.date < today {
        MilestoneState::Missed
    } else if slip > 0 {
        MilestoneState::Slipping
    } else {
        MilestoneState::OnTrack
    };
    MilestoneForecast {
        state,
        date,
        slip,
        open,
        decider,
        chain: Vec::new(),
    }
}

/// The dense numbers of what a milestone depends on, in the order that
/// breaks ties: its `needs` as listed (unknown ones left out: `check`
/// reports them), else the program's deliverables due on or before its
/// date, in file order.
pub fn depends_on(
    portfolio: &Portfolio,
    graph: &NeedGraph,
    program: usize,
    m: &Milestone,
) -> Vec<usize> {
    let Some(prog) = portfolio.programs.get(program) else {
        return Vec::new();
    };
    match &m.needs {
        Some(needs) => needs
            .iter()
            .filter_map(|n| graph.resolve(portfolio, program, n))
            .collect(),
        None => prog
            .deliverables
            .iter()
            .enumerate()
            .filter(|(_, d)| d.due <= m.date)
            .map(|(index, _)| graph.index(crate::model::DeliverableRef { program, index }))
            .collect(),
    }
}

/// The latest of the program's `end` and the forecasts of its open
/// deliverables; without `end`, the latest forecast, or none.
fn program_end(
    graph: &NeedGraph,
    items: &[Option<Item>],
    program: usize,
    prog: &Program,
) -> Option<Date> {
    let latest = (0..prog.deliverables.len())
        .filter_map(|index| {
            let i = graph.index(crate::model::DeliverableRef { program, index });
            items.get(i).and_then(Option::as_ref).map(|item| item.date)
        })
        .max();
    match (prog.end, latest) {
        (Some(end), Some(l)) => Some(end.max(l)),
        (end, l) => end.or(l),
    }
}

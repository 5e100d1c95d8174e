//! The report as the JSON object of docs/cli.md.

use serde::Serialize;

use super::View;
use std::collections::BTreeMap;

use crate::model::{Deliverable, DeliverableRef, Metric, Milestone, Number, Person, Program, Ring};
use crate::pace::{Standing, shared_measures};

#[derive(Serialize)]
struct Report<'a> {
    today: String,
    source: String,
    people: Vec<PersonOut<'a>>,
    programs: Vec<ProgramOut<'a>>,
    /// Every metric id used by two programs or more (docs/cli.md v3).
    metrics_by_id: BTreeMap<&'a str, MeasureOut<'a>>,
}

#[derive(Serialize)]
struct MeasureOut<'a> {
    programs: Vec<MeasureRowOut<'a>>,
    total: Option<TotalOut>,
}

#[derive(Serialize)]
struct MeasureRowOut<'a> {
    program: &'a str,
    actual: Option<NumberOut>,
    target: NumberOut,
    attainment: Option<f64>,
}

#[derive(Serialize)]
struct TotalOut {
    actual: NumberOut,
    target: NumberOut,
}

#[derive(Serialize)]
struct PersonOut<'a> {
    id: &'a str,
    name: &'a str,
    role: Option<&'a str>,
    org: Option<&'a str>,
    ring: Option<&'static str>,
    contact: Option<&'a str>,
}

#[derive(Serialize)]
struct ProgramOut<'a> {
    id: &'a str,
    name: &'a str,
    goal: Option<&'a str>,
    priority: Option<i64>,
    strategist: Option<&'a str>,
    lead: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    path: &'a str,
    progress: ProgressOut,
    team: TeamOut<'a>,
    milestones: Vec<MilestoneOut<'a>>,
    metrics: Vec<MetricOut<'a>>,
    deliverables: Vec<DeliverableOut<'a>>,
    /// The latest of `end` and the open deliverables' forecasts.
    forecast_end: Option<String>,
}

#[derive(Serialize)]
struct ProgressOut {
    done: usize,
    total: usize,
}

#[derive(Serialize)]
struct TeamOut<'a> {
    core: Vec<&'a str>,
    extended: Vec<&'a str>,
    partner: Vec<&'a str>,
}

#[derive(Serialize)]
struct MilestoneOut<'a> {
    name: &'a str,
    date: Day,
    /// As written (`null`: what is due by its date).
    needs: Option<Vec<&'a str>>,
    state: &'static str,
    forecast: Day,
    slip_days: i32,
    open: usize,
    /// `program/id`, from the milestone's side to the root.
    chain: Vec<&'a str>,
}

#[derive(Serialize)]
struct MetricOut<'a> {
    id: &'a str,
    name: &'a str,
    unit: Option<&'a str>,
    target: NumberOut,
    actual: Option<NumberOut>,
    owner: Option<&'a str>,
    better: &'static str,
    baseline: Option<NumberOut>,
    by: Option<String>,
    on_target: bool,
    /// A fraction; `null` without an actual.
    attainment: Option<f64>,
    /// The straight line's value today; `null` outside the pace window.
    expected: Option<f64>,
    behind_pace: Option<bool>,
}

/// Integers stay integers in the JSON.
#[derive(Serialize)]
#[serde(untagged)]
enum NumberOut {
    Int(i64),
    Float(f64),
}

impl From<Number> for NumberOut {
    fn from(n: Number) -> Self {
        match n {
            Number::Int(i) => NumberOut::Int(i),
            Number::Float(f) => NumberOut::Float(f),
        }
    }
}

#[derive(Serialize)]
struct DeliverableOut<'a> {
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    ring: Option<&'static str>,
    start: Option<Day>,
    due: Day,
    status: &'static str,
    needs: Vec<&'a str>,
    note: Option<&'a str>,
    late: bool,
    due_soon: bool,
    waiting: bool,
    at_risk: bool,
    days_late: i32,
    duration: Option<u32>,
    // Open deliverables only (not `flatten`: it serializes the whole
    // struct as a map, the slowest path of a 20,000-row report).
    #[serde(skip_serializing_if = "Option::is_none")]
    forecast: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slip_days: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slip_cause: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slipping: Option<bool>,
}

/// A date written as `YYYY-MM-DD` straight into the output (no `String`
/// per date).
struct Day(jiff::civil::Date);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

pub fn render(view: &View<'_>) -> String {
    // Written into room for the usual size (some 600 bytes a
    // deliverable), not grown by doubling through megabytes.
    let deliverables = view.plans.portfolio.deliverable_count();
    crate::escape::pretty_json_in(&report(view), 4096 + 640 * deliverables)
}

/// [`render`] written to `out` as it is made.
pub fn write(view: &View<'_>, out: impl std::io::Write) -> std::io::Result<()> {
    crate::escape::write_pretty_json(&report(view), out)
}

fn report<'a>(view: &'a View<'_>) -> Report<'a> {
    let portfolio = &view.plans.portfolio;
    Report {
        today: view.derived.today.to_string(),
        source: view.plans.source.label(),
        people: portfolio.people.iter().map(person).collect(),
        programs: view
            .programs()
            .into_iter()
            .map(|(p, prog)| program(view, p, prog))
            .collect(),
        metrics_by_id: measures(view),
    }
}

fn person(p: &Person) -> PersonOut<'_> {
    PersonOut {
        id: &p.id,
        name: &p.name,
        role: p.role.as_deref(),
        org: p.org.as_deref(),
        ring: p.ring.map(Ring::as_str),
        contact: p.contact.as_deref(),
    }
}

fn program<'a>(view: &'a View<'_>, p: usize, prog: &'a Program) -> ProgramOut<'a> {
    ProgramOut {
        id: &prog.id,
        name: &prog.name,
        goal: prog.goal.as_deref(),
        priority: prog.priority,
        strategist: prog.strategist.as_ref().map(|(s, _)| s.as_str()),
        lead: prog.lead.as_ref().map(|(s, _)| s.as_str()),
        start: prog.start.map(|d| d.to_string()),
        end: prog.end.map(|d| d.to_string()),
        path: &prog.path,
        progress: ProgressOut {
            done: view.derived.progress[p].done,
            total: view.derived.progress[p].total,
        },
        team: team(prog),
        milestones: prog
            .milestones
            .iter()
            .enumerate()
            .map(|(mi, m)| milestone(view, p, mi, m))
            .collect(),
        metrics: prog.metrics.iter().map(|m| metric(view, prog, m)).collect(),
        forecast_end: view
            .derived
            .forecast
            .ends
            .get(p)
            .copied()
            .flatten()
            .map(|d| d.to_string()),
        deliverables: prog
            .deliverables
            .iter()
            .enumerate()
            .map(|(index, d)| deliverable(view, DeliverableRef { program: p, index }, prog, d))
            .collect(),
    }
}

fn team(prog: &Program) -> TeamOut<'_> {
    let ring =
        |r: Ring| -> Vec<&str> { prog.team.ring(r).iter().map(|(s, _)| s.as_str()).collect() };
    TeamOut {
        core: ring(Ring::Core),
        extended: ring(Ring::Extended),
        partner: ring(Ring::Partner),
    }
}

fn deliverable<'a>(
    view: &'a View<'_>,
    at: DeliverableRef,
    prog: &'a Program,
    d: &'a Deliverable,
) -> DeliverableOut<'a> {
    let marks = view.derived.marks(at);
    let forecast = view.derived.forecast_of(at);
    DeliverableOut {
        id: &d.id,
        title: &d.title,
        owner: &d.owner,
        ring: view
            .plans
            .portfolio
            .ring_in(prog, &d.owner)
            .map(Ring::as_str),
        start: d.start.map(Day),
        due: Day(d.due),
        status: d.status.as_str(),
        needs: d.needs.iter().map(|n| n.raw.as_str()).collect(),
        note: d.note.as_deref(),
        late: marks.late,
        due_soon: marks.due_soon,
        waiting: marks.waiting,
        at_risk: marks.at_risk,
        days_late: marks.days_late,
        duration: d.duration,
        forecast: forecast.map(|f| Day(f.date)),
        slip_days: forecast.map(|f| f.slip),
        slip_cause: forecast.map(|f| f.cause_name.as_deref()),
        slipping: forecast.map(|f| f.slipping()),
    }
}

fn milestone<'a>(view: &View<'a>, p: usize, mi: usize, m: &'a Milestone) -> MilestoneOut<'a> {
    let f = view
        .derived
        .forecast
        .milestones
        .get(p)
        .and_then(|ms| ms.get(mi));
    MilestoneOut {
        name: &m.name,
        date: Day(m.date),
        needs: m
            .needs
            .as_ref()
            .map(|n| n.iter().map(|x| x.raw.as_str()).collect()),
        state: f.map_or("on-track", |f| f.state.as_str()),
        forecast: Day(f.map_or(m.date, |f| f.date)),
        slip_days: f.map_or(0, |f| f.slip),
        open: f.map_or(0, |f| f.open),
        chain: f.map_or_else(Vec::new, |f| f.chain.iter().map(String::as_str).collect()),
    }
}

fn metric<'a>(view: &View<'a>, prog: &Program, m: &'a Metric) -> MetricOut<'a> {
    let s = Standing::new(m, prog, view.derived.today);
    MetricOut {
        id: &m.id,
        name: &m.name,
        unit: m.unit.as_deref(),
        target: m.target.into(),
        actual: m.actual.map(Into::into),
        owner: m.owner.as_deref(),
        better: m.better.as_str(),
        baseline: m.baseline.map(Into::into),
        by: m.by.map(|d| d.to_string()),
        on_target: s.on_target,
        attainment: s.attainment,
        expected: s.expected,
        behind_pace: s.behind_pace,
    }
}

/// Each metric id two programs or more use, with their rows and a total
/// where the programs count it alike.
fn measures<'a>(view: &View<'a>) -> BTreeMap<&'a str, MeasureOut<'a>> {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    shared_measures(portfolio)
        .into_iter()
        .filter_map(|measure| {
            let rows: Vec<MeasureRowOut<'a>> = measure
                .rows
                .iter()
                .map(|&(p, mi)| {
                    let prog = &portfolio.programs[p];
                    let m = &prog.metrics[mi];
                    MeasureRowOut {
                        program: &prog.id,
                        actual: m.actual.map(Into::into),
                        target: m.target.into(),
                        attainment: Standing::new(m, prog, today).attainment,
                    }
                })
                .collect();
            let total = measure.total.map(|_| {
                let metrics = measure
                    .rows
                    .iter()
                    .map(|&(p, mi)| &portfolio.programs[p].metrics[mi]);
                TotalOut {
                    actual: sum(metrics.clone().filter_map(|m| m.actual)).into(),
                    target: sum(metrics.map(|m| m.target)).into(),
                }
            });
            let (p, mi) = *measure.rows.first()?;
            let id = portfolio.programs[p].metrics[mi].id.as_str();
            Some((
                id,
                MeasureOut {
                    programs: rows,
                    total,
                },
            ))
        })
        .collect()
}

/// A sum that stays whole while every term is.
fn sum(numbers: impl Iterator<Item = Number>) -> Number {
    numbers.fold(Number::Int(0), |acc, n| match (acc, n) {
        (Number::Int(a), Number::Int(b)) => a
            .checked_add(b)
            .map_or(Number::Float(a as f64 + b as f64), Number::Int),
        (a, b) => Number::Float(a.as_f64() + b.as_f64()),
    })
}

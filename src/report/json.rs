//! The report as the JSON object of docs/cli.md.

use serde::Serialize;

use super::View;
use crate::model::{DeliverableRef, Number, Ring};

#[derive(Serialize)]
struct Report<'a> {
    today: String,
    source: String,
    people: Vec<PersonOut<'a>>,
    programs: Vec<ProgramOut<'a>>,
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
    date: String,
}

#[derive(Serialize)]
struct MetricOut<'a> {
    id: &'a str,
    name: &'a str,
    unit: Option<&'a str>,
    target: NumberOut,
    actual: Option<NumberOut>,
    owner: Option<&'a str>,
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
    start: Option<String>,
    due: String,
    status: &'static str,
    needs: Vec<&'a str>,
    note: Option<&'a str>,
    late: bool,
    due_soon: bool,
    waiting: bool,
    at_risk: bool,
    days_late: i32,
}

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let report = Report {
        today: view.derived.today.to_string(),
        source: view.plans.source.label(),
        people: portfolio
            .people
            .iter()
            .map(|p| PersonOut {
                id: &p.id,
                name: &p.name,
                role: p.role.as_deref(),
                org: p.org.as_deref(),
                ring: p.ring.map(Ring::as_str),
                contact: p.contact.as_deref(),
            })
            .collect(),
        programs: view
            .programs()
            .into_iter()
            .map(|(p, prog)| ProgramOut {
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
                team: TeamOut {
                    core: prog
                        .team
                        .ring(Ring::Core)
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect(),
                    extended: prog
                        .team
                        .ring(Ring::Extended)
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect(),
                    partner: prog
                        .team
                        .ring(Ring::Partner)
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect(),
                },
                milestones: prog
                    .milestones
                    .iter()
                    .map(|m| MilestoneOut {
                        name: &m.name,
                        date: m.date.to_string(),
                    })
                    .collect(),
                metrics: prog
                    .metrics
                    .iter()
                    .map(|m| MetricOut {
                        id: &m.id,
                        name: &m.name,
                        unit: m.unit.as_deref(),
                        target: m.target.into(),
                        actual: m.actual.map(Into::into),
                        owner: m.owner.as_deref(),
                    })
                    .collect(),
                deliverables: prog
                    .deliverables
                    .iter()
                    .enumerate()
                    .map(|(index, d)| {
                        let marks = view.derived.marks(DeliverableRef { program: p, index });
                        DeliverableOut {
                            id: &d.id,
                            title: &d.title,
                            owner: &d.owner,
                            ring: portfolio.ring_in(prog, &d.owner).map(Ring::as_str),
                            start: d.start.map(|s| s.to_string()),
                            due: d.due.to_string(),
                            status: d.status.as_str(),
                            needs: d.needs.iter().map(|n| n.raw.as_str()).collect(),
                            note: d.note.as_deref(),
                            late: marks.late,
                            due_soon: marks.due_soon,
                            waiting: marks.waiting,
                            at_risk: marks.at_risk,
                            days_late: marks.days_late,
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    crate::text::pretty_json(&report)
}

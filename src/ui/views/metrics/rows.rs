//! The Metrics view's rows in each mode, by identity: by program (each
//! program's line, then its metrics) or by measure (each metric id two
//! programs or more use: its heading, a row per program, and its total
//! when the programs count it alike).

use crate::pace::shared_measures;
use crate::ui::selection::Selected;
use crate::ui::snapshot::Snapshot;

/// What the Metrics view shows; `t` goes to the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Mode {
    #[default]
    ByProgram,
    ByMeasure,
}

/// One row of the list.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Row {
    /// A program's line (an index into the plans' programs).
    Program(usize),
    /// A metric of a program: (program index, metric index).
    Metric(usize, usize),
    /// A measure's heading: its id and (program, metric) rows.
    Measure(String),
    /// A measure's total.
    Total(String),
}

pub(super) fn rows(mode: Mode, data: &Snapshot) -> Vec<Row> {
    let p = &data.plans.portfolio;
    match mode {
        Mode::ByProgram => data
            .programs
            .iter()
            .flat_map(|&pi| {
                std::iter::once(Row::Program(pi))
                    .chain((0..p.programs[pi].metrics.len()).map(move |m| Row::Metric(pi, m)))
            })
            .collect(),
        Mode::ByMeasure => {
            let mut out = Vec::new();
            for measure in shared_measures(p) {
                out.push(Row::Measure(measure.id.clone()));
                out.extend(measure.rows.iter().map(|&(pi, m)| Row::Metric(pi, m)));
                if measure.total.is_some() {
                    out.push(Row::Total(measure.id.clone()));
                }
            }
            out
        }
    }
}

pub(super) fn key(data: &Snapshot, row: &Row) -> Selected {
    let p = &data.plans.portfolio;
    match row {
        Row::Program(pi) => Selected::Program(p.programs[*pi].id.clone()),
        Row::Metric(pi, m) => Selected::Metric {
            program: p.programs[*pi].id.clone(),
            id: p.programs[*pi].metrics[*m].id.clone(),
        },
        Row::Measure(id) => Selected::Measure {
            id: id.clone(),
            total: false,
        },
        Row::Total(id) => Selected::Measure {
            id: id.clone(),
            total: true,
        },
    }
}

/// Whether a row matches a lower-case query: names and ids.
pub(super) fn matches(data: &Snapshot, row: &Row, q: &str) -> bool {
    let p = &data.plans.portfolio;
    match row {
        Row::Program(pi) => {
            let prog = &p.programs[*pi];
            prog.name.to_lowercase().contains(q) || prog.id.contains(q)
        }
        Row::Metric(pi, m) => {
            let metric = &p.programs[*pi].metrics[*m];
            metric.name.to_lowercase().contains(q) || metric.id.contains(q)
        }
        Row::Measure(id) | Row::Total(id) => id.contains(q),
    }
}

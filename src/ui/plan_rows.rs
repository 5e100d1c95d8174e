//! The Timeline's plan mode, built once per load (O(n log n) in the
//! deliverables): a row per deliverable, grouped by program in priority
//! order under a row naming the program, each with its bar (from `start`,
//! else due − work, else the due day, to due) and its forecast. The view
//! ([`super::views::timeline`]) only draws it.

use jiff::civil::Date;

use crate::derive::{Derived, days};
use crate::forecast::work;
use crate::load::Plans;
use crate::model::DeliverableRef;

/// One row of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanRow {
    /// A program's heading (an index into the plans' programs).
    Program(usize),
    Item(Bar),
}

/// A deliverable's bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    pub at: DeliverableRef,
    /// Where the bar starts: `start`, else due − work, else the due day.
    pub from: Date,
    pub due: Date,
    /// Open only: when it can be done, and the days past due.
    pub forecast: Option<(Date, i32)>,
}

/// The plan's rows, and the days they span (for the first screen).
#[derive(Clone, Debug, Default)]
pub struct PlanModel {
    pub rows: Vec<PlanRow>,
}

impl PlanModel {
    pub fn new(plans: &Plans, derived: &Derived, programs: &[usize]) -> PlanModel {
        let p = &plans.portfolio;
        let mut rows = Vec::with_capacity(p.deliverable_count() + programs.len());
        for &pi in programs {
            let Some(prog) = p.programs.get(pi) else {
                continue;
            };
            rows.push(PlanRow::Program(pi));
            let mut bars: Vec<Bar> = (0..prog.deliverables.len())
                .map(|index| {
                    let at = DeliverableRef { program: pi, index };
                    let d = &prog.deliverables[index];
                    let item = derived.forecast_of(at);
                    // The planned work, whatever the status (the bar is the
                    // plan; the forecast is drawn past it).
                    let work = work(crate::model::Status::Todo, d.duration, d.start, d.due);
                    let from = d
                        .start
                        .unwrap_or_else(|| d.due.saturating_sub(days(i64::from(work))))
                        .min(d.due);
                    Bar {
                        at,
                        from,
                        due: d.due,
                        forecast: item.map(|i| (i.date, i.slip)),
                    }
                })
                .collect();
            bars.sort_by_key(|b| (b.from, b.due, b.at.index));
            rows.extend(bars.into_iter().map(PlanRow::Item));
        }
        PlanModel { rows }
    }
}

//! What a change does to where the programs are heading (docs/cli.md v3,
//! `diff`'s Forecast section): each milestone and program end whose
//! forecast moved, and the deliverables that start or stop slipping, both
//! sides forecast at the same today.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::dates::days_between;
use crate::derive::Derived;
use crate::model::{Portfolio, Program};
use crate::pace::on_target;

/// A milestone's (or, `milestone: None`, the program end's) forecast moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForecastMove {
    pub program: String,
    pub milestone: Option<String>,
    #[serde(serialize_with = "date")]
    pub from: Date,
    #[serde(serialize_with = "date")]
    pub to: Date,
    /// `to − from` in days.
    pub days: i32,
}

/// A deliverable that starts or stops slipping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlipChange {
    pub program: String,
    pub id: String,
    /// Its slip in days before and after (0: on plan).
    pub from: i32,
    pub to: i32,
    /// The forecast after.
    #[serde(serialize_with = "date")]
    pub forecast: Date,
}

/// A metric whose actual crossed its target (docs/cli.md v3: `diff` says
/// when a metric reaches its target or falls back).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetCrossing {
    pub program: String,
    pub metric: String,
    /// `true`: now on target (reached, or back within a budget).
    pub reached: bool,
    /// The target after, and which way is better.
    pub target: f64,
    pub better: &'static str,
}

fn date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// At most this many moves and slip changes each are listed: a change
/// that moves everything says how many more there are instead.
pub const LIMIT: usize = 500;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForecastChanges {
    pub moves: Vec<ForecastMove>,
    pub slipping: Vec<SlipChange>,
    /// Metrics whose actual crossed its target, either way.
    pub targets: Vec<TargetCrossing>,
    /// Moves and slip changes past [`LIMIT`], not listed.
    pub left_out: usize,
}

impl ForecastChanges {
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty() && self.slipping.is_empty() && self.targets.is_empty()
    }
}

/// The forecast's changes from `old` to `new` (their derived states for
/// one today), in the new side's program order; milestones matched by
/// name (the nth of a name with the nth), deliverables by id.
pub fn forecast_changes(
    old: &Portfolio,
    new: &Portfolio,
    before: &Derived,
    after: &Derived,
) -> ForecastChanges {
    let mut out = ForecastChanges::default();
    for p in new.programs_by_priority() {
        let prog = &new.programs[p];
        let Some(q) = old.program_index(&prog.id) else {
            continue;
        };
        let was = &old.programs[q];
        let sides = (before, after);
        milestone_moves(&mut out.moves, (was, prog), (q, p), sides);
        end_move(&mut out.moves, prog, (q, p), sides);
        target_crossings(&mut out.targets, was, prog);
        slip_changes(&mut out.slipping, old, prog, (q, p), sides);
    }
    for list in [out.moves.len(), out.slipping.len()] {
        out.left_out += list.saturating_sub(LIMIT);
    }
    out.moves.truncate(LIMIT);
    out.slipping.truncate(LIMIT);
    out.left_out += out.targets.len().saturating_sub(LIMIT);
    out.targets.truncate(LIMIT);
    out
}

/// The milestones whose forecast moved, each matched with the nth
/// milestone of its name on the old side.
fn milestone_moves(
    moves: &mut Vec<ForecastMove>,
    (was, prog): (&Program, &Program),
    (q, p): (usize, usize),
    (before, after): (&Derived, &Derived),
) {
    // The nth milestone of a name on each side, by (name, n): linear.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut before_at: HashMap<(&str, usize), usize> = HashMap::new();
    for (oi, o) in was.milestones.iter().enumerate() {
        let n = seen.entry(o.name.as_str()).or_default();
        before_at.insert((o.name.as_str(), *n), oi);
        *n += 1;
    }
    seen.clear();
    for (mi, m) in prog.milestones.iter().enumerate() {
        let n = seen.entry(m.name.as_str()).or_default();
        let nth = *n;
        *n += 1;
        let Some(&oi) = before_at.get(&(m.name.as_str(), nth)) else {
            continue;
        };
        let (a, b) = (
            before.forecast.milestones.get(q).and_then(|ms| ms.get(oi)),
            after.forecast.milestones.get(p).and_then(|ms| ms.get(mi)),
        );
        if let (Some(a), Some(b)) = (a, b)
            && a.date != b.date
        {
            moves.push(ForecastMove {
                program: prog.id.clone(),
                milestone: Some(m.name.clone()),
                from: a.date,
                to: b.date,
                days: days_between(a.date, b.date),
            });
        }
    }
}

/// The program's forecast end, when it moved.
fn end_move(
    moves: &mut Vec<ForecastMove>,
    prog: &Program,
    (q, p): (usize, usize),
    (before, after): (&Derived, &Derived),
) {
    let (a, b) = (
        before.forecast.ends.get(q).copied().flatten(),
        after.forecast.ends.get(p).copied().flatten(),
    );
    if let (Some(a), Some(b)) = (a, b)
        && a != b
    {
        moves.push(ForecastMove {
            program: prog.id.clone(),
            milestone: None,
            from: a,
            to: b,
            days: days_between(a, b),
        });
    }
}

/// The metrics whose actual crossed its target, either way.
pub fn target_crossings(targets: &mut Vec<TargetCrossing>, was: &Program, prog: &Program) {
    for m in &prog.metrics {
        let Some(o) = was.metrics.iter().find(|o| o.id == m.id) else {
            continue;
        };
        let (then, now) = (on_target(o), on_target(m));
        if then != now && o.actual.is_some() && m.actual.is_some() {
            targets.push(TargetCrossing {
                program: prog.id.clone(),
                metric: m.id.clone(),
                reached: now,
                target: m.target.as_f64(),
                better: m.better.as_str(),
            });
        }
    }
}

/// The deliverables that started or stopped slipping.
fn slip_changes(
    slipping: &mut Vec<SlipChange>,
    old: &Portfolio,
    prog: &Program,
    (q, p): (usize, usize),
    (before, after): (&Derived, &Derived),
) {
    for (index, d) in prog.deliverables.iter().enumerate() {
        let now = after.forecast_of(crate::model::DeliverableRef { program: p, index });
        let then = old
            .deliverable_in(q, &d.id)
            .and_then(|r| before.forecast_of(r));
        let (from, to) = (then.map_or(0, |f| f.slip), now.map_or(0, |f| f.slip));
        if (from > 0) != (to > 0) {
            slipping.push(SlipChange {
                program: prog.id.clone(),
                id: d.id.clone(),
                from,
                to,
                forecast: now.map_or(d.due, |f| f.date),
            });
        }
    }
}

//! What a metric's numbers mean (docs/plan-format.md 1.1, "Metric pace"):
//! on target or not (a budget is on target while it stays under), how
//! much of the target is attained, and whether the actual is behind the
//! straight line from the baseline at the program's start to the target
//! at its `by` date. The same measure in several programs is compared,
//! with a total when the programs count it the same way.

use jiff::civil::Date;

use crate::dates::days_between;
use crate::model::{Better, Metric, Portfolio, Program};

/// A metric read for one today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Standing {
    pub better: Better,
    /// `None`: no actual yet (its own state, not 0%).
    pub actual: Option<f64>,
    pub target: f64,
    pub on_target: bool,
    /// A fraction (1.0 = the target); `None` without an actual, or for a
    /// target of 0 that cannot be divided by.
    pub attainment: Option<f64>,
    /// Where the straight line stands today; `None` outside the pace
    /// window (before the start, after `by`, without either).
    pub expected: Option<f64>,
    /// Behind the line (for `lower`: over it); `None` without a pace or an
    /// actual.
    pub behind_pace: Option<bool>,
}

impl Standing {
    pub(crate) fn new(metric: &Metric, program: &Program, today: Date) -> Standing {
        let target = metric.target.as_f64();
        let actual = metric.actual.map(|a| a.as_f64());
        let better = metric.better;
        let on_target = actual.is_some_and(|a| reaches(better, a, target));
        let attainment = actual.and_then(|a| attainment(better, a, target));
        let baseline = metric.baseline.map_or(0.0, |b| b.as_f64());
        let by = metric.by.or(program.end);
        let expected = match (program.start, by) {
            (Some(start), Some(by)) => expected(baseline, target, start, by, today),
            _ => None,
        };
        let behind_pace = match (actual, expected) {
            (Some(a), Some(e)) => Some(match better {
                Better::Higher => a < e,
                Better::Lower => a > e,
            }),
            _ => None,
        };
        Standing {
            better,
            actual,
            target,
            on_target,
            attainment,
            expected,
            behind_pace,
        }
    }

    /// `over budget`: a lower-is-better metric past its target.
    pub(crate) fn over_target(&self) -> bool {
        self.better == Better::Lower && self.actual.is_some_and(|a| a > self.target)
    }

    /// The words a person reads for the pace, if there is one:
    /// `behind pace` (`over pace` for lower is better) or `on pace`.
    pub(crate) fn pace_words(&self) -> Option<&'static str> {
        Some(match (self.behind_pace?, self.better) {
            (true, Better::Higher) => "behind pace",
            (true, Better::Lower) => "over pace",
            (false, _) => "on pace",
        })
    }
}

/// A metric's numbers in words, as every output says them: digits
/// grouped, the expected value rounded like the values it sits between.
pub(crate) struct Words {
    /// `310 / 1,200 leads`.
    pub values: String,
    /// `26%`, or `no actual yet`.
    pub attainment: String,
    /// `behind pace: 140 of an expected 371` (`over pace` for lower is
    /// better), `on pace: 310 of an expected 274`; `None` without a pace.
    pub pace: Option<String>,
    /// `over budget` for a lower-is-better metric past its target.
    pub over: Option<&'static str>,
}

impl Words {
    pub(crate) fn new(metric: &Metric, standing: &Standing) -> Words {
        let unit = metric
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" {u}"));
        let shown = |n: crate::model::Number| grouped(n.as_f64());
        let actual = metric.actual.map_or_else(|| "—".to_string(), shown);
        let values = format!("{actual} / {}{unit}", shown(metric.target));
        let attainment = match standing.attainment {
            Some(a) => format!("{}%", crate::derive::percent(a)),
            None => "no actual yet".to_string(),
        };
        let decimals = [Some(metric.target), metric.actual, metric.baseline]
            .into_iter()
            .flatten()
            .map(decimals_of)
            .max()
            .unwrap_or(0);
        let pace = match (standing.pace_words(), metric.actual, standing.expected) {
            (Some(words), Some(a), Some(e)) => Some(format!(
                "{words}: {} of an expected {}",
                shown(a),
                grouped(round_to(e, decimals))
            )),
            _ => None,
        };
        Words {
            values,
            attainment,
            pace,
            over: standing.over_target().then_some("over budget"),
        }
    }
}

/// Decimals a number is written with (at most 3, as shown).
fn decimals_of(n: crate::model::Number) -> u32 {
    match n {
        crate::model::Number::Int(_) => 0,
        crate::model::Number::Float(f) => {
            let text = grouped(f);
            text.split_once('.').map_or(0, |(_, d)| d.len() as u32)
        }
    }
}

fn round_to(x: f64, decimals: u32) -> f64 {
    let k = 10f64.powi(decimals as i32);
    (x * k).round() / k
}

/// On target: at or above it, or for `lower`, at or under it.
/// Whether a metric's actual meets its target by its own rule (a budget
/// while it stays under); without an actual, not.
pub(crate) fn on_target(metric: &Metric) -> bool {
    metric
        .actual
        .is_some_and(|a| reaches(metric.better, a.as_f64(), metric.target.as_f64()))
}

fn reaches(better: Better, actual: f64, target: f64) -> bool {
    match better {
        Better::Higher => actual >= target,
        Better::Lower => actual <= target,
    }
}

/// Higher: actual / target; lower: 1.0 while at or under the target,
/// else target / actual. A target (or, for lower, an actual) of 0 cannot
/// be divided by: reached or not, 1.0 or 0.0.
pub(crate) fn attainment(better: Better, actual: f64, target: f64) -> Option<f64> {
    let ratio = match better {
        Better::Higher if target != 0.0 => actual / target,
        Better::Lower if actual <= target => 1.0,
        Better::Lower if actual != 0.0 => target / actual,
        _ if reaches(better, actual, target) => 1.0,
        _ => 0.0,
    };
    ratio.is_finite().then_some(ratio)
}

/// The straight line from `baseline` at `start` to `target` at `by`, read
/// at `today`; only for start <= today <= by and start < by.
pub(crate) fn expected(
    baseline: f64,
    target: f64,
    start: Date,
    by: Date,
    today: Date,
) -> Option<f64> {
    if start >= by || today < start || today > by {
        return None;
    }
    let span = f64::from(days_between(start, by));
    let gone = f64::from(days_between(start, today));
    Some(baseline + (target - baseline) * gone / span)
}

/// Average attainment of a program's metrics that have an actual, each by
/// its own rule (a budget under target counts 100%, not its spend).
pub(crate) fn average_attainment(program: &Program, today: Date) -> Option<f64> {
    let ratios: Vec<f64> = program
        .metrics
        .iter()
        .filter_map(|m| Standing::new(m, program, today).attainment)
        .collect();
    (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
}

/// One measure (a metric id) used by two programs or more.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Measure {
    pub id: String,
    /// (program index, metric index) in program order.
    pub rows: Vec<(usize, usize)>,
    /// Sum of actuals against sum of targets, when every program counts it
    /// in the same unit with the same `better`; `None` otherwise.
    pub total: Option<Total>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Total {
    pub actual: f64,
    pub target: f64,
    pub better: Better,
}

/// Every metric id used by two programs or more, by id.
pub(crate) fn shared_measures(portfolio: &Portfolio) -> Vec<Measure> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<(usize, usize)>> = Default::default();
    // Rows in the programs' priority order, as every list of programs.
    for p in portfolio.programs_by_priority() {
        let prog = &portfolio.programs[p];
        for (m, metric) in prog.metrics.iter().enumerate() {
            by_id.entry(metric.id.as_str()).or_default().push((p, m));
        }
    }
    by_id
        .into_iter()
        .filter(|(_, rows)| {
            rows.iter()
                .map(|(p, _)| p)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                > 1
        })
        .map(|(id, rows)| {
            let metric = |&(p, m): &(usize, usize)| &portfolio.programs[p].metrics[m];
            let first = metric(&rows[0]);
            let agree = rows
                .iter()
                .map(metric)
                .all(|m| m.unit == first.unit && m.better == first.better);
            let total = agree.then(|| Total {
                actual: rows
                    .iter()
                    .map(metric)
                    .filter_map(|m| m.actual)
                    .map(|a| a.as_f64())
                    .sum(),
                target: rows.iter().map(metric).map(|m| m.target.as_f64()).sum(),
                better: first.better,
            });
            Measure {
                id: id.to_string(),
                rows,
                total,
            }
        })
        .collect()
}

/// A number as people read it: digits grouped by thousands (`1,200`,
/// `12,500.5`), at most three decimals, no trailing zeros.
pub(crate) fn grouped(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded = (x * 1000.0).round() / 1000.0;
    let negative = rounded < 0.0;
    let text = format!("{:.3}", rounded.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if negative && (whole != "0" || !frac.is_empty()) {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn attainment_by_each_rule() {
        assert_eq!(
            attainment(Better::Higher, 430.0, 1200.0),
            Some(430.0 / 1200.0)
        );
        assert_eq!(attainment(Better::Higher, 1500.0, 1200.0), Some(1.25));
        assert_eq!(
            attainment(Better::Lower, 34.0, 50.0),
            Some(1.0),
            "under budget"
        );
        assert_eq!(
            attainment(Better::Lower, 60.0, 48.0),
            Some(0.8),
            "over: target / actual"
        );
        assert_eq!(attainment(Better::Higher, 5.0, 0.0), Some(1.0));
        assert_eq!(attainment(Better::Higher, -1.0, 0.0), Some(0.0));
        assert_eq!(attainment(Better::Lower, 0.0, 0.0), Some(1.0));
    }

    #[test]
    fn the_straight_line_by_hand() {
        let (start, by) = (date(2027, 1, 1), date(2027, 4, 11));
        // 100 days from 0 to 1,000: 10 a day.
        assert_eq!(
            expected(0.0, 1000.0, start, by, date(2026, 12, 31)),
            None,
            "before start"
        );
        assert_eq!(
            expected(0.0, 1000.0, start, by, start),
            Some(0.0),
            "on start"
        );
        assert_eq!(
            expected(0.0, 1000.0, start, by, date(2027, 2, 1)),
            Some(310.0),
            "mid-way"
        );
        assert_eq!(expected(0.0, 1000.0, start, by, by), Some(1000.0), "on by");
        assert_eq!(
            expected(0.0, 1000.0, start, by, date(2027, 4, 12)),
            None,
            "after by"
        );
        assert_eq!(
            expected(0.0, 1000.0, start, start, start),
            None,
            "start = by"
        );
        // A baseline above the target (a cost brought down): 80 → 40.
        assert_eq!(
            expected(80.0, 40.0, start, by, date(2027, 2, 20)),
            Some(60.0)
        );
    }

    #[test]
    fn grouped_digits() {
        assert_eq!(grouped(1200.0), "1,200");
        assert_eq!(grouped(12500.5), "12,500.5");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(1_234_567.125), "1,234,567.125");
        assert_eq!(grouped(0.1 + 0.2), "0.3");
        assert_eq!(grouped(-4200.0), "-4,200");
        assert_eq!(grouped(-0.0001), "0");
        assert_eq!(grouped(0.0), "0");
    }
}

#[cfg(test)]
mod standing_tests {
    use std::sync::Arc;

    use jiff::civil::date;

    use super::*;
    use crate::model::Number;
    use crate::parse::parse_file;

    /// A program from 01-01 to 04-11 (100 days) with one metric; the 1.1
    /// keys are set on the model.
    fn program(target: f64, actual: Option<f64>, better: Better, baseline: Option<f64>) -> Program {
        let text = "[program]\nname = \"P\"\nstart = 2027-01-01\nend = 2027-04-11\n\n[[metric]]\nid = \"m\"\nname = \"M\"\ntarget = 1\n";
        let mut p = parse_file(Arc::from("boards/p.toml"), text.as_bytes())
            .program
            .expect("program");
        let m = &mut p.metrics[0];
        m.target = Number::Float(target);
        m.actual = actual.map(Number::Float);
        m.better = better;
        m.baseline = baseline.map(Number::Float);
        p
    }

    fn standing(p: &Program, today: Date) -> Standing {
        Standing::new(&p.metrics[0], p, today)
    }

    #[test]
    fn no_actual_yet_is_its_own_state() {
        let p = program(1000.0, None, Better::Higher, None);
        let s = standing(&p, date(2027, 2, 1));
        assert!(!s.on_target);
        assert_eq!((s.attainment, s.behind_pace), (None, None));
        assert_eq!(s.expected, Some(310.0), "the line is there all the same");
    }

    #[test]
    fn pace_mid_way_before_start_and_after_by() {
        let p = program(1000.0, Some(140.0), Better::Higher, None);
        let s = standing(&p, date(2027, 2, 1));
        assert_eq!((s.expected, s.behind_pace), (Some(310.0), Some(true)));
        assert_eq!(s.pace_words(), Some("behind pace"));
        let s = standing(&p, date(2026, 12, 1));
        assert_eq!(
            (s.expected, s.behind_pace, s.pace_words()),
            (None, None, None)
        );
        let s = standing(&p, date(2027, 5, 1));
        assert_eq!(
            (s.expected, s.on_target),
            (None, false),
            "after by: on target or not"
        );
        // Without an end or a `by`, no pace.
        let mut open = p.clone();
        open.end = None;
        assert_eq!(standing(&open, date(2027, 2, 1)).expected, None);
        // `by` wins over the program's end.
        open.metrics[0].by = Some(date(2027, 2, 10));
        assert_eq!(
            standing(&open, date(2027, 2, 1)).expected,
            Some(1000.0 * 31.0 / 40.0)
        );
    }

    #[test]
    fn lower_is_better_with_a_baseline_above_the_target() {
        // Cost per lead from 80 down to 40 over 100 days; 50 days in: 60.
        let p = program(40.0, Some(65.0), Better::Lower, Some(80.0));
        let s = standing(&p, date(2027, 2, 20));
        assert_eq!(s.expected, Some(60.0));
        assert_eq!(s.behind_pace, Some(true));
        assert_eq!(s.pace_words(), Some("over pace"));
        assert!(!s.on_target && s.over_target());
        assert_eq!(s.attainment, Some(40.0 / 65.0));
        let under = program(40.0, Some(38.0), Better::Lower, Some(80.0));
        let s = standing(&under, date(2027, 2, 20));
        assert!(s.on_target && !s.over_target());
        assert_eq!((s.attainment, s.behind_pace), (Some(1.0), Some(false)));
    }

    #[test]
    fn average_attainment_counts_each_metric_by_its_rule() {
        let mut p = program(1000.0, Some(500.0), Better::Higher, None);
        let mut budget = p.metrics[0].clone();
        budget.id = "budget".into();
        budget.better = Better::Lower;
        budget.target = Number::Int(50_000);
        budget.actual = Some(Number::Int(17_000));
        p.metrics.push(budget);
        // 50% and a budget under target (100%, not 34%).
        assert_eq!(average_attainment(&p, date(2027, 2, 1)), Some(0.75));
    }
}

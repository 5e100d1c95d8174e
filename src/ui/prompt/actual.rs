//! The number input of a metric's actual (`v` in Metrics): a number sets
//! it, `+N` or `-N` adds to it or takes from it, as `set PROGRAM/METRIC
//! actual=N`, `actual+=N` and `actual-=N` do; a line under it says what
//! the actual would become and how the metric would then stand (or why
//! what is typed is not a number). Pure: the metric is read from the plans
//! given, nothing is written here.

use jiff::civil::Date;

use super::input::LineInput;
use crate::model::{Metric, Number, Program};
use crate::pace::{Standing, grouped};
use crate::ui::selection::MetricKey;
use crate::write::{MetricEdit, add_to_number as add, metric_number as number};

/// The input and the metric it writes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualInput {
    pub metric: MetricKey,
    pub input: LineInput,
}

/// What to type, said when nothing or something else is typed.
const HOW: &str = "type a number: 200 sets it, +60 adds, -5 takes away (digits, no separators)";

impl ActualInput {
    pub fn new(metric: MetricKey) -> ActualInput {
        ActualInput {
            metric,
            input: LineInput::default(),
        }
    }

    /// The edit the text typed asks for.
    pub fn edit(&self) -> Result<MetricEdit, String> {
        edit_of(&self.input.text())
    }

    /// The line under the input: `140 → 200 (+60) · 17% of target · behind
    /// pace`; `Ok(None)` while nothing is typed; `Err` with what to type.
    pub fn preview(
        &self,
        program: &Program,
        metric: &Metric,
        today: Date,
    ) -> Result<Option<String>, String> {
        if self.input.text().trim().is_empty() {
            return Ok(None);
        }
        let new = resulting(&self.edit()?, metric.actual);
        Ok(Some(preview(program, metric, new, today)))
    }
}

/// `200` sets, `+60` adds, `-5` takes away.
pub(crate) fn edit_of(text: &str) -> Result<MetricEdit, String> {
    let t = text.trim();
    let (sign, digits) = match t.strip_prefix('+') {
        Some(rest) => (Some(1), rest.trim_start()),
        None => match t.strip_prefix('-') {
            Some(rest) => (Some(-1), rest.trim_start()),
            None => (None, t),
        },
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return Err(HOW.to_string());
    }
    let n = number("actual", digits).map_err(|_| format!("not a number: {HOW}"))?;
    Ok(match sign {
        Some(s) => MetricEdit::AddToActual(if s < 0 { negated(n) } else { n }),
        None => MetricEdit::Actual(Some(n)),
    })
}

fn negated(n: Number) -> Number {
    match n {
        Number::Int(i) => i
            .checked_neg()
            .map_or(Number::Float(-(i as f64)), Number::Int),
        Number::Float(f) => Number::Float(-f),
    }
}

/// The actual an edit leaves, from `current`, as the write path works it
/// out.
pub(crate) fn resulting(edit: &MetricEdit, current: Option<Number>) -> Option<Number> {
    match edit {
        MetricEdit::Actual(n) => *n,
        MetricEdit::AddToActual(d) => Some(add(current, *d)),
        _ => current,
    }
}

/// `140 → 200 (+60) · 17% of target · behind pace`.
fn preview(program: &Program, metric: &Metric, new: Option<Number>, today: Date) -> String {
    let from = metric
        .actual
        .map_or_else(|| "no actual".to_string(), |a| grouped(a.as_f64()));
    let to = new.map_or_else(|| "no actual".to_string(), |a| grouped(a.as_f64()));
    let mut parts = Vec::new();
    let delta = new.map(|n| n.as_f64() - metric.actual.map_or(0.0, |a| a.as_f64()));
    parts.push(match delta {
        Some(d) if d < 0.0 => format!("{from} → {to} (-{})", grouped(-d)),
        Some(d) => format!("{from} → {to} (+{})", grouped(d)),
        None => format!("{from} → {to}"),
    });
    let after = Metric {
        actual: new,
        ..metric.clone()
    };
    let standing = Standing::new(&after, program, today);
    if let Some(a) = standing.attainment {
        parts.push(format!("{}% of target", crate::derive::percent(a)));
    }
    if standing.over_target() {
        parts.push("over budget".to_string());
    } else if let Some(words) = standing.pace_words() {
        parts.push(words.to_string());
    } else if standing.on_target {
        parts.push("on target".to_string());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_add_and_take_away_a_plain_number_sets() {
        assert_eq!(edit_of("+60"), Ok(MetricEdit::AddToActual(Number::Int(60))));
        assert_eq!(
            edit_of(" -5 "),
            Ok(MetricEdit::AddToActual(Number::Int(-5)))
        );
        assert_eq!(
            edit_of("200"),
            Ok(MetricEdit::Actual(Some(Number::Int(200))))
        );
        assert_eq!(
            edit_of("0.5"),
            Ok(MetricEdit::Actual(Some(Number::Float(0.5))))
        );
        for bad in ["", "+", "--5", "lots", "1,200", "+ten", "inf"] {
            assert!(edit_of(bad).is_err(), "{bad}");
        }
        assert_eq!(
            resulting(
                &MetricEdit::AddToActual(Number::Int(60)),
                Some(Number::Int(140))
            ),
            Some(Number::Int(200))
        );
        assert_eq!(
            resulting(&MetricEdit::AddToActual(Number::Int(-5)), None),
            Some(Number::Int(-5))
        );
    }
}

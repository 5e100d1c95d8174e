//! Updating a metric (docs/cli.md v3): `set PROGRAM/METRIC actual=N`,
//! `actual+=N`, `actual-=N`, `target=`, `baseline=`, `better=`, `by=`,
//! `owner=`, `name=`, `unit=`, through the same write path as a
//! deliverable's (byte-exact, checked, locked). An integer stays an
//! integer: a sum is written as a float only when it is not whole.

use jiff::civil::Date;

use super::edit::{DateEdit, bad_field, date};
use super::plan::{draft, reparse, source};
use super::toml_text::{self, Repr, Splice, Tables};
use super::{Draft, Expected, PlanFiles, WriteError};
use crate::format::Field;
use crate::model::{Better, Metric, Number};
use crate::suggest::{did_you_mean, did_you_mean_id};

/// The fields `set` changes on a metric.
pub const METRIC_FIELDS: [&str; 8] = [
    "actual", "target", "baseline", "better", "by", "owner", "name", "unit",
];

/// One change to one field of a metric.
#[derive(Clone, Debug, PartialEq)]
pub enum MetricEdit {
    /// `None` removes it (no actual yet).
    Actual(Option<Number>),
    /// `actual+=N` (a negative N for `actual-=N`).
    AddToActual(Number),
    Target(Number),
    /// `None` removes it (0 again).
    Baseline(Option<Number>),
    Better(Better),
    /// `None` removes it (the program's end again).
    By(Option<DateEdit>),
    /// `None` removes it.
    Owner(Option<String>),
    Name(String),
    /// `None` removes it.
    Unit(Option<String>),
}

impl MetricEdit {
    pub fn field(&self) -> Field {
        match self {
            MetricEdit::Actual(_) | MetricEdit::AddToActual(_) => Field::Actual,
            MetricEdit::Target(_) => Field::Target,
            MetricEdit::Baseline(_) => Field::Baseline,
            MetricEdit::Better(_) => Field::Better,
            MetricEdit::By(_) => Field::By,
            MetricEdit::Owner(_) => Field::Owner,
            MetricEdit::Name(_) => Field::Name,
            MetricEdit::Unit(_) => Field::Unit,
        }
    }

    /// Reads `FIELD=VALUE`, `actual+=N` or `actual-=N`.
    pub fn parse(arg: &str) -> Result<MetricEdit, WriteError> {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(WriteError::BadEdit {
                arg: arg.to_string(),
            });
        };
        let (name, sign) = match key.strip_suffix('+') {
            Some(f) => (f.trim(), Some(1.0)),
            None => match key.strip_suffix('-') {
                Some(f) => (f.trim(), Some(-1.0)),
                None => (key.trim(), None),
            },
        };
        if !METRIC_FIELDS.contains(&name) {
            return Err(WriteError::UnknownField {
                field: name.to_string(),
                hint: did_you_mean(name, METRIC_FIELDS),
            });
        }
        if sign.is_some() && name != "actual" {
            return Err(bad_field(name, value, "only `actual` takes += and -="));
        }
        let text = |v: &str| (!v.is_empty()).then(|| v.to_string());
        Ok(match (name, sign) {
            ("actual", Some(s)) => MetricEdit::AddToActual(negate(number(name, value)?, s)),
            ("actual", None) if value.is_empty() => MetricEdit::Actual(None),
            ("actual", None) => MetricEdit::Actual(Some(number(name, value)?)),
            ("target", _) => MetricEdit::Target(number(name, value)?),
            ("baseline", _) if value.is_empty() => MetricEdit::Baseline(None),
            ("baseline", _) => MetricEdit::Baseline(Some(number(name, value)?)),
            ("better", _) => MetricEdit::Better(Better::parse(value.trim()).ok_or_else(|| {
                bad_field(
                    name,
                    value,
                    &format!(
                        "write higher or lower{}",
                        did_you_mean(value, ["higher", "lower"])
                    ),
                )
            })?),
            ("by", _) if value.is_empty() => MetricEdit::By(None),
            ("by", _) => MetricEdit::By(Some(date(Field::By, value)?)),
            ("owner", _) => MetricEdit::Owner(text(value.trim())),
            ("name", _) if value.trim().is_empty() => {
                return Err(bad_field(name, value, "cannot be empty"));
            }
            ("name", _) => MetricEdit::Name(value.to_string()),
            _ => MetricEdit::Unit(text(value)),
        })
    }
}

/// A number as written: a whole number stays whole; `1,200` and words are
/// refused with what to write.
pub fn number(field: &str, value: &str) -> Result<Number, WriteError> {
    let v = value.trim();
    let whole = v
        .strip_prefix(['+', '-'])
        .unwrap_or(v)
        .bytes()
        .all(|b| b.is_ascii_digit());
    if whole
        && !v.is_empty()
        && let Ok(n) = v.parse::<i64>()
    {
        return Ok(Number::Int(n));
    }
    match v.parse::<f64>() {
        Ok(f) if f.is_finite() && !v.contains(['i', 'I', 'n', 'N']) => Ok(Number::Float(f)),
        _ => Err(bad_field(
            field,
            value,
            "not a number: write digits, e.g. 1200 or 0.035 (no thousands separators)",
        )),
    }
}

fn negate(n: Number, sign: f64) -> Number {
    match n {
        Number::Int(i) if sign < 0.0 => i
            .checked_neg()
            .map_or(Number::Float(-(i as f64)), Number::Int),
        Number::Float(f) if sign < 0.0 => Number::Float(-f),
        n => n,
    }
}

/// `current + delta`: whole while both are, and written whole when the
/// sum is whole and the current value was (`actual+=0.5` on 120 writes
/// 120.5; `actual+=1.0` on 120 writes 121).
pub fn add(current: Option<Number>, delta: Number) -> Number {
    let current = current.unwrap_or(Number::Int(0));
    if let (Number::Int(a), Number::Int(b)) = (current, delta)
        && let Some(sum) = a.checked_add(b)
    {
        return Number::Int(sum);
    }
    // Rounded to the decimals the two numbers are written with: 0.1 + 0.2
    // is written 0.3, not 0.30000000000000004.
    let decimals = decimals(current).max(decimals(delta));
    let k = 10f64.powi(decimals as i32);
    let sum = ((current.as_f64() + delta.as_f64()) * k).round() / k;
    let was_whole = matches!(current, Number::Int(_));
    if was_whole && sum.fract() == 0.0 && sum.abs() < 9.0e15 {
        Number::Int(sum as i64)
    } else {
        Number::Float(sum)
    }
}

/// The decimals a number is written with (none for an exponent form).
fn decimals(n: Number) -> u32 {
    match n {
        Number::Int(_) => 0,
        Number::Float(f) => {
            let text = format!("{f:?}");
            match text.split_once('.') {
                Some((_, d)) if !d.contains(['e', 'E']) => d.len().min(15) as u32,
                _ => 0,
            }
        }
    }
}

/// A number as TOML writes it: a float always with a `.` or an exponent.
pub(super) fn toml_number(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        // Rust's debug form of an f64 is a valid TOML float: `120.5`,
        // `3.0`, `1e21`.
        Number::Float(f) => format!("{f:?}"),
    }
}

/// What `set PROGRAM/ID` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetTarget {
    Deliverable { program: String, id: String },
    Metric { program: String, id: String },
}

/// Which item `target` (`PROGRAM/ID`) names: a deliverable or a metric.
/// An id both have is refused as ambiguous unless `metric` (`--metric`)
/// chooses the metric; an unknown one gets a did-you-mean over both.
pub fn set_target(files: &PlanFiles, target: &str, metric: bool) -> Result<SetTarget, WriteError> {
    let (program, id) = target
        .split_once('/')
        .filter(|(p, d)| !p.is_empty() && !d.is_empty() && !d.contains('/'))
        .ok_or_else(|| WriteError::BadTarget(target.to_string()))?;
    let src = source(files, program)?;
    let p = &src.program;
    let has_metric = p.metrics.iter().any(|m| m.id == id);
    let has_deliverable = p.deliverable(id).is_some();
    let (program, id) = (program.to_string(), id.to_string());
    match (metric, has_deliverable, has_metric) {
        (true, _, true) | (false, false, true) => Ok(SetTarget::Metric { program, id }),
        (true, _, false) => Err(WriteError::UnknownMetric {
            hint: did_you_mean_id(&id, p.metrics.iter().map(|m| m.id.as_str())),
            program,
            id,
        }),
        (false, true, true) => Err(WriteError::Ambiguous { program, id }),
        (false, true, false) => Ok(SetTarget::Deliverable { program, id }),
        (false, false, false) => {
            let ids = p
                .deliverables
                .iter()
                .map(|d| d.id.as_str())
                .chain(p.metrics.iter().map(|m| m.id.as_str()));
            Err(WriteError::UnknownDeliverable {
                hint: did_you_mean_id(&id, ids),
                program,
                id,
            })
        }
    }
}

/// Plans `ringboard set PROGRAM/METRIC FIELD=VALUE...`.
pub fn plan_set_metric(
    files: &PlanFiles,
    program: &str,
    id: &str,
    edits: &[MetricEdit],
) -> Result<Draft, WriteError> {
    let src = source(files, program)?;
    let Some(mut current) = src.program.metrics.iter().find(|m| m.id == id).cloned() else {
        let ids = src.program.metrics.iter().map(|m| m.id.as_str());
        return Err(WriteError::UnknownMetric {
            program: program.to_string(),
            id: id.to_string(),
            hint: did_you_mean_id(id, ids),
        });
    };
    for e in edits {
        if let MetricEdit::Owner(Some(owner)) = e {
            super::plan::owner_by_name(files, owner)?;
        }
    }
    let mut fields: Vec<Field> = Vec::new();
    for e in edits {
        if fields.contains(&e.field()) {
            return Err(WriteError::TwiceGiven {
                field: e.field().to_string(),
            });
        }
        fields.push(e.field());
    }
    let mut text = src.text.to_string();
    for e in edits {
        let splice = splice(e, &current)?;
        text = toml_text::apply_in(&text, Tables::Metric, id, &splice).map_err(|why| {
            WriteError::CannotEdit {
                path: src.raw.path.to_string(),
                why,
            }
        })?;
        if let Some(m) =
            reparse(&src.raw.path, &text).and_then(|p| p.metrics.into_iter().find(|m| m.id == id))
        {
            current = m;
        }
    }
    draft(files, &src, id, text, Expected::MetricFields(fields))
}

fn splice(edit: &MetricEdit, current: &Metric) -> Result<Splice, WriteError> {
    let set = |key, text: String| Splice::Set {
        key,
        value: Repr::Raw(text),
    };
    let words = |key, s: &str| Splice::Set {
        key,
        value: Repr::Str(s.to_string()),
    };
    Ok(match edit {
        MetricEdit::Actual(None) => Splice::Remove { key: "actual" },
        MetricEdit::Actual(Some(n)) => set("actual", toml_number(*n)),
        MetricEdit::AddToActual(d) => set("actual", toml_number(add(current.actual, *d))),
        MetricEdit::Target(n) => set("target", toml_number(*n)),
        MetricEdit::Baseline(None) => Splice::Remove { key: "baseline" },
        MetricEdit::Baseline(Some(n)) => set("baseline", toml_number(*n)),
        MetricEdit::Better(b) => words("better", b.as_str()),
        MetricEdit::By(None) => Splice::Remove { key: "by" },
        MetricEdit::By(Some(e)) => {
            let d: Date = e.resolve(Field::By, current.by)?;
            set("by", d.to_string())
        }
        MetricEdit::Owner(None) => Splice::Remove { key: "owner" },
        MetricEdit::Owner(Some(o)) => words("owner", o),
        MetricEdit::Name(n) => words("name", n),
        MetricEdit::Unit(None) => Splice::Remove { key: "unit" },
        MetricEdit::Unit(Some(u)) => words("unit", u),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_stay_whole_when_they_can() {
        assert_eq!(
            add(Some(Number::Int(120)), Number::Int(60)),
            Number::Int(180)
        );
        assert_eq!(
            add(Some(Number::Int(120)), Number::Float(0.5)),
            Number::Float(120.5)
        );
        assert_eq!(
            add(Some(Number::Int(120)), Number::Float(1.0)),
            Number::Int(121)
        );
        assert_eq!(
            add(Some(Number::Float(14.5)), Number::Float(0.5)),
            Number::Float(15.0)
        );
        assert_eq!(
            add(Some(Number::Float(0.1)), Number::Float(0.2)),
            Number::Float(0.3)
        );
        assert_eq!(add(None, Number::Int(5)), Number::Int(5));
        assert_eq!(toml_number(Number::Float(15.0)), "15.0");
        assert_eq!(toml_number(Number::Float(120.5)), "120.5");
        assert_eq!(toml_number(Number::Int(-3)), "-3");
    }

    #[test]
    fn numbers_and_refusals() {
        assert_eq!(number("actual", "1200").unwrap(), Number::Int(1200));
        assert_eq!(number("actual", "0.035").unwrap(), Number::Float(0.035));
        for bad in ["lots", "1,200", "", "inf", "NaN", "1e400"] {
            assert!(number("actual", bad).is_err(), "{bad}");
        }
        assert_eq!(
            MetricEdit::parse("actual-=20").unwrap(),
            MetricEdit::AddToActual(Number::Int(-20))
        );
        let msg = |a: &str| MetricEdit::parse(a).unwrap_err().to_string();
        assert!(
            msg("better=up").contains("higher or lower"),
            "{}",
            msg("better=up")
        );
        assert!(
            msg("acutal=3").contains("did you mean `actual`"),
            "{}",
            msg("acutal=3")
        );
        assert!(msg("target+=3").contains("only `actual`"));
        assert!(msg("by=2027-03-31T10:00").contains("date-time"));
    }
}

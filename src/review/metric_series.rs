//! Each metric's `actual` over time, from the commits that changed its
//! program's file: what the board's metrics view draws as sparklines.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::change::{Detail, Field, Value};
use super::history::{Target, history};
use crate::cache::BlobCache;
use crate::git::{ObjectId, Repo};
use crate::repo::LoadError;

/// One metric's history: (date, actual), oldest first, one point per day
/// (the last value of that day wins).
pub type Series = Vec<(Date, f64)>;

/// The series of every metric of `program`, by metric id.
pub fn metric_series(
    repo: &Repo,
    boards: &str,
    start: ObjectId,
    program: &str,
    limit: u64,
) -> Result<BTreeMap<String, Series>, LoadError> {
    let mut cache = BlobCache::default();
    let found = history(
        repo,
        start,
        boards,
        &Target::Program(program.to_string()),
        limit,
        &mut cache,
    )?;
    // Walk oldest first so later values of a day replace earlier ones.
    let mut points: BTreeMap<String, BTreeMap<Date, f64>> = BTreeMap::new();
    for entry in found.entries.iter().rev() {
        let Ok(date) = entry.date.parse::<Date>() else {
            continue;
        };
        for change in &entry.changes {
            if let (
                Some(id),
                Detail::Changed {
                    field: Field::Actual,
                    to: Value::Number(value),
                    ..
                },
            ) = (&change.id, &change.detail)
            {
                points
                    .entry(id.clone())
                    .or_default()
                    .insert(date, value.as_f64());
            }
        }
    }
    // The first value of each metric comes from the commit that added it:
    // `program-added` carries no values, so read the oldest version directly.
    if let Some(first) = found.entries.last() {
        repo.check_commit(first.commit)?;
        let date = first.date.parse::<Date>().ok();
        if let (Some(date), Some(files)) = (date, repo.plan_files(first.commit, boards)?) {
            for f in files
                .iter()
                .filter(|f| f.unread().is_none() && crate::parse::program_id(&f.path) == program)
            {
                let parsed = cache.get(repo, f.oid, &f.path.as_str().into(), limit)?;
                for m in parsed.program.iter().flat_map(|p| &p.metrics) {
                    if let Some(actual) = m.actual {
                        points
                            .entry(m.id.clone())
                            .or_default()
                            .entry(date)
                            .or_insert(actual.as_f64());
                    }
                }
            }
        }
    }
    Ok(points
        .into_iter()
        .map(|(id, by_day)| (id, by_day.into_iter().collect()))
        .collect())
}

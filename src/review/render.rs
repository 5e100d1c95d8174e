//! `diff`'s outputs: the summary line, the changes grouped by program, the
//! impact and the warnings, as text, markdown or JSON.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use super::change::Change;
use super::diff::Comparison;
use super::forecast_moves::{ForecastMove, SlipChange, TargetCrossing};
use super::impact::Impact;
use super::json::{ChangeJson, ProblemJson, changes as changes_json};
use super::sides::Side;
use super::words;
use crate::escape::escape_control;
use crate::model::Program;
use crate::repo::short_id;

/// The summary line lives with the other words; the board reads it here.
pub use super::words::summary;

/// The heading of the problems a change introduces.
const PROBLEMS: &str = "Problems introduced";

/// The summary line with what the change does to the problems.
fn summary_line(cmp: &Comparison) -> String {
    super::words::summary_with_problems(&cmp.changes, &cmp.problems)
}

/// The formats of `ringboard diff`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiffFormat {
    #[default]
    Text,
    /// For a pull-request comment.
    Markdown,
    Json,
}

/// The comparison in the given format.
pub fn render(cmp: &Comparison, format: DiffFormat) -> String {
    match format {
        DiffFormat::Text => render_text(cmp),
        DiffFormat::Markdown => render_markdown(cmp),
        DiffFormat::Json => render_json(cmp),
    }
}

fn side_name(side: &Side) -> String {
    match side.commit {
        Some(c) if side.label != c.to_string() => {
            format!("{} ({})", side.label, short_id(c))
        }
        Some(c) => short_id(c),
        None => side.label.clone(),
    }
}

/// Changes grouped under headings: people first, then the programs in the
/// order every output lists them (TO's priority order), then the programs
/// only FROM has, by id. Within a group, the changes keep their order.
fn groups(cmp: &Comparison) -> Vec<(String, Vec<&Change>)> {
    let mut by_program: HashMap<Option<&str>, Vec<&Change>> = HashMap::new();
    for c in &cmp.changes {
        by_program.entry(c.program.as_deref()).or_default().push(c);
    }
    let mut out = Vec::new();
    if let Some(list) = by_program.remove(&None) {
        out.push(("People".to_string(), list));
    }
    let new = &cmp.to.portfolio;
    for i in new.programs_by_priority() {
        let p = &new.programs[i];
        if let Some(list) = by_program.remove(&Some(p.id.as_str())) {
            out.push((heading(p), list));
        }
    }
    let mut gone: Vec<(&str, Vec<&Change>)> = by_program
        .into_iter()
        .filter_map(|(id, list)| Some((id?, list)))
        .collect();
    gone.sort_by(|a, b| a.0.cmp(b.0));
    for (id, list) in gone {
        let was = cmp.from.portfolio.program(id);
        out.push((was.map_or_else(|| id.to_string(), heading), list));
    }
    out
}

/// A program as its heading names it: `春季新品发布 Spring launch
/// (spring-launch)`, or the id alone when it is the name.
fn heading(p: &Program) -> String {
    if p.name == p.id {
        p.id.clone()
    } else {
        format!("{} ({})", p.name, p.id)
    }
}

pub fn render_text(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Plan changes {} → {}",
        side_name(&cmp.from),
        side_name(&cmp.to)
    );
    let _ = writeln!(out, "{}", summary_line(cmp));
    for (heading, list) in groups(cmp) {
        let _ = writeln!(out, "\n{heading}");
        for c in list {
            let _ = writeln!(out, "  {}", words::sentence(c));
        }
    }
    if !cmp.problems.introduced.is_empty() {
        let _ = writeln!(out, "\n{PROBLEMS}");
        for d in &cmp.problems.introduced {
            let _ = writeln!(out, "  {}", escape_control(&d.to_string()));
        }
    }
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\nImpact");
        for line in cmp.impacts.iter().flat_map(words::impact_lines) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !cmp.forecast.is_empty() {
        let _ = writeln!(out, "\nForecast");
        for line in words::forecast_lines(&cmp.forecast) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !cmp.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in &cmp.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}

/// Text inside the markdown: escaped only where markdown would read it as
/// markup (the one rule of `src/markdown.rs`).
fn md(s: &str) -> String {
    crate::markdown::inline(s)
}

pub fn render_markdown(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Plan changes `{}` → `{}`\n\n**{}**",
        side_name(&cmp.from),
        side_name(&cmp.to),
        md(&summary_line(cmp))
    );
    if !cmp.problems.introduced.is_empty() {
        let _ = writeln!(out, "\n#### {PROBLEMS}\n");
        for d in &cmp.problems.introduced {
            let _ = writeln!(out, "- {}", md(&escape_control(&d.to_string())));
        }
    }
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\n#### Impact\n");
        for line in cmp.impacts.iter().flat_map(words::impact_lines) {
            let _ = writeln!(out, "- {}", md(&line));
        }
    }
    if !cmp.forecast.is_empty() {
        let _ = writeln!(out, "\n#### Forecast\n");
        for line in words::forecast_lines(&cmp.forecast) {
            let _ = writeln!(out, "- {}", md(&line));
        }
    }
    for (heading, list) in groups(cmp) {
        let _ = writeln!(out, "\n#### {}\n", md(&heading));
        for c in list {
            let _ = writeln!(out, "- {}", md(&words::sentence(c)));
        }
    }
    if !cmp.warnings.is_empty() {
        let _ = writeln!(out, "\n#### Warnings\n");
        for w in &cmp.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
    }
    out
}

#[derive(Serialize)]
struct DiffJson<'a> {
    from: Option<String>,
    to: Option<String>,
    summary: String,
    changes: Vec<ChangeJson<'a>>,
    impact: &'a [Impact],
    /// The problems `check` reports that the change introduces.
    problems: Vec<ProblemJson<'a>>,
    warnings: &'a [String],
    /// Milestones and program ends whose forecast moved (docs/cli.md v3).
    forecast: &'a [ForecastMove],
    /// Deliverables that start or stop slipping (an extra key).
    slipping: &'a [SlipChange],
    /// Metrics whose actual crossed its target (an extra key).
    metric_targets: &'a [TargetCrossing],
}

pub fn render_json(cmp: &Comparison) -> String {
    let doc = DiffJson {
        from: cmp.from.commit.map(|c| c.to_string()),
        to: cmp.to.commit.map(|c| c.to_string()),
        summary: summary_line(cmp),
        changes: changes_json(&cmp.changes),
        impact: &cmp.impacts,
        problems: cmp
            .problems
            .introduced
            .iter()
            .map(ProblemJson::from)
            .collect(),
        warnings: &cmp.warnings,
        forecast: &cmp.forecast.moves,
        slipping: &cmp.forecast.slipping,
        metric_targets: &cmp.forecast.targets,
    };
    // Written into room for the usual size (some 200 bytes a change),
    // not grown by doubling through megabytes on a long range.
    let room = 1024 + 256 * (cmp.changes.len() + cmp.impacts.len());
    crate::escape::pretty_json_in(&doc, room)
}

//! `diff`'s outputs: the summary line, the changes grouped by program, the
//! impact and the warnings, as text, markdown or JSON.

use std::fmt::Write;

use serde::Serialize;

use super::compare::{Change, Kind, signed_days};
use super::diff::Comparison;
use super::impact::Impact;
use super::sides::Side;
use crate::repo::short_id;

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

/// "3 deadlines slipped (+12 days in total), 1 newly blocked, 1 program added".
pub fn summary(changes: &[Change]) -> String {
    let mut slipped = (0, 0);
    let mut pulled = (0, 0);
    let count = |pred: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| pred(c)).count();
    let blocked =
        count(&|c| c.field == Some("status") && c.to.as_ref().is_some_and(|v| v == "blocked"));
    let done = count(&|c| c.field == Some("status") && c.to.as_ref().is_some_and(|v| v == "done"));
    let added = count(&|c| c.kind == Kind::DeliverableAdded);
    let removed = count(&|c| c.kind == Kind::DeliverableRemoved);
    let programs_added = count(&|c| c.kind == Kind::ProgramAdded);
    let programs_removed = count(&|c| c.kind == Kind::ProgramRemoved);
    let joined = count(&|c| c.kind == Kind::TeamJoined);
    let left = count(&|c| c.kind == Kind::TeamLeft);
    for c in changes.iter().filter(|c| c.field == Some("due")) {
        match c.days_moved() {
            Some(d) if d > 0 => slipped = (slipped.0 + 1, slipped.1 + d),
            Some(d) if d < 0 => pulled = (pulled.0 + 1, pulled.1 + d),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    if slipped.0 > 0 {
        parts.push(format!(
            "{} slipped ({} in total)",
            n(slipped.0, "deadline", "deadlines"),
            signed_days(slipped.1)
        ));
    }
    if pulled.0 > 0 {
        parts.push(format!(
            "{} pulled in ({})",
            n(pulled.0, "deadline", "deadlines"),
            signed_days(pulled.1)
        ));
    }
    for (k, one, many) in [
        (blocked, "newly blocked", "newly blocked"),
        (done, "finished", "finished"),
        (added, "deliverable added", "deliverables added"),
        (removed, "deliverable removed", "deliverables removed"),
        (programs_added, "program added", "programs added"),
        (programs_removed, "program removed", "programs removed"),
        (joined, "team join", "team joins"),
        (left, "team departure", "team departures"),
    ] {
        if k > 0 {
            parts.push(n(k, one, many));
        }
    }
    let other = changes.len()
        - slipped.0
        - pulled.0
        - blocked
        - done
        - added
        - removed
        - programs_added
        - programs_removed
        - joined
        - left;
    if other > 0 {
        parts.push(n(other, "other change", "other changes"));
    }
    if parts.is_empty() {
        "No changes to the plans.".to_string()
    } else {
        parts.join(", ")
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

/// Changes grouped by program; people first (no program).
fn groups(changes: &[Change]) -> Vec<(Option<&str>, Vec<&Change>)> {
    let mut out: Vec<(Option<&str>, Vec<&Change>)> = Vec::new();
    for c in changes {
        let key = c.program.as_deref();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(c),
            None => out.push((key, vec![c])),
        }
    }
    out
}

fn impact_lines(i: &Impact) -> Vec<String> {
    let mut out = Vec::new();
    if !i.newly_late.is_empty() {
        out.push(format!(
            "{}: now late downstream: {}",
            i.cause,
            i.newly_late.join(", ")
        ));
    }
    if !i.newly_at_risk.is_empty() {
        out.push(format!(
            "{}: now at risk downstream: {}",
            i.cause,
            i.newly_at_risk.join(", ")
        ));
    }
    for m in &i.missed_milestones {
        out.push(format!(
            "{}: now due {}, after milestone \"{}\" of {} ({})",
            i.cause, m.due, m.name, m.program, m.date
        ));
    }
    out
}

pub fn render_text(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Plan changes {} → {}",
        side_name(&cmp.from),
        side_name(&cmp.to)
    );
    let _ = writeln!(out, "{}", summary(&cmp.changes));
    for (program, list) in groups(&cmp.changes) {
        let _ = writeln!(out, "\n{}", program.unwrap_or("People"));
        for c in list {
            let _ = writeln!(out, "  {}", c.sentence());
        }
    }
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\nImpact");
        for line in cmp.impacts.iter().flat_map(impact_lines) {
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

fn md(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
}

pub fn render_markdown(cmp: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Plan changes `{}` → `{}`\n\n**{}**",
        side_name(&cmp.from),
        side_name(&cmp.to),
        summary(&cmp.changes)
    );
    if !cmp.impacts.is_empty() {
        let _ = writeln!(out, "\n#### Impact\n");
        for line in cmp.impacts.iter().flat_map(impact_lines) {
            let _ = writeln!(out, "- {}", md(&line));
        }
    }
    for (program, list) in groups(&cmp.changes) {
        let _ = writeln!(out, "\n#### {}\n", md(program.unwrap_or("People")));
        for c in list {
            let _ = writeln!(out, "- {}", md(&c.sentence()));
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
    changes: &'a [Change],
    impact: &'a [Impact],
    warnings: &'a [String],
}

pub fn render_json(cmp: &Comparison) -> String {
    let doc = DiffJson {
        from: cmp.from.commit.map(|c| c.to_string()),
        to: cmp.to.commit.map(|c| c.to_string()),
        summary: summary(&cmp.changes),
        changes: &cmp.changes,
        impact: &cmp.impacts,
        warnings: &cmp.warnings,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

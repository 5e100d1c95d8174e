//! The report as markdown, for a wiki page or a chat post.

use std::fmt::Write;

use super::{View, mark_words};
use crate::model::{DeliverableRef, Ring};
use crate::team::members;

/// Escapes the characters that would change a markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    let mut out = String::new();
    let _ = writeln!(out, "# ringboard report, {today}\n");
    let _ = writeln!(out, "Source: {}\n", view.plans.source.label());
    for (p, prog) in view.programs() {
        let progress = view.derived.progress[p];
        let _ = writeln!(out, "## {} (`{}`)\n", cell(&prog.name), prog.id);
        if let Some(goal) = &prog.goal {
            let _ = writeln!(out, "**Goal:** {}\n", cell(goal));
        }
        let _ = writeln!(
            out,
            "**Progress:** {}/{} done ({}%)",
            progress.done,
            progress.total,
            progress.percent()
        );
        if let Some(m) = prog.next_milestone(today) {
            let _ = writeln!(out, "\n**Next milestone:** {} on {}", cell(&m.name), m.date);
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "| Ring | Owner | Deliverable | Due | Status | Marks |");
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- |");
        for member in members(portfolio, prog) {
            let ring = member.ring.map_or("no ring", Ring::as_str);
            for &index in &member.deliverables {
                let d = &prog.deliverables[index];
                let marks = view.derived.marks(DeliverableRef { program: p, index });
                let words = mark_words(&marks);
                let marks = if words.is_empty() {
                    String::new()
                } else {
                    format!("**{}**", words.join(", "))
                };
                let _ = writeln!(
                    out,
                    "| {ring} | {} | {} | {} | {} | {marks} |",
                    cell(portfolio.person_name(member.id)),
                    cell(&d.title),
                    d.due,
                    d.status
                );
            }
        }
        if !prog.metrics.is_empty() {
            let _ = writeln!(out, "\n| Metric | Actual | Target | Owner |");
            let _ = writeln!(out, "| --- | --- | --- | --- |");
            for m in &prog.metrics {
                let unit = m
                    .unit
                    .as_deref()
                    .map_or(String::new(), |u| format!(" {}", cell(u)));
                let _ = writeln!(
                    out,
                    "| {} | {} | {}{unit} | {} |",
                    cell(&m.name),
                    m.actual.map_or("—".into(), |a| a.to_string()),
                    m.target,
                    m.owner
                        .as_deref()
                        .map_or(String::new(), |o| cell(portfolio.person_name(o)))
                );
            }
        }
        let _ = writeln!(out);
    }
    out
}

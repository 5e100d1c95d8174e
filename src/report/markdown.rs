//! The report as markdown, for a wiki page or a chat post.

use std::fmt::Write;

use super::{View, mark_words};
use crate::markdown::{cell, code, inline};
use crate::model::{DeliverableRef, Ring};
use crate::team::members;

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    let mut out = String::new();
    let _ = writeln!(out, "# ringboard report, {today}\n");
    let _ = writeln!(out, "Source: {}\n", view.plans.source.label());
    for (p, prog) in view.programs() {
        let progress = view.derived.progress[p];
        let _ = writeln!(out, "## {} ({})\n", inline(&prog.name), code(&prog.id));
        if let Some(goal) = &prog.goal {
            let _ = writeln!(out, "**Goal:** {}\n", inline(goal));
        }
        let _ = writeln!(
            out,
            "**Progress:** {}/{} done ({}%)",
            progress.done,
            progress.total,
            progress.percent()
        );
        if let Some(m) = prog.next_milestone(today) {
            let _ = writeln!(
                out,
                "\n**Next milestone:** {} on {}",
                inline(&m.name),
                m.date
            );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::Derived;
    use crate::load::{Plans, Source, build};
    use crate::parse::parse_file;
    use crate::repo::Workspace;

    const PLAN: &str = r#"
[[person]]
id = "mei"
name = "Mei | Lin"
ring = "core"

[program]
name = "Q1 | Q2 launch_"
goal = "Ship *fast*, ask @mei"

[team]
core = ["mei"]

[[deliverable]]
id = "copy"
title = "Copy A | B"
owner = "mei"
due = 2027-02-10
"#;

    /// Markdown escapes only where markdown reads markup: `|` in cells.
    #[test]
    fn a_pipe_is_escaped_in_table_cells_only() {
        let (portfolio, diagnostics) =
            build(vec![parse_file("boards/q.toml".into(), PLAN.as_bytes())]);
        let plans = Plans {
            portfolio,
            diagnostics,
            files: 1,
            source: Source::WorkTree,
            workspace: Workspace {
                root: "/r".into(),
                git_dir: None,
                bare: false,
            },
            boards: "boards".into(),
        };
        let derived = Derived::new(&plans.portfolio, jiff::civil::date(2027, 2, 1));
        let view = View {
            plans: &plans,
            derived: &derived,
            program: None,
        };
        let out = render(&view);
        assert!(out.contains("## Q1 | Q2 launch\\_ (`q`)\n"), "{out}");
        assert!(
            out.contains("**Goal:** Ship \\*fast\\*, ask @\u{2060}mei\n"),
            "{out}"
        );
        assert!(out.contains("| Mei \\| Lin | Copy A \\| B |"), "{out}");
    }
}

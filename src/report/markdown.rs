//! The report as markdown, for a wiki page, a pull request or a chat post:
//! everything the text report shows (goal, priority, strategist and lead,
//! dates, progress, every milestone, people with role and org, each
//! deliverable with its marks and note, metrics with their percentage).
//! Plan text goes through [`crate::markdown`], so it shows as written.

use std::fmt::Write;

use super::View;
use crate::derive::{days_between, mark_words};
use crate::forecast::{chain_words, milestone_words, slip_words};
use crate::markdown::{cell, code, inline};
use crate::model::{DeliverableRef, Portfolio, Program, Ring};
use crate::pace::{Standing, Words};
use crate::team::{Member, members};

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    let mut out = String::new();
    let _ = writeln!(out, "# ringboard report, {today}\n");
    let _ = writeln!(out, "Source: {}\n", view.plans.source.label());
    let errors = view
        .plans
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "> **{errors} plan errors:** run `ringboard check` (shown below is what loaded)\n"
        );
    }
    for (p, prog) in view.programs() {
        let _ = writeln!(out, "## {} ({})\n", inline(&prog.name), code(&prog.id));
        program_header(&mut out, view, p, prog);
        let people = members(portfolio, prog);
        deliverables(&mut out, view, p, prog, &people);
        team(&mut out, portfolio, &people);
        metrics(&mut out, view, prog);
        milestones(&mut out, view, p, prog);
    }
    out
}

/// Goal; priority, strategist, lead and dates; progress; next milestone.
fn program_header(out: &mut String, view: &View<'_>, p: usize, prog: &Program) {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    if let Some(goal) = &prog.goal {
        let _ = writeln!(out, "**Goal:** {}\n", inline(goal));
    }
    let mut who = Vec::new();
    if let Some(n) = prog.priority {
        who.push(format!("**Priority:** {n}"));
    }
    if let Some((id, _)) = &prog.strategist {
        who.push(format!(
            "**Strategist:** {}",
            inline(portfolio.person_name(id))
        ));
    }
    if let Some((id, _)) = &prog.lead {
        who.push(format!("**Lead:** {}", inline(portfolio.person_name(id))));
    }
    match (prog.start, prog.end) {
        (Some(s), Some(e)) => who.push(format!("**Dates:** {s} → {e}")),
        (Some(s), None) => who.push(format!("**Dates:** from {s}")),
        (None, Some(e)) => who.push(format!("**Dates:** until {e}")),
        (None, None) => {}
    }
    if !who.is_empty() {
        let _ = writeln!(out, "{}\n", who.join(" · "));
    }
    let progress = view.derived.progress[p];
    let _ = writeln!(
        out,
        "**Progress:** {}/{} done ({}%)\n",
        progress.done,
        progress.total,
        progress.percent()
    );
    if let Some(m) = prog.next_milestone(today) {
        let mi = prog
            .milestones
            .iter()
            .position(|x| std::ptr::eq(x, m))
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "**Next milestone:** {} on {} (in {} days), {}\n",
            inline(&m.name),
            m.date,
            days_between(today, m.date),
            milestone_words(&view.derived.forecast, p, mi)
        );
    }
}

/// One row per deliverable, ring by ring and person by person, as the text
/// report lists them; notes of open deliverables, as there.
fn deliverables(
    out: &mut String,
    view: &View<'_>,
    p: usize,
    prog: &Program,
    people: &[Member<'_>],
) {
    let portfolio = &view.plans.portfolio;
    if prog.deliverables.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| Ring | Owner | Deliverable | Due | Status | Marks | Forecast | Note |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for member in people {
        let ring = member.ring.map_or("no ring", Ring::as_str);
        for &index in &member.deliverables {
            let d = &prog.deliverables[index];
            let at = DeliverableRef { program: p, index };
            let marks = view.derived.marks(at);
            let forecast = view
                .derived
                .forecast_of(at)
                .and_then(slip_words)
                .unwrap_or_default();
            let words = mark_words(&marks);
            let marks_cell = if words.is_empty() {
                String::new()
            } else {
                format!("**{}**", words.join(", "))
            };
            let note = d
                .note
                .as_deref()
                .filter(|_| marks.open)
                .map_or(String::new(), cell);
            let _ = writeln!(
                out,
                "| {ring} | {} | {} | {} | {} | {marks_cell} | {forecast} | {note} |",
                cell(portfolio.person_name(member.id)),
                cell(&d.title),
                d.due,
                d.status
            );
        }
    }
    let _ = writeln!(out);
}

/// Everyone on the program with their ring, role and organisation.
fn team(out: &mut String, portfolio: &Portfolio, people: &[Member<'_>]) {
    if people.is_empty() {
        return;
    }
    let _ = writeln!(out, "| Ring | Person | Role | Org |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for member in people {
        let ring = member.ring.map_or("no ring", Ring::as_str);
        let person = portfolio.person(member.id);
        let text = |f: fn(&crate::model::Person) -> Option<&String>| {
            person.and_then(f).map_or(String::new(), |s| cell(s))
        };
        let _ = writeln!(
            out,
            "| {ring} | {} | {} | {} |",
            cell(portfolio.person_name(member.id)),
            text(|p| p.role.as_ref()),
            text(|p| p.org.as_ref()),
        );
    }
    let _ = writeln!(out);
}

fn metrics(out: &mut String, view: &View<'_>, prog: &Program) {
    if prog.metrics.is_empty() {
        return;
    }
    let portfolio = &view.plans.portfolio;
    let _ = writeln!(out, "| Metric | Actual / target | % | Pace | Owner |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for m in &prog.metrics {
        let standing = Standing::new(m, prog, view.derived.today);
        let words = Words::new(m, &standing);
        let pace: Vec<String> = words
            .over
            .map(|o| format!("**{o}**"))
            .into_iter()
            .chain(words.pace.clone())
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&m.name),
            cell(&words.values),
            words.attainment,
            pace.join(", "),
            m.owner
                .as_deref()
                .map_or(String::new(), |o| cell(portfolio.person_name(o)))
        );
    }
    let _ = writeln!(out);
}

fn milestones(out: &mut String, view: &View<'_>, p: usize, prog: &Program) {
    if prog.milestones.is_empty() {
        return;
    }
    let portfolio = &view.plans.portfolio;
    let _ = writeln!(out, "**Milestones**\n");
    for (mi, m) in prog.milestones.iter().enumerate() {
        let state = milestone_words(&view.derived.forecast, p, mi);
        let chain = view.derived.forecast.milestone_chain(p, mi);
        let chain = chain_words(portfolio, view.derived, p, &chain);
        let _ = writeln!(
            out,
            "- {} {}: {state}{}",
            m.date,
            inline(&m.name),
            inline(&chain)
        );
    }
    let _ = writeln!(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::Derived;
    use crate::load::{Plans, Source, build_keeping_graph};
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
        let built = build_keeping_graph(vec![parse_file("boards/q.toml".into(), PLAN.as_bytes())]);
        let plans = Plans {
            portfolio: built.portfolio,
            diagnostics: built.diagnostics,
            graph: built.graph,
            files: 1,
            source: Source::WorkTree,
            workspace: Workspace {
                root: "/r".into(),
                git_dir: None,
                bare: false,
            },
            boards: "boards".into(),
        };
        let derived = Derived::of(&plans, jiff::civil::date(2027, 2, 1));
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

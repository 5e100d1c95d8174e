//! The report as terminal text: program → ring → person → deliverables.

use std::fmt::Write;

use super::View;
use crate::derive::{days_between, mark_words};
use crate::forecast::{chain_words, milestone_words, slip_words};
use crate::model::{DeliverableRef, Program, Ring};
use crate::pace::{Standing, Words};
use crate::team::members;

/// ANSI styling that can be switched off (NO_COLOR, pipes, `--color never`).
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn marks(&self, words: &[String], severity: u8) -> String {
        if words.is_empty() {
            return String::new();
        }
        let s = format!("[{}]", words.join(", "));
        match severity {
            4.. => self.wrap("1;31", &s),
            2..=3 => self.wrap("33", &s),
            _ => self.wrap("36", &s),
        }
    }
}

pub fn render(view: &View<'_>, color: bool) -> String {
    let paint = Paint(color);
    let plans = view.plans;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  today {}  ({})",
        paint.bold("ringboard report"),
        view.derived.today,
        plans.source.label()
    );
    let errors = plans.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "{}",
            paint.wrap(
                "1;31",
                &format!(
                    "{errors} plan errors: run `ringboard check` (shown below is what loaded)"
                )
            )
        );
    }
    for (p, prog) in view.programs() {
        program_head(&mut out, &paint, view, p, prog);
        people(&mut out, &paint, view, p, prog);
        metrics(&mut out, &paint, view, prog);
        milestones(&mut out, &paint, view, p, prog);
    }
    out
}

/// Name, goal, who runs it and when, progress, the next milestone.
fn program_head(out: &mut String, paint: &Paint, view: &View<'_>, p: usize, prog: &Program) {
    let portfolio = &view.plans.portfolio;
    let today = view.derived.today;
    let progress = view.derived.progress[p];
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}  [{}]{}",
        paint.bold(&prog.name),
        prog.id,
        prog.priority
            .map_or(String::new(), |n| format!("  priority {n}"))
    );
    if let Some(goal) = &prog.goal {
        let _ = writeln!(out, "  Goal: {goal}");
    }
    let mut who = Vec::new();
    if let Some((id, _)) = &prog.strategist {
        who.push(format!("strategist {}", portfolio.person_name(id)));
    }
    if let Some((id, _)) = &prog.lead {
        who.push(format!("lead {}", portfolio.person_name(id)));
    }
    match (prog.start, prog.end) {
        (Some(s), Some(e)) => who.push(format!("{s} → {e}")),
        (Some(s), None) => who.push(format!("from {s}")),
        (None, Some(e)) => who.push(format!("until {e}")),
        (None, None) => {}
    }
    if let Some(end) = view.derived.forecast.ends.get(p).copied().flatten()
        && prog.end.is_some_and(|e| end > e)
    {
        who.push(format!("forecast end {end}"));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "  {}", who.join(" · "));
    }
    let _ = writeln!(
        out,
        "  Progress: {}/{} done ({}%) {}",
        progress.done,
        progress.total,
        progress.percent(),
        bar(progress.ratio(), 20)
    );
    if let Some(m) = prog.next_milestone(today) {
        let mi = prog
            .milestones
            .iter()
            .position(|x| std::ptr::eq(x, m))
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "  Next milestone: {} {} (in {} days) · {}",
            m.name,
            m.date,
            days_between(today, m.date),
            milestone_words(&view.derived.forecast, p, mi)
        );
    }
}

/// Ring by ring, person by person, each with their deliverables.
fn people(out: &mut String, paint: &Paint, view: &View<'_>, p: usize, prog: &Program) {
    let portfolio = &view.plans.portfolio;
    let mut ring_shown: Option<Option<Ring>> = None;
    for member in &members(portfolio, prog) {
        if ring_shown != Some(member.ring) {
            ring_shown = Some(member.ring);
            let label = member.ring.map_or("No ring (see check)", Ring::label);
            let _ = writeln!(out, "\n  {}", paint.bold(label));
        }
        let person = portfolio.person(member.id);
        let mut line = format!("    {}", person.map_or(member.id, |p| p.name.as_str()));
        if let Some(p) = person {
            let detail: Vec<&str> = [p.role.as_deref(), p.org.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !detail.is_empty() {
                line.push_str(&paint.dim(&format!(" — {}", detail.join(", "))));
            }
        }
        let _ = writeln!(out, "{line}");
        for &index in &member.deliverables {
            deliverable(out, paint, view, DeliverableRef { program: p, index });
        }
    }
}

/// `[ ] Title  due DATE  status  [marks]  forecast DATE (+N d)`, and the
/// note of an open one.
fn deliverable(out: &mut String, paint: &Paint, view: &View<'_>, at: DeliverableRef) {
    let d = view.plans.portfolio.deliverable(at);
    let marks = view.derived.marks(at);
    let words = mark_words(&marks);
    let slip = view
        .derived
        .forecast_of(at)
        .and_then(slip_words)
        .map_or(String::new(), |w| format!("  {}", paint.wrap("33", &w)));
    let line = format!(
        "      {} {}  due {}  {}  {}{slip}",
        status_glyph(d.status),
        d.title,
        d.due,
        d.status,
        paint.marks(&words, marks.severity())
    );
    let _ = writeln!(out, "{}", line.trim_end());
    if let Some(note) = &d.note
        && marks.open
    {
        let _ = writeln!(out, "          {}", paint.dim(&format!("note: {note}")));
    }
}

/// `Name: 310 / 1,200 leads (26%) · on pace: 310 of an expected 274`.
fn metrics(out: &mut String, paint: &Paint, view: &View<'_>, prog: &Program) {
    if prog.metrics.is_empty() {
        return;
    }
    let portfolio = &view.plans.portfolio;
    let _ = writeln!(out, "\n  {}", paint.bold("Metrics"));
    for m in &prog.metrics {
        let standing = Standing::new(m, prog, view.derived.today);
        let words = Words::new(m, &standing);
        let mut said = vec![format!(
            "{}: {} ({})",
            m.name, words.values, words.attainment
        )];
        said.extend(words.over.map(|o| paint.wrap("1;31", o)));
        said.extend(words.pace);
        let owner = m.owner.as_deref().map_or(String::new(), |o| {
            format!("  owner {}", portfolio.person_name(o))
        });
        let _ = writeln!(out, "    {}{owner}", said.join(" · "));
    }
}

/// `2027-02-22  Campaign go-live: slipping +2 d → 2027-02-24 ← ... (late)`.
fn milestones(out: &mut String, paint: &Paint, view: &View<'_>, p: usize, prog: &Program) {
    if prog.milestones.is_empty() {
        return;
    }
    let portfolio = &view.plans.portfolio;
    let _ = writeln!(out, "\n  {}", paint.bold("Milestones"));
    for (mi, m) in prog.milestones.iter().enumerate() {
        let state = milestone_words(&view.derived.forecast, p, mi);
        let chain = view.derived.forecast.milestone_chain(p, mi);
        let chain = chain_words(portfolio, view.derived, p, &chain);
        let _ = writeln!(out, "    {}  {}: {state}{chain}", m.date, m.name);
    }
}

/// A status in a word-free, fixed-width (ASCII) form for the first column.
fn status_glyph(s: crate::model::Status) -> &'static str {
    use crate::model::Status::*;
    match s {
        Todo => "[ ]",
        Doing => "[>]",
        Review => "[?]",
        Blocked => "[!]",
        Done => "[x]",
        Dropped => "[-]",
    }
}

/// `[#####-----]` of the given width.
pub(super) fn bar(ratio: f64, width: usize) -> String {
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

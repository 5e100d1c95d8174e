//! The report as terminal text: program → ring → person → deliverables.

use std::fmt::Write;

use super::View;
use crate::derive::{days_between, mark_words, percent};
use crate::model::{DeliverableRef, Ring};
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
    let portfolio = &plans.portfolio;
    let today = view.derived.today;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  today {today}  ({})",
        paint.bold("ringboard report"),
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
            let _ = writeln!(
                out,
                "  Next milestone: {} {} (in {} days)",
                m.name,
                m.date,
                days_between(today, m.date)
            );
        }
        let people = members(portfolio, prog);
        let mut ring_shown: Option<Option<Ring>> = None;
        for member in &people {
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
                let d = &prog.deliverables[index];
                let marks = view.derived.marks(DeliverableRef { program: p, index });
                let words = mark_words(&marks);
                let line = format!(
                    "      {} {}  due {}  {}  {}",
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
        }
        if !prog.metrics.is_empty() {
            let _ = writeln!(out, "\n  {}", paint.bold("Metrics"));
            for m in &prog.metrics {
                let actual = m.actual.map_or("—".to_string(), |a| a.to_string());
                let pct = m
                    .actual
                    .filter(|_| m.target.as_f64() != 0.0)
                    .map_or(String::new(), |a| {
                        format!(" ({}%)", percent(a.as_f64() / m.target.as_f64()))
                    });
                let owner = m.owner.as_deref().map_or(String::new(), |o| {
                    format!("  owner {}", portfolio.person_name(o))
                });
                let _ = writeln!(
                    out,
                    "    {}: {actual} / {} {}{pct}{owner}",
                    m.name,
                    m.target,
                    m.unit.as_deref().unwrap_or("")
                );
            }
        }
        if !prog.milestones.is_empty() {
            let _ = writeln!(out, "\n  {}", paint.bold("Milestones"));
            for m in &prog.milestones {
                let when = if m.date < today { "passed" } else { "ahead" };
                let _ = writeln!(out, "    {}  {}  ({when})", m.date, m.name);
            }
        }
    }
    out
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
pub fn bar(ratio: f64, width: usize) -> String {
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

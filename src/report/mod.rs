//! `ringboard report`: the full picture as text, markdown or JSON.

mod json;
mod markdown;
mod text;

use crate::cli::{Context, Format, Outcome, ReportArgs, print};
use crate::derive::{Derived, Marks};
use crate::load::{Plans, load};
use crate::model::{Milestone, Program};

pub use json::render as render_json;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

pub fn run(ctx: &Context, args: &ReportArgs) -> Outcome {
    let plans = load(&ctx.load)?;
    if let Some(id) = &args.program
        && plans.portfolio.program(id).is_none()
    {
        let ids = plans.portfolio.programs.iter().map(|p| p.id.as_str());
        let hint = crate::text::did_you_mean(id, ids);
        return Err(format!("--program {id}: no such program{hint}").into());
    }
    let derived = Derived::new(&plans.portfolio, ctx.today);
    let view = View {
        plans: &plans,
        derived: &derived,
        program: args.program.as_deref(),
    };
    let out = match args.format {
        Format::Text => render_text(&view, ctx.stdout_color()),
        Format::Markdown => render_markdown(&view),
        Format::Json => render_json(&view),
    };
    print(&out)
}

/// What a report shows: loaded plans, their derived state, maybe one program.
pub struct View<'a> {
    pub plans: &'a Plans,
    pub derived: &'a Derived,
    pub program: Option<&'a str>,
}

impl View<'_> {
    /// The programs to show, with their indexes, by priority then file order.
    pub fn programs(&self) -> Vec<(usize, &Program)> {
        let mut out: Vec<(usize, &Program)> = self
            .plans
            .portfolio
            .programs
            .iter()
            .enumerate()
            .filter(|(_, p)| self.program.is_none_or(|id| p.id == id))
            .collect();
        out.sort_by_key(|(i, p)| (p.priority.unwrap_or(i64::MAX), *i));
        out
    }
}

/// Words for the derived marks, worst first: `late 4d`, `blocked`, ...
pub fn mark_words(m: &Marks) -> Vec<String> {
    let mut out = Vec::new();
    if m.late {
        out.push(format!("late {}d", m.days_late));
    }
    if m.blocked {
        out.push("blocked".into());
    }
    if m.at_risk {
        out.push("at risk".into());
    }
    if m.waiting {
        out.push("waiting".into());
    }
    if m.due_soon {
        out.push("due soon".into());
    }
    out
}

/// The first milestone on or after today.
pub fn next_milestone(prog: &Program, today: jiff::civil::Date) -> Option<&Milestone> {
    prog.milestones
        .iter()
        .filter(|m| m.date >= today)
        .min_by_key(|m| m.date)
}

//! `ringboard report`: the full picture as text, markdown or JSON.

mod json;
mod markdown;
mod text;

use jiff::civil::Date;

use crate::derive::{Derived, Marks};
use crate::load::Plans;
use crate::model::Program;

pub use json::render as render_json;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

/// The formats of `ringboard report`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

/// What to report and how.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    pub format: ReportFormat,
    /// Only this program (its id).
    pub program: Option<String>,
    /// ANSI colour in the text format.
    pub color: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("--program {id}: no such program{hint}")]
    UnknownProgram { id: String, hint: String },
}

/// The report of loaded plans for `today`.
pub fn render(plans: &Plans, today: Date, opts: &ReportOptions) -> Result<String, ReportError> {
    if let Some(id) = &opts.program
        && plans.portfolio.program(id).is_none()
    {
        let ids = plans.portfolio.programs.iter().map(|p| p.id.as_str());
        return Err(ReportError::UnknownProgram {
            id: crate::text::escape_control(id),
            hint: crate::suggest::did_you_mean(id, ids),
        });
    }
    let derived = Derived::new(&plans.portfolio, today);
    let view = View {
        plans,
        derived: &derived,
        program: opts.program.as_deref(),
    };
    Ok(match opts.format {
        ReportFormat::Text => render_text(&view, opts.color),
        ReportFormat::Markdown => render_markdown(&view),
        ReportFormat::Json => render_json(&view),
    })
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
        let portfolio = &self.plans.portfolio;
        portfolio
            .programs_by_priority()
            .into_iter()
            .map(|i| (i, &portfolio.programs[i]))
            .filter(|(_, p)| self.program.is_none_or(|id| p.id == id))
            .collect()
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

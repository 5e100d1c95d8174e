//! `ringboard report`: the full picture as text, markdown, JSON or CSV.

mod csv;
mod json;
mod markdown;
mod text;

use jiff::civil::Date;

use crate::derive::Derived;
use crate::graph::NeedGraph;
use crate::load::Plans;
use crate::model::{DeliverableRef, Portfolio, Program};
use crate::unknown::{self, UnknownName};

pub use self::csv::{HEADER as CSV_HEADER, METRIC_HEADER as CSV_METRIC_HEADER};
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
    /// One row per deliverable, for spreadsheets.
    Csv,
}

/// What to report and how.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    pub format: ReportFormat,
    /// Only this program (its id).
    pub program: Option<String>,
    /// Only this person's deliverables (a person id).
    pub person: Option<String>,
    /// ANSI colour in the text format.
    pub color: bool,
    /// With CSV: one row per metric instead of per deliverable.
    pub metrics: bool,
}

/// The report of loaded plans for `today`.
pub fn render(plans: &Plans, today: Date, opts: &ReportOptions) -> Result<String, UnknownName> {
    with_view(plans, today, opts, |view| render_view(view, opts))
}

/// [`render`] written to `out`; JSON as it is made (12 MB for 20,000
/// deliverables: not held whole first).
pub fn write(
    plans: &Plans,
    today: Date,
    opts: &ReportOptions,
    mut out: impl std::io::Write,
) -> Result<std::io::Result<()>, UnknownName> {
    with_view(plans, today, opts, |view| match opts.format {
        ReportFormat::Json => self::json::write(view, out),
        _ => out.write_all(render_view(view, opts).as_bytes()),
    })
}

fn render_view(view: &View<'_>, opts: &ReportOptions) -> String {
    match opts.format {
        ReportFormat::Text => render_text(view, opts.color),
        ReportFormat::Markdown => render_markdown(view),
        ReportFormat::Json => render_json(view),
        ReportFormat::Csv if opts.metrics => crate::export::csv::render(&self::csv::Metrics(view)),
        ReportFormat::Csv => crate::export::csv::render(view),
    }
}

/// What `f` makes of the view the options ask for (a program, a person's
/// slice) of the plans for `today`.
fn with_view<R>(
    plans: &Plans,
    today: Date,
    opts: &ReportOptions,
    f: impl FnOnce(&View<'_>) -> R,
) -> Result<R, UnknownName> {
    if let Some(id) = &opts.program {
        unknown::program(&plans.portfolio, "--program", id)?;
    }
    if let Some(id) = &opts.person {
        unknown::person(&plans.portfolio, "--person", id)?;
    }
    let derived = Derived::of(plans, today);
    let sliced;
    let (plans, derived) = match &opts.person {
        None => (plans, &derived),
        Some(id) => {
            sliced = person_slice(plans, &derived, id);
            (&sliced.0, &sliced.1)
        }
    };
    let view = View {
        plans,
        derived,
        program: opts.program.as_deref(),
    };
    Ok(f(&view))
}

/// One person's slice of the plans, for `report --person`: the programs
/// they own deliverables in, with only their deliverables, their metrics
/// and their own place on the team. Marks and progress are the whole
/// portfolio's (a hand-off from someone else still makes theirs wait).
fn person_slice(plans: &Plans, full: &Derived, person: &str) -> (Plans, Derived) {
    let mut marks = Vec::new();
    let mut progress = Vec::new();
    let mut programs = Vec::new();
    let (mut kept, mut kept_programs) = (Vec::new(), Vec::new());
    for (p, prog) in plans.portfolio.programs.iter().enumerate() {
        let theirs: Vec<usize> = (0..prog.deliverables.len())
            .filter(|&i| prog.deliverables[i].owner == person)
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let only =
            |who: &Option<(String, crate::model::Pos)>| who.clone().filter(|(id, _)| id == person);
        let mut team = crate::model::Team::default();
        if let Some(ring) = prog.team.ring_of(person)
            && let Some((id, pos)) = prog.team.ring(ring).iter().find(|(id, _)| id == person)
        {
            // A fresh team with one person cannot refuse them.
            let _ = team.add(ring, id.clone(), *pos);
        }
        marks.extend(
            theirs
                .iter()
                .map(|&index| full.marks(DeliverableRef { program: p, index })),
        );
        kept.extend(
            theirs
                .iter()
                .map(|&index| full.graph.index(DeliverableRef { program: p, index })),
        );
        kept_programs.push(p);
        progress.push(full.progress[p]);
        programs.push(Program {
            strategist: only(&prog.strategist),
            lead: only(&prog.lead),
            team,
            metrics: prog
                .metrics
                .iter()
                .filter(|m| m.owner.as_deref() == Some(person))
                .cloned()
                .collect(),
            ..prog.with_deliverables(
                theirs
                    .iter()
                    .map(|&i| prog.deliverables[i].clone())
                    .collect(),
            )
        });
    }
    let portfolio = Portfolio::new(plans.portfolio.people.clone(), programs);
    // Dense numbers run program by program, as `marks` was filled; the
    // forecast is the whole portfolio's, sliced the same way.
    let forecast = full.forecast.slice(&kept, &kept_programs);
    let graph = std::sync::Arc::new(NeedGraph::new(&portfolio));
    let derived = Derived {
        today: full.today,
        graph: graph.clone(),
        marks,
        progress,
        forecast,
    };
    let sliced = Plans {
        portfolio,
        diagnostics: plans.diagnostics.clone(),
        files: plans.files,
        source: plans.source.clone(),
        workspace: plans.workspace.clone(),
        boards: plans.boards.clone(),
        graph,
    };
    (sliced, derived)
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

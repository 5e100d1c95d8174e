//! The agenda as text, markdown and JSON.

use std::fmt::Write;

use serde::Serialize;

use super::build::{Agenda, AgendaFormat, Entry, Group};
use crate::derive::mark_words;
use crate::model::{DeliverableRef, Portfolio};
use jiff::civil::Date;

/// The agenda in the given format.
pub fn render(agenda: &Agenda, portfolio: &Portfolio, format: AgendaFormat) -> String {
    match format {
        AgendaFormat::Text => render_text(agenda, portfolio, false),
        AgendaFormat::Markdown => render_text(agenda, portfolio, true),
        AgendaFormat::Json => render_json(agenda, portfolio),
    }
}

/// `program/id`.
fn address(portfolio: &Portfolio, r: DeliverableRef) -> String {
    let p = &portfolio.programs[r.program];
    format!("{}/{}", p.id, p.deliverables[r.index].id)
}

/// "late" and "due within 7 days (to 2027-02-07)" in words.
fn scope(agenda: &Agenda) -> String {
    let last = agenda
        .today
        .saturating_add(crate::derive::days((i64::from(agenda.days) - 1).max(0)));
    match agenda.days {
        0 => "late".to_string(),
        1 => format!("late or due today ({last})"),
        n => format!("late or due within {n} days (to {last})"),
    }
}

/// How the text and the markdown agenda start their lines: markdown
/// headings and bullets, or indentation.
#[derive(Clone, Copy)]
struct Style {
    md: bool,
    h1: &'static str,
    h2: &'static str,
    item: &'static str,
    sub: &'static str,
}

impl Style {
    fn new(md: bool) -> Style {
        let (h1, h2, item, sub) = if md {
            ("# ", "## ", "- ", "  - ")
        } else {
            ("", "", "  ", "      ")
        };
        Style {
            md,
            h1,
            h2,
            item,
            sub,
        }
    }
}

/// Text, or markdown when `md`: the same lines, markdown headings and
/// bullets instead of indentation.
fn render_text(agenda: &Agenda, portfolio: &Portfolio, md: bool) -> String {
    let mut out = String::new();
    let who = agenda.person.as_deref().map_or(String::new(), |id| {
        format!(" for {} ({id})", portfolio.person_name(id))
    });
    let style = Style::new(md);
    let Style { h1, h2, .. } = style;
    let _ = writeln!(out, "{h1}Agenda{who}, {}: {}", agenda.today, scope(agenda));
    if agenda.groups.is_empty() {
        let _ = writeln!(out, "\nNothing late or due.");
        write_next_deadline(&mut out, agenda, portfolio);
    }
    for g in &agenda.groups {
        let head = group_heading(g, agenda.today);
        let _ = writeln!(out, "\n{h2}{head}");
        for e in &g.entries {
            write_entry(&mut out, portfolio, e, g.start, &style);
        }
    }
    if let Some(id) = &agenda.person {
        write_waiting_on_you(&mut out, agenda, portfolio, id, &style);
    }
    out
}

/// With nothing late or due: the next deadline, if there is one.
fn write_next_deadline(out: &mut String, agenda: &Agenda, portfolio: &Portfolio) {
    if let Some(r) = agenda.next {
        let d = portfolio.deliverable(r);
        let days = crate::derive::days_between(agenda.today, d.due);
        let _ = writeln!(
            out,
            "Next deadline: {} \"{}\" ({}), due {} {}, in {days} days.",
            address(portfolio, r),
            d.title,
            portfolio.person_name(&d.owner),
            d.due.strftime("%a"),
            d.due,
        );
    }
}

/// A group's heading: late, or the day its deliverables start or are due.
fn group_heading(g: &Group, today: Date) -> String {
    match (g.due, g.start) {
        (None, _) => "Late".to_string(),
        (Some(d), true) if d == today => format!("Start today, {d}"),
        (Some(d), true) => format!("Start by {} {d}", d.strftime("%a")),
        (Some(d), false) if d == today => format!("Due today, {d}"),
        (Some(d), false) => format!("Due {} {d}", d.strftime("%a")),
    }
}

/// One deliverable of a group, and the open deliverables it waits on.
fn write_entry(out: &mut String, portfolio: &Portfolio, e: &Entry, start: bool, style: &Style) {
    let Style { md, item, sub, .. } = *style;
    let d = portfolio.deliverable(e.at);
    let prog = &portfolio.programs[e.at.program];
    let marks = mark_words(&e.marks);
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!("  [{}]", marks.join(", "))
    };
    let due = match e.start_by {
        _ if e.marks.late => format!("due {}  ", d.due),
        Some(s) if start => format!("start by {s}, due {}  ", d.due),
        Some(s) => format!("start by {s}  "),
        None => String::new(),
    };
    let title = if md {
        format!("**{}**", d.title)
    } else {
        d.title.clone()
    };
    let _ = writeln!(
        out,
        "{item}{}  {title} ({})  owner {}  {due}{}{marks}",
        prog.id,
        d.id,
        portfolio.person_name(&d.owner),
        d.status,
    );
    for &up in &e.waits_on {
        let u = portfolio.deliverable(up);
        let _ = writeln!(
            out,
            "{sub}waits on {} \"{}\" from {}, {}, due {}",
            address(portfolio, up),
            u.title,
            portfolio.person_name(&u.owner),
            u.status,
            u.due
        );
    }
}

/// For a person: the deliverables of theirs that others wait on.
fn write_waiting_on_you(
    out: &mut String,
    agenda: &Agenda,
    portfolio: &Portfolio,
    id: &str,
    style: &Style,
) {
    let Style { h2, item, .. } = *style;
    let _ = writeln!(out, "\n{h2}Waiting on you ({id})");
    if agenda.waiting_on_you.is_empty() {
        let _ = writeln!(out, "{item}nobody waits on an open deliverable of yours");
    }
    for w in &agenda.waiting_on_you {
        let (yours, theirs) = (
            portfolio.deliverable(w.yours),
            portfolio.deliverable(w.needed_by),
        );
        let _ = writeln!(
            out,
            "{item}{} \"{}\" (due {}, {}) is needed by {} \"{}\" of {} (due {})",
            address(portfolio, w.yours),
            yours.title,
            yours.due,
            yours.status,
            address(portfolio, w.needed_by),
            theirs.title,
            portfolio.person_name(&theirs.owner),
            theirs.due
        );
    }
}

#[derive(Serialize)]
struct AgendaOut<'a> {
    today: String,
    days: u32,
    person: Option<&'a str>,
    groups: Vec<GroupOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_on_you: Option<Vec<WaitingOut<'a>>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    /// `null` for the late group.
    due: Option<String>,
    late: bool,
    /// Deliverables to start by this day (due later).
    start: bool,
    deliverables: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(flatten)]
    deliverable: RefOut<'a>,
    marks: Vec<String>,
    days_late: i32,
    start_by: Option<String>,
    waits_on: Vec<RefOut<'a>>,
}

#[derive(Serialize)]
struct RefOut<'a> {
    program: &'a str,
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    owner_name: &'a str,
    status: &'static str,
    due: String,
}

#[derive(Serialize)]
struct WaitingOut<'a> {
    yours: RefOut<'a>,
    needed_by: RefOut<'a>,
}

fn ref_out(portfolio: &Portfolio, r: DeliverableRef) -> RefOut<'_> {
    let d = portfolio.deliverable(r);
    RefOut {
        program: &portfolio.programs[r.program].id,
        id: &d.id,
        title: &d.title,
        owner: &d.owner,
        owner_name: portfolio.person_name(&d.owner),
        status: d.status.as_str(),
        due: d.due.to_string(),
    }
}

fn render_json(agenda: &Agenda, portfolio: &Portfolio) -> String {
    let out = AgendaOut {
        today: agenda.today.to_string(),
        days: agenda.days,
        person: agenda.person.as_deref(),
        groups: agenda
            .groups
            .iter()
            .map(|g| GroupOut {
                due: g.due.map(|d| d.to_string()),
                late: g.due.is_none(),
                start: g.start,
                deliverables: g
                    .entries
                    .iter()
                    .map(|e| EntryOut {
                        deliverable: ref_out(portfolio, e.at),
                        marks: mark_words(&e.marks),
                        days_late: e.marks.days_late,
                        start_by: e.start_by.map(|d| d.to_string()),
                        waits_on: e.waits_on.iter().map(|&u| ref_out(portfolio, u)).collect(),
                    })
                    .collect(),
            })
            .collect(),
        waiting_on_you: agenda.person.as_ref().map(|_| {
            agenda
                .waiting_on_you
                .iter()
                .map(|w| WaitingOut {
                    yours: ref_out(portfolio, w.yours),
                    needed_by: ref_out(portfolio, w.needed_by),
                })
                .collect()
        }),
    };
    crate::escape::pretty_json(&out)
}

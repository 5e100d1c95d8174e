//! The detail pane: every field of the focused deliverable, what it needs
//! and who needs it (with owners and states), and its note; or a person's
//! card in full; or, in review mode, a removed deliverable as the base had
//! it. The pane takes the width it needs, up to the whole screen, and
//! wraps what is longer: nothing is cut, a mark least of all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::derive::mark_words;
use crate::forecast::{chain_words, why_words};
use crate::model::{DeliverableRef, Ring};
use crate::pace::{Standing, Words};
use crate::ui::describe::{describe, describe_with};
use crate::ui::fit::{plural, width, wrap};
use crate::ui::paint::{clip, pane, put};
use crate::ui::review_mode::RemovedDeliverable;
use crate::ui::selection::MetricKey;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

/// A deliverable of the loaded plans.
pub(crate) fn lines(data: &Snapshot, r: DeliverableRef) -> Vec<String> {
    let p = &data.plans.portfolio;
    let (Some(prog), Some(d), Some(m)) = (
        p.programs.get(r.program),
        p.get_deliverable(r),
        data.derived.get_marks(r),
    ) else {
        return Vec::new();
    };
    let g = &data.derived.graph;
    let Some(i) = g.get_index(r) else {
        return Vec::new();
    };
    let state = mark_words(&m).join(", ");
    let mut out = vec![
        format!("{} ({}/{})", d.title, prog.id, d.id),
        format!("program   {}", prog.name),
        format!(
            "owner     {} ({}) · {}",
            p.person_name(&d.owner),
            p.ring_in(prog, &d.owner).map_or("no ring", Ring::as_str),
            p.person(&d.owner)
                .and_then(|x| x.contact.as_deref())
                .unwrap_or("no contact")
        ),
        format!(
            "due       {}{}",
            d.due,
            d.start.map_or(String::new(), |s| format!("   start {s}"))
        ),
        format!(
            "status    {}{}",
            d.status,
            if state.is_empty() {
                String::new()
            } else {
                format!("   [{state}]")
            }
        ),
    ];
    if let Some(review) = &data.review {
        for change in review.about(&prog.id, &d.id) {
            out.push(format!("since {}: {change}", review.base));
        }
    }
    if let Some(note) = &d.note {
        out.push(format!("note      {note}"));
    }
    // Where it is heading: the forecast, why it slips, and the chain.
    if let Some(item) = data.derived.forecast.item(i) {
        let slip = if item.slip > 0 {
            format!(" (+{} d past due)", item.slip)
        } else {
            " (on plan)".to_string()
        };
        out.push(format!("forecast  {}{slip}", item.date));
        if let Some(why) = why_words(p, &data.derived, i) {
            out.push(format!("why       {why}"));
        }
        let chain = data.derived.forecast.chain(i);
        if chain.len() > 1 {
            let words = chain_words(p, &data.derived, r.program, &chain[1..]);
            out.push(format!("chain     {}{words}", d.id));
        }
        if item.own_slip > 0 {
            out.push(format!(
                "its plan  its needs' due dates plus its work pass its due date by {} d",
                item.own_slip
            ));
        }
    }
    // With each owner's contact: a hand-off can be chased from here.
    let describe = |j: usize| {
        let (text, marks) = describe_with(data, j, true);
        format!("  {text}{marks}")
    };
    out.push(format!("needs ({})", g.needs[i].len()));
    out.extend(g.needs[i].iter().map(|&j| describe(j)));
    out.push(format!("needed by ({})", g.needed_by[i].len()));
    out.extend(g.needed_by[i].iter().map(|&j| describe(j)));
    out.push(format!("{}:{}:{}", prog.path, d.pos.line, d.pos.col));
    out
}

/// A deliverable the review's base had and the plans no longer have.
pub(crate) fn removed_lines(item: &RemovedDeliverable, base: &str) -> Vec<String> {
    let d = &item.deliverable;
    let mut out = vec![
        format!("{} ({}/{})", d.title, item.program, d.id),
        format!("REMOVED since {base}; as {base} had it:"),
        format!("program   {}", item.program_name),
        format!("owner     {}", item.owner_name),
        format!(
            "due       {}{}",
            d.due,
            d.start.map_or(String::new(), |s| format!("   start {s}"))
        ),
        format!("status    {}", d.status),
    ];
    if let Some(note) = &d.note {
        out.push(format!("note      {note}"));
    }
    let needs: Vec<&str> = d.needs.iter().map(|n| n.raw.as_str()).collect();
    out.push(format!("needs ({}) {}", needs.len(), needs.join(", ")));
    out.push(format!(
        "{}:{}:{} in {base}",
        item.path, d.pos.line, d.pos.col
    ));
    out
}

/// A person: who they are, how to reach them, and their open work (in
/// the program shown first, then elsewhere).
pub(crate) fn person_lines(data: &Snapshot, id: &str, program: Option<usize>) -> Vec<String> {
    let p = &data.plans.portfolio;
    let person = p.person(id);
    let mut out = vec![format!("{} ({id})", p.person_name(id))];
    let field = |name: &str, value: Option<&str>| format!("{name:<10}{}", value.unwrap_or("-"));
    out.push(field("role", person.and_then(|x| x.role.as_deref())));
    out.push(field("org", person.and_then(|x| x.org.as_deref())));
    out.push(field("contact", person.and_then(|x| x.contact.as_deref())));
    if let Some(prog) = program.and_then(|i| p.programs.get(i)) {
        let ring = p.ring_in(prog, id).map_or("no ring", Ring::as_str);
        out.push(format!("ring      {ring} in {}", prog.id));
    }
    let open: Vec<usize> = p
        .deliverable_refs()
        .filter(|&r| p.deliverable(r).owner == id)
        .filter_map(|r| data.derived.graph.get_index(r))
        .filter(|&i| data.derived.marks[i].open)
        .collect();
    if open.is_empty() {
        out.push("no open work".to_string());
    } else {
        out.push(format!(
            "open work ({}):",
            plural(open.len(), "deliverable", "deliverables")
        ));
        for i in open {
            let (text, marks) = describe(data, i);
            out.push(format!("  {text}{marks}"));
        }
    }
    if let Some(x) = person {
        out.push(format!("{}:{}:{}", x.path, x.pos.line, x.pos.col));
    }
    out
}

/// A metric of the loaded plans: its values, how it stands today, its
/// owner (its history goes under them: [`with_history`]).
pub(crate) fn metric_lines(data: &Snapshot, key: &MetricKey) -> Vec<String> {
    let p = &data.plans.portfolio;
    let Some(prog) = p.program(&key.program) else {
        return vec![format!("{key} is no longer in the plans")];
    };
    let Some(m) = prog.metrics.iter().find(|m| m.id == key.id) else {
        return vec![format!("{key} is no longer in the plans")];
    };
    let standing = Standing::new(m, prog, data.today());
    let words = Words::new(m, &standing);
    let mut out = vec![
        format!("{} ({key})", m.name),
        format!("program   {}", prog.name),
        format!("values    {} · {}", words.values, words.attainment),
    ];
    if let Some(pace) = words.pace.or(words.over.map(str::to_string)) {
        out.push(format!("pace      {pace}"));
    }
    if let Some(owner) = &m.owner {
        out.push(format!("owner     {}", p.person_name(owner)));
    }
    out
}

/// The history lines (`L`) under a deliverable's details, or the hint.
pub(crate) fn with_history(mut text: Vec<String>, history: Option<&[String]>) -> Vec<String> {
    match history {
        Some(h) => {
            text.push(format!(
                "history ({})",
                plural(h.len(), "change", "changes")
            ));
            text.extend(h.iter().map(|l| format!("  {l}")));
        }
        None => text.push("L: history from git".to_string()),
    }
    text
}

/// A centred pane over the view: as wide as its longest line needs (at
/// least 80 columns where there are), up to the whole view but for a
/// margin; longer lines wrap, continuations indented.
pub(crate) fn draw(text: &[String], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = clip(area, buf);
    let longest = text.iter().map(|l| width(l)).max().unwrap_or(0);
    let most = area.width.saturating_sub(4);
    let w = (longest.saturating_add(4).min(u16::MAX as usize) as u16).clamp(most.min(80), most);
    if w < 20 || area.height < 3 {
        return;
    }
    let inner_w = w.saturating_sub(4) as usize;
    let mut rows: Vec<(bool, String)> = Vec::new();
    for (k, line) in text.iter().enumerate() {
        rows.extend(wrap(line, inner_w, 4).into_iter().map(|l| (k == 0, l)));
    }
    let h = (rows.len() as u16 + 2).min(area.height);
    let inner = pane(area, w, h, " Details (Esc closes) ", buf);
    let room = inner.height as usize;
    let hidden = rows.len().saturating_sub(room);
    for (k, (title, line)) in rows.iter().take(room).enumerate() {
        let style = if *title {
            theme.title()
        } else {
            Default::default()
        };
        let line = if hidden > 0 && k + 1 == room {
            // The last row says what does not fit, instead of a silent cut.
            format!("… {} more", plural(hidden + 1, "line", "lines"))
        } else {
            line.clone()
        };
        put(buf, inner.x + 1, inner.y + k as u16, &line, inner_w, style);
    }
}

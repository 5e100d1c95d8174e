//! The detail pane: every field of the focused deliverable, what it needs
//! and who needs it (with owners and states), and its note.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{clip, put};
use crate::model::{DeliverableRef, Ring};
use crate::report::mark_words;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

pub fn lines(data: &Snapshot, r: DeliverableRef) -> Vec<String> {
    let p = &data.plans.portfolio;
    let prog = &p.programs[r.program];
    let d = p.deliverable(r);
    let m = data.derived.marks(r);
    let g = &data.derived.graph;
    let i = g.index(r);
    let state = mark_words(&m).join(", ");
    let mut out = vec![
        format!("{} ({}/{})", d.title, prog.id, d.id),
        format!("program   {}", prog.name),
        format!(
            "owner     {} ({})",
            p.person_name(&d.owner),
            p.ring_in(prog, &d.owner).map_or("no ring", Ring::as_str)
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
    let describe = |j: usize| format!("  {}", super::handoffs::describe(data, j));
    out.push(format!("needs ({})", g.needs[i].len()));
    out.extend(g.needs[i].iter().map(|&j| describe(j)));
    out.push(format!("needed by ({})", g.needed_by[i].len()));
    out.extend(g.needed_by[i].iter().map(|&j| describe(j)));
    out.push(format!("{}:{}:{}", prog.path, d.pos.line, d.pos.col));
    out
}

/// A centred pane over the view.
pub fn draw(
    focus: DeliverableRef,
    data: &Snapshot,
    history: Option<&[String]>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let mut text = lines(data, focus);
    match history {
        Some(h) => {
            text.push(format!("history ({} changes)", h.len()));
            text.extend(h.iter().map(|l| format!("  {l}")));
        }
        None => text.push("L: history from git".to_string()),
    }
    let w = area.width.saturating_sub(4).min(100);
    let h = (text.len() as u16 + 2).min(area.height.saturating_sub(2));
    if w < 20 || h < 3 {
        return;
    }
    let pane = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(pane, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Details (Esc closes) ");
    let inner = block.inner(pane);
    block.render(pane, buf);
    for (k, line) in text.iter().take(inner.height as usize).enumerate() {
        let style = if k == 0 {
            theme.title()
        } else {
            Default::default()
        };
        put(
            buf,
            inner.x + 1,
            inner.y + k as u16,
            line,
            inner.width.saturating_sub(2) as usize,
            style,
        );
    }
}

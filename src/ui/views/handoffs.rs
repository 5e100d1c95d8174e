//! Hand-offs: for the focused deliverable, what it waits for (upstream,
//! transitively), who waits for it (downstream), across programs, and its
//! critical path: the chain of open needs that arrives last (by due date),
//! which decides whether it can be done by the program's next milestone.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{clip, put};
use crate::graph::NeedGraph;
use crate::model::DeliverableRef;
use crate::ui::app::Snapshot;
use crate::ui::theme::{Theme, mark};

/// One line of a tree: depth and deliverable.
pub fn tree(graph: &NeedGraph, start: usize, upstream: bool, limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen = HashSet::from([start]);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let next = |i: usize| {
        if upstream {
            &graph.needs[i]
        } else {
            &graph.needed_by[i]
        }
    };
    for &j in next(start).iter().rev() {
        stack.push((1, j));
    }
    while let Some((depth, i)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        out.push((depth, i));
        if out.len() >= limit {
            break;
        }
        for &j in next(i).iter().rev() {
            stack.push((depth + 1, j));
        }
    }
    out
}

/// The chain of open needs that arrives last, from the focus upstream.
pub fn critical_path(data: &Snapshot, start: usize) -> Vec<usize> {
    let g = &data.derived.graph;
    let p = &data.plans.portfolio;
    let mut path = vec![start];
    let mut seen = HashSet::from([start]);
    let mut at = start;
    while let Some(&next) = g.needs[at]
        .iter()
        .filter(|&&j| data.derived.marks[j].open && !seen.contains(&j))
        .max_by_key(|&&j| p.deliverable(g.deliverable(j)).due)
    {
        seen.insert(next);
        path.push(next);
        at = next;
    }
    path
}

/// One deliverable on one line: `program/id title · owner · due · status · MARK`
/// (also used by the detail pane).
pub fn describe(data: &Snapshot, i: usize) -> String {
    let p = &data.plans.portfolio;
    let r = data.derived.graph.deliverable(i);
    let d = p.deliverable(r);
    let m = data.derived.marks[i];
    let changed = data
        .review
        .as_ref()
        .and_then(|rv| rv.mark(data, r))
        .map_or(String::new(), |w| format!(" [{w}]"));
    format!(
        "{}/{} {} · {} · due {} · {}{}{changed}",
        p.programs[r.program].id,
        d.id,
        d.title,
        p.person_name(&d.owner),
        d.due,
        d.status,
        if mark(&m).is_empty() {
            String::new()
        } else {
            format!(" · {}", mark(&m))
        }
    )
}

pub fn draw(
    focus: Option<DeliverableRef>,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let w = area.width as usize;
    let Some(focus) = focus else {
        put(
            buf,
            area.x,
            area.y,
            "Select a deliverable in Rings (1) or Deliverables (2).",
            w,
            theme.dim(),
        );
        return;
    };
    let g = &data.derived.graph;
    let start = g.index(focus);
    let bottom = area.y + area.height;
    let mut y = area.y;
    let mut line = |y: &mut u16, text: &str, style| {
        if *y < bottom {
            put(buf, area.x, *y, text, w, style);
            *y += 1;
        }
    };
    line(&mut y, &describe(data, start), theme.title());
    let room = area.height as usize / 3;
    let up = tree(g, start, true, room.max(1));
    line(&mut y, &format!("Waits for ({}):", up.len()), theme.title());
    if up.is_empty() {
        line(&mut y, "  nothing", theme.dim());
    }
    for (depth, i) in up {
        line(
            &mut y,
            &format!("{}<- {}", "  ".repeat(depth), describe(data, i)),
            theme.marks(&data.derived.marks[i]),
        );
    }
    let down = tree(g, start, false, room.max(1));
    line(
        &mut y,
        &format!("Needed by ({}):", down.len()),
        theme.title(),
    );
    if down.is_empty() {
        line(&mut y, "  nobody", theme.dim());
    }
    for (depth, i) in down {
        line(
            &mut y,
            &format!("{}-> {}", "  ".repeat(depth), describe(data, i)),
            theme.marks(&data.derived.marks[i]),
        );
    }
    let path = critical_path(data, start);
    let p = &data.plans.portfolio;
    let prog = &p.programs[focus.program];
    let verdict = match prog.next_milestone(data.today()) {
        Some(m) if p.deliverable(focus).due > m.date => {
            format!("due after the next milestone \"{}\" ({})", m.name, m.date)
        }
        Some(m) => format!("due before the next milestone \"{}\" ({})", m.name, m.date),
        None => "no milestone ahead".to_string(),
    };
    let steps = path.len() - 1;
    let unit = if steps == 1 { "step" } else { "steps" };
    line(
        &mut y,
        &format!("Critical path ({steps} {unit}, {verdict}):"),
        theme.title(),
    );
    for i in path.iter().skip(1) {
        line(
            &mut y,
            &format!("  <- {}", describe(data, *i)),
            theme.marks(&data.derived.marks[*i]),
        );
    }
}

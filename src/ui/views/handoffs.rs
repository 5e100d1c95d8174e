//! Hand-offs: for the focused deliverable, what it waits for (upstream,
//! transitively), who waits for it (downstream), across programs, and its
//! critical path ([`Derived::critical_path`]), which decides whether it can
//! be done by the program's next milestone.
//!
//! [`Derived::critical_path`]: crate::derive::Derived::critical_path

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{clip, put};
use crate::graph::Direction;
use crate::model::DeliverableRef;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::{Theme, mark};

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
    let up = g.tree(start, Direction::Upstream, room.max(1));
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
    let down = g.tree(start, Direction::Downstream, room.max(1));
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
    let p = &data.plans.portfolio;
    let path = data.derived.critical_path(p, start);
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

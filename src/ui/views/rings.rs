//! Rings, the home view: one program's team as three nested bands, outside
//! partners outermost, the core team in the centre. Each person is a card
//! with their open deliverables; the worst state stands out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::{clip, put};
use crate::derive::days_between;
use crate::model::{DeliverableRef, Ring};
use crate::team::members;
use crate::ui::keymap::Action;
use crate::ui::list::{seek, step};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::theme::{Theme, mark};

/// The selection: an index into the program's open deliverables, in the
/// order the cards show them.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub cursor: usize,
}

/// A person's card: name line, detail line, open deliverables.
struct Card {
    ring: Option<Ring>,
    name: String,
    detail: String,
    items: Vec<DeliverableRef>,
}

/// Cards worst first (the person whose work is late leads), then by how
/// much is open; people with nothing open come last.
fn cards(data: &Snapshot, program: usize) -> Vec<Card> {
    let p = &data.plans.portfolio;
    let prog = &p.programs[program];
    let mut out: Vec<Card> = members(p, prog)
        .into_iter()
        .map(|m| {
            let person = p.person(m.id);
            let detail = person.map_or(String::new(), |x| {
                [x.role.as_deref(), x.org.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            Card {
                ring: m.ring,
                name: person.map_or(m.id.to_string(), |x| x.name.clone()),
                detail,
                items: m
                    .deliverables
                    .iter()
                    .map(|&index| DeliverableRef { program, index })
                    .filter(|&r| data.derived.marks(r).open)
                    .collect(),
            }
        })
        .collect();
    let worst = |c: &Card| {
        c.items
            .iter()
            .map(|&r| data.derived.marks(r).severity())
            .max()
            .unwrap_or(0)
    };
    // Stable: ring order is kept by the band filter; team order breaks ties.
    out.sort_by_key(|c| {
        (
            std::cmp::Reverse(worst(c)),
            std::cmp::Reverse(c.items.len()),
        )
    });
    out
}

/// The open deliverables in card order.
fn items(data: &Snapshot, program: Option<usize>) -> Vec<DeliverableRef> {
    program.map_or_else(Vec::new, |p| {
        cards(data, p).into_iter().flat_map(|c| c.items).collect()
    })
}

impl State {
    /// How many open deliverables the cards list (what the cursor moves over).
    pub fn len(data: &Snapshot, program: Option<usize>) -> usize {
        items(data, program).len()
    }

    pub fn selected(&self, data: &Snapshot, program: Option<usize>) -> Option<DeliverableRef> {
        items(data, program).get(self.cursor).copied()
    }

    pub fn select_ref(&mut self, data: &Snapshot, program: Option<usize>, r: DeliverableRef) {
        if let Some(i) = items(data, program).iter().position(|&x| x == r) {
            self.cursor = i;
        }
    }

    pub fn act(&mut self, a: Action, data: &Snapshot, program: Option<usize>) {
        let n = items(data, program).len();
        self.cursor = step(self.cursor, n, a, 5);
    }

    pub fn find(
        &mut self,
        data: &Snapshot,
        program: Option<usize>,
        q: &str,
        forward: bool,
        skip: bool,
    ) -> bool {
        let list = items(data, program);
        seek(&mut self.cursor, list.len(), forward, skip, |i| {
            matches(data, list[i], q)
        })
    }
}

pub fn draw(
    state: &State,
    data: &Snapshot,
    program: Option<usize>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let Some(pi) = program else {
        put(
            buf,
            area.x,
            area.y,
            "No programs loaded: see Problems (6).",
            area.width as usize,
            theme.dim(),
        );
        return;
    };
    if area.height < 8 {
        return;
    }
    let p = &data.plans.portfolio;
    let prog = &p.programs[pi];
    let w = area.width as usize;
    let progress = data.derived.progress[pi];
    // Header: name, goal, people, priority, progress, next milestone.
    let mut title = prog.name.clone();
    if let Some(n) = prog.priority {
        title.push_str(&format!("  · priority {n}"));
    }
    title.push_str(&format!(
        "  · {} / {} programs ([ ] to switch)",
        data.programs
            .iter()
            .position(|&x| x == pi)
            .map_or(0, |i| i + 1),
        data.programs.len()
    ));
    put(buf, area.x, area.y, &title, w, theme.title());
    let mut who = Vec::new();
    if let Some((s, _)) = &prog.strategist {
        who.push(format!("strategist {}", p.person_name(s)));
    }
    if let Some((l, _)) = &prog.lead {
        who.push(format!("lead {}", p.person_name(l)));
    }
    if let Some(goal) = &prog.goal {
        who.push(format!("goal: {goal}"));
    }
    put(
        buf,
        area.x,
        area.y + 1,
        &who.join(" · "),
        w,
        Default::default(),
    );
    let bar_w = 20usize;
    let filled = (progress.ratio() * bar_w as f64).round() as usize;
    let mut line = format!(
        "progress [{}{}] {}/{} done",
        "#".repeat(filled.min(bar_w)),
        "-".repeat(bar_w - filled.min(bar_w)),
        progress.done,
        progress.total
    );
    if let Some(m) = prog.next_milestone(data.today()) {
        line.push_str(&format!(
            " · next: {} {} (in {} days)",
            m.name,
            m.date,
            days_between(data.today(), m.date)
        ));
    }
    put(buf, area.x, area.y + 2, &line, w, theme.good());

    let cards = cards(data, pi);
    let selected = items(data, program).get(state.cursor).copied();
    let bands = Rect {
        y: area.y + 3,
        height: area.height - 3,
        ..area
    };
    let order = [Some(Ring::Partner), Some(Ring::Extended), Some(Ring::Core)];
    let band_cards: Vec<Vec<&Card>> = order
        .iter()
        .enumerate()
        .map(|(depth, ring)| {
            cards
                .iter()
                .filter(|c| c.ring == *ring || (depth == 2 && c.ring.is_none()))
                .collect()
        })
        .collect();
    // The centre (core) keeps at least half the rows; the outer bands get
    // what their cards need from the rest, each band 2 rows of border.
    let widths = [bands.width.saturating_sub(2), bands.width.saturating_sub(4)];
    let need = |depth: usize| cards_height(&band_cards[depth], widths[depth]);
    let total = bands.height.saturating_sub(6);
    let outer_room = total / 2;
    let partner = need(0).min(outer_room / 2).max(1.min(need(0)));
    let extended = need(1)
        .min(outer_room.saturating_sub(partner))
        .max(1.min(need(1)));
    let heights = [partner, extended, u16::MAX];
    let mut inner = bands;
    for (depth, ring) in order.iter().enumerate() {
        if inner.height < 3 || inner.width < 10 {
            break;
        }
        let label = ring.map_or("No ring", Ring::label);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {label} "))
            .border_style(theme.ring(*ring));
        let content = block.inner(inner);
        block.render(inner, buf);
        let room =
            content
                .height
                .saturating_sub(if depth < 2 { (2 - depth as u16) * 3 } else { 0 });
        let h = heights[depth].min(room);
        let used = draw_cards(
            &band_cards[depth],
            data,
            selected,
            theme,
            Rect {
                height: h,
                ..content
            },
            buf,
        );
        inner = Rect {
            y: content.y + used,
            height: content.height.saturating_sub(used),
            ..content
        };
    }
}

/// The rows a band's cards need at a width (the tallest column).
fn cards_height(cards: &[&Card], width: u16) -> u16 {
    if cards.is_empty() {
        return 0;
    }
    let cols = (width / 38).max(1) as usize;
    let per_col = cards.len().div_ceil(cols);
    cards
        .chunks(per_col)
        .map(|column| column.iter().map(|c| 1 + c.items.len() as u16).sum::<u16>())
        .max()
        .unwrap_or(0)
}

/// Cards in columns of about 38 columns; returns the height used.
fn draw_cards(
    cards: &[&Card],
    data: &Snapshot,
    selected: Option<DeliverableRef>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    if cards.is_empty() || area.height == 0 {
        return 0;
    }
    let cols = (area.width / 38).max(1) as usize;
    let col_w = area.width / cols as u16;
    let per_col = cards.len().div_ceil(cols);
    let mut tallest = 0u16;
    for (c, column) in cards.chunks(per_col).enumerate() {
        let x = area.x + c as u16 * col_w;
        let mut y = area.y;
        let bottom = area.y + area.height;
        for card in column {
            if y >= bottom {
                break;
            }
            let worst = card
                .items
                .iter()
                .map(|&r| data.derived.marks(r))
                .max_by_key(|m| m.severity());
            let name_style = worst.map_or(theme.title(), |m| theme.marks(&m).patch(theme.title()));
            let head = match worst.map(|m| mark(&m)).filter(|s| !s.is_empty()) {
                Some(word) => format!("{} ({word})", card.name),
                None => card.name.clone(),
            };
            let used = put(
                buf,
                x,
                y,
                &head,
                col_w.saturating_sub(1) as usize,
                name_style,
            );
            if !card.detail.is_empty() {
                let room = (col_w as usize).saturating_sub(used + 1);
                put(
                    buf,
                    x + used as u16,
                    y,
                    &format!(" · {}", card.detail),
                    room,
                    theme.dim(),
                );
            }
            y += 1;
            for &r in &card.items {
                if y >= bottom {
                    break;
                }
                let d = data.plans.portfolio.deliverable(r);
                let m = data.derived.marks(r);
                let word = mark(&m);
                let changed = data
                    .review
                    .as_ref()
                    .and_then(|rv| rv.mark(data, r))
                    .map_or(String::new(), |w| format!(" [{w}]"));
                let text = format!(
                    "{} {:<5} {}{changed}",
                    d.due.strftime("%m-%d"),
                    word,
                    d.title
                );
                let style = if Some(r) == selected {
                    theme.selected()
                } else {
                    theme.marks(&m)
                };
                put(
                    buf,
                    x + 1,
                    y,
                    &text,
                    col_w.saturating_sub(2) as usize,
                    style,
                );
                y += 1;
            }
        }
        tallest = tallest.max(y.saturating_sub(area.y));
    }
    tallest.min(area.height)
}

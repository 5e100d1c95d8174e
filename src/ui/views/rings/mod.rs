//! Rings, the home view: one program's team as three nested bands, outside
//! partners outermost, the core team in the centre. Each person is a card
//! with their open deliverables, or "no open work"; the worst state stands
//! out. Everyone is reachable: the bands scroll with the selection, and a
//! line says how many people are above and below.
//!
//! The cursor moves over the entries in screen order: band by band from
//! the outside in, card by card as they are read (left to right, then the
//! next row of cards), a card's deliverables top to bottom; a person with
//! no open work is one entry (their card). Cards are laid out in rows, so
//! that order does not depend on how many cards fit side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use crate::derive::days_between;
use crate::model::{DeliverableRef, Ring};
use crate::team::members;
use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::text::{fit_with_tail, plural};
use crate::ui::theme::{Theme, mark};
use crate::ui::view::{ListOf, Reply, Shared, View, ViewKind};

impl ViewId {
    pub const RINGS: ViewId = ViewId::new("rings");
}

pub static KIND: ViewKind = ViewKind {
    id: ViewId::RINGS,
    name: "Rings",
    help: "Rings view",
    takes: &[Move, Search, Program, Details, History, Edit, Editor],
    review_only: false,
    make: || Box::new(Rings::default()),
};

/// The selection: an index into [`entries`].
#[derive(Clone, Debug, Default)]
pub struct Rings {
    pub cursor: usize,
}

/// What the cursor can select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An open deliverable on its owner's card.
    Item(DeliverableRef),
    /// A person with no open work in the program, by id.
    Person(String),
}

/// A person's card: name line, then their open deliverables.
struct Card {
    id: String,
    name: String,
    /// Role and organisation.
    detail: String,
    contact: Option<String>,
    items: Vec<DeliverableRef>,
}

impl Card {
    fn height(&self) -> u16 {
        1 + self.items.len().max(1) as u16
    }
}

/// The bands from the outside in; people without a ring join the core.
const BANDS: [Ring; 3] = [Ring::Partner, Ring::Extended, Ring::Core];
/// About how wide a card is: bands hold as many side by side as fit.
const CARD_W: u16 = 38;

/// The cards of each band, the people whose work is late or blocked first,
/// then by how much is open; people with nothing open last.
fn bands(data: &Snapshot, program: usize) -> [Vec<Card>; 3] {
    let p = &data.plans.portfolio;
    let mut out: [Vec<Card>; 3] = Default::default();
    let Some(prog) = p.programs.get(program) else {
        return out;
    };
    for m in members(p, prog) {
        let person = p.person(m.id);
        let detail = person.map_or(String::new(), |x| {
            [x.role.as_deref(), x.org.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        let items = m
            .deliverables
            .iter()
            .map(|&index| DeliverableRef { program, index })
            .filter(|&r| data.derived.get_marks(r).is_some_and(|m| m.open))
            .collect();
        let band = match m.ring {
            Some(Ring::Partner) => 0,
            Some(Ring::Extended) => 1,
            _ => 2,
        };
        out[band].push(Card {
            id: m.id.to_string(),
            name: person.map_or(m.id.to_string(), |x| x.name.clone()),
            detail,
            contact: person.and_then(|x| x.contact.clone()),
            items,
        });
    }
    let worst = |c: &Card| {
        c.items
            .iter()
            .filter_map(|&r| data.derived.get_marks(r))
            .map(|m| m.severity())
            .max()
            .unwrap_or(0)
    };
    // Stable: team order breaks ties.
    for band in &mut out {
        band.sort_by_key(|c| {
            (
                std::cmp::Reverse(worst(c)),
                std::cmp::Reverse(c.items.len()),
            )
        });
    }
    out
}

/// The entries of a card, in order.
fn card_entries(card: &Card) -> Vec<Entry> {
    if card.items.is_empty() {
        vec![Entry::Person(card.id.clone())]
    } else {
        card.items.iter().map(|&r| Entry::Item(r)).collect()
    }
}

/// Everything the cursor moves over, in screen order.
pub fn entries(data: &Snapshot, program: Option<usize>) -> Vec<Entry> {
    program.map_or_else(Vec::new, |p| {
        bands(data, p)
            .iter()
            .flatten()
            .flat_map(card_entries)
            .collect()
    })
}

impl View for Rings {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    /// How many entries the cards hold (what the cursor moves over).
    fn len(&self, s: &Shared) -> usize {
        entries(s.data, s.program).len()
    }

    fn keys(&self, s: &Shared) -> Vec<Selected> {
        let p = &s.data.plans.portfolio;
        entries(s.data, s.program)
            .into_iter()
            .filter_map(|e| match e {
                Entry::Item(r) => ItemKey::of(p, r).map(Selected::Deliverable),
                Entry::Person(id) => Some(Selected::Person(id)),
            })
            .collect()
    }

    fn sets_focus(&self) -> bool {
        true
    }

    fn list_of(&self) -> ListOf {
        ListOf::Program
    }

    /// Enter on a person with no open work: their card in full.
    fn act(&mut self, a: Action, s: &Shared) -> Reply {
        if a != Action::Open {
            return Reply::Pass;
        }
        match entries(s.data, s.program).into_iter().nth(self.cursor) {
            Some(Entry::Person(id)) => Reply::Person(id),
            _ => Reply::Pass,
        }
    }

    /// Deliverables by [`matches()`]; people by name, id, role or org.
    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        let data = s.data;
        let list = entries(data, s.program);
        let p = &data.plans.portfolio;
        let hit = |s: &str| s.to_lowercase().contains(q);
        seek(
            &mut self.cursor,
            list.len(),
            forward,
            skip,
            |i| match &list[i] {
                Entry::Item(r) => matches(data, *r, q),
                Entry::Person(id) => {
                    hit(id)
                        || p.person(id).is_some_and(|x| {
                            hit(&x.name)
                                || x.role.as_deref().is_some_and(hit)
                                || x.org.as_deref().is_some_and(hit)
                        })
                }
            },
        )
    }

    fn draw(&self, s: &Shared, area: Rect, _list: Option<&ListLayout>, buf: &mut Buffer) {
        let (data, theme) = (s.data, s.theme);
        let Some(pi) = s
            .program
            .filter(|&p| p < data.plans.portfolio.programs.len())
        else {
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
        header(data, pi, theme, area, buf);
        let bands = bands(data, pi);
        let canvas = paint(&bands, data, self.cursor, theme, area.width);
        let view = Rect {
            y: area.y + 3,
            height: area.height - 3,
            ..area
        };
        show(&canvas, self.cursor, theme, view, buf);
    }
}

/// Name, priority, people, goal, progress and the next milestone.
fn header(data: &Snapshot, pi: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let p = &data.plans.portfolio;
    let prog = &p.programs[pi];
    let w = area.width as usize;
    let mut title = prog.name.clone();
    if let Some(n) = prog.priority {
        title.push_str(&format!("  · priority {n}"));
    }
    title.push_str(&format!(
        "  · {} / {} ([ ] to switch)",
        data.programs
            .iter()
            .position(|&x| x == pi)
            .map_or(0, |i| i + 1),
        plural(data.programs.len(), "program", "programs")
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
    let progress = data.derived.progress.get(pi).copied().unwrap_or_default();
    let bar_w = 20usize;
    let filled = ((progress.ratio() * bar_w as f64).round() as usize).min(bar_w);
    let mut line = format!(
        "progress [{}{}] {}/{} done",
        "#".repeat(filled),
        "-".repeat(bar_w - filled),
        progress.done,
        progress.total
    );
    if let Some(m) = prog.next_milestone(data.today()) {
        let days = days_between(data.today(), m.date);
        let when = match days {
            0 => "today".to_string(),
            n => format!("in {}", plural(n as usize, "day", "days")),
        };
        line.push_str(&format!(" · next: {} {} ({when})", m.name, m.date));
    }
    put(buf, area.x, area.y + 2, &line, w, theme.good());
}

/// The three bands drawn in full, off screen, and where each entry and
/// each card's name line are on it.
struct Canvas {
    buf: Buffer,
    entry_rows: Vec<u16>,
    name_rows: Vec<u16>,
}

fn paint(
    bands: &[Vec<Card>; 3],
    data: &Snapshot,
    selected: usize,
    theme: &Theme,
    width: u16,
) -> Canvas {
    let inner_w = |depth: u16| width.saturating_sub(2 * (depth + 1));
    let heights: Vec<u16> = (0..3)
        .map(|d| cards_height(&bands[d], inner_w(d as u16)))
        .collect();
    let total = 6 + heights.iter().sum::<u16>();
    let mut canvas = Canvas {
        buf: Buffer::empty(Rect::new(0, 0, width, total)),
        entry_rows: Vec::new(),
        name_rows: Vec::new(),
    };
    let mut band = Rect::new(0, 0, width, total);
    for (depth, ring) in BANDS.into_iter().enumerate() {
        if band.width < 4 || band.height < 2 {
            break;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", ring.label()))
            .border_style(theme.ring(Some(ring)));
        let content = block.inner(band);
        block.render(band, &mut canvas.buf);
        let cards = Rect {
            height: heights[depth].min(content.height),
            ..content
        };
        draw_band(&bands[depth], data, selected, theme, cards, &mut canvas);
        band = Rect {
            y: content.y + cards.height,
            height: content.height - cards.height,
            ..content
        };
    }
    canvas
}

/// The rows a band's cards need at a width: rows of cards side by side,
/// each as tall as its tallest card; one row to say the band is empty.
fn cards_height(cards: &[Card], width: u16) -> u16 {
    let cols = (width / CARD_W).max(1) as usize;
    let rows: u16 = cards
        .chunks(cols)
        .map(|row| row.iter().map(Card::height).max().unwrap_or(0))
        .sum();
    rows.max(1)
}

fn draw_band(
    cards: &[Card],
    data: &Snapshot,
    selected: usize,
    theme: &Theme,
    area: Rect,
    canvas: &mut Canvas,
) {
    if cards.is_empty() {
        put(
            &mut canvas.buf,
            area.x + 1,
            area.y,
            "nobody in this ring",
            area.width.saturating_sub(2) as usize,
            theme.dim(),
        );
        return;
    }
    let cols = (area.width / CARD_W).max(1);
    let col_w = area.width / cols;
    let mut y = area.y;
    for row in cards.chunks(cols as usize) {
        for (c, card) in row.iter().enumerate() {
            let at = Rect::new(area.x + c as u16 * col_w, y, col_w, card.height());
            draw_card(card, data, selected, theme, at, canvas);
        }
        y += row.iter().map(Card::height).max().unwrap_or(0);
    }
}

fn draw_card(
    card: &Card,
    data: &Snapshot,
    selected: usize,
    theme: &Theme,
    at: Rect,
    canvas: &mut Canvas,
) {
    let buf = &mut canvas.buf;
    let w = at.width.saturating_sub(1) as usize;
    let worst = card
        .items
        .iter()
        .filter_map(|&r| data.derived.get_marks(r))
        .max_by_key(|m| m.severity());
    let name_style = worst.map_or(theme.title(), |m| theme.marks(&m).patch(theme.title()));
    let head = match worst.map(|m| mark(&m)).filter(|s| !s.is_empty()) {
        Some(word) => format!("{} ({word})", card.name),
        None => card.name.clone(),
    };
    let used = put(buf, at.x, at.y, &head, w, name_style);
    if !card.detail.is_empty() {
        let room = w.saturating_sub(used);
        let detail = format!(" · {}", card.detail);
        put(buf, at.x + used as u16, at.y, &detail, room, theme.dim());
    }
    canvas.name_rows.push(at.y);
    let line_w = at.width.saturating_sub(2) as usize;
    if card.items.is_empty() {
        let entry = canvas.entry_rows.len();
        canvas.entry_rows.push(at.y + 1);
        let text = match &card.contact {
            Some(c) => format!("no open work · {c}"),
            None => "no open work".to_string(),
        };
        let style = if entry == selected {
            theme.selected()
        } else {
            theme.dim()
        };
        put(buf, at.x + 1, at.y + 1, &text, line_w, style);
        return;
    }
    let p = &data.plans.portfolio;
    for (k, &r) in card.items.iter().enumerate() {
        let y = at.y + 1 + k as u16;
        let entry = canvas.entry_rows.len();
        canvas.entry_rows.push(y);
        let (Some(d), Some(m)) = (p.get_deliverable(r), data.derived.get_marks(r)) else {
            continue;
        };
        // The review's mark is kept whole: the title is what is cut.
        let changed = data
            .review
            .as_ref()
            .and_then(|rv| rv.mark(&data.plans.portfolio, r))
            .map_or(String::new(), |w| format!(" [{w}]"));
        let main = format!("{} {:<5} {}", d.due.strftime("%m-%d"), mark(&m), d.title);
        let style = if entry == selected {
            theme.selected()
        } else {
            theme.marks(&m)
        };
        let text = fit_with_tail(&main, &changed, line_w);
        put(buf, at.x + 1, y, &text, line_w, style);
    }
}

/// Shows the part of the canvas around the selection in `view`; when it
/// does not fit, the last row says how many people are above and below.
fn show(canvas: &Canvas, selected: usize, theme: &Theme, view: Rect, buf: &mut Buffer) {
    let total = canvas.buf.area.height;
    let (first, rows) = if total <= view.height {
        (0, total)
    } else {
        let rows = view.height.saturating_sub(1);
        let at = canvas.entry_rows.get(selected).copied().unwrap_or(0);
        (at.saturating_sub(rows / 2).min(total - rows), rows)
    };
    for dy in 0..rows {
        for dx in 0..view.width.min(canvas.buf.area.width) {
            let (x, y) = (view.x + dx, view.y + dy);
            if buf.area.contains((x, y).into()) {
                buf[(x, y)] = canvas.buf[(dx, first + dy)].clone();
            }
        }
    }
    if rows == total {
        return;
    }
    let above = canvas.name_rows.iter().filter(|&&y| y < first).count();
    let below = canvas
        .name_rows
        .iter()
        .filter(|&&y| y >= first + rows)
        .count();
    let more = match (above, below) {
        (0, 0) if first > 0 => "more above (k)".to_string(),
        (0, 0) => "more below (j)".to_string(),
        (0, n) => format!("{} more below (j)", plural(n, "person", "people")),
        (n, 0) => format!("{} more above (k)", plural(n, "person", "people")),
        (a, b) => format!("{} above, {b} below (j/k)", plural(a, "person", "people")),
    };
    put(
        buf,
        view.x,
        view.y + rows,
        &more,
        view.width as usize,
        theme.dim(),
    );
}

//! The Rings view's bands drawn in full, off screen, then the part around
//! the selection shown. Cards follow the screen: a band puts as many cards
//! side by side as the width holds, and where the screen has rows to
//! spare it puts fewer, wider cards, so that titles are cut only when the
//! screen is full. Each line of a card says the deliverable's due date,
//! its status and its mark, then its title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::{BANDS, Card};
use crate::ui::fit::{fit_with_tail, plural, width};
use crate::ui::paint::put;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::{Theme, status_glyph};

/// The narrowest a card is made while a wider one would cut less.
const MIN_CARD_W: u16 = 34;
/// How much of a person's role and organisation a card makes room for
/// before the screen's spare rows go to the rest of it.
const DETAIL_W: usize = 33;

/// The three bands drawn in full, and where each entry and each card's
/// name line are on it.
pub(super) struct Canvas {
    buf: Buffer,
    entry_rows: Vec<u16>,
    name_rows: Vec<u16>,
}

impl Card {
    fn height(&self) -> u16 {
        1 + self.items.len().max(1) as u16
    }
}

/// A card's lines as drawn: the name line (name and worst mark), then one
/// line per open deliverable (`02-05 [>] RISK  Key visual`) and its
/// review mark apart (a cut keeps it).
struct Lines {
    head: String,
    /// The columns the person's role and organisation take after it.
    detail: usize,
    items: Vec<(String, String)>,
}

fn lines(card: &Card, data: &Snapshot) -> Lines {
    let p = &data.plans.portfolio;
    let marks: Vec<_> = card.items.iter().filter_map(|&r| data.mark(r)).collect();
    let worst = marks.iter().max_by_key(|m| m.severity());
    let head = match worst.map(|m| m.word()).filter(|w| !w.is_empty()) {
        Some(word) => format!("{} ({word})", card.name),
        None => card.name.clone(),
    };
    // The marks of one card line up: as wide as its widest.
    let mark_w = marks.iter().map(|m| width(&m.word())).max().unwrap_or(0);
    let items = card
        .items
        .iter()
        .filter_map(|&r| {
            let (d, m) = (p.get_deliverable(r)?, data.mark(r)?);
            let changed = data
                .review
                .as_ref()
                .and_then(|rv| rv.mark(p, r))
                .map_or(String::new(), |w| format!(" [{w}]"));
            let word = format!("{:<mark_w$}", m.word());
            let gap = if mark_w > 0 { " " } else { "" };
            let main = format!(
                "{} {} {word}{gap}{}",
                d.due.strftime("%m-%d"),
                status_glyph(d.status),
                d.title
            );
            Some((main, changed))
        })
        .collect();
    let detail = if card.detail.is_empty() {
        0
    } else {
        width(" · ") + width(&card.detail)
    };
    Lines {
        head,
        detail,
        items,
    }
}

/// The columns a card needs to show every line whole, and of the person's
/// role and organisation at most `detail` columns.
fn needed(lines: &Lines, detail: usize) -> u16 {
    let items = lines.items.iter().map(|(m, t)| width(m) + width(t));
    let head = width(&lines.head) + lines.detail.min(detail);
    let widest = items.chain([head]).max().unwrap_or(0);
    // One column in front of the lines, one between cards.
    (widest + 2).min(u16::MAX as usize) as u16
}

/// The room inside the band at `depth` (0: outermost).
fn inner(width: u16, depth: usize) -> u16 {
    width.saturating_sub(2 * (depth as u16 + 1))
}

/// The rows a band's cards take at `cols` side by side: each row of cards
/// as tall as its tallest card; one row to say the band is empty.
fn cards_height(cards: &[Card], cols: u16) -> u16 {
    let rows: u16 = cards
        .chunks(cols.max(1) as usize)
        .map(|row| row.iter().map(Card::height).max().unwrap_or(0))
        .sum();
    rows.max(1)
}

/// How many cards each band puts side by side, at `width` with `room`
/// rows to show them in: as many as fit (or as `from` says), then fewer
/// (wider cards) in the band that saves the most text from cuts, while
/// the bands still fit the rows.
fn columns(
    bands: &[Vec<Card>; 3],
    needs: &[Vec<u16>; 3],
    width: u16,
    room: u16,
    from: Option<[u16; 3]>,
) -> [u16; 3] {
    let most = |d: usize| {
        let fit = (inner(width, d) / MIN_CARD_W).max(1);
        fit.min(bands[d].len().max(1) as u16)
    };
    let mut cols = from.unwrap_or([most(0), most(1), most(2)]);
    let height = |cols: &[u16; 3]| -> u16 {
        let bands: u16 = (0..3).map(|d| cards_height(&bands[d], cols[d])).sum();
        6 + bands
    };
    // Columns of text cut from the band's cards at `c` side by side.
    let cut = |d: usize, c: u16| -> u32 {
        let w = inner(width, d) / c.max(1);
        needs[d]
            .iter()
            .map(|&n| u32::from(n.saturating_sub(w)))
            .sum()
    };
    loop {
        let better = (0..3)
            .filter(|&d| cols[d] > 1)
            .filter_map(|d| {
                let mut fewer = cols;
                fewer[d] -= 1;
                let saved = cut(d, cols[d]).saturating_sub(cut(d, fewer[d]));
                (saved > 0 && height(&fewer) <= room).then_some((saved, d))
            })
            .max();
        match better {
            Some((_, d)) => cols[d] -= 1,
            None => return cols,
        }
    }
}

/// The bands for a view of `view`'s size.
pub(super) fn paint(
    bands: &[Vec<Card>; 3],
    data: &Snapshot,
    selected: usize,
    theme: &Theme,
    view: Rect,
) -> Canvas {
    let width = view.width;
    let drawn: Vec<Vec<Lines>> = bands
        .iter()
        .map(|cards| cards.iter().map(|c| lines(c, data)).collect())
        .collect();
    // Room for the titles and some of each role first; then, where rows
    // are left, for the whole of each role.
    let needs = |detail: usize| -> [Vec<u16>; 3] {
        std::array::from_fn(|d| drawn[d].iter().map(|l| needed(l, detail)).collect())
    };
    let first = columns(bands, &needs(DETAIL_W), width, view.height, None);
    let cols = columns(bands, &needs(usize::MAX), width, view.height, Some(first));
    let heights: Vec<u16> = (0..3).map(|d| cards_height(&bands[d], cols[d])).collect();
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
        let area = Rect {
            height: heights[depth].min(content.height),
            ..content
        };
        let band_cards = (&bands[depth][..], &drawn[depth][..]);
        draw_band(
            band_cards,
            cols[depth],
            data,
            (selected, theme),
            area,
            &mut canvas,
        );
        band = Rect {
            y: content.y + area.height,
            height: content.height - area.height,
            ..content
        };
    }
    canvas
}

fn draw_band(
    (cards, drawn): (&[Card], &[Lines]),
    cols: u16,
    data: &Snapshot,
    (selected, theme): (usize, &Theme),
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
    let cols = cols.max(1);
    let col_w = area.width / cols;
    let mut y = area.y;
    for (row, texts) in cards.chunks(cols as usize).zip(drawn.chunks(cols as usize)) {
        for (c, (card, text)) in row.iter().zip(texts).enumerate() {
            let at = Rect::new(area.x + c as u16 * col_w, y, col_w, card.height());
            draw_card((card, text), data, (selected, theme), at, canvas);
        }
        y += row.iter().map(Card::height).max().unwrap_or(0);
    }
}

fn draw_card(
    (card, text): (&Card, &Lines),
    data: &Snapshot,
    (selected, theme): (usize, &Theme),
    at: Rect,
    canvas: &mut Canvas,
) {
    let buf = &mut canvas.buf;
    let w = at.width.saturating_sub(1) as usize;
    let worst = card
        .items
        .iter()
        .filter_map(|&r| data.mark(r))
        .max_by_key(|m| m.severity());
    let name_style = worst.map_or(theme.title(), |m| theme.mark(&m).patch(theme.title()));
    let used = put(buf, at.x, at.y, &text.head, w, name_style);
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
    for (k, (&r, (main, changed))) in card.items.iter().zip(&text.items).enumerate() {
        let y = at.y + 1 + k as u16;
        let entry = canvas.entry_rows.len();
        canvas.entry_rows.push(y);
        let style = if entry == selected {
            theme.selected()
        } else {
            data.mark(r)
                .map_or_else(Default::default, |m| theme.mark(&m))
        };
        // The review's mark is kept whole: the title is what is cut.
        let line = fit_with_tail(main, changed, line_w);
        put(buf, at.x + 1, y, &line, line_w, style);
    }
}

/// Shows the part of the canvas around the selection in `view`; when it
/// does not fit, the last row says how many people are above and below.
pub(super) fn show(canvas: &Canvas, selected: usize, theme: &Theme, view: Rect, buf: &mut Buffer) {
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

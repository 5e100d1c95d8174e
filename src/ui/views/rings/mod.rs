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

mod canvas;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::derive::days_between;
use crate::forecast::MilestoneState;
use crate::model::{DeliverableRef, Ring};
use crate::team::members;
use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::fit::{fit_with_tail, plural};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::{Snapshot, matches};
use crate::ui::theme::Theme;
use crate::ui::view::{ListOf, Reply, Shared, View, ViewKind};

impl ViewId {
    pub const RINGS: ViewId = ViewId::new("rings");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::RINGS,
    name: "Rings",
    help: "Rings view",
    takes: &[Move, Search, Program, Details, History, Edit, Editor],
    review_only: false,
    make: || Box::new(Rings::default()),
};

/// The selection: an index into [`entries`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Rings {
    pub cursor: usize,
}

/// What the cursor can select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
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

/// The bands from the outside in; people without a ring join the core.
const BANDS: [Ring; 3] = [Ring::Partner, Ring::Extended, Ring::Core];

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
            .filter_map(|&r| data.mark(r))
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
pub(crate) fn entries(data: &Snapshot, program: Option<usize>) -> Vec<Entry> {
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
        let view = Rect {
            y: area.y + 3,
            height: area.height - 3,
            ..area
        };
        let canvas = canvas::paint(&bands, data, self.cursor, theme, view);
        canvas::show(&canvas, self.cursor, theme, view, buf);
    }
}

/// Name, priority, people, goal, progress and the next milestone with
/// its state and forecast.
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
    let bar_w = if w < 100 { 10 } else { 20 };
    let filled = ((progress.ratio() * bar_w as f64).round() as usize).min(bar_w);
    let mut line = format!(
        "progress [{}{}] {}/{} done",
        "#".repeat(filled),
        "-".repeat(bar_w - filled),
        progress.done,
        progress.total
    );
    let mut style = theme.good();
    // The milestone's state is kept whole; its name is what is cut.
    if let Some((next, state, on_track)) = next_milestone(data, pi) {
        line = fit_with_tail(&format!("{line}{next}"), &state, w);
        if !on_track {
            style = theme.warning();
        }
    }
    put(buf, area.x, area.y + 2, &line, w, style);
}

/// The program's first milestone not passed (a missed one stays until
/// what it waits for is done): " · next: Launch day 03-01 (in 28 days)",
/// its state and forecast " · slipping +6 d, forecast 03-07" (`on track`,
/// `missed`), and whether it is on track.
pub(crate) fn next_milestone(data: &Snapshot, pi: usize) -> Option<(String, String, bool)> {
    let prog = data.plans.portfolio.programs.get(pi)?;
    let forecasts = data.derived.forecast.milestones.get(pi);
    let today = data.today();
    let (m, f) = prog
        .milestones
        .iter()
        .enumerate()
        .filter_map(|(k, m)| Some((m, forecasts?.get(k)?)))
        .filter(|(_, f)| f.state != MilestoneState::Passed)
        .min_by_key(|(m, _)| m.date)?;
    let day = |d: jiff::civil::Date| {
        if d.year() == today.year() {
            d.strftime("%m-%d").to_string()
        } else {
            d.to_string()
        }
    };
    let days = days_between(today, m.date);
    let when = match days {
        0 => "today".to_string(),
        n if n < 0 => format!("{} ago", plural(n.unsigned_abs() as usize, "day", "days")),
        n => format!("in {}", plural(n as usize, "day", "days")),
    };
    let state = match f.state {
        MilestoneState::Slipping => format!("slipping +{} d, forecast {}", f.slip, day(f.date)),
        MilestoneState::Missed => format!("missed ({} open)", f.open),
        MilestoneState::OnTrack | MilestoneState::Passed => "on track".to_string(),
    };
    let next = format!(" · next: {} {} ({when})", m.name, day(m.date));
    Some((
        next,
        format!(" · {state}"),
        f.state == MilestoneState::OnTrack,
    ))
}

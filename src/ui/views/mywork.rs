//! My work: the person using ringboard (`--me`, `RINGBOARD_ME`, or git's
//! `user.email` matched to a person's `contact`): their open deliverables
//! in every program by due date, with marks; what they wait on (the open
//! deliverables theirs need, with owner, contact and state); and who waits
//! on them. Every line is a deliverable the edit keys and Enter act on.
//! Without a known person it says how to set one. The rows are worked out
//! once per load ([`MyWork::rebuild`]); a frame only formats them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::agenda::work_of;
use crate::forecast::why_words;
use crate::me::{Me, MeInputs, resolve};
use crate::model::DeliverableRef;
use crate::ui::action::{Topic::*, ViewId};
use crate::ui::describe::name_and_contact;
use crate::ui::fit::{fit_with_tail, plural};
use crate::ui::list::ListLayout;
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::{Theme, status_glyph};
use crate::ui::view::{Shared, View, ViewKind};

impl ViewId {
    pub const MY_WORK: ViewId = ViewId::new("mywork");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::MY_WORK,
    name: "My work",
    help: "My work view",
    takes: &[Move, Details, History, Edit, Editor],
    review_only: false,
    make: || Box::new(MyWork::default()),
};

/// Which part of the view a row is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// One of the person's open deliverables.
    Open,
    /// An open deliverable of someone else that one of theirs (`about`)
    /// needs.
    WaitsOn,
    /// Someone else's open deliverable that needs one of theirs (`about`).
    WaitingOnYou,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub part: Part,
    pub at: DeliverableRef,
    pub about: Option<DeliverableRef>,
}

/// Who the view is for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Who {
    /// Nobody named, and git's e-mail (if any) is nobody's contact.
    #[default]
    Nobody,
    /// Named by `--me` or `RINGBOARD_ME`, but not in the roster: why.
    Unknown(String),
    Person(Me),
}

#[derive(Clone, Debug, Default)]
pub struct MyWork {
    pub cursor: usize,
    pub who: Who,
    pub rows: Vec<Row>,
    /// What the person is resolved from, again at every load.
    pub inputs: MeInputs,
}

impl MyWork {
    /// Who the view is for, from these inputs (git's e-mail looked up
    /// already), and their rows.
    pub fn set_inputs(&mut self, inputs: MeInputs, data: &Snapshot) {
        self.inputs = inputs;
        self.rebuild(data);
        self.cursor = 0;
    }

    /// The person and rows for a new load (the cursor is placed by the
    /// caller, by identity).
    pub fn rebuild(&mut self, data: &Snapshot) {
        let p = &data.plans.portfolio;
        self.who = match resolve(p, &self.inputs) {
            Ok(Some(me)) => Who::Person(me),
            Ok(None) => Who::Nobody,
            Err(e) => Who::Unknown(e.to_string()),
        };
        self.rows.clear();
        let Who::Person(me) = &self.who else {
            return;
        };
        let work = work_of(p, &data.derived, &me.id);
        let row = |part, at, about| Row { part, at, about };
        self.rows
            .extend(work.open.iter().map(|e| row(Part::Open, e.at, None)));
        for e in &work.open {
            for &up in &e.waits_on {
                if p.deliverable(up).owner != me.id {
                    self.rows.push(row(Part::WaitsOn, up, Some(e.at)));
                }
            }
        }
        self.rows.extend(
            work.waiting_on_you
                .iter()
                .map(|w| row(Part::WaitingOnYou, w.needed_by, Some(w.yours))),
        );
    }

    /// The person, when one is known.
    pub fn person(&self) -> Option<&Me> {
        match &self.who {
            Who::Person(me) => Some(me),
            _ => None,
        }
    }
}

impl View for MyWork {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    fn len(&self, _s: &Shared) -> usize {
        self.rows.len()
    }

    /// The rows by identity: the same deliverable may stand in two parts.
    fn keys(&self, s: &Shared) -> Vec<Selected> {
        let p = &s.data.plans.portfolio;
        self.rows
            .iter()
            .filter_map(|r| ItemKey::of(p, r.at).map(Selected::Deliverable))
            .collect()
    }

    fn sets_focus(&self) -> bool {
        true
    }

    fn reloaded(&mut self, s: &Shared) -> Option<String> {
        self.rebuild(s.data);
        None
    }

    fn draw(&self, s: &Shared, area: Rect, _list: Option<&ListLayout>, buf: &mut Buffer) {
        let w = area.width as usize;
        let lines = lines(self, s.data, s.theme);
        let height = area.height as usize;
        // Scrolled so that the selected row (its last line) shows, the top
        // kept while it can.
        let at = lines
            .iter()
            .rposition(|l| l.row == Some(self.cursor))
            .unwrap_or(0);
        let first = at
            .saturating_sub(height.saturating_sub(2))
            .min(lines.len().saturating_sub(height));
        for (y, line) in lines.iter().skip(first).take(height).enumerate() {
            let style = if line.row.is_some() && line.row == Some(self.cursor) {
                s.theme.selected()
            } else {
                line.style
            };
            let text = fit_with_tail(&line.text, &line.marks, w);
            put(buf, area.x, area.y + y as u16, &text, w, style);
        }
    }
}

/// One line of the view: text, its marks (never cut), style, and the row
/// it shows.
struct Line {
    text: String,
    marks: String,
    style: Style,
    row: Option<usize>,
}

fn address(data: &Snapshot, r: DeliverableRef) -> String {
    let p = &data.plans.portfolio;
    ItemKey::of(p, r).map_or(String::new(), |k| k.to_string())
}

fn lines(state: &MyWork, data: &Snapshot, theme: &Theme) -> Vec<Line> {
    let p = &data.plans.portfolio;
    let text = |text: String, style: Style| Line {
        text,
        marks: String::new(),
        style,
        row: None,
    };
    let me = match &state.who {
        Who::Person(me) => me,
        other => return how_to_set(other, &state.inputs, theme),
    };
    let mut out = vec![text(
        format!(
            "My work: {} ({}) · {} · known from {}",
            p.person_name(&me.id),
            me.id,
            p.person(&me.id)
                .and_then(|x| x.contact.as_deref())
                .unwrap_or("no contact"),
            me.source.label()
        ),
        theme.title(),
    )];
    let count = |part| state.rows.iter().filter(|r| r.part == part).count();
    let parts = [
        (Part::Open, "Open work", "no open work"),
        (Part::WaitsOn, "Waiting on", "waiting on nobody"),
        (Part::WaitingOnYou, "Waiting on you", "nobody waits on you"),
    ];
    for (part, title, none) in parts {
        let n = count(part);
        out.push(text(String::new(), Style::new()));
        out.push(text(
            format!("{title} ({})", plural(n, "deliverable", "deliverables")),
            theme.title(),
        ));
        if n == 0 {
            out.push(text(format!("  {none}"), theme.dim()));
        }
        for (i, r) in state
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.part == part)
        {
            let (Some(d), Some(m)) = (p.get_deliverable(r.at), data.mark(r.at)) else {
                continue;
            };
            let about = r.about.map(|a| address(data, a)).unwrap_or_default();
            // Every row's first line alike: due, status, address, title.
            let first = format!(
                "  {} {} {} {} · {}",
                d.due,
                status_glyph(d.status),
                address(data, r.at),
                d.title,
                d.status
            );
            let owner = name_and_contact(data, &d.owner);
            let why = data
                .derived
                .graph
                .get_index(r.at)
                .and_then(|i| why_words(p, &data.derived, i));
            let second = match part {
                Part::Open => why.map(|w| format!("      slips: {w}")),
                Part::WaitsOn => Some(format!("      from {owner} · for your {about}")),
                Part::WaitingOnYou => Some(format!("      {owner} needs your {about}")),
            };
            let word = m.word();
            out.push(Line {
                text: first,
                marks: if word.is_empty() {
                    String::new()
                } else {
                    format!(" {word}")
                },
                style: theme.mark(&m),
                row: Some(i),
            });
            if let Some(text) = second {
                out.push(Line {
                    text,
                    marks: String::new(),
                    style: Style::new(),
                    row: Some(i),
                });
            }
        }
    }
    out
}

/// Without a person: who the view would be for, and the three ways to say.
fn how_to_set(who: &Who, inputs: &MeInputs, theme: &Theme) -> Vec<Line> {
    let line = |text: &str, style: Style| Line {
        text: text.to_string(),
        marks: String::new(),
        style,
        row: None,
    };
    let mut out = vec![line(
        "My work: ringboard does not know who you are.",
        theme.title(),
    )];
    if let Who::Unknown(why) = who {
        out.push(line(why, theme.warning()));
    }
    out.push(line("", Style::new()));
    out.push(line(
        "Say who you are (a person id of people.toml), one of:",
        Style::new(),
    ));
    out.push(line("  ringboard --me ID", Style::new()));
    out.push(line("  export RINGBOARD_ME=ID", Style::new()));
    match inputs.git_email.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(e) => {
            out.push(line(
                &format!("  contact = \"{e}\" on your person in people.toml"),
                Style::new(),
            ));
            out.push(line("    (that is git config user.email)", theme.dim()));
        }
        None => out.push(line(
            "  a contact on your person equal to git config user.email (not set)",
            Style::new(),
        )),
    }
    out
}

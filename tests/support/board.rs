//! The board without a terminal: an App on the example boards at a fixed
//! today, in monochrome, and its screen as text.
#![allow(dead_code)]

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ringboard::load::{LoadOptions, load};
use ringboard::ui::Keymap;
use ringboard::ui::testing::Theme;
use ringboard::ui::testing::{App, Snapshot};

use super::files::examples;

/// The day every board test runs on.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2027, 2, 1)
}

/// The plans of this repository's `boards/`.
pub fn example_plans() -> ringboard::load::Plans {
    load(&LoadOptions {
        repo: Some(env!("CARGO_MANIFEST_DIR").into()),
        ..LoadOptions::default()
    })
    .expect("example boards load")
}

/// The plans of a folder (a copy: see `files::board_fixture`).
pub fn plans_of(dir: &Path) -> ringboard::load::Plans {
    load(&LoadOptions {
        repo: Some(dir.into()),
        ..LoadOptions::default()
    })
    .expect("plans load")
}

/// The board on the example boards, default keys.
pub fn app() -> App {
    app_on(Snapshot::new(example_plans(), today()))
}

/// The board on loaded data, default keys, monochrome.
pub fn app_on(data: Snapshot) -> App {
    let (keymap, _) = Keymap::load(None);
    App::new(data, keymap, Theme::new(false))
}

/// The Deliverables table's own state (its rows, filters, cursor).
pub fn table(app: &App) -> &ringboard::ui::testing::Deliverables {
    app.view_of().expect("the board has a Deliverables view")
}

/// The Timeline's own state (its row, scroll, grouping).
pub fn timeline(app: &App) -> &ringboard::ui::testing::Timeline {
    app.view_of().expect("the board has a Timeline view")
}

/// My work's own state (who it is for, its rows).
pub fn my_work(app: &App) -> &ringboard::ui::testing::MyWork {
    app.view_of().expect("the board has a My work view")
}

/// The screen as text, one line per row, trailing spaces cut.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    text(&buffer(app, w, h))
}

/// The screen with its styles (the selection is reverse video).
pub fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buf
}

/// A buffer as text; a wide glyph is printed once.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            // A wide glyph covers the next cell: print it once.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Review mode: the example boards against a copy with a slipped deadline,
/// a changed metric, a new deliverable and a removed one.
pub fn review_app() -> App {
    let dir = examples();
    let spring = dir.path().join("boards/spring-launch.toml");
    let text = std::fs::read_to_string(&spring)
        .expect("read")
        .replace("due = 2027-02-10", "due = 2027-02-24")
        .replace("actual = 310", "actual = 420")
        .replace(
            "[[deliverable]]\nid = \"blog-post\"",
            "[[deliverable]]\nid = \"webinar-recap\"",
        );
    std::fs::write(&spring, text).expect("write");
    let base = example_plans();
    let plans = load(&LoadOptions {
        repo: Some(dir.path().into()),
        ..LoadOptions::default()
    })
    .expect("changed");
    let changes = ringboard::review::compare(&base.portfolio, &plans.portfolio);
    let mut snapshot = Snapshot::new(plans, today());
    snapshot.set_review(Some(ringboard::ui::testing::Review::new(
        "main".into(),
        changes,
        &base.portfolio,
    )));
    app_on(snapshot)
}

/// Types text into the board, a key per character (text in a dialog).
pub fn type_text(app: &mut App, text: &str) -> Vec<ringboard::ui::testing::Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(press(app, KeyCode::Char(c)));
    }
    effects
}

/// One key press, as the terminal sends it.
pub fn press(app: &mut App, code: KeyCode) -> Vec<ringboard::ui::testing::Effect> {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap_or_default()
}

/// Selects a deliverable in the Deliverables table by searching for it.
pub fn select(app: &mut App, query: &str) {
    use ringboard::ui::testing::Action;
    use ringboard::ui::testing::ViewId;
    app.apply(Action::View(ViewId::DELIVERABLES));
    app.apply(Action::Search);
    for c in query.chars() {
        app.type_char(Some(c));
    }
    app.apply(Action::Open); // Enter keeps the query
}

/// The board's options for a plans folder, at the test day, monochrome,
/// nobody as `--me` and no git e-mail looked up.
pub fn options(repo: &Path) -> ringboard::ui::BoardOptions {
    ringboard::ui::BoardOptions {
        load: LoadOptions {
            repo: Some(repo.into()),
            ..LoadOptions::default()
        },
        today: today(),
        color: false,
        base: None,
        me: ringboard::me::MeInputs {
            git_email: Some(String::new()),
            ..Default::default()
        },
        editor: None,
    }
}

/// Runs effects as the event loop does and feeds their outcomes back.
pub fn run(
    app: &mut App,
    effects: &[ringboard::ui::testing::Effect],
    opts: &ringboard::ui::BoardOptions,
) {
    let cx = ringboard::ui::testing::Context {
        opts,
        today: opts.today,
    };
    for e in effects {
        let outcome = ringboard::ui::testing::perform(e, &app.data, &cx);
        app.receive(outcome);
    }
}

/// The status line (the last row) at 160x48.
pub fn status_line(app: &App) -> String {
    screen(app, 160, 48)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

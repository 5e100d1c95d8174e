//! Text on the board (issue 13): marks are never cut (the detail pane
//! wraps, cards cut the title), counts agree with their nouns, and text
//! from plans and git is escaped before it is drawn, so no control
//! character reaches the terminal and columns line up.

mod support;

use std::path::Path;

use ringboard::load::{LoadOptions, load};
use ringboard::ui::testing::Action;
use ringboard::ui::testing::ItemKey;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Snapshot};
use support::board::{app, app_on, buffer, example_plans, screen, today};
use support::files::examples;
use tempfile::TempDir;

/// A copy of the example boards with `change` made to the spring plan.
fn changed_boards(change: impl FnOnce(String) -> String) -> TempDir {
    let dir = examples();
    let spring = dir.path().join("boards/spring-launch.toml");
    let text = std::fs::read_to_string(&spring).expect("read");
    std::fs::write(&spring, change(text)).expect("write");
    dir
}

fn load_dir(dir: &Path) -> ringboard::load::Plans {
    load(&LoadOptions {
        repo: Some(dir.into()),
        ..LoadOptions::default()
    })
    .expect("plans load")
}

fn select(a: &mut App, query: &str) {
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in query.chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
}

#[test]
fn the_detail_pane_wraps_and_never_cuts_a_mark() {
    for (w, h) in [(80, 24), (100, 40), (160, 48)] {
        let mut a = app();
        select(&mut a, "key visual");
        a.apply(Action::Open);
        let pane = screen(&a, w, h);
        // Its need brand-refresh/guidelines is late: the mark is there.
        assert!(pane.contains("· LATE"), "{w}x{h}:\n{pane}");
        // Inside the pane's borders nothing is cut; where the screen is
        // too low, the last row says how many lines do not fit.
        for l in pane.lines() {
            let inside = l.split('│').nth(1).unwrap_or("");
            let more = inside.trim_start().starts_with("… ") && inside.trim_end().ends_with("more");
            assert!(more || !inside.contains('…'), "cut at {w}x{h}: {l}\n{pane}");
        }
    }
    // Wide enough, a long line is one line: the pane is not held to 100
    // columns.
    let mut a = app();
    select(&mut a, "key visual");
    a.apply(Action::Open);
    let pane = screen(&a, 200, 48);
    assert!(
        pane.lines().any(|l| l.contains(
            "brand-refresh/guidelines Brand guidelines v3 · Northwind Studio 🎨 (hello@northwind.example) · due 2027-01-22 · doing · LATE"
        )),
        "{pane}"
    );
}

#[test]
fn a_cards_review_mark_is_never_cut() {
    let dir = changed_boards(|t| {
        t.replace(
            "title = \"Key visual 主视觉\"",
            "title = \"Key visual 主视觉 for every channel, market and season\"",
        )
    });
    let plans = load_dir(dir.path());
    let base = example_plans();
    let changes = ringboard::review::compare(&base.portfolio, &plans.portfolio);
    let mut data = Snapshot::new(plans, today());
    data.set_review(Some(ringboard::ui::testing::Review::new(
        "main".into(),
        changes,
        &base.portfolio,
    )));
    let a = app_on(data);
    for (w, h) in [(80, 24), (60, 15)] {
        let text = screen(&a, w, h);
        let card = text
            .lines()
            .find(|l| l.contains("Key visual"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(
            card.contains("… [CHG]"),
            "the title is cut, not the mark: {card}"
        );
    }
}

#[test]
fn counts_agree_with_their_nouns() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Filter); // open
    a.apply(Action::Filter); // late
    a.apply(Action::FilterRing); // core: tracking only
    let text = screen(&a, 160, 48);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("1 row · ")),
        "{text}"
    );
    // One change of history.
    a.apply(Action::Open);
    let key = a.focus.clone().expect("focus");
    a.history_loaded(&key, vec!["2027-01-25 Mei Lin  created".into()]);
    assert!(screen(&a, 160, 48).contains("history (1 change)"));
    // A milestone tomorrow: "in 1 day".
    let data = Snapshot::new(example_plans(), jiff::civil::date(2027, 2, 21));
    let a = app_on(data);
    assert!(screen(&a, 160, 48).contains("Campaign go-live 02-22 (in 1 day)"));
    // One plan error.
    let dir = changed_boards(|t| t.replacen("owner = \"zhao\"", "owner = \"nobody\"", 1));
    let a = app_on(Snapshot::new(load_dir(dir.path()), today()));
    assert_eq!(a.data.counts.errors, 1, "{:?}", a.data.plans.diagnostics);
    let status = screen(&a, 160, 48)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(status.ends_with(" · 1 plan error (6)"), "{status}");
}

/// Every character drawn is printable: no C0/C1 control, no DEL, no bidi
/// embedding, override or isolate.
fn assert_printable(a: &App, what: &str) {
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = buffer(a, w, h);
        for cell in buf.content() {
            for c in cell.symbol().chars() {
                let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
                assert!(
                    !c.is_control() && !bidi,
                    "{what} at {w}x{h}: {c:?} reaches the terminal"
                );
            }
        }
    }
}

#[test]
fn text_from_plans_and_git_is_escaped_before_it_is_drawn() {
    let dir = changed_boards(|t| {
        t.replace(
            "title = \"Launch email copy 邮件文案\"",
            "title = \"Launch \u{202e}ypoc liame\u{202c} copy\"",
        )
        .replace(
            "name = \"Campaign go-live\"",
            "name = \"Go \u{2066}live\u{2069}\"",
        )
    });
    // A file name (the program id) with an escape sequence in it.
    std::fs::write(
        dir.path().join("boards/evil\u{1b}[31m.toml"),
        "[program]\nname = \"Evil\"\n\n[team]\ncore = [\"ana\"]\n\n[[deliverable]]\nid = \"x\"\ntitle = \"Red\"\nowner = \"ana\"\ndue = 2027-02-02\n",
    )
    .expect("write");
    let mut a = app_on(Snapshot::new(load_dir(dir.path()), today()));
    for kind in ringboard::ui::testing::ALL {
        let view = kind.id;
        a.apply(Action::View(view));
        assert_printable(&a, kind.name);
    }
    // Columns line up: the owner column starts where its header does.
    a.apply(Action::View(ViewId::DELIVERABLES));
    let text = screen(&a, 160, 48);
    let column = |line: &str, word: &str| {
        let at = line
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {line}"));
        unicode_width::UnicodeWidthStr::width(&line[..at])
    };
    let header = text.lines().nth(2).expect("header");
    let copy = text
        .lines()
        .find(|l| l.contains("Launch \\u{202e}ypoc"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(column(copy, "Ana Souza"), column(header, "Owner"), "{text}");
    // A file name that is no program id never becomes one: its program is
    // not read (the Problems view says so, escaped, as checked above).
    assert!(!text.contains("Red"), "{text}");
    // The detail pane, with history lines from git holding a sequence.
    select(&mut a, "launch \u{202e}");
    a.apply(Action::Open);
    let key = ItemKey {
        program: "spring-launch".into(),
        id: "email-copy".into(),
    };
    a.history_loaded(&key, vec!["2027-01-25 \u{1b}]0;pwned\u{7} \u{9b}2J".into()]);
    assert_printable(&a, "the detail pane");
    // The timeline's milestone legend, and a status message.
    a.apply(Action::Close);
    a.apply(Action::View(ViewId::TIMELINE));
    assert!(screen(&a, 160, 48).contains("Go \\u{2066}live\\u{2069}"));
    a.message = Some("no match for \"\u{1b}[2J\"".into());
    assert_printable(&a, "the status line");
}

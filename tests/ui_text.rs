//! Text on the board (issue 13): text from plans and git is escaped before
//! it is drawn, so no control character reaches the terminal and columns
//! line up.

mod support;

use std::path::Path;

use ringboard::load::{LoadOptions, load};
use ringboard::ui::app::{App, Snapshot};
use ringboard::ui::effect::ItemKey;
use ringboard::ui::keymap::Action;
use ringboard::ui::views::View;
use support::board::{app_on, buffer, copy_dir, screen, today};
use tempfile::TempDir;

/// A copy of the example boards with `change` made to the spring plan.
fn changed_boards(change: impl FnOnce(String) -> String) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("boards");
    copy_dir(&src, &dir.path().join("boards"));
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
    a.apply(Action::View(View::Deliverables));
    a.apply(Action::Search);
    for c in query.chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
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
    for view in View::ALL {
        a.apply(Action::View(view));
        assert_printable(&a, view.name());
    }
    // Columns line up: the owner column starts where its header does.
    a.apply(Action::View(View::Deliverables));
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
    let evil = text
        .lines()
        .find(|l| l.contains("Red"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(evil.starts_with("evil\\u{1b}[31m"), "{evil}");
    assert_eq!(column(evil, "Ana Souza"), column(header, "Owner"), "{text}");
    // The detail pane, with history lines from git holding a sequence.
    select(&mut a, "launch \u{202e}");
    a.apply(Action::Open);
    let key = ItemKey {
        program: "spring-launch".into(),
        id: "email-copy".into(),
    };
    a.history_loaded(&key, vec!["2027-01-25 \u{1b}]0;pwned\u{7} \u{9b}2J".into()]);
    assert_printable(&a, "the detail pane");
    // A status message.
    a.message = Some("no match for \"\u{1b}[2J\"".into());
    assert_printable(&a, "the status line");
}

//! Keys as actions in, state out: each view takes the actions it lists and
//! answers the others in the status line, never acting on a hidden view.

mod support;

use ringboard::ui::testing::Action;
use ringboard::ui::testing::Overlay;
use ringboard::ui::testing::ViewId;
use support::board::{app, buffer, review_app, screen, table};

#[test]
fn an_action_a_view_does_not_take_says_where_it_works() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    a.apply(Action::Sort);
    assert_eq!(a.message.as_deref(), Some("sort: only in Deliverables (2)"));
    a.apply(Action::Search);
    assert_eq!(a.message.as_deref(), Some("search: not in Timeline"));
    assert!(!a.search.editing);
    a.apply(Action::History);
    assert_eq!(a.message.as_deref(), Some("history: not in Timeline"));
    a.apply(Action::View(ViewId::METRICS));
    a.apply(Action::NextProgram);
    assert_eq!(
        a.message.as_deref(),
        Some("program: only in Rings (1) and Deliverables (2)")
    );
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Group);
    assert_eq!(
        a.message.as_deref(),
        Some("group: only in Timeline (3) and Metrics (5)")
    );
    // The message shows on the status line (the last row).
    let text = screen(&a, 100, 30);
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with("group: only in Timeline (3) and Metrics (5)")),
        "{text}"
    );
    // The next action replaces it.
    a.apply(Action::Down);
    assert_eq!(a.message, None);
}

#[test]
fn search_in_hand_offs_does_not_search_the_hidden_table() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    let before = table(&a).cursor;
    a.apply(Action::View(ViewId::HANDOFFS));
    a.apply(Action::Search);
    assert!(!a.search.editing, "no prompt for a search that cannot run");
    assert_eq!(a.message.as_deref(), Some("search: not in Hand-offs"));
    a.apply(Action::NextMatch);
    // j walks the chain on screen (see ui_walks.rs), not the hidden table.
    a.apply(Action::Down);
    assert_eq!(table(&a).cursor, before);
}

#[test]
fn next_match_before_any_search_says_how_to_search() {
    let mut a = app();
    a.apply(Action::NextMatch);
    assert_eq!(
        a.message.as_deref(),
        Some("search: nothing to find yet (/ to search)")
    );
}

#[test]
fn details_open_only_where_a_deliverable_is_selected() {
    let mut a = app();
    a.apply(Action::View(ViewId::PROBLEMS));
    a.apply(Action::Open);
    assert_eq!(a.message.as_deref(), Some("details: not in Problems"));
    let mut r = review_app();
    r.apply(Action::View(ViewId::METRICS));
    r.apply(Action::Open);
    // A program's line: Enter on a metric shows its history.
    assert_eq!(
        r.message.as_deref(),
        Some("details: select a metric (Enter shows its history)")
    );
    // The first change is about a metric: no deliverable to show.
    r.apply(Action::View(ViewId::CHANGES));
    r.apply(Action::Open);
    assert_eq!(
        r.message.as_deref(),
        Some("details: no deliverable selected")
    );
    assert_eq!(r.overlay, Overlay::None);
    r.apply(Action::Down);
    r.apply(Action::Open);
    assert_eq!(r.message, None);
    assert_eq!(r.overlay, Overlay::Detail);
}

#[test]
fn the_tab_bar_shows_changes_only_in_review_mode() {
    let mut a = app();
    let tabs = screen(&a, 160, 48)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        tabs.contains("6 Problems") && !tabs.contains("Changes"),
        "{tabs}"
    );
    a.apply(Action::View(ViewId::PROBLEMS));
    a.apply(Action::NextView);
    assert_eq!(
        a.view(),
        ViewId::MY_WORK,
        "Tab skips the hidden Changes view"
    );
    a.apply(Action::NextView);
    assert_eq!(a.view(), ViewId::RINGS, "and wraps");
    a.apply(Action::PrevView);
    a.apply(Action::PrevView);
    assert_eq!(a.view(), ViewId::PROBLEMS);
    a.apply(Action::View(ViewId::CHANGES));
    assert_eq!(a.view(), ViewId::PROBLEMS);
    assert_eq!(
        a.message.as_deref(),
        Some("Changes: only in review mode (ringboard --base REV)")
    );
    let r = review_app();
    let tabs = screen(&r, 160, 48)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(tabs.contains("6 Problems  7 Changes"), "{tabs}");
}

#[test]
fn the_tab_bar_hints_take_the_keys_in_force() {
    let (keymap, warnings) = ringboard::ui::Keymap::load(Some(
        "[keys]\nquit = [\"ctrl-q\"]\nhelp = [\"?\", \"space\"]\nview_rings = [\"r\"]\nreload = [\"ctrl-r\"]\n",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut a = app();
    a.keymap = keymap;
    let tabs = screen(&a, 160, 48)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(tabs.starts_with(" r Rings  2 Deliverables"), "{tabs}");
    assert!(tabs.ends_with("? help  ctrl-q quit"), "{tabs}");
    assert!(!tabs.contains("q quit  "), "{tabs}");
}

/// What a user can see of the board: the screen with its styles, and
/// whether it quit.
fn seen(a: &ringboard::ui::testing::App) -> (ratatui::buffer::Buffer, bool) {
    (buffer(a, 160, 48), a.quit)
}

#[test]
fn every_key_the_help_lists_does_something_in_every_view_or_says_why_not() {
    let listing = review_app().keymap.listing.clone();
    for kind in ringboard::ui::testing::ALL {
        let view = kind.id;
        for (action, keys, help) in &listing {
            // The key of the view on screen shows the view on screen.
            if *action == Action::View(view) {
                continue;
            }
            let mut a = review_app();
            a.apply(Action::View(view));
            // Somewhere in the middle of a list, so every move moves.
            if kind.takes.contains(&ringboard::ui::testing::Topic::Move) {
                a.apply(Action::Down);
                a.apply(Action::Down);
            }
            if *action == Action::Close {
                a.apply(Action::Help); // something to close
            }
            let before = seen(&a);
            let effects = a.apply(*action);
            let did = !effects.is_empty() || seen(&a) != before;
            assert!(
                did || a.message.is_some(),
                "{keys:?} ({help}) does nothing in {view:?} and does not say why"
            );
        }
    }
}

#[test]
fn a_user_keymap_with_an_error_is_rejected_whole_and_the_status_line_says_so() {
    let opts = ringboard::ui::BoardOptions {
        load: ringboard::load::LoadOptions {
            repo: Some(env!("CARGO_MANIFEST_DIR").into()),
            ..ringboard::load::LoadOptions::default()
        },
        today: support::board::today(),
        color: false,
        base: None,
        me: Default::default(),
        editor: None,
    };
    // `down = x` is valid, `fly` is not an action: nothing of it applies.
    let mut a = ringboard::ui::open(&opts, Some("[keys]\ndown = [\"x\"]\nfly = [\"z\"]\n"))
        .expect("the board opens");
    assert_eq!(
        a.message.as_deref(),
        Some("keymap not used, default keys in force: unknown action `fly`")
    );
    let key = |c| {
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )
    };
    assert_eq!(a.keymap.action(&key('x')), None);
    assert_eq!(a.keymap.action(&key('j')), Some(Action::Down));
    assert!(
        screen(&a, 100, 30)
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("keymap not used"))
    );
    a.key(&key('j'));
    assert_eq!(a.cursor(), 1, "the default j moves");
}

/// Backspace in the search takes the last character as people see it: an
/// emoji with its skin tone goes whole.
#[test]
fn search_backspace_takes_a_whole_character() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in "a👍🏽".chars() {
        a.type_char(Some(c));
    }
    a.type_char(None);
    assert_eq!(a.search.query, "a");
    a.type_char(None);
    assert_eq!(a.search.query, "");
}

/// A paste into the search is the query whole (line breaks as spaces),
/// landing where typing it would.
#[test]
fn a_paste_into_the_search_finds_what_typing_finds() {
    let mut typed = app();
    typed.apply(Action::View(ViewId::DELIVERABLES));
    typed.apply(Action::Search);
    "launch email"
        .chars()
        .for_each(|c| typed.type_char(Some(c)));
    let mut pasted = app();
    pasted.apply(Action::View(ViewId::DELIVERABLES));
    pasted.apply(Action::Search);
    pasted.paste("launch\nemail");
    assert_eq!(pasted.search.query, "launch email");
    assert_eq!(pasted.target(), typed.target());
    assert!(pasted.target().is_some());
}

//! Issue 23: the board at three sizes on the board fixture (long Chinese,
//! Korean and Japanese names and titles): Rings cards show each item's
//! status and mark (`SLIP +4d` beside LATE, BLOCKED, RISK, WAIT, SOON)
//! and follow the screen's width and height; table columns never run into
//! each other; the Rings header says the next milestone's state and
//! forecast.

mod support;

use ringboard::ui::testing::Action;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Snapshot};
use support::board::{app_on, plans_of, screen, today};
use support::files::board_fixture;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 36), (200, 50)];

fn fixture_app() -> App {
    let dir = board_fixture();
    app_on(Snapshot::new(plans_of(dir.path()), today()))
}

fn snapshots(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn rings_on_long_cjk_names() {
    snapshots("rings", &fixture_app());
}

#[test]
fn deliverables_on_long_cjk_names() {
    let mut a = fixture_app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    snapshots("deliverables", &a);
}

/// Every cut cell ends in `…` and a space: the next column never runs on
/// from it (`aurora-laun…Positioning`, `Bluefin Agency12-21`).
fn no_cell_runs_into_the_next(text: &str, rows: std::ops::Range<usize>) {
    for line in text.lines().skip(rows.start).take(rows.len()) {
        let chars: Vec<char> = line.chars().collect();
        for (k, c) in chars.iter().enumerate() {
            if *c == '…' {
                let next = chars.get(k + 1).copied().unwrap_or(' ');
                assert_eq!(next, ' ', "a cut cell runs on: {line}");
            }
        }
    }
}

#[test]
fn table_columns_keep_a_space_between_them_at_every_size() {
    let mut a = fixture_app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    for (w, h) in SIZES {
        let text = screen(&a, w, h);
        no_cell_runs_into_the_next(&text, 2..15);
    }
    let mut a = support::board::app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    for (w, h) in SIZES {
        no_cell_runs_into_the_next(&screen(&a, w, h), 2..20);
    }
}

#[test]
fn rings_cards_say_status_and_mark_and_follow_the_screen() {
    let a = fixture_app();
    let wide = screen(&a, 200, 50);
    // Each line: due, status, mark (a forecast slip too), title.
    assert!(
        wide.contains(" 02-04 [?] SOON Product FAQ 产品常见问题解答"),
        "{wide}"
    );
    assert!(
        wide.contains(" 02-19 [ ] SLIP +4d Launch video 发布视频 in 30, 15 and 6 second cuts"),
        "{wide}"
    );
    assert!(wide.contains("Bluefin Agency (SLIP +4d)"), "{wide}");
    // At 200 columns no title is cut.
    for line in wide
        .lines()
        .filter(|l| l.contains(" [ ] ") || l.contains(" [>] "))
    {
        assert!(!line.contains('…'), "a title is cut at 200x50: {line}");
    }
    // The header: the next milestone, its state and forecast.
    assert!(
        wide.contains(
            "next: Partner preview 合作伙伴预览 02-20 (in 19 days) · slipping +3 d, forecast 02-23"
        ),
        "{wide}"
    );
    let narrow = screen(&a, 80, 24);
    assert!(
        narrow.contains("· slipping +3 d, forecast 02-23"),
        "{narrow}"
    );
    // On the example boards at 140x40 the rings use the screen's rows.
    let examples = screen(&support::board::app(), 140, 40);
    let lines: Vec<&str> = examples.lines().collect();
    let bottom = lines.iter().rposition(|l| l.starts_with('└')).unwrap_or(0);
    let empty = lines.len() - 1 - bottom - 1;
    assert!(
        empty < 40 / 6,
        "{empty} empty rows below the rings:\n{examples}"
    );
}

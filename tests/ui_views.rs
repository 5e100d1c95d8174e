//! Snapshots of every board view, the help and the detail pane, at 80x24
//! and 160x48, on the example boards at a fixed today, in monochrome; and
//! key handling as actions in, state out.

mod support;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ringboard::load::{LoadOptions, load};
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Mode;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{Overlay, Snapshot};
use support::board::{app, buffer, review_app, screen, table, timeline};

fn both_sizes(name: &str, app: &ringboard::ui::testing::App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

#[test]
fn rings_view() {
    both_sizes("rings", &app());
}

#[test]
fn deliverables_view() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    both_sizes("deliverables", &a);
}

#[test]
fn timeline_view() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    both_sizes("timeline", &a);
}

#[test]
fn handoffs_view() {
    let mut a = app();
    // key-visual: waits for the late brand guidelines, feeds four items.
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in "key visual".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    a.apply(Action::View(ViewId::HANDOFFS));
    both_sizes("handoffs", &a);
}

#[test]
fn metrics_view() {
    let mut a = app();
    a.apply(Action::View(ViewId::METRICS));
    both_sizes("metrics", &a);
    let text = screen(&a, 160, 48);
    // The pace marker on the bar, the words, the digits grouped.
    let budget = text
        .lines()
        .find(|l| l.contains("Campaign budget spent"))
        .expect("budget");
    assert!(budget.contains("[#####|#"), "{budget}");
    assert!(
        budget.contains("61,200 / 180,000 EUR  over pace"),
        "{budget}"
    );
    let cpl = text
        .lines()
        .find(|l| l.contains("Cost per lead"))
        .expect("cpl");
    assert!(cpl.contains("over budget"), "{cpl}");
}

/// `v` in Metrics: the number input of the selected metric's actual, with
/// what `+60` makes of it.
#[test]
fn metrics_actual_input() {
    let mut a = app();
    a.apply(Action::View(ViewId::METRICS));
    a.apply(Action::Down);
    a.apply(Action::SetActual);
    for c in "+60".chars() {
        a.key(&ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
    }
    both_sizes("metrics_actual_input", &a);
}

/// `t`: the same measure across programs, side by side, with a total.
#[test]
fn metrics_by_measure() {
    let mut a = app();
    a.apply(Action::View(ViewId::METRICS));
    a.apply(Action::Group);
    both_sizes("metrics_by_measure", &a);
    let text = screen(&a, 160, 48);
    let rows: Vec<&str> = text.lines().skip(1).take(4).collect();
    assert!(
        rows[0].starts_with("mql: Marketing-qualified leads (leads, higher is better)"),
        "{text}"
    );
    assert!(
        rows[1].contains("Spring launch [spring-launch]") && rows[1].contains("310 / 1,200 leads"),
        "{text}"
    );
    assert!(
        rows[2].contains("[nurture-2027]") && rows[2].contains("180 / 900 leads"),
        "{text}"
    );
    assert!(
        rows[3].trim_start().starts_with("total") && rows[3].contains("23%  490 / 2,100"),
        "{text}"
    );
    a.apply(Action::Group);
    assert!(
        screen(&a, 160, 48)
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("[spring-launch]"))
    );
}

#[test]
fn problems_view() {
    let mut a = app();
    a.apply(Action::View(ViewId::PROBLEMS));
    both_sizes("problems", &a);
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut a = app();
    a.apply(Action::Help);
    assert_eq!(a.overlay, Overlay::Help);
    let text = screen(&a, 160, 48);
    for (_, keys, help) in &a.keymap.listing {
        assert!(text.contains(help), "help lacks {help:?}");
        assert!(text.contains(&keys.join(" ")), "help lacks keys {keys:?}");
    }
    assert!(
        text.contains("dialog: erase before / at the cursor"),
        "and the dialogs' own keys"
    );
    both_sizes("help", &a);
}

#[test]
fn detail_pane() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    both_sizes("detail", &a);
    a.apply(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn detail_pane_says_where_a_slipping_item_is_heading() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in "landing page".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    let text = screen(&a, 160, 48);
    assert!(
        text.contains("forecast  2027-02-21 (+2 d past due)"),
        "{text}"
    );
    assert!(
        text.contains("why       waits for key-visual (forecast 2027-02-09)"),
        "{text}"
    );
    assert!(
        text.contains("chain     landing-page ← key-visual (its own plan: +1 d) ← concepts (late)"),
        "{text}"
    );
    insta::assert_snapshot!("detail_slip_160x48", text);
}

#[test]
fn too_small_shows_a_message_and_never_panics() {
    let a = app();
    insta::assert_snapshot!("too_small", screen(&a, 50, 10));
    // Narrower than the message: it wraps, read whole.
    insta::assert_snapshot!("too_small_narrow", screen(&a, 24, 6));
    for (w, h) in [(0, 0), (1, 1), (59, 30), (200, 14), (60, 15), (61, 16)] {
        for kind in ringboard::ui::testing::ALL {
            let view = kind.id;
            let mut a = app();
            a.apply(Action::View(view));
            screen(&a, w, h);
        }
    }
}

#[test]
fn cjk_titles_are_cut_by_display_width() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    let text = screen(&a, 80, 24);
    // The 80-column table cuts titles: a cut one ends with an ellipsis and
    // no line is wider than the screen.
    assert!(text.contains('…'), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    assert!(
        text.contains("受众研究") || text.contains("主视觉") || text.contains("春季"),
        "{text}"
    );
}

#[test]
fn keys_move_sort_filter_and_search() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    let total = table(&a).rows.len();
    assert_eq!(total, 40);
    a.apply(Action::Down);
    a.apply(Action::Down);
    assert_eq!(table(&a).cursor, 2);
    a.apply(Action::Bottom);
    assert_eq!(table(&a).cursor, total - 1);
    a.apply(Action::Top);
    a.apply(Action::Filter); // open
    a.apply(Action::Filter); // late
    let late: Vec<String> = table(&a)
        .rows
        .iter()
        .map(|&r| a.data.plans.portfolio.deliverable(r).id.clone())
        .collect();
    assert_eq!(late, ["guidelines", "data-feed", "concepts", "tracking"]);
    a.apply(Action::Sort);
    a.apply(Action::FilterRing); // core only
    assert_eq!(
        table(&a).rows.len(),
        1,
        "tracking (Priya) is the only late core item"
    );
    a.apply(Action::Search);
    for c in "林美".chars() {
        a.type_char(Some(c));
    }
    assert!(a.message.is_some(), "no late core item of Mei's");
    a.apply(Action::Close);
    a.apply(Action::Quit);
    assert!(a.quit);
}

#[test]
fn programs_cycle_and_selection_survives_a_reload() {
    let mut a = app();
    assert_eq!(
        a.data.plans.portfolio.programs[a.program_index().expect("program")].id,
        "spring-launch"
    );
    a.apply(Action::NextProgram);
    assert_eq!(
        a.data.plans.portfolio.programs[a.program_index().expect("program")].id,
        "brand-refresh"
    );
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Down);
    let id = a.focus.clone().expect("focus").id;
    let plans = load(&LoadOptions {
        repo: Some(env!("CARGO_MANIFEST_DIR").into()),
        ..LoadOptions::default()
    })
    .expect("load");
    a.reload(Snapshot::new(plans, jiff::civil::date(2027, 2, 1)));
    assert_eq!(a.view(), ViewId::DELIVERABLES);
    let again = table(&a).selected().expect("selection");
    assert_eq!(a.data.plans.portfolio.deliverable(again).id, id);
    assert_eq!(
        a.data.plans.portfolio.programs[a.program_index().expect("program")].id,
        "brand-refresh"
    );
}

#[test]
fn mouse_clicks_select_tabs_and_rows() {
    // Positions come from the layout drawn, at two sizes: no header
    // heights or tab widths written down here.
    for (w, h) in [(80, 24), (160, 48)] {
        let area = Rect::new(0, 0, w, h);
        let mut a = app();
        let layout = a.layout(area);
        let (_, tab) = layout.tabs[1];
        a.click(tab.x + tab.width / 2, tab.y, &layout);
        assert_eq!(a.view(), ViewId::DELIVERABLES, "second tab");
        let layout = a.layout(area);
        let list = layout.list.expect("the table is a list");
        a.click(list.rows.x + 5, list.rows.y + 3, &layout);
        assert_eq!(table(&a).cursor, 3);
        // The row clicked is the row drawn selected.
        let selected = buffer(&a, w, h)[(list.rows.x, list.rows.y + 3)].modifier;
        assert!(selected.contains(Modifier::REVERSED), "{w}x{h}");
        // At the end of a table taller than the screen, the first row
        // shows a later item (40 rows: at 80x24, not at 160x48).
        a.apply(Action::Bottom);
        let layout = a.layout(area);
        let list = layout.list.expect("the table is a list");
        let taller = list.len > list.rows.height as usize;
        assert_eq!(list.first > 0, taller, "{w}x{h}");
        a.click(list.rows.x, list.rows.y, &layout);
        assert_eq!(table(&a).cursor, list.first);
        // Below the last row, above the first: nothing.
        a.click(list.rows.x, list.rows.y - 1, &layout);
        assert_eq!(table(&a).cursor, list.first);
        // A timeline row.
        let (_, tab) = layout.tabs[2];
        a.click(tab.x, tab.y, &layout);
        assert_eq!(a.view(), ViewId::TIMELINE);
        let layout = a.layout(area);
        let list = layout.list.expect("the timeline's rows are a list");
        a.click(list.rows.x, list.rows.y + 1, &layout);
        assert_eq!(timeline(&a).cursor, 1);
    }
}

#[test]
fn review_mode_lists_and_marks_changes() {
    let mut a = review_app();
    a.apply(Action::View(ViewId::CHANGES));
    let text = screen(&a, 160, 48);
    assert!(
        text.contains(
            "deadline of spring-launch/email-copy \"Launch email copy 邮件文案\" moved 2027-02-10 → 2027-02-24 (+14 days)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "deliverable spring-launch/webinar-recap \"Launch blog post 发布博客\" added"
        ),
        "{text}"
    );
    assert!(
        text.contains("deliverable spring-launch/blog-post \"Launch blog post 发布博客\" removed"),
        "{text}"
    );
    insta::assert_snapshot!("changes_160x48", text);
    // Enter on a change opens the item.
    a.apply(Action::Search);
    for c in "deadline of".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    assert_eq!(a.focus.clone().expect("focus").id, "email-copy");
    let pane = screen(&a, 160, 48);
    assert!(
        pane.contains("since main: due 2027-02-10 → 2027-02-24 (+14 days)"),
        "{pane}"
    );
    a.apply(Action::Close);
    a.apply(Action::View(ViewId::DELIVERABLES));
    let table = screen(&a, 160, 48);
    assert!(table.contains("CHG") && table.contains("NEW"), "{table}");
    a.apply(Action::View(ViewId::TIMELINE));
    let timeline = screen(&a, 160, 48);
    assert!(timeline.contains("* changed since main"), "{timeline}");
    let ana = timeline
        .lines()
        .find(|l| l.contains("Ana Souza"))
        .unwrap_or_default();
    assert!(
        ana.trim_start().starts_with("* Ana Souza") && ana.contains("1*"),
        "the row and the week of the moved deadline are marked: {timeline}"
    );
    insta::assert_snapshot!("timeline_review_160x48", timeline);
    a.apply(Action::View(ViewId::METRICS));
    let metrics = screen(&a, 160, 48);
    assert!(metrics.contains("CHG actual 310 → 420"), "{metrics}");
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in "email-copy".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    a.apply(Action::Close);
    a.apply(Action::View(ViewId::HANDOFFS));
    let handoffs = screen(&a, 160, 48);
    assert!(
        handoffs.contains(
            "email-copy Launch email copy 邮件文案 · Ana Souza · due 2027-02-24 · review [CHG]"
        ),
        "{handoffs}"
    );
}

#[test]
fn problems_view_with_errors() {
    // A folder (no git) with a plan that breaks several rules and a file
    // that is not TOML at all: the board still opens and shows them.
    let dir = tempfile::TempDir::new().expect("tempdir");
    let write = |rel: &str, text: &str| support::files::write(dir.path(), rel, text);
    write("boards/people.toml", support::gitrepo::PEOPLE);
    write(
        "boards/spring.toml",
        &support::gitrepo::SPRING
            .replace(
                "owner = \"ana\"\ndue = 2027-02-10",
                "owner = \"nobody\"\ndue = 2027-02-10",
            )
            .replace("needs = [\"copy\"]", "needs = [\"copy\", \"no-such-item\"]")
            .replace("status = \"done\"", "status = \"finished\""),
    );
    write("boards/broken.toml", "[program]\nname = \"Broken\n");
    let opts = ringboard::ui::BoardOptions {
        load: LoadOptions {
            repo: Some(dir.path().into()),
            ..LoadOptions::default()
        },
        today: support::board::today(),
        color: false,
        base: None,
        me: Default::default(),
        editor: None,
    };
    let mut a = ringboard::ui::open(&opts, None).expect("a plan with errors still opens");
    assert!(a.data.counts.errors >= 3, "{:?}", a.data.plans.diagnostics);
    a.apply(Action::View(ViewId::PROBLEMS));
    let text = screen(&a, 160, 48);
    assert!(text.contains("boards/broken.toml:"), "{text}");
    assert!(text.contains("nobody"), "{text}");
    assert!(text.contains("no-such-item"), "{text}");
    both_sizes("problems_errors", &a);
}

/// A line of the screen by how it starts.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}:\n{text}"))
}

#[test]
fn timeline_scrolls_and_groups() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    let weeks = |a: &ringboard::ui::testing::App| {
        let text = screen(a, 160, 48);
        line(&text, "week of")["week of".len()..]
            .split_whitespace()
            .skip(1) // "earlier"
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // From the week before today's (2027-02-01, marked |).
    assert_eq!(weeks(&a)[..3], ["01-25", "|02-01", "02-08"]);
    a.apply(Action::Right);
    a.apply(Action::Right);
    assert_eq!(timeline(&a).shift, 2);
    assert_eq!(weeks(&a)[..2], ["02-08", "02-15"]);
    assert!(
        !weeks(&a).iter().any(|w| w.starts_with('|')),
        "today is off screen"
    );
    for _ in 0..3 {
        a.apply(Action::Left);
    }
    assert_eq!(timeline(&a).shift, -1);
    assert_eq!(weeks(&a)[..3], ["01-18", "01-25", "|02-01"]);
    // By program: one row per program, the selection back at the top.
    a.apply(Action::Down);
    a.apply(Action::Group);
    assert_eq!(timeline(&a).mode, Mode::Programs);
    assert_eq!(timeline(&a).cursor, 0);
    let text = screen(&a, 160, 48);
    assert!(line(&text, "by program").contains("h/l scroll, t: program/plan"));
    for id in ["spring-launch", "brand-refresh", "nurture-2027"] {
        assert!(text.lines().any(|l| l.starts_with(id)), "{id}:\n{text}");
    }
    insta::assert_snapshot!("timeline_by_program_160x48", text);
    // Then the plan, then back to people.
    a.apply(Action::Group);
    assert_eq!(timeline(&a).mode, Mode::Plan);
    a.apply(Action::Group);
    assert_eq!(timeline(&a).mode, Mode::People);
    assert!(line(&screen(&a, 160, 48), "by person").contains("crunch"));
}

/// The Timeline's plan mode at three sizes: bars, slips to the forecast,
/// late and blocked as words, milestones with their state.
#[test]
fn timeline_plan_mode() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    a.apply(Action::Group);
    a.apply(Action::Group);
    assert_eq!(timeline(&a).mode, Mode::Plan);
    insta::assert_snapshot!("timeline_plan_80x24", screen(&a, 80, 24));
    insta::assert_snapshot!("timeline_plan_120x36", screen(&a, 120, 36));
    insta::assert_snapshot!("timeline_plan_200x50", screen(&a, 200, 50));
}

/// In the plan, the selected row's slip chain is highlighted (its titles
/// bold) and Enter opens the selected item's details.
#[test]
fn timeline_plan_highlights_the_chain_and_opens_the_item() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    a.apply(Action::Group);
    a.apply(Action::Group);
    assert_eq!(timeline(&a).mode, Mode::Plan);
    // Down to the landing page: Enter on it opens its details.
    let mut found = false;
    for _ in 0..40 {
        a.apply(Action::Open);
        let opened = a.overlay == Overlay::Detail;
        let title = screen(&a, 160, 48);
        a.apply(Action::Close);
        if opened && title.contains("│ Launch landing page (spring-launch/landing-page)") {
            found = true;
            break;
        }
        a.apply(Action::Down);
    }
    assert!(found, "the landing page is a row of the plan");
    let (w, h) = (160, 48);
    let buf = buffer(&a, w, h);
    let text = screen(&a, w, h);
    let bold_title = |title: &str| {
        let y = text
            .lines()
            .position(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("no row {title}:\n{text}"));
        buf[(2, y as u16)].modifier.contains(Modifier::BOLD)
    };
    // Its chain: key visual, then the late concepts; not the email build.
    assert!(bold_title("Key visual"), "{text}");
    assert!(bold_title("Campaign concepts"), "{text}");
    assert!(!bold_title("Email build in CloudMail"), "{text}");
}

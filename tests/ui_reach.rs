//! Every person and item on the board can be reached, as a new user
//! would try it at 80x24 (issue 13): the Rings bands scroll with the
//! selection and list people with no open work, the program filter can be
//! cleared, a search that stops matching says so, the Timeline's rows
//! open their work, the Hand-offs chain can be walked, and a removed
//! deliverable opens as the review's base had it.

mod support;

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Timeline;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Overlay};
use ringboard::ui::testing::{Effect, ItemKey};
use support::board::{app, buffer, review_app, screen, table, text, timeline};

/// The rows drawn in reverse video (the selection), as text.
fn selected_rows(buf: &Buffer) -> Vec<(u16, String)> {
    let area = buf.area;
    (area.top()..area.bottom())
        .filter(|&y| {
            (area.left()..area.right()).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        })
        .map(|y| {
            let line: String = (area.left()..area.right())
                .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            (y, line.trim().to_string())
        })
        .collect()
}

/// The names of everyone on the spring launch's team.
fn spring_people(a: &App) -> Vec<String> {
    let p = &a.data.plans.portfolio;
    let prog = p.program("spring-launch").expect("spring");
    ringboard::team::members(p, prog)
        .iter()
        .map(|m| p.person_name(m.id).to_string())
        .collect()
}

#[test]
fn every_person_in_rings_is_reachable_at_80x24() {
    let mut a = app();
    let people = spring_people(&a);
    assert!(people.len() >= 15, "{people:?}");
    let mut seen = std::collections::HashSet::new();
    let mut last = None;
    loop {
        let buf = buffer(&a, 80, 24);
        let shown = text(&buf);
        for name in &people {
            if shown.contains(name.as_str()) {
                seen.insert(name.clone());
            }
        }
        // The selection is always on screen (in the body, not the tab bar).
        let selected = selected_rows(&buf);
        assert!(
            selected.iter().any(|(y, _)| *y > 0),
            "the selection is off screen:\n{shown}"
        );
        a.apply(Action::Down);
        if a.cursor() == last.unwrap_or(usize::MAX) {
            break;
        }
        last = Some(a.cursor());
    }
    let missing: Vec<&String> = people.iter().filter(|n| !seen.contains(*n)).collect();
    assert!(missing.is_empty(), "never on screen: {missing:?}");
}

#[test]
fn the_bands_say_who_is_out_of_sight() {
    let a = app();
    let shown = screen(&a, 80, 24);
    let more = shown.lines().nth(22).unwrap_or_default();
    assert!(more.contains("more below (j)"), "{shown}");
}

#[test]
fn j_follows_the_cards_in_reading_order() {
    // Tall enough to show every card: the card of each selection comes
    // after (below, or right of) the one before.
    let mut a = app();
    let mut cards = Vec::new();
    for _ in 0..a.list_len() {
        let buf = buffer(&a, 80, 60);
        let (y, line) = selected_rows(&buf)
            .into_iter()
            .find(|(y, _)| *y > 0)
            .expect("sel");
        // Where the selected text starts tells the card's column.
        let x = (0..80).find(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED));
        cards.push((y, x.unwrap_or(0), line));
        a.apply(Action::Down);
    }
    // Bands from the outside in: every partner item first, the core last.
    let text_of = |i: usize| cards[i].2.clone();
    assert!(text_of(0).contains("Campaign concepts"), "{cards:?}");
    assert!(text_of(1).contains("Key visual"), "{cards:?}");
    assert!(text_of(2).contains("Email build"), "{cards:?}");
    assert!(text_of(3).contains("Sales enablement"), "{cards:?}");
    // Within a band, columns left to right, then the next row of cards.
    for w in cards.windows(2) {
        let ((y0, x0, _), (y1, x1, _)) = (&w[0], &w[1]);
        assert!(
            y1 > y0 || x1 > x0 || (y1 == y0 && x1 == x0),
            "{w:?} is not in reading order"
        );
    }
}

#[test]
fn a_person_with_no_open_work_is_listed_found_and_shown() {
    let mut a = app();
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("Raj Patel"), "{shown}");
    assert!(
        shown.contains("no open work · raj.patel@example.com"),
        "{shown}"
    );
    a.apply(Action::Search);
    for c in "raj".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    assert_eq!(a.message, None, "found");
    let selected = selected_rows(&buffer(&a, 80, 24));
    assert!(
        selected.iter().any(|(_, l)| l.starts_with("no open work")),
        "{selected:?}"
    );
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Person);
    let pane = screen(&a, 80, 24);
    for want in [
        "Raj Patel (raj)",
        "role      Program lead",
        "org       Program office",
        "contact   raj.patel@example.com",
        "no open work",
    ] {
        assert!(pane.contains(want), "{want}:\n{pane}");
    }
    a.apply(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
}

/// The Deliverables table's summary line.
fn summary(a: &App) -> String {
    screen(a, 160, 48)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_program_filter_cycles_through_all_programs_and_esc_clears_every_filter() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    assert_eq!(table(&a).rows.len(), 40);
    // The first ] shows the first program by priority.
    a.apply(Action::NextProgram);
    assert!(
        summary(&a).contains("program: spring-launch"),
        "{}",
        summary(&a)
    );
    let cycle: Vec<Option<String>> = (0..4)
        .map(|_| {
            a.apply(Action::NextProgram);
            table(&a).program.clone()
        })
        .collect();
    assert_eq!(
        cycle,
        [
            Some("brand-refresh".to_string()),
            Some("nurture-2027".to_string()),
            Some("webinar-series".to_string()),
            None,
        ]
    );
    assert_eq!(table(&a).rows.len(), 40, "all programs again");
    a.apply(Action::PrevProgram);
    assert_eq!(table(&a).program.as_deref(), Some("webinar-series"));
    // Esc clears the state, ring, owner and program filters at once.
    a.apply(Action::Filter);
    a.apply(Action::FilterRing);
    a.apply(Action::FilterOwner);
    assert!(summary(&a).contains("(Esc clears)"), "{}", summary(&a));
    a.apply(Action::Close);
    assert_eq!(table(&a).rows.len(), 40);
    assert!(summary(&a).starts_with("40 rows · sorted by due · state: all"));
    assert_eq!(
        a.message.as_deref(),
        Some("filters cleared: every deliverable")
    );
    a.apply(Action::Close);
    assert_eq!(a.message.as_deref(), Some("filter: none to clear"));
}

#[test]
fn the_state_filter_offers_blocked_once() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    let mut states = Vec::new();
    loop {
        a.apply(Action::Filter);
        let line = summary(&a);
        let state = line
            .split(" · ")
            .find_map(|part| part.strip_prefix("state: "))
            .expect("state")
            .trim_end_matches(" (Esc clears)")
            .to_string();
        if state == "all" {
            break;
        }
        states.push(state);
    }
    assert_eq!(
        states,
        [
            "open", "late", "blocked", "slipping", "at risk", "waiting", "due soon", "todo",
            "doing", "review", "done", "dropped"
        ]
    );
}

#[test]
fn a_search_that_stops_matching_leaves_no_stale_selection() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    let start = table(&a).cursor;
    a.apply(Action::Search);
    for c in "email".chars() {
        a.type_char(Some(c));
    }
    assert_ne!(table(&a).cursor, start, "email matches");
    for c in "zzz".chars() {
        a.type_char(Some(c));
    }
    assert_eq!(table(&a).cursor, start, "back where the search began");
    let status = screen(&a, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert_eq!(status, "/emailzzz   (no match)");
    a.apply(Action::Open);
    assert_eq!(a.message.as_deref(), Some("no match for \"emailzzz\""));
    // Back to a query that matches: found again.
    a.apply(Action::Search);
    for c in "email build".chars() {
        a.type_char(Some(c));
    }
    assert_ne!(table(&a).cursor, start);
    assert!(
        screen(&a, 80, 24)
            .lines()
            .last()
            .is_some_and(|l| l == "/email build")
    );
}

#[test]
fn enter_on_a_timeline_row_lists_its_open_work() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    let ana = timeline(&a)
        .rows(&a.data)
        .iter()
        .position(|r| r.label == "Ana Souza")
        .expect("Ana's row");
    a.view_of_mut::<Timeline>().expect("a view").cursor = ana;
    a.apply(Action::Open);
    assert_eq!(a.view(), ViewId::DELIVERABLES);
    let p = &a.data.plans.portfolio;
    assert!(!table(&a).rows.is_empty());
    for &r in &table(&a).rows {
        assert_eq!(p.deliverable(r).owner, "ana");
        assert!(a.data.derived.marks(r).open);
    }
    assert_eq!(
        a.message.as_deref(),
        Some("open work of Ana Souza (Esc clears the filters)")
    );
    // By program: the program's open work, and Rings follows.
    a.apply(Action::Close);
    a.apply(Action::View(ViewId::TIMELINE));
    a.apply(Action::Group);
    let brand = timeline(&a)
        .rows(&a.data)
        .iter()
        .position(|r| r.label == "brand-refresh")
        .expect("brand row");
    a.view_of_mut::<Timeline>().expect("a view").cursor = brand;
    a.apply(Action::Open);
    let p = &a.data.plans.portfolio;
    let brand_index = p.program_index("brand-refresh").expect("brand");
    assert!(!table(&a).rows.is_empty());
    for &r in &table(&a).rows {
        assert_eq!(r.program, brand_index);
        assert!(a.data.derived.marks(r).open);
    }
    assert_eq!(a.program_index(), Some(brand_index));
}

/// A line of the screen by how it starts.
fn line(text: &str, start: &str) -> String {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}:\n{text}"))
        .to_string()
}

#[test]
fn late_work_before_the_first_week_shown_is_counted_earlier() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    let text = screen(&a, 160, 48);
    let columns: Vec<String> = line(&text, "week of")["week of".len()..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(columns[..3], ["earlier", "01-25", "|02-01"]);
    // Northwind's guidelines were due 2027-01-22, before the first week;
    // its concepts 2027-01-29, in the week of 01-25.
    let cells = |text: &str| -> Vec<String> {
        line(text, "Northwind Studio")["Northwind Studio 🎨".len()..]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cells(&text)[..3], ["1", "1", "|1"]);
    // Scrolled on, what is due in the weeks left behind counts too: the
    // guidelines, the concepts and the key visual (02-05).
    a.apply(Action::Right);
    a.apply(Action::Right);
    assert_eq!(cells(&screen(&a, 160, 48))[0], "3");
}

#[test]
fn milestones_are_numbered_and_named() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    let text = screen(&a, 80, 24);
    let marks = line(&text, "milestones");
    // Go-live (02-22) and Scoring live (02-26) share a week: M1-2.
    assert!(marks.contains("M1-2"), "{text}");
    assert!(
        text.contains(
            "M1 02-22 spring-launch: Campaign go-live · M2 02-26 nurture-2027: Scoring live"
        ),
        "{text}"
    );
    // Two in one week share a cell: M3-4, both named.
    let mut r = review_app();
    r.apply(Action::View(ViewId::TIMELINE));
    let text = screen(&r, 160, 48);
    assert!(line(&text, "milestones").contains("M3-4"), "{text}");
    assert!(
        text.contains("M3 03-15 spring-launch: Launch day 发布日"),
        "{text}"
    );
    assert!(
        text.contains("M4 03-18 webinar-series: Session 1 live"),
        "{text}"
    );
}

/// Selects a deliverable in the table by searching for it.
fn select(a: &mut App, query: &str) {
    a.apply(Action::View(ViewId::DELIVERABLES));
    a.apply(Action::Search);
    for c in query.chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
}

fn key(program: &str, id: &str) -> ItemKey {
    ItemKey {
        program: program.into(),
        id: id.into(),
    }
}

#[test]
fn the_hand_offs_chain_can_be_walked_and_recentred() {
    let mut a = app();
    select(&mut a, "key visual");
    a.apply(Action::View(ViewId::HANDOFFS));
    assert_eq!(a.focus, Some(key("spring-launch", "key-visual")));
    a.apply(Action::Down);
    let selected = selected_rows(&buffer(&a, 160, 48));
    assert!(
        selected
            .iter()
            .any(|(_, l)| l.starts_with("<- spring-launch/brief Creative brief")),
        "{selected:?}"
    );
    // Down the tree (the brief's research, the concepts), across
    // programs: brand-refresh/guidelines.
    a.apply(Action::Down);
    a.apply(Action::Down);
    a.apply(Action::Down);
    a.apply(Action::Open);
    assert_eq!(a.focus, Some(key("brand-refresh", "guidelines")));
    assert_eq!(
        a.message.as_deref(),
        Some("Hand-offs: centred on brand-refresh/guidelines")
    );
    let text = screen(&a, 160, 48);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("brand-refresh/guidelines Brand guidelines v3")),
        "{text}"
    );
    // Enter on the focus itself: its details.
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    // L on a line of the chain loads that line's history.
    a.apply(Action::Close);
    a.apply(Action::Bottom);
    let effects = a.apply(Action::History);
    assert!(matches!(&effects[..], [Effect::LoadHistory(k)] if k.program == "spring-launch"));
}

#[test]
fn a_removed_deliverable_opens_as_the_base_had_it() {
    let mut a = review_app();
    a.apply(Action::View(ViewId::CHANGES));
    a.apply(Action::Search);
    for c in "/blog-post \"".chars() {
        a.type_char(Some(c));
    }
    a.apply(Action::Open);
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    assert_eq!(a.focus, Some(key("spring-launch", "blog-post")));
    let pane = screen(&a, 160, 48);
    for want in [
        "Launch blog post 发布博客 (spring-launch/blog-post)",
        "REMOVED since main; as main had it:",
        "owner     陈静 Chen Jing",
        "due       2027-03-10",
    ] {
        assert!(pane.contains(want), "{want}:\n{pane}");
    }
    a.apply(Action::Close);
    let effects = a.apply(Action::History);
    assert_eq!(
        effects,
        [Effect::LoadHistory(key("spring-launch", "blog-post"))]
    );
    a.history_loaded(&key("spring-launch", "blog-post"), vec!["a line".into()]);
    assert_eq!(a.overlay, Overlay::Detail);
    let pane = screen(&a, 160, 48);
    assert!(pane.contains("history (1 change)"), "{pane}");
    assert!(pane.contains("REMOVED since main"), "{pane}");
    // Hand-offs says why there is no chain.
    a.apply(Action::Close);
    a.apply(Action::View(ViewId::HANDOFFS));
    assert!(screen(&a, 160, 48).contains("spring-launch/blog-post was removed since main"));
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    assert!(screen(&a, 160, 48).contains("REMOVED since main"));
}

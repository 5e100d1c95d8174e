//! Screen pages: blocks are kept whole, headings repeat on continued pages,
//! every row fits the width, and every page ends with the PROGRAMS footer.

use jiff::civil::date;
use ringboard::model::Ring;
use ringboard::standup::page::{
    Attention, Item, PersonBlock, ProgramLine, RingSection, StandupPage,
};
use ringboard::standup::render::{layout, line_text, paginate, to_text, wrap};

fn person(n: usize, items: usize) -> PersonBlock {
    PersonBlock {
        id: format!("p{n}"),
        name: format!("Person {n}"),
        changes: Vec::new(),
        items: (0..items)
            .map(|i| Item {
                program: "spring".into(),
                id: format!("d{i}"),
                title: "A deliverable with a title long enough to wrap on a narrow screen".into(),
                attention: vec![Attention::Late {
                    days: 3,
                    due: date(2027, 1, 29),
                }],
            })
            .collect(),
    }
}

fn page() -> StandupPage {
    StandupPage {
        date: date(2027, 2, 1),
        time: Some("09:00".into()),
        source: "main @ 1234567".into(),
        since: "Friday 2027-01-29 (last working day)".into(),
        warnings: Vec::new(),
        rings: vec![
            RingSection {
                ring: Ring::Core,
                people: (0..6).map(|n| person(n, 3)).collect(),
            },
            RingSection {
                ring: Ring::Partner,
                people: vec![person(9, 1)],
            },
        ],
        program_changes: Vec::new(),
        programs: vec![ProgramLine {
            id: "spring".into(),
            name: "Spring launch".into(),
            done: 1,
            total: 4,
            next: None,
            forecast: Vec::new(),
            metrics: Vec::new(),
        }],
    }
}

#[test]
fn pages_keep_people_whole_and_repeat_the_ring_heading() {
    let l = layout(&page());
    // 12 rows of body under the 4 rows of the footer.
    let (width, height) = (60, 16);
    let pages = paginate(&l, width, height);
    assert!(pages.len() > 2, "{}", pages.len());
    for (k, p) in pages.iter().enumerate() {
        assert!(p.len() <= height, "page {k} has {} rows", p.len());
        for row in p {
            let w = unicode_width::UnicodeWidthStr::width(line_text(row).as_str());
            assert!(w <= width, "{w}: {}", line_text(row));
        }
        // Every page starts with a ring heading.
        let first = line_text(&p[0]);
        assert!(
            ["CORE TEAM", "OUTSIDE PARTNERS", "PROGRAMS"]
                .iter()
                .any(|h| first.starts_with(h)),
            "{first}"
        );
    }
    assert!(line_text(&pages[1][0]).ends_with("(continued)"));
    // A person's name and their first item are on the same page.
    for p in &pages {
        let last = p.iter().rposition(|r| line_text(r).starts_with("Person "));
        if let Some(i) = last {
            // The footer follows the body: the next row must be an item.
            assert!(
                p.get(i + 1).is_some_and(|r| !line_text(r).is_empty()),
                "a name alone at the bottom of a page"
            );
        }
    }
}

#[test]
fn every_screen_page_ends_with_the_programs_footer() {
    let l = layout(&page());
    let (width, height) = (60, 12);
    let pages = paginate(&l, width, height);
    assert!(pages.len() > 2, "{}", pages.len());
    for (k, p) in pages.iter().enumerate() {
        assert!(p.len() <= height, "page {k} has {} rows", p.len());
        let rows: Vec<String> = p.iter().map(line_text).collect();
        let tail: Vec<&str> = rows[rows.len() - 4..].iter().map(String::as_str).collect();
        assert_eq!(
            tail,
            [
                "",
                "PROGRAMS",
                "",
                "Spring launch  1/4 done (25%)   no milestone ahead"
            ],
            "page {k}: {rows:#?}"
        );
        // Fitted under the body: the body ends right above it.
        assert_ne!(rows[rows.len() - 5], "", "page {k}: {rows:#?}");
    }
    // The text of `--once` has it once, at the end.
    let text = to_text(&page());
    assert_eq!(text.matches("PROGRAMS").count(), 1);
    assert!(text.ends_with("\nPROGRAMS\n\nSpring launch  1/4 done (25%)   no milestone ahead\n"));
}

#[test]
fn a_footer_too_tall_for_half_the_screen_counts_the_programs_left_out() {
    let mut many = page();
    many.programs = (1..=10)
        .map(|n| ProgramLine {
            id: format!("p{n}"),
            name: format!("Program {n}"),
            done: 0,
            total: 1,
            next: None,
            forecast: Vec::new(),
            metrics: Vec::new(),
        })
        .collect();
    let (width, height) = (60, 12);
    let pages = paginate(&layout(&many), width, height);
    for p in &pages {
        assert!(p.len() <= height);
        let rows: Vec<String> = p.iter().map(line_text).collect();
        // At most half the rows: 6 of 12.
        let tail: Vec<&str> = rows[rows.len() - 6..].iter().map(String::as_str).collect();
        assert_eq!(
            tail,
            [
                "",
                "PROGRAMS",
                "",
                "Program 1  0/1 done (0%)   no milestone ahead",
                "Program 2  0/1 done (0%)   no milestone ahead",
                "… and 8 more programs"
            ]
        );
        assert_ne!(rows[rows.len() - 7], "");
    }
    // A screen too small for the footer shows the body alone.
    for p in paginate(&layout(&many), width, 5) {
        assert!(p.len() <= 5);
        assert!(!p.iter().any(|r| line_text(r) == "PROGRAMS"));
    }
    // The text lists every program.
    assert!(to_text(&many).contains("Program 10  0/1 done"));
}

#[test]
fn one_page_when_it_fits() {
    let l = layout(&page());
    assert_eq!(paginate(&l, 200, 200).len(), 1);
}

#[test]
fn wrapping_breaks_between_words_and_keeps_every_character() {
    let l = layout(&page());
    let line = &l.blocks[0].lines[1];
    let rows = wrap(line, 40);
    assert!(rows.len() > 1);
    let joined: String = rows.iter().map(line_text).collect::<Vec<_>>().join("");
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squash(&joined), squash(&line_text(line)));
}

mod screen {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    use ratatui::widgets::Paragraph;
    use ringboard::standup::screen::Frames;

    /// Draws the page body with the screen's styles; returns the text and
    /// whether any cell had a colour.
    fn draw(color: bool) -> (String, bool, bool) {
        let l = layout(&page());
        let pages = paginate(&l, 100, 40);
        let mut term = Terminal::new(TestBackend::new(100, 40)).unwrap();
        term.draw(|f| {
            let lines = Frames::styled(&pages[0], 100, color);
            f.render_widget(Paragraph::new(lines), f.area());
        })
        .unwrap();
        let buf = term.backend().buffer().clone();
        let mut text = String::new();
        let mut coloured = false;
        let mut late_red = false;
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let cell = &buf[(x, y)];
                text.push_str(cell.symbol());
                coloured |= cell.fg != Color::Reset || cell.bg != Color::Reset;
                late_red |= cell.symbol() == "L" && cell.bg == Color::Red;
            }
            text.push('\n');
        }
        (text, coloured, late_red)
    }

    #[test]
    fn marks_are_words_with_or_without_colour() {
        let (text, coloured, late_red) = draw(true);
        assert!(text.contains("LATE"));
        assert!(coloured && late_red);
        let (plain, coloured, _) = draw(false);
        assert!(plain.contains("LATE"));
        assert!(!coloured, "--color never / NO_COLOR must not colour cells");
        assert_eq!(text, plain);
    }
}

//! Re-parsing a changed plan file section by section must give exactly what
//! parsing it whole gives: same model, same positions, same diagnostics.

use std::sync::Arc;

use crate::parse::{
    EarlierSections, Reading, Section, parse_file, parse_file_general, parse_file_reusing,
};
use proptest::prelude::*;

const PATH: &str = "boards/launch.toml";

fn whole(text: &str) -> String {
    format!(
        "{:#?}",
        parse_file_general(Arc::from(PATH), text.as_bytes())
    )
}

/// Parses `text` by sections, reusing `earlier`, and checks it against the
/// whole-file parse. Returns this version's reading.
fn check_same(text: &str, earlier: Option<&dyn EarlierSections>) -> Reading {
    let reading = parse_file_reusing(Arc::from(PATH), text.as_bytes(), earlier, true);
    assert_eq!(
        format!("{:#?}", reading.parsed),
        whole(text),
        "for:\n{text}"
    );
    if earlier.is_none() {
        let plain = parse_file(Arc::from(PATH), text.as_bytes());
        assert_eq!(format!("{plain:#?}"), whole(text), "for:\n{text}");
    }
    reading
}

/// What the diff's blob cache offers the next version of a file: the
/// sections read the general way by their text, and the clean ones copied
/// from the earlier reading.
struct Earlier<'a> {
    text: &'a str,
    reading: &'a Reading,
}

impl EarlierSections for Earlier<'_> {
    fn section(&self, body: &str) -> Option<Section> {
        if let Some(s) = self.reading.memo.as_ref().and_then(|m| m.section(body)) {
            return Some(s);
        }
        let program = self.reading.parsed.program.as_ref()?;
        let bytes = self.text.as_bytes();
        self.reading
            .spans
            .iter()
            .find(|s| &bytes[s.text.clone()] == body.as_bytes())
            .map(|s| Section::copied(&program.deliverables[s.deliverable], s.lines_before))
    }
}

/// The memo of a reading, which must exist (the file was sectioned).
fn memo_len(reading: &Reading) -> usize {
    reading.memo.as_ref().expect("sectioned").len()
}

const HEAD: &str = r#"# Spring launch
[program]
name = "春季新品发布 Spring launch"
strategist = "mei"

[team]
core = ["mei", "raj"]

[[metric]]
id = "mql"
name = "MQLs"
target = 1200
"#;

fn deliverable(id: &str, due: &str, extra: &str) -> String {
    format!(
        "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"T {id}\"\nowner = \"mei\"\ndue = {due}\n{extra}"
    )
}

#[test]
fn example_boards_parse_the_same_by_sections() {
    for entry in std::fs::read_dir("boards")
        .unwrap()
        .chain(std::fs::read_dir("boards/partners").unwrap())
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            check_same(&text, None);
        }
    }
}

/// Plans as the generator writes them (and as people mostly do) take the
/// quick path for every section: nothing needs remembering.
#[test]
fn generated_plans_are_read_quickly_and_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let params = ringboard_synth::Params {
        programs: 4,
        deliverables: 30,
        people: 20,
        commits: 0,
        seed: 7,
    };
    ringboard_synth::generate(&params, dir.path()).unwrap();
    let mut programs = 0;
    for entry in walk(&dir.path().join("boards")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        if text.contains("[[deliverable]]") {
            let reading = check_same(&text, None);
            assert_eq!(
                memo_len(&reading),
                0,
                "a section of {} was not read quickly",
                entry.display()
            );
            programs += 1;
        }
    }
    assert_eq!(programs, 4);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out
}

#[test]
fn an_edited_section_is_reparsed_and_the_rest_shifted() {
    let plan = |head_extra: &str, copy_due: &str| {
        format!(
            "{HEAD}{head_extra}{}{}{}",
            // An escape: read the general way, so remembered.
            deliverable("brief", "2027-01-20", "note = \"say \\\"hi\\\"\"\n"),
            deliverable(
                "copy",
                copy_due,
                "needs = [\"brief\"]\nstart = 2027-01-21\n"
            ),
            deliverable("ads", "2027-03-01", "needs = [\"copy\", \"x/y\"]\n"),
        )
    };
    let first = plan("", "2027-02-01");
    let reading = check_same(&first, None);
    // Clean sections (even the one read the general way, for its escape)
    // are found again through their spans; nothing needs remembering.
    assert_eq!(memo_len(&reading), 0);
    assert_eq!(reading.spans.len(), 3);
    // A new line in the head moves every section down; one section changes.
    let earlier = Earlier {
        text: &first,
        reading: &reading,
    };
    check_same(&plan("goal = \"more\"\n", "2027-02-08"), Some(&earlier));
}

#[test]
fn warnings_errors_and_duplicates_match_the_whole_parse() {
    let a = format!(
        "{HEAD}{}{}{}{}",
        deliverable("brief", "2027-01-20", "stauts = \"done\"\n"),
        deliverable("brief", "2027-01-22", ""),
        deliverable("Bad Id", "\"2027-01-20\"", "status = \"later\"\n"),
        "\n[[deliverable]] # no owner\nid = \"orphan\"\ntitle = \"x\"\ndue = 2027-01-01\n",
    );
    let reading = check_same(&a, None);
    // Reused sections keep their diagnostics, at their new lines.
    let b = format!("# one more line\n{a}");
    check_same(
        &b,
        Some(&Earlier {
            text: &a,
            reading: &reading,
        }),
    );
}

/// A section missing several keys names them all in one error at its
/// header, read by sections or whole.
#[test]
fn every_missing_key_is_named_by_both_readers() {
    let a = format!(
        "{HEAD}{}\n[[deliverable]]\nid = \"x\"\n\n[[deliverable]]\nnote = \"n\"\n",
        deliverable("brief", "2027-01-20", ""),
    );
    let reading = check_same(&a, None);
    let messages: Vec<String> = reading
        .parsed
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.pos.line, d.pos.col, d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "20:1 missing required keys `title`, `owner`, `due` in deliverable",
            "23:1 missing required keys `id`, `title`, `owner`, `due` in deliverable",
        ],
    );
    let b = format!("# one more line\n{a}");
    check_same(
        &b,
        Some(&Earlier {
            text: &a,
            reading: &reading,
        }),
    );
}

#[test]
fn headers_inside_strings_and_arrays_do_not_cut_the_file() {
    let tricky = format!(
        "{HEAD}{}{}{}",
        deliverable(
            "brief",
            "2027-01-20",
            "note = \"\"\"\n[[deliverable]]\nid = \"fake\"\n\"\"\"\n"
        ),
        deliverable(
            "copy",
            "2027-02-01",
            "needs = [\n  \"brief\",\n]\n# [[deliverable]] in a comment\n"
        ),
        deliverable(
            "ads",
            "2027-03-01",
            "note = '''\n[[deliverable]]'''\nx = \"\\\"[[deliverable]]\"\n"
        ),
    );
    let reading = check_same(&tricky, None);
    // One clean section; the other two have notes over several lines (an
    // error: plan text is one line), so they are remembered with it.
    assert_eq!((reading.spans.len(), memo_len(&reading)), (1, 2));
}

#[test]
fn unusual_layouts_fall_back_to_the_whole_parse() {
    let cases = [
        // Another table after the deliverables.
        format!(
            "{HEAD}{}\n[[milestone]]\nname = \"Go\"\ndate = 2027-03-01\n",
            deliverable("a", "2027-01-01", "")
        ),
        // A syntax error in a section.
        format!(
            "{HEAD}{}",
            deliverable("a", "2027-01-01", "due = 2027-01-02\n")
        ),
        // A syntax error in the head.
        format!(
            "{HEAD}name = \"twice\"\n{}",
            deliverable("a", "2027-01-01", "")
        ),
        // No [program] in the head.
        deliverable("a", "2027-01-01", ""),
        // A multi-line string never closed.
        format!(
            "{HEAD}{}note = \"\"\"\nopen",
            deliverable("a", "2027-01-01", "")
        ),
        // Windows line ends and a byte-order mark.
        format!(
            "\u{feff}{}",
            format!("{HEAD}{}", deliverable("a", "2027-01-01", "")).replace('\n', "\r\n")
        ),
        // `deliverable` also in the head.
        format!(
            "[[deliverable]]\nid = \"z\"\n{HEAD}{}",
            deliverable("a", "2027-01-01", "")
        ),
    ];
    for text in &cases {
        check_same(text, None);
    }
    let reading = parse_file_reusing(Arc::from(PATH), cases[0].as_bytes(), None, true);
    assert!(
        reading.memo.is_none(),
        "a table after the deliverables is parsed whole"
    );
}

/// One plan-shaped section: a header (usually `[[deliverable]]`) and lines
/// that are sometimes tricky for a line-based cutter.
fn section() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "[[deliverable]]",
        "[[deliverable]]",
        "[[deliverable]]",
        "[[deliverable]] # c",
        "  [[deliverable]]",
        "[[ deliverable ]]",
        "[[metric]]",
        "[team]",
    ]);
    let line = prop::sample::select(vec![
        "id = \"a\"",
        "id = \"b\"",
        "id = \"Bad\"",
        "title = \"林美 🎨\"",
        "owner = \"mei\"",
        "owner = 3",
        "due = 2027-02-10",
        "due = 2027-02-30",
        "start = 2027-03-01",
        "status = \"blocked\"",
        "status = \"dnoe\"",
        "needs = [\"a\", \"x/b\"]",
        "duration = 5",
        "duration = -5",
        "needs = [\n\"a\",\n[\"b\"]\n]",
        "note = \"\"\"\n[[deliverable]]\n\"\"\"",
        "note = '''\n[team]\n'''",
        "note = \"a\\\"[b\"",
        "note = \"\"\"x\"\"\"\"",
        "# [[deliverable]] \"",
        "x.y = 1",
        "",
        "id = ",
        "\"",
        "[",
    ]);
    (header, prop::collection::vec(line, 0..7)).prop_map(|(h, lines)| {
        let mut s = format!("{h}\n");
        for l in lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    })
}

/// A section with every required key, in any order, and a few lines at the
/// edge of what the quick reader takes (`quick.rs`): most are read quickly,
/// the rest must fall back to exactly the general reading.
fn plain_section() -> impl Strategy<Value = String> {
    let required = Just(vec![
        "id = \"a\"",
        "title = \"Launch 发布 🚀\"",
        "owner = \"mei\"",
        "due = 2027-02-10",
    ])
    .prop_shuffle();
    let edge = prop::sample::select(vec![
        "status = \"doing\"",
        "status = \"Done\"",
        "start = 2027-01-01",
        "start = 2027-03-01",
        "needs = [\"a\", \"p/b\"]",
        "needs = []",
        "needs = [ \"a\" , ]",
        "needs = [\"a\" \"b\"]",
        "needs = [\"\"]",
        "needs = [\"Bad/x\"]",
        "needs = \"a\"",
        "note = \"\"",
        "note = \"x\" \"y\"",
        "note = 'literal'",
        "note = \"é\\u00e9\"",
        "note = \"\u{85}\"",
        "note = \"tab\there\"",
        "note = \"\"\"x\"\"\"",
        "note = 2027-01-01",
        "title = \"twice\"",
        "\tdue2 = 1",
        "ID = \"a\"",
        "id.x = \"a\"",
        "  # a comment \u{7f}",
        "# a comment",
        "   ",
        "\r",
        "note = \"x\"\r",
        "note = \"x\"#c",
        "note = \"x\" # c",
        "start = 2027-01-01#c",
        "start = 2027-01-01T10:00:00",
        "start = 2027-01-01 10:00:00",
        "start = 2027-1-01",
        "start = 2027-02-30",
        "start = 0000-01-01",
        "start=2027-01-01",
        "start = \"2027-01-01\"",
        "start = 20270101",
        "duration = 10",
        "duration = 0",
        "duration = 3650",
        "duration = 3651",
        "duration = -1",
        "duration = +5",
        "duration = 1.5",
        "duration = 1e3",
        "duration = 1_000",
        "duration = 010",
        "duration = 0x10",
        "duration = \"5d\"",
        "duration = 1000000000000",
        "duration = 99999999999999999999",
        "duration = 7 # a week",
        "duration=7",
        "duration = 2027-01-01",
        "duration = 12:00:00",
        "title = 5",
    ]);
    let header = prop::sample::select(vec![
        "[[deliverable]]",
        "[[deliverable]]",
        "[[deliverable]] # c",
        "[[deliverable]]#c",
        "[[deliverable]]\t",
        " [[deliverable]]",
    ]);
    (
        header,
        required,
        prop::collection::vec(edge, 0..3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(h, mut lines, extra, at)| {
            for e in extra {
                let i = at.index(lines.len() + 1);
                lines.insert(i, e);
            }
            format!("{h}\n{}\n", lines.join("\n"))
        })
}

fn any_section() -> impl Strategy<Value = String> {
    prop_oneof![section(), plain_section()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn sections_parse_like_the_whole_file(
        a in prop::collection::vec(any_section(), 0..8),
        b in prop::collection::vec(any_section(), 0..8),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any_section()), 0..3),
        bom in any::<bool>(),
    ) {
        // A byte-order mark shifts every span by three bytes.
        let bom = if bom { "\u{feff}" } else { "" };
        let first = format!("{bom}{HEAD}{}", a.concat());
        let reading = check_same(&first, None);
        // Each span is its section's text and points at its deliverable.
        for span in &reading.spans {
            let body = &first[span.text.clone()];
            let d = &reading.parsed.program.as_ref().expect("program").deliverables[span.deliverable];
            prop_assert!(body.trim_start().starts_with("[[deliverable]]"), "{body:?}");
            prop_assert!(body.contains(&format!("\"{}\"", d.id)), "{body:?}");
        }
        // The next version: some sections replaced, some added.
        let mut next = a.clone();
        for (at, s) in edits {
            if !next.is_empty() {
                let i = at.index(next.len());
                next[i] = s;
            }
        }
        next.extend(b);
        let second = format!("{bom}{HEAD}\n{}", next.concat());
        let earlier = Earlier { text: &first, reading: &reading };
        check_same(&second, Some(&earlier));
    }
}

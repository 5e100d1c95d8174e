//! `report --format markdown` as a chat tool or GitHub reads it: parsed
//! with a CommonMark parser (pulldown-cmark, with GitHub's tables), every
//! title, name, note and milestone holding `|`, `*`, `_`, backticks and `<`
//! comes out as the text that was planned, with no emphasis, code span,
//! HTML or extra table cell made of it.

mod support;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::cli::ok;
use support::files::folder;

const NAME: &str = "Mei | *Lin* _ops_ `x` <b>";
const ROLE: &str = "Lead | *ops* <i>";
const PROGRAM: &str = "Launch *fast* `now` <tag> __big__";
const GOAL: &str = "Ship <https://x.io> | **now** and_snake_case";
const TITLE: &str = "Q1 | Q2 *launch* __big__ `code` <img src=x> and_snake_case";
const NOTE: &str = "see <b>this</b> | *now* ~~or~~ `later`";
const MILESTONE: &str = "Go *live* <b> `x`";
const METRIC: &str = "CTR | *rate* `x`";

fn plans() -> tempfile::TempDir {
    let people = format!(
        "[[person]]\nid = \"mei\"\nname = \"{}\"\nrole = \"{}\"\nring = \"core\"\n",
        NAME.replace('"', "\\\""),
        ROLE
    );
    let program = format!(
        r#"[program]
name = "{PROGRAM}"
goal = "{GOAL}"
strategist = "mei"
lead = "mei"

[team]
core = ["mei"]

[[milestone]]
name = "{MILESTONE}"
date = 2027-03-01

[[metric]]
id = "ctr"
name = "{METRIC}"
target = 0.04
actual = 0.03
owner = "mei"

[[deliverable]]
id = "copy"
title = "{TITLE}"
owner = "mei"
due = 2027-02-10
note = "{NOTE}"
"#
    );
    folder(&[("boards/people.toml", &people), ("boards/p.toml", &program)])
}

/// A block of the parsed document: its plain text, and the markup inside
/// it (emphasis, strong, code, html, link, strikethrough).
#[derive(Debug)]
struct Block {
    kind: &'static str,
    text: String,
    markup: Vec<&'static str>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut open: Vec<Block> = Vec::new();
    let mut done = Vec::new();
    let start = |kind| Block {
        kind,
        text: String::new(),
        markup: Vec::new(),
    };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        let top = open.last_mut();
        match event {
            Event::Start(Tag::Heading { .. }) => open.push(start("heading")),
            Event::Start(Tag::Paragraph) => open.push(start("paragraph")),
            Event::Start(Tag::TableCell) => open.push(start("cell")),
            Event::Start(Tag::Item) => open.push(start("item")),
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item,
            ) => {
                done.extend(open.pop());
            }
            Event::Start(tag) => {
                let name = match tag {
                    Tag::Emphasis => "emphasis",
                    Tag::Strong => "strong",
                    Tag::Strikethrough => "strikethrough",
                    Tag::Link { .. } | Tag::Image { .. } => "link",
                    Tag::HtmlBlock => "html",
                    _ => continue,
                };
                if let Some(b) = top {
                    b.markup.push(name);
                }
            }
            Event::Text(t) => {
                if let Some(b) = top {
                    b.text.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some(b) = top {
                    b.text.push_str(&t);
                    b.markup.push("code");
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(b) = top {
                    b.text.push_str(&t);
                    b.markup.push("html");
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = top {
                    b.text.push(' ');
                }
            }
            _ => {}
        }
    }
    done
}

/// The one block of `kind` whose text is `text`.
fn find<'a>(blocks: &'a [Block], kind: &str, text: &str) -> &'a Block {
    let found: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind == kind && b.text == text)
        .collect();
    assert!(
        !found.is_empty(),
        "no {kind} reads {text:?}; the {kind}s: {:#?}",
        blocks.iter().filter(|b| b.kind == kind).collect::<Vec<_>>()
    );
    found[0]
}

#[test]
fn plan_text_reads_as_written_in_every_place_it_appears() {
    let dir = plans();
    let markdown = ok(
        dir.path(),
        &["--today", "2027-02-01", "report", "--format", "markdown"],
    )
    .text();
    let blocks = blocks(&markdown);

    let heading = find(&blocks, "heading", &format!("{PROGRAM} (p)"));
    assert_eq!(heading.markup, ["code"], "only the id is code");
    let goal = find(&blocks, "paragraph", &format!("Goal: {GOAL}"));
    assert_eq!(goal.markup, ["strong"], "only the label is strong");
    let who = find(
        &blocks,
        "paragraph",
        &format!("Strategist: {NAME} · Lead: {NAME}"),
    );
    assert!(who.markup.iter().all(|m| *m == "strong"), "{who:?}");

    for text in [TITLE, NOTE, NAME, ROLE, METRIC] {
        let cell = find(&blocks, "cell", text);
        assert!(cell.markup.is_empty(), "{cell:?}");
    }
    let milestone = find(
        &blocks,
        "item",
        &format!("2027-03-01 {MILESTONE}: on track"),
    );
    assert!(milestone.markup.is_empty(), "{milestone:?}");

    // Each table's rows have as many cells as its header: a `|` in plan
    // text did not start a cell.
    let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with("| ")).collect();
    let cells = |row: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in row.chars() {
            if c == '|' && !escaped {
                n += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        n
    };
    assert!(rows.iter().any(|r| r.contains("\\| Q2")), "{markdown}");
    let mut width = 0;
    for row in rows {
        if row.starts_with("| Ring | Owner")
            || row.starts_with("| Ring | Person")
            || row.starts_with("| Metric")
        {
            width = cells(row);
        }
        assert_eq!(cells(row), width, "{row}");
    }
}

#[test]
fn the_markdown_report_has_what_the_text_report_has() {
    let dir = plans();
    let markdown = ok(
        dir.path(),
        &["--today", "2027-02-01", "report", "--format", "markdown"],
    )
    .text();
    let blocks = blocks(&markdown);
    find(&blocks, "paragraph", "Progress: 0/1 done (0%)");
    find(
        &blocks,
        "paragraph",
        &format!("Next milestone: {MILESTONE} on 2027-03-01 (in 28 days), on track"),
    );
    // The metric with its percentage, the note of an open deliverable.
    find(&blocks, "cell", "75%");
    find(&blocks, "cell", NOTE);
    find(&blocks, "paragraph", "Milestones");
}

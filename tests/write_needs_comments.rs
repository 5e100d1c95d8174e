//! `needs+=` and `needs-=` on `needs` arrays written over several lines
//! with comments (issue 19, item 9; docs/cli.md version 3: "Editing `needs`
//! keeps the comments of the entries it does not touch"), through
//! `plan_set` as `ringboard set` plans them: the bytes it would write.

use proptest::prelude::*;
use ringboard::load::RawFile;
use ringboard::parse::parse_file;
use ringboard::repo::Workspace;
use ringboard::write::{Edit, PlanFiles, plan_set};

/// Deliverables the generated `needs` may name; `new` is named by none.
const IDS: [&str; 6] = ["research", "brand", "copy", "legal", "photos", "site"];

/// Comment texts, with commas, quotes, brackets and `#` in them; each
/// use gets a number so every comment in a file is different.
const COMMENTS: [&str; 6] = [
    "the survey results",
    "final, signed-off guidelines",
    "say \"hi\" # twice",
    "主视觉 key visual ]",
    "a, b, c",
    "'quoted' [x]",
];

const INDENTS: [&str; 3] = ["  ", "    ", "\t"];

#[derive(Clone, Debug)]
enum Line {
    /// An entry, the spaces before its comment, and its comment.
    Entry {
        id: &'static str,
        pad: usize,
        comment: Option<usize>,
    },
    /// A comment-only line.
    Comment(usize),
}

#[derive(Clone, Debug)]
struct Needs {
    lines: Vec<Line>,
    indent: &'static str,
    trailing_comma: bool,
    /// A comment on the `needs = [` line.
    open: Option<usize>,
    crlf: bool,
}

impl Needs {
    fn entries(&self) -> Vec<&'static str> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                Line::Entry { id, .. } => Some(*id),
                Line::Comment(_) => None,
            })
            .collect()
    }

    /// Every comment's text, and the entry it stands after (if any).
    fn comments(&self) -> Vec<(String, Option<&'static str>)> {
        let mut out: Vec<(String, Option<&'static str>)> =
            self.open.iter().map(|&c| (comment(c), None)).collect();
        for line in &self.lines {
            match line {
                Line::Entry {
                    id,
                    comment: Some(c),
                    ..
                } => out.push((comment(*c), Some(*id))),
                Line::Comment(c) => out.push((comment(*c), None)),
                Line::Entry { .. } => {}
            }
        }
        out
    }

    fn last_entry(&self) -> usize {
        self.lines
            .iter()
            .rposition(|l| matches!(l, Line::Entry { .. }))
            .expect("an entry")
    }
}

fn comment(n: usize) -> String {
    format!("# {} ({n})", COMMENTS[n % COMMENTS.len()])
}

fn needs() -> impl Strategy<Value = Needs> {
    (
        Just(IDS.to_vec()).prop_shuffle(),
        1..=IDS.len(),
        prop::collection::vec((1usize..4, any::<bool>(), any::<bool>()), IDS.len()),
        (0..INDENTS.len(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(ids, n, styles, (indent, trailing_comma, open), (tail, crlf))| {
                let mut numbers = 0..;
                let mut next = || numbers.next().unwrap_or(0);
                let open = open.then(&mut next);
                let mut lines = Vec::new();
                for (id, (pad, before, after)) in ids.into_iter().take(n).zip(styles) {
                    if before {
                        lines.push(Line::Comment(next()));
                    }
                    let comment = after.then(&mut next);
                    lines.push(Line::Entry { id, pad, comment });
                }
                if tail {
                    lines.push(Line::Comment(next()));
                }
                Needs {
                    lines,
                    indent: INDENTS[indent],
                    trailing_comma,
                    open,
                    crlf,
                }
            },
        )
}

/// The plan file: deliverable `t` with these needs, then every
/// deliverable it may name.
fn render(needs: &Needs) -> String {
    let last = needs
        .lines
        .iter()
        .rposition(|l| matches!(l, Line::Entry { .. }));
    let mut array = String::from("[");
    if let Some(c) = needs.open {
        array.push_str(&format!("  {}", comment(c)));
    }
    for (i, line) in needs.lines.iter().enumerate() {
        array.push('\n');
        array.push_str(needs.indent);
        match line {
            Line::Entry {
                id,
                pad,
                comment: c,
            } => {
                array.push_str(&format!("\"{id}\""));
                if Some(i) != last || needs.trailing_comma {
                    array.push(',');
                }
                if let Some(c) = c {
                    array.push_str(&" ".repeat(*pad));
                    array.push_str(&comment(*c));
                }
            }
            Line::Comment(c) => array.push_str(&comment(*c)),
        }
    }
    array.push_str("\n]");
    if needs.lines.is_empty() && needs.open.is_none() {
        array = "[]".into();
    }
    let mut text = format!(
        "[program]\nname = \"Generated\"\n\n[[deliverable]]\nid = \"t\"\ntitle = \"T\"\nowner = \"mei\"\ndue = 2027-03-01\nneeds = {array}\nstatus = \"todo\"\n"
    );
    for id in IDS.iter().chain(&["new"]) {
        text.push_str(&format!(
            "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"{id}\"\nowner = \"ana\"\ndue = 2027-02-01\n"
        ));
    }
    if needs.crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// What `ringboard set gen/t EDITS...` would write.
fn set(text: &str, edits: &[Edit]) -> String {
    let workspace = Workspace {
        root: "/nonexistent-ringboard-test".into(),
        git_dir: None,
        bare: false,
    };
    let raw = RawFile {
        path: "boards/gen.toml".into(),
        content: Ok(std::sync::Arc::new(text.as_bytes().to_vec())),
    };
    let files = PlanFiles::new(workspace, "boards".into(), u64::MAX, vec![raw]).expect("files");
    let draft = plan_set(&files, "gen/t", edits).expect("planned");
    String::from_utf8(draft.after).expect("UTF-8")
}

/// The needs of `t` in `text`, which must parse without a problem.
fn needs_of(text: &str) -> Vec<String> {
    let parsed = parse_file("boards/gen.toml".into(), text.as_bytes());
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let program = parsed.program.expect("a program");
    let t = program.deliverable("t").expect("t");
    t.needs.iter().map(|n| n.raw.clone()).collect()
}

/// The issue's own example: one entry out and one in, in one `set`.
#[test]
fn the_issues_example() {
    let needs = "needs = [\n  \"research\",      # the survey results\n  # partner work:\n  \"brand\",  # final guidelines\n  \"copy\",\n]";
    let text = render(&Needs {
        lines: Vec::new(),
        indent: "",
        trailing_comma: true,
        open: None,
        crlf: false,
    })
    .replace("needs = []", needs);
    let after = set(
        &text,
        &[
            Edit::NeedsRemove("brand".into()),
            Edit::NeedsAdd("new".into()),
        ],
    );
    assert_eq!(
        after,
        text.replace(
            needs,
            "needs = [\n  \"research\",      # the survey results\n  # partner work:\n  \"copy\",\n  \"new\",\n]"
        )
    );
    assert_eq!(needs_of(&after), ["research", "copy", "new"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `needs-=X` takes X's line (with its comment) and nothing else:
    /// every other comment is there once, the rest of the file as it was.
    #[test]
    fn pulling_keeps_every_other_comment(needs in needs(), pick in any::<prop::sample::Index>()) {
        let text = render(&needs);
        let entries = needs.entries();
        let gone = entries[pick.index(entries.len())];
        let after = set(&text, &[Edit::NeedsRemove(gone.into())]);

        let left: Vec<&str> = entries.iter().copied().filter(|e| *e != gone).collect();
        prop_assert_eq!(needs_of(&after), left);
        for (c, of) in needs.comments() {
            let times = if of == Some(gone) { 0 } else { 1 };
            prop_assert_eq!(after.matches(&c).count(), times, "{}\n{}", c, after);
        }
        let mut expected = needs.clone();
        expected
            .lines
            .retain(|l| !matches!(l, Line::Entry { id, .. } if *id == gone));
        prop_assert_eq!(after, render(&expected));
    }

    /// `needs+=X` adds X's line after the last entry, as that one is
    /// indented and with its trailing-comma style: every comment is kept.
    #[test]
    fn pushing_keeps_every_comment(needs in needs()) {
        let text = render(&needs);
        let after = set(&text, &[Edit::NeedsAdd("new".into())]);

        let mut all = needs.entries();
        all.push("new");
        prop_assert_eq!(needs_of(&after), all);
        for (c, _) in needs.comments() {
            prop_assert_eq!(after.matches(&c).count(), 1, "{}\n{}", c, after);
        }
        let mut expected = needs.clone();
        let last = needs.last_entry();
        if !needs.trailing_comma
            && let Line::Entry { pad, comment: Some(_), .. } = &mut expected.lines[last]
            && *pad >= 2
        {
            // The comma the old last entry gets takes a space before its
            // comment, which stays in its column.
            *pad -= 1;
        }
        expected.lines.insert(
            last + 1,
            Line::Entry { id: "new", pad: 1, comment: None },
        );
        prop_assert_eq!(after, render(&expected));
    }
}

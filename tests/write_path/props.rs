//! Property: on generated plans (key order, comments, literal or basic
//! strings, CRLF, a byte-order mark), any single edit re-parses to the old
//! plan with only that field changed, and every line outside the edited
//! table is byte-identical.

use std::sync::Arc;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use ringboard::load::LoadOptions;
use ringboard::model::{Need, Pos, Program, Status};
use ringboard::parse::parse_file;
use ringboard::write::{self, ApplyOptions, DateEdit, Edit, PlanFiles};

use super::support::gitrepo::{PEOPLE, TestRepo};

const OWNERS: [&str; 3] = ["mei", "ana", "wei"];
const TEXTS: [&str; 6] = [
    "Email copy",
    "主视觉 Key visual",
    "Say \"hello\"",
    "back\\slash",
    "it's fine",
    "发布博客",
];

#[derive(Clone, Debug)]
struct Item {
    title: usize,
    owner: usize,
    due: i8,
    /// Days before due.
    start: Option<i8>,
    status: Option<usize>,
    /// Which earlier deliverables it needs (bits).
    needs: u8,
    note: Option<usize>,
    /// Days of work (plan format 1.1).
    duration: Option<u32>,
    order: Vec<&'static str>,
    literal: bool,
    comment: bool,
}

#[derive(Clone, Debug)]
struct Plan {
    items: Vec<Item>,
    crlf: bool,
    bom: bool,
}

fn item() -> impl Strategy<Value = Item> {
    let keys = vec![
        "id", "title", "owner", "due", "start", "status", "needs", "note", "duration",
    ];
    (
        (
            0..TEXTS.len(),
            0..OWNERS.len(),
            1i8..20,
            prop::option::of(0i8..5),
        ),
        (
            prop::option::of(0..Status::ALL.len()),
            any::<u8>(),
            prop::option::of(0..TEXTS.len()),
            prop::option::of(0u32..=3650),
        ),
        (Just(keys).prop_shuffle(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (title, owner, due, start),
                (status, needs, note, duration),
                (order, literal, comment),
            )| Item {
                title,
                owner,
                due,
                start,
                status,
                needs,
                note,
                duration,
                order,
                literal,
                comment,
            },
        )
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec(item(), 1..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(items, crlf, bom)| Plan { items, crlf, bom })
}

fn day(n: i8) -> Date {
    date(2027, 3, 1).saturating_add(jiff::Span::new().days(i64::from(n)))
}

fn quoted(s: &str, literal: bool) -> String {
    if literal && !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The file's text and the line of each `[[deliverable]]` header.
fn render(plan: &Plan) -> (String, Vec<usize>) {
    let eol = if plan.crlf { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = vec![
        "[program]".into(),
        "name = \"Generated\"  # by the property test".into(),
        String::new(),
        "[team]".into(),
        "core = [\"mei\", \"ana\"]".into(),
        "extended = [\"wei\"]".into(),
    ];
    let mut headers = Vec::new();
    for (i, it) in plan.items.iter().enumerate() {
        lines.push(String::new());
        if it.comment {
            lines.push(format!("# deliverable {i}"));
        }
        headers.push(lines.len());
        lines.push("[[deliverable]]".into());
        for key in &it.order {
            let value = match *key {
                "id" => Some(quoted(&format!("d{i}"), it.literal)),
                "title" => Some(quoted(TEXTS[it.title], it.literal)),
                "owner" => Some(quoted(OWNERS[it.owner], it.literal)),
                "due" => Some(day(it.due).to_string()),
                "start" => it.start.map(|s| day(it.due - s).to_string()),
                "status" => it
                    .status
                    .map(|s| quoted(Status::ALL[s].as_str(), it.literal)),
                "needs" => {
                    let needs: Vec<String> = (0..i)
                        .filter(|j| it.needs & (1 << j) != 0)
                        .map(|j| format!("\"d{j}\""))
                        .collect();
                    (!needs.is_empty()).then(|| format!("[{}]", needs.join(", ")))
                }
                "duration" => it.duration.map(|n| n.to_string()),
                _ => it.note.map(|n| quoted(TEXTS[n], it.literal)),
            };
            if let Some(v) = value {
                let comment = if it.comment { "   # why" } else { "" };
                lines.push(format!("{key} = {v}{comment}"));
            }
        }
    }
    let mut text = if plan.bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    for l in &lines {
        text.push_str(l);
        text.push_str(eol);
    }
    (text, headers)
}

/// The edit a choice stands for, and the model change it makes.
fn edit_for(plan: &Plan, k: usize, kind: u8, pick: usize) -> Edit {
    let it = &plan.items[k];
    let earlier: Vec<String> = (0..k).map(|j| format!("d{j}")).collect();
    let has = |j: usize| it.needs & (1 << j) != 0;
    match kind % 12 {
        0 => Edit::Status(Status::ALL[pick % Status::ALL.len()]),
        1 => Edit::Due(DateEdit::Shift((pick % 20) as i32)),
        2 => Edit::Start(Some(DateEdit::On(day(it.due - (pick % 5) as i8)))),
        3 => Edit::Start(None),
        4 => Edit::Owner(OWNERS[pick % OWNERS.len()].into()),
        5 => Edit::Title(TEXTS[pick % TEXTS.len()].into()),
        6 => Edit::Note(Some(TEXTS[pick % TEXTS.len()].into())),
        7 => Edit::Note(None),
        8 => Edit::Needs(
            earlier
                .iter()
                .filter(|_| pick.is_multiple_of(2))
                .cloned()
                .collect(),
        ),
        10 => Edit::Duration(Some((pick % 3651) as u32)),
        11 => Edit::Duration(None),
        _ => match (0..k).find(|&j| has(j) == (pick.is_multiple_of(2))) {
            Some(j) if has(j) => Edit::NeedsRemove(format!("d{j}")),
            Some(j) => Edit::NeedsAdd(format!("d{j}")),
            None => Edit::Status(Status::Done),
        },
    }
}

fn apply_to_model(p: &mut Program, id: &str, edit: &Edit) {
    let Some(d) = p.deliverables.iter_mut().find(|d| d.id == id) else {
        return;
    };
    let need = |id: &str| Need {
        raw: id.into(),
        program: None,
        id: id.into(),
        pos: Pos::default(),
    };
    match edit {
        Edit::Status(s) => d.status = *s,
        Edit::Due(DateEdit::Shift(n)) => {
            d.due = d.due.saturating_add(jiff::Span::new().days(i64::from(*n)))
        }
        Edit::Due(DateEdit::On(x)) => d.due = *x,
        Edit::Start(Some(DateEdit::On(x))) => d.start = Some(*x),
        Edit::Start(_) => d.start = None,
        Edit::Owner(o) => d.owner = o.clone(),
        Edit::Title(t) => d.title = t.clone(),
        Edit::Note(n) => d.note = n.clone(),
        Edit::Needs(list) => d.needs = list.iter().map(|n| need(n)).collect(),
        Edit::NeedsAdd(n) => d.needs.push(need(n)),
        Edit::NeedsRemove(n) => d.needs.retain(|x| x.raw != *n),
        Edit::Duration(n) => d.duration = *n,
    }
}

/// Positions move when a line is added or removed: compare without them.
fn without_positions(mut p: Program) -> Program {
    p.pos = Pos::default();
    p.start_pos = Pos::default();
    let mut team = ringboard::model::Team::default();
    for ring in ringboard::model::Ring::ALL {
        for (id, _) in p.team.ring(ring) {
            let _ = team.add(ring, id.clone(), Pos::default());
        }
    }
    p.team = team;
    for d in &mut p.deliverables {
        d.pos = Pos::default();
        d.id_pos = Pos::default();
        d.owner_pos = Pos::default();
        d.due_pos = Pos::default();
        d.start_pos = Pos::default();
        for n in &mut d.needs {
            n.pos = Pos::default();
        }
    }
    p
}

fn parse(text: &str) -> Program {
    let parsed = parse_file(Arc::from("boards/gen.toml"), text.as_bytes());
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}\n{text}",
        parsed.diagnostics
    );
    parsed.program.expect("program")
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_edit_changes_one_field_and_only_its_table(
        plan in plan(),
        k in any::<prop::sample::Index>(),
        kind in any::<u8>(),
        pick in any::<usize>(),
    ) {
        let k = k.index(plan.items.len());
        let (text, headers) = render(&plan);
        let repo = TestRepo::new();
        repo.write("boards/people.toml", PEOPLE);
        repo.write("boards/gen.toml", &text);
        let old = parse(&text);
        let edit = edit_for(&plan, k, kind, pick);
        let id = format!("d{k}");
        let (files, lock) = PlanFiles::read_locked(&LoadOptions {
            repo: Some(repo.path().to_path_buf()),
            ..LoadOptions::default()
        }, write::WAIT).expect("read");
        let draft = write::plan_set(&files, &format!("gen/{id}"), std::slice::from_ref(&edit))
            .expect("planned");
        let mut expected = old.clone();
        apply_to_model(&mut expected, &id, &edit);
        if draft.is_unchanged() {
            prop_assert_eq!(without_positions(expected), without_positions(old));
            return Ok(());
        }
        write::apply(&files, &draft, &lock, &ApplyOptions::default()).expect("written");
        let after = repo.read("boards/gen.toml");
        prop_assert_eq!(without_positions(parse(&after)), without_positions(expected));
        // Every line outside the edited table is byte-identical.
        let (a, b) = (lines(&text), lines(&after));
        let start = headers[k];
        let end = headers.get(k + 1).copied().unwrap_or(a.len());
        prop_assert_eq!(&a[..start], &b[..start]);
        let tail = a.len() - end;
        prop_assert_eq!(&a[end..], &b[b.len() - tail..]);
        prop_assert_eq!(text.starts_with('\u{feff}'), after.starts_with('\u{feff}'));
    }
}

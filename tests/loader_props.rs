//! Property tests: the loader never panics, whatever bytes or TOML it gets,
//! and everything downstream of it (validation, derived state, reports)
//! copes with whatever it produced.

use std::sync::Arc;

use proptest::prelude::*;
use ringboard::derive::Derived;
use ringboard::load::build;
use ringboard::parse::{parse_file, parse_file_general};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2027, 2, 1)
}

/// Parses, assembles, validates and derives: must not panic.
fn exercise(files: &[(String, Vec<u8>)]) {
    let parsed = files
        .iter()
        .map(|(path, bytes)| {
            let parsed = parse_file(Arc::from(path.as_str()), bytes);
            // The quick reading of plain sections changes nothing.
            let general = parse_file_general(Arc::from(path.as_str()), bytes);
            assert_eq!(format!("{parsed:?}"), format!("{general:?}"));
            parsed
        })
        .collect();
    let (portfolio, diags) = build(parsed);
    let derived = Derived::new(&portfolio, today());
    assert_eq!(derived.marks.len(), portfolio.deliverable_count());
    for d in &diags {
        // Every diagnostic points at a real line and column.
        assert!(d.pos.line >= 1 && d.pos.col >= 1, "{d}");
        // And never carries a raw control character to a terminal.
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
    }
}

/// Plan-shaped TOML: the real keys with values of every type, so the
/// generator reaches deep into the loader instead of failing at the first byte.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"mei\"".to_string()),
        Just("\"a\"".to_string()),
        Just("\"prog/a\"".to_string()),
        Just("\"\\u001b[31m\"".to_string()),
        Just("\"林美 🎨\"".to_string()),
        Just("2027-02-10".to_string()),
        Just("2027-02-30".to_string()),
        Just("\"2027-02-10\"".to_string()),
        Just("2027-02-10T10:00:00Z".to_string()),
        Just("12:00:00".to_string()),
        Just("[\"a\", \"b\", \"mei\"]".to_string()),
        Just("[1, 2]".to_string()),
        Just("{ x = 1 }".to_string()),
        Just("\"done\"".to_string()),
        Just("\"blocked\"".to_string()),
        Just("\"core\"".to_string()),
        Just("\"higher\"".to_string()),
        Just("\"lower\"".to_string()),
        Just("\"5d\"".to_string()),
        Just("3650".to_string()),
        Just("-1".to_string()),
        Just("1.5".to_string()),
        Just("[]".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|x| format!("{x:?}")),
        "[a-z ]{0,8}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "id",
        "name",
        "title",
        "owner",
        "due",
        "start",
        "end",
        "status",
        "needs",
        "note",
        "target",
        "actual",
        "unit",
        "ring",
        "role",
        "org",
        "lead",
        "strategist",
        "priority",
        "core",
        "extended",
        "partner",
        "date",
        "goal",
        "duration",
        "better",
        "baseline",
        "by",
        "durration",
        "stauts",
        "x",
    ])
}

fn header() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "[program]",
        "[team]",
        "[[person]]",
        "[[deliverable]]",
        "[[metric]]",
        "[[milestone]]",
        "[[program]]",
        "[deliverable]",
        "",
    ])
}

fn plan_toml() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (header(), prop::collection::vec((key(), value()), 0..6)),
        0..12,
    )
    .prop_map(|sections| {
        let mut out = String::new();
        for (h, pairs) in sections {
            out.push_str(h);
            out.push('\n');
            for (k, v) in pairs {
                out.push_str(&format!("{k} = {v}\n"));
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&[("boards/x.toml".to_string(), bytes)]);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        exercise(&[("boards/x.toml".to_string(), text.into_bytes())]);
    }

    #[test]
    fn arbitrary_plan_toml_never_panics(
        a in plan_toml(),
        b in plan_toml(),
    ) {
        exercise(&[
            ("boards/people.toml".to_string(), a.into_bytes()),
            ("boards/prog.toml".to_string(), b.into_bytes()),
        ]);
    }
}

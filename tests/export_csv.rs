//! `ringboard report --format csv`, read back with the `csv` crate: the
//! header of docs/cli.md, one row per deliverable with the values of the JSON
//! report, RFC 4180 quoting, a byte-order mark for Excel, Chinese text
//! intact, and `--program` and `--person` respected.

mod support;

use support::cli::ok;
use support::files::{examples, folder};
use support::gitrepo::PEOPLE;

const TODAY: &str = "2027-02-01";

/// docs/cli.md's columns; version 3 adds the forecast's after `at_risk`.
const HEADER: [&str; 18] = [
    "program",
    "id",
    "title",
    "owner",
    "owner_name",
    "ring",
    "start",
    "due",
    "status",
    "late",
    "due_soon",
    "waiting",
    "at_risk",
    "forecast",
    "slip_days",
    "slipping",
    "needs",
    "note",
];

/// The header and rows of a CSV as the `csv` crate reads it.
fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn csv_of(dir: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let mut argv = vec!["--today", TODAY, "report", "--format", "csv"];
    argv.extend_from_slice(args);
    ok(dir, &argv).stdout_bytes
}

#[test]
fn one_row_per_deliverable_with_the_json_reports_values() {
    let dir = examples();
    let bytes = csv_of(dir.path(), &[]);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark first"
    );
    assert!(bytes.ends_with(b"\r\n"));
    let (header, rows) = read(&bytes);
    assert_eq!(header, HEADER, "the BOM is not part of the first name");

    let report: serde_json::Value = serde_json::from_slice(
        &ok(
            dir.path(),
            &["--today", TODAY, "report", "--format", "json"],
        )
        .stdout_bytes,
    )
    .expect("json");
    let mut expected = Vec::new();
    for prog in report["programs"].as_array().expect("programs") {
        for d in prog["deliverables"].as_array().expect("deliverables") {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            let owner = text(&d["owner"]);
            let owner_name = report["people"]
                .as_array()
                .expect("people")
                .iter()
                .find(|p| p["id"] == d["owner"])
                .map_or(owner.clone(), |p| text(&p["name"]));
            let needs: Vec<String> = d["needs"]
                .as_array()
                .expect("needs")
                .iter()
                .map(text)
                .collect();
            expected.push(vec![
                text(&prog["id"]),
                text(&d["id"]),
                text(&d["title"]),
                owner,
                owner_name,
                text(&d["ring"]),
                text(&d["start"]),
                text(&d["due"]),
                text(&d["status"]),
                d["late"].to_string(),
                d["due_soon"].to_string(),
                d["waiting"].to_string(),
                d["at_risk"].to_string(),
                // Open deliverables only: done and dropped ones have arrived.
                text(&d["forecast"]),
                d.get("slip_days").map_or(String::new(), |v| v.to_string()),
                d.get("slipping")
                    .map_or("false".to_string(), |v| v.to_string()),
                needs.join(" "),
                text(&d["note"]),
            ]);
        }
    }
    assert_eq!(rows, expected);
    let key_visual = rows
        .iter()
        .find(|r| r[1] == "key-visual")
        .expect("key-visual");
    assert_eq!(key_visual[2], "Key visual 主视觉");
    assert_eq!(
        key_visual[13..17],
        [
            "2027-02-09",
            "4",
            "true",
            "brief concepts brand-refresh/guidelines"
        ],
        "its forecast, slip and needs"
    );
}

const QUOTING_PLAN: &str = r#"
[program]
name = "P"

[team]
core = ["mei", "ana"]

[[deliverable]]
id = "quoted"
title = "Launch \"hero\" banner, EN/中文"
owner = "mei"
due = 2027-02-10
note = "Costs 5,000; see \"brief\""

[[deliverable]]
id = "plain"
title = "客户分群"
owner = "ana"
due = 2027-02-20
needs = ["quoted"]
"#;

#[test]
fn commas_and_quotes_are_quoted_as_rfc_4180_says() {
    let dir = folder(&[
        ("boards/people.toml", PEOPLE),
        ("boards/p.toml", QUOTING_PLAN),
    ]);
    let bytes = csv_of(dir.path(), &[]);
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(
        text.contains(
            "p,quoted,\"Launch \"\"hero\"\" banner, EN/中文\",mei,林美 (Mei Lin),core,,2027-02-10,todo,false,false,false,false,2027-02-10,0,false,,\"Costs 5,000; see \"\"brief\"\"\"\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("\r\np,plain,客户分群,ana,Ana Souza,core,,2027-02-20,todo,false,false,true,false,2027-02-20,0,false,quoted,\r\n"));
    let (_, rows) = read(&bytes);
    assert_eq!(rows[0][2], "Launch \"hero\" banner, EN/中文");
    assert_eq!(rows[0][17], "Costs 5,000; see \"brief\"");
}

#[test]
fn program_and_person_narrow_the_rows() {
    let dir = examples();
    let (_, spring) = read(&csv_of(dir.path(), &["--program", "spring-launch"]));
    assert!(!spring.is_empty());
    assert!(spring.iter().all(|r| r[0] == "spring-launch"));
    let (_, ana) = read(&csv_of(dir.path(), &["--person", "ana"]));
    assert!(!ana.is_empty());
    assert!(ana.iter().all(|r| r[3] == "ana"));
    let (_, all) = read(&csv_of(dir.path(), &[]));
    assert_eq!(ana.len(), all.iter().filter(|r| r[3] == "ana").count());
    // Marks are the whole portfolio's, as in every other report.
    for row in &ana {
        let full = all
            .iter()
            .find(|r| r[0] == row[0] && r[1] == row[1])
            .expect("row");
        assert_eq!(full, row);
    }
}

/// Plan text a spreadsheet would run as a formula (a pull request from
/// outside the team may hold one) is kept as text: an apostrophe first.
#[test]
fn plan_text_that_looks_like_a_formula_stays_text() {
    let plan = "[program]\nname = \"P\"\n[team]\ncore = [\"mei\"]\n\n[[deliverable]]\nid = \"x\"\ntitle = \"=HYPERLINK(\\\"http://evil.example\\\",\\\"open\\\")\"\nowner = \"mei\"\ndue = 2027-02-10\nnote = \"-20% for partners, +5 seats\"\n\n[[deliverable]]\nid = \"y\"\ntitle = \"Plain 20% title\"\nowner = \"mei\"\ndue = 2027-02-11\nnote = \"@mei to check\"\n";
    let dir = folder(&[("boards/people.toml", PEOPLE), ("boards/p.toml", plan)]);
    let (_, rows) = read(&csv_of(dir.path(), &[]));
    assert_eq!(rows[0][2], "'=HYPERLINK(\"http://evil.example\",\"open\")");
    assert_eq!(rows[0][17], "'-20% for partners, +5 seats");
    assert_eq!(rows[1][2], "Plain 20% title", "other text as written");
    assert_eq!(rows[1][17], "'@mei to check");
    assert_eq!(
        rows[0][7], "2027-02-10",
        "values ringboard writes stay as they are"
    );
}

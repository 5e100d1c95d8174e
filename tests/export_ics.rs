//! `ringboard export ics`, read back with a real iCalendar parser
//! (`icalendar`): the events, their UIDs, dates and text, folding at 75
//! octets on CJK titles, RFC 5545 escaping, CRLF line ends, and output
//! that stays the same across runs and unrelated edits.

mod support;

use std::collections::BTreeMap;

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use support::cli::{ok, ringboard_alone, ringboard_alone_with};
use support::files::{examples, folder};
use support::gitrepo::PEOPLE;

const TODAY: &str = "2027-02-01";

/// The events of a calendar by UID: (summary, description, start date).
fn events(ics: &str) -> BTreeMap<String, (String, String, String)> {
    let calendar: Calendar = ics.parse().expect("a calendar icalendar can read");
    let mut out = BTreeMap::new();
    for c in calendar.iter() {
        let CalendarComponent::Event(e) = c else {
            panic!("only events expected: {c:?}");
        };
        let start = match e.get_start().expect("DTSTART") {
            DatePerhapsTime::Date(d) => d.to_string(),
            other => panic!("an all-day event, not {other:?}"),
        };
        let uid = e.get_uid().expect("UID").to_string();
        let summary = e.get_summary().expect("SUMMARY").to_string();
        let description = e.get_description().unwrap_or_default().to_string();
        assert!(
            out.insert(uid.clone(), (summary, description, start))
                .is_none(),
            "UID {uid} twice"
        );
    }
    out
}

fn export(dir: &std::path::Path, args: &[&str]) -> String {
    let mut argv = vec!["--today", TODAY, "export", "ics"];
    argv.extend_from_slice(args);
    ok(dir, &argv).text()
}

#[test]
fn one_event_per_open_deliverable_and_per_milestone() {
    let dir = examples();
    let ics = export(dir.path(), &[]);
    let report: serde_json::Value = serde_json::from_slice(
        &ok(
            dir.path(),
            &["--today", TODAY, "report", "--format", "json"],
        )
        .stdout_bytes,
    )
    .expect("json");
    let mut expected = 0;
    for prog in report["programs"].as_array().expect("programs") {
        expected += prog["milestones"].as_array().expect("milestones").len();
        expected += prog["deliverables"]
            .as_array()
            .expect("deliverables")
            .iter()
            .filter(|d| !matches!(d["status"].as_str(), Some("done" | "dropped")))
            .count();
    }
    let found = events(&ics);
    assert_eq!(found.len(), expected);

    // SUMMARY starts with the one mark to see first (docs/cli.md v3).
    let (summary, description, start) = &found["spring-launch.key-visual@ringboard"];
    assert_eq!(
        summary,
        "SLIP +4d [spring-launch] Key visual 主视觉 (Northwind Studio 🎨)"
    );
    assert_eq!(start, "2027-02-05");
    assert!(description.starts_with(
        "Status: todo\nForecast: forecast 2027-02-09 (+4 d)\nMarks: at risk, waiting, due soon\n"
    ));
    assert!(description.contains("\nNeeds: brief, concepts, brand-refresh/guidelines\n"));
    // Late work is on today, marked LATE even when it is blocked too.
    let (summary, description, start) = &found["spring-launch.tracking@ringboard"];
    assert!(
        summary.starts_with("LATE 3d [spring-launch] Tracking plan"),
        "{summary}"
    );
    assert_eq!(start, "2027-02-01");
    assert!(
        description.contains("\nDue: 2027-01-29 (3 days ago)"),
        "{description}"
    );
    // A slipping milestone says so.
    let (summary, _, _) = &found["spring-launch.milestone.Campaign%20go-live@ringboard"];
    assert_eq!(
        summary,
        "[spring-launch] Milestone: Campaign go-live (slipping +2 d → 2027-02-24)"
    );
    let (summary, _, start) =
        &found["spring-launch.milestone.Launch%20day%20%E5%8F%91%E5%B8%83%E6%97%A5@ringboard"];
    assert_eq!(summary, "[spring-launch] Milestone: Launch day 发布日");
    assert_eq!(start, "2027-03-15");

    // Done deliverables only with --all.
    assert!(!found.contains_key("spring-launch.brief@ringboard"));
    let all = events(&export(dir.path(), &["--all"]));
    assert!(
        all["spring-launch.brief@ringboard"]
            .0
            .starts_with("done [spring-launch]")
    );
    assert!(all.len() > found.len());
}

#[test]
fn the_file_is_crlf_folded_at_75_octets_and_the_same_every_run() {
    let dir = examples();
    let ics = export(dir.path(), &["--all"]);
    assert_eq!(
        ics,
        export(dir.path(), &["--all"]),
        "no clock in the output"
    );
    assert!(ics.contains(&format!("DTSTAMP:{}T000000Z\r\n", TODAY.replace('-', ""))));
    assert_lines_are_rfc5545(&ics);
}

/// Every line ends in CRLF and has at most 75 octets; a fold never cuts a
/// UTF-8 character.
fn assert_lines_are_rfc5545(ics: &str) {
    let bytes = ics.as_bytes();
    assert!(bytes.ends_with(b"END:VCALENDAR\r\n"));
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "a bare LF at byte {i}");
        }
    }
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a fold inside a character"
        );
    }
}

const CJK_PLAN: &str = r#"
[program]
name = "客户培育计划 Lead nurture"

[team]
core = ["mei", "ana"]

[[milestone]]
name = "发布日, launch; v1.0"
date = 2027-03-15

[[deliverable]]
id = "long"
title = "春季新品发布会的全部宣传材料与社交媒体内容日历以及合作伙伴的联合推广方案和邮件营销系列"
owner = "mei"
due = 2027-02-10
note = 'Budget: 5,000 EUR; files in C:\plans\Q1, ask legal'

[[deliverable]]
id = "after"
title = "Follow-up"
owner = "ana"
due = 2027-02-20
needs = ["long"]
"#;

#[test]
fn cjk_titles_fold_between_characters_and_text_is_escaped() {
    let dir = folder(&[
        ("boards/people.toml", PEOPLE),
        ("boards/nurture.toml", CJK_PLAN),
    ]);
    let ics = export(dir.path(), &[]);
    assert_lines_are_rfc5545(&ics);
    // The long title was folded (it is far over 75 octets) ...
    let raw_summary_lines = ics
        .split("\r\n")
        .skip_while(|l| !l.starts_with("SUMMARY:[nurture] 春季"))
        .take_while(|l| !l.starts_with("TRANSP"))
        .count();
    assert!(raw_summary_lines >= 3, "{ics}");
    // ... escaped per RFC 5545 (`,` `;` `\` and line breaks) ...
    assert!(
        ics.replace("\r\n ", "")
            .contains("\\nNote: Budget: 5\\,000 EUR\\; files in C:\\\\plans\\\\Q1\\, ask legal\\n"),
        "{ics}"
    );
    // ... and a parser reads back the text exactly as planned.
    let found = events(&ics);
    let (summary, description, _) = &found["nurture.long@ringboard"];
    assert_eq!(
        summary,
        "[nurture] 春季新品发布会的全部宣传材料与社交媒体内容日历以及合作伙伴的联合推广方案和邮件营销系列 (林美 (Mei Lin))"
    );
    assert!(
        description.contains("\nNote: Budget: 5,000 EUR; files in C:\\plans\\Q1, ask legal\n"),
        "{description}"
    );
    let (summary, description, _) = &found["nurture.after@ringboard"];
    assert_eq!(summary, "[nurture] Follow-up (Ana Souza)");
    assert!(
        description.contains("\nWaiting on: nurture/long \""),
        "{description}"
    );
    // A milestone's name with `,` and `;` makes a UID of safe characters.
    let milestone = "nurture.milestone.%E5%8F%91%E5%B8%83%E6%97%A5%2C%20launch%3B%20v1.0@ringboard";
    assert_eq!(
        found[milestone].0,
        "[nurture] Milestone: 发布日, launch; v1.0"
    );
}

#[test]
fn uids_stay_the_same_after_an_unrelated_edit() {
    let dir = examples();
    let before = events(&export(dir.path(), &["--all"]));
    // Another deliverable's title and due date change, one is added, a
    // milestone moves, and the file's deliverables change order.
    let path = dir.path().join("boards/spring-launch.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text
        .replace(
            "title = \"Creative brief\"",
            "title = \"Creative brief, final\"",
        )
        .replace("date = 2027-03-15", "date = 2027-03-22")
        + "\n[[deliverable]]\nid = \"extra\"\ntitle = \"Extra\"\nowner = \"mei\"\ndue = 2027-03-03\n";
    assert_ne!(edited, text);
    std::fs::write(&path, edited).expect("write");
    let after = events(&export(dir.path(), &["--all"]));
    for uid in before.keys() {
        assert!(after.contains_key(uid), "{uid} disappeared");
    }
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains_key("spring-launch.extra@ringboard"));
    let launch = "spring-launch.milestone.Launch%20day%20%E5%8F%91%E5%B8%83%E6%97%A5@ringboard";
    assert_eq!(after[launch].2, "2027-03-22", "the same event, moved");
}

#[test]
fn person_defaults_to_me_and_program_narrows() {
    let dir = examples();
    let mine = events(&export(dir.path(), &["--person", "ana"]));
    let by_me = events(
        &ok(
            dir.path(),
            &["--today", TODAY, "--me", "ana", "export", "ics"],
        )
        .text(),
    );
    assert_eq!(mine, by_me);
    let by_env = ringboard_alone_with(
        dir.path(),
        &["--today", TODAY, "export", "ics"],
        &[("RINGBOARD_ME", "ana")],
    );
    assert_eq!(events(&by_env.text()), mine);
    let everyone = ok(
        dir.path(),
        &[
            "--today",
            TODAY,
            "--me",
            "ana",
            "export",
            "ics",
            "--everyone",
        ],
    );
    assert_eq!(events(&everyone.text()), events(&export(dir.path(), &[])));
    assert!(
        mine.values()
            .filter(|(s, _, _)| !s.contains("] Milestone: "))
            .all(|(s, _, _)| s.ends_with("(Ana Souza)"))
    );
    assert!(mine.keys().any(|uid| uid.contains(".milestone.")));

    let spring = events(&export(dir.path(), &["--program", "spring-launch"]));
    assert!(spring.keys().all(|uid| uid.starts_with("spring-launch.")));
    assert!(
        ok(dir.path(), &["export", "ics", "--program", "spring-launch"])
            .text()
            .contains("X-WR-CALNAME:ringboard: spring-launch\r\n")
    );
}

#[test]
fn an_unknown_program_or_person_is_refused_with_a_suggestion() {
    let dir = examples();
    let run = ringboard_alone(dir.path(), &["export", "ics", "--program", "spring-lunch"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--program spring-lunch: no such program"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("spring-launch"), "{}", run.stderr);
    let run = ringboard_alone(dir.path(), &["export", "ics", "--person", "aan"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such person"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

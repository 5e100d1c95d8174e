//! `report` on the example portfolio at a fixed today: snapshots of every
//! format, and the exact JSON shape of docs/cli.md.

mod support;

use std::path::Path;

use support::cli::ringboard as ringboard_in;
use support::files::folder;
use support::gitrepo::PEOPLE;

/// `ringboard --today 2027-02-01 ARGS` on the project's own plans; it must
/// succeed.
fn ringboard(args: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = ringboard_in(dir, &[&["--today", "2027-02-01"], args].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.text()
}

#[test]
fn example_boards_pass_check() {
    assert_eq!(ringboard(&["check"]), "0 errors, 0 warnings in 5 files\n");
}

#[test]
fn text_report() {
    let text = ringboard(&["report"]);
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn no_subcommand_without_a_terminal_prints_the_report() {
    assert_eq!(ringboard(&[]), ringboard(&["report"]));
}

#[test]
fn colour_only_when_asked() {
    let text = ringboard(&["--color", "always", "report", "--program", "spring-launch"]);
    assert!(
        text.contains("\u{1b}[1;31m[late 3d, blocked]\u{1b}[0m"),
        "{text}"
    );
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!(ringboard(&[
        "report",
        "--format",
        "markdown",
        "--program",
        "nurture-2027"
    ]));
}

#[test]
fn json_report_follows_the_cli_contract() {
    let json: serde_json::Value =
        serde_json::from_str(&ringboard(&["report", "--format", "json"])).expect("json");
    assert_eq!(json["today"], "2027-02-01");
    assert_eq!(json["source"], "working tree");
    let mei = &json["people"][0];
    assert_eq!(mei["id"], "mei");
    assert_eq!(mei["name"], "林美 (Mei Lin)");
    assert_eq!(mei["ring"], "core");
    let spring = &json["programs"][0];
    assert_eq!(spring["id"], "spring-launch");
    assert_eq!(spring["priority"], 1);
    assert_eq!(spring["strategist"], "mei");
    assert_eq!(spring["start"], "2027-01-06");
    assert_eq!(
        spring["progress"],
        serde_json::json!({"done": 3, "total": 14})
    );
    assert_eq!(
        spring["team"]["partner"],
        serde_json::json!(["northwind", "cloudmail"])
    );
    assert_eq!(
        spring["milestones"][1],
        serde_json::json!({"name": "Launch day 发布日", "date": "2027-03-15"})
    );
    let mql = &spring["metrics"][0];
    assert_eq!(mql["target"], 1200, "integers stay integers");
    assert_eq!(spring["metrics"][1]["target"], 0.035);
    let key_visual = spring["deliverables"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["id"] == "key-visual")
        .expect("key-visual");
    assert_eq!(
        key_visual["needs"],
        serde_json::json!(["brief", "brand-refresh/guidelines"])
    );
    assert_eq!(key_visual["ring"], "partner");
    assert_eq!(key_visual["start"], "2027-01-21");
    assert_eq!(key_visual["note"], serde_json::Value::Null);
    for (flag, value) in [
        ("late", false),
        ("due_soon", true),
        ("waiting", true),
        ("at_risk", true),
    ] {
        assert_eq!(key_visual[flag], value, "{flag}");
    }
    let programs: Vec<&str> = json["programs"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(
        programs,
        [
            "spring-launch",
            "brand-refresh",
            "nurture-2027",
            "webinar-series"
        ]
    );
}

/// Progress rounds the same way in every output: 3 of 8 done is 38% in the
/// text and markdown reports and on the stand-up page.
#[test]
fn progress_percentages_agree_across_outputs() {
    let mut plan = String::from("[program]\nname = \"P\"\n[team]\ncore = [\"mei\"]\n");
    for i in 0..8 {
        let status = if i < 3 { "done" } else { "todo" };
        plan.push_str(&format!(
            "\n[[deliverable]]\nid = \"d{i}\"\ntitle = \"D{i}\"\nowner = \"mei\"\ndue = 2027-03-01\nstatus = \"{status}\"\n"
        ));
    }
    let dir = folder(&[("boards/people.toml", PEOPLE), ("boards/p.toml", &plan)]);
    let run = |args: &[&str]| {
        ringboard_in(dir.path(), &[&["--today", "2027-02-01"], args].concat()).text()
    };
    assert!(run(&["report"]).contains("3/8 done (38%)"));
    assert!(run(&["report", "--format", "markdown"]).contains("3/8 done (38%)"));
    assert!(run(&["standup", "--once"]).contains("3/8 done (38%)"));
}

/// Outputs that cannot carry a warning line themselves (JSON, CSV, the
/// agenda, a calendar) say on stderr that the plans have errors, naming
/// the first: a program whose file has one may be missing from them.
#[test]
fn machine_outputs_warn_of_plan_errors_on_stderr() {
    let plan = "[program\nname = \"Broken\"\n";
    let dir = folder(&[("boards/people.toml", PEOPLE), ("boards/broken.toml", plan)]);
    for args in [
        &["report", "--format", "json"][..],
        &["report", "--format", "csv"],
        &["agenda"],
        &["agenda", "--format", "json"],
        &["export", "ics", "--everyone"],
    ] {
        let run = ringboard_in(dir.path(), &[&["--today", "2027-02-01"], args].concat());
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("warning: boards/broken.toml:1:"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("run `ringboard check`"),
            "{}",
            run.stderr
        );
    }
    // Clean plans: nothing on stderr.
    let run = ringboard_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--today", "2027-02-01", "report", "--format", "json"],
    );
    assert_eq!(run.stderr, "");
}

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
        serde_json::json!({"done": 3, "total": 15})
    );
    assert_eq!(
        spring["team"]["partner"],
        serde_json::json!(["northwind", "cloudmail"])
    );
    // Milestones with their forecast (docs/cli.md v3), worked by hand:
    // concepts (review, due 01-29) is late, forecast today 02-01; the key
    // visual needs it, 8 days of work: 02-09 (+4); the landing page needs
    // the key visual, 12 days: 02-21 (+2); search needs the landing page,
    // 3 days: 02-24 (+2); go-live (02-22) waits for search: slipping +2.
    assert_eq!(
        spring["milestones"][0],
        serde_json::json!({
            "name": "Campaign go-live",
            "date": "2027-02-22",
            "needs": ["search-campaign", "email-build"],
            "state": "slipping",
            "forecast": "2027-02-24",
            "slip_days": 2,
            "open": 2,
            "chain": [
                "spring-launch/search-campaign",
                "spring-launch/landing-page",
                "spring-launch/key-visual",
                "spring-launch/concepts"
            ]
        })
    );
    assert_eq!(
        spring["milestones"][1],
        serde_json::json!({
            "name": "Launch day 发布日",
            "date": "2027-03-15",
            "needs": null,
            "state": "on-track",
            "forecast": "2027-03-15",
            "slip_days": 0,
            "open": 12,
            "chain": []
        })
    );
    assert_eq!(spring["forecast_end"], "2027-04-30");
    let mql = &spring["metrics"][0];
    assert_eq!(mql["target"], 1200, "integers stay integers");
    // Pace by hand: 26 of the program's 114 days gone (01-06 → 04-30), so
    // the line stands at 1,200 × 26 / 114 = 273.68… ; 310 is ahead of it.
    assert_eq!(mql["better"], "higher");
    assert_eq!(mql["on_target"], false);
    assert_eq!(mql["attainment"], 310.0 / 1200.0);
    assert_eq!(mql["expected"], 1200.0 * 26.0 / 114.0);
    assert_eq!(mql["behind_pace"], false);
    // A budget: lower is better, under target is 100%; spent faster than
    // the straight line from 0 (41,052.6… expected): behind (over) pace.
    let budget = &spring["metrics"][3];
    assert_eq!(budget["id"], "budget");
    assert_eq!(budget["better"], "lower");
    assert_eq!(budget["on_target"], true);
    assert_eq!(budget["attainment"], 1.0);
    assert_eq!(budget["expected"], 180000.0 * 26.0 / 114.0);
    assert_eq!(budget["behind_pace"], true);
    // Cost per lead from a baseline of 80 to 45 by 03-31 (84 days): 26
    // days in, 80 − 35 × 26 / 84 = 69.17; 58 is under it, over target.
    let cpl = &spring["metrics"][4];
    assert_eq!(cpl["baseline"], 80);
    assert_eq!(cpl["by"], "2027-03-31");
    assert_eq!(cpl["on_target"], false);
    assert_eq!(cpl["attainment"], 45.0 / 58.0);
    assert_eq!(cpl["expected"], 80.0 - 35.0 * 26.0 / 84.0);
    assert_eq!(cpl["behind_pace"], false);
    // The same measure in two programs, side by side with a total.
    assert_eq!(
        json["metrics_by_id"],
        serde_json::json!({"mql": {
            "programs": [
                {"program": "spring-launch", "actual": 310, "target": 1200, "attainment": 310.0 / 1200.0},
                {"program": "nurture-2027", "actual": 180, "target": 900, "attainment": 0.2}
            ],
            "total": {"actual": 490, "target": 2100}
        }})
    );
    assert_eq!(spring["metrics"][1]["target"], 0.035);
    let key_visual = spring["deliverables"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["id"] == "key-visual")
        .expect("key-visual");
    assert_eq!(
        key_visual["needs"],
        serde_json::json!(["brief", "concepts", "brand-refresh/guidelines"])
    );
    assert_eq!(key_visual["ring"], "partner");
    assert_eq!(key_visual["start"], serde_json::Value::Null);
    assert_eq!(key_visual["duration"], 8);
    assert_eq!(key_visual["forecast"], "2027-02-09");
    assert_eq!(key_visual["slip_days"], 4);
    assert_eq!(key_visual["slip_cause"], "spring-launch/concepts");
    assert_eq!(key_visual["slipping"], true);
    let done = &spring["deliverables"][0];
    assert_eq!(done["status"], "done");
    assert!(done.get("forecast").is_none(), "a done item has arrived");
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

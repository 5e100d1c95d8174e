//! The forecast where people read it (docs/cli.md v3), on the example
//! boards at 2027-02-01: the stand-up names each slipping or missed
//! milestone's root and its owner; `diff` says how a change moves the
//! forecast; `agenda` lists what must start soon.

mod support;

use support::cli::ringboard_in_home;
use support::gitrepo::TestRepo;

fn run(repo: &TestRepo, args: &[&str]) -> String {
    let home = support::cli::empty_home();
    let mut argv = vec!["--today", "2027-02-01"];
    argv.extend_from_slice(args);
    let out = ringboard_in_home(repo.path(), home.path(), &argv);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn the_stand_up_names_the_root_of_each_slip_and_its_owner() {
    let repo = TestRepo::examples();
    let page = run(&repo, &["standup", "--once"]);
    assert!(
        page.contains(
            "  FORECAST  Campaign go-live +2 d: concepts is late (Northwind Studio 🎨)\n"
        ),
        "{page}"
    );
    assert!(
        page.contains("  FORECAST  Guidelines sign-off missed, 1 open: guidelines is late (Northwind Studio 🎨)\n"),
        "{page}"
    );
    assert!(page.contains("Cost per lead over budget"), "{page}");
}

#[test]
fn diff_says_how_a_change_moves_the_forecast() {
    let repo = TestRepo::examples();
    // The agency's concepts slip five more days.
    repo.edit(
        "boards/spring-launch.toml",
        "due = 2027-01-29\nstatus = \"review\"",
        "due = 2027-02-03\nstatus = \"review\"",
    );
    let text = run(&repo, &["diff"]);
    assert!(
        text.contains(
            "Forecast\n  milestone \"Campaign go-live\" of spring-launch: forecast 2027-02-24 → 2027-02-26 (+2 d)\n  spring-launch/concepts stops slipping (it was +3 d)\n"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&repo, &["diff", "--format", "json"])).expect("json");
    assert_eq!(
        json["forecast"],
        serde_json::json!([{
            "program": "spring-launch",
            "milestone": "Campaign go-live",
            "from": "2027-02-24",
            "to": "2027-02-26",
            "days": 2
        }])
    );
}

#[test]
fn diff_says_when_a_metric_crosses_its_target() {
    let repo = TestRepo::examples();
    // Leads reach their 1,200; cost per lead drops to its 45 (lower is
    // better: it comes back within the target).
    repo.edit("boards/spring-launch.toml", "actual = 310", "actual = 1250");
    repo.edit("boards/spring-launch.toml", "actual = 58", "actual = 44.5");
    let text = run(&repo, &["diff"]);
    assert!(
        text.contains("  metric mql of spring-launch reached its target 1,200\n"),
        "{text}"
    );
    assert!(
        text.contains("  metric cpl of spring-launch came back within its target 45\n"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&repo, &["diff", "--format", "json"])).expect("json");
    assert_eq!(
        json["metric_targets"][0],
        serde_json::json!({
            "program": "spring-launch", "metric": "mql", "reached": true,
            "target": 1200.0, "better": "higher"
        })
    );
    assert_eq!(json["metric_targets"][1]["metric"], "cpl");
    // And back: the other way round, the words say it fell back.
    repo.commit("ana", 1_800_000_000, "leads in");
    repo.edit(
        "boards/spring-launch.toml",
        "actual = 1250",
        "actual = 1100",
    );
    repo.edit("boards/spring-launch.toml", "actual = 44.5", "actual = 46");
    let text = run(&repo, &["diff"]);
    assert!(
        text.contains("  metric mql of spring-launch fell back under its target 1,200\n"),
        "{text}"
    );
    assert!(
        text.contains("  metric cpl of spring-launch went over its target 45\n"),
        "{text}"
    );
}

#[test]
fn set_prints_the_forecast_lines_of_its_change() {
    let repo = TestRepo::examples();
    let text = run(&repo, &["set", "spring-launch/concepts", "due=2027-02-03"]);
    assert!(
        text.contains(
            "Forecast\n  milestone \"Campaign go-live\" of spring-launch: forecast 2027-02-24 → 2027-02-26 (+2 d)\n"
        ),
        "{text}"
    );
    let text = run(&repo, &["set", "spring-launch/mql", "actual+=900"]);
    assert!(
        text.contains("Forecast\n  metric mql of spring-launch reached its target 1,200\n"),
        "{text}"
    );
}

/// A need taken away rewires the hand-offs: the side before is forecast
/// on its own graph, so the slip it ends is said.
#[test]
fn set_needs_says_what_stops_slipping() {
    let repo = TestRepo::examples();
    let text = run(
        &repo,
        &["set", "spring-launch/landing-page", "needs-=key-visual"],
    );
    assert!(
        text.contains(
            "Forecast\n  milestone \"Campaign go-live\" of spring-launch: forecast 2027-02-24 → 2027-02-22 (-2 d)\n  spring-launch/landing-page stops slipping (it was +2 d)\n  spring-launch/search-campaign stops slipping (it was +2 d)\n"
        ),
        "{text}"
    );
}

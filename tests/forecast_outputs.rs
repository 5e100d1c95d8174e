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

//! `agenda` on the example portfolio (in a real temporary repository) at
//! a fixed today, in every format; `--me` from the flag, RINGBOARD_ME and
//! git's user.email; and `report --person`.

mod support;

use support::cli::{empty_home, ringboard_in_home_with};
use support::gitrepo::TestRepo;

fn out(repo: &TestRepo, args: &[&str], env: &[(&str, &str)]) -> String {
    let home = empty_home();
    let mut argv = vec!["--today", "2027-02-08"];
    argv.extend_from_slice(args);
    let run = ringboard_in_home_with(repo.path(), home.path(), &argv, env);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn agenda_text_for_everyone() {
    insta::assert_snapshot!(out(&TestRepo::examples(), &["agenda"], &[]));
}

#[test]
fn agenda_for_a_person_with_what_others_wait_on() {
    let repo = TestRepo::examples();
    insta::assert_snapshot!(out(
        &repo,
        &["agenda", "--person", "ana", "--days", "14"],
        &[]
    ));
    insta::assert_snapshot!(out(
        &repo,
        &[
            "agenda", "--person", "ana", "--days", "14", "--format", "markdown"
        ],
        &[]
    ));
}

#[test]
fn agenda_json() {
    let text = out(
        &TestRepo::examples(),
        &["agenda", "--person", "northwind", "--format", "json"],
        &[],
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["today"], "2027-02-08");
    assert_eq!(json["days"], 7);
    assert_eq!(json["person"], "northwind");
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups[0]["late"], true, "late ones first");
    let late = &groups[0]["deliverables"][0];
    assert_eq!(late["program"], "brand-refresh");
    assert_eq!(late["id"], "guidelines");
    assert_eq!(late["days_late"], 17);
    assert!(
        groups
            .iter()
            .flat_map(|g| g["deliverables"].as_array().expect("list"))
            .all(|d| d["owner"] == "northwind")
    );
    let waiting = json["waiting_on_you"].as_array().expect("waiting");
    assert!(!waiting.is_empty());
    assert!(
        waiting
            .iter()
            .all(|w| w["yours"]["owner"] == "northwind" && w["needed_by"]["owner"] != "northwind")
    );
    insta::assert_snapshot!(text);
}

#[test]
fn me_comes_from_the_flag_then_ringboard_me_then_git_email() {
    let repo = TestRepo::examples();
    let header = |text: &str| text.lines().next().unwrap_or("").to_string();
    let for_ana =
        "Agenda for Ana Souza (ana), 2027-02-08: late or due within 7 days (to 2027-02-14)";
    assert_eq!(
        header(&out(&repo, &["agenda"], &[("RINGBOARD_ME", "ana")])),
        for_ana
    );
    assert_eq!(
        header(&out(
            &repo,
            &["--me", "ana", "agenda"],
            &[("RINGBOARD_ME", "mei")]
        )),
        for_ana
    );
    // --person wins over --me.
    assert!(
        header(&out(
            &repo,
            &["--me", "mei", "agenda", "--person", "ana"],
            &[]
        ))
        .starts_with("Agenda for Ana")
    );
    // Nobody: everyone's agenda.
    assert!(header(&out(&repo, &["agenda"], &[])).starts_with("Agenda, 2027-02-08"));
    // git's user.email matches a contact, whatever the case.
    repo.repo
        .config()
        .expect("config")
        .set_str("user.email", "Ana.Souza@Example.com")
        .expect("email");
    assert_eq!(header(&out(&repo, &["agenda"], &[])), for_ana);
    // An unknown id is refused with a did-you-mean, naming where it came from.
    let home = empty_home();
    let run = ringboard_in_home_with(
        repo.path(),
        home.path(),
        &["agenda"],
        &[("RINGBOARD_ME", "anna")],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "ringboard: RINGBOARD_ME anna: no such person in the roster (did you mean `ana`?)\n"
    );
}

#[test]
fn report_for_one_person() {
    let repo = TestRepo::examples();
    let text = out(&repo, &["report", "--person", "ana"], &[]);
    assert!(text.contains("Launch email copy"), "{text}");
    assert!(!text.contains("Key visual"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&out(
        &repo,
        &["report", "--person", "ana", "--format", "json"],
        &[],
    ))
    .expect("json");
    let programs = json["programs"].as_array().expect("programs");
    assert!(!programs.is_empty());
    for p in programs {
        for d in p["deliverables"].as_array().expect("list") {
            assert_eq!(d["owner"], "ana");
        }
    }
    let home = empty_home();
    let run = ringboard_in_home_with(
        repo.path(),
        home.path(),
        &["report", "--person", "anaa"],
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(did you mean `ana`?)"),
        "{}",
        run.stderr
    );
}

/// `--days` takes any count: the most days there are lists every open
/// deliverable, with no panic on a span past any date.
#[test]
fn any_number_of_days() {
    let repo = TestRepo::examples();
    let all = out(&repo, &["agenda", "--days", "4294967295"], &[]);
    let year = out(&repo, &["agenda", "--days", "3650"], &[]);
    assert_eq!(all.lines().count(), year.lines().count(), "{all}");
    assert!(all.contains("Launch blog post"), "{all}");
}

/// Nothing late or due: the agenda names the next deadline instead of
/// saying only that.
#[test]
fn nothing_due_names_the_next_deadline() {
    let repo = TestRepo::examples();
    let home = empty_home();
    let args = ["--today", "2026-06-01", "agenda", "--person", "ana"];
    let text = ringboard_in_home_with(repo.path(), home.path(), &args, &[]).stdout;
    assert!(text.contains("Nothing late or due."), "{text}");
    assert!(text.contains("Next deadline: "), "{text}");
}

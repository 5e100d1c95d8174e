//! What `diff` says a change breaks, on temporary repositories with real
//! history: the problems `check` finds that a change brings (or ends), a
//! program file renamed, a milestone moved, a program added in the same
//! range as a status change, and the names of what changed.

mod support;

use serde_json::{Value, json};
use support::cli::{Run, ringboard};
use support::gitrepo::{DAY, MONDAY, PEOPLE, SPRING, TestRepo};

fn diff(repo: &TestRepo, args: &[&str]) -> Run {
    let mut all = vec!["--today", "2027-02-01", "diff"];
    all.extend_from_slice(args);
    let run = ringboard(repo.path(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn diff_json(repo: &TestRepo, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&diff(repo, &all).stdout).expect("json")
}

/// The 1-based numbers of the lines of `text` holding `needle`.
fn lines_of(text: &str, needle: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect()
}

fn base() -> TestRepo {
    TestRepo::spring("plans")
}

/// A second program whose plan needs a deliverable of `spring`.
const SUMMER: &str = r#"
[program]
name = "夏季促销 Summer sale"

[team]
core = ["ana"]

[[deliverable]]
id = "plan"
title = "Summer plan"
owner = "ana"
due = 2027-03-20
needs = ["spring/copy"]
"#;

const QA: &str = "\n[[deliverable]]\nid = \"qa\"\ntitle = \"Email QA\"\nowner = \"ana\"\ndue = 2027-02-25\nneeds = [\"copy\"]\n";

const COPY: &str = "\n[[deliverable]]\nid = \"copy\"\ntitle = \"Email copy\"\nowner = \"ana\"\ndue = 2027-02-10\nstatus = \"doing\"\nneeds = [\"brief\"]\n";

#[test]
fn a_deleted_deliverable_that_others_need_introduces_errors() {
    let repo = base();
    repo.write("boards/spring.toml", &(SPRING.to_string() + QA));
    repo.commit("Mei Lin", MONDAY + DAY, "qa");
    repo.edit("boards/spring.toml", COPY, "");
    let now = repo.read("boards/spring.toml");
    let [build, qa] = lines_of(&now, "needs = [\"copy\"]")[..] else {
        panic!("two deliverables need copy: {now}");
    };
    let json = diff_json(&repo, &[]);
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 2, "{json:#}");
    assert_eq!(
        problems[0],
        json!({
            "severity": "error",
            "path": "boards/spring.toml",
            "line": build,
            "col": 10,
            "message": "unknown deliverable `copy` in needs of `build`",
        })
    );
    assert_eq!(problems[1]["line"], qa);
    assert!(
        json["summary"]
            .as_str()
            .expect("summary")
            .ends_with("1 deliverable removed, introduces 2 errors"),
        "{json:#}"
    );
    // Today's `warnings` stay what they were: plan errors of either side
    // as the comparison loaded it, without the cross-file checks.
    assert_eq!(json["warnings"], json!([]));

    let text = diff(&repo, &[]).stdout;
    let section = text
        .split("\nProblems introduced\n")
        .nth(1)
        .expect("a Problems introduced section");
    assert!(
        section.starts_with(&format!(
            "  boards/spring.toml:{build}:10: error: unknown deliverable `copy` in needs of `build`\n  boards/spring.toml:{qa}:10: error: unknown deliverable `copy` in needs of `qa`\n"
        )),
        "{text}"
    );
    let md = diff(&repo, &["--format", "markdown"]).stdout;
    assert!(
        md.contains("#### Problems introduced\n\n- boards/spring.toml:"),
        "{md}"
    );
    assert!(
        md.contains("error: unknown deliverable \\`copy\\` in needs of \\`build\\`"),
        "{md}"
    );
}

#[test]
fn problems_are_matched_by_message_not_by_line() {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    // `build` needs `copy`, due after it: a warning. `zed` is nobody.
    let late = SPRING.replace("due = 2027-02-20", "due = 2027-02-05");
    let unknown = late.replace(
        "title = \"Creative brief\"\nowner = \"mei\"",
        "title = \"Creative brief\"\nowner = \"zed\"",
    );
    repo.write("boards/spring.toml", &unknown);
    repo.commit("Mei Lin", MONDAY, "plans");

    // Lines added on top move every problem: nothing is new.
    repo.write("boards/spring.toml", &format!("# reviewed\n\n{unknown}"));
    let json = diff_json(&repo, &[]);
    assert_eq!(json["problems"], json!([]), "{json:#}");
    assert!(
        !json["summary"]
            .as_str()
            .expect("summary")
            .contains("introduces"),
        "{json:#}"
    );

    // A second deliverable owned by `zed`: the same message once more is
    // one more problem; `build` no longer due before what it needs.
    let twice = unknown.replace("due = 2027-02-05", "due = 2027-02-20")
        + "\n[[deliverable]]\nid = \"extra\"\ntitle = \"Extra\"\nowner = \"zed\"\ndue = 2027-02-28\n";
    repo.write("boards/spring.toml", &twice);
    let json = diff_json(&repo, &[]);
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{json:#}");
    // The first `zed` is the one FROM had; the second is the new one.
    let zed = lines_of(&twice, "owner = \"zed\"");
    assert_eq!(problems[0]["line"], zed[1], "{json:#}");
    assert!(
        problems[0]["message"]
            .as_str()
            .expect("message")
            .starts_with("unknown person `zed` as owner"),
        "{json:#}"
    );
    let summary = json["summary"].as_str().expect("summary");
    assert!(
        summary.ends_with("introduces 1 error, fixes 1 warning"),
        "{summary}"
    );
}

#[test]
fn a_renamed_program_file_is_one_change_and_breaks_the_needs_into_it() {
    let repo = base();
    repo.write("boards/summer.toml", SUMMER);
    repo.commit("Mei Lin", MONDAY + DAY, "summer");
    repo.rename("boards/spring.toml", "boards/spring-2027.toml");
    repo.commit("Ana Souza", MONDAY + 2 * DAY, "rename spring");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let changes = json["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{json:#}");
    let rename = &changes[0];
    assert_eq!(rename["kind"], "program-renamed");
    assert_eq!(rename["program"], "spring-2027");
    assert_eq!(rename["from"], "spring");
    assert_eq!(rename["to"], "spring-2027");
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{json:#}");
    assert_eq!(problems[0]["path"], "boards/summer.toml");
    assert!(
        problems[0]["message"]
            .as_str()
            .expect("message")
            .starts_with("unknown program `spring` in needs `spring/copy`"),
        "{json:#}"
    );
    let text = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(
        text.contains("program spring \"Spring launch\" renamed to spring-2027"),
        "{text}"
    );
    assert!(
        !text.contains("removed") && !text.contains("added"),
        "{text}"
    );
    assert!(text.contains("1 program renamed"), "{text}");
}

#[test]
fn a_renamed_program_with_edits_lists_them_under_its_new_id() {
    let repo = base();
    repo.rename("boards/spring.toml", "boards/2027/spring-2027.toml");
    repo.edit(
        "boards/2027/spring-2027.toml",
        "due = 2027-02-10",
        "due = 2027-02-25",
    );
    repo.edit(
        "boards/2027/spring-2027.toml",
        "title = \"Email build\"",
        "title = \"Email build (EN)\"",
    );
    repo.commit("Ana Souza", MONDAY + DAY, "rename and edit");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let changes = json["changes"].as_array().expect("changes");
    let brief: Vec<String> = changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["kind"].as_str().unwrap_or(""),
                c["id"].as_str().unwrap_or("-"),
                c["field"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "program-renamed - -",
            "deliverable-changed copy due",
            "deliverable-changed build title",
        ],
        "{json:#}"
    );
    assert!(
        changes.iter().all(|c| c["program"] == "spring-2027"),
        "{json:#}"
    );
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{json:#}");
    assert_eq!(problems[0]["severity"], "warning");
    assert_eq!(problems[0]["path"], "boards/2027/spring-2027.toml");
    assert_eq!(
        problems[0]["message"],
        "`build` needs `copy`, which is due 2027-02-25 after it (2027-02-20)"
    );
    // The impact finds what the renamed program's deliverables were under
    // its old id: build, due before copy now, is newly at risk.
    let impact = json["impact"].as_array().expect("impact");
    assert_eq!(impact.len(), 1, "{json:#}");
    assert_eq!(impact[0]["cause"], "spring-2027/copy");
    assert_eq!(impact[0]["newly_at_risk"], json!(["spring-2027/build"]));
    let text = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(
        text.contains(
            "deadline of spring-2027/copy \"Email copy\" moved 2027-02-10 → 2027-02-25 (+15 days)"
        ),
        "{text}"
    );
}

#[test]
fn a_milestone_moved_earlier_then_later() {
    let repo = base();
    repo.edit(
        "boards/spring.toml",
        "date = 2027-03-01",
        "date = 2027-02-15",
    );
    repo.commit("Mei Lin", MONDAY + DAY, "launch earlier");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let impact = json["impact"].as_array().expect("impact");
    assert_eq!(impact.len(), 1, "{json:#}");
    assert_eq!(
        impact[0]["milestone"],
        json!({"program": "spring", "name": "Launch day", "from": "2027-03-01", "to": "2027-02-15"})
    );
    assert_eq!(
        impact[0]["now_missed_by"],
        json!([{"deliverable": "spring/build", "due": "2027-02-20"}]),
        "copy (due 02-10) still meets it; brief is done"
    );
    assert_eq!(
        impact[0]["now_met_by"],
        json!([]),
        "a moved milestone's entry has both lists: {json:#}"
    );
    let text = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(
        text.contains(
            "milestone \"Launch day\" of spring moved 2027-03-01 → 2027-02-15 (-14 days): now missed by spring/build (due 2027-02-20)"
        ),
        "{text}"
    );

    repo.edit(
        "boards/spring.toml",
        "date = 2027-02-15",
        "date = 2027-02-28",
    );
    let json = diff_json(&repo, &[]);
    let impact = json["impact"].as_array().expect("impact");
    assert_eq!(impact.len(), 1, "{json:#}");
    assert_eq!(
        impact[0]["now_met_by"],
        json!([{"deliverable": "spring/build", "due": "2027-02-20"}]),
        "{json:#}"
    );
    let md = diff(&repo, &["--format", "markdown"]).stdout;
    assert!(
        md.contains("now met by spring/build (due 2027-02-20)"),
        "{md}"
    );
}

/// Milestones are known by name, and a name may repeat: same-named ones
/// are paired on their date first, then in order. Moving the second
/// `Review` is that move alone; swapping the two is no change; a third
/// one is added.
#[test]
fn milestones_of_one_name_are_paired_by_date_then_order() {
    let repo = base();
    repo.edit(
        "boards/spring.toml",
        "[[milestone]]\nname = \"Launch day\"\ndate = 2027-03-01",
        "[[milestone]]\nname = \"Review\"\ndate = 2027-02-01\n\n[[milestone]]\nname = \"Review\"\ndate = 2027-03-01",
    );
    repo.commit("Mei Lin", MONDAY + DAY, "two reviews");
    repo.edit(
        "boards/spring.toml",
        "name = \"Review\"\ndate = 2027-03-01",
        "name = \"Review\"\ndate = 2027-03-08",
    );
    repo.commit("Mei Lin", MONDAY + 2 * DAY, "second review a week later");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    assert_eq!(
        json["changes"],
        json!([{"kind": "milestone-changed", "program": "spring", "id": "Review", "field": "date", "from": "2027-03-01", "to": "2027-03-08"}]),
        "{json:#}"
    );
    assert_eq!(
        json["impact"],
        json!([]),
        "build (02-20) meets neither move: {json:#}"
    );
    // The two swapped in the file: nothing changed.
    let text = repo.read("boards/spring.toml");
    let first = "[[milestone]]\nname = \"Review\"\ndate = 2027-02-01\n\n";
    let second = "[[milestone]]\nname = \"Review\"\ndate = 2027-03-08";
    repo.write(
        "boards/spring.toml",
        &text.replace(
            &format!("{first}{second}"),
            format!("{second}\n\n{first}").trim_end(),
        ),
    );
    assert!(
        repo.read("boards/spring.toml").find("2027-03-08")
            < repo.read("boards/spring.toml").find("2027-02-01")
    );
    assert_eq!(diff_json(&repo, &[])["changes"], json!([]));
    // A third one of the name is added.
    repo.write(
        "boards/spring.toml",
        &text.replace(
            second,
            &format!("{second}\n\n[[milestone]]\nname = \"Review\"\ndate = 2027-04-01"),
        ),
    );
    assert_eq!(
        diff_json(&repo, &[])["changes"],
        json!([{"kind": "milestone-added", "program": "spring", "id": "Review"}])
    );
}

#[test]
fn a_program_added_with_a_status_change_is_not_its_impact() {
    let repo = base();
    repo.edit(
        "boards/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.write("boards/summer.toml", SUMMER);
    repo.write(
        "boards/spring.toml",
        &(repo.read("boards/spring.toml") + QA),
    );
    repo.commit("Ana Souza", MONDAY + DAY, "block copy, add summer and qa");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let impact = json["impact"].as_array().expect("impact");
    let named: Vec<&Value> = impact
        .iter()
        .flat_map(|i| {
            i["newly_late"]
                .as_array()
                .into_iter()
                .chain(i["newly_at_risk"].as_array())
                .flatten()
        })
        .collect();
    assert_eq!(named, [&json!("spring/build")], "{json:#}");
    let added = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["kind"] == "deliverable-added")
        .expect("qa added")
        .clone();
    assert_eq!(added["marks"], json!(["at_risk", "waiting"]), "{json:#}");
    let text = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(
        text.contains(
            "deliverable spring/qa \"Email QA\" added (due 2027-02-25, owner ana; at risk, waiting)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "program summer \"夏季促销 Summer sale\" added (1 deliverable: 1 at risk, 1 waiting)"
        ),
        "{text}"
    );
}

#[test]
fn titles_and_program_names_in_text_and_markdown() {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    let spring = SPRING.replace(
        "name = \"Spring launch\"",
        "name = \"春季新品发布 Spring launch\"\npriority = 2",
    ) + "\n[[deliverable]]\nid = \"offer\"\ntitle = \"Summer offer 夏季优惠\"\nowner = \"ana\"\ndue = 2027-03-01\n";
    repo.write("boards/spring-launch.toml", &spring);
    repo.write(
        "boards/zz-brand.toml",
        "[program]\nname = \"Brand *refresh* [v2](http://x)\"\npriority = 1\n\n[team]\ncore = [\"mei\"]\n\n[[deliverable]]\nid = \"logo\"\ntitle = \"Logo_final `v3`\"\nowner = \"mei\"\ndue = 2027-03-01\n",
    );
    repo.write(
        "boards/autumn.toml",
        "[program]\nname = \"Autumn\"\n\n[[deliverable]]\nid = \"x\"\ntitle = \"X\"\nowner = \"mei\"\ndue = 2027-09-01\n",
    );
    repo.commit("Mei Lin", MONDAY, "plans");
    repo.edit(
        "boards/spring-launch.toml",
        "due = 2027-02-10",
        "due = 2027-02-17",
    );
    repo.edit(
        "boards/spring-launch.toml",
        "\n[[deliverable]]\nid = \"offer\"\ntitle = \"Summer offer 夏季优惠\"\nowner = \"ana\"\ndue = 2027-03-01\n",
        "",
    );
    repo.edit(
        "boards/zz-brand.toml",
        "due = 2027-03-01",
        "due = 2027-03-03",
    );
    repo.edit(
        "boards/people.toml",
        "name = \"Ana Souza\"",
        "name = \"Ana Souza\"\nrole = \"Email\"",
    );
    repo.remove("boards/autumn.toml");
    let text = diff(&repo, &[]).stdout;
    assert!(
        text.contains("  deliverable spring-launch/offer \"Summer offer 夏季优惠\" removed\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  deadline of spring-launch/copy \"Email copy\" moved 2027-02-10 → 2027-02-17 (+7 days)\n"
        ),
        "{text}"
    );
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .skip(2)
        .collect();
    assert_eq!(
        headers,
        [
            "People",
            "Brand *refresh* [v2](http://x) (zz-brand)",
            "春季新品发布 Spring launch (spring-launch)",
            "Autumn (autumn)",
            "Forecast",
        ],
        "{text}"
    );
    insta::assert_snapshot!(
        "titles_text",
        text.lines().skip(1).collect::<Vec<_>>().join("\n")
    );
    let md = diff(&repo, &["--format", "markdown"]).stdout;
    assert!(
        // Escaped only where markdown would act: no link forms, no emphasis.
        md.contains("#### Brand \\*refresh\\* [v2\\](http://x) (zz-brand)\n"),
        "{md}"
    );
    assert!(md.contains("\"Logo_final \\`v3\\`\""), "{md}");
    insta::assert_snapshot!(
        "titles_markdown",
        md.lines().skip(1).collect::<Vec<_>>().join("\n")
    );
    let json = diff_json(&repo, &[]);
    let removed = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["kind"] == "deliverable-removed")
        .expect("removed")
        .clone();
    assert_eq!(
        removed,
        json!({"kind": "deliverable-removed", "program": "spring-launch", "id": "offer", "title": "Summer offer 夏季优惠"})
    );
}

//! The exact outputs of `diff`, `log` and `standup --once` over a history
//! that changes every field of every kind of item: held byte for byte, so
//! that a change to how changes are computed or worded shows up here.

mod support;

use support::cli::{Options, ringboard_with_options};
use support::gitrepo::{DAY, MONDAY, TestRepo};

const PEOPLE: &str = r#"
[[person]]
id = "mei"
name = "Mei Lin"
role = "Strategist"
org = "Marketing"
ring = "core"

[[person]]
id = "ana"
name = "Ana Souza"
ring = "core"
contact = "ana@example.com"

[[person]]
id = "wei"
name = "王伟"
ring = "extended"

[[person]]
id = "omar"
name = "Omar Haddad"
ring = "partner"
"#;

const SPRING: &str = r#"
[program]
name = "Spring launch"
goal = "1,200 MQLs"
strategist = "mei"
lead = "ana"
start = 2027-01-04
end = 2027-04-30

[team]
core = ["mei", "ana"]
extended = ["wei"]

[[milestone]]
name = "Launch day"
date = 2027-03-01

[[milestone]]
name = "Review"
date = 2027-02-15

[[metric]]
id = "mql"
name = "MQLs"
unit = "leads"
target = 1200
actual = 100
owner = "ana"

[[metric]]
id = "ctr"
name = "CTR"
target = 0.035

[[deliverable]]
id = "brief"
title = "Creative brief"
owner = "mei"
due = 2027-01-20
status = "done"

[[deliverable]]
id = "copy"
title = "Email copy"
owner = "ana"
due = 2027-02-10
status = "doing"
needs = ["brief"]

[[deliverable]]
id = "build"
title = "Email build"
owner = "ana"
due = 2027-02-20
needs = ["copy"]

[[deliverable]]
id = "assets"
title = "Banner assets"
owner = "omar"
due = 2027-02-12
"#;

/// Every field of a person, program, milestone, metric and deliverable
/// changed; people, team members, milestones, metrics and deliverables added.
fn edit_everything(repo: &TestRepo) {
    let people = PEOPLE
        .replace("name = \"Mei Lin\"", "name = \"林美 (Mei Lin)\"")
        .replace("role = \"Strategist\"", "role = \"Lead strategist\"")
        .replace(
            "org = \"Marketing\"\nring = \"core\"",
            "ring = \"extended\"\ncontact = \"mei@example.com\"",
        )
        .replace("contact = \"ana@example.com\"\n", "")
        + "\n[[person]]\nid = \"raj\"\nname = \"Raj Patel\"\nring = \"core\"\n\n[[person]]\nid = \"lin\"\nname = \"Lin Wu\"\nring = \"partner\"\n";
    repo.write("boards/people.toml", &people);
    let f = "boards/spring.toml";
    repo.edit(
        f,
        "name = \"Spring launch\"",
        "name = \"Spring launch 2027\"",
    );
    repo.edit(f, "goal = \"1,200 MQLs\"", "goal = \"1,500 MQLs\"");
    repo.edit(
        f,
        "strategist = \"mei\"\nlead = \"ana\"",
        "strategist = \"ana\"\nlead = \"mei\"\npriority = 2",
    );
    repo.edit(
        f,
        "start = 2027-01-04\nend = 2027-04-30",
        "start = 2027-01-11\nend = 2027-05-07",
    );
    repo.edit(
        f,
        "core = [\"mei\", \"ana\"]\nextended = [\"wei\"]",
        "core = [\"mei\", \"ana\", \"wei\", \"raj\"]\npartner = [\"omar\", \"lin\"]",
    );
    repo.edit(f, "date = 2027-03-01", "date = 2027-03-08");
    repo.edit(
        f,
        "[[milestone]]\nname = \"Review\"",
        "[[milestone]]\nname = \"Retro\"\ndate = 2027-05-10\n\n[[milestone]]\nname = \"Review\"",
    );
    repo.edit(f, "name = \"MQLs\"\nunit = \"leads\"\ntarget = 1200\nactual = 100\nowner = \"ana\"", "name = \"Marketing-qualified leads\"\nunit = \"MQLs\"\ntarget = 1500\nactual = 250\nowner = \"mei\"");
    repo.edit(f, "target = 0.035", "unit = \"%\"\ntarget = 0.04\nactual = 0.012\n\n[[metric]]\nid = \"visits\"\nname = \"Site visits\"\ntarget = 10000\nactual = 2500.5");
    repo.edit(
        f,
        "title = \"Email copy\"\nowner = \"ana\"\ndue = 2027-02-10\nstatus = \"doing\"\nneeds = [\"brief\"]",
        "title = \"Email copy (EN)\"\nowner = \"wei\"\ndue = 2027-02-17\nstart = 2027-02-01\nstatus = \"blocked\"\nneeds = [\"brief\", \"assets\"]\nnote = \"Waiting on legal\"",
    );
    repo.edit(
        f,
        "due = 2027-02-20\nneeds = [\"copy\"]",
        "due = 2027-02-18\nstatus = \"doing\"\nneeds = [\"copy\"]",
    );
    repo.edit(f, "due = 2027-02-12\n", "due = 2027-02-12\nstatus = \"done\"\n\n[[deliverable]]\nid = \"landing\"\ntitle = \"Landing page\"\nowner = \"raj\"\ndue = 2027-03-01\n");
}

/// Unset and removed values, removals, a finished deliverable, integers
/// turned into floats, and a program added.
fn trim(repo: &TestRepo) {
    repo.edit(
        "boards/people.toml",
        "\n[[person]]\nid = \"lin\"\nname = \"Lin Wu\"\nring = \"partner\"\n",
        "",
    );
    let f = "boards/spring.toml";
    repo.edit(f, "goal = \"1,500 MQLs\"\n", "");
    repo.edit(f, "priority = 2\n", "");
    repo.edit(f, "partner = [\"omar\", \"lin\"]", "partner = [\"omar\"]");
    repo.edit(
        f,
        "[[milestone]]\nname = \"Review\"\ndate = 2027-02-15\n\n",
        "",
    );
    repo.edit(
        f,
        "target = 1500\nactual = 250",
        "target = 1500.0\nactual = 251.5",
    );
    repo.edit(
        f,
        "[[metric]]\nid = \"ctr\"\nname = \"CTR\"\nunit = \"%\"\ntarget = 0.04\nactual = 0.012\n\n",
        "",
    );
    repo.edit(f, "target = 10000\nactual = 2500.5", "target = 10000");
    repo.edit(
        f,
        "due = 2027-02-17\nstart = 2027-02-01\nstatus = \"blocked\"\nneeds = [\"brief\", \"assets\"]\nnote = \"Waiting on legal\"",
        "due = 2027-02-16\nstatus = \"done\"\nneeds = [\"assets\"]",
    );
    repo.edit(f, "[[deliverable]]\nid = \"build\"\ntitle = \"Email build\"\nowner = \"ana\"\ndue = 2027-02-18\nstatus = \"doing\"\nneeds = [\"copy\"]\n\n", "");
    repo.write(
        "boards/summer.toml",
        "[program]\nname = \"Summer\"\npriority = 1\n\n[team]\ncore = [\"ana\"]\n\n[[deliverable]]\nid = \"plan\"\ntitle = \"Summer plan\"\nowner = \"ana\"\ndue = 2027-04-01\nneeds = [\"spring/landing\"]\n\n[[deliverable]]\nid = \"kickoff\"\ntitle = \"Kick-off\"\nowner = \"ana\"\ndue = 2027-04-05\nstatus = \"review\"\n",
    );
}

/// Four commits by three people, then one uncommitted change.
fn history() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    repo.write("boards/spring.toml", SPRING);
    repo.commit("Mei Lin", MONDAY, "plans");
    edit_everything(&repo);
    repo.commit("Ana Souza", MONDAY + DAY, "edit everything");
    trim(&repo);
    repo.commit("王伟", MONDAY + 2 * DAY, "trim");
    // A moved file changes nothing; the summer program goes, landing moves owner.
    repo.rename("boards/spring.toml", "boards/2027/spring.toml");
    repo.remove("boards/summer.toml");
    repo.edit(
        "boards/2027/spring.toml",
        "owner = \"raj\"",
        "owner = \"mei\"",
    );
    repo.commit("Mei Lin", MONDAY + 3 * DAY, "move, drop summer");
    repo.edit(
        "boards/2027/spring.toml",
        "due = 2027-01-20\nstatus = \"done\"",
        "due = 2027-01-20\nstatus = \"review\"",
    );
    repo
}

/// `ringboard --repo REPO --today 2027-02-01 ARGS` in UTC without colour;
/// it must succeed and say nothing on stderr.
fn ringboard(repo: &TestRepo, args: &[&str]) -> String {
    let options = Options {
        repo_flag: true,
        env: &[("TZ", "UTC"), ("NO_COLOR", "1")],
        ..Options::default()
    };
    let run = ringboard_with_options(
        repo.path(),
        &[&["--today", "2027-02-01"], args].concat(),
        &options,
    );
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
    run.text()
}

/// Each range in every format; `range` names the snapshot.
#[test]
fn diff_of_every_kind_of_change() {
    let repo = history();
    for (name, range) in [
        ("edit_everything", &["HEAD~3", "HEAD~2"][..]),
        ("trim", &["HEAD~2", "HEAD~1"]),
        ("move", &["HEAD~1", "HEAD"]),
        ("working_tree", &[]),
        ("all", &["HEAD~3"]),
    ] {
        for format in ["json", "text", "markdown"] {
            let mut args = vec!["diff"];
            args.extend_from_slice(range);
            args.extend_from_slice(&["--format", format]);
            let out = ringboard(&repo, &args);
            insta::assert_snapshot!(format!("diff_{name}_{format}"), out);
        }
    }
}

#[test]
fn log_of_a_deliverable_a_program_and_a_person() {
    let repo = history();
    for (name, target) in [
        ("copy", &["spring/copy"][..]),
        ("build", &["spring/build"]),
        ("spring", &["spring"]),
        ("summer_plan", &["summer/plan"]),
        ("summer", &["summer"]),
        ("person_ana", &["--person", "ana"]),
        ("person_mei", &["--person", "mei"]),
        ("person_wei", &["--person", "wei"]),
    ] {
        for format in ["json", "text"] {
            let mut args = vec!["log"];
            args.extend_from_slice(target);
            args.extend_from_slice(&["--format", format]);
            let out = ringboard(&repo, &args);
            insta::assert_snapshot!(format!("log_{name}_{format}"), out);
        }
    }
}

#[test]
fn standup_of_every_kind_of_deliverable_change() {
    let repo = history();
    let first = repo.repo.revparse_single("HEAD~3").expect("rev").id();
    for format in ["text", "markdown"] {
        let out = ringboard(
            &repo,
            &[
                "standup",
                "--once",
                "--since",
                &first.to_string(),
                "--format",
                format,
            ],
        );
        insta::assert_snapshot!(format!("standup_{format}"), out);
    }
}

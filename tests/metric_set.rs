//! `set PROGRAM/METRIC` (docs/cli.md v3): every form, byte-exact (only
//! the value changes; a comment after it stays; an integer stays an
//! integer; a float only when needed), refusals that write nothing, and
//! `--metric` for an id a deliverable has too.

mod support;

use support::cli::{Run, ringboard_in_home};
use support::gitrepo::{MONDAY, TestRepo};

const PLAN: &str = "[program]\nname = \"P\"\nstart = 2027-01-06\nend = 2027-04-30\n\n[team]\ncore = [\"mei\", \"ana\"]\n\n[[metric]]\nid = \"mql\"\nname = \"MQLs\"\nunit = \"leads\"\ntarget = 1_200   # the spring goal\nactual = 140   # from the CRM, Monday\nowner = \"ana\"\n\n[[metric]]\nid = \"rate\"\nname = \"Click rate\"\ntarget = 0.035\nactual = 0.028\n\n[[metric]]\nid = \"copy\"\nname = \"Copy reviews\"\ntarget = 3\n\n[[deliverable]]\nid = \"copy\"\ntitle = \"Email copy\"\nowner = \"ana\"\ndue = 2027-02-10\n";

fn repo() -> TestRepo {
    let repo = TestRepo::with_plans(&[("p.toml", PLAN)]);
    repo.commit("Mei Lin", MONDAY, "plans");
    repo
}

fn set(repo: &TestRepo, args: &[&str]) -> Run {
    let home = support::cli::empty_home();
    let mut argv = vec!["set"];
    argv.extend_from_slice(args);
    ringboard_in_home(repo.path(), home.path(), &argv)
}

/// The file after one `set`, which must succeed.
fn after(args: &[&str]) -> String {
    let repo = repo();
    let run = set(&repo, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    repo.read("boards/p.toml")
}

#[test]
fn every_form_changes_only_its_value() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["p/mql", "actual=200"],
            "actual = 140   #",
            "actual = 200   #",
        ),
        (
            &["p/mql", "actual+=60"],
            "actual = 140   #",
            "actual = 200   #",
        ),
        (
            &["p/mql", "actual-=40"],
            "actual = 140   #",
            "actual = 100   #",
        ),
        (
            &["p/mql", "actual+=0.5"],
            "actual = 140   #",
            "actual = 140.5   #",
        ),
        (
            &["p/mql", "actual+=1.0"],
            "actual = 140   #",
            "actual = 141   #",
        ),
        (
            &["p/rate", "actual+=0.002"],
            "actual = 0.028\n",
            "actual = 0.03\n",
        ),
        (
            &["p/mql", "target=1500"],
            "target = 1_200   #",
            "target = 1500   #",
        ),
        (
            &["p/mql", "better=lower"],
            "owner = \"ana\"\n",
            "owner = \"ana\"\nbetter = \"lower\"\n",
        ),
        (
            &["p/mql", "baseline=20"],
            "owner = \"ana\"\n",
            "owner = \"ana\"\nbaseline = 20\n",
        ),
        (
            &["p/mql", "by=2027-03-31"],
            "owner = \"ana\"\n",
            "owner = \"ana\"\nby = 2027-03-31\n",
        ),
        (
            &["p/mql", "owner=mei"],
            "owner = \"ana\"",
            "owner = \"mei\"",
        ),
        (
            &["p/mql", "name=Marketing-qualified leads"],
            "name = \"MQLs\"",
            "name = \"Marketing-qualified leads\"",
        ),
        (&["p/mql", "unit="], "unit = \"leads\"\n", ""),
        (
            &["p/mql", "actual="],
            "actual = 140   # from the CRM, Monday\n",
            "",
        ),
    ];
    for (args, from, to) in cases {
        let text = after(args);
        assert_eq!(text, PLAN.replacen(from, to, 1), "{args:?}");
    }
}

#[test]
fn refusals_write_nothing() {
    let repo = repo();
    for (args, says) in [
        (&["p/mql", "actual=lots"][..], "not a number"),
        (&["p/mql", "better=up"], "higher or lower"),
        (&["p/mqls", "actual=3"], "did you mean `mql`"),
        (&["p/mql", "acutal=3"], "did you mean `actual`"),
        (&["p/mql", "target+=3"], "only `actual`"),
        (&["p/mql", "owner=ghost"], "ghost"),
        (&["p/copy", "actual=2"], "--metric"),
        (&["--rev", "HEAD", "p/mql", "actual=3"], "working tree"),
    ] {
        let run = set(&repo, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
        assert_eq!(
            repo.read("boards/p.toml"),
            PLAN,
            "{args:?}: nothing written"
        );
    }
}

/// A program with a deliverable and a metric of one id: `--metric`
/// chooses the metric; without it, the deliverable's fields still work.
#[test]
fn metric_chooses_the_metric_of_a_shared_id() {
    let text = after(&["--metric", "p/copy", "actual=2"]);
    assert_eq!(
        text,
        PLAN.replacen("target = 3\n", "target = 3\nactual = 2\n", 1)
    );
    let repo = repo();
    let run = set(&repo, &["p/copy", "status=doing"]);
    assert_eq!(run.code, 2, "ambiguous: {}", run.stderr);
    let run = set(&repo, &["--metric", "p/mql", "status=done"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `status`"),
        "{}",
        run.stderr
    );
}

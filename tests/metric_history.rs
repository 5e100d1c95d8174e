//! Every program's metric series read at once, kept for a session
//! (`review::metric_history`), against `metric_series` one program at a
//! time: the same series, on generated histories with moves and renames,
//! whether walked at once or extended commit by commit as HEAD moves.

mod support;

use std::collections::BTreeMap;

use ringboard::git::{ObjectId, Repo};
use ringboard::review::metric_history::MetricHistory;
use ringboard::review::metric_series::{Series, metric_series};
use ringboard_synth::{Params, generate};
use support::gitrepo::{DAY, MONDAY, TestRepo};

const LIMIT: u64 = 1 << 23;

/// Every program stem any commit of the history has, to follow renames
/// from either side.
fn stems(repo: &Repo, commits: &[ObjectId]) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for c in commits {
        for f in repo
            .plan_files(*c, "boards")
            .expect("files")
            .unwrap_or_default()
        {
            out.insert(ringboard::parse::program_id(&f.path).to_string());
        }
    }
    out.into_iter().collect()
}

fn one_by_one(
    repo: &Repo,
    head: ObjectId,
    programs: &[String],
) -> Vec<(String, BTreeMap<String, Series>)> {
    programs
        .iter()
        .map(|p| {
            let series = metric_series(repo, "boards", head, p, LIMIT).expect("series");
            (p.clone(), series)
        })
        .collect()
}

fn at_once(
    book: &mut MetricHistory,
    repo: &Repo,
    head: ObjectId,
    programs: &[String],
) -> Vec<(String, BTreeMap<String, Series>)> {
    book.series(repo, head, programs, &|| false)
        .expect("series")
        .expect("not stopped")
        .into_iter()
        .map(|(p, s)| (p, s.expect("program's series")))
        .collect()
}

/// The first-parent line from HEAD, oldest first.
fn line(repo: &Repo) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut at = repo.resolve("HEAD").ok();
    while let Some(c) = at {
        out.push(c);
        at = repo
            .commit_info(c)
            .expect("commit")
            .parents
            .first()
            .copied();
    }
    out.reverse();
    out
}

#[test]
fn a_generated_history_gives_each_programs_series() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let params = Params {
        programs: 12,
        deliverables: 15,
        people: 40,
        commits: 300,
        seed: 7,
    };
    generate(&params, dir.path()).expect("generate");
    let repo = Repo::open(dir.path()).expect("open");
    let commits = line(&repo);
    let programs = stems(&repo, &commits);
    assert!(
        programs.iter().any(|p| p.ends_with("-v2")),
        "a rename: {programs:?}"
    );
    let head = *commits.last().expect("head");
    let want = one_by_one(&repo, head, &programs);
    assert!(
        want.iter()
            .filter(|(_, s)| s.values().any(|v| v.len() > 3))
            .count()
            > 3,
        "series with points: {want:?}"
    );
    let mut book = MetricHistory::new("boards", LIMIT);
    assert_eq!(at_once(&mut book, &repo, head, &programs), want);
    // Asked again: the same, from what it kept.
    assert_eq!(at_once(&mut book, &repo, head, &programs), want);

    // HEAD moving a few commits at a time, the walk extended each time.
    let mut book = MetricHistory::new("boards", LIMIT);
    for at in commits.iter().skip(250).step_by(13).chain([&head]) {
        assert_eq!(
            at_once(&mut book, &repo, *at, &programs),
            one_by_one(&repo, *at, &programs),
            "at {at}"
        );
    }
}

#[test]
fn the_example_plans_with_a_rename() {
    let repo = TestRepo::examples();
    let edit = |from: &str, to: &str| repo.edit("boards/spring-launch.toml", from, to);
    let text = std::fs::read_to_string(repo.file("boards/spring-launch.toml")).expect("read");
    let actual = text
        .lines()
        .find(|l| l.starts_with("actual = "))
        .expect("a metric with an actual value")
        .to_string();
    edit(&actual, "actual = 1234");
    repo.commit("Ana Souza", MONDAY + DAY, "more");
    edit("actual = 1234", "actual = 1500");
    repo.commit("Ana Souza", MONDAY + DAY + 60, "more that day");
    repo.rename("boards/spring-launch.toml", "boards/spring-2027.toml");
    repo.commit("Mei Lin", MONDAY + 2 * DAY, "rename");
    repo.edit("boards/spring-2027.toml", "actual = 1500", "actual = 1800");
    repo.commit("Mei Lin", MONDAY + 3 * DAY, "later");
    let git = Repo::open(repo.path()).expect("open");
    let head = git.resolve("HEAD").expect("head");
    let programs: Vec<String> = ["spring-2027", "spring-launch", "brand-refresh", "nowhere"]
        .map(String::from)
        .to_vec();
    let want = one_by_one(&git, head, &programs);
    assert!(want[0].1.values().any(|s| s.len() >= 2), "{want:?}");
    let mut book = MetricHistory::new("boards", LIMIT);
    assert_eq!(at_once(&mut book, &git, head, &programs), want);
}

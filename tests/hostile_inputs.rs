//! Plans made to be slow or large (`ringboard_synth::hostile`), each within
//! the default size limit: every one gets a bounded answer — few lines of
//! output, the right exit status, never a panic. Their timing is in the
//! benchmark suite (`scripts/bench-hostile.sh`, BENCHMARKS.md).

mod support;

use support::cli::{Run, ringboard};
use support::gitrepo;

fn check(kind: &str) -> Run {
    let dir = tempfile::TempDir::new().expect("tempdir");
    ringboard_synth::hostile::write(kind, dir.path()).expect("write");
    let run = ringboard(dir.path(), &["check"]);
    assert!(run.code == 0 || run.code == 1, "{kind}: {}", run.stderr);
    // However large the input, the answer is at most one line a problem
    // for the first 10,000 of a file and one more that counts the rest.
    assert!(run.stdout.lines().count() <= 2 * 10_002, "{kind}");
    run
}

#[test]
fn a_tangle_of_needs_is_one_cycle_with_a_count() {
    let run = check("dense-needs");
    let cycles: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("cycle in needs"))
        .collect();
    assert_eq!(cycles.len(), 1, "{}", run.stdout);
    assert!(
        cycles[0].ends_with("999 more deliverables wait in loops with them"),
        "{}",
        cycles[0]
    );
}

#[test]
fn files_too_complex_for_the_toml_parser_are_refused_in_one_line() {
    for kind in ["brackets", "flat-arrays", "deep-inline"] {
        let run = check(kind);
        assert!(
            run.stdout
                .contains("error: the file is too complex to read"),
            "{kind}: {}",
            run.stdout
        );
    }
}

/// Past 9,999 problems in a file, one line counts the rest, and the
/// summary counts them all.
#[test]
fn a_flood_of_problems_is_listed_up_to_a_limit_and_counted() {
    for (kind, more, total) in [
        ("duplicate-keys", "470001 more problems", "480000 errors"),
        ("big-team", "90001 more problems", "100000 errors"),
    ] {
        let run = check(kind);
        let end = &run.stdout[run.stdout.len().saturating_sub(400)..];
        assert!(run.stdout.contains(more), "{kind}: {end}");
        let summary = format!("{total}, 0 warnings in 2 files\n");
        assert!(run.stdout.ends_with(&summary), "{kind}: {end}");
        // 9,999 problems, the line that counts the rest, the summary.
        assert_eq!(run.stdout.lines().count(), 10_001, "{kind}");
    }
}

#[test]
fn unknown_ids_are_all_reported_with_bounded_suggestions() {
    let run = check("unknown-needs");
    assert!(
        run.stdout
            .ends_with("20000 errors, 0 warnings in 2 files\n"),
        "{}",
        run.stdout.len()
    );
    let run = check("long-owners");
    assert!(run.stdout.ends_with("2000 errors, 0 warnings in 2 files\n"));
}

/// 30,000 milestones moved in a program of 30,000 deliverables whose
/// deadlines all moved: comparing them is linear; working out the impact
/// of each on all the others stops at a budget and says so.
#[test]
fn a_diff_of_everything_moved_is_bounded_and_says_what_it_left_out() {
    let repo = gitrepo::TestRepo::new();
    ringboard_synth::hostile::write("many-items", repo.path()).expect("write");
    repo.commit("Mei", gitrepo::MONDAY, "many");
    let text = repo.read("boards/many.toml");
    repo.write(
        "boards/many.toml",
        &text.replace("2027-02-01", "2027-02-08"),
    );
    let run = ringboard(repo.path(), &["diff", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A line a change, the summary, headings and warnings, and the
    // Forecast section, itself bounded (500 moves and 500 slips listed).
    let forecast = 2 * ringboard::review::forecast_moves::LIMIT + 3;
    assert!(run.stdout.lines().count() <= 60_000 + 20 + forecast);
    assert!(run.stdout.contains("more forecast moves, not listed"));
    assert!(
        run.stdout
            .contains("deadline of many/d29999 \"T\" moved 2027-02-01 → 2027-02-08"),
        "{}",
        &run.stdout[..500]
    );
    assert!(
        run.stdout
            .contains("deadline, status or milestone changes was not worked out"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(500)..]
    );
}

//! Issue 23: `set` and `add` say what the change does beyond itself: the
//! lines of `diff`'s Impact section for that change (worked out from the
//! whole portfolio before and after the write), and the problems it adds
//! as warnings, in `check`'s words.

mod support;

use support::cli::{ok, section};
use support::gitrepo::TestRepo;

const TODAY: &str = "2027-02-01";

#[test]
fn set_prints_the_impact_diff_prints_and_the_problems_it_adds() {
    let repo = TestRepo::board_fixture();
    let set = ok(
        repo.path(),
        &[
            "--today",
            TODAY,
            "set",
            "aurora-launch/key-visual",
            "due=+20",
        ],
    );
    let mut lines = set.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "deadline of aurora-launch/key-visual \"Key visual 主视觉 and campaign artwork for all regional markets\" moved 2027-02-10 → 2027-03-02 (+20 days)"
        ),
        "{}",
        set.stdout
    );
    let impact = section(&set.stdout, "Impact");
    assert!(
        impact.iter().any(
            |l| l.starts_with("aurora-launch/key-visual: now at risk downstream:")
                && l.contains("partner-nurture/email-templates")
        ),
        "{}",
        set.stdout
    );
    assert!(
        impact.contains(
            &"aurora-launch/key-visual: now due 2027-03-02, after milestone \"Launch day 发布日\" of aurora-launch (2027-03-01)"
                .to_string()
        ),
        "{}",
        set.stdout
    );
    // The same lines `diff` prints right after, in its Impact section.
    let diff = ok(repo.path(), &["--today", TODAY, "diff"]);
    assert_eq!(impact, section(&diff.stdout, "Impact"), "{}", diff.stdout);
    // The problems the change adds, elsewhere too, as `check` words them.
    let check = support::cli::ringboard_alone(repo.path(), &["--today", TODAY, "check"]);
    for needs in ["launch-video", "email-templates"] {
        let line = check
            .stdout
            .lines()
            .find(|l| l.contains("warning:") && l.contains(&format!("`{needs}` needs")))
            .unwrap_or_else(|| panic!("check warns about {needs}: {}", check.stdout));
        assert!(
            set.stderr.contains(&format!("ringboard: {line}")),
            "{needs}: {}",
            set.stderr
        );
    }
}

#[test]
fn a_change_with_no_impact_prints_no_impact_section() {
    let repo = TestRepo::board_fixture();
    let set = ok(
        repo.path(),
        &[
            "--today",
            TODAY,
            "set",
            "aurora-launch/product-faq",
            "note=checked",
        ],
    );
    assert!(!set.stdout.contains("Impact"), "{}", set.stdout);
    assert_eq!(set.stderr, "");
    let add = ok(
        repo.path(),
        &[
            "--today",
            TODAY,
            "add",
            "partner-nurture",
            "--title",
            "Partner webinar 合作伙伴网络研讨会",
            "--id",
            "webinar",
            "--owner",
            "li-wei",
            "--due",
            "+30",
        ],
    );
    assert_eq!(add.stdout, "added partner-nurture/webinar\n");
}

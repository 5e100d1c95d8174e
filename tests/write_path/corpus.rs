//! `set` and `add` change exactly the bytes of the edited value, across a
//! corpus of plan files (`tests/fixtures/write/`): comments (trailing and
//! own-line), CRLF line ends, a byte-order mark, inline tables, multi-line
//! strings, CJK text, keys in unusual order, dotted keys, indentation.

use super::{empty_home, repo_with, ringboard_in_home, snapshot};

const FIXTURES: &[&str] = &[
    "bom.toml",
    "cjk.toml",
    "comments.toml",
    "crlf.toml",
    "dotted.toml",
    "indented.toml",
    "inline.toml",
    "multiline.toml",
];

fn fixture(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/write");
    std::fs::read_to_string(format!("{dir}/{name}")).expect("fixture")
}

/// True when `after` is `before` with `old` replaced by `new` at one place
/// and every other byte the same.
fn only_replaced(before: &str, after: &str, old: &str, new: &str) -> bool {
    after.match_indices(new).any(|(at, _)| {
        let rebuilt = format!("{}{old}{}", &after[..at], &after[at + new.len()..]);
        rebuilt == before
    })
}

/// (file, arguments after `set`, old bytes, new bytes): the old bytes
/// include enough context to pin where an added key goes.
const SET_CASES: &[(&str, &[&str], &str, &str)] = &[
    (
        "comments.toml",
        &["comments/copy", "status=review"],
        "'doing'",
        "'review'",
    ),
    (
        "comments.toml",
        &["comments/copy", "due=+7"],
        "2027-02-10",
        "2027-02-17",
    ),
    (
        "comments.toml",
        &["comments/copy", "title=Email copy v2"],
        "\"Email copy\"",
        "\"Email copy v2\"",
    ),
    (
        "comments.toml",
        &["comments/copy", "note=Needs legal"],
        "id = \"copy\"\n",
        "id = \"copy\"\nnote = \"Needs legal\"\n",
    ),
    (
        "comments.toml",
        &["comments/brief", "note="],
        "note = \"Signed off\"       # by legal\n",
        "",
    ),
    (
        "comments.toml",
        &["comments/copy", "needs-=brief"],
        "[\"brief\"]",
        "[]",
    ),
    (
        "crlf.toml",
        &["crlf/copy", "status=done"],
        "\"doing\"",
        "\"done\"",
    ),
    (
        "crlf.toml",
        &["crlf/copy", "note=x"],
        "# trailing\r\n\r\n",
        "# trailing\r\nnote = \"x\"\r\n\r\n",
    ),
    (
        "crlf.toml",
        &["crlf/build", "start=2027-02-12"],
        "needs = [\"copy\"]\r\n",
        "needs = [\"copy\"]\r\nstart = 2027-02-12\r\n",
    ),
    ("bom.toml", &["bom/copy", "owner=mei"], "\"ana\"", "\"mei\""),
    (
        "bom.toml",
        &["bom/copy", "status=doing"],
        "due = 2027-02-10\n",
        "due = 2027-02-10\nstatus = \"doing\"\n",
    ),
    (
        "inline.toml",
        &["inline/copy", "status=review"],
        "\"doing\"",
        "\"review\"",
    ),
    (
        "inline.toml",
        &["inline/build", "status=doing"],
        "needs = [\"copy\"] }",
        "needs = [\"copy\"], status = \"doing\" }",
    ),
    (
        "inline.toml",
        &["inline/copy", "note="],
        ", note = \"first draft\"",
        "",
    ),
    (
        "inline.toml",
        &["inline/build", "needs-=copy"],
        "[\"copy\"]",
        "[]",
    ),
    (
        "multiline.toml",
        &["multiline/copy", "note=Two words"],
        "'''One line, but in a multi-line literal'''",
        "\"Two words\"",
    ),
    (
        "multiline.toml",
        &["multiline/brief", "title=Brief"],
        "\"\"\"Creative brief\"\"\"",
        "\"Brief\"",
    ),
    (
        "multiline.toml",
        &["multiline/copy", "needs-=brief"],
        "[\n  \"brief\",  # the brief first\n]",
        "[]",
    ),
    (
        "multiline.toml",
        &["multiline/copy", "status=done"],
        "\"doing\"",
        "\"done\"",
    ),
    (
        "cjk.toml",
        &["cjk/key-visual", "title=主视觉 v2"],
        "\"主视觉 Key visual\"",
        "\"主视觉 v2\"",
    ),
    (
        "cjk.toml",
        &["cjk/key-visual", "note=品牌指南已到"],
        "\"等待品牌指南\"",
        "\"品牌指南已到\"",
    ),
    (
        "cjk.toml",
        &["cjk/copy", "status=doing"],
        "needs = [\"key-visual\"]\n",
        "needs = [\"key-visual\"]\nstatus = \"doing\"\n",
    ),
    (
        "dotted.toml",
        &["dotted/copy", "status=doing"],
        "\"todo\"",
        "\"doing\"",
    ),
    (
        "dotted.toml",
        &["dotted/build", "due=-3"],
        "2027-02-20",
        "2027-02-17",
    ),
    (
        "dotted.toml",
        &["dotted/build", "needs=copy"],
        "due = 2027-02-20\n",
        "due = 2027-02-20\nneeds = [\"copy\"]\n",
    ),
    (
        "indented.toml",
        &["indented/copy", "status=review"],
        "  due = 2027-02-10\n",
        "  due = 2027-02-10\n  status = \"review\"\n",
    ),
];

fn corpus_repo() -> super::support::gitrepo::TestRepo {
    let files: Vec<(&str, String)> = FIXTURES.iter().map(|f| (*f, fixture(f))).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    repo_with(&refs)
}

#[test]
fn set_changes_exactly_the_bytes_of_the_edited_value() {
    let repo = corpus_repo();
    let home = empty_home();
    for (file, args, old, new) in SET_CASES {
        let rel = format!("boards/{file}");
        let before = repo.read(&rel);
        let mut argv = vec!["set"];
        argv.extend_from_slice(args);
        let run = ringboard_in_home(repo.path(), home.path(), &argv);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let after = repo.read(&rel);
        assert!(
            only_replaced(&before, &after, old, new),
            "{args:?} changed more than {old:?} → {new:?}:\n{after}"
        );
        assert_eq!(
            before.starts_with('\u{feff}'),
            after.starts_with('\u{feff}'),
            "a byte-order mark is neither added nor removed"
        );
        // One change line, then what it does beyond itself, if anything.
        let said = run.stdout.lines();
        let changes = said.take_while(|l| !matches!(*l, "Impact" | "Forecast"));
        assert_eq!(changes.count(), 1, "{}", run.stdout);
        // Back to the corpus for the next case.
        repo.write(&rel, &before);
    }
}

/// `duration` (plan format 1.1) goes through the same splices: added as
/// the last key of its table, replaced in place, removed with its line,
/// every other byte kept (comments, CRLF, inline tables).
#[test]
fn set_duration_adds_replaces_and_removes_only_its_bytes() {
    let repo = corpus_repo();
    let home = empty_home();
    let steps: &[(&str, &str, &str, &str, &str)] = &[
        (
            "comments.toml",
            "comments/copy",
            "duration=5",
            "id = \"copy\"\n",
            "id = \"copy\"\nduration = 5\n",
        ),
        (
            "comments.toml",
            "comments/copy",
            "duration=12",
            "= 5",
            "= 12",
        ),
        (
            "comments.toml",
            "comments/copy",
            "duration=",
            "id = \"copy\"\nduration = 12\n",
            "id = \"copy\"\n",
        ),
        (
            "crlf.toml",
            "crlf/copy",
            "duration=0",
            "# trailing\r\n\r\n",
            "# trailing\r\nduration = 0\r\n\r\n",
        ),
        (
            "inline.toml",
            "inline/build",
            "duration=3650",
            "needs = [\"copy\"] }",
            "needs = [\"copy\"], duration = 3650 }",
        ),
    ];
    for (file, target, arg, old, new) in steps {
        let rel = format!("boards/{file}");
        let before = repo.read(&rel);
        let run = ringboard_in_home(repo.path(), home.path(), &["set", target, arg]);
        assert_eq!(run.code, 0, "{arg}: {}", run.stderr);
        let after = repo.read(&rel);
        assert!(
            only_replaced(&before, &after, old, new),
            "{arg} changed more than {old:?} → {new:?}:\n{after}"
        );
    }
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "crlf/copy", "duration=7"],
    );
    assert_eq!(
        run.stdout, "duration of crlf/copy \"Email copy\" 0 → 7 days\n",
        "{}",
        run.stderr
    );
    // A bad value is refused before anything is read or written.
    let before = snapshot(&repo);
    for bad in ["-1", "1.5", "5d", "3651"] {
        let arg = format!("duration={bad}");
        let run = ringboard_in_home(repo.path(), home.path(), &["set", "crlf/copy", &arg]);
        assert_eq!(run.code, 2, "{arg}");
        assert!(
            run.stderr
                .contains("not a whole number of days from 0 to 3650"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn set_prints_each_change_as_diff_words_it() {
    let repo = corpus_repo();
    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "comments/copy", "status=review", "due=+7", "note=x"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "deadline of comments/copy \"Email copy\" moved 2027-02-10 → 2027-02-17 (+7 days)\n\
         status of comments/copy \"Email copy\" doing → review\n\
         note of comments/copy \"Email copy\" none → x\n\
         Forecast\n  end of comments: forecast 2027-02-10 → 2027-02-17 (+7 d)\n"
    );
}

#[test]
fn add_appends_after_the_last_deliverable_and_nothing_else() {
    let repo = corpus_repo();
    let home = empty_home();
    let before = repo.read("boards/comments.toml");
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "comments",
            "--title",
            "Launch webinar 网络研讨会",
            "--owner",
            "ana",
            "--due",
            "2027-03-05",
            "--needs",
            "copy,brief",
            "--note",
            "with \"quotes\"",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "added comments/launch-webinar\n");
    let old = "note = \"Signed off\"       # by legal\n";
    let new = format!(
        "{old}\n[[deliverable]]\nid = \"launch-webinar\"\ntitle = \"Launch webinar 网络研讨会\"\n\
         owner = \"ana\"\ndue = 2027-03-05\nstatus = \"todo\"\nneeds = [\"copy\", \"brief\"]\n\
         note = \"with \\\"quotes\\\"\"\n"
    );
    let after = repo.read("boards/comments.toml");
    assert!(only_replaced(&before, &after, old, &new), "{after}");
    // The same title again gets a unique id; CRLF files get CRLF lines.
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "comments",
            "--title",
            "Launch webinar",
            "--owner",
            "ana",
            "--due",
            "2027-03-05",
        ],
    );
    assert_eq!(run.stdout, "added comments/launch-webinar-2\n");
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "crlf",
            "--title",
            "Report",
            "--owner",
            "ana",
            "--due",
            "2027-03-05",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let crlf = repo.read("boards/crlf.toml");
    assert!(
        crlf.ends_with("needs = [\"copy\"]\r\n\r\n[[deliverable]]\r\nid = \"report\"\r\ntitle = \"Report\"\r\nowner = \"ana\"\r\ndue = 2027-03-05\r\nstatus = \"todo\"\r\n"),
        "{crlf:?}"
    );
}

#[test]
fn what_cannot_be_edited_safely_is_refused_with_a_reason() {
    // A deliverable written with dotted keys is a table, not [[deliverable]]:
    // `check` reports it, and the writer refuses to guess.
    let dotted = "deliverable.id = \"x\"\ndeliverable.title = \"X\"\ndeliverable.owner = \"ana\"\ndeliverable.due = 2027-02-10\n\n[program]\nname = \"D\"\n[team]\ncore = [\"ana\"]\n";
    let inline = fixture("inline.toml");
    let repo = repo_with(&[
        ("dotted-deliverable.toml", dotted),
        ("inline.toml", &inline),
    ]);
    let home = empty_home();
    let before = snapshot(&repo);
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "dotted-deliverable/x", "status=done"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a list of [[deliverable]] tables"),
        "{}",
        run.stderr
    );
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "inline",
            "--title",
            "T",
            "--owner",
            "ana",
            "--due",
            "2027-03-01",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("written inline"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn warnings_about_the_edited_deliverable_are_passed_on() {
    let repo = repo_with(&[("spring.toml", super::support::gitrepo::SPRING)]);
    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "spring",
            "--title",
            "Press kit",
            "--owner",
            "wei",
            "--due",
            "2027-03-05",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "added spring/press-kit\n");
    assert!(
        run.stderr.starts_with("ringboard: boards/spring.toml:")
            && run
                .stderr
                .contains(": warning: owner `wei` is not on the team of `spring`"),
        "{}",
        run.stderr
    );
    // An edit elsewhere does not repeat it.
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "spring/copy", "status=review"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

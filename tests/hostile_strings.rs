//! Strings ringboard did not write (plan text, file names, git author
//! names and emails, branch names) never reach an output raw: whatever the
//! command and format, stdout holds no C0 control but newline and tab (and
//! the carriage return of CRLF formats), no DEL, no C1 control (U+0080 to
//! U+009F: U+009B alone starts a terminal command), and no bidi override.

mod support;

use git2::{Signature, Time};
use support::cli::ringboard;
use support::gitrepo::{DAY, MONDAY, TestRepo};

const EVIL: &str = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}2J\u{202e}x\u{7f}";

const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"Mei \u{202e}gnal\u{202c}\"\nring = \"core\"\ncontact = \"mei@example.com\"\n\n[[person]]\nid = \"ana\"\nname = \"Ana\"\nring = \"core\"\n";

fn plan(status: &str) -> String {
    format!(
        "[program]\nname = \"Launch \u{2066}go\u{2069}\"\n\n[team]\ncore = [\"mei\", \"ana\"]\n\n\
         [[milestone]]\nname = \"Day \u{202e}one\"\ndate = 2027-03-01\n\n\
         [[deliverable]]\nid = \"copy\"\ntitle = \"Copy \u{202e}ypoc\"\nowner = \"mei\"\ndue = 2027-02-03\nstatus = \"{status}\"\nnote = \"wait \u{2067}here\u{2069}\"\n\n\
         [[deliverable]]\nid = \"build\"\ntitle = \"Build\"\nowner = \"ana\"\ndue = 2027-02-10\nneeds = [\"copy\"]\n"
    )
}

/// Commits by an author whose name and email hold escape sequences, on a
/// branch whose name holds a C1 control and a bidi override, with a plan
/// file whose name holds an escape sequence.
fn hostile_repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    repo.write("boards/launch.toml", &plan("todo"));
    repo.write(
        "boards/\u{1b}]0;pwned\u{7}.toml",
        "[program]\nname = \"X\"\n",
    );
    commit_as(&repo, MONDAY, "plans");
    repo.write("boards/launch.toml", &plan("blocked"));
    commit_as(&repo, MONDAY + 4 * DAY, "blocked");
    {
        let head = repo.head_commit();
        let branch = "main\u{9b}2J\u{202e}";
        repo.repo.branch(branch, &head, false).expect("branch");
        repo.repo
            .set_head(&format!("refs/heads/{branch}"))
            .expect("head");
    }
    repo
}

fn commit_as(repo: &TestRepo, secs: i64, message: &str) {
    let git = &repo.repo;
    let mut index = git.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = Signature::new(EVIL, "e\u{1b}[2J@example.com", &Time::new(secs, 0)).expect("sig");
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    git.commit(
        Some("HEAD"),
        &sig,
        &sig,
        &format!("{message} {EVIL}"),
        &tree,
        &parents,
    )
    .expect("commit");
}

/// The bytes no output may hold, described; `crlf` allows `\r`.
fn forbidden(out: &str, crlf: bool) -> Option<String> {
    out.chars()
        .find(|&c| {
            let c0 = (c as u32) < 0x20 && !matches!(c, '\n' | '\t') && !(crlf && c == '\r');
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            c0 || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || bidi
        })
        .map(|c| format!("{c:?}"))
}

#[test]
fn no_command_prints_a_control_character_from_plans_or_git() {
    let repo = hostile_repo();
    let today = ["--today", "2027-02-08"];
    let runs: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["report"],
        vec!["report", "--format", "markdown"],
        vec!["report", "--format", "json"],
        vec!["diff", "HEAD~1", "HEAD"],
        vec!["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        vec!["diff", "HEAD~1", "HEAD", "--format", "json"],
        vec!["log", "launch/copy"],
        vec!["log", "launch"],
        vec!["log", "--person", "mei"],
        vec!["log", "launch", "--format", "json"],
        vec!["standup", "--once", "--since", "2027-01-01"],
        vec![
            "standup",
            "--once",
            "--since",
            "2027-01-01",
            "--format",
            "markdown",
        ],
        vec!["agenda", "--days", "30"],
        vec!["agenda", "--days", "30", "--format", "markdown"],
        vec!["agenda", "--days", "30", "--format", "json"],
        vec!["--rev", "HEAD", "report", "--format", "json"],
    ];
    // Formats whose lines end in CRLF by their standards (RFC 5545, 4180).
    let crlf_runs: Vec<Vec<&str>> = vec![
        vec!["export", "ics", "--everyone", "--all"],
        vec!["export", "ics", "--person", "mei"],
        vec!["report", "--format", "csv"],
    ];
    let runs =
        (runs.into_iter().map(|r| (r, false))).chain(crlf_runs.into_iter().map(|r| (r, true)));
    let mut bad = Vec::new();
    for (args, crlf) in runs {
        let all: Vec<&str> = today.iter().copied().chain(args.iter().copied()).collect();
        let run = ringboard(repo.path(), &all);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{args:?} printed nothing");
        for (stream, text, crlf) in [
            ("stdout", &run.stdout, crlf),
            ("stderr", &run.stderr, false),
        ] {
            if let Some(c) = forbidden(text, crlf) {
                bad.push(format!("{args:?} {stream}: {c} in\n{text}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n---\n"));
}

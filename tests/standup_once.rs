//! `ringboard standup --once` over a temporary repository with commits on
//! several days by several authors.

use std::path::Path;

use git2::Oid;
use support::cli::{Options, Run, ringboard_with_options};
use support::gitrepo::TestRepo as Repo;

mod support;

const PEOPLE: &str = r#"
[[person]]
id = "mei"
name = "Mei Lin"
ring = "core"

[[person]]
id = "raj"
name = "Raj Patel"
ring = "core"

[[person]]
id = "wei"
name = "Wei Zhang"
ring = "extended"

[[person]]
id = "northwind"
name = "Northwind Agency"
ring = "partner"
"#;

/// The spring program with a few knobs the commits turn.
fn spring(research: &str, legal: &str, email_due: &str, brief: &str, extra: bool) -> String {
    let mut s = format!(
        r#"
[program]
name = "Spring launch"
priority = 1

[team]
core = ["mei", "raj"]
extended = ["wei"]
partner = ["northwind"]

[[milestone]]
name = "Launch day"
date = 2027-03-15

[[deliverable]]
id = "brief"
title = "Creative brief"
owner = "mei"
due = 2027-01-20
status = "{brief}"

[[deliverable]]
id = "research"
title = "Audience research"
owner = "raj"
due = 2027-01-27
status = "{research}"

[[deliverable]]
id = "email-copy"
title = "Email copy"
owner = "mei"
due = {email_due}
needs = ["research"]

[[deliverable]]
id = "legal"
title = "Legal review"
owner = "wei"
due = 2027-02-12
status = "{legal}"
{note}
[[deliverable]]
id = "banner"
title = "Banner set"
owner = "northwind"
due = 2027-02-03
"#,
        note = if legal == "blocked" {
            "note = \"Waiting on the trademark search\"\n"
        } else {
            ""
        }
    );
    if extra {
        s.push_str(
            r#"
[[deliverable]]
id = "launch-post"
title = "Launch blog post"
owner = "northwind"
due = 2027-03-10
"#,
        );
    }
    s
}

/// Seconds of a UTC date-time (tests run the binary with TZ=UTC).
fn at(date: &str, hh: i64, mm: i64) -> i64 {
    let d: jiff::civil::Date = date.parse().unwrap();
    let ts = d
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second();
    ts + hh * 3600 + mm * 60
}

/// Four commits: Tue 26 (Mei), Thu 28 (Raj), Fri 29 (Wei), Mon 1 Feb (Mei).
fn history() -> (Repo, Vec<Oid>) {
    let r = Repo::new();
    r.write("boards/people.toml", PEOPLE);
    r.write(
        "boards/spring.toml",
        &spring("todo", "doing", "2027-02-10", "doing", false),
    );
    let c1 = r.commit("Mei Lin", at("2027-01-26", 10, 0), "Spring plan");
    r.write(
        "boards/spring.toml",
        &spring("doing", "doing", "2027-02-10", "doing", false),
    );
    let c2 = r.commit("Raj Patel", at("2027-01-28", 15, 0), "Research started");
    r.write(
        "boards/spring.toml",
        &spring("doing", "blocked", "2027-02-17", "doing", false),
    );
    let c3 = r.commit(
        "Wei Zhang",
        at("2027-01-29", 16, 5),
        "Legal blocked, copy later",
    );
    r.write(
        "boards/spring.toml",
        &spring("doing", "blocked", "2027-02-17", "done", true),
    );
    let c4 = r.commit("Mei Lin", at("2027-02-01", 9, 0), "Brief done, launch post");
    (r, vec![c1, c2, c3, c4])
}

/// `ringboard --repo REPO ARGS` in the time zone `tz`, without colour.
fn ringboard(repo: &Path, tz: &str, args: &[&str]) -> Run {
    let options = Options {
        repo_flag: true,
        env: &[("TZ", tz), ("NO_COLOR", "1")],
        ..Options::default()
    };
    ringboard_with_options(repo, args, &options)
}

fn standup(repo: &Repo, args: &[&str]) -> Run {
    ringboard(repo.path(), "UTC", &[&["standup", "--once"], args].concat())
}

/// What a run that must succeed printed.
fn success(run: Run) -> String {
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.text()
}

fn stdout(repo: &Repo, args: &[&str]) -> String {
    success(standup(repo, args))
}

#[test]
fn monday_default_shows_changes_since_friday() {
    let (r, _) = history();
    let out = stdout(&r, &["--today", "2027-02-01"]);
    let body = out.split_once('\n').unwrap().1;
    insta::assert_snapshot!("monday_last_working_day", body);
    assert!(out.contains("Changes since Friday 2027-01-29 (last working day)"));
    // Friday's and Monday's commits, not Thursday's.
    assert!(out.contains("status doing → blocked — Wei Zhang, Fri 2027-01-29 16:05"));
    assert!(out.contains("finished (status doing → done) — Mei Lin, Mon 2027-02-01 09:00"));
    assert!(!out.contains("status todo → doing"));
}

#[test]
fn yesterday_on_monday_is_sunday() {
    let (r, _) = history();
    let out = stdout(&r, &["--today", "2027-02-01", "--since", "yesterday"]);
    assert!(out.contains("Changes since Sunday 2027-01-31 (yesterday)"));
    assert!(out.contains("finished (status doing → done)"));
    assert!(!out.contains("doing → blocked"));
}

#[test]
fn a_date_and_another_today() {
    let (r, _) = history();
    let out = stdout(&r, &["--today", "2027-01-29", "--since", "2027-01-27"]);
    let body = out.split_once('\n').unwrap().1;
    insta::assert_snapshot!("since_date_today_friday", body);
    assert!(out.contains("status todo → doing — Raj Patel, Thu 2027-01-28 15:00"));
}

#[test]
fn a_revision() {
    let (r, c) = history();
    let rev = c[1].to_string();
    let out = stdout(&r, &["--today", "2027-02-01", "--since", &rev]);
    assert!(out.contains("deadline 2027-02-10 → 2027-02-17 (+7 days)"));
    assert!(out.contains("added (due 2027-03-10) — Mei Lin"));
    assert!(!out.contains("todo → doing"));
    let out = stdout(&r, &["--today", "2027-02-01", "--since", "HEAD~1"]);
    assert!(!out.contains("doing → blocked — Wei"));
    assert!(out.contains("finished"));
}

#[test]
fn header_names_branch_and_commit_without_a_clock() {
    let (r, c) = history();
    let out = stdout(&r, &["--today", "2027-02-01"]);
    let first = out.lines().next().unwrap();
    let short = &c[3].to_string()[..7];
    assert_eq!(
        first,
        format!("STAND-UP  Monday 2027-02-01   main @ {short}")
    );
}

#[test]
fn uncommitted_changes_are_attributed_to_the_working_tree() {
    let (r, _) = history();
    r.write(
        "boards/spring.toml",
        &spring("done", "blocked", "2027-02-17", "done", true),
    );
    let out = stdout(&r, &["--today", "2027-02-01"]);
    assert!(out.contains("+ uncommitted changes"));
    assert!(out.contains(
        "spring/research Audience research: finished (status doing → done) — (uncommitted)"
    ));
    // Research is done, so the email copy no longer waits.
    assert!(!out.contains("WAITING"));
    // In markdown the parentheses are the line's own, not doubled.
    let md = stdout(&r, &["--today", "2027-02-01", "--format", "markdown"]);
    assert!(
        md.contains("finished (status doing → done) (uncommitted)\n"),
        "{md}"
    );
    assert!(!md.contains("((uncommitted"), "{md}");
}

#[test]
fn markdown_for_chat() {
    let (r, _) = history();
    let out = stdout(&r, &["--today", "2027-02-01", "--format", "markdown"]);
    let body = out.split_once('\n').unwrap().1;
    insta::assert_snapshot!("monday_markdown", body);
}

#[test]
fn a_bad_when_is_one_line_naming_it() {
    let (r, _) = history();
    let a = standup(&r, &["--today", "2027-02-01", "--since", "last-tuesday"]);
    assert_eq!(a.code, 2);
    let err = a.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--since last-tuesday"), "{err}");
}

#[test]
fn rev_reads_an_older_version_and_names_it() {
    let (r, c) = history();
    let out = stdout(&r, &["--today", "2027-02-01", "--rev", "HEAD~1"]);
    let short = &c[2].to_string()[..7];
    assert!(
        out.starts_with(&format!("STAND-UP  Monday 2027-02-01   HEAD~1 @ {short}\n")),
        "{out}"
    );
    // Friday's commit is there, Monday's is not; no working-tree changes.
    assert!(out.contains("status doing → blocked — Wei Zhang"));
    assert!(!out.contains("finished"));
    assert!(!out.contains("uncommitted")); // A commit id given as the revision is named once.
    let out = stdout(&r, &["--today", "2027-02-01", "--rev", short]);
    assert!(
        out.starts_with(&format!("STAND-UP  Monday 2027-02-01   {short}\n")),
        "{out}"
    );
}

#[test]
fn a_folder_without_git_still_shows_the_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("boards")).unwrap();
    std::fs::write(dir.path().join("boards/people.toml"), PEOPLE).unwrap();
    let plan = spring("doing", "blocked", "2027-02-17", "doing", false);
    std::fs::write(dir.path().join("boards/spring.toml"), plan).unwrap();
    let out = success(ringboard(
        dir.path(),
        "UTC",
        &["standup", "--once", "--today", "2027-02-01"],
    ));
    assert!(out.contains("(no git history here)"));
    assert!(out.contains("LATE      spring/research"));
    assert!(!out.contains("CHANGED"));
}

/// `log` and `standup` print commit dates in one zone, the machine's
/// (`TZ`): Wei's commit at 16:05 UTC on Friday is 00:05 on Saturday in
/// Shanghai, whatever offset the author had.
#[test]
fn log_and_standup_show_commit_times_in_the_local_time_zone() {
    let (r, c) = history();
    let short = &c[2].to_string()[..7];
    for (tz, date, time) in [
        ("UTC", "2027-01-29", "Fri 2027-01-29 16:05"),
        ("Asia/Shanghai", "2027-01-30", "Sat 2027-01-30 00:05"),
    ] {
        let run = |args: &[&str]| success(ringboard(r.path(), tz, args));
        let log = run(&["log", "spring/legal"]);
        assert!(
            log.contains(&format!(
                "{date}  {short}  Wei Zhang  status doing → blocked"
            )),
            "{tz}: {log}"
        );
        let page = run(&["standup", "--once", "--today", "2027-02-01"]);
        assert!(
            page.contains(&format!("status doing → blocked — Wei Zhang, {time}")),
            "{tz}: {page}"
        );
    }
}

#[test]
fn program_changes_are_listed_under_their_program() {
    let (r, _) = history();
    let plan = r
        .read("boards/spring.toml")
        .replace("name = \"Spring launch\"", "name = \"Spring launch 2\"")
        .replace(
            "date = 2027-03-15",
            "date = 2027-03-22\n\n[[milestone]]\nname = \"Retro\"\ndate = 2027-04-01",
        )
        .replace("extended = [\"wei\"]", "extended = []");
    r.write("boards/spring.toml", &plan);
    r.commit("Raj Patel", at("2027-02-01", 10, 30), "Launch a week later");
    let out = stdout(&r, &["--today", "2027-02-01"]);
    let section = "\nPROGRAM CHANGES\n\nSpring launch 2\n\
        \x20 CHANGED   name Spring launch → Spring launch 2 — Raj Patel, Mon 2027-02-01 10:30\n\
        \x20 CHANGED   wei left the team (extended) — Raj Patel, Mon 2027-02-01 10:30\n\
        \x20 CHANGED   milestone Launch day: date 2027-03-15 → 2027-03-22 (+7 days) — Raj Patel, Mon 2027-02-01 10:30\n\
        \x20 CHANGED   milestone Retro added (on 2027-04-01) — Raj Patel, Mon 2027-02-01 10:30\n\
        \nPROGRAMS\n";
    assert!(out.contains(section), "{out}");
    let md = stdout(&r, &["--today", "2027-02-01", "--format", "markdown"]);
    let section = "\n### Program changes\n\n**Spring launch 2**\n\n\
        - changed name Spring launch → Spring launch 2 (Raj Patel, Mon 2027-02-01 10:30)\n\
        - changed wei left the team (extended) (Raj Patel, Mon 2027-02-01 10:30)\n\
        - changed milestone Launch day: date 2027-03-15 → 2027-03-22 (+7 days) (Raj Patel, Mon 2027-02-01 10:30)\n\
        - changed milestone Retro added (on 2027-04-01) (Raj Patel, Mon 2027-02-01 10:30)\n\
        \n### Programs\n";
    assert!(md.contains(section), "{md}");
}

/// Plan text reads as written in chat: only what markdown would take as
/// markup is escaped, and a mention cannot ping anyone.
#[test]
fn markdown_escapes_only_where_markdown_needs_it() {
    let (r, _) = history();
    let plan = r
        .read("boards/spring.toml")
        .replace("name = \"Spring launch\"", "name = \"Spring | Q1\"")
        .replace(
            "title = \"Banner set\"",
            "title = \"Banners #1 | *hero* <b> for @here\"",
        );
    r.write("boards/spring.toml", &plan);
    r.commit("Mei Lin", at("2027-02-01", 10, 0), "Titles");
    let md = stdout(&r, &["--today", "2027-02-01", "--format", "markdown"]);
    assert!(
        md.contains(
            "- `spring/banner` Banners #1 | \\*hero\\* \\<b> for @\u{2060}here: **DUE SOON**"
        ),
        "{md}"
    );
    assert!(
        md.contains("- changed name Spring launch → Spring | Q1 ("),
        "{md}"
    );
    assert!(md.contains("| Spring \\| Q1 | 1/6 (17%) |"), "{md}");
}

/// Names from git reach no terminal raw: an escape sequence in an author
/// name is written out.
#[test]
fn an_author_name_with_a_terminal_escape_is_written_out() {
    let (r, _) = history();
    r.write(
        "boards/spring.toml",
        &spring("doing", "blocked", "2027-02-17", "done", false),
    );
    r.commit("Eve\u{1b}[2J", at("2027-02-01", 11, 0), "Drop the post");
    let out = stdout(&r, &["--today", "2027-02-01"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains("removed — Eve\\u{1b}[2J, Mon 2027-02-01 11:00"),
        "{out}"
    );
}

/// A day beyond the calendar's range lists nothing, not everything.
#[test]
fn a_since_far_ahead_lists_no_changes() {
    let (r, _) = history();
    let out = stdout(&r, &["--today", "2027-02-01", "--since", "9999-12-31"]);
    assert!(!out.contains("CHANGED"), "{out}");
}

/// A bare repository is read at HEAD, as every command reads it.
#[test]
fn a_bare_repository_is_read_at_head() {
    let (r, _) = history();
    let bare = tempfile::TempDir::new().unwrap();
    let ok = std::process::Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(r.path())
        .arg(bare.path().join("b.git"))
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let text = success(ringboard(
        &bare.path().join("b.git"),
        "UTC",
        &["standup", "--once", "--today", "2027-02-01"],
    ));
    assert!(text.contains("CHANGED"), "{text}");
}

/// In a shallow clone the commit where history was cut seems to have no
/// parent: the page says where history ends instead of showing every
/// deliverable as added by it.
#[test]
fn a_shallow_clone_says_where_history_ends() {
    let (r, commits) = history();
    let clone = tempfile::TempDir::new().unwrap();
    let url = format!("file://{}", r.path().display());
    let ok = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2"])
        .arg(&url)
        .arg(clone.path().join("c"))
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let text = ringboard(
        &clone.path().join("c"),
        "UTC",
        &[
            "standup",
            "--once",
            "--today",
            "2027-02-01",
            "--since",
            "2027-01-01",
        ],
    )
    .stdout;
    let cut = commits[2].to_string();
    assert!(
        text.contains(&format!("the history of this clone ends at {}", &cut[..7])),
        "{text}"
    );
    // Only the deliverable the last commit really added.
    assert_eq!(text.matches("added (due").count(), 1, "{text}");
}

/// `--person` keeps that person's part of the page, for a personal post;
/// an unknown person is refused with a suggestion.
#[test]
fn a_persons_own_page() {
    let (r, _) = history();
    let all = stdout(&r, &["--today", "2027-02-01"]);
    assert!(
        all.contains("Mei Lin") && all.contains("Raj Patel"),
        "{all}"
    );
    let raj = stdout(&r, &["--today", "2027-02-01", "--person", "raj"]);
    assert!(raj.contains("Raj Patel"), "{raj}");
    assert!(!raj.contains("\nMei Lin\n"), "{raj}");
    assert!(raj.contains("PROGRAMS"), "the footer stays: {raj}");
    let out = standup(&r, &["--today", "2027-02-01", "--person", "rja"]);
    assert_eq!(out.code, 2);
    let err = out.stderr;
    assert!(
        err.contains("--person rja: no such person in the roster (did you mean `raj`?)"),
        "{err}"
    );
}

//! Bad input gets one clear line naming the file and line (or the argument)
//! and the right exit status, never a panic. Each case runs the real binary.

use std::path::Path;

use tempfile::TempDir;

mod support;

use support::cli::{Options, Run, ringboard_with_options};
use support::files::write;

/// The shared roster with Ana as `anna`, so that `ana` is an unknown
/// person one letter away from a known one.
fn people() -> String {
    support::gitrepo::PEOPLE.replace(
        "id = \"ana\"\nname = \"Ana Souza\"",
        "id = \"anna\"\nname = \"Anna\"",
    )
}

/// A plans folder (not a git repository) with people.toml and `files`.
fn plans(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "boards/people.toml", people());
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

/// `ringboard --repo DIR ARGS` from the test's folder, in monochrome.
fn ringboard(dir: &Path, args: &[&str]) -> Run {
    let options = Options {
        repo_flag: true,
        env: &[("NO_COLOR", "1")],
        ..Options::default()
    };
    ringboard_with_options(dir, args, &options)
}

/// `check` fails with exit 1 and prints `expected` (a line fragment).
fn check_error(files: &[(&str, &[u8])], expected: &str) -> Run {
    let dir = plans(files);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(
        run.code, 1,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(
        run.stdout.lines().any(|l| l.contains(expected)),
        "expected a line containing {expected:?} in:\n{}",
        run.stdout
    );
    run
}

fn program(body: &str) -> Vec<u8> {
    format!("[program]\nname = \"Spring\"\n\n[team]\ncore = [\"mei\", \"anna\"]\n\n{body}")
        .into_bytes()
}

#[test]
fn malformed_toml_names_file_line_and_column() {
    let run = check_error(
        &[("boards/spring.toml", b"[program]\nname = \"x\nlead = 3\n")],
        "boards/spring.toml:2:",
    );
    assert!(run.stdout.contains("TOML syntax"));
    assert!(run.stdout.ends_with("in 2 files\n"), "{}", run.stdout);
}

#[test]
fn wrong_type_says_what_was_expected() {
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\npriority = \"high\"\n",
        )],
        "boards/spring.toml:3:12: error: `priority` must be an integer, found string",
    );
}

/// A priority below 1 is an error at the value (1 = highest).
#[test]
fn priority_below_one() {
    for value in ["0", "-3"] {
        let text = format!("[program]\nname = \"x\"\npriority = {value}\n");
        check_error(
            &[("boards/spring.toml", text.as_bytes())],
            &format!(
                "boards/spring.toml:3:12: error: `priority` is 1 or more: 1 = highest (found {value})"
            ),
        );
    }
    let dir = plans(&[(
        "boards/spring.toml",
        b"[program]\nname = \"x\"\npriority = 1\n",
    )]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn missing_required_key() {
    check_error(
        &[(
            "boards/spring.toml",
            &program("[[deliverable]]\nid = \"brief\"\ntitle = \"Brief\"\ndue = 2027-01-20\n"),
        )],
        "boards/spring.toml:7:1: error: missing required key `owner` in deliverable",
    );
}

/// Every missing key of a table is named, not only the first (they are
/// one error at the table's header).
#[test]
fn all_missing_required_keys_are_named() {
    let run = check_error(
        &[
            ("boards/zz.toml", b"[[person]]\nrole = \"Designer\"\n"),
            (
                "boards/spring.toml",
                &program("[[metric]]\nunit = \"leads\"\n\n[[deliverable]]\nid = \"x\"\n"),
            ),
        ],
        "boards/spring.toml:10:1: error: missing required keys `title`, `owner`, `due` in deliverable",
    );
    for expected in [
        "boards/spring.toml:7:1: error: missing required keys `id`, `name`, `target` in metric",
        "boards/zz.toml:1:1: error: missing required keys `id`, `name` in person",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == expected),
            "expected {expected:?} in:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.ends_with("3 errors, 0 warnings in 3 files\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn impossible_date() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-30\n",
            ),
        )],
        "boards/spring.toml:11:7: error: impossible date `2027-02-30` (invalid date, expected day between 01 and 28)",
    );
}

/// A key written twice is named, at its second writing.
#[test]
fn duplicate_key_names_the_key() {
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"a\"\nname = \"b\"\n",
        )],
        "boards/spring.toml:3:1: error: TOML syntax: duplicate key `name`",
    );
}

#[test]
fn date_as_string_says_remove_the_quotes() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = \"2027-02-10\"\n",
            ),
        )],
        "write due = 2027-02-10 without quotes",
    );
}

#[test]
fn date_time_is_not_a_date() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10T09:00:00\n",
            ),
        )],
        "`due` must be a date without a time",
    );
}

#[test]
fn bad_ids() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"Email Copy\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\n",
            ),
        )],
        "boards/spring.toml:8:6: error: bad deliverable id `Email Copy`",
    );
    check_error(
        &[("boards/Bad Name.toml", b"[program]\nname = \"x\"\n")],
        "bad program (file name) id `Bad Name`",
    );
}

#[test]
fn duplicate_ids() {
    let d = "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\n";
    check_error(
        &[("boards/spring.toml", &program(&format!("{d}\n{d}")))],
        // At the id's value, naming where the first one is.
        "boards/spring.toml:14:6: error: duplicate deliverable id `a` in this program (first defined at line 8)",
    );
    check_error(
        &[(
            "boards/zz-more.toml",
            b"[[person]]\nid = \"mei\"\nname = \"Another Mei\"\n",
        )],
        "boards/zz-more.toml:2:6: error: duplicate person id `mei` (first defined in boards/people.toml at line 3)",
    );
    check_error(
        &[(
            "boards/people.toml",
            b"[[person]]\nid = \"mei\"\nname = \"Mei\"\n\n[[person]]\nid = \"mei\"\nname = \"Mei again\"\n",
        )],
        "boards/people.toml:6:6: error: duplicate person id `mei` (first defined at line 2)",
    );
    check_error(
        &[
            ("boards/a/launch.toml", b"[program]\nname = \"A\"\n"),
            ("boards/b/launch.toml", b"[program]\nname = \"B\"\n"),
        ],
        "boards/b/launch.toml:1:1: error: duplicate program id `launch`: boards/a/launch.toml has the same file name",
    );
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[metric]]\nid = \"m\"\nname = \"M\"\ntarget = 1\n\n[[metric]]\nid = \"m\"\nname = \"M\"\ntarget = 2\n",
            ),
        )],
        "boards/spring.toml:13:6: error: duplicate metric id `m` in this program (first defined at line 8)",
    );
}

#[test]
fn unknown_person_suggests_a_close_one() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"ana\"\ndue = 2027-02-10\n",
            ),
        )],
        "boards/spring.toml:10:9: error: unknown person `ana` as owner (did you mean `anna`?)",
    );
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\nlead = \"wie\"\n",
        )],
        "unknown person `wie` as lead (did you mean `wei`?)",
    );
}

#[test]
fn unknown_deliverable_in_needs() {
    let body = "[[deliverable]]\nid = \"brief\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\n\n\
                [[deliverable]]\nid = \"copy\"\ntitle = \"B\"\nowner = \"mei\"\ndue = 2027-02-12\nneeds = [\"brif\", \"nope/x\"]\n";
    let run = check_error(
        &[("boards/spring.toml", &program(body))],
        "boards/spring.toml:18:10: error: unknown deliverable `brif` in needs of `copy` (did you mean `brief`?)",
    );
    assert!(
        run.stdout
            .contains("unknown program `nope` in needs `nope/x`")
    );
}

/// Across programs, "did you mean" names what to write: `program/id`, also
/// for a program that was renamed but still holds the deliverable.
#[test]
fn unknown_needs_across_programs_suggest_program_and_id() {
    let summer = "[program]\nname = \"Summer\"\n[team]\ncore = [\"mei\"]\n\n\
                  [[deliverable]]\nid = \"email\"\ntitle = \"E\"\nowner = \"mei\"\ndue = 2027-02-01\n";
    let body = "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-03-01\n\
                needs = [\"summer-sale/emial\", \"summer/email\", \"sumer-sale/email\"]\n";
    let run = check_error(
        &[
            ("boards/summer-sale.toml", summer.as_bytes()),
            ("boards/spring.toml", &program(body)),
        ],
        "unknown deliverable `summer-sale/emial` in needs of `a` (did you mean `summer-sale/email`?)",
    );
    for line in [
        "unknown program `summer` in needs `summer/email` (did you mean `summer-sale/email`?)",
        "unknown program `sumer-sale` in needs `sumer-sale/email` (did you mean `summer-sale/email`?)",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
}

#[test]
fn cycles_are_printed() {
    let body = "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\nneeds = [\"b\"]\n\n\
                [[deliverable]]\nid = \"b\"\ntitle = \"B\"\nowner = \"mei\"\ndue = 2027-02-10\nneeds = [\"c\"]\n\n\
                [[deliverable]]\nid = \"c\"\ntitle = \"C\"\nowner = \"mei\"\ndue = 2027-02-10\nneeds = [\"a\"]\n";
    let run = check_error(
        &[("boards/spring.toml", &program(body))],
        "error: cycle in needs: a -> b -> c -> a",
    );
    assert_eq!(
        run.stdout.matches("cycle in needs").count(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_status_lists_the_valid_ones() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\nstatus = \"blokced\"\n",
            ),
        )],
        "unknown status `blokced`: use one of todo, doing, review, blocked, done, dropped (did you mean `blocked`?)",
    );
}

#[test]
fn start_after_due_and_after_end() {
    check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\nstart = 2027-02-11\n",
            ),
        )],
        "boards/spring.toml:12:9: error: start 2027-02-11 is after due 2027-02-10",
    );
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\nstart = 2027-05-01\nend = 2027-04-30\n",
        )],
        "boards/spring.toml:3:9: error: program start 2027-05-01 is after its end 2027-04-30",
    );
}

#[test]
fn ring_errors() {
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\n[team]\ncore = [\"mei\"]\nextended = [\"mei\"]\n",
        )],
        "boards/spring.toml:5:13: error: `mei` is in two ring lists of this program: core and extended",
    );
    check_error(
        &[
            (
                "boards/zz.toml",
                b"[[person]]\nid = \"lou\"\nname = \"Lou\"\n",
            ),
            (
                "boards/spring.toml",
                &program(
                    "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"lou\"\ndue = 2027-02-10\n",
                ),
            ),
        ],
        "error: `lou` (owner) has no ring in `spring`",
    );
}

/// A name twice in one ring list has its own error at the second mention
/// (not "in two ring lists: core and core"); in two lists it is still
/// that error.
#[test]
fn a_repeat_in_one_ring_list_says_so() {
    let run = check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\n[team]\ncore = [\"mei\", \"mei\"]\n",
        )],
        "boards/spring.toml:4:16: error: `mei` is listed twice in team.core",
    );
    assert!(!run.stdout.contains("two ring lists"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("1 error, 0 warnings in 2 files\n"),
        "{}",
        run.stdout
    );
    check_error(
        &[(
            "boards/spring.toml",
            b"[program]\nname = \"x\"\n[team]\ncore = [\"mei\", \"mei\"]\nextended = [\"mei\"]\n",
        )],
        "boards/spring.toml:5:13: error: `mei` is in two ring lists of this program: core and extended",
    );
}

#[test]
fn control_characters_and_escapes_never_reach_the_terminal() {
    let run = check_error(
        &[(
            "boards/spring.toml",
            &program(
                "[[deliverable]]\nid = \"a\"\ntitle = \"Copy \\u001b[2J\\u0007\"\nowner = \"mei\"\ndue = 2027-02-10\n",
            ),
        )],
        "boards/spring.toml:9:9: error: `title` contains a control character or terminal escape",
    );
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'));
    let dir = plans(&[(
        "boards/spring.toml",
        &program(
            "[[deliverable]]\nid = \"a\"\ntitle = \"Copy \\u001b[2J\"\nowner = \"mei\"\ndue = 2027-02-10\n",
        ),
    )]);
    let report = ringboard(dir.path(), &["report", "--today", "2027-02-01"]);
    assert!(!report.stdout.contains('\u{1b}'), "{}", report.stdout);
}

#[test]
fn non_utf8_file() {
    check_error(
        &[("boards/spring.toml", b"[program]\nname = \"caf\xe9\"\n")],
        "boards/spring.toml:2:12: error: file is not UTF-8 text (invalid byte 0xe9)",
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = plans(&[(
        "boards/spring.toml",
        b"\xEF\xBB\xBF[program]\nname = \"x\"\n",
    )]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn huge_file_is_refused_with_a_size_message() {
    let mut big = b"[program]\nname = \"x\"\n# ".to_vec();
    big.resize(50 * 1024 * 1024, b'x');
    big.push(b'\n');
    check_error(
        &[("boards/huge.toml", &big)],
        "boards/huge.toml:1:1: error: file is 52428801 bytes, over the limit of 8388608 bytes (raise it with --max-file-size)",
    );
    // The limit is configurable.
    let dir = plans(&[("boards/spring.toml", b"[program]\nname = \"x\"\n")]);
    let run = ringboard(dir.path(), &["check", "--max-file-size", "20"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("over the limit of 20 bytes"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_outside_the_repository() {
    let outside = TempDir::new().expect("tempdir");
    write(
        outside.path(),
        "secret.toml",
        b"[program]\nname = \"secret\"\n",
    );
    let dir = plans(&[("notes/inside.toml", b"[program]\nname = \"Inside\"\n")]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        dir.path().join("boards/secret.toml"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(
        dir.path().join("notes/inside.toml"),
        dir.path().join("boards/inside.toml"),
    )
    .expect("symlink");
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "boards/secret.toml:1:1: error: symbolic link to a file outside the repository"
        ),
        "{}",
        run.stdout
    );
    let json = ringboard(
        dir.path(),
        &["report", "--format", "json", "--today", "2027-02-01"],
    );
    assert!(
        json.stdout.contains("\"Inside\""),
        "a link inside the repository is followed"
    );
    assert!(!json.stdout.contains("\"secret\""));
}

/// The boards directory, and every directory read under it, lies inside
/// the repository: a boards link to elsewhere reads nothing, a directory
/// link under it is not followed.
#[test]
fn directories_outside_the_repository_are_never_read() {
    let outside = TempDir::new().expect("tempdir");
    write(
        outside.path(),
        "secret.toml",
        b"[program]\nname = \"secret\"\n",
    );
    let dir = TempDir::new().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("boards")).expect("symlink");
    let run = ringboard(dir.path(), &["report", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("leads outside the repository"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("secret"));

    let dir = plans(&[]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("boards/linked")).expect("symlink");
    let run = ringboard(dir.path(), &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains("secret"),
        "a directory link is not followed"
    );
}

/// A file name that is not a valid program id is an error and never
/// becomes a program id: no output names it as one.
#[test]
fn a_bad_file_name_never_becomes_a_program_id() {
    let dir = plans(&[(
        "boards/\u{1b}]0;pwned\u{7} Spring.toml",
        b"[program]\nname = \"Spring\"\n",
    )]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("the program in this file is not read"),
        "{}",
        run.stdout
    );
    let json = ringboard(
        dir.path(),
        &["report", "--format", "json", "--today", "2027-02-01"],
    );
    assert!(json.stdout.contains("\"programs\": []"), "{}", json.stdout);
    assert!(!json.stdout.contains("pwned"), "{}", json.stdout);
}

/// Only regular files are read: a pipe named `*.toml` would wait forever.
#[test]
fn a_pipe_named_like_a_plan_is_refused_unread() {
    let dir = plans(&[]);
    let fifo = dir.path().join("boards/pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo not available: skipped");
        return;
    }
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("boards/pipe.toml:1:1: error: not a regular file (a pipe, device or socket)"),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_keys_are_warnings_with_suggestions() {
    let dir = plans(&[(
        "boards/spring.toml",
        &program(
            "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-02-10\nstauts = \"done\"\n",
        ),
    )]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "warnings keep exit 0: {}", run.stdout);
    assert!(run.stdout.contains(
        "boards/spring.toml:12:1: warning: unknown key `stauts` in deliverable (did you mean `status`?)"
    ));
    assert!(
        run.stdout.ends_with("0 errors, 1 warning in 2 files\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn warnings_for_team_and_dates() {
    let body = "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"wei\"\ndue = 2027-05-10\n\n\
                [[deliverable]]\nid = \"b\"\ntitle = \"B\"\nowner = \"mei\"\ndue = 2027-04-01\nneeds = [\"a\"]\n";
    let text = format!(
        "[program]\nname = \"Spring\"\nend = 2027-04-30\n\n[team]\ncore = [\"mei\"]\n\n{body}"
    );
    let dir = plans(&[("boards/spring.toml", text.as_bytes())]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    for expected in [
        "warning: owner `wei` is not on the team of `spring`; shown in the extended ring",
        "warning: `a` is due 2027-05-10 after the program ends (2027-04-30)",
        "warning: `b` needs `a`, which is due 2027-05-10 after it (2027-04-01)",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
}

#[test]
fn all_errors_in_one_run_and_github_format() {
    let body = "[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"nobody\"\ndue = 2027-02-10\nstatus = \"wip\"\n";
    let dir = plans(&[("boards/spring.toml", &program(body))]);
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with("2 errors, 0 warnings in 2 files\n"),
        "{}",
        run.stdout
    );
    let gh = ringboard(dir.path(), &["check", "--format", "github"]);
    assert_eq!(gh.code, 1);
    assert!(
        gh.stdout.contains(
            "::error file=boards/spring.toml,line=10,col=9::unknown person `nobody` as owner"
        ),
        "{}",
        gh.stdout
    );
}

#[test]
fn could_not_run_exits_2_with_one_line() {
    let dir = TempDir::new().expect("tempdir");
    let run = ringboard(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("ringboard: no boards directory `boards`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);

    let missing = dir.path().join("does-not-exist");
    let run = ringboard(&missing, &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such directory"), "{}", run.stderr);

    let plans = plans(&[]);
    let run = ringboard(plans.path(), &["check", "--rev", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--rev HEAD needs a git repository"),
        "{}",
        run.stderr
    );

    let run = ringboard(plans.path(), &["report", "--today", "2027-13-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("2027-13-01"), "{}", run.stderr);

    let run = ringboard(plans.path(), &["check", "--boards", "../elsewhere"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--boards ../elsewhere"),
        "{}",
        run.stderr
    );

    let run = ringboard(plans.path(), &["report", "--program", "sprng"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--program sprng: no such program"),
        "{}",
        run.stderr
    );
}

/// An option a command does not use is refused, not silently ignored.
#[test]
fn options_a_command_does_not_use_are_refused() {
    let dir = plans(&[]);
    for args in [
        &["diff", "--rev", "HEAD"][..],
        &["--rev", "HEAD", "review", "main.."],
        &["check", "--base", "main"],
        &["log", "--format", "markdown", "x/y"],
        &["standup", "--format", "json", "--once"],
        &["standup", "--format", "markdown"],
    ] {
        let run = ringboard(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    let run = ringboard(dir.path(), &["diff", "--rev", "HEAD"]);
    assert!(
        run.stderr.contains("--rev does not apply to `diff`"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_today_in_the_environment() {
    let dir = plans(&[]);
    let options = Options {
        repo_flag: true,
        env: &[("RINGBOARD_TODAY", "tomorrow")],
        ..Options::default()
    };
    let run = ringboard_with_options(dir.path(), &["report"], &options);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("RINGBOARD_TODAY: `tomorrow` is not a date")
    );
}

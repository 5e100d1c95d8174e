//! What `--help` promises works: every subcommand it lists has a help of
//! its own, every `--format` value a help lists runs without a usage error
//! (in a real repository, so `diff` and `log` have history), the bash
//! completion script passes `bash -n`, and the manual page names every
//! subcommand.

mod support;

use std::path::Path;

use support::cli::{ok, ringboard_alone};
use support::gitrepo::TestRepo;

/// The subcommands a help text lists under `Commands:` (not `help`).
fn commands_in(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every command path: `check`, ..., `export ics`.
fn command_paths(dir: &Path) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut todo: Vec<Vec<String>> = commands_in(&ok(dir, &["--help"]).text())
        .into_iter()
        .map(|c| vec![c])
        .collect();
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = ok(dir, &args).text();
        for sub in commands_in(&help) {
            let mut deeper = path.clone();
            deeper.push(sub);
            todo.push(deeper);
        }
        paths.push(path);
    }
    paths.sort();
    paths
}

/// The values `--format` takes, as a help text lists them.
fn format_values(help: &str) -> Vec<String> {
    let Some(at) = help.find("--format <") else {
        return Vec::new();
    };
    let rest = &help[at..];
    let start = rest
        .find("[possible values: ")
        .expect("format values listed")
        + 18;
    let end = start + rest[start..].find(']').expect("closing ]");
    rest[start..end].split(", ").map(str::to_string).collect()
}

/// What a command needs besides `--format` to run.
fn required_args(path: &[String]) -> &'static [&'static str] {
    match path.join(" ").as_str() {
        "log" => &["spring-launch"],
        "standup" => &["--once"],
        _ => &[],
    }
}

#[test]
fn every_format_a_help_lists_runs() {
    let dir = TestRepo::examples();
    let paths = command_paths(dir.path());
    let names: Vec<String> = paths.iter().map(|p| p.join(" ")).collect();
    for expected in [
        "check",
        "report",
        "export ics",
        "schema",
        "init",
        "completions",
        "man",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let mut tried = 0;
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = ok(dir.path(), &args).text();
        for value in format_values(&help) {
            let mut args = vec!["--today", "2027-02-01"];
            args.extend(path.iter().map(String::as_str));
            args.extend_from_slice(required_args(path));
            args.extend(["--format", value.as_str()]);
            let run = ringboard_alone(dir.path(), &args);
            assert_eq!(run.code, 0, "ringboard {}: {}", args.join(" "), run.stderr);
            // Only annotations: nothing when the plans are clean.
            let silent = path.join(" ") == "check" && value == "github";
            assert!(
                silent || !run.stdout.is_empty(),
                "ringboard {}",
                args.join(" ")
            );
            tried += 1;
        }
    }
    // check 2, report 4, diff 3, log 2, standup 2, agenda 3.
    assert_eq!(tried, 16);
}

#[test]
fn the_report_help_lists_csv() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let help = ok(dir.path(), &["report", "--help"]).text();
    assert_eq!(format_values(&help), ["text", "markdown", "json", "csv"]);
}

#[test]
fn completion_scripts_for_every_shell_and_bash_parses_its_own() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        // Each script hands Tab to ringboard itself (tests/completions.rs
        // completes subcommands, ids and words through it).
        let script = ok(dir.path(), &["completions", shell]).text();
        assert!(script.contains("ringboard"), "{shell}");
        assert!(
            script.contains("COMPLETE"),
            "{shell} registers the Tab handler"
        );
    }
    let bash = ok(dir.path(), &["completions", "bash"]).stdout_bytes;
    let file = dir.path().join("ringboard.bash");
    std::fs::write(&file, &bash).expect("write");
    let out = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = ringboard_alone(dir.path(), &["completions", "tcsh"]);
    assert_eq!(run.code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_manual_page_names_every_subcommand() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let man = ok(dir.path(), &["man"]).text();
    assert!(
        man.contains("\n.TH ringboard 1 "),
        "{}",
        &man[..200.min(man.len())]
    );
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(man.contains(section), "{section}");
    }
    for path in command_paths(dir.path()) {
        let heading = format!(".SS \"ringboard {}\"", path.join(" "));
        let plain = format!(".SS ringboard {}", path.join(" "));
        assert!(
            man.contains(&heading) || man.contains(&plain),
            "no section for {}",
            path.join(" ")
        );
    }
    // Options of a subcommand are in its section, with their values.
    assert!(man.contains("csv"), "report's formats");
    assert!(man.contains("\\-\\-all"), "export ics --all");
}

//! The `ringboard-synth` binary: writes and reports in one line, or fails
//! with one line on stderr and exit status 2.

use assert_cmd::Command;
use tempfile::TempDir;

#[test]
fn the_binary_writes_and_reports_or_fails_with_one_line() {
    let dir = TempDir::new().expect("tempdir");
    let out = dir.path().join("plans");
    let run = |extra: &[&str]| {
        Command::cargo_bin("ringboard-synth")
            .expect("binary")
            .arg("--out")
            .arg(&out)
            .args(["--programs", "2", "--deliverables", "3", "--people", "5"])
            .args(extra)
            .output()
            .expect("run")
    };
    let first = run(&["--commits", "2"]);
    assert!(first.status.success());
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        stdout.starts_with("wrote 2 programs, 6 deliverables and 5 people"),
        "{stdout}"
    );
    assert!(stdout.contains("with 2 commits"), "{stdout}");
    assert!(
        stdout.ends_with(&format!(" to {}\n", out.display())),
        "{stdout}"
    );
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.starts_with("ringboard-synth: ")
            && stderr.contains("is not empty")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[test]
fn no_people_is_refused_with_one_line() {
    let dir = TempDir::new().expect("tempdir");
    let out = Command::cargo_bin("ringboard-synth")
        .expect("binary")
        .arg("--out")
        .arg(dir.path().join("plans"))
        .args(["--people", "0"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "ringboard-synth: --people must be at least 1: every deliverable needs an owner\n"
    );
}

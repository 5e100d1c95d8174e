//! Running the real `ringboard` binary in a folder, as a user would.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `ringboard ARGS` in `dir` with no date, colour or identity taken
/// from the environment; a panic fails the test whatever the exit status.
pub fn ringboard(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("ringboard")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .env_remove("RINGBOARD_TODAY")
        .env_remove("RINGBOARD_ME")
        .env_remove("NO_COLOR")
        .output()
        .expect("run");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

//! Running the real `ringboard` binary in a folder, as a user would.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Stdout as printed: a CSV starts with a byte-order mark, a calendar
    /// has CRLF line ends, and nothing may be lost on the way.
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// What a finished process printed and how it ended.
    pub fn from_output(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stdout_bytes: out.stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Stdout, which must be UTF-8 (the lossy `stdout` would hide a bad byte).
    pub fn text(&self) -> String {
        String::from_utf8(self.stdout_bytes.clone()).expect("stdout is UTF-8")
    }
}

/// How a run differs from the plain [`ringboard`].
#[derive(Default)]
pub struct Options<'a> {
    /// Name the folder with `--repo` and stay in the test's folder, instead
    /// of running inside it.
    pub repo_flag: bool,
    /// HOME (and XDG_CONFIG_HOME), so that git's global configuration is
    /// only what the test put there; GIT_DIR is not taken either.
    pub home: Option<&'a Path>,
    /// Environment variables set on top.
    pub env: &'a [(&'a str, &'a str)],
}

/// Runs `ringboard ARGS` in `dir` with no date, colour or identity taken
/// from the environment; a panic fails the test whatever the exit status.
pub fn ringboard(dir: &Path, args: &[&str]) -> Run {
    ringboard_with_options(dir, args, &Options::default())
}

/// `ringboard --repo REPO ARGS` from the test's own folder, as a user
/// elsewhere would; otherwise as [`ringboard`].
pub fn ringboard_on(repo: &Path, args: &[&str]) -> Run {
    let options = Options {
        repo_flag: true,
        ..Options::default()
    };
    ringboard_with_options(repo, args, &options)
}

/// [`ringboard`] set up as `options` say.
pub fn ringboard_with_options(dir: &Path, args: &[&str], options: &Options<'_>) -> Run {
    let mut cmd = Command::cargo_bin("ringboard").expect("binary");
    if options.repo_flag {
        cmd.arg("--repo").arg(dir);
    } else {
        cmd.current_dir(dir);
    }
    cmd.args(args)
        .env_remove("RINGBOARD_TODAY")
        .env_remove("RINGBOARD_ME")
        .env_remove("NO_COLOR");
    if let Some(home) = options.home {
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home)
            .env_remove("GIT_DIR");
    }
    let out = cmd.envs(options.env.iter().copied()).output().expect("run");
    let run = Run::from_output(out);
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    assert!(
        !run.stderr.contains("RUST_BACKTRACE"),
        "backtrace: {}",
        run.stderr
    );
    run
}

/// A folder standing in for a home directory: no global git identity.
pub fn empty_home() -> TempDir {
    TempDir::new().expect("home")
}

/// [`ringboard`] with `home` as HOME, so that only the repository's own
/// git configuration counts.
pub fn ringboard_in_home(dir: &Path, home: &Path, args: &[&str]) -> Run {
    ringboard_in_home_with(dir, home, args, &[])
}

/// [`ringboard_in_home`] with these environment variables set too.
pub fn ringboard_in_home_with(dir: &Path, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let options = Options {
        home: Some(home),
        env,
        ..Options::default()
    };
    ringboard_with_options(dir, args, &options)
}

/// [`ringboard`] with an empty home of its own: no git identity, so `--me`
/// is only what the test says.
pub fn ringboard_alone(dir: &Path, args: &[&str]) -> Run {
    ringboard_alone_with(dir, args, &[])
}

/// [`ringboard_alone`] with these environment variables set.
pub fn ringboard_alone_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = empty_home();
    ringboard_in_home_with(dir, home.path(), args, env)
}

/// [`ringboard_alone`] that must succeed.
pub fn ok(dir: &Path, args: &[&str]) -> Run {
    let run = ringboard_alone(dir, args);
    assert_eq!(run.code, 0, "ringboard {args:?}: {}", run.stderr);
    run
}

/// The lines under a heading of an output in `diff`'s layout (`Impact`,
/// `Forecast`, `Problems introduced`), up to the next blank line, trimmed.
pub fn section(text: &str, heading: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty() && l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

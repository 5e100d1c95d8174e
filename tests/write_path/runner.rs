//! Running the real `ringboard` binary with a home directory of the
//! test's own, so that git's global configuration (an identity, an
//! e-mail) is only what the test puts there.
#![allow(dead_code)]

use std::path::Path;

use super::support::cli::Run;

/// A folder standing in for a home directory: no global git identity.
pub fn empty_home() -> tempfile::TempDir {
    tempfile::TempDir::new().expect("home")
}

/// Runs `ringboard ARGS` in `dir` as the shared runner does, with `home`
/// as HOME so that only the repository's own git configuration counts.
pub fn ringboard(dir: &Path, home: &Path, args: &[&str]) -> Run {
    ringboard_with(dir, home, args, &[])
}

/// [`ringboard`] with these environment variables set too.
pub fn ringboard_with(dir: &Path, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = assert_cmd::Command::cargo_bin("ringboard")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("RINGBOARD_TODAY")
        .env_remove("RINGBOARD_ME")
        .env_remove("NO_COLOR")
        .env_remove("GIT_DIR")
        .envs(env.iter().copied())
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

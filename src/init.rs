//! `ringboard init [DIR]`: a plans repository to start from. A commented
//! roster and one commented example program that pass `check`, the editor
//! settings (taplo's `.taplo.toml` and the plan schema it points to), and a
//! GitHub Actions workflow for plan pull requests; `git init` when DIR is
//! not inside a repository yet.
//!
//! Never overwrites: when any file it would write exists, it writes
//! nothing and says which. Files are created with `create_new`, so one
//! that appears meanwhile is not overwritten either.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::schema::plan_schema;

/// The files init writes, repository-relative, `/`-separated.
pub const PEOPLE: &str = "boards/people.toml";
pub const PROGRAM: &str = "boards/example-launch.toml";
pub const TAPLO: &str = ".taplo.toml";
pub const SCHEMA: &str = "schema/plan.schema.json";
pub const WORKFLOW: &str = ".github/workflows/plans.yml";

const PEOPLE_TEMPLATE: &str = include_str!("../assets/init/people.toml");
const PROGRAM_TEMPLATE: &str = include_str!("../assets/init/example-launch.toml");
const TAPLO_TEMPLATE: &str = include_str!("../assets/init/taplo.toml");
const WORKFLOW_TEMPLATE: &str = include_str!("../assets/init/plans.yml");

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(
        "{dir}: would overwrite {} (nothing written; move them away or init another folder)",
        .files.join(", ")
    )]
    Exists { dir: String, files: Vec<String> },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("git init in {dir}: {message}")]
    Git { dir: String, message: String },
}

/// What init did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Initialized {
    /// The files written, as [`files`] names them.
    pub written: Vec<&'static str>,
    /// `git init` ran in DIR.
    pub git_init: bool,
    /// DIR is inside a repository whose top level is elsewhere: ringboard
    /// and GitHub look for `boards/` and `.github/` there.
    pub repository_elsewhere: Option<PathBuf>,
}

/// The files to write and their contents; the example program's dates
/// count from `today`.
pub fn files(today: Date) -> Vec<(&'static str, String)> {
    vec![
        (PEOPLE, PEOPLE_TEMPLATE.to_string()),
        (PROGRAM, fill_dates(PROGRAM_TEMPLATE, today)),
        (TAPLO, TAPLO_TEMPLATE.to_string()),
        (SCHEMA, plan_schema()),
        (WORKFLOW, WORKFLOW_TEMPLATE.to_string()),
    ]
}

/// Writes the starting files into `dir` (created if missing).
pub fn init(dir: &Path, today: Date) -> Result<Initialized, InitError> {
    let files = files(today);
    // A file in the way: one of these, or something that is not a folder
    // where one of their folders goes (`.github` as a plain file).
    let mut existing: Vec<String> = Vec::new();
    for (rel, _) in &files {
        let folders = Path::new(rel).ancestors().skip(1);
        for folder in folders.filter(|f| !f.as_os_str().is_empty()) {
            let meta = dir.join(folder).symlink_metadata();
            if meta.is_ok_and(|m| !m.is_dir()) {
                existing.push(folder.display().to_string());
            }
        }
        if dir.join(rel).symlink_metadata().is_ok() {
            existing.push(rel.to_string());
        }
    }
    existing.sort();
    existing.dedup();
    if !existing.is_empty() {
        return Err(InitError::Exists {
            dir: dir.display().to_string(),
            files: existing,
        });
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let (git_init, repository_elsewhere) = repository(dir)?;
    let mut written = Vec::new();
    for (rel, content) in &files {
        if let Err(e) = create(&dir.join(rel), content) {
            // Leave nothing half-done behind: take back what was written.
            for done in &written {
                let _ = std::fs::remove_file(dir.join(done));
            }
            return Err(e);
        }
        written.push(*rel);
    }
    Ok(Initialized {
        written,
        git_init,
        repository_elsewhere,
    })
}

/// Runs `git init` in `dir` unless it is inside a repository already;
/// returns whether it ran, and the top level of a repository that holds
/// `dir` below its top.
fn repository(dir: &Path) -> Result<(bool, Option<PathBuf>), InitError> {
    let git_error = |e: crate::git::Error| InitError::Git {
        dir: dir.display().to_string(),
        message: e.message().to_string(),
    };
    match crate::git::holding(dir).map_err(git_error)? {
        Some(top) => {
            let here = dir.canonicalize().map_err(io_error(dir))?;
            let elsewhere = top.filter(|t| t.canonicalize().ok().as_deref() != Some(&here));
            Ok((false, elsewhere))
        }
        None => {
            crate::git::Repo::init(dir).map_err(git_error)?;
            Ok((true, None))
        }
    }
}

/// Creates `path` (and its folders) with `content`; an existing file is
/// an error, never overwritten.
fn create(path: &Path, content: &str) -> Result<(), InitError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(content.as_bytes()).map_err(io_error(path))
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> InitError + '_ {
    move |source| InitError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The template with every `{{+N}}` replaced by the date N days after
/// `today` (a TOML date).
fn fill_dates(template: &str, today: Date) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{+") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[at..]);
            return out;
        };
        match after[..end].parse::<i64>() {
            Ok(days) => out.push_str(&today.saturating_add(days.days()).to_string()),
            Err(_) => out.push_str(&rest[at..at + 3 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_from_today() {
        let today = jiff::civil::date(2027, 2, 25);
        assert_eq!(
            fill_dates("start = {{+0}}\nend = {{+7}}\n", today),
            "start = 2027-02-25\nend = 2027-03-04\n"
        );
        let program = fill_dates(PROGRAM_TEMPLATE, today);
        assert!(!program.contains("{{"), "{program}");
    }
}

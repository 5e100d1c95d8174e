//! Running the user's `git`, for what must follow the repository's own
//! rules exactly as git does: a commit (`.gitattributes` filters and
//! line-ending rules, hooks, signing, `index.lock` and the ref lock), and
//! the index's view of a file (split and sparse indexes, which libgit2
//! cannot read, and the skip-worktree and assume-unchanged flags).
//! libgit2 runs no hooks, filters nothing on commit and never signs
//! (gitui's issues #97, #591, #740, #2188 are what users met).
//!
//! git runs with the repository's git directory and work tree given
//! explicitly (a `.git` file and `core.worktree` included), paths taken
//! literally (`--literal-pathspecs`), no terminal prompt and no editor.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Why git could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("this needs git, and no `git` command was found on PATH: install git")]
    Missing,
    #[error("git could not be run: {0}")]
    Spawn(std::io::Error),
    /// git ran and refused; the words are its own (first line).
    #[error("git {command}: {words}")]
    Failed { command: String, words: String },
}

/// The user's git for one repository.
#[derive(Clone, Debug)]
pub struct Git {
    pub git_dir: PathBuf,
    pub work_tree: PathBuf,
}

/// One file as git's index and status see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileState {
    /// The path is in the index.
    pub tracked: bool,
    /// Flagged skip-worktree (`git update-index --skip-worktree`).
    pub skip_worktree: bool,
    /// Flagged assume-unchanged (`git update-index --assume-unchanged`).
    pub assume_unchanged: bool,
    /// Staged: the index differs from HEAD.
    pub staged: bool,
    /// The work tree differs from the index.
    pub modified: bool,
    pub conflicted: bool,
}

impl FileState {
    /// Nothing of the file differs from HEAD, as git sees it.
    pub fn clean(&self) -> bool {
        self.tracked && !self.staged && !self.modified && !self.conflicted
    }
}

impl Git {
    pub fn new(git_dir: &Path, work_tree: &Path) -> Git {
        Git {
            git_dir: git_dir.to_path_buf(),
            work_tree: work_tree.to_path_buf(),
        }
    }

    /// `git ARGS...` for this repository, not yet run.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        cmd.arg("--git-dir")
            .arg(&self.git_dir)
            .arg("--work-tree")
            .arg(&self.work_tree)
            // A `*` or `:(glob)` in a plan file's name is a name.
            .arg("--literal-pathspecs")
            .args(args)
            .current_dir(&self.work_tree)
            .stdin(Stdio::null())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_EDITOR", "true")
            // What ringboard reads back is git's plumbing output; its
            // words for people stay in the user's language.
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        cmd
    }

    /// Runs `cmd` to its end, its output captured.
    pub fn output(cmd: &mut Command) -> Result<Output, GitError> {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd.output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Spawn(e),
        })
    }

    /// Runs `git ARGS...` and returns its standard output; a non-zero exit
    /// is [`GitError::Failed`] with git's first line of complaint.
    pub fn read<I, S>(&self, name: &str, args: I) -> Result<Vec<u8>, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = Git::output(&mut self.command(args))?;
        if !out.status.success() {
            return Err(GitError::Failed {
                command: name.to_string(),
                words: first_line(&out.stderr),
            });
        }
        Ok(out.stdout)
    }

    /// How git sees the file at `path` (repository-relative): its index
    /// flags and its status against HEAD. Reads without taking git's
    /// optional locks (the index is not refreshed on disk).
    pub fn file_state(&self, path: &str) -> Result<FileState, GitError> {
        let mut state = FileState::default();
        let listed = self.read("ls-files", ["ls-files", "-v", "-z", "--", path])?;
        for entry in listed.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            state.tracked = true;
            match entry[0] {
                b'S' | b's' => state.skip_worktree = true,
                tag if tag.is_ascii_lowercase() => state.assume_unchanged = true,
                _ => {}
            }
        }
        let status = self.read(
            "status",
            [
                "--no-optional-locks",
                "status",
                "--porcelain=v1",
                "-z",
                "--untracked-files=all",
                "--ignore-submodules=all",
                "--",
                path,
            ],
        )?;
        for entry in status.split(|b| *b == 0).filter(|e| e.len() >= 3) {
            let (x, y) = (entry[0], entry[1]);
            match (x, y) {
                (b'?', b'?') | (b'!', b'!') => {}
                (b'U', _) | (_, b'U') | (b'A', b'A') | (b'D', b'D') => state.conflicted = true,
                _ => {
                    state.staged |= x != b' ';
                    state.modified |= y != b' ';
                }
            }
        }
        Ok(state)
    }
}

/// The first line of what git (or a hook it ran) said, escaped for output.
pub(super) fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("(no message)");
    crate::escape::escape_control(line)
}

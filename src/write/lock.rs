//! The writers' lock: every write to the plans (`set`, `add`, the board's
//! keys, undo, and the commits that follow them) holds it from reading
//! the file to replacing it, so two writers never both start from the
//! same bytes and one of them lose its edit (docs/cli.md version 3, "No lost
//! update"). A second writer waits for the first, then reads the file as
//! the first left it.
//!
//! The lock is an advisory lock (`flock`) on `ringboard.lock` in the git
//! directory, or on `.ringboard.lock` at the root of a folder that is not
//! in a repository. The file stays; only the lock on it comes and goes,
//! so a killed writer never leaves a stale lock behind (the system drops
//! it with the process).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::WriteError;
use crate::repo::Workspace;

/// How long a writer waits for another one before giving up.
pub const WAIT: Duration = Duration::from_secs(10);

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(5);

/// The lock, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// Where the writers of `workspace` lock.
pub fn lock_path(workspace: &Workspace) -> PathBuf {
    match &workspace.git_dir {
        Some(git) => git.join("ringboard.lock"),
        None => workspace.root.join(".ringboard.lock"),
    }
}

impl WriteLock {
    /// Takes the lock of `workspace`, waiting up to `wait` for another
    /// writer to finish.
    pub fn acquire(workspace: &Workspace, wait: Duration) -> Result<WriteLock, WriteError> {
        let path = lock_path(workspace);
        let file = open(&path)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(POLL);
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(WriteError::Locked {
                        lock: path.display().to_string(),
                        secs: wait.as_secs(),
                    });
                }
                Err(TryLockError::Error(source)) => return Err(cannot(&path, source)),
            }
        }
    }
}

fn open(path: &Path) -> Result<File, WriteError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|source| cannot(path, source))
}

fn cannot(path: &Path, source: std::io::Error) -> WriteError {
    WriteError::Io {
        path: format!("the writers' lock {}", path.display()),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(dir: &Path) -> Workspace {
        Workspace {
            root: dir.to_path_buf(),
            git_dir: None,
            bare: false,
        }
    }

    #[test]
    fn a_second_writer_waits_then_gives_up_naming_the_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = workspace(dir.path());
        let first = WriteLock::acquire(&ws, WAIT).expect("first");
        let err = WriteLock::acquire(&ws, Duration::from_millis(30)).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(".ringboard.lock"), "{msg}");
        assert!(matches!(err, WriteError::Locked { .. }));
        drop(first);
        WriteLock::acquire(&ws, Duration::ZERO).expect("free again");
    }

    #[test]
    fn a_waiting_writer_goes_on_once_the_first_is_done() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = workspace(dir.path());
        let first = WriteLock::acquire(&ws, WAIT).expect("first");
        let (tx, rx) = std::sync::mpsc::channel();
        let ws2 = ws.clone();
        let waiter = std::thread::spawn(move || {
            tx.send(()).expect("send");
            WriteLock::acquire(&ws2, WAIT).map(|_| ())
        });
        rx.recv().expect("started");
        drop(first);
        waiter
            .join()
            .expect("join")
            .expect("the waiter got the lock");
    }
}

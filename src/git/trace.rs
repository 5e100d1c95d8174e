//! What a refused `git commit` was refused by. git says little of its
//! own when a hook refuses (the hook's words are all there is), so the
//! commit runs with git's trace2 event stream on (`GIT_TRACE2_EVENT`, one
//! JSON object a line): the child process that failed names the hook
//! (`"hook_name"`) or the signing program (git runs it with `-bsau` for
//! OpenPGP and X.509, `-Y sign` for SSH).

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde::Deserialize;

use super::command::{Git, GitError, first_line};

/// A finished git command and the children it ran.
pub(crate) struct Traced {
    pub output: Output,
    /// Child processes in the order they ended, failed or not.
    children: Vec<Child>,
}

#[derive(Clone, Debug, Default)]
struct Child {
    hook: Option<String>,
    argv: Vec<String>,
    code: Option<i64>,
}

#[derive(Deserialize)]
struct Event {
    event: String,
    sid: String,
    #[serde(default)]
    child_id: Option<u64>,
    #[serde(default)]
    hook_name: Option<String>,
    #[serde(default)]
    argv: Vec<String>,
    #[serde(default)]
    code: Option<i64>,
}

/// Who refused: a hook, a signing program, or git itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The hook of this name (`pre-commit`) exited non-zero.
    Hook(String),
    /// The signing program (`gpg`, `ssh-keygen`) failed.
    Signer(String),
    /// git exited zero without doing what was asked.
    Nothing,
    /// git failed on its own.
    Git,
}

/// Runs `cmd` (a git command) with its trace2 events written to a file of
/// its own, read back once it ends.
pub(crate) fn run(cmd: &mut Command) -> Result<Traced, GitError> {
    let trace = TraceFile::create();
    if let Some(t) = &trace {
        cmd.env("GIT_TRACE2_EVENT", &t.0);
        cmd.env_remove("GIT_TRACE2_EVENT_NESTING");
    }
    let output = Git::output(cmd)?;
    let events = trace
        .as_ref()
        .and_then(|t| std::fs::read_to_string(&t.0).ok())
        .unwrap_or_default();
    Ok(Traced {
        output,
        children: children(&events),
    })
}

/// The children of the top process (nested git commands that hooks run
/// write to the same file, under a session id with a `/`).
fn children(events: &str) -> Vec<Child> {
    let mut started: HashMap<u64, Child> = HashMap::new();
    let mut ended = Vec::new();
    for line in events.lines() {
        let Ok(ev) = serde_json::from_str::<Event>(line) else {
            continue;
        };
        if ev.sid.contains('/') {
            continue;
        }
        let Some(id) = ev.child_id else { continue };
        match ev.event.as_str() {
            "child_start" => {
                let child = Child {
                    hook: ev.hook_name,
                    argv: ev.argv,
                    code: None,
                };
                started.insert(id, child);
            }
            "child_exit" => {
                let mut child = started.remove(&id).unwrap_or_default();
                child.code = ev.code;
                ended.push(child);
            }
            _ => {}
        }
    }
    ended
}

impl Traced {
    /// git's first line of complaint, escaped for output.
    pub(crate) fn said(&self) -> String {
        first_line(&self.output.stderr)
    }

    /// What refused: the first child that failed, or git.
    pub(crate) fn refusal(&self) -> Refusal {
        let failed = self
            .children
            .iter()
            .find(|c| c.code.is_some_and(|c| c != 0));
        match failed {
            Some(Child {
                hook: Some(hook), ..
            }) => Refusal::Hook(hook.clone()),
            Some(c) if signs(&c.argv) => {
                Refusal::Signer(c.argv.first().cloned().unwrap_or_default())
            }
            _ if self.output.status.success() => Refusal::Nothing,
            _ => Refusal::Git,
        }
    }
}

/// git's signing command line: `PROGRAM --status-fd=2 -bsau KEY`
/// (OpenPGP, X.509) or `PROGRAM -Y sign ...` (SSH).
fn signs(argv: &[String]) -> bool {
    argv.iter().any(|a| a == "-bsau") || argv.windows(2).any(|w| w[0] == "-Y" && w[1] == "sign")
}

/// A file of ours for the trace, created anew (never one that was there)
/// and removed when done. `None`: no trace, and a refusal is said in
/// git's words alone.
struct TraceFile(PathBuf);

impl TraceFile {
    fn create() -> Option<TraceFile> {
        let dir = std::env::temp_dir();
        let pid = std::process::id();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        (0..16).find_map(|n| {
            let path = dir.join(format!("ringboard-commit-{pid}-{nanos}-{n}.trace"));
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .ok()
                .map(|_| TraceFile(path))
        })
    }
}

impl Drop for TraceFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failed_child_of_the_top_process_is_found() {
        let events = r#"{"event":"version","sid":"S1"}
{"event":"child_start","sid":"S1","child_id":0,"child_class":"hook","hook_name":"pre-commit","argv":[".git/hooks/pre-commit"]}
{"event":"child_start","sid":"S1/S2","child_id":0,"argv":["git","diff"]}
{"event":"child_exit","sid":"S1/S2","child_id":0,"code":1}
{"event":"child_exit","sid":"S1","child_id":0,"code":0}
{"event":"child_start","sid":"S1","child_id":1,"child_class":"hook","hook_name":"commit-msg","argv":[".git/hooks/commit-msg","x"]}
{"event":"child_exit","sid":"S1","child_id":1,"code":1}
not json
"#;
        let kids = children(events);
        assert_eq!(kids.len(), 2);
        let failed = kids.iter().find(|c| c.code != Some(0)).expect("failed");
        assert_eq!(failed.hook.as_deref(), Some("commit-msg"));
    }

    #[test]
    fn signing_command_lines_are_told_apart() {
        let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert!(signs(&s(&["gpg", "--status-fd=2", "-bsau", "T <t@e>"])));
        assert!(signs(&s(&["ssh-keygen", "-Y", "sign", "-n", "git"])));
        assert!(!signs(&s(&["git-crypt", "clean"])));
    }
}

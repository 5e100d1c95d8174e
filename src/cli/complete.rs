//! Completions that know the plans (docs/cli.md version 3): when the user
//! presses Tab, the shell runs `COMPLETE=SHELL ringboard -- WORDS...`, and
//! these completers read the plans of the repository the command line
//! names (`--repo`, `--boards`, else the current directory) for program
//! ids, `PROGRAM/ID` of deliverables and metrics, person ids, `set`'s
//! `FIELD=` words and status words, and git's revisions. Nothing here
//! prints: a plan that does not load completes nothing.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use ringboard::load::{LoadOptions, load};
use ringboard::model::{Portfolio, Status};

/// The words of the command line being completed (after `--`).
fn words() -> Vec<OsString> {
    let all: Vec<OsString> = std::env::args_os().collect();
    match all.iter().position(|a| a == "--") {
        Some(i) => all[i + 1..].to_vec(),
        None => all,
    }
}

/// The value of `--NAME VALUE` or `--NAME=VALUE` on the command line.
fn option(words: &[OsString], name: &str) -> Option<PathBuf> {
    let long = format!("--{name}");
    let eq = format!("--{name}=");
    words.iter().enumerate().find_map(|(i, w)| {
        let w = w.to_str()?;
        if w == long {
            words.get(i + 1).map(PathBuf::from)
        } else {
            w.strip_prefix(&eq).map(PathBuf::from)
        }
    })
}

/// The plans of the repository the command line names.
fn plans() -> Option<Portfolio> {
    let words = words();
    let mut opts = LoadOptions {
        repo: option(&words, "repo"),
        ..LoadOptions::default()
    };
    if let Some(boards) = option(&words, "boards") {
        opts.boards = boards;
    }
    load(&opts).ok().map(|p| p.portfolio)
}

/// Candidates among `all` that start with `current`, each once, in order.
fn starting(current: &OsStr, all: impl IntoIterator<Item = String>) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    all.into_iter()
        .filter(|c| c.starts_with(current) && seen.insert(c.clone()))
        .map(CompletionCandidate::new)
        .collect()
}

pub fn programs(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(p) = plans() else { return Vec::new() };
    starting(current, p.programs.iter().map(|prog| prog.id.clone()))
}

pub fn people(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(p) = plans() else { return Vec::new() };
    starting(current, p.people.iter().map(|person| person.id.clone()))
}

/// `PROGRAM/ID` of every deliverable and metric.
pub fn items(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(p) = plans() else { return Vec::new() };
    starting(current, item_ids(&p))
}

/// A program, or `PROGRAM/ID` (for `log`).
pub fn programs_and_items(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(p) = plans() else { return Vec::new() };
    let programs = p.programs.iter().map(|prog| prog.id.clone());
    starting(current, programs.chain(item_ids(&p)))
}

fn item_ids(p: &Portfolio) -> Vec<String> {
    let mut out = Vec::new();
    for prog in &p.programs {
        out.extend(
            prog.deliverables
                .iter()
                .map(|d| format!("{}/{}", prog.id, d.id)),
        );
        out.extend(prog.metrics.iter().map(|m| format!("{}/{}", prog.id, m.id)));
    }
    out
}

/// `set`'s `FIELD=VALUE`: the field names, then the values a field takes
/// (status words, person ids, deliverable ids for `needs`).
pub fn edits(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(now) = current.to_str() else {
        return Vec::new();
    };
    let Some((field, _)) = now.split_once('=') else {
        let fields = FIELDS.iter().map(|f| format!("{f}="));
        let lists = ["needs+=", "needs-=", "actual+=", "actual-="].map(String::from);
        return starting(current, fields.chain(lists));
    };
    let with = |values: Vec<String>| values.into_iter().map(|v| format!("{field}={v}"));
    match field {
        "status" => starting(
            current,
            with(Status::ALL.iter().map(|s| s.as_str().into()).collect()),
        ),
        "better" => starting(current, with(vec!["higher".into(), "lower".into()])),
        "owner" => {
            let Some(p) = plans() else { return Vec::new() };
            starting(
                current,
                with(p.people.iter().map(|x| x.id.clone()).collect()),
            )
        }
        "needs" | "needs+" | "needs-" => {
            let Some(p) = plans() else { return Vec::new() };
            let mut ids = Vec::new();
            for prog in &p.programs {
                ids.extend(prog.deliverables.iter().map(|d| d.id.clone()));
                ids.extend(
                    prog.deliverables
                        .iter()
                        .map(|d| format!("{}/{}", prog.id, d.id)),
                );
            }
            starting(current, with(ids))
        }
        _ => Vec::new(),
    }
}

/// The fields `set` takes, on deliverables and metrics.
const FIELDS: [&str; 15] = [
    "status", "due", "start", "owner", "title", "note", "needs", "duration", "actual", "target",
    "baseline", "better", "by", "name", "unit",
];

/// git's branches, tags and remote branches, and `HEAD`.
pub fn revisions(current: &OsStr) -> Vec<CompletionCandidate> {
    let words = words();
    let mut cmd = std::process::Command::new("git");
    if let Some(repo) = option(&words, "repo") {
        cmd.arg("-C").arg(repo);
    }
    let out = cmd
        .args([
            "for-each-ref",
            "--format=%(refname:short)",
            "refs/heads",
            "refs/tags",
            "refs/remotes",
        ])
        .stderr(std::process::Stdio::null())
        .output();
    let Ok(out) = out else { return Vec::new() };
    let refs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect::<Vec<_>>();
    starting(current, std::iter::once("HEAD".to_string()).chain(refs))
}

/// What `ringboard completions SHELL` prints: the shell's registration of
/// the Tab handler above. bash splits a word at `=` and `:` (its
/// COMP_WORDBREAKS), so its script rebuilds the words from the line up to
/// the cursor, split at blanks, and gives back each candidate from where
/// bash's own word starts (`status=do` → bash completes `do` → `doing`).
pub fn registration(shell: clap_complete::Shell) -> String {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let env: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => return BASH.to_string(),
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::PowerShell => &Powershell,
        _ => &Bash,
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = env.write_registration("COMPLETE", "ringboard", "ringboard", "ringboard", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

const BASH: &str = r#"# ringboard completions for bash: program ids, PROGRAM/ID, people,
# set's FIELD= words and status words, revisions, read from the plans
# when Tab is pressed. Load with: source <(ringboard completions bash)
_ringboard_complete() {
    local line="${COMP_LINE:0:COMP_POINT}"
    local -a words
    IFS=$' \t\n' read -r -a words <<< "$line"
    if [[ -z "$line" || "$line" =~ [[:space:]]$ ]]; then
        words+=("")
    fi
    local index=$(( ${#words[@]} - 1 ))
    local cur="${words[index]}"
    local reply
    reply=$(_CLAP_IFS=$'\n' _CLAP_COMPLETE_INDEX="$index" \
        _CLAP_COMPLETE_COMP_TYPE="${COMP_TYPE:-9}" _CLAP_COMPLETE_SPACE=false \
        COMPLETE=bash ringboard -- "${words[@]}" 2>/dev/null) || return 0
    # bash replaces only its own current word, after the last = or :
    local theirs="${COMP_WORDS[COMP_CWORD]-}"
    [[ "$theirs" == "=" || "$theirs" == ":" ]] && theirs=""
    local before="${cur%"$theirs"}"
    COMPREPLY=()
    local candidate
    while IFS= read -r candidate; do
        [[ -n "$candidate" ]] && COMPREPLY+=("${candidate#"$before"}")
    done <<< "$reply"
    if [[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" =~ [=/]$ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -o bashdefault -o default -F _ringboard_complete ringboard
"#;

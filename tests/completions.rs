//! Completions that know the plans (docs/cli.md version 3): the bash
//! script, sourced in a real bash, completes `PROGRAM/ID`, status words,
//! people and revisions from the example repository when Tab is pressed;
//! zsh and fish get the same answers through the same handler. And the
//! manual page: every section docs/cli.md names, no markdown backticks,
//! and groff reads it without a warning.

mod support;

use std::path::Path;
use std::process::Command;

use support::cli::ok;
use support::gitrepo::TestRepo;

/// Bash with the completion script sourced, completing `line` (the cursor
/// at its end) the way bash splits words (at blanks, `=` and `:`).
fn complete_in_bash(repo: &Path, line: &str) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_ringboard"));
    let script = ok(repo, &["completions", "bash"]).text();
    let file = repo.join(".ringboard-completion.bash");
    std::fs::write(&file, script).expect("write script");
    let driver = r#"
source "$1"
COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
# bash's own word split: blanks, and = and : as words of their own
split=$(printf '%s' "$COMP_LINE" | sed -e 's/=/ = /g' -e 's/:/ : /g')
read -r -a COMP_WORDS <<< "$split"
[[ "$COMP_LINE" =~ [[:space:]]$ ]] && COMP_WORDS+=("")
# `status=do`: the word bash completes is `do`, after `=`
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_ringboard_complete
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let path = format!(
        "{}:{}",
        bin.parent().expect("dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-c", driver, "driver"])
        .arg(&file)
        .arg(line)
        .current_dir(repo)
        .env("PATH", path)
        .env_remove("RINGBOARD_TODAY")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_ids_status_words_people_and_revisions_from_the_plans() {
    let repo = TestRepo::examples();
    let got = complete_in_bash(repo.path(), "ringboard set spring-launch/em");
    assert_eq!(
        got,
        ["spring-launch/email-copy", "spring-launch/email-build"]
    );
    // bash completes the word after `=`: the candidates go on from there.
    let got = complete_in_bash(
        repo.path(),
        "ringboard set spring-launch/email-copy status=do",
    );
    assert_eq!(got, ["doing", "done"]);
    let got = complete_in_bash(repo.path(), "ringboard set spring-launch/email-copy sta");
    assert_eq!(got, ["status=", "start="]);
    let got = complete_in_bash(repo.path(), "ringboard report --program nur");
    assert_eq!(got, ["nurture-2027"]);
    let got = complete_in_bash(repo.path(), "ringboard agenda --person ra");
    assert_eq!(got, ["raj"]);
    let got = complete_in_bash(repo.path(), "ringboard diff ma");
    assert_eq!(got, ["main"]);
    let got = complete_in_bash(repo.path(), "ringboard ag");
    assert_eq!(got, ["agenda"], "subcommands as before");
}

/// zsh and fish call the same handler (`COMPLETE=zsh|fish ringboard --
/// WORDS`): its answers come from the plans too.
#[test]
fn zsh_and_fish_get_the_same_candidates() {
    let repo = TestRepo::examples();
    for shell in ["zsh", "fish"] {
        let script = ok(repo.path(), &["completions", shell]).text();
        assert!(
            script.contains(&format!("COMPLETE={shell}")) || script.contains("COMPLETE"),
            "{shell}"
        );
        let out = Command::new(env!("CARGO_BIN_EXE_ringboard"))
            .args([
                "--",
                "ringboard",
                "set",
                "spring-launch/email-copy",
                "status=do",
            ])
            .current_dir(repo.path())
            .env("COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "3")
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("status=doing") && text.contains("status=done"),
            "{shell}: {text}"
        );
        assert!(!text.contains("status=todo"), "{shell}: {text}");
    }
}

#[test]
fn the_manual_page_has_every_section_and_reads_without_warnings() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let man = ok(dir.path(), &["man"]).text();
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "OPTIONS",
        "\"BOARD KEYS\"",
        "ENVIRONMENT",
        "FILES",
        "\"EXIT STATUS\"",
        "EXAMPLES",
    ] {
        assert!(man.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    assert!(!man.contains('`'), "markdown backticks");
    for name in [
        "RINGBOARD_TODAY",
        "RINGBOARD_ME",
        "NO_COLOR",
        "VISUAL",
        "XDG_CONFIG_HOME",
    ] {
        assert!(man.contains(name), "ENVIRONMENT names {name}");
    }
    // SYNOPSIS with arguments.
    assert!(man.contains("<TARGET> <FIELD=VALUE>..."), "set's arguments");
    let file = dir.path().join("ringboard.1");
    std::fs::write(&file, &man).expect("write");
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
        .expect("groff is installed (CI installs groff-base)");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warnings");
}

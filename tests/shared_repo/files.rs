//! Files keep what they were: mode, owner and group, links; what a write
//! cannot keep is refused before anything is written.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use ringboard::load::LoadOptions;
use ringboard::write::{self, ApplyOptions, Edit, Hooks, PlanFiles};

use super::{refused_with, run, spring_repo};

const PLAN: &str = "boards/spring.toml";
const SET: [&str; 3] = ["set", "spring/copy", "status=review"];

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o7777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A 0600 file stays 0600, and its new bytes were never in a file anyone
/// else could read: the temporary file has the mode from the start.
#[test]
fn the_mode_is_kept_and_the_temporary_file_is_never_wider() {
    let repo = spring_repo();
    let file = repo.file(PLAN);
    chmod(&file, 0o600);
    let opts = LoadOptions {
        repo: Some(repo.path().to_path_buf()),
        ..LoadOptions::default()
    };
    let (files, lock) = PlanFiles::read_locked(&opts, write::WAIT).expect("read");
    let draft = write::plan_set(
        &files,
        "spring/copy",
        &[Edit::parse("note=x").expect("edit")],
    )
    .expect("planned");
    let temp = repo.file("boards/.spring.toml.ringboard-tmp");
    let seen = std::cell::Cell::new(0);
    let hook = |_: &Path| {
        seen.set(mode(&temp));
        Ok(())
    };
    let opts = ApplyOptions {
        hooks: Hooks {
            before_rename: Some(&hook),
        },
        ..ApplyOptions::default()
    };
    write::apply(&files, &draft, &lock, &opts).expect("written");
    assert_eq!(
        seen.get(),
        0o600,
        "the temporary file, named as docs/cli.md says"
    );
    assert_eq!(mode(&file), 0o600);
    assert!(!temp.exists());
}

/// Owner and group are kept where the process may change them (root).
#[test]
fn owner_and_group_are_kept_where_permitted() {
    let repo = spring_repo();
    let file = repo.file(PLAN);
    let me = std::fs::metadata(&file).expect("meta").uid();
    if me != 0 {
        // Only root may give a file to someone else; the group case is
        // the same call.
        return;
    }
    std::os::unix::fs::chown(&file, Some(4242), Some(4343)).expect("chown");
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let meta = std::fs::metadata(&file).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
}

#[test]
fn a_read_only_file_is_refused_also_for_root() {
    let repo = spring_repo();
    let file = repo.file(PLAN);
    chmod(&file, 0o444);
    let before = repo.read(PLAN);
    let out = run(repo.path(), &SET);
    refused_with(&out, &[PLAN, "read-only", "0444"]);
    assert_eq!(repo.read(PLAN), before);
    assert_eq!(mode(&file), 0o444);
}

#[test]
fn a_hard_linked_file_is_refused() {
    let repo = spring_repo();
    let link = repo.file("spring-copy.toml");
    std::fs::hard_link(repo.file(PLAN), &link).expect("link");
    let before = repo.read(PLAN);
    let out = run(repo.path(), &SET);
    refused_with(&out, &[PLAN, "hard links"]);
    assert_eq!(repo.read(PLAN), before);
    assert_eq!(
        std::fs::metadata(&link).expect("meta").nlink(),
        2,
        "still linked"
    );
}

/// A write never pushes a file past `--max-file-size` (the program would
/// vanish from the board).
#[test]
fn a_write_past_the_size_limit_is_refused() {
    let repo = spring_repo();
    let size = repo.read(PLAN).len();
    let limit = (size + 10).to_string();
    let before = repo.read(PLAN);
    let long = format!("note={}", "x".repeat(40));
    let out = run(
        repo.path(),
        &["--max-file-size", &limit, "set", "spring/copy", &long],
    );
    refused_with(&out, &[PLAN, "--max-file-size"]);
    assert_eq!(repo.read(PLAN), before);
}

/// Temporary files of killed runs are removed by a later write, and never
/// read as plans meanwhile.
#[test]
fn leftover_temporary_files_are_removed_by_the_next_write() {
    let repo = spring_repo();
    let leftover = repo.file("boards/.spring.toml.ringboard-tmp");
    let older = repo.file("boards/.spring.toml.ringboard-1234-0.tmp");
    std::fs::write(&leftover, "half a file").expect("write");
    std::fs::write(&older, "half a file").expect("write");
    let check = run(repo.path(), &["check"]);
    assert_eq!(check.code, 0, "not read as plans: {}", check.stderr);
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!leftover.exists() && !older.exists());
}

/// A file the user may not write (someone else's, 0644) is refused,
/// although the folder would allow the rename. Needs root to set up (a
/// file of root's, ringboard run as `nobody` through `setpriv`).
#[test]
fn a_file_the_user_may_not_write_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let boards = dir.path().join("boards");
    std::fs::create_dir_all(&boards).expect("mkdir");
    std::fs::write(boards.join("people.toml"), super::support::gitrepo::PEOPLE).expect("write");
    std::fs::write(boards.join("spring.toml"), super::support::gitrepo::SPRING).expect("write");
    let root = std::fs::metadata(&boards).expect("meta").uid() == 0;
    let setpriv = Path::new("/usr/bin/setpriv");
    if !root || !setpriv.exists() {
        eprintln!("skipped: needs root and setpriv to make a file someone else's");
        return;
    }
    for d in [dir.path(), &boards] {
        chmod(d, 0o777);
    }
    chmod(&boards.join("spring.toml"), 0o644);
    let before = std::fs::read(boards.join("spring.toml")).expect("read");
    let bin = assert_cmd::cargo::cargo_bin("ringboard");
    let out = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(SET)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("run");
    let out = super::Run::from_output(out);
    refused_with(&out, &[PLAN, "may not write"]);
    assert_eq!(
        std::fs::read(boards.join("spring.toml")).expect("read"),
        before
    );
}

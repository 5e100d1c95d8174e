//! A damaged repository (cli.md version 3): a git object that is missing,
//! truncated or corrupt stops every command that needs it with exit status
//! 2 and one line naming the object (and the plan file it holds) and
//! `git fsck`, with no follow-on errors about the plans it hid.

mod support;

use std::path::{Path, PathBuf};

use support::cli::{Run, ringboard};
use support::gitrepo::{MONDAY, TestRepo};

/// The example plans (nurture-2027 needs `spring-launch/email-copy`), then
/// a commit that changes spring-launch: two versions of its file.
fn two_versions() -> TestRepo {
    let repo = TestRepo::examples();
    repo.edit(
        "boards/spring-launch.toml",
        "due = 2027-01-12",
        "due = 2027-01-14",
    );
    repo.commit("Ana Souza", MONDAY + 3_600, "slip the research");
    repo
}

/// The id of the object at `path` (a blob or a tree) in `rev`.
fn id_at(repo: &TestRepo, rev: &str, path: &str) -> String {
    repo.repo
        .revparse_single(rev)
        .expect("rev")
        .peel_to_commit()
        .expect("commit")
        .tree()
        .expect("tree")
        .get_path(Path::new(path))
        .expect("entry")
        .id()
        .to_string()
}

/// The loose object file of `id`, made writable (git writes them read-only).
fn object_file(repo: &TestRepo, id: &str) -> PathBuf {
    let file = repo.file(&format!(".git/objects/{}/{}", &id[..2], &id[2..]));
    let mut perms = std::fs::metadata(&file)
        .expect("loose object")
        .permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&file, perms).expect("writable");
    file
}

#[derive(Clone, Copy, Debug)]
enum Damage {
    Truncated,
    Missing,
    Corrupt,
}

const DAMAGES: [Damage; 3] = [Damage::Truncated, Damage::Missing, Damage::Corrupt];

fn damage(repo: &TestRepo, id: &str, how: Damage) {
    let file = object_file(repo, id);
    let bytes = std::fs::read(&file).expect("read");
    match how {
        Damage::Truncated => std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("write"),
        Damage::Missing => std::fs::remove_file(&file).expect("remove"),
        Damage::Corrupt => {
            // The zlib header stays; the deflate stream after it does not.
            let mut bytes = bytes;
            for b in bytes.iter_mut().skip(2).step_by(3) {
                *b ^= 0x5a;
            }
            std::fs::write(&file, bytes).expect("write");
        }
    }
}

/// The run stopped as a damaged repository must: exit 2, one line on
/// stderr naming the object, the file when given, and `git fsck`, and
/// nothing about the plans.
fn assert_damaged(run: &Run, args: &[&str], how: Damage, object: &str, path: Option<&str>) {
    let context = format!(
        "{how:?} {args:?}: stdout {:?} stderr {:?}",
        run.stdout, run.stderr
    );
    assert_eq!(run.code, 2, "{context}");
    assert_eq!(run.stderr.lines().count(), 1, "{context}");
    let line = run.stderr.trim_end();
    assert!(
        line.starts_with("ringboard: the repository is damaged: "),
        "{context}"
    );
    assert!(line.contains(&format!("object {object}")), "{context}");
    if let Some(path) = path {
        assert!(line.contains(&format!("({path})")), "{context}");
    }
    assert!(line.contains("git fsck"), "{context}");
    assert!(run.stdout.is_empty(), "{context}");
    assert!(!run.stderr.contains("unknown program"), "{context}");
}

/// The plan file of the commit read is damaged: every command reading that
/// commit says so, and nothing else.
#[test]
fn a_damaged_plan_blob_stops_every_command_that_reads_it() {
    let commands: [&[&str]; 10] = [
        &["--rev", "HEAD", "check"],
        &["--rev", "HEAD", "check", "--format", "github"],
        &["--rev", "HEAD", "report"],
        &["--rev", "HEAD", "report", "--format", "json"],
        &["--rev", "HEAD", "agenda", "--person", "mei"],
        &["diff", "HEAD~1", "HEAD"],
        &["review", "HEAD~1..HEAD"],
        &["log", "spring-launch/research"],
        &["log", "--person", "mei"],
        &[
            "--rev",
            "HEAD",
            "standup",
            "--once",
            "--today",
            "2027-01-25",
        ],
    ];
    for how in DAMAGES {
        let repo = two_versions();
        let file = "boards/spring-launch.toml";
        let id = id_at(&repo, "HEAD", file);
        damage(&repo, &id, how);
        for args in commands {
            let run = ringboard(repo.path(), args);
            assert_damaged(&run, args, how, &id, Some(file));
        }
        // The working tree holds its own copy: reading it needs no object.
        assert_eq!(ringboard(repo.path(), &["check"]).code, 0, "{how:?}");
    }
}

/// A version only the history has: the commands that walk it stop there,
/// the stand-up too; those that do not need it are not stopped.
#[test]
fn a_damaged_older_version_stops_the_history_readers() {
    for how in DAMAGES {
        let repo = two_versions();
        let file = "boards/spring-launch.toml";
        let id = id_at(&repo, "HEAD~1", file);
        damage(&repo, &id, how);
        let commands: [&[&str]; 5] = [
            &["diff", "HEAD~1"],
            &["--rev", "HEAD~1", "check"],
            &["log", "spring-launch"],
            &["log", "spring-launch/research", "--format", "json"],
            &[
                "standup",
                "--once",
                "--today",
                "2027-01-25",
                "--since",
                "2027-01-20",
            ],
        ];
        for args in commands {
            let run = ringboard(repo.path(), args);
            assert_damaged(&run, args, how, &id, Some(file));
        }
        let run = ringboard(repo.path(), &["--rev", "HEAD", "check"]);
        assert_eq!(run.code, 0, "{how:?}: {}", run.stderr);
    }
}

/// A tree or a commit git cannot read is named the same way: the boards
/// directory's tree with its path, a commit by its id.
#[test]
fn a_damaged_tree_or_commit_is_named_too() {
    for how in DAMAGES {
        let repo = two_versions();
        let boards = id_at(&repo, "HEAD", "boards");
        damage(&repo, &boards, how);
        for args in [&["--rev", "HEAD", "check"][..], &["log", "spring-launch"]] {
            let run = ringboard(repo.path(), args);
            assert_damaged(&run, args, how, &boards, Some("boards"));
        }

        let repo = two_versions();
        let head = repo.head_commit().id().to_string();
        damage(&repo, &head, how);
        for args in [
            &["--rev", "HEAD", "report"][..],
            &["diff", "HEAD"],
            &["log", "spring-launch"],
            &["standup", "--once", "--today", "2027-01-25"],
        ] {
            let run = ringboard(repo.path(), args);
            assert_damaged(&run, args, how, &head, None);
        }
    }
}

/// A revision that names nothing is still an unknown revision, not damage.
#[test]
fn an_unknown_revision_is_not_damage() {
    let repo = two_versions();
    for rev in [
        "deadbeef",
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
        "nope",
    ] {
        let run = ringboard(repo.path(), &["--rev", rev, "check"]);
        assert_eq!(run.code, 2);
        assert_eq!(
            run.stderr.trim_end(),
            format!("ringboard: unknown revision `{rev}`")
        );
    }
}

/// The board stops before it touches the terminal: its `--rev` load and
/// its review base (`review FROM`, `--base`) are the same typed error.
#[test]
fn the_board_does_not_open_on_a_damaged_revision() {
    for how in DAMAGES {
        let repo = two_versions();
        let file = "boards/spring-launch.toml";
        let id = id_at(&repo, "HEAD~1", file);
        damage(&repo, &id, how);
        let opts = |rev: Option<&str>, base: Option<&str>| ringboard::ui::BoardOptions {
            load: ringboard::load::LoadOptions {
                repo: Some(repo.path().to_path_buf()),
                rev: rev.map(str::to_string),
                ..Default::default()
            },
            today: jiff::civil::date(2027, 1, 25),
            color: false,
            base: base.map(str::to_string),
            me: ringboard::me::MeInputs::default(),
            editor: None,
        };
        for (rev, base) in [(Some("HEAD~1"), None), (None, Some("HEAD~1"))] {
            let Err(e) = ringboard::ui::open(&opts(rev, base), None) else {
                panic!("{how:?} {rev:?} {base:?}: the board opened");
            };
            assert!(
                matches!(
                    &e,
                    ringboard::ui::BoardError::Load(ringboard::repo::LoadError::Damaged { object: Some(o), path: Some(p), .. })
                        if o.to_string() == id && p == file
                ),
                "{how:?}: {e}"
            );
        }
        assert!(ringboard::ui::open(&opts(Some("HEAD"), None), None).is_ok());
    }
}

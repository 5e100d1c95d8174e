//! `ringboard init [DIR]`: a repository that `check` passes, `git init`
//! only outside a repository, never a byte overwritten (a second init, or
//! one file in the way, exits 2 and changes nothing), and a CI workflow
//! that is valid YAML with the steps plan pull requests need.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use support::cli::{ok, ringboard_alone};
use support::files::folder;
use yaml_rust2::{Yaml, YamlLoader};

/// Every file under `dir` (`.git` included) with its bytes.
fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    out
}

const WRITTEN: [&str; 5] = [
    "boards/people.toml",
    "boards/example-launch.toml",
    ".taplo.toml",
    "schema/plan.schema.json",
    ".github/workflows/plans.yml",
];

#[test]
fn init_then_check_passes_with_no_error_or_warning() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let run = ok(dir.path(), &["--today", "2027-02-01", "init"]);
    let out = run.text();
    assert!(
        out.starts_with("initialised a git repository in .\n"),
        "{out}"
    );
    for file in WRITTEN {
        assert!(out.contains(&format!("created {file}\n")), "{out}");
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    assert!(dir.path().join(".git").is_dir(), "git init ran");
    assert_eq!(
        ok(dir.path(), &["--today", "2027-02-01", "check"]).text(),
        "0 errors, 0 warnings in 2 files\n"
    );
    // The example has something on the board and the agenda.
    let report = ok(dir.path(), &["--today", "2027-02-01", "report"]).text();
    assert!(
        report.contains("Example launch  [example-launch]  priority 1"),
        "{report}"
    );
    assert!(
        report.contains("Creative brief  due 2027-02-08  doing"),
        "{report}"
    );
    // The schema file is what `ringboard schema` prints.
    assert_eq!(
        std::fs::read(dir.path().join("schema/plan.schema.json")).expect("schema"),
        ok(dir.path(), &["schema"]).stdout_bytes
    );
}

#[test]
fn init_into_a_new_folder_creates_it() {
    let parent = tempfile::TempDir::new().expect("tempdir");
    ok(parent.path(), &["init", "plans"]);
    let plans = parent.path().join("plans");
    assert!(plans.join(".git").is_dir());
    assert_eq!(ok(&plans, &["check"]).code, 0);
}

#[test]
fn init_twice_exits_2_lists_the_files_and_changes_nothing() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    ok(dir.path(), &["init"]);
    let before = all_files(dir.path());
    let run = ringboard_alone(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    for file in WRITTEN {
        assert!(run.stderr.contains(file), "{}", run.stderr);
    }
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert_eq!(all_files(dir.path()), before, "not a byte changed");
}

#[test]
fn one_file_in_the_way_stops_everything() {
    let dir = folder(&[(".taplo.toml", "# mine\n")]);
    let run = ringboard_alone(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("would overwrite .taplo.toml (nothing written"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("boards/people.toml"), "{}", run.stderr);
    let files = all_files(dir.path());
    assert_eq!(files.len(), 1, "no other file, and no git init: {files:?}");
    assert_eq!(files[Path::new(".taplo.toml")], b"# mine\n");
}

/// A plain file where one of init's folders goes (`.github`) is in the
/// way too: found before anything is made, `git init` included.
#[test]
fn a_file_where_a_folder_goes_stops_everything() {
    let dir = folder(&[(".github", "not a folder\n")]);
    let run = ringboard_alone(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("would overwrite .github (nothing written"),
        "{}",
        run.stderr
    );
    let files = all_files(dir.path());
    assert_eq!(files.len(), 1, "nothing made, no git init: {files:?}");
    assert!(!dir.path().join(".git").exists());
    assert!(!dir.path().join("boards").exists());
}

#[test]
fn inside_a_repository_init_writes_files_and_leaves_git_alone() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    git2::Repository::init(dir.path()).expect("git init");
    let head = std::fs::read(dir.path().join(".git/HEAD")).expect("HEAD");
    let run = ok(dir.path(), &["init"]);
    assert!(!run.text().contains("initialised"), "{}", run.text());
    assert_eq!(
        std::fs::read(dir.path().join(".git/HEAD")).expect("HEAD"),
        head
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // A folder below the top: written there, with a note on where
    // ringboard and GitHub look.
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let run = ok(dir.path(), &["init", "sub"]);
    assert!(
        run.stderr.contains("is inside the repository at"),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("sub/boards/people.toml").is_file());
}

#[test]
fn rev_does_not_apply_to_init() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let run = ringboard_alone(dir.path(), &["--rev", "HEAD", "init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--rev does not apply to `init`"),
        "{}",
        run.stderr
    );
    assert!(all_files(dir.path()).is_empty());
}

/// The `run` of every step, and the steps by what they use.
fn steps(workflow: &Yaml) -> Vec<&Yaml> {
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    assert_eq!(jobs.len(), 1);
    let (_, job) = jobs.iter().next().expect("a job");
    assert_eq!(job["runs-on"].as_str(), Some("ubuntu-latest"));
    job["steps"].as_vec().expect("steps").iter().collect()
}

#[test]
fn the_workflow_is_yaml_with_checkout_install_check_and_the_diff_comment() {
    let files = ringboard::init::files(jiff::civil::date(2027, 2, 1));
    let (_, text) = files
        .iter()
        .find(|(rel, _)| *rel == ringboard::init::WORKFLOW)
        .expect("workflow");
    let docs = YamlLoader::load_from_str(text).expect("valid YAML");
    assert_eq!(docs.len(), 1);
    let workflow = &docs[0];
    assert!(
        !workflow["on"]["pull_request"].is_badvalue(),
        "runs on pull requests"
    );
    assert_eq!(
        workflow["permissions"]["pull-requests"].as_str(),
        Some("write"),
        "to comment"
    );
    let steps = steps(workflow);
    let run_of = |s: &Yaml| s["run"].as_str().unwrap_or("").to_string();
    let position = |pred: &dyn Fn(&Yaml) -> bool| {
        steps
            .iter()
            .position(|s| pred(s))
            .expect("a step that matches")
    };

    let checkout = position(&|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/checkout@"))
    });
    assert_eq!(
        steps[checkout]["with"]["fetch-depth"].as_i64(),
        Some(0),
        "the merge base must be there"
    );
    let install = position(&|s| run_of(s).contains("cargo install --locked --git"));
    assert!(run_of(steps[install]).contains("ringboard"));
    let check = position(&|s| run_of(s).trim() == "ringboard check --format github");
    let diff = position(&|s| {
        run_of(s).contains(
            "ringboard diff origin/${{ github.base_ref }}...HEAD --format markdown > plan-changes.md",
        )
    });
    let comment = position(&|s| run_of(s).contains("gh pr comment"));
    assert!(run_of(steps[comment]).contains("--body-file plan-changes.md"));
    assert!(
        checkout < install && install < check && check < diff && diff < comment,
        "in order"
    );
    // The diff is posted even when check found errors.
    assert!(
        steps[diff]["if"]
            .as_str()
            .is_some_and(|c| c.contains("!cancelled()")),
        "{:?}",
        steps[diff]
    );
}

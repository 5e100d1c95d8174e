//! No lost update: writers to one file, at the same moment, all land.

use std::process::{Command, Stdio};

use ringboard::load::LoadOptions;
use ringboard::write::{self, ApplyOptions, Edit, PlanFiles};

use super::spring_repo;
use super::support::gitrepo::TestRepo;

/// 100 pairs of `ringboard set` processes, each pair on two deliverables
/// of one file at the same moment: both exit 0 and both edits are there.
#[test]
fn concurrent_set_processes_all_land() {
    let repo = spring_repo();
    let bin = assert_cmd::cargo::cargo_bin("ringboard");
    let home = super::empty_home();
    let set = |arg: String| {
        Command::new(&bin)
            .args([
                "set",
                if arg.starts_with("note=A") {
                    "spring/copy"
                } else {
                    "spring/build"
                },
                &arg,
            ])
            .current_dir(repo.path())
            .env("HOME", home.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    for i in 0..100 {
        let (a, b) = (set(format!("note=A{i}")), set(format!("note=B{i}")));
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {i}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = repo.read("boards/spring.toml");
        assert!(
            text.contains(&format!("note = \"A{i}\"")),
            "round {i}: A lost\n{text}"
        );
        assert!(
            text.contains(&format!("note = \"B{i}\"")),
            "round {i}: B lost\n{text}"
        );
    }
}

/// Threads of one process, each planning and writing its own deliverable
/// of one file many times through the library: every edit lands.
#[test]
fn concurrent_writer_threads_all_land() {
    const WRITERS: usize = 6;
    const ROUNDS: usize = 15;
    let mut plan = String::from("[program]\nname = \"Many\"\n\n[team]\ncore = [\"mei\"]\n");
    for w in 0..WRITERS {
        plan.push_str(&format!(
            "\n[[deliverable]]\nid = \"d{w}\"\ntitle = \"D{w}\"\nowner = \"mei\"\ndue = 2027-03-01\n"
        ));
    }
    let repo = TestRepo::with_plans(&[("many.toml", &plan)]);
    let threads: Vec<_> = (0..WRITERS)
        .map(|w| {
            let dir = repo.path().to_path_buf();
            std::thread::spawn(move || {
                let opts = LoadOptions {
                    repo: Some(dir),
                    ..LoadOptions::default()
                };
                for r in 0..ROUNDS {
                    let (files, lock) = PlanFiles::read_locked(&opts, write::WAIT).expect("read");
                    let edit = Edit::Note(Some(format!("w{w} r{r}")));
                    let draft =
                        write::plan_set(&files, &format!("many/d{w}"), &[edit]).expect("planned");
                    write::apply(&files, &draft, &lock, &ApplyOptions::default()).expect("written");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer thread");
    }
    let text = repo.read("boards/many.toml");
    for w in 0..WRITERS {
        let last = format!("note = \"w{w} r{}\"", ROUNDS - 1);
        assert!(
            text.contains(&last),
            "writer {w} lost its last edit:\n{text}"
        );
    }
}

//! Plans made to be slow or large: each is valid enough to reach deep into
//! the loader, yet within the default size limit (8 MiB a file), the kind
//! a careless export or a hostile pull request could bring. The benchmark
//! suite times `check` and `report` on them; the tests hold that each ends
//! with a bounded answer.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::SynthError;

const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\n";

/// Every kind, by name.
pub const KINDS: [&str; 9] = [
    "dense-needs",
    "unknown-needs",
    "long-owners",
    "brackets",
    "flat-arrays",
    "duplicate-keys",
    "deep-inline",
    "big-team",
    "many-items",
];

/// Writes the plans of `kind` into `out/boards` (created); returns the
/// folder. `Err` for an unknown kind or a write that fails.
pub fn write(kind: &str, out: &Path) -> Result<PathBuf, SynthError> {
    let files: Vec<(&str, String)> = match kind {
        // 1,000 deliverables, each needing all of them (6.7 MB).
        "dense-needs" => {
            let ids: Vec<String> = (0..1000).map(|i| format!("\"{i}\"")).collect();
            let needs = ids.join(", ");
            let mut text = program_head("Dense");
            for i in 0..1000 {
                deliverable(
                    &mut text,
                    &i.to_string(),
                    "mei",
                    &format!("needs = [{needs}]\n"),
                );
            }
            vec![("people.toml", PEOPLE.to_string()), ("dense.toml", text)]
        }
        // 20,000 needs of deliverables that do not exist.
        "unknown-needs" => {
            let mut text = program_head("Unknown");
            for i in 0..200 {
                let needs: Vec<String> = (0..100).map(|j| format!("\"zz{i:03}x{j:03}\"")).collect();
                let extra = format!("needs = [{}]\n", needs.join(", "));
                deliverable(&mut text, &format!("d{i:04}"), "mei", &extra);
            }
            vec![("people.toml", PEOPLE.to_string()), ("unknown.toml", text)]
        }
        // 2,000 unknown 64-character owners against 5,000 64-character ids.
        "long-owners" => {
            let mut people = String::new();
            for i in 0..5000 {
                let id = format!("{}abcd", format!("p{i:05}").repeat(10));
                let _ = write!(
                    people,
                    "[[person]]\nid = \"{id}\"\nname = \"P\"\nring = \"core\"\n"
                );
            }
            let mut text = String::from("[program]\nname = \"Owners\"\n");
            for i in 0..2000 {
                let owner = format!("{}wxyz", format!("q{i:05}").repeat(10));
                deliverable(&mut text, &format!("d{i:04}"), &owner, "");
            }
            vec![("people.toml", people), ("owners.toml", text)]
        }
        // 8 MiB of `[`.
        "brackets" => vec![
            ("people.toml", PEOPLE.to_string()),
            ("brackets.toml", "[".repeat(8 * 1024 * 1024 - 64)),
        ],
        // One array of 2.8 million empty arrays.
        "flat-arrays" => vec![
            ("people.toml", PEOPLE.to_string()),
            ("flat.toml", format!("a = [{}]\n", "[],".repeat(2_790_000))),
        ],
        // 480,000 times the same key.
        "duplicate-keys" => vec![
            ("people.toml", PEOPLE.to_string()),
            ("keys.toml", "a=1\n".repeat(480_000)),
        ],
        // Inline tables nested 2.8 million deep.
        "deep-inline" => vec![
            ("people.toml", PEOPLE.to_string()),
            ("deep.toml", format!("a = {}\n", "{b=".repeat(2_790_000))),
        ],
        // A team of 100,000 people nobody declared.
        "big-team" => {
            let team: Vec<String> = (0..100_000).map(|i| format!("\"x{i}\"")).collect();
            let text = format!(
                "[program]\nname = \"Big\"\n[team]\ncore = [{}]\n",
                team.join(", ")
            );
            vec![("people.toml", PEOPLE.to_string()), ("big.toml", text)]
        }
        // One program of 30,000 milestones, metrics and deliverables each
        // (5.5 MB), all dated 2027-02-01: a semantic diff against a copy
        // with another date compares every one of them.
        "many-items" => {
            let mut text = program_head("Many");
            for i in 0..30_000 {
                let _ = write!(
                    text,
                    "\n[[milestone]]\nname = \"m{i:05}\"\ndate = 2027-02-01\n\n[[metric]]\nid = \"k{i:05}\"\nname = \"K\"\ntarget = 1\n"
                );
            }
            for i in 0..30_000 {
                deliverable(&mut text, &format!("d{i:05}"), "mei", "");
            }
            vec![("people.toml", PEOPLE.to_string()), ("many.toml", text)]
        }
        other => return Err(SynthError::Params(format!("no hostile kind `{other}`"))),
    };
    let boards = out.join("boards");
    std::fs::create_dir_all(&boards).map_err(super::io_err(&boards))?;
    for (name, text) in files {
        let path = boards.join(name);
        std::fs::write(&path, text).map_err(super::io_err(&path))?;
    }
    Ok(out.to_path_buf())
}

fn program_head(name: &str) -> String {
    format!("[program]\nname = \"{name}\"\n[team]\ncore = [\"mei\"]\n")
}

fn deliverable(text: &mut String, id: &str, owner: &str, extra: &str) {
    let _ = write!(
        text,
        "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"T\"\nowner = \"{owner}\"\ndue = 2027-02-01\n{extra}"
    );
}

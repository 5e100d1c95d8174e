//! The keys of plan format 1.1 (deliverable `duration`, milestone `needs`,
//! metric `better`, `baseline`, `by`) as `check` reads them: each error at
//! its value, both readers of a deliverable agreeing, unknown keys still
//! suggested.

use std::sync::Arc;

mod support;

use support::cli::{Run, ringboard_on};
use support::files::folder;
use support::gitrepo::PEOPLE;

const PROGRAM: &str = "[program]\nname = \"Spring\"\n\n[team]\ncore = [\"mei\", \"ana\"]\n\n";

fn deliverable(id: &str, extra: &str) -> String {
    format!(
        "[[deliverable]]\nid = \"{id}\"\ntitle = \"T {id}\"\nowner = \"mei\"\ndue = 2027-02-10\n{extra}\n"
    )
}

/// `check` of the roster and these files under `boards/`.
fn check(files: &[(&str, &str)]) -> Run {
    let mut all = vec![("boards/people.toml", PEOPLE)];
    let paths: Vec<String> = files.iter().map(|(p, _)| format!("boards/{p}")).collect();
    all.extend(
        paths
            .iter()
            .map(String::as_str)
            .zip(files.iter().map(|(_, t)| *t)),
    );
    let dir = folder(&all);
    ringboard_on(dir.path(), &["check"])
}

/// The lines `check` prints about problems, without the summary.
fn problems(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with("boards/"))
        .collect()
}

#[test]
fn a_duration_is_a_whole_number_of_days_from_0_to_3650() {
    for (value, found) in [
        ("-1", "-1"),
        ("1.5", "float"),
        ("\"5d\"", "string"),
        ("1000000000000", "1000000000000"),
        ("3651", "3651"),
        ("99999999999999999999", "99999999999999999999"),
    ] {
        let text = format!(
            "{PROGRAM}{}",
            deliverable("a", &format!("duration = {value}"))
        );
        let run = check(&[("spring.toml", &text)]);
        assert_eq!(run.code, 1, "{value}: {}", run.stdout);
        assert_eq!(
            problems(&run),
            [format!(
                "boards/spring.toml:12:12: error: `duration` must be a whole number of days from 0 to 3650, found {found}"
            )],
            "{value}"
        );
    }
    for value in ["0", "10", "3650"] {
        let text = format!(
            "{PROGRAM}{}",
            deliverable("a", &format!("duration = {value}"))
        );
        let run = check(&[("spring.toml", &text)]);
        assert_eq!((run.code, problems(&run)), (0, vec![]), "{value}");
    }
}

/// The quick reader of plain sections and the general reader read the
/// same duration, and give up on the same bad ones.
#[test]
fn both_readers_read_the_same_duration() {
    for value in [
        "0", "7", "3650", "-1", "1.5", "010", "1_0", "+3", "\"5d\"", "3651",
    ] {
        let text = format!(
            "{PROGRAM}{}{}",
            deliverable("a", &format!("duration = {value}")),
            deliverable("b", "duration = 5 # a week of work\nstatus = \"doing\"")
        );
        let path: Arc<str> = Arc::from("boards/spring.toml");
        let quick = ringboard::parse::parse_file(path.clone(), text.as_bytes());
        let general = ringboard::parse::parse_file_general(path, text.as_bytes());
        assert_eq!(format!("{quick:?}"), format!("{general:?}"), "{value}");
        let prog = quick.program.expect("program");
        assert_eq!(prog.deliverables.last().map(|d| d.duration), Some(Some(5)));
    }
}

#[test]
fn better_is_higher_or_lower() {
    let metric = |better: &str| {
        format!(
            "{PROGRAM}[[metric]]\nid = \"cost\"\nname = \"Cost\"\ntarget = 5000\nbetter = {better}\nbaseline = 100.5\nby = 2027-04-01\n"
        )
    };
    for better in ["\"higher\"", "\"lower\""] {
        let run = check(&[("spring.toml", &metric(better))]);
        assert_eq!((run.code, problems(&run)), (0, vec![]), "{better}");
    }
    let run = check(&[("spring.toml", &metric("\"lowr\""))]);
    assert_eq!(
        problems(&run),
        [
            "boards/spring.toml:11:10: error: unknown better `lowr`: use higher or lower (did you mean `lower`?)"
        ]
    );
    let run = check(&[("spring.toml", &metric("\"more\""))]);
    assert_eq!(
        problems(&run),
        ["boards/spring.toml:11:10: error: unknown better `more`: use higher or lower"]
    );
    let run = check(&[("spring.toml", &metric("1"))]);
    assert_eq!(
        problems(&run),
        ["boards/spring.toml:11:10: error: `better` must be a string, found integer"]
    );
}

#[test]
fn baseline_is_a_number_and_by_a_date() {
    let text = format!(
        "{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\ntarget = 1\nbaseline = \"0\"\nby = \"2027-04-30\"\n"
    );
    let run = check(&[("spring.toml", &text)]);
    assert_eq!(
        problems(&run),
        [
            "boards/spring.toml:11:12: error: `baseline` must be a number, found string",
            "boards/spring.toml:12:6: error: `by` must be a TOML date, not the string \"2027-04-30\": write by = 2027-04-30 without quotes",
        ]
    );
}

/// Milestone `needs` resolve as a deliverable's do: a bare id in the same
/// program, `program/id` in another; a done or dropped one has arrived.
#[test]
fn milestone_needs_name_deliverables_as_deliverable_needs_do() {
    let spring = format!(
        "{PROGRAM}[[milestone]]\nname = \"Launch day\"\ndate = 2027-03-01\nneeds = [\"copy\", \"brief\", \"brand/guide\", \"gone\"]\n\n\
         [[milestone]]\nname = \"Kick-off\"\ndate = 2027-01-10\nneeds = []\n\n{}{}{}",
        deliverable("copy", ""),
        deliverable("brief", "status = \"done\""),
        deliverable("gone", "status = \"dropped\""),
    );
    let brand = format!("{PROGRAM}{}", deliverable("guide", ""));
    let run = check(&[("spring.toml", &spring), ("brand.toml", &brand)]);
    assert_eq!((run.code, problems(&run)), (0, vec![]), "{}", run.stdout);
}

#[test]
fn an_unknown_milestone_need_is_an_error_with_a_suggestion() {
    let spring = format!(
        "{PROGRAM}[[milestone]]\nname = \"launch-day\"\ndate = 2027-03-01\n\
         needs = [\"cpy\", \"launch-day\", \"brand/kickoff\", \"brand/gide\", \"brnd/guide\"]\n\n{}",
        deliverable("copy", ""),
    );
    let brand = format!(
        "{PROGRAM}[[milestone]]\nname = \"kickoff\"\ndate = 2027-01-04\n\n{}",
        deliverable("guide", "")
    );
    let run = check(&[("spring.toml", &spring), ("brand.toml", &brand)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        problems(&run),
        [
            "boards/spring.toml:10:10: error: unknown deliverable `cpy` in needs of milestone \"launch-day\" (did you mean `copy`?)",
            // A milestone is not a deliverable, its own or another program's.
            "boards/spring.toml:10:17: error: unknown deliverable `launch-day` in needs of milestone \"launch-day\"",
            "boards/spring.toml:10:31: error: unknown deliverable `brand/kickoff` in needs of milestone \"launch-day\"",
            "boards/spring.toml:10:48: error: unknown deliverable `brand/gide` in needs of milestone \"launch-day\" (did you mean `brand/guide`?)",
            "boards/spring.toml:10:62: error: unknown program `brnd` in needs `brnd/guide` (did you mean `brand/guide`?)",
        ]
    );
}

#[test]
fn the_new_keys_misspelt_are_warned_about_with_a_suggestion() {
    let text = format!(
        "{PROGRAM}[[milestone]]\nname = \"L\"\ndate = 2027-03-01\nneed = [\"a\"]\n\n\
         [[metric]]\nid = \"cost\"\nname = \"Cost\"\ntarget = 1\nbeter = \"lower\"\nbasline = 0\n\n{}",
        deliverable("a", "durration = 5")
    );
    let run = check(&[("spring.toml", &text)]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        problems(&run),
        [
            "boards/spring.toml:10:1: warning: unknown key `need` in milestone (did you mean `needs`?)",
            "boards/spring.toml:16:1: warning: unknown key `beter` in metric (did you mean `better`?)",
            "boards/spring.toml:17:1: warning: unknown key `basline` in metric (did you mean `baseline`?)",
            "boards/spring.toml:24:1: warning: unknown key `durration` in deliverable (did you mean `duration`?)",
        ]
    );
}

//! The plan schema (`ringboard schema`, `assets/plan.schema.json`) under a
//! JSON Schema validator (boon, draft-07, format assertions on): the
//! shipped file is the command's output byte for byte; every example plan,
//! every file `init` writes and generated portfolios validate; each
//! single-file error of docs/plan-format.md that a schema can express is
//! rejected, and `check` reports it too (the schema never rejects what
//! `check` lets through).

mod support;

use std::path::Path;
use std::sync::Arc;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use serde_json::Value;
use support::cli::ok;

const SCHEMA_URL: &str = "file:///plan.schema.json";

fn schema_text() -> String {
    ringboard::schema::plan_schema()
}

/// The compiled schema.
fn compiled() -> (Schemas, SchemaIndex) {
    let schema: Value = serde_json::from_str(&schema_text()).expect("the schema is JSON");
    let mut schemas = Schemas::new();
    let mut compiler = Compiler::new();
    compiler.set_default_draft(Draft::V7);
    compiler.enable_format_assertions();
    compiler.add_resource(SCHEMA_URL, schema).expect("resource");
    // Compiling checks the schema against the draft-07 metaschema.
    let index = compiler
        .compile(SCHEMA_URL, &mut schemas)
        .expect("a valid draft-07 schema");
    (schemas, index)
}

/// A TOML plan as the JSON an editor validates: dates become strings.
fn to_json(toml_text: &str) -> Value {
    let table: toml::Table = toml::from_str(toml_text).expect("TOML");
    json_of(&toml::Value::Table(table))
}

fn json_of(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(json_of).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), json_of(v))).collect())
        }
    }
}

fn validates(schemas: &Schemas, index: SchemaIndex, toml_text: &str) -> Result<(), String> {
    let json = to_json(toml_text);
    schemas.validate(&json, index).map_err(|e| format!("{e:#}"))
}

/// Errors `check` finds in the file on its own (`path` decides the
/// program id).
fn check_errors(path: &str, text: &str) -> Vec<String> {
    ringboard::parse::parse_file(Arc::from(path), text.as_bytes())
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn the_shipped_schema_is_the_commands_output_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read(root.join("assets/plan.schema.json")).expect("shipped schema");
    let printed = ok(root, &["schema"]).stdout_bytes;
    assert!(
        shipped == printed,
        "assets/plan.schema.json is stale: run `cargo run -- schema > assets/plan.schema.json`"
    );
    assert_eq!(printed, schema_text().into_bytes());
}

#[test]
fn every_example_plan_validates() {
    let (schemas, index) = compiled();
    let mut seen = 0;
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("boards")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("read");
                if let Err(e) = validates(&schemas, index, &text) {
                    panic!("{}: {e}", path.display());
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 5);
}

#[test]
fn generated_portfolios_validate() {
    let (schemas, index) = compiled();
    for seed in [1, 7, 42] {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let params = ringboard_synth::Params {
            programs: 3,
            deliverables: 25,
            people: 30,
            commits: 0,
            seed,
        };
        ringboard_synth::generate(&params, dir.path()).expect("generate");
        for entry in std::fs::read_dir(dir.path().join("boards")).expect("boards") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            if let Err(e) = validates(&schemas, index, &text) {
                panic!("seed {seed}, {}: {e}", path.display());
            }
        }
    }
}

#[test]
fn the_files_init_writes_validate_and_point_editors_at_the_schema() {
    let (schemas, index) = compiled();
    let today = jiff::civil::date(2027, 2, 1);
    for (rel, text) in ringboard::init::files(today) {
        if rel.ends_with(".toml") && rel.starts_with("boards/") {
            validates(&schemas, index, &text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }
    let files = ringboard::init::files(today);
    let taplo = &files
        .iter()
        .find(|(rel, _)| *rel == ringboard::init::TAPLO)
        .expect(".taplo.toml")
        .1;
    let taplo: toml::Table = toml::from_str(taplo).expect("TOML");
    let rule = &taplo["rule"][0];
    assert_eq!(rule["include"][0].as_str(), Some("boards/**/*.toml"));
    assert_eq!(
        rule["schema"]["path"].as_str(),
        Some(ringboard::init::SCHEMA)
    );
    let schema = &files
        .iter()
        .find(|(rel, _)| *rel == ringboard::init::SCHEMA)
        .expect("schema")
        .1;
    assert_eq!(*schema, schema_text());
}

#[test]
fn unknown_keys_are_left_to_checks_warnings() {
    let (schemas, index) = compiled();
    let text = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nstauts = \"x\"\n";
    assert!(check_errors("boards/people.toml", text).is_empty());
    validates(&schemas, index, text).expect("a warning, not an error");
}

const PROGRAM: &str = "[program]\nname = \"P\"\n";
const DELIVERABLE: &str =
    "[[deliverable]]\nid = \"brief\"\ntitle = \"Brief\"\nowner = \"mei\"\ndue = 2027-01-20\n";

/// Each single-file error of docs/plan-format.md a schema can express, as a
/// whole file: (what is wrong, the file).
fn bad_files() -> Vec<(&'static str, String)> {
    let person = |body: &str| format!("[[person]]\n{body}");
    let program = |body: &str| format!("[program]\n{body}");
    let deliverable = |replace: &str, with: &str| {
        assert!(DELIVERABLE.contains(replace), "{replace}");
        format!("{PROGRAM}{}", DELIVERABLE.replace(replace, with))
    };
    let long_id = "a".repeat(65);
    vec![
        (
            "a person id with capitals",
            person("id = \"Mei\"\nname = \"Mei\""),
        ),
        (
            "a person id over 64 characters",
            person(&format!("id = \"{long_id}\"\nname = \"Mei\"")),
        ),
        (
            "a person id starting with `-`",
            person("id = \"-mei\"\nname = \"Mei\""),
        ),
        ("a person without a name", person("id = \"mei\"")),
        ("a person without an id", person("name = \"Mei\"")),
        (
            "a bad ring",
            person("id = \"mei\"\nname = \"Mei\"\nring = \"inner\""),
        ),
        (
            "a number where a name belongs",
            person("id = \"mei\"\nname = 42"),
        ),
        (
            "a control character in a name",
            person("id = \"mei\"\nname = \"Mei\\u001b[31m\""),
        ),
        (
            "`person` as one table",
            "[person]\nid = \"mei\"\nname = \"Mei\"\n".into(),
        ),
        ("a program without a name", program("goal = \"More\"")),
        (
            "a number where the goal belongs",
            program("name = \"P\"\ngoal = 1200"),
        ),
        (
            "text where the priority belongs",
            program("name = \"P\"\npriority = \"high\""),
        ),
        ("a priority below 1", program("name = \"P\"\npriority = 0")),
        (
            "a strategist id with a space",
            program("name = \"P\"\nstrategist = \"mei lin\""),
        ),
        (
            "a date-time where a date belongs",
            program("name = \"P\"\nstart = 2027-01-06T10:00:00"),
        ),
        (
            "a number where a date belongs",
            program("name = \"P\"\nend = 20270430"),
        ),
        ("`program` as a list", "[[program]]\nname = \"P\"\n".into()),
        (
            "a team ring as text",
            format!("{PROGRAM}[team]\ncore = \"mei\"\n"),
        ),
        (
            "a number in a team ring",
            format!("{PROGRAM}[team]\ncore = [1]\n"),
        ),
        (
            "a person twice in one ring",
            format!("{PROGRAM}[team]\ncore = [\"mei\", \"mei\"]\n"),
        ),
        (
            "a bad id in a team ring",
            format!("{PROGRAM}[team]\npartner = [\"North Wind\"]\n"),
        ),
        (
            "[team] without [program]",
            "[team]\ncore = [\"mei\"]\n".into(),
        ),
        ("[[deliverable]] without [program]", DELIVERABLE.into()),
        (
            "a milestone without a date",
            format!("{PROGRAM}[[milestone]]\nname = \"Launch\"\n"),
        ),
        (
            "a milestone without a name",
            format!("{PROGRAM}[[milestone]]\ndate = 2027-03-01\n"),
        ),
        (
            "text where a milestone date belongs",
            format!("{PROGRAM}[[milestone]]\nname = \"L\"\ndate = \"soon\"\n"),
        ),
        (
            "a metric without a target",
            format!("{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\n"),
        ),
        (
            "text where a target belongs",
            format!("{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\ntarget = \"1200\"\n"),
        ),
        (
            "a metric id with capitals",
            format!("{PROGRAM}[[metric]]\nid = \"MQL\"\nname = \"MQL\"\ntarget = 1\n"),
        ),
        (
            "a number where a unit belongs",
            format!("{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\ntarget = 1\nunit = 5\n"),
        ),
        (
            "a bad status",
            deliverable(
                "due = 2027-01-20\n",
                "due = 2027-01-20\nstatus = \"finished\"\n",
            ),
        ),
        (
            "a deliverable without an owner",
            deliverable("owner = \"mei\"\n", ""),
        ),
        (
            "a deliverable without a due date",
            deliverable("due = 2027-01-20\n", ""),
        ),
        (
            "a deliverable without a title",
            deliverable("title = \"Brief\"\n", ""),
        ),
        (
            "a deliverable without an id",
            deliverable("id = \"brief\"\n", ""),
        ),
        (
            "a number where a title belongs",
            deliverable("title = \"Brief\"", "title = 5"),
        ),
        (
            "a deliverable id with a dot",
            deliverable("id = \"brief\"", "id = \"brief.v2\""),
        ),
        (
            "an owner id with capitals",
            deliverable("owner = \"mei\"", "owner = \"Mei\""),
        ),
        (
            "needs as text",
            deliverable(
                "due = 2027-01-20\n",
                "due = 2027-01-20\nneeds = \"research\"\n",
            ),
        ),
        (
            "a bad hand-off",
            deliverable(
                "due = 2027-01-20\n",
                "due = 2027-01-20\nneeds = [\"a/b/c\"]\n",
            ),
        ),
        (
            "a number where a note belongs",
            deliverable("due = 2027-01-20\n", "due = 2027-01-20\nnote = 1\n"),
        ),
        (
            "a date-time where a due date belongs",
            deliverable("due = 2027-01-20", "due = 2027-01-20T09:00:00Z"),
        ),
        (
            "a negative duration",
            deliverable("due = 2027-01-20\n", "due = 2027-01-20\nduration = -1\n"),
        ),
        (
            "a duration over ten years",
            deliverable("due = 2027-01-20\n", "due = 2027-01-20\nduration = 3651\n"),
        ),
        (
            "a fractional duration",
            deliverable("due = 2027-01-20\n", "due = 2027-01-20\nduration = 1.5\n"),
        ),
        (
            "a duration as text",
            deliverable(
                "due = 2027-01-20\n",
                "due = 2027-01-20\nduration = \"5d\"\n",
            ),
        ),
        (
            "a bad `better`",
            format!(
                "{PROGRAM}[[metric]]\nid = \"cost\"\nname = \"Cost\"\ntarget = 1\nbetter = \"less\"\n"
            ),
        ),
        (
            "text where a baseline belongs",
            format!(
                "{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\ntarget = 1\nbaseline = \"0\"\n"
            ),
        ),
        (
            "a number where a metric's `by` belongs",
            format!(
                "{PROGRAM}[[metric]]\nid = \"mql\"\nname = \"MQL\"\ntarget = 1\nby = 20270430\n"
            ),
        ),
        (
            "milestone needs as text",
            format!("{PROGRAM}[[milestone]]\nname = \"L\"\ndate = 2027-03-01\nneeds = \"brief\"\n"),
        ),
        (
            "a bad hand-off in milestone needs",
            format!(
                "{PROGRAM}[[milestone]]\nname = \"L\"\ndate = 2027-03-01\nneeds = [\"a/b/c\"]\n"
            ),
        ),
        (
            "`deliverable` as one table",
            format!(
                "{PROGRAM}{}",
                DELIVERABLE.replace("[[deliverable]]", "[deliverable]")
            ),
        ),
    ]
}

#[test]
fn each_single_file_error_a_schema_can_express_is_rejected() {
    let (schemas, index) = compiled();
    let mut failures = Vec::new();
    for (what, text) in bad_files() {
        let path = if text.contains("[program]") || text.contains("[[program]]") {
            "boards/p.toml"
        } else {
            "boards/people.toml"
        };
        if check_errors(path, &text).is_empty() {
            failures.push(format!("{what}: `check` finds no error in\n{text}"));
        }
        if validates(&schemas, index, &text).is_ok() {
            failures.push(format!("{what}: the schema accepts\n{text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_good_versions_of_those_files_validate() {
    let (schemas, index) = compiled();
    let good = format!(
        "{PROGRAM}goal = \"G\"\nstrategist = \"mei\"\npriority = 1\nstart = 2027-01-06\nend = 2027-04-30\n\
         [team]\ncore = [\"mei\"]\npartner = [\"north-wind\"]\n\
         [[milestone]]\nname = \"Launch\"\ndate = 2027-03-01\nneeds = [\"brief\"]\n\
         [[milestone]]\nname = \"Kick-off\"\ndate = 2027-01-10\nneeds = []\n\
         [[metric]]\nid = \"mql\"\nname = \"MQL\"\nunit = \"leads\"\ntarget = 1200\nactual = 0.5\n\
         better = \"higher\"\nbaseline = 100\nby = 2027-04-01\n\
         [[metric]]\nid = \"cost\"\nname = \"Cost\"\ntarget = 5000.5\nbetter = \"lower\"\nbaseline = 0.5\n\
         {DELIVERABLE}status = \"done\"\nneeds = [\"research\", \"brand-2027/guidelines\"]\nnote = \"ok, 5;\"\n\
         duration = 0\n\
         [[deliverable]]\nid = \"launch\"\ntitle = \"Launch\"\nowner = \"mei\"\ndue = 2027-02-20\nduration = 3650\n\
         [[person]]\nid = \"mei\"\nname = \"林美\"\nring = \"core\"\n"
    );
    assert!(check_errors("boards/p.toml", &good).is_empty());
    validates(&schemas, index, &good).expect("valid");
}

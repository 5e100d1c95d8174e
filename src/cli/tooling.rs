//! `schema`, `init`, `completions` and `man`: what sets up the places
//! people work in (editors, CI, shells). Completions and the manual page
//! are generated from the clap definitions in `args`, the same ones
//! `--help` shows, so they cannot disagree with it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use ringboard::escape::escape_control;
use ringboard::init;

use super::args::{Cli, CompletionsArgs, InitArgs};
use super::{CliError, Inputs, print};

pub fn run_schema() -> Result<ExitCode, CliError> {
    print(&ringboard::schema::plan_schema())
}

/// The shell's registration of ringboard's Tab handler, which completes
/// from the plans of the current repository (`super::complete`).
pub fn run_completions(a: &CompletionsArgs) -> Result<ExitCode, CliError> {
    print(&super::complete::registration(a.shell))
}

pub fn run_man() -> Result<ExitCode, CliError> {
    print(&String::from_utf8_lossy(&man_page()))
}

pub fn run_init(inputs: &Inputs, a: InitArgs) -> Result<ExitCode, CliError> {
    let dir = a.dir.unwrap_or_else(|| PathBuf::from("."));
    let done = init::init(&dir, inputs.today)?;
    let shown = escape_control(&dir.display().to_string());
    let mut out = String::new();
    if done.git_init {
        out.push_str(&format!("initialised a git repository in {shown}\n"));
    }
    for file in &done.written {
        out.push_str(&format!("created {file}\n"));
    }
    if let Some(top) = &done.repository_elsewhere {
        let shown_in = |rel: &str| escape_control(&top.join(rel).display().to_string());
        eprintln!(
            "ringboard: note: {shown} is inside the repository at {}: ringboard reads {} \
             unless you pass --boards, and GitHub runs workflows only from {}",
            shown_in(""),
            shown_in("boards"),
            shown_in(".github/workflows")
        );
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {shown} && ")
    };
    out.push_str(&format!(
        "\nNext: {cd}ringboard check && ringboard\n\
         Edit {} (your team) and {} (your first program);\n\
         in {}, set RINGBOARD_GIT to where your ringboard is built from.\n",
        init::PEOPLE,
        init::PROGRAM,
        init::WORKFLOW
    ));
    print(&out)
}

/// The manual page (docs/cli.md version 3): NAME, SYNOPSIS with every
/// command's arguments, DESCRIPTION, COMMANDS, OPTIONS, BOARD KEYS (from
/// the keymap in force by default, as the board's help), ENVIRONMENT,
/// FILES, EXIT STATUS and EXAMPLES. Help texts are written for a terminal
/// with markdown backticks: the page drops them.
fn man_page() -> Vec<u8> {
    let mut cmd = unmarked(Cli::command());
    cmd.build();
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let mut roff = Roff::new();
    synopsis(&mut roff, &mut cmd);
    roff.control("SH", ["DESCRIPTION"]);
    roff.text([roman(
        "ringboard reads the plans of a marketing or business program from TOML files \
         in a git repository (boards/*.toml) and shows everyone the whole picture: the \
         three rings of people (core, extended, partner), deliverables with owners, \
         deadlines, status and hand-offs, milestones and metrics; where the program is \
         heading (the forecast through the hand-offs, metric pace); what a change means \
         in a plan review; and a stand-up page. With no command it opens the board.",
    )]);
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands_mut() {
        command_section(&mut roff, sub, "ringboard");
    }
    let _ = roff.to_writer(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = Roff::new();
    board_keys(&mut roff);
    listing(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    listing(&mut roff, "FILES", FILES);
    listing(&mut roff, "EXIT STATUS", EXIT_STATUS);
    examples(&mut roff);
    let _ = roff.to_writer(&mut out);
    let _ = man.render_version_section(&mut out);
    once_preamble(out)
}

/// SYNOPSIS: the board, then each command with its arguments.
fn synopsis(roff: &mut Roff, cmd: &mut clap::Command) {
    roff.control("SH", ["SYNOPSIS"]);
    roff.text([bold("ringboard"), roman(" [OPTIONS] [--base REV]")]);
    for sub in cmd.get_subcommands_mut() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        roff.control("br", []);
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").trim();
        let usage = usage.strip_prefix("ringboard ").unwrap_or(usage);
        let rest = usage.strip_prefix(sub.get_name()).unwrap_or("").trim();
        roff.text([
            bold("ringboard "),
            bold(sub.get_name().to_string()),
            roman(format!(" {rest}")),
        ]);
    }
}

/// The board's keys, as its help lists them (the defaults).
fn board_keys(roff: &mut Roff) {
    roff.control("SH", ["BOARD KEYS"]);
    roff.text([roman(
        "The defaults; $XDG_CONFIG_HOME/ringboard/keymap.toml rebinds them, and ? lists the keys in force.",
    )]);
    let (keymap, _) = ringboard::ui::Keymap::load(None);
    for (_, keys, help) in &keymap.listing {
        if keys.is_empty() {
            continue;
        }
        roff.control("TP", []);
        roff.text([bold(keys.join(", "))]);
        roff.text([roman(help.to_string())]);
    }
}

fn listing(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (name, what) in items {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
}

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "RINGBOARD_TODAY",
        "The date that late and due soon are measured against (YYYY-MM-DD), unless --today is given.",
    ),
    (
        "RINGBOARD_ME",
        "Who is using ringboard (a person id), unless --me is given; else the person whose contact is git's user.email.",
    ),
    (
        "NO_COLOR",
        "When set (to anything), no colour, as with --color never.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor the board's E key opens at a plan file's line (VISUAL first).",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the board's own keymap is read from: $XDG_CONFIG_HOME/ringboard/keymap.toml (else ~/.config/ringboard/keymap.toml).",
    ),
    (
        "COMPLETE",
        "Set by the shell completion scripts when Tab is pressed: ringboard then answers with completions read from the plans, and exits.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "boards/**/*.toml",
        "The plans: boards/people.toml (the roster) and one file per program; --boards names another folder.",
    ),
    (
        ".git/ringboard.lock",
        "The writers' lock: set, add and the board's writes take turns on it (.ringboard.lock outside a git repository).",
    ),
    (
        ".NAME.ringboard-tmp",
        "A write's temporary file beside the plan file, renamed over it; a later write removes one a killed run left.",
    ),
    (
        "~/.config/ringboard/keymap.toml",
        "The board's keymap, over the defaults.",
    ),
    (
        "plan.schema.json, .taplo.toml",
        "The JSON Schema of a plan file (ringboard schema) and the editor settings ringboard init writes.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success (check: no errors; warnings allowed)."),
    ("1", "The command ran and found errors (check)."),
    (
        "2",
        "It could not run: a bad argument, no boards directory, an unknown revision, a damaged repository, a refused write; one line on stderr says why.",
    ),
];

fn examples(roff: &mut Roff) {
    roff.control("SH", ["EXAMPLES"]);
    for (line, what) in [
        (
            "ringboard",
            "The board on the plans of the repository you are in.",
        ),
        (
            "ringboard check --format github",
            "Validate the plans in a pull request's CI.",
        ),
        (
            "ringboard diff main --format markdown",
            "What a branch changes in the plans, for the review comment.",
        ),
        (
            "ringboard set spring-launch/email-copy status=done --commit",
            "Change one value and commit that file alone.",
        ),
        (
            "ringboard add spring-launch --title \"Launch webinar\" --owner tom --due +14",
            "Add a deliverable due in two weeks.",
        ),
        (
            "ringboard standup --since yesterday",
            "The stand-up page, full screen, refreshing itself.",
        ),
        (
            "ringboard log spring-launch/landing-page",
            "The history of one deliverable.",
        ),
        (
            "source <(ringboard completions bash)",
            "Tab completes program ids, PROGRAM/ID, people and status words from the plans.",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(line)]);
        roff.text([roman(what)]);
    }
}

/// The command definitions with markdown backticks dropped from every
/// help text (they are for a terminal reader; roff shows them literally).
fn unmarked(cmd: clap::Command) -> clap::Command {
    let plain = |s: &clap::builder::StyledStr| s.to_string().replace('`', "");
    let mut cmd = cmd.mut_args(|a| {
        let help = a.get_help().map(plain);
        let long = a.get_long_help().map(plain);
        let a = match help {
            Some(h) => a.help(h),
            None => a,
        };
        match long {
            Some(h) => a.long_help(h),
            None => a,
        }
    });
    if let Some(about) = cmd.get_about().map(plain) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(plain) {
        cmd = cmd.long_about(about);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, unmarked);
    }
    cmd
}

/// Each section rendered alone starts with roff's quote-character set-up;
/// the page needs it once, at the top.
fn once_preamble(page: Vec<u8>) -> Vec<u8> {
    let page = String::from_utf8_lossy(&page);
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let Some(first) = page.find(preamble) else {
        return page.into_owned().into_bytes();
    };
    let end = first + preamble.len();
    let rest = page[end..].replace(preamble, "");
    format!("{}{rest}", &page[..end]).into_bytes()
}

/// One subcommand (and those under it): its usage, what it does, and the
/// options of its own (the global ones are listed once, under OPTIONS).
fn command_section(roff: &mut Roff, cmd: &mut clap::Command, parent: &str) {
    if cmd.is_hide_set() || cmd.get_name() == "help" {
        return;
    }
    let path = format!("{parent} {}", cmd.get_name());
    roff.control("SS", [path.as_str()]);
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    roff.text([bold(usage)]);
    roff.control("br", []);
    if let Some(about) = cmd.get_long_about().or_else(|| cmd.get_about()) {
        roff.text([roman(about.to_string())]);
    }
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() || arg.is_global_set() || matches!(arg.get_id().as_str(), "help") {
            continue;
        }
        roff.control("TP", []);
        let mut name = Vec::new();
        if let Some(short) = arg.get_short() {
            name.push(bold(format!("-{short}")));
            name.push(roman(", "));
        }
        if let Some(long) = arg.get_long() {
            name.push(bold(format!("--{long}")));
        }
        if arg.get_action().takes_values() {
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| arg.get_id().to_string(), |v| v.to_string());
            if !name.is_empty() {
                name.push(roman(" "));
            }
            name.push(italic(value));
        }
        roff.text(name);
        let mut help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        if !help.is_empty() && !help.ends_with(['.', ')', ']']) {
            help.push('.');
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            help.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        // A flag's default (false) says nothing.
        if !defaults.is_empty() && arg.get_action().takes_values() {
            help.push_str(&format!(" Default: {}.", defaults.join(", ")));
        }
        roff.text([roman(help.trim_start())]);
    }
    let path_for_children = path.clone();
    for sub in cmd.get_subcommands_mut() {
        command_section(roff, sub, &path_for_children);
    }
}

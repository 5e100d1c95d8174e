//! `schema`, `init`, `completions` and `man`: what sets up the places
//! people work in (editors, CI, shells). Completions and the manual page
//! are generated from the clap definitions in `args`, the same ones
//! `--help` shows, so they cannot disagree with it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use ringboard::init;
use ringboard::text::escape_control;

use super::args::{Cli, CompletionsArgs, InitArgs};
use super::{CliError, Inputs, print};

pub fn run_schema() -> Result<ExitCode, CliError> {
    print(&ringboard::schema::plan_schema())
}

pub fn run_completions(a: &CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "ringboard", &mut out);
    print(&String::from_utf8_lossy(&out))
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

/// The manual page: the top-level page clap_mangen renders (name,
/// synopsis, description, the global options), then a COMMANDS section
/// with every subcommand's usage, description and options.
fn man_page() -> Vec<u8> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands_mut() {
        command_section(&mut roff, sub, "ringboard");
    }
    let _ = roff.to_writer(&mut out);
    let _ = man.render_extra_section(&mut out);
    let _ = man.render_version_section(&mut out);
    once_preamble(out)
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

//! ringboard: the whole marketing program, from TOML plans in git.
//!
//! This library is everything but the command line: the domain (model,
//! parsing, loading from the working tree or git objects, validation,
//! derived state), the non-interactive outputs (`check`, `report`), the
//! exports and tooling (`export`, `schema`, `init`), plan reviews
//! (semantic diff, impact, history), the stand-up page, the board, and the
//! refresh engine the last two share. It has no command-line
//! parsing: the binary (`src/main.rs` and `src/cli/`) turns arguments into
//! the plain inputs these modules take.
//! Terminal code lives only in [`ui`], [`standup::screen`] and [`terminal`]
//! (their shared setup and restore).
//! The board's parts that the tests, benches and examples drive are
//! re-exported for them by `ui::testing` (hidden; not an API).

#![deny(unsafe_code)]

pub mod agenda;
mod cache;
mod dates;
pub mod derive;
pub mod diag;
pub mod escape;
pub mod forecast;
mod format;
pub mod git;
pub mod graph;
mod line_index;
pub mod load;
mod markdown;
pub mod me;
pub mod model;
mod pace;
pub mod parse;
pub mod repo;
mod suggest;
pub mod team;
mod terminal;
pub mod unknown;
pub mod validate;
mod value;

pub mod check;
pub mod export;
pub mod init;
pub mod refresh;
pub mod report;
pub mod review;
pub mod schema;
pub mod standup;
pub mod ui;
pub mod write;

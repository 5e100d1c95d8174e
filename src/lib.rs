//! ringboard: the whole marketing program, from TOML plans in git.
//!
//! The library is the domain (model, loading, validation, derived state,
//! reports, reviews) and has no terminal code outside [`ui`] (the board) and the
//! stand-up screen; the binary is a thin command-line front.

pub mod derive;
pub mod diag;
pub mod graph;
pub mod load;
pub mod model;
pub mod parse;
pub mod repo;
pub mod team;
pub mod text;
pub mod validate;

pub mod check;
pub mod cli;
pub mod report;
pub mod review;
pub mod standup;
pub mod ui;

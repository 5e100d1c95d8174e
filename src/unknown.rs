//! The one error for a program or person the plans do not have, however
//! it was named (`--program`, `--person`, `--me`, `RINGBOARD_ME`): one
//! wording, with a "did you mean", for every command.

use std::fmt;

use crate::escape::escape_control;
use crate::model::Portfolio;
use crate::suggest::{self, did_you_mean_id};

/// What a name was meant to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Program,
    Person,
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Named::Program => "program",
            Named::Person => "person in the roster",
        })
    }
}

/// `--person anna: no such person in the roster (did you mean `ana`?)`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{given_by} {id}: no such {what}{hint}")]
pub struct UnknownName {
    /// Where the name came from: an option or an environment variable.
    pub given_by: &'static str,
    pub what: Named,
    /// The name as given, control characters written out.
    pub id: String,
    /// ` (did you mean `ana`?)`, or nothing.
    pub hint: String,
}

/// `Ok` when the plans have program `id` (`given_by` names the option).
pub fn program(portfolio: &Portfolio, given_by: &'static str, id: &str) -> Result<(), UnknownName> {
    if portfolio.program(id).is_some() {
        return Ok(());
    }
    let ids = portfolio.programs.iter().map(|p| p.id.as_str());
    Err(unknown(given_by, Named::Program, id, ids))
}

/// `Ok` when the roster has person `id` (`given_by` names the option).
pub fn person(portfolio: &Portfolio, given_by: &'static str, id: &str) -> Result<(), UnknownName> {
    if portfolio.person(id).is_some() {
        return Ok(());
    }
    // A name typed for an id (`--person "Raj Patel"`) suggests the id.
    let named = portfolio
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()));
    if let Some(close) = suggest::person_named(id, named) {
        return Err(UnknownName {
            given_by,
            what: Named::Person,
            id: escape_control(id),
            hint: suggest::hint(Some(&escape_control(close))),
        });
    }
    let ids = portfolio.people.iter().map(|p| p.id.as_str());
    Err(unknown(given_by, Named::Person, id, ids))
}

fn unknown<'a>(
    given_by: &'static str,
    what: Named,
    id: &str,
    known: impl Iterator<Item = &'a str>,
) -> UnknownName {
    UnknownName {
        given_by,
        what,
        id: escape_control(id),
        hint: escape_control(&did_you_mean_id(id, known)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wording_with_a_suggestion_and_nothing_raw() {
        let plans = crate::load::assemble(
            vec![crate::parse::parse_file(
                "boards/p.toml".into(),
                b"[[person]]\nid = \"ana\"\nname = \"Ana\"\n\n[program]\nname = \"P\"\n",
            )],
            false,
        )
        .0;
        assert_eq!(person(&plans, "--person", "ana"), Ok(()));
        assert_eq!(program(&plans, "--program", "p"), Ok(()));
        assert_eq!(
            person(&plans, "--me", "anna").unwrap_err().to_string(),
            "--me anna: no such person in the roster (did you mean `ana`?)"
        );
        assert_eq!(
            program(&plans, "--program", "q\u{1b}[2J")
                .unwrap_err()
                .to_string(),
            "--program q\\u{1b}[2J: no such program"
        );
    }
}

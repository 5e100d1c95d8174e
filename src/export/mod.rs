//! Exports to the tools people already work in: an iCalendar feed of
//! deadlines and milestones (`ringboard export ics`). The spreadsheet export
//! is a report format (`report --format csv`, [`crate::report`]).

pub mod ics;

use crate::model::Portfolio;
use crate::suggest::did_you_mean;
use crate::text::escape_control;

pub use ics::{IcsOptions, render as render_ics};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("--program {id}: no such program{hint}")]
    UnknownProgram { id: String, hint: String },
    #[error("--person {id}: no such person in the roster{hint}")]
    UnknownPerson { id: String, hint: String },
}

/// Refuses a `--program` or `--person` the plans do not have, with a
/// did-you-mean.
fn check_names(
    portfolio: &Portfolio,
    program: Option<&str>,
    person: Option<&str>,
) -> Result<(), ExportError> {
    if let Some(id) = program
        && portfolio.program(id).is_none()
    {
        let ids = portfolio.programs.iter().map(|p| p.id.as_str());
        return Err(ExportError::UnknownProgram {
            id: escape_control(id),
            hint: did_you_mean(id, ids),
        });
    }
    if let Some(id) = person
        && portfolio.person(id).is_none()
    {
        let ids = portfolio.people.iter().map(|p| p.id.as_str());
        return Err(ExportError::UnknownPerson {
            id: escape_control(id),
            hint: did_you_mean(id, ids),
        });
    }
    Ok(())
}

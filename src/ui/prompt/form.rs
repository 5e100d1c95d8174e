//! The add form: title, owner, due date and an optional id (by default a
//! slug of the title, as `ringboard add` makes it), for a new deliverable
//! of one program.

use jiff::civil::Date;

use super::input::LineInput;
use crate::review::Field;
use crate::write::{Edit, NewDeliverable};

/// The fields, in order.
pub const FIELDS: [&str; 4] = ["title", "owner", "due", "id"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddForm {
    /// The program's id.
    pub program: String,
    /// One input per field of [`FIELDS`].
    pub inputs: [LineInput; 4],
    /// The field being typed in.
    pub field: usize,
}

impl AddForm {
    /// An empty form; the owner filled in with `owner` (the person using
    /// the board, when known).
    pub fn new(program: &str, owner: Option<&str>) -> AddForm {
        let mut inputs: [LineInput; 4] = Default::default();
        inputs[1] = LineInput::with_text(owner.unwrap_or(""));
        AddForm {
            program: program.to_string(),
            inputs,
            field: 0,
        }
    }

    pub fn focused(&mut self) -> &mut LineInput {
        &mut self.inputs[self.field]
    }

    /// The next (or previous) field, wrapping.
    pub fn next(&mut self, step: isize) {
        let n = FIELDS.len() as isize;
        self.field = (self.field as isize + step).rem_euclid(n) as usize;
    }

    /// The new deliverable, or the field at fault and why. The due date is
    /// a date or `+N` / `-N` days from `today`.
    pub fn deliverable(&self, today: Date) -> Result<NewDeliverable, (usize, String)> {
        let text = |i: usize| self.inputs[i].text().trim().to_string();
        let title = text(0);
        if title.is_empty() {
            return Err((0, "a title is needed".to_string()));
        }
        let owner = text(1);
        if owner.is_empty() {
            return Err((1, "an owner is needed (a person id)".to_string()));
        }
        let due = text(2);
        if due.is_empty() {
            return Err((2, "a due date is needed: YYYY-MM-DD or +N days".to_string()));
        }
        let due = match Edit::parse(&format!("due={due}")) {
            Ok(Edit::Due(d)) => d
                .resolve(Field::Due, Some(today))
                .map_err(|e| (2, e.to_string()))?,
            Ok(_) => return Err((2, "not a date".to_string())),
            Err(e) => return Err((2, e.to_string())),
        };
        let id = Some(text(3)).filter(|s| !s.is_empty());
        Ok(NewDeliverable {
            id,
            title,
            owner,
            due,
            ..NewDeliverable::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_and_says_which_is_wrong() {
        let today = jiff::civil::date(2027, 2, 1);
        let mut f = AddForm::new("spring", Some("ana"));
        assert_eq!(f.deliverable(today).unwrap_err().0, 0);
        f.inputs[0] = LineInput::with_text("Launch webinar");
        f.inputs[2] = LineInput::with_text("+7");
        let new = f.deliverable(today).unwrap();
        assert_eq!(new.due, jiff::civil::date(2027, 2, 8));
        assert_eq!((new.owner.as_str(), new.id), ("ana", None));
        f.inputs[2] = LineInput::with_text("2027-02-30");
        let (field, why) = f.deliverable(today).unwrap_err();
        assert_eq!(field, 2);
        assert!(why.contains("not a date"), "{why}");
        f.next(-1);
        assert_eq!(f.field, 3, "wraps");
    }
}

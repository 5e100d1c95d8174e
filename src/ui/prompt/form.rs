//! The add form: title, owner, due date and an optional id (by default a
//! slug of the title, as `ringboard add` makes it), for a new deliverable
//! of one program. The owner is picked as `O` picks one: what is typed
//! narrows the roster (name, id, role, organisation; the program's team
//! first), and the person selected is the owner.

use jiff::civil::Date;

use super::input::LineInput;
use super::picker::{Choice, Picker};
use crate::review::Field;
use crate::ui::action::Action;
use crate::write::{Edit, NewDeliverable};

/// The fields, in order.
pub(crate) const FIELDS: [&str; 4] = ["title", "owner", "due", "id"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddForm {
    /// The program's id.
    pub program: String,
    /// One input per field of [`FIELDS`].
    pub inputs: [LineInput; 4],
    /// The field being typed in.
    pub field: usize,
    /// The people to pick the owner from, narrowed by the owner field.
    pub owners: Picker,
}

/// The owner field's place in [`FIELDS`].
pub(crate) const OWNER: usize = 1;

impl AddForm {
    /// An empty form; the owner filled in with `owner` (the person using
    /// the board, when known), picked from `people`.
    pub fn new(program: &str, owner: Option<&str>, people: Vec<Choice>) -> AddForm {
        let mut inputs: [LineInput; 4] = Default::default();
        inputs[OWNER] = LineInput::with_text(owner.unwrap_or(""));
        let mut form = AddForm {
            program: program.to_string(),
            inputs,
            field: 0,
            owners: Picker::new(people, None),
        };
        form.typed();
        form
    }

    pub fn focused(&mut self) -> &mut LineInput {
        &mut self.inputs[self.field]
    }

    /// The text changed: the owner picker narrows to the owner field.
    pub fn typed(&mut self) {
        self.owners.query = self.inputs[OWNER].clone();
        self.owners.refilter();
    }

    /// A move in the form: in the owner field, up and down choose in its
    /// list; elsewhere they go to the next field, as Tab does.
    pub fn act(&mut self, a: Action, page: usize) {
        match a {
            Action::Down | Action::Up | Action::PageDown | Action::PageUp
                if self.field == OWNER && !self.owners.shown.is_empty() =>
            {
                self.owners.act(a, page)
            }
            Action::Down | Action::NextView => self.next(1),
            Action::Up | Action::PrevView => self.next(-1),
            _ => {}
        }
    }

    /// The owner as the form has it: the person whose id is typed, else
    /// the one selected in the list; or why there is none.
    pub fn owner(&self) -> Result<String, String> {
        let typed = self.inputs[OWNER].text().trim().to_string();
        if typed.is_empty() {
            return Err("an owner is needed: type a name, an id, a role".to_string());
        }
        let exact = self.owners.choices.iter().find(|c| c.value == typed);
        match exact.or_else(|| self.owners.selected()) {
            Some(c) => Ok(c.value.clone()),
            None => Err(format!(
                "nobody matches `{typed}`: type a name, an id, a role"
            )),
        }
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
        let owner = self.owner().map_err(|why| (OWNER, why))?;
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

    fn people() -> Vec<Choice> {
        let c = |id: &str, name: &str, org: &str| {
            Choice::new(id, format!("{name} ({id})"), &[id, name, org])
        };
        vec![
            c("ana", "Ana Souza", "Demand center"),
            c("bluefin", "Bluefin Agency", "Bluefin"),
            c("blake", "Blake Rivers", "Sales"),
        ]
    }

    #[test]
    fn the_owner_is_picked_from_what_is_typed() {
        let today = jiff::civil::date(2027, 2, 1);
        let mut f = AddForm::new("spring", None, people());
        f.inputs[0] = LineInput::with_text("Launch video");
        f.inputs[2] = LineInput::with_text("+5");
        f.field = OWNER;
        for c in "blue".chars() {
            f.focused().insert(c);
            f.typed();
        }
        let owner = f.deliverable(today).map(|d| d.owner).ok();
        assert_eq!(owner.as_deref(), Some("bluefin"));
        // Down chooses in the list, not the next field.
        f.inputs[OWNER] = LineInput::with_text("bl");
        f.typed();
        f.act(Action::Down, 10);
        assert_eq!((f.field, f.owner()), (OWNER, Ok("blake".into())));
        f.inputs[OWNER] = LineInput::with_text("nobody");
        f.typed();
        let (field, why) = f.deliverable(today).unwrap_err();
        assert_eq!(field, OWNER);
        assert!(why.contains("nobody matches `nobody`"), "{why}");
    }

    #[test]
    fn reads_the_fields_and_says_which_is_wrong() {
        let today = jiff::civil::date(2027, 2, 1);
        let mut f = AddForm::new("spring", Some("ana"), people());
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

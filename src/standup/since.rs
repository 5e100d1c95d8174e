//! `--since WHEN`: a date, a revision, `yesterday` or `last-working-day`.
//! Relative words are computed from the `--today` date, never the wall clock.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// What WHEN means before any repository is consulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// Changes made on or after this day (local time).
    Day { date: Date, label: &'static str },
    /// Changes made after this revision (a branch, tag, sha, `HEAD~3`).
    Rev(String),
}

/// Reads WHEN; anything that is not a date or a relative word is taken as a
/// revision and checked later against the repository.
pub fn parse_when(when: &str, today: Date) -> When {
    match when.trim() {
        "yesterday" => When::Day {
            date: today.saturating_sub(1.day()),
            label: "yesterday",
        },
        "last-working-day" | "" => When::Day {
            date: last_working_day(today),
            label: "last working day",
        },
        "today" => When::Day {
            date: today,
            label: "today",
        },
        s => match s.parse::<Date>() {
            Ok(date) => When::Day { date, label: "" },
            Err(_) => When::Rev(s.to_string()),
        },
    }
}

/// The previous Monday-to-Friday day: Friday on Saturday, Sunday and Monday.
pub fn last_working_day(today: Date) -> Date {
    let back = match today.weekday() {
        Weekday::Monday => 3,
        Weekday::Sunday => 2,
        _ => 1,
    };
    today.saturating_sub(back.days())
}

/// The start of `date` in the local time zone, as Unix seconds.
pub fn start_of_day(date: Date) -> i64 {
    match date.to_zoned(crate::review::history::local_zone()) {
        Ok(z) => z.timestamp().as_second(),
        // Out of the time zone's range: a day that far ahead has had no
        // changes yet, one that far back has seen them all.
        Err(_) if date.year() > 0 => i64::MAX,
        Err(_) => i64::MIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn last_working_day_skips_the_weekend() {
        // 2027-02-01 is a Monday.
        assert_eq!(last_working_day(date(2027, 2, 1)), date(2027, 1, 29));
        assert_eq!(last_working_day(date(2027, 1, 31)), date(2027, 1, 29));
        assert_eq!(last_working_day(date(2027, 1, 30)), date(2027, 1, 29));
        assert_eq!(last_working_day(date(2027, 2, 3)), date(2027, 2, 2));
    }

    #[test]
    fn the_edges_of_the_calendar_bound_the_changes_the_right_way() {
        assert_eq!(start_of_day(date(9999, 12, 31)), i64::MAX);
        assert_eq!(start_of_day(date(-9999, 1, 1)), i64::MIN);
        assert!(start_of_day(date(2027, 2, 1)) > 0);
    }

    #[test]
    fn words_dates_and_revisions() {
        let today = date(2027, 2, 1);
        assert_eq!(
            parse_when("yesterday", today),
            When::Day {
                date: date(2027, 1, 31),
                label: "yesterday"
            }
        );
        assert_eq!(
            parse_when("2027-01-20", today),
            When::Day {
                date: date(2027, 1, 20),
                label: ""
            }
        );
        assert_eq!(parse_when("HEAD~2", today), When::Rev("HEAD~2".into()));
    }
}

//! Calendar days and weeks, as every output counts them: whole days
//! between two dates, a count of days as a span that never panics, and
//! weeks from Monday. A leaf: the domain modules build on it.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// The Monday weeks are counted from.
const WEEK_ZERO: Date = jiff::civil::date(2000, 1, 3);

/// Weeks since 2000-01-03 (a Monday): weeks start on Monday.
pub fn week_of(d: Date) -> i32 {
    days_between(WEEK_ZERO, d).div_euclid(7)
}

/// `n` days as a span, clamped to the most jiff's spans hold (about
/// 20,000 years, past every date): a count a user typed may be anything,
/// and jiff panics on a span out of range.
pub fn days(n: i64) -> jiff::Span {
    const MOST: i64 = 7_304_484;
    n.clamp(-MOST, MOST).days()
}

/// The Monday of week `w` ([`week_of`]); any `w` gives a date (clamped to
/// about 8,000 years either way, far inside jiff's range).
pub fn monday_of_week(w: i32) -> Date {
    let days = (i64::from(w) * 7).clamp(-3_000_000, 3_000_000);
    WEEK_ZERO.saturating_add(days.days())
}

/// Whole days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: Date, to: Date) -> i32 {
    // A civil date span's largest unit is days, so this is the whole count.
    from.until(to).map_or(0, |s: Span| s.get_days())
}

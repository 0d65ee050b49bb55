//! DATE and TIME rules that start with a calendar word or a clock: "February 28", "April 2018",
//! "28 February 2021", "Monday", "later this year", "earlier this month", "the 1990s", "the 19th
//! century", "2019-20", "6:30 pm", "shortly after midnight", "10:45 p.m. local time".
//!
//! Durations and ages ("five years", "five-year", "almost two years ago", "45-year-old") start with a
//! number and live in `figures`, which also recognizes bare years ("2016").

use super::calendar::{days_in_month, Ymd};
use super::lexicon;
use super::{Found, Words};
use crate::analysis::{Label, Timex, TimexType, Value};

/// A DATE or TIME starting at token `i`.
pub(crate) fn at(w: &Words, i: usize) -> Option<Found> {
    let key = w.key(i);
    let k = key.as_str();
    // Prefixes that belong to the date: "early 2020", "late last year", "mid-February",
    // "the end of the month", "shortly after midnight".
    if let Some(inner) = prefix_len(w, i) {
        let inner_date = core(w, i + inner).or_else(|| {
            // "early 2020", "the end of 2021": a year after a date prefix (not after "about", where
            // "about 2000 people" is a count).
            if matches!(w.key(i).as_str(), "around" | "about" | "approximately" | "shortly" | "just" | "soon") {
                return None;
            }
            let (y, end) = year_at(w, i + inner)?;
            Some(date(i + inner, end, Some(format!("{y:04}"))))
        });
        if let Some(found) = inner_date {
            if found.start == i + inner && allows_prefix(&found) {
                return Some(Found { start: i, ..found });
            }
        }
    }
    if k == "the" {
        if let Some(found) = core(w, i + 1) {
            if found.start == i + 1 && takes_article(w, i + 1) {
                return Some(Found { start: i, ..found });
            }
        }
        return None;
    }
    core(w, i)
}

fn allows_prefix(found: &Found) -> bool {
    matches!(found.label, Label::Date | Label::Time)
}

/// Number of tokens of a prefix at `i` that is part of a following date ("early", "the end of", …).
fn prefix_len(w: &Words, i: usize) -> Option<usize> {
    const PREFIXES: &[&[&str]] = &[
        &["the", "end", "of"],
        &["the", "beginning", "of"],
        &["the", "start", "of"],
        &["the", "middle", "of"],
        &["the", "first", "half", "of"],
        &["the", "second", "half", "of"],
        &["the", "early"],
        &["the", "late"],
        &["the", "mid"],
        &["end", "of"],
        &["early"],
        &["late"],
        &["mid"],
        &["earlier"],
        &["later"],
        &["shortly", "after"],
        &["shortly", "before"],
        &["just", "after"],
        &["just", "before"],
        &["soon", "after"],
        &["around"],
        &["about"],
        &["approximately"],
    ];
    let first = w.key(i);
    let f = first.as_str();
    if !matches!(
        f,
        "the"
            | "end"
            | "early"
            | "late"
            | "mid"
            | "earlier"
            | "later"
            | "shortly"
            | "just"
            | "soon"
            | "around"
            | "about"
            | "approximately"
    ) {
        return None;
    }
    PREFIXES.iter().find(|p| w.seq(i, p)).map(|p| p.len())
}

/// Whether "the" before the date at `i` belongs to it ("the 1990s", "the 19th century", "the weekend").
fn takes_article(w: &Words, i: usize) -> bool {
    let word = w.get(i);
    let key = w.key(i);
    let k = key.as_str();
    decade(word).is_some()
        || word.starts_with(['\'', '’'])
        || matches!(
            k,
            "weekend"
                | "past"
                | "previous"
                | "following"
                | "next"
                | "coming"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "same"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
                | "last"
                | "final"
        )
        || lexicon::ordinal(k).is_some()
        || word_decade(k).is_some()
}

/// A date or time starting exactly at `i`, without prefixes.
fn core(w: &Words, i: usize) -> Option<Found> {
    let word = w.get(i);
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        return time_digits(w, i).map(|t| with_day(w, t)).or_else(|| day_month(w, i)).or_else(|| digit_forms(w, i));
    }
    if first == '\'' || first == '’' {
        return apostrophe_decade(w, i);
    }
    if first.is_uppercase() {
        if let Some(found) = month_first(w, i) {
            return Some(found);
        }
        if let Some(found) = weekday(w, i) {
            return Some(found);
        }
        if let Some(found) = holiday(w, i) {
            return Some(found);
        }
        if let Some(q) = quarter_token(word) {
            let (year, end) = match year_at(w, i + 1) {
                Some((y, e)) => (Some(y), e),
                None => (None, i + 1),
            };
            let value = year.map(|y| format!("{y:04}-Q{q}"));
            return Some(date(i, end, value));
        }
    }
    relative(w, i)
        .or_else(|| named_time(w, i).map(|t| with_day(w, t)))
        .or_else(|| century_words(w, i))
        .or_else(|| after_article(w, i))
}

/// A clock time followed by its day ("10 a.m. Wednesday", "noon Thursday", "16:00 UTC today"): one
/// TIME whose value is the day and the time.
fn with_day(w: &Words, found: Found) -> Found {
    let clock = match &found.value {
        Some(Value::Time { iso }) if iso.len() == 5 && iso.as_bytes().get(2) == Some(&b':') => iso.clone(),
        _ => return found,
    };
    let day = weekday(w, found.end).filter(|d| d.start == found.end && d.label == Label::Date).or_else(|| {
        relative(w, found.end).filter(|d| {
            d.label == Label::Date
                && d.end == found.end + 1
                && matches!(w.key(found.end).as_str(), "today" | "yesterday" | "tomorrow")
        })
    });
    match day {
        Some(d) => {
            let iso = match &d.value {
                Some(Value::Date { iso }) if iso.len() == 10 => Some(format!("{iso}T{clock}")),
                _ => None,
            };
            Found {
                start: found.start,
                end: d.end,
                label: Label::Time,
                value: iso.map(|iso| Value::Time { iso }),
                timex: None,
            }
        }
        None => found,
    }
}

/// Holidays: "Christmas Day", "Christmas Eve", "New Year's Day", "New Year's Eve", "Valentine's Day",
/// "Halloween", "Independence Day" (4 July), "Boxing Day", "Thanksgiving (Day)" (the fourth Thursday of
/// November), "Easter (Sunday)", "Good Friday", "Labor Day" (the first Monday of September), "Memorial
/// Day" (the last Monday of May). The year is the occurrence nearest the anchor, turned by tense.
fn holiday(w: &Words, i: usize) -> Option<Found> {
    let possessive = |j: usize| matches!(w.get(j), "'s" | "’s");
    let (end, date_in): (usize, fn(i32) -> Option<Ymd>) = match w.get(i) {
        "Christmas" if w.get(i + 1) == "Eve" => (i + 2, |y| Ymd::new(y, 12, 24)),
        "Christmas" if w.get(i + 1) == "Day" => (i + 2, |y| Ymd::new(y, 12, 25)),
        "Christmas" if !w.capitalized(i + 1) => (i + 1, |y| Ymd::new(y, 12, 25)),
        "New" if w.get(i + 1) == "Year" && possessive(i + 2) && w.get(i + 3) == "Eve" => {
            (i + 4, |y| Ymd::new(y, 12, 31))
        }
        "New" if w.get(i + 1) == "Year" && possessive(i + 2) && w.get(i + 3) == "Day" => (i + 4, |y| Ymd::new(y, 1, 1)),
        "Valentine" if possessive(i + 1) && w.get(i + 2) == "Day" => (i + 3, |y| Ymd::new(y, 2, 14)),
        "Halloween" => (i + 1, |y| Ymd::new(y, 10, 31)),
        "Independence" if w.get(i + 1) == "Day" => (i + 2, |y| Ymd::new(y, 7, 4)),
        "Boxing" if w.get(i + 1) == "Day" => (i + 2, |y| Ymd::new(y, 12, 26)),
        "Thanksgiving" => (i + 1 + usize::from(w.get(i + 1) == "Day"), |y| nth_weekday(y, 11, 3, 4)),
        "Labor" | "Labour" if w.get(i + 1) == "Day" => (i + 2, |y| nth_weekday(y, 9, 0, 1)),
        "Memorial" if w.get(i + 1) == "Day" => (i + 2, |y| nth_weekday(y, 6, 0, 1).map(|d| d.add_days(-7))),
        "Easter" => (i + 1 + usize::from(w.get(i + 1) == "Sunday"), easter),
        "Good" if w.get(i + 1) == "Friday" => (i + 2, |y| easter(y).map(|d| d.add_days(-2))),
        _ => return None,
    };
    // Part of a name ("Christmas Island", "Easter Rising"): a capitalized word follows.
    if w.capitalized(end) && !w.headline() && lexicon::month(w.get(end)).is_none() {
        return None;
    }
    // "Christmas 2019", "Easter 2021"
    if let Some((y, after)) = year_at(w, end) {
        return Some(date(i, after, date_in(y).map(Ymd::iso)));
    }
    let value = w.anchor.and_then(|a| {
        let this_year = date_in(a.y)?;
        let y = year_for(w, i, this_year.m, this_year.d)?;
        date_in(y).map(Ymd::iso)
    });
    Some(date(i, end, value))
}

/// The `n`th weekday `wd` (Monday = 0) of month `m` of year `y`.
fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<Ymd> {
    let first = Ymd::new(y, m, 1)?;
    let offset = (i64::from(wd) - i64::from(first.weekday())).rem_euclid(7);
    Some(first.add_days(offset + 7 * i64::from(n - 1)))
}

/// Easter Sunday of year `y` (Gregorian computus, anonymous algorithm).
fn easter(y: i32) -> Option<Ymd> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Ymd::new(y, month as u32, day as u32)
}

/// Dates that need "the" before them: "the nineties", "the first quarter (of 2020)".
fn after_article(w: &Words, i: usize) -> Option<Found> {
    if !w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the") {
        return None;
    }
    let key = w.key(i);
    let k = key.as_str();
    if let Some(y) = word_decade(k) {
        return Some(date(i, i + 1, Some(format!("{y:04}/{:04}", y + 9))));
    }
    let q = match k {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "last" | "final" => 4,
        _ => return None,
    };
    if !w.is(i + 1, "quarter") {
        return None;
    }
    if let Some((y, end)) = year_at(w, i + 3).filter(|_| w.is(i + 2, "of")) {
        let value = (q > 0).then(|| format!("{y:04}-Q{q}"));
        return Some(date(i, end, value));
    }
    // "the first quarter of last year"
    let shift = match w.key(i + 3).as_str() {
        "last" | "previous" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    };
    if let Some(shift) = shift.filter(|_| w.is(i + 2, "of") && w.is(i + 4, "year")) {
        return Some(date(i, i + 5, w.anchor.map(|a| format!("{:04}-Q{q}", a.y + shift))));
    }
    Some(date(i, i + 2, w.anchor.map(|_| super::timex::quarter_value(w, q))))
}

fn date(start: usize, end: usize, iso: Option<String>) -> Found {
    Found { start, end, label: Label::Date, value: iso.map(|iso| Value::Date { iso }), timex: None }
}

fn time(start: usize, end: usize, iso: Option<String>) -> Found {
    Found { start, end, label: Label::Time, value: iso.map(|iso| Value::Time { iso }), timex: None }
}

/// A full date (day, month, year) at `i`, for datelines: the date and the token after it.
pub(crate) fn full_date_at(w: &Words, i: usize) -> Option<(Ymd, usize)> {
    let word = w.get(i);
    if let Some(ymd) = iso_date(word) {
        return Some((ymd, i + 1));
    }
    let found = if word.starts_with(|c: char| c.is_ascii_digit()) { day_month(w, i) } else { month_first(w, i) }?;
    match found.value {
        Some(Value::Date { ref iso }) if iso.len() == 10 => {
            let y = iso.get(0..4)?.parse().ok()?;
            let m = iso.get(5..7)?.parse().ok()?;
            let d = iso.get(8..10)?.parse().ok()?;
            Some((Ymd::new(y, m, d)?, found.end))
        }
        _ => None,
    }
}

/// The month at `i` ("February", "Feb."), and the token after it.
fn month_at(w: &Words, i: usize) -> Option<(u32, usize)> {
    let word = w.get(i);
    let m = lexicon::month(word)?;
    let abbreviated = word.len() <= 4 && !matches!(word, "May" | "June" | "July" | "MAY");
    if abbreviated && w.get(i + 1) == "." && w.glued(i) {
        return Some((m, i + 2));
    }
    Some((m, i + 1))
}

/// A day of the month at `i` ("28", "28th", "25-28"): first day, last day of a range, next token.
fn day_at(w: &Words, i: usize) -> Option<(u32, Option<u32>, usize)> {
    let word = w.get(i);
    let parse_day = |s: &str| -> Option<u32> {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix_ok = digits.len() == s.len() || lexicon::ordinal(s).is_some();
        (suffix_ok && (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    if let Some((a, b)) = word.split_once(['-', '–']) {
        let (a, b) = (parse_day(a)?, parse_day(b)?);
        return (a < b).then_some((a, Some(b), i + 1));
    }
    Some((parse_day(word)?, None, i + 1))
}

/// A year at `i` ("2018"), and the token after it.
fn year_at(w: &Words, i: usize) -> Option<(i32, usize)> {
    let word = w.get(i);
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
        .map(|y| (y, i + 1))
        // "nineteen ninety-four" (not "two thousand", a count as often as a year)
        .or_else(|| super::timex::spelled_year(w, i).filter(|_| !w.is(i, "two")))
}

/// The year of month `m`, day `d` (0: the whole month) named without one: the occurrence nearest the
/// anchor, unless the tense of the clause points the other way and the other occurrence is within
/// about two months ("late November" in a March story is the November before; "in December" in a
/// March story that says "will" is the December after); "since" always looks back.
fn year_for(w: &Words, i: usize, m: u32, d: u32) -> Option<i32> {
    let a = w.anchor?;
    if m == a.m && (d == 0 || d == a.d) {
        return Some(a.y);
    }
    // Positions in days (months of 31 days), or in months for a whole month.
    // How near the nearest occurrence must be to win against the tense of the clause: within two
    // months of days (a deadline in a past-tense clause: "had been set to expire Nov. 6"), the next
    // month in a past-tense clause, two months in a future-tense one.
    let (here, there, span, near_past, near_future) = if d == 0 {
        (i64::from(a.m), i64::from(m), 12, 1, 2)
    } else {
        (i64::from(a.m) * 31 + i64::from(a.d), i64::from(m) * 31 + i64::from(d), 12 * 31, 62, 62)
    };
    // The occurrence on or before the anchor is `back` units back; the one after is `ahead` away.
    let (back_year, back) = if there <= here { (a.y, here - there) } else { (a.y - 1, here + span - there) };
    let ahead = span - back;
    let prev = w.key(i.wrapping_sub(1));
    let tense = if prev.as_str() == "since" { Some(false) } else { super::timex::tense_near(w, i) };
    let forward = match tense {
        Some(false) if prev.as_str() == "since" => false,
        Some(false) => ahead < back && ahead <= near_past,
        Some(true) => back > near_future || ahead < back,
        None => ahead < back,
    };
    Some(if forward { back_year + 1 } else { back_year })
}

fn ymd_iso(y: Option<i32>, m: u32, d: u32, anchor: Option<Ymd>) -> Option<String> {
    match y.or(anchor.map(|a| a.y)) {
        Some(y) if d <= days_in_month(y, m) => Some(format!("{y:04}-{m:02}-{d:02}")),
        Some(_) => None,
        None => Some(format!("--{m:02}-{d:02}")),
    }
}

fn day_value(y: Option<i32>, m: u32, d: u32, d2: Option<u32>, anchor: Option<Ymd>) -> Option<String> {
    let first = ymd_iso(y, m, d, anchor)?;
    match d2 {
        Some(d2) => Some(format!("{first}/{}", ymd_iso(y, m, d2, anchor)?)),
        None => Some(first),
    }
}

/// "February 28", "Feb. 28, 2021", "February 28th", "April 2018", "April of 2018", "February".
fn month_first(w: &Words, i: usize) -> Option<Found> {
    let (m, j) = month_at(w, i)?;
    if let Some((d, d2, k)) = day_at(w, j) {
        // "February 28, 2021", "February 28 2021"
        let comma = usize::from(w.get(k) == ",");
        if let Some((y, end)) = year_at(w, k + comma) {
            return Some(date(i, end, day_value(Some(y), m, d, d2, None)));
        }
        return Some(date(i, k, day_value(year_for(w, i, m, d), m, d, d2, w.anchor)));
    }
    let of = usize::from(w.is(j, "of") || (w.get(j) == "," && year_at(w, j + 1).is_some()));
    if let Some((y, end)) = year_at(w, j + of) {
        return Some(date(i, end, Some(format!("{y:04}-{m:02}"))));
    }
    // "April last year", "June next year": one date.
    let shift = match w.key(j).as_str() {
        "last" => Some(-1),
        "next" => Some(1),
        "this" => Some(0),
        _ => None,
    };
    if let Some(shift) = shift.filter(|_| w.is(j + 1, "year")) {
        return Some(date(i, j + 2, w.anchor.map(|a| format!("{:04}-{m:02}", a.y + shift))));
    }
    // A bare month: ambiguous words ("May", "March") need a cue before them; none may start a name
    // ("June Carter").
    let prev = w.key(i.wrapping_sub(1));
    let cue = matches!(
        prev.as_str(),
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "mid"
            | "of"
            | "from"
            | "through"
            | "between"
            | "before"
            | "after"
            | "during"
            | "and"
            | "to"
            | "or"
            | "end"
    );
    if (lexicon::ambiguous_month(w.get(i)) && !cue) || (w.capitalized(j) && w.get(j) != "," && !w.headline()) {
        return None;
    }
    if w.get(i).len() <= 4 && !matches!(w.get(i), "May" | "June" | "July") && j == i + 1 {
        return None;
    }
    let value = w.anchor.map(|a| {
        let y = match prev.as_str() {
            "last" => a.y - i32::from(m >= a.m),
            "next" => a.y + i32::from(m <= a.m),
            "this" => a.y,
            _ => year_for(w, i, m, 0).unwrap_or(a.y),
        };
        format!("{y:04}-{m:02}")
    });
    let start = if matches!(prev.as_str(), "last" | "next" | "this") { i - 1 } else { i };
    Some(date(start, j, value))
}

/// "28 February", "28th February 2021", "28th of February".
fn day_month(w: &Words, i: usize) -> Option<Found> {
    let (d, d2, j) = day_at(w, i)?;
    let of = usize::from(w.is(j, "of"));
    let (m, k) = month_at(w, j + of)?;
    if let Some((y, end)) = year_at(w, k) {
        return Some(date(i, end, day_value(Some(y), m, d, d2, None)));
    }
    Some(date(i, k, day_value(year_for(w, i, m, d), m, d, d2, w.anchor)))
}

/// Dates written as one token or with slashes: "2021-02-28", "2019-20", "2010-2015", "1990s", "28/02/2021",
/// "21st-century", "mid-2020".
fn digit_forms(w: &Words, i: usize) -> Option<Found> {
    let word = w.get(i);
    if let Some(ymd) = iso_date(word) {
        return Some(date(i, i + 1, Some(ymd.iso())));
    }
    if let Some((from, to)) = word.split_once(['-', '–']) {
        if let (Some(a), Some(b)) = (year_value(from), short_year_after(from, to)) {
            if a < b && b - a <= 30 {
                return Some(date(i, i + 1, Some(format!("{a:04}/{b:04}"))));
            }
        }
        if let (Some(n), true) = (lexicon::ordinal(&from.to_ascii_lowercase()), to.eq_ignore_ascii_case("century")) {
            return Some(date(i, i + 1, century_value(n)));
        }
    }
    if let Some((a, b)) = decade(word) {
        return Some(date(i, i + 1, Some(format!("{a:04}/{b:04}"))));
    }
    // "the 19th century", "19th-century"
    if let Some(n) = lexicon::ordinal(w.key(i).as_str()) {
        if w.is(i + 1, "century") && w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the") {
            return Some(date(i, i + 2, century_value(n)));
        }
    }
    // 28/02/2021 or 02/28/2021: the value only when the day and month cannot be swapped.
    if w.get(i + 1) == "/" && w.get(i + 3) == "/" && w.glued(i) && w.glued(i + 1) && w.glued(i + 2) && w.glued(i + 3) {
        let a: u32 = small(word)?;
        let b: u32 = small(w.get(i + 2))?;
        let (y, _) = year_at(w, i + 4)?;
        let value = match (a, b) {
            (a, b) if a > 12 && b <= 12 => ymd_iso(Some(y), b, a, None),
            (a, b) if b > 12 && a <= 12 => ymd_iso(Some(y), a, b, None),
            (a, b) if a == b => ymd_iso(Some(y), a, b, None),
            _ => None,
        };
        return Some(date(i, i + 5, value));
    }
    None
}

fn small(s: &str) -> Option<u32> {
    ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn year_value(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

/// The second year of "2019-20" or "2010-2015".
fn short_year_after(from: &str, to: &str) -> Option<i32> {
    let century: i32 = from.get(..2)?.parse().ok()?;
    match to.len() {
        2 if to.bytes().all(|b| b.is_ascii_digit()) => Some(century * 100 + to.parse::<i32>().ok()?),
        4 => year_value(to),
        _ => None,
    }
}

/// "2021-02-28".
fn iso_date(word: &str) -> Option<Ymd> {
    let mut parts = word.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Ymd::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// "1990s" → (1990, 1999); "1800s" → (1800, 1899).
fn decade(word: &str) -> Option<(i32, i32)> {
    let digits = word.strip_suffix('s')?;
    let y = year_value(digits)?;
    if y % 100 == 0 && y != 2000 {
        return Some((y, y + 99));
    }
    (y % 10 == 0).then_some((y, y + 9))
}

/// "the nineties" → the 1990s.
fn word_decade(k: &str) -> Option<i32> {
    Some(match k {
        "twenties" => 1920,
        "thirties" => 1930,
        "forties" => 1940,
        "fifties" => 1950,
        "sixties" => 1960,
        "seventies" => 1970,
        "eighties" => 1980,
        "nineties" => 1990,
        _ => return None,
    })
}

/// "'90s", "’90s" (after "the").
fn apostrophe_decade(w: &Words, i: usize) -> Option<Found> {
    let next = w.get(i + 1);
    if !w.glued(i) || !w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the") {
        return None;
    }
    let digits = next.strip_suffix('s')?;
    let n: i32 = small(digits)? as i32;
    if digits.len() != 2 || n % 10 != 0 {
        return None;
    }
    let value = match n {
        0 | 10 => Some(2000 + n),
        20 => None,
        _ => Some(1900 + n),
    };
    Some(date(i, i + 2, value.map(|y| format!("{y:04}/{:04}", y + 9))))
}

fn century_value(n: i64) -> Option<String> {
    (1..=30).contains(&n).then(|| format!("{:04}/{:04}", (n - 1) * 100, (n - 1) * 100 + 99))
}

/// "the twentieth century".
fn century_words(w: &Words, i: usize) -> Option<Found> {
    let n = lexicon::ordinal(w.key(i).as_str())?;
    (w.is(i + 1, "century") && w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the"))
        .then(|| date(i, i + 2, century_value(n)))
}

/// "Q1", "Q4".
fn quarter_token(word: &str) -> Option<u32> {
    match word {
        "Q1" => Some(1),
        "Q2" => Some(2),
        "Q3" => Some(3),
        "Q4" => Some(4),
        _ => None,
    }
}

/// Future-tense cues in the sentence decide whether a bare weekday is the next one or the last one.
fn future_sentence(w: &Words) -> bool {
    (w.lo..w.hi).any(|j| {
        let key = w.key(j);
        matches!(
            key.as_str(),
            "will" | "'ll" | "shall" | "scheduled" | "due" | "expected" | "plans" | "planned" | "upcoming"
        ) || w.get(j) == "’ll"
    })
}

/// "Monday", "last Monday", "Monday, February 28", "Monday morning" (TIME).
fn weekday(w: &Words, i: usize) -> Option<Found> {
    let word = w.get(i);
    if !lexicon::full_weekday(word) {
        return None;
    }
    let wd = lexicon::weekday(word)?;
    let prev = w.key(i.wrapping_sub(1));
    // "the Sunday Telegraph", "the Sunday Times": a weekday after "the" and before a name.
    if prev.as_str() == "the" && w.capitalized(i + 1) && lexicon::month(w.get(i + 1)).is_none() {
        return None;
    }
    let (start, direction) = match prev.as_str() {
        "last" | "past" => (i - 1, -1),
        "next" | "this" | "coming" => (i - 1, 1),
        // "as soon as Tuesday": ahead; "Friday's session": gone.
        _ if w.seq(i.wrapping_sub(3), &["as", "soon", "as"]) || w.seq(i.wrapping_sub(3), &["as", "early", "as"]) => {
            (i, 1)
        }
        _ if matches!(w.get(i + 1), "'s" | "’s") => (i, -1),
        _ => (i, if super::timex::tense_near(w, i).unwrap_or_else(|| future_sentence(w)) { 1 } else { -1 }),
    };
    // "Monday, February 28, 2021": one date.
    let comma = usize::from(w.get(i + 1) == ",");
    if let Some(found) = month_first(w, i + 1 + comma).filter(|f| f.start == i + 1 + comma && has_day(f)) {
        return Some(Found { start, ..found });
    }
    let resolved = w.anchor.map(|a| {
        let aw = a.weekday() as i64;
        let delta = if direction < 0 {
            let back = (aw - wd as i64).rem_euclid(7);
            -(if prev.as_str() == "last" && back == 0 { 7 } else { back })
        } else {
            let fwd = (wd as i64 - aw).rem_euclid(7);
            if prev.as_str() == "next" && fwd == 0 {
                7
            } else {
                fwd
            }
        };
        a.add_days(delta)
    });
    if let Some(part) = day_part(w.key(i + 1).as_str()) {
        return Some(time(start, i + 2, resolved.map(|d| format!("{}T{part}", d.iso()))));
    }
    Some(date(start, i + 1, resolved.map(Ymd::iso)))
}

fn has_day(found: &Found) -> bool {
    matches!(&found.value, Some(Value::Date { iso }) if iso.len() >= 7 && (iso.starts_with("--") || iso.len() >= 10))
}

/// Parts of the day, as TIMEX3 codes.
fn day_part(k: &str) -> Option<&'static str> {
    Some(match k {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// "today", "yesterday", "this year", "last month", "earlier this month" (via the prefix), "the past
/// week", "the weekend", "recent years", "the coming days", "this morning" (TIME), "tonight" (TIME).
fn relative(w: &Words, i: usize) -> Option<Found> {
    let key = w.key(i);
    let k = key.as_str();
    let anchor = w.anchor;
    // Capitalized inside a sentence, these words belong to a title ("Are You Lonesome Tonight", "the
    // Today programme").
    if w.capitalized(i)
        && i > w.lo
        && !w.headline()
        && !matches!(w.get(i - 1), "\"" | "“" | "‘" | "'" | "``" | "`" | "(" | "—" | "-")
    {
        return None;
    }
    match k {
        "today" | "yesterday" | "tomorrow" => {
            let day = anchor.map(|a| {
                a.add_days(match k {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                })
            });
            if let Some(part) = day_part(w.key(i + 1).as_str()) {
                return Some(time(i, i + 2, day.map(|d| format!("{}T{part}", d.iso()))));
            }
            Some(date(i, i + 1, day.map(Ymd::iso)))
        }
        "tonight" | "overnight" if k == "tonight" => Some(time(i, i + 1, anchor.map(|a| format!("{}TNI", a.iso())))),
        "this" | "last" | "next" | "past" | "previous" | "following" | "coming" | "same" => {
            // "past", "previous", "following", "coming", "same" only after "the" (`at` adds it).
            let after_the = w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the");
            if matches!(k, "past" | "previous" | "following" | "coming" | "same") && !after_the {
                return None;
            }
            let unit_key = w.key(i + 1);
            let unit = unit_key.as_str();
            // "the same quarter (a year earlier)", "this year's third quarter": the business periods of
            // `timex`.
            if k == "same" && matches!(unit, "quarter" | "period") {
                return None;
            }
            if unit == "year" && matches!(w.get(i + 2), "'s" | "’s") && w.is(i + 4, "quarter") {
                return None;
            }
            if let Some(part) = day_part(unit) {
                // "this morning", "last night"
                if matches!(k, "this" | "last") && (unit != "night" || k == "last") || (k == "this" && unit == "night")
                {
                    let day = anchor.map(|a| if k == "last" && unit == "night" { a.add_days(-1) } else { a });
                    return Some(time(i, i + 2, day.map(|d| format!("{}T{part}", d.iso()))));
                }
                return None;
            }
            if matches!(unit, "days" | "weeks" | "months" | "years" | "decades") {
                // "the past few years", "the coming weeks"
                return (after_the && k != "same").then(|| date(i, i + 2, None));
            }
            if matches!(unit, "few" | "several")
                && matches!(w.key(i + 2).as_str(), "days" | "weeks" | "months" | "years" | "decades")
            {
                return after_the.then(|| date(i, i + 3, None));
            }
            let offset = match k {
                "this" | "same" => 0,
                "last" | "past" | "previous" => -1,
                _ => 1,
            };
            if matches!(k, "past" | "coming") {
                // "the past year" is the last twelve months: a duration.
                let iso = match unit {
                    "year" => "P1Y",
                    "month" => "P1M",
                    "week" => "P1W",
                    "decade" => "P10Y",
                    "day" => "P1D",
                    _ => return None,
                };
                return Some(date(i, i + 2, Some(iso.to_owned())));
            }
            let value = |a: Ymd| -> Option<String> {
                Some(match unit {
                    "year" => format!("{:04}", a.y + offset),
                    "month" => {
                        let (y, m) = a.add_months(offset);
                        format!("{y:04}-{m:02}")
                    }
                    "week" => a.add_days(7 * i64::from(offset)).iso_week_string(),
                    "weekend" => format!("{}-WE", a.add_days(7 * i64::from(offset)).iso_week_string()),
                    "day" => a.add_days(i64::from(offset)).iso(),
                    "decade" => {
                        let d = (a.y / 10 + offset) * 10;
                        format!("{d:04}/{:04}", d + 9)
                    }
                    "quarter" => {
                        let q = (a.m - 1) / 3 + 1;
                        let (y, q) = match (offset, q) {
                            (-1, 1) => (a.y - 1, 4),
                            (1, 4) => (a.y + 1, 1),
                            (o, q) => (a.y, (q as i32 + o) as u32),
                        };
                        format!("{y:04}-Q{q}")
                    }
                    "spring" | "summer" | "autumn" | "fall" | "winter" => {
                        let code = lexicon::season_code(unit)?;
                        format!("{:04}-{code}", a.y + offset)
                    }
                    _ => return None,
                })
            };
            if !matches!(
                unit,
                "year"
                    | "month"
                    | "week"
                    | "weekend"
                    | "day"
                    | "decade"
                    | "quarter"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
                    | "century"
            ) {
                return None;
            }
            // "the same day", "the following day", "the next day": relative to the story, not the anchor.
            let resolvable = matches!(k, "this" | "last" | "next") && !after_the;
            Some(date(i, i + 2, if resolvable { anchor.and_then(value) } else { None }))
        }
        "weekend" if w.get(i.wrapping_sub(1)).eq_ignore_ascii_case("the") => Some(date(i, i + 1, None)),
        // "recent years": a past reference in TIMEX3.
        "recent" => matches!(w.key(i + 1).as_str(), "days" | "weeks" | "months" | "years" | "decades").then(|| Found {
            timex: Some(Timex { kind: TimexType::Date, value: "PAST_REF".to_owned() }),
            ..date(i, i + 2, None)
        }),
        "spring" | "summer" | "autumn" | "fall" | "winter" => {
            // "summer 2019", "the summer of 2019"
            let of = usize::from(w.is(i + 1, "of"));
            let (y, end) = year_at(w, i + 1 + of)?;
            Some(date(i, end, lexicon::season_code(k).map(|c| format!("{y:04}-{c}"))))
        }
        "mid" => None,
        _ if k.starts_with("mid-") || k.starts_with("late-") || k.starts_with("early-") => {
            // "mid-2020", "mid-February", "mid-1990s", "late-November"
            let rest = w.get(i).split_once('-')?.1;
            if !k.starts_with("mid-") {
                let m = lexicon::month(rest)?;
                return Some(date(
                    i,
                    i + 1,
                    anchor.and_then(|a| year_for(w, i, m, 0).or(Some(a.y))).map(|y| format!("{y:04}-{m:02}")),
                ));
            }
            if let Some(y) = year_value(rest) {
                return Some(date(i, i + 1, Some(format!("{y:04}"))));
            }
            if let Some((a, b)) = decade(rest) {
                return Some(date(i, i + 1, Some(format!("{a:04}/{b:04}"))));
            }
            let m = lexicon::month(rest)?;
            Some(date(
                i,
                i + 1,
                anchor.and_then(|a| year_for(w, i, m, 0).or(Some(a.y))).map(|y| format!("{y:04}-{m:02}")),
            ))
        }
        _ => None,
    }
}

/// "noon", "midnight", "six o'clock".
fn named_time(w: &Words, i: usize) -> Option<Found> {
    let key = w.key(i);
    match key.as_str() {
        "noon" | "midday" => Some(time(i, i + 1, Some("12:00".into()))),
        "midnight" => Some(time(i, i + 1, Some("00:00".into()))),
        k => {
            let h = lexicon::number_word(k)?;
            let next = w.get(i + 1);
            if matches!(next, "o'clock" | "o’clock") && (1.0..=12.0).contains(&h) {
                return Some(time(i, i + 2, None));
            }
            None
        }
    }
}

/// Clock times: "6:30 pm", "10:45 p.m. local time", "18:30 GMT", "6pm", "6 a.m.".
fn time_digits(w: &Words, i: usize) -> Option<Found> {
    let word = w.get(i);
    // "6pm", "11am"
    let lower = w.key(i);
    let l = lower.as_str();
    if let Some(h) = l.strip_suffix("pm").or_else(|| l.strip_suffix("am")) {
        let h: u32 = small(h)?;
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = l.ends_with("pm");
        let end = zone_after(w, i + 1);
        return Some(time(i, end, Some(format!("{:02}:00", to_24(h, pm)))));
    }
    // "1300 GMT", "2100GMT": a four-digit clock time with a time zone.
    if word.len() == 4 || (word.len() == 7 && l.ends_with("gmt")) {
        let digits = l.get(..4)?;
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            let (hh, mm): (u32, u32) = (digits.get(..2)?.parse().ok()?, digits.get(2..)?.parse().ok()?);
            let zoned = if word.len() == 7 { i + 1 } else { zone_after(w, i + 1) };
            if hh <= 23 && mm <= 59 && (word.len() == 7 || zoned > i + 1) {
                return Some(time(i, zoned, Some(format!("{hh:02}:{mm:02}"))));
            }
        }
        if word.len() == 7 {
            return None;
        }
    }
    let h: u32 = small(word)?;
    let (minutes, mut end) = if w.get(i + 1) == ":" && w.glued(i) && w.glued(i + 1) {
        let mm = w.get(i + 2);
        let m: u32 = (mm.len() == 2).then(|| small(mm)).flatten()?;
        if m > 59 || h > 24 {
            return None;
        }
        // seconds: "10:45:30"
        let end = if w.get(i + 3) == ":" && w.glued(i + 2) && small(w.get(i + 4)).is_some() { i + 5 } else { i + 3 };
        (Some(m), end)
    } else {
        (None, i + 1)
    };
    let (meridiem, after) = meridiem_at(w, end);
    let mut h24 = h;
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&h) {
            return None;
        }
        h24 = to_24(h, pm);
        end = after;
    }
    let zoned = zone_after(w, end);
    let cue = matches!(
        w.key(i.wrapping_sub(1)).as_str(),
        "at" | "by" | "until" | "till" | "from" | "around" | "about" | "before" | "after" | "since"
    );
    match (minutes, meridiem.is_some(), zoned > end, cue) {
        (Some(m), true, _, _) | (Some(m), _, true, _) | (Some(m), _, _, true) => {
            Some(time(i, zoned, Some(format!("{h24:02}:{m:02}"))))
        }
        (None, true, _, _) => Some(time(i, zoned, Some(format!("{h24:02}:00")))),
        _ => None,
    }
}

fn to_24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

/// "pm", "p.m.", "PM", "a.m." at `i`: whether it is pm, and the token after it (with its period).
fn meridiem_at(w: &Words, i: usize) -> (Option<bool>, usize) {
    let key = w.key(i);
    let pm = match key.as_str() {
        "pm" | "p.m" => true,
        "am" | "a.m" => false,
        _ => return (None, i),
    };
    // "AM" alone after a number is ambiguous with the word "am" only in lowercase prose: "I am".
    let dotted = key.as_str().contains('.');
    if dotted && w.get(i + 1) == "." && w.glued(i) {
        return (Some(pm), i + 2);
    }
    (Some(pm), i + 1)
}

/// The token after a time zone or "local time" following token `i - 1`, or `i`.
fn zone_after(w: &Words, i: usize) -> usize {
    if w.is(i, "local") && w.is(i + 1, "time") {
        return i + 2;
    }
    let zone = w.get(i);
    if matches!(
        zone,
        "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
            | "EET"
            | "EEST"
            | "EST"
            | "EDT"
            | "CST"
            | "CDT"
            | "MST"
            | "MDT"
            | "PST"
            | "PDT"
            | "ET"
            | "PT"
            | "MSK"
            | "IST"
            | "JST"
            | "AEST"
            | "AEDT"
    ) {
        return i + 1;
    }
    i
}

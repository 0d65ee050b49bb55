//! TIMEX3 readings of DATE and TIME matches (TimeML, as TempEval-3 scores them): the type (DATE, TIME,
//! DURATION, SET) and the value string.
//!
//! Most rules only produce a label and an ISO value; `derive` turns that into TIMEX3 (`1990/1999` →
//! `199`, `--02-28` → `XXXX-02-28`, `P5Y` → DURATION, a clock time → the anchor's day at that time).
//! Rules that know more (present and past references, sets, business quarters) set `Found::timex`
//! themselves. Ages ("45 years old", "Smith, 45,") are DATE in OntoNotes but not TIMEX3: no reading.

use super::{Found, Words};
use crate::analysis::{Label, Timex, TimexType, Value};

/// The TIMEX3 reading of a DATE or TIME match that did not set one.
pub(crate) fn derive(w: &Words, found: &Found) -> Option<Timex> {
    if is_age(w, found) {
        return None;
    }
    let iso = match &found.value {
        Some(Value::Date { iso }) | Some(Value::Time { iso }) => iso.as_str(),
        _ => return Some(relative_to_anchor(w, found).unwrap_or_else(|| unresolved(w, found))),
    };
    if iso.starts_with('P') {
        return Some(Timex { kind: TimexType::Duration, value: iso.to_owned() });
    }
    if found.label == Label::Time {
        // A clock time in UTC or GMT is marked `Z`.
        let zulu = if (found.start..found.end).any(|j| matches!(w.get(j), "UTC" | "GMT")) { "Z" } else { "" };
        if iso.len() == 5 && iso.as_bytes().get(2) == Some(&b':') {
            let day = w.anchor.map_or_else(|| "XXXX-XX-XX".to_owned(), |a| a.iso());
            return Some(Timex { kind: TimexType::Time, value: format!("{day}T{iso}{zulu}") });
        }
        let zulu = if iso.contains(':') { zulu } else { "" };
        return Some(Timex { kind: TimexType::Time, value: format!("{iso}{zulu}") });
    }
    // "the first half of 2020", "the second half of this year"
    if iso.len() == 4 && w.is(found.start + 2, "half") && w.is(found.start + 3, "of") && w.is(found.start, "the") {
        if w.is(found.start + 1, "first") {
            return Some(Timex { kind: TimexType::Date, value: format!("{iso}-H1") });
        }
        if w.is(found.start + 1, "second") {
            return Some(Timex { kind: TimexType::Date, value: format!("{iso}-H2") });
        }
    }
    Some(Timex { kind: TimexType::Date, value: date_value(iso) })
}

/// A DATE value in TIMEX3 form: ranges of years become the decade or century they cover, a range of days
/// its first day, a day without a year `XXXX-MM-DD`.
pub(crate) fn date_value(iso: &str) -> String {
    if let Some(rest) = iso.strip_prefix("--") {
        return format!("XXXX-{rest}");
    }
    if let Some((a, b)) = iso.split_once('/') {
        if let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>()) {
            if a % 10 == 0 && b == a + 9 {
                return format!("{:03}", a / 10);
            }
            if a % 100 == 0 && b == a + 99 {
                return format!("{:02}", a / 100);
            }
        }
        return a.to_owned();
    }
    iso.to_owned()
}

/// Value-less dates that TIMEX3 resolves against the anchor all the same: "the last week" (the ISO
/// week before the anchor), "the previous year", "the following month", "the same day", "the weekend"
/// (the one before the anchor, or after it in a future-tense clause), "the winter" (`XXXX-WI`: no year).
fn relative_to_anchor(w: &Words, found: &Found) -> Option<Timex> {
    let date = |value: String| Some(Timex { kind: TimexType::Date, value });
    let last = w.key(found.end.saturating_sub(1));
    let l = last.as_str();
    if let Some(code) = super::lexicon::season_code(l) {
        if found.end == found.start + 2 && w.is(found.start, "the") {
            return date(format!("XXXX-{code}"));
        }
    }
    let a = w.anchor?;
    if l == "weekend" && found.end.saturating_sub(found.start) <= 2 {
        let wd = i64::from(a.weekday());
        let future = tense_near(w, found.start) == Some(true);
        let day = if future || wd >= 5 { a } else { a.add_days(-7) };
        return date(format!("{}-WE", day.iso_week_string()));
    }
    if found.end != found.start + 3 || !w.is(found.start, "the") {
        return None;
    }
    let which = w.key(found.start + 1);
    let offset: i32 = match which.as_str() {
        "last" | "past" | "previous" | "prior" => -1,
        "following" | "next" | "coming" => 1,
        "same" => 0,
        _ => return None,
    };
    match l {
        "day" => date(a.add_days(i64::from(offset)).iso()),
        "week" => date(a.add_days(7 * i64::from(offset)).iso_week_string()),
        "month" => {
            let (y, m) = a.add_months(offset);
            date(format!("{y:04}-{m:02}"))
        }
        "year" => date(format!("{:04}", a.y + offset)),
        _ => None,
    }
}

/// A DATE or TIME without a value: a stretch counted in plural units is a duration of unknown length
/// ("the past few years": `PXY`); anything else a date left open.
fn unresolved(w: &Words, found: &Found) -> Timex {
    let last = w.key(found.end.saturating_sub(1));
    let unit = match last.as_str() {
        "years" => Some("Y"),
        "months" => Some("M"),
        "weeks" => Some("W"),
        "days" => Some("D"),
        "decades" => Some("DE"),
        "hours" => Some("TH"),
        "minutes" => Some("TM"),
        _ => None,
    };
    match unit {
        Some(u) if u.starts_with('T') => Timex { kind: TimexType::Duration, value: format!("PTX{}", &u[1..]) },
        Some(u) => Timex { kind: TimexType::Duration, value: format!("PX{u}") },
        None if found.label == Label::Time => Timex { kind: TimexType::Time, value: "XXXX-XX-XXTXX:XX".to_owned() },
        None => Timex { kind: TimexType::Date, value: "XXXX-XX-XX".to_owned() },
    }
}

/// An age: "45 years old", "a 45-year-old", "aged 45", "Smith, 45,".
fn is_age(w: &Words, found: &Found) -> bool {
    let last = w.key(found.end.saturating_sub(1));
    let l = last.as_str();
    l == "old"
        || l.ends_with("-old")
        || matches!(w.key(found.start.wrapping_sub(1)).as_str(), "age" | "aged")
        || (found.end == found.start + 1
            && matches!(&found.value, Some(Value::Date { iso }) if iso.starts_with('P'))
            && w.get(found.start).bytes().all(|b| b.is_ascii_digit()))
}

/// Words that can open a match of `at`.
pub(crate) fn starts(k: &str) -> bool {
    matches!(
        k,
        "now"
            | "currently"
            | "presently"
            | "nowadays"
            | "recently"
            | "lately"
            | "soon"
            | "current"
            | "these"
            | "daily"
            | "weekly"
            | "monthly"
            | "yearly"
            | "hourly"
            | "every"
            | "each"
            | "year-earlier"
            | "year-ago"
            | "fiscal"
            | "present"
            | "first-quarter"
            | "second-quarter"
            | "third-quarter"
            | "fourth-quarter"
            | "first-half"
            | "second-half"
            | "mondays"
            | "tuesdays"
            | "wednesdays"
            | "thursdays"
            | "fridays"
            | "saturdays"
            | "sundays"
            | "nineteen"
            | "eighteen"
            | "year-end"
            | "several"
            | "few"
            | "many"
            | "years"
            | "months"
            | "weeks"
            | "decades"
            | "days"
            | "centuries"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "year"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "this"
            | "last"
            | "a"
    )
}

/// Words after "the" that make "the" open a match of `at`.
pub(crate) fn after_the(k: &str) -> bool {
    matches!(
        k,
        "future"
            | "past"
            | "present"
            | "near"
            | "short"
            | "long"
            | "quarter"
            | "latest"
            | "current"
            | "year-earlier"
            | "year-ago"
            | "fiscal"
            | "most"
            | "year"
            | "first-quarter"
            | "second-quarter"
            | "third-quarter"
            | "fourth-quarter"
            | "comparable"
            | "same"
            | "prior"
            | "day"
            | "years"
            | "decades"
            | "centuries"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "full"
            | "couple"
    )
}

fn reading(start: usize, end: usize, kind: TimexType, value: String) -> Found {
    let label = if kind == TimexType::Time || value.starts_with("PT") { Label::Time } else { Label::Date };
    let iso = (!value.contains('X') && !value.ends_with("_REF")).then(|| value.clone());
    let value_out = iso.map(|iso| if label == Label::Time { Value::Time { iso } } else { Value::Date { iso } });
    Found { start, end, label, value: value_out, timex: Some(Timex { kind, value }) }
}

fn reference(start: usize, end: usize, value: &str) -> Found {
    Found {
        start,
        end,
        label: Label::Date,
        value: None,
        timex: Some(Timex { kind: TimexType::Date, value: value.to_owned() }),
    }
}

/// Present, past and future references ("now", "recently", "the future"), sets ("daily", "every
/// week", "each Monday", "Sundays") and business periods ("third-quarter", "the quarter", "the
/// year-earlier period", "fiscal 1990", "the fiscal year") starting at `i`. `date_at` is the calendar-date
/// rules (`dates::at`, which run first and read these words' tense here), for "the week of March 6".
pub(crate) fn at(w: &Words, i: usize, date_at: fn(&Words, usize) -> Option<Found>) -> Option<Found> {
    let key = w.key(i);
    let k = key.as_str();
    // Most tokens that reach here (digits, "the" before a figure) open nothing here: leave at once.
    if !starts(k) && k != "the" {
        return None;
    }
    // Capitalized inside a sentence, these words belong to a name ("China Daily", "Future Shock").
    let named = w.capitalized(i)
        && i > w.lo
        && !w.headline()
        && !matches!(w.get(i - 1), "\"" | "“" | "``" | "`" | "(" | "—" | "-" | ":");
    if named && k != "the" && !k.ends_with("days") {
        return None;
    }
    let next = w.key(i + 1);
    let n = next.as_str();
    match k {
        "now" if n != "-" => Some(reference(i, i + 1, "PRESENT_REF")),
        "currently" | "presently" | "nowadays" => Some(reference(i, i + 1, "PRESENT_REF")),
        "present" if matches!(w.key(i.wrapping_sub(1)).as_str(), "at") => Some(reference(i, i + 1, "PRESENT_REF")),
        "these" if n == "days" => Some(reference(i, i + 2, "PRESENT_REF")),
        "recently" | "lately" => Some(reference(i, i + 1, "PAST_REF")),
        "soon" if !matches!(n, "after" | "before" | "as" | "enough") && !w.is(i.wrapping_sub(1), "as") => {
            Some(reference(i, i + 1, "FUTURE_REF"))
        }
        "current" => current(w, i, i),
        "daily" | "weekly" | "monthly" | "yearly" | "hourly" => {
            let value = match k {
                "daily" => "P1D",
                "weekly" => "P1W",
                "monthly" => "P1M",
                "hourly" => "PT1H",
                "quarterly" => "P3M",
                _ => "P1Y",
            };
            Some(reading(i, i + 1, TimexType::Set, value.to_owned()))
        }
        "every" | "each" => every(w, i),
        "mondays" | "tuesdays" | "wednesdays" | "thursdays" | "fridays" | "saturdays" | "sundays" => {
            let wd = super::lexicon::weekday(w.get(i).trim_end_matches('s'))?;
            Some(reading(i, i + 1, TimexType::Set, format!("XXXX-WXX-{}", wd + 1)))
        }
        "first-quarter" | "second-quarter" | "third-quarter" | "fourth-quarter" => {
            let q = quarter_number(k)?;
            Some(quarter_found(w, i, i + 1, q))
        }
        "first-half" | "second-half" => {
            let h = if k == "first-half" { 1 } else { 2 };
            let value = w
                .anchor
                .map_or_else(|| format!("XXXX-H{h}"), |a| format!("{:04}-H{h}", a.y - i32::from(h == 2 && a.m <= 6)));
            Some(reading(i, i + 1, TimexType::Date, value))
        }
        "year-earlier" | "year-ago" => {
            let end = period_after(w, i + 1);
            // "compared with year-earlier net income" in a sentence on nine months: the year before
            let value = if end == i + 1 { year_earlier_timex(w).value } else { year_earlier(w) };
            Some(reading(i, end, TimexType::Date, value))
        }
        "first" | "second" | "third" | "fourth" if n == "quarter" && !w.is(i.wrapping_sub(1), "the") => {
            // "its third quarter", "a weak fourth quarter"; "the third quarter" is in `dates`
            let q = super::lexicon::ordinal(k)? as u32;
            Some(quarter_found(w, i, i + 2, q))
        }
        "year" if n == "end" || (matches!(n, "'s" | "’s") && w.is(i + 2, "end")) => {
            let end = if n == "end" { i + 2 } else { i + 3 };
            let value =
                w.anchor.map_or_else(|| "XXXX-12-31".to_owned(), |a| format!("{:04}-12-31", a.y - i32::from(a.m < 7)));
            Some(reading(i, end, TimexType::Date, value))
        }
        "this" | "last" if n == "year's" || (n == "year" && matches!(w.get(i + 2), "'s" | "’s")) => {
            // "this year's third quarter"
            let j = if n == "year" { i + 3 } else { i + 2 };
            let q = super::lexicon::ordinal(w.key(j).as_str()).filter(|q| (1..=4).contains(q))? as u32;
            if !w.is(j + 1, "quarter") {
                return None;
            }
            let y = w.anchor.map(|a| a.y - i32::from(k == "last"));
            Some(reading(i, j + 2, TimexType::Date, y.map_or_else(|| format!("XXXX-Q{q}"), |y| format!("{y:04}-Q{q}"))))
        }
        "a" if n == "couple" && w.is(i + 2, "of") => {
            let unit = w.key(i + 3);
            let code = unit_code(unit.as_str()).filter(|_| unit.as_str().ends_with('s'))?;
            let value = if code.len() == 1 {
                format!("P2{code}")
            } else {
                format!("P{}Y", if code == "DE" { 20 } else { 200 })
            };
            Some(reading(i, i + 4, TimexType::Duration, value))
        }
        "year-end" => {
            let value =
                w.anchor.map_or_else(|| "XXXX-12-31".to_owned(), |a| format!("{:04}-12-31", a.y - i32::from(a.m < 7)));
            Some(reading(i, i + 1, TimexType::Date, value))
        }
        "fiscal" => fiscal(w, i, i),
        "nineteen" | "eighteen" => {
            let (y, end) = spelled_year(w, i)?;
            Some(reading(i, end, TimexType::Date, format!("{y:04}")))
        }
        "several" | "few" | "many" => vague_duration(w, i, i),
        "a" if n == "few" => vague_duration(w, i, i + 1),
        "years" | "months" | "weeks" | "decades" | "days" | "centuries" => {
            // "for years", "within days", "in recent weeks" is elsewhere
            let prev = w.key(i.wrapping_sub(1));
            (matches!(prev.as_str(), "for" | "within" | "in" | "over")
                && !matches!(n, "of" | "'" | "’")
                && !w.capitalized(i + 1))
            .then(|| Some(reading(i, i + 1, TimexType::Duration, format!("PX{}", unit_code(k)?))))
            .flatten()
        }
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" => quarters(w, i, i),
        "the" => the(w, i, date_at),
        _ => None,
    }
}

fn unit_code(k: &str) -> Option<&'static str> {
    Some(match k.trim_end_matches('s') {
        "year" => "Y",
        "month" => "M",
        "week" => "W",
        "day" => "D",
        "decade" => "DE",
        "centurie" | "century" => "CE",
        "quarter" => "Q",
        _ => return None,
    })
}

/// "several years", "a few weeks", "many months" (from the vague word at `at`; the match starts at
/// `start`); "several years ago" is a past reference.
fn vague_duration(w: &Words, start: usize, at: usize) -> Option<Found> {
    let mut j = at;
    if w.is(j, "few") && w.is(j.wrapping_sub(1), "a") && start == j {
        return None; // "a few": the match starts at "a"
    }
    if !matches!(w.key(j).as_str(), "several" | "few" | "many") {
        return None;
    }
    j += 1;
    if w.is(j, "more") {
        j += 1;
    }
    let unit = w.key(j);
    let code = unit_code(unit.as_str()).filter(|_| unit.as_str().ends_with('s'))?;
    if w.is(j + 1, "ago") || w.is(j + 1, "earlier") && !w.lowercase(j + 2) {
        return Some(reference(start, j + 2, "PAST_REF"));
    }
    Some(reading(start, j + 1, TimexType::Duration, format!("PX{code}")))
}

/// "two quarters", "three consecutive quarters": a duration counted in quarters (`P2Q`).
fn quarters(w: &Words, start: usize, at: usize) -> Option<Found> {
    let n = super::lexicon::number_word(w.key(at).as_str())?;
    let mut j = at + 1;
    if matches!(w.key(j).as_str(), "consecutive" | "straight" | "successive") {
        j += 1;
    }
    (w.is(j, "quarters") && !w.is(j + 1, "of"))
        .then(|| reading(start, j + 1, TimexType::Duration, format!("P{}Q", n as i64)))
}

/// "the future", "the past", "the quarter", "the year-earlier period", "the fiscal year", "the year".
fn the(w: &Words, i: usize, date_at: fn(&Words, usize) -> Option<Found>) -> Option<Found> {
    let next = w.key(i + 1);
    let n = next.as_str();
    let after = w.key(i + 2);
    let a = after.as_str();
    if matches!(n, "past" | "last" | "next" | "first" | "coming" | "previous" | "following") {
        if let Some(found) = quarters(w, i, i + 2) {
            return Some(found);
        }
    }
    match n {
        "future" => Some(reference(i, i + 2, "FUTURE_REF")),
        "spring" | "summer" | "autumn" | "fall" | "winter" if !w.is(i + 2, "of") => {
            Some(reading(i, i + 2, TimexType::Date, format!("XXXX-{}", super::lexicon::season_code(n)?)))
        }
        "years" | "decades" | "centuries"
            if matches!(w.key(i.wrapping_sub(1)).as_str(), "over" | "through" | "across") =>
        {
            Some(reading(i, i + 2, TimexType::Duration, format!("PX{}", unit_code(n)?)))
        }
        "day"
            if matches!(
                w.key(i.wrapping_sub(1)).as_str(),
                "in" | "during"
                    | "of"
                    | "for"
                    | "end"
                    | "ending"
                    | "ended"
                    | "finish"
                    | "finished"
                    | "close"
                    | "closed"
            ) && !w.is(i + 2, "of")
                && !w.is(i + 2, "before")
                && !w.is(i + 2, "after") =>
        {
            Some(reading(i, i + 2, TimexType::Date, w.anchor.map_or_else(|| "XXXX-XX-XX".to_owned(), |a| a.iso())))
        }
        // "the week of March 6": the ISO week of that day
        "week" if a == "of" => {
            let day = date_at(w, i + 3)?;
            let Some(Value::Date { iso }) = &day.value else { return None };
            let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
            let [y, m, d] = parts[..] else { return None };
            let ymd = super::Ymd::new(y as i32, m, d)?;
            Some(reading(i, day.end, TimexType::Date, ymd.iso_week_string()))
        }
        // "for the week", "the week's busiest session": a week the text does not name (`1989-WXX`)
        "week"
            if (matches!(a, "'s" | "’s") || matches!(w.key(i.wrapping_sub(1)).as_str(), "for" | "during"))
                && !matches!(a, "of" | "before" | "after" | "ahead" | "ended" | "ending") =>
        {
            let value = w.anchor.map_or_else(|| "XXXX-WXX".to_owned(), |a| format!("{:04}-WXX", a.y));
            Some(reading(i, i + 2, TimexType::Date, value))
        }
        // "the past" alone, not "the past 20 years" (a duration, in `figures`)
        "past"
            if (!w.lowercase(i + 2)
                && !w.get(i + 2).starts_with(|c: char| c.is_ascii_digit())
                && super::lexicon::number_word(a).is_none())
                || matches!(a, "and" | "or" | "is" | "was" | "has" | "to" | "but")
                // "in the past it has...", "in the past that they...": a clause follows, not a noun
                || (w.is(i.wrapping_sub(1), "in")
                    && matches!(a, "it" | "he" | "she" | "we" | "they" | "i" | "you" | "that" | "the" | "a" | "an" | "this" | "there")) =>
        {
            Some(reference(i, i + 2, "PAST_REF"))
        }
        "full" if a == "year" => Some(reading(
            i,
            i + 3,
            TimexType::Date,
            w.anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y)),
        )),
        "present" if !w.lowercase(i + 2) || matches!(a, "and" | "or" | "is" | "time" | "day") => {
            let end = if matches!(a, "time" | "day") { i + 3 } else { i + 2 };
            Some(reference(i, end, "PRESENT_REF"))
        }
        "near" | "short" | "long" if matches!(a, "future" | "term") => Some(reference(i, i + 3, "FUTURE_REF")),
        // "the quarter a year ago": the same quarter, a year before
        "quarter" if w.seq(i + 2, &["a", "year", "ago"]) || w.seq(i + 2, &["a", "year", "earlier"]) => {
            Some(reading(i, i + 5, TimexType::Date, year_earlier(w)))
        }
        "quarter" => Some(reading(i, i + 2, TimexType::Date, last_quarter(w))),
        "latest" | "most" | "prior" | "comparable" | "same" => {
            // "the latest quarter", "the most recent quarter", "the prior-year period", "the same period a year earlier"
            let mut j = i + 2;
            if n == "most" {
                if a != "recent" {
                    return None;
                }
                j += 1;
            }
            let fiscal = usize::from(w.is(j, "fiscal"));
            let unit_key = w.key(j + fiscal);
            match unit_key.as_str() {
                "quarter" | "period" if n != "same" && n != "comparable" => {
                    Some(reading(i, j + fiscal + 1, TimexType::Date, last_quarter(w)))
                }
                "quarter" | "period" => {
                    // "the same period last year", "the comparable quarter a year earlier"
                    let end = j + fiscal + 1;
                    if w.seq(end, &["last", "year"])
                        || w.seq(end, &["a", "year", "earlier"])
                        || w.seq(end, &["a", "year", "ago"])
                        || w.seq(end, &["of", "the", "previous", "year"])
                        || w.seq(end, &["of", "last", "year"])
                    {
                        let len = if w.is(end, "last") {
                            2
                        } else if w.is(end, "of") && w.is(end + 1, "the") {
                            4
                        } else {
                            3
                        };
                        return Some(reading(i, end + len, TimexType::Date, year_earlier(w)));
                    }
                    Some(reading(i, end, TimexType::Date, "XXXX-QX".to_owned()))
                }
                "year" if n == "latest" => {
                    let value = w.anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y - 1));
                    Some(reading(i, j + fiscal + 1, TimexType::Date, value))
                }
                _ => None,
            }
        }
        "current" => current(w, i + 1, i),
        "year-earlier" | "year-ago" => {
            let end = period_after(w, i + 2);
            (end > i + 2).then(|| reading(i, end, TimexType::Date, year_earlier(w)))
        }
        "first-quarter" | "second-quarter" | "third-quarter" | "fourth-quarter" => None,
        "fiscal" => fiscal(w, i + 1, i),
        "year" => {
            // "the year two thousand"
            if let Some((y, end)) = spelled_year(w, i + 2) {
                return Some(reading(i, end, TimexType::Date, format!("{y:04}")));
            }
            let prev = w.key(i.wrapping_sub(1));
            // "the year ended March 31": a year's length, counted back from a day
            let counted = matches!(w.key(i + 2).as_str(), "ended" | "ending");
            match prev.as_str() {
                "over" | "throughout" => Some(reading(i, i + 2, TimexType::Duration, "P1Y".to_owned())),
                "in" | "during" | "of" | "for" if counted => {
                    Some(reading(i, i + 2, TimexType::Duration, "P1Y".to_owned()))
                }
                "in" | "during" | "of" | "for" | "this" | "earlier" | "later" => {
                    let value = w.anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y));
                    Some(reading(i, i + 2, TimexType::Date, value))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// "current" at `at` (after "the" at `start` or alone): "the current quarter" resolves like "this
/// quarter"; "the current year"; otherwise a present reference before a lowercase noun ("current
/// conditions").
fn current(w: &Words, at: usize, start: usize) -> Option<Found> {
    let unit_key = w.key(at + 1);
    let fiscal = usize::from(unit_key.as_str() == "fiscal");
    let unit = w.key(at + 1 + fiscal);
    let anchor = w.anchor;
    match unit.as_str() {
        "quarter" => {
            let value = anchor.map_or_else(|| "XXXX-QX".to_owned(), |a| format!("{:04}-Q{}", a.y, (a.m - 1) / 3 + 1));
            Some(reading(start, at + 2 + fiscal, TimexType::Date, value))
        }
        "year" => Some(reading(
            start,
            at + 2 + fiscal,
            TimexType::Date,
            anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y)),
        )),
        "month" => Some(reading(
            start,
            at + 2,
            TimexType::Date,
            anchor.map_or_else(|| "XXXX-XX".to_owned(), |a| format!("{:04}-{:02}", a.y, a.m)),
        )),
        "week" => Some(reading(
            start,
            at + 2,
            TimexType::Date,
            anchor.map_or_else(|| "XXXX-WXX".to_owned(), |a| a.iso_week_string()),
        )),
        "account" | "accounts" | "affairs" | "events" | "flows" | "flow" | "assets" | "liabilities" | "density"
        | "source" | "sources" => None,
        _ if start == at
            && matches!(
                w.key(at.wrapping_sub(1)).as_str(),
                "the" | "its" | "their" | "his" | "her" | "our" | "your"
            )
            && w.lowercase(at + 1) =>
        {
            Some(reference(at, at + 1, "PRESENT_REF"))
        }
        _ => None,
    }
}

/// "fiscal 1990", "fiscal year 1990", "the fiscal year", "the fiscal first quarter", "fiscal
/// second-quarter".
fn fiscal(w: &Words, at: usize, start: usize) -> Option<Found> {
    let mut j = at + 1;
    if w.is(j, "year") {
        j += 1;
    }
    if let Some(y) = year_token(w.get(j)) {
        return Some(reading(start, j + 1, TimexType::Date, format!("{y:04}")));
    }
    if j > at + 1 {
        // "the fiscal year": this year when "the" opens it, a year's length after "for".
        if start == at {
            return None;
        }
        let prev = w.key(start.wrapping_sub(1));
        if matches!(prev.as_str(), "over" | "throughout") || matches!(w.key(j).as_str(), "ended" | "ending") {
            return Some(reading(start, j, TimexType::Duration, "P1Y".to_owned()));
        }
        return Some(reading(
            start,
            j,
            TimexType::Date,
            w.anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y)),
        ));
    }
    let word = w.key(j);
    if let Some(q) = quarter_number(word.as_str()) {
        return Some(quarter_found(w, start, j + 1, q));
    }
    let ordinal = super::lexicon::ordinal(word.as_str()).filter(|n| (1..=4).contains(n))?;
    w.is(j + 1, "quarter").then(|| quarter_found(w, start, j + 2, ordinal as u32))
}

fn year_token(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn quarter_number(k: &str) -> Option<u32> {
    Some(match k.strip_suffix("-quarter")? {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    })
}

/// Quarter `q` named without a year: the year it is in when that quarter has begun by the anchor,
/// else the year before. A year after it ("third-quarter 1989", "of 1989") says which.
fn quarter_found(w: &Words, start: usize, end: usize, q: u32) -> Found {
    if let Some(y) = year_token(w.get(end)) {
        return reading(start, end + 1, TimexType::Date, format!("{y:04}-Q{q}"));
    }
    reading(start, end, TimexType::Date, quarter_value(w, q))
}

pub(crate) fn quarter_value(w: &Words, q: u32) -> String {
    match w.anchor {
        Some(a) => format!("{:04}-Q{q}", a.y - i32::from(3 * q - 2 > a.m)),
        None => format!("XXXX-Q{q}"),
    }
}

/// "the quarter", "the latest quarter": the last quarter that ended before the anchor.
fn last_quarter(w: &Words) -> String {
    quarter_before(w, 0)
}

/// "the year-earlier quarter": the last quarter before the anchor, a year before.
fn year_earlier(w: &Words) -> String {
    quarter_before(w, 1)
}

/// The last quarter that ended before the anchor, `years` years further back.
fn quarter_before(w: &Words, years: i32) -> String {
    match w.anchor {
        Some(a) => {
            let q = (a.m - 1) / 3 + 1;
            if q == 1 {
                format!("{:04}-Q4", a.y - 1 - years)
            } else {
                format!("{:04}-Q{}", a.y - years, q - 1)
            }
        }
        None => "XXXX-QX".to_owned(),
    }
}

/// The sentence speaks of a quarter ("the third quarter", "third-quarter", "quarterly").
pub(crate) fn quarter_sentence(w: &Words) -> bool {
    w.quarters
        || (w.lo..w.hi).any(|j| {
            let key = w.key(j);
            let k = key.as_str();
            k == "quarter" || k.ends_with("-quarter") || k == "quarterly"
        })
}

/// The sentence reports a span of months ("for the nine months", "nine-month", "the first half"): a
/// year-earlier comparison there is the year before, not the quarter.
pub(crate) fn months_sentence(w: &Words) -> bool {
    (w.lo..w.hi).any(|j| {
        let key = w.key(j);
        match key.as_str() {
            "nine-month" | "six-month" => true,
            "nine" | "six" => w.is(j + 1, "months"),
            "first" => w.is(j + 1, "half"),
            _ => false,
        }
    })
}

pub(crate) fn year_earlier_timex(w: &Words) -> Timex {
    if months_sentence(w) {
        let value = w.anchor.map_or_else(|| "XXXX".to_owned(), |a| format!("{:04}", a.y - 1));
        return Timex { kind: TimexType::Date, value };
    }
    Timex { kind: TimexType::Date, value: year_earlier(w) }
}

/// The end of "year-earlier quarter", "year-ago period", "year-earlier third quarter" after `i`.
fn period_after(w: &Words, i: usize) -> usize {
    let k = w.key(i);
    match k.as_str() {
        "quarter" | "period" => i + 1,
        "first" | "second" | "third" | "fourth" if w.is(i + 1, "quarter") => i + 2,
        _ => i,
    }
}

/// "every day", "each year", "every two weeks", "each Monday", "every July", "every morning".
fn every(w: &Words, i: usize) -> Option<Found> {
    let mut j = i + 1;
    let mut n: i64 = 1;
    if let Some(v) = super::lexicon::number_word(w.key(j).as_str())
        .or_else(|| super::parse_numeral(w.get(j)))
        .filter(|_| !w.is(j, "one"))
    {
        if v.fract() != 0.0 || !(1.0..=1000.0).contains(&v) {
            return None;
        }
        n = v as i64;
        j += 1;
    } else if w.is(j, "other") {
        n = 2;
        j += 1;
    }
    let word = w.get(j);
    let unit = w.key(j);
    let value = match unit.as_str() {
        "day" | "days" => format!("P{n}D"),
        "week" | "weeks" => format!("P{n}W"),
        "month" | "months" => format!("P{n}M"),
        "year" | "years" => format!("P{n}Y"),
        "decade" | "decades" => format!("P{}Y", n * 10),
        "hour" | "hours" => format!("PT{n}H"),
        "minute" | "minutes" => format!("PT{n}M"),
        "quarter" | "quarters" => format!("P{}M", n * 3),
        "morning" if n == 1 => "XXXX-XX-XXTMO".to_owned(),
        "afternoon" if n == 1 => "XXXX-XX-XXTAF".to_owned(),
        "evening" if n == 1 => "XXXX-XX-XXTEV".to_owned(),
        "night" if n == 1 => "XXXX-XX-XXTNI".to_owned(),
        "summer" | "winter" | "spring" | "autumn" | "fall" if n == 1 => {
            let code = match unit.as_str() {
                "summer" => "SU",
                "winter" => "WI",
                "spring" => "SP",
                _ => "FA",
            };
            format!("XXXX-{code}")
        }
        _ if n == 1 && super::lexicon::full_weekday(word) => format!("XXXX-WXX-{}", super::lexicon::weekday(word)? + 1),
        _ if n == 1 && super::lexicon::month(word).is_some() && word.len() > 3 => {
            format!("XXXX-{:02}", super::lexicon::month(word)?)
        }
        _ => return None,
    };
    Some(reading(i, j + 1, TimexType::Set, value))
}

/// A year spelled out: "nineteen ninety-six", "nineteen eighty", "eighteen twelve", "two thousand",
/// "two thousand and one" (after "the year"); the year and the token after it.
pub(crate) fn spelled_year(w: &Words, i: usize) -> Option<(i32, usize)> {
    let first = w.key(i);
    let century = match first.as_str() {
        "eighteen" => 1800,
        "nineteen" => 1900,
        "two" if w.is(i + 1, "thousand") => {
            let and = usize::from(w.is(i + 2, "and"));
            if let Some(v) =
                super::lexicon::number_word(w.key(i + 2 + and).as_str()).filter(|v| (1.0..100.0).contains(v))
            {
                return Some((2000 + v as i32, i + 3 + and));
            }
            return Some((2000, i + 2));
        }
        _ => return None,
    };
    let second = w.key(i + 1);
    let v = super::lexicon::number_word(second.as_str()).filter(|v| (10.0..100.0).contains(v))?;
    Some((century + v as i32, i + 2))
}

/// The tense of the clause around token `i`: `Some(true)` for the future, `Some(false)` for the past,
/// `None` when no cue is near. The nearest cue wins, looking first back, then ahead.
pub(crate) fn tense_near(w: &Words, i: usize) -> Option<bool> {
    let cue = |j: usize| -> Option<bool> {
        let key = w.key(j);
        let k = key.as_str();
        // A participle after "be" ("be held", "be returned") says nothing of the time.
        let before = w.key(j.wrapping_sub(1));
        let passive = matches!(before.as_str(), "be" | "been" | "being" | "is" | "are");
        // "is set for", "are scheduled", "set to resume": an arrangement, ahead; "had been due", "was
        // scheduled": one that was.
        let arrangement = matches!(k, "set" | "scheduled" | "planned" | "due" | "slated" | "expected");
        if arrangement && matches!(before.as_str(), "been" | "was" | "were" | "had") {
            return Some(false);
        }
        if arrangement && (matches!(before.as_str(), "is" | "are") || w.is(j + 1, "to")) {
            return Some(true);
        }
        if matches!(
            k,
            "will"
                | "'ll"
                | "shall"
                | "be"
                | "must"
                | "can"
                | "may"
                | "scheduled"
                | "planned"
                | "plans"
                | "plan"
                | "expected"
                | "expects"
                | "upcoming"
                | "next"
                | "going"
                | "would"
                | "due"
                | "until"
                | "till"
                | "starting"
        ) || w.get(j) == "’ll"
        {
            return Some(true);
        }
        if !passive
            && matches!(
                k,
                "was"
                    | "were"
                    | "had"
                    | "did"
                    | "said"
                    | "told"
                    | "came"
                    | "went"
                    | "took"
                    | "made"
                    | "gave"
                    | "began"
                    | "rose"
                    | "fell"
                    | "met"
                    | "won"
                    | "lost"
                    | "held"
                    | "left"
                    | "saw"
                    | "got"
                    | "sent"
                    | "sold"
                    | "bought"
                    | "paid"
                    | "put"
                    | "set"
                    | "cut"
                    | "hit"
                    | "led"
                    | "ran"
                    | "ago"
                    | "last"
                    | "since"
                    | "spent"
                    | "spoke"
                    | "wrote"
                    | "broke"
                    | "became"
                    | "brought"
                    | "thought"
                    | "found"
                    | "kept"
                    | "knew"
                    | "meant"
                    | "felt"
                    | "heard"
                    | "earlier"
                    | "previously"
            )
        {
            return Some(false);
        }
        (k.len() > 4
            && k.ends_with("ed")
            && w.lowercase(j)
            && !passive
            && !matches!(
                k,
                "need"
                    | "needed"
                    | "proceed"
                    | "exceed"
                    | "succeed"
                    | "indeed"
                    | "based"
                    | "related"
                    | "limited"
                    | "united"
                    | "interested"
                    | "concerned"
                    | "scheduled"
                    | "expected"
                    | "planned"
            ))
        .then_some(false)
    };
    for d in 1..=8 {
        if i >= w.lo + d {
            if let Some(t) = cue(i - d) {
                return Some(t);
            }
        }
        if let Some(t) = cue(i + d) {
            return Some(t);
        }
    }
    None
}

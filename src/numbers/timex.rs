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
        _ => return Some(unresolved(w, found)),
    };
    if iso.starts_with('P') {
        return Some(Timex { kind: TimexType::Duration, value: iso.to_owned() });
    }
    if found.label == Label::Time {
        if iso.len() == 5 && iso.as_bytes().get(2) == Some(&b':') {
            let day = w.anchor.map_or_else(|| "XXXX-XX-XX".to_owned(), |a| a.iso());
            return Some(Timex { kind: TimexType::Time, value: format!("{day}T{iso}") });
        }
        return Some(Timex { kind: TimexType::Time, value: iso.to_owned() });
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
    l == "old" || l.ends_with("-old") || matches!(w.key(found.start.wrapping_sub(1)).as_str(), "age" | "aged")
        || (found.end == found.start + 1
            && matches!(&found.value, Some(Value::Date { iso }) if iso.starts_with('P'))
            && w.get(found.start).bytes().all(|b| b.is_ascii_digit()))
}

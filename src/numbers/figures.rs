//! Figures: an optional qualifier ("at least", "almost"), an amount (digits, number words, vague counts
//! such as "several hundred" or "dozens"), then what follows decides the type: a currency (MONEY), a
//! percent sign or word (PERCENT), a unit (QUANTITY), a unit of time (DATE or TIME duration, "ago"
//! resolved against the anchor), else a year (DATE) or a count (CARDINAL). Ordinals ("third", "89th")
//! and hyphenated forms ("five-year", "45-year-old", "30-km", "50-percent") are here too.

use super::calendar::Ymd;
use super::lexicon;
use super::{parse_numeral, Found, Words};
use crate::analysis::{Label, Value};

/// A figure starting at token `i`.
pub(crate) fn at(w: &Words, i: usize) -> Option<Found> {
    // "the past two years", "the next five days": kept only when a unit of time follows.
    let prefix = duration_prefix(w, i);
    if prefix > 0 {
        if let Some(found) = qualified(w, i + prefix).filter(|f| matches!(f.label, Label::Date | Label::Time)) {
            if found.start == i + prefix && !matches!(&found.value, Some(Value::Date { iso }) if !iso.starts_with('P'))
            {
                return Some(Found { start: i, ..found });
            }
        }
        return None;
    }
    qualified(w, i)
}

fn duration_prefix(w: &Words, i: usize) -> usize {
    const PREFIXES: &[&[&str]] = &[
        &["the", "past"],
        &["the", "last"],
        &["the", "next"],
        &["the", "coming"],
        &["the", "previous"],
        &["the", "first"],
        &["the", "final"],
        &["the", "following"],
        &["past"],
        &["last"],
        &["next"],
    ];
    let key = w.key(i);
    if !matches!(key.as_str(), "the" | "past" | "last" | "next") {
        return 0;
    }
    PREFIXES.iter().find(|p| w.seq(i, p)).map_or(0, |p| p.len())
}

struct Qualifier {
    len: usize,
    text: Option<&'static str>,
    approximate: bool,
}

fn qualifier(w: &Words, i: usize) -> Qualifier {
    let key = w.key(i);
    let k = key.as_str();
    for (words, approximate) in lexicon::QUALIFIERS {
        if words.first() == Some(&k) && w.seq(i, words) {
            // The qualifier's words joined by spaces, as a static string.
            let text = QUALIFIER_TEXTS.iter().find(|t| t.split(' ').eq(words.iter().copied())).copied();
            return Qualifier { len: words.len(), text, approximate: *approximate };
        }
    }
    Qualifier { len: 0, text: None, approximate: false }
}

const QUALIFIER_TEXTS: &[&str] = &[
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "an estimated",
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "close to",
    "just over",
    "just under",
    "well over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "upwards of",
];

/// An amount: tokens `start..end` and its value.
#[derive(Clone, Copy, Debug)]
struct Amount {
    end: usize,
    value: f64,
    max: Option<f64>,
    approximate: bool,
    /// A single numeral token without separators or multiplier ("2016"): a year candidate.
    plain: bool,
    /// "10-12" written as one hyphenated token: a range, or a score.
    hyphen_pair: bool,
    /// Spelled "a"/"an" (only counts before a multiplier or a unit of time).
    article: bool,
}

fn qualified(w: &Words, i: usize) -> Option<Found> {
    let q = qualifier(w, i);
    let s = i + q.len;
    // Currency before the amount: "$500", "US$5", "€3.2 billion", "USD 500".
    let (currency, a_start) = currency_before(w, s);
    let Some(amount) = amount_at(w, a_start, currency.is_some()) else {
        if q.len == 0 {
            return hyphenated(w, i).or_else(|| ordinal(w, i)).or_else(|| fraction(w, i));
        }
        return hyphenated(w, s).map(|f| Found { start: i, ..f });
    };
    let approximate = amount.approximate || q.approximate;
    let number =
        |value: f64| Value::Number { value, max: amount.max, approximate, qualifier: q.text.map(str::to_owned) };
    let end = amount.end;
    if let Some(code) = currency {
        return Some(Found {
            start: i,
            end,
            label: Label::Money,
            value: Some(Value::Money { amount: amount.value, currency: code.into() }),
            timex: None,
        });
    }
    let next = w.key(end);
    let n = next.as_str();
    // Money named after the amount: "10 million rubles", "500 tenge", "billions of dollars",
    // "10 Canadian dollars", "500 KZT".
    if let Some((code, after)) = currency_after(w, end) {
        return Some(Found {
            start: i,
            end: after,
            label: Label::Money,
            value: Some(Value::Money { amount: amount.value, currency: code.into() }),
            timex: None,
        });
    }
    // Percent: "12 percent", "4.5%", "12 per cent", "0.5 percentage points".
    if let Some(after) = percent_after(w, end) {
        // "4 1/2% to 5 1/4%": one range (OntoNotes); the value is where it starts.
        let after = match amount_at(w, after + 1, false) {
            Some(second) if w.is(after, "to") && q.len == 0 => percent_after(w, second.end).unwrap_or(after),
            _ => after,
        };
        return Some(Found {
            start: i,
            end: after,
            label: Label::Percent,
            value: Some(Value::Percent { value: amount.value }),
            timex: None,
        });
    }
    // A unit of time: a duration, an age, or a date counted back from the anchor.
    if let Some((designator, scale, clock)) = lexicon::time_unit(n) {
        // A capitalized unit after digits inside a sentence belongs to a title ("48 Hours"); spelled
        // numbers in title case ("A Thousand Days") are left to the names model's merge.
        if w.capitalized(end) && !w.headline() && w.get(a_start).starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // "one day" without a preposition before it means "some day": no date.
        if q.len == 0 && w.is(a_start, "one") && n == "day" && !some_day_is_duration(w, a_start) {
            return None;
        }
        if !amount.article || article_duration_ok(w, i, end) {
            return Some(duration(w, i, end, amount.value * scale, designator, clock, approximate));
        }
    }
    // A unit of measure: "45 miles an hour", "2,000 yards", "30 km", "5 tonnes", "300 square metres".
    if let Some((unit, after)) = unit_after(w, end) {
        if !amount.article {
            let below = w.is(after.wrapping_sub(2), "below") && w.is(after.wrapping_sub(1), "zero");
            let value = if below { -amount.value } else { amount.value };
            return Some(Found {
                start: i,
                end: after,
                label: Label::Quantity,
                value: Some(Value::Quantity { value, unit: unit.into() }),
                timex: None,
            });
        }
    }
    if amount.article {
        return None;
    }
    // What remains is a year or a count; numbers that belong to names, phone numbers and scores are not.
    // A capitalized number word inside a sentence, before another capitalized word, starts a name
    // ("Six Feet Under", "the Four Seasons").
    // "BBC One", "Formula One", "the Big Three": after a capitalized word too.
    if q.len == 0
        && a_start > w.lo
        && !w.headline()
        && w.capitalized(a_start)
        && (w.capitalized(end) || (a_start > w.lo + 1 && w.capitalized(a_start - 1)))
        && lexicon::number_word(w.key(a_start).as_str()).is_some()
    {
        return None;
    }
    // A house number: "10 Downing Street", "221 Baker Street".
    if q.len == 0 && w.capitalized(end) && !w.headline() && (end..end + 3).any(|j| is_street(w.get(j))) {
        return None;
    }
    if q.len == 0 && amount.end == a_start + 1 {
        if in_name(w, a_start) || phone_like(w, a_start) {
            return None;
        }
        // "at age 65", "aged 45": ages are DATE in OntoNotes.
        if matches!(w.key(a_start.wrapping_sub(1)).as_str(), "age" | "aged")
            && (1.0..=130.0).contains(&amount.value)
            && amount.value.fract() == 0.0
        {
            let iso = format!("P{}Y", amount.value as i64);
            return Some(Found {
                start: a_start,
                end,
                label: Label::Date,
                value: Some(Value::Date { iso }),
                timex: None,
            });
        }
        if let Some(found) = age(w, a_start, amount.value) {
            return Some(found);
        }
    }
    if amount.hyphen_pair && !matches!(w.key(i.wrapping_sub(1)).as_str(), "between" | "from") {
        return None;
    }
    if amount.plain && q.len == 0 && is_year(w, a_start, amount.value) {
        let y = amount.value as i32;
        return Some(Found {
            start: i,
            end,
            label: Label::Date,
            value: Some(Value::Date { iso: format!("{y:04}") }),
            timex: None,
        });
    }
    if w.is(a_start, "one") && q.len == 0 && !one_is_count(w, a_start) {
        return None;
    }
    // "between 50 and 60"
    if w.is(i.wrapping_sub(1), "between") && w.is(end, "and") {
        if let Some(second) = amount_at(w, end + 1, false) {
            let value = Value::Number {
                value: amount.value,
                max: Some(second.value),
                approximate,
                qualifier: Some("between".into()),
            };
            return Some(Found {
                start: i - 1,
                end: second.end,
                label: Label::Cardinal,
                value: Some(value),
                timex: None,
            });
        }
    }
    Some(Found { start: i, end, label: Label::Cardinal, value: Some(number(amount.value)), timex: None })
}

/// "$", "US$", "C$", "€", "USD" at `i`: the currency code and where the amount starts.
fn currency_before(w: &Words, i: usize) -> (Option<&'static str>, usize) {
    let word = w.get(i);
    if let Some(code) = lexicon::currency_symbol(word) {
        return (Some(code), i + 1);
    }
    if w.get(i + 1) == "$" && w.glued(i) {
        if let Some(code) = lexicon::dollar_prefix(word) {
            return (Some(code), i + 2);
        }
    }
    if let Some(code) = lexicon::currency_code(word) {
        if parse_numeral(w.get(i + 1)).is_some() {
            return (Some(code), i + 1);
        }
    }
    (None, i)
}

/// A currency named at `i`: its code and the token after it.
fn currency_after(w: &Words, i: usize) -> Option<(&'static str, usize)> {
    let word = w.get(i);
    if let Some(code) = lexicon::currency_code(word) {
        return Some((code, i + 1));
    }
    if let Some(code) = lexicon::dollar_country(word) {
        if w.key(i + 1).as_str().starts_with("dollar") {
            return Some((code, i + 2));
        }
    }
    if w.is(i, "hong") && w.is(i + 1, "kong") && w.key(i + 2).as_str().starts_with("dollar") {
        return Some(("HKD", i + 3));
    }
    // "25,000 Swiss francs", "100 Danish crowns"
    if let Some(code) = lexicon::national_currency(word, w.key(i + 1).as_str()) {
        return Some((code, i + 2));
    }
    // "billions of dollars"; a capitalized currency word inside a sentence is a name ("six Euro ties").
    let of = usize::from(w.is(i, "of"));
    let key = w.key(i + of);
    if w.capitalized(i + of) && !w.headline() {
        return None;
    }
    if let Some(code) = lexicon::currency_word(key.as_str()) {
        return Some((code, i + of + 1));
    }
    if key.as_str() == "pounds" && w.is(i + of + 1, "sterling") {
        return Some(("GBP", i + of + 2));
    }
    None
}

/// "%", "percent", "per cent", "pct", "percentage point(s)" at `i`: the token after it.
fn percent_after(w: &Words, i: usize) -> Option<usize> {
    let key = w.key(i);
    match key.as_str() {
        "%" => Some(i + 1),
        "percent" | "pct" => Some(i + 1),
        "per" if w.is(i + 1, "cent") => Some(i + 2),
        "percentage" if matches!(w.key(i + 1).as_str(), "point" | "points") => Some(i + 2),
        "percentage-point" | "percentage-points" => Some(i + 1),
        _ => (w.get(i) == "%").then_some(i + 1),
    }
}

/// A unit of measure at `i`: its symbol and the token after it ("miles an hour" → "mph").
fn unit_after(w: &Words, i: usize) -> Option<(&'static str, usize)> {
    let key = w.key(i);
    let k = key.as_str();
    let (prefix, base_at) = match k {
        "square" | "sq" => (Some("2"), i + 1),
        "cubic" => (Some("3"), i + 1),
        "nautical" => (None, i + 1),
        _ => (None, i),
    };
    let base_key = w.key(base_at);
    // A capitalized unit inside a sentence is part of a title ("Six Feet Under").
    if w.capitalized(base_at) && !w.headline() && base_key.as_str().len() > 3 {
        return None;
    }
    let mut unit = lexicon::unit(base_key.as_str())?;
    if k == "nautical" {
        if unit != "mi" {
            return None;
        }
        unit = "nmi";
    }
    let mut end = base_at + 1;
    // "km/h", "km per hour", "miles an hour"
    if w.get(end) == "/" && w.is(end + 1, "h") && unit == "km" {
        return Some(("km/h", end + 2));
    }
    if matches!(w.key(end).as_str(), "an" | "a" | "per") && w.is(end + 1, "hour") {
        match unit {
            "mi" => return Some(("mph", end + 2)),
            "km" => return Some(("km/h", end + 2)),
            _ => {}
        }
    }
    if let Some(p) = prefix {
        let squared: &'static str = match (unit, p) {
            ("km", "2") => "km2",
            ("m", "2") => "m2",
            ("mi", "2") => "mi2",
            ("ft", "2") => "ft2",
            ("m", "3") => "m3",
            ("ft", "3") => "ft3",
            _ => return None,
        };
        unit = squared;
    }
    // "a pound" of weight vs pounds sterling is settled by `currency_after` running first.
    if unit == "°" && matches!(w.get(end), "C" | "F" | "Celsius" | "Fahrenheit" | "celsius" | "fahrenheit") {
        unit = if w.get(end).starts_with(['C', 'c']) { "°C" } else { "°F" };
        end += 1;
    }
    // "12 degrees below zero": one quantity.
    if unit.starts_with('°') && matches!(w.key(end).as_str(), "below" | "above") && w.is(end + 1, "zero") {
        end += 2;
    }
    Some((unit, end))
}

/// A duration or a counted-back date: "five years", "almost two years ago", "two hours",
/// "45 years old" (an age, DATE in OntoNotes).
fn duration(
    w: &Words,
    start: usize,
    unit_at: usize,
    n: f64,
    designator: char,
    clock: bool,
    approximate: bool,
) -> Found {
    if clock {
        if let Some(found) = clock_duration(w, start, unit_at, n, designator) {
            return found;
        }
    }
    let after = w.key(unit_at + 1);
    let a = after.as_str();
    let label = if clock { Label::Time } else { Label::Date };
    let iso_duration = || {
        if n.fract() == 0.0 && (0.0..1e6).contains(&n) {
            if clock {
                Some(format!("PT{}{designator}", n as i64))
            } else {
                Some(format!("P{}{designator}", n as i64))
            }
        } else {
            fractional_duration(n, designator, clock)
        }
    };
    let _ = approximate;
    match a {
        "ago" | "earlier" | "before" if a == "ago" || matches!(w.key(unit_at + 2).as_str(), "" | "," | ".") => {
            let value = if clock { None } else { w.anchor.and_then(|anchor| counted_back(anchor, n, designator)) };
            let value = value.map(|iso| if clock { Value::Time { iso } } else { Value::Date { iso } });
            // "a year earlier" beside a quarter's results: the same quarter a year before.
            let timex = (!clock && n == 1.0 && designator == 'Y' && super::timex::quarter_sentence(w))
                .then(|| super::timex::year_earlier_timex(w));
            Found { start, end: unit_at + 2, label, value, timex }
        }
        "later" => Found {
            start,
            end: unit_at + 2,
            label,
            value: iso_duration().map(|iso| date_or_time(iso, clock)),
            timex: None,
        },
        "old" if !clock => Found {
            start,
            end: unit_at + 2,
            label: Label::Date,
            value: iso_duration().map(|iso| Value::Date { iso }),
            timex: None,
        },
        _ => Found {
            start,
            end: unit_at + 1,
            label,
            value: iso_duration().map(|iso| date_or_time(iso, clock)),
            timex: None,
        },
    }
}

/// A duration of a whole and a fraction of a unit in the whole units and the next smaller unit:
/// 2.5 years → `P2Y6M`, 1.5 hours → `PT1H30M`, 3.5 days → `P3DT12H`; `None` when that is not whole.
fn fractional_duration(n: f64, designator: char, clock: bool) -> Option<String> {
    if !(0.0..1e6).contains(&n) {
        return None;
    }
    let (per, smaller) = match (designator, clock) {
        ('Y', false) => (12.0, "M"),
        ('W', false) => (7.0, "D"),
        ('D', false) => (24.0, "TH"),
        ('H', true) => (60.0, "M"),
        ('M', true) => (60.0, "S"),
        _ => return None,
    };
    let whole = n.trunc();
    let part = (n - whole) * per;
    if (part - part.round()).abs() > 1e-6 {
        return None;
    }
    let prefix = if clock { "PT" } else { "P" };
    let whole_part = if whole > 0.0 { format!("{}{designator}", whole as i64) } else { String::new() };
    let p = part.round() as i64;
    let part_text = if smaller == "TH" { format!("T{p}H") } else { format!("{p}{smaller}") };
    Some(format!("{prefix}{whole_part}{part_text}"))
}

/// "two hours 51 minutes", "four minutes 6.87 seconds", "3 minutes , 49 seconds": one TIME whose value
/// adds the parts (`PT2H51M`, `PT4M6.87S`).
fn clock_duration(w: &Words, start: usize, unit_at: usize, n: f64, designator: char) -> Option<Found> {
    let seconds_of = |n: f64, d: char| match d {
        'H' => n * 3600.0,
        'M' => n * 60.0,
        _ => n,
    };
    let mut total = seconds_of(n, designator);
    let mut last = designator;
    let mut end = unit_at + 1;
    let mut parts = 1;
    loop {
        let comma = usize::from(w.get(end) == ",");
        let key = w.key(end + comma);
        let Some(v) = parse_numeral(w.get(end + comma)).or_else(|| lexicon::number_word(key.as_str())) else { break };
        let unit = w.key(end + comma + 1);
        let Some((d, 1.0, true)) = lexicon::time_unit(unit.as_str()) else { break };
        let smaller = matches!((last, d), ('H', 'M' | 'S') | ('M', 'S'));
        if !smaller {
            break;
        }
        total += seconds_of(v, d);
        last = d;
        end += comma + 2;
        parts += 1;
    }
    if parts == 1 {
        return None;
    }
    let hours = (total / 3600.0).floor();
    let minutes = ((total - hours * 3600.0) / 60.0).floor();
    let seconds = total - hours * 3600.0 - minutes * 60.0;
    let mut iso = String::from("PT");
    if hours > 0.0 {
        iso.push_str(&format!("{}H", hours as i64));
    }
    if minutes > 0.0 {
        iso.push_str(&format!("{}M", minutes as i64));
    }
    if seconds > 0.0 {
        // Hundredths at most, without trailing zeros.
        let s = format!("{:.2}", seconds);
        iso.push_str(s.trim_end_matches('0').trim_end_matches('.'));
        iso.push('S');
    }
    Some(Found { start, end, label: Label::Time, value: Some(Value::Time { iso }), timex: None })
}

fn date_or_time(iso: String, clock: bool) -> Value {
    if clock {
        Value::Time { iso }
    } else {
        Value::Date { iso }
    }
}

/// The date `n` units before the anchor, at the precision of the unit.
fn counted_back(anchor: Ymd, n: f64, designator: char) -> Option<String> {
    if n.fract() != 0.0 || !(0.0..=5000.0).contains(&n) {
        return None;
    }
    let n = n as i64;
    Some(match designator {
        'Y' => format!("{:04}", i64::from(anchor.y) - n),
        'M' => {
            let (y, m) = anchor.add_months(-(n as i32));
            format!("{y:04}-{m:02}")
        }
        'W' => anchor.add_days(-7 * n).iso_week_string(),
        'D' => anchor.add_days(-n).iso(),
        _ => return None,
    })
}

/// "for a year", "a year ago": an article counts as one only in these frames.
fn article_duration_ok(w: &Words, start: usize, unit_at: usize) -> bool {
    if w.is(unit_at, "second") || w.is(unit_at, "seconds") {
        return false;
    }
    matches!(w.key(unit_at + 1).as_str(), "ago" | "later" | "earlier")
        || matches!(w.key(start.wrapping_sub(1)).as_str(), "for" | "in" | "within" | "than" | "over" | "after" | "under" | "nearly" | "almost" | "about" | "barely" | "only" | "just" | "least")
        // "as long as a month", "as little as a week"
        || (w.is(start.wrapping_sub(1), "as") && matches!(w.key(start.wrapping_sub(2)).as_str(), "long" | "little" | "much" | "short"))
}

/// An amount at `i`. `money` allows the newswire suffixes "m", "k", "b" ("£1.5m").
fn amount_at(w: &Words, i: usize, money: bool) -> Option<Amount> {
    let word = w.get(i);
    let key = w.key(i);
    let k = key.as_str();
    let base = Amount {
        end: i + 1,
        value: 0.0,
        max: None,
        approximate: false,
        plain: false,
        hyphen_pair: false,
        article: false,
    };
    if let Some(v) = parse_numeral(word) {
        let mut amount = Amount { value: v, plain: !word.contains([',', '.']) && v.fract() == 0.0, ..base };
        // "6 1/2": a whole number and a fraction written with a slash.
        if let Some((f, end)) =
            slash_fraction(w, i + 1).filter(|_| v.fract() == 0.0 && !word.contains(',') && !w.glued(i))
        {
            return Some(Amount { end, value: v + f, plain: false, ..base });
        }
        if let Some(m) = lexicon::multiplier(w.key(i + 1).as_str()) {
            amount.value *= m;
            amount.end = i + 2;
            amount.plain = false;
        }
        // "10 to 12 million", "50 to 60"; "from 2009 to 2011" is two years (two TIMEX3 dates).
        let year_token =
            |j: usize| w.get(j).len() == 4 && parse_numeral(w.get(j)).is_some_and(|y| (1000.0..=2999.0).contains(&y));
        let years = year_token(i)
            && year_token(amount.end + 1)
            && (!w.lowercase(amount.end + 2)
                || matches!(w.key(amount.end + 2).as_str(), "and" | "or" | "when" | "but" | "in" | "the"));
        if w.is(amount.end, "to") && !years {
            if let Some(v2) = parse_numeral(w.get(amount.end + 1)) {
                let mut v2 = v2;
                let mut end = amount.end + 2;
                if let Some(m) = lexicon::multiplier(w.key(end).as_str()) {
                    v2 *= m;
                    end += 1;
                    if amount.end == i + 1 {
                        amount.value *= m;
                    }
                }
                if v2 > amount.value {
                    amount.max = Some(v2);
                    amount.end = end;
                    amount.plain = false;
                }
            }
        }
        return Some(amount);
    }
    // "1.5m", "3bn", "500k"
    let digits_len = word.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',').count();
    if digits_len > 0 && digits_len < word.len() && word[digits_len..].bytes().all(|b| b.is_ascii_alphabetic()) {
        let v = parse_numeral(word.get(..digits_len)?)?;
        let suffix = k.get(digits_len..)?;
        let m = match suffix {
            "bn" | "mn" | "mln" | "tn" | "trn" | "bln" => lexicon::multiplier(suffix)?,
            "m" if money => 1e6,
            "k" if money => 1e3,
            "b" if money => 1e9,
            _ => return None,
        };
        return Some(Amount { value: v * m, ..base });
    }
    // "10-12": a range, or a score; "123-4567" is a phone number.
    if let Some((a, b)) = word.split_once(['-', '–']) {
        if let (Some(x), Some(y)) = (parse_numeral(a), parse_numeral(b)) {
            if a.len() == 3 && b.len() == 4 {
                return None;
            }
            return Some(Amount { value: x, max: (y > x).then_some(y), hyphen_pair: true, ..base });
        }
    }
    // "a hundred", "a dozen", "a million", "a few hundred", "a year ago"
    if matches!(k, "a" | "an") {
        let next = w.key(i + 1);
        if let Some(m) = lexicon::multiplier(next.as_str()) {
            return words_amount(w, i + 1, m);
        }
        if next.as_str() == "few" {
            return vague_factor_amount(w, i + 1);
        }
        if lexicon::time_unit(next.as_str()).is_some() {
            return Some(Amount { value: 1.0, article: true, ..base });
        }
        return None;
    }
    if let Some(v) = lexicon::number_word(k) {
        // "two thirds"
        let next = w.key(i + 1);
        if let Some(f) = lexicon::fraction(next.as_str()).filter(|_| next.as_str().ends_with('s') && v > 1.0) {
            return Some(Amount { end: i + 2, value: v * f, ..base });
        }
        return words_amount(w, i, v);
    }
    if lexicon::vague_factor(k).is_some() && k != "few" {
        return vague_factor_amount(w, i);
    }
    if let Some((lo, hi)) = lexicon::vague_plural(k) {
        // "hundreds of thousands", "tens of thousands"
        if w.is(i + 1, "of") {
            if let Some((lo2, _)) = lexicon::vague_plural(w.key(i + 2).as_str()) {
                if lo2 >= 1e3 {
                    // "hundreds of thousands": hundreds of units of a thousand.
                    let unit = lo2 / 2.0;
                    return Some(Amount {
                        end: i + 3,
                        value: lo * unit,
                        max: Some(hi * unit),
                        approximate: true,
                        ..base
                    });
                }
            }
        }
        return Some(Amount { value: lo, max: Some(hi), approximate: true, ..base });
    }
    if k == "tens" && w.is(i + 1, "of") {
        if let Some((lo2, _)) = lexicon::vague_plural(w.key(i + 2).as_str()) {
            if lo2 >= 1e3 {
                // "tens of thousands": 20,000 to 99,999.
                let unit = lo2 / 2.0;
                return Some(Amount {
                    end: i + 3,
                    value: 20.0 * unit,
                    max: Some(100.0 * unit - 1.0),
                    approximate: true,
                    ..base
                });
            }
        }
    }
    if k == "half" {
        // "half a million"
        if matches!(w.key(i + 1).as_str(), "a" | "an") {
            if let Some(m) = lexicon::multiplier(w.key(i + 2).as_str()) {
                return Some(Amount { end: i + 3, value: 0.5 * m, ..base });
            }
        }
    }
    None
}

/// A fraction written "1/2", "3/4", "1/8" at `i` (three glued tokens, not followed by another slash as in a
/// date): its value and the token after it.
fn slash_fraction(w: &Words, i: usize) -> Option<(f64, usize)> {
    if w.get(i + 1) != "/" || !w.glued(i) || !w.glued(i + 1) || (w.get(i + 3) == "/" && w.glued(i + 2)) {
        return None;
    }
    let num: u32 = w.get(i).parse().ok()?;
    let den: u32 = w.get(i + 2).parse().ok()?;
    (w.get(i).len() == 1 && matches!(den, 2 | 3 | 4 | 8 | 16) && num < den)
        .then(|| (f64::from(num) / f64::from(den), i + 3))
}

/// "several hundred", "a few thousand" (from "several"/"few").
fn vague_factor_amount(w: &Words, i: usize) -> Option<Amount> {
    let (lo, hi) = lexicon::vague_factor(w.key(i).as_str())?;
    let m = lexicon::multiplier(w.key(i + 1).as_str())?;
    Some(Amount {
        end: i + 2,
        value: lo * m,
        max: Some(hi * m),
        approximate: true,
        plain: false,
        hyphen_pair: false,
        article: false,
    })
}

/// Number words from `i`, whose first word is worth `first`: "two hundred and fifty", "five million",
/// "twenty-five thousand".
fn words_amount(w: &Words, i: usize, first: f64) -> Option<Amount> {
    let mut total = 0.0;
    let mut current = first;
    let mut j = i + 1;
    // The first word may itself be a multiplier ("a hundred": `first` is its value, `i` points at it).
    let first_is_multiplier = lexicon::multiplier(w.key(i).as_str()).is_some();
    let mut last_was_multiplier = first_is_multiplier;
    loop {
        let key = w.key(j);
        let k = key.as_str();
        if let Some(m) = lexicon::multiplier(k) {
            if m >= 1e3 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
            last_was_multiplier = true;
            j += 1;
            continue;
        }
        if last_was_multiplier {
            if k == "and" {
                if let Some(v) = lexicon::number_word(w.key(j + 1).as_str()) {
                    current += v;
                    j += 2;
                    last_was_multiplier = false;
                    continue;
                }
            }
            if let Some(v) = lexicon::number_word(k) {
                current += v;
                j += 1;
                last_was_multiplier = false;
                continue;
            }
        }
        break;
    }
    Some(Amount {
        end: j,
        value: total + current,
        max: None,
        approximate: false,
        plain: false,
        hyphen_pair: false,
        article: false,
    })
}

/// Hyphenated one-token figures: "five-year", "45-year-old", "10-day", "two-hour", "five-mile",
/// "30-km", "50-percent", "two-thirds".
fn hyphenated(w: &Words, i: usize) -> Option<Found> {
    let word = w.get(i);
    let key = w.key(i);
    let k = key.as_str();
    if !word.contains('-') {
        // Units glued to digits: "30km", "60mph".
        let digits_len = k.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',').count();
        let value = parse_numeral(k.get(..digits_len)?)?;
        let unit = lexicon::glued_unit(k.get(digits_len..)?)?;
        return Some(Found {
            start: i,
            end: i + 1,
            label: Label::Quantity,
            value: Some(Value::Quantity { value, unit: unit.into() }),
            timex: None,
        });
    }
    let (num, rest) = lexicon::split_hyphen(k)?;
    let n = parse_numeral(num).or_else(|| lexicon::number_word(num))?;
    // "twenty-five-year" is rare; "twenty-five" alone is a number word handled by `amount_at`.
    let (unit, old) = match rest.strip_suffix("-old") {
        Some(u) => (u, true),
        None => (rest, false),
    };
    if let Some((designator, scale, clock)) = lexicon::time_unit(unit) {
        let v = n * scale;
        let iso = (v.fract() == 0.0 && v < 1e6).then(|| {
            if clock {
                format!("PT{}{designator}", v as i64)
            } else {
                format!("P{}{designator}", v as i64)
            }
        });
        let label = if clock && !old { Label::Time } else { Label::Date };
        let value = iso.map(|iso| if label == Label::Time { Value::Time { iso } } else { Value::Date { iso } });
        return Some(Found { start: i, end: i + 1, label, value, timex: None });
    }
    if old {
        return None;
    }
    if matches!(rest, "percent" | "per-cent" | "pct") {
        return Some(Found {
            start: i,
            end: i + 1,
            label: Label::Percent,
            value: Some(Value::Percent { value: n }),
            timex: None,
        });
    }
    if let Some(unit) = lexicon::unit(rest) {
        return Some(Found {
            start: i,
            end: i + 1,
            label: Label::Quantity,
            value: Some(Value::Quantity { value: n, unit: unit.into() }),
            timex: None,
        });
    }
    if let Some(f) = lexicon::fraction(rest) {
        if rest.ends_with('s') || n == 1.0 {
            return Some(Found {
                start: i,
                end: i + 1,
                label: Label::Cardinal,
                value: Some(plain_number(n * f)),
                timex: None,
            });
        }
    }
    None
}

fn plain_number(value: f64) -> Value {
    Value::Number { value, max: None, approximate: false, qualifier: None }
}

/// Ordinals: "third", "89th", "twenty-first". "the 19th century" is a DATE (see `dates`).
fn ordinal(w: &Words, i: usize) -> Option<Found> {
    let key = w.key(i);
    let n = lexicon::ordinal(key.as_str())?;
    // Digits with a suffix glued to more letters or inside a name ("Boeing 2nd" is rare) are fine;
    // "a third of" is a fraction (CARDINAL), handled by `fraction`.
    if matches!(w.key(i.wrapping_sub(1)).as_str(), "a" | "one")
        && w.is(i + 1, "of")
        && lexicon::fraction(key.as_str()).is_some()
    {
        return None;
    }
    Some(Found { start: i, end: i + 1, label: Label::Ordinal, value: Some(Value::Ordinal { value: n }), timex: None })
}

/// Fractions as counts: "a third of", "one quarter of", "two thirds", "half of".
fn fraction(w: &Words, i: usize) -> Option<Found> {
    let key = w.key(i);
    let k = key.as_str();
    if k == "half" && w.is(i + 1, "of") {
        return Some(Found {
            start: i,
            end: i + 1,
            label: Label::Cardinal,
            value: Some(plain_number(0.5)),
            timex: None,
        });
    }
    if k == "half"
        && matches!(w.key(i + 1).as_str(), "a" | "an")
        && w.is(i + 2, "percentage")
        && matches!(w.key(i + 3).as_str(), "point" | "points")
    {
        return Some(Found {
            start: i,
            end: i + 4,
            label: Label::Percent,
            value: Some(Value::Percent { value: 0.5 }),
            timex: None,
        });
    }
    let n = match k {
        "a" | "an" | "one" => 1.0,
        _ => lexicon::number_word(k)?,
    };
    let next = w.key(i + 1);
    let f = lexicon::fraction(next.as_str())?;
    let plural = next.as_str().ends_with('s');
    if (n == 1.0 && !plural && w.is(i + 2, "of") && next.as_str() != "half") || (n > 1.0 && plural) {
        return Some(Found {
            start: i,
            end: i + 2,
            label: Label::Cardinal,
            value: Some(plain_number(n * f)),
            timex: None,
        });
    }
    None
}

/// A number right after a capitalized word that does not open the sentence belongs to a name:
/// "Windows 10", "Boeing 737", "Euro 2016", "Route 66".
fn in_name(w: &Words, i: usize) -> bool {
    // Not in a title-case headline, where every word is capitalized.
    if w.headline() || i <= w.lo {
        return false;
    }
    let prev = w.get(i - 1);
    // "iPhone 12", "iOS 14": a capital anywhere in the word.
    if !prev.chars().any(char::is_uppercase) || lexicon::month(prev).is_some() || lexicon::weekday(prev).is_some() {
        return false;
    }
    // At the start of a sentence any word is capitalized: only a word that is not a common sentence
    // opener ("Only 50", "About 300") reads as a name ("Flight 370 disappeared").
    !(i - 1 == w.lo && is_opener(w.key(i - 1).as_str()))
}

/// Words that often open a sentence before a number.
fn is_opener(k: &str) -> bool {
    matches!(
        k,
        "only"
            | "about"
            | "nearly"
            | "almost"
            | "some"
            | "all"
            | "the"
            | "in"
            | "on"
            | "at"
            | "by"
            | "of"
            | "around"
            | "over"
            | "under"
            | "more"
            | "less"
            | "fewer"
            | "just"
            | "roughly"
            | "approximately"
            | "another"
            | "up"
            | "as"
            | "an"
            | "a"
            | "and"
            | "but"
            | "so"
            | "then"
            | "with"
            | "without"
            | "for"
            | "from"
            | "to"
            | "since"
            | "until"
            | "after"
            | "before"
            | "during"
            | "last"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "exactly"
            | "every"
            | "each"
            | "between"
            | "that"
            | "when"
            | "while"
            | "if"
            | "although"
            | "though"
            | "because"
    )
}

/// Phone numbers and other digit groups: "+44 20 7946 0958", "(555) 123-4567".
fn phone_like(w: &Words, i: usize) -> bool {
    let digits = |j: usize| {
        let s = w.get(j);
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    };
    let prev = w.get(i.wrapping_sub(1));
    let next = w.get(i + 1);
    // Digits glued to ":" or "/" belong to a ratio, a verse or a reference ("3:1", "3:16", "4/5").
    let glued_sep = (matches!(prev, ":" | "/") && w.glued(i - 1)) || (matches!(next, ":" | "/") && w.glued(i));
    glued_sep
        || (prev == "+" && w.glued(i - 1))
        || (digits(i + 1) && !w.glued(i))
        || (i > w.lo && digits(i - 1) && !w.glued(i - 1))
        || (prev == "(" && w.get(i + 1) == ")" && (digits(i + 2) || w.get(i + 2).contains('-')))
        || (digits(i) && (w.get(i + 1).contains('-') && w.get(i + 1).bytes().all(|b| b.is_ascii_digit() || b == b'-')))
}

/// Ages written after a name: "John Smith, 45, a teacher" or "Smith (45)": DATE in OntoNotes.
fn age(w: &Words, i: usize, value: f64) -> Option<Found> {
    if !(1.0..=120.0).contains(&value) || value.fract() != 0.0 {
        return None;
    }
    let around = (w.get(i.wrapping_sub(1)), w.get(i + 1));
    let framed = matches!(around, (",", ",") | ("(", ")"));
    (framed && i >= 2 && w.capitalized(i - 2) && !w.lowercase(i + 2)
        || framed && w.lowercase(i + 2) && w.capitalized(i.wrapping_sub(2)) && w.is(i + 2, "a"))
    .then(|| Found {
        start: i,
        end: i + 1,
        label: Label::Date,
        value: Some(Value::Date { iso: format!("P{}Y", value as i64) }),
        timex: None,
    })
}

/// A four-digit number read as a year: "in 2016", "2016 was", but not "2000 people".
fn is_year(w: &Words, i: usize, value: f64) -> bool {
    if !(1000.0..=2999.0).contains(&value) || w.get(i).len() != 4 {
        return false;
    }
    let prev = w.key(i.wrapping_sub(1));
    if matches!(
        prev.as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "of"
            | "to"
            | "through"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
            | "around"
            | "the"
            | "and"
            | "between"
            | "circa"
            | "c."
    ) {
        return true;
    }
    let next = w.key(i + 1);
    let n = next.as_str();
    if !w.lowercase(i + 1) {
        return true;
    }
    // Before a lowercase word: a count when the word names what is counted ("2000 people", "1500
    // jobs"); a year that qualifies a noun otherwise ("its 2004 financial reports", "a 2003 bond deal"),
    // which only years of the last two centuries do.
    let counted = matches!(
        n,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "staff"
            | "personnel"
            | "troops"
            | "cattle"
            | "more"
            | "other"
            | "new"
            | "of"
    ) || (n.ends_with('s')
        && !n.ends_with("ss")
        && !matches!(
            n,
            "was"
                | "is"
                | "has"
                | "as"
                | "this"
                | "its"
                | "his"
                | "earnings"
                | "elections"
                | "olympics"
                | "results"
                | "accounts"
                | "sales"
                | "figures"
        ));
    let function_word = matches!(
        n,
        "and"
            | "or"
            | "to"
            | "when"
            | "after"
            | "before"
            | "but"
            | "with"
            | "in"
            | "on"
            | "at"
            | "was"
            | "is"
            | "will"
            | "had"
            | "has"
            | "that"
            | "the"
            | "for"
    );
    function_word || ((1900.0..=2099.0).contains(&value) && !counted)
}

fn is_street(w: &str) -> bool {
    matches!(
        w,
        "Street" | "St" | "Road" | "Rd" | "Avenue" | "Ave" | "Lane" | "Boulevard" | "Square" | "Drive" | "Place"
    )
}

/// "one day" at `i` is a length of time ("for one day", "one day later") rather than "some day".
fn some_day_is_duration(w: &Words, i: usize) -> bool {
    matches!(
        w.key(i.wrapping_sub(1)).as_str(),
        "for"
            | "in"
            | "within"
            | "than"
            | "about"
            | "only"
            | "just"
            | "after"
            | "over"
            | "of"
            | "per"
            | "least"
            | "a"
            | "the"
            | "every"
            | "each"
    ) || matches!(w.key(i + 2).as_str(), "ago" | "later" | "earlier" | "before" | "after" | "long" | "old")
}

/// The word after "one" at `i` reads as a verb in the third person ("looks", "wonders"): a counted
/// noun after "one" is singular.
fn verb_after_one(w: &Words, i: usize) -> bool {
    let next = w.key(i + 1);
    let n = next.as_str();
    n.len() > 3
        && n.ends_with('s')
        && !n.ends_with("ss")
        && !n.ends_with("us")
        && w.lowercase(i + 1)
        && !w.is(i + 2, "of")
}

/// "one" is a count unless it is a pronoun: "no one", "the one who", "one another", "if one looks".
fn one_is_count(w: &Words, i: usize) -> bool {
    let prev = w.key(i.wrapping_sub(1));
    let next = w.key(i + 1);
    !matches!(prev.as_str(), "no" | "any" | "every" | "each" | "some" | "the" | "this" | "that" | "which" | "someone" | "anyone" | "little" | "only" | "ongoing" | "good" | "big" | "new" | "old" | "right" | "wrong")
        && !matches!(
            next.as_str(),
            "another" | "'s" | "who" | "that" | "which" | "thing" | "for" | "with" | "to" | "is" | "was" | "has" | "had" | "would" | "will" | "can" | "could" | "should" | "must" | "might" | "may" | "," | "." | ";" | ")"
        )
        && w.get(i + 1) != "’s"
        // A verb after it: "if one looks closely", "one wonders".
        && !verb_after_one(w, i)
}

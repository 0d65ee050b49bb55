//! The words the number and date rules know: number words, multipliers, months, weekdays, units and
//! currencies. Every function takes a lowercase ASCII word (see `Words::key`) unless it says otherwise.
//!
//! Hand-written `match` tables rather than a crate: no maintained crate covers English newswire number
//! words together with currencies and units, and a `match` on `&str` compiles to a fast comparison tree
//! with no allocation and no start-up cost.

/// Cardinal number words: "two" → 2, "twenty-five" → 25.
pub fn number_word(w: &str) -> Option<f64> {
    if let Some((tens, units)) = split_hyphen(w) {
        let t = simple_number_word(tens)?;
        let u = simple_number_word(units)?;
        return ((20.0..100.0).contains(&t) && (t % 10.0) == 0.0 && (1.0..10.0).contains(&u)).then_some(t + u);
    }
    simple_number_word(w)
}

/// `w.split_once('-')`, by a plain byte loop: the words are short, and `split_once` prepares a search
/// (`memchr`) that costs more than it saves on them; the rules ask this of nearly every word.
#[inline]
pub(crate) fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let at = w.bytes().position(|b| b == b'-')?;
    Some((w.get(..at)?, w.get(at + 1..)?))
}

fn simple_number_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Words that multiply the number before them: "1.2 million", "two hundred", "3 bn".
pub fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// Plural magnitudes used as vague counts: "dozens" → at least 24, below 144.
pub fn vague_plural(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "dozens" => (24.0, 143.0),
        "hundreds" => (200.0, 999.0),
        "thousands" => (2e3, 9_999.0),
        "millions" => (2e6, 9.99e6),
        "billions" => (2e9, 9.99e9),
        "trillions" => (2e12, 9.99e12),
        _ => return None,
    })
}

/// Vague multipliers before a magnitude: "several hundred" → 3..9 hundreds.
pub fn vague_factor(w: &str) -> Option<(f64, f64)> {
    Some(match w {
        "several" => (3.0, 9.0),
        "few" => (2.0, 5.0),
        _ => return None,
    })
}

/// Ordinal words and numerals: "third" → 3, "twenty-first" → 21, "89th" → 89.
pub fn ordinal(w: &str) -> Option<i64> {
    // Digits then letters ("21st"): a word that opens with no digit cannot be one.
    let digits = if w.starts_with(|c: char| c.is_ascii_digit()) {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
    } else {
        ""
    };
    if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let suffix = &w[digits.len()..];
        let n: i64 = digits.parse().ok()?;
        let expected = match (n % 100, n % 10) {
            (11..=13, _) => "th",
            (_, 1) => "st",
            (_, 2) => "nd",
            (_, 3) => "rd",
            _ => "th",
        };
        return (suffix == expected).then_some(n);
    }
    if let Some((tens, units)) = split_hyphen(w) {
        let t = simple_number_word(tens)?;
        let u = simple_ordinal(units)?;
        return (t >= 20.0 && (t % 10.0) == 0.0 && t < 100.0 && u < 10).then_some(t as i64 + u);
    }
    simple_ordinal(w)
}

fn simple_ordinal(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        _ => return None,
    })
}

/// Fractions written as words: "half" → 0.5, "thirds" → 1/3 (for "two-thirds").
pub fn fraction(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 0.5,
        "third" | "thirds" => 1.0 / 3.0,
        "quarter" | "quarters" => 0.25,
        "fifth" | "fifths" => 0.2,
        "sixth" | "sixths" => 1.0 / 6.0,
        "eighth" | "eighths" => 0.125,
        "tenth" | "tenths" => 0.1,
        _ => return None,
    })
}

/// Month names and their abbreviations, matched on the original (capitalized) word.
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "January" | "Jan" | "JANUARY" => 1,
        "February" | "Feb" | "FEBRUARY" => 2,
        "March" | "Mar" | "MARCH" => 3,
        "April" | "Apr" | "APRIL" => 4,
        "May" | "MAY" => 5,
        "June" | "Jun" | "JUNE" => 6,
        "July" | "Jul" | "JULY" => 7,
        "August" | "Aug" | "AUGUST" => 8,
        "September" | "Sep" | "Sept" | "SEPTEMBER" => 9,
        "October" | "Oct" | "OCTOBER" => 10,
        "November" | "Nov" | "NOVEMBER" => 11,
        "December" | "Dec" | "DECEMBER" => 12,
        _ => return None,
    })
}

/// Month names that are also common words ("May", "March") and need a day, a year or a cue.
pub fn ambiguous_month(w: &str) -> bool {
    matches!(
        w,
        "May"
            | "March"
            | "Mar"
            | "Jan"
            | "Dec"
            | "Sep"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Oct"
            | "Nov"
            | "Apr"
            | "Feb"
            | "Sept"
    )
}

/// Weekday names, matched on the original word: Monday → 0 … Sunday → 6.
pub fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "Monday" | "Mon" => 0,
        "Tuesday" | "Tue" | "Tues" => 1,
        "Wednesday" | "Wed" => 2,
        "Thursday" | "Thu" | "Thurs" => 3,
        "Friday" | "Fri" => 4,
        "Saturday" | "Sat" => 5,
        "Sunday" | "Sun" => 6,
        _ => return None,
    })
}

/// Full weekday names only (the abbreviations are common words: "Sun", "Sat", "Wed").
pub fn full_weekday(w: &str) -> bool {
    w.len() > 5 && weekday(w).is_some()
}

/// Units of time in a duration: "five years" (DATE) or "two hours" (TIME). Gives the ISO 8601 duration
/// designator, how many of it one unit is, and whether the unit is a time of day (TIME) unit.
pub fn time_unit(w: &str) -> Option<(char, f64, bool)> {
    Some(match w {
        "year" | "years" | "yr" | "yrs" => ('Y', 1.0, false),
        "decade" | "decades" => ('Y', 10.0, false),
        "century" | "centuries" => ('Y', 100.0, false),
        "month" | "months" => ('M', 1.0, false),
        "week" | "weeks" => ('W', 1.0, false),
        "day" | "days" => ('D', 1.0, false),
        "hour" | "hours" => ('H', 1.0, true),
        "minute" | "minutes" => ('M', 1.0, true),
        "second" | "seconds" => ('S', 1.0, true),
        _ => return None,
    })
}

/// Units of measure (QUANTITY), with the symbol used in values.
pub fn unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "mile" | "miles" => "mi",
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => "km",
        "metre" | "metres" | "meter" | "meters" => "m",
        "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => "cm",
        "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => "mm",
        "foot" | "feet" | "ft" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" | "yd" | "yds" => "yd",
        "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kg" | "kgs" | "kilo" | "kilos" => "kg",
        "gram" | "grams" | "gramme" | "grammes" => "g",
        "tonne" | "tonnes" | "ton" | "tons" => "t",
        "pound" | "pounds" | "lb" | "lbs" => "lb",
        "ounce" | "ounces" | "oz" => "oz",
        "litre" | "litres" | "liter" | "liters" => "l",
        "gallon" | "gallons" => "gal",
        "barrel" | "barrels" => "bbl",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "ha",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "knot" | "knots" => "kn",
        "degree" | "degrees" => "°",
        "megawatt" | "megawatts" | "mw" => "MW",
        "gigawatt" | "gigawatts" | "gw" => "GW",
        "kilowatt" | "kilowatts" | "kw" => "kW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "calorie" | "calories" => "kcal",
        _ => return None,
    })
}

/// Units that may be glued to digits ("30km", "60mph", "5kg"); "m" and "t" are left out on purpose
/// ("£1.5m" is money, "30m" is usually millions).
pub fn glued_unit(w: &str) -> Option<&'static str> {
    match w {
        "km" | "kms" | "cm" | "mm" | "ft" | "kg" | "kgs" | "lb" | "lbs" | "oz" | "mph" | "kph" | "kmh" | "mw"
        | "gw" | "kw" | "kwh" | "mwh" | "ha" | "yds" => unit(w),
        _ => None,
    }
}

/// Currency symbols written before the amount, matched on the original token.
pub fn currency_symbol(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₽" => "RUB",
        "₸" => "KZT",
        "₹" => "INR",
        "₩" => "KRW",
        "₺" => "TRY",
        "₴" => "UAH",
        "₪" => "ILS",
        "₦" => "NGN",
        "₱" => "PHP",
        "฿" => "THB",
        _ => return None,
    })
}

/// Country prefixes glued to "$": "US$", "C$", "A$", "HK$", "S$", "NZ$", "R$".
pub fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S" => "USD",
        "C" | "CA" => "CAD",
        "A" | "AU" => "AUD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "NZ" => "NZD",
        "R" => "BRL",
        _ => return None,
    })
}

/// ISO 4217 codes written next to the amount ("USD 500", "500 KZT"), matched on the original token.
pub fn currency_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CNY" => "CNY",
        "RMB" => "CNY",
        "RUB" => "RUB",
        "KZT" => "KZT",
        "CHF" => "CHF",
        "INR" => "INR",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "UAH" => "UAH",
        "TRY" => "TRY",
        "HKD" => "HKD",
        "SEK" => "SEK",
        "NOK" => "NOK",
        _ => return None,
    })
}

/// Currency names written after the amount: "10 million rubles", "500 tenge".
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "tenge" => "KZT",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "peso" | "pesos" => "MXN",
        "lira" | "liras" | "lire" => "TRY",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "won" => "KRW",
        "rand" => "ZAR",
        "reais" => "BRL",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "baht" => "THB",
        "ringgit" => "MYR",
        "som" | "soms" => "KGS",
        "somoni" => "TJS",
        "manat" | "manats" => "AZN",
        "lari" => "GEL",
        "dram" | "drams" => "AMD",
        "shekel" | "shekels" => "ILS",
        "zloty" | "zlotys" => "PLN",
        "forint" | "forints" => "HUF",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "naira" => "NGN",
        "cent" | "cents" => "cent",
        "pence" => "pence",
        "bitcoin" | "bitcoins" => "BTC",
        _ => return None,
    })
}

/// A nationality adjective (original case) and a currency word (lowercase): "Swiss francs" → CHF.
pub fn national_currency(adjective: &str, word: &str) -> Option<&'static str> {
    let word = word.strip_suffix('s').unwrap_or(word);
    Some(match (adjective, word) {
        ("Swiss", "franc") => "CHF",
        ("French", "franc") => "FRF",
        ("Belgian", "franc") => "BEF",
        ("German", "mark") => "DEM",
        ("Italian", "lira" | "lire") => "ITL",
        ("Turkish", "lira") => "TRY",
        ("Danish", "crown" | "krone") => "DKK",
        ("Swedish", "crown" | "krona" | "kronor") => "SEK",
        ("Norwegian", "crown" | "krone") => "NOK",
        ("Czech", "crown" | "koruna") => "CZK",
        ("Mexican", "peso") => "MXN",
        ("Philippine", "peso") => "PHP",
        ("Argentine", "peso") => "ARS",
        ("Chilean", "peso") => "CLP",
        ("Indian", "rupee") => "INR",
        ("Pakistani", "rupee") => "PKR",
        ("Russian", "rouble" | "ruble") => "RUB",
        ("Japanese", "yen") => "JPY",
        ("Chinese", "yuan") => "CNY",
        ("Kazakh", "tenge") => "KZT",
        ("New", "shekel") => "ILS",
        _ => return None,
    })
}

/// Adjectives that select a dollar: "10 Canadian dollars".
pub fn dollar_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S" | "American" => "USD",
        "Canadian" => "CAD",
        "Australian" => "AUD",
        "Singapore" => "SGD",
        "Taiwan" => "TWD",
        _ => return None,
    })
}

/// Qualifiers that open a number phrase ("at least 50", "almost two years ago"), longest first, as
/// word sequences; the flag says whether the number is approximate.
pub const QUALIFIERS: &[(&[&str], bool)] = &[
    (&["as", "many", "as"], false),
    (&["as", "much", "as"], false),
    (&["as", "few", "as"], false),
    (&["as", "little", "as"], false),
    (&["an", "estimated"], true),
    (&["at", "least"], false),
    (&["at", "most"], false),
    (&["more", "than"], false),
    (&["less", "than"], false),
    (&["fewer", "than"], false),
    (&["up", "to"], false),
    (&["close", "to"], true),
    (&["just", "over"], true),
    (&["just", "under"], true),
    (&["well", "over"], false),
    (&["nearly"], true),
    (&["almost"], true),
    (&["about"], true),
    (&["around"], true),
    (&["approximately"], true),
    (&["roughly"], true),
    (&["some"], true),
    (&["over"], false),
    (&["under"], false),
    (&["upwards", "of"], false),
];

/// Words that can open a date, time or figure match (besides digits, symbols and calendar names):
/// number words, ordinals, magnitudes, qualifiers, and the words of relative dates and date prefixes.
pub fn starts_match(k: &str) -> bool {
    number_word(k).is_some()
        || ordinal(k).is_some()
        || multiplier(k).is_some()
        || vague_plural(k).is_some()
        || vague_factor(k).is_some()
        || matches!(
            k,
            "the"
                | "a"
                | "an"
                | "this"
                | "last"
                | "next"
                | "past"
                | "early"
                | "late"
                | "mid"
                | "earlier"
                | "later"
                | "end"
                | "shortly"
                | "just"
                | "soon"
                | "around"
                | "about"
                | "approximately"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "recent"
                | "weekend"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
                | "noon"
                | "midday"
                | "midnight"
                | "tens"
                | "half"
                | "between"
                | "as"
                | "at"
                | "more"
                | "less"
                | "fewer"
                | "up"
                | "close"
                | "well"
                | "nearly"
                | "almost"
                | "roughly"
                | "some"
                | "over"
                | "under"
                | "upwards"
                | "same"
                | "previous"
                | "following"
                | "coming"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
        )
}

/// The TIMEX3 code of a season's name (`SP`, `SU`, `FA`, `WI`).
pub fn season_code(k: &str) -> Option<&'static str> {
    Some(match k {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

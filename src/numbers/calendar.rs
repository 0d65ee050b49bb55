//! Calendar arithmetic for resolving relative dates: day counts, weekdays, ISO weeks.
//!
//! Hand-written (Howard Hinnant's `days_from_civil` algorithm, proleptic Gregorian calendar) rather
//! than `chrono` or `jiff`: resolving "last Monday" or "two weeks ago" needs a dozen lines of integer
//! arithmetic, and a date-time crate would add size to the page's wasm for no other use.

/// A calendar date. Always valid when built with `Ymd::new` or parsed (`"2021-03-05".parse::<Ymd>()`);
/// displayed as ISO 8601, `YYYY-MM-DD`, which is also the only form `parse` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    /// The date, if it exists (years 1..=9999).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        ((1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Ymd {
            y,
            m,
            d,
        })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (clamped to years 1..=9999).
    pub fn from_days(days: i64) -> Ymd {
        let z = days.clamp(-719_162, 2_932_896) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7)) as u32
    }

    /// `(year, month)` `n` months later (negative: earlier).
    pub fn add_months(self, n: i32) -> (i32, u32) {
        let total = self.y * 12 + self.m as i32 - 1 + n;
        (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
    }

    /// ISO 8601 week date: `(week-based year, week)`.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - i64::from(self.weekday()));
        let jan1 = Ymd { y: thursday.y, m: 1, d: 1 };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        (thursday.y, week as u32)
    }

    pub fn iso(self) -> String {
        self.to_string()
    }

    pub fn iso_week_string(self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// A string that is not a real calendar date written `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotADate;

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a date written YYYY-MM-DD")
    }
}

impl std::error::Error for NotADate {}

impl std::str::FromStr for Ymd {
    type Err = NotADate;

    /// `YYYY-MM-DD` (surrounding white space allowed), a date that exists.
    fn from_str(s: &str) -> Result<Ymd, NotADate> {
        let mut parts = s.trim().split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(NotADate);
        };
        if y.len() != 4
            || m.len() != 2
            || d.len() != 2
            || ![y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(NotADate);
        }
        let number = |p: &str| p.parse::<u32>().map_err(|_| NotADate);
        Ymd::new(number(y)? as i32, number(m)?, number(d)?).ok_or(NotADate)
    }
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Ymd::new(2021, 2, 28).unwrap();
        assert_eq!(Ymd::from_days(d.days()), d);
        assert_eq!(d.weekday(), 6); // a Sunday
        assert_eq!(d.add_days(1), Ymd::new(2021, 3, 1).unwrap());
        assert_eq!(Ymd::new(2020, 2, 29).unwrap().add_days(366), Ymd::new(2021, 3, 1).unwrap());
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(d.iso_week_string(), "2021-W08");
        assert_eq!(Ymd::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(d.add_months(-3), (2020, 11));
        assert!(Ymd::new(2021, 2, 29).is_none());
        let _ = Ymd::from_days(i64::MAX);
    }
}

//! Calendar dates (`2020-12-15`) and quarters (`2021-T3`) as used in assessments and plans.

use std::fmt;
use std::str::FromStr;

/// A calendar date, ordered chronologically, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// Builds a date, checking that the day exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The quarter this date falls in.
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year,
            q: (self.month - 1) / 3 + 1,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Why a text is not a date or a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseDateError {
    /// A date not written `YYYY-MM-DD` with digits.
    DateFormat,
    /// A date written correctly whose day does not exist (`2021-02-29`, `2020-13-01`).
    NoSuchDay,
    /// A quarter not written `YYYY-Tn` with `n` from 1 to 4.
    QuarterFormat,
}

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseDateError::DateFormat => "date à écrire AAAA-MM-JJ",
            ParseDateError::NoSuchDay => "ce jour n'existe pas",
            ParseDateError::QuarterFormat => "trimestre à écrire AAAA-Tn, n de 1 à 4",
        })
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for Date {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(ParseDateError::DateFormat);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, ParseDateError> {
            let part = &s[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(ParseDateError::DateFormat);
            }
            part.parse().map_err(|_| ParseDateError::DateFormat)
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8).ok_or(ParseDateError::NoSuchDay)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A calendar quarter, written `2021-T3` (French "trimestre").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// Year.
    pub year: u16,
    /// Quarter, 1–4.
    pub q: u8,
}

impl Quarter {
    /// The last day of the quarter: a milestone counts as reached on that day.
    pub fn end(self) -> Date {
        let month = self.q * 3;
        Date {
            year: self.year,
            month,
            day: days_in_month(self.year, month),
        }
    }

    /// The next quarter.
    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }
}

impl FromStr for Quarter {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Quarter, ParseDateError> {
        let b = s.as_bytes();
        if b.len() != 7 || &s[4..6] != "-T" || !b[..4].iter().all(u8::is_ascii_digit) {
            return Err(ParseDateError::QuarterFormat);
        }
        let q = b[6].wrapping_sub(b'0');
        if !(1..=4).contains(&q) {
            return Err(ParseDateError::QuarterFormat);
        }
        Ok(Quarter {
            year: s[..4].parse().map_err(|_| ParseDateError::QuarterFormat)?,
            q,
        })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-T{}", self.year, self.q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_dates() {
        assert_eq!(
            "2020-12-15".parse::<Date>(),
            Ok(Date::new(2020, 12, 15).unwrap())
        );
        assert_eq!("2021-02-29".parse::<Date>(), Err(ParseDateError::NoSuchDay));
        assert_eq!(
            "2024-02-29".parse::<Date>().map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert_eq!("2020-1-15".parse::<Date>(), Err(ParseDateError::DateFormat));
        assert_eq!(
            "+020-01-15".parse::<Date>(),
            Err(ParseDateError::DateFormat)
        );
        assert_eq!(
            ParseDateError::NoSuchDay.to_string(),
            "ce jour n'existe pas"
        );
    }

    #[test]
    fn quarter_end_is_last_day() {
        let q: Quarter = "2022-T4".parse().unwrap();
        assert_eq!(q.end().to_string(), "2022-12-31");
        assert_eq!(
            "2024-T1".parse::<Quarter>().unwrap().end().to_string(),
            "2024-03-31"
        );
        assert_eq!(
            "2021-T5".parse::<Quarter>(),
            Err(ParseDateError::QuarterFormat)
        );
        assert_eq!(
            Date::new(2021, 8, 1).unwrap().quarter().to_string(),
            "2021-T3"
        );
    }
}

mod serde_impls {
    use super::{Date, Quarter};
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::borrow::Cow;

    /// Pattern of a `YYYY-MM-DD` date in the schemas.
    pub const DATE_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
    /// Pattern of a `YYYY-Tn` quarter in the schemas.
    pub const QUARTER_PATTERN: &str = r"^[0-9]{4}-T[1-4]$";

    macro_rules! string_type {
        ($ty:ty, $name:literal, $pattern:expr, $desc:literal, $expect:literal) => {
            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_str(self)
                }
            }
            impl<'de> Deserialize<'de> for $ty {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let s = Cow::<str>::deserialize(d)?;
                    s.parse()
                        .map_err(|_| D::Error::custom(format!(concat!($expect, " : « {} »"), s)))
                }
            }
            impl JsonSchema for $ty {
                fn schema_name() -> Cow<'static, str> {
                    $name.into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({ "type": "string", "pattern": $pattern, "description": $desc })
                }
            }
        };
    }
    string_type!(
        Date,
        "Date",
        DATE_PATTERN,
        "Date au format AAAA-MM-JJ, par exemple 2020-12-15.",
        "date inexistante"
    );
    string_type!(
        Quarter,
        "Quarter",
        QUARTER_PATTERN,
        "Trimestre au format AAAA-Tn, par exemple 2021-T3.",
        "trimestre invalide"
    );
}
pub use serde_impls::{DATE_PATTERN, QUARTER_PATTERN};

//! Time zones and interview times: the IANA database built into the binary (jiff's bundled
//! copy, never the system's, so the same inputs print the same times on every machine).

use crate::diag::closest;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::{Offset, TimeZone, TimeZoneDatabase};
use std::sync::LazyLock;

/// Abbreviations people write for a zone: each names only one half of a year with
/// daylight saving (and `EST`, `MST` are fixed offsets in the database), so a city's zone
/// is asked for instead.
const ABBREVIATIONS: [(&str, &str); 20] = [
    ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("PT", "America/Los_Angeles"),
    ("MST", "America/Denver"),
    ("MDT", "America/Denver"),
    ("MT", "America/Denver"),
    ("CST", "America/Chicago"),
    ("CDT", "America/Chicago"),
    ("CT", "America/Chicago"),
    ("EST", "America/New_York"),
    ("EDT", "America/New_York"),
    ("ET", "America/New_York"),
    ("BST", "Europe/London"),
    ("CET", "Europe/Berlin"),
    ("CEST", "Europe/Berlin"),
    ("EET", "Europe/Athens"),
    ("EEST", "Europe/Athens"),
    ("IST", "Asia/Kolkata"),
    ("AEST", "Australia/Sydney"),
    ("AEDT", "Australia/Sydney"),
];

/// The bundled database, opened once.
static DATABASE: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// A zone as people name it: its rules and how it prints (`New York`, `UTC+5:30`).
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    rules: TimeZone,
    /// The IANA name (`America/New_York`), or the fixed offset as written (`UTC+2`).
    pub name: String,
}

impl Zone {
    /// `Europe/Berlin` (any case), `UTC`, or a fixed offset `UTC+2`, `UTC-03:30`.
    pub(crate) fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        if abbreviation(name).is_some() {
            return None;
        }
        if let Some(offset) = fixed_offset(name) {
            return Some(Zone { rules: TimeZone::fixed(offset), name: name.to_string() });
        }
        let rules = DATABASE.get(name).ok()?;
        let name = rules.iana_name().unwrap_or(name).to_string();
        Some(Zone { rules, name })
    }

    /// The zone's city, as people say it: `America/Argentina/Buenos_Aires` → `Buenos Aires`.
    pub(crate) fn place(&self) -> String {
        self.name.rsplit('/').next().unwrap_or(&self.name).replace('_', " ")
    }
}

/// The IANA name closest to `name`, for "did you mean" (`Europe/Berln`, `New York`).
pub(crate) fn suggest(name: &str) -> Option<String> {
    if let Some(zone) = abbreviation(name) {
        return Some(zone.to_string());
    }
    let names: Vec<String> = DATABASE.available().map(|n| n.as_str().to_string()).collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let wanted = name.trim().to_lowercase().replace(' ', "_");
    let by_name = closest(&wanted, lower.iter().map(String::as_str));
    // A bare city (`Berlin`, `new york`) is matched against the names' last parts.
    let cities: Vec<&str> = lower.iter().map(|n| n.rsplit('/').next().unwrap_or(n)).collect();
    let by_city = || closest(&wanted, cities.iter().copied());
    let found = by_name.or_else(by_city)?;
    let index = lower.iter().position(|n| n == found || n.rsplit('/').next() == Some(found))?;
    Some(names[index].clone())
}

/// The city zone for an abbreviation such as `PST`.
fn abbreviation(name: &str) -> Option<&'static str> {
    let name = name.trim().to_uppercase();
    ABBREVIATIONS.iter().find(|(short, _)| *short == name).map(|(_, zone)| *zone)
}

/// `UTC+2`, `UTC-3:30`, `UTC+05:30`, `GMT+1` → the offset; hours up to 14.
fn fixed_offset(name: &str) -> Option<Offset> {
    let rest = name.strip_prefix("UTC").or_else(|| name.strip_prefix("GMT"))?;
    let (sign, rest) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 14 || !(0..60).contains(&minutes) || (hours == 14 && minutes > 0) {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// An interview's date and time where it happens, and in the person's own zone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct InterviewTime {
    /// `Tue 12 Jan 2027, 09:00 in New York`.
    pub there: String,
    /// `15:00 your time, Berlin`, with the day too when it differs (`Wed 13 Jan, 03:00 your time, Tokyo`).
    pub here: String,
}

/// The interview at `date` (`YYYY-MM-DD`) and `time` (`HH:MM`) in `job_zone`, also as
/// `person_zone` sees it. A time skipped by a daylight-saving change is taken as the
/// clocks read after it, as calendars do.
pub(crate) fn interview_time(
    date: &str,
    time: &str,
    job_zone: &Zone,
    person_zone: &Zone,
) -> Option<InterviewTime> {
    let date: Date = date.parse().ok()?;
    let (h, m) = time.split_once(':')?;
    let at = DateTime::from_parts(date, jiff::civil::time(h.parse().ok()?, m.parse().ok()?, 0, 0));
    let there = at.to_zoned(job_zone.rules.clone()).ok()?;
    let here = there.with_time_zone(person_zone.rules.clone());
    let day = |d: Date| format!("{} {} {} {}", weekday(d.weekday()), d.day(), month(d.month()), d.year());
    let clock = |t: DateTime| format!("{:02}:{:02}", t.hour(), t.minute());
    let (there_at, here_at) = (there.datetime(), here.datetime());
    let here_day = if here_at.date() == there_at.date() {
        String::new()
    } else {
        format!("{} {} {}, ", weekday(here_at.weekday()), here_at.day(), month(here_at.month()))
    };
    Some(InterviewTime {
        there: format!("{}, {} in {}", day(there_at.date()), clock(there_at), job_zone.place()),
        here: format!("{here_day}{} your time, {}", clock(here_at), person_zone.place()),
    })
}

fn weekday(w: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w.to_monday_zero_offset() as usize]
}

fn month(m: i8) -> &'static str {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m as usize - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str, job: &str, person: &str) -> (String, String) {
        let (job, person) = (Zone::parse(job).unwrap(), Zone::parse(person).unwrap());
        let t = interview_time(date, time, &job, &person).unwrap();
        (t.there, t.here)
    }

    #[test]
    fn new_york_to_berlin_in_winter_is_six_hours() {
        assert_eq!(
            at("2027-01-12", "09:00", "America/New_York", "Europe/Berlin"),
            ("Tue 12 Jan 2027, 09:00 in New York".into(), "15:00 your time, Berlin".into())
        );
    }

    #[test]
    fn between_the_two_daylight_saving_changes_it_is_five_hours() {
        // The US moves its clocks on 14 March 2027, Europe on 28 March.
        assert_eq!(
            at("2027-03-16", "09:00", "America/New_York", "Europe/Berlin").1,
            "14:00 your time, Berlin"
        );
        assert_eq!(
            at("2027-03-30", "09:00", "America/New_York", "Europe/Berlin").1,
            "15:00 your time, Berlin"
        );
    }

    #[test]
    fn half_hour_zones_and_fixed_offsets() {
        assert_eq!(at("2027-01-12", "09:00", "Europe/London", "Asia/Kolkata").1, "14:30 your time, Kolkata");
        assert_eq!(at("2027-01-12", "09:00", "UTC+2", "UTC-03:30").1, "03:30 your time, UTC-03:30");
    }

    #[test]
    fn the_day_is_named_when_it_differs() {
        assert_eq!(
            at("2027-01-12", "20:00", "America/Los_Angeles", "Asia/Tokyo").1,
            "Wed 13 Jan, 13:00 your time, Tokyo"
        );
    }

    #[test]
    fn names_are_found_in_any_case_and_near_misses_are_suggested() {
        assert_eq!(Zone::parse("europe/berlin").unwrap().name, "Europe/Berlin");
        assert!(Zone::parse("Europe/Berln").is_none());
        assert_eq!(suggest("Europe/Berln").as_deref(), Some("Europe/Berlin"));
        assert_eq!(suggest("New York").as_deref(), Some("America/New_York"));
        assert!(Zone::parse("UTC+15").is_none());
        assert!(Zone::parse("EST").is_none(), "EST is UTC-5 all year, not New York's time");
        assert_eq!(suggest("pst").as_deref(), Some("America/Los_Angeles"));
    }
}

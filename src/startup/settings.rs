//! The config's numbers turned into the durations and limits the program runs with. Every value
//! is checked against its allowed range first, so that no value can overflow a clock or a
//! counter: an out-of-range value is an error naming the key and the range.

use std::ops::RangeInclusive;

use chrono::Duration;

use crate::app::keys::canonical_key;
use crate::app::kiosk::HIDEABLE_FIELDS;
use crate::app::{Keymap, KioskSettings, Settings};
use crate::config::Config;
use crate::feed::{MIN_INTERVAL, Secret, Source, SourceOptions};
use crate::text::Calendar;

/// Seconds between polls: at least [`MIN_INTERVAL`], at most a day.
pub const INTERVAL_SECONDS: RangeInclusive<u64> = MIN_INTERVAL.as_secs()..=86_400;
/// Seconds to open a connection.
pub const CONNECT_TIMEOUT_SECONDS: RangeInclusive<u64> = 1..=300;
/// Seconds for a whole request.
pub const REQUEST_TIMEOUT_SECONDS: RangeInclusive<u64> = 1..=3_600;
/// The largest feed, in MiB.
pub const MAX_BODY_MIB: RangeInclusive<u64> = 1..=4_096;
/// Hours a change stays marked: up to ten years.
pub const CHANGED_WINDOW_HOURS: RangeInclusive<u64> = 0..=87_600;
/// Days of the "not assessed for N days" filter: up to a century.
pub const STALE_ASSESSMENT_DAYS: RangeInclusive<u64> = 1..=36_500;
/// Days after which an assessment is flagged as old: up to a century.
pub const STALE_GENERATED_DAYS: RangeInclusive<u64> = 1..=36_500;
/// Seconds each kiosk screen stays up: up to an hour.
pub const ROTATE_SECONDS: RangeInclusive<u64> = 1..=3_600;
/// Minutes between two burn-in moves: up to a day.
pub const BURN_IN_MINUTES: RangeInclusive<u64> = 1..=1_440;

/// `value` of `key`, when it lies in `range`.
pub fn within(key: &str, value: u64, range: RangeInclusive<u64>) -> Result<u64, String> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{key} = {value} is out of range: it must be from {} to {}",
            range.start(),
            range.end()
        ))
    }
}

/// A checked value as a signed number; the ranges above all fit.
fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The app's settings from the configuration. `interval` is the poll interval in force (flag or
/// config), already checked.
pub fn settings(
    config: &Config,
    kiosk: bool,
    source: &Source,
    interval: std::time::Duration,
) -> Result<Settings, String> {
    settings_in(config, kiosk, source, interval, Calendar::local_zone())
}

/// [`settings`] in a given time zone.
pub fn settings_in(
    config: &Config,
    kiosk: bool,
    source: &Source,
    interval: std::time::Duration,
    zone: jiff::tz::TimeZone,
) -> Result<Settings, String> {
    let keymap = Keymap::from_config(&config.keys)?;
    let views = super::views::resolve_all(&config.views)?;
    let kiosk = if kiosk {
        Some(kiosk_settings(config)?)
    } else {
        None
    };
    let stale_days = within(
        "stale-assessment-days",
        config.stale_assessment_days,
        STALE_ASSESSMENT_DAYS,
    )?;
    let window = within(
        "changed-window-hours",
        config.changed_window_hours,
        CHANGED_WINDOW_HOURS,
    )?;
    let generated_days = within(
        "stale-generated-days",
        config.stale_generated_days,
        STALE_GENERATED_DAYS,
    )?;
    let calendar = Calendar::new(zone, &config.date_format)?;
    // Twice the interval; the interval is at most a day, so this cannot overflow.
    let stale_after = matches!(source, Source::Http(_))
        .then(|| Duration::from_std(interval.saturating_mul(2)).ok())
        .flatten();
    Ok(Settings {
        mouse: config.mouse && kiosk.is_none(),
        keymap,
        views,
        stale_assessment_days: signed(stale_days),
        changed_window: Duration::hours(signed(window)),
        stale_generated: Duration::days(signed(generated_days)),
        calendar,
        stale_after,
        kiosk,
    })
}

/// The `[kiosk]` table, checked.
pub fn kiosk_settings(config: &Config) -> Result<KioskSettings, String> {
    let k = &config.kiosk;
    for field in &k.hidden_fields {
        if !HIDEABLE_FIELDS.contains(&field.as_str()) {
            return Err(format!(
                "[kiosk] hidden-fields: \"{field}\" is not a field that can be hidden (one of: {})",
                HIDEABLE_FIELDS.join(", ")
            ));
        }
    }
    let unlock = k
        .unlock
        .iter()
        .map(|key| {
            canonical_key(key).ok_or_else(|| format!("[kiosk] unlock: \"{key}\" is not a key name"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rotate = within("[kiosk] rotate-seconds", k.rotate_seconds, ROTATE_SECONDS)?;
    let burn_in = within(
        "[kiosk] burn-in-minutes",
        k.burn_in_minutes,
        BURN_IN_MINUTES,
    )?;
    Ok(KioskSettings {
        rotate: Duration::seconds(signed(rotate)),
        hidden_fields: k.hidden_fields.clone(),
        unlock,
        burn_in: k.burn_in_shift.then(|| Duration::minutes(signed(burn_in))),
    })
}

/// How sources fetch, from the configuration and the interval in force.
pub fn source_options(
    config: &Config,
    interval: std::time::Duration,
    allow_http: bool,
) -> Result<SourceOptions, String> {
    let connect = within(
        "connect-timeout",
        config.connect_timeout,
        CONNECT_TIMEOUT_SECONDS,
    )?;
    let request = within(
        "request-timeout",
        config.request_timeout,
        REQUEST_TIMEOUT_SECONDS,
    )?;
    let mib = within("max-body-mib", config.max_body_mib, MAX_BODY_MIB)?;
    Ok(SourceOptions {
        interval,
        connect_timeout: std::time::Duration::from_secs(connect),
        request_timeout: std::time::Duration::from_secs(request),
        max_body_bytes: mib * 1024 * 1024,
        allow_http: allow_http || config.allow_http,
        token: std::env::var("RAPPORTEUR_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
            .map(Secret::new),
        cache_dir: crate::feed::default_cache_dir(),
        // The door reads the key (a flag may give it); see `startup::public_key`.
        public_key: None,
    })
}

/// The settings of the built-in defaults, in UTC so that what they draw does not depend on the
/// machine. Tests and benchmarks start from these; the console itself goes through
/// [`super::resolve`], in the local time zone.
pub fn default_settings() -> Result<Settings, String> {
    let config = Config::defaults().map_err(|e| e.to_string())?;
    let interval = std::time::Duration::from_secs(config.interval);
    settings_in(
        &config,
        false,
        &Source::Embedded,
        interval,
        jiff::tz::TimeZone::UTC,
    )
}

/// The source options of the built-in defaults (no token, no cache folder), for tests.
pub fn default_source_options() -> Result<SourceOptions, String> {
    let config = Config::defaults().map_err(|e| e.to_string())?;
    let interval = std::time::Duration::from_secs(config.interval);
    let mut options = source_options(&config, interval, false)?;
    options.token = None;
    options.cache_dir = None;
    Ok(options)
}

/// The kiosk settings of the built-in defaults, for tests.
pub fn default_kiosk_settings() -> Result<KioskSettings, String> {
    kiosk_settings(&Config::defaults().map_err(|e| e.to_string())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Config {
        Config::defaults().unwrap()
    }

    #[test]
    fn every_default_is_within_its_range() {
        default_settings().unwrap();
        default_source_options().unwrap();
        default_kiosk_settings().unwrap();
    }

    #[test]
    fn huge_values_are_errors_naming_the_key_and_the_range() {
        let mut config = defaults();
        config.changed_window_hours = 9_223_372_036_854_775_807;
        let err = settings(&config, false, &Source::Embedded, MIN_INTERVAL).unwrap_err();
        assert!(
            err.starts_with("changed-window-hours = 9223372036854775807"),
            "{err}"
        );
        assert!(err.contains("from 0 to 87600"), "{err}");

        let mut config = defaults();
        config.kiosk.rotate_seconds = u64::MAX;
        let err = settings(&config, true, &Source::Embedded, MIN_INTERVAL).unwrap_err();
        assert!(err.contains("[kiosk] rotate-seconds"), "{err}");

        let mut config = defaults();
        config.kiosk.burn_in_minutes = 0;
        let err = kiosk_settings(&config).unwrap_err();
        assert!(err.contains("[kiosk] burn-in-minutes = 0"), "{err}");

        let mut config = defaults();
        config.stale_assessment_days = u64::MAX;
        assert!(settings(&config, false, &Source::Embedded, MIN_INTERVAL).is_err());

        let mut config = defaults();
        config.max_body_mib = u64::MAX;
        let err = source_options(&config, MIN_INTERVAL, false).unwrap_err();
        assert!(err.contains("max-body-mib"), "{err}");
        config = defaults();
        config.request_timeout = 0;
        assert!(source_options(&config, MIN_INTERVAL, false).is_err());
    }
}

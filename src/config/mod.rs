//! The configuration file: strict kebab-case TOML, layered over built-in defaults.
//!
//! The defaults are `config/default.toml`, embedded: what `--print-default-config` prints is what
//! the program uses, and a test holds the two together.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The built-in defaults, as a commented TOML file.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../../config/default.toml");

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// A local file path or an https:// URL; empty for the built-in sample.
    pub feed: String,
    /// Seconds between polls of a remote feed.
    pub interval: u64,
    /// Seconds allowed to open a connection.
    pub connect_timeout: u64,
    /// Seconds allowed for a whole request.
    pub request_timeout: u64,
    /// The largest feed accepted, in MiB.
    pub max_body_mib: u64,
    /// Allow plain http:// to hosts other than loopback.
    pub allow_http: bool,
    /// The publisher's minisign public key, or the path of its file; empty for unsigned feeds.
    pub public_key: String,
    /// The colour theme.
    pub theme: String,
    /// Mouse support outside kiosk mode.
    pub mouse: bool,
    /// Hours a status change stays marked.
    pub changed_window_hours: u64,
    /// N of the "not assessed for N days" filter.
    pub stale_assessment_days: u64,
    /// How dates are written on screen (strftime).
    pub date_format: String,
    /// An assessment older than this many days is flagged.
    pub stale_generated_days: u64,
    /// The saved view to start in; empty for none.
    pub view: String,
    /// Who records assessments with `rapporteur set`; empty for the login name.
    pub author: String,
    /// Snapshots kept per feed in the archive; 0 keeps no archive.
    pub keep_snapshots: u64,
    /// What the change marks compare with: `previous`, a date, a pinned name, a file or a URL.
    pub baseline: String,
    /// The wall screen.
    pub kiosk: KioskConfig,
    /// Key bindings: action name to key names.
    pub keys: BTreeMap<String, Vec<String>>,
    /// Saved views by name.
    #[serde(default)]
    pub views: BTreeMap<String, ViewConfig>,
}

/// The `[kiosk]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KioskConfig {
    /// Start as a read-only wall display.
    pub enabled: bool,
    /// Seconds each screen of the rotation stays up.
    pub rotate_seconds: u64,
    /// Fields never drawn on the wall screen.
    pub hidden_fields: Vec<String>,
    /// The key sequence that ends kiosk mode; empty for none.
    pub unlock: Vec<String>,
    /// Move the layout now and then so the screen does not burn in.
    pub burn_in_shift: bool,
    /// Minutes between two moves.
    pub burn_in_minutes: u64,
}

/// One saved view: a named filter and sort.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ViewConfig {
    /// Status wire values, such as `in_progress`.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// `high`, `medium`, `low`.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Theme ids, such as `data`.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Owners, as written in the feed.
    #[serde(default)]
    pub owners: Vec<String>,
    /// Audience ids; other audiences' panes are hidden.
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Only those with an owner whose name contains this text, in any case.
    #[serde(default)]
    pub owner_contains: String,
    /// Only overdue recommendations.
    #[serde(default)]
    pub overdue: bool,
    /// Only open ones due between today and this many days from today.
    #[serde(default)]
    pub due_within: Option<u32>,
    /// Only those whose status changed recently.
    #[serde(default)]
    pub changed: bool,
    /// Only those not assessed for `stale-assessment-days`.
    #[serde(default)]
    pub stale_assessment: bool,
    /// A text search.
    #[serde(default)]
    pub search: String,
    /// `id`, `status`, `priority`, `due` or `last-assessed`.
    #[serde(default)]
    pub sort: Option<String>,
}

/// A configuration problem, with the file and line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, or where the value came from (such as `RAPPORTEUR_INTERVAL`).
    pub origin: String,
    /// The line, from 1, when known.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The built-in defaults, `config/default.toml`: the one source of every default value.
    pub fn defaults() -> Result<Config, ConfigError> {
        parse(DEFAULT_CONFIG_TOML, "built-in defaults")
    }

    /// Reads the configuration: the defaults, overlaid by the file found (if any).
    ///
    /// `explicit` is `--config`; then `$RAPPORTEUR_CONFIG`; then the XDG location. An explicit
    /// file that does not exist is an error; a missing file at the usual places is not.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let env = std::env::var_os("RAPPORTEUR_CONFIG").map(PathBuf::from);
        let named = explicit.map(Path::to_path_buf).or(env);
        let path = match named {
            Some(path) => Some(path),
            None => user_config_path().filter(|p| p.exists()),
        };
        let Some(path) = path else {
            return Ok((Config::defaults()?, None));
        };
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|err| ConfigError {
            origin: origin.clone(),
            line: None,
            message: format!(
                "cannot read the configuration file: {err}. Check --config or RAPPORTEUR_CONFIG."
            ),
        })?;
        let config = overlay(&text, &origin)?;
        Ok((config, Some(path)))
    }
}

/// `$XDG_CONFIG_HOME/rapporteur/config.toml`, else `~/.config/rapporteur/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| dirs::home_dir().map(|home| home.join(".config")))?;
    Some(base.join("rapporteur").join("config.toml"))
}

/// Parses a complete configuration (every key present), as the defaults are.
pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|err| toml_error(text, origin, &err))
}

/// Parses a user's file over the defaults: keys it leaves out keep their default values.
pub fn overlay(text: &str, origin: &str) -> Result<Config, ConfigError> {
    let mut base: toml::Table = toml::from_str(DEFAULT_CONFIG_TOML).unwrap_or_default();
    let user: toml::Table = toml::from_str(text).map_err(|err| toml_error(text, origin, &err))?;
    // A user's [views] replace the defaults' wholesale, so a deleted example does not linger.
    if user.contains_key("views") {
        base.remove("views");
    }
    merge(&mut base, user);
    let merged = toml::to_string(&base).map_err(|err| ConfigError {
        origin: origin.to_owned(),
        line: None,
        message: err.to_string(),
    })?;
    match toml::from_str::<Config>(&merged) {
        Ok(config) => Ok(config),
        // Point at the user's own line: re-read the user's text alone for the position.
        Err(err) => Err(locate_in_user_text(text, origin, &err)),
    }
}

fn merge(base: &mut toml::Table, user: toml::Table) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(user_table))
                if key != "keys" =>
            {
                merge(base_table, user_table);
            }
            (Some(toml::Value::Table(base_table)), toml::Value::Table(user_table)) => {
                // [keys]: the user's bindings replace the default of each action they name.
                for (action, keys) in user_table {
                    base_table.insert(action, keys);
                }
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn toml_error(text: &str, origin: &str, err: &toml::de::Error) -> ConfigError {
    ConfigError {
        origin: origin.to_owned(),
        line: err.span().map(|span| line_of(text, span.start)),
        message: plain_message(err.message()),
    }
}

fn locate_in_user_text(text: &str, origin: &str, err: &toml::de::Error) -> ConfigError {
    let message = plain_message(err.message());
    // The merged text has other line numbers; find the offending key in the user's text.
    let key = message
        .split('`')
        .nth(1)
        .map(str::to_owned)
        .unwrap_or_default();
    let line = (!key.is_empty())
        .then(|| {
            text.lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with(&key) && l[key.len()..].trim_start().starts_with('=')
                })
                .map(|i| i + 1)
        })
        .flatten();
    ConfigError {
        origin: origin.to_owned(),
        line,
        message,
    }
}

fn plain_message(message: &str) -> String {
    let message = message.trim();
    if message.starts_with("unknown field") {
        format!("unknown key: {message}")
    } else {
        message.to_owned()
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_defaults_parse() {
        let config = parse(DEFAULT_CONFIG_TOML, "default.toml").expect("defaults parse");
        assert_eq!(config.interval, 60);
        assert_eq!(config.theme, "dark");
        assert!(config.keys.contains_key("quit"));
        assert_eq!(Config::defaults().unwrap(), config);
    }

    #[test]
    fn a_file_overrides_only_what_it_names() {
        let config = overlay("interval = 30\n[kiosk]\nrotate-seconds = 20\n", "c.toml").unwrap();
        assert_eq!(config.interval, 30);
        assert_eq!(config.kiosk.rotate_seconds, 20);
        assert_eq!(config.theme, "dark");
        assert!(!config.kiosk.enabled);
        assert_eq!(config.keys["down"], ["j", "Down"]);
    }

    #[test]
    fn an_unknown_key_names_the_key_and_its_line() {
        let err = overlay("interval = 30\ncolour = \"red\"\n", "c.toml").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("colour"), "{err}");
        assert!(
            err.to_string().starts_with("c.toml:2: unknown key"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_key_in_a_table_names_its_line() {
        let err = overlay("[kiosk]\nrotate-secs = 20\n", "c.toml").unwrap_err();
        assert!(err.message.contains("rotate-secs"), "{err}");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let err = overlay("interval = 30\ntheme = \n", "c.toml").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn a_wrong_type_is_an_error() {
        let err = overlay("interval = \"often\"\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("c.toml"), "{err}");
    }

    #[test]
    fn user_views_replace_the_examples() {
        let config = overlay("[views.mine]\noverdue = true\n", "c.toml").unwrap();
        assert_eq!(config.views.keys().collect::<Vec<_>>(), ["mine"]);
    }
}

//! From the command line and the config file to everything the console starts with. Every mistake
//! is found here, before the terminal is taken over, with a message that says what to do.

use std::path::PathBuf;

use chrono::Duration;

use crate::app::keys::canonical_key;
use crate::app::kiosk::HIDEABLE_FIELDS;
use crate::app::views::{self, SavedView};
use crate::app::{Keymap, KioskSettings, Settings};
use crate::cli::Cli;
use crate::config::Config;
use crate::feed::sanitize;
use crate::feed::source::{MIN_INTERVAL, Secret};
use crate::feed::{Source, SourceOptions};
use crate::ui::theme::Theme;

/// Everything the console starts with.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Where the feed comes from.
    pub source: Source,
    /// How the source fetches and polls.
    pub options: SourceOptions,
    /// The app's settings.
    pub settings: Settings,
    /// The colours.
    pub theme: Theme,
    /// The saved view to start in.
    pub initial_view: Option<SavedView>,
    /// The config file read, if any.
    pub config_path: Option<PathBuf>,
}

/// Resolves the layers: defaults, then the config file, then `RAPPORTEUR_*` variables and flags
/// (clap reads the variables into the flags, a flag winning over its variable).
pub fn resolve(cli: &Cli) -> Result<Launch, String> {
    let (config, config_path) = Config::load(cli.config.as_deref()).map_err(|e| e.to_string())?;
    let origin = config_path
        .as_ref()
        .map_or_else(|| "configuration".to_owned(), |p| p.display().to_string());
    let in_config = |message: String| format!("{origin}: {message}");

    let source = match cli.feed.as_deref().filter(|f| !f.is_empty()) {
        Some(feed) => Source::from_arg(feed),
        None if !config.feed.is_empty() => Source::from_arg(&config.feed),
        None => Source::Embedded,
    };
    let interval = cli.interval.unwrap_or(config.interval);
    if interval < MIN_INTERVAL.as_secs() {
        return Err(format!(
            "the poll interval is {interval} s; it must be at least {} s, so that a wall screen \
             cannot overload its server",
            MIN_INTERVAL.as_secs()
        ));
    }
    let theme = theme(cli, &config)?;
    let keymap = Keymap::from_config(&config.keys).map_err(in_config)?;
    let views = clean_views(views::resolve_all(&config.views).map_err(in_config)?);
    let wanted_view = cli
        .view
        .clone()
        .or_else(|| Some(config.view.clone()).filter(|v| !v.is_empty()))
        .map(|name| sanitize::line(&name, sanitize::caps::TITLE));
    let initial_view = match wanted_view {
        Some(name) => Some(views::find(&views, &name)?.clone()),
        None => None,
    };
    let kiosk = if cli.kiosk || config.kiosk.enabled {
        Some(kiosk(&config).map_err(in_config)?)
    } else {
        None
    };
    let interval = std::time::Duration::from_secs(interval);
    let options = SourceOptions {
        interval,
        connect_timeout: std::time::Duration::from_secs(config.connect_timeout.max(1)),
        request_timeout: std::time::Duration::from_secs(config.request_timeout.max(1)),
        max_body_bytes: config.max_body_mib.max(1).saturating_mul(1024 * 1024),
        allow_http: cli.allow_http || config.allow_http,
        token: std::env::var("RAPPORTEUR_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
            .map(Secret::new),
        cache_dir: crate::feed::default_cache_dir(),
        public_key: public_key(cli, &config).map_err(|e| match cli.public_key {
            Some(_) => format!("--public-key: {e}"),
            None => in_config(format!("public-key: {e}")),
        })?,
    };
    crate::feed::check_source(&source, &options)?;
    let stale_after = matches!(source, Source::Http(_))
        .then(|| Duration::from_std(interval * 2).ok())
        .flatten();
    let settings = Settings {
        mouse: config.mouse && kiosk.is_none(),
        keymap,
        views,
        stale_assessment_days: i64::try_from(config.stale_assessment_days).unwrap_or(i64::MAX),
        changed_window: Duration::hours(i64::try_from(config.changed_window_hours).unwrap_or(24)),
        stale_after,
        kiosk,
    };
    Ok(Launch {
        source,
        options,
        settings,
        theme,
        initial_view,
        config_path,
    })
}

/// Saved views with their names and values cleaned like feed text: they come from the config
/// file and are drawn on screen (the feed's own text they are matched with is cleaned too).
fn clean_views(views: Vec<SavedView>) -> Vec<SavedView> {
    let line = |s: &String| sanitize::line(s, sanitize::caps::TITLE);
    views
        .into_iter()
        .map(|mut view| {
            view.name = line(&view.name);
            let filter = &mut view.filter;
            for list in [
                &mut filter.themes,
                &mut filter.owners,
                &mut filter.audiences,
            ] {
                *list = list.iter().map(line).collect();
            }
            filter.search = line(&filter.search);
            view
        })
        .collect()
}

/// The trusted key of `--public-key` (or `RAPPORTEUR_PUBLIC_KEY`), else of the config file.
pub fn public_key(
    cli: &Cli,
    config: &Config,
) -> Result<Option<crate::feed::signature::PublicKey>, String> {
    let given = cli.public_key.as_deref().unwrap_or(&config.public_key);
    if given.trim().is_empty() {
        return Ok(None);
    }
    crate::feed::signature::read_public_key(given).map(Some)
}

fn theme(cli: &Cli, config: &Config) -> Result<Theme, String> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Ok(Theme::mono());
    }
    let name = cli.theme.as_deref().unwrap_or(&config.theme);
    Theme::by_name(name).ok_or_else(|| {
        format!(
            "there is no theme \"{name}\"; the themes are: {}",
            Theme::NAMES.join(", ")
        )
    })
}

fn kiosk(config: &Config) -> Result<KioskSettings, String> {
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
    Ok(KioskSettings {
        rotate: Duration::seconds(i64::try_from(k.rotate_seconds.max(1)).unwrap_or(15)),
        hidden_fields: k.hidden_fields.clone(),
        unlock,
        burn_in: k
            .burn_in_shift
            .then(|| Duration::minutes(i64::try_from(k.burn_in_minutes.max(1)).unwrap_or(3))),
    })
}

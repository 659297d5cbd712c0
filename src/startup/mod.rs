//! From the command line and the config file to everything the console starts with. Every mistake
//! is found here, before the terminal is taken over, with a message that says what to do.

pub mod settings;
pub mod views;

use std::path::PathBuf;

use crate::app::views::find;
use crate::app::{SavedView, Settings};
use crate::cli::Cli;
use crate::config::Config;
use crate::feed::{MIN_INTERVAL, Source, SourceOptions};
use crate::text::sanitize;
use crate::ui::theme::ColourTheme;
pub use settings::{default_kiosk_settings, default_settings, default_source_options};

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
    pub theme: ColourTheme,
    /// The saved view to start in.
    pub initial_view: Option<SavedView>,
    /// The config file read, if any.
    pub config_path: Option<PathBuf>,
    /// Who records assessments made in the console: `RAPPORTEUR_AUTHOR`, else the config's
    /// `author`, else the login name.
    pub author: Option<String>,
    /// The snapshot archive and the baseline.
    pub history: crate::history::HistorySettings,
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
    let interval = interval(cli, &config, &in_config)?;
    let theme = theme(cli, &config)?;
    let kiosk = cli.kiosk || config.kiosk.enabled;
    let settings = settings::settings(&config, kiosk, &source, interval).map_err(&in_config)?;
    let wanted_view = cli
        .view
        .clone()
        .or_else(|| Some(config.view.clone()).filter(|v| !v.is_empty()))
        .map(|name| sanitize::line(&name, sanitize::caps::TITLE));
    let initial_view = match wanted_view {
        Some(name) => Some(find(&settings.views, &name)?.clone()),
        None => None,
    };
    let mut options =
        settings::source_options(&config, interval, cli.allow_http).map_err(&in_config)?;
    options.public_key = public_key(cli, &config).map_err(|e| match cli.public_key {
        Some(_) => format!("--public-key: {e}"),
        None => in_config(format!("public-key: {e}")),
    })?;
    crate::feed::check_source(&source, &options)?;
    let history = crate::history::HistorySettings::resolve(&config, cli.baseline.as_deref())
        .map_err(&in_config)?;
    Ok(Launch {
        history,
        source,
        options,
        settings,
        theme,
        initial_view,
        config_path,
        author: author(&config),
    })
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

/// The poll interval: the flag or the config's, checked against its range.
fn interval(
    cli: &Cli,
    config: &Config,
    in_config: &dyn Fn(String) -> String,
) -> Result<std::time::Duration, String> {
    let interval = cli.interval.unwrap_or(config.interval);
    if interval < MIN_INTERVAL.as_secs() {
        return Err(format!(
            "the poll interval is {interval} s; it must be at least {} s, so that a wall screen \
             cannot overload its server",
            MIN_INTERVAL.as_secs()
        ));
    }
    let interval =
        settings::within("interval", interval, settings::INTERVAL_SECONDS).map_err(in_config)?;
    Ok(std::time::Duration::from_secs(interval))
}

/// A source named on the command line (a path or a URL) with the options the console would
/// fetch it with under the config in force: https rules, token, size cap, time limits. For
/// `check`, which loads it once.
pub fn one_source(cli: &Cli, arg: &str) -> Result<(Source, SourceOptions), String> {
    let (config, config_path) = Config::load(cli.config.as_deref()).map_err(|e| e.to_string())?;
    let origin = config_path
        .as_ref()
        .map_or_else(|| "configuration".to_owned(), |p| p.display().to_string());
    let in_config = |message: String| format!("{origin}: {message}");
    let interval = interval(cli, &config, &in_config)?;
    let mut options =
        settings::source_options(&config, interval, cli.allow_http).map_err(&in_config)?;
    // One load, nothing kept: a saved copy is for a console that starts offline.
    options.cache_dir = None;
    options.public_key = public_key(cli, &config).map_err(|e| match cli.public_key {
        Some(_) => format!("--public-key: {e}"),
        None => in_config(format!("public-key: {e}")),
    })?;
    let source = Source::from_arg(arg);
    crate::feed::check_source(&source, &options)?;
    Ok((source, options))
}

/// Who records assessments: `RAPPORTEUR_AUTHOR`, else the config's `author`, else the login
/// name, as `rapporteur set` finds it; cleaned to one line.
pub fn author(config: &Config) -> Option<String> {
    ["RAPPORTEUR_AUTHOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .chain([config.author.clone()])
        .chain(
            ["USER", "LOGNAME", "USERNAME"]
                .into_iter()
                .filter_map(|name| std::env::var(name).ok()),
        )
        .map(|name| crate::feed::sanitize::line(&name, crate::feed::sanitize::caps::OWNER))
        .find(|name| !name.is_empty())
}

fn theme(cli: &Cli, config: &Config) -> Result<ColourTheme, String> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Ok(ColourTheme::mono());
    }
    let name = cli.theme.as_deref().unwrap_or(&config.theme);
    ColourTheme::by_name(name).ok_or_else(|| {
        format!(
            "there is no theme \"{name}\"; the themes are: {}",
            ColourTheme::NAMES.join(", ")
        )
    })
}

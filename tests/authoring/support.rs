//! Running the binary in a folder of its own, with no user configuration and a known login name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A folder for one test, removed at its end, with a feed file path in it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A new feed made by `rapporteur init`, at `name`.
    pub fn init(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let out = self.run(&["init", path.to_str().expect("UTF-8 path")], &[]);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        path
    }

    /// The command `rapporteur ARGS`, with the environment set for a test: no user config
    /// file, no author variable, and the login name `login-name`.
    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("RAPPORTEUR_FEED")
            .env_remove("RAPPORTEUR_CONFIG")
            .env_remove("RAPPORTEUR_AUTHOR")
            .env("XDG_CONFIG_HOME", self.dir.path().join("no-config"))
            .env("HOME", self.dir.path().join("no-home"))
            .env("USER", "login-name")
            .env("LOGNAME", "login-name");
        for (key, value) in env {
            command.env(key, value);
        }
        command
    }

    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env).output().expect("the binary runs")
    }

    /// `rapporteur set FILE ARGS...`.
    pub fn set(&self, file: &Path, args: &[&str]) -> Output {
        let mut all = vec!["set", file.to_str().expect("UTF-8 path")];
        all.extend(args);
        self.run(&all, &[])
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("readable")).expect("JSON")
}

/// The record with this id in a feed document.
pub fn record<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["recommendations"]
        .as_array()
        .expect("a list of records")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// The document without `generated_at` and without the record `id`: what a write of that record
/// must leave as it was.
pub fn without(doc: &Value, id: &str) -> Value {
    let mut doc = doc.clone();
    let feed = doc.as_object_mut().expect("an object");
    feed.shift_remove("generated_at");
    if let Some(records) = feed
        .get_mut("recommendations")
        .and_then(Value::as_array_mut)
    {
        records.retain(|r| r["id"] != id);
    }
    doc
}

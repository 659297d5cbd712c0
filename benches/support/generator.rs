//! A deterministic synthetic feed of any size, for the benchmarks and `examples/gen_feed.rs`.
//!
//! Both include this one file with `#[path]`, so the feed that is measured in-process is byte for
//! byte the feed that `gen_feed` writes. The same `(count, seed)` always gives the same text: the
//! random numbers come from a fixed splitmix64 generator, never from the clock or the OS.
//!
//! The feed lists its own audiences (the five DATE ones) and gives every record an audience, a
//! title and a text, so it does not depend on the built-in catalogue.

// Each includer uses a different part of this file.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 0x0DA7_E5EE_D000_0001;

/// When every generated feed says it was produced: fixed, so output never depends on the clock.
pub const GENERATED_AT: &str = "2026-11-28T09:00:00Z";

/// The five DATE audiences: id and name.
pub const AUDIENCES: [(&str, &str); 5] = [
    ("law-policy", "Law and Policy Makers"),
    ("civil-society", "Civil Society Organisations"),
    ("international-organisations", "International Organisations"),
    ("donors-funders", "Donors and Funders"),
    ("media-research", "Media and Research"),
];

/// The DATE themes.
pub const THEMES: [&str; 13] = [
    "legal-framework",
    "civil-society",
    "funding",
    "data",
    "monitoring",
    "training",
    "lived-experience",
    "framing",
    "partnerships",
    "sustainability",
    "cross-policy",
    "local-ownership",
    "privacy",
];

/// Status wire values with their weights out of 100, roughly how an assessment might look.
const STATUSES: [(&str, u64); 6] = [
    ("not_assessed", 12),
    ("no_action", 14),
    ("in_progress", 30),
    ("partially_implemented", 22),
    ("implemented", 17),
    ("not_applicable", 5),
];

/// Plain words that titles, texts and notes are made of.
pub const WORDS: &[&str] = &[
    "access",
    "accountability",
    "action",
    "adequate",
    "agencies",
    "aid",
    "allocate",
    "analysis",
    "annual",
    "assessment",
    "assistance",
    "authorities",
    "awareness",
    "budget",
    "building",
    "capacity",
    "case",
    "children",
    "coalition",
    "collect",
    "communities",
    "compensation",
    "consultation",
    "coordination",
    "council",
    "court",
    "criminal",
    "cross",
    "data",
    "database",
    "decisions",
    "define",
    "design",
    "develop",
    "dialogue",
    "direct",
    "donors",
    "early",
    "effective",
    "efforts",
    "ensure",
    "equal",
    "establish",
    "evaluation",
    "evidence",
    "exchange",
    "experience",
    "exploitation",
    "fair",
    "field",
    "findings",
    "flexible",
    "focus",
    "follow",
    "framework",
    "funding",
    "gaps",
    "gender",
    "grants",
    "guidance",
    "health",
    "housing",
    "identification",
    "impact",
    "improve",
    "inclusive",
    "independent",
    "indicators",
    "informal",
    "information",
    "inspection",
    "institutions",
    "integrate",
    "justice",
    "labour",
    "language",
    "law",
    "lawyers",
    "legal",
    "lessons",
    "lived",
    "local",
    "long",
    "measures",
    "media",
    "migrants",
    "migration",
    "minimum",
    "monitoring",
    "multi",
    "national",
    "needs",
    "network",
    "neutral",
    "offices",
    "officials",
    "open",
    "outreach",
    "oversight",
    "participation",
    "partners",
    "partnership",
    "plan",
    "policy",
    "practice",
    "prevention",
    "priorities",
    "privacy",
    "procedures",
    "programme",
    "protect",
    "protection",
    "public",
    "publish",
    "quality",
    "recovery",
    "referral",
    "regional",
    "regular",
    "reporting",
    "research",
    "resources",
    "respect",
    "response",
    "review",
    "rights",
    "risk",
    "safe",
    "services",
    "shelter",
    "skills",
    "social",
    "staff",
    "standards",
    "statistics",
    "strategy",
    "support",
    "survivors",
    "sustainable",
    "systems",
    "targeted",
    "term",
    "training",
    "transparent",
    "trust",
    "unions",
    "victims",
    "voices",
    "wages",
    "women",
    "work",
    "workers",
    "workplace",
    "years",
    "youth",
];

/// The kinds of body that own recommendations; with [`OWNER_SUBJECTS`] they make 200 owners.
const OWNER_KINDS: [&str; 10] = [
    "Ministry of",
    "Department of",
    "Agency for",
    "Office for",
    "Council on",
    "Coalition for",
    "Network for",
    "Institute for",
    "Commission on",
    "Foundation for",
];

/// What the owning bodies deal with.
const OWNER_SUBJECTS: [&str; 20] = [
    "Justice",
    "Labour",
    "Health",
    "Migration",
    "Education",
    "Social Affairs",
    "Finance",
    "the Interior",
    "Foreign Affairs",
    "Equality",
    "Children",
    "Statistics",
    "Housing",
    "Employment",
    "Human Rights",
    "Digital Affairs",
    "Culture",
    "Youth",
    "Transport",
    "Agriculture",
];

/// splitmix64: tiny, fast and good enough to spread synthetic data; not for anything secret.
pub struct Rng(u64);

impl Rng {
    /// A generator that always gives the same numbers for the same seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`. The slight modulo bias does not matter for test data.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// True `percent` times out of 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// An index below `len`.
    pub fn below(&mut self, len: usize) -> usize {
        self.next_u64() as usize % len
    }

    /// One item of a slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The feed of `count` recommendations for `seed`, as pretty-printed JSON with a final newline.
pub fn generate(count: usize, seed: u64) -> String {
    // About 1.5 kB a record; reserving avoids copying hundreds of megabytes while growing.
    let mut json = Json::with_capacity(count * 1_600 + 4_096);
    let mut rng = Rng::new(seed);
    let owners = owner_pool();
    json.open('{');
    json.key("schema_version");
    json.raw("1");
    json.key("title");
    json.string(&format!("Synthetic feed: {count} recommendations"));
    json.key("publisher");
    json.string(&format!(
        "rapporteur gen_feed, seed {seed}; not a real assessment"
    ));
    json.key("generated_at");
    json.string(GENERATED_AT);
    json.key("sample");
    json.raw("true");
    json.key("audiences");
    json.open('[');
    for (id, name) in AUDIENCES {
        json.item();
        json.open('{');
        json.key("id");
        json.string(id);
        json.key("name");
        json.string(name);
        json.close('}');
    }
    json.close(']');
    json.key("recommendations");
    json.open('[');
    let mut scratch = String::new();
    for n in 1..=count {
        json.item();
        record(&mut json, &mut rng, &owners, n, &mut scratch);
    }
    json.close(']');
    json.close('}');
    json.out.push('\n');
    json.out
}

/// The 200 owner names.
fn owner_pool() -> Vec<String> {
    OWNER_KINDS
        .iter()
        .flat_map(|kind| OWNER_SUBJECTS.iter().map(move |s| format!("{kind} {s}")))
        .collect()
}

/// Writes recommendation number `n`.
fn record(json: &mut Json, rng: &mut Rng, owners: &[String], n: usize, scratch: &mut String) {
    json.open('{');
    json.key("id");
    json.string(&format!("R-{n:06}"));
    json.key("audience");
    json.string(rng.pick(&AUDIENCES).0);
    json.key("title");
    title(rng, scratch);
    json.string(scratch);
    json.key("text");
    // Words are at most 14 letters, so this gives 300 to 800 characters.
    let length = rng.range(316, 800) as usize;
    prose(rng, length, scratch);
    json.string(scratch);
    let status = weighted_status(rng);
    json.key("status");
    json.string(status);
    if rng.chance(90) {
        json.key("priority");
        json.string(rng.pick(&["high", "medium", "low"]));
    }
    json.key("owners");
    json.open('[');
    let mut chosen: Vec<&String> = Vec::with_capacity(3);
    for _ in 0..rng.range(1, 3) {
        let owner = &owners[rng.below(owners.len())];
        if !chosen.contains(&owner) {
            chosen.push(owner);
            json.item();
            json.string(owner);
        }
    }
    json.close(']');
    json.key("themes");
    json.open('[');
    let mut themes: Vec<&str> = Vec::with_capacity(3);
    for _ in 0..rng.range(1, 3) {
        let theme = rng.pick(&THEMES);
        if !themes.contains(&theme) {
            themes.push(theme);
            json.item();
            json.string(theme);
        }
    }
    json.close(']');
    if rng.chance(85) {
        json.key("due");
        json.string(&date(rng, "2024-01-01", 5 * 365));
    }
    if rng.chance(80) {
        json.key("last_assessed");
        json.string(&date(rng, "2022-01-01", 1_792));
    }
    if rng.chance(60) {
        json.key("status_note");
        let length = rng.range(60, 160) as usize;
        prose(rng, length, scratch);
        json.string(scratch);
    }
    if rng.chance(30) {
        json.key("evidence");
        json.open('[');
        for e in 0..rng.range(1, 2) {
            json.item();
            json.open('{');
            json.key("title");
            title(rng, scratch);
            json.string(scratch);
            json.key("url");
            json.string(&format!("https://example.org/feed/r-{n:06}/evidence-{e}"));
            json.key("date");
            json.string(&date(rng, "2023-01-01", 1_400));
            json.close('}');
        }
        json.close(']');
    }
    history(json, rng, status, scratch);
    if rng.chance(35) {
        json.key("notes");
        json.open('[');
        for _ in 0..rng.range(1, 2) {
            json.item();
            json.open('{');
            json.key("date");
            json.string(&date(rng, "2025-01-01", 690));
            json.key("text");
            let length = rng.range(40, 200) as usize;
            prose(rng, length, scratch);
            json.string(scratch);
            json.key("visibility");
            json.string(if rng.chance(25) { "internal" } else { "public" });
            json.close('}');
        }
        json.close(']');
    }
    if rng.chance(5) {
        json.key("visibility");
        json.string("internal");
    }
    json.close('}');
}

/// Zero to five past changes, oldest first, the last one to the current status.
fn history(json: &mut Json, rng: &mut Rng, status: &str, scratch: &mut String) {
    let entries = rng.range(0, 5);
    if entries == 0 {
        return;
    }
    json.key("history");
    json.open('[');
    let mut day = rng.range(0, 400);
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    for i in 0..entries {
        json.item();
        json.open('{');
        json.key("date");
        json.string(&(start + Days::new(day)).to_string());
        json.key("status");
        json.string(if i + 1 == entries {
            status
        } else {
            weighted_status(rng)
        });
        if rng.chance(70) {
            json.key("note");
            let length = rng.range(30, 120) as usize;
            prose(rng, length, scratch);
            json.string(scratch);
        }
        json.close('}');
        // Strictly later each time, and never past the feed's date (2026-11-28 is day 1792).
        day = (day + rng.range(20, 280)).min(1_792 - (entries - i));
    }
    json.close(']');
}

fn weighted_status(rng: &mut Rng) -> &'static str {
    let mut roll = rng.range(0, 99);
    for (status, weight) in STATUSES {
        if roll < weight {
            return status;
        }
        roll -= weight;
    }
    STATUSES[0].0
}

/// A date up to `spread` days after `from`.
fn date(rng: &mut Rng, from: &str, spread: u64) -> String {
    let start = NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap_or_default();
    (start + Days::new(rng.range(0, spread))).to_string()
}

/// A title of about 60 characters, capitalised, without a full stop.
fn title(rng: &mut Rng, out: &mut String) {
    out.clear();
    let target = rng.range(45, 72) as usize;
    while out.len() < target {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    capitalise(out, 0);
}

/// Sentences of plain words, at most `length` characters and at most 16 fewer.
fn prose(rng: &mut Rng, length: usize, out: &mut String) {
    out.clear();
    let mut left_in_sentence = 0;
    loop {
        let word = rng.pick(WORDS);
        // Room for a separator, the word and the final full stop.
        if out.len() + 2 + word.len() + 1 > length {
            break;
        }
        if left_in_sentence == 0 {
            if !out.is_empty() {
                out.push_str(". ");
            }
            let start = out.len();
            out.push_str(word);
            capitalise(out, start);
            left_in_sentence = rng.range(6, 16);
        } else {
            out.push_str(if rng.chance(6) { ", " } else { " " });
            out.push_str(word);
        }
        left_in_sentence -= 1;
    }
    out.push('.');
}

fn capitalise(s: &mut str, at: usize) {
    if let Some(first) = s.get_mut(at..at + 1) {
        first.make_ascii_uppercase();
    }
}

/// A minimal pretty-printing JSON writer: two-space indent, as publishers' tools tend to write.
struct Json {
    out: String,
    depth: usize,
    /// Nothing has been written in the innermost container yet.
    fresh: bool,
}

impl Json {
    fn with_capacity(capacity: usize) -> Json {
        Json {
            out: String::with_capacity(capacity),
            depth: 0,
            fresh: true,
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Starts an object or an array.
    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.fresh = true;
    }

    /// Ends an object or an array.
    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.fresh {
            self.newline();
        }
        self.out.push(bracket);
        self.fresh = false;
    }

    /// Starts the next element of an array or member of an object.
    fn item(&mut self) {
        if !self.fresh {
            self.out.push(',');
        }
        self.newline();
        self.fresh = false;
    }

    fn key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.out.push_str(": ");
    }

    fn raw(&mut self, value: &str) {
        self.out.push_str(value);
    }

    fn string(&mut self, value: &str) {
        self.out.push('"');
        for c in value.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    self.out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

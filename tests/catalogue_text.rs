//! Every numbered recommendation of the DATE text appears verbatim in the embedded catalogue,
//! under the right id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use rapporteur::model::catalogue::Catalogue;

const FIXTURE: &str = include_str!("fixtures/date-recommendations.txt");

/// The audience headings of the DATE text, with the id prefix we give their recommendations.
const SECTIONS: [(&str, &str); 5] = [
    ("Law and Policy Makers", "LP"),
    ("Civil Society Organisations", "CSO"),
    ("International Organisations", "IO"),
    ("Donors and Funders", "DF"),
    ("Media and Research", "MR"),
];

/// (id, text) for each numbered line of the text, by the section it stands under.
fn numbered_recommendations(text: &str) -> Vec<(String, String)> {
    let mut prefix = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some((_, p)) = SECTIONS.iter().find(|(heading, _)| *heading == line) {
            prefix = Some(*p);
            continue;
        }
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let (Ok(n), Some(prefix)) = (number.parse::<u32>(), prefix) else {
            continue;
        };
        out.push((format!("{prefix}-{n:02}"), rest.to_owned()));
    }
    out
}

#[test]
fn every_numbered_recommendation_appears_verbatim() {
    let expected = numbered_recommendations(FIXTURE);
    assert_eq!(expected.len(), 36, "the DATE text has 36 recommendations");
    let catalogue = Catalogue::date();
    for (id, text) in &expected {
        let entry = catalogue
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from the catalogue"));
        assert_eq!(&entry.text, text, "{id} differs from the DATE text");
    }
}

#[test]
fn audiences_are_named_and_ordered_as_in_the_text() {
    let names: Vec<&str> = Catalogue::date()
        .audiences
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let headings: Vec<&str> = SECTIONS.iter().map(|(heading, _)| *heading).collect();
    assert_eq!(names, headings);
}

#[test]
fn the_fixture_is_the_shared_text() {
    // The shared folder sits beside the checkout; where it is present, our copy must match it.
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/date-recommendations.txt"
    );
    if let Ok(text) = std::fs::read_to_string(shared) {
        assert_eq!(
            text, FIXTURE,
            "tests/fixtures/date-recommendations.txt is out of date"
        );
    }
}

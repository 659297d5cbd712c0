//! JSON syntax errors as a person editing a feed by hand reads them, compared in full: the
//! record's id, the place to fix, and the line of the file with a caret.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use rapporteur::feed::parse;

/// Every line `check` would print for `text`.
fn report(text: &str) -> String {
    let err = parse(text.as_bytes(), "feed.json").unwrap_err();
    err.report_lines().collect::<Vec<_>>().join("\n")
}

/// A small catalogue feed whose second record is `second`.
fn feed(second: &str) -> String {
    format!(
        r#"{{
  "schema_version": 1,
  "title": "Implementation status",
  "publisher": "Office of the National Rapporteur",
  "generated_at": "2026-11-28T09:00:00Z",
  "catalogue": "date",
  "recommendations": [
    {{ "id": "LP-01", "status": "implemented" }},
{second}
  ]
}}
"#
    )
}

#[test]
fn a_missing_comma_is_placed_at_the_end_of_the_value_before_it() {
    let text = feed(
        "    {\n      \"id\": \"CSO-02\",\n      \"status\": \"no_action\"\n      \"priority\": \"high\"\n    }",
    );
    assert_eq!(
        report(&text),
        concat!(
            "feed.json:11:28: record CSO-02: a comma is missing at the end of this value, before ",
            "the next item\n",
            "  11 |       \"status\": \"no_action\"\n",
            "     |                            ^",
        )
    );
}

#[test]
fn a_trailing_comma_is_placed_on_the_comma() {
    let text = feed("    {\n      \"id\": \"CSO-02\",\n      \"status\": \"no_action\",\n    }");
    assert_eq!(
        report(&text),
        concat!(
            "feed.json:11:28: record CSO-02: there is a comma after the last item of a list or ",
            "object: remove this comma\n",
            "  11 |       \"status\": \"no_action\",\n",
            "     |                            ^",
        )
    );
}

#[test]
fn curly_quotes_are_named_with_what_to_type_instead() {
    let text = feed("    {\n      \"id\": \"CSO-02\",\n      \"status\": “no_action”\n    }");
    assert_eq!(
        report(&text),
        concat!(
            "feed.json:11:17: record CSO-02, field \"status\": curly quotes (“ ” ‘ ’) are not ",
            "JSON quotes: use straight quotes (\") instead, as a plain-text editor types them\n",
            "  11 |       \"status\": “no_action”\n",
            "     |                 ^",
        )
    );
}

#[test]
fn a_curly_quote_closing_a_straight_one_is_found_on_the_line_before() {
    let text = feed(
        "    {\n      \"id\": \"CSO-02\",\n      \"status\": \"no_action”,\n      \"priority\": \"high\"\n    }",
    );
    let found = report(&text);
    assert!(
        found.starts_with("feed.json:11:27: record CSO-02"),
        "{found}"
    );
    assert!(found.contains("use straight quotes"), "{found}");
}

#[test]
fn outside_the_records_the_message_has_no_record() {
    let text = "{\n  \"schema_version\": 1\n  \"title\": \"x\"\n}\n";
    assert_eq!(
        report(text),
        concat!(
            "feed.json:2:22: a comma is missing at the end of this value, before the next item\n",
            "  2 |   \"schema_version\": 1\n",
            "    |                      ^",
        )
    );
}

#[test]
fn a_record_without_an_id_yet_is_named_by_its_number() {
    let text = feed("    { \"status\": \"no_action\" \"id\": \"CSO-02\" }");
    let found = report(&text);
    // The id comes after the mistake, and the text around it is still read for it.
    assert!(
        found.starts_with("feed.json:9:28: record CSO-02: a comma is missing"),
        "{found}"
    );
    let text = feed("    { \"status\": \"no_action\",, }");
    // No id to read: the record is named by its place in the list.
    let found = report(&text);
    assert!(
        found.starts_with("feed.json:9:29: record number 2: there are two commas in a row"),
        "{found}"
    );
}

#[test]
fn a_field_name_without_quotes_is_named() {
    let text = feed("    { id: \"CSO-02\", \"status\": \"no_action\" }");
    assert_eq!(
        report(&text),
        concat!(
            "feed.json:9:7: record number 2: a field name must be in straight double quotes, ",
            "such as \"id\"\n",
            "  9 |     { id: \"CSO-02\", \"status\": \"no_action\" }\n",
            "    |       ^",
        )
    );
}

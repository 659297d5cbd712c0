//! CSV (RFC 4180, UTF-8, CRLF line ends), safe to open in a spreadsheet program.
//!
//! Every row carries `as_of` (the feed's generated_at) and `sample`, so the facts survive when rows
//! are copied elsewhere. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! written with a leading apostrophe, so that a spreadsheet program reads it as text and never as
//! a formula (the usual defence against formula injection).

use super::Export;
use super::columns;
use super::header::timestamp;

/// The byte order mark that `--excel` puts first, so spreadsheet programs read UTF-8 as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The export as CSV.
pub fn render(export: &Export<'_>, excel: bool) -> Result<Vec<u8>, String> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: ::csv::Error| format!("cannot write the CSV: {e}");
    let mut header: Vec<&str> = export.columns.iter().map(|c| c.name()).collect();
    header.extend(["as_of", "sample"]);
    writer.write_record(&header).map_err(fail)?;
    let as_of = timestamp(export.meta.generated_at);
    let sample = export.meta.sample.to_string();
    for row in &export.rows {
        let mut cells: Vec<String> = export
            .columns
            .iter()
            .map(|&c| defuse(columns::text(export.feed, row, c, export.today)))
            .collect();
        cells.extend([as_of.clone(), sample.clone()]);
        writer.write_record(&cells).map_err(fail)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| format!("cannot write the CSV: {e}"))?;
    let mut out = Vec::with_capacity(body.len() + BOM.len());
    if excel {
        out.extend_from_slice(BOM.as_bytes());
    }
    out.extend_from_slice(&body);
    Ok(out)
}

/// A cell a spreadsheet program would take for a formula gets a leading apostrophe.
pub fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(bad.to_owned()), format!("'{bad}"));
        }
        for fine in ["plain", "2026-01-01", "a=b", ""] {
            assert_eq!(defuse(fine.to_owned()), fine);
        }
    }
}

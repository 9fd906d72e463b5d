//! CSV for spreadsheets: one writer for every export. Text from the server
//! (Org names, messages) may start like a formula; a spreadsheet must show
//! it, never run it (OWASP's "CSV injection").

/// What a spreadsheet may read as the start of a formula: OWASP's list
/// (`= + - @`, TAB, CR) with LF, and their full-width forms, which some
/// spreadsheets fold to the ASCII ones.
const FORMULA_LEADS: &[char] = &['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

/// Characters that split a cell for some spreadsheet: the comma, the
/// semicolon (the list separator of many locales) and TAB; and what quoting
/// itself needs.
const NEEDS_QUOTES: &[char] = &[',', ';', '\t', '"', '\n', '\r'];

/// One cell: a cell whose first character, or first after leading spaces, a
/// spreadsheet may read as a formula is prefixed with `'`; a cell holding a
/// separator, a quote or a line break is quoted, so nothing after a separator
/// can start a cell of its own.
pub fn cell(text: &str) -> String {
    let lead = text.trim_start_matches(' ').chars().next();
    let text = if lead.is_some_and(|c| FORMULA_LEADS.contains(&c)) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains(NEEDS_QUOTES) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One line of cells, comma-separated, ending in a line break.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits a line the way a spreadsheet does: on `sep` outside quotes.
    fn cells_as_read(line: &str, sep: char) -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    }

    #[test]
    fn every_formula_lead_is_defused() {
        for lead in ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'] {
            for text in [format!("{lead}1+1"), format!("  {lead}cmd|' /C calc'!A0")] {
                let c = cell(&text);
                let read = cells_as_read(&c, ',');
                assert_eq!(read.len(), 1, "{text:?} → {c:?}");
                assert!(read[0].starts_with('\''), "{text:?} → {c:?}");
                assert_eq!(&read[0][1..], text, "the text itself is kept");
            }
        }
    }

    #[test]
    fn plain_text_is_left_alone() {
        for text in ["Finance", "Sales EMEA", "1234", "a=b", "", "naïve"] {
            assert_eq!(cell(text), text);
        }
    }

    #[test]
    fn nothing_after_a_separator_starts_a_cell_in_any_locale() {
        for sep in [',', ';', '\t'] {
            for text in [
                format!("Finance{sep}=HYPERLINK(\"x\")"),
                format!("a{sep}+1"),
                format!("a{sep}@SUM(1)"),
                format!("a{sep}-2"),
            ] {
                let line = row(&[text.as_str(), "next"]);
                for read_sep in [',', ';', '\t'] {
                    let read = cells_as_read(line.trim_end_matches('\n'), read_sep);
                    for c in &read {
                        let lead = c.trim_start_matches(' ').chars().next();
                        assert!(
                            !lead.is_some_and(|l| "=+-@".contains(l)),
                            "{text:?} read with {read_sep:?}: {read:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn quotes_and_line_breaks_stay_inside_their_cell() {
        let line = row(&["say \"hi\"", "two\nlines", "x"]);
        assert_eq!(line, "\"say \"\"hi\"\"\",\"two\nlines\",x\n");
        assert_eq!(cells_as_read(line.trim_end(), ',').len(), 3);
    }
}

//! Reading string fast fields in bulk. Looking up one term ordinal at a time
//! decompresses a dictionary block per call; resolving a sorted batch walks
//! the dictionary once.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;

/// The first term ordinal of `doc` in a string column.
pub fn first_ord(column: &StrColumn, doc: u32) -> Option<u64> {
    column.term_ords(doc).next()
}

/// The term of ordinal `ord`, looked up alone.
pub fn term(column: &StrColumn, ord: u64) -> Option<String> {
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

/// The first term of `doc` in a string column.
pub fn first_term(column: &StrColumn, doc: u32) -> Option<String> {
    term(column, first_ord(column, doc)?)
}

/// The terms of `ords` (any order, duplicates allowed), by ordinal.
pub fn resolve(column: &StrColumn, ords: impl IntoIterator<Item = u64>) -> HashMap<u64, String> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut terms = Vec::with_capacity(sorted.len());
    let found = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            terms.push(String::from_utf8_lossy(bytes).into_owned());
        });
    if !matches!(found, Ok(true)) || terms.len() != sorted.len() {
        // Fall back to one lookup per ordinal.
        return sorted
            .into_iter()
            .filter_map(|ord| Some((ord, term(column, ord)?)))
            .collect();
    }
    sorted.into_iter().zip(terms).collect()
}

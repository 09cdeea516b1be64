//! Reading string fast fields in bulk. Looking up one term ordinal at a time
//! decompresses a dictionary block per call; resolving a sorted batch walks
//! the dictionary once.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;

/// The first term ordinal of `doc` in a string column.
pub fn first_ord(column: &StrColumn, doc: u32) -> Option<u64> {
    column.term_ords(doc).next()
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
            .filter_map(|ord| {
                let mut s = String::new();
                column
                    .ord_to_str(ord, &mut s)
                    .ok()
                    .filter(|&ok| ok)
                    .map(|_| (ord, s))
            })
            .collect();
    }
    sorted.into_iter().zip(terms).collect()
}

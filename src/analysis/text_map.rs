//! The shape shared by every step that rewrites one word.
//!
//! A [`TextMap`] says how a word changes; the view tokenizers of
//! [`super::chain`] run a view's maps in order over each distinct word and
//! change only the token's text, never its offsets or position, so
//! highlights stay exact.

/// A rewrite of one word.
pub trait TextMap: Clone + Send + Sync + 'static {
    /// Writes the rewritten form of `input` into `out` (which is empty) and
    /// returns `true`, or returns `false` when `input` stays as it is.
    fn map(&self, input: &str, out: &mut String) -> bool;

    /// Applies the map to `input`, allocating only the result.
    #[cfg(test)]
    fn apply(&self, input: &str) -> String {
        let mut out = String::new();
        if self.map(input, &mut out) {
            out
        } else {
            input.to_string()
        }
    }
}

/// Writes `rewritten` into `out` when it differs from `input`, for maps
/// built on a function that returns the word itself when nothing changes.
pub fn write_if_changed(input: &str, rewritten: &str, out: &mut String) -> bool {
    if rewritten == input {
        return false;
    }
    out.push_str(rewritten);
    true
}

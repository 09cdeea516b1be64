//! A value as messages quote it back to the user.

/// The most characters of a value a message repeats.
pub(crate) const QUOTED_CHARS: usize = 200;

/// `value` in double quotes, escaped as Rust's `Debug` escapes a string;
/// past 200 characters it is cut, and the message says how
/// long it was: `"aaa…"… (10000 characters)`.
pub fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => {
            let chars = value.chars().count();
            format!("{:?}… ({chars} characters)", &value[..cut])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_at_200_characters() {
        assert_eq!(quoted("vi\u{202e}"), r#""vi\u{202e}""#);
        let long = "ä".repeat(QUOTED_CHARS);
        assert_eq!(quoted(&long), format!("\"{long}\""));
        let longer = format!("{long}b");
        assert_eq!(quoted(&longer), format!("\"{long}\"… (201 characters)"));
    }
}

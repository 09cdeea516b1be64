//! The languages vsearch knows, and language identification restricted to them.

use std::fmt;
use std::str::FromStr;

/// A language of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Vietnamese.
    Vi,
    /// Indonesian.
    Id,
    /// German.
    De,
}

impl Lang {
    /// Every language, in display order.
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::Id, Lang::De];

    /// The ISO 639-1 code (`vi`, `id`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::Id => "id",
            Lang::De => "de",
        }
    }

    /// The language of a tag such as `vi`, `vi-VN` or `de_DE`, when it is
    /// one of these.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        primary.parse().ok()
    }

    /// Identifies the language of `text` among vi, id and de, or `None` when
    /// the text gives too little to go on.
    pub fn detect(text: &str) -> Option<Lang> {
        use whatlang::{Detector, Lang as W};
        let sample = match text.char_indices().nth(4000) {
            Some((i, _)) => &text[..i],
            None => text,
        };
        let detector = Detector::with_allowlist(vec![W::Vie, W::Ind, W::Deu]);
        match detector.detect_lang(sample)? {
            W::Vie => Some(Lang::Vi),
            W::Ind => Some(Lang::Id),
            W::Deu => Some(Lang::De),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing an unknown language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {}: expected vi, id or de", super::quoted(.0))]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vie" | "vietnamese" => Ok(Lang::Vi),
            "id" | "ind" | "indonesian" => Ok(Lang::Id),
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_languages() {
        assert_eq!(
            Lang::detect(
                "Thứ trưởng Bộ Y tế nhấn mạnh ngành y tế Việt Nam đang bước vào giai đoạn đổi mới"
            ),
            Some(Lang::Vi)
        );
        assert_eq!(Lang::detect("Kementerian Kesehatan Vietnam berjanji untuk terus menciptakan kondisi yang menguntungkan"), Some(Lang::Id));
        assert_eq!(Lang::detect("Das vietnamesische Gesundheitsministerium verpflichtet sich, weiterhin günstige Bedingungen zu schaffen"), Some(Lang::De));
    }

    #[test]
    fn parses_codes() {
        assert_eq!("DE".parse::<Lang>(), Ok(Lang::De));
        assert_eq!("fr".parse::<Lang>(), Err(UnknownLang("fr".into())));
        assert_eq!(
            UnknownLang("fr".into()).to_string(),
            "unknown language \"fr\": expected vi, id or de"
        );
    }
}

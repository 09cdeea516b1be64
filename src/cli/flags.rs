//! A library error about a request parameter, in the CLI's words: the
//! library names the parameter (`per_article`), the CLI its flag
//! (`--per-article`).

/// `e`, a parameter named by its flag.
pub fn named(e: vsearch::Error) -> vsearch::Error {
    match e {
        vsearch::Error::InvalidParam {
            param,
            value,
            expected,
        } => vsearch::Error::InvalidValue {
            what: format!("--{}", param.replace('_', "-")),
            value,
            expected: expected.into(),
        },
        e => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_is_named_by_its_flag() {
        let e = vsearch::Params {
            per_article: Some("x".into()),
            ..Default::default()
        }
        .request()
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid per_article \"x\": a whole number from 0 to 10000"
        );
        assert_eq!(
            named(e).to_string(),
            "invalid --per-article \"x\": a whole number from 0 to 10000"
        );
    }
}

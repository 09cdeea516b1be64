//! The search page's state lives in its URL (`/?q=…&lang=vi&from=2025-06`),
//! so every search can be bookmarked and shared; these build the links
//! that change one part of it.

use vsearch::Params;

/// `path` with the query string of `pairs`, percent-encoded.
pub(crate) fn with_query<'a>(
    path: &str,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (name, value) in pairs {
        query.append_pair(name, value);
        any = true;
    }
    if any {
        format!("{path}?{}", query.finish())
    } else {
        path.to_string()
    }
}

/// The URL of a search page showing `p`.
pub(crate) fn search(p: &Params) -> String {
    let mut pairs = vec![("q", p.query.as_str())];
    pairs.extend(p.lang.iter().map(|l| ("lang", l.as_str())));
    let optional = [
        ("from", &p.from),
        ("to", &p.to),
        ("unknown_date", &p.unknown_date),
        ("limit", &p.limit),
        ("per_article", &p.per_article),
        ("offset", &p.offset),
        ("mode", &p.mode),
    ];
    pairs.extend(
        optional
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|v| (name, v))),
    );
    with_query("/", pairs)
}

/// `p` on its first page: a changed filter starts the list again.
fn first_page(p: &Params) -> Params {
    Params {
        offset: None,
        ..p.clone()
    }
}

/// The search with language `code` added to its filter, or taken out.
pub(crate) fn toggle_lang(p: &Params, code: &str) -> String {
    let mut next = first_page(p);
    if next.lang.iter().any(|l| l == code) {
        next.lang.retain(|l| l != code);
    } else {
        next.lang.push(code.to_string());
    }
    search(&next)
}

/// The search narrowed to month `month` (`YYYY-MM`), or widened again
/// when it is already narrowed to it.
pub(crate) fn toggle_month(p: &Params, month: &str) -> String {
    let mut next = first_page(p);
    let on = next.from.as_deref() == Some(month) && next.to.as_deref() == Some(month);
    let value = (!on).then(|| month.to_string());
    next.from.clone_from(&value);
    next.to = value;
    search(&next)
}

/// The search without any filter.
pub(crate) fn unfiltered(p: &Params) -> String {
    search(&Params {
        query: p.query.clone(),
        ..Params::default()
    })
}

/// The search's page starting at hit `offset`.
pub(crate) fn at_offset(p: &Params, offset: usize) -> String {
    search(&Params {
        offset: (offset > 0).then(|| offset.to_string()),
        ..p.clone()
    })
}

/// An article, with the query to mark, opened at passage `passage`.
pub(crate) fn article(id: &str, query: &str, passage: Option<u64>) -> String {
    let mut pairs = vec![("id", id)];
    if !query.trim().is_empty() {
        pairs.push(("q", query));
    }
    let url = with_query("/article", pairs);
    match passage {
        Some(n) => format!("{url}#p{n}"),
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Params {
        Params {
            query: "y tế & \"Pháp\"".into(),
            lang: vec!["vi".into()],
            offset: Some("10".into()),
            ..Params::default()
        }
    }

    #[test]
    fn links_keep_the_state_and_encode_it() {
        let p = params();
        assert_eq!(
            search(&p),
            "/?q=y+t%E1%BA%BF+%26+%22Ph%C3%A1p%22&lang=vi&offset=10"
        );
        assert_eq!(
            toggle_lang(&p, "vi"),
            "/?q=y+t%E1%BA%BF+%26+%22Ph%C3%A1p%22"
        );
        assert_eq!(
            toggle_lang(&p, "de"),
            "/?q=y+t%E1%BA%BF+%26+%22Ph%C3%A1p%22&lang=vi&lang=de"
        );
        let june = toggle_month(&p, "2025-06");
        assert_eq!(
            june,
            "/?q=y+t%E1%BA%BF+%26+%22Ph%C3%A1p%22&lang=vi&from=2025-06&to=2025-06"
        );
        let again = Params {
            from: Some("2025-06".into()),
            to: Some("2025-06".into()),
            ..p.clone()
        };
        assert_eq!(
            toggle_month(&again, "2025-06"),
            toggle_lang(&p, "xx").replace("&lang=xx", "")
        );
        assert_eq!(
            at_offset(&p, 20),
            "/?q=y+t%E1%BA%BF+%26+%22Ph%C3%A1p%22&lang=vi&offset=20"
        );
        assert_eq!(
            article("seeds/a b.txt", "y tế", Some(3)),
            "/article?id=seeds%2Fa+b.txt&q=y+t%E1%BA%BF#p3"
        );
        assert_eq!(article("x", " ", None), "/article?id=x");
    }
}

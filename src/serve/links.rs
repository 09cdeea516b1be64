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
    pairs.extend(p.kind.iter().map(|k| ("type", k.as_str())));
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

/// `value` taken out of `list` when it is there, else added.
fn toggled(list: &mut Vec<String>, value: &str) {
    if list.iter().any(|v| v == value) {
        list.retain(|v| v != value);
    } else {
        list.push(value.to_string());
    }
}

/// The search with language `code` added to its filter, or taken out.
pub(crate) fn toggle_lang(p: &Params, code: &str) -> String {
    let mut next = first_page(p);
    toggled(&mut next.lang, code);
    search(&next)
}

/// The search with file type `kind` added to its filter, or taken out.
pub(crate) fn toggle_kind(p: &Params, kind: &str) -> String {
    let mut next = first_page(p);
    toggled(&mut next.kind, kind);
    search(&next)
}

/// The months of the search's date filter, when it is a span of whole
/// months (`from=2025-03&to=2025-06`).
fn chosen_months(p: &Params) -> Option<(&str, &str)> {
    let from = p.from.as_deref().filter(|m| m.len() == 7)?;
    let to = p.to.as_deref().filter(|m| m.len() == 7)?;
    Some((from, to))
}

/// Whether month `month` is among those the date filter chose.
pub(crate) fn month_chosen(p: &Params, month: &str) -> bool {
    chosen_months(p).is_some_and(|(from, to)| from <= month && month <= to)
}

/// `YYYY-MM` moved by `step` months.
fn month_step(month: &str, step: i32) -> Option<String> {
    let (y, m) = month.split_once('-')?;
    let n = y.parse::<i32>().ok()? * 12 + m.parse::<i32>().ok()? - 1 + step;
    Some(format!(
        "{:04}-{:02}",
        n.div_euclid(12),
        n.rem_euclid(12) + 1
    ))
}

/// The search with month `month` (`YYYY-MM`) chosen or let go, the chosen
/// months a span as the date filter is: a month outside the span widens
/// it to reach that month, an end of the span leaves it, a month inside
/// it becomes the only one chosen, and the only month chosen clears the
/// filter.
pub(crate) fn toggle_month(p: &Params, month: &str) -> String {
    let mut next = first_page(p);
    let span = match chosen_months(p) {
        None => Some((month.to_string(), month.to_string())),
        Some((from, to)) if from == month && to == month => None,
        Some((from, to)) if month < from => Some((month.to_string(), to.to_string())),
        Some((from, to)) if month > to => Some((from.to_string(), month.to_string())),
        Some((from, to)) if month == from => month_step(from, 1).map(|f| (f, to.to_string())),
        Some((from, to)) if month == to => month_step(to, -1).map(|t| (from.to_string(), t)),
        Some(_) => Some((month.to_string(), month.to_string())),
    };
    (next.from, next.to) = span.unzip();
    search(&next)
}

/// The search as a CSV file of its first 1,000 hits (`/search.csv`).
pub(crate) fn csv(p: &Params) -> String {
    let all = Params {
        offset: None,
        limit: Some(CSV_LIMIT.to_string()),
        ..p.clone()
    };
    search(&all).replacen('/', "/search.csv", 1)
}

/// The hits a CSV download of the page holds.
pub(crate) const CSV_LIMIT: usize = 1000;

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

    #[test]
    fn months_are_chosen_as_a_span() {
        let span = |from: &str, to: &str| Params {
            query: "x".into(),
            from: Some(from.into()),
            to: Some(to.into()),
            ..Params::default()
        };
        let link = |from: &str, to: &str| format!("/?q=x&from={from}&to={to}");
        let june = span("2025-06", "2025-06");
        assert_eq!(toggle_month(&june, "2025-03"), link("2025-03", "2025-06"));
        assert_eq!(toggle_month(&june, "2025-09"), link("2025-06", "2025-09"));
        assert_eq!(toggle_month(&june, "2025-06"), "/?q=x");
        let spring = span("2024-12", "2025-03");
        assert_eq!(toggle_month(&spring, "2024-12"), link("2025-01", "2025-03"));
        assert_eq!(toggle_month(&spring, "2025-03"), link("2024-12", "2025-02"));
        assert_eq!(toggle_month(&spring, "2025-02"), link("2025-02", "2025-02"));
        assert!(month_chosen(&spring, "2025-01") && !month_chosen(&spring, "2025-04"));
        assert_eq!(
            csv(&june),
            "/search.csv?q=x&from=2025-06&to=2025-06&limit=1000"
        );
    }
}

//! The query language read as people type it: words, phrases, operators,
//! filters, and repairs of what cannot be read.

use super::*;

fn w(s: &str) -> Node {
    Node::Word(s.into())
}

fn should(node: Node) -> Clause {
    Clause {
        occur: Occur::Should,
        node,
    }
}

#[test]
fn not_and_and_prefixes() {
    let q = parse("Rat AND Stadt NOT Rate Deb* R*").unwrap();
    let must = |node| Clause {
        occur: Occur::Must,
        node,
    };
    assert_eq!(
        q.clauses,
        [
            must(w("Rat")),
            must(w("Stadt")),
            Clause {
                occur: Occur::MustNot,
                node: w("Rate")
            },
            should(Node::Prefix("Deb".into())),
            should(w("R")),
        ]
    );
    assert_eq!(
        q.notes,
        ["R* searched as the word R: a prefix needs two letters or more"]
    );
    // Lower case `and`, `not` and `*` inside a word are words.
    let q = parse("not and a*b").unwrap();
    assert_eq!(
        q.clauses,
        [should(w("not")), should(w("and")), should(w("a*b"))]
    );
    let q = parse("AND x AND").unwrap();
    assert_eq!(
        q.notes,
        [
            "'AND' without a word before it ignored",
            "'AND' without a word after it ignored"
        ]
    );
}

#[test]
fn words_phrases_and_operators() {
    let q = parse("Nghị quyết \"y tế\" +Hà -Pháp").unwrap();
    assert_eq!(
        q.clauses,
        [
            should(w("Nghị")),
            should(w("quyết")),
            should(Node::Phrase("y tế".into())),
            Clause {
                occur: Occur::Must,
                node: w("Hà")
            },
            Clause {
                occur: Occur::MustNot,
                node: w("Pháp")
            },
        ]
    );
    assert!(q.notes.is_empty());
}

#[test]
fn operators_right_after_a_parenthesis() {
    let q = parse("(-Quallen Zusammenarbeit) (+Hà Nội)").unwrap();
    let must_not = Clause {
        occur: Occur::MustNot,
        node: w("Quallen"),
    };
    let must = Clause {
        occur: Occur::Must,
        node: w("Hà"),
    };
    assert_eq!(
        q.clauses,
        [
            should(Node::Group(vec![must_not, should(w("Zusammenarbeit"))])),
            should(Node::Group(vec![must, should(w("Nội"))])),
        ]
    );
    assert!(q.notes.is_empty());
}

#[test]
fn hyphens_inside_words_are_not_operators() {
    let q = parse("72-NQ/TW Vietnam-Prancis").unwrap();
    assert_eq!(
        q.clauses,
        [should(w("72-NQ/TW")), should(w("Vietnam-Prancis"))]
    );
}

#[test]
fn or_and_groups() {
    let q = parse("(Krankenhaus OR Klinik) Vietnam").unwrap();
    assert_eq!(
        q.clauses,
        [
            should(Node::Group(vec![should(Node::Or(vec![
                w("Krankenhaus"),
                w("Klinik")
            ]))])),
            should(w("Vietnam")),
        ]
    );
    let q = parse("a OR b OR c").unwrap();
    assert_eq!(q.clauses, [should(Node::Or(vec![w("a"), w("b"), w("c")]))]);
}

#[test]
fn filters_in_the_query() {
    let q = parse("Vietnam lang:de,id date:2025-05..2025-06").unwrap();
    assert_eq!(q.clauses, [should(w("Vietnam"))]);
    assert_eq!(q.langs, [vec![Lang::DE, Lang::ID]]);
    assert_eq!(q.dates, [(Date::new(2025, 5, 1), Date::new(2025, 6, 30))]);
    let q = parse("date:2025-11 date:..2025-11-15 lang:vi lang:de").unwrap();
    assert_eq!(
        q.dates,
        [
            (Date::new(2025, 11, 1), Date::new(2025, 11, 30)),
            (None, Date::new(2025, 11, 15))
        ]
    );
    assert_eq!(q.langs, [vec![Lang::VI], vec![Lang::DE]]);
}

#[test]
fn bad_filter_values_are_errors() {
    assert_eq!(
        parse("lang:xx x").unwrap_err().to_string(),
        "invalid lang: value \"xx\": vi, id, de, ms or another ISO 639-1 code (en, fr, …)"
    );
    assert_eq!(
        parse("date:yesterday").unwrap_err().to_string(),
        "invalid date: value \"yesterday\": YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO"
    );
}

#[test]
fn repairs() {
    let q = parse("\"y tế").unwrap();
    assert_eq!(q.clauses, [should(Node::Phrase("y tế".into()))]);
    assert_eq!(
        q.notes,
        ["unclosed quote: the phrase runs to the end of the query"]
    );
    let q = parse("(a b").unwrap();
    assert_eq!(
        q.clauses,
        [should(Node::Group(vec![should(w("a")), should(w("b"))]))]
    );
    assert_eq!(q.notes, ["unclosed '(' closed at the end of the query"]);
    let q = parse("a ) - OR").unwrap();
    assert_eq!(q.clauses, [should(w("a"))]);
    assert_eq!(
        q.notes,
        [
            "unbalanced ')' ignored",
            "a lone '+', '-' or 'NOT' ignored",
            "'OR' without a word after it ignored"
        ]
    );
    let q = parse("OR").unwrap();
    assert!(q.clauses.is_empty());
    let q = parse("foo:bar").unwrap();
    assert_eq!(q.clauses, [should(w("foo:bar"))]);
}

#[test]
fn never_panics_on_odd_input() {
    for q in [
        "",
        "\"",
        "((((",
        "))))",
        "+-+-",
        "\u{202e}abc",
        "🙂 \"🙂",
        "\0\x07",
        "a:b:c",
        "date:..",
        "lang:",
    ] {
        let _ = parse(q);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The parser never panics, whatever the input.
        #[test]
        fn any_string_parses_or_errs(q in "(\\PC|[\"()+\\-:]|OR |lang:|date:){0,60}") {
            let _ = parse(&q);
        }
    }
}

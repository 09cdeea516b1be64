//! The engine end to end on small indexes written in the test: hits read
//! their article from its first passage, and the searches of one engine.

use super::*;
use crate::index::layout::documents;
use crate::index::schema::Payload;
use crate::model::{Article, Lang};
use tantivy::TantivyDocument;

fn article(id: &str, passages: &[&str]) -> Article {
    Article {
        id: id.into(),
        path: format!("{id}.txt"),
        file: format!("/{id}.txt"),
        line: None,
        kind: "txt",
        title: Some(format!("Title of {id}")),
        lang: Some(Lang::De),
        date: None,
        source: None,
        passages: passages.iter().map(|p| p.to_string()).collect(),
        pages: Vec::new(),
        asides: Vec::new(),
        hash: 1,
    }
}

/// Writes `docs` in one commit, one `add_document` each, into a new
/// index or the one in `dir`.
fn write(dir: &Path, docs: Vec<TantivyDocument>) {
    let (index, _) = crate::index::open(dir)
        .or_else(|_| crate::index::create(dir))
        .expect("open");
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
    for d in docs {
        writer.add_document(d).unwrap();
    }
    let mut commit = writer.prepare_commit().unwrap();
    commit.set_payload(&Payload::current());
    commit.commit().unwrap();
}

#[test]
fn a_hit_reads_its_article_from_the_first_passage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let fields = Fields::schema().1;
    let a = article("a", &["Erster Absatz.", "Zweiter Absatz über Quallen."]);
    let b = article("b", &["Anderer Text.", "Noch ein Absatz über Seesterne."]);
    write(&dir, documents(&fields, &a));
    let hits = Engine::open(&dir)
        .unwrap()
        .search(&Request::new("Quallen"))
        .unwrap()
        .hits;
    assert_eq!(
        (
            hits[0].article.as_str(),
            hits[0].passage,
            hits[0].title.as_deref(),
            hits[0].path.as_str()
        ),
        ("a", 1, Some("Title of a"), "a.txt")
    );
    // Passages not written as one batch, the first one missing: the
    // search says so instead of showing another article's title.
    let stray = documents(&fields, &b).pop().unwrap();
    write(&dir, vec![stray]);
    let err = Engine::open(&dir)
        .unwrap()
        .search(&Request::new("Seesterne"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: passage 1 of article \"b\" does not follow its article's first passage; \
             rebuild it with `vsearch index --rebuild`",
            dir.display()
        )
    );
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::index::{index, IndexOptions, Silent};
    use proptest::prelude::*;
    use std::sync::atomic::AtomicBool;
    use std::sync::OnceLock;

    /// One index of the seeds, shared by every case.
    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
        &ENGINE
            .get_or_init(|| {
                let dir = tempfile::tempdir().expect("temp dir");
                let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
                let path = dir.path().join("index");
                index(
                    &path,
                    &[seeds],
                    &IndexOptions::default(),
                    &mut Silent,
                    &AtomicBool::new(false),
                )
                .expect("index the seeds");
                let engine = Engine::open(&path).expect("open");
                (dir, engine)
            })
            .1
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any query string gives results or a clean error, and every
        /// highlight is a char-boundary range inside its snippet.
        #[test]
        fn any_query_runs(q in "(\\PC|[\"()+\\-:]|OR |lang:vi |date:2025 |nghị |quyết |72-NQ/TW |Krankenhaus |rawat ){0,12}") {
            match engine().search(&Request::new(q.clone())) {
                Ok(results) => {
                    prop_assert!(results.hits.len() <= 10);
                    for hit in &results.hits {
                        for &(a, b) in &hit.snippet.highlights {
                            prop_assert!(a < b && b <= hit.snippet.text.len());
                            prop_assert!(hit.snippet.text.is_char_boundary(a) && hit.snippet.text.is_char_boundary(b));
                        }
                    }
                }
                Err(e) => prop_assert!(matches!(e, Error::InvalidValue { .. }), "{e}"),
            }
        }
    }
}

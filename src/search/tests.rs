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
        lang: Some(Lang::DE),
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
            hits[0].meta.id.as_str(),
            hits[0].passage,
            hits[0].meta.title.as_deref(),
            hits[0].meta.path.as_str()
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
        (err.to_string(), err.remedy()),
        (
            format!(
                "{}: passage 1 of article \"b\" does not follow its article's first passage",
                dir.display()
            ),
            Some(crate::Remedy::Rebuild)
        )
    );
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::pipeline::{index, IndexOptions, Silent};
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

/// A language added to the registry (Malay, in the tests only: its file
/// and its name in `languages!`) is analysed in a view of its own, found
/// whatever affix the query takes, highlighted, filtered and faceted.
#[test]
fn a_language_added_to_the_registry_is_searched_in_its_own_view() {
    let malay: Lang = "malay".parse().unwrap();
    assert_eq!((malay.code(), malay.is_analysed()), ("ms", true));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let fields = Fields::schema().1;
    let mut ms = article("ms", &["Kementerian menyediakan perawatan percuma."]);
    ms.lang = Some(malay);
    let de = article("de", &["Die Pflege ist kostenlos."]);
    let mut docs = documents(&fields, &ms);
    docs.extend(documents(&fields, &de));
    write(&dir, docs);
    let engine = Engine::open(&dir).unwrap();
    let mut request = Request::new("dirawat");
    request.facets = true;
    let results = engine.search(&request).unwrap();
    let hit = &results.hits[0];
    assert_eq!((results.hits.len(), hit.meta.id.as_str()), (1, "ms"));
    let s = &hit.snippet;
    let marked: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
    assert_eq!(marked, ["perawatan"]);
    let facets = results.facets.unwrap();
    assert_eq!(facets.lang.keys().collect::<Vec<_>>(), ["ms"]);
    request.langs = vec![Lang::DE];
    assert!(engine.search(&request).unwrap().hits.is_empty());
    request.langs = vec![malay];
    assert_eq!(engine.search(&request).unwrap().hits.len(), 1);
}

/// Kept results answer the same search (whatever its time budget) until
/// the index changes; a commit, once the reader sees it, is searched anew,
/// and requests to explain are never kept.
#[test]
fn kept_results_answer_until_the_index_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let fields = Fields::schema().1;
    write(
        &dir,
        documents(&fields, &article("a", &["Ein Absatz über Quallen."])),
    );
    let mut engine = Engine::open(&dir).unwrap();
    engine.keep_results(1 << 20);
    let kept = |engine: &Engine| engine.cache.as_ref().map_or(0, cache::Cache::len);
    let ids = |r: &Results| r.hits.iter().map(|h| h.meta.id.clone()).collect::<Vec<_>>();
    let first = engine.search(&Request::new("Quallen")).unwrap();
    let mut timed = Request::new("Quallen");
    timed.timeout = Some(std::time::Duration::from_secs(3));
    assert_eq!(engine.search(&timed).unwrap(), first);
    assert_eq!((ids(&first), kept(&engine)), (vec!["a".to_string()], 1));
    let mut explained = Request::new("Quallen");
    explained.explain = true;
    assert!(engine.search(&explained).unwrap().explanations.is_some());
    let mut two = Request::new("Quallen");
    two.limit = 2;
    engine.search(&two).unwrap();
    assert_eq!(kept(&engine), 2);
    write(
        &dir,
        documents(&fields, &article("b", &["Noch mehr Quallen."])),
    );
    engine.reader.reload().unwrap();
    let after = engine.search(&Request::new("Quallen")).unwrap();
    assert_eq!((after.total_hits, kept(&engine)), (2, 1));
    // A budget too small for one result keeps none.
    engine.keep_results(100);
    engine.search(&Request::new("Quallen")).unwrap();
    assert_eq!(kept(&engine), 0);
}

/// A word typed with Vietnamese marks leaves German passages out of its
/// folded view, whether the engine seeks their postings (a search of its
/// own) or reads them whole (an engine that runs long).
#[test]
fn vietnamese_marks_leave_german_passages_out_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let fields = Fields::schema().1;
    let mut vi = article("vi", &["Ông Đức phát biểu tại hội nghị."]);
    vi.lang = Some(Lang::VI);
    // Enough German passages that seeking them costs less than reading
    // them whole.
    let mut passages = vec!["Der Maler Duc stellt aus."];
    passages.extend(["Die Ausstellung ist offen."; 12]);
    let de = article("de", &passages);
    let mut docs = documents(&fields, &vi);
    docs.extend(documents(&fields, &de));
    write(&dir, docs);
    let mut engine = Engine::open(&dir).unwrap();
    let ids = |engine: &Engine, q: &str| {
        let mut request = Request::new(q);
        request.explain = true;
        let results = engine.search(&request).unwrap();
        results
            .hits
            .iter()
            .map(|h| h.meta.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&engine, "Đức"), ["vi"]);
    assert_eq!(ids(&engine, "Duc").len(), 2);
    engine.keep_results(1 << 20);
    assert_eq!(ids(&engine, "Đức"), ["vi"]);
    assert_eq!(ids(&engine, "Duc").len(), 2);
}

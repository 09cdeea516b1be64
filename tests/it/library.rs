//! The library's API, used as a program embedding vsearch would: index,
//! open, search, count facets, read statistics and references.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use vsearch::{Engine, IndexOptions, Lang, Observer, Params, Problem, Request};

/// Records what an indexing run reports.
#[derive(Default)]
struct Recorder {
    problems: Vec<Problem>,
    last_progress: Option<(u64, u64)>,
}

impl Observer for Recorder {
    fn problem(&mut self, problem: &Problem) {
        self.problems.push(problem.clone());
    }

    fn progress(&mut self, done: u64, total: u64) {
        self.last_progress = Some((done, total));
    }
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// One index of the seeds, built through the API, shared by the tests.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let dir = tmp.path().join("index");
            let mut recorder = Recorder::default();
            let report = vsearch::index(
                &dir,
                &[seeds()],
                &IndexOptions::default(),
                &mut recorder,
                &AtomicBool::new(false),
            )
            .expect("index the seeds");
            assert_eq!((report.added, report.passages, report.skipped), (5, 95, 0));
            assert!(recorder.problems.is_empty());
            let (done, total) = recorder.last_progress.expect("progress reported");
            assert!(done > 0 && done <= total, "{done} of {total}");
            (tmp, Engine::open(&dir).expect("open"))
        })
        .1
}

#[test]
fn search_ranks_the_resolution_first_in_every_language() {
    let results = engine().search(&Request::new("Nghị quyết 72")).unwrap();
    let first = &results.hits[0];
    assert_eq!(first.meta.id, "seeds/000_ad85081284aaedf5.txt");
    // The path as given (absolute here); the id from the canonical path,
    // relative to the working directory.
    assert_eq!(
        first.meta.path,
        seeds().join("000_ad85081284aaedf5.txt").to_string_lossy()
    );
    assert_eq!(first.meta.lang, Some(Lang::VI));
    assert_eq!(
        first.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2025-11-01")
    );
    let marked: Vec<&str> = first
        .snippet
        .highlights
        .iter()
        .map(|&(a, b)| &first.snippet.text[a..b])
        .collect();
    assert_eq!(marked, ["nghị", "Nghị", "quyết", "72"]);
    let mut langs: Vec<Lang> = results.hits.iter().filter_map(|h| h.meta.lang).collect();
    langs.sort();
    langs.dedup();
    assert_eq!(langs, [Lang::VI, Lang::ID, Lang::DE]);
}

#[test]
fn facets_count_every_match_not_just_the_page() {
    let mut request = Request::new("hợp tác");
    request.facets = true;
    request.limit = 0;
    let results = engine().search(&request).unwrap();
    assert!(results.hits.is_empty(), "a limit of 0 lists no hits");
    let facets = results.facets.expect("facets asked for");
    let passages: u64 = facets.lang.values().map(|c| c.passages).sum();
    assert_eq!(passages as usize, results.total_hits);
    let by_month: u64 = facets.month.values().map(|c| c.passages).sum();
    assert_eq!(by_month, passages);
    assert_eq!(facets.lang["vi"].articles, 3);
}

#[test]
fn stats_and_refs_read_what_the_index_holds() {
    let stats = engine().stats().unwrap();
    assert_eq!((stats.articles, stats.passages), (5, 95));
    assert_eq!(stats.languages["vi"].articles, 3);
    assert_eq!(stats.first_date.as_deref(), Some("2025-05-17"));
    assert_eq!(stats.last_date.as_deref(), Some("2025-11-01"));
    let refs = engine().refs(Some("Nghị quyết 72")).unwrap();
    assert_eq!(refs.len(), 1);
    assert_eq!((refs[0].key.as_str(), refs[0].articles), ("72-NQ", 3));
}

#[test]
fn params_from_any_front_end_are_validated_once() {
    let params = Params {
        query: "Krankenhaus".into(),
        lang: vec!["de".into()],
        limit: Some("3".into()),
        passages: true,
        ..Params::default()
    };
    let results = engine().search(&params.request().unwrap()).unwrap();
    assert_eq!(results.hits.len(), 3);
    assert!(results.hits.iter().all(|h| h.meta.lang == Some(Lang::DE)));
    let bad = Params {
        limit: Some("1000000000".into()),
        ..params
    };
    assert_eq!(
        bad.request().unwrap_err().to_string(),
        "invalid limit \"1000000000\": a whole number from 0 to 10000"
    );
    let mut request = Request::new("x");
    request.limit = usize::MAX;
    assert!(matches!(
        engine().search(&request),
        Err(vsearch::Error::InvalidValue { .. })
    ));
}

#[test]
fn indexing_reports_problems_by_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.jsonl"),
        "{\"id\": \"x\", \"text\": \"Ein Text über Zusammenarbeit.\"}\n{bad\n",
    )
    .unwrap();
    let mut recorder = Recorder::default();
    let report = vsearch::index(
        &tmp.path().join("index"),
        std::slice::from_ref(&input),
        &IndexOptions::default(),
        &mut recorder,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!((report.added, report.skipped), (1, 1));
    assert_eq!(recorder.problems.len(), 1);
    let p = &recorder.problems[0];
    assert_eq!(
        (p.path.as_path(), p.line, p.skipped),
        (input.join("a.jsonl").as_path(), Some(2), true)
    );
    assert!(
        p.message
            .starts_with("invalid record: key must be a string"),
        "{}",
        p.message
    );
}

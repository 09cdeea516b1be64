//! The requests for reading rather than searching, as a front end
//! receives them: one article, and the references the index cites. Checked
//! here once, for every front end.

use super::request::{invalid, invalid_param, LIMIT_EXPECTED};
use super::MAX_LIMIT;
use crate::error::{Error, Result};

/// A request for one article, as a front end receives it: its id (an id
/// from search results, never opened as a path) and a query whose words
/// to mark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleParams {
    /// The article's id.
    pub id: String,
    /// The query to mark in it, if any.
    pub q: Option<String>,
}

impl ArticleParams {
    /// The parameters of URL pairs `id` and `q`; `strict` refuses any
    /// other. An empty `q` counts as absent; `id` must be given.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        strict: bool,
    ) -> Result<ArticleParams> {
        let (mut id, mut q) = (None, None);
        for (name, value) in pairs {
            match name {
                "id" => id = Some(value.to_string()),
                "q" => q = Some(value.to_string()).filter(|v| !v.trim().is_empty()),
                _ if strict => return Err(invalid("parameter", name, "one of id, q")),
                _ => {}
            }
        }
        let id = id
            .filter(|id| !id.is_empty())
            .ok_or(Error::MissingParam("id"))?;
        Ok(ArticleParams { id, q })
    }
}

/// References listed unless told otherwise, the most cited first.
pub const REFS_LIMIT: usize = 50;

/// A request for the references the index cites, as a front end receives
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefsParams {
    /// Only references this names or whose code contains it.
    pub filter: Option<String>,
    /// At most this many, up to [`MAX_LIMIT`].
    pub limit: usize,
}

impl Default for RefsParams {
    fn default() -> RefsParams {
        RefsParams {
            filter: None,
            limit: REFS_LIMIT,
        }
    }
}

impl RefsParams {
    /// The parameters of URL pairs `q` and `limit`; any other is refused.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RefsParams> {
        let mut params = RefsParams::default();
        for (name, value) in pairs {
            match name {
                "q" => params.filter = Some(value.to_string()).filter(|v| !v.trim().is_empty()),
                "limit" => {
                    params.limit = (value.trim().parse().ok())
                        .ok_or_else(|| invalid_param("limit", value, LIMIT_EXPECTED))?
                }
                _ => return Err(invalid("parameter", name, "one of q, limit")),
            }
        }
        params.check()?;
        Ok(params)
    }

    /// Checks the bounds parameters built in code must keep too.
    pub fn check(&self) -> Result<()> {
        if self.limit > MAX_LIMIT {
            return Err(invalid_param(
                "limit",
                self.limit.to_string(),
                LIMIT_EXPECTED,
            ));
        }
        Ok(())
    }
}

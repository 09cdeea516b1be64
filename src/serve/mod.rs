//! `vsearch serve`: a local web page to search and read in ([`pages`]),
//! and a JSON API ([`api`]) that writes the command line's `--json`
//! contract through the same [`vsearch::render::json`].
//!
//! Both front ends take their parameters through [`vsearch::Params`], so a
//! value is refused with the same message on the command line and here.
//! The server only reads: it answers GET (and HEAD), and POST for a batch
//! of searches ([`export`]); it follows the index as
//! `vsearch index` commits to it ([`Engine::open_live`]), and never opens
//! an id as a path. Every response carries a Content-Security-Policy that
//! allows no script but the server's own, and a `Server-Timing` header
//! with the time it spent. On a loopback address it answers only requests
//! addressed to a loopback host name, so a web page elsewhere cannot reach
//! it through DNS rebinding.

mod api;
mod connections;
mod export;
mod failure;
mod html;
mod links;
mod pages;
mod reading;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;

use failure::Failure;
use vsearch::Engine;

/// The time budget of one search: a query that needs longer gets a 503.
const SEARCH_BUDGET: Duration = Duration::from_secs(5);

/// What every handler shares.
pub(crate) struct Shared {
    engine: Engine,
    /// Searches running at once: one per core, the rest wait their turn.
    slots: Semaphore,
}

type State = Arc<Shared>;

/// Serves the index in `dir` on `listen` until Ctrl-C or SIGTERM, with
/// the synonyms of `synonyms` besides the index folder's, keeping up to
/// `cache` bytes of recent results ([`Engine::keep_results`]).
pub fn run(dir: &Path, listen: SocketAddr, synonyms: Option<&Path>, cache: usize) -> Result<()> {
    // A search reads only some of the index, so damage can go unseen and
    // change results silently; a server, which runs long, checks it all
    // once before it serves.
    vsearch::verify(dir)?;
    let mut engine = Engine::open_live(dir)?;
    if let Some(file) = synonyms {
        engine.add_synonyms(file)?;
    }
    engine.keep_results(cache);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let shared = Arc::new(Shared {
        engine,
        slots: Semaphore::new(cores),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.min(4))
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let served = runtime.block_on(serve(dir, listen, shared));
    // A search still running on a blocking thread ends within its budget;
    // the process need not wait for it.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

async fn serve(dir: &Path, listen: SocketAddr, shared: State) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    let loopback = addr.ip().is_loopback();
    if !loopback {
        eprintln!(
            "vsearch: warning: listening on {addr}, which other machines can reach; \
             the server has no authentication"
        );
    }
    let app = router(shared, loopback);
    let stop = shutdown()?;
    println!(
        "vsearch: serving {} at http://{addr}/ (Ctrl-C stops)",
        vsearch::render::text::path(dir)
    );
    let left = connections::serve(listener, app, stop).await;
    if left > 0 {
        eprintln!(
            "vsearch: {left} connection(s) still open after {} s; stopped without them",
            connections::SHUTDOWN_GRACE.as_secs()
        );
    }
    eprintln!("vsearch: server stopped");
    Ok(())
}

fn router(shared: State, loopback: bool) -> Router {
    let app = Router::new()
        .route("/", get(pages::search))
        .route("/article", get(reading::article))
        .route("/refs", get(reading::refs))
        .route("/stats", get(reading::stats))
        .route("/static/style.css", get(html::style))
        .route("/static/app.js", get(html::script))
        .route("/search.csv", get(export::search_csv))
        .route("/batch", get(export::batch_form).post(export::batch))
        .route("/api/search", get(api::search))
        .route("/api/article", get(api::article))
        .route("/api/refs", get(api::refs))
        .route("/api/stats", get(api::stats))
        .fallback(not_found)
        .with_state(shared)
        .layer(middleware::from_fn(headers));
    if loopback {
        app.layer(middleware::from_fn(loopback_host))
    } else {
        app
    }
}

async fn not_found(request: Request) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let failure = Failure::NotFound(format!("no page {}", request.uri().path()));
    if api {
        failure.json()
    } else {
        failure.page()
    }
}

/// Ends the server on Ctrl-C or SIGTERM; requests under way finish. The
/// handlers are installed before the server says it is ready, so a signal
/// sent as soon as the URL is printed stops it cleanly too.
fn shutdown() -> Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot handle Ctrl-C")?;
    let mut terminate = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
    })
}

/// The Content-Security-Policy of every response: the server's own style
/// sheet and script only (the script may fetch the server's own pages);
/// no inline script, no plugin, no framing.
const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Security headers and the time spent, on every response.
async fn headers(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let mut response = next.run(request).await;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Ok(timing) = HeaderValue::from_str(&format!("app;dur={ms:.3}")) {
        h.insert("server-timing", timing);
    }
    response
}

/// On a loopback address, requests must name a loopback host: a page on
/// another site that points its own host name at 127.0.0.1 gets a 421.
async fn loopback_host(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if is_loopback_host(host) {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests for localhost, 127.0.0.1 or [::1]\n",
        )
            .into_response()
    }
}

/// Whether a Host header names this machine's loopback interface.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Runs `work` on the engine on a blocking thread, once a slot is free.
async fn blocking<T: Send + 'static>(
    state: &State,
    work: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Result<T, Failure> {
    let _slot = state
        .slots
        .acquire()
        .await
        .map_err(|_| Failure::Internal("the server is stopping".into()))?;
    let shared = Arc::clone(state);
    tokio::task::spawn_blocking(move || work(&shared.engine))
        .await
        .map_err(|e| Failure::Internal(format!("the search failed: {e}")))
}

/// The query (`q`) among a request's pairs, empty when there is none: what
/// an error page keeps in its search box.
fn query_in(pairs: &[(String, String)]) -> &str {
    pairs.iter().find(|(k, _)| k == "q").map_or("", |(_, v)| v)
}

/// `pairs` as the library's parameter parsers take them.
fn str_pairs(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The URL query string's decoded pairs.
fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn only_loopback_host_names_pass() {
        for ok in [
            "localhost",
            "localhost:7878",
            "127.0.0.1:7878",
            "127.0.0.2",
            "[::1]:7878",
            "app.localhost:80",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example:7878",
            "192.168.1.2:7878",
            "localhost.evil.com",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}

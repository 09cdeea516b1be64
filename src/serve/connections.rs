//! The server's connections: accepted up to a limit below the process's
//! file descriptors, each given [`HEADER_TIMEOUT`] to send a request's
//! headers (which is also how long a kept-alive connection may sit idle
//! between requests), and on Ctrl-C or SIGTERM given [`SHUTDOWN_GRACE`]
//! to finish before the server stops without them. So silent or half-open
//! connections can neither exhaust the descriptors nor hold a shutdown.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The time a client has to send a request's headers, from the moment
/// the server waits for them: on a new connection and between requests
/// on a kept-alive one.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The time connections get to finish once a stop is asked for.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// File descriptors kept free of connections: the index's files, the
/// listener, standard streams.
const RESERVED_FDS: u64 = 64;
/// Connections at once, at most, whatever the descriptor limit.
const MAX_CONNECTIONS: u64 = 1024;

/// Connections served at once: the descriptor limit less those reserved,
/// between 8 and [`MAX_CONNECTIONS`].
fn connection_limit() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct passed by reference.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    let fds = if read { limit.rlim_cur } else { 256 };
    fds.saturating_sub(RESERVED_FDS).clamp(8, MAX_CONNECTIONS) as usize
}

/// Serves `app` on `listener` until `stop` completes, then gives the open
/// connections [`SHUTDOWN_GRACE`] to finish: the number still open then.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()>,
) -> usize {
    let limit = connection_limit();
    let slots = Arc::new(Semaphore::new(limit));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = &mut stop => break,
        };
        let Ok(slot) = slot else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors, or a connection reset before it was
                // accepted: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = watched.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => 0,
        () = tokio::time::sleep(SHUTDOWN_GRACE) => limit - slots.available_permits(),
    }
}

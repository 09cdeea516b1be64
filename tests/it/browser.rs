//! The web page in a real browser: headless Chromium from Debian's
//! `chromium` and `chromium-driver`, driven over WebDriver (fantoccini).
//! `.ci/run` installs both and sets `VSEARCH_REQUIRE_BROWSER`, so there a
//! missing browser fails the tests. Elsewhere the build script sets
//! `browser_absent` when there is no chromedriver, and `cargo test` lists
//! these tests as ignored, with the reason, instead of as passed.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::serve::Server;
use crate::util::TestEnv;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver on a free port, stopped on drop.
struct Driver {
    child: Child,
    url: String,
    profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver, or `None` (with a note) where it is not installed
/// and not required.
fn driver() -> Option<Driver> {
    let installed = std::path::Path::new(CHROMEDRIVER).exists();
    if !installed {
        assert!(
            std::env::var_os("VSEARCH_REQUIRE_BROWSER").is_none(),
            "{CHROMEDRIVER} is missing: install Debian's chromium and chromium-driver"
        );
        eprintln!("skipped: no {CHROMEDRIVER}; install Debian's chromium and chromium-driver");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().expect("profile dir");
    Some(Driver {
        child,
        url,
        profile,
    })
}

/// A headless browser session; the flags keep Chromium off the network
/// this machine does not have.
async fn browser(driver: &Driver) -> Client {
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--window-size=1200,900".into(),
        format!("--user-data-dir={}", driver.profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": CHROMIUM, "args": args }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("browser session")
}

async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.expect("find") {
        out.push(element.text().await.expect("text"));
    }
    out
}

async fn attrs(client: &Client, css: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.expect("find") {
        out.push(element.attr(name).await.expect("attr").unwrap_or_default());
    }
    out
}

/// Types a query, sees marked hits, narrows to German with the facet, and
/// opens an article at the passage that matched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    browser_absent,
    ignore = "no /usr/bin/chromedriver: install Debian's chromium and chromium-driver"
)]
async fn search_filter_and_read_in_a_browser() {
    let Some(driver) = driver() else { return };
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let client = browser(&driver).await;
    let result = journey(&client, &server.url).await;
    client.close().await.expect("close");
    result.expect("journey");
}

/// 1. Type a query and see highlighted hits; then filter and read.
async fn journey(client: &Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    client.goto(&format!("{url}/")).await?;
    let box_ = client.find(Locator::Id("q")).await?;
    box_.send_keys("Nghi quyet 72").await?;
    client
        .find(Locator::Css("form.search button"))
        .await?
        .click()
        .await?;
    client
        .wait()
        .for_element(Locator::Css("article.hit"))
        .await?;
    assert_eq!(client.title().await?, "Nghi quyet 72 · vsearch");
    let langs = attrs(client, "article.hit", "lang").await;
    assert_eq!(langs.len(), 5, "{langs:?}");
    let marks = texts(client, "ol.all > li:first-child mark").await;
    assert_eq!(marks, ["nghị", "Nghị", "quyết", "72"]);
    let summary = client.find(Locator::Css("p.summary")).await?.text().await?;
    assert_eq!(
        summary,
        "9 passages in 3 articles hold all the words; 8 more hold some Download CSV"
    );

    filter(client, url).await?;
    read(client).await
}

/// 2. Click the German facet: only German hits, and the URL says so.
async fn filter(client: &Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    client
        .find(Locator::LinkText("German"))
        .await?
        .click()
        .await?;
    client
        .wait()
        .for_element(Locator::Css(".facet li.on"))
        .await?;
    let current = client.current_url().await?;
    assert_eq!(current.as_str(), format!("{url}/?q=Nghi+quyet+72&lang=de"));
    assert_eq!(attrs(client, "article.hit", "lang").await, ["de"]);
    let active = texts(client, ".facet li.on a").await;
    assert_eq!(active, ["German"]);

    Ok(())
}

/// 3. Open the article and land on the passage that matched.
async fn read(client: &Client) -> Result<(), fantoccini::error::CmdError> {
    client
        .find(Locator::Css("article.hit h2 a"))
        .await?
        .click()
        .await?;
    client
        .wait()
        .for_element(Locator::Css("article.reading"))
        .await?;
    let current = client.current_url().await?;
    assert_eq!(current.path(), "/article");
    assert_eq!(current.fragment(), Some("p2"));
    let target = client
        .execute("return document.querySelector(':target').id", vec![])
        .await?;
    assert_eq!(target, "p2");
    let marked = texts(client, "#p2 mark").await;
    assert_eq!(marked, ["72"]);
    let top = client
        .execute(
            "return Math.round(document.getElementById('p2').getBoundingClientRect().top)",
            vec![],
        )
        .await?;
    let top = top.as_i64().expect("a number");
    assert!(
        (0..200).contains(&top),
        "the passage is at {top}px, not at the top of the window"
    );
    Ok(())
}

/// Results come as the query is typed, without a submit, and the address
/// follows; no text is set in a monospace font (Debian's has no
/// precomposed Vietnamese letters with two marks).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    browser_absent,
    ignore = "no /usr/bin/chromedriver: install Debian's chromium and chromium-driver"
)]
async fn results_come_as_you_type_in_the_page_font() {
    let Some(driver) = driver() else { return };
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let client = browser(&driver).await;
    let result = as_you_type(&client, &server.url).await;
    client.close().await.expect("close");
    result.expect("as you type");
}

/// The font families of the body and of each element `css` selects.
async fn families(client: &Client, css: &str) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let script = "return [document.body, ...document.querySelectorAll(arguments[0])]\
                  .map(e => getComputedStyle(e).fontFamily)";
    let got = client.execute(script, vec![css.into()]).await?;
    Ok(serde_json::from_value(got).expect("strings"))
}

async fn as_you_type(client: &Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    client.goto(&format!("{url}/")).await?;
    let home = families(client, "dl.syntax code").await?;
    assert_eq!(home.len(), 7, "{home:?}");
    assert!(!home[0].contains("monospace"), "{home:?}");
    assert!(home.iter().all(|f| *f == home[0]), "{home:?}");
    client
        .find(Locator::Id("q"))
        .await?
        .send_keys("Nghi quyet")
        .await?;
    client
        .wait()
        .for_element(Locator::Css("article.hit"))
        .await?;
    let current = client.current_url().await?;
    assert_eq!(current.as_str(), format!("{url}/?q=Nghi+quyet"));
    assert_eq!(client.title().await?, "Nghi quyet · vsearch");
    let cards = families(client, "article.hit, .path, .snippet").await?;
    assert!(cards.iter().all(|f| *f == cards[0]), "{cards:?}");
    Ok(())
}

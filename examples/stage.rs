use std::time::Instant;
use vsearch::analysis::{tokens, View};
use vsearch::ingest::{Articles, Item};
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let t = Instant::now();
    let mut arts = Vec::new();
    for item in Articles::new(&[path]) {
        if let Item::Article(a) = item {
            arts.push(a);
        }
    }
    let bytes: usize = arts
        .iter()
        .map(|a| a.passages.iter().map(|p| p.len()).sum::<usize>())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "ingest: {:.1} MB/s ({} articles)",
        mb / t.elapsed().as_secs_f64(),
        arts.len()
    );
    let t = Instant::now();
    let mut n = 0;
    for a in &arts {
        for p in &a.passages {
            n += vsearch::refs::extract(p).len();
        }
    }
    println!("refs: {:.1} MB/s ({n})", mb / t.elapsed().as_secs_f64());
    for view in View::ALL {
        let mut an = view.analyzer();
        let t = Instant::now();
        let mut n = 0;
        let mut b = 0;
        for a in &arts {
            let ok = match view {
                View::German => a.lang == Some(vsearch::Lang::De),
                View::Indonesian => a.lang == Some(vsearch::Lang::Id),
                _ => true,
            };
            if !ok {
                continue;
            }
            for p in &a.passages {
                n += tokens(&mut an, p).len();
                b += p.len();
            }
        }
        println!(
            "{view:?}: {:.1} MB/s over {:.1} MB ({n} tokens)",
            b as f64 / 1e6 / t.elapsed().as_secs_f64(),
            b as f64 / 1e6
        );
    }
}

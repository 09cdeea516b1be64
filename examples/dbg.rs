use tantivy::query::*;
use tantivy::schema::IndexRecordOption;
use tantivy::collector::TopDocs;
use tantivy::Term;
fn main() {
    let e = vsearch::search::Engine::open(std::path::Path::new("index")).unwrap();
    let f = e.fields();
    let s = e.searcher();
    let t = |field, w: &str| -> Box<dyn Query> { Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::WithFreqs)) };
    let all = BooleanQuery::new(vec![(Occur::Must, t(f.exact, "nghị")), (Occur::Must, t(f.exact, "quyết")), (Occur::Must, t(f.exact, "72"))]);
    println!("all must: {:?}", s.search(&all, &TopDocs::with_limit(3).order_by_score()).unwrap());
    let cs = ConstScoreQuery::new(Box::new(all.clone()), 1000.0);
    println!("const: {:?}", s.search(&cs, &TopDocs::with_limit(3).order_by_score()).unwrap());
    let r = t(f.refs, "72-NQ");
    println!("ref: {:?}", s.search(r.as_ref(), &TopDocs::with_limit(3).order_by_score()).unwrap());
    let b = BooleanQuery::new(vec![(Occur::Should, t(f.exact, "72")), (Occur::Should, Box::new(cs))]);
    println!("bool: {:?}", s.search(&b, &TopDocs::with_limit(3).order_by_score()).unwrap());
}

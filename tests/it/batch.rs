//! `vsearch batch` and `--csv` on the command line: a list or a CSV
//! column of queries, rows as CSV or JSON Lines, counts for every query,
//! and the exit codes.

use serde_json::Value;

use crate::util::TestEnv;

#[test]
fn a_csv_column_of_names_gives_json_lines_and_a_file() {
    let env = TestEnv::new().indexed();
    env.write(
        "people.csv",
        "id;name;note\n1;Trần Văn Thuấn;vi\n2;Lê Thành Long;vi\n3;Nobody Atall;-\n",
    );
    let r = env.run(&[
        "batch",
        "people.csv",
        "--column",
        "name",
        "--json",
        "-n",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = (r.stdout.lines())
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let queries: Vec<&str> = rows.iter().map(|r| r["query"].as_str().unwrap()).collect();
    assert_eq!(queries, ["Trần Văn Thuấn", "Lê Thành Long", "Nobody Atall"]);
    assert_eq!(rows[0]["article"], "seeds/000_ad85081284aaedf5.txt");
    assert_eq!(rows[1]["article"], "seeds/003_d60a3bd8c1bbe9f0.txt");
    assert_eq!(rows[2]["article"], Value::Null);
    assert_eq!(rows[2]["total_articles"], 0);
    assert_eq!(r.stderr, "vsearch: 3 queries, 2 with hits, 3 rows\n");
    let r = env.run(&["batch", "people.csv", "--column", "name", "-o", "out.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let out = std::fs::read_to_string(env.path("out.csv")).expect("written");
    assert!(
        out.starts_with("query,total_articles,total_hits,rank,"),
        "{out}"
    );
}

#[test]
fn a_batch_without_hits_exits_1_and_a_bad_one_2() {
    let env = TestEnv::new().indexed();
    env.write("none.txt", "zzqqxx\n\nqqzzyy\n");
    let r = env.run(&["batch", "none.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "query,total_articles,total_hits,rank,article,title,lang,date,passage,page,snippet,source\n\
         zzqqxx,0,0,,,,,,,,,\nqqzzyy,0,0,,,,,,,,,\n"
    );
    env.write("people.csv", "id,name\n1,An\n");
    let r = env.run(&["batch", "people.csv", "--column", "Name"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: people.csv: invalid column \"Name\": the name of a column in the batch file's first row\n"
    );
    env.write("empty.txt", "\n \n");
    let r = env.run(&["batch", "empty.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: empty.txt: no queries in it (one per line)\n"
    );
    let r = env.run(&["batch", "none.txt", "--explain"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--explain and --facets do not apply"),
        "{}",
        r.stderr
    );
}

#[test]
fn csv_output_of_a_search_is_one_row_per_article() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["y tế", "--csv", "-n", "3", "--lang", "vi"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(&row[0], "y tế");
        assert_eq!(row[3], (n + 1).to_string());
        assert_eq!(&row[6], "vi");
        assert!(
            row[10].contains("y tế") || row[10].contains("Y tế"),
            "{row:?}"
        );
    }
    let r = env.run(&["y tế", "--csv", "--json"]);
    assert_eq!(r.code, 2);
}

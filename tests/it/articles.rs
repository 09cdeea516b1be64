//! Article-level evidence: a title is searched with its article, a caption
//! or credit line ranks below prose about the same thing, and one article
//! filed twice is one hit that names its copy.

use serde_json::Value;

use crate::util::*;

fn articles(v: &Value) -> Vec<String> {
    let hits = v["hits"].as_array().expect("hits");
    hits.iter()
        .map(|h| h["article"].as_str().expect("article").to_string())
        .collect()
}

#[test]
fn a_credit_line_ranks_below_an_article_about_the_subject() {
    let env = TestEnv::empty();
    // A news article whose photo is credited to Vietnam+, and an article
    // about Việt Nam whose one mention sits in a long paragraph.
    env.write(
        "in/credit.txt",
        "Bệnh viện mở rộng khoa cấp cứu\n\n\
         Bệnh viện tỉnh vừa đưa vào hoạt động khu cấp cứu mới với ba mươi giường bệnh, \
         giảm thời gian chờ của người bệnh trong những tháng cao điểm.\n\n\
         Ảnh: TTXVN/Vietnam+\n\n\
         Các bác sĩ cho biết khu mới có phòng hồi sức riêng và máy chụp cắt lớp hiện đại.\n",
    );
    env.write(
        "in/about.txt",
        "Kinh tế tăng trưởng\n\n\
         Năm nay kinh tế Vietnam tăng trưởng nhanh nhờ xuất khẩu điện tử, nông sản và dịch vụ \
         du lịch, trong khi lạm phát được giữ ở mức thấp và đầu tư nước ngoài tiếp tục tăng \
         tại nhiều tỉnh thành phía bắc và phía nam của đất nước.\n",
    );
    let r = env.run(&["index", "--quiet", "--index", "idx", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = env.json(&["--index", "idx", "--passages", "Vietnam"]);
    assert_eq!(articles(&v), ["in/about.txt", "in/credit.txt"]);
    // The credit is a passage of its own, marked as an aside; the prose
    // around it is not.
    assert_eq!(v["hits"][1]["text"], "Ảnh: TTXVN/Vietnam+");
    assert_eq!(v["hits"][1]["aside"], true);
    assert_eq!(v["hits"][0]["aside"], false);
    let r = env.run(&["--index", "idx", "--passages", "--explain", "Vietnam"]);
    let scores: Vec<&str> = (r.stdout.lines())
        .filter_map(|l| l.trim().strip_prefix("score: "))
        .collect();
    assert_eq!(scores.len(), 2, "{}", r.stdout);
    assert!(
        scores[1].contains(", a caption or credit line, weighed 0.25 in its tier; as prose "),
        "{scores:?}"
    );
    assert!(!scores[0].contains("caption"), "{scores:?}");
}

#[test]
fn one_article_filed_twice_is_one_hit_naming_its_copies() {
    let env = indexed_from(
        r#"{"id":"id-a","lang":"id","title":"Banjir di Jakarta","text":"Banjir besar melanda Jakarta Utara setelah hujan deras semalaman."}
{"id":"id-b","lang":"id","title":"Jakarta banjir","text":"Banjir  besar melanda Jakarta Utara\nsetelah hujan deras semalaman."}
{"id":"id-c","lang":"id","title":"Banjir lagi","text":"Banjir besar melanda Jakarta Selatan setelah hujan deras semalaman."}
"#,
    );
    let v = env.json(&["--index", "idx", "--per-article", "1", "banjir jakarta"]);
    // id-b is id-a's text with other white space and line breaks: one
    // hit, the better ranked, naming the other.
    let found = articles(&v);
    assert_eq!(found.len(), 2, "{v}");
    assert_eq!(found[1], "id-c");
    let mut one = vec![found[0].clone()];
    one.extend(
        v["hits"][0]["also_filed_as"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap().to_string()),
    );
    one.sort();
    assert_eq!(one, ["id-a", "id-b"]);
    assert_eq!(v["hits"][1]["also_filed_as"], serde_json::json!([]));
    let r = env.run(&["--index", "idx", "banjir jakarta"]);
    let copy = if found[0] == "id-a" { "id-b" } else { "id-a" };
    assert!(
        r.stdout.contains(&format!("also filed as: {copy}\n")),
        "{}",
        r.stdout
    );
    // Listing passages shows each copy, as filed.
    let v = env.json(&["--index", "idx", "--passages", "banjir jakarta"]);
    let mut all = articles(&v);
    all.sort();
    assert_eq!(all, ["id-a", "id-b", "id-c"]);
}

#[test]
fn a_stated_title_is_searched_with_its_article() {
    let env = indexed_from(
        r#"{"id":"vi-143","lang":"vi","title":"Điều 143. Thời hiệu khởi kiện","text":"Người khởi kiện có quyền nộp đơn trong thời hạn một năm kể từ ngày nhận được quyết định hành chính."}
{"id":"vi-other","lang":"vi","title":"Điều 12. Quyền nộp đơn","text":"Người khởi kiện nộp đơn tại tòa án nơi cơ quan ra quyết định có trụ sở, theo thời hiệu luật định."}
"#,
    );
    // The title holds `143` and `khởi kiện`; only the other article's
    // text says `thời hiệu`.
    let v = env.json(&["--index", "idx", "Điều 143 thời hiệu khởi kiện"]);
    assert_eq!(articles(&v), ["vi-143", "vi-other"]);
    assert_eq!(v["total_hits"], 1);
    assert_eq!(v["hits"][0]["passage"], 0);
    // A title the text already says is not counted twice.
    let v = env.json(&["--index", "idx", "Quyền nộp đơn"]);
    assert_eq!(articles(&v)[0], "vi-other");
}

#[test]
fn a_name_alone_earns_every_bonus_and_a_short_word_is_not_joined() {
    let env = indexed_from(
        r#"{"id":"vi-thanh","lang":"vi","text":"Tòa án xét xử bị cáo Trịnh Xuân Thanh trong vụ án tham nhũng."}
{"id":"de-thanh","lang":"de","text":"Das Gericht verurteilte Trinh Xuan Thanh wegen Korruption."}
{"id":"vi-boy","lang":"vi","text":"Bộ Y tế ban hành hướng dẫn mới về phòng chống dịch bệnh."}
"#,
    );
    let r = env.run(&["--index", "idx", "--explain", "Trịnh Xuân Thanh"]);
    let scores: Vec<&str> = (r.stdout.lines())
        .filter_map(|l| l.trim().strip_prefix("score: "))
        .collect();
    assert_eq!(scores.len(), 2, "{}", r.stdout);
    for s in &scores {
        assert!(
            s.contains(" = all words 1000 + side by side 500 + in one run 100 + BM25 "),
            "{s}"
        );
    }
    // `Bộ Y` is two words, not the joined name `boy`.
    let v = env.json(&["--index", "idx", "Bộ Y"]);
    assert_eq!(articles(&v), ["vi-boy"]);
    assert_eq!(v["notes"], Value::Null, "{v}");
}

#[test]
fn words_across_two_passages_of_one_article_rank_it_above_passages_holding_some() {
    let env = indexed_from(
        r#"{"id":"vi-partial","lang":"vi","text":"Bị cáo Trịnh Xuân Thanh ra tòa sáng nay tại Hà Nội."}
{"id":"vi-spread","lang":"vi","text":"Tòa án xét xử bị cáo Trịnh Xuân Thanh trong phiên sơ thẩm kéo dài nhiều ngày tại thủ đô, với hàng chục luật sư và nhân chứng được triệu tập.\n\nCơ quan điều tra cho biết vụ án tham nhũng đã gây thiệt hại hàng nghìn tỷ đồng cho nhà nước và nhiều doanh nghiệp trong ngành dầu khí."}
{"id":"vi-full","lang":"vi","text":"Trịnh Xuân Thanh bị truy tố về tội tham nhũng."}
"#,
    );
    let query = "Trịnh Xuân Thanh tham nhũng";
    let v = env.json(&["--index", "idx", "--per-article", "1", query]);
    assert_eq!(articles(&v), ["vi-full", "vi-spread", "vi-partial"]);
    let across: Vec<bool> = (v["hits"].as_array().unwrap().iter())
        .map(|h| h["across_passages"].as_bool().unwrap())
        .collect();
    assert_eq!(across, [false, true, false]);
    // The snippet is still the best passage, and the explanation says why.
    assert_eq!(v["hits"][1]["passage"], 0);
    let r = env.run(&["--index", "idx", "--explain", query]);
    let scores: Vec<&str> = (r.stdout.lines())
        .filter_map(|l| l.trim().strip_prefix("score: "))
        .collect();
    assert!(
        scores[1].contains(" = all words across the article 150 + side by side 250 + BM25 "),
        "{scores:?}"
    );
}

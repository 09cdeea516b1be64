//! The other formats people collect, each written by a real library in
//! the test: e-books (epub-builder), mail and mailboxes (mail-builder),
//! workbooks (rust_xlsxwriter for Excel, spreadsheet-ods for
//! OpenDocument), CSV, and Rich Text as WordPad writes it.

use serde_json::Value;

use crate::util::TestEnv;

fn show(env: &TestEnv, id: &str) -> Value {
    let r = env.run(&["show", id, "--json"]);
    assert_eq!(r.code, 0, "{id}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON")
}

fn texts(a: &Value) -> Vec<String> {
    let passages = a["passages"].as_array().expect("passages");
    assert!(!passages.is_empty(), "{a}");
    passages
        .iter()
        .map(|p| p["text"].as_str().expect("text").to_string())
        .collect()
}

/// The ids of the articles a search finds, in rank order.
fn found(env: &TestEnv, query: &str) -> Vec<String> {
    let hits = env.json(&[query])["hits"].clone();
    let hits = hits.as_array().expect("hits");
    hits.iter()
        .map(|h| h["article"].as_str().expect("article").to_string())
        .collect()
}

fn epub() -> Vec<u8> {
    use epub_builder::{EpubBuilder, EpubContent, ZipLibrary};
    let chapter = |title: &str, body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\
             <head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"
        )
    };
    let one = chapter(
        "Chương 1",
        "Nghị quyết 72 về bảo vệ và chăm sóc sức khỏe nhân dân được Bộ Chính trị ban hành.",
    );
    let two = chapter(
        "Chương 2",
        "Miễn viện phí cho người dân từ năm 2030 là mục tiêu của chính sách mới.",
    );
    let mut builder = EpubBuilder::new(ZipLibrary::new().unwrap()).unwrap();
    builder
        .metadata("title", "Sổ tay chính sách y tế")
        .unwrap()
        .metadata("lang", "vi")
        .unwrap()
        .add_content(EpubContent::new("ch1.xhtml", one.as_bytes()).title("Chương 1"))
        .unwrap()
        .add_content(EpubContent::new("ch2.xhtml", two.as_bytes()).title("Chương 2"))
        .unwrap();
    let mut out = Vec::new();
    builder.generate(&mut out).unwrap();
    out
}

#[test]
fn an_epub_gives_its_chapters_in_reading_order_with_its_title_and_language() {
    let env = TestEnv::empty();
    env.write("books/so-tay.epub", epub());
    let r = env.run(&["index", "--quiet", "books"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = show(&env, "books/so-tay.epub");
    assert_eq!(a["title"], "Sổ tay chính sách y tế");
    assert_eq!(a["lang"], "vi");
    let text = texts(&a).join("\n");
    let first = text.find("Nghị quyết 72 về bảo vệ").expect("chapter 1");
    let second = text.find("Miễn viện phí cho người dân").expect("chapter 2");
    assert!(first < second, "{text}");
    // The table of contents the builder adds is not a chapter.
    assert!(!text.contains("Table of Contents"), "{text}");
    assert_eq!(found(&env, "mien vien phi"), ["books/so-tay.epub"]);
}

#[test]
fn rich_text_as_wordpad_writes_it_keeps_its_marks_and_title() {
    let env = TestEnv::empty();
    env.write(
        "docs/thu.rtf",
        &b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil Calibri;}}\
{\\info{\\title Bericht aus K\\'f6ln}}\r\n\\viewkind4\\uc1\\pard\\f0\\fs22 \
Der Stadtrat von K\\'f6ln hat den Haushalt f\\'fcr 2025 beschlossen. Die Ausgaben \
f\\'fcr Stra\\'dfen steigen.\\par\r\n\\pard Ngh\\u7883? quy\\u7871?t 72\\par\r\n}"[..],
    );
    let r = env.run(&["index", "--quiet", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = show(&env, "docs/thu.rtf");
    assert_eq!(a["title"], "Bericht aus Köln");
    assert_eq!(
        texts(&a),
        ["Der Stadtrat von Köln hat den Haushalt für 2025 beschlossen. Die Ausgaben für Straßen steigen.\nNghị quyết 72"]
    );
    assert_eq!(found(&env, "Strassen"), ["docs/thu.rtf"]);
}

/// A mail from a named sender with a CSV and a picture attached.
fn mail(subject: &str, body: &str, day: i64) -> Vec<u8> {
    mail_builder::MessageBuilder::new()
        .from(("Nguyễn Văn An", "an@example.vn"))
        .to("toa-soan@example.vn")
        .subject(subject)
        .date(1_741_046_400 + day * 86_400)
        .text_body(body)
        .attachment(
            "text/csv",
            "ngan-sach.csv",
            "Tỉnh,Chi tiêu y tế\nHà Giang,1.500 tỷ\nCà Mau,820 tỷ\n",
        )
        .attachment("image/png", "logo.png", &b"\x89PNG\r\n\x1a\n"[..])
        .write_to_vec()
        .unwrap()
}

#[test]
fn a_mail_is_an_article_and_each_attachment_read_is_one_too() {
    let env = TestEnv::empty();
    let body = "Gửi tòa soạn bảng chi tiêu y tế của các tỉnh năm 2025, theo Nghị quyết 72.";
    env.write("mail/chi-tieu.eml", mail("Chi tiêu y tế 2025", body, 0));
    let r = env.run(&["index", "--quiet", "--verbose", "mail"]);
    assert_eq!(r.code, 0, "a picture attached is no loss: {}", r.stderr);
    assert!(
        r.stderr
            .contains("attachment logo.png: not a format vsearch reads"),
        "{}",
        r.stderr
    );
    let a = show(&env, "mail/chi-tieu.eml");
    assert_eq!(a["title"], "Chi tiêu y tế 2025");
    assert_eq!(a["date"], "2025-03-04");
    assert_eq!(
        texts(&a),
        [format!("From: Nguyễn Văn An <an@example.vn>\n{body}")]
    );
    let csv = show(&env, "mail/chi-tieu.eml/ngan-sach.csv");
    assert_eq!(csv["title"], "ngan-sach.csv");
    assert_eq!(csv["date"], "2025-03-04");
    assert_eq!(
        texts(&csv),
        ["Tỉnh · Chi tiêu y tế | Hà Giang · 1.500 tỷ | Cà Mau · 820 tỷ"]
    );
    assert_eq!(found(&env, "Ha Giang"), ["mail/chi-tieu.eml/ngan-sach.csv"]);
    assert_eq!(found(&env, "Nguyen Van An"), ["mail/chi-tieu.eml"]);
}

#[test]
fn a_mailbox_gives_one_article_per_message_and_updates_by_message() {
    let env = TestEnv::empty();
    let message = |subject: &str, body: &str, day: i64| {
        let mut m = b"From an@example.vn Tue Mar  4 00:00:00 2025\n".to_vec();
        m.extend(mail(subject, body, day));
        m.extend(b"\n");
        m
    };
    let first = message("Họp báo", "Bộ Y tế họp báo về Nghị quyết 72.", 0);
    let second = message("Lịch trực", "Phóng viên trực ban ngày thứ bảy.", 1);
    env.write("mail/hop-thu.mbox", [first.clone(), second].concat());
    let r = env.run(&["index", "--quiet", "mail"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(show(&env, "mail/hop-thu.mbox#1")["title"], "Họp báo");
    assert_eq!(show(&env, "mail/hop-thu.mbox#2")["date"], "2025-03-05");
    assert_eq!(found(&env, "truc ban"), ["mail/hop-thu.mbox#2"]);
    // The second message leaves the box: its article goes, the rest stays.
    env.write("mail/hop-thu.mbox", first);
    let r = env.run(&["index", "--quiet", "mail"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(found(&env, "truc ban"), Vec::<String>::new());
    assert_eq!(found(&env, "hop bao"), ["mail/hop-thu.mbox#1"]);
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ngân sách").unwrap();
    sheet.write_string(0, 0, "Tỉnh").unwrap();
    sheet.write_string(0, 1, "Chi tiêu").unwrap();
    for (row, (name, amount)) in [("Hà Giang", 1500.0), ("Cà Mau", 820.5)].iter().enumerate() {
        sheet.write_string(row as u32 + 1, 0, *name).unwrap();
        sheet.write_number(row as u32 + 1, 1, *amount).unwrap();
    }
    book.add_worksheet().set_name("Trống").unwrap();
    book.save_to_buffer().unwrap()
}

fn ods() -> Vec<u8> {
    let mut book = spreadsheet_ods::WorkBook::new_empty();
    let mut sheet = spreadsheet_ods::Sheet::new("Haushalt");
    sheet.set_value(0, 0, "Land");
    sheet.set_value(0, 1, "Ausgaben");
    sheet.set_value(1, 0, "Nordrhein-Westfalen");
    sheet.set_value(1, 1, 1500);
    book.push_sheet(sheet);
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).unwrap()
}

#[test]
fn workbooks_give_their_sheets_by_name_row_by_row() {
    let env = TestEnv::empty();
    env.write("tables/ngan-sach.xlsx", xlsx());
    env.write("tables/haushalt.ods", ods());
    let r = env.run(&["index", "--quiet", "tables"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let x = show(&env, "tables/ngan-sach.xlsx");
    assert_eq!(
        texts(&x),
        ["Ngân sách\nTỉnh · Chi tiêu | Hà Giang · 1500 | Cà Mau · 820.5"]
    );
    let o = show(&env, "tables/haushalt.ods");
    assert_eq!(
        texts(&o),
        ["Haushalt\nLand · Ausgaben | Nordrhein-Westfalen · 1500"]
    );
    assert_eq!(found(&env, "Ha Giang"), ["tables/ngan-sach.xlsx"]);
    assert_eq!(found(&env, "Nordrhein-Westfalen"), ["tables/haushalt.ods"]);
}

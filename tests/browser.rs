//! The report and the diff page in a real browser: headless Chromium renders each at 1280 and
//! at 390 px width. The sheet headings and their themes are in the DOM, nothing overflows the
//! page at either width, every `#` link names an element, and the report's filter box hides
//! the measures that do not match. Without Chromium on PATH the test says so and passes.
//!
//! The product HTML is left as written: the test renders a copy with a probe script appended,
//! which writes its measurements into `<pre id="probe">`, and reads them from the dumped DOM.

mod common;

use regex::Regex;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browsers tried, in order.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one browser run may take before the test fails.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(45);

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Appended to a copy of the page: measures before anything changes, then tries the filter.
const PROBE: &str = r##"<script>
(function () {
  var r = {}, de = document.documentElement;
  r.innerWidth = window.innerWidth;
  r.scrollWidth = de.scrollWidth;
  r.overflow = de.scrollWidth > window.innerWidth;
  r.wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var b = e.getBoundingClientRect();
    if (b.right > window.innerWidth + 1 && !e.closest(".scroll") && r.wide.length < 10)
      r.wide.push(e.tagName.toLowerCase() + "." + e.className + " " + Math.round(b.right));
  });
  var links = document.querySelectorAll('a[href^="#"]');
  r.links = links.length;
  r.missing = [];
  links.forEach(function (a) {
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (!document.getElementById(id)) r.missing.push(id);
  });
  r.headings = [].map.call(document.querySelectorAll(".sheet-title"), function (h) {
    return h.textContent;
  });
  var f = document.getElementById("filter");
  if (f) {
    var all = document.querySelectorAll(".measure").length, shown = function () {
      return document.querySelectorAll(".measure:not([hidden])").length;
    };
    f.elements.q.value = "官民協議会";
    f.dispatchEvent(new Event("input"));
    var text = shown();
    f.elements.q.value = "";
    f.elements.ministry.value = "MEXT";
    f.dispatchEvent(new Event("input"));
    var mext = shown();
    f.elements.ministry.value = "";
    f.dispatchEvent(new Event("input"));
    r.filter = { all: all, text: text, mext: mext, reset: shown() };
  }
  parent.postMessage(JSON.stringify(r), "*");
})();
</script>"##;

/// Runs the browser with `args`, standard output to `out`; fails the test past the timeout.
fn run_browser(browser: &Path, args: &[String], out: &Path) {
    let file = std::fs::File::create(out).unwrap();
    let mut child = Command::new(browser)
        .args(args)
        .stdout(Stdio::from(file))
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{} {args:?}: {status}", browser.display());
            return;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} {args:?} took more than {BROWSER_TIMEOUT:?}",
                browser.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The page that holds the probed copy in a frame `{width}` px wide and keeps what the probe
/// posts in `<pre id="probe">`. A frame, because headless Chromium lays a page out at least
/// 500 px wide whatever `--window-size` says (only a screenshot is taken at the size asked
/// for), while a frame's layout viewport is the frame: its media queries and `innerWidth`
/// are a 390 px phone's.
fn frame(copy: &str, width: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<pre id="probe"></pre>
<script>window.addEventListener("message", function (e) {{
  document.getElementById("probe").textContent = e.data; }});</script>
<iframe src="{copy}" style="width:{width}px;height:900px;border:0;display:block"></iframe>
</body></html>"#
    )
}

/// The probe's measurements of `page` rendered `width` px wide.
fn probe(browser: &Path, dir: &Path, page: &Path, width: u32) -> serde_json::Value {
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("</body>"), "{}", page.display());
    let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = format!("{stem}-probe-{width}.html");
    std::fs::write(
        dir.join(&copy),
        html.replacen("</body>", &format!("{PROBE}</body>"), 1),
    )
    .unwrap();
    let outer = dir.join(format!("{stem}-frame-{width}.html"));
    std::fs::write(&outer, frame(&copy, width)).unwrap();
    let profile = dir.join(format!("profile-{stem}-{width}"));
    let dom = dir.join(format!("{stem}-{width}.dom.html"));
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--no-first-run".to_string(),
        "--hide-scrollbars".to_string(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},900"),
        "--virtual-time-budget=2000".to_string(),
        "--dump-dom".to_string(),
        format!("file://{}", outer.display()),
    ];
    run_browser(browser, &args, &dom);
    let dumped = std::fs::read_to_string(&dom).unwrap();
    let re = Regex::new(r#"(?s)<pre id="probe"[^>]*>(.*?)</pre>"#).unwrap();
    let text = re
        .captures(&dumped)
        .unwrap_or_else(|| panic!("no probe in the DOM of {stem} at {width} px"))[1]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("probe of {stem}: {e}: {text}"))
}

fn check_page(v: &serde_json::Value, name: &str, width: u32) {
    assert_eq!(
        v["innerWidth"], width,
        "{name}: the window is {width} px wide"
    );
    assert_eq!(
        v["overflow"], false,
        "{name} at {width} px overflows the page: scrollWidth {}, elements past the edge: {}",
        v["scrollWidth"], v["wide"]
    );
    assert!(v["links"].as_u64().unwrap() > 10, "{name}: {}", v["links"]);
    assert_eq!(
        v["missing"].as_array().unwrap().len(),
        0,
        "{name}: # links without a target: {}",
        v["missing"]
    );
}

#[test]
fn the_report_and_the_diff_page_render_in_chromium_at_1280_and_390_px() {
    let Some(browser) = BROWSERS.iter().find_map(|b| on_path(b)) else {
        // Straight to the standard error, past the test harness's capture, so that a CI log
        // says the browser checks did not run.
        let _ = writeln!(std::io::stderr(), "skipped: no Chromium on PATH");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdfs: Vec<String> = common::editions()
        .iter()
        .map(|e| common::pdf_path(e).to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["report"];
    args.extend(pdfs.iter().map(String::as_str));
    args.extend(["-o", "report.html"]);
    let o = common::run(&args, d);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let (old, new) = (common::pdf_path("2024-12"), common::pdf_path("2025-06"));
    let o = common::run(
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "-f",
            "html",
            "-o",
            "diff.html",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));

    // The written report links the source PDF's pages and loads nothing.
    let report = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(report.contains("<html lang=\"ja\">"));
    assert!(
        report.contains("2025-06/followup.pdf#page=2\""),
        "links to the PDF pages"
    );
    for page in [
        &report,
        &std::fs::read_to_string(d.join("diff.html")).unwrap(),
    ] {
        assert!(!page.contains("http://") && !page.contains("https://") && !page.contains(" src="));
    }

    let theme =
        "官民協議会を中心とした海外の実用化ノウハウを有する人材や資金の積極的な呼び込み・活用等";
    for width in [1280, 390] {
        let v = probe(browser.as_path(), d, &d.join("report.html"), width);
        check_page(&v, "report", width);
        let headings: Vec<&str> = v["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        for n in ["①", "⑥", "⑫"] {
            let heading = format!("各施策のスケジュール・工程表{n}");
            assert!(
                headings.iter().any(|h| h.contains(&heading)),
                "{heading} is a sheet title: {headings:?}"
            );
        }
        assert!(
            headings
                .iter()
                .any(|h| h.contains("各施策のスケジュール・工程表①") && h.contains(theme)),
            "sheet ① stands under its theme: {headings:?}"
        );
        // Three editions of 12 sheets, and the timeline's 12.
        assert_eq!(headings.len(), 48, "{headings:?}");
        let f = &v["filter"];
        let all = f["all"].as_u64().unwrap();
        assert!(all > 50, "{f}");
        for key in ["text", "mext"] {
            let n = f[key].as_u64().unwrap();
            assert!(
                n > 0 && n < all,
                "the filter by {key} keeps some measures: {f}"
            );
        }
        assert_eq!(f["reset"].as_u64(), Some(all), "{f}");

        let v = probe(browser.as_path(), d, &d.join("diff.html"), width);
        check_page(&v, "diff page", width);
        let headings = v["headings"].to_string();
        assert!(
            headings.contains("各施策のスケジュール・工程表①")
                && headings.contains("各施策のスケジュール・工程表②"),
            "{headings}"
        );
    }
}

/// Every `id` of a page, and every `#` link that names none (the static half of the browser
/// checks, which runs without a browser too).
fn dangling_links(html: &str) -> (usize, Vec<String>) {
    let ids: Vec<&str> = Regex::new(r#" id="([^"]+)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "element ids are unique");
    let missing = Regex::new(r##"href="#([^"]*)""##)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .filter(|t| !unique.contains(t.as_str()))
        .collect();
    (ids.len(), missing)
}

#[test]
fn the_report_holds_every_edition_and_its_links_resolve_without_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A dump, an edition JSON written by extract (read from a PDF), and a PDF.
    let json_src = common::pdf_path("2025-06");
    let o = common::run(
        &["extract", json_src.to_str().unwrap(), "-o", "out", "-q"],
        d,
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let (dump, pdf) = (common::dump_path("2024-12"), common::pdf_path("2025-12"));
    std::fs::create_dir(d.join("site")).unwrap();
    let o = common::run(
        &[
            "report",
            pdf.to_str().unwrap(),
            "out/2025-06.json",
            dump.to_str().unwrap(),
            "-o",
            "site/report.html",
        ],
        d,
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let html = std::fs::read_to_string(d.join("site/report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"ja\">"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
    let (ids, missing) = dangling_links(&html);
    assert!(
        ids > 100 && missing.is_empty(),
        "{ids} ids; missing {missing:?}"
    );
    // Editions in as-of order, whatever the order of the inputs.
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("id=\"e-2024-12\"") < pos("id=\"e-2025-06\""));
    assert!(pos("id=\"e-2025-06\"") < pos("id=\"e-2025-12\""));
    // A PDF read here is linked from the report's folder; one named in edition JSON by its
    // file name; a dump has lines, not pages.
    assert!(html.contains("href=\"../"), "relative link to the PDF");
    assert!(html.contains("2025-12/followup.pdf#page=2\""));
    assert!(html.contains("href=\"followup.pdf#page=2\""));
    assert!(html.contains(">line "), "dump lines");
    // Sheets under their themes; the schedule as bars; the timeline keyed by lineage.
    assert!(html.contains("各施策のスケジュール・工程表⑫"));
    assert!(html.contains("<span class=\"theme\">国際水準の臨床試験実施体制</span>"));
    assert!(html.contains("class=\"bar\""));
    assert!(html.contains("id=\"t-s1-m-a0e2741ce7d6\""));
    assert!(html.contains("<del>") && html.contains("<ins>"));

    // A bad input writes nothing.
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    let o = common::run(&["report", "empty.txt", "-o", "bad.html"], d);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(!d.join("bad.html").exists());
}

#[test]
fn the_diff_page_shows_sheet_themes_when_given_the_editions() {
    let (a, b) = (
        common::convert_dump("2024-12"),
        common::convert_dump("2025-06"),
    );
    let d = kouteihyo::diff::diff(&a, &b);
    let plain = kouteihyo::diff::render::html(&d);
    let themed = kouteihyo::report::diff_html(&d, &a, &b);
    for page in [&plain, &themed] {
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"ja\">"));
        assert!(page.contains("各施策のスケジュール・工程表②"));
        assert!(dangling_links(page).1.is_empty());
    }
    let theme = "<span class=\"theme\">国際水準の臨床試験実施体制</span>";
    assert!(!plain.contains(theme) && themed.contains(theme));
}

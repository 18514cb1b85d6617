//! Whether each font's text can be trusted: a statistical check, per font and file, of the
//! Unicode its glyphs map to; recovery from the embedded font's own tables where the map is
//! wrong or missing; and the error where the text stays unreadable.
//!
//! # Why
//!
//! A PDF's text layer is only as good as its ToUnicode maps, and print chains break them: a
//! re-distill that rebuilds ToUnicode wrongly (katakana read as Latin-1: `各施策の¹±¸åーë`),
//! an identity map over subset codes (`./01234*56`), or no map at all. The interpreter then
//! hands out junk and nothing says so. hayro-interpret 0.9's `Glyph::as_unicode` tries, for
//! simple fonts, ToUnicode and then the glyph name from the PDF encoding (AGL, `uniXXXX`); for
//! CID fonts, ToUnicode only, and for a *non-embedded* CID font without ToUnicode the
//! character collection's UCS2 map. It never looks at the embedded font's `cmap` table, its
//! `post` or CFF glyph names, or the Adobe-Japan1 CIDs of an embedded CID font, and it never
//! doubts a ToUnicode entry that exists.
//!
//! # What is checked (each font of a file once, over the codes it draws)
//!
//! - **identity on subset codes**: nearly every code maps to the code point of the same number
//!   (or to that code read as WinAnsi), and the font draws codes below 0x20, which no text
//!   encoding gives a glyph: the codes are a subsetter's numbers, not text;
//! - **no map**: half or more of the codes have no Unicode;
//! - **control characters**: several codes map to C0/C1 control characters;
//! - **Latin-1 letters among Japanese**: the same font maps several codes to kana or kanji
//!   and several others to Latin-1 letters and signs (U+00A1–U+00FF) that Japanese text does
//!   not use (the JIS X 0208 signs `§ ¨ ° ± ´ ¶ × ÷ ¢ £ ¬` are allowed).
//!
//! A font with fewer codes than a sign needs is not judged by it. Only fonts with an embedded
//! program are judged (the others are read through predefined CMaps or a substitute), and
//! under a UCS-2 or UTF CMap, where the code *is* the Unicode, the identity sign is not used.
//!
//! # Recovery, in this order (embedded fonts only, as pdf.js and MuPDF do)
//!
//! 1. the font's Unicode `cmap` subtable (3,10), (3,1) or (0,x), inverted: glyph → code point
//!    (a glyph reached from several code points prefers a unified ideograph over a Kangxi or
//!    compatibility one). Symbol (3,0) and Mac (1,0) subtables are not used: in the subsets
//!    LibreOffice and ghostscript write they map the PDF's own codes to glyphs, so inverting
//!    them gives the codes back, not text;
//! 2. glyph names from the `post` table or a CFF charset (AGL, `uniXXXX`, `uXXXX`; `gXXX`,
//!    `glyphNNN` and other made-up names give nothing);
//! 3. Adobe-Japan1 CIDs → Unicode (Adobe-Japan1-UCS2): a CID-keyed CFF font whose ROS is
//!    Adobe-Japan1 (CID from its charset), or a CIDFontType2 whose `CIDSystemInfo` says
//!    Adobe-Japan1 under an Identity encoding (CID = code).
//!
//! A source is taken when it covers at least [`COVERAGE`] of the font's distinct glyphs and
//! its text passes the same checks. Then the pages are read again with that text, and a
//! `text-recovered` warning names the font, its pages, the number of glyphs and the source.
//! Otherwise the file fails with [`PdfError::TextLayerUnreadable`]: never exit 0 with junk.
//!
//! The work is bounded: one map entry per distinct code of a font (at most
//! [`MAX_CODES_PER_FONT`]), the checks are linear in the distinct codes, and a font's tables
//! are read once per file, only when it failed a check.

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_cmap::{self, BfString, CMap, CMapName};
use hayro_syntax::object::{Array, Dict, Name, Stream};
use hayro_syntax::Pdf;
use skrifa::raw::{FontData, FontRead, TableProvider};
use skrifa::{FontRef, GlyphId, GlyphNameSource, GlyphNames, MetadataProvider};

use crate::error::PdfError;
use crate::model::{Warning, WarningCode};

/// Share of a font's distinct glyphs a recovery source must cover.
pub const COVERAGE: f64 = 0.9;
/// Distinct codes recorded per font; a font drawing more is judged by the first ones.
pub const MAX_CODES_PER_FONT: usize = 65_536;
/// Fewest distinct codes for the identity sign.
const MIN_IDENTITY_CODES: usize = 8;
/// Share of codes mapped to their own number for the identity sign.
const IDENTITY_SHARE: f64 = 0.9;
/// Fewest distinct unmapped codes, and their share, for the "no map" sign (fewer stay an
/// `unmapped-glyphs` warning).
const MIN_UNMAPPED_CODES: usize = 8;
const UNMAPPED_SHARE: f64 = 0.5;
/// Fewest distinct codes mapped to control characters for that sign.
const MIN_CONTROL_CODES: usize = 3;
/// Fewest Japanese and Latin-1 codes in one font for the Latin-1 sign.
const MIN_JAPANESE_CODES: usize = 3;
const MIN_LATIN1_CODES: usize = 3;
/// Characters shown as a sample in messages.
const SAMPLE: usize = 8;

/// A font of one file, as the interpreter identifies it (the hash of its program).
type FontKey = u128;
/// Text per glyph id of one font.
type GlyphText = HashMap<u32, String>;

/// Text to use instead of the map's, per font and glyph id (the second pass).
#[derive(Debug, Default)]
pub struct Recovery {
    fonts: HashMap<FontKey, HashMap<u32, String>>,
}

/// One code of a font as drawn: its glyph, the Unicode the interpreter gave, how often.
#[derive(Debug, Clone)]
struct Code {
    gid: u32,
    text: Option<CompactString>,
    count: usize,
}

/// What was seen of one font.
#[derive(Default)]
struct Seen {
    name: String,
    data: Option<hayro_interpret::font::FontData>,
    codes: FxHashMap<u32, Code>,
    pages: BTreeSet<usize>,
}

/// The device side: what one page's glyphs map to, per font. The collector calls
/// [`PageFonts::start_run`] once per text run and [`PageFonts::unicode`] per glyph.
#[derive(Default)]
pub struct PageFonts {
    recovery: Option<Arc<Recovery>>,
    fonts: FxHashMap<FontKey, Seen>,
    current: Option<FontKey>,
}

impl PageFonts {
    /// A page reader that uses `recovery` (the second pass) where it has text.
    pub fn with(recovery: Option<Arc<Recovery>>) -> Self {
        PageFonts {
            recovery,
            ..PageFonts::default()
        }
    }

    /// A text run begins; all its glyphs are in the font of `first`. Returns the font's
    /// PostScript name ("" when unknown: Type 1, Type 3 and standard fonts).
    pub fn start_run(&mut self, first: Option<&HayroGlyph<'_>>) -> &str {
        self.current = None;
        let Some(HayroGlyph::Outline(o)) = first else {
            return "";
        };
        // The key is cheap; the font's data and name are read once per page.
        let key = o.font_key();
        let seen = match self.fonts.entry(key) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let Some(d) = o.font_data() else { return "" };
                e.insert(Seen {
                    name: d.postscript_name.unwrap_or_default(),
                    data: Some(d.data),
                    ..Seen::default()
                })
            }
        };
        self.current = Some(key);
        &seen.name
    }

    /// The Unicode text of one glyph of the current run (recovered text in the second pass),
    /// recorded for the check. `None` when the glyph has none.
    pub fn unicode(&mut self, glyph: &HayroGlyph<'_>) -> Option<CompactString> {
        let mapped = || glyph.as_unicode().map(bf_text);
        let (Some(key), HayroGlyph::Outline(o)) = (self.current, glyph) else {
            return mapped();
        };
        let gid = o.glyph_id().to_u32();
        // A code of a font seen before on the page has the text it had then: a font maps
        // each code to one glyph and one text, so the font's map is asked once per code.
        let mapped = match self.fonts.get_mut(&key) {
            Some(seen) => {
                let n = seen.codes.len();
                match seen.codes.get_mut(&o.char_code()) {
                    Some(c) => {
                        c.count += 1;
                        c.text.clone()
                    }
                    None if n < MAX_CODES_PER_FONT => {
                        let text = mapped();
                        seen.codes.insert(
                            o.char_code(),
                            Code {
                                gid,
                                text: text.clone(),
                                count: 1,
                            },
                        );
                        text
                    }
                    None => mapped(),
                }
            }
            None => mapped(),
        };
        match self.recovery.as_ref().and_then(|r| r.fonts.get(&key)) {
            Some(font) => font.get(&gid).map(|t| CompactString::from(t.as_str())),
            None => mapped,
        }
    }
}

/// The file side: the fonts of all pages read so far.
#[derive(Default)]
pub struct FileFonts {
    recovery: Option<Arc<Recovery>>,
    fonts: Mutex<HashMap<FontKey, Seen>>,
}

impl FileFonts {
    /// For the second pass, with the recovered text.
    pub fn with(recovery: Option<Arc<Recovery>>) -> Self {
        FileFonts {
            recovery,
            fonts: Mutex::default(),
        }
    }

    /// A new page's device side.
    pub fn page(&self) -> PageFonts {
        PageFonts::with(self.recovery.clone())
    }

    /// Adds what page `number` saw.
    pub fn merge(&self, number: usize, page: PageFonts) {
        let Ok(mut fonts) = self.fonts.lock() else {
            return;
        };
        for (key, seen) in page.fonts {
            if seen.codes.is_empty() {
                continue;
            }
            let file = fonts.entry(key).or_insert_with(|| Seen {
                name: seen.name.clone(),
                data: seen.data.clone(),
                ..Seen::default()
            });
            file.pages.insert(number);
            for (code, c) in seen.codes {
                let n = file.codes.len();
                match file.codes.get_mut(&code) {
                    Some(f) => f.count += c.count,
                    None if n < MAX_CODES_PER_FONT => {
                        file.codes.insert(code, c);
                    }
                    None => {}
                }
            }
        }
    }
}

/// Where recovered text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The embedded font's Unicode `cmap` subtable, inverted.
    Cmap,
    /// Glyph names of the `post` table or the CFF charset.
    GlyphNames,
    /// Adobe-Japan1 CIDs through Adobe-Japan1-UCS2.
    AdobeJapan1,
}

impl Source {
    fn describe(self) -> &'static str {
        match self {
            Source::Cmap => "the embedded font's TrueType cmap table",
            Source::GlyphNames => "the embedded font's glyph names (post table / CFF charset)",
            Source::AdobeJapan1 => "the font's Adobe-Japan1 CIDs (Adobe-Japan1-UCS2)",
        }
    }
}

/// A font whose text was recovered.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The font's name (`BaseFont`, with its subset prefix where the file has one).
    pub font: String,
    /// Pages that use it.
    pub pages: Vec<usize>,
    /// Glyphs drawn with it, and how many distinct ones.
    pub glyphs: usize,
    /// Distinct glyphs.
    pub distinct: usize,
    /// What was wrong with its map.
    pub reason: String,
    /// Where the text came from.
    pub source: Source,
}

impl Recovered {
    /// The `text-recovered` warning.
    pub fn warning(&self) -> Warning {
        let first = self.pages.first().copied().unwrap_or(1);
        Warning::new(
            WarningCode::TextRecovered,
            None,
            None,
            format!(
                "page{} {}: font {} {}; the text of its {} glyphs ({} distinct) was recovered from {}",
                if self.pages.len() == 1 { "" } else { "s" },
                page_list(&self.pages),
                self.font,
                self.reason,
                self.glyphs,
                self.distinct,
                self.source.describe()
            ),
        )
        .on_page(first)
    }
}

fn page_list(pages: &[usize]) -> String {
    const SHOWN: usize = 8;
    let mut s: Vec<String> = pages.iter().take(SHOWN).map(|p| p.to_string()).collect();
    if pages.len() > SHOWN {
        s.push(format!("and {} more", pages.len() - SHOWN));
    }
    s.join(", ")
}

/// The verdict on a file's fonts.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Fonts whose text was recovered; non-empty means a second pass is needed.
    pub recovered: Vec<Recovered>,
    /// Text to use in the second pass.
    pub recovery: Option<Arc<Recovery>>,
}

/// What is wrong with a font's map: the reason in words and a sample of the text it gives.
#[derive(Debug, Clone)]
struct Problem {
    reason: String,
    sample: String,
}

/// Judges every font seen in `file`; recovers what can be recovered. Fails with
/// [`PdfError::TextLayerUnreadable`] on the first font (by first page, then name) that stays
/// unreadable.
pub fn judge(pdf: &Pdf, file: FileFonts) -> Result<Verdict, PdfError> {
    let fonts = file.fonts.into_inner().unwrap_or_default();
    let entries = |seen: &Seen| -> Vec<(u32, Option<CompactString>)> {
        seen.codes
            .iter()
            .map(|(c, v)| (*c, v.text.clone()))
            .collect()
    };
    let flagged: Vec<(FontKey, Seen)> = fonts
        .into_iter()
        .filter(|(_, seen)| check(&borrowed(&entries(seen)), false).is_some())
        .collect();
    if flagged.is_empty() {
        return Ok(Verdict::default());
    }
    // Only embedded fonts are judged: a font without a program of its own is read through
    // the PDF's predefined CMaps or a substitute, which are not the file's to get wrong.
    let dicts = font_dicts(pdf);
    let mut bad: Vec<(String, FontKey, Seen, &FontDict, Problem)> = Vec::new();
    for (key, seen) in flagged {
        let Some(data) = &seen.data else { continue };
        let Some(dict) = dicts.get(&data_hash((**data).as_ref())) else {
            continue;
        };
        let Some(problem) = check(&borrowed(&entries(&seen)), dict.unicode_codes) else {
            continue;
        };
        let font = match (dict.base_font.as_str(), seen.name.as_str()) {
            ("", "") => "(unnamed)".to_string(),
            ("", name) | (name, _) => name.to_string(),
        };
        bad.push((font, key, seen, dict, problem));
    }
    bad.sort_by(|a, b| (a.2.pages.first(), &a.0).cmp(&(b.2.pages.first(), &b.0)));
    let mut verdict = Verdict::default();
    let mut recovery = Recovery::default();
    for (font, key, seen, dict, problem) in bad {
        let found = seen
            .data
            .as_ref()
            .and_then(|data| recover((**data).as_ref(), dict, &seen.codes));
        let page = seen.pages.first().copied().unwrap_or(1);
        let Some((source, table)) = found else {
            return Err(PdfError::TextLayerUnreadable {
                font: font.into(),
                page,
                sample: problem.sample.into(),
                reason: problem.reason.into(),
            });
        };
        verdict.recovered.push(Recovered {
            font,
            pages: seen.pages.iter().copied().collect(),
            glyphs: seen.codes.values().map(|c| c.count).sum(),
            distinct: seen.codes.len(),
            reason: problem.reason,
            source,
        });
        recovery.fonts.insert(key, table);
    }
    if !verdict.recovered.is_empty() {
        verdict.recovery = Some(Arc::new(recovery));
    }
    Ok(verdict)
}

fn borrowed(v: &[(u32, Option<CompactString>)]) -> Vec<(u32, Option<&str>)> {
    v.iter().map(|(c, t)| (*c, t.as_deref())).collect()
}

/// The checks of the module doc, over a font's distinct codes and their text. Where the codes
/// are Unicode by the font's encoding (a UCS-2 or UTF CMap), a code equal to its text is right,
/// and the identity sign is not looked for.
fn check(entries: &[(u32, Option<&str>)], unicode_codes: bool) -> Option<Problem> {
    let n = entries.len();
    if n == 0 {
        return None;
    }
    let mut sorted: Vec<(u32, Option<&str>)> = entries.to_vec();
    sorted.sort_by_key(|e| e.0);
    let mapped: Vec<(u32, &str)> = sorted
        .iter()
        .filter_map(|(c, t)| {
            t.filter(|t| !t.is_empty() && *t != "\u{FFFD}")
                .map(|t| (*c, t))
        })
        .collect();
    let unmapped = n - mapped.len();
    let identity: Vec<(u32, &str)> = mapped
        .iter()
        .copied()
        .filter(|(c, t)| is_code_as_text(*c, t))
        .collect();
    let low_codes = sorted.iter().any(|(c, _)| *c < 0x20);
    if !unicode_codes
        && low_codes
        && mapped.len() >= MIN_IDENTITY_CODES
        && identity.len() as f64 >= IDENTITY_SHARE * mapped.len() as f64
    {
        return Some(Problem {
            reason: format!(
                "maps {} of its {} codes to the code point of the same number (an identity map over subset codes, which are glyph numbers, not text)",
                identity.len(),
                n
            ),
            sample: sample(identity.iter().map(|e| e.1)),
        });
    }
    if unmapped >= MIN_UNMAPPED_CODES && unmapped as f64 >= UNMAPPED_SHARE * n as f64 {
        let codes: Vec<String> = sorted
            .iter()
            .filter(|(_, t)| t.is_none_or(|t| t.is_empty() || t == "\u{FFFD}"))
            .take(SAMPLE)
            .map(|(c, _)| format!("{c:#04x}"))
            .collect();
        return Some(Problem {
            reason: format!(
                "gives no Unicode for {unmapped} of its {n} codes (no ToUnicode entry and no usable encoding)"
            ),
            sample: format!("codes {}", codes.join(" ")),
        });
    }
    let control: Vec<&str> = mapped
        .iter()
        .filter(|(_, t)| t.chars().any(is_control))
        .map(|e| e.1)
        .collect();
    if control.len() >= MIN_CONTROL_CODES {
        return Some(Problem {
            reason: format!(
                "maps {} of its {} codes to control characters",
                control.len(),
                n
            ),
            sample: sample(control.into_iter()),
        });
    }
    let japanese = mapped
        .iter()
        .filter(|(_, t)| t.chars().any(is_japanese))
        .count();
    let latin: Vec<&str> = mapped
        .iter()
        .filter(|(_, t)| t.chars().all(is_suspect_latin1))
        .map(|e| e.1)
        .collect();
    if japanese >= MIN_JAPANESE_CODES && latin.len() >= MIN_LATIN1_CODES {
        return Some(Problem {
            reason: format!(
                "maps {} of its glyphs to Latin-1 letters among {} kana and kanji",
                latin.len(),
                japanese
            ),
            sample: sample(latin.into_iter()),
        });
    }
    None
}

/// Up to [`SAMPLE`] visible characters of the texts; when none is visible, the first few
/// code points as `U+XXXX`.
fn sample<'s>(texts: impl Iterator<Item = &'s str> + Clone) -> String {
    let visible = |c: &char| !is_control(*c) && !c.is_whitespace();
    let shown: String = texts
        .clone()
        .flat_map(str::chars)
        .filter(visible)
        .take(SAMPLE)
        .collect();
    if !shown.is_empty() {
        return shown;
    }
    texts
        .flat_map(str::chars)
        .take(SAMPLE / 2)
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text is the code read as a code point, or as WinAnsi (which differs only in 0x80–0x9F).
fn is_code_as_text(code: u32, text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    c as u32 == code
        || (0x80..=0x9F).contains(&code)
            && WIN_ANSI_80.get(code as usize - 0x80) == Some(&(c as u16))
}

/// WinAnsi's 0x80–0x9F (0 where it has no character).
const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// True for a character that does not belong in the text of a Japanese government document
/// and signals a bad text layer: a control character, a Latin-1 letter Japanese text does not
/// use, U+FFFD (no Unicode) or a private-use code point. The reader's per-sheet
/// `text_sanity` figure counts the glyphs without one.
pub fn is_suspect(c: char) -> bool {
    is_control(c)
        || is_suspect_latin1(c)
        || c == '\u{FFFD}'
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn is_control(c: char) -> bool {
    matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F)
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF66..=0xFF9D)
}

/// Latin-1 letters and signs that Japanese text does not use: U+00A1–U+00FF without the JIS
/// X 0208 signs § ¨ ° ± ´ ¶ × ÷ ¢ £ ¬.
fn is_suspect_latin1(c: char) -> bool {
    let v = c as u32;
    (0xA1..=0xFF).contains(&v)
        && !matches!(
            v,
            0xA2 | 0xA3 | 0xA7 | 0xA8 | 0xAC | 0xB0 | 0xB1 | 0xB4 | 0xB6 | 0xD7 | 0xF7
        )
}

/// What a font dictionary says, for the fonts that failed a check.
#[derive(Debug, Clone, Default)]
struct FontDict {
    base_font: String,
    /// `CIDSystemInfo` /Ordering of a CIDFontType2 under an Identity encoding.
    identity_cid_ordering: Option<String>,
    /// The codes are Unicode by the encoding (a predefined UCS-2 or UTF CMap).
    unicode_codes: bool,
}

fn data_hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Most fonts looked at per file (page fonts and those of forms one level down).
const MAX_FONT_DICTS: usize = 4096;

/// The font dictionaries of the pages (and of their forms, one level down), by the hash of
/// their embedded font program. Fonts without one are left out: nothing is recovered from a
/// substituted font.
fn font_dicts(pdf: &Pdf) -> HashMap<u64, FontDict> {
    let mut out = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    let mut visit = |font: Dict<'_>| {
        if seen.len() >= MAX_FONT_DICTS {
            return;
        }
        if let Some(id) = font.obj_id() {
            if !seen.insert(id) {
                return;
            }
        }
        if let Some((hash, info)) = describe(&font) {
            out.entry(hash).or_insert(info);
        }
    };
    for page in pdf.pages().iter() {
        let res = page.resources();
        for name in res.fonts.keys() {
            if let Some(f) = res.fonts.get::<Dict<'_>>(name.as_ref()) {
                visit(f);
            }
        }
        for name in res.x_objects.keys() {
            let Some(form) = res.x_objects.get::<Stream<'_>>(name.as_ref()) else {
                continue;
            };
            let fonts = form
                .dict()
                .get::<Dict<'_>>(b"Resources".as_slice())
                .and_then(|r| r.get::<Dict<'_>>(b"Font".as_slice()));
            if let Some(fonts) = fonts {
                for name in fonts.keys() {
                    if let Some(f) = fonts.get::<Dict<'_>>(name.as_ref()) {
                        visit(f);
                    }
                }
            }
        }
    }
    out
}

fn name_of(d: &Dict<'_>, key: &[u8]) -> Option<String> {
    d.get::<Name<'_>>(key).map(|n| n.as_str().to_string())
}

/// The hash of a font's embedded program and what its dictionary says.
fn describe(font: &Dict<'_>) -> Option<(u64, FontDict)> {
    let descendant = font
        .get::<Array<'_>>(b"DescendantFonts".as_slice())
        .and_then(|a| a.iter::<Dict<'_>>().next());
    let holder = descendant.clone().unwrap_or_else(|| font.clone());
    let descriptor = holder.get::<Dict<'_>>(b"FontDescriptor".as_slice())?;
    let program = [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
        .iter()
        .find_map(|k| descriptor.get::<Stream<'_>>(*k))?;
    let data = program.decoded().ok()?;
    let encoding = name_of(font, b"Encoding").unwrap_or_default();
    let identity = matches!(encoding.as_str(), "Identity-H" | "Identity-V");
    let unicode_codes = ["UCS2", "UTF8", "UTF16", "UTF32"]
        .iter()
        .any(|u| encoding.contains(u));
    let cid_type2 = descendant
        .as_ref()
        .and_then(|d| name_of(d, b"Subtype"))
        .is_some_and(|s| s == "CIDFontType2");
    let ordering = descendant
        .as_ref()
        .and_then(|d| d.get::<Dict<'_>>(b"CIDSystemInfo".as_slice()))
        .and_then(|i| i.get::<hayro_syntax::object::String<'_>>(b"Ordering".as_slice()))
        .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned());
    Some((
        data_hash(&data),
        FontDict {
            base_font: name_of(font, b"BaseFont").unwrap_or_default(),
            identity_cid_ordering: ordering.filter(|_| identity && cid_type2),
            unicode_codes,
        },
    ))
}

/// Text per glyph id from the embedded font `data`, from the first source (in the module
/// doc's order) that covers the font's glyphs and passes the checks.
fn recover(
    data: &[u8],
    dict: &FontDict,
    codes: &FxHashMap<u32, Code>,
) -> Option<(Source, HashMap<u32, String>)> {
    let gids: BTreeSet<u32> = codes.values().map(|c| c.gid).collect();
    let sfnt = FontRef::new(data).ok();
    let candidates: [(Source, &dyn Fn() -> GlyphText); 3] = [
        (Source::Cmap, &|| {
            sfnt.as_ref().map(inverse_cmap).unwrap_or_default()
        }),
        (Source::GlyphNames, &|| {
            glyph_names(sfnt.as_ref(), data, &gids)
        }),
        (Source::AdobeJapan1, &|| {
            japan1(sfnt.as_ref(), data, dict, codes)
        }),
    ];
    for (source, make) in candidates {
        let table = make();
        let covered = gids.iter().filter(|g| table.contains_key(g)).count();
        if gids.is_empty() || (covered as f64) < COVERAGE * gids.len() as f64 {
            continue;
        }
        let entries: Vec<(u32, Option<&str>)> = codes
            .iter()
            .map(|(c, v)| (*c, table.get(&v.gid).map(String::as_str)))
            .collect();
        if check(&entries, false).is_none() {
            let keep: HashMap<u32, String> = table
                .into_iter()
                .filter(|(g, _)| gids.contains(g))
                .collect();
            return Some((source, keep));
        }
    }
    None
}

/// Rank of a code point as the text of a glyph reached from several: unified ideographs and
/// everything else first, then radicals and compatibility ideographs, then private use.
fn rank(c: char) -> u8 {
    match c as u32 {
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 1,
        0xE000..=0xF8FF | 0xF0000.. => 2,
        _ if is_control(c) => 3,
        _ => 0,
    }
}

/// Glyph id → code point from the font's Unicode cmap (not a symbol one).
fn inverse_cmap(font: &FontRef<'_>) -> HashMap<u32, String> {
    let charmap = font.charmap();
    let mut best: HashMap<u32, char> = HashMap::new();
    if !charmap.has_map() || charmap.is_symbol() {
        return HashMap::new();
    }
    for (cp, gid) in charmap.mappings() {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if gid.to_u32() == 0 {
            continue;
        }
        best.entry(gid.to_u32())
            .and_modify(|b| {
                if (rank(c), c) < (rank(*b), *b) {
                    *b = c;
                }
            })
            .or_insert(c);
    }
    best.into_iter().map(|(g, c)| (g, c.to_string())).collect()
}

/// Text of a glyph name by the Adobe Glyph List rules, or `None` for a made-up name.
fn name_text(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    let digits_after = |p: &str| {
        base.strip_prefix(p)
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
    };
    if base.is_empty()
        || ["g", "gid", "glyph", "cid", "index"]
            .iter()
            .any(|p| digits_after(p))
    {
        return None;
    }
    let s: String = skrifa::raw::ps::agl::name_to_chars(name).collect();
    (!s.is_empty() && !s.chars().any(|c| rank(c) >= 2)).then_some(s)
}

/// Glyph id → text from glyph names: the `post` table or CFF charset of an OpenType font, or
/// the charset of a bare (non-CID) CFF program.
fn glyph_names(
    sfnt: Option<&FontRef<'_>>,
    data: &[u8],
    gids: &BTreeSet<u32>,
) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    if let Some(font) = sfnt {
        let names = GlyphNames::new(font);
        if names.source() == GlyphNameSource::Synthesized {
            return out;
        }
        for &g in gids {
            if let Some(t) = names
                .get(GlyphId::new(g))
                .and_then(|n| name_text(n.as_str()))
            {
                out.insert(g, t);
            }
        }
        return out;
    }
    let Ok(cff) = skrifa::raw::ps::cff::CffFontRef::new_cff(data, 0, None) else {
        return out;
    };
    if cff.is_cid() {
        return out;
    }
    let Some(charset) = cff.charset() else {
        return out;
    };
    for &g in gids {
        let name = charset
            .string_id(GlyphId::new(g))
            .and_then(|sid| cff.string(sid))
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(name_text);
        if let Some(t) = name {
            out.insert(g, t);
        }
    }
    out
}

/// Adobe-Japan1-UCS2, parsed once.
fn japan1_ucs2() -> Option<&'static CMap> {
    static MAP: OnceLock<Option<CMap>> = OnceLock::new();
    MAP.get_or_init(|| {
        let data = hayro_cmap::load_embedded(CMapName::AdobeJapan1Ucs2)?;
        CMap::parse(data, hayro_cmap::load_embedded)
    })
    .as_ref()
}

/// Glyph id → text through Adobe-Japan1 CIDs: from the charset of a CID-keyed CFF program
/// whose ROS is Adobe-Japan1, or from the codes of a CIDFontType2 with that ordering under an
/// Identity encoding (CID = code).
fn japan1(
    sfnt: Option<&FontRef<'_>>,
    data: &[u8],
    dict: &FontDict,
    codes: &FxHashMap<u32, Code>,
) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let Some(ucs2) = japan1_ucs2() else {
        return out;
    };
    let text = |cid: u32| ucs2.lookup_bf_string(cid).map(bf_text::<String>);
    if dict.identity_cid_ordering.as_deref() == Some("Japan1") {
        for (code, c) in codes {
            if let Some(t) = text(*code) {
                out.insert(c.gid, t);
            }
        }
        return out;
    }
    let cff_data: &[u8] = match sfnt.and_then(|f| f.cff().ok()) {
        Some(t) => t.offset_data().as_bytes(),
        None => data,
    };
    if !is_japan1_cff(cff_data) {
        return out;
    }
    let Ok(cff) = skrifa::raw::ps::cff::CffFontRef::new_cff(cff_data, 0, None) else {
        return out;
    };
    let Some(charset) = cff.charset() else {
        return out;
    };
    for c in codes.values() {
        let cid = charset
            .string_id(GlyphId::new(c.gid))
            .map(|s| u32::from(s.to_u16()));
        if let Some(t) = cid.and_then(text) {
            out.insert(c.gid, t);
        }
    }
    out
}

/// Whether a bare CFF program is CID-keyed with the ROS Adobe-Japan1.
fn is_japan1_cff(data: &[u8]) -> bool {
    use skrifa::raw::ps::cff::dict::{entries, Entry};
    let Ok(cff) = skrifa::raw::tables::cff::Cff::read(FontData::new(data)) else {
        return false;
    };
    let Some(top) = cff.top_dicts().get(0) else {
        return false;
    };
    entries(top, None).flatten().any(|e| match e {
        Entry::Ros {
            registry, ordering, ..
        } => {
            cff.string(registry) == Some(b"Adobe".as_slice())
                && cff.string(ordering) == Some(b"Japan1".as_slice())
        }
        _ => false,
    })
}

/// The text of a CMap entry, as a `String` (a font's recovered text) or a `CompactString`
/// (a glyph's: see `Glyph::text`), each built directly.
fn bf_text<S: From<String> + FromIterator<char>>(s: BfString) -> S {
    match s {
        BfString::Char(c) => std::iter::once(c).collect(),
        BfString::String(s) => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(v: &[(u32, &str)]) -> Vec<(u32, Option<&'static str>)> {
        v.iter()
            .map(|(c, t)| (*c, Some(&*Box::leak(t.to_string().into_boxed_str()))))
            .collect()
    }

    #[test]
    fn good_subset_maps_pass() {
        // LibreOffice subset codes 1.. with real text.
        let e = entries(&[
            (1, "再"),
            (2, "掲"),
            (3, "各"),
            (4, "施"),
            (5, "策"),
            (6, "の"),
            (7, "ス"),
            (8, "ケ"),
            (9, "H"),
            (10, "S"),
            (11, "é"),
        ]);
        assert!(check(&e, false).is_none());
        // A WinAnsi Latin font: code = code point, but no code below 0x20.
        let e: Vec<_> = (0x41u32..0x5B)
            .map(|c| (c, char::from_u32(c).unwrap().to_string()))
            .collect();
        let e: Vec<(u32, Option<&str>)> = e.iter().map(|(c, t)| (*c, Some(t.as_str()))).collect();
        assert!(check(&e, false).is_none());
    }

    #[test]
    fn the_signs_are_told() {
        let s: Vec<(u32, String)> = (1u32..40)
            .map(|c| (c, char::from_u32(c).unwrap().to_string()))
            .collect();
        let e: Vec<(u32, Option<&str>)> = s.iter().map(|(c, t)| (*c, Some(t.as_str()))).collect();
        assert!(check(&e, false).unwrap().reason.contains("identity"));
        // Under a UCS-2 CMap the code is the Unicode: text equal to it is right.
        let s: Vec<(u32, String)> = std::iter::once(0x0A)
            .chain(0x21u32..0x60)
            .map(|c| (c, char::from_u32(c).unwrap().to_string()))
            .collect();
        let e: Vec<(u32, Option<&str>)> = s.iter().map(|(c, t)| (*c, Some(t.as_str()))).collect();
        assert!(check(&e, false).is_some());
        assert!(check(&e, true).is_none());
        let e = entries(&[
            (1, "各"),
            (2, "施"),
            (3, "策"),
            (4, "¹"),
            (5, "Á"),
            (6, "õ"),
            (7, "ー"),
        ]);
        let p = check(&e, false).unwrap();
        assert!(p.reason.contains("Latin-1"), "{p:?}");
        assert_eq!(p.sample, "¹Áõ");
        let e = entries(&[(1, "各"), (2, "±"), (3, "×"), (4, "§"), (5, "°")]);
        assert!(
            check(&e, false).is_none(),
            "JIS X 0208 signs are Japanese text"
        );
        let e = entries(&[(300, "\u{3}"), (301, "\u{5}"), (302, "\u{1F}"), (303, "工")]);
        assert!(check(&e, false).unwrap().reason.contains("control"));
        let mut e: Vec<(u32, Option<&str>)> = (100..110).map(|c| (c, None)).collect();
        e.push((200, Some("工")));
        assert!(check(&e, false).unwrap().reason.contains("no Unicode"));
    }

    #[test]
    fn made_up_glyph_names_give_nothing() {
        assert_eq!(name_text("uni5DE5").as_deref(), Some("工"));
        assert_eq!(name_text("A").as_deref(), Some("A"));
        assert_eq!(name_text("f_i").as_deref(), Some("fi"));
        assert_eq!(name_text("g123"), None);
        assert_eq!(name_text("glyph00012"), None);
        assert_eq!(name_text("uniF001"), None);
        assert_eq!(name_text(".notdef"), None);
    }

    #[test]
    fn adobe_japan1_cids_give_text() {
        let m = japan1_ucs2().expect("Adobe-Japan1-UCS2 is embedded in hayro-cmap");
        // CID 1125 is 亜 (U+4E9C) in Adobe-Japan1.
        assert_eq!(
            m.lookup_bf_string(1125).map(bf_text::<String>).as_deref(),
            Some("亜")
        );
        // A CIDFontType2 with ordering Japan1 under Identity-H: CID = code, keyed by glyph.
        let dict = FontDict {
            base_font: "ABCDEF+MS-Mincho".into(),
            identity_cid_ordering: Some("Japan1".into()),
            unicode_codes: false,
        };
        let codes: FxHashMap<u32, Code> = [(1125, 7), (1, 3)]
            .into_iter()
            .map(|(cid, gid)| {
                (
                    cid,
                    Code {
                        gid,
                        text: None,
                        count: 1,
                    },
                )
            })
            .collect();
        let t = japan1(None, &[], &dict, &codes);
        assert_eq!(t.get(&7).map(String::as_str), Some("亜"));
        assert_eq!(t.get(&3).map(String::as_str), Some(" "));
        // Without that ordering nothing is read from CIDs.
        let other = FontDict {
            identity_cid_ordering: None,
            ..dict
        };
        assert!(japan1(None, b"not a font", &other, &codes).is_empty());
    }
}

//! What of a PDF page the interpreter could not read, told in words: content streams that do
//! not decode whole, filters it does not know, objects that are missing. Also counts the
//! annotations that draw their own appearance, whose text is not page content.
//!
//! Why this is needed: the interpreter is lenient by design. A content stream whose zlib data
//! is corrupt is decoded as far as a fallback decoder gets (or not at all), an unknown filter
//! is skipped, a missing font is drawn as nothing, and in every case the page simply comes out
//! with less text. Without these checks a damaged page reads as "image-only" or vanishes, and
//! the run exits 0. Each check here only reads the page's own dictionaries and streams.

use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::Page;
use hayro_syntax::xref::XRef;

/// Filter names a conforming reader knows (PDF 32000-2 §7.4, with their abbreviations).
const KNOWN_FILTERS: &[&[u8]] = &[
    b"ASCIIHexDecode",
    b"AHx",
    b"ASCII85Decode",
    b"A85",
    b"LZWDecode",
    b"LZW",
    b"FlateDecode",
    b"Fl",
    b"RunLengthDecode",
    b"RL",
    b"CCITTFaxDecode",
    b"CCF",
    b"JBIG2Decode",
    b"DCTDecode",
    b"DCT",
    b"JPXDecode",
    b"Crypt",
];

/// What a look at a page found before it is interpreted.
#[derive(Debug, Default)]
pub struct Check {
    /// The reasons parts of the page cannot be read; empty when the page reads whole.
    pub lost: Vec<String>,
    /// How many bytes its content streams decode to (as far as they were decoded).
    pub content_bytes: u64,
    /// The page's decoded content exactly as the interpreter builds it (each stream's
    /// `decoded_data`, the streams of a `/Contents` array each followed by a space), when
    /// the checks decoded every stream of it; handed to the page so that the interpreter
    /// does not inflate it again. `None` where a stream's decoding was left to the
    /// interpreter (a corrupt Flate layer it reads leniently, an unknown filter).
    pub content: Option<Vec<u8>>,
}

/// What the interpreter's `decoded_data` gives for one stream, when the check found it.
enum Decoded {
    /// The stream's data (`None`: it does not decode, and the interpreter skips it).
    Known(Option<Vec<u8>>),
    /// Left to the interpreter.
    Unknown,
}

/// What was found of each font (by object) on the pages checked so far: pages share fonts, and
/// a font's streams are checked once per file.
#[derive(Default)]
pub struct FontsSeen(std::sync::Mutex<std::collections::HashMap<ObjectIdentifier, Vec<String>>>);

/// Checks `page`'s content streams and resources; see [`Check`].
pub fn of_page(page: &Page<'_>, fonts: &FontsSeen) -> Check {
    let mut c = Check::default();
    let raw = page.raw();
    if let Some(s) = raw.get::<Stream<'_>>(b"Contents".as_slice()) {
        if let Decoded::Known(data) = check_stream(&s, "the content stream", &mut c, true) {
            c.content = data;
        }
    } else if let Some(a) = raw.get::<Array<'_>>(b"Contents".as_slice()) {
        // As the interpreter joins them: each stream that decodes, then a space.
        let mut joined = Some(Vec::new());
        for (k, item) in a.raw_iter().enumerate() {
            let what = format!("content stream {}", k + 1);
            match resolve_stream(page, item) {
                Some(s) => match check_stream(&s, &what, &mut c, true) {
                    Decoded::Known(Some(data)) => {
                        if let Some(j) = &mut joined {
                            j.extend_from_slice(&data);
                            j.push(b' ');
                        }
                    }
                    Decoded::Known(None) => {}
                    Decoded::Unknown => joined = None,
                },
                None => c.lost.push(format!("{what} is missing")),
            }
        }
        c.content = joined;
    } else if raw.contains_key(b"Contents".as_slice()) {
        c.lost.push("the content stream is missing".to_string());
    }
    let res = page.resources();
    for name in res.fonts.keys() {
        let Some(font) = res.fonts.get::<Dict<'_>>(name.as_ref()) else {
            c.lost
                .push(format!("font /{} is missing", name_text(&name)));
            continue;
        };
        let what = format!("font /{}", name_text(&name));
        let problems = match font.obj_id() {
            Some(id) => {
                let cached = fonts.0.lock().ok().and_then(|m| m.get(&id).cloned());
                cached.unwrap_or_else(|| {
                    let p = font_problems(&font, page.xref());
                    if let Ok(mut m) = fonts.0.lock() {
                        m.insert(id, p.clone());
                    }
                    p
                })
            }
            None => font_problems(&font, page.xref()),
        };
        c.lost
            .extend(problems.into_iter().map(|p| format!("{what}: {p}")));
    }
    for name in res.x_objects.keys() {
        match res.x_objects.get::<Stream<'_>>(name.as_ref()) {
            None => c
                .lost
                .push(format!("XObject /{} is missing", name_text(&name))),
            // Only forms hold page content (and count towards its bytes); an image that
            // fails to decode loses no text.
            Some(s) if is_form(&s) => {
                let what = format!("form XObject /{}", name_text(&name));
                check_stream(&s, &what, &mut c, false);
            }
            Some(_) => {}
        }
    }
    c
}

/// What of a font's own streams cannot be read: its ToUnicode map and its embedded font
/// program (for a Type0 font, those of its descendant). A ToUnicode map that does not decode
/// turns text into U+FFFD or wrong characters; a font program that does not decode loses the
/// glyphs' widths and positions. What is inflated here is handed to `xref` (see
/// [`XRef::provide_decoded`]): the interpreter loads each font once per font cache, and would
/// inflate it again each time.
fn font_problems(font: &Dict<'_>, xref: &XRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut streams: Vec<(&str, Option<Stream<'_>>, bool)> = vec![(
        "its ToUnicode map",
        font.get::<Stream<'_>>(b"ToUnicode".as_slice()),
        font.contains_key(b"ToUnicode".as_slice()),
    )];
    let descendant = font
        .get::<Array<'_>>(b"DescendantFonts".as_slice())
        .and_then(|a| a.iter::<Dict<'_>>().next());
    let descriptor = descendant
        .as_ref()
        .unwrap_or(font)
        .get::<Dict<'_>>(b"FontDescriptor".as_slice());
    if let Some(d) = &descriptor {
        for key in ["FontFile", "FontFile2", "FontFile3"] {
            if d.contains_key(key.as_bytes()) {
                streams.push((
                    "its embedded font program",
                    d.get::<Stream<'_>>(key.as_bytes()),
                    true,
                ));
            }
        }
    }
    for (what, s, named) in streams {
        match s {
            Some(s) => {
                let mut c = Check::default();
                if let (Decoded::Known(Some(data)), Some(id)) =
                    (check_stream(&s, what, &mut c, true), s.dict().obj_id())
                {
                    xref.provide_decoded(id, data.into());
                }
                out.extend(c.lost);
            }
            None if named => out.push(format!("{what} is missing")),
            None => {}
        }
    }
    out
}

/// How many annotations of `page` draw an appearance stream of their own.
pub fn annotations(page: &Page<'_>) -> usize {
    page.raw()
        .get::<Array<'_>>(b"Annots".as_slice())
        .map_or(0, |a| {
            a.iter::<Dict<'_>>()
                .filter(|d| d.contains_key(b"AP".as_slice()))
                .count()
        })
}

fn name_text(name: &Name<'_>) -> String {
    name.as_str().to_string()
}

fn is_form(s: &Stream<'_>) -> bool {
    s.dict()
        .get::<Name<'_>>(b"Subtype".as_slice())
        .is_some_and(|n| n.as_ref() == b"Form")
}

fn resolve_stream<'a>(page: &Page<'a>, item: MaybeRef<Object<'a>>) -> Option<Stream<'a>> {
    match item {
        MaybeRef::Ref(r) => page.xref().get::<Stream<'a>>(ObjectIdentifier::from(r)),
        MaybeRef::NotRef(o) => o.into_stream(),
    }
}

/// The stream's filter names, in order.
fn filter_names(s: &Stream<'_>) -> Vec<String> {
    let d = s.dict();
    let key = if d.contains_key(b"Filter".as_slice()) {
        b"Filter".as_slice()
    } else {
        b"F".as_slice()
    };
    if let Some(n) = d.get::<Name<'_>>(key) {
        return vec![name_text(&n)];
    }
    d.get::<Array<'_>>(key).map_or_else(Vec::new, |a| {
        a.iter::<Name<'_>>().map(|n| name_text(&n)).collect()
    })
}

/// Checks that `s` decodes whole: every filter known, and every Flate layer a complete,
/// checksummed zlib (or raw deflate) stream. The interpreter's own decoder falls back to a
/// lenient one that returns what it could read, so its success proves nothing. With `keep`,
/// returns what the interpreter's `decoded_data` gives for the stream when the check
/// produced it anyway (see [`Decoded`]).
fn check_stream(s: &Stream<'_>, what: &str, c: &mut Check, keep: bool) -> Decoded {
    let lost = &mut c.lost;
    let names = filter_names(s);
    if let Some(bad) = names
        .iter()
        .find(|n| !KNOWN_FILTERS.contains(&n.as_bytes()))
    {
        lost.push(format!("{what} uses the unsupported filter /{bad}"));
        return Decoded::Unknown;
    }
    let flate_first = matches!(
        names.first().map(String::as_str),
        Some("FlateDecode" | "Fl")
    );
    // A plain Flate stream is checked strictly below, and decoding it here too would inflate
    // it twice; anything more (other filters, a predictor) is decoded to see that it works.
    let plain_flate = flate_first
        && names.len() == 1
        && !s.dict().contains_key(b"DecodeParms".as_slice())
        && !s.dict().contains_key(b"DP".as_slice());
    let mut decoded = Decoded::Unknown;
    if !plain_flate {
        match s.decoded_data() {
            Ok(d) => {
                c.content_bytes += d.len() as u64;
                if keep {
                    decoded = Decoded::Known(Some(d.into_owned()));
                }
            }
            Err(_) => {
                let filters = names
                    .iter()
                    .map(|n| format!("/{n}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let params = if s.dict().contains_key(b"DecodeParms".as_slice()) {
                    " or its /DecodeParms"
                } else {
                    ""
                };
                lost.push(format!(
                    "{what} cannot be decoded (its {filters} data{params} is invalid, or it decodes to more than {} bytes)",
                    crate::limits::MAX_DECODED_STREAM_BYTES
                ));
                return Decoded::Known(None);
            }
        }
    }
    // The Flate layer is inflated strictly (the interpreter's inflater returns what it could
    // read): from the raw data when it is the first filter, else from what the filters before
    // it produce (an /ASCII85Decode /FlateDecode chain).
    if let Some(k) = names.iter().position(|n| n == "FlateDecode" || n == "Fl") {
        let input = if k == 0 {
            Some(s.raw_data())
        } else {
            s.decoded_prefix(k).ok()
        };
        // The inflated bytes of a plain Flate stream are what the interpreter's decoder
        // gives too (the same zlib, then raw deflate, decoders), unless the dictionary names
        // an external file (`/F`), which it does not read.
        let keep = keep && plain_flate && !s.dict().contains_key(b"F".as_slice());
        match input.and_then(|d| inflate(&d, keep)) {
            Some((n, data)) if plain_flate => {
                c.content_bytes += n;
                if n <= crate::limits::MAX_CONTENT_BYTES_PER_PAGE {
                    decoded = data.map_or(Decoded::Unknown, |d| Decoded::Known(Some(d)));
                }
            }
            Some(_) => {}
            None => lost.push(format!("{what} holds corrupt zlib data")),
        }
    }
    decoded
}

/// The length `data` inflates to if it is a complete zlib stream (checksum verified) or a
/// complete raw deflate stream, with the inflated bytes when `keep`; `None` if it is
/// neither. Bytes after the end of the stream (padding some producers add) are allowed.
/// Reading stops just past
/// [`MAX_CONTENT_BYTES_PER_PAGE`](crate::limits::MAX_CONTENT_BYTES_PER_PAGE), so a bomb costs
/// no more than that; the caller then finds the page over its bound.
fn inflate(data: &[u8], keep: bool) -> Option<(u64, Option<Vec<u8>>)> {
    use std::io::Read;
    let limit = crate::limits::MAX_CONTENT_BYTES_PER_PAGE + 1;
    let read = |r: Box<dyn Read + '_>| {
        let mut r = r.take(limit);
        if keep {
            let mut out = Vec::new();
            r.read_to_end(&mut out).ok()?;
            Some((out.len() as u64, Some(out)))
        } else {
            Some((std::io::copy(&mut r, &mut std::io::sink()).ok()?, None))
        }
    };
    read(Box::new(flate2::read::ZlibDecoder::new(data)))
        .or_else(|| read(Box::new(flate2::read::DeflateDecoder::new(data))))
}

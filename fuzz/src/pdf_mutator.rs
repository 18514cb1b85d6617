//! A structure-aware PDF mutator.
//!
//! Flipping bytes of a PDF mostly breaks zlib: the content, font, CMap and xref streams the
//! converter reads are compressed, so a raw mutation inside one only yields a stream that fails
//! to inflate. This mutator picks one `stream … endstream`, inflates it when it is
//! `/FlateDecode`, lets a byte mutator (libFuzzer's own, in the fuzz target) change the inflated
//! bytes, deflates them again, writes the new `/Length` into the stream's dictionary and shifts
//! the offsets of a classic cross-reference table and of `startxref` so the file stays
//! well-formed. Sometimes it falls back to a plain byte mutation of the whole file (that is
//! what reaches dictionaries, the xref table and the trailer), and sometimes it rewrites a
//! classic xref table as an xref stream (optionally PNG-predicted), since no fixture has one.
//!
//! Nothing here panics on any input: every index is checked, every failure falls back.

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// Inflated streams larger than this are mutated raw (a zlib bomb would only waste the run).
const MAX_INFLATED: usize = 4 << 20;
/// How far back from `stream` the dictionary's `<<` is looked for.
const MAX_DICT: usize = 64 << 10;

/// One `stream … endstream` of a PDF, as byte ranges of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    /// The `<<` that opens the stream dictionary.
    pub dict_start: usize,
    /// Just after the `>>` that closes it.
    pub dict_end: usize,
    /// The first byte of the data (after `stream` and its end of line).
    pub data_start: usize,
    /// Just after the last byte of the data.
    pub data_end: usize,
}

/// What a stream holds, from its dictionary (a rough guess, used to weight the choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    XRef,
    ObjStm,
    Font,
    CMap,
    Image,
    /// Page contents, form XObjects, ToUnicode CMaps without /Type and the rest.
    Other,
}

impl Stream {
    pub fn dict<'a>(&self, pdf: &'a [u8]) -> &'a [u8] {
        pdf.get(self.dict_start..self.dict_end).unwrap_or(&[])
    }

    pub fn data<'a>(&self, pdf: &'a [u8]) -> &'a [u8] {
        pdf.get(self.data_start..self.data_end).unwrap_or(&[])
    }

    /// Whether the first (or only) filter is FlateDecode.
    pub fn is_flate(&self, pdf: &[u8]) -> bool {
        let d = self.dict(pdf);
        let Some(i) = find(d, b"/Filter") else {
            return false;
        };
        let rest = skip_ws(d, i + 7);
        let rest = if d.get(rest) == Some(&b'[') {
            skip_ws(d, rest + 1)
        } else {
            rest
        };
        d.get(rest..)
            .is_some_and(|r| r.starts_with(b"/FlateDecode") || r.starts_with(b"/Fl"))
    }

    pub fn kind(&self, pdf: &[u8]) -> Kind {
        let d = self.dict(pdf);
        if find(d, b"/XRef").is_some() {
            Kind::XRef
        } else if find(d, b"/ObjStm").is_some() {
            Kind::ObjStm
        } else if find(d, b"/Image").is_some() {
            Kind::Image
        } else if find(d, b"/CMap").is_some() {
            Kind::CMap
        } else if find(d, b"/Length1").is_some()
            || find(d, b"/Length2").is_some()
            || find(d, b"/Type1C").is_some()
            || find(d, b"/CIDFontType0C").is_some()
            || find(d, b"/OpenType").is_some()
        {
            Kind::Font
        } else {
            Kind::Other
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    find_from(hay, needle, 0)
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_ws(s[i]) {
        i += 1;
    }
    i
}

/// The unsigned integer at `i` and the index after it.
fn parse_uint(s: &[u8], i: usize) -> Option<(u64, usize)> {
    let mut j = i;
    let mut v: u64 = 0;
    while j < s.len() && s[j].is_ascii_digit() {
        v = v.checked_mul(10)?.checked_add(u64::from(s[j] - b'0'))?;
        j += 1;
    }
    (j > i).then_some((v, j))
}

/// Every `stream … endstream` of the file, in order.
pub fn find_streams(pdf: &[u8]) -> Vec<Stream> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = find_from(pdf, b"stream", from) {
        from = p + 6;
        if p >= 3 && &pdf[p - 3..p] == b"end" {
            continue;
        }
        let data_start = match (pdf.get(p + 6), pdf.get(p + 7)) {
            (Some(b'\r'), Some(b'\n')) => p + 8,
            (Some(b'\r' | b'\n'), _) => p + 7,
            _ => continue,
        };
        // The dictionary: the `>>` just before `stream`, matched back to its `<<`.
        let mut q = p;
        while q > 0 && is_ws(pdf[q - 1]) {
            q -= 1;
        }
        if q < 2 || &pdf[q - 2..q] != b">>" {
            continue;
        }
        let dict_end = q;
        let floor = q.saturating_sub(MAX_DICT);
        let (mut i, mut depth, mut dict_start) = (q, 0i32, None);
        while i >= floor + 2 {
            match &pdf[i - 2..i] {
                b">>" => {
                    depth += 1;
                    i -= 2;
                }
                b"<<" => {
                    depth -= 1;
                    i -= 2;
                    if depth == 0 {
                        dict_start = Some(i);
                        break;
                    }
                }
                _ => i -= 1,
            }
        }
        let Some(dict_start) = dict_start else {
            continue;
        };
        // The data: /Length when it is direct and lands on `endstream`, else up to `endstream`.
        let dict = &pdf[dict_start..dict_end];
        let by_length = length_value(dict).and_then(|(n, _)| {
            let end = data_start.checked_add(usize::try_from(n).ok()?)?;
            let after = skip_ws(pdf, end);
            pdf.get(after..)?.starts_with(b"endstream").then_some(end)
        });
        let data_end = match by_length {
            Some(end) => end,
            None => {
                let Some(e) = find_from(pdf, b"endstream", data_start) else {
                    continue;
                };
                let mut end = e;
                if end > data_start && pdf[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > data_start && pdf[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
        };
        out.push(Stream {
            dict_start,
            dict_end,
            data_start,
            data_end,
        });
        from = data_end.max(from);
    }
    out
}

/// A direct `/Length N` of a dictionary: N and the byte range of the value (after `/Length`).
/// An indirect `/Length 12 0 R` gives None for N but still its range, so it can be replaced.
fn length_span(dict: &[u8]) -> Option<(Option<u64>, usize, usize)> {
    let mut from = 0;
    loop {
        let i = find_from(dict, b"/Length", from)?;
        let v = i + 7;
        from = v;
        // `/Length1`, `/LengthX` are other keys.
        if dict.get(v).is_some_and(|b| !is_ws(*b)) {
            continue;
        }
        let a = skip_ws(dict, v);
        let (n, end) = parse_uint(dict, a)?;
        // `12 0 R`?
        let b = skip_ws(dict, end);
        if let Some((_, gen_end)) = parse_uint(dict, b) {
            let c = skip_ws(dict, gen_end);
            if dict.get(c) == Some(&b'R') {
                return Some((None, v, c + 1));
            }
        }
        return Some((Some(n), v, end));
    }
}

fn length_value(dict: &[u8]) -> Option<(u64, (usize, usize))> {
    let (n, a, b) = length_span(dict)?;
    Some((n?, (a, b)))
}

/// The dictionary with its `/Length` set to `len` (direct; added when missing).
pub fn set_length(dict: &[u8], len: usize) -> Vec<u8> {
    let value = format!(" {len}");
    match length_span(dict) {
        Some((_, a, b)) => [&dict[..a], value.as_bytes(), &dict[b..]].concat(),
        None => {
            let open = 2.min(dict.len());
            [
                &dict[..open],
                b"/Length",
                value.as_bytes(),
                b" ",
                &dict[open..],
            ]
            .concat()
        }
    }
}

/// Inflates a zlib stream; a truncated or damaged one gives what could be read, if anything.
pub fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let res = ZlibDecoder::new(data)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out);
    if out.len() > MAX_INFLATED || (res.is_err() && out.is_empty()) {
        return None;
    }
    Some(out)
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::with_capacity(data.len() / 2 + 16), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// The file with stream `s`'s data replaced by `new_data` (already encoded), its `/Length`
/// fixed and every classic xref offset and `startxref` after the stream shifted.
pub fn restream(pdf: &[u8], s: &Stream, new_data: &[u8]) -> Vec<u8> {
    let (Some(head), Some(between), Some(tail)) = (
        pdf.get(..s.dict_start),
        pdf.get(s.dict_end..s.data_start),
        pdf.get(s.data_end..),
    ) else {
        return pdf.to_vec();
    };
    let dict = set_length(s.dict(pdf), new_data.len());
    let mut out = Vec::with_capacity(pdf.len() + new_data.len());
    out.extend_from_slice(head);
    out.extend_from_slice(&dict);
    out.extend_from_slice(between);
    out.extend_from_slice(new_data);
    out.extend_from_slice(tail);
    let delta = out.len() as i64 - pdf.len() as i64;
    if delta != 0 {
        shift_offsets(&mut out, s.dict_start as u64, delta);
    }
    out
}

/// Adds `delta` to every in-use classic xref entry and `startxref` value above `pivot`.
/// Entries keep their 10 digits; a `startxref` keeps its width when the new value fits.
pub fn shift_offsets(pdf: &mut Vec<u8>, pivot: u64, delta: i64) {
    let shift = |v: u64| -> Option<u64> {
        if v > pivot {
            u64::try_from(v as i64 + delta).ok()
        } else {
            None
        }
    };
    // Classic tables: `xref` then subsections `start count` of 20-byte entries.
    let mut from = 0;
    while let Some(x) = find_from(pdf, b"xref", from) {
        from = x + 4;
        if x >= 5 && &pdf[x - 5..x] == b"start" {
            continue;
        }
        if !pdf.get(x + 4).is_some_and(|b| is_ws(*b)) {
            continue;
        }
        let mut i = skip_ws(pdf, x + 4);
        while let Some((_, a)) = parse_uint(pdf, i) {
            let Some((count, b)) = parse_uint(pdf, skip_ws(pdf, a)) else {
                break;
            };
            i = skip_ws(pdf, b);
            for _ in 0..count {
                let Some((off, o_end)) = parse_uint(pdf, i) else {
                    break;
                };
                let Some((_, g_end)) = parse_uint(pdf, skip_ws(pdf, o_end)) else {
                    break;
                };
                let t = skip_ws(pdf, g_end);
                if pdf.get(t) == Some(&b'n') && o_end - i == 10 {
                    if let Some(new) = shift(off).filter(|n| *n < 10_000_000_000) {
                        pdf[i..o_end].copy_from_slice(format!("{new:010}").as_bytes());
                    }
                }
                i = skip_ws(pdf, t + 1);
            }
        }
        from = from.max(i);
    }
    // `startxref N`, last first so that a growing number does not move the earlier ones.
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(x) = find_from(pdf, b"startxref", from) {
        from = x + 9;
        let a = skip_ws(pdf, from);
        if let Some((v, b)) = parse_uint(pdf, a) {
            hits.push((a, b, v));
        }
    }
    for (a, b, v) in hits.into_iter().rev() {
        if let Some(new) = shift(v) {
            let width = b - a;
            let text = format!("{new:0width$}");
            pdf.splice(a..b, text.into_bytes());
        }
    }
}

/// A small deterministic generator (xorshift32) seeded from libFuzzer's seed.
pub struct Rng(u32);

impl Rng {
    pub fn new(seed: u32) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9) | 1)
    }
    pub fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }
}

/// A byte mutator: `(buffer, size, max_size) -> new size`, like `libfuzzer_sys::fuzzer_mutate`.
pub type ByteMutator<'a> = &'a mut dyn FnMut(&mut [u8], usize, usize) -> usize;

/// Mutates the decoded data of stream `s` of `pdf` and returns the whole new file.
pub fn mutate_stream(pdf: &[u8], s: &Stream, mutate: ByteMutator) -> Vec<u8> {
    let raw = s.data(pdf);
    let inflated = if s.is_flate(pdf) { inflate(raw) } else { None };
    let flate = inflated.is_some();
    let mut body = inflated.unwrap_or_else(|| raw.to_vec());
    if body.is_empty() {
        body.push(b' ');
    }
    let len = body.len();
    let max = len + len.clamp(64, 64 << 10);
    body.resize(max, 0);
    let n = mutate(&mut body, len, max).min(max);
    body.truncate(n);
    let encoded = if flate { deflate(&body) } else { body };
    restream(pdf, s, &encoded)
}

/// libFuzzer's custom mutator: `data[..size]` is the input, `data.len()` its room, the
/// returned length the new input's. Falls back to `mutate` on the whole file when the input
/// has no stream, when the result would not fit, and one time in eight.
pub fn mutate_pdf(
    data: &mut [u8],
    size: usize,
    max_size: usize,
    seed: u32,
    mutate: ByteMutator,
) -> usize {
    let max_size = max_size.min(data.len());
    let size = size.min(max_size);
    let mut rng = Rng::new(seed);
    let plain = |data: &mut [u8], mutate: ByteMutator| mutate(data, size, max_size).min(max_size);
    let roll = rng.below(16);
    if roll < 2 {
        return plain(data, mutate);
    }
    let pdf = &data[..size];
    let out = if roll == 2 {
        match to_xref_stream(pdf, rng.below(2) == 0) {
            Some(out) => out,
            None => return plain(data, mutate),
        }
    } else {
        let streams = find_streams(pdf);
        // Images are decoded by nobody here; seldom worth a mutation.
        let picks: Vec<&Stream> = streams
            .iter()
            .filter(|s| s.kind(pdf) != Kind::Image || rng.below(8) == 0)
            .collect();
        if picks.is_empty() {
            return plain(data, mutate);
        }
        let s = *picks[rng.below(picks.len())];
        mutate_stream(pdf, &s, mutate)
    };
    if out.len() > max_size {
        return plain(data, mutate);
    }
    data[..out.len()].copy_from_slice(&out);
    out.len()
}

/// The classic xref entries of the file (later tables override earlier ones): object number →
/// (type, field 2, field 3) as an xref stream stores them.
fn classic_entries(pdf: &[u8]) -> Vec<(u64, u8, u64, u64)> {
    let mut map = std::collections::BTreeMap::new();
    let mut from = 0;
    while let Some(x) = find_from(pdf, b"xref", from) {
        from = x + 4;
        if (x >= 5 && &pdf[x - 5..x] == b"start") || !pdf.get(x + 4).is_some_and(|b| is_ws(*b)) {
            continue;
        }
        let mut i = skip_ws(pdf, x + 4);
        while let Some((start, a)) = parse_uint(pdf, i) {
            let Some((count, b)) = parse_uint(pdf, skip_ws(pdf, a)) else {
                break;
            };
            i = skip_ws(pdf, b);
            for k in 0..count.min(1 << 20) {
                let Some((off, o_end)) = parse_uint(pdf, i) else {
                    break;
                };
                let Some((gen, g_end)) = parse_uint(pdf, skip_ws(pdf, o_end)) else {
                    break;
                };
                let t = skip_ws(pdf, g_end);
                let ty = match pdf.get(t) {
                    Some(b'n') => 1,
                    Some(b'f') => 0,
                    _ => break,
                };
                map.insert(start.saturating_add(k), (ty, off, gen));
                i = skip_ws(pdf, t + 1);
            }
        }
    }
    map.into_iter().map(|(n, (t, a, b))| (n, t, a, b)).collect()
}

/// The value of `key` in the last trailer: a reference `n g R`, or an array `[…]`.
fn trailer_value<'a>(trailer: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let k = find(trailer, key)?;
    let a = skip_ws(trailer, k + key.len());
    if trailer.get(a) == Some(&b'[') {
        let b = find_from(trailer, b"]", a)?;
        return trailer.get(a..=b);
    }
    let (_, n_end) = parse_uint(trailer, a)?;
    let (_, g_end) = parse_uint(trailer, skip_ws(trailer, n_end))?;
    let r = skip_ws(trailer, g_end);
    (trailer.get(r) == Some(&b'R')).then(|| &trailer[a..=r])
}

/// The file with an xref stream appended (and `startxref` pointing at it) holding the same
/// entries as its classic table, optionally PNG-Up predicted. None when there is no table.
pub fn to_xref_stream(pdf: &[u8], predictor: bool) -> Option<Vec<u8>> {
    if find(pdf, b"/XRef").is_some() {
        return None;
    }
    let entries = classic_entries(pdf);
    if entries.is_empty() {
        return None;
    }
    let t = rfind(pdf, b"trailer")?;
    let trailer = &pdf[t..];
    let trailer = &trailer[..find(trailer, b">>").map_or(trailer.len(), |e| e + 2)];
    let root = trailer_value(trailer, b"/Root")?;
    let size = entries.last().map_or(0, |e| e.0) + 1;
    let this = size;
    let mut body = pdf.to_vec();
    if !body.ends_with(b"\n") {
        body.push(b'\n');
    }
    let offset = body.len() as u64;
    // Rows of /W [1 4 2]: type, offset (or next free), generation.
    const COLS: usize = 7;
    let mut rows = vec![[0u8; COLS]; (size + 1).min(1 << 20) as usize];
    for &(n, ty, f2, f3) in &entries {
        if let Some(row) = rows.get_mut(n as usize) {
            row[0] = ty;
            row[1..5].copy_from_slice(&(f2.min(u32::MAX as u64) as u32).to_be_bytes());
            row[5..7].copy_from_slice(&(f3.min(0xFFFF) as u16).to_be_bytes());
        }
    }
    if let Some(row) = rows.get_mut(this as usize) {
        row[0] = 1;
        row[1..5].copy_from_slice(&(offset.min(u32::MAX as u64) as u32).to_be_bytes());
    }
    let mut raw = Vec::with_capacity(rows.len() * (COLS + 1));
    let mut prev = [0u8; COLS];
    for row in &rows {
        if predictor {
            raw.push(2); // PNG Up
            for c in 0..COLS {
                raw.push(row[c].wrapping_sub(prev[c]));
            }
            prev = *row;
        } else {
            raw.extend_from_slice(row);
        }
    }
    let data = deflate(&raw);
    let mut dict = format!(
        "<< /Type /XRef /Size {} /W [1 4 2] /Root {}",
        rows.len(),
        String::from_utf8_lossy(root)
    );
    for key in [&b"/Info"[..], b"/ID", b"/Encrypt"] {
        if let Some(v) = trailer_value(trailer, key) {
            dict.push_str(&format!(
                " {} {}",
                String::from_utf8_lossy(key),
                String::from_utf8_lossy(v)
            ));
        }
    }
    if predictor {
        dict.push_str(" /DecodeParms << /Predictor 12 /Columns 7 >>");
    }
    dict.push_str(&format!(" /Filter /FlateDecode /Length {} >>", data.len()));
    body.extend_from_slice(format!("{this} 0 obj\n{dict}\nstream\n").as_bytes());
    body.extend_from_slice(&data);
    body.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{offset}\n%%EOF\n").as_bytes());
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with a compressed content stream and a correct classic xref table.
    fn tiny_pdf(content: &[u8]) -> Vec<u8> {
        let data = deflate(content);
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offs = Vec::new();
        let objs: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
            [
                format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", data.len()).as_bytes(),
                &data,
                b"\nendstream",
            ]
            .concat(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ];
        for (k, o) in objs.iter().enumerate() {
            offs.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
            pdf.extend_from_slice(o);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offs {
            pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        pdf
    }

    /// Every in-use classic entry points at `n g obj`, and `startxref` at `xref`.
    fn assert_offsets_valid(pdf: &[u8]) {
        let entries = classic_entries(pdf);
        assert!(!entries.is_empty());
        for (n, ty, off, _) in entries {
            if ty == 1 {
                let at = &pdf[off as usize..];
                assert!(
                    at.starts_with(format!("{n} 0 obj").as_bytes()),
                    "object {n} not at {off}: {:?}",
                    String::from_utf8_lossy(&at[..at.len().min(20)])
                );
            }
        }
        let s = rfind(pdf, b"startxref").unwrap();
        let (v, _) = parse_uint(pdf, skip_ws(pdf, s + 9)).unwrap();
        let at = &pdf[v as usize..];
        assert!(at.starts_with(b"xref") || find(&at[..at.len().min(200)], b"/XRef").is_some());
    }

    const TEXT: &[u8] = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET";

    #[test]
    fn finds_the_stream_and_its_data() {
        let pdf = tiny_pdf(TEXT);
        let s = find_streams(&pdf);
        assert_eq!(s.len(), 1);
        assert!(s[0].is_flate(&pdf));
        assert_eq!(s[0].kind(&pdf), Kind::Other);
        assert_eq!(inflate(s[0].data(&pdf)).unwrap(), TEXT);
        assert_offsets_valid(&pdf);
    }

    #[test]
    fn round_trip_inflate_mutate_deflate_fix_length() {
        let pdf = tiny_pdf(TEXT);
        let s = find_streams(&pdf)[0];
        let mut append = |buf: &mut [u8], size: usize, max: usize| {
            let extra = b" 0 0 m 100 100 l S".repeat(50);
            let n = (size + extra.len()).min(max);
            buf[size..n].copy_from_slice(&extra[..n - size]);
            n
        };
        let out = mutate_stream(&pdf, &s, &mut append);
        assert_ne!(out.len(), pdf.len());
        let t = find_streams(&out);
        assert_eq!(t.len(), 1);
        let inflated = inflate(t[0].data(&out)).unwrap();
        assert!(inflated.starts_with(TEXT) && inflated.len() == TEXT.len() + 64);
        let (len, _) = length_value(t[0].dict(&out)).unwrap();
        assert_eq!(len as usize, t[0].data_end - t[0].data_start);
        assert_offsets_valid(&out);
        // The converter still reads the page and its one text run.
        let ed = kouteihyo::input::convert_bytes("tiny.pdf", &out);
        let ed0 = kouteihyo::input::convert_bytes("tiny.pdf", &pdf);
        assert_eq!(format!("{:?}", ed.is_ok()), format!("{:?}", ed0.is_ok()));
    }

    #[test]
    fn indirect_and_missing_lengths_become_direct() {
        assert_eq!(
            set_length(b"<< /Length 12 0 R /Filter /FlateDecode >>", 7),
            b"<< /Length 7 /Filter /FlateDecode >>"
        );
        assert_eq!(
            set_length(b"<< /Length1 5 /Length 3 >>", 10),
            b"<< /Length1 5 /Length 10 >>"
        );
        assert_eq!(set_length(b"<< >>", 4), b"<</Length 4  >>");
    }

    #[test]
    fn mutate_pdf_never_outgrows_its_room_and_never_panics() {
        let pdf = tiny_pdf(TEXT);
        let mut grow = |buf: &mut [u8], size: usize, max: usize| {
            let n = (size * 3).min(max);
            for b in &mut buf[size..n] {
                *b = b'x';
            }
            n
        };
        for seed in 0..200u32 {
            for room in [0, 10, pdf.len(), pdf.len() + 100, pdf.len() * 4] {
                let mut data = pdf.clone();
                data.resize(room.max(pdf.len()), 0);
                let n = mutate_pdf(&mut data, pdf.len().min(room), room, seed, &mut grow);
                assert!(n <= room);
            }
        }
        // Garbage in: no panic.
        for seed in 0..50u32 {
            let mut junk =
                b"<<>>stream\n<< >> stream\r\nendstream xref 0 9 startxref 99999999999999999999"
                    .to_vec();
            let size = junk.len();
            junk.resize(size * 2, 0);
            let max = junk.len();
            mutate_pdf(&mut junk, size, max, seed, &mut grow);
        }
    }

    #[test]
    fn xref_stream_rewrite_reads_the_same() {
        let pdf = tiny_pdf(TEXT);
        for predictor in [false, true] {
            let out = to_xref_stream(&pdf, predictor).unwrap();
            let s = *find_streams(&out).last().unwrap();
            assert_eq!(s.kind(&out), Kind::XRef);
            let a = kouteihyo::input::convert_bytes("tiny.pdf", &pdf).map(|e| reading(&e));
            let b = kouteihyo::input::convert_bytes("tiny.pdf", &out).map(|e| reading(&e));
            assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
        }
    }

    /// What the converter read, without the source's size and hash.
    fn reading(e: &kouteihyo::edition::Edition) -> String {
        format!("{:?}\n{:?}\n{:?}", e.title, e.warnings, e.sheets)
    }

    /// Re-deflating every stream of the fixture PDFs changes nothing the converter reads.
    #[test]
    fn identity_restream_of_fixtures_converts_the_same() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/pdf-variants");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let pdf = std::fs::read(&path).unwrap();
            let mut out = pdf.clone();
            let count = find_streams(&pdf).len();
            for k in 0..count {
                let s = find_streams(&out)[k];
                let mut same = |_: &mut [u8], size: usize, _: usize| size;
                out = mutate_stream(&out, &s, &mut same);
            }
            let name = path.file_name().unwrap().to_str().unwrap();
            let a = kouteihyo::input::convert_bytes(name, &pdf).map(|e| reading(&e));
            let b = kouteihyo::input::convert_bytes(name, &out).map(|e| reading(&e));
            match (a, b) {
                (Ok(a), Ok(b)) => assert!(a == b, "{name} reads differently after restreaming"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{name}"),
                (a, b) => panic!("{name}: {:?} vs {:?}", a.is_ok(), b.is_ok()),
            }
            seen += 1;
        }
        assert!(seen > 10);
    }
}

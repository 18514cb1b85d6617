//! Turns the raw bytes of a text-dump file into a `String`, detecting its encoding and line endings.

use std::borrow::Cow;

/// How many leading bytes (or chars) are sampled by the heuristics.
const SAMPLE: usize = 4096;

/// The text encoding a file was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a leading byte-order mark (EF BB BF).
    Utf8Bom,
    /// Shift_JIS, decoded as the CP932 / Windows-31J superset.
    ShiftJis,
    /// UTF-16 little-endian, with or without a byte-order mark.
    Utf16le,
    /// UTF-16 big-endian, with or without a byte-order mark.
    Utf16be,
}

impl Encoding {
    /// The conventional name of the encoding, as written in reports.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::ShiftJis => "shift_jis",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
        }
    }
}

/// The line endings found in the decoded text (before normalisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndings {
    /// Only `"\n"`.
    Lf,
    /// Only `"\r\n"`.
    Crlf,
    /// Only lone `"\r"`.
    Cr,
    /// More than one kind.
    Mixed,
    /// No line break at all.
    None,
}

/// A successfully decoded text dump.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with any BOM removed and every line ending converted to `"\n"`.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: Encoding,
    /// The line endings the text had before normalisation.
    pub line_endings: LineEndings,
}

pub use crate::error::DecodeError;

/// Decodes the bytes of a text dump, detecting its encoding and line endings.
///
/// Detection runs in this order:
///
/// 1. an empty file is [`DecodeError::Empty`];
/// 2. a byte-order mark decides the encoding (UTF-8, UTF-16LE or UTF-16BE);
/// 3. signatures of well-known binary formats (PDF, ZIP, PNG, ...) are refused
///    with a reason naming the format;
/// 4. BOM-less UTF-16 is recognised from the pattern of zero bytes;
/// 5. any remaining NUL byte means binary data;
/// 6. valid UTF-8 is taken as UTF-8;
/// 7. otherwise Shift_JIS (the WHATWG flavour, i.e. CP932 / Windows-31J) is tried,
///    unless the bytes are clearly damaged UTF-8;
/// 8. the decoded text is checked for control characters and for being blank;
/// 9. line endings are counted and normalised to `"\n"`.
///
/// Never panics, whatever the input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, encoding) = detect_and_decode(bytes)?;
    finish(text, encoding)
}

/// Steps 2 to 7: picks the encoding and decodes the bytes with it.
fn detect_and_decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), DecodeError> {
    // Byte-order marks decide outright.
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok((Cow::Borrowed(s), Encoding::Utf8Bom)),
            Err(e) => Err(DecodeError::Undecodable {
                offset: 3 + e.valid_up_to(),
            }),
        };
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(body, false)
            .map(|s| (Cow::Owned(s), Encoding::Utf16le))
            .ok_or_else(|| DecodeError::Undecodable {
                offset: 2 + utf16_error_offset(body, false),
            });
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(body, true)
            .map(|s| (Cow::Owned(s), Encoding::Utf16be))
            .ok_or_else(|| DecodeError::Undecodable {
                offset: 2 + utf16_error_offset(body, true),
            });
    }

    // Known binary formats. Checked before the BOM-less UTF-16 heuristic so
    // that a ZIP or an image full of zero bytes is named for what it is.
    if let Some(reason) = binary_signature(bytes) {
        return Err(DecodeError::Binary(reason.to_string()));
    }

    // UTF-16 without a BOM, recognised by where the zero bytes sit.
    if let Some(big_endian) = guess_bomless_utf16(bytes) {
        if let Some(s) = decode_utf16(bytes, big_endian) {
            let encoding = if big_endian {
                Encoding::Utf16be
            } else {
                Encoding::Utf16le
            };
            return Ok((Cow::Owned(s), encoding));
        }
    }

    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
    }

    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((Cow::Borrowed(s), Encoding::Utf8)),
        Err(e) => e,
    };
    let offset = utf8_error.valid_up_to();

    // Text that is overwhelmingly valid UTF-8 with a few bad bytes is damaged
    // UTF-8; decoding it as Shift_JIS would often "succeed" and yield mojibake.
    if looks_like_damaged_utf8(bytes, &utf8_error) {
        return Err(DecodeError::Undecodable { offset });
    }

    match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s, Encoding::ShiftJis)),
        // Neither decodes. The encoding that reads further is the likelier one, and its first
        // bad byte is the one to report: for a Shift_JIS file with one bad byte, the UTF-8
        // offset would point at its first Japanese character instead.
        None => Err(DecodeError::Undecodable {
            offset: offset.max(shift_jis_error_offset(bytes)),
        }),
    }
}

/// Offset of the first byte sequence that Shift_JIS (CP932) cannot decode.
fn shift_jis_error_offset(bytes: &[u8]) -> usize {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = vec![0u8; 4096];
    let mut read_total = 0;
    loop {
        let (result, read, _) =
            decoder.decode_to_utf8_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return bytes.len(),
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(bad, after) => {
                return read_total.saturating_sub(usize::from(bad) + usize::from(after));
            }
        }
    }
}

/// Steps 8 and 9: refuses control-character soup and blank text, then
/// detects and normalises the line endings.
fn finish(text: Cow<'_, str>, encoding: Encoding) -> Result<Decoded, DecodeError> {
    if let Some(reason) = control_character_problem(&text) {
        return Err(DecodeError::Binary(reason));
    }
    if text.is_empty() {
        // Only a byte-order mark: nothing in the file.
        return Err(DecodeError::Empty);
    }
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Blank);
    }
    let line_endings = line_endings_of(&text);
    let text = if text.contains('\r') {
        normalize_line_endings(&text)
    } else {
        text.into_owned()
    };
    Ok(Decoded {
        text,
        encoding,
        line_endings,
    })
}

/// The reason for refusing a file that starts with the signature of a known
/// binary format, if it does.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "starts with a PDF signature (%PDF-); PDF input is handled by the PDF front-end",
        ),
        (
            b"PK\x03\x04",
            "looks like a ZIP archive (or an Office document such as .docx or .xlsx)",
        ),
        (b"PK\x05\x06", "looks like an empty ZIP archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "looks like a legacy Office document (.doc, .xls or .ppt)",
        ),
        (b"\x89PNG", "starts with a PNG image signature"),
        (b"\xFF\xD8\xFF", "starts with a JPEG image signature"),
        (b"GIF8", "starts with a GIF image signature"),
        (b"\x7FELF", "starts with an ELF executable signature"),
        (b"\x1F\x8B", "looks like gzip-compressed data"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, reason)| reason)
}

/// Guesses BOM-less UTF-16 from the first [`SAMPLE`] bytes: ASCII-heavy
/// UTF-16LE has zero bytes at odd offsets and (almost) none at even offsets,
/// UTF-16BE the other way round. Returns `Some(true)` for big-endian,
/// `Some(false)` for little-endian, `None` when neither pattern shows.
fn guess_bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let even_total = sample.len().div_ceil(2);
    let odd_total = sample.len() / 2;
    if odd_total == 0 {
        return None;
    }
    let mut even_zero = 0usize;
    let mut odd_zero = 0usize;
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even_zero += 1;
            } else {
                odd_zero += 1;
            }
        }
    }
    // At least 30 % zeros on one side, at most 10 % on the other. The other
    // side is allowed a few zeros because characters such as U+3000
    // (ideographic space) and U+4E00 have a zero low byte.
    let many = |zeros: usize, total: usize| zeros * 10 >= total * 3;
    let few = |zeros: usize, total: usize| zeros * 10 <= total;
    if many(odd_zero, odd_total) && few(even_zero, even_total) {
        Some(false)
    } else if many(even_zero, even_total) && few(odd_zero, odd_total) {
        Some(true)
    } else {
        None
    }
}

/// Decodes UTF-16 without BOM handling; `None` on any malformed sequence
/// (unpaired surrogate, odd trailing byte).
fn decode_utf16(body: &[u8], big_endian: bool) -> Option<String> {
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(Cow::into_owned)
}

/// The byte offset (within `body`) of the first malformed UTF-16 code unit.
/// Returns `body.len()` if there is none.
fn utf16_error_offset(body: &[u8], big_endian: bool) -> usize {
    let unit_at = |i: usize| -> Option<u16> {
        let pair = body.get(i..i + 2)?;
        let pair = [pair[0], pair[1]];
        Some(if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        })
    };
    let mut i = 0;
    while i < body.len() {
        let Some(unit) = unit_at(i) else {
            // A lone trailing byte.
            return i;
        };
        match unit {
            0xD800..=0xDBFF => match unit_at(i + 2) {
                Some(0xDC00..=0xDFFF) => i += 4,
                _ => return i,
            },
            0xDC00..=0xDFFF => return i,
            _ => i += 2,
        }
    }
    body.len()
}

/// True when invalid UTF-8 is nonetheless mostly well-formed multi-byte
/// UTF-8: either it is valid up to a multi-byte sequence cut off at the very
/// end (a truncated file), or it has many more bytes in valid multi-byte
/// sequences than invalid bytes. Genuine Shift_JIS Japanese text rarely forms
/// valid UTF-8 sequences, since its most common lead bytes (0x81..=0x9F) are
/// UTF-8 continuation bytes.
fn looks_like_damaged_utf8(bytes: &[u8], error: &std::str::Utf8Error) -> bool {
    const MIN_MULTIBYTE: usize = 6;
    let multibyte_in = |s: &str| -> usize {
        s.chars()
            .filter(|c| !c.is_ascii())
            .map(char::len_utf8)
            .sum()
    };
    if error.error_len().is_none() {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        if let Ok(prefix) = std::str::from_utf8(valid) {
            if multibyte_in(prefix) >= MIN_MULTIBYTE {
                return true;
            }
        }
    }
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += multibyte_in(chunk.valid());
        invalid += chunk.invalid().len();
    }
    multibyte >= MIN_MULTIBYTE && multibyte >= invalid.saturating_mul(8)
}

/// Whether a control character (other than tab, LF, CR and form feed) counts
/// as a sign of binary data.
fn is_suspicious_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')
}

/// A reason to refuse the text when it holds too many control characters:
/// more than 8 among its first [`SAMPLE`] chars, or (once there are at least
/// two) more than 1 % of all its chars.
fn control_character_problem(text: &str) -> Option<String> {
    let mut total_chars = 0usize;
    let mut total_controls = 0usize;
    let mut sample_controls = 0usize;
    let mut first: Option<(usize, char)> = None;
    for (n, c) in text.chars().enumerate() {
        total_chars += 1;
        if is_suspicious_control(c) {
            total_controls += 1;
            if n < SAMPLE {
                sample_controls += 1;
            }
            if first.is_none() {
                first = Some((n, c));
            }
        }
    }
    let too_many_in_sample = sample_controls > 8;
    let too_high_share = total_controls >= 2 && total_controls * 100 > total_chars;
    if !(too_many_in_sample || too_high_share) {
        return None;
    }
    let (index, c) = first?;
    Some(format!(
        "control characters: {total_controls} of {total_chars} characters, the first U+{:04X} at character {index}",
        c as u32
    ))
}

/// Classifies the line endings of `text`.
fn line_endings_of(text: &str) -> LineEndings {
    let bytes = text.as_bytes();
    let (mut crlf, mut cr, mut lf) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            b'\n' => lf += 1,
            _ => {}
        }
        i += 1;
    }
    match (crlf > 0, cr > 0, lf > 0) {
        (false, false, false) => LineEndings::None,
        (true, false, false) => LineEndings::Crlf,
        (false, true, false) => LineEndings::Cr,
        (false, false, true) => LineEndings::Lf,
        _ => LineEndings::Mixed,
    }
}

/// Converts every `"\r\n"` and lone `"\r"` into `"\n"`.
fn normalize_line_endings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_TEXT: &str = "各施策のスケジュール・工程表①\n\t2024年夏\t2024年末\n";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut units: Vec<u16> = Vec::new();
        if bom {
            units.push(0xFEFF);
        }
        units.extend(text.encode_utf16());
        for u in units {
            if big_endian {
                out.extend_from_slice(&u.to_be_bytes());
            } else {
                out.extend_from_slice(&u.to_le_bytes());
            }
        }
        out
    }

    fn shift_jis(text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!had_errors, "test text must be encodable in Shift_JIS");
        bytes.into_owned()
    }

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes) {
            Ok(d) => d,
            Err(e) => panic!("expected Ok, got {e:?}"),
        }
    }

    fn err(bytes: &[u8]) -> DecodeError {
        match decode(bytes) {
            Ok(d) => panic!("expected an error, got {d:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Encoding::Utf8.label(), "utf-8");
        assert_eq!(Encoding::Utf8Bom.label(), "utf-8-bom");
        assert_eq!(Encoding::ShiftJis.label(), "shift_jis");
        assert_eq!(Encoding::Utf16le.label(), "utf-16le");
        assert_eq!(Encoding::Utf16be.label(), "utf-16be");
    }

    #[test]
    fn utf8_japanese() {
        let d = ok(SAMPLE_TEXT.as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, SAMPLE_TEXT);
        assert_eq!(d.line_endings, LineEndings::Lf);
    }

    #[test]
    fn ascii_is_utf8() {
        let d = ok(b"Roadmap\t2024\nsecond line");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "Roadmap\t2024\nsecond line");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE_TEXT.as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, SAMPLE_TEXT);
        assert!(!d.text.starts_with('\u{FEFF}'));
    }

    #[test]
    fn utf8_bom_with_invalid_body_reports_offset_from_file_start() {
        let mut bytes = b"\xEF\xBB\xBFab".to_vec();
        bytes.push(0xFF);
        assert_eq!(err(&bytes), DecodeError::Undecodable { offset: 5 });
    }

    #[test]
    fn bom_only_is_empty() {
        assert_eq!(err(b"\xEF\xBB\xBF"), DecodeError::Empty);
        assert_eq!(err(b"\xFF\xFE"), DecodeError::Empty);
        assert_eq!(err(b"\xFE\xFF"), DecodeError::Empty);
    }

    #[test]
    fn shift_jis_errors_name_the_first_byte_shift_jis_cannot_read() {
        // Valid Shift_JIS text, then 0x85 0x40 (unassigned in CP932) at offset 8.
        let mut bytes = shift_jis("工程表の件");
        let at = bytes.len();
        bytes.extend_from_slice(b"\x85\x40 tail");
        assert_eq!(at, 10);
        assert_eq!(err(&bytes), DecodeError::Undecodable { offset: at });
    }

    #[test]
    fn shift_jis_japanese() {
        let bytes = shift_jis(SAMPLE_TEXT);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = ok(&bytes);
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert_eq!(d.text, SAMPLE_TEXT);
        assert_eq!(d.line_endings, LineEndings::Lf);
    }

    #[test]
    fn shift_jis_cp932_only_characters() {
        // ① is 0x87 0x40 and ～ (FULLWIDTH TILDE) is 0x81 0x60 in CP932.
        let mut bytes = b"\x87\x40 2024".to_vec();
        bytes.extend_from_slice(b"\x81\x60");
        bytes.extend_from_slice(b"2025\r\n");
        let d = ok(&bytes);
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert_eq!(d.text, "① 2024～2025\n");
        assert_eq!(d.line_endings, LineEndings::Crlf);
    }

    #[test]
    fn shift_jis_longer_text_is_not_mistaken_for_damaged_utf8() {
        let text =
            "工程表（令和６年度）\n医薬品の研究開発・創薬力の強化に向けた各施策のスケジュール\n"
                .repeat(20);
        let d = ok(&shift_jis(&text));
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16le_with_bom() {
        let d = ok(&utf16(SAMPLE_TEXT, false, true));
        assert_eq!(d.encoding, Encoding::Utf16le);
        assert_eq!(d.text, SAMPLE_TEXT);
    }

    #[test]
    fn utf16be_with_bom() {
        let d = ok(&utf16(SAMPLE_TEXT, true, true));
        assert_eq!(d.encoding, Encoding::Utf16be);
        assert_eq!(d.text, SAMPLE_TEXT);
    }

    #[test]
    fn utf16le_without_bom() {
        let d = ok(&utf16(SAMPLE_TEXT, false, false));
        assert_eq!(d.encoding, Encoding::Utf16le);
        assert_eq!(d.text, SAMPLE_TEXT);
    }

    #[test]
    fn utf16be_without_bom() {
        let d = ok(&utf16(SAMPLE_TEXT, true, false));
        assert_eq!(d.encoding, Encoding::Utf16be);
        assert_eq!(d.text, SAMPLE_TEXT);
    }

    #[test]
    fn utf16_with_crlf_is_normalized() {
        let d = ok(&utf16("工程表\r\n2024年\r\n", false, true));
        assert_eq!(d.text, "工程表\n2024年\n");
        assert_eq!(d.line_endings, LineEndings::Crlf);
    }

    #[test]
    fn utf16_with_bom_and_unpaired_surrogate_is_undecodable() {
        // BOM, 'a', then a lone high surrogate followed by 'b'.
        let bytes = [0xFF, 0xFE, b'a', 0x00, 0x00, 0xD8, b'b', 0x00];
        assert_eq!(err(&bytes), DecodeError::Undecodable { offset: 4 });
        // BOM, 'a', then a lone trailing byte.
        let bytes = [0xFE, 0xFF, 0x00, b'a', 0x00];
        assert_eq!(err(&bytes), DecodeError::Undecodable { offset: 4 });
    }

    #[test]
    fn line_endings_detected_and_normalized() {
        let cases: [(&str, LineEndings); 6] = [
            ("a\nb\n", LineEndings::Lf),
            ("a\r\nb\r\n", LineEndings::Crlf),
            ("a\rb\r", LineEndings::Cr),
            ("a\r\nb\nc\rd", LineEndings::Mixed),
            ("a\r\nb\nc", LineEndings::Mixed),
            ("no line break", LineEndings::None),
        ];
        for (input, expected) in cases {
            let d = ok(input.as_bytes());
            assert_eq!(d.line_endings, expected, "input {input:?}");
            assert!(!d.text.contains('\r'), "input {input:?}");
        }
        assert_eq!(ok(b"a\r\nb\r\n").text, "a\nb\n");
        assert_eq!(ok(b"a\rb\r").text, "a\nb\n");
        assert_eq!(ok(b"a\r\nb\nc\rd").text, "a\nb\nc\nd");
        assert_eq!(ok(b"a\r\r\nb").text, "a\n\nb");
        assert_eq!(ok(b"no line break").text, "no line break");
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(err(b""), DecodeError::Empty);
        assert_eq!(err(b"  \n\t "), DecodeError::Blank);
        assert_eq!(err(b"\r\n\r\n"), DecodeError::Blank);
        // An ideographic space only, in UTF-8.
        assert_eq!(err("\u{3000}\n".as_bytes()), DecodeError::Blank);
    }

    #[test]
    fn pdf_is_binary_with_reason() {
        let e = err(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
        assert_eq!(
            e,
            DecodeError::Binary(
                "starts with a PDF signature (%PDF-); PDF input is handled by the PDF front-end"
                    .to_string()
            )
        );
        assert!(e
            .to_string()
            .starts_with("binary data, not a text dump (starts with a PDF"));
    }

    #[test]
    fn other_signatures_are_binary() {
        let cases: [(&[u8], &str); 7] = [
            (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
            (b"\x89PNG\r\n\x1A\n", "PNG"),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "JPEG"),
            (b"GIF89a\x01\x00", "GIF"),
            (b"\x7FELF\x02\x01\x01", "ELF"),
            (b"\x1F\x8B\x08\x00", "gzip"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", "legacy Office"),
        ];
        for (bytes, name) in cases {
            match decode(bytes) {
                Err(DecodeError::Binary(reason)) => {
                    assert!(reason.contains(name), "{name}: {reason}")
                }
                other => panic!("{name}: expected Binary, got {other:?}"),
            }
        }
    }

    #[test]
    fn nul_byte_is_binary() {
        assert_eq!(
            err(b"hello world\x00 and more text here"),
            DecodeError::Binary("NUL byte at offset 11".to_string())
        );
    }

    #[test]
    fn control_characters_are_binary() {
        let mut text = String::from("header line\n");
        for _ in 0..10 {
            text.push_str("x\x01y\x02");
        }
        match decode(text.as_bytes()) {
            Err(DecodeError::Binary(reason)) => assert!(reason.starts_with("control characters")),
            other => panic!("expected Binary, got {other:?}"),
        }
        // Form feeds (page breaks), tabs and line breaks are fine.
        let d = ok(b"page 1\x0Cpage 2\x0C\tcell\r\n");
        assert_eq!(d.text, "page 1\x0Cpage 2\x0C\tcell\n");
        // A single stray control character in a long text is tolerated.
        let mut long = "工程表の本文。".repeat(50);
        long.push('\x1A');
        assert_eq!(ok(long.as_bytes()).text, long);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn random_junk_is_never_ok(junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 4096)) {
            match decode(&junk) {
                Err(DecodeError::Binary(_)) | Err(DecodeError::Undecodable { .. }) => {}
                other => panic!("expected Binary or Undecodable, got {other:?}"),
            }
        }

        /// Bytes drawn from an alphabet rich in BOM, line-break, NUL, surrogate and multi-byte
        /// lead/trail bytes.
        #[test]
        fn biased_random_inputs_never_panic(bytes in proptest::collection::vec(proptest::sample::select(vec![
            0x00u8, 0x0A, 0x0D, 0x20, b'a', 0x40, 0x60, 0x7F, 0x80, 0x81, 0x87, 0x9F, 0xA0, 0xBB,
            0xBF, 0xD8, 0xDC, 0xE0, 0xE3, 0xEF, 0xFC, 0xFE, 0xFF,
        ]), 0..40)) {
            if let Ok(d) = decode(&bytes) {
                proptest::prop_assert!(!d.text.contains('\r'));
            }
        }
    }

    #[test]
    fn invalid_in_utf8_and_shift_jis_is_undecodable() {
        // 0x80 is U+0080 in Shift_JIS, so Shift_JIS reads further and its bad byte counts.
        assert_eq!(
            err(&[0x80, 0x80, 0xFF]),
            DecodeError::Undecodable { offset: 2 }
        );
        assert_eq!(err(b"abc\xFF"), DecodeError::Undecodable { offset: 3 });
    }

    #[test]
    fn damaged_utf8_is_not_decoded_as_shift_jis() {
        let mut bytes = "医薬品の研究開発に関する工程表\n".repeat(10).into_bytes();
        let bad = bytes.len();
        bytes.push(0xE9); // a Latin-1 'é', invalid here in UTF-8
        bytes.extend_from_slice("続きの本文\n".as_bytes());
        assert_eq!(err(&bytes), DecodeError::Undecodable { offset: bad });
    }

    #[test]
    fn truncated_utf8_is_not_decoded_as_shift_jis() {
        let bytes = SAMPLE_TEXT.as_bytes();
        // Cut in the middle of the second character.
        for len in [3 + 1, 3 + 2, 6 * 3 + 1] {
            let e = err(&bytes[..len]);
            let valid = len - len % 3;
            assert_eq!(e, DecodeError::Undecodable { offset: valid }, "len {len}");
        }
    }

    #[test]
    fn truncated_utf8_prefixes_never_panic() {
        let bytes = SAMPLE_TEXT.as_bytes();
        for len in 0..64 {
            let prefix = &bytes[..len.min(bytes.len())];
            let result = decode(prefix);
            if let Ok(d) = &result {
                assert!(!d.text.contains('\r'));
            }
            if len == 0 {
                assert_eq!(result.unwrap_err(), DecodeError::Empty);
            }
        }
    }

    #[test]
    fn prefixes_of_other_encodings_never_panic() {
        let inputs = [
            shift_jis(SAMPLE_TEXT),
            utf16(SAMPLE_TEXT, false, true),
            utf16(SAMPLE_TEXT, true, true),
            utf16(SAMPLE_TEXT, false, false),
            utf16(SAMPLE_TEXT, true, false),
        ];
        for input in &inputs {
            for len in 0..=input.len() {
                let _ = decode(&input[..len]);
            }
        }
    }
}

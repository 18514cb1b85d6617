//! Width folding: one folded-text type ([`Folded`]) whose folds are chosen explicitly ([`Fold`]), with offsets back to the source.
//!
//! Parsers read full-width digits, letters and marks as their ASCII forms, one dash and
//! one tilde for every look-alike, and ordinary kanji for radicals that PDF text
//! extraction yields. Which of these folds apply is the caller's choice; where a parser
//! reports source slices, [`Folded`] maps every folded byte back to the source.

use unicode_normalization::UnicodeNormalization;

/// Which full-width ASCII forms (U+FF01..=U+FF5E) become ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsciiForms {
    /// None: full-width forms are kept.
    Keep,
    /// Digits, Latin letters and the parentheses （）.
    AlnumParens,
    /// Digits, Latin letters and the marks figures are written with: （）％／，．：＜＞.
    AlnumMarks,
    /// Every full-width ASCII form.
    All,
}

/// Which blanks become a plain space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blanks {
    /// None: blanks are kept as they are.
    Keep,
    /// The ideographic space U+3000.
    Ideographic,
    /// The ideographic space, the tab and the no-break space.
    All,
}

/// The folds to apply; every field is explicit, start from [`Fold::NONE`].
///
/// Each fold maps one source character to one character, except [`Fold::half_kana`],
/// which merges a half-width katakana with its following (semi-)voiced mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// Full-width ASCII forms read as ASCII.
    pub ascii: AsciiForms,
    /// Blanks read as a plain space.
    pub blanks: Blanks,
    /// Every dash look-alike in [`DASHES`] read as `-`.
    pub dashes: bool,
    /// Every tilde look-alike in [`TILDES`] read as this character.
    pub tildes: Option<char>,
    /// The arrows in [`ARROWS`] read as `→`.
    pub arrows: bool,
    /// Half-width katakana and punctuation (U+FF61..=U+FF9F) read as full width,
    /// a following half-width (semi-)voiced mark merged into the kana.
    pub half_kana: bool,
    /// Kangxi radicals and CJK radicals supplement characters read as the kanji they stand for.
    pub radicals: bool,
}

/// Dash look-alikes folded to `-` by [`Fold::dashes`]: the full-width hyphen-minus, the minus
/// sign, the hyphens and dashes U+2010..=U+2015, the small hyphen-minus and the hyphen bullet.
/// The prolonged sound mark ー is not a dash.
pub const DASHES: &[char] = &[
    '－', '\u{2212}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}',
    '\u{FE63}', '\u{2043}',
];

/// Tilde look-alikes folded by [`Fold::tildes`]: `~`, full-width tilde, wave dash and tilde operator.
pub const TILDES: &[char] = &['~', '～', '〜', '∼'];

/// Arrows folded to `→` by [`Fold::arrows`].
pub const ARROWS: &[char] = &['⇒', '⟶', '➡', '⇨'];

impl Fold {
    /// No fold at all: the starting point for explicit options (`Fold { dashes: true, ..Fold::NONE }`).
    pub const NONE: Fold = Fold {
        ascii: AsciiForms::Keep,
        blanks: Blanks::Keep,
        dashes: false,
        tildes: None,
        arrows: false,
        half_kana: false,
        radicals: false,
    };

    /// The folded form of one character (no kana composition: see [`Folded::new`] for that).
    pub fn char(&self, c: char) -> char {
        if self.dashes && DASHES.contains(&c) {
            return '-';
        }
        if let Some(t) = self.tildes.filter(|_| TILDES.contains(&c)) {
            return t;
        }
        if self.arrows && ARROWS.contains(&c) {
            return '→';
        }
        let fullwidth = match self.ascii {
            AsciiForms::Keep => false,
            AsciiForms::AlnumParens => {
                matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '（' | '）')
            }
            AsciiForms::AlnumMarks => matches!(
                c,
                '０'..='９'
                    | 'Ａ'..='Ｚ'
                    | 'ａ'..='ｚ'
                    | '（'
                    | '）'
                    | '％'
                    | '／'
                    | '，'
                    | '．'
                    | '：'
                    | '＜'
                    | '＞'
            ),
            AsciiForms::All => ('\u{FF01}'..='\u{FF5E}').contains(&c),
        };
        if fullwidth {
            return char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        }
        let blank = match self.blanks {
            Blanks::Keep => false,
            Blanks::Ideographic => c == '\u{3000}',
            Blanks::All => matches!(c, '\u{3000}' | '\t' | '\u{A0}'),
        };
        if blank {
            return ' ';
        }
        if self.half_kana {
            if let Some(k) = half_kana(c) {
                return k;
            }
        }
        if self.radicals {
            return fold_radical(c);
        }
        c
    }

    /// The folded text without offsets.
    pub fn string(&self, text: &str) -> String {
        Folded::new(text, *self).text
    }
}

/// A text folded with a [`Fold`], with the source span of every folded byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    text: String,
    /// For every byte of `text`: the source byte range of the character(s) it comes from.
    spans: Vec<(usize, usize)>,
    source_len: usize,
}

impl Folded {
    /// Folds `source` with `fold`.
    pub fn new(source: &str, fold: Fold) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut spans = Vec::with_capacity(source.len());
        let mut iter = source.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let mut end = i + c.len_utf8();
            let mut f = fold.char(c);
            if fold.half_kana && half_kana(c).is_some() {
                if let Some(&(j, m)) = iter.peek() {
                    if let Some(composed) = compose_mark(f, m) {
                        iter.next();
                        f = composed;
                        end = j + m.len_utf8();
                    }
                }
            }
            text.push(f);
            spans.extend(std::iter::repeat_n((i, end), f.len_utf8()));
        }
        Folded {
            text,
            spans,
            source_len: source.len(),
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Source byte offset where folded byte `i` comes from; `i == len` gives the source length.
    /// A folded span `a..b` with nothing dropped in between is the source span
    /// `source_start(a)..source_start(b)`.
    pub fn source_start(&self, i: usize) -> Option<usize> {
        match self.spans.get(i) {
            Some(&(s, _)) => Some(s),
            None if i == self.text.len() => Some(self.source_len),
            None => None,
        }
    }

    /// Source byte span covering the folded bytes `start..end`: from the start of the first
    /// source character to the end of the last one. None for an empty or out-of-range span.
    pub fn source_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if end <= start {
            return None;
        }
        let a = self.spans.get(start)?.0;
        let b = self.spans.get(end - 1)?.1;
        Some((a, b))
    }

    /// The folded characters, each with the source byte range it comes from.
    pub fn char_spans(&self) -> impl Iterator<Item = (char, usize, usize)> + '_ {
        self.text.char_indices().map(|(i, c)| {
            let (s, e) = self.spans[i];
            (c, s, e)
        })
    }

    /// Drops every run of spaces (` ` in the folded text) for which `drop(kept, next)` holds,
    /// where `kept` is the folded text kept before the run and `next` the folded character
    /// after it; runs at the end are kept. Offsets keep pointing at the source.
    pub fn drop_spaces(self, drop: impl Fn(&str, char) -> bool) -> Self {
        let mut text = String::with_capacity(self.text.len());
        let mut spans = Vec::with_capacity(self.spans.len());
        let mut dropping: Option<bool> = None;
        for (i, c) in self.text.char_indices() {
            if c == ' ' {
                let d = *dropping.get_or_insert_with(|| {
                    self.text[i..]
                        .chars()
                        .find(|&n| n != ' ')
                        .is_some_and(|n| drop(&text, n))
                });
                if d {
                    continue;
                }
            } else {
                dropping = None;
            }
            text.push(c);
            spans.extend_from_slice(&self.spans[i..i + c.len_utf8()]);
        }
        Folded {
            text,
            spans,
            source_len: self.source_len,
        }
    }
}

/// The ordinary kanji for a Kangxi radical or a CJK radical supplement character (what PDF
/// text extraction sometimes yields for a kanji); any other character unchanged.
pub fn fold_radical(c: char) -> char {
    match c {
        '\u{2E80}'..='\u{2EFF}' => radical_to_kanji(c).unwrap_or(c),
        '\u{2F00}'..='\u{2FD5}' => kangxi_to_kanji(c),
        _ => c,
    }
}

/// CJK Radicals Supplement characters (U+2E80–U+2EFF) mapped to the ordinary
/// ideograph they stand for. Sorted by the first element for binary search.
const RADICALS: &[(char, char)] = &[
    ('⺇', '几'), // U+2E87
    ('⺈', '刀'), // U+2E88
    ('⺉', '刂'), // U+2E89
    ('⺊', '卜'), // U+2E8A
    ('⺋', '㔾'), // U+2E8B
    ('⺌', '小'), // U+2E8C
    ('⺍', '小'), // U+2E8D
    ('⺎', '尢'), // U+2E8E
    ('⺏', '尣'), // U+2E8F
    ('⺐', '尢'), // U+2E90
    ('⺑', '尣'), // U+2E91
    ('⺒', '巳'), // U+2E92
    ('⺓', '幺'), // U+2E93
    ('⺔', '彑'), // U+2E94
    ('⺕', '彐'), // U+2E95
    ('⺖', '忄'), // U+2E96
    ('⺗', '心'), // U+2E97
    ('⺘', '扌'), // U+2E98
    ('⺙', '攵'), // U+2E99
    ('⺛', '旡'), // U+2E9B
    ('⺝', '月'), // U+2E9D
    ('⺞', '歹'), // U+2E9E
    ('⺟', '母'), // U+2E9F
    ('⺠', '民'), // U+2EA0
    ('⺡', '氵'), // U+2EA1
    ('⺢', '氺'), // U+2EA2
    ('⺣', '灬'), // U+2EA3
    ('⺤', '爫'), // U+2EA4
    ('⺥', '爫'), // U+2EA5
    ('⺦', '丬'), // U+2EA6
    ('⺧', '牛'), // U+2EA7
    ('⺨', '犭'), // U+2EA8
    ('⺩', '王'), // U+2EA9
    ('⺪', '疋'), // U+2EAA
    ('⺫', '罒'), // U+2EAB
    ('⺬', '示'), // U+2EAC
    ('⺭', '礻'), // U+2EAD
    ('⺮', '竹'), // U+2EAE
    ('⺯', '糸'), // U+2EAF
    ('⺰', '纟'), // U+2EB0
    ('⺱', '罓'), // U+2EB1
    ('⺲', '罒'), // U+2EB2
    ('⺳', '网'), // U+2EB3
    ('⺴', '网'), // U+2EB4
    ('⺵', '网'), // U+2EB5
    ('⺶', '羊'), // U+2EB6
    ('⺷', '羊'), // U+2EB7
    ('⺸', '羊'), // U+2EB8
    ('⺹', '耂'), // U+2EB9
    ('⺺', '肀'), // U+2EBA
    ('⺻', '聿'), // U+2EBB
    ('⺼', '月'), // U+2EBC
    ('⺽', '臼'), // U+2EBD
    ('⺾', '艹'), // U+2EBE
    ('⺿', '艹'), // U+2EBF
    ('⻀', '艹'), // U+2EC0
    ('⻁', '虎'), // U+2EC1
    ('⻂', '衤'), // U+2EC2
    ('⻃', '西'), // U+2EC3
    ('⻄', '西'), // U+2EC4
    ('⻅', '见'), // U+2EC5
    ('⻆', '角'), // U+2EC6
    ('⻇', '角'), // U+2EC7
    ('⻈', '讠'), // U+2EC8
    ('⻉', '贝'), // U+2EC9
    ('⻊', '足'), // U+2ECA
    ('⻋', '车'), // U+2ECB
    ('⻌', '辶'), // U+2ECC
    ('⻍', '辶'), // U+2ECD
    ('⻎', '辶'), // U+2ECE
    ('⻏', '阝'), // U+2ECF
    ('⻐', '钅'), // U+2ED0
    ('⻑', '長'), // U+2ED1
    ('⻒', '镸'), // U+2ED2
    ('⻓', '长'), // U+2ED3
    ('⻔', '门'), // U+2ED4
    ('⻕', '阝'), // U+2ED5
    ('⻖', '阝'), // U+2ED6
    ('⻗', '雨'), // U+2ED7
    ('⻘', '青'), // U+2ED8
    ('⻙', '韦'), // U+2ED9
    ('⻚', '页'), // U+2EDA
    ('⻛', '风'), // U+2EDB
    ('⻜', '飞'), // U+2EDC
    ('⻝', '食'), // U+2EDD
    ('⻞', '饣'), // U+2EDE
    ('⻟', '食'), // U+2EDF
    ('⻠', '饣'), // U+2EE0
    ('⻢', '马'), // U+2EE2
    ('⻣', '骨'), // U+2EE3
    ('⻤', '鬼'), // U+2EE4
    ('⻥', '鱼'), // U+2EE5
    ('⻦', '鸟'), // U+2EE6
    ('⻧', '卤'), // U+2EE7
    ('⻨', '麦'), // U+2EE8
    ('⻩', '黄'), // U+2EE9
    ('⻪', '黾'), // U+2EEA
    ('⻫', '斉'), // U+2EEB
    ('⻬', '齐'), // U+2EEC
    ('⻭', '歯'), // U+2EED
    ('⻮', '齿'), // U+2EEE
    ('⻯', '竜'), // U+2EEF
    ('⻰', '龙'), // U+2EF0
    ('⻱', '龜'), // U+2EF1
    ('⻲', '亀'), // U+2EF2
    ('⻳', '龟'), // U+2EF3
];

/// Ordinary ideograph for a CJK Radicals Supplement character, if known.
fn radical_to_kanji(c: char) -> Option<char> {
    RADICALS
        .binary_search_by(|&(radical, _)| radical.cmp(&c))
        .ok()
        .map(|i| RADICALS[i].1)
}

/// Ordinary ideograph for a Kangxi Radicals character (its NFKC form).
fn kangxi_to_kanji(c: char) -> char {
    let mut decomposed = std::iter::once(c).nfkc();
    match (decomposed.next(), decomposed.next()) {
        (Some(k), None) => k,
        _ => c,
    }
}

/// Half-width katakana U+FF66..=U+FF9D mapped to their full-width forms.
const HALF_KANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// Maps one half-width katakana (or half-width punctuation) character to full width.
fn half_kana(c: char) -> Option<char> {
    let cp = c as u32;
    match cp {
        0xFF61 => Some('。'),
        0xFF62 => Some('「'),
        0xFF63 => Some('」'),
        0xFF64 => Some('、'),
        0xFF65 => Some('・'),
        0xFF66..=0xFF9D => HALF_KANA.chars().nth((cp - 0xFF66) as usize),
        0xFF9E => Some('゛'),
        0xFF9F => Some('゜'),
        _ => None,
    }
}

/// Combines a full-width katakana with a following half-width voiced or semi-voiced mark.
fn compose_mark(base: char, mark: char) -> Option<char> {
    const VOICEABLE: &str = "カキクケコサシスセソタチツテトハヒフヘホ";
    const SEMI_VOICEABLE: &str = "ハヒフヘホ";
    let b = base as u32;
    match mark {
        '\u{FF9E}' if base == 'ウ' => Some('ヴ'),
        '\u{FF9E}' if VOICEABLE.contains(base) => char::from_u32(b + 1),
        '\u{FF9F}' if SEMI_VOICEABLE.contains(base) => char::from_u32(b + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WIDTH: Fold = Fold {
        ascii: AsciiForms::All,
        blanks: Blanks::Ideographic,
        half_kana: true,
        radicals: true,
        ..Fold::NONE
    };

    #[test]
    fn half_width_kana_compose_and_map_back() {
        let s = "（令和７年度　ﾃﾞｼﾞ）";
        let f = Folded::new(s, WIDTH);
        assert_eq!(f.as_str(), "(令和7年度 デジ)");
        assert_eq!(WIDTH.string("ﾄﾞﾎﾟﾂﾞｳﾞﾊﾟｱﾞ"), "ドポヅヴパア゛");
        let de = f.as_str().find('デ').unwrap();
        let (a, b) = f.source_span(de, de + 'デ'.len_utf8()).unwrap();
        assert_eq!(&s[a..b], "ﾃﾞ");
        assert_eq!(f.source_start(f.as_str().len()), Some(s.len()));
    }

    #[test]
    fn options_are_independent() {
        let none = Fold::NONE;
        assert_eq!(none.string("２－～⇒　⺟"), "２－～⇒　⺟");
        let dash = Fold {
            dashes: true,
            ..Fold::NONE
        };
        assert_eq!(dash.string("2－2—2―2ー"), "2-2-2-2ー");
        let tilde = Fold {
            tildes: Some('～'),
            ..Fold::NONE
        };
        assert_eq!(tilde.string("~〜∼"), "～～～");
        let marks = Fold {
            ascii: AsciiForms::AlnumMarks,
            ..Fold::NONE
        };
        assert_eq!(marks.string("（９．３％）＋"), "(9.3%)＋");
        let parens = Fold {
            ascii: AsciiForms::AlnumParens,
            ..Fold::NONE
        };
        assert_eq!(parens.string("（９．３）"), "(9．3)");
        assert_eq!(WIDTH.string("＋⺟\u{2F08}"), "+母人");
        let blanks = Fold {
            blanks: Blanks::All,
            ..Fold::NONE
        };
        assert_eq!(blanks.string("a\t\u{A0}\u{3000}b"), "a   b");
    }

    #[test]
    fn spaces_dropped_in_context_keep_offsets() {
        let blanks = Fold {
            blanks: Blanks::All,
            ascii: AsciiForms::AlnumParens,
            ..Fold::NONE
        };
        let s = "２０２４　 年 度 末";
        let f = Folded::new(s, blanks)
            .drop_spaces(|kept, next| kept.ends_with(|c: char| c.is_ascii_digit()) && next == '年');
        assert_eq!(f.as_str(), "2024年 度 末");
        let (a, b) = f.source_span(0, "2024年".len()).unwrap();
        assert_eq!(&s[a..b], "２０２４　 年");
        assert_eq!(f.source_span(3, 3), None);
    }

    #[test]
    fn radicals_table_is_sorted_and_in_block() {
        assert!(RADICALS.len() >= 100);
        for pair in RADICALS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
        for &(radical, kanji) in RADICALS {
            assert!(('\u{2E80}'..='\u{2EFF}').contains(&radical));
            assert!(!('\u{2E80}'..='\u{2FDF}').contains(&kanji));
            assert_eq!(radical_to_kanji(radical), Some(kanji));
            // Targets must be NFKC-stable so comparison keys stay idempotent.
            assert_eq!(
                std::iter::once(kanji).nfkc().collect::<String>(),
                kanji.to_string()
            );
        }
        assert_eq!(radical_to_kanji('\u{2E80}'), None);
        assert_eq!(kangxi_to_kanji('\u{2F00}'), '一');
        assert_eq!(kangxi_to_kanji('\u{2FD5}'), '龠');
    }

    proptest! {
        #[test]
        fn spans_are_char_boundaries_in_order(s in "[ｦ-ﾟ０-ｚ　 \\t\\u{A0}⺀-⻳⼀-⿕a-z〜～∼－―]{0,16}") {
            let f = Folded::new(&s, WIDTH);
            let mut last = 0;
            for (_, a, b) in f.char_spans() {
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                prop_assert!(a == last && b > a);
                last = b;
            }
            prop_assert_eq!(last, s.len());
        }
    }
}

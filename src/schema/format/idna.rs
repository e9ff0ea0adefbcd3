//! The IDNA2008 rules a U-label must meet (RFC 5891 section 4.2, RFC 5892, RFC 5893), written as
//! regular expressions over the label: the Unicode properties they need come from the regex
//! host's own Unicode tables (`\p{…}` escapes), so that no Unicode table is compiled into the
//! `.wasm`.
//!
//! - every code point PVALID by RFC 5892's derivation (letters, digits and marks that are stable
//!   under NFKC case folding and not ignorable, with the exceptions of its section 2.6), or
//!   CONTEXTJ / CONTEXTO with its rule of appendix A met;
//! - no combining mark first, no hyphen first or last, no `--` in the third and fourth places;
//! - in a name with a right-to-left label, every label meets the Bidi rule of RFC 5893.
//!
//! Three properties have no `\p{…}` escape in ECMA-262: `Canonical_Combining_Class` (the virama of
//! CONTEXTJ) and `Joining_Type` (the zero width non-joiner's other rule) are read from the lists
//! below; `Bidi_Class` is derived from the script and the general category, which is exact for the
//! code points PVALID lets through, but for a few symbols of class ON.

use super::fixed::Fixed;

/// Nonspacing marks (Bidi_Class NSM), for a class.
macro_rules! nsm {
    () => {
        "\\p{Mn}\\p{Me}"
    };
}
/// Arabic digits (AN), for a class.
macro_rules! an {
    () => {
        "\u{660}-\u{669}\u{66B}\u{66C}\u{6DD}\u{10D30}-\u{10D39}"
    };
}
/// European digits (EN), for a class.
macro_rules! en {
    () => {
        "0-9\u{6F0}-\u{6F9}"
    };
}
/// What a valid label may hold of the weak and neutral classes (ES, ON, BN), for a class.
macro_rules! neutral {
    () => {
        "\\-\u{B7}\u{375}\u{30FB}\u{200C}\u{200D}"
    };
}
/// Strong right-to-left (R, AL): the right-to-left scripts but their marks and digits.
macro_rules! r {
    () => {
        concat!(
            "(?![",
            nsm!(),
            an!(),
            en!(),
            "])",
            "[\\p{sc=Hebr}\\p{sc=Arab}\\p{sc=Syrc}\\p{sc=Thaa}\\p{sc=Nkoo}\\p{sc=Samr}\\p{sc=Mand}",
            "\\p{sc=Adlm}\\p{sc=Mend}\\p{sc=Armi}\\p{sc=Sarb}\\p{sc=Nbat}\\p{sc=Palm}\\p{sc=Narb}",
            "\\p{sc=Mani}\\p{sc=Phlp}\\p{sc=Hatr}\\p{sc=Phnx}\\p{sc=Lydi}\\p{sc=Khar}\\p{sc=Avst}",
            "\\p{sc=Prti}\\p{sc=Phli}\\p{sc=Hung}\\p{sc=Orkh}\\p{sc=Cprt}\\p{sc=Merc}\\p{sc=Mero}]"
        )
    };
}
/// Canonical_Combining_Class 9 (Virama), for a class.
macro_rules! virama {
    () => {
        concat!(
            "\u{94D}\u{9CD}\u{A4D}\u{ACD}\u{B4D}\u{BCD}\u{C4D}\u{CCD}\u{D3B}\u{D3C}\u{D4D}\u{DCA}",
            "\u{E3A}\u{EBA}\u{F84}\u{1039}\u{103A}\u{1714}\u{1715}\u{1734}\u{17D2}\u{1A60}\u{1B44}",
            "\u{1BAA}\u{1BAB}\u{1BF2}\u{1BF3}\u{2D7F}\u{A806}\u{A82C}\u{A8C4}\u{A953}\u{A9C0}",
            "\u{AAF6}\u{ABED}\u{10A3F}\u{11046}\u{11070}\u{1107F}\u{110B9}\u{11133}\u{11134}",
            "\u{111C0}\u{11235}\u{112EA}\u{1134D}\u{113CE}-\u{113D0}\u{11442}\u{114C2}\u{115BF}",
            "\u{1163F}\u{116B6}\u{1172B}\u{11839}\u{1193D}\u{1193E}\u{119E0}\u{11A34}\u{11A47}",
            "\u{11A99}\u{11C3F}\u{11D44}\u{11D45}\u{11D97}\u{11F41}\u{11F42}"
        )
    };
}
/// Joining_Type T (transparent).
macro_rules! t {
    () => {
        "(?:(?![\u{200C}\u{200D}])[\\p{Mn}\\p{Me}\\p{Cf}])"
    };
}
/// The letters of the joining scripts.
macro_rules! joining {
    () => {
        concat!(
            "(?=\\p{L})[\\p{sc=Arab}\\p{sc=Syrc}\\p{sc=Nkoo}\\p{sc=Mong}\\p{sc=Mand}\\p{sc=Mani}",
            "\\p{sc=Phlp}\\p{sc=Adlm}\\p{sc=Phag}]"
        )
    };
}
/// Letters that join on their left (Joining_Type D or L): the joining letters but the
/// right-joining and non-joining ones of Arabic and Syriac.
macro_rules! joins_left {
    () => {
        concat!(
            "(?![\u{621}-\u{627}\u{629}\u{62F}-\u{632}\u{648}\u{671}-\u{673}\u{675}-\u{677}",
            "\u{688}-\u{699}\u{6C0}\u{6C3}-\u{6CB}\u{6CD}\u{6CF}\u{6D2}\u{6D3}\u{6D5}\u{6EE}\u{6EF}",
            "\u{710}\u{715}-\u{719}\u{71E}\u{728}\u{72A}\u{72C}\u{72F}\u{74D}])",
            joining!()
        )
    };
}
/// Letters that join on their right (Joining_Type D or R).
macro_rules! joins_right {
    () => {
        concat!("(?!\u{621})", joining!())
    };
}

/// What makes a U-label invalid (ASCII letters lower-cased first): any match is a broken rule.
macro_rules! invalid { () => { concat!(
    // Hyphens (RFC 5891 4.2.3.1) and a combining mark first (4.2.3.2).
    "^-|-$|^[^]{2}--|^\\p{M}",
    // A code point neither PVALID nor CONTEXTJ/CONTEXTO: a DISALLOWED exception, outside the
    // categories of RFC 5892 2.1, or unstable, ignorable, of the ignorable blocks or old Hangul
    // jamo (2.2 to 2.5, 2.9). The PVALID and CONTEXT exceptions are never matched here.
    "|(?![\u{DF}\u{3C2}\u{6FD}\u{6FE}\u{F0B}\u{3007}\u{B7}\u{375}\u{5F3}\u{5F4}\u{30FB}",
    "\u{660}-\u{669}\u{6F0}-\u{6F9}\u{200C}\u{200D}])",
    "(?:[\u{640}\u{7FA}\u{302E}\u{302F}\u{3031}-\u{3035}\u{303B}]",
    "|[^\\p{Ll}\\p{Lo}\\p{Lm}\\p{Mn}\\p{Mc}\\p{Nd}\\-]",
    "|[\\p{Changes_When_NFKC_Casefolded}\\p{Default_Ignorable_Code_Point}\\p{White_Space}",
    "\\p{Noncharacter_Code_Point}\u{20D0}-\u{20FF}\u{1D100}-\u{1D24F}\u{1100}-\u{11FF}",
    "\u{A960}-\u{A97F}\u{D7B0}-\u{D7FF}])",
    // CONTEXTJ (appendix A.1, A.2): after a virama, or a non-joiner between joining letters.
    "|(?<![",
    virama!(),
    "])\u{200D}",
    "|(?<![",
    virama!(),
    "])(?<!",
    joins_left!(),
    t!(),
    "*)\u{200C}",
    "|(?<![",
    virama!(),
    "])\u{200C}(?!",
    t!(),
    "*",
    joins_right!(),
    ")",
    // CONTEXTO (A.3 to A.9).
    "|(?<!l)\u{B7}|\u{B7}(?!l)",
    "|\u{375}(?!\\p{sc=Grek})",
    "|(?<!\\p{sc=Hebr})[\u{5F3}\u{5F4}]",
    "|^(?![^]*[\\p{sc=Hira}\\p{sc=Kana}\\p{sc=Hani}])[^]*\u{30FB}",
    "|^(?=[^]*[\u{660}-\u{669}])[^]*[\u{6F0}-\u{6F9}]"
)}}
static INVALID: Fixed = Fixed::new(invalid!());

/// A right-to-left or Arabic digit code point: the name is a Bidi domain name (RFC 5893 1.4).
static BIDI_NAME: Fixed = Fixed::new(concat!(r!(), "|[", an!(), "]"));

/// A label that meets the Bidi rule. Right-to-left (rules 1 to 4): it starts with R or AL, holds
/// only R, AL, AN, EN, ES, CS, ET, ON, BN and NSM, ends with R, AL, EN or AN (then NSM), and does not
/// mix EN and AN. Left-to-right (rules 1, 5, 6): it starts with L, holds no R, AL or AN, and ends
/// with L or EN (then NSM). A valid U-label holds nothing else than these classes.
static BIDI_LABEL: Fixed = Fixed::new(concat!(
    "^(?:(?=",
    r!(),
    ")(?!(?=[^]*[",
    en!(),
    "])[^]*[",
    an!(),
    "])(?=[^]*[^",
    neutral!(),
    nsm!(),
    "][",
    nsm!(),
    "]*$)",
    "(?:",
    r!(),
    "|[",
    an!(),
    en!(),
    neutral!(),
    nsm!(),
    "])*",
    "|(?![^]*(?:",
    r!(),
    "|[",
    an!(),
    "]))[^",
    nsm!(),
    en!(),
    neutral!(),
    "](?:[^]*[^",
    nsm!(),
    neutral!(),
    "])?[",
    nsm!(),
    "]*",
    ")$"
));

/// True when the U-label `label` (ASCII in lower case) meets RFC 5891 4.2.3 and RFC 5892.
pub fn is_u_label(label: &str) -> bool {
    !label.is_empty() && !INVALID.is_match(label)
}

/// RFC 5893's Bidi rule for the labels (U-labels or ASCII) of a name.
pub fn bidi_ok(labels: &[String]) -> bool {
    !labels.iter().any(|l| BIDI_NAME.is_match(l)) || labels.iter().all(|l| BIDI_LABEL.is_match(l))
}

#[cfg(test)]
pub(super) const ALL: &[&Fixed] = &[&INVALID, &BIDI_NAME, &BIDI_LABEL];

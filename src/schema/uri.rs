//! URI references as JSON Schema uses them for `$id` and `$ref`: resolution against a base
//! (RFC 3986 section 5.2) and the split into a resource and a fragment. Only what identifiers
//! need: no normalisation beyond dot segments, no percent-decoding of the path, no network.

/// The five components of a URI reference (RFC 3986 appendix B).
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
}

fn parts(text: &str) -> Parts<'_> {
    let text = split_fragment(text).0;
    let (scheme, rest) = match text.find([':', '/', '?']) {
        Some(i) if i > 0 && text[i..].starts_with(':') => (Some(&text[..i]), &text[i + 1..]),
        _ => (None, text),
    };
    let (authority, rest) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?']).unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    Parts {
        scheme,
        authority,
        path,
        query,
    }
}

/// `text` without its fragment, and the fragment (without `#`) when there is one.
pub fn split_fragment(text: &str) -> (&str, Option<&str>) {
    match text.split_once('#') {
        Some((resource, fragment)) => (resource, Some(fragment)),
        None => (text, None),
    }
}

/// `reference` resolved against `base`, as RFC 3986 section 5.2.2 says (fragment kept).
pub fn resolve(base: &str, reference: &str) -> String {
    let fragment = split_fragment(reference).1;
    let r = parts(reference);
    let b = parts(base);
    let mut out = String::with_capacity(base.len() + reference.len());
    let (scheme, authority, path, query) = if r.scheme.is_some() {
        (r.scheme, r.authority, remove_dots(r.path), r.query)
    } else if r.authority.is_some() {
        (b.scheme, r.authority, remove_dots(r.path), r.query)
    } else if r.path.is_empty() {
        (
            b.scheme,
            b.authority,
            b.path.to_owned(),
            r.query.or(b.query),
        )
    } else if r.path.starts_with('/') {
        (b.scheme, b.authority, remove_dots(r.path), r.query)
    } else {
        (
            b.scheme,
            b.authority,
            remove_dots(&merge(&b, r.path)),
            r.query,
        )
    };
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// A relative path appended to the base's directory (RFC 3986 section 5.2.3).
fn merge(base: &Parts<'_>, path: &str) -> String {
    if base.authority.is_some() && base.path.is_empty() {
        return format!("/{path}");
    }
    match base.path.rfind('/') {
        Some(i) => format!("{}{path}", &base.path[..=i]),
        None => path.to_owned(),
    }
}

/// The path with its `.` and `..` segments applied (RFC 3986 section 5.2.4).
fn remove_dots(path: &str) -> String {
    if !path.contains('.') {
        return path.to_owned();
    }
    let absolute = path.starts_with('/');
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing = false;
    for (i, segment) in segments.iter().enumerate() {
        trailing = i == last && matches!(*segment, "." | "..");
        match *segment {
            "." => {}
            ".." => {
                if kept.len() > usize::from(absolute) {
                    kept.pop();
                }
            }
            s => kept.push(s),
        }
    }
    let mut out = kept.join("/");
    if trailing {
        out.push('/');
    }
    if absolute && !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn rfc_3986_examples() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("g..", "http://a/b/c/g.."),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("urn:x:y", "urn:x:y"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn urns_and_empty_bases() {
        assert_eq!(resolve("urn:uuid:1234", "#foo"), "urn:uuid:1234#foo");
        assert_eq!(resolve("", "#/definitions/a"), "#/definitions/a");
        assert_eq!(resolve("", "item.json"), "item.json");
        assert_eq!(
            resolve("http://x/root.json", "item.json#/a"),
            "http://x/item.json#/a"
        );
    }
}

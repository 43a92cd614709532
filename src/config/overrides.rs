//! CCM endpoint overrides users of the official SDK already have (LIFECYCLE.md §4.1): the variable
//! `HUAWEICLOUD_SDK_REGION_CCM_<REGION>` (a comma list: pca-order takes the first, as the SDK does by
//! default) and the SDK's `~/.huaweicloud/regions.yaml` (`HUAWEICLOUD_SDK_REGIONS_FILE`) with
//! `ccm: [{id, endpoint}]`.
//!
//! The YAML is read by hand, only the subset the SDK documents for this file — a top-level `ccm:` key
//! holding a list of `id`/`endpoint` maps, in block (`- id: ...`) or flow (`[{id: ..., endpoint: ...}]`)
//! style, values plain or quoted; everything else in the file is ignored. Ours: no maintained,
//! made-for-the-job serde YAML crate is in the dependency tree (serde_yaml is deprecated), and two keys
//! of one list do not justify one.

use std::path::{Path, PathBuf};

use super::{EnvLookup, home_dir, open_regular, read_capped};

/// A regions file larger than this is not read (ours).
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The variable's name for a region: `HUAWEICLOUD_SDK_REGION_CCM_` + the id upper-cased, `-` → `_`.
pub fn env_name(region: &str) -> String {
    format!(
        "HUAWEICLOUD_SDK_REGION_CCM_{}",
        region.to_ascii_uppercase().replace('-', "_")
    )
}

/// The first endpoint of a comma list (empty items skipped).
pub fn first_of_list(value: &str) -> Option<String> {
    value
        .split(',')
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// The regions file: `HUAWEICLOUD_SDK_REGIONS_FILE`, else `~/.huaweicloud/regions.yaml`.
pub fn regions_file_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    env("HUAWEICLOUD_SDK_REGIONS_FILE")
        .map(PathBuf::from)
        .or_else(|| home_dir(env).map(|h| h.join(".huaweicloud").join("regions.yaml")))
}

/// Reads the regions file's CCM endpoint for `region`: `Ok(None)` when there is no file or no entry;
/// `Err` with the system's words when the file exists but cannot be read.
pub fn file_endpoint(path: &Path, region: &str) -> Result<Option<String>, std::io::Error> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let text = open_regular(path).and_then(|mut f| read_capped(&mut f, MAX_FILE_BYTES))?;
    Ok(ccm_endpoint(&text, region))
}

/// The `endpoint` of the `ccm` entry whose `id` is `region`, from the file's text.
pub fn ccm_endpoint(text: &str, region: &str) -> Option<String> {
    ccm_entries(text)
        .into_iter()
        .find(|(id, _)| id == region)
        .map(|(_, endpoint)| endpoint)
}

/// Every `(id, endpoint)` under the top-level `ccm:` key.
fn ccm_entries(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(strip_comment).peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line
            .strip_prefix("ccm:")
            .or_else(|| line.strip_prefix("CCM:"))
        else {
            continue;
        };
        let rest = rest.trim();
        if rest.starts_with('[') {
            // Flow style, possibly across lines up to the closing bracket.
            let mut flow = rest.to_string();
            while !flow.contains(']') {
                match lines.next() {
                    Some(more) => flow.push_str(more),
                    None => break,
                }
            }
            for map in flow.split('{').skip(1) {
                let map = map.split('}').next().unwrap_or_default();
                let mut entry = Entry::default();
                for pair in map.split(',') {
                    entry.take(pair);
                }
                entry.push_to(&mut out);
            }
            continue;
        }
        // Block style: indented lines until the next top-level key.
        let mut entry = Entry::default();
        while let Some(next) = lines.peek() {
            if !next.trim().is_empty() && !next.starts_with([' ', '\t', '-']) {
                break;
            }
            let item = lines.next().unwrap_or_default().trim();
            if let Some(first) = item.strip_prefix('-') {
                std::mem::take(&mut entry).push_to(&mut out);
                entry.take(first);
            } else {
                entry.take(item);
            }
        }
        entry.push_to(&mut out);
    }
    out
}

/// One list item being read.
#[derive(Default)]
struct Entry {
    id: Option<String>,
    endpoint: Option<String>,
}

impl Entry {
    /// Reads `key: value` into the entry when the key is one of the two.
    fn take(&mut self, pair: &str) {
        let Some((key, value)) = pair.split_once(':') else {
            return;
        };
        let value = unquote(value.trim());
        match key.trim() {
            "id" => self.id = Some(value),
            "endpoint" => self.endpoint = Some(value),
            _ => {}
        }
    }

    fn push_to(self, out: &mut Vec<(String, String)>) {
        if let (Some(id), Some(endpoint)) = (self.id, self.endpoint) {
            out.push((id, endpoint));
        }
    }
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    v.to_string()
}

/// A line without its `# comment` (a `#` right after a space or at the start: URLs keep theirs).
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names_and_lists() {
        assert_eq!(
            env_name("cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_CCM_CN_NORTH_4"
        );
        assert_eq!(
            first_of_list(" https://a.example , https://b.example").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            first_of_list(",https://b.example").as_deref(),
            Some("https://b.example")
        );
        assert_eq!(first_of_list(" , "), None);
    }

    #[test]
    fn block_style() {
        let text = "# the SDK's file\necs:\n  - id: cn-north-4\n    endpoint: https://ecs.example\nccm:\n  - id: 'cn-north-1'\n    endpoint: \"https://one.example\"\n  - id: cn-north-4 # ours\n    endpoint: https://ccm.private.example:8443\niam:\n  - id: cn-north-4\n    endpoint: https://iam.example\n";
        assert_eq!(
            ccm_endpoint(text, "cn-north-4").as_deref(),
            Some("https://ccm.private.example:8443")
        );
        assert_eq!(
            ccm_endpoint(text, "cn-north-1").as_deref(),
            Some("https://one.example")
        );
        assert_eq!(ccm_endpoint(text, "ap-southeast-3"), None);
    }

    #[test]
    fn flow_style() {
        let text = "ccm: [{id: cn-north-4, endpoint: 'https://flow.example'},\n  {id: x, endpoint: https://x.example}]\n";
        assert_eq!(
            ccm_endpoint(text, "cn-north-4").as_deref(),
            Some("https://flow.example")
        );
        assert_eq!(
            ccm_endpoint(text, "x").as_deref(),
            Some("https://x.example")
        );
    }
}

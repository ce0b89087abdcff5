//! Campaigns: the figures of one date frozen into `campaigns/<id>.json`, committed through a
//! pull request and never edited afterwards. [`freeze`] computes a campaign from the model,
//! [`file`](mod@file) writes and reads the files, [`review`] refuses a change to a closed campaign
//! unless the maintainers of `campaigns` approve it.

pub mod file;
mod freeze;
pub mod review;

pub use file::{DIR, MAX_CAMPAIGN_BYTES, path_of, to_json};
pub use freeze::{freeze, frozen_subject};

use crate::load::Loaded;
use anyhow::Context as _;
use std::path::Path;

/// What [`file::load`] read from `campaigns/`: the campaigns, the texts kept for located
/// diagnostics, and the problems.
pub type Read = (
    Vec<crate::model::Located<crate::model::Campaign>>,
    Vec<crate::source::SourceFile>,
    Vec<crate::diagnostics::Diagnostic>,
);

/// Adds the frozen campaigns read by [`file::load`] to `loaded`, with their problems.
pub fn put_into((campaigns, sources, diags): Read, loaded: &mut Loaded) {
    loaded.repo.campaigns = campaigns
        .into_iter()
        .map(|c| crate::model::Located {
            path: c.path,
            value: c.value.into(),
        })
        .collect();
    for s in sources {
        loaded.sources.insert(s.path.clone(), s.into());
    }
    loaded.diagnostics.extend(diags);
    crate::diagnostics::sort(&mut loaded.diagnostics);
}

/// Writes `text` to `root/rel` atomically: a temporary file beside it, then a rename, so that
/// the file is either the old one or the new one, never half-written.
pub fn write_atomic(root: &Path, rel: &str, text: &str) -> anyhow::Result<()> {
    let dest = root.join(rel);
    let dir = dest.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).with_context(|| format!("création de {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("fichier temporaire dans {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .with_context(|| format!("écriture de {}", tmp.path().display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let readable = std::fs::Permissions::from_mode(0o644);
        tmp.as_file()
            .set_permissions(readable)
            .with_context(|| format!("droits de {}", tmp.path().display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("écriture de {}", tmp.path().display()))?;
    tmp.persist(&dest)
        .with_context(|| format!("mise en place de {}", dest.display()))?;
    Ok(())
}

/// The commit checked out at `root` (`HEAD`), when it is a git checkout; `None` otherwise.
pub fn head_commit(root: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .output()
        .ok()?;
    let hash = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && hash.len() >= 40 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(hash)
}

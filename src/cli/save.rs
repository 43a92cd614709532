//! Writing a file the user named (`export --out`): never over an existing file without `--force`, never
//! through a symlink (refused even with `--force`: the link's target is somewhere the user did not
//! name), never into a directory, FIFO or device, and atomically — the bytes go to a temp file in the
//! same directory, flushed to disk, then take the name in one step — so a failure leaves nothing
//! half-written and a reader never sees half a certificate.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why a file was not written; each names the path. Worded by the catalog (`Text::save_error`).
#[derive(Debug)]
pub enum SaveError {
    /// Something is there and `--force` was not given.
    Exists(PathBuf),
    /// A symlink is there (refused even with `--force`).
    Symlink(PathBuf),
    /// A directory is there.
    Directory(PathBuf),
    /// A FIFO, socket or device is there.
    NotRegular(PathBuf),
    /// The system refused (a read-only directory, no space, …).
    Io(PathBuf, io::Error),
}

impl SaveError {
    /// The path it is about.
    pub fn path(&self) -> &Path {
        match self {
            SaveError::Exists(p)
            | SaveError::Symlink(p)
            | SaveError::Directory(p)
            | SaveError::NotRegular(p)
            | SaveError::Io(p, _) => p,
        }
    }
}

/// What is at `path` now, refused as [`save`] would refuse it; `Ok` when the name is free, or holds a
/// regular file and `force` is set. Checked before a request is sent, so a name that cannot be used
/// costs no call; [`save`] checks again when it writes.
pub fn check(path: &Path, force: bool) -> Result<(), SaveError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SaveError::Io(path.to_path_buf(), e)),
        Ok(m) if m.file_type().is_symlink() => Err(SaveError::Symlink(path.to_path_buf())),
        Ok(m) if m.is_dir() => Err(SaveError::Directory(path.to_path_buf())),
        Ok(m) if !m.is_file() => Err(SaveError::NotRegular(path.to_path_buf())),
        Ok(_) if !force => Err(SaveError::Exists(path.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// A name for the temp file beside `path`: hidden, unique, never an existing file's (opened with
/// `create_new`).
fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple());
    path.with_file_name(tmp)
}

/// Writes `bytes` to `path` with `mode` (0644 for a certificate), by the module's rules.
pub fn save(path: &Path, bytes: &[u8], mode: u32, force: bool) -> Result<(), SaveError> {
    check(path, force)?;
    let io_err = |e| SaveError::Io(path.to_path_buf(), e);
    if path.file_name().is_none() {
        return Err(SaveError::Directory(path.to_path_buf()));
    }
    let tmp = temp_beside(path);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&tmp)
        .map_err(io_err)?;
    let written = (|| {
        // The mode asked for, whatever the umask.
        file.set_permissions(fs::Permissions::from_mode(mode))?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    drop(file);
    let placed = written.and_then(|()| {
        if force {
            // Replaces a regular file (checked above) in one step; a symlink put there since is
            // replaced itself, never followed.
            fs::rename(&tmp, path)
        } else {
            // Takes the name only if it is still free: a file that appeared since is not overwritten.
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        }
    });
    if let Err(e) = placed {
        let _ = fs::remove_file(&tmp);
        return Err(match e.kind() {
            io::ErrorKind::AlreadyExists => SaveError::Exists(path.to_path_buf()),
            _ => io_err(e),
        });
    }
    // The new name on disk too (best effort: some file systems cannot sync a directory).
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_a_new_file_with_its_mode_and_refuses_to_overwrite() {
        let d = tempfile::tempdir().expect("dir");
        let p = d.path().join("ca.pem");
        save(&p, b"one\n", 0o644, false).expect("saved");
        assert_eq!(fs::read(&p).expect("read"), b"one\n");
        let mode = fs::metadata(&p).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
        assert!(matches!(
            save(&p, b"two\n", 0o644, false),
            Err(SaveError::Exists(x)) if x == p
        ));
        assert_eq!(fs::read(&p).expect("read"), b"one\n");
        save(&p, b"two\n", 0o644, true).expect("forced");
        assert_eq!(fs::read(&p).expect("read"), b"two\n");
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn a_symlink_is_refused_even_with_force_and_its_target_untouched() {
        let d = tempfile::tempdir().expect("dir");
        let target = d.path().join("target");
        fs::write(&target, b"keep").expect("write");
        let link = d.path().join("ca.pem");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        for force in [false, true] {
            assert!(matches!(
                save(&link, b"x", 0o644, force),
                Err(SaveError::Symlink(_))
            ));
        }
        // A dangling link too.
        let dangling = d.path().join("dangling.pem");
        std::os::unix::fs::symlink(d.path().join("nowhere"), &dangling).expect("link");
        assert!(matches!(
            save(&dangling, b"x", 0o644, true),
            Err(SaveError::Symlink(_))
        ));
        assert!(!d.path().join("nowhere").exists());
        assert_eq!(fs::read(&target).expect("read"), b"keep");
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn directories_fifos_and_read_only_directories_are_refused() {
        let d = tempfile::tempdir().expect("dir");
        assert!(matches!(
            save(d.path(), b"x", 0o644, true),
            Err(SaveError::Directory(_))
        ));
        let fifo = d.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("c");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            save(&fifo, b"x", 0o644, true),
            Err(SaveError::NotRegular(_))
        ));
        let ro = d.path().join("ro");
        fs::create_dir(&ro).expect("mkdir");
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
        let inside = ro.join("ca.pem");
        let r = save(&inside, b"x", 0o644, false);
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).expect("chmod back");
        // root may write anywhere: then the file is simply written.
        if unsafe { libc::geteuid() } != 0 {
            assert!(
                matches!(r, Err(SaveError::Io(ref p, _)) if *p == inside),
                "{r:?}"
            );
            assert!(!inside.exists());
        }
        assert!(leftovers(&ro).is_empty());
        assert!(matches!(
            save(&d.path().join("no/such/dir/ca.pem"), b"x", 0o644, false),
            Err(SaveError::Io(..))
        ));
    }

    #[test]
    fn check_agrees_with_save() {
        let d = tempfile::tempdir().expect("dir");
        let p = d.path().join("a");
        assert!(check(&p, false).is_ok());
        fs::write(&p, b"x").expect("write");
        assert!(matches!(check(&p, false), Err(SaveError::Exists(_))));
        assert!(check(&p, true).is_ok());
        assert_eq!(SaveError::Exists(p.clone()).path(), p);
    }
}

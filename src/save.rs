//! Writing a file the user named or the wizard named for them (`export --out`, the wizard's export):
//! never over an existing file without `--force`, never
//! through a symlink (refused even with `--force`: the link's target is somewhere the user did not
//! name), never into a directory, FIFO or device, and atomically — the bytes go to a temp file in the
//! same directory, flushed to disk, then take the name in one step — so a failure leaves nothing
//! half-written and a reader never sees half a certificate.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a file was not written; each names the path. Worded by the catalog (`Text::save_error`).
/// Cloneable (the system's error is shared) so the wizard can carry it in a message.
#[derive(Debug, Clone)]
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
    Io(PathBuf, Arc<io::Error>),
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
        Err(e) => Err(SaveError::Io(path.to_path_buf(), Arc::new(e))),
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
    let io_err = |e| SaveError::Io(path.to_path_buf(), Arc::new(e));
    if path.file_name().is_none() {
        return Err(SaveError::Directory(path.to_path_buf()));
    }
    let tmp = temp_beside(path);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        // Never through a link (create_new's O_EXCL refuses one too). The standard library opens every
        // file close-on-exec already, so a program started meanwhile never inherits it.
        .custom_flags(libc::O_NOFOLLOW)
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

/// Longest file stem made from a common name, in characters (ours: a CN may be 64 characters, and a
/// stem that long plus `-99-chain.pem` stays far below every file system's 255-byte limit even in
/// four-byte characters).
pub const MAX_STEM_CHARS: usize = 64;

/// Highest numeric suffix tried for a free name (`ca-1.pem` … `ca-99.pem`; ours): past it the
/// directory is full of exports and the user is told instead.
pub const MAX_SUFFIX: u32 = 99;

/// The stem of the files the wizard writes for a CA: its common name made safe as one file name — no
/// `/` or `\` (they become `_`), no whitespace (`_`), no control or invisible characters (dropped), no
/// leading `.` or `-` (a hidden file, or one a command would read as a flag) — at most
/// [`MAX_STEM_CHARS`]; the CA id, made safe the same way, when nothing of the name is left; `ca` when
/// nothing of either is.
pub fn file_stem(common_name: Option<&str>, ca_id: &str) -> String {
    [common_name.unwrap_or_default(), ca_id]
        .into_iter()
        .map(safe_stem)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "ca".to_string())
}

fn safe_stem(name: &str) -> String {
    let mapped: String = name
        .chars()
        .filter(|c| !c.is_control() && !crate::sanitize::hidden(*c))
        .map(|c| match c {
            '/' | '\\' => '_',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .collect();
    mapped
        .trim_start_matches(['.', '-', '_'])
        .trim_end_matches('_')
        .chars()
        .take(MAX_STEM_CHARS)
        .collect()
}

/// The `n`th name for `stem` with `suffix`: `stem` + `suffix` for 0, else `stem-n` + `suffix`
/// (`ca.pem`, `ca-1.pem`; `ca-chain.pem`, `ca-1-chain.pem`), so a certificate and its chain keep one
/// number.
pub fn numbered(stem: &str, n: u32, suffix: &str) -> String {
    if n == 0 {
        format!("{stem}{suffix}")
    } else {
        format!("{stem}-{n}{suffix}")
    }
}

/// What [`save_numbered`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// The files written, in the order given.
    pub paths: Vec<PathBuf>,
    /// The first name tried, when something was there already (it was left alone).
    pub taken: Option<PathBuf>,
}

/// Writes each `(suffix, bytes)` as `stem` + suffix in `dir`, all under the first number whose every
/// name is free ([`numbered`]; up to [`MAX_SUFFIX`]): an existing file, symlink, directory or device is
/// never written over nor followed, it only moves the files to the next number. A name taken between
/// the check and the write is still never overwritten ([`save`] refuses it).
pub fn save_numbered(
    dir: &Path,
    stem: &str,
    files: &[(&str, &[u8])],
    mode: u32,
) -> Result<Numbered, SaveError> {
    let mut taken = None;
    for n in 0..=MAX_SUFFIX {
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(suffix, _)| dir.join(numbered(stem, n, suffix)))
            .collect();
        let mut free = true;
        for p in &paths {
            match check(p, false) {
                Ok(()) => {}
                Err(e @ SaveError::Io(..)) => return Err(e),
                Err(_) => free = false,
            }
        }
        if !free {
            taken = taken.or_else(|| paths.first().cloned());
            continue;
        }
        for (p, (_, bytes)) in paths.iter().zip(files) {
            save(p, bytes, mode, false)?;
        }
        return Ok(Numbered { paths, taken });
    }
    let last = dir.join(numbered(
        stem,
        MAX_SUFFIX,
        files.first().map_or("", |f| f.0),
    ));
    Err(SaveError::Exists(last))
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

    #[test]
    fn a_file_stem_is_one_safe_name_from_the_common_name_else_the_id() {
        let id = "3b2d5a1c-0000-4000-8000-000000000001";
        assert_eq!(file_stem(Some("Team Root CA"), id), "Team_Root_CA");
        assert_eq!(file_stem(Some("a/b\\c"), id), "a_b_c");
        assert_eq!(file_stem(Some("../../etc/passwd"), id), "etc_passwd");
        assert_eq!(file_stem(Some(".hidden"), id), "hidden");
        assert_eq!(file_stem(Some("-rf"), id), "rf");
        assert_eq!(file_stem(Some("x\u{1b}[31my\u{7}\u{200b}"), id), "x[31my");
        assert_eq!(file_stem(Some("tail  "), id), "tail");
        assert_eq!(file_stem(Some("根证书"), id), "根证书");
        assert_eq!(file_stem(Some("..."), id), id);
        assert_eq!(file_stem(Some("   "), id), id);
        assert_eq!(file_stem(None, id), id);
        assert_eq!(file_stem(Some(""), "\u{1b}"), "ca");
        assert_eq!(file_stem(None, ""), "ca");
        // The cap, on both sides.
        let long = "x".repeat(MAX_STEM_CHARS + 1);
        assert_eq!(file_stem(Some(&long), id).chars().count(), MAX_STEM_CHARS);
        let exact = "y".repeat(MAX_STEM_CHARS);
        assert_eq!(file_stem(Some(&exact), id), exact);
        assert_eq!(numbered("ca", 0, ".pem"), "ca.pem");
        assert_eq!(numbered("ca", 1, "-chain.pem"), "ca-1-chain.pem");
    }

    #[test]
    fn numbered_saves_skip_every_taken_name_and_never_follow_a_link() {
        let d = tempfile::tempdir().expect("dir");
        let files: &[(&str, &[u8])] = &[(".pem", b"cert\n"), ("-chain.pem", b"chain\n")];
        let first = save_numbered(d.path(), "ca", files, 0o644).expect("saved");
        assert_eq!(
            first.paths,
            [d.path().join("ca.pem"), d.path().join("ca-chain.pem")]
        );
        assert_eq!(first.taken, None);
        // The pair is taken: both move to 1, the first files untouched.
        let second = save_numbered(d.path(), "ca", files, 0o644).expect("saved");
        assert_eq!(second.paths[0], d.path().join("ca-1.pem"));
        assert_eq!(second.paths[1], d.path().join("ca-1-chain.pem"));
        assert_eq!(second.taken, Some(d.path().join("ca.pem")));
        // Only the chain's name taken at 2, and a symlink at 3: both skipped, the link not followed.
        fs::write(d.path().join("ca-2-chain.pem"), b"other").expect("write");
        let target = d.path().join("target");
        std::os::unix::fs::symlink(&target, d.path().join("ca-3.pem")).expect("link");
        let third = save_numbered(d.path(), "ca", files, 0o644).expect("saved");
        assert_eq!(third.paths[0], d.path().join("ca-4.pem"));
        assert!(!d.path().join("ca-2.pem").exists());
        assert!(!target.exists());
        assert_eq!(
            fs::read(d.path().join("ca-2-chain.pem")).expect("read"),
            b"other"
        );
        assert_eq!(fs::read(&third.paths[1]).expect("read"), b"chain\n");
        // Every number up to the last taken: the user is told, nothing is written.
        let e = tempfile::tempdir().expect("dir");
        for n in 0..=MAX_SUFFIX {
            fs::write(e.path().join(numbered("x", n, ".pem")), b"").expect("write");
        }
        assert!(matches!(
            save_numbered(e.path(), "x", &[(".pem", b"y")], 0o644),
            Err(SaveError::Exists(p)) if p == e.path().join("x-99.pem")
        ));
        // Only the last number free: it is used.
        fs::remove_file(e.path().join("x-99.pem")).expect("rm");
        let last = save_numbered(e.path(), "x", &[(".pem", b"y")], 0o644).expect("saved");
        assert_eq!(last.paths, [e.path().join("x-99.pem")]);
        // A directory that cannot be read is an error, not a free name.
        assert!(matches!(
            save_numbered(&e.path().join("x.pem"), "z", &[(".pem", b"y")], 0o644),
            Err(SaveError::Io(..))
        ));
    }

    #[test]
    fn check_reports_what_it_cannot_look_at_and_names_every_path() {
        let d = tempfile::tempdir().expect("dir");
        let file = d.path().join("file");
        fs::write(&file, b"x").expect("write");
        // Below a regular file: the system says "not a directory", which is not a free name.
        let below = file.join("ca.pem");
        for force in [false, true] {
            assert!(
                matches!(check(&below, force), Err(SaveError::Io(ref p, _)) if *p == below),
                "{force}"
            );
        }
        // Only a missing name is free.
        assert!(check(&d.path().join("missing"), false).is_ok());
        assert!(check(&d.path().join("missing"), true).is_ok());
        for e in [
            SaveError::Exists(file.clone()),
            SaveError::Symlink(file.clone()),
            SaveError::Directory(file.clone()),
            SaveError::NotRegular(file.clone()),
            SaveError::Io(file.clone(), Arc::new(io::Error::other("x"))),
        ] {
            assert_eq!(e.path(), file);
        }
    }

    /// A file that takes the name between the check and the write is never overwritten, and the user
    /// is told the name is taken (not a system error): another writer creates it the moment the temp
    /// file appears (inotify), well before the temp file is flushed and linked.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_appears_while_writing_is_kept_and_reported_as_taken() {
        let mut raced = false;
        for _ in 0..50 {
            let d = tempfile::tempdir().expect("dir");
            let p = d.path().join("ca.pem");
            let c = std::ffi::CString::new(d.path().to_string_lossy().as_bytes()).expect("c");
            // SAFETY: plain system calls on a fresh descriptor and a valid NUL-terminated path.
            let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
            assert!(fd >= 0);
            // SAFETY: as above.
            let wd = unsafe { libc::inotify_add_watch(fd, c.as_ptr(), libc::IN_CREATE) };
            assert!(wd >= 0);
            let theirs = p.clone();
            let other = std::thread::spawn(move || {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; waits at most 10 s.
                let ready = unsafe { libc::poll(&mut pfd, 1, 10_000) };
                let won = ready == 1
                    && OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&theirs)
                        .and_then(|mut f| f.write_all(b"theirs"))
                        .is_ok();
                // SAFETY: the descriptor is this test's own.
                unsafe { libc::close(fd) };
                won
            });
            let ours = vec![b'o'; 4 << 20];
            let r = save(&p, &ours, 0o644, false);
            let won = other.join().expect("thread");
            if won {
                raced = true;
                assert!(
                    matches!(r, Err(SaveError::Exists(ref x)) if *x == p),
                    "{r:?}"
                );
                assert_eq!(fs::read(&p).expect("read"), b"theirs");
            } else {
                assert!(r.is_ok(), "{r:?}");
                assert_eq!(fs::read(&p).expect("read"), ours);
            }
            assert!(leftovers(d.path()).is_empty());
            if raced {
                break;
            }
        }
        assert!(raced, "the other writer never came first");
    }
}

//! The real careerbook binary in a pseudo-terminal: what it writes to the
//! terminal, the terminal's modes, keys typed into it, and signals.

use rustix::fd::OwnedFd;
use rustix::io::Errno;
use rustix::process::{Pid, Signal};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};
use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Enters and leaves the alternate screen (xterm's private mode 1049).
pub const ENTER_ALTERNATE: &str = "\x1b[?1049h";
pub const LEAVE_ALTERNATE: &str = "\x1b[?1049l";

/// The modes careerbook adds and must take away again: bracketed paste
/// (2004) and focus reports (1004), each as (on, off).
pub const MODES: [(&str, &str); 2] = [
    ("\x1b[?2004h", "\x1b[?2004l"),
    ("\x1b[?1004h", "\x1b[?1004l"),
];

/// What a terminal sends around a paste in bracketed-paste mode.
pub const PASTE_START: &str = "\x1b[200~";
pub const PASTE_END: &str = "\x1b[201~";

pub struct Terminal {
    /// `None` once the terminal has been closed, as when its window goes away.
    master: Option<OwnedFd>,
    pub child: Child,
    pub output: Vec<u8>,
}

impl Terminal {
    /// Runs careerbook (with `args`, on the data directory `dir`) in a new
    /// 100×30 pseudo-terminal, as its stdin, stdout and stderr.
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("open a pty");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let size = Winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&master, size).expect("set the window size");
        rustix::io::ioctl_fionbio(&master, true).expect("non-blocking reads");
        let slave = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc_o_noctty())
            .open(name.to_str().expect("a UTF-8 pty name"))
            .expect("open the pty's terminal side");
        let mut command = Command::new(env!("CARGO_BIN_EXE_careerbook"));
        command
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .env("TERM", "xterm-256color")
            .env("CAREERBOOK_TODAY", "2026-11-26")
            .env_remove("CAREERBOOK_DIR")
            // The default keys, whatever settings this machine's user has.
            .env("CAREERBOOK_CONFIG", dir.join("no-settings.ron"))
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("start careerbook");
        // `command` and its copies of the terminal side close here, so the
        // master sees the end once careerbook has exited.
        drop(command);
        Self {
            master: Some(master),
            child,
            output: Vec::new(),
        }
    }

    /// Reads what careerbook has written so far; `false` once no process has
    /// the terminal open any more.
    fn pump(&mut self) -> bool {
        let Some(master) = &self.master else {
            return false;
        };
        let mut buf = [0u8; 8192];
        loop {
            match rustix::io::read(master, &mut buf) {
                Ok(0) => return false,
                Ok(n) => self.output.extend_from_slice(&buf[..n]),
                Err(Errno::AGAIN) => return true,
                Err(Errno::INTR) => {}
                // EIO: the last process holding the terminal side closed it.
                Err(_) => return false,
            }
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// Waits up to `limit` for the output to contain `wanted`.
    pub fn wait_for(&mut self, wanted: &str, limit: Duration) {
        let started = Instant::now();
        while !self.text().contains(wanted) {
            let open = self.pump();
            assert!(
                started.elapsed() < limit && (open || self.text().contains(wanted)),
                "no {wanted:?} on the screen within {limit:?}; output so far: {:?}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn type_keys(&self, keys: &str) {
        let master = self.master.as_ref().expect("the terminal is open");
        rustix::io::write(master, keys.as_bytes()).expect("type");
    }

    pub fn signal(&self, signal: Signal) {
        let pid = Pid::from_raw(self.child.id() as i32).expect("a pid");
        rustix::process::kill_process(pid, signal).expect("send the signal");
    }

    /// Closes the terminal, as when its window or ssh connection goes away.
    pub fn close(&mut self) {
        self.master = None;
    }

    /// Whether the terminal is back in its normal (cooked, echoing) mode.
    pub fn is_cooked(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal is open");
        let modes = tcgetattr(master).expect("tcgetattr").local_modes;
        modes.contains(LocalModes::ICANON | LocalModes::ECHO)
    }

    /// Waits up to `limit` for careerbook to exit, reading its output meanwhile.
    /// On time-out it is killed, and the CPU time it used is reported: a busy
    /// loop shows as seconds of CPU.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                while self.pump() {}
                return status;
            }
            if started.elapsed() > limit {
                let cpu = cpu_seconds(self.child.id());
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "careerbook was still running {limit:?} later, having used {cpu:?} s of CPU; output: {:?}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        // Never leave a careerbook running after a failed test.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `O_NOCTTY`: opening the terminal side must not make it the test's own
/// controlling terminal.
fn libc_o_noctty() -> i32 {
    rustix::fs::OFlags::NOCTTY.bits() as i32
}

/// User plus system CPU time of a process, from /proc (Linux only).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Asserts that the terminal was handed back: the last alternate-screen
/// switch leaves it, nothing is drawn after, and the cursor is visible.
pub fn assert_restored(terminal: &Terminal) {
    let text = terminal.text();
    let entered = text.rfind(ENTER_ALTERNATE);
    let left = text.rfind(LEAVE_ALTERNATE);
    assert!(entered.is_some(), "careerbook never started: {text:?}");
    assert!(
        left > entered,
        "the alternate screen was not left: {:?}",
        tail(&text)
    );
    let shown = text.rfind("\x1b[?25h");
    let hidden = text.rfind("\x1b[?25l");
    assert!(
        hidden.is_none() || shown > hidden,
        "the cursor is left hidden: {:?}",
        tail(&text)
    );
    assert!(
        terminal.is_cooked(),
        "raw mode is still on: {:?}",
        tail(&text)
    );
    for (on, off) in MODES {
        assert!(
            text.contains(on),
            "{on:?} was never turned on: {:?}",
            tail(&text)
        );
        assert!(
            text.rfind(off) > text.rfind(on),
            "{on:?} is left on: {:?}",
            tail(&text)
        );
    }
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(300);
    let start = (start..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    &text[start..]
}

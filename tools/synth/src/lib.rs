//! Synthetic portfolios for ringboard's benchmarks and tests: N programs x
//! M deliverables with P people, valid per docs/plan-format.md (`ringboard check`
//! reports nothing), and optionally a git history of C commits. Everything
//! follows from the seed.
//!
//! A development tool of its own (the `ringboard-synth` binary), so that
//! none of it ships inside the `ringboard` binary. It writes plan files as
//! text and does not depend on the `ringboard` crate.

mod history;
pub mod hostile;
mod names;
mod world;

use std::path::Path;

use world::World;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub programs: usize,
    pub deliverables: usize,
    pub people: usize,
    /// 0: plain files, no repository.
    pub commits: usize,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            programs: 100,
            deliverables: 200,
            people: 1000,
            commits: 0,
            seed: 42,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub programs: usize,
    /// Deliverables in the final plans.
    pub deliverables: usize,
    pub people: usize,
    /// Plan files in the final plans.
    pub files: usize,
    /// Bytes of TOML in the final plans.
    pub bytes: usize,
    pub commits: usize,
    /// The last commit, when a history was written.
    pub head: Option<git2::Oid>,
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("writing the git history: {0}")]
    Git(#[from] git2::Error),
    #[error("{0} is not empty: generate into a new or empty folder")]
    NotEmpty(String),
    #[error("{0}")]
    Params(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
    move |source| SynthError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a portfolio into `out` (created; must be empty): `boards/people.toml`
/// and `boards/prog-NNN.toml`, and with `commits > 0` a git repository whose
/// history ends at the files on disk, work tree clean.
pub fn generate(params: &Params, out: &Path) -> Result<Summary, SynthError> {
    if params.people == 0 {
        return Err(SynthError::Params(
            "--people must be at least 1: every deliverable needs an owner".into(),
        ));
    }
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(io_err(out))?;
        if entries.next().is_some() {
            return Err(SynthError::NotEmpty(out.display().to_string()));
        }
    }
    std::fs::create_dir_all(out.join("boards")).map_err(io_err(out))?;
    let mut rng = Rng::new(params.seed);
    let mut world = World::new(params, &mut rng);
    let head = if params.commits > 0 {
        Some(history::write(&mut world, &mut rng, params.commits, out)?)
    } else {
        None
    };
    let (files, bytes) = write_files(&world, out)?;
    if let Some(head) = head {
        history::finish(out, head)?;
    }
    Ok(Summary {
        programs: world.progs.len(),
        deliverables: world.alive_items(),
        people: world.people.len(),
        files,
        bytes,
        commits: params.commits,
        head,
    })
}

/// Writes the final plans into the work tree; returns (files, bytes).
fn write_files(world: &World, out: &Path) -> Result<(usize, usize), SynthError> {
    let mut bytes = 0;
    let mut files = 0;
    let mut write = |rel: &str, text: &str| -> Result<(), SynthError> {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        std::fs::write(&path, text).map_err(io_err(&path))?;
        bytes += text.len();
        files += 1;
        Ok(())
    };
    write(world::PEOPLE_PATH, &world.render_people())?;
    for p in 0..world.progs.len() {
        write(&world.path(p), &world.render_program(p))?;
    }
    Ok((files, bytes))
}

/// splitmix64: tiny, fast, and the same on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// True with probability `per_mille` / 1000.
    pub(crate) fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index chosen with the given weights (at least one non-zero).
    pub(crate) fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number, as `YYYY-MM-DD`.
pub(crate) fn date_text(days: i32) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(date_text(days_from_civil(2027, 2, 28) + 1), "2027-03-01");
        assert_eq!(date_text(days_from_civil(2028, 2, 28) + 1), "2028-02-29");
        for day in 19_000..22_000 {
            let text = date_text(day);
            let date: jiff::civil::Date = text.parse().expect("valid date");
            let back = days_from_civil(
                i32::from(date.year()),
                date.month() as u32,
                date.day() as u32,
            );
            assert_eq!(back, day, "{text}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let mut r = Rng::new(7);
        let b: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        let mut r = Rng::new(7);
        assert!((0..1000).all(|_| r.below(10) < 10));
    }
}

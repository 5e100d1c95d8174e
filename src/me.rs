//! Who is using ringboard (`--me`): the board's My work view, `agenda` and
//! `export ics` default to this person. The first that names someone wins:
//! `--me ID`, then `RINGBOARD_ME`, then the person whose `contact` is git's
//! `user.email` (case-insensitive); else nobody.

use crate::model::Portfolio;
use crate::repo::Workspace;
use crate::unknown::{self, UnknownName};

/// Where the person came from, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeSource {
    Flag,
    Env,
    GitEmail,
}

impl MeSource {
    pub fn label(self) -> &'static str {
        match self {
            MeSource::Flag => "--me",
            MeSource::Env => "RINGBOARD_ME",
            MeSource::GitEmail => "git user.email",
        }
    }
}

/// The person using ringboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Me {
    pub id: String,
    pub source: MeSource,
}

/// What to resolve `--me` from: plain inputs, no environment read here.
#[derive(Clone, Debug, Default)]
pub struct MeInputs {
    /// `--me ID`.
    pub flag: Option<String>,
    /// `RINGBOARD_ME`.
    pub env: Option<String>,
    /// git's `user.email`.
    pub git_email: Option<String>,
}

/// The person `inputs` name in `portfolio`. An id given by flag or
/// environment must be in the roster; an e-mail that matches nobody's
/// `contact` is simply nobody.
pub fn resolve(portfolio: &Portfolio, inputs: &MeInputs) -> Result<Option<Me>, UnknownName> {
    let given = [
        (inputs.flag.as_deref(), MeSource::Flag),
        (inputs.env.as_deref(), MeSource::Env),
    ];
    if let Some((id, source)) = given
        .into_iter()
        .find_map(|(id, s)| id.filter(|i| !i.is_empty()).map(|i| (i, s)))
    {
        unknown::person(portfolio, source.label(), id)?;
        return Ok(Some(Me {
            id: id.to_string(),
            source,
        }));
    }
    let Some(email) = inputs.git_email.as_deref().map(str::trim) else {
        return Ok(None);
    };
    Ok(portfolio
        .people
        .iter()
        .find(|p| {
            p.contact
                .as_deref()
                .is_some_and(|c| !email.is_empty() && c.trim().eq_ignore_ascii_case(email))
        })
        .map(|p| Me {
            id: p.id.clone(),
            source: MeSource::GitEmail,
        }))
}

/// git's `user.email` for the workspace: the repository's configuration
/// (which includes the global one), or the global one outside a repository.
pub fn git_user_email(workspace: &Workspace) -> Option<String> {
    crate::git::user_email(workspace.git_dir.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Pos};

    fn person(id: &str, contact: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: id.into(),
            role: None,
            org: None,
            ring: None,
            contact: contact.map(Into::into),
            path: "boards/people.toml".into(),
            pos: Pos::default(),
            id_pos: Pos::default(),
        }
    }

    #[test]
    fn flag_then_env_then_email() {
        let p = Portfolio::new(
            vec![
                person("mei", Some("Mei.Lin@Example.com")),
                person("ana", None),
            ],
            vec![],
        );
        let mut inputs = MeInputs {
            flag: Some("ana".into()),
            env: Some("mei".into()),
            git_email: Some("mei.lin@example.com".into()),
        };
        assert_eq!(
            resolve(&p, &inputs).unwrap().unwrap().source,
            MeSource::Flag
        );
        inputs.flag = None;
        assert_eq!(resolve(&p, &inputs).unwrap().unwrap().source, MeSource::Env);
        inputs.env = None;
        let me = resolve(&p, &inputs).unwrap().unwrap();
        assert_eq!((me.id.as_str(), me.source), ("mei", MeSource::GitEmail));
        inputs.git_email = Some("nobody@example.com".into());
        assert_eq!(resolve(&p, &inputs).unwrap(), None);
        inputs.env = Some("mie".into());
        let err = resolve(&p, &inputs).unwrap_err().to_string();
        assert!(
            err.contains("RINGBOARD_ME mie") && err.contains("`mei`"),
            "{err}"
        );
    }
}

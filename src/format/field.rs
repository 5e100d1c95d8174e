//! The keys of the plan format by name: what a table's key, a change's
//! field, a `set` argument and a CSV column are called, each spelled once.

/// Each variant with its name as written in the plans and the JSON, side
/// by side: the name is spelled nowhere else.
macro_rules! fields {
    ($($variant:ident = $name:literal,)*) => {
        /// A key of a person, program, team, milestone, metric or
        /// deliverable (`format::TABLES` says which table has which).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// The key as written in the plans and the JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }
        }
    };
}

// The order of the first ones is the order `Field` always had.
fields! {
    Name = "name",
    Goal = "goal",
    Strategist = "strategist",
    Lead = "lead",
    Priority = "priority",
    Start = "start",
    End = "end",
    Title = "title",
    Owner = "owner",
    Due = "due",
    Status = "status",
    Needs = "needs",
    Note = "note",
    Unit = "unit",
    Target = "target",
    Actual = "actual",
    Date = "date",
    Role = "role",
    Org = "org",
    Ring = "ring",
    Contact = "contact",
    Id = "id",
    Core = "core",
    Extended = "extended",
    Partner = "partner",
    Duration = "duration",
    Better = "better",
    Baseline = "baseline",
    By = "by",
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

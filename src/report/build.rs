//! Building a report: a standard template, and adding, moving, removing and renumbering sections.
//! Sections are addressed by position: "2.1" is the first subsection of the second section,
//! whatever numbers the sections carry.

use super::{Report, Section};
use crate::calendar::Date;
use crate::document::DocumentKind;
use crate::error::{Error, Result};

/// The sections of a communications and engagement progress report to a governing body.
pub const PROGRESS_SECTIONS: [&str; 6] = [
    "Patient and stakeholder engagement",
    "Consultations and service change",
    "Media and communications",
    "Digital",
    "Public affairs and stakeholder management",
    "You said, we did",
];

fn positions(at: &str, option: &str) -> Result<Vec<usize>> {
    let parts: Option<Vec<usize>> = at
        .split('.')
        .map(|p| p.parse::<usize>().ok().filter(|&n| n > 0))
        .collect();
    parts.filter(|p| !p.is_empty()).ok_or_else(|| {
        Error::option(
            option,
            format!("\"{at}\" is not a section position (1, 2.1, ...)"),
        )
    })
}

fn list_at<'a>(
    sections: &'a mut Vec<Section>,
    path: &[usize],
    at: &str,
    option: &str,
) -> Result<&'a mut Vec<Section>> {
    match path.split_first() {
        None => Ok(sections),
        Some((&first, rest)) => {
            let s = sections
                .get_mut(first - 1)
                .ok_or_else(|| Error::option(option, format!("there is no section at {at}")))?;
            list_at(&mut s.sections, rest, at, option)
        }
    }
}

impl Report {
    /// An empty report with a title.
    pub fn new(title: &str) -> Report {
        Report {
            schema: DocumentKind::Report.schema().to_string(),
            title: title.to_string(),
            organisation: None,
            meeting: None,
            date: None,
            author: None,
            period: None,
            sections: Vec::new(),
        }
    }

    /// The standard communications and engagement progress report: its six numbered sections,
    /// empty (a lint marks each until it is written).
    pub fn progress_template(
        title: &str,
        organisation: Option<&str>,
        date: Option<Date>,
    ) -> Report {
        let mut report = Report::new(title);
        report.organisation = organisation.map(str::to_string);
        report.date = date;
        for t in PROGRESS_SECTIONS {
            report.sections.push(Section {
                number: None,
                title: t.to_string(),
                blocks: Vec::new(),
                sections: Vec::new(),
            });
        }
        report.renumber();
        report
    }

    /// Adds a section titled `title` under `parent` (a position; none for the top level) at
    /// `index` (1-based; none for the end). Numbers are not changed: call [`Report::renumber`].
    pub fn add_section(
        &mut self,
        parent: Option<&str>,
        index: Option<usize>,
        title: &str,
    ) -> Result<()> {
        let path = match parent {
            Some(p) => positions(p, "parent")?,
            None => Vec::new(),
        };
        let list = list_at(&mut self.sections, &path, parent.unwrap_or(""), "parent")?;
        let at = index.unwrap_or(list.len() + 1);
        if at == 0 || at > list.len() + 1 {
            return Err(Error::option(
                "index",
                format!("index {at} is outside 1 to {}", list.len() + 1),
            ));
        }
        list.insert(
            at - 1,
            Section {
                number: None,
                title: title.to_string(),
                blocks: Vec::new(),
                sections: Vec::new(),
            },
        );
        Ok(())
    }

    /// Removes the section at position `at` with its subsections, and gives it back.
    pub fn remove_section(&mut self, at: &str) -> Result<Section> {
        let path = positions(at, "at")?;
        let (last, parent) = path
            .split_last()
            .ok_or_else(|| Error::option("at", "no section position given"))?;
        let list = list_at(&mut self.sections, parent, at, "at")?;
        if *last > list.len() {
            return Err(Error::option("at", format!("there is no section at {at}")));
        }
        Ok(list.remove(last - 1))
    }

    /// Moves the section at `from` (with its subsections) under `parent` at `index`, positions
    /// read after the section is taken out. A section cannot move into itself.
    pub fn move_section(
        &mut self,
        from: &str,
        parent: Option<&str>,
        index: Option<usize>,
    ) -> Result<()> {
        if let Some(p) = parent {
            if p == from || p.starts_with(&format!("{from}.")) {
                return Err(Error::option(
                    "parent",
                    format!("section {from} cannot move into itself ({p})"),
                ));
            }
        }
        let before = self.clone();
        let section = self.remove_section(from)?;
        let path = match parent {
            Some(p) => positions(p, "parent")?,
            None => Vec::new(),
        };
        let result =
            list_at(&mut self.sections, &path, parent.unwrap_or(""), "parent").and_then(|list| {
                let at = index.unwrap_or(list.len() + 1);
                if at == 0 || at > list.len() + 1 {
                    return Err(Error::option(
                        "index",
                        format!("index {at} is outside 1 to {}", list.len() + 1),
                    ));
                }
                list.insert(at - 1, section);
                Ok(())
            });
        if result.is_err() {
            // Nothing is lost on a bad move: the report is as it was.
            *self = before;
        }
        result
    }

    /// Numbers every section by its position (1, 1.1, 1.1.1), replacing the numbers it had.
    pub fn renumber(&mut self) {
        fn walk(sections: &mut [Section], parent: &str) {
            for (i, s) in sections.iter_mut().enumerate() {
                let n = if parent.is_empty() {
                    (i + 1).to_string()
                } else {
                    format!("{parent}.{}", i + 1)
                };
                walk(&mut s.sections, &n);
                s.number = Some(n);
            }
        }
        walk(&mut self.sections, "");
    }
}

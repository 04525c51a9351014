//! Templates for `mimeo new`: folders that build at once, each a layout
//! (`mimeo.toml`) and articles (`content/`) whose words say how to change
//! them. The files are built into the binary, so a new paper needs nothing
//! but mimeo.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// One template: its name, what it makes, and its files by path.
pub struct Template {
    pub name: &'static str,
    pub about: &'static str,
    pub files: &'static [(&'static str, &'static [u8])],
}

/// A file of the template, from a path in this repository.
macro_rules! file {
    ($to:literal, $from:literal) => {
        ($to, include_bytes!(concat!("../", $from)) as &[u8])
    };
}

/// Every template, in the order `mimeo new --list` gives them.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "tabloid",
        about: "the example newspaper: four tabloid pages in five columns, a masthead, photos, stories continued inside; in English and Spanish, and in an edition for each (--edition en,es), with the news in brief in Arabic and Hindi",
        files: &[
            file!("mimeo.toml", "layouts/tabloid.toml"),
            file!("content/01-warehouse-strike.md", "content/01-warehouse-strike.md"),
            file!("content/02-tenants.md", "content/02-tenants.md"),
            file!("content/03-get-involved.md", "content/03-get-involved.md"),
            file!("content/04-limpieza.md", "content/04-limpieza.md"),
            file!("content/05-bus-drivers.md", "content/05-bus-drivers.md"),
            file!("content/06-library.md", "content/06-library.md"),
            file!("content/07-calendar.md", "content/07-calendar.md"),
            file!("content/08-editorial.md", "content/08-editorial.md"),
            file!("content/09-letters.md", "content/09-letters.md"),
            file!("content/10-repartidores.md", "content/10-repartidores.md"),
            file!("content/11-kitchen.md", "content/11-kitchen.md"),
            file!("content/12-heat-rights.md", "content/12-heat-rights.md"),
            file!("content/13-in-arabic.md", "content/13-in-arabic.md"),
            file!("content/14-in-hindi.md", "content/14-in-hindi.md"),
            file!("content/01-warehouse-strike.es.md", "content/01-warehouse-strike.es.md"),
            file!("content/02-tenants.es.md", "content/02-tenants.es.md"),
            file!("content/03-get-involved.es.md", "content/03-get-involved.es.md"),
            file!("content/04-limpieza.en.md", "content/04-limpieza.en.md"),
            file!("content/05-bus-drivers.es.md", "content/05-bus-drivers.es.md"),
            file!("content/06-library.es.md", "content/06-library.es.md"),
            file!("content/07-calendar.es.md", "content/07-calendar.es.md"),
            file!("content/08-editorial.es.md", "content/08-editorial.es.md"),
            file!("content/09-letters.es.md", "content/09-letters.es.md"),
            file!("content/10-repartidores.en.md", "content/10-repartidores.en.md"),
            file!("content/11-kitchen.es.md", "content/11-kitchen.es.md"),
            file!("content/12-heat-rights.es.md", "content/12-heat-rights.es.md"),
            file!("content/hospital.jpg", "content/hospital.jpg"),
            file!("content/library.jpg", "content/library.jpg"),
            file!("content/picket-line.jpg", "content/picket-line.jpg"),
            file!("content/tenement.jpg", "content/tenement.jpg"),
        ],
    },
    Template {
        name: "leaflet",
        about: "a two-sided A4 leaflet, English on the front and Spanish on the back: a photo, a box with what to do, a coupon to cut off",
        files: &[
            file!("mimeo.toml", "templates/leaflet/mimeo.toml"),
            file!("content/01-front.md", "templates/leaflet/content/01-front.md"),
            file!("content/02-act.md", "templates/leaflet/content/02-act.md"),
            file!("content/03-coupon.md", "templates/leaflet/content/03-coupon.md"),
            file!("content/04-portada.md", "templates/leaflet/content/04-portada.md"),
            file!("content/05-actua.md", "templates/leaflet/content/05-actua.md"),
            file!("content/06-cupon.md", "templates/leaflet/content/06-cupon.md"),
            file!("content/tenement.jpg", "content/tenement.jpg"),
        ],
    },
    Template {
        name: "booklet",
        about: "an A5 booklet, printed two pages to a side of A4, folded and stapled: each chapter on a new page",
        files: &[
            file!("mimeo.toml", "templates/booklet/mimeo.toml"),
            file!("content/01-cover.md", "templates/booklet/content/01-cover.md"),
            file!("content/02-writing.md", "templates/booklet/content/02-writing.md"),
            file!("content/03-printing.md", "templates/booklet/content/03-printing.md"),
            file!("content/04-back.md", "templates/booklet/content/04-back.md"),
        ],
    },
    Template {
        name: "measure",
        about: "one newspaper column, 134.4pt wide, to see how an article sets and measure its lines",
        files: &[
            file!("mimeo.toml", "layouts/measure.toml"),
            file!("content/column.md", "templates/measure/content/column.md"),
        ],
    },
];

/// The template called `name`, or an error listing them.
pub fn find(name: &str) -> Result<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name).ok_or_else(|| {
        let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        Error::new(format!("there is no template `{name}`"))
            .with_help(format!(
                "the templates are {}; `mimeo new --list` says what each makes",
                names.join(", ")
            ))
            .suggesting(name, names)
    })
}

/// Writes `template` into `dir`, which must not exist or be empty: nothing
/// is ever written over. Returns the files written.
pub fn create(template: &Template, dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !dir.is_dir() || !empty {
            return Err(Error::in_file(
                dir,
                "is already there and not an empty folder; mimeo new writes only into a new one",
            )
            .with_help("name a folder that does not exist yet"));
        }
    }
    let mut written = Vec::with_capacity(template.files.len());
    for (path, bytes) in template.files {
        let to = dir.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::in_file(parent, format!("cannot create the folder: {e}")))?;
        }
        std::fs::write(&to, bytes)
            .map_err(|e| Error::in_file(&to, format!("cannot be written: {e}")))?;
        written.push(to);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_a_layout_and_articles() {
        for t in TEMPLATES {
            assert!(
                t.files.iter().any(|(p, _)| *p == "mimeo.toml"),
                "{}",
                t.name
            );
            assert!(
                t.files
                    .iter()
                    .any(|(p, _)| p.starts_with("content/") && p.ends_with(".md")),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn a_misspelt_template_gets_a_suggestion() {
        let e = find("leaflett")
            .err()
            .map(|e| format!("{e:?}"))
            .unwrap_or_default();
        assert!(e.contains("leaflet"), "{e}");
        assert!(find("booklet").is_ok());
    }

    #[test]
    fn never_writes_into_a_folder_with_files() {
        let dir = std::env::temp_dir().join(format!("mimeo-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("keep.txt"), "mine").unwrap();
        assert!(create(&TEMPLATES[3], &dir).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
            "mine"
        );
        assert!(!dir.join("mimeo.toml").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

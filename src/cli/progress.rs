//! The spinner a long build shows on a terminal.

/// A spinner saying which stage a build is in, on a terminal only, and only
/// once the build has taken half a second.
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(crate) fn start(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}… {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message("reading the articles and the layout");
        let later = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(500));
            if !later.is_finished() {
                later.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                later.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Progress { bar: Some(bar) }
    }

    /// What the build tells of its stages, for the spinner's message.
    pub(crate) fn stages(&self) -> Option<mimeo::Stages> {
        let bar = self.bar.clone()?;
        Some(mimeo::Stages(std::sync::Arc::new(move |done| {
            let next = match done {
                "read" => "loading fonts and photos",
                "assets" => "shaping and breaking the lines",
                "typeset" => "composing the pages",
                "compose" => "preparing the photos and checking the pages",
                "prepress" => "writing the PDF",
                _ => "writing the other files",
            };
            bar.set_message(next);
        })))
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

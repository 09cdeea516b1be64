//! What to do about a library error, in the CLI's words: the library
//! says what is wrong ([`vsearch::Remedy`]), the CLI names the command.

use vsearch::Remedy;

/// The remedy of the first library error in `e`'s chain, as the end of
/// the CLI's message (with its separator), or `""`.
pub fn words(e: &anyhow::Error) -> &'static str {
    let remedy = e
        .chain()
        .filter_map(|c| c.downcast_ref::<vsearch::Error>())
        .find_map(vsearch::Error::remedy);
    match remedy {
        None => "",
        Some(Remedy::Index) => ": run `vsearch index` first",
        Some(Remedy::Rebuild) => "; rebuild it with `vsearch index --rebuild`",
        Some(Remedy::Check) => ": run `vsearch check`",
        Some(Remedy::Embed) => "; make them with `vsearch index --semantic`",
        Some(Remedy::EmbedAgain) => "; run `vsearch index --semantic` again to go on",
        Some(Remedy::Remake) => "; make them again with `vsearch index --semantic`",
        Some(Remedy::Model) => "; give its file with --model",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_cli_names_its_commands_after_the_library_s_words() {
        let e = anyhow::Error::new(vsearch::Error::NoIndex(PathBuf::from("idx")));
        assert_eq!(
            format!("{e:#}{}", words(&e)),
            "no index at idx: run `vsearch index` first"
        );
        let e = e.context("searching");
        assert_eq!(
            format!("{e:#}{}", words(&e)),
            "searching: no index at idx: run `vsearch index` first"
        );
        assert_eq!(words(&anyhow::anyhow!("plain")), "");
    }
}

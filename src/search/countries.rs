//! CLDR's country names in Vietnamese, German, Indonesian and English
//! (`data/country_names.txt`, written by `data/build_country_names.py`),
//! keyed by the build script into a sorted table: a search looks a name up
//! without parsing the list.

include!(concat!(env!("OUT_DIR"), "/country_names.rs"));

/// The names of the countries one of whose names has `key` (see
/// [`crate::analysis::fold_key`]), each country's in the list's order.
pub(crate) fn forms(key: &str) -> impl Iterator<Item = &'static str> + '_ {
    let start = COUNTRY_KEYS.partition_point(|&(k, _)| k < key);
    COUNTRY_KEYS[start..]
        .iter()
        .take_while(move |&&(k, _)| k == key)
        .flat_map(|&(_, line)| COUNTRY_LINES[usize::from(line)].iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fold_key;

    #[test]
    fn every_name_of_the_list_leads_to_its_line() {
        let text = include_str!("data/country_names.txt");
        let mut lines = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let names: Vec<String> = line
                .split(',')
                .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            for name in &names {
                let found: Vec<&str> = forms(&fold_key(name)).collect();
                for other in &names {
                    assert!(found.contains(&other.as_str()), "{name}: {found:?}");
                }
            }
            lines += 1;
        }
        assert_eq!(lines, COUNTRY_LINES.len());
        assert!(COUNTRY_KEYS.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            forms("phap").collect::<Vec<_>>(),
            ["Pháp", "Frankreich", "Prancis", "France"]
        );
    }
}

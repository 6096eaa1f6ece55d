//! How the command line spells the renderer's choices (`--only`, `--paper`, `--card`,
//! `--duplex`): names, the aliases people type, and help. The renderer's enums know nothing
//! of clap; this is the only place that maps words to them.

use crate::render::Output;
use crate::render::impose::{CardSize, Duplex, Paper};
use clap::ValueEnum;
use clap::builder::PossibleValue;

impl ValueEnum for Output {
    fn value_variants<'a>() -> &'a [Self] {
        &Output::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        // Each also answers to its file's name (`--only cheat-sheet`).
        Some(match self {
            Output::Cards => PossibleValue::new("cards").alias("cue-cards"),
            Output::Cheatsheet => PossibleValue::new("cheatsheet").alias("cheat-sheet"),
            Output::Checklist => PossibleValue::new("checklist"),
            Output::Answers => {
                PossibleValue::new("answers").help("Every answer in full, to rehearse out loud")
            }
            Output::Anki => PossibleValue::new("anki").alias("deck"),
        })
    }
}

impl ValueEnum for Paper {
    fn value_variants<'a>() -> &'a [Self] {
        &Paper::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Paper::Letter => PossibleValue::new(self.name()).aliases(["Letter", "LETTER", "us-letter"]),
            Paper::A4 => PossibleValue::new(self.name()).alias("A4"),
        })
    }
}

impl ValueEnum for CardSize {
    fn value_variants<'a>() -> &'a [Self] {
        &CardSize::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        // Written either way round: every card is printed landscape.
        let aliases: &[&str] = match self {
            CardSize::In3x5 => &["5x3in", "3x5"],
            CardSize::In4x6 => &["6x4in", "4x6"],
            CardSize::A6 => &["A6"],
            CardSize::A7 => &["A7"],
        };
        Some(PossibleValue::new(self.name()).aliases(aliases.iter().copied()))
    }
}

impl ValueEnum for Duplex {
    fn value_variants<'a>() -> &'a [Self] {
        &Duplex::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every choice parses back from the name the renderer prints for it, so the summary
    /// line and error messages name flags a person can type.
    #[test]
    fn each_choice_parses_from_its_own_name() {
        for paper in Paper::ALL {
            assert_eq!(Paper::from_str(paper.name(), false), Ok(paper));
        }
        for card in CardSize::ALL {
            assert_eq!(CardSize::from_str(card.name(), false), Ok(card));
        }
        for duplex in Duplex::ALL {
            assert_eq!(Duplex::from_str(duplex.name(), false), Ok(duplex));
        }
        assert_eq!(Output::from_str("cheat-sheet", false), Ok(Output::Cheatsheet));
        assert_eq!(CardSize::from_str("6x4in", false), Ok(CardSize::In4x6));
        assert_eq!(Paper::from_str("us-letter", false), Ok(Paper::Letter));
    }
}

//! Where an application stands: five active stages on the board, five that close it.

use crate::domain::choice::{Choice, Choices};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The stage of an application. Declaration order is the display order (board
/// columns, then the closed stages); progress for the funnel is [`Stage::progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Wishlist,
    Applied,
    Screening,
    Interviewing,
    Offer,
    /// The user accepted an offer.
    Accepted,
    /// The user turned an offer down (stepping out before an offer is `Withdrawn`).
    Declined,
    Rejected,
    Withdrawn,
    Ghosted,
}

impl Stage {
    pub const ALL: [Self; 10] = [
        Self::Wishlist,
        Self::Applied,
        Self::Screening,
        Self::Interviewing,
        Self::Offer,
        Self::Accepted,
        Self::Declined,
        Self::Rejected,
        Self::Withdrawn,
        Self::Ghosted,
    ];

    /// The board's columns, in order.
    pub const ACTIVE: [Self; 5] = [
        Self::Wishlist,
        Self::Applied,
        Self::Screening,
        Self::Interviewing,
        Self::Offer,
    ];

    /// The stages that close an application while keeping it on record.
    pub const CLOSED: [Self; 5] = [
        Self::Accepted,
        Self::Declined,
        Self::Rejected,
        Self::Withdrawn,
        Self::Ghosted,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Wishlist => "Wishlist",
            Self::Applied => "Applied",
            Self::Screening => "Screening",
            Self::Interviewing => "Interviewing",
            Self::Offer => "Offer",
            Self::Accepted => "Accepted",
            Self::Declined => "Declined",
            Self::Rejected => "Rejected",
            Self::Withdrawn => "Withdrawn",
            Self::Ghosted => "Ghosted",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Wishlist => "wishlist",
            Self::Applied => "applied",
            Self::Screening => "screening",
            Self::Interviewing => "interviewing",
            Self::Offer => "offer",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::Ghosted => "ghosted",
        }
    }

    /// Still in play: shown on the board.
    pub fn is_active(&self) -> bool {
        Self::ACTIVE.contains(self)
    }

    /// The next board column (`l` on the board); none after `offer` or for a closed stage.
    pub fn next(&self) -> Option<Self> {
        let at = Self::ACTIVE.iter().position(|s| s == self)?;
        Self::ACTIVE.get(at + 1).copied()
    }

    /// The previous board column; none before `wishlist` or for a closed stage.
    pub fn prev(&self) -> Option<Self> {
        let at = Self::ACTIVE.iter().position(|s| s == self)?;
        at.checked_sub(1).map(|i| Self::ACTIVE[i])
    }

    /// How far along the road to a job this stage proves an application got:
    /// 0 wishlist, 1 applied, 2 screening, 3 interviewing, 4 offer, 5 accepted.
    /// A closed stage proves what it implies: a rejection or ghosting means the
    /// user had applied; declining means there was an offer; withdrawing proves
    /// nothing beyond the wishlist (the user may never have applied).
    pub fn progress(&self) -> u8 {
        match self {
            Self::Wishlist | Self::Withdrawn => 0,
            Self::Applied | Self::Rejected | Self::Ghosted => 1,
            Self::Screening => 2,
            Self::Interviewing => 3,
            Self::Offer | Self::Declined => 4,
            Self::Accepted => 5,
        }
    }

    /// On the road wishlist → applied → screening → interviewing → offer → accepted,
    /// as opposed to a side exit (declined, rejected, withdrawn, ghosted).
    pub fn is_milestone(&self) -> bool {
        matches!(
            self,
            Self::Wishlist
                | Self::Applied
                | Self::Screening
                | Self::Interviewing
                | Self::Offer
                | Self::Accepted
        )
    }

    /// Reads a stage's key or label, case-insensitive.
    pub fn parse(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Stage {
    const CHOICES: Choices<Self> = Choices {
        what: "stage",
        all: &Stage::ALL,
        key: Stage::key,
        label: Stage::label,
        synonyms: &[],
    };
}

impl FromStr for Stage {
    type Err = String;
    fn from_str(input: &str) -> Result<Self, String> {
        Self::parse(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_and_closed_split_all_stages() {
        for stage in Stage::ALL {
            assert_ne!(
                Stage::ACTIVE.contains(&stage),
                Stage::CLOSED.contains(&stage),
                "{stage:?}"
            );
            assert_eq!(stage.is_active(), Stage::ACTIVE.contains(&stage));
        }
        assert!(Stage::Offer.is_active());
        assert!(!Stage::Ghosted.is_active());
    }

    #[test]
    fn next_and_prev_walk_the_board_only() {
        assert_eq!(Stage::Wishlist.next(), Some(Stage::Applied));
        assert_eq!(Stage::Interviewing.next(), Some(Stage::Offer));
        assert_eq!(Stage::Offer.next(), None);
        assert_eq!(Stage::Wishlist.prev(), None);
        assert_eq!(Stage::Screening.prev(), Some(Stage::Applied));
        assert_eq!(Stage::Rejected.next(), None);
        assert_eq!(Stage::Rejected.prev(), None);
    }

    #[test]
    fn parses_keys_and_labels_forgivingly() {
        assert_eq!(Stage::parse("Interviewing"), Ok(Stage::Interviewing));
        assert_eq!(" GHOSTED ".parse::<Stage>(), Ok(Stage::Ghosted));
        let err = Stage::parse("maybe").unwrap_err();
        assert!(err.contains("\"maybe\" is not a stage"), "{err}");
        assert!(err.contains("wishlist, applied, screening"), "{err}");
        assert!(Stage::parse("").unwrap_err().starts_with("enter a stage"));
    }

    #[test]
    fn keys_are_the_serde_names() {
        for stage in Stage::ALL {
            let json = serde_json::to_string(&stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.key()));
        }
    }
}

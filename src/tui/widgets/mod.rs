//! Pieces every screen uses: forms, tables, popups, help.

pub mod cursor;
pub mod form;
pub mod help;
pub mod input;
pub mod pick;
pub mod popup;
pub mod table;
pub mod views;

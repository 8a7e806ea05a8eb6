//! Writers that turn domain records into files a person or another program
//! reads: Markdown, CSV, iCalendar. Pure: they build text; callers write it.

pub mod apps_csv;
pub mod brag;
pub mod calendar;
pub mod deadlines;
pub mod follow_ups;
pub mod ics;
pub mod wins_csv;

//! Which records, in which order: the one answer that the console's panes, `export` and every
//! other report share, so that the screen and a file written from it can never disagree.
//!
//! - [`filter`]: the filters (status, priority, theme, owner, audience, overdue, changed, ...);
//! - [`sort`]: the sort keys and the natural order of ids;
//! - [`search`]: the case-insensitive text search and its indexes;
//! - [`mod@select`]: all three at once over a whole feed, for reports.

pub mod filter;
pub mod search;
pub mod select;
pub mod sort;

pub use filter::{Filter, FilterContext};
pub use search::{SearchHits, SearchIndex};
pub use select::{Query, select};
pub use sort::{SortKey, natural_cmp};

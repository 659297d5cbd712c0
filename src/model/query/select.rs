//! A whole query over a whole feed: the records the filters and the search let through, in the
//! order the screen lists them (audience, then the sort key, then the id).

use chrono::NaiveDate;

use super::filter::{Filter, FilterContext};
use super::sort::SortKey;
use crate::model::query::{SearchHits, SearchIndex};
use crate::model::{Feed, Recommendation};

/// What a report asks for: filters, a search, an order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The filters, the search among them.
    pub filter: Filter,
    /// The order within an audience.
    pub sort: SortKey,
}

impl Filter {
    /// True when the record's audience is one the filter shows (every audience when none is set).
    pub fn shows_audience(&self, feed: &Feed, audience: usize) -> bool {
        self.audiences.is_empty()
            || feed
                .audiences
                .get(audience)
                .is_some_and(|a| self.audiences.contains(&a.id))
    }

    /// The one test of a record: the search hits (when there is a search), every filter and the
    /// audience. The panes and [`select()`] both ask it.
    pub fn admits(
        &self,
        feed: &Feed,
        index: usize,
        rec: &Recommendation,
        hits: Option<&[bool]>,
        ctx: &FilterContext<'_>,
    ) -> bool {
        hits.is_none_or(|h| h.get(index).copied().unwrap_or(false))
            && (self.matches_everything() || self.matches(rec, ctx))
            && self.shows_audience(feed, rec.audience)
    }
}

/// The records a query lets through, in the order the screen shows them. `changed` tells which
/// records count as changed, for the "changed" filter.
pub fn select<'a>(
    feed: &'a Feed,
    query: &Query,
    today: NaiveDate,
    stale_assessment_days: i64,
    changed: &dyn Fn(&Recommendation) -> bool,
) -> Vec<&'a Recommendation> {
    let filter = &query.filter;
    let ctx = FilterContext {
        today,
        stale_assessment_days,
        changed,
    };
    let hits = (!filter.search.is_empty())
        .then(|| SearchHits::search(&SearchIndex::build(feed, false), &filter.search, None).hits);
    let mut chosen: Vec<&Recommendation> = feed
        .recommendations
        .iter()
        .enumerate()
        .filter(|&(i, rec)| filter.admits(feed, i, rec, hits.as_deref(), &ctx))
        .map(|(_, rec)| rec)
        .collect();
    let sort = query.sort;
    chosen.sort_by(|a, b| a.audience.cmp(&b.audience).then_with(|| sort.compare(a, b)));
    chosen
}

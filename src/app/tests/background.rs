//! The work a new feed asks for away from the event loop: its search index, the words of that
//! index, and freeing the feed it replaced.

use super::*;
use crate::app::background::SearchJob;

/// Loads `feed` and returns the job that indexes it, which the load must ask for.
fn load(app: &mut App, feed: Feed) -> (SearchJob, Vec<Effect>) {
    let all = effects(app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now(),
    })));
    let job = all.iter().find_map(|effect| match effect {
        Effect::IndexSearch(job) => Some(job.clone()),
        _ => None,
    });
    (job.expect("a load asks for its search index"), all)
}

/// A feed of `count` records: the sample's, repeated under new ids.
fn feed_of(count: usize) -> Feed {
    let mut feed = sample();
    let base = feed.recommendations.clone();
    feed.recommendations = (0..count)
        .map(|i| {
            let mut rec = base[i % base.len()].clone();
            rec.id = RecId(format!("{}-{i}", rec.id.0));
            rec
        })
        .collect();
    feed
}

#[test]
fn a_load_asks_for_the_index_and_frees_the_feed_it_replaces() {
    let mut app = app(120, 40);
    let old = app.feed.clone().expect("a feed");
    let (_, all) = load(&mut app, sample());
    let retired = all.iter().find_map(|effect| match effect {
        Effect::Retire(retired) => Some(retired.as_ref().clone()),
        _ => None,
    });
    let retired = retired.expect("the old feed is handed over to be freed");
    assert!(retired.feed.as_ref().is_some_and(|f| Arc::ptr_eq(f, &old)));
    assert!(!Arc::ptr_eq(app.feed.as_ref().expect("a feed"), &old));
}

#[test]
fn a_search_answers_the_same_before_the_index_with_it_and_with_its_words() {
    let mut app = app(120, 40);
    let (job, _) = load(&mut app, sample());
    app.update(Action::Search);
    app.update(Action::Type('d'));
    assert_eq!(app.update(Action::Type('a')), Effect::Redraw);
    let before = app.search.hits.clone().expect("hits");
    assert!(!before.partial, "a feed this small is read whole");
    assert!(app.search.index.is_none());

    let built = job.run();
    let Effect::IndexWords(words) = app.update(Action::SearchIndexed(Box::new(built.clone())))
    else {
        panic!("the index asks for its words");
    };
    assert_eq!(app.search.hits.as_ref(), Some(&before));
    assert_eq!(
        app.update(Action::WordsIndexed(Box::new(words.run()))),
        Effect::None
    );
    assert!(app.search.index.as_ref().is_some_and(|i| i.has_words()));
    app.update(Action::Erase);
    app.update(Action::Type('a'));
    assert_eq!(app.search.hits.as_ref(), Some(&before));

    // An index built for a feed since replaced is not used.
    load(&mut app, sample());
    assert_eq!(
        app.update(Action::SearchIndexed(Box::new(built))),
        Effect::None
    );
    assert!(app.search.index.is_none());
}

#[test]
fn before_its_index_a_large_feed_is_searched_in_part_then_whole() {
    let mut app = app(120, 40);
    let (job, _) = load(&mut app, feed_of(10_000));
    app.update(Action::Search);
    app.update(Action::Type('d'));
    let part = app.search.hits.clone().expect("hits");
    assert!(part.partial);
    let found = part.count();
    assert!(found > 0);

    assert!(matches!(
        app.update(Action::SearchIndexed(Box::new(job.run()))),
        Effect::IndexWords(_)
    ));
    let whole = app.search.hits.clone().expect("hits");
    assert!(!whole.partial);
    assert!(whole.count() > found, "{} > {found}", whole.count());
    let agree = part.hits.iter().zip(&whole.hits).filter(|(p, _)| **p);
    assert!(agree.clone().count() > 0 && agree.into_iter().all(|(_, w)| *w));
}

/// Each pane's order and rows.
type Panes = Vec<(Vec<usize>, Vec<usize>)>;

/// The panes' orders and rows, and the header's totals: what a new feed puts on screen.
fn on_screen(app: &App) -> (Panes, Option<Totals>) {
    let panes = app.panes.iter().map(|p| (p.order.clone(), p.rows.clone()));
    (panes.collect(), app.totals.clone())
}

#[test]
fn a_feed_prepared_ahead_shows_as_one_given_directly() {
    use crate::app::prepare::Prepared;
    let message = || FeedMessage::Loaded {
        feed: Box::new(feed_of(500)),
        at: now(),
    };
    let mut direct = app(120, 40);
    direct.update(Action::CycleSort);
    assert_ne!(direct.sort, SortKey::Id);
    direct.update(Action::Feed(message()));

    // Prepared for the sort in force, and for one no longer in force: the orders are made again.
    for stale in [false, true] {
        let mut app = app(120, 40);
        app.update(Action::CycleSort);
        let mut against = app.on_screen();
        if stale {
            against.sort = SortKey::Id;
        }
        let prepared = Prepared::new(message(), against);
        app.update(Action::FeedPrepared(Box::new(prepared)));
        assert_eq!(
            on_screen(&app),
            on_screen(&direct),
            "prepared for another sort: {stale}"
        );
    }
}

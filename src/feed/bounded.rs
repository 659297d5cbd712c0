//! Blocking work on a file, waited for with a bound, one job at a time.
//!
//! A read or a `stat` on a stalled network file system can block in the kernel for ever, and
//! nothing can stop it. The watcher must still answer: it waits for such a job at most a given
//! time, then says so and goes on. The thread is left behind, and while it is stuck no second
//! job is started (the next request waits on the stuck one again), so stuck threads cannot pile
//! up.

use std::time::Duration;

use tokio::task::JoinHandle;

/// Why a bounded job gave no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Late {
    /// It did not end within the bound; it goes on, and a later request takes it up.
    TimedOut,
    /// It ended without a result (it panicked).
    Failed,
}

/// At most one blocking job of type `T` at a time, each waited for with a bound.
#[derive(Debug)]
pub struct Bounded<T> {
    pending: Option<JoinHandle<T>>,
}

impl<T> Default for Bounded<T> {
    fn default() -> Self {
        Bounded { pending: None }
    }
}

impl<T: Send + 'static> Bounded<T> {
    /// Runs `job` on a blocking thread and waits for it at most `limit`. When an earlier job is
    /// still running, that one is waited for instead and `job` is dropped unrun: its answer is
    /// as good, since the earlier job started before this request.
    pub async fn run(
        &mut self,
        limit: Duration,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Late> {
        let mut handle = match self.pending.take() {
            Some(handle) => handle,
            None => tokio::task::spawn_blocking(job),
        };
        match tokio::time::timeout(limit, &mut handle).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(Late::Failed),
            Err(_) => {
                self.pending = Some(handle);
                Err(Late::TimedOut)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A job that blocks until told, like a read from a stalled file system.
    fn stuck() -> (mpsc::Sender<u32>, impl FnOnce() -> u32 + Send + 'static) {
        let (release, wait) = mpsc::channel();
        (release, move || wait.recv().unwrap_or(0))
    }

    #[tokio::test]
    async fn a_stuck_job_times_out_and_is_taken_up_later_instead_of_a_second_one() {
        let mut bounded = Bounded::default();
        let (release, job) = stuck();
        let limit = Duration::from_millis(100);
        assert_eq!(bounded.run(limit, job).await, Err(Late::TimedOut));
        assert_eq!(bounded.run(limit, || 2).await, Err(Late::TimedOut));
        release.send(1).unwrap();
        // The first job's answer, not the second's: the second never ran.
        assert_eq!(bounded.run(Duration::from_secs(10), || 2).await, Ok(1));
        assert_eq!(bounded.run(limit, || 3).await, Ok(3));
    }

    #[tokio::test]
    async fn a_panicking_job_fails() {
        let mut bounded = Bounded::<u32>::default();
        let result = bounded
            .run(Duration::from_secs(10), || panic!("a bug in the job"))
            .await;
        assert_eq!(result, Err(Late::Failed));
    }
}

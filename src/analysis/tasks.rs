//! Work shared by two threads (native builds): a list of tasks that the threads take in turn, and
//! the meeting points where the task that finishes last puts the results together, so that no
//! thread waits while there is work left.

use std::sync::Mutex;

/// One piece of work for [`on_two_threads`].
pub type Task<'a> = Box<dyn FnOnce() + Send + 'a>;

/// Run every task once, on this thread and one more: each thread takes the next task in the list
/// when it is free, and calls `last` when the list is empty (work that a task left for the end, so
/// that it fills the time a thread would otherwise wait for the other's last task). A panic in a
/// task is passed on as if it had happened on this thread (as on one thread), not hidden behind a
/// missing result.
pub fn on_two_threads(tasks: Vec<Task<'_>>, last: &(dyn Fn() + Sync)) {
    let queue = Mutex::new(tasks.into_iter());
    let work = || {
        loop {
            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
            match next {
                Some(task) => task(),
                None => break,
            }
        }
        last();
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(work);
        work();
        other.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
    });
}

/// Work left for the end of [`on_two_threads`]: put by a task, taken by the first thread to find
/// the list empty (or by the thread that puts it, if both have).
pub struct Later<T>(Mutex<Option<T>>);

impl<T> Later<T> {
    pub fn new() -> Self {
        Later(Mutex::new(None))
    }

    pub fn put(&self, x: T) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(x);
    }

    pub fn take(&self) -> Option<T> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Where two tasks' results meet: the one that arrives second gets both.
pub struct Meet<A, B>(Mutex<(Option<A>, Option<B>)>);

impl<A, B> Meet<A, B> {
    pub fn new() -> Self {
        Meet(Mutex::new((None, None)))
    }

    /// The first result; both, if the second is there already.
    pub fn first(&self, a: A) -> Option<(A, B)> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (mine, theirs) = &mut *m;
        arrive(mine, theirs, a)
    }

    /// The second result; both, if the first is there already.
    pub fn second(&self, b: B) -> Option<(A, B)> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (theirs, mine) = &mut *m;
        arrive(mine, theirs, b).map(|(b, a)| (a, b))
    }
}

/// One side's result `x` at a meeting: with the other side's, if it is there, else left in `mine`.
fn arrive<X, Y>(mine: &mut Option<X>, theirs: &mut Option<Y>, x: X) -> Option<(X, Y)> {
    match theirs.take() {
        Some(y) => Some((x, y)),
        None => {
            *mine = Some(x);
            None
        }
    }
}

/// Where `n` tasks' results meet: the one that puts the last part gets them all, in order.
pub struct Parts<T>(Mutex<(Vec<Option<T>>, usize)>);

impl<T> Parts<T> {
    pub fn new(n: usize) -> Self {
        Parts(Mutex::new(((0..n).map(|_| None).collect(), n)))
    }

    /// Part `k`; every part, if this was the last one missing.
    pub fn put(&self, k: usize, part: T) -> Option<Vec<T>> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (slots, missing) = &mut *m;
        if slots.get(k).is_none_or(Option::is_some) {
            return None; // not a part, or one put twice: never done by `analyze`
        }
        slots[k] = Some(part);
        *missing -= 1;
        (*missing == 0).then(|| slots.iter_mut().filter_map(Option::take).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_runs_once_the_last_part_gathers_all_and_the_end_work_runs_once() {
        let parts = Parts::new(9);
        let meet = Meet::new();
        let (gathered, met) = (Mutex::new(None), Mutex::new(None));
        let mut tasks: Vec<Task<'_>> = Vec::new();
        for k in 0..9 {
            let (parts, gathered) = (&parts, &gathered);
            tasks.push(Box::new(move || {
                if let Some(all) = parts.put(k, k * 10) {
                    *gathered.lock().unwrap() = Some(all);
                }
            }));
        }
        tasks.push(Box::new(|| {
            if let Some(both) = meet.first("a") {
                *met.lock().unwrap() = Some(both);
            }
        }));
        tasks.push(Box::new(|| {
            if let Some(both) = meet.second(2) {
                *met.lock().unwrap() = Some(both);
            }
        }));
        let later = Later::new();
        tasks.push(Box::new(|| later.put(7)));
        let taken = Mutex::new(Vec::new());
        on_two_threads(tasks, &|| taken.lock().unwrap().extend(later.take()));
        assert_eq!(taken.into_inner().unwrap(), vec![7], "what a task left for the end is done once");
        assert_eq!(gathered.into_inner().unwrap(), Some((0..9).map(|k| k * 10).collect::<Vec<_>>()));
        assert_eq!(met.into_inner().unwrap(), Some(("a", 2)));
    }

    #[test]
    fn a_panic_in_a_task_reaches_the_caller() {
        let tasks: Vec<Task<'_>> = vec![Box::new(|| {}), Box::new(|| panic!("task")), Box::new(|| {})];
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_two_threads(tasks, &|| {}))).is_err());
    }
}

//! How long async work may go on: a `Life` ends when the reactive owner it was
//! made in is cleaned up (a component leaves the screen, a cluster is
//! disconnected), or when it is ended by hand. Work guarded by a Life stops
//! at its next step once the Life has ended: the code after an `await` never
//! runs, so it never reads a signal whose owner is gone (a read of a disposed
//! signal panics, and a panic aborts the release build); and its requests are
//! aborted (the Life's `AbortSignal`).
//!
//! Every async task of the panel starts here: `action`, `resource`, `spawn`
//! (guarded by the current owner), or `Life::guard`. `tests/limits.rs`
//! refuses `Action::new_local`, `LocalResource::new` and `spawn_local`
//! anywhere else.

use super::cluster::ClusterLife;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

#[derive(Default)]
struct Inner {
    ended: Cell<bool>,
    /// Made on first use (a Life that never sends a request needs none).
    controller: RefCell<Option<web_sys::AbortController>>,
    /// Lives that end with this one.
    children: RefCell<Vec<Weak<Inner>>>,
}

impl Inner {
    fn end(&self) {
        if self.ended.replace(true) {
            return;
        }
        if let Some(c) = self.controller.borrow().as_ref() {
            c.abort();
        }
        for child in self.children.take() {
            if let Some(child) = child.upgrade() {
                child.end();
            }
        }
    }
}

/// The lifetime of some async work. Clones share it.
#[derive(Clone, Default)]
pub struct Life(Rc<Inner>);

impl Life {
    /// A Life that ends when the current reactive owner is cleaned up, or
    /// when the cluster whose views it is made in is closed.
    pub fn here() -> Life {
        let life = Life::default();
        let inner = SendWrapper::new(Rc::downgrade(&life.0));
        on_cleanup(move || {
            if let Some(i) = inner.take().upgrade() {
                i.end();
            }
        });
        if let Some(ClusterLife(cluster)) = use_context::<ClusterLife>() {
            cluster.take().adopt(&life);
        }
        life
    }

    /// `child` ends when this Life does.
    fn adopt(&self, child: &Life) {
        if self.ended() {
            child.end();
        } else {
            let mut children = self.0.children.borrow_mut();
            children.retain(|c| c.strong_count() > 0);
            children.push(Rc::downgrade(&child.0));
        }
    }

    /// A Life that ends when this one or `other` ends.
    pub fn and(&self, other: &Life) -> Life {
        let life = Life::default();
        self.adopt(&life);
        other.adopt(&life);
        life
    }

    pub fn ended(&self) -> bool {
        self.0.ended.get()
    }

    /// Ends the Life: guarded work stops, its requests are aborted.
    pub fn end(&self) {
        self.0.end();
    }

    /// The signal that aborts this Life's requests.
    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        let mut c = self.0.controller.borrow_mut();
        if c.is_none() {
            *c = web_sys::AbortController::new().ok();
        }
        let c = c.as_ref()?;
        if self.ended() {
            c.abort();
        }
        Some(c.signal())
    }

    /// `f`, until this Life ends; after that it never resolves, and it is
    /// never polled again, so none of its code runs: at its next wake (its
    /// request aborted, its timer run out) it is dropped.
    pub fn guard<F: Future>(&self, f: F) -> Guarded<F> {
        Guarded {
            life: self.clone(),
            inner: Some(Box::pin(f)),
        }
    }

    /// Runs `f` in the background until this Life ends.
    pub fn spawn(&self, f: impl Future<Output = ()> + 'static) {
        leptos::task::spawn_local(self.guard(f));
    }
}

/// A future guarded by a Life (`Life::guard`).
pub struct Guarded<F> {
    life: Life,
    inner: Option<Pin<Box<F>>>,
}

impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        if self.life.ended() {
            self.inner = None;
        }
        match self.inner.as_mut() {
            Some(f) => f.as_mut().poll(cx),
            None => Poll::Pending,
        }
    }
}

/// Runs `f` in the background to its end, whatever owner goes meanwhile:
/// for work that must finish once started (a write and its record). It must
/// not read a signal after its first `await` without checking the Life of
/// its owner first.
pub fn detach(f: impl Future<Output = ()> + 'static) {
    leptos::task::spawn_local(f);
}

/// Runs `f` in the background while the current owner lives.
pub fn spawn(f: impl Future<Output = ()> + 'static) {
    Life::here().spawn(f);
}

/// An action (something the admin does) whose work stops when the current
/// owner goes.
pub fn action<I, O, F, Fu>(f: F) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    F: Fn(&I) -> Fu + 'static,
    Fu: Future<Output = O> + 'static,
{
    let life = Life::here();
    Action::new_local(move |i: &I| life.guard(f(i)))
}

/// An action of state (owned by a cluster), whose work stops when `life` ends.
pub fn action_in<I, O, F, Fu>(life: Life, f: F) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    F: Fn(&I) -> Fu + 'static,
    Fu: Future<Output = O> + 'static,
{
    Action::new_local(move |i: &I| life.guard(f(i)))
}

/// A resource of state (owned by a cluster), whose loads stop when `life` ends.
pub fn resource_in<T, F, Fu>(life: Life, f: F) -> LocalResource<T>
where
    T: 'static,
    F: Fn() -> Fu + 'static,
    Fu: Future<Output = T> + 'static,
{
    LocalResource::new(move || life.guard(f()))
}

/// A resource (data that depends on what `f` reads) whose loads stop when the
/// current owner goes.
pub fn resource<T, F, Fu>(f: F) -> LocalResource<T>
where
    T: 'static,
    F: Fn() -> Fu + 'static,
    Fu: Future<Output = T> + 'static,
{
    let life = Life::here();
    LocalResource::new(move || life.guard(f()))
}

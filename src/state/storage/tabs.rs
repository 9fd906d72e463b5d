//! Which tab this is. The id is kept in `sessionStorage` (a reload keeps it)
//! and held with a Web Lock (`tspanel.tab.<id>`) for as long as the page
//! lives, so another tab can tell a live tab's parts of `localStorage` from
//! those of a tab that was closed or crashed: its lock is free. A duplicated
//! tab (which copies `sessionStorage`) finds the id held and takes a new one.
//! Where the browser has no Web Locks, every tab counts as live: nothing of
//! another tab is ever taken over.

use futures_channel::oneshot;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TAB_KEY: &str = "tspanel.tab.v1";

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks`.
    type LockManager;
    #[wasm_bindgen(method, js_name = request)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> js_sys::Promise;
}

fn locks() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined()).then(|| locks.unchecked_into())
}

/// The name of a tab's lock.
pub(super) fn lock_name(tab: &str) -> String {
    format!("tspanel.tab.{tab}")
}

/// Takes the lock `name` if it is free: `f` runs while it is held (with
/// `true`), and then `hold` says whether it stays held for the page's life.
/// `None` when the lock is held elsewhere (or there are no Web Locks).
pub(super) async fn try_lock<T: 'static>(
    name: &str,
    hold: bool,
    f: impl FnOnce() -> T + 'static,
) -> Option<T> {
    let locks = locks()?;
    let (tx, rx) = oneshot::channel();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            let _ = tx.send(None);
            return JsValue::UNDEFINED;
        }
        let _ = tx.send(Some(f()));
        if hold {
            // Never resolves: the lock is released when the page goes.
            js_sys::Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let _ = locks.request(name, &options, &callback);
    rx.await.ok().flatten()
}

/// A new id: the time and a random part.
fn new_id() -> String {
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{:x}{r:x}", js_sys::Date::now() as u64)
}

thread_local! {
    static TAB: RefCell<Option<String>> = const { RefCell::new(None) };
    static WAITING: RefCell<Option<Vec<oneshot::Sender<String>>>> = const { RefCell::new(None) };
}

/// This tab's id, claimed on first use (its lock taken).
pub async fn tab() -> String {
    if let Some(t) = TAB.with_borrow(Clone::clone) {
        return t;
    }
    // Someone else is claiming it: wait for them.
    let (tx, rx) = oneshot::channel();
    let first = WAITING.with_borrow_mut(|w| match w {
        Some(list) => {
            list.push(tx);
            false
        }
        None => {
            *w = Some(vec![tx]);
            true
        }
    });
    if first {
        let id = claim().await;
        TAB.with_borrow_mut(|t| *t = Some(id.clone()));
        for tx in WAITING.with_borrow_mut(Option::take).unwrap_or_default() {
            let _ = tx.send(id.clone());
        }
    }
    rx.await.unwrap_or_default()
}

/// The kept id if its lock is free, else a new one; its lock is held from now on.
async fn claim() -> String {
    let session = super::session();
    let kept = session
        .as_ref()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten());
    let mut id = kept.unwrap_or_else(new_id);
    if locks().is_some() {
        // A few tries: a new id collides only by chance.
        for _ in 0..4 {
            if try_lock(&lock_name(&id), true, || ()).await.is_some() {
                break;
            }
            id = new_id();
        }
    }
    if let Some(s) = session {
        let _ = s.set_item(TAB_KEY, &id);
    }
    id
}

/// This tab's id, once claimed.
pub fn claimed() -> Option<String> {
    TAB.with_borrow(Clone::clone)
}

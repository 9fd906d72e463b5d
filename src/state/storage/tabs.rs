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

/// What asking for a lock gave.
pub(super) enum Lock<T> {
    /// It was free: `f` ran while it was held.
    Got(T),
    /// Another tab holds it.
    Held,
    /// This browser gives no Web Locks (or refused the request).
    Unsupported,
}

/// Takes the lock `name` if it is free: `f` runs while it is held, and
/// `hold` keeps it held for the page's life.
pub(super) async fn try_lock<T: 'static>(
    name: &str,
    hold: bool,
    f: impl FnOnce() -> T + 'static,
) -> Lock<T> {
    let Some(locks) = locks() else {
        return Lock::Unsupported;
    };
    let (tx, rx) = oneshot::channel();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            let _ = tx.send(Lock::Held);
            return JsValue::UNDEFINED;
        }
        let _ = tx.send(Lock::Got(f()));
        if hold {
            // Never resolves: the lock is released when the page goes.
            js_sys::Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let request = wasm_bindgen_futures::JsFuture::from(locks.request(name, &options, &callback));
    // A request the browser refuses (an opaque origin, a sandbox) never calls back.
    let refused = async {
        if request.await.is_err() {
            Lock::Unsupported
        } else {
            std::future::pending().await
        }
    };
    futures_util::pin_mut!(refused);
    match futures_util::future::select(rx, refused).await {
        futures_util::future::Either::Left((got, _)) => got.unwrap_or(Lock::Unsupported),
        futures_util::future::Either::Right((refused, _)) => refused,
    }
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

/// This tab's id, claimed on first use (its lock taken). The claim runs to
/// its end on its own, whoever asked first and whatever becomes of them.
pub async fn tab() -> String {
    if let Some(t) = TAB.with_borrow(Clone::clone) {
        return t;
    }
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
        crate::state::life::detach(async {
            let id = claim().await;
            TAB.with_borrow_mut(|t| *t = Some(id.clone()));
            for tx in WAITING.with_borrow_mut(Option::take).unwrap_or_default() {
                let _ = tx.send(id.clone());
            }
        });
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
    // A few tries: a new id collides only by chance.
    for _ in 0..4 {
        match try_lock(&lock_name(&id), true, || ()).await {
            Lock::Held => id = new_id(),
            Lock::Got(()) | Lock::Unsupported => break,
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

//! The view: components read state through accessors and call its methods.
//! A folder per screen part with more than one piece (orgs/, review/,
//! webhooks/), shared pieces beside them.

pub mod app;
pub mod channels;
pub mod cluster;
pub mod clusters;
pub mod compare;
pub mod conflicts;
pub mod connect;
pub mod dialog;
pub mod error_note;
pub mod journal;
pub mod orgs;
pub mod review;
pub mod session_bar;
pub mod signed_in;
pub mod table_head;
pub mod toasts;
pub mod webhooks;
pub mod work;

/// Milliseconds since the epoch as a date and time in the browser's locale.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    String::from(d.to_locale_string("default", &js_sys::Object::new()))
}

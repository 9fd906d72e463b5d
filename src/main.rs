//! Mounts the panel on the page.

fn main() {
    leptos::mount::mount_to_body(ts_channels_panel::App);
}

//! The panel's files as the demo server serves them (framing refused by
//! header), and a session answer without privileges.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use demo_server::faults::Faults;
use demo_server::http::{
    router,
    state::{AppState, Options},
};
use demo_server::seed::{DefaultSeed, Variant};
use demo_server::spec::API;

fn serving(dir: &std::path::Path) -> axum::Router {
    router(AppState::new(Options {
        static_token: TOKEN.into(),
        variant: Variant::First,
        default: DefaultSeed::NeverSet,
        generated_orgs: 0,
        faults: Faults::default(),
        static_dir: Some(dir.to_path_buf()),
        port: PORT,
    }))
}

#[tokio::test]
async fn the_panel_s_files_come_with_its_policy_and_no_framing() {
    let dir = std::env::temp_dir().join(format!("demo-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'" />"#,
    )
    .unwrap();
    std::fs::write(dir.join("boot.js"), "1").unwrap();
    let app = serving(&dir);
    for path in ["/", "/index.html", "/boot.js"] {
        let r = send(&app, Request::get(path).body(Body::empty()).unwrap()).await;
        r.assert_status(StatusCode::OK);
        assert_eq!(
            r.headers[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
            "{path}"
        );
        assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
    }
    // The API's answers are the cluster's, not the page's.
    let r = call(
        &app,
        Method::GET,
        &format!("{API}/auth/session/user"),
        Some(TOKEN),
        None,
    )
    .await;
    r.assert_status(StatusCode::OK);
    assert!(r.headers.get(header::X_FRAME_OPTIONS).is_none());
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn the_session_answer_can_leave_the_privileges_out() {
    let path = format!("{API}/auth/session/user");
    let listed = call(&app(), Method::GET, &path, Some(TOKEN), None).await;
    assert!(listed.json()["privileges"].is_array());
    let app = app_with(Faults {
        unlisted_privileges: true,
        ..Faults::default()
    });
    let r = call(&app, Method::GET, &path, Some(TOKEN), None).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(
        r.schema_checked.as_deref(),
        Some("GET /api/rest/2.0/auth/session/user")
    );
    let user = r.json();
    assert!(user.get("privileges").is_none(), "{user}");
    assert_eq!(user["name"], "admin");
    // The calls still need the privileges the user has.
    let s = post(
        &app,
        "/system/preferences/communication-channels/search",
        "{}",
    )
    .await;
    s.assert_status(StatusCode::OK);
}

/// The README's nginx and Caddy recipes send the policy of `index.html`
/// with framing refused, exactly as the demo server does.
#[test]
fn the_readme_recipes_send_the_page_s_policy_without_framing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let html = std::fs::read_to_string(root.join("index.html")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let want =
        demo_server::framing::header_policy(demo_server::framing::meta_policy(&html).as_deref());
    let sent: Vec<&str> = readme
        .match_indices("Content-Security-Policy \"")
        .map(|(at, m)| {
            let rest = &readme[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(sent.len(), 2, "the nginx and the Caddy recipe");
    for s in sent {
        assert_eq!(s, want);
    }
    assert_eq!(readme.matches("X-Frame-Options DENY").count(), 2);
    // And `trunk serve` (./run demo).
    let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap();
    assert!(
        trunk.contains(&format!("\"Content-Security-Policy\" = \"{want}\"")),
        "Trunk.toml's [serve.headers]"
    );
    assert!(trunk.contains("\"X-Frame-Options\" = \"DENY\""));
}

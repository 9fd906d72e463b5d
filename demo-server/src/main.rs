use clap::Parser;
use demo_server::faults::Faults;
use demo_server::http::{
    router,
    state::{AppState, Options},
};
use demo_server::seed::{DefaultSeed, Variant, USERS};
use demo_server::spec::Release;
use std::net::SocketAddr;

/// A local ThoughtSpot REST v2 server (communication-channel preferences, auth, Orgs).
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Address to listen on (keep it on loopback).
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The bearer token that is always valid for the `admin` user.
    #[arg(long, default_value = "demo-admin-token")]
    token: String,
    /// Which demo cluster to seed: `first`, or `second`, another cluster to
    /// compare with the first (other Org ids, Orgs on one side only, other
    /// preferences, cluster default and webhooks; the README lists them).
    #[arg(long, default_value = "first")]
    variant: Variant,
    /// Cluster default for LIVEBOARD_SCHEDULE: `never`, `none`, or channels such as
    /// `EMAIL,WEBHOOK` [default: the variant's: never on the first, EMAIL on the second].
    #[arg(long)]
    cluster_default: Option<DefaultSeed>,
    /// Generated Orgs to add to the dozen hand-made ones (for large-cluster runs).
    #[arg(long, default_value_t = 0)]
    orgs: usize,
    /// Latency added to every API call, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Answer API calls with this HTTP status (e.g. 500, 502, 429).
    #[arg(long)]
    fail_status: Option<u16>,
    /// With --fail-status: add `Retry-After: N` (meant for 429).
    #[arg(long)]
    retry_after_s: Option<u32>,
    /// With --fail-status: this ThoughtSpot error code in the body (e.g. 13090).
    #[arg(long)]
    fail_code: Option<i64>,
    /// Answer API calls with a truncated JSON body.
    #[arg(long)]
    malformed: bool,
    /// Never answer API calls.
    #[arg(long)]
    hang: bool,
    /// Limit --fail-status, --malformed and --hang to paths containing this text.
    #[arg(long)]
    fault_path: Option<String>,
    /// Apply --fail-status, --malformed or --hang this many times only.
    #[arg(long)]
    fault_times: Option<u32>,
    /// Reject every token issued so far with 401 after this many authenticated calls.
    #[arg(long)]
    unauthorized_after: Option<u64>,
    /// Error bodies in the nested shape seen from live clusters.
    #[arg(long)]
    live_error_shape: bool,
    /// Webhook receivers fail the test event (HTTP 500).
    #[arg(long)]
    failing_receiver: bool,
    /// Comma-separated Orgs (ids or names) whose webhook fails its scheduled
    /// deliveries of the last 2 days, besides HR's, which always does.
    #[arg(long, value_delimiter = ',', value_name = "ORG,ORG")]
    failing_deliveries: Vec<String>,
    /// The release to answer as (X.Y.Z.cl, e.g. 10.14.0.cl, 26.2.0.cl, 26.4.0.cl,
    /// 26.7.0.cl): newer endpoints are 404, newer request fields 400.
    #[arg(long, default_value_t = Release::LATEST)]
    release: Release,
    /// Role-based access control (`on` or `off`): whether the privileges the spec
    /// grants only with RBAC count.
    #[arg(long, default_value = "on", value_parser = ["on", "off"])]
    rbac: String,
    /// Comma-separated origins that get CORS headers, e.g. `http://127.0.0.1:8080`
    /// [default: http://127.0.0.1:8080, http://localhost:8080, and both hosts on
    /// the port listened on].
    #[arg(long, value_delimiter = ',')]
    cors_origins: Option<Vec<String>>,
    /// Send every 401 and 502 answer without CORS headers, as a gateway would.
    #[arg(long)]
    gateway_errors: bool,
    /// Leave the Org with this id or name unchanged on every configure call, which
    /// still answers 204 and applies everything else.
    #[arg(long, value_name = "ID")]
    ignore_org: Option<String>,
    /// Fail (500) the first preferences search after each successful configure call.
    #[arg(long)]
    readback_fail: bool,
    /// Act as a newer server that also knows the event type ALERT_DIGEST and the
    /// channel SLACK (accepted in requests, seeded on a few Orgs and the default).
    #[arg(long)]
    newer_server: bool,
    /// Answer `auth/session/user` without `privileges` (the spec makes it optional).
    #[arg(long)]
    unlisted_privileges: bool,
    /// Serve the panel's built `dist/` folder at `/` (same origin as the API).
    #[arg(long)]
    static_dir: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    let listener = match tokio::net::TcpListener::bind(a.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("demo-server: cannot listen on {}: {e}", a.listen);
            std::process::exit(1);
        }
    };
    let listen = listener.local_addr().unwrap_or(a.listen);
    let rbac = a.rbac.clone();
    let token = a.token.clone();
    let options = options(a, listen.port());
    println!(
        "demo-server: ThoughtSpot REST v2 on http://{}/api/rest/2.0",
        listen
    );
    if let Some(dir) = &options.static_dir {
        println!(
            "demo-server: serving {} at http://{}/",
            dir.display(),
            listen
        );
    }
    println!(
        "demo-server: {} demo cluster, release {}, RBAC {}{}",
        options.variant.name(),
        options.faults.release,
        rbac,
        if options.faults.newer_server {
            ", newer server (ALERT_DIGEST, SLACK)"
        } else {
            ""
        }
    );
    let origins = options.faults.allowed_origins(options.port);
    println!("demo-server: CORS origins: {}", origins.join(", "));
    println!(
        "demo-server: scheduled deliveries to every webhook every 6 h; failing for the last 2 days: HR{}",
        options
            .faults
            .failing_deliveries
            .iter()
            .map(|o| format!(", {o}"))
            .collect::<String>()
    );
    println!("demo-server: bearer token for admin (Primary Org): {token}");
    for u in USERS {
        println!(
            "demo-server: login {} / {} ({}){}",
            u.name,
            u.password,
            u.privileges.join(", "),
            if u.mfa {
                "; MFA on: password login refused"
            } else {
                ""
            }
        );
    }
    let app = router(AppState::new(options));
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("demo-server: {e}");
        std::process::exit(1);
    }
}

/// A list from the command line without its blank entries, each trimmed.
fn trimmed(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect()
}

/// The server's options from the command line, for a server listening on `port`.
fn options(a: Args, port: u16) -> Options {
    Options {
        static_token: a.token,
        variant: a.variant,
        default: a
            .cluster_default
            .unwrap_or_else(|| a.variant.cluster_default()),
        generated_orgs: a.orgs,
        faults: Faults {
            status: a.fail_status,
            retry_after_s: a.retry_after_s,
            code: a.fail_code,
            malformed: a.malformed,
            hang: a.hang,
            path: a.fault_path,
            times: a.fault_times,
            unauthorized_after: a.unauthorized_after,
            latency_ms: a.latency_ms,
            live_error_shape: a.live_error_shape,
            failing_receiver: a.failing_receiver,
            release: a.release,
            rbac: a.rbac == "on",
            cors_origins: a.cors_origins.map(trimmed),
            gateway_errors: a.gateway_errors,
            ignore_org: a.ignore_org,
            readback_fail: a.readback_fail,
            newer_server: a.newer_server,
            failing_deliveries: trimmed(a.failing_deliveries),
            unlisted_privileges: a.unlisted_privileges,
        },
        static_dir: a.static_dir,
        port,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, Request};
    use http_body_util::BodyExt;
    use serde_json::{json, Value};
    use tower::ServiceExt;

    fn parse(args: &[&str]) -> Options {
        let argv = std::iter::once("demo-server").chain(args.iter().copied());
        options(Args::try_parse_from(argv).unwrap(), 8787)
    }

    #[test]
    fn the_variant_chooses_the_cluster_default_unless_one_is_given() {
        let first = parse(&[]);
        assert_eq!(
            (first.variant, first.default),
            (Variant::First, DefaultSeed::NeverSet)
        );
        let second = parse(&["--variant", "second"]);
        assert_eq!(second.variant, Variant::Second);
        assert_eq!(second.default, Variant::Second.cluster_default());
        let set = parse(&["--variant", "second", "--cluster-default", "never"]);
        assert_eq!(set.default, DefaultSeed::NeverSet);
        let argv = ["demo-server", "--variant", "third"];
        assert!(Args::try_parse_from(argv).is_err());
    }

    #[test]
    fn failing_deliveries_takes_a_comma_list_of_orgs() {
        assert!(parse(&[]).faults.failing_deliveries.is_empty());
        let o = parse(&["--failing-deliveries", "Marketing, 583464508,"]);
        assert_eq!(o.faults.failing_deliveries, ["Marketing", "583464508"]);
    }

    /// The statuses of a webhook's deliveries, newest first.
    async fn statuses(app: &axum::Router, webhook: &str) -> Vec<String> {
        let body = json!({"channel_type": "WEBHOOK", "channel_identifiers": [webhook],
                          "events": [{"type": "LIVEBOARD_SCHEDULE"}]});
        let req = Request::post("/api/rest/2.0/jobs/history/communication-channels/search")
            .header(header::AUTHORIZATION, "Bearer demo-admin-token")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let resp = app.clone().oneshot(req).await.unwrap();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        v["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["status"].as_str().unwrap().to_string())
            .collect()
    }

    #[tokio::test]
    async fn an_org_named_by_the_flag_fails_its_recent_deliveries() {
        let recent_failures = |s: &[String]| s.iter().take_while(|s| *s == "FAILED").count();
        let plain = router(AppState::new(parse(&[])));
        assert_eq!(
            recent_failures(&statuses(&plain, "Finance archive").await),
            0
        );
        let app = router(AppState::new(parse(&["--failing-deliveries", "583464508"])));
        let finance = statuses(&app, "Finance archive").await;
        assert_eq!(finance.len(), 12);
        assert_eq!(recent_failures(&finance), 8);
        assert_eq!(
            recent_failures(&statuses(&app, "Marketing schedules").await),
            0
        );
        assert_eq!(recent_failures(&statuses(&app, "HR schedules").await), 8);
    }
}

use clap::Parser;
use demo_server::http::{router, AppState, Faults, Options};
use demo_server::seed::{DefaultSeed, USERS};
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
    /// Cluster default for LIVEBOARD_SCHEDULE: `never`, `none`, or channels such as `EMAIL,WEBHOOK`.
    #[arg(long, default_value = "never")]
    cluster_default: DefaultSeed,
    /// Generated Orgs to add to the dozen hand-made ones (for large-cluster runs).
    #[arg(long, default_value_t = 0)]
    orgs: usize,
    /// Latency added to every API call, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Answer API calls with this HTTP status (e.g. 500).
    #[arg(long)]
    fail_status: Option<u16>,
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
    /// Act as a release before 26.4.0.cl: no test event, no delivery history (404).
    #[arg(long)]
    before_26_4: bool,
    /// Serve the panel's built `dist/` folder at `/` (same origin as the API).
    #[arg(long)]
    static_dir: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    let options = Options {
        static_token: a.token.clone(),
        default: a.cluster_default,
        generated_orgs: a.orgs,
        faults: Faults {
            status: a.fail_status,
            malformed: a.malformed,
            hang: a.hang,
            path: a.fault_path,
            times: a.fault_times,
            unauthorized_after: a.unauthorized_after,
            latency_ms: a.latency_ms,
            live_error_shape: a.live_error_shape,
            failing_receiver: a.failing_receiver,
            before_26_4: a.before_26_4,
        },
        static_dir: a.static_dir,
    };
    let listener = match tokio::net::TcpListener::bind(a.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("demo-server: cannot listen on {}: {e}", a.listen);
            std::process::exit(1);
        }
    };
    println!(
        "demo-server: ThoughtSpot REST v2 on http://{}/api/rest/2.0",
        a.listen
    );
    if let Some(dir) = &options.static_dir {
        println!(
            "demo-server: serving {} at http://{}/",
            dir.display(),
            a.listen
        );
    }
    println!("demo-server: bearer token for admin: {}", a.token);
    for u in USERS {
        println!(
            "demo-server: login {} / {} ({})",
            u.name,
            u.password,
            u.privileges.join(", ")
        );
    }
    let app = router(AppState::new(options));
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("demo-server: {e}");
        std::process::exit(1);
    }
}

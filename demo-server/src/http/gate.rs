//! The checks every API call passes, in this order: 404 (an endpoint newer
//! than the imitated release), 401 (the token), 415 and 400 (Content-Type,
//! body, schema), 403 (privileges), then the endpoint's own rules (400, and
//! 403 code 13090 for the Org scope). And the answer, as the imitated release
//! sends it.

use crate::access::{self, Family};
use crate::http::fail::{Fail, Reply};
use crate::http::state::{AppState, Caller, Inner};
use crate::refusal::Refusal;
use crate::spec::{spec_for, Endpoint, API};
use axum::{
    body::Bytes,
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    Json,
};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

impl AppState {
    /// The endpoint `METHOD {API}path` (with the newer server's schemas while
    /// `newer_server` is on), or 404 if the imitated release predates it.
    pub(crate) fn endpoint(&self, method: &str, path: &str) -> Result<&'static Endpoint, Fail> {
        let (newer_server, release) = {
            let inner = self.lock();
            (inner.faults.newer_server, inner.faults.release)
        };
        let ep = spec_for(newer_server).endpoint(method, &format!("{API}{path}"));
        if ep.since > release {
            Err(Fail::new(StatusCode::NOT_FOUND, "No such endpoint."))
        } else {
            Ok(ep)
        }
    }

    /// 403 unless the caller's privileges grant `family` (RBAC as switched now).
    pub(crate) fn require(&self, caller: &Caller, family: Family) -> Result<(), Fail> {
        let rbac = self.lock().faults.rbac;
        access::require(caller.user.privileges, family, rbac)
            .map_err(|m| Fail::new(StatusCode::FORBIDDEN, m))
    }

    /// A 200 answer as the imitated release sends it: without the fields
    /// added after it.
    pub(crate) fn answer(&self, ep: &Endpoint, body: impl Serialize) -> Reply {
        let body = serde_json::to_value(body).map_err(|e| {
            Fail::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("The answer could not be written: {e}"),
            )
        })?;
        let release = self.lock().faults.release;
        Ok(Json(ep.for_release(body, release)).into_response())
    }

    /// The checks an API call with a JSON body passes once its endpoint exists,
    /// in order: 401 (token), 415 and 400 (Content-Type, body, schema), then 403
    /// (privileges for `family`). Answers the caller and the parsed body.
    pub(crate) fn admit<T: DeserializeOwned>(
        &self,
        ep: &Endpoint,
        headers: &HeaderMap,
        body: &Bytes,
        family: Family,
    ) -> Result<(Caller, T), Fail> {
        let caller = self.authenticate(headers)?;
        let input = self.parse_body(ep, headers, body)?;
        self.require(&caller, family)?;
        Ok((caller, input))
    }

    /// A POST to `{API}path` that answers 200 with a body: 404 unless the
    /// imitated release has the endpoint, the checks of `admit`, then `act` on
    /// the state with the caller and the parsed body.
    pub(crate) fn respond<T: DeserializeOwned, A: Serialize>(
        &self,
        path: &str,
        headers: &HeaderMap,
        body: &Bytes,
        family: Family,
        act: impl FnOnce(&mut Inner, Caller, T) -> Result<A, Refusal>,
    ) -> Reply {
        let ep = self.endpoint("POST", path)?;
        let (caller, input) = self.admit(ep, headers, body, family)?;
        let resp = act(&mut self.lock(), caller, input)?;
        self.answer(ep, resp)
    }

    /// Parses a JSON body as the imitated release would: 415 for another
    /// Content-Type; 400 for a missing body, bad JSON, a field newer than the
    /// release, or a body its endpoint's request schema refuses.
    pub(crate) fn parse_body<T: DeserializeOwned>(
        &self,
        ep: &Endpoint,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<T, Fail> {
        let bad = |m: String| Fail::new(StatusCode::BAD_REQUEST, m);
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("application/json")
            });
        if !json {
            return Err(Fail::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json.",
            ));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(bad("A request body is required.".into()));
        }
        let value: Value =
            serde_json::from_slice(body).map_err(|e| bad(format!("Invalid request body: {e}")))?;
        let release = self.lock().faults.release;
        ep.check_request(&value, release).map_err(bad)?;
        serde_json::from_value(value).map_err(|e| bad(format!("Invalid request body: {e}")))
    }
}

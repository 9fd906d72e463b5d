//! A refusal in the vocabulary of the API: what the cluster's rules answer
//! when they say no. The HTTP layer (`http::fail`) turns it into a status and
//! ThoughtSpot's error body; the rules themselves know nothing of HTTP.

#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// 400, code 10002.
    BadRequest(String),
    /// 403 for a missing privilege, code 10023.
    Forbidden(String),
    /// 403 for an Org outside the token's scope, code 13090.
    OutOfScope(String),
}

impl Refusal {
    /// A 400 with this message.
    pub fn bad(message: impl Into<String>) -> Self {
        Refusal::BadRequest(message.into())
    }
}

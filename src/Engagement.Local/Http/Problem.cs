namespace Engagement.Local.Http;

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>): <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, and
/// <c>field</c> / <c>line</c> when one field is at fault, <c>errors</c> when several are, <c>traceId</c> for the log. Immutable.
/// </summary>
internal sealed record Problem(string Type, string Title, int Status, string Detail)
{
    /// <summary>The field or query parameter at fault.</summary>
    public string? Field { get; init; }

    /// <summary>The 1-based body line at fault.</summary>
    public int? Line { get; init; }

    /// <summary>Every fault when there are several.</summary>
    public IReadOnlyList<ProblemError>? Errors { get; init; }

    /// <summary>The limit that was exceeded (bytes), for 413.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>The least role the route needs, for 403.</summary>
    public string? RequiredRole { get; init; }

    /// <summary>Identifies the request in the log.</summary>
    public string? TraceId { get; init; }

    private const string Prefix = "urn:engagement:problem:";

    public static Problem InvalidBody(string detail, int? line = null) =>
        new(Prefix + "invalid-body", "The request body cannot be read", 400, detail) { Line = line };

    /// <summary>Every element of an integrator's request was refused (each is kept with its reason, listed in <c>errors</c>).</summary>
    public static Problem AllRejected(IReadOnlyList<ProblemError> errors) =>
        new(Prefix + "rejected", "Every element of the request was refused", 400,
            $"None of the {errors.Count} element(s) could be used; each is kept with its reason (see errors). Fix them and send again.")
        {
            Field = errors.Count == 1 ? errors[0].Field : null,
            Errors = errors,
        };

    public static Problem InvalidQuery(IReadOnlyList<ProblemError> errors) =>
        new(Prefix + "invalid-query", "A query parameter is not valid", 400, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
        {
            Field = errors[0].Field,
            Errors = errors,
        };

    public static Problem InvalidToken(string detail) =>
        new(Prefix + "invalid-token", "The unsubscribe link is not valid", 400, detail) { Field = "token" };

    public static Problem Unauthorized() =>
        new(Prefix + "unauthorized", "An API key is needed", 401,
            "Send a configured API key as the X-Api-Key header, as Authorization: Bearer <key>, or (Segment clients) as the write key: HTTP Basic with the key as user name and an empty password.");

    public static Problem Forbidden(Security.EngageRole required, ApiCaller caller) =>
        new(Prefix + "forbidden", "This key's role may not use this route", 403,
            $"This route needs the {Security.EngageRoles.Name(required)} role{(required == Security.EngageRole.Admin ? string.Empty : " or one above it")}; "
            + $"the key '{caller.Name}' has {Security.EngageRoles.Name(caller.Role)} (docs/security.md).") { RequiredRole = Security.EngageRoles.Name(required) };

    public static Problem NotFound(string detail) => new(Prefix + "not-found", "Not found", 404, detail);

    public static Problem MethodNotAllowed(string detail) => new(Prefix + "method-not-allowed", "Method not allowed", 405, detail);

    public static Problem TooLarge(long limit) =>
        new(Prefix + "body-too-large", "The request body is too large", 413,
            $"The body is larger than the limit of {limit} bytes: send fewer events per request.") { LimitBytes = limit };

    public static Problem UnsupportedEncoding(string encoding) =>
        new(Prefix + "unsupported-encoding", "The body's encoding is not supported", 415,
            $"Content-Encoding '{encoding}' is not supported: send the body uncompressed.") { Field = "Content-Encoding" };

    public static Problem Internal() =>
        new(Prefix + "internal", "Internal error", 500,
            "The request failed on the server; nothing about it is shown here. Quote the traceId when reporting it.");

    public static Problem Unavailable(string detail) => new(Prefix + "unavailable", "Service unavailable", 503, detail);

    /// <summary>A problem for a status that has no more specific one (from Kestrel or routing).</summary>
    public static Problem ForStatus(int status, string detail) => status switch
    {
        413 => new(Prefix + "body-too-large", "The request body is too large", 413, detail),
        408 => new(Prefix + "timeout", "The request was too slow", 408, detail),
        _ => new(Prefix + "http-" + status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", status, detail),
    };
}

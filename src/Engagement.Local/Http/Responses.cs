using System.Diagnostics;
using Engagement.Engine.Serialization;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Writes answers: JSON in the <see cref="EngineJson"/> form (the same text as stored records), problems, HTML.</summary>
internal static class Responses
{
    public const string Json = "application/json; charset=utf-8";
    public const string ProblemJson = "application/problem+json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";

    public static Task JsonAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        return context.Response.WriteAsync(EngineJson.Serialize(value), context.RequestAborted);
    }

    public static Task ProblemAsync(HttpContext context, Problem problem)
    {
        var response = context.Response;
        response.StatusCode = problem.Status;
        response.ContentType = ProblemJson;
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
                ? "Basic realm=\"engage\""
                : "Bearer realm=\"engage\"";
        }

        var body = problem with { TraceId = TraceId(context) };
        return response.WriteAsync(EngineJson.Serialize(body), CancellationToken.None);
    }

    public static Task HtmlAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Html;
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + $"<title>{Encode(title)}</title></head>\n<body style=\"font-family:sans-serif;max-width:32em;margin:4em auto\">"
            + $"<h1>{Encode(title)}</h1>\n<p>{Encode(message)}</p></body></html>\n";
        return context.Response.WriteAsync(page, CancellationToken.None);
    }

    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}

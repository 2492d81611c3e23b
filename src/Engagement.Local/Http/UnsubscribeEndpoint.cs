using Engagement.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>GET|POST /unsubscribe?token=</c>, no key needed (the signed token is the proof): the link in a message and the
/// RFC 8058 one-click POST. Applies the token through the host and answers a small HTML page; a missing, malformed,
/// forged or expired token gets 400 (an HTML page for browsers, a problem otherwise). Other query parameters (tracking
/// tags added by mail systems) are ignored; the token is never logged.
/// </summary>
internal static class UnsubscribeEndpoint
{
    public const int MaxTokenLength = 1024;

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host) =>
        routes.MapMethods("/unsubscribe", [HttpMethods.Get, HttpMethods.Post], async context =>
        {
            var tokens = context.Request.Query["token"];
            var token = tokens.Count == 1 ? tokens[0] : null;
            if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !await host.UnsubscribeAsync(token, context.RequestAborted).ConfigureAwait(false))
            {
                RequestCounts.Set(context, "unsubscribed=0");
                await BadTokenAsync(context, tokens.Count == 0 ? "The link has no token." : "The link is not valid: it is incomplete, changed or expired.").ConfigureAwait(false);
                return;
            }

            RequestCounts.Set(context, "unsubscribed=1");
            await Responses.HtmlAsync(context, StatusCodes.Status200OK, "You are unsubscribed",
                "You will no longer receive these marketing messages. Service messages about your orders and account still arrive.").ConfigureAwait(false);
        }).AllowAnonymous();

    private static Task BadTokenAsync(HttpContext context, string detail) =>
        context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            ? Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, "This unsubscribe link does not work",
                detail + " Use the link in your most recent message, or reply STOP to a text message.")
            : Responses.ProblemAsync(context, Problem.InvalidToken(detail));
}

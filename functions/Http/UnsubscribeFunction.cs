using System.Net;
using Engagement.Engine.Unsubscribe;
using Engagement.Functions.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>/api/unsubscribe?token=…</c>, the signed links in messages and the RFC 8058 <c>List-Unsubscribe</c> header. GET shows a
/// confirmation button and changes nothing (mail scanners open links); POST — the button, or a mail client's one-click
/// request — publishes the <c>customer.unsubscribed</c> event (one per token, so repeats are duplicates). Anonymous: the
/// signature is the authorization.
/// </summary>
public sealed class UnsubscribeFunction(UnsubscribeTokens tokens, ServiceBusEventPublisher publisher)
{
    /// <summary>Handles one link: 400 with an explanation for a missing, forged or expired token; GET answers the confirmation
    /// page; POST publishes <c>customer.unsubscribed</c> and answers a confirmation. Both answers are HTML.</summary>
    [Function("Unsubscribe")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (!UnsubscribeEvents.TryCreate(tokens, token, SystemClock.Instance.GetCurrentInstant(), out var unsubscribed, out var reason))
        {
            return Page(HttpStatusCode.BadRequest, $"This unsubscribe link cannot be used ({reason}). Use the link in a more recent message, or contact us.");
        }

        if (HttpMethods.IsGet(request.Method))
        {
            var action = WebUtility.HtmlEncode("?token=" + Uri.EscapeDataString(token!));
            return Page(HttpStatusCode.OK, $"<form method=\"post\" action=\"{action}\"><button type=\"submit\">Unsubscribe</button></form>", encoded: true);
        }

        await publisher.PublishAsync(unsubscribed!, cancellationToken);
        return Page(HttpStatusCode.OK, "You are unsubscribed. It can take a few minutes to take effect.");
    }

    private static ContentResult Page(HttpStatusCode status, string text, bool encoded = false) => new()
    {
        StatusCode = (int)status,
        ContentType = "text/html; charset=utf-8",
        Content = $"<!doctype html><meta charset=\"utf-8\"><title>Unsubscribe</title><p>{(encoded ? text : WebUtility.HtmlEncode(text))}</p>",
    };
}

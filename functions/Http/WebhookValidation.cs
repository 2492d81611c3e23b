using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Functions.Http;

/// <summary>
/// The abuse-protection handshake of the CloudEvents HTTP webhook spec, which Azure Event Grid sends (<c>OPTIONS</c> with
/// <c>WebHook-Request-Origin</c>) before it delivers CloudEvents to a webhook: the answer allows that origin, at any rate.
/// </summary>
public static class WebhookValidation
{
    /// <summary>Answers the handshake; 400 with one line when the origin header is missing.</summary>
    public static IActionResult Answer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
        {
            return new BadRequestObjectResult(new { error = "WebHook-Request-Origin: header missing (CloudEvents webhook validation)" });
        }

        request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        request.HttpContext.Response.Headers["WebHook-Allowed-Rate"] = "*";
        request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
        return new OkResult();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>OPTIONS /events</c>: the abuse-protection handshake of the CloudEvents HTTP webhook spec, which Azure Event Grid sends
/// before delivering CloudEvents to a webhook. It names the sender in <c>WebHook-Request-Origin</c>; the answer allows it
/// (<c>WebHook-Allowed-Origin</c>, any rate). No key: the handshake carries none and changes nothing; deliveries still need one.
/// </summary>
internal static class WebhookValidationEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/events", [HttpMethods.Options], context =>
        {
            var origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
            if (origin.Length > 0 && !origin.Any(char.IsControl))
            {
                context.Response.Headers["WebHook-Allowed-Origin"] = origin;
                context.Response.Headers["WebHook-Allowed-Rate"] = "*";
            }

            context.Response.Headers.Allow = "POST, OPTIONS";
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }).AllowAnonymous();
}

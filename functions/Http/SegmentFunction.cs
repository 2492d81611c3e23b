using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>POST /api/v1/{call}</c>: the Segment-compatible API on the Azure host (batch, identify, track; page, screen and group
/// accepted and ignored). The trigger is anonymous, as Segment clients cannot send a Functions key; the write key is checked
/// here against <c>Engagement:IngestKeys</c> (HTTP Basic with the key as user name, <c>X-Api-Key</c> or Bearer). Answers as
/// <c>engage serve</c> does: 200 with counts, 400 for an unusable body or when every call was refused, 401 for a wrong key.
/// The track table and consent traits come from <c>Engagement:Integrations</c>; a call dated outside the event-time window
/// (<c>Engagement:EventsNotBefore</c>/<c>…NotAfter</c>/<c>…MaxAhead</c>, against the time received) is refused and kept. A call
/// without <c>userId</c> may name its customer by <c>traits.email</c>/<c>phone</c> (identify) or <c>context.traits.email</c>/<c>phone</c>
/// (track), found through the Cosmos contact index (<see cref="IContactDirectory"/>) before the body is read.
/// </summary>
public sealed class SegmentFunction(InboundPublisher inbound, EngagementSettings settings, IContactDirectory contacts, ILogger<SegmentFunction> logger)
{
    private readonly WriteKeys _keys = new(settings.IngestKeys);

    /// <summary>Handles one Segment call: 401 without an accepted write key, 404 for an unknown call, 400 for an unusable body
    /// or when every item was refused (each is kept with its reason), otherwise 200 with the accepted, ignored and rejected counts.</summary>
    [Function("SegmentApi")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/{call}")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = (request.Path.Value ?? "").TrimEnd('/').Split('/')[^1].ToLowerInvariant(); // the route's {call}, read from the path
        if (!_keys.Allows(request.Headers["X-Api-Key"].ToString(), request.Headers.Authorization.ToString()))
        {
            if (!_keys.Any)
            {
                logger.LogWarning("Segment API called but no Engagement:IngestKeys are configured: every call is refused");
            }

            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"engage\"";
            return new ObjectResult(new { success = false, status = 401, detail = "A write key is needed: HTTP Basic with the key as user name and an empty password." }) { StatusCode = 401 };
        }

        if (call != "batch" && !SegmentReader.Calls.Contains(call))
        {
            return new NotFoundObjectResult(new { success = false, status = 404, detail = $"There is no /v1/{call}: use batch, identify, track, page, screen or group." });
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var now = SystemClock.Instance.GetCurrentInstant();
        var body = buffer.ToArray();
        IReadOnlyList<InboundItem> items;
        try
        {
            // A call without userId may name its customer by a contact trait: looked up in the contact index first, then read.
            var resolve = await ContactPrefetch.ResolveAsync(contacts, SegmentReader.ContactsNamed(call, body), cancellationToken);
            items = new SegmentReader(settings.Integrations.Segment, resolve).Read(call, body, now);
        }
        catch (InboundFormatException ex)
        {
            return new BadRequestObjectResult(new { success = false, status = 400, detail = ex.Message });
        }

        var result = await inbound.TakeAsync(items, "segment", now, settings.EventWindow, cancellationToken);
        var rejected = result.Rejected.Select(r => new { index = r.Position, messageId = r.Id, field = r.Field, reason = r.Reason }).ToList();
        return result.AllRejected
            ? new BadRequestObjectResult(new { success = false, status = 400, detail = "Every call was refused; each is kept with its reason.", rejected })
            : new OkObjectResult(new { success = true, accepted = result.Accepted, ignored = result.Ignored, rejected });
    }
}

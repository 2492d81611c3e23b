using Engagement.Engine.Integrations;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// The Segment-compatible tracking API: <c>POST /v1/batch</c>, <c>/v1/identify</c>, <c>/v1/track</c> (and <c>/v1/page</c>,
/// <c>/v1/screen</c>, <c>/v1/group</c>, accepted and ignored; <c>/v1/alias</c>, refused and kept). Answers 200
/// <c>{success: true, accepted, duplicates, ignored: {page: n}, rejected: [{index, messageId, field, reason}]}</c> also when
/// some calls were refused (they are kept); 400 when the body is unusable or every call was refused, which Segment
/// clients do not retry; 401 for a wrong write key, likewise not retried.
/// </summary>
internal static class SegmentEndpoint
{
    public const string Source = "segment";

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, long maxBodyBytes, SegmentMapping mapping, AuditRecorder audit)
    {
        // A call without userId may name its customer by a contact trait, found through the host's blind index (docs/integrations.md).
        var reader = new SegmentReader(mapping, ContactResolvers.For(host));
        foreach (var call in SegmentReader.Calls.Prepend("batch"))
        {
            routes.MapPost("/v1/" + call, context => HandleAsync(context, host, reader, call, maxBodyBytes, audit)).RequireRole(EngageRole.Ingest);
        }
    }

    private static async Task HandleAsync(HttpContext context, IEmbeddedHost host, SegmentReader reader, string call, long maxBodyBytes, AuditRecorder audit)
    {
        new QueryReader(context.Request.Query).ThrowIfInvalid();
        using var body = await EventBody.ReadAsync(context.Request, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var elements = 0;
        IReadOnlyList<InboundItem>? taken = null;
        var result = await host.IngestInboundAsync(InboundAnswers.Guard(now =>
        {
            var items = reader.Read(call, body.Memory, now);
            elements = items.Count;
            taken = items;
            return items;
        }), Source, context.RequestAborted).ConfigureAwait(false);
        await ConsentChanges.RecordAsync(context, audit, taken).ConfigureAwait(false);

        InboundAnswers.Count(context, elements, result);
        InboundAnswers.ThrowIfAllRejected(result);
        await Responses.JsonAsync(context, StatusCodes.Status200OK, new SegmentAnswer(true, result.Accepted, result.Duplicates, result.Ignored,
            [.. result.Rejected.Select(r => new SegmentRejection(r.Position, r.Id, r.Field, r.Reason))])).ConfigureAwait(false);
    }
}

using Engagement.Engine.Integrations;
using Engagement.Local.Hosting;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>
/// <c>POST /events</c> carrying CloudEvents 1.0 (structured, batched or binary mode, told apart by
/// <see cref="CloudEventReader.Detect"/>): 202 with <c>{accepted, duplicates, rejected: [{line, field, reason, eventId}]}</c>
/// (<c>line</c> is the position in a batch, <c>eventId</c> the CloudEvent id), or 400 <c>rejected</c> when every event was
/// refused (each is kept with its reason all the same).
/// </summary>
internal static class CloudEventsIngest
{
    public const string Source = "cloudevents";

    public static async Task HandleAsync(HttpContext context, IEmbeddedHost host, CloudEventReader reader, CloudEventMode mode, ReadOnlyMemory<byte> body, AuditRecorder audit)
    {
        var request = context.Request;
        var elements = 0;
        IReadOnlyList<Engine.Integrations.InboundItem>? taken = null;
        var result = await host.IngestInboundAsync(InboundAnswers.Guard(now =>
        {
            var items = mode == CloudEventMode.Binary
                ? [reader.ReadBinary(request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), request.ContentType, body, now)]
                : reader.ReadStructured(body, mode == CloudEventMode.Batch, now);
            elements = items.Count;
            taken = items;
            return items;
        }), Source, context.RequestAborted).ConfigureAwait(false);
        await ConsentChanges.RecordAsync(context, audit, taken).ConfigureAwait(false);

        InboundAnswers.Count(context, elements, result);
        InboundAnswers.ThrowIfAllRejected(result);
        await Responses.JsonAsync(context, StatusCodes.Status202Accepted, new IngestResult(result.Accepted, result.Duplicates,
            [.. result.Rejected.Select(r => new IngestLineError(r.Position, r.Field, r.Reason, r.Id))])).ConfigureAwait(false);
    }
}

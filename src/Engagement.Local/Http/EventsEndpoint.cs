using System.Globalization;
using Engagement.Engine.Integrations;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>POST /events</c>: one JSON event, a JSON array of events or NDJSON; answers 202 with
/// <c>{accepted, duplicates, rejected: [{line, field, reason, eventId}]}</c> once the host has durably taken every line
/// (accepted, duplicate or rejected and kept), and a 400 problem when nothing in the body can be read as lines. CloudEvents
/// (a CloudEvents content type or a <c>ce-specversion</c> header) go to <see cref="CloudEventsIngest"/>.
/// </summary>
internal static class EventsEndpoint
{
    public const string Source = "http";

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, long maxBodyBytes, CloudEventMapping cloudEvents, AuditRecorder audit)
    {
        var reader = new CloudEventReader(cloudEvents);
        var resolve = ContactResolvers.For(host);
        routes.MapPost("/events", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            using var body = await EventBody.ReadAsync(context.Request, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            var mode = CloudEventReader.Detect(context.Request.ContentType, name => context.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
            if (mode != CloudEventMode.None)
            {
                await CloudEventsIngest.HandleAsync(context, host, reader, mode, body.Memory, audit).ConfigureAwait(false);
                return;
            }

            var lines = EventBody.Split(body.Memory, context.Request.ContentType);
            var result = await host.IngestAsync(lines, Source, context.RequestAborted).ConfigureAwait(false);
            RequestCounts.Set(context, string.Create(CultureInfo.InvariantCulture,
                $"lines={lines.Count} accepted={result.Accepted} duplicates={result.Duplicates} rejected={result.Rejected.Count}"));
            await ConsentChanges.RecordAsync(context, audit, lines, result, resolve).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status202Accepted, result).ConfigureAwait(false);
        }).RequireRole(EngageRole.Ingest);
    }
}

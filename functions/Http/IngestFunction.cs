using Engagement.Engine;
using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Functions.Hosting;
using Engagement.Functions.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>POST /api/events</c>: one event or NDJSON. Valid events go onto the lifecycle topic (so they are routed in order with the
/// customer's other events); rejected lines are kept through the inbox and named in the answer by line and field, never by
/// content. 202 when at least one event was accepted, 400 when none was. CloudEvents (structured, batched or binary mode)
/// are mapped by <see cref="CloudEventReader"/> with <c>Engagement:Integrations</c>. An event dated outside the window of
/// <c>Engagement:EventsNotBefore</c>/<c>…NotAfter</c>/<c>…MaxAhead</c> (against the time received) is a rejected line. <c>OPTIONS</c>
/// answers the CloudEvents webhook handshake, so an Event Grid subscription (CloudEvents schema, the function key in the URL)
/// can deliver here. An event line without <c>customerId</c> may name its customer by <c>data.email</c>, else <c>data.phone</c>:
/// found through the Cosmos contact index (<see cref="IContactDirectory"/>, a keyed hash, looked up before parsing); none, several,
/// or no index (no key configured) reject the line with the reason on <c>customerId</c>.
/// </summary>
public sealed class IngestFunction(EnginePorts ports, ServiceBusEventPublisher publisher, InboundPublisher inbound, EngagementSettings settings, IContactDirectory contacts)
{
    private readonly CloudEventReader _cloudEvents = new(settings.Integrations.CloudEvents);

    /// <summary>Handles one request: <c>OPTIONS</c> answers the webhook handshake; a CloudEvents body is mapped and published;
    /// anything else is read as one event or NDJSON, rejected lines kept through the inbox and valid events published to the topic.
    /// Answers 202 with the accepted count and the rejections, or 400 when the body is unreadable or every event in it was rejected.</summary>
    [Function("IngestEvents")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "events")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsOptions(request.Method))
        {
            return WebhookValidation.Answer(request); // Event Grid validating a CloudEvents webhook subscription
        }

        var mode = CloudEventReader.Detect(request.ContentType, name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
        if (mode != CloudEventMode.None)
        {
            return await CloudEventsAsync(request, mode, cancellationToken);
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        // Lines naming their customer only by data.email or data.phone: looked up in the contact index first, then parsed.
        var resolve = await ContactPrefetch.ResolveAsync(contacts, IngestBatch.ContactsNamed(body), cancellationToken);
        var rejected = new List<RejectedEvent>();
        var batch = IngestBatch.Parse(body, rejected.Add, "http", SystemClock.Instance.GetCurrentInstant(), settings.EventWindow, resolve);
        foreach (var r in rejected)
        {
            await ports.Inbox.RejectAsync(r, cancellationToken);
        }

        await publisher.PublishAllAsync(batch.Events, cancellationToken);
        var answer = new { accepted = batch.Events.Count, rejected = batch.Problems };
        return batch.Events.Count == 0 && batch.Problems.Count > 0 ? new BadRequestObjectResult(answer) : new AcceptedResult((string?)null, answer);
    }

    private async Task<IActionResult> CloudEventsAsync(HttpRequest request, CloudEventMode mode, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        var now = SystemClock.Instance.GetCurrentInstant();
        IReadOnlyList<InboundItem> items;
        try
        {
            items = mode == CloudEventMode.Binary
                ? [_cloudEvents.ReadBinary(request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), request.ContentType, body, now)]
                : _cloudEvents.ReadStructured(body, mode == CloudEventMode.Batch, now);
        }
        catch (InboundFormatException ex)
        {
            return new BadRequestObjectResult(new { accepted = 0, rejected = new[] { ex.Message } });
        }

        var result = await inbound.TakeAsync(items, "cloudevents", now, settings.EventWindow, cancellationToken);
        var answer = new { accepted = result.Accepted, rejected = result.Rejected.Select(r => $"line {r.Position}: {r.Field ?? "body"}: {r.Reason}").ToList() };
        return result.AllRejected ? new BadRequestObjectResult(answer) : new AcceptedResult((string?)null, answer);
    }
}

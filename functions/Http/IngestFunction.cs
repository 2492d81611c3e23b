using Engagement.Engine;
using Engagement.Engine.Events;
using Engagement.Functions.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>POST /api/events</c>: one event or NDJSON. Valid events go onto the lifecycle topic (so they are routed in order with the
/// customer's other events); rejected lines are kept through the inbox and named in the answer by line and field, never by
/// content. 202 when at least one event was accepted, 400 when none was.
/// </summary>
public sealed class IngestFunction(EnginePorts ports, ServiceBusEventPublisher publisher)
{
    [Function("IngestEvents")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var rejected = new List<RejectedEvent>();
        var batch = IngestBatch.Parse(body, rejected.Add, "http", SystemClock.Instance.GetCurrentInstant());
        foreach (var r in rejected)
        {
            await ports.Inbox.RejectAsync(r, cancellationToken);
        }

        await publisher.PublishAllAsync(batch.Events, cancellationToken);
        var answer = new { accepted = batch.Events.Count, rejected = batch.Problems };
        return batch.Events.Count == 0 && batch.Problems.Count > 0 ? new BadRequestObjectResult(answer) : new AcceptedResult((string?)null, answer);
    }
}

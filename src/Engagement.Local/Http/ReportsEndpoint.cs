using Engagement.Journeys.Channels;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// The read-only views: <c>GET /journeys</c>, <c>GET /tasks?queue=&amp;customerId=&amp;limit=</c>,
/// <c>GET /outbox?after=&amp;limit=&amp;customerId=&amp;channel=</c> and <c>GET /status</c>. Tasks and outbox answers name
/// customers: each customer in an answer gets an audit entry.
/// </summary>
internal static class ReportsEndpoint
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, AuditRecorder audit)
    {
        routes.MapGet("/journeys", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            var journeys = await host.GetJourneysAsync(context.RequestAborted).ConfigureAwait(false);
            RequestCounts.Set(context, $"journeys={journeys.Count}");
            await Responses.JsonAsync(context, StatusCodes.Status200OK, new { journeys }).ConfigureAwait(false);
        }).RequireRole(EngageRole.Viewer);

        routes.MapGet("/tasks", async context =>
        {
            var q = new QueryReader(context.Request.Query, "queue", "customerId", "limit");
            var query = new TaskQuery(q.Text("queue"), q.Text("customerId"), q.Int("limit", 1, MaxLimit, DefaultLimit));
            q.ThrowIfInvalid();
            var tasks = await host.ListTasksAsync(query, context.RequestAborted).ConfigureAwait(false);
            RequestCounts.Set(context, $"tasks={tasks.Count}");
            await audit.RecordAsync(context, AuditActions.TasksRead, tasks.Select(t => (string?)t.Task.CustomerId),
                c => $"tasks={tasks.Count(t => t.Task.CustomerId == c)}").ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status200OK, new { tasks }).ConfigureAwait(false);
        }).RequireRole(EngageRole.Operator);

        routes.MapGet("/outbox", async context =>
        {
            var q = new QueryReader(context.Request.Query, "after", "limit", "customerId", "channel");
            var query = new OutboxQuery(q.Long("after", 0, 0), q.Int("limit", 1, MaxLimit, DefaultLimit), q.Text("customerId"), q.OneOf("channel", [.. ChannelRegistry.Shared.Names]));
            q.ThrowIfInvalid();
            var messages = await host.ListOutboxAsync(query, context.RequestAborted).ConfigureAwait(false);
            RequestCounts.Set(context, $"messages={messages.Count}");
            await audit.RecordAsync(context, AuditActions.OutboxRead, messages.Select(m => (string?)m.Message.CustomerId),
                c => $"messages={messages.Count(m => m.Message.CustomerId == c)}").ConfigureAwait(false);
            var nextAfter = messages.Count > 0 ? messages.Max(m => m.Sequence) : query.AfterSequence;
            await Responses.JsonAsync(context, StatusCodes.Status200OK, new { messages, nextAfter }).ConfigureAwait(false);
        }).RequireRole(EngageRole.Operator);

        routes.MapGet("/status", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            await Responses.JsonAsync(context, StatusCodes.Status200OK, await host.GetStatusAsync(context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }).RequireRole(EngageRole.Viewer);
    }
}

using Engagement.Engine.Ports;
using Engagement.Engine.Tasks;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="ITaskSink"/> on the <c>tasks</c> container: partition key <c>/customerId</c>, id = the encoded task key.
/// Create-if-absent: one create; 409 Conflict (the task exists) is success. New tasks carry <c>status: "open"</c> for the
/// agents' work lists (composite index queue, status, due). Thread-safe.
/// </summary>
public sealed class CosmosTaskSink : ITaskSink
{
    private readonly CosmosDocuments _docs;

    internal CosmosTaskSink(CosmosDocuments docs) => _docs = docs;

    /// <inheritdoc />
    public async ValueTask CreateAsync(HumanTask task, CancellationToken cancellationToken)
    {
        var doc = _docs.Pack(task, CosmosIds.Encode(task.TaskKey));
        doc["status"] = "open";
        await _docs.CreateAsync(doc, task.CustomerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A task by key, or null (one point read).</summary>
    public async ValueTask<HumanTask?> GetAsync(string customerId, string taskKey, CancellationToken cancellationToken) =>
        await _docs.ReadAsync(CosmosIds.Encode(taskKey), customerId, cancellationToken).ConfigureAwait(false) is { } found
            ? _docs.Unpack<HumanTask>(found.Doc)
            : null;
}

using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;

namespace Engagement.Local.Storage;

/// <summary>Tasks for people; the task key is unique, so creating one twice is harmless.</summary>
internal sealed class SqliteTaskSink(GroupState state) : ITaskSink
{
    /// <inheritdoc/>
    public ValueTask CreateAsync(HumanTask task, CancellationToken cancellationToken)
    {
        state.Session.Execute(
            "INSERT INTO tasks (task_key, customer_id, queue, created_at, due_at, json) VALUES ($k, $c, $q, $at, $due, $json) ON CONFLICT (task_key) DO NOTHING",
            ("$k", task.TaskKey), ("$c", task.CustomerId), ("$q", task.Queue), ("$at", Ticks.Of(task.CreatedAt)), ("$due", Ticks.Of(task.Due)),
            ("$json", state.Session.Seal(EngineJson.Serialize(task))));
        return ValueTask.CompletedTask;
    }
}

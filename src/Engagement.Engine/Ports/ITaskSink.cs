using Engagement.Engine.Tasks;

namespace Engagement.Engine.Ports;

/// <summary>Where tasks for people go (a queue table, a helpdesk webhook).</summary>
public interface ITaskSink
{
    /// <summary>Creates the task unless one with its key exists.</summary>
    ValueTask CreateAsync(HumanTask task, CancellationToken cancellationToken);
}

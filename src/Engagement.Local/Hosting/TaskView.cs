using Engagement.Engine.Tasks;

namespace Engagement.Local.Hosting;

/// <summary>A task for people and where it stands. Immutable.</summary>
/// <param name="Task">The task.</param>
/// <param name="Overdue">True when its due time has passed.</param>
public sealed record TaskView(HumanTask Task, bool Overdue);

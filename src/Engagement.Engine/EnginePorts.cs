using Engagement.Engine.Ports;

namespace Engagement.Engine;

/// <summary>The ports the engine works through; each host supplies its implementations (in-memory, SQLite, Cosmos). Immutable.
/// <paramref name="PersonalData"/> redacts the host's other copies of personal data on erasure (none when omitted).</summary>
public sealed record EnginePorts(
    IProfileStore Profiles,
    IEnrollmentStore Enrollments,
    IMessageLedger Ledger,
    ITaskSink Tasks,
    IEventInbox Inbox,
    IWakeUpScheduler WakeUps,
    ITimelineSink Timeline,
    IEventPublisher Publisher,
    IReadOnlyList<IChannelSender> Channels,
    IPersonalDataEraser? PersonalData = null)
{
    /// <summary>The eraser in force (<see cref="NoPersonalDataEraser"/> when none was given).</summary>
    public IPersonalDataEraser Eraser => PersonalData ?? NoPersonalDataEraser.Instance;
}

using Engagement.Engine.Ports;

namespace Engagement.Engine;

/// <summary>The ports the engine works through; each host supplies its implementations (in-memory, SQLite, Cosmos). Immutable.</summary>
public sealed record EnginePorts(
    IProfileStore Profiles,
    IEnrollmentStore Enrollments,
    IMessageLedger Ledger,
    ITaskSink Tasks,
    IEventInbox Inbox,
    IWakeUpScheduler WakeUps,
    ITimelineSink Timeline,
    IEventPublisher Publisher,
    IReadOnlyList<IChannelSender> Channels);

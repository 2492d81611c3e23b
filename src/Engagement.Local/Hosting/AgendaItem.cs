namespace Engagement.Local.Hosting;

/// <summary>What the processor can take next: a profile import, an event from the inbox, or a timer. Ordered by (due, order, seq).</summary>
internal sealed record AgendaItem(AgendaKind Kind, string Key, long DueAt, long Order, long Seq, string Target, string? Json)
{
    public bool Before(AgendaItem other) =>
        DueAt != other.DueAt ? DueAt < other.DueAt : Order != other.Order ? Order < other.Order : Seq < other.Seq;
}

/// <summary>The kinds of agenda items.</summary>
internal enum AgendaKind
{
    ProfileImport,
    Event,
    WakeUp,
    DeferredSend,
}

using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;

namespace Engagement.Local.Storage;

/// <summary>
/// The channel the delivery pipeline sees inside the group transaction: it only inserts the rendered message into the outbox
/// and answers sent. Nothing leaves the machine here, so a rolled-back group leaves no trace. With a real transport the row is
/// pending and due at once, for the dispatcher; with the outbox-only transport it is delivered by this very commit (nothing is
/// to leave the machine, so no second transaction is spent on it), delivered at wall-clock time, or at the group's virtual instant when
/// <paramref name="wallClock"/> is null (the virtual clock).
/// </summary>
internal sealed class OutboxWriter(GroupState state, string channel, string transport, NodaTime.IClock? wallClock) : IChannelSender
{
    /// <summary>The channel whose messages this writer takes.</summary>
    public string Channel { get; } = channel;

    private bool IsLocal => transport == Hosting.TransportNames.Outbox;

    /// <summary>Inserts the message (sealed) into the outbox in the group transaction, once per ledger key, and answers sent (provider id <c>outbox-</c> and the row number; none when the key was there already).</summary>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var now = Ticks.Of(state.Now);
        var seq = state.Session.Scalar(
            """
            INSERT INTO outbox (ledger_key, channel, customer_id, transport, message, created_at, state, attempts, next_attempt_at, delivered_at, provider_id)
            VALUES ($key, $ch, $c, $t, $m, $now, $state, $attempts, 0, $delivered, $provider) ON CONFLICT (ledger_key) DO NOTHING RETURNING seq
            """,
            ("$key", message.LedgerKey), ("$ch", message.Channel), ("$c", message.CustomerId), ("$t", transport), ("$m", state.Session.SealJson(message)), ("$now", now),
            ("$state", IsLocal ? "delivered" : "pending"), ("$attempts", IsLocal ? 1 : 0), ("$delivered", IsLocal ? (object?)(wallClock is null ? now : Ticks.Of(wallClock.GetCurrentInstant())) : null),
            ("$provider", IsLocal ? Hosting.TransportNames.Outbox : null));
        return ValueTask.FromResult(SendResult.Ok(seq is null ? null : "outbox-" + Convert.ToString(seq, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

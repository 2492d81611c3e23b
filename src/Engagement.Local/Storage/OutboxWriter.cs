using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;

namespace Engagement.Local.Storage;

/// <summary>
/// The channel the delivery pipeline sees inside the group transaction: it only inserts the rendered message into the outbox
/// (pending and due at once, for the dispatcher) and answers sent. Nothing leaves the machine here, so a rolled-back group leaves no trace.
/// </summary>
internal sealed class OutboxWriter(GroupState state, string channel, string transport) : IChannelSender
{
    public string Channel { get; } = channel;

    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var now = Ticks.Of(state.Now);
        var seq = state.Session.Scalar(
            """
            INSERT INTO outbox (ledger_key, channel, customer_id, transport, message, created_at, state, attempts, next_attempt_at)
            VALUES ($key, $ch, $c, $t, $m, $now, 'pending', 0, 0) ON CONFLICT (ledger_key) DO NOTHING RETURNING seq
            """,
            ("$key", message.LedgerKey), ("$ch", message.Channel), ("$c", message.CustomerId), ("$t", transport), ("$m", EngineJson.Serialize(message)), ("$now", now));
        return ValueTask.FromResult(SendResult.Ok(seq is null ? null : "outbox-" + Convert.ToString(seq, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

using Engagement.Engine.Delivery;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Channels;

/// <summary>The one log line a transport writes per attempt: channel, transport, ledger key, outcome. Never a contact point, subject or body.</summary>
internal static class ChannelLog
{
    private static readonly Action<ILogger, string, string, string, string?, Exception?> Sent =
        LoggerMessage.Define<string, string, string, string?>(LogLevel.Debug, new EventId(1, "ChannelSent"), "{Channel} via {Transport}: {LedgerKey} sent as {ProviderMessageId}");

    private static readonly Action<ILogger, string, string, string, SendStatus, string?, Exception?> Failed =
        LoggerMessage.Define<string, string, string, SendStatus, string?>(LogLevel.Warning, new EventId(2, "ChannelFailed"), "{Channel} via {Transport}: {LedgerKey} {Status}: {Reason}");

    public static void Outcome(ILogger logger, string channel, string transport, string ledgerKey, SendResult result)
    {
        if (result.Status == SendStatus.Sent) Sent(logger, channel, transport, ledgerKey, result.ProviderMessageId, null);
        else Failed(logger, channel, transport, ledgerKey, result.Status, result.Reason, null);
    }
}

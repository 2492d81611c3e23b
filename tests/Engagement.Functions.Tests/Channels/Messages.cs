using System.Collections.Immutable;
using Engagement.Engine.Delivery;

namespace Engagement.Functions.Tests.Channels;

/// <summary>Outbound messages as the delivery pipeline hands them to a channel sender.</summary>
public static class Messages
{
    /// <summary>A message with the given ledger key, body and channel.</summary>
    public static OutboundMessage Outbound(string ledgerKey, string body = "<p>Hello</p>", string channel = "email", string to = "ana@example.com") => new()
    {
        LedgerKey = ledgerKey,
        Channel = channel,
        CustomerId = "c-1",
        To = to,
        Subject = "Welcome",
        Body = body,
        Headers = ImmutableSortedDictionary<string, string>.Empty.Add("List-Unsubscribe", "<https://engage.invalid/u>"),
        Journey = "welcome",
        Step = "welcome-email",
        Template = "welcome-offer",
        Locale = "en",
    };
}

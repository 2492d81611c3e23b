using System.Collections.Immutable;
using Engagement.Engine.Delivery;

namespace Engagement.Local.Tests.Channels;

/// <summary>Rendered messages for transport tests, each with its own ledger key so tests can run side by side against one server.</summary>
internal static class TestMessages
{
    public static string NewLedgerKey(string step = "hello") => $"welcome-v1-c000123-{Guid.NewGuid():N}/{step}/1";

    public static OutboundMessage Email(string body, string? subject = "Welcome to Example Shop", ImmutableSortedDictionary<string, string>? headers = null, string to = "ana.lima@mail.example") => new()
    {
        LedgerKey = NewLedgerKey(),
        Channel = "email",
        CustomerId = "c000123",
        To = to,
        Subject = subject,
        Body = body,
        Headers = headers ?? OutboundMessage.EmptyHeaders,
        Journey = "welcome",
        Step = "hello",
        Template = "welcome",
        Locale = "en",
    };

    public static OutboundMessage Sms(string body = "Hi Ana, your code is 4711", string to = "+4915112345678") => new()
    {
        LedgerKey = NewLedgerKey("sms-hello"),
        Channel = "sms",
        CustomerId = "c000123",
        To = to,
        Body = body,
        Journey = "welcome",
        Step = "sms-hello",
        Template = "welcome-sms",
        Locale = "en",
    };

    public static ImmutableSortedDictionary<string, string> UnsubscribeHeaders(string link) => OutboundMessage.EmptyHeaders
        .Add("List-Unsubscribe", $"<{link}>")
        .Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
}

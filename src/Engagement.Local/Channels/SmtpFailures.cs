using System.Text.RegularExpressions;
using Engagement.Engine.Delivery;
using MailKit.Net.Smtp;

namespace Engagement.Local.Channels;

/// <summary>
/// Maps an SMTP server's refusal to a <see cref="SendResult"/>: 550/551/553 for the recipient, or an enhanced code 5.1.1 (bad mailbox),
/// 5.1.2 (bad domain), 5.1.3 (bad address syntax) or 5.1.10 (null MX), is InvalidContact; any other 5xx PermanentFailure; 4xx and
/// anything else TransientFailure. The reason holds the codes and a fixed phrase, never the server's text (which quotes the address).
/// </summary>
internal static partial class SmtpFailures
{
    private static readonly HashSet<string> BadDestination = ["5.1.1", "5.1.2", "5.1.3", "5.1.10"];

    public static SendResult Map(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var enhanced = EnhancedCode().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;
        var stage = e.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "recipient refused",
            SmtpErrorCode.SenderNotAccepted => "sender refused",
            SmtpErrorCode.MessageNotAccepted => "message refused",
            _ => "unexpected reply",
        };
        var reason = enhanced is null ? $"smtp {code}: {stage}" : $"smtp {code} {enhanced}: {stage}";
        var recipientGone = (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && code is 550 or 551 or 553)
            || (enhanced is not null && BadDestination.Contains(enhanced));
        var status = code switch
        {
            >= 500 and < 600 when recipientGone => SendStatus.InvalidContact,
            >= 500 and < 600 => SendStatus.PermanentFailure,
            _ => SendStatus.TransientFailure,
        };
        return new SendResult(status, Reason: reason);
    }

    [GeneratedRegex(@"^\s*([245]\.\d{1,3}\.\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedCode();
}

using System.Security.Cryptography;
using System.Text;
using Engagement.Engine.Delivery;
using Engagement.Local.Configuration;
using MimeKit;

namespace Engagement.Local.Channels;

/// <summary>
/// Turns an <see cref="OutboundMessage"/> into a MIME email: multipart/alternative (text + HTML) when the body looks like HTML, a
/// single text/plain part otherwise; the message's headers copied (those the transport owns skipped); a Message-Id derived from the
/// ledger key; <c>X-Engage-Ledger-Key</c>. Thread-safe.
/// </summary>
public sealed class EmailComposer
{
    /// <summary>The header that carries the ledger key.</summary>
    public const string LedgerKeyHeader = "X-Engage-Ledger-Key";

    private static readonly HashSet<string> OwnedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Subject", "Date", "Message-Id", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "Content-Disposition", "Return-Path", LedgerKeyHeader,
    };

    private readonly MailboxAddress _from;
    private readonly string _messageIdDomain;
    private readonly TimeProvider _time;

    /// <summary>Creates the composer for the sender of <paramref name="options"/>.</summary>
    /// <param name="options">From address and name, Message-Id domain.</param>
    /// <param name="time">The clock of the Date header.</param>
    public EmailComposer(SmtpOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _from = new MailboxAddress(options.FromName ?? "", options.FromAddress);
        _messageIdDomain = options.MessageIdDomain ?? DomainOf(options.FromAddress);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// The Message-Id (without angle brackets) of the email for <paramref name="ledgerKey"/>: <c>engage.&lt;32 hex of SHA-256(key)&gt;@domain</c>.
    /// The same key always gives the same id, so a resend after a crash is recognisable as the same message; the key itself (which
    /// holds the customer id) is not readable from it.
    /// </summary>
    public static string MessageIdFor(string ledgerKey, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledgerKey);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ledgerKey));
        return "engage." + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "@" + domain;
    }

    /// <summary>The Message-Id this composer gives the email of <paramref name="ledgerKey"/>.</summary>
    public string MessageIdOf(string ledgerKey) => MessageIdFor(ledgerKey, _messageIdDomain);

    /// <summary>The email, or a failure (never sent) when the address or a header cannot be used.</summary>
    public bool TryCompose(OutboundMessage message, out MimeMessage email, out SendResult failure)
    {
        ArgumentNullException.ThrowIfNull(message);
        email = new MimeMessage();
        failure = SendResult.Ok();
        if (!MailboxAddress.TryParse(message.To, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) is <= 0 || to.Address.EndsWith('@'))
        {
            failure = new SendResult(SendStatus.InvalidContact, Reason: "smtp: the email address is not valid");
            return false;
        }

        email.From.Add(_from);
        email.To.Add(to);
        email.Subject = message.Subject ?? "";
        email.MessageId = MessageIdOf(message.LedgerKey);
        email.Date = _time.GetUtcNow();
        email.Headers.Add(LedgerKeyHeader, message.LedgerKey);
        foreach (var (name, value) in message.Headers)
        {
            if (OwnedHeaders.Contains(name)) continue;
            if (!IsFieldName(name) || value.Contains('\r') || value.Contains('\n'))
            {
                failure = new SendResult(SendStatus.PermanentFailure, Reason: $"smtp: header '{(IsFieldName(name) ? name : "?")}' is not a valid header");
                return false;
            }

            email.Headers.Add(name, value);
        }

        var builder = new BodyBuilder();
        if (HtmlText.LooksLikeHtml(message.Body))
        {
            builder.HtmlBody = message.Body;
            builder.TextBody = HtmlText.ToPlainText(message.Body);
        }
        else
        {
            builder.TextBody = message.Body;
        }

        email.Body = builder.ToMessageBody();
        return true;
    }

    private static bool IsFieldName(string name) => name.Length > 0 && name.All(c => c > ' ' && c <= '~' && c != ':');

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "engage.local";
    }
}

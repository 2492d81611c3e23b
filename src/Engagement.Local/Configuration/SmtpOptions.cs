using System.Text;

namespace Engagement.Local.Configuration;

/// <summary>The SMTP transport (<c>channels.email.smtp</c>). <see cref="ToString"/> never shows the password. Immutable.</summary>
public sealed record SmtpOptions
{
    /// <summary>Server host name or address (required).</summary>
    public string Host { get; init; } = "";
    /// <summary>Server port; 0 means the default of <see cref="Tls"/> (25, 587 or 465).</summary>
    public int Port { get; init; }
    /// <summary>Connection security; default <see cref="SmtpTlsMode.StartTls"/>.</summary>
    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTls;
    /// <summary>User name for SMTP AUTH; none means no authentication.</summary>
    public string? User { get; init; }
    /// <summary>Password for SMTP AUTH (a secret: set it with <c>ENGAGE_Channels__Email__Smtp__Password</c>).</summary>
    public string? Password { get; init; }
    /// <summary>Sender address (required), e.g. <c>news@shop.example</c>.</summary>
    public string FromAddress { get; init; } = "";
    /// <summary>Sender display name, e.g. <c>Example Shop</c>.</summary>
    public string? FromName { get; init; }
    /// <summary>Domain of the Message-Id; default the domain of <see cref="FromAddress"/>.</summary>
    public string? MessageIdDomain { get; init; }
    /// <summary>Seconds one send attempt may take, connecting and authenticating included; default 30.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>The port actually used: <see cref="Port"/>, or the default of the TLS mode.</summary>
    public int EffectivePort => Port != 0 ? Port : Tls switch
    {
        SmtpTlsMode.None => 25,
        SmtpTlsMode.Ssl => 465,
        _ => 587,
    };

    /// <summary>The timeout as a span.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host).Append(", Port = ").Append(EffectivePort).Append(", Tls = ").Append(Tls)
            .Append(", User = ").Append(User is null ? "(none)" : Redaction.Mask)
            .Append(", Password = ").Append(Password is null ? "(none)" : Redaction.Mask)
            .Append(", FromAddress = ").Append(FromAddress).Append(", FromName = ").Append(FromName)
            .Append(", TimeoutSeconds = ").Append(TimeoutSeconds);
        return true;
    }
}

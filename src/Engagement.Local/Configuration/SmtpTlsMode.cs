namespace Engagement.Local.Configuration;

/// <summary>How the SMTP connection is secured (<c>channels.email.smtp.tls</c>).</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text, no TLS (a local relay or maildev). Default port 25.</summary>
    None,
    /// <summary>Connect in plain text, then require STARTTLS before anything is sent. Default port 587.</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, "implicit TLS"). Default port 465.</summary>
    Ssl,
}

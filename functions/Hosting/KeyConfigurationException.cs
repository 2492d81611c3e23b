namespace Engagement.Functions.Hosting;

/// <summary>The Functions host cannot get its encryption keys (none configured, or the configured source fails): the message is
/// the one line printed before the host stops.</summary>
public sealed class KeyConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KeyConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyConfigurationException()
    {
    }
}

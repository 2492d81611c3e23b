namespace Engagement.Functions.Channels;

/// <summary>A Notification Hubs send that failed, as the transport reports it: the SDK's exception kind and whether a retry may help.</summary>
public sealed class PushTransportException : Exception
{
    /// <summary>A failure of unknown kind, treated as transient.</summary>
    public PushTransportException()
        : base("Notification Hubs send failed")
    {
    }

    /// <summary>A failure of unknown kind, treated as transient, with the given message.</summary>
    public PushTransportException(string message)
        : base(message)
    {
    }

    /// <summary>A failure of unknown kind, treated as transient, with the given message and cause.</summary>
    public PushTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure of kind <paramref name="kind"/>; <paramref name="transient"/> says whether a retry may help.</summary>
    public PushTransportException(string kind, bool transient, Exception? innerException = null)
        : base($"Notification Hubs send failed ({kind})", innerException)
    {
        Kind = kind;
        IsTransient = transient;
    }

    /// <summary>The SDK's exception type name.</summary>
    public string Kind { get; } = "unknown";

    /// <summary>Whether a retry may help.</summary>
    public bool IsTransient { get; } = true;
}

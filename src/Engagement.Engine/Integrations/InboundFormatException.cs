namespace Engagement.Engine.Integrations;

/// <summary>
/// A request that is wholly unreadable (not JSON, no <c>batch</c> list, an empty batch, a CloudEvents content type with a
/// body that is not one): answered as a client error that is not worth retrying. The message says what and where and never
/// quotes the input.
/// </summary>
public sealed class InboundFormatException : Exception
{
    /// <summary>A wholly bad request.</summary>
    public InboundFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A wholly bad request, with its cause.</summary>
    public InboundFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Not used.</summary>
    public InboundFormatException()
    {
    }
}

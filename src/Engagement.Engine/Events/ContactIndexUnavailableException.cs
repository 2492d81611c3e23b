namespace Engagement.Engine.Events;

/// <summary>
/// The host keeps no contact index (no key configured), so it cannot find a customer by email or phone. The message says why
/// and what to configure; it never holds the contact. <see cref="ContactReference"/> turns it into the input's reason.
/// </summary>
public sealed class ContactIndexUnavailableException : InvalidOperationException
{
    /// <summary>The default reason: no key is configured.</summary>
    public const string NoKey = "this host keeps no contact index, because no encryption key is configured";

    /// <summary>With <see cref="NoKey"/>.</summary>
    public ContactIndexUnavailableException()
        : base(NoKey)
    {
    }

    /// <summary>With a reason of its own.</summary>
    public ContactIndexUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>With a reason and the cause.</summary>
    public ContactIndexUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Engagement.Protection;

/// <summary>A key file that cannot be used (missing, not JSON, a key of the wrong size, …): the message is one line naming the file.</summary>
public sealed class KeyFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KeyFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyFileException()
    {
    }
}

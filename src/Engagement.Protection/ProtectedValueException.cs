namespace Engagement.Protection;

/// <summary>A stored value that cannot be decrypted: its key id is not in the key file, or it fails its integrity check (changed, or another key under the same id).</summary>
public sealed class ProtectedValueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtectedValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProtectedValueException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProtectedValueException()
    {
    }
}

namespace Engagement.Local.Hosting;

/// <summary>Key rotation of a running host (served at <c>/admin/keys</c>): re-read the key file and re-encrypt in the background.</summary>
public interface IKeyRotation
{
    /// <summary>Whether the host runs with a key file.</summary>
    bool HasKeyFile { get; }

    /// <summary>The rotation's progress.</summary>
    KeyRotationStatus RotationStatus { get; }

    /// <summary>
    /// Re-reads the key file, encrypts new values with its current key at once, and re-encrypts every stored value under
    /// another key (or in plain text) in the background, in batches. Throws <see cref="KeyFileException"/> when the
    /// file cannot be used (missing, bad, or without a key still in use) and <see cref="InvalidOperationException"/> without a key file.
    /// </summary>
    KeyRotationStatus StartRotation();
}

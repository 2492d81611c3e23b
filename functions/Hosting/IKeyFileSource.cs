using Engagement.Protection;

namespace Engagement.Functions.Hosting;

/// <summary>Where the Functions host reads its key file (data keys, blind index key) from: Key Vault in Azure, a file in local
/// development and tests. Read once at start.</summary>
public interface IKeyFileSource
{
    /// <summary>What the source is, for error lines (a vault URI and secret name, or a path); never key material.</summary>
    string Description { get; }

    /// <summary>Reads and checks the key file; throws <see cref="KeyFileException"/> (or the source's own error) when it cannot.</summary>
    Task<KeyFile> LoadAsync(CancellationToken cancellationToken);
}

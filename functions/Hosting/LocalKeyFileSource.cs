using Engagement.Protection;

namespace Engagement.Functions.Hosting;

/// <summary>A key file on disk (<c>Engagement__KeyFile</c>): local development with <c>func start</c>, and tests.</summary>
public sealed class LocalKeyFileSource(string path) : IKeyFileSource
{
    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public Task<KeyFile> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(KeyFile.Load(path));
}

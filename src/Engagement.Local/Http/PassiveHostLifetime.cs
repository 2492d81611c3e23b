using Microsoft.Extensions.Hosting;

namespace Engagement.Local.Http;

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the caller (<c>engage serve</c> stops the API with its token).</summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

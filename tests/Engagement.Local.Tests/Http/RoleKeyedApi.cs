using Engagement.Local.Http;
using Engagement.Local.Tests.Hosting;

namespace Engagement.Local.Tests.Http;

/// <summary>A real embedded host (the test journeys, a fake clock) behind the HTTP API on a loopback port, with one named
/// key per role (<see cref="RoleKeys"/>). A test class owns one per test: start it in InitializeAsync, stop it in DisposeAsync.</summary>
internal sealed class RoleKeyedApi : IDisposable
{
    private readonly TestFiles _files = new();
    private Engagement.Local.Hosting.EmbeddedHost? _host;

    /// <summary>The running API (after <see cref="StartAsync"/>).</summary>
    public HttpApi Api { get; private set; } = null!;

    public async Task StartAsync()
    {
        _host = await HostHarness.StartAsync(_files, TestJourneys.Write(_files.Root), HostHarness.Clock());
        Api = await HttpApi.StartAsync(_host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        await Api.DisposeAsync();
        await _host!.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();
}

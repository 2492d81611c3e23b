using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Engagement.Local.Tests.Hosting;

namespace Engagement.Local.Tests.Http;

/// <summary>The same seeded random bodies, queries and paths as <see cref="FuzzTests"/>, through the real <c>EmbeddedHost</c> on
/// a SQLite file: the host keeps every unreadable line as rejected and goes on.</summary>
public sealed class FuzzRealHostTests : FuzzTests
{
    private readonly TestFiles _files = new();
    private EmbeddedHost? _host;

    private protected override async Task<ApiUnderTest> StartApiAsync(Func<HttpApiOptions, HttpApiOptions> configure)
    {
        _host = await HostHarness.StartAsync(_files, TestJourneys.Write(_files.Root), HostHarness.Clock());
        return await ApiUnderTest.StartAsync(_host, configure);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        // The processor survived the fuzz: it drains whatever was accepted (IdleAsync fails after 30 s otherwise).
        await HostHarness.IdleAsync(_host!);
        var status = await _host!.GetStatusAsync(CancellationToken.None);
        await _host.DisposeAsync();
        _files.Dispose();
        Assert.Equal(0, status.PendingEvents);
    }
}

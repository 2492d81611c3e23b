using System.Net;
using System.Net.Sockets;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class HttpApiLifecycleTests
{
    [Fact]
    public void Options_ByDefault_ListenOnLoopbackPort5080WithA1MiBLimit()
    {
        var options = new HttpApiOptions();

        Assert.Equal(["http://127.0.0.1:5080"], options.Urls);
        Assert.Equal(1024 * 1024, options.MaxBodyBytes);
        Assert.True(options.IsLoopbackOnly());
        Assert.False(options.InsecureNoAuth);
    }

    [Fact]
    public void Options_FromTheEngageJsonHttpSection_KeepUrlsKeysAndLimit()
    {
        var http = new Engagement.Local.Configuration.HttpOptions { Urls = ["http://*:8080"], ApiKeys = [Key], MaxBodyBytes = 4096 };

        var options = HttpApiOptions.From(http, insecureNoAuth: false, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(["http://*:8080"], options.Urls);
        Assert.Equal([Key], options.ApiKeys);
        Assert.Equal((4096L, false), (options.MaxBodyBytes, options.InsecureNoAuth));
        Assert.False(options.IsLoopbackOnly());
        Assert.Contains("--behind-proxy", Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
        (options with { BehindProxy = true }).Validate();
    }

    [Fact]
    public void Options_BehindProxyInEngageJson_AllowsEveryInterface()
    {
        var http = new Engagement.Local.Configuration.HttpOptions { Urls = ["http://0.0.0.0:8080"], ApiKeys = [Key], BehindProxy = true };

        var options = HttpApiOptions.From(http, insecureNoAuth: false, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.True(options.BehindProxy);
        options.Validate();
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://*:5080")]
    public async Task Start_NonLoopbackOverPlainHttpWithoutAProxy_IsRefusedBeforeListening(string url)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HttpApi.StartAsync(new RecordingEmbeddedHost(Tokens, Now), new HttpApiOptions { Urls = [url], ApiKeys = [Key] }, CancellationToken.None));

        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    public void Options_IsLoopbackOnly_TellsOtherInterfacesApart(string url, bool loopback)
    {
        Assert.Equal(loopback, new HttpApiOptions { Urls = [url] }.IsLoopbackOnly());
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", "reverse proxy")]
    [InlineData("127.0.0.1:5080", "http://host:port")]
    [InlineData("http://127.0.0.1:5080/api", "http://host:port")]
    public void Options_UnusableUrl_IsRefusedSayingWhatIsExpected(string url, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new HttpApiOptions { Urls = [url], ApiKeys = [Key] }.Validate());

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(HttpApiOptions.LargestMaxBodyBytes + 1)]
    public void Options_BodyLimitOutOfRange_IsRefused(long limit)
    {
        Assert.Throws<InvalidOperationException>(() => new HttpApiOptions { ApiKeys = [Key], MaxBodyBytes = limit }.Validate());
    }

    [Fact]
    public async Task Start_OnPortZero_ReportsTheBoundPort()
    {
        await using var api = await StartAsync();

        Assert.Equal("127.0.0.1", api.Api.Address.Host);
        Assert.NotEqual(0, api.Api.Address.Port);
    }

    [Fact]
    public async Task Start_OnAPortInUse_Throws()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await Assert.ThrowsAnyAsync<IOException>(() => StartAsync(o => o with { Urls = [$"http://127.0.0.1:{port}"] }));
    }

    [Fact]
    public async Task Start_OnAPortInUse_LogsNothingBesideTheExceptionItThrows()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var log = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));

        await Assert.ThrowsAnyAsync<IOException>(() => StartAsync(o => o with { Urls = [$"http://127.0.0.1:{port}"], LoggerFactory = factory }));

        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task RunAsync_ServesUntilTheTokenIsCancelled()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        taken.Stop();
        using var stop = new CancellationTokenSource();
        var options = new HttpApiOptions { Urls = [$"http://127.0.0.1:{port}"], ApiKeys = [Key] };

        var run = HttpApi.RunAsync(new RecordingEmbeddedHost(Tokens, Now), options, stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var health = await RetryAsync(() => client.GetAsync("/healthz"));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/healthz"));
    }

    [Fact]
    public async Task Requests_InParallel_AreAllCounted()
    {
        await using var api = await StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => api.PostEventsAsync($"[{Event($"p{i}")},{Event($"p{i % 10}")}]")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var totals = await Task.WhenAll(answers.Select(a => Answers.JsonAsync(a, 202)));
        Assert.Equal(40, totals.Sum(t => (int)t["accepted"]!));
        Assert.Equal(40, totals.Sum(t => (int)t["duplicates"]!));
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}

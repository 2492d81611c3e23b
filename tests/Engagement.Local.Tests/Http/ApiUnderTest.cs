using System.Net.Http.Headers;
using System.Text;
using Engagement.Engine.Unsubscribe;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Local.Tests.Http;

/// <summary>A real <see cref="HttpApi"/> on Kestrel at 127.0.0.1, port 0, over a <see cref="RecordingEmbeddedHost"/>, with a
/// client that sends the key, one that sends none, and the captured log.</summary>
internal sealed class ApiUnderTest : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";
    public const string OtherKey = "rotated-key-abcdef0123456789";
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 4, 12, 0);
    public static readonly UnsubscribeTokens Tokens = new(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

    private readonly IEmbeddedHost _host;

    private ApiUnderTest(HttpApi api, IEmbeddedHost host, CapturingLoggerProvider log, ILoggerFactory factory)
    {
        Api = api;
        _host = host;
        Log = log;
        _factory = factory;
        Client = new HttpClient { BaseAddress = api.Address };
        Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        Anonymous = new HttpClient { BaseAddress = api.Address };
    }

    private readonly ILoggerFactory _factory;

    public HttpApi Api { get; }
    /// <summary>The recording double behind the API (tests that started it over a real host cannot ask for it).</summary>
    public RecordingEmbeddedHost Host => _host as RecordingEmbeddedHost ?? throw new InvalidOperationException("this API runs over a real host");
    public CapturingLoggerProvider Log { get; }
    public HttpClient Client { get; }
    public HttpClient Anonymous { get; }

    public static Task<ApiUnderTest> StartAsync(Func<HttpApiOptions, HttpApiOptions>? configure = null) =>
        StartAsync(new RecordingEmbeddedHost(Tokens, Now), configure);

    /// <summary>The API over <paramref name="host"/> (a real <c>EmbeddedHost</c>, or the recording double).</summary>
    public static async Task<ApiUnderTest> StartAsync(IEmbeddedHost host, Func<HttpApiOptions, HttpApiOptions>? configure = null)
    {
        var log = new CapturingLoggerProvider();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        var options = new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [Key, OtherKey], LoggerFactory = factory };
        var api = await HttpApi.StartAsync(host, configure?.Invoke(options) ?? options, CancellationToken.None);
        return new ApiUnderTest(api, host, log, factory);
    }

    public Task<HttpResponseMessage> PostEventsAsync(string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Client.PostAsync("/events", content);
    }

    public static string Event(string id, string type = "order.placed", string customerId = "c1", string time = "2026-03-01T09:00:00Z", string data = "{}") =>
        $$"""{"id":"{{id}}","type":"{{type}}","customerId":"{{customerId}}","time":"{{time}}","data":{{data}}}""";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Api.DisposeAsync();
        _factory.Dispose();
    }
}

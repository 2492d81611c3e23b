using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class LimitsTests : IAsyncLifetime
{
    private const int Limit = 4096;
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync(o => o with { MaxBodyBytes = Limit });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task PostEvents_BodyOverTheLimit_Answers413ProblemSayingTheLimit()
    {
        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync(Ndjson(Limit + 1), "application/x-ndjson"), 413);

        Assert.Contains("4096 bytes", (string?)problem["detail"]);
        Assert.Equal(Limit, (long?)problem["limitBytes"]);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task PostEvents_ChunkedBodyOverTheLimit_Answers413WhileReading()
    {
        var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(Ndjson(Limit * 8)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        var response = await _api.Client.PostAsync("/events", content);

        Assert.True(content.WasChunked);
        await Answers.ProblemAsync(response, 413);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task PostEvents_BodyAtTheLimit_IsAccepted()
    {
        var body = Ndjson(Limit);
        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(body));

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(body, "application/x-ndjson"), 202);

        Assert.True((int)answer["accepted"]! > 10);
    }

    [Fact]
    public async Task PostEvents_EightMiBWithExpectContinue_Answers413BeforeTheBodyIsSent()
    {
        await using var api = await StartAsync();
        var body = new byte[8 * 1024 * 1024];
        Array.Fill(body, (byte)'\n');
        var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new ByteArrayContent(body) };
        request.Headers.ExpectContinue = true; // as curl does for large bodies

        var problem = await Answers.ProblemAsync(await api.Client.SendAsync(request), 413);

        Assert.Contains("1048576 bytes", (string?)problem["detail"]);
        Assert.Empty(api.Host.Batches);
    }

    [Fact]
    public async Task PostEvents_BodyArrivingTooSlowly_Answers408ProblemAfterKestrelsGracePeriod()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _api.Api.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /events HTTP/1.1\r\nHost: t\r\nX-Api-Key: {Key}\r\nContent-Length: 4000\r\n\r\n{{\"id\":"));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("Content-Type: application/problem+json", answer);
        Assert.Contains("urn:engagement:problem:timeout", answer);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task Server_AfterA413_KeepsServing()
    {
        await _api.PostEventsAsync(Ndjson(Limit * 4), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, (await _api.Anonymous.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>NDJSON of exactly <paramref name="bytes"/> bytes: whole events, padded with blank lines.</summary>
    private static string Ndjson(int bytes)
    {
        var body = new StringBuilder();
        for (var i = 0; body.Length + Event($"big-{i:D6}").Length + 1 <= bytes; i++)
        {
            body.Append(Event($"big-{i:D6}")).Append('\n');
        }

        return body.Append('\n', bytes - body.Length).ToString();
    }

    /// <summary>Content whose length is not known up front, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        public bool WasChunked { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            WasChunked = Headers.ContentLength is null;
            for (var i = 0; i < bytes.Length; i += 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1024, bytes.Length - i)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

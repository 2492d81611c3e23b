using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// The Segment-compatible API on the Azure host (<c>POST /api/v1/{call}</c>, anonymous trigger, write key checked in code),
/// called directly (<see cref="HttpFunctionHost"/>). The mapping itself is the engine's (<c>SegmentReader</c>, tested in
/// Engagement.Engine.Tests); these check what the function adds: the key, the route, what goes onto the topic, what is kept
/// as rejected, and the answer a Segment client acts on.
/// </summary>
public sealed class SegmentFunctionTests
{
    private const string Identify = """{ "userId": "c-1", "messageId": "m-id", "timestamp": "2026-03-01T10:00:00Z", "traits": { "email": "ana@example.com", "emailOptIn": true } }""";
    private const string Track = """{ "userId": "c-1", "messageId": "m-tr", "event": "Order Completed", "timestamp": "2026-03-01T10:05:00Z", "properties": { "order_id": "o-9", "total": 42.5, "currency": "EUR" } }""";

    [Fact]
    public async Task IdentifyThenTrack_WithTheWriteKeyAsBasicUser_PutTheirEventsOnTheTopicInTheCustomersSession()
    {
        var host = new HttpFunctionHost();

        var identified = await host.Segment().RunAsync(Post("/api/v1/identify", Identify, headers: Basic(WriteKey)), CancellationToken.None);
        var tracked = await host.Segment().RunAsync(Post("/api/v1/track", Track, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(200, Status(identified));
        Assert.Equal(200, Status(tracked));
        Assert.Equal(["customer.updated", "consent.granted", "order.placed"], host.Subjects);
        Assert.All(host.Sender.Sent, m => Assert.Equal("c-1", m.SessionId));
        Assert.Equal("seg:m-tr", host.Sender.Sent[^1].MessageId); // Service Bus duplicate detection and the router drop a retried call
        Assert.Contains("\"orderId\":\"o-9\"", host.Sender.Sent[^1].Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Json(tracked).GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task AWrongOrMissingWriteKey_Is401WithABasicChallenge_AndNothingIsTakenOrKept(string key)
    {
        var host = new HttpFunctionHost();
        var request = key.Length == 0 ? Post("/api/v1/track", Track) : Post("/api/v1/track", Track, headers: Basic(key));

        var result = await host.Segment().RunAsync(request, CancellationToken.None);

        Assert.Equal(401, Status(result));
        Assert.StartsWith("Basic", request.HttpContext.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Sender.Sent);
        Assert.Empty(host.Stores.Rejected);
    }

    [Fact]
    public async Task NoIngestKeysConfigured_RefusesEveryCall()
    {
        var host = new HttpFunctionHost();

        var result = await host.Segment(host.Settings with { IngestKeys = [] }).RunAsync(Post("/api/v1/track", Track, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(401, Status(result));
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task Batch_PageCountedAndIgnored_AnAnonymousOnlyCallKeptAsRejected_TheRestTaken()
    {
        var host = new HttpFunctionHost();
        var body = $$"""{ "batch": [ {{Track[..^1]}}, "type": "track" }, { "type": "page", "userId": "c-1", "messageId": "m-pg", "name": "Home" }, { "type": "track", "anonymousId": "anon-7", "messageId": "m-an", "event": "Signed Up" } ] }""";

        var result = await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: ("X-Api-Key", WriteKey)), CancellationToken.None);

        Assert.Equal(200, Status(result));
        var answer = Json(result);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("ignored").GetProperty("page").GetInt32());
        var refused = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, refused.GetProperty("index").GetInt32());
        Assert.Equal("userId", refused.GetProperty("field").GetString());
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal("segment", kept.Source);
        Assert.Equal("m-an", kept.EventId);
        Assert.Contains("anon-7", kept.Raw, StringComparison.Ordinal);
        Assert.Equal(["order.placed"], host.Subjects);
    }

    [Fact]
    public async Task ABatchWhoseEveryCallIsRefused_Is400_AndEachIsKept()
    {
        var host = new HttpFunctionHost();
        const string body = """{ "batch": [ { "type": "track", "anonymousId": "a1", "messageId": "x1", "event": "Signed Up" }, { "type": "alias", "userId": "c-2", "previousId": "a1", "messageId": "x2" } ] }""";

        var result = await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.False(Json(result).GetProperty("success").GetBoolean());
        Assert.Equal(["x1", "x2"], host.Stores.Rejected.Select(r => r.EventId));
        Assert.Empty(host.Sender.Sent);
    }

    [Theory]
    [InlineData("/api/v1/alias2", 404)]
    [InlineData("/api/v1/Track/", 200)]
    public async Task TheCallIsReadFromThePath(string path, int status)
    {
        var host = new HttpFunctionHost();

        var result = await host.Segment().RunAsync(Post(path, Track, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(status, Status(result));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{ "batch": [] }""")]
    [InlineData("[1, 2]")]
    public async Task AWhollyUnusableBody_Is400WithOneLine_AndNothingIsTaken(string body)
    {
        var host = new HttpFunctionHost();

        var result = await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.DoesNotContain('\n', Json(result).GetProperty("detail").GetString()!);
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task AClientRetryOfABatch_KeepsItsRefusedCallOnce_AndPutsTheSameMessageIdsOnTheTopic()
    {
        var host = new HttpFunctionHost();
        var body = $$"""{ "batch": [ {{Track[..^1]}}, "type": "track" }, { "type": "track", "anonymousId": "anon-7", "messageId": "m-an", "event": "Signed Up" } ] }""";

        await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: Basic(WriteKey)), CancellationToken.None);
        var retried = await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(200, Status(retried));
        Assert.Equal("m-an", Assert.Single(host.Stores.Rejected).EventId);
        Assert.Equal(["seg:m-tr", "seg:m-tr"], host.Sender.Sent.Select(m => m.MessageId)); // Service Bus duplicate detection and the router drop the second
    }
}

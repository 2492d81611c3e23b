using System.Net.Http.Headers;
using System.Text;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

/// <summary>The Segment-compatible routes over the recording host: write-key auth, answers Segment clients understand, counts.</summary>
public sealed class SegmentEndpointTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;
    private HttpClient _segment = null!;

    public async Task InitializeAsync()
    {
        _api = await StartAsync();
        _segment = WriteKeyClient(Key);
    }

    public async Task DisposeAsync()
    {
        _segment.Dispose();
        await _api.DisposeAsync();
    }

    private HttpClient WriteKeyClient(string user, string password = "")
    {
        var client = new HttpClient { BaseAddress = _api.Api.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private const string Batch = """
        {"batch":[
          {"type":"identify","messageId":"m1","userId":"c1","traits":{"email":"c1@example.com","emailOptIn":true}},
          {"type":"track","messageId":"m2","userId":"c1","event":"Order Completed","properties":{"order_id":"o1","total":20,"currency":"CNY"}},
          {"type":"track","messageId":"m3","anonymousId":"a1","event":"Order Completed"},
          {"type":"page","messageId":"m4","userId":"c1","name":"Home"}
        ],"writeKey":"ignored","sentAt":"2026-03-01T09:00:00Z"}
        """;

    [Fact]
    public async Task Batch_WithTheWriteKeyAsBasicUser_Answers200CountingEachCall()
    {
        var answer = await Answers.JsonAsync(await _segment.PostAsync("/v1/batch", Json(Batch)), 200);

        Assert.True((bool)answer["success"]!);
        Assert.Equal((2, 1), ((int)answer["accepted"]!, (int)answer["ignored"]!["page"]!));
        var rejected = Assert.Single(answer["rejected"]!);
        Assert.Equal((3, "m3", "userId"), ((int)rejected["index"]!, (string?)rejected["messageId"], (string?)rejected["field"]));
        Assert.Equal(["customer.updated", "consent.granted", "order.placed"], _api.Host.InboundAccepted.Select(a => a.Event.Type));
        Assert.Single(_api.Host.InboundRejected, r => r.Source == "segment" && r.Item.Raw.Contains("\"anonymousId\":\"a1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_SentAgain_IsRecognisedByMessageIds()
    {
        await _segment.PostAsync("/v1/batch", Json(Batch));

        var answer = await Answers.JsonAsync(await _segment.PostAsync("/v1/batch", Json(Batch)), 200);

        Assert.Equal((0, 2), ((int)answer["accepted"]!, (int)answer["duplicates"]!));
        Assert.Equal(3, _api.Host.InboundAccepted.Count);
    }

    [Fact]
    public async Task Identify_ThenGetCustomer_ShowsTheTraitsOnTheProfile()
    {
        await Answers.JsonAsync(await _segment.PostAsync("/v1/identify", Json("""{"userId":"c5","traits":{"email":"c5@example.com","plan":"pro"}}""")), 200);

        var view = await Answers.JsonAsync(await _api.Client.GetAsync("/customers/c5"), 200);

        Assert.Equal("c5@example.com", (string?)view["profile"]!["email"]);
        Assert.Equal("pro", (string?)view["profile"]!["attributes"]!["plan"]);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("screen")]
    [InlineData("group")]
    public async Task IgnoredCalls_Answer200WithTheirCount(string call)
    {
        var answer = await Answers.JsonAsync(await _segment.PostAsync("/v1/" + call, Json("""{"userId":"c1","name":"x"}""")), 200);

        Assert.Equal(1, (int)answer["ignored"]![call]!);
        Assert.Empty(_api.Host.InboundAccepted);
    }

    [Theory]
    [InlineData("/v1/track", """{"anonymousId":"a1","event":"Signed Up"}""", "rejected")]
    [InlineData("/v1/batch", """{"batch":[{"type":"track"},{"type":"alias","userId":"c1"}]}""", "rejected")]
    [InlineData("/v1/batch", """{"batch":[]}""", "invalid-body")]
    [InlineData("/v1/batch", """{"batch":""", "invalid-body")]
    [InlineData("/v1/identify", """[]""", "invalid-body")]
    public async Task WhollyBadRequest_Answers400WhichClientsDoNotRetry(string route, string body, string type)
    {
        var problem = await Answers.ProblemAsync(await _segment.PostAsync(route, Json(body)), 400);

        Assert.Equal("urn:engagement:problem:" + type, (string?)problem["type"]);
    }

    [Theory]
    [InlineData("wrong-key-0123456789abcdef", "")]
    [InlineData(Key, "a-password")]
    [InlineData("", "")]
    public async Task WrongWriteKey_Answers401WithABasicChallenge(string user, string password)
    {
        using var client = WriteKeyClient(user, password);

        var response = await client.PostAsync("/v1/batch", Json(Batch));

        await Answers.ProblemAsync(response, 401);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(_api.Host.InboundAccepted);
        Assert.Empty(_api.Host.InboundRejected);
    }

    [Fact]
    public async Task ApiKeyHeader_WorksOnTheSegmentRoutesToo()
    {
        var answer = await Answers.JsonAsync(await _api.Client.PostAsync("/v1/track", Json("""{"userId":"c1","event":"Signed In"}""")), 200);

        Assert.Equal(1, (int)answer["accepted"]!);
    }

    [Fact]
    public async Task RequestLog_HasCountsButNoContactDetails()
    {
        await _segment.PostAsync("/v1/batch", Json(Batch));

        var line = await _api.Log.WaitForLineAsync(l => l.Contains("POST /v1/batch 200", StringComparison.Ordinal));
        Assert.Single(_api.Log.Lines, l => l.Contains("POST /v1/batch 200", StringComparison.Ordinal));
        Assert.Contains("elements=4 accepted=2 duplicates=0 ignored=1 rejected=1", line, StringComparison.Ordinal);
        // The anonymous id "a1" as a word: a random hex trace id may well contain the letters a1.
        Assert.DoesNotContain(_api.Log.Lines, l => l.Contains("example.com", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(l, @"\ba1\b"));
    }
}

using System.Net.Http.Headers;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class LoggingTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task RequestLog_SaysMethodRouteStatusAndCounts_ButNeverBodiesContactsOrKeys()
    {
        await _api.PostEventsAsync($"[{Event("l1", "customer.registered", "c5", data: """{"email":"secret.person@example.com","phone":"+8613800000009"}""")},"
            + $"{Event("l2", time: "secret-time-value")}]");
        await _api.Client.GetAsync("/customers/c5");
        await _api.Client.GetAsync("/outbox?customerId=c5&limit=3");
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key-but-still-secret") } };
        await _api.Anonymous.SendAsync(bearer);

        await _api.Log.WaitForLineAsync(l => l.Contains("GET /status 401", StringComparison.Ordinal));
        var log = _api.Log.All;
        Assert.Contains("POST /events 202", log);
        Assert.Contains("lines=2 accepted=1 duplicates=0 rejected=1", log);
        Assert.Contains("GET /customers/{id} 200", log);
        Assert.Contains("GET /status 401", log);
        foreach (var secret in new[] { "secret.person", "+8613800000009", "secret-time-value", Key, "wrong-key-but-still-secret", "limit=3" })
        {
            Assert.DoesNotContain(secret, log);
        }
    }

    [Fact]
    public async Task RequestLog_ForAnUnknownRoute_LogsNoPathValuesButTheProblemsTraceId()
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync("/customers/c5/secret-segment"), 404);

        var line = await _api.Log.WaitForLineAsync(l => l.Contains("GET (no route) 404", StringComparison.Ordinal));
        Assert.Contains($"trace {problem["traceId"]}", line);
        Assert.DoesNotContain("secret-segment", _api.Log.All);
    }
}

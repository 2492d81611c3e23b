using System.Net.Http.Headers;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging.Abstractions;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class AuthenticationTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("GET", "/status")]
    [InlineData("GET", "/journeys")]
    [InlineData("GET", "/tasks")]
    [InlineData("GET", "/outbox")]
    [InlineData("GET", "/customers/c1")]
    [InlineData("DELETE", "/customers/c1")]
    [InlineData("POST", "/events")]
    [InlineData("GET", "/no-such-route")]
    public async Task Request_WithoutKey_Answers401ProblemAndReachesNoHost(string method, string path)
    {
        var response = await _api.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(Event("x1")) });

        await Answers.ProblemAsync(response, 401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(_api.Host.Batches);
    }

    [Theory]
    [InlineData("test-key-0123456789abcdeF")]
    [InlineData("test-key-0123456789abcde")]
    [InlineData("")]
    public async Task Request_WithWrongKey_Answers401(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);

        await Answers.ProblemAsync(await _api.Anonymous.SendAsync(request), 401);
    }

    [Fact]
    public async Task Request_WithBearerKey_IsAccepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };

        await Answers.JsonAsync(await _api.Anonymous.SendAsync(request), 200);
    }

    [Fact]
    public async Task Request_WithTheSecondConfiguredKey_IsAccepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Add("X-Api-Key", OtherKey);

        await Answers.JsonAsync(await _api.Anonymous.SendAsync(request), 200);
    }

    [Fact]
    public async Task Request_WithBearerOfAnotherScheme_Answers401()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Key) } };

        await Answers.ProblemAsync(await _api.Anonymous.SendAsync(request), 401);
    }

    [Fact]
    public async Task Healthz_WithoutKey_Answers200WithATinyBody()
    {
        var answer = await Answers.JsonAsync(await _api.Anonymous.GetAsync("/healthz"), 200);

        Assert.Equal("""{"status":"ok"}""", answer.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task HeadHealthz_WithoutKey_Answers200WithoutABody()
    {
        var response = await _api.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Healthz_WhenTheHostFails_Answers503Problem()
    {
        _api.Host.FailWith = new InvalidOperationException("database is locked");

        await Answers.ProblemAsync(await _api.Anonymous.GetAsync("/healthz"), 503);
    }

    [Fact]
    public async Task Start_WithoutKeys_RefusesAndSaysHowToRunWithoutAuth()
    {
        var options = new HttpApiOptions { Urls = ["http://127.0.0.1:0"] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HttpApi.StartAsync(new RecordingEmbeddedHost(Tokens, Now), options, CancellationToken.None));

        Assert.Contains("--insecure-no-auth", error.Message);
        Assert.Contains("--api-key", error.Message);
    }

    [Fact]
    public async Task Start_WithInsecureNoAuth_ServesWithoutAKeyAndWarns()
    {
        await using var api = await StartAsync(o => o with { ApiKeys = [], InsecureNoAuth = true });

        await Answers.JsonAsync(await api.Anonymous.GetAsync("/status"), 200);
        Assert.Contains(api.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("WITHOUT authentication"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in the middle")]
    public async Task Start_WithAWeakKey_Refuses(string key)
    {
        var options = new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [key], LoggerFactory = NullLoggerFactory.Instance };

        await Assert.ThrowsAsync<InvalidOperationException>(() => HttpApi.StartAsync(new RecordingEmbeddedHost(Tokens, Now), options, CancellationToken.None));
    }
}

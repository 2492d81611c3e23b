using System.Net.Http.Headers;
using NodaTime;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class UnsubscribeEndpointTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Valid(string customerId = "c1", string channel = "email") =>
        Uri.EscapeDataString(Tokens.Create(customerId, channel, Now + Duration.FromDays(30)));

    [Fact]
    public async Task GetUnsubscribe_ValidToken_AnswersAnHtmlPageWithoutAKeyAndUnsubscribes()
    {
        var response = await _api.Anonymous.GetAsync($"/unsubscribe?token={Valid()}&utm_source=newsletter");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You are unsubscribed", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal([("c1", "email")], _api.Host.Unsubscribed);
    }

    [Fact]
    public async Task PostUnsubscribe_OneClickWithValidToken_Unsubscribes()
    {
        var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await _api.Anonymous.PostAsync($"/unsubscribe?token={Valid("c.2/ü", "all")}", body);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([("c.2/ü", "all")], _api.Host.Unsubscribed);
    }

    [Fact]
    public async Task Unsubscribe_ForgedToken_Answers400ProblemAndChangesNothing()
    {
        var token = Tokens.Create("c1", "email", Now + Duration.FromDays(30));
        var other = Tokens.Create("c2", "email", Now + Duration.FromDays(30));
        var forged = other.Split('.')[0] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        var problem = await Answers.ProblemAsync(await _api.Anonymous.PostAsync($"/unsubscribe?token={Uri.EscapeDataString(forged)}", null), 400);

        Assert.Equal("token", (string?)problem["field"]);
        Assert.Empty(_api.Host.Unsubscribed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=abc")]
    [InlineData("?token=a&token=b")]
    public async Task Unsubscribe_MissingOrMalformedToken_Answers400Problem(string query)
    {
        await Answers.ProblemAsync(await _api.Anonymous.GetAsync("/unsubscribe" + query), 400);
    }

    [Fact]
    public async Task Unsubscribe_ExpiredToken_Answers400()
    {
        var expired = Uri.EscapeDataString(Tokens.Create("c1", "email", Now - Duration.FromDays(1)));

        await Answers.ProblemAsync(await _api.Anonymous.GetAsync($"/unsubscribe?token={expired}"), 400);
    }

    [Fact]
    public async Task Unsubscribe_BadTokenFromABrowser_Answers400AsAnHtmlPage()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/unsubscribe?token=abc");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await _api.Anonymous.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("does not work", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unsubscribe_NeverLogsTheToken()
    {
        var token = Valid();
        await _api.Anonymous.GetAsync($"/unsubscribe?token={token}");

        await _api.Log.WaitForLineAsync(l => l.Contains("/unsubscribe") && l.Contains("200"));
        Assert.DoesNotContain(_api.Log.Lines, l => l.Contains(token[..20]) || l.Contains(Uri.UnescapeDataString(token)[..20]));
    }
}

using System.Net;
using Engagement.Local.Http;
using Engagement.Local.Security;

namespace Engagement.Local.Tests.Http;

/// <summary>The dashboard over a real host: the session carries the signing-in key's role; a viewer sees counts only,
/// an operator also the rendered messages, an ingest key cannot sign in.</summary>
public sealed class DashboardRolesTests : IAsyncLifetime, IDisposable
{
    private const string OperatorsOnly = "Rendered messages are shown to operators only.";
    private readonly RoleKeyedApi _server = new();

    private HttpApi Api => _server.Api;

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.StopAsync();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task SignIn_AsViewer_ShowsCountsWithoutRenderedMessages()
    {
        var page = await SignedInPageAsync(EngageRole.Viewer);

        Assert.Contains(OperatorsOnly, page);
        Assert.DoesNotContain("class=\"previews\"", page);
        Assert.Contains("signed in as viewer", page);
    }

    [Theory]
    [InlineData(EngageRole.Operator)]
    [InlineData(EngageRole.Admin)]
    public async Task SignIn_AsOperatorOrAdmin_AlsoShowsRenderedMessages(EngageRole role)
    {
        var page = await SignedInPageAsync(role);

        Assert.Contains("class=\"previews\"", page);
        Assert.DoesNotContain(OperatorsOnly, page);
    }

    [Fact]
    public async Task SignIn_WithAnIngestKey_Answers403AndStartsNoSession()
    {
        using var browser = Browser();

        var response = await browser.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([new("key", RoleKeys.Secrets[EngageRole.Ingest])]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs viewer", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Dashboard_WithAViewerKeyHeader_IsServedWithoutASession()
    {
        using var viewer = RoleKeys.Client(Api.Address, EngageRole.Viewer);

        var response = await viewer.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OperatorsOnly, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = Api.Address };

    private async Task<string> SignedInPageAsync(EngageRole role)
    {
        using var browser = Browser();
        var signIn = await browser.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([new("key", RoleKeys.Secrets[role])]));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        var response = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

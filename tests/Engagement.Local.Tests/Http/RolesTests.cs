using System.Net.Http.Headers;
using System.Text;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class RolesTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync(o => o with { Keys = RoleKeys.Entries });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task IngestKey_ReadingACustomer_Answers403NamingOperator()
    {
        using var ingest = RoleKeys.Client(_api.Api.Address, EngageRole.Ingest);

        var problem = await Answers.ProblemAsync(await ingest.GetAsync("/customers/c1"), 403);

        Assert.Equal("operator", (string?)problem["requiredRole"]);
        Assert.Contains("'ingest-key' has ingest", (string?)problem["detail"]);
        await EventuallyLoggedAsync("GET /customers/{id} 403");
        Assert.Contains(_api.Log.Lines, l => l.Contains("GET /customers/{id} 403", StringComparison.Ordinal) && l.Contains(" key ingest-key trace ", StringComparison.Ordinal));
        Assert.DoesNotContain(RoleKeys.Secrets[EngageRole.Ingest], _api.Log.All);
    }

    [Fact]
    public async Task ViewerKey_ErasingACustomer_Answers403AndErasesNothing()
    {
        using var viewer = RoleKeys.Client(_api.Api.Address, EngageRole.Viewer);

        var problem = await Answers.ProblemAsync(await viewer.DeleteAsync("/customers/c1"), 403);

        Assert.Equal("admin", (string?)problem["requiredRole"]);
        Assert.Empty(_api.Host.Erased);
    }

    [Fact]
    public async Task IngestKey_AsBearer_PostsEvents()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent(Event("b1"), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RoleKeys.Secrets[EngageRole.Ingest]);

        await Answers.JsonAsync(await _api.Anonymous.SendAsync(request), 202);
        Assert.Single(_api.Host.Batches);
    }

    [Fact]
    public async Task IngestKey_AsSegmentWriteKey_PostsToV1AndIsRefusedOnStatus()
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RoleKeys.Secrets[EngageRole.Ingest] + ":")));
        var track = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent("""{"userId":"c1","event":"Order Completed","messageId":"m1","timestamp":"2026-03-01T09:00:00Z"}""", Encoding.UTF8, "application/json"),
            Headers = { Authorization = basic },
        };
        var status = new HttpRequestMessage(HttpMethod.Get, "/status") { Headers = { Authorization = basic } };

        await Answers.JsonAsync(await _api.Anonymous.SendAsync(track), 200);
        await Answers.ProblemAsync(await _api.Anonymous.SendAsync(status), 403);
    }

    [Fact]
    public async Task OperatorKey_CannotPostEvents_OnlyIngestAndAdminCan()
    {
        using var operatorClient = RoleKeys.Client(_api.Api.Address, EngageRole.Operator);

        var problem = await Answers.ProblemAsync(await operatorClient.PostAsync("/events", new StringContent(Event("o1"), Encoding.UTF8, "application/json")), 403);

        Assert.Equal("ingest", (string?)problem["requiredRole"]);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task PlainApiKey_IsAnAdmin_AndMayErase()
    {
        await _api.PostEventsAsync(Event("p1", "customer.registered", "c5"));

        await Answers.JsonAsync(await _api.Client.DeleteAsync("/customers/c5"), 202);
    }

    [Theory]
    [InlineData(EngageRole.Admin, EngageRole.Ingest, true)]
    [InlineData(EngageRole.Admin, EngageRole.Admin, true)]
    [InlineData(EngageRole.Operator, EngageRole.Viewer, true)]
    [InlineData(EngageRole.Operator, EngageRole.Admin, false)]
    [InlineData(EngageRole.Operator, EngageRole.Ingest, false)]
    [InlineData(EngageRole.Viewer, EngageRole.Operator, false)]
    [InlineData(EngageRole.Ingest, EngageRole.Viewer, false)]
    [InlineData(EngageRole.Ingest, EngageRole.Ingest, true)]
    public void Grants_FollowsTheRoleOrder(EngageRole held, EngageRole required, bool granted) =>
        Assert.Equal(granted, held.Grants(required));

    [Fact]
    public async Task Start_WithTwoKeysOfOneName_Refuses()
    {
        var twice = new ApiKeyEntry("crm", EngageRole.Ingest, ApiKeySecrets.Hash("a-secret-0123456789"));
        var options = new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = [twice, twice with { Hash = ApiKeySecrets.Hash("b-secret-0123456789") }] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HttpApi.StartAsync(new RecordingEmbeddedHost(Tokens, Now), options, CancellationToken.None));

        Assert.Contains("'crm'", error.Message);
    }

    [Fact]
    public async Task Start_WithOnlyNamedKeys_ServesWithoutWarningOfNoAuthentication()
    {
        await using var api = await StartAsync(o => o with { ApiKeys = [], Keys = RoleKeys.Entries });
        using var viewer = RoleKeys.Client(api.Api.Address, EngageRole.Viewer);

        await Answers.JsonAsync(await viewer.GetAsync("/status"), 200);
        Assert.DoesNotContain(api.Log.Lines, l => l.Contains("WITHOUT authentication"));
    }

    [Fact]
    public async Task RequireRoles_ARouteWithoutARole_IsRefusedNamingIt()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateEmptyBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.MapGet("/stated", () => "ok").RequireRole(EngageRole.Viewer);
        app.MapGet("/open", () => "ok").AllowAnonymous();
        app.MapGet("/forgotten", () => "oops");

        var error = Assert.Throws<InvalidOperationException>(() => HttpApi.RequireRoles(app));

        Assert.Contains("/forgotten", error.Message);
        Assert.DoesNotContain("/stated", error.Message);
    }

    private async Task EventuallyLoggedAsync(string text)
    {
        // The request line is written after the response is flushed.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!_api.Log.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)) && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }
    }
}

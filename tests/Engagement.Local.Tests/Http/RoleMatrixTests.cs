using System.Text;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Tests.Http;

/// <summary>
/// Every route of the API (read from its real endpoint data source, over a real host so the dashboard is there too) against
/// the table below, and every route × every role as a real request on loopback: allowed, or 403 naming the role needed. A
/// route added without a line here, or without a role, fails.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime, IDisposable
{
    private const string Anonymous = "anonymous";

    /// <summary>The table: "METHOD pattern" → the least role, or anonymous.</summary>
    private static readonly IReadOnlyDictionary<string, string> Table = new Dictionary<string, string>
    {
        ["POST /events"] = "ingest",
        ["OPTIONS /events"] = Anonymous,
        ["POST /v1/batch"] = "ingest",
        ["POST /v1/identify"] = "ingest",
        ["POST /v1/track"] = "ingest",
        ["POST /v1/page"] = "ingest",
        ["POST /v1/screen"] = "ingest",
        ["POST /v1/group"] = "ingest",
        ["POST /v1/alias"] = "ingest",
        ["GET /customers/{id}"] = "operator",
        ["DELETE /customers/{id}"] = "admin",
        ["POST /customers/lookup"] = "operator",
        ["GET /admin/keys"] = "admin",
        ["POST /admin/keys/rotate"] = "admin",
        ["GET /journeys"] = "viewer",
        ["GET /tasks"] = "operator",
        ["GET /outbox"] = "operator",
        ["GET /status"] = "viewer",
        ["GET /metrics"] = "viewer",
        ["GET /healthz"] = Anonymous,
        ["HEAD /healthz"] = Anonymous,
        ["GET /unsubscribe"] = Anonymous,
        ["POST /unsubscribe"] = Anonymous,
        ["GET /dashboard"] = "viewer",
        ["GET /dashboard/data"] = "viewer",
        ["GET /dashboard/sign-in"] = Anonymous,
        ["POST /dashboard/sign-in"] = Anonymous,
        ["POST /dashboard/sign-out"] = Anonymous,
        ["GET /dashboard/app.js"] = Anonymous,
        ["GET /dashboard/app.css"] = Anonymous,
    };

    private readonly RoleKeyedApi _server = new();

    private HttpApi Api => _server.Api;

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.StopAsync();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Routes_OfTheRunningApi_AreExactlyTheTableWithTheirRoles()
    {
        var served = Served().ToDictionary(r => r.Route, r => r.Role);

        Assert.Equal(Table.OrderBy(t => t.Key, StringComparer.Ordinal), served.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRoute_ForEveryRole_IsAllowedOrForbiddenNamingTheRoleNeeded()
    {
        var checkedRequests = 0;
        foreach (var (route, required) in Served())
        {
            foreach (var role in Enum.GetValues<EngageRole>())
            {
                using var client = RoleKeys.Client(Api.Address, role);
                using var response = await client.SendAsync(Request(route));
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{route} as {role.Name()}: {(int)response.StatusCode} {text}";
                var allowed = required == Anonymous || (EngageRoles.TryParse(required, out var needed) && role.Grants(needed));
                if (required == Anonymous)
                {
                    // Anonymous routes never ask for a key (the sign-in form may still refuse the key typed into it).
                    Assert.False((int)response.StatusCode is 401 or 403 && response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
                }
                else if (allowed)
                {
                    Assert.True((int)response.StatusCode is not (401 or 403), what);
                }
                else
                {
                    Assert.True((int)response.StatusCode == 403, what);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    var problem = JObject.Parse(text);
                    Assert.Equal((required, "urn:engagement:problem:forbidden"), ((string?)problem["requiredRole"], (string?)problem["type"]));
                }

                checkedRequests++;
            }
        }

        Assert.Equal(Table.Count * 4, checkedRequests);
    }

    [Fact]
    public async Task EveryRoleProtectedRoute_WithoutAKey_Answers401()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Api.Address };
        foreach (var (route, required) in Served().Where(r => r.Role != Anonymous))
        {
            using var response = await client.SendAsync(Request(route));

            // The dashboard page sends a browser to its sign-in page instead.
            Assert.True((int)response.StatusCode == (route == "GET /dashboard" ? 302 : 401), $"{route}: {(int)response.StatusCode}");
        }
    }

    private IEnumerable<(string Route, string Role)> Served() =>
        from endpoint in Api.Routes
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any)"]
        let role = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Anonymous : endpoint.Metadata.GetMetadata<RequiredRole>()?.Role.Name() ?? "(none)"
        select ($"{method} {endpoint.RoutePattern.RawText}", role);

    private static HttpRequestMessage Request(string route)
    {
        var (method, pattern) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{id}", "c-matrix", StringComparison.Ordinal));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}

using System.Net;
using System.Text;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Engagement.Local.Tests.Hosting;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Tests.Http;

/// <summary><c>POST /customers/lookup</c> over a real host with a key file: found by the blind index, and a bad body is a 400 problem.</summary>
public sealed class ContactLookupEndpointTests : IDisposable
{
    private const string Key = "lookup-test-key-0123456789";
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("""{"email":"a@b.example","phone":"+1"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"email":""}""")]
    [InlineData("""{"email":1}""")]
    [InlineData("""{"name":"Ann"}""")]
    [InlineData("""not json""")]
    public async Task Lookup_BodyWithoutExactlyOneContact_Is400InvalidBody(string body)
    {
        await using var host = EmbeddedHost.Open(new EmbeddedHostOptions { DatabasePath = _files.Db, Keys = KeyFile.CreateNew(Path.Combine(_files.Root, "keys.json")) }, TestJourneys.Write(_files.Root));
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [Key] }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = api.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var answer = await http.PostAsync("/customers/lookup", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.EndsWith("invalid-body", (string?)JObject.Parse(await answer.Content.ReadAsStringAsync())["type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ByPhoneWrittenDifferently_FindsTheCustomerAndAnUnknownOneFindsNone()
    {
        await using var host = EmbeddedHost.Open(new EmbeddedHostOptions { DatabasePath = _files.Db, IdlePoll = TimeSpan.FromMilliseconds(10), Keys = KeyFile.CreateNew(Path.Combine(_files.Root, "keys.json")) }, TestJourneys.Write(_files.Root));
        await host.StartAsync(CancellationToken.None);
        await host.IngestProfilesAsync(["""{"customerId":"c-9","phone":"+8613800000009","locale":"zh-CN","timezone":"Asia/Shanghai"}"""], "test", CancellationToken.None);
        await HostHarness.IdleAsync(host);
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [Key] }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = api.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var found = JObject.Parse(await (await http.PostAsync("/customers/lookup", new StringContent("""{"phone":"+86 138 0000 0009"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
        var none = JObject.Parse(await (await http.PostAsync("/customers/lookup", new StringContent("""{"phone":"+8613800000008"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());

        Assert.Equal(["c-9"], found["customerIds"]!.Select(t => (string)t!));
        Assert.Empty((JArray)none["customerIds"]!);
    }
}

using System.Text;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

/// <summary><c>POST /events</c> with CloudEvents in structured, batched and binary mode, over the recording host.</summary>
public sealed class CloudEventsEndpointTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync(o => o with
    {
        Integrations = new() { CloudEvents = new() { TypePrefixes = ["com.shop."] } },
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Ce(string id, string customer = "c1", string type = "com.shop.order.placed") =>
        $$$"""{"specversion":"1.0","type":"{{{type}}}","source":"/crm","id":"{{{id}}}","customerid":"{{{customer}}}","time":"2026-03-01T09:00:00Z","data":{"amount":12}}""";

    [Fact]
    public async Task Structured_OneCloudEvent_IsAcceptedAsTheMappedEngineEvent()
    {
        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(Ce("1"), "application/cloudevents+json; charset=utf-8"), 202);

        Assert.Equal(1, (int)answer["accepted"]!);
        var (e, source) = Assert.Single(_api.Host.InboundAccepted);
        Assert.Equal(("order.placed", "c1", "cloudevents", 12.0), (e.Type, e.CustomerId, source, e.Data["amount"].AsNumber()));
        Assert.Contains(_api.Log.Lines, l => l.Contains("POST /events 202", StringComparison.Ordinal) && l.Contains("elements=1 accepted=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Structured_SameEventAgain_IsADuplicate()
    {
        await _api.PostEventsAsync(Ce("1"), "application/cloudevents+json");

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(Ce("1"), "application/cloudevents+json"), 202);

        Assert.Equal((0, 1), ((int)answer["accepted"]!, (int)answer["duplicates"]!));
    }

    [Fact]
    public async Task Batch_WithOneBadEvent_Answers202AndNamesIt()
    {
        var body = $"[{Ce("1")},{Ce("2", customer: "")}]";

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(body, "application/cloudevents-batch+json"), 202);

        Assert.Equal(1, (int)answer["accepted"]!);
        var rejected = Assert.Single(answer["rejected"]!);
        Assert.Equal((2, "customerid", "2"), ((int)rejected["line"]!, (string?)rejected["field"], (string?)rejected["eventId"]));
        Assert.Single(_api.Host.InboundRejected, r => r.Source == "cloudevents" && r.Item.Id == "2");
    }

    [Fact]
    public async Task Batch_EveryEventBad_Answers400AndStillKeepsThem()
    {
        var body = $"[{Ce("1", customer: "")},{{\"specversion\":\"1.0\"}}]";

        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync(body, "application/cloudevents-batch+json"), 400);

        Assert.Equal("urn:engagement:problem:rejected", (string?)problem["type"]);
        Assert.Equal(2, problem["errors"]!.Count());
        Assert.Equal(2, _api.Host.InboundRejected.Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("[1,")]
    public async Task Batch_Unusable_Answers400InvalidBody(string body)
    {
        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync(body, "application/cloudevents-batch+json"), 400);

        Assert.Equal("urn:engagement:problem:invalid-body", (string?)problem["type"]);
        Assert.Empty(_api.Host.InboundRejected);
    }

    [Fact]
    public async Task Binary_CeHeaders_AreReadAsTheAttributes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent("{\"amount\":3}", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in new[] { ("ce-specversion", "1.0"), ("ce-type", "com.shop.order.placed"), ("ce-source", "/crm"), ("ce-id", "b1"), ("ce-subject", "c9") })
        {
            request.Headers.Add(name, value);
        }

        var answer = await Answers.JsonAsync(await _api.Client.SendAsync(request), 202);

        Assert.Equal(1, (int)answer["accepted"]!);
        var (e, _) = Assert.Single(_api.Host.InboundAccepted);
        Assert.Equal(("order.placed", "c9", 3.0), (e.Type, e.CustomerId, e.Data["amount"].AsNumber()));
    }

    [Fact]
    public async Task PlainJson_WithoutCloudEventsMarks_StillTakesTheEngineFormat()
    {
        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(Event("e1")), 202);

        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Single(_api.Host.Batches);
    }
}

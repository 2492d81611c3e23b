using System.Net.Http.Headers;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class EventsEndpointTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task PostEvents_OneJsonEvent_Answers202WithOneAccepted()
    {
        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(Event("e1")), 202);

        Assert.Equal((1, 0, 0), ((int)answer["accepted"]!, (int)answer["duplicates"]!, answer["rejected"]!.Count()));
        Assert.Equal("http", _api.Host.Batches.Single().Source);
    }

    [Fact]
    public async Task PostEvents_JsonArrayWithABadElement_NumbersLinesByPositionInTheArray()
    {
        var body = $"[\n  {Event("a1")},\n  {Event("a2", time: "yesterday")},\n  {Event("a3")}\n]";

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(body), 202);

        Assert.Equal(2, (int)answer["accepted"]!);
        var error = Assert.Single(answer["rejected"]!);
        Assert.Equal((2, "time", "a2"), ((int)error["line"]!, (string?)error["field"], (string?)error["eventId"]));
        Assert.Contains("not an instant", (string?)error["reason"]);
    }

    [Fact]
    public async Task PostEvents_PrettyPrintedArray_HandsTheHostOneCompactLinePerEvent()
    {
        var body = "[\n{\n \"id\": \"p1\",\n \"type\": \"order.placed\",\n \"customerId\": \"c1\",\n \"time\": \"2026-03-01T09:00:00Z\",\n \"data\": {\"amount\": 12.50, \"note\": \"好\"}\n}\n]";

        await Answers.JsonAsync(await _api.PostEventsAsync(body), 202);

        var line = Assert.Single(_api.Host.Batches.Single().Lines);
        Assert.Equal("""{"id":"p1","type":"order.placed","customerId":"c1","time":"2026-03-01T09:00:00Z","data":{"amount":12.50,"note":"好"}}""", line);
    }

    [Fact]
    public async Task PostEvents_NdjsonWithOneBadLine_Answers202WithTheLineError()
    {
        var body = $"{Event("n1")}\n{Event("n2", time: "2026-13-01T00:00:00Z")}\r\n\n{Event("n3")}\n";

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(body, "application/x-ndjson"), 202);

        Assert.Equal((2, 0), ((int)answer["accepted"]!, (int)answer["duplicates"]!));
        var error = Assert.Single(answer["rejected"]!);
        Assert.Equal((2, "time", "n2"), ((int)error["line"]!, (string?)error["field"], (string?)error["eventId"]));
    }

    [Fact]
    public async Task PostEvents_NdjsonWithoutContentType_IsReadLineByLine()
    {
        var body = $"{Event("u1")}\n{{\"id\":\"u2\",\"type\":\"x\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\",\"colour\":\"red\"}}\n";

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync(body, contentType: null), 202);

        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal((2, "colour"), ((int)answer["rejected"]![0]!["line"]!, (string?)answer["rejected"]![0]!["field"]));
    }

    [Fact]
    public async Task PostEvents_SameIdTwice_CountsADuplicateAndChangesNothing()
    {
        await _api.PostEventsAsync(Event("d1"));

        var answer = await Answers.JsonAsync(await _api.PostEventsAsync($"[{Event("d1")},{Event("d2")}]"), 202);

        Assert.Equal((1, 1, 0), ((int)answer["accepted"]!, (int)answer["duplicates"]!, answer["rejected"]!.Count()));
    }

    [Fact]
    public async Task PostEvents_OneMalformedLine_IsHandedToTheHostWhichRejectsAndKeepsIt()
    {
        var answer = await Answers.JsonAsync(await _api.PostEventsAsync("""{"id":"m1","type":"""), 202);

        var error = Assert.Single(answer["rejected"]!);
        Assert.Equal(1, (int)error["line"]!);
        Assert.Null(error["field"]);
        Assert.Contains("malformed JSON", (string?)error["reason"]);
        Assert.Single(_api.Host.Batches);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \n\r\n\t ", "empty")]
    [InlineData("[]", "no events")]
    public async Task PostEvents_NothingToRead_Answers400Problem(string body, string detail)
    {
        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync(body), 400);

        Assert.Contains(detail, (string?)problem["detail"]);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task PostEvents_UnicodeWhiteSpaceOnly_Answers400Empty()
    {
        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync("\u00A0\u2003\n\u3000", "application/x-ndjson"), 400);

        Assert.Contains("empty", (string?)problem["detail"]);
        Assert.Empty(_api.Host.Batches);
    }

    [Fact]
    public async Task PostEvents_NdjsonWithByteOrderMarkAndCrLf_HandsTheHostEachLineAsSent()
    {
        var body = "\uFEFF" + Event("m1", data: "{\"note\":\"caf\u00E9 \u597D\"}") + "\r\n" + Event("m2") + "\r\n\n" + Event("m3");

        await Answers.JsonAsync(await _api.PostEventsAsync(body, "application/x-ndjson"), 202);

        Assert.Equal([Event("m1", data: "{\"note\":\"caf\u00E9 \u597D\"}"), Event("m2"), "", Event("m3")], _api.Host.Batches.Single().Lines);
    }

    [Fact]
    public async Task PostEvents_LargeArrayThenASmallOne_EachBatchHoldsExactlyItsOwnEvents()
    {
        var many = Enumerable.Range(0, 1_500).Select(i => Event("big" + i, customerId: "c" + i)).ToList();
        await Answers.JsonAsync(await _api.PostEventsAsync("[" + string.Join(",\n", many) + "]"), 202);

        await Answers.JsonAsync(await _api.PostEventsAsync("[" + Event("small") + "]"), 202);

        Assert.Equal(many, _api.Host.Batches[0].Lines);
        Assert.Equal([Event("small")], _api.Host.Batches[1].Lines);
    }

    [Fact]
    public async Task PostEvents_PrettyPrintedBrokenJson_Answers400ProblemWithTheLine()
    {
        var body = "{\n  \"id\": \"b1\",\n  \"type\" \"order.placed\"\n}";

        var problem = await Answers.ProblemAsync(await _api.PostEventsAsync(body), 400);

        Assert.Equal(3, (int?)problem["line"]);
        Assert.Contains("application/x-ndjson", (string?)problem["detail"]);
    }

    [Fact]
    public async Task PostEvents_InvalidUtf8_Answers400ProblemNamingTheLine()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Event("i1") + "\n" + Event("i2")).ToList();
        bytes.Insert(bytes.Count - 10, 0xC3); // a lead byte without its continuation, on line 2
        var content = new ByteArrayContent([.. bytes]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } };

        var problem = await Answers.ProblemAsync(await _api.Client.PostAsync("/events", content), 400);

        Assert.Equal(2, (int?)problem["line"]);
        Assert.Contains("UTF-8", (string?)problem["detail"]);
    }

    [Fact]
    public async Task PostEvents_CompressedBody_Answers415Problem()
    {
        var content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00]) { Headers = { ContentEncoding = { "gzip" } } };

        var problem = await Answers.ProblemAsync(await _api.Client.PostAsync("/events", content), 415);

        Assert.Contains("gzip", (string?)problem["detail"]);
    }

    [Fact]
    public async Task PostEvents_AUnknownQueryParameter_Answers400ProblemNamingIt()
    {
        var response = await _api.Client.PostAsync("/events?dryRun=true", new StringContent(Event("q1")));

        var problem = await Answers.ProblemAsync(response, 400);
        Assert.Equal("dryRun", (string?)problem["field"]);
    }

    [Fact]
    public async Task PostEvents_RegistrationThenGetCustomer_ShowsTheProfile()
    {
        await _api.PostEventsAsync(Event("r1", "customer.registered", "c42", data: """{"email":"c42@example.com","locale":"zh-CN"}"""));

        var customer = await Answers.JsonAsync(await _api.Client.GetAsync("/customers/c42"), 200);

        Assert.Equal(("c42", "c42@example.com", "zh-CN"),
            ((string?)customer["profile"]!["customerId"], (string?)customer["profile"]!["email"], (string?)customer["profile"]!["locale"]));
        Assert.Empty(customer["enrollments"]!);
    }
}

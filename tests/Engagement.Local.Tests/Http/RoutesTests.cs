using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Tasks;
using Engagement.Local.Hosting;
using NodaTime;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

public class RoutesTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GetCustomer_Known_AnswersTheProfileWithItsConsentHistory()
    {
        await _api.PostEventsAsync($"[{Event("k1", "customer.registered", "c7", data: """{"email":"c7@example.com"}""")},"
            + $"{Event("k2", "consent.granted", "c7", time: "2026-03-02T10:00:00Z", data: """{"channel":"email","source":"form"}""")}]");

        var customer = await Answers.JsonAsync(await _api.Client.GetAsync("/customers/c7"), 200);

        var consent = Assert.Single(customer["profile"]!["consents"]!);
        Assert.Equal(("email", "2026-03-02T10:00:00Z"), ((string?)consent["channel"], (string?)consent["at"]));
    }

    [Theory]
    [InlineData("c%2F1%20%C3%BC")]
    [InlineData("c%2f1%20ü")]
    public async Task GetCustomer_IdWithEscapedSlashAndSpace_FindsTheCustomer(string escaped)
    {
        await _api.PostEventsAsync(Event("s1", "customer.registered", "c/1 ü"));

        var customer = await Answers.JsonAsync(await _api.Client.GetAsync("/customers/" + escaped), 200);

        Assert.Equal("c/1 ü", (string?)customer["profile"]!["customerId"]);
    }

    [Fact]
    public async Task GetCustomer_Unknown_Answers404Problem()
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync("/customers/nobody"), 404);

        Assert.Equal("id", (string?)problem["field"]);
    }

    [Fact]
    public async Task DeleteCustomer_Known_Answers202AndQueuesTheErasure()
    {
        await _api.PostEventsAsync(Event("del1", "customer.registered", "c9"));

        var answer = await Answers.JsonAsync(await _api.Client.DeleteAsync("/customers/c9"), 202);

        Assert.Equal(("c9", "queued"), ((string?)answer["customerId"], (string?)answer["erasure"]));
        Assert.Equal(["c9"], _api.Host.Erased);
        await Answers.ProblemAsync(await _api.Client.DeleteAsync("/customers/c9"), 404);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/customers")]
    [InlineData("/customers/c1/extra")]
    [InlineData("/favicon.ico")]
    public async Task UnknownRoute_Answers404Problem(string path)
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync(path), 404);

        Assert.Contains(path, (string?)problem["detail"]);
    }

    [Fact]
    public async Task WrongMethod_Answers405ProblemNamingTheAllowedOne()
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync("/events"), 405);

        Assert.Contains("POST", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetJourneys_AnswersVersionsAndCountsPerStep()
    {
        _api.Host.Journeys.Add(new JourneyReport("welcome", 2, "Welcome", 10, 4, 1, 3,
            [new StepReport("hello", 0, new Dictionary<string, long> { ["sent"] = 9, ["suppressed"] = 1 }), new StepReport("wait-buy", 4, new Dictionary<string, long>())]));

        var answer = await Answers.JsonAsync(await _api.Client.GetAsync("/journeys"), 200);

        var journey = Assert.Single(answer["journeys"]!);
        Assert.Equal(("welcome", 2, 4), ((string?)journey["id"], (int)journey["version"]!, (int)journey["steps"]![1]!["waiting"]!));
        Assert.Equal(9, (long)journey["steps"]![0]!["counts"]!["sent"]!);
    }

    [Fact]
    public async Task GetTasks_PassesTheFiltersToTheHost()
    {
        _api.Host.Tasks.Add(new TaskView(new HumanTask
        {
            TaskKey = "k", CustomerId = "c1", Journey = "complaint-recovery", Step = "call", Queue = "care", Title = "Call", Priority = "high",
            CreatedAt = Now, Due = Now + Duration.FromDays(1),
        }, false));

        var answer = await Answers.JsonAsync(await _api.Client.GetAsync("/tasks?queue=care&customerId=c1&limit=5"), 200);

        Assert.Equal(new TaskQuery("care", "c1", 5), _api.Host.TaskQueries.Single());
        Assert.Equal("2026-03-05T12:00:00Z", (string?)answer["tasks"]![0]!["task"]!["due"]);
    }

    [Fact]
    public async Task GetOutbox_PagesWithAfterAndSaysWhereToContinue()
    {
        for (var i = 1; i <= 3; i++)
        {
            _api.Host.Outbox.Add(new OutboxEntry(i, new OutboundMessage
            {
                LedgerKey = $"e/s/{i}", Channel = "email", CustomerId = "c1", To = "c1@example.com", Body = "Hi", Journey = "welcome", Step = "hello",
                Template = "welcome", Locale = "en", Headers = ImmutableSortedDictionary<string, string>.Empty,
            }, Now, "outbox", "delivered", 1, null, Now));
        }

        var answer = await Answers.JsonAsync(await _api.Client.GetAsync("/outbox?after=1&limit=1&channel=email"), 200);

        Assert.Equal(new OutboxQuery(1, 1, null, "email"), _api.Host.OutboxQueries.Single());
        Assert.Equal(2, (long)answer["messages"]!.Single()["sequence"]!);
        Assert.Equal(2, (long)answer["nextAfter"]!);
    }

    [Fact]
    public async Task GetOutbox_DefaultsToTheStartAndAHundred()
    {
        var answer = await Answers.JsonAsync(await _api.Client.GetAsync("/outbox"), 200);

        Assert.Equal(new OutboxQuery(0, 100, null, null), _api.Host.OutboxQueries.Single());
        Assert.Equal(0, (long)answer["nextAfter"]!);
    }

    [Theory]
    [InlineData("/tasks?limit=0", "limit", "limit: expected a whole number from 1 to 1000")]
    [InlineData("/tasks?limit=1001", "limit", "limit: expected a whole number from 1 to 1000")]
    [InlineData("/tasks?limit=ten", "limit", "limit: expected a whole number from 1 to 1000")]
    [InlineData("/tasks?limit=", "limit", "limit: expected a whole number from 1 to 1000")]
    [InlineData("/tasks?limit=1&limit=2", "limit", "limit: given more than once")]
    [InlineData("/tasks?queue=", "queue", "queue: expected text of 1 to 256 characters")]
    [InlineData("/tasks?limt=5", "limt", "limt: unknown query parameter: expected queue, customerId, limit")]
    [InlineData("/outbox?after=-1", "after", "after: expected a whole number from 0")]
    [InlineData("/outbox?after=1.5", "after", "after: expected a whole number from 0")]
    [InlineData("/outbox?channel=fax", "channel", "channel: expected one of email, sms, push")]
    [InlineData("/journeys?x=1", "x", "x: unknown query parameter: this route takes none")]
    public async Task Query_WithABadParameter_Answers400ProblemNamingIt(string path, string field, string detail)
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync(path), 400);

        Assert.Equal(field, (string?)problem["field"]);
        Assert.StartsWith(detail, (string?)problem["detail"]);
        Assert.Equal(field, (string?)problem["errors"]![0]!["field"]);
        Assert.Empty(_api.Host.TaskQueries);
    }

    [Fact]
    public async Task Query_WithSeveralBadParameters_ListsEveryOne()
    {
        var problem = await Answers.ProblemAsync(await _api.Client.GetAsync("/outbox?limit=0&channel=fax"), 400);

        Assert.Equal(["limit", "channel"], problem["errors"]!.Select(e => (string?)e["field"]));
    }

    [Fact]
    public async Task GetStatus_AnswersQueueDepthsWithInstantsAsText()
    {
        var status = await Answers.JsonAsync(await _api.Client.GetAsync("/status"), 200);

        Assert.Equal("2026-03-04T13:00:00Z", (string?)status["nextTimerAt"]);
        Assert.Equal(0, (long)status["pendingEvents"]!);
    }

    [Fact]
    public async Task HostThrows_Answers500ProblemWithATraceIdAndNoInternals_AndKeepsServing()
    {
        _api.Host.FailWith = new InvalidOperationException("SQLite Error 5: 'database is locked' at /var/lib/engage/engage.db");

        var response = await _api.Client.GetAsync("/journeys");
        var problem = await Answers.ProblemAsync(response, 500);

        Assert.DoesNotContain("SQLite", problem.ToString());
        Assert.DoesNotContain("InvalidOperation", problem.ToString());
        Assert.Contains(_api.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains((string)problem["traceId"]!));
        _api.Host.FailWith = null;
        await Answers.JsonAsync(await _api.Client.GetAsync("/journeys"), 200);
    }
}

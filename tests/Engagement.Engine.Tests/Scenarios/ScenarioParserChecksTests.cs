using Engagement.Engine.Scenarios;

namespace Engagement.Engine.Tests.Scenarios;

public sealed class ScenarioParserChecksTests
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "welcome", "birthday" };

    private const string Suite = """
        {
          "journeys": ["welcom"],
          "scenarios": [ {
            "name": "n",
            "untill": "2027-01-01T00:00:00Z",
            "holdout": { "w1": false, "w9": true },
            "events": [ { "id": "r1", "type": "customer.registered", "customerId": "w1", "time": "2026-01-05T10:00:00Z", "data": {} } ],
            "expect": [ { "kind": "sent", "journey": "birthdya" } ]
          } ]
        }
        """;

    [Fact]
    public void TryParse_MisspeltFieldUnknownJourneysAndAStrangerInHoldout_ReportsEachAtItsLine()
    {
        Assert.False(ScenarioParser.TryParse("s.json", Suite, Known, out _, out var problems));

        Assert.Contains(problems, p => p.Code == "SCN008" && p.Location.Line == 5 && p.Message.Contains("did you mean 'until'?"));
        Assert.Contains(problems, p => p.Code == "SCN009" && p.Location.Line == 2 && p.Message.Contains("did you mean 'welcome'?"));
        Assert.Contains(problems, p => p.Code == "SCN009" && p.Location.Line == 8 && p.Message.Contains("did you mean 'birthday'?"));
        Assert.Contains(problems, p => p.Code == "SCN010" && p.Location.Line == 6 && p.Message.Contains("'w9'"));
    }

    [Fact]
    public void TryParse_HoldoutOfAScenarioCustomer_IsKept()
    {
        var text = Suite.Replace("welcom\"", "welcome\"", StringComparison.Ordinal).Replace("\"untill\"", "\"until\"", StringComparison.Ordinal)
            .Replace(", \"w9\": true", string.Empty, StringComparison.Ordinal).Replace("birthdya", "birthday", StringComparison.Ordinal);

        Assert.True(ScenarioParser.TryParse("s.json", text, Known, out var suite, out var problems), string.Join('\n', problems));
        Assert.False(suite!.Scenarios[0].Holdout["w1"]);
    }
}

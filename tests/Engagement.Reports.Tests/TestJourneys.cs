using System.Globalization;

namespace Engagement.Reports.Tests;

/// <summary>A small A/B journey with a holdout, a wait, a waitForEvent and a branch, and customers to run through it.</summary>
internal static class TestJourneys
{
    public const string AbJourney = """
        {
          "id": "ab", "version": 1, "name": "A/B <test>", "category": "transactional",
          "trigger": { "event": "go" }, "reentry": "never", "holdout": 20,
          "goal": { "event": "buy", "within": "P30D" },
          "start": "pick",
          "steps": {
            "pick": { "type": "split", "variants": [ { "name": "a", "weight": 50, "next": "sms" }, { "name": "b", "weight": 50, "next": "gold" } ] },
            "sms": { "type": "send", "channel": "sms", "template": "t1", "next": "pause" },
            "pause": { "type": "wait", "duration": "P1D", "next": "await-buy" },
            "await-buy": { "type": "waitForEvent", "event": "buy", "timeout": "P7D", "next": "bought", "onTimeout": "none" },
            "gold": { "type": "branch", "cases": [ { "when": "profile.tier == 'Gold'", "next": "mail" } ], "otherwise": "none" },
            "mail": { "type": "send", "channel": "email", "template": "t2", "next": "none" },
            "bought": { "type": "exit", "reason": "bought" },
            "none": { "type": "exit", "reason": "none" }
          }
        }
        """;

    public static JourneyDirectory Directory() => new(
        ("ab.json", AbJourney),
        ("templates/t1.sms.en.liquid", "Hello {{ profile.tier }} member"),
        ("templates/t2.email.en.liquid", "---\nsubject: Hi\n---\n<p>Gold offer</p>"));

    public static IEnumerable<string> Profiles(int n) => Enumerable.Range(1, n).Select(i =>
        $$$"""{"customerId":"c{{{i:D3}}}","email":"c{{{i:D3}}}@example.com","phone":"+86138000{{{i:D5}}}","locale":"en","timezone":"UTC","channels":["sms","email"],"consents":{"email":{"marketing":true,"transactional":true,"at":"2025-12-01T00:00:00Z","source":"t"},"sms":{"marketing":true,"transactional":true,"at":"2025-12-01T00:00:00Z","source":"t"}},"attributes":{"tier":"{{{(i % 2 == 0 ? "Gold" : "Silver")}}}"}}""");

    /// <summary>Everyone gets <c>go</c> on 5 January at noon; every third customer buys two days later.</summary>
    public static IEnumerable<string> Events(int n) => Enumerable.Range(1, n).SelectMany(i =>
    {
        var lines = new List<string> { $$"""{"id":"go-{{i}}","type":"go","customerId":"c{{i:D3}}","time":"2026-01-05T12:00:00Z"}""" };
        if (i % 3 == 0)
        {
            lines.Add($$"""{"id":"buy-{{i}}","type":"buy","customerId":"c{{i:D3}}","time":"2026-01-07T13:00:00Z"}""");
        }

        return lines;
    }).OrderBy(l => l.Contains("\"buy\"", StringComparison.Ordinal)).ToList();
}

using Engagement.Engine.Catalog;

namespace Engagement.Local.Tests.Hosting;

/// <summary>
/// A small journeys directory written for a test: <c>nudge</c> (transactional, so consent and caps do not interfere) sends an
/// email on registration, waits a day, sends another and exits; <c>care</c> opens a task when a complaint arrives.
/// </summary>
internal static class TestJourneys
{
    public static JourneyCatalog Write(string root, int maxAttempts = 3)
    {
        var dir = Path.Combine(root, "journeys");
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        File.WriteAllText(Path.Combine(dir, "nudge.json"), """
            {
              "id": "nudge", "version": 1, "name": "Nudge", "category": "transactional",
              "trigger": { "event": "customer.registered" }, "reentry": "never", "holdout": 0,
              "start": "hello",
              "steps": {
                "hello": { "type": "send", "channel": "email", "template": "hello", "next": "wait" },
                "wait": { "type": "wait", "duration": "P1D", "next": "again" },
                "again": { "type": "send", "channel": "email", "template": "hello", "next": "done" },
                "done": { "type": "exit" }
              }
            }
            """);
        File.WriteAllText(Path.Combine(dir, "care.json"), """
            {
              "id": "care", "version": 1, "name": "Care", "category": "transactional",
              "trigger": { "event": "complaint.opened" }, "reentry": "always", "holdout": 0,
              "start": "call",
              "steps": {
                "call": { "type": "task", "queue": "care", "title": "Call {{ profile.customerId }}", "priority": "high", "due": "PT4H", "next": "done" },
                "done": { "type": "exit" }
              }
            }
            """);
        File.WriteAllText(Path.Combine(dir, "templates", "hello.email.en.liquid"), "---\nsubject: Hello\n---\nHello {{ profile.customerId }}");
        File.WriteAllText(Path.Combine(dir, "policies.json"), $$"""
            { "retry": { "maxAttempts": {{maxAttempts}}, "baseDelay": "PT10S", "maxDelay": "PT1M" } }
            """);
        var catalog = JourneyCatalog.Load(dir, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }

    public static string Registered(string id, string customer, string time) =>
        "{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"customerId\":\"" + customer + "\",\"time\":\"" + time
        + "\",\"data\":{\"email\":\"" + customer + "@example.com\",\"locale\":\"en\",\"timezone\":\"Europe/London\"}}";
}

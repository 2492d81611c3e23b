using System.Globalization;
using System.Text;
using Engagement.Engine.Catalog;
using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>
/// What one enrollment of every shipped journey costs under Durable: activities, profile loads, timers and history per
/// generation, with the production <see cref="JourneyOrchestrationOptions.Default"/>. The table in
/// docs/orchestration-costs.md is this test's output, so it cannot rot: run with ENGAGE_UPDATE_DOCS=1 to rewrite it.
/// </summary>
public sealed class OrchestrationCostReportTests
{
    private const string Begin = "<!-- orchestration-costs:begin -->";
    private const string End = "<!-- orchestration-costs:end -->";
    private static readonly JourneyCatalog Catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out _);
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly Duration Horizon = Duration.FromDays(1830);

    private static readonly ProfileSnapshot Profile = new("c1", ValueJson.Parse("""
        { "customerId": "c1", "timezone": "Asia/Shanghai", "locale": "zh-CN", "birthday": "1990-03-20", "tier": "Gold", "orderCount": 1,
          "points": 500, "pointsExpireOn": "2026-06-30", "valueSegment": "high", "lifecycleStage": "active", "hasEmail": true, "hasPhone": true }
        """));

    [Fact]
    public void CostReport_EveryJourney_MeetsTheActivityBudgetAndMatchesTheDocs()
    {
        var rows = Catalog.Latest.OrderBy(j => j.Id, StringComparer.Ordinal).Select(Measure).ToList();

        foreach (var row in rows)
        {
            // The budget: one ApplyEffects per Advance that has side effects (a send, task, profile update or emitted event),
            // one more for the exit, and one LoadProfile per decision that needs the profile.
            Assert.True(row.Applies <= row.SideEffectAdvances + 1, $"{row.Journey}: {row.Applies} ApplyEffects for {row.SideEffectAdvances} advances with side effects");
            // History: per advance at most a profile load, an effects activity, a timer and an event wait, each scheduled and
            // completed (8 entries), and ContinueAsNew caps the advances per generation.
            Assert.True(row.MaxHistory <= 8 * JourneyOrchestrationOptions.Default.ContinueAsNewEvery, $"{row.Journey}: history {row.MaxHistory} per generation");
        }

        var table = Render(rows);
        var path = Path.Combine(RepositoryFiles.Root, "docs", "orchestration-costs.md");
        var doc = File.ReadAllText(path);
        var begin = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{path}: the markers {Begin} and {End} are missing");
        var current = doc[(begin + Begin.Length)..end].Trim();
        if (current != table.Trim() && Environment.GetEnvironmentVariable("ENGAGE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..(begin + Begin.Length)] + "\n" + table + doc[end..]);
            return;
        }

        Assert.True(current == table.Trim(), $"{path} is out of date (run the test with ENGAGE_UPDATE_DOCS=1). Expected:\n{table}");
    }

    private static CostRow Measure(Journeys.Definitions.JourneyDefinition definition)
    {
        var trigger = new CustomerEvent("t1", definition.Trigger.Event, "c1", Start, ValueJson.Parse("""
            { "complaintId": "cmp-1", "severity": "urgent", "stage": "churned", "score": 0.9, "to": "Gold", "orderId": "o-1", "amount": 100 }
            """));
        var sends = 0;
        var sideEffectBatches = 0;
        var loads = 0;
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => Catalog.Get(id, v)), (command, _) =>
        {
            if (command.Name == JourneyActivities.LoadProfile)
            {
                loads++;
                return Profile;
            }

            var effects = ((EffectBatch)command.Input!).Effects;
            sends += effects.Count(e => e is SendMessage);
            sideEffectBatches += effects.Any(e => e is SendMessage or CreateTask or UpdateProfile or EmitEvent) ? 1 : 0;
            return true;
        }, [(Start + Duration.FromHours(30), new CustomerEvent("t2", "complaint.resolved", "c1", Start + Duration.FromHours(30), ValueJson.Parse("""{ "complaintId": "cmp-1" }""")))]);

        var state = EnrollmentState.Create(definition.Id, definition.Version, "c1", "c1");
        var report = harness.Run(JourneyOrchestrationInput.Start(state, new EnrollmentStarted(Start, null, trigger)), Start, Start + Horizon);
        return new CostRow(definition.Id, sends, sideEffectBatches, report.Activities.Count(a => a == JourneyActivities.ApplyEffects), loads,
            report.TimersFired, report.EventsDelivered, report.Generations + 1, report.MaxHistory, report.Final?.ExitReason ?? "still waiting");
    }

    private static string Render(IEnumerable<CostRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| journey | messages | ApplyEffects | LoadProfile | timers fired | events | generations | max history per generation | ends |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Journey} | {r.Sends} | {r.Applies} | {r.Loads} | {r.Timers} | {r.Events} | {r.Generations} | {r.MaxHistory} | {r.Ends} |"));
        }

        return text.ToString();
    }

    private sealed record CostRow(string Journey, int Sends, int SideEffectAdvances, int Applies, int Loads, int Timers, int Events, int Generations, int MaxHistory, string Ends);
}

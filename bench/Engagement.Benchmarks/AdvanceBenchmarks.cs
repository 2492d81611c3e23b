using BenchmarkDotNet.Attributes;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Benchmarks;

/// <summary>
/// The pure core's cost per <c>Advance</c> on the shipped journeys: a timer that sends and waits again, an event that does not
/// concern the enrollment (the common routing case), and an entry that runs several steps. Target: at least 1,000,000
/// Advance calls per second per core, i.e. at most 1,000 ns each.
/// </summary>
[MemoryDiagnoser]
public class AdvanceBenchmarks
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private JourneyDefinition _welcome = null!;
    private JourneyDefinition _lifecycle = null!;
    private ProfileSnapshot _profile = null!;
    private EnrollmentState _waiting = null!;
    private TimerFired _timer = null!;
    private EventArrived _unrelated = null!;
    private EnrollmentStarted _start = null!;
    private EnrollmentState _fresh = null!;

    [GlobalSetup]
    public void Setup()
    {
        var journeys = Path.Combine(FindRoot(), "journeys");
        _welcome = Parse(Path.Combine(journeys, "welcome.json"));
        _lifecycle = Parse(Path.Combine(journeys, "lifecycle.json"));
        _profile = new ProfileSnapshot("c1", ValueJson.Parse("""{ "customerId": "c1", "timezone": "Asia/Shanghai", "orderCount": 1, "lifecycleStage": "new" }"""));
        var trigger = new CustomerEvent("e1", "customer.registered", "c1", T0, Value.EmptyObject);
        _fresh = EnrollmentState.Create("welcome", 1, "c1", "c1");
        _start = new EnrollmentStarted(T0, _profile, trigger);
        var started = JourneyInterpreter.Advance(_welcome, _fresh, _start);
        _waiting = started.State;
        _timer = new TimerFired(_waiting.WakeAt!.Value, _profile, _waiting.WakeAt!.Value);
        _unrelated = new EventArrived(T0 + Duration.FromHours(1), _profile, new CustomerEvent("e2", "page.viewed", "c1", T0 + Duration.FromHours(1), Value.EmptyObject));
        if (JourneyInterpreter.Advance(_welcome, _waiting, _timer).Effects.OfType<SendMessage>().Count() != 1)
        {
            throw new InvalidOperationException("the timer benchmark must send one message");
        }
    }

    /// <summary>Wait over → send the welcome email → wait for the second order.</summary>
    [Benchmark(Baseline = true)]
    public AdvanceResult TimerSendsAndWaits() => JourneyInterpreter.Advance(_welcome, _waiting, _timer);

    /// <summary>An event the waiting enrollment does not await: no change.</summary>
    [Benchmark]
    public AdvanceResult UnrelatedEvent() => JourneyInterpreter.Advance(_welcome, _waiting, _unrelated);

    /// <summary>Entry into lifecycle: branch, branch, update with emit, wait.</summary>
    [Benchmark]
    public AdvanceResult EntryThroughFourSteps() => JourneyInterpreter.Advance(_lifecycle, EnrollmentState.Create("lifecycle", 1, "c1", "c1"), _start);

    private static JourneyDefinition Parse(string file) =>
        JourneyParser.TryParse(file, File.ReadAllText(file), JourneyParseContext.Empty, out var j, out var errors)
            ? j! : throw new InvalidOperationException(string.Join("\n", errors));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Engagement.sln not found");
    }
}

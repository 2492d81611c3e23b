using BenchmarkDotNet.Attributes;
using Engagement.Engine.Events;
using Engagement.Journeys.Runtime;

namespace Engagement.Benchmarks;

/// <summary>
/// One event line as the samples write it (an order with three data fields), read by <see cref="EventParser.TryParse(string, out CustomerEvent?, out string?, out string?)"/>
/// (the streaming fast path takes it) and by the strict path alone (<c>EventParser.TryParseStrict</c>: a token tree, then every
/// rule). A simulation reads each line twice (a check, then the run), so this is per event, twice.
/// </summary>
[MemoryDiagnoser]
public class EventParserBenchmarks
{
    private const string Line =
        """{"id":"evt-c002872-002","type":"order.placed","customerId":"c002872","time":"2026-01-05T18:49:00Z","data":{"orderId":"o-c002872-1","amount":167.79,"currency":"CNY"}}""";

    /// <summary>The parser as every host calls it.</summary>
    [Benchmark]
    public CustomerEvent? TryParse() => EventParser.TryParse(Line, out var e, out _, out _) ? e : null;

    /// <summary>The strict path only, as every line was read before the streaming reader.</summary>
    [Benchmark(Baseline = true)]
    public CustomerEvent? TryParseStrict() => EventParser.TryParseStrict(Line, null, out var e, out _, out _) ? e : null;
}

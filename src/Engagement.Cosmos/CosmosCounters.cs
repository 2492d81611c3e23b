using System.Globalization;
using System.Text;
using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="ITimelineSink"/> that counts timeline entries per journey, version, step and UTC day in the <c>counters</c>
/// container (partition key <c>/journeyId</c>: no customer data, and one journey's report is a single-partition query).
/// Each entry is one patch that increments <c>counts.&lt;kind&gt;</c> and, when the entry has a reason,
/// <c>counts.&lt;kind&gt;:&lt;reason&gt;</c>; the first entry of a bucket creates its document (a lost create race falls
/// back to the patch). Entries without a journey are not counted. Thread-safe.
/// </summary>
public sealed class CosmosCounters : ITimelineSink
{
    private readonly CosmosDocuments _docs;

    internal CosmosCounters(CosmosDocuments docs) => _docs = docs;

    /// <inheritdoc />
    public async ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Journey is not { } journey)
        {
            return;
        }

        var day = entry.At.InUtc().Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        var step = entry.Step ?? "-";
        var version = entry.Version ?? 0;
        var id = CosmosIds.Encode(string.Join('|', journey, version.ToString(CultureInfo.InvariantCulture), step, day));
        var names = CounterNames(entry);
        var operations = names.Select(n => PatchOperation.Increment("/counts/" + n, 1)).ToList();
        if (await _docs.PatchAsync(id, journey, operations, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var counts = new JObject();
        foreach (var n in names)
        {
            counts[n] = 1;
        }

        var doc = new JObject { ["id"] = id, ["journeyId"] = journey, ["version"] = version, ["step"] = step, ["day"] = day, ["counts"] = counts };
        if (await _docs.CreateAsync(doc, journey, cancellationToken).ConfigureAwait(false) is null
            && !await _docs.PatchAsync(id, journey, operations, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"counter '{id}' vanished between create and patch");
        }
    }

    /// <summary>One journey's counters for one UTC day (<c>yyyy-MM-dd</c>), ordered by version then step. One
    /// single-partition query.</summary>
    public async ValueTask<IReadOnlyList<StepCounters>> ListDayAsync(string journeyId, string day, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.journeyId = @journey AND c.day = @day")
            .WithParameter("@journey", journeyId)
            .WithParameter("@day", day);
        var docs = await _docs.QueryAsync(query, journeyId, cancellationToken).ConfigureAwait(false);
        return docs
            .Select(d => new StepCounters(
                (string)d["journeyId"]!, (int)d["version"]!, (string)d["step"]!, (string)d["day"]!,
                ((JObject?)d["counts"] ?? []).Properties().ToDictionary(p => p.Name, p => (long)p.Value, StringComparer.Ordinal)))
            .OrderBy(c => c.Version)
            .ThenBy(c => c.Step, StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> CounterNames(TimelineEntry entry)
    {
        var kind = JsonName(entry.Kind.ToString());
        return entry.Reason is { Length: > 0 } reason ? [kind, kind + ":" + PathSafe(reason)] : [kind];
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>A JSON-pointer segment without '/' and '~' (the reason is a short code such as <c>quietHours</c>).</summary>
    private static string PathSafe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c is '/' or '~' ? '_' : c);
        }

        return sb.ToString();
    }
}

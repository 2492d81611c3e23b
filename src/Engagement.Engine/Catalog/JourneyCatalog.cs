using System.Collections.Immutable;
using Engagement.Engine.Policies;
using Engagement.Engine.Templates;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Scheduling;

namespace Engagement.Engine.Catalog;

/// <summary>
/// Everything in a journeys directory, loaded and validated once: journeys (every version; the latest enrolls new customers,
/// older ones finish their enrollments), calendars, templates, and the policies file's text. Immutable after loading.
/// </summary>
public sealed class JourneyCatalog
{
    private readonly ImmutableDictionary<(string, int), JourneyDefinition> _versions;

    private JourneyCatalog(IReadOnlyList<JourneyDefinition> journeys, LiquidTemplateRenderer templates, DeliveryPolicy policy)
    {
        // A duplicate (id, version) is JNY014 (JourneySetValidator); the first file keeps it, so loading never throws.
        _versions = journeys.GroupBy(j => (j.Id, j.Version)).ToImmutableDictionary(g => g.Key, g => g.First());
        Latest = journeys.GroupBy(j => j.Id).Select(g => g.MaxBy(j => j.Version)!).OrderBy(j => j.Id, StringComparer.Ordinal).ToImmutableArray();
        Templates = templates;
        Policy = policy;
    }

    /// <summary>The latest version of each journey, ordered by id.</summary>
    public ImmutableArray<JourneyDefinition> Latest { get; }

    /// <summary>Every loaded (id, version).</summary>
    public IEnumerable<JourneyDefinition> All => _versions.Values.OrderBy(j => j.Id, StringComparer.Ordinal).ThenBy(j => j.Version);

    /// <summary>The templates.</summary>
    public LiquidTemplateRenderer Templates { get; }

    /// <summary>The delivery policy from <c>policies.json</c> (quiet hours, caps, suppression rules), or the empty policy without one.</summary>
    public DeliveryPolicy Policy { get; }

    /// <summary>A given version (enrolled customers finish on theirs).</summary>
    public JourneyDefinition Get(string id, int version) => _versions.TryGetValue((id, version), out var j)
        ? j
        : throw new KeyNotFoundException($"journey '{id}' version {version} is not loaded: keep old versions (e.g. in journeys/archive/) while customers are enrolled on them");

    /// <summary>The same catalog with the holdout of these customers fixed in every journey (scenario tests).</summary>
    public JourneyCatalog WithHoldout(IReadOnlyDictionary<string, bool> holdoutFor)
    {
        var fixedFor = holdoutFor.ToImmutableDictionary(StringComparer.Ordinal);
        return fixedFor.Count == 0 ? this : new JourneyCatalog(_versions.Values.Select(j => j with { HoldoutFor = fixedFor }).ToList(), Templates, Policy);
    }

    /// <summary>Loads a directory: <c>*.json</c> journeys (also under <c>archive/</c>), <c>calendars/*.json</c>,
    /// <c>templates/*.liquid</c>, <c>policies.json</c>. Returns every problem of every file at once.</summary>
    public static JourneyCatalog Load(string directory, out IReadOnlyList<JourneyDiagnostic> diagnostics, IEnumerable<string>? onlyJourneys = null)
    {
        var errors = new List<JourneyDiagnostic>();
        var templates = new LiquidTemplateRenderer();
        var templateDir = Path.Combine(directory, "templates");
        foreach (var file in Directory.Exists(templateDir) ? Directory.GetFiles(templateDir, "*.liquid", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [])
        {
            if (templates.Add(file, File.ReadAllText(file), out var line, out var column) is { } problem)
            {
                errors.Add(new(new SourceLocation(Relative(file), line, column), "TPL001", problem));
            }
        }

        var calendars = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        var calendarDir = Path.Combine(directory, "calendars");
        foreach (var file in Directory.Exists(calendarDir) ? Directory.GetFiles(calendarDir, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            if (CalendarParser.TryParse(Relative(file), File.ReadAllText(file), out var calendar, out var problems))
            {
                calendars[calendar!.Name] = calendar;
            }

            errors.AddRange(problems);
        }

        var context = new JourneyParseContext(templates.Ids, calendars) { Channels = ChannelRegistry.Shared };
        var journeys = new List<JourneyDefinition>();
        var only = onlyJourneys?.ToHashSet(StringComparer.Ordinal);
        foreach (var file in JourneyFiles(directory))
        {
            if (JourneyParser.TryParse(Relative(file), File.ReadAllText(file), context, out var journey, out var problems))
            {
                if (only is null || only.Count == 0 || only.Contains(journey!.Id))
                {
                    journeys.Add(journey!);
                }
            }

            errors.AddRange(problems);
        }

        errors.AddRange(JourneySetValidator.Validate(journeys));
        errors.AddRange(TemplateCoverage.Check(journeys, templates));
        var policy = DeliveryPolicy.Empty;
        var policies = Path.Combine(directory, "policies.json");
        if (File.Exists(policies))
        {
            if (PolicyParser.TryParse(Relative(policies), File.ReadAllText(policies), out var parsed, out var problems))
            {
                policy = parsed!;
            }

            errors.AddRange(problems);
        }

        diagnostics = errors;
        return new JourneyCatalog(journeys, templates, policy);
    }

    /// <summary>The journey files of a directory (or the file itself).</summary>
    public static IEnumerable<string> JourneyFiles(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        var top = Directory.GetFiles(path, "*.json");
        var archive = Path.Combine(path, "archive");
        return top.Concat(Directory.Exists(archive) ? Directory.GetFiles(archive, "*.json") : [])
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal) && Path.GetFileName(f) != "policies.json")
            .Order(StringComparer.Ordinal);
    }

    private static string Relative(string file) => Path.GetRelativePath(Environment.CurrentDirectory, file);
}

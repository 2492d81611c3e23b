using Engagement.Journeys.Parsing;
using Engagement.Journeys.Scheduling;

namespace Engagement.Journeys.Tests.Parsing;

/// <summary>The journeys shipped in journeys/ are valid with the templates and calendars shipped beside them.</summary>
public sealed class JourneyLibraryTests
{
    public static TheoryData<string> JourneyFiles() => new(Files());

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepositoryFiles.Journeys, "*.json").Where(f => !f.EndsWith(".schema.json") && Path.GetFileName(f) != "policies.json").Select(f => Path.GetFileName(f)).Order();

    [Theory]
    [MemberData(nameof(JourneyFiles))]
    public void ShippedJourney_ParsesWithoutErrors(string file)
    {
        var ok = JourneyParser.TryParse(file, File.ReadAllText(Path.Combine(RepositoryFiles.Journeys, file)), Context(), out var journey, out var errors);
        Assert.True(ok, string.Join("\n", errors));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), journey!.Id);
        Assert.False(string.IsNullOrWhiteSpace(journey.Description), "every shipped journey says what is stated and what is a default");
    }

    [Fact]
    public void ShippedJourneys_HaveUniqueIdsAndVersions()
    {
        var journeys = Files().Select(f =>
        {
            Assert.True(JourneyParser.TryParse(f, File.ReadAllText(Path.Combine(RepositoryFiles.Journeys, f)), Context(), out var j, out _));
            return j!;
        }).ToList();
        Assert.Empty(JourneySetValidator.Validate(journeys));
        Assert.True(journeys.Count >= 10);
    }

    private static JourneyParseContext Context()
    {
        var templates = Directory.GetFiles(Path.Combine(RepositoryFiles.Journeys, "templates"), "*.liquid").Select(f => Path.GetFileName(f).Split('.')[0]).ToHashSet();
        var calendars = new Dictionary<string, WorkingCalendar>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Journeys, "calendars"), "*.json"))
        {
            Assert.True(CalendarParser.TryParse(file, File.ReadAllText(file), out var calendar, out var errors), string.Join("\n", errors));
            calendars[calendar!.Name] = calendar;
        }

        return new JourneyParseContext(templates, calendars);
    }
}

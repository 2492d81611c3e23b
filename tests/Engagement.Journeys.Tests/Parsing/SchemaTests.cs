using Engagement.Journeys.Parsing;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Engagement.Journeys.Tests.Parsing;

/// <summary>journeys/journey.schema.json (for editors) and the parser (for the engine) describe the same format.</summary>
public sealed class SchemaTests
{
    private static readonly JsonSchema Journey = JsonSchema.FromFileAsync(Path.Combine(RepositoryFiles.Journeys, "journey.schema.json")).GetAwaiter().GetResult();
    private static readonly JsonSchema Calendar = JsonSchema.FromFileAsync(Path.Combine(RepositoryFiles.Journeys, "calendar.schema.json")).GetAwaiter().GetResult();

    public static TheoryData<string> JourneyFiles() => new(Directory.GetFiles(RepositoryFiles.Journeys, "*.json")
        .Where(f => !f.EndsWith(".schema.json") && Path.GetFileName(f) != "policies.json").Select(f => Path.GetFileName(f)).Order());

    [Theory]
    [MemberData(nameof(JourneyFiles))]
    public void ShippedJourney_ValidatesAgainstTheSchema(string file)
    {
        var errors = Journey.Validate(File.ReadAllText(Path.Combine(RepositoryFiles.Journeys, file)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void ShippedCalendars_ValidateAgainstTheCalendarSchema()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Journeys, "calendars"), "*.json"))
        {
            Assert.Empty(Calendar.Validate(File.ReadAllText(file)));
        }
    }

    [Fact]
    public void SchemaAndParser_KnowTheSameFields()
    {
        var schema = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Journeys, "journey.schema.json")));
        var journeyFields = ((JObject)schema["properties"]!).Properties().Select(p => p.Name).Order().ToList();
        Assert.Equal(JourneyParser.JourneyFields.Order().ToList(), journeyFields);

        var branches = (JArray)schema["properties"]!["steps"]!["additionalProperties"]!["oneOf"]!;
        var byType = branches.ToDictionary(b => (string)b["properties"]!["type"]!["enum"]![0]!, b => ((JObject)b["properties"]!).Properties().Select(p => p.Name).Order().ToList());
        Assert.Equal(StepParser.FieldsByType.Keys.Order(), byType.Keys.Order());
        foreach (var (type, fields) in StepParser.FieldsByType)
        {
            Assert.Equal(fields.Order().ToList(), byType[type]);
        }
    }

    [Theory]
    [InlineData("\"name\": \"W\",", "\"name\": \"W\", \"colour\": \"red\",")]
    [InlineData("\"channel\": \"email\"", "\"channel\": \"fax\"")]
    [InlineData("\"timeout\": \"P1D\", ", "")]
    [InlineData("\"id\": \"w\"", "\"id\": \"W w\"")]
    public void InvalidDocument_IsRejectedByBothSchemaAndParser(string from, string to)
    {
        const string valid = """
            { "id": "w", "version": 1, "name": "W", "trigger": { "event": "go" }, "start": "a",
              "steps": { "a": { "type": "send", "channel": "email", "template": "t", "next": "b" },
                         "b": { "type": "waitForEvent", "event": "e", "timeout": "P1D", "next": "c", "onTimeout": "c" },
                         "c": { "type": "exit" } } }
            """;
        Assert.Empty(Journey.Validate(valid));
        Assert.True(JourneyParser.TryParse("v.json", valid, JourneyParseContext.Empty, out _, out _));

        var broken = valid.Replace(from, to);
        Assert.NotEqual(valid, broken);
        Assert.NotEmpty(Journey.Validate(broken));
        Assert.False(JourneyParser.TryParse("b.json", broken, JourneyParseContext.Empty, out _, out _));
    }
}

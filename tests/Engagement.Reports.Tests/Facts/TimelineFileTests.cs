using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;
using NodaTime;

namespace Engagement.Reports.Tests.Facts;

public sealed class TimelineFileTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 2, 0);

    [Fact]
    public void Parse_ALineWrittenBySimulate_GivesBackTheSameEntry()
    {
        var entry = new TimelineEntry
        {
            At = At, Kind = TimelineKind.Task, CustomerId = "c1", Journey = "complaint-recovery", Version = 3, Step = "call",
            Priority = "urgent", Detail = "care", Holdout = false, EnrollmentId = "e1",
        };

        var parsed = TimelineFile.Parse(TimelineJson.Line(entry));

        Assert.Equal(entry, parsed);
        Assert.Null(parsed.Reason);
    }

    [Fact]
    public void Parse_ATaskLineFromBeforeThePriorityField_KeepsItsPriorityAsTheReason()
    {
        var parsed = TimelineFile.Parse("""{"at":"2026-03-02T02:00:00Z","journey":"j","version":1,"step":"call","kind":"task","reason":"high","detail":"care"}""");

        Assert.Equal(("high", (string?)null), (parsed.Reason, parsed.Priority));
    }

    [Theory]
    [InlineData("""{"at":"yesterday","kind":"sent"}""", "at: 'yesterday' is not an ISO-8601 instant")]
    [InlineData("""{"at":"2026-03-02T02:00:00Z","kind":"teleported"}""", "kind: 'teleported' is not a timeline kind")]
    [InlineData("""{"at":"2026-03-02T02:00:00Z","kind":"sent","holdout":"no"}""", "holdout: expected true or false")]
    [InlineData("""[1]""", "not a JSON object")]
    public void Parse_ALineThatIsNoEntry_SaysWhichField(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => TimelineFile.Parse(line));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_ABadLine_NamesTheFileAndLineNumber()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, [TimelineJson.Line(new TimelineEntry { At = At, Kind = TimelineKind.Entered, Journey = "j", Version = 1 }), string.Empty, "{\"at\":\"x\"}"]);

            var error = Assert.Throws<FormatException>(() => TimelineFile.Read(path).ToList());

            Assert.StartsWith($"{path}:3: at: 'x'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

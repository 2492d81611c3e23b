using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Scheduling;

namespace Engagement.Journeys.Tests.Parsing;

public sealed class JourneyParserTests
{
    private static readonly JourneyParseContext Context = new(
        new HashSet<string> { "welcome", "nudge" },
        new Dictionary<string, WorkingCalendar> { ["cn"] = WorkingCalendar.MondayToFriday });

    private static IReadOnlyList<JourneyDiagnostic> Errors(string json)
    {
        Assert.False(JourneyParser.TryParse("j.json", json, Context, out _, out var errors));
        return errors;
    }

    private static JourneyDiagnostic Single(string json, string code) => Assert.Single(Errors(json), e => e.Code == code);

    private const string Valid = """
        {
          "id": "welcome",
          "version": 1,
          "name": "Welcome",
          "trigger": { "event": ["customer.registered", "order.placed"], "when": "event.source != 'test'" },
          "reentry": { "cooldown": "P30D" },
          "holdout": 10,
          "goal": { "event": "order.placed", "within": "P30D", "exit": true },
          "calendars": ["cn"],
          "start": "hello",
          "steps": {
            "hello": { "type": "send", "channel": "preferred", "template": "welcome", "fallback": ["email"], "next": "ab" },
            "ab": { "type": "split", "variants": [ { "name": "a", "weight": 1, "next": "wait" }, { "name": "b", "weight": 1, "next": "office" } ] },
            "wait": { "type": "wait", "at": "09:00", "days": ["mon", "fri"], "next": "birthday" },
            "office": { "type": "wait", "workingDays": 3, "calendar": "cn", "next": "birthday" },
            "birthday": { "type": "wait", "until": "profile.birthday", "annual": true, "offset": "-P1D", "leapDay": "mar1", "onMissing": "done", "next": "await" },
            "await": { "type": "waitForEvent", "event": "order.placed", "match": "event.amount > 10", "timeout": { "workingDays": 2, "calendar": "cn" }, "next": "mark", "onTimeout": "check" },
            "check": { "type": "branch", "cases": [ { "when": "profile.tier == 'Gold'", "next": "task" } ], "otherwise": "done" },
            "task": { "type": "task", "queue": "care", "title": "Call {{ profile.customerId }}", "due": "PT4H", "priority": "high", "next": "done" },
            "mark": { "type": "update", "set": { "stage": "'won'", "count": 3 }, "tags": { "add": ["won"] }, "emit": { "type": "won", "data": { "by": "enrollment.key" } }, "next": "done" },
            "done": { "type": "exit", "reason": "finished" }
          }
        }
        """;

    [Fact]
    public void TryParse_CompleteJourney_BuildsTheModel()
    {
        Assert.True(JourneyParser.TryParse("j.json", Valid, Context, out var j, out var errors), string.Join("\n", errors));
        Assert.Equal(["customer.registered", "order.placed"], j!.Trigger.Events);
        Assert.Equal(ReentryMode.Cooldown, j.Reentry.Mode);
        Assert.True(j.Goal!.ExitOnGoal);
        var birthday = (DateWait)((WaitStep)j.Step("birthday")).Schedule;
        Assert.Equal(("birthday", true, -1, LeapDayRule.March1, "done"), (birthday.ProfilePath, birthday.Annual, birthday.OffsetDays, birthday.LeapDay, birthday.OnMissing));
        Assert.Equal(2, ((WaitForEventStep)j.Step("await")).WorkingDaysTimeout!.Days);
        Assert.Equal(2, ((SplitStep)j.Step("ab")).Variants.Length);
        Assert.Equal(new SourceLocation("j.json", 12, 5), j.Step("hello").Location);
    }

    [Fact]
    public void TryParse_MalformedJson_ReportsThePosition()
    {
        var e = Single("{\n  \"id\": \"x\",,\n}", DiagnosticCodes.MalformedJson);
        Assert.Equal((2, 13), (e.Location.Line, e.Location.Column)); // the second comma
    }

    [Fact]
    public void TryParse_UnknownField_SuggestsTheClosest()
    {
        var e = Single(Valid.Replace("\"onTimeout\": \"check\"", "\"onTimout\": \"check\", \"onTimeout\": \"check\""), DiagnosticCodes.UnknownField);
        Assert.Contains("did you mean 'onTimeout'", e.Message);
        Assert.Equal(17, e.Location.Line);
    }

    [Fact]
    public void TryParse_DanglingNext_PointsAtTheReference()
    {
        var e = Single(Valid.Replace("\"next\": \"ab\"", "\"next\": \"abb\""), DiagnosticCodes.DanglingReference);
        Assert.Contains("did you mean 'ab'", e.Message);
        Assert.Equal((12, 110), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void TryParse_UnreachableStep_IsReported()
    {
        var e = Single(Valid.Replace("\"done\": { \"type\": \"exit\", \"reason\": \"finished\" }", "\"done\": { \"type\": \"exit\", \"reason\": \"finished\" }, \"orphan\": { \"type\": \"exit\" }"), DiagnosticCodes.Unreachable);
        Assert.Contains("orphan", e.Message);
    }

    [Fact]
    public void TryParse_WaitFreeCycle_NamesTheSteps()
    {
        var e = Single(Valid.Replace("\"otherwise\": \"done\"", "\"otherwise\": \"task\"").Replace("\"priority\": \"high\", \"next\": \"done\"", "\"priority\": \"high\", \"next\": \"check\""), DiagnosticCodes.WaitFreeCycle);
        Assert.Contains("check → task → check", e.Message);
    }

    [Fact]
    public void TryParse_WaitForEventWithoutTimeout_IsAnError() =>
        Single(Valid.Replace("\"timeout\": { \"workingDays\": 2, \"calendar\": \"cn\" }, ", string.Empty), DiagnosticCodes.MissingTimeout);

    [Fact]
    public void TryParse_BadDuration_SaysWhatIsExpected()
    {
        var e = Single(Valid.Replace("\"PT4H\"", "\"4 hours\""), DiagnosticCodes.BadDuration);
        Assert.Contains("P1D", e.Message);
        Assert.Equal((19, 97), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void TryParse_BadTimeZone_SuggestsTheZone()
    {
        var e = Single(Valid.Replace("\"holdout\": 10,", "\"holdout\": 10, \"timeZone\": \"Asia/Shangai\","), DiagnosticCodes.BadTimeZone);
        Assert.Contains("Asia/Shanghai", e.Message);
    }

    [Fact]
    public void TryParse_BadExpression_PointsInsideTheExpression()
    {
        var e = Single(Valid.Replace("event.amount > 10", "event.amount >> 10"), DiagnosticCodes.BadExpression);
        Assert.Equal(17, e.Location.Line);
        Assert.Equal(89, e.Location.Column); // the second '>' inside the string
    }

    [Fact]
    public void TryParse_UnknownTemplate_IsAnError() =>
        Assert.Contains("welcom", Single(Valid.Replace("\"template\": \"welcome\"", "\"template\": \"welcom\""), DiagnosticCodes.UnknownTemplate).Message);

    [Fact]
    public void TryParse_SeveralProblems_ReportsThemAll()
    {
        var broken = Valid
            .Replace("\"holdout\": 10", "\"holdout\": 120")
            .Replace("\"09:00\"", "\"25:00\"")
            .Replace("\"channel\": \"preferred\"", "\"channel\": \"fax\"")
            .Replace("\"id\": \"welcome\"", "\"id\": \"Welcome!\"")
            .Replace("\"PT4H\"", "\"4h\"");
        var codes = Errors(broken).Select(e => e.Code).Order().ToList();
        Assert.Equal([DiagnosticCodes.InvalidId, DiagnosticCodes.BadDuration, DiagnosticCodes.OutOfRange, DiagnosticCodes.BadTime, DiagnosticCodes.BadChoice], codes);
    }

    [Fact]
    public void Validate_DuplicateIdAndVersion_NamesTheFirstFile()
    {
        Assert.True(JourneyParser.TryParse("a.json", Valid, Context, out var a, out _));
        Assert.True(JourneyParser.TryParse("b.json", Valid, Context, out var b, out _));
        var e = Assert.Single(JourneySetValidator.Validate([a!, b!]));
        Assert.Equal("b.json", e.Location.File);
        Assert.Contains("a.json", e.Message);
    }

    [Fact]
    public void ToString_IsFileLineColumnMessage()
    {
        var e = Errors("[1]")[0];
        Assert.StartsWith("j.json:1:", e.ToString());
    }
}

using Engagement.Engine.Policies;
using NodaTime;

namespace Engagement.Engine.Tests.Policies;

public class PolicyParserTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, relative);
    }

    [Fact]
    public void TryParse_ShippedPolicies_HasTheDocumentedDefaults()
    {
        var path = RepoFile("journeys/policies.json");
        Assert.True(PolicyParser.TryParse(path, File.ReadAllText(path), out var policy, out var diagnostics), string.Join("\n", diagnostics));

        Assert.False(policy!.ConsentDefault.Marketing);
        Assert.True(policy.ConsentDefault.Transactional);
        Assert.Equal(new QuietWindow(new LocalTime(21, 0), new LocalTime(8, 0), QuietHoursAction.Defer), policy.QuietHours.WindowFor("sms", null));
        Assert.Equal(new LocalTime(22, 0), policy.QuietHours.WindowFor("email", "DE")!.From);
        Assert.Equal(new LocalTime(20, 0), policy.QuietHours.WindowFor("sms", "CN")!.From);
        Assert.Equal(["marketing-daily", "marketing-weekly", "sms-weekly"], policy.Caps.Select(c => c.Name));
        Assert.Equal((1, CapWindowKind.Day), (policy.Caps[0].Max, policy.Caps[0].Window.Kind));
        Assert.Equal((3, CapWindowKind.Week), (policy.Caps[1].Max, policy.Caps[1].Window.Kind));
        Assert.Equal((2, "sms"), (policy.Caps[2].Max, policy.Caps[2].Channel));
        Assert.True(policy.TransactionalExemptFromCaps);
        Assert.True(policy.QuietHours.TransactionalExempt);
        Assert.Equal("open-complaint", Assert.Single(policy.Suppressions).Name);
    }

    [Fact]
    public void TryParse_BadExpression_ReportsFileLineColumn()
    {
        const string text = "{\n  \"suppressions\": [\n    { \"name\": \"x\", \"when\": \"profile.a >\" }\n  ]\n}";

        Assert.False(PolicyParser.TryParse("p.json", text, out var policy, out var diagnostics));

        Assert.Null(policy);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("p.json", 3, "POL007"), (d.Location.File, d.Location.Line, d.Code));
        Assert.Contains("rule 'x'", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "caps": [ { "name": "c", "max": 1, "window": "fortnight" } ] }""", "POL009")]
    [InlineData("""{ "caps": [ { "name": "c", "max": -1, "window": "day" } ] }""", "POL003")]
    [InlineData("""{ "caps": [ { "name": "c", "max": 1, "window": "day", "chanel": "sms" } ] }""", "POL002")]
    [InlineData("""{ "quietHours": { "channels": { "fax": { "from": "21:00", "to": "08:00" } } } }""", "POL008")]
    [InlineData("""{ "quietHours": { "channels": { "sms": { "from": "25:00", "to": "08:00" } } } }""", "POL005")]
    [InlineData("""{ "quietHours": { "channels": { "sms": { "from": "21:00", "to": "08:00", "action": "drop" } } } }""", "POL005")]
    [InlineData("""{ "consentDefault": { "marketing": "maybe" } }""", "POL005")]
    [InlineData("""{ "suppressions": [ { "name": "a", "when": "true" }, { "name": "a", "when": "true" } ] }""", "POL006")]
    [InlineData("""{ "caps": [ { "name": "c", "max": 1 """, "POL001")]
    [InlineData("""[]""", "POL003")]
    public void TryParse_Mistakes_AreReportedWithCodes(string text, string code)
    {
        Assert.False(PolicyParser.TryParse("p.json", text, out _, out var diagnostics));
        Assert.Contains(diagnostics, d => d.Code == code && d.Location.Line >= 1 && d.Location.File == "p.json");
    }

    [Fact]
    public void TryParse_EmptyObject_IsTheEmptyPolicy()
    {
        Assert.True(PolicyParser.TryParse("p.json", "{}", out var policy, out _));
        Assert.Empty(policy!.Caps);
        Assert.Equal(RetryPolicy.Default, policy.Retry);
    }

    [Fact]
    public void DelayAfter_IsDeterministicPerKeyAndGrowsExponentially()
    {
        var retry = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.Equal(retry.DelayAfter(2, "k"), retry.DelayAfter(2, "k"));
        Assert.InRange(retry.DelayAfter(1, "k").TotalMilliseconds, 500, 1000);
        Assert.InRange(retry.DelayAfter(2, "k").TotalMilliseconds, 1000, 2000);
        Assert.InRange(retry.DelayAfter(4, "k").TotalMilliseconds, 1500, 3000);
    }
}

using Engagement.Engine.Profiles;
using Engagement.Engine.Scenarios;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>The customer profile of a journey's first shipped scenario (journeys/tests/&lt;journey&gt;.scenarios.json), under another customer id.</summary>
public static class ScenarioProfiles
{
    /// <summary>The first scenario's first profile, with <paramref name="customerId"/>.</summary>
    public static CustomerProfile For(string journey, string customerId)
    {
        var path = Path.Combine(FunctionsOutput.RepositoryRoot, "journeys", "tests", journey + ".scenarios.json");
        Assert.True(ScenarioParser.TryParse(path, File.ReadAllText(path), out var suite, out var problems), string.Join("; ", problems));
        var line = suite!.Scenarios[0].Profiles[0];
        Assert.True(ProfileParser.TryParse(line, out var profile, out var field, out var error), $"{path}: {field}: {error}");
        return profile! with { CustomerId = customerId };
    }
}

using System.Collections.Immutable;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Profiles;

/// <summary>The snapshot is deferred: every path read one field at a time gives what the built data gives.</summary>
public sealed class CustomerProfileSnapshotTests
{
    private static readonly string[] Names =
        ["customerId", "locale", "timezone", "birthday", "tags", "channels", "hasEmail", "hasPhone", "hasPush", "tier", "points", "address", "nothing"];

    public static TheoryData<string> Profiles() => new()
    {
        """{ "customerId": "c1" }""",
        """{ "customerId": "c2", "email": "a@example.com", "phone": "+8613800000000", "locale": "zh-CN", "timezone": "Asia/Shanghai", "birthday": "1990-02-28", "channels": ["sms", "email"], "tags": ["vip", "new"], "attributes": { "tier": "Gold", "points": 1200, "address": { "city": "Shanghai" }, "hasEmail": "shadowed", "locale": "shadowed" } }""",
        """{ "customerId": "c3", "email": "  ", "attributes": { "tags": "shadowed", "customerId": "other" } }""",
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ToSnapshot_EveryFieldReadAlone_EqualsTheBuiltData(string line)
    {
        Assert.True(ProfileParser.TryParse(line, out var profile, out _, out var error), error);
        var built = profile!.ToSnapshot().Data;

        foreach (var name in Names)
        {
            Assert.Equal(built[name], profile.ToSnapshot().Get([name]));
            Assert.Equal(built.Get([name, "city"]), profile.ToSnapshot().Get([name, "city"]));
        }

        Assert.Equal(built, profile.ToSnapshot().Get([]));
        Assert.Equal(built["timezone"].AsString(), profile.ToSnapshot().TimeZone);
        Assert.Equal(built["locale"].AsString(), profile.ToSnapshot().Locale);
    }

    [Fact]
    public void ExpressionScope_ConditionOnAttributes_DoesNotBuildTheData()
    {
        var built = 0;
        var snapshot = Journeys.Runtime.ProfileSnapshot.Deferred("c1", null, null, () => { built++; return Value.EmptyObject; },
            name => name == "openComplaints" ? Value.FromNumber(2) : Value.Missing);
        Assert.True(Expression.TryParse("profile.openComplaints > 0 and profile.tier != 'Gold'", out var condition, out _));

        Assert.True(condition!.IsTrue(new ExpressionScope(snapshot, Value.Missing, Value.Missing, Instant.FromUtc(2026, 1, 1, 0, 0))));
        Assert.Equal(0, built);

        _ = new ExpressionScope(snapshot, Value.Missing, Value.Missing, Instant.FromUtc(2026, 1, 1, 0, 0)).Root("profile");
        Assert.Equal(1, built);
    }

    [Fact]
    public void ToSnapshot_AProfileWithUpdatedAttributes_ReadsTheNewValues()
    {
        var before = new CustomerProfile { CustomerId = "c1", Attributes = Value.EmptyObject.With("tier", Value.FromString("Silver")) };
        var after = before with { Attributes = before.Attributes.With("tier", Value.FromString("Gold")), Tags = ImmutableSortedSet.Create("vip") };

        Assert.Equal("Silver", before.ToSnapshot().Get(["tier"]).AsString());
        Assert.Equal("Gold", after.ToSnapshot().Get(["tier"]).AsString());
        Assert.Equal(after.ToSnapshot().Data["tags"], after.ToSnapshot().Get(["tags"]));
    }

    [Fact]
    public void Deferred_WithoutAFieldFunction_BuildsTheDataOnceForEveryPath()
    {
        var built = 0;
        var snapshot = Journeys.Runtime.ProfileSnapshot.Deferred("c1", null, null, () => { built++; return Value.EmptyObject.With("tier", Value.FromString("Gold")); });

        Assert.Equal("Gold", snapshot.Get(["tier"]).AsString());
        Assert.Equal(Value.Missing, snapshot.Get(["missing"]));
        Assert.Equal(1, built);
    }

    [Fact]
    public void ToSnapshot_ReadsTheProfileItself_AsItsProfileData()
    {
        var profile = new CustomerProfile { CustomerId = "c1", Locale = "en-GB", Attributes = Value.EmptyObject.With("tier", Value.FromString("Gold")) };
        Journeys.Runtime.IProfileData data = profile;

        var snapshot = profile.ToSnapshot();

        Assert.Equal(data.Build(), snapshot.Data);
        Assert.Equal(data.Field("tier"), snapshot.Get(["tier"]));
        Assert.Equal("en-GB", data.Field("locale").AsString());
    }
}

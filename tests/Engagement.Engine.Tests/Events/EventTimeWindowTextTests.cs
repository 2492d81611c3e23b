using Engagement.Engine.Events;
using NodaTime;

namespace Engagement.Engine.Tests.Events;

/// <summary>The window read from text settings (the engage flags, the Azure app settings): values over the defaults, one-line errors naming the setting.</summary>
public sealed class EventTimeWindowTextTests
{
    private static readonly (string, string, string) Names = ("--before", "--after", "--ahead");

    [Fact]
    public void TryRead_NoValues_IsTheDefaults()
    {
        Assert.Equal(EventTimeWindow.Default, EventTimeWindowText.TryRead(EventTimeWindow.Default, null, " ", "", Names, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void TryRead_Values_ReplaceTheDefaults()
    {
        var window = EventTimeWindowText.TryRead(EventTimeWindow.Default, "2010-01-01T00:00:00Z", "2040-01-01T00:00:00Z", "PT6H", Names, out _);

        Assert.Equal(new EventTimeWindow(Instant.FromUtc(2010, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 1, 0, 0), Duration.FromHours(6)), window);
    }

    [Theory]
    [InlineData("yesterday", null, null, "--before: 'yesterday' is not an instant: expected ISO-8601 such as 2000-01-01T00:00:00Z")]
    [InlineData(null, "2040-13-01T00:00:00Z", null, "--after: '2040-13-01T00:00:00Z' is not an instant: expected ISO-8601 such as 2000-01-01T00:00:00Z")]
    [InlineData(null, null, "P1Y", "--ahead: 'P1Y' is not a duration: expected ISO-8601 days or hours such as P1D or PT6H")]
    [InlineData(null, null, "P-1D", "--ahead: 'P-1D' is negative")]
    [InlineData("2050-01-01T00:00:00Z", "2040-01-01T00:00:00Z", null, "--after: is before --before")]
    public void TryRead_ABadValue_IsNullWithOneLineNamingTheSetting(string? before, string? after, string? ahead, string expected)
    {
        Assert.Null(EventTimeWindowText.TryRead(EventTimeWindow.Default, before, after, ahead, Names, out var error));
        Assert.Equal(expected, error);
    }
}

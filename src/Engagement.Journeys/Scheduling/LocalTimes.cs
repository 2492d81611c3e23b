using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Scheduling;

/// <summary>Parses local times of day as written in journeys: <c>09:00</c>, <c>9:00</c>, <c>21:30:00</c>.</summary>
public static class LocalTimes
{
    private static readonly LocalTimePattern Short = LocalTimePattern.CreateWithInvariantCulture("H:mm");
    private static readonly LocalTimePattern Long = LocalTimePattern.CreateWithInvariantCulture("H:mm:ss");

    /// <summary>Parses; false for anything else (e.g. <c>25:00</c>).</summary>
    public static bool TryParse(string? text, out LocalTime time)
    {
        time = default;
        if (text is null)
        {
            return false;
        }

        var result = Short.Parse(text);
        if (!result.Success)
        {
            result = Long.Parse(text);
        }

        if (result.Success)
        {
            time = result.Value;
        }

        return result.Success;
    }
}

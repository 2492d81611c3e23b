using System.Collections.Immutable;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Scheduling;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Engine.Policies;

/// <summary>Reading the <c>quietHours</c> section.</summary>
public static partial class PolicyParser
{
    private static QuietHoursPolicy ReadQuietHours(PolicyJson json, JObject? obj)
    {
        if (obj is null)
        {
            return QuietHoursPolicy.None;
        }

        json.OnlyFields(obj, "'quietHours'", "channels", "countries");
        var channels = ImmutableDictionary.CreateBuilder<string, QuietWindow>(StringComparer.Ordinal);
        foreach (var (channel, window) in ReadWindows(json, json.Object(obj["channels"], "'quietHours.channels'"), "quietHours.channels"))
        {
            if (window is not null)
            {
                channels[channel] = window;
            }
        }

        var countries = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, QuietWindow?>>(StringComparer.Ordinal);
        if (json.Object(obj["countries"], "'quietHours.countries'") is { } byCountry)
        {
            foreach (var country in byCountry.Properties())
            {
                var windows = ReadWindows(json, json.Object(country.Value, $"quietHours.countries.{country.Name}"), $"quietHours.countries.{country.Name}");
                countries[country.Name] = windows.ToImmutableDictionary(StringComparer.Ordinal);
            }
        }

        return new QuietHoursPolicy { Channels = channels.ToImmutable(), Countries = countries.ToImmutable() };
    }

    private static IEnumerable<KeyValuePair<string, QuietWindow?>> ReadWindows(PolicyJson json, JObject? obj, string what)
    {
        var result = new List<KeyValuePair<string, QuietWindow?>>();
        foreach (var property in obj?.Properties() ?? [])
        {
            if (!ChannelRegistry.Shared.Contains(property.Name))
            {
                json.Error(property, "POL008", $"unknown channel '{property.Name}' in {what}: expected {ChannelRegistry.Shared.Describe()}");
                continue;
            }

            if (property.Value.Type == JTokenType.Null)
            {
                result.Add(new(property.Name, null));
                continue;
            }

            if (json.Object(property.Value, $"{what}.{property.Name}") is not { } window)
            {
                continue;
            }

            var where = $"{what}.{property.Name}";
            json.OnlyFields(window, where, "from", "to", "action");
            var from = Time(json, window, "from", where);
            var to = Time(json, window, "to", where);
            var action = json.String(window, "action", where, required: false);
            if (action is not (null or "defer" or "skip"))
            {
                json.Error(window["action"]!, "POL005", $"'action' in {where} is '{action}': expected defer or skip");
            }

            if (from is not null && to is not null)
            {
                result.Add(new(property.Name, new QuietWindow(from.Value, to.Value, action == "skip" ? QuietHoursAction.Skip : QuietHoursAction.Defer)));
            }
        }

        return result;
    }

    private static LocalTime? Time(PolicyJson json, JObject obj, string name, string what)
    {
        var text = json.String(obj, name, what, required: true);
        if (text is null)
        {
            return null;
        }

        if (LocalTimes.TryParse(text, out var time))
        {
            return time;
        }

        json.Error(obj[name]!, "POL005", $"'{name}' in {what} is '{text}': expected a local time such as 21:00");
        return null;
    }
}
